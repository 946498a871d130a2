/* worker.h — the background computation behind the TUI and the screenshot mode.
 *
 * One worker thread runs one computation at a time: the sweep of a parameter set
 * (sweep_run on its own thread pool) with the generator's detail for the views. The
 * main thread submits parameter sets; a submit cancels the running computation (its
 * jobs poll the flag and return within ~50 ms) and the newest one starts as soon as
 * the worker is free, so stale work never delays the screen. Computations are owned
 * by the main thread: cells and detail are read while they fill (cells publish `done`
 * with release order, details have their own lock) and freed only once the worker
 * has let go of them (worker_reap). [htop: the worker publishes, the main thread draws]
 *
 * Pause (space in the TUI) holds the sweep between jobs: each job's progress report
 * waits while paused, so the jobs in flight finish and nothing new starts. */
#ifndef WORKER_H
#define WORKER_H

#include <stdbool.h>
#include <stddef.h>

#include "param.h"
#include "rs.h"
#include "view.h"

typedef enum {
    WORKER_IDLE, /* nothing submitted yet */
    WORKER_RUNNING,
    WORKER_DONE,  /* the current computation finished */
    WORKER_FAILED /* a job failed: status.error says why */
} worker_state;

typedef struct {
    worker_state state;
    bool paused;
    size_t done, total;       /* jobs of the current computation */
    double elapsed_s;         /* since it started (running) or its duration (done) */
    double eta_s;             /* running: from the measured job costs (eta.h); else -1 */
    double last_s;            /* duration of the last finished computation, -1 = none */
    unsigned long generation; /* increments with every submit */
    bool a_running;           /* A of an A/B pair is still computing (B waits for it) */
    char error[RS_ERROR_LEN];
} worker_status;

typedef struct worker worker;

/* Starts the worker thread. NULL when out of memory or the thread cannot start. */
worker *worker_alloc(void);
/* Cancels, joins the thread and frees every computation. worker_free(NULL) is a no-op. */
void worker_free(worker *w);

/* Start computing p (copied), cancelling what runs. The sweep uses `threads` threads.
 * RS_ENOMEM (err set) when the cells or detail cannot be allocated. */
rs_status worker_submit(worker *w, const rs_params *p, size_t threads, rs_error *err);

/* When the finished current computation's detail lacks what `view` shows (its jobs
 * filled only what the view they ran under needed, e.g. teacher's landscape grid), submit
 * its completion for `view`: every cell and the detail carried over, only the missing part
 * computed (model_ops.detail_fill), no job run again (a phase map runs its detail pair
 * again, every other pair carried over). Returns true when it submitted.
 * Cheap otherwise: call it once per frame with the view shown. */
bool worker_detail_sync(worker *w, int view, rs_error *err);

/* The current computation as the views read it; in->p == NULL before the first submit.
 * Valid until the next worker_submit or worker_reap. */
void worker_view(worker *w, view_input *in);

void worker_status_get(worker *w, worker_status *s);

void worker_pause(worker *w, bool paused);

/* A/B (issue 17, point 2). freeze: the current computation becomes A, kept (and left
 * to finish) when later submits replace the current one (B); worker_view then points
 * in->ab_a at A. swap: A becomes current and the current one A (nothing is recomputed).
 * clear: A is dropped. worker_wait waits for A too. */
void worker_ab_freeze(worker *w);
void worker_ab_swap(worker *w);
void worker_ab_clear(worker *w);

/* Free the computations the worker has finished with (call from the main loop). */
void worker_reap(worker *w);

/* Block until the current computation is done or failed, or timeout_s passes
 * (< 0: no limit). Returns true when it is done or failed. */
bool worker_wait(worker *w, double timeout_s);

#endif
