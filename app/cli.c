/* cli.c — options, parameter assembly and the up-front memory check. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_learning.h"
#include "machine.h"
#include "model.h"

#ifndef RS_VERSION
#define RS_VERSION "0.0.0"
#endif

static int parse_size(const char *s, size_t *out)
{
    char *end;
    if (!*s || *s == '-')
        return 0;
    const unsigned long long v = strtoull(s, &end, 10);
    if (end == s)
        return 0;
    *out = (size_t)v;
    return *end == 0;
}

/* "--opt VALUE" or "--opt=VALUE" */
static const char *opt_value(const char *opt, int *i, int argc, char **argv)
{
    const size_t len = strlen(opt);
    if (strncmp(argv[*i], opt, len) == 0 && argv[*i][len] == '=')
        return argv[*i] + len + 1;
    if (strcmp(argv[*i], opt) == 0 && *i + 1 < argc)
        return argv[++*i];
    return NULL;
}

static int is_opt(const char *arg, const char *opt)
{
    const size_t len = strlen(opt);
    return strncmp(arg, opt, len) == 0 && (arg[len] == 0 || arg[len] == '=');
}

/* "A<sep>B" of two sizes into *a, *b; 0 when v is not of that form. */
static int parse_size_pair(const char *v, char sep, size_t *a, size_t *b)
{
    char buf[64];
    const char *mid = v ? strchr(v, sep) : NULL;
    if (!v || !mid || (size_t)(mid - v) >= sizeof buf)
        return 0;
    memcpy(buf, v, (size_t)(mid - v));
    buf[mid - v] = 0;
    return parse_size(buf, a) && parse_size(mid + 1, b);
}

/* --shard I/N, 1-based on the command line. */
static rs_status parse_shard(cli *c, const char *v, rs_error *err)
{
    size_t I = 0, N = 0;
    if (!parse_size_pair(v, '/', &I, &N) || N < 1 || I < 1 || I > N || N > 1000000)
        return rs_error_set(err, RS_EINVAL,
                            "--shard %.*s%s: allowed I/N with 1 <= I <= N <= 1000000",
                            PARAM_CLIP(v ? v : "", 80));
    c->shard_index = I - 1;
    c->shard_count = N;
    return RS_OK;
}

/* --size COLSxROWS of a screenshot. */
static rs_status parse_screen_size(cli *c, const char *v, rs_error *err)
{
    size_t cols = 0, rows = 0;
    if (!parse_size_pair(v, 'x', &cols, &rows) || cols < 80 || rows < 24 || cols > 1000 ||
        rows > 500)
        return rs_error_set(err, RS_EINVAL,
                            "--size %.*s%s: allowed COLSxROWS, from 80x24 to 1000x500",
                            PARAM_CLIP(v ? v : "", 80));
    c->cols = cols;
    c->rows = rows;
    return RS_OK;
}

rs_status cli_parse(cli *c, int argc, char **argv, rs_error *err)
{
    memset(c, 0, sizeof *c);
    c->mode = CLI_TUI;
    c->shard_count = 1;
    c->cols = 120;
    c->rows = 40;
    rs_status lst = RS_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            c->mode = CLI_HELP;
        } else if (strcmp(a, "--version") == 0) {
            c->mode = CLI_VERSION;
        } else if (strcmp(a, "--list-presets") == 0) {
            c->mode = CLI_LIST;
        } else if (strcmp(a, "--batch") == 0) {
            c->batch = 1;
        } else if (strcmp(a, "--ascii") == 0) {
            c->ascii = 1;
        } else if (is_opt(a, "--preset")) {
            if (!(v = opt_value("--preset", &i, argc, argv)) || !*v)
                return rs_error_set(err, RS_EINVAL, "--preset: needs NAME or PATH");
            c->preset_arg = v;
        } else if (is_opt(a, "--set")) {
            if (!(v = opt_value("--set", &i, argc, argv)) || !strchr(v, '='))
                return rs_error_set(err, RS_EINVAL, "--set %.*s%s: allowed KEY=VALUE",
                                    PARAM_CLIP(v ? v : "", 80));
            if (c->n_sets == CLI_MAX_SETS)
                return rs_error_set(err, RS_EINVAL, "--set: at most %d", CLI_MAX_SETS);
            c->sets[c->n_sets++] = v;
        } else if (is_opt(a, "--b")) {
            if (!(v = opt_value("--b", &i, argc, argv)) || !strchr(v, '='))
                return rs_error_set(err, RS_EINVAL, "--b %.*s%s: allowed KEY=VALUE (B's value)",
                                    PARAM_CLIP(v ? v : "", 80));
            if (c->n_bs == CLI_MAX_SETS)
                return rs_error_set(err, RS_EINVAL, "--b: at most %d", CLI_MAX_SETS);
            c->bs[c->n_bs++] = v;
        } else if (is_opt(a, "--format")) {
            v = opt_value("--format", &i, argc, argv);
            if (v && strcmp(v, "csv") == 0)
                c->format = FORMAT_CSV;
            else if (v && strcmp(v, "json") == 0)
                c->format = FORMAT_JSON;
            else
                return rs_error_set(err, RS_EINVAL, "--format %.*s%s: allowed csv|json",
                                    PARAM_CLIP(v ? v : "", 80));
        } else if (is_opt(a, "--shard")) {
            rs_status st = parse_shard(c, opt_value("--shard", &i, argc, argv), err);
            if (st != RS_OK)
                return st;
        } else if (is_opt(a, "--screenshot")) {
            if (!(v = opt_value("--screenshot", &i, argc, argv)) || !*v)
                return rs_error_set(err, RS_EINVAL,
                                    "--screenshot: needs a PATH ending in .txt|.ans|.svg|.html");
            c->screenshot = v;
        } else if (is_opt(a, "--size")) {
            rs_status st = parse_screen_size(c, opt_value("--size", &i, argc, argv), err);
            if (st != RS_OK)
                return st;
        } else if (cli_lecture_option(c, &i, argc, argv, &lst, err)) {
            if (lst != RS_OK)
                return lst;
        } else {
            return rs_error_set(err, RS_EINVAL, "%.*s%s: unknown option (see --help)",
                                PARAM_CLIP(a, 80));
        }
    }
    if (c->mode == CLI_TUI && c->batch)
        c->mode = CLI_BATCH;
    if (c->mode == CLI_TUI && c->screenshot)
        c->mode = CLI_SCREENSHOT;
    if (c->batch && c->screenshot)
        return rs_error_set(err, RS_EINVAL, "--batch and --screenshot: allowed one of them");
    return cli_lecture_check(c, err);
}

