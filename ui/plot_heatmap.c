/* plot_heatmap.c — half-block and labelled heatmaps (see plot_heatmap.h). */
#include "plot_heatmap.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "axis.h"
#include "canvas.h"
#include "colorbar.h"
#include "legend.h"
#include "palette.h"
#include "plot.h"

enum {
    HM_LEGEND_MAX = 8, /* overlay legend entries: the path and distinct mark labels */
    HM_MIN_CELL_W = 5, /* narrowest labelled cell: "0.1" plus a column of air each side */
    HM_BAR_GAP = 2,    /* columns between the map and the colour bar */
    HM_EDGE_GAP = 1,   /* blank columns right of the bar's labels: a map beside this one
                        * never has its row labels touch them (issue 13, point 11) */
    HM_TEXT_LEN = 96,
    HM_MAX_DIM = 1 << 20
};

typedef struct {
    colorbar_scale cs;
    size_t nonfinite, inf;
    bool axes;          /* continuous x/y ranges with ticks */
    bool half;          /* two pixels per text row ('▀'); else one per text cell */
    bool labels;        /* whole-cell blocks with value labels */
    int cell_w, cell_h; /* block size in labels mode */
    grid_rect map;      /* text cells covered by data */
    int map_hp;         /* pixel rows of the map (2 per text row in half mode) */
    axis_scale xs, ys;  /* edges of the data in axes mode */
    axis_frame frame;
    grid_rect bar;
    int head_y, foot_y; /* header and footer rows, -1 when absent */
} hm_layout;

void plot_heatmap_init(plot_heatmap_model *m)
{
    memset(m, 0, sizeof *m);
    m->z_lo = m->z_hi = NAN;
    m->x_lo = m->x_hi = m->y_lo = m->y_hi = NAN;
    m->digits = -1;
    m->path_color = PALETTE_WHITE;
}

/* The colour scale from the data (or the model's fixed range). */
static rs_status hm_scale(const plot_heatmap_model *m, const grid *g, hm_layout *L)
{
    double lo = NAN, hi = NAN;
    const size_t n = m->rows * m->cols;
    for (size_t i = 0; i < n; i++) {
        const double z = m->z[i];
        if (!isfinite(z)) {
            L->nonfinite++;
            L->inf += isinf(z) != 0;
            continue;
        }
        lo = (isnan(lo) || z < lo) ? z : lo;
        hi = (isnan(hi) || z > hi) ? z : hi;
    }
    if (isnan(lo))
        lo = hi = 0;
    if (m->diverging) {
        /* Symmetric so that white means zero whatever the sign balance. */
        const double a = fmax(fabs(lo), fabs(hi));
        lo = -a, hi = a;
    }
    if (isfinite(m->z_lo))
        lo = m->z_lo;
    if (isfinite(m->z_hi))
        hi = m->z_hi;
    if (!(lo < hi) && !isfinite(m->z_lo) && !isfinite(m->z_hi)) {
        const double w = fmax(fabs(lo), 1) / 2; /* constant data: any visible range */
        lo -= w, hi += w;
    }
    L->cs = (colorbar_scale){
        lo, hi, m->diverging, m->digits, g->caps.colors == GRID_COLORS_8, m->z_log10};
    return lo < hi ? RS_OK : RS_EINVAL;
}

/* Widest value label of the data. */
static int hm_label_w(const plot_heatmap_model *m, const colorbar_scale *cs)
{
    int w = 0;
    char buf[COLORBAR_LABEL_LEN];
    for (size_t i = 0; i < m->rows * m->cols; i++) {
        colorbar_format(cs, m->z[i], buf, sizeof buf);
        w = (int)strlen(buf) > w ? (int)strlen(buf) : w;
    }
    return w;
}

