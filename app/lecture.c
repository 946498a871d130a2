/* lecture.c — the tour and --load modes and their hooks into the TUI (see lecture.h). */
#include "lecture.h"

#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "batch_phase.h"
#include "grid.h"
#include "machine.h"
#include "model.h"
#include "screenshot.h"
#include "tui.h"

static char load_status[320];

void lecture_input(lecture *l, worker *w, worker_status *ws, view_input *in)
{
    if (!l || !l->load) {
        worker_status_get(w, ws);
        worker_view(w, in);
        return;
    }
    load_view(l->load, in);
    const size_t total = l->load->n_values * l->load->n_values2 * l->load->runs;
    *ws = (worker_status){
        .state = WORKER_DONE, .done = total, .total = total, .eta_s = -1, .last_s = -1};
}

/* Whether a and b differ only in keys that change no cell (PARAM_NO_CELLS). */
static bool same_cells(const rs_params *a, const rs_params *b)
{
    return a->generator == b->generator && param_first_cell_difference(a, b, -1) < 0;
}

unsigned lecture_key(lecture *l, session *s, int key)
{
    if (!l)
        return session_key(s, key);
    if (l->tour) {
        bool handled;
        const unsigned act = tour_key(l->tour, s, key, &handled);
        if (handled)
            return act;
    }
    if (!l->load)
        return session_key(s, key);
    *l->backup = *s;
    const unsigned act = session_key(s, key);
    if (!(act & SESSION_RECOMPUTE))
        return act & ~SESSION_PAUSE;
    if (same_cells(&s->p, &l->load->p) && strcmp(s->preset_name, l->backup->preset_name) == 0) {
        l->load->p = s->p; /* e.g. t's contour on a phase map: shown, nothing recomputed */
        return act & ~(SESSION_RECOMPUTE | SESSION_PAUSE);
    }
    *s = *l->backup; /* the loaded cells are all there is: nothing may recompute */
    session_message(s, true,
                    "loaded from %zu file(s): keys that recompute are disabled (run "
                    "without --load to explore)",
                    l->load->n_files);
    return act & ~(SESSION_RECOMPUTE | SESSION_PAUSE);
}

unsigned lecture_tick(lecture *l, session *s, const worker_status *ws)
{
    return l && l->tour ? tour_tick(l->tour, s, ws, rs_now_s()) : 0;
}

void lecture_decorate(lecture *l, session *s, screen_model *m)
{
    if (l && l->tour)
        tour_decorate(l->tour, s, m);
    if (l && l->load) {
        const load_data *d = l->load;
        char what[160];
        if (d->p.sweep2 >= 0)
            snprintf(what, sizeof what, "phase map %s × %s: %zu × %zu values × %zu runs",
                     param_table[d->p.sweep].key, param_table[d->p.sweep2].key, d->n_values,
                     d->n_values2, d->runs);
        else if (d->p.sweep >= 0)
            snprintf(what, sizeof what, "sweep %s: %zu values × %zu runs",
                     param_table[d->p.sweep].key, d->n_values, d->runs);
        else
            snprintf(what, sizeof what, "%zu runs", d->runs);
        snprintf(load_status, sizeof load_status, " loaded %s · %s · %zu shard%s from %zu file%s",
                 param_generator_name(d->p.generator), what, d->shard_count,
                 d->shard_count == 1 ? "" : "s", d->n_files, d->n_files == 1 ? "" : "s");
        m->status_left = load_status;
    }
}

/* The screen of l's current state at c's size, to path or (NULL) stdout as text. */
static rs_status write_screen(const cli *c, lecture *l, session *s, worker *w, const char *path,
                              rs_error *err)
{
    grid *g = grid_alloc((int)c->cols, (int)c->rows);
    if (!g)
        return rs_error_set(err, RS_ENOMEM, "screenshot: out of memory");
    worker_status ws;
    view_input in;
    screen_model m;
    lecture_input(l, w, &ws, &in);
    session_model(s, &ws, &in, &m);
    lecture_decorate(l, s, &m);
    const rs_status st = screenshot_emit(&m, c, g, path, stdout, err);
    grid_free(g);
    return st;
}

