/* sink_cast.h — the asciicast v2 sink (issue 18, item 2): a recording of the frames the
 * TUI shows, playable by asciinema and its converters.
 *
 * The file is JSON lines: a header object {"version": 2, "width", "height", "timestamp",
 * "env"}, then one event [time, "o", data] per frame, data being the escape sequences
 * that turn the previous frame into this one: a cursor move to each run of changed cells,
 * an SGR where the style changes (as sink_ans writes them), the cells' UTF-8. The first
 * frame and every frame after a size change (then preceded by [time, "r", "COLSxROWS"])
 * clear the screen and paint every cell. Replayed into a terminal of the header's size,
 * the frames end on the screen the TUI showed. The caller gives the times (ui reads no
 * clock). */
#ifndef SINK_CAST_H
#define SINK_CAST_H

#include <stdio.h>

#include "grid.h"
#include "rs.h"

typedef struct sink_cast sink_cast;

/* Start a recording on f (borrowed, not closed) at w x h; writes the header line with
 * timestamp (Unix seconds) and term (the TERM value, may be NULL). NULL when out of
 * memory. */
sink_cast *sink_cast_alloc(FILE *f, int w, int h, long timestamp, const char *term);
void sink_cast_free(sink_cast *s);

/* Record g as shown at t_s seconds since the start: one event with the changed cells,
 * nothing when nothing changed. RS_EIO when a write fails, RS_ENOMEM. */
rs_status sink_cast_frame(sink_cast *s, const grid *g, double t_s);

#endif
