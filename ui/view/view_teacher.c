/* view_teacher.c — the views of the teacher network (Gao, Makkuva, Oh, Viswanath 2019, SPEC 5.3 and
 * 6): the learning curves of Figures 3-4 (e(A) of eq. 22 and each loss against the iteration,
 * streaming), and the dispatch to the angle, landscape, data and curve views. Reads
 * teacher_detail under its lock; computes nothing. */
#include "view.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>

#include "detail_teacher.h"
#include "palette.h"
#include "plot.h"
#include "plot_lines.h"
#include "view_teacher_internal.h"

enum { LEARN_MIN_W = 50, LEARN_MIN_H = 12, LOSS_MIN_W = 36 };

const char *view_teacher_loss_symbol(int method)
{
    switch (method) {
    case METHOD_L2:
        return "ℓ2 (eq. 17)";
    case METHOD_GE:
        return "G (Gaussian S4)";
    case METHOD_SCORE:
        return "L (true score)";
    case METHOD_LLSFE:
        return "L̂ (LLSFE S4)";
    default:
        return param_method_name(method);
    }
}

/* Rows of the largest square map a w x h tile holds: text cells are about twice as tall
 * as wide; about 12 columns go to row labels and the colour bar, 2 rows to the titles. */
static int tile_side(int w, int h)
{
    const int across = (w - 12) / 2, down = h - 2;
    return across < down ? across : down;
}

/* Tile j of n in layout k: 0 side by side, 1 2 x 2, 2 stacked. */
static grid_rect tile_of(grid_rect r, int k, int j, int n)
{
    if (k == 0)
        return (grid_rect){r.x + r.w * j / n, r.y, r.w * (j + 1) / n - r.w * j / n, r.h};
    if (k == 2)
        return (grid_rect){r.x, r.y + r.h * j / n, r.w, r.h * (j + 1) / n - r.h * j / n};
    const int cx = j % 2, cy = j / 2;
    return (grid_rect){r.x + r.w * cx / 2, r.y + r.h * cy / 2, r.w * (cx + 1) / 2 - r.w * cx / 2,
                       r.h * (cy + 1) / 2 - r.h * cy / 2};
}

size_t view_teacher_tiles(unsigned mask, int selected, grid_rect r, int min_w, int min_h,
                          int *methods, grid_rect *tiles)
{
    size_t c = 0;
    for (int m = 0; m < METHOD_COUNT && c < VT_TILES_MAX; m++)
        if (mask & (1u << m))
            methods[c++] = m;
    const int n = (int)c;
    /* The layout whose maps are largest (issue 13, point 11: three 10 x 10 maps side by
     * side used 6 of 33 rows; 2 x 2 gives each twice the rows). */
    int best = -1, best_side = 0;
    for (int k = 0; k < 3 && n > 1; k++) {
        if (k == 1 && n < 3)
            continue;
        const grid_rect t = tile_of(r, k, 0, n);
        const int side = tile_side(t.w, t.h);
        if (t.w >= min_w && t.h >= min_h && side > best_side) {
            best = k;
            best_side = side;
        }
    }
    if (best >= 0) {
        for (int j = 0; j < n; j++)
            tiles[j] = tile_of(r, best, j, n);
        return c;
    }
    methods[0] = selected;
    tiles[0] = r;
    return selected >= 0 ? 1 : 0;
}

/* The first method of a non-empty bit set. */
static int lowest_method(unsigned mask)
{
    int m = 0;
    while (m < METHOD_COUNT - 1 && !(mask & (1u << m)))
        m++;
    return m;
}

/* The curve points of loss m as doubles (iterations are size_t in the detail). */
typedef struct {
    double it[TEACHER_CURVE_MAX], y[TEACHER_CURVE_MAX];
} learn_xy;

/* The curves of the losses of mask in det into xy / s from *ns on: B's (or the only),
 * and A's of an A/B pair (a_pair) dim and always marked, so that A and B differ
 * without colour (issue 17, point 2). Widens [*lo, *hi]. */
