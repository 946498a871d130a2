/* sweep.h — the sweep engine: any numeric key x runs, on worker threads.
 *
 * A sweep is n_values x runs jobs. Job (v, run) draws only from RNG streams derived
 * from (seed, v, run), so the cells are bit-identical whatever the thread count
 * (SPEC 5). Jobs run run-major (every value of run 0 first) so that a whole curve
 * shows early and then sharpens, unless the caller gives its own order. Cells are
 * published with a release store of `done`, so a reader may aggregate partial results
 * while the sweep runs. Cancellation is the caller's flag, polled by jobs at block
 * boundaries (well under 50 ms apart). */
#ifndef SWEEP_H
#define SWEEP_H

#include <stdatomic.h>
#include <stddef.h>

#include "param.h"
#include "rs.h"
#include "workspace.h"

enum { SWEEP_MAX_METRICS = 10 };

typedef struct {
    double metric[METHOD_COUNT][SWEEP_MAX_METRICS]; /* per method, per metric id */
    unsigned flags[METHOD_COUNT];                   /* MET_FLAG_* of the generator */
    atomic_int done;                                /* 1 once the cell is complete */
    atomic_size_t parts_done;                       /* finished parts (sweep_spec.parts) */
} sweep_cell;

/* One job: fill cell for sweep value index v (value `value`) and run `run`.
 * arena is the running worker's (workspace.h): the job borrows its large arrays from it
 * instead of allocating them; NULL when the caller has no worker (then the job allocates).
 * Must poll cancel and return RS_ECANCELLED promptly. */
typedef rs_status (*sweep_job_fn)(void *ctx, size_t v, double value, size_t run, sweep_cell *cell,
                                  workspace_arena *arena, const atomic_int *cancel, rs_error *err);

/* One part of job (v, run) when a job splits into sweep_spec.parts independent parts (e.g.
 * one loss each), so that the workers share a single job. Part p writes only its own
 * methods' metrics and flags of cell; the cell is done once every part has returned. A
 * part draws from the job's streams exactly as the whole job does, so the cells are
 * bit-identical to sweep_job_fn's whatever the thread count. */
typedef rs_status (*sweep_part_fn)(void *ctx, size_t v, double value, size_t run, size_t part,
                                   sweep_cell *cell, workspace_arena *arena,
                                   const atomic_int *cancel, rs_error *err);

typedef void (*sweep_progress_fn)(void *pctx, size_t done, size_t total);

typedef struct {
    size_t n_values, runs;
    const double *values; /* n_values, caller-owned */
    sweep_cell *cells;    /* n_values * runs, index v * runs + run, caller-owned */
    size_t threads;       /* >= 1 */
    size_t shard_index;   /* run job j = v * runs + run only if j % shard_count == shard_index */
    size_t shard_count;   /* >= 1 */
    sweep_job_fn job;
    size_t parts;           /* > 1: run job_part for parts 0..parts-1 instead of job */
    sweep_part_fn job_part; /* used only when parts > 1 */
    void *ctx;
    /* NULL: run-major. Else n_values * runs job indices (v * runs + run), the order in
     * which jobs start (a phase map's coarse-to-fine order, sweep2.h). */
    const size_t *order;
    sweep_progress_fn progress; /* may be NULL; called from worker threads */
    void *pctx;
    const atomic_int *cancel; /* may be NULL */
} sweep_spec;

/* Zero the cells (done = 0, metrics nan). */
void sweep_cells_init(sweep_cell *cells, size_t count);

/* Run every job of the shard; blocks until all finish or one fails. Returns RS_OK,
 * RS_ECANCELLED, or the first job error (err holds its line). Jobs of this shard only
 * are counted in progress, once each (when its last part returns). */
rs_status sweep_run(const sweep_spec *s, rs_error *err);

/* Mean and sample std (0 for one run) of metric id of method over the finished runs of
 * value v; *count = finished runs with a finite value; *nan_runs = finished runs with a
 * non-finite one. mean = std = nan when count = 0. */
void sweep_aggregate(const sweep_cell *cells, size_t runs, size_t v, int method, size_t id,
                     double *mean, double *std, size_t *count, size_t *nan_runs);

#endif
