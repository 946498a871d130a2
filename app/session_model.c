/* session_model.c — the screen model of a session: status bar, knob panel, plot, overlays
 * and caption (see session_model in session.h). */
#include "session.h"

#include <stdio.h>
#include <string.h>

#include "model.h"

/* The status bar: what is computing or was computed, progress, last time and seed. */
static void status_model(session *s, const worker_status *ws, const view_input *in, screen_model *m)
{
    const char *gen = param_generator_name(s->p.generator);
    char what[96];
    if (in && in->p && in->p->sweep >= 0 && in->p->sweep2 >= 0) /* a phase map (issue 17) */
        snprintf(what, sizeof what, "%s · sweep %s × %s: %zu × %zu values × %zu runs", gen,
                 param_table[in->p->sweep].key, param_table[in->p->sweep2].key, in->n_values,
                 param_sweep2_values(in->p, (double[PARAM_MAX_LIST]){0}), in->runs);
    else if (in && in->p && in->p->sweep >= 0)
        snprintf(what, sizeof what, "%s · sweep %s: %zu values × %zu runs", gen,
                 param_table[in->p->sweep].key, in->n_values, in->runs);
    else
        snprintf(what, sizeof what, "%s · %zu runs", gen, in && in->p ? in->runs : s->p.runs);
    switch (ws->state) {
    case WORKER_IDLE:
        snprintf(s->status_left, sizeof s->status_left, " idle");
        break;
    case WORKER_RUNNING:
        snprintf(s->status_left, sizeof s->status_left, " %s %s · %zu/%zu jobs%s",
                 ws->paused ? "paused" : "computing", what, ws->done, ws->total,
                 ws->a_running ? " (A first)" : "");
        m->show_progress = true;
        m->progress = ws->total ? (double)ws->done / (double)ws->total : 0;
        m->eta_s = ws->paused ? -1 : ws->eta_s; /* no ETA while paused: "ETA --" */
        break;
    case WORKER_DONE:
        snprintf(s->status_left, sizeof s->status_left, " done %s · %zu jobs in %.2f s%s", what,
                 ws->total, ws->elapsed_s, ws->a_running ? " · A computing" : "");
        break;
    case WORKER_FAILED:
        snprintf(s->status_left, sizeof s->status_left, " failed: %.240s", ws->error);
        break;
    }
    m->status_left = s->status_left;
    char last[32] = "last –";
    if (ws->last_s >= 0)
        snprintf(last, sizeof last, "last %.2f s", ws->last_s);
    snprintf(s->status_right, sizeof s->status_right, "%s · seed %zu · ? help ", last, s->p.seed);
    m->status_right = s->status_right;
}

/* The parameter panel: every knob with its value, marked where it left the preset. */
static void panel_model(session *s, screen_model *m)
{
    for (size_t j = 0; j < s->n_knobs; j++) {
        const int i = s->knobs[j];
        param_format(&s->p, i, s->values[j], sizeof s->values[j]);
        char was[96];
        param_format(&s->preset_p, i, was, sizeof was);
        const bool same_gen = s->have_preset && s->preset_p.generator == s->p.generator;
        s->items[j] = (widgets_kv_item){param_table[i].key, s->values[j], param_table[i].meaning,
                                        same_gen && strcmp(was, s->values[j]) != 0};
    }
    m->items = s->items;
    m->n_items = s->n_knobs;
    m->selected = s->selected;
    m->panel_focused = true;
    m->plot_full = s->full;
}

/* The tabs and the plot: the session's view of in, through ui/view. */
static void plot_model(session *s, const view_input *in, screen_model *m)
{
    const size_t n = view_tabs_for(&s->p, s->view, s->tab_labels, &m->active_tab);
    for (size_t i = 0; i < n; i++)
        s->tabs[i] = s->tab_labels[i];
    m->tabs = s->tabs;
    m->n_tabs = n;
    s->plot = (view_plot){.in = in, .view = s->view, .opts = &s->opts};
    m->plot = in && in->p ? view_plot_draw : NULL;
    m->plot_ctx = &s->plot;
}

/* The help text with the current generator's flags and their meanings (issue 13,
 * point 15: a flag on screen gets a one-line meaning). */
static const char *help_with_flags(session *s)
{
    const model_ops *ops = model_get(s->p.generator);
    size_t k = (size_t)snprintf(s->help, sizeof s->help, "%s", session_help_text());
    if (!ops || !ops->n_flags || k >= sizeof s->help)
        return s->help;
    k += (size_t)snprintf(s->help + k, sizeof s->help - k,
                          "\n\nflags of %s (in warnings):", ops->name);
    for (size_t i = 0; i < ops->n_flags && k < sizeof s->help; i++) {
        const char *meaning = view_flag_meaning(ops->flag_names[i]);
        k += (size_t)snprintf(s->help + k, sizeof s->help - k, "\n%-15s %s", ops->flag_names[i],
                              meaning ? meaning : "");
    }
    return s->help;
}

