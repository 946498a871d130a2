/* job_matrix.c — one job of the matrix generator (Mazumdar, Rawat 2019): Y = ReLU(A C + b 1^T), the
 * likelihood estimator and the SVD baseline on the same Y, their metrics. */
#include "job_matrix.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "est_matrix_svd.h"
#include "gen_matrix.h"
#include "job_matrix_internal.h"
#include "rng_stream.h"
#include "workspace.h"

static size_t matrix_k(const rs_params *p)
{
    return p->k == 0 ? p->d : p->k;
}

enum { MATRIX_WS_ARRAYS = 11 };

/* Sizes in doubles of each buffer, in the order matrix_ws lists them; 0 when a product
 * would overflow or a work size is refused. */
static int ws_layout(size_t n, size_t d, size_t k, size_t s[MATRIX_WS_ARRAYS])
{
    if (d == 0 || k == 0 || n > SIZE_MAX / 16 / d || n > SIZE_MAX / 16 / k || d > SIZE_MAX / 16 / k)
        return 0;
    const size_t mw = met_matrix_work(d, k), sw = est_matrix_svd_work(d, k);
    const size_t sizes[MATRIX_WS_ARRAYS] = {d * n, k * n, d * k, d, d * k,
                                            d,     d * k, n * k, d, mw > sw ? mw : sw,
                                            d}; /* the last, iwork, holds 2 d ints */
    memcpy(s, sizes, sizeof sizes);
    return mw && sw;
}

size_t job_matrix_bytes(const rs_params *p)
{
    size_t s[MATRIX_WS_ARRAYS];
    const size_t k = matrix_k(p);
    const size_t a = ws_layout(p->n, p->d, k, s) ? workspace_bytes(s, MATRIX_WS_ARRAYS) : 0;
    const size_t b = est_matrix_mle_ws_bytes(p->d, p->n, k);
    return a && b && a < SIZE_MAX / 2 && b < SIZE_MAX / 2 ? a + b : 0;
}

static rs_status ws_alloc(matrix_ws *ws, workspace_arena *arena, size_t n, size_t d, size_t k,
                          rs_error *err)
{
    size_t s[MATRIX_WS_ARRAYS];
    double *iwork = NULL;
    double **const slots[MATRIX_WS_ARRAYS] = {&ws->Y,  &ws->C,         &ws->A, &ws->b,
                                              &ws->Uk, &ws->zero_rows, &ws->U, &ws->V,
                                              &ws->bh, &ws->work,      &iwork};
    const int ok = ws_layout(n, d, k, s);
    ws->block = ok ? workspace_take(arena, 0, s, slots, MATRIX_WS_ARRAYS) : NULL;
    if (!ws->block)
        return rs_error_set(err, RS_ENOMEM,
                            "job_matrix: cannot allocate %zu bytes (d = %zu, n = %zu)",
                            ok ? workspace_bytes(s, MATRIX_WS_ARRAYS) : 0, d, n);
    ws->d = d, ws->n = n, ws->k = k;
    ws->iwork = (int *)iwork;
    return RS_OK;
}

/* Truth and data of job (v, run): A, b from the truth stream of (seed, 0, run) (shared
 * by every sweep value), C from the samples stream of (seed, v, run). */
static rs_status draw(const rs_params *p, size_t v, size_t run, matrix_ws *ws,
                      const gen_matrix_bias *bias, const atomic_int *cancel, rs_error *err)
{
    gsl_rng *truth_rng = rng_stream_alloc(p->seed, 0, run, RNG_PURPOSE_TRUTH);
    gsl_rng *data_rng = rng_stream_alloc(p->seed, v, run, RNG_PURPOSE_SAMPLES);
    rs_status st = RS_OK;
    if (!truth_rng || !data_rng)
        st = rs_error_set(err, RS_ENOMEM, "job_matrix: RNG allocation");
    if (st == RS_OK)
        st = gen_matrix_truth(ws->d, ws->k, p->kappa, bias, truth_rng, ws->A, ws->b, err);
    if (st == RS_OK)
        st = gen_matrix_latent(ws->k, ws->n, p->latent, p->sparsity, data_rng, ws->C, cancel, err);
    if (st == RS_OK)
        st = gen_matrix_sample(ws->A, ws->b, ws->C, ws->d, ws->k, ws->n, ws->Y, ws->zero_rows,
                               cancel, err);
    if (st == RS_OK)
        st = met_matrix_true_basis(ws->A, ws->d, ws->k, ws->work, ws->iwork, ws->Uk, err);
    gsl_rng_free(truth_rng);
    gsl_rng_free(data_rng);
    return st;
}

