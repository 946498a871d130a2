/* view_relu.c — the views of the one-layer ReLU generator (Wu, Dimakis, Sanghavi 2019, SPEC 5.1 and
 * 6): error curves of Figure 1, the angle matrices of eq. (14), the rectified data with the fitted
 * truncated normal, and the truncated-normal likelihood landscape that ProjSGD (Alg. 3) descends.
 * Reads relu_detail under its lock; computes nothing. */
#include "view.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detail_relu.h"
#include "met_relu.h"
#include "palette.h"
#include "plot.h"
#include "plot_heatmap.h"
#include "plot_hist.h"
#include "plot_lines.h"
#include "view_curves.h"

/* The guides of Wu, Dimakis, Sanghavi 2019 for err_b and err_sigma over d and kappa:
 * Theorem 1's bound does not depend on them (flat). Over n the reference line n^-1/2 is
 * both Theorem 1's rate and Theorem 2's lower bound Omega(1/eps^2). */
static double guide_param(double x, const rs_params *p, const char **label)
{
    (void)x;
    const char *key = param_table[p->sweep].key;
    if (strcmp(key, "d") == 0 || strcmp(key, "kappa") == 0) {
        *label = "Thm 1: free of d and κ";
        return 1.0;
    }
    return NAN;
}

/* Corollary 1: TV <= eps from n = O~(kappa^2 d^2 / eps^2), i.e. the bound grows like
 * kappa d / sqrt(n) (over n: the n^-1/2 reference line). */
static double guide_kl(double x, const rs_params *p, const char **label)
{
    const char *key = param_table[p->sweep].key;
    if (strcmp(key, "d") == 0) {
        *label = "Cor. 1 upper bound: c·d";
        return x;
    }
    if (strcmp(key, "kappa") == 0) {
        *label = "Cor. 1 upper bound: c·κ";
        return x;
    }
    return NAN;
}

/* Metric panels of Figure 1 (the three curves the paper plots) with the n^-1/2 rate of
 * Theorem 1 as the reference line and the guides above. */
static const view_curves_metric relu_curves[] = {
    {.id = MET_RELU_ERR_SIGMA,
     .title = "‖Σ̂ − WWᵀ‖_F / ‖W‖²_F",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2",
     .guide = guide_param},
    {.id = MET_RELU_ERR_B,
     .title = "‖b̂ − b‖₂ / ‖W‖_F",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2",
     .guide = guide_param},
    {.id = MET_RELU_SQRT_KL,
     .title = "√(KL/2) ≥ TV",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2",
     .guide = guide_kl},
};

/* Claim 2: a non-zero sample has probability Phi(b) <= exp(-b^2/2), so telling b from
 * b - delta needs Omega(exp(b^2/2)) samples: log10 n grows like b^2 / (2 ln 10). */
static double guide_claim2(double b, const rs_params *p, const char **label)
{
    (void)p;
    *label = "Claim 2: n ∝ exp(b²/2)";
    return b * b / (2.0 * M_LN10);
}

/* Alg. 1 line 4 clips b_hat at 0: for b < 0 its error is |b| whatever n. */
static double guide_clip(double b, const rs_params *p, const char **label)
{
    (void)p;
    *label = "|b|";
    return b <= 0.0 ? -b : NAN;
}

/* The Claim 2 screen (target_err > 0): samples needed vs b, and the errors at the n
 * where the unclipped fit met the target, with and without Algorithm 1's clip. */
static const view_curves_metric relu_claim2_curves[] = {
    {.id = MET_RELU_LOG10_N_NEEDED,
     .title = "log10 n needed for err_b ≤ target (censored)",
     .ref_slope = NAN,
     .guide = guide_claim2,
     .guide_additive = true},
    {.id = MET_RELU_ERR_B_CLIPPED,
     .title = "err_b clipped at 0 (Alg. 1, line 4), same fit",
     .ref_slope = NAN,
     .guide = guide_clip},
    {.id = MET_RELU_ERR_B, .title = "err_b unclipped at that n", .ref_slope = NAN},
};

/* The angle maps carry row and column indices up to this d. */
enum { ANGLE_INDEX_MAX = 64 };

