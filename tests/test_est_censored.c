/* test_est_censored.c — the censored-normal MLE (est_censored.c): exact on population
 * statistics, equal to a brute-force maximisation of the likelihood of raw samples, its
 * error statuses, and, end to end, more accurate than footnote 4's median and than the
 * truncated-sample MLE (issue 14, item 1). */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_erf.h>

#include "est_censored.h"
#include "job_relu.h"
#include "met_relu.h"
#include "model.h"
#include "sweep.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}
TestSuite(est_censored, .init = setup, .timeout = 300);

/* Population statistics of N samples of max(0, N(b, s^2)): the count of positives and
 * their sum and sum of squares in expectation. With alpha = -b/s and h = phi/Q(alpha),
 * x | x > 0 = b + s Y, E Y = h, E Y^2 = 1 + alpha h. */
static void population(double b, double s, double N, double *count, double *sum, double *sumsq)
{
    const double alpha = -b / s, h = gsl_sf_hazard(alpha);
    const double p1 = gsl_cdf_ugaussian_P(b / s);
    *count = N * p1;
    *sum = *count * (b + s * h);
    *sumsq = *count * (b * b + 2.0 * b * s * h + s * s * (1.0 + alpha * h));
}

Test(est_censored, exact_on_population_statistics)
{
    /* The MLE is Fisher-consistent: on expected statistics it returns the truth. The
     * tolerance 1e-7 (relative to s) is rounding of a Newton fixed point (1e-16) amplified
     * by the condition of the Hessian, which grows like exp(b^2/2 s^2) for b < 0: ~1e4 at
     * b/s = -3, where 1 sample in 740 is positive. */
    const double cases[][2] = {{0.0, 1.0},  {0.5, 1.0},  {2.385, 0.7}, {-1.2, 1.9},
                               {-3.0, 1.0}, {1.0, 1e-3}, {-0.3, 250.0}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const double b = cases[c][0], s = cases[c][1];
        double cnt, sum, sq, mu, s2;
        population(b, s, 1e6, &cnt, &sum, &sq);
        size_t it;
        cr_assert_eq(est_censored_fit1(1e6, cnt, sum, sq, &mu, &s2, &it, NULL), RS_OK, "b=%g s=%g",
                     b, s);
        cr_assert(fabs(mu - b) <= 1e-7 * s && fabs(sqrt(s2) - s) <= 1e-7 * s,
                  "b=%g s=%g: got %.12g %.12g in %zu steps", b, s, mu, sqrt(s2), it);
    }
}

/* Average log-likelihood of raw samples (the definition, no sufficient statistics). */
static double raw_loglik(const double *x, size_t n, double mu, double s)
{
    double l = 0.0;
    for (size_t m = 0; m < n; m++)
        l += x[m] > 0.0 ? -log(s) - 0.5 * ((x[m] - mu) / s) * ((x[m] - mu) / s)
                        : log(gsl_cdf_ugaussian_P(-mu / s));
    return l / (double)n;
}

