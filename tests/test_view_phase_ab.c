/* test_view_phase_ab.c — the phase view of an A/B pair (issue 17) from hand-built cells
 * (STYLE 8: no job runs): A's map beside B's on one colour scale, each titled with its
 * side's keys, the cursor on the same cell of both and read out as A's and B's mean ± sd;
 * B alone under a one-line note when the rect is too narrow for two maps or A is no map
 * over the same keys; goldens. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "phase_fixture.h"
#include "view_phase.h"

typedef struct {
    phase_fixture a, b;
} ab_fixture;

/* A: the phase fixture (kappa = 1); B: kappa = 25 with every value 2.385 times A's, so
 * that B's largest mean lies above anything A has. */
static void ab(ab_fixture *f)
{
    fixture(&f->a);
    fixture(&f->b);
    rs_error e;
    cr_assert_eq(param_parse(&f->b.p, param_find("kappa"), "25", &e), RS_OK);
    for (size_t j = 0; j < N1 * N2 * RUNS; j++)
        for (int m = 0; m < METHOD_COUNT; m++)
            for (size_t id = 0; id < SWEEP_MAX_METRICS; id++)
                f->b.cells[j].metric[m][id] *= 2.385;
    f->b.in.ab_a = &f->a.in;
}

static size_t count(const char *t, const char *s)
{
    size_t n = 0;
    for (const char *p = strstr(t, s); p; p = strstr(p + 1, s))
        n++;
    return n;
}

/* The colour bar's top label of a mono render: the text after the first "@@ ". */
static void top_label(const char *t, char *buf, size_t len)
{
    const char *p = strstr(t, "@@ ");
    cr_assert_not_null(p, "%s", t);
    p += 3;
    size_t k = 0;
    while (p[k] && p[k] != ' ' && p[k] != '\n' && k + 1 < len) {
        buf[k] = p[k];
        k++;
    }
    buf[k] = 0;
}

Test(view_phase_ab, a_beside_b_on_one_colour_scale)
{
    static ab_fixture f;
    ab(&f);
    view_opts o;
    view_opts_init(&o);
    /* B alone: its own top label, which A (all values 1/2.385 of B's) never reaches */
    f.b.in.ab_a = NULL;
    grid *g = draw(&f.b, VIEW_PHASE, &o, 120, 30, mono);
    char *t = golden_render(g);
    char hi[32];
    top_label(t, hi, sizeof hi);
    free(t);
    grid_free(g);
    f.b.in.ab_a = &f.a.in;
    g = draw(&f.b, VIEW_PHASE, &o, 120, 30, mono);
    t = golden_render(g);
    cr_expect(strstr(t, "A: kappa = 1") && strstr(t, "B: kappa = 25"), "%s", t);
    cr_expect(strstr(t, "mean err_sigma (sgd) over r × lambda · 3 runs per cell · one log colour "
                        "scale"),
              "%s", t);
    char bar[48];
    snprintf(bar, sizeof bar, "@@ %s", hi);
    cr_expect_eq(count(t, bar), 2, "both bars top at B's %s:\n%s", hi, t);
    cr_expect_eq(count(t, "A/B:"), 0, "no note when both fit:\n%s", t);
    free(t);
    grid_free(g);
}

/* The cursor (H J K L) sits on the same cell of both maps; its line gives both means. */
Test(view_phase_ab, cursor_reads_a_and_b)
{
    static ab_fixture f;
    ab(&f);
    view_opts o;
    view_opts_init(&o);
    o.phase_x = 2, o.phase_y = 1; /* r = 3, lambda = 0.1 */
    grid *g = draw(&f.b, VIEW_PHASE, &o, 120, 30, mono);
    char *t = golden_render(g);
    cr_expect_eq(count(t, "×"), 5,
                 "the head's r × lambda, two cursor marks, two legend entries:\n%s", t);
    double ma, sa, mb, sb;
    size_t ca, cb, na, nb;
    sweep_aggregate(f.a.cells, RUNS, 1 * N1 + 2, METHOD_SGD, 0, &ma, &sa, &ca, &na);
    sweep_aggregate(f.b.cells, RUNS, 1 * N1 + 2, METHOD_SGD, 0, &mb, &sb, &cb, &nb);
    char want[256];
    snprintf(want, sizeof want,
             "cursor r = 3, lambda = 0.1: err_sigma A = %.4g ± %.2g (3 of 3 runs) · B = %.4g ± "
             "%.2g (3 of 3 runs)",
             ma, sa, mb, sb);
    cr_expect(strstr(t, want), "'%s' in:\n%s", want, t);
    cr_expect(strstr(t, "finished cells: A 19 of 20, B 19 of 20"), "%s", t);
    free(t);
    grid_free(g);
}

