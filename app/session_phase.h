/* session_phase.h — the phase map's keys (issue 17): the cursor cell (H J K L), the
 * threshold contour typed after t, and the parsing of that line. */
#ifndef SESSION_PHASE_H
#define SESSION_PHASE_H

#include "session.h"

/* Apply key when it is one of the phase keys and a second key is swept: H J K L move
 * the cursor cell (the curves view shows its row), t opens the threshold line.
 * 1 when handled (nothing to recompute), else 0. */
int session_phase_key(session *s, int key);

/* Enter on the threshold line: "METRIC = VALUE", "VALUE" (the metric shown) or "" (no
 * contour) into the metric and contour keys of s->p; a one-line error otherwise.
 * Returns SESSION_RECOMPUTE when they changed (the views read the computation's
 * parameters; the worker carries every finished cell over), else 0. */
unsigned session_phase_threshold(session *s);

#endif
