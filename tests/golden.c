/* golden.c — golden-text comparison of grids (see golden.h). */
#include "golden.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sink_txt.h"

#ifndef GOLDEN_DIR
#error "GOLDEN_DIR must name the tests/golden folder"
#endif
#ifndef GOLDEN_ACTUAL_DIR
#error "GOLDEN_ACTUAL_DIR must name a writable folder"
#endif

char *golden_render(const grid *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    const int bad = sink_txt_write(g, f) != RS_OK;
    if (fclose(f) != 0 || bad) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Read a whole file into a malloc'd string; NULL when it cannot be read. */
static char *golden_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = 2 * (len + n + 1);
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (!buf)
        buf = calloc(1, 1);
    else
        buf[len] = 0;
    return buf;
}

static int golden_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    const size_t n = strlen(text);
    const int ok = fwrite(text, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

/* 1-based number of the first line where a and b differ. */
static int golden_first_diff(const char *a, const char *b)
{
    int line = 1;
    for (; *a && *a == *b; a++, b++)
        line += *a == '\n';
    return line;
}

int golden_check(const grid *g, const char *name, char *msg, size_t len)
{
    char path[1024], apath[1024];
    snprintf(path, sizeof path, "%s/%s.txt", GOLDEN_DIR, name);
    snprintf(apath, sizeof apath, "%s/%s.actual.txt", GOLDEN_ACTUAL_DIR, name);
    char *actual = golden_render(g);
    if (!actual) {
        snprintf(msg, len, "%s: rendering failed", name);
        return 0;
    }
    const char *upd = getenv("RS_GOLDEN_UPDATE");
    if (upd && strcmp(upd, "1") == 0) {
        const int ok = golden_write(path, actual);
        snprintf(msg, len, "%s: %s", path, ok ? "written" : "cannot write");
        free(actual);
        return ok;
    }
    char *expect = golden_read(path);
    int ok = expect && strcmp(expect, actual) == 0;
    if (!expect)
        snprintf(msg, len, "%s missing: run with RS_GOLDEN_UPDATE=1 and review it", path);
    else if (!ok) {
        golden_write(apath, actual);
        snprintf(msg, len, "%s differs from golden at line %d; actual output in %s", name,
                 golden_first_diff(expect, actual), apath);
    }
    free(expect);
    free(actual);
    return ok;
}

int golden_fixture(fixture_id id, int w, int h, grid_caps caps, const char *suffix, char *msg,
                   size_t len)
{
    grid *g = grid_alloc(w, h);
    if (!g) {
        snprintf(msg, len, "out of memory");
        return 0;
    }
    grid_set_caps(g, caps);
    const rs_status st = fixture_draw(id, (grid_rect){0, 0, w, h}, g);
    char name[256];
    snprintf(name, sizeof name, "%s_%dx%d%s", fixture_name(id), w, h, suffix);
    int ok = st == RS_OK;
    if (!ok)
        snprintf(msg, len, "%s: draw returned status %d", name, (int)st);
    else
        ok = golden_check(g, name, msg, len);
    grid_free(g);
    return ok;
}
