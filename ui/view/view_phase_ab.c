/* view_phase_ab.c — the phase view of an A/B pair (issue 17): A's map beside B's, so that
 * two estimators' or two κ's phase diagrams compare at a glance. Both maps share one
 * colour scale (equal colours mean equal values, log for both or for neither), each is
 * titled with its side's values of the keys that differ (the A/B legend's text), and the
 * cursor sits on the same cell of both, read out as A's and B's mean ± sd. When the rect
 * cannot hold two maps of the view's minimum width, B is drawn alone under a one-line
 * note: A is never dropped without saying so. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "palette.h"
#include "plot.h"
#include "plot_heatmap.h"
#include "text.h"
#include "view_phase.h"
#include "view_phase_internal.h"

enum {
    /* Each map's narrowest: a 7 x 7 map still has cells 3 columns wide beside its row
     * labels and colour bar, and two maps fit the plot area of a 120-column terminal
     * (80 columns beside the knob panel); narrower, B alone and a note. */
    AB_MIN_W = 38,
    AB_GAP = 2, /* columns between the two maps */
    AB_TEXT = 1024
};

/* A's method for B's: the same when A computes it, else A's method at B's method's place
 * among B's (A compared other estimators: show the one in the same slot). */
static int a_method(const view_input *a, const view_input *b, int method)
{
    const unsigned sa = param_methods(a->p), sb = param_methods(b->p);
    if ((sa >> method) & 1u)
        return method;
    size_t slot = 0, na = 0;
    for (int m = 0; m < method; m++)
        slot += (sb >> m) & 1u;
    for (int m = 0; m < METHOD_COUNT; m++)
        na += (sa >> m) & 1u;
    if (!na)
        return -1;
    slot %= na;
    for (int m = 0; m < METHOD_COUNT; m++)
        if (((sa >> m) & 1u) && slot-- == 0)
            return m;
    return -1;
}

/* Why A cannot be drawn as a map beside B, or NULL when it can. */
static const char *not_a_map(const view_input *a, const view_input *b)
{
    if (!a->cells || a->n_values == 0 || a->p->sweep2 < 0)
        return "A is not a phase map; this view shows B";
    if (a->p->generator != b->p->generator)
        return "A is another generator; this view shows B";
    if (a->p->sweep != b->p->sweep || a->p->sweep2 != b->p->sweep2)
        return "A maps other keys; this view shows B";
    return NULL;
}

/* B alone under one line: why (`why`), then the keys that differ (the legend's text). */
static rs_status b_alone(const view_input *in, const view_opts *o, size_t id, int method,
                         const char *why, grid_rect r, grid *g)
{
    char text[AB_TEXT + 128], legend[AB_TEXT];
    view_ab_legend(in->ab_a, in, legend, sizeof legend);
    char *half = strstr(legend, "   B: "); /* text_draw would fold the spaces: a dot */
    if (half)
        *half = 0;
    snprintf(text, sizeof text, "A/B: %s · %s%s%s", why, legend, half ? " · " : "",
             half ? half + 3 : "");
    const grid_style st = grid_style_make(PALETTE_TITLE, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
    text_draw(g, (grid_rect){r.x, r.y, r.w, 1}, text, st, true);
    return phase_single_draw(in, o, id, method, (grid_rect){r.x, r.y + 1, r.w, r.h - 1}, g);
}

/* The shared colour range of the two maps' z into [*lo, *hi]; NAN when they hold no two
 * distinct finite values (the heatmap then picks its own, which is the same for both). */
static void shared_range(const phase_map *a, const phase_map *b, double *lo, double *hi)
{
    *lo = INFINITY, *hi = -INFINITY;
    const phase_map *m[2] = {a, b};
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < m[s]->n1 * m[s]->n2; k++)
            if (isfinite(m[s]->z[k])) {
                *lo = fmin(*lo, m[s]->z[k]);
                *hi = fmax(*hi, m[s]->z[k]);
            }
    if (!(*lo < *hi))
        *lo = *hi = NAN;
}

