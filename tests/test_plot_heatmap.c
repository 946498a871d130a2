/* test_plot_heatmap.c — heatmaps: goldens, colour scales, NaN cells, errors. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "colorbar.h"
#include "golden.h"
#include "palette.h"
#include "plot_heatmap.h"

static const grid_caps caps256 = {GRID_COLORS_256, false};
static const grid_caps mono = {GRID_COLORS_MONO, false};

static void golden_expect(fixture_id id, int w, int h, grid_caps caps, const char *suffix)
{
    char msg[1400];
    cr_assert(golden_fixture(id, w, h, caps, suffix, msg, sizeof msg), "%s", msg);
}

Test(plot_heatmap, golden_seq_60x20)
{
    golden_expect(FIX_HEATMAP_SEQ, 60, 20, caps256, "");
}
Test(plot_heatmap, golden_seq_100x30)
{
    golden_expect(FIX_HEATMAP_SEQ, 100, 30, caps256, "");
}
Test(plot_heatmap, golden_div_60x20)
{
    golden_expect(FIX_HEATMAP_DIV, 60, 20, caps256, "");
}
Test(plot_heatmap, golden_div_100x30)
{
    golden_expect(FIX_HEATMAP_DIV, 100, 30, caps256, "");
}
Test(plot_heatmap, golden_div_mono_60x20)
{
    golden_expect(FIX_HEATMAP_DIV, 60, 20, mono, "_mono");
}
Test(plot_heatmap, golden_landscape_60x20)
{
    golden_expect(FIX_HEATMAP_LANDSCAPE, 60, 20, caps256, "");
}
Test(plot_heatmap, golden_landscape_100x30)
{
    golden_expect(FIX_HEATMAP_LANDSCAPE, 100, 30, caps256, "");
}
Test(plot_heatmap, golden_landscape_mono_100x30)
{
    golden_expect(FIX_HEATMAP_LANDSCAPE, 100, 30, mono, "_mono");
}

/* Draw a 2 x 1 heatmap of (a, b) filling a 20 x h rect and return the grid (caller
 * frees). With h = 1 both data rows share the one text row as half blocks. */
static grid *heatmap_test_pair(double a, double b, bool diverging, int h)
{
    const double z[2] = {a, b};
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.rows = 2, m.cols = 1, m.z = z, m.diverging = diverging;
    grid *g = grid_alloc(20, h);
    cr_assert_eq(plot_heatmap_draw(&m, (grid_rect){0, 0, 20, h}, g), RS_OK);
    return g;
}

Test(plot_heatmap, half_block_holds_two_rows)
{
    grid *g = heatmap_test_pair(0.1, 0.9, false, 1);
    const grid_cell *c = grid_get(g, 0, 0);
    cr_assert_eq(c->ch, 0x2580);
    cr_assert_eq(c->fg, palette_seq(0), "upper row (min) is fg");
    cr_assert_eq(c->bg, palette_seq(1), "lower row (max) is bg");
    grid_free(g);
}

Test(plot_heatmap, diverging_is_symmetric_around_zero)
{
    /* Data -0.3 and 1.2: the scale is +-1.2, so -0.3 is a light blue, not the end. */
    grid *g = heatmap_test_pair(-0.3, 1.2, true, 1);
    const grid_cell *c = grid_get(g, 0, 0);
    cr_assert_eq(c->fg, palette_div(-0.25));
    cr_assert_eq(c->bg, palette_div(1));
    grid_free(g);
    g = heatmap_test_pair(-0.3, 1.2, true, 6);
    char *txt = golden_render(g);
    cr_assert_not_null(strstr(txt, "-1.20"), "colour bar bottom is -max|z|:\n%s", txt);
    free(txt);
    grid_free(g);
}

Test(plot_heatmap, nan_cells_are_grey_and_counted)
{
    grid *g = heatmap_test_pair(NAN, NAN, false, 6);
    cr_assert_eq(grid_get(g, 0, 0)->ch, '?');
    cr_assert_eq(grid_get(g, 0, 0)->bg, PALETTE_NAN);
    char *txt = golden_render(g);
    cr_assert_not_null(strstr(txt, "! 2 NaN cells"), "%s", txt);
    free(txt);
    grid_free(g);
}

