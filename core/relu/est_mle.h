/* est_mle.h — exact maximum likelihood for the truncated normal of each coordinate.
 *
 * The problem ProjSGD (Alg. 3) approximates is convex in v = [1/sigma^2, mu/sigma^2]
 * (Section 4.2). Its average negative log-likelihood depends on the samples only through
 * the count, sum and sum of squares of the positive samples, so we solve it exactly by
 * Newton's method on those sufficient statistics: O(1) work per coordinate after the
 * generation pass. */
#ifndef EST_MLE_H
#define EST_MLE_H

#include "est.h"

/* Fit one coordinate from (count, sum, sumsq) of samples truncated to (c, inf) with c = 0.
 * Newton in the natural parameters of the standardised samples (eq. 7), with a
 * backtracking line search that keeps 1/sigma^2 > 0. Writes mu and sigma2. Returns RS_OK,
 * RS_EMAXITER (best point so far written), or RS_EINVAL when count < 2 or the samples
 * have zero variance. */
rs_status est_mle_fit1(double count, double sum, double sumsq, double *mu, double *sigma2,
                       size_t *iters, rs_error *err);

/* All coordinates of in (uses in->st only). Flags coordinates that fail; never fails as
 * a whole: a coordinate without a fit gets nan. */
rs_status est_mle_fit(const est_input *in, est_result *out, rs_error *err);

#endif
