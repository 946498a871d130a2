/* session.c — the TUI's state machine: knobs, views, presets, typing (see session.h). */
#include "session.h"
#include "session_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "line_edit.h"
#include "machine.h"
#include "model.h"
#include "session_phase.h"

static const char help_text[] =
    "↑ ↓ PgUp PgDn  select a knob     ← → − +  change it (n, kappa: ×/÷ 1-2-5)\n"
    "Enter      type a value (Esc cancels)     g    next generator\n"
    "Tab 1-6    switch view (curves angles landscape learning data phase)\n"
    "H J K L    phase: move the cursor cell   t  type a threshold contour\n"
    "m e        next metric panel / next compared method shown\n"
    "f          toggle the n^-1/2 reference line\n"
    "y x        y / x axis: the rule, log, linear\n"
    "z Z        y range: fitted to the means shown / automatic\n"
    "F          full-screen plot (hides the knobs)\n"
    "b B        A/B: freeze as A, then swap A and B / clear A\n"
    "r          new data (seed + 1)       space  pause / resume the computation\n"
    "p          preset menu       [ ]  previous / next preset\n"
    "c          caption: short, full, hidden\n"
    "P S        save the settings as a preset / a screenshot (.svg, .txt)\n"
    "mouse      click a knob, tab, preset, point or map cell; wheel steps a knob\n"
    "? F1       this help         q    quit";

const char *session_help_text(void)
{
    return help_text;
}

void session_message(session *s, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->message, sizeof s->message, fmt, ap);
    va_end(ap);
    s->message_error = error;
}

static void build_knobs(session *s)
{
    s->n_knobs = 0;
    for (size_t i = 0; i < param_count && s->n_knobs < SESSION_MAX_KNOBS; i++) {
        if (!(param_table[i].generators & (1u << s->p.generator)))
            continue;
        if (strcmp(param_table[i].key, "view") == 0) /* the tabs show it */
            continue;
        s->knobs[s->n_knobs++] = (int)i;
    }
    if (s->selected >= s->n_knobs)
        s->selected = 0;
}

/* A preset's expected run time for the menu (issue 15, point 2): "0.7 s", "55 s", "2.3 min";
 * "" when the preset gives none. */
static void format_seconds(double t, char *buf, size_t len)
{
    if (!(t > 0))
        buf[0] = 0;
    else if (t < 9.95)
        snprintf(buf, len, "%.1f s", t);
    else if (t < 99.5)
        snprintf(buf, len, "%.0f s", t);
    else
        snprintf(buf, len, "%.1f min", t / 60);
}

static void list_presets(session *s)
{
    static char names[SESSION_MAX_PRESETS][256];
    s->n_presets = preset_names(names, SESSION_MAX_PRESETS);
    for (size_t i = 0; i < s->n_presets; i++) {
        memcpy(s->names[i], names[i], sizeof s->names[i]);
        s->titles[i][0] = s->captions[i][0] = s->times[i][0] = 0;
        char path[PRESET_PATH];
        rs_error e;
        static preset tmp;
        if (preset_find(names[i], path, &e) == RS_OK && preset_read(path, &tmp, &e) == RS_OK) {
            snprintf(s->titles[i], sizeof s->titles[i], "%.150s", tmp.title);
            snprintf(s->captions[i], sizeof s->captions[i], "%s", tmp.caption);
            format_seconds(tmp.expected_seconds, s->times[i], sizeof s->times[i]);
        } else {
            snprintf(s->titles[i], sizeof s->titles[i], "(unreadable: %.130s)", e.msg);
        }
    }
}

static bool view_ok(const session *s, int view)
{
    if (view == VIEW_PHASE) /* every generator's, once a second key is swept */
        return s->p.sweep2 >= 0;
    return view >= 0 && view < VIEW_COUNT && (view_available(s->p.generator) & (1u << view));
}

/* The view options a preset opens with: its panels and its y axis (issue 13, point 5). */
static void preset_opts(session *s)
{
    view_opts_init(&s->opts);
    if (!s->have_preset)
        return;
    s->opts.panels = s->pr.panels;
    s->opts.y_scale = preset_yscale(&s->pr) > 0 ? preset_yscale(&s->pr) : VIEW_Y_AUTO;
}

/* What a preset saved now opens on: the axes as the user set them, and the preset's
 * panels while its generator is still the one shown (another's metric names would not
 * read back). */