/* Run one method into ws->U, V, bh and fill its metrics. */
static rs_status fit_method(int m, matrix_ws *ws, est_matrix_mle_ws *mws,
                            const est_matrix_mle_opts *opt, job_matrix_trace *trace,
                            sweep_cell *cell, const atomic_int *cancel, rs_error *err)
{
    const est_matrix_input in = {ws->Y, ws->d, ws->n, ws->k};
    est_matrix_result res = {ws->U, ws->V, ws->bh, 0, 0};
    const double t0 = rs_now_s();
    rs_status st;
    if (m == METHOD_MLE)
        st = est_matrix_mle_fit(&in, opt, mws, &res, trace ? job_matrix_detail_trace : NULL, trace,
                                cancel, err);
    else if (m == METHOD_SVD)
        st = est_matrix_svd_fit(&in, ws->work, ws->iwork, &res, cancel, err);
    else
        st = rs_error_set(err, RS_EINVAL, "job_matrix: estimator %s is not one of mle|svd",
                          param_method_name(m));
    if (st != RS_OK)
        return st;
    const double seconds = rs_now_s() - t0;
    const met_matrix_truth truth = {ws->A, ws->C, ws->b, ws->Uk};
    cell->flags[m] = met_matrix_eval(ws->Y, ws->d, ws->n, ws->k, &truth, &res, &opt->bias, ws->work,
                                     ws->iwork, cell->metric[m], NULL, NULL);
    cell->metric[m][MET_MATRIX_SECONDS] = seconds;
    return RS_OK;
}

rs_status job_matrix_run(void *vctx, size_t v, double value, size_t run, sweep_cell *cell,
                         workspace_arena *arena, const atomic_int *cancel, rs_error *err)
{
    const model_ctx *ctx = vctx;
    rs_params p;
    {
        const rs_status st = model_job_params(ctx, value, &p, err);
        if (st != RS_OK)
            return st;
    }
    const size_t n = p.n, d = p.d, k = matrix_k(&p);
    if (k > d || k > n)
        return rs_error_set(err, RS_EINVAL, "job_matrix: k = %zu must be in 1..min(d, n) = %zu", k,
                            d < n ? d : n);
    const gen_matrix_bias bias = {p.bias_dist, p.bias_mean, p.bias_scale};
    est_matrix_mle_opts opt = est_matrix_mle_default_opts(&bias);
    opt.max_iters = p.iters;
    const unsigned methods = param_methods(&p);
    const unsigned known = (1u << METHOD_MLE) | (1u << METHOD_SVD);
    if (methods & ~known)
        return rs_error_set(err, RS_EINVAL, "job_matrix: estimators must be among mle|svd");
    matrix_detail *det = model_ctx_detail(ctx, v, run);
    matrix_ws ws;
    est_matrix_mle_ws *mws = NULL;
    rs_status st = ws_alloc(&ws, arena, n, d, k, err);
    if (st != RS_OK)
        return st;
    if ((methods & (1u << METHOD_MLE)) && !(mws = est_matrix_mle_ws_take(d, n, k, arena, 1))) {
        st = rs_error_set(err, RS_ENOMEM, "job_matrix: MLE workspace for d = %zu, k = %zu", d, k);
        goto done;
    }
    st = draw(&p, v, run, &ws, &bias, cancel, err);
    if (st == RS_OK && det)
        st = job_matrix_detail_data(det, &ws, err);
    /* Both estimators see the same Y (the point of the comparison). svd first: the MLE's
     * estimate then stays in ws for the landscape. */
    const int order[] = {METHOD_SVD, METHOD_MLE};
    for (size_t o = 0; o < 2 && st == RS_OK; o++) {
        const int m = order[o];
        if (!(methods & (1u << m)))
            continue;
        job_matrix_trace trace = {det, &ws};
        st = fit_method(m, &ws, mws, &opt, det && m == METHOD_MLE ? &trace : NULL, cell, cancel,
                        err);
        if (st == RS_OK && det)
            st = job_matrix_detail_est(det, &ws, m, &bias, cell->metric[m], cell->flags[m], err);
    }
    if (st == RS_OK && det) {
        /* Its own stream: asking for the detail must not change any metric. */
        gsl_rng *extra = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_EXTRA);
        st = !extra ? rs_error_set(err, RS_ENOMEM, "job_matrix: RNG allocation")
             : (methods & (1u << METHOD_MLE)) && !model_ctx_learning_only(ctx)
                 ? job_matrix_detail_landscape(det, &ws, &opt, extra, cancel, err)
                 : RS_OK;
        gsl_rng_free(extra);
        pthread_mutex_lock(&det->head.lock);
        det->head.ready = st == RS_OK;
        pthread_mutex_unlock(&det->head.lock);
    }
done:
    est_matrix_mle_ws_free(mws);
    workspace_put(arena, ws.block);
    return st;
}
