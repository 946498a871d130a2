/* tour.c — reading a tour and stepping through it (see tour.h). */
#include "tour.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#ifndef RS_SOURCE_PRESETS
#define RS_SOURCE_PRESETS "presets"
#endif
#ifndef RS_DATA_PRESETS
#define RS_DATA_PRESETS "/usr/local/share/reluscope/presets"
#endif

static bool is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

rs_status tour_find(const char *name_or_path, char *out, rs_error *err)
{
    const char *name = name_or_path ? name_or_path : "intro";
    const size_t len = strlen(name);
    if (strchr(name, '/') || (len > 4 && strcmp(name + len - 4, ".ini") == 0)) {
        snprintf(out, PRESET_PATH, "%s", name);
        return is_file(out) ? RS_OK : rs_error_set(err, RS_EIO, "--tour %s: no such file", name);
    }
    const char *dirs[] = {RS_SOURCE_PRESETS, RS_DATA_PRESETS};
    for (size_t i = 0; i < 2; i++) {
        snprintf(out, PRESET_PATH, "%.2000s/tours/%.1000s.ini", dirs[i], name);
        if (is_file(out))
            return RS_OK;
    }
    return rs_error_set(err, RS_EINVAL, "--tour %s: no tour of that name in %s/tours or %s/tours",
                        name, RS_SOURCE_PRESETS, RS_DATA_PRESETS);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* A [section] line: the tour's head, or a new step. */
static rs_status section(tour *t, char *name, int line, rs_error *err)
{
    const size_t len = strlen(name);
    if (len < 3 || name[len - 1] != ']')
        return rs_error_set(err, RS_EINVAL, "%s:%d: a section needs [NAME]", t->path, line);
    name[len - 1] = 0;
    name = trim(name + 1);
    if (strcmp(name, "tour") == 0) {
        if (t->head_seen)
            return rs_error_set(err, RS_EINVAL, "%s:%d: [tour] must come first, once", t->path,
                                line);
        t->head_seen = true;
        return RS_OK;
    }
    if (!t->title[0])
        return rs_error_set(err, RS_EINVAL, "%s:%d: [tour] with a title must come first", t->path,
                            line);
    if (!name[0] || strlen(name) >= TOUR_STEP_NAME ||
        strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
            strlen(name))
        return rs_error_set(err, RS_EINVAL,
                            "%s:%d: step [%s]: allowed names of letters, digits, - and _", t->path,
                            line, name);
    for (size_t i = 0; i < t->n_steps; i++)
        if (strcmp(t->steps[i].name, name) == 0)
            return rs_error_set(err, RS_EINVAL, "%s:%d: step [%s] appears twice (also line %d)",
                                t->path, line, name, t->steps[i].line);
    if (t->n_steps == TOUR_MAX_STEPS)
        return rs_error_set(err, RS_EINVAL, "%s:%d: at most %d steps", t->path, line,
                            TOUR_MAX_STEPS);
    tour_step *st = &t->steps[t->n_steps++];
    memset(st, 0, sizeof *st);
    snprintf(st->name, sizeof st->name, "%s", name);
    st->dwell_s = 30;
    st->line = line;
    return RS_OK;
}

/* A key = value line of the head or of the current step. */
static rs_status pair(tour *t, const char *key, const char *value, int line, rs_error *err)
{
    if (t->n_steps == 0) {
        if (!t->head_seen)
            return rs_error_set(err, RS_EINVAL, "%s:%d: a tour starts with [tour]", t->path, line);
        if (strcmp(key, "title") != 0)
            return rs_error_set(err, RS_EINVAL, "%s:%d: [tour] %s: allowed key title", t->path,
                                line, key);
        snprintf(t->title, sizeof t->title, "%s", value);
        return RS_OK;
    }
    tour_step *st = &t->steps[t->n_steps - 1];
    if (strcmp(key, "preset") == 0) {
        snprintf(st->preset, sizeof st->preset, "%s", value);
    } else if (strcmp(key, "note") == 0) {
        snprintf(st->note, sizeof st->note, "%s", value);
    } else if (strcmp(key, "dwell") == 0) {
        char *end;
        st->dwell_s = strtod(value, &end);
        if (end == value || *end || !(st->dwell_s >= 0 && st->dwell_s <= 3600))
            return rs_error_set(err, RS_EINVAL, "%s:%d: dwell=%s: allowed seconds from 0 to 3600",
                                t->path, line, value);
    } else {
        return rs_error_set(err, RS_EINVAL, "%s:%d: %s: allowed keys preset, dwell, note", t->path,
                            line, key);
    }
    return RS_OK;
}

static rs_status parse_line(tour *t, char *text, int line, rs_error *err)
{
    char *s = trim(text);
    if (!s[0] || s[0] == ';' || s[0] == '#')
        return RS_OK;
    if (s[0] == '[')
        return section(t, s, line, err);
    char *eq = strchr(s, '=');
    if (!eq)
        return rs_error_set(err, RS_EINVAL, "%s:%d: allowed [SECTION] or KEY = VALUE", t->path,
                            line);
    *eq = 0;
    return pair(t, trim(s), trim(eq + 1), line, err);
}

rs_status tour_step_params(const tour *t, size_t i, rs_params *p, rs_error *err)
{
    static preset pr;
    const tour_step *st = &t->steps[i];
    char path[PRESET_PATH];
    rs_error e;
    if (!st->preset[0])
        return rs_error_set(err, RS_EINVAL, "%s:%d: step [%s] names no preset", t->path, st->line,
                            st->name);
    if (preset_find(st->preset, path, &e) != RS_OK || preset_read(path, &pr, &e) != RS_OK ||
        preset_params(&pr, p, &e) != RS_OK)
        return rs_error_set(err, RS_EINVAL, "%s:%d: step [%s]: %s", t->path, st->line, st->name,
                            e.msg);
    for (size_t j = 0; j < t->n_sets; j++) {
        char key[64];
        const size_t klen = strcspn(t->sets[j], "=");
        snprintf(key, sizeof key, "%.*s", (int)(klen < 63 ? klen : 63), t->sets[j]);
        if (cli_apply_pair(p, key, t->sets[j] + klen + (t->sets[j][klen] ? 1 : 0), &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "--set %s", e.msg);
    }
    if (t->n_sets && param_check(p, &e) != RS_OK)
        return rs_error_set(err, RS_EINVAL, "step [%s] with --set: %s", st->name, e.msg);
    return RS_OK;
}

/* Every step names a preset that loads and passes its checks (with the --set pairs). */
static rs_status check_steps(const tour *t, rs_error *err)
{
    if (!t->title[0])
        return rs_error_set(err, RS_EINVAL, "%s: no [tour] title", t->path);
    if (t->n_steps == 0)
        return rs_error_set(err, RS_EINVAL, "%s: no steps", t->path);
    for (size_t i = 0; i < t->n_steps; i++) {
        rs_params p;
        const rs_status st = tour_step_params(t, i, &p, err);
        if (st != RS_OK)
            return st;
    }
    return RS_OK;
}

rs_status tour_read(const char *path, tour *t, rs_error *err)
{
    const char *const *sets = t->sets;
    const size_t n_sets = t->n_sets;
    memset(t, 0, sizeof *t);
    t->sets = sets;
    t->n_sets = n_sets;
    snprintf(t->path, sizeof t->path, "%s", path);
    t->done_at_s = -1;
    FILE *f = fopen(path, "r");
    if (!f)
        return rs_error_set(err, RS_EIO, "--tour %s: cannot read the file", path);
    char *line = NULL;
    size_t cap = 0;
    int n = 0;
    rs_status st = RS_OK;
    while (st == RS_OK && getline(&line, &cap, f) >= 0) {
        n++;
        if (strlen(line) > PRESET_LINE_MAX)
            st = rs_error_set(err, RS_EINVAL, "%s:%d: line longer than %d bytes", path, n,
                              PRESET_LINE_MAX);
        else
            st = parse_line(t, line, n, err);
    }
    free(line);
    fclose(f);
    return st == RS_OK ? check_steps(t, err) : st;
}

unsigned tour_goto(tour *t, session *s, size_t i)
{
    if (i >= t->n_steps)
        return 0;
    if (session_load_preset(s, t->steps[i].preset) != RS_OK)
        return 0; /* checked when read; the message says what changed since */
    rs_error e;
    rs_params p;
    if (t->n_sets && tour_step_params(t, i, &p, &e) == RS_OK) {
        s->p = p; /* the --set pairs hold on every step */
        s->preset_p = p;
    }
    t->current = i;
    t->done_at_s = -1;
    return SESSION_RECOMPUTE;
}

unsigned tour_key(tour *t, session *s, int key, bool *handled)
{
    *handled = s->input == INPUT_NONE && s->overlay == SCREEN_OVERLAY_NONE;
    if (!*handled)
        return 0;
    switch (key) {
    case ' ':
    case SKEY_RIGHT:
        if (t->current + 1 < t->n_steps)
            return tour_goto(t, s, t->current + 1);
        session_message(s, false, "the last step of the tour (← goes back, q quits)");
        return 0;
    case SKEY_LEFT:
        if (t->current > 0)
            return tour_goto(t, s, t->current - 1);
        session_message(s, false, "the first step of the tour");
        return 0;
    case 'a':
        t->auto_on = !t->auto_on;
        t->done_at_s = -1;
        session_message(s, false, "auto-advance %s", t->auto_on ? "on" : "off");
        return 0;
    default:
        *handled = false;
        return 0;
    }
}

unsigned tour_tick(tour *t, session *s, const worker_status *ws, double now_s)
{
    if (!t->auto_on || (ws->state != WORKER_DONE && ws->state != WORKER_FAILED))
        return 0;
    if (t->done_at_s < 0) {
        t->done_at_s = now_s;
        return 0;
    }
    if (now_s - t->done_at_s < t->steps[t->current].dwell_s)
        return 0;
    if (t->current + 1 >= t->n_steps) {
        t->auto_on = false;
        session_message(s, false, "end of the tour");
        return 0;
    }
    return tour_goto(t, s, t->current + 1);
}

void tour_decorate(tour *t, const session *s, screen_model *m)
{
    const tour_step *st = &t->steps[t->current];
    snprintf(t->status, sizeof t->status, "step %zu/%zu%s · %s", t->current + 1, t->n_steps,
             t->auto_on ? " auto" : "", m->status_right ? m->status_right : "");
    m->status_right = t->status;
    snprintf(t->title_buf, sizeof t->title_buf, "tour: %.200s · %.400s", t->title,
             m->title ? m->title : "");
    m->title = t->title_buf;
    if (s->caption_mode != CAPTION_HIDDEN && st->note[0]) {
        snprintf(t->caption, sizeof t->caption, "%s%s▸ %s", m->caption ? m->caption : "",
                 m->caption && m->caption[0] ? "  " : "", st->note);
        m->caption = t->caption;
    }
}
