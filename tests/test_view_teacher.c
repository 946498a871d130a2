/* test_view_teacher.c — the teacher views drawn from a hand-built detail and hand-built
 * cells (view_fixtures.h; no job runs here, STYLE 8): learning, landscape (angle and plane
 * modes), angles, data, curves (mean ± std and the LLSFE percentiles), each at 50x19 and
 * 150x54, against goldens; key texts; NaN text only beside a warning; the flags line; the
 * waiting message; partially filled cells and streaming curves. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "job_teacher.h"
#include "met_teacher.h"
#include "model.h"
#include "param.h"
#include "sink_txt.h"
#include "support.h"
#include "view.h"
#include "view_fixtures.h"

TestSuite(view_teacher);

static const grid_caps caps256 = {GRID_COLORS_256, false};
static const int sizes[2][2] = {{50, 19}, {150, 54}};

static rs_params params_d2(void)
{
    rs_params p;
    param_defaults(&p, GEN_TEACHER);
    support_set(&p, "generator", "teacher");
    support_set(&p, "n", "512");
    support_set(&p, "d", "2");
    support_set(&p, "input", "mixture");
    support_set(&p, "compare", "l2,ge,score,llsfe");
    support_set(&p, "iters", "200");
    support_set(&p, "mu", "2");
    support_set(&p, "lambda", "20");
    support_set(&p, "lr", "1e-3");
    support_set(&p, "seed", "7");
    return p;
}

/* Final e(A), e_perm, loss and test error of every loss of p in cells (n_values x
 * runs): e(A) falls with the swept n, llsfe (when compared) is flagged diverged. */
static void fill_cells(const rs_params *p, sweep_cell *cells, size_t nv, size_t runs,
                       const double *values)
{
    sweep_cells_init(cells, nv * runs);
    const unsigned methods = param_methods(p);
    const double e_a[METHOD_COUNT] = {
        [METHOD_L2] = 0.287, [METHOD_GE] = 0.0413, [METHOD_SCORE] = 0.0021, [METHOD_LLSFE] = 0.64};
    for (int m = 0; m < METHOD_COUNT; m++) {
        if (!(methods & (1u << m)))
            continue;
        const double slope = m == METHOD_L2 ? -0.08 : -0.5;
        vf_cells_metric(cells, nv, runs, values, m, MET_TEACHER_E_A, e_a[m], slope, 0.2, 1);
        vf_cells_metric(cells, nv, runs, values, m, MET_TEACHER_E_PERM, 1.6 * e_a[m], slope, 0.2,
                        2);
        vf_cells_metric(cells, nv, runs, values, m, MET_TEACHER_LOSS, 0.42, 0.0, 0.05, 3);
        vf_cells_metric(cells, nv, runs, values, m, MET_TEACHER_TEST_ERR, 0.061 + e_a[m], -0.3,
                        0.12, 4);
        for (size_t c = 0; m == METHOD_LLSFE && c < nv * runs; c++)
            cells[c].flags[m] = MET_TEACHER_FLAG_DIVERGED;
    }
}

/* The whole grid as text, rows joined by '\n' (caller frees). */
static char *grid_text(const grid *g)
{
    const size_t row_len = (size_t)g->w * 4 + 1;
    char *all = calloc((size_t)g->h * row_len + 1, 1);
    cr_assert_not_null(all);
    for (int y = 0; y < g->h; y++) {
        char *row = all + strlen(all);
        sink_txt_row(g, y, row, row_len);
        strcat(row, "\n");
    }
    return all;
}

/* "nan" may appear only when a warning line ("! ...") does. */
static void expect_no_silent_nan(const char *text, const char *name)
{
    if (strstr(text, "nan") || strstr(text, "NaN"))
        cr_expect(strstr(text, "! ") != NULL, "%s: nan without a warning:\n%s", name, text);
}

/* Draw view of in at w x h: RS_OK, every key text present, golden `name`. */
static void draw_check(const view_input *in, int view, const view_opts *o, int w, int h,
                       const char *name, const char *const *keys)
{
    grid *g = grid_alloc(w, h);
    cr_assert_not_null(g);
    grid_set_caps(g, caps256);
    cr_assert_eq(view_draw(in, view, o, (grid_rect){0, 0, w, h}, g), RS_OK, "%s", name);
    char *text = grid_text(g);
    for (size_t i = 0; keys && keys[i]; i++)
        cr_expect(strstr(text, keys[i]) != NULL, "%s: no \"%s\" in\n%s", name, keys[i], text);
    expect_no_silent_nan(text, name);
    char msg[256];
    cr_expect(golden_check(g, name, msg, sizeof msg), "%s", msg);
    free(text);
    grid_free(g);
}

