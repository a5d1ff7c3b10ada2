#!/usr/bin/env bash
# linli-tool and the files it is given or writes:
# - output it cannot write (a full disk: /dev/full) fails the command with a message;
# - a device or a named pipe given to read is refused as "not a regular file", at once;
# - a failed --out or --export-lp names the file asked for, never a temporary file;
# - a named pipe given as --out receives the report and stays a pipe.
# Devices are only ever redirected to here, never given as --out: a writer that renamed over
# its target would replace them.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=${2:?source dir}
sample="$src/data/sample.linli"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

fail() { echo "$*"; [ -f err.txt ] && cat err.txt; exit 1; }

# Every command that prints: to a full disk it fails, saying why.
"$tool" generate --buildings 50 --out small.linli > /dev/null
printf 'id,weight\nd1,5\nd2,3\n' > demand.csv
printf 'id,cost,state\nc1,1,candidate\nc2,1,candidate\n' > candidates.csv
printf 'demand_id,candidate_id,cost\nd1,c1,100\nd2,c2,100\nd1,c2,900\n' > costs.csv
printf '楼栋,户数\n1幢,20\n' > list.csv
commands=(
  "info $sample"
  "info --uncovered $sample"
  "validate $sample small.linli"
  "plan -k 2 $sample"
  "plan -k 1 --radius 500 --demand demand.csv --candidates candidates.csv --costs costs.csv"
  "generate --buildings 50 --out again.linli"
  "join --project small.linli --csv list.csv --out joined.linli"
  "assign $sample"
)
for c in "${commands[@]}"; do
  # shellcheck disable=SC2086
  if "$tool" $c > /dev/full 2> err.txt; then
    fail "linli-tool $c > /dev/full exited 0"
  fi
  grep -q 'could not write the output: No space left on device' err.txt || fail "linli-tool $c: no message"
done
# The same commands with somewhere to write succeed.
"$tool" info "$sample" > info.txt
grep -q 'district' info.txt
# Communities by name, as planners know them, the numbers in line under the
# headings whatever the width of the name (a Chinese character takes two columns).
grep -q '^青年社区  ' info.txt || fail "info: no row for 青年社区"
grep -q '^青年社区 \{17\}[ 0-9]\{7\}[0-9] ' info.txt || fail "info: the row of 青年社区 is not aligned"

# Devices and named pipes to read: refused at once (a pipe would block for ever).
mkfifo pipe
for c in "validate /dev/zero" "validate pipe" "info pipe" "info /dev/zero" "import --osm pipe --out x.linli" \
         "import --geojson /dev/zero --out x.linli" "import --csv pipe --out x.linli" \
         "join --project small.linli --csv pipe --out x.linli" "add-streets -p small.linli --from pipe -o x.linli" \
         "plan -k 1 --radius 500 --demand pipe --candidates candidates.csv --costs costs.csv"; do
  status=0
  # shellcheck disable=SC2086
  timeout 60 "$tool" $c > /dev/null 2> err.txt || status=$?
  [ "$status" = 1 ] || fail "linli-tool $c: exit status $status"
  grep -qE '(pipe|/dev/zero): not a regular file' err.txt || fail "linli-tool $c: no “not a regular file”"
  grep -q 'mmap' err.txt && fail "linli-tool $c: says mmap"
  [ ! -e x.linli ] || fail "linli-tool $c wrote x.linli"
done

# A failed write names the target, not a temporary file beside it.
for opt in --out --export-lp; do
  if "$tool" plan -k 1 "$sample" "$opt" missing/report.txt > /dev/null 2> err.txt; then
    fail "plan $opt into a missing folder exited 0"
  fi
  grep -q '“missing/report.txt”' err.txt || fail "plan $opt: the message does not name missing/report.txt"
  grep -q 'report\.txt\.' err.txt && fail "plan $opt: the message names a temporary file"
done

# A named pipe as --out: the report goes through it, and it stays a pipe.
cat pipe > got.txt &
reader=$!
"$tool" plan -k 2 "$sample" --out pipe
wait "$reader"
grep -q '^Problem: mclp' got.txt || fail "the report did not come through the pipe"
[ -p pipe ] || fail "the pipe was replaced"
# And with no one reading it: refused, not waited on.
status=0
timeout 60 "$tool" plan -k 2 "$sample" --out pipe > /dev/null 2> err.txt || status=$?
[ "$status" = 1 ] || fail "plan --out to a pipe no one reads: exit status $status"
grep -q 'no program reads from this pipe' err.txt || fail "plan --out pipe: no message"
[ -p pipe ] || fail "the pipe was replaced"

echo "linli-tool checks its output and refuses what is not a regular file"