Test(plot_heatmap, colorbar_formatting)
{
    const colorbar_scale s = {-0.119, 0.119, true, -1, false, false};
    char b[COLORBAR_LABEL_LEN];
    colorbar_format(&s, -1e-9, b, sizeof b);
    cr_assert_str_eq(b, "0.000", "no negative zero");
    colorbar_format(&s, 0.0456, b, sizeof b);
    cr_assert_str_eq(b, "0.046");
    const colorbar_scale big = {0, 2.5e7, false, -1, false, false};
    colorbar_format(&big, 1.25e7, b, sizeof b);
    cr_assert_str_eq(b, "1.2e7", "the axes' form, not C's 1.2e+07");
    colorbar_format(&big, 2e7, b, sizeof b);
    cr_assert_str_eq(b, "2e7");
    const colorbar_scale fixed = {0, 1, false, 1, false, false};
    colorbar_format(&fixed, 0.25, b, sizeof b);
    cr_assert_str_eq(b, "0.2");
    cr_assert_eq(colorbar_color(&fixed, NAN), PALETTE_NAN);
}

Test(plot_heatmap, bad_models_are_refused)
{
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    grid *g = grid_alloc(30, 10);
    cr_assert_eq(plot_heatmap_draw(&m, (grid_rect){0, 0, 30, 10}, g), RS_EINVAL);
    const double z[4] = {1, 2, 3, 4};
    m.rows = m.cols = 2, m.z = z;
    m.z_lo = 5, m.z_hi = 1;
    cr_assert_eq(plot_heatmap_draw(&m, (grid_rect){0, 0, 30, 10}, g), RS_EINVAL);
    m.z_lo = m.z_hi = NAN;
    cr_assert_eq(plot_heatmap_draw(&m, (grid_rect){0, 0, 30, 10}, g), RS_OK);
    cr_assert_eq(plot_heatmap_draw(&m, (grid_rect){0, 0, 3, 2}, g), RS_OK, "too small is fine");
    grid_free(g);
}

/* Issue 13, point 4: a ±4e-4 difference map with 3 fixed decimals (as the quadratic
 * "estimate − truth" panel asks) used to read 0.000 / 0.000 / 0.000: the span now
 * decides the decimals, and no label is a negative zero. */
Test(plot_heatmap, colorbar_digits_at_a_small_span)
{
    const colorbar_scale s = {-4e-4, 4e-4, true, 3, false, false};
    char lo[COLORBAR_LABEL_LEN], mid[COLORBAR_LABEL_LEN], hi[COLORBAR_LABEL_LEN];
    colorbar_format(&s, -4e-4, lo, sizeof lo);
    colorbar_format(&s, -1e-12, mid, sizeof mid);
    colorbar_format(&s, 4e-4, hi, sizeof hi);
    cr_expect(strcmp(lo, mid) != 0 && strcmp(mid, hi) != 0, "%s / %s / %s", lo, mid, hi);
    cr_expect(mid[0] != '-', "negative zero: %s", mid);
    static const double z[9] = {-3.9e-4, 1.2e-4, 0, 2.7e-4, -0.6e-4, -2.2e-4, 4e-4, 0.8e-4, -1e-4};
    plot_heatmap_model m;
    plot_heatmap_init(&m);
    m.title = "estimate − truth";
    m.rows = m.cols = 3;
    m.z = z;
    m.diverging = true;
    m.digits = 3;
    m.labels = true;
    m.square = true;
    m.cbar_title = "error";
    grid *g = grid_alloc(50, 16);
    cr_assert_eq(plot_heatmap_draw(&m, (grid_rect){0, 0, 50, 16}, g), RS_OK);
    char msg[256];
    cr_expect(golden_check(g, "heatmap_small_span_50x16", msg, sizeof msg), "%s", msg);
    grid_free(g);
}
