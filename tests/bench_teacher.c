/* bench_teacher.c — timings of the teacher losses and of the LLSFE (prints figures,
 * never asserts on time; STYLE 8). One GD step = one loss_teacher_eval with gradient
 * plus the update, i.e. what opt_teacher_step does at full batch, on one OpenBLAS thread
 * (as inside a job); each step beside its dgemm floor (its products at the measured
 * dgemm rate). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "gen_teacher.h"
#include "llsfe.h"
#include "llsfe4.h"
#include "loss_teacher.h"
#include "opt_teacher.h"
#include "param.h"
#include "rng_stream.h"

#include "bench_limits.h"

void openblas_set_num_threads(int num_threads);

/* Seconds per full-batch GD step of loss at n, d = k, averaged over reps steps (wall into
 * the return, CPU into *cpu_s). */
static double gd_step_s(int loss, size_t n, size_t d, size_t reps, double *cpu_s)
{
    const size_t k = d;
    double *X = malloc(n * d * sizeof(double)), *y = malloc(n * sizeof(double)),
           *P = malloc(n * k * sizeof(double)), *As = malloc(k * d * sizeof(double)),
           *A = malloc(k * d * sizeof(double)), *g = malloc(k * d * sizeof(double));
    double *g1 = NULL, *G2 = NULL;
    gsl_rng *r = rng_stream_alloc(1, 0, 0, RNG_PURPOSE_SAMPLES);
    gen_teacher_truth(TRUTH_IDENTITY, k, d, 1.0, r, NULL, As, NULL);
    gen_teacher_sample(INPUT_LAPLACE, 1.0, As, k, d, n, 0.0, r, X, y, P, NULL, NULL);
    if (loss == METHOD_LLSFE) { /* the loss given scores; the estimator is timed below */
        g1 = malloc(n * d * sizeof(double));
        G2 = malloc(n * d * d * sizeof(double));
        for (size_t i = 0; i < n * d; i++)
            g1[i] = gsl_ran_gaussian(r, 1.0);
        for (size_t i = 0; i < n * d * d; i++)
            G2[i] = 0.0;
    }
    opt_teacher_init(A, k, d, r);
    loss_teacher_ws *ws = loss_teacher_ws_alloc(n, d, k, loss == METHOD_LLSFE);
    loss_teacher_bind(ws, loss, INPUT_LAPLACE, 1.0, X, y, g1, G2, NULL);
    opt_teacher_state st = {ws, n, k, d, {OPT_GD, 1e-9, 30.0, 1.0, n}, r, NULL, NULL, g, 0, 0.0};
    opt_teacher_step(&st, A, NULL); /* warm-up */
    const double t0 = bench_limits_wall_s(), c0 = bench_limits_cpu_s();
    for (size_t i = 0; i < reps; i++)
        opt_teacher_step(&st, A, NULL);
    const double sec = (bench_limits_wall_s() - t0) / (double)reps;
    *cpu_s = (bench_limits_cpu_s() - c0) / (double)reps;
    loss_teacher_ws_free(ws);
    gsl_rng_free(r);
    free(X), free(y), free(P), free(As), free(A), free(g), free(g1), free(G2);
    return sec;
}

/* FLOPs of the products of one GD step (d = k): Q = X A^T and grad += R^T X for every
 * loss (4 n k d); G's H-path adds Q H and S += QW^T Q (4 n k^2). */
static double step_flops(int loss, size_t n, size_t d)
{
    const double nkd = (double)n * (double)d * (double)d;
    return loss == METHOD_GE ? 8.0 * nkd : 4.0 * nkd;
}

static void report_step(const char *name, int loss, size_t n, size_t d, size_t reps,
                        const bench_limits *lim)
{
    double cpu;
    const double wall = gd_step_s(loss, n, d, reps, &cpu);
    printf("  %-6s d = k = %zu: %8.3f ms per step\n", name, d, 1e3 * wall);
    const double floor_s =
        loss == METHOD_LLSFE ? 0.0 : step_flops(loss, n, d) / (lim->gflops * 1e9);
    bench_limits_report("dgemm", wall, cpu, floor_s);
}

