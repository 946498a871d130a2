/* test_model.c — one contract over the generator registry (as GSL's multimin/test.c runs
 * every minimiser type through one harness): every generator model_get returns keeps the
 * same promises. A generator added later is tested by being in the registry.
 *
 * - its descriptor is complete (names, methods, views, job, bytes, check, detail) and its
 *   defaults pass param_check; job_bytes > 0;
 * - a detail allocates and frees, and starts not ready;
 * - cells are bit-identical for threads = 1 and 2 (SPEC 5: streams per job);
 * - asking for the detail changes no metric;
 * - a raised cancel flag stops a long job promptly with RS_ECANCELLED;
 * - the views it offers are drawn by its ui descriptor (checked in test_view_contract). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "model.h"
#include "param.h"
#include "support.h"
#include "sweep.h"

enum { N_VALUES = 2, RUNS = 2 };

/* Cancellation must come back within 50 ms of the flag (sweep.h). Measured as the CPU
 * time the job's thread spends between the flag and its return, so that a loaded machine
 * (other tests, other processes) cannot fail it; sanitizers slow every instruction
 * several-fold, so their bound is scaled by their typical slowdown. */
#if defined(__SANITIZE_ADDRESS__)
#define CANCEL_BOUND_S (4 * 0.050)
#else
#define CANCEL_BOUND_S 0.050
#endif

static void init(void)
{
    gsl_set_error_handler_off();
}

/* The defaults of generator gen, scaled down so that a sweep of 2 values x 2 runs takes
 * well under a second: n = 1500 (sweep n = 1000, 1500), iters 25 where it iterates. */
static rs_params small_params(int gen)
{
    rs_params p;
    param_defaults(&p, (rs_generator)gen);
    support_set(&p, "runs", "2");
    support_set(&p, "n", "1500");
    support_set(&p, "sweep", "n");
    support_set(&p, "sweep_values", "1000,1500");
    if (param_table[param_find("iters")].generators & (1u << gen))
        support_set(&p, "iters", "25");
    return p;
}

static void run_split(const model_ops *ops, const rs_params *p, size_t threads, void *detail,
                      sweep_cell *cells, int split)
{
    double values[PARAM_MAX_LIST];
    const size_t m = param_sweep_values(p, values);
    cr_assert_eq(m, N_VALUES);
    sweep_cells_init(cells, N_VALUES * RUNS);
    model_ctx ctx = {.base = p, .detail = detail, .detail_value = 1};
    const sweep_spec s = {.n_values = N_VALUES,
                          .runs = RUNS,
                          .values = values,
                          .cells = cells,
                          .threads = threads,
                          .shard_count = 1,
                          .job = ops->job,
                          .parts = split ? model_job_parts(ops, p) : 1,
                          .job_part = split ? ops->job_part : NULL,
                          .ctx = &ctx};
    rs_error err;
    cr_assert_eq(sweep_run(&s, &err), RS_OK, "%s: %s", ops->name, err.msg);
}

/* The sweep as the app runs it: split into parts when the generator has them. */
static void run_sweep(const model_ops *ops, const rs_params *p, size_t threads, void *detail,
                      sweep_cell *cells)
{
    run_split(ops, p, threads, detail, cells, 1);
}

/* Every metric and flag of every method, bit for bit (NaN included), but the measured
 * time (`seconds`), which no seed fixes. */
static void cells_equal(const model_ops *ops, const sweep_cell *a, const sweep_cell *b,
                        const char *what)
{
    for (size_t j = 0; j < N_VALUES * RUNS; j++) {
        cr_assert(atomic_load(&a[j].done) && atomic_load(&b[j].done));
        for (int m = 0; m < METHOD_COUNT; m++)
            for (size_t id = 0; id < ops->n_metrics; id++) {
                if (strcmp(ops->metric_names[id], "seconds") == 0)
                    continue;
                cr_assert(memcmp(&a[j].metric[m][id], &b[j].metric[m][id], sizeof(double)) == 0,
                          "%s: cell %zu, %s of %s differs %s (%.17g vs %.17g)", ops->name, j,
                          ops->metric_names[id], param_method_name(m), what, a[j].metric[m][id],
                          b[j].metric[m][id]);
            }
        cr_assert(memcmp(a[j].flags, b[j].flags, sizeof a[j].flags) == 0,
                  "%s: flags of cell %zu differ %s", ops->name, j, what);
    }
}

ParameterizedTestParameters(model, contract)
{
    static int gens[GEN_COUNT];
    for (int g = 0; g < GEN_COUNT; g++)
        gens[g] = g;
    return cr_make_param_array(int, gens, GEN_COUNT);
}

