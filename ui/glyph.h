/* glyph.h — the glyph sets the toolkit draws with, each next to its ASCII fallback.
 *
 * Named glyphs (box drawing, blocks, markers) come from one table holding both the
 * Unicode code point and the ASCII character; braille dot patterns and the lower
 * eighth blocks have their own tables. glyph_ascii maps any code point to ASCII and is
 * what grid_put applies in ascii mode. [htop GraphMeterMode_dotsAscii] */
#ifndef GLYPH_H
#define GLYPH_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    GLYPH_HLINE,        /* ─ - */
    GLYPH_VLINE,        /* │ | */
    GLYPH_CORNER_TL,    /* ┌ + */
    GLYPH_CORNER_TR,    /* ┐ + */
    GLYPH_CORNER_BL,    /* └ + */
    GLYPH_CORNER_BR,    /* ┘ + */
    GLYPH_TEE_LEFT,     /* ┤ + : tick on a y axis, pointing at the labels */
    GLYPH_TEE_RIGHT,    /* ├ + */
    GLYPH_TEE_DOWN,     /* ┬ + : tick on an x axis, pointing at the labels */
    GLYPH_TEE_UP,       /* ┴ + */
    GLYPH_HLINE_BOLD,   /* ━ = : legend swatch */
    GLYPH_HLINE_DASH,   /* ╌ - : reference line swatch */
    GLYPH_UPPER_HALF,   /* ▀ " : heatmap cell, fg = upper row, bg = lower row */
    GLYPH_FULL,         /* █ # */
    GLYPH_SHADE,        /* ▒ : */
    GLYPH_MARK_X,       /* × x */
    GLYPH_MARK_STAR,    /* ✱ * */
    GLYPH_MARK_DOT,     /* • o */
    GLYPH_MIDDOT,       /* · . */
    GLYPH_ELLIPSIS,     /* … ~ : text cut short */
    GLYPH_POINTER,      /* ▸ > : selected row */
    GLYPH_CHANGED,      /* ● * : value differs from the preset */
    GLYPH_WARN,         /* ! ! */
    GLYPH_ARROW_UP,     /* ▲ ^ : more rows above */
    GLYPH_ARROW_DOWN,   /* ▼ v : more rows below */
    GLYPH_MARK_PLUS,    /* + + : series point marker */
    GLYPH_MARK_DIAMOND, /* ◆ # */
    GLYPH_MARK_SQUARE,  /* ■ @ */
    GLYPH_MARK_TRI,     /* ▴ ^ */
    GLYPH_VLINE_DASH,   /* ┊ : : a cursor on an x value */
    GLYPH_COUNT
} glyph_id;

/* Code point of a named glyph; its ASCII fallback when ascii is true. */
uint32_t glyph_get(glyph_id id, bool ascii);

/* Braille cell for a dot pattern. Bit i of dots is dot (col, row) with the layout
 *   bit: 0 3      (col 0, col 1)
 *        1 4
 *        2 5
 *        6 7
 * i.e. the Unicode braille numbering, so the glyph is U+2800 + dots. In ascii mode the
 * pattern maps to a character of similar shape ('.', '\'', ':', '|', '-', '/', ...). */
uint32_t glyph_braille(uint8_t dots, bool ascii);

/* Dot bit for dot column cx (0..1) and dot row cy (0..3) of a braille cell. */
uint8_t glyph_braille_bit(int cx, int cy);

/* Lower block filling k eighths of a cell, k = 0..8 (0 is a space, 8 the full block).
 * ASCII: ' ' below 3 eighths, '_' below 6, else '#'. */
uint32_t glyph_eighth(int k, bool ascii);

/* Left block filling k eighths of a cell, k = 0..8 (progress bars). ASCII: '#' from 4
 * eighths, else ' '. */
uint32_t glyph_left_eighth(int k, bool ascii);

/* ASCII fallback of any code point: itself below 128, the named and braille tables'
 * fallbacks, Greek letters as Latin look-alikes (σ → s), common symbols (− → -,
 * ≤ → <), and '?' for anything else. */
char glyph_ascii(uint32_t cp);

#endif
