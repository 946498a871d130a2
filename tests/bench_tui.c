/* bench_tui.c — the TUI's responsiveness, measured on the code the binary runs (session,
 * worker, screen), without a terminal (issue 3's benchmarks; printed, never asserted):
 *  1. key -> plot: a key that changes n at the default preset (d = 5, n = 1e5, sweep over
 *     n, 10 runs, mle), until the screen shows the new computation's result — both the
 *     first redraw with a cell the new computation computed (cells carried over from the
 *     last one do not count) and the complete result;
 *  2. render + diff of a whole 200x60 screen, per view (what sink_curses does before
 *     writing the changed cells);
 *  3. key response while a long sweep saturates the cores: session_key + model + draw.
 * Run: meson test -C build --benchmark tui  (or build/tests/bench_tui). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "grid.h"
#include "machine.h"
#include "preset.h"
#include "screen.h"
#include "session.h"
#include "worker.h"

#include "bench_limits.h"

void openblas_set_num_threads(int num_threads);

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Wall times t (sorted here) with the process CPU time over the same samples, and the
 * median's ratio to floor_s (0: none). */
static void report(const char *what, double *t, size_t n, const char *target, double cpu_s,
                   double floor_s)
{
    qsort(t, n, sizeof t[0], cmp_double);
    printf("%-58s min %8.2f  median %8.2f  max %8.2f ms   (%s)\n", what, t[0] * 1e3, t[n / 2] * 1e3,
           t[n - 1] * 1e3, target);
    bench_limits_report("RNG", t[n / 2], cpu_s / (double)n, floor_s);
}

static void sleep_ms(double ms)
{
    struct timespec ts = {0, (long)(ms * 1e6)};
    nanosleep(&ts, NULL);
}

static session S;

static void draw(worker *w, grid *g)
{
    worker_status ws;
    view_input in;
    screen_model m;
    worker_status_get(w, &ws);
    worker_view(w, &in);
    session_model(&S, &ws, &in, &m);
    screen_draw(&m, g);
}

enum { CELLS_MAX = 4096 };
static unsigned char carried[CELLS_MAX]; /* cells done when the computation was submitted */

/* Mark the cells the new computation starts with (carried over from the last one). */
static void note_carried(worker *w)
{
    view_input in;
    worker_view(w, &in);
    for (size_t j = 0; j < in.n_values * in.runs && j < CELLS_MAX; j++)
        carried[j] = atomic_load(&in.cells[j].done) ? 1 : 0;
}

/* Cells the current computation has computed itself (not carried over): only these make
 * a redraw "with the new result". */
static size_t cells_done(worker *w)
{
    view_input in;
    worker_view(w, &in);
    size_t d = 0;
    for (size_t j = 0; j < in.n_values * in.runs && j < CELLS_MAX; j++)
        d += atomic_load(&in.cells[j].done) && !carried[j] ? 1 : 0;
    return d;
}

/* Normals the relu computation p draws (n k per job): its floor at the RNG limit. */
static double relu_floor_s(const rs_params *p, size_t threads, const bench_limits *lim)
{
    double values[PARAM_MAX_LIST], z = 0.0;
    const size_t m = param_sweep_values(p, values);
    for (size_t j = 0; j < m; j++) {
        rs_params q = *p;
        if (p->sweep >= 0)
            param_set_number(&q, p->sweep, values[j], NULL);
        z += (double)q.n * (double)(q.k ? q.k : q.d) * (double)q.runs;
    }
    return z / (lim->normals_per_s * (double)threads);
}

/* rounds presses of → and ← on the selected knob, each recomputed as the TUI does: the time
 * to the first redraw with a newly computed cell, and to the complete result on screen. */
static void key_rounds(worker *w, grid *g, size_t threads, int rounds, double *first, double *full)
{
    rs_error err;
    for (int k = 0; k < rounds; k++) {
        const double t0 = rs_now_s();
        if (session_key(&S, k % 2 ? SKEY_LEFT : SKEY_RIGHT) & SESSION_RECOMPUTE) {
            worker_submit(w, &S.p, threads, &err);
            note_carried(w);
        }
        first[k] = NAN;
        for (;;) {
            worker_status ws;
            worker_status_get(w, &ws);
            const bool finished = ws.state == WORKER_DONE || ws.state == WORKER_FAILED;
            if (isnan(first[k]) && cells_done(w) > 0) {
                draw(w, g);
                first[k] = rs_now_s() - t0;
            }
            if (finished) {
                draw(w, g);
                full[k] = rs_now_s() - t0;
                if (isnan(first[k])) /* nothing but carried cells: the complete redraw */
                    first[k] = full[k];
                break;
            }
            sleep_ms(1);
        }
    }
}

