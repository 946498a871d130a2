/* test_view_quadratic.c — the views of the quadratic generator drawn from a hand-built
 * detail and hand-built sweep cells (view_fixtures.h; no job runs here, STYLE 8): every
 * view at the TUI's smallest plot area (50x19) and a large one (150x54), key texts, no
 * unexplained nan, golden text; the waiting message and partially filled sweeps. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "golden.h"
#include "job_quadratic.h"
#include "met_quadratic.h"
#include "model.h"
#include "param.h"
#include "sink_txt.h"
#include "support.h"
#include "support_grid.h"
#include "view.h"
#include "view_fixtures.h"

TestSuite(view_quadratic);

enum { MAX_CELLS = 16 };

/* One computation: its parameters, cells and detail, as the TUI would hold them. */
typedef struct {
    rs_params p;
    double values[PARAM_MAX_LIST];
    sweep_cell cells[MAX_CELLS];
    quadratic_detail *det;
    view_input in;
} run_state;

/* Fill every cell of s->p by hand (cells whose index is in `skip` are left undone) and
 * build the detail of value detail_value. The one estimator writes every method slot. */
static void compute(run_state *s, size_t detail_value, unsigned skip)
{
    rs_error e;
    cr_assert_eq(param_check(&s->p, &e), RS_OK, "%s", e.msg);
    const size_t nv = param_sweep_values(&s->p, s->values), runs = s->p.runs;
    cr_assert_leq(nv * runs, (size_t)MAX_CELLS);
    sweep_cells_init(s->cells, nv * runs);
    const bool diag = s->p.family == FAMILY_DIAGONAL;
    const double scale[] = {0.0412, 0.0874, 0.0239, diag ? 0.0563 : NAN, diag ? 0.274 : NAN};
    const unsigned methods = param_methods(&s->p);
    for (int m = 0; m < METHOD_COUNT; m++)
        for (size_t id = 0; (methods >> m) & 1u && id < 5; id++)
            vf_cells_metric(s->cells, nv, runs, s->values, m, id, scale[id],
                            id == MET_QUAD_JENNRICH_GAP ? 0.0 : -0.5, 0.09, (unsigned)id);
    for (size_t c = 0; c < nv * runs; c++) {
        for (int m = 0; m < METHOD_COUNT; m++)
            s->cells[c].flags[m] = diag ? 0 : MET_QUAD_FLAG_NOT_DIAGONAL;
        if (skip & (1u << c))
            atomic_store(&s->cells[c].done, 0);
    }
    s->det = vf_quadratic_detail(
        &s->p, (size_t)(s->p.sweep >= 0 ? s->values[detail_value] : (double)s->p.n));
    cr_assert_not_null(s->det);
    s->in = (view_input){
        &s->p, model_get(GEN_QUADRATIC), nv, runs, s->values, s->cells, s->det, detail_value, NULL};
}

/* Diagonal Q_a (Jennrich), sweep n over three values, 2 runs. */
static void diagonal_sweep(run_state *s, unsigned skip)
{
    param_defaults(&s->p, GEN_QUADRATIC);
    support_set(&s->p, "family", "diagonal");
    support_set(&s->p, "smooth", "1.3");
    support_set(&s->p, "d", "5");
    support_set(&s->p, "r", "3");
    support_set(&s->p, "runs", "2");
    support_set(&s->p, "sweep", "n");
    support_set(&s->p, "sweep_values", "600,2400,9600");
    support_set(&s->p, "seed", "2718");
    compute(s, 2, skip);
}

/* Smoothed Q_a with the gauge on, no sweep. */
static void gauge_nosweep(run_state *s)
{
    param_defaults(&s->p, GEN_QUADRATIC);
    support_set(&s->p, "family", "smoothed");
    support_set(&s->p, "smooth", "0.45");
    support_set(&s->p, "d", "5");
    support_set(&s->p, "r", "4");
    support_set(&s->p, "n", "6000");
    support_set(&s->p, "runs", "2");
    support_set(&s->p, "gauge", "1");
    support_set(&s->p, "seed", "314");
    compute(s, 0, 0);
}

/* Draw view into a fresh w x h grid, check status, texts, nan policy and the golden. */
static grid *draw(const run_state *s, int view, int w, int h, const char *golden)
{
    grid *g = grid_alloc(w, h);
    cr_assert_not_null(g);
    view_opts o;
    view_opts_init(&o);
    cr_assert_eq(view_draw(&s->in, view, &o, (grid_rect){0, 0, w, h}, g), RS_OK, "%s", golden);
    if (support_grid_has(g, "nan"))
        cr_assert(support_grid_has(g, "!"), "%s shows nan without a warning", golden);
    if (golden) {
        char msg[256];
        cr_assert(golden_check(g, golden, msg, sizeof msg), "%s", msg);
    }
    return g;
}

/* Draw at both sizes, check each text appears in both. */
static void both(const run_state *s, int view, const char *name, const char *const *texts)
{
    const int sizes[2][2] = {{50, 19}, {150, 54}};
    for (int k = 0; k < 2; k++) {
        char golden[96];
        snprintf(golden, sizeof golden, "quadratic_%s_%dx%d", name, sizes[k][0], sizes[k][1]);
        grid *g = draw(s, view, sizes[k][0], sizes[k][1], golden);
        for (size_t i = 0; texts[i]; i++)
            cr_assert(support_grid_has(g, texts[i]), "%s lacks \"%s\"", golden, texts[i]);
        grid_free(g);
    }
}

