/* plot.h — pieces shared by the plot kinds (plot_lines, plot_hist, plot_heatmap):
 * the title row, the warning line and the message shown when a model cannot be drawn.
 * All draw into a rect of a grid and touch nothing outside it. */
#ifndef PLOT_H
#define PLOT_H

#include <stddef.h>

#include "grid.h"

/* Draw title (bold, centred, cut to the width) on the first row of r. Returns the
 * rows used: 1, or 0 when title is NULL or empty or r has no rows. */
int plot_title_draw(const char *title, grid_rect r, grid *g);

/* Draw warning text (prefixed by "! ", in the warning colour) at (x, y), at most max_w
 * columns. Returns the columns used (0 for NULL or empty text). */
int plot_warn_draw(const char *text, int x, int y, int max_w, grid *g);

/* Format the count of skipped points into buf: "3 NaN points", "1 NaN/inf point",
 * "2 points <= 0 hidden (log axis)", both joined by ", ", or "" when both are 0.
 * noun is "point" or "cell". */
void plot_warn_format(char *buf, size_t len, size_t n_nonfinite, size_t n_inf, size_t n_nonpos,
                      const char *noun);

/* The row under a plot's x tick labels: warning text (see plot_warn_draw) at the left
 * of area, and title centred under the data columns [x0, x0 + w) — moved right of the
 * warning when they would overlap. Either may be NULL or empty. */
void plot_footer_draw(const char *warn, const char *title, int y, grid_rect area, int x0, int w,
                      grid *g);

/* Show msg centred in r (used when a model cannot be drawn, e.g. a bad fixed range). */
void plot_message_draw(const char *msg, grid_rect r, grid *g);

#endif
