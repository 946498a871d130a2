/* fuzz_preset_roundtrip.c — libFuzzer target for preset_write then preset_read: what is
 * written must read back equal. Two kinds of input:
 *   - a preset text: when it reads and applies, it is written out with its title and
 *     caption and read back;
 *   - 0xff, then a generator byte and 9-byte records (key byte, 8 value bytes): settings
 *     built directly, including values no shipped preset holds (odd reals, long lists).
 * The read-back settings must equal the written ones key by key (reals bit for bit), as
 * must the title and caption. preset_write may refuse a title or caption it could not
 * give back (RS_EINVAL); it must not fail otherwise. The reader, the store and
 * core/param*.c are compiled into this binary so that libFuzzer sees their coverage. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "preset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with the line of the broken promise (and what differs, when given). */
#define BROKEN(what) (fprintf(stderr, "roundtrip: line %d: %s\n", __LINE__, what), __builtin_trap())

/* Key i from the 8 bytes at v, within the key's range, into p (ignored when refused). */
static void set_key(rs_params *p, int i, const uint8_t *v)
{
    const param_def *d = &param_table[i];
    uint64_t bits;
    memcpy(&bits, v, sizeof bits);
    const double u = (double)(bits >> 11) / 9007199254740992.0; /* [0, 1), 53 bits */
    char text[64];
    if (d->type == PT_REAL || d->type == PT_SIZE) {
        snprintf(text, sizeof text, "%.17g", d->min + u * (d->max - d->min));
        param_parse(p, i, text, NULL);
        if (d->type == PT_REAL) /* any double the range allows, not only short decimals */
            param_set_number(p, i, d->min + u * (d->max - d->min), NULL);
    } else if (d->type == PT_ENUM || d->type == PT_SET) {
        size_t n = 0;
        while (d->names[n])
            n++;
        if (d->type == PT_ENUM) {
            param_parse(p, i, d->names[bits % n], NULL);
        } else { /* as text, the way a user sets it: old names resolve as on reading */
            char set[512];
            size_t off = 0;
            set[0] = 0;
            for (size_t j = 0; j < n && off < sizeof set; j++)
                if (bits & (1u << j))
                    off += (size_t)snprintf(set + off, sizeof set - off, "%s%s", off ? "," : "",
                                            d->names[j]);
            param_parse(p, i, set, NULL);
        }
    } else if (d->type == PT_LIST) {
        p->n_sweep_values = bits % (PARAM_MAX_LIST + 1);
        for (size_t j = 0; j < p->n_sweep_values; j++)
            p->sweep_values[j] = d->min + (double)((bits * (j + 7)) % 1000003) * u * 1e3;
    }
}

/* Settings from the binary form; 0 when too short. */
static int build(const uint8_t *data, size_t size, rs_params *p)
{
    if (size < 2)
        return 0;
    param_defaults(p, (rs_generator)(data[1] % GEN_COUNT));
    for (size_t o = 2; o + 9 <= size; o += 9) {
        const int i = data[o] % (int)param_count;
        if (strcmp(param_table[i].key, "generator") != 0 &&
            (param_table[i].generators & (1u << p->generator)))
            set_key(p, i, data + o + 1);
    }
    return 1;
}

/* Trap unless every key of a's generator has the same value in b. */
static void expect_equal(const rs_params *a, const rs_params *b)
{
    if (a->generator != b->generator)
        BROKEN("generator");
    for (size_t i = 0; i < param_count; i++) {
        const param_def *d = &param_table[i];
        if (!(d->generators & (1u << a->generator)))
            continue;
        if (d->type == PT_REAL || d->type == PT_SIZE) {
            const double x = param_get_number(a, (int)i), y = param_get_number(b, (int)i);
            if (memcmp(&x, &y, sizeof x) != 0)
                BROKEN(d->key);
        } else if (d->type == PT_LIST) {
            if (a->n_sweep_values != b->n_sweep_values ||
                memcmp(a->sweep_values, b->sweep_values,
                       a->n_sweep_values * sizeof a->sweep_values[0]) != 0)
                BROKEN(d->key);
        } else if (memcmp((const char *)a + d->offset, (const char *)b + d->offset,
                          d->type == PT_SET ? sizeof(unsigned) : sizeof(int)) != 0) {
            BROKEN(d->key);
        }
    }
}

/* The settings of a written preset, without cross-key checks (a fuzzed combination
 * need not pass them; the round trip is about the text). */
static rs_status settings(const preset *pr, rs_params *out, rs_error *err)
{
    int gen;
    const rs_status st = preset_generator(pr, &gen, err);
    if (st != RS_OK)
        return st;
    param_defaults(out, (rs_generator)gen);
    return preset_apply(pr, out, err);
}

static char dir[] = "/tmp/rs-fuzz-rt-XXXXXX", path[64];

/* The scratch file and directory go when libFuzzer exits. */
static void remove_scratch(void)
{
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static preset in, back; /* ~140 kB each: not on the stack */
    if (!path[0]) {
        gsl_set_error_handler_off();
        if (!mkdtemp(dir))
            abort();
        snprintf(path, sizeof path, "%s/p.ini", dir);
        atexit(remove_scratch);
    }
    rs_params p, q;
    rs_error err = {""};
    const char *title = "Fuzzed settings", *caption = "";
    if (size > 0 && data[0] == 0xff) {
        if (!build(data, size, &p))
            return 0;
    } else {
        if (preset_read_mem((const char *)data, size, "fuzz.ini", &in, &err) != RS_OK ||
            settings(&in, &p, &err) != RS_OK)
            return 0;
        title = in.title;
        caption = in.caption;
    }
    const rs_status st = preset_write(path, title, caption, &p, NULL, 1, &err);
    if (st == RS_EINVAL)
        return 0; /* a title or caption that would not read back: refused, as documented */
    if (st != RS_OK || preset_read(path, &back, &err) != RS_OK ||
        settings(&back, &q, &err) != RS_OK)
        BROKEN(err.msg); /* what preset_write writes must read and apply */
    expect_equal(&p, &q);
    if (strcmp(back.title, title) != 0 || strcmp(back.caption, caption) != 0)
        BROKEN("title or caption");
    return 0;
}
