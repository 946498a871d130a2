/* test_quad_moments.c — the moments of seed 002: Cov = 2 Tr(Q_a Q_b), kappa_3 =
 * 8 Tr(Q_a Q_b Q_c) by simulation, the true moments against naive traces, the shifted-sum
 * algorithm against two passes, and gauge invariance with the same g. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "gen_quadratic.h"
#include "quad_moments.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(quad_moments, .init = setup);

/* max |A - B| / max |B|. */
static double rel_max(const double *A, const double *B, size_t len)
{
    double e = 0.0, s = 0.0;
    for (size_t i = 0; i < len; i++) {
        e = fmax(e, fabs(A[i] - B[i]));
        s = fmax(s, fabs(B[i]));
    }
    return e / s;
}

/* n samples of Q (d x r) from rng into X (n x d). */
static void sample(const double *Q, size_t d, size_t r, size_t n, gsl_rng *rng, double *X)
{
    const size_t P = gen_quadratic_pairs(r);
    double *V = malloc(P * d * sizeof *V), *G = malloc(n * r * sizeof *G);
    double *K = malloc(n * P * sizeof *K);
    gen_quadratic_pack(Q, d, r, V);
    gen_quadratic_draw(rng, n, r, G);
    gen_quadratic_eval(V, d, r, G, n, K, X, d);
    free(V);
    free(G);
    free(K);
}

Test(quad_moments, true_moments_equal_naive_traces)
{
    enum { d = 4, r = 3 };
    double Q[d * r * r], G[d * d], T[d * d * d];
    gsl_rng *rng = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_quadratic_truth(d, r, GEN_QUADRATIC_RANDOM, 0.0, rng, Q, NULL), RS_OK);
    double *work = malloc(quad_moments_true_work(d, r) * sizeof *work);
    quad_moments_true(Q, d, r, G, T, work);
#define q(a, i, j) Q[((a)*r + (i)) * r + (j)]
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b < d; b++) {
            double g = 0.0;
            for (size_t i = 0; i < r; i++)
                for (size_t j = 0; j < r; j++)
                    g += q(a, i, j) * q(b, j, i);
            cr_assert_float_eq(G[a * d + b], g, 1e-13);
            for (size_t c = 0; c < d; c++) {
                double t = 0.0;
                for (size_t i = 0; i < r; i++)
                    for (size_t j = 0; j < r; j++)
                        for (size_t k = 0; k < r; k++)
                            t += q(a, i, j) * q(b, j, k) * q(c, k, i);
                cr_assert_float_eq(T[(a * d + b) * d + c], t, 1e-13);
            }
        }
#undef q
    free(work);
    gsl_rng_free(rng);
}

Test(quad_moments, identities_hold_by_simulation_within_4_standard_errors)
{
    /* A small fixed family (d = 3, r = 2). Each of B = 40 batches of 5000 samples gives the
     * unbiased k-statistic estimates; their mean must lie within 4 standard errors
     * sd / sqrt(B) of Tr(Q_a) (mean), Tr(Q_a Q_b) (Cov / 2) and Tr(Q_a Q_b Q_c)
     * (kappa_3 / 8). 19 distinct entries at 4 sigma (t with 39 df: p = 3e-4 each) keep the
     * chance of a false failure near 0.5%, and the seed is fixed. */
    enum { d = 3, r = 2, B = 40, NB = 5000 };
    const double Q[d * r * r] = {1.3, 0.4, 0.4, -0.7, 0.2, -1.1, -1.1, 0.9, -0.5, 0.25, 0.25, 1.6};
    double G[d * d], T[d * d * d], work[64];
    quad_moments_true(Q, d, r, G, T, work);
    double *X = malloc(NB * d * sizeof *X);
    quad_moments_ws *acc = quad_moments_alloc(d, 1);
    gsl_rng *rng = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_SAMPLES);
    double s1[d + d * d + d * d * d] = {0}, s2[d + d * d + d * d * d] = {0};
    for (size_t b = 0; b < B; b++) {
        double est[d + d * d + d * d * d];
        sample(Q, d, r, NB, rng, X);
        quad_moments_reset(acc);
        quad_moments_add(acc, X, NB, d);
        cr_assert_eq(quad_moments_finish(acc, est, est + d, est + d + d * d, NULL), RS_OK);
        for (size_t i = 0; i < sizeof est / sizeof est[0]; i++) {
            s1[i] += est[i];
            s2[i] += est[i] * est[i];
        }
    }
    double truth[d + d * d + d * d * d];
    for (size_t a = 0; a < d; a++)
        truth[a] = Q[(a * r) * r] + Q[(a * r + 1) * r + 1]; /* E x_a = Tr(Q_a) */
    memcpy(truth + d, G, sizeof G);
    memcpy(truth + d + d * d, T, sizeof T);
    for (size_t i = 0; i < sizeof truth / sizeof truth[0]; i++) {
        const double m = s1[i] / B, sd = sqrt((s2[i] - B * m * m) / (B - 1));
        const double se = sd / sqrt((double)B);
        cr_assert_lt(fabs(m - truth[i]), 4.0 * se, "entry %zu: %g vs %g (se %g)", i, m, truth[i],
                     se);
    }
    free(X);
    quad_moments_free(acc);
    gsl_rng_free(rng);
}

