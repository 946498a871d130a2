/* plot.c — title, warning and message rows shared by the plot kinds (see plot.h). */
#include "plot.h"

#include <stdio.h>

#include "glyph.h"
#include "palette.h"

int plot_title_draw(const char *title, grid_rect r, grid *g)
{
    if (!title || !*title || r.h < 1 || r.w < 1)
        return 0;
    const grid_style s = grid_style_make(PALETTE_TITLE, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
    const int w = grid_text_width(title);
    /* A title that fills its rect would run into the title of a panel beside it: cut
     * titles end in an ellipsis and leave the last column blank (issue 13, point 11). */
    if (w <= r.w - 1 || r.w < 4) {
        const int x = r.x + (r.w - w) / 2;
        grid_puts(g, x > r.x ? x : r.x, r.y, title, r.w, s);
    } else {
        const int used = grid_puts(g, r.x, r.y, title, r.w - 2, s);
        grid_put(g, r.x + used, r.y, glyph_get(GLYPH_ELLIPSIS, g->caps.ascii), s);
    }
    return 1;
}

int plot_warn_draw(const char *text, int x, int y, int max_w, grid *g)
{
    if (!text || !*text || max_w < 3)
        return 0;
    const grid_style s = grid_style_make(PALETTE_WARN, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
    grid_puts(g, x, y, "! ", 2, s);
    if (grid_text_width(text) <= max_w - 2)
        return 2 + grid_puts(g, x + 2, y, text, max_w - 2, s);
    /* a cut warning ends in an ellipsis, so a flag cut off is seen to be missing */
    const int used = grid_puts(g, x + 2, y, text, max_w - 3, s);
    grid_put(g, x + 2 + used, y, glyph_get(GLYPH_ELLIPSIS, g->caps.ascii), s);
    return 3 + used;
}

void plot_warn_format(char *buf, size_t len, size_t n_nonfinite, size_t n_inf, size_t n_nonpos,
                      const char *noun)
{
    int k = 0;
    buf[0] = 0;
    if (n_nonfinite)
        k = snprintf(buf, len, "%zu %s %s%s", n_nonfinite, n_inf ? "NaN/inf" : "NaN", noun,
                     n_nonfinite > 1 ? "s" : "");
    if (n_nonpos && k >= 0 && (size_t)k < len)
        snprintf(buf + k, len - (size_t)k, "%s%zu %s%s <= 0 hidden (log axis)", k ? ", " : "",
                 n_nonpos, noun, n_nonpos > 1 ? "s" : "");
}

void plot_footer_draw(const char *warn, const char *title, int y, grid_rect area, int x0, int w,
                      grid *g)
{
    if (y < area.y || y >= area.y + area.h)
        return;
    const int used = plot_warn_draw(warn, area.x, y, area.w, g);
    if (!title || !*title)
        return;
    const int tw = grid_text_width(title);
    int tx = x0 + (w - tw) / 2;
    if (tx < area.x + used + 2 && used)
        tx = area.x + used + 2;
    if (tx + tw > area.x + area.w)
        tx = area.x + area.w - tw;
    if (tx < area.x + (used ? used + 2 : 0))
        tx = area.x + (used ? used + 2 : 0);
    const grid_style s = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    grid_puts(g, tx, y, title, area.x + area.w - tx, s);
}

void plot_message_draw(const char *msg, grid_rect r, grid *g)
{
    if (r.h < 1 || r.w < 1)
        return;
    const grid_style s = grid_style_make(PALETTE_WARN, GRID_COLOR_DEFAULT, 0);
    const int w = grid_text_width(msg);
    const int x = w < r.w ? r.x + (r.w - w) / 2 : r.x;
    grid_puts(g, x, r.y + r.h / 2, msg, r.w, s);
}
