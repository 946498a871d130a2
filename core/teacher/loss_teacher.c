/* loss_teacher.c — l2, G(A), L(A) with true or LLSFE scores, and their gradients
 * (seed 003, eqs. 7, 17, 19; Examples 1-2). */
#include "loss_teacher.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>

#include "gen_teacher.h"
#include "param.h"
#include "workspace.h"

enum { LOSS_BLOCK = 2048 };

/* Rows handled together by the element-wise passes: their sums over i are independent
 * chains interleaved so that the additions overlap, each summed in the one-row order (the
 * same bits as one row at a time). */
enum { LANES = 4 };

struct loss_teacher_ws {
    size_t n, d, k, blk;
    int loss;
    double ysign; /* sign(kappa*) convention, loss_teacher_set_kappa_sign */
    int squared;  /* norm penalty of eq. (21) instead of eq. (19), loss_teacher_set_penalty */
    size_t n_comp;
    double coef[GEN_TEACHER_MAX_COMP];
    double *Gm[GEN_TEACHER_MAX_COMP], *wt[GEN_TEACHER_MAX_COMP];
    const double *X, *y, *g1, *G2;
    double *Q, *R, *QW, *QH; /* blk x k */
    double *H, *S, *Stot;    /* k x k */
    double *AG, *SAG;        /* k x d (llsfe) */
    void *block;
    workspace_arena *arena; /* lender of block, or NULL */
};

/* Arrays of the workspace: Gm and wt per component, Q R QW QH, H S Stot, then AG SAG. */
enum { LOSS_WS_BASE = 2 * GEN_TEACHER_MAX_COMP + 7, LOSS_WS_ARRAYS = LOSS_WS_BASE + 2 };

/* Doubles of each array, in the order loss_teacher_ws_alloc points them (the last two
 * with llsfe only); returns how many arrays, 0 when a product would overflow. */
static size_t ws_layout(size_t n, size_t d, size_t k, int with_llsfe, size_t blk,
                        size_t s[LOSS_WS_ARRAYS])
{
    const size_t nd = rs_mul_size(n, d, 1), bk = rs_mul_size(blk, k, 1), kk = rs_mul_size(k, k, 1);
    if (!nd || !bk || !kk || nd > SIZE_MAX / 8)
        return 0;
    size_t i = 0;
    for (size_t c = 0; c < GEN_TEACHER_MAX_COMP; c++) /* Gm[c], wt[c] */
        s[i++] = nd, s[i++] = n;
    for (size_t j = 0; j < 4; j++) /* Q, R, QW, QH */
        s[i++] = bk;
    for (size_t j = 0; j < 3; j++) /* H, S, Stot */
        s[i++] = kk;
    s[i++] = k * d; /* AG */
    s[i] = k * d;   /* SAG */
    return with_llsfe ? LOSS_WS_ARRAYS : LOSS_WS_BASE;
}

size_t loss_teacher_ws_bytes(size_t n, size_t d, size_t k, int with_llsfe)
{
    const size_t blk = n < LOSS_BLOCK ? n : LOSS_BLOCK;
    size_t s[LOSS_WS_ARRAYS];
    return workspace_bytes(s, ws_layout(n, d, k, with_llsfe, blk, s));
}

loss_teacher_ws *loss_teacher_ws_alloc(size_t n, size_t d, size_t k, int with_llsfe)
{
    return loss_teacher_ws_take(n, d, k, with_llsfe, NULL, 0);
}

