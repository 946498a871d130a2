/* batch_learning.c — learning-curve rows for --batch (SPEC 9: "one row per (loss,
 * iteration) for learning curves").
 *
 * Every job (v, run) fills its own detail through model_job_details (model.h), with
 * learning_only set so that no landscape is computed; the rows are the iterations the
 * detail keeps:
 *  - teacher: `[KEY,]run,loss,iteration,e_a,loss_value,e_perm,flags` per compared loss, at the
 *    recorded iterations (each of the first TEACHER_EARLY, then every
 *    job_teacher_stride(iters)-th and the last; iteration 0 is the common start);
 *  - matrix: `[KEY,]run,estimator,iteration,objective,nll,violation,rel_err_m,flags` for
 *    mle (svd does not iterate), iteration 0 = the SVD warm start, at most
 *    MATRIX_LEARN_MAX iterations.
 * flags are the run's final flags of that method. Memory: one detail per job (about
 * 0.3 MB for teacher, 0.2 MB for matrix), so runs x values is what bounds it. */
#include "batch_learning.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "job_matrix.h"
#include "job_teacher.h"
#include "model.h"
#include "sweep.h"

enum { LEARN_COLS_MAX = 4 };

bool batch_learning_wanted(const rs_params *p)
{
    return p->view == VIEW_LEARNING && (p->generator == GEN_TEACHER || p->generator == GEN_MATRIX);
}

static void progress(void *pctx, size_t done, size_t total)
{
    (void)pctx;
    fprintf(stderr, "\rreluscope: %zu/%zu jobs", done, total);
    if (done == total)
        fputc('\n', stderr);
}

