#!/usr/bin/env bash
# linli-tool boundaries, end to end: a project made of buildings with
# communities and compounds takes the boundaries of a GeoJSON file by name
# and of an OpenStreetMap file by the buildings they hold; a file whose
# polygons match nothing exits 1 and writes nothing; a broken file exits 2
# with the feature.  With ../shared/data present, the Bund's land use is
# read against its own buildings.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=${2:?source dir}
shared=${3:-$src/../shared}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

# Two compounds of four buildings in community 翠苑社区, 200 m apart.
cat > buildings.geojson <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"1号楼","community":"翠苑社区","compound":"翠苑一区","households":30},"geometry":{"type":"Point","coordinates":[120.1001,30.3001]}},
{"type":"Feature","properties":{"name":"2号楼","community":"翠苑社区","compound":"翠苑一区","households":30},"geometry":{"type":"Point","coordinates":[120.1003,30.3001]}},
{"type":"Feature","properties":{"name":"3号楼","community":"翠苑社区","compound":"翠苑一区","households":30},"geometry":{"type":"Point","coordinates":[120.1001,30.3003]}},
{"type":"Feature","properties":{"name":"4号楼","community":"翠苑社区","compound":"翠苑一区","households":30},"geometry":{"type":"Point","coordinates":[120.1003,30.3003]}},
{"type":"Feature","properties":{"name":"5号楼","community":"翠苑社区","compound":"翠苑二区","households":30},"geometry":{"type":"Point","coordinates":[120.1021,30.3001]}},
{"type":"Feature","properties":{"name":"6号楼","community":"翠苑社区","compound":"翠苑二区","households":30},"geometry":{"type":"Point","coordinates":[120.1023,30.3001]}},
{"type":"Feature","properties":{"name":"7号楼","community":"翠苑社区","compound":"翠苑二区","households":30},"geometry":{"type":"Point","coordinates":[120.1021,30.3003]}},
{"type":"Feature","properties":{"name":"8号楼","community":"翠苑社区","compound":"翠苑二区","households":30},"geometry":{"type":"Point","coordinates":[120.1023,30.3003]}}
]}
JSON
"$tool" import --geojson buildings.geojson --out project.linli > /dev/null

cat > community.geojson <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"翠苑社区居委会","boundary":"administrative"},"geometry":{"type":"Polygon","coordinates":[[[120.0995,30.2995],[120.1030,30.2995],[120.1030,30.3010],[120.0995,30.3010],[120.0995,30.2995]]]}},
{"type":"Feature","properties":{"name":"远方"},"geometry":{"type":"Polygon","coordinates":[[[-70,-30],[-69.99,-30],[-69.99,-29.99],[-70,-30]]]}}
]}
JSON
"$tool" boundaries --project project.linli --from community.geojson --out with-community.linli > out.txt
grep -q 'Polygons read: 2; matched 1, not matched 0, skipped 1' out.txt
grep -q 'feature 1 “翠苑社区居委会” → community 翠苑社区, by name (8 of its 8 buildings inside)' out.txt
grep -q 'feature 2 “远方” (no kind): no building of the project lies within 2 km of it' out.txt
grep -q 'Compounds still without a boundary: 2' out.txt
grep -q '<boundary community=' with-community.linli

# A residential area around three of 翠苑二区's four buildings (75 %), with
# no name, from OpenStreetMap; the second area holds half of 翠苑一区.
cat > compounds.osm <<'OSM'
<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="30.2999" lon="120.1019"/>
  <node id="2" lat="30.2999" lon="120.1025"/>
  <node id="3" lat="30.3002" lon="120.1025"/>
  <node id="4" lat="30.3002" lon="120.1022"/>
  <node id="5" lat="30.3004" lon="120.1022"/>
  <node id="6" lat="30.3004" lon="120.1019"/>
  <node id="11" lat="30.2999" lon="120.0999"/>
  <node id="12" lat="30.2999" lon="120.1005"/>
  <node id="13" lat="30.3002" lon="120.1005"/>
  <node id="14" lat="30.3002" lon="120.0999"/>
  <way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="5"/><nd ref="6"/><nd ref="1"/><tag k="landuse" v="residential"/></way>
  <way id="101"><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><nd ref="11"/><tag k="landuse" v="residential"/></way>
</osm>
OSM
"$tool" boundaries -p with-community.linli --from compounds.osm -o with-compound.linli > out.txt
grep -q 'way 100 “(no name)” → compound 翠苑二区, by buildings (3 of its 4 inside)' out.txt
grep -q 'way 101 “(no name)” (landuse=residential): it has no name and holds most of no compound' out.txt
grep -q 'Compounds still without a boundary: 1' out.txt
[ "$(grep -c '<boundary ' with-compound.linli)" = 2 ]
if command -v xmllint > /dev/null; then
  xmllint --noout --relaxng "$src/data/linli-2.rng" with-compound.linli 2> /dev/null
fi

# Nothing matches: exit status 1, nothing written.
set +e
"$tool" boundaries -p project.linli --from compounds.osm --as community -o none.linli > out.txt 2> err.txt
status=$?
set -e
[ "$status" = 1 ] || { echo "exit status $status, not 1, when nothing matched"; exit 1; }
grep -q 'no polygon matched' err.txt
[ ! -e none.linli ]

# A point out of range: exit status 2, with the file and the feature.
printf '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[120,30],[120,95],[121,30],[120,30]]]}}]}' > bad.geojson
set +e
"$tool" boundaries -p project.linli --from bad.geojson -o bad.linli > /dev/null 2> err.txt
status=$?
set -e
[ "$status" = 2 ] || { echo "exit status $status, not 2, for a broken file"; exit 1; }
grep -q 'bad.geojson: feature 1: a point lies outside the valid range of coordinates' err.txt
[ ! -e bad.linli ]

# Real data, when present: the Bund's land use read against its buildings,
# all in one compound, so nothing can match and every polygon is listed.
bund=$shared/data/shanghai-bund
if [ -f "$bund/landuse.geojson" ] && [ -f "$bund/buildings.geojson" ]; then
  "$tool" import --geojson "$bund/buildings.geojson" --out bund.linli > /dev/null
  set +e
  "$tool" boundaries -p bund.linli --from "$bund/landuse.geojson" -o bund-b.linli > out.txt 2> /dev/null
  status=$?
  set -e
  [ "$status" = 1 ]
  grep -q 'Polygons read: 175; matched 0' out.txt
  grep -q '“上港小区” (landuse=residential)' out.txt
else
  echo "../shared/data/shanghai-bund absent: real-data part skipped"
fi
echo ok
