/* preset.h — presets: INI files with [preset] title/caption and [params] key = value
 * (SPEC 8), read with libinih.
 *
 * Format (README "Presets"):
 *   [preset]                       required, first; `title` required, `caption` optional
 *   title = one line
 *   caption = text, continued on
 *       indented lines (joined with one space)
 *   panels = sqrt_kl, err_sigma    optional: the curves panels it opens on, first to last
 *                                  (metric names of its generator; issue 13, point 5)
 *   yscale = auto|log|lin          optional: the curves' y axis it opens with ('y' cycles)
 *   expected_seconds = 1.2         optional: the menu's run-time column (issue 15)
 *   [params]                       required (may be empty: every key at its default)
 *   generator = relu               optional (default relu); every other key of --help
 * Unknown sections and keys, duplicate keys and sections, binary or non-UTF-8 text, lines
 * longer than PRESET_LINE_MAX and files larger than PRESET_FILE_MAX are errors naming the
 * file and line. Lines longer than libinih's 200-byte buffer are fed to it in pieces cut
 * at spaces, so long captions need not be wrapped by hand.
 *
 * Search path of preset_find and preset_names, first match wins: the user directory
 * (preset_user_dir), presets/ of the source tree, the installed data directory.
 *
 * The reader is preset.c; finding, listing and writing are preset_store.c (one header for
 * both, because callers use them together). */
#ifndef PRESET_H
#define PRESET_H

#include <stdbool.h>
#include <stddef.h>

#include "param.h"
#include "rs.h"

enum {
    PRESET_MAX_PAIRS = 128,
    PRESET_TEXT = 1024,
    PRESET_PATH = 4096,
    PRESET_NAME = 256,
    PRESET_NAME_MAX = 100,     /* longest name preset_name_check accepts */
    PRESET_LINE_MAX = 4096,    /* longest physical line accepted */
    PRESET_FILE_MAX = 1 << 20, /* largest file accepted (1 MiB) */
    PRESET_WRAP = 90           /* preset_write wraps long values at this column */
};

typedef struct {
    char key[64];
    char value[PRESET_TEXT];
    int line;
} preset_pair;

typedef struct {
    char path[PRESET_PATH]; /* as given, used in every message */
    char name[PRESET_NAME]; /* file name without directory and .ini */
    char title[PRESET_TEXT];
    char caption[PRESET_TEXT];
    char panels[PRESET_TEXT]; /* "" = the generator's order */
    char yscale[PRESET_TEXT]; /* "" = auto */
    /* issue 17, point 4: "" = not given; ylim = LO,HI pins the curves' y range, xscale =
     * auto|log|lin their x axis (checked with yscale by preset_params) */
    char ylim[PRESET_TEXT], xscale[PRESET_TEXT];
    int title_line, caption_line, panels_line, yscale_line, ylim_line, xscale_line;
    /* Wall seconds of `--batch --set threads=2` as scripts/preset_times measured it; 0 when
     * the file gives none (saved and user presets). */
    double expected_seconds;
    int expected_line;
    size_t n_pairs;
    preset_pair pairs[PRESET_MAX_PAIRS]; /* in file order */
} preset;

/* Resolve NAME (NAME.ini on the search path) or a PATH (anything with a '/' or ending in
 * .ini) into out (PRESET_PATH bytes). RS_EINVAL when no preset has that name, RS_EIO when
 * the path is not a file. */
rs_status preset_find(const char *name_or_path, char *out, rs_error *err);

/* Read the preset file at path into p (caller storage). Structure, keys and text are
 * checked here; values are checked by preset_params. Errors: "FILE:LINE: ..." (RS_EINVAL),
 * RS_EIO when the file cannot be read. Never reads more than PRESET_FILE_MAX bytes, and
 * stops at the first line longer than PRESET_LINE_MAX. */
rs_status preset_read(const char *path, preset *p, rs_error *err);

