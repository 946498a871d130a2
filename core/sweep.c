/* sweep.c — worker threads over (value, run) jobs, and running aggregation. */
#include "sweep.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const sweep_spec *s;
    atomic_size_t next; /* next position in run-major order */
    atomic_size_t done; /* finished jobs of this shard */
    atomic_int failed;  /* set by the first failing job */
    pthread_mutex_t err_lock;
    rs_status status;
    rs_error err;
} sweep_state;

static int in_shard(const sweep_spec *s, size_t v, size_t run)
{
    return (v * s->runs + run) % s->shard_count == s->shard_index;
}

/* Number of jobs in the shard. */
static size_t sweep_shard_jobs(const sweep_spec *s)
{
    size_t m = 0;
    for (size_t v = 0; v < s->n_values; v++)
        for (size_t run = 0; run < s->runs; run++)
            m += (size_t)in_shard(s, v, run);
    return m;
}

void sweep_cells_init(sweep_cell *cells, size_t count)
{
    for (size_t c = 0; c < count; c++) {
        for (size_t m = 0; m < METHOD_COUNT; m++) {
            for (size_t i = 0; i < SWEEP_MAX_METRICS; i++)
                cells[c].metric[m][i] = NAN;
            cells[c].flags[m] = 0;
        }
        atomic_init(&cells[c].done, 0);
        atomic_init(&cells[c].parts_done, 0);
    }
}

static size_t sweep_parts(const sweep_spec *s)
{
    return s->parts > 1 && s->job_part ? s->parts : 1;
}

/* Keep the first failure (status and line) for sweep_run to return. */
static void sweep_fail(sweep_state *st, rs_status rc, const rs_error *err)
{
    pthread_mutex_lock(&st->err_lock);
    if (!atomic_load(&st->failed)) {
        st->status = rc;
        st->err = *err;
        atomic_store(&st->failed, 1);
    }
    pthread_mutex_unlock(&st->err_lock);
}

static void *worker(void *arg)
{
    sweep_state *st = arg;
    const sweep_spec *s = st->s;
    const size_t parts = sweep_parts(s);
    const size_t total = s->n_values * s->runs * parts;
    const size_t shard_total = sweep_shard_jobs(s);
    workspace_arena arena; /* this thread's, lent to every job it runs */
    workspace_arena_init(&arena);
    for (;;) {
        if (atomic_load(&st->failed) || (s->cancel && atomic_load(s->cancel)))
            break;
        const size_t k = atomic_fetch_add(&st->next, 1);
        if (k >= total)
            break;
        /* run-major; the parts of one job are taken one after another, so that two
         * workers share the first job before the next one starts */
        const size_t job = k / parts, part = k % parts;
        size_t run, v;
        if (s->order) {
            v = s->order[job] / s->runs;
            run = s->order[job] % s->runs;
        } else {
            run = job / s->n_values;
            v = job % s->n_values;
        }
        if (!in_shard(s, v, run))
            continue;
        sweep_cell *cell = &s->cells[v * s->runs + run];
        rs_error err;
        const rs_status rc =
            parts > 1
                ? s->job_part(s->ctx, v, s->values[v], run, part, cell, &arena, s->cancel, &err)
                : s->job(s->ctx, v, s->values[v], run, cell, &arena, s->cancel, &err);
        if (rc != RS_OK) {
            sweep_fail(st, rc, &err);
            break;
        }
        if (atomic_fetch_add(&cell->parts_done, 1) + 1 < parts)
            continue; /* another part of this job still runs */
        atomic_store_explicit(&cell->done, 1, memory_order_release);
        const size_t done = atomic_fetch_add(&st->done, 1) + 1;
        if (s->progress)
            s->progress(s->pctx, done, shard_total);
    }
    workspace_arena_done(&arena);
    return NULL;
}

rs_status sweep_run(const sweep_spec *s, rs_error *err)
{
    if (s->n_values == 0 || s->runs == 0 || s->threads == 0 || s->shard_count == 0 ||
        s->shard_index >= s->shard_count || !s->job)
        return rs_error_set(err, RS_EINVAL,
                            "sweep_run: values = %zu, runs = %zu, threads = %zu, shard %zu/%zu",
                            s->n_values, s->runs, s->threads, s->shard_index, s->shard_count);
    sweep_state st;
    st.s = s;
    atomic_init(&st.next, 0);
    atomic_init(&st.done, 0);
    atomic_init(&st.failed, 0);
    pthread_mutex_init(&st.err_lock, NULL);
    st.status = RS_OK;
    size_t nthreads = s->threads;
    if (nthreads > s->n_values * s->runs * sweep_parts(s))
        nthreads = s->n_values * s->runs * sweep_parts(s);
    pthread_t tids[256];
    if (nthreads > 256)
        nthreads = 256;
    size_t started = 0;
    /* The calling thread is worker 0; extra threads are the rest. */
    for (size_t t = 1; t < nthreads; t++) {
        if (pthread_create(&tids[t], NULL, worker, &st) != 0)
            break;
        started = t;
    }
    worker(&st);
    for (size_t t = 1; t <= started; t++)
        pthread_join(tids[t], NULL);
    pthread_mutex_destroy(&st.err_lock);
    if (atomic_load(&st.failed)) {
        if (err)
            *err = st.err;
        return st.status;
    }
    if (s->cancel && atomic_load(s->cancel))
        return rs_error_set(err, RS_ECANCELLED, "sweep_run: cancelled");
    return RS_OK;
}

void sweep_aggregate(const sweep_cell *cells, size_t runs, size_t v, int method, size_t id,
                     double *mean, double *std, size_t *count, size_t *nan_runs)
{
    /* Welford's recurrence (stable for many runs). */
    double m = 0.0, m2 = 0.0;
    size_t c = 0, bad = 0;
    for (size_t run = 0; run < runs; run++) {
        const sweep_cell *cell = &cells[v * runs + run];
        if (!atomic_load_explicit(&cell->done, memory_order_acquire))
            continue;
        const double x = cell->metric[method][id];
        if (!isfinite(x)) {
            bad++;
            continue;
        }
        c++;
        const double delta = x - m;
        m += delta / (double)c;
        m2 += delta * (x - m);
    }
    *count = c;
    if (nan_runs)
        *nan_runs = bad;
    *mean = c ? m : NAN;
    *std = c > 1 ? sqrt(m2 / (double)(c - 1)) : (c ? 0.0 : NAN);
}