/* The overlays: help and the preset menu. */
static void overlay_model(session *s, screen_model *m)
{
    m->overlay = s->overlay;
    m->help_text = s->overlay == SCREEN_OVERLAY_HELP ? help_with_flags(s) : session_help_text();
    for (size_t i = 0; i < s->n_presets; i++) {
        s->menu_names[i] = s->names[i];
        s->menu_titles[i] = s->titles[i];
        s->menu_times[i] = s->times[i];
    }
    m->preset_names = s->menu_names;
    m->preset_titles = s->menu_titles;
    m->preset_times = s->menu_times;
    m->n_presets = s->n_presets;
    m->preset_selected = s->menu_selected;
    m->preset_caption = s->menu_selected < s->n_presets ? s->captions[s->menu_selected] : NULL;
}

/* Whether the preset's title and caption describe what is shown: same generator. */
static bool preset_applies(const session *s)
{
    return s->have_preset && s->preset_p.generator == s->p.generator;
}

/* Append ", key" to s->caption_note (from len) for each knob whose value differs from
 * ref's; returns the new length. */
static size_t append_changed(session *s, const rs_params *ref, size_t len)
{
    const size_t head = len;
    for (size_t j = 0; j < s->n_knobs && len < sizeof s->caption_note; j++) {
        const int i = s->knobs[j];
        char now[96], was[96];
        param_format(&s->p, i, now, sizeof now);
        param_format(ref, i, was, sizeof was);
        if (strcmp(now, was) != 0)
            len += (size_t)snprintf(s->caption_note + len, sizeof s->caption_note - len, "%s %s",
                                    len > head ? "," : "", param_table[i].key);
    }
    return len;
}

/* "preset NAME, changed: d, n" into s->caption_note, or "" when no knob left it. */
static void changed_note(session *s)
{
    const size_t head = (size_t)snprintf(s->caption_note, sizeof s->caption_note,
                                         "preset %.60s, changed:", s->preset_name);
    if (append_changed(s, &s->preset_p, head) == head)
        s->caption_note[0] = 0;
}

/* The note over another generator's summary: the preset is not this generator's, and
 * which knobs left this generator's defaults ("with its defaults" only while none did). */
static void other_generator_note(session *s, const char *gen)
{
    rs_params def;
    param_defaults(&def, s->p.generator);
    const size_t head = (size_t)snprintf(s->caption_note, sizeof s->caption_note,
                                         "preset %.60s is for %s: showing %s with", s->preset_name,
                                         param_generator_name(s->preset_p.generator), gen);
    const size_t len = append_changed(s, &def, head);
    if (len == head)
        snprintf(s->caption_note + head, sizeof s->caption_note - head, " its defaults");
    else if (len < sizeof s->caption_note)
        snprintf(s->caption_note + len, sizeof s->caption_note - len, " changed");
}

/* The title and the caption: the preset's while they describe the screen, else the
 * generator's own summary (issue 13, point 1); a dim note says what left the preset. */
static void caption_model(session *s, screen_model *m)
{
    const char *gen = param_generator_name(s->p.generator);
    const char *view = param_view_name(s->view);
    const bool own = preset_applies(s);
    if (own)
        snprintf(s->title, sizeof s->title, "%s · %s · preset %.100s: %.300s", gen, view,
                 s->preset_name, s->pr.title);
    else
        snprintf(s->title, sizeof s->title, "%s · %s", gen, view);
    m->title = s->title;
    s->caption_note[0] = 0;
    if (own)
        changed_note(s);
    else if (s->have_preset)
        other_generator_note(s, gen);
    if (s->caption_mode == CAPTION_HIDDEN)
        return;
    const model_ops *ops = model_get(s->p.generator);
    m->caption = own ? s->pr.caption : ops ? ops->summary : NULL;
    m->caption_full = s->caption_mode == CAPTION_FULL;
    m->caption_note = s->caption_note;
}

void session_model(session *s, const worker_status *ws, const view_input *in, screen_model *m)
{
    screen_model_init(m);
    panel_model(s, m);
    plot_model(s, in, m);
    caption_model(s, m);
    if (s->input == INPUT_VALUE) {
        snprintf(s->prompt, sizeof s->prompt, "%s =", param_table[s->knobs[s->selected]].key);
        m->input_prompt = s->prompt;
    } else if (s->input == INPUT_THRESHOLD) {
        m->input_prompt = "threshold (metric = value, empty clears):";
    } else if (s->input == INPUT_SAVE_NAME) {
        m->input_prompt = "save preset as:";
    } else if (s->input == INPUT_CONFIRM_OVERWRITE) {
        m->input_prompt = "file exists; overwrite? (y/n)";
    }
    m->input_text = s->input_buf;
    m->input_cursor = s->input_pos;
    m->message = s->message;
    m->message_is_error = s->message_error;
    status_model(s, ws, in, m);
    overlay_model(s, m);
}