/* The same on a buffer (len bytes, need not be NUL-terminated; may contain NUL bytes,
 * which are refused); name stands for the file in messages and gives p->name. Keeps no
 * pointer to buf. */
rs_status preset_read_mem(const char *buf, size_t len, const char *name, preset *p, rs_error *err);

/* Apply the [params] pairs of pr to out, in file order, without cross-key checks; a key
 * out->generator does not use is refused. Errors: "FILE:LINE: KEY=VALUE: allowed ...". */
rs_status preset_apply(const preset *pr, rs_params *out, rs_error *err);

/* The generator the preset names (the table's default generator when it names none); RS_EINVAL with
 * "FILE:LINE: ..." when its value is not a generator. */
/* The preset's yscale: 0 auto (or none given), 1 log, 2 lin (the order of VIEW_Y_*), -1 for
 * any other text (preset_params refuses it). */
int preset_yscale(const preset *pr);

/* The same for xscale (issue 17, point 4). */
int preset_xscale(const preset *pr);

/* The preset's ylim into [*lo, *hi]: false when it gives none or not two finite numbers
 * with lo < hi (preset_read refuses those). */
bool preset_ylim(const preset *pr, double *lo, double *hi);

rs_status preset_generator(const preset *pr, int *gen, rs_error *err);

/* param_check of p (settings from pr): "FILE:LINE: ..." with the line of the key the
 * message names when pr sets it, else "FILE: ...". */
rs_status preset_check(const preset *pr, const rs_params *p, rs_error *err);

/* The settings of pr: the defaults of its generator, then its pairs, then preset_check. */
rs_status preset_params(const preset *pr, rs_params *out, rs_error *err);

/* Names of every preset on the search path (NAME of NAME.ini), deduplicated and sorted by
 * name, into names (capacity cap); returns the count stored (at most cap). The TUI's
 * [ and ] step through them in this order. */
size_t preset_names(char (*names)[256], size_t cap);

/* Write a preset: [preset] title and caption (wrapped at PRESET_WRAP columns as indented
 * continuation lines) and [params] with generator first, then every key p->generator
 * uses, formatted so that reading it back gives bit-identical values. Creates the file's
 * directory if missing. Refuses to replace an existing file unless overwrite
 * (RS_EINVAL, "FILE exists; ..."), atomically: of two processes saving one new name at
 * once, exactly one succeeds and the other gets that error. A temporary file in the same
 * directory (mkstemp) is linked or renamed to path. RS_EINVAL for a title or caption
 * the reader would not give back (line breaks, control characters, leading or trailing
 * spaces, ';' or '#' after a space) and for a value longer than PRESET_TEXT as text (a
 * long list of long reals): refused whole, never written cut. RS_EIO on write errors.
 * view, when not NULL, adds what the preset opens on ([preset] panels, yscale, xscale,
 * ylim; a NULL or empty field is left out), so that a saved screen opens as it was. */
typedef struct {
    const char *panels, *yscale, *xscale, *ylim;
} preset_view;
rs_status preset_write(const char *path, const char *title, const char *caption, const rs_params *p,
                       const preset_view *view, int overwrite, rs_error *err);

/* RS_EINVAL (err names the name and why) unless name is 1 to PRESET_NAME_MAX ASCII
 * letters, digits, '-' and '_': the TUI saves NAME.ini under exactly that name or not at
 * all (no ".ini" suffix of its own, nothing cut or dropped). */
rs_status preset_name_check(const char *name, rs_error *err);

/* Where the TUI saves presets: $XDG_CONFIG_HOME/reluscope/presets, else
 * $HOME/.config/reluscope/presets; written into buf (len bytes). NULL when neither
 * variable is set (absolute) or the path does not fit. The directory may not exist yet. */
const char *preset_user_dir(char *buf, size_t len);

/* Print "name  title" for every preset found, in preset_names order, into file (FILE *).
 * A preset that does not load is listed with its error instead of a title. */
void preset_list(void *file);

#endif
