/* sink_cast.c — asciicast v2 recording of grid frames (see sink_cast.h). */
#include "sink_cast.h"

#include <stdlib.h>

#include "sink_ans.h"

struct sink_cast {
    FILE *f;
    grid *last; /* the frame the player shows; NULL until the first frame */
};

sink_cast *sink_cast_alloc(FILE *f, int w, int h, long timestamp, const char *term)
{
    sink_cast *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->f = f;
    fprintf(f, "{\"version\": 2, \"width\": %d, \"height\": %d, \"timestamp\": %ld, ", w, h,
            timestamp);
    fputs("\"env\": {\"TERM\": \"", f);
    for (const char *t = term ? term : "xterm-256color"; *t; t++)
        if (*t != '"' && *t != '\\' && (unsigned char)*t >= 0x20)
            fputc(*t, f);
    fputs("\"}}\n", f);
    fflush(f);
    return s;
}

void sink_cast_free(sink_cast *s)
{
    if (!s)
        return;
    grid_free(s->last);
    free(s);
}

/* The changed cells of g against last (all when full), as escape sequences on out. */
static void encode(const grid *g, const grid *last, bool full, FILE *out)
{
    grid_cell cur = {' ', 0, GRID_COLOR_DEFAULT, GRID_COLOR_DEFAULT, 0};
    if (full)
        fputs("\x1b[0m\x1b[?25l\x1b[H\x1b[2J", out);
    for (int y = 0; y < g->h; y++) {
        int at = -1; /* where the cursor is on this row, -1 = elsewhere */
        for (int x = 0; x < g->w; x++) {
            const grid_cell *c = grid_get(g, x, y);
            if (!full && grid_cell_equal(c, grid_get(last, x, y)))
                continue;
            if (at != x)
                fprintf(out, "\x1b[%d;%dH", y + 1, x + 1);
            if (c->fg != cur.fg || c->bg != cur.bg || c->attr != cur.attr) {
                sink_ans_sgr(out, g->caps.colors, c);
                cur = *c;
            }
            char u[8];
            fwrite(u, 1, (size_t)grid_cell_utf8(c, g->caps.ascii, u), out);
            at = x + 1;
        }
    }
    fputs("\x1b[0m", out);
}

/* data as a JSON string: quotes, backslashes and control characters escaped; the UTF-8
 * of whole cells passes as it is. */
static void json_string(FILE *f, const char *data, size_t len)
{
    fputc('"', f);
    for (size_t i = 0; i < len; i++) {
        const unsigned char ch = (unsigned char)data[i];
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20 || ch == 0x7f)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

rs_status sink_cast_frame(sink_cast *s, const grid *g, double t_s)
{
    const bool resized = s->last && (s->last->w != g->w || s->last->h != g->h);
    const bool full = !s->last || resized;
    if (!full && grid_equal(g, s->last))
        return RS_OK;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return RS_ENOMEM;
    encode(g, s->last, full, out);
    fclose(out);
    if (resized)
        fprintf(s->f, "[%.6f, \"r\", \"%dx%d\"]\n", t_s, g->w, g->h);
    fprintf(s->f, "[%.6f, \"o\", ", t_s);
    json_string(s->f, buf, len);
    fputs("]\n", s->f);
    free(buf);
    if (!s->last || resized) {
        grid_free(s->last);
        s->last = grid_alloc(g->w, g->h);
    }
    if (!s->last || grid_copy(s->last, g) != 0)
        return RS_ENOMEM;
    return fflush(s->f) == 0 && !ferror(s->f) ? RS_OK : RS_EIO;
}
