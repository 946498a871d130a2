/* worker.c — the background computation thread (see worker.h). */
#include "worker.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eta.h"
#include "model.h"
#include "sweep.h"
#include "sweep2.h"

typedef struct comp {
    rs_params p;
    const model_ops *ops;
    double values[PARAM_MAX_LIST];
    size_t n_values, runs, threads, total, detail_value;
    sweep_cell *cells;
    void *detail;
    model_ctx ctx;
    /* a phase map (sweep2 set): the pairs, their order and the pair jobs' context */
    sweep2_axes *axes; /* NULL for a 1-D sweep */
    size_t *order;
    sweep2_ctx ctx2;
    atomic_int cancel;
    atomic_size_t done;
    /* Per sweep value, the measured jobs for the ETA (issue 13, point 17): summed job
     * time in ns and the finished units (a whole job counts `parts` units, a part 1). */
    atomic_ullong job_ns[PARAM_MAX_LIST];
    atomic_size_t job_units[PARAM_MAX_LIST];
    size_t parts;
    double cost[PARAM_MAX_LIST]; /* n·d of a job at each value: eta.h's model cost */
    atomic_int finished;         /* the worker thread no longer touches it */
    int fill;    /* the detail was carried over ready: complete it for p.view (detail_fill) */
    int started; /* the worker took it (under w->lock) */
    /* written by the worker under w->lock */
    double t_start, t_end; /* 0 = not yet */
    rs_status status;
    char error[RS_ERROR_LEN];
    struct worker *w;
    struct comp *next; /* retired list */
} comp;

struct worker {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake, finished;
    comp *current, *pending, *retired;
    comp *frozen;      /* A of an A/B pair (issue 17, point 2), or NULL */
    view_input a_view; /* what worker_view points ab_a at (main thread only) */
    atomic_int paused;
    int quit;
    double last_s;
    unsigned long generation;
};

