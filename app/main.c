/* main.c — reluscope's entry point: process-wide set-up, then the chosen mode. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "batch.h"
#include "cli.h"
#include "lecture.h"
#include "screenshot.h"
#include "tui.h"
#include "version.h"

/* OpenBLAS's own thread pool stays at one thread: parallelism is across jobs, which
 * keeps every job's arithmetic identical whatever the thread count (STYLE 6). */
void openblas_set_num_threads(int num_threads);

static cli the_cli;

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    openblas_set_num_threads(1);
    rs_error err;
    cli *c = &the_cli;
    if (cli_parse(c, argc, argv, &err) != RS_OK) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
        return 2;
    }
    switch (c->mode) {
    case CLI_HELP:
        cli_help(stdout);
        return 0;
    case CLI_VERSION:
        printf("reluscope %s\n", version_line());
        return 0;
    case CLI_LIST:
        preset_list(stdout);
        return 0;
    default:
        break;
    }
    if (c->tour || c->n_loads) /* issue 18: lecture.c */
        return lecture_main(c);
    /* The screen modes open on the default preset, as `scripts/run` promises (SPEC 3);
     * batch keeps the table defaults so that --set alone means exactly what it says. */
    char default_path[PRESET_PATH];
    if (c->mode != CLI_BATCH && !c->preset_arg &&
        preset_find("default", default_path, &err) == RS_OK)
        c->preset_arg = "default";
    if (c->mode == CLI_SCREENSHOT && screenshot_check_path(c->screenshot, &err) != RS_OK) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
        return 2;
    }
    const rs_status st = cli_params(c, &err);
    if (st != RS_OK) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
        return 2;
    }
    if (c->mode == CLI_BATCH) {
        if (batch_run(c, stdout, &err) != RS_OK) {
            fprintf(stderr, "reluscope: %s\n", err.msg);
            return 1;
        }
        return fflush(stdout) == 0 ? 0 : 1;
    }
    if (c->mode == CLI_SCREENSHOT || !isatty(STDOUT_FILENO)) {
        /* Not a terminal: the screen the TUI would show, as text (SPEC 3). */
        if (screenshot_run(c, c->mode == CLI_SCREENSHOT ? c->screenshot : NULL, stdout, &err) !=
            RS_OK) {
            fprintf(stderr, "reluscope: %s\n", err.msg);
            return 1;
        }
        return fflush(stdout) == 0 ? 0 : 1;
    }
    setlocale(LC_ALL, "");
    const int rc = tui_run(c, &err);
    if (rc != 0) {
        fprintf(stderr, "reluscope: %s\n", err.msg);
        return rc;
    }
    return 0;
}
