#!/usr/bin/env bash
# linli-tool units and assign --registry, end to end: a units CSV (Chinese
# headers, one row per resource item) imported into a registry and listed
# back; imported again it changes nothing; an English CSV with ids changes
# one unit; each kind of bad row refused with file, line and reason and the
# registry left as it was; needs imported into the registry (a bad row
# refused the same way) and into a plan, and listed; assign with the
# registry's units and the plan's needs while the registry has none, then
# with the registry's units and needs, --save writing
# them into the plan as its snapshot (registry recorded, no password),
# which then gives the same assignment alone.  On SQLite, and on
# PostgreSQL too when LINLI_TEST_POSTGRESQL is set (run-with-postgresql.sh).
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=$(readlink -f "${2:?source dir}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

fail() { echo "$*"; [ -f out.txt ] && cat out.txt; [ -f err.txt ] && cat err.txt; exit 1; }

cat > units.csv <<'CSV'
名称,类型,地址,经度,纬度,联系人,报到党员,类别,数量,计量单位,容量,周期
第二中学,学校,"和睦路1号, 东门",120.14,30.30,张老师,12,tutoring,3,小时,10,月
第二中学,学校,"和睦路1号, 东门",120.14,30.30,张老师,12,场地,1,间,2,周
浙江医院,医院,,120.14,30.31,,40,medical-checks,1,,6,季度
无址单位,其他,,,,,0,,,,,
CSV

cat > plain.linli <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<linli version="2" name="units">
  <settings walk-minutes="10" walk-speed-kmh="4.5"/>
  <communities><community id="c1" name="拱宸桥社区"/><community id="c2" name="大关社区"/></communities>
  <compounds><compound id="k1" name="和睦新村" community="c1"/><compound id="k2" name="大关西苑" community="c2"/></compounds>
  <buildings>
    <building id="b1" compound="k1" lat="30.3000000" lon="120.1400000" households="100"/>
    <building id="b2" compound="k2" lat="30.3100000" lon="120.1400000" households="100"/>
  </buildings>
</linli>
XML

run_backend() {  # NAME URI: the whole check on one registry
  local name=$1 uri=$2

  "$tool" units import units.csv --registry "$uri" > out.txt 2> err.txt &&
    fail "$name: a new category was taken without --add-categories"
  grep -q 'units.csv:3: unknown category “场地”' err.txt || fail "$name: no line for the unknown category"
  "$tool" units list --registry "$uri" --json > empty.json 2> err.txt || fail "$name: list: exit $?"
  grep -q '"units" : \[\]' empty.json || fail "$name: the refused file left units behind"

  "$tool" units import units.csv --add-categories --registry "$uri" > out.txt 2> err.txt ||
    fail "$name: import: exit $?"
  grep -q ': 3 units added, 0 changed' out.txt || fail "$name: not 3 units added"
  "$tool" units list --registry "$uri" --json > list.json 2> err.txt || fail "$name: list: exit $?"
  for want in '"name" : "第二中学"' '"type" : "school"' '"address" : "和睦路1号, 东门"' '"members" : 12' \
              '"capacity" : 10.0' '"period" : "week"' '"measure" : "间"' '"type" : "hospital"' \
              '"period" : "quarter"' '"name" : "无址单位"'; do
    grep -qF "$want" list.json || fail "$name: the listed units lack $want"
  done
  if grep -q '张老师' list.json; then fail "$name: the contact, personal, is listed"; fi
  [ "$(grep -c '"category"' list.json)" = 3 ] || fail "$name: not 3 resource items"

  "$tool" units import units.csv --registry "$uri" > out.txt 2> err.txt || fail "$name: again: exit $?"
  grep -q ': 0 units added, 0 changed' out.txt || fail "$name: importing the same file changed something"
  "$tool" units list --registry "$uri" --json > again.json || fail "$name: list"
  cmp -s list.json again.json || fail "$name: the same file changed the registry"

  # By id, English headers, another order of columns: one unit changes.
  printf 'id,capacity,category,name,type,members\nu2,8,medical-checks,浙江医院,hospital,41\n' > en.csv
  "$tool" units import en.csv --registry "$uri" > out.txt 2> err.txt || fail "$name: en: exit $?"
  grep -q ': 0 units added, 1 changed' out.txt || fail "$name: the unit by id did not change"
  "$tool" units list --registry "$uri" --json > en.json || fail "$name: list"
  grep -q '"members" : 41' en.json || fail "$name: the change is not stored"
  grep -A12 '"id" : "u2"' en.json | grep -q '"version" : 2' || fail "$name: the changed unit is not at version 2"
  grep -A12 '"id" : "u1"' en.json | grep -q '"version" : 1' || fail "$name: an unchanged unit got a new version"

  # Each bad file is refused whole with its line, and nothing changes.
  bad() {  # EXPECTED-MESSAGE CSV-TEXT
    printf '%b' "$2" > bad.csv
    "$tool" units import bad.csv --add-categories --registry "$uri" > out.txt 2> err.txt &&
      fail "$name: a bad file was taken: $2"
    grep -qF "$1" err.txt || fail "$name: not “$1” for $2"
    "$tool" units list --registry "$uri" --json > now.json
    cmp -s en.json now.json || fail "$name: a refused file changed the registry: $2"
  }
  bad 'bad.csv:3: unknown unit type “飞船”' '名称,类型\n新单位,企业\n另一单位,飞船\n'
  bad 'bad.csv:2: give both longitude and latitude' '名称,经度\n新单位,120.1\n'
  bad 'bad.csv:3: unit “甲” is given differently on line 2' '名称,报到党员,类别,容量\n甲,1,venue,1\n甲,2,venue,1\n'
  bad 'bad.csv:2: capacity “-1”' '名称,类别,容量\n新单位,venue,-1\n'
  bad 'bad.csv:2: a resource item without a category' '名称,容量\n新单位,3\n'
  bad 'no column of names' 'unit,type\n新单位,企业\n'
  bad 'bad.csv:2: the unit has no name' '名称,类型\n,企业\n'

  # Needs into the registry, their places named as plain.linli names them:
  # a bad row refuses the file with its line and leaves the registry as it
  # was; then 8 hours of tutoring for 拱宸桥社区, listed back, imported
  # again changing nothing.
  printf '社区,类别,数量,优先级\n拱宸桥社区,tutoring,8,9\n石桥社区,venue,1,1\n' > bad-needs.csv
  "$tool" needs import bad-needs.csv --project plain.linli --registry "$uri" > out.txt 2> err.txt &&
    fail "$name: a need of an unknown community was taken"
  grep -qF 'bad-needs.csv:3: the project has no community “石桥社区”' err.txt ||
    fail "$name: no line for the unknown community"
  "$tool" needs list --registry "$uri" --json > needs.json 2> err.txt || fail "$name: needs list: exit $?"
  grep -q '"needs" : \[\]' needs.json || fail "$name: the refused needs file left needs behind"
  # A registry of units only: assign takes the plan's needs, and says so.
  "$tool" assign with-needs.linli --registry "$uri" > out.txt 2> err.txt || fail "$name: assign, plan's needs: exit $?"
  grep -q '第二中学 → 大关西苑, Tutoring: 2.0 小时' out.txt || fail "$name: the plan's need is not assigned"
  grep -q "the registry holds no needs: the plan’s 1 need is used" err.txt || fail "$name: not said that the plan's needs are used"
  printf '社区,类别,数量,优先级,备注\n拱宸桥社区,Tutoring,8,9,周末\n' > needs.csv
  "$tool" needs import needs.csv --project plain.linli --registry "$uri" > out.txt 2> err.txt ||
    fail "$name: needs import: exit $?"
  grep -q ': 1 needs added, 0 changed' out.txt || fail "$name: not 1 need added"
  "$tool" needs list --registry "$uri" --project plain.linli --json > needs.json 2> err.txt ||
    fail "$name: needs list: exit $?"
  for want in '"place_kind" : "community"' '"place" : "c1"' '"place_name" : "拱宸桥社区"' \
              '"category" : "tutoring"' '"quantity" : 8.0' '"priority" : 9' '"note" : "周末"' \
              '"version" : 1'; do
    grep -qF "$want" needs.json || fail "$name: the listed needs lack $want"
  done
  "$tool" needs list --registry "$uri" --project plain.linli > out.txt 2> err.txt ||
    fail "$name: needs list: exit $?"
  grep -q '拱宸桥社区 (community): Tutoring, 8 per month, priority 9 — 周末' out.txt ||
    fail "$name: the need is not listed as text"
  "$tool" needs import needs.csv --project plain.linli --registry "$uri" > out.txt 2> err.txt ||
    fail "$name: needs again: exit $?"
  grep -q ': 0 needs added, 0 changed' out.txt || fail "$name: importing the same needs changed something"
  "$tool" assign plain.linli --registry "$uri" --save snap.linli > with.txt 2> err.txt ||
    fail "$name: assign --registry: exit $?"
  grep -q '第二中学 → 拱宸桥社区, Tutoring: 8.0 小时, 0 m' with.txt || fail "$name: the registry's unit is not assigned"
  "$tool" validate snap.linli > /dev/null 2> err.txt || fail "$name: the snapshot does not validate"
  if command -v xmllint > /dev/null; then
    xmllint --noout --relaxng "$src/data/linli-2.rng" snap.linli 2> err.txt || fail "$name: the snapshot is not valid against the schema"
  fi
  grep -q '<partners registry="' snap.linli || fail "$name: the snapshot does not say its registry"
  if [ -n "${PGPASSWORD:-}" ] && grep -qF "$PGPASSWORD" snap.linli with.txt en.json; then
    fail "$name: the password shows"
  fi
  "$tool" assign snap.linli > alone.txt 2> err.txt || fail "$name: assign on the snapshot: exit $?"
  cmp -s with.txt alone.txt || fail "$name: the snapshot alone does not give the same assignment"
  echo "$name: ok"
}

# Needs into a plan: the plan written with them, the others kept.
printf '小区,类别,数量\n大关西苑,tutoring,2\n' > plan-needs.csv
"$tool" needs import plan-needs.csv --project plain.linli -o with-needs.linli > out.txt 2> err.txt ||
  fail "plan: needs import: exit $?"
grep -q 'with-needs.linli: 1 needs added, 0 changed' out.txt || fail "plan: not 1 need added"
grep -q '<need id="n1" place-kind="compound" place="k2" category="tutoring" quantity="2" priority="1"' \
  with-needs.linli || fail "plan: the need is not in the plan written"
"$tool" needs list --project with-needs.linli > out.txt 2> err.txt || fail "plan: needs list: exit $?"
grep -q '大关西苑 (compound): Tutoring, 2 per month, priority 1' out.txt || fail "plan: the need is not listed"
"$tool" needs import plan-needs.csv --project plain.linli > out.txt 2> err.txt &&
  fail "plan: needs import without --registry or -o was taken"
echo "plan: ok"

run_backend sqlite registry.sqlite

if [ -n "${LINLI_TEST_POSTGRESQL+set}" ] && command -v psql > /dev/null; then
  # The password in the URI: it must not show anywhere.
  uri="postgresql://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE"
  psql -q -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' > /dev/null 2>&1 || fail "psql"
  run_backend postgresql "$uri"
else
  echo "postgresql: skipped, not run by run-with-postgresql.sh"
fi
