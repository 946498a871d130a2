/* legend.c — legends packed into right-aligned rows (see legend.h). */
#include "legend.h"

#include "palette.h"

enum {
    LEGEND_SWATCH_W = 3, /* two swatch glyphs and a space */
    LEGEND_GAP = 3       /* columns between entries */
};

static int legend_entry_w(const legend_entry *e)
{
    return LEGEND_SWATCH_W + grid_text_width(e->text);
}

/* Entries from i that fit one row of width columns (at least one). */
static size_t legend_row_len(const legend_entry *e, size_t n, size_t i, int width)
{
    size_t k = 0;
    int used = 0;
    while (i + k < n) {
        const int w = legend_entry_w(&e[i + k]) + (k ? LEGEND_GAP : 0);
        if (k && used + w > width)
            break;
        used += w;
        k++;
    }
    return k;
}

int legend_rows(const legend_entry *e, size_t n, int width)
{
    int rows = 0;
    for (size_t i = 0; i < n; i += legend_row_len(e, n, i, width))
        rows++;
    return rows;
}

void legend_draw(const legend_entry *e, size_t n, grid_rect r, grid *g)
{
    const grid_style text = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    const uint32_t ell = glyph_get(GLYPH_ELLIPSIS, g->caps.ascii);
    int row = 0;
    for (size_t i = 0; i < n && row < r.h; row++) {
        const size_t k = legend_row_len(e, n, i, r.w);
        int w = 0;
        for (size_t j = 0; j < k; j++)
            w += legend_entry_w(&e[i + j]) + (j ? LEGEND_GAP : 0);
        int x = r.x + (w < r.w ? r.w - w : 0);
        for (size_t j = 0; j < k; j++, i++) {
            const grid_style sw = grid_style_make(e[i].color, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
            grid_put(g, x, r.y + row, glyph_get(e[i].swatch, g->caps.ascii), sw);
            if (!e[i].once)
                grid_put(g, x + 1, r.y + row,
                         glyph_get(e[i].has_mark ? e[i].mark : e[i].swatch, g->caps.ascii), sw);
            const int room = r.x + r.w - (x + LEGEND_SWATCH_W);
            const int tw = grid_text_width(e[i].text);
            grid_puts(g, x + LEGEND_SWATCH_W, r.y + row, e[i].text, tw > room ? room - 1 : room,
                      text);
            if (tw > room && room > 0)
                grid_put(g, r.x + r.w - 1, r.y + row, ell, text);
            x += legend_entry_w(&e[i]) + LEGEND_GAP;
        }
    }
}