static preset_view saved_view(const session *s, char *ylim, size_t size)
{
    static const char *const scale[VIEW_Y_COUNT] = {[VIEW_Y_LOG] = "log", [VIEW_Y_LIN] = "lin"};
    preset_view v = {
        .yscale = scale[s->opts.y_scale],
        .xscale = scale[s->opts.x_scale],
    };
    if (s->have_preset && s->preset_p.generator == s->p.generator)
        v.panels = s->pr.panels;
    if (isfinite(s->opts.y_lo) && isfinite(s->opts.y_hi)) {
        snprintf(ylim, size, "%.17g,%.17g", s->opts.y_lo, s->opts.y_hi);
        v.ylim = ylim;
    }
    return v;
}

void session_init(session *s, const rs_params *p, const preset *pr, const char *preset_name)
{
    memset(s, 0, sizeof *s);
    s->p = *p;
    s->preset_p = *p;
    s->have_preset = pr != NULL;
    if (pr) {
        s->pr = *pr;
        /* The preset's own values, so that --set pairs show as changes from it. */
        rs_params q;
        rs_error e;
        if (preset_params(pr, &q, &e) == RS_OK)
            s->preset_p = q;
    }
    snprintf(s->preset_name, sizeof s->preset_name, "%s", preset_name ? preset_name : "");
    s->view = view_ok(s, p->view) ? p->view : VIEW_CURVES;
    preset_opts(s);
    session_preset_axes(s);
    build_knobs(s);
    list_presets(s);
    for (size_t i = 0; i < s->n_presets; i++)
        if (strcmp(s->names[i], s->preset_name) == 0)
            s->menu_selected = i;
}

/* After a generator change: the view shown so far, if the new generator offers it (else
 * its default view, which param_check would otherwise refuse). */
static void keep_view(rs_params *q, int view)
{
    const model_ops *ops = model_get(q->generator);
    if (ops && (ops->views & (1u << view)))
        q->view = view;
}

/* Accept candidate parameters if they pass every check a --set would. */
static unsigned try_params(session *s, const rs_params *q)
{
    rs_error e;
    if (param_check(q, &e) != RS_OK || machine_memory_check(q, &e) != RS_OK) {
        session_message(s, true, "%s", e.msg);
        return 0;
    }
    s->p = *q;
    s->message[0] = 0;
    return SESSION_RECOMPUTE;
}

/* Next value of the 1-2-5 sequence above (dir > 0) or below v. */
static double step_125(double v, int dir)
{
    if (!(v > 0))
        return dir > 0 ? 1.0 : 0.0;
    const double e = floor(log10(v));
    const double base = pow(10.0, e);
    const double seq[] = {0.5, 1, 2, 5, 10, 20};
    if (dir > 0) {
        for (size_t j = 0; j < 6; j++)
            if (seq[j] * base > v * (1 + 1e-9))
                return seq[j] * base;
        return 20 * base;
    }
    for (int j = 5; j >= 0; j--)
        if (seq[j] * base < v * (1 - 1e-9))
            return seq[j] * base;
    return 0.2 * base;
}

/* Sweep values around the knob's current value, for a sweep chosen with the arrows. */
static void default_sweep(rs_params *q, int key, double *list, size_t *count)
{
    const param_def *d = &param_table[key];
    const double v = param_get_number(q, key);
    const double mult[] = {0.1, 0.2, 0.5, 1, 2, 5, 10};
    size_t m = 0;
    for (int j = 0; j < 7; j++) {
        double x = d->multiplicative ? (v > 0 ? v * mult[j] : mult[j] * 10)
                                     : v + d->step * (double)(j - 3);
        if (d->type == PT_SIZE)
            x = round(x);
        if (x < d->min || x > d->max || (m > 0 && x <= list[m - 1]))
            continue;
        list[m++] = x;
    }
    *count = m;
}

static bool sweepable(int i, int gen)
{
    const param_def *d = &param_table[i];
    if (!(d->generators & (1u << gen)) || (d->type != PT_SIZE && d->type != PT_REAL))
        return false;
    return !(d->flags & PARAM_NO_SWEEP);
}

/* A number: multiplicative 1-2-5 steps or +/- the table's step, clamped to the range. */
static unsigned step_number(session *s, int i, int dir)
{
    const param_def *d = &param_table[i];
    rs_params q = s->p;
    rs_error e;
    const double v = param_get_number(&q, i);
    double x = d->multiplicative ? step_125(v, dir) : v + dir * d->step;
    if (d->type == PT_SIZE)
        x = round(x);
    x = fmax(d->min, fmin(d->max, x));
    if (x == v) {
        session_message(s, true, "%s=%g: at the end of its range", d->key, v);
        return 0;
    }
    if (param_set_number(&q, i, x, &e) != RS_OK) {
        session_message(s, true, "%s", e.msg);
        return 0;
    }
    return try_params(s, &q);
}

