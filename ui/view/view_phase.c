/* view_phase.c — the phase map of a 2-D sweep (issue 17): one metric's mean over the
 * finished runs of each (sweep, sweep2) pair as a heatmap, for every generator, from the
 * sweep cells alone. Columns are the sweep values (x), rows the sweep2 values (y, the
 * largest at the top); both axes are labelled with their values, so a log-spaced key
 * reads as a log axis. A cursor cell is read out as numbers under the map, and a typed
 * threshold is drawn as a dotted contour along the cell edges it crosses. */
#include "view_phase.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "plot.h"
#include "plot_heatmap.h"
#include "text.h"
#include "view_phase_internal.h"

size_t view_phase_choices(const view_input *in)
{
    size_t nm = 0;
    const unsigned set = param_methods(in->p);
    for (int m = 0; m < METHOD_COUNT; m++)
        nm += (set >> m) & 1u;
    return nm * in->ops->n_metrics;
}

/* The metric id of p's metric key in ops (0 for auto or a name ops lacks). */
static size_t preset_metric(const view_input *in)
{
    if (in->p->metric <= 0)
        return 0;
    const char *name = param_table[param_find("metric")].names[in->p->metric];
    for (size_t i = 0; i < in->ops->n_metrics; i++)
        if (strcmp(in->ops->metric_names[i], name) == 0)
            return i;
    return 0;
}

void view_phase_pick(const view_input *in, const view_opts *o, size_t *metric, int *method)
{
    const unsigned set = param_methods(in->p);
    size_t nm = 0;
    for (int m = 0; m < METHOD_COUNT; m++)
        nm += (set >> m) & 1u;
    const size_t n = nm ? nm * in->ops->n_metrics : 1;
    /* 'm' counts from the metric key's choice: every method of it, then the next metric */
    const size_t pick = (preset_metric(in) * (nm ? nm : 1) + o->metric) % n;
    *metric = nm ? pick / nm : 0;
    size_t want = nm ? pick % nm : 0;
    *method = -1;
    for (int m = 0; m < METHOD_COUNT; m++)
        if ((set >> m) & 1u) {
            if (want == 0) {
                *method = m;
                break;
            }
            want--;
        }
}

/* A key value as a tick label, three significant digits in the axes' number form (issue
 * 13, point 4): plain from 0.01 to below 1000, else "2.15e3", never C's "2.15e+03". */
static void fmt_value(double v, char *buf, size_t len)
{
    const double a = fabs(v);
    if (a == 0 || (a >= 0.01 && a < 1000)) {
        snprintf(buf, len, "%.3g", v);
        return;
    }
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.2e", v);
    char *e = strchr(tmp, 'e');
    if (!e) {
        snprintf(buf, len, "%s", tmp);
        return;
    }
    *e = 0;
    for (char *end = e - 1; end > tmp && (*end == '0' || *end == '.'); end--) {
        const char c = *end;
        *end = 0;
        if (c == '.')
            break;
    }
    snprintf(buf, len, "%se%d", tmp, atoi(e + 1));
}

/* "lambda (log)": a key's name, unit and spacing, for an axis title. */
static void axis_title(int key, size_t n_list, int scale, char *buf, size_t len)
{
    const param_def *d = &param_table[key];
    snprintf(buf, len, "%s%s%s%s, %s", d->key, d->unit[0] ? " (" : "", d->unit,
             d->unit[0] ? ")" : "",
             n_list               ? "values as listed"
             : scale == SWEEP_LOG ? "log steps"
                                  : "linear steps");
}

/* The means of the pick into m->raw; returns the pending cells (no finished run). */
static size_t collect(phase_map *m)
{
    const view_input *in = m->in;
    const size_t n1 = m->n1, n2 = m->n2;
    size_t pending = 0;
    for (size_t i2 = 0; i2 < n2; i2++)
        for (size_t i1 = 0; i1 < n1; i1++) {
            double mean, sd;
            size_t count, nan_runs;
            sweep_aggregate(in->cells, in->runs, i2 * n1 + i1, m->method, m->id, &mean, &sd, &count,
                            &nan_runs);
            pending += count + nan_runs == 0;
            m->raw[(n2 - 1 - i2) * n1 + i1] = mean; /* the largest y on top */
        }
    return pending;
}

