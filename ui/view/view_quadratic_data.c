/* view_quadratic_data.c — the data and landscape views of the quadratic generator (seed
 * 002). data: one coordinate x_c = gᵀQ_c g = Σ λ_i z_i² (a generalised chi-square, λ the
 * eigenvalues of Q_c) against the Gaussian with its mean Tr Q_c and sd √(2 Tr Q_c²), and
 * the scatter of two coordinates, whose correlation is cos∠(Q_c, Q_c2). landscape: the
 * recovery error of one run over a grid of (n, smooth), and Jennrich's eigenvalue gap. */
#include "view_quadratic_internal.h"

#include <math.h>
#include <stdio.h>

#include "met_quadratic.h"
#include "palette.h"
#include "plot.h"
#include "plot_heatmap.h"
#include "plot_hist.h"
#include "plot_lines.h"

rs_status vq_data_draw(const quadratic_detail *det, grid_rect r, grid *g)
{
    const size_t c = det->coord, c2 = det->coord2, rr = det->r;
    char t_hist[128], x_hist[96], t_scat[128], x_sc[32], y_sc[32];
    const bool side = r.w >= 2 * 40 || r.h < 2 * 10;
    const bool narrow = (side ? r.w / 2 : r.w) < 60;
    if (narrow)
        snprintf(t_hist, sizeof t_hist, "x_%zu = Σ λ_i z_i²", c);
    else
        snprintf(t_hist, sizeof t_hist, "x_%zu = gᵀQ_%zu g = Σ λ_i z_i², λ ∈ [%.2g, %.2g]", c, c,
                 det->coord_eigs[0], det->coord_eigs[rr - 1]);
    const double out = det->hist_below + det->hist_above;
    if (out > 0)
        snprintf(x_hist, sizeof x_hist, "x_%zu (%.2g%% beyond ±5 sd)", c, 100.0 * out);
    else
        snprintf(x_hist, sizeof x_hist, "x_%zu, n = %zu", c, det->n);
    plot_hist_model h;
    plot_hist_init(&h);
    h.title = t_hist;
    h.x_title = x_hist;
    h.y_title = "density";
    h.n_bins = QUAD_HIST_BINS;
    h.edges = det->hist_edges;
    h.density = det->hist_density;
    h.curve_x = det->hist_curve_x;
    h.curve_y = det->hist_curve_y;
    h.n_curve = QUAD_HIST_CURVE;
    h.bars_label = "samples";
    h.curve_label = "normal, same mean/sd";

    /* corr(x_a, x_b) = 2 Tr(Q_aQ_b) / √(2 Tr Q_a² · 2 Tr Q_b²) = cos∠(Q_a, Q_b) */
    const double cos_c = det->cos_true[c * det->d + c2];
    if (narrow)
        snprintf(t_scat, sizeof t_scat, "corr = cos∠(Q_%zu, Q_%zu) = %.2f", c, c2, cos_c);
    else
        snprintf(t_scat, sizeof t_scat, "x_%zu vs x_%zu: corr = cos∠(Q_%zu, Q_%zu) = %.2f", c2, c,
                 c, c2, cos_c);
    snprintf(x_sc, sizeof x_sc, "x_%zu", c);
    snprintf(y_sc, sizeof y_sc, "x_%zu (%zu points)", c2, det->n_scatter);

    const rs_status s1 = plot_hist_draw(&h, vq_part(r, 2, 0, side), g);
    const rs_status s2 = view_scatter_draw(t_scat, x_sc, y_sc, det->n_scatter, det->scatter_x,
                                           det->scatter_y, vq_part(r, 2, 1, side), g);
    return s1 != RS_OK ? s1 : s2;
}

/* z of a landscape heatmap: log10 (when logz) of the rows flipped so that the largest
 * smooth is at the top. */
static void land_z(const double *src, bool logz, double *z)
{
    for (size_t b = 0; b < QUAD_LAND_SMOOTH; b++)
        for (size_t a = 0; a < QUAD_LAND_N; a++) {
            const double v = src[(QUAD_LAND_SMOOTH - 1 - b) * QUAD_LAND_N + a];
            z[b * QUAD_LAND_N + a] = logz ? (v > 0 ? log10(v) : NAN) : v;
        }
}

rs_status vq_landscape_draw(const quadratic_detail *det, const rs_params *p, grid_rect r, grid *g)
{
    static double z_err[QUAD_LAND_SMOOTH * QUAD_LAND_N], z_gap[QUAD_LAND_SMOOTH * QUAD_LAND_N];
    const bool diag = det->W != NULL;
    land_z(det->land_err, true, z_err);
    land_z(det->land_gap, true, z_gap);
    const double x_lo = log10(det->land_n[0]), x_hi = log10(det->land_n[QUAD_LAND_N - 1]);
    const double y_lo = log10(det->land_smooth[0]);
    const double y_hi = log10(det->land_smooth[QUAD_LAND_SMOOTH - 1]);
    /* this run's (n, smooth), when it lies on the grid (n may exceed its flop cap) */
    const double mx = log10((double)det->n), my = p->smooth > 0 ? log10(p->smooth) : NAN;
    const plot_heatmap_mark mark = {mx, my, GLYPH_MARK_X, -1, "this run"};
    const bool marked = mx >= x_lo && mx <= x_hi && my >= y_lo && my <= y_hi;
    const char *name = met_quadratic_names[det->land_metric];
    char t_err[128];
    snprintf(t_err, sizeof t_err, "log₁₀ %s over (n, smooth)%s", name,
             det->family == FAMILY_RANDOM ? " (random: smooth unused)" : "");
    plot_heatmap_model m[2];
    for (int j = 0; j < 2; j++) {
        plot_heatmap_init(&m[j]);
        m[j].rows = QUAD_LAND_SMOOTH;
        m[j].cols = QUAD_LAND_N;
        m[j].x_lo = x_lo;
        m[j].x_hi = x_hi;
        m[j].y_lo = y_lo;
        m[j].y_hi = y_hi;
        m[j].x_title = "log₁₀ n";
        m[j].y_title = "log₁₀ smooth";
        m[j].digits = 1;
        m[j].marks = marked ? &mark : NULL;
        m[j].n_marks = marked ? 1 : 0;
    }
    m[0].title = t_err;
    m[0].z = z_err;
    m[0].cbar_title = "log₁₀";
    m[1].title = "log₁₀ Jennrich eigenvalue gap";
    m[1].z = z_gap;
    m[1].cbar_title = "log₁₀";
    /* the note under the maps: what err means, and that only diagonal Q_a are recovered */
    const char *text = !diag        ? vq_sos_note(r.w)
                       : r.w >= 130 ? "Small gaps make Jennrich's eigenvectors unstable (error ~ "
                                      "1/gap). General Q_a need the sum-of-squares machinery of "
                                      "the slides, not run here."
                                    : "Error ~ 1/gap. General Q_a need sum-of-squares (not run "
                                      "here).";
    const int note_h = vq_note_draw(g, r, text);
    const grid_rect body = {r.x, r.y, r.w, r.h - note_h};
    if (!diag)
        return plot_heatmap_draw(&m[0], body, g);
    const bool side = body.w >= 2 * 40 || body.h < 2 * 10;
    const rs_status s1 = plot_heatmap_draw(&m[0], vq_part(body, 2, 0, side), g);
    const rs_status s2 = plot_heatmap_draw(&m[1], vq_part(body, 2, 1, side), g);
    return s1 != RS_OK ? s1 : s2;
}
