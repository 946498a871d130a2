#!/bin/bash
# lecture.sh — issue 18 in the real TUI inside tmux: a tour stepped forwards and back
# (space, →, ←; the step counter checked each time; `a` toggles auto-advance), recorded
# with --record; the recording's first line is a valid asciicast v2 header, and its frames
# `cat` into a fresh pane of the same size end on the screen the live session showed.
# Usage: lecture.sh PATH_TO_RELUSCOPE PRESETS_DIR
set -u
BIN=${1:?usage: lecture.sh RELUSCOPE PRESETS_DIR}
PRESETS=${2:?usage: lecture.sh RELUSCOPE PRESETS_DIR}
command -v jq >/dev/null || { echo "SKIP: jq not installed"; exit 77; }
W=$(mktemp -d)
e2e_cleanup() { rm -rf "$W"; }
. "$(dirname "$0")/harness.sh" lecture

TOUR="$PRESETS/tours/intro.ini"
N=$(($(grep -c '^\[' "$TOUR") - 1))
$T new-session -d -s e2e -x 120 -y 40 \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --tour $TOUR --set runs=1 --set threads=2 --record $W/x.cast; echo \"EXITED \$?\"; sleep 30"
expect "step 1/$N" "the tour opens on step 1"
expect "tour: " "the title names the tour"
keys Space
expect "step 2/$N" "space advances"
keys Right
expect "step 3/$N" "→ advances"
keys Left
expect "step 2/$N" "← goes back"
keys Left Left
expect "step 1/$N" "← back to the first step"
expect "the first step of the tour" "← at the first step says so"
keys a
expect "step 1/$N auto" "a turns auto-advance on"
keys a
expect "auto-advance off" "a turns it off"
expect "done relu" "step 1 computed"
sleep 1
capture > "$W/live.txt"
keys q
wait_for "EXITED 0" 10 || fail "the tour did not quit with status 0"

# the recording: a v2 header, then events; replayed into a fresh pane of the same size
head -n 1 "$W/x.cast" | jq -e '.version == 2 and .width == 120 and .height == 40 and (.timestamp | type) == "number"' \
    >/dev/null || fail "first line is not an asciicast v2 header: $(head -c 200 "$W/x.cast")"
tail -n +2 "$W/x.cast" | jq -e 'type == "array" and length == 3 and (.[0] | type) == "number"' >/dev/null ||
    fail "an event line is not [time, code, data]"
[ "$(tail -n +2 "$W/x.cast" | wc -l)" -gt 3 ] || fail "fewer than 3 frames recorded"
tail -n +2 "$W/x.cast" | jq -j 'select(.[1] == "o") | .[2]' > "$W/replay.bin"
$T new-session -d -s replay -x 120 -y 40 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 cat $W/replay.bin; sleep 30"
sleep 1.5
capture replay > "$W/replay.txt"
cmp -s "$W/live.txt" "$W/replay.txt" || { fail "the replayed frames end on another screen"; diff "$W/live.txt" "$W/replay.txt" | head -10; }

# --record never writes through a link planted at its path: exit 2, the target unchanged
echo keep > "$W/victim"
ln -s "$W/victim" "$W/planted.cast"
$T new-session -d -s planted -x 120 -y 40 \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --set runs=1 --record $W/planted.cast; echo \"EXITED \$?\"; sleep 30"
sleep 1
capture planted | grep -q 'EXITED 2' || fail "--record through a planted link did not exit 2"
[ "$(cat "$W/victim")" = keep ] || fail "--record wrote through a planted link"

[ $FAILS -eq 0 ] && echo "lecture.sh: all passed"
exit $((FAILS > 0))
