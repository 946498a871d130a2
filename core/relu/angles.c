/* angles.c — eq. (14) pair counts by bit-packed popcount or dsyrk, and Sigma_hat. */
#include "angles.h"

#include <immintrin.h>
#include <math.h>
#include <string.h>

/* GSL's CBLAS prototypes (the standard API); the symbols resolve to OpenBLAS because
 * libgslcblas is never linked. OpenBLAS's own cblas.h would clash with gsl_linalg.h. */
#include <gsl/gsl_cblas.h>

size_t angles_words(size_t n)
{
    return (n + 63) / 64;
}

/* The portable packing: rows read in order and up to ANGLES_PACK_COLS columns' words kept
 * in a local array, so that the inner loop runs along a contiguous row. */
#define ANGLES_PACK_COLS 64

static void pack_word(const double *X, size_t m0, size_t m1, size_t d, size_t i0, size_t cols,
                      const double *b_hat, uint64_t *acc)
{
    for (size_t i = 0; i < cols; i++)
        acc[i] = 0;
    for (size_t m = m0; m < m1; m++) {
        const double *x = X + m * d + i0;
        const unsigned shift = (unsigned)(m - m0);
        for (size_t i = 0; i < cols; i++)
            acc[i] |= (uint64_t)(x[i] > b_hat[i0 + i]) << shift;
    }
}

static void pack_portable(const double *X, size_t n, size_t d, const double *b_hat, uint64_t *bits)
{
    const size_t W = angles_words(n);
    uint64_t acc[ANGLES_PACK_COLS];
    for (size_t w = 0; w < W; w++) {
        const size_t m0 = w * 64, m1 = m0 + 64 < n ? m0 + 64 : n;
        for (size_t i0 = 0; i0 < d; i0 += ANGLES_PACK_COLS) {
            const size_t cols = d - i0 < ANGLES_PACK_COLS ? d - i0 : ANGLES_PACK_COLS;
            pack_word(X, m0, m1, d, i0, cols, b_hat, acc);
            for (size_t i = 0; i < cols; i++)
                bits[(i0 + i) * W + w] = acc[i];
        }
    }
}

/* The AVX2 packing, eight columns at a time: each row's eight comparisons become one byte
 * (two movemask_pd), so 64 rows are 64 bytes; column c's word is then bit c of every
 * byte, brought to the byte's top by a 16-bit shift and gathered by movemask_epi8 (a
 * shift by 7 - c moves bit c of the low byte to bit 7 and bit c of the high byte to bit
 * 15). Columns past d are masked loads that read nothing. The same bits as the portable
 * loop: both are the comparison x > b_hat, false for NaN. */
__attribute__((target("avx2"))) static void pack8_avx2(const double *X, size_t m0, size_t rows,
                                                       size_t d, size_t i0, size_t cols,
                                                       const double *b_hat, uint64_t *out)
{
    uint8_t mask[64] __attribute__((aligned(32))) = {0};
    const __m256i lane = _mm256_setr_epi64x(0, 1, 2, 3);
    const __m256i keep_lo = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)cols), lane);
    const __m256i keep_hi = _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)cols - 4), lane);
    const __m256d b_lo = _mm256_maskload_pd(b_hat + i0, keep_lo);
    const __m256d b_hi = _mm256_maskload_pd(b_hat + i0 + 4, keep_hi);
    for (size_t r = 0; r < rows; r++) {
        const double *x = X + (m0 + r) * d + i0;
        const __m256d lo = _mm256_cmp_pd(_mm256_maskload_pd(x, keep_lo), b_lo, _CMP_GT_OQ);
        const __m256d hi = _mm256_cmp_pd(_mm256_maskload_pd(x + 4, keep_hi), b_hi, _CMP_GT_OQ);
        mask[r] = (uint8_t)(_mm256_movemask_pd(lo) | _mm256_movemask_pd(hi) << 4);
    }
    const __m256i v0 = _mm256_load_si256((const __m256i *)(const void *)mask);
    const __m256i v1 = _mm256_load_si256((const __m256i *)(const void *)(mask + 32));
    for (size_t c = 0; c < cols; c++) {
        const __m128i by = _mm_cvtsi32_si128((int)(7 - c));
        const uint32_t w0 = (uint32_t)_mm256_movemask_epi8(_mm256_sll_epi16(v0, by));
        const uint32_t w1 = (uint32_t)_mm256_movemask_epi8(_mm256_sll_epi16(v1, by));
        out[c] = w0 | (uint64_t)w1 << 32;
    }
}

