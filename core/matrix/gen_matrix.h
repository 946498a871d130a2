/* gen_matrix.h — the ReLU matrix model (Mazumdar, Rawat 2019, eq. 4):
 * Y = ReLU(A C + b (x) 1^T) in R^{d x n}, A in R^{d x k}, latent codes C in R^{k x n},
 * one bias b_i per row, fixed across the n columns (the paper stresses this). */
#ifndef GEN_MATRIX_H
#define GEN_MATRIX_H

#include <stdatomic.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "rs.h"

/* Columns per generation block: C(:, block) -> one dgemm -> ReLU; d x block doubles
 * stay in L2 at d = 100 and the cancel flag is polled every fraction of a millisecond. */
enum { GEN_MATRIX_BLOCK = 1024 };

/* The density of the row biases: b_i = mean + scale * T with T standard normal
 * (BIASDIST_GAUSSIAN) or standard logistic (BIASDIST_LOGISTIC), as in param.h. */
typedef struct {
    int dist;     /* rs_bias_dist */
    double mean;  /* bias_mean */
    double scale; /* bias_scale, > 0 (p must be differentiable, Theorem 1) */
} gen_matrix_bias;

/* Ground truth: A = sqrt(d/k) Q diag(s) with Q (d x k) the orthonormalised columns of a
 * Gaussian matrix and s_j = kappa^{-(j-1)/(k-1)} rescaled to sum s_j^2 = k, so that
 * cond(A) = kappa and ||A||_F^2 = d: with unit-variance codes the entries of M = A C
 * have unit mean square, the scale at which a bias of scale 1 clips about half of Y.
 * b_i i.i.d. from bias. A (d*k row-major), b (d) are caller-owned outputs.
 * RS_EINVAL when k = 0, k > d, kappa < 1 or scale <= 0; RS_ENOMEM; RS_ENUMERIC. */
rs_status gen_matrix_truth(size_t d, size_t k, double kappa, const gen_matrix_bias *bias,
                           gsl_rng *r, double *A, double *b, rs_error *err);

/* Latent codes C (k x n, row-major, caller-owned), drawn column by column so that a
 * prefix of columns does not depend on n: latent = LATENT_GAUSSIAN N(0, 1),
 * LATENT_UNIFORM U(-sqrt 3, sqrt 3), LATENT_SPARSE 0 with probability sparsity else
 * N(0, 1/(1 - sparsity)); every kind has unit variance. RS_EINVAL for an unknown latent
 * or sparsity outside [0, 1). */
rs_status gen_matrix_latent(size_t k, size_t n, int latent, double sparsity, gsl_rng *r, double *C,
                            const atomic_int *cancel, rs_error *err);

/* Y (d x n, row-major, caller-owned) = ReLU(A C + b 1^T), eq. (4), one dgemm per block
 * of GEN_MATRIX_BLOCK columns. zero_rows (d, may be NULL) receives the number of zero
 * entries per row. cancel (may be NULL) is polled once per block: RS_ECANCELLED. */
rs_status gen_matrix_sample(const double *A, const double *b, const double *C, size_t d, size_t k,
                            size_t n, double *Y, double *zero_rows, const atomic_int *cancel,
                            rs_error *err);

#endif
