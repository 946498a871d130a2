/* view.h — the five views of SPEC 6 for every generator, drawn from core's results.
 *
 * A view turns what a computation produced — the sweep cells (possibly still filling:
 * only cells with done = 1 are read) and the generator's detail struct (relu_detail,
 * matrix_detail, teacher_detail, quadratic_detail; read under its lock) — into plot
 * models and paints them into a rect. Views know result types, never algorithms
 * (STYLE 1): nothing here runs a generator, estimator or metric.
 *
 * Dispatch: each generator describes its views in one view_gen (view_<gen>.c); view_draw
 * reads it, locks the detail and shows the waiting message until it is ready. A view a
 * generator does not have shows a one-line reason instead (never an empty rect). */
#ifndef VIEW_H
#define VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"
#include "model.h"
#include "param.h"
#include "rs.h"
#include "sweep.h"

/* What one computation produced, as the views read it. All pointers are borrowed. */
typedef struct view_input {
    const rs_params *p;   /* the parameters the computation ran with */
    const model_ops *ops; /* metric and flag names */
    size_t n_values, runs;
    const double *values;    /* n_values sweep values (values[0] = 0 when sweep = none) */
    const sweep_cell *cells; /* n_values * runs, index v * runs + run; done = 1 when filled */
    void *detail;            /* the generator's detail (lock it to read), or NULL */
    /* value index the detail belongs to. A phase map (p->sweep2 set, issue 17): values
     * are sweep's (the columns), sweep2's follow from p (param_sweep2_values), cells
     * hold n_values x those pairs, pair v = i2 * n_values + i1, and detail_value is
     * the detail's pair v. */
    size_t detail_value;
    /* A/B (issue 17, point 2): the frozen computation A, drawn dim beside this one (B)
     * by the curves views, with a legend of the keys that differ; NULL = no A. */
    const struct view_input *ab_a;
} view_input;

/* "A: kappa = 1  B: kappa = 25": the keys of a's generator whose values differ between
 * a->p and b->p, into buf (size bytes); "A and B: no key differs" when none does. */
void view_ab_legend(const view_input *a, const view_input *b, char *buf, size_t size);

/* Per-view choices the keyboard changes (app keeps them; views only read them). */
typedef struct {
    size_t metric; /* curves: the metric shown when only one panel fits ('m' cycles) */
    bool ref_line; /* curves: draw the reference slope line (e.g. n^-1/2) ('f') */
    size_t method; /* angles, data, landscape, learning: which of the compared methods
                    * is shown, as an index into the set bits of param_methods ('e') */
    int y_scale;   /* curves: VIEW_Y_AUTO (the metric's rule), VIEW_Y_LOG or VIEW_Y_LIN ('y') */
    /* phase (issue 17): the cursor's cell, column = sweep index, row = sweep2 index (the
     * other views show the cursor's row as a 1-D sweep); 'H' 'J' 'K' 'L' */
    size_t phase_x, phase_y;
    /* curves: metric names ("sqrt_kl, err_sigma", a preset's panels key; borrowed, NULL =
     * none) drawn first, in this order, before the generator's others (issue 13, point 5:
     * a preset opens on the panels its caption talks about). Names the generator lacks
     * are skipped. */
    const char *panels;

    /* issue 17, point 4: the axes you control */
    int x_scale;       /* curves: VIEW_Y_AUTO (the key's rule), VIEW_Y_LOG or VIEW_Y_LIN ('x') */
    bool y_zoom;       /* curves: y range fitted to the means shown, bands and guides left out
                        * of it ('z' sets, 'Z' clears) */
    double y_lo, y_hi; /* curves: a pinned y range (a preset's ylim); NAN = automatic */
} view_opts;

enum { VIEW_Y_AUTO, VIEW_Y_LOG, VIEW_Y_LIN, VIEW_Y_COUNT };

/* Whether the curves' x axis is logarithmic under o for parameters p (sweep set): by
 * the key's rule (n and kappa, and keys swept with sweep_scale = log, are log), or as
 * 'x' chose; never log when a sweep value is <= 0. */
bool view_x_log(const view_opts *o, const rs_params *p);

/* Whether a curves panel of metric `name` with smallest finite mean y_min draws a log y
 * axis under o: by the metric's rule (errors, norms and times, being positive and
 * spanning decades, are log when all are above 0; bounded and signed metrics linear;
 * the data's span plays no part, so a knob change never flips it), or as 'y' chose. */
bool view_y_log(const view_opts *o, const char *name, double y_min);

void view_opts_init(view_opts *o);

/* Paint view `view` (rs_view) of in into r of g. RS_OK, or the plot's error (the rect
 * then says why). */
rs_status view_draw(const view_input *in, int view, const view_opts *o, grid_rect r, grid *g);

