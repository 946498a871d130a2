#!/bin/bash
# tui.sh — end-to-end test of the real TUI inside tmux (SPEC 7, issue 3): change n with
# the keys, switch through every view, shrink to 60x20 (message) and back, open help,
# quit; then Ctrl-C, Ctrl-\, SIGTERM, SIGHUP and SIGQUIT (exit 128 + signal, terminal and
# cursor restored); stdin not a terminal (exit 2); then start and quit under several TERM
# values. Each step checks capture-pane. Usage: tui.sh PATH_TO_RELUSCOPE
set -u
BIN=${1:?usage: tui.sh RELUSCOPE}
WORK=$(mktemp -d)
e2e_cleanup() { rm -rf "$WORK"; }
. "$(dirname "$0")/harness.sh" e2e
# A small sweep so that each computation takes well under a second.
ARGS="--set n=20000 --set sweep=n --set sweep_values=5000,10000,20000 --set runs=3 --set threads=2"


start() { # start TERM_VALUE COLS ROWS
    $T kill-session -t e2e 2>/dev/null
    $T new-session -d -s e2e -x "$2" -y "$3" \
        "env TERM=$1 LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN $ARGS; echo \"EXITED \$?\"; sleep 30"
}

# --- the main walk-through at 120x40 ---------------------------------------------
start xterm-256color 120 40
expect "done relu" "first computation"
expect "parameters" "parameter panel"
expect "1 curves" "tabs"
# 256 colours under xterm-256color: the pane holds xterm-256 colour escapes
$T capture-pane -e -p -t e2e | grep -qE '\[[0-9;]*38;5;[0-9]+' || fail "no 256-colour cells under xterm-256color"
keys Down                      # select n (the second knob)
keys Right                     # 20000 -> 50000 (1-2-5 steps)
expect "50000" "n stepped up with →"
expect "done relu" "recomputed after the change"
keys Left Left                 # 50000 -> 20000 -> 10000
expect "10000 " "n stepped down with ←"
keys Enter C-u                 # type a value
for _ in 1 2 3 4 5 6; do keys BSpace; done
keys "30000" Enter
expect "30000" "n typed with Enter"
for view in angles landscape data curves; do
    keys Tab
    expect "relu · $view" "Tab to the $view view"
done
keys 2
expect "relu · angles" "key 2 selects angles"
expect "θ* (rad)" "angles view drawn"
keys 5
expect "P(0)=" "data view shows the zero mass"
keys 3
expect "ProjSGD iterates" "landscape view shows the SGD path"
keys 1
$T resize-window -t e2e -x 60 -y 20
expect "terminal too small" "message below 80x24"
expect "60x20" "message names the size"
$T resize-window -t e2e -x 120 -y 40
expect "parameters" "layout back after growing"
expect_not "terminal too small" "message gone after growing"
keys "?"
expect "this help" "help overlay"
keys Escape
expect_not "this help" "help closed"
keys "?"                       # issue 13, point 16: q closes the help, it does not quit
expect "this help" "help overlay again"
expect "sigma_not_pd    Σ̂ not positive definite" "help gives the generator's flags a meaning"
keys q
expect_not "this help" "q closes the help"
expect "parameters" "q inside help keeps the program running"
# issue 13, point 18: Ctrl-U clears, Home/End and Ctrl-A/Ctrl-E move. (tmux sends Home as
# \e[1~, which xterm's terminfo names kfnd, not khome: the TUI takes both.)
keys Enter C-u "4" Home "2" End "0"
expect "n = 240" "typing field: Ctrl-U, Home, End"
keys C-u "5" C-a "1" C-e "0"
expect "n = 150" "typing field: Ctrl-A, Ctrl-E"
keys C-w "40000" Enter
expect "40000 " "Ctrl-W deletes the word typed"
expect "done relu" "recomputed after typing"
BEFORE=$(capture | sed '$d' | sed '$d') # issue 13, point 3: y switches the y axis live
keys y y
expect "y axis: linear" "y cycles the y axis to linear"
AFTER=$(capture | sed '$d' | sed '$d')
[ "$BEFORE" != "$AFTER" ] || fail "y: the plot did not change"
keys y
expect "y axis: the metric's rule" "y cycles back to the metric's rule"
keys q
expect "EXITED 0" "q quits with status 0"
expect_not "parameters" "terminal restored after q (alternate screen left)"

