/* view_phase_internal.h — what view_phase.c shares with view_phase_ab.c: one map's cell
 * values, labels and marks, built from a view_input, so that the single map and the A/B
 * pair of maps (issue 17) draw them alike. */
#ifndef VIEW_PHASE_INTERNAL_H
#define VIEW_PHASE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"
#include "plot_heatmap.h"
#include "view.h"

enum {
    PH_MAX = PARAM_MAX_LIST,
    PH_MARKS = 4096, /* contour dots: 3 per crossed edge, at most 2 edges per cell */
    PH_TEXT = 256
};

/* One map: the pick, its cells' values (row 0 = the largest y), labels and marks. */
typedef struct {
    const view_input *in;
    size_t n1, n2, id, pending, n_marks;
    size_t cx, cy; /* the cursor's column and row (sweep and sweep2 indices), clamped */
    int method;
    bool contour_on; /* the metric key's threshold is drawn (id is its metric) */
    double values2[PARAM_MAX_LIST];
    double z[PH_MAX * PH_MAX];   /* shown value per cell: raw, or log10 of it */
    double raw[PH_MAX * PH_MAX]; /* the mean itself */
    char col[PH_MAX][40], row[PH_MAX][40], thr[64];
    const char *colp[PH_MAX], *rowp[PH_MAX];
    plot_heatmap_mark marks[PH_MARKS];
} phase_map;

/* Fill m from in's cells for metric id and method, with the cursor at (cx, cy) (clamped):
 * raw means, labels, the contour (when in's metric key is id) and the cursor mark. z is
 * left for phase_map_scale. */
void phase_map_fill(phase_map *m, const view_input *in, size_t id, int method, size_t cx,
                    size_t cy);

/* Whether every finite mean of m is positive (a log colour scale can show them). */
bool phase_map_positive(const phase_map *m);

/* z from raw: log10 when log_z (NaN for what has no logarithm). */
void phase_map_scale(phase_map *m, bool log_z);

/* The heatmap of m titled title (borrowed), quiet about NaN cells (the lines under the
 * map count them). */
void phase_map_heatmap(const phase_map *m, const char *title, bool log_z, plot_heatmap_model *hm);

/* The cursor cell's numbers of m: "= 0.041 ± 0.005 (3 of 3 runs, 1 NaN)". */
int phase_map_stats(const phase_map *m, char *buf, size_t len);

/* " sigma_not_pd ..." (the cursor cell's flags that have a meaning), "" when none. */
void phase_map_flags(const phase_map *m, char *buf, size_t len);

/* "x → r, values as listed (columns) · y ↑ lambda, log steps (rows)" for in. */
void phase_axes_line(const view_input *in, char *buf, size_t len);

/* One line of text at row y of r, ending in " …" when it is cut. */
void phase_put_line(const char *text, int y, grid_rect r, grid *g);

/* One map of in (no A/B) for metric id and method into r, with the lines under it. */
/* Cells whose every finished run is NaN (pending cells not counted). */
size_t phase_map_nan_cells(const phase_map *m);

rs_status phase_single_draw(const view_input *in, const view_opts *o, size_t id, int method,
                            grid_rect r, grid *g);

/* The phase view of an A/B pair (view_phase_ab.c; in->ab_a set): A beside B on one colour
 * scale when r is wide enough, else B alone under a one-line note saying why. */
rs_status view_phase_ab_draw(const view_input *in, const view_opts *o, size_t id, int method,
                             grid_rect r, grid *g);

#endif
