/* test_explore.c — issue 17, points 2 and 4 at the session and view level, without a
 * terminal: the A/B pair (b freezes, b swaps, B clears; the worker keeps A computing and
 * hands it to the views; the curves, learning and LLSFE panels draw A beside B under a
 * legend of the keys that differ, golden on hand-built cells) and the axes (z zooms the
 * y range to the means, Z resets, x cycles the x axis and refuses log over values <= 0,
 * F hides the panel, a preset's ylim and xscale). The mouse is test_mouse.c. */
#include "explore_fixture.h"

TestSuite(explore, .init = setup, .fini = teardown, .timeout = 120);

Test(explore, ab_legend_names_the_keys_that_differ)
{
    char buf[256];
    view_ab_legend(&ina, &inb, buf, sizeof buf);
    cr_expect_str_eq(buf, "A: kappa = 1   B: kappa = 25");
    view_ab_legend(&ina, &ina, buf, sizeof buf);
    cr_expect_str_eq(buf, "A and B: no key differs");
    rs_params pc = pb;
    support_set(&pc, "d", "4");
    const view_input inc = {&pc, model_get(GEN_RELU), NV, RUNS, values, cb, NULL, 0, NULL};
    view_ab_legend(&ina, &inc, buf, sizeof buf);
    cr_expect_str_eq(buf, "A: d = 5, kappa = 1   B: d = 4, kappa = 25");
}

/* The golden A/B screen: both series with their own markers, the legend of the keys. */
Test(explore, ab_curves_golden)
{
    s->ab = true;
    s->ab_p = pa;
    screen_model m;
    grid *g = draw_session(&inb, &m);
    cr_expect(support_grid_has(g, "A: kappa = 1   B: kappa = 25"), "the A/B legend");
    cr_expect(support_grid_has(g, "━• B sgd"), "B's series, first marker");
    cr_expect(support_grid_has(g, "━× A sgd"), "A's series, its own marker");
    char msg[256];
    cr_expect(golden_check(g, "screen_ab_curves_120x40", msg, sizeof msg), "%s", msg);
    grid_free(g);
    /* Without A: neither the legend nor A's series. */
    g = draw_session(&ina, &m);
    cr_expect(!support_grid_has(g, "B: kappa"), "no legend without A");
    cr_expect(!support_grid_has(g, "A sgd"), "no A series without A");
    grid_free(g);
}

Test(explore, ab_keys)
{
    cr_assert_eq(session_key(s, 'B'), 0u, "B without an A does nothing");
    cr_assert_eq(session_key(s, 'b'), (unsigned)SESSION_AB_FREEZE);
    cr_assert(s->ab);
    cr_assert_eq(s->ab_p.kappa, 25.0);
    s->selected = 4; /* kappa */
    cr_assert_str_eq(param_table[s->knobs[s->selected]].key, "kappa");
    cr_assert_eq(session_key(s, SKEY_RIGHT), (unsigned)SESSION_RECOMPUTE);
    cr_assert_eq(s->p.kappa, 50.0, "kappa 25 -> 50: this is B");
    cr_assert_eq(session_key(s, 'b'), (unsigned)SESSION_AB_SWAP);
    cr_expect_eq(s->p.kappa, 25.0, "after the swap the knobs show A's values");
    cr_expect_eq(s->ab_p.kappa, 50.0);
    cr_assert_eq(session_key(s, 'b'), (unsigned)SESSION_AB_SWAP);
    cr_expect_eq(s->p.kappa, 50.0, "b again swaps back");
    cr_assert_eq(session_key(s, 'B'), (unsigned)SESSION_AB_CLEAR);
    cr_expect(!s->ab);
}

