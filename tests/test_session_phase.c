/* test_session_phase.c — the phase map's keys in the session (issue 17), without a
 * terminal: H J K L move the cursor within the map; t types a threshold into the metric
 * and contour keys (with one-line errors); stepping the sweep2 knob away from none shows
 * the phase view and back to none leaves it; 6 needs a second key. */
#include <criterion/criterion.h>

#include <string.h>

#include "session.h"

static session S;

static void start(const char *sweep2)
{
    rs_params p;
    rs_error e;
    param_defaults(&p, GEN_RELU);
    cr_assert_eq(param_parse(&p, param_find("sweep"), "r", &e), RS_OK);
    cr_assert_eq(param_parse(&p, param_find("sweep_values"), "2,3,5", &e), RS_OK);
    cr_assert_eq(param_parse(&p, param_find("sweep2"), sweep2, &e), RS_OK);
    cr_assert_eq(param_parse(&p, param_find("sweep2_values"), "0.05,0.5", &e), RS_OK);
    cr_assert_eq(param_check(&p, &e), RS_OK, "%s", e.msg);
    session_init(&S, &p, NULL, NULL);
}

static unsigned type(const char *text)
{
    for (const char *c = text; *c; c++)
        session_key(&S, (unsigned char)*c);
    return session_key(&S, SKEY_ENTER);
}

Test(session_phase, cursor_moves_and_stops_at_the_edges)
{
    start("lambda");
    for (int i = 0; i < 5; i++)
        session_key(&S, 'L');
    session_key(&S, 'K');
    cr_assert_eq(S.opts.phase_x, 2, "3 columns: stops at the last");
    cr_assert_eq(S.opts.phase_y, 1);
    cr_assert(strstr(S.message, "cursor r = 5, lambda = 0.5"), "%s", S.message);
    session_key(&S, 'H');
    session_key(&S, 'J');
    session_key(&S, 'J');
    cr_assert(S.opts.phase_x == 1 && S.opts.phase_y == 0);
}

Test(session_phase, t_types_the_metric_and_contour)
{
    start("lambda");
    cr_assert_eq(session_key(&S, 't'), 0);
    cr_assert_eq(S.input, INPUT_THRESHOLD);
    cr_assert_str_eq(S.input_buf, "err_sigma = ", "filled with the metric shown");
    session_key(&S, 0x15); /* Ctrl-U */
    cr_assert_eq(type("err_b = 0.05"), SESSION_RECOMPUTE);
    cr_assert_str_eq(param_table[param_find("metric")].names[S.p.metric], "err_b");
    cr_assert_float_eq(S.p.contour, 0.05, 1e-15);
    session_key(&S, 't');
    cr_assert_str_eq(S.input_buf, "err_b = 0.05");
    session_key(&S, 0x15);
    cr_assert_eq(type("e_a = 1"), 0);
    cr_assert(strstr(S.message, "metric=e_a: allowed auto|err_sigma|"), "%s", S.message);
    session_key(&S, 't');
    session_key(&S, 0x15);
    cr_assert_eq(type("err_b = x"), 0);
    cr_assert(strstr(S.message, "contour=x: allowed a number"), "%s", S.message);
    session_key(&S, 't');
    session_key(&S, 0x15);
    cr_assert_eq(type(""), SESSION_RECOMPUTE);
    cr_assert_eq(S.p.contour, 0.0, "an empty line removes the contour");
}

Test(session_phase, the_sweep2_knob_shows_and_leaves_the_phase_view)
{
    start("none");
    session_key(&S, '6');
    cr_assert_neq(S.view, VIEW_PHASE);
    cr_assert(strstr(S.message, "the phase view needs sweep2"), "%s", S.message);
    cr_assert_eq(session_key(&S, 'L'), 0, "no map: L steps the knob as before");
    const int knob = param_find("sweep2");
    while (S.knobs[S.selected] != knob)
        session_key(&S, SKEY_DOWN);
    cr_assert_eq(session_key(&S, SKEY_RIGHT), SESSION_RECOMPUTE);
    cr_assert(S.p.sweep2 >= 0 && S.p.sweep2 != S.p.sweep, "a key other than sweep");
    cr_assert_eq(S.view, VIEW_PHASE);
    cr_assert_eq(session_key(&S, SKEY_LEFT), SESSION_RECOMPUTE);
    cr_assert_eq(S.p.sweep2, -1);
    cr_assert_eq(S.view, VIEW_CURVES);
}
