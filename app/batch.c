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
    const char *ab;             /* "A" or "B" in the ab column of an A/B pair (--b), or NULL */
    const char *const *b_pairs; /* the --b pairs, for the head */
    size_t n_b_pairs;
} batch_rows;

static void print_header(const batch_rows *b)
{
    if (b->json) {
        fprintf(b->out, "{\"generator\": \"%s\", \"sweep\": \"%s\", ", b->ops->name,
                b->key ? b->key : "none");
        if (b->ab) /* B's changes from A (--b pairs; the parameters below are A's) */
            batch_meta_ab_json(b->out, b->b_pairs, b->n_b_pairs);
        batch_meta_json(b->out, &b->meta, b->p);
        fputs("\"rows\": [\n", b->out);
        return;
    }
    batch_meta_csv(b->out, &b->meta, b->p);
    if (b->ab)
        batch_meta_ab_csv(b->out, b->b_pairs, b->n_b_pairs);
    if (b->ab)
        fputs("ab,", b->out);
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
        if (b->ab)
            fprintf(out, "\"ab\": \"%s\", ", b->ab);
        if (b->key) {
            fprintf(out, "\"%s\": ", b->key);
            batch_format_key_value(out, value, b->integer_key, 1);
            fputs(", ", out);
        }
        batch_format_row_tail(out, ops, run, m, cell, 1);
    } else {
        if (b->ab)
            fprintf(out, "%s,", b->ab);
        if (b->key) {
            batch_format_key_value(out, value, b->integer_key, 0);
            fputc(',', out);
        }
        batch_format_row_tail(out, ops, run, m, cell, 0);
    }
    b->first_row = 0;
}

static void print_rows(batch_rows *b, const double *values, size_t n_values,
                       const sweep_cell *cells)
{
    const unsigned methods = param_methods(b->p);
    for (size_t v = 0; v < n_values; v++)
        for (size_t run = 0; run < b->p->runs; run++) {
            const sweep_cell *cell = &cells[v * b->p->runs + run];
            if (!atomic_load(&cell->done))
                continue; /* another shard's job */
            for (int m = 0; m < METHOD_COUNT; m++)
                if (methods & (1u << m))
                    print_row(b, values[v], run, m, cell);
        }
}

static void print_cells(batch_rows *b, const double *values, size_t n_values,
                        const sweep_cell *cells)
{
    print_header(b);
    print_rows(b, values, n_values, cells);
    if (b->json)
        fputs("\n]}\n", b->out);
    else
        batch_summary_write(b->out, b->p, b->ops, values, n_values, cells);
}

/* The rows of c's sweep, written to out: the swept key's column, the format, the header's
 * shard and preset. */
static batch_rows rows_for(const cli *c, FILE *out)
{
    const rs_params *p = &c->params;
    return (batch_rows){
        .out = out,
        .p = p,
        .ops = model_get(p->generator),
        .key = p->sweep >= 0 ? param_table[p->sweep].key : NULL,
        .integer_key = p->sweep >= 0 && param_table[p->sweep].type == PT_SIZE,
        .json = c->format == FORMAT_JSON,
        .first_row = 1,
        .meta = {c->shard_index, c->shard_count, c->have_preset ? c->preset.name : NULL}};
}

void batch_print(const cli *c, const double *values, size_t n_values, const sweep_cell *cells,
                 FILE *out)
{
    batch_rows b = rows_for(c, out);
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

/* The cells of parameters p's sweep (c's shard) into *out (allocated; NULL on error). */
static rs_status run_cells(const cli *c, const rs_params *p, double *values, size_t *n_values,
                           sweep_cell **out, rs_error *err)
{
    *out = NULL;
    *n_values = param_sweep_values(p, values);
    sweep_cell *cells = malloc(*n_values * p->runs * sizeof *cells);
    cli *cp = malloc(sizeof *cp); /* batch_sweep runs c->params: a copy of c with p */
    if (!cells || !cp) {
        free(cells);
        free(cp);
        return rs_error_set(err, RS_ENOMEM, "batch: %zu cells", *n_values * p->runs);
    }
    sweep_cells_init(cells, *n_values * p->runs);
    *cp = *c;
    cp->params = *p;
    model_ctx ctx = {.base = &cp->params};
    const rs_status st = batch_sweep(cp, values, *n_values, cells, &ctx, err);
    free(cp);
    if (st != RS_OK)
        free(cells);
    else
        *out = cells;
    return st;
}

/* --b (issue 17, point 2): A's rows then B's, each tagged in the ab column; the head
 * records A's parameters and, per --b pair, a "# ab B: KEY=VALUE" line. */
static rs_status batch_ab_run(const cli *c, FILE *out, rs_error *err)
{
    static double va[PARAM_MAX_LIST], vb[PARAM_MAX_LIST];
    size_t na, nb = 0;
    sweep_cell *ca, *cb = NULL;
    rs_status st = run_cells(c, &c->params, va, &na, &ca, err);
    if (st == RS_OK)
        st = run_cells(c, &c->b_params, vb, &nb, &cb, err);
    if (st != RS_OK) {
        free(ca);
        return st;
    }
    batch_rows b = rows_for(c, out);
    b.ab = "A";
    b.b_pairs = c->bs;
    b.n_b_pairs = c->n_bs;
    print_header(&b);
    print_rows(&b, va, na, ca);
    b.ab = "B";
    b.p = &c->b_params;
    print_rows(&b, vb, nb, cb);
    if (b.json) {
        fputs("\n]}\n", out);
    } else {
        batch_summary_write(out, &c->params, b.ops, va, na, ca);
        batch_summary_write(out, &c->b_params, b.ops, vb, nb, cb);
    }
    free(ca);
    free(cb);
    return RS_OK;
}

rs_status batch_run(const cli *c, FILE *out, rs_error *err)
{
    const rs_params *p = &c->params;
    if (p->sweep2 >= 0) /* a phase map: both key columns (issue 17) */
        return batch_phase_run(c, out, err);
    if (batch_learning_wanted(p))
        return batch_learning_run(c, out, err);
    if (c->n_bs)
        return batch_ab_run(c, out, err);
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
