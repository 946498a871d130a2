/* llsfe.c — second-degree LLSFE (Gao, Makkuva, Oh, Viswanath 2019, eqs. 6-7, 14-15) and exact
 * scores. */
#include "llsfe.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <lapacke.h>

#include "param.h"
#include "workspace.h"

enum { LLSFE_BLOCK = 64 };

struct llsfe_ws {
    size_t n, d, p; /* p = 1 + d + d^2 columns of the design */
    const double *X;
    double *D; /* n x p: [1 | X | X (x) X] */
    double *K; /* LLSFE_BLOCK x n kernel weights */
    double *M; /* LLSFE_BLOCK x p raw weighted moments */
    double *C; /* d x d */
    void *block;
    workspace_arena *arena; /* lender of block, or NULL */
};

double llsfe_bandwidth(size_t n, size_t d)
{
    return llsfe_bandwidth_p(n, d, 2);
}

double llsfe_bandwidth_p(size_t n, size_t d, size_t p)
{
    return pow((double)n, -1.0 / (2.0 * (double)p + 2.0 + (double)d)); /* Remark 1 */
}

enum { LLSFE_WS_ARRAYS = 4 };

/* Doubles of D, K, M, C; 0 when a product would overflow. */
static int ws_layout(size_t n, size_t d, size_t s[LLSFE_WS_ARRAYS])
{
    const size_t p = 1 + d + d * d;
    const size_t np = rs_mul_size(n, p, 1), kn = rs_mul_size(LLSFE_BLOCK, n, 1);
    if (!np || !kn || np > SIZE_MAX / 16 || kn > SIZE_MAX / 16)
        return 0;
    const size_t sizes[LLSFE_WS_ARRAYS] = {np, kn, LLSFE_BLOCK * p, d * d};
    memcpy(s, sizes, sizeof sizes);
    return 1;
}

size_t llsfe_ws_bytes(size_t n, size_t d)
{
    size_t s[LLSFE_WS_ARRAYS];
    return ws_layout(n, d, s) ? workspace_bytes(s, LLSFE_WS_ARRAYS) : 0;
}

llsfe_ws *llsfe_ws_alloc(size_t n, size_t d)
{
    return llsfe_ws_take(n, d, NULL, 0);
}

llsfe_ws *llsfe_ws_take(size_t n, size_t d, workspace_arena *arena, size_t slot)
{
    size_t s[LLSFE_WS_ARRAYS];
    if (!n || !d || !ws_layout(n, d, s))
        return NULL;
    llsfe_ws *ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    double **const slots[LLSFE_WS_ARRAYS] = {&ws->D, &ws->K, &ws->M, &ws->C};
    if (!(ws->block = workspace_take(arena, slot, s, slots, LLSFE_WS_ARRAYS))) {
        free(ws);
        return NULL;
    }
    ws->arena = arena;
    ws->n = n, ws->d = d, ws->p = 1 + d + d * d;
    return ws;
}

void llsfe_ws_free(llsfe_ws *ws)
{
    if (!ws)
        return;
    workspace_put(ws->arena, ws->block);
    free(ws);
}

void llsfe_bind(llsfe_ws *ws, const double *X)
{
    const size_t d = ws->d, p = ws->p;
    ws->X = X;
    for (size_t t = 0; t < ws->n; t++) {
        double *row = ws->D + t * p;
        const double *x = X + t * d;
        row[0] = 1.0;
        for (size_t a = 0; a < d; a++) {
            row[1 + a] = x[a];
            for (size_t b = 0; b < d; b++)
                row[1 + d + a * d + b] = x[a] * x[b];
        }
    }
}

/* Eqs. (14)-(15) at one point x from its raw moments M = (sum k, sum k X, sum k X X^T):
 * centre them at x, C = M2/M0 - (M1/M0)(M1/M0)^T, then a1 = C^{-1} M1/M0 and
 * A2 = h^{-2} I - C^{-1}. Returns 0 when C is not positive definite. */
