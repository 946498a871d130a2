/* test_sink_txt.c — plain text sink: trimming, rows, ASCII-only output. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "sink_ans.h"
#include "sink_txt.h"
#include "ui_fixtures.h"

Test(sink_txt, rows_are_trimmed_and_end_with_newline)
{
    grid *g = grid_alloc(8, 3);
    grid_puts(g, 2, 0, "ab", 8, grid_style_default());
    grid_put(g, 7, 2, 0x03B8, grid_style_default());
    char *txt = golden_render(g);
    cr_assert_str_eq(txt, "  ab\n\n       \xce\xb8\n");
    free(txt);
    char row[8];
    cr_assert_eq(sink_txt_row(g, 2, row, sizeof row), 7, "cut at a whole code point");
    cr_assert_str_eq(row, "       ");
    grid_free(g);
}

/* Render every fixture in ascii mode through sink (txt or ans) and check each byte. */
static void sink_txt_ascii_check(grid_colors colors, int ans)
{
    for (int id = 0; id < FIX_COUNT; id++) {
        grid *g = grid_alloc(83, 27);
        grid_set_caps(g, (grid_caps){colors, true});
        cr_assert_eq(fixture_draw((fixture_id)id, (grid_rect){0, 0, 83, 27}, g), RS_OK);
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        cr_assert_eq(ans ? sink_ans_write(g, f) : sink_txt_write(g, f), RS_OK);
        fclose(f);
        cr_assert_gt(len, 100, "%s drew something", fixture_name((fixture_id)id));
        for (size_t i = 0; i < len; i++)
            cr_assert_lt((unsigned char)buf[i], 128, "%s: byte %zu is 0x%02x",
                         fixture_name((fixture_id)id), i, (unsigned char)buf[i]);
        free(buf);
        grid_free(g);
    }
}

Test(sink_txt, ascii_mode_writes_only_ascii)
{
    sink_txt_ascii_check(GRID_COLORS_256, 0);
    sink_txt_ascii_check(GRID_COLORS_MONO, 0);
    sink_txt_ascii_check(GRID_COLORS_8, 1);
}

Test(sink_txt, unicode_mode_keeps_glyphs)
{
    /* The counterpart: without ascii the same fixtures do use braille and blocks, so
     * the check above is not passing vacuously. */
    grid *g = grid_alloc(83, 27);
    fixture_draw(FIX_LINES_LOGLOG, (grid_rect){0, 0, 83, 27}, g);
    char *txt = golden_render(g);
    cr_assert_not_null(strstr(txt, "\xe2\xa0"), "braille present"); /* U+28xx prefix */
    free(txt);
    grid_free(g);
}
