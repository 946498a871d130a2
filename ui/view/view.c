/* view.c — dispatch of the views to the generators' view modules. */
#include "view.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "palette.h"
#include "plot.h"
#include "plot_lines.h"
#include "text.h"
#include "view_phase.h"

void view_opts_init(view_opts *o)
{
    o->metric = 0;
    o->ref_line = true;
    o->method = 0;
    o->y_scale = VIEW_Y_AUTO;
    o->phase_x = o->phase_y = 0;
    o->panels = NULL;
    o->x_scale = VIEW_Y_AUTO;
    o->y_zoom = false;
    o->y_lo = o->y_hi = NAN;
}

bool view_x_log(const view_opts *o, const rs_params *p)
{
    if (p->sweep < 0)
        return false;
    double values[PARAM_MAX_LIST];
    const size_t n = param_sweep_values(p, values);
    for (size_t i = 0; i < n; i++)
        if (!(values[i] > 0))
            return false;
    if (o->x_scale != VIEW_Y_AUTO)
        return o->x_scale == VIEW_Y_LOG;
    const char *key = param_table[p->sweep].key;
    if (strcmp(key, "n") == 0 || strcmp(key, "kappa") == 0)
        return true;
    return p->sweep_scale == SWEEP_LOG && p->n_sweep_values == 0;
}

bool view_y_log(const view_opts *o, const char *name, double y_min)
{
    if (o->y_scale == VIEW_Y_LOG)
        return true;
    if (o->y_scale == VIEW_Y_LIN)
        return false;
    /* A metric that is a logarithm already (log10_n_needed) is its own log scale: a log
     * axis over it would squash Claim 2's parabola in b into a few rows. */
    if (name && strncmp(name, "log10_", 6) == 0)
        return false;
    double lo, hi;
    view_metric_range(name, &lo, &hi);
    return lo == 0 && isnan(hi) && y_min > 0;
}

extern const view_gen view_relu, view_matrix, view_teacher, view_quadratic;

/* Indexed by rs_generator, as core's model registry. */
static const view_gen *const view_registry[GEN_COUNT] = {
    [GEN_RELU] = &view_relu,
    [GEN_MATRIX] = &view_matrix,
    [GEN_TEACHER] = &view_teacher,
    [GEN_QUADRATIC] = &view_quadratic,
};

const view_gen *view_gen_get(int generator)
{
    return generator >= 0 && generator < GEN_COUNT ? view_registry[generator] : NULL;
}

unsigned view_available(int generator)
{
    const model_ops *ops = model_get(generator);
    return ops ? ops->views : 0;
}

size_t view_tabs_for(const rs_params *p, int view, char labels[][VIEW_TAB_LEN], size_t *active)
{
    size_t n = view_tabs(p->generator, view, labels, active);
    if (p->sweep2 >= 0 || view == VIEW_PHASE) {
        snprintf(labels[n], VIEW_TAB_LEN, "%d %s", VIEW_PHASE + 1, param_view_name(VIEW_PHASE));
        if (view == VIEW_PHASE)
            *active = n;
        n++;
    }
    return n;
}

size_t view_tabs(int generator, int view, char labels[][VIEW_TAB_LEN], size_t *active)
{
    const unsigned views = view_available(generator);
    size_t n = 0;
    *active = 0;
    for (int v = 0; v < VIEW_COUNT; v++) {
        if (!(views & (1u << v)))
            continue;
        snprintf(labels[n], VIEW_TAB_LEN, "%d %s", v + 1, param_view_name(v));
        if (v == view)
            *active = n;
        n++;
    }
    return n;
}

rs_status view_plot_draw(const void *ctx, grid_rect r, grid *g)
{
    const view_plot *vp = ctx;
    return view_draw(vp->in, vp->view, vp->opts, r, g);
}

