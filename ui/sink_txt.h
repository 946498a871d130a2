/* sink_txt.h — plain-text sink: the grid's glyphs as UTF-8, one line per row.
 *
 * Trailing spaces of each row are trimmed and every row ends with '\n'; colours and
 * attributes are dropped. When the grid's caps say ascii, every glyph is written as
 * its ASCII fallback, so the output holds only bytes below 128. Used for screenshots
 * (.txt), batch previews and the golden-text tests. */
#ifndef SINK_TXT_H
#define SINK_TXT_H

#include <stdio.h>

#include "grid.h"
#include "rs.h"

/* Write g to f. Returns RS_OK, or RS_EIO when a write fails. Does not close f. */
rs_status sink_txt_write(const grid *g, FILE *f);

/* Write row y of g (without newline, trailing spaces trimmed) into buf of len bytes,
 * NUL-terminated and cut at a whole code point. Returns the bytes written. Lets tests
 * and the tmux end-to-end checks compare single rows. */
size_t sink_txt_row(const grid *g, int y, char *buf, size_t len);

#endif