/* Map size in matrix mode inside W x H cells (after the row-label gutter). */
static void hm_fit_matrix(const plot_heatmap_model *m, hm_layout *L, int W, int H)
{
    const int rows = (int)m->rows, cols = (int)m->cols;
    const int lw = m->labels ? hm_label_w(m, &L->cs) : 0;
    const int need = lw + 2 > HM_MIN_CELL_W ? lw + 2 : HM_MIN_CELL_W; /* air both sides */
    if (m->labels && W / cols >= need && H / rows >= 1) {
        int cw = W / cols, ch = H / rows;
        if (m->square) { /* a text cell is about twice as tall as wide: cw = 2 ch */
            if (ch > cw / 2)
                ch = cw / 2 > 1 ? cw / 2 : 1;
            const int want = 2 * ch > need ? 2 * ch : need;
            cw = cw < want ? cw : want;
        }
        L->labels = true, L->half = false;
        L->cell_w = cw, L->cell_h = ch;
        L->map.w = cols * cw, L->map.h = rows * ch, L->map_hp = L->map.h;
        return;
    }
    const int ppr = L->half ? 2 : 1, aw = L->half ? 1 : 2; /* pixel aspect: square */
    if (!m->square) {
        L->map.w = W, L->map_hp = H * ppr;
    } else {
        const double fw = (double)W / (cols * aw), fh = (double)H * ppr / rows;
        const double f = fw < fh ? fw : fh;
        /* Whole pixels per cell when that wastes at most a quarter of the room; else
         * the map scales to the panel (a 10 x 10 map in a 38 x 33 panel took 20 x 10
         * cells at one pixel per cell; issue 13, point 11). */
        const double s = f >= 1 && floor(f) >= 0.75 * f ? floor(f) : f;
        L->map.w = (int)floor(cols * aw * s), L->map_hp = (int)floor(rows * s);
    }
    L->map.h = (L->map_hp + ppr - 1) / ppr;
}

/* Overlay entries for the legend; returns the count. */
static size_t hm_legend(const plot_heatmap_model *m, legend_entry *e)
{
    size_t n = 0;
    if (m->path && m->n_path && m->path_label)
        e[n++] = (legend_entry){
            .swatch = GLYPH_HLINE, .color = m->path_color, .text = m->path_label, .once = false};
    for (size_t i = 0; i < m->n_marks && n < HM_LEGEND_MAX; i++) {
        const plot_heatmap_mark *k = &m->marks[i];
        bool seen = !k->label;
        for (size_t j = 0; j < n && !seen; j++)
            seen = strcmp(e[j].text, k->label) == 0;
        if (!seen)
            e[n++] = (legend_entry){.swatch = k->glyph,
                                    .color = k->color < 0 ? PALETTE_WHITE : k->color,
                                    .text = k->label,
                                    .once = true};
    }
    return n;
}

static bool hm_layout_make(const plot_heatmap_model *m, grid_rect r, int top, grid *g, int foot,
                           hm_layout *L)
{
    L->axes = isfinite(m->x_lo) && isfinite(m->x_hi) && m->x_lo < m->x_hi && isfinite(m->y_lo) &&
              isfinite(m->y_hi) && m->y_lo < m->y_hi;
    L->half = !g->caps.ascii && g->caps.colors != GRID_COLORS_MONO;
    const bool head = m->cbar_title || (L->axes ? m->y_title != NULL : m->col_labels != NULL);
    L->head_y = head ? r.y + top : -1;
    const int y0 = r.y + top + (head ? 1 : 0), h = r.h - top - (head ? 1 : 0) - foot;
    const int right = HM_BAR_GAP + colorbar_width(&L->cs) + HM_EDGE_GAP;
    L->foot_y = foot ? y0 + h : -1;
    if (L->axes) {
        /* Samples sit at a linspace; the map's edges lie half a step beyond them. */
        const double dx = m->cols > 1 ? (m->x_hi - m->x_lo) / (double)(m->cols - 1) : 0;
        const double dy = m->rows > 1 ? (m->y_hi - m->y_lo) / (double)(m->rows - 1) : 0;
        L->xs = (axis_scale){m->x_lo - dx / 2, m->x_hi + dx / 2, false};
        L->ys = (axis_scale){m->y_lo - dy / 2, m->y_hi + dy / 2, false};
        axis_frame_layout(&L->frame, &L->xs, &L->ys, (grid_rect){r.x, y0, r.w - right, h},
                          m->x_title != NULL);
        L->map = L->frame.plot;
        L->map_hp = L->map.h * (L->half ? 2 : 1);
    } else {
        int gutter = 0;
        for (size_t i = 0; m->row_labels && i < m->rows; i++) {
            const int w = grid_text_width(m->row_labels[i]) + 1;
            gutter = w > gutter ? w : gutter;
        }
        L->map.x = r.x + gutter, L->map.y = y0;
        if (r.w - gutter - right >= 1 && h >= 1)
            hm_fit_matrix(m, L, r.w - gutter - right, h);
        /* Centre labels, map and bar as one block: matrices side by side (truth,
         * estimate, difference) then sit in the middle of their panels. */
        const int spare = r.w - gutter - L->map.w - right;
        if (spare > 1)
            L->map.x += spare / 2;
    }
    L->bar = (grid_rect){L->map.x + L->map.w + HM_BAR_GAP, L->map.y,
                         right - HM_BAR_GAP - HM_EDGE_GAP, L->map.h};
    return L->map.w >= 1 && L->map.h >= 1 && L->map_hp >= 1;
}

