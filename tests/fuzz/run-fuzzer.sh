#!/bin/sh
# run-fuzzer.sh FUZZER WORKDIR CORPUS DICT [libFuzzer options…]
# Runs a libFuzzer harness from a fresh WORKDIR: new inputs go to
# WORKDIR/corpus (never into the seed corpus of the source tree) and a
# crash to WORKDIR/crash-…, named in the output.  Any failure exits 1:
# libFuzzer's own code for a crash, 77, would read as "skipped" to meson.
set -u
fuzzer=$1 work=$2 corpus=$3 dict=$4
shift 4
rm -rf "$work"
mkdir -p "$work/corpus" || exit 1
set -- -artifact_prefix="$work/" "$@"
[ -f "$dict" ] && set -- -dict="$dict" "$@"
if ! "$fuzzer" "$@" "$work/corpus" "$corpus"; then
  echo "run-fuzzer.sh: $(basename "$fuzzer") failed; the input is in $work" >&2
  exit 1
fi
