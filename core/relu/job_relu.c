/* job_relu.c — one job of the relu generator (seed 000, Algorithm 1 end to end). */
#include "job_relu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "angles.h"
#include "est_censored.h"
#include "est_median.h"
#include "est_mle.h"
#include "est_sgd.h"
#include "gen_relu.h"
#include "job_relu_needed.h"
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
    void *block;
} relu_ws;

static size_t relu_k(const rs_params *p)
{
    return p->k == 0 ? p->d : p->k;
}

enum { RELU_WS_ARRAYS = 18 };

/* Sizes in doubles of each buffer, in the order relu_ws lists them; 0 when n d overflows. */
static int ws_layout(size_t n, size_t d, size_t k, size_t s[RELU_WS_ARRAYS])
{
    if (d != 0 && n > SIZE_MAX / 16 / d)
        return 0;
    const size_t dd = d * d, blk = (size_t)GEN_RELU_BLOCK * k;
    const size_t bits = angles_words(n) * d; /* uint64 words, the size of doubles */
    const size_t sizes[RELU_WS_ARRAYS] = {
        n * d, blk, d * k, d, dd, dd, d, d, d, d, d, d, dd, dd, dd, 2 * dd + 2 * d, n, bits};
    memcpy(s, sizes, sizeof sizes);
    return 1;
}

size_t job_relu_bytes(const rs_params *p)
{
    size_t s[RELU_WS_ARRAYS];
    return ws_layout(p->n, p->d, relu_k(p), s) ? workspace_bytes(s, RELU_WS_ARRAYS) : 0;
}

