/* test_job_quadratic.c — the quadratic job end to end: parameter checks, metrics and flags,
 * the detail (gauge, curve, landscape) not changing any metric, thread-count invariance. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "job_quadratic.h"
#include "model.h"
#include "param.h"
#include "support.h"
#include "sweep.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(job_quadratic, .init = setup);

static rs_params base(void)
{
    rs_params p;
    param_defaults(&p, GEN_QUADRATIC);
    return p;
}

/* Set key=value, which must parse. */
/* param_check must fail naming key. */
static void rejects(rs_params p, const char *key)
{
    rs_error e;
    cr_assert_eq(param_check(&p, &e), RS_EINVAL, "expected %s to be rejected", key);
    cr_assert(strncmp(e.msg, key, strlen(key)) == 0, "message should start with %s: %s", key,
              e.msg);
}

Test(job_quadratic, param_check_rejects_bad_inputs)
{
    rs_params p = base();
    rs_error e;
    cr_assert_eq(param_check(&p, &e), RS_OK, "%s", e.msg);
    rs_params q = p;
    q.r = 0.5; /* below 1: the table's own range stops this at parse time, check anyway */
    rejects(q, "r=");
    q = p;
    support_set(&q, "r", "2.5");
    rejects(q, "r=");
    q = p;
    support_set(&q, "d", "1");
    rejects(q, "d=");
    q = p;
    support_set(&q, "n", "2");
    rejects(q, "n=");
    q = p;
    support_set(&q, "family", "diagonal");
    support_set(&q, "d", "6");
    support_set(&q, "r", "7"); /* Jennrich needs r <= d */
    rejects(q, "r=");
    q = p;
    support_set(&q, "d", "2000"); /* d^3 doubles = 64 GB: does not fit */
    rejects(q, "d=");
    q = p;
    support_set(&q, "coord", "6");
    rejects(q, "coord=");
    q = p; /* a sweep value that breaks the check is reported with its value */
    support_set(&q, "sweep", "d");
    support_set(&q, "sweep_values", "3,1");
    cr_assert_eq(param_check(&q, &e), RS_EINVAL);
    cr_assert(strstr(e.msg, "sweep value") || strstr(e.msg, "d=1"), "%s", e.msg);
}

/* Run one job of p into cell, with det (may be NULL) for value 0 run 0. */
static rs_status run1(const rs_params *p, quadratic_detail *det, sweep_cell *cell)
{
    model_ctx ctx = {.base = p, .detail = det};
    sweep_cells_init(cell, 1);
    rs_error e;
    const rs_status st = job_quadratic_run(&ctx, 0, 0.0, 0, cell, NULL, NULL, &e);
    cr_assert_eq(st, RS_OK, "%s", e.msg);
    return st;
}

