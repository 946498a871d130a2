/* test_worker_phase.c — the worker's cache of a phase map (issue 17: "moving one key's
 * value only recomputes what changed"). A 2-D sweep is computed, then sweep2's values
 * move so that one row stays: the cells of that row are carried over (their `seconds`,
 * a wall time no recomputation could repeat to the bit, are the old ones), the new row
 * is computed, and the run that fills the detail views is computed again. */
#include <criterion/criterion.h>

#include <string.h>

#include <gsl/gsl_errno.h>

#include "model.h"
#include "worker.h"

static void set(rs_params *p, const char *key, const char *value)
{
    rs_error e;
    cr_assert_eq(param_parse(p, param_find(key), value, &e), RS_OK, "%s", e.msg);
}

/* A small relu phase map: r x lambda (the sweep_values given) x 2 runs of sgd at n = 2000. */
static rs_params small_map(const char *r_values)
{
    rs_params p;
    param_defaults(&p, GEN_RELU);
    set(&p, "n", "2000");
    set(&p, "runs", "2");
    set(&p, "estimator", "sgd");
    set(&p, "sweep", "r");
    set(&p, "sweep_values", r_values);
    set(&p, "sweep2", "lambda");
    set(&p, "sweep2_values", "0.05,0.5");
    rs_error e;
    cr_assert_eq(param_check(&p, &e), RS_OK, "%s", e.msg);
    return p;
}

Test(worker_phase, moving_a_range_keeps_the_finished_pairs)
{
    gsl_set_error_handler_off();
    rs_params p = small_map("2,3");
    rs_error e;
    worker *w = worker_alloc();
    cr_assert_not_null(w);
    cr_assert_eq(worker_submit(w, &p, 2, &e), RS_OK);
    cr_assert(worker_wait(w, 120));
    view_input in;
    worker_view(w, &in);
    const size_t secs = 4; /* relu's seconds metric */
    cr_assert_str_eq(in.ops->metric_names[secs], "seconds");
    /* the row lambda = 0.5 (i2 = 1): 2 pairs x 2 runs */
    double before[4];
    for (size_t j = 0; j < 4; j++)
        before[j] = in.cells[(1 * 2 + j / 2) * 2 + j % 2].metric[METHOD_SGD][secs];
    set(&p, "sweep2_values", "0.5,5");
    cr_assert_eq(worker_submit(w, &p, 2, &e), RS_OK);
    cr_assert(worker_wait(w, 120));
    worker_view(w, &in);
    cr_assert_eq(in.n_values, 2);
    /* the detail pair: the knobs r = 3, lambda = 0.1 are nearest (3, 0.5), pair 1 */
    cr_assert_eq(in.detail_value, 1);
    for (size_t j = 0; j < 4; j++) {
        const size_t i1 = j / 2, run = j % 2;
        const sweep_cell *c = &in.cells[(0 * 2 + i1) * 2 + run]; /* lambda = 0.5 is row 0 now */
        cr_assert(atomic_load(&c->done));
        const double now = c->metric[METHOD_SGD][secs];
        if (i1 == 1 && run == 0)
            cr_expect(memcmp(&now, &before[j], sizeof now) != 0, "the detail run is rerun");
        else
            cr_expect(memcmp(&now, &before[j], sizeof now) == 0, "pair (%zu, 0.5) run %zu kept", i1,
                      run);
    }
    for (size_t j = 0; j < 4; j++) /* the new row lambda = 5 */
        cr_assert(atomic_load(&in.cells[(1 * 2 + j / 2) * 2 + j % 2].done));
    worker_free(w);
}

/* A/B of phase maps (issue 17): A is frozen before its map is done and B submitted at
 * once; A is never cancelled, so both maps finish, the view gets A's map beside B's
 * (its own parameters, columns and every pair), and A's cells are those of A computed
 * alone: equal but for the wall time. */
Test(worker_phase, a_frozen_map_finishes_beside_b)
{
    gsl_set_error_handler_off();
    rs_params p = small_map("2,3,5");
    rs_error e;
    rs_params q = p;
    set(&q, "estimator", "censored");
    worker *alone = worker_alloc(), *w = worker_alloc();
    cr_assert(alone && w);
    cr_assert_eq(worker_submit(alone, &p, 2, &e), RS_OK);
    cr_assert(worker_wait(alone, 120));
    cr_assert_eq(worker_submit(w, &p, 2, &e), RS_OK);
    worker_ab_freeze(w); /* A has 12 jobs: usually still computing here */
    cr_assert_eq(worker_submit(w, &q, 2, &e), RS_OK);
    cr_assert(worker_wait(w, 120));
    view_input in, ref;
    worker_view(w, &in);
    worker_view(alone, &ref);
    cr_assert_not_null(in.ab_a);
    const view_input *a = in.ab_a;
    cr_assert_eq(a->p->estimator, p.estimator);
    cr_assert_eq(in.p->estimator, q.estimator);
    cr_assert_eq(a->n_values, 3, "A's columns, not its pairs");
    cr_assert_eq(a->p->sweep2, p.sweep2);
    const size_t secs = 4; /* relu's seconds metric */
    for (size_t j = 0; j < 3 * 2 * 2; j++) {
        cr_assert(atomic_load(&a->cells[j].done), "A's job %zu done", j);
        cr_assert(atomic_load(&in.cells[j].done), "B's job %zu done", j);
        for (size_t id = 0; id < ref.ops->n_metrics; id++)
            if (id != secs)
                cr_expect(memcmp(&a->cells[j].metric[METHOD_SGD][id],
                                 &ref.cells[j].metric[METHOD_SGD][id], sizeof(double)) == 0,
                          "A's job %zu metric %zu is A's alone", j, id);
    }
    worker_free(alone);
    worker_free(w);
}
