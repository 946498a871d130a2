/* est_matrix_step.c — the alternating row and column Newton steps of the matrix-model
 * MLE (est_matrix_mle.h, steps 1-2), every O(n d k^2) product as one dgemm per block. */
#include "est_matrix_internal.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_cblas.h>

/* Backtracking halvings per row/column before a step is abandoned. */
enum { LS_MAX = 8 };

void est_matrix_z_block(const double *U, const double *Vb, const double *b, size_t d, size_t r,
                        size_t cols, double *Zb)
{
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < cols; j++)
            Zb[i * cols + j] = b[i];
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)d, (int)cols, (int)r, 1.0, U, (int)r,
                Vb, (int)r, 1.0, Zb, (int)cols);
}

/* Two entries at a time (the SSE2 width of the x86-64 baseline) through GCC/Clang vector
 * extensions: explicit vector compares give masks without control flow (GCC will not if-convert a
 * scalar floating compare under the default -ftrapping-math, and the branchy loop took half of the
 * MLE's time through mispredictions: perf, d = 100, k = 10, n = 3e4, 2026-11-24). */
typedef double v2d __attribute__((vector_size(16)));
typedef int64_t v2i __attribute__((vector_size(16)));

/* eq. (5) on Y > 0: r = Z - Y; eq. (6) on Y = 0: r = max(Z, 0), active only where
 * violated. Returns r; *active gets the mask (all ones when active). Y >= 0 (ReLU). */
static inline v2d resid2(v2d y, v2d z, v2i *active)
{
    const v2d zero = {0.0, 0.0};
    const v2i pos = y > zero, zpos = z > zero;
    *active = pos | zpos;
    return (v2d)((pos & (v2i)(z - y)) | (~pos & zpos & (v2i)z));
}

static inline double resid1(double y, double z, double *active)
{
    *active = (double)(y > 0.0 || z > 0.0);
    return y > 0.0 ? z - y : (z > 0.0 ? z : 0.0);
}

void est_matrix_resid_block(const double *Y, size_t n, size_t j0, size_t d, size_t cols, double *Zb,
                            double *Mb, double *row_pen, double *col_pen)
{
    const v2d ones = {1.0, 1.0};
    const size_t c2 = cols - cols % 2;
    for (size_t i = 0; i < d; i++) {
        const double *y = Y + i * n + j0;
        double *z = Zb + i * cols, *mk = Mb ? Mb + i * cols : NULL, act1;
        v2d acc = {0.0, 0.0}; /* two lanes of the row's sum of squares: no serial add chain */
        for (size_t j = 0; j < c2; j += 2) {
            v2d yv, zv;
            v2i act;
            memcpy(&yv, y + j, sizeof yv);
            memcpy(&zv, z + j, sizeof zv);
            const v2d r = resid2(yv, zv, &act);
            memcpy(z + j, &r, sizeof r);
            acc += r * r;
            if (mk) {
                const v2d m = (v2d)(act & (v2i)ones);
                memcpy(mk + j, &m, sizeof m);
            }
        }
        double s = acc[0] + acc[1];
        for (size_t j = c2; j < cols; j++) {
            z[j] = resid1(y[j], z[j], &act1);
            s += z[j] * z[j];
            if (mk)
                mk[j] = act1;
        }
        if (col_pen)
            for (size_t j = 0; j < cols; j++)
                col_pen[j] += z[j] * z[j];
        if (row_pen)
            row_pen[i] += s;
    }
}

double est_matrix_sumsq(const double *x, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += x[i] * x[i];
    return s;
}

