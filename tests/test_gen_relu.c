/* test_gen_relu.c — the Figure 1 construction and Fact 1 / Lemma 2 by simulation. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>

#include "angles.h"
#include "gen_relu.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}
TestSuite(gen_relu, .init = setup);

static void gram(const double *W, size_t d, size_t k, gsl_matrix *S)
{
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < d; j++) {
            double s = 0;
            for (size_t l = 0; l < k; l++)
                s += W[i * k + l] * W[j * k + l];
            gsl_matrix_set(S, i, j, s);
        }
}

Test(gen_relu, condition_number_is_kappa)
{
    const size_t dims[] = {5, 9, 25};
    const double kappas[] = {1.0, 7.3, 25.0, 1e4};
    for (size_t a = 0; a < 3; a++)
        for (size_t b = 0; b < 4; b++) {
            const size_t d = dims[a];
            double *W = malloc(d * d * sizeof *W), *bias = malloc(d * sizeof *bias);
            gsl_rng *r = rng_stream_alloc(11, a, b, RNG_PURPOSE_TRUTH);
            cr_assert_eq(gen_relu_truth(d, d, kappas[b], 0, 1.0, r, W, bias, NULL), RS_OK);
            gsl_matrix *S = gsl_matrix_alloc(d, d);
            gram(W, d, d, S);
            gsl_vector *ev = gsl_vector_alloc(d);
            gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(d);
            gsl_eigen_symm(S, ev, w);
            const double cond = gsl_vector_max(ev) / gsl_vector_min(ev);
            cr_assert(fabs(cond - kappas[b]) <= 1e-9 * kappas[b], "d %zu: cond %.15g vs %g", d,
                      cond, kappas[b]);
            for (size_t i = 0; i < d; i++)
                cr_assert(bias[i] >= 0.0); /* bias = nonneg */
            gsl_eigen_symm_free(w);
            gsl_vector_free(ev);
            gsl_matrix_free(S);
            gsl_rng_free(r);
            free(W);
            free(bias);
        }
}

Test(gen_relu, refuses_k_above_d)
{
    double W[6], b[2];
    gsl_rng *r = rng_stream_alloc(1, 0, 0, RNG_PURPOSE_TRUTH);
    rs_error err;
    cr_assert_eq(gen_relu_truth(2, 3, 1.0, 0, 1.0, r, W, b, &err), RS_EINVAL);
    cr_assert_eq(gen_relu_truth(2, 2, 0.5, 0, 1.0, r, W, b, &err), RS_EINVAL);
    gsl_rng_free(r);
}

Test(gen_relu, fact1_joint_orthant_probability)
{
    /* Lemma 2 / Fact 1: P[x(i) > b(i), x(j) > b(j)] = (pi - theta_ij)/(2 pi). Checked for
     * every pair of a d = 6, kappa = 9 model within 4 standard errors sqrt(p(1-p)/N). */
    const size_t d = 6, k = 6, n = 400000;
    double *W = malloc(d * k * sizeof *W), *b = malloc(d * sizeof *b);
    double *X = malloc(n * d * sizeof *X), *z = malloc(GEN_RELU_BLOCK * k * sizeof *z);
    gsl_rng *r = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_relu_truth(d, k, 9.0, 0, 1.0, r, W, b, NULL), RS_OK);
    cr_assert_eq(gen_relu_sample(W, b, d, k, n, r, X, z, NULL, NULL, NULL), RS_OK);
    uint64_t *bits = malloc(angles_words(n) * d * sizeof *bits);
    double counts[36], theta[36];
    angles_pack(X, n, d, b, bits);
    angles_count_popcount(bits, n, d, counts);
    gen_relu_angles(W, d, k, theta);
    for (size_t i = 0; i < d; i++)
        for (size_t j = i + 1; j < d; j++) {
            const double p = (M_PI - theta[i * d + j]) / (2 * M_PI);
            const double se = sqrt(p * (1 - p) / (double)n);
            const double phat = counts[i * d + j] / (double)n;
            cr_assert(fabs(phat - p) < 4 * se, "pair %zu,%zu: %g vs %g (se %g)", i, j, phat, p, se);
        }
    free(W);
    free(b);
    free(X);
    free(z);
    free(bits);
    gsl_rng_free(r);
}

Test(gen_relu, popcount_and_dsyrk_counts_agree)
{
    const size_t d = 7, k = 4, n = 10001; /* n not a multiple of 64 */
    double *W = malloc(d * k * sizeof *W), *b = malloc(d * sizeof *b);
    double *X = malloc(n * d * sizeof *X), *z = malloc(GEN_RELU_BLOCK * k * sizeof *z);
    double *ind = malloc(n * d * sizeof *ind);
    gsl_rng *r = rng_stream_alloc(5, 0, 0, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_relu_truth(d, k, 3.0, 1, 0.5, r, W, b, NULL), RS_OK);
    cr_assert_eq(gen_relu_sample(W, b, d, k, n, r, X, z, NULL, NULL, NULL), RS_OK);
    uint64_t *bits = malloc(angles_words(n) * d * sizeof *bits);
    double c1[49], c2[49];
    double bh[7];
    for (size_t i = 0; i < d; i++)
        bh[i] = fmax(0.0, b[i]);
    angles_pack(X, n, d, bh, bits);
    angles_count_popcount(bits, n, d, c1);
    angles_count_dsyrk(X, n, d, bh, ind, c2);
    for (size_t i = 0; i < d * d; i++)
        cr_assert_eq(c1[i], c2[i], "cell %zu: %g vs %g", i, c1[i], c2[i]);
    /* the diagonal is the number of rows above the bias */
    size_t above = 0;
    for (size_t m = 0; m < n; m++)
        above += X[m * d + 2] > bh[2];
    cr_assert_eq(c1[2 * d + 2], (double)above);
    free(W);
    free(b);
    free(X);
    free(z);
    free(ind);
    free(bits);
    gsl_rng_free(r);
}