Test(quad_moments, shifted_sums_equal_two_pass_cumulants)
{
    /* Data far from 0 (offset 1e4): the shifted sums must still match the two-pass central
     * moments to 1e-9 relative (raw power sums would lose ~8 digits here). */
    enum { n = 2000, d = 3 };
    double *X = malloc(n * d * sizeof *X), mean[d], G[d * d], T[d * d * d];
    gsl_rng *rng = rng_stream_alloc(2385, 1, 0, RNG_PURPOSE_EXTRA);
    for (size_t i = 0; i < n * d; i++)
        X[i] = 1e4 + (double)(i % d) + gsl_rng_uniform(rng) * gsl_rng_uniform(rng) * 3.0;
    quad_moments_ws *acc = quad_moments_alloc(d, 1);
    quad_moments_add(acc, X, 700, d); /* uneven pieces, more than one internal block */
    quad_moments_add(acc, X + 700 * d, n - 700, d);
    cr_assert_eq(quad_moments_count(acc), (size_t)n);
    cr_assert_eq(quad_moments_finish(acc, mean, G, T, NULL), RS_OK);
    double m[d] = {0};
    for (size_t k = 0; k < n; k++)
        for (size_t a = 0; a < d; a++)
            m[a] += X[k * d + a] / n;
    for (size_t a = 0; a < d; a++) {
        cr_assert_float_eq(mean[a], m[a], 1e-9 * m[a]);
        for (size_t b = 0; b < d; b++) {
            double c2 = 0.0;
            for (size_t k = 0; k < n; k++)
                c2 += (X[k * d + a] - m[a]) * (X[k * d + b] - m[b]);
            const double g = c2 / (n - 1) / 2.0;
            cr_assert_float_eq(G[a * d + b], g, 1e-9 * fabs(g));
            for (size_t c = 0; c < d; c++) {
                double c3 = 0.0;
                for (size_t k = 0; k < n; k++)
                    c3 += (X[k * d + a] - m[a]) * (X[k * d + b] - m[b]) * (X[k * d + c] - m[c]);
                const double t = c3 * n / ((double)(n - 1) * (n - 2)) / 8.0;
                cr_assert_float_eq(T[(a * d + b) * d + c], t, 1e-9 * (fabs(t) + 1e-3));
            }
        }
    }
    free(X);
    quad_moments_free(acc);
    gsl_rng_free(rng);
}

Test(quad_moments, second_moments_only_equal_two_pass_for_every_tile_shape)
{
    /* The second-moment-only path (register tiles of 4 x 4 or 4 x 8 coordinates, 128 rows at a
     * time, padding up to a multiple of 4 coordinates) against two passes: d = 1 .. 4 and
     * around the tile edges, uneven row pieces, a row stride ldx > d, data at offset 1e4.
     * Entry (a,b) to 1e-9 sqrt(G_aa G_bb) (|G_ab| <= that scale by Cauchy-Schwarz). */
    enum { n = 1500, dmax = 23, ldx = dmax + 2 };
    const size_t ds[] = {1, 2, 3, 4, 5, 8, 9, 12, 13, 20, 23};
    double *X = malloc(n * ldx * sizeof *X), *G = malloc(dmax * dmax * sizeof *G), mean[dmax];
    gsl_rng *rng = rng_stream_alloc(2385, 2, 0, RNG_PURPOSE_EXTRA);
    for (size_t i = 0; i < n * ldx; i++)
        X[i] = 1e4 + (double)(i % 7) + gsl_rng_uniform(rng) * gsl_rng_uniform(rng) * 3.0;
    for (size_t id = 0; id < sizeof ds / sizeof ds[0]; id++) {
        const size_t d = ds[id];
        quad_moments_ws *acc = quad_moments_alloc(d, 0);
        quad_moments_add(acc, X, 3, ldx);
        quad_moments_add(acc, X + 3 * ldx, 1100, ldx); /* more than one internal block */
        quad_moments_add(acc, X + 1103 * ldx, n - 1103, ldx);
        cr_assert_eq(quad_moments_count(acc), (size_t)n);
        cr_assert_eq(quad_moments_finish(acc, mean, G, NULL, NULL), RS_OK);
        double m[dmax] = {0}, C[dmax * dmax] = {0};
        for (size_t k = 0; k < n; k++)
            for (size_t a = 0; a < d; a++)
                m[a] += X[k * ldx + a] / n;
        for (size_t k = 0; k < n; k++)
            for (size_t a = 0; a < d; a++)
                for (size_t b = 0; b < d; b++)
                    C[a * d + b] +=
                        (X[k * ldx + a] - m[a]) * (X[k * ldx + b] - m[b]) / (n - 1) / 2.0;
        for (size_t a = 0; a < d; a++) {
            cr_assert_float_eq(mean[a], m[a], 1e-12 * m[a], "d = %zu, a = %zu", d, a);
            for (size_t b = 0; b < d; b++)
                cr_assert_float_eq(G[a * d + b], C[a * d + b],
                                   1e-9 * sqrt(C[a * d + a] * C[b * d + b]), "d = %zu, (%zu, %zu)",
                                   d, a, b);
        }
        quad_moments_free(acc);
    }
    free(X);
    free(G);
    gsl_rng_free(rng);
}

