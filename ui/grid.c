/* grid.c — the off-screen cell grid (see grid.h). */
#include "grid.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "palette.h"
#include "rs.h"

static const grid_cell grid_blank = {' ', 0, GRID_COLOR_DEFAULT, GRID_COLOR_DEFAULT, 0};

grid_style grid_style_default(void)
{
    return (grid_style){GRID_COLOR_DEFAULT, GRID_COLOR_DEFAULT, 0};
}

grid_style grid_style_make(int fg, int bg, unsigned attr)
{
    return (grid_style){(int16_t)fg, (int16_t)bg, (uint8_t)attr};
}

/* Allocate w*h cells (at least one, so an empty grid still has a valid pointer). */
static grid_cell *grid_cells_alloc(int w, int h)
{
    if (w < 0 || h < 0)
        return NULL;
    size_t n = rs_mul_size((size_t)w, (size_t)h, sizeof(grid_cell));
    if (w == 0 || h == 0)
        n = sizeof(grid_cell);
    return n ? malloc(n) : NULL;
}

grid *grid_alloc(int w, int h)
{
    grid *g = malloc(sizeof *g);
    if (!g)
        return NULL;
    g->cells = grid_cells_alloc(w, h);
    if (!g->cells) {
        free(g);
        return NULL;
    }
    g->w = w;
    g->h = h;
    g->caps = (grid_caps){GRID_COLORS_256, false};
    g->clip = (grid_rect){0, 0, w, h};
    grid_clear(g);
    return g;
}

void grid_free(grid *g)
{
    if (!g)
        return;
    free(g->cells);
    free(g);
}

int grid_resize(grid *g, int w, int h)
{
    grid_cell *cells = grid_cells_alloc(w, h);
    if (!cells)
        return -1;
    free(g->cells);
    g->cells = cells;
    g->w = w;
    g->h = h;
    g->clip = (grid_rect){0, 0, w, h};
    grid_clear(g);
    return 0;
}

/* True when (x, y) may be written: inside the grid and the clip. */
static bool grid_writable(const grid *g, int x, int y)
{
    return x >= g->clip.x && y >= g->clip.y && x < g->clip.x + g->clip.w &&
           y < g->clip.y + g->clip.h && x >= 0 && y >= 0 && x < g->w && y < g->h;
}

grid_rect grid_clip_push(grid *g, grid_rect r)
{
    const grid_rect prev = g->clip;
    g->clip = grid_rect_clip(prev, r);
    return prev;
}

void grid_clip_restore(grid *g, grid_rect prev)
{
    g->clip = prev;
}

void grid_set_caps(grid *g, grid_caps caps)
{
    g->caps = caps;
}

void grid_clear(grid *g)
{
    const size_t n = (size_t)g->w * (size_t)g->h;
    for (size_t i = 0; i < n; i++)
        g->cells[i] = grid_blank;
    g->n_picks = 0;
}

void grid_pick_add(grid *g, const grid_pick *p)
{
    if (g->n_picks < GRID_MAX_PICKS)
        g->picks[g->n_picks++] = *p;
}

void grid_pick_name(grid_pick *p, const char *name)
{
    const size_t size = sizeof p->y_name;
    if ((size_t)snprintf(p->y_name, size, "%s", name ? name : "") < size)
        return;
    size_t cut = size - 4; /* room for "…" (3 bytes) and the NUL */
    while (cut > 0 && ((unsigned char)p->y_name[cut] & 0xc0) == 0x80)
        cut--; /* not inside a UTF-8 sequence */
    memcpy(p->y_name + cut, "\xe2\x80\xa6", 4);
}

/* The value at fraction f of [lo, hi] (in log10 space when log). */
static double grid_pick_value(double lo, double hi, bool log_scale, double f)
{
    if (log_scale)
        return pow(10.0, log10(lo) + f * (log10(hi) - log10(lo)));
    return lo + f * (hi - lo);
}

void grid_pick_cell(const grid_pick *p, int x, int y, size_t *row, size_t *col)
{
    const grid_rect a = p->area;
    const double fx = (x - a.x + 0.5) / a.w, fy = (y - a.y + 0.5) / a.h;
    *col = (size_t)fmin(fmax(fx * (double)p->cols, 0), (double)p->cols - 1);
    *row = (size_t)fmin(fmax(fy * (double)p->rows, 0), (double)p->rows - 1);
}

const grid_pick *grid_pick_at(const grid *g, int x, int y, double *xv, double *yv)
{
    for (size_t i = g->n_picks; i-- > 0;) {
        const grid_pick *p = &g->picks[i];
        const grid_rect a = p->area;
        if (a.w < 1 || a.h < 1 || x < a.x || y < a.y || x >= a.x + a.w || y >= a.y + a.h)
            continue;
        const double fx = (x - a.x + 0.5) / a.w, fy = 1.0 - (y - a.y + 0.5) / a.h;
        *xv = grid_pick_value(p->x_lo, p->x_hi, p->x_log, fx);
        *yv = grid_pick_value(p->y_lo, p->y_hi, p->y_log, fy);
        return p;
    }
    return NULL;
}

const grid_cell *grid_get(const grid *g, int x, int y)
{
    if (x < 0 || y < 0 || x >= g->w || y >= g->h)
        return NULL;
    return &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
}

