/* param_check.c — cross-key validation per generator, run before any computation. */
#include "param.h"

#include "model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

rs_status param_check_relu(const rs_params *p, rs_error *err);

/* Checks of one parameter point of relu (the sweep value already applied). */
rs_status param_check_relu(const rs_params *p, rs_error *err)
{
    const size_t k = p->k == 0 ? p->d : p->k;
    {
        if (k > p->d)
            return rs_error_set(err, RS_EINVAL, "k=%zu: allowed 0 (= d) or 1..d = %zu for relu", p->k, p->d);
        if (!(p->r > 1.0))
            return rs_error_set(err, RS_EINVAL, "r=%g: allowed a number > 1 for relu (D_r, eq. 8)", p->r);
        const unsigned ok = (1u << METHOD_SGD) | (1u << METHOD_MLE) | (1u << METHOD_MEDIAN);
        if (!((1u << p->estimator) & ok))
            return rs_error_set(err, RS_EINVAL, "estimator=%s: allowed sgd|mle|median for relu",
                                param_method_name(p->estimator));
        if (p->compare & ~ok) {
            char buf[128];
            param_format(p, param_find("compare"), buf, sizeof buf);
            return rs_error_set(err, RS_EINVAL, "compare=%s: allowed a comma list of sgd|mle|median for relu", buf);
        }
        if (p->coord >= p->d || p->coord2 >= p->d)
            return rs_error_set(err, RS_EINVAL, "coord=%zu, coord2=%zu: allowed 0..d-1 = %zu", p->coord,
                                p->coord2, p->d - 1);
        if (p->batches > p->n)
            return rs_error_set(err, RS_EINVAL, "batches=%zu: allowed 1..n = %zu", p->batches, p->n);
        return RS_OK;
    }
}

/* One parameter point, through the generator's own check. */
static rs_status check_point(const rs_params *p, rs_error *err)
{
    const model_ops *ops = model_get(p->generator);
    if (!ops)
        return rs_error_set(err, RS_EINVAL, "generator=%s: not built into this version",
                            param_generator_name(p->generator));
    return ops->check(p, err);
}

rs_status param_check(const rs_params *p, rs_error *err)
{
    if (p->sweep < 0)
        return check_point(p, err);
    const param_def *key = &param_table[p->sweep];
    if (!(key->generators & (1u << p->generator)))
        return rs_error_set(err, RS_EINVAL, "sweep=%s: not a key of generator %s", key->key,
                            param_generator_name(p->generator));
    if (p->n_sweep_values == 0 && p->sweep_scale == SWEEP_LOG &&
        !(p->sweep_from > 0.0 && p->sweep_to > 0.0))
        return rs_error_set(err, RS_EINVAL, "sweep_from=%g, sweep_to=%g: allowed positive values with sweep_scale=log",
                            p->sweep_from, p->sweep_to);
    double values[PARAM_MAX_LIST];
    const size_t m = param_sweep_values(p, values);
    for (size_t j = 0; j < m; j++) {
        rs_params q = *p;
        rs_error e;
        if (param_set_number(&q, p->sweep, values[j], &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "sweep value %s=%.10g: %s", key->key, values[j], e.msg);
        const rs_status st = check_point(&q, &e);
        if (st != RS_OK)
            return rs_error_set(err, st, "%s (at sweep value %s=%.10g)", e.msg, key->key, values[j]);
    }
    return RS_OK;
}
