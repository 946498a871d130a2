/* golden.h — golden-text comparison of grids for the ui tests.
 *
 * A grid is rendered by sink_txt and compared byte for byte with
 * GOLDEN_DIR/<name>.txt (tests/golden/). On a mismatch the actual text is written to
 * GOLDEN_ACTUAL_DIR/<name>.actual.txt (the build's tests/ folder) for diffing.
 *
 * Regenerating goldens is an explicit, reviewed step: run the ui suite with
 * RS_GOLDEN_UPDATE=1 in the environment, e.g.
 *     RS_GOLDEN_UPDATE=1 meson test -C build --suite ui
 * which writes the files instead of comparing; then look at every changed file (git
 * diff tests/golden) before committing them. */
#ifndef GOLDEN_H
#define GOLDEN_H

#include <stddef.h>

#include "grid.h"
#include "ui_fixtures.h"

/* Compare g with the golden `name`. Returns 1 when they match (or the golden was
 * written in update mode), else 0 with a one-line reason in msg. */
int golden_check(const grid *g, const char *name, char *msg, size_t len);

/* Draw fixture id on a fresh w x h grid with caps and golden_check it under the name
 * "<fixture>_<w>x<h><suffix>" (suffix e.g. "" or "_mono"). Returns 1 on a match; 0
 * with the reason in msg on a mismatch, a failed draw or no memory. */
int golden_fixture(fixture_id id, int w, int h, grid_caps caps, const char *suffix, char *msg,
                   size_t len);

/* Render g through sink_txt into a malloc'd NUL-terminated string (caller frees);
 * NULL when out of memory. */
char *golden_render(const grid *g);

#endif