ParameterizedTest(int *gen, model, contract, .init = init, .timeout = 120)
{
    const model_ops *ops = model_get(*gen);
    cr_assert_not_null(ops, "generator %d is in the registry", *gen);
    cr_assert_str_eq(ops->name, param_generator_name(*gen));
    cr_assert(ops->summary && ops->summary[0], "%s: a summary", ops->name);
    cr_assert(param_find(ops->method_key) >= 0, "%s: method key %s", ops->name, ops->method_key);
    cr_assert(ops->methods != 0 && (ops->views & (1u << VIEW_CURVES)), "%s", ops->name);
    cr_assert(ops->n_metrics > 0 && ops->n_metrics <= SWEEP_MAX_METRICS, "%s", ops->name);
    for (size_t i = 0; i < ops->n_metrics; i++)
        cr_assert(ops->metric_names[i] && ops->metric_names[i][0], "%s metric %zu", ops->name, i);
    /* every metric declares its range; a log axis only for [0, inf) quantities */
    cr_assert_not_null(ops->metric_ranges, "%s: metric ranges", ops->name);
    for (size_t i = 0; i < ops->n_metrics; i++) {
        const model_metric_range *m = &ops->metric_ranges[i];
        cr_expect(isnan(m->lo) || isnan(m->hi) || m->lo < m->hi, "%s", ops->metric_names[i]);
        cr_expect(!m->log_axis || (m->lo == 0 && isnan(m->hi)), "%s", ops->metric_names[i]);
        if (strcmp(ops->metric_names[i], "seconds") == 0)
            cr_expect(m->log_axis && m->lo == 0, "%s: seconds", ops->name);
    }
    cr_assert(ops->n_flags <= 32, "%s", ops->name);
    for (size_t i = 0; i < ops->n_flags; i++)
        cr_assert(ops->flag_names[i] && ops->flag_names[i][0], "%s flag %zu", ops->name, i);
    cr_assert(ops->job && ops->job_bytes && ops->check && ops->detail_alloc && ops->detail_free);
    cr_assert_eq(!!ops->learning, !!(ops->views & (1u << VIEW_LEARNING)),
                 "%s: learning rows exactly when it has a learning view", ops->name);

    rs_params p;
    param_defaults(&p, (rs_generator)*gen);
    rs_error err;
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s defaults: %s", ops->name, err.msg);
    cr_assert_gt(ops->job_bytes(&p), 0, "%s: job_bytes of the defaults", ops->name);
    cr_assert_neq(param_methods(&p) & ops->methods, 0, "%s: the defaults run a method", ops->name);

    model_detail_head *det = ops->detail_alloc();
    cr_assert_not_null(det, "%s: detail_alloc", ops->name);
    cr_assert_eq(det->ready, 0, "%s: a new detail is not ready", ops->name);
    ops->detail_free(det);
    ops->detail_free(NULL);
}

/* Cells bit-identical for one and two threads, with and without the detail; the detail
 * is ready after its job. */
ParameterizedTestParameters(model, deterministic)
{
    static int gens[GEN_COUNT];
    for (int g = 0; g < GEN_COUNT; g++)
        gens[g] = g;
    return cr_make_param_array(int, gens, GEN_COUNT);
}

ParameterizedTest(int *gen, model, deterministic, .init = init, .timeout = 300)
{
    const model_ops *ops = model_get(*gen);
    const rs_params p = small_params(*gen);
    rs_error err;
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s: %s", ops->name, err.msg);
    static sweep_cell one[N_VALUES * RUNS], two[N_VALUES * RUNS], with[N_VALUES * RUNS];
    run_sweep(ops, &p, 1, NULL, one);
    run_sweep(ops, &p, 2, NULL, two);
    cells_equal(ops, one, two, "between threads = 1 and 2");
    model_detail_head *det = ops->detail_alloc();
    run_sweep(ops, &p, 2, det, with);
    cells_equal(ops, one, with, "when the detail is asked for");
    cr_assert_eq(det->ready, 1, "%s: the detail is ready after its job", ops->name);
    ops->detail_free(det);
}

/* A generator whose jobs split into parts (teacher: one per loss) gives the cells of the
 * single-job path, on one thread and on two, and its detail is ready once every part ran. */
ParameterizedTestParameters(model, parts)
{
    static int gens[GEN_COUNT];
    for (int g = 0; g < GEN_COUNT; g++)
        gens[g] = g;
    return cr_make_param_array(int, gens, GEN_COUNT);
}

