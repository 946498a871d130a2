/* view_matrix_internal.h — pieces shared by the matrix generator's view files:
 * view_matrix.c (dispatch, curves, angles), view_matrix_data.c (data) and
 * view_matrix_fit.c (landscape, learning). Every function reads a matrix_detail the
 * caller has locked, and draws into rect r of g. */
#ifndef VIEW_MATRIX_INTERNAL_H
#define VIEW_MATRIX_INTERNAL_H

#include <stddef.h>

#include "detail_matrix.h"
#include "grid.h"
#include "model.h"
#include "rs.h"

/* The slot of det for method (METHOD_MLE or METHOD_SVD), or NULL when that method did
 * not run (or has not finished yet). */
const matrix_detail_est *view_matrix_est(const matrix_detail *det, int method);

/* Split r into `count` parts, side by side when `side`, else stacked; part i into *out. */
grid_rect view_matrix_part(grid_rect r, int side, int i, int count);

rs_status view_matrix_data_draw(const matrix_detail *det, int method, grid_rect r, grid *g);
rs_status view_matrix_landscape_draw(const matrix_detail *det, int method, grid_rect r, grid *g);
/* Streams: draws whatever iterations are there, also before det->head.ready. da (NULL =
 * none): A of an A/B pair (issue 17, point 2), locked by the caller, drawn dim through
 * marked points. */
rs_status view_matrix_learning_draw(const matrix_detail *det, const matrix_detail *da, size_t panel,
                                    grid_rect r, grid *g);

#endif
