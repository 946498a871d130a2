#!/bin/bash
# tour.sh — issue 18, items 1 and 3: `--tour FILE --screenshot DIR/` writes one screenshot
# per step (NN-NAME.svg); every shipped tour reads and names presets that load; a bad
# tour is refused with one line naming the file and line, exit status 2, and nothing
# written. Usage: tour.sh PATH_TO_RELUSCOPE PRESETS_DIR
set -u
BIN=${1:?usage: tour.sh RELUSCOPE PRESETS_DIR}
PRESETS=${2:?usage: tour.sh RELUSCOPE PRESETS_DIR}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

# the intro tour, one run per sweep value to keep it short
"$BIN" --tour "$PRESETS/tours/intro.ini" --screenshot "$W/shots/" --set runs=1 --set threads=2 ||
    fail "intro tour screenshots"
steps=$(grep -c '^\[' "$PRESETS/tours/intro.ini")
steps=$((steps - 1)) # less [tour]
[ "$(find "$W/shots" -name '*.svg' | wc -l)" -eq "$steps" ] ||
    fail "$(find "$W/shots" -name '*.svg' | wc -l) screenshots for $steps steps"
first=$(sed -n 's/^\[\(.*\)\]$/\1/p' "$PRESETS/tours/intro.ini" | sed -n 2p)
[ -s "$W/shots/01-$first.svg" ] || fail "no 01-$first.svg"
# the words of an SVG screenshot in order (one <text> element per run of a style)
words() { sed -n 's/.*>\([^<]*\)<\/text>.*/\1/p' "$1" | tr '\n' ' '; }
words "$W/shots/01-$first.svg" | grep -q "step 1/$steps" || fail "01-$first.svg lacks 'step 1/$steps'"
last=$(printf '%02d' "$steps")
ls "$W/shots/$last-"*.svg >/dev/null 2>&1 || fail "no $last-*.svg"
words "$W/shots/$last-"*.svg | grep -q "step $steps/$steps" || fail "last shot lacks 'step $steps/$steps'"

# every shipped tour reads (its presets load): refused only for the unwritable directory
for t in "$PRESETS"/tours/*.ini; do
    out=$("$BIN" --tour "$t" --screenshot /proc/no-such-dir/ 2>&1)
    printf '%s' "$out" | grep -q "cannot create the directory" || fail "$t: $out"
done
# by name, as --tour NAME finds it
out=$("$BIN" --tour wu2019 --screenshot /proc/no-such-dir/ 2>&1)
printf '%s' "$out" | grep -q "cannot create the directory" || fail "--tour wu2019: $out"

refuse() { # refuse NEEDLE TOUR_TEXT
    printf '%s' "$2" > "$W/bad.ini"
    local out rc
    out=$("$BIN" --tour "$W/bad.ini" --screenshot "$W/none/" 2>&1)
    rc=$?
    [ $rc -eq 2 ] || fail "exit $rc, not 2, for: $1 ($out)"
    [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "not one line: $out"
    printf '%s' "$out" | grep -qF -- "$1" || fail "'$out' lacks '$1'"
    [ ! -e "$W/none" ] || fail "$1: the directory was created"
}
refuse "bad.ini:1: a tour starts with [tour]" $'title = x\n'
refuse "bad.ini: no steps" $'[tour]\ntitle = x\n'
refuse "bad.ini:3: step [a]: --preset no-such-preset: no such preset" $'[tour]\ntitle = x\n[a]\npreset = no-such-preset\n'
refuse "bad.ini:5: dwell=soon: allowed seconds" $'[tour]\ntitle = x\n[a]\npreset = default\ndwell = soon\n'
refuse "bad.ini:5: step [a] appears twice (also line 3)" $'[tour]\ntitle = x\n[a]\npreset = default\n[a]\n'
refuse "bad.ini:4: colour: allowed keys preset, dwell, note" $'[tour]\ntitle = x\n[a]\ncolour = red\n'
refuse "bad.ini:3: step [a b]: allowed names" $'[tour]\ntitle = x\n[a b]\n'
out=$("$BIN" --tour "$PRESETS/tours/intro.ini" --screenshot "$W/x.svg" 2>&1)
[ $? -eq 2 ] && printf '%s' "$out" | grep -q "needs a directory" || fail "file as tour screenshot: $out"
out=$("$BIN" --tour no-such-tour 2>&1)
[ $? -eq 2 ] && printf '%s' "$out" | grep -q "no-such-tour: no tour of that name" || fail "$out"

[ $FAILS -eq 0 ] && echo "tour.sh: all passed"
exit $((FAILS > 0))
