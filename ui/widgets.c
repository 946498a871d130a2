/* widgets.c — boxes, tabs, bars, message box and key/value panel (see widgets.h). */
#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "glyph.h"
#include "palette.h"

enum { WIDGETS_MAX_LINES = 64, WIDGETS_TEXT_LEN = 64 };

/* Text cut to max_w columns, its last visible column an ellipsis when cut. Returns
 * the columns used. */
static int widgets_text(grid *g, int x, int y, const char *s, int max_w, grid_style st)
{
    if (!s || max_w <= 0)
        return 0;
    const int w = grid_text_width(s);
    if (w <= max_w)
        return grid_puts(g, x, y, s, w, st);
    grid_puts(g, x, y, s, max_w - 1, st);
    grid_put(g, x + max_w - 1, y, glyph_get(GLYPH_ELLIPSIS, g->caps.ascii), st);
    return max_w;
}

static bool widgets_mono(const grid *g)
{
    return g->caps.colors == GRID_COLORS_MONO;
}

/* Body of widgets_box_draw; the grid is already clipped to the rect. */
static grid_rect widgets_box_in(const char *title, bool focused, grid_rect r, grid *g)
{
    if (r.w < 2 || r.h < 2)
        return (grid_rect){r.x, r.y, 0, 0};
    const bool a = g->caps.ascii;
    const grid_style b = grid_style_make(focused ? PALETTE_ACCENT : PALETTE_AXIS,
                                         GRID_COLOR_DEFAULT, focused ? GRID_ATTR_BOLD : 0);
    const int x1 = r.x + r.w - 1, y1 = r.y + r.h - 1;
    for (int x = r.x + 1; x < x1; x++) {
        grid_put(g, x, r.y, glyph_get(GLYPH_HLINE, a), b);
        grid_put(g, x, y1, glyph_get(GLYPH_HLINE, a), b);
    }
    for (int y = r.y + 1; y < y1; y++) {
        grid_put(g, r.x, y, glyph_get(GLYPH_VLINE, a), b);
        grid_put(g, x1, y, glyph_get(GLYPH_VLINE, a), b);
    }
    grid_put(g, r.x, r.y, glyph_get(GLYPH_CORNER_TL, a), b);
    grid_put(g, x1, r.y, glyph_get(GLYPH_CORNER_TR, a), b);
    grid_put(g, r.x, y1, glyph_get(GLYPH_CORNER_BL, a), b);
    grid_put(g, x1, y1, glyph_get(GLYPH_CORNER_BR, a), b);
    if (title && *title && r.w > 6) {
        const grid_style t = grid_style_make(PALETTE_TITLE, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
        grid_put(g, r.x + 2, r.y, ' ', t);
        const int w = widgets_text(g, r.x + 3, r.y, title, r.w - 6, t);
        grid_put(g, r.x + 3 + w, r.y, ' ', t);
    }
    if (r.w < 3 || r.h < 3)
        return (grid_rect){r.x + 1, r.y + 1, 0, 0};
    return (grid_rect){r.x + 1, r.y + 1, r.w - 2, r.h - 2};
}

/* The first tab shown: late enough that the active tab fits (tabs left of it are
 * dropped first). */
static size_t widgets_tabs_first(const char *const *names, size_t n, size_t active, int w_max)
{
    size_t first = 0;
    for (;;) {
        int w = 0;
        for (size_t i = first; i <= active && i < n; i++)
            w += grid_text_width(names[i]) + 3;
        if (w <= w_max || first >= active || first + 1 >= n)
            return first;
        first++;
    }
}

int widgets_tabs_hit(const char *const *names, size_t n, size_t active, grid_rect r, int x)
{
    if (r.w < 1 || x < r.x)
        return -1;
    int left = r.x;
    for (size_t i = widgets_tabs_first(names, n, active, r.w); i < n && left < r.x + r.w; i++) {
        int w = grid_text_width(names[i]);
        if (w > r.x + r.w - left - 2)
            w = r.x + r.w - left - 2;
        if (x >= left && x < left + w + 2)
            return (int)i;
        left += w + 3;
    }
    return -1;
}

/* Body of widgets_tabs_draw; the grid is already clipped to the rect. */
static void widgets_tabs_in(const char *const *names, size_t n, size_t active, grid_rect r, grid *g)
{
    if (r.w < 1 || r.h < 1)
        return;
    const bool mono = widgets_mono(g);
    const grid_style bar = grid_style_make(PALETTE_LABEL, PALETTE_PANEL, 0);
    const grid_style on = grid_style_make(PALETTE_BLACK, PALETTE_ACCENT,
                                          GRID_ATTR_BOLD | (mono ? GRID_ATTR_REVERSE : 0));
    grid_fill(g, (grid_rect){r.x, r.y, r.w, 1}, ' ', bar);
    const size_t first = widgets_tabs_first(names, n, active, r.w);
    int x = r.x;
    for (size_t i = first; i < n && x < r.x + r.w; i++) {
        const grid_style s = i == active ? on : bar;
        const int room = r.x + r.w - x;
        grid_put(g, x, r.y, ' ', s);
        const int w = widgets_text(g, x + 1, r.y, names[i], room - 2, s);
        grid_put(g, x + 1 + w, r.y, ' ', s);
        x += w + 3;
    }
}

/* Body of widgets_status_draw; the grid is already clipped to the rect. */
static void widgets_status_in(const char *left, const char *right, grid_rect r, grid *g)
{
    if (r.w < 1 || r.h < 1)
        return;
    const grid_style s =
        grid_style_make(PALETTE_LABEL, PALETTE_PANEL, widgets_mono(g) ? GRID_ATTR_REVERSE : 0);
    grid_fill(g, (grid_rect){r.x, r.y, r.w, 1}, ' ', s);
    int rw = right ? grid_text_width(right) : 0;
    if (rw > r.w - 2)
        rw = r.w - 2 > 0 ? r.w - 2 : 0;
    const int lw = r.w - rw - (rw ? 3 : 2);
    widgets_text(g, r.x + 1, r.y, left, lw, s);
    widgets_text(g, r.x + r.w - 1 - rw, r.y, right, rw, s);
}

void widgets_eta_format(double eta_s, char *buf, size_t len)
{
    if (!isfinite(eta_s) || eta_s < 0)
        snprintf(buf, len, "ETA --");
    else if (eta_s < 9.95)
        snprintf(buf, len, "ETA %.1fs", eta_s);
    else if (eta_s < 59.5)
        snprintf(buf, len, "ETA %.0fs", eta_s);
    else if (eta_s < 3600 - 0.5) {
        const long s = lround(eta_s);
        snprintf(buf, len, "ETA %ldm%02lds", s / 60, s % 60);
    } else {
        const long m = lround(eta_s / 60);
        snprintf(buf, len, "ETA %ldh%02ldm", m / 60, m % 60);
    }
}

/* Body of widgets_progress_draw; the grid is already clipped to the rect. */
static void widgets_progress_in(double fraction, double eta_s, grid_rect r, grid *g)
{
    if (r.w < 1 || r.h < 1)
        return;
    if (!(fraction >= 0))
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    char eta[WIDGETS_TEXT_LEN], text[2 * WIDGETS_TEXT_LEN];
    widgets_eta_format(eta_s, eta, sizeof eta);
    snprintf(text, sizeof text, "%3.0f%%  %s", 100 * fraction, eta);
    const int tw = grid_text_width(text);
    const int bw = r.w - tw - 1;
    const grid_style lab = grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0);
    if (bw < 4) { /* no room for a bar: the numbers alone */
        widgets_text(g, r.x, r.y, text, r.w, lab);
        return;
    }
    const bool plain = g->caps.ascii || widgets_mono(g);
    const long e8 = lround(fraction * bw * 8);
    for (int i = 0; i < bw; i++) {
        const long k = e8 - 8L * i;
        const uint32_t ch = glyph_left_eighth(k > 8 ? 8 : (int)(k < 0 ? 0 : k), g->caps.ascii);
        grid_put(g, r.x + i, r.y, (ch == ' ' && plain) ? '.' : ch,
                 grid_style_make(PALETTE_ACCENT, PALETTE_PANEL, 0));
    }
    grid_puts(g, r.x + bw + 1, r.y, text, tw, lab);
}

