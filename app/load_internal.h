/* load_internal.h — the state of --load while it reads shards (load.c), shared with the
 * phase-map part (load_phase.c): a phase map's rows carry two key columns and fill the
 * cells of the (sweep, sweep2) pairs. */
#ifndef LOAD_INTERNAL_H
#define LOAD_INTERNAL_H

#include <stddef.h>

#include "load.h"
#include "load_parse.h"
#include "model.h"

enum { LOAD_VALUE_TEXT = 48 };

/* The head of the shard being read and what merging needs across shards. */
typedef struct {
    load_data *d;
    const char *path;
    size_t line;
    /* the current shard */
    int in_head, have_columns, json;
    char version[128], preset[PRESET_NAME];
    size_t shard_i, shard_n;
    load_field pairs[LOAD_MAX_FIELDS];
    size_t n_pairs;
    rs_params bp;
    const model_ops *ops;
    /* across shards */
    unsigned *seen;          /* per cell: methods read */
    const char **shard_path; /* per shard: the file holding it, or NULL */
    /* the key values as the rows print them: sweep's, and a phase map's sweep2's */
    char value_text[PARAM_MAX_LIST][LOAD_VALUE_TEXT];
    char value2_text[PARAM_MAX_LIST][LOAD_VALUE_TEXT];
    const char *first_path;
} loader;

/* "FILE:LINE: ..." (printf format) into err; RS_EINVAL. */
rs_status load_at_line(const loader *L, rs_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The n values as the batch rows print them (batch_format_key_value) into text. */
rs_status load_value_texts(const double *values, size_t n, int integer_key,
                           char text[][LOAD_VALUE_TEXT], rs_error *err);

/* load_phase.c */

/* The first shard of a phase map (d->p.sweep2 set): d's sweep2 values and their texts;
 * for a 1-D sweep n_values2 = 1. */
rs_status load_phase_axes(loader *L, rs_error *err);

/* A later shard whose head is a phase map where the first was a 1-D sweep, or the other
 * way round: the one line saying so; RS_OK when both are of one kind. */
rs_status load_phase_mixed(const loader *L, rs_error *err);

/* The pair index i2 * n1 + i1 of a phase-map row from its two key columns f[0], f[1],
 * each checked to be a value of the map's grid (FILE:LINE naming the value when not). */
rs_status load_phase_pair(const loader *L, char *const *f, size_t *v, rs_error *err);

/* "n=1000 d=3 run 5" (or "n=1000 run 5", "run 5") for cell j into buf. */
void load_phase_where(const loader *L, size_t j, char *buf, size_t size);

#endif
