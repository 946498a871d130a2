/* job_relu.c — one job of the relu generator (Wu, Dimakis, Sanghavi 2019, Algorithm 1 end to end).
 */
#include "job_relu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_rng.h>

#include "angles.h"
#include "est_censored.h"
#include "est_median.h"
#include "est_median_stream.h"
#include "est_mle.h"
#include "est_sgd.h"
#include "gen_relu.h"
#include "job_relu_needed.h"
#include "job_relu_stream.h"
#include "met_relu.h"
#include "rng_stream.h"
#include "trunc_normal.h"
#include "workspace.h"

/* Every buffer of a job, carved from one allocation. */
typedef struct {
    double *X, *zbuf, *W, *b, *Sigma, *theta_true;
    double *count, *sum, *sumsq;
    double *mu_hat, *s2_hat, *b_hat, *theta_hat, *Sigma_hat, *counts, *scratch, *buf;
    uint64_t *bits;
    double *xmax, *cnt, *sample; /* streaming only: maxima, pair counts, data-view sample */
    void *block;
} relu_ws;

static size_t relu_k(const rs_params *p)
{
    return p->k == 0 ? p->d : p->k;
}

enum { RELU_WS_ARRAYS = 21 };

/* Bytes of the memory budget (key mem_mb). */
static size_t budget_bytes(const rs_params *p)
{
    return p->mem_mb > SIZE_MAX >> 21 ? SIZE_MAX : p->mem_mb << 20;
}

/* 1 when the job streams its samples (job_relu_stream.h) instead of keeping X: when X
 * would exceed the budget, unless ProjSGD (sgd) is asked for, which draws its minibatches
 * from the kept positive samples of each coordinate. */
static int relu_streams(const rs_params *p)
{
    if (param_methods(p) & (1u << METHOD_SGD))
        return 0;
    return p->d != 0 && p->n > budget_bytes(p) / sizeof(double) / p->d;
}

/* Sizes in doubles of each buffer, in the order relu_ws lists them; 0 when n d overflows.
 * Streaming, X is one block and there is no per-sample scratch. */
static int ws_layout(size_t n, size_t d, size_t k, int stream, size_t s[RELU_WS_ARRAYS])
{
    if (d != 0 && n > SIZE_MAX / 16 / d)
        return 0;
    const size_t rows = stream && n > GEN_RELU_BLOCK ? GEN_RELU_BLOCK : n;
    const size_t dd = d * d, blk = (size_t)GEN_RELU_BLOCK * k, sd = stream ? d : 0;
    const size_t bits = angles_words(rows) * d; /* uint64 words, the size of doubles */
    const size_t sizes[RELU_WS_ARRAYS] = {rows * d,
                                          blk,
                                          d * k,
                                          d,
                                          dd,
                                          dd,
                                          d,
                                          d,
                                          d,
                                          d,
                                          d,
                                          d,
                                          dd,
                                          dd,
                                          dd,
                                          2 * dd + 2 * d,
                                          stream ? 0 : n,
                                          bits,
                                          sd,
                                          sd * d,
                                          stream ? 2 * RELU_SCATTER_MAX : 0};
    memcpy(s, sizes, sizeof sizes);
    return 1;
}

size_t job_relu_bytes(const rs_params *p)
{
    size_t s[RELU_WS_ARRAYS];
    const int stream = relu_streams(p);
    const size_t b =
        ws_layout(p->n, p->d, relu_k(p), stream, s) ? workspace_bytes(s, RELU_WS_ARRAYS) : 0;
    /* the median's brackets when streaming: at most the budget */
    const size_t med = stream && (param_methods(p) & (1u << METHOD_MEDIAN)) ? budget_bytes(p) : 0;
    return b && b < SIZE_MAX - med ? b + med : 0;
}

