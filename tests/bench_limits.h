/* bench_limits.h — what every benchmark prints beside its figures: wall and CPU time, and
 * this machine's limits measured in the same process (normals/s of the project's RNG,
 * single-thread dgemm GFLOP/s, streaming memory GB/s), so that a figure reads as a ratio
 * to what the machine can do at that moment (the machine is shared and noisy). */
#ifndef BENCH_LIMITS_H
#define BENCH_LIMITS_H

typedef struct {
    double normals_per_s;     /* taus2 + ziggurat by rng_normals_fill, one thread */
    double gsl_normals_per_s; /* the same normals by one GSL call each */
    double gflops;            /* dgemm 2048x64 * 64x64 on one OpenBLAS thread */
    double mem_gbs;           /* streaming sum over 256 MB, one thread */
} bench_limits;

/* Seconds since an arbitrary start (monotonic) and the process's CPU seconds (every
 * thread). */
double bench_limits_wall_s(void);
double bench_limits_cpu_s(void);

/* Measure the three limits (about half a second) and print them on one line prefixed by
 * `who`. Call after openblas_set_num_threads(1). */
void bench_limits_measure(const char *who, bench_limits *l);

/* Print "wall W s, cpu C s, ratio R to the <what> limit" where R = floor_s / wall_s, the
 * time the work would take at the limit over the time it took (1 = at the limit). */
void bench_limits_report(const char *what, double wall_s, double cpu_s, double floor_s);

#endif
