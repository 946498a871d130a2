/* batch_phase.h — --batch of a phase map (sweep2 set, issue 17): one row per (sweep
 * value, sweep2 value, run, method) with both key columns, CSV or JSON. --shard I/N runs
 * the I-th of N interleaved slices of the (pair, run) jobs, so shards concatenate to the
 * whole map. With --b (an A/B pair) A's rows then B's, tagged in an `ab` column, the
 * head naming B's pairs as the 1-D A/B batch does; each side's jobs sharded alike. */
#ifndef BATCH_PHASE_H
#define BATCH_PHASE_H

#include <stdio.h>

#include "cli.h"
#include "sweep.h"

/* Returns RS_OK or the error of the failing job (err holds the line). */
rs_status batch_phase_run(const cli *c, FILE *out, rs_error *err);

/* The head and the rows of the finished cells of c's map, one map without an ab column
 * (sweep values v1[0..n1-1] as columns, sweep2 values v2[0..n2-1] as rows; cells
 * (i2 * n1 + i1) * runs + run, as sweep2.h lays them out) to out; --load re-writes a
 * merged map with it. */
void batch_phase_print(const cli *c, const double *v1, size_t n1, const double *v2, size_t n2,
                       const sweep_cell *cells, FILE *out);

#endif
