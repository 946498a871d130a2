/* preset.h — presets: INI files with [preset] title/caption and [params] key = value
 * (SPEC 8), read with libinih. */
#ifndef PRESET_H
#define PRESET_H

#include <stddef.h>

#include "param.h"
#include "rs.h"

enum { PRESET_MAX_PAIRS = 128, PRESET_TEXT = 1024, PRESET_PATH = 4096 };

typedef struct {
    char key[64];
    char value[PRESET_TEXT];
    int line;
} preset_pair;

typedef struct {
    char path[PRESET_PATH];
    char name[256];
    char title[PRESET_TEXT];
    char caption[PRESET_TEXT];
    size_t n_pairs;
    preset_pair pairs[PRESET_MAX_PAIRS];
} preset;

/* Resolve NAME (searched as NAME.ini in the source tree's presets/ and the installed data
 * directory) or a PATH (anything with a '/' or ending in .ini) into out (PRESET_PATH). */
rs_status preset_find(const char *name_or_path, char *out, rs_error *err);

/* Read a preset file: errors name the file and line ("FILE:LINE: ..."). Keys are not
 * checked against the parameter table here (the caller does, to report FILE:LINE). */
rs_status preset_read(const char *path, preset *p, rs_error *err);

/* Print "name  title" for every preset found, sorted, into f. */
void preset_list(void *file);

/* TEMPORARY declarations (the preset branch owns them). */
size_t preset_names(char (*names)[256], size_t cap);
rs_status preset_params(const preset *pr, rs_params *out, rs_error *err);
const char *preset_user_dir(char *buf, size_t len);
rs_status preset_write(const char *path, const char *title, const char *caption,
                       const rs_params *p, int overwrite, rs_error *err);

#endif
