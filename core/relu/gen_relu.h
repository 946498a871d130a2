/* gen_relu.h — the one-layer ReLU generator (Wu, Dimakis, Sanghavi 2019,
 * eq. 1): x = ReLU(W z + b), z ~ N(0, I_k), W in R^{d x k}. */
#ifndef GEN_RELU_H
#define GEN_RELU_H

#include <stdatomic.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "rs.h"

/* Rows per generation block: Z (block x k) -> one dgemm -> ReLU, small enough to stay
 * in L2 at k = d = 25 and to poll the cancel flag every fraction of a millisecond. */
enum { GEN_RELU_BLOCK = 2048 };

/* Rows per dgemm inside a block: the output of one (512 x d doubles, 100 kB at d = 25)
 * is still in L2 when the ReLU pass reads it. */
enum { GEN_RELU_SUBROWS = 512 };

/* Above this d the truth's QR goes through LAPACK (dgeqrf + dorgqr, the d x k factor
 * only) and Sigma and the angles through BLAS 3; at and below it the original GSL QR and
 * loops, whose bits the shipped presets' figures were made with. */
enum { GEN_RELU_LAPACK_D = 128 };

/* Per-coordinate sufficient statistics of the positive samples, accumulated during
 * generation: count, sum and sum of squares of x_m(i) over x_m(i) > 0 (Alg. 1, line 2). */
typedef struct {
    double *count, *sum, *sumsq; /* each of length d, caller-owned */
} gen_relu_stats;

/* The ground truth of the paper's Figure 1: W = U diag(s), U (d x k) with orthonormal
 * columns from the QR factorisation of a Gaussian matrix, s_i = lambda0^{-(i-1)},
 * lambda0 = kappa^{1/(2(k-1))}, so that the non-zero eigenvalues of W W^T have
 * condition number kappa. (The paper writes d - 1 with d = k; with k < d, W W^T is
 * singular and we keep the condition number of its range equal to kappa.)
 * bias: 0 nonneg b = ReLU(s N(0,1)) (the paper's), 1 signed b = s N(0,1), 2 zero,
 * 3 const b = s (s = bias_scale).
 * W (d*k, row-major) and b (d) are caller-owned outputs. RS_EINVAL when k > d or k, d = 0,
 * RS_ENOMEM, RS_ENUMERIC when the QR factorisation fails. */
rs_status gen_relu_truth(size_t d, size_t k, double kappa, int bias_mode, double bias_scale,
                         gsl_rng *r, double *W, double *b, rs_error *err);

/* Draw n samples into X (n*d, row-major, caller-owned) in blocks of GEN_RELU_BLOCK rows:
 * ziggurat normals into Z, X_block = 1 b^T + Z W^T by one dgemm, ReLU in place, and the
 * positive-sample statistics in the same pass. st may be NULL. zbuf is caller-owned
 * scratch of GEN_RELU_BLOCK * k doubles. cancel (may be NULL) is polled once per block:
 * RS_ECANCELLED. */
rs_status gen_relu_sample(const double *W, const double *b, size_t d, size_t k, size_t n,
                          gsl_rng *r, double *X, double *zbuf, gen_relu_stats *st,
                          const atomic_int *cancel, rs_error *err);

/* One block of gen_relu_sample: rows (<= GEN_RELU_BLOCK) samples into Xb (rows x d,
 * caller-owned), the next rows * k normals of r, the statistics added to st (may be NULL).
 * Drawing n samples block by block from the same stream gives the same X, bit for bit,
 * as gen_relu_sample: the streaming job regenerates its blocks this way. */
void gen_relu_block(const double *W, const double *b, size_t d, size_t k, size_t rows, gsl_rng *r,
                    double *Xb, double *zbuf, gen_relu_stats *st);

/* gen_relu_block in its two halves, so that one thread can draw the next block's normals
 * while another transforms this one: the rows * k normals into zbuf, then Xb from zbuf
 * (dgemm, ReLU, statistics). The pair gives gen_relu_block's Xb and st, bit for bit. */
void gen_relu_block_z(size_t k, size_t rows, gsl_rng *r, double *zbuf);
void gen_relu_block_x(const double *W, const double *b, size_t d, size_t k, size_t rows,
                      const double *zbuf, double *Xb, gen_relu_stats *st);

/* The ReLU pass of gen_relu_block_x on its own: Xb (rows x d) += 1 b^T, then ReLU, and
 * the statistics added to st (may be NULL). gen_relu_rows runs the AVX2 form where the
 * CPU has it, gen_relu_rows_portable the portable loop: the same bits (for tests). */
void gen_relu_rows(double *Xb, const double *b, size_t d, size_t rows, gen_relu_stats *st);
void gen_relu_rows_portable(double *Xb, const double *b, size_t d, size_t rows, gen_relu_stats *st);

/* Zero the statistics of d coordinates. */
void gen_relu_stats_zero(gen_relu_stats *st, size_t d);

/* theta*(i,j): angle between rows W(i,:) and W(j,:) (eq. 2), into theta (d*d). */
void gen_relu_angles(const double *W, size_t d, size_t k, double *theta);

#endif
