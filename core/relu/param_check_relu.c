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
    return RS_OK;
}