bool phase_map_positive(const phase_map *m)
{
    for (size_t k = 0; k < m->n1 * m->n2; k++)
        if (isfinite(m->raw[k]) && !(m->raw[k] > 0))
            return false;
    return true;
}

void phase_map_scale(phase_map *m, bool log_z)
{
    for (size_t k = 0; k < m->n1 * m->n2; k++)
        m->z[k] = log_z ? (m->raw[k] > 0 ? log10(m->raw[k]) : NAN) : m->raw[k];
}

/* Three dots along each cell edge the threshold crosses (index coordinates). */
static size_t contour(const phase_map *pd, size_t rows, size_t cols, double t,
                      plot_heatmap_mark *marks, const char *label)
{
    static const double along[3] = {-0.3, 0.0, 0.3};
    size_t n = 0;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) {
            const double a = pd->raw[i * cols + j];
            for (int dir = 0; dir < 2; dir++) { /* right, down */
                const size_t i2 = i + (size_t)dir, j2 = j + (size_t)(1 - dir);
                if (i2 >= rows || j2 >= cols)
                    continue;
                const double b = pd->raw[i2 * cols + j2];
                if (!isfinite(a) || !isfinite(b) || (a < t) == (b < t))
                    continue;
                for (int s = 0; s < 3 && n < PH_MARKS; s++)
                    marks[n++] =
                        (plot_heatmap_mark){.x = dir ? (double)j + along[s] : (double)j + 0.5,
                                            .y = dir ? (double)i + 0.5 : (double)i + along[s],
                                            .glyph = GLYPH_MARK_DOT,
                                            .color = -1,
                                            .label = label};
            }
        }
    return n;
}

int phase_map_stats(const phase_map *m, char *buf, size_t len)
{
    const view_input *in = m->in;
    double mean, sd;
    size_t count, nan_runs;
    sweep_aggregate(in->cells, in->runs, m->cy * m->n1 + m->cx, m->method, m->id, &mean, &sd,
                    &count, &nan_runs);
    int w;
    if (count)
        w = snprintf(buf, len, "= %.4g ± %.2g (%zu of %zu runs", mean, sd, count, in->runs);
    else
        w = snprintf(buf, len, "%s (%zu of %zu runs", nan_runs ? "= nan" : "pending", count,
                     in->runs);
    if (nan_runs && (size_t)w < len)
        w += snprintf(buf + w, len - (size_t)w, ", %zu NaN", nan_runs);
    if ((size_t)w < len)
        w += snprintf(buf + w, len - (size_t)w, ")");
    return w;
}

void phase_map_flags(const phase_map *m, char *buf, size_t len)
{
    const view_input *in = m->in;
    const size_t v = m->cy * m->n1 + m->cx;
    unsigned flags = 0;
    for (size_t run = 0; run < in->runs; run++) {
        const sweep_cell *c = &in->cells[v * in->runs + run];
        if (atomic_load_explicit(&c->done, memory_order_acquire))
            flags |= c->flags[m->method];
    }
    /* Flags every run carries by design (e.g. no_target) say nothing here. */
    int fw = 0;
    buf[0] = 0;
    for (size_t f = 0; f < in->ops->n_flags && (size_t)fw < len; f++)
        if ((flags & (1u << f)) && view_flag_meaning(in->ops->flag_names[f]))
            fw += snprintf(buf + fw, len - (size_t)fw, " %s", in->ops->flag_names[f]);
}

/* The cursor's numbers: "r = 3, lambda = 0.1: err_b = 0.041 ± 0.005 (10 runs) · flags". */
static void readout(const phase_map *m, char *buf, size_t len)
{
    const view_input *in = m->in;
    int w = snprintf(buf, len, "cursor %s = %g, %s = %g: %s ", param_table[in->p->sweep].key,
                     in->values[m->cx], param_table[in->p->sweep2].key, m->values2[m->cy],
                     in->ops->metric_names[m->id]);
    w += phase_map_stats(m, buf + w, len - (size_t)w);
    char fl[160];
    phase_map_flags(m, fl, sizeof fl);
    if ((size_t)w < len)
        snprintf(buf + w, len - (size_t)w, " · flags:%s", fl[0] ? fl : " none");
}