int est_matrix_newton(const double *Hpacked, double hscale, double ridge, size_t n_ridge,
                      double extra, const double *g, size_t m, double *sys, double *x)
{
    double *L = sys, dmax = 0.0;
    for (size_t a = 0; a < m; a++)
        for (size_t b = a; b < m; b++)
            L[a * m + b] = L[b * m + a] = hscale * Hpacked[est_matrix_tri(a, b, m)];
    for (size_t a = 0; a < n_ridge; a++)
        L[a * m + a] += ridge;
    L[m * m - 1] += extra;
    for (size_t a = 0; a < m; a++)
        dmax = fmax(dmax, L[a * m + a]);
    /* Damping at the rounding level of H: a semi-definite H (a row or column with fewer
     * active entries than unknowns) still gives the minimum-norm-like step. */
    const double lambda = (double)m * DBL_EPSILON * dmax;
    for (size_t a = 0; a < m; a++)
        L[a * m + a] += lambda;
    for (size_t j = 0; j < m; j++) { /* Cholesky, lower triangle in place */
        double s = L[j * m + j];
        for (size_t l = 0; l < j; l++)
            s -= L[j * m + l] * L[j * m + l];
        if (!(s > 0.0)) {
            memset(x, 0, m * sizeof *x);
            return -1;
        }
        L[j * m + j] = sqrt(s);
        for (size_t i = j + 1; i < m; i++) {
            double t = L[i * m + j];
            for (size_t l = 0; l < j; l++)
                t -= L[i * m + l] * L[j * m + l];
            L[i * m + j] = t / L[j * m + j];
        }
    }
    for (size_t i = 0; i < m; i++) { /* L y = -g */
        double t = -g[i];
        for (size_t l = 0; l < i; l++)
            t -= L[i * m + l] * x[l];
        x[i] = t / L[i * m + i];
    }
    for (size_t i = m; i-- > 0;) { /* L^T x = y */
        double t = x[i];
        for (size_t l = i + 1; l < m; l++)
            t -= L[l * m + i] * x[l];
        x[i] = t / L[i * m + i];
    }
    return 0;
}

static int cancelled(const atomic_int *cancel)
{
    return cancel && atomic_load_explicit(cancel, memory_order_relaxed);
}

/* One pass over the columns at (Ue, be): row penalties into pen; with hg also the
 * row Hessians (packed, unscaled) and gradients of the penalty. Returns 1 if cancelled. */
static int row_pass(est_matrix_mle_ws *ws, const est_matrix_input *in, const double *V,
                    const double *Ue, const double *be, double *pen, int hg,
                    const atomic_int *cancel)
{
    const size_t d = in->d, n = in->n, k = in->k, m = k + 1, t1 = ws->t1;
    memset(pen, 0, d * sizeof *pen);
    if (hg) {
        memset(ws->Hrow, 0, d * t1 * sizeof *ws->Hrow);
        memset(ws->Grow, 0, d * m * sizeof *ws->Grow);
    }
    for (size_t j0 = 0; j0 < n; j0 += EST_MATRIX_BLOCK) {
        if (cancelled(cancel))
            return 1;
        const size_t cols = n - j0 < EST_MATRIX_BLOCK ? n - j0 : EST_MATRIX_BLOCK;
        est_matrix_z_block(Ue, V + j0 * k, be, d, k, cols, ws->Zb);
        est_matrix_resid_block(in->Y, n, j0, d, cols, ws->Zb, hg ? ws->Mb : NULL, pen, NULL);
        if (!hg)
            continue;
        for (size_t j = 0; j < cols; j++) { /* phi_j = (V_j, 1), packed phi_j phi_j^T */
            double *phi = ws->Phi + j * m, *kb = ws->Kb + j * t1;
            memcpy(phi, V + (j0 + j) * k, k * sizeof *phi);
            phi[k] = 1.0;
            for (size_t a = 0, t = 0; a < m; a++)
                for (size_t b = a; b < m; b++)
                    kb[t++] = phi[a] * phi[b];
        }
        /* Hrow += Mask_b Kb, Grow += R_b Phi: Hessian and gradient of every row at once. */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)d, (int)t1, (int)cols, 1.0,
                    ws->Mb, (int)cols, ws->Kb, (int)t1, 1.0, ws->Hrow, (int)t1);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)d, (int)m, (int)cols, 1.0,
                    ws->Zb, (int)cols, ws->Phi, (int)m, 1.0, ws->Grow, (int)m);
    }
    return 0;
}

/* Rounding allowance when comparing objectives summed over n terms (relative n eps). */
static double slack(double v, size_t terms)
{
    return fabs(v) * (double)terms * DBL_EPSILON;
}

