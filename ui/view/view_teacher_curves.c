/* view_teacher_curves.c — the curves view of the teacher generator: final e(A), e_perm and
 * test error against the swept key for each loss (mean ± std over runs); and, when only the
 * llsfe loss runs, the LLSFE accuracy of Gao, Makkuva, Oh, Viswanath 2019 Figures 1-2: the
 * 5/25/50/75/95 percentiles over runs of ‖Ŝ₂ − S₂‖_sp and ‖Ŝ₄ − S₄‖_F against n, each with its
 * fitted log-log slope. */
#include "view_teacher_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "met_teacher.h"
#include "palette.h"
#include "plot.h"
#include "plot_lines.h"
#include "stats.h"
#include "view_curves.h"

enum { PCT_COUNT = 5, PCT_MIN_W = 50, PCT_MIN_H = 12 };

static const double pct_q[PCT_COUNT] = {0.05, 0.25, 0.50, 0.75, 0.95};
static const char *const pct_names[PCT_COUNT] = {"p5", "p25", "median", "p75", "p95"};

static const view_curves_metric teacher_curves[] = {
    {.id = MET_TEACHER_E_A, .title = "final e(A), eq. 22", .ref_slope = NAN, .ref_label = NULL},
    {.id = MET_TEACHER_E_PERM,
     .title = "final e_perm (max of the eq. 22 terms)",
     .ref_slope = NAN,
     .ref_label = NULL},
    {.id = MET_TEACHER_TEST_ERR,
     .title = "test error (w by least squares)",
     .ref_slope = NAN,
     .ref_label = NULL},
};