loss_teacher_ws *loss_teacher_ws_take(size_t n, size_t d, size_t k, int with_llsfe,
                                      workspace_arena *arena, size_t slot)
{
    if (n == 0 || d == 0 || k == 0)
        return NULL;
    const size_t blk = n < LOSS_BLOCK ? n : LOSS_BLOCK;
    size_t s[LOSS_WS_ARRAYS];
    const size_t arrays = ws_layout(n, d, k, with_llsfe, blk, s);
    loss_teacher_ws *ws = calloc(1, sizeof *ws);
    if (!ws || !arrays) {
        free(ws);
        return NULL;
    }
    double **slots[LOSS_WS_ARRAYS];
    size_t i = 0;
    for (size_t c = 0; c < GEN_TEACHER_MAX_COMP; c++)
        slots[i++] = &ws->Gm[c], slots[i++] = &ws->wt[c];
    double **const rest[] = {&ws->Q, &ws->R,    &ws->QW, &ws->QH, &ws->H,
                             &ws->S, &ws->Stot, &ws->AG, &ws->SAG};
    for (size_t j = 0; j < sizeof rest / sizeof rest[0]; j++)
        slots[i++] = rest[j];
    if (!(ws->block = workspace_take(arena, slot, s, slots, arrays))) {
        free(ws);
        return NULL;
    }
    ws->arena = arena;
    ws->n = n, ws->d = d, ws->k = k, ws->blk = blk, ws->loss = -1;
    ws->ysign = LOSS_TEACHER_KAPPA_SIGN;
    return ws;
}

void loss_teacher_ws_free(loss_teacher_ws *ws)
{
    if (!ws)
        return;
    workspace_put(ws->arena, ws->block);
    free(ws);
}

rs_status loss_teacher_bind(loss_teacher_ws *ws, int loss, int input, double m, const double *X,
                            const double *y, const double *g1, const double *G2, rs_error *err)
{
    if (loss < METHOD_L2 || loss > METHOD_LLSFE)
        return rs_error_set(err, RS_EINVAL,
                            "loss_teacher_bind: loss = %d, allowed l2|ge|score|llsfe", loss);
    if (loss == METHOD_LLSFE && (!g1 || !G2 || !ws->AG))
        return rs_error_set(err, RS_EINVAL,
                            "loss_teacher_bind: llsfe needs g1, G2 and a workspace with_llsfe");
    ws->loss = loss, ws->X = X, ws->y = y, ws->g1 = g1, ws->G2 = G2;
    if (loss == METHOD_GE || loss == METHOD_SCORE)
        gen_teacher_score(input, m, loss == METHOD_GE, X, ws->n, ws->d, ws->Gm, ws->wt, ws->coef,
                          &ws->n_comp);
    return RS_OK;
}

void loss_teacher_set_penalty(loss_teacher_ws *ws, int squared)
{
    ws->squared = squared != 0;
}

void loss_teacher_set_kappa_sign(loss_teacher_ws *ws, int kappa_sign)
{
    /* L is built on sign(kappa*) y so that its kappa*_i enter eq. (21) as |kappa*_i|; with
     * kappa* = 0 there is no sign to take and the ReLU default stays */
    ws->ysign = kappa_sign > 0 ? 1.0 : LOSS_TEACHER_KAPPA_SIGN;
}

double loss_teacher_t(const double *g, const double *G, const double *u, const double *v, size_t d)
{
    double q = 0.0, p = 0.0, Guu = 0.0, Gvv = 0.0, Guv = 0.0;
    for (size_t a = 0; a < d; a++) {
        q += g[a] * u[a];
        p += g[a] * v[a];
        for (size_t b = 0; b < d; b++) {
            Guu += u[a] * G[a * d + b] * u[b];
            Gvv += v[a] * G[a * d + b] * v[b];
            Guv += u[a] * G[a * d + b] * v[b];
        }
    }
    return q * q * p * p + Guu * p * p + Gvv * q * q + 4.0 * Guv * q * p + Guu * Gvv +
           2.0 * Guv * Guv;
}

/* The sample-independent invariants of H = A G A^T: trace, sum of squared diagonal
 * entries, squared Frobenius norm (computed once per H, not per sample). */
typedef struct {
    double T, h2, Hn2;
} h_stats;

/* Inlined into the sized copies of the llsfe pass (ALWAYS_INLINE: eval_llsfe). */
#define ALWAYS_INLINE inline __attribute__((always_inline))

static ALWAYS_INLINE h_stats h_stats_of(const double *H, size_t k)
{
    h_stats hs = {0.0, 0.0, 0.0};
    for (size_t i = 0; i < k; i++) {
        hs.T += H[i * k + i];
        hs.h2 += H[i * k + i] * H[i * k + i];
    }
    for (size_t i = 0; i < k * k; i++)
        hs.Hn2 += H[i] * H[i];
    return hs;
}

