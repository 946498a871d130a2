# cluster_common.sh — what cluster.sh and cluster_phase.sh share (sourced, not run): a
# scratch directory W removed on exit, the failure count, and a CSV without its seconds
# column. Usage, after set -u: . "$(dirname "$0")/cluster_common.sh"
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
