/* axis.c — scales, round ticks and axis frames (see axis.h). */
#include "axis.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "glyph.h"
#include "palette.h"

/* Quotients v / step of tick candidates carry a few ulps of rounding; this slack
 * (relative, 64 ulps) keeps a tick that sits exactly on an end of the range. */
static double axis_slack(double q)
{
    return 64 * DBL_EPSILON * (fabs(q) > 1 ? fabs(q) : 1);
}

double axis_frac(const axis_scale *s, double v)
{
    if (!isfinite(v) || (s->log && v <= 0))
        return NAN;
    if (s->log)
        return (log10(v) - log10(s->lo)) / (log10(s->hi) - log10(s->lo));
    return (v - s->lo) / (s->hi - s->lo);
}

double axis_value(const axis_scale *s, double f)
{
    if (s->log)
        return pow(10, log10(s->lo) + f * (log10(s->hi) - log10(s->lo)));
    return s->lo + f * (s->hi - s->lo);
}

/* Number of multiples of step inside [lo, hi]. */
static double axis_count(double lo, double hi, double step)
{
    const double a = lo / step, b = hi / step;
    return floor(b + axis_slack(b)) - ceil(a - axis_slack(a)) + 1;
}

double axis_nice_step(double lo, double hi, size_t max_n)
{
    static const double mult[3] = {1, 2, 5};
    if (max_n < 2)
        max_n = 2;
    /* Start one decade below the naive step span / (max_n - 1) and walk up the
     * 1-2-5 sequence to the first step whose aligned ticks fit: the naive step alone
     * can leave a single tick (0.0123..0.987 with 5 ticks gives 0.5 only). */
    double base = pow(10, floor(log10((hi - lo) / (double)(max_n - 1)))) / 10;
    for (int k = 0; k < 8; k++, base *= 10)
        for (int m = 0; m < 3; m++)
            if (axis_count(lo, hi, mult[m] * base) <= (double)max_n)
                return mult[m] * base;
    return base;
}

void axis_format(double v, double step, char *buf, size_t len)
{
    if (fabs(v) < step / 2) {
        snprintf(buf, len, "0");
        return;
    }
    const int kstep = (int)floor(log10(step) + axis_slack(log10(step)));
    if (kstep >= -4 && kstep < 5) {
        snprintf(buf, len, "%.*f", kstep < 0 ? -kstep : 0, v);
        return;
    }
    /* Mantissa-exponent; the mantissa keeps the digits the step needs, minus trailing
     * zeros, so 5e5, 1e6, 1.5e6 read as one sequence. */
    const int e = (int)floor(log10(fabs(v)) + axis_slack(log10(fabs(v))));
    char mant[AXIS_LABEL_LEN];
    snprintf(mant, sizeof mant, "%.*f", e - kstep > 0 ? e - kstep : 0, v / pow(10, e));
    if (strchr(mant, '.')) {
        char *end = mant + strlen(mant) - 1;
        while (*end == '0')
            *end-- = 0;
        if (*end == '.')
            *end = 0;
    }
    snprintf(buf, len, "%se%d", mant, e);
}

static void axis_ticks_linear(double lo, double hi, size_t max_n, axis_ticks *t)
{
    const double step = axis_nice_step(lo, hi, max_n);
    const double a = lo / step, b = hi / step;
    const double i0 = ceil(a - axis_slack(a)), i1 = floor(b + axis_slack(b));
    t->n = 0;
    for (double i = i0; i <= i1 && t->n < AXIS_MAX_TICKS; i++) {
        t->v[t->n] = i * step;
        axis_format(t->v[t->n], step, t->label[t->n], AXIS_LABEL_LEN);
        t->n++;
    }
}

/* Label of a log tick m x 10^k: plain decimals for 0.01 <= m x 10^k < 1000, else compact
 * "1e4", "2e-3". The label depends on the value alone, so a screen never shows 0.1 in one
 * panel and 1e-1 in the next (issue 13, point 4). */
static void axis_format_log(int m, int k, bool plain, char *buf, size_t len)
{
    if (plain)
        snprintf(buf, len, "%.*f", k < 0 ? -k : 0, m * pow(10, k));
    else
        snprintf(buf, len, "%de%d", m, k);
}

