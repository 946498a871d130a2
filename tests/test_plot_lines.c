/* test_plot_lines.c — line plots: goldens, purity, errors (slopes: test_stats.c). */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "golden.h"
#include "palette.h"
#include "plot.h"
#include "plot_lines.h"
#include "sink_txt.h"

static const grid_caps caps256 = {GRID_COLORS_256, false};

static void golden_expect(fixture_id id, int w, int h, grid_caps caps, const char *suffix)
{
    char msg[1400];
    cr_assert(golden_fixture(id, w, h, caps, suffix, msg, sizeof msg), "%s", msg);
}

Test(plot_lines, golden_loglog_60x20)
{
    golden_expect(FIX_LINES_LOGLOG, 60, 20, caps256, "");
}
Test(plot_lines, golden_loglog_100x30)
{
    golden_expect(FIX_LINES_LOGLOG, 100, 30, caps256, "");
}
Test(plot_lines, golden_learning_60x20)
{
    golden_expect(FIX_LINES_LEARNING, 60, 20, caps256, "");
}
Test(plot_lines, golden_learning_100x30)
{
    golden_expect(FIX_LINES_LEARNING, 100, 30, caps256, "");
}
Test(plot_lines, golden_loglog_ascii_mono_60x20)
{
    golden_expect(FIX_LINES_LOGLOG, 60, 20, (grid_caps){GRID_COLORS_MONO, true}, "_ascii");
}

Test(plot_lines, draw_is_pure_and_stays_in_its_rect)
{
    grid *a = grid_alloc(90, 30), *b = grid_alloc(90, 30);
    grid_fill(a, (grid_rect){0, 0, 90, 30}, 'Z', grid_style_default());
    grid_fill(b, (grid_rect){0, 0, 90, 30}, 'Z', grid_style_default());
    const grid_rect r = {7, 3, 70, 22};
    cr_assert_eq(fixture_draw(FIX_LINES_LOGLOG, r, a), RS_OK);
    cr_assert_eq(fixture_draw(FIX_LINES_LOGLOG, r, b), RS_OK);
    cr_assert_eq(fixture_draw(FIX_LINES_LOGLOG, r, b), RS_OK);
    cr_assert(grid_equal(a, b), "same model and size, same cells");
    for (int y = 0; y < 30; y++)
        for (int x = 0; x < 90; x++)
            if (x < r.x || x >= r.x + r.w || y < r.y || y >= r.y + r.h)
                cr_assert_eq(grid_get(a, x, y)->ch, 'Z', "cell (%d, %d) outside the rect", x, y);
    grid_free(a);
    grid_free(b);
}

Test(plot_lines, nan_points_are_gaps_with_a_warning)
{
    const double x[5] = {1, 2, 3, 4, 5}, y[5] = {1, NAN, 3, INFINITY, 5};
    plot_lines_series s = plot_lines_series_make("a", palette_series(0), 5, x, y);
    plot_lines_model m;
    plot_lines_init(&m);
    m.series = &s, m.n_series = 1;
    grid *g = grid_alloc(60, 20);
    cr_assert_eq(plot_lines_draw(&m, (grid_rect){0, 0, 60, 20}, g), RS_OK);
    char *txt = golden_render(g);
    cr_assert_not_null(strstr(txt, "! 2 NaN/inf points"), "%s", txt);
    /* issue 13, point 15: the warning says which points */
    cr_assert_not_null(strstr(txt, "! 2 NaN/inf points at x = 2, 4"), "%s", txt);
    free(txt);
    grid_free(g);
}

Test(plot_lines, bad_models_are_refused)
{
    const double x[2] = {1, 2}, y[2] = {1, 2};
    plot_lines_series s = plot_lines_series_make("a", 39, 2, x, NULL);
    plot_lines_model m;
    plot_lines_init(&m);
    m.series = &s, m.n_series = 1;
    grid *g = grid_alloc(40, 12);
    cr_assert_eq(plot_lines_draw(&m, (grid_rect){0, 0, 40, 12}, g), RS_EINVAL);
    s.y = y;
    m.y_log = true, m.y_lo = -1;
    cr_assert_eq(plot_lines_draw(&m, (grid_rect){0, 0, 40, 12}, g), RS_EINVAL);
    char *txt = golden_render(g);
    cr_assert_not_null(strstr(txt, "unusable fixed range"), "the rect says why");
    free(txt);
    m.y_lo = NAN;
    cr_assert_eq(plot_lines_draw(&m, (grid_rect){0, 0, 40, 12}, g), RS_OK);
    cr_assert_eq(plot_lines_draw(&m, (grid_rect){0, 0, 4, 2}, g), RS_OK, "tiny rect is fine");
    grid_free(g);
}

