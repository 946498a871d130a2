/* view_curves.c — metric vs swept key, mean ± std over runs, one series per method
 * (SPEC 6 `curves`). Reads only finished cells, so points appear as the sweep fills. */
#include "view_curves.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "palette.h"
#include "plot.h"
#include "plot_lines.h"
#include "stats.h"

enum {
    PANEL_MIN_W = 50,
    PANEL_MIN_H = 12,
    VC_NAME_LEN = 160 /* a legend name with the points that left runs out */
};

typedef struct {
    double x[PARAM_MAX_LIST], y[METHOD_COUNT][PARAM_MAX_LIST], sd[METHOD_COUNT][PARAM_MAX_LIST];
    size_t nan_runs;
    /* Per method and point, the runs left out of the mean and the runs finished (issue 14,
     * item 3: a mean over a different set of runs per point must say so). */
    size_t nan_at[METHOD_COUNT][PARAM_MAX_LIST], of_at[METHOD_COUNT][PARAM_MAX_LIST];
    double guide[PARAM_MAX_LIST];
} curves_data;

static void collect(const view_input *in, size_t id, unsigned mask, curves_data *cd)
{
    cd->nan_runs = 0;
    for (size_t v = 0; v < in->n_values; v++) {
        cd->x[v] = in->values[v];
        for (int m = 0; m < METHOD_COUNT; m++) {
            if (!(mask & (1u << m)))
                continue;
            size_t count, nan_runs;
            sweep_aggregate(in->cells, in->runs, v, m, id, &cd->y[m][v], &cd->sd[m][v], &count,
                            &nan_runs);
            cd->nan_runs += nan_runs;
            cd->nan_at[m][v] = nan_runs;
            cd->of_at[m][v] = nan_runs + count;
        }
    }
}

/* The name of the flag most often set on the runs of method m at value v whose metric id
 * is nan (e.g. sigma_not_pd), or "nan". */
static const char *nan_cause(const view_input *in, int m, size_t v, size_t id)
{
    size_t hits[32] = {0}, best = 0;
    const char *name = "nan";
    for (size_t run = 0; run < in->runs; run++) {
        const sweep_cell *c = &in->cells[v * in->runs + run];
        if (!atomic_load_explicit(&c->done, memory_order_acquire) || isfinite(c->metric[m][id]))
            continue;
        for (size_t f = 0; f < in->ops->n_flags && f < 32; f++)
            if ((c->flags[m] & (1u << f)) && ++hits[f] > best) {
                best = hits[f];
                name = in->ops->flag_names[f];
            }
    }
    return name;
}

enum { LEFT_OUT_SHOWN = 3 }; /* points named in a legend entry; the rest are counted */

/* The legend name of method m after tag: its name, then every point whose mean left
 * runs out, e.g. "sgd (7/10 sigma_not_pd at n=10000, 2/10 at n=20000)" (the cause when
 * it changes), the first LEFT_OUT_SHOWN of them and a count of the rest. */
static void series_name(const view_input *in, const curves_data *cd, int m, size_t id,
                        const char *tag, char *buf, size_t size)
{
    int len = snprintf(buf, size, "%s%s", tag, param_method_name(m));
    const char *key = param_table[in->p->sweep].key, *last_cause = NULL;
    size_t shown = 0, more = 0;
    for (size_t v = 0; v < in->n_values && len >= 0 && (size_t)len < size; v++) {
        if (!cd->nan_at[m][v])
            continue;
        if (shown == LEFT_OUT_SHOWN) {
            more++;
            continue;
        }
        const char *cause = nan_cause(in, m, v, id);
        const bool same = last_cause && strcmp(cause, last_cause) == 0;
        len += snprintf(buf + len, size - (size_t)len, "%s%zu/%zu%s%s at %s=%g",
                        shown ? ", " : " (", cd->nan_at[m][v], cd->of_at[m][v], same ? "" : " ",
                        same ? "" : cause, key, cd->x[v]);
        last_cause = cause;
        shown++;
    }
    if (shown && more && len >= 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len, ", %zu more points)", more);
    else if (shown && len >= 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len, ")");
}

/* The guide of vm over the sweep values, fitted to the first finished point of y:
 * a multiplicative constant, or an additive one when vm->guide_additive. */