static void learn_series(const teacher_detail *det, unsigned mask, int which, bool a_pair,
                         bool b_pair, learn_xy *xy, plot_lines_series *s, char names[][32],
                         size_t *ns, double *lo, double *hi)
{
    for (int m = 0; m < METHOD_COUNT && *ns < 2 * VT_TILES_MAX; m++) {
        if (!(mask & (1u << m)) || !(det->methods & (1u << m)))
            continue;
        const size_t len = det->curve_len[m], k = *ns;
        for (size_t j = 0; j < len; j++) {
            xy[k].it[j] = (double)det->curve_iter[m][j];
            xy[k].y[j] = which == 0 ? det->curve_e[m][j] : det->curve_loss[m][j];
            if (isfinite(xy[k].y[j]))
                *lo = fmin(*lo, xy[k].y[j]), *hi = fmax(*hi, xy[k].y[j]);
        }
        snprintf(names[k], 32, "%s%s", a_pair ? "A " : b_pair ? "B " : "", param_method_name(m));
        const int color = palette_series((size_t)m);
        s[k] = plot_lines_series_make(which == 0 || a_pair || b_pair ? names[k] : NULL,
                                      a_pair ? palette_shade(color, 0.55) : color, len, xy[k].it,
                                      xy[k].y);
        /* a few staggered markers: e(A) of ge and l2 often lie on one another (issue 13,
         * point 9), and without colour the glyphs tell the losses apart */
        s[k].markers = which == 0 || a_pair;
        s[k].mark_n = 6;
        (*ns)++;
    }
}

/* e(A) of every loss of mask (which = 0), or the loss value of the losses of mask (1);
 * with da (A of an A/B pair, locked by the caller) A's curves beside det's. */
static rs_status learn_panel(const teacher_detail *det, const teacher_detail *da,
                             const rs_params *p, unsigned mask, int which, grid_rect r, grid *g)
{
    static learn_xy xy[2 * VT_TILES_MAX]; /* main thread only; too large for the stack */
    static char names[2 * VT_TILES_MAX][32];
    plot_lines_series s[2 * VT_TILES_MAX];
    size_t ns = 0, last = 0;
    double lo = INFINITY, hi = -INFINITY;
    learn_series(det, mask, which, false, da != NULL, xy, s, names, &ns, &lo, &hi);
    for (int m = 0; m < METHOD_COUNT; m++)
        if ((mask & (1u << m)) && det->curve_len[m] &&
            det->curve_iter[m][det->curve_len[m] - 1] > last)
            last = det->curve_iter[m][det->curve_len[m] - 1];
    if (da)
        learn_series(da, mask, which, true, false, xy, s, names, &ns, &lo, &hi);
    char title[128];
    if (which == 0)
        /* which matrix e(A) is taken on (knob e_orient, issue 14 item 5): eq. (22) prints
         * A*⁻¹·A, we default to A·A*⁻¹; the two differ unless A* commutes with P D */
        snprintf(title, sizeof title, "e(A) of %s, eq. 22%s — iteration %zu of %zu%s",
                 p->e_orient == E_ORIENT_PRINTED ? "A*⁻¹·A" : "A·A*⁻¹",
                 p->e_orient == E_ORIENT_PRINTED ? " as printed" : "", last, det->iters,
                 det->head.ready ? "" : " (running)");
    else
        snprintf(title, sizeof title, "loss %s",
                 ns ? view_teacher_loss_symbol(lowest_method(mask)) : "");
    plot_lines_model pm;
    plot_lines_init(&pm);
    pm.title = title;
    pm.x_title = "iteration";
    pm.y_title = which == 0 ? "e(A)" : "loss";
    pm.x_lo = 0.0;
    const size_t iters = da && da->iters > det->iters ? da->iters : det->iters;
    pm.x_hi = iters > 0 ? (double)iters : 1.0;
    /* e(A) in [0, 1] falls by decades when a loss recovers A*: log y once it spans one */
    pm.y_log = which == 0 && lo > 0 && hi / lo > 10;
    pm.series = s;
    pm.n_series = ns;
    return plot_lines_draw(&pm, r, g);
}

/* Layout: e(A) of every loss; below (or beside) it the loss of each loss on its own
 * scale (their values are not comparable), or of the selected one when space is short.
 * One panel only at small sizes: o->metric picks e(A) (even) or the loss (odd). */
