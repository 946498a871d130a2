/* test_job_relu_needed.c — Claim 2 of Wu, Dimakis, Sanghavi 2019 as measured by the
 * samples-needed job (job_relu_needed.c): log n needed grows with b^2 at least as fast as
 * the exp(b^2/2) of the claim, and Algorithm 1's clip leaves err_b = |b|. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "job_relu.h"
#include "job_relu_needed.h"
#include "met_relu.h"
#include "model.h"
#include "sweep.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}
TestSuite(job_relu_needed, .init = setup, .timeout = 120);

Test(job_relu_needed, grid_is_four_per_decade_and_ends_at_n)
{
    double g[JOB_RELU_NEEDED_GRID_MAX];
    const size_t m = job_relu_needed_grid(1000, g, JOB_RELU_NEEDED_GRID_MAX);
    cr_assert_eq(m, 9); /* 10, 18, 32, 56, 100, 178, 316, 562, 1000 */
    cr_assert(g[0] == 10 && g[4] == 100 && g[8] == 1000 && g[1] == 18);
    cr_assert_eq(job_relu_needed_grid(7, g, JOB_RELU_NEEDED_GRID_MAX), 1);
    cr_assert(g[0] == 7);
}

Test(job_relu_needed, samples_needed_grow_like_exp_b2_over_2)
{
    /* The preset relu-negative-bias at its own size: b = 0 .. -3, target 0.1, 20 runs.
     * Per b the mean of ln n_needed and its standard error sd/sqrt(runs). Claim 2 is a
     * lower bound: ln n >= ln n(0) + b^2/2 + O(1). Checks: (1) every run reaches the
     * target by n = 1e8; (2) the least-squares slope of mean ln n on b^2 is positive, and
     * at least the claim's 1/2 minus 2 of its standard errors; (3) the guide anchored at
     * b = 0 lies below each measured mean plus 2 standard errors of the difference (the
     * anchor's and the point's, added in quadrature): "inside or below its spread". */
    rs_params p;
    param_defaults(&p, GEN_RELU);
    p.d = p.k = 1;
    p.coord2 = 0;
    p.bias = BIAS_CONST;
    p.estimator = METHOD_CENSORED;
    p.clip_bias = CLIP_OFF;
    p.target_err = 0.1;
    p.n = 100000000;
    p.runs = 20;
    p.seed = 1;
    p.sweep = param_find("bias_scale");
    const double b[] = {0, -0.5, -1, -1.5, -2, -2.5, -3};
    enum { NB = 7 };
    for (size_t v = 0; v < NB; v++)
        p.sweep_values[v] = b[v];
    p.n_sweep_values = NB;
    rs_error err;
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s", err.msg);
    sweep_cell *cells = malloc(NB * p.runs * sizeof *cells);
    sweep_cells_init(cells, NB * p.runs);
    model_ctx ctx = {.base = &p};
    sweep_spec s = {.n_values = NB,
                    .runs = p.runs,
                    .values = b,
                    .cells = cells,
                    .threads = 2,
                    .shard_count = 1,
                    .job = job_relu_run,
                    .ctx = &ctx};
    cr_assert_eq(sweep_run(&s, &err), RS_OK, "%s", err.msg);
    double mean[NB], se[NB];
    for (size_t v = 0; v < NB; v++) {
        double m, sd;
        size_t count, nan_runs;
        sweep_aggregate(cells, p.runs, v, METHOD_CENSORED, MET_RELU_LOG10_N_NEEDED, &m, &sd, &count,
                        &nan_runs);
        cr_assert_eq(nan_runs, 0, "b = %g: %zu runs never reached the target", b[v], nan_runs);
        mean[v] = m * M_LN10;
        se[v] = sd * M_LN10 / sqrt((double)count);
        /* Algorithm 1's clip: err_b = |b| exactly once b_hat < 0, for b <= -0.5. */
        if (b[v] <= -0.5)
            for (size_t r = 0; r < p.runs; r++)
                cr_assert_float_eq(
                    cells[v * p.runs + r].metric[METHOD_CENSORED][MET_RELU_ERR_B_CLIPPED], -b[v],
                    1e-12);
        cr_log_info("b = %g: ln n needed %.2f ± %.2f (guide %.2f)", b[v], mean[v], se[v],
                    mean[0] + b[v] * b[v] / 2);
    }
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t v = 0; v < NB; v++) {
        const double x = b[v] * b[v];
        sx += x, sy += mean[v], sxx += x * x, sxy += x * mean[v];
    }
    const double slope = (NB * sxy - sx * sy) / (NB * sxx - sx * sx);
    double rss = 0;
    const double icpt = (sy - slope * sx) / NB;
    for (size_t v = 0; v < NB; v++) {
        const double e = mean[v] - icpt - slope * b[v] * b[v];
        rss += e * e;
    }
    const double slope_se = sqrt(rss / (NB - 2) / (sxx - sx * sx / NB));
    cr_log_info("ln n vs b^2: slope %.3f ± %.3f (Claim 2: >= 0.5)", slope, slope_se);
    cr_assert(slope > 0.0, "slope %g", slope);
    cr_assert(slope >= 0.5 - 2.0 * slope_se, "slope %g ± %g below Claim 2's 1/2", slope, slope_se);
    for (size_t v = 1; v < NB; v++) {
        const double guide = mean[0] + b[v] * b[v] / 2.0;
        cr_assert(guide <= mean[v] + 2.0 * hypot(se[0], se[v]),
                  "b = %g: guide %g above measured %g + 2 se", b[v], guide, mean[v]);
    }
    free(cells);
}
