/* fuzz_cli.c — libFuzzer target for the command line: the input is argv (arguments
 * separated by NUL bytes), parsed by cli_parse and, when that succeeds, assembled by
 * cli_params (preset lookup, generator, --set pairs, cross-key and memory checks) — all
 * that runs before any computation. Every input must give RS_OK or one error line, never
 * a crash, hang, leak or sanitizer report; what is accepted must pass param_check. The
 * parsing sources (app/cli.c, the preset reader, core/param*.c and the generators'
 * checks) are compiled into this binary so that libFuzzer sees their coverage. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_ARGS = 64, MAX_TEXT = 4096 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cli c; /* holds a preset (~140 kB): not on the stack */
    static char text[MAX_TEXT + 1];
    static int ready;
    if (!ready) {
        gsl_set_error_handler_off();
        ready = 1;
    }
    if (size > MAX_TEXT)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    char *argv[MAX_ARGS + 1] = {"reluscope"};
    int argc = 1;
    for (size_t i = 0; i < size && argc < MAX_ARGS; argc++) {
        argv[argc] = text + i;
        i += strlen(text + i) + 1;
    }
    argv[argc] = NULL;
    rs_error err = {""};
    rs_status st = cli_parse(&c, argc, argv, &err);
    if (st == RS_OK && c.mode != CLI_HELP && c.mode != CLI_VERSION && c.mode != CLI_LIST) {
        st = cli_params(&c, &err);
        rs_error e2;
        if (st == RS_OK && param_check(&c.params, &e2) != RS_OK)
            __builtin_trap(); /* accepted settings the checks refuse */
    }
    if (st != RS_OK) { /* an error is one non-empty line as main prints it */
        static char line[4 * RS_ERROR_LEN + 64]; /* \xNN for every byte, at worst */
        FILE *f = fmemopen(line, sizeof line, "w");
        if (!f)
            return 0;
        cli_print_error(f, err.msg);
        const long n = ftell(f);
        fclose(f);
        if (!err.msg[0] || n <= 12 || memchr(line, '\n', (size_t)n - 1) || line[n - 1] != '\n')
            __builtin_trap();
    }
    return 0;
}