static rs_status view_teacher_learning(const teacher_detail *det, const teacher_detail *da,
                                       const view_input *in, const view_opts *o, grid_rect r,
                                       grid *g)
{
    const unsigned mask = det->methods & param_methods(in->p);
    const int sel = view_method(in->p, o);
    const unsigned sel_mask = sel >= 0 && (mask & (1u << sel)) ? 1u << sel : mask & -mask;
    if (r.h >= 2 * LEARN_MIN_H) {
        const int top = r.h / 2;
        rs_status st = learn_panel(det, da, in->p, mask, 0, (grid_rect){r.x, r.y, r.w, top}, g);
        const grid_rect rest = {r.x, r.y + top, r.w, r.h - top};
        int n = 0;
        for (int m = 0; m < METHOD_COUNT; m++)
            n += (mask >> m) & 1u;
        if (n < 1 || rest.w / n < LOSS_MIN_W) {
            const rs_status s = learn_panel(det, da, in->p, sel_mask, 1, rest, g);
            return st == RS_OK ? s : st;
        }
        int j = 0;
        for (int m = 0; m < METHOD_COUNT; m++) {
            if (!(mask & (1u << m)))
                continue;
            const int x0 = rest.x + rest.w * j / n, x1 = rest.x + rest.w * (j + 1) / n;
            const rs_status s = learn_panel(det, da, in->p, 1u << m, 1,
                                            (grid_rect){x0, rest.y, x1 - x0, rest.h}, g);
            st = st == RS_OK ? s : st;
            j++;
        }
        return st;
    }
    if (r.w >= 2 * LEARN_MIN_W) {
        const int left = r.w / 2;
        const rs_status s1 =
            learn_panel(det, da, in->p, mask, 0, (grid_rect){r.x, r.y, left - 1, r.h}, g);
        const rs_status s2 = learn_panel(det, da, in->p, sel_mask, 1,
                                         (grid_rect){r.x + left, r.y, r.w - left, r.h}, g);
        return s1 != RS_OK ? s1 : s2;
    }
    return o->metric % 2 == 0 ? learn_panel(det, da, in->p, mask, 0, r, g)
                              : learn_panel(det, da, in->p, sel_mask, 1, r, g);
}

static bool any_curve(const teacher_detail *det)
{
    for (int m = 0; m < METHOD_COUNT; m++)
        if ((det->methods & (1u << m)) && det->curve_len[m] > 0)
            return true;
    return false;
}

static rs_status teacher_learning(const view_input *in, const void *det, const view_opts *o,
                                  grid_rect r, grid *g)
{
    /* A of an A/B pair: its detail under its own lock (the main thread is the only one
     * that holds two detail locks, so no lock order can deadlock). */
    const view_input *a = in->ab_a;
    teacher_detail *da = a && a->p && a->p->generator == GEN_TEACHER ? a->detail : NULL;
    if (da)
        pthread_mutex_lock(&da->head.lock);
    const rs_status st = view_teacher_learning(det, da, in, o, r, g);
    if (da)
        pthread_mutex_unlock(&da->head.lock);
    return st;
}

static rs_status teacher_angles(const view_input *in, const void *det, const view_opts *o,
                                grid_rect r, grid *g)
{
    return view_teacher_angles(det, in, view_method(in->p, o), r, g);
}

static rs_status teacher_landscape(const view_input *in, const void *det, const view_opts *o,
                                   grid_rect r, grid *g)
{
    return view_teacher_landscape(det, in, view_method(in->p, o), r, g);
}

static rs_status teacher_data(const view_input *in, const void *det, const view_opts *o,
                              grid_rect r, grid *g)
{
    (void)o;
    return view_teacher_data(det, in, r, g);
}

static bool any_land_row(const teacher_detail *det)
{
    for (int m = 0; m < METHOD_COUNT; m++)
        if ((det->methods & (1u << m)) && det->land_rows[m] > 0)
            return true;
    return false;
}

/* Learning curves and the angles' |cos| maps stream in while the optimiser runs, the
 * landscape by rows while its grid runs, before the detail is ready (issue 15, point 3:
 * first points within 100 ms). */
static int teacher_streams(const void *detail, int view)
{
    const teacher_detail *det = detail;
    if (view == VIEW_LEARNING)
        return any_curve(det);
    if (!det->Astar) /* no job has begun: no A*, no landscape axes */
        return 0;
    if (view == VIEW_ANGLES)
        return any_curve(det);
    /* the landscape: the optimiser's path over a grid still pending, then the rows */
    return view == VIEW_LANDSCAPE && det->land_size > 0 && (any_curve(det) || any_land_row(det));
}

const view_gen view_teacher = {
    .curves = view_teacher_curves,
    .detail = {[VIEW_LEARNING] = teacher_learning,
               [VIEW_ANGLES] = teacher_angles,
               [VIEW_LANDSCAPE] = teacher_landscape,
               [VIEW_DATA] = teacher_data},
    .streams = teacher_streams,
};