int view_method(const rs_params *p, const view_opts *o)
{
    const unsigned set = param_methods(p);
    size_t count = 0;
    for (int m = 0; m < METHOD_COUNT; m++)
        count += (set >> m) & 1u;
    if (count == 0)
        return -1;
    size_t want = o->method % count;
    for (int m = 0; m < METHOD_COUNT; m++)
        if ((set >> m) & 1u) {
            if (want == 0)
                return m;
            want--;
        }
    return -1;
}

/* The message a detail view shows while the run behind it is still computing. */
static void view_waiting_draw(const view_input *in, grid_rect r, grid *g)
{
    char msg[160];
    if (in->p->sweep >= 0)
        snprintf(msg, sizeof msg, "computing the run shown here (%s = %g, run 1)…",
                 param_table[in->p->sweep].key, in->values[in->detail_value]);
    else
        snprintf(msg, sizeof msg, "computing the run shown here (run 1)…");
    plot_message_draw(msg, r, g);
}

const char *const *view_index_labels(size_t n, size_t base)
{
    static char text[2][VIEW_INDEX_MAX][8]; /* main thread only: 0-based and 1-based */
    static const char *ptr[2][VIEW_INDEX_MAX];
    if (n > VIEW_INDEX_MAX || base > 1)
        return NULL;
    if (!ptr[base][0])
        for (size_t i = 0; i < VIEW_INDEX_MAX; i++) {
            snprintf(text[base][i], sizeof text[base][i], "%zu", i + base);
            ptr[base][i] = text[base][i];
        }
    return ptr[base];
}

int view_detail_where(const view_input *in, char *buf, size_t size)
{
    const double x = in->p->sweep >= 0 && in->detail_value < in->n_values
                         ? in->values[in->detail_value]
                         : (double)in->p->n;
    return snprintf(buf, size, "%s = %g, run 1 of %zu",
                    in->p->sweep >= 0 ? param_table[in->p->sweep].key : "n", x, in->runs);
}

/* The flags of the job a detail view shows, each method's, with the meaning of the first
 * ("mle: empty_rows (a row of Y had no positive entry)"); "" while it runs or is clean. */
static void detail_flags(const view_input *in, char *buf, size_t size)
{
    buf[0] = '\0';
    const sweep_cell *c = in->cells && in->runs && in->detail_value < in->n_values
                              ? &in->cells[in->detail_value * in->runs]
                              : NULL;
    if (!c || !atomic_load_explicit(&c->done, memory_order_acquire))
        return;
    int len = 0;
    const char *first = NULL;
    const unsigned mask = param_methods(in->p);
    for (int m = 0; m < METHOD_COUNT; m++) {
        if (!(mask & (1u << m)) || !c->flags[m])
            continue;
        len = view_flags_append(in->ops, m, c->flags[m], buf, size, len);
        for (size_t f = 0; f < in->ops->n_flags && !first; f++)
            first = c->flags[m] & (1u << f) ? in->ops->flag_names[f] : NULL;
    }
    const char *meaning = view_flag_meaning(first);
    if (len > 0 && meaning && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len, " (%s)", meaning);
}

/* The bottom row of every detail view (issue 13, points 12 and 15): which job it shows
 * ("n = 2000, run 1 of 10", dim) and, once that job is done, its flags with the meaning
 * of the first; `?` lists them all. Flags too long for the row (teacher: three losses
 * flagged) take a second row when the view is tall enough to spare it, rather than
 * losing the meaning to an ellipsis. Returns r without those rows; r itself when it is
 * too small to spare one. */
static grid_rect detail_footer(const view_input *in, grid_rect r, grid *g)
{
    if (r.h < 6 || r.w < 20)
        return r;
    char where[96], buf[256];
    view_detail_where(in, where, sizeof where);
    detail_flags(in, buf, sizeof buf);
    const int fx = grid_text_width(where) + 2, fw = r.w - fx - 2; /* flags after "! " */
    const int rows = buf[0] && fw > 4 && r.h >= 24 && text_wrap(buf, fw, 2, NULL, NULL) > 1 ? 2 : 1;
    const int y = r.y + r.h - rows;
    grid_puts(g, r.x, y, where, r.w,
              grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, GRID_ATTR_DIM));
    if (buf[0] && fw > 4) {
        const grid_style warn = grid_style_make(PALETTE_WARN, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
        grid_puts(g, r.x + fx, y, "! ", 2, warn);
        text_draw(g, (grid_rect){r.x + fx + 2, y, fw, rows}, buf, warn, true);
    }
    return (grid_rect){r.x, r.y, r.w, r.h - rows};
}

