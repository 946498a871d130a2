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
    const char *ab; /* "A" or "B" in the ab column of an A/B pair (--b), or NULL */
} learn_printer;

/* One side's learning curves: the cells and the detail of every job of its sweep. */
typedef struct {
    const rs_params *p;
    double values[PARAM_MAX_LIST];
    size_t n_values, jobs;
    sweep_cell *cells;
    void **details;
} learn_set;

/* A model_learning_emit: one row. */
static void print_row(const model_learning_row *r, void *ctx)
{
    learn_printer *lp = ctx;
    FILE *out = lp->out;
    const model_learning *ml = lp->ops->learning;
    if (lp->json) {
        fprintf(out, "%s  {", lp->first ? "" : ",\n");
        if (lp->ab)
            fprintf(out, "\"ab\": \"%s\", ", lp->ab);
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
        if (lp->ab)
            fprintf(out, "%s,", lp->ab);
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

/* The head: A's parameters and, for an A/B pair, B's --b pairs ("# ab B: KEY=VALUE" lines,
 * "ab_b" in JSON), then the column names. */
static void print_head(const cli *c, const model_ops *ops, const learn_printer *lp, FILE *out)
{
    const rs_params *p = &c->params;
    const batch_meta meta = {c->shard_index, c->shard_count,
                             c->have_preset ? c->preset.name : NULL};
    if (lp->json) {
        fprintf(out, "{\"generator\": \"%s\", \"view\": \"learning\", \"sweep\": \"%s\", ",
                ops->name, lp->key ? lp->key : "none");
        if (c->n_bs)
            batch_meta_ab_json(out, c->bs, c->n_bs);
        batch_meta_json(out, &meta, p);
        fputs("\"rows\": [\n", out);
        return;
    }
    batch_meta_csv(out, &meta, p);
    batch_meta_ab_csv(out, c->bs, c->n_bs);
    if (c->n_bs)
        fputs("ab,", out);
    if (lp->key)
        fprintf(out, "%s,", lp->key);
    fprintf(out, "run,%s,iteration", ops->method_key);
    for (size_t j = 0; j < ops->learning->n_cols; j++)
        fprintf(out, ",%s", ops->learning->cols[j]);
    fputs(",flags\n", out);
}

/* The rows of one side, sweep value by value, run by run; other shards' jobs skipped. */
static void print_set(const learn_set *ls, const model_ops *ops, learn_printer *lp)
{
    const unsigned methods = param_methods(ls->p);
    const size_t runs = ls->p->runs;
    for (size_t v = 0; v < ls->n_values; v++)
        for (size_t run = 0; run < runs; run++) {
            const sweep_cell *cell = &ls->cells[v * runs + run];
            if (!atomic_load(&cell->done))
                continue; /* another shard's job */
            lp->value = ls->values[v];
            lp->run = run;
            ops->learning->rows(ls->details[v * runs + run], methods, cell, print_row, lp);
        }
}

static void learn_set_free(learn_set *ls, const model_ops *ops)
{
    for (size_t j = 0; ls->details && j < ls->jobs; j++)
        ops->detail_free(ls->details[j]);
    free(ls->details);
    free(ls->cells);
    ls->details = NULL, ls->cells = NULL;
}

/* Run the sweep of parameters p (c's shard) with one learning detail per job into ls. */
static rs_status learn_set_run(const cli *c, const rs_params *p, const model_ops *ops,
                               learn_set *ls, rs_error *err)
{
    *ls = (learn_set){.p = p};
    ls->n_values = param_sweep_values(p, ls->values);
    ls->jobs = ls->n_values * p->runs;
    ls->cells = malloc(ls->jobs * sizeof *ls->cells);
    ls->details = calloc(ls->jobs, sizeof *ls->details);
    for (size_t j = 0; ls->cells && ls->details && j < ls->jobs; j++)
        if (!(ls->details[j] = ops->detail_alloc()))
            break;
    cli *cp = malloc(sizeof *cp); /* batch_sweep runs c->params: a copy of c with p */
    if (!cp || !ls->cells || !ls->details || (ls->jobs && !ls->details[ls->jobs - 1])) {
        free(cp);
        learn_set_free(ls, ops);
        return rs_error_set(err, RS_ENOMEM,
                            "batch: no memory for %zu learning-curve details (one per job; "
                            "lower runs or the sweep)",
                            ls->jobs);
    }
    sweep_cells_init(ls->cells, ls->jobs);
    *cp = *c;
    cp->params = *p;
    const model_job_details jd = {.details = ls->details, .runs = p->runs, .learning_only = 1};
    model_ctx ctx = {.base = &cp->params, .per_job = &jd};
    const rs_status st = batch_sweep(cp, ls->values, ls->n_values, ls->cells, &ctx, err);
    free(cp);
    if (st != RS_OK)
        learn_set_free(ls, ops);
    return st;
}

rs_status batch_learning_run(const cli *c, FILE *out, rs_error *err)
{
    const rs_params *p = &c->params;
    const model_ops *ops = model_get(p->generator);
    learn_set a, b = {0};
    rs_status st = learn_set_run(c, p, ops, &a, err);
    if (st == RS_OK && c->n_bs && (st = learn_set_run(c, &c->b_params, ops, &b, err)) != RS_OK)
        learn_set_free(&a, ops);
    if (st != RS_OK)
        return st;
    learn_printer lp = {.out = out,
                        .ops = ops,
                        .key = p->sweep >= 0 ? param_table[p->sweep].key : NULL,
                        .json = c->format == FORMAT_JSON,
                        .integer_key = p->sweep >= 0 && param_table[p->sweep].type == PT_SIZE,
                        .first = 1,
                        .ab = c->n_bs ? "A" : NULL};
    print_head(c, ops, &lp, out);
    print_set(&a, ops, &lp);
    if (c->n_bs) { /* --b (issue 17, point 2): B's rows after A's, tagged B */
        lp.ab = "B";
        print_set(&b, ops, &lp);
    }
    if (lp.json)
        fputs("\n]}\n", out);
    learn_set_free(&a, ops);
    learn_set_free(&b, ops);
    return RS_OK;
}
