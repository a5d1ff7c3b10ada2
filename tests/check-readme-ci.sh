#!/usr/bin/env bash
# The test command in README.md and the one .ci/run runs must be the same line.
set -eu
src=${1:?source dir}
readme=$(grep -m2 '^apt-get update' "$src/README.md" | tail -1)
ci=$(grep -m1 '^apt-get update' "$src/.ci/run")
if [ "$readme" != "$ci" ]; then
  echo "README test command and .ci/run differ:"; echo "README: $readme"; echo "CI:     $ci"
  exit 1
fi
echo "README and .ci/run agree"