/* Data value behind pixel (px, py) of the map. */
static double hm_sample(const plot_heatmap_model *m, const hm_layout *L, int px, int py)
{
    const size_t j = (size_t)((long)px * (long)m->cols / L->map.w);
    const size_t i = (size_t)((long)py * (long)m->rows / L->map_hp);
    return m->z[i * m->cols + j];
}

static void hm_draw_pixels(const plot_heatmap_model *m, const hm_layout *L, grid *g)
{
    const bool mono = g->caps.colors == GRID_COLORS_MONO;
    for (int row = 0; row < L->map.h; row++) {
        for (int px = 0; px < L->map.w; px++) {
            const int x = L->map.x + px, y = L->map.y + row;
            if (!L->half) {
                const double z = hm_sample(m, L, px, row);
                if (mono)
                    grid_put(g, x, y, (uint32_t)palette_ramp(colorbar_frac(&L->cs, z)),
                             grid_style_default());
                else
                    grid_put(g, x, y, isfinite(z) ? ' ' : '?',
                             grid_style_make(PALETTE_LABEL, colorbar_color(&L->cs, z), 0));
                continue;
            }
            const double up = hm_sample(m, L, px, 2 * row);
            const bool has_low = 2 * row + 1 < L->map_hp;
            const double lo = has_low ? hm_sample(m, L, px, 2 * row + 1) : NAN;
            if (!isfinite(up) && (!has_low || !isfinite(lo)))
                grid_put(g, x, y, '?', grid_style_make(PALETTE_LABEL, PALETTE_NAN, 0));
            else
                grid_put(g, x, y, glyph_get(GLYPH_UPPER_HALF, false),
                         grid_style_make(colorbar_color(&L->cs, up),
                                         has_low ? colorbar_color(&L->cs, lo) : GRID_COLOR_DEFAULT,
                                         0));
        }
    }
}

static void hm_draw_blocks(const plot_heatmap_model *m, const hm_layout *L, grid *g)
{
    const bool mono = g->caps.colors == GRID_COLORS_MONO;
    const int lw = hm_label_w(m, &L->cs); /* labels right-aligned: decimal points line up */
    for (size_t i = 0; i < m->rows; i++) {
        for (size_t j = 0; j < m->cols; j++) {
            const double z = m->z[i * m->cols + j];
            const int c = colorbar_color(&L->cs, z);
            const grid_rect b = {L->map.x + (int)j * L->cell_w, L->map.y + (int)i * L->cell_h,
                                 L->cell_w, L->cell_h};
            const char ramp = palette_ramp(colorbar_frac(&L->cs, z));
            grid_fill(g, b, mono ? (uint32_t)ramp : ' ', grid_style_make(GRID_COLOR_DEFAULT, c, 0));
            char buf[COLORBAR_LABEL_LEN];
            colorbar_format(&L->cs, z, buf, sizeof buf);
            const int w = (int)strlen(buf), lx = b.x + (b.w - lw) / 2 + lw - w;
            const int ly = b.y + (b.h - 1) / 2;
            if (mono) /* clear a margin so the number stands out of the ramp */
                grid_fill(g, (grid_rect){lx - 1, ly, w + 2, 1}, ' ', grid_style_default());
            grid_puts(g, lx, ly, buf, b.w, grid_style_make(palette_contrast(c), c, 0));
        }
    }
}