static void draw_both(const view_input *in, int view, const view_opts *o, const char *stem,
                      const char *const *small_keys, const char *const *big_keys)
{
    for (int s = 0; s < 2; s++) {
        char name[96];
        snprintf(name, sizeof name, "view_teacher_%s_%dx%d", stem, sizes[s][0], sizes[s][1]);
        draw_check(in, view, o, sizes[s][0], sizes[s][1], name, s == 0 ? small_keys : big_keys);
    }
}

Test(view_teacher, d2_views)
{
    const rs_params p = params_d2();
    rs_error e;
    cr_assert_eq(param_check(&p, &e), RS_OK, "%s", e.msg);
    teacher_detail *det = vf_teacher_detail(&p);
    cr_assert_not_null(det);
    sweep_cell cell;
    const double values[1] = {0.0};
    fill_cells(&p, &cell, 1, 1, values);
    const view_input in = {&p, model_get(GEN_TEACHER), 1, 1, values, &cell, det, 0, NULL};
    view_opts o;
    view_opts_init(&o);
    o.method = 2; /* the third compared loss: score */
    {
        const char *sk[] = {"e(A) of A·A*⁻¹, eq. 22", "iteration", "l2", "score", "llsfe", NULL};
        const char *bk[] = {"e(A) of A·A*⁻¹, eq. 22", "loss ℓ2", "loss G",
                            "loss L (true score)",    "loss L̂",  NULL};
        draw_both(&in, VIEW_LEARNING, &o, "learning", sk, bk);
        o.metric = 1; /* the single panel at 50x19 is then the selected loss */
        const char *lk[] = {"loss L (true score)", "iteration", NULL};
        draw_check(&in, VIEW_LEARNING, &o, 50, 19, "view_teacher_learning_loss_50x19", lk);
        o.metric = 0;
    }
    {
        const char *sk[] = {"loss L (true score) − min", "θ₁ (rad)", "global minima", NULL};
        const char *bk[] = {"loss ℓ2",       "loss G",         "loss L (true score)",
                            "loss L̂",        "optimiser path", "θ₂ (rad)",
                            "(GD diverged)", "final A",        NULL};
        draw_both(&in, VIEW_LANDSCAPE, &o, "landscape", sk, bk);
    }
    {
        const char *sk[] = {"score, e = 0.00576", "|cos|", NULL};
        const char *bk[] = {"|cos(a_i, a*_j)| l2",
                            "|cos(a_i, a*_j)| ge",
                            "|cos|",
                            "! llsfe diverged after iteration 35",
                            "! llsfe: diverged",
                            NULL};
        draw_both(&in, VIEW_ANGLES, &o, "angles", sk, bk);
    }
    {
        const char *sk[] = {"x_1 vs x_0, mixture", "density", NULL};
        const char *bk[] = {"x_1 vs x_0, mixture input", "y = Σ w*_i ReLU", NULL};
        draw_both(&in, VIEW_DATA, &o, "data", sk, bk);
    }
    job_teacher_detail_free(det);
}

/* k < d: the landscape over the plane through A*, A* marked. */
Test(view_teacher, plane_landscape)
{
    rs_params p = params_d2();
    support_set(&p, "d", "4");
    support_set(&p, "k", "3");
    support_set(&p, "compare", "ge,score");
    support_set(&p, "input", "laplace");
    support_set(&p, "lr", "1e-4");
    support_set(&p, "mu", "4");
    rs_error e;
    cr_assert_eq(param_check(&p, &e), RS_OK, "%s", e.msg);
    teacher_detail *det = vf_teacher_detail(&p);
    cr_assert_not_null(det);
    cr_assert_eq(det->land_mode, TEACHER_LAND_PLANE_MODE);
    sweep_cell cell;
    const double values[1] = {0.0};
    fill_cells(&p, &cell, 1, 1, values);
    const view_input in = {&p, model_get(GEN_TEACHER), 1, 1, values, &cell, det, 0, NULL};
    view_opts o;
    view_opts_init(&o);
    const char *sk[] = {"plane through A*", "A*", NULL};
    const char *bk[] = {"loss G", "loss L (true score)", "u (along D1)", "v (along D2)", NULL};
    draw_both(&in, VIEW_LANDSCAPE, &o, "landscape_plane", sk, bk);
    const char *ak[] = {"|cos(a_i, a*_j)| ge", NULL};
    draw_both(&in, VIEW_ANGLES, &o, "angles_plane", ak, ak);
    job_teacher_detail_free(det);
}

