/* tui.c — the curses main loop (see tui.h).
 *
 * Only this file and ui/sink_curses.c touch curses. Terminal hygiene: SIGINT, SIGTERM,
 * SIGHUP and SIGQUIT set a flag the loop polls every tick (the handler does nothing
 * else), so the normal exit path runs endwin and main exits with 128 + the signal; fatal signals
 * (SIGSEGV, SIGBUS, SIGFPE, SIGABRT) write the reset sequences directly and re-raise, so even a
 * crash leaves a usable terminal. Resizes arrive as KEY_RESIZE from ncurses' own SIGWINCH handling.
 * [htop CRT.c] */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grid.h"
#include "lecture.h"
#include "machine.h"
#include "screen.h"
#include "screenshot.h"
#include "session.h"
#include "sink_cast.h"
#include "sink_curses.h"
#include "worker.h"

enum { TICK_BUSY_MS = 40, TICK_IDLE_MS = 250 };

static volatile sig_atomic_t quit_signal;
static volatile sig_atomic_t curses_active;

static void on_quit_signal(int sig)
{
    quit_signal = sig;
}

static void on_fatal_signal(int sig)
{
    if (curses_active) {
        /* leave the alternate screen, show the cursor, reset attributes, cooked mode is
         * restored by the shell; write() is async-signal-safe, endwin() is not */
        static const char reset[] = "\033[0m\033[?25h\033[?1000l\033[?1006l\033[?1049l\r\n";
        ssize_t r = write(STDOUT_FILENO, reset, sizeof reset - 1);
        (void)r;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL); /* Ctrl-\ too: its default would leave the screen dirty */
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
}

static int map_key(int rc, wint_t ch)
{
    if (rc == KEY_CODE_YES) {
        switch (ch) {
        case KEY_UP:
            return SKEY_UP;
        case KEY_DOWN:
            return SKEY_DOWN;
        case KEY_LEFT:
            return SKEY_LEFT;
        case KEY_RIGHT:
            return SKEY_RIGHT;
        case KEY_ENTER:
            return SKEY_ENTER;
        case KEY_BACKSPACE:
            return SKEY_BACKSPACE;
        case KEY_BTAB:
            return SKEY_BTAB;
        case KEY_F(1):
            return SKEY_F1;
        case KEY_HOME:
            return SKEY_HOME;
        case KEY_END:
            return SKEY_END;
        case KEY_PPAGE:
            return SKEY_PGUP;
        case KEY_NPAGE:
            return SKEY_PGDN;
        default:
            return 0;
        }
    }
    switch (ch) {
    case '\n':
    case '\r':
        return SKEY_ENTER;
    case 27:
        return SKEY_ESC;
    case '\t':
        return SKEY_TAB;
    case 127:
    case 8:
        return SKEY_BACKSPACE;
    default:
        return (int)ch;
    }
}

/* The Linux console's font has no braille (nor most of the box and block glyphs we
 * use): it gets the ASCII tables, as --ascii does (issue 13, point 20). */
static bool console_without_braille(void)
{
    const char *term = getenv("TERM");
    return term && (strcmp(term, "linux") == 0 || strncmp(term, "linux-", 6) == 0);
}

static grid_caps terminal_caps(const cli *c)
{
    const char *cs = nl_langinfo(CODESET);
    const bool utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    grid_caps caps = sink_curses_caps(c->ascii || !utf8 || console_without_braille());
    if (getenv("NO_COLOR") && getenv("NO_COLOR")[0])
        caps.colors = GRID_COLORS_MONO;
    return caps;
}

/* S: the screen as it is, as .svg (colours) and .txt, in the current directory. */
static void write_screenshot(session *s, const screen_model *m, int w, int h)
{
    char stamp[64], path[96];
    const time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "reluscope-%Y%m%d-%H%M%S", &tm);
    grid *g = grid_alloc(w, h);
    if (!g) {
        session_message(s, true, "screenshot: out of memory");
        return;
    }
    grid_set_caps(g, (grid_caps){GRID_COLORS_256, false});
    screen_draw(m, g);
    rs_error e;
    snprintf(path, sizeof path, "%s.svg", stamp);
    rs_status st = screenshot_write(g, path, &e);
    if (st == RS_OK) {
        snprintf(path, sizeof path, "%s.txt", stamp);
        st = screenshot_write(g, path, &e);
    }
    if (st == RS_OK)
        session_message(s, false, "wrote %s.svg and %s.txt", stamp, stamp);
    else
        session_message(s, true, "%s", e.msg);
    grid_free(g);
}

