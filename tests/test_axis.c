/* test_axis.c — round tick selection, labels, automatic ranges and frames. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "axis.h"

static void axis_test_expect(const axis_ticks *t, const double *v, const char *const *lab, size_t n)
{
    cr_assert_eq(t->n, n, "got %zu ticks, expected %zu", t->n, n);
    for (size_t i = 0; i < n; i++) {
        cr_assert_float_eq(t->v[i], v[i], 1e-12 * (1 + fabs(v[i])), "tick %zu", i);
        cr_assert_str_eq(t->label[i], lab[i], "label %zu", i);
    }
}

Test(axis, linear_range_gives_round_ticks)
{
    const axis_scale s = {0.0123, 0.987, false};
    axis_ticks t;
    axis_ticks_make(&s, 5, &t);
    const double v[] = {0.2, 0.4, 0.6, 0.8};
    const char *const lab[] = {"0.2", "0.4", "0.6", "0.8"};
    axis_test_expect(&t, v, lab, 4);
    axis_ticks_make(&s, 12, &t);
    cr_assert_eq(t.n, 9, "0.1 steps: 0.1 .. 0.9");
    cr_assert_str_eq(t.label[0], "0.1");
}

Test(axis, ticks_on_the_ends_are_kept_and_zero_is_plain)
{
    const axis_scale s = {-1, 1, false};
    axis_ticks t;
    axis_ticks_make(&s, 5, &t);
    const double v[] = {-1, -0.5, 0, 0.5, 1};
    const char *const lab[] = {"-1.0", "-0.5", "0", "0.5", "1.0"};
    axis_test_expect(&t, v, lab, 5);
}

Test(axis, nice_step_is_1_2_5)
{
    cr_assert_float_eq(axis_nice_step(0, 10, 6), 2, 1e-15);
    cr_assert_float_eq(axis_nice_step(0, 10, 11), 1, 1e-15);
    cr_assert_float_eq(axis_nice_step(0, 10, 3), 5, 1e-15);
    cr_assert_float_eq(axis_nice_step(0.0123, 0.987, 5), 0.2, 1e-15);
    cr_assert_float_eq(axis_nice_step(3e6, 7.1e6, 5), 1e6, 1e-3);
}

Test(axis, labels_large_and_small_magnitudes)
{
    char b[AXIS_LABEL_LEN];
    axis_format(1.5e6, 5e5, b, sizeof b);
    cr_assert_str_eq(b, "1.5e6");
    axis_format(2e6, 5e5, b, sizeof b);
    cr_assert_str_eq(b, "2e6");
    axis_format(2.5e-6, 5e-7, b, sizeof b);
    cr_assert_str_eq(b, "2.5e-6");
    axis_format(-1e-17, 0.2, b, sizeof b);
    cr_assert_str_eq(b, "0", "no negative zero");
    axis_format(1250, 250, b, sizeof b);
    cr_assert_str_eq(b, "1250");
    axis_format(0.05, 0.01, b, sizeof b);
    cr_assert_str_eq(b, "0.05");
}

Test(axis, log_decades_or_1_2_5)
{
    const axis_scale s = {100, 12800, true};
    axis_ticks t;
    axis_ticks_make(&s, 5, &t);
    const double v[] = {100, 1000, 10000};
    const char *const lab[] = {"100", "1e3", "1e4"};
    axis_test_expect(&t, v, lab, 3);
    axis_ticks_make(&s, 8, &t); /* room for 1-2-5 in each decade */
    const double v5[] = {100, 200, 500, 1000, 2000, 5000, 10000};
    const char *const l5[] = {"100", "200", "500", "1e3", "2e3", "5e3", "1e4"};
    axis_test_expect(&t, v5, l5, 7);
    const axis_scale p = {0.01, 100, true};
    axis_ticks_make(&p, 8, &t);
    const double pv[] = {0.01, 0.1, 1, 10, 100};
    const char *const pl[] = {"0.01", "0.1", "1", "10", "100"};
    axis_test_expect(&t, pv, pl, 5);
}

/* Issue 13, point 4: a log tick's label depends on its value alone, so that two panels
 * of one screen never print 0.1 and 1e-1: plain from 0.01 to below 1000, else m e k. */