/* An enum: the next name that passes the checks (a new generator brings its defaults). */
static unsigned step_enum(session *s, int i, int dir)
{
    const param_def *d = &param_table[i];
    size_t count = 0;
    while (d->names[count])
        count++;
    /* Loss values are stored offset by METHOD_L2; step through the names instead. */
    char cur[96];
    param_format(&s->p, i, cur, sizeof cur);
    size_t pos = 0;
    while (pos < count && strcmp(d->names[pos], cur) != 0)
        pos++;
    for (size_t t = 1; t < count; t++) {
        const size_t next = (pos + count + (size_t)(dir > 0 ? (int)t : -(int)t)) % count;
        rs_params r = s->p;
        rs_error e, ce;
        if (param_parse(&r, i, d->names[next], &e) != RS_OK)
            continue;
        if (strcmp(d->key, "generator") == 0) {
            param_defaults(&r, (rs_generator)r.generator);
            keep_view(&r, s->p.view);
        }
        if (param_check(&r, &ce) == RS_OK && machine_memory_check(&r, &ce) == RS_OK)
            return try_params(s, &r);
        if (t == count - 1)
            session_message(s, true, "%s", ce.msg);
    }
    return 0;
}

/* compare: 0 (just the estimator or loss) and every subset of two or more of the
 * generator's methods, in bit order. */
static unsigned step_compare(session *s, int dir)
{
    rs_params q = s->p;
    const unsigned allowed = model_get(q.generator)->methods;
    unsigned list[1u << METHOD_COUNT];
    size_t m = 0, pos = 0;
    for (unsigned c = 0; c < (1u << METHOD_COUNT); c++)
        if ((c & ~allowed) == 0 && (c == 0 || (c & (c - 1)) != 0)) {
            if (c == q.compare)
                pos = m;
            list[m++] = c;
        }
    q.compare = list[(pos + m + (size_t)dir) % m];
    return try_params(s, &q);
}

/* sweep or sweep2 (key i): the next sweepable key of the generator, or none. */
static unsigned step_sweep_key(session *s, int i, int dir)
{
    rs_params q = s->p;
    const bool second = i == param_find("sweep2");
    int k = second ? q.sweep2 : q.sweep;
    for (size_t t = 0; t <= param_count; t++) {
        k = dir > 0 ? (k + 1 >= (int)param_count ? -1 : k + 1)
                    : (k - 1 < -1 ? (int)param_count - 1 : k - 1);
        if (k == -1 || (sweepable(k, q.generator) && !(second && k == q.sweep)))
            break;
    }
    if (second) { /* a phase map (issue 17): shown once there is one, curves after */
        q.sweep2 = k;
        if (k >= 0)
            default_sweep(&q, k, q.sweep2_values, &q.n_sweep2_values);
        const unsigned r = try_params(s, &q);
        if (r)
            s->view = s->p.view =
                k >= 0 ? VIEW_PHASE : (s->view == VIEW_PHASE ? VIEW_CURVES : s->view);
        return r;
    } else {
        q.sweep = k;
        if (k >= 0)
            default_sweep(&q, k, q.sweep_values, &q.n_sweep_values);
    }
    return try_params(s, &q);
}

static unsigned step_knob(session *s, int dir)
{
    const int i = s->knobs[s->selected];
    switch (param_table[i].type) {
    case PT_SIZE:
    case PT_REAL:
        return step_number(s, i, dir);
    case PT_ENUM:
        return step_enum(s, i, dir);
    case PT_SET:
        return step_compare(s, dir);
    case PT_KEY:
        return step_sweep_key(s, i, dir);
    case PT_LIST:
        session_message(s, false, "%s: press Enter and type a comma list", param_table[i].key);
        return 0;
    }
    return 0;
}

static void set_view(session *s, int view)
{
    if (view == VIEW_PHASE && !view_ok(s, view)) {
        session_message(s, true, "the phase view needs sweep2: a second swept key");
        return;
    }
    if (!view_ok(s, view)) {
        session_message(s, true, "the %s view is not part of the %s generator",
                        param_view_name(view), param_generator_name(s->p.generator));
        return;
    }
    s->view = view;
    s->p.view = view; /* no cell depends on it; a detail part it needs: worker_detail_sync */
    s->message[0] = 0;
}

