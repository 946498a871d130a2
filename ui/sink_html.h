/* sink_html.h — HTML sink: a standalone page holding the grid in a <pre>.
 *
 * The page is XHTML-compatible (it parses as XML as well as HTML): a dark page in the
 * default colours, one <span style="color:...;background:..."> per run of equal style,
 * & < > " ' escaped, trailing blank cells trimmed. Reverse video swaps the colours;
 * bold, dim and underline become CSS. Title (may be NULL) goes into <title>. */
#ifndef SINK_HTML_H
#define SINK_HTML_H

#include <stdio.h>

#include "grid.h"
#include "rs.h"

/* Write g to f as an HTML document. Returns RS_OK, or RS_EIO when a write fails. */
rs_status sink_html_write(const grid *g, const char *title, FILE *f);

#endif
