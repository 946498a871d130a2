# cluster_common.sh — what cluster.sh and cluster_phase.sh share (sourced, not run): a
# scratch directory W removed on exit, the failure count, a CSV without its seconds column
# and refuse (bad input: one line, exit 2).
# Usage, after set -u and BIN: . "$(dirname "$0")/cluster_common.sh"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
# drop the `seconds` column (its index from the column header) of a CSV, heads kept
noseconds() {
    awk -F, 'BEGIN { OFS = "," } /^#/ { print; next }
        !col { for (i = 1; i <= NF; i++) if ($i == "seconds") col = i }
        { out = ""; for (i = 1; i <= NF; i++) if (i != col) out = out (out == "" && i == 1 ? "" : ",") $i; print out }' "$1"
}
# refused: one line naming the file (and line) and the problem, status 2, nothing on stdout
refuse() { # refuse NEEDLE ARGS... (BIN set by the caller)
    local needle=$1
    shift
    local out rc
    out=$("$BIN" "$@" 2>&1 >"$W/stdout")
    rc=$?
    [ $rc -eq 2 ] || fail "$*: exit $rc, not 2 ($out)"
    [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "$*: not one line: $out"
    printf '%s' "$out" | grep -qF -- "$needle" || fail "$*: '$out' lacks '$needle'"
    [ ! -s "$W/stdout" ] || fail "$*: wrote to stdout"
}
