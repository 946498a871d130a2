/* test_mouse.c — issue 17, point 3 without a terminal: hit tests of knobs, tabs, the
 * preset menu and plots from the screen's own layout; clicks, the wheel, the numbers
 * read under a click on a curve or a map cell, the phase map's cursor; the help that
 * lists the new keys within 80x24. */
#include "explore_fixture.h"

TestSuite(mouse, .init = setup, .fini = teardown, .timeout = 120);

Test(mouse, tabs_hit)
{
    const char *const tabs[] = {"1 curves", "2 angles", "3 landscape"};
    const grid_rect r = {11, 0, 109, 1};
    /* " 1 curves " at 11..20, " 2 angles " at 22..31, " 3 landscape " at 33..45 */
    cr_expect_eq(widgets_tabs_hit(tabs, 3, 0, r, 11), 0);
    cr_expect_eq(widgets_tabs_hit(tabs, 3, 0, r, 20), 0);
    cr_expect_eq(widgets_tabs_hit(tabs, 3, 0, r, 21), -1, "the gap between tabs");
    cr_expect_eq(widgets_tabs_hit(tabs, 3, 0, r, 25), 1);
    cr_expect_eq(widgets_tabs_hit(tabs, 3, 0, r, 40), 2);
    cr_expect_eq(widgets_tabs_hit(tabs, 3, 0, r, 46), -1);
    cr_expect_eq(widgets_tabs_hit(tabs, 3, 0, r, 5), -1, "left of the bar");
}

Test(mouse, knobs_tabs_wheel)
{
    screen_model m;
    grid *g = draw_session(&inb, &m);
    /* knob i on row 2 + i: d is the third */
    cr_expect_eq(session_mouse(s, &m, g, &inb, 5, 4, SESSION_MOUSE_CLICK), 0u);
    cr_expect_str_eq(param_table[s->knobs[s->selected]].key, "d");
    cr_expect_eq(session_mouse(s, &m, g, &inb, 5, 4, SESSION_MOUSE_WHEEL_UP),
                 (unsigned)SESSION_RECOMPUTE);
    cr_expect_eq(s->p.d, 6u, "the wheel steps d up");
    cr_expect_eq(session_mouse(s, &m, g, &inb, 5, 6, SESSION_MOUSE_WHEEL_DOWN),
                 (unsigned)SESSION_RECOMPUTE);
    cr_expect_str_eq(param_table[s->knobs[s->selected]].key, "kappa", "the wheel selects too");
    cr_expect_eq(s->p.kappa, 20.0, "and steps kappa down (25 -> 20)");
    cr_expect_eq(session_mouse(s, &m, g, &inb, 25, 0, SESSION_MOUSE_CLICK), 0u);
    cr_expect_eq(s->view, VIEW_ANGLES, "a click on the second tab");
    cr_expect_eq(session_mouse(s, &m, g, &inb, 119, 0, SESSION_MOUSE_CLICK), 0u);
    cr_expect_eq(s->view, VIEW_ANGLES, "a click past the tabs does nothing");
    cr_expect_eq(session_mouse(s, &m, g, &inb, 5, 38, SESSION_MOUSE_CLICK), 0u,
                 "the message line is not a target");
    grid_free(g);
}

Test(mouse, reads_a_curve_point)
{
    screen_model m;
    s->ab = true;
    s->ab_p = pa;
    grid *g = draw_session(&inb, &m);
    cr_assert_geq(g->n_picks, 1u);
    const grid_pick *p = &g->picks[0];
    /* the right end of the first panel's data area: n = 20000 */
    const int x = p->area.x + p->area.w - 1, y = p->area.y + p->area.h / 2;
    cr_expect_eq(session_mouse(s, &m, g, &inb, x, y, SESSION_MOUSE_CLICK), 0u);
    cr_expect(strstr(s->message, "n = 20000, err_sigma:") != NULL, "%s", s->message);
    cr_expect(strstr(s->message, "B sgd ") != NULL, "%s", s->message);
    cr_expect(strstr(s->message, "A sgd ") != NULL, "%s", s->message);
    cr_expect(strstr(s->message, "(3 runs)") != NULL, "%s", s->message);
    double mean, sd;
    size_t count, nan_runs;
    sweep_aggregate(cb, RUNS, 2, METHOD_SGD, 0, &mean, &sd, &count, &nan_runs);
    char want[64];
    snprintf(want, sizeof want, "B sgd %.4g ± %.2g", mean, sd);
    cr_expect(strstr(s->message, want) != NULL, "'%s' in '%s'", want, s->message);
    /* the left end: n = 5000 */
    cr_expect_eq(session_mouse(s, &m, g, &inb, p->area.x, y, SESSION_MOUSE_CLICK), 0u);
    cr_expect(strstr(s->message, "n = 5000, err_sigma:") != NULL, "%s", s->message);
    grid_free(g);
}