/* angles_pack (the AVX2 path on this CPU) and the portable path give, bit by bit, the
 * indicators x > b_hat of a hand-built fixture: ties at b_hat, NaNs, negative zeros, and
 * every shape of a last word (n mod 64) and a last column group (d mod 8). */
Test(gen_relu, pack_bits_match_the_definition)
{
    const size_t ds[] = {1, 3, 4, 5, 8, 9, 17, 25}, ns[] = {1, 63, 64, 65, 200};
    const double values[] = {0.0, -0.0, 0.25, 0.5, 0.75, 1.0, NAN, 2.0};
    for (size_t a = 0; a < sizeof ds / sizeof ds[0]; a++)
        for (size_t c = 0; c < sizeof ns / sizeof ns[0]; c++) {
            const size_t d = ds[a], n = ns[c], W = angles_words(n);
            double *X = malloc(n * d * sizeof *X), b_hat[25];
            uint64_t *fast = malloc(W * d * sizeof *fast), *slow = malloc(W * d * sizeof *slow);
            uint32_t lcg = (uint32_t)(d * 1000 + n);
            for (size_t i = 0; i < n * d; i++) {
                lcg = lcg * 1664525u + 1013904223u;
                X[i] = values[lcg >> 29];
            }
            for (size_t i = 0; i < d; i++)
                b_hat[i] = values[2 + i % 4]; /* 0.25 .. 1.0: ties with X */
            angles_pack(X, n, d, b_hat, fast);
            angles_pack_portable(X, n, d, b_hat, slow);
            for (size_t i = 0; i < d; i++)
                for (size_t m = 0; m < 64 * W; m++) {
                    const int want = m < n && X[m * d + i] > b_hat[i];
                    const size_t w = i * W + m / 64;
                    cr_assert_eq((int)(fast[w] >> (m % 64) & 1), want,
                                 "d %zu n %zu col %zu row %zu", d, n, i, m);
                    cr_assert_eq((int)(slow[w] >> (m % 64) & 1), want, "portable: d %zu n %zu", d,
                                 n);
                }
            free(X);
            free(fast);
            free(slow);
        }
}

/* The ReLU pass the CPU selects (AVX2 here) and the portable loop leave the same X and
 * the same statistics, bit for bit, on a hand-built fixture: values that cancel the bias
 * to +0 and -0, negatives, and every column-group tail (d mod 8). */
Test(gen_relu, relu_rows_paths_agree)
{
    const size_t ds[] = {1, 3, 5, 8, 9, 25}, rows = 37;
    for (size_t a = 0; a < sizeof ds / sizeof ds[0]; a++) {
        const size_t d = ds[a];
        double *X1 = malloc(rows * d * sizeof *X1), *X2 = malloc(rows * d * sizeof *X2);
        double b[25], s1[75] = {0}, s2[75] = {0};
        for (size_t i = 0; i < d; i++)
            b[i] = 0.125 * (double)i - 0.5;
        for (size_t m = 0; m < rows; m++)
            for (size_t i = 0; i < d; i++)
                X1[m * d + i] = X2[m * d + i] =
                    m % 5 == 0 ? -b[i] : 0.3 * (double)((m * 7 + i * 3) % 11) - 1.4;
        for (size_t i = 0; i < 3 * d; i++)
            s1[i] = s2[i] = 0.1 * (double)i; /* sums carried in from earlier blocks */
        gen_relu_stats st1 = {s1, s1 + d, s1 + 2 * d}, st2 = {s2, s2 + d, s2 + 2 * d};
        gen_relu_rows(X1, b, d, rows, &st1);
        gen_relu_rows_portable(X2, b, d, rows, &st2);
        cr_assert(memcmp(X1, X2, rows * d * sizeof *X1) == 0, "X differs at d = %zu", d);
        cr_assert(memcmp(s1, s2, 3 * d * sizeof *s1) == 0, "statistics differ at d = %zu", d);
        for (size_t m = 0; m < rows; m++) /* and they are the ReLU of x + b */
            for (size_t i = 0; i < d; i++) {
                const double v = 0.3 * (double)((m * 7 + i * 3) % 11) - 1.4 + b[i];
                cr_assert_eq(X2[m * d + i], m % 5 == 0 ? 0.0 : (v > 0.0 ? v : 0.0));
            }
        free(X1);
        free(X2);
    }
}
