/* preset.c — reading presets with libinih, keeping line numbers for error messages. */
#include "preset.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

#ifndef RS_SOURCE_PRESETS
#define RS_SOURCE_PRESETS "presets"
#endif
#ifndef RS_DATA_PRESETS
#define RS_DATA_PRESETS "/usr/local/share/reluscope/presets"
#endif

static const char *const preset_dirs[] = {RS_SOURCE_PRESETS, RS_DATA_PRESETS};

static int is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

rs_status preset_find(const char *name, char *out, rs_error *err)
{
    const size_t len = strlen(name);
    if (strchr(name, '/') || (len > 4 && strcmp(name + len - 4, ".ini") == 0)) {
        if (!is_file(name))
            return rs_error_set(err, RS_EIO, "--preset %s: no such file", name);
        if (len >= PRESET_PATH)
            return rs_error_set(err, RS_EINVAL, "--preset: path longer than %d bytes", PRESET_PATH - 1);
        memcpy(out, name, len + 1);
        return RS_OK;
    }
    char path[PRESET_PATH];
    for (size_t i = 0; i < sizeof preset_dirs / sizeof preset_dirs[0]; i++) {
        const int w = snprintf(path, sizeof path, "%s/%s.ini", preset_dirs[i], name);
        if (w > 0 && w < PRESET_PATH && is_file(path)) {
            memcpy(out, path, (size_t)w + 1);
            return RS_OK;
        }
    }
    return rs_error_set(err, RS_EINVAL, "--preset %s: no such preset (see --list-presets)", name);
}

/* libinih reads through this so that the handler knows the current line number. */
typedef struct {
    FILE *f;
    int line;
    int continuation; /* the current line starts with white space: a value continues */
    int too_long;     /* line number of the first line longer than libinih's buffer */
    preset *p;
    rs_error *err;
    rs_status status;
} reader;

static char *read_line(char *str, int num, void *stream)
{
    reader *r = stream;
    char *s = fgets(str, num, r->f);
    if (!s)
        return NULL;
    r->line++;
    r->continuation = s[0] == ' ' || s[0] == '\t';
    const size_t len = strlen(s);
    if (len == (size_t)num - 1 && s[len - 1] != '\n' && !feof(r->f)) {
        /* Longer than libinih's line buffer: refuse rather than split it silently. */
        if (!r->too_long)
            r->too_long = r->line;
        int ch;
        while ((ch = fgetc(r->f)) != EOF && ch != '\n')
            ;
        s[0] = 0;
    }
    return s;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    reader *r = user;
    preset *p = r->p;
    if (r->status != RS_OK)
        return 0;
    if (strcmp(section, "preset") == 0) {
        if (strcmp(name, "title") == 0)
            snprintf(p->title, sizeof p->title, "%s", value);
        else if (strcmp(name, "caption") == 0 && r->continuation && p->caption[0]) {
            /* libinih passes an indented continuation line as the same key again. */
            const size_t len = strlen(p->caption);
            snprintf(p->caption + len, sizeof p->caption - len, " %s", value);
        } else if (strcmp(name, "caption") == 0)
            snprintf(p->caption, sizeof p->caption, "%s", value);
        else {
            r->status = rs_error_set(r->err, RS_EINVAL, "%s:%d: unknown key '%s' in [preset] (allowed title, caption)",
                                     p->path, r->line, name);
            return 0;
        }
        return 1;
    }
    if (strcmp(section, "params") == 0) {
        if (p->n_pairs == PRESET_MAX_PAIRS || strlen(name) >= sizeof p->pairs[0].key) {
            r->status = rs_error_set(r->err, RS_EINVAL, "%s:%d: too many or too long keys", p->path, r->line);
            return 0;
        }
        preset_pair *q = &p->pairs[p->n_pairs++];
        snprintf(q->key, sizeof q->key, "%s", name);
        snprintf(q->value, sizeof q->value, "%s", value);
        q->line = r->line;
        return 1;
    }
    r->status = rs_error_set(r->err, RS_EINVAL, "%s:%d: unknown section [%s] (allowed [preset], [params])",
                             p->path, r->line, section);
    return 0;
}

rs_status preset_read(const char *path, preset *p, rs_error *err)
{
    memset(p, 0, sizeof *p);
    snprintf(p->path, sizeof p->path, "%s", path);
    const char *base = strrchr(path, '/');
    snprintf(p->name, sizeof p->name, "%s", base ? base + 1 : path);
    char *dot = strrchr(p->name, '.');
    if (dot && strcmp(dot, ".ini") == 0)
        *dot = 0;
    reader r = {fopen(path, "r"), 0, 0, 0, p, err, RS_OK};
    if (!r.f)
        return rs_error_set(err, RS_EIO, "%s: cannot open", path);
    const int rc = ini_parse_stream(read_line, &r, handler, &r);
    fclose(r.f);
    if (r.too_long)
        return rs_error_set(err, RS_EINVAL, "%s:%d: line longer than %d characters", path,
                            r.too_long, INI_MAX_LINE - 2);
    if (r.status != RS_OK)
        return r.status;
    if (rc != 0)
        return rs_error_set(err, RS_EINVAL, "%s:%d: malformed line (expected [section] or key = value)",
                            path, rc);
    return RS_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void preset_list(void *file)
{
    FILE *f = file;
    char *names[512];
    size_t m = 0;
    for (size_t i = 0; i < sizeof preset_dirs / sizeof preset_dirs[0]; i++) {
        DIR *dir = opendir(preset_dirs[i]);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir)) && m < 512) {
            const size_t len = strlen(e->d_name);
            if (len > 4 && strcmp(e->d_name + len - 4, ".ini") == 0) {
                char *full = malloc(strlen(preset_dirs[i]) + len + 2);
                if (!full)
                    continue;
                sprintf(full, "%s/%s", preset_dirs[i], e->d_name);
                names[m++] = full;
            }
        }
        closedir(dir);
    }
    qsort(names, m, sizeof names[0], cmp_str);
    char seen[512][256];
    size_t n_seen = 0;
    for (size_t j = 0; j < m; j++) {
        preset p;
        rs_error e;
        if (preset_read(names[j], &p, &e) == RS_OK) {
            int dup = 0;
            for (size_t s = 0; s < n_seen; s++)
                dup |= strcmp(seen[s], p.name) == 0;
            if (!dup) {
                snprintf(seen[n_seen++], 256, "%s", p.name);
                fprintf(f, "%-24s %s\n", p.name, p.title);
            }
        }
        free(names[j]);
    }
}
