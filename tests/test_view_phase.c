/* test_view_phase.c — the phase view (issue 17) from hand-built cells (STYLE 8: no job
 * runs): both axes labelled with the keys' values and named with their spacing, the
 * cursor cell read out as mean ± sd over its runs with its NaN runs and flags, the
 * threshold contour, pending cells counted apart from NaN ones, 'm' stepping through
 * metrics and methods, the other views showing the cursor's row, and goldens. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "phase_fixture.h"
#include "sink_txt.h"
#include "view_phase.h"

Test(view_phase, axes_labelled_with_the_keys_values_and_spacing)
{
    static phase_fixture f;
    fixture(&f);
    view_opts o;
    view_opts_init(&o);
    grid *g = draw(&f, VIEW_PHASE, &o, 100, 30, mono);
    char *t = golden_render(g);
    cr_assert(strstr(t, "mean err_sigma (sgd) over r × lambda · 3 runs per cell"), "%s", t);
    cr_assert(strstr(t, "x → r, values as listed (columns) · y ↑ lambda, log steps (rows)"), "%s",
              t);
    /* columns left to right, rows the largest lambda on top */
    const char *c15 = strstr(t, "1.5"), *c10 = strstr(t, " 10 ");
    cr_assert(c15 && c10 && c15 < c10, "%s", t);
    const char *top = strstr(t, "\n  10 "), *bottom = strstr(t, "\n0.01 ");
    cr_assert(top && bottom && top < bottom, "lambda = 10 above 0.01:\n%s", t);
    cr_assert(strstr(t, "19 of 20 cells with a finished run"), "%s", t);
    free(t);
    grid_free(g);
}

/* The cursor's numbers, computed here from the fixture's cells by hand. */
Test(view_phase, cursor_reads_mean_sd_runs_and_flags)
{
    static phase_fixture f;
    fixture(&f);
    view_opts o;
    view_opts_init(&o);
    o.phase_x = 2, o.phase_y = 1; /* r = 3, lambda = 0.1 */
    o.metric = 2 * 2;             /* third metric (sqrt_kl), first method (sgd) */
    double x[RUNS], mean = 0, ss = 0;
    size_t n = 0;
    for (size_t run = 0; run < RUNS; run++) {
        const double v = f.cells[(1 * N1 + 2) * RUNS + run].metric[METHOD_SGD][2];
        if (isfinite(v))
            x[n++] = v, mean += v;
    }
    cr_assert_eq(n, 2);
    mean /= 2;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    char want[160];
    snprintf(want, sizeof want,
             "cursor r = 3, lambda = 0.1: sqrt_kl = %.4g ± %.2g (2 of 3 runs, 1 NaN) · "
             "flags: sigma_not_pd",
             mean, sqrt(ss));
    grid *g = draw(&f, VIEW_PHASE, &o, 120, 30, mono);
    cr_assert(has(g, want), "'%s' in:\n%s", want, golden_render(g));
    cr_assert(has(g, "1 cell NaN in every run (?)"));
    grid_free(g);
    o.phase_x = N1 - 1, o.phase_y = N2 - 1;
    g = draw(&f, VIEW_PHASE, &o, 120, 30, mono);
    cr_assert(has(g, "cursor r = 10, lambda = 10: sqrt_kl pending (0 of 3 runs)"));
    grid_free(g);
}

/* 'm' steps every method of a metric, then the next metric; the metric key starts it. */
Test(view_phase, m_cycles_methods_then_metrics_from_the_metric_key)
{
    static phase_fixture f;
    fixture(&f);
    view_opts o;
    view_opts_init(&o);
    size_t id;
    int method;
    view_phase_pick(&f.in, &o, &id, &method);
    cr_assert(id == 0 && method == METHOD_SGD);
    o.metric = 1;
    view_phase_pick(&f.in, &o, &id, &method);
    cr_assert(id == 0 && method == METHOD_CENSORED);
    o.metric = 3;
    view_phase_pick(&f.in, &o, &id, &method);
    cr_assert(id == 1 && method == METHOD_CENSORED);
    o.metric = 2 * 7; /* past the last: wraps */
    view_phase_pick(&f.in, &o, &id, &method);
    cr_assert(id == 0 && method == METHOD_SGD);
    cr_assert_eq(view_phase_choices(&f.in), 2 * 7);
    rs_error e;
    cr_assert_eq(param_parse(&f.p, param_find("metric"), "err_b", &e), RS_OK);
    o.metric = 0;
    view_phase_pick(&f.in, &o, &id, &method);
    cr_assert(id == 1 && method == METHOD_SGD, "the metric key picks err_b");
}

/* The contour lies between the cells on either side of the threshold, and only on the
 * metric key's metric. */