static rs_status ws_alloc(relu_ws *ws, workspace_arena *arena, size_t n, size_t d, size_t k,
                          int stream, rs_error *err)
{
    size_t s[RELU_WS_ARRAYS];
    double *bits = NULL;
    double **const slots[RELU_WS_ARRAYS] = {
        &ws->X,         &ws->zbuf,      &ws->W,      &ws->b,       &ws->Sigma,  &ws->theta_true,
        &ws->count,     &ws->sum,       &ws->sumsq,  &ws->mu_hat,  &ws->s2_hat, &ws->b_hat,
        &ws->theta_hat, &ws->Sigma_hat, &ws->counts, &ws->scratch, &ws->buf,    &bits,
        &ws->xmax,      &ws->cnt,       &ws->sample};
    const int ok = ws_layout(n, d, k, stream, s);
    ws->block = ok ? workspace_take(arena, 0, s, slots, RELU_WS_ARRAYS) : NULL;
    if (!ws->block)
        return rs_error_set(err, RS_ENOMEM,
                            "job_relu: cannot allocate %zu bytes (n = %zu, d = %zu)",
                            ok ? workspace_bytes(s, RELU_WS_ARRAYS) : 0, n, d);
    ws->bits = (uint64_t *)bits;
    return RS_OK;
}

/* One norm/bias estimator into ws->mu_hat, ws->s2_hat; returns est flags. */
static rs_status fit_method(int method, const rs_params *p, const est_input *in, relu_ws *ws,
                            gsl_rng *est_rng, est_sgd_path *path, unsigned *flags,
                            const atomic_int *cancel, rs_error *err)
{
    est_result res = {ws->mu_hat, ws->s2_hat, NULL, 0};
    rs_status st;
    if (method == METHOD_SGD) {
        const est_sgd_opts opt = {p->r, p->lambda, p->batches, p->sgd_batch};
        st = est_sgd_fit(in, &opt, est_rng, ws->buf, path, &res, cancel, err);
    } else if (method == METHOD_TRUNCATED || method == METHOD_MLE) { /* mle: its old name */
        st = est_mle_fit(in, &res, err);
    } else if (method == METHOD_CENSORED) {
        st = est_censored_fit(in, &res, err);
    } else if (method == METHOD_MEDIAN) {
        st = est_median_fit(in, ws->buf, &res, err);
    } else {
        return rs_error_set(err, RS_EINVAL,
                            "job_relu: estimator %s is not one of sgd|truncated|censored|median",
                            param_method_name(method));
    }
    *flags = 0;
    if (res.flags & EST_FLAG_FEW_POSITIVE)
        *flags |= MET_FLAG_FIT_FAILED;
    if (res.flags & EST_FLAG_NOT_CONVERGED)
        *flags |= MET_FLAG_NOT_CONVERGED;
    return st;
}

/* The data view's histogram of coord: from X, or by a pass over the stream s. */
static rs_status detail_hist(relu_detail *det, const relu_ws *ws, relu_stream *s, size_t n,
                             size_t d, double *hi_out, double *counts, const atomic_int *cancel,
                             rs_error *err)
{
    const size_t c = det->coord;
    double xmax = 0.0;
    size_t zeros = 0;
    if (s) { /* pass 1 kept the maximum and the positive count */
        xmax = ws->xmax[c];
        zeros = n - (size_t)ws->count[c];
    } else
        for (size_t m = 0; m < n; m++) {
            const double x = ws->X[m * d + c];
            zeros += x == 0.0;
            xmax = fmax(xmax, x);
        }
    det->p_zero = (double)zeros / (double)n;
    const double hi = xmax > 0.0 ? xmax : 1.0, width = hi / RELU_HIST_BINS;
    *hi_out = hi;
    for (size_t j = 0; j <= RELU_HIST_BINS; j++)
        det->hist_edges[j] = width * (double)j;
    if (s)
        return relu_stream_hist(s, RELU_HIST_BINS, width, counts, cancel, err);
    for (size_t j = 0; j < RELU_HIST_BINS; j++)
        counts[j] = 0.0;
    for (size_t m = 0; m < n; m++) {
        const double x = ws->X[m * d + c];
        if (x > 0.0) {
            size_t j = (size_t)(x / width);
            counts[j < RELU_HIST_BINS ? j : RELU_HIST_BINS - 1] += 1.0;
        }
    }
    return RS_OK;
}