/* F = sum_{i != j} T(a_i, a_i, a_j, a_j) - mu sum_i T(a_i, a_i, a_i, a_i) for one sample
 * (projections q, k; H = A G A^T with invariants hs; QH = H q), its q-gradient r, and the
 * symmetric H-gradient added into S with weight w (when S is non-NULL). O(k) without S. */
static ALWAYS_INLINE double tensor_terms(const double *q, const double *QH, const double *H,
                                         h_stats hs, size_t k, double mu, double *r, double w,
                                         double *S)
{
    const double T = hs.T;
    double Q2 = 0.0, Q4 = 0.0, hq2 = 0.0, qHq = 0.0;
    for (size_t i = 0; i < k; i++) {
        const double q2 = q[i] * q[i], h = H[i * k + i];
        Q2 += q2, Q4 += q2 * q2, hq2 += h * q2, qHq += q[i] * QH[i];
    }
    /* eq. (7) summed over i != j, then the mu-weighted i = j terms (t2 of eq. 20) */
    const double F = Q2 * Q2 - Q4 + 2.0 * (T * Q2 - hq2) + 4.0 * (qHq - hq2) + T * T - hs.h2 +
                     2.0 * hs.Hn2 - 2.0 * hs.h2 - mu * (Q4 + 6.0 * hq2 + 3.0 * hs.h2);
    for (size_t i = 0; i < k; i++) {
        const double h = H[i * k + i], qi = q[i];
        r[i] = 4.0 * Q2 * qi - 4.0 * qi * qi * qi + 4.0 * T * qi - 12.0 * h * qi + 8.0 * QH[i] -
               mu * (4.0 * qi * qi * qi + 12.0 * h * qi);
    }
    if (S) {
        for (size_t i = 0; i < k; i++) {
            for (size_t j = 0; j < k; j++)
                S[i * k + j] += w * (4.0 * q[i] * q[j] + 4.0 * H[i * k + j]);
            const double h = H[i * k + i];
            S[i * k + i] += w * (2.0 * Q2 + 2.0 * T - (6.0 + 6.0 * mu) * (q[i] * q[i] + h));
        }
    }
    return F;
}

/* tensor_terms without S for `lanes` rows of Q and QH at once (F[l], R row l): the same
 * expressions in the same order, the sums over i of the rows interleaved (LANES). */
static void tensor_lanes(const double *Q, const double *QH, const double *H, h_stats hs, size_t k,
                         double mu, size_t lanes, double *F, double *R)
{
    const double T = hs.T;
    double Q2[LANES] = {0}, Q4[LANES] = {0}, hq2[LANES] = {0}, qHq[LANES] = {0};
    for (size_t i = 0; i < k; i++) {
        const double h = H[i * k + i];
        for (size_t l = 0; l < lanes; l++) {
            const double q = Q[l * k + i], q2 = q * q;
            Q2[l] += q2, Q4[l] += q2 * q2, hq2[l] += h * q2, qHq[l] += q * QH[l * k + i];
        }
    }
    for (size_t l = 0; l < lanes; l++) {
        F[l] = Q2[l] * Q2[l] - Q4[l] + 2.0 * (T * Q2[l] - hq2[l]) + 4.0 * (qHq[l] - hq2[l]) +
               T * T - hs.h2 + 2.0 * hs.Hn2 - 2.0 * hs.h2 -
               mu * (Q4[l] + 6.0 * hq2[l] + 3.0 * hs.h2);
        const double *q = Q + l * k, *qh = QH + l * k;
        double *r = R + l * k;
        for (size_t i = 0; i < k; i++) {
            const double h = H[i * k + i], qi = q[i];
            r[i] = 4.0 * Q2[l] * qi - 4.0 * qi * qi * qi + 4.0 * T * qi - 12.0 * h * qi +
                   8.0 * qh[i] - mu * (4.0 * qi * qi * qi + 12.0 * h * qi);
        }
    }
}

/* The per-row pass of a component over bb rows: the loss into *acc, R = w r, QW = w q;
 * returns sum_s w_s. */