Test(est_censored, matches_brute_force_maximisation)
{
    /* Small samples, where the MLE differs much from the truth: the likelihood of the raw
     * samples at the fit must not be beaten anywhere on a grid, and a grid refined
     * around the best cell three times must land on the fit to within its last spacing. */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2385);
    const double truth[][2] = {{0.385, 1.37}, {-0.8, 1.0}, {1.9, 0.6}};
    enum { N = 60 };
    for (size_t c = 0; c < 3; c++) {
        double x[N], cnt = 0, sum = 0, sq = 0;
        for (size_t m = 0; m < N; m++) {
            x[m] = fmax(0.0, truth[c][0] + truth[c][1] * gsl_ran_gaussian_ziggurat(r, 1.0));
            if (x[m] > 0) {
                cnt += 1;
                sum += x[m];
                sq += x[m] * x[m];
            }
        }
        double mu, s2;
        cr_assert_eq(est_censored_fit1(N, cnt, sum, sq, &mu, &s2, NULL, NULL), RS_OK);
        const double lfit = raw_loglik(x, N, mu, sqrt(s2));
        /* Both leave out -log(2 pi)/2 per positive sample; they differ by rounding only. */
        cr_assert(fabs(lfit - est_censored_loglik(N, cnt, sum, sq, mu, sqrt(s2))) < 1e-12,
                  "sufficient-statistic likelihood differs from the raw one");
        double cm = truth[c][0], cs = truth[c][1], w = 2.0 * truth[c][1];
        double best = -INFINITY, bm = cm, bs = cs;
        for (int level = 0; level < 4; level++, w /= 10.0) {
            for (int i = -50; i <= 50; i++)
                for (int j = -50; j <= 50; j++) {
                    const double m = cm + w * i / 50.0, s = cs + w * j / 50.0;
                    if (s <= 0)
                        continue;
                    const double l = raw_loglik(x, N, m, s);
                    if (l > best) {
                        best = l;
                        bm = m;
                        bs = s;
                    }
                }
            cr_assert(best <= lfit + 1e-12, "grid beats the fit: %.15g > %.15g", best, lfit);
            cm = bm;
            cs = bs;
        }
        /* The last grid spacing is w/50 with w = 2 s * 1e-3. */
        const double tol = 2.0 * truth[c][1] * 1e-3 / 50.0 * 2.0;
        cr_assert(fabs(bm - mu) <= tol && fabs(bs - sqrt(s2)) <= tol,
                  "case %zu: brute force (%.8g, %.8g) vs fit (%.8g, %.8g)", c, bm, bs, mu,
                  sqrt(s2));
    }
    gsl_rng_free(r);
}

Test(est_censored, refuses_what_identifies_nothing)
{
    double mu, s2;
    rs_error e;
    cr_assert_eq(est_censored_fit1(100, 1, 2.385, 2.385 * 2.385, &mu, &s2, NULL, &e), RS_EINVAL);
    cr_assert(isnan(mu) && isnan(s2));
    cr_assert_eq(est_censored_fit1(100, 3, 3 * 1.5, 3 * 2.25, &mu, &s2, NULL, &e), RS_EINVAL);
    cr_assert_eq(est_censored_fit1(2, 3, 3, 4, &mu, &s2, NULL, &e), RS_EINVAL); /* count > n */
}

/* Run the three estimators over `runs` runs at n = 1e5, d = 5 (nonneg bias). */
static sweep_cell *run_three(size_t runs, size_t seed)
{
    static rs_params p;
    param_defaults(&p, GEN_RELU);
    p.d = 5;
    p.k = 5;
    p.n = 100000;
    p.runs = runs;
    p.seed = seed;
    p.compare = (1u << METHOD_CENSORED) | (1u << METHOD_MEDIAN) | (1u << METHOD_TRUNCATED);
    sweep_cell *cells = malloc(runs * sizeof *cells);
    sweep_cells_init(cells, runs);
    model_ctx ctx = {.base = &p};
    const double v0 = 0;
    sweep_spec s = {.n_values = 1,
                    .runs = runs,
                    .values = &v0,
                    .cells = cells,
                    .threads = 2,
                    .shard_count = 1,
                    .job = job_relu_run,
                    .ctx = &ctx};
    rs_error err;
    cr_assert_eq(sweep_run(&s, &err), RS_OK, "%s", err.msg);
    return cells;
}

/* Mean of metric id of method a, and mean and standard error of the paired difference
 * a - b over the runs. */
