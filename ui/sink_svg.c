/* sink_svg.c — SVG sink (see sink_svg.h). */
#include "sink_svg.h"

#include <stdbool.h>
#include <string.h>

#include "glyph.h"
#include "palette.h"
#include "sink_xml.h"

enum { CW = SINK_SVG_CELL_W, CH = SINK_SVG_CELL_H };

/* Colours a cell shows once defaults are resolved and reverse video applied. */
static void sink_svg_colors(const grid_cell *c, int *fg, int *bg)
{
    *fg = c->fg < 0 ? PALETTE_PAGE_FG : c->fg;
    *bg = c->bg < 0 ? PALETTE_PAGE_BG : c->bg;
    if (c->attr & GRID_ATTR_REVERSE) {
        const int t = *fg;
        *fg = *bg;
        *bg = t;
    }
}

/* Write what cell c shows, with XML escaping. */
static void sink_svg_escape(FILE *f, const grid_cell *c, bool ascii)
{
    char u[8];
    const int n = grid_cell_utf8(c, ascii, u);
    sink_xml_escape(f, u, (size_t)n, "&apos;");
}

/* Arms (bit 0 left, 1 right, 2 up, 3 down) of the box-drawing glyphs drawn as strokes;
 * 0 for any other code point. */
static unsigned sink_svg_arms(uint32_t cp)
{
    switch (cp) {
    case 0x2500:
    case 0x2501:
    case 0x254C:
        return 3;
    case 0x2502:
        return 12;
    case 0x250C:
        return 10;
    case 0x2510:
        return 9;
    case 0x2514:
        return 6;
    case 0x2518:
        return 5;
    case 0x251C:
        return 14;
    case 0x2524:
        return 13;
    case 0x252C:
        return 11;
    case 0x2534:
        return 7;
    case 0x253C:
        return 15;
    default:
        return 0;
    }
}

/* Draw cell glyph cp at pixel (px, py) as shapes; false when it is ordinary text. */
static bool sink_svg_shape(FILE *f, uint32_t cp, int px, int py, const char *fg)
{
    if (cp >= 0x2801 && cp <= 0x28FF) {
        for (int cy = 0; cy < 4; cy++)
            for (int cx = 0; cx < 2; cx++)
                if ((cp - 0x2800) & glyph_braille_bit(cx, cy))
                    fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"1.6\" fill=\"%s\"/>\n",
                            px + CW * (cx ? 0.72 : 0.28), py + CH * (cy + 0.5) / 4.0, fg);
        return true;
    }
    if (cp == 0x2580 || (cp >= 0x2581 && cp <= 0x2588)) {
        const double h = cp == 0x2580 ? CH / 2.0 : CH * (cp - 0x2580) / 8.0;
        const double y = cp == 0x2580 ? py : py + CH - h;
        fprintf(f, "<rect x=\"%d\" y=\"%.2f\" width=\"%d\" height=\"%.2f\" fill=\"%s\"/>\n", px, y,
                CW, h, fg);
        return true;
    }
    if (cp >= 0x2589 && cp <= 0x258F) { /* left eighths: progress bars */
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.3f\" height=\"%d\" fill=\"%s\"/>\n", px, py,
                CW * (0x2590 - cp) / 8.0, CH, fg);
        return true;
    }
    const unsigned arms = sink_svg_arms(cp);
    if (!arms)
        return false;
    const double cx = px + CW / 2.0, cy = py + CH / 2.0;
    fprintf(f, "<path d=\"");
    if (arms & 1)
        fprintf(f, "M%.1f %.1fH%d", cx, cy, px);
    if (arms & 2)
        fprintf(f, "M%.1f %.1fH%d", cx, cy, px + CW);
    if (arms & 4)
        fprintf(f, "M%.1f %.1fV%d", cx, cy, py);
    if (arms & 8)
        fprintf(f, "M%.1f %.1fV%d", cx, cy, py + CH);
    fprintf(f, "\" stroke=\"%s\" stroke-width=\"%s\" fill=\"none\"%s/>\n", fg,
            cp == 0x2501 ? "2.5" : "1.2", cp == 0x254C ? " stroke-dasharray=\"3 2\"" : "");
    return true;
}

/* Background rects of row y: one per run of equal colour, none for the page colour. */
static void sink_svg_row_bg(const grid *g, int y, FILE *f)
{
    for (int x = 0; x < g->w;) {
        int fg, bg, end = x + 1, fg2, bg2;
        sink_svg_colors(grid_get(g, x, y), &fg, &bg);
        while (end < g->w && (sink_svg_colors(grid_get(g, end, y), &fg2, &bg2), bg2 == bg))
            end++;
        if (bg != PALETTE_PAGE_BG) {
            char hex[8];
            palette_hex(bg, hex);
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x * CW,
                    y * CH, (end - x) * CW, CH, hex);
        }
        x = end;
    }
}

