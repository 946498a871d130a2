/* job_quadratic_detail.c — what the angles, curves, data and landscape views of the
 * quadratic generator draw (the polynomial-pushforward slides): filled by the detail job only, so
 * asking for it never changes a metric (its extra randomness re-seeds the job's own streams). */
#include "job_quadratic_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <lapacke.h>

#include "gen_quadratic.h"
#include "jennrich.h"
#include "rng_stream.h"
#include "workspace.h"

struct quad_detail_pass {
    quad_ws *ws;
    const quad_job *job;
    gsl_rng *est;
    quadratic_detail *det;
    quad_moments_ws *acc0; /* the gauge twin: the other side of the gauge, same samples */
    double *QU, *VU;       /* U Q0 U^T (d*r*r) and its packing (pairs*d) */
    quad_moments_ws *snap; /* prefixes ending inside a block */
    size_t checks[QUAD_CURVE_MAX];
    double lo, width, below, above, counts[QUAD_HIST_BINS];
};

/* Block hook: scatter, histogram and the gauge twin of every sample. */
static void on_block(void *cb, const double *G, const double *X, size_t m0, size_t rows)
{
    quad_detail_pass *dp = cb;
    quad_ws *ws = dp->ws;
    quadratic_detail *det = dp->det;
    const size_t d = ws->d, r = ws->r, c = det->coord;
    for (size_t m = 0; m < rows && m0 + m < QUAD_SCATTER_MAX; m++) {
        det->scatter_x[m0 + m] = X[m * d + c];
        det->scatter_y[m0 + m] = X[m * d + det->coord2];
        det->n_scatter = m0 + m + 1;
    }
    for (size_t m = 0; m < rows; m++) {
        const double t = (X[m * d + c] - dp->lo) / dp->width;
        if (t < 0.0)
            dp->below += 1.0;
        else if (t >= QUAD_HIST_BINS)
            dp->above += 1.0;
        else
            dp->counts[(size_t)t] += 1.0;
    }
    /* gauge on: data from U Q0 U^T and g; the twin is Q0 fed h = U^T g (rows h^T = g^T U),
     * h^T Q0 h = g^T U Q0 U^T g. gauge off: data from Q0 and g; the twin is U Q0 U^T fed
     * h = U g (rows g^T U^T). Either way the twin's samples equal the data up to rounding. */
    const int on = dp->job->p->gauge != 0;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, on ? CblasNoTrans : CblasTrans, (int)rows, (int)r,
                (int)r, 1.0, G, (int)r, ws->U, (int)r, 0.0, ws->Hb, (int)r);
    gen_quadratic_eval(on ? ws->V0 : dp->VU, d, r, ws->Hb, rows, ws->K, ws->X0, d);
    quad_moments_add(dp->acc0, ws->X0, rows, d);
}

/* Checkpoint hook: the metrics of the prefix, one point of the learning curve. */
static rs_status on_check(void *cb, size_t k, const quad_moments_ws *prefix, rs_error *err)
{
    quad_detail_pass *dp = cb;
    double out[MET_QUAD_COUNT];
    unsigned flags = 0;
    const rs_status st = quad_eval(dp->ws, prefix, dp->job, dp->est, out, &flags, err);
    if (st != RS_OK)
        return st;
    out[MET_QUAD_SECONDS] = NAN;
    for (size_t i = 0; i < MET_QUAD_COUNT; i++)
        dp->det->curve[i][k] = out[i];
    dp->det->curve_n[k] = (double)dp->checks[k];
    return RS_OK;
}

