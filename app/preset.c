/* preset.c — reading presets with libinih, keeping line numbers for error messages.
 *
 * The text is checked before libinih sees it (NUL bytes, control characters, invalid
 * UTF-8, line length), then fed to ini_parse_stream one physical line at a time by
 * read_line, which also tracks sections the way libinih does, so that empty, unknown and
 * duplicate sections are reported with their line. libinih's line buffer is 200 bytes
 * (INI_MAX_LINE of Debian's build); longer lines are fed as pieces cut at spaces, each
 * after the first indented, which libinih passes on as continuation lines of the same
 * key, and the handler joins them with one space as it does for written continuations. */
#include "preset.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "model.h"

typedef struct {
    const char *buf;
    size_t len, pos;   /* text and the start of the next physical line */
    size_t piece, end; /* unread part of the current physical line: [piece, end) */
    int split;         /* the current physical line is being fed in pieces */
    int line;          /* physical line number of what libinih has now */
    int continuation;  /* what libinih has now continues the previous key */
    int have_key;      /* a key line since the last section header (libinih's prev_name) */
    char section[64];
    int preset_line, params_line; /* lines of the [preset] and [params] headers, 0 = none */
    int content;                  /* any line that is not blank or a comment */
    preset_pair *last;            /* the pair a continuation extends ([params]) */
    char *last_text;              /* or the title or caption it extends */
    preset *p;
    rs_error *err;
    rs_status status;
} reader;

