/* plot_lines.c — line plots with bands, log axes and reference slopes (see plot_lines.h). */
#include "plot_lines.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axis.h"
#include "canvas.h"
#include "glyph.h"
#include "legend.h"
#include "palette.h"
#include "plot.h"

enum {
    PLOT_LINES_LEGEND_MAX = 16, /* entries shown; more series than this are unlabelled */
    PLOT_LINES_TEXT_LEN = 192   /* a legend name with its left-out runs and slope */
};

/* Dark tint of a series colour for its band: 35 % of the colour over black keeps the
 * hue recognisable while braille lines on top stay readable. */
static const double plot_lines_band_shade = 0.35;

void plot_lines_init(plot_lines_model *m)
{
    memset(m, 0, sizeof *m);
    m->x_lo = m->x_hi = m->y_lo = m->y_hi = NAN;
    m->ref_slope = m->ref_x = m->ref_y = NAN;
    m->band_lo = m->band_hi = NAN;
    m->x_cursor = NAN;
}

/* Put ch over the cell at (x, y), keeping its background (a band's tint). */
static void plot_lines_put_over(grid *g, int x, int y, uint32_t ch, grid_style st)
{
    const grid_cell *under = grid_get(g, x, y);
    if (under)
        st.bg = under->bg;
    grid_put(g, x, y, ch, st);
}

/* The x cursor: ┊ down the column of x_cursor, only in cells without data. */
static void plot_lines_cursor(const plot_lines_model *m, const axis_scale *xs, const axis_frame *f,
                              grid *g)
{
    if (!isfinite(m->x_cursor) || (m->x_log && m->x_cursor <= 0))
        return;
    const double t = axis_frac(xs, m->x_cursor);
    if (!(t >= 0 && t <= 1))
        return;
    const int c = canvas_round(axis_dot_x(f, t)) / 2;
    const uint32_t dot = glyph_get(GLYPH_MIDDOT, g->caps.ascii);
    const grid_style st = grid_style_make(PALETTE_ACCENT, GRID_COLOR_DEFAULT, 0);
    for (int row = 0; row < f->plot.h && c >= 0 && c < f->plot.w; row++) {
        const grid_cell *cell = grid_get(g, f->plot.x + c, f->plot.y + row);
        if (cell && (cell->ch == ' ' || cell->ch == dot))
            plot_lines_put_over(g, f->plot.x + c, f->plot.y + row,
                                glyph_get(GLYPH_VLINE_DASH, g->caps.ascii), st);
    }
}

/* The band around mean y with spread sd: ±sd, or ×/÷ exp(sd / y) on a log axis; clipped
 * to the metric's range and widened to contain y. */
static void plot_lines_band_ends(const plot_lines_model *m, double y, double sd, double *lo,
                                 double *hi)
{
    if (m->y_log && y > 0) {
        const double f = exp(sd / y);
        *lo = y / f, *hi = y * f;
    } else {
        *lo = y - sd, *hi = y + sd;
    }
    if (isfinite(m->band_lo) && *lo < m->band_lo)
        *lo = m->band_lo;
    if (isfinite(m->band_hi) && *hi > m->band_hi)
        *hi = m->band_hi;
    *lo = *lo < y ? *lo : y;
    *hi = *hi > y ? *hi : y;
}

plot_lines_series plot_lines_series_make(const char *name, int color, size_t n, const double *x,
                                         const double *y)
{
    return (plot_lines_series){name, color, n, x, y, NULL, NAN, false, false, 0};
}

/* Counts of points that cannot be drawn, and the extremes of those that can. */
typedef struct {
    size_t nonfinite, inf, nonpos;
    double xmin, xmax, ymin, ymax;
    double nan_x[3]; /* the first distinct x of points whose y is not finite */
    size_t n_nan_x;
} plot_lines_stats;

