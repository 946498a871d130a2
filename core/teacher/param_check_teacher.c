/* param_check_teacher.c — cross-key checks of one parameter point of the teacher
 * generator (SPEC 5.3), before any computation. */
#include "param.h"

#include <stdio.h>

rs_status param_check_teacher(const rs_params *p, rs_error *err);

rs_status param_check_teacher(const rs_params *p, rs_error *err)
{
    const size_t k = p->k == 0 ? p->d : p->k;
    const unsigned ok = (1u << METHOD_L2) | (1u << METHOD_GE) | (1u << METHOD_SCORE) | (1u << METHOD_LLSFE);
    if (k > p->d)
        return rs_error_set(err, RS_EINVAL, "k=%zu: allowed 0 (= d) or 1..d = %zu for teacher", p->k, p->d);
    if (!((1u << p->loss) & ok))
        return rs_error_set(err, RS_EINVAL, "loss=%s: allowed l2|ge|score|llsfe for teacher",
                            param_method_name(p->loss));
    if (p->compare & ~ok) {
        char buf[128];
        param_format(p, param_find("compare"), buf, sizeof buf);
        return rs_error_set(err, RS_EINVAL, "compare=%s: allowed a comma list of l2|ge|score|llsfe for teacher", buf);
    }
    if (p->coord >= p->d || p->coord2 >= p->d)
        return rs_error_set(err, RS_EINVAL, "coord=%zu, coord2=%zu: allowed 0..d-1 = %zu", p->coord,
                            p->coord2, p->d - 1);
    if (p->truth == TRUTH_IDENTITY && p->kappa != 1.0)
        return rs_error_set(err, RS_EINVAL, "kappa=%g: allowed 1 with truth=identity (use truth=conditioned)",
                            p->kappa);
    if (p->optimizer == OPT_SGD && p->batch > p->n)
        return rs_error_set(err, RS_EINVAL, "batch=%zu: allowed 1..n = %zu with optimizer=sgd", p->batch, p->n);
    /* LLSFE: the design [1 | X | X (x) X] and the S4 tensor grow as d^2 and d^4 (llsfe.h) */
    if ((param_methods(p) & (1u << METHOD_LLSFE)) && p->d > 16)
        return rs_error_set(err, RS_EINVAL, "d=%zu: allowed 1..16 with the llsfe loss (O(n d^2) per point)", p->d);
    if (p->n < 2)
        return rs_error_set(err, RS_EINVAL, "n=%zu: allowed 2..1e9 for teacher", p->n);
    return RS_OK;
}
