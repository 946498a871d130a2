/* batch_learning.c — --batch with view = learning (SPEC 9): one row per (sweep value, run,
 * method, recorded iteration), from the learning curves a generator's descriptor exposes
 * (model_ops.learning). */
#include "batch_learning.h"

#include <stdlib.h>

#include "batch.h"
#include "batch_format.h"
#include "batch_meta.h"
#include "model.h"
#include "sweep.h"

typedef struct {
    FILE *out;
    const model_ops *ops;
    const char *key; /* the swept key, or NULL */
    int json, integer_key, first;
    double value; /* of the job being printed */
    size_t run;
} learn_printer;

/* A model_learning_emit: one row. */
static void print_row(const model_learning_row *r, void *ctx)
{
    learn_printer *lp = ctx;
    FILE *out = lp->out;
    const model_learning *ml = lp->ops->learning;
    if (lp->json) {
        fprintf(out, "%s  {", lp->first ? "" : ",\n");
        if (lp->key) {
            fprintf(out, "\"%s\": ", lp->key);
            batch_format_key_value(out, lp->value, lp->integer_key, 1);
            fputs(", ", out);
        }
        fprintf(out, "\"run\": %zu, \"%s\": \"%s\", \"iteration\": %zu", lp->run,
                lp->ops->method_key, param_method_name(r->method), r->iteration);
        for (size_t j = 0; j < ml->n_cols; j++) {
            fprintf(out, ", \"%s\": ", ml->cols[j]);
            batch_format_number(out, r->value[j], 1);
        }
        fputs(", \"flags\": \"", out);
        batch_format_flags(out, lp->ops, r->flags);
        fputs("\"}", out);
    } else {
        if (lp->key) {
            batch_format_key_value(out, lp->value, lp->integer_key, 0);
            fputc(',', out);
        }
        fprintf(out, "%zu,%s,%zu", lp->run, param_method_name(r->method), r->iteration);
        for (size_t j = 0; j < ml->n_cols; j++) {
            fputc(',', out);
            batch_format_number(out, r->value[j], 0);
        }
        fputc(',', out);
        batch_format_flags(out, lp->ops, r->flags);
        fputc('\n', out);
    }
    lp->first = 0;
}

static void print_all(const cli *c, const model_ops *ops, const double *values, size_t n_values,
                      const sweep_cell *cells, void *const *details, FILE *out)
{
    const rs_params *p = &c->params;
    learn_printer lp = {.out = out,
                        .ops = ops,
                        .key = p->sweep >= 0 ? param_table[p->sweep].key : NULL,
                        .json = c->format == FORMAT_JSON,
                        .integer_key = p->sweep >= 0 && param_table[p->sweep].type == PT_SIZE,
                        .first = 1};
    const batch_meta meta = {c->shard_index, c->shard_count,
                             c->have_preset ? c->preset.name : NULL};
    if (lp.json) {
        fprintf(out, "{\"generator\": \"%s\", \"view\": \"learning\", \"sweep\": \"%s\", ",
                ops->name, lp.key ? lp.key : "none");
        batch_meta_json(out, &meta, p);
        fputs("\"rows\": [\n", out);
    } else {
        batch_meta_csv(out, &meta, p);
        if (lp.key)
            fprintf(out, "%s,", lp.key);
        fprintf(out, "run,%s,iteration", ops->method_key);
        for (size_t j = 0; j < ops->learning->n_cols; j++)
            fprintf(out, ",%s", ops->learning->cols[j]);
        fputs(",flags\n", out);
    }
    const unsigned methods = param_methods(p);
    for (size_t v = 0; v < n_values; v++)
        for (size_t run = 0; run < p->runs; run++) {
            const sweep_cell *cell = &cells[v * p->runs + run];
            if (!atomic_load(&cell->done))
                continue; /* another shard's job */
            lp.value = values[v];
            lp.run = run;
            ops->learning->rows(details[v * p->runs + run], methods, cell, print_row, &lp);
        }
    if (lp.json)
        fputs("\n]}\n", out);
}

rs_status batch_learning_run(const cli *c, FILE *out, rs_error *err)
{
    const rs_params *p = &c->params;
    const model_ops *ops = model_get(p->generator);
    double values[PARAM_MAX_LIST];
    const size_t n_values = param_sweep_values(p, values), runs = p->runs;
    const size_t jobs = n_values * runs;
    sweep_cell *cells = malloc(jobs * sizeof *cells);
    void **details = calloc(jobs, sizeof *details);
    rs_status st = RS_OK;
    for (size_t j = 0; cells && details && j < jobs; j++)
        if (!(details[j] = ops->detail_alloc()))
            break;
    if (!cells || !details || (jobs && !details[jobs - 1])) {
        st = rs_error_set(err, RS_ENOMEM,
                          "batch: no memory for %zu learning-curve details (one per job; "
                          "lower runs or the sweep)",
                          jobs);
        goto done;
    }
    sweep_cells_init(cells, jobs);
    const model_job_details jd = {.details = details, .runs = runs, .learning_only = 1};
    model_ctx ctx = {.base = p, .per_job = &jd};
    if ((st = batch_sweep(c, values, n_values, cells, &ctx, err)) == RS_OK)
        print_all(c, ops, values, n_values, cells, details, out);
done:
    for (size_t j = 0; details && j < jobs; j++)
        ops->detail_free(details[j]);
    free(details);
    free(cells);
    return st;
}
