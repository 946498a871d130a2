/* test_sweep2.c — the pairs of a phase map (core/sweep2.c, issue 17): the coarse-to-fine
 * run-major order covers every job once with every other cell of each run first; a
 * pair's stream index depends on its values only; a pair job runs the generator's job
 * with both keys set and that stream, through the sweep engine's order. A stand-in
 * generator records what its job was given (no BLAS, no random stream). */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "model.h"
#include "sweep2.h"

Test(sweep2, order_is_coarse_first_run_major_and_complete)
{
    enum { N1 = 7, N2 = 5, RUNS = 3, JOBS = N1 * N2 * RUNS };
    size_t order[JOBS];
    const size_t coarse = sweep2_order(N1, N2, RUNS, order);
    cr_assert_eq(coarse, 4 * 3, "every other cell of 7 x 5: 4 x 3");
    int seen[JOBS] = {0};
    for (size_t k = 0; k < JOBS; k++) {
        cr_assert_lt(order[k], JOBS);
        seen[order[k]]++;
        const size_t v = order[k] / RUNS, run = order[k] % RUNS;
        const size_t i1 = v % N1, i2 = v / N1;
        cr_assert_eq(run, k / (N1 * N2), "run-major: job %zu is of run %zu", k, run);
        /* within a run, the coarse pairs first */
        cr_assert_eq(sweep2_coarse(i1, i2), k % (N1 * N2) < coarse, "position %zu", k);
    }
    for (size_t j = 0; j < JOBS; j++)
        cr_assert_eq(seen[j], 1, "job %zu", j);
}

Test(sweep2, stream_depends_on_the_values_only)
{
    cr_assert_eq(sweep2_stream(3.0, 0.1), sweep2_stream(3.0, 0.1));
    cr_assert_eq(sweep2_stream(0.0, 2.385), sweep2_stream(-0.0, 2.385), "-0 is 0");
    cr_assert_neq(sweep2_stream(3.0, 0.1), sweep2_stream(0.1, 3.0), "x and y are not swapped");
    cr_assert_neq(sweep2_stream(3.0, 0.1), sweep2_stream(3.0, nextafter(0.1, 1.0)));
    /* distinct over a grid (a collision would give two pairs the same data) */
    uint64_t s[64];
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            s[i * 8 + j] = sweep2_stream(1.5 + i, pow(10.0, -2.0 + 0.5 * j));
    for (int a = 0; a < 64; a++)
        for (int b = a + 1; b < 64; b++)
            cr_assert_neq(s[a], s[b]);
}

/* The stand-in job: metric 0 = the sweep key (r), 1 = the sweep2 key (lambda), 2 = the
 * low bits of the value index it was given. */
static rs_status fake_job(void *vctx, size_t v, double value, size_t run, sweep_cell *cell,
                          workspace_arena *arena, const atomic_int *cancel, rs_error *err)
{
    (void)arena, (void)cancel, (void)run;
    rs_params p;
    const rs_status st = model_job_params(vctx, value, &p, err);
    if (st != RS_OK)
        return st;
    cell->metric[METHOD_SGD][0] = p.r;
    cell->metric[METHOD_SGD][1] = p.lambda;
    cell->metric[METHOD_SGD][2] = (double)(v & 0xffffu);
    return RS_OK;
}

Test(sweep2, pair_jobs_set_both_keys_and_their_stream)
{
    rs_params p;
    rs_error e;
    param_defaults(&p, GEN_RELU);
    cr_assert_eq(param_parse(&p, param_find("sweep"), "r", &e), RS_OK);
    cr_assert_eq(param_parse(&p, param_find("sweep_values"), "1.5,2.385,7", &e), RS_OK);
    cr_assert_eq(param_parse(&p, param_find("sweep2"), "lambda", &e), RS_OK);
    cr_assert_eq(param_parse(&p, param_find("sweep2_values"), "0.01,0.5", &e), RS_OK);
    static sweep2_axes a;
    sweep2_axes_of(&p, &a);
    cr_assert(a.n1 == 3 && a.n2 == 2);
    model_ops ops = *model_get(GEN_RELU);
    ops.job = fake_job;
    enum { RUNS = 2, JOBS = 3 * 2 * RUNS };
    sweep_cell cells[JOBS];
    size_t order[JOBS];
    sweep_cells_init(cells, JOBS);
    sweep2_order(a.n1, a.n2, RUNS, order);
    sweep2_ctx ctx = {.ops = &ops, .base = &p, .axes = &a, .detail_pair = (size_t)-1};
    const sweep_spec spec = {.n_values = 6,
                             .runs = RUNS,
                             .values = a.flat,
                             .cells = cells,
                             .threads = 2,
                             .shard_count = 1,
                             .job = sweep2_job,
                             .ctx = &ctx,
                             .order = order};
    cr_assert_eq(sweep_run(&spec, &e), RS_OK, "%s", e.msg);
    for (size_t i2 = 0; i2 < 2; i2++)
        for (size_t i1 = 0; i1 < 3; i1++)
            for (size_t run = 0; run < RUNS; run++) {
                const sweep_cell *c = &cells[(i2 * 3 + i1) * RUNS + run];
                cr_assert(atomic_load(&c->done));
                cr_assert_eq(c->metric[METHOD_SGD][0], a.v1[i1]);
                cr_assert_eq(c->metric[METHOD_SGD][1], a.v2[i2]);
                cr_assert_eq(c->metric[METHOD_SGD][2],
                             (double)(sweep2_stream(a.v1[i1], a.v2[i2]) & 0xffffu));
            }
}