static rs_status fill_detail_data(relu_detail *det, const relu_ws *ws, relu_stream *s, size_t n,
                                  size_t d, const atomic_int *cancel, rs_error *err)
{
    const size_t c = det->coord, c2 = det->coord2;
    double counts[RELU_HIST_BINS], hi = 1.0;
    const rs_status st = detail_hist(det, ws, s, n, d, &hi, counts, cancel, err);
    if (st != RS_OK)
        return st;
    const double width = hi / RELU_HIST_BINS;
    for (size_t j = 0; j < RELU_HIST_BINS; j++)
        det->hist_density[j] = counts[j] / ((double)n * width);
    /* The continuous part of ReLU(N(mu, s^2)) has density phi((x - mu)/s)/s on x > 0. */
    const double mu = ws->mu_hat[c], sd = sqrt(ws->s2_hat[c]);
    for (size_t j = 0; j < RELU_CURVE_POINTS; j++) {
        const double x = hi * (double)(j + 1) / RELU_CURVE_POINTS;
        const double z = (x - mu) / sd;
        det->curve_x[j] = x;
        det->curve_y[j] = exp(-0.5 * z * z) / (sd * sqrt(2.0 * M_PI));
    }
    det->n_scatter = n < RELU_SCATTER_MAX ? n : RELU_SCATTER_MAX;
    for (size_t m = 0; m < det->n_scatter; m++) { /* the first rows: kept by pass 1 if s */
        det->scatter_x[m] = s ? ws->sample[m] : ws->X[m * d + c];
        det->scatter_y[m] = s ? ws->sample[RELU_SCATTER_MAX + m] : ws->X[m * d + c2];
    }
    return RS_OK;
}

static void fill_detail_landscape(relu_detail *det, const relu_ws *ws)
{
    const size_t c = det->coord;
    const double cnt = ws->count[c];
    double mu = NAN, s2 = NAN;
    est_mle_fit1(cnt, ws->sum[c], ws->sumsq[c], &mu, &s2, NULL, NULL);
    det->mle_mu = mu;
    det->mle_sigma = sqrt(s2);
    det->true_mu = ws->b[c];
    det->true_sigma = sqrt(ws->Sigma[c * det->d + c]);
    const double s = isfinite(det->mle_sigma) ? det->mle_sigma : det->true_sigma;
    const double m0 = isfinite(mu) ? mu : det->true_mu;
    double mlo = m0 - 2.0 * s, mhi = m0 + 2.0 * s, slo = s / 3.0, shi = 2.5 * s;
    for (size_t j = 0; j < det->path_len; j++) { /* the whole path stays in the picture */
        mlo = fmin(mlo, det->path_mu[j]);
        mhi = fmax(mhi, det->path_mu[j]);
        slo = fmin(slo, det->path_sigma[j]);
        shi = fmax(shi, det->path_sigma[j]);
    }
    const double m1 = ws->sum[c] / cnt, m2 = ws->sumsq[c] / cnt;
    for (size_t a = 0; a < RELU_LAND_MU; a++)
        det->land_mu[a] = mlo + (mhi - mlo) * (double)a / (RELU_LAND_MU - 1);
    for (size_t b = 0; b < RELU_LAND_SIGMA; b++)
        det->land_sigma[b] = slo + (shi - slo) * (double)b / (RELU_LAND_SIGMA - 1);
    for (size_t b = 0; b < RELU_LAND_SIGMA; b++)
        for (size_t a = 0; a < RELU_LAND_MU; a++)
            det->land_nll[b * RELU_LAND_MU + a] =
                cnt >= 2 ? trunc_normal_nll(det->land_mu[a], det->land_sigma[b], 0.0, m1, m2) : NAN;
}

/* The detail for the views: the first method's estimate, the data, the landscape. s is
 * the sample stream when the job streams (then there is no ProjSGD path), else NULL. */