/* "A: kappa = 1" and "B: kappa = 25": the legend's two halves as the maps' titles. */
static void side_titles(const view_input *a, const view_input *b, char *ta, char *tb, size_t len)
{
    char legend[AB_TEXT];
    view_ab_legend(a, b, legend, sizeof legend);
    char *half = strstr(legend, "   B: ");
    if (strncmp(legend, "A: ", 3) != 0 || !half) { /* "A and B: no key differs" */
        snprintf(ta, len, "A (no key differs)");
        snprintf(tb, len, "B (no key differs)");
        return;
    }
    *half = 0;
    snprintf(ta, len, "%s", legend);
    snprintf(tb, len, "%s", half + 3);
}

/* "r = 3, lambda = 0.1": the cursor cell's pair of m. */
static void cell_pair(const phase_map *m, char *buf, size_t len)
{
    const rs_params *p = m->in->p;
    snprintf(buf, len, "%s = %g, %s = %g", param_table[p->sweep].key, m->in->values[m->cx],
             param_table[p->sweep2].key, m->values2[m->cy]);
}

/* s without its word " runs" (level 1: "(3 of 3)"), or without the whole "(3 of 3)" when
 * every run finished (level 2: the state line counts the cells). */
static void shorten_runs(char *s, size_t runs, int level)
{
    char *p = strstr(s, " runs");
    if (p)
        memmove(p, p + 5, strlen(p + 5) + 1);
    char full[48];
    snprintf(full, sizeof full, " (%zu of %zu)", runs, runs);
    p = strstr(s, full);
    if (level >= 2 && p && p[strlen(full)] == 0)
        *p = 0;
}

/* The cursor line: the pair (each side's when their values differ), A's and B's mean ±
 * sd with their runs, and the flags of either. When the means do not fit, the metric's
 * name (on the line above) and the words about runs go first, so that B's mean is never
 * the part cut; the flags come last and are cut if they must. */
static void readout(const phase_map *a, const phase_map *b, int width, char *buf, size_t len)
{
    char pa[PH_TEXT], pb[PH_TEXT], sa[PH_TEXT], sb[PH_TEXT], fa[160], fb[160];
    cell_pair(a, pa, sizeof pa);
    cell_pair(b, pb, sizeof pb);
    phase_map_stats(a, sa, sizeof sa);
    phase_map_stats(b, sb, sizeof sb);
    phase_map_flags(a, fa, sizeof fa);
    phase_map_flags(b, fb, sizeof fb);
    const char *name = b->in->ops->metric_names[b->id];
    const bool same = strcmp(pa, pb) == 0;
    int w = 0;
    for (int level = 0; level < 3; level++) {
        if (level) {
            shorten_runs(sa, a->in->runs, level);
            shorten_runs(sb, b->in->runs, level);
        }
        const char *n = level ? "" : name, *sp = level ? "" : " ";
        w = same ? snprintf(buf, len, "cursor %s: %s%sA %s · B %s", pb, n, sp, sa, sb)
                 : snprintf(buf, len, "cursor A %s / B %s: %s%sA %s · B %s", pa, pb, n, sp, sa, sb);
        if (grid_text_width(buf) < width)
            break;
    }
    if ((fa[0] || fb[0]) && w > 0 && (size_t)w < len)
        snprintf(buf + w, len - (size_t)w, " · flags A:%s B:%s", fa[0] ? fa : " none",
                 fb[0] ? fb : " none");
}

/* The last line: each side's finished cells, then the keys. */
static void state_line(const phase_map *a, const phase_map *b, grid_rect r, grid *g)
{
    char line[PH_TEXT * 2];
    int w = 0;
    /* A contour set on a side whose map it does not cross leaves only the cursor's mark. */
    const bool none_a = a->contour_on && a->n_marks == 1, none_b = b->contour_on && b->n_marks == 1;
    if (none_a || none_b)
        w = snprintf(line, sizeof line, "contour crosses no cell pair of %s · ",
                     none_a && none_b ? "A or B"
                     : none_a         ? "A"
                                      : "B");
    w += snprintf(line + w, sizeof line - (size_t)w, "finished cells: A %zu of %zu, B %zu of %zu",
                  a->n1 * a->n2 - a->pending, a->n1 * a->n2, b->n1 * b->n2 - b->pending,
                  b->n1 * b->n2);
    const size_t nan_a = phase_map_nan_cells(a), nan_b = phase_map_nan_cells(b);
    if ((nan_a || nan_b) && w > 0 && (size_t)w < sizeof line) /* drawn as ? (grey in colour) */
        w += snprintf(line + w, sizeof line - (size_t)w, " · NaN in every run (?): A %zu, B %zu",
                      nan_a, nan_b);
    if (w > 0 && (size_t)w < sizeof line)
        snprintf(line + w, sizeof line - (size_t)w, " · m metric/method · t threshold");
    phase_put_line(line, r.y + r.h - 1, r, g);
}

