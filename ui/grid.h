/* grid.h — the off-screen cell grid every ui drawing paints into.
 *
 * A cell holds one Unicode code point, a foreground and a background colour (an
 * xterm-256 palette index, or GRID_COLOR_DEFAULT for the terminal's own colour) and
 * attribute bits. Sinks (sink_txt, sink_ans, sink_svg, sink_html, sink_curses) turn a
 * grid into output; nothing here knows about terminals. [tmux grid.c vs tty.c]
 *
 * The grid carries the output capabilities (grid_caps). grid_put enforces them, so a
 * grid is always valid for its caps: in 8-colour mode colours are folded to the 16
 * basic indexes, in mono mode colours are dropped, in ascii mode every code point is
 * replaced by its ASCII fallback (glyph_ascii). Draw code still chooses good glyphs
 * per caps itself (braille vs ASCII table, colour vs density ramp); the fold in
 * grid_put is the guarantee, not the design.
 *
 * Coordinates are int, not size_t: layout arithmetic and clipping produce negative
 * positions, and terminal sizes fit easily. Every glyph is one column wide; a cell
 * may carry one combining mark (U+0300..U+036F and the other combining blocks), which
 * grid_puts attaches to the preceding character, so that notation such as θ̂ or Σ̂
 * takes one column. ascii mode drops combining marks. */
#ifndef GRID_H
#define GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { GRID_COLOR_DEFAULT = -1 }; /* the terminal's default fg or bg */

enum {
    GRID_ATTR_BOLD = 1u << 0,
    GRID_ATTR_DIM = 1u << 1,
    GRID_ATTR_REVERSE = 1u << 2,
    GRID_ATTR_UNDERLINE = 1u << 3,
};

typedef enum {
    GRID_COLORS_MONO = 0, /* no colour: attributes and glyphs only */
    GRID_COLORS_8 = 8,    /* the 8 basic colours and their bright variants (0..15) */
    GRID_COLORS_256 = 256 /* xterm-256 palette */
} grid_colors;

/* Output capability: what the sink can show. Chosen by app (terminal colours,
 * NO_COLOR, --ascii, screenshot format); the toolkit never reads the environment. */
typedef struct {
    grid_colors colors;
    bool ascii; /* plain ASCII glyphs only (no braille, blocks, box drawing) */
} grid_caps;

/* Colours and attributes of a cell, passed by value to every put. */
typedef struct {
    int16_t fg, bg; /* 0..255 or GRID_COLOR_DEFAULT */
    uint8_t attr;   /* GRID_ATTR_* bits */
} grid_style;

typedef struct {
    uint32_t ch;   /* Unicode code point, printable, one column wide */
    uint32_t comb; /* one combining mark drawn over ch (the hat of θ̂), or 0 */
    int16_t fg, bg;
    uint8_t attr;
} grid_cell;

typedef struct {
    int x, y, w, h;
} grid_rect;

/* Where a plot put its data (issue 17, point 3: a click reads the numbers under it):
 * the data area in cells and the ranges its edges stand for (left/bottom = lo). */
enum { GRID_MAX_PICKS = 8, GRID_PICK_CELLS = 4096 };

typedef struct {
    grid_rect area;
    double x_lo, x_hi, y_lo, y_hi;
    bool x_log, y_log;
    char y_name[96]; /* the y axis title, e.g. "err_sigma", or a heatmap's title */
    /* A heatmap: rows x cols data cells over the area (row 0 at the top), and their values
     * (row-major) when they number at most GRID_PICK_CELLS (else has_z = false). */
    size_t rows, cols;
    bool has_z;
    float z[GRID_PICK_CELLS];
} grid_pick;

typedef struct {
    int w, h;
    grid_caps caps;
    grid_rect clip;   /* puts outside it are dropped; the whole grid unless pushed */
    grid_cell *cells; /* h rows of w cells, row-major; owned by the grid */
    /* the plots drawn since the last grid_clear (the first GRID_MAX_PICKS of them) */
    grid_pick picks[GRID_MAX_PICKS];
    size_t n_picks;
} grid;

/* Record a plot's data area (kept when there is room; grid_clear forgets them). */
void grid_pick_add(grid *g, const grid_pick *p);

/* name (NULL = "") into p->y_name, ending in "…" when it is cut. */
void grid_pick_name(grid_pick *p, const char *name);

