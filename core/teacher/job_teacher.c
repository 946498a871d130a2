/* job_teacher.c — one job of the teacher generator (seed 003, Sections 2.5 and 4). */
#include "job_teacher.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "gen_teacher.h"
#include "job_teacher_internal.h"
#include "llsfe.h"
#include "llsfe4.h"
#include "loss_teacher.h"
#include "met_teacher.h"
#include "opt_teacher.h"
#include "rng_stream.h"
#include "workspace.h"

static size_t teacher_k(const rs_params *p)
{
    return p->k == 0 ? p->d : p->k;
}

/* Doubles of each buffer, in the order job_teacher_ws lists them; 0 beyond the sizes the
 * products can hold. */
static int ws_layout(const rs_params *p, size_t s[JT_NBUF])
{
    const size_t n = p->n, d = p->d, k = teacher_k(p);
    const int ll = (param_methods(p) & (1u << METHOD_LLSFE)) != 0;
    if (d > 4096 || k > d || n > SIZE_MAX / 64 / (d * d + 1))
        return 0;
    const size_t d4 = ll ? d * d * d * d : 0;
    const size_t list[JT_NBUF] = {
        n * d,          n,
        n * k,          k * d,
        k * d,          k * d,
        n * d,          n,
        ll ? n * d : 0, ll ? n * d * d : 0,
        (n + 7) / 8,    4 * k * d + 2 * k * k + 4 * d + 8 + 2 * d4 + 4 * d * d,
        2 * k * d,      k * k};
    memcpy(s, list, sizeof list);
    return 1;
}

size_t job_teacher_bytes(const rs_params *p)
{
    size_t s[JT_NBUF];
    const size_t k = teacher_k(p), ll = (param_methods(p) & (1u << METHOD_LLSFE)) != 0;
    const size_t core = ws_layout(p, s) ? workspace_bytes(s, JT_NBUF) : 0;
    const size_t lw = ll ? llsfe_ws_bytes(p->n, p->d) +
                               (p->llsfe_degree == 4 ? llsfe4_bytes(p->d) : 0)
                         : 0,
                 lt = loss_teacher_ws_bytes(p->n, p->d, k, 1);
    if (!core || !lt || (ll && !lw) || core > SIZE_MAX / 4 || lt > SIZE_MAX / 4 ||
        lw > SIZE_MAX / 4)
        return 0;
    return core + lw + lt;
}

static rs_status ws_alloc(job_teacher_ws *ws, workspace_arena *arena, const rs_params *p,
                          rs_error *err)
{
    size_t s[JT_NBUF];
    memset(ws, 0, sizeof *ws);
    double **const slots[JT_NBUF] = {&ws->X,         &ws->y,    &ws->P,   &ws->Astar, &ws->A,
                                     &ws->grad,      &ws->Xt,   &ws->yt,  &ws->g1,    &ws->G2,
                                     &ws->done_bits, &ws->work, &ws->D12, &ws->M};
    const int ok = ws_layout(p, s);
    ws->block = ok ? workspace_take(arena, 0, s, slots, JT_NBUF) : NULL;
    if (!ws->block)
        return rs_error_set(err, RS_ENOMEM,
                            "job_teacher: cannot allocate %zu bytes (n = %zu, d = %zu)",
                            ok ? workspace_bytes(s, JT_NBUF) : 0, p->n, p->d);
    return RS_OK;
}

rs_status job_teacher_llsfe_rows(void *vctx, size_t s0, size_t b, rs_error *err)
{
    job_teacher_llsfe *c = vctx;
    unsigned char *done = (unsigned char *)c->ws->done_bits;
    const size_t d = c->d;
    size_t s = s0;
    while (s < s0 + b) {
        if (done[s]) {
            s++;
            continue;
        }
        size_t e = s;
        while (e < s0 + b && !done[e])
            e++;
        size_t failed = 0;
        const rs_status st = llsfe_eval(c->lw, c->ws->X + s * d, e - s, c->h, c->ws->g1 + s * d,
                                        c->ws->G2 + s * d * d, &failed, c->cancel, err);
        if (st != RS_OK)
            return st;
        for (size_t i = s; i < e; i++) {
            done[i] = 1;
            if (!isfinite(c->ws->g1[i * d])) { /* a failed point contributes nothing */
                memset(c->ws->g1 + i * d, 0, d * sizeof(double));
                memset(c->ws->G2 + i * d * d, 0, d * d * sizeof(double));
            }
        }
        c->failed += failed;
        s = e;
    }
    return RS_OK;
}

