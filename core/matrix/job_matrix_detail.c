/* job_matrix_detail.c — what the angles, data, learning and landscape views of the
 * matrix generator show, computed by the detail job so the views only format it. */
#include "job_matrix_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_randist.h>

matrix_detail *job_matrix_detail_alloc(void)
{
    matrix_detail *det = calloc(1, sizeof *det);
    if (!det)
        return NULL;
    model_detail_head_init(&det->head);
    for (size_t s = 0; s < MATRIX_DETAIL_METHODS; s++)
        det->est[s].method = -1;
    return det;
}

static void free_arrays(matrix_detail *det)
{
    free(det->zero_frac);
    free(det->b);
    det->zero_frac = det->b = NULL;
    for (size_t s = 0; s < MATRIX_DETAIL_METHODS; s++) {
        matrix_detail_est *e = &det->est[s];
        free(e->cosines);
        free(e->principal_rad);
        free(e->b_hat);
        e->cosines = e->principal_rad = e->b_hat = NULL;
        e->method = -1;
    }
}

void job_matrix_detail_free(matrix_detail *det)
{
    if (!det)
        return;
    free_arrays(det);
    model_detail_head_done(&det->head);
    free(det);
}

/* (i, j) of the s-th of m evenly spaced entries of a d x n matrix. */
static void scatter_entry(size_t s, size_t m, size_t d, size_t n, size_t *i, size_t *j)
{
    const size_t idx = (size_t)((double)s * ((double)d * (double)n / (double)m));
    *i = idx / n;
    *j = idx % n;
}

/* Row i of A times column j of C: M_ij. */
static double m_entry(const matrix_ws *ws, size_t i, size_t j)
{
    return cblas_ddot((int)ws->k, ws->A + i * ws->k, 1, ws->C + j, (int)ws->n);
}

rs_status job_matrix_detail_data(matrix_detail *det, const matrix_ws *ws, rs_error *err)
{
    const size_t d = ws->d, n = ws->n, k = ws->k;
    pthread_mutex_lock(&det->head.lock);
    det->head.ready = det->land_ready = 0;
    det->learn_len = det->learn_total = 0;
    free_arrays(det);
    det->zero_frac = malloc(d * sizeof(double));
    det->b = malloc(d * sizeof(double));
    int ok = det->zero_frac && det->b;
    for (size_t s = 0; s < MATRIX_DETAIL_METHODS && ok; s++) {
        det->est[s].cosines = malloc(k * k * sizeof(double));
        det->est[s].principal_rad = malloc(k * sizeof(double));
        det->est[s].b_hat = malloc(d * sizeof(double));
        ok = det->est[s].cosines && det->est[s].principal_rad && det->est[s].b_hat;
    }
    if (!ok) {
        free_arrays(det);
        pthread_mutex_unlock(&det->head.lock);
        return rs_error_set(err, RS_ENOMEM, "job_matrix: detail for d = %zu, k = %zu", d, k);
    }
    det->d = d, det->n = n, det->k = k;
    det->win_rows = d < MATRIX_WIN_ROWS ? d : MATRIX_WIN_ROWS;
    det->win_cols = n < MATRIX_WIN_COLS ? n : MATRIX_WIN_COLS;
    for (size_t r = 0; r < det->win_rows; r++)
        for (size_t c = 0; c < det->win_cols; c++) {
            det->y_window[r * det->win_cols + c] = ws->Y[r * n + c];
            det->z_window[r * det->win_cols + c] = m_entry(ws, r, c) + ws->b[r]; /* M + b 1^T */
        }
    for (size_t i = 0; i < d; i++) {
        det->zero_frac[i] = ws->zero_rows[i] / (double)n;
        det->b[i] = ws->b[i];
    }
    det->n_scatter = d * n < MATRIX_SCATTER_MAX ? d * n : MATRIX_SCATTER_MAX;
    for (size_t s = 0; s < det->n_scatter; s++) {
        size_t i, j;
        scatter_entry(s, det->n_scatter, d, n, &i, &j);
        det->scatter_true[s] = m_entry(ws, i, j);
    }
    pthread_mutex_unlock(&det->head.lock);
    return RS_OK;
}

rs_status job_matrix_detail_est(matrix_detail *det, const matrix_ws *ws, int method,
                                const gen_matrix_bias *bias, const double *metric, unsigned flags,
                                rs_error *err)
{
    const size_t d = ws->d, n = ws->n, k = ws->k;
    double *cos = malloc(k * k * sizeof(double)), *ang = malloc(k * sizeof(double));
    if (!cos || !ang) {
        free(cos);
        free(ang);
        return rs_error_set(err, RS_ENOMEM, "job_matrix: detail angles for k = %zu", k);
    }
    /* The eval again, now with the angle outputs: one more pass, on the detail job only. */
    const met_matrix_truth truth = {ws->A, ws->C, ws->b, ws->Uk};
    const est_matrix_result res = {ws->U, ws->V, ws->bh, 0, 0};
    double scratch[MET_MATRIX_COUNT];
    met_matrix_eval(ws->Y, d, n, k, &truth, &res, bias, ws->work, ws->iwork, scratch, cos, ang);
    pthread_mutex_lock(&det->head.lock);
    matrix_detail_est *e = &det->est[method == METHOD_MLE ? 0 : 1];
    e->method = method;
    memcpy(e->cosines, cos, k * k * sizeof *cos);
    memcpy(e->principal_rad, ang, k * sizeof *ang);
    memcpy(e->b_hat, ws->bh, d * sizeof *ws->bh);
    memcpy(e->metric, metric, MET_MATRIX_COUNT * sizeof *metric);
    e->flags = flags;
    for (size_t r = 0; r < det->win_rows; r++)
        for (size_t c = 0; c < det->win_cols; c++)
            e->fit_window[r * det->win_cols + c] =
                cblas_ddot((int)k, ws->U + r * k, 1, ws->V + c * k, 1) + ws->bh[r];
    for (size_t s = 0; s < det->n_scatter; s++) {
        size_t i, j;
        scatter_entry(s, det->n_scatter, d, n, &i, &j);
        e->scatter_hat[s] = cblas_ddot((int)k, ws->U + i * k, 1, ws->V + j * k, 1);
    }
    pthread_mutex_unlock(&det->head.lock);
    free(cos);
    free(ang);
    return RS_OK;
}

