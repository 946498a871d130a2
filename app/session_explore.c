/* session_explore.c — the exploration keys of issue 17: the A/B pair (b, B), the axes
 * (x, z, Z), the full-screen plot (F), and the mouse (see session_mouse in session.h). */
#include "session.h"
#include "session_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "screen.h"
#include "sweep.h"
#include "view.h"

/* b: freeze the current settings and results as A; with an A, swap A and B. */
static unsigned ab_key(session *s)
{
    if (!s->ab) {
        s->ab = true;
        s->ab_p = s->p;
        session_message(s, false, "A frozen: change a knob to make B (b swaps, B clears)");
        return SESSION_AB_FREEZE;
    }
    const rs_params b = s->p;
    const int gen = s->p.generator;
    s->p = s->ab_p;
    s->ab_p = b;
    if (s->p.generator != gen)
        session_generator_changed(s);
    session_message(s, false, "A and B swapped (b swaps again, B clears)");
    return SESSION_AB_SWAP;
}

/* x: the swept key's axis cycles its rule, log, linear; log only when every sweep value
 * is positive. */
static void x_scale_key(session *s)
{
    static const char *const names[] = {"the key's rule", "log", "linear"};
    if (s->p.sweep < 0) {
        session_message(s, true, "x: no swept key (set sweep to draw curves)");
        return;
    }
    s->opts.x_scale = (s->opts.x_scale + 1) % VIEW_Y_COUNT;
    if (s->opts.x_scale == VIEW_Y_LOG && !view_x_log(&s->opts, &s->p)) {
        s->opts.x_scale = VIEW_Y_LIN;
        session_message(s, true, "x: %s has values <= 0, so no log axis: linear",
                        param_table[s->p.sweep].key);
        return;
    }
    session_message(s, false, "x axis: %s (x cycles rule, log, linear)", names[s->opts.x_scale]);
}

void session_preset_axes(session *s)
{
    if (!s->have_preset)
        return;
    double lo, hi;
    if (preset_ylim(&s->pr, &lo, &hi))
        s->opts.y_lo = lo, s->opts.y_hi = hi;
    const int x = preset_xscale(&s->pr); /* in the order of VIEW_Y_* */
    s->opts.x_scale = x > 0 ? x : VIEW_Y_AUTO;
}

unsigned session_explore_key(session *s, int key, bool *handled)
{
    *handled = true;
    switch (key) {
    case 'b':
        return ab_key(s);
    case 'B':
        if (!s->ab) {
            session_message(s, false, "no A to clear (b freezes one)");
            return 0;
        }
        s->ab = false;
        session_message(s, false, "A cleared");
        return SESSION_AB_CLEAR;
    case 'x':
        x_scale_key(s);
        return 0;
    case 'z':
        s->opts.y_zoom = true;
        session_message(s, false, "y range: fitted to the means shown (Z resets)");
        return 0;
    case 'Z':
        s->opts.y_zoom = false;
        s->opts.y_lo = s->opts.y_hi = NAN;
        session_message(s, false, "y range: automatic");
        return 0;
    case 'F':
        s->full = !s->full;
        session_message(s, false, "%s",
                        s->full ? "full-screen plot (F shows the knobs again)" : "knobs shown");
        return 0;
    default:
        *handled = false;
        return 0;
    }
}

/* The view of the tab-th tab (as view_tabs_for orders them: the generator's views, then
 * the phase map of a 2-D sweep), or -1. */
static int tab_view(const session *s, size_t tab)
{
    const unsigned views = view_available(s->p.generator);
    for (int v = 0; v < VIEW_COUNT; v++)
        if ((views & (1u << v)) && tab-- == 0)
            return v;
    return tab == 0 && (s->p.sweep2 >= 0 || s->view == VIEW_PHASE) ? VIEW_PHASE : -1;
}

/* The sweep value index nearest xv (in log space on a log axis). */
static size_t nearest_value(const view_input *in, double xv, bool log_axis)
{
    size_t best = 0;
    double best_d = INFINITY;
    for (size_t v = 0; v < in->n_values; v++) {
        const double d = log_axis && xv > 0 && in->values[v] > 0 ? fabs(log(in->values[v] / xv))
                                                                 : fabs(in->values[v] - xv);
        if (d < best_d)
            best_d = d, best = v;
    }
    return best;
}

/* "tag method mean ± sd (k runs)" of every method of in at value v, metric id. */
static size_t append_means(const view_input *in, const char *tag, size_t v, size_t id, char *buf,
                           size_t size, size_t len)
{
    const unsigned methods = param_methods(in->p);
    for (int m = 0; m < METHOD_COUNT && len < size; m++) {
        if (!(methods & (1u << m)))
            continue;
        double mean, sd;
        size_t count, nan_runs;
        sweep_aggregate(in->cells, in->runs, v, m, id, &mean, &sd, &count, &nan_runs);
        len +=
            (size_t)snprintf(buf + len, size - len, "  %s%s %.4g ± %.2g (%zu runs%s)", tag,
                             param_method_name(m), mean, sd, count, nan_runs ? ", some NaN" : "");
    }
    return len;
}

/* A click on a heatmap: the cell's row, column (from 0, as the matrix maps label
 * them), its sample point on continuous axes, and its value. */
