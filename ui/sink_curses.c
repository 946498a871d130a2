/* sink_curses.c — curses sink with cell diffing (see sink_curses.h). */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include "sink_curses.h"

#include <stdlib.h>
#include <wchar.h>

#include <curses.h>

#include "palette.h"

struct sink_curses {
    grid_caps caps;
    grid *prev;  /* what the screen shows; NULL forces a full repaint */
    int n_basic; /* basic colours the terminal has in 8-colour mode: 8 or 16 */
    bool table;  /* 8-colour pairs initialised up front (else alloc_pair on demand) */
};

grid_caps sink_curses_caps(bool ascii)
{
    grid_caps c = {GRID_COLORS_MONO, ascii};
    if (has_colors())
        c.colors = COLORS >= 256 ? GRID_COLORS_256 : COLORS >= 8 ? GRID_COLORS_8 : GRID_COLORS_MONO;
    return c;
}

/* Pair number of basic colours (fg, bg), each -1..n-1, in the table built at alloc. */
static int sink_curses_basic_pair(int fg, int bg, int n)
{
    return 1 + (fg + 1) * (n + 1) + (bg + 1);
}

sink_curses *sink_curses_alloc(grid_caps caps)
{
    sink_curses *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->caps = caps;
    if (caps.colors == GRID_COLORS_MONO || !has_colors()) {
        s->caps.colors = GRID_COLORS_MONO;
        return s;
    }
    start_color();
    use_default_colors();
    if (caps.colors == GRID_COLORS_8) {
        s->n_basic = COLORS >= 16 ? 16 : 8;
        /* Every (fg, bg) of -1..n-1 needs (n+1)^2 pairs: 81 for 8 colours, more than
         * plain xterm's 64, so the table is only built when it fits. */
        s->table = COLOR_PAIRS > (s->n_basic + 1) * (s->n_basic + 1);
        for (int fg = -1; s->table && fg < s->n_basic; fg++)
            for (int bg = -1; bg < s->n_basic; bg++)
                init_pair((short)sink_curses_basic_pair(fg, bg, s->n_basic), (short)fg, (short)bg);
    }
    return s;
}

void sink_curses_free(sink_curses *s)
{
    if (!s)
        return;
    grid_free(s->prev);
    free(s);
}

void sink_curses_invalidate(sink_curses *s)
{
    grid_free(s->prev);
    s->prev = NULL;
}

/* Colour pair and extra attributes for a cell's colours. */
static int sink_curses_pair(const sink_curses *s, const grid_cell *c, attr_t *extra)
{
    int fg = c->fg, bg = c->bg;
    if (s->caps.colors == GRID_COLORS_MONO || (fg < 0 && bg < 0))
        return 0;
    if (s->caps.colors == GRID_COLORS_8) {
        fg = fg >= 0 ? palette_basic(fg) : -1;
        bg = bg >= 0 ? palette_basic(bg) : -1;
        if (s->n_basic == 8) { /* bright variants as bold basic colours */
            if (fg >= 8)
                fg -= 8, *extra |= A_BOLD;
            if (bg >= 8)
                bg -= 8;
        }
        if (s->table)
            return sink_curses_basic_pair(fg, bg, s->n_basic);
    }
    const int p = alloc_pair(fg, bg);
    return p > 0 ? p : 0; /* pairs exhausted: default colours rather than garbage */
}

static void sink_curses_cell(const sink_curses *s, int x, int y, const grid_cell *c)
{
    attr_t a = A_NORMAL;
    if (c->attr & GRID_ATTR_BOLD)
        a |= A_BOLD;
    if (c->attr & GRID_ATTR_DIM)
        a |= A_DIM;
    if (c->attr & GRID_ATTR_REVERSE)
        a |= A_REVERSE;
    if (c->attr & GRID_ATTR_UNDERLINE)
        a |= A_UNDERLINE;
    int pair = sink_curses_pair(s, c, &a);
    const wchar_t wch[3] = {(wchar_t)c->ch, (wchar_t)(s->caps.ascii ? 0 : c->comb), 0};
    cchar_t cc;
    /* ncurses takes the pair through opts (an int *) so pairs above 32767 work. */
    setcchar(&cc, wch, a, 0, &pair);
    /* Writing the bottom-right cell makes curses try to scroll and return ERR after
     * drawing it; nothing to do about that, so errors are ignored. */
    mvadd_wch(y, x, &cc);
}

rs_status sink_curses_draw(sink_curses *s, const grid *g, size_t *n_emitted)
{
    const bool full = !s->prev || s->prev->w != g->w || s->prev->h != g->h;
    size_t n = 0;
    if (full)
        erase();
    for (int y = 0; y < g->h && y < LINES; y++) {
        for (int x = 0; x < g->w && x < COLS; x++) {
            const grid_cell *c = grid_get(g, x, y);
            if (!full && grid_cell_equal(c, grid_get(s->prev, x, y)))
                continue;
            sink_curses_cell(s, x, y, c);
            n++;
        }
    }
    refresh();
    if (n_emitted)
        *n_emitted = n;
    if (!s->prev)
        s->prev = grid_alloc(g->w, g->h);
    if (!s->prev || grid_copy(s->prev, g) != 0) {
        sink_curses_invalidate(s);
        return RS_ENOMEM;
    }
    return RS_OK;
}
