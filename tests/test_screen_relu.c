/* test_screen_relu.c — every view of the relu generator on the whole TUI screen, drawn
 * from hand-built sweep cells and a hand-built detail (view_fixtures.h; no job runs here,
 * STYLE 8): at 80x24 and 200x60 against golden text,
 * the texts each view must show, NaN only with a warning, partial sweeps, a detail
 * still computing, plain ASCII output, and the too-small message. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "job_relu.h"
#include "met_relu.h"
#include "model.h"
#include "screen.h"
#include "sink_txt.h"
#include "support_grid.h"
#include "sweep.h"
#include "view.h"
#include "view_fixtures.h"

static rs_params P;
static double values[3] = {5000, 10000, 20000};
static sweep_cell *cells;
static relu_detail *det;
static view_input in;
static view_opts opts;
static widgets_kv_item items[4];

/* Per method (sgd, truncated, median): err_sigma, err_b, sqrt_kl, angle_err_max at n = 5000,
 * falling as n^-1/2. */
static void fill_cells(void)
{
    sweep_cells_init(cells, 3 * P.runs);
    const int methods[3] = {METHOD_SGD, METHOD_TRUNCATED, METHOD_MEDIAN};
    const double scale[3][4] = {{0.0813, 0.0524, 0.0471, 0.0706},
                                {0.0642, 0.0413, 0.0386, 0.0581},
                                {0.0968, 0.0731, 0.0577, 0.0893}};
    for (size_t i = 0; i < 3; i++)
        for (size_t id = 0; id < 4; id++)
            vf_cells_metric(cells, 3, P.runs, values, methods[i], id, scale[i][id], -0.5, 0.08,
                            (unsigned)(i * 4 + id));
}

static void setup(void)
{
    param_defaults(&P, GEN_RELU);
    P.d = P.k = 5;
    P.n = 20000;
    P.runs = 3;
    P.sweep = param_find("n");
    P.n_sweep_values = 3;
    memcpy(P.sweep_values, values, sizeof values);
    rs_error err;
    cr_assert_eq(param_parse(&P, param_find("compare"), "sgd,truncated,median", &err), RS_OK);
    cr_assert_eq(param_check(&P, &err), RS_OK, "%s", err.msg);
    cells = malloc(3 * P.runs * sizeof *cells);
    cr_assert_not_null(cells);
    fill_cells();
    det = vf_relu_detail(&P, (size_t)values[2], METHOD_SGD);
    cr_assert_not_null(det);
    in = (view_input){&P, model_get(GEN_RELU), 3, P.runs, values, cells, det, 2, NULL};
    view_opts_init(&opts);
    items[0] = (widgets_kv_item){"generator", "relu", "which generative model", false};
    items[1] = (widgets_kv_item){"n", "20000", "number of samples per run", true};
    items[2] = (widgets_kv_item){"d", "5", "output dimension", false};
    items[3] = (widgets_kv_item){"kappa", "1", "condition number", false};
}

static void teardown(void)
{
    free(cells);
    job_relu_detail_free(det);
}

static void model_for(screen_model *m, int view)
{
    static char labels[VIEW_COUNT][VIEW_TAB_LEN];
    static const char *tabs[VIEW_COUNT];
    static view_plot plot;
    screen_model_init(m);
    m->n_tabs = view_tabs(GEN_RELU, view, labels, &m->active_tab);
    for (size_t i = 0; i < m->n_tabs; i++)
        tabs[i] = labels[i];
    m->tabs = tabs;
    plot = (view_plot){.in = &in, .view = view, .opts = &opts};
    m->plot = view_plot_draw;
    m->plot_ctx = &plot;
    m->title = "relu · test";
    m->items = items;
    m->n_items = 4;
    m->selected = 1;
    m->caption = "A caption of two sentences that wraps at the width of the plot. It says "
                 "what to look at.";
    m->status_left = " done relu · sweep n: 3 values × 3 runs";
    m->status_right = "last 0.10 s · seed 1 · ? help ";
}

static void check_view(int view, int w, int h, const char *const *must)
{
    grid *g = grid_alloc(w, h);
    screen_model m;
    model_for(&m, view);
    cr_assert_eq(screen_draw(&m, g), RS_OK, "%s at %dx%d", param_view_name(view), w, h);
    for (size_t j = 0; must[j]; j++)
        cr_expect(support_grid_has(g, must[j]), "%s at %dx%d lacks '%s'", param_view_name(view), w,
                  h, must[j]);
    cr_expect(!support_grid_has(g, "nan") || support_grid_has(g, "! "),
              "NaN shown without a warning");
    char name[96], msg[256];
    snprintf(name, sizeof name, "screen_relu_%s_%dx%d", param_view_name(view), w, h);
    cr_expect(golden_check(g, name, msg, sizeof msg), "%s", msg);
    grid_free(g);
}

