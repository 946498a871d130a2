/* test_preset_screens.c — every shipped preset (the .ini files of presets/) loads, validates,
 * computes and renders its screen at 80x24 and 120x40 (issue 4), through the same session, worker
 * and screen code as the TUI and --screenshot: the screen names the preset, shows its
 * view's tab highlighted and its caption, never says its view is "not part of the"
 * generator, and never shows NaN without a "!" warning.
 *
 * One parameterised test per preset (STYLE 8), so a failure names its preset and the
 * others still run. Built twice from this file (tests/meson.build):
 *   test_preset_screens       suite 'presets', in the default `meson test`: each preset at
 *                             a REDUCED size (reduce() below), a few seconds in all;
 *   test_preset_screens_full  suite 'full', opt-in (`meson test -C build --suite full`):
 *                             each preset exactly as shipped (teacher-fig3 alone takes
 *                             minutes). Compiled with -DPRESET_SCREENS_FULL. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "grid.h"
#include "machine.h"
#include "model.h"
#include "preset.h"
#include "screen.h"
#include "session.h"
#include "sink_txt.h"
#include "support_grid.h"
#include "view.h"
#include "worker.h"

void openblas_set_num_threads(int num_threads);

#ifdef PRESET_SCREENS_FULL
#define SUITE preset_screens_full
#define PER_PRESET_TIMEOUT 1800
#else
#define SUITE preset_screens
#define PER_PRESET_TIMEOUT 120
#endif

enum { MAX_SHIPPED = 256 };

/* One parameter: the name of a shipped preset (NAME of presets/NAME.ini). Criterion runs
 * each parameter in a fresh process, so the array lives in cr_malloc memory. */
typedef struct {
    char name[PRESET_NAME];
} shipped_preset;

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const shipped_preset *)a)->name, ((const shipped_preset *)b)->name);
}

/* The *.ini files of RS_PRESET_DIR, sorted, into out (capacity cap); returns the count.
 * Read from the directory, not through the search path, so that a user's preset of the
 * same name cannot shadow a shipped one. */
static size_t shipped_names(shipped_preset *out, size_t cap)
{
    DIR *dir = opendir(RS_PRESET_DIR);
    if (!dir)
        return 0;
    size_t n = 0;
    const struct dirent *e;
    while ((e = readdir(dir)) && n < cap) {
        const size_t len = strlen(e->d_name);
        if (len <= 4 || len - 4 >= PRESET_NAME || strcmp(e->d_name + len - 4, ".ini") != 0)
            continue;
        memcpy(out[n].name, e->d_name, len - 4);
        out[n].name[len - 4] = '\0';
        n++;
    }
    closedir(dir);
    qsort(out, n, sizeof *out, cmp_name);
    return n;
}

/* text has `word` with no letter, digit or '_' on either side. */
static int has_word(const char *text, const char *word)
{
    const size_t n = strlen(word);
    for (const char *at = strstr(text, word); at; at = strstr(at + 1, word)) {
        const char before = at == text ? ' ' : at[-1], after = at[n];
        if (!(isalnum((unsigned char)before) || before == '_') &&
            !(isalnum((unsigned char)after) || after == '_'))
            return 1;
    }
    return 0;
}

static int grid_has_word(const grid *g, const char *word)
{
    char row[4096];
    for (int y = 0; y < g->h; y++) {
        sink_txt_row(g, y, row, sizeof row);
        if (has_word(row, word))
            return 1;
    }
    return 0;
}

/* The plot area alone: screen_draw's plot callback, drawn once more into a grid of the
 * plot's size, so that the caption under the plot cannot answer for it. */
typedef struct {
    screen_plot_fn plot;
    const void *ctx;
    grid *own;
} plot_spy;

static rs_status spy_plot(const void *ctx, grid_rect r, grid *g)
{
    plot_spy *spy = (plot_spy *)ctx; /* the caller's own, non-const plot_spy */
    grid_free(spy->own);
    spy->own = grid_alloc(r.w, r.h);
    if (spy->own)
        spy->plot(spy->ctx, (grid_rect){0, 0, r.w, r.h}, spy->own);
    return spy->plot(spy->ctx, r, g);
}

/* The curves view of s drawn into a fresh w x h grid with opts.metric = metric. */
static grid *curves_at(const session *s, const view_input *in, size_t metric, int w, int h)
{
    view_opts o = s->opts;
    o.metric = metric;
    grid *g = grid_alloc(w, h);
    if (g)
        view_draw(in, VIEW_CURVES, &o, (grid_rect){0, 0, w, h}, g);
    return g;
}