static void cycle_view(session *s, int dir)
{
    int v = s->view;
    for (int t = 0; t < VIEW_ALL_COUNT; t++) {
        v = (v + dir + VIEW_ALL_COUNT) % VIEW_ALL_COUNT;
        if (view_ok(s, v))
            break;
    }
    set_view(s, v);
}

rs_status session_load_preset(session *s, const char *name)
{
    char path[PRESET_PATH];
    rs_error e;
    static preset pr;
    rs_params q;
    if (preset_find(name, path, &e) != RS_OK || preset_read(path, &pr, &e) != RS_OK ||
        preset_params(&pr, &q, &e) != RS_OK || machine_memory_check(&q, &e) != RS_OK) {
        session_message(s, true, "%s", e.msg);
        return RS_EINVAL;
    }
    s->p = q;
    s->preset_p = q;
    s->pr = pr;
    s->have_preset = true;
    snprintf(s->preset_name, sizeof s->preset_name, "%s", name);
    s->view = view_ok(s, q.view) ? q.view : VIEW_CURVES;
    preset_opts(s);
    session_preset_axes(s);
    build_knobs(s);
    session_message(s, false, "preset %s: %s", name, pr.title);
    return RS_OK;
}

static unsigned step_preset(session *s, int dir)
{
    if (s->n_presets == 0) {
        session_message(s, true, "no presets found");
        return 0;
    }
    size_t pos = s->menu_selected;
    for (size_t i = 0; i < s->n_presets; i++)
        if (strcmp(s->names[i], s->preset_name) == 0)
            pos = i;
    if (s->preset_name[0] || dir < 0)
        pos = (pos + s->n_presets + (size_t)dir) % s->n_presets;
    s->menu_selected = pos;
    return session_load_preset(s, s->names[pos]) == RS_OK ? SESSION_RECOMPUTE : 0;
}

static unsigned finish_input(session *s)
{
    const session_input mode = s->input;
    s->input = INPUT_NONE;
    rs_error e;
    if (mode == INPUT_THRESHOLD)
        return session_phase_threshold(s);
    if (mode == INPUT_VALUE) {
        rs_params q = s->p;
        const int i = s->knobs[s->selected];
        if (param_parse(&q, i, s->input_buf, &e) != RS_OK) {
            session_message(s, true, "%s", e.msg);
            return 0;
        }
        if (strcmp(param_table[i].key, "generator") == 0 && q.generator != s->p.generator) {
            param_defaults(&q, (rs_generator)q.generator);
            keep_view(&q, s->p.view);
        }
        const unsigned r = try_params(s, &q);
        build_knobs(s);
        if (!view_ok(s, s->view))
            s->view = VIEW_CURVES;
        return r;
    }
    if (mode == INPUT_SAVE_NAME || mode == INPUT_CONFIRM_OVERWRITE) {
        const bool overwrite = mode == INPUT_CONFIRM_OVERWRITE;
        if (overwrite && strcmp(s->input_buf, "y") != 0 && strcmp(s->input_buf, "yes") != 0) {
            session_message(s, false, "not saved");
            return 0;
        }
        if (!overwrite) {
            char dir[PRESET_PATH];
            const char *name = s->input_buf;
            if (preset_name_check(name, &e) != RS_OK) {
                session_message(s, true, "%s", e.msg);
                return 0;
            }
            if (!preset_user_dir(dir, sizeof dir)) {
                session_message(s, true, "no directory to save presets in (set HOME)");
                return 0;
            }
            const int w = snprintf(s->save_path, sizeof s->save_path, "%s/%s.ini", dir, name);
            if (w < 0 || (size_t)w >= sizeof s->save_path) {
                session_message(s, true, "%.200s...: path too long", dir);
                return 0;
            }
        }
        char title[PRESET_TEXT];
        snprintf(title, sizeof title, "%.900s (saved from the TUI)",
                 s->have_preset ? s->pr.title : "Custom settings");
        if (!overwrite && access(s->save_path, F_OK) == 0) {
            s->input = INPUT_CONFIRM_OVERWRITE;
            s->input_buf[0] = 0;
            session_message(s, false, "%s exists", s->save_path);
            return 0;
        }
        char ylim[64] = "";
        const preset_view view = saved_view(s, ylim, sizeof ylim);
        const rs_status st = preset_write(s->save_path, title, s->have_preset ? s->pr.caption : "",
                                          &s->p, &view, overwrite, &e);
        if (st != RS_OK)
            session_message(s, true, "%s", e.msg);
        else
            session_message(s, false, "saved %s", s->save_path);
        list_presets(s);
    }
    return 0;
}