/* Record the first error only (RS_EINVAL, one line). */
static void fail(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(reader *r, const char *fmt, ...)
{
    if (r->status != RS_OK)
        return;
    char msg[RS_ERROR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->status = rs_error_set(r->err, RS_EINVAL, "%s", msg);
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when invalid: overlong
 * forms, surrogates and code points above U+10FFFF are refused (RFC 3629). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    const unsigned c = s[0];
    size_t len;
    unsigned min, cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, min = 0x80, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, min = 0x800, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, min = 0x10000, cp = c & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

/* Refuse what is not a short UTF-8 text file, naming the line and column. */
static rs_status check_text(const char *path, const char *buf, size_t len, rs_error *err)
{
    const unsigned char *s = (const unsigned char *)buf;
    int line = 1;
    size_t col = 1;
    for (size_t i = 0; i < len;) {
        const unsigned c = s[i];
        if (c == '\n') {
            line++, col = 1, i++;
            continue;
        }
        if (col > PRESET_LINE_MAX)
            return rs_error_set(err, RS_EINVAL,
                                "%s:%d: line longer than %d bytes; allowed "
                                "shorter lines (continue a value on indented lines)",
                                path, line, PRESET_LINE_MAX);
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
            return rs_error_set(err, RS_EINVAL,
                                "%s:%d: byte 0x%02x at column %zu is not text; "
                                "allowed UTF-8 text (is this a binary file?)",
                                path, line, c, col);
        const size_t n = utf8_len(s + i, len - i);
        if (n == 0)
            return rs_error_set(err, RS_EINVAL,
                                "%s:%d: invalid UTF-8 (byte 0x%02x at column %zu); "
                                "allowed UTF-8 text",
                                path, line, c, col);
        i += n, col += n;
    }
    return RS_OK;
}

static const char *skip_space(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++;
    return s;
}

/* A section header line [name]: check it is known and new, as libinih will see it. */
static void section_line(reader *r, const char *s, const char *end)
{
    const char *close = memchr(s, ']', (size_t)(end - s));
    const size_t n = close ? (size_t)(close - s - 1) : 0;
    if (!close || n >= sizeof r->section) {
        fail(r, "%s:%d: malformed section header; allowed [preset] or [params]", r->p->path,
             r->line);
        return;
    }
    memcpy(r->section, s + 1, n);
    r->section[n] = 0;
    int *seen = strcmp(r->section, "preset") == 0   ? &r->preset_line
                : strcmp(r->section, "params") == 0 ? &r->params_line
                                                    : NULL;
    if (!seen)
        fail(r, "%s:%d: unknown section [%s]; allowed [preset], [params]", r->p->path, r->line,
             r->section);
    else if (*seen)
        fail(r, "%s:%d: duplicate section [%s] (first at line %d)", r->p->path, r->line, r->section,
             *seen);
    else if (seen == &r->params_line && !r->preset_line)
        fail(r,
             "%s:%d: [params] before [preset]; allowed [preset] (title, caption) first, then "
             "[params]",
             r->p->path, r->line);
    else
        *seen = r->line;
}

/* Start the next physical line: classify it as libinih will, and skip comments. */
static void begin_line(reader *r)
{
    const char *s = r->buf + r->pos, *stop = r->buf + r->len;
    const char *nl = memchr(s, '\n', (size_t)(stop - s));
    const char *end = nl ? nl : stop;
    r->line++;
    r->piece = r->pos;
    r->end = (size_t)(end - r->buf);
    r->pos = nl ? r->end + 1 : r->len;
    r->split = 0;
    const char *t = skip_space(s, end);
    r->continuation = t > s && t < end && r->have_key && *t != ';' && *t != '#';
    if (t == end || *t == ';' || *t == '#') {
        r->piece = r->end; /* blank or comment: libinih gets an empty line */
        return;
    }
    r->content = 1;
    /* libinih ends a value at an inline comment (';' after white space); end the line
     * there too, so that the pieces of a long line do not resume after the comment. */
    for (const char *c = t + 1; c < end; c++)
        if (*c == ';' && (c[-1] == ' ' || c[-1] == '\t')) {
            r->end = (size_t)(c - r->buf);
            end = c;
            break;
        }
    if (r->continuation)
        return;
    if (*t == '[') {
        section_line(r, t, end);
        r->have_key = 0;
        return;
    }
    const char *eq = t;
    while (eq < end && *eq != '=' && *eq != ':')
        eq++;
    if (eq == end) {
        fail(r,
             "%s:%d: malformed line; allowed [section], KEY = VALUE, a ; comment, or an "
             "indented continuation of the previous value",
             r->p->path, r->line);
    }
    r->have_key = 1;
}

/* The ini_reader: one physical line, or the next piece of a long one, into str. */
static char *read_line(char *str, int num, void *stream)
{
    reader *r = stream;
    if (r->piece == r->end) {
        if (r->pos >= r->len)
            return NULL;
        begin_line(r);
    }
    const size_t room = (size_t)num - 2; /* '\n' and NUL */
    const size_t indent = r->split ? 1 : 0;
    size_t take = r->end - r->piece;
    if (take + indent > room) {
        /* Cut at the last space that leaves a piece libinih will not read as a comment,
         * preferring a lone space: the pieces are joined with one space, so a cut inside
         * a run of spaces would shorten the run. */
        const char *s = r->buf + r->piece;
        size_t cut = 0;
        for (int lone = 1; lone >= 0 && cut == 0; lone--)
            for (cut = room - indent; cut > 0; cut--)
                if (s[cut] == ' ' &&
                    (cut + 1 == take || (s[cut + 1] != ';' && s[cut + 1] != '#')) &&
                    (!lone || (s[cut - 1] != ' ' && (cut + 1 == take || s[cut + 1] != ' '))))
                    break;
        if (cut == 0) {
            fail(r,
                 "%s:%d: more than %zu bytes without a space; allowed "
                 "shorter words (continue a value on indented lines)",
                 r->p->path, r->line, room);
            r->piece = r->end;
            str[0] = '\n', str[1] = 0;
            return str;
        }
        take = cut;
    }
    if (indent)
        str[0] = ' ';
    memcpy(str + indent, r->buf + r->piece, take);
    str[indent + take] = '\n';
    str[indent + take + 1] = 0;
    if (r->split)
        r->continuation = 1;
    r->piece += take;
    r->split = r->piece < r->end;
    return str;
}

/* Append " value" to a continued value of capacity PRESET_TEXT. */
static int extend(reader *r, char *text, const char *name, const char *value)
{
    const size_t len = strlen(text), add = strlen(value);
    if (len + 1 + add >= PRESET_TEXT) {
        fail(r, "%s:%d: key '%.64s': value longer than %d bytes", r->p->path, r->line, name,
             PRESET_TEXT - 1);
        return 0;
    }
    if (len && add)
        text[len] = ' ';
    memcpy(text + len + (len && add ? 1 : 0), value, add + 1);
    return 1;
}

/* Set a new value, refusing duplicates and values too long to keep. */
static int set_text(reader *r, char *text, int *line, const char *name, const char *value)
{
    if (*line) {
        fail(r, "%s:%d: duplicate key '%.64s' (first at line %d)", r->p->path, r->line, name,
             *line);
        return 0;
    }
    *line = r->line;
    text[0] = 0;
    r->last_text = text;
    return extend(r, text, name, value);
}

/* The table key closest to name in edit distance, for "did you mean", when the distance is
 * at most a third of the name's length (and 1 or more edits allowed); NULL otherwise. */
static const char *near_key(const char *name)
{
    const size_t n = strlen(name);
    const char *best = NULL;
    size_t best_dist = n / 3 > 1 ? n / 3 : 1;
    for (size_t i = 0; i < param_count && n < 64; i++) {
        const char *k = param_table[i].key;
        const size_t m = strlen(k);
        if (m >= 64)
            continue;
        size_t prev[64], cur[64];
        for (size_t j = 0; j <= m; j++)
            prev[j] = j;
        for (size_t a = 1; a <= n; a++) {
            cur[0] = a;
            for (size_t j = 1; j <= m; j++) {
                const size_t sub = prev[j - 1] + (name[a - 1] != k[j - 1]);
                const size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
                cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            }
            memcpy(prev, cur, (m + 1) * sizeof prev[0]);
        }
        if (prev[m] <= best_dist && (!best || prev[m] < best_dist)) {
            best = k;
            best_dist = prev[m];
        }
    }
    return best;
}

static int param_pair(reader *r, const char *name, const char *value)
{
    preset *p = r->p;
    if (param_find(name) < 0) {
        const char *near = near_key(name);
        fail(r,
             "%s:%d: unknown key '%.64s' in [params]; allowed the keys of "
             "reluscope --help%s%s%s",
             p->path, r->line, name, near ? " (did you mean '" : "", near ? near : "",
             near ? "'?)" : "");
        return 0;
    }
    for (size_t j = 0; j < p->n_pairs; j++)
        if (strcmp(p->pairs[j].key, name) == 0) {
            fail(r, "%s:%d: duplicate key '%s' (first at line %d)", p->path, r->line, name,
                 p->pairs[j].line);
            return 0;
        }
    if (p->n_pairs == PRESET_MAX_PAIRS) {
        fail(r, "%s:%d: more than %d keys", p->path, r->line, PRESET_MAX_PAIRS);
        return 0;
    }
    preset_pair *q = &p->pairs[p->n_pairs++];
    snprintf(q->key, sizeof q->key, "%s", name);
    q->line = r->line;
    r->last = q;
    return extend(r, q->value, name, value);
}

/* expected_seconds: a positive finite number, the preset menu's run-time column. */
static int expected_pair(reader *r, const char *value)
{
    if (r->p->expected_line) {
        fail(r, "%s:%d: duplicate key 'expected_seconds' (first at line %d)", r->p->path, r->line,
             r->p->expected_line);
        return 0;
    }
    r->p->expected_line = r->line;
    char *end;
    errno = 0;
    const double v = strtod(value, &end);
    if (end == value || *skip_space(end, end + strlen(end)) || errno || !(v > 0) || v > 1e7) {
        fail(r,
             "%s:%d: expected_seconds=%.64s: allowed a positive number of seconds (wall time "
             "of --batch with threads=2, as scripts/preset_times measures it)",
             r->p->path, r->line, value);
        return 0;
    }
    r->p->expected_seconds = v;
    return 1;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    reader *r = user;
    preset *p = r->p;
    if (r->status != RS_OK)
        return 0;
    if (r->continuation) {
        char *text = r->last ? r->last->value : r->last_text;
        return text ? extend(r, text, name, value) : 0;
    }
    r->last = NULL;
    r->last_text = NULL;
    if (strcmp(section, "preset") == 0) {
        if (strcmp(name, "title") == 0)
            return set_text(r, p->title, &p->title_line, name, value);
        if (strcmp(name, "caption") == 0)
            return set_text(r, p->caption, &p->caption_line, name, value);
        if (strcmp(name, "panels") == 0)
            return set_text(r, p->panels, &p->panels_line, name, value);
        if (strcmp(name, "yscale") == 0)
            return set_text(r, p->yscale, &p->yscale_line, name, value);
        if (strcmp(name, "xscale") == 0)
            return set_text(r, p->xscale, &p->xscale_line, name, value);
        if (strcmp(name, "ylim") == 0)
            return set_text(r, p->ylim, &p->ylim_line, name, value);
        if (strcmp(name, "expected_seconds") == 0)
            return expected_pair(r, value);
        fail(r,
             "%s:%d: unknown key '%.64s' in [preset]; allowed title, caption, panels, yscale, "
             "xscale, ylim, expected_seconds",
             p->path, r->line, name);
    } else if (strcmp(section, "params") == 0) {
        return param_pair(r, name, value);
    } else if (!section[0]) {
        fail(r,
             "%s:%d: key '%.64s' before any section; allowed [preset] (title, caption) first, "
             "then [params]",
             p->path, r->line, name);
    } else {
        fail(r, "%s:%d: unknown section [%.64s]; allowed [preset], [params]", p->path, r->line,
             section);
    }
    return 0;
}

/* panels must name metrics of the preset's generator, yscale one of auto|log|lin. */
static rs_status check_view_keys(const preset *pr, int gen, rs_error *err)
{
    if (pr->yscale[0] && preset_yscale(pr) < 0)
        return rs_error_set(err, RS_EINVAL, "%s:%d: yscale=%s: allowed auto|log|lin", pr->path,
                            pr->yscale_line, pr->yscale);
    if (pr->xscale[0] && preset_xscale(pr) < 0)
        return rs_error_set(err, RS_EINVAL, "%s:%d: xscale=%s: allowed auto|log|lin", pr->path,
                            pr->xscale_line, pr->xscale);
    double lo, hi;
    if (pr->ylim[0] && !preset_ylim(pr, &lo, &hi))
        return rs_error_set(err, RS_EINVAL,
                            "%s:%d: ylim=%s: allowed LO,HI (two finite numbers, LO < HI)", pr->path,
                            pr->ylim_line, pr->ylim);
    const model_ops *ops = model_get(gen);
    const char *s = pr->panels;
    while (ops && *s) {
        s += strspn(s, ", ");
        const size_t len = strcspn(s, ", ");
        bool known = len == 0;
        for (size_t m = 0; m < ops->n_metrics && !known; m++)
            known = strlen(ops->metric_names[m]) == len && !strncmp(ops->metric_names[m], s, len);
        if (!known) {
            char allowed[RS_ERROR_LEN / 2];
            size_t a = 0;
            for (size_t m = 0; m < ops->n_metrics && a < sizeof allowed; m++)
                a += (size_t)snprintf(allowed + a, sizeof allowed - a, "%s%s", m ? "|" : "",
                                      ops->metric_names[m]);
            return rs_error_set(err, RS_EINVAL,
                                "%s:%d: panels=%.*s: allowed metric names of %s: %s", pr->path,
                                pr->panels_line, (int)len, s, ops->name, allowed);
        }
        s += len;
    }
    return RS_OK;
}

/* auto|log|lin as 0, 1, 2; "" is 0; anything else -1. */
static int scale_index(const char *text)
{
    static const char *const names[] = {"auto", "log", "lin"};
    if (!text[0])
        return 0;
    for (int i = 0; i < 3; i++)
        if (strcmp(text, names[i]) == 0)
            return i;
    return -1;
}

int preset_xscale(const preset *pr)
{
    return scale_index(pr->xscale);
}

bool preset_ylim(const preset *pr, double *lo, double *hi)
{
    char end;
    return sscanf(pr->ylim, "%lf ,%lf %c", lo, hi, &end) == 2 && isfinite(*lo) && isfinite(*hi) &&
           *lo < *hi;
}

int preset_yscale(const preset *pr)
{
    static const char *const names[] = {"auto", "log", "lin"};
    if (!pr->yscale[0])
        return 0;
    for (int i = 0; i < 3; i++)
        if (strcmp(pr->yscale, names[i]) == 0)
            return i;
    return -1;
}

rs_status preset_read_mem(const char *buf, size_t len, const char *name, preset *p, rs_error *err)
{
    memset(p, 0, sizeof *p);
    snprintf(p->path, sizeof p->path, "%s", name);
    const char *base = strrchr(name, '/');
    snprintf(p->name, sizeof p->name, "%s", base ? base + 1 : name);
    char *dot = strrchr(p->name, '.');
    if (dot && strcmp(dot, ".ini") == 0)
        *dot = 0;
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        buf += 3, len -= 3; /* a UTF-8 byte order mark */
    /* The text first (it stops at an overlong line, as preset_read does), then the size. */
    const rs_status st =
        check_text(p->path, buf, len > PRESET_FILE_MAX ? PRESET_FILE_MAX : len, err);
    if (st != RS_OK)
        return st;
    if (len > PRESET_FILE_MAX)
        return rs_error_set(err, RS_EINVAL,
                            "%s: larger than %d bytes; a preset is a short text file", p->path,
                            PRESET_FILE_MAX);
    reader r = {.buf = buf, .len = len, .p = p, .err = err, .status = RS_OK};
    const int rc = ini_parse_stream(read_line, &r, handler, &r);
    if (r.status != RS_OK)
        return r.status;
    if (rc != 0)
        return rs_error_set(err, RS_EINVAL,
                            "%s: malformed line; allowed [section], KEY = VALUE, "
                            "; comments and indented continuations",
                            p->path);
    if (!r.content)
        return rs_error_set(
            err, RS_EINVAL,
            "%s: empty file (no [preset] section); allowed [preset] "
            "with title = ... and caption = ..., then [params] with KEY = VALUE lines",
            p->path);
    if (!r.preset_line)
        return rs_error_set(err, RS_EINVAL,
                            "%s: no [preset] section; allowed [preset] with title = "
                            "... and caption = ..., then [params]",
                            p->path);
    if (!p->title[0])
        return rs_error_set(err, RS_EINVAL,
                            "%s:%d: [preset] has no title; allowed title = ONE LINE "
                            "(the preset menu and --list-presets show it)",
                            p->path, r.preset_line);
    if (!r.params_line)
        return rs_error_set(err, RS_EINVAL,
                            "%s: no [params] section; allowed [params] with KEY = "
                            "VALUE lines (an empty [params] means every default)",
                            p->path);
    int gen;
    const rs_status gst = preset_generator(p, &gen, err);
    return gst != RS_OK ? gst : check_view_keys(p, gen, err);
}

rs_status preset_read(const char *path, preset *p, rs_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        memset(p, 0, sizeof *p);
        return rs_error_set(err, RS_EIO, "%s: cannot open (%s)", path, strerror(errno));
    }
    /* Read at most PRESET_FILE_MAX + 1 bytes, stopping at an overlong line, so that a
     * huge file or line costs neither time nor memory. */
    char *buf = malloc(PRESET_FILE_MAX + 1);
    if (!buf) {
        fclose(f);
        return rs_error_set(err, RS_ENOMEM, "%s: cannot allocate the read buffer", path);
    }
    size_t len = 0, col = 0;
    int c;
    while (len <= PRESET_FILE_MAX && col <= PRESET_LINE_MAX && (c = getc(f)) != EOF) {
        buf[len++] = (char)c;
        col = c == '\n' ? 0 : col + 1;
    }
    const int bad = ferror(f);
    fclose(f);
    rs_status st;
    if (bad) {
        memset(p, 0, sizeof *p);
        st = rs_error_set(err, RS_EIO, "%s: read error", path);
    } else {
        st = preset_read_mem(buf, len, path, p, err);
    }
    free(buf);
    return st;
}

rs_status preset_generator(const preset *pr, int *gen, rs_error *err)
{
    *gen = param_default_generator();
    const int gi = param_find("generator");
    for (size_t j = 0; j < pr->n_pairs; j++)
        if (strcmp(pr->pairs[j].key, "generator") == 0) {
            rs_params tmp;
            rs_error e;
            param_defaults(&tmp, param_default_generator());
            if (param_parse(&tmp, gi, pr->pairs[j].value, &e) != RS_OK)
                return rs_error_set(err, RS_EINVAL, "%s:%d: %s", pr->path, pr->pairs[j].line,
                                    e.msg);
            *gen = tmp.generator;
        }
    return RS_OK;
}

rs_status preset_apply(const preset *pr, rs_params *out, rs_error *err)
{
    for (size_t j = 0; j < pr->n_pairs; j++) {
        const preset_pair *q = &pr->pairs[j];
        const int i = param_find(q->key);
        rs_error e;
        if (i < 0)
            return rs_error_set(err, RS_EINVAL,
                                "%s:%d: unknown key '%s'; allowed the keys of "
                                "reluscope --help",
                                pr->path, q->line, q->key);
        if (param_check_key(i, out->generator, q->value, &e) != RS_OK ||
            param_parse(out, i, q->value, &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "%s:%d: %s", pr->path, q->line, e.msg);
    }
    return RS_OK;
}

rs_status preset_check(const preset *pr, const rs_params *p, rs_error *err)
{
    rs_error e;
    if (param_check(p, &e) == RS_OK)
        return RS_OK;
    /* The messages start "KEY=VALUE: ..."; name the line of KEY when the preset sets it. */
    const size_t n = strcspn(e.msg, "=,: ");
    for (size_t j = 0; j < pr->n_pairs; j++)
        if (strlen(pr->pairs[j].key) == n && strncmp(pr->pairs[j].key, e.msg, n) == 0)
            return rs_error_set(err, RS_EINVAL, "%s:%d: %s", pr->path, pr->pairs[j].line, e.msg);
    return rs_error_set(err, RS_EINVAL, "%s: %s", pr->path, e.msg);
}

rs_status preset_params(const preset *pr, rs_params *out, rs_error *err)
{
    int gen;
    rs_status st = preset_generator(pr, &gen, err);
    if (st != RS_OK)
        return st;
    param_defaults(out, (rs_generator)gen);
    if ((st = preset_apply(pr, out, err)) != RS_OK)
        return st;
    return preset_check(pr, out, err);
}
