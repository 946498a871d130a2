/* plot_lines.h — line plots: series with optional ±1 std bands, lin/log axes, a
 * legend with fitted slopes, and an optional power-law reference line.
 *
 * The model is plain data owned by the caller (a view builds it from core results);
 * plot_lines_draw keeps no pointer after it returns. Drawing is pure: the same model
 * and rect give the same cells. Layout, top to bottom: title; y-axis title (left) and
 * legend (right-aligned, wrapping, never over the data); the data area with its axes;
 * x tick labels; x-axis title with warnings (non-finite points are gaps and counted,
 * e.g. "! 3 NaN points"). Lines are braille (ASCII look-alikes in ascii mode); bands
 * are a dark tint of the series colour behind the lines in 256-colour mode and a sparse
 * dot pattern otherwise. */
#ifndef PLOT_LINES_H
#define PLOT_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"
#include "rs.h"

typedef struct {
    const char *name;  /* legend text; NULL or "" keeps the series out of the legend */
    int color;         /* xterm-256 index, e.g. palette_series(i) */
    size_t n;          /* number of points */
    const double *x;   /* n values, drawn in this order (sort them for a curve) */
    const double *y;   /* n values; NaN or inf leaves a gap */
    const double *std; /* NULL, or n values: shaded band y - std .. y + std */
    double slope;      /* printed in the legend as "slope -0.49"; NAN = not printed */
    bool markers;      /* mark each point: a glyph of its own per series on lines (•, ×,
                        * +, ◆, ✱, ■ in model order, shown in the legend as ━×), so that
                        * series differ without colour; a 2 x 2 dot blob on scatters */
    bool points_only;  /* scatter: dots (or markers) without joining lines */
    /* With markers on a dense line (learning curves, thousands of points): 0 marks every
     * point; k > 0 marks about k points, at evenly spaced x staggered between the marked
     * series, so that lines lying on one another still each show their glyph somewhere
     * (issue 13, point 9). */
    size_t mark_n;
} plot_lines_series;

typedef struct {
    const char *title, *x_title, *y_title; /* each may be NULL */
    bool x_log, y_log;
    double x_lo, x_hi, y_lo, y_hi; /* fixed ends; NAN = automatic from the data */
    const plot_lines_series *series;
    size_t n_series;
    /* Reference line y = ref_y * (x / ref_x)^ref_slope, e.g. n^{-1/2} anchored at a
     * data point; a straight line on log-log axes. NAN slope = none. It is drawn
     * through twice the anchor (beside the data, not under it) in cells of its own
     * glyph, ╌ (-), that only take blank or band cells. */
    double ref_slope, ref_x, ref_y;
    const char *ref_label; /* legend text, e.g. "n^-1/2"; NULL = not in the legend */
    /* The metric's range, e.g. [0, inf) for an error, [0, 1] for a fraction: bands are
     * clipped to it (NAN = unbounded on that side). Bands always contain their mean; on
     * a log y axis they are geometric, mean ×/÷ exp(std / mean) (the delta-method sd of
     * the log), and the legend says which band is drawn. */
    double band_lo, band_hi;
    /* A cursor on x = x_cursor (NAN = none): a dotted vertical line ┊ in the cells no
     * data holds, with x_cursor_label (e.g. "n = 20000, the knob") in the legend. */
    double x_cursor;
    const char *x_cursor_label;
} plot_lines_model;

/* Set every field to "empty": no titles, linear axes, automatic ranges, no series,
 * no reference line. */
void plot_lines_init(plot_lines_model *m);

/* A series with the given data, joined by lines, with no band, slope or markers. */
plot_lines_series plot_lines_series_make(const char *name, int color, size_t n, const double *x,
                                         const double *y);

/* Paint model m into rect r of grid g (the rect is cleared first; nothing outside it
 * is touched). Returns RS_OK; RS_EINVAL when a series has n > 0 and a NULL x or y, or
 * when a fixed range is unusable (lo >= hi, or <= 0 on a log axis) — the rect then
 * shows the reason; RS_ENOMEM when the canvas cannot be allocated. */
rs_status plot_lines_draw(const plot_lines_model *m, grid_rect r, grid *g);

#endif
