/* screenshot.h — headless screens: --screenshot PATH, the non-terminal stdout of a bare
 * `reluscope`, and the TUI's S key. The screen is composed by the same session and
 * screen code the TUI uses, after the computation has finished. */
#ifndef SCREENSHOT_H
#define SCREENSHOT_H

#include <stdio.h>

#include "cli.h"
#include "grid.h"
#include "rs.h"
#include "screen.h"
#include "session.h"
#include "worker.h"

/* Write g to path in the format of its extension (.txt .ans .svg .html). RS_EINVAL for
 * another extension, RS_EIO when the file cannot be written (err names it). */
rs_status screenshot_write(const grid *g, const char *path, rs_error *err);

/* RS_EINVAL (err set) unless path ends in .txt .ans .svg or .html. */
rs_status screenshot_check_path(const char *path, rs_error *err);

/* Compute c->params to the end and write the screen at c->cols x c->rows to
 * c->screenshot, or as text to `out` when path is NULL. */
rs_status screenshot_run(const cli *c, const char *path, FILE *out, rs_error *err);

/* --b (issue 17, point 2): with c->params submitted to w, freeze it as A, make s show
 * the pair and submit B (c->b_params). The TUI starts the same way. */
rs_status screenshot_ab_submit(session *s, worker *w, const cli *c, rs_error *err);

/* Draw m into g (c->cols x c->rows, c->ascii) and write it to path, or as text to out
 * when path is NULL: the last step of screenshot_run, shared by the tour and --load
 * screens (lecture.c). */
rs_status screenshot_emit(const screen_model *m, const cli *c, grid *g, const char *path, FILE *out,
                          rs_error *err);

#endif