Test(view_phase, contour_between_cells_below_and_above)
{
    static phase_fixture f;
    fixture(&f);
    rs_error e;
    cr_assert_eq(param_parse(&f.p, param_find("metric"), "err_sigma", &e), RS_OK);
    cr_assert_eq(param_parse(&f.p, param_find("contour"), "0.08", &e), RS_OK);
    view_opts o;
    view_opts_init(&o);
    grid *g = draw(&f, VIEW_PHASE, &o, 100, 30, mono);
    cr_assert(has(g, "err_sigma = 0.08 (contour)"));
    char *t = golden_render(g);
    size_t dots = 0;
    for (const char *c = t; (c = strstr(c, "•")); c += strlen("•"))
        dots++;
    cr_assert(dots >= 6, "%zu contour dots:\n%s", dots, t); /* 1 in the legend */
    free(t);
    grid_free(g);
    o.metric = 2; /* err_b: the contour is err_sigma's */
    g = draw(&f, VIEW_PHASE, &o, 100, 30, mono);
    cr_assert(!has(g, "(contour)") && has(g, "contour of err_sigma hidden (m)"));
    grid_free(g);
}

/* The curves view of a phase map is the cursor's row: the knob panel's lambda is the
 * row's. */
Test(view_phase, other_views_show_the_cursors_row)
{
    static phase_fixture f;
    fixture(&f);
    view_input row;
    rs_params p_row;
    view_phase_row(&f.in, 2, &row, &p_row);
    cr_assert_eq(row.cells, f.cells + 2 * N1 * RUNS);
    cr_assert_eq(p_row.sweep2, -1);
    cr_assert_float_eq(p_row.lambda, 1.0, 1e-12);
    view_opts o;
    view_opts_init(&o);
    o.phase_y = 2;
    grid *g = draw(&f, VIEW_CURVES, &o, 100, 30, mono);
    cr_assert(has(g, "r"));
    grid_free(g);
}

Test(view_phase, without_a_second_key_says_so)
{
    static phase_fixture f;
    fixture(&f);
    f.p.sweep2 = -1;
    view_opts o;
    view_opts_init(&o);
    grid *g = draw(&f, VIEW_PHASE, &o, 100, 10, mono);
    cr_assert(has(g, "phase map: set sweep (x) and sweep2 (y)"));
    grid_free(g);
}

/* Every size draws inside its rect. */
Test(view_phase, stays_inside_its_rect)
{
    static phase_fixture f;
    fixture(&f);
    view_opts o;
    view_opts_init(&o);
    const int W = 130, H = 50;
    grid *g = grid_alloc(W, H);
    for (int w = 1; w <= 121; w += 8)
        for (int h = 1; h <= 45; h += 4) {
            grid_fill(g, (grid_rect){0, 0, W, H}, 'Z', grid_style_default());
            const rs_status st = view_draw(&f.in, VIEW_PHASE, &o, (grid_rect){3, 2, w, h}, g);
            cr_expect(st == RS_OK || st == RS_EINVAL, "%dx%d: %d", w, h, st);
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                    if (x < 3 || y < 2 || x >= w + 3 || y >= h + 2)
                        cr_assert_eq(grid_get(g, x, y)->ch, 'Z', "%dx%d touched (%d, %d)", w, h, x,
                                     y);
        }
    grid_free(g);
}

Test(view_phase, goldens)
{
    static phase_fixture f;
    fixture(&f);
    rs_error e;
    cr_assert_eq(param_parse(&f.p, param_find("contour"), "0.08", &e), RS_OK);
    view_opts o;
    view_opts_init(&o);
    o.phase_x = 2, o.phase_y = 1;
    golden(&f, &o, 100, 30, mono, "view_phase_100x30_mono");
    golden(&f, &o, 60, 20, mono, "view_phase_60x20_mono");
    golden(&f, &o, 100, 30, c256, "view_phase_100x30");
}

/* Tick labels in the axes' number form (issue 13, point 4): 2.15e3, never 2.15e+03. */
Test(view_phase, labels_use_the_axes_number_form)
{
    static phase_fixture f;
    fixture(&f);
    rs_error e;
    cr_assert_eq(param_parse(&f.p, param_find("sweep"), "n", &e), RS_OK);
    cr_assert_eq(param_parse(&f.p, param_find("sweep_values"), "1000,2154.4,46416,100000,2e6", &e),
                 RS_OK);
    cr_assert_eq(param_sweep_values(&f.p, f.v1), N1);
    view_opts o;
    view_opts_init(&o);
    grid *g = draw(&f, VIEW_PHASE, &o, 120, 30, mono);
    char *t = golden_render(g);
    cr_assert(strstr(t, "1e3") && strstr(t, "2.15e3") && strstr(t, "4.64e4") && strstr(t, "1e5") &&
                  strstr(t, "2e6"),
              "%s", t);
    cr_assert(!strstr(t, "e+0"), "%s", t);
    cr_assert(strstr(t, "x → n (samples), values as listed"), "%s", t);
    free(t);
    grid_free(g);
}