/* Split text at '\n' into at most max lines (pointers into text, lengths in bytes). */
static size_t widgets_lines(const char *text, const char **start, size_t *len, size_t max)
{
    size_t n = 0;
    while (text && n < max) {
        const char *nl = strchr(text, '\n');
        start[n] = text;
        len[n] = nl ? (size_t)(nl - text) : strlen(text);
        n++;
        text = nl ? nl + 1 : NULL;
    }
    return n;
}

/* Body of widgets_message_draw; the grid is already clipped to the rect. */
static grid_rect widgets_message_in(const char *title, const char *text, grid_rect area, grid *g)
{
    const char *start[WIDGETS_MAX_LINES];
    size_t len[WIDGETS_MAX_LINES];
    char line[256];
    const size_t n = widgets_lines(text, start, len, WIDGETS_MAX_LINES);
    int tw = title ? grid_text_width(title) + 6 : 0;
    for (size_t i = 0; i < n; i++) {
        snprintf(line, sizeof line, "%.*s", (int)len[i], start[i]);
        tw = grid_text_width(line) + 4 > tw ? grid_text_width(line) + 4 : tw;
    }
    const bool boxed = area.h >= 3 && area.w >= 5;
    const int pad = boxed && area.h >= (int)n + 4 ? 1 : 0;
    const int w = tw < area.w ? tw : area.w;
    const int h = boxed ? ((int)n + 2 + 2 * pad < area.h ? (int)n + 2 + 2 * pad : area.h)
                        : ((int)n < area.h ? (int)n : area.h);
    const grid_rect r = {area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h};
    grid_fill(g, r, ' ', grid_style_default());
    grid_rect in = r;
    if (boxed) {
        in = widgets_box_draw(title, true, r, g);
        in.y += pad, in.h -= 2 * pad;
        in.x += 1, in.w -= 2;
    }
    const grid_style s = grid_style_make(PALETTE_TITLE, GRID_COLOR_DEFAULT, 0);
    for (int i = 0; i < (int)n && i < in.h; i++) {
        snprintf(line, sizeof line, "%.*s", (int)len[i], start[i]);
        if (i == in.h - 1 && (int)n > in.h) /* the rest does not fit: say so */
            snprintf(line, sizeof line, "… %d more lines (a larger terminal shows them)",
                     (int)n - i);
        const int lw = grid_text_width(line);
        const int x = boxed ? in.x : in.x + (lw < in.w ? (in.w - lw) / 2 : 0);
        widgets_text(g, x, in.y + i, line, in.w, s);
    }
    return r;
}

