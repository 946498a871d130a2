/* est_matrix_svd.h — the naive baseline of the matrix model (SPEC 5.2): the top-k SVD of
 * Y, ignoring the clipping of eq. (4). */
#ifndef EST_MATRIX_SVD_H
#define EST_MATRIX_SVD_H

#include <stdatomic.h>
#include <stddef.h>

#include "est_matrix.h"
#include "rs.h"

/* Doubles of work est_matrix_svd_fit needs at (d, k); 0 on overflow. */
size_t est_matrix_svd_work(size_t d, size_t k);

/* b_hat = row means of Y, M_hat = the best rank-k approximation of Y - b_hat 1^T:
 * U = the top-k left singular vectors of Y_c = Y - b_hat 1^T (eigenvectors of
 * Y_c Y_c^T, accumulated by dsyrk over column blocks, LAPACKE dsyevr), V = Y_c^T U.
 * Notes: the rows are centred because an uncentred SVD spends one of its k directions
 * on b (x) 1^T (rank one, norm sqrt(n) ||b||); without clipping the centred SVD
 * recovers col(A) exactly, so the baseline is "naive" only about the clipping.
 * work: est_matrix_svd_work(d, k) doubles; iwork: 2 d ints. Fills out->U, V, b;
 * out->iters = 0. RS_EINVAL when k = 0 or k > min(d, n); RS_ENUMERIC; RS_ECANCELLED. */
rs_status est_matrix_svd_fit(const est_matrix_input *in, double *work, int *iwork,
                             est_matrix_result *out, const atomic_int *cancel, rs_error *err);

#endif