double job_teacher_e(job_teacher_ws *ws, const double *A, size_t k, size_t d, double *e_perm)
{
    const int ok = (ws->e_printed ? met_teacher_align_printed : met_teacher_align)(
                       A, ws->Astar, k, d, ws->work, ws->M, NULL) == RS_OK;
    if (e_perm)
        *e_perm = ok ? met_teacher_e_perm(ws->M, k) : NAN;
    return ok ? met_teacher_e(ws->M, k) : NAN;
}

/* The sign of kappa* (Assumption 2(a)) the L-type losses are built with (loss_teacher.h),
 * and the flags when some kappa*_i vanish or the signs differ. */
static int kappa_sign(const rs_params *p, const double *Astar, size_t k, size_t d, unsigned *flags)
{
    size_t pos = 0, neg = 0;
    *flags = 0;
    for (size_t i = 0; i < k; i++) {
        const int sg = gen_teacher_kappa(p->input, p->mixture_shift, Astar + i * d, d, NULL);
        pos += sg > 0, neg += sg < 0;
        if (sg == 0)
            *flags |= MET_TEACHER_FLAG_KAPPA_ZERO;
    }
    if (pos && neg)
        *flags |= MET_TEACHER_FLAG_KAPPA_MIXED;
    return pos > neg ? 1 : -1;
}