static int solve_point(const double *M, const double *x, size_t d, double h, double *C, double *g,
                       double *G)
{
    const double M0 = M[0];
    if (!(M0 > 0.0))
        return 0;
    double m1[64]; /* d <= 64 is checked by llsfe_eval's caller path (see below) */
    for (size_t a = 0; a < d; a++)
        m1[a] = M[1 + a] / M0 - x[a]; /* M1/M0 about x */
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b < d; b++) {
            /* E_k[(X - x)(X - x)^T] - m1 m1^T = E_k[X X^T] - E_k[X] E_k[X]^T */
            const double ea = M[1 + a] / M0, eb = M[1 + b] / M0;
            C[a * d + b] = M[1 + d + a * d + b] / M0 - ea * eb;
        }
    if (LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', (lapack_int)d, C, (lapack_int)d) != 0)
        return 0;
    if (LAPACKE_dpotri(LAPACK_ROW_MAJOR, 'L', (lapack_int)d, C, (lapack_int)d) != 0)
        return 0;
    for (size_t a = 0; a < d; a++) /* C^{-1}: mirror the lower triangle */
        for (size_t b = a + 1; b < d; b++)
            C[a * d + b] = C[b * d + a];
    const double ih2 = 1.0 / (h * h);
    for (size_t a = 0; a < d; a++) {
        double t = 0.0;
        for (size_t b = 0; b < d; b++) {
            t += C[a * d + b] * m1[b];
            G[a * d + b] = (a == b ? ih2 : 0.0) - C[a * d + b]; /* eq. (15) */
        }
        g[a] = t; /* eq. (14) */
    }
    return 1;
}

rs_status llsfe_eval(llsfe_ws *ws, const double *xq, size_t m, double h, double *g1, double *G2,
                     size_t *n_failed, const atomic_int *cancel, rs_error *err)
{
    const size_t n = ws->n, d = ws->d, p = ws->p;
    if (!(h > 0.0) || !isfinite(h))
        return rs_error_set(err, RS_EINVAL, "llsfe_eval: bandwidth h = %g, allowed > 0", h);
    if (d > 64)
        return rs_error_set(err, RS_EINVAL, "llsfe_eval: d = %zu, allowed 1..64", d);
    size_t failed = 0;
    const double inv2h2 = 0.5 / (h * h);
    for (size_t q0 = 0; q0 < m; q0 += LLSFE_BLOCK) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed))
            return RS_ECANCELLED;
        const size_t bq = m - q0 < LLSFE_BLOCK ? m - q0 : LLSFE_BLOCK;
        for (size_t s = 0; s < bq; s++) {
            const double *x = xq + (q0 + s) * d;
            double *Ks = ws->K + s * n, dmin = INFINITY;
            for (size_t t = 0; t < n; t++) {
                double dist = 0.0;
                for (size_t a = 0; a < d; a++) {
                    const double u = ws->X[t * d + a] - x[a];
                    dist += u * u;
                }
                Ks[t] = dist;
                dmin = fmin(dmin, dist);
            }
            /* exp(-(|X_t - x|^2 - dmin) / 2h^2): the common factor cancels in (14)-(15)
             * and keeps the nearest weight at 1, so M0 never underflows to 0. */
            for (size_t t = 0; t < n; t++)
                Ks[t] = exp(-(Ks[t] - dmin) * inv2h2);
        }
        /* M = K [1 | X | X (x) X]: all moments of the block in one dgemm */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)bq, (int)p, (int)n, 1.0, ws->K,
                    (int)n, ws->D, (int)p, 0.0, ws->M, (int)p);
        for (size_t s = 0; s < bq; s++) {
            double *g = g1 + (q0 + s) * d, *G = G2 + (q0 + s) * d * d;
            if (!solve_point(ws->M + s * p, xq + (q0 + s) * d, d, h, ws->C, g, G)) {
                failed++;
                for (size_t a = 0; a < d; a++)
                    g[a] = NAN;
                for (size_t a = 0; a < d * d; a++)
                    G[a] = NAN;
            }
        }
    }
    if (n_failed)
        *n_failed = failed;
    return RS_OK;
}

/* S2 = g g^T + G (eq. 6), d x d. */
static void llsfe_s2(const double *g, const double *G, size_t d, double *S2)
{
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b < d; b++)
            S2[a * d + b] = g[a] * g[b] + G[a * d + b];
}

/* Add weight * S4 = g^4 + 6 sym(G (x) g (x) g) + 3 sym(G (x) G) + 4 sym(G3 (x) g) + G4
 * (eq. 7) into S4 (d^4 entries), so mixtures can be summed; G3 = G4 = NULL is the second
 * degree LLSFE's G3 = G4 = 0. */