void phase_put_line(const char *text, int y, grid_rect r, grid *g)
{
    if (y >= r.y && y < r.y + r.h)
        text_draw(g, (grid_rect){r.x, y, r.w, 1}, text,
                  grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0), true);
}

size_t phase_map_nan_cells(const phase_map *m)
{
    size_t nan_cells = 0;
    for (size_t k = 0; k < m->n1 * m->n2; k++)
        nan_cells += !isfinite(m->raw[k]);
    return nan_cells - m->pending; /* a pending cell is NaN too, and said apart */
}

/* The map's last line: what the contour does first (it is what the user just typed), then
 * how many of the cells have finished and how many are NaN in every run. */
static void state_line(const phase_map *m, grid_rect r, grid *g)
{
    const view_input *in = m->in;
    const size_t cells = m->n1 * m->n2;
    const char *name = in->ops->metric_names[m->id];
    char line[PH_TEXT * 2];
    const size_t nan_cells = phase_map_nan_cells(m);
    int w = 0;
    if (in->p->contour != 0.0 && !m->contour_on)
        w = snprintf(line, sizeof line, "contour of %s hidden (m) · ",
                     in->ops->metric_names[preset_metric(in)]);
    else if (m->contour_on && m->n_marks == 1) /* only the cursor's mark: no edge crosses it */
        w = snprintf(line, sizeof line, "contour %s = %g crosses no cell pair · ", name,
                     in->p->contour);
    w += snprintf(line + w, sizeof line - (size_t)w, "%zu of %zu cells with a finished run",
                  cells - m->pending, cells);
    if (nan_cells) /* drawn as ? (on grey in colour) */
        w += snprintf(line + w, sizeof line - (size_t)w, " · %zu %s NaN in every run (?)",
                      nan_cells, nan_cells == 1 ? "cell" : "cells");
    snprintf(line + w, sizeof line - (size_t)w, " · m metric/method · t threshold");
    phase_put_line(line, r.y + r.h - 1, r, g);
}

void phase_map_fill(phase_map *m, const view_input *in, size_t id, int method, size_t cx, size_t cy)
{
    m->in = in;
    m->id = id, m->method = method;
    m->n1 = in->n_values;
    m->n2 = param_sweep2_values(in->p, m->values2);
    m->pending = collect(m);
    for (size_t j = 0; j < m->n1; j++) {
        fmt_value(in->values[j], m->col[j], sizeof m->col[j]);
        m->colp[j] = m->col[j];
    }
    for (size_t i = 0; i < m->n2; i++) {
        fmt_value(m->values2[m->n2 - 1 - i], m->row[i], sizeof m->row[i]);
        m->rowp[i] = m->row[i];
    }
    m->cx = cx < m->n1 ? cx : m->n1 - 1;
    m->cy = cy < m->n2 ? cy : m->n2 - 1;
    m->n_marks = 0;
    /* The contour belongs to the metric key's metric; 'm' to another hides it. */
    m->contour_on = in->p->contour != 0.0 && id == preset_metric(in);
    if (m->contour_on) {
        snprintf(m->thr, sizeof m->thr, "%s = %g (contour)", in->ops->metric_names[id],
                 in->p->contour);
        m->n_marks = contour(m, m->n2, m->n1, in->p->contour, m->marks, m->thr);
    }
    if (m->n_marks < PH_MARKS)
        m->marks[m->n_marks++] = (plot_heatmap_mark){.x = (double)m->cx,
                                                     .y = (double)(m->n2 - 1 - m->cy),
                                                     .glyph = GLYPH_MARK_X,
                                                     .color = -1,
                                                     .label = "cursor (H J K L)"};
}

