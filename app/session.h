/* session.h — the TUI's state and its key map (SPEC 7), without curses.
 *
 * The session holds the parameters being explored, the preset they came from (for the
 * caption and the changed-knob markers), the selected knob, view and view options, the
 * overlays and the line being typed. session_key applies one key and says what the
 * caller must do (recompute, write a screenshot, quit); session_model fills the
 * screen model from the session and the worker's state. Keeping curses out of here
 * lets the screenshot mode and the tests drive exactly the TUI's logic. */
#ifndef SESSION_H
#define SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "param.h"
#include "preset.h"
#include "screen.h"
#include "view.h"
#include "widgets.h"
#include "worker.h"

/* Keys beyond Unicode, produced by the terminal layer from curses key codes. */
enum {
    SKEY_UP = 0x110000,
    SKEY_DOWN,
    SKEY_LEFT,
    SKEY_RIGHT,
    SKEY_ENTER,
    SKEY_ESC,
    SKEY_BACKSPACE,
    SKEY_TAB,
    SKEY_BTAB,
    SKEY_F1,
    SKEY_HOME,
    SKEY_END,
    SKEY_PGUP,
    SKEY_PGDN
};

/* What session_key asks of the caller (bit set). */
enum {
    SESSION_RECOMPUTE = 1u << 0, /* parameters changed: submit them */
    SESSION_QUIT = 1u << 1,
    SESSION_SCREENSHOT = 1u << 2, /* write a screenshot of the current screen */
    SESSION_PAUSE = 1u << 3,      /* pause state changed: see session.paused */
    /* A/B (issue 17, point 2): keep the current computation as A (b), exchange A and the
     * current one (b again; p is already A's), drop A (B) */
    SESSION_AB_FREEZE = 1u << 4,
    SESSION_AB_SWAP = 1u << 5,
    SESSION_AB_CLEAR = 1u << 6,
};

enum { SESSION_MAX_KNOBS = 64, SESSION_MAX_PRESETS = 256, SESSION_INPUT_MAX = 200 };

typedef enum {
    INPUT_NONE,
    INPUT_VALUE,
    INPUT_SAVE_NAME,
    INPUT_CONFIRM_OVERWRITE,
    INPUT_THRESHOLD /* the phase map's contour, "err_b = 0.05" (issue 17) */
} session_input;

typedef enum { CAPTION_SHORT, CAPTION_FULL, CAPTION_HIDDEN, CAPTION_MODES } session_caption;

typedef struct {
    rs_params p;        /* what is being explored */
    rs_params preset_p; /* the preset's values, for the changed markers */
    bool have_preset;
    preset pr; /* title and caption of the active preset */
    char preset_name[256];
    int knobs[SESSION_MAX_KNOBS]; /* param_table indexes shown in the panel */
    size_t n_knobs, selected;
    int view;
    view_opts opts;
    session_caption caption_mode; /* c cycles short -> full -> hidden */
    bool full;                    /* F: the plot takes the panel's columns too */
    bool ab;                      /* an A is frozen: ab_p holds its parameters */
    rs_params ab_p;
    bool paused;
    bool busy;       /* a computation runs (the caller sets it): q asks before quitting */
    bool quit_armed; /* q was pressed once while busy */
    screen_overlay overlay;
    /* preset menu and [ ] stepping */
    char names[SESSION_MAX_PRESETS][256];
    char titles[SESSION_MAX_PRESETS][160];
    char captions[SESSION_MAX_PRESETS][PRESET_TEXT];
    char times[SESSION_MAX_PRESETS][16]; /* expected run time, e.g. "1.2 s"; "" = none */
    size_t n_presets, menu_selected;
    /* typing */
    session_input input;
    char input_buf[PRESET_TEXT];
    size_t input_pos; /* the cursor: a byte offset into input_buf */
    char save_path[PRESET_PATH];
    /* the message line */
    char message[512];
    bool message_error;
    /* text the screen model points into */
    widgets_kv_item items[SESSION_MAX_KNOBS];
    char values[SESSION_MAX_KNOBS][96];
    char title[512], status_left[256], status_right[160], prompt[96], caption_note[256];
    char help[4096];                               /* the help text with the generator's flags */
    char tab_labels[VIEW_ALL_COUNT][VIEW_TAB_LEN]; /* the screen's tabs, by session_model */
    const char *tabs[VIEW_ALL_COUNT];
    view_plot plot; /* what the screen's plot area draws */
    const char *menu_names[SESSION_MAX_PRESETS], *menu_titles[SESSION_MAX_PRESETS];
    const char *menu_times[SESSION_MAX_PRESETS];
} session;

/* Start from parameters p (already checked) and, when pr != NULL, the preset they came
 * from. Lists the presets found for the menu. */
void session_init(session *s, const rs_params *p, const preset *pr, const char *preset_name);

/* Apply one key (a Unicode code point or SKEY_*); returns SESSION_* bits. */
unsigned session_key(session *s, int key);

/* Load preset `name` (as the menu and [ ] do): RS_OK, or the error in s->message. */
rs_status session_load_preset(session *s, const char *name);

/* Fill m from the session, the worker's status and its current computation. */
void session_model(session *s, const worker_status *ws, const view_input *in, screen_model *m);

/* Set the message line (printf-style). */
void session_message(session *s, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Mouse buttons as the terminal layer reports them (issue 17, point 3). */
typedef enum {
    SESSION_MOUSE_CLICK,
    SESSION_MOUSE_WHEEL_UP,
    SESSION_MOUSE_WHEEL_DOWN
} session_button;

/* A mouse event at cell (x, y) of the screen m that was drawn into g (the last frame,
 * whose plots recorded their data areas), showing in: a click on a knob selects it, the
 * wheel on a knob steps it (up = +), a click on a tab shows its view, on a preset of the
 * menu loads it, on a plot reads the numbers under it into the message line (curves:
 * mean ± sd of every series at the nearest sweep value), anywhere on the help closes
 * it. Every action is the one a key does. Returns SESSION_* bits as session_key. */
unsigned session_mouse(session *s, const screen_model *m, const grid *g, const view_input *in,
                       int x, int y, session_button button);

/* The help text of the key map. */
const char *session_help_text(void);

#endif