static void paired(const sweep_cell *cells, size_t runs, int a, int b, int id, double *mean_a,
                   double *diff, double *se)
{
    double sa = 0, sd = 0, sdd = 0;
    for (size_t r = 0; r < runs; r++) {
        const double x = cells[r].metric[a][id], dx = x - cells[r].metric[b][id];
        cr_assert(isfinite(x) && isfinite(dx));
        sa += x;
        sd += dx;
        sdd += dx * dx;
    }
    *mean_a = sa / (double)runs;
    *diff = sd / (double)runs;
    *se = sqrt((sdd / (double)runs - *diff * *diff) / (double)(runs - 1));
}

Test(est_censored, beats_median_and_truncated_at_1e5)
{
    /* Issue 14's check: 20 runs, n = 1e5, d = 5, the paper's bias (nonneg). The censored
     * MLE is asymptotically efficient (Cramer-Rao): its variance is at most that of any
     * other consistent estimator, footnote 4's quantiles included (a sample quantile has
     * variance p(1-p)/(n f^2), 1.57x the efficient one for a Gaussian median). But where
     * b(i) = 0 (half the coordinates of the nonneg bias) the median's clip at 0 makes it
     * exact half the time and the two tie (the simulation: 0.0035 vs 0.0034), and
     * err_sigma is mostly the angles of eq. (14), the same for both. Measured over 200
     * runs (seed 7): err_b 0.00294 vs 0.00327 (paired se 5e-5), err_sigma 0.00661 vs
     * 0.00685 (paired se 7e-5 over 200 runs, 2.3e-4 over 20). So over 20 runs the
     * paired mean difference has a standard error as large as the gain: we assert it is
     * below 2 of its standard errors (fails with probability 2.3 % if the two were
     * equal in law and ~0 at the measured gain), err_b within the 5 %, and the
     * truncated-sample MLE, which discards the zero count, at least 1.5x worse than both
     * (measured 3-4x). */
    enum { RUNS = 20 };
    sweep_cell *cells = run_three(RUNS, 14);
    const int ids[] = {MET_RELU_ERR_B, MET_RELU_ERR_SIGMA};
    for (size_t j = 0; j < 2; j++) {
        double c, md, tr, diff, se, unused;
        paired(cells, RUNS, METHOD_CENSORED, METHOD_MEDIAN, ids[j], &c, &diff, &se);
        md = c - diff;
        paired(cells, RUNS, METHOD_TRUNCATED, METHOD_MEDIAN, ids[j], &tr, &unused, &unused);
        cr_log_info("%s: censored %.5f median %.5f truncated %.5f (paired diff %.2g se %.2g)",
                    met_relu_names[ids[j]], c, md, tr, diff, se);
        cr_assert(diff <= 2.0 * se, "%s: censored %g exceeds median %g by %g > 2 se = %g",
                  met_relu_names[ids[j]], c, md, diff, 2.0 * se);
        if (ids[j] == MET_RELU_ERR_B)
            cr_assert(c <= 1.05 * md, "err_b: censored %g > 1.05 x median %g", c, md);
        cr_assert(1.5 * c <= tr && 1.5 * md <= tr, "%s: truncated %g not 1.5x worse (%g, %g)",
                  met_relu_names[ids[j]], tr, c, md);
    }
    free(cells);
}

Test(est_censored, err_sigma_at_most_median_over_400_runs)
{
    /* The strict form of the err_sigma claim needs the runs to resolve a 3.5 % gain:
     * with 400 runs the paired standard error is ~3.6e-5 against a gain of ~2.4e-4, so
     * "censored <= median" fails by chance with probability ~Phi(-6.6). */
    enum { RUNS = 400 };
    sweep_cell *cells = run_three(RUNS, 1400);
    double c, diff, se;
    paired(cells, RUNS, METHOD_CENSORED, METHOD_MEDIAN, MET_RELU_ERR_SIGMA, &c, &diff, &se);
    cr_log_info("err_sigma over %d runs: censored %.5f median %.5f (se %.2g)", RUNS, c, c - diff,
                se);
    cr_assert(diff <= 0.0, "err_sigma: censored %g > median %g", c, c - diff);
    free(cells);
}