static bool plot_lines_ok(const plot_lines_model *m, double x, double y)
{
    return isfinite(x) && isfinite(y) && !(m->x_log && x <= 0) && !(m->y_log && y <= 0);
}

/* Widen [*lo, *hi] to include v when it is drawable on the axis. */
static void plot_lines_extend(double v, bool log, double *lo, double *hi)
{
    if (!isfinite(v) || (log && v <= 0))
        return;
    if (isnan(*lo) || v < *lo)
        *lo = v;
    if (isnan(*hi) || v > *hi)
        *hi = v;
}

/* Remember x (when finite and new) among the first x of points that are gaps. */
static void plot_lines_note_x(plot_lines_stats *st, double x)
{
    if (!isfinite(x))
        return;
    for (size_t j = 0; j < st->n_nan_x; j++)
        if (st->nan_x[j] == x)
            return;
    if (st->n_nan_x < sizeof st->nan_x / sizeof st->nan_x[0])
        st->nan_x[st->n_nan_x++] = x;
}

/* Which points are gaps: " at x = 2000, 8000" after the count (issue 13, point 15). */
static void plot_lines_warn_where(const plot_lines_stats *st, char *warn, size_t len)
{
    size_t k = strlen(warn);
    for (size_t j = 0; j < st->n_nan_x && k < len; j++)
        k += (size_t)snprintf(warn + k, len - k, "%s%g", j ? ", " : " at x = ", st->nan_x[j]);
    if (st->n_nan_x && st->nonfinite > st->n_nan_x && k < len)
        snprintf(warn + k, len - k, ", …");
}

static void plot_lines_scan(const plot_lines_model *m, plot_lines_stats *st)
{
    memset(st, 0, sizeof *st);
    st->xmin = st->xmax = st->ymin = st->ymax = NAN;
    for (size_t s = 0; s < m->n_series; s++) {
        const plot_lines_series *se = &m->series[s];
        for (size_t i = 0; i < se->n; i++) {
            const double x = se->x[i], y = se->y[i];
            if (!isfinite(x) || !isfinite(y)) {
                st->nonfinite++;
                st->inf += isinf(x) || isinf(y);
                plot_lines_note_x(st, x);
                continue;
            }
            if (!plot_lines_ok(m, x, y)) {
                st->nonpos++;
                continue;
            }
            plot_lines_extend(x, m->x_log, &st->xmin, &st->xmax);
            plot_lines_extend(y, m->y_log, &st->ymin, &st->ymax);
            if (se->std && isfinite(se->std[i])) {
                double lo, hi;
                plot_lines_band_ends(m, y, se->std[i], &lo, &hi);
                plot_lines_extend(lo, m->y_log, &st->ymin, &st->ymax);
                plot_lines_extend(hi, m->y_log, &st->ymin, &st->ymax);
            }
        }
    }
}

/* Fraction of a band end on the y axis; an end <= 0 on a log axis is the bottom. */
static double plot_lines_band_frac(const axis_scale *ys, double v)
{
    if (ys->log && v <= 0)
        return -1;
    return axis_frac(ys, v);
}

/* Shade cell column col between band fractions lo and hi. 256 colours: a background
 * tint, with lower-eighth blocks (upper half block) where the band's top (bottom) edge
 * cuts a cell, doubling the vertical resolution of the edges. Other modes, where a dark
 * tint does not exist: a dim '·' in every cell the band covers; lines drawn later
 * replace it, so the band reads as a dotted area behind them. */