Test(view_quadratic, diagonal_views)
{
    static run_state s;
    diagonal_sweep(&s, 0);
    both(&s, VIEW_CURVES, "curves", (const char *const[]){"‖Ĝ − G‖_F", "n^-1/2", "slope", NULL});
    both(&s, VIEW_ANGLES, "angles",
         (const char *const[]){"cos∠(Q_a, Q_b)", "estimate − truth", "err_q", NULL});
    both(&s, VIEW_DATA, "data", (const char *const[]){"x_0", "normal, same mean/sd", "corr", NULL});
    both(&s, VIEW_LANDSCAPE, "landscape", (const char *const[]){"log₁₀ n", "err_q", NULL});
    /* the large views say more: both curve panels, the recovery matrices, the SoS note */
    grid *g = draw(&s, VIEW_CURVES, 150, 54, NULL);
    cr_assert(support_grid_has(g, "‖T̂ − T‖_F") && support_grid_has(g, "err_q: Jennrich") &&
              support_grid_has(g, "sum-of-squares"));
    grid_free(g);
    g = draw(&s, VIEW_ANGLES, 150, 54, NULL);
    cr_assert(support_grid_has(g, "planted W") && support_grid_has(g, "Jennrich Ŵ"));
    grid_free(g);
    g = draw(&s, VIEW_LANDSCAPE, 150, 54, NULL);
    cr_assert(support_grid_has(g, "Jennrich eigenvalue gap") && support_grid_has(g, "this run"));
    grid_free(g);
    job_quadratic_detail_free(s.det);
}

Test(view_quadratic, gauge_views_without_sweep)
{
    static run_state s;
    gauge_nosweep(&s);
    both(&s, VIEW_CURVES, "gauge_curves", (const char *const[]){"No sweep", "err_gram", NULL});
    both(&s, VIEW_ANGLES, "gauge_angles", (const char *const[]){"gauge on", "moments move", NULL});
    both(&s, VIEW_DATA, "gauge_data", (const char *const[]){"density", NULL});
    both(&s, VIEW_LANDSCAPE, "gauge_landscape", (const char *const[]){"angle_err_max", NULL});
    grid *g = draw(&s, VIEW_ANGLES, 150, 54, NULL);
    cr_assert(support_grid_has(g, "U Q_0 Uᵀ, draws the data") &&
              support_grid_has(g, "Gauge symmetry"));
    /* the gauge numbers of the detail are the ones printed (the line wraps before this) */
    char moved[64];
    snprintf(moved, sizeof moved, "entries by %.0f%%", 100.0 * s.det->gauge_q_change);
    cr_assert(support_grid_has(g, moved), "no \"%s\"", moved);
    grid_free(g);
    g = draw(&s, VIEW_CURVES, 150, 54, NULL); /* run 1's prefix curves under the table */
    cr_assert(support_grid_has(g, "n (prefix of run 1's samples)"));
    grid_free(g);
    job_quadratic_detail_free(s.det);
}

Test(view_quadratic, not_ready_detail_waits)
{
    static run_state s;
    diagonal_sweep(&s, 0);
    quadratic_detail *fresh = job_quadratic_detail_alloc();
    s.in.detail = fresh;
    for (int view = VIEW_ANGLES; view < VIEW_COUNT; view++) {
        if (view == VIEW_LEARNING)
            continue;
        grid *g = draw(&s, view, 50, 19, NULL);
        cr_assert(support_grid_has(g, "computing the run shown here"), "view %d", view);
        grid_free(g);
    }
    s.in.detail = NULL; /* no detail at all: a one-line reason */
    grid *g = draw(&s, VIEW_DATA, 50, 19, NULL);
    cr_assert(support_grid_has(g, "no detail"));
    grid_free(g);
    job_quadratic_detail_free(fresh);
    job_quadratic_detail_free(s.det);
}

Test(view_quadratic, partial_cells_draw)
{
    static run_state s;
    diagonal_sweep(&s, (1u << 1) | (1u << 4) | (1u << 5)); /* value 2 has no finished run */
    for (int k = 0; k < 2; k++) {
        grid *g = draw(&s, VIEW_CURVES, k ? 150 : 50, k ? 54 : 19, NULL);
        cr_assert(support_grid_has(g, "n^-1/2") || support_grid_has(g, "slope"));
        grid_free(g);
    }
    job_quadratic_detail_free(s.det);
    /* the learning view is not part of this generator: a reason, not an empty rect */
    diagonal_sweep(&s, 0);
    grid *g = draw(&s, VIEW_LEARNING, 50, 19, NULL);
    cr_assert(support_grid_has(g, "not part of"));
    grid_free(g);
    job_quadratic_detail_free(s.det);
}

Test(view_quadratic, every_view_stays_in_its_rect_at_any_size)
{
    /* 1x1 up to 160x58 in uneven steps, at an offset in a grid filled with a sentinel:
     * no crash (ASan runs this too), nothing outside the rect touched. */
    static run_state s;
    diagonal_sweep(&s, 0);
    const int W = 170, H = 64;
    grid *g = grid_alloc(W, H);
    view_opts o;
    view_opts_init(&o);
    for (int view = 0; view < VIEW_COUNT; view++)
        for (int w = 1; w <= 160; w += 7)
            for (int h = 1; h <= 58; h += 5) {
                grid_fill(g, (grid_rect){0, 0, W, H}, 'Z', grid_style_default());
                const grid_rect r = {4, 3, w, h};
                cr_assert_eq(view_draw(&s.in, view, &o, r, g), RS_OK, "view %d at %dx%d", view, w,
                             h);
                for (int y = 0; y < H; y++)
                    for (int x = 0; x < W; x++)
                        if (x < r.x || x >= r.x + w || y < r.y || y >= r.y + h)
                            cr_assert_eq(grid_get(g, x, y)->ch, (uint32_t)'Z',
                                         "view %d at %dx%d touched (%d, %d)", view, w, h, x, y);
            }
    grid_free(g);
    job_quadratic_detail_free(s.det);
}
