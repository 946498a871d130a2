/* canvas.h — a braille dot canvas: 2 x 4 dots per text cell, one colour per cell.
 *
 * Lines and scatter plots are drawn in dot coordinates (x right, y down, origin at the
 * top-left dot), then canvas_draw paints the cells holding dots into a grid rect as
 * braille glyphs (U+2800 block), or as their ASCII look-alikes when the grid's caps ask
 * for ASCII. A cell shows one foreground colour: the colour of the last dot set in it.
 * Cells without dots are left untouched, so a canvas can be laid over bands, bars or a
 * heatmap already in the grid; drawn cells keep the grid's background colour. */
#ifndef CANVAS_H
#define CANVAS_H

#include <stdint.h>

#include "grid.h"

typedef struct {
    int w, h;        /* size in cells; the dot size is 2w x 4h */
    uint8_t *dots;   /* w*h braille bit patterns (glyph_braille layout) */
    int16_t *colors; /* w*h colours, GRID_COLOR_DEFAULT where unset */
} canvas;

/* Allocate an empty canvas of w x h cells (w, h >= 0). Returns NULL when out of
 * memory. The caller owns it; canvas_free(NULL) is a no-op. */
canvas *canvas_alloc(int w, int h);
void canvas_free(canvas *c);

/* Dot size of the canvas. */
int canvas_dot_w(const canvas *c);
int canvas_dot_h(const canvas *c);

/* Set (and colour the cell of) or clear dot (x, y); dots outside are ignored. */
void canvas_set(canvas *c, int x, int y, int color);
void canvas_unset(canvas *c, int x, int y);

/* True when dot (x, y) is set. */
int canvas_get(const canvas *c, int x, int y);

/* Round a dot coordinate computed in double to int, clamped to +-2^24 (NaN gives 0,
 * callers skip non-finite points before scaling). */
int canvas_round(double v);

/* Bresenham line between two dots, both ends included. Ends may lie anywhere: the
 * line is clipped to the canvas first. When dash > 0, dots alternate dash on, dash
 * off along the line. */
void canvas_line(canvas *c, int x0, int y0, int x1, int y1, int color, int dash);

/* Scatter: n points at dot coordinates (xs[i], ys[i]). When big is nonzero each point
 * is a 2 x 2 dot blob (a visible marker on sparse plots), else a single dot. */
void canvas_points(canvas *c, const int *xs, const int *ys, int n, int color, int big);

/* Paint the canvas into grid rect r (its top-left cell at (r.x, r.y); the part beyond
 * r or the canvas is clipped). Cells with dots get the braille glyph, or its ASCII
 * fallback in ascii mode, with fg = the cell colour and attributes attr; the grid's
 * background colour is kept. */
void canvas_draw(const canvas *c, grid_rect r, grid *g, unsigned attr);

#endif
