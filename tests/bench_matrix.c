/* bench_matrix.c — the matrix-model MLE at d = 100, k = 10, n = 1e5 (issue 5): seconds
 * and iterations to converge, memory against the size of Y. Prints figures only. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "est_matrix_mle.h"
#include "gen_matrix.h"
#include "met_matrix.h"
#include "param.h"
#include "rng_stream.h"

#include "bench_limits.h"

void openblas_set_num_threads(int num_threads);

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void on_iter(void *ctx, size_t iter, const est_matrix_mle_iter *it,
                    const est_matrix_result *cur)
{
    const double *t0 = ctx;
    (void)cur;
    printf("  iter %3zu  t = %6.2f s  J = %.6e  -L/d = %.5f  violation = %.3e\n", iter,
           now_s() - *t0, it->objective, it->nll, it->violation);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    openblas_set_num_threads(1); /* as its header line says (and the meson env) */
    const size_t d = 100, k = 10, n = argc > 1 ? (size_t)atol(argv[1]) : 100000;
    const gen_matrix_bias bias = {BIASDIST_GAUSSIAN, 0.0, 1.0};
    double *A = malloc(d * k * sizeof *A), *b = malloc(d * sizeof *b),
           *C = malloc(k * n * sizeof *C);
    double *Y = malloc(d * n * sizeof *Y), *U = malloc(d * k * sizeof *U),
           *V = malloc(n * k * sizeof *V);
    double *bh = malloc(d * sizeof *bh), *Uk = malloc(d * k * sizeof *Uk);
    double *work = malloc(met_matrix_work(d, k) * sizeof *work);
    int *iwork = malloc(2 * d * sizeof *iwork);
    est_matrix_mle_ws *ws = est_matrix_mle_ws_alloc(d, n, k);
    if (!A || !b || !C || !Y || !U || !V || !bh || !Uk || !work || !iwork || !ws) {
        fprintf(stderr, "bench_matrix: out of memory\n");
        return 1;
    }
    gsl_rng *rt = rng_stream_alloc(1, 0, 0, RNG_PURPOSE_TRUTH),
            *rs = rng_stream_alloc(1, 0, 0, RNG_PURPOSE_SAMPLES);
    gen_matrix_truth(d, k, 1.0, &bias, rt, A, b, NULL);
    gen_matrix_latent(k, n, LATENT_GAUSSIAN, 0.0, rs, C, NULL, NULL);
    gen_matrix_sample(A, b, C, d, k, n, Y, NULL, NULL, NULL);
    met_matrix_true_basis(A, d, k, work, iwork, Uk, NULL);
    const est_matrix_input in = {Y, d, n, k};
    est_matrix_result res = {U, V, bh, 0, 0};
    const est_matrix_mle_opts opt = est_matrix_mle_default_opts(&bias);
    bench_limits lim;
    bench_limits_measure("bench_matrix", &lim);
    printf(
        "matrix mle: d = %zu, k = %zu, n = %zu, gaussian latent, bias N(0, 1), one BLAS thread\n",
        d, k, n);
    const double c0 = bench_limits_cpu_s();
    double t0 = now_s();
    rs_error err;
    const rs_status st = est_matrix_mle_fit(&in, &opt, ws, &res, on_iter, &t0, NULL, &err);
    const double secs = now_s() - t0, cpu = bench_limits_cpu_s() - c0;
    if (st != RS_OK) {
        fprintf(stderr, "bench_matrix: %s\n", err.msg);
        return 1;
    }
    const met_matrix_truth truth = {A, C, b, Uk};
    double out[MET_MATRIX_COUNT];
    const unsigned flags =
        met_matrix_eval(Y, d, n, k, &truth, &res, &bias, work, iwork, out, NULL, NULL);
    const double y_mb = (double)(d * n * sizeof(double)) / 1e6;
    const double est_mb =
        (double)(est_matrix_mle_ws_bytes(d, n, k) + (n * k + d * k + d) * sizeof(double)) / 1e6;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("seconds %.2f  iterations %zu  converged %s  (%.3f s per iteration)\n", secs, res.iters,
           res.flags & EST_MATRIX_FLAG_NOT_CONVERGED ? "no" : "yes",
           secs / (double)(res.iters ? res.iters : 1));
    /* the floor: reading Y once per iteration at the measured memory rate */
    bench_limits_report("memory", secs, cpu,
                        (double)res.iters * (double)(d * n * sizeof(double)) / (lim.mem_gbs * 1e9));
    printf("rel_err_m %.4f  subspace_err %.4f  err_b %.4f  violation %.2e  flags %u\n",
           out[MET_MATRIX_REL_ERR_M], out[MET_MATRIX_SUBSPACE_ERR], out[MET_MATRIX_ERR_B],
           out[MET_MATRIX_VIOLATION], flags);
    printf("memory: Y %.1f MB; estimator (workspace + U, V, b) %.1f MB = %.2f x Y; "
           "process peak RSS %.1f MB = %.2f x Y (includes Y, C and the truth)\n",
           y_mb, est_mb, est_mb / y_mb, (double)ru.ru_maxrss / 1e3,
           (double)ru.ru_maxrss / 1e3 / y_mb);
    est_matrix_mle_ws_free(ws);
    gsl_rng_free(rt);
    gsl_rng_free(rs);
    double *bufs[] = {A, b, C, Y, U, V, bh, Uk, work};
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        free(bufs[i]);
    free(iwork);
    return 0;
}
