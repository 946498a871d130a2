/* batch_phase.c — the batch rows of a phase map (see batch_phase.h). */
#include "batch_phase.h"

#include <stdlib.h>
#include <unistd.h>

#include "batch_format.h"
#include "batch_meta.h"
#include "machine.h"
#include "model.h"
#include "sweep2.h"

/* One side's map: its parameters, axes and (pair, run) cells. */
typedef struct {
    const rs_params *p;
    sweep2_axes *axes;
    sweep_cell *cells;
} phase_set;

/* How rows are written: the format and, for an A/B pair, the ab column's tag. */
typedef struct {
    FILE *out;
    const model_ops *ops;
    int json, first;
    const char *ab; /* "A" or "B" in the ab column of an A/B pair (--b), or NULL */
} phase_printer;

/* The head: A's parameters and, for an A/B pair, B's --b pairs ("# ab B: KEY=VALUE" lines,
 * "ab_b" in JSON, as the 1-D A/B batch writes them), then the column names. */
static void print_header(const phase_printer *pp, const cli *c)
{
    const rs_params *p = &c->params;
    const char *k1 = param_table[p->sweep].key, *k2 = param_table[p->sweep2].key;
    const batch_meta meta = {c->shard_index, c->shard_count,
                             c->have_preset ? c->preset.name : NULL};
    FILE *out = pp->out;
    if (pp->json) {
        fprintf(out, "{\"generator\": \"%s\", \"sweep\": \"%s\", \"sweep2\": \"%s\", ",
                pp->ops->name, k1, k2);
        if (pp->ab)
            batch_meta_ab_json(out, c->bs, c->n_bs);
        batch_meta_json(out, &meta, p);
        fputs("\"rows\": [\n", out);
        return;
    }
    batch_meta_csv(out, &meta, p);
    if (pp->ab)
        batch_meta_ab_csv(out, c->bs, c->n_bs);
    fprintf(out, "%s%s,%s,run,%s", pp->ab ? "ab," : "", k1, k2, pp->ops->method_key);
    for (size_t id = 0; id < pp->ops->n_metrics; id++)
        fprintf(out, ",%s", pp->ops->metric_names[id]);
    fputs(",flags\n", out);
}

/* One row: the ab tag, both key values, run, method, the metrics and the flags. */
static void print_row(phase_printer *pp, const rs_params *p, double x, double y, size_t run, int m,
                      const sweep_cell *cell)
{
    FILE *out = pp->out;
    const int int1 = param_table[p->sweep].type == PT_SIZE;
    const int int2 = param_table[p->sweep2].type == PT_SIZE;
    if (pp->json) {
        fputs(pp->first ? "  {" : ",\n  {", out);
        if (pp->ab)
            fprintf(out, "\"ab\": \"%s\", ", pp->ab);
        fprintf(out, "\"%s\": ", param_table[p->sweep].key);
        batch_format_key_value(out, x, int1, 1);
        fprintf(out, ", \"%s\": ", param_table[p->sweep2].key);
        batch_format_key_value(out, y, int2, 1);
        fputs(", ", out);
        batch_format_row_tail(out, pp->ops, run, m, cell, 1);
    } else {
        if (pp->ab)
            fprintf(out, "%s,", pp->ab);
        batch_format_key_value(out, x, int1, 0);
        fputc(',', out);
        batch_format_key_value(out, y, int2, 0);
        fputc(',', out);
        batch_format_row_tail(out, pp->ops, run, m, cell, 0);
    }
    pp->first = 0;
}

/* One side's rows (parameters p, sweep values v1 as columns, sweep2 values v2 as rows,
 * cells as sweep2.h lays them out) ordered by sweep value, then sweep2 value, run and
 * method; jobs of other shards (not done) are skipped. */