/* A detail view: under the detail's lock, the waiting message until the detail is ready
 * (or streams), then the generator's drawer. */
static rs_status draw_detail(const view_gen *vg, const view_input *in, int view, const view_opts *o,
                             grid_rect r, grid *g)
{
    model_detail_head *head = in->detail;
    if (!head) {
        plot_message_draw("no detail for this view", r, g);
        return RS_OK;
    }
    r = detail_footer(in, r, g);
    if (vg->footer)
        r = vg->footer(in, r, g);
    pthread_mutex_lock(&head->lock);
    rs_status st = RS_OK;
    if (head->ready || (vg->streams && vg->streams(in->detail, view)))
        st = vg->detail[view](in, in->detail, o, r, g);
    else
        view_waiting_draw(in, r, g);
    pthread_mutex_unlock(&head->lock);
    return st;
}

void view_ab_legend(const view_input *a, const view_input *b, char *buf, size_t size)
{
    /* Two lists, A's and B's values of the same keys, joined once both are known. */
    char la[512] = "", lb[512] = "";
    size_t ka = 0, kb = 0;
    const unsigned gens = (1u << a->p->generator) | (1u << b->p->generator);
    for (size_t i = 0; i < param_count; i++) {
        if (!(param_table[i].generators & gens) || strcmp(param_table[i].key, "view") == 0)
            continue;
        char va[96], vb[96];
        param_format(a->p, (int)i, va, sizeof va);
        param_format(b->p, (int)i, vb, sizeof vb);
        if (strcmp(va, vb) == 0 || ka >= sizeof la || kb >= sizeof lb)
            continue;
        const char *sep = ka ? ", " : "";
        ka += (size_t)snprintf(la + ka, sizeof la - ka, "%s%s = %s", sep, param_table[i].key, va);
        kb += (size_t)snprintf(lb + kb, sizeof lb - kb, "%s%s = %s", sep, param_table[i].key, vb);
    }
    if (!la[0])
        snprintf(buf, size, "A and B: no key differs");
    else
        snprintf(buf, size, "A: %s   B: %s", la, lb);
}

