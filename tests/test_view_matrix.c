/* test_view_matrix.c — the views of the matrix generator drawn from a hand-built detail and
 * hand-built sweep cells (view_fixtures.h; no job runs here, STYLE 8): every view at the
 * TUI's smallest plot area (50x19) and at 150x54, key texts present, no "nan" without a
 * warning line, golden text; the waiting message of a detail that is not ready, streaming
 * learning curves, partially filled sweeps, a missing mle. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "grid.h"
#include "job_matrix.h"
#include "met_matrix.h"
#include "model.h"
#include "param.h"
#include "sink_txt.h"
#include "view.h"
#include "view_fixtures.h"

enum { N_VALUES = 3, RUNS = 2 };

/* One sweep over n (d = 20, k = 3), 2 runs; the detail belongs to value 1 (n = 300). */
static rs_params p;
static double values[N_VALUES];
static sweep_cell cells[N_VALUES * RUNS];
static matrix_detail *det;

/* Per method: rel_err_m, subspace_err, err_b, rel_err_gauge, rel_err_mb at n = 150 and
 * their rates in n. */
static void fill_cells(unsigned methods)
{
    sweep_cells_init(cells, N_VALUES * RUNS);
    const struct {
        int method;
        double scale[5], slope[5];
    } rows[] = {
        {METHOD_MLE, {0.3027, 0.2411, 0.1006, 0.0813, 0.1422}, {-0.5, -0.47, -0.5, -0.62, -0.4}},
        {METHOD_SVD, {0.4791, 0.4432, 0.1873, 0.5873, 0.6951}, {-0.31, -0.26, -0.44, -0.1, -0.1}},
    };
    const size_t ids[5] = {MET_MATRIX_REL_ERR_M, MET_MATRIX_SUBSPACE_ERR, MET_MATRIX_ERR_B,
                           MET_MATRIX_REL_ERR_GAUGE, MET_MATRIX_REL_ERR_MB};
    for (size_t i = 0; i < 2; i++)
        if (methods & (1u << rows[i].method))
            for (size_t j = 0; j < 5; j++)
                vf_cells_metric(cells, N_VALUES, RUNS, values, rows[i].method, ids[j],
                                rows[i].scale[j], rows[i].slope[j], 0.07, (unsigned)(i * 5 + j));
}

