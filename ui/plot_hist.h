/* plot_hist.h — histograms with a point mass at zero and an overlaid density curve.
 *
 * For data such as one coordinate of ReLU(Wz + b), which is exactly 0 with positive
 * probability: the continuous part is a density histogram (bars of eighth blocks, so
 * heights resolve to 1/8 row) on lin axes, the atom at zero is a separate bar left of
 * the y axis on its own probability scale (full height = 1), labelled with its mass
 * ("P(0)=0.41"), and a density curve (e.g. the fitted truncated normal) is drawn over
 * the bars in braille. Layout as plot_lines: title, y title and legend, axes, x title
 * with warnings for non-finite values.
 *
 * The model is plain data owned by the caller; plot_hist_draw keeps no pointer. */
#ifndef PLOT_HIST_H
#define PLOT_HIST_H

#include <stddef.h>

#include "grid.h"
#include "rs.h"

typedef struct {
    const char *title, *x_title, *y_title; /* each may be NULL */
    size_t n_bins;
    const double *edges;             /* n_bins + 1 bin edges, strictly increasing */
    const double *density;           /* n_bins densities (>= 0; NaN leaves the bin empty) */
    double zero_mass;                /* probability of exactly 0, in [0, 1]; NAN = no atom shown */
    const double *curve_x, *curve_y; /* n_curve points of a density; NULL = none */
    size_t n_curve;
    const char *bars_label, *curve_label;   /* legend texts; NULL = not in the legend */
    int bar_color, curve_color, zero_color; /* xterm-256 */
    double x_lo, x_hi, y_hi;                /* fixed ranges (y starts at 0); NAN = automatic */
} plot_hist_model;

/* Set every field to "empty": no data, no atom, no curve, automatic ranges, default
 * colours (steel-blue bars, orange atom, white curve). */
void plot_hist_init(plot_hist_model *m);

/* Paint m into rect r of g (cleared first; nothing outside it is touched). Returns
 * RS_OK; RS_EINVAL when bins are given without edges or densities, the edges do not
 * increase, a curve has NULL arrays, zero_mass is outside [0, 1] or a fixed range is
 * unusable (the rect then says why); RS_ENOMEM when the canvas cannot be allocated. */
rs_status plot_hist_draw(const plot_hist_model *m, grid_rect r, grid *g);

#endif
