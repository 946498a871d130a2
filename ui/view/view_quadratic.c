/* view_quadratic.c — the views of the quadratic generator (the polynomial-pushforward slides,
 * SPEC 5.4 and 6): moment-error curves (over the sweep, or over prefixes of one run's samples when
 * nothing is swept), and the dispatch to the angles/gauge, data and landscape views
 * (view_quadratic_angles.c, view_quadratic_data.c). Reads quadratic_detail under its
 * lock; computes nothing. */
#include "view.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "detail_quadratic.h"
#include "met_quadratic.h"
#include "palette.h"
#include "plot.h"
#include "plot_lines.h"
#include "stats.h"
#include "text.h"
#include "view_curves.h"
#include "view_quadratic_internal.h"

/* The curve panels: moments (both families), angles, and Jennrich's recovery (diagonal
 * only: err_q is nan otherwise). The rate of all of them in n is n^-1/2 (CLT). */
static const view_curves_metric quad_curves[] = {
    {.id = MET_QUAD_ERR_GRAM,
     .title = "‖Ĝ − G‖_F / ‖G‖_F, G = Tr(Q_aQ_b)",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2"},
    {.id = MET_QUAD_ERR_THIRD,
     .title = "‖T̂ − T‖_F / ‖T‖_F, T = Tr(Q_aQ_bQ_c)",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2"},
    {.id = MET_QUAD_ANGLE_ERR_MAX,
     .title = "max |θ̂_ab − θ_ab| (rad)",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2"},
    {.id = MET_QUAD_ERR_Q,
     .title = "err_q: Jennrich, diagonal Q_a",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2"},
};

int vq_text(grid *g, grid_rect r, int y, const char *text, grid_style s)
{
    return text_draw(g, (grid_rect){r.x, y, r.w, r.y + r.h - y}, text, s, false);
}

const char *vq_sos_note(int w)
{
    return grid_text_width(met_quadratic_err_q_note) <= w
               ? met_quadratic_err_q_note
               : "err_q: diagonal Q_a only. General Q_a need sum-of-squares (not run here).";
}

int vq_note_draw(grid *g, grid_rect r, const char *text)
{
    const grid_style note = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, GRID_ATTR_DIM);
    const int h = vq_text(NULL, (grid_rect){r.x, r.y, r.w, r.h}, r.y, text, note);
    if (h < r.h / 3) /* the note never takes the room of the plot */
        vq_text(g, (grid_rect){r.x, r.y + r.h - h, r.w, h}, r.y + r.h - h, text, note);
    return h < r.h / 3 ? h : 0;
}

grid_rect vq_part(grid_rect r, int n, int i, bool side)
{
    if (side)
        return (grid_rect){r.x + r.w * i / n, r.y, r.w * (i + 1) / n - r.w * i / n, r.h};
    return (grid_rect){r.x, r.y + r.h * i / n, r.w, r.h * (i + 1) / n - r.h * i / n};
}

/* sweep = none: the metrics on prefixes n, n/2, n/4, ... of run 1's own samples. */
static rs_status draw_prefix_curves(const quadratic_detail *det, const view_opts *o,
                                    const size_t *ids, size_t n_ids, grid_rect r, grid *g)
{
    const size_t n = det->n_curve;
    rs_status st = RS_OK;
    const int k = (int)n_ids;
    const bool side = r.w / k >= 50, stack = !side && r.h / k >= 12;
    const int shown = side || stack ? k : 1;
    for (int j = 0; j < shown; j++) {
        const size_t id = shown == 1 ? ids[o->metric % n_ids] : ids[j];
        const double *y = det->curve[id];
        plot_lines_series s =
            plot_lines_series_make("run 1", palette_series(0), n, det->curve_n, y);
        s.markers = true;
        s.slope = stats_loglog_slope(det->curve_n, y, n);
        plot_lines_model m;
        plot_lines_init(&m);
        m.title = quad_curves[id].title; /* quad_curves[j].id == j */
        m.x_title = "n (prefix of run 1's samples)";
        m.y_title = met_quadratic_names[id];
        m.x_log = m.y_log = true;
        m.series = &s;
        m.n_series = 1;
        for (size_t i = 0; o->ref_line && i < n; i++)
            if (isfinite(y[i]) && y[i] > 0) { /* anchor n^-1/2 at the first finite point */
                m.ref_slope = -0.5;
                m.ref_x = det->curve_n[i];
                m.ref_y = y[i];
                m.ref_label = "n^-1/2";
                break;
            }
        const rs_status s1 = plot_lines_draw(&m, vq_part(r, shown, j, side), g);
        st = st == RS_OK ? s1 : st;
    }
    return st;
}

static rs_status draw_curves(const view_input *in, const view_opts *o, grid_rect r, grid *g)
{
    const bool diag = in->p->family == FAMILY_DIAGONAL;
    const size_t n_metrics = diag ? 4 : 3;
    const int note_h = vq_note_draw(g, r, vq_sos_note(r.w));
    const grid_rect body = {r.x, r.y, r.w, r.h - note_h};
    quadratic_detail *det = in->detail;
    if (in->p->sweep >= 0 || !det || body.h < 24)
        return view_curves_draw(in, o, quad_curves, n_metrics, 0, body, g);
    /* No sweep and room: the table over runs on top, run 1's prefix curves below. */
    const int top = 7;
    rs_status st = view_curves_draw(in, o, quad_curves, n_metrics, 0,
                                    (grid_rect){body.x, body.y, body.w, top}, g);
    pthread_mutex_lock(&det->head.lock);
    const grid_rect low = {body.x, body.y + top, body.w, body.h - top};
    if (det->head.ready && det->n_curve >= 2) {
        size_t ids[4];
        for (size_t j = 0; j < n_metrics; j++)
            ids[j] = quad_curves[j].id;
        const rs_status s = draw_prefix_curves(det, o, ids, n_metrics, low, g);
        st = st == RS_OK ? s : st;
    } else {
        plot_message_draw("computing run 1's learning curve in n…", low, g);
    }
    pthread_mutex_unlock(&det->head.lock);
    return st;
}

static rs_status quadratic_angles(const view_input *in, const void *det, const view_opts *o,
                                  grid_rect r, grid *g)
{
    (void)in, (void)o;
    return vq_angles_draw(det, r, g);
}

static rs_status quadratic_data(const view_input *in, const void *det, const view_opts *o,
                                grid_rect r, grid *g)
{
    (void)in, (void)o;
    return vq_data_draw(det, r, g);
}

static rs_status quadratic_landscape(const view_input *in, const void *det, const view_opts *o,
                                     grid_rect r, grid *g)
{
    (void)o;
    return vq_landscape_draw(det, in->p, r, g);
}

const view_gen view_quadratic = {
    .curves = draw_curves,
    .detail = {[VIEW_ANGLES] = quadratic_angles,
               [VIEW_DATA] = quadratic_data,
               [VIEW_LANDSCAPE] = quadratic_landscape},
};