void job_matrix_detail_trace(void *tctx, size_t iter, const est_matrix_mle_iter *it,
                             const est_matrix_result *cur)
{
    job_matrix_trace *t = tctx;
    const matrix_ws *ws = t->ws;
    const double rel =
        met_matrix_rel_err(ws->A, ws->C, cur->U, cur->V, ws->d, ws->n, ws->k, ws->work);
    pthread_mutex_lock(&t->det->head.lock);
    if (iter < MATRIX_LEARN_MAX) {
        t->det->learn_objective[iter] = it->objective;
        t->det->learn_nll[iter] = it->nll;
        t->det->learn_violation[iter] = it->violation;
        t->det->learn_rel_err[iter] = rel;
        t->det->learn_len = iter + 1;
    }
    t->det->learn_total = iter + 1;
    pthread_mutex_unlock(&t->det->head.lock);
}

/* ||U V^T||_F over the first cols rows of V (scratch d x cols). */
static double factor_norm(const double *U, const double *V, size_t d, size_t cols, size_t k,
                          double *scratch)
{
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)d, (int)cols, (int)k, 1.0, U, (int)k,
                V, (int)k, 0.0, scratch, (int)cols);
    return cblas_dnrm2((int)(d * cols), scratch, 1);
}

rs_status job_matrix_detail_landscape(matrix_detail *det, const matrix_ws *ws,
                                      const est_matrix_mle_opts *opt, gsl_rng *r,
                                      const atomic_int *cancel, rs_error *err)
{
    const size_t d = ws->d, k = ws->k, lc = ws->n < MATRIX_LAND_COLS ? ws->n : MATRIX_LAND_COLS;
    const size_t k3 = 3 * k;
    double *Yw = malloc(d * lc * sizeof(double)), *U3 = malloc(d * k3 * sizeof(double));
    double *V3 = malloc(lc * k3 * sizeof(double)), *D = malloc(2 * (d + lc) * k * sizeof(double));
    rs_status st = RS_OK;
    if (!Yw || !U3 || !V3 || !D) {
        st = rs_error_set(err, RS_ENOMEM, "job_matrix: landscape for d = %zu, k = %zu", d, k);
        goto done;
    }
    for (size_t i = 0; i < d; i++)
        memcpy(Yw + i * lc, ws->Y + i * ws->n, lc * sizeof *Yw);
    double *U1 = D, *U2 = D + d * k, *V1 = D + 2 * d * k, *V2 = V1 + lc * k;
    for (size_t t = 0; t < 2 * (d + lc) * k; t++)
        D[t] = gsl_ran_gaussian_ziggurat(r, 1.0);
    /* Scale D1 = U1 V1^T and D2 to ||M_hat||_F on these columns (through their U factor). */
    const double mnorm = factor_norm(ws->U, ws->V, d, lc, k, ws->work);
    const double s1 = mnorm / factor_norm(U1, V1, d, lc, k, ws->work);
    const double s2 = mnorm / factor_norm(U2, V2, d, lc, k, ws->work);
    for (size_t j = 0; j < lc; j++) { /* V3 = [V, V1, V2] */
        memcpy(V3 + j * k3, ws->V + j * k, k * sizeof *V3);
        memcpy(V3 + j * k3 + k, V1 + j * k, k * sizeof *V3);
        memcpy(V3 + j * k3 + 2 * k, V2 + j * k, k * sizeof *V3);
    }
    const est_matrix_input in = {Yw, d, lc, k};
    for (size_t g = 0; g < MATRIX_LAND; g++)
        det->land_alpha[g] = det->land_beta[g] =
            MATRIX_LAND_SPAN * (2.0 * (double)g / (MATRIX_LAND - 1) - 1.0);
    for (size_t bi = 0; bi < MATRIX_LAND; bi++) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed)) {
            st = rs_error_set(err, RS_ECANCELLED, "job_matrix: cancelled");
            goto done;
        }
        for (size_t ai = 0; ai < MATRIX_LAND; ai++) {
            const double a = det->land_alpha[ai] * s1, b = det->land_beta[bi] * s2;
            for (size_t i = 0; i < d; i++) /* U3 = [U, a U1, b U2] */
                for (size_t l = 0; l < k; l++) {
                    U3[i * k3 + l] = ws->U[i * k + l];
                    U3[i * k3 + k + l] = a * U1[i * k + l];
                    U3[i * k3 + 2 * k + l] = b * U2[i * k + l];
                }
            est_matrix_mle_iter it;
            est_matrix_mle_eval(&in, opt, k3, U3, V3, ws->bh, ws->work, &it);
            pthread_mutex_lock(&det->head.lock);
            det->land_objective[bi * MATRIX_LAND + ai] = it.objective;
            det->land_violation[bi * MATRIX_LAND + ai] = it.violation;
            pthread_mutex_unlock(&det->head.lock);
        }
    }
    pthread_mutex_lock(&det->head.lock);
    det->land_cols = lc;
    det->land_ready = 1;
    pthread_mutex_unlock(&det->head.lock);
done:
    free(Yw);
    free(U3);
    free(V3);
    free(D);
    return st;
}