TestSuite(screen_relu, .init = setup, .fini = teardown, .timeout = 120);

Test(screen_relu, curves_at_both_sizes)
{
    const char *const must[] = {"‖Σ̂ − WWᵀ‖_F / ‖W‖²_F",
                                "sgd",
                                "truncated",
                                "median",
                                "slope",
                                "n (samples)",
                                "parameters",
                                "1 curves",
                                "n = 20000 (knob)", /* the cursor on the knob's n */
                                NULL};
    check_view(VIEW_CURVES, 80, 24, must);
    const char *const must_big[] = {"‖b̂ − b‖₂ / ‖W‖_F", "√(KL/2) ≥ TV", "n^-1/2", NULL};
    check_view(VIEW_CURVES, 200, 60, must_big);
}

Test(screen_relu, angles_at_both_sizes)
{
    const char *const must[] = {"θ* (rad)", "|θ̂ − θ*|", "2 angles",
                                "0 1 2 3 4", /* column indices (issue 13, point 12) */
                                NULL};
    check_view(VIEW_ANGLES, 80, 24, must);
    const char *const must_big[] = {
        "θ* (rad)", "|θ̂ − θ*|", "2 angles", "0     1     2     3     4", "n = 20000, run 1", NULL};
    check_view(VIEW_ANGLES, 200, 60, must_big);
}

Test(screen_relu, data_at_both_sizes)
{
    const char *const must[] = {"P(0)=", "x_0", NULL};
    check_view(VIEW_DATA, 80, 24, must);
    const char *const must_big[] = {"fitted truncated normal", "x_1 vs x_0", NULL};
    check_view(VIEW_DATA, 200, 60, must_big);
}

Test(screen_relu, landscape_at_both_sizes)
{
    const char *const must[] = {"μ (bias)", NULL};
    check_view(VIEW_LANDSCAPE, 80, 24, must);
    const char *const must_big[] = {"ProjSGD iterates (Alg. 3)", "MLE", "truth", NULL};
    check_view(VIEW_LANDSCAPE, 200, 60, must_big);
}

Test(screen_relu, learning_is_not_a_relu_view)
{
    const char *const must[] = {"not part of the relu generator", NULL};
    grid *g = grid_alloc(120, 40);
    screen_model m;
    model_for(&m, VIEW_LEARNING);
    cr_assert_eq(screen_draw(&m, g), RS_OK);
    cr_expect(support_grid_has(g, must[0]));
    grid_free(g);
}

Test(screen_relu, partial_sweep_and_pending_detail)
{
    /* Half the cells not done yet, the detail not ready: both draw, the detail view
     * says it is computing, the curves still show the finished points. */
    for (size_t j = 4; j < 9; j++)
        atomic_store(&cells[j].done, 0);
    det->head.ready = 0;
    grid *g = grid_alloc(120, 40);
    screen_model m;
    model_for(&m, VIEW_CURVES);
    cr_assert_eq(screen_draw(&m, g), RS_OK);
    cr_expect(support_grid_has(g, "slope"), "finished points of a partial sweep drawn");
    model_for(&m, VIEW_ANGLES);
    cr_assert_eq(screen_draw(&m, g), RS_OK);
    cr_expect(support_grid_has(g, "computing the run shown here (n = 20000"), "waiting message");
    grid_free(g);
}

Test(screen_relu, ascii_screen_is_plain_ascii)
{
    grid *g = grid_alloc(100, 30);
    grid_set_caps(g, (grid_caps){GRID_COLORS_MONO, true});
    for (int view = 0; view < VIEW_COUNT; view++) {
        screen_model m;
        model_for(&m, view);
        cr_assert_eq(screen_draw(&m, g), RS_OK);
        char *text = golden_render(g);
        for (const char *c = text; *c; c++)
            cr_assert((unsigned char)*c < 128, "%s view: byte 0x%02x in --ascii output",
                      param_view_name(view), (unsigned char)*c);
        free(text);
    }
    grid_free(g);
}