/* The preset a loaded head names, for the title and caption, when it can still be found. */
static void load_preset(cli *c, const load_data *d)
{
    char path[PRESET_PATH];
    rs_error e;
    c->have_preset = d->preset[0] && preset_find(d->preset, path, &e) == RS_OK &&
                     preset_read(path, &c->preset, &e) == RS_OK;
}

/* --set pairs with --load: only keys that change no cell (cli_lecture_check). A phase
 * map opens on the phase view unless --set view says otherwise. */
static rs_status load_sets(cli *c, rs_error *err)
{
    rs_error e;
    if (c->params.sweep2 >= 0 && c->mode != CLI_BATCH) /* --batch re-writes the head as read */
        c->params.view = VIEW_PHASE;
    for (size_t j = 0; j < c->n_sets; j++) {
        char key[64];
        const size_t klen = strcspn(c->sets[j], "=");
        snprintf(key, sizeof key, "%.*s", (int)(klen < 63 ? klen : 63), c->sets[j]);
        if (cli_apply_pair(&c->params, key, c->sets[j] + klen + 1, &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "--set %s", e.msg);
    }
    return param_check(&c->params, &e) == RS_OK
               ? RS_OK
               : rs_error_set(err, RS_EINVAL, "--set with --load: %s", e.msg);
}

/* The TUI of a tour or of loaded shards: in the terminal's locale, as main() sets it for
 * the plain TUI (tui.c draws Unicode only under UTF-8), and only now, so that --batch
 * and --screenshot keep the C locale's numbers. */
static int run_tui(const cli *c, lecture *l, rs_error *err)
{
    setlocale(LC_ALL, "");
    return tui_run_lecture(c, l, err);
}

static int load_main(cli *c)
{
    static load_data d;
    rs_error err;
    rs_status st = RS_OK;
    if (c->mode == CLI_SCREENSHOT && screenshot_check_path(c->screenshot, &err) != RS_OK) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
        return 2; /* before reading anything */
    }
    st = load_files(c->loads, c->n_loads, &d, &err);
    if (st == RS_OK) {
        c->params = d.p;
        c->shard_index = 0;
        c->shard_count = 1;
        load_preset(c, &d);
        st = load_sets(c, &err);
        d.p = c->params; /* what --set changed (metric, contour, view) is what is shown */
    }
    if (st != RS_OK) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
        load_free(&d);
        return st == RS_ENOMEM ? 1 : 2;
    }
    session *s = malloc(2 * sizeof *s);
    lecture l = {.load = &d, .backup = s ? s + 1 : NULL};
    int rc = 0;
    if (!s) {
        st = rs_error_set(&err, RS_ENOMEM, "--load: out of memory");
    } else if (c->mode == CLI_BATCH) {
        if (d.p.sweep2 >= 0)
            batch_phase_print(c, d.values, d.n_values, d.values2, d.n_values2, d.cells, stdout);
        else
            batch_print(c, d.values, d.n_values, d.cells, stdout);
        st = fflush(stdout) == 0 ? RS_OK : rs_error_set(&err, RS_EIO, "stdout: write failed");
    } else if (c->mode == CLI_SCREENSHOT || !isatty(STDOUT_FILENO)) {
        session_init(s, &c->params, c->have_preset ? &c->preset : NULL,
                     c->have_preset ? c->preset.name : NULL);
        st = write_screen(c, &l, s, NULL, c->mode == CLI_SCREENSHOT ? c->screenshot : NULL, &err);
    } else {
        rc = run_tui(c, &l, &err);
    }
    if (st != RS_OK) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
        rc = st == RS_EINVAL ? 2 : 1;
    } else if (rc) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
    }
    free(s);
    load_free(&d);
    return rc;
}

