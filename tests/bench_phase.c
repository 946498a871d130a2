/* bench_phase.c — a phase map's streaming (issue 17), measured on the worker the TUI
 * runs (printed, never asserted): a 7 x 7 x 10-run map of the default relu settings
 * (n = 1e5, d = k = 5, the censored fit) over kappa = 1..100 (x) and bias_scale =
 * 0.25..4 (y), both 7 log steps. Printed: the time to the first full coarse map (every
 * other cell with a finished run: 16 of 49), to the whole map with one run per cell, and
 * to the complete map (490 jobs), each with the process's CPU time beside the wall time;
 * then a move of sweep2's range by one step, which keeps 6 of 7 rows (the cache), timed
 * to complete. Targets (issue 17): coarse map <= 1 s, complete <= 10 s on this machine.
 * Run: meson test -C build --benchmark phase  (or build/tests/bench_phase). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "machine.h"
#include "sweep2.h"
#include "worker.h"

#include "bench_limits.h"

void openblas_set_num_threads(int num_threads);

static void set(rs_params *p, const char *key, const char *value)
{
    rs_error e;
    if (param_parse(p, param_find(key), value, &e) != RS_OK)
        fprintf(stderr, "bench_phase: %s\n", e.msg);
}

/* Pairs with at least one finished run: all of them, and the coarse ones. */
static void count_pairs(const view_input *in, size_t n2, size_t *any, size_t *coarse)
{
    *any = *coarse = 0;
    for (size_t i2 = 0; i2 < n2; i2++)
        for (size_t i1 = 0; i1 < in->n_values; i1++) {
            const sweep_cell *c = &in->cells[(i2 * in->n_values + i1) * in->runs];
            int done = 0;
            for (size_t run = 0; run < in->runs && !done; run++)
                done = atomic_load(&c[run].done);
            *any += (size_t)done;
            *coarse += (size_t)(done && sweep2_coarse(i1, i2));
        }
}

static void sleep_ms(long ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* Submit p and poll every 2 ms until done; print the three times. */
static void measure(worker *w, const rs_params *p, size_t threads, const char *what)
{
    rs_error e;
    double t_coarse = -1, t_row = -1;
    const double w0 = bench_limits_wall_s(), c0 = bench_limits_cpu_s();
    double c_coarse = 0, c_row = 0;
    if (worker_submit(w, p, threads, &e) != RS_OK) {
        printf("%s: %s\n", what, e.msg);
        return;
    }
    double v2[PARAM_MAX_LIST];
    const size_t n2 = param_sweep2_values(p, v2);
    for (;;) {
        view_input in;
        worker_view(w, &in);
        size_t any, coarse;
        count_pairs(&in, n2, &any, &coarse);
        const double t = bench_limits_wall_s() - w0;
        const size_t n_coarse = ((in.n_values + 1) / 2) * ((n2 + 1) / 2);
        if (t_coarse < 0 && coarse == n_coarse)
            t_coarse = t, c_coarse = bench_limits_cpu_s() - c0;
        if (t_row < 0 && any == in.n_values * n2)
            t_row = t, c_row = bench_limits_cpu_s() - c0;
        if (worker_wait(w, 0.002))
            break;
        sleep_ms(1);
    }
    const double t_all = bench_limits_wall_s() - w0, c_all = bench_limits_cpu_s() - c0;
    worker_status ws;
    worker_status_get(w, &ws);
    printf("%s (%zu jobs, %zu threads)\n", what, ws.total, threads);
    printf("  first full coarse map   wall %6.3f s  cpu %6.3f s   (target <= 1 s)\n", t_coarse,
           c_coarse);
    printf("  every cell, >= 1 run    wall %6.3f s  cpu %6.3f s\n", t_row, c_row);
    printf("  complete                wall %6.3f s  cpu %6.3f s   (target <= 10 s)\n", t_all,
           c_all);
}

int main(void)
{
    gsl_set_error_handler_off();
    openblas_set_num_threads(1);
    bench_limits lim;
    bench_limits_measure("bench_phase", &lim);
    rs_params p;
    param_defaults(&p, GEN_RELU);
    set(&p, "sweep", "kappa");
    set(&p, "sweep_from", "1");
    set(&p, "sweep_to", "100");
    set(&p, "sweep2", "bias_scale");
    set(&p, "sweep2_from", "0.25");
    set(&p, "sweep2_to", "4");
    set(&p, "view", "phase");
    rs_error e;
    if (param_check(&p, &e) != RS_OK) {
        fprintf(stderr, "bench_phase: %s\n", e.msg);
        return 1;
    }
    const size_t threads = machine_threads(&p);
    worker *w = worker_alloc();
    if (!w)
        return 1;
    measure(w, &p, threads, "7 x 7 x 10 phase map, default relu (kappa x bias_scale)");
    /* one log step further: bias_scale 0.25..4 in 7 steps is a factor 16^(1/6) per step */
    set(&p, "sweep2_from", "0.396850262992");
    set(&p, "sweep2_to", "6.34960420787");
    double a[PARAM_MAX_LIST], b[PARAM_MAX_LIST];
    rs_params q = p;
    set(&q, "sweep2_from", "0.25");
    set(&q, "sweep2_to", "4");
    param_sweep2_values(&p, a);
    param_sweep2_values(&q, b);
    size_t kept = 0;
    for (int i = 0; i < 7; i++)
        for (int j = 0; j < 7; j++)
            kept += a[i] == b[j];
    printf("moved bias_scale one step: %zu of 7 rows keep their values (bit-equal)\n", kept);
    measure(w, &p, threads, "after the move (kept rows carried over)");
    set(&p, "sweep_steps", "13"); /* refine kappa: the 7 old columns are every other one */
    measure(w, &p, threads, "kappa refined to 13 steps (49 of 91 pairs carried over)");
    worker_free(w);
    return 0;
}
