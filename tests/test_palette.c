/* test_palette.c — palettes, colour folding and the density ramp. */
#include <criterion/criterion.h>

#include <math.h>

#include "palette.h"

static double palette_test_luma(int idx)
{
    uint8_t c[3];
    palette_rgb(idx, c);
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

Test(palette, rgb_of_known_indexes)
{
    uint8_t c[3];
    palette_rgb(196, c); /* cube (5, 0, 0) */
    cr_assert(c[0] == 255 && c[1] == 0 && c[2] == 0);
    palette_rgb(67, c); /* cube (1, 2, 3) = #5f87af */
    cr_assert(c[0] == 0x5f && c[1] == 0x87 && c[2] == 0xaf);
    palette_rgb(232, c);
    cr_assert(c[0] == 8 && c[1] == 8 && c[2] == 8);
    palette_rgb(4, c);
    cr_assert(c[0] == 0 && c[1] == 0 && c[2] == 128);
    char hex[8];
    palette_hex(214, hex);
    cr_assert_str_eq(hex, "#ffaf00");
}

Test(palette, sequential_rises_in_luminance)
{
    /* Allow a rounding step (4 luma units) between hand-ordered neighbours; overall the
     * ends must be far apart so magnitude reads as brightness. */
    const size_t n = palette_seq_steps();
    for (size_t i = 1; i < n; i++) {
        const double t0 = (i - 0.5) / n, t1 = (i + 0.5) / n;
        cr_assert_geq(palette_test_luma(palette_seq(t1)) + 4, palette_test_luma(palette_seq(t0)),
                      "step %zu", i);
    }
    cr_assert_gt(palette_test_luma(palette_seq(1)) - palette_test_luma(palette_seq(0)), 150);
    cr_assert_eq(palette_seq(-3), palette_seq(0), "clamped");
    cr_assert_eq(palette_seq(NAN), PALETTE_NAN);
}

Test(palette, diverging_is_blue_white_red_and_symmetric)
{
    uint8_t lo[3], mid[3], hi[3];
    palette_rgb(palette_div(-1), lo);
    palette_rgb(palette_div(0), mid);
    palette_rgb(palette_div(1), hi);
    cr_assert_gt(lo[2], lo[0], "negative end is blue");
    cr_assert_gt(hi[0], hi[2], "positive end is red");
    cr_assert(mid[0] > 200 && mid[1] > 200 && mid[2] > 200, "zero is near white");
    for (double t = 0.05; t < 1; t += 0.1) {
        /* Same distance from 0 on both sides gives the same lightness, within the cube's
         * quantisation (luma of mirrored steps differs by < 60). */
        const double d = palette_test_luma(palette_div(t)) - palette_test_luma(palette_div(-t));
        cr_assert_lt(fabs(d), 60, "t = %g", t);
    }
}

Test(palette, basic_folding_and_nearest)
{
    cr_assert_eq(palette_basic(196), 9);
    cr_assert_eq(palette_basic(21), 12);
    cr_assert_eq(palette_basic(231), 15);
    cr_assert_eq(palette_basic(16), 0);
    cr_assert_eq(palette_basic(5), 5, "basic indexes unchanged");
    for (int i = 0; i < 256; i++)
        cr_assert(palette_basic(i) >= 0 && palette_basic(i) < 16);
    const uint8_t orange[3] = {255, 135, 0};
    cr_assert_eq(palette_nearest(orange), 208);
    cr_assert_eq(palette_shade(196, 0), 16, "shade 0 is black");
    cr_assert_eq(palette_shade(196, 1), 196);
}

Test(palette, contrast_and_ramp)
{
    cr_assert_eq(palette_contrast(226), PALETTE_BLACK, "black on yellow");
    cr_assert_eq(palette_contrast(53), PALETTE_WHITE, "white on dark purple");
    cr_assert_eq(palette_ramp(0), ' ');
    cr_assert_eq(palette_ramp(1), '@');
    cr_assert_eq(palette_ramp(0.45), '=');
    cr_assert_eq(palette_ramp(7), '@');
    cr_assert_eq(palette_ramp(NAN), '?');
    cr_assert_neq(palette_series(0), palette_series(1));
    cr_assert_eq(palette_series(0), palette_series(8), "cycles");
}
