/* colorbar.c — heatmap colour scale and colour bar (see colorbar.h). */
#include "colorbar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyph.h"
#include "palette.h"

enum { COLORBAR_BAR_W = 2 };

double colorbar_frac(const colorbar_scale *s, double z)
{
    if (!isfinite(z))
        return NAN;
    const double t = (z - s->lo) / (s->hi - s->lo);
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

int colorbar_color(const colorbar_scale *s, double z)
{
    const double t = colorbar_frac(s, z);
    if (isnan(t))
        return s->basic ? 8 : PALETTE_NAN;
    if (s->basic)
        return s->diverging ? palette_div8(2 * t - 1) : palette_seq8(t);
    return s->diverging ? palette_div(2 * t - 1) : palette_seq(t);
}

/* Decimals for the scale: about 3 significant digits of the larger end, at most 4, and
 * never fewer than the span needs for its ends and middle to differ (a fixed s->digits
 * is raised to that, so a ±4e-4 span never reads 0.000 / 0.000 / 0.000); -1 asks for
 * mantissa-exponent form, used when 4 decimals are not enough. */
static int colorbar_digits(const colorbar_scale *s)
{
    const double big = fmax(fabs(s->lo), fabs(s->hi)), span = s->hi - s->lo;
    int need = 0; /* decimals that resolve a half span */
    if (span > 0 && isfinite(span))
        need = (int)ceil(-log10(span / 2));
    if (need > 4)
        return -1;
    if (s->digits >= 0)
        return s->digits > need ? s->digits : need;
    if (big >= 1e5 || big < 1e-3)
        return -1;
    const int e = (int)floor(log10(big));
    int d = 2 - e;
    d = d < need ? need : d;
    return d < 0 ? 0 : d > 4 ? 4 : d;
}

/* Two significant digits in the axes' mantissa-exponent form (axis_format): "1.2e7",
 * "4e-5", never C's "1.2e+07" beside an axis's "1e7" (issue 13, point 4: one number
 * format per screen). */
static void compact_exp(double z, char *buf, size_t len)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.1e", z);
    char *e = strchr(tmp, 'e');
    if (!e) {
        snprintf(buf, len, "%s", tmp);
        return;
    }
    *e = 0;
    const int ex = atoi(e + 1);
    char *end = e - 1; /* "2.0" -> "2" */
    while (end > tmp && *end == '0')
        *end-- = 0;
    if (*end == '.')
        *end = 0;
    snprintf(buf, len, "%se%d", tmp, ex);
}

void colorbar_format(const colorbar_scale *s, double z, char *buf, size_t len)
{
    if (isnan(z)) {
        snprintf(buf, len, "nan");
        return;
    }
    if (isinf(z)) {
        snprintf(buf, len, z > 0 ? "inf" : "-inf");
        return;
    }
    const int d = colorbar_digits(s);
    const double v = pow(10.0, z);
    if (s->log10 && v >= 1e-3 && v < 1e4) /* a log scale is labelled with the values */
        snprintf(buf, len, "%.3g", v);
    else if (s->log10)
        compact_exp(v, buf, len);
    else if (d < 0 && z != 0)
        compact_exp(z, buf, len);
    else
        snprintf(buf, len, "%.*f", d < 0 ? 0 : d, z);
    /* "-0.00" reads as a sign error next to a white (zero) cell. */
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf));
}

int colorbar_width(const colorbar_scale *s)
{
    char a[COLORBAR_LABEL_LEN], b[COLORBAR_LABEL_LEN], c[COLORBAR_LABEL_LEN];
    colorbar_format(s, s->lo, a, sizeof a);
    colorbar_format(s, s->hi, b, sizeof b);
    colorbar_format(s, (s->lo + s->hi) / 2, c, sizeof c);
    int w = (int)strlen(a);
    if ((int)strlen(b) > w)
        w = (int)strlen(b);
    if ((int)strlen(c) > w)
        w = (int)strlen(c);
    return COLORBAR_BAR_W + 1 + w;
}

/* Colour of the bar at half-row p of hp half-rows (p = 0 is the top, the hi end). */
static int colorbar_step(const colorbar_scale *s, int p, int hp)
{
    const double t = hp > 1 ? 1 - (double)p / (hp - 1) : 0.5;
    return colorbar_color(s, s->lo + t * (s->hi - s->lo));
}

void colorbar_draw(const colorbar_scale *s, grid_rect r, grid *g)
{
    if (r.w < COLORBAR_BAR_W || r.h < 1)
        return;
    const bool mono = g->caps.colors == GRID_COLORS_MONO;
    const bool half = !g->caps.ascii && !mono;
    const int hp = 2 * r.h;
    for (int row = 0; row < r.h; row++) {
        for (int x = 0; x < COLORBAR_BAR_W; x++) {
            if (mono) {
                const double t = r.h > 1 ? 1 - (double)row / (r.h - 1) : 0.5;
                grid_put(g, r.x + x, r.y + row, (uint32_t)palette_ramp(t), grid_style_default());
            } else if (half) {
                grid_put(g, r.x + x, r.y + row, glyph_get(GLYPH_UPPER_HALF, false),
                         grid_style_make(colorbar_step(s, 2 * row, hp),
                                         colorbar_step(s, 2 * row + 1, hp), 0));
            } else {
                grid_put(g, r.x + x, r.y + row, ' ',
                         grid_style_make(GRID_COLOR_DEFAULT, colorbar_step(s, row, r.h), 0));
            }
        }
    }
    const grid_style lab = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    const int lx = r.x + COLORBAR_BAR_W + 1, lw = r.w - COLORBAR_BAR_W - 1;
    char buf[COLORBAR_LABEL_LEN];
    colorbar_format(s, s->hi, buf, sizeof buf);
    grid_puts(g, lx, r.y, buf, lw, lab);
    if (r.h >= 2) {
        colorbar_format(s, s->lo, buf, sizeof buf);
        grid_puts(g, lx, r.y + r.h - 1, buf, lw, lab);
    }
    if (r.h >= 5) {
        colorbar_format(s, (s->lo + s->hi) / 2, buf, sizeof buf);
        grid_puts(g, lx, r.y + (r.h - 1) / 2, buf, lw, lab);
    }
}
