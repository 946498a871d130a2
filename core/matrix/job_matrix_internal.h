/* job_matrix_internal.h — the job's buffers, shared by job_matrix.c (the job) and
 * job_matrix_detail.c (what the views need). */
#ifndef JOB_MATRIX_INTERNAL_H
#define JOB_MATRIX_INTERNAL_H

#include <gsl/gsl_rng.h>

#include "est_matrix_mle.h"
#include "job_matrix.h"

/* Every buffer of a job, carved from one allocation (the MLE workspace apart). */
typedef struct {
    size_t d, n, k;
    double *Y, *C, *A, *b, *Uk, *zero_rows; /* data and truth */
    double *U, *V, *bh;                     /* the current estimate */
    double *work;                           /* max(met_matrix_work, est_matrix_svd_work) */
    int *iwork;                             /* 2 d */
    void *block;
} matrix_ws;

/* The data-view part of the detail, once Y is drawn. RS_ENOMEM. */
rs_status job_matrix_detail_data(matrix_detail *det, const matrix_ws *ws, rs_error *err);

/* One estimator's part (slot 0 = mle, 1 = svd) after its metrics. RS_ENOMEM. */
rs_status job_matrix_detail_est(matrix_detail *det, const matrix_ws *ws, int method,
                                const gen_matrix_bias *bias, const double *metric, unsigned flags,
                                rs_error *err);

/* The learning-curve trace of est_matrix_mle_fit (tctx is a job_matrix_trace). */
typedef struct {
    matrix_detail *det;
    matrix_ws *ws;
} job_matrix_trace;
void job_matrix_detail_trace(void *tctx, size_t iter, const est_matrix_mle_iter *it,
                             const est_matrix_result *cur);

/* The landscape through the MLE estimate in ws->U, V, bh; r draws the directions. */
rs_status job_matrix_detail_landscape(matrix_detail *det, const matrix_ws *ws,
                                      const est_matrix_mle_opts *opt, gsl_rng *r,
                                      const atomic_int *cancel, rs_error *err);

#endif
