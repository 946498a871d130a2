/* test_view_registry.c — the ui half of the generator contract (test_model.c holds core's):
 * every generator in core's registry has a view descriptor that draws exactly the views
 * its model_ops offers, and a view it does not offer says so instead of drawing nothing. */
#include <criterion/criterion.h>

#include <string.h>

#include "grid.h"
#include "model.h"
#include "sink_txt.h"
#include "support_grid.h"
#include "view.h"

Test(view_registry, every_offered_view_has_a_drawer_and_no_other)
{
    for (int gen = 0; gen < GEN_COUNT; gen++) {
        const model_ops *ops = model_get(gen);
        const view_gen *vg = view_gen_get(gen);
        cr_assert_not_null(ops);
        cr_assert_not_null(vg, "%s has a view descriptor", ops->name);
        cr_assert_not_null(vg->curves, "%s draws curves", ops->name);
        for (int v = VIEW_CURVES + 1; v < VIEW_COUNT; v++)
            cr_assert_eq(!!vg->detail[v], !!(ops->views & (1u << v)), "%s, view %s", ops->name,
                         param_view_name(v));
    }
}

Test(view_registry, tabs_follow_the_views_offered)
{
    char labels[VIEW_COUNT][VIEW_TAB_LEN];
    for (int gen = 0; gen < GEN_COUNT; gen++) {
        const unsigned views = model_get(gen)->views;
        size_t active = 99;
        const size_t n = view_tabs(gen, VIEW_DATA, labels, &active);
        cr_assert_eq(n, (size_t)__builtin_popcount(views));
        cr_assert_str_eq(labels[0], "1 curves");
        cr_assert_str_eq(labels[n - 1], "5 data", "data is the last tab of %s",
                         model_get(gen)->name);
        cr_assert_eq(active, n - 1);
    }
}

Test(view_registry, a_view_not_offered_says_so)
{
    rs_params p;
    param_defaults(&p, GEN_RELU);
    double value = 0;
    sweep_cell cell;
    sweep_cells_init(&cell, 1);
    const view_input in = {.p = &p,
                           .ops = model_get(GEN_RELU),
                           .n_values = 1,
                           .runs = 1,
                           .values = &value,
                           .cells = &cell};
    view_opts o;
    view_opts_init(&o);
    grid *g = grid_alloc(70, 10);
    cr_assert_eq(view_draw(&in, VIEW_LEARNING, &o, (grid_rect){0, 0, 70, 10}, g), RS_OK);
    char row[1024];
    int found = 0;
    for (int y = 0; y < 10; y++) {
        sink_txt_row(g, y, row, sizeof row);
        found |= strstr(row, "not part of the relu generator") != NULL;
    }
    cr_assert(found, "relu has no learning view and the rect says so");
    grid_free(g);
}

/* Issue 13, point 15: every flag of every generator has a one-line meaning, which help
 * lists and the detail views' bottom row quotes. */
Test(view_registry, every_flag_has_a_meaning)
{
    for (int gen = 0; gen < GEN_COUNT; gen++) {
        const model_ops *ops = model_get(gen);
        for (size_t f = 0; f < ops->n_flags; f++)
            cr_expect_not_null(view_flag_meaning(ops->flag_names[f]), "%s: flag %s", ops->name,
                               ops->flag_names[f]);
    }
}

/* Issue 13, points 12 and 15: every detail view of every generator says which job it
 * shows (the swept key's value and the run) and that job's flags with a meaning. Swept
 * n = 1000, 2000 with 2 runs; the detail belongs to n = 2000, whose run 1 set the first
 * flag of the generator's first method. The detail is fresh (not ready): the footer is
 * the view's, whatever the generator draws above it. */
Test(view_registry, detail_views_say_which_job_and_what_its_flags_mean)
{
    for (int gen = 0; gen < GEN_COUNT; gen++) {
        const model_ops *ops = model_get(gen);
        rs_params p;
        param_defaults(&p, gen);
        p.sweep = param_find("n");
        p.runs = 2;
        const double values[2] = {1000, 2000};
        sweep_cell cells[4];
        sweep_cells_init(cells, 4);
        const int method = __builtin_ctz(param_methods(&p));
        cells[2].flags[method] = 1u;
        atomic_store(&cells[2].done, 1);
        void *det = ops->detail_alloc();
        cr_assert_not_null(det);
        const view_input in = {&p, ops, 2, 2, values, cells, det, 1, NULL};
        view_opts o;
        view_opts_init(&o);
        char want[160];
        snprintf(want, sizeof want, "! %s: %s (%s)", param_method_name(method), ops->flag_names[0],
                 view_flag_meaning(ops->flag_names[0]));
        want[60] = 0; /* the row may cut the meaning */
        for (int v = VIEW_CURVES + 1; v < VIEW_COUNT; v++) {
            if (!(ops->views & (1u << v)))
                continue;
            grid *g = grid_alloc(200, 20);
            cr_assert_eq(view_draw(&in, v, &o, (grid_rect){0, 0, 200, 20}, g), RS_OK);
            cr_expect(support_grid_has(g, "n = 2000, run 1 of 2"), "%s %s: which job", ops->name,
                      param_view_name(v));
            cr_expect(support_grid_has(g, want), "%s %s: lacks '%s'", ops->name, param_view_name(v),
                      want);
            grid_free(g);
        }
        ops->detail_free(det);
    }
}

/* Issue 13, point 10: the power-law test behind the curves' slopes. A noisy n^-1/2 (R²
 * 0.98, as the error-vs-n presets) passes; quadratic-smoothing's angle_err_max against
 * smooth, rising then flat (R² 0.90), does not; a V does not. */
Test(view_registry, slopes_only_for_power_laws)
{
    const double n[7] = {1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6};
    const double err[7] = {0.0102, 0.0068, 0.0047, 0.0029, 0.0024, 0.0013, 0.00105};
    cr_expect(view_power_law(n, err, 7), "a noisy n^-1/2");
    const double s[7] = {0.01, 0.0316, 0.1, 0.316, 1, 3.16, 10};
    const double sat[7] = {0.000248, 0.000871, 0.00217, 0.0092, 0.0143, 0.0191, 0.0192};
    cr_expect(!view_power_law(s, sat, 7), "rising then flat is no power law");
    const double v[3] = {0.1, 0.001, 0.1};
    cr_expect(!view_power_law(n, v, 3), "a V");
}

/* Issue 13, point 3: the y scale by the metric's rule. Errors on [0, inf) are drawn on a
 * log axis, a bounded fraction on a linear one, and a metric that is a logarithm already
 * (relu-negative-bias' log10_n_needed) on a linear one: its axis is the log scale. */
Test(view_registry, y_scale_by_the_metric)
{
    view_opts o;
    view_opts_init(&o);
    cr_expect(view_y_log(&o, "err_sigma", 1e-3), "an error");
    cr_expect(!view_y_log(&o, "e_perm", 1e-3), "a fraction in [0, 1]");
    cr_expect(!view_y_log(&o, "log10_n_needed", 2.0), "a logarithm already");
    o.y_scale = VIEW_Y_LOG;
    cr_expect(view_y_log(&o, "log10_n_needed", 2.0), "key y still pins log");
}