Test(mouse, preset_menu_and_help)
{
    cr_assert_gt(s->n_presets, 2u, "the presets of the source tree");
    session_key(s, 'p');
    screen_model m;
    grid *g = draw_session(&inb, &m);
    /* The menu's box is centred: its list starts one row below its top. */
    const int top = (H - (H - 4)) / 2 + 1;
    const screen_hit h = screen_hit_test(&m, W, H, 30, top + 1);
    cr_assert_eq(h.kind, SCREEN_HIT_PRESET);
    cr_expect_eq(h.index, 1u);
    cr_expect_eq(session_mouse(s, &m, g, &inb, 30, top + 1, SESSION_MOUSE_CLICK),
                 (unsigned)SESSION_RECOMPUTE);
    cr_expect_eq(s->overlay, SCREEN_OVERLAY_NONE, "the menu closed");
    cr_expect_str_eq(s->preset_name, s->names[1], "the clicked preset is loaded");
    grid_free(g);
    session_key(s, '?');
    g = draw_session(&inb, &m);
    cr_expect_eq(screen_hit_test(&m, W, H, 60, 20).kind, SCREEN_HIT_OVERLAY);
    session_mouse(s, &m, g, &inb, 60, 20, SESSION_MOUSE_CLICK);
    cr_expect_eq(s->overlay, SCREEN_OVERLAY_NONE, "a click closes the help");
    grid_free(g);
}

