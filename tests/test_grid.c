/* test_grid.c — the cell grid: puts, clipping, UTF-8, caps folding, diffing. */
#include <criterion/criterion.h>

#include <string.h>

#include "grid.h"

static const grid_style plain = {GRID_COLOR_DEFAULT, GRID_COLOR_DEFAULT, 0};

Test(grid, alloc_is_blank_and_free_null_is_noop)
{
    grid *g = grid_alloc(7, 3);
    cr_assert_not_null(g);
    cr_assert_eq(g->w, 7);
    cr_assert_eq(g->h, 3);
    for (int y = 0; y < 3; y++)
        for (int x = 0; x < 7; x++) {
            const grid_cell *c = grid_get(g, x, y);
            cr_assert_eq(c->ch, ' ');
            cr_assert_eq(c->fg, GRID_COLOR_DEFAULT);
            cr_assert_eq(c->bg, GRID_COLOR_DEFAULT);
            cr_assert_eq(c->attr, 0);
        }
    grid_free(g);
    grid_free(NULL);
    cr_assert_null(grid_alloc(-1, 4), "a negative size must be refused");
}

Test(grid, put_outside_is_ignored_and_get_returns_null)
{
    grid *g = grid_alloc(4, 2);
    grid_put(g, -1, 0, 'x', plain);
    grid_put(g, 4, 1, 'x', plain);
    grid_put(g, 0, 2, 'x', plain);
    cr_assert_null(grid_get(g, 4, 0));
    cr_assert_null(grid_get(g, 0, -1));
    grid_put(g, 3, 1, 'z', grid_style_make(196, 21, GRID_ATTR_BOLD));
    const grid_cell *c = grid_get(g, 3, 1);
    cr_assert_eq(c->ch, 'z');
    cr_assert_eq(c->fg, 196);
    cr_assert_eq(c->bg, 21);
    cr_assert_eq(c->attr, GRID_ATTR_BOLD);
    grid_free(g);
}

Test(grid, puts_decodes_utf8_clips_and_reports_width)
{
    grid *g = grid_alloc(10, 1);
    cr_assert_eq(grid_puts(g, 1, 0, "σ=2.385", 99, plain), 7);
    cr_assert_eq(grid_get(g, 1, 0)->ch, 0x03C3);
    cr_assert_eq(grid_get(g, 2, 0)->ch, '=');
    cr_assert_eq(grid_puts(g, 0, 0, "abcdef", 3, plain), 3, "max_w limits the text");
    cr_assert_eq(grid_get(g, 3, 0)->ch, '2', "cell after the clipped text is untouched");
    /* Past the grid edge: still reports its columns (for layout) but writes nothing. */
    cr_assert_eq(grid_puts(g, 8, 0, "wxyz", 99, plain), 4);
    cr_assert_eq(grid_get(g, 9, 0)->ch, 'x');
    grid_free(g);
}

Test(grid, invalid_utf8_and_control_characters_are_replaced)
{
    grid *g = grid_alloc(6, 1);
    grid_puts(g, 0, 0, "a\xff\xc3(b", 6, plain);
    cr_assert_eq(grid_get(g, 0, 0)->ch, 'a');
    cr_assert_eq(grid_get(g, 1, 0)->ch, 0xFFFD);
    cr_assert_eq(grid_get(g, 2, 0)->ch, 0xFFFD, "truncated sequence");
    cr_assert_eq(grid_get(g, 3, 0)->ch, '(');
    grid_put(g, 5, 0, '\t', plain);
    cr_assert_eq(grid_get(g, 5, 0)->ch, '?');
    uint32_t cp;
    cr_assert_eq(grid_utf8_decode("\xc0\xaf", &cp), 1, "overlong form is invalid");
    cr_assert_eq(cp, 0xFFFD);
    cr_assert_eq(grid_utf8_decode("\xed\xa0\x80", &cp), 1, "surrogate is invalid");
    grid_free(g);
}

Test(grid, combining_mark_joins_previous_cell)
{
    grid *g = grid_alloc(6, 1);
    /* "Σ̂ij": the hat takes no column. */
    cr_assert_eq(grid_text_width("\xce\xa3\xcc\x82ij"), 3);
    cr_assert_eq(grid_puts(g, 0, 0, "\xce\xa3\xcc\x82ij", 6, plain), 3);
    cr_assert_eq(grid_get(g, 0, 0)->ch, 0x03A3);
    cr_assert_eq(grid_get(g, 0, 0)->comb, 0x0302);
    cr_assert_eq(grid_get(g, 1, 0)->ch, 'i');
    char out[8];
    const int n = grid_cell_utf8(grid_get(g, 0, 0), false, out);
    cr_assert_eq(n, 4);
    cr_assert(memcmp(out, "\xce\xa3\xcc\x82", 4) == 0);
    cr_assert_eq(grid_cell_utf8(grid_get(g, 0, 0), true, out), 1);
    cr_assert_eq(out[0], 'S', "ascii drops the mark and maps Greek to Latin");
    grid_free(g);
}

Test(grid, utf8_round_trip_all_lengths)
{
    const uint32_t cps[] = {0x41, 0x3B8, 0x2800, 0x1F600};
    for (size_t i = 0; i < 4; i++) {
        char buf[5] = {0};
        const int n = grid_utf8_encode(cps[i], buf);
        cr_assert_eq(n, (int)i + 1);
        uint32_t back;
        cr_assert_eq(grid_utf8_decode(buf, &back), n);
        cr_assert_eq(back, cps[i]);
    }
}

