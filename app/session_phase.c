/* session_phase.c — the phase map's keys (see session_phase.h). */
#include "session_phase.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "view_phase.h"

/* Move the cursor by (dx, dy) cells, clamped to the map; dy > 0 is up (larger y). */
static void move_cursor(session *s, int dx, int dy)
{
    double v1[PARAM_MAX_LIST], v2[PARAM_MAX_LIST];
    const size_t n1 = param_sweep_values(&s->p, v1), n2 = param_sweep2_values(&s->p, v2);
    view_opts *o = &s->opts;
    o->phase_x = o->phase_x < n1 ? o->phase_x : n1 - 1;
    o->phase_y = o->phase_y < n2 ? o->phase_y : n2 - 1;
    if (dx < 0 && o->phase_x > 0)
        o->phase_x--;
    if (dx > 0 && o->phase_x + 1 < n1)
        o->phase_x++;
    if (dy < 0 && o->phase_y > 0)
        o->phase_y--;
    if (dy > 0 && o->phase_y + 1 < n2)
        o->phase_y++;
    session_message(s, false, "cursor %s = %g, %s = %g (the curves view shows this row)",
                    param_table[s->p.sweep].key, v1[o->phase_x], param_table[s->p.sweep2].key,
                    v2[o->phase_y]);
}

/* t: the threshold line, filled with the contour shown or the metric on the map. */
static void open_threshold(session *s)
{
    const view_input in = {.p = &s->p, .ops = model_get(s->p.generator)};
    size_t id;
    int method;
    view_phase_pick(&in, &s->opts, &id, &method);
    if (s->p.contour != 0.0)
        snprintf(s->input_buf, SESSION_INPUT_MAX, "%.60s = %g", in.ops->metric_names[id],
                 s->p.contour);
    else
        snprintf(s->input_buf, SESSION_INPUT_MAX, "%.60s = ", in.ops->metric_names[id]);
    s->input_pos = strlen(s->input_buf);
    s->input = INPUT_THRESHOLD;
    session_message(s, false, "threshold: Enter draws the contour, an empty line removes it");
}

int session_phase_key(session *s, int key)
{
    if (s->p.sweep2 < 0 || s->p.sweep < 0)
        return 0;
    switch (key) {
    case 'H':
        move_cursor(s, -1, 0);
        return 1;
    case 'L':
        move_cursor(s, +1, 0);
        return 1;
    case 'J':
        move_cursor(s, 0, -1);
        return 1;
    case 'K':
        move_cursor(s, 0, +1);
        return 1;
    case 't':
        open_threshold(s);
        return 1;
    default:
        return 0;
    }
}

/* text without surrounding blanks into out (len bytes). */
static void trim(const char *text, char *out, size_t len)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strnlen(text, len - 1);
    memcpy(out, text, n);
    out[n] = 0;
    while (n > 0 && isspace((unsigned char)out[n - 1]))
        out[--n] = 0;
}

unsigned session_phase_threshold(session *s)
{
    const model_ops *ops = model_get(s->p.generator);
    char line[SESSION_INPUT_MAX], name[64] = "", num[64];
    trim(s->input_buf, line, sizeof line);
    rs_params q = s->p;
    rs_error e;
    if (!line[0]) {
        q.contour = 0;
        s->p = q;
        session_message(s, false, "threshold contour removed");
        return SESSION_RECOMPUTE; /* the view reads the computation's parameters */
    }
    const char *eq = strchr(line, '=');
    if (eq) {
        char head[64];
        snprintf(head, sizeof head, "%.*s", (int)(eq - line), line);
        trim(head, name, sizeof name);
        trim(eq + 1, num, sizeof num);
    } else {
        const view_input in = {.p = &s->p, .ops = ops};
        size_t id;
        int method;
        view_phase_pick(&in, &s->opts, &id, &method);
        snprintf(name, sizeof name, "%.60s", ops->metric_names[id]);
        trim(line, num, sizeof num);
    }
    if (param_parse(&q, param_find("metric"), name, &e) != RS_OK ||
        param_parse(&q, param_find("contour"), num, &e) != RS_OK || param_check(&q, &e) != RS_OK) {
        session_message(s, true, "threshold \"%.60s\": %s", line, e.msg);
        return 0;
    }
    if (q.contour == 0.0) {
        session_message(s, true, "threshold \"%.60s\": allowed a non-zero value (0 = none)", line);
        return 0;
    }
    s->p = q;
    s->opts.metric = 0; /* show the metric the contour is on */
    session_message(s, false, "contour at %s = %g", name, q.contour);
    return SESSION_RECOMPUTE;
}
