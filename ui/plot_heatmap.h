/* plot_heatmap.h — heatmaps of a matrix or of a function over two parameters.
 *
 * Two modes, chosen by layout:
 *  - value labels: when m->labels is set and every data cell can get >= 5 columns
 *    (and room for its label) by 1 row, each data cell is a block of whole text cells
 *    in its colour with the value printed in a contrasting colour;
 *  - half blocks: otherwise each text cell shows two data rows, '▀' with fg = upper
 *    and bg = lower colour. Monochrome grids use the density ramp " .:-=+*#%@" and
 *    ascii grids coloured spaces, one data sample per text cell.
 * A labelled colour bar (hi, middle, lo) sits right of the map. Sequential data use the
 * viridis-like palette; diverging data the blue-white-red one, symmetric around 0.
 * NaN and inf cells are grey ('?' where a whole text cell is non-finite) and counted in
 * a warning ("! 3 NaN cells"). Optional: title, row and column labels (matrices), x/y
 * ranges with ticks (continuous heatmaps such as loss landscapes), a path overlay
 * (e.g. an optimiser's iterates, braille) and marked points (e.g. the MLE, '×'), with
 * a legend for the overlays under the map.
 *
 * The model is plain data owned by the caller; plot_heatmap_draw keeps no pointer. */
#ifndef PLOT_HEATMAP_H
#define PLOT_HEATMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "glyph.h"
#include "grid.h"
#include "rs.h"

typedef struct {
    double x, y;
} plot_heatmap_point;

typedef struct {
    double x, y;       /* position in data coordinates (see plot_heatmap_model) */
    glyph_id glyph;    /* GLYPH_MARK_X, GLYPH_MARK_STAR or GLYPH_MARK_DOT */
    int color;         /* xterm-256, or < 0 for black/white contrasting with the cell */
    const char *label; /* legend text; marks sharing a label share one entry; NULL = none */
} plot_heatmap_mark;

typedef struct {
    const char *title;
    size_t rows, cols;
    const double *z;               /* rows * cols values, row-major; row 0 is drawn at the top */
    bool diverging;                /* signed data: blue - white - red, symmetric around 0 */
    double z_lo, z_hi;             /* colour range; NAN = automatic (min..max, or +-max|z|) */
    int digits;                    /* decimals of labels and colour bar; < 0 = automatic */
    bool labels;                   /* print values in cells when they are large enough */
    bool square;                   /* keep data cells square (matrices); else fill the rect */
    const char *const *row_labels; /* NULL or rows strings, left of the map */
    const char *const *col_labels; /* NULL or cols strings, above the map */
    const char *cbar_title;        /* above the colour bar, e.g. "|err|"; may be NULL */
    /* Continuous axes, used when x_lo < x_hi and y_lo < y_hi are finite: column 0 is
     * sampled at x = x_lo and column cols-1 at x_hi (a linspace), row 0 at y = y_hi
     * (top) and row rows-1 at y_lo. Otherwise overlay coordinates are indexes:
     * x = column, y = row (0 at the top). */
    double x_lo, x_hi, y_lo, y_hi;
    const char *x_title, *y_title;
    const plot_heatmap_point *path; /* n_path points joined by a line; NULL = none */
    size_t n_path;
    int path_color;
    const char *path_label;
    const plot_heatmap_mark *marks;
    size_t n_marks;
    bool quiet_nan; /* the caller says why cells are non-finite: no "! 3 NaN cells" */
    bool z_log10;   /* z holds log10 of the values: the colour bar shows the values */
} plot_heatmap_model;

/* Set every field to "empty": no data, sequential, automatic range and digits, no
 * labels, no axes, no overlays; path colour white. */
void plot_heatmap_init(plot_heatmap_model *m);

/* Paint m into rect r of g (cleared first; nothing outside it is touched). Returns
 * RS_OK; RS_EINVAL for rows or cols 0 or above 2^20, a NULL z, or an unusable
 * fixed range (the rect then says why); RS_ENOMEM when the overlay canvas cannot be
 * allocated. A rect too small for any map shows "too small". */
rs_status plot_heatmap_draw(const plot_heatmap_model *m, grid_rect r, grid *g);

#endif
