/* load_phase.c — the phase-map part of --load (see load_internal.h): the sweep2 axis of
 * a map sharded by --batch --shard (issue 17's rows, one per (sweep value, sweep2 value,
 * run, method)). Shards interleave the jobs j = (i2 * n1 + i1) * runs + run of the
 * pairs (sweep2.h), so a loaded map fills exactly the cells the whole run would. */
#include "load_internal.h"

#include <stdio.h>
#include <string.h>

rs_status load_phase_axes(loader *L, rs_error *err)
{
    load_data *d = L->d;
    d->n_values2 = 1;
    d->values2[0] = 0;
    if (d->p.sweep2 < 0)
        return RS_OK;
    d->n_values2 = param_sweep2_values(&d->p, d->values2);
    return load_value_texts(d->values2, d->n_values2, param_table[d->p.sweep2].type == PT_SIZE,
                            L->value2_text, err);
}

/* "a phase map (sweep2=d)" or "a 1-D sweep (sweep2=none)" for p into buf. */
static void kind_of(const rs_params *p, char *buf, size_t size)
{
    if (p->sweep2 >= 0)
        snprintf(buf, size, "a phase map (sweep2=%s)", param_table[p->sweep2].key);
    else
        snprintf(buf, size, "a 1-D sweep (sweep2=none)");
}

rs_status load_phase_mixed(const loader *L, rs_error *err)
{
    if ((L->bp.sweep2 >= 0) == (L->d->p.sweep2 >= 0))
        return RS_OK;
    char this[96], first[96];
    kind_of(&L->bp, this, sizeof this);
    kind_of(&L->d->p, first, sizeof first);
    return rs_error_set(err, RS_EINVAL, "%s: %s, but %s is %s (mixed sweeps)", L->path, this,
                        L->first_path, first);
}

/* The index of text among the n texts of an axis, or n. */
static size_t find_text(const char text[][LOAD_VALUE_TEXT], size_t n, const char *s)
{
    size_t i = 0;
    while (i < n && strcmp(text[i], s) != 0)
        i++;
    return i;
}

rs_status load_phase_pair(const loader *L, char *const *f, size_t *v, rs_error *err)
{
    const load_data *d = L->d;
    const size_t i1 = find_text(L->value_text, d->n_values, f[0]);
    if (i1 == d->n_values)
        return load_at_line(L, err, "%s=%.40s is not among the phase map's %zu %s values",
                            param_table[d->p.sweep].key, f[0], d->n_values,
                            param_table[d->p.sweep].key);
    const size_t i2 = find_text(L->value2_text, d->n_values2, f[1]);
    if (i2 == d->n_values2)
        return load_at_line(L, err, "%s=%.40s is not among the phase map's %zu %s values",
                            param_table[d->p.sweep2].key, f[1], d->n_values2,
                            param_table[d->p.sweep2].key);
    *v = i2 * d->n_values + i1; /* sweep2.h: a row of the map (one y) is contiguous */
    return RS_OK;
}

void load_phase_where(const loader *L, size_t j, char *buf, size_t size)
{
    const load_data *d = L->d;
    const size_t v = j / d->runs, run = j % d->runs;
    if (d->p.sweep < 0)
        snprintf(buf, size, "run %zu", run);
    else if (d->p.sweep2 < 0)
        snprintf(buf, size, "%s=%s run %zu", param_table[d->p.sweep].key, L->value_text[v], run);
    else
        snprintf(buf, size, "%s=%s %s=%s run %zu", param_table[d->p.sweep].key,
                 L->value_text[v % d->n_values], param_table[d->p.sweep2].key,
                 L->value2_text[v / d->n_values], run);
}
