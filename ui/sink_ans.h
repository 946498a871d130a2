/* sink_ans.h — ANSI sink: the grid as UTF-8 text with SGR colour escapes (.ans files,
 * `cat`-able screenshots, and output to a terminal without curses).
 *
 * Colours follow the grid's caps: 38;5;N / 48;5;N in 256-colour mode, 30-37 / 90-97
 * (and 40-47 / 100-107) in 8-colour mode, none in mono mode; attributes (bold, dim,
 * underline, reverse) are written in every mode. An escape is written only where the
 * style changes; each line that changed style ends with a reset (ESC[0m) before its
 * newline, so a line never bleeds into the next. Trailing blank cells (space, default
 * background, no reverse or underline) are trimmed. */
#ifndef SINK_ANS_H
#define SINK_ANS_H

#include <stdio.h>

#include "grid.h"
#include "rs.h"

/* Write g to f. Returns RS_OK, or RS_EIO when a write fails. Does not close f. */
rs_status sink_ans_write(const grid *g, FILE *f);

/* Write the escape that sets cell c's style from a reset state (ESC[0;...m): its
 * attributes and, for the colour mode, its colours. Shared with sink_cast. */
void sink_ans_sgr(FILE *f, grid_colors colors, const grid_cell *c);

#endif