int est_matrix_row_step(est_matrix_mle_ws *ws, const est_matrix_input *in,
                        const est_matrix_mle_opts *opt, est_matrix_result *out,
                        const atomic_int *cancel)
{
    const size_t d = in->d, k = in->k, m = k + 1;
    const double rho = opt->rho, eps = opt->ridge;
    if (row_pass(ws, in, out->V, out->U, out->b, ws->pen_old, 1, cancel))
        return 1;
    /* Given V, J separates over rows: J_i = (rho/2) pen_i + q(b_i) + (eps/2) |U_i|^2. One
     * damped Newton step per row on theta_i = (U_i, b_i) with features phi_j = (V_j, 1):
     * H_i = rho sum_{active j} phi_j phi_j^T + diag(eps, ..., eps, q''(b_i)); the active set
     * (eq. 5 entries and violated eq. 6 entries) makes J_i piecewise quadratic, so the step
     * is semismooth Newton and needs the backtracking below. pen_old becomes J_i. */
    for (size_t i = 0; i < d; i++) {
        double q, q1, q2;
        ws->tstep[i] = 0.0;
        if (ws->npos[i] == 0.0) /* fixed at U_i = 0 (est_matrix_mle.h) */
            continue;
        est_matrix_prior(&opt->bias, out->b[i], &q, &q1, &q2);
        const double *u = out->U + i * k;
        ws->pen_old[i] = 0.5 * rho * ws->pen_old[i] + q + 0.5 * eps * est_matrix_sumsq(u, k);
        double *g = ws->sys + m * m, *x = ws->dU + i * m;
        for (size_t a = 0; a < m; a++)
            g[a] = rho * ws->Grow[i * m + a] + (a < k ? eps * u[a] : q1);
        if (est_matrix_newton(ws->Hrow + i * ws->t1, rho, eps, k, q2, g, m, ws->sys, x) == 0)
            ws->tstep[i] = 1.0;
    }
    /* Backtracking, all rows per pass over Y: a row keeps the first step size that does not
     * increase its J_i, so J never increases; rows still pending after LS_MAX halvings keep
     * their old values. */
    for (int ls = 0; ls < LS_MAX; ls++) {
        int pending = 0;
        for (size_t i = 0; i < d; i++) {
            const double t = ws->tstep[i];
            for (size_t a = 0; a < k; a++)
                ws->Utr[i * k + a] = out->U[i * k + a] + t * ws->dU[i * m + a];
            ws->btr[i] = out->b[i] + t * ws->dU[i * m + k];
            pending |= t > 0.0;
        }
        if (!pending)
            break;
        if (row_pass(ws, in, out->V, ws->Utr, ws->btr, ws->pen_new, 0, cancel))
            return 1;
        for (size_t i = 0; i < d; i++) {
            if (ws->tstep[i] == 0.0)
                continue;
            double q, q1, q2;
            est_matrix_prior(&opt->bias, ws->btr[i], &q, &q1, &q2);
            const double J_new =
                0.5 * rho * ws->pen_new[i] + q + 0.5 * eps * est_matrix_sumsq(ws->Utr + i * k, k);
            if (J_new <= ws->pen_old[i] + slack(ws->pen_old[i], in->n)) {
                memcpy(out->U + i * k, ws->Utr + i * k, k * sizeof *out->U);
                out->b[i] = ws->btr[i];
                ws->tstep[i] = 0.0;
            } else {
                ws->tstep[i] = ls + 1 < LS_MAX ? 0.5 * ws->tstep[i] : 0.0;
            }
        }
    }
    return 0;
}

/* Newton directions of the columns of one block (Zb holds residuals, Mb the mask). */
static void col_directions(est_matrix_mle_ws *ws, const est_matrix_input *in,
                           const est_matrix_mle_opts *opt, const double *U, const double *Vb,
                           size_t cols)
{
    const size_t d = in->d, k = in->k, t0 = ws->t0;
    /* Hcol = Mask_b^T KU, Gcol = R_b^T U: every column's Hessian and gradient. */
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)cols, (int)t0, (int)d, 1.0, ws->Mb,
                (int)cols, ws->KU, (int)t0, 0.0, ws->Hcol, (int)t0);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)cols, (int)k, (int)d, 1.0, ws->Zb,
                (int)cols, U, (int)k, 0.0, ws->Gcol, (int)k);
    for (size_t j = 0; j < cols; j++) {
        double *g = ws->Gcol + j * k;
        for (size_t a = 0; a < k; a++)
            g[a] = opt->rho * g[a] + opt->ridge * Vb[j * k + a];
        const int ok = est_matrix_newton(ws->Hcol + j * t0, opt->rho, opt->ridge, k, 0.0, g, k,
                                         ws->sys, ws->dV + j * k) == 0;
        ws->ct[j] = ok ? 1.0 : 0.0;
    }
}