static rs_status fill_detail(relu_detail *det, const rs_params *p, const est_input *in, relu_ws *ws,
                             relu_stream *s, int method, gsl_rng *est_rng, const atomic_int *cancel,
                             rs_error *err)
{
    const size_t d = p->d;
    pthread_mutex_lock(&det->head.lock);
    det->head.ready = 0;
    double *old[] = {det->theta_true, det->theta_hat, det->b,
                     det->b_hat,      det->sigma2,    det->sigma2_hat};
    for (size_t i = 0; i < 6; i++)
        free(old[i]);
    det->theta_true = malloc(d * d * sizeof(double));
    det->theta_hat = malloc(d * d * sizeof(double));
    det->b = malloc(d * sizeof(double));
    det->b_hat = malloc(d * sizeof(double));
    det->sigma2 = malloc(d * sizeof(double));
    det->sigma2_hat = malloc(d * sizeof(double));
    if (!det->theta_true || !det->theta_hat || !det->b || !det->b_hat || !det->sigma2 ||
        !det->sigma2_hat) {
        pthread_mutex_unlock(&det->head.lock);
        return rs_error_set(err, RS_ENOMEM, "job_relu: detail for d = %zu", d);
    }
    det->d = d;
    det->n = p->n;
    det->method = method;
    det->coord = p->coord < d ? p->coord : 0;
    det->coord2 = p->coord2 < d ? p->coord2 : (d > 1 ? 1 : 0);
    memcpy(det->theta_true, ws->theta_true, d * d * sizeof(double));
    memcpy(det->theta_hat, ws->theta_hat, d * d * sizeof(double));
    memcpy(det->b, ws->b, d * sizeof(double));
    memcpy(det->b_hat, ws->b_hat, d * sizeof(double));
    for (size_t i = 0; i < d; i++) {
        det->sigma2[i] = ws->Sigma[i * d + i];
        det->sigma2_hat[i] = ws->s2_hat[i];
    }
    rs_status st = fill_detail_data(det, ws, s, p->n, d, cancel, err);
    pthread_mutex_unlock(&det->head.lock);
    if (st != RS_OK)
        return st;

    /* The ProjSGD path of coord (its first batch), whatever the compared methods; none
     * when streaming (ProjSGD needs the kept samples). */
    est_sgd_path path = {det->coord, RELU_PATH_MAX, 0, det->path_mu, det->path_sigma};
    est_result res = {ws->mu_hat, ws->s2_hat, NULL, 0};
    const est_sgd_opts opt = {p->r, p->lambda, p->batches, p->sgd_batch};
    st = s ? RS_EINVAL : est_sgd_fit(in, &opt, est_rng, ws->buf, &path, &res, cancel, err);
    if (st == RS_ECANCELLED)
        return st;
    pthread_mutex_lock(&det->head.lock);
    det->path_len = st == RS_OK ? path.len : 0;
    det->sgd_mu = s ? NAN : ws->mu_hat[det->coord];
    det->sgd_sigma = s ? NAN : sqrt(ws->s2_hat[det->coord]);
    fill_detail_landscape(det, ws);
    det->head.ready = 1;
    pthread_mutex_unlock(&det->head.lock);
    return RS_OK;
}

/* The pair counts and Alg. 1, lines 8-9 for the method whose b_hat is in ws: from X, or
 * by a pass over the stream s. */
static rs_status angles_of(relu_ws *ws, relu_stream *s, size_t n, size_t d,
                           const atomic_int *cancel, rs_error *err)
{
    if (s) {
        const rs_status st = relu_stream_counts(s, ws->b_hat, ws->counts, cancel, err);
        if (st != RS_OK)
            return st;
    } else {
        angles_pack(ws->X, n, d, ws->b_hat, ws->bits);
        angles_count_popcount(ws->bits, n, d, ws->counts);
    }
    angles_sigma(ws->counts, n, d, ws->s2_hat, ws->theta_hat, ws->Sigma_hat);
    return RS_OK;
}

/* Sigma = W W^T by one dsyrk, and theta*(i,j) (eq. 2) from it. */
static void truth_blas(const double *W, size_t d, size_t k, double *Sigma, double *theta)
{
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, (int)d, (int)k, 1.0, W, (int)k, 0.0, Sigma,
                (int)d);
    for (size_t i = 0; i < d; i++) {
        theta[i * d + i] = 0.0;
        for (size_t j = i + 1; j < d; j++) {
            double c = Sigma[i * d + j] / sqrt(Sigma[i * d + i] * Sigma[j * d + j]);
            c = c > 1.0 ? 1.0 : (c < -1.0 ? -1.0 : c); /* rounding can leave |c| = 1 + ulp */
            Sigma[j * d + i] = Sigma[i * d + j];
            theta[i * d + j] = theta[j * d + i] = acos(c);
        }
    }
}