static bool fit_guide(const view_input *in, const view_curves_metric *vm, const double *y,
                      double *out, const char **label)
{
    for (size_t v = 0; v < in->n_values; v++) {
        const double g0 = vm->guide(in->values[v], in->p, label);
        if (!isfinite(y[v]) || !isfinite(g0) || (!vm->guide_additive && g0 == 0.0))
            continue;
        const double c = vm->guide_additive ? y[v] - g0 : y[v] / g0;
        for (size_t u = 0; u < in->n_values; u++) {
            const double g = vm->guide(in->values[u], in->p, label);
            out[u] = vm->guide_additive ? c + g : c * g;
        }
        return true;
    }
    return false;
}

/* The series of method m from cd into *se: B's (or the only) with its band and NaN
 * note, or, when a_input, A's of an A/B pair: dim, no band (issue 17, point 2). */
static void method_series(const view_input *in, const view_curves_metric *vm, curves_data *cd,
                          int m, bool x_log, bool a_input, char *name, size_t len,
                          plot_lines_series *se)
{
    const char *tag = a_input ? "A " : in->ab_a ? "B " : "";
    if (a_input)
        snprintf(name, len, "%s%s", tag, param_method_name(m));
    else
        series_name(in, cd, m, vm->id, tag, name, len);
    const int color = palette_series((size_t)m);
    *se = plot_lines_series_make(name, a_input ? palette_shade(color, 0.55) : color, in->n_values,
                                 cd->x, cd->y[m]);
    se->std = a_input ? NULL : cd->sd[m];
    se->markers = true;
    se->slope = x_log && view_power_law(cd->x, cd->y[m], in->n_values)
                    ? stats_loglog_slope(cd->x, cd->y[m], in->n_values)
                    : NAN;
}

/* The y range of the model: a pinned one (a preset's ylim), or with 'z' the means'
 * span padded by 5 % (linearly, or in log space on a log axis); else automatic. */
static void y_range(const view_opts *o, double y_min, double y_max, plot_lines_model *pm)
{
    if (isfinite(o->y_lo) && isfinite(o->y_hi) && o->y_lo < o->y_hi &&
        !(pm->y_log && o->y_lo <= 0)) {
        pm->y_lo = o->y_lo, pm->y_hi = o->y_hi;
        return;
    }
    /* flat means: the automatic range already widens a degenerate span around them */
    if (!o->y_zoom || !isfinite(y_min) || !isfinite(y_max) || !(y_max > y_min))
        return;
    if (pm->y_log && y_min > 0) {
        const double f = pow(y_max / y_min, 0.05);
        pm->y_lo = y_min / f, pm->y_hi = y_max * f;
    } else {
        const double pad = 0.05 * (y_max - y_min);
        pm->y_lo = y_min - pad, pm->y_hi = y_max + pad;
    }
}

/* The series of every method in mask of in (A's when a_input) into s[*ns...], widening
 * [*y_min, *y_max] by their finite means. */
static void add_input(const view_input *in, const view_curves_metric *vm, unsigned mask, bool x_log,
                      bool a_input, curves_data *cd, char names[][VC_NAME_LEN],
                      plot_lines_series *s, size_t *ns, double *y_min, double *y_max)
{
    collect(in, vm->id, mask, cd);
    for (int m = 0; m < METHOD_COUNT; m++) {
        if (!(mask & (1u << m)))
            continue;
        method_series(in, vm, cd, m, x_log, a_input, names[*ns], VC_NAME_LEN, &s[*ns]);
        for (size_t v = 0; v < in->n_values; v++)
            if (isfinite(cd->y[m][v])) {
                *y_min = fmin(*y_min, cd->y[m][v]);
                *y_max = fmax(*y_max, cd->y[m][v]);
            }
        (*ns)++;
    }
}

/* A of an A/B pair, when it can share B's axes: same generator and swept key. */
static const view_input *ab_partner(const view_input *in)
{
    const view_input *a = in->ab_a;
    if (!a || !a->p || !a->cells || a->p->generator != in->p->generator ||
        a->p->sweep != in->p->sweep)
        return NULL;
    return a;
}