/* The worker keeps A computing when B is submitted, and the views get both. */
Test(explore, worker_keeps_a)
{
    worker *w = worker_alloc();
    cr_assert_not_null(w);
    rs_params a = pa, b;
    support_set(&a, "n", "2000");
    support_set(&a, "sweep_values", "1000,2000");
    support_set(&a, "runs", "2");
    b = a;
    support_set(&b, "kappa", "4");
    rs_error e;
    worker_pause(w, true); /* A holds after its first job: still running below */
    cr_assert_eq(worker_submit(w, &a, 1, &e), RS_OK);
    worker_ab_freeze(w); /* before A has run: it must still run */
    cr_assert_eq(worker_submit(w, &b, 1, &e), RS_OK);
    worker_status ws;
    worker_status_get(w, &ws);
    cr_expect(ws.a_running, "the status says A is still computing");
    cr_expect_eq(ws.state, WORKER_RUNNING, "B waits for A");
    worker_pause(w, false);
    cr_assert(worker_wait(w, 60));
    worker_status_get(w, &ws);
    cr_expect(!ws.a_running);
    cr_expect_eq(ws.state, WORKER_DONE);
    view_input in;
    worker_view(w, &in);
    cr_assert_not_null(in.ab_a);
    cr_expect_eq(in.p->kappa, 4.0);
    cr_expect_eq(in.ab_a->p->kappa, 1.0);
    for (size_t j = 0; j < 4; j++) {
        cr_expect(atomic_load(&in.cells[j].done), "B cell %zu done", j);
        cr_expect(atomic_load(&in.ab_a->cells[j].done), "A cell %zu done (not cancelled)", j);
    }
    worker_ab_swap(w);
    worker_view(w, &in);
    cr_expect_eq(in.p->kappa, 1.0, "swap: A is current");
    cr_expect_eq(in.ab_a->p->kappa, 4.0);
    worker_ab_clear(w);
    worker_view(w, &in);
    cr_expect_null(in.ab_a, "clear: no A");
    worker_reap(w);
    worker_free(w);
}

/* The y range pinned by a plot: the data area's [y_lo, y_hi] of the first panel. */
static grid_pick first_pick(const view_input *in, const view_opts *o)
{
    grid *g = grid_alloc(W, H);
    cr_assert_not_null(g);
    view_draw(in, VIEW_CURVES, o, (grid_rect){0, 0, W, H}, g);
    cr_assert_geq(g->n_picks, 1u, "the curves recorded their data area");
    const grid_pick p = g->picks[0];
    grid_free(g);
    return p;
}

Test(explore, z_zooms_to_the_means_and_Z_resets)
{
    view_opts o;
    view_opts_init(&o);
    const grid_pick wide = first_pick(&ina, &o);
    cr_assert_eq(session_key(s, 'z'), 0u);
    cr_assert(s->opts.y_zoom);
    const grid_pick zoom = first_pick(&ina, &s->opts);
    /* The means of err_sigma (id 0), whatever the jitter: inside the zoomed range. */
    for (size_t v = 0; v < NV; v++) {
        double mean, sd;
        size_t count, nan_runs;
        sweep_aggregate(ca, RUNS, v, METHOD_SGD, 0, &mean, &sd, &count, &nan_runs);
        cr_expect(mean >= zoom.y_lo && mean <= zoom.y_hi, "mean %g in [%g, %g]", mean, zoom.y_lo,
                  zoom.y_hi);
    }
    cr_expect_lt(log(zoom.y_hi / zoom.y_lo), log(wide.y_hi / wide.y_lo),
                 "z narrows the range the bands widened");
    cr_assert_eq(session_key(s, 'Z'), 0u);
    cr_expect(!s->opts.y_zoom);
    const grid_pick back = first_pick(&ina, &s->opts);
    cr_expect_eq(back.y_lo, wide.y_lo);
    cr_expect_eq(back.y_hi, wide.y_hi);
    /* A pinned range (a preset's ylim) is drawn as given; Z drops it too. */
    s->opts.y_lo = 0.003, s->opts.y_hi = 0.07;
    const grid_pick pinned = first_pick(&ina, &s->opts);
    cr_expect_eq(pinned.y_lo, 0.003);
    cr_expect_eq(pinned.y_hi, 0.07);
    session_key(s, 'Z');
    cr_expect(isnan(s->opts.y_lo) && isnan(s->opts.y_hi));
}

