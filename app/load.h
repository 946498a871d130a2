/* load.h — --load FILE... (issue 18, item 4): batch CSV/JSON shards of one sweep, in any
 * order, one shard per file or several concatenated, merged back into the sweep's cells
 * so that the TUI, a screenshot or --batch show them exactly as if computed here.
 *
 * Each shard's head (batch_meta.h) names the version, the shard I/N, the preset and every
 * parameter. The shards must be one sweep: the same version, shard count and parameters
 * but those that change no cell (threads, view); no shard twice, no row twice, no shard
 * or row missing. Anything else is refused with one line "FILE[:LINE]: problem".
 *
 * A phase map (sweep2 set, issue 17; batch_phase.h) loads the same way: its rows carry
 * both key values, each checked against the map's grid, and fill the cells of its
 * (sweep, sweep2) pairs as the worker lays them out (sweep2.h). */
#ifndef LOAD_H
#define LOAD_H

#include <stddef.h>

#include "param.h"
#include "preset.h"
#include "rs.h"
#include "sweep.h"
#include "view.h"

typedef struct load_data {
    rs_params p; /* the sweep's parameters (those of the first shard read) */
    char version[128];
    char preset[PRESET_NAME];       /* the head's preset name, "" when none */
    double values[PARAM_MAX_LIST];  /* sweep's values (a phase map's columns, x) */
    double values2[PARAM_MAX_LIST]; /* a phase map's sweep2 values (its rows, y) */
    size_t n_values, n_values2;     /* n_values2 = 1 for a 1-D sweep */
    size_t runs, shard_count, n_files, n_shards;
    /* n_values * n_values2 * runs, index (i2 * n_values + i1) * runs + run (sweep2.h),
     * every one done after load_files succeeds */
    sweep_cell *cells;
} load_data;

/* Read and merge paths[0..n-1] into a fresh *out (load_free releases it). RS_EINVAL with
 * one line in err for a file that is not one shard of the same sweep, a duplicate, a gap
 * or a malformed line; RS_EIO when a file cannot be read; RS_ENOMEM. On error nothing is
 * left allocated. */
rs_status load_files(const char *const *paths, size_t n, load_data *out, rs_error *err);

void load_free(load_data *d);

/* The merged sweep as the views read it (no detail: the detail views say so; a phase
 * map's sweep2 values follow from d->p, as view.h says). Borrows d. */
void load_view(const load_data *d, view_input *in);

#endif
