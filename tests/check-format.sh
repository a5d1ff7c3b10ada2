#!/usr/bin/env bash
# Every C file is as clang-format leaves it with the project's .clang-format
# (the house style of ../shared/STYLE.md), so the layout stays one.
set -eu
src=${1:?source dir}
cd "$src"
command -v clang-format >/dev/null || { echo "1..0 # SKIP clang-format is not installed"; exit 77; }
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find app tests -name '*.[ch]')
out=$(clang-format --dry-run $files 2>&1 | grep -E '^[^ ].*: warning:' | cut -d: -f1 | sort -u || true)
if [ -n "$out" ]; then
  printf 'not formatted (run: clang-format -i FILE):\n%s\n' "$out"
  exit 1
fi
echo "every C file is formatted"
