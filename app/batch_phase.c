/* batch_phase.c — the batch rows of a phase map (see batch_phase.h). */
#include "batch_phase.h"

#include <stdlib.h>
#include <unistd.h>

#include "batch_format.h"
#include "batch_meta.h"
#include "machine.h"
#include "model.h"
#include "sweep2.h"

static void print_header(FILE *out, const cli *c, const model_ops *ops, const char *k1,
                         const char *k2)
{
    const rs_params *p = &c->params;
    const batch_meta meta = {c->shard_index, c->shard_count,
                             c->have_preset ? c->preset.name : NULL};
    if (c->format == FORMAT_JSON) {
        fprintf(out, "{\"generator\": \"%s\", \"sweep\": \"%s\", \"sweep2\": \"%s\", ", ops->name,
                k1, k2);
        batch_meta_json(out, &meta, p);
        fputs("\"rows\": [\n", out);
        return;
    }
    batch_meta_csv(out, &meta, p);
    fprintf(out, "%s,%s,run,%s", k1, k2, ops->method_key);
    for (size_t id = 0; id < ops->n_metrics; id++)
        fprintf(out, ",%s", ops->metric_names[id]);
    fputs(",flags\n", out);
}

/* One row: both key values, run, method, the metrics and the flags. */
static void print_row(FILE *out, int json, const model_ops *ops, const rs_params *p, double x,
                      double y, size_t run, int m, const sweep_cell *cell, int first)
{
    const int int1 = param_table[p->sweep].type == PT_SIZE;
    const int int2 = param_table[p->sweep2].type == PT_SIZE;
    if (json) {
        fprintf(out, "%s  {\"%s\": ", first ? "" : ",\n", param_table[p->sweep].key);
        batch_format_key_value(out, x, int1, 1);
        fprintf(out, ", \"%s\": ", param_table[p->sweep2].key);
        batch_format_key_value(out, y, int2, 1);
        fputs(", ", out);
        batch_format_row_tail(out, ops, run, m, cell, 1);
        return;
    }
    batch_format_key_value(out, x, int1, 0);
    fputc(',', out);
    batch_format_key_value(out, y, int2, 0);
    fputc(',', out);
    batch_format_row_tail(out, ops, run, m, cell, 0);
}

/* Rows ordered by sweep value, then sweep2 value, run and method; jobs of other shards
 * (not done) are skipped. */
void batch_phase_print(const cli *c, const double *v1, size_t n1, const double *v2, size_t n2,
                       const sweep_cell *cells, FILE *out)
{
    const rs_params *p = &c->params;
    const model_ops *ops = model_get(p->generator);
    const int json = c->format == FORMAT_JSON;
    const unsigned methods = param_methods(p);
    print_header(out, c, ops, param_table[p->sweep].key, param_table[p->sweep2].key);
    int first = 1;
    for (size_t i1 = 0; i1 < n1; i1++)
        for (size_t i2 = 0; i2 < n2; i2++)
            for (size_t run = 0; run < p->runs; run++) {
                const sweep_cell *cell = &cells[(i2 * n1 + i1) * p->runs + run];
                if (!atomic_load(&cell->done))
                    continue;
                for (int m = 0; m < METHOD_COUNT; m++)
                    if (methods & (1u << m)) {
                        print_row(out, json, ops, p, v1[i1], v2[i2], run, m, cell, first);
                        first = 0;
                    }
            }
    if (json)
        fputs("\n]}\n", out);
}

rs_status batch_phase_run(const cli *c, FILE *out, rs_error *err)
{
    const rs_params *p = &c->params;
    const model_ops *ops = model_get(p->generator);
    sweep2_axes *a = malloc(sizeof *a);
    const size_t pairs = a ? (sweep2_axes_of(p, a), a->n1 * a->n2) : 0;
    sweep_cell *cells = a ? malloc(pairs * p->runs * sizeof *cells) : NULL;
    size_t *order = a ? malloc(pairs * p->runs * sizeof *order) : NULL;
    if (!a || !cells || !order) {
        free(a), free(cells), free(order);
        return rs_error_set(err, RS_ENOMEM, "batch: out of memory for a phase map");
    }
    sweep_cells_init(cells, pairs * p->runs);
    sweep2_order(a->n1, a->n2, p->runs, order);
    sweep2_ctx ctx = {.ops = ops, .base = p, .axes = a, .detail_pair = (size_t)-1};
    const sweep_spec spec = {.n_values = pairs,
                             .runs = p->runs,
                             .values = a->flat,
                             .cells = cells,
                             .threads = machine_threads(p),
                             .shard_index = c->shard_index,
                             .shard_count = c->shard_count,
                             .job = sweep2_job,
                             .parts = model_job_parts(ops, p),
                             .job_part = sweep2_part,
                             .ctx = &ctx,
                             .order = order,
                             .progress = isatty(2) ? batch_format_progress : NULL};
    const rs_status st = sweep_run(&spec, err);
    if (st == RS_OK)
        batch_phase_print(c, a->v1, a->n1, a->v2, a->n2, cells, out);
    free(a), free(cells), free(order);
    return st;
}