/* The line above the maps: the metric, methods, runs and the shared scale. */
static void head_line(const phase_map *a, const phase_map *b, bool log_z, grid_rect r, grid *g)
{
    const view_input *in = b->in;
    char methods[96], runs[64], line[PH_TEXT * 2];
    if (a->method == b->method)
        snprintf(methods, sizeof methods, "%s", param_method_name(b->method));
    else
        snprintf(methods, sizeof methods, "A %s, B %s", param_method_name(a->method),
                 param_method_name(b->method));
    if (a->in->runs == in->runs)
        snprintf(runs, sizeof runs, "%zu run%s per cell", in->runs, in->runs == 1 ? "" : "s");
    else
        snprintf(runs, sizeof runs, "A %zu, B %zu runs per cell", a->in->runs, in->runs);
    snprintf(line, sizeof line, "mean %s (%s) over %s × %s · %s · one %scolour scale",
             in->ops->metric_names[b->id], methods, param_table[in->p->sweep].key,
             param_table[in->p->sweep2].key, runs, log_z ? "log " : "");
    const grid_style st = grid_style_make(PALETTE_TITLE, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
    text_draw(g, (grid_rect){r.x, r.y, r.w, 1}, line, st, true);
}

rs_status view_phase_ab_draw(const view_input *in, const view_opts *o, size_t id, int method,
                             grid_rect r, grid *g)
{
    static phase_map ma, mb; /* main thread only; too large for a stack frame */
    const view_input *a = in->ab_a;
    const char *why = not_a_map(a, in);
    const int map_w = (r.w - AB_GAP) / 2;
    const int am = why ? -1 : a_method(a, in, method);
    if (!why && am < 0)
        why = "A computes none of B's methods; this view shows B";
    if (!why && map_w < AB_MIN_W)
        why = "widen the terminal to see A beside B (or F)";
    if (why)
        return b_alone(in, o, id, method, why, r, g);
    phase_map_fill(&ma, a, id, am, o->phase_x, o->phase_y);
    phase_map_fill(&mb, in, id, method, o->phase_x, o->phase_y);
    /* One colour scale: log only when both maps can take it (the single map's rule). */
    const bool log_z =
        view_y_log(o, in->ops, id, 1.0) && phase_map_positive(&ma) && phase_map_positive(&mb);
    phase_map_scale(&ma, log_z);
    phase_map_scale(&mb, log_z);
    double lo, hi;
    shared_range(&ma, &mb, &lo, &hi);
    char ta[AB_TEXT], tb[AB_TEXT], line[PH_TEXT * 2];
    side_titles(a, in, ta, tb, sizeof ta);
    plot_heatmap_model ha, hb;
    phase_map_heatmap(&ma, ta, log_z, &ha);
    phase_map_heatmap(&mb, tb, log_z, &hb);
    ha.z_lo = hb.z_lo = lo;
    ha.z_hi = hb.z_hi = hi;
    head_line(&ma, &mb, log_z, r, g);
    const int foot = r.h >= 13 ? 3 : 0; /* axis titles, readout, state */
    const int top = r.y + 1, h = r.h - 1 - foot;
    const rs_status sa = plot_heatmap_draw(&ha, (grid_rect){r.x, top, map_w, h}, g);
    const rs_status sb = plot_heatmap_draw(&hb, (grid_rect){r.x + r.w - map_w, top, map_w, h}, g);
    if (foot) {
        phase_axes_line(in, line, sizeof line);
        phase_put_line(line, r.y + r.h - 3, r, g);
        readout(&ma, &mb, r.w, line, sizeof line);
        phase_put_line(line, r.y + r.h - 2, r, g);
        state_line(&ma, &mb, r, g);
    }
    return sa != RS_OK ? sa : sb;
}
