/* stats.c — order statistics and the log-log slope shared by core (see stats.h). */
#include "stats.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

int stats_cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The type-7 interpolation between the order statistics lo (rank k) and hi (rank k + 1)
 * at h = q (n - 1), k = floor(h). */
static double interpolate(double lo, double hi, double h, size_t k)
{
    return lo + (h - (double)k) * (hi - lo);
}

double stats_quantile_sorted(const double *v, size_t n, double q)
{
    if (n == 0)
        return NAN;
    const double h = q * (double)(n - 1);
    const size_t k = (size_t)floor(h);
    return k + 1 < n ? interpolate(v[k], v[k + 1], h, k) : v[n - 1];
}

/* Hoare's selection: after the call x[k] holds the value of rank k and x[0..k-1] <= x[k]
 * <= x[k+1..n-1]. Expected O(n) with the median-of-three pivot. */
static void select_rank(double *x, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        double a = x[lo], b = x[mid], c = x[hi];
        const double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t i = lo, j = hi;
        while (i <= j) {
            while (x[i] < pivot)
                i++;
            while (x[j] > pivot)
                j--;
            if (i <= j) {
                const double t = x[i];
                x[i] = x[j];
                x[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

double stats_quantile_select(double *x, size_t n, double q)
{
    if (n == 0)
        return NAN;
    const double h = q * (double)(n - 1);
    const size_t k = (size_t)floor(h);
    select_rank(x, n, k);
    if (k + 1 >= n)
        return x[k];
    /* The next order statistic is the minimum of the upper part. */
    double hi = x[k + 1];
    for (size_t j = k + 2; j < n; j++)
        hi = x[j] < hi ? x[j] : hi;
    return interpolate(x[k], hi, h, k);
}

size_t stats_quantile_rank(size_t n, double q)
{
    return (size_t)floor(q * (double)(n - 1));
}

double stats_quantile_from_ranks(double lo, double hi, size_t n, double q)
{
    const double h = q * (double)(n - 1);
    const size_t k = (size_t)floor(h);
    return k + 1 >= n ? lo : interpolate(lo, hi, h, k);
}

double stats_select(double *x, size_t n, size_t k)
{
    select_rank(x, n, k);
    return x[k];
}

double stats_quantile(double *v, size_t m, double q)
{
    size_t c = 0;
    for (size_t i = 0; i < m; i++)
        if (isfinite(v[i]))
            v[c++] = v[i];
    qsort(v, c, sizeof *v, stats_cmp_double);
    return stats_quantile_sorted(v, c, q);
}

/* Whether (x, y) is a point of the log-log fit. */
static bool loglog_point(double x, double y)
{
    return isfinite(x) && isfinite(y) && x > 0 && y > 0;
}

double stats_loglog_slope(const double *x, const double *y, size_t n)
{
    /* Two passes: running means first (STYLE 6), then centred sums, which avoids the
     * cancellation of the one-pass formula when the logs are large. */
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
