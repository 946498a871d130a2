/* model.c — the generator registry: a list of the descriptors each generator folder
 * exports, and what every generator shares (job parameters, detail heads, memory). */
#include "model.h"

extern const model_ops model_relu, model_matrix, model_teacher, model_quadratic;

/* Indexed by rs_generator; a generator not built in is NULL. */
static const model_ops *const model_registry[GEN_COUNT] = {
    [GEN_RELU] = &model_relu,
    [GEN_MATRIX] = &model_matrix,
    [GEN_TEACHER] = &model_teacher,
    [GEN_QUADRATIC] = &model_quadratic,
};

const model_ops *model_get(int generator)
{
    return generator >= 0 && generator < GEN_COUNT ? model_registry[generator] : NULL;
}

size_t model_job_parts(const model_ops *ops, const rs_params *p)
{
    const size_t parts = ops->parts && ops->job_part ? ops->parts(p) : 1;
    return parts ? parts : 1;
}

void model_detail_head_init(model_detail_head *h)
{
    pthread_mutex_init(&h->lock, NULL);
    h->ready = 0;
}

void model_detail_head_done(model_detail_head *h)
{
    pthread_mutex_destroy(&h->lock);
}

rs_status model_job_params(const model_ctx *ctx, double value, rs_params *p, rs_error *err)
{
    *p = *ctx->base;
    return p->sweep >= 0 ? param_set_number(p, p->sweep, value, err) : RS_OK;
}

void *model_ctx_detail(const model_ctx *ctx, size_t v, size_t run)
{
    if (ctx->per_job)
        return ctx->per_job->details[v * ctx->per_job->runs + run];
    return ctx->detail && v == ctx->detail_value && run == 0 ? ctx->detail : NULL;
}

int model_ctx_learning_only(const model_ctx *ctx)
{
    return ctx->per_job && ctx->per_job->learning_only;
}

rs_status model_memory_check(const rs_params *p, size_t threads, uint64_t avail_bytes,
                             rs_error *err)
{
    const model_ops *ops = model_get(p->generator);
    if (!ops)
        return rs_error_set(err, RS_EINVAL, "generator=%d: not built into this version",
                            p->generator);
    double values[PARAM_MAX_LIST], values2[PARAM_MAX_LIST];
    const size_t m = param_sweep_values(p, values), m2 = param_sweep2_values(p, values2);
    const size_t jobs = m * m2 * p->runs * model_job_parts(ops, p); /* parts in flight */
    const size_t in_flight = threads < jobs ? threads : jobs;
    const double avail = (double)avail_bytes;
    for (size_t j = 0; j < m * m2; j++) {
        rs_params q = *p;
        if (p->sweep >= 0 && param_set_number(&q, p->sweep, values[j % m], NULL) != RS_OK)
            continue;
        if (p->sweep2 >= 0 && param_set_number(&q, p->sweep2, values2[j / m], NULL) != RS_OK)
            continue;
        const size_t bytes = ops->job_bytes(&q);
        const double need = (double)bytes * (double)in_flight;
        /* Leave a quarter of the machine to the system and the rest of the process. */
        if (bytes == 0 || (avail > 0.0 && need > 0.75 * avail))
            return rs_error_set(err, RS_ENOMEM,
                                "n=%zu, d=%zu: needs %.1f GB (%zu job(s) in parallel), more than "
                                "this machine's %.1f GB of memory allows",
                                q.n, q.d, need / 1e9, in_flight, avail / 1e9);
    }
    return RS_OK;
}
