/* param_check_teacher.c — cross-key checks of one parameter point of the teacher
 * generator (SPEC 5.3), before any computation. */
#include "param.h"

#include <stdio.h>

rs_status param_check_teacher(const rs_params *p, rs_error *err);

rs_status param_check_teacher(const rs_params *p, rs_error *err)
{
    if (p->truth == TRUTH_IDENTITY && p->kappa != 1.0)
        return rs_error_set(err, RS_EINVAL,
                            "kappa=%g: allowed 1 with truth=identity (use truth=conditioned)",
                            p->kappa);
    if (p->optimizer == OPT_SGD && p->batch > p->n)
        return rs_error_set(err, RS_EINVAL, "batch=%zu: allowed 1..n = %zu with optimizer=sgd",
                            p->batch, p->n);
    /* LLSFE: the design [1 | X | X (x) X] and the S4 tensor grow as d^2 and d^4 (llsfe.h) */
    if ((param_methods(p) & (1u << METHOD_LLSFE)) && p->d > 16)
        return rs_error_set(err, RS_EINVAL,
                            "d=%zu: allowed 1..16 with the llsfe loss (O(n d^2) per point)", p->d);
    if (p->llsfe_degree != 2 && p->llsfe_degree != 4)
        return rs_error_set(err, RS_EINVAL, "llsfe_degree=%zu: allowed 2 or 4", p->llsfe_degree);
    /* the degree-4 fit integrates over Q^d quadrature nodes (llsfe4.h) */
    if ((param_methods(p) & (1u << METHOD_LLSFE)) && p->llsfe_degree == 4 && p->d > 3)
        return rs_error_set(err, RS_EINVAL, "d=%zu: allowed 1..3 with llsfe_degree=4", p->d);
    if (p->n < 2)
        return rs_error_set(err, RS_EINVAL, "n=%zu: allowed 2..1e9 for teacher", p->n);
    return RS_OK;
}