static void llsfe_s4_add(const double *g, const double *G, const double *G3, const double *G4,
                         size_t d, double weight, double *S4)
{
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b < d; b++)
            for (size_t c = 0; c < d; c++)
                for (size_t e = 0; e < d; e++) {
                    const double gg = g[a] * g[b] * g[c] * g[e];
                    /* 6 sym(G g g): the 6 placements of G among the four slots */
                    const double Ggg = G[a * d + b] * g[c] * g[e] + G[a * d + c] * g[b] * g[e] +
                                       G[a * d + e] * g[b] * g[c] + G[b * d + c] * g[a] * g[e] +
                                       G[b * d + e] * g[a] * g[c] + G[c * d + e] * g[a] * g[b];
                    /* 3 sym(G G): the 3 pairings */
                    const double GG = G[a * d + b] * G[c * d + e] + G[a * d + c] * G[b * d + e] +
                                      G[a * d + e] * G[b * d + c];
                    /* 4 sym(G3 g): the 4 placements of g; then G4 itself */
                    const double G3g =
                        G3 ? G3[(b * d + c) * d + e] * g[a] + G3[(a * d + c) * d + e] * g[b] +
                                 G3[(a * d + b) * d + e] * g[c] + G3[(a * d + b) * d + c] * g[e]
                           : 0.0;
                    const double g4 = G4 ? G4[((a * d + b) * d + c) * d + e] : 0.0;
                    S4[((a * d + b) * d + c) * d + e] += weight * (gg + Ggg + GG + G3g + g4);
                }
}

rs_status llsfe_exact(int input, double m, const double *x, size_t d, double *work, double *S2,
                      double *S4, rs_error *err)
{
    if (input != INPUT_GAUSSIAN && input != INPUT_MIXTURE)
        return rs_error_set(err, RS_EINVAL, "llsfe_exact: input %d, allowed gaussian|mixture",
                            input);
    double *g = work, *G = work + d;
    for (size_t a = 0; a < d * d; a++)
        G[a] = (a % (d + 1) == 0) ? -1.0 : 0.0; /* G2 = -I for each Gaussian term */
    memset(S2, 0, d * d * sizeof(double));
    memset(S4, 0, d * d * d * d * sizeof(double));
    const size_t nc = input == INPUT_GAUSSIAN ? 1 : 2;
    double sum = 0.0;
    for (size_t a = 0; a < d; a++)
        sum += x[a];
    const double z = 2.0 * m * sum; /* posterior of the +m component, Example 2 */
    const double pp = z >= 0.0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
    for (size_t c = 0; c < nc; c++) {
        const double mc = input == INPUT_GAUSSIAN ? 0.0 : (c == 0 ? m : -m);
        const double w = input == INPUT_GAUSSIAN ? 1.0 : (c == 0 ? pp : 1.0 - pp);
        for (size_t a = 0; a < d; a++)
            g[a] = -(x[a] - mc);
        for (size_t a = 0; a < d; a++) /* grad^2 f / f = sum_c post_c ((x - m_c)(.)^T - I) */
            for (size_t b = 0; b < d; b++)
                S2[a * d + b] += w * (g[a] * g[b] + G[a * d + b]);
        llsfe_s4_add(g, G, NULL, NULL, d, w, S4);
    }
    return RS_OK;
}

rs_status llsfe_errors(int input, double m, const double *x, const double *g1, const double *G2,
                       size_t d, double *work, double *err_s2_sp, double *err_s4_f, rs_error *err)
{
    return llsfe_errors4(input, m, x, g1, G2, NULL, NULL, d, work, err_s2_sp, err_s4_f, err);
}

rs_status llsfe_errors4(int input, double m, const double *x, const double *g1, const double *G2,
                        const double *G3, const double *G4, size_t d, double *work,
                        double *err_s2_sp, double *err_s4_f, rs_error *err)
{
    const size_t d2 = d * d, d4 = d2 * d2;
    double *S4 = work, *S4h = work + d4, *S2 = S4h + d4, *S2h = S2 + d2, *ev = S2h + d2,
           *aux = ev + d;
    rs_status st = llsfe_exact(input, m, x, d, aux, S2, S4, err);
    if (st != RS_OK)
        return st;
    llsfe_s2(g1, G2, d, S2h);
    memset(S4h, 0, d4 * sizeof(double));
    llsfe_s4_add(g1, G2, G3, G4, d, 1.0, S4h);
    double f2 = 0.0;
    for (size_t a = 0; a < d4; a++)
        f2 += (S4h[a] - S4[a]) * (S4h[a] - S4[a]);
    *err_s4_f = sqrt(f2);
    for (size_t a = 0; a < d2; a++)
        S2h[a] -= S2[a];
    if (!isfinite(*err_s4_f)) {
        *err_s2_sp = NAN;
        return RS_OK;
    }
    if (LAPACKE_dsyev(LAPACK_ROW_MAJOR, 'N', 'U', (lapack_int)d, S2h, (lapack_int)d, ev) != 0)
        return rs_error_set(err, RS_ENUMERIC, "llsfe_errors: dsyev failed (d = %zu)", d);
    *err_s2_sp = fmax(fabs(ev[0]), fabs(ev[d - 1]));
    return RS_OK;
}
