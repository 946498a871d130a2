/* model.h — the registry of generators: what app and ui need to run and show any of them
 * without knowing its algorithms. Each generator provides one model_ops. */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "param.h"
#include "sweep.h"

/* The context every job function receives (a job_<gen>_ctx must start with it).
 *
 * Details: by default one job, (detail_value, run 0), fills `detail` for the views. The
 * batch learning rows (SPEC 9: one row per (loss, iteration)) need every job's curve:
 * with detail_value = MODEL_DETAIL_PER_JOB, `detail` points to a model_job_details that
 * gives each job (v, run) its own detail. (A sentinel rather than new fields, so that
 * the positional initialisers `{&p, detail, v}` used everywhere stay complete.) */
typedef struct {
    const rs_params *base; /* the parameters; the swept key is overwritten per job */
    void *detail;          /* generator-specific detail for the non-curve views, may be NULL */
    size_t detail_value;   /* value index whose run 0 fills detail */
} model_ctx;

#define MODEL_DETAIL_PER_JOB SIZE_MAX

/* What `detail` points to when detail_value = MODEL_DETAIL_PER_JOB. */
typedef struct {
    void *const *details; /* n_values * runs details, index v * runs + run; caller-owned */
    size_t runs;
    int learning_only; /* 1: fill only what the learning view needs (no landscape) */
} model_job_details;

/* The detail job (v, run) fills (see above), or NULL. */
void *model_ctx_detail(const model_ctx *ctx, size_t v, size_t run);

/* 1 when the job's detail is read for its learning curves only. */
int model_ctx_learning_only(const model_ctx *ctx);

typedef struct {
    int generator;                    /* rs_generator */
    size_t n_metrics;                 /* metric ids 0..n_metrics-1 of sweep_cell.metric[m] */
    const char *const *metric_names;  /* as printed in CSV headers */
    size_t n_flags;                   /* flag bits 0..n_flags-1 of sweep_cell.flags[m] */
    const char *const *flag_names;    /* as printed in the flags column */
    unsigned methods;                 /* bit set of rs_method the generator accepts */
    sweep_job_fn job;                 /* ctx is a model_ctx */
    size_t (*job_bytes)(const rs_params *p);  /* memory of one job; 0 = overflow */
    rs_status (*check)(const rs_params *p, rs_error *err); /* one parameter point */
    void *(*detail_alloc)(void);
    void (*detail_free)(void *detail);
} model_ops;

/* The parameters of one job: a copy of ctx->base with the swept key set to value.
 * RS_EINVAL (err set) when value is out of the key's range. */
rs_status model_job_params(const model_ctx *ctx, double value, rs_params *p, rs_error *err);

/* The ops of a generator, or NULL when it is not built in. Static storage. */
const model_ops *model_get(int generator);

#endif
