#!/usr/bin/env bash
# linli-tool assign, end to end on a small project of two communities 1 km
# apart: what is met, the straight-line note, each reason for an unmet need
# (capacity used by a higher priority, beyond the maximum distance with the
# nearest unit, no unit offering the category, a forbidden pair), a fixed
# pair, pairs and options kept in the plan, the contact hidden in JSON when the project hides names, and exit 2
# for a pair that names no unit.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

fail() { echo "$*"; [ -f out.txt ] && cat out.txt; [ -f err.txt ] && cat err.txt; exit 1; }

# c1 around 30.300 N, c2 about 1.1 km north.  Unit u1 (school, at c1) has 10 hours of tutoring a month,
# u2 (hospital, at c2) 6 medical checks a quarter (2 a month).
write_project() {
  cat > "$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<linli version="2" name="assign">
  <settings walk-minutes="10" walk-speed-kmh="4.5"$2/>
  <communities><community id="c1" name="拱宸桥社区"/><community id="c2" name="大关社区"/></communities>
  <compounds><compound id="k1" name="和睦新村" community="c1"/><compound id="k2" name="大关西苑" community="c2"/></compounds>
  <buildings>
    <building id="b1" compound="k1" lat="30.3000000" lon="120.1400000" households="100"/>
    <building id="b2" compound="k2" lat="30.3100000" lon="120.1400000" households="100"/>
  </buildings>
  <partners>
    <unit id="u1" name="第二中学" type="school" lat="30.3000000" lon="120.1400000" contact="张老师" members="12">
      <resource category="tutoring" quantity="3" measure="小时" capacity="10" period="month"/>
    </unit>
    <unit id="u2" name="浙江医院" type="hospital" lat="30.3100000" lon="120.1400000" members="40">
      <resource category="medical-checks" capacity="6" period="quarter"/>
    </unit>
    <unit id="u3" name="无址单位" type="other"/>
    <need id="n1" place-kind="community" place="c1" category="tutoring" quantity="8" priority="9"/>
    <need id="n2" place-kind="compound" place="k1" category="tutoring" quantity="5" priority="2"/>
    <need id="n3" place-kind="community" place="c1" category="medical-checks" quantity="2" priority="5"/>
    <need id="n4" place-kind="community" place="c2" category="legal-advice" quantity="1" priority="5"/>
    <need id="n5" place-kind="compound" place="k2" category="tutoring" quantity="4" priority="1"/>
  </partners>
</linli>
XML
}
write_project plain.linli ""
"$tool" validate plain.linli > /dev/null || fail "the fixture does not validate"

# Within 800 m: u1 gives n1 its 8 hours and n2 the 2 left; u2 (1.1 km from c1) is too far for n3;
# nobody offers legal advice; n5 at k2 is 1.1 km from u1.
"$tool" assign -d 800 plain.linli > out.txt 2> err.txt || fail "assign: exit status $?"
grep -q 'Distances: straight lines, not walks along streets' out.txt || fail "the straight-line note is missing"
grep -q 'unit u3 has no position and takes no part' out.txt || fail "the unit without a position is not named"
grep -q '第二中学 → 拱宸桥社区, Tutoring: 8.0 小时, 0 m' out.txt || fail "n1 is not met by u1"
grep -q '第二中学 → 和睦新村, Tutoring: 2.0 小时, 0 m' out.txt || fail "n2 does not get what is left"
grep -q 'n2 和睦新村, Tutoring: 3.0 of 5.0 unmet (priority 2): the units within reach are full with needs of the same or higher priority: n1 (拱宸桥社区, priority 9)' out.txt ||
  fail "n2's reason is not the capacity used by n1"
grep -Eq 'n3 拱宸桥社区, Medical checks: 2.0 of 2.0 unmet \(priority 5\): every unit offering it is farther than 800 m; the nearest, 浙江医院, is 11[0-9][0-9] m away' out.txt ||
  fail "n3's reason is not the distance to the hospital"
grep -q 'n4 大关社区, Legal advice: 1.0 of 1.0 unmet (priority 5): no unit offers “Legal advice”' out.txt ||
  fail "n4's reason is not that nobody offers legal advice"
grep -Eq 'n5 大关西苑, Tutoring: 4.0 of 4.0 unmet \(priority 1\): every unit offering it is farther than 800 m' out.txt ||
  fail "n5's reason is not the distance"

# No limit: the hospital serves n3 (2 a month); forbidding u1 for n1 leaves n1 unmet for that reason,
# and fixing u1 to n5 serves it first, 1.1 km away.
"$tool" assign plain.linli --forbid u1:n1 --fix u1:n5 > out.txt 2> err.txt || fail "assign with pairs: exit status $?"
grep -Eq '浙江医院 → 拱宸桥社区, Medical checks: 2.0, 11[0-9][0-9] m' out.txt || fail "n3 is not met by the hospital"
grep -Eq '第二中学 → 大关西苑, Tutoring: 4.0 小时, 11[0-9][0-9] m \(fixed\)' out.txt || fail "the fixed pair is not served first"
grep -q 'n1 拱宸桥社区, Tutoring: 8.0 of 8.0 unmet (priority 9): every unit offering it is forbidden for this need' out.txt ||
  fail "n1's reason is not the forbidden pair"

