/* test_jennrich.c — Jennrich's algorithm on the diagonal quadratic pushforward (seed 002):
 * exact recovery from exact moments, the n^{-1/2} rate from samples, bad inputs. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "gen_quadratic.h"
#include "jennrich.h"
#include "quad_moments.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(jennrich, .init = setup);

/* T = sum_i w_i^{(x)3}, G = W W^T for a d x r factor W. */
static void exact_moments(const double *W, size_t d, size_t r, double *T, double *G)
{
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b < d; b++) {
            double g = 0.0;
            for (size_t i = 0; i < r; i++)
                g += W[a * r + i] * W[b * r + i];
            G[a * d + b] = g;
            for (size_t c = 0; c < d; c++) {
                double t = 0.0;
                for (size_t i = 0; i < r; i++)
                    t += W[a * r + i] * W[b * r + i] * W[c * r + i];
                T[(a * d + b) * d + c] = t;
            }
        }
}

Test(jennrich, exact_cumulant_recovers_planted_factors)
{
    enum { d = 11, r = 6 };
    gsl_rng *rng = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_TRUTH);
    double W[d * r], Wh[d * r], T[d * d * d], G[d * d], gap;
    for (size_t i = 0; i < d * r; i++)
        W[i] = 0.3 + 1.7 * gsl_ran_gaussian(rng, 1.0);
    exact_moments(W, d, r, T, G);
    double *work = malloc(jennrich_work(d, r) * sizeof *work);
    double mwork[r * r + 3 * (r + 1)];
    size_t iwork[4 * (r + 1)], perm[r];
    unsigned flags = 99;
    cr_assert_eq(jennrich_fit(T, G, d, r, rng, Wh, &gap, &flags, work, NULL), RS_OK);
    cr_assert_eq(flags, 0u);
    cr_assert(gap > 0.0);
    /* exact input: only rounding remains, amplified by cond(W) and 1/gap; 1e-8 leaves
     * room for both at these sizes (the brief's bound) */
    const double e = jennrich_match(W, Wh, d, r, perm, mwork, iwork);
    cr_assert_lt(e, 1e-8, "err_q = %g", e);
    int seen[r] = {0};
    for (size_t i = 0; i < r; i++)
        seen[perm[i]]++;
    for (size_t i = 0; i < r; i++)
        cr_assert_eq(seen[i], 1, "perm is not a permutation");
    free(work);
    gsl_rng_free(rng);
}

Test(jennrich, match_undoes_a_permutation)
{
    enum { d = 5, r = 4 };
    const size_t pi[r] = {2, 0, 3, 1};
    double W[d * r], Wh[d * r], mwork[r * r + 3 * (r + 1)];
    size_t iwork[4 * (r + 1)], perm[r];
    for (size_t i = 0; i < d * r; i++)
        W[i] = sin(2.385 * (double)(i + 1));
    for (size_t a = 0; a < d; a++)
        for (size_t i = 0; i < r; i++)
            Wh[a * r + pi[i]] = W[a * r + i];
    cr_assert_lt(jennrich_match(W, Wh, d, r, perm, mwork, iwork), 1e-15);
    for (size_t i = 0; i < r; i++)
        cr_assert_eq(perm[i], pi[i]);
    /* a sign flip of one column is not a symmetry of the third moment: it is an error */
    for (size_t a = 0; a < d; a++)
        Wh[a * r + pi[0]] = -W[a * r];
    cr_assert_gt(jennrich_match(W, Wh, d, r, NULL, mwork, iwork), 0.1);
}

Test(jennrich, bad_inputs)
{
    double T[8] = {0}, G[4] = {0}, W[6], gap, work[256];
    unsigned flags;
    rs_error e;
    gsl_rng *rng = rng_stream_alloc(1, 0, 0, RNG_PURPOSE_ESTIMATOR);
    cr_assert_eq(jennrich_fit(T, G, 2, 3, rng, W, &gap, &flags, work, &e), RS_EINVAL);
    cr_assert_eq(jennrich_fit(T, G, 2, 0, rng, W, &gap, &flags, work, &e), RS_EINVAL);
    /* G = 0 has rank 0 < r: a flag and nan, not an error */
    cr_assert_eq(jennrich_fit(T, G, 2, 1, rng, W, &gap, &flags, work, &e), RS_OK);
    cr_assert(flags & JENNRICH_FLAG_RANK);
    cr_assert(isnan(W[0]) && isnan(gap));
    gsl_rng_free(rng);
}