/* The last recorded plot whose area holds cell (x, y), or NULL. On it, the data
 * coordinates of the cell's centre go to *xv and *yv. */
const grid_pick *grid_pick_at(const grid *g, int x, int y, double *xv, double *yv);

/* The data cell (*row, *col) of heatmap pick p under cell (x, y) of the grid (inside
 * p->area). */
void grid_pick_cell(const grid_pick *p, int x, int y, size_t *row, size_t *col);

/* Default style (terminal colours, no attributes), and a style from parts. */
grid_style grid_style_default(void);
grid_style grid_style_make(int fg, int bg, unsigned attr);

/* Allocate a w x h grid of blank cells with caps {256 colours, Unicode}. w, h >= 0
 * (0 gives an empty grid). Returns NULL when out of memory or the size overflows.
 * The caller owns the grid and frees it with grid_free (grid_free(NULL) is a no-op). */
grid *grid_alloc(int w, int h);
void grid_free(grid *g);

/* Resize to w x h, clear every cell and reset the clip to the whole grid. Returns 0,
 * or -1 when out of memory (the grid is then unchanged). */
int grid_resize(grid *g, int w, int h);

/* Restrict later puts, fills and text to r intersected with the current clip, and
 * return the clip in force before, for grid_clip_restore. Every draw function of the
 * toolkit clips to its rect this way, so a drawing can never spill outside it. */
grid_rect grid_clip_push(grid *g, grid_rect r);
void grid_clip_restore(grid *g, grid_rect prev);

/* Set the caps used by later puts; does not convert cells already drawn. */
void grid_set_caps(grid *g, grid_caps caps);

/* Blank every cell (space, default colours, no attributes). */
void grid_clear(grid *g);

/* The cell at (x, y), or NULL outside the grid. */
const grid_cell *grid_get(const grid *g, int x, int y);

/* Put code point ch at (x, y) with style s; outside the grid or the clip it does nothing.
 * Control characters become '?'; caps are applied (see top of file). */
void grid_put(grid *g, int x, int y, uint32_t ch, grid_style s);

/* Change only the background of (x, y), keeping glyph, fg and attributes. */
void grid_put_bg(grid *g, int x, int y, int bg);

/* Write UTF-8 text from (x, y) rightwards, at most max_w columns (and never past the
 * grid's edge); invalid UTF-8 becomes U+FFFD; a combining mark joins the character
 * before it (a leading one is dropped). Returns the columns the text occupies (as if
 * unclipped by the grid edge, clipped by max_w) so callers can lay out. */
int grid_puts(grid *g, int x, int y, const char *utf8, int max_w, grid_style s);

/* Columns utf8 would take (its code points, not counting combining marks). */
int grid_text_width(const char *utf8);

/* Fill rect r (clipped to the grid and the clip) with ch in style s. */
void grid_fill(grid *g, grid_rect r, uint32_t ch, grid_style s);

/* Intersection of two rects (w or h may be 0). */
grid_rect grid_rect_clip(grid_rect a, grid_rect b);

/* Cell comparison for diffing: true when glyph, colours and attributes all match. */
bool grid_cell_equal(const grid_cell *a, const grid_cell *b);

/* True when both grids have the same size and equal cells. */
bool grid_equal(const grid *a, const grid *b);

/* Number of cells that differ (a size mismatch counts every cell of the larger). */
size_t grid_diff_count(const grid *a, const grid *b);

/* Copy src's cells and caps into dst, resizing dst (dst's clip becomes the whole
 * grid). Returns 0, or -1 when out of memory. */
int grid_copy(grid *dst, const grid *src);

/* True for combining marks (zero-width code points attached to the previous one). */
bool grid_is_combining(uint32_t cp);

/* Encode code point cp as UTF-8 into out (at least 4 bytes); returns the length. */
int grid_utf8_encode(uint32_t cp, char *out);

/* UTF-8 of what cell c shows (its glyph and combining mark) into out (at least 8
 * bytes); with ascii, the glyph's ASCII fallback only. Returns the length. Sinks use
 * it so every sink writes a cell the same way. */
int grid_cell_utf8(const grid_cell *c, bool ascii, char *out);

/* Decode one code point from s into *cp; returns the bytes consumed (>= 1 unless
 * *s == 0, then 0). Invalid sequences give U+FFFD and consume one byte. */
int grid_utf8_decode(const char *s, uint32_t *cp);

#endif
