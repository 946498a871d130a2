/* batch_learning.h — --batch for view = learning (SPEC 9): one row per (sweep value, run,
 * loss or estimator, recorded iteration) for the generators that iterate (teacher, matrix). */
#ifndef BATCH_LEARNING_H
#define BATCH_LEARNING_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "model.h"

/* True when p asks for learning rows: view = learning and generator teacher or matrix.
 * Inline, so that the command line (and its fuzz target, which links cli.c without the
 * batch writers) can ask. */
static inline bool batch_learning_wanted(const rs_params *p)
{
    const model_ops *ops = model_get(p->generator);
    return p->view == VIEW_LEARNING && ops && ops->learning;
}

/* Run the sweep with one detail per job (model_job_details, learning curves only) and
 * print the rows as CSV or JSON. RS_OK, RS_ENOMEM (err says how many details), or the
 * error of the failing job. */
rs_status batch_learning_run(const cli *c, FILE *out, rs_error *err);

#endif