/* Fold a colour to what the caps can show. */
static int16_t grid_fold_color(const grid *g, int c)
{
    if (c < 0 || c > 255 || g->caps.colors == GRID_COLORS_MONO)
        return GRID_COLOR_DEFAULT;
    if (g->caps.colors == GRID_COLORS_8)
        return (int16_t)palette_basic(c);
    return (int16_t)c;
}

/* Make ch printable, one column wide, and ASCII when the caps ask for it. */
static uint32_t grid_fold_glyph(const grid *g, uint32_t ch)
{
    if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0) || ch > 0x10FFFF ||
        (ch >= 0xD800 && ch <= 0xDFFF))
        return '?';
    if (g->caps.ascii && ch >= 0x80)
        return (uint32_t)glyph_ascii(ch);
    return ch;
}

void grid_put(grid *g, int x, int y, uint32_t ch, grid_style s)
{
    if (!grid_writable(g, x, y))
        return;
    grid_cell *c = &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
    c->ch = grid_fold_glyph(g, ch);
    c->comb = 0;
    c->fg = grid_fold_color(g, s.fg);
    c->bg = grid_fold_color(g, s.bg);
    c->attr = s.attr;
}

void grid_put_bg(grid *g, int x, int y, int bg)
{
    if (!grid_writable(g, x, y))
        return;
    g->cells[(size_t)y * (size_t)g->w + (size_t)x].bg = grid_fold_color(g, bg);
}

int grid_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int grid_cell_utf8(const grid_cell *c, bool ascii, char *out)
{
    if (ascii) {
        out[0] = c->ch < 0x80 ? (char)c->ch : glyph_ascii(c->ch);
        return 1;
    }
    const int n = grid_utf8_encode(c->ch, out);
    return c->comb ? n + grid_utf8_encode(c->comb, out + n) : n;
}

int grid_utf8_decode(const char *s, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == 0) {
        *cp = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    int len;
    uint32_t v, min;
    if ((u[0] & 0xE0) == 0xC0) {
        len = 2, v = u[0] & 0x1F, min = 0x80;
    } else if ((u[0] & 0xF0) == 0xE0) {
        len = 3, v = u[0] & 0x0F, min = 0x800;
    } else if ((u[0] & 0xF8) == 0xF0) {
        len = 4, v = u[0] & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are invalid UTF-8. */
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

bool grid_is_combining(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

int grid_puts(grid *g, int x, int y, const char *utf8, int max_w, grid_style s)
{
    int col = 0;
    if (!utf8)
        return 0;
    while (*utf8) {
        uint32_t cp;
        utf8 += grid_utf8_decode(utf8, &cp);
        if (grid_is_combining(cp)) {
            const int px = x + col - 1;
            if (col > 0 && grid_writable(g, px, y) && !g->caps.ascii)
                g->cells[(size_t)y * (size_t)g->w + (size_t)px].comb = cp;
            continue;
        }
        if (col >= max_w)
            break;
        grid_put(g, x + col, y, cp, s);
        col++;
    }
    return col;
}

int grid_text_width(const char *utf8)
{
    int n = 0;
    uint32_t cp;
    if (!utf8)
        return 0;
    while (*utf8) {
        utf8 += grid_utf8_decode(utf8, &cp);
        n += !grid_is_combining(cp);
    }
    return n;
}

grid_rect grid_rect_clip(grid_rect a, grid_rect b)
{
    const int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    const int x1 = (a.x + a.w < b.x + b.w) ? a.x + a.w : b.x + b.w;
    const int y1 = (a.y + a.h < b.y + b.h) ? a.y + a.h : b.y + b.h;
    return (grid_rect){x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
}

void grid_fill(grid *g, grid_rect r, uint32_t ch, grid_style s)
{
    const grid_rect c = grid_rect_clip(grid_rect_clip(r, (grid_rect){0, 0, g->w, g->h}), g->clip);
    for (int y = c.y; y < c.y + c.h; y++)
        for (int x = c.x; x < c.x + c.w; x++)
            grid_put(g, x, y, ch, s);
}

bool grid_cell_equal(const grid_cell *a, const grid_cell *b)
{
    return a->ch == b->ch && a->comb == b->comb && a->fg == b->fg && a->bg == b->bg &&
           a->attr == b->attr;
}

bool grid_equal(const grid *a, const grid *b)
{
    return a->w == b->w && a->h == b->h && grid_diff_count(a, b) == 0;
}

size_t grid_diff_count(const grid *a, const grid *b)
{
    if (a->w != b->w || a->h != b->h) {
        const size_t na = (size_t)a->w * (size_t)a->h, nb = (size_t)b->w * (size_t)b->h;
        return na > nb ? na : nb;
    }
    const size_t n = (size_t)a->w * (size_t)a->h;
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        d += !grid_cell_equal(&a->cells[i], &b->cells[i]);
    return d;
}

int grid_copy(grid *dst, const grid *src)
{
    if ((dst->w != src->w || dst->h != src->h) && grid_resize(dst, src->w, src->h) != 0)
        return -1;
    dst->caps = src->caps;
    dst->clip = (grid_rect){0, 0, dst->w, dst->h};
    memcpy(dst->cells, src->cells, (size_t)src->w * (size_t)src->h * sizeof(grid_cell));
    return 0;
}