/* Microseconds per query point of the LLSFE at n samples, dimension d. */
static double llsfe_us(size_t n, size_t d, size_t m)
{
    double *X = malloc(n * d * sizeof(double)), *g = malloc(m * d * sizeof(double)),
           *G = malloc(m * d * d * sizeof(double));
    gsl_rng *r = rng_stream_alloc(2, 0, 0, RNG_PURPOSE_SAMPLES);
    for (size_t i = 0; i < n * d; i++)
        X[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
    llsfe_ws *ws = llsfe_ws_alloc(n, d);
    llsfe_bind(ws, X);
    const double t0 = bench_limits_wall_s();
    llsfe_eval(ws, X, m, llsfe_bandwidth(n, d), g, G, NULL, NULL, NULL);
    const double us = 1e6 * (bench_limits_wall_s() - t0) / (double)m;
    llsfe_ws_free(ws);
    gsl_rng_free(r);
    free(X), free(g), free(G);
    return us;
}

/* Microseconds per query point of the degree-4 LLSFE (llsfe4.h) at n samples, dimension d:
 * the kernel moments (O(n T)) and the Newton solve (O(Q^d T^2) per step). */
static double llsfe4_us(size_t n, size_t d, size_t m)
{
    double *X = malloc(n * d * sizeof(double)), g[LLSFE4_MAX_D], G2[9], G3[27], G4[81];
    gsl_rng *r = rng_stream_alloc(2, 0, 0, RNG_PURPOSE_SAMPLES);
    for (size_t i = 0; i < n * d; i++)
        X[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
    llsfe4 *q = llsfe4_alloc(d);
    const double t0 = bench_limits_wall_s();
    for (size_t j = 0; j < m; j++) {
        int failed;
        llsfe4_eval(q, X, n, X + j * d, llsfe_bandwidth_p(n, d, 4), g, G2, G3, G4, &failed, NULL);
    }
    const double us = 1e6 * (bench_limits_wall_s() - t0) / (double)m;
    llsfe4_free(q);
    gsl_rng_free(r);
    free(X);
    return us;
}

int main(void)
{
    gsl_set_error_handler_off();
    openblas_set_num_threads(1); /* as inside a job: parallelism is across jobs (STYLE 6) */
    bench_limits lim;
    bench_limits_measure("bench_teacher", &lim);
    printf("one full-batch GD step, Laplace input, n = 8192, one BLAS thread:\n");
    const int losses[] = {METHOD_L2, METHOD_GE, METHOD_SCORE};
    for (size_t i = 0; i < 3; i++)
        report_step(param_method_name(losses[i]), losses[i], 8192, 50, 20, &lim);
    report_step("llsfe", METHOD_LLSFE, 8192, 10, 5, &lim);
    printf("    (llsfe: per-sample G2 loops, no dgemm floor; d = 50 is refused by param_check)\n");
    report_step("score", METHOD_SCORE, 8192, 10, 20, &lim);
    printf("LLSFE per query point (Gaussian data):\n");
    const double t0 = bench_limits_wall_s(), c0 = bench_limits_cpu_s();
    const size_t ns[] = {1000, 10000, 100000};
    for (size_t j = 0; j < 3; j++)
        printf("  n = %6zu: d = 2 %9.1f us, d = 10 %9.1f us\n", ns[j], llsfe_us(ns[j], 2, 64),
               llsfe_us(ns[j], 10, 64));
    bench_limits_report("", bench_limits_wall_s() - t0, bench_limits_cpu_s() - c0, 0.0);
    printf("degree-4 LLSFE per query point (Gaussian data, Remark 1's h at p = 4):\n");
    const double t1 = bench_limits_wall_s(), c1 = bench_limits_cpu_s();
    for (size_t j = 0; j < 3; j++)
        printf("  n = %6zu: d = 2 %9.1f us, d = 3 %9.1f us\n", ns[j], llsfe4_us(ns[j], 2, 32),
               llsfe4_us(ns[j], 3, 8));
    bench_limits_report("", bench_limits_wall_s() - t1, bench_limits_cpu_s() - c1, 0.0);
    return 0;
}