Test(plot_lines, points_only_draws_no_joining_line)
{
    const double x[2] = {0.1, 0.9}, y[2] = {0.1, 0.9};
    plot_lines_series s = plot_lines_series_make("pts", 39, 2, x, y);
    s.points_only = true;
    plot_lines_model m;
    plot_lines_init(&m);
    m.series = &s, m.n_series = 1;
    m.x_lo = m.y_lo = 0, m.x_hi = m.y_hi = 1;
    grid *g = grid_alloc(40, 20);
    cr_assert_eq(plot_lines_draw(&m, (grid_rect){0, 0, 40, 20}, g), RS_OK);
    int braille = 0;
    for (int y = 0; y < 20; y++)
        for (int x = 0; x < 40; x++) {
            const uint32_t c = grid_get(g, x, y)->ch;
            braille += c > 0x2800 && c <= 0x28FF && grid_get(g, x, y)->fg == 39;
        }
    cr_assert_eq(braille, 2, "two dots, no line between them");
    s.points_only = false;
    cr_assert_eq(plot_lines_draw(&m, (grid_rect){0, 0, 40, 20}, g), RS_OK);
    braille = 0;
    for (int y = 0; y < 20; y++)
        for (int x = 0; x < 40; x++)
            braille += grid_get(g, x, y)->fg == 39 && grid_get(g, x, y)->ch > 0x2800;
    cr_assert_gt(braille, 10, "joined by a line");
    grid_free(g);
}

/* Issue 13, points 7 and 8: without colour the two series differ by their point markers
 * (o and x in ASCII), the legend shows them, and the reference line has its own dashes,
 * visible beside the data. */
Test(plot_lines, markers_tell_series_apart_in_mono)
{
    grid *g = grid_alloc(60, 20);
    grid_set_caps(g, (grid_caps){GRID_COLORS_MONO, true});
    cr_assert_eq(fixture_draw(FIX_LINES_LOGLOG, (grid_rect){0, 0, 60, 20}, g), RS_OK);
    int o = 0, x = 0, dash = 0;
    for (int y = 3; y < 17; y++)
        for (int c = 5; c < 60; c++) {
            const uint32_t ch = grid_get(g, c, y)->ch;
            o += ch == 'o', x += ch == 'x';
            dash += ch == '-' && grid_get(g, c - 1, y)->ch == ' ';
        }
    cr_expect_geq(o, 6, "mle's markers: %d", o);
    cr_expect_geq(x, 5, "sgd's markers: %d (one point is NaN)", x);
    cr_expect_geq(dash, 4, "reference dashes: %d", dash);
    char row[256];
    int legend = 0;
    for (int y = 0; y < 3; y++) {
        sink_txt_row(g, y, row, sizeof row);
        legend += strstr(row, "=o mle") != NULL;
        legend += strstr(row, "=x sgd") != NULL;
    }
    cr_expect_eq(legend, 2, "legend swatches carry the markers");
    grid_free(g);
}

/* Issue 13, point 2: bands contain their means and stay in the metric's range. A
 * relative error with sd larger than its mean (the band would reach below 0) and a
 * fraction near 1 (it would pass 1), on a linear y axis clipped to [0, 1]; then the
 * same error on a log axis, where the band is geometric and says so. */
static rs_status bands_draw(bool y_log, grid_rect r, grid *g)
{
    static const double x[5] = {1, 2, 3, 4, 5};
    static const double err[5] = {0.31, 0.22, 0.17, 0.12, 0.083};
    static const double err_sd[5] = {0.45, 0.31, 0.26, 0.2, 0.12};
    static const double frac[5] = {0.81, 0.88, 0.93, 0.97, 0.99};
    static const double frac_sd[5] = {0.11, 0.09, 0.07, 0.06, 0.04};
    plot_lines_series s[2] = {plot_lines_series_make("err", palette_series(0), 5, x, err),
                              plot_lines_series_make("frac", palette_series(1), 5, x, frac)};
    s[0].std = err_sd, s[1].std = frac_sd;
    s[0].markers = s[1].markers = true;
    plot_lines_model m;
    plot_lines_init(&m);
    m.title = y_log ? "log axis: geometric band" : "range [0, 1]";
    m.y_log = y_log;
    m.series = s, m.n_series = y_log ? 1 : 2;
    m.band_lo = 0, m.band_hi = 1;
    return plot_lines_draw(&m, r, g);
}

