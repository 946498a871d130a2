/* est_matrix_mle.h — the likelihood estimator of the ReLU matrix model (Mazumdar, Rawat 2019,
 * eqs. 5-9): maximise the likelihood (8) over the constraint set (7).
 *
 * Relaxation solved (and why): program (9) is over all d x n matrices X with the hard
 * constraints (7); it is non-convex through the order statistics and has d n unknowns.
 * We solve instead, over X = U V^T (rank k, the structure of M = A C) and a per-row
 * bias b,
 *
 *   minimise J(U, V, b) = sum_{i: N_i > 0} q(b_i)
 *                       + (rho/2) [ sum_{Y_ij > 0} (X_ij + b_i - Y_ij)^2        (eq. 5)
 *                                 + sum_{Y_ij = 0} max(0, X_ij + b_i)^2 ]       (eq. 6)
 *
 *                       + (eps/2) (||U||_F^2 + ||V||_F^2)
 *
 * with q = s^2 (-log p) (s = bias_scale: the prior in the units of Y^2). The equality
 * constraints (5) and the sign constraints (6) become quadratic penalties (the margin
 * nu of (7) is taken as 0). The bound ||X||_inf <= gamma of (7) becomes the small ridge
 * eps: a row or column with fewer active entries than unknowns otherwise leaves a flat
 * direction along which X runs off (bias_mean = -2 gave rel_err_m = 15 without it); eps
 * = 1e-6 is 1e-12 of rho and moves the gauge step's optimum by ~ eps n k / d ~ 1e-4
 * relative at d = 50, k = 5, n = 2000. With the constraints satisfied, b_i is exactly
 * the b_i = Y_(s) - X_(s) of (8), so the first term is -s^2 log p of (8). Rows with no
 * positive entry carry only log F(inf, max_j X_ij) in (8), which is maximised by pushing
 * the row of X down; over rank-k rows whose columns V_j surround the origin the maximiser
 * is the zero row, so such rows are fixed at U_i = 0 and get b_i = E[B | B < 0].
 * Penalty rather than barrier: the truth is feasible (penalty 0), and a barrier would
 * need a strictly feasible start, which the SVD warm start is not.
 *
 * Algorithm: warm start at the centred SVD (est_matrix_svd_fit), then per iteration
 * (1) one damped Newton step per row on (U_i, b_i) given V, (2) one per column on V_j
 * given (U, b), each a small smooth convex problem (piecewise quadratic plus q), with a
 * per-row / per-column backtracking line search so J never increases; the Hessians of
 * all rows (columns) come from one dgemm per block of the active mask against the
 * packed outer products v_j v_j^T (u_i u_i^T); (3) the gauge step: (U, V, b) ->
 * (U, V + 1 w^T, b - U w) leaves X + b 1^T, hence the penalty, unchanged, and moves only
 * the prior term; it is minimised over w in R^k by Newton's method. This flat direction
 * is exactly what the data cannot see (M is identifiable only up to A w 1^T given Y),
 * and alternating steps would crawl along it. */
#ifndef EST_MATRIX_MLE_H
#define EST_MATRIX_MLE_H

#include <stdatomic.h>
#include <stddef.h>

#include "est_matrix.h"
#include "rs.h"
#include "workspace.h"

typedef struct {
    gen_matrix_bias bias; /* the density p of eq. (8), known to the estimator */
    size_t max_iters;     /* outer iterations (the key `iters`) */
    double tol;           /* stop when one iteration moves X + b 1^T by < tol relative (F-norm) */
    double rho;           /* penalty weight of (5)-(6) relative to q */
    double ridge;         /* eps of (eps/2)(|U|_F^2 + |V|_F^2), in place of |X|_inf <= gamma */
} est_matrix_mle_opts;

/* Default opts for a bias density: max_iters 50, tol 1e-6, rho 1e6, ridge 1e-6. Why a test on X and
 * not on J: rows with fewer positive entries than k + 1 leave a slow valley (b_i against
 * the sign constraints of their zero entries) along which J still drops by ~3e-5
 * relative per iteration while M_hat no longer changes in its 6th digit (d = 100, k = 10,
 * n = 1e5 and d = 50, k = 5, n = 2000, measured 2026-11-24). */
est_matrix_mle_opts est_matrix_mle_default_opts(const gen_matrix_bias *bias);

/* One iteration's figures: the relaxed objective J, the normalised negative
 * log-likelihood -L_Y/d of eq. (8) at b (rows with N_i > 0), and the RMS violation of
 * (5)-(6), sqrt(penalty / (d n)). */
typedef struct {
    double objective, nll, violation;
} est_matrix_mle_iter;

/* Called after the warm start (iter 0) and after every iteration with the current
 * estimate (read only, valid during the call). May be NULL. */
typedef void (*est_matrix_mle_trace_fn)(void *ctx, size_t iter, const est_matrix_mle_iter *it,
                                        const est_matrix_result *cur);

typedef struct est_matrix_mle_ws est_matrix_mle_ws;

/* Bytes of a workspace for (d, n, k); 0 on overflow. Its O(n) part is one n x k copy of
 * V (the extrapolation of step 4); the blocks are O(d EST_MATRIX_BLOCK). */
size_t est_matrix_mle_ws_bytes(size_t d, size_t n, size_t k);
est_matrix_mle_ws *est_matrix_mle_ws_alloc(size_t d, size_t n, size_t k);
/* The same with its arrays borrowed from slot `slot` of a worker's arena (workspace.h;
 * NULL: allocated), kept as a pointer until est_matrix_mle_ws_free. */
est_matrix_mle_ws *est_matrix_mle_ws_take(size_t d, size_t n, size_t k, workspace_arena *arena,
                                          size_t slot);
void est_matrix_mle_ws_free(est_matrix_mle_ws *ws);

/* Fit. out->U (d x k), V (n x k), b (d) are caller-owned outputs; out->iters the
 * iterations, out->flags EST_MATRIX_FLAG_NOT_CONVERGED at the limit (status RS_OK),
 * EST_MATRIX_FLAG_EMPTY_ROWS when some row had no positive entry. ws must have been
 * allocated for (in->d, in->n, in->k). RS_EINVAL (sizes, opts), RS_ENUMERIC,
 * RS_ECANCELLED (cancel is polled once per block of EST_MATRIX_BLOCK columns). */
rs_status est_matrix_mle_fit(const est_matrix_input *in, const est_matrix_mle_opts *opt,
                             est_matrix_mle_ws *ws, est_matrix_result *out,
                             est_matrix_mle_trace_fn trace, void *tctx, const atomic_int *cancel,
                             rs_error *err);

/* J and its pieces at any estimate X = U V^T (U d x r, V n x r) with bias b, for the
 * landscape view; rows with no positive entry contribute their U_i row like any other.
 * scratch: d * EST_MATRIX_BLOCK doubles. */
void est_matrix_mle_eval(const est_matrix_input *in, const est_matrix_mle_opts *opt, size_t r,
                         const double *U, const double *V, const double *b, double *scratch,
                         est_matrix_mle_iter *out);

#endif
