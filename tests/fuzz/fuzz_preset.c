/* fuzz_preset.c — libFuzzer target for the preset reader: any bytes must give RS_OK or one
 * error line naming the input, never a crash, hang, leak or sanitizer report. The reader's
 * sources are compiled into this binary (tests/fuzz/meson.build) so that libFuzzer sees
 * their coverage. Run: scripts/test (30 s), or FUZZ_SECONDS=600 meson test -C build-fuzz
 * --suite fuzz. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "preset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static preset p; /* ~140 kB: not on the stack */
    static int ready;
    if (!ready) {
        gsl_set_error_handler_off();
        ready = 1;
    }
    rs_error err = {""};
    rs_status st = preset_read_mem((const char *)data, size, "fuzz.ini", &p, &err);
    if (st == RS_OK) {
        rs_params params;
        st = preset_params(&p, &params, &err);
        /* What was read is what the table allows. */
        for (size_t j = 0; j < p.n_pairs; j++)
            if (param_find(p.pairs[j].key) < 0)
                __builtin_trap();
        if (!p.title[0])
            __builtin_trap();
    }
    /* Errors are one line that names the input. */
    if (st != RS_OK && (strchr(err.msg, '\n') || strncmp(err.msg, "fuzz.ini", 8) != 0))
        __builtin_trap();
    return 0;
}