static rs_status draw_panel(const view_input *in, const view_opts *o, const view_curves_metric *vm,
                            unsigned mask, unsigned method_mask, grid_rect r, grid *g)
{
    static curves_data cd, cda; /* main thread only; too large for a small stack frame */
    const bool x_log = view_x_log(o, in->p);
    plot_lines_series s[2 * METHOD_COUNT + 1];
    static char names[2 * METHOD_COUNT][VC_NAME_LEN], guide_name[96]; /* main thread only */
    size_t ns = 0;
    double y_min = INFINITY, y_max = -INFINITY;
    add_input(in, vm, mask, x_log, false, &cd, names, s, &ns, &y_min, &y_max);
    const size_t nb = ns;
    const view_input *a = ab_partner(in);
    if (a) {
        const unsigned amask = param_methods(a->p) & (method_mask ? method_mask : ~0u);
        add_input(a, vm, amask, x_log, true, &cda, names, s, &ns, &y_min, &y_max);
    }
    const char *guide_label = "";
    if (vm->guide && nb > 0 && fit_guide(in, vm, s[0].y, cd.guide, &guide_label)) {
        snprintf(guide_name, sizeof guide_name, "%s (constant fitted to 1st point)", guide_label);
        s[ns] = plot_lines_series_make(guide_name, PALETTE_REF, in->n_values, cd.x, cd.guide);
        ns++;
    }
    plot_lines_model pm;
    plot_lines_init(&pm);
    pm.title = vm->title ? vm->title : in->ops->metric_names[vm->id];
    char x_title[96];
    const param_def *key = &param_table[in->p->sweep];
    snprintf(x_title, sizeof x_title, "%s%s%s%s", key->key, key->unit[0] ? " (" : "", key->unit,
             key->unit[0] ? ")" : "");
    pm.x_title = x_title;
    pm.y_title = in->ops->metric_names[vm->id];
    pm.x_log = x_log;
    pm.y_log = view_y_log(o, pm.y_title, y_min);
    y_range(o, y_min, y_max, &pm);
    pm.series = s;
    pm.n_series = ns;
    view_metric_range(pm.y_title, &pm.band_lo, &pm.band_hi);
    char cursor[64]; /* the knob's own value of the swept key (issue 13, point 19) */
    pm.x_cursor = param_get_number(in->p, in->p->sweep);
    snprintf(cursor, sizeof cursor, "%s = %g (knob)", key->key, pm.x_cursor);
    pm.x_cursor_label = cursor;
    if (o->ref_line && isfinite(vm->ref_slope) && strcmp(key->key, "n") == 0 && nb > 0) {
        /* Anchor the reference at the first finished point of the first series. */
        for (size_t v = 0; v < in->n_values; v++)
            if (isfinite(s[0].y[v]) && s[0].y[v] > 0) {
                pm.ref_slope = vm->ref_slope;
                pm.ref_x = s[0].x[v];
                pm.ref_y = s[0].y[v];
                pm.ref_label = vm->ref_label;
                break;
            }
    }
    return plot_lines_draw(&pm, r, g);
}

