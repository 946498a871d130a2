/* cli_lecture.c — the options of issue 18 (lectures and clusters): --tour [FILE],
 * --record FILE.cast and --load FILE..., kept apart from cli.c so that the modes they
 * open stay in their own files (tour.c, record.c, load.c, lecture.c). */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* An argument that is not an option: the optional FILE of --tour, the files of --load. */
static int is_operand(const char *a)
{
    return a[0] && strncmp(a, "--", 2) != 0;
}

static rs_status parse_load(cli *c, int *i, int argc, char **argv, rs_error *err)
{
    const char *a = argv[*i];
    if (strncmp(a, "--load=", 7) == 0) {
        if (!a[7])
            return rs_error_set(err, RS_EINVAL, "--load: needs FILE...");
        c->loads[c->n_loads++] = a + 7;
    }
    while (*i + 1 < argc && is_operand(argv[*i + 1])) {
        if (c->n_loads == CLI_MAX_LOADS)
            return rs_error_set(err, RS_EINVAL, "--load: at most %d files", CLI_MAX_LOADS);
        c->loads[c->n_loads++] = argv[++*i];
    }
    if (c->n_loads == 0)
        return rs_error_set(err, RS_EINVAL, "--load: needs FILE... (batch CSV or JSON)");
    return RS_OK;
}

int cli_lecture_option(cli *c, int *i, int argc, char **argv, rs_status *st, rs_error *err)
{
    const char *a = argv[*i];
    *st = RS_OK;
    if (strcmp(a, "--tour") == 0 || strncmp(a, "--tour=", 7) == 0) {
        c->tour = 1;
        if (a[6] == '=')
            c->tour_file = a + 7;
        else if (*i + 1 < argc && is_operand(argv[*i + 1]))
            c->tour_file = argv[++*i];
        if (c->tour_file && !c->tour_file[0])
            *st = rs_error_set(err, RS_EINVAL, "--tour: needs a FILE or nothing");
        return 1;
    }
    if (strcmp(a, "--record") == 0 || strncmp(a, "--record=", 9) == 0) {
        c->record = a[8] == '=' ? a + 9 : (*i + 1 < argc ? argv[++*i] : "");
        const char *dot = strrchr(c->record, '.');
        if (!dot || strcmp(dot, ".cast") != 0)
            *st = rs_error_set(err, RS_EINVAL, "--record %s: needs a FILE ending in .cast",
                               c->record);
        return 1;
    }
    if (strcmp(a, "--load") == 0 || strncmp(a, "--load=", 7) == 0) {
        *st = parse_load(c, i, argc, argv, err);
        return 1;
    }
    return 0;
}

/* --set with --load: only keys that change how the cells are shown, never a cell. */
static rs_status check_load_sets(const cli *c, rs_error *err)
{
    for (size_t j = 0; j < c->n_sets; j++) {
        char key[64];
        const size_t len = strcspn(c->sets[j], "=");
        snprintf(key, sizeof key, "%.*s", (int)(len < 63 ? len : 63), c->sets[j]);
        const int i = param_find(key);
        if (i >= 0 && !(param_table[i].flags & PARAM_NO_CELLS))
            return rs_error_set(err, RS_EINVAL,
                                "--set %s with --load: the files fix every key that changes a "
                                "result (allowed here: keys such as view)",
                                c->sets[j]);
    }
    return RS_OK;
}

rs_status cli_lecture_check(const cli *c, rs_error *err)
{
    if (c->mode != CLI_TUI && c->mode != CLI_SCREENSHOT && c->mode != CLI_BATCH)
        return RS_OK; /* --help, --version, --list-presets */
    if (c->record && c->mode != CLI_TUI)
        return rs_error_set(err, RS_EINVAL,
                            "--record %s: records the TUI; allowed without --batch and "
                            "--screenshot",
                            c->record);
    if (c->tour && c->n_loads)
        return rs_error_set(err, RS_EINVAL, "--tour and --load: allowed one of them");
    if (c->tour && c->mode == CLI_BATCH)
        return rs_error_set(err, RS_EINVAL, "--tour and --batch: allowed one of them");
    if (c->tour && c->preset_arg)
        return rs_error_set(err, RS_EINVAL, "--tour and --preset: the tour names its presets");
    if (c->tour && c->screenshot) {
        struct stat sb;
        const size_t len = strlen(c->screenshot);
        if (c->screenshot[len - 1] != '/' &&
            !(stat(c->screenshot, &sb) == 0 && S_ISDIR(sb.st_mode)))
            return rs_error_set(err, RS_EINVAL,
                                "--screenshot %s with --tour: needs a directory (ending in /)",
                                c->screenshot);
    }
    if (c->n_loads && c->preset_arg)
        return rs_error_set(err, RS_EINVAL, "--load and --preset: the files name their preset");
    if (c->n_loads && c->shard_count > 1)
        return rs_error_set(err, RS_EINVAL, "--load and --shard: allowed one of them");
    return c->n_loads ? check_load_sets(c, err) : RS_OK;
}
