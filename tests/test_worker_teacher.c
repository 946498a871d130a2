/* test_worker_teacher.c — the teacher detail computes what the shown view needs (issue 15,
 * point 3): under view = learning the landscape grid (land_size^2 full-batch losses per
 * loss) is left out, NaN with no row done; a switch to the landscape view completes that
 * detail (worker_detail_sync) without running any job again (the detail job's cell, with
 * its wall-time `seconds`, is carried over bit for bit) and the grid equals, to the bit,
 * the grid of a computation submitted with view = landscape. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "detail_teacher.h"
#include "met_teacher.h"
#include "model.h"
#include "worker.h"

static void set(rs_params *p, const char *key, const char *value)
{
    rs_error e;
    cr_assert_eq(param_parse(p, param_find(key), value, &e), RS_OK, "%s", e.msg);
}

static rs_params small(const char *view)
{
    rs_params p;
    param_defaults(&p, GEN_TEACHER);
    set(&p, "generator", "teacher");
    set(&p, "n", "400");
    set(&p, "d", "3");
    set(&p, "input", "gaussian");
    set(&p, "compare", "l2,score");
    set(&p, "iters", "60");
    set(&p, "runs", "2");
    set(&p, "view", view);
    rs_error e;
    cr_assert_eq(param_check(&p, &e), RS_OK, "%s", e.msg);
    return p;
}

static size_t rows_done(const teacher_detail *det)
{
    size_t r = 0;
    for (int m = 0; m < METHOD_COUNT; m++)
        if (det->methods & (1u << m))
            r += det->land_rows[m];
    return r;
}

Test(worker_teacher, landscape_only_for_its_view_and_on_a_switch, .timeout = 300)
{
    gsl_set_error_handler_off();
    const unsigned both = (1u << METHOD_L2) | (1u << METHOD_SCORE);
    /* the reference: submitted for the landscape view */
    rs_params pl = small("landscape");
    worker *ref = worker_alloc();
    cr_assert_not_null(ref);
    rs_error e;
    cr_assert_eq(worker_submit(ref, &pl, 2, &e), RS_OK, "%s", e.msg);
    cr_assert(worker_wait(ref, 120));
    view_input rin;
    worker_view(ref, &rin);
    const teacher_detail *rdet = rin.detail;
    cr_assert(rdet->head.ready);
    cr_assert_eq(rdet->methods, both);
    const size_t L = rdet->land_size;
    cr_assert_eq(rows_done(rdet), 2 * L);
    cr_assert_not(worker_detail_sync(ref, VIEW_LANDSCAPE, &e), "nothing lacks: no submit");

    /* view = learning: the curves, no grid */
    rs_params p = small("learning");
    worker *w = worker_alloc();
    cr_assert_not_null(w);
    cr_assert_eq(worker_submit(w, &p, 2, &e), RS_OK, "%s", e.msg);
    cr_assert(worker_wait(w, 120));
    view_input in;
    worker_view(w, &in);
    const teacher_detail *det = in.detail;
    cr_assert(det->head.ready);
    cr_assert_eq(rows_done(det), 0);
    for (int m = METHOD_L2; m <= METHOD_SCORE; m += METHOD_SCORE - METHOD_L2)
        for (size_t i = 0; i < L * L; i++)
            cr_assert(isnan(det->land_val[m][i]), "%s cell %zu computed", param_method_name(m), i);
    cr_assert_gt(det->curve_len[METHOD_L2], 0);
    /* the other views need nothing more */
    cr_assert_not(worker_detail_sync(w, VIEW_ANGLES, &e));
    cr_assert_not(worker_detail_sync(w, VIEW_LEARNING, &e));
    const size_t cells = in.n_values * in.runs, dj = in.detail_value * in.runs;
    sweep_cell before[4];
    cr_assert_leq(cells, 4);
    memcpy(before, in.cells, cells * sizeof before[0]);

    /* the switch: the same detail, completed; no job runs again */
    cr_assert(worker_detail_sync(w, VIEW_LANDSCAPE, &e), "%s", e.msg);
    cr_assert(worker_wait(w, 120));
    worker_view(w, &in);
    cr_assert_eq(in.detail, det, "the detail is carried over, not refilled");
    cr_assert_eq(in.p->view, VIEW_LANDSCAPE);
    for (size_t j = 0; j < cells; j++)
        for (int m = METHOD_L2; m <= METHOD_SCORE; m++)
            cr_assert(
                memcmp(before[j].metric[m], in.cells[j].metric[m], sizeof before[j].metric[m]) == 0,
                "cell %zu (detail cell %zu) recomputed", j, dj);
    cr_assert_eq(rows_done(det), 2 * L);
    cr_assert(memcmp(det->land_val, rdet->land_val, sizeof det->land_val) == 0,
              "the grid differs from the landscape view's");
    cr_assert(memcmp(det->curve_e, rdet->curve_e, sizeof det->curve_e) == 0);
    cr_assert(memcmp(det->cos_abs[METHOD_SCORE], rdet->cos_abs[METHOD_SCORE],
                     det->k * det->k * sizeof(double)) == 0);
    cr_assert_not(worker_detail_sync(w, VIEW_LANDSCAPE, &e), "complete: no second submit");
    worker_free(w);
    worker_free(ref);
}

/* A phase map's detail is a pair job: a switch to the landscape runs that pair again for
 * the grid (the other pairs carried over), so the landscape is never left pending. */
Test(worker_teacher, phase_map_switch_computes_the_grid, .timeout = 300)
{
    gsl_set_error_handler_off();
    rs_params p = small("phase");
    set(&p, "runs", "1");
    set(&p, "sweep", "n");
    set(&p, "sweep_values", "300,400");
    set(&p, "sweep2", "lr");
    set(&p, "sweep2_values", "1e-4,1e-3");
    rs_error e;
    cr_assert_eq(param_check(&p, &e), RS_OK, "%s", e.msg);
    worker *w = worker_alloc();
    cr_assert_not_null(w);
    cr_assert_eq(worker_submit(w, &p, 2, &e), RS_OK, "%s", e.msg);
    cr_assert(worker_wait(w, 120));
    view_input in;
    worker_view(w, &in);
    cr_assert_eq(rows_done(in.detail), 0);
    cr_assert(worker_detail_sync(w, VIEW_LANDSCAPE, &e), "%s", e.msg);
    cr_assert(worker_wait(w, 120));
    worker_view(w, &in);
    const teacher_detail *det = in.detail;
    cr_assert(det->head.ready);
    cr_assert_eq(rows_done(det), 2 * det->land_size);
    cr_assert_not(worker_detail_sync(w, VIEW_LANDSCAPE, &e));
    worker_free(w);
}