/* Too narrow for two maps of the view's minimum width: B alone, and one line says so. */
Test(view_phase_ab, narrow_shows_b_and_says_so)
{
    static ab_fixture f;
    ab(&f);
    view_opts o;
    view_opts_init(&o);
    grid *g = draw(&f.b, VIEW_PHASE, &o, 77, 30, mono);
    cr_expect(has(g, "A/B: widen the terminal to see A beside B"));
    cr_expect(has(g, "mean err_sigma (sgd) over r × lambda · 3 runs per cell"));
    cr_expect(!has(g, "one log colour scale"));
    grid_free(g);
    g = draw(&f.b, VIEW_PHASE, &o, 78, 30, mono); /* 2 x 38 + the gap */
    cr_expect(has(g, "one log colour scale"));
    grid_free(g);
}

/* A that is no map over B's keys: B alone, with the reason. */
Test(view_phase_ab, a_without_the_map_says_so)
{
    static ab_fixture f;
    ab(&f);
    rs_error e;
    cr_assert_eq(param_parse(&f.a.p, param_find("sweep2"), "none", &e), RS_OK);
    view_opts o;
    view_opts_init(&o);
    grid *g = draw(&f.b, VIEW_PHASE, &o, 120, 30, mono);
    cr_expect(has(g, "A/B: A is not a phase map; this view shows B · A: "));
    grid_free(g);
    cr_assert_eq(param_parse(&f.a.p, param_find("sweep2"), "bias_scale", &e), RS_OK);
    g = draw(&f.b, VIEW_PHASE, &o, 120, 30, mono);
    cr_expect(has(g, "A/B: A maps other keys; this view shows B"));
    grid_free(g);
}

/* Two estimators' maps: A computed sgd only, B shows censored; A keeps its own. */
Test(view_phase_ab, each_side_its_own_method)
{
    static ab_fixture f;
    ab(&f);
    rs_error e;
    cr_assert_eq(param_parse(&f.a.p, param_find("estimator"), "sgd", &e), RS_OK);
    view_opts o;
    view_opts_init(&o);
    o.metric = 1; /* B: err_sigma of its second method, censored */
    grid *g = draw(&f.b, VIEW_PHASE, &o, 120, 30, mono);
    cr_expect(has(g, "mean err_sigma (A sgd, B censored) over r × lambda"));
    grid_free(g);
}

/* Inside its rect at every size, wide or narrow. */
Test(view_phase_ab, stays_inside_its_rect)
{
    static ab_fixture f;
    ab(&f);
    view_opts o;
    view_opts_init(&o);
    enum { W = 140, H = 40 };
    grid *g = grid_alloc(W, H);
    cr_assert_not_null(g);
    const int sizes[][2] = {{130, 34}, {98, 20}, {97, 20}, {60, 12}, {20, 5}};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        const int w = sizes[s][0], h = sizes[s][1];
        grid_fill(g, (grid_rect){0, 0, W, H}, 'Z', grid_style_default());
        view_draw(&f.b.in, VIEW_PHASE, &o, (grid_rect){3, 2, w, h}, g);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                if (x < 3 || y < 2 || x >= w + 3 || y >= h + 2)
                    cr_assert_eq(grid_get(g, x, y)->ch, 'Z', "%dx%d touched (%d, %d)", w, h, x, y);
    }
    grid_free(g);
}

Test(view_phase_ab, goldens)
{
    static ab_fixture f;
    ab(&f);
    rs_error e;
    cr_assert_eq(param_parse(&f.a.p, param_find("contour"), "0.08", &e), RS_OK);
    cr_assert_eq(param_parse(&f.b.p, param_find("contour"), "0.08", &e), RS_OK);
    view_opts o;
    view_opts_init(&o);
    o.phase_x = 2, o.phase_y = 1;
    golden(&f.b, &o, 120, 30, mono, "view_phase_ab_120x30_mono");
    golden(&f.b, &o, 120, 30, c256, "view_phase_ab_120x30");
    golden(&f.b, &o, 80, 24, mono, "view_phase_ab_80x24_mono");
}

/* Cells NaN in every run are counted for each side on the last line, as the single map
 * does: a ? on screen never goes unexplained (the fixture's sqrt_kl is NaN in every run
 * of one cell of sgd). */
Test(view_phase_ab, nan_cells_are_counted_per_side)
{
    static ab_fixture f;
    ab(&f);
    rs_error e;
    cr_assert_eq(param_parse(&f.a.p, param_find("metric"), "sqrt_kl", &e), RS_OK);
    cr_assert_eq(param_parse(&f.b.p, param_find("metric"), "sqrt_kl", &e), RS_OK);
    view_opts o;
    view_opts_init(&o);
    grid *g = draw(&f.b, VIEW_PHASE, &o, 160, 40, mono);
    char *t = golden_render(g);
    cr_expect(strstr(t, "mean sqrt_kl (sgd)"), "%s", t);
    cr_expect(strstr(t, "NaN in every run (?): A 1, B 1"), "%s", t);
    free(t);
    grid_free(g);
}
