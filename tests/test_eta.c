/* test_eta.c — the ETA of a running sweep from measured job costs (issue 13, point 17). */
#include <criterion/criterion.h>

#include <math.h>

#include "eta.h"

/* A sweep over n = 1e4, 1e5, 1e6 with 2 runs, job time 1e-5 s per sample, one thread:
 * run 0 of the first two values has finished (0.1 s + 1 s = 1.1 s elapsed). Left: run 1
 * of those two (1.1 s) and both runs at 1e6 (2 x 10 s). The mean job time so far (0.55 s)
 * times the 4 jobs left says 2.2 s, which is what the status bar showed before. */
Test(eta, jobs_at_large_n_cost_more)
{
    const eta_value v[3] = {
        {.x = 1e4, .cost = 1e4 * 5, .total = 2, .done = 1, .measured = 1, .seconds = 0.1},
        {.x = 1e5, .cost = 1e5 * 5, .total = 2, .done = 1, .measured = 1, .seconds = 1.0},
        {.x = 1e6, .cost = 1e6 * 5, .total = 2, .done = 0, .measured = 0, .seconds = 0},
    };
    const double eta = eta_estimate(v, 3, 1.1, 1);
    cr_expect(fabs(eta - 21.1) < 1e-9 * 21.1, "eta %.6g s, expected 21.1 s", eta);
}

/* One measured value: the unmeasured ones scale with the model cost (n·d). */
Test(eta, one_measured_value_scales_by_the_cost_model)
{
    const eta_value v[2] = {
        {.x = 5, .cost = 1e5 * 5, .total = 1, .done = 1, .measured = 1, .seconds = 2.0},
        {.x = 20, .cost = 1e5 * 20, .total = 1, .done = 0, .measured = 0, .seconds = 0},
    };
    const double eta = eta_estimate(v, 2, 2.0, 1);
    cr_expect(fabs(eta - 8.0) < 1e-9, "eta %.6g s, expected 8 s", eta);
}

/* Two threads: 2 s of job time in 1 s of wall time, so the 2 s of jobs left take 1 s. Cells carried
 * over from the last computation count as done, untimed. */
Test(eta, parallel_jobs_and_carried_cells)
{
    const eta_value v[2] = {
        {.x = -1, .cost = 0, .total = 3, .done = 3, .measured = 2, .seconds = 2.0},
        {.x = 1, .cost = 0, .total = 2, .done = 0, .measured = 0, .seconds = 0},
    };
    const double eta = eta_estimate(v, 2, 1.0, 2);
    cr_expect(fabs(eta - 1.0) < 1e-9, "eta %.6g s, expected 1 s", eta);
}

Test(eta, nothing_measured_is_no_eta)
{
    const eta_value v[1] = {{.x = 1e4, .cost = 1, .total = 2, .done = 0}};
    cr_expect_eq(eta_estimate(v, 1, 3.0, 1), -1.0);
}

/* A job in flight: its time so far is in elapsed_s but in no measured job. One thread,
 * 1 s measured, 1 job of 1 s left and 0.5 s elapsed beyond the measured second: 0.5 s. */
Test(eta, a_job_in_flight_is_not_counted_twice)
{
    const eta_value v[1] = {{.x = 1, .total = 2, .done = 1, .measured = 1, .seconds = 1.0}};
    const double eta = eta_estimate(v, 1, 1.5, 1);
    cr_expect(fabs(eta - 0.5) < 1e-9, "eta %.6g s, expected 0.5 s", eta);
}
