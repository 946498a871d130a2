/* test_llsfe.c — the second-degree LLSFE (seed 003, eqs. 14-15) and its error rates. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "gen_teacher.h"
#include "llsfe.h"
#include "param.h"
#include "rng_stream.h"
#include "stats.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(llsfe, .init = setup);

/* Median over `trials` of the S2 and S4 errors at a fresh point, for n samples, d = 2. */
static void median_errors(int input, size_t n, double h, size_t trials, uint64_t tag, double *m2,
                          double *m4)
{
    const size_t d = 2;
    const double a[2] = {1.0, 0.0};
    double *X = malloc(n * d * sizeof(double)), *y = malloc(n * sizeof(double)),
           *P = malloc(n * sizeof(double)), *e2 = malloc(trials * sizeof(double)),
           *e4 = malloc(trials * sizeof(double)), work[128];
    llsfe_ws *ws = llsfe_ws_alloc(n, d);
    cr_assert_not_null(ws);
    for (size_t t = 0; t < trials; t++) {
        gsl_rng *r = rng_stream_alloc(2385, tag, t, RNG_PURPOSE_SAMPLES);
        double x[2], yq, pq, g[2], G[4];
        gen_teacher_sample(input, 1.0, a, 1, d, n, 0.0, r, X, y, P, NULL, NULL);
        gen_teacher_sample(input, 1.0, a, 1, d, 1, 0.0, r, x, &yq, &pq, NULL, NULL);
        llsfe_bind(ws, X);
        cr_assert_eq(
            llsfe_eval(ws, x, 1, h > 0 ? h : llsfe_bandwidth(n, d), g, G, NULL, NULL, NULL), RS_OK);
        cr_assert_eq(llsfe_errors(input, 1.0, x, g, G, d, work, &e2[t], &e4[t], NULL), RS_OK);
        gsl_rng_free(r);
    }
    *m2 = stats_quantile(e2, trials, 0.5);
    *m4 = stats_quantile(e4, trials, 0.5);
    llsfe_ws_free(ws);
    free(X), free(y), free(P), free(e2), free(e4);
}

/* For Gaussian input, log f is quadratic and the kernel Gaussian, so the p = 2 local model
 * is exact: the estimator has no bias at any fixed h and its error is O_p(n^{-1/2})
 * (the variance term of eq. 10 with h fixed). The fitted slope of the median over
 * n = 10^3, 10^4, 10^5 must lie in -1/2 +- 0.15: with 300 trials the median's relative
 * sd is about 1.25 / sqrt(300) = 7 %, i.e. at most 0.07 / ln(100) = 0.015 per decade
 * pair on the slope even at 4 sd (0.06), well inside the band; a bias would flatten it. */
Test(llsfe, gaussian_fixed_bandwidth_rate_is_root_n)
{
    const double ns[3] = {1e3, 1e4, 1e5};
    double m2[3], m4[3];
    for (size_t j = 0; j < 3; j++)
        median_errors(INPUT_GAUSSIAN, (size_t)ns[j], 0.5, 300, j, &m2[j], &m4[j]);
    const double s2 = stats_loglog_slope(ns, m2, 3), s4 = stats_loglog_slope(ns, m4, 3);
    cr_assert(fabs(s2 + 0.5) < 0.15, "S2 slope %g (medians %g %g %g)", s2, m2[0], m2[1], m2[2]);
    cr_assert(fabs(s4 + 0.5) < 0.15, "S4 slope %g", s4);
    cr_assert(s2 < -0.3 && s4 < -0.3);
}

/* With Remark 1's bandwidth h = n^{-1/8} (d = 2, p = 2) the variance term of eq. (10)
 * for G2 is (n h^{d+4})^{-1/2} = n^{-1/8}: the error must still fall (slope < 0) but
 * slower; we check a negative slope, below -0.06 (half the n^{-1/8} rate, 4 sd margin). */
Test(llsfe, gaussian_default_bandwidth_consistent)
{
    const double ns[3] = {1e3, 1e4, 1e5};
    double m2[3], m4[3];
    for (size_t j = 0; j < 3; j++)
        median_errors(INPUT_GAUSSIAN, (size_t)ns[j], 0.0, 200, 10 + j, &m2[j], &m4[j]);
    const double s2 = stats_loglog_slope(ns, m2, 3);
    cr_assert(s2 < -0.06, "S2 slope %g", s2);
}

/* A one-sample design has a zero weighted covariance (not positive definite): the
 * point gets nan entries and is counted; a zero bandwidth is refused. */
Test(llsfe, estimates_and_failures)
{
    double X[4] = {0.1, 0.2, 0.3, 0.4}, x[2] = {0.2, 0.3}, g[2], G[4];
    size_t failed = 0;
    llsfe_ws *ws = llsfe_ws_alloc(1, 2);
    llsfe_bind(ws, X);
    cr_assert_eq(llsfe_eval(ws, x, 1, 0.5, g, G, &failed, NULL, NULL), RS_OK);
    cr_assert_eq(failed, 1);
    cr_assert(isnan(g[0]));
    rs_error e;
    cr_assert_eq(llsfe_eval(ws, x, 1, 0.0, g, G, &failed, NULL, &e), RS_EINVAL);
    llsfe_ws_free(ws);
    cr_assert(fabs(llsfe_bandwidth(256, 2) - 0.5) < 1e-15); /* 256^{-1/8} = 1/2 */
    double S2[4], S4[16], work[8];
    cr_assert_eq(llsfe_exact(INPUT_LAPLACE, 1.0, x, 2, work, S2, S4, &e), RS_EINVAL);
}

/* Eq. (7) with g = -x, G2 = -I is the fourth Hermite tensor: He4 entries at x = 0 are
 * 3 sym(I (x) I): S4[0000] = 3, S4[0011] = 1, S4[0001] = 0. */
Test(llsfe, s4_hermite_at_origin)
{
    const double x[2] = {0.0, 0.0};
    double S2[4], S4[16], work[8];
    cr_assert_eq(llsfe_exact(INPUT_GAUSSIAN, 1.0, x, 2, work, S2, S4, NULL), RS_OK);
    cr_assert_float_eq(S4[0], 3.0, 1e-15);
    cr_assert_float_eq(S4[3], 1.0, 1e-15); /* (0,0,1,1) */
    cr_assert_float_eq(S4[1], 0.0, 1e-15); /* (0,0,0,1) */
    cr_assert_float_eq(S4[6], 1.0, 1e-15); /* (0,1,1,0) */
    cr_assert_float_eq(S2[0], -1.0, 1e-15);
}