rs_status cli_apply_pair(rs_params *p, const char *key, const char *value, rs_error *err)
{
    const int i = param_find(key);
    if (i < 0)
        return rs_error_set(err, RS_EINVAL, "unknown key '%.*s%s' (see --help for the keys)",
                            PARAM_CLIP(key, 80));
    const rs_status st = param_check_key(i, p->generator, value, err);
    return st != RS_OK ? st : param_parse(p, i, value, err);
}

/* Split "KEY=VALUE" into key (buffer) and value pointer. */
static int split_set(const char *kv, char *key, size_t len, const char **value)
{
    const char *eq = strchr(kv, '=');
    if (!eq || (size_t)(eq - kv) >= len || eq == kv)
        return 0;
    memcpy(key, kv, (size_t)(eq - kv));
    key[eq - kv] = 0;
    *value = eq + 1;
    return 1;
}

rs_status cli_params(cli *c, rs_error *err)
{
    rs_error e;
    rs_status st;
    if (c->preset_arg) {
        char path[PRESET_PATH];
        if ((st = preset_find(c->preset_arg, path, err)) != RS_OK)
            return st;
        if ((st = preset_read(path, &c->preset, err)) != RS_OK)
            return st;
        c->have_preset = 1;
    }
    /* The generator first: its defaults underlie every other key (last generator= wins). */
    int gen = param_default_generator();
    if (c->have_preset && (st = preset_generator(&c->preset, &gen, err)) != RS_OK)
        return st;
    const int gi = param_find("generator");
    rs_params tmp;
    param_defaults(&tmp, param_default_generator());
    const int preset_gen = gen;
    for (size_t j = 0; j < c->n_sets; j++)
        if (strncmp(c->sets[j], "generator=", 10) == 0) {
            if (param_parse(&tmp, gi, c->sets[j] + 10, &e) != RS_OK)
                return rs_error_set(err, RS_EINVAL, "--set %s", e.msg);
            gen = tmp.generator;
        }
    param_defaults(&c->params, (rs_generator)gen);
    /* A preset's settings belong to its own generator: with --set generator= another one,
     * that generator's defaults stand and the screen says the preset is another's. */
    if (c->have_preset && gen == preset_gen &&
        (st = preset_apply(&c->preset, &c->params, err)) != RS_OK)
        return st;
    for (size_t j = 0; j < c->n_sets; j++) {
        char key[64];
        const char *value;
        if (!split_set(c->sets[j], key, sizeof key, &value))
            return rs_error_set(err, RS_EINVAL, "--set %.*s%s: allowed KEY=VALUE",
                                PARAM_CLIP(c->sets[j], 80));
        if (cli_apply_pair(&c->params, key, value, &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "--set %s", e.msg);
    }
    /* Cross-key errors of a preset used as it is name its file and line (as preset_params
     * does); with --set pairs the combination is at fault, not the file. */
    if (c->have_preset && c->n_sets == 0) {
        if ((st = preset_check(&c->preset, &c->params, err)) != RS_OK)
            return st;
    } else if (param_check(&c->params, &e) != RS_OK) {
        return rs_error_set(err, RS_EINVAL, "%s", e.msg);
    }
    cli_alias_note(&c->params, stderr);
    if ((st = machine_memory_check(&c->params, err)) != RS_OK)
        return st;
    return cli_b_params(c, err);
}

/* A swept key's name, or "none". */
static const char *cli_key_name(int key)
{
    return key >= 0 ? param_table[key].key : "none";
}

rs_status cli_b_params(cli *c, rs_error *err)
{
    rs_error e;
    c->b_params = c->params;
    for (size_t j = 0; j < c->n_bs; j++) {
        char key[64];
        const char *value;
        if (!split_set(c->bs[j], key, sizeof key, &value))
            return rs_error_set(err, RS_EINVAL, "--b %.*s%s: allowed KEY=VALUE (B's value)",
                                PARAM_CLIP(c->bs[j], 80));
        /* One generator for both: the curves draw A and B over the same key and metrics. */
        if (strcmp(key, "generator") == 0 || strcmp(key, "view") == 0)
            return rs_error_set(err, RS_EINVAL,
                                "--b %.*s%s: A and B share the generator and view; allowed "
                                "any other key",
                                PARAM_CLIP(c->bs[j], 80));
        if (cli_apply_pair(&c->b_params, key, value, &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "--b %s", e.msg);
    }
    if (c->n_bs && param_check(&c->b_params, &e) != RS_OK)
        return rs_error_set(err, RS_EINVAL, "--b: B is not valid: %s", e.msg);
    /* A phase-map batch writes A's and B's rows under one pair of key columns. */
    if (c->n_bs && c->batch && (c->params.sweep2 >= 0 || c->b_params.sweep2 >= 0) &&
        (c->params.sweep != c->b_params.sweep || c->params.sweep2 != c->b_params.sweep2))
        return rs_error_set(err, RS_EINVAL,
                            "--b with a phase-map batch: A (sweep=%s, sweep2=%s) and B (sweep=%s, "
                            "sweep2=%s) differ; allowed --b pairs that keep both swept keys",
                            cli_key_name(c->params.sweep), cli_key_name(c->params.sweep2),
                            cli_key_name(c->b_params.sweep), cli_key_name(c->b_params.sweep2));
    return c->n_bs ? machine_memory_check(&c->b_params, err) : RS_OK;
}

void cli_print_error(void *file, const char *msg)
{
    FILE *f = file;
    fputs("reluscope: ", f);
    for (const unsigned char *c = (const unsigned char *)msg; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            fprintf(f, "\\x%02x", *c);
        else
            fputc(*c, f);
    fputc('\n', f);
}

void cli_alias_note(const rs_params *p, void *file)
{
    const model_ops *ops = model_get(p->generator);
    for (const model_alias *a = ops ? ops->aliases : NULL; a && a->from >= 0; a++)
        if (p->aliased & (1u << a->from))
            fprintf(file, "reluscope: note: %s %s is an old name, now called %s\n", ops->name,
                    param_method_name(a->from), param_method_name(a->to));
}

void cli_help(void *file)
{
    FILE *f = file;
    fprintf(f,
            "reluscope %s — see how ReLU generative models are learned from samples\n\n"
            "usage:\n"
            "  reluscope [--preset NAME|PATH] [--set KEY=VALUE]...           interactive TUI\n"
            "  reluscope ... --screenshot PATH [--size COLSxROWS] [--ascii]   render the final "
            "screen (.txt .ans .svg .html)\n"
            "  reluscope ... --batch [--format csv|json] [--shard I/N]        print the numbers to "
            "stdout\n"
            "  reluscope --tour [FILE] [--screenshot DIR/]                    a guided tour of "
            "presets\n"
            "  reluscope --load FILE... [--batch | --screenshot PATH]          show merged batch "
            "shards\n"
            "  reluscope ... --record FILE.cast                               record the TUI "
            "(asciicast v2)\n"
            "  reluscope ... --b KEY=VALUE...                                 an A/B pair: B "
            "changes KEY\n"
            "  reluscope --list-presets | --help | --version\n\n"
            "keys (--set KEY=VALUE, preset [params]):\n",
            RS_VERSION);
    for (size_t i = 0; i < param_count; i++) {
        char allowed[200], gens[96] = "";
        param_allowed((int)i, allowed, sizeof allowed);
        if (param_table[i].generators != (1u << GEN_COUNT) - 1)
            param_generators((int)i, gens, sizeof gens);
        fprintf(f, "  %-14s %-44s default %s\n  %-14s   %s%s%s\n", param_table[i].key,
                param_table[i].meaning, param_table[i].def[0] ? param_table[i].def : "(empty)", "",
                allowed, gens[0] ? "; only with " : "", gens);
    }
    fputs("\nrules:\n"
          "  A key the generator does not use is refused (exit 2), as is a value out of range.\n"
          "  Methods: `estimator` (relu, matrix) or `loss` (teacher) names one method, `compare`\n"
          "  a list of them. Whichever of the two is set last decides what runs: setting\n"
          "  estimator/loss replaces compare (also a generator's default compare list), so\n"
          "  `--set generator=teacher --set loss=llsfe` runs llsfe alone and checks llsfe's\n"
          "  limits; setting compare afterwards runs the list. The checks apply to what runs.\n"
          "  Later settings win: defaults, then the preset's lines in order, then --set pairs.\n"
          "\nexit status: 0 done; 2 bad input (one line on stderr, nothing written); 1 other\n"
          "  failure (one line); 130, 143, 129, 131 after SIGINT, SIGTERM, SIGHUP, SIGQUIT.\n",
          f);
}
