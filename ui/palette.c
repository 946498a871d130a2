/* palette.c — colour tables (see palette.h). */
#include "palette.h"

#include <math.h>
#include <stdio.h>

/* Viridis approximated in the xterm-256 cube: the stops #440154 ... #FDE725 snapped to
 * the nearest cube colours, then hand-ordered so luminance never drops by more than a
 * rounding step (27, 30, 78, 81, 109, 106, 138, 135, 132, 152, 181, 189, 198, 206, 208,
 * 237 in Rec. 709 luma). The cube has 6 levels per channel, so 16 steps is what it can
 * tell apart. */
static const uint8_t palette_seq_table[] = {53, 54, 24, 25,  31,  30,  37,  36,
                                            35, 71, 77, 113, 149, 185, 220, 226};

/* ColorBrewer RdBu reversed (blue negative, red positive), snapped to the cube, with
 * 7 steps per side around a near-white centre (255 = #eeeeee). */
static const uint8_t palette_div_table[] = {19,  25,  32,  68,  74,  110, 153, 255,
                                            224, 217, 210, 203, 167, 160, 124};

/* Basic-colour ramps: bright variants between the normal ones keep the hue path
 * monotone (blue -> cyan -> green -> yellow; blue -> white -> red). */
static const uint8_t palette_seq8_table[] = {4, 12, 6, 14, 2, 10, 3, 11};
static const uint8_t palette_div8_table[] = {4, 12, 7, 9, 1};

/* Distinct hues on a dark background: blue, orange, green, pink, gold, violet, cyan,
 * red. Chosen so neighbours in a legend differ in both hue and luminance. */
static const uint8_t palette_series_table[] = {39, 208, 78, 205, 220, 141, 44, 196};

/* xterm's default RGB for the 16 basic colours. */
static const uint8_t palette_basic_rgb[16][3] = {
    {0, 0, 0},     {128, 0, 0},     {0, 128, 0},     {128, 128, 0},   {0, 0, 128}, {128, 0, 128},
    {0, 128, 128}, {192, 192, 192}, {128, 128, 128}, {255, 0, 0},     {0, 255, 0}, {255, 255, 0},
    {0, 0, 255},   {255, 0, 255},   {0, 255, 255},   {255, 255, 255},
};

static const char palette_ramp_chars[] = " .:-=+*#%@";

#define PALETTE_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Table entry for t in [0, 1], clamped; the steps split [0, 1] evenly. */
static int palette_pick(const uint8_t *table, size_t n, double t)
{
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    size_t i = (size_t)(t * (double)n);
    if (i >= n)
        i = n - 1;
    return table[i];
}

int palette_seq(double t)
{
    if (isnan(t))
        return PALETTE_NAN;
    return palette_pick(palette_seq_table, PALETTE_LEN(palette_seq_table), t);
}

int palette_div(double t)
{
    if (isnan(t))
        return PALETTE_NAN;
    return palette_pick(palette_div_table, PALETTE_LEN(palette_div_table), (t + 1) / 2);
}

int palette_seq8(double t)
{
    if (isnan(t))
        return 8; /* grey */
    return palette_pick(palette_seq8_table, PALETTE_LEN(palette_seq8_table), t);
}

int palette_div8(double t)
{
    if (isnan(t))
        return 8;
    return palette_pick(palette_div8_table, PALETTE_LEN(palette_div8_table), (t + 1) / 2);
}

size_t palette_seq_steps(void)
{
    return PALETTE_LEN(palette_seq_table);
}

int palette_series(size_t i)
{
    return palette_series_table[i % PALETTE_LEN(palette_series_table)];
}

void palette_rgb(int idx, uint8_t rgb[3])
{
    if (idx < 0 || idx > 255) {
        rgb[0] = rgb[1] = rgb[2] = 0;
    } else if (idx < 16) {
        for (int k = 0; k < 3; k++)
            rgb[k] = palette_basic_rgb[idx][k];
    } else if (idx < 232) {
        /* 6x6x6 cube: index 16 + 36 r + 6 g + b, level 0 or 55 + 40 v. */
        const int v[3] = {(idx - 16) / 36, (idx - 16) / 6 % 6, (idx - 16) % 6};
        for (int k = 0; k < 3; k++)
            rgb[k] = (uint8_t)(v[k] ? 55 + 40 * v[k] : 0);
    } else {
        rgb[0] = rgb[1] = rgb[2] = (uint8_t)(8 + 10 * (idx - 232));
    }
}

void palette_hex(int idx, char out[8])
{
    uint8_t c[3];
    palette_rgb(idx, c);
    snprintf(out, 8, "#%02x%02x%02x", c[0], c[1], c[2]);
}

/* Weighted squared RGB distance (weights 2, 4, 3 approximate the eye's sensitivity). */
static long palette_dist(const uint8_t a[3], const uint8_t b[3])
{
    const long dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];
    return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
}

int palette_nearest(const uint8_t rgb[3])
{
    int best = 16;
    long best_d = -1;
    for (int i = 16; i < 256; i++) {
        uint8_t c[3];
        palette_rgb(i, c);
        const long d = palette_dist(c, rgb);
        if (best_d < 0 || d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

int palette_basic(int idx)
{
    if (idx < 16)
        return idx;
    uint8_t c[3];
    palette_rgb(idx, c);
    int best = 0;
    long best_d = -1;
    for (int i = 0; i < 16; i++) {
        const long d = palette_dist(c, palette_basic_rgb[i]);
        if (best_d < 0 || d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

int palette_shade(int idx, double f)
{
    if (!(f > 0))
        f = 0;
    if (f > 1)
        f = 1;
    uint8_t c[3];
    palette_rgb(idx, c);
    for (int k = 0; k < 3; k++)
        c[k] = (uint8_t)lround(c[k] * f);
    return palette_nearest(c);
}

int palette_contrast(int idx)
{
    uint8_t c[3];
    palette_rgb(idx, c);
    /* Rec. 709 luma; 140 splits the cube's mid tones so yellow-green gets black text
     * and teal gets white. */
    const double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    return y > 140 ? PALETTE_BLACK : PALETTE_WHITE;
}

char palette_ramp(double t)
{
    if (isnan(t))
        return '?';
    const size_t n = PALETTE_LEN(palette_ramp_chars) - 1;
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    size_t i = (size_t)lround(t * (double)(n - 1));
    return palette_ramp_chars[i];
}