# --- the lecture flow: preset menu, [ ] stepping, caption toggle, save --------------
$T kill-session -t e2e 2>/dev/null
$T new-session -d -s e2e -x 120 -y 40 \
    "env HOME=$WORK TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --preset relu-data; echo \"EXITED \$?\"; sleep 30"
expect "preset relu-data" "started on a preset"
keys p
expect "presets: ↑↓ choose" "preset menu opens"
expect "fig1-samples" "menu lists presets"
keys Escape
expect_not "presets: ↑↓ choose" "menu closes"
keys ]
expect "preset relu-estimators" "] steps to the next preset"
keys [
expect "preset relu-data" "[ steps back"
expect "22% of the samples" "caption shown under the plot"
keys c                         # issue 13, point 6: short -> full -> hidden -> short
expect "caption: full" "c shows the whole caption"
expect "22% of the samples" "the full caption"
keys c
expect "caption: hidden" "c then hides it"
expect_not "22% of the samples" "c hides the caption"
keys c
expect "22% of the samples" "c shows it short again"
keys Down Right                # change n: the knob is marked as changed
expect "▸● n" "changed knob marked"
keys P
expect "save preset as:" "P asks for a name"
keys C-u
for _ in $(seq 1 30); do keys BSpace; done
keys "mine-e2e" Enter
expect "saved $WORK/.config/reluscope/presets/mine-e2e.ini" "P saves the preset"
[ -f "$WORK/.config/reluscope/presets/mine-e2e.ini" ] || fail "saved preset file missing"
keys P
for _ in $(seq 1 30); do keys BSpace; done
keys "mine-e2e" Enter
expect "overwrite? (y/n)" "P asks before overwriting"
keys n Enter
expect "not saved" "overwrite refused"
keys q q                       # a computation may still run: q asks once
expect "EXITED 0" "quit after the preset flow"

# --- issue 13: g shows the new generator's own caption; q while computing asks once -
start xterm-256color 120 40
expect "done relu" "start for g"
expect "Wz + b" "the default preset's relu caption"
keys g
expect "ReLU matrix model Y" "g: the matrix generator's own description"
expect "preset default is for relu" "g: the note says the preset is another generator's"
expect_not "Wz + b" "g: no word of the relu caption"
# A computation that runs for seconds whatever the machine's speed: matrix at n = 1e5, 2e5
# (the defaults end in 0.2 s, before the keys below could reach them).
ARGS_SAVED=$ARGS
ARGS="$ARGS --set generator=matrix --set sweep_values=100000,200000"
start xterm-256color 120 40
ARGS=$ARGS_SAVED
expect "computing matrix" "matrix at n = 1e5 computes for a while"
keys Space                     # issue 13, point 17: no ETA while paused
expect "paused matrix" "space pauses"
expect "ETA --" "no ETA while paused"
keys Space
expect "resumed" "space resumes"
keys q
expect "q again quits" "q while computing asks first"
expect "parameters" "still running after one q"
keys q
expect "EXITED 0" "the second q quits"
"$BIN" --preset "$WORK/.config/reluscope/presets/mine-e2e.ini" --batch >/dev/null 2>&1 ||
    fail "the saved preset does not load back"

# --- issue 13, point 5: a preset opens on the panels its caption names; m cycles on --
$T kill-session -t e2e 2>/dev/null
$T new-session -d -s e2e -x 120 -y 40 \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --preset fig1-dimension --set n=20000 --set runs=1 --set sweep_values=5,9; echo \"EXITED \$?\"; sleep 30"
expect "done relu" "fig1-dimension computes"
expect "√(KL/2) ≥ TV" "fig1-dimension opens on the sqrt_kl panel its caption names"
expect "‖Σ̂ − WWᵀ‖_F" "and on err_sigma"
expect_not "‖b̂ − b‖₂" "err_b is a key m away"
keys m
expect "‖b̂ − b‖₂" "m brings err_b"
keys q q
expect "EXITED 0" "quit after the panels step"

# --- signals restore the terminal and exit 128 + the signal (issue 16) ------------
# cursor_visible: tmux's cursor flag of the pane (1 = shown), after the program left.
cursor_visible() { [ "$($T display-message -p -t e2e '#{cursor_flag}')" = 1 ]; }
signal_exit() { # signal_exit HOW STATUS: HOW is a key (C-c, C-\) or a signal name for kill
    start xterm-256color 100 30
    expect "parameters" "start for $1"
    case $1 in
    C-*) keys "$1" ;;
    *)
        PID=$(pgrep -n -f "$BIN $ARGS" || true)
        [ -n "$PID" ] && kill -"$1" "$PID"
        ;;
    esac
    expect "EXITED $2" "$1 exits with status $2"
    expect_not "parameters" "terminal restored after $1 (alternate screen left)"
    cursor_visible || fail "cursor still hidden after $1"
}
signal_exit C-c 130
signal_exit 'C-\' 131
signal_exit TERM 143
signal_exit HUP 129
signal_exit QUIT 131

