/* gen_relu.c — ground truth and samples of the one-layer ReLU model (Wu, Dimakis, Sanghavi 2019).
 */
#include "gen_relu.h"

#include <immintrin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* GSL's CBLAS prototypes (the standard API); the symbols resolve to OpenBLAS because
 * libgslcblas is never linked. OpenBLAS's own cblas.h would clash with gsl_linalg.h. */
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <lapacke.h>

#include "rng_normals.h"

/* Q (d x k, row-major, into W): the first k columns of the Q factor of the Householder
 * QR of G (d x k, row-major, in W on entry), by GSL's unblocked QR and a d x d Q. */
static rs_status q_gsl(size_t d, size_t k, double *W, rs_error *err)
{
    gsl_matrix *G = gsl_matrix_alloc(d, k);
    gsl_vector *tau = gsl_vector_alloc(k);
    gsl_matrix *Q = gsl_matrix_alloc(d, d);
    gsl_matrix *R = gsl_matrix_alloc(d, k);
    rs_status st = RS_OK;
    if (!G || !tau || !Q || !R)
        st = rs_error_set(err, RS_ENOMEM, "gen_relu_truth: d = %zu too large", d);
    else {
        memcpy(G->data, W, d * k * sizeof *W);
        if (gsl_linalg_QR_decomp(G, tau) || gsl_linalg_QR_unpack(G, tau, Q, R))
            st = rs_error_set(err, RS_ENUMERIC, "gen_relu_truth: QR of a %zux%zu Gaussian failed",
                              d, k);
        for (size_t i = 0; st == RS_OK && i < d; i++)
            for (size_t j = 0; j < k; j++)
                W[i * k + j] = gsl_matrix_get(Q, i, j);
    }
    gsl_matrix_free(G);
    gsl_vector_free(tau);
    gsl_matrix_free(Q);
    gsl_matrix_free(R);
    return st;
}

/* The same Q by LAPACK's blocked QR (dgeqrf) and only its d x k factor (dorgqr): O(d k^2)
 * flops through BLAS 3, where q_gsl's d x d Q costs O(d^3) unblocked (minutes at d = 2000).
 * Both use Householder reflectors with beta = -sign(alpha) ||x||, so the factors agree up
 * to rounding. */
static rs_status q_lapack(size_t d, size_t k, double *W, rs_error *err)
{
    double *tau = malloc(k * sizeof *tau);
    if (!tau)
        return rs_error_set(err, RS_ENOMEM, "gen_relu_truth: d = %zu too large", d);
    lapack_int info =
        LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, (lapack_int)d, (lapack_int)k, W, (lapack_int)k, tau);
    if (info == 0)
        info = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, (lapack_int)d, (lapack_int)k, (lapack_int)k, W,
                              (lapack_int)k, tau);
    free(tau);
    return info == 0 ? RS_OK
                     : rs_error_set(err, RS_ENUMERIC,
                                    "gen_relu_truth: LAPACK QR of a %zux%zu Gaussian: info %d", d,
                                    k, (int)info);
}

rs_status gen_relu_truth(size_t d, size_t k, double kappa, int bias_mode, double bias_scale,
                         gsl_rng *r, double *W, double *b, rs_error *err)
{
    if (d == 0 || k == 0 || k > d)
        return rs_error_set(err, RS_EINVAL, "gen_relu_truth: k = %zu must be in 1..d = %zu", k, d);
    if (!(kappa >= 1.0) || !isfinite(kappa))
        return rs_error_set(err, RS_EINVAL, "gen_relu_truth: kappa = %g must be >= 1", kappa);
    for (size_t i = 0; i < d * k; i++) /* G, row-major, then Q in place */
        W[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
    const rs_status st = d > GEN_RELU_LAPACK_D ? q_lapack(d, k, W, err) : q_gsl(d, k, W, err);
    if (st != RS_OK)
        return st;
    /* s_j = lambda0^{-(j-1)} with lambda0^2 = kappa^{1/(k-1)}: eigenvalues of W W^T are
     * s_j^2 = kappa^{-(j-1)/(k-1)}, from 1 down to 1/kappa. */
    const double log_lambda0 = k > 1 ? 0.5 * log(kappa) / (double)(k - 1) : 0.0;
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < k; j++)
            W[i * k + j] *= exp(-(double)j * log_lambda0); /* U(i,j) s_j */

    for (size_t i = 0; i < d; i++) {
        switch (bias_mode) {
        case 0:
            b[i] = fmax(0.0, bias_scale * gsl_ran_gaussian_ziggurat(r, 1.0));
            break;
        case 1:
            b[i] = bias_scale * gsl_ran_gaussian_ziggurat(r, 1.0);
            break;
        case 2:
            b[i] = 0.0;
            break;
        default:
            b[i] = bias_scale;
            break;
        }
    }
    return RS_OK;
}

