/* plot_hist.c — histogram with a zero atom and a density curve (see plot_hist.h). */
#include "plot_hist.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "axis.h"
#include "canvas.h"
#include "glyph.h"
#include "legend.h"
#include "palette.h"
#include "plot.h"

enum {
    HIST_ATOM_BAR_W = 4, /* columns of the zero-mass bar */
    HIST_ATOM_GAP = 3,   /* columns between the atom block and the y labels */
    HIST_TEXT_LEN = 96
};

void plot_hist_init(plot_hist_model *m)
{
    memset(m, 0, sizeof *m);
    m->zero_mass = NAN;
    m->x_lo = m->x_hi = m->y_hi = NAN;
    m->bar_color = 67; /* #5f87af steel blue: calm under a bright curve */
    m->curve_color = PALETTE_WHITE;
    m->zero_color = 208; /* orange, apart from the bars' hue */
}

/* Check the model; on failure write the reason into why. */
static rs_status hist_check(const plot_hist_model *m, char *why, size_t len)
{
    if (m->n_bins && (!m->edges || !m->density)) {
        snprintf(why, len, "bins without edges or densities");
        return RS_EINVAL;
    }
    for (size_t i = 0; i < m->n_bins; i++)
        if (!(m->edges[i] < m->edges[i + 1])) {
            snprintf(why, len, "bin edges must increase (edge %zu)", i);
            return RS_EINVAL;
        }
    if (m->n_curve && (!m->curve_x || !m->curve_y)) {
        snprintf(why, len, "curve without data arrays");
        return RS_EINVAL;
    }
    if (!isnan(m->zero_mass) && !(m->zero_mass >= 0 && m->zero_mass <= 1)) {
        snprintf(why, len, "zero mass outside [0, 1]");
        return RS_EINVAL;
    }
    return RS_OK;
}

/* Scales from the data, and the count of non-finite densities and curve points. */
static bool hist_scales(const plot_hist_model *m, axis_scale *xs, axis_scale *ys, size_t *bad,
                        size_t *inf)
{
    double xlo = NAN, xhi = NAN, yhi = NAN;
    *bad = *inf = 0;
    if (m->n_bins)
        xlo = m->edges[0], xhi = m->edges[m->n_bins];
    for (size_t i = 0; i < m->n_bins; i++) {
        if (!isfinite(m->density[i])) {
            (*bad)++, *inf += isinf(m->density[i]) != 0;
            continue;
        }
        yhi = isnan(yhi) || m->density[i] > yhi ? m->density[i] : yhi;
    }
    for (size_t i = 0; i < m->n_curve; i++) {
        const double x = m->curve_x[i], y = m->curve_y[i];
        if (!isfinite(x) || !isfinite(y)) {
            (*bad)++, *inf += isinf(x) || isinf(y);
            continue;
        }
        xlo = isnan(xlo) || x < xlo ? x : xlo;
        xhi = isnan(xhi) || x > xhi ? x : xhi;
        yhi = isnan(yhi) || y > yhi ? y : yhi;
    }
    xs->log = ys->log = false;
    return axis_scale_auto(xs, xlo, xhi, m->x_lo, m->x_hi, 0) &&
           axis_scale_auto(ys, 0, isnan(yhi) ? 1 : yhi, 0, m->y_hi, 0.05);
}

