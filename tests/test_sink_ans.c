/* test_sink_ans.c — ANSI sink: SGR per colour mode, resets, trimming. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sink_ans.h"

/* A 6 x 2 grid: "ab" in orange on blue (bold), then one reverse cell; row 2 blank. */
static char *sink_ans_test_render(grid_colors colors)
{
    grid *g = grid_alloc(6, 2);
    grid_set_caps(g, (grid_caps){colors, false});
    grid_puts(g, 0, 0, "ab", 2, grid_style_make(208, 21, GRID_ATTR_BOLD));
    grid_put(g, 2, 0, 'c', grid_style_make(-1, -1, GRID_ATTR_REVERSE));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(sink_ans_write(g, f), RS_OK);
    fclose(f);
    grid_free(g);
    return buf;
}

Test(sink_ans, colors_256)
{
    char *s = sink_ans_test_render(GRID_COLORS_256);
    cr_assert_str_eq(s, "\x1b[0;1;38;5;208;48;5;21mab\x1b[0;7mc\x1b[0m\n\n");
    free(s);
}

Test(sink_ans, colors_8_use_basic_codes)
{
    char *s = sink_ans_test_render(GRID_COLORS_8);
    /* 208 (#ff8700) folds to yellow (3 -> 33), 21 (#0000ff) to bright blue (12 -> 104). */
    cr_assert_str_eq(s, "\x1b[0;1;33;104mab\x1b[0;7mc\x1b[0m\n\n");
    cr_assert_null(strstr(s, "38;5"));
    free(s);
}

Test(sink_ans, mono_has_attributes_only)
{
    char *s = sink_ans_test_render(GRID_COLORS_MONO);
    cr_assert_str_eq(s, "\x1b[0;1mab\x1b[0;7mc\x1b[0m\n\n");
    free(s);
}