/* The directory of --tour --screenshot DIR/, created when missing (after the tour has
 * been read and checked, so that bad input leaves nothing behind). */
static rs_status shot_dir(const char *dir, rs_error *err)
{
    struct stat sb;
    if (stat(dir, &sb) == 0)
        return S_ISDIR(sb.st_mode)
                   ? RS_OK
                   : rs_error_set(err, RS_EINVAL, "--screenshot %s: not a directory", dir);
    if (mkdir(dir, 0777) != 0)
        return rs_error_set(err, RS_EIO, "--screenshot %s: cannot create the directory (%s)", dir,
                            strerror(errno));
    return RS_OK;
}

/* Every step, computed to the end, as DIR/NN-NAME.svg, or (dir NULL) as text on stdout. */
static rs_status tour_shots(const cli *c, lecture *l, session *s, worker *w, const char *dir,
                            rs_error *err)
{
    tour *t = l->tour;
    rs_status st = dir ? shot_dir(dir, err) : RS_OK;
    for (size_t i = 0; st == RS_OK && i < t->n_steps; i++) {
        if (!tour_goto(t, s, i))
            return rs_error_set(err, RS_EINVAL, "%s: step [%s]: %s", t->path, t->steps[i].name,
                                s->message);
        if ((st = worker_submit(w, &s->p, machine_threads(&s->p), err)) != RS_OK)
            return st;
        worker_wait(w, -1);
        worker_status ws;
        worker_status_get(w, &ws);
        if (ws.state == WORKER_FAILED)
            return rs_error_set(err, RS_EINVAL, "step [%s]: %s", t->steps[i].name, ws.error);
        char path[PRESET_PATH + 100];
        const size_t len = dir ? strlen(dir) : 0;
        snprintf(path, sizeof path, "%s%s%02zu-%s.svg", dir ? dir : "",
                 len && dir[len - 1] == '/' ? "" : "/", i + 1, t->steps[i].name);
        if (!dir)
            printf("%s── step %zu/%zu: %s\n", i ? "\n" : "", i + 1, t->n_steps, t->steps[i].name);
        st = write_screen(c, l, s, w, dir ? path : NULL, err);
    }
    return st;
}

static int tour_main(cli *c)
{
    static tour t;
    rs_error err;
    char path[PRESET_PATH];
    rs_params p0;
    t.sets = c->sets;
    t.n_sets = c->n_sets;
    if (tour_find(c->tour_file, path, &err) != RS_OK || tour_read(path, &t, &err) != RS_OK ||
        tour_step_params(&t, 0, &p0, &err) != RS_OK) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
        return 2;
    }
    c->params = p0;
    session *s = malloc(sizeof *s);
    worker *w = worker_alloc();
    lecture l = {.tour = &t};
    int rc = 0;
    rs_status st = RS_OK;
    if (!s || !w) {
        st = rs_error_set(&err, RS_ENOMEM, "--tour: out of memory");
    } else if (c->mode == CLI_SCREENSHOT || !isatty(STDOUT_FILENO)) {
        session_init(s, &p0, NULL, NULL);
        st = tour_shots(c, &l, s, w, c->mode == CLI_SCREENSHOT ? c->screenshot : NULL, &err);
        if (st == RS_OK && fflush(stdout) != 0)
            st = rs_error_set(&err, RS_EIO, "stdout: write failed");
    } else {
        worker_free(w);
        w = NULL;
        if ((rc = run_tui(c, &l, &err)) != 0)
            fprintf(stderr, "reluscope: %s\n", err.msg);
    }
    if (st != RS_OK) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
        rc = 1;
    }
    worker_free(w);
    free(s);
    return rc;
}

int lecture_main(cli *c)
{
    return c->n_loads ? load_main(c) : tour_main(c);
}