/* Mean err_q over R runs at each of four n (factor 4 apart), from samples of the diagonal
 * family. */
static double mean_err(size_t n, size_t R)
{
    enum { d = 9, r = 4 };
    double Q[d * r * r], V[55 * d], W[d * r], Wh[d * r], G[d * d], T[d * d * d], gap;
    double *Gb = malloc(GEN_QUADRATIC_BLOCK * r * sizeof *Gb);
    double *K = malloc(GEN_QUADRATIC_BLOCK * gen_quadratic_pairs(r) * sizeof *K);
    double *X = malloc(GEN_QUADRATIC_BLOCK * d * sizeof *X);
    double *work = malloc(jennrich_work(d, r) * sizeof *work);
    double mwork[r * r + 3 * (r + 1)];
    size_t iwork[4 * (r + 1)];
    quad_moments_ws *acc = quad_moments_alloc(d, 1);
    gsl_rng *truth = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_quadratic_truth(d, r, GEN_QUADRATIC_DIAGONAL, 1.5, truth, Q, NULL), RS_OK);
    gen_quadratic_pack(Q, d, r, V);
    for (size_t a = 0; a < d; a++)
        for (size_t i = 0; i < r; i++)
            W[a * r + i] = Q[(a * r + i) * r + i];
    double sum = 0.0;
    for (size_t run = 0; run < R; run++) {
        gsl_rng *data = rng_stream_alloc(2385, n, run, RNG_PURPOSE_SAMPLES);
        quad_moments_reset(acc);
        for (size_t m0 = 0; m0 < n; m0 += GEN_QUADRATIC_BLOCK) {
            const size_t rows = n - m0 < GEN_QUADRATIC_BLOCK ? n - m0 : GEN_QUADRATIC_BLOCK;
            gen_quadratic_draw(data, rows, r, Gb);
            gen_quadratic_eval(V, d, r, Gb, rows, K, X, d);
            quad_moments_add(acc, X, rows, d);
        }
        cr_assert_eq(quad_moments_finish(acc, NULL, G, T, NULL), RS_OK);
        unsigned flags;
        cr_assert_eq(jennrich_fit(T, G, d, r, data, Wh, &gap, &flags, work, NULL), RS_OK);
        sum += jennrich_match(W, Wh, d, r, NULL, mwork, iwork);
        gsl_rng_free(data);
    }
    quad_moments_free(acc);
    gsl_rng_free(truth);
    free(Gb);
    free(K);
    free(X);
    free(work);
    return sum / (double)R;
}

Test(jennrich, error_from_samples_falls_like_n_to_minus_half)
{
    /* err_q is a smooth function of the moment estimates, whose errors are O(n^{-1/2}), so
     * log err_q = c - (1/2) log n + noise. With R = 8 runs per point the log of the mean
     * has sd about 0.2 (one run's err_q varies by ~50%, / sqrt 8); the least-squares slope
     * over x = log n at 0, 1.39, 2.77, 4.16 (sum (x - mean)^2 = 9.6) has sd 0.2 / 3.1 =
     * 0.065. Band: -1/2 +- 4 sd = [-0.76, -0.24]. */
    const size_t ns[4] = {8000, 32000, 128000, 512000};
    double x[4], y[4], mx = 0.0, my = 0.0;
    for (size_t k = 0; k < 4; k++) {
        x[k] = log((double)ns[k]);
        y[k] = log(mean_err(ns[k], 8));
        mx += x[k] / 4;
        my += y[k] / 4;
    }
    double sxy = 0.0, sxx = 0.0;
    for (size_t k = 0; k < 4; k++) {
        sxy += (x[k] - mx) * (y[k] - my);
        sxx += (x[k] - mx) * (x[k] - mx);
    }
    const double slope = sxy / sxx;
    cr_log_info("err_q slope %.3f (errors %.3g .. %.3g)", slope, exp(y[0]), exp(y[3]));
    cr_assert(slope > -0.76 && slope < -0.24, "slope %.3f outside [-0.76, -0.24]", slope);
}
