/* sink_curses.h — the terminal sink: draws grids on curses' stdscr without flicker.
 *
 * The only ui module that includes curses (STYLE 7); this header does not, so app
 * code can hold a sink without it. The sink keeps a copy of the last grid it drew and
 * emits only the cells that changed since (mvadd_wch of a setcchar'd cell), then
 * refreshes; a size change or sink_curses_invalidate forces a full repaint (after a
 * resize, or when something else wrote to the screen). [tmux tty-draw.c; htop
 * needsRedraw/force_redraw]
 *
 * Colours: in 256-colour mode pairs are allocated on demand with alloc_pair (there are
 * more fg x bg combinations than pairs), in 8-colour mode every pair of the basic
 * colours (and default, -1) is initialised up front when the terminal has enough pairs
 * (else allocated on demand too); bright colours 8..15 become bold basic ones when the
 * terminal has only 8. Mono mode uses attributes only. */
#ifndef SINK_CURSES_H
#define SINK_CURSES_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"
#include "rs.h"

typedef struct sink_curses sink_curses;

/* Capabilities of the current curses screen: 256, 8 or mono colours from COLORS (call
 * after initscr/newterm), ascii as asked (app decides from the locale and --ascii). */
grid_caps sink_curses_caps(bool ascii);

/* Set up colours for caps (start_color, use_default_colors, pairs) on the current
 * screen and return a sink. Call after initscr or newterm. Returns NULL when out of
 * memory. The caller owns the sink; sink_curses_free(NULL) is a no-op. It does not
 * end curses. */
sink_curses *sink_curses_alloc(grid_caps caps);
void sink_curses_free(sink_curses *s);

/* Forget the last grid: the next draw repaints every cell. */
void sink_curses_invalidate(sink_curses *s);

/* Draw g on stdscr, emitting only cells that differ from the previous draw, then
 * refresh. Writes the number of cells emitted to *n_emitted when non-NULL. Returns
 * RS_OK, or RS_ENOMEM when the copy of the grid cannot be kept (the screen is still
 * drawn; the next draw is then a full repaint). */
rs_status sink_curses_draw(sink_curses *s, const grid *g, size_t *n_emitted);

#endif
