/* quad_moments.c — true and estimated second and third moments of x_a = g^T Q_a g. */
#include "quad_moments.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>

#include "workspace.h"

struct quad_moments_ws {
    size_t d, n, pairs;
    int third, shifted;
    double *K;  /* d: the shift */
    double *s1; /* d: sum y */
    double *s2; /* d*d: sum y y^T (full; finish reads the upper triangle) */
    double *s3; /* pairs*d: sum over m of y_a y_b y_c, row (a<=b) */
    double *Y;  /* block x d: shifted rows */
    double *Z;  /* block x pairs: y_a y_b */
    void *block;
};

static size_t pairs_of(size_t d)
{
    return d * (d + 1) / 2;
}

/* Arrays of the accumulator: the sums K, s1, s2, s3 in one (reset and copied as one
 * run), then Y and Z. */
enum { QM_WS_ARRAYS = 3 };

/* Doubles of each array; 0 when the sizes would overflow. */
static int ws_layout(size_t d, int third, size_t s[QM_WS_ARRAYS])
{
    if (d == 0 || d > (size_t)1 << 20)
        return 0;
    const size_t P = third ? pairs_of(d) : 0;
    if (P > SIZE_MAX / 8 / (d + QUAD_MOMENTS_BLOCK))
        return 0;
    s[0] = 2 * d + d * d + P * d;
    s[1] = QUAD_MOMENTS_BLOCK * d;
    s[2] = QUAD_MOMENTS_BLOCK * P;
    return 1;
}

size_t quad_moments_bytes(size_t d, int third)
{
    size_t s[QM_WS_ARRAYS];
    const size_t b = ws_layout(d, third, s) ? workspace_bytes(s, QM_WS_ARRAYS) : 0;
    return b ? b + sizeof(quad_moments_ws) : 0;
}

quad_moments_ws *quad_moments_alloc(size_t d, int third)
{
    size_t s[QM_WS_ARRAYS];
    if (!ws_layout(d, third, s))
        return NULL;
    quad_moments_ws *w = malloc(sizeof *w);
    if (!w)
        return NULL;
    double **const slots[QM_WS_ARRAYS] = {&w->K, &w->Y, &w->Z};
    if (!(w->block = workspace_alloc(s, slots, QM_WS_ARRAYS))) {
        free(w);
        return NULL;
    }
    w->d = d;
    w->third = third != 0;
    w->pairs = w->third ? pairs_of(d) : 0;
    w->s1 = w->K + d;
    w->s2 = w->s1 + d;
    w->s3 = w->s2 + d * d;
    quad_moments_reset(w);
    return w;
}

void quad_moments_free(quad_moments_ws *w)
{
    if (!w)
        return;
    workspace_free(w->block);
    free(w);
}

void quad_moments_reset(quad_moments_ws *w)
{
    const size_t d = w->d;
    w->n = 0;
    w->shifted = 0;
    memset(w->K, 0, (2 * d + d * d + w->pairs * d) * sizeof(double));
}

void quad_moments_copy(quad_moments_ws *dst, const quad_moments_ws *src)
{
    const size_t d = src->d;
    dst->n = src->n;
    dst->shifted = src->shifted;
    memcpy(dst->K, src->K, (2 * d + d * d) * sizeof(double));
    if (dst->third && src->third)
        memcpy(dst->s3, src->s3, src->pairs * d * sizeof(double));
}

size_t quad_moments_count(const quad_moments_ws *w)
{
    return w->n;
}

/* Second moments without a Y^T Y dgemm, in one pass over X: QM_SUB shifted rows at a time go
 * to Y (row stride ds = d rounded up to 4, zero padded, so they stay in L1), then the upper
 * triangle of s2 is accumulated in tiles of 4 rows a times 4 or 8 columns b held in vector
 * registers (GCC/Clang vector extensions): acc[i][.] += y_(A+i) * y[B .. B+8). The dgemm spent
 * as long again packing Y and computed both triangles. Measured in bench_quadratic (see the
 * QUAD_MOMENTS_BLOCK note in the header). */
typedef double v4d __attribute__((vector_size(32)));
enum { QM_V = 4, QM_SUB = 128 };

