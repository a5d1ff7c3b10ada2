#!/usr/bin/env bash
# linli-tool import, end to end, with hostile geometry: outlines that cross
# themselves or have no area are repaired or dropped and said so, and the
# file opens; 100,000 nested brackets are refused, not a crash; data across
# the 180° meridian are refused and nothing is written; the street length
# the import reports is the one `info` prints.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

cat > rings.geojson <<'JSON'
{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates":
  [[[121.49, 31.23], [121.4901, 31.2301], [121.4901, 31.23], [121.49, 31.2301000001], [121.49, 31.23]]]}},
{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates":
  [[[121.49, 31.23], [121.491, 31.231], [121.492, 31.2320000000001], [121.49, 31.23]]]}},
{"type": "Feature", "properties": {"highway": "footway"}, "geometry": {"type": "LineString", "coordinates":
  [[121.40, 31.20], [121.45, 31.22], [121.50, 31.20]]}}
]}
JSON
"$tool" import --geojson rings.geojson --out rings.linli > out.txt
grep -q '1 outlines crossing themselves replaced by their convex hull; 1 outlines with no area dropped' out.txt
"$tool" validate rings.linli > /dev/null
imported=$(sed -n 's/^streets: .* nodes, \([0-9.]*\) km.*/\1/p' out.txt)
"$tool" info rings.linli > info.txt
shown=$(sed -n 's/^streets: .* nodes, \([0-9.]*\) km.*/\1/p' info.txt)
[ -n "$imported" ] && [ "$imported" = "$shown" ] || { echo "import says $imported km, info $shown km"; exit 1; }

head -c 100000 /dev/zero | tr '\0' '[' > deep.geojson
if "$tool" import --geojson deep.geojson --out deep.linli 2> err.txt; then
  echo "100,000 nested brackets were accepted"; exit 1
fi
grep -q 'deep.geojson:1: arrays and objects nested deeper than 64 levels' err.txt
[ ! -e deep.linli ]

cat > across.geojson <<'JSON'
{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates":
  [[[179.99995, 31.23], [-179.99995, 31.23], [-179.99995, 31.2301], [179.99995, 31.2301], [179.99995, 31.23]]]}}
]}
JSON
if "$tool" import --geojson across.geojson --out across.linli 2> err.txt; then
  echo "a building across the 180° meridian was accepted"; exit 1
fi
grep -q 'across.geojson: longitudes reach from -179.99995 to 179.99995: the data cross the 180° meridian' err.txt
[ ! -e across.linli ]
echo ok

# A generated district near the 180° meridian or a pole is refused up front,
# with no warning from deep inside and no file.
if "$tool" generate --seed 1 --buildings 200 --center 31,179.999 --out far.linli > gen.txt 2> gen.err; then
  echo "a district at 179.999° was generated"; exit 1
fi
grep -q "must lie within 60°" gen.err || { cat gen.err; exit 1; }
! grep -q CRITICAL gen.err || { cat gen.err; exit 1; }
[ ! -e far.linli ] || { echo "far.linli written"; exit 1; }
"$tool" generate --seed 1 --buildings 200 --center 22.54,114.06 --out near.linli > /dev/null
"$tool" validate near.linli > /dev/null
