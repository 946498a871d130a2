/* screenshot.c — the screen after the computation, to a file or stdout (SPEC 4). */
#include "screenshot.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machine.h"
#include "screen.h"
#include "session.h"
#include "sink_ans.h"
#include "sink_html.h"
#include "sink_svg.h"
#include "sink_txt.h"
#include "worker.h"

static const char *extension(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* The directory part of path ("." when it has none) into dir (len bytes); 0 when it does
 * not fit. */
static int dir_of(const char *path, char *dir, size_t len)
{
    const char *slash = strrchr(path, '/');
    const int w = !slash          ? snprintf(dir, len, ".")
                  : slash == path ? snprintf(dir, len, "/")
                                  : snprintf(dir, len, "%.*s", (int)(slash - path), path);
    return w > 0 && (size_t)w < len;
}

rs_status screenshot_check_path(const char *path, rs_error *err)
{
    const char *ext = extension(path);
    if (strlen(path) >= PATH_MAX)
        return rs_error_set(err, RS_EINVAL, "--screenshot %.60s...: path longer than %d bytes",
                            path, PATH_MAX - 1);
    if (strcmp(ext, "txt") && strcmp(ext, "ans") && strcmp(ext, "svg") && strcmp(ext, "html"))
        return rs_error_set(err, RS_EINVAL,
                            "--screenshot %.*s%s: allowed extensions .txt .ans .svg .html",
                            PARAM_CLIP(path, 300));
    char dir[PATH_MAX];
    struct stat sb;
    if (!dir_of(path, dir, sizeof dir) || stat(dir, &sb) != 0)
        return rs_error_set(err, RS_EINVAL, "--screenshot %.*s%s: directory %.*s%s: %s",
                            PARAM_CLIP(path, 300), PARAM_CLIP(dir, 300), strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return rs_error_set(err, RS_EINVAL, "--screenshot %.*s%s: %.*s%s is not a directory",
                            PARAM_CLIP(path, 300), PARAM_CLIP(dir, 300));
    if (access(dir, W_OK | X_OK) != 0)
        return rs_error_set(err, RS_EINVAL, "--screenshot %.*s%s: directory %.*s%s: %s",
                            PARAM_CLIP(path, 300), PARAM_CLIP(dir, 300), strerror(errno));
    if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return rs_error_set(err, RS_EINVAL,
                            "--screenshot %.*s%s: is a directory; allowed a file name",
                            PARAM_CLIP(path, 300));
    return RS_OK;
}

/* g in the format of ext to f. */
static rs_status write_format(const grid *g, const char *ext, FILE *f)
{
    if (strcmp(ext, "txt") == 0)
        return sink_txt_write(g, f);
    if (strcmp(ext, "ans") == 0)
        return sink_ans_write(g, f);
    if (strcmp(ext, "svg") == 0)
        return sink_svg_write(g, f);
    return sink_html_write(g, "reluscope", f);
}

rs_status screenshot_write(const grid *g, const char *path, rs_error *err)
{
    if (screenshot_check_path(path, err) != RS_OK)
        return RS_EINVAL;
    /* A new file of our own (mkstemp: O_CREAT|O_EXCL, never through a link another user
     * planted) beside the target, renamed over it, so that a failed write never leaves
     * half a file and nothing outside path is ever written. */
    char tmp[PATH_MAX + 32];
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    snprintf(tmp, sizeof tmp, "%s/.reluscope-shot-XXXXXX", dir);
    const int fd = mkstemp(tmp);
    if (fd < 0)
        return rs_error_set(err, RS_EIO,
                            "--screenshot %.*s%s: cannot create a file in its directory (%s)",
                            PARAM_CLIP(path, 300), strerror(errno));
    /* mkstemp makes the file 0600; a screenshot gets the mode a plain creat would give */
    const mode_t mask = umask(0);
    umask(mask);
    FILE *f = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        const int e = errno;
        close(fd);
        unlink(tmp);
        return rs_error_set(err, RS_EIO, "--screenshot %.*s%s: %s", PARAM_CLIP(path, 300),
                            strerror(e));
    }
    errno = 0;
    rs_status st = write_format(g, extension(path), f);
    int e = errno;
    if (fflush(f) != 0 || ferror(f))
        st = RS_EIO, e = errno;
    if (fclose(f) != 0 && st == RS_OK)
        st = RS_EIO, e = errno;
    if (st == RS_OK && rename(tmp, path) != 0)
        st = RS_EIO, e = errno;
    if (st != RS_OK) {
        unlink(tmp);
        return rs_error_set(err, RS_EIO, "--screenshot %.*s%s: write failed (%s)",
                            PARAM_CLIP(path, 300), e ? strerror(e) : "output error");
    }
    return RS_OK;
}

rs_status screenshot_ab_submit(session *s, worker *w, const cli *c, rs_error *err)
{
    worker_ab_freeze(w);
    s->ab = true;
    s->ab_p = c->params;
    s->p = c->b_params;
    return worker_submit(w, &c->b_params, machine_threads(&c->b_params), err);
}

rs_status screenshot_run(const cli *c, const char *path, FILE *out, rs_error *err)
{
    if (path && screenshot_check_path(path, err) != RS_OK)
        return RS_EINVAL; /* before any computation (main checks it too, for exit 2) */
    worker *w = worker_alloc();
    session *s = malloc(sizeof *s);
    grid *g = grid_alloc((int)c->cols, (int)c->rows);
    rs_status st = RS_ENOMEM;
    if (!w || !s || !g) {
        rs_error_set(err, RS_ENOMEM, "screenshot: out of memory");
        goto done;
    }
    session_init(s, &c->params, c->have_preset ? &c->preset : NULL,
                 c->have_preset ? c->preset.name : NULL);
    st = worker_submit(w, &c->params, machine_threads(&c->params), err);
    if (st == RS_OK && c->n_bs) /* --b: A is the settings, B them with the --b pairs */
        st = screenshot_ab_submit(s, w, c, err);
    if (st != RS_OK)
        goto done;
    worker_wait(w, -1);
    worker_status ws;
    worker_status_get(w, &ws);
    if (ws.state == WORKER_FAILED) {
        st = rs_error_set(err, RS_EINVAL, "%s", ws.error);
        goto done;
    }
    view_input in;
    worker_view(w, &in);
    screen_model m;
    session_model(s, &ws, &in, &m);
    st = screenshot_emit(&m, c, g, path, out, err);
done:
    grid_free(g);
    free(s);
    worker_free(w);
    return st;
}

rs_status screenshot_emit(const screen_model *m, const cli *c, grid *g, const char *path, FILE *out,
                          rs_error *err)
{
    const bool image = path && strcmp(extension(path), "txt") != 0;
    /* plain text carries no colour: draw it in mono, so that colour-only encodings (the
     * half-block heatmaps) fall back to their character ramps */
    grid_set_caps(g, (grid_caps){image ? GRID_COLORS_256 : GRID_COLORS_MONO, c->ascii != 0});
    screen_draw(m, g); /* on error the screen says why; it is still written */
    if (path)
        return screenshot_write(g, path, err);
    return sink_txt_write(g, out) == RS_OK ? RS_OK
                                           : rs_error_set(err, RS_EIO, "stdout: write failed");
}