static void plot_lines_band_column(const axis_frame *f, grid *g, int col, double lo, double hi,
                                   double mean, int color)
{
    const double top = axis_dot_y(f, hi) - 0.5, bot = axis_dot_y(f, lo) + 0.5;
    /* The cell of the mean is tinted whole: its line replaces any glyph there, and a
     * band drawn with a partial block would vanish under it, or seem to float beside. */
    const int mean_row = (int)floor(axis_dot_y(f, mean) / 4);
    if (g->caps.colors != GRID_COLORS_256) {
        for (int row = 0; row < f->plot.h; row++) {
            const double centre = 4 * row + 1.5;
            if (centre >= top && centre <= bot)
                grid_put(g, f->plot.x + col, f->plot.y + row,
                         glyph_get(GLYPH_MIDDOT, g->caps.ascii),
                         grid_style_make(color, GRID_COLOR_DEFAULT, GRID_ATTR_DIM));
        }
        return;
    }
    const int x = f->plot.x + col;
    for (int row = 0; row < f->plot.h; row++) {
        const double a = top > 4 * row ? top : 4 * row;
        const double b = bot < 4 * row + 4 ? bot : 4 * row + 4;
        const double cover = (b - a) / 4;
        if (cover <= 0)
            continue;
        if (cover > 0.9 || row == mean_row) {
            grid_put_bg(g, x, f->plot.y + row, color);
        } else if (b >= 4 * row + 4 - 0.1) {
            const int k = (int)lround(cover * 8);
            if (k > 0)
                grid_put(g, x, f->plot.y + row, glyph_eighth(k, false),
                         grid_style_make(color, GRID_COLOR_DEFAULT, 0));
        } else if (cover >= 0.375) {
            grid_put(g, x, f->plot.y + row, glyph_get(GLYPH_UPPER_HALF, false),
                     grid_style_make(color, GRID_COLOR_DEFAULT, 0));
        }
    }
}

static void plot_lines_band(const plot_lines_model *m, const plot_lines_series *se,
                            const axis_scale *xs, const axis_scale *ys, const axis_frame *f,
                            grid *g)
{
    const int tint = g->caps.colors == GRID_COLORS_256
                         ? palette_shade(se->color, plot_lines_band_shade)
                         : se->color;
    for (size_t i = 0; i + 1 < se->n; i++) {
        const double x0 = se->x[i], x1 = se->x[i + 1];
        const double y0 = se->y[i], y1 = se->y[i + 1];
        if (!plot_lines_ok(m, x0, y0) || !plot_lines_ok(m, x1, y1) || !isfinite(se->std[i]) ||
            !isfinite(se->std[i + 1]))
            continue;
        const double a = axis_dot_x(f, axis_frac(xs, x0)), b = axis_dot_x(f, axis_frac(xs, x1));
        double e0[2], e1[2];
        plot_lines_band_ends(m, y0, se->std[i], &e0[0], &e0[1]);
        plot_lines_band_ends(m, y1, se->std[i + 1], &e1[0], &e1[1]);
        const double l0 = plot_lines_band_frac(ys, e0[0]), h0 = axis_frac(ys, e0[1]);
        const double l1 = plot_lines_band_frac(ys, e1[0]), h1 = axis_frac(ys, e1[1]);
        const double m0 = axis_frac(ys, y0), m1 = axis_frac(ys, y1);
        const double lo = a < b ? a : b, hi = a < b ? b : a;
        /* Cells whose centre dot (2c + 0.5) lies in [lo, hi], interpolating the band
         * ends linearly in axis space between the two points. */
        for (int c = (int)ceil((lo - 0.5) / 2); c <= (int)floor((hi - 0.5) / 2); c++) {
            if (c < 0 || c >= f->plot.w)
                continue;
            const double t = hi > lo ? (2 * c + 0.5 - a) / (b - a) : 0;
            plot_lines_band_column(f, g, c, l0 + t * (l1 - l0), h0 + t * (h1 - h0),
                                   m0 + t * (m1 - m0), tint);
        }
    }
}

/* The reference line in cells: a ╌ every other column on the power law through twice
 * the anchor, put only where no data is drawn (blank or band cells). */
