/* load.c — merging batch shards back into one sweep (see load.h). */
#include "load.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_format.h"
#include "batch_learning.h"
#include "cli.h"
#include "load_internal.h"

/* An A/B pair's file (--b, issue 17) holds two sweeps, not the shards of one. */
#define AB_REFUSED                                                                                 \
    "an A/B pair's file (--b): two sweeps, not shards of one; allowed files of --batch without "   \
    "--b"

static rs_status at_line(const loader *L, rs_error *err, const char *what)
{
    return rs_error_set(err, RS_EINVAL, "%s:%zu: %s", L->path, L->line, what);
}

rs_status load_at_line(const loader *L, rs_error *err, const char *fmt, ...)
{
    char what[RS_ERROR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return at_line(L, err, what);
}

rs_status load_value_texts(const double *values, size_t n, int integer_key,
                           char text[][LOAD_VALUE_TEXT], rs_error *err)
{
    for (size_t v = 0; v < n; v++) {
        FILE *f = fmemopen(text[v], LOAD_VALUE_TEXT, "w");
        if (!f)
            return rs_error_set(err, RS_ENOMEM, "--load: no memory");
        batch_format_key_value(f, values[v], integer_key, 0);
        fclose(f);
    }
    return RS_OK;
}

/* The parameters of the head's pairs: the generator's defaults, then every pair. */
static rs_status head_params(loader *L, rs_error *err)
{
    int gen = param_default_generator();
    rs_params tmp;
    rs_error e;
    param_defaults(&tmp, (rs_generator)gen);
    for (size_t j = 0; j < L->n_pairs; j++)
        if (strcmp(L->pairs[j].key, "generator") == 0) {
            if (cli_apply_pair(&tmp, "generator", L->pairs[j].value, &e) != RS_OK)
                return rs_error_set(err, RS_EINVAL, "%s: %s", L->path, e.msg);
            gen = tmp.generator;
        }
    param_defaults(&L->bp, (rs_generator)gen);
    for (size_t j = 0; j < L->n_pairs; j++)
        if (cli_apply_pair(&L->bp, L->pairs[j].key, L->pairs[j].value, &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "%s: %s", L->path, e.msg);
    if (param_check(&L->bp, &e) != RS_OK)
        return rs_error_set(err, RS_EINVAL, "%s: %s", L->path, e.msg);
    if (batch_learning_wanted(&L->bp))
        return rs_error_set(err, RS_EINVAL,
                            "%s: learning-curve rows (view=learning) cannot be loaded; "
                            "shard a sweep of another view",
                            L->path);
    L->ops = model_get(L->bp.generator);
    return RS_OK;
}

/* The first shard fixes the sweep: parameters, values, cells. */
static rs_status first_shard(loader *L, rs_error *err)
{
    load_data *d = L->d;
    d->p = L->bp;
    snprintf(d->version, sizeof d->version, "%s", L->version);
    snprintf(d->preset, sizeof d->preset, "%s", L->preset);
    d->shard_count = L->shard_n;
    d->n_values = param_sweep_values(&d->p, d->values);
    d->runs = d->p.runs;
    rs_status st = load_phase_axes(L, err);
    if (st != RS_OK)
        return st;
    const size_t total = d->n_values * d->n_values2 * d->runs;
    d->cells = malloc(total * sizeof *d->cells);
    L->seen = calloc(total, sizeof *L->seen);
    L->shard_path = calloc(L->shard_n, sizeof *L->shard_path);
    if (!d->cells || !L->seen || !L->shard_path)
        return rs_error_set(err, RS_ENOMEM, "--load: no memory for %zu cells", total);
    sweep_cells_init(d->cells, total);
    L->first_path = L->path;
    const int integer_key = d->p.sweep >= 0 && param_table[d->p.sweep].type == PT_SIZE;
    return load_value_texts(d->values, d->n_values, integer_key, L->value_text, err);
}

/* A later shard must be of the same sweep: version, shard count, every key that changes
 * a cell. */
static rs_status same_sweep(const loader *L, rs_error *err)
{
    const load_data *d = L->d;
    if (strcmp(L->version, d->version) != 0)
        return rs_error_set(err, RS_EINVAL, "%s: written by reluscope %s, %s by %s (mixed sweeps)",
                            L->path, L->version, L->first_path, d->version);
    if (L->shard_n != d->shard_count)
        return rs_error_set(err, RS_EINVAL,
                            "%s: shard %zu/%zu, but %s is of %zu shards (mixed sweeps)", L->path,
                            L->shard_i + 1, L->shard_n, L->first_path, d->shard_count);
    const rs_status st = load_phase_mixed(L, err);
    if (st != RS_OK)
        return st;
    const int i = param_first_cell_difference(&L->bp, &d->p, -1);
    if (i >= 0) {
        char a[PARAM_MAX_LIST * 24], b[PARAM_MAX_LIST * 24];
        param_format(&L->bp, i, a, sizeof a);
        param_format(&d->p, i, b, sizeof b);
        return rs_error_set(err, RS_EINVAL, "%s: %s=%s, but %s has %s=%s (mixed sweeps)", L->path,
                            param_table[i].key, a, L->first_path, param_table[i].key, b);
    }
    return RS_OK;
}

/* The head is complete: check it against the sweep and claim its shard. */
static rs_status end_head(loader *L, rs_error *err)
{
    if (!L->version[0])
        return at_line(L, err, "no '# reluscope' head (not a batch file of this reluscope)");
    if (L->shard_n == 0)
        return at_line(L, err, "the head names no shard");
    rs_status st = head_params(L, err);
    if (st == RS_OK)
        st = L->d->cells ? same_sweep(L, err) : first_shard(L, err);
    if (st != RS_OK)
        return st;
    if (L->shard_path[L->shard_i])
        return rs_error_set(err, RS_EINVAL, "%s: shard %zu/%zu appears twice (also in %s)", L->path,
                            L->shard_i + 1, L->shard_n, L->shard_path[L->shard_i]);
    L->shard_path[L->shard_i] = L->path;
    L->d->n_shards++;
    L->in_head = 0;
    return RS_OK;
}

/* The key columns of a row: 0 (nothing swept), 1 (a sweep) or 2 (a phase map). */
static size_t key_columns(const loader *L)
{
    return L->d->p.sweep2 >= 0 ? 2 : L->d->p.sweep >= 0 ? 1 : 0;
}

/* The column names batch.c writes for the sweep (CSV names the method column
 * "estimator" whatever the generator; JSON and phase maps, batch_phase.c, use
 * ops->method_key). */
static size_t expected_columns(const loader *L, const char **cols)
{
    size_t n = 0;
    if (L->d->p.sweep >= 0)
        cols[n++] = param_table[L->d->p.sweep].key;
    if (L->d->p.sweep2 >= 0)
        cols[n++] = param_table[L->d->p.sweep2].key;
    cols[n++] = "run";
    cols[n++] = L->json || L->d->p.sweep2 >= 0 ? L->ops->method_key : "estimator";
    for (size_t id = 0; id < L->ops->n_metrics; id++)
        cols[n++] = L->ops->metric_names[id];
    cols[n++] = "flags";
    return n;
}

static int method_index(const char *name)
{
    for (int m = 0; m < METHOD_COUNT; m++)
        if (strcmp(param_method_name(m), name) == 0)
            return m;
    return -1;
}

static rs_status parse_flags(const loader *L, char *text, unsigned *flags, rs_error *err)
{
    *flags = 0;
    for (char *tok = strtok(text, "|"); tok; tok = strtok(NULL, "|")) {
        size_t b = 0;
        while (b < L->ops->n_flags && strcmp(L->ops->flag_names[b], tok) != 0)
            b++;
        if (b == L->ops->n_flags)
            return at_line(L, err, "unknown flag in the flags column");
        *flags |= 1u << b;
    }
    return RS_OK;
}

/* The cell index of a row's key value and run, checked against the shard. */
static rs_status row_cell(const loader *L, char **f, size_t *j, rs_error *err)
{
    const load_data *d = L->d;
    size_t v = 0;
    const size_t k = key_columns(L);
    if (k == 2) {
        const rs_status st = load_phase_pair(L, f, &v, err);
        if (st != RS_OK)
            return st;
    } else if (k == 1) {
        while (v < d->n_values && strcmp(L->value_text[v], f[0]) != 0)
            v++;
        if (v == d->n_values)
            return at_line(L, err, "a swept value that is not among the sweep's values");
    }
    char *end;
    const unsigned long run = strtoul(f[k], &end, 10);
    if (end == f[k] || *end || run >= d->runs)
        return at_line(L, err, "a run outside the sweep's runs");
    *j = v * d->runs + run;
    if (*j % d->shard_count != L->shard_i)
        return at_line(L, err, "a row of another shard than the head names");
    return RS_OK;
}

/* One row: its metrics into the cell; the cell is done once every method is read. */
static rs_status row(loader *L, char **f, size_t n, rs_error *err)
{
    const char *cols[LOAD_MAX_FIELDS];
    const size_t want = expected_columns(L, cols);
    if (n != want)
        return at_line(L, err, "a row with the wrong number of fields");
    size_t j = 0;
    rs_status st = row_cell(L, f, &j, err);
    if (st != RS_OK)
        return st;
    const size_t k = key_columns(L) + 1;
    const int m = method_index(f[k]);
    const unsigned methods = param_methods(&L->d->p);
    if (m < 0 || !(methods & (1u << m)))
        return at_line(L, err, "a method the sweep does not compare");
    if (L->seen[j] & (1u << m))
        return at_line(L, err, "this row appears twice (duplicate shard or row)");
    sweep_cell *cell = &L->d->cells[j];
    for (size_t id = 0; id < L->ops->n_metrics; id++) {
        const char *t = f[k + 1 + id];
        char *end;
        cell->metric[m][id] = strcmp(t, "null") == 0 ? NAN : strtod(t, &end);
        if (strcmp(t, "null") != 0 && (end == t || *end))
            return at_line(L, err, "a metric that is not a number");
    }
    if ((st = parse_flags(L, f[n - 1], &cell->flags[m], err)) != RS_OK)
        return st;
    L->seen[j] |= 1u << m;
    if (L->seen[j] == methods)
        atomic_store_explicit(&cell->done, 1, memory_order_release);
    return RS_OK;
}

/* A head line of a CSV: "# reluscope V", "# shard I/N", "# preset P", "# KEY=VALUE". */
static rs_status csv_head_line(loader *L, const char *text, rs_error *err)
{
    if (strncmp(text, "reluscope ", 10) == 0) {
        if (L->in_head && L->version[0])
            return at_line(L, err, "a second head before any column header");
        memset(&L->version, 0, sizeof L->version);
        L->n_pairs = 0;
        L->shard_n = 0;
        L->preset[0] = 0;
        L->in_head = 1;
        L->have_columns = 0;
        snprintf(L->version, sizeof L->version, "%s", text + 10);
    } else if (!L->in_head) {
        return RS_OK; /* a comment among the rows */
    } else if (strncmp(text, "shard ", 6) == 0) {
        if (sscanf(text + 6, "%zu/%zu", &L->shard_i, &L->shard_n) != 2 || L->shard_i < 1 ||
            L->shard_i > L->shard_n)
            return at_line(L, err, "a shard that is not I/N");
        L->shard_i--;
    } else if (strncmp(text, "preset ", 7) == 0) {
        snprintf(L->preset, sizeof L->preset, "%s", text + 7);
    } else if (strncmp(text, "ab B: ", 6) == 0) { /* issue 17: --b writes two sweeps */
        return at_line(L, err, AB_REFUSED);
    } else if (strchr(text, '=')) {
        if (L->n_pairs == LOAD_MAX_FIELDS)
            return at_line(L, err, "too many parameters in the head");
        load_field *pf = &L->pairs[L->n_pairs++];
        const size_t klen = strcspn(text, "=");
        snprintf(pf->key, sizeof pf->key, "%.*s", (int)(klen < 63 ? klen : 63), text);
        snprintf(pf->value, sizeof pf->value, "%s", text + klen + 1);
    }
    return RS_OK;
}

static rs_status csv_line(loader *L, char *line, rs_error *err)
{
    if (line[0] == '#')
        return csv_head_line(L, line[1] == ' ' ? line + 2 : line + 1, err);
    if (!line[0])
        return RS_OK;
    char *f[LOAD_MAX_FIELDS + 1];
    const size_t n = load_parse_csv(line, f, LOAD_MAX_FIELDS);
    if (L->have_columns)
        return row(L, f, n, err);
    if (!L->in_head)
        return at_line(L, err,
                       "a table without the '# reluscope' head (written by an older "
                       "reluscope, or not a batch file)");
    rs_status st = end_head(L, err);
    if (st != RS_OK)
        return st;
    const char *cols[LOAD_MAX_FIELDS];
    const size_t want = expected_columns(L, cols);
    for (size_t c = 0; c < want || c < n; c++)
        if (c >= want || c >= n || strcmp(cols[c], f[c]) != 0)
            return at_line(L, err, "the column header is not the one this sweep writes");
    L->have_columns = 1;
    return RS_OK;
}

/* The head line of a JSON shard: {"generator": ..., "reluscope": ..., "params": {...}, "rows": [ */
static rs_status json_head(loader *L, char *line, rs_error *err)
{
    if (strstr(line, "\"ab_b\": ["))
        return at_line(L, err, AB_REFUSED);
    L->n_pairs = 0;
    L->shard_n = 0;
    L->version[0] = L->preset[0] = 0;
    L->in_head = 1;
    char *params = strstr(line, "\"params\": {");
    if (!params)
        return at_line(L, err, "a JSON head without \"params\" (written by an older reluscope?)");
    params += 10;
    load_member mem[LOAD_MAX_FIELDS];
    const int n = load_parse_json_object(&params, mem, LOAD_MAX_FIELDS);
    if (n < 0)
        return at_line(L, err, "malformed \"params\" object");
    for (int j = 0; j < n; j++) {
        snprintf(L->pairs[j].key, sizeof L->pairs[j].key, "%s", mem[j].key);
        snprintf(L->pairs[j].value, sizeof L->pairs[j].value, "%s", mem[j].value);
    }
    L->n_pairs = (size_t)n;
    /* each string is cut off in place: read the members from the last to the first */
    *params = 0;
    const char *preset = load_parse_json_string(line, "preset");
    snprintf(L->preset, sizeof L->preset, "%s", preset ? preset : "");
    const char *shard = load_parse_json_string(line, "shard");
    if (!shard || sscanf(shard, "%zu/%zu", &L->shard_i, &L->shard_n) != 2 || L->shard_i < 1 ||
        L->shard_i > L->shard_n)
        return at_line(L, err, "a JSON head without a shard I/N");
    L->shard_i--;
    const char *version = load_parse_json_string(line, "reluscope");
    snprintf(L->version, sizeof L->version, "%s", version ? version : "");
    rs_status st = end_head(L, err);
    L->have_columns = st == RS_OK;
    return st;
}

static rs_status json_line(loader *L, char *line, rs_error *err)
{
    if (strncmp(line, "{\"generator\"", 12) == 0)
        return json_head(L, line, err);
    char *p = line;
    while (*p == ' ')
        p++;
    if (!*p || strcmp(p, "]}") == 0)
        return RS_OK;
    if (*p != '{' || !L->have_columns)
        return at_line(L, err, "not a row of a reluscope JSON batch file");
    load_member mem[LOAD_MAX_FIELDS];
    const int n = load_parse_json_object(&p, mem, LOAD_MAX_FIELDS);
    if (n < 0 || (*p && strcmp(p, ",") != 0))
        return at_line(L, err, "malformed JSON row");
    const char *cols[LOAD_MAX_FIELDS];
    const size_t want = expected_columns(L, cols);
    char *f[LOAD_MAX_FIELDS];
    for (int j = 0; j < n; j++) {
        if ((size_t)j >= want || strcmp(mem[j].key, cols[j]) != 0)
            return at_line(L, err, "a row whose fields are not the ones this sweep writes");
        f[j] = mem[j].value;
    }
    return row(L, f, (size_t)n, err);
}

static rs_status read_file(loader *L, const char *path, rs_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return rs_error_set(err, RS_EIO, "%s: cannot read the file", path);
    L->path = path;
    L->line = 0;
    L->in_head = L->have_columns = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    rs_status st = RS_OK;
    while (st == RS_OK && (len = getline(&line, &cap, f)) >= 0) {
        L->line++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (L->line == 1)
            L->json = line[0] == '{';
        st = L->json ? json_line(L, line, err) : csv_line(L, line, err);
    }
    if (st == RS_OK && L->line == 0)
        st = rs_error_set(err, RS_EINVAL, "%s: empty file", path);
    if (st == RS_OK && L->in_head)
        st = rs_error_set(err, RS_EINVAL, "%s: a head without a table", path);
    free(line);
    fclose(f);
    return st;
}

/* No gaps: every shard given, every cell complete. */
static rs_status check_complete(const loader *L, rs_error *err)
{
    const load_data *d = L->d;
    for (size_t s = 0; s < d->shard_count; s++)
        if (!L->shard_path[s])
            return rs_error_set(err, RS_EINVAL,
                                "--load: shard %zu/%zu is missing (%zu of %zu shards given, "
                                "first %s)",
                                s + 1, d->shard_count, d->n_shards, d->shard_count, L->first_path);
    for (size_t j = 0; j < d->n_values * d->n_values2 * d->runs; j++)
        if (!atomic_load(&d->cells[j].done)) {
            const size_t s = j % d->shard_count;
            char where[160];
            load_phase_where(L, j, where, sizeof where);
            return rs_error_set(err, RS_EINVAL,
                                "%s: shard %zu/%zu lacks the rows of %s (truncated?)",
                                L->shard_path[s], s + 1, d->shard_count, where);
        }
    return RS_OK;
}

rs_status load_files(const char *const *paths, size_t n, load_data *out, rs_error *err)
{
    memset(out, 0, sizeof *out);
    loader *L = calloc(1, sizeof *L);
    if (!L)
        return rs_error_set(err, RS_ENOMEM, "--load: out of memory");
    L->d = out;
    rs_status st = RS_OK;
    for (size_t i = 0; i < n && st == RS_OK; i++)
        st = read_file(L, paths[i], err);
    out->n_files = n;
    if (st == RS_OK && !out->cells)
        st = rs_error_set(err, RS_EINVAL, "%s: no batch table in the file(s)", paths[n - 1]);
    if (st == RS_OK)
        st = check_complete(L, err);
    free(L->seen);
    free(L->shard_path);
    free(L);
    if (st != RS_OK)
        load_free(out);
    return st;
}

void load_free(load_data *d)
{
    free(d->cells);
    d->cells = NULL;
}

void load_view(const load_data *d, view_input *in)
{
    *in = (view_input){.p = &d->p,
                       .ops = model_get(d->p.generator),
                       .n_values = d->n_values,
                       .runs = d->runs,
                       .values = d->values,
                       .cells = d->cells};
}