Test(plot_lines, bands_clipped_to_the_range_and_geometric_on_log)
{
    char msg[256];
    for (int log = 0; log < 2; log++) {
        grid *g = grid_alloc(60, 20);
        grid_set_caps(g, (grid_caps){GRID_COLORS_MONO, true});
        cr_assert_eq(bands_draw(log, (grid_rect){0, 0, 60, 20}, g), RS_OK);
        char row[256];
        bool band_label = false;
        for (int y = 0; y < 20; y++) {
            sink_txt_row(g, y, row, sizeof row);
            cr_expect_null(strstr(row, "-0."), "row %d: a negative tick: %s", y, row);
            cr_expect_null(strstr(row, "1.1"), "row %d: a tick above 1: %s", y, row);
            band_label |= strstr(row, log ? "geometric sd band" : "sd band") != NULL;
        }
        cr_expect(band_label, "the legend names the band");
        cr_expect(golden_check(g, log ? "lines_bands_log_60x20" : "lines_bands_range_60x20", msg,
                               sizeof msg),
                  "%s", msg);
        grid_free(g);
    }
}

/* Issue 13, point 11: titles of panels side by side never touch: a cut title ends in
 * an ellipsis and leaves its last column blank. */
Test(plot_lines, titles_side_by_side_keep_a_gap)
{
    grid *g = grid_alloc(40, 1);
    plot_title_draw("|cos(a_i, a*_j)| l2, e(A) = 0.031", (grid_rect){0, 0, 20, 1}, g);
    plot_title_draw("|cos(a_i, a*_j)| ge, e(A) = 0.027", (grid_rect){20, 0, 20, 1}, g);
    cr_expect_eq(grid_get(g, 19, 0)->ch, ' ', "a blank column between the titles");
    cr_expect_eq(grid_get(g, 18, 0)->ch, 0x2026, "the cut title ends in an ellipsis");
    cr_expect_eq(grid_get(g, 20, 0)->ch, '|');
    grid_free(g);
}

/* Issue 13, point 9: a line lying on another (teacher-laplace: e(A) of ge on that of l2)
 * keeps its colour along its length: the shared cells alternate between the two colours
 * instead of all going to the series drawn last. No markers here, so only the line's
 * own cells can show the second colour. */
Test(plot_lines, coinciding_lines_share_their_cells)
{
    static const double x[4] = {0, 1, 2, 3};
    static const double y[4] = {0.5, 0.5, 0.5, 0.5};
    static const double low[4] = {0.1, 0.1, 0.1, 0.1};
    plot_lines_series s[3] = {plot_lines_series_make("l2", palette_series(0), 4, x, y),
                              plot_lines_series_make("ge", palette_series(1), 4, x, y),
                              plot_lines_series_make("score", palette_series(2), 4, x, low)};
    plot_lines_model m;
    plot_lines_init(&m);
    m.series = s, m.n_series = 3;
    grid *g = grid_alloc(40, 12);
    grid_set_caps(g, caps256);
    cr_assert_eq(plot_lines_draw(&m, (grid_rect){0, 0, 40, 12}, g), RS_OK);
    int cells[3] = {0, 0, 0};
    for (int r = 0; r < 12; r++)
        for (int c = 0; c < 40; c++) {
            const grid_cell *cell = grid_get(g, c, r);
            if (cell->ch < 0x2801 || cell->ch > 0x28ff)
                continue;
            for (int k = 0; k < 3; k++)
                cells[k] += cell->fg == palette_series((size_t)k);
        }
    cr_expect_geq(cells[0], 10, "l2 cells: %d", cells[0]);
    cr_expect_geq(cells[1], 10, "ge cells: %d (hidden under l2?)", cells[1]);
    cr_expect_geq(cells[2], 20, "score cells: %d", cells[2]);
    grid_free(g);
}
