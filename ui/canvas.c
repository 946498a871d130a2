/* canvas.c — braille dot canvas (see canvas.h). */
#include "canvas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "rs.h"

/* Remove every dot. */
static void canvas_clear(canvas *c)
{
    const size_t n = (size_t)c->w * (size_t)c->h;
    memset(c->dots, 0, n);
    for (size_t i = 0; i < n; i++)
        c->colors[i] = GRID_COLOR_DEFAULT;
}

canvas *canvas_alloc(int w, int h)
{
    if (w < 0 || h < 0)
        return NULL;
    canvas *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    const size_t n = (size_t)w * (size_t)h + 1; /* +1: a valid pointer when empty */
    if (!rs_mul_size(n, 1, sizeof(int16_t))) {
        free(c);
        return NULL;
    }
    c->dots = malloc(n);
    c->colors = malloc(n * sizeof(int16_t));
    if (!c->dots || !c->colors) {
        canvas_free(c);
        return NULL;
    }
    c->w = w;
    c->h = h;
    canvas_clear(c);
    return c;
}

void canvas_free(canvas *c)
{
    if (!c)
        return;
    free(c->dots);
    free(c->colors);
    free(c);
}

int canvas_dot_w(const canvas *c)
{
    return 2 * c->w;
}

int canvas_dot_h(const canvas *c)
{
    return 4 * c->h;
}

void canvas_set(canvas *c, int x, int y, int color)
{
    if (x < 0 || y < 0 || x >= 2 * c->w || y >= 4 * c->h)
        return;
    const size_t i = (size_t)(y / 4) * (size_t)c->w + (size_t)(x / 2);
    c->dots[i] |= glyph_braille_bit(x % 2, y % 4);
    c->colors[i] = (int16_t)color;
}

void canvas_unset(canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= 2 * c->w || y >= 4 * c->h)
        return;
    const size_t i = (size_t)(y / 4) * (size_t)c->w + (size_t)(x / 2);
    c->dots[i] &= (uint8_t)~glyph_braille_bit(x % 2, y % 4);
}

int canvas_get(const canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= 2 * c->w || y >= 4 * c->h)
        return 0;
    const size_t i = (size_t)(y / 4) * (size_t)c->w + (size_t)(x / 2);
    return (c->dots[i] & glyph_braille_bit(x % 2, y % 4)) != 0;
}

int canvas_round(double v)
{
    /* 2^24 dots is far beyond any screen; clamping first keeps the cast defined. */
    const double lim = 16777216.0;
    if (isnan(v))
        return 0;
    if (v > lim)
        return (int)lim;
    if (v < -lim)
        return (int)-lim;
    return (int)lround(v);
}

/* Liang-Barsky: shrink [t0, t1] to the part of p + t d with lo <= coordinate <= hi.
 * Returns 0 when nothing is left. */
static int canvas_clip1(double p, double d, double lo, double hi, double *t0, double *t1)
{
    if (d == 0)
        return p >= lo && p <= hi;
    double ta = (lo - p) / d, tb = (hi - p) / d;
    if (ta > tb) {
        const double t = ta;
        ta = tb;
        tb = t;
    }
    if (ta > *t0)
        *t0 = ta;
    if (tb < *t1)
        *t1 = tb;
    return *t0 <= *t1;
}

void canvas_line(canvas *c, int x0, int y0, int x1, int y1, int color, int dash)
{
    /* Clip to the canvas (one dot of margin) first, so the loop below only walks
     * visible dots whatever the ends are. */
    const double dxd = (double)x1 - x0, dyd = (double)y1 - y0;
    double t0 = 0, t1 = 1;
    if (!canvas_clip1(x0, dxd, -1, 2 * c->w, &t0, &t1) ||
        !canvas_clip1(y0, dyd, -1, 4 * c->h, &t0, &t1))
        return;
    const int ax = (int)lround(x0 + t0 * dxd), ay = (int)lround(y0 + t0 * dyd);
    const int bx = (int)lround(x0 + t1 * dxd), by = (int)lround(y0 + t1 * dyd);
    x0 = ax, y0 = ay, x1 = bx, y1 = by;

    const int dx = abs(x1 - x0), dy = -abs(y1 - y0);
    const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy, step = 0;
    for (;;) {
        if (dash <= 0 || (step / dash) % 2 == 0)
            canvas_set(c, x0, y0, color);
        step++;
        if (x0 == x1 && y0 == y1)
            break;
        const int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

void canvas_points(canvas *c, const int *xs, const int *ys, int n, int color, int big)
{
    for (int i = 0; i < n; i++) {
        canvas_set(c, xs[i], ys[i], color);
        if (big) {
            canvas_set(c, xs[i] + 1, ys[i], color);
            canvas_set(c, xs[i], ys[i] + 1, color);
            canvas_set(c, xs[i] + 1, ys[i] + 1, color);
        }
    }
}

void canvas_draw(const canvas *c, grid_rect r, grid *g, unsigned attr)
{
    const int w = r.w < c->w ? r.w : c->w, h = r.h < c->h ? r.h : c->h;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            const size_t i = (size_t)y * (size_t)c->w + (size_t)x;
            if (!c->dots[i])
                continue;
            const grid_cell *under = grid_get(g, r.x + x, r.y + y);
            if (!under)
                continue;
            const grid_style s = grid_style_make(c->colors[i], under->bg, attr);
            grid_put(g, r.x + x, r.y + y, glyph_braille(c->dots[i], g->caps.ascii), s);
        }
    }
}
