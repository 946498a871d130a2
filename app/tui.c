/* tui.c — the curses main loop (see tui.h).
 *
 * Only this file and ui/sink_curses.c touch curses. Terminal hygiene: SIGINT and
 * SIGTERM set a flag the loop polls every tick (the handler does nothing else), so the
 * normal exit path runs endwin; fatal signals (SIGSEGV, SIGBUS, SIGFPE, SIGABRT) write
 * the reset sequences directly and re-raise, so even a crash leaves a usable terminal.
 * Resizes arrive as KEY_RESIZE from ncurses' own SIGWINCH handling. [htop CRT.c] */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui.h"

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grid.h"
#include "screen.h"
#include "screenshot.h"
#include "session.h"
#include "sink_curses.h"
#include "worker.h"
#include "machine.h"

enum { TICK_BUSY_MS = 40, TICK_IDLE_MS = 250 };

static volatile sig_atomic_t quit_signal;
static volatile sig_atomic_t curses_active;

static void on_quit_signal(int sig) { quit_signal = sig; }

static void on_fatal_signal(int sig)
{
    if (curses_active) {
        /* leave the alternate screen, show the cursor, reset attributes, cooked mode is
         * restored by the shell; write() is async-signal-safe, endwin() is not */
        static const char reset[] = "\033[0m\033[?25h\033[?1049l\r\n";
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
        case KEY_UP: return SKEY_UP;
        case KEY_DOWN: return SKEY_DOWN;
        case KEY_LEFT: return SKEY_LEFT;
        case KEY_RIGHT: return SKEY_RIGHT;
        case KEY_ENTER: return SKEY_ENTER;
        case KEY_BACKSPACE: return SKEY_BACKSPACE;
        case KEY_BTAB: return SKEY_BTAB;
        case KEY_F(1): return SKEY_F1;
        case KEY_HOME: return SKEY_HOME;
        case KEY_END: return SKEY_END;
        case KEY_PPAGE: return SKEY_PGUP;
        case KEY_NPAGE: return SKEY_PGDN;
        default: return 0;
        }
    }
    switch (ch) {
    case '\n':
    case '\r': return SKEY_ENTER;
    case 27: return SKEY_ESC;
    case '\t': return SKEY_TAB;
    case 127:
    case 8: return SKEY_BACKSPACE;
    default: return (int)ch;
    }
}

static grid_caps terminal_caps(const cli *c)
{
    const char *cs = nl_langinfo(CODESET);
    const bool utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    grid_caps caps = sink_curses_caps(c->ascii || !utf8);
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

int tui_run(const cli *c, rs_error *err)
{
    session *s = malloc(sizeof *s);
    worker *w = worker_alloc();
    if (!s || !w) {
        free(s);
        worker_free(w);
        rs_error_set(err, RS_ENOMEM, "tui: out of memory");
        return 1;
    }
    session_init(s, &c->params, c->have_preset ? &c->preset : NULL,
                 c->have_preset ? c->preset.name : NULL);
    install_signals();
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        rs_error_set(err, RS_EIO, "cannot set up the terminal (TERM=%s)",
                     getenv("TERM") ? getenv("TERM") : "unset");
        worker_free(w);
        free(s);
        return 1;
    }
    curses_active = 1;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    if (has_colors()) { /* COLORS is known only after start_color */
        start_color();
        use_default_colors();
    }
    const grid_caps caps = terminal_caps(c);
    sink_curses *sink = sink_curses_alloc(caps);
    grid *g = grid_alloc(COLS, LINES);
    rs_status st = sink && g ? RS_OK : RS_ENOMEM;
    if (st == RS_OK) {
        grid_set_caps(g, caps);
        st = worker_submit(w, &s->p, machine_threads(&s->p), err);
    }
    bool dirty = true;
    unsigned long drawn_generation = 0;
    while (st == RS_OK && !quit_signal) {
        worker_reap(w);
        worker_status ws;
        worker_status_get(w, &ws);
        const bool busy = ws.state == WORKER_RUNNING;
        screen_model m;
        view_input in;
        worker_view(w, &in);
        session_model(s, &ws, &in, &m);
        if (dirty || busy || ws.generation != drawn_generation) {
            screen_draw(&m, g);
            sink_curses_draw(sink, g, NULL);
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
            if (grid_resize(g, COLS, LINES) != 0)
                st = RS_ENOMEM;
            grid_set_caps(g, caps);
            sink_curses_invalidate(sink);
            clear();
            continue;
        }
        if (g->w < SCREEN_MIN_W || g->h < SCREEN_MIN_H) {
            if (ch == 'q' && rc != KEY_CODE_YES)
                break; /* the only key the "too small" screen takes */
            continue;
        }
        const unsigned act = session_key(s, map_key(rc, ch));
        if (act & SESSION_QUIT)
            break;
        if (act & SESSION_PAUSE)
            worker_pause(w, s->paused);
        if (act & SESSION_RECOMPUTE) {
            rs_error e;
            if (worker_submit(w, &s->p, machine_threads(&s->p), &e) != RS_OK)
                session_message(s, true, "%s", e.msg);
        }
        if (act & SESSION_SCREENSHOT) {
            worker_status_get(w, &ws);
            worker_view(w, &in);
            session_model(s, &ws, &in, &m);
            write_screenshot(s, &m, g->w, g->h);
        }
    }
    worker_pause(w, false);
    endwin();
    curses_active = 0;
    delscreen(screen);
    sink_curses_free(sink);
    grid_free(g);
    worker_free(w);
    free(s);
    if (st != RS_OK) {
        rs_error_set(err, st, "tui: out of memory");
        return 1;
    }
    return 0;
}