static const view_curves_metric llsfe_metrics[] = {
    {.id = MET_TEACHER_S2_ERR,
     .title = "‖Ŝ₂ − S₂‖_sp (LLSFE)",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2"},
    {.id = MET_TEACHER_S4_ERR,
     .title = "‖Ŝ₄ − S₄‖_F (LLSFE)",
     .ref_slope = -0.5,
     .ref_label = "n^-1/2"},
};

typedef struct {
    double x[PARAM_MAX_LIST], y[PCT_COUNT][PARAM_MAX_LIST], guide[PARAM_MAX_LIST];
    size_t runs_done, nan_runs;
} pct_data;

/* Remark 1 of Gao et al. 2019, eq. (13): with h = n^(-1/(2p+2+d)) the degree-p LLSFE of S_m
 * errs by O_p(d^(m/2) n^(-(p+1-m)/(2p+2+d))), p the key llsfe_degree. At p = 2, S2 (m = 2)
 * gets n^(-1/(6+d)), and S4 (m = 4) a positive exponent, no rate at all (why Assumption 1(a)
 * asks p >= 4); at p = 4, n^(-3/(10+d)) and n^(-1/(10+d)). The guide is that power of n
 * through the first finished median: the constant is unknown, the legend says so. */
static double remark1_exponent(size_t m, size_t d, size_t degree)
{
    const double p = (double)degree;
    return -(p + 1.0 - (double)m) / (2.0 * p + 2.0 + (double)d);
}

/* The guide of S_m into pd->guide and its legend into label; false when no median is
 * finite and positive yet. */
static bool remark1_guide(const view_input *in, size_t m, pct_data *pd, char *label, size_t len)
{
    const double e = remark1_exponent(m, in->p->d, in->p->llsfe_degree);
    for (size_t v = 0; v < in->n_values; v++) {
        if (!(isfinite(pd->y[2][v]) && pd->y[2][v] > 0.0 && pd->x[v] > 0.0))
            continue;
        for (size_t u = 0; u < in->n_values; u++)
            pd->guide[u] = pd->y[2][v] * pow(pd->x[u] / pd->x[v], e);
        snprintf(label, len, "Remark 1 (p = %zu): c·n^%+.3g%s, c fitted to the 1st median",
                 in->p->llsfe_degree, e, e >= 0.0 ? ", no rate" : "");
        return true;
    }
    return false;
}

/* Percentiles over the finished runs of each sweep value (buf: runs doubles). */
static void pct_collect(const view_input *in, size_t id, double *buf, pct_data *pd)
{
    pd->runs_done = pd->nan_runs = 0;
    for (size_t v = 0; v < in->n_values; v++) {
        size_t m = 0;
        for (size_t run = 0; run < in->runs; run++) {
            const sweep_cell *c = &in->cells[v * in->runs + run];
            if (!atomic_load(&c->done))
                continue;
            pd->runs_done++;
            const double x = c->metric[METHOD_LLSFE][id];
            if (isfinite(x))
                buf[m++] = x;
            else
                pd->nan_runs++;
        }
        qsort(buf, m, sizeof *buf, stats_cmp_double);
        pd->x[v] = in->values[v];
        for (size_t j = 0; j < PCT_COUNT; j++)
            pd->y[j][v] = stats_quantile_sorted(buf, m, pct_q[j]);
    }
}

/* A of an A/B pair (issue 17, point 2) over the same key: its median, dim and marked,
 * into s[*ns]. */
static void ab_median(const view_input *in, size_t id, plot_lines_series *s, size_t *ns)
{
    static pct_data pa; /* main thread only; its arrays back the series until drawn */
    const view_input *a = in->ab_a;
    if (!a || !a->p || !a->cells || a->p->sweep != in->p->sweep ||
        a->p->generator != in->p->generator || !(param_methods(a->p) & (1u << METHOD_LLSFE)))
        return;
    double *buf = malloc((a->runs ? a->runs : 1) * sizeof *buf);
    if (!buf)
        return;
    pct_collect(a, id, buf, &pa);
    free(buf);
    s[*ns] = plot_lines_series_make("A median", palette_shade(palette_series(2), 0.55), a->n_values,
                                    pa.x, pa.y[2]);
    s[*ns].markers = true;
    (*ns)++;
}

static rs_status pct_panel(const view_input *in, const view_opts *o, const view_curves_metric *vm,
                           pct_data *pd, double *buf, grid_rect r, grid *g)
{
    pct_collect(in, vm->id, buf, pd);
    const bool x_log = strcmp(param_table[in->p->sweep].key, "n") == 0;
    plot_lines_series s[PCT_COUNT + 2];
    size_t ns = PCT_COUNT;
    for (size_t j = 0; j < PCT_COUNT; j++) {
        s[j] =
            plot_lines_series_make(pct_names[j], palette_series(j), in->n_values, pd->x, pd->y[j]);
        s[j].markers = true; /* five percentiles told apart without colour */
        s[j].slope = x_log ? stats_loglog_slope(pd->x, pd->y[j], in->n_values) : NAN;
    }
    ab_median(in, vm->id, s, &ns);
    static char guide_label[96]; /* main thread only, as view_curves' legend names */
    const size_t m = vm->id == MET_TEACHER_S2_ERR ? 2 : 4;
    if (x_log && remark1_guide(in, m, pd, guide_label, sizeof guide_label))
        s[ns++] = plot_lines_series_make(guide_label, PALETTE_REF, in->n_values, pd->x, pd->guide);
    char title[128], x_title[64];
    /* issue 14 item 3: percentiles over fewer runs where a fit failed say so */
    const int k = snprintf(title, sizeof title, "%s, percentiles over %zu runs", vm->title,
                           in->n_values ? pd->runs_done / in->n_values : 0);
    if (pd->nan_runs && k > 0 && (size_t)k < sizeof title)
        snprintf(title + k, sizeof title - (size_t)k, " (%zu failed fit%s left out)", pd->nan_runs,
                 pd->nan_runs > 1 ? "s" : "");
    snprintf(x_title, sizeof x_title, "%s", param_table[in->p->sweep].key);
    plot_lines_model pm;
    plot_lines_init(&pm);
    pm.title = title;
    pm.x_title = x_title;
    pm.y_title = in->ops->metric_names[vm->id];
    pm.x_log = x_log;
    pm.y_log = x_log;
    pm.series = s;
    pm.n_series = ns;
    if (o->ref_line && x_log)
        for (size_t v = 0; v < in->n_values; v++)
            if (isfinite(pd->y[2][v]) && pd->y[2][v] > 0) { /* anchored at the median */
                pm.ref_slope = vm->ref_slope;
                pm.ref_x = pd->x[v];
                pm.ref_y = pd->y[2][v];
                pm.ref_label = vm->ref_label;
                break;
            }
    return plot_lines_draw(&pm, r, g);
}

/* Figures 1-2: the two panels side by side, stacked, or the one o->metric picks. */
static rs_status draw_percentiles(const view_input *in, const view_opts *o, grid_rect r, grid *g)
{
    pct_data *pd = malloc(sizeof *pd);
    double *buf = malloc((in->runs ? in->runs : 1) * sizeof *buf);
    rs_status st = RS_OK;
    if (!pd || !buf) {
        plot_message_draw("out of memory", r, g);
        st = RS_ENOMEM;
    } else if (r.w / 2 >= PCT_MIN_W) {
        st = pct_panel(in, o, &llsfe_metrics[0], pd, buf, (grid_rect){r.x, r.y, r.w / 2, r.h}, g);
        const rs_status s = pct_panel(in, o, &llsfe_metrics[1], pd, buf,
                                      (grid_rect){r.x + r.w / 2, r.y, r.w - r.w / 2, r.h}, g);
        st = st == RS_OK ? s : st;
    } else if (r.h / 2 >= PCT_MIN_H) {
        st = pct_panel(in, o, &llsfe_metrics[0], pd, buf, (grid_rect){r.x, r.y, r.w, r.h / 2}, g);
        const rs_status s = pct_panel(in, o, &llsfe_metrics[1], pd, buf,
                                      (grid_rect){r.x, r.y + r.h / 2, r.w, r.h - r.h / 2}, g);
        st = st == RS_OK ? s : st;
    } else {
        st = pct_panel(in, o, &llsfe_metrics[o->metric % 2], pd, buf, r, g);
    }
    free(pd);
    free(buf);
    return st;
}

rs_status view_teacher_curves(const view_input *in, const view_opts *o, grid_rect r, grid *g)
{
    const bool llsfe_only = param_methods(in->p) == (1u << METHOD_LLSFE);
    if (llsfe_only && in->p->input != INPUT_LAPLACE && in->p->sweep >= 0)
        return draw_percentiles(in, o, r, g);
    if (llsfe_only && in->p->input != INPUT_LAPLACE) /* no sweep: the table of every metric */
        return view_curves_draw(in, o, llsfe_metrics, 2, 0, r, g);
    return view_curves_draw(in, o, teacher_curves, 3, 0, r, g);
}
