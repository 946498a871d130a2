/* session_internal.h — what the session's files share beyond session.h. */
#ifndef SESSION_INTERNAL_H
#define SESSION_INTERNAL_H

#include <stdbool.h>

#include "session.h"

/* After a change of generator: its knobs, and a view it has (session.c). */
void session_generator_changed(session *s);

/* The A/B and axes keys of issue 17 (b B x z Z F), session_explore.c: *handled = true
 * when key was one of them; returns SESSION_* bits. */
unsigned session_explore_key(session *s, int key, bool *handled);

/* The preset's ylim and xscale (issue 17; checked when read) into s->opts. */
void session_preset_axes(session *s);

#endif
