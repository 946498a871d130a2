/* param_check.c — cross-key validation per generator, run before any computation. */
#include "param.h"

#include "model.h"
#include "param_internal.h"

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

/* The view is one the generator offers (model_ops.views). */
static rs_status check_view(const model_ops *ops, const rs_params *p, rs_error *err)
{
    if (p->view >= 0 && p->view < VIEW_COUNT && (ops->views & (1u << p->view)))
        return RS_OK;
    if (p->view == VIEW_PHASE) /* every generator's, drawn from the cells alone */
        return RS_OK;
    char views[96];
    size_t off = 0;
    views[0] = 0;
    for (int v = 0; v < VIEW_COUNT; v++)
        if (ops->views & (1u << v))
            off += (size_t)snprintf(views + off, sizeof views - off, "%s%s", off ? "|" : "",
                                    param_view_name(v));
    return rs_error_set(err, RS_EINVAL, "view=%s: allowed %s|phase for %s",
                        p->view >= 0 && p->view < VIEW_ALL_COUNT ? param_view_name(p->view) : "?",
                        views, ops->name);
}

/* The phase map's metric (metric key): auto or one of the generator's metric names. */
rs_status param_metric_check(const model_ops *ops, const char *name, rs_error *err)
{
    if (strcmp(name, "auto") == 0)
        return RS_OK;
    char allowed[256];
    int w = snprintf(allowed, sizeof allowed, "auto");
    for (size_t i = 0; i < ops->n_metrics; i++) {
        if (strcmp(ops->metric_names[i], name) == 0)
            return RS_OK;
        if ((size_t)w < sizeof allowed)
            w += snprintf(allowed + w, sizeof allowed - (size_t)w, "|%s", ops->metric_names[i]);
    }
    return rs_error_set(err, RS_EINVAL, "metric=%.*s%s: allowed %s for %s", PARAM_CLIP(name, 80),
                        allowed, ops->name);
}

static rs_status check_metric(const model_ops *ops, const rs_params *p, rs_error *err)
{
    return param_metric_check(ops, param_table[param_find("metric")].names[p->metric], err);
}

/* The checks every generator shares: k <= d, the method key and compare within the
 * generator's methods, a view it offers, the shown coordinates < d. */
static rs_status check_generic(const model_ops *ops, const rs_params *p, rs_error *err)
{
    rs_status st;
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
    if ((st = check_view(ops, p, err)) != RS_OK || (st = check_metric(ops, p, err)) != RS_OK)
        return st;
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

/* Swept key `key`, set by setting `name` (sweep or sweep2) with the range from..to on
 * `scale` unless an explicit list is given: sweepable, a key of the generator, and a
 * range a log scale can space. */
static rs_status check_swept_key(const rs_params *p, const char *name, int key, size_t n_list,
                                 double from, double to, int scale, rs_error *err)
{
    const param_def *d = &param_table[key];
    if (d->flags & PARAM_NO_SWEEP)
        return rs_error_set(err, RS_EINVAL,
                            "%s=%s: allowed a numeric key other than seeds, "
                            "run counts, coordinates and the sweep's own settings",
                            name, d->key);
    if (!(d->generators & (1u << p->generator)))
        return rs_error_set(err, RS_EINVAL, "%s=%s: not a key of generator %s", name, d->key,
                            param_generator_name(p->generator));
    if (n_list == 0 && scale == SWEEP_LOG && !(from > 0.0 && to > 0.0))
        return rs_error_set(err, RS_EINVAL,
                            "%s_from=%g, %s_to=%g: allowed positive values with %s_scale=log", name,
                            from, name, to, name);
    return RS_OK;
}

/* The second key of a phase map (issue 17): a key other than the first, which must be set. */
static rs_status check_sweep2(const rs_params *p, rs_error *err)
{
    if (p->sweep2 < 0)
        return RS_OK;
    if (p->sweep < 0)
        return rs_error_set(err, RS_EINVAL,
                            "sweep2=%s: allowed only with sweep set to another key (the map's x "
                            "axis)",
                            param_table[p->sweep2].key);
    if (p->sweep2 == p->sweep)
        return rs_error_set(err, RS_EINVAL, "sweep2=%s: allowed a key other than sweep=%s",
                            param_table[p->sweep2].key, param_table[p->sweep].key);
    return check_swept_key(p, "sweep2", p->sweep2, p->n_sweep2_values, p->sweep2_from, p->sweep2_to,
                           p->sweep2_scale, err);
}

/* One sweep point (values x of sweep and y of sweep2, when set) through every check. */
static rs_status check_at(const rs_params *p, double x, double y, rs_error *err)
{
    rs_params q = *p;
    rs_error e;
    const int keys[2] = {p->sweep, p->sweep2};
    const double vals[2] = {x, y};
    char at[160];
    int len = 0;
    for (int j = 0; j < 2; j++) {
        if (keys[j] < 0)
            continue;
        if (param_set_number(&q, keys[j], vals[j], &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "sweep value %s=%.10g: %s",
                                param_table[keys[j]].key, vals[j], e.msg);
        len += snprintf(at + len, sizeof at - (size_t)len, "%s%s=%.10g", len ? ", " : "",
                        param_table[keys[j]].key, vals[j]);
    }
    const rs_status st = check_point(&q, &e);
    if (st != RS_OK)
        return rs_error_set(err, st, "%s (at sweep value %s)", e.msg, at);
    return RS_OK;
}

rs_status param_check(const rs_params *p, rs_error *err)
{
    if (p->sweep < 0 && p->sweep2 < 0)
        return check_point(p, err);
    rs_status st = check_sweep2(p, err);
    if (st != RS_OK)
        return st;
    st = check_swept_key(p, "sweep", p->sweep, p->n_sweep_values, p->sweep_from, p->sweep_to,
                         p->sweep_scale, err);
    if (st != RS_OK)
        return st;
    double values[PARAM_MAX_LIST], values2[PARAM_MAX_LIST];
    const size_t m = param_sweep_values(p, values), m2 = param_sweep2_values(p, values2);
    for (size_t j = 0; j < m; j++)
        for (size_t i = 0; i < m2; i++)
            if ((st = check_at(p, values[j], values2[i], err)) != RS_OK)
                return st;
    return RS_OK;
}
