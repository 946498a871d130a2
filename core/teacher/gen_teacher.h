/* gen_teacher.h — the teacher network of Gao, Makkuva, Oh, Viswanath 2019: inputs x, the true first
 * layer A*, outputs y = sum_i w*_i ReLU(<a*_i, x>) + eta (eq. 18), and the inputs' exact scores.
 *
 * Matrices are flat row-major: X is n x d (one sample per row), A* is k x d (row i = a*_i).
 *
 * Exact fourth-order scores S4 = grad^4 f / f (eq. 2) of the three inputs are all sums of
 * "second-degree" terms T(g, G), eq. (7) with G3 = G4 = 0 and scalar G2 = c I:
 *   gaussian  S4(x) = T(-x, -I)                          (Example 1)
 *   mixture   S4(x) = sum_c post_c(x) T(-(x - m_c), -I)  (Example 2, posterior-weighted)
 *   laplace   S4(x) = T(-sgn x, 0) = sgn(x)^{(x)4}       (Section 4.1, valid off the axes)
 * so one score is described by up to two components (weight per sample, g per sample, c). */
#ifndef GEN_TEACHER_H
#define GEN_TEACHER_H

#include <stdatomic.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "rs.h"

enum { GEN_TEACHER_MAX_COMP = 2 };

/* Fill Astar (k x d, k <= d) for truth = TRUTH_IDENTITY (rows e_1..e_k), TRUTH_ORTHOGONAL
 * (orthonormal rows from the QR of a Gaussian matrix) or TRUTH_CONDITIONED (U diag(s) V^T
 * with s_i = kappa^{-(i-1)/(k-1)}, so cond(A*) = kappa). Draws from r. work: k*d + d*d +
 * 2*d doubles. RS_EINVAL for k = 0, k > d or an unknown truth. */
rs_status gen_teacher_truth(int truth, size_t k, size_t d, double kappa, gsl_rng *r, double *work,
                            double *Astar, rs_error *err);

/* Draw X (n x d) from input (rs_input) with mixture shift m, then
 * y = sum_i ReLU(<a*_i, x>) + noise * N(0, 1) (w* = 1). P: n x k scratch for X A*^T,
 * filled by one dgemm per block. Polls cancel between blocks. */
rs_status gen_teacher_sample(int input, double m, const double *Astar, size_t k, size_t d, size_t n,
                             double noise, gsl_rng *r, double *X, double *y, double *P,
                             const atomic_int *cancel, rs_error *err);

/* The score components of input at the n rows of X:
 * S4(x_s) = sum_{c < *n_comp} wt[c][s] * T(Gm[c](s, :), coef[c] I).
 * Gm[c] are n x d and wt[c] length n, caller-allocated for GEN_TEACHER_MAX_COMP components.
 * gaussian_always != 0 gives the Gaussian formulas of Example 1 whatever the input (the
 * loss G(A) of Ge et al.). */
void gen_teacher_score(int input, double m, int gaussian_always, const double *X, size_t n,
                       size_t d, double *const *Gm, double *const *wt, double *coef,
                       size_t *n_comp);

/* log f(x) of the input at one point x (d), for tests and the data view. */
/* kappa*_i of Assumption 2 for one row a = a*_i (w*_i = 1 in eq. 18): by Stein's identity
 * E[y S4(x)] = sum_i kappa*_i a*_i^{(x)4} with kappa*_i = E[ReLU''''(<a, x>)] = p''(0), p the
 * density of z = <a, x> (ReLU'''' = delta''). Closed forms, with s = |a|:
 *   gaussian  z ~ N(0, s^2):                        p''(0) = -phi(0) / s^3
 *   mixture   z ~ 1/2 N(+-t s, s^2), t = m sum_l a_l / s:  p''(0) = (t^2 - 1) phi(t) / s^3
 *             (zero at t = 1: the paper's Figure 4 mixture with A* = I has kappa* = 0)
 *   laplace   an axis row: z is Laplace, p has a kink at 0 and p''(0) is -infinity (the
 *             delta of the kink); other rows: p is symmetric and log-concave, so p''(0) < 0
 *             but has no short closed form: NAN. Either way the sign is negative.
 * Returns the sign of kappa*_i (-1, 0 or +1; 0 when |kappa*_i| < 1e-12 / s^3) and writes
 * the value (may be -INFINITY or NAN for laplace) to *kappa when kappa is not NULL. */
int gen_teacher_kappa(int input, double m, const double *a, size_t d, double *kappa);

double gen_teacher_log_density(int input, double m, const double *x, size_t d);

#endif
