/* sink_svg.h — SVG sink: the grid as a standalone, well-formed SVG image for slides.
 *
 * Every cell is SINK_SVG_CELL_W x SINK_SVG_CELL_H pixels on a dark page (default
 * colours PALETTE_PAGE_FG on PALETTE_PAGE_BG, reverse video swaps them). Backgrounds
 * are one rect per run of equal colour; text is monospace, one <text> per run of
 * equal style stretched to its cells (textLength), with & < > " ' escaped. Glyphs
 * whose look matters for plots are drawn as shapes instead of text so that they tile
 * exactly whatever font the viewer has: braille dots as circles, block elements (the
 * heatmap's half blocks, histogram eighths) as rects, box-drawing lines as strokes. */
#ifndef SINK_SVG_H
#define SINK_SVG_H

#include <stdio.h>

#include "grid.h"
#include "rs.h"

enum { SINK_SVG_CELL_W = 9, SINK_SVG_CELL_H = 18, SINK_SVG_FONT_PX = 15 };

/* Write g to f as an SVG document. Returns RS_OK, or RS_EIO when a write fails. */
rs_status sink_svg_write(const grid *g, FILE *f);

#endif
