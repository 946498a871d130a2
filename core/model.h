/* model.h — the generator registry: what app and ui need to run and show any generator
 * without knowing its algorithms.
 *
 * A generator is a plug-in: its folder (core/<gen>/) holds its algorithms and one
 * descriptor, `const model_ops model_<gen>` in model_<gen>.c, with designated
 * initialisers (htop's MeterClass tables, GSL's exported `_type` pointers). model.c is
 * only the list of those descriptors; generic code (param checks, worker, batch, views)
 * reads descriptors and never switches on the generator. */
#ifndef MODEL_H
#define MODEL_H

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "param.h"
#include "sweep.h"

/* The head every generator's detail struct starts with (detail_<gen>.h): the job writes
 * the detail under `lock` and sets `ready` last; a view reads it under the lock. Generic
 * code (the views' dispatch) reaches lock and ready through this head alone. */
typedef struct {
    pthread_mutex_t lock;
    int ready; /* 1 once every field the detail views read is final */
} model_detail_head;

/* Initialise / destroy a head (for the generators' detail_alloc / detail_free). */
void model_detail_head_init(model_detail_head *h);
void model_detail_head_done(model_detail_head *h);

/* Details of every job, for the batch learning rows (SPEC 9: one row per (loss,
 * iteration) needs every job's curve). Borrowed. */
typedef struct {
    void *const *details; /* n_values * runs details, index v * runs + run; caller-owned */
    size_t runs;
    int learning_only; /* 1: fill only what the learning view needs (no landscape) */
} model_job_details;

/* The context every job function receives. One job, (detail_value, run 0), fills
 * `detail` for the views; or, when `per_job` is set, every job (v, run) fills its own. */
typedef struct {
    const rs_params *base;            /* the parameters; the swept key is set per job */
    void *detail;                     /* the generator's detail, or NULL */
    size_t detail_value;              /* value index whose run 0 fills detail */
    const model_job_details *per_job; /* NULL, or one detail per job (then detail unused) */
} model_ctx;

/* The detail job (v, run) fills (see model_ctx), or NULL. */
void *model_ctx_detail(const model_ctx *ctx, size_t v, size_t run);

/* 1 when the job's detail is read for its learning curves only. */
int model_ctx_learning_only(const model_ctx *ctx);

/* A default of the generator that differs from the parameter table's. */
typedef struct {
    const char *key, *value;
} model_default;

/* One row of a learning curve: a method's values at one recorded iteration. */
enum { MODEL_LEARNING_COLS_MAX = 4 };
typedef struct {
    int method; /* rs_method */
    size_t iteration;
    double value[MODEL_LEARNING_COLS_MAX]; /* one per model_learning.cols */
    unsigned flags;                        /* the job's flags of that method */
} model_learning_row;

typedef void (*model_learning_emit)(const model_learning_row *row, void *ctx);

/* The learning curves a generator that iterates records in its detail (SPEC 9: batch
 * rows per iteration with view = learning). */
typedef struct {
    const char *const *cols; /* column names of model_learning_row.value */
    size_t n_cols;           /* <= MODEL_LEARNING_COLS_MAX */
    /* Call emit for every recorded iteration of the methods in `methods`, in order, from
     * a detail filled by job (v, run) whose cell is `cell`. */
    void (*rows)(const void *detail, unsigned methods, const sweep_cell *cell,
                 model_learning_emit emit, void *ctx);
} model_learning;

/* An old method name a generator still accepts: parsing the method key or compare for
 * this generator stores `to` instead of `from` and sets `from` in rs_params.aliased, so
 * that app can say so once (relu: mle -> truncated, SPEC 10). */
typedef struct {
    int from, to; /* rs_method */
} model_alias;

/* What one metric's values can be, declared beside its name so that the views clip
 * ±sd bands to it and choose its y axis by a rule that never flips under a knob
 * (issue 13, points 2 and 3). NAN on a side without a bound. */
typedef struct {
    double lo, hi;
    bool log_axis; /* a positive quantity spanning decades (an error, a time): log y */
} model_metric_range;

/* The usual metric: an error, a norm, a count or a time, in [0, inf) on a log axis. */
#define MODEL_METRIC_ERROR                                                                         \
    {                                                                                              \
        .lo = 0, .hi = NAN, .log_axis = true                                                       \
    }

/* What one generator is, for the generic code. */
typedef struct {
    const char *name;                /* its value of the generator key, e.g. "relu" */
    const char *summary;             /* one line: the model and the paper it follows */
    const char *method_key;          /* the key choosing one method: "estimator" or "loss" */
    unsigned methods;                /* bit set of rs_method it accepts */
    unsigned views;                  /* bit set of rs_view it offers */
    const model_default *defaults;   /* its own defaults, ending with {NULL, NULL} */
    const model_alias *aliases;      /* old method names, ending with {-1, -1}, or NULL */
    const model_learning *learning;  /* its learning curves, or NULL when nothing iterates */
    size_t n_metrics;                /* metric ids 0..n_metrics-1 of sweep_cell.metric[m] */
    const char *const *metric_names; /* as printed in CSV headers */
    const model_metric_range *metric_ranges; /* per metric id: what its values can be */
    size_t n_flags;                          /* flag bits 0..n_flags-1 of sweep_cell.flags[m] */
    const char *const *flag_names;           /* as printed in the flags column */
    sweep_job_fn job;                        /* ctx is a model_ctx */
    /* Optional: the number of independent parts a job at p splits into (e.g. one per
     * loss) and the part runner (sweep.h), whose cells equal job's bit for bit; NULL when
     * a job is one unit. */
    size_t (*parts)(const rs_params *p);
    sweep_part_fn job_part;
    size_t (*job_bytes)(const rs_params *p); /* memory of one job; 0 = overflow */
    /* The generator's own checks of one parameter point (the generic ones, in
     * param_check, have run: k <= d, methods, coordinates < d). */
    rs_status (*check)(const rs_params *p, rs_error *err);
    void *(*detail_alloc)(void); /* a detail starting with model_detail_head */
    void (*detail_free)(void *detail);
    /* Optional: a job fills only what the view it runs under shows (p.view); detail_lacks
     * says whether a ready detail lacks what `view` shows, and detail_fill completes it
     * for ctx->base->view without running the job again (value: the sweep value of
     * ctx->detail_value). The worker calls them when the view switches. */
    int (*detail_lacks)(const void *detail, int view);
    rs_status (*detail_fill)(const model_ctx *ctx, double value, workspace_arena *arena,
                             const atomic_int *cancel, rs_error *err);
} model_ops;

/* Entries of a static array, so a name list and its count cannot drift apart. */
#define MODEL_COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The parameters of one job: a copy of ctx->base with the swept key set to value.
 * RS_EINVAL (err set) when value is out of the key's range. */
rs_status model_job_params(const model_ctx *ctx, double value, rs_params *p, rs_error *err);

/* Parts of one job of ops at p (sweep_spec.parts): ops->parts(p), or 1. */
size_t model_job_parts(const model_ops *ops, const rs_params *p);

/* The descriptor of a generator, or NULL when it is not built in. Static storage. */
const model_ops *model_get(int generator);

/* Refuse, before anything is allocated, a computation whose jobs in flight at once
 * (`threads` of them, each ops->job_bytes at the largest value of a swept size) would
 * not fit in memory: RS_ENOMEM with one line naming the sizes. `avail_bytes` is the
 * caller's measure of the memory it may use (core reads no system state). */
rs_status model_memory_check(const rs_params *p, size_t threads, uint64_t avail_bytes,
                             rs_error *err);

#endif
