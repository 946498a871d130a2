/* job_quadratic.c — one job of the quadratic generator (the polynomial-pushforward slides,
 * SPEC 5.4): truth, samples streamed through the moment accumulator, estimates, Jennrich (diagonal
 * family), metrics. */
#include "job_quadratic.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gen_quadratic.h"
#include "jennrich.h"
#include "job_quadratic_internal.h"
#include "rng_stream.h"
#include "workspace.h"

static size_t quad_r(const rs_params *p)
{
    return (size_t)p->r;
}

enum { QUAD_WS_ARRAYS = 23 };

/* Sizes in doubles of each buffer, in the order quad_ws lists them; 0 beyond the table's
 * ranges. */
static int ws_layout(size_t d, size_t r, size_t s[QUAD_WS_ARRAYS])
{
    if (d == 0 || r == 0 || d > 4096 || r > 4096) /* beyond the table's ranges: refuse */
        return 0;
    const size_t P = gen_quadratic_pairs(r), B = GEN_QUADRATIC_BLOCK;
    const size_t dd = d * d, ddd = dd * d, drr = d * r * r;
    const size_t tw = quad_moments_true_work(d, r), jw = jennrich_work(d, r);
    const size_t mw = jennrich_match_work(r), iw = jennrich_match_iwork(r); /* size_t's */
    const size_t sizes[QUAD_WS_ARRAYS] = {
        drr, drr, r * r, r * r + r, P * d, P * d, B * r, B * r, B * P, B * d, B * d, dd,
        ddd, dd,  ddd,   dd,        dd,    tw,    d * r, d * r, jw,    mw,    iw};
    memcpy(s, sizes, sizeof sizes);
    return 1;
}

size_t job_quadratic_bytes(const rs_params *p)
{
    size_t s[QUAD_WS_ARRAYS];
    const size_t total = ws_layout(p->d, quad_r(p), s) ? workspace_bytes(s, QUAD_WS_ARRAYS) : 0;
    const size_t acc = quad_moments_bytes(p->d, 1);
    if (total == 0 || acc == 0 || total > SIZE_MAX - acc)
        return 0;
    return total + acc;
}

static rs_status ws_alloc(quad_ws *ws, workspace_arena *arena, size_t d, size_t r, rs_error *err)
{
    size_t s[QUAD_WS_ARRAYS];
    double *iwork = NULL;
    memset(ws, 0, sizeof *ws);
    double **const slots[QUAD_WS_ARRAYS] = {
        &ws->Q0, &ws->Q,     &ws->U,  &ws->uwork, &ws->V,     &ws->V0,    &ws->Gb, &ws->Hb,
        &ws->K,  &ws->X,     &ws->X0, &ws->G,     &ws->T,     &ws->Gh,    &ws->Th, &ws->C,
        &ws->Ch, &ws->twork, &ws->W,  &ws->Wh,    &ws->jwork, &ws->mwork, &iwork};
    const int ok = ws_layout(d, r, s);
    ws->block = ok ? workspace_take(arena, 0, s, slots, QUAD_WS_ARRAYS) : NULL;
    ws->acc = quad_moments_alloc(d, 1);
    if (!ws->block || !ws->acc) {
        workspace_put(arena, ws->block);
        quad_moments_free(ws->acc);
        return rs_error_set(err, RS_ENOMEM,
                            "job_quadratic: cannot allocate %zu bytes (d = %zu, r = %zu)",
                            ok ? workspace_bytes(s, QUAD_WS_ARRAYS) : 0, d, r);
    }
    ws->d = d;
    ws->r = r;
    ws->P = gen_quadratic_pairs(r);
    ws->iwork = (size_t *)iwork; /* sizeof(size_t) <= sizeof(double) on every target we build */
    return RS_OK;
}

static void ws_free(quad_ws *ws, workspace_arena *arena)
{
    workspace_put(arena, ws->block);
    quad_moments_free(ws->acc);
}

