#!/bin/sh
# run-fuzzer.sh FUZZER WORKDIR CORPUS DICT [libFuzzer options…]
# Runs a libFuzzer harness from a fresh WORKDIR: new inputs go to
# WORKDIR/corpus (never into the seed corpus of the source tree) and a
# crash to WORKDIR/crash-…, named in the output.
set -eu
fuzzer=$1 work=$2 corpus=$3 dict=$4
shift 4
rm -rf "$work"
mkdir -p "$work/corpus"
set -- -artifact_prefix="$work/" "$@"
[ -f "$dict" ] && set -- -dict="$dict" "$@"
exec "$fuzzer" "$@" "$work/corpus" "$corpus"
