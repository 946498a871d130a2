/* view_curves.h — the curves view shared by every generator (SPEC 6): chosen metrics
 * vs the swept key, mean line with a ±1 std band over the finished runs, one series
 * per compared method, the fitted log-log slope in the legend, and an optional
 * reference slope line. Log x for n, kappa and keys swept with sweep_scale = log.
 *
 * Layout: as many panels as fit (side by side when each gets >= 50 columns, stacked
 * when each gets >= 12 rows), starting at the one opts->metric picks. With sweep = none
 * there is nothing to draw a curve over: a table of mean ± std per method and metric
 * is shown instead. */
#ifndef VIEW_CURVES_H
#define VIEW_CURVES_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"
#include "rs.h"
#include "view.h"

typedef struct {
    size_t id;         /* metric id of in->ops */
    const char *title; /* panel title, e.g. "‖Σ̂ − WWᵀ‖_F / ‖W‖²_F"; NULL = metric name */
    double ref_slope;      /* reference line exponent when opts->ref_line (NAN = none) */
    const char *ref_label; /* e.g. "n^-1/2" */
    /* A theory guide (a paper's rate or bound, issue 14 item 9): y = c * guide(x, p), or
     * c + guide(x, p) when guide_additive, drawn grey with c fitted to the first finished
     * point of the first series (the constant the paper leaves unknown; the legend says
     * so). guide returns NAN, and its label, for the swept key p->sweep: NAN everywhere
     * when it has no guide for that key. NULL = none. */
    double (*guide)(double x, const rs_params *p, const char **label);
    bool guide_additive;
} view_curves_metric;

/* Draw the metrics of `metrics` (n_metrics of them) for the methods of in->p.
 * method_mask (bit set of rs_method) restricts the series (0 = all of param_methods). */
rs_status view_curves_draw(const view_input *in, const view_opts *o,
                           const view_curves_metric *metrics, size_t n_metrics,
                           unsigned method_mask, grid_rect r, grid *g);

#endif