/* The truth of the run: W, b, Sigma = W W^T, theta*. */
static rs_status truth(const rs_params *p, size_t k, size_t run, relu_ws *ws, rs_error *err)
{
    const size_t d = p->d;
    gsl_rng *truth_rng = rng_stream_alloc(p->seed, 0, run, RNG_PURPOSE_TRUTH);
    if (!truth_rng)
        return rs_error_set(err, RS_ENOMEM, "job_relu: RNG allocation");
    const rs_status st =
        gen_relu_truth(d, k, p->kappa, p->bias, p->bias_scale, truth_rng, ws->W, ws->b, err);
    gsl_rng_free(truth_rng);
    if (st != RS_OK)
        return st;
    if (d > GEN_RELU_LAPACK_D) { /* O(d^2 k) through BLAS 3: seconds saved at d = 2000 */
        truth_blas(ws->W, d, k, ws->Sigma, ws->theta_true);
        return RS_OK;
    }
    for (size_t i = 0; i < d; i++) /* Sigma = W W^T */
        for (size_t j = 0; j < d; j++) {
            double sum = 0.0;
            for (size_t l = 0; l < k; l++)
                sum += ws->W[i * k + l] * ws->W[j * k + l];
            ws->Sigma[i * d + j] = sum;
        }
    gen_relu_angles(ws->W, d, k, ws->theta_true);
    return RS_OK;
}

/* Whether a streamed job may take a second core for its passes (issue 15, point 3): when
 * the sweep has at most half as many jobs as threads, so that every job can have a second
 * core that would otherwise idle (a single large run on two). threads = 0 means every core,
 * as the app resolves it. */
static int relu_helper_idle(const rs_params *base)
{
    double values[PARAM_MAX_LIST];
    const size_t jobs = param_sweep_values(base, values) * base->runs;
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    const size_t threads = base->threads ? base->threads : (cores > 0 ? (size_t)cores : 1);
    return 2 * jobs <= threads;
}

/* The samples: X with its statistics, or, streaming, pass 1 of s. */
static rs_status sample(const rs_params *p, size_t k, relu_ws *ws, gsl_rng *data_rng,
                        relu_stream *s, int helper, gen_relu_stats *stats, const atomic_int *cancel,
                        rs_error *err)
{
    const size_t d = p->d;
    if (!s)
        return gen_relu_sample(ws->W, ws->b, d, k, p->n, data_rng, ws->X, ws->zbuf, stats, cancel,
                               err);
    *s = (relu_stream){.W = ws->W,
                       .b = ws->b,
                       .n = p->n,
                       .d = d,
                       .k = k,
                       .Xb = ws->X,
                       .zbuf = ws->zbuf,
                       .bits = ws->bits,
                       .cnt = (uint64_t *)(void *)ws->cnt,
                       .xmax = ws->xmax,
                       .coord = p->coord < d ? p->coord : 0,
                       .coord2 = p->coord2 < d ? p->coord2 : (d > 1 ? 1 : 0),
                       .sample_x = ws->sample,
                       .sample_y = ws->sample + RELU_SCATTER_MAX,
                       .n_sample = RELU_SCATTER_MAX,
                       .helper = helper};
    rs_status st = relu_stream_init(s, data_rng, err);
    return st == RS_OK ? relu_stream_pass1(s, stats, cancel, err) : st;
}

