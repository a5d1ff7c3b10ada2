#!/usr/bin/env bash
# linli-tool grid propose and check, end to end: a generated district's
# community divided, every grid in the range (checked with the JSON the
# tool prints), the saved file valid and its grids seen by check; an
# impossible range refused with the reason and exit status 1, nothing
# saved; an unknown community refused with status 2.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

"$tool" generate --seed 4 --buildings 700 --out d.linli > /dev/null
community=$(sed -n 's/.*<community id="\([^"]*\)".*/\1/p' d.linli | head -1)
"$tool" grid propose d.linli --community "$community" --json --save g.linli > p.json
python3 - p.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
assert p["found"], p["problems"]
assert len(p["grids"]) > 0
for g in p["grids"]:
    assert 300 <= g["households"] <= 500, g
    assert g["contiguous"], g
PY
"$tool" validate g.linli > /dev/null
n=$(grep -c '<grid ' g.linli)
[ "$n" -gt 0 ] || { echo "no grids saved"; exit 1; }

# check: the community with grids has no building outside them.
"$tool" check g.linli --json > c.json || true
python3 - c.json "$community" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
rules = [v["rule"] for v in c["violations"] if v["community"] == sys.argv[2]]
assert "building-no-grid" not in rules, rules
assert "grid-out-of-range" not in rules, rules
PY

# No number of grids fits: said, status 1, nothing saved.
if "$tool" grid propose d.linli --community "$community" --min 977 --max 977 --save bad.linli > out.txt; then
  echo "an impossible range was accepted"; exit 1
else
  [ $? -eq 1 ]
fi
grep -q "No number of grids fits" out.txt
[ ! -e bad.linli ]

# An unknown community: status 2.
set +e
"$tool" grid propose d.linli --community nope > /dev/null 2> err.txt
status=$?
set -e
[ "$status" -eq 2 ] && grep -q "nope" err.txt
