#!/bin/bash
# docs.sh — issue 18, item 6: `man -l` of the built reluscope(1) renders every key that
# --help lists (the two lists compared), its synopsis holds --help's usage lines; bash's
# completion (run through compgen as bash would) completes `--preset f`, `--set ka` and
# `--set generator=`. Usage: docs.sh RELUSCOPE MANPAGE BASH_COMPLETION
set -u
BIN=${1:?usage: docs.sh RELUSCOPE MANPAGE BASH_COMPLETION}
MANPAGE=${2:?}
COMPLETION=${3:?}
FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
command -v man >/dev/null || { echo "SKIP: man not installed"; exit 77; }

help_keys=$("$BIN" --help | sed -n '/^keys/,/^$/p' | grep -E '^  [a-z_0-9]+ ' | awk '{print $1}')
page=$(MANWIDTH=200 man -l "$MANPAGE" 2>&1)
man_keys=$(printf '%s\n' "$page" | sed -n '/^KEYS/,/^[A-Z]/p' | grep -E '^ {7}[a-z_0-9]+( |$)' | awk '{print $1}')
[ -n "$help_keys" ] || fail "no keys in --help"
[ "$help_keys" = "$man_keys" ] || { fail "keys of man -l differ from --help"; diff <(echo "$help_keys") <(echo "$man_keys"); }
"$BIN" --help | sed -n '/^usage:/,/^$/p' | sed '1d;$d' | sed 's/^ *//' | while IFS= read -r line; do
    printf '%s\n' "$page" | grep -qF -- "$line" || { echo "FAIL: man page lacks usage line: $line"; exit 1; }
done || FAILS=$((FAILS + 1))
printf '%s\n' "$page" | grep -q "INTERACTIVE KEYS" || fail "no key map section"
printf '%s\n' "$page" | grep -qF "$("$BIN" --version | sed 's/ (.*//')" || fail "man page lacks the release"
"$BIN" --version | grep -Eq '^reluscope [0-9]+\.[0-9]+\.[0-9]+ \(commit [0-9a-f]{7,}(-dirty)?|unknown\)$' ||
    fail "--version: $("$BIN" --version)"

# the completion, as bash calls it: COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT
complete_words() { # complete_words LINE  (the line up to the cursor)
    bash -c 'source "$1"; COMP_LINE=$2; COMP_POINT=${#2}; read -ra COMP_WORDS <<< "$2"
        [[ $2 == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _reluscope; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$COMPLETION" "$1"
}
got=$(complete_words "$BIN --preset f")
[ "$got" = "$(printf 'fig1-condition\nfig1-dimension\nfig1-samples')" ] || fail "--preset f: $got"
got=$(complete_words "$BIN --set ka")
[ "$got" = "kappa=" ] || fail "--set ka: $got"
got=$(complete_words "$BIN --set generator=" | tr '\n' ' ')
[ "$got" = "relu matrix teacher quadratic " ] || fail "--set generator=: $got"
got=$(complete_words "$BIN --lo")
[ "$got" = "--load" ] || fail "--lo: $got"

[ $FAILS -eq 0 ] && echo "docs.sh: all passed"
exit $((FAILS > 0))
