/* text.c — greedy word wrap of UTF-8 text (see text.h). */
#include "text.h"

#include <stdio.h>
#include <string.h>

#include "glyph.h"

/* Longest line kept in full; longer lines (wider than any terminal) lose their tail. */
enum { TEXT_LINE_MAX = 1024, TEXT_WORD_MAX = 256 };

static bool is_blank(char c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

int text_wrap(const char *text, int width, int max_lines, text_line_fn put, void *ctx)
{
    if (!text || width < 4)
        return 0;
    char line[TEXT_LINE_MAX];
    size_t len = 0;
    int lw = 0, count = 0;
    const char *s = text;
    while (*s) {
        while (is_blank(*s))
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && !is_blank(*e))
            e++;
        char word[TEXT_WORD_MAX];
        const size_t wl = (size_t)(e - s) < sizeof word - 1 ? (size_t)(e - s) : sizeof word - 1;
        memcpy(word, s, wl);
        word[wl] = 0;
        const int ww = grid_text_width(word);
        if (lw > 0 && lw + 1 + ww > width) { /* the word starts the next line */
            if (put && count < max_lines)
                put(line, count, ctx);
            count++;
            len = 0;
            lw = 0;
        }
        if (len + wl + 2 < sizeof line) {
            if (lw > 0) {
                line[len++] = ' ';
                lw++;
            }
            memcpy(line + len, word, wl);
            len += wl;
            line[len] = 0;
            lw += ww;
        }
        s = e;
    }
    if (lw > 0) {
        if (put && count < max_lines)
            put(line, count, ctx);
        count++;
    }
    return count;
}

/* What text_draw's lines need: where they go and whether the last one is marked. */
typedef struct {
    grid *g;
    grid_rect r;
    grid_style style;
    bool cut; /* the text needs more rows than r has */
} text_draw_ctx;

/* Put one wrapped line on its row of the rect. */
static void text_draw_line(const char *line, int index, void *vctx)
{
    const text_draw_ctx *c = vctx;
    if (index >= c->r.h)
        return;
    if (index == c->r.h - 1 && c->cut) {
        /* Room is kept for the mark (a line cut to the width would clip it off), by
         * dropping whole words from the end. */
        char head[TEXT_LINE_MAX];
        snprintf(head, sizeof head, "%s", line);
        char *sp;
        while (grid_text_width(head) > c->r.w - 2 && (sp = strrchr(head, ' ')) != NULL)
            *sp = 0;
        const int used = grid_puts(c->g, c->r.x, c->r.y + index, head, c->r.w - 2, c->style);
        grid_put(c->g, c->r.x + used, c->r.y + index, ' ', c->style);
        grid_put(c->g, c->r.x + used + 1, c->r.y + index,
                 glyph_get(GLYPH_ELLIPSIS, c->g->caps.ascii), c->style);
        return;
    }
    grid_puts(c->g, c->r.x, c->r.y + index, line, c->r.w, c->style);
}

int text_draw(grid *g, grid_rect r, const char *text, grid_style s, bool mark_cut)
{
    if (r.h <= 0)
        return 0;
    const int total = text_wrap(text, r.w, 1 << 20, NULL, NULL);
    if (g) {
        text_draw_ctx c = {g, r, s, mark_cut && total > r.h};
        text_wrap(text, r.w, r.h, text_draw_line, &c);
    }
    return total < r.h ? total : r.h;
}