int est_matrix_col_step(est_matrix_mle_ws *ws, const est_matrix_input *in,
                        const est_matrix_mle_opts *opt, est_matrix_result *out, double *pen,
                        const atomic_int *cancel)
{
    const double rho = opt->rho, eps = opt->ridge;
    const size_t d = in->d, n = in->n, k = in->k;
    for (size_t i = 0; i < d; i++) /* packed u_i u_i^T */
        for (size_t a = 0, t = 0; a < k; a++)
            for (size_t b = a; b < k; b++)
                ws->KU[i * ws->t0 + t++] = out->U[i * k + a] * out->U[i * k + b];
    /* Given (U, b), J separates over columns: J_j = (rho/2) pen_j + (eps/2) |V_j|^2, with
     * H_j = rho sum_{active i} U_i U_i^T + eps I. Columns are independent, so the whole
     * step, line search included, runs block by block in cache. */
    *pen = 0.0;
    for (size_t j0 = 0; j0 < n; j0 += EST_MATRIX_BLOCK) {
        if (cancelled(cancel))
            return 1;
        const size_t cols = n - j0 < EST_MATRIX_BLOCK ? n - j0 : EST_MATRIX_BLOCK;
        double *Vb = out->V + j0 * k;
        memset(ws->cold, 0, cols * sizeof *ws->cold);
        est_matrix_z_block(out->U, Vb, out->b, d, k, cols, ws->Zb);
        est_matrix_resid_block(in->Y, n, j0, d, cols, ws->Zb, ws->Mb, NULL, ws->cold);
        for (size_t j = 0; j < cols; j++) { /* column objective (rho/2) pen_j + (eps/2)|V_j|^2 */
            ws->cpen[j] = ws->cold[j];
            ws->cold[j] = 0.5 * rho * ws->cold[j] + 0.5 * eps * est_matrix_sumsq(Vb + j * k, k);
        }
        col_directions(ws, in, opt, out->U, Vb, cols);
        for (int ls = 0; ls < LS_MAX; ls++) {
            int pending = 0;
            for (size_t j = 0; j < cols; j++) {
                for (size_t a = 0; a < k; a++)
                    ws->Vtr[j * k + a] = Vb[j * k + a] + ws->ct[j] * ws->dV[j * k + a];
                pending |= ws->ct[j] > 0.0;
            }
            if (!pending)
                break;
            memset(ws->cnew, 0, cols * sizeof *ws->cnew);
            est_matrix_z_block(out->U, ws->Vtr, out->b, d, k, cols, ws->Zb);
            est_matrix_resid_block(in->Y, n, j0, d, cols, ws->Zb, NULL, NULL, ws->cnew);
            for (size_t j = 0; j < cols; j++) {
                if (ws->ct[j] == 0.0)
                    continue;
                ws->cpen_new[j] = ws->cnew[j];
                ws->cnew[j] =
                    0.5 * rho * ws->cnew[j] + 0.5 * eps * est_matrix_sumsq(ws->Vtr + j * k, k);
                if (ws->cnew[j] <= ws->cold[j] + slack(ws->cold[j], d)) {
                    memcpy(Vb + j * k, ws->Vtr + j * k, k * sizeof *Vb);
                    ws->cold[j] = ws->cnew[j];
                    ws->cpen[j] = ws->cpen_new[j];
                    ws->ct[j] = 0.0;
                } else {
                    ws->ct[j] = ls + 1 < LS_MAX ? 0.5 * ws->ct[j] : 0.0;
                }
            }
        }
        for (size_t j = 0; j < cols; j++)
            *pen += ws->cpen[j];
    }
    return 0;
}
