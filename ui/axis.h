/* axis.h — scales, tick selection and the axis frame shared by the x-y plots.
 *
 * A scale maps data values to a fraction of the axis (linear or log10). Ticks are
 * round numbers: linear axes step by 1, 2 or 5 times a power of ten; log axes put a
 * tick at each decade (every m-th decade when there are too many, 1-2-5 multiples
 * when there are too few). A frame is the layout of a plot rect into a y-label gutter,
 * the data area, the x axis line, its labels and an optional title row. */
#ifndef AXIS_H
#define AXIS_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"

enum { AXIS_MAX_TICKS = 24, AXIS_LABEL_LEN = 16 };

typedef struct {
    double lo, hi; /* finite, lo < hi; both > 0 on a log scale */
    bool log;
} axis_scale;

typedef struct {
    size_t n;
    double v[AXIS_MAX_TICKS];
    char label[AXIS_MAX_TICKS][AXIS_LABEL_LEN];
} axis_ticks;

typedef struct {
    grid_rect plot; /* the data area, in cells */
    int axis_x;     /* column of the y axis line (plot.x - 1) */
    int axis_y;     /* row of the x axis line (plot.y + plot.h) */
    int title_y;    /* row for the x title, or -1 */
    grid_rect area; /* the rect the frame was laid out in */
    axis_ticks xt, yt;
} axis_frame;

/* Fraction of the axis at value v: 0 at lo, 1 at hi (outside [0, 1] beyond the ends).
 * NaN when v cannot be placed: not finite, or <= 0 on a log scale. */
double axis_frac(const axis_scale *s, double v);

/* Value at fraction f (inverse of axis_frac). */
double axis_value(const axis_scale *s, double f);

/* Smallest step of the form {1, 2, 5} x 10^k whose multiples inside [lo, hi] number at
 * most max_n (clamped to >= 2). lo < hi, both finite. */
double axis_nice_step(double lo, double hi, size_t max_n);

/* Round ticks inside [s->lo, s->hi], at most max_n (clamped to 2..AXIS_MAX_TICKS),
 * with their labels. */
void axis_ticks_make(const axis_scale *s, size_t max_n, axis_ticks *t);

/* Finish an automatic range from data extremes lo, hi (either may be NaN when there
 * is no data): pad by pad_frac of the span on each side (in log10 units on a log
 * axis; a padded linear range does not cross 0 when the data does not), and widen
 * a degenerate range to something drawable. Fixed ends (fix_lo / fix_hi finite)
 * are kept as given. Returns false when the result is still not a valid scale (e.g. a
 * fixed non-positive end on a log axis). */
bool axis_scale_auto(axis_scale *s, double lo, double hi, double fix_lo, double fix_hi,
                     double pad_frac);

/* Lay out a frame in r: x axis line, x tick labels and (when x_title_row) an x title
 * row at the bottom; y tick labels in a gutter on the left. Chooses the ticks so that
 * labels never overlap. The plot area is empty (w or h 0) when r is too small. */
void axis_frame_layout(axis_frame *f, const axis_scale *x, const axis_scale *y, grid_rect r,
                       bool x_title_row);

/* Draw the frame's axes, ticks and labels, and x_title (may be NULL) centred on the
 * title row. */
void axis_frame_draw(const axis_frame *f, const axis_scale *x, const axis_scale *y,
                     const char *x_title, grid *g);

/* Dot coordinates (for a canvas covering f->plot) of fractions fx, fy along x and y:
 * fx = 0 is the first dot column, fx = 1 the last; fy = 0 the bottom dot row. */
double axis_dot_x(const axis_frame *f, double fx);
double axis_dot_y(const axis_frame *f, double fy);

/* Format v as a tick label for ticks spaced by step (linear) into buf: fixed decimals
 * for moderate magnitudes, mantissa-exponent ("1.5e6") otherwise, "0" for zero. */
void axis_format(double v, double step, char *buf, size_t len);

#endif
