/* gen_quadratic.h — degree-2 pushforwards of a Gaussian (the polynomial-pushforward slides,
 * "Parameter recovery"): x_a = g^T Q_a g, a = 1..d, g ~ N(0, I_r), Q_a symmetric r x r.
 *
 * Storage: the d matrices are one block Q of d*r*r doubles, Q_a(i,j) = Q[(a*r + i)*r + j];
 * read as a d x r^2 row-major matrix its row a is vec(Q_a). */
#ifndef GEN_QUADRATIC_H
#define GEN_QUADRATIC_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "rs.h"

/* Rows per sampling block: K (block x r(r+1)/2) stays in L2 for r <= 20, and the caller
 * can poll its cancel flag between blocks (well under a millisecond each at r = 10). */
enum { GEN_QUADRATIC_BLOCK = 1024 };

/* Families of the Q_a (the `family` key). */
enum { GEN_QUADRATIC_SMOOTHED = 0, GEN_QUADRATIC_RANDOM = 1, GEN_QUADRATIC_DIAGONAL = 2 };

/* Number of index pairs i <= j of an r x r symmetric matrix: r(r+1)/2. */
size_t gen_quadratic_pairs(size_t r);

/* The ground truth Q (d*r*r, caller-owned):
 * - smoothed: Q_a = B + smooth E_a, one base B for all a (the "all-equal" worst case of the
 *   slides' smoothed analysis, where every angle between the Q_a is 0) plus i.i.d.
 *   perturbations; B and E_a are GOE matrices E = (A + A^T)/(2 sqrt r), A i.i.d. N(0,1), so
 *   that off-diagonal entries have variance 1/(2r) and the spectrum fills [-sqrt 2, sqrt 2];
 *   smooth is the perturbation size relative to the base;
 * - random: Q_a = E_a, independent GOE matrices (smooth unused);
 * - diagonal: Q_a = diag(q_a), q_a(i) = b(i) + smooth e_a(i), b and e i.i.d. N(0,1): the
 *   same base-plus-perturbation idea for the d x r factor matrix W(a,i) = q_a(i).
 * B and b are drawn first, so for a fixed stream Q(smooth) = base + smooth E with the same
 * E for every smooth (common random numbers). RS_EINVAL for d, r = 0, a bad family or a
 * negative or non-finite smooth. */
rs_status gen_quadratic_truth(size_t d, size_t r, int family, double smooth, gsl_rng *rng,
                              double *Q, rs_error *err);

/* A Haar-distributed orthogonal U (r*r, caller-owned): QR of a Gaussian matrix with the
 * signs of R's diagonal moved into Q (Mezzadri 2007, sec. 5). work: r*r + r doubles.
 * RS_ENUMERIC when LAPACK fails. */
rs_status gen_quadratic_orthogonal(size_t r, gsl_rng *rng, double *U, double *work, rs_error *err);

/* Gauge action (slides, "Gauge symmetry"): QU_a = U Q_a U^T for every a. QU must not alias
 * Q. work: r*r doubles. */
void gen_quadratic_gauge(const double *Q, const double *U, size_t d, size_t r, double *QU,
                         double *work);

/* Pack Q for sampling: V (pairs x d, caller-owned), V(p, a) = c_p Q_a(i,j) for the p-th
 * pair i <= j (row-major over i), c_p = 1 on the diagonal and 2 off it, so that
 * g^T Q_a g = sum_p g_i g_j V(p, a). */
void gen_quadratic_pack(const double *Q, size_t d, size_t r, double *V);

/* Draw rows x r standard normals into G (row-major, caller-owned; ziggurat). */
void gen_quadratic_draw(gsl_rng *rng, size_t rows, size_t r, double *G);

/* Samples from given inputs: X (rows x d, leading dimension ldx >= d) = K V with
 * K(m, p) = g_m(i) g_m(j), one dgemm per call; K is caller scratch of rows * pairs doubles.
 * rows <= GEN_QUADRATIC_BLOCK is not required but bounds the scratch. */
void gen_quadratic_eval(const double *V, size_t d, size_t r, const double *G, size_t rows,
                        double *K, double *X, size_t ldx);

#endif