rs_status job_relu_run(void *vctx, size_t v, double value, size_t run, sweep_cell *cell,
                       workspace_arena *arena, const atomic_int *cancel, rs_error *err)
{
    const model_ctx *ctx = vctx;
    rs_params p;
    {
        const rs_status st = model_job_params(ctx, value, &p, err);
        if (st != RS_OK)
            return st;
    }
    if (p.target_err > 0.0) /* Claim 2's samples-needed curve: its own job */
        return job_relu_needed_run(&p, v, run, cell, cancel, err);
    const size_t n = p.n, d = p.d, k = relu_k(&p);
    const int stream = relu_streams(&p);
    relu_ws ws;
    rs_status st = ws_alloc(&ws, arena, n, d, k, stream, err);
    if (st != RS_OK)
        return st;
    relu_stream strm = {0}, *s = stream ? &strm : NULL;
    gsl_rng *data_rng = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_SAMPLES);
    gsl_rng *est_rng = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_ESTIMATOR);
    if (!data_rng || !est_rng) {
        st = rs_error_set(err, RS_ENOMEM, "job_relu: RNG allocation");
        goto done;
    }
    const double t_truth = rs_now_s();
    if ((st = truth(&p, k, run, &ws, err)) != RS_OK)
        goto done;
    const double truth_s = rs_now_s() - t_truth; /* in every method's seconds (issue 15) */
    gen_relu_stats stats = {ws.count, ws.sum, ws.sumsq};
    if ((st = sample(&p, k, &ws, data_rng, s, relu_helper_idle(ctx->base), &stats, cancel, err)) !=
        RS_OK)
        goto done;
    const est_input in = {stream ? NULL : ws.X, n, d, &stats};
    const unsigned methods = param_methods(&p);
    int first = -1;
    for (int m = 0; m < METHOD_COUNT; m++) {
        if (!(methods & (1u << m)))
            continue;
        const double t0 = rs_now_s();
        unsigned flags = 0;
        if (s && m == METHOD_MEDIAN) { /* the median of streamed samples: exact, by passes */
            est_result res = {ws.mu_hat, ws.s2_hat, NULL, 0};
            st = relu_stream_median(s, &stats, budget_bytes(&p), arena, &res, cancel, err);
            flags = res.flags & EST_FLAG_FEW_POSITIVE ? MET_FLAG_FIT_FAILED : 0;
        } else
            st = fit_method(m, &p, &in, &ws, est_rng, NULL, &flags, cancel, err);
        if (st != RS_OK)
            goto done;
        /* eq. (14) needs the indicator x > b, observable only for b >= 0: the angles
         * always use the clipped b_hat; the reported b_hat follows clip_bias. */
        est_clip_bias(ws.mu_hat, d, ws.b_hat);
        const double *b_report =
            est_clip_wanted(p.clip_bias, p.bias, p.bias_scale) ? ws.b_hat : ws.mu_hat;
        if ((st = angles_of(&ws, s, n, d, cancel, err)) != RS_OK)
            goto done;
        cell->metric[m][MET_RELU_SECONDS] = truth_s + (rs_now_s() - t0);
        flags |= met_relu_eval(ws.Sigma, ws.b, ws.theta_true, ws.Sigma_hat, b_report, ws.theta_hat,
                               d, ws.scratch, cell->metric[m]);
        cell->metric[m][MET_RELU_ERR_B_CLIPPED] =
            met_relu_err_b_clipped(ws.Sigma, ws.b, ws.mu_hat, d);
        cell->metric[m][MET_RELU_LOG10_N_NEEDED] = NAN; /* only the Claim 2 job searches n */
        cell->flags[m] = flags | MET_FLAG_NO_TARGET;
        if (first < 0 && ctx->detail && v == ctx->detail_value && run == 0) {
            first = m;
            /* Its own stream: asking for the detail must not change any metric. */
            gsl_rng *extra = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_EXTRA);
            st = extra ? fill_detail((relu_detail *)ctx->detail, &p, &in, &ws, s, m, extra, cancel,
                                     err)
                       : rs_error_set(err, RS_ENOMEM, "job_relu: RNG allocation");
            gsl_rng_free(extra);
            if (st != RS_OK)
                goto done;
        }
    }
done:
    relu_stream_done(&strm);
    gsl_rng_free(data_rng);
    gsl_rng_free(est_rng);
    workspace_put(arena, ws.block);
    return st;
}

relu_detail *job_relu_detail_alloc(void)
{
    relu_detail *det = calloc(1, sizeof *det);
    if (det)
        model_detail_head_init(&det->head);
    return det;
}

void job_relu_detail_free(relu_detail *det)
{
    if (!det)
        return;
    free(det->theta_true);
    free(det->theta_hat);
    free(det->b);
    free(det->b_hat);
    free(det->sigma2);
    free(det->sigma2_hat);
    model_detail_head_done(&det->head);
    free(det);
}
