#!/bin/sh
# Runs a test program (and its arguments) beside a throw-away PostgreSQL
# server that pg_virtualenv (postgresql-common) starts and drops, with
# LINLI_TEST_POSTGRESQL set so the program's PostgreSQL cases use it (the
# PG* variables say where it is).  Where pg_virtualenv is missing or cannot
# start a server, the program runs alone and skips those cases, saying why.
# pg_virtualenv's own messages go to stderr: stdout is the program's TAP.
set -u
dir=$(mktemp -d)
marker="$dir/started"
trap 'rm -rf "$dir"' EXIT
if command -v pg_virtualenv >/dev/null 2>&1; then
  exec 3>&1
  # -t: a cluster of its own in a temporary directory even as root; a port
  # of its own, random, because clusters in separate directories all pick
  # 5432 and test runs at the same time would collide (tried again on
  # another port if it does); fsync=off: it is thrown away anyway;
  # deadlocks between racing sessions found in 0.1 s rather than 1 s.
  for try in 1 2 3; do
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
    LINLI_TEST_POSTGRESQL='' pg_virtualenv -t -c "-p $port" -o fsync=off \
      -o deadlock_timeout=100ms sh -c ': > "$0"; exec "$@" 1>&3' "$marker" "$@" 1>&2
    rc=$?
    # The program ran: its result is the test's.
    [ -e "$marker" ] && exit $rc
  done
  echo "pg_virtualenv could not start a server (exit $rc): running without it" >&2
fi
"$@"