/* CSV: nan / inf / -inf spelled out; JSON: null for those (as batch.c). */
static void put_number(FILE *out, double x, int json)
{
    if (isfinite(x))
        fprintf(out, "%.12g", x);
    else if (json)
        fputs("null", out);
    else
        fputs(isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf"), out);
}

static void put_flags(FILE *out, const model_ops *ops, unsigned flags)
{
    int first = 1;
    for (size_t b = 0; b < ops->n_flags; b++)
        if (flags & (1u << b)) {
            fprintf(out, "%s%s", first ? "" : "|", ops->flag_names[b]);
            first = 0;
        }
}

/* What one row holds besides the key and run. */
typedef struct {
    int method;
    size_t iteration;
    double val[LEARN_COLS_MAX];
    unsigned flags;
} learn_row;

typedef struct {
    FILE *out;
    const rs_params *p;
    const model_ops *ops;
    const char *key, *method_col;
    const char *const *cols;
    size_t n_cols;
    int json, integer_key, first;
} learn_printer;

static void print_row(learn_printer *lp, double value, size_t run, const learn_row *r)
{
    FILE *out = lp->out;
    if (lp->json) {
        fprintf(out, "%s  {", lp->first ? "" : ",\n");
        if (lp->key) {
            fprintf(out, "\"%s\": ", lp->key);
            lp->integer_key ? fprintf(out, "%.0f", value) : (put_number(out, value, 1), 0);
            fputs(", ", out);
        }
        fprintf(out, "\"run\": %zu, \"%s\": \"%s\", \"iteration\": %zu", run, lp->method_col,
                param_method_name(r->method), r->iteration);
        for (size_t j = 0; j < lp->n_cols; j++) {
            fprintf(out, ", \"%s\": ", lp->cols[j]);
            put_number(out, r->val[j], 1);
        }
        fputs(", \"flags\": \"", out);
        put_flags(out, lp->ops, r->flags);
        fputs("\"}", out);
    } else {
        if (lp->key) {
            lp->integer_key ? fprintf(out, "%.0f", value) : (put_number(out, value, 0), 0);
            fputc(',', out);
        }
        fprintf(out, "%zu,%s,%zu", run, param_method_name(r->method), r->iteration);
        for (size_t j = 0; j < lp->n_cols; j++) {
            fputc(',', out);
            put_number(out, r->val[j], 0);
        }
        fputc(',', out);
        put_flags(out, lp->ops, r->flags);
        fputc('\n', out);
    }
    lp->first = 0;
}

static void print_job(learn_printer *lp, double value, size_t run, const sweep_cell *cell,
                      const void *detail)
{
    const unsigned methods = param_methods(lp->p);
    if (lp->p->generator == GEN_TEACHER) {
        const teacher_detail *det = detail;
        for (int m = 0; m < METHOD_COUNT; m++) {
            if (!(methods & det->methods & (1u << m)))
                continue;
            for (size_t j = 0; j < det->curve_len[m]; j++) {
                const learn_row r = {m, det->curve_iter[m][j],
                                     {det->curve_e[m][j], det->curve_loss[m][j], det->curve_e_perm[m][j]},
                                     cell->flags[m]};
                print_row(lp, value, run, &r);
            }
        }
        return;
    }
    const matrix_detail *det = detail;
    if (!(methods & (1u << METHOD_MLE)))
        return;
    for (size_t j = 0; j < det->learn_len; j++) {
        const learn_row r = {METHOD_MLE, j,
                             {det->learn_objective[j], det->learn_nll[j], det->learn_violation[j],
                              det->learn_rel_err[j]},
                             cell->flags[METHOD_MLE]};
        print_row(lp, value, run, &r);
    }
}

static void print_all(const cli *c, const model_ops *ops, const double *values, size_t n_values,
                      const sweep_cell *cells, void *const *details, FILE *out)
{
    static const char *const teacher_cols[] = {"e_a", "loss_value", "e_perm"};
    static const char *const matrix_cols[] = {"objective", "nll", "violation", "rel_err_m"};
    const rs_params *p = &c->params;
    const int teacher = p->generator == GEN_TEACHER;
    learn_printer lp = {out, p, ops, p->sweep >= 0 ? param_table[p->sweep].key : NULL,
                        teacher ? "loss" : "estimator", teacher ? teacher_cols : matrix_cols,
                        teacher ? 3 : 4, c->format == FORMAT_JSON,
                        p->sweep >= 0 && param_table[p->sweep].type == PT_SIZE, 1};
    if (lp.json) {
        fprintf(out, "{\"generator\": \"%s\", \"view\": \"learning\", \"sweep\": \"%s\", \"rows\": [\n",
                param_generator_name(p->generator), lp.key ? lp.key : "none");
    } else {
        if (lp.key)
            fprintf(out, "%s,", lp.key);
        fprintf(out, "run,%s,iteration", lp.method_col);
        for (size_t j = 0; j < lp.n_cols; j++)
            fprintf(out, ",%s", lp.cols[j]);
        fputs(",flags\n", out);
    }
    for (size_t v = 0; v < n_values; v++)
        for (size_t run = 0; run < p->runs; run++) {
            const sweep_cell *cell = &cells[v * p->runs + run];
            if (atomic_load(&cell->done)) /* else another shard's job */
                print_job(&lp, values[v], run, cell, details[v * p->runs + run]);
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
                          "lower runs or the sweep)", jobs);
        goto done;
    }
    sweep_cells_init(cells, jobs);
    model_job_details jd = {details, runs, 1};
    model_ctx ctx = {p, &jd, MODEL_DETAIL_PER_JOB};
    sweep_spec spec = {n_values, runs, values, cells, cli_threads(p), c->shard_index,
                       c->shard_count, ops->job, &ctx, isatty(2) ? progress : NULL, NULL, NULL};
    if ((st = sweep_run(&spec, err)) == RS_OK)
        print_all(c, ops, values, n_values, cells, details, out);
done:
    for (size_t j = 0; details && j < jobs; j++)
        ops->detail_free(details[j]);
    free(details);
    free(cells);
    return st;
}
