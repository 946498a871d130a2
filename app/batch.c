/* batch.c — the batch mode: sweep, then one CSV or JSON row per (value, run, method). */
#include "batch.h"

#include <stdlib.h>
#include <unistd.h>

#include "batch_format.h"
#include "batch_learning.h"
#include "batch_meta.h"
#include "batch_phase.h"
#include "batch_summary.h"
#include "machine.h"
#include "model.h"
#include "sweep.h"

/* What every row of one batch shares. */
typedef struct {
    FILE *out;
    const rs_params *p;
    const model_ops *ops;
    const char *key; /* the swept key, or NULL */
    int integer_key, json, first_row;
    batch_meta meta;
} batch_rows;

static void print_header(const batch_rows *b)
{
    if (b->json) {
        fprintf(b->out, "{\"generator\": \"%s\", \"sweep\": \"%s\", ", b->ops->name,
                b->key ? b->key : "none");
        batch_meta_json(b->out, &b->meta, b->p);
        fputs("\"rows\": [\n", b->out);
        return;
    }
    batch_meta_csv(b->out, &b->meta, b->p);
    if (b->key)
        fprintf(b->out, "%s,", b->key);
    fputs("run,estimator", b->out);
    for (size_t id = 0; id < b->ops->n_metrics; id++)
        fprintf(b->out, ",%s", b->ops->metric_names[id]);
    fputs(",flags\n", b->out);
}

static void print_row(batch_rows *b, double value, size_t run, int m, const sweep_cell *cell)
{
    FILE *out = b->out;
    const model_ops *ops = b->ops;
    if (b->json) {
        fprintf(out, "%s  {", b->first_row ? "" : ",\n");
        if (b->key) {
            fprintf(out, "\"%s\": ", b->key);
            batch_format_key_value(out, value, b->integer_key, 1);
            fputs(", ", out);
        }
        fprintf(out, "\"run\": %zu, \"%s\": \"%s\"", run, ops->method_key, param_method_name(m));
        for (size_t id = 0; id < ops->n_metrics; id++) {
            fprintf(out, ", \"%s\": ", ops->metric_names[id]);
            batch_format_number(out, cell->metric[m][id], 1);
        }
        fputs(", \"flags\": \"", out);
        batch_format_flags(out, ops, cell->flags[m]);
        fputs("\"}", out);
    } else {
        if (b->key) {
            batch_format_key_value(out, value, b->integer_key, 0);
            fputc(',', out);
        }
        fprintf(out, "%zu,%s", run, param_method_name(m));
        for (size_t id = 0; id < ops->n_metrics; id++) {
            fputc(',', out);
            batch_format_number(out, cell->metric[m][id], 0);
        }
        fputc(',', out);
        batch_format_flags(out, ops, cell->flags[m]);
        fputc('\n', out);
    }
    b->first_row = 0;
}

static void print_cells(batch_rows *b, const double *values, size_t n_values,
                        const sweep_cell *cells)
{
    const unsigned methods = param_methods(b->p);
    print_header(b);
    for (size_t v = 0; v < n_values; v++)
        for (size_t run = 0; run < b->p->runs; run++) {
            const sweep_cell *cell = &cells[v * b->p->runs + run];
            if (!atomic_load(&cell->done))
                continue; /* another shard's job */
            for (int m = 0; m < METHOD_COUNT; m++)
                if (methods & (1u << m))
                    print_row(b, values[v], run, m, cell);
        }
    if (b->json)
        fputs("\n]}\n", b->out);
    else
        batch_summary_write(b->out, b->p, b->ops, values, n_values, cells);
}

void batch_print(const cli *c, const double *values, size_t n_values, const sweep_cell *cells,
                 FILE *out)
{
    const rs_params *p = &c->params;
    batch_rows b = {
        .out = out,
        .p = p,
        .ops = model_get(p->generator),
        .key = p->sweep >= 0 ? param_table[p->sweep].key : NULL,
        .integer_key = p->sweep >= 0 && param_table[p->sweep].type == PT_SIZE,
        .json = c->format == FORMAT_JSON,
        .first_row = 1,
        .meta = {c->shard_index, c->shard_count, c->have_preset ? c->preset.name : NULL}};
    print_cells(&b, values, n_values, cells);
}

rs_status batch_sweep(const cli *c, const double *values, size_t n_values, sweep_cell *cells,
                      model_ctx *ctx, rs_error *err)
{
    const rs_params *p = &c->params;
    const model_ops *ops = model_get(p->generator);
    const sweep_spec spec = {.n_values = n_values,
                             .runs = p->runs,
                             .values = values,
                             .cells = cells,
                             .threads = machine_threads(p),
                             .shard_index = c->shard_index,
                             .shard_count = c->shard_count,
                             .job = ops->job,
                             .parts = model_job_parts(ops, p),
                             .job_part = ops->job_part,
                             .ctx = ctx,
                             .progress = isatty(2) ? batch_format_progress : NULL};
    return sweep_run(&spec, err);
}

rs_status batch_run(const cli *c, FILE *out, rs_error *err)
{
    const rs_params *p = &c->params;
    if (p->sweep2 >= 0) /* a phase map: both key columns (issue 17) */
        return batch_phase_run(c, out, err);
    if (batch_learning_wanted(p))
        return batch_learning_run(c, out, err);
    double values[PARAM_MAX_LIST];
    const size_t n_values = param_sweep_values(p, values);
    sweep_cell *cells = malloc(n_values * p->runs * sizeof *cells);
    if (!cells)
        return rs_error_set(err, RS_ENOMEM, "batch: %zu cells", n_values * p->runs);
    sweep_cells_init(cells, n_values * p->runs);
    model_ctx ctx = {.base = p};
    const rs_status st = batch_sweep(c, values, n_values, cells, &ctx, err);
    if (st == RS_OK)
        batch_print(c, values, n_values, cells, out);
    free(cells);
    return st;
}
