/* view_matrix.c — the views of the ReLU matrix model (Mazumdar, Rawat 2019, SPEC 5.2 and 6): error
 * curves of mle against the svd baseline, and the angles between the true and recovered
 * column spaces. The data, landscape and learning views are in view_matrix_data.c and
 * view_matrix_fit.c. Reads matrix_detail under its lock; computes nothing. */
#include "view.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detail_matrix.h"
#include "met_matrix.h"
#include "palette.h"
#include "param.h"
#include "plot.h"
#include "plot_heatmap.h"
#include "plot_lines.h"
#include "view_curves.h"
#include "view_matrix_internal.h"

/* The presets open on the errors the symmetry (C, b) -> (C + w 1^T, b - A w) cannot move
 * (issue 14 item 7, met_matrix_gauge.h), then subspace_err, then rel_err_m, which keeps the
 * unidentifiable shift A w 1^T at every n: Theorem 1's n-free bound on ||M - M_hat||_F
 * (Mazumdar, Rawat 2019) cannot hold for it as printed. The n^-1/2 reference is what an
 * error falling with the sample size would look like. */
/* Theorem 1 (Mazumdar, Rawat 2019) bounds ||M - M_hat||_F^2 by C0 L gamma d / (beta omega),
 * free of n; with ||M||_F growing like sqrt(d n) that is a relative error c n^-1/2 over n
 * (and flat over d). Drawn on rel_err_m, where the symmetry keeps it from holding, and on
 * rel_err_gauge, where it can. */
static double guide_thm1(double x, const rs_params *p, const char **label)
{
    if (strcmp(param_table[p->sweep].key, "n") != 0)
        return NAN;
    *label = "Thm 1 bound as printed: c·n^-1/2";
    return 1.0 / sqrt(x);
}

