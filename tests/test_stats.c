/* test_stats.c — core/stats: the three ways to a type-7 quantile agree, non-finite values
 * are dropped, and the log-log slope recovers exact power laws and skips unusable points. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#include "rng_stream.h"
#include "stats.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(stats, .init = setup);

/* Selection, sort-then-interpolate and GSL's sort give the same value: the interpolation
 * is one expression, so equality is exact, not within a tolerance. */
Test(stats, selection_matches_sort)
{
    gsl_rng *r = rng_stream_alloc(7, 1, 2, RNG_PURPOSE_EXTRA);
    const size_t sizes[] = {1, 2, 7, 100, 1001};
    const double qs[] = {0.0, 0.5, 0.8413447460685429, 0.99, 1.0};
    for (size_t a = 0; a < 5; a++) {
        const size_t n = sizes[a];
        double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *z = malloc(n * sizeof *z);
        for (size_t i = 0; i < n; i++)
            x[i] = fmax(0.0, gsl_rng_uniform(r) - 0.3); /* ties at zero, like ReLU samples */
        for (size_t b = 0; b < 5; b++) {
            for (size_t i = 0; i < n; i++)
                y[i] = z[i] = x[i];
            const double got = stats_quantile_select(y, n, qs[b]);
            const double sorted = stats_quantile(z, n, qs[b]);
            gsl_sort(y, 1, n);
            const double pos = qs[b] * (double)(n - 1);
            const size_t k = (size_t)floor(pos);
            const double want = k + 1 < n ? y[k] + (pos - (double)k) * (y[k + 1] - y[k]) : y[k];
            cr_assert_eq(got, want, "n %zu q %g: %.17g vs %.17g", n, qs[b], got, want);
            cr_assert_eq(sorted, want, "n %zu q %g", n, qs[b]);
            cr_assert_eq(stats_quantile_sorted(y, n, qs[b]), want, "n %zu q %g", n, qs[b]);
        }
        free(x), free(y), free(z);
    }
    gsl_rng_free(r);
}

Test(stats, quantile_drops_non_finite_values)
{
    double v[6] = {3.25, NAN, 1.5, INFINITY, 2.385, 4.0};
    cr_assert_eq(stats_quantile(v, 6, 0.5), (2.385 + 3.25) / 2); /* median of 4 values */
    double w[2] = {NAN, -INFINITY};
    cr_assert(isnan(stats_quantile(w, 2, 0.5)));
    cr_assert(isnan(stats_quantile_sorted(w, 0, 0.5)));
    cr_assert(isnan(stats_quantile_select(w, 0, 0.5)));
    const double s[3] = {-1.5, 0.25, 7.0};
    cr_assert_eq(stats_quantile_sorted(s, 3, 0.75), 0.25 + 0.5 * (7.0 - 0.25));
    double c[5] = {5, 1, 4, 2, 3};
    qsort(c, 5, sizeof *c, stats_cmp_double);
    for (size_t i = 0; i < 5; i++)
        cr_assert_eq(c[i], (double)(i + 1));
}

Test(stats, slope_of_exact_power_laws)
{
    double x[9], y[9];
    const double expo[] = {-0.5, -1, 0.73, 2.385};
    for (size_t k = 0; k < 4; k++) {
        for (int i = 0; i < 9; i++) {
            x[i] = 37.1 * pow(1.9, i);
            y[i] = 0.42 * pow(x[i], expo[k]);
        }
        /* Exact data: the fit is exact up to rounding of the logs (~1e-15 relative). */
        cr_assert_float_eq(stats_loglog_slope(x, y, 9), expo[k], 1e-12, "exponent %g", expo[k]);
    }
}

Test(stats, slope_skips_unusable_points)
{
    double x[6] = {1, 2, 4, -8, 16, NAN}, y[6] = {3, 3 / sqrt(2), 1.5, 5, NAN, 2};
    cr_assert_float_eq(stats_loglog_slope(x, y, 6), -0.5, 1e-12);
    y[1] = 0;
    y[2] = INFINITY;
    cr_assert(isnan(stats_loglog_slope(x, y, 6)), "one usable point left");
    const double same[3] = {5, 5, 5}, v[3] = {1, 2, 3};
    cr_assert(isnan(stats_loglog_slope(same, v, 3)), "all x equal");
    cr_assert(isnan(stats_loglog_slope(x, y, 0)));
}