static void read_cell(session *s, const grid_pick *pk, int x, int y)
{
    size_t i, j;
    grid_pick_cell(pk, x, y, &i, &j);
    char at[96] = "";
    if (isfinite(pk->x_lo) && isfinite(pk->x_hi) && pk->x_lo < pk->x_hi && isfinite(pk->y_lo) &&
        isfinite(pk->y_hi) && pk->y_lo < pk->y_hi) {
        /* samples at a linspace, row 0 at y_hi (plot_heatmap.h) */
        const double fx = pk->cols > 1 ? (double)j / (double)(pk->cols - 1) : 0;
        const double fy = pk->rows > 1 ? (double)i / (double)(pk->rows - 1) : 0;
        snprintf(at, sizeof at, " (x = %.4g, y = %.4g)", pk->x_lo + fx * (pk->x_hi - pk->x_lo),
                 pk->y_hi - fy * (pk->y_hi - pk->y_lo));
    }
    char val[48] = "(too many cells to keep)";
    if (pk->has_z)
        snprintf(val, sizeof val, "%.4g", (double)pk->z[i * pk->cols + j]);
    session_message(s, false, "%s: row %zu, column %zu%s: %s", pk->y_name[0] ? pk->y_name : "map",
                    i, j, at, val);
}

/* A click on the phase map: its cursor moves to the cell (the view prints the cell's
 * numbers; its map's row 0 is the largest sweep2 value). */
static void phase_cell(session *s, const grid_pick *pk, int x, int y)
{
    double v1[PARAM_MAX_LIST], v2[PARAM_MAX_LIST];
    const size_t n1 = param_sweep_values(&s->p, v1), n2 = param_sweep2_values(&s->p, v2);
    size_t i, j;
    grid_pick_cell(pk, x, y, &i, &j);
    if (pk->rows != n2 || pk->cols != n1) {
        read_cell(s, pk, x, y);
        return;
    }
    s->opts.phase_x = j;
    s->opts.phase_y = n2 - 1 - i;
    session_message(s, false, "cursor %s = %g, %s = %g", param_table[s->p.sweep].key, v1[j],
                    param_table[s->p.sweep2].key, v2[n2 - 1 - i]);
}

/* A click on a plot: the numbers under the cell, into the message line. */
static void read_plot(session *s, const grid *g, const view_input *in, int x, int y)
{
    double xv, yv;
    const grid_pick *pk = grid_pick_at(g, x, y, &xv, &yv);
    if (!pk) {
        session_message(s, false, "no plot data under the mouse");
        return;
    }
    if (pk->rows && s->view == VIEW_PHASE && s->p.sweep >= 0 && s->p.sweep2 >= 0) {
        phase_cell(s, pk, x, y);
        return;
    }
    if (pk->rows) {
        read_cell(s, pk, x, y);
        return;
    }
    size_t id = SIZE_MAX;
    for (size_t i = 0; in && in->ops && i < in->ops->n_metrics; i++)
        if (strcmp(in->ops->metric_names[i], pk->y_name) == 0)
            id = i;
    if (s->view != VIEW_CURVES || !in || !in->p || in->p->sweep < 0 || id == SIZE_MAX) {
        session_message(s, false, "x = %.4g, y = %.4g%s%s", xv, yv, pk->y_name[0] ? " " : "",
                        pk->y_name);
        return;
    }
    const size_t v = nearest_value(in, xv, pk->x_log);
    char text[sizeof s->message];
    size_t len = (size_t)snprintf(text, sizeof text, "%s = %g, %s:", param_table[in->p->sweep].key,
                                  in->values[v], pk->y_name);
    len = append_means(in, in->ab_a ? "B " : "", v, id, text, sizeof text, len);
    const view_input *a = in->ab_a;
    if (a && a->p && a->p->sweep == in->p->sweep && len < sizeof text)
        append_means(a, "A ", nearest_value(a, xv, pk->x_log), id, text, sizeof text, len);
    session_message(s, false, "%s", text);
}

unsigned session_mouse(session *s, const screen_model *m, const grid *g, const view_input *in,
                       int x, int y, session_button button)
{
    if (s->input != INPUT_NONE)
        return 0; /* typing: the keyboard finishes it */
    const screen_hit hit = screen_hit_test(m, g->w, g->h, x, y);
    const bool click = button == SESSION_MOUSE_CLICK;
    switch (hit.kind) {
    case SCREEN_HIT_KNOB:
        if (hit.index >= s->n_knobs)
            return 0;
        s->selected = hit.index;
        if (click)
            return 0;
        return session_key(s, button == SESSION_MOUSE_WHEEL_UP ? SKEY_RIGHT : SKEY_LEFT);
    case SCREEN_HIT_TAB: {
        const int v = tab_view(s, hit.index);
        return click && v >= 0 ? session_key(s, '1' + v) : 0;
    }
    case SCREEN_HIT_PRESET:
        if (!click) {
            return session_key(s, button == SESSION_MOUSE_WHEEL_UP ? SKEY_UP : SKEY_DOWN);
        }
        s->menu_selected = hit.index;
        return session_key(s, SKEY_ENTER);
    case SCREEN_HIT_OVERLAY:
        return click && s->overlay == SCREEN_OVERLAY_HELP ? session_key(s, SKEY_ESC) : 0;
    case SCREEN_HIT_PLOT:
        if (click)
            read_plot(s, g, in, x, y);
        return 0;
    case SCREEN_HIT_NONE:
        return 0;
    }
    return 0;
}