quad_detail_pass *quad_detail_pass_alloc(quad_ws *ws, const quad_job *job, gsl_rng *est,
                                         quadratic_detail *det, quad_hooks *hooks)
{
    quad_detail_pass *dp = calloc(1, sizeof *dp);
    if (!dp)
        return NULL;
    dp->acc0 = quad_moments_alloc(ws->d, 1);
    dp->snap = quad_moments_alloc(ws->d, 1);
    dp->QU = malloc(ws->d * ws->r * ws->r * sizeof *dp->QU);
    dp->VU = malloc(ws->P * ws->d * sizeof *dp->VU);
    if (!dp->acc0 || !dp->snap || !dp->QU || !dp->VU) {
        quad_detail_pass_free(dp);
        return NULL;
    }
    gen_quadratic_gauge(ws->Q0, ws->U, ws->d, ws->r, dp->QU, ws->uwork);
    gen_quadratic_pack(dp->QU, ws->d, ws->r, dp->VU);
    dp->ws = ws;
    dp->job = job;
    dp->est = est;
    dp->det = det;
    const rs_params *p = job->p;
    const size_t d = ws->d;
    /* the data view's coordinates and histogram range: the true mean Tr(Q_c) and sd
     * sqrt(2 Tr(Q_c^2)), +-5 sd (samples beyond are counted apart) */
    pthread_mutex_lock(&det->head.lock);
    det->head.ready = 0;
    det->coord = p->coord < d ? p->coord : 0;
    det->coord2 = p->coord2 < d ? p->coord2 : 1;
    det->n_scatter = 0;
    double tr = 0.0;
    for (size_t i = 0; i < ws->r; i++)
        tr += ws->Q[(det->coord * ws->r + i) * ws->r + i];
    det->coord_mean = tr;
    det->coord_sd = sqrt(2.0 * ws->G[det->coord * d + det->coord]);
    pthread_mutex_unlock(&det->head.lock);
    const double sd = det->coord_sd > 0.0 ? det->coord_sd : 1.0;
    dp->lo = tr - 5.0 * sd;
    dp->width = 10.0 * sd / QUAD_HIST_BINS;
    /* curve: prefixes n, n/2, n/4, ... >= QUAD_CURVE_MIN_N, ascending */
    size_t m = 0, nk = p->n;
    while (m < QUAD_CURVE_MAX && nk >= QUAD_CURVE_MIN_N) {
        dp->checks[m++] = nk;
        nk /= 2;
    }
    for (size_t i = 0; i < m / 2; i++) {
        const size_t t = dp->checks[i];
        dp->checks[i] = dp->checks[m - 1 - i];
        dp->checks[m - 1 - i] = t;
    }
    det->n_curve = m;
    *hooks = (quad_hooks){dp->checks, m, on_check, dp->snap, on_block, dp};
    return dp;
}

void quad_detail_pass_free(quad_detail_pass *dp)
{
    if (!dp)
        return;
    quad_moments_free(dp->acc0);
    quad_moments_free(dp->snap);
    free(dp->QU);
    free(dp->VU);
    free(dp);
}

/* max |A - B| / max |B| over len entries. */
static double rel_max_diff(const double *A, const double *B, size_t len)
{
    double e = 0.0, s = 0.0;
    for (size_t i = 0; i < len; i++) {
        e = fmax(e, fabs(A[i] - B[i]));
        s = fmax(s, fabs(B[i]));
    }
    return s > 0.0 ? e / s : e;
}

/* A fresh copy of len doubles (NULL when src is NULL or allocation fails). */
static double *dup(const double *src, size_t len)
{
    double *p = src ? malloc(len * sizeof *p) : NULL;
    if (p)
        memcpy(p, src, len * sizeof *p);
    return p;
}

static void free_arrays(quadratic_detail *det)
{
    double **a[] = {&det->Q0,        &det->QU,       &det->U,       &det->gram,
                    &det->gram_hat,  &det->cos_true, &det->cos_hat, &det->third,
                    &det->third_hat, &det->W,        &det->W_hat,   &det->coord_eigs};
    for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
        free(*a[i]);
        *a[i] = NULL;
    }
}

/* The gauge comparison: entries of QU vs Q0, their true moments, and the estimates of the
 * data against those of the twin (identical samples through the other side of the gauge). */
static rs_status gauge_diffs(quadratic_detail *det, quad_ws *ws, quad_detail_pass *dp,
                             rs_error *err)
{
    const size_t d = ws->d, r = ws->r, dd = d * d, ddd = dd * d;
    double *G0, *T0, *GU, *TU, *Gt, *Tt, *work;
    const size_t sizes[] = {dd, ddd, dd, ddd, dd, ddd, quad_moments_true_work(d, r)};
    double **const slots[] = {&G0, &T0, &GU, &TU, &Gt, &Tt, &work};
    void *buf = workspace_alloc(sizes, slots, sizeof sizes / sizeof sizes[0]);
    if (!buf)
        return rs_error_set(err, RS_ENOMEM, "job_quadratic: gauge detail for d = %zu", d);
    quad_moments_true(ws->Q0, d, r, G0, T0, work);
    quad_moments_true(dp->QU, d, r, GU, TU, work);
    det->gauge_q_change = rel_max_diff(dp->QU, ws->Q0, d * r * r);
    det->gauge_true_diff = fmax(rel_max_diff(GU, G0, dd), rel_max_diff(TU, T0, ddd));
    const rs_status st = quad_moments_finish(dp->acc0, NULL, Gt, Tt, err);
    if (st == RS_OK)
        det->gauge_hat_diff = fmax(rel_max_diff(Gt, ws->Gh, dd), rel_max_diff(Tt, ws->Th, ddd));
    workspace_free(buf);
    return st;
}

