/* param_check_relu.c — the relu generator's own checks of one parameter point (SPEC
 * 5.1); the generic ones (k <= d, estimator and compare, coordinates) ran before. */
#include "model.h"
#include "param.h"

rs_status param_check_relu(const rs_params *p, rs_error *err);

rs_status param_check_relu(const rs_params *p, rs_error *err)
{
    if (!(p->r > 1.0))
        return rs_error_set(err, RS_EINVAL, "r=%g: allowed a number > 1 for relu (D_r, eq. 8)",
                            p->r);
    if (p->batches > p->n)
        return rs_error_set(err, RS_EINVAL, "batches=%zu: allowed 1..n = %zu", p->batches, p->n);
    /* Claim 2 is about the one-dimensional D(1, b) with b = bias_scale. */
    if (p->target_err > 0.0 && (p->d != 1 || p->bias != BIAS_CONST))
        return rs_error_set(err, RS_EINVAL,
                            "target_err=%g: allowed only with d = 1 and bias = const (Claim 2's "
                            "D(1, b), b = bias_scale); d = %zu",
                            p->target_err, p->d);
    if (p->target_err > 0.0 &&
        (p->estimator != METHOD_CENSORED || (p->compare & ~(1u << METHOD_CENSORED))))
        return rs_error_set(err, RS_EINVAL,
                            "target_err=%g: allowed only with estimator = censored (the "
                            "unclipped MLE)",
                            p->target_err);
    return RS_OK;
}