size_t widgets_kv_first(size_t n, size_t selected, int rows)
{
    if (rows <= 0 || n <= (size_t)rows || selected >= n)
        return 0;
    const size_t half = (size_t)rows / 2;
    if (selected < half)
        return 0;
    const size_t first = selected - half;
    return first + (size_t)rows > n ? n - (size_t)rows : first;
}

/* Column widths of the panel: name, value, meaning (0 when dropped). */
static void widgets_kv_cols(const widgets_kv_item *it, size_t n, int w, int *nw, int *vw, int *mw)
{
    *nw = *vw = 1;
    bool meanings = false;
    for (size_t i = 0; i < n; i++) {
        const int a = grid_text_width(it[i].name), b = grid_text_width(it[i].value);
        *nw = a > *nw ? a : *nw;
        *vw = b > *vw ? b : *vw;
        meanings |= it[i].meaning && it[i].meaning[0];
    }
    if (!meanings && w - 3 - *nw - 2 - 1 >= 8) { /* a list such as the presets': the value
                                                  * (a title) takes the rest */
        *mw = 0;
        *vw = w - 3 - *nw - 2 - 1;
        return;
    }
    /* 3 columns of pointer, marker and space, 2 between columns, 1 for the scroll
     * arrows. The meaning column needs 16 at least; when it cannot have them the name
     * and value share the whole width (names whole first: they are what one scans). */
    const int natural_mw = w - 3 - *nw - 2 - *vw - 2 - 1;
    if (natural_mw >= 16) {
        *mw = natural_mw;
        return;
    }
    if (w >= 60) { /* wide enough for a meaning: name and value take a third each */
        if (*nw > w / 3)
            *nw = w / 3;
        if (*vw > w / 3)
            *vw = w / 3;
        *mw = w - 3 - *nw - 2 - *vw - 2 - 1;
        return;
    }
    *mw = 0;
    const int avail = w - 3 - 2 - 1;
    if (*nw > avail - 6)
        *nw = avail - 6 > 1 ? avail - 6 : 1;
    *vw = avail - *nw > 1 ? avail - *nw : 1;
}