/* The A/B legend row at the top of r (issue 17, point 2); returns the rest of r. */
static grid_rect ab_header_draw(const view_input *in, int view, grid_rect r, grid *g)
{
    if (!in->ab_a || !in->ab_a->p || r.h < 4)
        return r;
    char text[1024];
    view_ab_legend(in->ab_a, in, text, sizeof text);
    const size_t len = strlen(text);
    /* The curves and learning views draw A beside B; the others show B alone. */
    if (view != VIEW_CURVES && view != VIEW_LEARNING)
        snprintf(text + len, sizeof text - len, "  (this view shows B)");
    const grid_style st = grid_style_make(PALETTE_TITLE, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
    if (grid_text_width(text) <= r.w) { /* text_draw would fold the double spaces */
        grid_puts(g, r.x, r.y, text, r.w, st);
        return (grid_rect){r.x, r.y + 1, r.w, r.h - 1};
    }
    /* Too long for one row: A's keys on one, B's on the next, each cut with an ellipsis. */
    char *b = strstr(text, "   B: ");
    if (b)
        *b = 0;
    text_draw(g, (grid_rect){r.x, r.y, r.w, 1}, text, st, true);
    if (!b)
        return (grid_rect){r.x, r.y + 1, r.w, r.h - 1};
    text_draw(g, (grid_rect){r.x, r.y + 1, r.w, 1}, b + 3, st, true);
    return (grid_rect){r.x, r.y + 2, r.w, r.h - 2};
}

rs_status view_draw(const view_input *in, int view, const view_opts *o, grid_rect r, grid *g)
{
    if (view == VIEW_PHASE)
        return view_phase_draw(in, o, r, g);
    static view_input row; /* main thread only */
    static rs_params row_p;
    if (in->p->sweep2 >= 0) { /* a phase map: curves show the cursor's row, details theirs */
        const size_t detail_row = in->n_values ? in->detail_value / in->n_values : 0;
        view_phase_row(in, view == VIEW_CURVES ? o->phase_y : detail_row, &row, &row_p);
        in = &row;
    }
    const view_gen *vg = view_gen_get(in->p->generator);
    grid_fill(g, r, ' ', grid_style_default());
    r = ab_header_draw(in, view, r, g);
    if (!vg || view < 0 || view >= VIEW_COUNT ||
        !(view_available(in->p->generator) & (1u << view)) ||
        (view != VIEW_CURVES && !vg->detail[view])) {
        char msg[160];
        snprintf(msg, sizeof msg, "the %s view is not part of the %s generator",
                 view >= 0 && view < VIEW_COUNT ? param_view_name(view) : "?",
                 param_generator_name(in->p->generator));
        plot_message_draw(msg, r, g);
        return RS_OK;
    }
    if (view == VIEW_CURVES)
        return vg->curves(in, o, r, g);
    return draw_detail(vg, in, view, o, r, g);
}

rs_status view_scatter_draw(const char *title, const char *x_title, const char *y_title, size_t n,
                            const double *x, const double *y, grid_rect r, grid *g)
{
    plot_lines_series s = plot_lines_series_make(NULL, palette_series(0), n, x, y);
    s.points_only = true;
    plot_lines_model m;
    plot_lines_init(&m);
    m.title = title;
    m.x_title = x_title;
    m.y_title = y_title;
    m.series = &s;
    m.n_series = 1;
    return plot_lines_draw(&m, r, g);
}

void view_metric_range(const char *name, double *lo, double *hi)
{
    /* The exceptions to [0, inf): every other metric is an error, a norm or a time. */
    static const struct {
        const char *name;
        double lo, hi;
    } ranges[] = {
        {"e_perm", 0, 1},        {"angle_err_max", 0, M_PI}, {"loss", NAN, NAN},
        {"objective", NAN, NAN}, {"jennrich_gap", NAN, NAN}, {"loss_value", NAN, NAN},
    };
    *lo = 0, *hi = NAN;
    for (size_t i = 0; name && i < sizeof ranges / sizeof ranges[0]; i++)
        if (strcmp(name, ranges[i].name) == 0) {
            *lo = ranges[i].lo, *hi = ranges[i].hi;
            return;
        }
}

bool view_power_law(const double *x, const double *y, size_t n)
{
    double u[PARAM_MAX_LIST], v[PARAM_MAX_LIST], mu = 0, mv = 0;
    size_t m = 0;
    for (size_t i = 0; i < n && m < PARAM_MAX_LIST; i++) {
        if (!(x[i] > 0 && y[i] > 0 && isfinite(x[i]) && isfinite(y[i])))
            continue;
        u[m] = log(x[i]), v[m] = log(y[i]);
        mu += u[m], mv += v[m], m++;
    }
    if (m < 3)
        return true;
    mu /= (double)m, mv /= (double)m;
    /* Least squares v = a + b u + c (u² - mean u²) on centred u: moments of u, u², v. */
    double s2 = 0, s3 = 0, s4 = 0, sv = 0, s2v = 0, syy = 0, lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < m; i++) {
        const double a = u[i] - mu, b = v[i] - mv;
        s2 += a * a, s3 += a * a * a, s4 += a * a * a * a;
        sv += a * b, s2v += a * a * b, syy += b * b;
        lo = fmin(lo, a), hi = fmax(hi, a);
    }
    if (!(s2 > 0) || !(syy > 0)) /* a flat line is a power law with exponent 0 */
        return true;
    if (sv * sv / (s2 * syy) < 0.9) /* R² of the straight line */
        return false;
    /* The line's curvature: regressing v on a = u - mean u and w = a² - mean a² gives
     * w's coefficient c = (s2·s2v - s3·sv) / (s2·var w - s3²); the slope b + 2c·a then
     * drifts by 2c (hi - lo) over the range. A law whose local exponent drifts by more
     * than 0.5, the whole exponent of the n^(-1/2) rates the presets show, is no power
     * law, whatever its R²: quadratic-smoothing's angle_err_max, rising then flat, has R²
     * 0.90 and a drift of about 0.9; the presets' error-vs-n curves drift by 0.05-0.47
     * (relu-estimators' sgd and truncated bend most). */
    const double sw2 = s4 - s2 * s2 / (double)m, det = s2 * sw2 - s3 * s3;
    if (!(det > 0) || m < 4)
        return true;
    const double c = (s2 * s2v - s3 * sv) / det;
    return fabs(2 * c * (hi - lo)) <= 0.5;
}