static void comp_free(comp *c)
{
    if (!c)
        return;
    free(c->cells);
    free(c->axes);
    free(c->order);
    if (c->detail && c->ops->detail_free)
        c->ops->detail_free(c->detail);
    free(c);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Called by sweep workers after each job: count it, and hold here while paused. */
static void on_progress(void *pctx, size_t done, size_t total)
{
    (void)done;
    (void)total;
    comp *c = pctx;
    atomic_fetch_add(&c->done, 1);
    while (atomic_load(&c->w->paused) && !atomic_load(&c->cancel))
        sleep_ms(20);
}

/* Count a job (or part) of value v that took t0..now. */
static void timed(comp *c, size_t v, double t0, size_t units, rs_status st)
{
    if (st != RS_OK || v >= PARAM_MAX_LIST)
        return;
    const double dt = rs_now_s() - t0;
    atomic_fetch_add(&c->job_ns[v], (unsigned long long)(dt > 0 ? dt * 1e9 : 0));
    atomic_fetch_add(&c->job_units[v], units);
}

/* The ETA's sweep value of job value index v: a phase map times its pairs by column (the
 * sweep's value), as a 1-D sweep times its values. */
static size_t eta_column(const comp *c, size_t v)
{
    return c->axes ? v % c->axes->n1 : v;
}

/* Jobs whose cell was carried over from the previous computation are already done. */
static rs_status comp_job(void *ctx, size_t v, double value, size_t run, sweep_cell *cell,
                          workspace_arena *arena, const atomic_int *cancel, rs_error *err)
{
    comp *c = ctx;
    if (atomic_load_explicit(&cell->done, memory_order_acquire))
        return RS_OK;
    const double t0 = rs_now_s();
    const rs_status st = c->axes ? sweep2_job(&c->ctx2, v, value, run, cell, arena, cancel, err)
                                 : c->ops->job(&c->ctx, v, value, run, cell, arena, cancel, err);
    timed(c, eta_column(c, v), t0, c->parts, st);
    return st;
}

static rs_status comp_part(void *ctx, size_t v, double value, size_t run, size_t part,
                           sweep_cell *cell, workspace_arena *arena, const atomic_int *cancel,
                           rs_error *err)
{
    comp *c = ctx;
    if (atomic_load_explicit(&cell->done, memory_order_acquire))
        return RS_OK;
    const double t0 = rs_now_s();
    const rs_status st =
        c->axes ? sweep2_part(&c->ctx2, v, value, run, part, cell, arena, cancel, err)
                : c->ops->job_part(&c->ctx, v, value, run, part, cell, arena, cancel, err);
    timed(c, eta_column(c, v), t0, 1, st);
    return st;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->quit) {
        /* A frozen before it started runs first: a submit after b must not drop it. */
        comp *c = w->frozen && !w->frozen->started && !atomic_load(&w->frozen->finished)
                      ? w->frozen
                      : w->pending;
        if (!c) {
            pthread_cond_wait(&w->wake, &w->lock);
            continue;
        }
        if (c == w->pending)
            w->pending = NULL;
        c->started = 1;
        c->t_start = rs_now_s();
        pthread_mutex_unlock(&w->lock);

        rs_error err = {0};
        const sweep_spec spec = {.n_values = c->n_values,
                                 .runs = c->runs,
                                 .values = c->axes ? c->axes->flat : c->values,
                                 .cells = c->cells,
                                 .threads = c->threads,
                                 .shard_count = 1,
                                 .job = comp_job,
                                 .parts = c->parts,
                                 .job_part = comp_part,
                                 .ctx = c,
                                 .order = c->order,
                                 .progress = on_progress,
                                 .pctx = c,
                                 .cancel = &c->cancel};
        rs_status st = atomic_load(&c->cancel) ? RS_ECANCELLED : sweep_run(&spec, &err);
        if (st == RS_OK && c->fill) { /* every cell was carried over: the detail's part only */
            workspace_arena arena;
            workspace_arena_init(&arena);
            st = c->ops->detail_fill(&c->ctx, c->values[c->detail_value], &arena, &c->cancel, &err);
            workspace_arena_done(&arena);
        }

        pthread_mutex_lock(&w->lock);
        c->t_end = rs_now_s();
        c->status = st;
        snprintf(c->error, sizeof c->error, "%s", st == RS_OK ? "" : err.msg);
        if (st == RS_OK && c == w->current)
            w->last_s = c->t_end - c->t_start;
        atomic_store(&c->finished, 1);
        pthread_cond_broadcast(&w->finished);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

worker *worker_alloc(void)
{
    worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    pthread_cond_init(&w->finished, NULL);
    w->last_s = -1;
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->wake);
        pthread_cond_destroy(&w->finished);
        free(w);
        return NULL;
    }
    return w;
}

