/* batch.h — --batch: run the sweep and print one row per (sweep value, run, method) as
 * CSV or JSON (SPEC 9). Progress goes to stderr only when stderr is a terminal. */
#ifndef BATCH_H
#define BATCH_H

#include <stdio.h>

#include "cli.h"
#include "sweep.h"

/* Returns RS_OK or the error of the failing job (err holds the line). */
rs_status batch_run(const cli *c, FILE *out, rs_error *err);

/* Print the head and the rows of the finished cells (n_values * c->params.runs, index
 * v * runs + run; cells not done are skipped) as --batch does; --load uses it to write
 * merged shards. */
void batch_print(const cli *c, const double *values, size_t n_values, const sweep_cell *cells,
                 FILE *out);

#endif
