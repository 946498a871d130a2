/* est_matrix_mle.c — driver of the matrix-model MLE (Mazumdar, Rawat 2019, eqs. 8-9, relaxation in
 * est_matrix_mle.h): workspace, warm start, the gauge step, convergence, evaluation. */
#include "est_matrix_mle.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>

#include "est_matrix_internal.h"
#include "est_matrix_svd.h"
#include "param.h"
#include "workspace.h"

/* Newton iterations of the gauge step (logistic prior; a Gaussian one needs one). */
enum { GAUGE_ITERS = 30 };

/* Range of the extrapolation factor s of step (4). */
#define EXTRAP_MIN 1.5
#define EXTRAP_MAX 64.0

est_matrix_mle_opts est_matrix_mle_default_opts(const gen_matrix_bias *bias)
{
    est_matrix_mle_opts o = {*bias, 50, 1e-6, 1e6, 1e-6};
    return o;
}

enum { MLE_WS_ARRAYS = 30 };

/* Doubles of each buffer, in the order of est_matrix_mle_ws; 0 when a product would
 * overflow or the SVD work size is refused. */
static int layout(size_t d, size_t n, size_t k, size_t s[MLE_WS_ARRAYS])
{
    const size_t B = EST_MATRIX_BLOCK, m = k + 1, t0 = k * m / 2, t1 = m * (k + 2) / 2;
    if (k > 46000 || d > SIZE_MAX / 64 / (t1 + B) || n > SIZE_MAX / 64 / k) /* products fit */
        return 0;
    const size_t sw = est_matrix_svd_work(d, k);
    const size_t sizes[MLE_WS_ARRAYS] = {
        d * B,  d * B,  B * m, B * t1, d * t1, d * m, d * m, d, d, d, d * k,         d,
        d * t0, B * t0, B * k, B * k,  B * k,  B,     B,     B, B, B, m * m + 2 * m, d,
        d,      sw,     d * k, d,      n * k,  d}; /* the last, iwork, holds 2 d ints */
    memcpy(s, sizes, sizeof sizes);
    return sw != 0;
}

size_t est_matrix_mle_ws_bytes(size_t d, size_t n, size_t k)
{
    size_t s[MLE_WS_ARRAYS];
    const size_t b = layout(d, n, k, s) ? workspace_bytes(s, MLE_WS_ARRAYS) : 0;
    return b && b < SIZE_MAX - sizeof(est_matrix_mle_ws) ? b + sizeof(est_matrix_mle_ws) : 0;
}

est_matrix_mle_ws *est_matrix_mle_ws_alloc(size_t d, size_t n, size_t k)
{
    return est_matrix_mle_ws_take(d, n, k, NULL, 0);
}

est_matrix_mle_ws *est_matrix_mle_ws_take(size_t d, size_t n, size_t k, workspace_arena *arena,
                                          size_t slot)
{
    size_t s[MLE_WS_ARRAYS];
    if (k == 0 || !layout(d, n, k, s))
        return NULL;
    est_matrix_mle_ws *ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    double *iwork = NULL;
    double **const slots[MLE_WS_ARRAYS] = {
        &ws->Zb,   &ws->Mb,       &ws->Phi,     &ws->Kb,       &ws->Hrow, &ws->Grow,
        &ws->dU,   &ws->pen_old,  &ws->pen_new, &ws->tstep,    &ws->Utr,  &ws->btr,
        &ws->KU,   &ws->Hcol,     &ws->Gcol,    &ws->dV,       &ws->Vtr,  &ws->cold,
        &ws->cnew, &ws->ct,       &ws->cpen,    &ws->cpen_new, &ws->sys,  &ws->npos,
        &ws->ymin, &ws->svd_work, &ws->Up,      &ws->bp,       &ws->Vp,   &iwork};
    ws->block = workspace_take(arena, slot, s, slots, MLE_WS_ARRAYS);
    ws->arena = arena;
    if (!ws->block) {
        free(ws);
        return NULL;
    }
    ws->d = d, ws->n = n, ws->k = k, ws->t0 = k * (k + 1) / 2, ws->t1 = (k + 1) * (k + 2) / 2;
    ws->iwork = (int *)iwork;
    return ws;
}

void est_matrix_mle_ws_free(est_matrix_mle_ws *ws)
{
    if (!ws)
        return;
    workspace_put(ws->arena, ws->block);
    free(ws);
}