rs_status quad_truth(quad_ws *ws, const quad_job *job, double smooth, gsl_rng *truth, rs_error *err)
{
    const rs_params *p = job->p;
    const size_t d = ws->d, r = ws->r;
    rng_stream_reset(truth, p->seed, 0, job->run, RNG_PURPOSE_TRUTH);
    rs_status st = gen_quadratic_truth(d, r, p->family, smooth, truth, ws->Q0, err);
    if (st != RS_OK)
        return st;
    /* U is drawn after the Q_a, so gauge on or off sees the same Q0 */
    st = gen_quadratic_orthogonal(r, truth, ws->U, ws->uwork, err);
    if (st != RS_OK)
        return st;
    if (p->gauge)
        gen_quadratic_gauge(ws->Q0, ws->U, d, r, ws->Q, ws->uwork);
    else
        memcpy(ws->Q, ws->Q0, d * r * r * sizeof *ws->Q);
    gen_quadratic_pack(ws->Q, d, r, ws->V);
    gen_quadratic_pack(ws->Q0, d, r, ws->V0);
    quad_moments_true(ws->Q, d, r, ws->G, ws->T, ws->twork);
    quad_moments_cosines(ws->G, d, ws->C);
    for (size_t a = 0; a < d; a++) /* W(a, i) = q_a(i): the diagonal of Q0_a */
        for (size_t i = 0; i < r; i++)
            ws->W[a * r + i] = ws->Q0[(a * r + i) * r + i];
    return RS_OK;
}

rs_status quad_stream(quad_ws *ws, const double *V, size_t n, gsl_rng *rng, const quad_hooks *h,
                      double *seconds, const atomic_int *cancel, rs_error *err)
{
    const size_t d = ws->d, r = ws->r;
    size_t next = 0; /* next checkpoint */
    quad_moments_reset(ws->acc);
    for (size_t m0 = 0; m0 < n; m0 += GEN_QUADRATIC_BLOCK) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed))
            return rs_error_set(err, RS_ECANCELLED, "job_quadratic: cancelled");
        const size_t rows = n - m0 < GEN_QUADRATIC_BLOCK ? n - m0 : GEN_QUADRATIC_BLOCK;
        gen_quadratic_draw(rng, rows, r, ws->Gb);
        gen_quadratic_eval(V, d, r, ws->Gb, rows, ws->K, ws->X, d);
        /* prefixes ending inside this block: the sums so far plus the block's first rows */
        while (h && h->check && next < h->n_checks && h->checks[next] < m0 + rows) {
            quad_moments_copy(h->snap, ws->acc);
            quad_moments_add(h->snap, ws->X, h->checks[next] - m0, d);
            const rs_status st = h->check(h->cb, next, h->snap, err);
            if (st != RS_OK)
                return st;
            next++;
        }
        const double t0 = seconds ? rs_now_s() : 0.0;
        quad_moments_add(ws->acc, ws->X, rows, d);
        if (seconds)
            *seconds += rs_now_s() - t0;
        if (h && h->block)
            h->block(h->cb, ws->Gb, ws->X, m0, rows);
        if (h && h->check && next < h->n_checks && h->checks[next] == m0 + rows) {
            const rs_status st = h->check(h->cb, next, ws->acc, err);
            if (st != RS_OK)
                return st;
            next++;
        }
    }
    return RS_OK;
}

