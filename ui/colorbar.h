/* colorbar.h — value-to-colour mapping of heatmaps and the labelled colour bar.
 *
 * A colour scale is a range [lo, hi] and a kind: sequential (palette_seq over
 * [lo, hi]) or diverging (palette_div, white at the middle; heatmaps make a diverging
 * range symmetric around 0 so white means zero). Values are formatted with one number
 * of decimals for the whole scale, so the bar and the cell labels read alike. */
#ifndef COLORBAR_H
#define COLORBAR_H

#include <stdbool.h>
#include <stddef.h>

#include "grid.h"

enum { COLORBAR_LABEL_LEN = 16 };

typedef struct {
    double lo, hi; /* finite, lo < hi */
    bool diverging;
    int digits; /* decimals of labels; < 0 picks them from the range */
    bool basic; /* 8-colour output: palette_seq8 / palette_div8 */
    bool log10; /* the scale runs over log10 of the values: labels show 10^z */
} colorbar_scale;

/* Fraction t in [0, 1] of z on the scale (clamped); NaN for non-finite z. */
double colorbar_frac(const colorbar_scale *s, double z);

/* xterm-256 colour of z (PALETTE_NAN for non-finite z). */
int colorbar_color(const colorbar_scale *s, double z);

/* Label of z into buf ("nan" for NaN, "inf"/"-inf"): fixed decimals chosen so the
 * range shows about 3 significant digits, or mantissa-exponent for very large or
 * small ranges. */
void colorbar_format(const colorbar_scale *s, double z, char *buf, size_t len);

/* Columns the bar with its labels takes (bar, space, widest label). */
int colorbar_width(const colorbar_scale *s);

/* Draw the bar in rect r: a 2-column gradient with hi at the top, labelled hi at the
 * top row, the middle value at the middle row and lo at the bottom row (the middle
 * is dropped below 5 rows). Half blocks give two colour steps per row; monochrome
 * grids show the density ramp instead. */
void colorbar_draw(const colorbar_scale *s, grid_rect r, grid *g);

#endif