/* Streaming detail views (issue 15, point 3), from the plane fixture made partial by
 * hand: angles while score trains (ge final; score's map of its iterate at step 60, its
 * curve cut there), then the landscape while the grid runs (ge's complete, score's first
 * 8 rows of 21; the rest NaN = pending, grey, said in the title, no NaN warning). */
Test(view_teacher, angles_and_landscape_stream)
{
    rs_params p = params_d2();
    support_set(&p, "d", "4");
    support_set(&p, "k", "3");
    support_set(&p, "compare", "ge,score");
    support_set(&p, "input", "laplace");
    support_set(&p, "lr", "1e-4");
    support_set(&p, "mu", "4");
    rs_error e;
    cr_assert_eq(param_check(&p, &e), RS_OK, "%s", e.msg);
    teacher_detail *det = vf_teacher_detail(&p);
    cr_assert_not_null(det);
    const int m = METHOD_SCORE;
    const size_t k = det->k, L = det->land_size, step = 60;
    det->head.ready = 0;
    det->methods_done = 0;
    det->has_final[m] = 0;
    size_t len = 0;
    while (len < det->curve_len[m] && det->curve_iter[m][len] <= step)
        len++;
    det->curve_len[m] = det->path_len[m] = len;
    det->cos_iter[m] = step;
    for (size_t i = 0; i < k * k; i++) /* halfway from a uniform 0.5 to the final map */
        det->cos_abs[m][i] = 0.5 * det->cos_abs[m][i] + 0.25;
    sweep_cell cell;
    sweep_cells_init(&cell, 1);
    const double values[1] = {0.0};
    const view_input in = {&p, model_get(GEN_TEACHER), 1, 1, values, &cell, det, 0, NULL};
    view_opts o;
    view_opts_init(&o);
    o.method = 1; /* a tile too small for two shows score, the second loss */
    const char *ak[] = {"score, step 60 of 200, e(A·A*⁻¹) = ", "|cos|", NULL};
    const char *ab[] = {"|cos(a_i, a*_j)| ge, e(A·A*⁻¹) = ", "step 60 of 200", NULL};
    draw_both(&in, VIEW_ANGLES, &o, "angles_stream", ak, ab);
    { /* e_orient = printed: the titles name e(A*⁻¹·A) */
        rs_params printed = p;
        support_set(&printed, "e_orient", "printed");
        view_input in_printed = in;
        in_printed.p = &printed;
        grid *g = grid_alloc(150, 54);
        cr_assert_not_null(g);
        cr_assert_eq(view_draw(&in_printed, VIEW_ANGLES, &o, (grid_rect){0, 0, 150, 54}, g), RS_OK);
        char *text = grid_text(g);
        cr_expect(strstr(text, "ge, e(A*⁻¹·A) = ") && !strstr(text, "A·A*⁻¹"), "%s", text);
        free(text);
        grid_free(g);
    }
    /* score trained; the grid: ge done, score's row 8 running */
    det->has_final[m] = 1;
    det->land_rows[m] = 8;
    for (size_t i = 8 * L; i < L * L; i++)
        det->land_val[m][i] = NAN;
    const char *lk[] = {"loss L", "rows 8 of 21", NULL};
    const char *lb[] = {"loss G", "rows 8 of 21 (?: pending)", NULL};
    draw_both(&in, VIEW_LANDSCAPE, &o, "landscape_stream", lk, lb);
    job_teacher_detail_free(det);
}

/* Final e(A) and test error against n over runs; one cell left unfinished. */
Test(view_teacher, curves_partial)
{
    rs_params p = params_d2();
    support_set(&p, "compare", "ge,score");
    support_set(&p, "iters", "60");
    support_set(&p, "sweep", "n");
    support_set(&p, "sweep_values", "256,512,1024");
    enum { NV = 3, RUNS = 2 };
    const double values[NV] = {256, 512, 1024};
    sweep_cell cells[NV * RUNS];
    fill_cells(&p, cells, NV, RUNS, values);
    atomic_store(&cells[(NV - 1) * RUNS + 1].done, 0); /* still running */
    const view_input in = {&p, model_get(GEN_TEACHER), NV, RUNS, values, cells, NULL, 0, NULL};
    view_opts o;
    view_opts_init(&o);
    const char *sk[] = {"final e(A), eq. 22", "ge", "score", NULL};
    const char *bk[] = {"final e(A), eq. 22", "final e_perm", "test error", "n", NULL};
    draw_both(&in, VIEW_CURVES, &o, "curves", sk, bk);
}

