/* widgets.h — the TUI's furniture: boxes, tabs, status bar, progress bar, message box
 * and the key/value parameter panel.
 *
 * Each widget paints into a rect of a grid and touches nothing outside it; all are
 * pure (same arguments, same cells) and keep no pointer to their arguments. Strings
 * are UTF-8 and are cut with an ellipsis when they do not fit. Colours come from the
 * palette's theme; monochrome grids get reverse video and bold instead. */
#ifndef WIDGETS_H
#define WIDGETS_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"

/* Border around r with title (may be NULL) set into the top edge: "┌─ Title ──┐".
 * focused draws the border in the accent colour. Returns the inner rect (r shrunk by
 * one cell on each side; empty when r is smaller than 3 x 3). */
grid_rect widgets_box_draw(const char *title, bool focused, grid_rect r, grid *g);

/* One row of tabs, e.g. names {"1 curves", "2 angles", ...}: each drawn as " name ",
 * the active one highlighted; the rest of the row is the panel colour. Tabs that do
 * not fit are dropped from the right, but the active one is always shown. */
void widgets_tabs_draw(const char *const *names, size_t n, size_t active, grid_rect r, grid *g);

/* The tab widgets_tabs_draw puts under column x of row rect r (its " name " cells), or
 * -1 for none: the mouse's hit test. */
int widgets_tabs_hit(const char *const *names, size_t n, size_t active, grid_rect r, int x);

/* Status bar on the first row of r: left text from the left edge, right text against
 * the right edge (kept whole when possible; the left one is cut first). */
void widgets_status_draw(const char *left, const char *right, grid_rect r, grid *g);

/* ETA text into buf: "ETA 3.2s" (< 10 s), "ETA 42s", "ETA 4m05s", "ETA 1h02m";
 * "ETA --" when eta_s is negative, NaN or infinite. */
void widgets_eta_format(double eta_s, char *buf, size_t len);

/* Progress bar on the first row of r: a bar in eighth-cell steps, the percentage and
 * the ETA, e.g. "████████▌       45%  ETA 3.2s". fraction is clamped to [0, 1] (NaN
 * draws an empty bar); eta_s as for widgets_eta_format. */
void widgets_progress_draw(double fraction, double eta_s, grid_rect r, grid *g);

/* A box centred in area holding text (lines split at '\n') under title (may be NULL),
 * sized to fit and cut to area; for help screens and "terminal too small". Areas
 * under 3 rows get the text alone, centred. Returns the rect drawn. */
grid_rect widgets_message_draw(const char *title, const char *text, grid_rect area, grid *g);

typedef struct {
    const char *name;    /* parameter key, e.g. "kappa" */
    const char *value;   /* formatted value, e.g. "100" */
    const char *meaning; /* one line, e.g. "condition number of W Wᵀ"; may be NULL */
    bool changed;        /* differs from the preset: marked with ● */
} widgets_kv_item;

/* First item shown when n items scroll in a list of `rows` rows with item `selected`
 * kept visible (roughly centred). */
size_t widgets_kv_first(size_t n, size_t selected, int rows);

/* Key/value panel: one item per row (name, value, meaning in columns; meaning dropped
 * when narrow), the selected row highlighted with a pointer, changed rows marked,
 * ▲/▼ in the last column when rows are scrolled out of view. selected >= n selects
 * nothing. */
void widgets_kv_draw(const widgets_kv_item *items, size_t n, size_t selected, grid_rect r, grid *g);

#endif
