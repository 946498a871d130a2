/* batch_phase.h — --batch of a phase map (sweep2 set, issue 17): one row per (sweep
 * value, sweep2 value, run, method) with both key columns, CSV or JSON. --shard I/N runs
 * the I-th of N interleaved slices of the (pair, run) jobs, so shards concatenate to the
 * whole map. With --b (an A/B pair) A's rows then B's, tagged in an `ab` column, the
 * head naming B's pairs as the 1-D A/B batch does; each side's jobs sharded alike. */
#ifndef BATCH_PHASE_H
#define BATCH_PHASE_H

#include <stdio.h>

#include "cli.h"

/* Returns RS_OK or the error of the failing job (err holds the line). */
rs_status batch_phase_run(const cli *c, FILE *out, rs_error *err);

#endif
