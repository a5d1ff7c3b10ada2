#!/usr/bin/env bash
# linli-tool scenario, end to end on the bundled sample:
# - list: the sample has only the base, active;
# - from-plan: the plan's proposed sites become a scenario's planned sites
#   (the same ids `plan --json` chooses), the project's own sites stay, the
#   file validates by the tool and by the schema;
# - compare --json: every difference is b − a and every per-cent change
#   100 (b − a) / a, the base's covered households are those of `info`, the
#   scenario's those the plan reports, better and worse by the figure's sense;
# - a duplicate name, an unknown scenario and a file with a dangling decision
#   are refused with exit status 2 (1 for the file, with its line), nothing written.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=${2:?source dir}
sample="$src/data/sample.linli"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

fail() { echo "$*"; [ -f out.txt ] && cat out.txt; [ -f err.txt ] && cat err.txt; exit 1; }

"$tool" scenario list "$sample" > out.txt || fail "list: exit status $?"
[ "$(wc -l < out.txt)" = 2 ] || fail "list: the sample should list the base only"
grep -q '^\* base .*0 added, 0 changed, 0 removed' out.txt || fail "list: the base is not active"

"$tool" plan "$sample" --k 3 --json > plan.json || fail "plan: exit status $?"
"$tool" scenario from-plan "$sample" --name "方案一：新增3站" --note "联席会议" --k 3 --out a.linli > out.txt 2> err.txt ||
  fail "from-plan: exit status $?"
grep -q 'Scenario “方案一：新增3站” (scenario-1): 3 proposed sites planned' out.txt || fail "from-plan: not said"
"$tool" validate a.linli > /dev/null || fail "from-plan: the result does not validate"
if command -v xmllint > /dev/null; then
  xmllint --noout --relaxng "$src/data/linli-2.rng" a.linli 2> err.txt || fail "from-plan: not valid by the schema"
fi
# The project's own sites are the sample's: the scenario is beside them.
diff <(sed -n '/<sites>/,/<\/sites>/p' "$sample") <(sed -n '/<sites>/,/<\/sites>/p' a.linli) > /dev/null ||
  fail "from-plan: the project's sites changed"
python3 - plan.json a.linli <<'PY'
import json, re, sys
plan = json.load(open(sys.argv[1]))
chosen = [re.search(r"\(([^()]*)\)$", c["id"]).group(1) for c in plan["chosen"]]
text = open(sys.argv[2], encoding="utf-8").read()
scenario = re.search(r'<scenario id="scenario-1" name="方案一：新增3站" note="联席会议">(.*?)</scenario>', text, re.S)
assert scenario, "scenario-1 not in the file"
changes = re.findall(r'<change id="([^"]*)"[^>]*status="planned"', scenario.group(1))
assert sorted(changes) == sorted(chosen), (changes, chosen)
assert "<add" not in scenario.group(1) and "<remove" not in scenario.group(1)
PY

# A second scenario on top of the first file; the name of the first is taken.
"$tool" scenario from-plan a.linli --name "方案二：新增5站" --k 5 --out b.linli > /dev/null || fail "from-plan 2: $?"
set +e
"$tool" scenario from-plan b.linli --name "方案二：新增5站" --k 1 --out c.linli > out.txt 2> err.txt
status=$?
set -e
[ "$status" = 2 ] || fail "a duplicate name: exit status $status, not 2"
grep -q 'already a scenario named' err.txt || fail "a duplicate name: the reason is not said"
[ ! -e c.linli ] || fail "a duplicate name: a file was written"

"$tool" scenario list b.linli > out.txt
grep -q '^  scenario-1 .*方案一：新增3站 .*0 added, 3 changed, 0 removed  — 联席会议' out.txt || fail "list: scenario-1"
grep -q '^  scenario-2 .*方案二：新增5站 .*0 added, 5 changed, 0 removed' out.txt || fail "list: scenario-2"