static unsigned input_key(session *s, int key)
{
    const size_t len = strlen(s->input_buf);
    if (key == SKEY_ENTER)
        return finish_input(s);
    if (key == SKEY_ESC) {
        s->input = INPUT_NONE;
        session_message(s, false, "cancelled");
        return 0;
    }
    line_edit le = {.buf = s->input_buf, .pos = s->input_pos};
    const int edited = line_edit_key(&le, key);
    s->input_pos = le.pos;
    if (edited)
        return 0;
    if (key < 0x20 || key == 0x7f || key >= 0x110000 || (key >= 0xd800 && key <= 0xdfff))
        return 0; /* function keys and controls are not text */
    /* Every character typed is kept (UTF-8) or refused aloud, so that what is checked on
     * Enter is what was typed. */
    char u[4];
    const size_t n = line_edit_utf8((unsigned)key, u);
    if (len + n >= SESSION_INPUT_MAX) {
        session_message(s, true, "input: at most %d bytes", SESSION_INPUT_MAX - 1);
        return 0;
    }
    const size_t pos = s->input_pos <= len ? s->input_pos : len;
    memmove(s->input_buf + pos + n, s->input_buf + pos, len - pos + 1);
    memcpy(s->input_buf + pos, u, n);
    s->input_pos = pos + n;
    return 0;
}

static unsigned menu_key(session *s, int key)
{
    switch (key) {
    case SKEY_UP:
    case 'k':
        if (s->menu_selected > 0)
            s->menu_selected--;
        return 0;
    case SKEY_DOWN:
    case 'j':
        if (s->menu_selected + 1 < s->n_presets)
            s->menu_selected++;
        return 0;
    case SKEY_ENTER:
        s->overlay = SCREEN_OVERLAY_NONE;
        if (s->menu_selected < s->n_presets &&
            session_load_preset(s, s->names[s->menu_selected]) == RS_OK)
            return SESSION_RECOMPUTE;
        return 0;
    case 'q':
    case 'p':
    case SKEY_ESC:
        s->overlay = SCREEN_OVERLAY_NONE;
        return 0;
    default:
        return 0;
    }
}

/* The knob selection: arrows, j/k, PgUp/PgDn, Home/End. 1 when key was one of them. */
static int select_key(session *s, int key)
{
    const size_t last = s->n_knobs - 1;
    switch (key) {
    case SKEY_UP:
    case 'k':
        s->selected = s->selected > 0 ? s->selected - 1 : last;
        return 1;
    case SKEY_DOWN:
    case 'j':
        s->selected = s->selected + 1 < s->n_knobs ? s->selected + 1 : 0;
        return 1;
    case SKEY_PGUP:
        s->selected = s->selected > 10 ? s->selected - 10 : 0;
        return 1;
    case SKEY_PGDN:
        s->selected = s->selected + 10 < s->n_knobs ? s->selected + 10 : last;
        return 1;
    case SKEY_HOME:
        s->selected = 0;
        return 1;
    case SKEY_END:
        s->selected = last;
        return 1;
    default:
        return 0;
    }
}

void session_generator_changed(session *s)
{
    build_knobs(s);
    if (!view_ok(s, s->view))
        s->view = VIEW_CURVES;
}

/* Step the selected knob by dir (the generator knob brings its defaults). */
static unsigned step_selected(session *s, int dir)
{
    const int gen = s->p.generator;
    const unsigned r = step_knob(s, dir);
    if (s->p.generator != gen)
        session_generator_changed(s);
    return r;
}

/* g: the next generator, with its defaults. */
static unsigned next_generator(session *s)
{
    rs_params q;
    param_defaults(&q, (rs_generator)((s->p.generator + 1) % GEN_COUNT));
    keep_view(&q, s->p.view);
    const unsigned r = try_params(s, &q);
    if (r) {
        session_generator_changed(s);
        session_message(s, false, "generator %s (its defaults)",
                        param_generator_name(s->p.generator));
    }
    return r;
}

/* r: new data from the next seed. */
static unsigned reseed(session *s)
{
    rs_params q = s->p;
    q.seed = q.seed + 1 <= 1e15 ? q.seed + 1 : 0;
    const unsigned r = try_params(s, &q);
    if (r)
        session_message(s, false, "new data: seed %zu", s->p.seed);
    return r;
}