static rs_status draw_angles(const relu_detail *det, grid_rect r, grid *g)
{
    const size_t d = det->d;
    double *absdiff = NULL;
    static double *buf = NULL; /* main thread only; grows to the largest d seen */
    static size_t buf_len = 0;
    if (buf_len < d * d) {
        double *nb = realloc(buf, d * d * sizeof *nb);
        if (!nb) {
            plot_message_draw("out of memory", r, g);
            return RS_ENOMEM;
        }
        buf = nb;
        buf_len = d * d;
    }
    absdiff = buf;
    for (size_t i = 0; i < d * d; i++)
        absdiff[i] = fabs(det->theta_hat[i] - det->theta_true[i]);
    char title_hat[96]; /* which fit: the detail is run 1 of the value shown */
    snprintf(title_hat, sizeof title_hat, "θ̂ (%s, eq. 14, n = %zu, run 1)",
             param_method_name(det->method), det->n);
    /* Row and column indices, so that a caption naming coordinates 4, 5, 6 can be
     * followed (issue 13, point 12). */
    static char idx[ANGLE_INDEX_MAX][8];
    static const char *idx_p[ANGLE_INDEX_MAX];
    for (size_t i = 0; i < d && i < ANGLE_INDEX_MAX; i++) {
        snprintf(idx[i], sizeof idx[i], "%zu", i);
        idx_p[i] = idx[i];
    }
    plot_heatmap_model m[3];
    const double *z[3] = {det->theta_true, det->theta_hat, absdiff};
    const char *titles[3] = {"θ* (rad)", title_hat, "|θ̂ − θ*|"};
    for (int j = 0; j < 3; j++) {
        plot_heatmap_init(&m[j]);
        m[j].title = titles[j];
        m[j].rows = m[j].cols = d;
        m[j].z = z[j];
        m[j].labels = true;
        m[j].square = true;
        m[j].digits = 2;
        if (j < 2) { /* one colour scale for truth and estimate: angles lie in [0, π] */
            m[j].z_lo = 0.0;
            m[j].z_hi = M_PI;
        }
        m[j].cbar_title = j < 2 ? "rad" : "|err|";
        if (d <= ANGLE_INDEX_MAX)
            m[j].row_labels = m[j].col_labels = idx_p;
    }
    /* Three across when each map gets 30 columns; else truth and estimate side by side
     * over the difference, which keeps every map large enough to read. */
    const bool wide = r.w >= 3 * 30;
    grid_rect q[3];
    if (wide) {
        for (int j = 0; j < 3; j++)
            q[j] = (grid_rect){r.x + r.w * j / 3, r.y, r.w * (j + 1) / 3 - r.w * j / 3, r.h};
    } else {
        const int h1 = r.h / 2;
        q[0] = (grid_rect){r.x, r.y, r.w / 2, h1};
        q[1] = (grid_rect){r.x + r.w / 2, r.y, r.w - r.w / 2, h1};
        q[2] = (grid_rect){r.x + r.w / 4, r.y + h1, r.w / 2, r.h - h1};
    }
    rs_status st = RS_OK;
    for (int j = 0; j < 3; j++) {
        const rs_status s = plot_heatmap_draw(&m[j], q[j], g);
        st = st == RS_OK ? s : st;
    }
    return st;
}

static rs_status draw_data(const relu_detail *det, grid_rect r, grid *g)
{
    char t_hist[96], t_scat[96], x_hist[32], x_sc[32], y_sc[32];
    snprintf(t_hist, sizeof t_hist, "x_%zu = ReLU(⟨w_%zu, z⟩ + b_%zu), n = %zu", det->coord,
             det->coord, det->coord, det->n);
    snprintf(x_hist, sizeof x_hist, "x_%zu", det->coord);
    plot_hist_model h;
    plot_hist_init(&h);
    h.title = t_hist;
    h.x_title = x_hist;
    h.y_title = "density";
    h.n_bins = RELU_HIST_BINS;
    h.edges = det->hist_edges;
    h.density = det->hist_density;
    h.zero_mass = det->p_zero;
    h.curve_x = det->curve_x;
    h.curve_y = det->curve_y;
    h.n_curve = RELU_CURVE_POINTS;
    h.bars_label = "samples";
    h.curve_label = "fitted truncated normal";

    snprintf(t_scat, sizeof t_scat, "x_%zu vs x_%zu (%zu samples)", det->coord2, det->coord,
             det->n_scatter);
    snprintf(x_sc, sizeof x_sc, "x_%zu", det->coord);
    snprintf(y_sc, sizeof y_sc, "x_%zu", det->coord2);

    const bool side = r.w >= 2 * 40 || r.h < 2 * 10;
    grid_rect a, b;
    if (side) {
        /* a blank column between them: the histogram's legend never touches the
         * scatter's tick labels (issue 13, point 11) */
        a = (grid_rect){r.x, r.y, r.w / 2 - 1, r.h};
        b = (grid_rect){r.x + r.w / 2, r.y, r.w - r.w / 2, r.h};
    } else {
        a = (grid_rect){r.x, r.y, r.w, r.h / 2};
        b = (grid_rect){r.x, r.y + r.h / 2, r.w, r.h - r.h / 2};
    }
    const rs_status s1 = plot_hist_draw(&h, a, g);
    const rs_status s2 =
        view_scatter_draw(t_scat, x_sc, y_sc, det->n_scatter, det->scatter_x, det->scatter_y, b, g);
    return s1 != RS_OK ? s1 : s2;
}

