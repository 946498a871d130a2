/* ui_fixtures.c — standard models for the ui tests and benchmark (see ui_fixtures.h). */
#include "ui_fixtures.h"

#include <math.h>
#include <stddef.h>

#include "palette.h"
#include "plot_heatmap.h"
#include "plot_hist.h"
#include "plot_lines.h"
#include "stats.h"
#include "widgets.h"

static const char *const fixture_names[FIX_COUNT] = {
    "lines_loglog",      "lines_learning", "heatmap_seq", "heatmap_div",
    "heatmap_landscape", "hist",           "widgets",
};

const char *fixture_name(fixture_id id)
{
    return (unsigned)id < FIX_COUNT ? fixture_names[id] : "?";
}

static rs_status fixture_lines_loglog(grid_rect r, grid *g)
{
    enum { N = 8 };
    double n[N], a[N], as[N], b[N], bs[N];
    for (int i = 0; i < N; i++) {
        n[i] = 100 * pow(2, i);
        a[i] = 2.385 / sqrt(n[i]) * (1 + 0.04 * sin(3.1 * i));
        as[i] = a[i] * 0.25;
        b[i] = 5.1 * pow(n[i], -0.45);
        bs[i] = b[i] * 0.15;
    }
    b[3] = NAN;
    plot_lines_series s[2] = {plot_lines_series_make("mle", palette_series(0), N, n, a),
                              plot_lines_series_make("sgd", palette_series(1), N, n, b)};
    s[0].std = as, s[1].std = bs;
    s[0].slope = stats_loglog_slope(n, a, N);
    s[1].slope = stats_loglog_slope(n, b, N);
    s[0].markers = s[1].markers = true; /* • and ×: told apart without colour */
    plot_lines_model m;
    plot_lines_init(&m);
    m.title = "Error of Σ̂ vs sample size";
    m.x_title = "n (samples)";
    m.y_title = "err_sigma";
    m.x_log = m.y_log = true;
    m.series = s, m.n_series = 2;
    m.ref_slope = -0.5, m.ref_x = n[0], m.ref_y = a[0], m.ref_label = "n^-1/2";
    return plot_lines_draw(&m, r, g);
}

static rs_status fixture_lines_learning(grid_rect r, grid *g)
{
    enum { N = 60 };
    double it[N], l2[N], ge[N], sc[N];
    for (int i = 0; i < N; i++) {
        it[i] = 2000.0 * i / (N - 1);
        l2[i] = 0.9 * exp(-it[i] / 300) + 0.31 + 0.01 * sin(0.7 * i);
        ge[i] = 0.8 * exp(-it[i] / 500) + 0.22;
        sc[i] = 1.1 * exp(-it[i] / 260) + 2.2e-3;
    }
    plot_lines_series s[3] = {plot_lines_series_make("l2", palette_series(0), N, it, l2),
                              plot_lines_series_make("ge", palette_series(1), N, it, ge),
                              plot_lines_series_make("score (L)", palette_series(2), N, it, sc)};
    plot_lines_model m;
    plot_lines_init(&m);
    m.title = "Learning curves, Laplace input";
    m.x_title = "iteration";
    m.y_title = "e(A)";
    m.y_log = true;
    m.x_lo = 0, m.x_hi = 2000;
    m.series = s, m.n_series = 3;
    return plot_lines_draw(&m, r, g);
}

static const char *const fixture_theta[] = {"θ1", "θ2", "θ3", "θ4", "θ5"};

static rs_status fixture_heatmap_seq(grid_rect r, grid *g)
{
    double z[25];
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            z[i * 5 + j] = i == j ? 0 : 0.3 + 0.7 * fabs(sin(1.3 * i + 2.1 * j));
    z[7] = NAN;
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.title = "Angles θ̂ij (rad)";
    m.rows = m.cols = 5, m.z = z;
    m.labels = m.square = true;
    m.row_labels = m.col_labels = fixture_theta;
    m.cbar_title = "rad";
    return plot_heatmap_draw(&m, r, g);
}

static rs_status fixture_heatmap_div(grid_rect r, grid *g)
{
    double z[64];
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            z[i * 8 + j] = 0.12 * sin(0.9 * i - 1.7 * j) * (i + 1) / 8.0;
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.title = "Estimate − truth";
    m.rows = m.cols = 8, m.z = z;
    m.diverging = m.labels = m.square = true;
    m.cbar_title = "diff";
    return plot_heatmap_draw(&m, r, g);
}

static rs_status fixture_heatmap_landscape(grid_rect r, grid *g)
{
    enum { R = 40, C = 60, P = 40 };
    double z[R * C];
    plot_heatmap_point path[P];
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++) {
            const double mu = -2 + 4.0 * j / (C - 1), sg = 3 - 2.5 * i / (R - 1);
            z[i * C + j] = log(sg) + (0.5 * (mu - 0.4) * (mu - 0.4) + 0.6) / (sg * sg);
        }
    for (int k = 0; k < P; k++) {
        path[k].x = -1.6 + 2.0 * (1 - exp(-k / 8.0));
        path[k].y = 2.7 - 1.65 * (1 - exp(-k / 6.0));
    }
    const plot_heatmap_mark mk = {0.4, 1.0954, GLYPH_MARK_X, -1, "MLE"};
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.title = "Negative log-likelihood over (μ, σ)";
    m.rows = R, m.cols = C, m.z = z;
    m.x_lo = -2, m.x_hi = 2, m.y_lo = 0.5, m.y_hi = 3;
    m.x_title = "μ", m.y_title = "σ", m.cbar_title = "NLL";
    m.path = path, m.n_path = P, m.path_label = "ProjSGD iterates";
    m.marks = &mk, m.n_marks = 1;
    return plot_heatmap_draw(&m, r, g);
}