Test(explore, x_cycles_the_x_axis)
{
    cr_assert(view_x_log(&s->opts, &s->p), "n is log by its rule");
    session_key(s, 'x');
    cr_expect_eq(s->opts.x_scale, VIEW_Y_LOG);
    cr_expect(view_x_log(&s->opts, &s->p));
    session_key(s, 'x');
    cr_expect_eq(s->opts.x_scale, VIEW_Y_LIN);
    cr_expect(!view_x_log(&s->opts, &s->p));
    cr_expect_eq(first_pick(&ina, &s->opts).x_log, false, "the plot follows: linear x");
    session_key(s, 'x');
    cr_expect_eq(s->opts.x_scale, VIEW_Y_AUTO);
    /* A sweep through 0: log refused, linear kept, the message says why. */
    support_set(&s->p, "bias", "signed");
    support_set(&s->p, "sweep", "bias_scale");
    support_set(&s->p, "sweep_values", "0,0.5,1");
    session_key(s, 'x');
    cr_expect_eq(s->opts.x_scale, VIEW_Y_LIN);
    cr_expect(s->message_error);
    cr_expect(strstr(s->message, "bias_scale has values <= 0") != NULL, "%s", s->message);
    /* No sweep: nothing to change. */
    support_set(&s->p, "sweep", "none");
    session_key(s, 'x');
    cr_expect(strstr(s->message, "no swept key") != NULL, "%s", s->message);
}

Test(explore, F_hides_the_panel)
{
    screen_model m;
    grid *g = draw_session(&inb, &m);
    cr_expect(support_grid_has(g, "parameters"));
    cr_expect_eq(screen_hit_test(&m, W, H, 5, 4).kind, SCREEN_HIT_KNOB);
    grid_free(g);
    session_key(s, 'F');
    g = draw_session(&inb, &m);
    cr_expect(m.plot_full);
    cr_expect(!support_grid_has(g, "parameters"), "F: no panel");
    cr_expect_eq(screen_hit_test(&m, W, H, 5, 4).kind, SCREEN_HIT_PLOT, "the plot is there now");
    grid_free(g);
    session_key(s, 'F');
    g = draw_session(&inb, &m);
    cr_expect(support_grid_has(g, "parameters"), "F again: the panel is back");
    grid_free(g);
}

/* A preset's axes ([preset] ylim, xscale, yscale) reach the curves. */
Test(explore, preset_axes)
{
    static const char text[] = "[preset]\ntitle = t\nylim = 0.004, 0.3\nxscale = lin\n"
                               "yscale = log\n[params]\nsweep = n\n";
    static preset pr;
    rs_error e;
    cr_assert_eq(preset_read_mem(text, sizeof text - 1, "axes", &pr, &e), RS_OK, "%s", e.msg);
    session_init(s, &pb, &pr, "axes");
    cr_expect_eq(s->opts.y_lo, 0.004);
    cr_expect_eq(s->opts.y_hi, 0.3);
    cr_expect_eq(s->opts.x_scale, VIEW_Y_LIN);
    cr_expect_eq(s->opts.y_scale, VIEW_Y_LOG);
    const grid_pick p = first_pick(&ina, &s->opts);
    cr_expect_eq(p.y_lo, 0.004);
    cr_expect_eq(p.y_hi, 0.3);
    cr_expect(!p.x_log && p.y_log);
}