/* Train loss m from the common initial point; fill its metrics and (if det) curves. */
static rs_status train_loss(const rs_params *p, int m, job_teacher_ws *ws, loss_teacher_ws *lt,
                            job_teacher_llsfe *lc, teacher_detail *det, sweep_cell *cell, size_t v,
                            size_t run, const atomic_int *cancel, rs_error *err)
{
    const size_t n = p->n, d = p->d, k = teacher_k(p);
    rs_status st =
        loss_teacher_bind(lt, m, p->input, p->mixture_shift, ws->X, ws->y, ws->g1, ws->G2, err);
    if (st != RS_OK)
        return st;
    gsl_rng *init = rng_stream_alloc(p->init_seed, v, run, RNG_PURPOSE_ESTIMATOR);
    gsl_rng *sgd = rng_stream_alloc(p->seed, v, run, RNG_PURPOSE_ESTIMATOR);
    if (!init || !sgd) {
        gsl_rng_free(init);
        gsl_rng_free(sgd);
        return rs_error_set(err, RS_ENOMEM, "job_teacher: RNG allocation");
    }
    opt_teacher_init(ws->A, k, d, init); /* the same start for every loss (init_seed) */
    const double lr = m == METHOD_L2 && p->lr_l2 > 0.0 ? p->lr_l2 : p->lr; /* Section 4.1 */
    opt_teacher_state os = {lt,
                            n,
                            k,
                            d,
                            {p->optimizer, lr, p->mu, p->lambda, p->batch},
                            sgd,
                            m == METHOD_LLSFE ? job_teacher_llsfe_rows : NULL,
                            lc,
                            ws->grad,
                            0,
                            NAN};
    const size_t stride = job_teacher_stride(p->iters);
    const double t0 = rs_now_s();
    unsigned flags = m == METHOD_L2 ? 0u : ws->kappa_flags;
    if (m == METHOD_LLSFE) /* the LLSFE loss would not know the law its sign comes from */
        flags |= MET_TEACHER_FLAG_KAPPA_ORACLE;
    if (det)
        job_teacher_record(det, p, m, 0, ws, lt, lc);
    for (size_t t = 1; t <= p->iters && st == RS_OK; t++) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed))
            st = RS_ECANCELLED;
        else
            st = opt_teacher_step(&os, ws->A, err);
        if (st == RS_OK && det && (t <= TEACHER_EARLY || t % stride == 0 || t == p->iters))
            job_teacher_record(det, p, m, t, ws, lt, lc);
    }
    gsl_rng_free(init);
    gsl_rng_free(sgd);
    double *out = cell->metric[m];
    out[MET_TEACHER_SECONDS] = rs_now_s() - t0;
    if (st == RS_ENUMERIC) { /* diverged: a result with a flag, not a failure */
        flags |= MET_TEACHER_FLAG_DIVERGED;
        out[MET_TEACHER_E_A] = out[MET_TEACHER_LOSS] = out[MET_TEACHER_TEST_ERR] = NAN;
        out[MET_TEACHER_E_PERM] = NAN;
        cell->flags[m] |= flags;
        return RS_OK;
    }
    if (st != RS_OK)
        return st;
    /* the loss metric: full batch for GD, the first `batch` rows for SGD (so that the
     * llsfe loss under SGD never needs the O(n^2) scores at every sample) */
    const size_t rows = p->optimizer == OPT_SGD && p->batch < n ? p->batch : n;
    double loss = NAN;
    if (m == METHOD_LLSFE && (st = job_teacher_llsfe_rows(lc, 0, rows, err)) != RS_OK)
        return st;
    loss_teacher_eval(lt, ws->A, 0, rows, p->mu, p->lambda, &loss, NULL, NULL);
    out[MET_TEACHER_LOSS] = loss;
    out[MET_TEACHER_E_A] = job_teacher_e(ws, ws->A, k, d, &out[MET_TEACHER_E_PERM]);
    double *w = ws->work + 2 * k * d + k;
    if (met_teacher_fit_w(ws->A, ws->X, ws->y, n, k, d, ws->P, w + k, w, NULL) == RS_OK)
        out[MET_TEACHER_TEST_ERR] = met_teacher_test_err(ws->A, w, ws->Xt, ws->yt, n, k, d, ws->P);
    else {
        flags |= MET_TEACHER_FLAG_W_SINGULAR;
        out[MET_TEACHER_TEST_ERR] = NAN;
    }
    if (m == METHOD_LLSFE && lc->failed)
        flags |= MET_TEACHER_FLAG_LLSFE_FAILED;
    cell->flags[m] |= flags;
    if (det)
        job_teacher_keep_final(det, m, ws->A, k, d);
    return RS_OK;
}

/* The degree-4 LLSFE's errors at x (llsfe_degree = 4): g1..G4 by llsfe4.h, then eq. (7)
 * in full. Remark 1's bandwidth uses p = 4 when bandwidth = 0. */
static rs_status llsfe4_errors_at(const rs_params *p, const double *X, const double *x,
                                  double *scratch, sweep_cell *cell, rs_error *err)
{
    const size_t d = p->d;
    double g[LLSFE4_MAX_D], G2[LLSFE4_MAX_D * LLSFE4_MAX_D], G3[27], G4[81];
    const double h = p->bandwidth > 0.0 ? p->bandwidth : llsfe_bandwidth_p(p->n, d, 4);
    llsfe4 *q = llsfe4_alloc(d);
    if (!q)
        return rs_error_set(err, RS_ENOMEM, "job_teacher: degree-4 LLSFE tables (d = %zu)", d);
    int failed = 0;
    rs_status st = llsfe4_eval(q, X, p->n, x, h, g, G2, G3, G4, &failed, err);
    llsfe4_free(q);
    if (st != RS_OK)
        return st;
    double *out = cell->metric[METHOD_LLSFE];
    if (failed) {
        cell->flags[METHOD_LLSFE] |= MET_TEACHER_FLAG_LLSFE_FAILED;
        return RS_OK;
    }
    return llsfe_errors4(p->input, p->mixture_shift, x, g, G2, G3, G4, d, scratch,
                         &out[MET_TEACHER_S2_ERR], &out[MET_TEACHER_S4_ERR], err);
}