static void run_sweep(const char *compare)
{
    param_defaults(&p, GEN_MATRIX);
    rs_error err;
    const char *kv[][2] = {{"d", "20"},          {"k", "3"},     {"seed", "2385"},
                           {"compare", compare}, {"sweep", "n"}, {"sweep_values", "150,300,600"},
                           {"runs", "2"}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        cr_assert_eq(param_parse(&p, param_find(kv[i][0]), kv[i][1], &err), RS_OK, "%s", err.msg);
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s", err.msg);
    cr_assert_eq(param_sweep_values(&p, values), N_VALUES);
    fill_cells(param_methods(&p));
    det = vf_matrix_detail(&p, (size_t)values[1]);
    cr_assert_not_null(det);
}

static void setup(void)
{
    run_sweep("mle,svd");
}

static void teardown(void)
{
    job_matrix_detail_free(det);
    det = NULL;
}

TestSuite(view_matrix, .init = setup, .fini = teardown);

static view_input input(void)
{
    return (view_input){&p, model_get(GEN_MATRIX), N_VALUES, RUNS, values, cells, det, 1, NULL};
}

/* The grid's text, rows joined by newlines (caller frees). */
static char *text_of(const grid *g)
{
    char *t = golden_render(g);
    cr_assert_not_null(t);
    return t;
}

static grid *draw(int view, const view_opts *o, int w, int h, grid_caps caps)
{
    grid *g = grid_alloc(w, h);
    cr_assert_not_null(g);
    grid_set_caps(g, caps);
    const view_input in = input();
    cr_assert_eq(view_draw(&in, view, o, (grid_rect){0, 0, w, h}, g), RS_OK, "view %d at %dx%d",
                 view, w, h);
    return g;
}

/* Draw, check texts and the NaN policy, compare with the golden file. */
static void check_view_caps(int view, int w, int h, grid_caps caps, const char *suffix,
                            const char *const *want, size_t n_want)
{
    view_opts o;
    view_opts_init(&o);
    grid *g = draw(view, &o, w, h, caps);
    char *t = text_of(g);
    for (size_t i = 0; i < n_want; i++)
        cr_expect(strstr(t, want[i]) != NULL, "%s %dx%d lacks \"%s\":\n%s", param_view_name(view),
                  w, h, want[i], t);
    cr_expect(!strstr(t, "nan") || strstr(t, "! "), "nan without a warning:\n%s", t);
    char name[64], msg[256];
    snprintf(name, sizeof name, "view_matrix_%s_%dx%d%s", param_view_name(view), w, h, suffix);
    cr_expect(golden_check(g, name, msg, sizeof msg), "%s", msg);
    free(t);
    grid_free(g);
}

static const grid_caps caps256 = {GRID_COLORS_256, false};
static const grid_caps mono = {GRID_COLORS_MONO, false};

#define CHECK_CAPS(view, w, h, caps, suffix, ...)                                                  \
    do {                                                                                           \
        const char *const want_[] = {__VA_ARGS__};                                                 \
        check_view_caps(view, w, h, caps, suffix, want_, sizeof want_ / sizeof want_[0]);          \
    } while (0)
#define CHECK(view, w, h, ...) CHECK_CAPS(view, w, h, caps256, "", __VA_ARGS__)

Test(view_matrix, curves)
{
    CHECK(VIEW_CURVES, 50, 19, "gauge-free", "mle", "svd", "n",
          "subspace_err mle, n = 600: median");
    CHECK(VIEW_CURVES, 150, 54, "min_w ‖M̂ − M − Aw1ᵀ‖_F", "‖sin Θ(U_k, Û_k)‖_F",
          "‖M̂ − M‖_F / ‖M‖_F (moves with the gauge)", "mle", "svd", "n^-1/2", "median");
}

Test(view_matrix, angles)
{
    CHECK(VIEW_ANGLES, 50, 19, "|U_kᵀ Û_k| (mle)", "principal angles", "mle ‖sin Θ‖_F",
          "svd ‖sin Θ‖_F", "û3");
    CHECK(VIEW_ANGLES, 150, 54, "|U_kᵀ Û_k| (mle)", "principal angles", "mle ‖sin Θ‖_F",
          "svd ‖sin Θ‖_F", "u3", "θ_i (rad)", "|cos|");
}

Test(view_matrix, data)
{
    CHECK(VIEW_DATA, 50, 19, "Y, rows 1–20", "M + b1ᵀ (truth)", "M̂ + b̂1ᵀ (mle)", "zeros per row");
    CHECK(VIEW_DATA, 150, 54, "Y, rows 1–20 × cols 1–64", "M + b1ᵀ (truth)", "M̂ + b̂1ᵀ (mle)",
          "zeros per row", "M̂_ij vs M_ij", "mle, rel_err_m", "M̂ = M", "row i");
    /* Monochrome: the density ramp shows the values the half blocks colour. */
    CHECK_CAPS(VIEW_DATA, 150, 54, mono, "_mono", "M + b1ᵀ (truth)");
}

Test(view_matrix, landscape)
{
    CHECK(VIEW_LANDSCAPE, 50, 19, "log₁₀(1 + J − J_min)", "M̂ (mle)");
    CHECK(VIEW_LANDSCAPE, 150, 54, "log₁₀(1 + J − J_min)", "M̂ (mle)", "α (along D₁)",
          "β (along D₂)", "RMS violation of (5)–(6)");
    CHECK_CAPS(VIEW_LANDSCAPE, 150, 54, mono, "_mono", "log₁₀ΔJ");
}

Test(view_matrix, learning)
{
    CHECK(VIEW_LEARNING, 50, 19, "objective J", "iteration (0 = SVD warm start)");
    CHECK(VIEW_LEARNING, 150, 54, "objective J", "−log L / d (eq. 8)", "per iteration",
          "svd (final)", "RMS violation of the constraints");
}

Test(view_matrix, the_shown_method_follows_opts)
{
    view_opts o;
    view_opts_init(&o);
    o.method = 1; /* compare = mle,svd: the second set bit is svd */
    grid *g = draw(VIEW_ANGLES, &o, 150, 54, caps256);
    char *t = text_of(g);
    cr_expect(strstr(t, "|U_kᵀ Û_k| (svd)") != NULL, "%s", t);
    free(t);
    grid_free(g);
    g = draw(VIEW_DATA, &o, 150, 54, caps256);
    t = text_of(g);
    cr_expect(strstr(t, "M̂ + b̂1ᵀ (svd)") != NULL && strstr(t, "svd, rel_err_m") != NULL, "%s", t);
    free(t);
    grid_free(g);
    g = draw(VIEW_LANDSCAPE, &o, 150, 54, caps256);
    t = text_of(g);
    cr_expect(strstr(t, "shown for mle only") != NULL, "%s", t);
    free(t);
    grid_free(g);
}

Test(view_matrix, a_detail_not_ready_draws_the_waiting_message)
{
    matrix_detail *fresh = job_matrix_detail_alloc();
    cr_assert_not_null(fresh);
    view_input in = input();
    in.detail = fresh;
    view_opts o;
    view_opts_init(&o);
    for (int v = VIEW_ANGLES; v < VIEW_COUNT; v++)
        for (int s = 0; s < 2; s++) {
            const int w = s ? 150 : 50, h = s ? 54 : 19;
            grid *g = grid_alloc(w, h);
            cr_assert_eq(view_draw(&in, v, &o, (grid_rect){0, 0, w, h}, g), RS_OK);
            char *t = text_of(g);
            cr_expect(strstr(t, "computing the run shown here (n = 300, run 1)") != NULL,
                      "%s %dx%d:\n%s", param_view_name(v), w, h, t);
            free(t);
            grid_free(g);
        }
    job_matrix_detail_free(fresh);
}

Test(view_matrix, learning_curves_stream_before_the_detail_is_ready)
{
    /* What the view sees while the MLE runs: the first iterations, ready = 0. */
    const size_t total = det->learn_len;
    cr_assert_gt(total, 5);
    det->head.ready = 0;
    det->learn_len = det->learn_total = 4;
    view_opts o;
    view_opts_init(&o);
    grid *g = draw(VIEW_LEARNING, &o, 150, 54, caps256);
    char *t = text_of(g);
    cr_expect(strstr(t, "iteration 3 (running)") != NULL, "%s", t);
    cr_expect(strstr(t, "objective J") != NULL, "%s", t);
    free(t);
    grid_free(g);
    g = draw(VIEW_ANGLES, &o, 50, 19, caps256); /* the other views wait */
    t = text_of(g);
    cr_expect(strstr(t, "computing") != NULL, "%s", t);
    free(t);
    grid_free(g);
}

Test(view_matrix, partially_filled_sweeps_draw)
{
    /* Only some cells done: value 0 run 1 and all of value 2 are still running. */
    atomic_store(&cells[0 * RUNS + 1].done, 0);
    atomic_store(&cells[2 * RUNS + 0].done, 0);
    atomic_store(&cells[2 * RUNS + 1].done, 0);
    view_opts o;
    view_opts_init(&o);
    for (int s = 0; s < 2; s++) {
        grid *g = draw(VIEW_CURVES, &o, s ? 150 : 50, s ? 54 : 19, caps256);
        char *t = text_of(g);
        cr_expect(strstr(t, "gauge-free") != NULL, "%s", t);
        cr_expect(!strstr(t, "nan") || strstr(t, "! "), "%s", t);
        free(t);
        grid_free(g);
    }
    for (size_t c = 0; c < N_VALUES * RUNS; c++)
        atomic_store(&cells[c].done, 0);
    grid *g = draw(VIEW_CURVES, &o, 50, 19, caps256); /* nothing finished yet */
    grid_free(g);
}

Test(view_matrix, views_without_mle_say_why)
{
    teardown();
    run_sweep("svd");
    view_opts o;
    view_opts_init(&o);
    const struct {
        int view;
        const char *want;
    } cases[] = {
        {VIEW_LANDSCAPE, "add mle to compare"},
        {VIEW_LEARNING, "add mle to compare"},
        {VIEW_ANGLES, "|U_kᵀ Û_k| (svd)"},
        {VIEW_DATA, "M̂ + b̂1ᵀ (svd)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        grid *g = draw(cases[i].view, &o, 150, 54, caps256);
        char *t = text_of(g);
        cr_expect(strstr(t, cases[i].want) != NULL, "%s:\n%s", cases[i].want, t);
        free(t);
        grid_free(g);
    }
}

Test(view_matrix, every_view_fits_small_and_odd_rects)
{
    /* From far below the TUI's minimum up, at an offset inside a larger grid filled with
     * a sentinel: no crash (ASan runs this too), a status, no cell outside the rect. */
    view_opts o;
    view_opts_init(&o);
    const view_input in = input();
    for (int w = 1; w <= 61; w += 12)
        for (int h = 1; h <= 25; h += 6)
            for (int v = 0; v < VIEW_COUNT; v++) {
                grid *g = grid_alloc(w + 4, h + 4);
                grid_fill(g, (grid_rect){0, 0, w + 4, h + 4}, '#', grid_style_default());
                const rs_status st = view_draw(&in, v, &o, (grid_rect){2, 2, w, h}, g);
                cr_expect(st == RS_OK || st == RS_EINVAL, "%s %dx%d: %d", param_view_name(v), w, h,
                          st);
                for (int y = 0; y < h + 4; y++)
                    for (int x = 0; x < w + 4; x++)
                        if (x < 2 || y < 2 || x >= w + 2 || y >= h + 2)
                            cr_expect_eq(grid_get(g, x, y)->ch, '#', "%s %dx%d touched (%d, %d)",
                                         param_view_name(v), w, h, x, y);
                grid_free(g);
            }
}

Test(view_matrix, flags_and_nan_values_show_a_warning)
{
    det->est[0].flags = MET_MATRIX_FLAG_NOT_CONVERGED | MET_MATRIX_FLAG_EMPTY_ROWS;
    /* the same job's cell (value 1, run 1): the detail views' bottom row reads it */
    cells[1 * RUNS].flags[METHOD_MLE] = det->est[0].flags;
    det->est[0].cosines[4] = NAN;
    view_opts o;
    view_opts_init(&o);
    for (int v = VIEW_ANGLES; v < VIEW_COUNT; v++) {
        grid *g = draw(v, &o, 150, 54, caps256);
        char *t = text_of(g);
        cr_expect(strstr(t, "n = 300, run 1 of 2  ! mle: not_converged empty_rows (an "
                            "estimator reached its iteration limit)") != NULL,
                  "%s:\n%s", param_view_name(v), t);
        free(t);
        grid_free(g);
    }
    grid *g = draw(VIEW_ANGLES, &o, 50, 19, caps256);
    char *t = text_of(g);
    cr_expect(strstr(t, "! 1 NaN cell") != NULL, "%s", t);
    free(t);
    grid_free(g);
}