const char *view_flag_meaning(const char *name)
{
    /* From the flag enums of core (met_*.h, est_*.h); a flag shared by generators
     * (not_converged, rank, ...) means the same in each. */
    static const struct {
        const char *name, *meaning;
    } flags[] = {
        {"sigma_not_pd", "Σ̂ not positive definite: sqrt_kl is NaN"},
        {"truth_singular", "W Wᵀ singular (k < d): sqrt_kl is NaN"},
        {"fit_failed", "an estimator left a coordinate without a fit (< 2 positive samples)"},
        {"not_converged", "an estimator reached its iteration limit"},
        {"empty_rows", "a row of Y had no positive entry"},
        {"eig_failed", "an eigen-decomposition failed: subspace_err is NaN"},
        {"not_diagonal", "the family is not diagonal: err_q, jennrich_gap are NaN"},
        {"rank", "Ĝ has fewer than r positive eigenvalues: err_q is NaN"},
        {"complex", "noise made Jennrich's eigenvalues complex (real parts kept)"},
        {"singular", "every Jennrich contraction was singular: err_q is NaN"},
        {"angle_nan", "some ‖Q_a‖_F = 0: angle_err_max is NaN"},
        {"diverged", "the iterate became non-finite: e_a and the loss are NaN"},
        {"w_singular", "ΦᵀΦ not positive definite: test_err is NaN"},
        {"llsfe_failed", "the LLSFE covariance was not positive definite at some points"},
        {"kappa_zero", "some κ*_i = 0: the score loss has no signal there"},
        {"kappa_mixed", "κ*_i of both signs: Assumption 2(a) fails"},
        {"mu_outside_2b", "μ ≥ 0.01, outside Assumption 2(b) of Gao et al. 2019"},
        {"kappa_oracle", "llsfe took the sign of κ* from the known input law"},
        {"target_not_reached", "no n of the grid met target_err: log10_n_needed is NaN"},
        {"no_target_err", "target_err = 0: the samples-needed search did not run"},
    };
    for (size_t i = 0; name && i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(name, flags[i].name) == 0)
            return flags[i].meaning;
    return NULL;
}

int view_flags_append(const model_ops *ops, int method, unsigned flags, char *buf, size_t size,
                      int len)
{
    if (len < 0 || (size_t)len >= size)
        return size ? (int)size - 1 : 0;
    len += snprintf(buf + len, size - (size_t)len, "%s%s:", len ? "  " : "",
                    param_method_name(method));
    for (size_t f = 0; f < ops->n_flags && (size_t)len < size; f++)
        if (flags & (1u << f))
            len += snprintf(buf + len, size - (size_t)len, " %s", ops->flag_names[f]);
    return (size_t)len < size ? len : (int)size - 1;
}