/* Figures 1-2: LLSFE errors at one fresh point of the input law (EXTRA stream). A part
 * that does not train llsfe only draws the point (cell NULL), so that the EXTRA stream
 * stands where the whole job leaves it. */
static rs_status llsfe_accuracy(const rs_params *p, job_teacher_llsfe *lc, gsl_rng *extra,
                                sweep_cell *cell, rs_error *err)
{
    const size_t d = p->d;
    double *out = cell ? cell->metric[METHOD_LLSFE] : NULL;
    if (out)
        out[MET_TEACHER_S2_ERR] = out[MET_TEACHER_S4_ERR] = NAN;
    if (p->input == INPUT_LAPLACE)
        return RS_OK; /* sgn(x)^4 is S4 only off the axes: no smooth truth to compare */
    double *x = lc->ws->work, *g = x + d, *G = g + d, *scratch = G + d * d, yq;
    double *P1 = lc->ws->P; /* one row of scratch for the sampler */
    rs_status st = gen_teacher_sample(p->input, p->mixture_shift, lc->ws->Astar, 1, d, 1, 0.0,
                                      extra, x, &yq, P1, NULL, err);
    if (st != RS_OK || !out)
        return st;
    if (p->llsfe_degree == 4)
        return llsfe4_errors_at(p, lc->ws->X, x, scratch, cell, err);
    size_t failed = 0;
    st = llsfe_eval(lc->lw, x, 1, lc->h, g, G, &failed, NULL, err);
    if (st != RS_OK)
        return st;
    if (failed) {
        cell->flags[METHOD_LLSFE] |= MET_TEACHER_FLAG_LLSFE_FAILED;
        return RS_OK;
    }
    return llsfe_errors(p->input, p->mixture_shift, x, g, G, d, scratch, &out[MET_TEACHER_S2_ERR],
                        &out[MET_TEACHER_S4_ERR], err);
}

/* Job (v, run) training the losses of `train` (a subset of p's methods): everything
 * before the training (truth, samples, test data, the EXTRA stream's draws) is the same
 * whatever `train` is, so a part's cells equal the whole job's. `fill`: the job's detail
 * is complete but for the landscape; rebuild the same data and directions and compute
 * only the grid, without training (a switch to the landscape view, issue 15 point 3). */
