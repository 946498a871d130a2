/* loss_teacher.h — the four training losses of the teacher network (Gao, Makkuva, Oh, Viswanath
 * 2019) and their analytic gradients with respect to the first layer A (k x d, row i = a_i).
 *
 *   l2     eq. (17): (1/n) sum_s (sum_i ReLU(<a_i, x_s>) - y_s)^2, second layer fixed at 1;
 *   ge     eq. (19) built with the Gaussian S4 of Example 1 whatever the input (G(A));
 *   score  eq. (19) with the input's true S4 (gen_teacher_score);
 *   llsfe  eq. (19) with S4 assembled by eq. (7) from LLSFE estimates g1_hat, G2_hat.
 *
 * Every S4 used here is a weighted sum of second-degree terms T(g, G) (eq. 7 with
 * G3 = G4 = 0); on (u, u, v, v) with q = <g, u>, p = <g, v>:
 *   T = q^2 p^2 + G(u,u) p^2 + G(v,v) q^2 + 4 G(u,v) q p + G(u,u) G(v,v) + 2 G(u,v)^2.
 * Sums over i != j are formed from the per-sample projections Q = Gm A^T (one dgemm per
 * block) as (sum_i q_i^2)^2 - sum_i q_i^4 and q^T H q - sum_i h_ii q_i^2, never by pairs.
 *
 * Sign convention (kappa*_i of Assumption 2). By Stein's identity (integration by parts
 * four times), E[y S4(x)] = sum_i kappa*_i a*_i^{(x)4} with kappa*_i = w*_i E[g''''(<a*_i, x>)]
 * = w*_i p_i''(0), p_i the density of <a*_i, x> (g'''' = delta'' for ReLU). Eq. (21) needs
 * kappa*_i > 0: with kappa* < 0 its first term rewards overlapping rows. So L is built on
 * sign(kappa*) y in place of y, i.e. with |kappa*_i| (loss_teacher_set_kappa_sign, the sign
 * from gen_teacher_kappa of the known input law, as the paper assumes kappa* known to be
 * positive). For ReLU the sign is negative for Gaussian and Laplace inputs and for the
 * mixture when |t| < 1 (t = <a*_i, m 1> / |a*_i|), positive when |t| > 1, and kappa* = 0 at
 * |t| = 1 (the paper's Figure 4 mixture with A* = I): then L carries no signal.
 * Checked on data: Gaussian input, d = k = 5, n = 65536, mu = 1, lambda = 100, lr = 6e-3,
 * 1200 GD steps recover an orthogonal A* to e_perm 0.02-0.06 (test_opt_teacher).
 *
 * The Laplace score sgn(x)^{(x)4} of Section 4.1 is not a Stein score: the kinks of
 * f = prod 1/2 exp(-|x_l|) put deltas in every repeated-index entry of grad^4 f / f, and
 * sgn^4 drops them. Worse, for A* = I the ReLU output y depends on sgn(x) only through the
 * number of positive coordinates and |x| is independent of sgn(x), which makes
 * E[y f(sgn x)] = E[y] E[f(sgn x)] for every even f: the population L does not depend on A*
 * at all. Its A-dependence, through Rademacher moments such as E<a, sgn x>^4 = 3 |a|^4 -
 * 2 sum_l a_l^4 (the t2 terms), rewards rows on the coordinate axes, which is why e(A) of
 * eq. (22) reaches 0 for A* = I (Figure 3) while the rows may repeat (e_perm ~ 1), and why
 * a rotated A* (truth = orthogonal) is not found.
 *
 * Regulariser: lambda sum_i (|a_i| - 1)^2 exactly as eq. (19) (gradient 0 at a_i = 0). */
#ifndef LOSS_TEACHER_H
#define LOSS_TEACHER_H

#include <stddef.h>

#include "rs.h"
#include "workspace.h"

#define LOSS_TEACHER_KAPPA_SIGN (-1.0)

typedef struct loss_teacher_ws loss_teacher_ws; /* opaque */

/* Workspace for n samples, dimension d, k rows; with_llsfe != 0 reserves the per-sample
 * k x k and k x d scratch of the llsfe loss. NULL on failure or size overflow. */
loss_teacher_ws *loss_teacher_ws_alloc(size_t n, size_t d, size_t k, int with_llsfe);
/* The same with its arrays borrowed from slot `slot` of a worker's arena (workspace.h;
 * NULL: allocated), kept as a pointer until loss_teacher_ws_free. */
loss_teacher_ws *loss_teacher_ws_take(size_t n, size_t d, size_t k, int with_llsfe,
                                      workspace_arena *arena, size_t slot);
void loss_teacher_ws_free(loss_teacher_ws *ws);

/* Bytes loss_teacher_ws_alloc would take; 0 on overflow. */
size_t loss_teacher_ws_bytes(size_t n, size_t d, size_t k, int with_llsfe);

/* Bind the data of one loss: loss is METHOD_L2 .. METHOD_LLSFE, input and m the input law
 * (rs_input, mixture shift). X (n x d) and y (n) are kept, not copied. For METHOD_LLSFE,
 * g1 (n x d) and G2 (n x d x d) are the estimated log-density derivatives at the samples,
 * kept too (they may be filled later, before the rows are evaluated). RS_EINVAL for a
 * loss outside the four. */
rs_status loss_teacher_bind(loss_teacher_ws *ws, int loss, int input, double m, const double *X,
                            const double *y, const double *g1, const double *G2, rs_error *err);

/* Loss and gradient over rows s0 .. s0 + b - 1 of the bound data (the empirical
 * expectation over those rows), at A (k x d), with eq. (19)'s mu and lambda. grad (k x d)
 * may be NULL. Returns RS_EINVAL when the range is outside 0..n. */
rs_status loss_teacher_eval(loss_teacher_ws *ws, const double *A, size_t s0, size_t b, double mu,
                            double lambda, double *loss, double *grad, rs_error *err);

/* The norm penalty of L: squared = 0 gives lambda sum_i (|a_i| - 1)^2 as printed in eq. (19)
 * (the default), squared = 1 lambda sum_i (|a_i|^2 - 1)^2 as eq. (21) writes it. Kept across
 * loss_teacher_bind. */
void loss_teacher_set_penalty(loss_teacher_ws *ws, int squared);

/* Build L (ge, score, llsfe) on sign(kappa*) y: kappa_sign > 0 uses y, anything else -y
 * (the ReLU default, LOSS_TEACHER_KAPPA_SIGN). Kept across loss_teacher_bind. */
void loss_teacher_set_kappa_sign(loss_teacher_ws *ws, int kappa_sign);

/* T(g, G)(u, u, v, v) of eq. (7) with G3 = G4 = 0 for one g (d) and G (d x d); the
 * reference the fast paths are checked against. */
double loss_teacher_t(const double *g, const double *G, const double *u, const double *v, size_t d);

#endif