/* One tile: rows A .. A+3, columns B .. B + 4 nv, over nb rows of Y; adds the entries with
 * a <= b < d to s2, and with sum the column sums to s1 (the tiles of A = 0 cover every column
 * once). nv and sum are constants after inlining, so acc lives in registers. */
static inline __attribute__((always_inline)) void s2_tile(const double *Y, size_t ds, size_t nb,
                                                          size_t A, size_t B, size_t nv, int sum,
                                                          size_t d, double *s1, double *s2,
                                                          const char **pf, const char *pf_end)
{
    v4d acc[QM_V][2], acc1[2];
    memset(acc, 0, sizeof acc);
    memset(acc1, 0, sizeof acc1);
    /* nv = 1: two rows at a time into acc[.][0] and acc[.][1], so that 8 independent chains
     * hide the FMA latency as with nv = 2; Y has an even number of (zero padded) rows */
    const size_t step = nv == 1 ? 2 : 1;
    for (size_t m = 0; m < nb; m += step) {
        if (*pf < pf_end) { /* the next rows of X stream in while we compute */
            __builtin_prefetch(*pf, 0, 2);
            *pf += 64;
        }
        const double *y = Y + m * ds;
        v4d yb[2];
        for (size_t j = 0; j < 2; j++)
            memcpy(&yb[j], nv == 1 ? y + B + j * ds : y + B + QM_V * j, sizeof yb[j]);
        if (sum)
            for (size_t j = 0; j < 2; j++)
                acc1[j] += yb[j];
        for (size_t i = 0; i < QM_V; i++)
            for (size_t j = 0; j < 2; j++) {
                const double t = nv == 1 ? y[A + i + j * ds] : y[A + i];
                const v4d ya = {t, t, t, t};
                acc[i][j] += ya * yb[j];
            }
    }
    if (nv == 1) {
        for (size_t i = 0; i < QM_V; i++)
            acc[i][0] += acc[i][1];
        acc1[0] += acc1[1];
    }
    for (size_t i = 0; i < QM_V; i++)
        for (size_t j = 0; j < nv; j++)
            for (size_t k = 0; k < QM_V; k++) {
                const size_t a = A + i, b = B + QM_V * j + k;
                if (a <= b && b < d)
                    s2[a * d + b] += acc[i][j][k];
            }
    if (sum)
        for (size_t j = 0; j < nv; j++)
            for (size_t k = 0; k < QM_V; k++)
                if (B + QM_V * j + k < d)
                    s1[B + QM_V * j + k] += acc1[j][k];
}

/* One sub-block of nb <= QM_SUB rows of X: Y = X - K (row stride ds, a multiple of 4, zero
 * padded), s1 += column sums, s2 (upper triangle) += Y^T Y. The v4 clone has 32 vector
 * registers; the others are correct, only slower. */
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) static void
s2_sub(const double *restrict X, size_t ldx, size_t nb, const double *restrict K, size_t d,
       size_t ds, double *restrict Y, double *restrict s1, double *restrict s2, const char *pf,
       const char *pf_end)
{
    for (size_t m = 0; m < nb; m++) {
        const double *x = X + m * ldx;
        double *y = Y + m * ds;
        for (size_t a = 0; a < d; a++)
            y[a] = x[a] - K[a];
        for (size_t a = d; a < ds; a++)
            y[a] = 0.0;
    }
    if (nb % 2) /* the row after an odd block, read by the nv = 1 tiles */
        memset(Y + nb * ds, 0, ds * sizeof *Y);
    for (size_t A = 0; A < ds; A += QM_V) {
        size_t B = A;
        for (; B + 2 * QM_V <= ds; B += 2 * QM_V)
            if (A == 0)
                s2_tile(Y, ds, nb, A, B, 2, 1, d, s1, s2, &pf, pf_end);
            else
                s2_tile(Y, ds, nb, A, B, 2, 0, d, s1, s2, &pf, pf_end);
        if (B < ds) {
            if (A == 0)
                s2_tile(Y, ds, nb, A, B, 1, 1, d, s1, s2, &pf, pf_end);
            else
                s2_tile(Y, ds, nb, A, B, 1, 0, d, s1, s2, &pf, pf_end);
        }
    }
}