static void plot_lines_ref(const plot_lines_model *m, const axis_scale *xs, const axis_scale *ys,
                           const axis_frame *f, grid *g)
{
    if (!isfinite(m->ref_slope) || !(m->ref_x > 0) || !(m->ref_y > 0))
        return;
    const grid_style st = grid_style_make(PALETTE_REF, GRID_COLOR_DEFAULT, 0);
    const uint32_t dot = glyph_get(GLYPH_MIDDOT, g->caps.ascii);
    const double last = f->plot.w > 1 ? f->plot.w - 1 : 1;
    for (int c = 0; c < f->plot.w; c += 2) {
        const double x = axis_value(xs, c / last);
        const double fy = axis_frac(ys, 2 * m->ref_y * pow(x / m->ref_x, m->ref_slope));
        if (!isfinite(fy) || fy < 0 || fy > 1)
            continue;
        const int row = (int)floor(axis_dot_y(f, fy) / 4);
        if (row < 0 || row >= f->plot.h)
            continue;
        const grid_cell *cell = grid_get(g, f->plot.x + c, f->plot.y + row);
        if (cell && (cell->ch == ' ' || cell->ch == dot))
            plot_lines_put_over(g, f->plot.x + c, f->plot.y + row,
                                glyph_get(GLYPH_HLINE_DASH, g->caps.ascii), st);
    }
}

/* The marker glyph of series s: its place among the marked line series of m. */
static glyph_id plot_lines_mark(const plot_lines_model *m, size_t s)
{
    static const glyph_id marks[] = {GLYPH_MARK_DOT,     GLYPH_MARK_X,    GLYPH_MARK_PLUS,
                                     GLYPH_MARK_DIAMOND, GLYPH_MARK_STAR, GLYPH_MARK_SQUARE,
                                     GLYPH_MARK_TRI};
    size_t k = 0;
    for (size_t i = 0; i < s; i++)
        k += m->series[i].markers && !m->series[i].points_only;
    return marks[k % (sizeof marks / sizeof marks[0])];
}

/* Whether point i of series s gets a marker: every point, or with mark_n = k the point
 * nearest each of k x positions at fractions (j + (place + 1) / (marked + 1)) / k of the
 * axis, where place is s's rank among the marked series: staggered, so that no two
 * series put their markers in one column. */
static bool plot_lines_marked(const plot_lines_model *m, const axis_scale *xs, size_t s, size_t i)
{
    const plot_lines_series *se = &m->series[s];
    if (se->mark_n == 0)
        return true;
    size_t place = 0, marked = 0;
    for (size_t t = 0; t < m->n_series; t++)
        if (m->series[t].markers && !m->series[t].points_only) {
            place += t < s;
            marked++;
        }
    const double u = axis_frac(xs, se->x[i]);
    const double k = (double)se->mark_n;
    const double off = ((double)place + 1) / ((double)marked + 1);
    const double j = floor(u * k - off + 0.5); /* the nearest target */
    if (j < 0 || j >= k)
        return false;
    const double target = (j + off) / k;
    /* i is the point nearest the target: no finite neighbour is nearer */
    for (int d = -1; d <= 1; d += 2) {
        const long nb = (long)i + d;
        if (nb < 0 || nb >= (long)se->n || !plot_lines_ok(m, se->x[nb], se->y[nb]))
            continue;
        const double v = axis_frac(xs, se->x[nb]);
        if (fabs(v - target) < fabs(u - target) || (fabs(v - target) == fabs(u - target) && d < 0))
            return false;
    }
    return fabs(u - target) * k < 0.5;
}

/* Point markers of the marked line series, as cell glyphs over the lines; the first
 * series is drawn last, on top. */