void phase_map_heatmap(const phase_map *m, const char *title, bool log_z, plot_heatmap_model *hm)
{
    plot_heatmap_init(hm);
    hm->title = title;
    hm->rows = m->n2, hm->cols = m->n1;
    hm->z = m->z;
    hm->col_labels = m->colp, hm->row_labels = m->rowp;
    hm->quiet_nan = true; /* pending and NaN cells are counted on the lines below */
    hm->z_log10 = log_z;
    hm->marks = m->marks, hm->n_marks = m->n_marks;
}

void phase_axes_line(const view_input *in, char *buf, size_t len)
{
    char xt[PH_TEXT / 2], yt[PH_TEXT / 2];
    axis_title(in->p->sweep, in->p->n_sweep_values, in->p->sweep_scale, xt, sizeof xt);
    axis_title(in->p->sweep2, in->p->n_sweep2_values, in->p->sweep2_scale, yt, sizeof yt);
    snprintf(buf, len, "x → %s (columns) · y ↑ %s (rows)", xt, yt);
}

rs_status view_phase_draw(const view_input *in, const view_opts *o, grid_rect r, grid *g)
{
    grid_fill(g, r, ' ', grid_style_default());
    if (in->p->sweep < 0 || in->p->sweep2 < 0 || in->n_values == 0) {
        plot_message_draw("phase map: set sweep (x) and sweep2 (y) to two keys to map a metric "
                          "over both",
                          r, g);
        return RS_OK;
    }
    size_t id;
    int method;
    view_phase_pick(in, o, &id, &method);
    if (method < 0 || id >= in->ops->n_metrics) {
        plot_message_draw("nothing to draw: no metric or method selected", r, g);
        return RS_OK;
    }
    if (in->ab_a && in->ab_a->p) /* an A/B pair (view_phase_ab.c) */
        return view_phase_ab_draw(in, o, id, method, r, g);
    return phase_single_draw(in, o, id, method, r, g);
}

rs_status phase_single_draw(const view_input *in, const view_opts *o, size_t id, int method,
                            grid_rect r, grid *g)
{
    static phase_map pm; /* main thread only; too large for a stack frame */
    phase_map_fill(&pm, in, id, method, o->phase_x, o->phase_y);
    /* Positive metrics spanning decades (errors, times) are coloured by log10, by the
     * same rule as the curves' y axis, so that one failing corner does not wash out the
     * rest. */
    const bool log_z = view_y_log(o, in->ops, id, 1.0) && phase_map_positive(&pm);
    phase_map_scale(&pm, log_z);
    char title[PH_TEXT], line[PH_TEXT * 2];
    snprintf(title, sizeof title, "mean %s (%s) over %s × %s · %zu run%s per cell%s",
             in->ops->metric_names[id], param_method_name(method), param_table[in->p->sweep].key,
             param_table[in->p->sweep2].key, in->runs, in->runs == 1 ? "" : "s",
             log_z ? " · log colour scale" : "");
    plot_heatmap_model hm;
    phase_map_heatmap(&pm, title, log_z, &hm);
    const int foot = r.h >= 12 ? 3 : 0; /* axis titles, readout, state */
    const rs_status st = plot_heatmap_draw(&hm, (grid_rect){r.x, r.y, r.w, r.h - foot}, g);
    if (!foot)
        return st;
    phase_axes_line(in, line, sizeof line);
    phase_put_line(line, r.y + r.h - 3, r, g);
    readout(&pm, line, sizeof line);
    phase_put_line(line, r.y + r.h - 2, r, g);
    state_line(&pm, r, g);
    return st;
}

void view_phase_row(const view_input *in, size_t row, view_input *out, rs_params *p_out)
{
    *out = *in;
    if (in->p->sweep2 < 0 || in->n_values == 0)
        return;
    double values2[PARAM_MAX_LIST];
    const size_t n2 = param_sweep2_values(in->p, values2);
    const size_t i2 = row < n2 ? row : n2 - 1;
    *p_out = *in->p;
    param_set_number(p_out, p_out->sweep2, values2[i2], NULL);
    p_out->sweep2 = -1;
    out->p = p_out;
    out->cells = in->cells + i2 * in->n_values * in->runs;
    out->detail_value = in->detail_value % in->n_values;
}
