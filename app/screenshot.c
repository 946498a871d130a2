/* screenshot.c — the screen after the computation, to a file or stdout (SPEC 4). */
#include "screenshot.h"

#include <stdlib.h>
#include <string.h>

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

rs_status screenshot_check_path(const char *path, rs_error *err)
{
    const char *ext = extension(path);
    if (strcmp(ext, "txt") && strcmp(ext, "ans") && strcmp(ext, "svg") && strcmp(ext, "html"))
        return rs_error_set(err, RS_EINVAL,
                            "--screenshot %s: allowed extensions .txt .ans .svg .html", path);
    return RS_OK;
}

rs_status screenshot_write(const grid *g, const char *path, rs_error *err)
{
    const char *ext = extension(path);
    if (screenshot_check_path(path, err) != RS_OK)
        return RS_EINVAL;
    /* Write beside the target and rename, so a failed write never leaves half a file. */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return rs_error_set(err, RS_EIO, "--screenshot %s: cannot create the file", path);
    rs_status st;
    if (strcmp(ext, "txt") == 0)
        st = sink_txt_write(g, f);
    else if (strcmp(ext, "ans") == 0)
        st = sink_ans_write(g, f);
    else if (strcmp(ext, "svg") == 0)
        st = sink_svg_write(g, f);
    else
        st = sink_html_write(g, "reluscope", f);
    if (fclose(f) != 0)
        st = RS_EIO;
    if (st != RS_OK || rename(tmp, path) != 0) {
        remove(tmp);
        return rs_error_set(err, RS_EIO, "--screenshot %s: write failed", path);
    }
    return RS_OK;
}

rs_status screenshot_run(const cli *c, const char *path, FILE *out, rs_error *err)
{
    if (path && screenshot_check_path(path, err) != RS_OK)
        return RS_EINVAL; /* before any computation */
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
