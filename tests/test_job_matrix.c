/* test_job_matrix.c — the matrix job end to end: mle beats the svd baseline (SPEC 5.2),
 * bit-identical reruns, the detail for the views, cancellation. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "job_matrix.h"
#include "model.h"
#include "param.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(job_matrix, .init = setup);

static rs_params matrix_params(void)
{
    rs_params p;
    param_defaults(&p, GEN_MATRIX);
    rs_error err;
    cr_assert_eq(param_parse(&p, param_find("compare"), "mle,svd", &err), RS_OK);
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s", err.msg);
    return p;
}

Test(job_matrix, mle_beats_svd_over_20_runs)
{
    /* d = 50, k = 5, n = 2000, zero-mean Gaussian bias (the defaults). Paired over 20
     * seeded runs, the mean of svd - mle must exceed 4 standard errors of the paired
     * differences, for rel_err_m and for subspace_err: a one-sided z-test at 4 sigma. */
    rs_params p = matrix_params();
    cr_assert_eq(p.d, 50);
    cr_assert_eq(p.k, 5);
    cr_assert_eq(p.n, 2000);
    cr_assert_eq(p.bias_mean, 0.0);
    model_ctx ctx = {.base = &p};
    const size_t runs = 20, ids[] = {MET_MATRIX_REL_ERR_M, MET_MATRIX_SUBSPACE_ERR};
    double diff[2][20];
    for (size_t r = 0; r < runs; r++) {
        sweep_cell cell;
        rs_error err;
        cr_assert_eq(job_matrix_run(&ctx, 0, 0.0, r, &cell, NULL, NULL, &err), RS_OK, "%s",
                     err.msg);
        for (size_t m = 0; m < 2; m++)
            diff[m][r] = cell.metric[METHOD_SVD][ids[m]] - cell.metric[METHOD_MLE][ids[m]];
    }
    for (size_t m = 0; m < 2; m++) {
        double mean = 0.0, var = 0.0;
        for (size_t r = 0; r < runs; r++)
            mean += diff[m][r] / (double)runs;
        for (size_t r = 0; r < runs; r++)
            var += (diff[m][r] - mean) * (diff[m][r] - mean) / (double)(runs - 1);
        const double se = sqrt(var / (double)runs);
        cr_assert_gt(mean, 4.0 * se, "%s: svd - mle = %g, se %g", met_matrix_names[ids[m]], mean,
                     se);
    }
}

Test(job_matrix, reruns_are_bit_identical_and_the_detail_does_not_change_metrics)
{
    rs_params p = matrix_params();
    p.n = 500;
    matrix_detail *det = job_matrix_detail_alloc();
    cr_assert_not_null(det);
    model_ctx plain = {.base = &p}, with = {.base = &p, .detail = det};
    sweep_cell a, b;
    rs_error err;
    cr_assert_eq(job_matrix_run(&plain, 0, 0.0, 0, &a, NULL, NULL, &err), RS_OK, "%s", err.msg);
    cr_assert_eq(job_matrix_run(&with, 0, 0.0, 0, &b, NULL, NULL, &err), RS_OK, "%s", err.msg);
    for (int m = METHOD_MLE; m <= METHOD_SVD; m += METHOD_SVD - METHOD_MLE)
        for (size_t i = 0; i < MET_MATRIX_COUNT; i++)
            if (i != MET_MATRIX_SECONDS)
                cr_assert_eq(a.metric[m][i], b.metric[m][i], "%s %s", param_method_name(m),
                             met_matrix_names[i]);
    /* The detail: every view's data is there and consistent with the metrics. */
    cr_assert(det->head.ready);
    cr_assert(det->land_ready);
    cr_assert_eq(det->d, 50);
    cr_assert_eq(det->est[0].method, METHOD_MLE);
    cr_assert_eq(det->est[1].method, METHOD_SVD);
    cr_assert_eq(det->learn_total, (size_t)b.metric[METHOD_MLE][MET_MATRIX_ITERS] + 1);
    cr_assert_lt(
        fabs(det->learn_rel_err[det->learn_len - 1] - b.metric[METHOD_MLE][MET_MATRIX_REL_ERR_M]),
        1e-12);
    for (size_t t = 1; t < det->learn_len; t++) /* steps never increase J */
        cr_assert_leq(det->learn_objective[t], det->learn_objective[t - 1]);
    /* The landscape's minimum over the grid sits at its centre, the MLE (alpha = beta = 0). */
    size_t best = 0;
    for (size_t t = 1; t < MATRIX_LAND * MATRIX_LAND; t++)
        if (det->land_objective[t] < det->land_objective[best])
            best = t;
    cr_assert_eq(best, (MATRIX_LAND / 2) * MATRIX_LAND + MATRIX_LAND / 2);
    for (size_t s = 0; s < 2; s++) { /* principal angles agree with subspace_err */
        double s2 = 0.0;
        for (size_t a = 0; a < det->k; a++)
            s2 += pow(sin(det->est[s].principal_rad[a]), 2);
        cr_assert_lt(fabs(sqrt(s2) - det->est[s].metric[MET_MATRIX_SUBSPACE_ERR]), 1e-6);
    }
    double zeros = 0.0;
    for (size_t i = 0; i < det->d; i++)
        zeros += det->zero_frac[i];
    cr_assert_gt(zeros, 0.0);
    job_matrix_detail_free(det);
    job_matrix_detail_free(NULL);
}

