/* view_quadratic_internal.h — shared by the view_quadratic*.c files only: the per-view
 * draw functions (called with the detail locked and ready) and small layout helpers. */
#ifndef VIEW_QUADRATIC_INTERNAL_H
#define VIEW_QUADRATIC_INTERNAL_H

#include "detail_quadratic.h"
#include "grid.h"
#include "rs.h"
#include "view.h"

/* angles: true vs estimated cos∠(Q_a, Q_b) and their difference, with the gauge panel
 * (Q_c vs U Q_c Uᵀ) or, for diagonal Q_a, the planted W vs Jennrich's Ŵ. */
rs_status vq_angles_draw(const quadratic_detail *det, grid_rect r, grid *g);

/* data: histogram of x_c (a generalised chi-square) and the scatter of (x_c, x_c2). */
rs_status vq_data_draw(const quadratic_detail *det, grid_rect r, grid *g);

/* landscape: the recovery error (and Jennrich's gap) over the (n, smooth) grid. */
rs_status vq_landscape_draw(const quadratic_detail *det, const rs_params *p, grid_rect r, grid *g);

/* Write text word-wrapped (text_draw, no cut mark) into the rows [y, r.y + r.h) of r;
 * returns the rows used (with g NULL, only counts them). */
int vq_text(grid *g, grid_rect r, int y, const char *text, grid_style s);

/* The sum-of-squares note of issue 7 (the long one when it fits in w columns). */
const char *vq_sos_note(int w);

/* Draw text dimmed and wrapped at the bottom of r when it takes under a third of r;
 * returns the rows it took (0 when not drawn). */
int vq_note_draw(grid *g, grid_rect r, const char *text);

/* Split r into n side-by-side (or, when !side, stacked) parts; part i. */
grid_rect vq_part(grid_rect r, int n, int i, bool side);

#endif
