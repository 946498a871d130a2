/* met_matrix_gauge.h — errors of the matrix model that its symmetry cannot move.
 *
 * Y = ReLU(A C + b 1^T) (Mazumdar, Rawat 2019, eq. 4) is unchanged by
 * (C, b) -> (C + w 1^T, b - A w) for any w in R^k: M = A C is determined by Y only up to
 * A w 1^T, a rank-one shift inside col(A) x 1^T. So ||M_hat - M||_F (rel_err_m) keeps an
 * error that no n removes when the likelihood (8) picks w from d bias values alone, and
 * Theorem 1's n-free bound on it cannot hold as printed. Two errors are invariant:
 *   rel_err_mb    = ||(M_hat + b_hat 1^T) - (M + b 1^T)||_F / ||M + b 1^T||_F
 *                   (the pre-activation, what Y fixes where it is positive);
 *   rel_err_gauge = min_w ||M_hat - M - A w 1^T||_F / ||M||_F
 *                 = ||D - P_A r 1^T||_F / ||M||_F, D = M_hat - M, r = D 1 / n,
 *                   P_A the projector on col(A). */
#ifndef MET_MATRIX_GAUGE_H
#define MET_MATRIX_GAUGE_H

#include <stddef.h>

/* Both errors of M_hat = U V^T (U d x k, V n x k), b_hat, against M = A C (A d x k,
 * C k x n), b, with Uk (d x k) an orthonormal basis of col(A); all row-major. One pass in
 * blocks of EST_MATRIX_BLOCK columns (two dgemm per block). scratch: 2 d EST_MATRIX_BLOCK
 * + 4 d + k doubles. */
void met_matrix_gauge_eval(const double *A, const double *C, const double *b, const double *Uk,
                           const double *U, const double *V, const double *b_hat, size_t d,
                           size_t n, size_t k, double *scratch, double *rel_err_mb,
                           double *rel_err_gauge);

#endif