/* Map fractions (0 at the left and top edges) of data point (x, y). */
static void hm_point_frac(const plot_heatmap_model *m, const hm_layout *L, double x, double y,
                          double *fx, double *fy)
{
    if (L->axes) {
        *fx = (x - L->xs.lo) / (L->xs.hi - L->xs.lo);
        *fy = (L->ys.hi - y) / (L->ys.hi - L->ys.lo);
    } else {
        *fx = (x + 0.5) / (double)m->cols;
        *fy = (y + 0.5) / (double)m->rows;
    }
}

static rs_status hm_draw_overlays(const plot_heatmap_model *m, const hm_layout *L, grid *g)
{
    const int ppr = L->half ? 2 : 1; /* pixel rows per text row */
    const double dots_h = 4.0 * L->map_hp / ppr;
    if (m->path && m->n_path) {
        canvas *cv = canvas_alloc(L->map.w, L->map.h);
        if (!cv)
            return RS_ENOMEM;
        int px = 0, py = 0;
        bool prev = false;
        for (size_t i = 0; i < m->n_path; i++) {
            double fx, fy;
            hm_point_frac(m, L, m->path[i].x, m->path[i].y, &fx, &fy);
            if (!isfinite(fx) || !isfinite(fy)) {
                prev = false;
                continue;
            }
            const int dx = canvas_round(fx * 2 * L->map.w - 0.5);
            const int dy = canvas_round(fy * dots_h - 0.5);
            if (prev)
                canvas_line(cv, px, py, dx, dy, m->path_color, 0);
            else
                canvas_set(cv, dx, dy, m->path_color);
            px = dx, py = dy, prev = true;
        }
        canvas_draw(cv, L->map, g, GRID_ATTR_BOLD);
        canvas_free(cv);
    }
    for (size_t i = 0; i < m->n_marks; i++) {
        double fx, fy;
        hm_point_frac(m, L, m->marks[i].x, m->marks[i].y, &fx, &fy);
        if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1))
            continue;
        const int x = L->map.x + (int)fmin(fx * L->map.w, L->map.w - 1);
        const int y = L->map.y + (int)fmin(fy * L->map_hp / ppr, L->map.h - 1);
        const grid_cell *c = grid_get(g, x, y);
        const int bg = c && c->bg >= 0 ? c->bg : (c && c->fg >= 0 ? c->fg : PALETTE_NAN);
        const int fg = m->marks[i].color >= 0 ? m->marks[i].color : palette_contrast(bg);
        grid_put(g, x, y, glyph_get(m->marks[i].glyph, g->caps.ascii),
                 grid_style_make(fg, bg, GRID_ATTR_BOLD));
    }
    return RS_OK;
}

/* Row labels left of the map and column labels on the header row (matrix mode). */
static void hm_draw_index_labels(const plot_heatmap_model *m, const hm_layout *L, grid_rect r,
                                 grid *g)
{
    const grid_style lab = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    int last = -1;
    for (size_t i = 0; m->row_labels && i < m->rows; i++) {
        const double mid_px = ((double)i + 0.5) * L->map_hp / (double)m->rows;
        /* labelled blocks: on the row of the block's value label */
        const int y = L->labels ? L->map.y + (int)i * L->cell_h + (L->cell_h - 1) / 2
                                : L->map.y + (int)(mid_px / (L->half ? 2 : 1));
        const int w = grid_text_width(m->row_labels[i]);
        if (y == last)
            continue;
        grid_puts(g, L->map.x - 1 - w, y, m->row_labels[i], w, lab);
        last = y;
    }
    int end = r.x - 1;
    for (size_t j = 0; m->col_labels && L->head_y >= 0 && j < m->cols; j++) {
        const int w = grid_text_width(m->col_labels[j]);
        const int cx = L->map.x + (int)(((double)j + 0.5) * L->map.w / (double)m->cols);
        const int x = cx - (w - 1) / 2;
        if (x <= end || x + w > L->map.x + L->map.w + HM_BAR_GAP - 1)
            continue;
        grid_puts(g, x, L->head_y, m->col_labels[j], w, lab);
        end = x + w;
    }
}