/* Bin holding x, or -1. */
static long hist_bin(const plot_hist_model *m, double x)
{
    if (m->n_bins == 0 || x < m->edges[0] || x >= m->edges[m->n_bins])
        return -1;
    size_t lo = 0, hi = m->n_bins; /* edges[lo] <= x < edges[hi] */
    while (hi - lo > 1) {
        const size_t mid = (lo + hi) / 2;
        if (m->edges[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return (long)lo;
}

/* A vertical bar of `eighths` eighth-rows standing on the row above base_y at column
 * x: full cells are full blocks in the bar colour on the bar colour (so a curve drawn
 * over them keeps the bar behind it, and text sinks still show the bar), the top cell
 * an eighth block. */
static void hist_bar(grid *g, int x, int base_y, int rows, long eighths, int color)
{
    for (int k = 0; k < rows && eighths > 0; k++, eighths -= 8) {
        const int y = base_y - 1 - k;
        if (eighths >= 8)
            grid_put(g, x, y, glyph_get(GLYPH_FULL, g->caps.ascii),
                     grid_style_make(color, color, 0));
        else
            grid_put(g, x, y, glyph_eighth((int)eighths, g->caps.ascii),
                     grid_style_make(color, GRID_COLOR_DEFAULT, 0));
    }
}

static void hist_bars(const plot_hist_model *m, const axis_scale *xs, const axis_scale *ys,
                      const axis_frame *f, grid *g)
{
    for (int c = 0; c < f->plot.w; c++) {
        /* The column's centre dot (2c + 0.5) picks the bin. */
        const double x = axis_value(xs, (2 * c + 0.5) / (2.0 * f->plot.w - 1));
        const long b = hist_bin(m, x);
        if (b < 0 || !isfinite(m->density[b]))
            continue;
        const double fy = axis_frac(ys, m->density[b]);
        const long e8 = lround((fy > 1 ? 1 : fy) * f->plot.h * 8);
        hist_bar(g, f->plot.x + c, f->axis_y, f->plot.h, e8, m->bar_color);
    }
}

/* Eighths of a cell the bar glyph ch fills (8 for a full block), or 0 for no bar. */
static int hist_bar_eighths(uint32_t ch, bool ascii)
{
    if (ch == glyph_get(GLYPH_FULL, ascii))
        return 8;
    for (int k = 1; k < 8 && !ascii; k++)
        if (ch == glyph_eighth(k, ascii))
            return k;
    return 0;
}

/* Without colours a cell shows one glyph, so where the curve passes through a bar the
 * bar would vanish under the curve's braille (relu-data, quadratic data: issue 13, point
 * 9). There the cell's dots become the bar's filled dot rows XOR the curve's dots: the
 * bar stays a dense block and the curve shows as its gap in it (what reverse video shows
 * on a terminal, and the .txt sink keeps), or as dots above a low bar's top. */
static void hist_mono_merge(canvas *cv, const axis_frame *f, const grid *g)
{
    for (int y = 0; y < f->plot.h && y < cv->h; y++)
        for (int x = 0; x < f->plot.w && x < cv->w; x++) {
            const size_t i = (size_t)y * (size_t)cv->w + (size_t)x;
            const grid_cell *c = grid_get(g, f->plot.x + x, f->plot.y + y);
            const int e8 = c && cv->dots[i] ? hist_bar_eighths(c->ch, g->caps.ascii) : 0;
            if (e8 == 0)
                continue;
            uint8_t bar = 0;
            for (int row = 3; row >= 4 - (e8 + 1) / 2; row--)
                bar |= (uint8_t)(glyph_braille_bit(0, row) | glyph_braille_bit(1, row));
            const uint8_t merged = bar ^ cv->dots[i];
            cv->dots[i] = merged ? merged : bar; /* never an empty cell where a bar stands */
        }
}

static rs_status hist_curve(const plot_hist_model *m, const axis_scale *xs, const axis_scale *ys,
                            const axis_frame *f, grid *g)
{
    if (!m->n_curve)
        return RS_OK;
    canvas *cv = canvas_alloc(f->plot.w, f->plot.h);
    if (!cv)
        return RS_ENOMEM;
    int px = 0, py = 0;
    bool prev = false;
    for (size_t i = 0; i < m->n_curve; i++) {
        const double fx = axis_frac(xs, m->curve_x[i]), fy = axis_frac(ys, m->curve_y[i]);
        if (!isfinite(fx) || !isfinite(fy)) {
            prev = false;
            continue;
        }
        const int dx = canvas_round(axis_dot_x(f, fx)), dy = canvas_round(axis_dot_y(f, fy));
        if (prev)
            canvas_line(cv, px, py, dx, dy, m->curve_color, 0);
        else
            canvas_set(cv, dx, dy, m->curve_color);
        px = dx, py = dy, prev = true;
    }
    const bool mono = g->caps.colors == GRID_COLORS_MONO;
    /* In colour the top cell of a bar is an eighth block, which the curve's glyph
     * replaces where it passes (and it passes there: it fits the bars): the cell keeps
     * the bar as its background instead, so the bar stays under the curve. */
    for (int y = 0; !mono && !g->caps.ascii && y < f->plot.h; y++)
        for (int x = 0; x < f->plot.w; x++) {
            const grid_cell *c = grid_get(g, f->plot.x + x, f->plot.y + y);
            if (cv->dots[(size_t)y * (size_t)cv->w + (size_t)x] && c->ch >= 0x2581 &&
                c->ch <= 0x2587)
                grid_put_bg(g, f->plot.x + x, f->plot.y + y, m->bar_color);
        }
    if (mono)
        hist_mono_merge(cv, f, g);
    canvas_draw(cv, f->plot, g, GRID_ATTR_BOLD);
    canvas_free(cv);
    return RS_OK;
}

/* The zero atom: a bar on a probability scale (full plot height = 1) at columns
 * [x, x + w), its baseline on the x axis row and its label under it. */
static void hist_atom(const plot_hist_model *m, const axis_frame *f, int x, int w,
                      const char *label, grid *g)
{
    const int bx = x + (w - HIST_ATOM_BAR_W) / 2;
    const long e8 = lround(m->zero_mass * f->plot.h * 8);
    for (int k = 0; k < HIST_ATOM_BAR_W; k++) {
        hist_bar(g, bx + k, f->axis_y, f->plot.h, e8, m->zero_color);
        grid_put(g, bx + k, f->axis_y, glyph_get(GLYPH_HLINE, g->caps.ascii),
                 grid_style_make(PALETTE_AXIS, GRID_COLOR_DEFAULT, 0));
    }
    const int lw = grid_text_width(label);
    grid_puts(g, x + (w - lw) / 2, f->axis_y + 1, label, w,
              grid_style_make(m->zero_color, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD));
}

static size_t hist_legend(const plot_hist_model *m, legend_entry *e)
{
    size_t n = 0;
    if (m->bars_label && m->n_bins)
        e[n++] = (legend_entry){
            .swatch = GLYPH_FULL, .color = m->bar_color, .text = m->bars_label, .once = false};
    if (m->curve_label && m->n_curve)
        e[n++] = (legend_entry){.swatch = GLYPH_HLINE_BOLD,
                                .color = m->curve_color,
                                .text = m->curve_label,
                                .once = false};
    return n;
}

/* Body of the public draw; the grid is already clipped to r. */
static rs_status plot_hist_draw_in(const plot_hist_model *m, grid_rect r, grid *g)
{
    r = grid_rect_clip(r, (grid_rect){0, 0, g->w, g->h});
    grid_fill(g, r, ' ', grid_style_default());
    const int top = plot_title_draw(m->title, r, g);
    char why[64], warn[HIST_TEXT_LEN], atom[32] = "";
    axis_scale xs, ys;
    size_t bad, inf;
    rs_status st = hist_check(m, why, sizeof why);
    if (st == RS_OK && !hist_scales(m, &xs, &ys, &bad, &inf)) {
        snprintf(why, sizeof why, "unusable fixed range");
        st = RS_EINVAL;
    }
    if (st != RS_OK) {
        plot_message_draw(why, (grid_rect){r.x, r.y + top, r.w, r.h - top}, g);
        return st;
    }
    plot_warn_format(warn, sizeof warn, bad, inf, 0, "value");
    legend_entry leg[2];
    const size_t n_leg = hist_legend(m, leg);
    const int ytw = grid_text_width(m->y_title);
    int head = legend_rows(leg, n_leg, r.w - (ytw ? ytw + 3 : 0));
    head = head > 1 ? head + (ytw ? 1 : 0) : (ytw || head ? 1 : 0);
    const bool two = ytw && head > 1; /* y title on its own row above the legend */

    int aw = 0; /* atom block width */
    if (!isnan(m->zero_mass)) {
        snprintf(atom, sizeof atom, "P(0)=%.2f", m->zero_mass);
        aw = grid_text_width(atom) + HIST_ATOM_GAP;
    }
    const bool foot = (m->x_title && *m->x_title) || warn[0];
    axis_frame f;
    axis_frame_layout(&f, &xs, &ys,
                      (grid_rect){r.x + aw, r.y + top + head, r.w - aw, r.h - top - head}, foot);
    if (f.plot.w < 1) {
        plot_message_draw("too small", (grid_rect){r.x, r.y + top, r.w, r.h - top}, g);
        return RS_OK;
    }
    hist_bars(m, &xs, &ys, &f, g);
    st = hist_curve(m, &xs, &ys, &f, g);
    axis_frame_draw(&f, &xs, &ys, NULL, g);
    if (aw)
        hist_atom(m, &f, r.x, aw - HIST_ATOM_GAP, atom, g);
    const grid_style lab = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    if (ytw)
        grid_puts(g, r.x, r.y + top, m->y_title, r.w, lab);
    const int lx = (ytw && !two) ? ytw + 3 : 0, ly = two ? 1 : 0;
    legend_draw(leg, n_leg, (grid_rect){r.x + lx, r.y + top + ly, r.w - lx, head - ly}, g);
    plot_footer_draw(warn, m->x_title, f.title_y, r, f.plot.x, f.plot.w, g);
    return st;
}

rs_status plot_hist_draw(const plot_hist_model *m, grid_rect r, grid *g)
{
    const grid_rect saved = grid_clip_push(g, r);
    const rs_status st = plot_hist_draw_in(m, r, g);
    grid_clip_restore(g, saved);
    return st;
}
