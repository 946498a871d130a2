/* est_censored.h — the censored-normal (Tobit) maximum-likelihood fit of each coordinate.
 *
 * x(i) = max(0, y), y ~ N(b(i), s^2) with s = ||W(i,:)|| (Wu, Dimakis, Sanghavi 2019,
 * eq. 1, one coordinate). Algorithm 1 (and est_mle.c, the `truncated` estimator) fits
 * only the positive samples, a truncated normal, and throws away how many samples are
 * zero; that count carries much of the information about b(i) when b(i) is small, so
 * those fits lose a factor 2-6 in accuracy against footnote 4's median. The censored
 * likelihood uses the count as well:
 *
 *   l(b, s) = n0 log Phi(-b/s) + sum_{x_m > 0} log( phi((x_m - b)/s) / s ),
 *
 * which depends on the samples through n0 (zeros), n1, sum and sum of squares of the
 * positive ones: O(1) work per coordinate after the generation pass. In Olsen's (1978)
 * parameters (g, t) = (b/s, 1/s) it is concave, so Newton's method with a backtracking
 * line search converges from any start. */
#ifndef EST_CENSORED_H
#define EST_CENSORED_H

#include "est.h"

/* Fit one coordinate from n_total samples of which `count` are positive with sum `sum`
 * and sum of squares `sumsq` (the others are 0). Writes mu = b_hat (not clipped: the
 * censored likelihood is defined for b < 0 too) and sigma2 = s_hat^2; iters may be NULL.
 * Returns RS_OK, RS_EMAXITER (the best point so far is written), or RS_EINVAL (mu and
 * sigma2 nan) when count < 2 or the positive samples have no spread. The statistics may
 * be population values (counts scaled by any n): the fit is then exact. */
rs_status est_censored_fit1(double n_total, double count, double sum, double sumsq, double *mu,
                            double *sigma2, size_t *iters, rs_error *err);

/* Average log-likelihood per sample of the censored normal N(mu, sigma^2) clipped at 0,
 * without the constant -log(2 pi)/2 per positive sample, from the same statistics. For
 * tests and the landscape view. */
double est_censored_loglik(double n_total, double count, double sum, double sumsq, double mu,
                           double sigma);

/* All coordinates of in (uses in->n and in->st). Flags coordinates that fail; never
 * fails as a whole: a coordinate without a fit gets nan. */
rs_status est_censored_fit(const est_input *in, est_result *out, rs_error *err);

#endif