/* Step (3): minimise sum_{N_i > 0} q(b_i - U_i w) + (eps/2) sum_j |V_j + w|^2 over w, then
 * V += 1 w^T, b -= U w. */
static void gauge_step(est_matrix_mle_ws *ws, const est_matrix_input *in,
                       const est_matrix_mle_opts *opt, est_matrix_result *out)
{
    const size_t d = in->d, n = in->n, k = in->k;
    const double eps = opt->ridge, nn = (double)n;
    double *w = ws->Vtr, *g = ws->Gcol, *H = ws->Hcol, *dw = ws->dV, *sv = ws->Vtr + k; /* k each */
    memset(w, 0, k * sizeof *w);
    memset(sv, 0, k * sizeof *sv);
    for (size_t j = 0; j < n; j++) /* sum_j V_j */
        for (size_t a = 0; a < k; a++)
            sv[a] += out->V[j * k + a];
    for (int it = 0; it < GAUGE_ITERS; it++) {
        double phi0 = 0.0;
        for (size_t a = 0, t = 0; a < k; a++) { /* the ridge part, up to the constant |V|^2 */
            g[a] = eps * (sv[a] + nn * w[a]);
            phi0 += eps * (sv[a] * w[a] + 0.5 * nn * w[a] * w[a]);
            for (size_t b = a; b < k; b++)
                H[t++] = a == b ? eps * nn : 0.0;
        }
        for (size_t i = 0; i < d; i++) {
            if (ws->npos[i] == 0.0)
                continue;
            const double *u = out->U + i * k;
            double uw = 0.0, q, q1, q2;
            for (size_t a = 0; a < k; a++)
                uw += u[a] * w[a];
            est_matrix_prior(&opt->bias, out->b[i] - uw, &q, &q1, &q2);
            phi0 += q;
            for (size_t a = 0, t = 0; a < k; a++) {
                g[a] -= q1 * u[a];
                for (size_t b = a; b < k; b++)
                    H[t++] += q2 * u[a] * u[b];
            }
        }
        if (est_matrix_newton(H, 1.0, 0.0, 0, 0.0, g, k, ws->sys, dw) != 0)
            break;
        double step = 1.0, dec = 0.0;
        for (int ls = 0; ls < 30; ls++) { /* backtrack on the convex objective */
            double phi1 = 0.0;
            for (size_t a = 0; a < k; a++) {
                const double wa = w[a] + step * dw[a];
                phi1 += eps * (sv[a] * wa + 0.5 * nn * wa * wa);
            }
            for (size_t i = 0; i < d; i++) {
                if (ws->npos[i] == 0.0)
                    continue;
                double uw = 0.0, q, q1, q2;
                for (size_t a = 0; a < k; a++)
                    uw += out->U[i * k + a] * (w[a] + step * dw[a]);
                est_matrix_prior(&opt->bias, out->b[i] - uw, &q, &q1, &q2);
                phi1 += q;
            }
            if (phi1 <= phi0) {
                dec = phi0 - phi1;
                break;
            }
            step *= 0.5;
        }
        if (dec <= 0.0)
            break;
        for (size_t a = 0; a < k; a++)
            w[a] += step * dw[a];
        if (opt->bias.dist == BIASDIST_GAUSSIAN || dec <= 1e-15 * phi0)
            break; /* quadratic: one Newton step is exact */
    }
    for (size_t j = 0; j < n; j++)
        for (size_t a = 0; a < k; a++)
            out->V[j * k + a] += w[a];
    for (size_t i = 0; i < d; i++) {
        double uw = 0.0;
        for (size_t a = 0; a < k; a++)
            uw += out->U[i * k + a] * w[a];
        out->b[i] -= uw;
    }
}

/* Prior part of J and -L_Y/d of eq. (8) at b over the rows with N_i > 0. */
static void prior_terms(const est_matrix_mle_ws *ws, const est_matrix_mle_opts *opt, size_t d,
                        const double *b, double *qsum, double *nll)
{
    *qsum = *nll = 0.0;
    for (size_t i = 0; i < d; i++) {
        if (ws->npos[i] == 0.0)
            continue;
        double q, q1, q2;
        est_matrix_prior(&opt->bias, b[i], &q, &q1, &q2);
        *qsum += q;
        *nll -= est_matrix_log_density(&opt->bias, b[i]) -
                est_matrix_log_density(&opt->bias, ws->ymin[i]);
    }
    *nll /= (double)d;
}

