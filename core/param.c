/* param.c — parsing, formatting and validation of rs_params through param_table. */
#include "param.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "param_internal.h"

int param_find(const char *key)
{
    for (size_t i = 0; i < param_count; i++)
        if (strcmp(param_table[i].key, key) == 0)
            return (int)i;
    return -1;
}

static void *field(rs_params *p, int i)
{
    return (char *)p + param_table[i].offset;
}
static const void *cfield(const rs_params *p, int i)
{
    return (const char *)p + param_table[i].offset;
}

/* The count of list key i (PT_LIST): each list has its own count beside it. */
static size_t *list_count(rs_params *p, int i)
{
    return param_table[i].offset == offsetof(rs_params, sweep2_values) ? &p->n_sweep2_values
                                                                       : &p->n_sweep_values;
}

size_t param_get_list(const rs_params *p, int i, const double **values)
{
    *values = cfield(p, i);
    return param_table[i].offset == offsetof(rs_params, sweep2_values) ? p->n_sweep2_values
                                                                       : p->n_sweep_values;
}

/* The estimator/loss enums store rs_method values: the index of the name in the
 * methods' names, whatever its place in the key's own list. */
static int is_method_key(int i)
{
    return strcmp(param_table[i].key, "loss") == 0 || strcmp(param_table[i].key, "estimator") == 0;
}

void param_allowed(int i, char *buf, size_t len)
{
    const param_def *d = &param_table[i];
    size_t off = 0;
    switch (d->type) {
    case PT_SIZE:
        snprintf(buf, len, "an integer from %.0f to %.0f", d->min, d->max);
        return;
    case PT_REAL:
        snprintf(buf, len, "a number from %g to %g", d->min, d->max);
        return;
    case PT_LIST:
        snprintf(buf, len, "a comma list of at most %d numbers", PARAM_MAX_LIST);
        return;
    case PT_KEY:
        snprintf(buf, len, "none or a numeric key (n, d, k, kappa, ...)");
        return;
    case PT_ENUM:
    case PT_SET:
        off = (size_t)snprintf(buf, len, d->type == PT_ENUM ? "one of " : "a comma list of ");
        for (size_t j = 0; d->names[j] && off < len; j++)
            off += (size_t)snprintf(buf + off, len - off, "%s%s", j ? "|" : "", d->names[j]);
        return;
    }
}

static rs_status bad(int i, const char *text, rs_error *err)
{
    char allowed[200];
    param_allowed(i, allowed, sizeof allowed);
    return rs_error_set(err, RS_EINVAL, "%s=%.*s%s: allowed %s", param_table[i].key,
                        PARAM_CLIP(text, 80), allowed);
}

/* Parse one finite real written in decimal ([+-]digits[.digits][e[+-]digits]); rejects
 * trailing junk, empty text, nan, inf and the hexadecimal forms strtod would take, and
 * values beyond the range of a double (1e400). */