# JSON: the same figures; the contact shown, then hidden when the project hides names.
"$tool" assign --json -d 800 plain.linli > out.json 2> err.txt || fail "assign --json: exit status $?"
grep -q '"distance" : "straight-line"' out.json || fail "JSON: no straight-line note"
grep -q '"contact" : "张老师"' out.json || fail "JSON: the contact is missing"
grep -q '"reason" : "too-far"' out.json && grep -q '"nearest_unit" : "u2"' out.json || fail "JSON: no too-far reason"
grep -q '"reason" : "no-offer"' out.json && grep -q '"reason" : "capacity"' out.json || fail "JSON: reasons missing"
grep -q '"unplaced_units" : \[' out.json || fail "JSON: no unplaced units"
# Every community at least one unit: without a limit 大关社区 (c2) gets 1 hour of u1's tutoring at
# 大关西苑 before 和睦新村's priority-2 need; within 800 m nothing reaches it, and it says why.
"$tool" assign plain.linli --every-community > out.txt 2> err.txt || fail "assign --every-community: exit status $?"
grep -Eq '第二中学 → 大关西苑, Tutoring: 1.0 小时, 11[0-9][0-9] m' out.txt || fail "c2 does not get its minimum"
grep -q '第二中学 → 和睦新村, Tutoring: 1.0 小时, 0 m' out.txt || fail "n2 does not get what the minimum leaves"
grep -q 'Every community at least 1 a month (or all it needs, when less): 2 of 2 communities with needs have it' out.txt ||
  fail "the communities' figure is wrong"
"$tool" assign plain.linli --every-community --community-minimum 3 -d 800 > out.txt 2> err.txt || fail "assign -d 800 --every-community: exit status $?"
grep -q '1 of 2 communities with needs have it' out.txt || fail "c2 is not short within 800 m"
grep -q '大关社区 receives 0.0: every unit offering what it needs is farther than 800 m' out.txt || fail "c2's reason is not the distance"
"$tool" assign plain.linli --every-community --json > out.json 2> err.txt || fail "assign --every-community --json: exit status $?"
grep -q '"community_minimum" : 1' out.json && grep -q '"received" : 1' out.json || fail "JSON: no communities"
"$tool" assign plain.linli --every-community --community-minimum 0 > out.txt 2> err.txt && fail "a minimum of 0 is taken"
[ $? -eq 2 ] || fail "a minimum of 0: exit status is not 2"

write_project hidden.linli ' hide-names="true"'
"$tool" assign --json hidden.linli > hidden.json 2> err.txt || fail "assign --json hidden: exit status $?"
if grep -q '张老师' hidden.json; then fail "JSON: the contact shows though the project hides names"; fi

# Whole units, one place each: the hospital takes on 拱宸桥社区 (its needs weigh 9 + 5), which leaves the
# school 和睦新村 (2) rather than 大关西苑 (1); nobody offers what 大关社区 needs.
"$tool" assign --whole plain.linli > out.txt 2> err.txt || fail "assign --whole: exit status $?"
grep -Eq '浙江医院 → 拱宸桥社区, 11[0-9][0-9] m' out.txt || fail "whole: the hospital does not take 拱宸桥社区"
grep -q '第二中学 → 和睦新村, 0 m' out.txt || fail "whole: the school does not take 和睦新村"
grep -q '大关社区 (weight 5): no unit offers anything this place needs' out.txt ||
  fail "whole: 大关社区's reason is wrong"
grep -q '大关西苑 (weight 1): the units within reach have taken on places of the same or higher weight: 和睦新村 (weight 2)' out.txt ||
  fail "whole: 大关西苑's reason is wrong"
"$tool" assign --whole --places-per-unit 2 --json plain.linli > whole.json 2> err.txt ||
  fail "assign --whole --json: exit status $?"
grep -q '"mode" : "whole"' whole.json || fail "whole JSON: no mode"
[ "$(grep -c '"unit" : "u1"' whole.json)" = 2 ] || fail "whole JSON: the school does not take two places"

# Pairs and options the plan keeps (its Partners page's): within 800 m and u1 never for n1, n1 stays
# unmet for that reason and n3 for the distance; --fix on the command line overrides the stored pair.
sed 's|  </partners>|    <rules max-distance="800"><rule unit="u1" need="n1" kind="forbidden"/></rules>\n  </partners>|' \
  plain.linli > rules.linli
"$tool" validate rules.linli > /dev/null || fail "the fixture with rules does not validate"
"$tool" assign rules.linli > out.txt 2> err.txt || fail "assign with stored rules: exit status $?"
grep -q 'Maximum distance: 800 m' out.txt || fail "stored rules: the maximum distance is not used"
grep -q 'n1 拱宸桥社区, Tutoring: 8.0 of 8.0 unmet (priority 9): every unit offering it is forbidden for this need' out.txt ||
  fail "stored rules: n1's reason is not the forbidden pair"
grep -Eq 'n3 拱宸桥社区, Medical checks: 2.0 of 2.0 unmet \(priority 5\): every unit offering it is farther than 800 m' out.txt ||
  fail "stored rules: n3's reason is not the distance"
"$tool" assign rules.linli --fix u1:n1 > out.txt 2> err.txt || fail "assign --fix over a stored rule: exit status $?"
grep -q '第二中学 → 拱宸桥社区, Tutoring: 8.0 小时, 0 m (fixed)' out.txt || fail "--fix does not override the stored rule"

# A pair naming no unit is refused.

status=0
"$tool" assign plain.linli --fix u9:n1 > out.txt 2> err.txt || status=$?
[ "$status" = 2 ] || fail "a pair with no unit: exit status $status, not 2"
grep -q 'No partner unit “u9” with a position' err.txt || fail "a pair with no unit: no message"
echo "ok"
