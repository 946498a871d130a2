/* test_text.c — ui/text: greedy word wrap (blanks collapsed, over-wide words on their own
 * line, columns counted without combining marks) and its drawing with the cut mark. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "grid.h"
#include "text.h"

typedef struct {
    char lines[8][64];
    int n;
} collected;

static void collect(const char *line, int index, void *ctx)
{
    collected *c = ctx;
    cr_assert_eq(index, c->n);
    snprintf(c->lines[c->n++], sizeof c->lines[0], "%s", line);
}

Test(text, wraps_greedily_at_blanks)
{
    collected c = {.n = 0};
    const int n = text_wrap("the quick  brown\tfox\njumps over", 10, 8, collect, &c);
    cr_assert_eq(n, 3);
    cr_assert_eq(c.n, 3);
    cr_assert_str_eq(c.lines[0], "the quick");
    cr_assert_str_eq(c.lines[1], "brown fox");
    cr_assert_str_eq(c.lines[2], "jumps over", "a line may fill the width exactly");
}

Test(text, long_words_and_limits)
{
    collected c = {.n = 0};
    /* a word wider than the width gets its own line; max_lines bounds the calls only */
    cr_assert_eq(text_wrap("ab incomprehensibilities cd", 8, 2, collect, &c), 3);
    cr_assert_eq(c.n, 2);
    cr_assert_str_eq(c.lines[1], "incomprehensibilities");
    cr_assert_eq(text_wrap("a b c", 3, 8, NULL, NULL), 0, "width under 4");
    cr_assert_eq(text_wrap(NULL, 20, 8, NULL, NULL), 0);
    cr_assert_eq(text_wrap("   ", 20, 8, NULL, NULL), 0);
    /* "Ŝ₂" is S, a combining hat and a subscript: two columns */
    cr_assert_eq(text_wrap("Ŝ₂ ab", 5, 8, NULL, NULL), 1);
}

Test(text, draw_marks_the_cut_and_stays_in_its_rect)
{
    grid *g = grid_alloc(20, 6);
    grid_fill(g, (grid_rect){0, 0, 20, 6}, 'Z', grid_style_default());
    const grid_rect r = {2, 1, 12, 2}; /* "one two" / "three four" / "five six" */
    const char *t = "one two three four five six";
    cr_assert_eq(text_draw(NULL, r, t, grid_style_default(), true), 2);
    cr_assert_eq(text_draw(g, r, t, grid_style_default(), true), 2);
    char row[16] = {0};
    for (int x = 0; x < 11; x++)
        row[x] = (char)grid_get(g, r.x + x, 2)->ch;
    cr_assert_str_eq(row, "three four ");
    cr_assert_eq(grid_get(g, r.x + 11, 2)->ch, 0x2026, "the last row ends in the cut mark");
    for (int y = 0; y < 6; y++)
        for (int x = 0; x < 20; x++)
            if (x < r.x || x >= r.x + r.w || y < r.y || y >= r.y + r.h)
                cr_assert_eq(grid_get(g, x, y)->ch, 'Z', "(%d, %d) written", x, y);
    cr_assert_eq(text_draw(g, (grid_rect){0, 0, 10, 0}, t, grid_style_default(), true), 0);
    grid_free(g);
}

/* Issue 13, point 6: a cut last row that fills the width keeps its ellipsis (it used to
 * be appended and then clipped off with the row). */
Test(text, cut_mark_survives_a_full_row)
{
    grid *g = grid_alloc(10, 1);
    const grid_rect r = {0, 0, 10, 1};
    cr_assert_eq(text_draw(g, r, "aaaa bbbbb cc", grid_style_default(), true), 1);
    int marks = 0;
    for (int x = 0; x < 10; x++)
        marks += grid_get(g, x, 0)->ch == 0x2026;
    cr_assert_eq(marks, 1, "the cut row shows one ellipsis");
    cr_assert_eq(grid_get(g, 0, 0)->ch, 'a');
    grid_free(g);
}
