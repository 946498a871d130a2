/* view_teacher_maps.c — the teacher views of one job's detail: the alignment of the
 * learned rows with A* (a permutation matrix when a loss recovers A*, Theorem 2), the
 * loss landscapes (over the row angles at d = k = 2, else over a plane through A*), and
 * the data (Gao, Makkuva, Oh, Viswanath 2019, Section 4). Reads a locked teacher_detail; the
 * angles and landscape stream (issue 15, point 3): the |cos| maps of the iterate while a loss
 * trains, the landscape's rows as they are computed, pending cells `?` (grey in colour). */
#include "view.h"
#include "view_teacher_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "palette.h"
#include "plot.h"
#include "plot_heatmap.h"
#include "plot_hist.h"
#include "plot_lines.h"

enum { ANG_MIN_W = 24, ANG_MIN_H = 8, LAND_MIN_W = 36, LAND_MIN_H = 14 };

static const char *const input_names[] = {"gaussian", "laplace", "mixture"};

/* e(A) at the last recorded iteration of loss m (nan when none). */
static double final_e(const teacher_detail *det, int m)
{
    const size_t len = det->curve_len[m];
    return len ? det->curve_e[m][len - 1] : NAN;
}

rs_status view_teacher_angles(const teacher_detail *det, const view_input *in, int selected,
                              grid_rect r, grid *g)
{
    int methods[VT_TILES_MAX];
    grid_rect tiles[VT_TILES_MAX];
    const size_t nt =
        view_teacher_tiles(det->methods, selected, r, ANG_MIN_W, ANG_MIN_H, methods, tiles);
    rs_status st = RS_OK;
    for (size_t j = 0; j < nt; j++) {
        const int m = methods[j];
        const bool training = !(det->methods_done & (1u << m)) && !det->has_final[m];
        if (!det->has_final[m] && (!training || det->curve_len[m] == 0 || !det->cos_abs[m])) {
            char msg[128];
            const size_t len = det->curve_len[m];
            if (training) /* a loss the job has not reached yet */
                snprintf(msg, sizeof msg, "%s: waiting for its first iteration",
                         param_method_name(m));
            else /* diverged: keep_final never ran, cos_abs is not A's */
                snprintf(msg, sizeof msg, "%s diverged after iteration %zu: no final A",
                         param_method_name(m), len ? det->curve_iter[m][len - 1] : 0);
            plot_warn_draw(msg, tiles[j].x, tiles[j].y + tiles[j].h / 2, tiles[j].w, g);
            continue;
        }
        char title[128], step[48] = "";
        /* e(A) names the matrix it is taken on (knob e_orient), as the learning view does */
        const char *on = in->p->e_orient == E_ORIENT_PRINTED ? "A*⁻¹·A" : "A·A*⁻¹";
        if (training) /* the iterate's map: it settles as the loss trains */
            snprintf(step, sizeof step, ", step %zu of %zu", det->cos_iter[m], det->iters);
        snprintf(title, sizeof title, "|cos(a_i, a*_j)| %s%s, e(%s) = %.3g", param_method_name(m),
                 step, on, final_e(det, m));
        /* Narrower, the colour bar says |cos|; narrower still, e without its matrix: the
         * value is what must not be cut. */
        if (grid_text_width(title) > tiles[j].w - 1)
            snprintf(title, sizeof title, "%s%s, e(%s) = %.3g", param_method_name(m), step, on,
                     final_e(det, m));
        if (grid_text_width(title) > tiles[j].w - 1)
            snprintf(title, sizeof title, "%s%s, e = %.3g", param_method_name(m), step,
                     final_e(det, m));
        plot_heatmap_model hm;
        plot_heatmap_init(&hm);
        hm.title = title;
        hm.rows = hm.cols = det->k;
        hm.z = det->cos_abs[m];
        hm.z_lo = 0.0; /* |cos| lies in [0, 1]: one scale for every loss */
        hm.z_hi = 1.0;
        hm.labels = true;
        hm.square = true;
        hm.digits = 2;
        hm.cbar_title = "|cos|";
        hm.row_labels = hm.col_labels = view_index_labels(det->k, 0); /* i down, j across */
        const rs_status s = plot_heatmap_draw(&hm, tiles[j], g);
        st = st == RS_OK ? s : st;
    }
    return st;
}

/* One landscape: the loss minus its minimum over the grid (the colour scale then starts
 * at 0 whatever the loss's offset), flipped so that v grows upwards. */
