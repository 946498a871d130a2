/* main.c — reluscope's entry point: process-wide set-up, then the chosen mode. */
#include <errno.h>
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

/* Flush and close stdout: a write error (a full disk, /dev/full) is reported in one
 * line and makes the exit status 1, never a silent 0. rc != 0: the mode has reported
 * its own failure already. */
static int finish_stdout(int rc)
{
    const int bad = ferror(stdout);
    errno = 0;
    if ((fflush(stdout) != 0 || bad || fclose(stdout) != 0) && rc == 0) {
        fprintf(stderr, "reluscope: stdout: write error (%s)\n",
                errno ? strerror(errno) : "output error");
        return rc ? rc : 1;
    }
    return rc;
}

static int fail(int rc, const rs_error *err)
{
    cli_print_error(stderr, err->msg);
    return rc;
}

/* --help, --version, --list-presets. */
static int info_mode(const cli *c)
{
    if (c->mode == CLI_HELP)
        cli_help(stdout);
    else if (c->mode == CLI_VERSION)
        printf("reluscope %s\n", version_line());
    else
        preset_list(stdout);
    return finish_stdout(0);
}

/* Everything that can be checked before computing, in the order a user fixes it. */
static int check_inputs(cli *c, rs_error *err)
{
    /* The screen modes open on the default preset, as `scripts/run` promises (SPEC 3);
     * batch keeps the table defaults so that --set alone means exactly what it says. */
    char default_path[PRESET_PATH];
    if (c->mode != CLI_BATCH && !c->preset_arg &&
        preset_find("default", default_path, err) == RS_OK)
        c->preset_arg = "default";
    if (c->mode == CLI_SCREENSHOT && screenshot_check_path(c->screenshot, err) != RS_OK)
        return 2;
    if (cli_params(c, err) != RS_OK)
        return 2;
    /* The TUI reads keys from stdin: without a terminal there it could only spin. */
    /* --record writes what the TUI shows; without a terminal on stdout there is no TUI, and
     * the text screenshot printed instead would leave the setting silently unused. */
    if (c->record && c->mode == CLI_TUI && !isatty(STDOUT_FILENO)) {
        rs_error_set(err, RS_EINVAL,
                     "--record %s: records the TUI, which needs a terminal on stdout", c->record);
        return 2;
    }
    if (c->mode == CLI_TUI && isatty(STDOUT_FILENO) && !isatty(STDIN_FILENO)) {
        rs_error_set(err, RS_EINVAL,
                     "stdin is not a terminal; the TUI needs one (allowed: --batch, "
                     "--screenshot PATH, or stdout redirected for a text screenshot)");
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    openblas_set_num_threads(1);
    rs_error err;
    cli *c = &the_cli;
    if (cli_parse(c, argc, argv, &err) != RS_OK)
        return fail(2, &err);
    if (c->mode == CLI_HELP || c->mode == CLI_VERSION || c->mode == CLI_LIST)
        return info_mode(c);
    if (c->tour || c->n_loads) /* issue 18: lecture.c */
        return finish_stdout(lecture_main(c));
    const int rc = check_inputs(c, &err);
    if (rc != 0)
        return fail(rc, &err);
    if (c->mode == CLI_BATCH)
        return finish_stdout(batch_run(c, stdout, &err) == RS_OK ? 0 : fail(1, &err));
    if (c->mode == CLI_SCREENSHOT || !isatty(STDOUT_FILENO)) {
        /* Not a terminal: the screen the TUI would show, as text (SPEC 3). */
        const char *path = c->mode == CLI_SCREENSHOT ? c->screenshot : NULL;
        return finish_stdout(screenshot_run(c, path, stdout, &err) == RS_OK ? 0 : fail(1, &err));
    }
    setlocale(LC_ALL, "");
    const int st = tui_run(c, &err);
    return st == 1 ? fail(1, &err) : st; /* 0, or 128 + the signal that ended it */
}
