#!/usr/bin/env bash
# linli-tool check: violations of the organisation chain and its figures.
# - a project with holes exits 1 and names them, one line each, with the district's figures;
# - a project whose chain is whole exits 0;
# - a file it cannot read exits 2;
# - --json gives the same violations, parseable;
# - a group without a plaque names its leader.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

fail() { echo "$*"; [ -f out.txt ] && head -20 out.txt; [ -f err.txt ] && cat err.txt; exit 1; }

# One compound of two buildings: B0 (2 members) in group pg1 with a leader and a
# plaque; B1 (1 member) in no group.  Three members: the compound has a branch.
cat > holes.linli <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<linli version="1" name="t">
  <communities><community id="c0" name="青年社区"/></communities>
  <compounds><compound id="k0" name="和睦新村" community="c0"/></compounds>
  <buildings>
    <building id="B0" name="1幢" compound="k0" lat="30.3" lon="120.1" party-members="2"/>
    <building id="B1" name="2幢" compound="k0" lat="30.301" lon="120.1" party-members="1"/>
  </buildings>
  <organisation>
    <committee community="c0" secretary="张三"/>
    <branch id="b1" kind="compound" compound="k0" secretary="李四" members="3"/>
    <party-group id="pg1" branch="b1" leader="赵六"><building id="B0"/></party-group>
    <member-household id="h1" building="B0" room="1-101" name="钱七"/>
  </organisation>
</linli>
XML

status=0
"$tool" check holes.linli > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || fail "check with a hole: exit status $status"
grep -q 'building-no-group' out.txt || fail "check: the building without a group is not named"
grep -q '2幢' out.txt || fail "check: the building is not named by its name"
[ "$(grep -c 'building-no-group\|building-no-member\|compound-no-branch\|group-no' out.txt)" = 1 ] ||
  fail "check: other violations than the one hole"
grep -q '^青年社区 ' out.txt || fail "check: no figures for the community"
grep -q '^district .* 1/1 .*100.0%.* 1/2 .*50.0%.* 2/2 .*100.0%' out.txt || fail "check: district figures wrong"

# JSON: the same violation, with its rule, subject, id and position.
status=0
"$tool" check --json holes.linli > out.json 2> err.txt || status=$?
[ "$status" = 1 ] || fail "check --json: exit status $status"
python3 - out.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
v = d["violations"]
assert len(v) == 1, v
assert v[0]["rule"] == "building-no-group" and v[0]["subject"] == "building" and v[0]["id"] == "B1", v
assert abs(v[0]["lat"] - 30.301) < 1e-9
assert d["district"]["buildings_with_group"] == 1 and d["district"]["buildings"] == 2
assert d["communities"][0]["id"] == "c0"
PY

# Whole: B1 joins the group.
sed 's|<building id="B0"/></party-group>|<building id="B0"/><building id="B1"/></party-group>|' holes.linli > whole.linli
status=0
"$tool" check whole.linli > out.txt 2> err.txt || status=$?
[ "$status" = 0 ] || fail "check of a whole chain: exit status $status"

# A group without a plaque names its leader.
sed 's|<member-household id="h1" building="B0" room="1-101" name="钱七"/>||' whole.linli > noplaque.linli
status=0
"$tool" check noplaque.linli > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || fail "check without a plaque: exit status $status"
grep -q 'group-no-household.*赵六' out.txt || fail "check: the group's leader is not named"

# Unreadable: exit 2, with the file and line.
printf '<linli version="1"><organisation><branch id="b" kind="x"/></organisation></linli>\n' > bad.linli
status=0
"$tool" check bad.linli > out.txt 2> err.txt || status=$?
[ "$status" = 2 ] || fail "check of a bad file: exit status $status"
grep -q 'bad.linli:1:' err.txt || fail "check of a bad file: no file and line"
status=0
"$tool" check missing.linli > out.txt 2> err.txt || status=$?
[ "$status" = 2 ] || fail "check of a missing file: exit status $status"
echo ok
