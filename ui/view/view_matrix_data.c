/* view_matrix_data.c — the data view of the matrix generator: a window of the
 * observations Y = ReLU(M + b 1^T), the truth M + b 1^T and the fit M_hat + b_hat 1^T on
 * one diverging colour scale (Y is their clipped part: blue cells of M + b 1^T are the
 * zeros of Y), the fraction of zeros of each row of Y, and M_hat against M at evenly
 * spaced entries. */
#include "view.h"
#include "view_matrix_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "met_matrix.h"
#include "palette.h"
#include "param.h"
#include "plot.h"
#include "plot_heatmap.h"
#include "plot_lines.h"

/* Largest |value| over the three windows: the shared diverging scale. */
static double window_scale(const matrix_detail *det, const matrix_detail_est *e)
{
    const size_t cells = det->win_rows * det->win_cols;
    double hi = 0.0;
    for (size_t i = 0; i < cells; i++) {
        const double v[3] = {det->y_window[i], det->z_window[i], e->fit_window[i]};
        for (int j = 0; j < 3; j++)
            if (isfinite(v[j]))
                hi = fmax(hi, fabs(v[j]));
    }
    return hi > 0.0 ? hi : 1.0;
}

static rs_status draw_window(const matrix_detail *det, const double *z, const char *title,
                             double scale, grid_rect r, grid *g)
{
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.title = title;
    m.rows = det->win_rows;
    m.cols = det->win_cols;
    m.z = z;
    m.diverging = true;
    m.z_lo = -scale;
    m.z_hi = scale;
    m.digits = 1;
    m.row_labels = view_index_labels(det->win_rows, 1); /* the title's "rows 1–20" */
    m.col_labels = view_index_labels(det->win_cols, 1);
    return plot_heatmap_draw(&m, r, g);
}

static rs_status draw_zero_frac(const matrix_detail *det, grid_rect r, grid *g)
{
    double *x = malloc(det->d * sizeof *x);
    if (!x) {
        plot_message_draw("out of memory", r, g);
        return RS_ENOMEM;
    }
    double mean = 0.0;
    for (size_t i = 0; i < det->d; i++) {
        x[i] = (double)(i + 1);
        mean += (det->zero_frac[i] - mean) / (double)(i + 1);
    }
    char title[96];
    snprintf(title, sizeof title, "zeros per row (mean %.2f)", mean);
    plot_lines_series s =
        plot_lines_series_make(NULL, palette_series(0), det->d, x, det->zero_frac);
    s.points_only = true; /* rows are not a continuum */
    s.markers = det->d <= 60;
    plot_lines_model m;
    plot_lines_init(&m);
    m.title = title;
    m.x_title = "row i";
    m.y_title = "fraction of Y_ij = 0";
    m.x_lo = det->d > 1 ? 1.0 : 0.5;
    m.x_hi = det->d > 1 ? (double)det->d : 1.5;
    m.y_lo = 0.0;
    m.y_hi = 1.0;
    m.series = &s;
    m.n_series = 1;
    const rs_status st = plot_lines_draw(&m, r, g);
    free(x);
    return st;
}

/* M_hat_ij against M_ij with the diagonal: how far the fit is off, entry by entry. */
static rs_status draw_scatter(const matrix_detail *det, const matrix_detail_est *e, grid_rect r,
                              grid *g)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t s = 0; s < det->n_scatter; s++)
        if (isfinite(det->scatter_true[s])) {
            lo = fmin(lo, det->scatter_true[s]);
            hi = fmax(hi, det->scatter_true[s]);
        }
    const double diag[2] = {lo, hi};
    char title[96], name[48];
    snprintf(title, sizeof title, "M̂_ij vs M_ij (%zu entries)", det->n_scatter);
    snprintf(name, sizeof name, "%s, rel_err_m %.3g", param_method_name(e->method),
             e->metric[MET_MATRIX_REL_ERR_M]);
    plot_lines_series s[2] = {
        plot_lines_series_make(name, palette_series((size_t)e->method), det->n_scatter,
                               det->scatter_true, e->scatter_hat),
        plot_lines_series_make("M̂ = M", PALETTE_AXIS, lo < hi ? 2 : 0, diag, diag),
    };
    s[0].points_only = true;
    plot_lines_model m;
    plot_lines_init(&m);
    m.title = title;
    m.x_title = "M_ij (truth)";
    m.y_title = "M̂_ij";
    m.series = s;
    m.n_series = 2;
    return plot_lines_draw(&m, r, g);
}

rs_status view_matrix_data_draw(const matrix_detail *det, int method, grid_rect r, grid *g)
{
    const matrix_detail_est *e = view_matrix_est(det, method);
    if (!e) {
        plot_message_draw("the shown estimator did not run", r, g);
        return RS_OK;
    }
    const double scale = window_scale(det, e);
    char t_y[96], t_fit[64];
    snprintf(t_y, sizeof t_y, "Y, rows 1–%zu × cols 1–%zu", det->win_rows, det->win_cols);
    snprintf(t_fit, sizeof t_fit, "M̂ + b̂1ᵀ (%s)", param_method_name(method));
    const char *titles[3] = {t_y, "M + b1ᵀ (truth)", t_fit};
    const double *z[3] = {det->y_window, det->z_window, e->fit_window};
    rs_status st = RS_OK;
    if (r.w >= 120 && r.h >= 30) {
        /* Three windows in a row over the zero fractions and the scatter. */
        const grid_rect top = {r.x, r.y, r.w, r.h * 11 / 20};
        const grid_rect bot = {r.x, top.y + top.h, r.w, r.h - top.h};
        for (int j = 0; j < 3; j++) {
            const rs_status s =
                draw_window(det, z[j], titles[j], scale, view_matrix_part(top, 1, j, 3), g);
            st = st == RS_OK ? s : st;
        }
        const rs_status s1 = draw_zero_frac(det, view_matrix_part(bot, 1, 0, 2), g);
        const rs_status s2 = draw_scatter(det, e, view_matrix_part(bot, 1, 1, 2), g);
        st = st != RS_OK ? st : s1 != RS_OK ? s1 : s2;
        return st;
    }
    /* 2 x 2: Y | truth over fit | zero fractions. */
    const grid_rect top = {r.x, r.y, r.w, r.h / 2};
    const grid_rect bot = {r.x, r.y + r.h / 2, r.w, r.h - r.h / 2};
    const grid_rect q[4] = {view_matrix_part(top, 1, 0, 2), view_matrix_part(top, 1, 1, 2),
                            view_matrix_part(bot, 1, 0, 2), view_matrix_part(bot, 1, 1, 2)};
    for (int j = 0; j < 3; j++) {
        const rs_status s = draw_window(det, z[j], titles[j], scale, q[j], g);
        st = st == RS_OK ? s : st;
    }
    const rs_status s = draw_zero_frac(det, q[3], g);
    return st != RS_OK ? st : s;
}
