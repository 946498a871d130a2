/* sink_html.c — HTML sink (see sink_html.h). */
#include "sink_html.h"

#include <stdbool.h>

#include "palette.h"
#include "sink_xml.h"

/* HTML escaping, with the numeric reference for ' that every HTML version knows. */
static void sink_html_escape(FILE *f, const char *s, size_t n)
{
    sink_xml_escape(f, s, n, "&#39;");
}

/* Write text (UTF-8, re-encoded so invalid bytes cannot break the document). */
static void sink_html_text(FILE *f, const char *s)
{
    while (s && *s) {
        uint32_t cp;
        char u[4];
        s += grid_utf8_decode(s, &cp);
        if (cp >= 0x20 || cp == '\n')
            sink_html_escape(f, u, (size_t)grid_utf8_encode(cp, u));
    }
}

/* True when two cells share fg, bg and attributes: one span covers both. */
static bool sink_html_same_style(const grid_cell *a, const grid_cell *b)
{
    return a->fg == b->fg && a->bg == b->bg && a->attr == b->attr;
}

/* True when the cell's style is the page's own: no span needed. */
static bool sink_html_plain(const grid_cell *c)
{
    return c->fg < 0 && c->bg < 0 && c->attr == 0;
}

/* Open a span with cell c's style. */
static void sink_html_open(FILE *f, const grid_cell *c)
{
    int fg = c->fg < 0 ? PALETTE_PAGE_FG : c->fg, bg = c->bg < 0 ? -1 : c->bg;
    if (c->attr & GRID_ATTR_REVERSE) {
        const int t = fg;
        fg = bg < 0 ? PALETTE_PAGE_BG : bg;
        bg = t;
    }
    char hex[8];
    palette_hex(fg, hex);
    fprintf(f, "<span style=\"color:%s", hex);
    if (bg >= 0) {
        palette_hex(bg, hex);
        fprintf(f, ";background:%s", hex);
    }
    if (c->attr & GRID_ATTR_BOLD)
        fputs(";font-weight:bold", f);
    if (c->attr & GRID_ATTR_DIM)
        fputs(";opacity:0.6", f);
    if (c->attr & GRID_ATTR_UNDERLINE)
        fputs(";text-decoration:underline", f);
    fputs("\">", f);
}

static bool sink_html_blank(const grid_cell *c)
{
    return c->ch == ' ' && c->bg < 0 && !(c->attr & (GRID_ATTR_REVERSE | GRID_ATTR_UNDERLINE));
}

rs_status sink_html_write(const grid *g, const char *title, FILE *f)
{
    char fg[8], bg[8];
    palette_hex(PALETTE_PAGE_FG, fg);
    palette_hex(PALETTE_PAGE_BG, bg);
    fputs("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
          "<head>\n<meta charset=\"utf-8\"/>\n<title>",
          f);
    sink_html_text(f, title ? title : "reluscope");
    fprintf(f,
            "</title>\n<style>\nbody { background: %s; color: %s; margin: 0; }\n"
            "pre { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; "
            "font-size: 14px; line-height: 1.15; margin: 1em; }\n</style>\n</head>\n"
            "<body>\n<pre>",
            bg, fg);
    for (int y = 0; y < g->h; y++) {
        int n = g->w;
        while (n > 0 && sink_html_blank(grid_get(g, n - 1, y)))
            n--;
        for (int x = 0; x < n;) {
            const grid_cell *c = grid_get(g, x, y);
            int end = x + 1;
            while (end < n && sink_html_same_style(c, grid_get(g, end, y)))
                end++;
            if (!sink_html_plain(c))
                sink_html_open(f, c);
            for (int k = x; k < end; k++) {
                char u[8];
                sink_html_escape(f, u, (size_t)grid_cell_utf8(grid_get(g, k, y), g->caps.ascii, u));
            }
            if (!sink_html_plain(c))
                fputs("</span>", f);
            x = end;
        }
        fputc('\n', f);
    }
    fputs("</pre>\n</body>\n</html>\n", f);
    return ferror(f) ? RS_EIO : RS_OK;
}
