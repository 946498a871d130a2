/* sweep2.h — phase maps: a sweep over two keys at once (issue 17).
 *
 * A 2-D sweep is the 1-D sweep engine (sweep.h) run over the pairs (x, y) of the values
 * of `sweep` (x, the map's columns) and `sweep2` (y, its rows): pair index
 * v = i2 * n1 + i1, so that a row of the map (one y) is contiguous and reads as a 1-D
 * sweep over x. A pair's job is the generator's own job with the sweep2 key set to y.
 *
 * Streams: job (x, y, run) draws from streams indexed by a hash of the pair's values
 * (sweep2_stream), not of its place in the grid, so a cell depends only on its
 * parameters: moving one key's range keeps the cells of the pairs that stay, bit for
 * bit, and the TUI may carry them over instead of recomputing them. The truth stays
 * shared by every pair of a run (value index 0), as in 1-D sweeps.
 *
 * Order: coarse to fine, run-major: for each run, the pairs with both indices even
 * first (every other cell: a coarse map of the whole range), then the rest. */
#ifndef SWEEP2_H
#define SWEEP2_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "param.h"
#include "sweep.h"

typedef struct {
    size_t n1, n2;                                 /* values of sweep (x) and sweep2 (y) */
    double v1[PARAM_MAX_LIST], v2[PARAM_MAX_LIST]; /* x and y values */
    double flat[PARAM_MAX_LIST * PARAM_MAX_LIST];  /* x of each pair (sweep_spec.values) */
} sweep2_axes;

/* The axes of p (sweep2 set; with sweep2 = none, n2 = 1). */
void sweep2_axes_of(const rs_params *p, sweep2_axes *a);

/* The stream index (rng_stream.h value_index) of the pair (x, y): the documented mixing
 * function over the bits of both values, so that it depends on the values only. */
uint64_t sweep2_stream(double x, double y);

/* 1 when pair (i1, i2) is part of the coarse map (both indices even). */
int sweep2_coarse(size_t i1, size_t i2);

/* Fill order (n1 * n2 * runs entries, job index v * runs + run as sweep_spec.order)
 * coarse to fine, run-major. Returns the number of coarse pairs. */
size_t sweep2_order(size_t n1, size_t n2, size_t runs, size_t *order);

/* What the pair jobs read. All borrowed. */
typedef struct {
    const model_ops *ops;
    const rs_params *base; /* the parameters; both swept keys are set per job */
    const sweep2_axes *axes;
    void *detail;       /* the generator's detail for one pair, or NULL */
    size_t detail_pair; /* pair index whose run 0 fills detail */
} sweep2_ctx;

/* The job of pair v (sweep_job_fn over a sweep2_ctx): the generator's job with sweep2
 * set to y and streams from sweep2_stream(x, y). RS_EINVAL when y is out of range. */
rs_status sweep2_job(void *ctx, size_t v, double value, size_t run, sweep_cell *cell,
                     workspace_arena *arena, const atomic_int *cancel, rs_error *err);

/* The same for one part of a job (sweep_part_fn), for generators that split jobs. */
rs_status sweep2_part(void *ctx, size_t v, double value, size_t run, size_t part, sweep_cell *cell,
                      workspace_arena *arena, const atomic_int *cancel, rs_error *err);

#endif