static void print_rows(phase_printer *pp, const rs_params *p, const double *v1, size_t n1,
                       const double *v2, size_t n2, const sweep_cell *cells)
{
    const unsigned methods = param_methods(p);
    for (size_t i1 = 0; i1 < n1; i1++)
        for (size_t i2 = 0; i2 < n2; i2++)
            for (size_t run = 0; run < p->runs; run++) {
                const sweep_cell *cell = &cells[(i2 * n1 + i1) * p->runs + run];
                if (!atomic_load(&cell->done))
                    continue;
                for (int m = 0; m < METHOD_COUNT; m++)
                    if (methods & (1u << m))
                        print_row(pp, p, v1[i1], v2[i2], run, m, cell);
            }
}

static void print_set(phase_printer *pp, const phase_set *s)
{
    print_rows(pp, s->p, s->axes->v1, s->axes->n1, s->axes->v2, s->axes->n2, s->cells);
}

void batch_phase_print(const cli *c, const double *v1, size_t n1, const double *v2, size_t n2,
                       const sweep_cell *cells, FILE *out)
{
    phase_printer pp = {.out = out,
                        .ops = model_get(c->params.generator),
                        .json = c->format == FORMAT_JSON,
                        .first = 1};
    print_header(&pp, c);
    print_rows(&pp, &c->params, v1, n1, v2, n2, cells);
    if (pp.json)
        fputs("\n]}\n", out);
}

static void phase_set_free(phase_set *s)
{
    free(s->axes), free(s->cells);
    s->axes = NULL, s->cells = NULL;
}

/* Run the map of parameters p, c's shard of its (pair, run) jobs, into s. Each side of an
 * A/B pair is sharded the same way, so shard I of an A/B batch holds shard I of A's map
 * and of B's. */
static rs_status phase_set_run(const cli *c, const rs_params *p, phase_set *s, rs_error *err)
{
    const model_ops *ops = model_get(p->generator);
    *s = (phase_set){.p = p, .axes = malloc(sizeof *s->axes)};
    const size_t pairs = s->axes ? (sweep2_axes_of(p, s->axes), s->axes->n1 * s->axes->n2) : 0;
    s->cells = s->axes ? malloc(pairs * p->runs * sizeof *s->cells) : NULL;
    size_t *order = s->axes ? malloc(pairs * p->runs * sizeof *order) : NULL;
    if (!s->axes || !s->cells || !order) {
        phase_set_free(s), free(order);
        return rs_error_set(err, RS_ENOMEM, "batch: out of memory for a phase map");
    }
    sweep_cells_init(s->cells, pairs * p->runs);
    sweep2_order(s->axes->n1, s->axes->n2, p->runs, order);
    sweep2_ctx ctx = {.ops = ops, .base = p, .axes = s->axes, .detail_pair = (size_t)-1};
    const sweep_spec spec = {.n_values = pairs,
                             .runs = p->runs,
                             .values = s->axes->flat,
                             .cells = s->cells,
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
    free(order);
    if (st != RS_OK)
        phase_set_free(s);
    return st;
}

rs_status batch_phase_run(const cli *c, FILE *out, rs_error *err)
{
    const model_ops *ops = model_get(c->params.generator);
    phase_set a, b = {0};
    rs_status st = phase_set_run(c, &c->params, &a, err);
    if (st == RS_OK && c->n_bs && (st = phase_set_run(c, &c->b_params, &b, err)) != RS_OK)
        phase_set_free(&a);
    if (st != RS_OK)
        return st;
    phase_printer pp = {.out = out,
                        .ops = ops,
                        .json = c->format == FORMAT_JSON,
                        .first = 1,
                        .ab = c->n_bs ? "A" : NULL};
    print_header(&pp, c);
    print_set(&pp, &a);
    if (c->n_bs) { /* --b (issue 17): B's rows after A's, tagged B */
        pp.ab = "B";
        print_set(&pp, &b);
    }
    if (pp.json)
        fputs("\n]}\n", out);
    phase_set_free(&a);
    phase_set_free(&b);
    return RS_OK;
}
