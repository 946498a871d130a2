/* bench_teacher.c — timings of the teacher losses and of the LLSFE (prints figures,
 * never asserts on time; STYLE 8). One GD step = one loss_teacher_eval with gradient
 * plus the update, i.e. what opt_teacher_step does at full batch. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "gen_teacher.h"
#include "llsfe.h"
#include "loss_teacher.h"
#include "opt_teacher.h"
#include "param.h"
#include "rng_stream.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Milliseconds per full-batch GD step of loss at n, d = k, averaged over reps steps. */
static double gd_step_ms(int loss, size_t n, size_t d, size_t reps)
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
    const double t0 = now_s();
    for (size_t i = 0; i < reps; i++)
        opt_teacher_step(&st, A, NULL);
    const double ms = 1e3 * (now_s() - t0) / (double)reps;
    loss_teacher_ws_free(ws);
    gsl_rng_free(r);
    free(X), free(y), free(P), free(As), free(A), free(g), free(g1), free(G2);
    return ms;
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
    const double t0 = now_s();
    llsfe_eval(ws, X, m, llsfe_bandwidth(n, d), g, G, NULL, NULL, NULL);
    const double us = 1e6 * (now_s() - t0) / (double)m;
    llsfe_ws_free(ws);
    gsl_rng_free(r);
    free(X), free(g), free(G);
    return us;
}

int main(void)
{
    gsl_set_error_handler_off();
    printf("one full-batch GD step, Laplace input, n = 8192:\n");
    const int losses[] = {METHOD_L2, METHOD_GE, METHOD_SCORE};
    for (size_t i = 0; i < 3; i++)
        printf("  %-6s d = k = 50: %8.3f ms\n", param_method_name(losses[i]),
               gd_step_ms(losses[i], 8192, 50, 20));
    printf("  %-6s d = k = 10: %8.3f ms (per-sample G2; d = 50 is refused by param_check)\n",
           "llsfe", gd_step_ms(METHOD_LLSFE, 8192, 10, 5));
    printf("  %-6s d = k = 10: %8.3f ms\n", "score", gd_step_ms(METHOD_SCORE, 8192, 10, 20));
    printf("LLSFE per query point (Gaussian data):\n");
    const size_t ns[] = {1000, 10000, 100000};
    for (size_t j = 0; j < 3; j++)
        printf("  n = %6zu: d = 2 %9.1f us, d = 10 %9.1f us\n", ns[j], llsfe_us(ns[j], 2, 64),
               llsfe_us(ns[j], 10, 64));
    return 0;
}
