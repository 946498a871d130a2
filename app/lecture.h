/* lecture.h — the modes of issue 18 around the TUI: a tour stepping through presets and
 * a sweep loaded from batch shards instead of computed (--load). main() hands them to
 * lecture_main; the TUI's loop asks the hooks below for its input, its keys and the
 * screen's extra text, so tui.c knows neither mode's details. A NULL lecture is the plain
 * TUI: every hook then passes through to the worker and the session. */
#ifndef LECTURE_H
#define LECTURE_H

#include "cli.h"
#include "load.h"
#include "screen.h"
#include "session.h"
#include "tour.h"
#include "worker.h"

typedef struct lecture {
    tour *tour;      /* --tour, or NULL */
    load_data *load; /* --load, or NULL (its p follows keys that change no cell) */
    session *backup; /* --load: the session before a key, restored when it recomputes */
} lecture;

/* --tour or --load (c->tour or c->n_loads): run the mode; returns the exit status (0, 1
 * after a failure, 2 for bad input, one line on stderr). */
int lecture_main(cli *c);

/* The status and view the screen shows: the worker's, or the loaded sweep's. */
void lecture_input(lecture *l, worker *w, worker_status *ws, view_input *in);

/* One key: the tour's keys first; with --load, keys that would recompute a cell are
 * undone with a message, and those that change only keys that change no cell (a phase
 * map's metric or threshold contour, view, threads) pass to the loaded view. Returns
 * SESSION_* bits. */
unsigned lecture_key(lecture *l, session *s, int key);

/* Auto-advance of a tour (SESSION_* bits). */
unsigned lecture_tick(lecture *l, session *s, const worker_status *ws);

/* The step counter, the note, the "loaded" status. */
void lecture_decorate(lecture *l, session *s, screen_model *m);

#endif
