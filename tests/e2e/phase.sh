#!/bin/bash
# phase.sh — end-to-end test of a phase map (issue 17) in the real TUI inside tmux: a 2-D
# sweep over (r, lambda) streams in and completes, the phase tab shows it, H J K L move the
# cursor and its numbers, t draws a typed threshold contour, m changes the metric, the
# curves view shows the cursor's row, typing new sweep2 values recomputes the map, q quits.
# Then the same map in 2 shards through --load: the TUI opens on the loaded phase map,
# the cursor and a typed contour work, a key that would recompute a cell is refused.
# Usage: phase.sh PATH_TO_RELUSCOPE
set -u
BIN=${1:?usage: phase.sh RELUSCOPE}
W=$(mktemp -d)
e2e_cleanup() { rm -rf "$W"; }
. "$(dirname "$0")/harness.sh" phase
MAP="--set n=5000 --set runs=2 --set estimator=sgd --set threads=2 --set sweep=r \
--set sweep_values=2,3,5 --set sweep2=lambda --set sweep2_values=0.05,0.5"
ARGS="$MAP --set view=phase"
$T new-session -d -s e2e -x 120 -y 40 \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN $ARGS; echo \"EXITED \$?\"; sleep 30"
expect "done relu · sweep r × lambda: 3 × 2 values × 2 runs" "the 2-D sweep completes"
expect "6 phase" "the phase tab"
expect "mean err_sigma (sgd) over r × lambda · 2 runs per cell" "the map's title"
expect "x → r, values as listed (columns) · y ↑ lambda, values as listed (rows)" "both axes named"
expect "6 of 6 cells with a finished run" "every cell finished"
expect "cursor r = 2, lambda = 0.05: err_sigma = " "the cursor starts at the first cell"
keys L K
expect "cursor r = 3, lambda = 0.5: err_sigma = " "L and K move the cursor right and up"
keys t
expect "threshold (metric = value, empty clears):" "t opens the threshold line"
keys C-u "err_sigma = 0.2" Enter
expect "contour at err_sigma = 0.2" "the typed contour is set"
expect "● contour        0.2" "the contour key shows the typed value"
# drawn as dots when some pair of cells lies on both sides, else said in words
wait_for "err_sigma = 0.2 (contour)" 3 || expect "contour err_sigma = 0.2 crosses no cell pair" \
    "the contour is drawn or said absent"
keys m
expect "mean err_b (sgd) over r × lambda" "m shows the next metric (one method)"
expect "contour of err_sigma hidden (m)" "the contour belongs to err_sigma"
keys 1
expect "relu · curves" "1 shows the curves view"
expect "r = 3 (knob)" "the curves are over r"
keys 6
expect "relu · phase" "6 comes back to the phase map"
# sweep2_values is the 16th knob of relu: type new values
for _ in $(seq 1 15); do keys Down; done
keys Enter C-u "0.5,5" Enter
expect "cursor r = 3, lambda = 5: err_b = " "recomputed: the cursor keeps its cell, now lambda = 5"
expect "6 of 6 cells with a finished run" "the new map completes"
keys q
wait_for "q again quits" 2 && keys q # a computation still running asks once
expect "EXITED 0" "q quits with status 0"

# shellcheck disable=SC2086
for i in 1 2; do "$BIN" --batch $MAP --shard $i/2 > "$W/s$i.csv" || fail "--batch --shard $i/2"; done
$T kill-session -t e2e
$T new-session -d -s e2e -x 120 -y 40 \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --load $W/s2.csv $W/s1.csv; echo \"EXITED \$?\"; sleep 30"
expect "loaded relu · phase map r × lambda: 3 × 2 values × 2 runs · 2 shards from 2 files" \
    "--load opens on the loaded map"
expect "mean err_sigma (sgd) over r × lambda · 2 runs per cell" "--load opens on the phase view"
expect "6 of 6 cells with a finished run" "every loaded cell is there"
keys L K
expect "cursor r = 3, lambda = 0.5: err_sigma = " "L and K move the cursor on the loaded map"
keys t C-u "err_sigma = 0.2" Enter
expect "contour at err_sigma = 0.2" "t sets a contour on the loaded map"
wait_for "err_sigma = 0.2 (contour)" 3 || expect "contour err_sigma = 0.2 crosses no cell pair" \
    "the loaded map draws the contour or says it is absent"
keys r
expect "keys that recompute are disabled" "r (new data) is refused on a loaded map"
keys q
expect "EXITED 0" "q quits the loaded map with status 0"

if [ $FAILS -gt 0 ]; then
    echo "$FAILS check(s) failed"
    exit 1
fi
echo "all phase end-to-end checks passed"