/* Second moments only, any number of rows, QM_SUB rows at a time through s2_sub. */
static void add_s2(quad_moments_ws *w, const double *X, size_t rows, size_t ldx)
{
    const size_t d = w->d, ds = (d + QM_V - 1) / QM_V * QM_V;
    /* ds * (QM_SUB + 1) <= (d + 3) * 129 <= QUAD_MOMENTS_BLOCK * d doubles: fits in Y */
    for (size_t m0 = 0; m0 < rows; m0 += QM_SUB) {
        const size_t nb = rows - m0 < QM_SUB ? rows - m0 : QM_SUB;
        /* prefetch the next sub-block (bytes up to the end of its last row) */
        const size_t next = rows - m0 - nb < QM_SUB ? rows - m0 - nb : QM_SUB;
        const char *pf = (const char *)(X + (m0 + nb) * ldx);
        const char *pf_end = next ? pf + ((next - 1) * ldx + d) * sizeof *X : pf;
        s2_sub(X + m0 * ldx, ldx, nb, w->K, d, ds, w->Y, w->s1, w->s2, pf, pf_end);
    }
    w->n += rows;
}

/* Second and third moments of rows <= QUAD_MOMENTS_BLOCK samples (needs Y row-major). */
static void add_block(quad_moments_ws *w, const double *X, size_t rows, size_t ldx)
{
    const size_t d = w->d, P = w->pairs;
    double *restrict Y = w->Y, *restrict s1 = w->s1;
    const double *restrict K = w->K;
    for (size_t m = 0; m < rows; m++) {
        const double *restrict x = X + m * ldx;
        double *restrict y = Y + m * d;
        for (size_t a = 0; a < d; a++) {
            y[a] = x[a] - K[a];
            s1[a] += y[a];
        }
    }
    /* s2 += Y^T Y: the O(n d^2) pass, one dgemm per block. dsyrk does half the flops but
     * OpenBLAS's small-d syrk path is slower here (measured, see QUAD_MOMENTS_BLOCK) */
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)d, (int)d, (int)rows, 1.0, Y, (int)d,
                Y, (int)d, 1.0, w->s2, (int)d);
    if (w->third) {
        for (size_t m = 0; m < rows; m++) {
            const double *restrict y = Y + m * d;
            double *restrict z = w->Z + m * P;
            for (size_t a = 0; a < d; a++)
                for (size_t b = a; b < d; b++)
                    *z++ = y[a] * y[b];
        }
        /* s3 (P x d) += Z^T (P x rows) Y (rows x d): the O(n d^3 / 2) pass */
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)P, (int)d, (int)rows, 1.0, w->Z,
                    (int)P, Y, (int)d, 1.0, w->s3, (int)d);
    }
    w->n += rows;
}

void quad_moments_add(quad_moments_ws *w, const double *X, size_t rows, size_t ldx)
{
    if (rows == 0)
        return;
    if (!w->shifted) {
        /* K = mean of the first block: close enough to E x that sum y stays small */
        const size_t m1 = rows < QUAD_MOMENTS_BLOCK ? rows : QUAD_MOMENTS_BLOCK;
        for (size_t m = 0; m < m1; m++)
            for (size_t a = 0; a < w->d; a++)
                w->K[a] += X[m * ldx + a] / (double)m1;
        w->shifted = 1;
    }
    if (!w->third) {
        add_s2(w, X, rows, ldx);
        return;
    }
    for (size_t m0 = 0; m0 < rows; m0 += QUAD_MOMENTS_BLOCK) {
        const size_t b = rows - m0 < QUAD_MOMENTS_BLOCK ? rows - m0 : QUAD_MOMENTS_BLOCK;
        add_block(w, X + m0 * ldx, b, ldx);
    }
}

/* Symmetric-storage index of the pair a <= b among d coordinates (row-major over a). */
static size_t pair_index(size_t a, size_t b, size_t d)
{
    if (a > b) {
        const size_t t = a;
        a = b;
        b = t;
    }
    return a * d - a * (a - 1) / 2 + (b - a); /* rows a' < a hold d - a' pairs each */
}

/* Entry (a,b) of sum y y^T, from the upper triangle (exactly symmetric by construction). */
static double s2_at(const quad_moments_ws *w, size_t a, size_t b)
{
    return a <= b ? w->s2[a * w->d + b] : w->s2[b * w->d + a];
}

