/* preset_store.c — where presets live: the search path, listing, and writing a preset
 * that the reader (preset.c) gives back unchanged. */
#include "preset.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef RS_SOURCE_PRESETS
#define RS_SOURCE_PRESETS "presets"
#endif
#ifndef RS_DATA_PRESETS
#define RS_DATA_PRESETS "/usr/local/share/reluscope/presets"
#endif

enum { N_DIRS = 3 };

/* The search path in order: the user's directory (may be absent), the source tree, the
 * installed data directory. Returns the number of directories written to dirs. */
static size_t search_path(char dirs[N_DIRS][PRESET_PATH])
{
    size_t m = 0;
    if (preset_user_dir(dirs[0], PRESET_PATH))
        m++;
    snprintf(dirs[m++], PRESET_PATH, "%s", RS_SOURCE_PRESETS);
    snprintf(dirs[m++], PRESET_PATH, "%s", RS_DATA_PRESETS);
    return m;
}

static int is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

const char *preset_user_dir(char *buf, size_t len)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    int w;
    /* XDG base directory spec: a relative XDG_CONFIG_HOME is invalid and ignored. */
    if (xdg && xdg[0] == '/')
        w = snprintf(buf, len, "%s/reluscope/presets", xdg);
    else if (home && home[0] == '/')
        w = snprintf(buf, len, "%s/.config/reluscope/presets", home);
    else
        return NULL;
    return w > 0 && (size_t)w < len ? buf : NULL;
}