static rs_status ws_alloc(relu_ws *ws, size_t n, size_t d, size_t k, rs_error *err)
{
    size_t s[RELU_WS_ARRAYS];
    double *bits = NULL;
    double **const slots[RELU_WS_ARRAYS] = {
        &ws->X,         &ws->zbuf,      &ws->W,      &ws->b,       &ws->Sigma,  &ws->theta_true,
        &ws->count,     &ws->sum,       &ws->sumsq,  &ws->mu_hat,  &ws->s2_hat, &ws->b_hat,
        &ws->theta_hat, &ws->Sigma_hat, &ws->counts, &ws->scratch, &ws->buf,    &bits};
    const int ok = ws_layout(n, d, k, s);
    ws->block = ok ? workspace_alloc(s, slots, RELU_WS_ARRAYS) : NULL;
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

static void fill_detail_data(relu_detail *det, const relu_ws *ws, size_t n, size_t d)
{
    const size_t c = det->coord, c2 = det->coord2;
    double xmax = 0.0;
    size_t zeros = 0;
    for (size_t m = 0; m < n; m++) {
        const double x = ws->X[m * d + c];
        zeros += x == 0.0;
        xmax = fmax(xmax, x);
    }
    det->p_zero = (double)zeros / (double)n;
    const double hi = xmax > 0.0 ? xmax : 1.0, width = hi / RELU_HIST_BINS;
    for (size_t j = 0; j <= RELU_HIST_BINS; j++)
        det->hist_edges[j] = width * (double)j;
    double counts[RELU_HIST_BINS] = {0};
    for (size_t m = 0; m < n; m++) {
        const double x = ws->X[m * d + c];
        if (x > 0.0) {
            size_t j = (size_t)(x / width);
            counts[j < RELU_HIST_BINS ? j : RELU_HIST_BINS - 1] += 1.0;
        }
    }
    for (size_t j = 0; j < RELU_HIST_BINS; j++)
        det->hist_density[j] = counts[j] / ((double)n * width);
    /* The continuous part of ReLU(N(mu, s^2)) has density phi((x - mu)/s)/s on x > 0. */
    const double mu = ws->mu_hat[c], s = sqrt(ws->s2_hat[c]);
    for (size_t j = 0; j < RELU_CURVE_POINTS; j++) {
        const double x = hi * (double)(j + 1) / RELU_CURVE_POINTS;
        const double z = (x - mu) / s;
        det->curve_x[j] = x;
        det->curve_y[j] = exp(-0.5 * z * z) / (s * sqrt(2.0 * M_PI));
    }
    det->n_scatter = n < RELU_SCATTER_MAX ? n : RELU_SCATTER_MAX;
    for (size_t m = 0; m < det->n_scatter; m++) {
        det->scatter_x[m] = ws->X[m * d + c];
        det->scatter_y[m] = ws->X[m * d + c2];
    }
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

/* The detail for the views: the first method's estimate, the data, the landscape. */
static rs_status fill_detail(relu_detail *det, const rs_params *p, const est_input *in, relu_ws *ws,
                             int method, gsl_rng *est_rng, const atomic_int *cancel, rs_error *err)
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
    fill_detail_data(det, ws, p->n, d);
    pthread_mutex_unlock(&det->head.lock);

    /* The ProjSGD path of coord (its first batch), whatever the compared methods. */
    est_sgd_path path = {det->coord, RELU_PATH_MAX, 0, det->path_mu, det->path_sigma};
    est_result res = {ws->mu_hat, ws->s2_hat, NULL, 0};
    const est_sgd_opts opt = {p->r, p->lambda, p->batches, p->sgd_batch};
    const rs_status st = est_sgd_fit(in, &opt, est_rng, ws->buf, &path, &res, cancel, err);
    if (st == RS_ECANCELLED)
        return st;
    pthread_mutex_lock(&det->head.lock);
    det->path_len = st == RS_OK ? path.len : 0;
    det->sgd_mu = ws->mu_hat[det->coord];
    det->sgd_sigma = sqrt(ws->s2_hat[det->coord]);
    fill_detail_landscape(det, ws);
    det->head.ready = 1;
    pthread_mutex_unlock(&det->head.lock);
    return RS_OK;
}

rs_status job_relu_run(void *vctx, size_t v, double value, size_t run, sweep_cell *cell,
                       const atomic_int *cancel, rs_error *err)
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
    relu_ws ws;
    rs_status st = ws_alloc(&ws, n, d, k, err);
    if (st != RS_OK)
        return st;
    gsl_rng *truth_rng = rng_stream_alloc(p.seed, 0, run, RNG_PURPOSE_TRUTH);
    gsl_rng *data_rng = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_SAMPLES);
    gsl_rng *est_rng = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_ESTIMATOR);
    if (!truth_rng || !data_rng || !est_rng) {
        st = rs_error_set(err, RS_ENOMEM, "job_relu: RNG allocation");
        goto done;
    }
    st = gen_relu_truth(d, k, p.kappa, p.bias, p.bias_scale, truth_rng, ws.W, ws.b, err);
    if (st != RS_OK)
        goto done;
    /* Sigma = W W^T */
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < d; j++) {
            double s = 0.0;
            for (size_t l = 0; l < k; l++)
                s += ws.W[i * k + l] * ws.W[j * k + l];
            ws.Sigma[i * d + j] = s;
        }
    gen_relu_angles(ws.W, d, k, ws.theta_true);
    gen_relu_stats stats = {ws.count, ws.sum, ws.sumsq};
    st = gen_relu_sample(ws.W, ws.b, d, k, n, data_rng, ws.X, ws.zbuf, &stats, cancel, err);
    if (st != RS_OK)
        goto done;
    const est_input in = {ws.X, n, d, &stats};
    const unsigned methods = param_methods(&p);
    int first = -1;
    for (int m = 0; m < METHOD_COUNT; m++) {
        if (!(methods & (1u << m)))
            continue;
        const double t0 = rs_now_s();
        unsigned flags = 0;
        st = fit_method(m, &p, &in, &ws, est_rng, NULL, &flags, cancel, err);
        if (st != RS_OK)
            goto done;
        /* eq. (14) needs the indicator x > b, observable only for b >= 0: the angles
         * always use the clipped b_hat; the reported b_hat follows clip_bias. */
        est_clip_bias(ws.mu_hat, d, ws.b_hat);
        const double *b_report =
            est_clip_wanted(p.clip_bias, p.bias, p.bias_scale) ? ws.b_hat : ws.mu_hat;
        angles_pack(ws.X, n, d, ws.b_hat, ws.bits);
        angles_count_popcount(ws.bits, n, d, ws.counts);
        angles_sigma(ws.counts, n, d, ws.s2_hat, ws.theta_hat, ws.Sigma_hat);
        cell->metric[m][MET_RELU_SECONDS] = rs_now_s() - t0;
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
            st = extra
                     ? fill_detail((relu_detail *)ctx->detail, &p, &in, &ws, m, extra, cancel, err)
                     : rs_error_set(err, RS_ENOMEM, "job_relu: RNG allocation");
            gsl_rng_free(extra);
            if (st != RS_OK)
                goto done;
        }
    }
done:
    gsl_rng_free(truth_rng);
    gsl_rng_free(data_rng);
    gsl_rng_free(est_rng);
    workspace_free(ws.block);
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