Test(screen_relu, too_small_shows_a_message_and_recovers)
{
    grid *g = grid_alloc(79, 24);
    screen_model m;
    model_for(&m, VIEW_CURVES);
    screen_draw(&m, g);
    cr_expect(support_grid_has(g, "terminal too small") && support_grid_has(g, "79x24"));
    cr_assert_eq(grid_resize(g, 80, 24), 0);
    screen_draw(&m, g);
    cr_expect(!support_grid_has(g, "terminal too small") && support_grid_has(g, "parameters"));
    grid_free(g);
}

/* Issue 13, points 1 and 6: a caption longer than its rows ends in an ellipsis, the full
 * caption takes more rows from the plot, and the dim note says which knobs left the
 * preset. Goldens at 120x40 for short and full. */
Test(screen_relu, caption_short_full_and_note)
{
    static const char long_caption[] =
        "Eq. (14) estimates each angle from how often two coordinates are both positive, "
        "given the fitted norms and biases. The difference panel stays below about 0.1 rad "
        "everywhere although the condition number is ten: the angles do not suffer from a "
        "bad condition number. The median estimator wins at small n because it ignores the "
        "tail that the truncated likelihood has to model, and the mle catches up at large n "
        "where its efficiency shows. Press m to see the other metrics.";
    grid *g = grid_alloc(120, 40);
    screen_model m;
    model_for(&m, VIEW_CURVES);
    m.caption = long_caption;
    m.caption_note = "preset relu-angles, changed: d, n";
    cr_assert_eq(screen_draw(&m, g), RS_OK);
    cr_expect(support_grid_has(g, "… "), "a cut caption ends in an ellipsis");
    cr_expect(support_grid_has(g, "preset relu-angles, changed: d, n"), "the note is shown");
    cr_expect(!support_grid_has(g, "efficiency"), "the short caption is cut");
    char msg[256];
    cr_expect(golden_check(g, "screen_caption_short_120x40", msg, sizeof msg), "%s", msg);
    m.caption_full = true;
    cr_assert_eq(screen_draw(&m, g), RS_OK);
    cr_expect(support_grid_has(g, "efficiency") && support_grid_has(g, "other metrics."),
              "full caption");
    cr_expect(!support_grid_has(g, "… "), "a whole caption has no ellipsis");
    cr_expect(golden_check(g, "screen_caption_full_120x40", msg, sizeof msg), "%s", msg);
    grid_free(g);
}

/* Issue 13, point 10: a log-log slope is printed only for a power law. sgd's err_sigma
 * bent into a V (0.1, 0.001, 0.1 over n = 5e3, 1e4, 2e4) has no slope a line could
 * claim: its legend entry loses the slope, the power-law series keep theirs. */
Test(screen_relu, slope_only_for_a_power_law)
{
    const double v_shape[3] = {0.1, 0.001, 0.1};
    for (size_t v = 0; v < 3; v++)
        for (size_t run = 0; run < P.runs; run++)
            cells[v * P.runs + run].metric[METHOD_SGD][MET_RELU_ERR_SIGMA] = v_shape[v];
    grid *g = grid_alloc(200, 60);
    screen_model m;
    model_for(&m, VIEW_CURVES);
    cr_assert_eq(screen_draw(&m, g), RS_OK);
    char row[4096];
    int sgd_slope = 0, truncated_slope = 0;
    for (int y = 0; y < 20; y++) { /* the first panel: err_sigma */
        sink_txt_row(g, y, row, sizeof row);
        sgd_slope += strstr(row, "sgd  slope") != NULL;
        truncated_slope += strstr(row, "truncated  slope") != NULL;
    }
    cr_expect_eq(sgd_slope, 0, "a V-shaped curve gets no slope");
    cr_expect_eq(truncated_slope, 1, "a power law keeps its slope");
    grid_free(g);
}

/* Issue 15, point 2: the preset menu shows each preset's expected run time right-aligned
 * in its own column at the end of its row (also on the selected row), and nothing for a
 * preset without one. */