rs_status quad_moments_finish(const quad_moments_ws *w, double *mean, double *G_hat, double *T_hat,
                              rs_error *err)
{
    const size_t d = w->d, n = w->n;
    if (n < 3)
        return rs_error_set(err, RS_EINVAL, "quad_moments_finish: n = %zu samples, need >= 3", n);
    const double nn = (double)n, *s1 = w->s1;
    if (mean)
        for (size_t a = 0; a < d; a++)
            mean[a] = w->K[a] + s1[a] / nn;
    /* k_2 = n/(n-1) (S2/n - m m^T), m = S1/n; G_hat = k_2 / 2 (Cov = 2 Tr(Q_a Q_b)) */
    const double c2 = nn / (nn - 1.0) / 2.0;
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b < d; b++)
            G_hat[a * d + b] = c2 * (s2_at(w, a, b) / nn - (s1[a] / nn) * (s1[b] / nn));
    if (!T_hat || !w->third)
        return RS_OK;
    /* m_3(a,b,c) = S3/n - m_a S2(b,c)/n - m_b S2(a,c)/n - m_c S2(a,b)/n + 2 m_a m_b m_c;
     * k_3 = n^2/((n-1)(n-2)) m_3; T_hat = k_3 / 8 (kappa_3 = 8 Tr(Q_a Q_b Q_c)) */
    const double c3 = nn * nn / ((nn - 1.0) * (nn - 2.0)) / 8.0;
    for (size_t a = 0; a < d; a++)
        for (size_t b = a; b < d; b++) {
            const double *s3 = w->s3 + pair_index(a, b, d) * d;
            const double ma = s1[a] / nn, mb = s1[b] / nn, sab = s2_at(w, a, b) / nn;
            for (size_t c = 0; c < d; c++) {
                const double mc = s1[c] / nn;
                const double m3 = s3[c] / nn - ma * s2_at(w, b, c) / nn - mb * s2_at(w, a, c) / nn -
                                  mc * sab + 2.0 * ma * mb * mc;
                T_hat[(a * d + b) * d + c] = T_hat[(b * d + a) * d + c] = c3 * m3;
            }
        }
    return RS_OK;
}

size_t quad_moments_true_work(size_t d, size_t r)
{
    return r * d * r + d * r * r;
}

void quad_moments_true(const double *Q, size_t d, size_t r, double *G, double *T, double *work)
{
    const size_t rr = r * r;
    /* G = Qvec Qvec^T, Qvec = Q read as d x r^2 (row a = vec(Q_a)): Tr(Q_a Q_b) for
     * symmetric Q_b is the entrywise inner product */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)d, (int)d, (int)rr, 1.0, Q, (int)rr,
                Q, (int)rr, 0.0, G, (int)d);
    if (!T)
        return;
    double *M = work;              /* r x (d r): Q_a [Q_1 ... Q_d] */
    double *Mv = work + r * d * r; /* d x r^2: row b = vec(Q_a Q_b) */
    for (size_t a = 0; a < d; a++) {
        /* Q read as (d r) x r is [Q_1; ...; Q_d]; its transpose is [Q_1 ... Q_d] (Q_b
         * symmetric), so M = Q_a (r x r) times Q^T (r x d r) */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)r, (int)(d * r), (int)r, 1.0,
                    Q + a * rr, (int)r, Q, (int)r, 0.0, M, (int)(d * r));
        for (size_t b = 0; b < d; b++)
            for (size_t i = 0; i < r; i++)
                memcpy(Mv + b * rr + i * r, M + i * d * r + b * r, r * sizeof *M);
        /* T(a, b, c) = Tr(Q_a Q_b Q_c) = <vec(Q_a Q_b), vec(Q_c)> as Q_c is symmetric */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)d, (int)d, (int)rr, 1.0, Mv,
                    (int)rr, Q, (int)rr, 0.0, T + a * d * d, (int)d);
    }
}

void quad_moments_cosines(const double *G, size_t d, double *C)
{
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b < d; b++) {
            const double ga = G[a * d + a], gb = G[b * d + b];
            if (!(ga > 0.0 && gb > 0.0)) {
                C[a * d + b] = NAN;
                continue;
            }
            const double c = G[a * d + b] / sqrt(ga * gb);
            C[a * d + b] = c > 1.0 ? 1.0 : (c < -1.0 ? -1.0 : c);
        }
}