"$tool" info "$sample" > info.txt
"$tool" scenario compare b.linli base "方案一：新增3站" --json > compare.json || fail "compare: exit status $?"
python3 - compare.json plan.json info.txt <<'PY'
import json, math, sys
c = json.load(open(sys.argv[1]))
plan = json.load(open(sys.argv[2]))
district = [l for l in open(sys.argv[3], encoding="utf-8") if l.startswith("district")][0].split()
assert c["a"] == {"id": "base", "name": "Current State"}, c["a"]
assert c["b"]["id"] == "scenario-1", c["b"]
rows = {r["key"]: r for r in c["figures"]}
assert rows["households-covered"]["a"] == float(district[5]), (rows["households-covered"], district)
assert rows["households-covered"]["b"] == plan["covered_weight"], rows["households-covered"]
assert rows["households"]["a"] == rows["households"]["b"] == plan["total_weight"]
assert rows["stations-planned"]["b"] - rows["stations-planned"]["a"] == 3
for r in c["figures"]:
    a, b = r["a"], r["b"]
    if a is None or b is None:
        assert r["diff"] is None, r
        continue
    assert r["diff"] == b - a, r
    if a == 0:
        assert r["percent"] is None, r
    else:
        assert math.isclose(r["percent"], 100 * (b - a) / abs(a), rel_tol=1e-12), r
assert rows["households-covered"]["judge"] == 1
assert rows["households-uncovered"]["judge"] == 1
assert rows["households"]["judge"] == 0
PY

"$tool" scenario compare b.linli scenario-1 scenario-2 > out.txt || fail "compare text: exit status $?"
grep -q '^方案二：新增5站 compared with 方案一：新增3站' out.txt || fail "compare text: no title"
grep -q '^Households covered .*better$' out.txt || fail "compare text: covered households not better"

set +e
"$tool" scenario compare b.linli base 方案九 > out.txt 2> err.txt
status=$?
set -e
[ "$status" = 2 ] || fail "an unknown scenario: exit status $status, not 2"
grep -q 'no scenario named “方案九”' err.txt || fail "an unknown scenario: the reason is not said"

# A decision about a site the base does not have.
sed 's/<change id="site-16"/<change id="no-such-site"/' b.linli > bad.linli
line=$(grep -n 'no-such-site' bad.linli | head -1 | cut -d: -f1)
set +e
"$tool" scenario list bad.linli > out.txt 2> err.txt
status=$?
set -e
[ "$status" = 1 ] || fail "a dangling decision: exit status $status, not 1"
grep -q "bad.linli:$line: .*refers to site “no-such-site”, which the base does not have" err.txt ||
  fail "a dangling decision: file, line or reason missing"

# A report on a scenario, whichever is open in the file, and a page
# comparing it with the base: its key figures are the scenario's, as compare
# gives them, and the page names both.
"$tool" export a.linli --scenario "方案一：新增3站" --compare base --pdf s.pdf --csv s > out.txt 2> err.txt ||
  fail "export --scenario: exit status $?"
"$tool" scenario compare a.linli base "方案一：新增3站" --json > cmp.json || fail "compare for export"
want=$(python3 -c "
import json
d = json.load(open('cmp.json'))
rows = d['figures'] if 'figures' in d else d
row = [r for r in rows if r['key'] == 'households-covered'][0]
print(int(row['b']))")
tr -d '\r' < s/figures.csv | grep -qx "Households covered,$want" || fail "export --scenario: households covered not $want"
pdftotext s.pdf s.txt
grep -q "方案一：新增3站" s.txt || fail "export --scenario: the scenario is not named"
grep -q "Current State" s.txt || fail "export --compare base: the base is not named"
status=0; "$tool" export a.linli --scenario no-such --pdf x.pdf 2> err.txt || status=$?
[ "$status" = 2 ] && grep -q "no-such" err.txt || fail "export --scenario no-such: status $status"
[ ! -e x.pdf ] || fail "export --scenario no-such wrote a file"

# In Chinese the tool runs and the figures come out (the strings are
# translated by the lead later).
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$tool" scenario compare b.linli base scenario-2 > out.txt 2> err.txt ||
  fail "zh_CN: exit status $?"
[ "$(wc -l < out.txt)" -gt 10 ] || fail "zh_CN: no table"
echo ok
