/* view_quadratic_angles.c — the angles view of the quadratic generator (the polynomial-pushforward
 * slides): the angle matrix cos∠(Q_a, Q_b) = Tr(Q_aQ_b) / (‖Q_a‖_F ‖Q_b‖_F), true and estimated
 * from Cov(x_a, x_b) = 2 Tr(Q_aQ_b), and their difference; below it, when there is room, the gauge
 * symmetry (Q_c next to U Q_c Uᵀ with how much entries and moments moved) or, for diagonal Q_a, the
 * planted factors W next to Jennrich's Ŵ. */
#include "view.h"
#include "view_quadratic_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "met_quadratic.h"
#include "palette.h"
#include "plot.h"
#include "plot_heatmap.h"

/* A matrix heatmap with value labels when they fit, diverging around 0. */
static plot_heatmap_model matrix_model(const char *title, const double *z, size_t rows, size_t cols,
                                       double z_max, const char *cbar)
{
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.title = title;
    m.rows = rows;
    m.cols = cols;
    m.z = z;
    m.diverging = true;
    if (isfinite(z_max) && z_max > 0) {
        m.z_lo = -z_max;
        m.z_hi = z_max;
    }
    m.labels = true;
    m.square = rows == cols;
    m.digits = 2;
    m.cbar_title = cbar;
    m.row_labels = view_index_labels(rows, 0);
    m.col_labels = view_index_labels(cols, 0);
    return m;
}

static double max_abs(const double *a, size_t len)
{
    double s = 0.0;
    for (size_t i = 0; i < len; i++)
        if (isfinite(a[i]))
            s = fmax(s, fabs(a[i]));
    return s;
}

/* Ĉ − C into a buffer of the main thread (grows to the largest d seen); NULL when out of
 * memory. */
static const double *cos_diff(const quadratic_detail *det)
{
    const size_t d = det->d;
    static double *diff = NULL;
    static size_t diff_len = 0;
    if (diff_len < d * d) {
        double *nb = realloc(diff, d * d * sizeof *nb);
        if (!nb)
            return NULL;
        diff = nb;
        diff_len = d * d;
    }
    for (size_t i = 0; i < d * d; i++)
        diff[i] = det->cos_hat[i] - det->cos_true[i];
    return diff;
}

static rs_status draw_diff(const quadratic_detail *det, grid_rect r, grid *g)
{
    const double *diff = cos_diff(det);
    if (!diff) {
        plot_message_draw("out of memory", r, g);
        return RS_ENOMEM;
    }
    plot_heatmap_model m = matrix_model("estimate − truth", diff, det->d, det->d, NAN, "error");
    m.digits = 3;
    return plot_heatmap_draw(&m, r, g);
}

/* The true and estimated angle matrices, and with panels = 3 their difference, side by
 * side (or stacked in a tall narrow rect). */
static rs_status draw_cosines(const quadratic_detail *det, grid_rect r, grid *g, int panels)
{
    const size_t d = det->d;
    char t_hat[64];
    if (r.w / panels >= 30)
        snprintf(t_hat, sizeof t_hat, "estimate, n = %zu", det->n);
    else
        snprintf(t_hat, sizeof t_hat, "estimate");
    plot_heatmap_model m[2] = {
        matrix_model("cos∠(Q_a, Q_b)", det->cos_true, d, d, 1.0, "cos"),
        matrix_model(t_hat, det->cos_hat, d, d, 1.0, "cos"),
    };
    const bool side = r.w >= panels * 24 || r.h < panels * 8;
    rs_status st = RS_OK;
    for (int j = 0; j < panels; j++) {
        const grid_rect q = vq_part(r, panels, j, side);
        const rs_status s = j < 2 ? plot_heatmap_draw(&m[j], q, g) : draw_diff(det, q, g);
        st = st == RS_OK ? s : st;
    }
    return st;
}

/* The gauge numbers (and, diagonal, the recovery numbers) as short lines (shorter for a
 * narrow column). */
static void summary_lines(const quadratic_detail *det, char lines[][160], int *n_lines, bool narrow)
{
    int k = 0;
    snprintf(lines[k++], 160, "gauge %s: Q_a → U Q_a Uᵀ moves the entries by %.0f%%",
             det->gauge ? "on" : "off", 100.0 * det->gauge_q_change);
    snprintf(lines[k++], 160, "the moments move by %.1e (truth), %.1e (estimates, same g)",
             det->gauge_true_diff, det->gauge_hat_diff);
    if (narrow) {
        snprintf(lines[0], 160, "gauge %s: Q entries move %.0f%%", det->gauge ? "on" : "off",
                 100.0 * det->gauge_q_change);
        snprintf(lines[1], 160, "moments move %.0e",
                 fmax(det->gauge_true_diff, det->gauge_hat_diff));
    }
    if (det->W)
        snprintf(lines[k++], 160, "Jennrich: err_q = %.3g, gap %.2g", det->metric[MET_QUAD_ERR_Q],
                 det->metric[MET_QUAD_JENNRICH_GAP]);
    *n_lines = k;
}

