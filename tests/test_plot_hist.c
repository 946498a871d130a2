/* test_plot_hist.c — histograms: goldens, the zero atom, errors. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "golden.h"
#include "plot_hist.h"

static void golden_expect(fixture_id id, int w, int h, grid_caps caps, const char *suffix)
{
    char msg[1400];
    cr_assert(golden_fixture(id, w, h, caps, suffix, msg, sizeof msg), "%s", msg);
}

Test(plot_hist, golden_60x20)
{
    golden_expect(FIX_HIST, 60, 20, (grid_caps){256, false}, "");
}
Test(plot_hist, golden_100x30)
{
    golden_expect(FIX_HIST, 100, 30, (grid_caps){256, false}, "");
}
Test(plot_hist, golden_mono_60x20)
{
    golden_expect(FIX_HIST, 60, 20, (grid_caps){GRID_COLORS_MONO, false}, "_mono");
}
Test(plot_hist, golden_ascii_100x30)
{
    golden_expect(FIX_HIST, 100, 30, (grid_caps){GRID_COLORS_8, true}, "_ascii");
}

Test(plot_hist, zero_atom_bar_height_is_its_probability)
{
    const double e[3] = {0, 1, 2}, d[2] = {0.3, 0.2};
    plot_hist_model m;
    plot_hist_init(&m);
    m.n_bins = 2, m.edges = e, m.density = d, m.zero_mass = 0.47;
    grid *g = grid_alloc(50, 20);
    cr_assert_eq(plot_hist_draw(&m, (grid_rect){0, 0, 50, 20}, g), RS_OK);
    /* No title, legend or x title: 18 plot rows above the axis row 18. A mass of 0.47
     * stands 0.47 * 18 = 8.46 rows, i.e. 68 eighths: 8 full cells and a half block. */
    int full = 0, col = -1;
    for (int x = 0; x < 10 && col < 0; x++)
        if (grid_get(g, x, 17)->fg == m.zero_color)
            col = x;
    cr_assert_geq(col, 0, "atom bar left of the axis");
    for (int y = 0; y < 18; y++)
        full += grid_get(g, col, y)->ch == 0x2588;
    cr_assert_eq(full, 8);
    cr_assert_eq(grid_get(g, col, 9)->ch, 0x2584, "half a row on top");
    char *txt = golden_render(g);
    cr_assert_not_null(strstr(txt, "P(0)=0.47"), "%s", txt);
    free(txt);
    grid_free(g);
}

Test(plot_hist, bad_models_are_refused)
{
    const double e[3] = {0, 2, 1}, d[2] = {0.3, 0.2};
    plot_hist_model m;
    plot_hist_init(&m);
    m.n_bins = 2, m.edges = e, m.density = d;
    grid *g = grid_alloc(40, 12);
    cr_assert_eq(plot_hist_draw(&m, (grid_rect){0, 0, 40, 12}, g), RS_EINVAL, "edges decrease");
    const double ok[3] = {0, 1, 2};
    m.edges = ok;
    m.zero_mass = 1.5;
    cr_assert_eq(plot_hist_draw(&m, (grid_rect){0, 0, 40, 12}, g), RS_EINVAL, "mass > 1");
    m.zero_mass = NAN;
    m.n_curve = 3;
    cr_assert_eq(plot_hist_draw(&m, (grid_rect){0, 0, 40, 12}, g), RS_EINVAL, "curve arrays");
    m.n_curve = 0;
    m.density = NULL;
    cr_assert_eq(plot_hist_draw(&m, (grid_rect){0, 0, 40, 12}, g), RS_EINVAL);
    m.density = d;
    cr_assert_eq(plot_hist_draw(&m, (grid_rect){0, 0, 40, 12}, g), RS_OK);
    grid_free(g);
}

/* Issue 13, point 9: a fitted curve passing through the tops of the bars (where it
 * passes when it fits) keeps the bars visible under it: every cell the curve takes in a
 * bar's top keeps the bar colour behind the curve. Bars of height 0.45 on a 0..1 axis
 * end inside a cell, as the curve y = 0.45 does. */
Test(plot_hist, bars_stay_under_the_curve)
{
    static const double edges[9] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    static const double density[8] = {0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45};
    static const double cx[2] = {0, 8}, cy[2] = {0.45, 0.45};
    plot_hist_model m;
    plot_hist_init(&m);
    m.n_bins = 8, m.edges = edges, m.density = density;
    m.curve_x = cx, m.curve_y = cy, m.n_curve = 2;
    m.x_lo = 0, m.x_hi = 8, m.y_hi = 1;
    grid *g = grid_alloc(60, 20);
    grid_set_caps(g, (grid_caps){GRID_COLORS_256, false});
    cr_assert_eq(plot_hist_draw(&m, (grid_rect){0, 0, 60, 20}, g), RS_OK);
    int curve = 0, lost = 0;
    for (int y = 0; y < 20; y++)
        for (int x = 0; x < 60; x++) {
            const grid_cell *c = grid_get(g, x, y);
            if (c->ch < 0x2800 || c->ch > 0x28FF || y + 1 >= 20)
                continue;
            const grid_cell *below = grid_get(g, x, y + 1);
            if (below->bg != m.bar_color) /* not over a bar */
                continue;
            curve++;
            lost += c->bg != m.bar_color;
        }
    cr_expect_gt(curve, 10, "the curve runs along the bar tops (%d cells)", curve);
    cr_expect_eq(lost, 0, "%d curve cells lost the bar under them", lost);
    grid_free(g);
}

/* Without colour (NO_COLOR, .txt screenshots) a bar cell the curve passes through keeps
 * the bar: its dots are the bar's filled rows with the curve cut out of them, not the
 * curve alone (issue 13, point 9). A flat histogram under a flat curve on its tops:
 * every bar column shows a bar dot in its top cell. */
Test(plot_hist, bars_stay_under_the_curve_in_mono)
{
    static const double edges[9] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    static const double density[8] = {0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45};
    static const double cx[2] = {0, 8}, cy[2] = {0.47, 0.47};
    plot_hist_model m;
    plot_hist_init(&m);
    m.n_bins = 8, m.edges = edges, m.density = density;
    m.curve_x = cx, m.curve_y = cy, m.n_curve = 2;
    m.x_lo = 0, m.x_hi = 8, m.y_hi = 1;
    grid *g = grid_alloc(60, 20);
    grid_set_caps(g, (grid_caps){GRID_COLORS_MONO, false});
    cr_assert_eq(plot_hist_draw(&m, (grid_rect){0, 0, 60, 20}, g), RS_OK);
    int curve = 0, dense = 0;
    for (int y = 0; y + 1 < 20; y++)
        for (int x = 0; x < 60; x++) {
            const uint32_t ch = grid_get(g, x, y)->ch, below = grid_get(g, x, y + 1)->ch;
            if (ch < 0x2801 || ch > 0x28FF || below != 0x2588) /* curve cells over a bar */
                continue;
            curve++;
            dense += __builtin_popcount(ch - 0x2800) >= 4;
        }
    cr_expect_gt(curve, 10, "the curve runs along the bar tops (%d cells)", curve);
    cr_expect_eq(dense, curve, "%d of %d curve cells show the curve alone", curve - dense, curve);
    grid_free(g);
}
