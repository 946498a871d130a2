/* est_sgd.h — NormBiasEst (Alg. 2) with ProjSGD (Alg. 3) of Wu, Dimakis, Sanghavi,
 * as published: standardise by eq. (7), split into B batches, projected SGD on
 * v = [1/sigma^2, mu/sigma^2] over D_r (eq. 8) with step 1/(lambda t) and the gradient
 * of eq. (6), iterate averaging, the geometric-median pick of Alg. 2 line 5, and the
 * transform back (lines 6-7). */
#ifndef EST_SGD_H
#define EST_SGD_H

#include <gsl/gsl_rng.h>

#include "est.h"

typedef struct {
    double r;         /* D_r of eq. (8); r > 1 */
    double lambda;    /* step 1/(lambda t) of Alg. 3, line 4 */
    size_t batches;   /* B of Alg. 2, line 2 */
    size_t sgd_batch; /* data samples and fresh truncated-normal draws per gradient (eq. 6) */
} est_sgd_opts;

/* Optional record of the iterates of one coordinate's first batch, in the original
 * (mu, sigma) space, for the landscape view: every stride-th iterate, at most cap. */
typedef struct {
    size_t coord;
    size_t cap, len;
    double *mu, *sigma; /* cap each, caller-owned */
} est_sgd_path;

/* One coordinate: t (m standardised positive samples, all > c) -> v_hat in the
 * standardised space. Exposed for tests. cancel is polled every 4096 steps. */
rs_status est_sgd_fit1(const double *t, size_t m, double c, const est_sgd_opts *opt, gsl_rng *r,
                       double *v_hat, double *path_v1, double *path_v2, size_t path_cap,
                       size_t *path_len, const atomic_int *cancel, rs_error *err);

/* All coordinates. buf is caller-owned scratch of in->n doubles; r is the estimator's own
 * stream; path may be NULL. RS_EINVAL for bad options, RS_ECANCELLED. */
rs_status est_sgd_fit(const est_input *in, const est_sgd_opts *opt, gsl_rng *r, double *buf,
                      est_sgd_path *path, est_result *out, const atomic_int *cancel, rs_error *err);

#endif
