/* screen.c — composition of the TUI screen from a screen_model (see screen.h). */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "palette.h"
#include "plot.h"
#include "text.h"

enum { CAPTION_MAX_ROWS = 4, MENU_CAPTION_ROWS = 5, MENU_TIME_COLS = 9 };

void screen_model_init(screen_model *m)
{
    memset(m, 0, sizeof *m);
}

static int panel_width(int w)
{
    if (w < 120)
        return 30;
    const int pw = w * 32 / 100;
    return pw > 64 ? 64 : pw;
}

/* Rows of the caption proper (the note not counted) and of the note under it. */
static int caption_rows(const screen_model *m, int inner_w, int inner_h, int h, int *note_rows)
{
    *note_rows = m->caption_note && m->caption_note[0] ? 1 : 0;
    const int n =
        m->caption && m->caption[0] ? text_wrap(m->caption, inner_w, 1 << 20, NULL, NULL) : 0;
    /* Short screens keep the rows for the plot: two caption rows, the rest cut; a full
     * caption may take half the box. */
    int max_rows = h < 30 ? 2 : CAPTION_MAX_ROWS;
    if (m->caption_full && inner_h / 2 > max_rows)
        max_rows = inner_h / 2;
    max_rows -= *note_rows;
    if (max_rows < 1)
        max_rows = 1;
    return n < max_rows ? n : max_rows;
}

/* The plot box (with border) and, inside it, the view rect and the caption rect. */
static void layout(const screen_model *m, int w, int h, grid_rect *panel, grid_rect *box,
                   grid_rect *plot, grid_rect *caption)
{
    const int pw = m->plot_full ? 0 : panel_width(w);
    *panel = (grid_rect){0, 1, pw, h - 3};
    *box = (grid_rect){pw, 1, w - pw, h - 3};
    const grid_rect in = {box->x + 1, box->y + 1, box->w - 2, box->h - 2};
    int nr;
    const int cr = caption_rows(m, in.w, in.h, h, &nr) + nr;
    *plot = (grid_rect){in.x, in.y, in.w, in.h - (cr ? cr + 1 : 0)};
    *caption = (grid_rect){in.x, in.y + in.h - cr, in.w, cr};
}

static const char brand_text[] = "reluscope";

static void draw_tabs(const screen_model *m, grid *g)
{
    const grid_style brand = grid_style_make(PALETTE_ACCENT, PALETTE_PANEL, GRID_ATTR_BOLD);
    grid_fill(g, (grid_rect){0, 0, g->w, 1}, ' ', grid_style_make(-1, PALETTE_PANEL, 0));
    const int bw = grid_puts(g, 1, 0, brand_text, 12, brand) + 2;
    widgets_tabs_draw(m->tabs, m->n_tabs, m->active_tab, (grid_rect){bw, 0, g->w - bw, 1}, g);
}

/* Rows of the selected knob's meaning under the list: narrow panels drop the meaning
 * column and show it there instead. */
static int meaning_rows(const screen_model *m, grid_rect panel)
{
    return panel.w < 70 && m->selected < m->n_items ? 2 : 0;
}

/* The panel's knob list inside its box. */
static grid_rect knob_list_rect(const screen_model *m, grid_rect panel)
{
    const grid_rect in = {panel.x + 1, panel.y + 1, panel.w - 2, panel.h - 2};
    const int mrows = meaning_rows(m, panel);
    return (grid_rect){in.x, in.y, in.w, in.h - (mrows ? mrows + 1 : 0)};
}

static void draw_panel(const screen_model *m, grid_rect r, grid *g)
{
    if (r.w < 3)
        return;
    const grid_rect in = widgets_box_draw("parameters", m->panel_focused, r, g);
    const int mrows = meaning_rows(m, r);
    const grid_rect list = knob_list_rect(m, r);
    widgets_kv_draw(m->items, m->n_items, m->selected, list, g);
    if (mrows) {
        const grid_rect mr = {in.x + 1, in.y + in.h - mrows, in.w - 1, mrows};
        grid_fill(g, (grid_rect){in.x, mr.y - 1, in.w, 1}, 0x2500,
                  grid_style_make(PALETTE_AXIS, GRID_COLOR_DEFAULT, 0));
        const char *meaning = m->items[m->selected].meaning;
        text_draw(g, mr, meaning ? meaning : "",
                  grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0), true);
    }
}

