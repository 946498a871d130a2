/* test_sink_curses.c — curses sink: only changed cells are emitted.
 *
 * curses runs on a private screen (newterm) writing to a temporary file, so no
 * terminal is needed; the tmux end-to-end tests cover a real one. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>

#include <curses.h>

#include "sink_curses.h"
#include "ui_fixtures.h"

static SCREEN *screen;
static FILE *out, *in;

static void setup(void)
{
    out = tmpfile();
    in = fopen("/dev/null", "r");
    cr_assert(out && in);
    screen = newterm("xterm-256color", out, in);
    cr_assert_not_null(screen, "terminfo for xterm-256color is needed");
    set_term(screen);
    resizeterm(24, 80);
}

static void teardown(void)
{
    endwin();
    delscreen(screen);
    fclose(out);
    fclose(in);
}

TestSuite(sink_curses, .init = setup, .fini = teardown);

Test(sink_curses, caps_follow_the_terminal)
{
    const grid_caps c = sink_curses_caps(false);
    start_color();
    cr_assert_eq(sink_curses_caps(true).ascii, true);
    cr_assert(c.colors == GRID_COLORS_256 || c.colors == GRID_COLORS_8 || c.colors == 0);
}

Test(sink_curses, second_draw_emits_only_changes)
{
    sink_curses *s = sink_curses_alloc((grid_caps){GRID_COLORS_256, false});
    cr_assert_not_null(s);
    grid *g = grid_alloc(80, 24);
    cr_assert_eq(fixture_draw(FIX_LINES_LOGLOG, (grid_rect){0, 0, 80, 24}, g), RS_OK);
    size_t n = 0;
    cr_assert_eq(sink_curses_draw(s, g, &n), RS_OK);
    cr_assert_eq(n, 80 * 24, "first draw paints everything");
    cr_assert_eq(sink_curses_draw(s, g, &n), RS_OK);
    cr_assert_eq(n, 0, "nothing changed");
    grid_put(g, 5, 5, 'X', grid_style_make(196, -1, GRID_ATTR_BOLD));
    grid_put(g, 79, 23, 'Y', grid_style_default());
    cr_assert_eq(sink_curses_draw(s, g, &n), RS_OK);
    cr_assert_eq(n, 2, "only the changed cells, bottom-right one included");
    cchar_t cc;
    mvin_wch(5, 5, &cc);
    wchar_t wch[CCHARW_MAX];
    attr_t a;
    short pair;
    getcchar(&cc, wch, &a, &pair, NULL);
    cr_assert_eq(wch[0], L'X');
    cr_assert(a & A_BOLD);
    sink_curses_invalidate(s);
    cr_assert_eq(sink_curses_draw(s, g, &n), RS_OK);
    cr_assert_eq(n, 80 * 24, "invalidate forces a full repaint");
    cr_assert_eq(grid_resize(g, 70, 20), 0);
    cr_assert_eq(sink_curses_draw(s, g, &n), RS_OK);
    cr_assert_eq(n, 70 * 20, "a new size repaints");
    grid_free(g);
    sink_curses_free(s);
    sink_curses_free(NULL);
}

Test(sink_curses, eight_colour_mode_draws)
{
    sink_curses *s = sink_curses_alloc((grid_caps){GRID_COLORS_8, false});
    grid *g = grid_alloc(60, 20);
    grid_set_caps(g, (grid_caps){GRID_COLORS_8, false});
    cr_assert_eq(fixture_draw(FIX_HEATMAP_SEQ, (grid_rect){0, 0, 60, 20}, g), RS_OK);
    size_t n = 0;
    cr_assert_eq(sink_curses_draw(s, g, &n), RS_OK);
    cr_assert_eq(n, 60 * 20);
    grid_free(g);
    sink_curses_free(s);
}
