/* batch_meta.c — the head of a batch file (see batch_meta.h). */
#include "batch_meta.h"

#include "version.h"

/* A JSON string body: the parameter values are names and numbers, but a preset name is
 * a file name and may hold anything. */
void batch_meta_json_text(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        const unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(out, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(out, "\\u%04x", ch);
        else
            fputc(ch, out);
    }
    fputc('"', out);
}

void batch_meta_csv(FILE *out, const batch_meta *m, const rs_params *p)
{
    fprintf(out, "# reluscope %s\n# shard %zu/%zu\n", version_line(), m->shard_index + 1,
            m->shard_count);
    if (m->preset)
        fprintf(out, "# preset %s\n", m->preset);
    for (size_t i = 0; i < param_count; i++) {
        if (!(param_table[i].generators & (1u << p->generator)))
            continue; /* a key of another generator: --load would refuse it */
        char value[PARAM_MAX_LIST * 24];
        param_format(p, (int)i, value, sizeof value);
        fprintf(out, "# %s=%s\n", param_table[i].key, value);
    }
}

void batch_meta_json(FILE *out, const batch_meta *m, const rs_params *p)
{
    fputs("\"reluscope\": ", out);
    batch_meta_json_text(out, version_line());
    fprintf(out, ", \"shard\": \"%zu/%zu\", ", m->shard_index + 1, m->shard_count);
    if (m->preset) {
        fputs("\"preset\": ", out);
        batch_meta_json_text(out, m->preset);
        fputs(", ", out);
    }
    fputs("\"params\": {", out);
    int first = 1;
    for (size_t i = 0; i < param_count; i++) {
        if (!(param_table[i].generators & (1u << p->generator)))
            continue; /* a key of another generator: --load would refuse it */
        char value[PARAM_MAX_LIST * 24];
        param_format(p, (int)i, value, sizeof value);
        fprintf(out, "%s\"%s\": ", first ? "" : ", ", param_table[i].key);
        batch_meta_json_text(out, value);
        first = 0;
    }
    fputs("}, ", out);
}

void batch_meta_ab_json(FILE *out, const char *const *pairs, size_t n)
{
    fputs("\"ab_b\": [", out);
    for (size_t j = 0; j < n; j++) {
        fputs(j ? ", " : "", out);
        batch_meta_json_text(out, pairs[j]);
    }
    fputs("], ", out);
}

void batch_meta_ab_csv(FILE *out, const char *const *pairs, size_t n)
{
    for (size_t j = 0; j < n; j++)
        fprintf(out, "# ab B: %s\n", pairs[j]);
}