/* (eps/2)(|U|_F^2 + |V|_F^2) */
static double ridge_term(const est_matrix_mle_opts *opt, const double *U, const double *V, size_t d,
                         size_t n, size_t r)
{
    return 0.5 * opt->ridge * (est_matrix_sumsq(U, d * r) + est_matrix_sumsq(V, n * r));
}

/* J at (U, V, b): the prior over the rows with N_i > 0 and the penalty over every entry.
 * Returns 1 if cancelled. */
static int objective_at(est_matrix_mle_ws *ws, const est_matrix_input *in,
                        const est_matrix_mle_opts *opt, const double *U, const double *V,
                        const double *b, double *J, double *pen, const atomic_int *cancel)
{
    const size_t d = in->d, n = in->n, k = in->k;
    double qsum, nll;
    memset(ws->pen_new, 0, d * sizeof *ws->pen_new);
    for (size_t j0 = 0; j0 < n; j0 += EST_MATRIX_BLOCK) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed))
            return 1;
        const size_t cols = n - j0 < EST_MATRIX_BLOCK ? n - j0 : EST_MATRIX_BLOCK;
        est_matrix_z_block(U, V + j0 * k, b, d, k, cols, ws->Zb);
        est_matrix_resid_block(in->Y, n, j0, d, cols, ws->Zb, NULL, ws->pen_new, NULL);
    }
    *pen = 0.0;
    for (size_t i = 0; i < d; i++)
        *pen += ws->pen_new[i];
    prior_terms(ws, opt, d, b, &qsum, &nll);
    *J = qsum + 0.5 * opt->rho * *pen + ridge_term(opt, U, V, d, n, k);
    return 0;
}

/* Step (4): try theta_old + s (theta - theta_old) with s > 1 (line-search extrapolation of
 * alternating least squares, Bro 1998); the candidate is built in the theta_old buffers.
 * Keeps the better of the two; *s adapts (doubles on success, halves towards 1 on
 * failure). Returns 1 if cancelled. */
static int extrapolate(est_matrix_mle_ws *ws, const est_matrix_input *in,
                       const est_matrix_mle_opts *opt, est_matrix_result *out, double *J,
                       double *pen, double *s, const atomic_int *cancel)
{
    const size_t d = in->d, n = in->n, k = in->k;
    for (size_t t = 0; t < d * k; t++)
        ws->Up[t] += *s * (out->U[t] - ws->Up[t]);
    for (size_t i = 0; i < d; i++)
        ws->bp[i] += *s * (out->b[i] - ws->bp[i]);
    for (size_t t = 0; t < n * k; t++)
        ws->Vp[t] += *s * (out->V[t] - ws->Vp[t]);
    double Jc, penc;
    if (objective_at(ws, in, opt, ws->Up, ws->Vp, ws->bp, &Jc, &penc, cancel))
        return 1;
    if (Jc < *J) {
        memcpy(out->U, ws->Up, d * k * sizeof *out->U);
        memcpy(out->b, ws->bp, d * sizeof *out->b);
        memcpy(out->V, ws->Vp, n * k * sizeof *out->V);
        *J = Jc;
        *pen = penc;
        *s = fmin(2.0 * *s, EXTRAP_MAX);
    } else {
        *s = fmax(0.5 * *s, EXTRAP_MIN);
    }
    return 0;
}

/* Gram (m x m, m = k + 1) of augmented factors [P p][Q q]^T-style: G = [P p]^T [Q q] for
 * rows x columns P, Q (rows x k) and last columns p, q (NULL = all ones). One dgemm. */
static void aug_gram(const double *P, const double *p, const double *Q, const double *q,
                     size_t rows, size_t k, double *G)
{
    const size_t m = k + 1;
    double *core = G + m * m; /* k x k scratch after G */
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)k, (int)k, (int)rows, 1.0, P, (int)k,
                Q, (int)k, 0.0, core, (int)k);
    for (size_t a = 0; a < k; a++)
        for (size_t c = 0; c < k; c++)
            G[a * m + c] = core[a * k + c];
    double pq = 0.0;
    for (size_t a = 0; a < k; a++)
        G[a * m + k] = G[k * m + a] = 0.0;
    for (size_t i = 0; i < rows; i++) {
        const double pi = p ? p[i] : 1.0, qi = q ? q[i] : 1.0;
        for (size_t a = 0; a < k; a++) {
            G[a * m + k] += P[i * k + a] * qi; /* P^T q */
            G[k * m + a] += pi * Q[i * k + a]; /* p^T Q */
        }
        pq += pi * qi;
    }
    G[k * m + k] = pq;
}

