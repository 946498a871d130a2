/* batch.h — --batch: run the sweep and print one row per (sweep value, run, method) as
 * CSV or JSON (SPEC 9). Progress goes to stderr only when stderr is a terminal. */
#ifndef BATCH_H
#define BATCH_H

#include <stdio.h>

#include "cli.h"
#include "model.h"
#include "sweep.h"

/* Run every job of c's shard of the sweep (values, n_values) into cells with the job
 * context ctx, on machine_threads(&c->params) threads, progress on stderr when it is a
 * terminal: the one sweep set-up of the batch modes (batch_run, batch_learning_run). */
rs_status batch_sweep(const cli *c, const double *values, size_t n_values, sweep_cell *cells,
                      model_ctx *ctx, rs_error *err);

/* Returns RS_OK or the error of the failing job (err holds the line). */
rs_status batch_run(const cli *c, FILE *out, rs_error *err);

/* Print the head and the rows of the finished cells (n_values * c->params.runs, index
 * v * runs + run; cells not done are skipped) as --batch does; --load uses it to write
 * merged shards. */
void batch_print(const cli *c, const double *values, size_t n_values, const sweep_cell *cells,
                 FILE *out);

#endif
