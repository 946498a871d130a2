/* test_widgets.c — widgets: goldens, ETA text, scrolling, tabs, message box. */
#include <criterion/criterion.h>

#include <string.h>

#include "golden.h"
#include "sink_txt.h"
#include "widgets.h"

static void golden_expect(fixture_id id, int w, int h, grid_caps caps, const char *suffix)
{
    char msg[1400];
    cr_assert(golden_fixture(id, w, h, caps, suffix, msg, sizeof msg), "%s", msg);
}

Test(widgets, golden_60x20)
{
    golden_expect(FIX_WIDGETS, 60, 20, (grid_caps){256, false}, "");
}
Test(widgets, golden_100x30)
{
    golden_expect(FIX_WIDGETS, 100, 30, (grid_caps){256, false}, "");
}
Test(widgets, golden_ascii_100x30)
{
    golden_expect(FIX_WIDGETS, 100, 30, (grid_caps){GRID_COLORS_MONO, true}, "_ascii");
}

Test(widgets, eta_format)
{
    char b[32];
    widgets_eta_format(3.21, b, sizeof b);
    cr_assert_str_eq(b, "ETA 3.2s");
    widgets_eta_format(42.4, b, sizeof b);
    cr_assert_str_eq(b, "ETA 42s");
    widgets_eta_format(245, b, sizeof b);
    cr_assert_str_eq(b, "ETA 4m05s");
    widgets_eta_format(3725, b, sizeof b);
    cr_assert_str_eq(b, "ETA 1h02m");
    widgets_eta_format(-1, b, sizeof b);
    cr_assert_str_eq(b, "ETA --");
    widgets_eta_format(1.0 / 0.0, b, sizeof b);
    cr_assert_str_eq(b, "ETA --");
    widgets_eta_format(9.97, b, sizeof b);
    cr_assert_str_eq(b, "ETA 10s", "no \"10.0s\" at the boundary");
}

Test(widgets, kv_scrolling_keeps_selection_visible)
{
    cr_assert_eq(widgets_kv_first(5, 4, 10), 0, "everything fits");
    cr_assert_eq(widgets_kv_first(30, 2, 10), 0);
    cr_assert_eq(widgets_kv_first(30, 15, 10), 10, "centred");
    cr_assert_eq(widgets_kv_first(30, 29, 10), 20, "last page");
    for (size_t sel = 0; sel < 30; sel++) {
        const size_t f = widgets_kv_first(30, sel, 7);
        cr_assert(sel >= f && sel < f + 7, "selection %zu visible", sel);
    }
}

Test(widgets, tabs_always_show_the_active_one)
{
    const char *const names[] = {"1 curves", "2 angles", "3 landscape", "4 learning", "5 data"};
    grid *g = grid_alloc(20, 1);
    widgets_tabs_draw(names, 5, 4, (grid_rect){0, 0, 20, 1}, g);
    char *txt = golden_render(g);
    cr_assert_not_null(strstr(txt, "5 data"), "%s", txt);
    free(txt);
    grid_free(g);
}

Test(widgets, too_small_message_is_centred_and_clipped)
{
    grid *g = grid_alloc(30, 7);
    grid_fill(g, (grid_rect){0, 0, 30, 7}, 'Z', grid_style_default());
    const grid_rect r = widgets_message_draw(
        "reluscope", "Terminal too small\nneed 80x24, have 30x7", (grid_rect){0, 0, 30, 7}, g);
    cr_assert_geq(r.x, 0);
    cr_assert_leq(r.x + r.w, 30);
    cr_assert_leq(r.y + r.h, 7);
    cr_assert_eq(grid_get(g, r.x, r.y)->ch, 0x250C, "boxed");
    char *txt = golden_render(g);
    cr_assert_not_null(strstr(txt, "Terminal too small"), "%s", txt);
    free(txt);
    /* Two rows: no box, the text alone. */
    grid *s = grid_alloc(12, 2);
    widgets_message_draw(NULL, "Terminal too small", (grid_rect){0, 0, 12, 2}, s);
    cr_assert_neq(grid_get(s, 0, 0)->ch, 0x250C);
    cr_assert_eq(grid_get(s, 11, 0)->ch, 0x2026, "cut with an ellipsis");
    grid_free(s);
    grid_free(g);
}

Test(widgets, progress_bar_fills_in_eighths)
{
    grid *g = grid_alloc(40, 1);
    widgets_progress_draw(0.5, 1.5, (grid_rect){0, 0, 40, 1}, g);
    char *txt = golden_render(g);
    cr_assert_not_null(strstr(txt, " 50%  ETA 1.5s"), "%s", txt);
    free(txt);
    /* Bar width = 40 - strlen(" 50%  ETA 1.5s") - 1 = 25 cells: half is 12.5 cells,
     * 12 full blocks and a left half block. */
    int full = 0;
    for (int x = 0; x < 40; x++)
        full += grid_get(g, x, 0)->ch == 0x2588;
    cr_assert_eq(full, 12);
    cr_assert_eq(grid_get(g, 12, 0)->ch, 0x258C);
    grid_free(g);
}

/* Issue 13, point 14: a list without meanings (the preset menu) gives its values the
 * whole width: a long preset title is not cut at a third of the box. */
Test(widgets, kv_without_meanings_shows_whole_values)
{
    const widgets_kv_item items[2] = {
        {"relu-estimators", "The price of ProjSGD: sgd vs mle vs median on one sweep of n", NULL,
         false},
        {"fig1-samples", "Figure 1 (left): error vs n", NULL, false}};
    grid *g = grid_alloc(100, 2);
    widgets_kv_draw(items, 2, 0, (grid_rect){0, 0, 100, 2}, g);
    char row[512];
    sink_txt_row(g, 0, row, sizeof row);
    cr_expect_not_null(strstr(row, "on one sweep of n"), "title cut: %s", row);
    grid_free(g);
}