/* Render + diff of a 200x60 screen, per view of the finished computation. */
static void render_views(worker *w)
{
    grid *big = grid_alloc(200, 60), *prev = grid_alloc(200, 60);
    for (int view = 0; view < VIEW_COUNT; view++) {
        if (!(view_available(GEN_RELU) & (1u << view)))
            continue;
        S.view = view;
        enum { REPS = 200 };
        double t[REPS];
        size_t changed = 0;
        const double cr0 = bench_limits_cpu_s();
        for (int r = 0; r < REPS; r++) {
            const double t0 = rs_now_s();
            draw(w, big);
            changed = grid_diff_count(big, prev);
            t[r] = rs_now_s() - t0;
            grid_copy(prev, big);
        }
        char what[96];
        snprintf(what, sizeof what, "render + diff 200x60, %s view (%zu cells changed last)",
                 param_view_name(view), changed);
        report(what, t, REPS, "target < 5 ms", bench_limits_cpu_s() - cr0, 0.0);
    }
    S.view = VIEW_CURVES;
    grid_free(big);
    grid_free(prev);
}

/* Key response (↑/↓ + redraw) while a long sweep keeps every core busy. */
static void key_response(worker *w, grid *g, size_t threads)
{
    rs_error err;
    rs_params longp = S.p;
    longp.n = 1000000;
    longp.sweep_from = 100000;
    longp.sweep_to = 2000000;
    longp.runs = 50;
    session_init(&S, &longp, NULL, NULL);
    worker_submit(w, &S.p, threads, &err);
    sleep_ms(200);
    enum { PRESSES = 50 };
    double t[PRESSES];
    const double c0 = bench_limits_cpu_s();
    for (int k = 0; k < PRESSES; k++) {
        const double t0 = rs_now_s();
        session_key(&S, k % 2 ? SKEY_UP : SKEY_DOWN);
        draw(w, g);
        t[k] = rs_now_s() - t0;
        sleep_ms(20);
    }
    worker_status ws;
    worker_status_get(w, &ws);
    report("key response during a long sweep (↑/↓ + redraw)", t, PRESSES, "target < 50 ms",
           bench_limits_cpu_s() - c0, 0.0);
    printf("    (cpu includes the sweep's workers)\n");
    printf("  (the sweep was %s: %zu/%zu jobs)\n", ws.state == WORKER_RUNNING ? "running" : "done",
           ws.done, ws.total);
}

int main(void)
{
    gsl_set_error_handler_off();
    openblas_set_num_threads(1);
    bench_limits lim;
    bench_limits_measure("bench_tui", &lim);
    char path[PRESET_PATH];
    rs_error err;
    static preset pr;
    rs_params p;
    if (preset_find("default", path, &err) != RS_OK || preset_read(path, &pr, &err) != RS_OK ||
        preset_params(&pr, &p, &err) != RS_OK) {
        fprintf(stderr, "bench_tui: %s\n", err.msg);
        return 1;
    }
    session_init(&S, &p, &pr, "default");
    worker *w = worker_alloc();
    grid *g = grid_alloc(120, 40);
    const size_t threads = machine_threads(&p);
    printf("bench_tui: default preset (d = %zu, n = %zu, sweep n x %zu values, %zu runs, %s), "
           "%zu threads\n",
           p.d, p.n, p.sweep_steps, p.runs, param_method_name(p.estimator), threads);

    /* 1. key -> plot */
    worker_submit(w, &S.p, threads, &err);
    worker_wait(w, -1);
    session_key(&S, SKEY_DOWN); /* select n */
    enum { KEYS = 8 };
    double first[KEYS], full[KEYS];
    double c0 = bench_limits_cpu_s();
    key_rounds(w, g, threads, KEYS, first, full);
    double cpu = bench_limits_cpu_s() - c0;
    report("key n ->/<- : first redraw with a newly computed cell", first, KEYS, "target < 150 ms",
           cpu, 0.0);
    report("key n ->/<- : complete result on screen", full, KEYS, "target < 150 ms", cpu, 0.0);

    /* The same with a knob that invalidates every cell (kappa): the full sweep reruns. */
    session_key(&S, SKEY_DOWN);
    session_key(&S, SKEY_DOWN);
    session_key(&S, SKEY_DOWN); /* kappa */
    c0 = bench_limits_cpu_s();
    key_rounds(w, g, threads, 4, first, full);
    cpu = bench_limits_cpu_s() - c0;
    report("key kappa ->/<- (all 70 jobs rerun): first redraw", first, 4, "streaming", cpu, 0.0);
    report("key kappa ->/<- (all 70 jobs rerun): complete", full, 4, "whole sweep", cpu,
           relu_floor_s(&S.p, threads, &lim));

    /* 2. render + diff of a 200x60 screen, per view */
    render_views(w);

    /* 3. key response during a long sweep on every core */
    key_response(w, g, threads);
    grid_free(g);
    worker_free(w);
    return 0;
}
