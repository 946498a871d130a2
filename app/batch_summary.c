/* batch_summary.c — nan counts per point after the CSV rows. */
#include "batch_summary.h"

#include <math.h>

/* The flag most often set among the nan runs of (v, m, id), or "nan". */
static const char *cause(const model_ops *ops, const sweep_cell *cells, size_t runs, size_t v,
                         int m, size_t id)
{
    size_t hits[32] = {0}, best = 0;
    const char *name = "nan";
    for (size_t r = 0; r < runs; r++) {
        const sweep_cell *c = &cells[v * runs + r];
        if (!atomic_load(&c->done) || isfinite(c->metric[m][id]))
            continue;
        for (size_t f = 0; f < ops->n_flags && f < 32; f++)
            if ((c->flags[m] & (1u << f)) && ++hits[f] > best) {
                best = hits[f];
                name = ops->flag_names[f];
            }
    }
    return name;
}

void batch_summary_write(FILE *out, const rs_params *p, const model_ops *ops, const double *values,
                         size_t n_values, const sweep_cell *cells)
{
    const unsigned methods = param_methods(p);
    const char *key = p->sweep >= 0 ? param_table[p->sweep].key : "sweep";
    for (size_t v = 0; v < n_values; v++)
        for (int m = 0; m < METHOD_COUNT; m++) {
            if (!(methods & (1u << m)))
                continue;
            for (size_t id = 0; id < ops->n_metrics; id++) {
                double mean, sd;
                size_t count, nan_runs;
                sweep_aggregate(cells, p->runs, v, m, id, &mean, &sd, &count, &nan_runs);
                if (nan_runs && count) /* all nan: no mean, nothing averaged */
                    fprintf(out, "# nan: %s=%.10g %s %s: %zu/%zu runs (%s)\n", key, values[v],
                            param_method_name(m), ops->metric_names[id], nan_runs, nan_runs + count,
                            cause(ops, cells, p->runs, v, m, id));
            }
        }
}