rs_status quad_eval(quad_ws *ws, const quad_moments_ws *acc, const quad_job *job, gsl_rng *est,
                    double *out, unsigned *flags, rs_error *err)
{
    const size_t d = ws->d, r = ws->r;
    rs_status st = quad_moments_finish(acc, NULL, ws->Gh, ws->Th, err);
    if (st != RS_OK)
        return st;
    quad_moments_cosines(ws->Gh, d, ws->Ch);
    out[MET_QUAD_ERR_GRAM] = met_quadratic_rel_err(ws->Gh, ws->G, d * d);
    out[MET_QUAD_ERR_THIRD] = met_quadratic_rel_err(ws->Th, ws->T, d * d * d);
    out[MET_QUAD_ANGLE_ERR_MAX] = met_quadratic_angle_err(ws->Ch, ws->C, d);
    *flags = isnan(out[MET_QUAD_ANGLE_ERR_MAX]) ? MET_QUAD_FLAG_ANGLE_NAN : 0u;
    out[MET_QUAD_ERR_Q] = out[MET_QUAD_JENNRICH_GAP] = NAN;
    if (job->p->family != GEN_QUADRATIC_DIAGONAL) {
        *flags |= MET_QUAD_FLAG_NOT_DIAGONAL;
        return RS_OK;
    }
    unsigned jf = 0;
    rng_stream_reset(est, job->p->seed, job->v, job->run, RNG_PURPOSE_ESTIMATOR);
    st = jennrich_fit(ws->Th, ws->Gh, d, r, est, ws->Wh, &out[MET_QUAD_JENNRICH_GAP], &jf,
                      ws->jwork, err);
    if (st != RS_OK)
        return st;
    *flags |= met_quadratic_jennrich_flags(jf);
    out[MET_QUAD_ERR_Q] = jennrich_match(ws->W, ws->Wh, d, r, NULL, ws->mwork, ws->iwork);
    return RS_OK;
}

rs_status job_quadratic_run(void *vctx, size_t v, double value, size_t run, sweep_cell *cell,
                            workspace_arena *arena, const atomic_int *cancel, rs_error *err)
{
    const model_ctx *ctx = vctx;
    rs_params p;
    {
        const rs_status st = model_job_params(ctx, value, &p, err);
        if (st != RS_OK)
            return st;
    }
    const quad_job job = {&p, v, run};
    quad_ws ws;
    rs_status st = ws_alloc(&ws, arena, p.d, quad_r(&p), err);
    if (st != RS_OK)
        return st;
    quadratic_detail *det = ctx->detail && v == ctx->detail_value && run == 0 ? ctx->detail : NULL;
    quad_detail_pass *dp = NULL;
    quad_hooks hooks = {NULL, 0, NULL, NULL, NULL, NULL};
    gsl_rng *truth = rng_stream_alloc(p.seed, 0, run, RNG_PURPOSE_TRUTH);
    gsl_rng *data = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_SAMPLES);
    gsl_rng *est = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_ESTIMATOR);
    if (!truth || !data || !est) {
        st = rs_error_set(err, RS_ENOMEM, "job_quadratic: RNG allocation");
        goto done;
    }
    st = quad_truth(&ws, &job, p.smooth, truth, err);
    if (st != RS_OK)
        goto done;
    if (det && !(dp = quad_detail_pass_alloc(&ws, &job, est, det, &hooks))) {
        st = rs_error_set(err, RS_ENOMEM, "job_quadratic: detail for d = %zu", p.d);
        goto done;
    }
    double seconds = 0.0, out[MET_QUAD_COUNT];
    unsigned flags = 0;
    st = quad_stream(&ws, ws.V, p.n, data, &hooks, &seconds, cancel, err);
    if (st != RS_OK)
        goto done;
    const double t0 = rs_now_s();
    st = quad_eval(&ws, ws.acc, &job, est, out, &flags, err);
    if (st != RS_OK)
        goto done;
    out[MET_QUAD_SECONDS] = seconds + (rs_now_s() - t0);
    const unsigned methods = param_methods(&p);
    for (int m = 0; m < METHOD_COUNT; m++) {
        if (!(methods & (1u << m)))
            continue;
        memcpy(cell->metric[m], out, sizeof out);
        cell->flags[m] = flags;
    }
    if (dp)
        st = quad_detail_fill(dp, out, flags, cancel, err);
done:
    quad_detail_pass_free(dp);
    gsl_rng_free(truth);
    gsl_rng_free(data);
    gsl_rng_free(est);
    ws_free(&ws, arena);
    return st;
}