/* Body of widgets_kv_draw; the grid is already clipped to the rect. */
static void widgets_kv_in(const widgets_kv_item *items, size_t n, size_t selected, grid_rect r,
                          grid *g)
{
    if (r.w < 4 || r.h < 1)
        return;
    int nw, vw, mw;
    widgets_kv_cols(items, n, r.w, &nw, &vw, &mw);
    const bool mono = widgets_mono(g), a = g->caps.ascii;
    const size_t first = widgets_kv_first(n, selected, r.h);
    for (int row = 0; row < r.h; row++) {
        const size_t i = first + (size_t)row;
        const int y = r.y + row;
        if (i >= n)
            break;
        const bool sel = i == selected;
        const int bg = sel ? PALETTE_SELECT : GRID_COLOR_DEFAULT;
        const unsigned at = sel ? GRID_ATTR_BOLD | (mono ? GRID_ATTR_REVERSE : 0) : 0;
        grid_fill(g, (grid_rect){r.x, y, r.w, 1}, ' ', grid_style_make(-1, bg, at));
        if (sel)
            grid_put(g, r.x, y, glyph_get(GLYPH_POINTER, a),
                     grid_style_make(PALETTE_ACCENT, bg, at));
        if (items[i].changed)
            grid_put(g, r.x + 1, y, glyph_get(GLYPH_CHANGED, a),
                     grid_style_make(PALETTE_WARN, bg, at));
        widgets_text(g, r.x + 3, y, items[i].name, nw, grid_style_make(PALETTE_LABEL, bg, at));
        widgets_text(
            g, r.x + 3 + nw + 2, y, items[i].value, vw,
            grid_style_make(PALETTE_TITLE, bg, at | (items[i].changed ? GRID_ATTR_BOLD : 0)));
        if (mw)
            widgets_text(g, r.x + 3 + nw + 2 + vw + 2, y, items[i].meaning, mw,
                         grid_style_make(sel ? PALETTE_LABEL : PALETTE_AXIS, bg, at));
    }
    const grid_style arrow = grid_style_make(PALETTE_ACCENT, GRID_COLOR_DEFAULT, 0);
    if (first > 0)
        grid_put(g, r.x + r.w - 1, r.y, glyph_get(GLYPH_ARROW_UP, a), arrow);
    if (first + (size_t)r.h < n)
        grid_put(g, r.x + r.w - 1, r.y + r.h - 1, glyph_get(GLYPH_ARROW_DOWN, a), arrow);
}

grid_rect widgets_box_draw(const char *title, bool focused, grid_rect r, grid *g)
{
    const grid_rect saved = grid_clip_push(g, r);
    const grid_rect out = widgets_box_in(title, focused, r, g);
    grid_clip_restore(g, saved);
    return out;
}

void widgets_tabs_draw(const char *const *names, size_t n, size_t active, grid_rect r, grid *g)
{
    const grid_rect saved = grid_clip_push(g, r);
    widgets_tabs_in(names, n, active, r, g);
    grid_clip_restore(g, saved);
}

void widgets_status_draw(const char *left, const char *right, grid_rect r, grid *g)
{
    const grid_rect saved = grid_clip_push(g, r);
    widgets_status_in(left, right, r, g);
    grid_clip_restore(g, saved);
}

void widgets_progress_draw(double fraction, double eta_s, grid_rect r, grid *g)
{
    const grid_rect saved = grid_clip_push(g, r);
    widgets_progress_in(fraction, eta_s, r, g);
    grid_clip_restore(g, saved);
}

grid_rect widgets_message_draw(const char *title, const char *text, grid_rect area, grid *g)
{
    const grid_rect saved = grid_clip_push(g, area);
    const grid_rect out = widgets_message_in(title, text, area, g);
    grid_clip_restore(g, saved);
    return out;
}

void widgets_kv_draw(const widgets_kv_item *items, size_t n, size_t selected, grid_rect r, grid *g)
{
    const grid_rect saved = grid_clip_push(g, r);
    widgets_kv_in(items, n, selected, r, g);
    grid_clip_restore(g, saved);
}