/* The typed text from column x, max_w wide, the cell under the cursor reversed. */
static void draw_input(const screen_model *m, int x, int y, int max_w, grid *g)
{
    const char *text = m->input_text ? m->input_text : "";
    char head[1024];
    const size_t len = strlen(text);
    size_t cur = m->input_cursor < len ? m->input_cursor : len;
    if (cur >= sizeof head)
        cur = sizeof head - 1;
    memcpy(head, text, cur);
    head[cur] = 0;
    const int tw = grid_puts(g, x, y, text, max_w, grid_style_default());
    int cx = x + grid_text_width(head);
    if (cx > x + tw)
        cx = x + tw;
    const grid_cell *c = cx < g->w ? grid_get(g, cx, y) : NULL;
    const uint32_t under = c && cur < len ? c->ch : ' ';
    grid_put(g, cx, y, under, grid_style_make(-1, -1, GRID_ATTR_REVERSE)); /* the cursor */
}

/* The key hints, most used first, as many whole hints as fit before "? help  q quit",
 * which always shows: a hint is never cut in the middle, and help lists the rest. */
static void draw_hints(int y, grid *g)
{
    static const char *const hints[] = {"↑↓ knob",     "←→ change",  "Enter type", "Tab view",
                                        "g generator", "b A/B",      "p presets",  "[ ] prev/next",
                                        "r reseed",    "F full plot"};
    static const char tail[] = "? help  q quit";
    const grid_style s = grid_style_make(PALETTE_AXIS, GRID_COLOR_DEFAULT, 0);
    const int room = g->w - 2 - grid_text_width(tail);
    int x = 1;
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        const int w = grid_text_width(hints[i]) + 2;
        if (x - 1 + w > room)
            break;
        x += grid_puts(g, x, y, hints[i], w, s) + 2;
    }
    grid_puts(g, x, y, tail, g->w - 1 - x, s);
}

static void draw_message_line(const screen_model *m, int y, grid *g)
{
    const grid_rect r = {0, y, g->w, 1};
    grid_fill(g, r, ' ', grid_style_default());
    if (m->input_prompt) {
        const grid_style ps = grid_style_make(PALETTE_ACCENT, GRID_COLOR_DEFAULT, GRID_ATTR_BOLD);
        const int pw = grid_puts(g, 1, y, m->input_prompt, g->w / 2, ps);
        draw_input(m, 2 + pw, y, g->w - pw - 4, g);
        return;
    }
    if (m->message && m->message[0]) {
        if (m->message_is_error)
            plot_warn_draw(m->message, 1, y, g->w - 2, g);
        else
            grid_puts(g, 1, y, m->message, g->w - 2,
                      grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0));
        return;
    }
    draw_hints(y, g);
}

static void draw_status(const screen_model *m, int y, grid *g)
{
    const grid_rect r = {0, y, g->w, 1};
    widgets_status_draw(m->status_left ? m->status_left : "",
                        m->status_right ? m->status_right : "", r, g);
    if (m->show_progress) {
        /* The bar sits in the middle third, between the two texts. */
        const int lw = m->status_left ? grid_text_width(m->status_left) + 2 : 1;
        const int rw = m->status_right ? grid_text_width(m->status_right) + 2 : 1;
        int bw = g->w - lw - rw;
        if (bw > 40)
            bw = 40;
        if (bw >= 16)
            widgets_progress_draw(m->progress, m->eta_s, (grid_rect){lw, y, bw, 1}, g);
    }
}

