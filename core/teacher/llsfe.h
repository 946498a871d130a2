/* llsfe.h — the second-degree local likelihood score function estimator (Gao, Makkuva, Oh,
 * Viswanath 2019, Section 2.4): Gaussian kernel, p = 2, closed forms (14)-(15) for the log-density
 * gradient g1 and Hessian G2 at query points, and the scores S2 (eq. 6) and S4 (eq. 7,
 * with G3 = G4 = 0) assembled from them. Also the exact S2, S4 of the Gaussian and
 * mixture inputs, for the accuracy figures (Figures 1-2).
 *
 * Cost: O(n (1 + d + d^2)) per query point, as one dgemm of the kernel block against the
 * design [1 | X | X (x) X] (n x (1 + d + d^2)); the estimator is meant for small d. */
#ifndef LLSFE_H
#define LLSFE_H

#include <stdatomic.h>
#include <stddef.h>

#include "rs.h"
#include "workspace.h"

typedef struct llsfe_ws llsfe_ws; /* opaque */

/* Remark 1's bandwidth h = n^{-1/(2p+2+d)}, with p = 2 and with degree p. */
double llsfe_bandwidth(size_t n, size_t d);
double llsfe_bandwidth_p(size_t n, size_t d, size_t p);

/* Workspace for data of n points in dimension d; NULL on failure or overflow. */
llsfe_ws *llsfe_ws_alloc(size_t n, size_t d);
/* The same with its arrays borrowed from slot `slot` of a worker's arena (workspace.h;
 * NULL: allocated), kept as a pointer until llsfe_ws_free. */
llsfe_ws *llsfe_ws_take(size_t n, size_t d, workspace_arena *arena, size_t slot);
void llsfe_ws_free(llsfe_ws *ws);
size_t llsfe_ws_bytes(size_t n, size_t d);

/* Bind the data X (n x d, kept, not copied): builds the design once. */
void llsfe_bind(llsfe_ws *ws, const double *X);

/* g1_hat (m x d) and G2_hat (m x d x d) at the m query points xq (m x d), bandwidth h > 0,
 * by eqs. (14)-(15). A point whose weighted covariance is not positive definite (too few
 * samples in its window) gets nan entries and counts in *n_failed (may be NULL).
 * Polls cancel between blocks of query points. RS_EINVAL for h <= 0. */
rs_status llsfe_eval(llsfe_ws *ws, const double *xq, size_t m, double h, double *g1, double *G2,
                     size_t *n_failed, const atomic_int *cancel, rs_error *err);

/* Exact S2 (d x d) and S4 (d^4) of input (INPUT_GAUSSIAN or INPUT_MIXTURE with shift m) at
 * x. work: d + d*d doubles. RS_EINVAL for other inputs (Laplace S4 is not smooth). */
rs_status llsfe_exact(int input, double m, const double *x, size_t d, double *work, double *S2,
                      double *S4, rs_error *err);

/* ||S2_hat - S2||_sp (largest |eigenvalue| of the symmetric difference, via LAPACKE) and
 * ||S4_hat - S4||_F at one point. work: 2 d^4 + 3 d^2 + 2 d doubles. */
rs_status llsfe_errors(int input, double m, const double *x, const double *g1, const double *G2,
                       size_t d, double *work, double *err_s2_sp, double *err_s4_f, rs_error *err);
/* The same with the third and fourth derivatives of log f of a degree-4 fit (llsfe4.h) in
 * eq. (7); G3 = G4 = NULL is llsfe_errors. */
rs_status llsfe_errors4(int input, double m, const double *x, const double *g1, const double *G2,
                        const double *G3, const double *G4, size_t d, double *work,
                        double *err_s2_sp, double *err_s4_f, rs_error *err);

#endif
