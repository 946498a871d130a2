#!/usr/bin/env bash
# The tree is formatted by its own .clang-format (STYLE 2): every tracked C file, checked
# without changing it. Exit 77 (skipped) when clang-format or git is missing.
set -u
cd "$1" || exit 1
command -v clang-format >/dev/null && command -v git >/dev/null || exit 77
files=$(git ls-files '*.c' '*.h') || exit 77
[ -n "$files" ] || exit 77
# shellcheck disable=SC2086
out=$(clang-format --dry-run --Werror $files 2>&1)
rc=$?
if [ $rc -ne 0 ]; then
    printf '%s\n' "$out" | grep 'warning:' | head -n 20
    echo "format: $(printf '%s\n' "$out" | grep -c 'warning:') places differ from .clang-format;" \
         "run: git ls-files '*.c' '*.h' | xargs clang-format -i"
    exit 1
fi
echo "format: $(printf '%s\n' $files | wc -l) files as .clang-format has them"
