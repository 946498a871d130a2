/* tour.h — tour mode (issue 18, item 1): an INI file listing presets in teaching order,
 * stepped through in the TUI (space or → next, ← back, `a` auto-advance) or written as
 * one screenshot per step.
 *
 * Format (presets/tours/NAME.ini):
 *   [tour]                 required, first: `title`
 *   title = one line
 *   [NAME]                 one section per step, in order; NAME (letters, digits, - and _)
 *   preset = NAME|PATH     names the step's screenshot file, NN-NAME.svg
 *   dwell = 45             seconds shown after the computation is complete (auto-advance;
 *                          default 30, at most 3600)
 *   note = text            shown under the preset's caption
 * Lines starting with ';' or '#' are comments. Every error names the file and line; every
 * step's preset is loaded and checked when the tour is read. */
#ifndef TOUR_H
#define TOUR_H

#include <stdbool.h>
#include <stddef.h>

#include "preset.h"
#include "rs.h"
#include "screen.h"
#include "session.h"
#include "worker.h"

enum { TOUR_MAX_STEPS = 64, TOUR_STEP_NAME = 64 };

typedef struct {
    char name[TOUR_STEP_NAME];
    char preset[PRESET_PATH];
    double dwell_s;
    char note[PRESET_TEXT];
    int line; /* of its section, for messages */
} tour_step;

typedef struct tour {
    char path[PRESET_PATH];
    char title[PRESET_TEXT];
    tour_step steps[TOUR_MAX_STEPS];
    size_t n_steps;
    bool head_seen;
    /* --set pairs applied over every step's preset ("KEY=VALUE", borrowed) */
    const char *const *sets;
    size_t n_sets;
    /* playing */
    size_t current;
    bool auto_on;
    double done_at_s; /* when the current step's computation was first seen complete; < 0 */
    char caption[2 * PRESET_TEXT + 16], status[256], title_buf[640];
} tour;

/* Resolve --tour's FILE: a PATH (with '/' or ending in .ini) or NAME, looked up as
 * tours/NAME.ini beside the presets (source tree, then installed data directory). NULL
 * means the shipped intro tour. out has PRESET_PATH bytes. */
rs_status tour_find(const char *name_or_path, char *out, rs_error *err);

/* Read and check the tour at path into t (caller storage; t->sets and t->n_sets are kept
 * and checked on every step): "FILE:LINE: ..." on error. */
rs_status tour_read(const char *path, tour *t, rs_error *err);

/* The parameters of step i: its preset, then t->sets. RS_EINVAL with one line. */
rs_status tour_step_params(const tour *t, size_t i, rs_params *p, rs_error *err);

/* Load step i into the session; returns SESSION_RECOMPUTE, or 0 (message set). */
unsigned tour_goto(tour *t, session *s, size_t i);

/* The tour's keys (space, →, ←, a) before the session's: *handled says whether key was
 * one of them; returns SESSION_* bits. */
unsigned tour_key(tour *t, session *s, int key, bool *handled);

/* Auto-advance: once the current computation is complete, wait the step's dwell and go
 * to the next step. now_s is a monotonic clock. Returns SESSION_* bits. */
unsigned tour_tick(tour *t, session *s, const worker_status *ws, double now_s);

/* The step counter "step 3/12" in the status bar and the note under the caption. The
 * texts live in t until the next call. */
void tour_decorate(tour *t, const session *s, screen_model *m);

#endif
