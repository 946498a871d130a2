/* test_gen_quadratic.c — truth families, the Haar gauge, batched quadratic forms. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "gen_quadratic.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(gen_quadratic, .init = setup);

Test(gen_quadratic, batched_forms_equal_direct_gT_Q_g)
{
    enum { d = 4, r = 5, n = 1500 };
    double Q[d * r * r], V[15 * d];
    gsl_rng *rng = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_quadratic_truth(d, r, GEN_QUADRATIC_RANDOM, 0.0, rng, Q, NULL), RS_OK);
    gen_quadratic_pack(Q, d, r, V);
    double *G = malloc(n * r * sizeof *G), *K = malloc(n * 15 * sizeof *K),
           *X = malloc(n * d * sizeof *X);
    gen_quadratic_draw(rng, n, r, G);
    gen_quadratic_eval(V, d, r, G, n, K, X, d);
    for (size_t m = 0; m < n; m++)
        for (size_t a = 0; a < d; a++) {
            double x = 0.0;
            for (size_t i = 0; i < r; i++)
                for (size_t j = 0; j < r; j++)
                    x += G[m * r + i] * Q[(a * r + i) * r + j] * G[m * r + j];
            cr_assert_float_eq(X[m * d + a], x, 1e-12 * (1.0 + fabs(x)));
        }
    free(G);
    free(K);
    free(X);
    gsl_rng_free(rng);
}

Test(gen_quadratic, families_have_their_structure)
{
    enum { d = 3, r = 4 };
    double Q[d * r * r], Q2[d * r * r], Q0[d * r * r];
    gsl_rng *rng = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_TRUTH);
    for (int f = 0; f < 3; f++) {
        cr_assert_eq(gen_quadratic_truth(d, r, f, 0.7, rng, Q, NULL), RS_OK);
        for (size_t a = 0; a < d; a++)
            for (size_t i = 0; i < r; i++)
                for (size_t j = 0; j < r; j++) {
                    cr_assert_eq(Q[(a * r + i) * r + j], Q[(a * r + j) * r + i]);
                    if (f == GEN_QUADRATIC_DIAGONAL && i != j)
                        cr_assert_eq(Q[(a * r + i) * r + j], 0.0);
                }
    }
    /* smooth = 0: every Q_a is the base; Q(s) - Q(0) is linear in s (common random numbers) */
    for (int f = 0; f < 3; f += 2) {
        rng_stream_reset(rng, 7, 0, 0, RNG_PURPOSE_TRUTH);
        gen_quadratic_truth(d, r, f, 0.0, rng, Q0, NULL);
        for (size_t a = 1; a < d; a++)
            for (size_t k = 0; k < r * r; k++)
                cr_assert_eq(Q0[a * r * r + k], Q0[k]);
        rng_stream_reset(rng, 7, 0, 0, RNG_PURPOSE_TRUTH);
        gen_quadratic_truth(d, r, f, 0.3, rng, Q, NULL);
        rng_stream_reset(rng, 7, 0, 0, RNG_PURPOSE_TRUTH);
        gen_quadratic_truth(d, r, f, 0.6, rng, Q2, NULL);
        for (size_t k = 0; k < d * r * r; k++)
            cr_assert_float_eq(Q2[k] - Q0[k], 2.0 * (Q[k] - Q0[k]), 1e-14);
    }
    gsl_rng_free(rng);
}

Test(gen_quadratic, orthogonal_gauge_is_orthogonal_and_keeps_traces)
{
    enum { d = 2, r = 6 };
    double U[r * r], work[r * r + r], Q[d * r * r], QU[d * r * r];
    gsl_rng *rng = rng_stream_alloc(2385, 0, 1, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_quadratic_orthogonal(r, rng, U, work, NULL), RS_OK);
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < r; j++) {
            double s = 0.0; /* (U^T U)(i, j) */
            for (size_t k = 0; k < r; k++)
                s += U[k * r + i] * U[k * r + j];
            cr_assert_float_eq(s, i == j ? 1.0 : 0.0, 1e-14);
        }
    gen_quadratic_truth(d, r, GEN_QUADRATIC_RANDOM, 0.0, rng, Q, NULL);
    gen_quadratic_gauge(Q, U, d, r, QU, work);
    for (size_t a = 0; a < d; a++) {
        double t0 = 0.0, t1 = 0.0;
        for (size_t i = 0; i < r; i++) {
            t0 += Q[(a * r + i) * r + i];
            t1 += QU[(a * r + i) * r + i];
        }
        cr_assert_float_eq(t0, t1, 1e-13);
    }
    gsl_rng_free(rng);
}

Test(gen_quadratic, bad_inputs)
{
    double Q[16];
    rs_error e;
    gsl_rng *rng = rng_stream_alloc(1, 0, 0, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_quadratic_truth(0, 2, 0, 0.1, rng, Q, &e), RS_EINVAL);
    cr_assert_eq(gen_quadratic_truth(2, 0, 0, 0.1, rng, Q, &e), RS_EINVAL);
    cr_assert_eq(gen_quadratic_truth(2, 2, 7, 0.1, rng, Q, &e), RS_EINVAL);
    cr_assert_eq(gen_quadratic_truth(2, 2, 0, -0.5, rng, Q, &e), RS_EINVAL);
    cr_assert_eq(gen_quadratic_truth(2, 2, 0, NAN, rng, Q, &e), RS_EINVAL);
    cr_assert_eq(gen_quadratic_pairs(5), 15u);
    gsl_rng_free(rng);
}
