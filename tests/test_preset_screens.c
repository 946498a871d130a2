/* test_preset_screens.c — every shipped preset loads, validates, computes and renders its
 * screen at 80x24 and 120x40 (issue 4), through the same session, worker and screen
 * code as the TUI and --screenshot: the screen names the preset, shows its view's tab
 * highlighted and its caption, and never shows NaN without a "!" warning. Slow (it runs
 * every preset once), so it has a suite of its own, run in the release build only. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "grid.h"
#include "preset.h"
#include "screen.h"
#include "session.h"
#include "sink_txt.h"
#include "worker.h"
#include "machine.h"

void openblas_set_num_threads(int num_threads);

static int screen_has(const grid *g, const char *text)
{
    char row[4096];
    for (int y = 0; y < g->h; y++) {
        sink_txt_row(g, y, row, sizeof row);
        if (strstr(row, text))
            return 1;
    }
    return 0;
}

Test(preset_screens, every_shipped_preset_renders_at_80x24_and_120x40, .timeout = 1800)
{
    gsl_set_error_handler_off();
    openblas_set_num_threads(1);
    static char names[256][256];
    const size_t n = preset_names(names, 256);
    cr_assert_geq(n, 20, "the shipped presets were found (%zu)", n);
    static session s;
    static preset pr;
    worker *w = worker_alloc();
    cr_assert_not_null(w);
    size_t rendered = 0;
    for (size_t i = 0; i < n; i++) {
        char path[PRESET_PATH];
        rs_error err;
        rs_params p;
        cr_assert_eq(preset_find(names[i], path, &err), RS_OK, "%s", err.msg);
        if (!strstr(path, RS_PRESET_DIR))
            continue; /* only the shipped ones: a user's saved presets are not ours to test */
        cr_assert_eq(preset_read(path, &pr, &err), RS_OK, "%s", err.msg);
        cr_assert_eq(preset_params(&pr, &p, &err), RS_OK, "%s", err.msg);
        cr_assert_eq(machine_memory_check(&p, &err), RS_OK, "%s", err.msg);
        session_init(&s, &p, &pr, names[i]);
        cr_assert_eq(worker_submit(w, &p, machine_threads(&p), &err), RS_OK, "%s", err.msg);
        worker_wait(w, -1);
        worker_status ws;
        worker_status_get(w, &ws);
        cr_assert_eq(ws.state, WORKER_DONE, "%s: %s", names[i], ws.error);
        view_input in;
        worker_view(w, &in);
        const int sizes[2][2] = {{80, 24}, {120, 40}};
        for (int j = 0; j < 2; j++) {
            grid *g = grid_alloc(sizes[j][0], sizes[j][1]);
            screen_model m;
            session_model(&s, &ws, &in, &m);
            cr_expect_eq(screen_draw(&m, g), RS_OK, "%s at %dx%d", names[i], g->w, g->h);
            char want[300];
            /* 80 columns cut long titles: the name's first 10 characters must show. */
            snprintf(want, sizeof want, "preset %.*s", g->w < 100 ? 10 : 255, names[i]);
            cr_expect(screen_has(g, want), "%s at %dx%d: title lacks '%s'", names[i], g->w, g->h,
                      want);
            snprintf(want, sizeof want, "%d %s", s.view + 1, param_view_name(s.view));
            cr_expect(screen_has(g, want), "%s at %dx%d: no tab '%s'", names[i], g->w, g->h, want);
            cr_expect(!screen_has(g, "not part of the"), "%s: its view is not one of its generator's",
                      names[i]);
            cr_expect(!screen_has(g, "nan") || screen_has(g, "! "),
                      "%s at %dx%d: NaN on screen without a warning", names[i], g->w, g->h);
            /* The caption's first words are on screen (wrapped under the plot). */
            char first[24] = {0};
            sscanf(pr.caption, "%23s", first);
            cr_expect(!first[0] || screen_has(g, first), "%s at %dx%d: caption not shown",
                      names[i], g->w, g->h);
            grid_free(g);
        }
        worker_reap(w);
        rendered++;
    }
    cr_expect_geq(rendered, 20, "shipped presets rendered: %zu", rendered);
    worker_free(w);
}