/* Copies of the matrices and the data view, under the lock. */
static rs_status publish(quad_detail_pass *dp, const double *metric, unsigned flags, rs_error *err)
{
    quad_ws *ws = dp->ws;
    quadratic_detail *det = dp->det;
    const rs_params *p = dp->job->p;
    const size_t d = ws->d, r = ws->r, dd = d * d, ddd = dd * d, drr = d * r * r;
    const int diag = p->family == GEN_QUADRATIC_DIAGONAL;
    free_arrays(det);
    det->Q0 = dup(ws->Q0, drr);
    det->QU = dup(dp->QU, drr);
    det->U = dup(ws->U, r * r);
    det->gram = dup(ws->G, dd);
    det->gram_hat = dup(ws->Gh, dd);
    det->cos_true = dup(ws->C, dd);
    det->cos_hat = dup(ws->Ch, dd);
    det->third = dup(ws->T, ddd);
    det->third_hat = dup(ws->Th, ddd);
    det->W = diag ? dup(ws->W, d * r) : NULL;
    det->W_hat = diag ? dup(ws->Wh, d * r) : NULL;
    det->coord_eigs = dup(ws->Q + det->coord * r * r, r * r); /* dsyev's in-place input */
    if (!det->Q0 || !det->QU || !det->U || !det->gram || !det->gram_hat || !det->cos_true ||
        !det->cos_hat || !det->third || !det->third_hat || !det->coord_eigs ||
        (diag && (!det->W || !det->W_hat)))
        return rs_error_set(err, RS_ENOMEM, "job_quadratic: detail for d = %zu, r = %zu", d, r);
    double *ev = ws->uwork; /* r*r + r doubles, free once the truth is drawn */
    if (LAPACKE_dsyev(LAPACK_ROW_MAJOR, 'N', 'U', (lapack_int)r, det->coord_eigs, (lapack_int)r,
                      ev) != 0)
        return rs_error_set(err, RS_ENUMERIC, "job_quadratic: eigenvalues of Q_%zu", det->coord);
    memcpy(det->coord_eigs, ev, r * sizeof *ev);
    if (diag && isfinite(metric[MET_QUAD_ERR_Q])) {
        size_t *perm = ws->iwork + 3 * (r + 1);
        jennrich_match(ws->W, ws->Wh, d, r, perm, ws->mwork, ws->iwork);
        for (size_t a = 0; a < d; a++) /* W_hat(:, i) = Wh(:, perm[i]): matched order */
            for (size_t i = 0; i < r; i++)
                det->W_hat[a * r + i] = ws->Wh[a * r + perm[i]];
    }
    det->d = d;
    det->r = r;
    det->n = p->n;
    det->family = p->family;
    det->gauge = (int)p->gauge;
    memcpy(det->metric, metric, sizeof det->metric);
    det->flags = flags;
    const double n = (double)p->n;
    for (size_t j = 0; j <= QUAD_HIST_BINS; j++)
        det->hist_edges[j] = dp->lo + dp->width * (double)j;
    for (size_t j = 0; j < QUAD_HIST_BINS; j++)
        det->hist_density[j] = dp->counts[j] / (n * dp->width);
    det->hist_below = dp->below / n;
    const double sd = det->coord_sd, span = dp->width * QUAD_HIST_BINS;
    for (size_t j = 0; j < QUAD_HIST_CURVE; j++) {
        const double x = dp->lo + span * (double)j / (QUAD_HIST_CURVE - 1),
                     z = (x - det->coord_mean) / sd;
        det->hist_curve_x[j] = x;
        det->hist_curve_y[j] = sd > 0.0 ? exp(-0.5 * z * z) / (sd * sqrt(2.0 * M_PI)) : NAN;
    }
    det->hist_above = dp->above / n;
    return gauge_diffs(det, ws, dp, err);
}

/* Landscape state: one grid row (a smooth value) per stream. */
typedef struct {
    quad_detail_pass *dp;
    size_t row;
    size_t checks[QUAD_LAND_N];
} land_row;

static rs_status on_land(void *cb, size_t k, const quad_moments_ws *prefix, rs_error *err)
{
    land_row *lr = cb;
    quadratic_detail *det = lr->dp->det;
    double out[MET_QUAD_COUNT];
    unsigned flags = 0;
    const rs_status st = quad_eval(lr->dp->ws, prefix, lr->dp->job, lr->dp->est, out, &flags, err);
    if (st != RS_OK)
        return st;
    det->land_err[lr->row * QUAD_LAND_N + k] = out[det->land_metric];
    det->land_gap[lr->row * QUAD_LAND_N + k] = out[MET_QUAD_JENNRICH_GAP];
    return RS_OK;
}