Test(quad_moments, gauge_leaves_every_moment_unchanged_with_the_same_g)
{
    /* Q_a -> U Q_a U^T with g -> U g gives the same samples up to rounding, so every
     * estimated moment agrees to 1e-12 (rounding of O(r) flops per sample is ~1e-15); the
     * true moments and the angle matrix too; while the entries of the Q_a move by O(1). */
    enum { d = 5, r = 4, n = 20000 };
    double Q[d * r * r], QU[d * r * r], U[r * r], work[r * r + r];
    gsl_rng *truth = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_quadratic_truth(d, r, GEN_QUADRATIC_SMOOTHED, 0.5, truth, Q, NULL), RS_OK);
    cr_assert_eq(gen_quadratic_orthogonal(r, truth, U, work, NULL), RS_OK);
    gen_quadratic_gauge(Q, U, d, r, QU, work);
    cr_assert_gt(rel_max(QU, Q, d * r * r), 0.3, "the gauge should move the entries");
    const size_t P = gen_quadratic_pairs(r);
    double V[P * d], VU[P * d];
    gen_quadratic_pack(Q, d, r, V);
    gen_quadratic_pack(QU, d, r, VU);
    double *Gin = malloc(n * r * sizeof *Gin), *Gu = malloc(n * r * sizeof *Gu);
    double *K = malloc(n * P * sizeof *K), *X = malloc(n * d * sizeof *X),
           *XU = malloc(n * d * sizeof *XU);
    gsl_rng *data = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_SAMPLES);
    gen_quadratic_draw(data, n, r, Gin);
    for (size_t m = 0; m < n; m++) /* g' = U g: row m of Gu is (U g_m)^T */
        for (size_t i = 0; i < r; i++) {
            double s = 0.0;
            for (size_t j = 0; j < r; j++)
                s += U[i * r + j] * Gin[m * r + j];
            Gu[m * r + i] = s;
        }
    gen_quadratic_eval(V, d, r, Gin, n, K, X, d);
    gen_quadratic_eval(VU, d, r, Gu, n, K, XU, d);
    quad_moments_ws *a1 = quad_moments_alloc(d, 1), *a2 = quad_moments_alloc(d, 1);
    quad_moments_add(a1, X, n, d);
    quad_moments_add(a2, XU, n, d);
    double G1[d * d], G2[d * d], T1[d * d * d], T2[d * d * d], C1[d * d], C2[d * d], M1[d], M2[d];
    cr_assert_eq(quad_moments_finish(a1, M1, G1, T1, NULL), RS_OK);
    cr_assert_eq(quad_moments_finish(a2, M2, G2, T2, NULL), RS_OK);
    quad_moments_cosines(G1, d, C1);
    quad_moments_cosines(G2, d, C2);
    cr_assert_lt(rel_max(M2, M1, d), 1e-12);
    cr_assert_lt(rel_max(G2, G1, d * d), 1e-12);
    cr_assert_lt(rel_max(T2, T1, d * d * d), 1e-12);
    cr_assert_lt(rel_max(C2, C1, d * d), 1e-12);
    double tw[quad_moments_true_work(d, r)];
    quad_moments_true(Q, d, r, G1, T1, tw);
    quad_moments_true(QU, d, r, G2, T2, tw);
    cr_assert_lt(rel_max(G2, G1, d * d), 1e-12);
    cr_assert_lt(rel_max(T2, T1, d * d * d), 1e-12);
    quad_moments_free(a1);
    quad_moments_free(a2);
    free(Gin);
    free(Gu);
    free(K);
    free(X);
    free(XU);
    gsl_rng_free(truth);
    gsl_rng_free(data);
}

Test(quad_moments, bad_inputs_and_cosines)
{
    cr_assert_null(quad_moments_alloc(0, 1));
    quad_moments_ws *acc = quad_moments_alloc(2, 0);
    const double X[4] = {1.0, 2.0, 3.0, 5.0};
    double G[4], T[8];
    rs_error e;
    quad_moments_add(acc, X, 2, 2);
    cr_assert_eq(quad_moments_finish(acc, NULL, G, T, &e), RS_EINVAL);
    cr_assert(strstr(e.msg, "n = 2") != NULL, "%s", e.msg);
    quad_moments_free(acc);
    quad_moments_free(NULL);
    const double Gm[4] = {4.0, -1.0, -1.0, 2.25};
    double C[4];
    quad_moments_cosines(Gm, 2, C);
    cr_assert_float_eq(C[0], 1.0, 1e-15);
    cr_assert_float_eq(C[1], -1.0 / 3.0, 1e-15);
}