static int parse_real(const char *s, double *out)
{
    char *end;
    while (*s == ' ')
        s++;
    if (!*s)
        return 0;
    const char *c = s + (*s == '+' || *s == '-');
    if (!(isdigit((unsigned char)c[0]) || (c[0] == '.' && isdigit((unsigned char)c[1]))))
        return 0;
    for (; *c && *c != ' '; c++)
        if (!isdigit((unsigned char)*c) && !strchr(".eE+-", *c))
            return 0;
    errno = 0;
    const double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (*end || errno == ERANGE || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

static int name_index(const char *const *names, const char *s, size_t len)
{
    for (int j = 0; names[j]; j++)
        if (strlen(names[j]) == len && strncmp(names[j], s, len) == 0)
            return j;
    return -1;
}

/* Range-check v for key i and store it; `text` is what the user wrote, for the message. */
static rs_status set_number(rs_params *p, int i, double v, const char *text, rs_error *err)
{
    const param_def *d = &param_table[i];
    if (d->type == PT_SIZE) {
        if (!(v >= d->min && v <= d->max) || v != floor(v))
            return bad(i, text, err);
        *(size_t *)field(p, i) = (size_t)v;
        return RS_OK;
    }
    if (d->type == PT_REAL) {
        if (!(v >= d->min && v <= d->max))
            return bad(i, text, err);
        *(double *)field(p, i) = v;
        return RS_OK;
    }
    return rs_error_set(err, RS_EINVAL, "%s: not a numeric key", d->key);
}

rs_status param_set_number(rs_params *p, int i, double v, rs_error *err)
{
    char text[64];
    snprintf(text, sizeof text, "%.17g", v);
    return set_number(p, i, v, text, err);
}

int param_get_enum(const rs_params *p, int i)
{
    return *(const int *)cfield(p, i);
}

double param_get_number(const rs_params *p, int i)
{
    if (param_table[i].type == PT_SIZE)
        return (double)*(const size_t *)cfield(p, i);
    if (param_table[i].type == PT_REAL)
        return *(const double *)cfield(p, i);
    return NAN;
}

/* Rewrite the methods of key i (estimator, loss or compare) that p's generator accepts
 * under an old name (model_ops.aliases), noting which in p->aliased. */
static void resolve_aliases(rs_params *p, int i)
{
    const model_ops *ops = model_get(p->generator);
    const char *key = param_table[i].key;
    if (!ops || !ops->aliases || (strcmp(key, ops->method_key) != 0 && strcmp(key, "compare") != 0))
        return;
    for (const model_alias *a = ops->aliases; a->from >= 0; a++) {
        if (param_table[i].type == PT_SET) {
            unsigned *set = field(p, i);
            if (*set & (1u << a->from)) {
                *set = (*set & ~(1u << a->from)) | (1u << a->to);
                p->aliased |= 1u << a->from;
            }
        } else if (*(int *)field(p, i) == a->from) {
            *(int *)field(p, i) = a->to;
            p->aliased |= 1u << a->from;
        }
    }
}

rs_status param_parse(rs_params *p, int i, const char *text, rs_error *err)
{
    const param_def *d = &param_table[i];
    double v;
    switch (d->type) {
    case PT_SIZE:
    case PT_REAL:
        if (!parse_real(text, &v))
            return bad(i, text, err);
        return set_number(p, i, v, text, err);
    case PT_ENUM: {
        const int j = name_index(d->names, text, strlen(text));
        const model_ops *gen = model_get(p->generator);
        if (j < 0 && gen && strcmp(d->key, "metric") == 0)
            return param_metric_check(gen, text, err); /* the generator's names only */
        if (j < 0)
            return bad(i, text, err);
        *(int *)field(p, i) =
            is_method_key(i) ? name_index(param_method_names, text, strlen(text)) : j;
        resolve_aliases(p, i);
        /* The generator's method key names the one method to run: set after compare, it
         * replaces the list (the later setting wins), so that it is never ignored. */
        const model_ops *ops = model_get(p->generator);
        if (ops && strcmp(ops->method_key, d->key) == 0)
            p->compare = 0;
        return RS_OK;
    }
    case PT_SET: {
        unsigned set = 0;
        const char *s = text;
        while (*s) {
            const char *comma = strchr(s, ',');
            const size_t len = comma ? (size_t)(comma - s) : strlen(s);
            const int j = name_index(d->names, s, len);
            if (j < 0)
                return bad(i, text, err);
            set |= 1u << j;
            s += len + (comma ? 1 : 0);
        }
        *(unsigned *)field(p, i) = set;
        resolve_aliases(p, i);
        return RS_OK;
    }
    case PT_LIST: {
        size_t m = 0;
        double *list = field(p, i);
        const char *s = text;
        char item[64];
        while (*s) {
            const char *comma = strchr(s, ',');
            const size_t len = comma ? (size_t)(comma - s) : strlen(s);
            if (len == 0 || len >= sizeof item || m == PARAM_MAX_LIST)
                return bad(i, text, err);
            memcpy(item, s, len);
            item[len] = 0;
            if (!parse_real(item, &list[m]) || list[m] < d->min || list[m] > d->max)
                return bad(i, text, err);
            m++;
            s += len + (comma ? 1 : 0);
        }
        *list_count(p, i) = m;
        return RS_OK;
    }
    case PT_KEY: {
        if (strcmp(text, "none") == 0) {
            *(int *)field(p, i) = -1;
            return RS_OK;
        }
        const int j = param_find(text);
        if (j < 0 || (param_table[j].type != PT_SIZE && param_table[j].type != PT_REAL) ||
            (param_table[j].flags & PARAM_NO_SWEEP))
            return bad(i, text, err);
        *(int *)field(p, i) = j;
        return RS_OK;
    }
    }
    return bad(i, text, err);
}

void param_format(const rs_params *p, int i, char *buf, size_t len)
{
    const param_def *d = &param_table[i];
    size_t off = 0;
    buf[0] = 0;
    switch (d->type) {
    case PT_SIZE:
        snprintf(buf, len, "%zu", *(const size_t *)cfield(p, i));
        return;
    case PT_REAL:
        snprintf(buf, len, "%.10g", *(const double *)cfield(p, i));
        return;
    case PT_ENUM:
        snprintf(buf, len, "%s",
                 is_method_key(i) ? param_method_names[*(const int *)cfield(p, i)]
                                  : d->names[*(const int *)cfield(p, i)]);
        return;
    case PT_SET: {
        const unsigned set = *(const unsigned *)cfield(p, i);
        for (int j = 0; d->names[j] && off < len; j++)
            if (set & (1u << j))
                off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? "," : "", d->names[j]);
        return;
    }
    case PT_LIST: {
        const double *list;
        const size_t count = param_get_list(p, i, &list);
        for (size_t j = 0; j < count && off < len; j++)
            off += (size_t)snprintf(buf + off, len - off, "%s%.10g", j ? "," : "", list[j]);
        return;
    }
    case PT_KEY: {
        const int key = *(const int *)cfield(p, i);
        snprintf(buf, len, "%s", key < 0 ? "none" : param_table[key].key);
        return;
    }
    }
}

void param_generators(int i, char *buf, size_t len)
{
    size_t off = 0;
    buf[0] = 0;
    for (int g = 0; g < GEN_COUNT && off < len; g++)
        if (param_table[i].generators & (1u << g))
            off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? "|" : "",
                                    param_generator_name(g));
}

