/* tui.h — the interactive terminal UI (SPEC 7): curses set-up and teardown, signals,
 * the main loop that feeds keys to the session, submits work to the worker and draws
 * the screen through sink_curses. */
#ifndef TUI_H
#define TUI_H

#include "cli.h"
#include "rs.h"

/* Run the TUI on c->params until the user quits or a signal arrives. Returns 0 after q,
 * 128 + the signal's number after SIGINT, SIGTERM, SIGHUP or SIGQUIT (130, 143, 129,
 * 131: the status a shell reports for a process the signal ended), or 1 when the
 * terminal could not be set up or a resize could not be drawn (err says why). The
 * terminal is restored on every way out. */
int tui_run(const cli *c, rs_error *err);

/* The same with the hooks of a tour or of loaded shards (lecture.h; NULL = tui_run). With
 * c->record, every frame is also written to that asciicast file (sink_cast.h). */
struct lecture;
int tui_run_lecture(const cli *c, struct lecture *l, rs_error *err);

#endif