/* The landscape over (smooth, n): for each smooth, the truth of the job's own stream
 * (Q = base + smooth E with the same base and E) and one pass of the job's samples, with
 * the grid's n as prefixes; n is capped by JOB_QUADRATIC_LAND_FLOPS. */
static rs_status landscape(quad_detail_pass *dp, const atomic_int *cancel, rs_error *err)
{
    quad_ws *ws = dp->ws;
    quadratic_detail *det = dp->det;
    const quad_job *job = dp->job;
    const rs_params *p = job->p;
    const double d = (double)ws->d, r = (double)ws->r;
    const double cap = JOB_QUADRATIC_LAND_FLOPS / (QUAD_LAND_SMOOTH * (d * d * d + d * r * r));
    const double n_hi = fmax(fmin((double)p->n, floor(cap)), 4.0 * QUAD_CURVE_MIN_N);
    const double n_lo = fmax(QUAD_CURVE_MIN_N, n_hi / 1000.0);
    double s_lo = 1e-2, s_hi = 10.0; /* smooth, widened to contain the current value */
    if (p->smooth > 0.0) {
        s_lo = fmin(s_lo, p->smooth / 3.0);
        s_hi = fmin(100.0, fmax(s_hi, 3.0 * p->smooth));
    }
    land_row lr = {dp, 0, {0}};
    for (size_t k = 0; k < QUAD_LAND_N; k++) {
        const double t = (double)k / (QUAD_LAND_N - 1);
        size_t nk = (size_t)round(exp(log(n_lo) + t * (log(n_hi) - log(n_lo))));
        if (k > 0 && nk <= lr.checks[k - 1])
            nk = lr.checks[k - 1] + 1; /* strictly ascending prefixes */
        lr.checks[k] = nk;
        det->land_n[k] = (double)nk;
    }
    det->land_metric =
        p->family == GEN_QUADRATIC_DIAGONAL ? MET_QUAD_ERR_Q : MET_QUAD_ANGLE_ERR_MAX;
    gsl_rng *truth = rng_stream_alloc(p->seed, 0, job->run, RNG_PURPOSE_TRUTH);
    gsl_rng *data = rng_stream_alloc(p->seed, job->v, job->run, RNG_PURPOSE_SAMPLES);
    rs_status st =
        truth && data ? RS_OK : rs_error_set(err, RS_ENOMEM, "job_quadratic: RNG allocation");
    const quad_hooks h = {lr.checks, QUAD_LAND_N, on_land, dp->snap, NULL, &lr};
    for (size_t j = 0; j < QUAD_LAND_SMOOTH && st == RS_OK; j++) {
        const double t = (double)j / (QUAD_LAND_SMOOTH - 1);
        const double s = exp(log(s_lo) + t * (log(s_hi) - log(s_lo)));
        det->land_smooth[j] = s;
        lr.row = j;
        st = quad_truth(ws, job, s, truth, err);
        if (st != RS_OK)
            break;
        rng_stream_reset(data, p->seed, job->v, job->run, RNG_PURPOSE_SAMPLES);
        st = quad_stream(ws, ws->V, lr.checks[QUAD_LAND_N - 1], data, &h, NULL, cancel, err);
    }
    gsl_rng_free(truth);
    gsl_rng_free(data);
    return st;
}

rs_status quad_detail_fill(quad_detail_pass *dp, const double *metric, unsigned flags,
                           const atomic_int *cancel, rs_error *err)
{
    quadratic_detail *det = dp->det;
    pthread_mutex_lock(&det->head.lock);
    rs_status st = publish(dp, metric, flags, err);
    pthread_mutex_unlock(&det->head.lock);
    if (st != RS_OK)
        return st;
    /* the grid is written by this job only and read once ready is set */
    st = landscape(dp, cancel, err);
    pthread_mutex_lock(&det->head.lock);
    det->head.ready = st == RS_OK;
    pthread_mutex_unlock(&det->head.lock);
    return st;
}

quadratic_detail *job_quadratic_detail_alloc(void)
{
    quadratic_detail *det = calloc(1, sizeof *det);
    if (det)
        model_detail_head_init(&det->head);
    return det;
}

void job_quadratic_detail_free(quadratic_detail *det)
{
    if (!det)
        return;
    free_arrays(det);
    model_detail_head_done(&det->head);
    free(det);
}