static void plot_lines_marks(const plot_lines_model *m, const axis_scale *xs, const axis_scale *ys,
                             const axis_frame *f, grid *g)
{
    for (size_t s = m->n_series; s-- > 0;) {
        const plot_lines_series *se = &m->series[s];
        if (!se->markers || se->points_only)
            continue;
        const uint32_t ch = glyph_get(plot_lines_mark(m, s), g->caps.ascii);
        const grid_style st = grid_style_make(se->color, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
        for (size_t i = 0; i < se->n; i++) {
            if (!plot_lines_ok(m, se->x[i], se->y[i]) || !plot_lines_marked(m, xs, s, i))
                continue;
            /* the dot the line passes through, rounded as the line rounds it */
            const int dx = canvas_round(axis_dot_x(f, axis_frac(xs, se->x[i])));
            const int dy = canvas_round(axis_dot_y(f, axis_frac(ys, se->y[i])));
            const int c = dx >= 0 ? dx / 2 : -1, row = dy >= 0 ? dy / 4 : -1;
            if (c >= 0 && c < f->plot.w && row >= 0 && row < f->plot.h)
                plot_lines_put_over(g, f->plot.x + c, f->plot.y + row, ch, st);
        }
    }
}

static void plot_lines_series_draw(const plot_lines_model *m, const plot_lines_series *se,
                                   const axis_scale *xs, const axis_scale *ys, const axis_frame *f,
                                   canvas *cv)
{
    int px = 0, py = 0;
    bool prev = false;
    for (size_t i = 0; i < se->n; i++) {
        if (!plot_lines_ok(m, se->x[i], se->y[i])) {
            prev = false;
            continue;
        }
        const int dx = canvas_round(axis_dot_x(f, axis_frac(xs, se->x[i])));
        const int dy = canvas_round(axis_dot_y(f, axis_frac(ys, se->y[i])));
        const bool next = i + 1 < se->n && plot_lines_ok(m, se->x[i + 1], se->y[i + 1]);
        if (se->points_only)
            canvas_points(cv, &dx, &dy, 1, se->color, se->markers);
        else if (prev)
            canvas_line(cv, px, py, dx, dy, se->color, 0);
        if (!se->points_only && !se->markers && !prev && !next) /* isolated: would vanish */
            canvas_points(cv, &dx, &dy, 1, se->color, 1);
        px = dx, py = dy, prev = true;
    }
}

/* Draw every series into cv. A text cell shows one colour, so where several series pass
 * through one cell the last drawn would own it everywhere and a line lying on another
 * (teacher-laplace: ge under l2) would show only its markers (issue 13, point 9). Each
 * series is drawn into a scratch canvas first; a cell shared by k series takes the colour
 * of the (column mod k)-th of them, so coinciding lines alternate colour cell by cell and
 * each stays visible along its whole length. The dots are the union of all series. */
static rs_status plot_lines_all_series(const plot_lines_model *m, const axis_scale *xs,
                                       const axis_scale *ys, const axis_frame *f, canvas *cv)
{
    const size_t cells = (size_t)cv->w * (size_t)cv->h;
    canvas *one = canvas_alloc(cv->w, cv->h);
    uint8_t *count = calloc(cells ? cells : 1, 2);
    if (!one || !count) {
        canvas_free(one);
        free(count);
        return RS_ENOMEM;
    }
    uint8_t *seen = count + cells;
    for (int pass = 0; pass < 2; pass++)
        for (size_t s = 0; s < m->n_series; s++) {
            memset(one->dots, 0, cells);
            plot_lines_series_draw(m, &m->series[s], xs, ys, f, one);
            for (size_t i = 0; i < cells; i++) {
                if (!one->dots[i])
                    continue;
                if (pass == 0) {
                    count[i] += count[i] < UINT8_MAX;
                    continue;
                }
                const size_t k = count[i] ? count[i] : 1, col = i % (size_t)cv->w;
                if (seen[i]++ == col % k)
                    cv->colors[i] = one->colors[i];
                cv->dots[i] |= one->dots[i];
            }
        }
    canvas_free(one);
    free(count);
    return RS_OK;
}

/* Legend entries (with slopes) for the series and the reference line; returns count. */
static size_t plot_lines_legend(const plot_lines_model *m, bool mono, bool cursor_on,
                                legend_entry *e, char (*text)[PLOT_LINES_TEXT_LEN])
{
    size_t n = 0;
    for (size_t s = 0; s < m->n_series && n < PLOT_LINES_LEGEND_MAX; s++) {
        const plot_lines_series *se = &m->series[s];
        if (!se->name || !*se->name)
            continue;
        if (isfinite(se->slope))
            snprintf(text[n], PLOT_LINES_TEXT_LEN, "%s  slope %.2f", se->name, se->slope);
        else
            snprintf(text[n], PLOT_LINES_TEXT_LEN, "%s", se->name);
        e[n] = se->points_only
                   ? (legend_entry){.swatch = GLYPH_MARK_DOT,
                                    .color = se->color,
                                    .text = text[n],
                                    .once = true}
                   : (legend_entry){GLYPH_HLINE_BOLD,     se->color, text[n], false, se->markers,
                                    plot_lines_mark(m, s)};
        n++;
    }
    bool band = false;
    for (size_t s = 0; s < m->n_series; s++)
        band |= m->series[s].std != NULL && m->series[s].n > 0;
    if (band) /* which band is drawn: the reader cannot tell ±sd from ×/÷ otherwise */
        e[n++] = (legend_entry){.swatch = mono ? GLYPH_MIDDOT : GLYPH_SHADE,
                                .color = PALETTE_AXIS,
                                .text = m->y_log ? "geometric sd band" : "sd band"};
    if (m->x_cursor_label && *m->x_cursor_label && cursor_on)
        e[n++] = (legend_entry){.swatch = GLYPH_VLINE_DASH,
                                .color = PALETTE_ACCENT,
                                .text = m->x_cursor_label,
                                .once = true};
    if (m->ref_label && *m->ref_label && isfinite(m->ref_slope))
        e[n++] = (legend_entry){
            .swatch = GLYPH_HLINE_DASH, .color = PALETTE_REF, .text = m->ref_label, .once = false};
    return n;
}

/* Validate the model and fix both scales; on failure write the reason into why. */
static rs_status plot_lines_scales(const plot_lines_model *m, axis_scale *xs, axis_scale *ys,
                                   plot_lines_stats *st, char *why, size_t len)
{
    for (size_t s = 0; s < m->n_series; s++)
        if (m->series[s].n > 0 && (!m->series[s].x || !m->series[s].y)) {
            snprintf(why, len, "series %zu has no data arrays", s);
            return RS_EINVAL;
        }
    plot_lines_scan(m, st);
    xs->log = m->x_log, ys->log = m->y_log;
    /* No padding on x: sweeps start and end at their first and last value. */
    if (!axis_scale_auto(xs, st->xmin, st->xmax, m->x_lo, m->x_hi, 0) ||
        !axis_scale_auto(ys, st->ymin, st->ymax, m->y_lo, m->y_hi, 0.05)) {
        snprintf(why, len, "unusable fixed range");
        return RS_EINVAL;
    }
    return RS_OK;
}

/* Record the data area for the mouse (issue 17, point 3). */
static void plot_lines_pick(const plot_lines_model *m, const axis_frame *f, const axis_scale *xs,
                            const axis_scale *ys, grid *g)
{
    static grid_pick pick; /* main thread only; large */
    memset(&pick, 0, offsetof(grid_pick, z));
    pick.area = f->plot;
    pick.x_lo = xs->lo, pick.x_hi = xs->hi, pick.x_log = xs->log;
    pick.y_lo = ys->lo, pick.y_hi = ys->hi, pick.y_log = ys->log;
    grid_pick_name(&pick, m->y_title);
    grid_pick_add(g, &pick);
}

/* Body of the public draw; the grid is already clipped to r. */
static rs_status plot_lines_draw_in(const plot_lines_model *m, grid_rect r, grid *g)
{
    r = grid_rect_clip(r, (grid_rect){0, 0, g->w, g->h});
    grid_fill(g, r, ' ', grid_style_default());
    const int top = plot_title_draw(m->title, r, g);
    axis_scale xs, ys;
    plot_lines_stats st;
    char why[64];
    const rs_status status = plot_lines_scales(m, &xs, &ys, &st, why, sizeof why);
    if (status != RS_OK) {
        plot_message_draw(why, (grid_rect){r.x, r.y + top, r.w, r.h - top}, g);
        return status;
    }
    legend_entry entries[PLOT_LINES_LEGEND_MAX + 3];
    char texts[PLOT_LINES_LEGEND_MAX][PLOT_LINES_TEXT_LEN];
    const double tc = isfinite(m->x_cursor) ? axis_frac(&xs, m->x_cursor) : NAN;
    const size_t n_leg =
        plot_lines_legend(m, g->caps.colors != GRID_COLORS_256, tc >= 0 && tc <= 1, entries, texts);
    const int ytw = m->y_title ? grid_text_width(m->y_title) : 0;
    /* The y title shares the first legend row when both fit side by side. */
    int leg_rows = legend_rows(entries, n_leg, r.w - (ytw ? ytw + 3 : 0));
    if (ytw && leg_rows != 1)
        leg_rows = 1 + legend_rows(entries, n_leg, r.w);
    const int head = leg_rows > 0 ? leg_rows : (ytw ? 1 : 0);
    char warn[PLOT_LINES_TEXT_LEN];
    plot_warn_format(warn, sizeof warn, st.nonfinite, st.inf, 0, "point");
    plot_lines_warn_where(&st, warn, sizeof warn);
    if (st.nonpos) {
        const size_t k = strlen(warn);
        plot_warn_format(warn + k + (k ? 2 : 0), sizeof warn - k - 2, 0, 0, st.nonpos, "point");
        if (k)
            warn[k] = ',', warn[k + 1] = ' ';
    }
    const bool foot = (m->x_title && *m->x_title) || warn[0];

    axis_frame f;
    axis_frame_layout(&f, &xs, &ys, (grid_rect){r.x, r.y + top + head, r.w, r.h - top - head},
                      foot);
    canvas *cv = canvas_alloc(f.plot.w, f.plot.h);
    if (!cv)
        return RS_ENOMEM;
    for (size_t s = m->n_series; s-- > 0;)
        if (m->series[s].std)
            plot_lines_band(m, &m->series[s], &xs, &ys, &f, g);
    const rs_status drawn = plot_lines_all_series(m, &xs, &ys, &f, cv);
    if (drawn != RS_OK) {
        canvas_free(cv);
        return drawn;
    }
    canvas_draw(cv, f.plot, g, 0);
    canvas_free(cv);
    plot_lines_ref(m, &xs, &ys, &f, g);
    plot_lines_cursor(m, &xs, &f, g);
    plot_lines_marks(m, &xs, &ys, &f, g);

    axis_frame_draw(&f, &xs, &ys, NULL, g);
    plot_lines_pick(m, &f, &xs, &ys, g);
    plot_footer_draw(warn, m->x_title, f.title_y, r, f.plot.x, f.plot.w, g);
    const grid_style lab = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    if (ytw)
        grid_puts(g, r.x, r.y + top, m->y_title, r.w, lab);
    const int lx = (ytw && leg_rows == 1) ? ytw + 3 : 0, ly = (ytw && lx == 0) ? 1 : 0;
    legend_draw(entries, n_leg, (grid_rect){r.x + lx, r.y + top + ly, r.w - lx, head - ly}, g);
    return RS_OK;
}

rs_status plot_lines_draw(const plot_lines_model *m, grid_rect r, grid *g)
{
    const grid_rect saved = grid_clip_push(g, r);
    const rs_status st = plot_lines_draw_in(m, r, g);
    grid_clip_restore(g, saved);
    return st;
}