/* newterm and the modes the TUI runs in; NULL (err set) when the terminal cannot be used. */
static SCREEN *start_curses(rs_error *err)
{
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        rs_error_set(err, RS_EIO, "cannot set up the terminal (TERM=%s)",
                     getenv("TERM") ? getenv("TERM") : "unset");
        return NULL;
    }
    curses_active = 1;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* Home/End as tmux, screen and rxvt send them (\e[1~ \e[4~, \e[7~ \e[8~), which a
     * TERM=xterm terminfo names no key: unknown, their Esc would close the typing field
     * and the rest act as keys (issue 13, point 18). Where a terminfo names \e[1~ and
     * \e[4~ Find and Select (vt220 keypads), they become Home and End here too. */
    define_key("\033[1~", KEY_HOME);
    define_key("\033[4~", KEY_END);
    define_key("\033[7~", KEY_HOME);
    define_key("\033[8~", KEY_END);
    set_escdelay(25);
    curs_set(0);
    /* The mouse (issue 17, point 3): ncurses turns on the terminal's reporting as terminfo
     * says (SGR 1006 for xterm-256color, X10 for screen and tmux entries) and decodes it
     * into KEY_MOUSE. Presses only, without click timing, so that a press acts at once.
     * Not on the Linux console, whose mouse is gpm's: ncurses would dlopen libgpm for it
     * (and that library leaks under LeakSanitizer); the keys do everything there. */
    if (!console_without_braille()) {
        mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
        mouseinterval(0);
    }
    if (has_colors()) { /* COLORS is known only after start_color */
        start_color();
        use_default_colors();
    }
    return screen;
}

/* What the event loop works on. */
typedef struct {
    session *s;
    worker *w;
    sink_curses *sink;
    grid *g;
    grid_caps caps;
    lecture *l;        /* tour or loaded shards (issue 18), or NULL */
    sink_cast *cast;   /* --record, or NULL */
    double t0_s;       /* the recording's start */
    screen_model last; /* the frame on screen, for the mouse's hit tests */
} tui_state;

/* Carry out what a key asked for. Returns 1 to quit. */
static int apply_action(tui_state *t, unsigned act)
{
    if (act & SESSION_QUIT)
        return 1;
    if (act & SESSION_PAUSE)
        worker_pause(t->w, t->s->paused);
    if (act & SESSION_AB_FREEZE)
        worker_ab_freeze(t->w);
    if (act & SESSION_AB_SWAP)
        worker_ab_swap(t->w);
    if (act & SESSION_AB_CLEAR)
        worker_ab_clear(t->w);
    if (act & SESSION_RECOMPUTE) {
        rs_error e;
        if (worker_submit(t->w, &t->s->p, machine_threads(&t->s->p), &e) != RS_OK)
            session_message(t->s, true, "%s", e.msg);
    }
    if (act & SESSION_SCREENSHOT) {
        worker_status ws;
        view_input in;
        screen_model m;
        worker_status_get(t->w, &ws);
        lecture_input(t->l, t->w, &ws, &in);
        session_model(t->s, &ws, &in, &m);
        lecture_decorate(t->l, t->s, &m);
        write_screenshot(t->s, &m, t->g->w, t->g->h);
    }
    return 0;
}

/* A KEY_MOUSE: the event, as session_mouse takes it; 0 for what it does not use. */
static unsigned mouse_event(tui_state *t, const view_input *in)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return 0;
    session_button b;
    if (ev.bstate & BUTTON1_PRESSED)
        b = SESSION_MOUSE_CLICK;
    else if (ev.bstate & BUTTON4_PRESSED)
        b = SESSION_MOUSE_WHEEL_UP;
    else if (ev.bstate & BUTTON5_PRESSED)
        b = SESSION_MOUSE_WHEEL_DOWN;
    else
        return 0;
    return session_mouse(t->s, &t->last, t->g, in, ev.x, ev.y, b);
}

/* Redraw when something changed (or while computing), then wait for one key. Returns
 * RS_OK when the user quits, RS_ENOMEM when a resize cannot be drawn. */
static rs_status event_loop(tui_state *t)
{
    bool dirty = true;
    unsigned long drawn_generation = 0;
    while (!quit_signal) {
        worker_reap(t->w);
        rs_error se = {0}; /* a view whose detail part was left out: compute it now */
        if (!worker_detail_sync(t->w, t->s->view, &se) && se.msg[0])
            session_message(t->s, true, "%s", se.msg);
        worker_status ws;
        view_input in;
        lecture_input(t->l, t->w, &ws, &in);
        if (apply_action(t, lecture_tick(t->l, t->s, &ws)))
            return RS_OK;
        /* A of an A/B pair still filling counts: its curves stream in too */
        const bool busy = ws.state == WORKER_RUNNING || ws.a_running;
        t->s->busy = busy; /* q asks once before it throws a computation away */
        if (dirty || busy || ws.generation != drawn_generation) {
            screen_model m;
            lecture_input(t->l, t->w, &ws, &in);
            session_model(t->s, &ws, &in, &m);
            lecture_decorate(t->l, t->s, &m);
            screen_draw(&m, t->g);
            t->last = m;
            sink_curses_draw(t->sink, t->g, NULL);
            if (t->cast && sink_cast_frame(t->cast, t->g, rs_now_s() - t->t0_s) != RS_OK)
                session_message(t->s, true, "--record: write failed; recording stopped");
            drawn_generation = ws.generation;
            /* one more frame after the computation ends shows its final state */
            dirty = busy;
        }
        timeout(busy ? TICK_BUSY_MS : TICK_IDLE_MS);
        wint_t ch;
        const int rc = wget_wch(stdscr, &ch);
        if (rc == ERR)
            continue;
        dirty = true;
        if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
            if (grid_resize(t->g, COLS, LINES) != 0)
                return RS_ENOMEM;
            grid_set_caps(t->g, t->caps);
            sink_curses_invalidate(t->sink);
            clear();
            continue;
        }
        if (t->g->w < SCREEN_MIN_W || t->g->h < SCREEN_MIN_H) {
            if (ch == 'q' && rc != KEY_CODE_YES)
                return RS_OK; /* the only key the "too small" screen takes */
            continue;
        }
        if (rc == KEY_CODE_YES && ch == KEY_MOUSE) {
            if (apply_action(t, mouse_event(t, &in)))
                return RS_OK;
            continue;
        }
        if (apply_action(t, lecture_key(t->l, t->s, map_key(rc, ch))))
            return RS_OK;
    }
    return RS_OK;
}

/* --record: the asciicast file, opened before the terminal is taken over so that a bad
 * path is reported as bad input (status 2). NULL without --record. */
static FILE *open_record(const cli *c, rs_error *err, int *rc)
{
    if (!c->record)
        return NULL;
    /* O_NOFOLLOW: never write through a link planted at the path (as the screenshot and
     * preset writers); the file is ours or the path is refused. */
    const int fd = open(c->record, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        rs_error_set(err, RS_EIO, "--record %s: cannot create the file (%s)", c->record,
                     strerror(errno));
        if (fd >= 0)
            close(fd);
        *rc = 2;
    }
    return f;
}

int tui_run(const cli *c, rs_error *err)
{
    return tui_run_lecture(c, NULL, err);
}

int tui_run_lecture(const cli *c, lecture *l, rs_error *err)
{
    int rc = 0;
    FILE *rec = open_record(c, err, &rc);
    if (rc)
        return rc;
    tui_state t = {.s = malloc(sizeof *t.s), .w = worker_alloc(), .l = l};
    if (!t.s || !t.w) {
        free(t.s);
        worker_free(t.w);
        if (rec)
            fclose(rec);
        rs_error_set(err, RS_ENOMEM, "tui: out of memory");
        return 1;
    }
    session_init(t.s, &c->params, c->have_preset ? &c->preset : NULL,
                 c->have_preset ? c->preset.name : NULL);
    if (l && l->tour)
        tour_goto(l->tour, t.s, 0);
    install_signals();
    SCREEN *screen = start_curses(err);
    if (!screen) {
        worker_free(t.w);
        free(t.s);
        if (rec)
            fclose(rec);
        return 1;
    }
    t.caps = terminal_caps(c);
    t.sink = sink_curses_alloc(t.caps);
    t.g = grid_alloc(COLS, LINES);
    t.t0_s = rs_now_s();
    t.cast = rec ? sink_cast_alloc(rec, COLS, LINES, (long)time(NULL), getenv("TERM")) : NULL;
    rs_status st = t.sink && t.g && (!rec || t.cast) ? RS_OK : RS_ENOMEM;
    if (st == RS_OK) {
        grid_set_caps(t.g, t.caps);
        if (!l || !l->load)
            st = worker_submit(t.w, &t.s->p, machine_threads(&t.s->p), err);
        if (st == RS_OK && c->n_bs && (!l || !l->load))
            st = screenshot_ab_submit(t.s, t.w, c, err);
    }
    if (st == RS_OK)
        st = event_loop(&t);
    worker_pause(t.w, false);
    endwin();
    curses_active = 0;
    delscreen(screen);
    sink_curses_free(t.sink);
    sink_cast_free(t.cast);
    if (rec && fclose(rec) != 0 && st == RS_OK)
        st = rs_error_set(err, RS_EIO, "--record %s: write failed", c->record);
    grid_free(t.g);
    worker_free(t.w);
    free(t.s);
    if (st != RS_OK) {
        if (st == RS_ENOMEM)
            rs_error_set(err, st, "tui: out of memory");
        return 1;
    }
    return quit_signal ? 128 + quit_signal : 0;
}