/* sweep = none: one value per run, shown as mean ± std per method and metric. */
static void draw_table(const view_input *in, const view_curves_metric *metrics, size_t n_metrics,
                       unsigned mask, grid_rect r, grid *g)
{
    const grid_style head = grid_style_make(PALETTE_TITLE, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
    const grid_style text = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    int y = r.y;
    grid_puts(g, r.x, y++, "No sweep (sweep = none): mean ± std over the finished runs.", r.w,
              text);
    grid_puts(g, r.x, y++, "Set sweep to a key (e.g. n) to draw curves.", r.w, text);
    y++;
    const int name_w = 10, col_w = 22;
    grid_puts(g, r.x, y, "method", name_w, head);
    for (size_t j = 0; j < n_metrics; j++)
        grid_puts(g, r.x + name_w + (int)j * col_w, y, in->ops->metric_names[metrics[j].id],
                  col_w - 1, head);
    y++;
    size_t nan_total = 0, done_runs = 0;
    for (size_t run = 0; run < in->runs; run++)
        done_runs += atomic_load(&in->cells[run].done) ? 1 : 0;
    for (int m = 0; m < METHOD_COUNT && y < r.y + r.h; m++) {
        if (!(mask & (1u << m)))
            continue;
        grid_puts(g, r.x, y, param_method_name(m), name_w,
                  grid_style_make(palette_series((size_t)m), GRID_COLOR_DEFAULT, 0));
        for (size_t j = 0; j < n_metrics; j++) {
            double mean, sd;
            size_t count, nan_runs;
            sweep_aggregate(in->cells, in->runs, 0, m, metrics[j].id, &mean, &sd, &count,
                            &nan_runs);
            nan_total += nan_runs;
            char buf[64];
            if (count == 0)
                snprintf(buf, sizeof buf, "%s", done_runs ? "nan" : "…");
            else
                snprintf(buf, sizeof buf, "%.4g ± %.2g", mean, sd);
            grid_puts(g, r.x + name_w + (int)j * col_w, y, buf, col_w - 1, text);
        }
        y++;
    }
    char foot[96];
    snprintf(foot, sizeof foot, "%zu of %zu runs finished", done_runs, in->runs);
    if (y + 1 < r.y + r.h)
        grid_puts(g, r.x, y + 1, foot, r.w, text);
    if (nan_total && y + 2 < r.y + r.h) {
        char warn[96];
        snprintf(warn, sizeof warn, "%zu NaN values left out of the means", nan_total);
        plot_warn_draw(warn, r.x, y + 2, r.w, g);
    }
}

/* order[0..n_metrics) = indexes into metrics: those o->panels names first, in its order,
 * then the rest in the generator's order. */
static void panel_order(const view_input *in, const view_opts *o, const view_curves_metric *metrics,
                        size_t n_metrics, size_t *order)
{
    bool used[PARAM_MAX_LIST] = {false};
    size_t k = 0;
    for (const char *s = o->panels ? o->panels : ""; *s;) {
        s += strspn(s, ", ");
        const size_t len = strcspn(s, ", ");
        for (size_t j = 0; j < n_metrics && len; j++) {
            const char *name = in->ops->metric_names[metrics[j].id];
            if (!used[j] && strlen(name) == len && strncmp(s, name, len) == 0) {
                used[j] = true;
                order[k++] = j;
            }
        }
        s += len;
    }
    for (size_t j = 0; j < n_metrics; j++)
        if (!used[j])
            order[k++] = j;
}

rs_status view_curves_draw(const view_input *in, const view_opts *o,
                           const view_curves_metric *metrics, size_t n_metrics,
                           unsigned method_mask, grid_rect r, grid *g)
{
    grid_fill(g, r, ' ', grid_style_default());
    unsigned mask = param_methods(in->p);
    if (method_mask)
        mask &= method_mask;
    if (n_metrics == 0 || mask == 0) {
        plot_message_draw("nothing to draw: no metric or method selected", r, g);
        return RS_OK;
    }
    if (in->p->sweep < 0) {
        draw_table(in, metrics, n_metrics, mask, r, g);
        return RS_OK;
    }
    /* As many panels as fit, side by side or stacked, starting at the chosen metric. */
    const int n_all = (int)n_metrics;
    const int fit_w = r.w / PANEL_MIN_W, fit_h = r.h / PANEL_MIN_H;
    const bool side = fit_w >= fit_h;
    int n = side ? fit_w : fit_h;
    n = n < 1 ? 1 : (n > n_all ? n_all : n);
    const size_t first = n == n_all ? 0 : o->metric % n_metrics;
    size_t order[PARAM_MAX_LIST];
    if (n_metrics > PARAM_MAX_LIST)
        n_metrics = PARAM_MAX_LIST;
    panel_order(in, o, metrics, n_metrics, order);
    rs_status st = RS_OK;
    for (int j = 0; j < n; j++) {
        const view_curves_metric *vm = &metrics[order[(first + (size_t)j) % n_metrics]];
        grid_rect q;
        if (side) {
            const int x0 = r.x + r.w * j / n, x1 = r.x + r.w * (j + 1) / n;
            q = (grid_rect){x0, r.y, x1 - x0, r.h};
        } else {
            const int y0 = r.y + r.h * j / n, y1 = r.y + r.h * (j + 1) / n;
            q = (grid_rect){r.x, y0, r.w, y1 - y0};
        }
        const rs_status s = draw_panel(in, o, vm, mask, method_mask, q, g);
        st = st == RS_OK ? s : st;
    }
    return st;
}
