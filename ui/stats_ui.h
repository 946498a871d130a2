/* stats_ui.h — the few statistics the views draw with: a sorted quantile and the log-log
 * slope printed in line-plot legends.
 *
 * core has the same functions in core/stats.h; the toolkit includes nothing from core but
 * rs.h (STYLE 1, tests/test_ui_layer.c), so the ui layer keeps this one copy of its own,
 * with the same definitions: a quantile is the type-7 one (gsl_stats_quantile), the slope
 * a two-pass least-squares fit. */
#ifndef STATS_UI_H
#define STATS_UI_H

#include <stddef.h>

/* qsort comparator of doubles, ascending (non-NaN values). */
int stats_ui_cmp_double(const void *a, const void *b);

/* The q-quantile (0..1) of v[0..n-1], sorted ascending and finite: the order statistics of
 * ranks floor(h) and floor(h) + 1 interpolated at h = q (n - 1). NAN when n is 0. */
double stats_ui_quantile_sorted(const double *v, size_t n, double q);

/* Least-squares slope of log10 y against log10 x over the points where both are finite
 * and positive: the exponent of a power law y = c x^slope. NAN when fewer than two
 * points remain or all their x are equal. */
double stats_ui_loglog_slope(const double *x, const double *y, size_t n);

#endif