/* The menu's time column beside the list's rows (the same first row as widgets_kv_draw),
 * the selected row on the selection's background. */
static void draw_preset_times(const screen_model *m, size_t n, grid_rect r, grid *g)
{
    const size_t first = widgets_kv_first(n, m->preset_selected, r.h);
    for (int row = 0; row < r.h && first + (size_t)row < n; row++) {
        const size_t i = first + (size_t)row;
        const bool sel = i == m->preset_selected;
        const unsigned rev = g->caps.colors == GRID_COLORS_MONO ? GRID_ATTR_REVERSE : 0;
        const grid_style st = grid_style_make(sel ? PALETTE_LABEL : PALETTE_AXIS,
                                              sel ? PALETTE_SELECT : GRID_COLOR_DEFAULT,
                                              sel ? GRID_ATTR_BOLD | rev : 0);
        grid_fill(g, (grid_rect){r.x, r.y + row, r.w, 1}, ' ', st);
        const char *t = m->preset_times[i] ? m->preset_times[i] : "";
        const int w = grid_text_width(t);
        if (w > 0 && w < r.w)
            grid_puts(g, r.x + r.w - 1 - w, r.y + row, t, w, st);
    }
}

/* The preset menu's box on a gw x gh screen. */
static grid_rect menu_rect(int gw, int gh)
{
    const int w = gw - 8 < 110 ? gw - 8 : 110;
    const int h = gh - 4;
    return (grid_rect){(gw - w) / 2, (gh - h) / 2, w, h};
}

static void draw_presets(const screen_model *m, grid *g)
{
    const grid_rect r = menu_rect(g->w, g->h);
    grid_fill(g, r, ' ', grid_style_default());
    const grid_rect in = widgets_box_draw("presets: ↑↓ choose, Enter load, Esc close", true, r, g);
    static widgets_kv_item items[512];
    const size_t n = m->n_presets < 512 ? m->n_presets : 512;
    for (size_t i = 0; i < n; i++)
        items[i] = (widgets_kv_item){m->preset_names[i], m->preset_titles[i], NULL, false};
    const int list_h = in.h - MENU_CAPTION_ROWS - 1;
    /* Each preset's expected run time, right-aligned in its own column (issue 15). */
    const int tw = m->preset_times && in.w >= 40 ? MENU_TIME_COLS : 0;
    widgets_kv_draw(items, n, m->preset_selected, (grid_rect){in.x, in.y, in.w - tw, list_h}, g);
    if (tw)
        draw_preset_times(m, n, (grid_rect){in.x + in.w - tw, in.y, tw, list_h}, g);
    grid_fill(g, (grid_rect){in.x, in.y + list_h, in.w, 1}, 0x2500,
              grid_style_make(PALETTE_AXIS, GRID_COLOR_DEFAULT, 0));
    if (n == 0)
        grid_puts(g, in.x + 1, in.y, "no presets found", in.w - 2, grid_style_default());
    text_draw(g, (grid_rect){in.x + 1, in.y + list_h + 1, in.w - 2, MENU_CAPTION_ROWS},
              m->preset_caption ? m->preset_caption : "",
              grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0), true);
}

/* The caption with its ellipsis when cut, and the dim note on the last row. */
static void draw_caption(const screen_model *m, grid_rect r, grid *g)
{
    const bool note = m->caption_note && m->caption_note[0];
    const grid_rect text = {r.x, r.y, r.w, r.h - (note ? 1 : 0)};
    if (m->caption && text.h > 0)
        text_draw(g, text, m->caption, grid_style_make(PALETTE_LABEL, GRID_COLOR_DEFAULT, 0), true);
    if (note) {
        const grid_style dim = grid_style_make(PALETTE_AXIS, GRID_COLOR_DEFAULT, GRID_ATTR_DIM);
        grid_puts(g, r.x, r.y + r.h - 1, m->caption_note, r.w, dim);
    }
}

