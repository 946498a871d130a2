/* jennrich.h — the diagonal case of the polynomial-pushforward slides ("Note: when the Q_a are all
 * diagonal, equivalent to tensor decomposition ... Jennrich's algorithm"): Tr(Q_a Q_b Q_c) = sum_i
 * q_a(i) q_b(i) q_c(i),  Tr(Q_a Q_b) = sum_i q_a(i) q_b(i), i.e. T = sum_i w_i (x) w_i (x) w_i and
 * G = W W^T for the d x r factor W(a,i) = q_a(i). Jennrich's algorithm (Harshman 1970; Leurgans,
 * Ross, Abel 1993) recovers the columns w_i up to order when they are linearly independent (r <=
 * d).
 *
 * Steps, with the second moments used twice (whitening and the scale of each column):
 * 1. G = U_r Lambda U_r^T (top r eigenpairs); P = Lambda^{-1/2} U_r^T makes B = P W an
 *    orthogonal r x r matrix.
 * 2. Two random contractions x = P^T x~, y = P^T y~: A_x = P T(.,.,x) P^T = B D_x B^T with
 *    D_x = diag(B^T x~), A_y likewise.
 * 3. Eigen-decomposition of A_y^{-1} A_x = B D_y^{-1} D_x B^T: its eigenvectors are the b_i,
 *    its eigenvalues (b_i . x~)/(b_i . y~) (distinct with probability 1).
 * 4. w_i = U_r Lambda^{1/2} b_i with b_i of unit length (the scale from G); its sign from
 *    T(v,v,v) = (b_i . b_i)^3 > 0 for v = P^T b_i (the third moment is odd).
 * Only the permutation of the columns remains: the gauge symmetry of diagonal Q_a (slides,
 * "Gauge symmetry", U a permutation). The non-diagonal case needs the sum-of-squares
 * machinery of the slides, which this tool does not run. */
#ifndef JENNRICH_H
#define JENNRICH_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "rs.h"

/* Random pairs (x~, y~) tried; the pair whose eigenvalues are best separated is kept, as
 * eigenvector errors scale like 1/gap (Davis-Kahan). */
enum { JENNRICH_TRIES = 4 };

enum {
    JENNRICH_FLAG_RANK = 1u << 0,    /* G has fewer than r positive eigenvalues: W_hat nan */
    JENNRICH_FLAG_COMPLEX = 1u << 1, /* sampling noise made eigenvalues complex: real parts kept */
    JENNRICH_FLAG_SINGULAR = 1u << 2 /* every A_y was singular: W_hat nan */
};

/* Doubles of work jennrich_fit needs. */
size_t jennrich_work(size_t d, size_t r);

/* Recover W_hat (d x r, caller-owned, row-major) from T (d*d*d, T[(a*d+b)*d+c]) and G (d*d),
 * exact or estimated. gap receives the relative eigenvalue gap min |mu_i - mu_j| / max |mu_i|
 * of the kept pair (nan on failure), flags the JENNRICH_FLAG_* raised. rng draws the
 * contractions. RS_EINVAL when r = 0 or r > d; RS_ENUMERIC when LAPACK reports an illegal
 * argument. A failed decomposition is RS_OK with a flag and a nan W_hat (a result to
 * inspect, not an error). */
rs_status jennrich_fit(const double *T, const double *G, size_t d, size_t r, gsl_rng *rng,
                       double *W_hat, double *gap, unsigned *flags, double *work, rs_error *err);

/* Doubles of work and size_t's of iwork for jennrich_match. */
size_t jennrich_match_work(size_t r);
size_t jennrich_match_iwork(size_t r);

/* min over permutations pi of ||W_hat(:, pi) - W||_F / ||W||_F, by the Hungarian algorithm
 * on the r x r cost ||W(:, i) - W_hat(:, j)||^2. perm (r, may be NULL) receives pi:
 * W(:, i) is matched with W_hat(:, perm[i]). nan if W_hat has a nan. */
double jennrich_match(const double *W, const double *W_hat, size_t d, size_t r, size_t *perm,
                      double *work, size_t *iwork);

#endif