/* The lower band: two matrix heatmaps and a text column. */
static rs_status draw_band(const quadratic_detail *det, grid_rect r, grid *g)
{
    const size_t d = det->d, rr = det->r, c = det->coord;
    char t_a[96], t_b[96];
    plot_heatmap_model m[2];
    if (det->W) {
        snprintf(t_a, sizeof t_a, "planted W(a, i) = Q_a(i, i)");
        snprintf(t_b, sizeof t_b, "Jennrich Ŵ (columns matched)");
        const double zm = fmax(max_abs(det->W, d * rr), max_abs(det->W_hat, d * rr));
        m[0] = matrix_model(t_a, det->W, d, rr, zm, "q");
        m[1] = matrix_model(t_b, det->W_hat, d, rr, zm, "q");
    } else {
        snprintf(t_a, sizeof t_a, "Q_%zu (r × r)%s", c, det->gauge ? "" : ", draws the data");
        snprintf(t_b, sizeof t_b, "U Q_%zu Uᵀ%s", c, det->gauge ? ", draws the data" : "");
        const double zm = fmax(max_abs(det->Q0, rr * rr), max_abs(det->QU, rr * rr));
        m[0] = matrix_model(t_a, det->Q0 + c * rr * rr, rr, rr, zm, "entry");
        m[1] = matrix_model(t_b, det->QU + c * rr * rr, rr, rr, zm, "entry");
    }
    const int text_w = r.w >= 120 ? r.w / 4 : 0;
    const grid_rect maps = {r.x, r.y, r.w - text_w, r.h};
    rs_status st = RS_OK;
    for (int j = 0; j < 2; j++) {
        const rs_status s = plot_heatmap_draw(&m[j], vq_part(maps, 2, j, true), g);
        st = st == RS_OK ? s : st;
    }
    if (text_w) {
        const grid_rect t = {r.x + r.w - text_w + 1, r.y + 1, text_w - 1, r.h - 1};
        const grid_style head = grid_style_make(PALETTE_TITLE, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
        const grid_style text = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
        int y = t.y;
        y += vq_text(g, t, y, det->W ? "Recovery up to order" : "Gauge symmetry", head);
        char lines[4][160];
        int n;
        summary_lines(det, lines, &n, false);
        for (int i = 0; i < n; i++)
            y += vq_text(g, t, y, lines[i], text) + 1;
        y += vq_text(g, t, y,
                     det->W ? met_quadratic_err_q_note
                            : "Every moment of x is a function of the orbit {U Q_a Uᵀ}: the "
                              "data cannot tell the Q_a from their rotations, so only orbits "
                              "can be learned.",
                     text);
    }
    return st;
}

rs_status vq_angles_draw(const quadratic_detail *det, grid_rect r, grid *g)
{
    if (r.h >= 34 && r.w >= 90) {
        const int top = r.h * 11 / 20;
        const rs_status s1 = draw_cosines(det, (grid_rect){r.x, r.y, r.w, top}, g, 3);
        const rs_status s2 = draw_band(det, (grid_rect){r.x, r.y + top, r.w, r.h - top}, g);
        return s1 != RS_OK ? s1 : s2;
    }
    /* small: truth and estimate above, the difference and the gauge numbers below */
    const grid_style text = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    const int top = r.h / 2;
    const rs_status st = draw_cosines(det, (grid_rect){r.x, r.y, r.w, top}, g, 2);
    const grid_rect low = {r.x, r.y + top, r.w, r.h - top};
    const rs_status s2 = draw_diff(det, vq_part(low, 2, 0, true), g);
    char lines[4][160];
    int n;
    summary_lines(det, lines, &n, low.w / 2 < 56);
    const grid_rect t = vq_part(low, 2, 1, true);
    int y = t.y + 1;
    for (int i = 0; i < n; i++)
        y += vq_text(g, (grid_rect){t.x + 1, t.y, t.w - 1, t.h}, y, lines[i], text);
    return st != RS_OK ? st : s2;
}
