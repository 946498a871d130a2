/* explore_fixture.h — what the issue 17 suites (test_explore, test_mouse) share: a relu
 * A/B pair on hand-built cells (B: sgd, sweep n, kappa 25; A: kappa 1), a session over
 * B, and the session's screen drawn into a grid. Header-only: each test binary is one
 * file (as support.h). */
#ifndef EXPLORE_FIXTURE_H
#define EXPLORE_FIXTURE_H

#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "golden.h"
#include "job_matrix.h"
#include "job_relu.h"
#include "job_teacher.h"
#include "model.h"
#include "preset.h"
#include "screen.h"
#include "session.h"
#include "support.h"
#include "support_grid.h"
#include "sweep.h"
#include "view.h"
#include "view_fixtures.h"
#include "widgets.h"
#include "worker.h"

enum { NV = 3, RUNS = 3, W = 120, H = 40 };

static double values[NV] __attribute__((unused)) = {5000, 10000, 20000};
static rs_params pa, pb;
static sweep_cell *ca, *cb;
static view_input ina, inb;
static session *s;

/* B: relu, estimator sgd, sweep n over values, kappa 25; A: the same with kappa 1 and
 * smaller errors. Cells hand-built (view_fixtures), no job runs. */
static inline void setup(void)
{
    gsl_set_error_handler_off();
    param_defaults(&pb, GEN_RELU);
    support_set(&pb, "estimator", "sgd");
    support_set(&pb, "sweep", "n");
    support_set(&pb, "sweep_values", "5000,10000,20000");
    support_set(&pb, "runs", "3");
    support_set(&pb, "n", "20000");
    pa = pb;
    support_set(&pb, "kappa", "25");
    ca = malloc(NV * RUNS * sizeof *ca);
    cb = malloc(NV * RUNS * sizeof *cb);
    cr_assert(ca && cb);
    sweep_cells_init(ca, NV * RUNS);
    sweep_cells_init(cb, NV * RUNS);
    for (size_t id = 0; id < 4; id++) {
        vf_cells_metric(ca, NV, RUNS, values, METHOD_SGD, id, 0.0412, -0.5, 0.08, 7 + id);
        vf_cells_metric(cb, NV, RUNS, values, METHOD_SGD, id, 0.1937, -0.31, 0.08, 17 + id);
    }
    ina = (view_input){&pa, model_get(GEN_RELU), NV, RUNS, values, ca, NULL, 0, NULL};
    inb = (view_input){&pb, model_get(GEN_RELU), NV, RUNS, values, cb, NULL, 0, &ina};
    s = malloc(sizeof *s);
    cr_assert_not_null(s);
    session_init(s, &pb, NULL, NULL);
}

static inline void teardown(void)
{
    free(ca);
    free(cb);
    free(s);
}

/* The session's screen over in drawn into a fresh W x H grid (m keeps pointing into s). */
static inline grid *draw_session(const view_input *in, screen_model *m)
{
    worker_status ws = {.state = WORKER_DONE, .last_s = 0.5, .total = NV * RUNS};
    session_model(s, &ws, in, m);
    grid *g = grid_alloc(W, H);
    cr_assert_not_null(g);
    grid_set_caps(g, (grid_caps){GRID_COLORS_MONO, false});
    screen_draw(m, g);
    return g;
}

#endif
