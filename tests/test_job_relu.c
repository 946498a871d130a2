/* test_job_relu.c — Algorithm 1 end to end: every estimator's errors fall like n^{-1/2}
 * (Theorem 1), mle is at least as accurate as sgd, and results do not depend on the
 * thread count. */
#include <criterion/criterion.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "job_relu.h"
#include "met_relu.h"
#include "model.h"
#include "sweep.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}
TestSuite(job_relu, .init = setup, .timeout = 300);

static sweep_cell *run_sweep(const rs_params *p, const double *values, size_t m, size_t threads)
{
    sweep_cell *cells = malloc(m * p->runs * sizeof *cells);
    sweep_cells_init(cells, m * p->runs);
    model_ctx ctx = {.base = p};
    sweep_spec s = {.n_values = m,
                    .runs = p->runs,
                    .values = values,
                    .cells = cells,
                    .threads = threads,
                    .shard_count = 1,
                    .job = job_relu_run,
                    .ctx = &ctx};
    rs_error err;
    cr_assert_eq(sweep_run(&s, &err), RS_OK, "%s", err.msg);
    return cells;
}

/* Least-squares slope of log(y) on log(x). */
static double loglog_slope(const double *x, const double *y, size_t m)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t i = 0; i < m; i++) {
        const double a = log(x[i]), b = log(y[i]);
        sx += a;
        sy += b;
        sxx += a * a;
        sxy += a * b;
    }
    return (m * sxy - sx * sy) / (m * sxx - sx * sx);
}

Test(job_relu, errors_fall_like_inverse_sqrt_n)
{
    /* Theorem 1: error eps with n = O~(1/eps^2), i.e. slope -1/2 on log-log axes. The mean
     * over 6 runs at 5 values of n in [1e4, 1e6]; the band [-0.7, -0.3] is the issue's. */
    rs_params p;
    param_defaults(&p, GEN_RELU);
    p.d = 5;
    p.k = 5;
    p.runs = 6;
    p.seed = 2385;
    p.sweep = param_find("n");
    p.compare = (1u << METHOD_SGD) | (1u << METHOD_TRUNCATED) | (1u << METHOD_MEDIAN);
    const double ns[] = {1e4, 10000 * pow(10, 0.5), 1e5, 100000 * pow(10, 0.5), 1e6};
    double values[5];
    for (size_t i = 0; i < 5; i++)
        values[i] = round(ns[i]);
    sweep_cell *cells = run_sweep(&p, values, 5, 2);
    const int methods[] = {METHOD_SGD, METHOD_TRUNCATED, METHOD_MEDIAN};
    const int metrics[] = {MET_RELU_ERR_B, MET_RELU_ERR_SIGMA};
    for (size_t a = 0; a < 3; a++)
        for (size_t b = 0; b < 2; b++) {
            double mean[5], sd;
            size_t count;
            for (size_t v = 0; v < 5; v++) {
                sweep_aggregate(cells, p.runs, v, methods[a], metrics[b], &mean[v], &sd, &count,
                                NULL);
                cr_assert_eq(count, p.runs);
            }
            const double slope = loglog_slope(values, mean, 5);
            printf("%s %s slope %.3f\n", param_method_name(methods[a]), met_relu_names[metrics[b]],
                   slope);
            cr_assert(slope > -0.7 && slope < -0.3, "%s %s: slope %.3f outside [-0.7, -0.3]",
                      param_method_name(methods[a]), met_relu_names[metrics[b]], slope);
        }
    free(cells);
}

Test(job_relu, truncated_at_least_as_accurate_as_sgd)
{
    /* Both fit the same truncated-normal likelihood; mle solves it exactly. Over 20 runs
     * at the paper's n = 2e4 (Figure 1 left, first point). */
    rs_params p;
    param_defaults(&p, GEN_RELU);
    p.d = 5;
    p.k = 5;
    p.n = 20000;
    p.runs = 20;
    p.seed = 99;
    p.compare = (1u << METHOD_SGD) | (1u << METHOD_TRUNCATED);
    const double v0 = 0;
    sweep_cell *cells = run_sweep(&p, &v0, 1, 2);
    const int metrics[] = {MET_RELU_ERR_B, MET_RELU_ERR_SIGMA};
    for (size_t b = 0; b < 2; b++) {
        double ms, mm, sd;
        size_t c;
        sweep_aggregate(cells, p.runs, 0, METHOD_SGD, metrics[b], &ms, &sd, &c, NULL);
        sweep_aggregate(cells, p.runs, 0, METHOD_TRUNCATED, metrics[b], &mm, &sd, &c, NULL);
        cr_assert(mm <= ms, "%s: truncated %g > sgd %g", met_relu_names[metrics[b]], mm, ms);
    }
    free(cells);
}