static const view_curves_metric matrix_curves[] = {
    {.id = MET_MATRIX_REL_ERR_GAUGE,
     .title = "min_w ‖M̂ − M − Aw1ᵀ‖_F / ‖M‖_F (gauge-free)",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2",
     .guide = guide_thm1},
    {.id = MET_MATRIX_SUBSPACE_ERR,
     .title = "‖sin Θ(U_k, Û_k)‖_F",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2"},
    {.id = MET_MATRIX_REL_ERR_MB,
     .title = "‖(M̂ + b̂1ᵀ) − (M + b1ᵀ)‖_F / ‖M + b1ᵀ‖_F (gauge-free)",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2"},
    {.id = MET_MATRIX_REL_ERR_M,
     .title = "‖M̂ − M‖_F / ‖M‖_F (moves with the gauge)",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2",
     .guide = guide_thm1},
};

/* subspace_err at or below this is "exact": the fit's own tolerance (a run whose every row
 * is identified recovers col(A) to about 1e-7, test_job_matrix). */
static const double SUBSPACE_EXACT = 1e-6;

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* subspace_err is bimodal (exact, or off by a missing row's direction), so its mean and
 * sd hide what happens: one line with the median and the fraction of exact runs of the
 * first compared method at the last value with finished runs. 0 when nothing to say. */
static int subspace_note(const view_input *in, char *buf, size_t len)
{
    const unsigned methods = param_methods(in->p);
    int m = -1;
    for (int j = 0; j < METHOD_COUNT && m < 0; j++)
        if (methods & (1u << j))
            m = j;
    if (m < 0 || !in->cells || in->runs == 0)
        return 0;
    double *x = malloc(in->runs * sizeof *x);
    if (!x)
        return 0;
    for (size_t v = in->n_values; v-- > 0;) {
        size_t cnt = 0, exact = 0;
        for (size_t r = 0; r < in->runs; r++) {
            const sweep_cell *c = &in->cells[v * in->runs + r];
            const double e = c->metric[m][MET_MATRIX_SUBSPACE_ERR];
            if (atomic_load(&c->done) && isfinite(e)) {
                x[cnt++] = e;
                exact += e <= SUBSPACE_EXACT;
            }
        }
        if (cnt == 0)
            continue;
        qsort(x, cnt, sizeof *x, cmp_double);
        const double med = cnt % 2 ? x[cnt / 2] : 0.5 * (x[cnt / 2 - 1] + x[cnt / 2]);
        char at[48] = "";
        if (in->p->sweep >= 0)
            snprintf(at, sizeof at, ", %s = %g", param_table[in->p->sweep].key, in->values[v]);
        snprintf(buf, len, "subspace_err %s%s: median %.3g, exact %zu/%zu", param_method_name(m),
                 at, med, exact, cnt);
        free(x);
        return 1;
    }
    free(x);
    return 0;
}

/* Row and column labels of the cosine matrix are printed up to this k. */
enum { ANGLE_LABELS_MAX = 16 };

const matrix_detail_est *view_matrix_est(const matrix_detail *det, int method)
{
    for (size_t s = 0; s < MATRIX_DETAIL_METHODS; s++)
        if (det->est[s].method == method && method >= 0)
            return &det->est[s];
    return NULL;
}

grid_rect view_matrix_part(grid_rect r, int side, int i, int count)
{
    if (side)
        return (grid_rect){r.x + r.w * i / count, r.y, r.w * (i + 1) / count - r.w * i / count,
                           r.h};
    return (grid_rect){r.x, r.y + r.h * i / count, r.w, r.h * (i + 1) / count - r.h * i / count};
}

/* The principal angles of every method that ran, one series each. */
static rs_status draw_principal(const matrix_detail *det, grid_rect r, grid *g)
{
    const size_t k = det->k;
    double *x = malloc(k * sizeof *x);
    if (!x) {
        plot_message_draw("out of memory", r, g);
        return RS_ENOMEM;
    }
    for (size_t i = 0; i < k; i++)
        x[i] = (double)(i + 1);
    plot_lines_series s[MATRIX_DETAIL_METHODS];
    char names[MATRIX_DETAIL_METHODS][64];
    size_t ns = 0;
    for (size_t j = 0; j < MATRIX_DETAIL_METHODS; j++) {
        const matrix_detail_est *e = &det->est[j];
        if (e->method < 0)
            continue;
        snprintf(names[ns], sizeof names[ns], "%s ‖sin Θ‖_F %.3g", param_method_name(e->method),
                 e->metric[MET_MATRIX_SUBSPACE_ERR]);
        s[ns] = plot_lines_series_make(names[ns], palette_series((size_t)e->method), k, x,
                                       e->principal_rad);
        s[ns].markers = true;
        ns++;
    }
    plot_lines_model m;
    plot_lines_init(&m);
    m.title = "principal angles θ_i(col A, col M̂)";
    m.x_title = "i (ascending)";
    m.y_title = "θ_i (rad)";
    m.x_lo = k > 1 ? 1.0 : 0.5; /* one angle: a range around it */
    m.x_hi = k > 1 ? (double)k : 1.5;
    m.y_lo = 0.0;
    m.y_hi = M_PI / 2;
    m.series = s;
    m.n_series = ns;
    const rs_status st = plot_lines_draw(&m, r, g);
    free(x);
    return st;
}

/* |U_k^T U_hat_k| of the shown method next to the principal angles of all methods. */
static rs_status draw_angles(const matrix_detail *det, int method, grid_rect r, grid *g)
{
    const matrix_detail_est *e = view_matrix_est(det, method);
    if (!e) {
        plot_message_draw("the shown estimator did not run", r, g);
        return RS_OK;
    }
    const size_t k = det->k;
    char title[96], rl[ANGLE_LABELS_MAX][8], cl[ANGLE_LABELS_MAX][8];
    const char *rows[ANGLE_LABELS_MAX], *cols[ANGLE_LABELS_MAX];
    snprintf(title, sizeof title, "|U_kᵀ Û_k| (%s): cosines, truth × estimate",
             param_method_name(method));
    for (size_t i = 0; i < k && k <= ANGLE_LABELS_MAX; i++) {
        snprintf(rl[i], sizeof rl[i], "u%zu", i + 1);
        snprintf(cl[i], sizeof cl[i], "û%zu", i + 1);
        rows[i] = rl[i];
        cols[i] = cl[i];
    }
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.title = title;
    m.rows = m.cols = k;
    m.z = e->cosines;
    m.z_lo = 0.0; /* |cos| lies in [0, 1]: one scale for every method */
    m.z_hi = 1.0;
    m.digits = 2;
    m.labels = true;
    m.square = true;
    m.row_labels = k <= ANGLE_LABELS_MAX ? rows : NULL;
    m.col_labels = k <= ANGLE_LABELS_MAX ? cols : NULL;
    m.cbar_title = "|cos|";
    const int side = r.w >= 2 * 40 || r.h < 2 * 8;
    grid_rect a = view_matrix_part(r, side, 0, 2), b = view_matrix_part(r, side, 1, 2);
    if (!side) {
        /* Stacked: the matrix gets the rows its labelled cells need (title, column
         * labels, one row per cell), between a third and three fifths of the rect. */
        int need = (int)k + 3;
        need = need > r.h * 3 / 5 ? r.h * 3 / 5 : need < r.h / 3 ? r.h / 3 : need;
        a.h = need;
        b = (grid_rect){r.x, r.y + need, r.w, r.h - need};
    }
    const rs_status s1 = plot_heatmap_draw(&m, a, g);
    const rs_status s2 = draw_principal(det, b, g);
    return s1 != RS_OK ? s1 : s2;
}

static rs_status matrix_curves_draw(const view_input *in, const view_opts *o, grid_rect r, grid *g)
{
    char note[160];
    if (r.h >= 12 && subspace_note(in, note, sizeof note)) {
        r.h--;
        grid_puts(g, r.x, r.y + r.h, note, r.w,
                  (grid_style){GRID_COLOR_DEFAULT, GRID_COLOR_DEFAULT, 0});
    }
    return view_curves_draw(in, o, matrix_curves, sizeof matrix_curves / sizeof matrix_curves[0], 0,
                            r, g);
}

static rs_status matrix_angles(const view_input *in, const void *det, const view_opts *o,
                               grid_rect r, grid *g)
{
    return draw_angles(det, view_method(in->p, o), r, g);
}

static rs_status matrix_data(const view_input *in, const void *det, const view_opts *o, grid_rect r,
                             grid *g)
{
    return view_matrix_data_draw(det, view_method(in->p, o), r, g);
}

static rs_status matrix_landscape(const view_input *in, const void *det, const view_opts *o,
                                  grid_rect r, grid *g)
{
    return view_matrix_landscape_draw(det, view_method(in->p, o), r, g);
}

static rs_status matrix_learning(const view_input *in, const void *det, const view_opts *o,
                                 grid_rect r, grid *g)
{
    /* A of an A/B pair under its own lock (only the main thread holds two). */
    const view_input *a = in->ab_a;
    matrix_detail *da = a && a->p && a->p->generator == GEN_MATRIX ? a->detail : NULL;
    if (da)
        pthread_mutex_lock(&da->head.lock);
    const rs_status st = view_matrix_learning_draw(det, da, o->metric, r, g);
    if (da)
        pthread_mutex_unlock(&da->head.lock);
    return st;
}

/* The MLE's iterations stream in (learn_len grows under the lock) before the detail is
 * ready. */
static int matrix_streams(const void *detail, int view)
{
    const matrix_detail *det = detail;
    return view == VIEW_LEARNING && det->learn_len > 0;
}

const view_gen view_matrix = {
    .curves = matrix_curves_draw,
    .detail = {[VIEW_ANGLES] = matrix_angles,
               [VIEW_DATA] = matrix_data,
               [VIEW_LANDSCAPE] = matrix_landscape,
               [VIEW_LEARNING] = matrix_learning},
    .streams = matrix_streams,
};