static rs_status run_losses(const model_ctx *ctx, size_t v, double value, size_t run,
                            unsigned train, int fill, sweep_cell *cell, workspace_arena *arena,
                            const atomic_int *cancel, rs_error *err)
{
    rs_params p;
    rs_status st = model_job_params(ctx, value, &p, err);
    if (st != RS_OK)
        return st;
    const size_t n = p.n, d = p.d, k = teacher_k(&p);
    const unsigned methods = param_methods(&p);
    job_teacher_ws ws;
    if ((st = ws_alloc(&ws, arena, &p, err)) != RS_OK)
        return st;
    memset(ws.done_bits, 0, (n + 7) / 8 * sizeof(double));
    ws.e_printed = p.e_orient == E_ORIENT_PRINTED;
    teacher_detail *det = model_ctx_detail(ctx, v, run);
    const int ll = (methods & (1u << METHOD_LLSFE)) != 0;
    loss_teacher_ws *lt = loss_teacher_ws_take(n, d, k, ll, arena, 1);
    llsfe_ws *lw = ll ? llsfe_ws_take(n, d, arena, 2) : NULL;
    gsl_rng *truth_rng = rng_stream_alloc(p.seed, 0, run, RNG_PURPOSE_TRUTH);
    gsl_rng *data_rng = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_SAMPLES);
    gsl_rng *extra = rng_stream_alloc(p.seed, v, run, RNG_PURPOSE_EXTRA);
    job_teacher_llsfe lc = {lw, &ws,   d, p.bandwidth > 0.0 ? p.bandwidth : llsfe_bandwidth(n, d),
                            0,  cancel};
    if (!lt || (ll && !lw) || !truth_rng || !data_rng || !extra) {
        st = rs_error_set(err, RS_ENOMEM, "job_teacher: workspaces for n = %zu, d = %zu", n, d);
        goto done;
    }
    if ((st = gen_teacher_truth(p.truth, k, d, p.kappa, truth_rng, ws.work, ws.Astar, err)) !=
        RS_OK)
        goto done;
    loss_teacher_set_kappa_sign(lt, kappa_sign(&p, ws.Astar, k, d, &ws.kappa_flags));
    ws.kappa_flags |= met_teacher_mu_flags(p.mu);
    loss_teacher_set_penalty(lt, p.penalty == PENALTY_EQ21);
    st = gen_teacher_sample(p.input, p.mixture_shift, ws.Astar, k, d, n, p.noise, data_rng, ws.X,
                            ws.y, ws.P, cancel, err);
    /* fresh test data for the test error, then the LLSFE point and landscape directions */
    if (st == RS_OK)
        st = gen_teacher_sample(p.input, p.mixture_shift, ws.Astar, k, d, n, p.noise, extra, ws.Xt,
                                ws.yt, ws.P, cancel, err);
    if (st != RS_OK)
        goto done;
    if (ll) {
        llsfe_bind(lw, ws.X);
        sweep_cell *own = (train & (1u << METHOD_LLSFE)) ? cell : NULL;
        if ((st = llsfe_accuracy(&p, &lc, extra, own, err)) != RS_OK)
            goto done;
    }
    if (fill) /* the detail keeps its curves: only D1, D2 again, from the same draws */
        job_teacher_directions(&ws, extra, k * d);
    else if (det && (st = job_teacher_detail_begin(det, &p, &ws, extra, train, err)) != RS_OK)
        goto done;
    for (int m = METHOD_L2; m <= METHOD_LLSFE && !fill; m++) {
        if (!(methods & train & (1u << m)))
            continue;
        if ((st = train_loss(&p, m, &ws, lt, &lc, det, cell, v, run, cancel, err)) != RS_OK)
            goto done;
    }
    /* the grid costs land_size^2 full-batch losses per loss (30-50 % of a job): only for
     * the view that shows it */
    const int land = fill || (!model_ctx_learning_only(ctx) && p.view == VIEW_LANDSCAPE);
    if (det)
        st = job_teacher_detail_end(det, &p, &ws, lt, &lc, fill ? methods : train, land, cancel,
                                    err);
done:
    gsl_rng_free(truth_rng);
    gsl_rng_free(data_rng);
    gsl_rng_free(extra);
    loss_teacher_ws_free(lt);
    llsfe_ws_free(lw);
    workspace_put(arena, ws.block);
    return st;
}

rs_status job_teacher_run(void *vctx, size_t v, double value, size_t run, sweep_cell *cell,
                          workspace_arena *arena, const atomic_int *cancel, rs_error *err)
{
    return run_losses(vctx, v, value, run, ~0u, 0, cell, arena, cancel, err);
}

rs_status job_teacher_detail_fill(const model_ctx *ctx, double value, workspace_arena *arena,
                                  const atomic_int *cancel, rs_error *err)
{
    sweep_cell scratch; /* train = 0: no metric is written */
    sweep_cells_init(&scratch, 1);
    return run_losses(ctx, ctx->detail_value, value, 0, 0u, 1, &scratch, arena, cancel, err);
}

size_t job_teacher_parts(const rs_params *p)
{
    return (size_t)__builtin_popcount(param_methods(p));
}

rs_status job_teacher_part(void *vctx, size_t v, double value, size_t run, size_t part,
                           sweep_cell *cell, workspace_arena *arena, const atomic_int *cancel,
                           rs_error *err)
{
    const model_ctx *ctx = vctx;
    unsigned left = param_methods(ctx->base); /* the swept key is numeric: same methods */
    for (size_t i = 0; i < part && left; i++)
        left &= left - 1; /* drop the lowest method: part i trains the i-th */
    if (!left)
        return rs_error_set(err, RS_EINVAL, "job_teacher_part: part %zu of %zu", part,
                            job_teacher_parts(ctx->base));
    return run_losses(ctx, v, value, run, left & -left, 0, cell, arena, cancel, err);
}