Test(job_quadratic, diagonal_job_recovers_and_detail_changes_nothing)
{
    rs_params p = base();
    support_set(&p, "family", "diagonal");
    support_set(&p, "d", "8");
    support_set(&p, "r", "4");
    support_set(&p, "smooth", "1.5");
    support_set(&p, "n", "40000");
    support_set(&p, "gauge", "1");
    const int m = METHOD_MOMENTS; /* param_methods of the defaults */
    cr_assert_eq(param_methods(&p), 1u << m);
    sweep_cell c1, c2;
    run1(&p, NULL, &c1);
    quadratic_detail *det = job_quadratic_detail_alloc();
    run1(&p, det, &c2);
    for (size_t i = 0; i < MET_QUAD_COUNT; i++) {
        if (i == MET_QUAD_SECONDS)
            continue;
        cr_assert(isfinite(c1.metric[m][i]), "metric %zu", i);
        cr_assert_eq(c1.metric[m][i], c2.metric[m][i], "detail changed metric %zu", i);
    }
    cr_assert_eq(c1.flags[m], 0u);
    /* n = 4e4 at d = 8: moment errors are a few per cent (O(n^{-1/2}) times the kurtosis
     * of a generalised chi-square); 0.25 is a loose sanity bound, the rate is tested in
     * test_jennrich */
    cr_assert_lt(c1.metric[m][MET_QUAD_ERR_Q], 0.25);
    cr_assert_lt(c1.metric[m][MET_QUAD_ERR_GRAM], 0.25);
    cr_assert_gt(c1.metric[m][MET_QUAD_JENNRICH_GAP], 0.0);
    /* the detail: published, the gauge moved Q and nothing else */
    cr_assert_eq(det->head.ready, 1);
    cr_assert_eq(det->d, 8u);
    cr_assert_gt(det->gauge_q_change, 0.3);
    cr_assert_lt(det->gauge_true_diff, 1e-12);
    cr_assert_lt(det->gauge_hat_diff, 1e-12);
    cr_assert_not_null(det->W_hat);
    cr_assert(det->n_curve >= 10);
    cr_assert_eq(det->curve_n[det->n_curve - 1], 40000.0);
    cr_assert_eq(det->curve[MET_QUAD_ERR_Q][det->n_curve - 1], c1.metric[m][MET_QUAD_ERR_Q]);
    for (size_t k = 1; k < det->n_curve; k++)
        cr_assert_gt(det->curve_n[k], det->curve_n[k - 1]);
    cr_assert_eq(det->n_scatter, (size_t)QUAD_SCATTER_MAX);
    double mass = det->hist_below + det->hist_above;
    for (size_t j = 0; j < QUAD_HIST_BINS; j++)
        mass += det->hist_density[j] * (det->hist_edges[j + 1] - det->hist_edges[j]);
    cr_assert_float_eq(mass, 1.0, 1e-9);
    /* the data view's reference normal over +-5 sd integrates to 1 - 5.7e-7; the trapezoid
     * rule with step sd/12 errs by about h^2/12 * int|f''| < 1e-3 */
    double area = 0.0;
    for (size_t j = 1; j < QUAD_HIST_CURVE; j++)
        area += 0.5 * (det->hist_curve_y[j] + det->hist_curve_y[j - 1]) *
                (det->hist_curve_x[j] - det->hist_curve_x[j - 1]);
    cr_assert_float_eq(area, 1.0, 1e-3);
    cr_assert_float_eq(det->hist_curve_x[0], det->hist_edges[0], 1e-12);
    cr_assert_float_eq(det->hist_curve_x[QUAD_HIST_CURVE - 1], det->hist_edges[QUAD_HIST_BINS],
                       1e-9 * det->coord_sd);
    cr_assert_eq(det->land_metric, MET_QUAD_ERR_Q);
    size_t finite = 0;
    for (size_t i = 0; i < QUAD_LAND_SMOOTH * QUAD_LAND_N; i++)
        finite += isfinite(det->land_err[i]);
    cr_assert_gt(finite, QUAD_LAND_SMOOTH * QUAD_LAND_N / 2);
    job_quadratic_detail_free(det);
}

Test(job_quadratic, non_diagonal_families_flag_err_q)
{
    rs_params p = base();
    support_set(&p, "n", "5000");
    const int m = METHOD_MOMENTS;
    sweep_cell c;
    for (int f = 0; f < 2; f++) {
        p.family = f;
        run1(&p, NULL, &c);
        cr_assert(isnan(c.metric[m][MET_QUAD_ERR_Q]));
        cr_assert(c.flags[m] & MET_QUAD_FLAG_NOT_DIAGONAL);
        cr_assert(isfinite(c.metric[m][MET_QUAD_ERR_GRAM]));
        cr_assert(isfinite(c.metric[m][MET_QUAD_ANGLE_ERR_MAX]));
    }
}

Test(job_quadratic, sweep_is_bit_identical_for_any_thread_count)
{
    rs_params p = base();
    support_set(&p, "sweep", "n");
    support_set(&p, "sweep_values", "2000,8000");
    support_set(&p, "runs", "2");
    const model_ops *ops = model_get(GEN_QUADRATIC);
    cr_assert_not_null(ops);
    cr_assert_str_eq(ops->metric_names[MET_QUAD_ERR_GRAM], "err_gram");
    double values[PARAM_MAX_LIST];
    const size_t nv = param_sweep_values(&p, values);
    sweep_cell a[4], b[4];
    model_ctx ctx = {.base = &p};
    for (size_t t = 1; t <= 2; t++) {
        sweep_cell *cells = t == 1 ? a : b;
        sweep_cells_init(cells, 4);
        sweep_spec s = {.n_values = nv,
                        .runs = 2,
                        .values = values,
                        .cells = cells,
                        .threads = t,
                        .shard_count = 1,
                        .job = ops->job,
                        .ctx = &ctx};
        rs_error e;
        cr_assert_eq(sweep_run(&s, &e), RS_OK, "%s", e.msg);
    }
    for (size_t c = 0; c < 4; c++)
        for (size_t i = 0; i < MET_QUAD_COUNT; i++)
            if (i != MET_QUAD_SECONDS)
                cr_assert(memcmp(&a[c].metric[METHOD_MOMENTS][i], &b[c].metric[METHOD_MOMENTS][i],
                                 sizeof(double)) == 0,
                          "cell %zu metric %zu", c, i);
}