Test(screen_relu, preset_menu_shows_expected_times)
{
    static const char *const names[] = {"default", "teacher-fig3", "mine"};
    static const char *const titles[] = {"The default sweep", "Figure 3 at paper scale",
                                         "A saved preset"};
    static const char *const times[] = {"0.7 s", "55 s", ""};
    grid *g = grid_alloc(120, 40);
    screen_model m;
    model_for(&m, VIEW_CURVES);
    m.overlay = SCREEN_OVERLAY_PRESETS;
    m.preset_names = names;
    m.preset_titles = titles;
    m.preset_times = times;
    m.n_presets = 3;
    m.preset_selected = 1;
    cr_assert_eq(screen_draw(&m, g), RS_OK);
    char row[4096];
    int found = 0;
    for (int y = 0; y < g->h; y++) {
        sink_txt_row(g, y, row, sizeof row);
        for (size_t i = 0; i < 3; i++) {
            if (!strstr(row, titles[i]))
                continue;
            found++;
            /* The time ends just inside the box: one blank column, then the border. */
            if (times[i][0]) {
                const char *t = strstr(row, times[i]);
                cr_expect(t, "%s: row lacks its time '%s': %s", names[i], times[i], row);
                cr_expect(t && t > strstr(row, titles[i]), "%s: the time is after the title",
                          names[i]);
                cr_expect(t && strncmp(t + strlen(times[i]), " │", strlen(" │")) == 0,
                          "%s: the time is right-aligned at the box's edge: %s", names[i], row);
            } else {
                cr_expect(!strstr(row, " s "), "%s: a time where none is known: %s", names[i], row);
            }
        }
    }
    cr_expect_eq(found, 3, "every preset has its row");
    grid_free(g);
}

/* Issue 13, point 5: a preset's panels key puts the named metrics first, in its order, and
 * `m` still steps through all of them; names of another generator's metrics are skipped. */
Test(screen_relu, panels_open_on_the_named_metrics)
{
    grid *g = grid_alloc(80, 33); /* two stacked panels, as at 120x40 */
    cr_assert_not_null(g);
    view_draw(&in, VIEW_CURVES, &opts, (grid_rect){0, 0, 80, 33}, g);
    cr_expect(support_grid_has(g, "err_sigma") && support_grid_has(g, "err_b"),
              "the generator's order");
    cr_expect(!support_grid_has(g, "sqrt_kl"), "sqrt_kl is third without panels");
    opts.panels = "e_perm, sqrt_kl,err_sigma";
    view_draw(&in, VIEW_CURVES, &opts, (grid_rect){0, 0, 80, 33}, g);
    char row[4096];
    int kl = -1, sigma = -1;
    for (int y = 0; y < g->h; y++) {
        sink_txt_row(g, y, row, sizeof row);
        kl = kl < 0 && strstr(row, "sqrt_kl") ? y : kl;
        sigma = sigma < 0 && strstr(row, "err_sigma") ? y : sigma;
    }
    cr_expect(kl >= 0 && sigma > kl, "sqrt_kl (row %d) above err_sigma (row %d)", kl, sigma);
    cr_expect(!support_grid_has(g, "err_b "), "err_b is third with panels");
    opts.metric = 2;
    view_draw(&in, VIEW_CURVES, &opts, (grid_rect){0, 0, 80, 33}, g);
    cr_expect(support_grid_has(g, "err_b"), "m reaches the metric left out");
    grid_free(g);
}

Test(screen_relu, legend_counts_runs_left_out_of_a_mean)
{
    /* Issue 14, item 3: sqrt_kl is nan where Sigma_hat is not positive definite; the mean
     * at that point is over fewer runs, and the legend must say how many were left out of
     * how many, why, and where (the CSV trailer's count is test_cli's). */
    for (size_t r = 0; r < 2; r++) {
        sweep_cell *c = &cells[0 * P.runs + r]; /* n = 5000, runs 0 and 1 of 3 */
        c->metric[METHOD_SGD][MET_RELU_SQRT_KL] = NAN;
        c->flags[METHOD_SGD] |= MET_FLAG_SIGMA_NOT_PD;
    }
    /* and one run at the second point: every point that left runs out is named, not
     * only the worst (the cause is said once while it does not change) */
    cells[1 * P.runs + 2].metric[METHOD_SGD][MET_RELU_SQRT_KL] = NAN;
    cells[1 * P.runs + 2].flags[METHOD_SGD] |= MET_FLAG_SIGMA_NOT_PD;
    grid *g = grid_alloc(200, 60);
    screen_model m;
    model_for(&m, VIEW_CURVES);
    cr_assert_eq(screen_draw(&m, g), RS_OK);
    char second[64];
    snprintf(second, sizeof second, "sgd (2/3 sigma_not_pd at n=5000, 1/3 at n=%g)", values[1]);
    cr_expect(support_grid_has(g, second), "not every point with runs left out is named: %s",
              second);
    cr_expect(!support_grid_has(g, "truncated (") && !support_grid_has(g, "median ("),
              "a count on a method with every run");
    grid_free(g);
}
