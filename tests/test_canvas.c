/* test_canvas.c — braille canvas: dots, lines, clipping and painting into a grid. */
#include <criterion/criterion.h>

#include <time.h>

#include "canvas.h"
#include "glyph.h"

Test(canvas, set_get_unset_and_bounds)
{
    canvas *c = canvas_alloc(3, 2);
    cr_assert_not_null(c);
    cr_assert_eq(canvas_dot_w(c), 6);
    cr_assert_eq(canvas_dot_h(c), 8);
    canvas_set(c, 5, 7, 33);
    cr_assert(canvas_get(c, 5, 7));
    cr_assert_eq(c->dots[1 * 3 + 2], glyph_braille_bit(1, 3));
    cr_assert_eq(c->colors[1 * 3 + 2], 33);
    canvas_set(c, 6, 0, 33);
    canvas_set(c, -1, 0, 33);
    cr_assert_not(canvas_get(c, 6, 0));
    canvas_unset(c, 5, 7);
    cr_assert_not(canvas_get(c, 5, 7));
    canvas_free(c);
    canvas_free(NULL);
}

Test(canvas, line_hits_both_ends_and_is_connected)
{
    canvas *c = canvas_alloc(10, 5);
    canvas_line(c, 1, 18, 17, 2, 7, 0);
    cr_assert(canvas_get(c, 1, 18));
    cr_assert(canvas_get(c, 17, 2));
    /* 8-connected: every column between the ends has a dot. */
    for (int x = 1; x <= 17; x++) {
        int any = 0;
        for (int y = 0; y < 20; y++)
            any |= canvas_get(c, x, y);
        cr_assert(any, "gap at column %d", x);
    }
    canvas_free(c);
}

Test(canvas, dashed_line_skips_dots)
{
    canvas *c = canvas_alloc(10, 1);
    canvas_line(c, 0, 1, 19, 1, 7, 2);
    int on = 0;
    for (int x = 0; x < 20; x++)
        on += canvas_get(c, x, 1);
    cr_assert_eq(on, 10, "2 on, 2 off over 20 dots");
    canvas_free(c);
}

Test(canvas, far_ends_are_clipped_quickly)
{
    canvas *c = canvas_alloc(20, 10);
    const clock_t t0 = clock();
    canvas_line(c, -16000000, -16000000, 16000000, 16000000, 7, 0);
    /* Unclipped Bresenham would walk 32 million steps (about 0.1 s); clipped it walks
     * about 40. The bound is loose (0.05 s of CPU) so a slow machine cannot fail it. */
    cr_assert_lt((double)(clock() - t0) / CLOCKS_PER_SEC, 0.05);
    cr_assert(canvas_get(c, 0, 0));
    cr_assert(canvas_get(c, 39, 39));
    cr_assert_eq(canvas_round(1e300), 16777216);
    cr_assert_eq(canvas_round(-1e300), -16777216);
    cr_assert_eq(canvas_round(2.5), 3);
    canvas_free(c);
}

Test(canvas, draw_keeps_background_and_skips_empty_cells)
{
    canvas *c = canvas_alloc(2, 1);
    grid *g = grid_alloc(4, 2);
    grid_put(g, 1, 1, 'q', grid_style_make(1, 2, 0));
    grid_put(g, 2, 1, ' ', grid_style_make(-1, 52, 0));
    for (int y = 0; y < 4; y++)
        for (int x = 2; x < 4; x++)
            canvas_set(c, x, y, 208);
    canvas_draw(c, (grid_rect){1, 1, 2, 1}, g, GRID_ATTR_BOLD);
    cr_assert_eq(grid_get(g, 1, 1)->ch, 'q', "cell without dots untouched");
    cr_assert_eq(grid_get(g, 2, 1)->ch, 0x28FF);
    cr_assert_eq(grid_get(g, 2, 1)->fg, 208);
    cr_assert_eq(grid_get(g, 2, 1)->bg, 52, "background kept");
    cr_assert_eq(grid_get(g, 2, 1)->attr, GRID_ATTR_BOLD);
    grid_set_caps(g, (grid_caps){GRID_COLORS_256, true});
    canvas_draw(c, (grid_rect){1, 0, 2, 1}, g, 0);
    cr_assert_eq(grid_get(g, 2, 0)->ch, '#', "ASCII fallback of a full cell");
    grid_free(g);
    canvas_free(c);
}
