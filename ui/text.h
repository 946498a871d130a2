/* text.h — greedy word wrap of UTF-8 text into a column width, and its drawing into a
 * rect: the one line breaker of the toolkit (screen captions, help lines, view notes).
 *
 * Words are runs of non-blank bytes; blanks (space, tab, newline) separate them and are
 * not kept. A line takes words while they fit in the width (counted in columns, combining
 * marks taking none); a word wider than the whole width gets a line of its own, which the
 * grid then clips. */
#ifndef TEXT_H
#define TEXT_H

#include <stdbool.h>

#include "grid.h"

/* Called once per line, index counting from 0; line is valid during the call only. */
typedef void (*text_line_fn)(const char *line, int index, void *ctx);

/* Wrap text to width columns, calling put(line, index, ctx) for the first max_lines lines
 * (put may be NULL). Returns the number of lines the whole text needs; 0 for NULL text or
 * a width under 4 columns. */
int text_wrap(const char *text, int width, int max_lines, text_line_fn put, void *ctx);

/* Draw text wrapped to r.w columns into the rows of r from its top, in style s; when the
 * text needs more than r.h rows and mark_cut is set, the last row ends in " …". Returns
 * the rows drawn, or with g NULL the rows it would draw. Keeps no pointer. */
int text_draw(grid *g, grid_rect r, const char *text, grid_style s, bool mark_cut);

#endif
