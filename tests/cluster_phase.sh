#!/bin/bash
# cluster_phase.sh — --load of a phase map (sweep2 set, issue 17) sharded with --shard: 3
# shards of a 3 × 3 map × 2 runs, merged in any order, as files, concatenated or JSON,
# re-write the unsharded run's rows (byte-identical less `seconds`); the loaded screen
# opens on the phase view naming both axes and the metric; bad grid values, mixed maps,
# 1-D shards among map shards, missing shards and rows are refused with one line
# "FILE[:LINE]: problem" and exit status 2. Usage: cluster_phase.sh PATH_TO_RELUSCOPE
set -u
BIN=${1:?usage: cluster_phase.sh RELUSCOPE}
. "$(dirname "$0")/cluster_common.sh"
ARGS="--set n=500 --set sweep=n --set sweep_values=300,500,800 --set sweep2=d --set sweep2_values=2,3,4 --set runs=2 --set threads=1"

# shellcheck disable=SC2086
{
    "$BIN" --batch $ARGS > "$W/all.csv" || fail "unsharded batch"
    "$BIN" --batch $ARGS --format json > "$W/all.json" || fail "unsharded JSON batch"
    for i in 1 2 3; do
        "$BIN" --batch $ARGS --shard $i/3 > "$W/s$i.csv" || fail "shard $i"
        "$BIN" --batch $ARGS --format json --shard $i/3 > "$W/j$i.json" || fail "JSON shard $i"
    done
}
[ "$(grep -vc '^#' "$W/all.csv")" -eq 19 ] || fail "the map has not 18 rows and a header"
"$BIN" --load "$W/s3.csv" "$W/s1.csv" "$W/s2.csv" --batch > "$W/merged.csv" || fail "--load of 3 shards"
cmp -s <(noseconds "$W/all.csv") <(noseconds "$W/merged.csv") ||
    { fail "merged map differs from the unsharded one"; diff <(noseconds "$W/all.csv") <(noseconds "$W/merged.csv") | head; }
cat "$W/s2.csv" "$W/s3.csv" "$W/s1.csv" > "$W/cat.csv"
"$BIN" --load "$W/cat.csv" --batch | cmp -s - "$W/merged.csv" || fail "concatenated shards"
"$BIN" --load "$W/j2.json" "$W/j3.json" "$W/j1.json" --batch --format json > "$W/merged.json" ||
    fail "--load of 3 JSON shards"
cmp -s <(sed 's/"seconds": [^,]*, //' "$W/all.json") <(sed 's/"seconds": [^,]*, //' "$W/merged.json") ||
    fail "merged JSON map differs from the unsharded one"
"$BIN" --load "$W"/j*.json --batch | noseconds /dev/stdin | cmp -s - <(noseconds "$W/all.csv") ||
    fail "JSON shards re-written as CSV"

# the screen: the phase view of the loaded map, both axes and the metric named
"$BIN" --load "$W"/s*.csv --screenshot "$W/x.txt" --size 120x40 || fail "--load --screenshot"
for needle in "6 phase" "mean err_sigma (censored) over n × d · 2 runs per cell" \
    "x → n (samples), values as listed (columns) · y ↑ d, values as listed (rows)" \
    "9 of 9 cells with a finished run" "loaded relu · phase map n × d: 3 × 3 values × 2 runs · 3 shards from 3 files"; do
    grep -qF -- "$needle" "$W/x.txt" || fail "loaded screen lacks '$needle'"
done
"$BIN" --load "$W"/s*.csv --set metric=err_b --screenshot "$W/m.txt" --size 120x40 || fail "--set metric"
grep -qF "mean err_b (censored) over n × d" "$W/m.txt" || fail "--set metric=err_b with --load not shown"
"$BIN" --load "$W"/s*.csv --set view=curves --screenshot "$W/c.txt" --size 120x40 || fail "--set view"
grep -qF "relu · curves" "$W/c.txt" || fail "--set view=curves with --load not shown"

# the first row of shard 2 (the line after its column header) gets d=7, off the grid
line=$(($(grep -vn '^#' "$W/s2.csv" | head -n 1 | cut -d: -f1) + 1))
awk -F, -v l="$line" 'BEGIN { OFS = "," } NR == l { $2 = 7 } { print }' "$W/s2.csv" > "$W/grid2.csv"
refuse "grid2.csv:$line: d=7 is not among the phase map's 3 d values" \
    --load "$W/s1.csv" "$W/grid2.csv" "$W/s3.csv" --batch
sed 's/^300,/301,/' "$W/s1.csv" > "$W/grid1.csv"
refuse "grid1.csv:" --load "$W/grid1.csv" "$W/s2.csv" "$W/s3.csv" --batch
"$BIN" --batch $ARGS --set sweep2_values=2,3,5 --shard 2/3 > "$W/other2.csv"
refuse "other2.csv: sweep2_values=2,3,5, but" --load "$W/s1.csv" "$W/other2.csv" "$W/s3.csv" --batch
"$BIN" --batch $ARGS --set sweep2=none --shard 2/3 > "$W/flat2.csv"
refuse "flat2.csv: a 1-D sweep (sweep2=none), but $W/s1.csv is a phase map (sweep2=d) (mixed sweeps)" \
    --load "$W/s1.csv" "$W/flat2.csv" "$W/s3.csv" --batch
refuse "s1.csv: a phase map (sweep2=d), but $W/flat2.csv is a 1-D sweep" \
    --load "$W/flat2.csv" "$W/s1.csv" "$W/s3.csv" --batch
refuse "shard 3/3 is missing" --load "$W/s1.csv" "$W/s2.csv" --batch
refuse "s2.csv: shard 2/3 appears twice" --load "$W"/s*.csv "$W/s2.csv" --batch
grep -v '^800,4,1,' "$W/s2.csv" > "$W/cut2.csv"
if cmp -s "$W/cut2.csv" "$W/s2.csv"; then
    grep -v '^800,4,0,' "$W/s2.csv" > "$W/cut2.csv"
fi
refuse "cut2.csv: shard 2/3 lacks the rows of n=800 d=4 run " --load "$W/s1.csv" "$W/cut2.csv" "$W/s3.csv" --batch
{ cat "$W/s1.csv"; grep -v '^#' "$W/s1.csv" | tail -n 1; } > "$W/dup1.csv"
refuse "dup1.csv:$(($(wc -l < "$W/s1.csv") + 1)): this row appears twice" \
    --load "$W/dup1.csv" "$W/s2.csv" "$W/s3.csv" --batch
sed 's/"d": 3,/"d": 7,/' "$W/j2.json" > "$W/grid2.json"
refuse "grid2.json:" --load "$W/j1.json" "$W/grid2.json" "$W/j3.json" --batch

[ $FAILS -eq 0 ] && echo "cluster_phase.sh: all passed"
exit $((FAILS > 0))