static double component_rows(loss_teacher_ws *ws, size_t c, size_t s0, size_t bb, h_stats hs,
                             double mu, double scale, double *acc)
{
    const size_t k = ws->k;
    double wsum = 0.0;
    for (size_t s = 0; s < bb; s += LANES) {
        const size_t lanes = bb - s < LANES ? bb - s : LANES;
        double F[LANES];
        tensor_lanes(ws->Q + s * k, ws->QH + s * k, ws->H, hs, k, mu, lanes, F, ws->R + s * k);
        for (size_t l = 0; l < lanes; l++) {
            const double w = scale * ws->y[s0 + s + l] * ws->wt[c][s0 + s + l];
            const double *q = ws->Q + (s + l) * k;
            *acc += w * F[l];
            for (size_t i = 0; i < k; i++) {
                ws->R[(s + l) * k + i] *= w;
                ws->QW[(s + l) * k + i] = w * q[i];
            }
            wsum += w;
        }
    }
    return wsum;
}

/* S += the diagonal terms diag(2 Q2w - (6 + 6 mu) qw q) of bb rows, rows in order. */
static void component_diag(loss_teacher_ws *ws, size_t bb, double mu)
{
    const size_t k = ws->k;
    for (size_t s = 0; s < bb; s += LANES) {
        const size_t lanes = bb - s < LANES ? bb - s : LANES;
        const double *q = ws->Q + s * k, *qw = ws->QW + s * k;
        double Q2w[LANES] = {0};
        for (size_t i = 0; i < k; i++)
            for (size_t l = 0; l < lanes; l++)
                Q2w[l] += qw[l * k + i] * q[l * k + i];
        for (size_t l = 0; l < lanes; l++)
            for (size_t i = 0; i < k; i++)
                ws->S[i * k + i] += 2.0 * Q2w[l] - (6.0 + 6.0 * mu) * qw[l * k + i] * q[l * k + i];
    }
}

/* One scalar-G component c over rows s0..s0+b-1; adds into *acc and grad. */
static void eval_component(loss_teacher_ws *ws, size_t c, const double *A, size_t s0, size_t b,
                           double mu, double scale, double *acc, double *grad)
{
    const size_t d = ws->d, k = ws->k;
    const double cf = ws->coef[c];
    /* H = c A A^T, the same for every sample */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)k, (int)k, (int)d, cf, A, (int)d, A,
                (int)d, 0.0, ws->H, (int)k);
    memset(ws->S, 0, k * k * sizeof(double));
    const h_stats hs = h_stats_of(ws->H, k);
    for (size_t o = 0; o < b; o += ws->blk) {
        const size_t bb = b - o < ws->blk ? b - o : ws->blk;
        const double *Gb = ws->Gm[c] + (s0 + o) * d;
        /* Q = Gm A^T: q_i = <g_s, a_i> for the block (one dgemm) */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)bb, (int)k, (int)d, 1.0, Gb,
                    (int)d, A, (int)d, 0.0, ws->Q, (int)k);
        if (cf != 0.0)
            cblas_dsymm(CblasRowMajor, CblasRight, CblasUpper, (int)bb, (int)k, 1.0, ws->H, (int)k,
                        ws->Q, (int)k, 0.0, ws->QH, (int)k);
        else
            memset(ws->QH, 0, bb * k * sizeof(double));
        const double wsum = component_rows(ws, c, s0 + o, bb, hs, mu, scale, acc);
        if (!grad)
            continue;
        /* grad += R^T Gm (the q-path of the chain rule) */
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)k, (int)d, (int)bb, 1.0, ws->R,
                    (int)k, Gb, (int)d, 1.0, grad, (int)d);
        if (cf == 0.0)
            continue;
        /* S += sum_s w_s (4 q q^T + diag(2 Q2 - (6 + 6 mu) q^2)) + (sum w)(4 H + ...) */
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)k, (int)k, (int)bb, 4.0, ws->QW,
                    (int)k, ws->Q, (int)k, 1.0, ws->S, (int)k);
        component_diag(ws, bb, mu);
        const double T = hs.T;
        for (size_t i = 0; i < k; i++) {
            for (size_t j = 0; j < k; j++)
                ws->S[i * k + j] += wsum * 4.0 * ws->H[i * k + j];
            ws->S[i * k + i] += wsum * (2.0 * T - (6.0 + 6.0 * mu) * ws->H[i * k + i]);
        }
    }
    /* dH = c (dA A^T + A dA^T): grad += 2 c S A */
    if (grad && cf != 0.0)
        cblas_dsymm(CblasRowMajor, CblasLeft, CblasUpper, (int)k, (int)d, 2.0 * cf, ws->S, (int)k,
                    A, (int)d, 1.0, grad, (int)d);
}