/* Issue 13, point 5: a curves preset opens on every panel its caption names. Each metric
 * name of the generator that the caption uses as a word and that is one of the curves'
 * panels (some panel shows it as `m` cycles) must be a panel's y title in the plot area
 * at 120x40 as the preset opens, unless the caption says how to reach it: "NAME (key m)". */
static void expect_caption_metrics_shown(const char *name, const preset *pr, const session *s,
                                         const view_input *in, const grid *plot)
{
    const model_ops *ops = model_get(s->p.generator);
    if (s->view != VIEW_CURVES || !ops || !plot)
        return;
    for (size_t m = 0; m < ops->n_metrics; m++) {
        const char *metric = ops->metric_names[m];
        if (!has_word(pr->caption, metric))
            continue;
        int panel = 0;
        for (size_t k = 0; k < ops->n_metrics && !panel; k++) {
            grid *g = curves_at(s, in, k, plot->w, plot->h);
            panel = g && grid_has_word(g, metric);
            grid_free(g);
        }
        char hint[96];
        snprintf(hint, sizeof hint, "%s (key m)", metric);
        if (panel && !strstr(pr->caption, hint))
            cr_expect(grid_has_word(plot, metric),
                      "%s: the caption names %s, which no panel shows at 120x40", name, metric);
        if (strstr(pr->caption, hint))
            cr_expect(panel, "%s: the caption says %s is a key m away; no panel shows it", name,
                      hint);
    }
}

#ifndef PRESET_SCREENS_FULL
/* The reduced size. Every preset keeps its generator, view, methods, d, k and the other
 * keys that decide what the screen shows; only the amount of work shrinks:
 *   runs = 1;
 *   n <= N_CAP samples and iters <= ITERS_CAP optimiser iterations;
 *   a sweep keeps three of its values (first, middle, last), given as sweep_values; a
 *   sweep over n is scaled so that its largest value is N_CAP (ratios kept).
 * This is a test of the screens, not of the estimates: no number is compared, so no
 * tolerance depends on these sizes (the statistical checks live in the core suites).
 * Each change goes through param_parse and must pass param_check; a change that does not
 * (a generator's minimum n, say) is dropped and that key keeps its shipped value, so no
 * preset is left out. */
enum { N_CAP = 2000, ITERS_CAP = 20, SWEEP_KEEP = 3 };

/* Set key to text in *p if the result still passes param_check (returns 1); else leave
 * *p as is (returns 0). */
static int try_set(rs_params *p, const char *name, const char *key, const char *text)
{
    rs_params q = *p;
    rs_error err;
    if (param_parse(&q, param_find(key), text, &err) == RS_OK && param_check(&q, &err) == RS_OK) {
        *p = q;
        return 1;
    }
    cr_log_info("%s: %s=%s not applied (%s); kept as shipped", name, key, text, err.msg);
    return 0;
}

static void reduce(rs_params *p, const char *name)
{
    char text[PARAM_MAX_LIST * 32];
    try_set(p, name, "runs", "1");
    if (p->n > N_CAP) {
        snprintf(text, sizeof text, "%d", N_CAP);
        try_set(p, name, "n", text);
    }
    if (p->iters > ITERS_CAP) {
        snprintf(text, sizeof text, "%d", ITERS_CAP);
        try_set(p, name, "iters", text);
    }
    if (p->sweep < 0)
        return;
    double v[PARAM_MAX_LIST];
    const size_t m = param_sweep_values(p, v);
    double keep[SWEEP_KEEP];
    size_t kept = 0;
    if (m <= SWEEP_KEEP) {
        for (size_t j = 0; j < m; j++)
            keep[kept++] = v[j];
    } else {
        keep[kept++] = v[0];
        keep[kept++] = v[m / 2];
        keep[kept++] = v[m - 1];
    }
    const int sweep_n = p->sweep == param_find("n");
    double scale = 1.0;
    for (size_t j = 0; sweep_n && j < kept; j++)
        if (keep[j] * scale > N_CAP)
            scale = N_CAP / keep[j];
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: the scaled values (n sweeps); pass 1: the unscaled three, when the
         * scaled ones fail param_check or nothing was scaled */
        if (pass == 1 && scale == 1.0)
            break;
        const double s = pass == 0 ? scale : 1.0;
        size_t len = 0;
        for (size_t j = 0; j < kept; j++)
            len += (size_t)snprintf(text + len, sizeof text - len, "%s%.10g", j ? "," : "",
                                    sweep_n ? (double)(size_t)(keep[j] * s + 0.5) : keep[j] * s);
        if (try_set(p, name, "sweep_values", text))
            break;
    }
}
#endif