Test(mouse, help_lists_the_new_keys_and_fits_80x24)
{
    const char *h = session_help_text();
    const char *const keys[] = {"b B ", "z Z ", "y x ", "F  ", "mouse"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        cr_expect(strstr(h, keys[i]) != NULL, "help lacks '%s'", keys[i]);
    size_t lines = 1, col = 0, widest = 0;
    for (const char *c = h; *c; c++) {
        if (*c == '\n') {
            lines++;
            col = 0;
        } else if (((unsigned char)*c & 0xc0) != 0x80) {
            widest = ++col > widest ? col : widest;
        }
    }
    /* The overlay box: 80 x 22 (rows 1..22), a border and a row of padding each side. */
    cr_expect_leq(lines, 18u, "%zu lines", lines);
    cr_expect_leq(widest, 76u, "%zu columns", widest);
}

Test(mouse, reads_a_heatmap_cell)
{
    relu_detail *det = vf_relu_detail(&pb, 20000, METHOD_SGD);
    cr_assert_not_null(det);
    inb.detail = det;
    inb.detail_value = 2;
    inb.ab_a = NULL;
    session_key(s, '2'); /* angles: truth, estimate, difference */
    cr_assert_eq(s->view, VIEW_ANGLES);
    screen_model m;
    grid *g = draw_session(&inb, &m);
    const grid_pick *p = NULL;
    for (size_t i = 0; i < g->n_picks && !p; i++)
        if (g->picks[i].rows)
            p = &g->picks[i];
    cr_assert_not_null(p, "the maps recorded their cells");
    cr_assert(p->has_z);
    cr_assert_eq(p->rows, pb.d);
    /* the cell of row 1, column 2 (from 0, as the maps label them): its block's middle */
    const int x = p->area.x + (int)((2.5 * p->area.w) / (double)p->cols);
    const int y = p->area.y + (int)((1.5 * p->area.h) / (double)p->rows);
    session_mouse(s, &m, g, &inb, x, y, SESSION_MOUSE_CLICK);
    char want[128];
    snprintf(want, sizeof want, "row 1, column 2: %.4g", (double)p->z[1 * p->cols + 2]);
    cr_expect(strstr(s->message, want) != NULL, "'%s' in '%s'", want, s->message);
    grid_free(g);
    job_relu_detail_free(det);
}

Test(mouse, pick_names_cut_with_an_ellipsis)
{
    static grid_pick p;
    grid_pick_name(&p, "err_sigma");
    cr_expect_str_eq(p.y_name, "err_sigma");
    char longname[200];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    memcpy(longname + 90, "θθθ", 6); /* a cut that would fall inside a character */
    grid_pick_name(&p, longname);
    const size_t len = strlen(p.y_name);
    cr_expect_lt(len, sizeof p.y_name);
    cr_expect_str_eq(p.y_name + len - 3, "…", "%s", p.y_name);
    char want[sizeof p.y_name];
    snprintf(want, sizeof want, "%.90sθ…", longname); /* 90 + 2 + 3 bytes: θ kept whole */
    cr_expect_str_eq(p.y_name, want, "whole characters only");
}

Test(mouse, moves_the_phase_cursor)
{
    rs_params q = pb;
    support_set(&q, "sweep2", "kappa");
    support_set(&q, "sweep2_values", "1,10");
    double v6[6] = {5000, 10000, 20000, 5000, 10000, 20000};
    sweep_cell *c6 = malloc(6 * RUNS * sizeof *c6);
    cr_assert_not_null(c6);
    sweep_cells_init(c6, 6 * RUNS);
    vf_cells_metric(c6, 6, RUNS, v6, METHOD_SGD, 0, 0.0523, -0.5, 0.08, 3);
    const view_input in = {&q, model_get(GEN_RELU), NV, RUNS, values, c6, NULL, 0, NULL};
    session_init(s, &q, NULL, NULL);
    cr_assert_eq(session_key(s, '6'), 0u);
    cr_assert_eq(s->view, VIEW_PHASE);
    screen_model m;
    grid *g = draw_session(&in, &m);
    const grid_pick *p = NULL;
    for (size_t i = 0; i < g->n_picks && !p; i++)
        if (g->picks[i].rows == 2 && g->picks[i].cols == NV)
            p = &g->picks[i];
    cr_assert_not_null(p, "the phase map recorded its cells");
    /* top row (kappa = 10), last column (n = 20000) */
    const int x = p->area.x + p->area.w - 1, y = p->area.y;
    session_mouse(s, &m, g, &in, x, y, SESSION_MOUSE_CLICK);
    cr_expect_eq(s->opts.phase_x, 2u);
    cr_expect_eq(s->opts.phase_y, 1u);
    cr_expect(strstr(s->message, "cursor n = 20000, kappa = 10") != NULL, "%s", s->message);
    /* bottom row, first column */
    session_mouse(s, &m, g, &in, p->area.x, p->area.y + p->area.h - 1, SESSION_MOUSE_CLICK);
    cr_expect_eq(s->opts.phase_x, 0u);
    cr_expect_eq(s->opts.phase_y, 0u);
    /* the phase tab is a tab like the others: back to curves and to phase by clicks */
    cr_expect_eq(screen_hit_test(&m, W, H, 14, 0).kind, SCREEN_HIT_TAB);
    session_mouse(s, &m, g, &in, 14, 0, SESSION_MOUSE_CLICK);
    cr_expect_eq(s->view, VIEW_CURVES);
    grid_free(g);
    g = draw_session(&in, &m);
    const int last_tab_x = 11 + 10 + 11 + 14 + 9 + 1; /* " 6 phase " after four tabs */
    session_mouse(s, &m, g, &in, last_tab_x, 0, SESSION_MOUSE_CLICK);
    cr_expect_eq(s->view, VIEW_PHASE, "a click on the phase tab");
    grid_free(g);
    free(c6);
}

Test(mouse, help_at_80x24)
{
    session_key(s, '?');
    worker_status ws = {.state = WORKER_DONE};
    screen_model m;
    session_model(s, &ws, &inb, &m);
    grid *g = grid_alloc(80, 24);
    cr_assert_not_null(g);
    screen_draw(&m, g);
    cr_expect(support_grid_has(g, "b B        A/B: freeze as A"));
    cr_expect(support_grid_has(g, "mouse      click a knob"));
    cr_expect(support_grid_has(g, "? F1       this help"), "the last key line");
    cr_expect(support_grid_has(g, "more lines (a larger terminal shows them)"),
              "the generator's flags that do not fit are counted, not cut silently");
    grid_free(g);
}
