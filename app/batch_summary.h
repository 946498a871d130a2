/* batch_summary.h — the trailer of a batch CSV: which means would drop runs. */
#ifndef BATCH_SUMMARY_H
#define BATCH_SUMMARY_H

#include <stdio.h>

#include "model.h"
#include "sweep.h"

/* For every (value, method, metric) with nan runs among the finished cells, one comment
 * line "# nan: KEY=VALUE METHOD METRIC: K/R runs (FLAG)" on out, so that a reader who
 * averages the rows knows the runs differ per point (issue 14, item 3: "7/40 non-PD").
 * Nothing when no value is nan. */
void batch_summary_write(FILE *out, const rs_params *p, const model_ops *ops, const double *values,
                         size_t n_values, const sweep_cell *cells);

#endif