/* Figures 1-2: percentiles of the LLSFE errors over runs against n. */
Test(view_teacher, llsfe_percentiles)
{
    rs_params p;
    param_defaults(&p, GEN_TEACHER);
    support_set(&p, "generator", "teacher");
    support_set(&p, "d", "2");
    support_set(&p, "input", "gaussian");
    support_set(&p, "compare", "llsfe");
    support_set(&p, "bandwidth", "0.5");
    support_set(&p, "optimizer", "sgd");
    support_set(&p, "batch", "1");
    support_set(&p, "iters", "1");
    support_set(&p, "sweep", "n");
    support_set(&p, "sweep_values", "300,1000,3000");
    enum { NV = 3, RUNS = 8 };
    const double values[NV] = {300, 1000, 3000};
    sweep_cell cells[NV * RUNS];
    sweep_cells_init(cells, NV * RUNS);
    /* the spread over runs (±35%) gives distinct percentiles */
    const int m = METHOD_LLSFE;
    vf_cells_metric(cells, NV, RUNS, values, m, MET_TEACHER_S2_ERR, 0.183, -0.5, 0.35, 5);
    vf_cells_metric(cells, NV, RUNS, values, m, MET_TEACHER_S4_ERR, 0.641, -0.5, 0.35, 6);
    const view_input in = {&p, model_get(GEN_TEACHER), NV, RUNS, values, cells, NULL, 0, NULL};
    view_opts o;
    view_opts_init(&o);
    const char *sk[] = {"‖Ŝ₂ − S₂‖_sp", "percentiles over 8 runs", "median", "p95", NULL};
    const char *bk[] = {"‖Ŝ₂ − S₂‖_sp", "‖Ŝ₄ − S₄‖_F", "p5", "p25", "p75", "n^-1/2", "slope", NULL};
    draw_both(&in, VIEW_CURVES, &o, "llsfe", sk, bk);
    /* issue 14 item 3: a failed fit (nan, llsfe_failed) leaves its run out of the
     * percentiles, and the panel title says how many */
    cells[RUNS + 2].metric[m][MET_TEACHER_S2_ERR] = NAN;
    cells[RUNS + 2].metric[m][MET_TEACHER_S4_ERR] = NAN;
    cells[RUNS + 2].flags[m] |= MET_TEACHER_FLAG_LLSFE_FAILED;
    grid *g = grid_alloc(150, 54);
    cr_assert_eq(view_draw(&in, VIEW_CURVES, &o, (grid_rect){0, 0, 150, 54}, g), RS_OK);
    char *text = grid_text(g);
    cr_expect(strstr(text, "percentiles over 8 runs (1 failed fit left out)") != NULL, "%s", text);
    free(text);
    grid_free(g);
}

/* A detail no job has filled yet: every detail view shows the waiting message. */
Test(view_teacher, not_ready_waits)
{
    rs_params p = params_d2();
    teacher_detail *det = job_teacher_detail_alloc();
    sweep_cell cell;
    sweep_cells_init(&cell, 1);
    const double values[1] = {0.0};
    const view_input in = {&p, model_get(GEN_TEACHER), 1, 1, values, &cell, det, 0, NULL};
    view_opts o;
    view_opts_init(&o);
    const int views[] = {VIEW_LEARNING, VIEW_LANDSCAPE, VIEW_ANGLES, VIEW_DATA};
    for (size_t i = 0; i < 4; i++) {
        grid *g = grid_alloc(50, 19);
        cr_assert_eq(view_draw(&in, views[i], &o, (grid_rect){0, 0, 50, 19}, g), RS_OK);
        char *text = grid_text(g);
        cr_expect(strstr(text, "computing the run shown here") != NULL, "view %d:\n%s", views[i],
                  text);
        free(text);
        grid_free(g);
    }
    job_teacher_detail_free(det);
}

/* Streaming: a detail whose first loss has some curve points and the rest none draws
 * the points there and says it is still running. */
