/* sink_ans.c — ANSI SGR sink (see sink_ans.h). */
#include "sink_ans.h"

#include "palette.h"

/* True when a cell shows nothing: trimmed at the end of a line. */
static bool sink_ans_blank(const grid_cell *c)
{
    return c->ch == ' ' && c->bg == GRID_COLOR_DEFAULT &&
           !(c->attr & (GRID_ATTR_REVERSE | GRID_ATTR_UNDERLINE));
}

/* Append the SGR parameters of colour c (foreground when fg) for the caps. */
static void sink_ans_color(FILE *f, grid_colors colors, int c, bool fg)
{
    if (c < 0 || colors == GRID_COLORS_MONO)
        return;
    if (colors == GRID_COLORS_8) {
        c = palette_basic(c);
        fprintf(f, ";%d", (c < 8 ? (fg ? 30 : 40) : (fg ? 90 : 100)) + c % 8);
        return;
    }
    fprintf(f, ";%d;5;%d", fg ? 38 : 48, c);
}

void sink_ans_sgr(FILE *f, grid_colors colors, const grid_cell *c)
{
    fputs("\x1b[0", f);
    if (c->attr & GRID_ATTR_BOLD)
        fputs(";1", f);
    if (c->attr & GRID_ATTR_DIM)
        fputs(";2", f);
    if (c->attr & GRID_ATTR_UNDERLINE)
        fputs(";4", f);
    if (c->attr & GRID_ATTR_REVERSE)
        fputs(";7", f);
    sink_ans_color(f, colors, c->fg, true);
    sink_ans_color(f, colors, c->bg, false);
    fputc('m', f);
}

rs_status sink_ans_write(const grid *g, FILE *f)
{
    const grid_colors colors = g->caps.colors;
    for (int y = 0; y < g->h; y++) {
        int n = g->w;
        while (n > 0 && sink_ans_blank(grid_get(g, n - 1, y)))
            n--;
        grid_cell cur = {' ', 0, GRID_COLOR_DEFAULT, GRID_COLOR_DEFAULT, 0};
        bool styled = false;
        for (int x = 0; x < n; x++) {
            const grid_cell *c = grid_get(g, x, y);
            if (c->fg != cur.fg || c->bg != cur.bg || c->attr != cur.attr) {
                sink_ans_sgr(f, colors, c);
                cur = *c;
                styled = true;
            }
            char u[8];
            fwrite(u, 1, (size_t)grid_cell_utf8(c, g->caps.ascii, u), f);
        }
        if (styled)
            fputs("\x1b[0m", f);
        fputc('\n', f);
    }
    return ferror(f) ? RS_EIO : RS_OK;
}
