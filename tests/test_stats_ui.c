/* test_stats_ui.c — ui/stats_ui: the log-log slope of the legends recovers exact power
 * laws and skips unusable points; the quantile interpolates between order statistics. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include "stats_ui.h"

Test(stats_ui, slope_of_exact_power_laws)
{
    double x[9], y[9];
    const double expo[] = {-0.5, -1, 0.73, 2.385};
    for (size_t k = 0; k < 4; k++) {
        for (int i = 0; i < 9; i++) {
            x[i] = 37.1 * pow(1.9, i);
            y[i] = 0.42 * pow(x[i], expo[k]);
        }
        /* Exact data: the fit is exact up to rounding of the logs (~1e-15 relative). */
        cr_assert_float_eq(stats_ui_loglog_slope(x, y, 9), expo[k], 1e-12, "exponent %g", expo[k]);
    }
}

Test(stats_ui, slope_skips_unusable_points)
{
    double x[6] = {1, 2, 4, -8, 16, NAN}, y[6] = {3, 3 / sqrt(2), 1.5, 5, NAN, 2};
    cr_assert_float_eq(stats_ui_loglog_slope(x, y, 6), -0.5, 1e-12);
    y[1] = 0;
    y[2] = INFINITY;
    cr_assert(isnan(stats_ui_loglog_slope(x, y, 6)), "one usable point left");
    const double same[3] = {5, 5, 5}, v[3] = {1, 2, 3};
    cr_assert(isnan(stats_ui_loglog_slope(same, v, 3)), "all x equal");
    cr_assert(isnan(stats_ui_loglog_slope(x, y, 0)));
}

Test(stats_ui, quantile_of_sorted_values)
{
    double v[5] = {4.0, -1.5, 2.385, 0.25, 7.0};
    qsort(v, 5, sizeof *v, stats_ui_cmp_double);
    cr_assert_eq(v[0], -1.5);
    cr_assert_eq(v[4], 7.0);
    cr_assert_eq(stats_ui_quantile_sorted(v, 5, 0.5), 2.385);
    cr_assert_eq(stats_ui_quantile_sorted(v, 5, 0.0), -1.5);
    cr_assert_eq(stats_ui_quantile_sorted(v, 5, 1.0), 7.0);
    /* h = 0.95 * 4 = 3.8: 4 + 0.8 (7 - 4) */
    cr_assert_eq(stats_ui_quantile_sorted(v, 5, 0.95), 4.0 + (3.8 - 3.0) * (7.0 - 4.0));
    cr_assert(isnan(stats_ui_quantile_sorted(v, 0, 0.5)));
}
