/* phase_fixture.h — what the phase view suites (test_view_phase, test_view_phase_ab)
 * share: a relu phase map on hand-built cells (STYLE 8: no job runs), drawn into a grid.
 * Header-only: each test binary is one file (as support.h). */
#ifndef PHASE_FIXTURE_H
#define PHASE_FIXTURE_H

#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "model.h"
#include "view.h"

enum { N1 = 5, N2 = 4, RUNS = 3 };

typedef struct {
    rs_params p;
    double v1[N1];
    sweep_cell cells[N1 * N2 * RUNS];
    view_input in;
} phase_fixture;

/* A bowl in (log r, log lambda) around the paper's r = 3, lambda = 0.1, with a fixed
 * per-run jitter: the kind of map ProjSGD gives, made up. */
static inline double bowl(size_t i1, size_t i2, size_t run, double r, double lambda)
{
    const double a = log(r / 3.0), b = log10(lambda / 0.1);
    const double jitter[RUNS] = {-0.061, 0.023, 0.047};
    return 0.04 * (1.0 + a * a + b * b) * (1.0 + jitter[run] + 0.01 * (double)(i1 + 2 * i2));
}

static inline int flag_bit(const model_ops *ops, const char *name)
{
    for (size_t f = 0; f < ops->n_flags; f++)
        if (strcmp(ops->flag_names[f], name) == 0)
            return (int)f;
    return -1;
}

/* relu, sweep r = 1.5..10 (listed), sweep2 lambda = 0.01..10 (4 log steps), runs 3,
 * compare sgd and censored; pair (r = 10, lambda = 10) still pending, sqrt_kl NaN
 * (sigma_not_pd) in every run of (1.5, 10) and in run 2 of (3, 0.1). */
static inline void fixture(phase_fixture *f)
{
    rs_error e;
    param_defaults(&f->p, GEN_RELU);
    cr_assert_eq(param_parse(&f->p, param_find("sweep"), "r", &e), RS_OK);
    cr_assert_eq(param_parse(&f->p, param_find("sweep_values"), "1.5,2,3,5,10", &e), RS_OK);
    cr_assert_eq(param_parse(&f->p, param_find("sweep2"), "lambda", &e), RS_OK);
    cr_assert_eq(param_parse(&f->p, param_find("sweep2_from"), "0.01", &e), RS_OK);
    cr_assert_eq(param_parse(&f->p, param_find("sweep2_to"), "10", &e), RS_OK);
    cr_assert_eq(param_parse(&f->p, param_find("sweep2_steps"), "4", &e), RS_OK);
    cr_assert_eq(param_parse(&f->p, param_find("compare"), "sgd,censored", &e), RS_OK);
    cr_assert_eq(param_parse(&f->p, param_find("runs"), "3", &e), RS_OK);
    cr_assert_eq(param_parse(&f->p, param_find("view"), "phase", &e), RS_OK);
    cr_assert_eq(param_check(&f->p, &e), RS_OK, "%s", e.msg);
    double v2[PARAM_MAX_LIST];
    cr_assert_eq(param_sweep_values(&f->p, f->v1), N1);
    cr_assert_eq(param_sweep2_values(&f->p, v2), N2);
    const model_ops *ops = model_get(GEN_RELU);
    const int pd = flag_bit(ops, "sigma_not_pd");
    cr_assert(pd >= 0);
    sweep_cells_init(f->cells, N1 * N2 * RUNS);
    for (size_t i2 = 0; i2 < N2; i2++)
        for (size_t i1 = 0; i1 < N1; i1++)
            for (size_t run = 0; run < RUNS; run++) {
                sweep_cell *c = &f->cells[(i2 * N1 + i1) * RUNS + run];
                if (i1 == N1 - 1 && i2 == N2 - 1)
                    continue; /* pending */
                for (int m = 0; m < METHOD_COUNT; m++)
                    for (size_t id = 0; id < ops->n_metrics; id++)
                        c->metric[m][id] = bowl(i1, i2, run, f->v1[i1], v2[i2]) *
                                           (m == METHOD_CENSORED ? 0.5 : 1.0) * (1.0 + 0.1 * id);
                if ((i1 == 0 && i2 == N2 - 1) || (i1 == 2 && i2 == 1 && run == 2)) {
                    c->metric[METHOD_SGD][2] = NAN;
                    c->flags[METHOD_SGD] = 1u << pd;
                }
                atomic_store(&c->done, 1);
            }
    f->in = (view_input){.p = &f->p,
                         .ops = ops,
                         .n_values = N1,
                         .runs = RUNS,
                         .values = f->v1,
                         .cells = f->cells,
                         .detail = NULL,
                         .detail_value = 0};
}

static inline grid *draw(const phase_fixture *f, int view, const view_opts *o, int w, int h,
                         grid_caps caps)
{
    grid *g = grid_alloc(w, h);
    cr_assert_not_null(g);
    grid_set_caps(g, caps);
    cr_assert_eq(view_draw(&f->in, view, o, (grid_rect){0, 0, w, h}, g), RS_OK);
    return g;
}

/* The phase view of f at w x h against golden `name`. */
static inline void golden(const phase_fixture *f, const view_opts *o, int w, int h, grid_caps caps,
                          const char *name)
{
    grid *g = draw(f, VIEW_PHASE, o, w, h, caps);
    char msg[256];
    cr_expect(golden_check(g, name, msg, sizeof msg), "%s", msg);
    grid_free(g);
}

static inline int has(const grid *g, const char *text)
{
    char *t = golden_render(g);
    const int found = t && strstr(t, text) != NULL;
    free(t);
    return found;
}

static const grid_caps mono = {GRID_COLORS_MONO, false}, c256 = {GRID_COLORS_256, false};

#endif