rs_status preset_find(const char *name, char *out, rs_error *err)
{
    const size_t len = strlen(name);
    if (strchr(name, '/') || (len > 4 && strcmp(name + len - 4, ".ini") == 0)) {
        if (len >= PRESET_PATH)
            return rs_error_set(err, RS_EINVAL, "--preset: path longer than %d bytes",
                                PRESET_PATH - 1);
        if (!is_file(name))
            return rs_error_set(err, RS_EIO, "--preset %.*s%s: no such file",
                                PARAM_CLIP(name, 300));
        memcpy(out, name, len + 1);
        return RS_OK;
    }
    char dirs[N_DIRS][PRESET_PATH], path[PRESET_PATH];
    const size_t m = search_path(dirs);
    for (size_t i = 0; i < m && len < PRESET_NAME; i++) {
        const int w = snprintf(path, sizeof path, "%s/%s.ini", dirs[i], name);
        if (w > 0 && w < PRESET_PATH && is_file(path)) {
            memcpy(out, path, (size_t)w + 1);
            return RS_OK;
        }
    }
    return rs_error_set(err, RS_EINVAL,
                        "--preset %.*s%s: no such preset; allowed a name from "
                        "--list-presets or a PATH",
                        PARAM_CLIP(name, 300));
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

size_t preset_names(char (*names)[256], size_t cap)
{
    char dirs[N_DIRS][PRESET_PATH];
    const size_t m = search_path(dirs);
    size_t count = 0;
    for (size_t i = 0; i < m; i++) {
        DIR *dir = opendir(dirs[i]);
        if (!dir)
            continue;
        const struct dirent *e;
        while ((e = readdir(dir))) {
            const size_t len = strlen(e->d_name);
            if (len <= 4 || len - 4 >= 256 || strcmp(e->d_name + len - 4, ".ini") != 0 ||
                e->d_name[0] == '.')
                continue;
            char stem[256];
            memcpy(stem, e->d_name, len - 4);
            stem[len - 4] = 0;
            int dup = 0;
            for (size_t j = 0; j < count && !dup; j++)
                dup = strcmp(names[j], stem) == 0;
            if (!dup && count < cap)
                memcpy(names[count++], stem, len - 3);
        }
        closedir(dir);
    }
    qsort(names, count, sizeof names[0], cmp_name);
    return count;
}

void preset_list(void *file)
{
    FILE *f = file;
    enum { MAX_LISTED = 1024 };
    char(*names)[256] = malloc(MAX_LISTED * sizeof *names);
    preset *p = malloc(sizeof *p);
    if (!names || !p) {
        free(names);
        free(p);
        fprintf(f, "(out of memory)\n");
        return;
    }
    const size_t n = preset_names(names, MAX_LISTED);
    for (size_t i = 0; i < n; i++) {
        char path[PRESET_PATH];
        rs_error e;
        if (preset_find(names[i], path, &e) == RS_OK && preset_read(path, p, &e) == RS_OK)
            fprintf(f, "%-24s %s\n", names[i], p->title);
        else
            fprintf(f, "%-24s (does not load: %s)\n", names[i], e.msg);
    }
    free(names);
    free(p);
}

/* Refuse text that would not read back as written: line breaks, control characters,
 * leading or trailing spaces, and ';' or '#' after white space (the reader's comments). */
static rs_status check_value(const char *what, const char *s, rs_error *err)
{
    for (size_t i = 0; s[i]; i++) {
        const unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return rs_error_set(err, RS_EINVAL,
                                "preset_write: %s has a control character "
                                "(0x%02x); allowed one line of text",
                                what, c);
        if (c == ' ' && (i == 0 || !s[i + 1]))
            return rs_error_set(err, RS_EINVAL,
                                "preset_write: %s has a leading or trailing space, which the "
                                "reader strips; allowed text without it",
                                what);
        if ((c == ';' || c == '#') && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
            return rs_error_set(err, RS_EINVAL,
                                "preset_write: %s has '%c' after a space, which "
                                "starts a comment; allowed text without it",
                                what, c);
    }
    return RS_OK;
}

/* 1 when s[i] is a space with no space on either side: a place where a value may be cut
 * onto a continuation line (the reader joins the pieces with one space). */
static int lone_space(const char *s, size_t i)
{
    return s[i] == ' ' && s[i + 1] != ' ' && s[i + 1] && (i == 0 || s[i - 1] != ' ');
}

/* "KEY = VALUE", wrapped at PRESET_WRAP columns onto lines indented by 4 spaces, cut only
 * at lone spaces, so that runs of spaces read back as written (check_value has refused
 * leading and trailing spaces, which the reader strips). */
static void write_wrapped(FILE *f, const char *key, const char *value)
{
    size_t col = (size_t)fprintf(f, "%s =", key);
    const char *s = value;
    while (*s) {
        size_t w = 1;
        while (s[w] && !lone_space(s, w))
            w++;
        if (col > 4 && col + 1 + w > PRESET_WRAP) {
            fputs("\n   ", f);
            col = 3;
        }
        fprintf(f, " %.*s", (int)w, s);
        col += 1 + w;
        s += w + (s[w] ? 1 : 0);
    }
    fputc('\n', f);
}

/* Shortest text that parses back to exactly x (15 significant digits, else 17). */
static void format_real(double x, char *buf, size_t len)
{
    snprintf(buf, len, "%.15g", x);
    if (strtod(buf, NULL) != x)
        snprintf(buf, len, "%.17g", x);
}

/* Key i of p as preset text: param_format, but reals exact and lists with ", " so that
 * long lists wrap at spaces. */
static void format_value(const rs_params *p, int i, char *buf, size_t len)
{
    const param_def *d = &param_table[i];
    if (d->type == PT_REAL) {
        format_real(param_get_number(p, i), buf, len);
    } else if (d->type == PT_LIST) {
        size_t off = 0;
        buf[0] = 0;
        const double *list;
        const size_t count = param_get_list(p, i, &list);
        for (size_t j = 0; j < count && off + 32 < len; j++) {
            char x[40];
            format_real(list[j], x, sizeof x);
            off += (size_t)snprintf(buf + off, len - off, "%s%s", j ? ", " : "", x);
        }
    } else {
        param_format(p, i, buf, len);
    }
}

/* RS_EINVAL unless every key of p formats within the reader's PRESET_TEXT bytes (a long
 * list of long reals may not): refused whole rather than written cut. */
static rs_status check_lengths(const rs_params *p, rs_error *err)
{
    char value[PARAM_MAX_LIST * 40];
    for (size_t i = 0; i < param_count; i++) {
        if (!(param_table[i].generators & (1u << p->generator)))
            continue;
        format_value(p, (int)i, value, sizeof value);
        if (strlen(value) >= PRESET_TEXT)
            return rs_error_set(err, RS_EINVAL,
                                "preset_write: %s takes %zu bytes as text; allowed at most %d "
                                "(fewer or shorter values)",
                                param_table[i].key, strlen(value), PRESET_TEXT - 1);
    }
    return RS_OK;
}

/* mkdir -p of the directory part of path. */
static rs_status make_parent(const char *path, rs_error *err)
{
    char dir[PRESET_PATH];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return RS_OK;
    *slash = 0;
    for (char *c = dir + 1;; c++) {
        const int last = *c == 0;
        if (*c == '/' || last) {
            *c = 0;
            if (mkdir(dir, 0755) != 0 && errno != EEXIST)
                return rs_error_set(err, RS_EIO, "%s: cannot create directory (%s)", dir,
                                    strerror(errno));
            if (last)
                return RS_OK;
            *c = '/';
        }
    }
}

/* Move the written temporary file tmp to path. Without overwrite the step is atomic and
 * fails when path exists, also when another process creates it meanwhile: link(2) (or
 * renameat2 with RENAME_NOREPLACE where links are not supported) refuses an existing
 * name, so of two concurrent saves exactly one succeeds. tmp is gone afterwards. */
static rs_status place(const char *tmp, const char *path, int overwrite, rs_error *err)
{
    int rc, e;
    if (overwrite) {
        rc = rename(tmp, path);
        e = errno;
    } else {
        rc = link(tmp, path);
        e = errno;
        if (rc != 0 && e != EEXIST) {
            rc = renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
            e = errno;
        }
    }
    unlink(tmp); /* after link: the second name; after a rename: nothing left */
    if (rc == 0)
        return RS_OK;
    if (e == EEXIST)
        return rs_error_set(err, RS_EINVAL,
                            "%s exists; allowed only with overwrite (confirm to "
                            "replace it)",
                            path);
    return rs_error_set(err, RS_EIO, "%s: cannot move into place (%s)", path, strerror(e));
}

rs_status preset_write(const char *path, const char *title, const char *caption, const rs_params *p,
                       int overwrite, rs_error *err)
{
    rs_status st;
    if (strlen(path) + 16 >= PRESET_PATH)
        return rs_error_set(err, RS_EINVAL, "preset_write: path longer than %d bytes",
                            PRESET_PATH - 17);
    if (!title[0] || strlen(title) >= PRESET_TEXT || strlen(caption) >= PRESET_TEXT)
        return rs_error_set(err, RS_EINVAL,
                            "preset_write: allowed a title of 1 to %d bytes and "
                            "a caption of at most %d",
                            PRESET_TEXT - 1, PRESET_TEXT - 1);
    if ((st = check_value("the title", title, err)) != RS_OK ||
        (st = check_value("the caption", caption, err)) != RS_OK ||
        (st = check_lengths(p, err)) != RS_OK)
        return st;
    if (!overwrite && access(path, F_OK) == 0)
        return rs_error_set(err, RS_EINVAL,
                            "%s exists; allowed only with overwrite (confirm to "
                            "replace it)",
                            path);
    if ((st = make_parent(path, err)) != RS_OK)
        return st;
    char tmp[PRESET_PATH];
    snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
    const int fd = mkstemp(tmp);
    if (fd < 0)
        return rs_error_set(err, RS_EIO, "%s: cannot create (%s)", tmp, strerror(errno));
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(tmp);
        return rs_error_set(err, RS_EIO, "%s: cannot open (%s)", tmp, strerror(errno));
    }
    fputs("[preset]\n", f);
    write_wrapped(f, "title", title);
    write_wrapped(f, "caption", caption);
    fputs("\n[params]\n", f);
    char value[PARAM_MAX_LIST * 40]; /* check_lengths: what is written fits PRESET_TEXT */
    const int gi = param_find("generator");
    param_format(p, gi, value, sizeof value);
    write_wrapped(f, "generator", value);
    for (size_t i = 0; i < param_count; i++) {
        if ((int)i == gi || !(param_table[i].generators & (1u << p->generator)))
            continue;
        format_value(p, (int)i, value, sizeof value);
        write_wrapped(f, param_table[i].key, value);
    }
    const int bad = ferror(f) | fflush(f) | fsync(fileno(f));
    if (fclose(f) != 0 || bad) {
        unlink(tmp);
        return rs_error_set(err, RS_EIO, "%s: write error", tmp);
    }
    return place(tmp, path, overwrite, err);
}

rs_status preset_name_check(const char *name, rs_error *err)
{
    const size_t len = strlen(name);
    if (len > 4 && strcmp(name + len - 4, ".ini") == 0)
        return rs_error_set(err, RS_EINVAL,
                            "preset name '%.120s': allowed without .ini (it is added)", name);
    if (len == 0 || len > PRESET_NAME_MAX)
        return rs_error_set(err, RS_EINVAL,
                            "preset name '%.120s%s': %zu bytes; allowed 1 to %d letters, "
                            "digits, - and _",
                            name, len > 120 ? "..." : "", len, PRESET_NAME_MAX);
    for (size_t i = 0; i < len; i++) {
        const unsigned char c = (unsigned char)name[i];
        if (!(isalnum(c) && c < 0x80) && c != '-' && c != '_')
            return rs_error_set(err, RS_EINVAL,
                                "preset name '%s': byte 0x%02x at %zu; allowed letters, digits, "
                                "- and _ (ASCII)",
                                name, c, i + 1);
    }
    return RS_OK;
}