Test(job_matrix, cancel_and_bad_methods)
{
    rs_params p = matrix_params();
    model_ctx ctx = {.base = &p};
    sweep_cell cell;
    rs_error err;
    atomic_int cancel = 1;
    cr_assert_eq(job_matrix_run(&ctx, 0, 0.0, 0, &cell, NULL, &cancel, &err), RS_ECANCELLED);
    p.compare = 1u << METHOD_SGD;
    cr_assert_eq(job_matrix_run(&ctx, 0, 0.0, 0, &cell, NULL, NULL, &err), RS_EINVAL);
    const model_ops *ops = model_get(GEN_MATRIX);
    cr_assert_not_null(ops);
    cr_assert_eq(ops->n_metrics, MET_MATRIX_COUNT);
    cr_assert_gt(ops->job_bytes(&p), 50 * 2000 * sizeof(double));
}

Test(job_matrix, sweep_cells_do_not_depend_on_the_thread_count)
{
    /* SPEC 5: every (value, run) job draws from its own streams, so 1 and 2 worker threads
     * give bit-identical cells (seconds aside). */
    rs_params p = matrix_params();
    rs_error err;
    cr_assert_eq(param_parse(&p, param_find("sweep"), "n", &err), RS_OK);
    cr_assert_eq(param_parse(&p, param_find("sweep_values"), "300,700", &err), RS_OK);
    p.runs = 2;
    double values[PARAM_MAX_LIST];
    const size_t nv = param_sweep_values(&p, values);
    model_ctx ctx = {.base = &p};
    sweep_cell cells[2][4];
    for (size_t t = 0; t < 2; t++) {
        sweep_cells_init(cells[t], nv * p.runs);
        const sweep_spec spec = {.n_values = nv,
                                 .runs = p.runs,
                                 .values = values,
                                 .cells = cells[t],
                                 .threads = t + 1,
                                 .shard_count = 1,
                                 .job = job_matrix_run,
                                 .ctx = &ctx};
        cr_assert_eq(sweep_run(&spec, &err), RS_OK, "%s", err.msg);
    }
    for (size_t c = 0; c < nv * p.runs; c++)
        for (int m = METHOD_MLE; m <= METHOD_SVD; m += METHOD_SVD - METHOD_MLE) {
            cr_assert_eq(cells[0][c].flags[m], cells[1][c].flags[m]);
            for (size_t i = 0; i < MET_MATRIX_COUNT; i++)
                if (i != MET_MATRIX_SECONDS)
                    cr_assert_eq(cells[0][c].metric[m][i], cells[1][c].metric[m][i], "cell %zu %s",
                                 c, met_matrix_names[i]);
        }
}