void worker_free(worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->quit = 1;
    if (w->current)
        atomic_store(&w->current->cancel, 1);
    if (w->frozen)
        atomic_store(&w->frozen->cancel, 1);
    pthread_cond_broadcast(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    if (w->frozen != w->current)
        comp_free(w->frozen);
    comp_free(w->current);
    for (comp *c = w->retired, *next; c; c = next) {
        next = c->next;
        comp_free(c);
    }
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    pthread_cond_destroy(&w->finished);
    free(w);
}

/* The value index whose run 0 fills the detail: the sweep value nearest the knob's own
 * value, so that moving e.g. n moves what the angles, data and landscape views show. */
static size_t detail_index(const rs_params *p, int key, const double *values, size_t n_values)
{
    if (key < 0 || n_values <= 1)
        return 0;
    const double x = param_get_number(p, key);
    size_t best = n_values - 1;
    double best_d = INFINITY;
    for (size_t v = 0; v < n_values; v++) {
        const double d = x > 0 && values[v] > 0 ? fabs(log(values[v] / x)) : fabs(values[v] - x);
        if (d < best_d) {
            best_d = d;
            best = v;
        }
    }
    return best;
}

/* True when a and b give the same cells: equal in every key but the swept one (its
 * base value is overridden in every job) and those that change no cell (PARAM_NO_CELLS). */
static bool same_cells(const rs_params *a, const rs_params *b)
{
    return a->sweep == b->sweep && a->generator == b->generator &&
           param_first_cell_difference(a, b, a->sweep) < 0;
}

/* Carry the finished cells of old over to c when they are the same jobs (e.g. n moved
 * while n is swept: only the detail moves). Cells are bit-identical by construction
 * (each job's streams depend on seed, value index and run only), so this changes no
 * number; the job that fills the new detail is left to run. */
static void reuse_cells(comp *c, const comp *old)
{
    if (!old || old->n_values != c->n_values || old->runs != c->runs ||
        memcmp(old->values, c->values, c->n_values * sizeof c->values[0]) != 0 ||
        !same_cells(&old->p, &c->p))
        return;
    for (size_t j = 0; j < c->total; j++) {
        if (j == c->detail_value * c->runs + 0 && !c->fill)
            continue;
        if (atomic_load_explicit(&old->cells[j].done, memory_order_acquire)) {
            memcpy(c->cells[j].metric, old->cells[j].metric, sizeof c->cells[j].metric);
            memcpy(c->cells[j].flags, old->cells[j].flags, sizeof c->cells[j].flags);
            atomic_store_explicit(&c->cells[j].done, 1, memory_order_release);
        }
    }
}

/* The pairs of a phase map for c (c->p has sweep2 set): axes, order, pair context. */
static bool comp_pairs(comp *c)
{
    c->axes = malloc(sizeof *c->axes);
    if (!c->axes)
        return false;
    sweep2_axes_of(&c->p, c->axes);
    c->n_values = c->axes->n1 * c->axes->n2;
    c->order = malloc(c->n_values * c->runs * sizeof *c->order);
    if (!c->order)
        return false;
    sweep2_order(c->axes->n1, c->axes->n2, c->runs, c->order);
    return true;
}

/* True when a and b, both phase maps over the same two keys, give the same cell at
 * equal pair values: equal in every key but the two swept ones, the sweep settings
 * (which pairs exist), runs (each run has its own streams) and the keys that change no
 * cell. */
static bool same_pair_cells(const rs_params *a, const rs_params *b)
{
    if (a->sweep != b->sweep || a->sweep2 != b->sweep2 || a->generator != b->generator)
        return false;
    for (size_t i = 0; i < param_count; i++) {
        const char *key = param_table[i].key;
        if ((int)i == a->sweep || (int)i == a->sweep2 || strncmp(key, "sweep", 5) == 0 ||
            strcmp(key, "runs") == 0 || (param_table[i].flags & PARAM_NO_CELLS))
            continue;
        char x[PARAM_MAX_LIST * 24], y[PARAM_MAX_LIST * 24];
        param_format(a, (int)i, x, sizeof x);
        param_format(b, (int)i, y, sizeof y);
        if (strcmp(x, y) != 0)
            return false;
    }
    return true;
}

/* Index of x in v (n values), or n. */
static size_t find_value(const double *v, size_t n, double x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return i;
    return n;
}

/* The phase map's cache (issue 17): every finished cell of old whose pair (x, y) and run
 * are also in c is carried over, so moving one key's range or value recomputes only the
 * pairs that changed. The cells are bit-identical by construction (a pair's streams
 * depend on its values, sweep2.h); the run that fills c's detail is left to run. */
static void reuse_pairs(comp *c, const comp *old)
{
    if (!old || !old->axes || !same_pair_cells(&old->p, &c->p))
        return;
    const sweep2_axes *a = c->axes, *b = old->axes;
    for (size_t i2 = 0; i2 < a->n2; i2++) {
        const size_t j2 = find_value(b->v2, b->n2, a->v2[i2]);
        for (size_t i1 = 0; i1 < a->n1 && j2 < b->n2; i1++) {
            const size_t j1 = find_value(b->v1, b->n1, a->v1[i1]);
            if (j1 == b->n1)
                continue;
            const size_t v = i2 * a->n1 + i1, u = j2 * b->n1 + j1;
            for (size_t run = 0; run < c->runs && run < old->runs; run++) {
                const sweep_cell *from = &old->cells[u * old->runs + run];
                sweep_cell *to = &c->cells[v * c->runs + run];
                if ((v == c->detail_value && run == 0) ||
                    !atomic_load_explicit(&from->done, memory_order_acquire))
                    continue;
                memcpy(to->metric, from->metric, sizeof to->metric);
                memcpy(to->flags, from->flags, sizeof to->flags);
                atomic_store_explicit(&to->done, 1, memory_order_release);
            }
        }
    }
}

/* Submit p; `carry`: the current computation has finished with the same cells and a ready
 * detail, which c takes over (with every cell) to complete it for p->view. */
static rs_status comp_submit(worker *w, const rs_params *p, size_t threads, bool carry,
                             rs_error *err)
{
    comp *c = calloc(1, sizeof *c);
    if (!c)
        return rs_error_set(err, RS_ENOMEM, "worker: out of memory");
    c->p = *p;
    c->ops = model_get(p->generator);
    c->w = w;
    c->runs = p->runs;
    const size_t n1 = param_sweep_values(&c->p, c->values);
    c->n_values = n1;
    const bool pairs_ok = p->sweep2 < 0 || comp_pairs(c);
    c->total = c->n_values * c->runs;
    c->threads = threads ? threads : 1;
    c->cells = pairs_ok ? malloc(c->total * sizeof *c->cells) : NULL;
    if (carry && c->cells) { /* the old computation has finished: nothing else reads it */
        c->detail = w->current->detail;
        w->current->detail = NULL;
        c->fill = 1;
    } else {
        c->detail = c->ops->detail_alloc ? c->ops->detail_alloc() : NULL;
    }
    if (!c->cells || (c->ops->detail_alloc && !c->detail)) {
        const size_t total = c->total;
        comp_free(c);
        return rs_error_set(err, RS_ENOMEM, "worker: out of memory for %zu cells", total);
    }
    sweep_cells_init(c->cells, c->total);
    c->detail_value = detail_index(&c->p, c->p.sweep, c->values, n1);
    c->ctx = (model_ctx){.base = &c->p, .detail = c->detail, .detail_value = c->detail_value};
    if (c->axes) {
        /* the pair nearest both knobs fills the detail views */
        const size_t i2 = detail_index(&c->p, c->p.sweep2, c->axes->v2, c->axes->n2);
        c->detail_value = i2 * c->axes->n1 + c->detail_value;
        c->ctx2 = (sweep2_ctx){.ops = c->ops,
                               .base = &c->p,
                               .axes = c->axes,
                               .detail = c->detail,
                               .detail_pair = c->detail_value};
    }
    atomic_init(&c->cancel, 0);
    atomic_init(&c->finished, 0);
    c->parts = model_job_parts(c->ops, &c->p);
    c->parts = c->parts > 1 ? c->parts : 1;
    /* per sweep value (a phase map's column): the mean n·d of its jobs */
    const size_t n2 = c->axes ? c->axes->n2 : 1;
    for (size_t v = 0; v < n1; v++) {
        atomic_init(&c->job_ns[v], 0);
        atomic_init(&c->job_units[v], 0);
        c->cost[v] = 0;
        for (size_t i2 = 0; i2 < n2; i2++) {
            rs_params q = c->p;
            rs_error e;
            if (q.sweep >= 0)
                param_set_number(&q, q.sweep, c->values[v], &e);
            if (c->axes)
                param_set_number(&q, q.sweep2, c->axes->v2[i2], &e);
            c->cost[v] += (double)q.n * (double)q.d / (double)n2;
        }
    }

    atomic_init(&c->done, 0); /* reused jobs count as they are skipped */
    if (c->axes)
        reuse_pairs(c, w->current);
    else
        reuse_cells(c, w->current);

    pthread_mutex_lock(&w->lock);
    comp *old = w->current;
    if (w->pending == old)
        w->pending = NULL;
    if (old && old != w->frozen) { /* A keeps computing: it is not stale */
        atomic_store(&old->cancel, 1);
        if (!old->started) /* never started: the worker will not see it */
            atomic_store(&old->finished, 1);
        old->next = w->retired;
        w->retired = old;
    }
    w->current = c;
    w->pending = c;
    w->generation++;
    pthread_cond_broadcast(&w->wake);
    pthread_mutex_unlock(&w->lock);
    return RS_OK;
}

rs_status worker_submit(worker *w, const rs_params *p, size_t threads, rs_error *err)
{
    return comp_submit(w, p, threads, false, err);
}

bool worker_detail_sync(worker *w, int view, rs_error *err)
{
    comp *c = w->current; /* only the main thread changes current and frozen */
    if (!c || c == w->frozen || !c->detail || !c->ops->detail_lacks || !c->ops->detail_fill ||
        c->p.view == view || !atomic_load(&c->finished) || c->status != RS_OK ||
        !(c->ops->views & (1u << view)))
        return false;
    model_detail_head *head = c->detail;
    pthread_mutex_lock(&head->lock);
    const bool lacks = head->ready && c->ops->detail_lacks(c->detail, view);
    pthread_mutex_unlock(&head->lock);
    if (!lacks)
        return false;
    rs_params q = c->p;
    q.view = view;
    /* a phase map's detail pair is a pair job (sweep2.h): it runs again for the new view,
     * every other pair carried over by reuse_pairs */
    return comp_submit(w, &q, c->threads, c->axes == NULL, err) == RS_OK;
}

static void comp_view(const comp *c, view_input *in)
{
    *in = (view_input){.p = &c->p,
                       .ops = c->ops,
                       .n_values = c->n_values,
                       .runs = c->runs,
                       .values = c->values,
                       .cells = c->cells,
                       .detail = c->detail,
                       .detail_value = c->detail_value};
    if (c->axes) { /* a phase map: x values by column; the cells hold every pair */
        in->n_values = c->axes->n1;
        in->values = c->axes->v1;
    }
}

void worker_view(worker *w, view_input *in)
{
    memset(in, 0, sizeof *in);
    comp *c = w->current; /* only the main thread changes current and frozen */
    if (!c)
        return;
    comp_view(c, in);
    if (w->frozen && w->frozen != c) {
        comp_view(w->frozen, &w->a_view);
        in->ab_a = &w->a_view;
    }
}

void worker_ab_freeze(worker *w)
{
    pthread_mutex_lock(&w->lock);
    w->frozen = w->current;
    pthread_mutex_unlock(&w->lock);
}

/* Retire c (cancelled) unless it is current. Called under w->lock. */
static void retire(worker *w, comp *c)
{
    if (!c || c == w->current)
        return;
    atomic_store(&c->cancel, 1);
    if (!c->started)
        atomic_store(&c->finished, 1);
    c->next = w->retired;
    w->retired = c;
}

void worker_ab_swap(worker *w)
{
    pthread_mutex_lock(&w->lock);
    comp *const a = w->frozen;
    if (a && a != w->current) {
        w->frozen = w->current;
        w->current = a;
        w->generation++;
        pthread_cond_broadcast(&w->wake);
    }
    pthread_mutex_unlock(&w->lock);
}

void worker_ab_clear(worker *w)
{
    pthread_mutex_lock(&w->lock);
    comp *const a = w->frozen;
    w->frozen = NULL;
    if (a && w->pending == a)
        w->pending = NULL;
    retire(w, a);
    w->generation++;
    pthread_mutex_unlock(&w->lock);
}

/* The time left from the measured job costs per sweep value (eta.h). */
static double comp_eta(const comp *c, double elapsed_s)
{
    eta_value v[PARAM_MAX_LIST];
    /* a phase map: one value per column, its jobs those of every row */
    const size_t n1 = c->axes ? c->axes->n1 : c->n_values, n2 = c->axes ? c->axes->n2 : 1;
    for (size_t i = 0; i < n1; i++) {
        size_t done = 0;
        for (size_t i2 = 0; i2 < n2; i2++)
            for (size_t run = 0; run < c->runs; run++)
                done += atomic_load_explicit(&c->cells[(i2 * n1 + i) * c->runs + run].done,
                                             memory_order_acquire)
                            ? 1
                            : 0;
        v[i] = (eta_value){.x = c->values[i],
                           .cost = c->cost[i],
                           .total = c->runs * n2,
                           .done = done,
                           .measured = (double)atomic_load(&c->job_units[i]) / (double)c->parts,
                           .seconds = (double)atomic_load(&c->job_ns[i]) * 1e-9};
    }
    return eta_estimate(v, n1, elapsed_s, c->threads);
}

void worker_status_get(worker *w, worker_status *s)
{
    memset(s, 0, sizeof *s);
    pthread_mutex_lock(&w->lock);
    const comp *c = w->current;
    s->paused = atomic_load(&w->paused);
    s->last_s = w->last_s;
    s->generation = w->generation;
    s->a_running = w->frozen && w->frozen != c && !atomic_load(&w->frozen->finished);
    s->eta_s = -1;
    if (!c) {
        s->state = WORKER_IDLE;
    } else {
        s->done = atomic_load(&c->done);
        s->total = c->total;
        if (atomic_load(&c->finished)) {
            s->state = c->status == RS_OK ? WORKER_DONE : WORKER_FAILED;
            s->elapsed_s = c->t_end - c->t_start;
            snprintf(s->error, sizeof s->error, "%s", c->error);
        } else {
            s->state = WORKER_RUNNING;
            s->elapsed_s = c->t_start > 0 ? rs_now_s() - c->t_start : 0;
            s->eta_s = comp_eta(c, s->elapsed_s);
        }
    }
    pthread_mutex_unlock(&w->lock);
}

void worker_pause(worker *w, bool paused)
{
    atomic_store(&w->paused, paused ? 1 : 0);
}

void worker_reap(worker *w)
{
    pthread_mutex_lock(&w->lock);
    comp **link = &w->retired;
    while (*link) {
        comp *c = *link;
        if (atomic_load(&c->finished)) {
            *link = c->next;
            comp_free(c);
        } else {
            link = &c->next;
        }
    }
    pthread_mutex_unlock(&w->lock);
}

bool worker_wait(worker *w, double timeout_s)
{
    const double until = rs_now_s() + timeout_s;
    pthread_mutex_lock(&w->lock);
    while ((w->current && !atomic_load(&w->current->finished)) ||
           (w->frozen && !atomic_load(&w->frozen->finished))) {
        if (timeout_s >= 0) {
            const double left = until - rs_now_s();
            if (left <= 0)
                break;
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            const double t = (double)ts.tv_sec + ts.tv_nsec * 1e-9 + (left < 0.1 ? left : 0.1);
            ts.tv_sec = (time_t)t;
            ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
            pthread_cond_timedwait(&w->finished, &w->lock, &ts);
        } else {
            pthread_cond_wait(&w->finished, &w->lock);
        }
    }
    const bool done = (!w->current || atomic_load(&w->current->finished)) &&
                      (!w->frozen || atomic_load(&w->frozen->finished));
    pthread_mutex_unlock(&w->lock);
    return done;
}
