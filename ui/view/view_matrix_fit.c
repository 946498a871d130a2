/* view_matrix_fit.c — the likelihood fit of the matrix generator as the views show it:
 * the penalised objective J of est_matrix_mle.h over a plane through the MLE, and the
 * learning curves of the alternating fit (objective, rel_err_m and constraint
 * violation per iteration, streaming while it runs). */
#include "view_matrix_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "met_matrix.h"
#include "palette.h"
#include "param.h"
#include "plot.h"
#include "plot_heatmap.h"
#include "plot_lines.h"

enum { LAND_CELLS = MATRIX_LAND * MATRIX_LAND };

/* One landscape heatmap: z (row 0 = the largest beta, drawn on top) with the MLE mark. */
static rs_status draw_plane(const matrix_detail *det, const double *z, const char *title,
                            const char *cbar, const plot_heatmap_mark *marks, size_t n_marks,
                            grid_rect r, grid *g)
{
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.title = title;
    m.rows = m.cols = MATRIX_LAND;
    m.z = z;
    m.x_lo = det->land_alpha[0];
    m.x_hi = det->land_alpha[MATRIX_LAND - 1];
    m.y_lo = det->land_beta[0];
    m.y_hi = det->land_beta[MATRIX_LAND - 1];
    m.x_title = "α (along D₁)";
    m.y_title = "β (along D₂)";
    m.cbar_title = cbar;
    m.marks = marks;
    m.n_marks = n_marks;
    return plot_heatmap_draw(&m, r, g);
}

rs_status view_matrix_landscape_draw(const matrix_detail *det, int method, grid_rect r, grid *g)
{
    if (!det->land_ready) {
        plot_message_draw("the landscape is drawn through mle's estimate: add mle to compare", r,
                          g);
        return RS_OK;
    }
    /* The penalty rho * violation^2 spans many decades around the MLE: colour by
     * log10(1 + J - J_min), 0 at the grid's minimum. */
    double jmin = INFINITY;
    size_t amin = 0;
    for (size_t i = 0; i < LAND_CELLS; i++)
        if (isfinite(det->land_objective[i]) && det->land_objective[i] < jmin) {
            jmin = det->land_objective[i];
            amin = i;
        }
    double zj[LAND_CELLS], zv[LAND_CELLS];
    for (size_t b = 0; b < MATRIX_LAND; b++)
        for (size_t a = 0; a < MATRIX_LAND; a++) {
            const size_t src = (MATRIX_LAND - 1 - b) * MATRIX_LAND + a;
            zj[b * MATRIX_LAND + a] = log10(1.0 + det->land_objective[src] - jmin);
            zv[b * MATRIX_LAND + a] = det->land_violation[src];
        }
    /* The grid minimum is marked when it is not M_hat itself (the centre point). */
    const plot_heatmap_mark marks[] = {
        {0.0, 0.0, GLYPH_MARK_X, -1, "M̂ (mle)"},
        {det->land_alpha[amin % MATRIX_LAND], det->land_beta[amin / MATRIX_LAND], GLYPH_MARK_DOT,
         226, "grid minimum"},
    };
    const size_t n_marks = amin == LAND_CELLS / 2 ? 1 : 2;
    char title[128];
    snprintf(title, sizeof title, "log₁₀(1 + J − J_min) through M̂ (mle), %zu columns%s",
             det->land_cols, method == METHOD_MLE ? "" : "; shown for mle only");
    if (r.w < 120)
        return draw_plane(det, zj, title, "log₁₀ΔJ", marks, n_marks, r, g);
    const rs_status s1 =
        draw_plane(det, zj, title, "log₁₀ΔJ", marks, n_marks, view_matrix_part(r, 1, 0, 2), g);
    const rs_status s2 = draw_plane(det, zv, "RMS violation of (5)–(6)", "viol.", marks, 1,
                                    view_matrix_part(r, 1, 1, 2), g);
    return s1 != RS_OK ? s1 : s2;
}

/* All finite values positive (a log axis shows them all). */
static bool all_positive(const double *y, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isfinite(y[i]) && y[i] <= 0)
            return false;
    return true;
}

/* A's curve of the panel's quantity (objective J, rel_err_m, violation): dim and marked
 * at a few staggered iterations, so that A and B differ without colour (issue 17,
 * point 2). */
