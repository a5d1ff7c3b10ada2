#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The classic p-median family: n in 100, 200, …, 900 nodes, p in 5, 10,
# n/10, n/5 and n/3.  Prints, per instance, Linli's time to proven
# optimality (its own solve time and the whole command's) beside GLPK's and
# CBC's on the LP Linli exports, each stopped at the time limit ("—": not
# proven within it).  The objectives are compared where both finish.
#
#   tests/bench/bench-pmedian.sh BUILD_DIR [TIME_LIMIT_S] [N_LIST] [SEED]
#
# e.g. tests/bench/bench-pmedian.sh build 60 "100 200 300"
# Set SOLVERS="glpk cbc" (the default), "glpk", "cbc" or "" for Linli alone.
set -eu

build=${1:?give the build directory}
limit=${2:-60}
sizes=${3:-"100 200 300 400 500 600 700 800 900"}
seed=${4:-1}
solvers=${SOLVERS-"glpk cbc"}
# LINLI_TOOL: another linli-tool to compare, e.g. an older build's.
tool=${LINLI_TOOL:-"$build/app/tool/linli-tool"}
make="$build/tests/bench/make-pmedian"
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-pmedian.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Seconds of wall-clock time since the epoch, with fractions.
now () { date +%s.%N; }

# Runs a command under /usr/bin/time; its CPU seconds (user + system) go to $work/cpu.
timed () { /usr/bin/time -f '%U %S' -o "$work/cpu.raw" "$@"; }
cpu () { awk '{ printf "%.2f", $1 + $2 }' "$work/cpu.raw"; }

# A field of linli-tool plan's JSON report.
field () { sed -n "s/^ *\"$1\": *\\([^,]*\\),\\{0,1\\}\$/\\1/p" "$2" | head -n 1; }

printf '%-5s %-5s %-10s %-8s %-9s %-8s %-9s %-15s %-15s %s\n' n p objective linli_s command_s cpu_s gap_% \
  glpk_s/cpu_s cbc_s/cpu_s check
total_linli=0
for n in $sizes; do
  dir="$work/n$n"
  "$make" --nodes "$n" --seed "$seed" --out "$dir" > /dev/null
  for p in $(printf '%s\n' 5 10 $((n / 10)) $((n / 5)) $((n / 3)) | sort -n -u); do
    [ "$p" -ge 1 ] || continue
    json="$work/result.json"
    lp="$work/n$n-p$p.lp"
    timed "$tool" plan --problem pmedian -k "$p" --radius 100000 --max-distance 100000 \
      --demand "$dir/demand.csv" --candidates "$dir/candidates.csv" --costs "$dir/costs.csv" \
      --time-limit "$limit" --json --export-lp "$lp" > "$json"
    linli_cpu=$(cpu)
    mean=$(field objective "$json")
    objective=$(awk -v m="$mean" -v n="$n" 'BEGIN { printf "%.0f", m * n }')
    proven=$(field proven_optimal "$json")
    seconds=$(field seconds "$json")
    command=$(field command_seconds "$json")
    command=${command:-0}
    gap=$(field gap_percent "$json")
    if [ "$proven" = true ]; then
      linli=$(printf '%.2f' "$seconds")
      total_linli=$(awk -v a="$total_linli" -v b="$seconds" 'BEGIN { print a + b }')
    else
      linli="—"
    fi

    glpk="·"
    cbc="·"
    check=""
    for s in $solvers; do
      out="$work/$s.txt"
      t0=$(now)
      case $s in
        glpk)
          timed timeout $((limit + 30)) glpsol --lp "$lp" --tmlim "$limit" -o "$work/glpk.sol" > "$out" 2>&1 || true
          t=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
          if grep -q 'INTEGER OPTIMAL SOLUTION FOUND' "$out"; then
            glpk=$t/$(cpu)
            value=$(sed -n 's/^Objective: *obj = *\([0-9.e+]*\).*/\1/p' "$work/glpk.sol" | head -n 1)
          else
            glpk="—"
            value=""
          fi
          ;;
        cbc)
          timed timeout $((limit + 30)) cbc "$lp" sec "$limit" solve quit > "$out" 2>&1 || true
          t=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
          if grep -q 'Result - Optimal solution found' "$out"; then
            cbc=$t/$(cpu)
            value=$(sed -n 's/^Objective value: *\([0-9.e+-]*\).*/\1/p' "$out" | head -n 1)
          else
            cbc="—"
            value=""
          fi
          ;;
        *)
          continue
          ;;
      esac
      if [ -n "$value" ] && [ "$proven" = true ]; then
        if awk -v a="$value" -v b="$objective" 'BEGIN { exit !(a - b < 0.5 && b - a < 0.5) }'; then
          check="$check $s=ok"
        else
          check="$check $s=$value(DIFFERS)"
        fi
      fi
    done
    printf '%-5s %-5s %-10s %-8s %-9s %-8s %-9s %-15s %-15s %s\n' "$n" "$p" "$objective" "$linli" \
      "$(printf '%.2f' "$command")" "$linli_cpu" "$(printf '%.5f' "$gap")" "$glpk" "$cbc" "$check"
    rm -f "$lp"
  done
done
echo "# Linli, instances proven: solve time summed $(printf '%.2f' "$total_linli") s; time limit $limit s"
