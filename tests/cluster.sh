#!/bin/bash
# cluster.sh — issue 18, items 4 and 5: a sweep run in 4 shards through `xargs -P`, merged
# with --load, gives the unsharded run's CSV (byte-identical less `seconds`) and screen
# (less the status bar); --load refuses mixed sweeps, duplicates and gaps with one line
# each and exit status 2. Usage: cluster.sh PATH_TO_RELUSCOPE
set -u
BIN=${1:?usage: cluster.sh RELUSCOPE}
. "$(dirname "$0")/cluster_common.sh"
ARGS="--preset default --set n=3000 --set sweep=n --set sweep_values=1000,2000,3000 --set runs=3 --set compare=mle,median --set threads=1"

# shellcheck disable=SC2086
"$BIN" --batch $ARGS > "$W/all.csv" || fail "unsharded batch"
export BIN ARGS W
printf '%s\n' 1 2 3 4 | xargs -P 4 -I{} sh -c '"$BIN" --batch $ARGS --shard {}/4 > "$W/shard{}.csv"' ||
    fail "xargs -P 4 shards"
grep -q '^# shard 3/4$' "$W/shard3.csv" || fail "shard 3 lacks its head line"
"$BIN" --load "$W/shard3.csv" "$W/shard1.csv" "$W/shard4.csv" "$W/shard2.csv" --batch > "$W/merged.csv" ||
    fail "--load of the 4 shards"
cmp -s <(noseconds "$W/all.csv") <(noseconds "$W/merged.csv") ||
    { fail "merged CSV differs from the unsharded one"; diff <(noseconds "$W/all.csv") <(noseconds "$W/merged.csv") | head; }
# the pieces concatenated in one file, and as JSON
cat "$W/shard2.csv" "$W/shard4.csv" "$W/shard1.csv" "$W/shard3.csv" > "$W/cat.csv"
"$BIN" --load "$W/cat.csv" --batch | cmp -s - "$W/merged.csv" || fail "concatenated shards"
for i in 1 2 3 4; do "$BIN" --batch $ARGS --format json --shard $i/4 > "$W/j$i.json"; done
cmp -s <(noseconds "$W/all.csv") <("$BIN" --load "$W"/j*.json --batch | noseconds /dev/stdin) ||
    fail "JSON shards merged"
# the screen: equal but for the status bar (the last line)
"$BIN" $ARGS --screenshot "$W/live.txt" || fail "unsharded screenshot"
"$BIN" --load "$W"/shard*.csv --screenshot "$W/loaded.txt" || fail "--load screenshot"
cmp -s <(head -n -1 "$W/live.txt") <(head -n -1 "$W/loaded.txt") ||
    { fail "loaded screen differs"; diff "$W/live.txt" "$W/loaded.txt" | head; }
tail -n 1 "$W/loaded.txt" | grep -q "loaded relu · sweep n: 3 values × 3 runs · 4 shards from 4 files" ||
    fail "status bar of the loaded screen: $(tail -n 1 "$W/loaded.txt")"

"$BIN" --batch $ARGS --set seed=7 --shard 2/4 > "$W/other2.csv"
refuse "other2.csv: seed=7, but" --load "$W/shard1.csv" "$W/other2.csv" "$W/shard3.csv" "$W/shard4.csv" --batch
"$BIN" --batch $ARGS --shard 2/3 > "$W/three2.csv"
refuse "three2.csv: shard 2/3, but" --load "$W/shard1.csv" "$W/three2.csv" --batch
refuse "shard2.csv: shard 2/4 appears twice" --load "$W"/shard*.csv "$W/shard2.csv" --batch
refuse "shard 4/4 is missing" --load "$W/shard1.csv" "$W/shard2.csv" "$W/shard3.csv" --batch
head -n -2 "$W/shard2.csv" > "$W/cut2.csv"
refuse "cut2.csv: shard 2/4 lacks the rows of n=" --load "$W/shard1.csv" "$W/cut2.csv" "$W/shard3.csv" "$W/shard4.csv" --batch
{ cat "$W/shard1.csv"; tail -n 1 "$W/shard1.csv"; } > "$W/dup1.csv"
refuse "dup1.csv:" --load "$W/dup1.csv" "$W/shard2.csv" "$W/shard3.csv" "$W/shard4.csv" --batch
grep -v '^#' "$W/shard1.csv" > "$W/old1.csv"
refuse "old1.csv:1: a table without the '# reluscope' head" --load "$W/old1.csv" --batch
refuse "no-such.csv: cannot read" --load "$W/no-such.csv" --batch
refuse "--set n=5 with --load" --load "$W/shard1.csv" --set n=5 --batch
refuse "--load and --preset" --load "$W/shard1.csv" --preset default --batch

[ $FAILS -eq 0 ] && echo "cluster.sh: all passed"
exit $((FAILS > 0))
