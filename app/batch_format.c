/* batch_format.c — shared pieces of the batch rows (see batch_format.h). */
#include "batch_format.h"

#include <math.h>

void batch_format_number(FILE *out, double x, int json)
{
    if (isfinite(x))
        fprintf(out, "%.12g", x);
    else if (json)
        fputs("null", out);
    else
        fputs(isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf"), out);
}

void batch_format_flags(FILE *out, const model_ops *ops, unsigned flags)
{
    int first = 1;
    for (size_t b = 0; b < ops->n_flags; b++)
        if (flags & (1u << b)) {
            fprintf(out, "%s%s", first ? "" : "|", ops->flag_names[b]);
            first = 0;
        }
}

void batch_format_row_tail(FILE *out, const model_ops *ops, size_t run, int m,
                           const sweep_cell *cell, int json)
{
    if (json)
        fprintf(out, "\"run\": %zu, \"%s\": \"%s\"", run, ops->method_key, param_method_name(m));
    else
        fprintf(out, "%zu,%s", run, param_method_name(m));
    for (size_t id = 0; id < ops->n_metrics; id++) {
        if (json)
            fprintf(out, ", \"%s\": ", ops->metric_names[id]);
        else
            fputc(',', out);
        batch_format_number(out, cell->metric[m][id], json);
    }
    fputs(json ? ", \"flags\": \"" : ",", out);
    batch_format_flags(out, ops, cell->flags[m]);
    fputs(json ? "\"}" : "\n", out);
}

void batch_format_key_value(FILE *out, double value, int integer_key, int json)
{
    if (integer_key)
        fprintf(out, "%.0f", value);
    else
        batch_format_number(out, value, json);
}

void batch_format_progress(void *pctx, size_t done, size_t total)
{
    (void)pctx;
    fprintf(stderr, "\rreluscope: %zu/%zu jobs", done, total);
    if (done == total)
        fputc('\n', stderr);
}