static void learn_a_series(const matrix_detail *da, size_t panel, plot_lines_series *s, size_t *ns)
{
    static double ax[MATRIX_LEARN_MAX]; /* main thread only */
    if (!da || da->learn_len == 0)
        return;
    const double *y = panel == 0   ? da->learn_objective
                      : panel == 1 ? da->learn_rel_err
                                   : da->learn_violation;
    for (size_t i = 0; i < da->learn_len; i++)
        ax[i] = (double)i;
    s[*ns] = plot_lines_series_make(panel == 0 ? "A J" : "A mle",
                                    palette_shade(palette_series(METHOD_MLE), 0.55), da->learn_len,
                                    ax, y);
    s[*ns].markers = true;
    s[*ns].mark_n = 6;
    (*ns)++;
}

static rs_status draw_learn_panel(const matrix_detail *det, const matrix_detail *da, size_t panel,
                                  const double *x, const char *status, grid_rect r, grid *g)
{
    const size_t len = det->learn_len;
    const matrix_detail_est *svd = view_matrix_est(det, METHOD_SVD);
    const double last = len ? x[len - 1] : 1.0;
    const double svd_x[2] = {0.0, last > 0 ? last : 1.0};
    double svd_y[2] = {NAN, NAN};
    plot_lines_series s[3];
    size_t ns = 0;
    char title[160];
    plot_lines_model m;
    plot_lines_init(&m);
    m.x_title = "iteration (0 = SVD warm start)";
    if (panel == 0) {
        snprintf(title, sizeof title, "objective J = −log L / d + penalty, %s", status);
        s[ns++] = plot_lines_series_make(da ? "B J" : "J", palette_series(METHOD_MLE), len, x,
                                         det->learn_objective);
        s[ns++] =
            plot_lines_series_make("−log L / d (eq. 8)", palette_series(0), len, x, det->learn_nll);
        m.y_title = "J";
        m.y_log = all_positive(det->learn_objective, len) && all_positive(det->learn_nll, len) &&
                  (!da || all_positive(da->learn_objective, da->learn_len));
    } else if (panel == 1) {
        snprintf(title, sizeof title, "‖M̂ − M‖_F / ‖M‖_F per iteration, %s", status);
        s[ns++] = plot_lines_series_make(da ? "B mle" : "mle", palette_series(METHOD_MLE), len, x,
                                         det->learn_rel_err);
        if (svd) {
            svd_y[0] = svd_y[1] = svd->metric[MET_MATRIX_REL_ERR_M];
            s[ns++] =
                plot_lines_series_make("svd (final)", palette_series(METHOD_SVD), 2, svd_x, svd_y);
        }
        m.y_title = "rel_err_m";
    } else {
        snprintf(title, sizeof title, "RMS violation of the constraints (5)–(6), %s", status);
        s[ns++] = plot_lines_series_make(da ? "B mle" : "mle", palette_series(METHOD_MLE), len, x,
                                         det->learn_violation);
        m.y_title = "violation";
        m.y_log = all_positive(det->learn_violation, len) &&
                  (!da || all_positive(da->learn_violation, da->learn_len));
    }
    learn_a_series(da, panel, s, &ns);
    m.title = title;
    m.series = s;
    m.n_series = ns;
    return plot_lines_draw(&m, r, g);
}

rs_status view_matrix_learning_draw(const matrix_detail *det, const matrix_detail *da, size_t panel,
                                    grid_rect r, grid *g)
{
    if (det->learn_len == 0) {
        plot_message_draw("the learning curves are mle's iterations: add mle to compare", r, g);
        return RS_OK;
    }
    double x[MATRIX_LEARN_MAX];
    for (size_t i = 0; i < det->learn_len; i++)
        x[i] = (double)i;
    char status[96];
    const size_t iters = det->learn_total - 1; /* index 0 is the warm start */
    if (!det->head.ready)
        snprintf(status, sizeof status, "iteration %zu (running)", iters);
    else if (det->learn_total > det->learn_len)
        snprintf(status, sizeof status, "%zu iterations (first %zu kept)", iters,
                 det->learn_len - 1);
    else
        snprintf(status, sizeof status, "%zu iterations", iters);
    /* As many panels as fit: stacked with >= 9 rows each, else side by side with >= 45
     * columns each, else the one `panel` picks. */
    int count = 3, side = 0;
    while (count > 1 && r.h / count < 9 && r.w / count < 45)
        count--;
    side = r.h / count < 9;
    if (count == 1)
        return draw_learn_panel(det, da, panel % 3, x, status, r, g);
    rs_status st = RS_OK;
    for (int i = 0; i < count; i++) {
        const rs_status s =
            draw_learn_panel(det, da, (size_t)i, x, status, view_matrix_part(r, side, i, count), g);
        st = st == RS_OK ? s : st;
    }
    return st;
}
