/* detail_matrix.h — what the detail views of the ReLU matrix model (Mazumdar, Rawat 2019)
 * read: the result type one job fills for the non-curve views. Plain data, apart from the
 * runners (job_matrix.h), so that ui/view reads types and never algorithms. */
#ifndef DETAIL_MATRIX_H
#define DETAIL_MATRIX_H

#include <stddef.h>

#include "met_matrix.h"
#include "model.h"
#include "param.h"

enum {
    MATRIX_WIN_ROWS = 24,
    MATRIX_WIN_COLS = 64,      /* data view window: rows 0.., columns 0.. */
    MATRIX_LEARN_MAX = 1000,   /* iterations kept for the learning view */
    MATRIX_LAND = 29,          /* landscape grid per axis */
    MATRIX_LAND_COLS = 400,    /* columns of Y the landscape is evaluated on */
    MATRIX_SCATTER_MAX = 2000, /* (M_ij, M_hat_ij) pairs */
    MATRIX_DETAIL_METHODS = 2  /* est[0] = mle, est[1] = svd */
};

/* Half-width of the landscape plane in units of ||M_hat||_F: alpha, beta in [-s, s]. */
#define MATRIX_LAND_SPAN 0.5

/* One estimator's part of the detail. */
typedef struct {
    int method;            /* METHOD_MLE or METHOD_SVD; -1 when the job did not run it */
    double *cosines;       /* k x k: |U_k^T U_hat_k| (angles view) */
    double *principal_rad; /* k principal angles between col(A) and col(M_hat), ascending */
    double *b_hat;         /* d */
    double fit_window[MATRIX_WIN_ROWS * MATRIX_WIN_COLS]; /* M_hat + b_hat 1^T on the window */
    double scatter_hat[MATRIX_SCATTER_MAX];               /* M_hat at the scatter entries */
    double metric[MET_MATRIX_COUNT];
    unsigned flags; /* MET_MATRIX_FLAG_* */
} matrix_detail_est;

/* What the non-curve views show for one job (value index `detail_value`, run 0). Filled
 * by the job under `lock`; `ready` is set last. learn_* stream in while the MLE runs
 * (learn_len grows under the lock). Owned by the caller (job_matrix_detail_free). */
typedef struct {
    model_detail_head head; /* lock, ready (model.h) */
    size_t d, n, k;
    /* data view */
    size_t win_rows, win_cols;                          /* min(d, WIN_ROWS), min(n, WIN_COLS) */
    double y_window[MATRIX_WIN_ROWS * MATRIX_WIN_COLS]; /* Y, row-major win_rows x win_cols */
    double z_window[MATRIX_WIN_ROWS * MATRIX_WIN_COLS]; /* M + b 1^T on the same window */
    double *zero_frac; /* d: fraction of zero entries of each row of Y */
    double *b;         /* d: the true bias */
    size_t n_scatter;
    double scatter_true[MATRIX_SCATTER_MAX]; /* M_ij at evenly spaced entries */
    matrix_detail_est est[MATRIX_DETAIL_METHODS];
    /* learning view: the MLE per iteration, index 0 = the SVD warm start */
    size_t learn_len, learn_total; /* kept (<= LEARN_MAX) and total reported iterations */
    double learn_objective[MATRIX_LEARN_MAX], learn_nll[MATRIX_LEARN_MAX];
    double learn_violation[MATRIX_LEARN_MAX], learn_rel_err[MATRIX_LEARN_MAX];
    /* landscape view: J (est_matrix_mle.h) at M_hat + alpha D1 + beta D2 with b_hat fixed,
     * D1, D2 random rank-k directions with ||D||_F = ||M_hat||_F on the first land_cols
     * columns; land_ready = 0 when mle did not run. Row = beta index. */
    int land_ready;
    size_t land_cols;
    double land_alpha[MATRIX_LAND], land_beta[MATRIX_LAND];
    double land_objective[MATRIX_LAND * MATRIX_LAND], land_violation[MATRIX_LAND * MATRIX_LAND];
} matrix_detail;

#endif