Test(view_teacher, learning_streams)
{
    rs_params p = params_d2();
    support_set(&p, "compare", "l2,score");
    teacher_detail *det = job_teacher_detail_alloc();
    det->methods = (1u << METHOD_L2) | (1u << METHOD_SCORE);
    det->iters = 200;
    det->n = 512, det->d = det->k = 2;
    for (size_t j = 0; j < 40; j++) {
        det->curve_iter[METHOD_L2][j] = j;
        det->curve_e[METHOD_L2][j] = 0.29 * exp(-0.0371 * (double)j) + 0.013;
        det->curve_loss[METHOD_L2][j] = 1.7 - 0.0123 * (double)j;
    }
    det->curve_len[METHOD_L2] = 40;
    sweep_cell cell;
    sweep_cells_init(&cell, 1);
    const double values[1] = {0.0};
    const view_input in = {&p, model_get(GEN_TEACHER), 1, 1, values, &cell, det, 0, NULL};
    view_opts o;
    view_opts_init(&o);
    const char *keys[] = {"iteration 39 of 200 (running)", "l2", "score", NULL};
    draw_check(&in, VIEW_LEARNING, &o, 150, 54, "view_teacher_learning_stream_150x54", keys);
    /* the title says which matrix e(A) is taken on (knob e_orient, issue 14 item 5) */
    support_set(&p, "e_orient", "printed");
    {
        grid *gp = grid_alloc(150, 54);
        cr_assert_eq(view_draw(&in, VIEW_LEARNING, &o, (grid_rect){0, 0, 150, 54}, gp), RS_OK);
        char *tp = grid_text(gp);
        cr_expect(strstr(tp, "e(A) of A*⁻¹·A, eq. 22 as printed") != NULL, "%s", tp);
        cr_expect(strstr(tp, "A·A*⁻¹") == NULL, "%s", tp);
        free(tp);
        grid_free(gp);
    }
    support_set(&p, "e_orient", "ours");
    /* the other views still wait for the job to finish */
    grid *g = grid_alloc(50, 19);
    cr_assert_eq(view_draw(&in, VIEW_LANDSCAPE, &o, (grid_rect){0, 0, 50, 19}, g), RS_OK);
    char *text = grid_text(g);
    cr_expect(strstr(text, "computing the run shown here") != NULL, "%s", text);
    free(text);
    grid_free(g);
    job_teacher_detail_free(det);
}

/* Flags of three losses are longer than an 80-column footer row: at 120x40 (a detail view
 * of about 80x30) the meaning goes on a second row instead of being cut to "(μ ≥ …";
 * at 50x19 the one row ends in an ellipsis. */
Test(view_teacher, long_flags_take_a_second_row)
{
    rs_params p = params_d2();
    support_set(&p, "compare", "l2,ge,score"); /* as teacher-laplace */
    teacher_detail *det = vf_teacher_detail(&p);
    cr_assert_not_null(det);
    sweep_cell cell;
    const double values[1] = {0.0};
    fill_cells(&p, &cell, 1, 1, values);
    cell.flags[METHOD_GE] = MET_TEACHER_FLAG_MU_OUTSIDE;
    cell.flags[METHOD_SCORE] = MET_TEACHER_FLAG_W_SINGULAR | MET_TEACHER_FLAG_MU_OUTSIDE;
    const view_input in = {&p, model_get(GEN_TEACHER), 1, 1, values, &cell, det, 0, NULL};
    view_opts o;
    view_opts_init(&o);
    grid *g = grid_alloc(80, 30);
    cr_assert_eq(view_draw(&in, VIEW_LEARNING, &o, (grid_rect){0, 0, 80, 30}, g), RS_OK);
    char *text = grid_text(g);
    cr_expect(strstr(text, "score: w_singular mu_outside_2b") != NULL, "%s", text);
    cr_expect(strstr(text, "Gao et al. 2019)") != NULL, "the meaning is cut:\n%s", text);
    free(text);
    grid_free(g);
    g = grid_alloc(50, 19);
    cr_assert_eq(view_draw(&in, VIEW_LEARNING, &o, (grid_rect){0, 0, 50, 19}, g), RS_OK);
    text = grid_text(g);
    cr_expect(strstr(text, "…") != NULL, "a cut footer without an ellipsis:\n%s", text);
    free(text);
    grid_free(g);
    job_teacher_detail_free(det);
}
