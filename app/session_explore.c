/* session_explore.c — the exploration keys of issue 17: the A/B pair (b, B), the axes
 * (x, z, Z), the full-screen plot (F), and the mouse (see session_mouse in session.h). */
#include "session.h"
#include "session_internal.h"

#include <math.h>
#include <stdio.h>

#include "view.h"

/* b: freeze the current settings and results as A; with an A, swap A and B. */
static unsigned ab_key(session *s)
{
    if (!s->ab) {
        s->ab = true;
        s->ab_p = s->p;
        session_message(s, false, "A frozen: change a knob to make B (b swaps, B clears)");
        return SESSION_AB_FREEZE;
    }
    const rs_params b = s->p;
    const int gen = s->p.generator;
    s->p = s->ab_p;
    s->ab_p = b;
    if (s->p.generator != gen)
        session_generator_changed(s);
    session_message(s, false, "A and B swapped (b swaps again, B clears)");
    return SESSION_AB_SWAP;
}

/* x: the swept key's axis cycles its rule, log, linear; log only when every sweep value
 * is positive. */
static void x_scale_key(session *s)
{
    static const char *const names[] = {"the key's rule", "log", "linear"};
    if (s->p.sweep < 0) {
        session_message(s, true, "x: no swept key (set sweep to draw curves)");
        return;
    }
    s->opts.x_scale = (s->opts.x_scale + 1) % VIEW_Y_COUNT;
    if (s->opts.x_scale == VIEW_Y_LOG && !view_x_log(&s->opts, &s->p)) {
        s->opts.x_scale = VIEW_Y_LIN;
        session_message(s, true, "x: %s has values <= 0, so no log axis: linear",
                        param_table[s->p.sweep].key);
        return;
    }
    session_message(s, false, "x axis: %s (x cycles rule, log, linear)", names[s->opts.x_scale]);
}

unsigned session_explore_key(session *s, int key, bool *handled)
{
    *handled = true;
    switch (key) {
    case 'b':
        return ab_key(s);
    case 'B':
        if (!s->ab) {
            session_message(s, false, "no A to clear (b freezes one)");
            return 0;
        }
        s->ab = false;
        session_message(s, false, "A cleared");
        return SESSION_AB_CLEAR;
    case 'x':
        x_scale_key(s);
        return 0;
    case 'z':
        s->opts.y_zoom = true;
        session_message(s, false, "y range: fitted to the means shown (Z resets)");
        return 0;
    case 'Z':
        s->opts.y_zoom = false;
        s->opts.y_lo = s->opts.y_hi = NAN;
        session_message(s, false, "y range: automatic");
        return 0;
    case 'F':
        s->full = !s->full;
        session_message(s, false, "%s",
                        s->full ? "full-screen plot (F shows the knobs again)" : "knobs shown");
        return 0;
    default:
        *handled = false;
        return 0;
    }
}
