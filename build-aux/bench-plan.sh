#!/usr/bin/env bash
# Planning benchmark, run by hand: Linli's solver against CBC on
# the same instance, exported as CPLEX LP.
#   build-aux/bench-plan.sh FILE.linli K [CAP_SECONDS] [GAP]
# Prints, per problem: Linli's time to the gap and its final gap, and CBC's
# time on the exported MIP with the same relative gap, or "> cap".
set -eu
file=${1:?FILE.linli}; k=${2:?K}; cap=${3:-300}; gap=${4:-0.01}
tool=${LINLI_TOOL:-build/app/tool/linli-tool}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
command -v cbc >/dev/null || { echo "cbc not found: apt-get install coinor-cbc" >&2; exit 1; }
for problem in mclp lscp pmedian; do
  case $problem in lscp) args="--target 0.65" ;; *) args="--k $k" ;; esac
  start=$(date +%s.%N)
  "$tool" plan "$file" --problem $problem $args --gap "$gap" --time-limit "$cap" --json \
      --export-lp "$tmp/$problem.lp" > "$tmp/$problem.json"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  field() { sed -n "s/^ *\"$1\": *\([^,]*\),*$/\1/p" "$tmp/$problem.json" | head -1; }
  solve=$(field seconds); final=$(field gap_percent); obj=$(field objective)
  cstart=$(date +%s.%N)
  cbc_out=$(timeout $((cap + 60)) cbc "$tmp/$problem.lp" -sec "$cap" -ratio "$gap" -solve -quit 2>&1 || true)
  cwall=$(echo "$(date +%s.%N) - $cstart" | bc)
  cobj=$(printf '%s\n' "$cbc_out" | sed -n 's/^Objective value: *//p' | head -1)
  if printf '%s\n' "$cbc_out" | grep -q "Result - Optimal solution found"; then
    cbc_time=$(printf '%.2f' "$cwall")
  else
    cbc_time="> $cap"
  fi
  printf '%-8s linli_solve_s=%.3f linli_wall_s=%.2f final_gap_pct=%.3f objective=%s | cbc_s=%s cbc_objective=%s\n' \
    "$problem" "$solve" "$wall" "$final" "$obj" "$cbc_time" "${cobj:-none}"
done
