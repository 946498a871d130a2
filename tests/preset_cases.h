/* preset_cases.h — malformed presets and the error each must produce, shared by
 * test_preset (the reader, in process) and test_cli (the binary: exit status 2, one line).
 * Texts are written to a temporary FILE; "@" in an expected substring stands for FILE. */
#ifndef PRESET_CASES_H
#define PRESET_CASES_H

#include <stddef.h>

typedef struct {
    const char *what;
    const char *text;
    size_t len;      /* 0: strlen(text) */
    size_t big_line; /* > 0: append one line of this many 'x' after text */
    const char *expect;
} preset_case;

#define PC_HEAD "[preset]\ntitle = Bad\ncaption = one\n[params]\n"

static const preset_case preset_cases[] = {
    {"key before any section", "title = x\n[params]\n", 0, 0,
     "@:1: key 'title' before any section; allowed [preset]"},
    {"no [preset]", "; only a comment\n[params]\nn = 5\n", 0, 0,
     "@:2: [params] before [preset]; allowed [preset]"},
    {"no [params]", "[preset]\ntitle = x\n", 0, 0, "@: no [params] section; allowed [params]"},
    {"no title", "[preset]\ncaption = c\n[params]\n", 0, 0,
     "@:1: [preset] has no title; allowed title = "},
    {"bad number", PC_HEAD "generator = relu\nn = 1e5x\n", 0, 0,
     "@:6: n=1e5x: allowed an integer from 1 to"},
    {"out of range", PC_HEAD "kappa = 0.25\n", 0, 0, "@:5: kappa=0.25: allowed a number from 1"},
    {"bad enum", PC_HEAD "estimator = svd\n", 0, 0,
     "@:5: estimator=svd: allowed sgd|median|truncated|censored for relu"},
    {"bad generator", PC_HEAD "generator = cnn\n", 0, 0, "@:5: generator=cnn: allowed"},
    {"unknown key", PC_HEAD "n = 5\nfrobnicate = 1\n", 0, 0,
     "@:6: unknown key 'frobnicate' in [params]; allowed the keys of reluscope --help"},
    {"misspelt key", PC_HEAD "kapa = 2\n", 0, 0,
     "@:5: unknown key 'kapa' in [params]; allowed "
     "the keys of reluscope --help (did you mean 'kappa'?)"},
    {"unknown [preset] key", "[preset]\ntitle = x\nauthor = me\n[params]\n", 0, 0,
     "@:3: unknown key 'author' in [preset]; allowed title, caption, panels, yscale, xscale, ylim, "
     "expected_seconds"},
    {"unknown panel metric", "[preset]\ntitle = x\npanels = err_sigma, err_zz\n[params]\n", 0, 0,
     "@:3: panels=err_zz: allowed metric names of relu: err_sigma|err_b|sqrt_kl"},
    {"panel of another generator", "[preset]\ntitle = x\npanels = e_perm\n[params]\n", 0, 0,
     "@:3: panels=e_perm: allowed metric names of relu"},
    {"bad yscale", "[preset]\ntitle = x\nyscale = logarithmic\n[params]\n", 0, 0,
     "@:3: yscale=logarithmic: allowed auto|log|lin"},
    {"ylim not two numbers", "[preset]\ntitle = x\nylim = 0.1\n[params]\n", 0, 0,
     "@:3: ylim=0.1: allowed LO,HI (two finite numbers, LO < HI)"},
    {"ylim reversed", "[preset]\ntitle = x\nylim = 2,1\n[params]\n", 0, 0,
     "@:3: ylim=2,1: allowed LO,HI"},
    {"bad xscale", "[preset]\ntitle = x\nxscale = loglog\n[params]\n", 0, 0,
     "@:3: xscale=loglog: allowed auto|log|lin"},
    {"expected_seconds not a number", "[preset]\ntitle = x\nexpected_seconds = soon\n[params]\n", 0,
     0, "@:3: expected_seconds=soon: allowed a positive number of seconds"},
    {"expected_seconds negative", "[preset]\ntitle = x\nexpected_seconds = -1\n[params]\n", 0, 0,
     "@:3: expected_seconds=-1: allowed a positive number of seconds"},
    {"expected_seconds twice",
     "[preset]\ntitle = x\nexpected_seconds = 1\nexpected_seconds = 2\n[params]\n", 0, 0,
     "@:4: duplicate key 'expected_seconds' (first at line 3)"},
    {"unknown section", PC_HEAD "n = 5\n[extra]\n", 0, 0,
     "@:6: unknown section [extra]; allowed [preset], [params]"},
    {"duplicate key", PC_HEAD "n = 5\nd = 3\nn = 7\n", 0, 0,
     "@:7: duplicate key 'n' (first at line 5)"},
    {"duplicate title", "[preset]\ntitle = a\ntitle = b\n[params]\n", 0, 0,
     "@:3: duplicate key 'title' (first at line 2)"},
    {"duplicate section", PC_HEAD "n = 5\n[params]\nd = 3\n", 0, 0,
     "@:6: duplicate section [params] (first at line 4)"},
    {"malformed line", PC_HEAD "n 5\n", 0, 0,
     "@:5: malformed line; allowed [section], KEY = VALUE"},
    {"malformed header", "[preset\ntitle = x\n", 0, 0, "@:1: malformed section header"},
    {"binary garbage",
     "\x7f"
     "ELF\x02\x01\x01\x00\x00\x00",
     10, 0, "@:1: byte 0x7f at column 1 is not text; allowed UTF-8 text"},
    {"NUL byte",
     PC_HEAD "n = 5\x00"
             "0\n",
     sizeof(PC_HEAD "n = 5") + 2, 0, "@:5: byte 0x00 at column 6 is not text"},
    {"invalid UTF-8", PC_HEAD "n = 5\ncaption = caf\xe9\n", 0, 0,
     "@:6: invalid UTF-8 (byte 0xe9 at column 14); allowed UTF-8 text"},
    {"empty file", "", 0, 0, "@: empty file (no [preset] section)"},
    {"only comments", "# nothing\n\n; here\n", 0, 0, "@: empty file (no [preset] section)"},
    {"10 MB line", PC_HEAD "caption = ", 0, 10u << 20, "@:5: line longer than 4096 bytes"},
    {"long word", PC_HEAD "sweep_values = ", 0, 300, "@:5: more than 198 bytes without a space"},
    {"cross-key check", PC_HEAD "d = 3\nk = 4\n", 0, 0, "@:6: k=4: allowed"},
};

enum { N_PRESET_CASES = sizeof preset_cases / sizeof preset_cases[0] };

#endif
