/* est_matrix.h — types and helpers shared by the estimators of the ReLU matrix model
 * (Mazumdar, Rawat 2019): the low-rank factor form of an estimate, the bias density p of eq. (8),
 * and the top-k eigenvectors used for "the top-k left singular vectors" (LAPACKE). */
#ifndef EST_MATRIX_H
#define EST_MATRIX_H

#include <stdatomic.h>
#include <stddef.h>

#include "gen_matrix.h"
#include "rs.h"

typedef struct {
    const double *Y; /* d x n observations, row-major (eq. 4); not kept after the call */
    size_t d, n, k;
} est_matrix_input;

/* An estimate in factor form: M_hat = U V^T (rank <= k), b_hat. All caller-owned. */
typedef struct {
    double *U;      /* d x k, row-major */
    double *V;      /* n x k, row-major */
    double *b;      /* d */
    size_t iters;   /* outer iterations used (0 for svd) */
    unsigned flags; /* EST_MATRIX_FLAG_* */
} est_matrix_result;

enum {
    EST_MATRIX_FLAG_NOT_CONVERGED = 1u << 0, /* the iteration limit was reached */
    EST_MATRIX_FLAG_EMPTY_ROWS = 1u << 1     /* a row of Y had no positive entry */
};

/* Columns per block of every O(n d k) pass (d x block doubles per scratch buffer). */
enum { EST_MATRIX_BLOCK = 1024 };

/* log p(x) of the bias density. */
double est_matrix_log_density(const gen_matrix_bias *p, double x);

/* log P(B <= x), computed without cancellation far in the left tail. */
double est_matrix_log_cdf(const gen_matrix_bias *p, double x);

/* q(x) = s^2 (-log p(x)) up to a constant (s = scale), and q', q'': the prior term of the
 * scaled objective (est_matrix_mle.h). Gaussian: q = (x - m)^2/2; logistic with
 * t = (x - m)/s: q' = s tanh(t/2), q'' = 2 sigma(t) sigma(-t). Both q'' > 0 (log-concave). */
void est_matrix_prior(const gen_matrix_bias *p, double x, double *q, double *q1, double *q2);

/* E[B | B < c], the bias estimate of a row with no positive entry (eq. 8, first term). */
double est_matrix_cond_mean(const gen_matrix_bias *p, double c);

/* The k leading eigenvectors of the symmetric d x d matrix G (row-major, destroyed),
 * in decreasing order of eigenvalue, into Uk (d x k, row-major); evals (k, may be NULL).
 * work: d*(k+1) doubles; iwork: 2*d ints (isuppz of dsyevr). RS_ENUMERIC when LAPACKE fails. */
rs_status est_matrix_top_eigvecs(double *G, size_t d, size_t k, double *Uk, double *evals,
                                 double *work, int *iwork, rs_error *err);

#endif
