/* batch_meta.h — the self-describing head of a batch file (issue 18): the program's
 * version, the shard, the preset and every parameter, so that `--load` can check that
 * shards belong to one sweep and rebuild it, and so that a CSV found later says how it
 * was made.
 *
 * CSV: comment lines before the column header, each starting with '#':
 *   # reluscope 0.1.0 (commit 04fab52c1d2e)
 *   # shard 2/4
 *   # preset fig1-samples            (only when one was given)
 *   # generator=relu                 (then every key of --help, in its order)
 * JSON: the same as members of the top-level object, before "rows":
 *   "reluscope": "...", "shard": "2/4", "preset": "...", "params": {"generator": "relu", ...}
 * Readers that skip '#' comments (pandas comment='#', R comment.char, `grep -v '^#'`)
 * see the plain table they saw before. */
#ifndef BATCH_META_H
#define BATCH_META_H

#include <stddef.h>
#include <stdio.h>

#include "param.h"

/* What the head records besides the parameters. */
typedef struct {
    size_t shard_index, shard_count; /* 0-based index; 0/1 for a whole sweep */
    const char *preset;              /* the preset's name, or NULL */
} batch_meta;

/* The CSV comment lines, each ending in '\n'. */
void batch_meta_csv(FILE *out, const batch_meta *m, const rs_params *p);

/* The JSON members, each followed by ", " (to be written after "sweep" and before
 * "rows"). */
void batch_meta_json(FILE *out, const batch_meta *m, const rs_params *p);

/* s as a JSON string (quoted, escaped). */
void batch_meta_json_text(FILE *out, const char *s);

/* An A/B pair's --b pairs (B's changes from A, whose parameters the head records): the
 * JSON member "ab_b": [...] followed by ", ", or one "# ab B: KEY=VALUE" line each. */
void batch_meta_ab_json(FILE *out, const char *const *pairs, size_t n);
void batch_meta_ab_csv(FILE *out, const char *const *pairs, size_t n);

#endif