static void free_shipped(struct criterion_test_params *crp)
{
    cr_free(crp->params);
}

ParameterizedTestParameters(SUITE, renders_at_80x24_and_120x40)
{
    shipped_preset *list = cr_malloc(sizeof *list * MAX_SHIPPED);
    const size_t n = list ? shipped_names(list, MAX_SHIPPED) : 0;
    return cr_make_param_array(shipped_preset, list, n, free_shipped);
}

ParameterizedTest(shipped_preset *sp, SUITE, renders_at_80x24_and_120x40,
                  .timeout = PER_PRESET_TIMEOUT)
{
    gsl_set_error_handler_off();
    openblas_set_num_threads(1);
    const char *name = sp->name;
    static session s;
    static preset pr;
    char path[PRESET_PATH];
    rs_error err;
    rs_params p;
    snprintf(path, sizeof path, "%s/%s.ini", RS_PRESET_DIR, name);
    cr_assert_eq(preset_read(path, &pr, &err), RS_OK, "%s", err.msg);
    cr_assert_eq(preset_params(&pr, &p, &err), RS_OK, "%s", err.msg);
#ifndef PRESET_SCREENS_FULL
    reduce(&p, name);
    cr_assert_eq(param_check(&p, &err), RS_OK, "%s reduced: %s", name, err.msg);
#endif
    cr_assert_eq(machine_memory_check(&p, &err), RS_OK, "%s: %s", name, err.msg);
    session_init(&s, &p, &pr, name);
    worker *w = worker_alloc();
    cr_assert_not_null(w);
    cr_assert_eq(worker_submit(w, &p, machine_threads(&p), &err), RS_OK, "%s: %s", name, err.msg);
    worker_wait(w, -1);
    worker_status ws;
    worker_status_get(w, &ws);
    cr_assert_eq(ws.state, WORKER_DONE, "%s: %s", name, ws.error);
    view_input in;
    worker_view(w, &in);
    const int sizes[2][2] = {{80, 24}, {120, 40}};
    for (int j = 0; j < 2; j++) {
        grid *g = grid_alloc(sizes[j][0], sizes[j][1]);
        cr_assert_not_null(g);
        screen_model m;
        session_model(&s, &ws, &in, &m);
        plot_spy spy = {m.plot, m.plot_ctx, NULL};
        if (m.plot) {
            m.plot = spy_plot;
            m.plot_ctx = &spy;
        }
        cr_expect_eq(screen_draw(&m, g), RS_OK, "%s at %dx%d", name, g->w, g->h);
        if (g->w == 120)
            expect_caption_metrics_shown(name, &pr, &s, &in, spy.own);
        grid_free(spy.own);
        char want[300];
        /* 80 columns cut long titles: the name's first 10 characters must show. */
        snprintf(want, sizeof want, "preset %.*s", g->w < 100 ? 10 : 255, name);
        cr_expect(support_grid_has(g, want), "%s at %dx%d: title lacks '%s'", name, g->w, g->h,
                  want);
        snprintf(want, sizeof want, "%d %s", s.view + 1, param_view_name(s.view));
        cr_expect(support_grid_has(g, want), "%s at %dx%d: no tab '%s'", name, g->w, g->h, want);
        cr_expect(!support_grid_has(g, "not part of the"),
                  "%s: its view is not one of its generator's", name);
        cr_expect(!support_grid_has(g, "nan") || support_grid_has(g, "! "),
                  "%s at %dx%d: NaN on screen without a warning", name, g->w, g->h);
        /* The caption's first words are on screen (wrapped under the plot). */
        char first[24] = {0};
        sscanf(pr.caption, "%23s", first);
        cr_expect(!first[0] || support_grid_has(g, first), "%s at %dx%d: caption not shown", name,
                  g->w, g->h);
        grid_free(g);
    }
    worker_reap(w);
    worker_free(w);
}

/* The parameter list is the directory: make sure it is the shipped set (at least the 20
 * presets issue 4 listed), and that the search path finds each one by name. */
Test(SUITE, every_shipped_preset_is_listed)
{
    static shipped_preset list[MAX_SHIPPED];
    const size_t n = shipped_names(list, MAX_SHIPPED);
    cr_assert_geq(n, 20, "shipped presets found in %s: %zu", RS_PRESET_DIR, n);
    static char names[MAX_SHIPPED][256];
    const size_t m = preset_names(names, MAX_SHIPPED);
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        for (size_t j = 0; j < m && !found; j++)
            found = strcmp(names[j], list[i].name) == 0;
        cr_expect(found, "%s: not in preset_names", list[i].name);
    }
}
