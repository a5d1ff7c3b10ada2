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
echo "linli-tool import --csv and join work"