void gen_relu_block(const double *W, const double *b, size_t d, size_t k, size_t rows, gsl_rng *r,
                    double *Xb, double *zbuf, gen_relu_stats *st)
{
    gen_relu_block_z(k, rows, r, zbuf);
    gen_relu_block_x(W, b, d, k, rows, zbuf, Xb, st);
}

void gen_relu_block_z(size_t k, size_t rows, gsl_rng *r, double *zbuf)
{
    rng_normals_fill(r, zbuf, rows * k);
}

/* Bias, branch-free ReLU and the statistics in one pass over the block's rows. Written
 * as a comparison, not fmax: without -ffinite-math-only fmax is an out-of-line libm call
 * per element, while `v > 0 ? v : 0` is one maxsd (v is never NaN here; both give +0 for
 * v = +0). The portable loop; relu_rows_avx2 below gives the same bits. */
static void relu_rows_portable(double *Xb, const double *b, size_t d, size_t rows,
                               gen_relu_stats *st)
{
    for (size_t m = 0; m < rows; m++) {
        double *restrict x = Xb + m * d;
        for (size_t i = 0; i < d; i++) {
            const double v = x[i] + b[i];
            x[i] = v > 0.0 ? v : 0.0;
        }
        if (!st)
            continue;
        double *restrict count = st->count, *restrict sum = st->sum, *restrict sumsq = st->sumsq;
        for (size_t i = 0; i < d; i++) {
            count[i] += (double)(x[i] > 0.0);
            sum[i] += x[i];
            sumsq[i] += x[i] * x[i];
        }
    }
}

/* The AVX2 ReLU pass: four columns at a time along each row, the row's last d mod 4
 * columns one by one. Plain (unmasked) stores only: a masked store reaching into the next
 * row stalls that row's loads until it retires. Same bits: maxpd(v, 0) is `v > 0 ? v : 0`. */
__attribute__((target("avx2"))) static void relu_only_avx2(double *Xb, const double *b, size_t d,
                                                           size_t rows)
{
    const size_t d4 = d & ~(size_t)3;
    const __m256d zero = _mm256_setzero_pd();
    for (size_t m = 0; m < rows; m++) {
        double *x = Xb + m * d;
        size_t i = 0;
        for (; i < d4; i += 4) {
            const __m256d v = _mm256_add_pd(_mm256_loadu_pd(x + i), _mm256_loadu_pd(b + i));
            _mm256_storeu_pd(x + i, _mm256_max_pd(v, zero));
        }
        for (; i < d; i++) {
            const double v = x[i] + b[i];
            x[i] = v > 0.0 ? v : 0.0;
        }
    }
}

/* The statistics of eight columns down all rows, the sums in registers (the portable row
 * loop keeps every sum in memory: a store and a reload per entry). Each column still adds
 * its rows in order by the same operations (the count adds 1.0 or 0.0; y*y then +, no FMA
 * in this target), so the sums are the same bits. Loads only, masked past column d. */
__attribute__((target("avx2"))) static void stats_cols8_avx2(const double *Xb, size_t d,
                                                             size_t rows, size_t i0, size_t cols,
                                                             gen_relu_stats *st)
{
    const __m256i lane = _mm256_setr_epi64x(0, 1, 2, 3);
    const __m256i keep0 = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)cols), lane);
    const __m256i keep1 = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)cols - 4), lane);
    const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
    __m256d cnt0 = _mm256_maskload_pd(st->count + i0, keep0);
    __m256d sum0 = _mm256_maskload_pd(st->sum + i0, keep0);
    __m256d sq0 = _mm256_maskload_pd(st->sumsq + i0, keep0);
    __m256d cnt1 = _mm256_maskload_pd(st->count + i0 + 4, keep1);
    __m256d sum1 = _mm256_maskload_pd(st->sum + i0 + 4, keep1);
    __m256d sq1 = _mm256_maskload_pd(st->sumsq + i0 + 4, keep1);
    for (size_t m = 0; m < rows; m++) {
        const double *x = Xb + m * d + i0;
        const __m256d y0 = _mm256_maskload_pd(x, keep0), y1 = _mm256_maskload_pd(x + 4, keep1);
        cnt0 = _mm256_add_pd(cnt0, _mm256_and_pd(_mm256_cmp_pd(y0, zero, _CMP_GT_OQ), one));
        cnt1 = _mm256_add_pd(cnt1, _mm256_and_pd(_mm256_cmp_pd(y1, zero, _CMP_GT_OQ), one));
        sum0 = _mm256_add_pd(sum0, y0);
        sum1 = _mm256_add_pd(sum1, y1);
        sq0 = _mm256_add_pd(sq0, _mm256_mul_pd(y0, y0));
        sq1 = _mm256_add_pd(sq1, _mm256_mul_pd(y1, y1));
    }
    _mm256_maskstore_pd(st->count + i0, keep0, cnt0);
    _mm256_maskstore_pd(st->sum + i0, keep0, sum0);
    _mm256_maskstore_pd(st->sumsq + i0, keep0, sq0);
    _mm256_maskstore_pd(st->count + i0 + 4, keep1, cnt1);
    _mm256_maskstore_pd(st->sum + i0 + 4, keep1, sum1);
    _mm256_maskstore_pd(st->sumsq + i0 + 4, keep1, sq1);
}