/* The spacing form of combining mark cp (the hat U+0302 -> U+02C6), or 0 when it has
 * none here. */
static uint32_t sink_svg_spacing_mark(uint32_t cp)
{
    static const uint32_t map[][2] = {
        {0x0300, 0x02CB}, {0x0301, 0x02CA}, {0x0302, 0x02C6}, {0x0303, 0x02DC}, {0x0304, 0x00AF},
        {0x0306, 0x02D8}, {0x0307, 0x02D9}, {0x0308, 0x00A8}, {0x030A, 0x02DA}, {0x030C, 0x02C7}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i][0] == cp)
            return map[i][1];
    return 0;
}

/* A base with a combining mark at pixel (px, py): renderers position the mark only over
 * bases their font has anchors for (b̂, not Σ̂ or θ̂ in DejaVu Sans Mono, where the hat
 * lands beside the base, in the next cell). The base is drawn alone and the mark's
 * spacing form over it, at the same x (one advance in a monospace font) and raised above
 * capital height. Returns false for a mark without a spacing form. */
static bool sink_svg_marked(FILE *f, const grid_cell *c, int px, int py, const char *fg)
{
    const uint32_t mark = sink_svg_spacing_mark(c->comb);
    if (!mark)
        return false;
    grid_cell base = *c, hat = *c;
    base.comb = hat.comb = 0;
    hat.ch = mark;
    const char *weight = c->attr & GRID_ATTR_BOLD ? " font-weight=\"bold\"" : "";
    const char *dim = c->attr & GRID_ATTR_DIM ? " opacity=\"0.6\"" : "";
    for (int k = 0; k < 2; k++) {
        fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"%s\"%s%s>", px,
                py + CH * 3 / 4 - (k ? SINK_SVG_FONT_PX / 4 : 0), fg, weight, dim);
        sink_svg_escape(f, k ? &hat : &base, false);
        fputs("</text>\n", f);
    }
    return true;
}

/* Glyphs of row y: shapes cell by cell, text in runs of equal style without spaces. */
static void sink_svg_row_fg(const grid *g, int y, FILE *f)
{
    const bool ascii = g->caps.ascii;
    for (int x = 0; x < g->w;) {
        const grid_cell *c = grid_get(g, x, y);
        const uint32_t cp = (ascii && c->ch >= 0x80) ? (uint32_t)glyph_ascii(c->ch) : c->ch;
        int fg, bg;
        char hex[8];
        sink_svg_colors(c, &fg, &bg);
        palette_hex(fg, hex);
        if (cp == ' ' || sink_svg_shape(f, cp, x * CW, y * CH, hex) ||
            (c->comb && !ascii && sink_svg_marked(f, c, x * CW, y * CH, hex))) {
            x++;
            continue;
        }
        /* A cell with a combining mark is a text of its own: in a run stretched by
         * textLength, renderers space the mark as a glyph of its own, a caret beside its
         * base (Σ^) instead of the hat over it (Σ̂). */
        int end = x + 1;
        for (; end < g->w && !c->comb; end++) {
            const grid_cell *d = grid_get(g, end, y);
            if (d->ch == ' ' || d->comb || d->fg != c->fg || d->bg != c->bg || d->attr != c->attr ||
                sink_svg_arms(d->ch) || (d->ch >= 0x2580 && d->ch <= 0x28FF))
                break;
        }
        fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"%s\"", x * CW, y * CH + CH * 3 / 4, hex);
        if (end - x > 1)
            fprintf(f, " textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\"", (end - x) * CW);
        if (c->attr & GRID_ATTR_BOLD)
            fputs(" font-weight=\"bold\"", f);
        if (c->attr & GRID_ATTR_DIM)
            fputs(" opacity=\"0.6\"", f);
        if (c->attr & GRID_ATTR_UNDERLINE)
            fputs(" text-decoration=\"underline\"", f);
        fputc('>', f);
        for (int k = x; k < end; k++)
            sink_svg_escape(f, grid_get(g, k, y), ascii);
        fputs("</text>\n", f);
        x = end;
    }
}

rs_status sink_svg_write(const grid *g, FILE *f)
{
    char page[8];
    palette_hex(PALETTE_PAGE_BG, page);
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n",
            g->w * CW, g->h * CH, g->w * CW, g->h * CH, page);
    for (int y = 0; y < g->h; y++)
        sink_svg_row_bg(g, y, f);
    fprintf(f,
            "<g font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" "
            "font-size=\"%d\">\n",
            SINK_SVG_FONT_PX);
    for (int y = 0; y < g->h; y++)
        sink_svg_row_fg(g, y, f);
    fputs("</g>\n</svg>\n", f);
    return ferror(f) ? RS_EIO : RS_OK;
}
