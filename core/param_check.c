/* param_check.c — cross-key validation per generator, run before any computation. */
#include "param.h"

#include "model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* 1 when key is one of generator gen's keys (param_def.generators). */
static int uses_key(int gen, const char *key)
{
    const int i = param_find(key);
    return i >= 0 && (param_table[i].generators & (1u << gen));
}

/* "a|b|c": the names of the methods in set. */
static void method_list(unsigned set, char *buf, size_t len)
{
    size_t off = 0;
    buf[0] = 0;
    for (int m = 0; m < METHOD_COUNT && off < len; m++)
        if (set & (1u << m))
            off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? "|" : "",
                                    param_method_name(m));
}

/* The checks every generator shares: k <= d, the method key and compare within the
 * generator's methods, the shown coordinates < d. */
static rs_status check_generic(const model_ops *ops, const rs_params *p, rs_error *err)
{
    if (uses_key(p->generator, "k") && p->k > p->d)
        return rs_error_set(err, RS_EINVAL, "k=%zu: allowed 0 (= d) or 1..d = %zu for %s", p->k,
                            p->d, ops->name);
    char allowed[128];
    method_list(ops->methods, allowed, sizeof allowed);
    const int mk = param_find(ops->method_key);
    if (uses_key(p->generator, ops->method_key)) {
        const int m = param_get_enum(p, mk);
        if (m < 0 || m >= METHOD_COUNT || !((1u << m) & ops->methods))
            return rs_error_set(err, RS_EINVAL, "%s=%s: allowed %s for %s", ops->method_key,
                                m >= 0 && m < METHOD_COUNT ? param_method_name(m) : "?", allowed,
                                ops->name);
    }
    if (uses_key(p->generator, "compare") && (p->compare & ~ops->methods)) {
        char buf[128];
        param_format(p, param_find("compare"), buf, sizeof buf);
        return rs_error_set(err, RS_EINVAL, "compare=%s: allowed a comma list of %s for %s", buf,
                            allowed, ops->name);
    }
    if (uses_key(p->generator, "coord") && (p->coord >= p->d || p->coord2 >= p->d))
        return rs_error_set(err, RS_EINVAL, "coord=%zu, coord2=%zu: allowed 0..d-1 = %zu", p->coord,
                            p->coord2, p->d - 1);
    return RS_OK;
}

/* One parameter point, through the generator's own check. */
static rs_status check_point(const rs_params *p, rs_error *err)
{
    const model_ops *ops = model_get(p->generator);
    if (!ops)
        return rs_error_set(err, RS_EINVAL, "generator=%s: not built into this version",
                            param_generator_name(p->generator));
    /* The generator's own first: its messages are the more specific (d >= 2 for the
     * quadratic angles, before coord2 < d). */
    const rs_status st = ops->check(p, err);
    return st != RS_OK ? st : check_generic(ops, p, err);
}

rs_status param_check(const rs_params *p, rs_error *err)
{
    if (p->sweep < 0)
        return check_point(p, err);
    const param_def *key = &param_table[p->sweep];
    if (key->flags & PARAM_NO_SWEEP)
        return rs_error_set(err, RS_EINVAL,
                            "sweep=%s: allowed a numeric key other than seeds, "
                            "run counts, coordinates and the sweep's own settings",
                            key->key);
    if (!(key->generators & (1u << p->generator)))
        return rs_error_set(err, RS_EINVAL, "sweep=%s: not a key of generator %s", key->key,
                            param_generator_name(p->generator));
    if (p->n_sweep_values == 0 && p->sweep_scale == SWEEP_LOG &&
        !(p->sweep_from > 0.0 && p->sweep_to > 0.0))
        return rs_error_set(
            err, RS_EINVAL,
            "sweep_from=%g, sweep_to=%g: allowed positive values with sweep_scale=log",
            p->sweep_from, p->sweep_to);
    double values[PARAM_MAX_LIST];
    const size_t m = param_sweep_values(p, values);
    for (size_t j = 0; j < m; j++) {
        rs_params q = *p;
        rs_error e;
        if (param_set_number(&q, p->sweep, values[j], &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "sweep value %s=%.10g: %s", key->key, values[j],
                                e.msg);
        const rs_status st = check_point(&q, &e);
        if (st != RS_OK)
            return rs_error_set(err, st, "%s (at sweep value %s=%.10g)", e.msg, key->key,
                                values[j]);
    }
    return RS_OK;
}