Test(axis, log_labels_depend_on_the_value_alone)
{
    const axis_scale wide = {1e-4, 1, true}, narrow = {0.05, 0.5, true};
    axis_ticks a, b;
    axis_ticks_make(&wide, 8, &a);
    axis_ticks_make(&narrow, 8, &b);
    const double va[] = {1e-4, 1e-3, 0.01, 0.1, 1};
    const char *const la[] = {"1e-4", "1e-3", "0.01", "0.1", "1"};
    axis_test_expect(&a, va, la, 5);
    for (size_t i = 0; i < b.n; i++)
        if (fabs(b.v[i] - 0.1) < 1e-12)
            cr_expect_str_eq(b.label[i], "0.1");
}

Test(axis, log_many_decades_are_thinned)
{
    const axis_scale s = {1e-12, 1e12, true};
    axis_ticks t;
    axis_ticks_make(&s, 6, &t);
    cr_assert_leq(t.n, 6);
    cr_assert_geq(t.n, 3);
    for (size_t i = 1; i < t.n; i++)
        cr_assert_float_eq(log10(t.v[i]) - log10(t.v[i - 1]), log10(t.v[1]) - log10(t.v[0]), 1e-9,
                           "evenly spaced decades");
}

Test(axis, log_narrow_range_uses_1_2_5_then_linear)
{
    const axis_scale s = {0.013, 0.09, true};
    axis_ticks t;
    axis_ticks_make(&s, 6, &t);
    const double v[] = {0.02, 0.05};
    const char *const lab[] = {"0.02", "0.05"};
    axis_test_expect(&t, v, lab, 2);
    const axis_scale n = {20, 31, true};
    axis_ticks_make(&n, 6, &t);
    cr_assert_geq(t.n, 2, "linear fallback inside a factor 1.5");
    cr_assert_float_eq(t.v[0], 20, 1e-12);
}

Test(axis, frac_handles_log_and_bad_values)
{
    const axis_scale s = {10, 1000, true};
    cr_assert_float_eq(axis_frac(&s, 100), 0.5, 1e-12);
    cr_assert(isnan(axis_frac(&s, 0)));
    cr_assert(isnan(axis_frac(&s, -3)));
    cr_assert(isnan(axis_frac(&s, INFINITY)));
    cr_assert_float_eq(axis_value(&s, 0.5), 100, 1e-9);
}

Test(axis, auto_range_pads_without_crossing_zero)
{
    axis_scale s = {0, 0, false};
    cr_assert(axis_scale_auto(&s, 0.2, 3.1, NAN, NAN, 0.05));
    cr_assert_float_eq(s.lo, 0.2 - 0.145, 1e-12);
    cr_assert(axis_scale_auto(&s, 0.0, 3.1, NAN, NAN, 0.05));
    cr_assert_float_eq(s.lo, 0, 0, "data starting at 0 keeps 0 as the floor");
    cr_assert(axis_scale_auto(&s, 2.385, 2.385, NAN, NAN, 0.05));
    cr_assert_lt(s.lo, 2.385);
    cr_assert_gt(s.hi, 2.385);
    cr_assert(axis_scale_auto(&s, NAN, NAN, NAN, NAN, 0.05), "no data still draws");
    s.log = true;
    cr_assert_not(axis_scale_auto(&s, 1, 10, -1, NAN, 0), "a fixed end <= 0 on a log axis");
    cr_assert(axis_scale_auto(&s, 1, 10, NAN, 50, 0));
    cr_assert_float_eq(s.hi, 50, 0);
}

Test(axis, frame_layout_fits_and_labels_do_not_overlap)
{
    const axis_scale x = {0, 2000, false}, y = {0.001, 10, true};
    axis_frame f;
    axis_frame_layout(&f, &x, &y, (grid_rect){3, 2, 50, 16}, true);
    cr_assert_eq(f.plot.y, 2);
    cr_assert_eq(f.plot.h, 13, "axis row, labels row and title row below");
    cr_assert_eq(f.axis_x, f.plot.x - 1);
    cr_assert_leq(f.plot.x + f.plot.w, 3 + 50);
    cr_assert_geq(f.xt.n, 2);
    axis_frame_layout(&f, &x, &y, (grid_rect){0, 0, 3, 3}, true);
    cr_assert_eq(f.plot.w * f.plot.h, 0, "too small gives an empty plot");
}