/* Append "method: flag flag ..." (the names of the set bits of flags, ops->flag_names) to
 * buf of size bytes holding len bytes, two spaces after earlier text; returns the new
 * length (clamped to size - 1). The shared text of the views' flag warnings. */
int view_flags_append(const model_ops *ops, int method, unsigned flags, char *buf, size_t size,
                      int len);

/* The range of metric `name` (a name of some ops->metric_names) into [*lo, *hi], NAN for
 * an open end: errors, norms and times are [0, inf), fractions [0, 1], angles [0, pi],
 * losses and objectives unbounded. Bands are clipped to it (issue 13, point 2). */
void view_metric_range(const char *name, double *lo, double *hi);

/* One line saying what flag `name` (of some ops->flag_names) means and which numbers
 * it leaves NaN, e.g. "Σ̂ not positive definite: sqrt_kl is NaN"; NULL when unknown. */
const char *view_flag_meaning(const char *name);

/* Row or column labels "base", "base + 1", ... for n indices of a heatmap (issue 13,
 * point 12: every matrix map carries its indices); static storage shared by all callers,
 * NULL when n exceeds VIEW_INDEX_MAX (the heatmap then has none). */
enum { VIEW_INDEX_MAX = 256 };
const char *const *view_index_labels(size_t n, size_t base);

/* Which job a detail view shows, into buf: "n = 2000, run 1 of 10" (the swept key's value
 * the detail belongs to; n when nothing is swept). Returns snprintf's count. Every detail
 * view says it on its bottom row (issue 13, point 12). */
int view_detail_where(const view_input *in, char *buf, size_t size);

/* Whether the n points (x[i], y[i]) follow a power law well enough for a log-log slope
 * to mean something: in log-log space, over the finite positive points, R² >= 0.9 of
 * the least-squares line and, with 4 or more points, a slope that drifts by at most 0.5
 * along a fitted parabola (fewer than 3 points cannot tell, and pass). */
bool view_power_law(const double *x, const double *y, size_t n);

/* Which views the generator has (bit set of rs_view), for the tabs. */
unsigned view_available(int generator);

/* The method shown for opts->method: the (method % count)-th set bit of
 * param_methods(p); -1 when there is none. */
int view_method(const rs_params *p, const view_opts *o);

/* A braille scatter of n points (x[i], y[i]) with its titles: the data views' picture of
 * two coordinates. */
rs_status view_scatter_draw(const char *title, const char *x_title, const char *y_title, size_t n,
                            const double *x, const double *y, grid_rect r, grid *g);

/* A generator's detail view: draws `detail` (the generator's detail struct, locked by
 * the caller, ready or streaming) into r. */
typedef rs_status (*view_detail_fn)(const view_input *in, const void *detail, const view_opts *o,
                                    grid_rect r, grid *g);

/* What one generator draws: its descriptor in ui (view_<gen>.c), as model_<gen> is in
 * core. view.c holds the list and does the lock / ready / waiting / dispatch once. */
typedef struct {
    /* the curves view, from the sweep cells alone */
    rs_status (*curves)(const view_input *in, const view_opts *o, grid_rect r, grid *g);
    view_detail_fn detail[VIEW_COUNT]; /* per detail view; NULL where model_ops.views lacks it */
    /* 1 when `view` can already draw from a detail that is not ready (curves streaming in
     * while an optimiser runs); NULL = never. Called under the detail's lock. */
    int (*streams)(const void *detail, int view);
    /* A line at the bottom of every detail view (e.g. the run's flags); returns the rest
     * of r. NULL = none. */
    grid_rect (*footer)(const view_input *in, grid_rect r, grid *g);
} view_gen;

/* The views of a generator, or NULL when it has none. Static storage. */
const view_gen *view_gen_get(int generator);

/* Tab labels of the views generator offers ("1 curves", "2 angles", ...): fills
 * labels[i] (capacity VIEW_COUNT, each VIEW_TAB_LEN bytes) and returns their count;
 * *active = the index of `view` among them (0 when absent). */
enum { VIEW_TAB_LEN = 32 };
size_t view_tabs(int generator, int view, char labels[][VIEW_TAB_LEN], size_t *active);

/* The tabs of the screen for p: view_tabs, then "6 phase" when p has a second swept key
 * (or the phase view is shown). labels has room for VIEW_ALL_COUNT. */
size_t view_tabs_for(const rs_params *p, int view, char labels[][VIEW_TAB_LEN], size_t *active);

/* What screen_model.plot needs to draw a view (screen_plot_fn over a view_plot). */
typedef struct {
    const view_input *in;
    int view; /* rs_view */
    const view_opts *opts;
} view_plot;

/* A screen_plot_fn: view_draw(ctx->in, ctx->view, ctx->opts, r, g) for a view_plot ctx. */
rs_status view_plot_draw(const void *ctx, grid_rect r, grid *g);

#endif
