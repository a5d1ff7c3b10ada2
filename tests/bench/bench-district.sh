#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Proofs on a generated district (issue "Proofs that close"): set covering
# at 95 %, p-median with k = 20 and maximal covering with k = 100, all
# candidates, radius 750 m.  Per problem, Linli's median solve time over
# RUNS runs (and whether it proved the plan), the same with independent
# parts not solved on their own (--no-split: the search over all columns
# together, for set and maximal covering), and CBC on the LP Linli exports,
# stopped at the time limit ("—": not proven within it), CPU seconds and
# whether its optimum agrees.
#
#   tests/bench/bench-district.sh BUILD_DIR [BUILDINGS] [CBC_LIMIT_S] [RUNS]
#
# e.g. tests/bench/bench-district.sh build 300000 900 3
# Set SOLVERS="" to leave CBC out; LINLI_LIMIT (default 60) limits Linli.
set -eu

build=${1:?give the build directory}
buildings=${2:-300000}
cbc_limit=${3:-900}
runs=${4:-3}
solvers=${SOLVERS-"cbc"}
limit=${LINLI_LIMIT:-60}
tool="$build/app/tool/linli-tool"
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-district.XXXXXX")
trap 'rm -rf "$work"' EXIT

field () { sed -n "s/^ *\"$1\": *\\([^,]*\\),\\{0,1\\}\$/\\1/p" "$2" | head -n 1; }
median () { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
timed () { /usr/bin/time -f '%U %S' -o "$work/cpu.raw" "$@"; }
cpu () { awk '{ printf "%.1f", $1 + $2 }' "$work/cpu.raw"; }

project="$work/district.linli"
"$tool" generate --seed 1 --buildings "$buildings" --out "$project" > /dev/null

# One Linli configuration: median solve seconds, proven, objective, command
# seconds and peak MiB of the last run.
linli () {
  name=$1
  shift
  : > "$work/times"
  i=0
  while [ "$i" -lt "$runs" ]; do
    "$tool" plan "$@" -r 750 --gap 0 --time-limit "$limit" --json "$project" > "$work/r.json"
    field seconds "$work/r.json" >> "$work/times"
    i=$((i + 1))
  done
  printf '%-22s %-10s %-8s %-7s %-9s %-8s %-6s\n' "$name" "$(field objective "$work/r.json")" \
    "$(median < "$work/times" | awk '{ printf "%.3f", $1 }')" "$(field proven_optimal "$work/r.json")" \
    "$(field command_seconds "$work/r.json")" "$(field peak_rss_mib "$work/r.json")" \
    "$(field parts "$work/r.json")"
}

cbc_run () {
  name=$1
  objective=$2
  shift 2
  lp="$work/$name.lp"
  "$tool" plan "$@" -r 750 --gap 0 --time-limit 1 --export-lp "$lp" "$project" > /dev/null
  timed timeout $((cbc_limit + 60)) cbc "$lp" sec "$cbc_limit" solve quit > "$work/cbc.txt" 2>&1 || true
  if grep -q 'Result - Optimal solution found' "$work/cbc.txt"; then
    value=$(sed -n 's/^Objective value: *\([0-9.e+-]*\).*/\1/p' "$work/cbc.txt" | head -n 1)
    agrees=$(awk -v a="$value" -v b="$objective" 'BEGIN { d = a - b; if (d < 0) d = -d;
      s = b < 0 ? -b : b; print (d <= 1e-6 * (s > 1 ? s : 1) + 0.5) ? "agrees" : "DIFFERS" }')
    printf '%-22s %-10s %-8s %s\n' "$name (CBC)" "$value" "$(cpu)" "proven, $agrees"
  else
    printf '%-22s %-10s %-8s %s\n' "$name (CBC)" "—" "$(cpu)" "not proven in $cbc_limit s"
  fi
  rm -f "$lp"
}

echo "# $buildings buildings (generate --seed 1), radius 750 m; Linli: median of $runs runs, limit $limit s"
printf '%-22s %-10s %-8s %-7s %-9s %-8s %-6s\n' problem objective solve_s proven command_s peak_MiB parts
linli "lscp 95 %" -p lscp --target 0.95
lscp=$(field objective "$work/r.json")
linli "lscp 95 % --no-split" -p lscp --target 0.95 --no-split
linli "pmedian k=20" -p pmedian -k 20
pmed=$(field objective "$work/r.json")
linli "mclp k=100" -p mclp -k 100
mclp=$(field objective "$work/r.json")
linli "mclp k=100 --no-split" -p mclp -k 100 --no-split
for s in $solvers; do
  [ "$s" = cbc ] || continue
  echo "# CBC on the exported LP, CPU seconds, limit $cbc_limit s"
  cbc_run lscp "$lscp" -p lscp --target 0.95
  # The LP's objective is the total weighted walk; Linli reports the mean.
  cbc_run pmedian "$(awk -v m="$pmed" -v w="$(field total_weight "$work/r.json")" 'BEGIN { printf "%.6f", m * w }')" \
    -p pmedian -k 20
  cbc_run mclp "$mclp" -p mclp -k 100
done