/* Apply the [params] of presets/NAME.ini to p ("key = value" lines; the app's preset reader
 * is libinih, this is the same grammar for the lines our presets use). Returns the number
 * of keys set; fails the test on a key or value param_parse rejects. */
static size_t load_preset(const char *name, rs_params *p)
{
    char path[512], line[1024];
    snprintf(path, sizeof path, "%s/presets/%s.ini", RS_SOURCE_ROOT, name);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    int in_params = 0, has_title = 0, has_caption = 0;
    size_t keys = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '[') {
            in_params = strcmp(line, "[params]") == 0;
            continue;
        }
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        char *k = line, *v = eq + 1;
        *eq = 0;
        for (size_t len = strlen(k); len > 0 && k[len - 1] == ' '; len--)
            k[len - 1] = 0;
        while (*v == ' ')
            v++;
        has_title |= !in_params && strcmp(k, "title") == 0 && *v;
        has_caption |= !in_params && strcmp(k, "caption") == 0 && strlen(v) > 40;
        if (!in_params)
            continue;
        const int i = param_find(k);
        cr_assert_geq(i, 0, "%s: unknown key %s", name, k);
        rs_error e;
        cr_assert_eq(param_parse(p, i, v, &e), RS_OK, "%s: %s", name, e.msg);
        keys++;
    }
    fclose(f);
    cr_assert(has_title && has_caption, "%s: [preset] needs a title and a caption", name);
    return keys;
}

Test(job_quadratic, presets_parse_and_pass_the_checks)
{
    const char *names[] = {"quadratic-moments", "quadratic-gauge", "quadratic-jennrich",
                           "quadratic-smoothing", "quadratic-identifiable"};
    for (size_t j = 0; j < sizeof names / sizeof names[0]; j++) {
        rs_params p = base();
        cr_assert_gt(load_preset(names[j], &p), 3u);
        cr_assert_eq(p.generator, GEN_QUADRATIC, "%s", names[j]);
        rs_error e;
        cr_assert_eq(param_check(&p, &e), RS_OK, "%s: %s", names[j], e.msg);
    }
}

Test(job_quadratic, detail_shows_gauge_invariance_with_gauge_off_too)
{
    /* gauge = 0: the data come from Q0; the twin U Q0 U^T fed U g yields the same samples,
     * so its estimates agree to rounding (1e-12), while the entries moved by O(1) */
    rs_params p = base();
    support_set(&p, "n", "6000");
    sweep_cell c;
    quadratic_detail *det = job_quadratic_detail_alloc();
    run1(&p, det, &c);
    cr_assert_eq(det->head.ready, 1);
    cr_assert_eq(det->gauge, 0);
    cr_assert_gt(det->gauge_q_change, 0.3);
    cr_assert_lt(det->gauge_true_diff, 1e-12);
    cr_assert_lt(det->gauge_hat_diff, 1e-12);
    cr_assert_null(det->W);
    cr_assert_eq(det->land_metric, MET_QUAD_ANGLE_ERR_MAX);
    job_quadratic_detail_free(det);
}

Test(job_quadratic, a_raised_cancel_flag_stops_the_job)
{
    rs_params p = base();
    atomic_int cancel;
    atomic_init(&cancel, 1);
    model_ctx ctx = {.base = &p};
    sweep_cell c;
    sweep_cells_init(&c, 1);
    rs_error e;
    cr_assert_eq(job_quadratic_run(&ctx, 0, 0.0, 0, &c, NULL, &cancel, &e), RS_ECANCELLED);
    cr_assert(strstr(met_quadratic_err_q_note, "sum-of-squares") != NULL);
}