/* ||Z - Z_old||_F / ||Z||_F for Z = [U b][V 1]^T from (k+1) x (k+1) Gram matrices, with
 * no pass over Y: ||Z||^2 = tr(GU GV) with GU = [U b]^T [U b], GV = [V 1]^T [V 1], and
 * likewise for the cross term. Rounding limits it to about sqrt(DBL_EPSILON) = 1.5e-8,
 * far below the tolerance. Scratch: ws->Hcol (free at this point, >= 6 m^2 doubles). */
static double z_change(const est_matrix_mle_ws *ws, const est_matrix_input *in,
                       const est_matrix_result *out)
{
    const size_t d = in->d, n = in->n, k = in->k, m = k + 1, mm = m * m;
    double *G = ws->Hcol; /* GU new-new, old-new, old-old; GV the same; each m^2 + k^2 room */
    const size_t stride = 2 * mm;
    aug_gram(out->U, out->b, out->U, out->b, d, k, G);
    aug_gram(ws->Up, ws->bp, out->U, out->b, d, k, G + stride);
    aug_gram(ws->Up, ws->bp, ws->Up, ws->bp, d, k, G + 2 * stride);
    aug_gram(out->V, NULL, out->V, NULL, n, k, G + 3 * stride);
    aug_gram(ws->Vp, NULL, out->V, NULL, n, k, G + 4 * stride);
    aug_gram(ws->Vp, NULL, ws->Vp, NULL, n, k, G + 5 * stride);
    double nn = 0.0, on = 0.0, oo = 0.0; /* tr(A B) = sum_ac A(a,c) B(c,a) */
    for (size_t a = 0; a < m; a++)
        for (size_t c = 0; c < m; c++) {
            nn += G[a * m + c] * G[3 * stride + c * m + a];
            on += G[stride + a * m + c] * G[4 * stride + c * m + a];
            oo += G[2 * stride + a * m + c] * G[5 * stride + c * m + a];
        }
    return sqrt(fmax(0.0, nn - 2.0 * on + oo) / nn);
}

static void report(est_matrix_mle_ws *ws, const est_matrix_input *in,
                   const est_matrix_mle_opts *opt, est_matrix_result *out, double pen, size_t iter,
                   est_matrix_mle_trace_fn trace, void *tctx, double *J)
{
    est_matrix_mle_iter it;
    double qsum;
    prior_terms(ws, opt, in->d, out->b, &qsum, &it.nll);
    it.objective = *J =
        qsum + 0.5 * opt->rho * pen + ridge_term(opt, out->U, out->V, in->d, in->n, in->k);
    it.violation = sqrt(pen / ((double)in->d * (double)in->n));
    if (trace)
        trace(tctx, iter, &it, out);
}

