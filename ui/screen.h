/* screen.h — the whole TUI screen (SPEC 7) composed into a grid: view tabs, the
 * parameter panel, the plot area with the current view, the preset caption, a message
 * or input line, the status bar with progress, and the help / preset-menu overlays.
 *
 * The model is plain data that app fills from its session and worker each frame; the
 * same model drawn at the same size gives the same cells, which is what makes a
 * --screenshot exactly the screen the TUI shows. Below SCREEN_MIN_W x SCREEN_MIN_H a
 * message replaces the layout. */
#ifndef SCREEN_H
#define SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"
#include "rs.h"
#include "widgets.h"

enum { SCREEN_MIN_W = 80, SCREEN_MIN_H = 24 };

typedef enum { SCREEN_OVERLAY_NONE, SCREEN_OVERLAY_HELP, SCREEN_OVERLAY_PRESETS } screen_overlay;

/* Paints the plot area: the screen knows no generator, its caller says what to draw. */
typedef rs_status (*screen_plot_fn)(const void *ctx, grid_rect r, grid *g);

typedef struct {
    /* the plot and the tabs above it */
    screen_plot_fn plot; /* NULL = an empty plot area */
    const void *plot_ctx;
    const char *const *tabs; /* tab labels, e.g. "1 curves" */
    size_t n_tabs, active_tab;
    const char *title; /* top row, e.g. "relu · fig1-samples — Figure 1 (left)" */
    bool plot_full;    /* the plot box takes the whole width: no parameter panel ('F') */
    /* the parameter panel */
    const widgets_kv_item *items;
    size_t n_items, selected;
    bool panel_focused;
    /* under the plot: the preset's caption (NULL or "" = none or hidden), cut to a few
     * rows with an ellipsis, or, with caption_full, whole (up to half the plot box); then
     * caption_note (NULL = none), one dim row such as "preset default, changed: d" */
    const char *caption;
    bool caption_full;
    const char *caption_note;
    /* one line above the status bar: an input prompt while typing, else a message */
    const char *input_prompt, *input_text; /* input_prompt != NULL: typing */
    size_t input_cursor;                   /* byte offset of the cursor in input_text */
    const char *message;
    bool message_is_error;
    /* status bar */
    const char *status_left; /* what is computing or what was computed */
    bool show_progress;
    double progress, eta_s;
    const char *status_right; /* last computation time, seed, key hint */
    /* overlays */
    screen_overlay overlay;
    const char *help_text;
    const char *const *preset_names, *const *preset_titles;
    const char *const *preset_times; /* expected run time per preset ("" or NULL: none) */
    size_t n_presets, preset_selected;
    const char *preset_caption; /* of the highlighted preset */
} screen_model;

void screen_model_init(screen_model *m);

/* Draw m over the whole of g. Returns the view's status (the screen is drawn anyway). */
rs_status screen_draw(const screen_model *m, grid *g);

/* What the mouse points at (issue 17, point 3), from the same layout screen_draw uses, so
 * that hit tests need no terminal. */
typedef enum {
    SCREEN_HIT_NONE,
    SCREEN_HIT_KNOB,    /* index: the item of the parameter panel */
    SCREEN_HIT_TAB,     /* index: the tab */
    SCREEN_HIT_PLOT,    /* rect: the plot area (x, y inside it) */
    SCREEN_HIT_PRESET,  /* index: the preset of the menu overlay */
    SCREEN_HIT_OVERLAY, /* elsewhere while an overlay is open */
} screen_hit_kind;

typedef struct {
    screen_hit_kind kind;
    size_t index;
    grid_rect rect;
} screen_hit;

/* The hit at cell (x, y) of m drawn on a w x h grid. */
screen_hit screen_hit_test(const screen_model *m, int w, int h, int x, int y);

#endif
