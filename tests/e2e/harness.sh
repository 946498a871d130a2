# harness.sh — what the tmux end-to-end scripts share (sourced, not run): a private tmux
# server named after the script, the failure count, and polling of the pane under test
# (session e2e; capture takes another session's name).
# Usage, after set -u: . "$(dirname "$0")/harness.sh" NAME
# A script that needs more cleaning up on exit defines e2e_cleanup before sourcing.
command -v tmux >/dev/null || { echo "SKIP: tmux not installed"; exit 77; }
SOCK="rs-$1-$$"
T="tmux -L $SOCK"
declare -F e2e_cleanup >/dev/null || e2e_cleanup() { :; }
trap '$T kill-server 2>/dev/null; e2e_cleanup' EXIT
# A session that lives as long as the test, so that killing the one under test never
# leaves the server empty: an empty server exits, racing the next new-session.
$T new-session -d -s keep "sleep 3600"
FAILS=0

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
capture() { $T capture-pane -p -t "${1:-e2e}" 2>/dev/null; } # [SESSION]
show() { capture | sed 's/^/    | /' | head -45; }
# wait_re REGEX [SECONDS]: poll the pane until a line matches the extended regex.
wait_re() {
    local re=$1 limit=${2:-20} i=0
    while [ $i -lt $((limit * 10)) ]; do
        capture | grep -qE -- "$re" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
# wait_for TEXT [SECONDS]: the same for a fixed text.
wait_for() { wait_re "$(printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g')" "${2:-20}"; }
expect() { wait_for "$1" "${3:-20}" || { fail "$2: '$1' not on screen"; show; }; } # TEXT WHAT
expect_re() { wait_re "$1" "${3:-20}" || { fail "$2: /$1/ not on screen"; show; }; }
expect_not() { # TEXT WHAT: gone after a moment
    sleep 0.4
    capture | grep -qF -- "$1" && { fail "$2: '$1' still on screen"; show; }
    return 0
}
keys() { $T send-keys -t e2e "$@"; }
