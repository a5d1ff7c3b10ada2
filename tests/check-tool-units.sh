#!/usr/bin/env bash
# linli-tool units and assign --registry, end to end: a units CSV (Chinese
# headers, one row per resource item) imported into a registry and listed
# back; imported again it changes nothing; an English CSV with ids changes
# one unit; each kind of bad row refused with file, line and reason and the
# registry left as it was; assign with the registry's lists, --save writing
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

run_backend() {  # NAME URI SQL-COMMAND…: the whole check on one registry
  local name=$1 uri=$2
  shift 2
  local sql=("$@")

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

  # A need in the registry, written behind the tool's back (there is no
  # command for needs yet): 8 hours of tutoring for c1.
  "${sql[@]}" "INSERT INTO needs (id, place_kind, place, category, quantity, priority, note, period, version) VALUES ('n1', 'community', 'c1', 'tutoring', 8, 9, NULL, 'month', 1)" ||
    fail "$name: could not add the need"
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

if command -v python3 > /dev/null; then
  sqlite_sql() { python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' registry.sqlite "$1"; }
  run_backend sqlite registry.sqlite sqlite_sql
else
  echo "sqlite: skipped, no python3 to add a need"
fi

if [ -n "${LINLI_TEST_POSTGRESQL+set}" ] && command -v psql > /dev/null; then
  # The password in the URI: it must not show anywhere.
  uri="postgresql://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE"
  psql -q -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' > /dev/null 2>&1 || fail "psql"
  pg_sql() { psql -q -v ON_ERROR_STOP=1 -c "$1" > /dev/null; }
  run_backend postgresql "$uri" pg_sql
else
  echo "postgresql: skipped, not run by run-with-postgresql.sh"
fi