Test(job_relu, identical_for_one_and_two_threads)
{
    rs_params p;
    param_defaults(&p, GEN_RELU);
    p.d = 6;
    p.k = 4;
    p.n = 3000;
    p.runs = 3;
    p.seed = 17;
    p.bias = BIAS_SIGNED;
    p.sweep = param_find("kappa");
    p.compare = (1u << METHOD_SGD) | (1u << METHOD_TRUNCATED) | (1u << METHOD_MEDIAN);
    const double values[] = {1.0, 4.0, 16.0};
    sweep_cell *a = run_sweep(&p, values, 3, 1);
    sweep_cell *b = run_sweep(&p, values, 3, 2);
    for (size_t c = 0; c < 9; c++)
        for (int m = 0; m < 3; m++) {
            for (size_t id = 0; id < MET_RELU_COUNT; id++) {
                if (id == MET_RELU_SECONDS)
                    continue;
                const double x = a[c].metric[m][id], y = b[c].metric[m][id];
                cr_assert(memcmp(&x, &y, sizeof x) == 0,
                          "cell %zu method %d metric %zu: %.17g vs %.17g", c, m, id, x, y);
            }
            cr_assert_eq(a[c].flags[m], b[c].flags[m]);
        }
    free(a);
    free(b);
}

typedef struct {
    sweep_spec *s;
    rs_status st;
} run_arg;

static void *run_thread(void *vp)
{
    run_arg *a = vp;
    rs_error err;
    a->st = sweep_run(a->s, &err);
    return NULL;
}

/* Run p's runs at one sweep value (2 threads) into cells on a thread of its own, raise the
 * cancel flag after delay_us and return the sweep's status once it has stopped. */
static rs_status run_cancelled_after(const rs_params *p, sweep_cell *cells, useconds_t delay_us)
{
    const double v0 = 0;
    atomic_int cancel;
    atomic_init(&cancel, 0);
    model_ctx ctx = {.base = p};
    sweep_spec s = {.n_values = 1,
                    .runs = p->runs,
                    .values = &v0,
                    .cells = cells,
                    .threads = 2,
                    .shard_count = 1,
                    .job = job_relu_run,
                    .ctx = &ctx,
                    .cancel = &cancel};
    run_arg arg = {&s, RS_OK};
    pthread_t t;
    pthread_create(&t, NULL, run_thread, &arg);
    usleep(delay_us);
    atomic_store(&cancel, 1);
    pthread_join(t, NULL);
    return arg.st;
}

Test(job_relu, cancellation_stops_the_sweep)
{
    rs_params p;
    param_defaults(&p, GEN_RELU);
    p.d = 20;
    p.k = 20;
    p.n = 2000000;
    p.runs = 4;
    p.compare = 1u << METHOD_SGD;
    sweep_cell *cells = malloc(p.runs * sizeof *cells);
    sweep_cells_init(cells, p.runs);
    cr_assert_eq(run_cancelled_after(&p, cells, 100000), RS_ECANCELLED);
    size_t done = 0;
    for (size_t i = 0; i < p.runs; i++)
        done += (size_t)atomic_load(&cells[i].done);
    cr_assert(done < p.runs);
    free(cells);
}

Test(job_relu, detail_does_not_change_metrics)
{
    rs_params p;
    param_defaults(&p, GEN_RELU);
    p.d = 4;
    p.k = 4;
    p.n = 5000;
    p.runs = 1;
    p.seed = 3;
    p.compare = (1u << METHOD_TRUNCATED) | (1u << METHOD_SGD);
    const double v0 = 0;
    sweep_cell *a = run_sweep(&p, &v0, 1, 1);
    relu_detail *det = job_relu_detail_alloc();
    sweep_cell cell;
    sweep_cells_init(&cell, 1);
    model_ctx ctx = {.base = &p, .detail = det};
    cr_assert_eq(job_relu_run(&ctx, 0, 0, 0, &cell, NULL, NULL, NULL), RS_OK);
    for (size_t id = 0; id < MET_RELU_SECONDS; id++)
        cr_assert(
            memcmp(&a[0].metric[METHOD_SGD][id], &cell.metric[METHOD_SGD][id], sizeof(double)) == 0,
            "metric %zu: %.17g vs %.17g", id, a[0].metric[METHOD_SGD][id],
            cell.metric[METHOD_SGD][id]);
    cr_assert(det->head.ready);
    cr_assert(det->path_len > 10);
    cr_assert(det->p_zero > 0.0 && det->p_zero < 1.0);
    /* the landscape's minimum over the grid is near the MLE it is centred on */
    size_t best = 0;
    for (size_t i = 1; i < RELU_LAND_MU * RELU_LAND_SIGMA; i++)
        if (det->land_nll[i] < det->land_nll[best])
            best = i;
    const double mu_best = det->land_mu[best % RELU_LAND_MU];
    const double dmu = det->land_mu[1] - det->land_mu[0];
    cr_assert(fabs(mu_best - det->mle_mu) <= dmu, "grid min at %g, mle %g", mu_best, det->mle_mu);
    job_relu_detail_free(det);
    free(a);
}

/* Streaming (issue 15): with the samples streamed (mem_mb = 0) instead of kept, every
 * metric of mle and median is bit for bit the in-memory one, for several seeds, signed and
 * nonneg biases, n not a multiple of the block, and 1 or 2 threads. The median's brackets
 * are forced through refinement passes by n above their per-target floor of 2^16 values. */