/* Ticks m x 10^k for m in mults inside [lo, hi], every `every`-th decade. */
static void axis_ticks_decades(const axis_scale *s, const int *mults, int n_mults, int every,
                               axis_ticks *t)
{
    const double la = log10(s->lo), lb = log10(s->hi);
    const int k0 = (int)floor(la) - 1, k1 = (int)ceil(lb);
    int tk[AXIS_MAX_TICKS], tm[AXIS_MAX_TICKS];
    t->n = 0;
    for (int k = k0; k <= k1; k++) {
        if (((k % every) + every) % every != 0)
            continue;
        for (int j = 0; j < n_mults; j++) {
            const double l = log10(mults[j]) + k;
            if (l < la - axis_slack(la) || l > lb + axis_slack(lb) || t->n >= AXIS_MAX_TICKS)
                continue;
            tk[t->n] = k, tm[t->n] = mults[j];
            t->v[t->n++] = mults[j] * pow(10, k);
        }
    }
    for (size_t i = 0; i < t->n; i++)
        axis_format_log(tm[i], tk[i], tk[i] >= -2 && tk[i] <= 2, t->label[i], AXIS_LABEL_LEN);
}

static void axis_ticks_log(const axis_scale *s, size_t max_n, axis_ticks *t)
{
    static const int one[1] = {1}, one25[3] = {1, 2, 5};
    /* 1-2-5 in every decade when there is room (values read off more easily), else
     * decades, thinned to every m-th when still too many. */
    axis_ticks_decades(s, one25, 3, 1, t);
    if (t->n >= 2 && t->n <= max_n)
        return;
    if (t->n < 2) { /* less than a factor ~2.5: round linear values, log positions */
        axis_ticks_linear(s->lo, s->hi, max_n, t);
        return;
    }
    axis_ticks_decades(s, one, 1, 1, t);
    for (int every = 2; t->n > max_n && every < 400; every++)
        axis_ticks_decades(s, one, 1, every, t);
}

void axis_ticks_make(const axis_scale *s, size_t max_n, axis_ticks *t)
{
    if (max_n < 2)
        max_n = 2;
    if (max_n > AXIS_MAX_TICKS)
        max_n = AXIS_MAX_TICKS;
    if (s->log)
        axis_ticks_log(s, max_n, t);
    else
        axis_ticks_linear(s->lo, s->hi, max_n, t);
}

bool axis_scale_auto(axis_scale *s, double lo, double hi, double fix_lo, double fix_hi,
                     double pad_frac)
{
    const bool lg = s->log;
    if (isfinite(fix_lo) && (isnan(lo) || lo < fix_lo))
        lo = fix_lo;
    if (isfinite(fix_hi) && (isnan(hi) || hi > fix_hi))
        hi = fix_hi;
    if (!isfinite(lo) || !isfinite(hi) || (lg && (lo <= 0 || hi <= 0)) || lo > hi)
        lo = lg ? 1 : 0, hi = lg ? 10 : 1;
    double a = lg ? log10(lo) : lo, b = lg ? log10(hi) : hi;
    if (b - a <= axis_slack(b)) {
        /* Degenerate: half a decade each side on log, 10 % of |v| (or 1) on linear. */
        const double w = lg ? 0.5 : (a != 0 ? fabs(a) / 10 : 1);
        a -= w, b += w;
    } else {
        const double pad = (b - a) * pad_frac;
        a = (!lg && a >= 0 && a - pad < 0) ? 0 : a - pad;
        b = (!lg && b <= 0 && b + pad > 0) ? 0 : b + pad;
    }
    s->lo = lg ? pow(10, a) : a;
    s->hi = lg ? pow(10, b) : b;
    if (isfinite(fix_lo))
        s->lo = fix_lo;
    if (isfinite(fix_hi))
        s->hi = fix_hi;
    return isfinite(s->lo) && isfinite(s->hi) && s->lo < s->hi && (!lg || s->lo > 0);
}

double axis_dot_x(const axis_frame *f, double fx)
{
    return fx * (2 * f->plot.w - 1);
}

double axis_dot_y(const axis_frame *f, double fy)
{
    return (1 - fy) * (4 * f->plot.h - 1);
}

/* Column of the x tick at value v (a tick value, so inside the scale): the cell of the
 * dot a data point at v is drawn on. */
static int axis_tick_col(const axis_frame *f, const axis_scale *x, double v)
{
    return f->plot.x + (int)lround(axis_dot_x(f, axis_frac(x, v))) / 2;
}

/* Row of the y tick at value v, likewise. */
static int axis_tick_row(const axis_frame *f, const axis_scale *y, double v)
{
    return f->plot.y + (int)lround(axis_dot_y(f, axis_frac(y, v))) / 4;
}

