/* legend.h — a plot legend: swatches and names packed into right-aligned rows.
 *
 * Plots put the legend above their data area, so it can never cover data. Entries are
 * packed left to right, wrapping to a new row when the width runs out; each row is
 * right-aligned in the rect. */
#ifndef LEGEND_H
#define LEGEND_H

#include <stdbool.h>
#include <stddef.h>

#include "glyph.h"
#include "grid.h"

typedef struct {
    glyph_id swatch; /* drawn twice before the text (a line sample), e.g. GLYPH_HLINE_BOLD */
    int color;       /* swatch colour (xterm-256) */
    const char *text;
    bool once;     /* draw the swatch once: a marker such as GLYPH_MARK_X */
    bool has_mark; /* the second swatch glyph is `mark`: a line with its point marker */
    glyph_id mark;
} legend_entry;

/* Rows needed to show the n entries in width columns (0 when n == 0). */
int legend_rows(const legend_entry *e, size_t n, int width);

/* Draw the entries in rect r, one packed row after another from r.y; rows past r.h
 * are dropped. Entries wider than r.w are cut with an ellipsis. */
void legend_draw(const legend_entry *e, size_t n, grid_rect r, grid *g);

#endif
