/* cli.h — the command line of SPEC 4 and the assembly of rs_params from the defaults,
 * a preset and --set pairs (later wins). */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>

#include "param.h"
#include "preset.h"
#include "rs.h"

enum { CLI_MAX_SETS = 256, CLI_MAX_LOADS = 4096 };

typedef enum { CLI_TUI, CLI_BATCH, CLI_SCREENSHOT, CLI_HELP, CLI_VERSION, CLI_LIST } cli_mode;
typedef enum { FORMAT_CSV, FORMAT_JSON } cli_format;

typedef struct {
    cli_mode mode;
    cli_format format;
    size_t shard_index, shard_count; /* 0-based index internally; --shard I/N is 1-based */
    const char *preset_arg;          /* NULL = none */
    const char *sets[CLI_MAX_SETS];  /* "KEY=VALUE" */
    size_t n_sets;
    const char *screenshot; /* path */
    size_t cols, rows;      /* --size */
    int ascii;
    int batch;     /* --batch seen (may combine with nothing else) */
    preset preset; /* loaded when preset_arg */
    int have_preset;
    rs_params params;
    /* issue 18, parsed by cli_lecture.c: --tour [FILE], --record FILE.cast, --load FILE... */
    int tour;                         /* --tour seen */
    const char *tour_file;            /* NULL = the shipped intro tour */
    const char *record;               /* asciicast file, or NULL */
    const char *loads[CLI_MAX_LOADS]; /* batch files to merge */
    size_t n_loads;
    /* issue 17, point 2: --b KEY=VALUE... makes an A/B pair, A = params, B = b_params */
    const char *bs[CLI_MAX_SETS];
    size_t n_bs;
    rs_params b_params; /* valid when n_bs > 0 */
} cli;

/* Parse argv into c. Bad options give RS_EINVAL with one line in err. */
rs_status cli_parse(cli *c, int argc, char **argv, rs_error *err);

/* Build c->params: table defaults for the generator (last generator= wins), the preset's
 * pairs, the --set pairs, then param_check and the memory check. */
rs_status cli_params(cli *c, rs_error *err);

/* B of an A/B pair: c->params with the --b pairs applied, checked as --set pairs are
 * ("--b KEY=VALUE: ..." on a bad one). RS_OK without --b. */
rs_status cli_b_params(cli *c, rs_error *err);

/* Apply "KEY=VALUE" text to p: the key must be one of p->generator's (no checks across
 * keys). */
rs_status cli_apply_pair(rs_params *p, const char *key, const char *value, rs_error *err);

/* "reluscope: MSG" and a newline to file (FILE *), with control characters of msg (a
 * newline in an argument or a preset value) written as \xNN: always exactly one line. */
void cli_print_error(void *file, const char *msg);

void cli_help(void *file);

/* cli_lecture.c: when argv[*i] is --tour, --record or --load, consume it (and its values,
 * moving *i) and return 1 with *st the outcome (RS_EINVAL, err set, on a bad value);
 * otherwise return 0. */
int cli_lecture_option(cli *c, int *i, int argc, char **argv, rs_status *st, rs_error *err);

/* cli_lecture.c: refuse combinations of those options the modes cannot honour. */
rs_status cli_lecture_check(const cli *c, rs_error *err);

/* Say once, on file (a FILE *), which old method names p's parsing rewrote. */
void cli_alias_note(const rs_params *p, void *file);

#endif