rs_status param_check_key(int i, int gen, const char *text, rs_error *err)
{
    if (param_table[i].generators & (1u << gen))
        return RS_OK;
    char gens[96];
    param_generators(i, gens, sizeof gens);
    return rs_error_set(err, RS_EINVAL,
                        "%s=%.*s%s: not a key of generator %s; allowed only with %s",
                        param_table[i].key, PARAM_CLIP(text, 80), param_generator_name(gen), gens);
}

rs_generator param_default_generator(void)
{
    rs_params p;
    memset(&p, 0, sizeof p);
    const int i = param_find("generator");
    param_parse(&p, i, param_table[i].def, NULL);
    return (rs_generator)p.generator;
}

void param_defaults(rs_params *p, rs_generator gen)
{
    memset(p, 0, sizeof *p);
    /* The generator first, so that the table's method defaults resolve its aliases. */
    p->generator = gen;
    const int gi = param_find("generator");
    for (size_t i = 0; i < param_count; i++) {
        if ((int)i == gi)
            continue;
        if (param_table[i].def[0] || param_table[i].type == PT_SET ||
            param_table[i].type == PT_LIST)
            param_parse(p, (int)i, param_table[i].def, NULL);
    }
    const model_ops *ops = model_get(gen);
    for (const model_default *def = ops ? ops->defaults : NULL; def && def->key; def++)
        param_parse(p, param_find(def->key), def->value, NULL);
    p->aliased = 0; /* defaults are nobody's old name */
}

const char *param_generator_name(int gen)
{
    return param_table[param_find("generator")].names[gen];
}
const char *param_view_name(int view)
{
    return param_table[param_find("view")].names[view];
}
const char *param_method_name(int method)
{
    return param_table[param_find("compare")].names[method];
}

unsigned param_methods(const rs_params *p)
{
    if (p->compare)
        return p->compare;
    const model_ops *ops = model_get(p->generator);
    if (!ops)
        return 0;
    const int key = param_find(ops->method_key);
    return key < 0 ? 0 : 1u << param_get_enum(p, key);
}

/* x rounded to 12 significant digits (through its decimal text: exact and portable). */
static double round_digits(double x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.12g", x);
    return strtod(buf, NULL);
}

/* The values of one swept key: the explicit list, or steps values from..to spaced
 * linearly or logarithmically (rounded for integer keys). */
static size_t axis_values(int key, const double *list, size_t n_list, double from, double to,
                          size_t steps, int scale, double *out)
{
    if (key < 0) {
        out[0] = 0;
        return 1;
    }
    if (n_list > 0) {
        memcpy(out, list, n_list * sizeof *out);
        return n_list;
    }
    const int integer = param_table[key].type == PT_SIZE;
    for (size_t j = 0; j < steps; j++) {
        const double t = steps > 1 ? (double)j / (double)(steps - 1) : 0.0;
        double v;
        if (scale == SWEEP_LOG)
            v = exp(log(from) + t * (log(to) - log(from)));
        else
            v = from + t * (to - from);
        /* Integer keys take whole values; real ones 12 significant digits, so that a grid
         * point reached from two ranges (a range moved by whole steps) is one double: the
         * phase map keeps finished cells by their values (sweep2.h). */
        out[j] = integer ? round(v) : round_digits(v);
    }
    return steps;
}

size_t param_sweep_values(const rs_params *p, double *out)
{
    return axis_values(p->sweep, p->sweep_values, p->n_sweep_values, p->sweep_from, p->sweep_to,
                       p->sweep_steps, p->sweep_scale, out);
}

size_t param_sweep2_values(const rs_params *p, double *out)
{
    return axis_values(p->sweep2, p->sweep2_values, p->n_sweep2_values, p->sweep2_from,
                       p->sweep2_to, p->sweep2_steps, p->sweep2_scale, out);
}

int param_first_cell_difference(const rs_params *a, const rs_params *b, int skip)
{
    for (size_t i = 0; i < param_count; i++) {
        if ((int)i == skip || (param_table[i].flags & PARAM_NO_CELLS))
            continue;
        char x[PARAM_MAX_LIST * 24], y[PARAM_MAX_LIST * 24];
        param_format(a, (int)i, x, sizeof x);
        param_format(b, (int)i, y, sizeof y);
        if (strcmp(x, y) != 0)
            return (int)i;
    }
    return -1;
}
