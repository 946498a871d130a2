/* bench_limits.c — the machine's limits measured in the benchmark's own process. */
#include "bench_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "rng_normals.h"
#include "rng_stream.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double bench_limits_wall_s(void)
{
    return clock_s(CLOCK_MONOTONIC);
}

double bench_limits_cpu_s(void)
{
    return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

/* Normals per second of the project's generator (rng_normals_fill in blocks of a
 * generation block's size) and, for comparison, of GSL's one call per normal. */
static double normals_per_s(double *sink, int gsl_calls)
{
    enum { BLOCK = 4096 };
    static double z[BLOCK];
    gsl_rng *r = rng_stream_alloc(1, 0, 0, RNG_PURPOSE_EXTRA);
    const size_t N = 10000000;
    double s = 0.0;
    const double t0 = bench_limits_wall_s();
    for (size_t i = 0; i < N; i += BLOCK) {
        if (gsl_calls)
            for (size_t j = 0; j < BLOCK; j++)
                z[j] = gsl_ran_gaussian_ziggurat(r, 1.0);
        else
            rng_normals_fill(r, z, BLOCK);
        s += z[i % BLOCK];
    }
    const double dt = bench_limits_wall_s() - t0;
    gsl_rng_free(r);
    *sink += s;
    return (double)(N + BLOCK - 1) / BLOCK * BLOCK / dt;
}

static double dgemm_gflops(double *sink)
{
    enum { ROWS = 2048, K = 64, D = 64, REPS = 400 };
    double *A = malloc(ROWS * K * sizeof *A), *B = malloc(D * K * sizeof *B),
           *C = calloc(ROWS * D, sizeof *C);
    if (!A || !B || !C) {
        free(A), free(B), free(C);
        return 0.0;
    }
    for (size_t i = 0; i < ROWS * K; i++)
        A[i] = 1e-3 * (double)(i % 97);
    for (size_t i = 0; i < D * K; i++)
        B[i] = 1e-3 * (double)(i % 89);
    const double t0 = bench_limits_wall_s();
    for (size_t i = 0; i < REPS; i++)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ROWS, D, K, 1.0, A, K, B, K, 0.0, C,
                    D);
    const double dt = bench_limits_wall_s() - t0;
    *sink += C[0];
    free(A), free(B), free(C);
    return 2.0 * ROWS * K * D * REPS / dt / 1e9;
}

static double memory_gbs(double *sink)
{
    const size_t M = (size_t)1 << 25; /* 256 MB */
    double *big = malloc(M * sizeof *big);
    if (!big)
        return 0.0;
    for (size_t i = 0; i < M; i++)
        big[i] = (double)(i & 7);
    double acc[4] = {0, 0, 0, 0};
    const double t0 = bench_limits_wall_s();
    for (int rep = 0; rep < 2; rep++)
        for (size_t i = 0; i < M; i += 4) /* four chains: bound by memory, not by addsd */
            acc[0] += big[i], acc[1] += big[i + 1], acc[2] += big[i + 2], acc[3] += big[i + 3];
    const double dt = bench_limits_wall_s() - t0;
    free(big);
    *sink += acc[0] + acc[1] + acc[2] + acc[3];
    return 2.0 * (double)(M * sizeof(double)) / dt / 1e9;
}

void bench_limits_measure(const char *who, bench_limits *l)
{
    double sink = 0.0;
    l->normals_per_s = normals_per_s(&sink, 0);
    l->gsl_normals_per_s = normals_per_s(&sink, 1);
    l->gflops = dgemm_gflops(&sink);
    l->mem_gbs = memory_gbs(&sink);
    printf("%s: limits measured now, this process: %.0f M normals/s (taus2 + ziggurat, "
           "rng_normals_fill%s; GSL one call each %.0f M/s), dgemm %.1f GFLOP/s (1 thread), "
           "memory %.1f GB/s (checksum %.3g)\n",
           who, l->normals_per_s / 1e6, rng_normals_inline() ? "" : " without its inline path",
           l->gsl_normals_per_s / 1e6, l->gflops, l->mem_gbs, sink);
}

void bench_limits_report(const char *what, double wall_s, double cpu_s, double floor_s)
{
    printf("    wall %.4g s, cpu %.4g s", wall_s, cpu_s);
    if (floor_s > 0.0)
        printf(", ratio %.2f to the %s limit (%.4g s at the limit)", floor_s / wall_s, what,
               floor_s);
    printf("\n");
}