rs_status screen_draw(const screen_model *m, grid *g)
{
    grid_clear(g);
    if (g->w < SCREEN_MIN_W || g->h < SCREEN_MIN_H) {
        char text[256];
        snprintf(text, sizeof text,
                 "reluscope needs a terminal of at least %dx%d;\nthis one is %dx%d.\n"
                 "Enlarge the window (or press q to quit).",
                 SCREEN_MIN_W, SCREEN_MIN_H, g->w, g->h);
        widgets_message_draw("terminal too small", text, (grid_rect){0, 0, g->w, g->h}, g);
        return RS_OK;
    }
    grid_rect panel, box, plot, caption;
    layout(m, g->w, g->h, &panel, &box, &plot, &caption);
    draw_tabs(m, g);
    draw_panel(m, panel, g);
    widgets_box_draw(m->title, !m->panel_focused, box, g);
    rs_status st = RS_OK;
    if (m->plot)
        st = m->plot(m->plot_ctx, plot, g);
    if (caption.h > 0) {
        grid_fill(g, (grid_rect){caption.x, caption.y - 1, caption.w, 1}, 0x2500,
                  grid_style_make(PALETTE_AXIS, GRID_COLOR_DEFAULT, 0));
        draw_caption(m, caption, g);
    }
    draw_message_line(m, g->h - 2, g);
    draw_status(m, g->h - 1, g);
    if (m->overlay == SCREEN_OVERLAY_HELP)
        widgets_message_draw("keys", m->help_text ? m->help_text : "",
                             (grid_rect){0, 1, g->w, g->h - 2}, g);
    else if (m->overlay == SCREEN_OVERLAY_PRESETS)
        draw_presets(m, g);
    return st;
}

static bool inside(grid_rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

/* A row of a list of n items drawn by widgets_kv_draw in r: the item, or -1. */
static long list_hit(size_t n, size_t selected, grid_rect r, int x, int y)
{
    if (!inside(r, x, y))
        return -1;
    const size_t i = widgets_kv_first(n, selected, r.h) + (size_t)(y - r.y);
    return i < n ? (long)i : -1;
}

screen_hit screen_hit_test(const screen_model *m, int w, int h, int x, int y)
{
    screen_hit hit = {SCREEN_HIT_NONE, 0, {0, 0, 0, 0}};
    if (w < SCREEN_MIN_W || h < SCREEN_MIN_H)
        return hit;
    if (m->overlay != SCREEN_OVERLAY_NONE) {
        hit.kind = SCREEN_HIT_OVERLAY;
        if (m->overlay == SCREEN_OVERLAY_PRESETS) {
            const grid_rect r = menu_rect(w, h);
            const grid_rect list = {r.x + 1, r.y + 1, r.w - 2, r.h - 2 - MENU_CAPTION_ROWS - 1};
            const long i = list_hit(m->n_presets, m->preset_selected, list, x, y);
            if (i >= 0)
                hit = (screen_hit){SCREEN_HIT_PRESET, (size_t)i, list};
        }
        return hit;
    }
    grid_rect panel, box, plot, caption;
    layout(m, w, h, &panel, &box, &plot, &caption);
    if (y == 0) {
        const int bw = grid_text_width(brand_text) + 2;
        const grid_rect bar = {bw, 0, w - bw, 1};
        const int t = widgets_tabs_hit(m->tabs, m->n_tabs, m->active_tab, bar, x);
        if (t >= 0)
            hit = (screen_hit){SCREEN_HIT_TAB, (size_t)t, bar};
        return hit;
    }
    if (panel.w >= 3 && inside(panel, x, y)) {
        const grid_rect list = knob_list_rect(m, panel);
        const long i = list_hit(m->n_items, m->selected, list, x, y);
        if (i >= 0)
            hit = (screen_hit){SCREEN_HIT_KNOB, (size_t)i, list};
        return hit;
    }
    if (inside(plot, x, y))
        hit = (screen_hit){SCREEN_HIT_PLOT, 0, plot};
    return hit;
}
