/* test_glyph.c — glyph tables and their ASCII fallbacks. */
#include <criterion/criterion.h>

#include "glyph.h"

Test(glyph, braille_bits_follow_unicode_numbering)
{
    /* Dots 1,2,3 down the left column, 4,5,6 down the right, 7 and 8 below. */
    cr_assert_eq(glyph_braille_bit(0, 0), 0x01);
    cr_assert_eq(glyph_braille_bit(0, 2), 0x04);
    cr_assert_eq(glyph_braille_bit(1, 0), 0x08);
    cr_assert_eq(glyph_braille_bit(1, 2), 0x20);
    cr_assert_eq(glyph_braille_bit(0, 3), 0x40);
    cr_assert_eq(glyph_braille_bit(1, 3), 0x80);
    cr_assert_eq(glyph_braille(0xFF, false), 0x28FF);
    cr_assert_eq(glyph_braille(0, false), 0x2800);
}

Test(glyph, braille_ascii_shapes)
{
    const uint8_t top = glyph_braille_bit(0, 0) | glyph_braille_bit(1, 0);
    const uint8_t mid = glyph_braille_bit(0, 1) | glyph_braille_bit(1, 1);
    const uint8_t low = glyph_braille_bit(0, 3) | glyph_braille_bit(1, 3);
    const uint8_t left = glyph_braille_bit(0, 0) | glyph_braille_bit(0, 1) |
                         glyph_braille_bit(0, 2) | glyph_braille_bit(0, 3);
    const uint8_t diag = glyph_braille_bit(0, 0) | glyph_braille_bit(0, 1) |
                         glyph_braille_bit(1, 2) | glyph_braille_bit(1, 3);
    const uint8_t anti = glyph_braille_bit(1, 0) | glyph_braille_bit(1, 1) |
                         glyph_braille_bit(0, 2) | glyph_braille_bit(0, 3);
    cr_assert_eq(glyph_braille(0, true), ' ');
    cr_assert_eq(glyph_braille(top, true), '"');
    cr_assert_eq(glyph_braille(mid, true), '-');
    cr_assert_eq(glyph_braille(low, true), '_');
    cr_assert_eq(glyph_braille(left, true), '|');
    cr_assert_eq(glyph_braille(diag, true), '\\');
    cr_assert_eq(glyph_braille(anti, true), '/');
    cr_assert_eq(glyph_braille(0xFF, true), '#');
    cr_assert_eq(glyph_braille(glyph_braille_bit(1, 3), true), '.');
    for (int p = 0; p < 256; p++) {
        const uint32_t c = glyph_braille((uint8_t)p, true);
        cr_assert(c >= 0x20 && c < 0x7F, "pattern %d maps to %u", p, c);
        cr_assert_eq(glyph_ascii(0x2800u + (uint32_t)p), (char)c);
    }
}

Test(glyph, named_glyphs_have_ascii_fallbacks)
{
    for (int id = 0; id < GLYPH_COUNT; id++) {
        const uint32_t a = glyph_get((glyph_id)id, true);
        cr_assert(a >= 0x20 && a < 0x7F, "glyph %d", id);
        cr_assert_eq(glyph_ascii(glyph_get((glyph_id)id, false)), (char)a, "glyph %d", id);
    }
    cr_assert_eq(glyph_get(GLYPH_UPPER_HALF, false), 0x2580);
    cr_assert_eq(glyph_get(GLYPH_COUNT, false), '?');
}

Test(glyph, eighths_and_symbols)
{
    cr_assert_eq(glyph_eighth(0, false), ' ');
    cr_assert_eq(glyph_eighth(1, false), 0x2581);
    cr_assert_eq(glyph_eighth(8, false), 0x2588);
    cr_assert_eq(glyph_eighth(12, false), 0x2588);
    cr_assert_eq(glyph_eighth(7, true), '#');
    cr_assert_eq(glyph_left_eighth(1, false), 0x258F);
    cr_assert_eq(glyph_left_eighth(7, false), 0x2589);
    cr_assert_eq(glyph_left_eighth(8, false), 0x2588);
    cr_assert_eq(glyph_ascii(0x03C3), 's'); /* σ */
    cr_assert_eq(glyph_ascii(0x03B8), 't'); /* θ */
    cr_assert_eq(glyph_ascii(0x03C9), 'w'); /* ω, the last letter */
    cr_assert_eq(glyph_ascii(0x03A3), 'S'); /* Σ */
    cr_assert_eq(glyph_ascii(0x2212), '-'); /* minus */
    cr_assert_eq(glyph_ascii(0x2264), '<');
    cr_assert_eq(glyph_ascii(0x4E2D), '?');
    cr_assert_eq(glyph_ascii(0x7F), '?');
}