/* Keys of the plot: views, the metric and method shown, the reference line, the caption.
 * 1 when key was one of them. */
static int plot_key(session *s, int key)
{
    switch (key) {
    case SKEY_TAB:
        cycle_view(s, +1);
        return 1;
    case SKEY_BTAB:
        cycle_view(s, -1);
        return 1;
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
        set_view(s, key - '1');
        return 1;
    case 'm':
        s->opts.metric++;
        return 1;
    case 'e':
        s->opts.method++;
        return 1;
    case 'f':
        s->opts.ref_line = !s->opts.ref_line;
        return 1;
    case 'y': {
        static const char *const names[] = {"the metric's rule", "log", "linear"};
        s->opts.y_scale = (s->opts.y_scale + 1) % VIEW_Y_COUNT;
        session_message(s, false, "y axis: %s (y cycles rule, log, linear)",
                        names[s->opts.y_scale]);
        return 1;
    }
    case 'c': {
        static const char *const names[] = {"short", "full", "hidden"};
        s->caption_mode = (s->caption_mode + 1) % CAPTION_MODES;
        session_message(s, false, "caption: %s (c cycles short, full, hidden)",
                        names[s->caption_mode]);
        return 1;
    }
    default:
        return 0;
    }
}

/* q: quits, but while a computation runs only when pressed twice in a row. */
static unsigned quit_key(session *s)
{
    if (!s->busy || s->quit_armed)
        return SESSION_QUIT;
    s->quit_armed = true;
    session_message(s, false, "a computation is running: q again quits, any other key stays");
    return 0;
}

/* Keys that act: change, type, reseed, pause, presets, screenshot, save, help. */
static unsigned action_key(session *s, int key)
{
    switch (key) {
    case 'q':
        return quit_key(s);
    case SKEY_LEFT:
    case '-':
    case 'h':
        return step_selected(s, -1);
    case SKEY_RIGHT:
    case '+':
    case '=':
    case 'l':
        return step_selected(s, +1);
    case SKEY_ENTER:
        s->input = INPUT_VALUE;
        param_format(&s->p, s->knobs[s->selected], s->input_buf, 120);
        s->input_pos = strlen(s->input_buf);
        s->message[0] = 0;
        session_message(s, false,
                        "typing: Enter sets, Esc cancels, Ctrl-U clears, Ctrl-W "
                        "deletes a word, Home/End");
        return 0;
    case 'g':
        return next_generator(s);
    case 'r':
        return reseed(s);
    case ' ':
        s->paused = !s->paused;
        session_message(s, false, "%s", s->paused ? "paused (space resumes)" : "resumed");
        return SESSION_PAUSE;
    case 'p':
        list_presets(s);
        s->overlay = SCREEN_OVERLAY_PRESETS;
        return 0;
    case '[':
        return step_preset(s, -1);
    case ']':
        return step_preset(s, +1);
    case 'S':
        return SESSION_SCREENSHOT;
    case 'P':
        s->input = INPUT_SAVE_NAME;
        snprintf(s->input_buf, SESSION_INPUT_MAX, "%.90s%smine", s->preset_name,
                 s->preset_name[0] ? "-" : "");
        s->input_pos = strlen(s->input_buf);
        return 0;
    case '?':
    case SKEY_F1:
        s->overlay = SCREEN_OVERLAY_HELP;
        return 0;
    case SKEY_ESC:
        s->message[0] = 0;
        return 0;
    default:
        return 0;
    }
}

unsigned session_key(session *s, int key)
{
    if (s->input != INPUT_NONE)
        return input_key(s, key);
    if (s->overlay == SCREEN_OVERLAY_PRESETS)
        return menu_key(s, key);
    if (s->overlay == SCREEN_OVERLAY_HELP) { /* any key closes it, q and Esc included */
        s->overlay = SCREEN_OVERLAY_NONE;
        return 0;
    }
    if (key != 'q' && s->quit_armed) {
        s->quit_armed = false;
        s->message[0] = 0;
    }
    if (select_key(s, key) || plot_key(s, key) || session_phase_key(s, key))
        return 0;
    bool explore = false; /* A/B and the axes keys (issue 17): session_explore.c */
    const unsigned r = session_explore_key(s, key, &explore);
    if (explore)
        return r;
    return action_key(s, key);
}