/* The llsfe loss: per-sample G_s = G2_hat(x_s), so H_s = A G_s A^T is formed per sample
 * with plain loops (k x d x d work; the loss is meant for small d, see llsfe.h). Inlined
 * with d and k as constants by eval_llsfe, so the loops of the common small sizes unroll;
 * the operations and their order are the same, hence the same bits. */
/* The per-sample scratch of llsfe_rows: the workspace's arrays, or small local arrays that
 * the compiler keeps in registers (A copied there too, out of grad's reach). */
typedef struct {
    const double *A;
    double *q, *QH, *r, *AG, *H, *S;
} llsfe_scratch;

static ALWAYS_INLINE void llsfe_rows(loss_teacher_ws *ws, llsfe_scratch sc, size_t s0, size_t b,
                                     double mu, double scale, double *acc, double *grad,
                                     const size_t d, const size_t k)
{
    const double *A = sc.A;
    double *q = sc.q, *QH = sc.QH, *r = sc.r;
    double sum = *acc; /* the same additions in the same order, kept in a register */
    for (size_t s = s0; s < s0 + b; s++) {
        const double *g = ws->g1 + s * d, *G = ws->G2 + s * d * d;
        const double w = scale * ws->y[s];
        for (size_t i = 0; i < k; i++) { /* q = A g, AG = A G */
            q[i] = 0.0;
            for (size_t l = 0; l < d; l++) {
                q[i] += A[i * d + l] * g[l];
                double t = 0.0;
                for (size_t m = 0; m < d; m++)
                    t += A[i * d + m] * G[m * d + l];
                sc.AG[i * d + l] = t;
            }
        }
        for (size_t i = 0; i < k; i++) /* H = (A G) A^T */
            for (size_t j = 0; j < k; j++) {
                double t = 0.0;
                for (size_t l = 0; l < d; l++)
                    t += sc.AG[i * d + l] * A[j * d + l];
                sc.H[i * k + j] = t;
            }
        for (size_t i = 0; i < k; i++) {
            QH[i] = 0.0;
            for (size_t j = 0; j < k; j++)
                QH[i] += sc.H[i * k + j] * q[j];
        }
        memset(sc.S, 0, k * k * sizeof(double));
        sum += w * tensor_terms(q, QH, sc.H, h_stats_of(sc.H, k), k, mu, r, w, sc.S);
        if (!grad)
            continue;
        for (size_t i = 0; i < k; i++) /* grad += w r g^T + 2 S (A G) (G symmetric) */
            for (size_t l = 0; l < d; l++) {
                double t = 0.0;
                for (size_t j = 0; j < k; j++)
                    t += sc.S[i * k + j] * sc.AG[j * d + l];
                grad[i * d + l] += w * r[i] * g[l] + 2.0 * t;
            }
    }
    *acc = sum;
}

/* llsfe_rows with the sizes of the LLSFE presets as constants (d = k = 2, the paper's
 * Figure 4, where these per-sample loops took three quarters of the run time), else
 * generic. */
static void eval_llsfe(loss_teacher_ws *ws, const double *A, size_t s0, size_t b, double mu,
                       double scale, double *acc, double *grad)
{
    if (ws->d == 2 && ws->k == 2) {
        double Al[4] = {A[0], A[1], A[2], A[3]}, q[2], QH[2], r[2], AG[4], H[4], S[4];
        llsfe_rows(ws, (llsfe_scratch){Al, q, QH, r, AG, H, S}, s0, b, mu, scale, acc, grad, 2, 2);
    } else {
        const llsfe_scratch sc = {A, ws->Q, ws->QH, ws->R, ws->AG, ws->H, ws->S};
        llsfe_rows(ws, sc, s0, b, mu, scale, acc, grad, ws->d, ws->k);
    }
}