static rs_status draw_landscape(const relu_detail *det, grid_rect r, grid *g)
{
    /* Row 0 of the heatmap is drawn at the top, where sigma is largest. */
    /* log₁₀ ΔNLL over three decades below its largest value: on a linear scale the
     * rim takes every colour and the basin, where the estimators differ, is one flat
     * colour (issue 13, point 4). */
    static double z[RELU_LAND_SIGMA * RELU_LAND_MU];
    double zmin = INFINITY, zmax = -INFINITY;
    for (size_t i = 0; i < RELU_LAND_SIGMA * RELU_LAND_MU; i++)
        if (isfinite(det->land_nll[i])) {
            zmin = fmin(zmin, det->land_nll[i]);
            zmax = fmax(zmax, det->land_nll[i]);
        }
    const double floor_nll = (zmax - zmin) * 1e-3;
    for (size_t b = 0; b < RELU_LAND_SIGMA; b++)
        for (size_t a = 0; a < RELU_LAND_MU; a++) {
            const double dz = det->land_nll[(RELU_LAND_SIGMA - 1 - b) * RELU_LAND_MU + a] - zmin;
            z[b * RELU_LAND_MU + a] = floor_nll > 0 ? log10(fmax(dz, floor_nll)) : dz;
        }
    static plot_heatmap_point path[RELU_PATH_MAX];
    for (size_t j = 0; j < det->path_len; j++)
        path[j] = (plot_heatmap_point){det->path_mu[j], det->path_sigma[j]};
    const plot_heatmap_mark marks[] = {
        {det->mle_mu, det->mle_sigma, GLYPH_MARK_X, -1, "MLE"},
        {det->true_mu, det->true_sigma, GLYPH_MARK_STAR, 226, "truth"},
        {det->sgd_mu, det->sgd_sigma, GLYPH_MARK_DOT, 203, "ProjSGD estimate"},
    };
    char title[128];
    snprintf(title, sizeof title, "log₁₀ ΔNLL of x_%zu over (μ, σ), n = %zu", det->coord, det->n);
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.title = title;
    m.rows = RELU_LAND_SIGMA;
    m.cols = RELU_LAND_MU;
    m.z = z;
    m.x_lo = det->land_mu[0];
    m.x_hi = det->land_mu[RELU_LAND_MU - 1];
    m.y_lo = det->land_sigma[0];
    m.y_hi = det->land_sigma[RELU_LAND_SIGMA - 1];
    m.x_title = "μ (bias)";
    m.y_title = "σ (row norm)";
    m.cbar_title = "log₁₀ΔNLL";
    m.path = det->path_len ? path : NULL;
    m.n_path = det->path_len;
    m.path_color = 231;
    m.path_label = "ProjSGD iterates (Alg. 3)";
    m.marks = marks;
    m.n_marks = 3;
    return plot_heatmap_draw(&m, r, g);
}

static rs_status relu_curves_draw(const view_input *in, const view_opts *o, grid_rect r, grid *g)
{
    if (in->p->target_err > 0.0)
        return view_curves_draw(in, o, relu_claim2_curves, 3, 0, r, g);
    return view_curves_draw(in, o, relu_curves, 3, 0, r, g);
}

static rs_status relu_angles(const view_input *in, const void *det, const view_opts *o, grid_rect r,
                             grid *g)
{
    (void)in, (void)o;
    return draw_angles(det, r, g);
}

static rs_status relu_data(const view_input *in, const void *det, const view_opts *o, grid_rect r,
                           grid *g)
{
    (void)in, (void)o;
    return draw_data(det, r, g);
}

static rs_status relu_landscape(const view_input *in, const void *det, const view_opts *o,
                                grid_rect r, grid *g)
{
    (void)in, (void)o;
    return draw_landscape(det, r, g);
}

const view_gen view_relu = {
    .curves = relu_curves_draw,
    .detail =
        {[VIEW_ANGLES] = relu_angles, [VIEW_DATA] = relu_data, [VIEW_LANDSCAPE] = relu_landscape},
};
