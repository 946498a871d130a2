/* support_run.h — running the built binary (RELUSCOPE in the environment) from a
 * Criterion test, as the command-line and batch tests do. */
#ifndef SUPPORT_RUN_H
#define SUPPORT_RUN_H

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* Run the binary with args; its stdout (and stderr when err_too) into out, NUL-ended;
 * the exit status, or -1 when it did not exit. */
static inline int support_run(const char *args, char *out, size_t len, int err_too)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s %s", getenv("RELUSCOPE"), args, err_too ? "2>&1" : "");
    FILE *f = popen(cmd, "r");
    cr_assert(f);
    const size_t got = fread(out, 1, len - 1, f);
    out[got] = 0;
    const int st = pclose(f);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* args must fail as bad input does: exit 2 and one line containing needle. */
static inline void support_expect_error(const char *args, const char *needle)
{
    static char out[1 << 17];
    const int rc = support_run(args, out, sizeof out, 1);
    cr_assert_eq(rc, 2, "%s: exit %d, output '%s'", args, rc, out);
    cr_assert(strstr(out, needle), "%s: '%s' lacks '%s'", args, out, needle);
    const char *nl = strchr(out, '\n');
    cr_assert(nl && nl[1] == 0, "%s: not one line: '%s'", args, out);
}

#endif
