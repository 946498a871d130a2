/* met_matrix.h — the metrics of the ReLU matrix model (Mazumdar, Rawat 2019, SPEC 5.2). */
#ifndef MET_MATRIX_H
#define MET_MATRIX_H

#include <stddef.h>

#include "est_matrix.h"
#include "gen_matrix.h"
#include "rs.h"

enum {
    MET_MATRIX_FLAG_NOT_CONVERGED = 1u << 0, /* the MLE reached its iteration limit */
    MET_MATRIX_FLAG_EMPTY_ROWS = 1u << 1,    /* a row of Y had no positive entry */
    MET_MATRIX_FLAG_EIG_FAILED = 1u << 2     /* LAPACKE failed: subspace_err is nan */
};

typedef enum {
    MET_MATRIX_REL_ERR_M,     /* ||M_hat - M||_F / ||M||_F */
    MET_MATRIX_SUBSPACE_ERR,  /* ||sin Theta(U_k, U_hat_k)||_F */
    MET_MATRIX_ERR_B,         /* ||b_hat - b||_2 / sqrt(d) */
    MET_MATRIX_OBJECTIVE,     /* -L_Y(M_hat)/d of eq. (8) at (M_hat, b_hat) */
    MET_MATRIX_VIOLATION,     /* RMS violation of (5)-(6) by M_hat + b_hat 1^T */
    MET_MATRIX_ITERS,         /* outer iterations (0 for svd) */
    MET_MATRIX_SECONDS,       /* estimation time (filled by the job) */
    MET_MATRIX_REL_ERR_MB,    /* gauge-invariant: pre-activation M + b 1^T (met_matrix_gauge.h) */
    MET_MATRIX_REL_ERR_GAUGE, /* gauge-invariant: M up to the shift A w 1^T */
    MET_MATRIX_COUNT
} met_matrix_id;

extern const char *const met_matrix_names[MET_MATRIX_COUNT];

/* The truth in factor form: M = A C, A d x k, C k x n (row-major), b d; Uk (d x k) an
 * orthonormal basis of col(A) = the top-k left singular vectors of M. */
typedef struct {
    const double *A, *C, *b, *Uk;
} met_matrix_truth;

/* Doubles of work met_matrix_eval needs at (d, k); 0 on overflow. */
size_t met_matrix_work(size_t d, size_t k);

/* Uk (d x k) = the top k eigenvectors of A A^T (LAPACKE), an orthonormal basis of
 * col(A). work: met_matrix_work(d, k) doubles, iwork 2 d ints. RS_ENUMERIC. */
rs_status met_matrix_true_basis(const double *A, size_t d, size_t k, double *work, int *iwork,
                                double *Uk, rs_error *err);

/* ||U V^T - A C||_F / ||A C||_F in blocks of EST_MATRIX_BLOCK columns (two dgemm per
 * block). scratch: 2 d EST_MATRIX_BLOCK doubles. */
double met_matrix_rel_err(const double *A, const double *C, const double *U, const double *V,
                          size_t d, size_t n, size_t k, double *scratch);

/* Every metric but seconds into out[MET_MATRIX_COUNT] and the flags returned. Y is the
 * d x n observation (for eq. 8 and the violation). U_hat_k = the top-k left singular
 * vectors of M_hat = U V^T, from the eigenvectors of U (V^T V) U^T. cosines (k x k,
 * |U_k^T U_hat_k|) and principal_rad (k, ascending) may be NULL. work:
 * met_matrix_work(d, k) doubles; iwork: 2 d ints. */
unsigned met_matrix_eval(const double *Y, size_t d, size_t n, size_t k, const met_matrix_truth *t,
                         const est_matrix_result *est, const gen_matrix_bias *bias, double *work,
                         int *iwork, double *out, double *cosines, double *principal_rad);

#endif
