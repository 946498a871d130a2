/* stats.h — the small statistics core shares: order statistics with linear interpolation
 * and the least-squares slope of a power law.
 *
 * Every quantile here is the same one, the "type 7" definition of gsl_stats_quantile and
 * R's default: for m values and 0 <= q <= 1, the order statistics of ranks floor(h) and
 * floor(h) + 1 (0-based) interpolated at h = q (m - 1). The functions differ only in how
 * they find those ranks (sorted input, selection, sort after dropping non-finite values).
 * The views (ui/view/) print the same slopes and quantiles through this header: pure
 * arithmetic on arrays, the one copy in the tree. */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>

/* qsort comparator of doubles, ascending; for non-NaN values only (a NaN compares equal
 * to everything, which leaves the order undefined). */
int stats_cmp_double(const void *a, const void *b);

/* The q-quantile of v[0..n-1], sorted ascending and finite; NAN when n is 0. */
double stats_quantile_sorted(const double *v, size_t n, double q);

/* The q-quantile of x[0..n-1] (finite) by selection, expected O(n): x is reordered in
 * place; NAN when n is 0. Same value as stats_quantile_sorted on the sorted x. */
double stats_quantile_select(double *x, size_t n, double q);

/* The rank k = floor(q (n - 1)) whose order statistic (with rank k + 1's) gives
 * stats_quantile_select's quantile q of n values. */
size_t stats_quantile_rank(size_t n, double q);

/* stats_quantile_select's value from the order statistics lo (rank k) and hi (rank k + 1,
 * ignored when k + 1 >= n) of n values, k = stats_quantile_rank(n, q): bit for bit the
 * same, for callers that find the two order statistics another way (by streaming). */
double stats_quantile_from_ranks(double lo, double hi, size_t n, double q);

/* The value of rank k (0-based) of x[0..n-1], n > k; reorders x. */
double stats_select(double *x, size_t n, size_t k);

/* The q-quantile of the finite values among v[0..m-1]: they are moved to the front of v
 * and sorted, the others dropped; NAN when none is finite. */
double stats_quantile(double *v, size_t m, double q);

/* Least-squares slope of log y against log x over the points where both are finite and
 * positive: the exponent of a power law y = c x^slope. NAN when fewer than two points
 * remain or all their x are equal. */
double stats_loglog_slope(const double *x, const double *y, size_t n);

#endif