Test(grid, caps_fold_colours_and_glyphs)
{
    grid *g = grid_alloc(3, 1);
    grid_set_caps(g, (grid_caps){GRID_COLORS_8, false});
    grid_put(g, 0, 0, 'a', grid_style_make(208, 24, 0));
    cr_assert_leq(grid_get(g, 0, 0)->fg, 15);
    cr_assert_geq(grid_get(g, 0, 0)->fg, 0);
    cr_assert_leq(grid_get(g, 0, 0)->bg, 15);
    grid_set_caps(g, (grid_caps){GRID_COLORS_MONO, false});
    grid_put(g, 1, 0, 'b', grid_style_make(208, 24, GRID_ATTR_REVERSE));
    cr_assert_eq(grid_get(g, 1, 0)->fg, GRID_COLOR_DEFAULT);
    cr_assert_eq(grid_get(g, 1, 0)->bg, GRID_COLOR_DEFAULT);
    cr_assert_eq(grid_get(g, 1, 0)->attr, GRID_ATTR_REVERSE, "attributes survive mono");
    grid_set_caps(g, (grid_caps){GRID_COLORS_256, true});
    grid_put(g, 2, 0, 0x2502, plain);
    cr_assert_eq(grid_get(g, 2, 0)->ch, '|');
    grid_put(g, 2, 0, 0x28FF, plain);
    cr_assert_lt(grid_get(g, 2, 0)->ch, 128);
    grid_free(g);
}

Test(grid, fill_clips_to_grid_and_rect_clip)
{
    grid *g = grid_alloc(5, 4);
    grid_fill(g, (grid_rect){3, 2, 10, 10}, '#', plain);
    cr_assert_eq(grid_get(g, 4, 3)->ch, '#');
    cr_assert_eq(grid_get(g, 2, 3)->ch, ' ');
    cr_assert_eq(grid_get(g, 4, 1)->ch, ' ');
    const grid_rect c = grid_rect_clip((grid_rect){-2, 1, 5, 9}, (grid_rect){0, 0, 5, 4});
    cr_assert_eq(c.x, 0);
    cr_assert_eq(c.y, 1);
    cr_assert_eq(c.w, 3);
    cr_assert_eq(c.h, 3);
    const grid_rect e = grid_rect_clip((grid_rect){7, 7, 2, 2}, (grid_rect){0, 0, 5, 4});
    cr_assert_eq(e.w * e.h, 0);
    grid_free(g);
}

Test(grid, equal_diff_copy_and_resize)
{
    grid *a = grid_alloc(6, 3), *b = grid_alloc(6, 3);
    cr_assert(grid_equal(a, b));
    grid_put(b, 2, 1, 'q', plain);
    grid_put(b, 5, 2, ' ', grid_style_make(-1, 33, 0));
    cr_assert_not(grid_equal(a, b));
    cr_assert_eq(grid_diff_count(a, b), 2);
    cr_assert(grid_cell_equal(grid_get(a, 0, 0), grid_get(b, 0, 0)));
    cr_assert_not(grid_cell_equal(grid_get(a, 5, 2), grid_get(b, 5, 2)), "bg counts");
    cr_assert_eq(grid_copy(a, b), 0);
    cr_assert(grid_equal(a, b));
    cr_assert_eq(grid_resize(a, 9, 2), 0);
    cr_assert_eq(a->w, 9);
    cr_assert_eq(grid_get(a, 2, 1)->ch, ' ', "resize clears");
    cr_assert_eq(grid_diff_count(a, b), 18, "size mismatch counts the larger grid");
    cr_assert_eq(grid_copy(a, b), 0);
    cr_assert_eq(a->w, 6);
    cr_assert(grid_equal(a, b));
    grid_free(a);
    grid_free(b);
}

Test(grid, clip_restricts_puts_until_restored)
{
    grid *g = grid_alloc(8, 4);
    const grid_rect outer = grid_clip_push(g, (grid_rect){2, 1, 4, 2});
    const grid_rect inner = grid_clip_push(g, (grid_rect){4, 0, 10, 10});
    grid_puts(g, 0, 1, "abcdefgh", 8, plain);
    cr_assert_eq(grid_get(g, 3, 1)->ch, ' ', "outside the nested clip");
    cr_assert_eq(grid_get(g, 4, 1)->ch, 'e');
    cr_assert_eq(grid_get(g, 5, 1)->ch, 'f');
    cr_assert_eq(grid_get(g, 6, 1)->ch, ' ', "clips intersect");
    grid_clip_restore(g, inner);
    grid_fill(g, (grid_rect){0, 0, 8, 4}, '#', plain);
    cr_assert_eq(grid_get(g, 2, 2)->ch, '#');
    cr_assert_eq(grid_get(g, 1, 2)->ch, ' ');
    cr_assert_eq(grid_get(g, 2, 3)->ch, ' ');
    grid_clip_restore(g, outer);
    grid_put(g, 7, 3, 'z', plain);
    cr_assert_eq(grid_get(g, 7, 3)->ch, 'z', "whole grid again");
    grid_free(g);
}
