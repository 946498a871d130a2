/* ui_fixtures.h — the standard plot and widget models of the ui tests and benchmark.
 *
 * Each fixture is a model with high-entropy data (no round numbers that could hide a
 * scaling bug) exercising one plot kind's features: log axes, bands, a reference
 * slope and a NaN gap; value labels and NaN cells; diverging colours; a continuous
 * landscape with a path and a mark; a histogram with a zero atom and a density curve;
 * the TUI widgets. Golden files are named after fixture_name(). */
#ifndef UI_FIXTURES_H
#define UI_FIXTURES_H

#include "grid.h"
#include "rs.h"

typedef enum {
    FIX_LINES_LOGLOG,      /* error vs n: log-log, bands, slopes, n^-1/2, NaN gap */
    FIX_LINES_LEARNING,    /* e(A) vs iteration: linear x, log y, three losses */
    FIX_HEATMAP_SEQ,       /* 5x5 angle matrix: labels, row/col names, a NaN cell */
    FIX_HEATMAP_DIV,       /* 8x8 signed difference: diverging, labels when they fit */
    FIX_HEATMAP_LANDSCAPE, /* NLL over (mu, sigma): axes, iterate path, MLE mark */
    FIX_HIST,              /* ReLU coordinate: zero atom, density curve, NaN bin */
    FIX_WIDGETS,           /* tabs, parameter panel, help box, progress, status bar */
    FIX_COUNT
} fixture_id;

/* Short name, e.g. "lines_loglog". */
const char *fixture_name(fixture_id id);

/* Draw fixture id into rect r of g; returns the draw function's status. */
rs_status fixture_draw(fixture_id id, grid_rect r, grid *g);

#endif