ParameterizedTest(int *gen, model, parts, .init = init, .timeout = 300)
{
    const model_ops *ops = model_get(*gen);
    rs_params p = small_params(*gen);
    if (!ops->job_part) {
        cr_assert_eq(model_job_parts(ops, &p), 1, "%s: one part without job_part", ops->name);
        return;
    }
    char all[256] = ""; /* every method of the generator, one part each */
    for (int m = 0; m < METHOD_COUNT; m++)
        if (ops->methods & (1u << m)) {
            strcat(all, all[0] ? "," : "");
            strcat(all, param_method_name(m));
        }
    support_set(&p, "compare", all);
    rs_error err;
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s: %s", ops->name, err.msg);
    cr_assert_eq(model_job_parts(ops, &p), (size_t)__builtin_popcount(param_methods(&p)));
    static sweep_cell whole[N_VALUES * RUNS], one[N_VALUES * RUNS], two[N_VALUES * RUNS];
    run_split(ops, &p, 1, NULL, whole, 0);
    run_split(ops, &p, 1, NULL, one, 1);
    cells_equal(ops, whole, one, "between one job and its parts (1 thread)");
    model_detail_head *det = ops->detail_alloc();
    run_split(ops, &p, 2, det, two, 1);
    cells_equal(ops, whole, two, "between one job and its parts (2 threads)");
    cr_assert_eq(det->ready, 1, "%s: the detail is ready after every part", ops->name);
    ops->detail_free(det);
}

typedef struct {
    const model_ops *ops;
    const rs_params *p;
    atomic_int cancel;
    rs_status status;
    double returned_s, returned_cpu_s; /* wall clock and the job thread's CPU clock */
} cancel_run;

static double clock_s(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void *cancel_thread(void *arg)
{
    cancel_run *c = arg;
    model_ctx ctx = {.base = c->p};
    sweep_cell cell;
    sweep_cells_init(&cell, 1);
    rs_error err;
    c->status = c->ops->job(&ctx, 0, (double)c->p->n, 0, &cell, NULL, &c->cancel, &err);
    c->returned_cpu_s = clock_s(CLOCK_THREAD_CPUTIME_ID);
    c->returned_s = clock_s(CLOCK_MONOTONIC);
    return NULL;
}

ParameterizedTestParameters(model, cancel)
{
    static int gens[GEN_COUNT];
    for (int g = 0; g < GEN_COUNT; g++)
        gens[g] = g;
    return cr_make_param_array(int, gens, GEN_COUNT);
}

/* A job of the defaults large enough to run for well over 5 ms: n doubled from 1000
 * until the job holds 16 MB or n reaches 4e6 (relu then runs about 30 ms on an idle
 * machine; n is not simply made huge, because the matrix metrics are single BLAS passes
 * over all n columns, polled only between them). The flag is raised 5 ms in and the job
 * must come back with RS_ECANCELLED within CANCEL_BOUND_S of its CPU time. */
static void long_job_params(int gen, rs_params *p)
{
    param_defaults(p, (rs_generator)gen);
    const model_ops *ops = model_get(gen);
    char n[32];
    for (size_t v = 1000; v <= 4000000; v *= 2) {
        snprintf(n, sizeof n, "%zu", v);
        support_set(p, "n", n);
        if (ops->job_bytes(p) >= ((size_t)16 << 20))
            break;
    }
}

ParameterizedTest(int *gen, model, cancel, .init = init, .timeout = 120)
{
    const model_ops *ops = model_get(*gen);
    rs_params p;
    long_job_params(*gen, &p);
    rs_error err;
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s: %s", ops->name, err.msg);
    cancel_run c = {.ops = ops, .p = &p, .status = RS_OK};
    atomic_init(&c.cancel, 0);
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, cancel_thread, &c), 0);
    const struct timespec wait = {0, 5 * 1000 * 1000};
    nanosleep(&wait, NULL);
    clockid_t job_cpu;
    cr_assert_eq(pthread_getcpuclockid(t, &job_cpu), 0);
    const double raised_cpu_s = clock_s(job_cpu), raised_s = clock_s(CLOCK_MONOTONIC);
    atomic_store(&c.cancel, 1);
    pthread_join(t, NULL);
    cr_assert_eq(c.status, RS_ECANCELLED,
                 "%s: status %d (did the job poll the flag, or end "
                 "within 20 ms?)",
                 ops->name, (int)c.status);
    cr_expect_lt(c.returned_cpu_s - raised_cpu_s, CANCEL_BOUND_S,
                 "%s: returned after %.3f s of the job's CPU time (%.3f s of wall time) past "
                 "the flag",
                 ops->name, c.returned_cpu_s - raised_cpu_s, c.returned_s - raised_s);
}
