/* stats_ui.c — quantile and log-log slope for the views (see stats_ui.h). */
#include "stats_ui.h"

#include <math.h>
#include <stdbool.h>

int stats_ui_cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_ui_quantile_sorted(const double *v, size_t n, double q)
{
    if (n == 0)
        return NAN;
    const double h = q * (double)(n - 1);
    const size_t i = (size_t)floor(h);
    return i + 1 < n ? v[i] + (h - (double)i) * (v[i + 1] - v[i]) : v[n - 1];
}

/* Whether (x, y) is a point of the log-log fit. */
static bool loglog_point(double x, double y)
{
    return isfinite(x) && isfinite(y) && x > 0 && y > 0;
}

double stats_ui_loglog_slope(const double *x, const double *y, size_t n)
{
    /* Two passes: means first, then centred sums, which avoids the cancellation of
     * the one-pass formula when the logs are large. */
    double mx = 0, my = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!loglog_point(x[i], y[i]))
            continue;
        k++;
        mx += (log10(x[i]) - mx) / (double)k;
        my += (log10(y[i]) - my) / (double)k;
    }
    if (k < 2)
        return NAN;
    double sxx = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        if (!loglog_point(x[i], y[i]))
            continue;
        const double dx = log10(x[i]) - mx;
        sxx += dx * dx;
        sxy += dx * (log10(y[i]) - my);
    }
    return sxx > 0 ? sxy / sxx : NAN;
}