static rs_status land_one(const teacher_detail *det, int m, double *z, plot_heatmap_point *path,
                          grid_rect r, grid *g)
{
    const size_t L = det->land_size;
    double zmin = INFINITY;
    for (size_t i = 0; i < L * L; i++)
        if (isfinite(det->land_val[m][i]))
            zmin = fmin(zmin, det->land_val[m][i]);
    for (size_t b = 0; b < L; b++)
        for (size_t a = 0; a < L; a++)
            z[b * L + a] = det->land_val[m][(L - 1 - b) * L + a] - zmin;
    const bool ang = det->land_mode == TEACHER_LAND_ANGLES;
    /* Rows are defined up to sign, so an angle path wraps at pi: break the line there. */
    size_t np = 0;
    for (size_t j = 0; j < det->path_len[m]; j++) {
        if (ang && j > 0 &&
            (fabs(det->path_u[m][j] - det->path_u[m][j - 1]) > M_PI / 2 ||
             fabs(det->path_v[m][j] - det->path_v[m][j - 1]) > M_PI / 2))
            path[np++] = (plot_heatmap_point){NAN, NAN};
        path[np++] = (plot_heatmap_point){det->path_u[m][j], det->path_v[m][j]};
    }
    plot_heatmap_mark marks[TEACHER_MARKS + 1];
    size_t nm = 0;
    for (size_t i = 0; i < det->n_marks && i < TEACHER_MARKS; i++)
        marks[nm++] = (plot_heatmap_mark){det->mark_u[i], det->mark_v[i], GLYPH_MARK_STAR, 226,
                                          ang ? "global minima" : "A*"};
    if (det->path_len[m] && det->has_final[m]) {
        const size_t e = det->path_len[m] - 1;
        marks[nm++] =
            (plot_heatmap_mark){det->path_u[m][e], det->path_v[m][e], GLYPH_MARK_X, -1, "final A"};
    }
    char title[128];
    const bool pending = det->land_rows[m] < L;
    char rows[80] = ""; /* the grid streams in by rows of v: first in the title, never cut */
    if (pending)
        snprintf(rows, sizeof rows, ", rows %zu of %zu (?: pending)", det->land_rows[m], L);
    snprintf(title, sizeof title, "loss %s − min%s%s%s", view_teacher_loss_symbol(m), rows,
             ang ? "" : ", plane through A*", pending || det->has_final[m] ? "" : " (GD diverged)");
    plot_heatmap_model hm;
    plot_heatmap_init(&hm);
    hm.title = title;
    hm.rows = hm.cols = L;
    hm.z = z;
    hm.x_lo = det->land_u[0];
    hm.x_hi = det->land_u[L - 1];
    hm.y_lo = det->land_v[0];
    hm.y_hi = det->land_v[L - 1];
    hm.x_title = ang ? "θ₁ (rad)" : "u (along D1)";
    hm.y_title = ang ? "θ₂ (rad)" : "v (along D2)";
    hm.cbar_title = "Δloss";
    hm.path = np ? path : NULL;
    hm.n_path = np;
    hm.path_color = 231;
    hm.path_label = "optimiser path";
    hm.marks = marks;
    hm.n_marks = nm;
    hm.quiet_nan = pending; /* the title says which cells are still to come */
    return plot_heatmap_draw(&hm, r, g);
}

rs_status view_teacher_landscape(const teacher_detail *det, const view_input *in, int selected,
                                 grid_rect r, grid *g)
{
    (void)in;
    int methods[VT_TILES_MAX];
    grid_rect tiles[VT_TILES_MAX];
    const size_t nt =
        view_teacher_tiles(det->methods, selected, r, LAND_MIN_W, LAND_MIN_H, methods, tiles);
    double *z = malloc(TEACHER_LAND * TEACHER_LAND * sizeof *z);
    plot_heatmap_point *path = malloc(2 * TEACHER_CURVE_MAX * sizeof *path);
    rs_status st = RS_OK;
    if (!z || !path) {
        plot_message_draw("out of memory", r, g);
        st = RS_ENOMEM;
    }
    for (size_t j = 0; j < nt && st == RS_OK; j++)
        st = land_one(det, methods[j], z, path, tiles[j], g);
    free(z);
    free(path);
    return st;
}

rs_status view_teacher_data(const teacher_detail *det, const view_input *in, grid_rect r, grid *g)
{
    const int input = in->p->input;
    const char *iname = input >= 0 && input < 3 ? input_names[input] : "?";
    char t_hist[128], t_scat[96], x_sc[32], y_sc[32];
    const bool side = r.w >= 2 * 40 || r.h < 2 * 10;
    const bool narrow = (side ? r.w / 2 : r.w) < 60;
    if (narrow)
        snprintf(t_hist, sizeof t_hist, "y, n = %zu", det->n);
    else
        snprintf(t_hist, sizeof t_hist, "y = Σ w*_i ReLU(⟨a*_i, x⟩) + η, n = %zu", det->n);
    plot_hist_model h;
    plot_hist_init(&h);
    h.title = t_hist;
    h.x_title = "y";
    h.y_title = "density";
    h.n_bins = TEACHER_HIST_BINS;
    h.edges = det->hist_edges;
    h.density = det->hist_density;
    h.bars_label = "samples";

    if (narrow)
        snprintf(t_scat, sizeof t_scat, "x_%zu vs x_%zu, %s", det->coord2, det->coord, iname);
    else
        snprintf(t_scat, sizeof t_scat, "x_%zu vs x_%zu, %s input (%zu samples)", det->coord2,
                 det->coord, iname, det->n_scatter);
    snprintf(x_sc, sizeof x_sc, "x_%zu", det->coord);
    snprintf(y_sc, sizeof y_sc, "x_%zu", det->coord2);

    grid_rect a, b;
    if (side) {
        a = (grid_rect){r.x, r.y, r.w / 2, r.h};
        b = (grid_rect){r.x + r.w / 2, r.y, r.w - r.w / 2, r.h};
    } else {
        a = (grid_rect){r.x, r.y, r.w, r.h / 2};
        b = (grid_rect){r.x, r.y + r.h / 2, r.w, r.h - r.h / 2};
    }
    const rs_status s1 =
        view_scatter_draw(t_scat, x_sc, y_sc, det->n_scatter, det->scatter_x, det->scatter_y, a, g);
    const rs_status s2 = plot_hist_draw(&h, b, g);
    return s1 != RS_OK ? s1 : s2;
}