/* True when the x labels of t, centred on their tick columns, keep 2 columns apart. */
static bool axis_xlabels_fit(const axis_frame *f, const axis_scale *x, const axis_ticks *t)
{
    for (size_t i = 1; i < t->n; i++) {
        const int d = axis_tick_col(f, x, t->v[i]) - axis_tick_col(f, x, t->v[i - 1]);
        const int need = ((int)strlen(t->label[i]) + (int)strlen(t->label[i - 1]) + 1) / 2 + 2;
        if (d < need)
            return false;
    }
    return true;
}

void axis_frame_layout(axis_frame *f, const axis_scale *x, const axis_scale *y, grid_rect r,
                       bool x_title_row)
{
    memset(f, 0, sizeof *f);
    f->area = r;
    const int below = 2 + (x_title_row ? 1 : 0);
    const int plot_h = r.h - below > 0 ? r.h - below : 0;
    f->plot = (grid_rect){r.x, r.y, 0, plot_h};
    /* About one y tick per 3-4 rows: dense enough to read values off, sparse enough
     * that labels never crowd. */
    axis_ticks_make(y, (size_t)(plot_h / 4 + 2), &f->yt);
    int gutter = 1;
    for (size_t i = 0; i < f->yt.n; i++)
        if ((int)strlen(f->yt.label[i]) > gutter)
            gutter = (int)strlen(f->yt.label[i]);
    f->axis_x = r.x + gutter;
    f->axis_y = r.y + plot_h;
    f->title_y = x_title_row ? r.y + plot_h + 2 : -1;
    /* One spare column on the right lets the last x label centre on its tick. */
    const int plot_w = r.w - gutter - 2;
    if (plot_w < 1 || plot_h < 1) {
        f->plot.w = 0;
        f->plot.h = 0;
        f->xt.n = f->yt.n = 0;
        return;
    }
    f->plot = (grid_rect){f->axis_x + 1, r.y, plot_w, plot_h};
    for (size_t n = (size_t)(plot_w / 6 + 2); n >= 2; n--) {
        axis_ticks_make(x, n, &f->xt);
        if (axis_xlabels_fit(f, x, &f->xt) || n == 2)
            break;
    }
    if (!axis_xlabels_fit(f, x, &f->xt))
        f->xt.n = 0;
}

void axis_frame_draw(const axis_frame *f, const axis_scale *x, const axis_scale *y,
                     const char *x_title, grid *g)
{
    if (f->plot.w < 1 || f->plot.h < 1)
        return;
    const grid_rect saved = grid_clip_push(g, f->area);
    const bool ascii = g->caps.ascii;
    const grid_style ax = grid_style_make(PALETTE_AXIS, GRID_COLOR_DEFAULT, 0);
    const grid_style lab = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    for (int yy = f->plot.y; yy < f->axis_y; yy++)
        grid_put(g, f->axis_x, yy, glyph_get(GLYPH_VLINE, ascii), ax);
    for (int xx = f->plot.x; xx < f->plot.x + f->plot.w; xx++)
        grid_put(g, xx, f->axis_y, glyph_get(GLYPH_HLINE, ascii), ax);
    grid_put(g, f->axis_x, f->axis_y, glyph_get(GLYPH_CORNER_BL, ascii), ax);

    int last_row = -1;
    for (size_t i = 0; i < f->yt.n; i++) {
        const int row = axis_tick_row(f, y, f->yt.v[i]);
        if (row < f->plot.y || row >= f->axis_y || row == last_row)
            continue;
        last_row = row;
        grid_put(g, f->axis_x, row, glyph_get(GLYPH_TEE_LEFT, ascii), ax);
        const int w = (int)strlen(f->yt.label[i]);
        grid_puts(g, f->axis_x - w, row, f->yt.label[i], w, lab);
    }
    const int right = f->area.x + f->area.w;
    for (size_t i = 0; i < f->xt.n; i++) {
        const int col = axis_tick_col(f, x, f->xt.v[i]);
        if (col < f->plot.x || col >= f->plot.x + f->plot.w)
            continue;
        grid_put(g, col, f->axis_y, glyph_get(GLYPH_TEE_DOWN, ascii), ax);
        const int w = (int)strlen(f->xt.label[i]);
        int x0 = col - (w - 1) / 2;
        if (x0 + w > right)
            x0 = right - w;
        grid_puts(g, x0, f->axis_y + 1, f->xt.label[i], w, lab);
    }
    if (x_title && f->title_y >= 0) {
        const int w = grid_text_width(x_title);
        const int x0 = f->plot.x + (f->plot.w - w) / 2;
        grid_puts(g, x0 > f->area.x ? x0 : f->area.x, f->title_y, x_title, f->area.w, lab);
    }
    grid_clip_restore(g, saved);
}