# --- no terminal on stdin: refused with one line, status 2 -------------------------
$T kill-session -t e2e 2>/dev/null
$T new-session -d -s e2e -x 100 -y 30 \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN $ARGS </dev/null; echo \"EXITED \$?\"; sleep 30"
expect "stdin is not a terminal" "TUI refused without a terminal on stdin"
expect "EXITED 2" "exit status 2 without a terminal on stdin"

# --- other terminals ---------------------------------------------------------------
for term in xterm screen-256color linux; do
    start $term 100 30
    expect "done relu" "TERM=$term runs"
    keys Tab
    dot="·"
    [ $term = linux ] && dot="." # the console gets the ASCII tables (issue 13, point 20)
    expect "relu $dot angles" "TERM=$term takes keys"
    if [ $term = linux ]; then # 8 colours: no 256-colour escapes
        $T capture-pane -e -p -t e2e | grep -qE '38;5;(1[6-9]|[2-9][0-9]|1[0-9][0-9]|2[0-5][0-9])m' &&
            fail "TERM=linux got 256-colour cells"
        keys 1 # issue 13, point 20: the console has no braille font
        expect "n (samples)" "TERM=linux curves drawn"
        capture | LC_ALL=C grep -q $'\xe2[\xa0-\xa3]' && fail "TERM=linux got braille cells"
    fi
    keys q
    expect "EXITED 0" "TERM=$term quits"
done

# issue 13, point 20: a locale that cannot encode braille (LC_ALL=C) gets ASCII too
$T kill-session -t e2e 2>/dev/null
$T new-session -d -s e2e -x 100 -y 30 \
    "env TERM=xterm-256color LANG=C LC_ALL=C $BIN $ARGS; echo \"EXITED \$?\"; sleep 30"
expect "done relu" "LC_ALL=C runs"
expect "n (samples)" "LC_ALL=C curves drawn"
# without the ASCII tables curses would drop every non-ASCII cell: no frame, no marker
expect "|>  generator" "LC_ALL=C draws ASCII frames and marks"
capture | LC_ALL=C grep -q $'\xe2[\xa0-\xa3]' && fail "LC_ALL=C got braille cells"
keys q
expect "EXITED 0" "LC_ALL=C quits"

if [ $FAILS -gt 0 ]; then
    echo "$FAILS check(s) failed"
    exit 1
fi
echo "all TUI end-to-end checks passed"