/* The residuals of rows Q[0..lanes-1] (k projections each): e_s = sum_i ReLU(q_si) - y_s,
 * summed over i in order, and R = 1[q > 0] 2 e_s / b (d/dp ReLU(p) = 1[p > 0]); ReLU as a
 * compare and select, no libm call. */
static void l2_rows(const double *Q, const double *y, size_t lanes, size_t k, double inv_b,
                    double *acc, double *R)
{
    double yhat[LANES] = {0.0, 0.0, 0.0, 0.0};
    for (size_t i = 0; i < k; i++)
        for (size_t l = 0; l < lanes; l++) {
            const double q = Q[l * k + i];
            yhat[l] += q > 0.0 ? q : 0.0;
        }
    for (size_t l = 0; l < lanes; l++) {
        const double e = yhat[l] - y[l];
        *acc += inv_b * e * e;
        const double g = 2.0 * inv_b * e;
        for (size_t i = 0; i < k; i++)
            R[l * k + i] = Q[l * k + i] > 0.0 ? g : 0.0;
    }
}

/* l2 of eq. (17) with unit second layer over rows s0..s0+b-1. */
static void eval_l2(loss_teacher_ws *ws, const double *A, size_t s0, size_t b, double *acc,
                    double *grad)
{
    const size_t d = ws->d, k = ws->k;
    const double inv_b = 1.0 / (double)b;
    for (size_t o = 0; o < b; o += ws->blk) {
        const size_t bb = b - o < ws->blk ? b - o : ws->blk;
        const double *Xb = ws->X + (s0 + o) * d;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)bb, (int)k, (int)d, 1.0, Xb,
                    (int)d, A, (int)d, 0.0, ws->Q, (int)k);
        for (size_t s = 0; s < bb; s += LANES) {
            const size_t lanes = bb - s < LANES ? bb - s : LANES;
            l2_rows(ws->Q + s * k, ws->y + s0 + o + s, lanes, k, inv_b, acc, ws->R + s * k);
        }
        if (grad)
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)k, (int)d, (int)bb, 1.0,
                        ws->R, (int)k, Xb, (int)d, 1.0, grad, (int)d);
    }
}

rs_status loss_teacher_eval(loss_teacher_ws *ws, const double *A, size_t s0, size_t b, double mu,
                            double lambda, double *loss, double *grad, rs_error *err)
{
    if (ws->loss < 0)
        return rs_error_set(err, RS_EINVAL, "loss_teacher_eval: no data bound");
    if (b == 0 || s0 > ws->n || b > ws->n - s0)
        return rs_error_set(err, RS_EINVAL, "loss_teacher_eval: rows %zu..%zu outside 0..%zu", s0,
                            s0 + b, ws->n);
    const size_t d = ws->d, k = ws->k;
    if (grad)
        memset(grad, 0, k * d * sizeof(double));
    double acc = 0.0;
    const double scale = ws->ysign / (double)b;
    if (ws->loss == METHOD_L2) {
        eval_l2(ws, A, s0, b, &acc, grad);
        *loss = acc;
        return RS_OK; /* eq. (17) has no regulariser */
    }
    if (ws->loss == METHOD_LLSFE)
        eval_llsfe(ws, A, s0, b, mu, scale, &acc, grad);
    else
        for (size_t c = 0; c < ws->n_comp; c++)
            eval_component(ws, c, A, s0, b, mu, scale, &acc, grad);
    for (size_t i = 0; i < k; i++) {
        const double nrm = cblas_dnrm2((int)d, A + i * d, 1);
        if (ws->squared) { /* lambda sum_i (|a_i|^2 - 1)^2, eq. (21) */
            const double t = nrm * nrm - 1.0;
            acc += lambda * t * t;
            if (grad)
                cblas_daxpy((int)d, 4.0 * lambda * t, A + i * d, 1, grad + i * d, 1);
            continue;
        }
        acc += lambda * (nrm - 1.0) * (nrm - 1.0); /* lambda sum_i (|a_i| - 1)^2, eq. (19) */
        if (grad && nrm > 0.0)
            cblas_daxpy((int)d, 2.0 * lambda * (nrm - 1.0) / nrm, A + i * d, 1, grad + i * d, 1);
    }
    *loss = acc;
    return RS_OK;
}
