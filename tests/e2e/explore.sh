#!/bin/bash
# explore.sh — end-to-end test of issue 17's exploration keys and mouse in the real TUI
# inside tmux: b freezes A, a knob change makes B (both drawn, the legend names the key
# that differs), b swaps, B clears; F hides and shows the knobs, z/Z zoom and reset the y
# range, x cycles the x axis; then mouse events written into the pane as the terminal
# would send them (SGR 1006 under TERM=xterm-256color, X10 under TERM=screen) select a
# knob, step it with the wheel, switch views with the tabs, read a curve's numbers and
# load a preset from the menu. Usage: explore.sh PATH_TO_RELUSCOPE
set -u
BIN=${1:?usage: explore.sh RELUSCOPE}
. "$(dirname "$0")/harness.sh" explore
ARGS="--set n=20000 --set sweep=n --set sweep_values=5000,10000,20000 --set runs=3 --set threads=2"

# sgr BUTTON COL ROW: a press at 0-based (COL, ROW) in xterm's SGR 1006 encoding.
# A button press is followed by its release (m), as terminals send them; wheel "buttons"
# (64, 65) have none.
sgr() {
    local seq
    seq=$(printf '\033[<%d;%d;%dM' "$1" $(($2 + 1)) $(($3 + 1)))
    [ "$1" -lt 64 ] && seq+=$(printf '\033[<%d;%d;%dm' "$1" $(($2 + 1)) $(($3 + 1)))
    $T send-keys -t e2e -l "$seq"
}
# x10 BUTTON COL ROW: the same in the X10 encoding (bytes 32 + button, 33 + col, 33 + row).
x10_one() {
    $T send-keys -t e2e -l "$(printf '\033[M%b%b%b' "\\$(printf %03o $((32 + $1)))" \
        "\\$(printf %03o $((33 + $2)))" "\\$(printf %03o $((33 + $3)))")"
}
x10() { # X10 reports a release as button 3
    x10_one "$@"
    [ "$1" -lt 64 ] && x10_one 3 "$2" "$3"
}
start() { # start TERM_VALUE [ARGS...]
    local term=$1
    shift
    $T kill-session -t e2e 2>/dev/null
    $T new-session -d -s e2e -x 120 -y 40 \
        "env TERM=$term LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN $ARGS $*; echo \"EXITED \$?\"; sleep 30"
    expect "done relu" "first computation ($term)"
}

# --- A/B: b, a knob change, b again, B ------------------------------------------------
start xterm-256color
keys b
expect "A frozen" "b freezes A"
keys Down Down Down Down       # kappa, the fifth knob
keys Right                     # kappa 1 -> 2 (1-2-5 steps): this is B
expect "A: kappa = 1   B: kappa = 2" "legend names the key that differs"
expect "A censored" "A's series in the legend"
expect "B censored" "B's series in the legend"
expect "done relu" "B computed"
keys b
expect "A: kappa = 2   B: kappa = 1" "b again swaps A and B"
expect_re "kappa +1 " "the knobs show B's (former A's) value after the swap"
keys B
expect "A cleared" "B clears A"
expect_not "A censored" "A gone from the legend"

# --- the axes and the full-screen plot ---------------------------------------------
keys F
expect "full-screen plot" "F message"
expect_not "parameters" "F hides the parameter panel"
keys F
expect "parameters" "F again shows it"
BEFORE=$(capture | sed '$d' | sed '$d')
keys z
expect "y range: fitted to the means" "z zooms"
AFTER=$(capture | sed '$d' | sed '$d')
[ "$BEFORE" != "$AFTER" ] || fail "z: the plot did not change"
keys Z
expect "y range: automatic" "Z resets"
keys x
expect "x axis: log" "x cycles to log"
keys x
expect "x axis: linear" "x cycles to linear"
expect_re "6000 +8000 +10000 +12000" "linear x ticks (log ones are 5e3 1e4 2e4)"
keys x

# --- the mouse, SGR 1006 -----------------------------------------------------------
# The panel's list starts at row 2, column 1: knob i is on row 2 + i.
sgr 0 5 4                       # click: d, the third knob
expect_re "▸ +d +5" "a click selects the knob d"
sgr 64 5 4                      # wheel up on d: 5 -> 6
expect_re "d +6 " "the wheel steps d up"
expect "done relu" "recomputed after the wheel"
sgr 65 5 4                      # wheel down: back to 5
expect_re "d +5 " "the wheel steps d down"
sgr 0 25 0                      # the tab " 2 angles " (after "reluscope" and " 1 curves ")
expect "relu · angles" "a click on a tab switches the view"
sgr 0 14 0
expect "relu · curves" "a click on the curves tab"
expect "done relu" "curves computed"
sgr 0 100 12                    # a point of the first panel: its numbers
expect_re "n = [0-9]+, err_sigma: +censored [0-9.e-]+ ± " "a click on a curve reads its numbers"
keys p
expect "presets: ↑↓ choose" "menu open"
# The menu box starts at row 2 (40 - 36) / 2; its list at row 3: the second preset.
SECOND=$($BIN --list-presets | sed -n 2p | awk '{print $1}')
sgr 0 30 4
expect "preset $SECOND: " "a click on the second preset loads it"
expect_not "presets: ↑↓ choose" "and closes the menu"
keys q q
expect "EXITED 0" "quit"

# --- the mouse, X10 (tmux and screen terminfo entries) ------------------------------
start screen
x10 0 5 4
expect_re "▸ +d +5" "X10: a click selects d"
x10 64 5 4
expect_re "d +6 " "X10: the wheel steps d up"
x10 0 25 0
expect "relu · angles" "X10: a click on a tab"
keys q q
expect "EXITED 0" "quit"

# --- --b starts the TUI on an A/B pair -----------------------------------------------
start xterm-256color --b kappa=5
expect "A: kappa = 1   B: kappa = 5" "--b starts with A and B"
keys q q
expect "EXITED 0" "quit"

[ $FAILS -eq 0 ] && echo "explore.sh: all passed" || echo "explore.sh: $FAILS failed"
[ $FAILS -eq 0 ]
