/* param_check_matrix.c — cross-key checks of one parameter point of the matrix generator
 * (Mazumdar, Rawat 2019, SPEC 5.2), run before any computation. Each failure is one line naming the
 * key, the value and what is allowed. */
#include "param.h"

#include <math.h>

#include "job_matrix.h"

rs_status param_check_matrix(const rs_params *p, rs_error *err);

rs_status param_check_matrix(const rs_params *p, rs_error *err)
{
    const size_t k = p->k == 0 ? p->d : p->k, dn = p->d < p->n ? p->d : p->n;
    if (p->n < 1)
        return rs_error_set(err, RS_EINVAL, "n=%zu: allowed an integer >= 1 for matrix", p->n);
    if (p->d < 1)
        return rs_error_set(err, RS_EINVAL, "d=%zu: allowed an integer >= 1 for matrix", p->d);
    if (k > dn) /* k <= d is checked for every generator; the SVD also needs k <= n */
        return rs_error_set(err, RS_EINVAL,
                            "k=%zu: allowed 0 (= d) or 1..min(d, n) = %zu for matrix", p->k, dn);
    if (p->latent < LATENT_GAUSSIAN || p->latent > LATENT_SPARSE)
        return rs_error_set(err, RS_EINVAL, "latent=%d: allowed gaussian|uniform|sparse for matrix",
                            p->latent);
    if (p->bias_dist < BIASDIST_GAUSSIAN || p->bias_dist > BIASDIST_LOGISTIC)
        return rs_error_set(err, RS_EINVAL, "bias_dist=%d: allowed gaussian|logistic for matrix",
                            p->bias_dist);
    if (!(p->sparsity >= 0.0 && p->sparsity < 1.0))
        return rs_error_set(err, RS_EINVAL, "sparsity=%g: allowed a number in [0, 1) for matrix",
                            p->sparsity);
    if (!(p->bias_scale > 0.0) || !isfinite(p->bias_scale))
        return rs_error_set(
            err, RS_EINVAL,
            "bias_scale=%g: allowed a number > 0 for matrix (p must be differentiable, "
            "Theorem 1)",
            p->bias_scale);
    if (!(p->kappa >= 1.0))
        return rs_error_set(err, RS_EINVAL, "kappa=%g: allowed a number >= 1", p->kappa);
    if (p->iters < 1)
        return rs_error_set(err, RS_EINVAL, "iters=%zu: allowed an integer >= 1", p->iters);
    if (job_matrix_bytes(p) == 0)
        return rs_error_set(err, RS_EINVAL,
                            "n=%zu, d=%zu, k=%zu: allowed sizes whose buffers fit in "
                            "memory addresses",
                            p->n, p->d, k);
    return RS_OK;
}
