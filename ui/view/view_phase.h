/* view_phase.h — the phase view (issue 17): a metric's mean over the runs of each pair of
 * a 2-D sweep (sweep = x, sweep2 = y) as a heatmap with both axes labelled by the keys'
 * values, a colour bar, a cursor cell read out as numbers (mean ± sd, runs, flags) and
 * an optional threshold contour. Drawn for every generator from the cells alone. */
#ifndef VIEW_PHASE_H
#define VIEW_PHASE_H

#include <stddef.h>

#include "grid.h"
#include "rs.h"
#include "view.h"

/* Paint the phase map of in (in->n_values2 > 0) into r; a one-line reason when in is not
 * a 2-D sweep. RS_OK, or the heatmap's error. */
rs_status view_phase_draw(const view_input *in, const view_opts *o, grid_rect r, grid *g);

/* The metric id and method the map shows under o: from the metric key (p->metric), 'm'
 * (opts->metric) steps through every method of every metric. *method = -1 when none.
 * The contour (p->contour) is drawn on the metric key's metric only. */
void view_phase_pick(const view_input *in, const view_opts *o, size_t *metric, int *method);

/* The number of (metric, method) choices 'm' cycles through. */
size_t view_phase_choices(const view_input *in);

/* Row `row` (a sweep2 index, clamped) of a phase map as a 1-D sweep over sweep, for the
 * other views: out borrows in's cells, p_out holds the parameters with sweep2's key set
 * to the row's value. A copy of in when in is not a phase map. */
void view_phase_row(const view_input *in, size_t row, view_input *out, rs_params *p_out);

#endif