__attribute__((target("avx2"))) static void pack_avx2(const double *X, size_t n, size_t d,
                                                      const double *b_hat, uint64_t *bits)
{
    const size_t W = angles_words(n);
    uint64_t out[8];
    for (size_t w = 0; w < W; w++) {
        const size_t m0 = w * 64, rows = n - m0 < 64 ? n - m0 : 64;
        for (size_t i0 = 0; i0 < d; i0 += 8) {
            const size_t cols = d - i0 < 8 ? d - i0 : 8;
            pack8_avx2(X, m0, rows, d, i0, cols, b_hat, out);
            for (size_t c = 0; c < cols; c++)
                bits[(i0 + c) * W + w] = out[c];
        }
    }
}

void angles_pack(const double *X, size_t n, size_t d, const double *b_hat, uint64_t *bits)
{
    if (__builtin_cpu_supports("avx2"))
        pack_avx2(X, n, d, b_hat, bits);
    else
        pack_portable(X, n, d, b_hat, bits);
}

/* For the test: the portable packing whatever the CPU. */
void angles_pack_portable(const double *X, size_t n, size_t d, const double *b_hat, uint64_t *bits)
{
    pack_portable(X, n, d, b_hat, bits);
}

/* Compiled for the popcnt instruction where the CPU has it (chosen at load time),
 * the portable bit trick otherwise. */
__attribute__((target_clones("popcnt", "default"))) static uint64_t
and_count(const uint64_t *a, const uint64_t *b, size_t W)
{
    uint64_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    size_t w = 0;
    for (; w + 4 <= W; w += 4) { /* four chains hide the popcnt latency */
        c0 += (uint64_t)__builtin_popcountll(a[w] & b[w]);
        c1 += (uint64_t)__builtin_popcountll(a[w + 1] & b[w + 1]);
        c2 += (uint64_t)__builtin_popcountll(a[w + 2] & b[w + 2]);
        c3 += (uint64_t)__builtin_popcountll(a[w + 3] & b[w + 3]);
    }
    for (; w < W; w++)
        c0 += (uint64_t)__builtin_popcountll(a[w] & b[w]);
    return c0 + c1 + c2 + c3;
}

void angles_count_popcount(const uint64_t *bits, size_t n, size_t d, double *counts)
{
    const size_t W = angles_words(n);
    for (size_t i = 0; i < d; i++)
        for (size_t j = i; j < d; j++) {
            const double c = (double)and_count(bits + i * W, bits + j * W, W);
            counts[i * d + j] = counts[j * d + i] = c;
        }
}

void angles_count_block(const double *Xb, size_t rows, size_t d, const double *b_hat,
                        uint64_t *bits, uint64_t *cnt)
{
    const size_t W = angles_words(rows);
    angles_pack(Xb, rows, d, b_hat, bits);
    for (size_t i = 0; i < d; i++)
        for (size_t j = i; j < d; j++)
            cnt[i * d + j] += and_count(bits + i * W, bits + j * W, W);
}

void angles_counts_finish(const uint64_t *cnt, size_t d, double *counts)
{
    for (size_t i = 0; i < d; i++)
        for (size_t j = i; j < d; j++)
            counts[i * d + j] = counts[j * d + i] = (double)cnt[i * d + j];
}

void angles_count_dsyrk(const double *X, size_t n, size_t d, const double *b_hat, double *ind,
                        double *counts)
{
    for (size_t m = 0; m < n; m++)
        for (size_t i = 0; i < d; i++)
            ind[m * d + i] = (double)(X[m * d + i] > b_hat[i]);
    /* C = I^T I, upper triangle; then mirror. Exact: integer sums below 2^53. */
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, (int)d, (int)n, 1.0, ind, (int)d, 0.0,
                counts, (int)d);
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < i; j++)
            counts[i * d + j] = counts[j * d + i];
}

void angles_sigma(const double *counts, size_t n, size_t d, const double *sigma2_hat, double *theta,
                  double *Sigma_hat)
{
    for (size_t i = 0; i < d; i++) {
        theta[i * d + i] = 0.0;
        Sigma_hat[i * d + i] = sigma2_hat[i];
        for (size_t j = i + 1; j < d; j++) {
            /* eq. (14) */
            const double t = M_PI - 2.0 * M_PI * counts[i * d + j] / (double)n;
            theta[i * d + j] = theta[j * d + i] = t;
            /* Alg. 1, lines 8-9 */
            const double s = sqrt(sigma2_hat[i] * sigma2_hat[j]) * cos(t);
            Sigma_hat[i * d + j] = Sigma_hat[j * d + i] = s;
        }
    }
}