__attribute__((target("avx2"))) static void relu_rows_avx2(double *Xb, const double *b, size_t d,
                                                           size_t rows, gen_relu_stats *st)
{
    relu_only_avx2(Xb, b, d, rows);
    for (size_t i0 = 0; st && i0 < d; i0 += 8)
        stats_cols8_avx2(Xb, d, rows, i0, d - i0 < 8 ? d - i0 : 8, st);
}

static void relu_rows(double *Xb, const double *b, size_t d, size_t rows, gen_relu_stats *st)
{
    if (__builtin_cpu_supports("avx2"))
        relu_rows_avx2(Xb, b, d, rows, st);
    else
        relu_rows_portable(Xb, b, d, rows, st);
}

/* For the test: the portable ReLU pass whatever the CPU. */
void gen_relu_rows_portable(double *Xb, const double *b, size_t d, size_t rows, gen_relu_stats *st)
{
    relu_rows_portable(Xb, b, d, rows, st);
}

/* For the test: the pass the CPU selects. */
void gen_relu_rows(double *Xb, const double *b, size_t d, size_t rows, gen_relu_stats *st)
{
    relu_rows(Xb, b, d, rows, st);
}

void gen_relu_block_x(const double *W, const double *b, size_t d, size_t k, size_t rows,
                      const double *zbuf, double *Xb, gen_relu_stats *st)
{
    /* X_block (rows x d) = Z (rows x k) W^T (k x d), by a dgemm per GEN_RELU_SUBROWS rows
     * so that its output is still in cache when relu_rows reads it. The bias is added by
     * relu_rows, not by copying b into every row for beta = 1 (a small memcpy per row cost
     * more than the ReLU). The same bits: both give round((Z W^T)_mi + b_i). */
    for (size_t m0 = 0; m0 < rows; m0 += GEN_RELU_SUBROWS) {
        const size_t r = rows - m0 < GEN_RELU_SUBROWS ? rows - m0 : GEN_RELU_SUBROWS;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)r, (int)d, (int)k, 1.0,
                    zbuf + m0 * k, (int)k, W, (int)k, 0.0, Xb + m0 * d, (int)d);
        relu_rows(Xb + m0 * d, b, d, r, st);
    }
}

void gen_relu_stats_zero(gen_relu_stats *st, size_t d)
{
    for (size_t i = 0; i < d; i++)
        st->count[i] = st->sum[i] = st->sumsq[i] = 0.0;
}

rs_status gen_relu_sample(const double *W, const double *b, size_t d, size_t k, size_t n,
                          gsl_rng *r, double *X, double *zbuf, gen_relu_stats *st,
                          const atomic_int *cancel, rs_error *err)
{
    if (st)
        gen_relu_stats_zero(st, d);
    for (size_t m0 = 0; m0 < n; m0 += GEN_RELU_BLOCK) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed))
            return rs_error_set(err, RS_ECANCELLED, "gen_relu_sample: cancelled");
        const size_t rows = n - m0 < GEN_RELU_BLOCK ? n - m0 : GEN_RELU_BLOCK;
        gen_relu_block(W, b, d, k, rows, r, X + m0 * d, zbuf, st);
    }
    return RS_OK;
}

void gen_relu_angles(const double *W, size_t d, size_t k, double *theta)
{
    for (size_t i = 0; i < d; i++) {
        const double ni = cblas_dnrm2((int)k, W + i * k, 1);
        for (size_t j = 0; j < d; j++) {
            const double nj = cblas_dnrm2((int)k, W + j * k, 1);
            double c = cblas_ddot((int)k, W + i * k, 1, W + j * k, 1) / (ni * nj);
            c = c > 1.0 ? 1.0 : (c < -1.0 ? -1.0 : c); /* rounding can leave |c| = 1 + ulp */
            theta[i * d + j] = i == j ? 0.0 : acos(c);
        }
    }
}