rs_status est_matrix_mle_fit(const est_matrix_input *in, const est_matrix_mle_opts *opt,
                             est_matrix_mle_ws *ws, est_matrix_result *out,
                             est_matrix_mle_trace_fn trace, void *tctx, const atomic_int *cancel,
                             rs_error *err)
{
    const size_t d = in->d, n = in->n, k = in->k;
    if (ws->d != d || ws->n != n || ws->k != k)
        return rs_error_set(err, RS_EINVAL, "est_matrix_mle_fit: workspace is for (%zu, %zu, %zu)",
                            ws->d, ws->n, ws->k);
    if (!(opt->rho > 0.0) || !(opt->tol >= 0.0) || !(opt->ridge >= 0.0) || opt->max_iters == 0)
        return rs_error_set(err, RS_EINVAL,
                            "est_matrix_mle_fit: rho = %g, tol = %g, ridge = %g, iters = %zu",
                            opt->rho, opt->tol, opt->ridge, opt->max_iters);
    rs_status st = est_matrix_svd_fit(in, ws->svd_work, ws->iwork, out, cancel, err);
    if (st != RS_OK)
        return st;
    unsigned flags = 0;
    for (size_t i = 0; i < d; i++) {
        double cnt = 0.0, ymin = INFINITY;
        for (size_t j = 0; j < n; j++) {
            const double y = in->Y[i * n + j];
            cnt += (double)(y > 0.0);
            ymin = y > 0.0 ? fmin(ymin, y) : ymin;
        }
        ws->npos[i] = cnt;
        ws->ymin[i] = ymin;
        if (cnt == 0.0) { /* (8), first term: the row is fixed at 0 (est_matrix_mle.h) */
            memset(out->U + i * k, 0, k * sizeof *out->U);
            flags |= EST_MATRIX_FLAG_EMPTY_ROWS;
        }
    }
    double pen0, J_prev, J = 0.0;
    if (objective_at(ws, in, opt, out->U, out->V, out->b, &J_prev, &pen0, cancel))
        return rs_error_set(err, RS_ECANCELLED, "est_matrix_mle_fit: cancelled");
    report(ws, in, opt, out, pen0, 0, trace, tctx, &J_prev); /* iteration 0: the SVD start */
    size_t iter = 0;
    int converged = 0;
    double s = 2.0 * EXTRAP_MIN;
    while (iter < opt->max_iters && !converged) {
        double pen = 0.0, qsum, nll;
        memcpy(ws->Up, out->U, d * k * sizeof *out->U);
        memcpy(ws->bp, out->b, d * sizeof *out->b);
        memcpy(ws->Vp, out->V, n * k * sizeof *out->V);
        if (est_matrix_row_step(ws, in, opt, out, cancel) ||
            est_matrix_col_step(ws, in, opt, out, &pen, cancel))
            return rs_error_set(err, RS_ECANCELLED, "est_matrix_mle_fit: cancelled");
        gauge_step(ws, in, opt, out);
        const double dz = z_change(ws, in, out);
        prior_terms(ws, opt, d, out->b, &qsum, &nll);
        J = qsum + 0.5 * opt->rho * pen + ridge_term(opt, out->U, out->V, d, n, k);
        if (iter > 0 && extrapolate(ws, in, opt, out, &J, &pen, &s, cancel))
            return rs_error_set(err, RS_ECANCELLED, "est_matrix_mle_fit: cancelled");
        iter++;
        report(ws, in, opt, out, pen, iter, trace, tctx, &J);
        /* Converged when one sweep moves Z = X + b 1^T by less than tol relative, or J no
         * longer decreases at all. (A test of J's relative decrease stops too early: J is
         * dominated by the prior sum, which barely moves while residuals of 1e-5 remain.) */
        converged = dz <= opt->tol || !(J < J_prev);
        J_prev = J;
    }
    for (size_t i = 0; i < d; i++) /* U_i = 0, so max_j X_ij = 0: b_i = E[B | B < 0] */
        if (ws->npos[i] == 0.0)
            out->b[i] = est_matrix_cond_mean(&opt->bias, 0.0);
    out->iters = iter;
    out->flags = flags | (converged ? 0u : EST_MATRIX_FLAG_NOT_CONVERGED);
    return RS_OK;
}

void est_matrix_mle_eval(const est_matrix_input *in, const est_matrix_mle_opts *opt, size_t r,
                         const double *U, const double *V, const double *b, double *scratch,
                         est_matrix_mle_iter *out)
{
    const size_t d = in->d, n = in->n;
    double pen = 0.0, qsum = 0.0, nll = 0.0;
    for (size_t j0 = 0; j0 < n; j0 += EST_MATRIX_BLOCK) {
        const size_t cols = n - j0 < EST_MATRIX_BLOCK ? n - j0 : EST_MATRIX_BLOCK;
        double row_pen[1] = {0.0};
        est_matrix_z_block(U, V + j0 * r, b, d, r, cols, scratch);
        for (size_t i = 0; i < d; i++) {
            row_pen[0] = 0.0;
            est_matrix_resid_block(in->Y + i * n, n, j0, 1, cols, scratch + i * cols, NULL, row_pen,
                                   NULL);
            pen += row_pen[0];
        }
    }
    for (size_t i = 0; i < d; i++) {
        double q, q1, q2;
        est_matrix_prior(&opt->bias, b[i], &q, &q1, &q2);
        qsum += q;
        nll -= est_matrix_log_density(&opt->bias, b[i]);
    }
    out->objective = qsum + 0.5 * opt->rho * pen + ridge_term(opt, U, V, d, n, r);
    out->nll = nll / (double)d;
    out->violation = sqrt(pen / ((double)d * (double)n));
}