static void hm_draw_frame(const plot_heatmap_model *m, const hm_layout *L, grid_rect r, grid *g)
{
    const grid_style lab = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    if (L->axes) {
        axis_frame_draw(&L->frame, &L->xs, &L->ys, m->x_title, g);
        if (m->y_title && L->head_y >= 0)
            grid_puts(g, r.x, L->head_y, m->y_title, L->bar.x - r.x - 1, lab);
    } else {
        hm_draw_index_labels(m, L, r, g);
    }
    colorbar_draw(&L->cs, L->bar, g);
    if (m->cbar_title && L->head_y >= 0)
        grid_puts(g, L->bar.x, L->head_y, m->cbar_title, r.x + r.w - L->bar.x, lab);
}

/* Body of the public draw; the grid is already clipped to r. */
/* Record the map and its values for the mouse (issue 17, point 3: a click reads a cell). */
static void hm_pick(const plot_heatmap_model *m, const hm_layout *L, grid *g)
{
    static grid_pick pick; /* main thread only; large */
    memset(&pick, 0, offsetof(grid_pick, z));
    pick.area = L->map;
    pick.x_lo = m->x_lo, pick.x_hi = m->x_hi, pick.y_lo = m->y_lo, pick.y_hi = m->y_hi;
    grid_pick_name(&pick, m->title);
    pick.rows = m->rows, pick.cols = m->cols;
    pick.has_z = m->rows * m->cols <= GRID_PICK_CELLS;
    for (size_t i = 0; pick.has_z && i < m->rows * m->cols; i++)
        pick.z[i] = (float)m->z[i];
    grid_pick_add(g, &pick);
}

static rs_status plot_heatmap_draw_in(const plot_heatmap_model *m, grid_rect r, grid *g)
{
    r = grid_rect_clip(r, (grid_rect){0, 0, g->w, g->h});
    grid_fill(g, r, ' ', grid_style_default());
    const int top = plot_title_draw(m->title, r, g);
    const grid_rect body = {r.x, r.y + top, r.w, r.h - top};
    hm_layout L;
    memset(&L, 0, sizeof L);
    /* Layout arithmetic is in int; beyond 2^20 rows or columns (far more than any
     * screen shows) the sizes are refused rather than risk overflow. */
    if (!m->z || m->rows == 0 || m->cols == 0 || m->rows > HM_MAX_DIM || m->cols > HM_MAX_DIM) {
        plot_message_draw("no data", body, g);
        return RS_EINVAL;
    }
    if (hm_scale(m, g, &L) != RS_OK) {
        plot_message_draw("unusable colour range", body, g);
        return RS_EINVAL;
    }
    legend_entry leg[HM_LEGEND_MAX];
    const size_t n_leg = hm_legend(m, leg);
    char warn[HM_TEXT_LEN];
    plot_warn_format(warn, sizeof warn, m->quiet_nan ? 0 : L.nonfinite, m->quiet_nan ? 0 : L.inf, 0,
                     "cell");
    const int warn_w = warn[0] ? grid_text_width(warn) + 4 : 0;
    const int foot = n_leg ? legend_rows(leg, n_leg, r.w - warn_w) : (warn[0] ? 1 : 0);
    if (!hm_layout_make(m, r, top, g, foot, &L)) {
        plot_message_draw("too small", body, g);
        return RS_OK;
    }
    if (L.labels)
        hm_draw_blocks(m, &L, g);
    else
        hm_draw_pixels(m, &L, g);
    const rs_status st = hm_draw_overlays(m, &L, g);
    hm_pick(m, &L, g);
    hm_draw_frame(m, &L, r, g);
    if (L.foot_y >= 0) {
        plot_warn_draw(warn, r.x, L.foot_y, r.w, g);
        legend_draw(leg, n_leg, (grid_rect){r.x + warn_w, L.foot_y, r.w - warn_w, foot}, g);
    }
    return st;
}

rs_status plot_heatmap_draw(const plot_heatmap_model *m, grid_rect r, grid *g)
{
    const grid_rect saved = grid_clip_push(g, r);
    const rs_status st = plot_heatmap_draw_in(m, r, g);
    grid_clip_restore(g, saved);
    return st;
}