/* Least-squares slope of log y on log x over len points. */
static double loglog_slope(const double *x, const double *y, size_t len)
{
    double mx = 0.0, my = 0.0, sxy = 0.0, sxx = 0.0;
    for (size_t i = 0; i < len; i++) {
        mx += log(x[i]) / (double)len;
        my += log(y[i]) / (double)len;
    }
    for (size_t i = 0; i < len; i++) {
        sxy += (log(x[i]) - mx) * (log(y[i]) - my);
        sxx += (log(x[i]) - mx) * (log(x[i]) - mx);
    }
    return sxy / sxx;
}

Test(job_matrix, the_gauge_invariant_error_falls_with_n, .timeout = 240)
{
    /* Issue 14 item 7. Y = ReLU(A C + b 1^T) has no noise, so where every row of Y has at
     * least k + 1 positive entries the fit is exact up to the gauge (C, b) -> (C + w 1^T,
     * b - A w) and rel_err_gauge is at the solver's tolerance (about 1e-6); a run keeps an
     * error only while some row is (nearly) empty. With b_i ~ N(0, s^2) and ||a_i||^2 about
     * k/d, row i is empty with probability E[Phi(-b_i/||a_i||)^n], which the tail of b makes
     * about n^-rho (ln n)^((rho - 1)/2), rho = k/(d s^2): the mean error over runs falls with
     * n, the median sits at the tolerance. We test the mean over all runs (nothing
     * excluded; runs with empty rows are what carries it). d = 20, k = 4, s = 0.5 (rho = 0.8),
     * 100 runs at n = 50, 200, 800, seed 2385, 300 iterations. The bound -0.3 is the issue's;
     * resampling the 100 runs gives the fitted slope a standard deviation of about 0.08, and
     * a flat error (rel_err_m's behaviour, slope 0) would sit about 4 sd above the bound.
     * Measured: mean 0.0347, 0.0121, 0.0055, slope -0.67, while rel_err_m stays at 0.21,
     * 0.20, 0.20 (slope -0.01: the gauge shift no n removes). */
    rs_params p = matrix_params();
    rs_error err;
    const char *kv[][2] = {{"d", "20"},        {"k", "4"},       {"bias_scale", "0.5"},
                           {"compare", "mle"}, {"iters", "300"}, {"runs", "100"},
                           {"seed", "2385"},   {"sweep", "n"},   {"sweep_values", "50,200,800"}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        cr_assert_eq(param_parse(&p, param_find(kv[i][0]), kv[i][1], &err), RS_OK, "%s", err.msg);
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s", err.msg);
    double values[PARAM_MAX_LIST];
    const size_t nv = param_sweep_values(&p, values);
    cr_assert_eq(nv, 3u);
    static sweep_cell cells[3 * 100];
    sweep_cells_init(cells, nv * p.runs);
    model_ctx ctx = {.base = &p};
    const sweep_spec spec = {.n_values = nv,
                             .runs = p.runs,
                             .values = values,
                             .cells = cells,
                             .threads = 2,
                             .shard_count = 1,
                             .job = job_matrix_run,
                             .ctx = &ctx};
    cr_assert_eq(sweep_run(&spec, &err), RS_OK, "%s", err.msg);
    double mean[3] = {0.0, 0.0, 0.0}, rel_m[3] = {0.0, 0.0, 0.0};
    for (size_t v = 0; v < nv; v++)
        for (size_t r = 0; r < p.runs; r++) {
            const sweep_cell *c = &cells[v * p.runs + r];
            cr_assert(isfinite(c->metric[METHOD_MLE][MET_MATRIX_REL_ERR_GAUGE]));
            mean[v] += c->metric[METHOD_MLE][MET_MATRIX_REL_ERR_GAUGE] / (double)p.runs;
            rel_m[v] += c->metric[METHOD_MLE][MET_MATRIX_REL_ERR_M] / (double)p.runs;
        }
    const double slope = loglog_slope(values, mean, nv);
    cr_log_info("rel_err_gauge mean %.4g %.4g %.4g, slope %.3f; rel_err_m %.4g %.4g %.4g, slope "
                "%.3f",
                mean[0], mean[1], mean[2], slope, rel_m[0], rel_m[1], rel_m[2],
                loglog_slope(values, rel_m, nv));
    cr_assert_lt(slope, -0.3, "rel_err_gauge does not fall with n: slope %g", slope);
}
