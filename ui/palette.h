/* palette.h — colour tables and colour arithmetic over the xterm-256 palette.
 *
 * Every colour in the toolkit is an xterm-256 index (0..255); grid_put folds it to the
 * 16 basic colours or drops it according to the grid's caps. Plots pick colours here:
 * a sequential palette (viridis-like) for magnitudes, a diverging one (blue - white -
 * red) for signed data, distinct series colours, and a density ramp of characters for
 * monochrome heatmaps. All functions are pure; the tables are constant. */
#ifndef PALETTE_H
#define PALETTE_H

#include <stddef.h>
#include <stdint.h>

/* Theme colours (xterm-256 indexes) for a dark background. */
enum {
    PALETTE_AXIS = 244,    /* axis lines and ticks */
    PALETTE_LABEL = 250,   /* tick labels, axis titles */
    PALETTE_TITLE = 231,   /* titles (drawn bold) */
    PALETTE_WARN = 214,    /* warnings such as "! 3 NaN points" */
    PALETTE_NAN = 240,     /* heatmap cells holding NaN */
    PALETTE_REF = 246,     /* reference lines */
    PALETTE_ACCENT = 75,   /* active tab, progress bar, highlights */
    PALETTE_PANEL = 236,   /* status bar background */
    PALETTE_SELECT = 24,   /* selected row background */
    PALETTE_BLACK = 16,    /* text on light cells */
    PALETTE_WHITE = 231,   /* text on dark cells */
    PALETTE_PAGE_FG = 252, /* default fg of image sinks (SVG, HTML): #d0d0d0 */
    PALETTE_PAGE_BG = 233, /* default bg of image sinks: #121212, a dark page */
};

/* Sequential palette: t in [0, 1] (clamped) to a colour from dark purple through blue
 * and green to yellow, with increasing luminance. NaN gives PALETTE_NAN. */
int palette_seq(double t);

/* Diverging palette: t in [-1, 1] (clamped), -1 dark blue, 0 white, +1 dark red.
 * NaN gives PALETTE_NAN. */
int palette_div(double t);

/* The same two palettes for 8-colour terminals, over the basic colours 0..15: blue,
 * cyan, green, yellow for sequential; blue, white, red for diverging. Nearest-colour
 * folding of the 256-colour palettes would scramble their order. */
int palette_seq8(double t);
int palette_div8(double t);

/* Number of steps in the sequential palette, for colour bars that show every step. */
size_t palette_seq_steps(void);

/* Series colour i (cycles): distinct hues, readable on a dark background. */
int palette_series(size_t i);

/* RGB of an xterm-256 index (the xterm defaults for 0..15). Out-of-range indexes give
 * black. */
void palette_rgb(int idx, uint8_t rgb[3]);

/* "#rrggbb" of an xterm-256 index into out (8 bytes with the NUL). */
void palette_hex(int idx, char out[8]);

/* The 256-colour index nearest to an RGB triple among 16..255 (the cube and greys,
 * which terminals do not remap, unlike 0..15). */
int palette_nearest(const uint8_t rgb[3]);

/* Fold an index to the nearest of the 8 basic colours and their bright variants
 * (0..15; SGR 30-37 and 90-97). Indexes below 16 are returned unchanged. */
int palette_basic(int idx);

/* The index of idx's colour scaled towards black by factor f in [0, 1] (0.3 gives a
 * dark tint for shaded bands on a dark background). */
int palette_shade(int idx, double f);

/* Text colour readable on background idx: PALETTE_BLACK on light colours, else
 * PALETTE_WHITE. */
int palette_contrast(int idx);

/* Density-ramp character for t in [0, 1] (clamped), from " .:-=+*#%@"; '?' for NaN.
 * Monochrome heatmaps use it instead of colour. */
char palette_ramp(double t);

#endif
