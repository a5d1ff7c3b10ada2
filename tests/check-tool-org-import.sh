#!/usr/bin/env bash
# linli-tool org import, end to end on the bundled sample:
# - a GBK branch list adds one branch and changes another; `check --json`
#   no longer finds the compound it covers without a branch;
# - party groups by building name within their compound, member households,
#   and committees, each validated and found in the saved file;
# - a bad row after a quoted line break is refused with its line, exit 2,
#   and nothing is written; so is a field the list does not have.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=${2:?source dir}
sample="$src/data/sample.linli"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

fail() { echo "$*"; [ -f out.txt ] && cat out.txt; [ -f err.txt ] && cat err.txt; exit 1; }

# The sample's compound c2-k1 has party members and no branch.
"$tool" check --json "$sample" > before.json || true
grep -q '"id" : "c2-k1"' before.json || fail "the sample no longer lacks a branch in c2-k1: pick another compound"

printf '支部编号,支部名称,所属小区,支部书记,党员人数\nbx1,测试党支部,c2-k1,测试书记,105\n\nb1,清水里党支部,清水里,杨芳,31\n' |
  iconv -f UTF-8 -t GBK > branches.csv
"$tool" org import -p "$sample" --list branches --csv branches.csv -o branches.linli > out.txt 2> err.txt ||
  fail "branches: exit status $?"
grep -q 'branches.csv: GB18030, comma-separated, 2 rows' out.txt || fail "branches: what was read is not said"
grep -q 'columns: id=“支部编号” name=“支部名称” compound=“所属小区” secretary=“支部书记” members=“党员人数”' out.txt ||
  fail "branches: the guessed columns are not shown"
grep -q 'branches.linli: 2 entries read: 1 added, 1 changed' out.txt || fail "branches: wrong counts"
"$tool" validate branches.linli > /dev/null || fail "branches: the result does not validate"
grep -q '<branch id="bx1" name="测试党支部" kind="compound" compound="c2-k1" secretary="测试书记" members="105"/>' \
  branches.linli || fail "branches: bx1 is not in the file as read"
grep -q '<branch id="b1" [^>]*members="31"' branches.linli || fail "branches: b1 was not changed"
[ "$(grep -c '<branch ' branches.linli)" = "$(( $(grep -c '<branch ' "$sample") + 1 ))" ] ||
  fail "branches: not exactly one branch added"
"$tool" check --json branches.linli > after.json || true
if grep -q '"id" : "c2-k1"' after.json; then fail "check still finds c2-k1 without a branch"; fi

# A party group of two buildings named within their compound, then a household in one of them.
b1=$(grep -o '<building id="[^"]*" name="1号楼" compound="c2-k1"' "$sample" | head -1 | sed 's/.*id="\([^"]*\)".*/\1/')
b2=$(grep -o '<building id="[^"]*" name="2号楼" compound="c2-k1"' "$sample" | head -1 | sed 's/.*id="\([^"]*\)".*/\1/')
[ -n "$b1" ] && [ -n "$b2" ] || fail "the sample has no 1号楼 and 2号楼 in c2-k1"
printf '编号;所属支部;组长;小区;楼栋\npgx1;测试党支部;测试组长;c2-k1;1号楼、2号楼\n' > groups.csv
"$tool" org import -p branches.linli --list groups --csv groups.csv -o groups.linli > out.txt 2> err.txt ||
  fail "groups: exit status $?"
grep -q 'semicolon-separated, 1 row' out.txt || fail "groups: separator or rows not said"
"$tool" validate groups.linli > /dev/null || fail "groups: the result does not validate"
tr -d '\n' < groups.linli | grep -q "<party-group id=\"pgx1\" branch=\"bx1\" leader=\"测试组长\"[^>]*> *<building id=\"$b1\"/> *<building id=\"$b2\"/>" ||
  fail "groups: pgx1 with $b1 and $b2 is not in the file"

printf 'id,name,building,room\nhx1,测试户主,%s,1-101\n' "$b2" > households.csv
"$tool" org import -p groups.linli -l households --csv households.csv -o households.linli \
  --column name=name --column room=4 > out.txt 2> err.txt || fail "households: exit status $?"
grep -q 'households.linli: 1 entry read: 1 added, 0 changed' out.txt || fail "households: wrong counts"
grep -q "<member-household id=\"hx1\" building=\"$b2\" room=\"1-101\" name=\"测试户主\"/>" households.linli ||
  fail "households: hx1 is not in the file"

printf '社区,书记\n松林社区,测试书记二\n' > committees.csv
"$tool" org import -p "$sample" --list committees --csv committees.csv -o committees.linli > out.txt 2> err.txt ||
  fail "committees: exit status $?"
grep -q 'committees.linli: 1 entry read: 0 added, 1 changed' out.txt || fail "committees: wrong counts"
grep -q '<committee community="c2" secretary="测试书记二"/>' committees.linli || fail "committees: not set"

# Refused: a negative member count on line 4 (line 2 holds a quoted line break).
printf 'id,name,compound,members\nbx1,"两行\n的名字",c2-k1,3\nbx2,,c2-k1,-1\n' > bad.csv
status=0
"$tool" org import -p "$sample" --list branches --csv bad.csv -o bad.linli > out.txt 2> err.txt || status=$?
[ "$status" = 2 ] || fail "a bad row: exit status $status"
grep -q 'bad.csv:4: members: “-1” is negative' err.txt || fail "a bad row: no file and line"
[ ! -e bad.linli ] || fail "a bad row: a file was written"

status=0
"$tool" org import -p "$sample" --list branches --csv branches.csv -o bad.linli --column leader=1 \
  > out.txt 2> err.txt || status=$?
[ "$status" = 2 ] || fail "a field of another list: exit status $status"
grep -q 'unknown field “leader”' err.txt || fail "a field of another list: not said"
status=0
"$tool" org import -p "$sample" --list plaques --csv branches.csv -o bad.linli > out.txt 2> err.txt || status=$?
[ "$status" = 2 ] || fail "an unknown list: exit status $status"
[ ! -e bad.linli ] || fail "a refused import wrote a file"
echo "linli-tool org import works"