Test(job_relu, streaming_is_bit_identical_to_the_in_memory_path)
{
    const double ns[] = {1000, 150001};
    const size_t seeds[] = {3, 17, 2024};
    for (size_t si = 0; si < 3; si++)
        for (size_t bias = 0; bias < 2; bias++) {
            rs_params p;
            param_defaults(&p, GEN_RELU);
            p.d = 7;
            p.k = 5;
            p.kappa = 3.7;
            p.runs = 2;
            p.seed = seeds[si];
            p.bias = (int)bias;
            p.compare = (1u << METHOD_MLE) | (1u << METHOD_MEDIAN);
            p.sweep = param_find("n");
            sweep_cell *mem = run_sweep(&p, ns, 2, 1);
            p.mem_mb = 0;
            for (size_t threads = 1; threads <= 2; threads++) {
                sweep_cell *str = run_sweep(&p, ns, 2, threads);
                for (size_t c = 0; c < 2 * p.runs; c++)
                    for (int m = METHOD_MLE; m <= METHOD_MEDIAN; m++) {
                        cr_assert_eq(mem[c].flags[m], str[c].flags[m]);
                        for (size_t id = 0; id < MET_RELU_COUNT; id++) {
                            if (id == MET_RELU_SECONDS)
                                continue;
                            const double a = mem[c].metric[m][id], b = str[c].metric[m][id];
                            cr_assert(memcmp(&a, &b, sizeof a) == 0,
                                      "seed %zu bias %zu cell %zu method %d metric %zu: %.17g vs "
                                      "%.17g",
                                      seeds[si], bias, c, m, id, a, b);
                        }
                    }
                free(str);
            }
            free(mem);
        }
}

/* Issue 15, point 3: a single streamed run with a second core free (threads = 2, one job)
 * replays the second half of each counting pass on a helper thread from the stream state
 * pass 1 saved at the middle block, and adds the integer counts: every metric is bit for
 * bit the one-thread (no helper) and the in-memory one, for an odd number of blocks, n
 * not a multiple of the block, and either bias. */
Test(job_relu, a_single_run_split_over_two_cores_is_bit_identical)
{
    const double ns[] = {150001};
    for (size_t bias = 0; bias < 2; bias++) {
        rs_params p;
        param_defaults(&p, GEN_RELU);
        p.d = 9;
        p.k = 6;
        p.kappa = 2.5;
        p.runs = 1;
        p.seed = 41 + bias;
        p.bias = (int)bias;
        p.compare = (1u << METHOD_MLE) | (1u << METHOD_CENSORED) | (1u << METHOD_MEDIAN);
        p.sweep = -1; /* one job: the base's sweep decides how many there are */
        p.n = (size_t)ns[0];
        p.threads = 1;
        sweep_cell *mem = run_sweep(&p, ns, 1, 1);
        p.mem_mb = 0;
        sweep_cell *one = run_sweep(&p, ns, 1, 1);
        p.threads = 2; /* one job, two threads: the helper takes half of each count pass */
        sweep_cell *two = run_sweep(&p, ns, 1, 2);
        for (int m = 0; m < METHOD_COUNT; m++) {
            if (!(p.compare & (1u << m)))
                continue;
            cr_assert_eq(mem[0].flags[m], two[0].flags[m]);
            for (size_t id = 0; id < MET_RELU_COUNT; id++) {
                if (id == MET_RELU_SECONDS)
                    continue;
                const double a = mem[0].metric[m][id], b = one[0].metric[m][id],
                             c = two[0].metric[m][id];
                cr_assert(memcmp(&a, &b, sizeof a) == 0 && memcmp(&a, &c, sizeof a) == 0,
                          "bias %zu method %d metric %zu: in memory %.17g, 1 thread %.17g, 2 "
                          "threads %.17g",
                          bias, m, id, a, b, c);
            }
        }
        free(mem);
        free(one);
        free(two);
    }
}

/* A single streamed run on two cores (the producer of the normals and the counting
 * helper running) stops promptly when cancelled, in pass 1 and later, and never hangs. */
Test(job_relu, cancelling_a_single_streamed_run_stops_its_threads)
{
    const useconds_t delays[] = {20000, 150000, 400000};
    for (size_t i = 0; i < 3; i++) {
        rs_params p;
        param_defaults(&p, GEN_RELU);
        p.d = p.k = 25;
        p.n = 4000000;
        p.runs = 1;
        p.threads = 2;
        p.mem_mb = 0;
        p.sweep = -1;
        p.compare = (1u << METHOD_MLE) | (1u << METHOD_MEDIAN);
        sweep_cell cell;
        sweep_cells_init(&cell, 1);
        const rs_status st = run_cancelled_after(&p, &cell, delays[i]);
        cr_assert(st == RS_ECANCELLED || st == RS_OK, "status %d", st);
        cr_assert_eq(st == RS_OK, atomic_load(&cell.done) == 1);
    }
}
