/* llsfe4.h — the fourth-degree LLSFE (Gao, Makkuva, Oh, Viswanath 2019, Section 2.2 with
 * p = 4): the local likelihood (3) with the degree-4 model (4) of log f, solved through its
 * moment equations (5), gives g1, G2, G3, G4 at a point, and eq. (7) then needs no G3 = G4 = 0
 * shortcut. Assumption 1(a) asks p >= m, so only p >= 4 makes S4 consistent (Theorem 1).
 *
 * Section 2.4 closes (5) only for p = 2; for p = 4 the left side of (5) is an integral with no
 * closed form, computed here by a tensor Gauss-Legendre rule, and (3) is maximised by Newton's
 * method (it is concave in the coefficients: its Hessian is minus a weighted Gram matrix).
 * One deviation: the Gaussian kernel is cut to the cube |u_a - x_a| <= LLSFE4_RADIUS h, since
 * with an untruncated Gaussian kernel the integral in (3) diverges whenever the fitted quartic
 * term is positive in some direction (Assumption 1(c) only asks finite kernel moments).
 *
 * Cost per point: O(n T) for the kernel moments plus O(Q^d T^2) per Newton step, T = C(d+4, 4)
 * monomials (15 at d = 2) and Q^d quadrature nodes (576 at d = 2): small d only. */
#ifndef LLSFE4_H
#define LLSFE4_H

#include <stddef.h>

#include "rs.h"

enum { LLSFE4_MAX_D = 3 };
#define LLSFE4_RADIUS 3.0 /* kernel support per coordinate, in bandwidths */

typedef struct llsfe4 llsfe4; /* opaque: quadrature tables and Newton work */

/* Tables for dimension d in 1..LLSFE4_MAX_D; NULL otherwise or on allocation failure. */
llsfe4 *llsfe4_alloc(size_t d);
void llsfe4_free(llsfe4 *q);
size_t llsfe4_bytes(size_t d);

/* Number of monomials of degree <= 4 in d variables, C(d+4, 4), and the exponents of monomial
 * j (alpha: d entries), in the order llsfe4_fit reads its moments (degree 0 first). */
size_t llsfe4_terms(const llsfe4 *q);
void llsfe4_exponents(const llsfe4 *q, size_t j, unsigned *alpha);

/* Right side of (5): b_j = sum_i K(v_i) v_i^alpha_j / sum_i K(v_i), v_i = (X_i - x)/h, over
 * the n rows of X (n x d) inside the kernel's cube; returns how many rows are inside. */
size_t llsfe4_moments(llsfe4 *q, const double *X, size_t n, const double *x, double h, double *b);

/* Solve (5) with p = 4 for kernel moments b (b_0 = 1, as llsfe4_moments gives them) and
 * return the derivatives of log f at the point: g1 (d), G2 (d^2), G3 (d^3), G4 (d^4), full
 * symmetric tensors. RS_ENUMERIC (outputs nan) when Newton finds no maximiser (moments on the
 * boundary of the moment cone: too few samples in the window); RS_EINVAL for h <= 0. */
rs_status llsfe4_fit(llsfe4 *q, const double *b, double h, double *g1, double *G2, double *G3,
                     double *G4, rs_error *err);

/* llsfe4_moments then llsfe4_fit; a window holding no more samples than monomials, or a fit
 * that fails, sets *failed = 1 and nan outputs, and returns RS_OK. */
rs_status llsfe4_eval(llsfe4 *q, const double *X, size_t n, const double *x, double h, double *g1,
                      double *G2, double *G3, double *G4, int *failed, rs_error *err);

#endif