/* The learning views draw A beside B (teacher and matrix; hand-built details). */
Test(explore, ab_learning_views)
{
    rs_params t;
    param_defaults(&t, GEN_TEACHER);
    support_set(&t, "d", "4");
    support_set(&t, "k", "3");
    support_set(&t, "compare", "l2,score");
    rs_params ta = t;
    support_set(&t, "lr", "0.002");
    teacher_detail *db = vf_teacher_detail(&t), *da = vf_teacher_detail(&ta);
    cr_assert(db && da);
    const double v0[1] = {0.0};
    const view_input ia = {&ta, model_get(GEN_TEACHER), 1, 1, v0, NULL, da, 0, NULL};
    const view_input ib = {&t, model_get(GEN_TEACHER), 1, 1, v0, NULL, db, 0, &ia};
    view_opts o;
    view_opts_init(&o);
    grid *g = grid_alloc(W, H);
    cr_assert_not_null(g);
    view_draw(&ib, VIEW_LEARNING, &o, (grid_rect){0, 0, W, H}, g);
    cr_expect(support_grid_has(g, "A: lr = 0.0001   B: lr = 0.002"), "the A/B legend");
    cr_expect(!support_grid_has(g, "this view shows B"), "learning draws A too");
    cr_expect(support_grid_has(g, "B l2"));
    cr_expect(support_grid_has(g, "A l2"));
    cr_expect(support_grid_has(g, "A score"));
    grid_free(g);
    job_teacher_detail_free(da);
    job_teacher_detail_free(db);

    rs_params m;
    param_defaults(&m, GEN_MATRIX);
    rs_params ma = m;
    support_set(&m, "n", "400");
    matrix_detail *mb = vf_matrix_detail(&m, 400), *mda = vf_matrix_detail(&ma, ma.n);
    cr_assert(mb && mda);
    const view_input ja = {&ma, model_get(GEN_MATRIX), 1, 1, v0, NULL, mda, 0, NULL};
    const view_input jb = {&m, model_get(GEN_MATRIX), 1, 1, v0, NULL, mb, 0, &ja};
    g = grid_alloc(W, H);
    cr_assert_not_null(g);
    view_draw(&jb, VIEW_LEARNING, &o, (grid_rect){0, 0, W, H}, g);
    cr_expect(support_grid_has(g, "B: n = 400"), "the A/B legend");
    cr_expect(support_grid_has(g, "B J"));
    cr_expect(support_grid_has(g, "A J"));
    /* the angles view shows B alone and says so */
    view_draw(&jb, VIEW_ANGLES, &o, (grid_rect){0, 0, W, H}, g);
    cr_expect(support_grid_has(g, "(this view shows B)"));
    grid_free(g);
    job_matrix_detail_free(mda);
    job_matrix_detail_free(mb);
}

/* A click on a heatmap cell reads its row, column and value. */
/* A click on the phase map moves its cursor to the cell (row 0 is the largest sweep2). */
/* The help at 80x24: every key line shows; what does not fit says so. */
/* The LLSFE percentile panels draw A's median beside B's percentiles. */
Test(explore, ab_llsfe_percentiles)
{
    rs_params t;
    param_defaults(&t, GEN_TEACHER);
    support_set(&t, "d", "2");
    support_set(&t, "k", "2");
    support_set(&t, "loss", "llsfe");
    support_set(&t, "input", "gaussian");
    support_set(&t, "sweep", "n");
    support_set(&t, "sweep_values", "5000,10000,20000");
    support_set(&t, "runs", "3");
    rs_params ta = t;
    support_set(&t, "bandwidth", "0.3");
    for (size_t id = MET_TEACHER_S2_ERR; id <= MET_TEACHER_S4_ERR; id++) {
        vf_cells_metric(ca, NV, RUNS, values, METHOD_LLSFE, id, 0.31, -0.5, 0.1, 5 + id);
        vf_cells_metric(cb, NV, RUNS, values, METHOD_LLSFE, id, 0.47, -0.4, 0.1, 9 + id);
    }
    const view_input ia = {&ta, model_get(GEN_TEACHER), NV, RUNS, values, ca, NULL, 0, NULL};
    const view_input ib = {&t, model_get(GEN_TEACHER), NV, RUNS, values, cb, NULL, 0, &ia};
    view_opts o;
    view_opts_init(&o);
    grid *g = grid_alloc(W, H);
    cr_assert_not_null(g);
    view_draw(&ib, VIEW_CURVES, &o, (grid_rect){0, 0, W, H}, g);
    cr_expect(support_grid_has(g, "A: bandwidth = 0   B: bandwidth = 0.3"));
    cr_expect(support_grid_has(g, "percentiles over 3 runs"), "the percentile panels");
    cr_expect(support_grid_has(g, "A median"));
    grid_free(g);
}
