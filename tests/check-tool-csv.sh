#!/usr/bin/env bash
# linli-tool import --csv and linli-tool join, end to end: a GBK list, a
# join onto the bundled sample, and a bad cell that must fail with FILE:LINE.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=${2:?source dir}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

printf '楼栋,小区,户数,常住人口,党员数,纬度,经度\n1号楼,金色家园,40,100,3,30.2997,120.1166\n2号楼,金色家园,"1,200",,2,30.2998,120.1167\n3号楼,清水里,12,30,1,,\n' |
  iconv -f UTF-8 -t GBK > list.csv
"$tool" import --csv list.csv --out new.linli --crs gcj02 > out.txt
grep -q 'GB18030, comma-separated, 3 rows' out.txt
grep -q '3 rows: 2 buildings, 1 without coordinates, skipped (line 4)' out.txt
"$tool" validate new.linli > /dev/null

printf '小区,楼栋,户数,常住人口,党员\n金色家园,1幢,20,50,3\n金色家园,２号楼,21,51,4\n清水里,"99\n号楼",5,5,5\n金色家园,不存在,1,1,1\n' > join.csv
"$tool" join --project "$src/data/sample.linli" --csv join.csv --out joined.linli > out.txt
grep -q '4 rows: 2 matched, 2 unmatched (lines 4, 6)' out.txt
grep -q 'unmatched join.csv:4: “99 号楼” (清水里)' out.txt
grep -q 'households="21" residents="51" party-members="4"' joined.linli

printf '楼栋;户数\n1幢;20\n2幢;-3\n' > bad.csv
if "$tool" join -p "$src/data/sample.linli" --csv bad.csv -o bad.linli > out.txt 2> err.txt; then
  echo "a negative household count was accepted"; exit 1
fi
grep -q 'bad.csv:3: Households (column “户数”): “-3” is negative' err.txt
[ ! -e bad.linli ]
if "$tool" join -p "$src/data/sample.linli" --csv join.csv -o x.linli --column floors=1 2> err.txt; then
  echo "an unknown field was accepted"; exit 1
fi
# plan on a CSV instance: p-median counts demand with no site within
# --max-distance (default 3 × radius) at that distance, not at the longest
# listed cost, against a brute force over every choice of k sites.
printf 'id,weight\nd1,10\nd2,5\nd3,7\nd4,3\nd5,4\n' > demand.csv
printf 'id,cost,state\nA,,candidate\nB,,candidate\nC,,candidate\nD,,candidate\n' > candidates.csv
printf 'demand_id,candidate_id,cost\nd1,A,100\nd2,A,200\nd2,B,50\nd3,C,900\nd4,B,300\nd5,D,2000\nd1,D,120\n' > costs.csv
brute() {  # K MAX_DISTANCE: the least weighted mean distance over every choice of K candidates
  awk -F, -v k="$1" -v md="$2" '
    FNR == 1 { next }
    FILENAME == "demand.csv" { w[$1] = $2; W += $2; next }
    FILENAME == "candidates.csv" { c[n++] = $1; next }
    { d[$1 "," $2] = $3 }
    END {
      best = -1
      for (m = 0; m < 2 ^ n; m++) {
        bits = 0; for (j = 0; j < n; j++) if (int(m / 2 ^ j) % 2) bits++
        if (bits != k) continue
        s = 0
        for (i in w) {
          v = md
          for (j = 0; j < n; j++)
            if (int(m / 2 ^ j) % 2 && (i "," c[j]) in d && d[i "," c[j]] + 0 < v) v = d[i "," c[j]] + 0
          s += w[i] * v
        }
        if (best < 0 || s < best) best = s
      }
      printf "%.6f\n", best / W
    }' demand.csv candidates.csv costs.csv
}
for run in "1 250 -" "2 250 -" "1 250 700" "2 100 450" "3 250 -"; do
  set -- $run
  if [ "$3" = - ]; then md=$((3 * $2)); extra=(); else md=$3; extra=(--max-distance "$3"); fi
  "$tool" plan --demand demand.csv --candidates candidates.csv --costs costs.csv --radius "$2" \
    --problem pmedian --k "$1" "${extra[@]}" --json > plan.json
  want=$(brute "$1" "$md")
  got=$(sed -n 's/^  "objective": \(.*\),$/\1/p' plan.json)
  awk -v a="$got" -v b="$want" 'BEGIN { exit !(a - b < 1e-6 && b - a < 1e-6) }' || {
    echo "pmedian k=$1 radius $2 max distance $md: objective $got, brute force $want"; exit 1; }
  # Up to two sites each shorten someone's walk; a third has nobody to serve.
  sites=$(grep -c '"id":' plan.json)
  [ "$sites" = "$(($1 < 2 ? $1 : 2))" ] || { echo "pmedian k=$1 chose $sites sites"; cat plan.json; exit 1; }
done
echo "linli-tool import --csv and join work"
