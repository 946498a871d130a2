/* view_teacher_internal.h — shared by the view_teacher*.c files only. */
#ifndef VIEW_TEACHER_INTERNAL_H
#define VIEW_TEACHER_INTERNAL_H

#include <stddef.h>

#include "detail_teacher.h"
#include "grid.h"
#include "rs.h"
#include "view.h"

enum { VT_TILES_MAX = 4 };

/* Short name of a loss as the paper writes it (ℓ2, G, L, L̂). */
const char *view_teacher_loss_symbol(int method);

/* Split r into one tile per loss of `mask` (side by side, 2 x 2 or stacked, each at
 * least min_w x min_h; of these the layout with the largest square maps), or, when
 * none fits, one tile for `selected` only.
 * Fills methods[] and tiles[]; returns how many. */
size_t view_teacher_tiles(unsigned mask, int selected, grid_rect r, int min_w, int min_h,
                          int *methods, grid_rect *tiles);

/* The views drawn from a ready detail (locked by the caller). */
rs_status view_teacher_angles(const teacher_detail *det, const view_input *in, int selected,
                              grid_rect r, grid *g);
rs_status view_teacher_landscape(const teacher_detail *det, const view_input *in, int selected,
                                 grid_rect r, grid *g);
rs_status view_teacher_data(const teacher_detail *det, const view_input *in, grid_rect r, grid *g);

/* The curves view (the LLSFE accuracy percentiles of Figures 1-2 when only llsfe runs). */
rs_status view_teacher_curves(const view_input *in, const view_opts *o, grid_rect r, grid *g);

#endif