static rs_status fixture_hist(grid_rect r, grid *g)
{
    enum { B = 24, K = 121 };
    double e[B + 1], d[B], cx[K], cy[K];
    const double mu = 0.3, s = 1.2, p0 = 0.5 * erfc(mu / (s * sqrt(2)));
    for (int i = 0; i <= B; i++)
        e[i] = 4.2 * i / B;
    for (int i = 0; i < B; i++) {
        const double c = 0.5 * (e[i] + e[i + 1]);
        d[i] = exp(-0.5 * pow((c - mu) / s, 2)) / (s * sqrt(2 * M_PI)) * (1 + 0.08 * sin(7.3 * i));
    }
    d[5] = NAN;
    for (int i = 0; i < K; i++) {
        cx[i] = 4.2 * i / (K - 1);
        cy[i] = exp(-0.5 * pow((cx[i] - mu) / s, 2)) / (s * sqrt(2 * M_PI));
    }
    plot_hist_model m;
    plot_hist_init(&m);
    m.title = "Coordinate x₁ of ReLU(Wz + b)";
    m.x_title = "x₁", m.y_title = "density";
    m.n_bins = B, m.edges = e, m.density = d, m.zero_mass = p0;
    m.curve_x = cx, m.curve_y = cy, m.n_curve = K;
    m.bars_label = "samples", m.curve_label = "fitted truncated normal";
    return plot_hist_draw(&m, r, g);
}

static rs_status fixture_widgets(grid_rect r, grid *g)
{
    static const char *const tabs[] = {"1 curves", "2 angles", "3 landscape", "4 learning",
                                       "5 data"};
    static const widgets_kv_item it[] = {
        {"generator", "relu", "one-layer ReLU, x = ReLU(Wz + b)", false},
        {"estimator", "sgd,mle", "estimators compared", true},
        {"n", "10000", "number of samples", true},
        {"d", "10", "output dimension", false},
        {"k", "10", "latent dimension", false},
        {"kappa", "100", "condition number of W Wᵀ", false},
        {"bias", "nonneg", "b = ReLU(N(0, I))", false},
        {"seed", "2385", "master seed", false},
        {"runs", "20", "repetitions per sweep value", false},
        {"lambda", "0.1", "ProjSGD step 1/(λt)", false},
        {"r", "3", "domain radius of ProjSGD", false},
        {"batches", "1", "B in Algorithm 1", false},
        {"sgd_batch", "10", "minibatch of truncated-normal draws", false},
        {"threads", "0", "worker threads (0 = all cores)", false},
    };
    /* A screen composed of several widgets clips to its own rect, as a view would:
     * the sub-rects below leave it when r is tiny. */
    const grid_rect saved = grid_clip_push(g, r);
    const int split = r.w * 11 / 20;
    widgets_tabs_draw(tabs, 5, 2, (grid_rect){r.x, r.y, r.w, 1}, g);
    const grid_rect in =
        widgets_box_draw("Parameters", true, (grid_rect){r.x, r.y + 1, split, r.h - 3}, g);
    widgets_kv_draw(it, sizeof it / sizeof it[0], 9, in, g);
    widgets_box_draw("Plot", false, (grid_rect){r.x + split, r.y + 1, r.w - split, r.h - 3}, g);
    widgets_message_draw("Help", "↑↓  select a knob\n←→  change it\n?   this help\nq   quit",
                         (grid_rect){r.x + split + 1, r.y + 2, r.w - split - 2, r.h - 5}, g);
    widgets_progress_draw(0.4537, 3.21, (grid_rect){r.x, r.y + r.h - 2, r.w, 1}, g);
    widgets_status_draw("computing sweep n: 9/20 runs", "seed 2385  last 1.24s",
                        (grid_rect){r.x, r.y + r.h - 1, r.w, 1}, g);
    grid_clip_restore(g, saved);
    return RS_OK;
}

rs_status fixture_draw(fixture_id id, grid_rect r, grid *g)
{
    switch (id) {
    case FIX_LINES_LOGLOG:
        return fixture_lines_loglog(r, g);
    case FIX_LINES_LEARNING:
        return fixture_lines_learning(r, g);
    case FIX_HEATMAP_SEQ:
        return fixture_heatmap_seq(r, g);
    case FIX_HEATMAP_DIV:
        return fixture_heatmap_div(r, g);
    case FIX_HEATMAP_LANDSCAPE:
        return fixture_heatmap_landscape(r, g);
    case FIX_HIST:
        return fixture_hist(r, g);
    case FIX_WIDGETS:
        return fixture_widgets(r, g);
    default:
        return RS_EINVAL;
    }
}
