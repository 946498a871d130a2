/* batch.c — the batch mode: sweep, then CSV or JSON rows. */
#include "batch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_learning.h"
#include "model.h"
#include "sweep.h"

static void progress(void *pctx, size_t done, size_t total)
{
    (void)pctx;
    fprintf(stderr, "\rreluscope: %zu/%zu jobs", done, total);
    if (done == total)
        fputc('\n', stderr);
}

static void print_number(FILE *out, double x)
{
    if (isnan(x))
        fputs("nan", out);
    else if (isinf(x))
        fputs(x > 0 ? "inf" : "-inf", out);
    else
        fprintf(out, "%.12g", x);
}

/* Flags as names joined by '|', empty when none. */
static void print_flags(FILE *out, const model_ops *ops, unsigned flags)
{
    int first = 1;
    for (size_t b = 0; b < ops->n_flags; b++)
        if (flags & (1u << b)) {
            fprintf(out, "%s%s", first ? "" : "|", ops->flag_names[b]);
            first = 0;
        }
}

rs_status batch_run(const cli *c, FILE *out, rs_error *err)
{
    const rs_params *p = &c->params;
    if (batch_learning_wanted(p))
        return batch_learning_run(c, out, err);
    const model_ops *ops = model_get(p->generator);
    double values[PARAM_MAX_LIST];
    const size_t n_values = param_sweep_values(p, values);
    const size_t runs = p->runs;
    sweep_cell *cells = malloc(n_values * runs * sizeof *cells);
    if (!cells)
        return rs_error_set(err, RS_ENOMEM, "batch: %zu cells", n_values * runs);
    sweep_cells_init(cells, n_values * runs);
    model_ctx ctx = {p, NULL, 0};
    sweep_spec spec = {n_values, runs, values, cells, cli_threads(p), c->shard_index,
                       c->shard_count, ops->job, &ctx, isatty(2) ? progress : NULL, NULL, NULL};
    const rs_status st = sweep_run(&spec, err);
    if (st != RS_OK) {
        free(cells);
        return st;
    }
    const unsigned methods = param_methods(p);
    const char *key = p->sweep >= 0 ? param_table[p->sweep].key : NULL;
    const int integer_key = p->sweep >= 0 && param_table[p->sweep].type == PT_SIZE;
    const int json = c->format == FORMAT_JSON;
    if (json) {
        fprintf(out, "{\"generator\": \"%s\", \"sweep\": \"%s\", \"rows\": [\n",
                param_generator_name(p->generator), key ? key : "none");
    } else {
        if (key)
            fprintf(out, "%s,", key);
        fputs("run,estimator", out);
        for (size_t id = 0; id < ops->n_metrics; id++)
            fprintf(out, ",%s", ops->metric_names[id]);
        fputs(",flags\n", out);
    }
    int first_row = 1;
    for (size_t v = 0; v < n_values; v++)
        for (size_t run = 0; run < runs; run++) {
            const sweep_cell *cell = &cells[v * runs + run];
            if (!atomic_load(&cell->done))
                continue; /* another shard's job */
            for (int m = 0; m < METHOD_COUNT; m++) {
                if (!(methods & (1u << m)))
                    continue;
                const char *method_key = p->generator == GEN_TEACHER ? "loss" : "estimator";
                if (json) {
                    fprintf(out, "%s  {", first_row ? "" : ",\n");
                    if (key) {
                        fprintf(out, "\"%s\": ", key);
                        integer_key ? fprintf(out, "%.0f", values[v]) : (print_number(out, values[v]), 0);
                        fputs(", ", out);
                    }
                    fprintf(out, "\"run\": %zu, \"%s\": \"%s\"", run, method_key, param_method_name(m));
                    for (size_t id = 0; id < ops->n_metrics; id++) {
                        const double x = cell->metric[m][id];
                        fprintf(out, ", \"%s\": ", ops->metric_names[id]);
                        if (isfinite(x))
                            print_number(out, x);
                        else
                            fputs("null", out);
                    }
                    fputs(", \"flags\": \"", out);
                    print_flags(out, ops, cell->flags[m]);
                    fputs("\"}", out);
                } else {
                    if (key) {
                        integer_key ? fprintf(out, "%.0f", values[v]) : (print_number(out, values[v]), 0);
                        fputc(',', out);
                    }
                    fprintf(out, "%zu,%s", run, param_method_name(m));
                    for (size_t id = 0; id < ops->n_metrics; id++) {
                        fputc(',', out);
                        print_number(out, cell->metric[m][id]);
                    }
                    fputc(',', out);
                    print_flags(out, ops, cell->flags[m]);
                    fputc('\n', out);
                }
                first_row = 0;
            }
        }
    if (json)
        fputs("\n]}\n", out);
    free(cells);
    return RS_OK;
}
