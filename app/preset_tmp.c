/* preset_tmp.c — TEMPORARY stand-ins until the preset branch lands. */
#include "preset.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int cmp(const void *a, const void *b) { return strcmp(a, b); }

size_t preset_names(char (*names)[256], size_t cap)
{
    size_t m = 0;
    DIR *dir = opendir(RS_SOURCE_PRESETS);
    if (!dir)
        return 0;
    struct dirent *e;
    while ((e = readdir(dir)) && m < cap) {
        const size_t len = strlen(e->d_name);
        if (len > 4 && len < 250 && strcmp(e->d_name + len - 4, ".ini") == 0) {
            memcpy(names[m], e->d_name, len - 4);
            names[m][len - 4] = 0;
            m++;
        }
    }
    closedir(dir);
    qsort(names, m, sizeof names[0], cmp);
    return m;
}

rs_status preset_params(const preset *pr, rs_params *out, rs_error *err)
{
    rs_error e;
    int gen = GEN_RELU;
    rs_params tmp;
    param_defaults(&tmp, GEN_RELU);
    for (size_t j = 0; j < pr->n_pairs; j++)
        if (strcmp(pr->pairs[j].key, "generator") == 0 &&
            param_parse(&tmp, param_find("generator"), pr->pairs[j].value, &e) == RS_OK)
            gen = tmp.generator;
    param_defaults(out, (rs_generator)gen);
    for (size_t j = 0; j < pr->n_pairs; j++)
        if (cli_apply_pair(out, pr->pairs[j].key, pr->pairs[j].value, &e) != RS_OK)
            return rs_error_set(err, RS_EINVAL, "%s:%d: %s", pr->path, pr->pairs[j].line, e.msg);
    if (param_check(out, &e) != RS_OK)
        return rs_error_set(err, RS_EINVAL, "%s: %s", pr->path, e.msg);
    return RS_OK;
}

const char *preset_user_dir(char *buf, size_t len)
{
    const char *home = getenv("HOME");
    if (!home)
        return NULL;
    snprintf(buf, len, "%s/.config/reluscope/presets", home);
    return buf;
}

rs_status preset_write(const char *path, const char *title, const char *caption,
                       const rs_params *p, int overwrite, rs_error *err)
{
    (void)path, (void)title, (void)caption, (void)p, (void)overwrite;
    return rs_error_set(err, RS_EIO, "saving presets lands with the preset branch");
}
