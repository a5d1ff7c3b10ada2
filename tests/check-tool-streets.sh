#!/usr/bin/env bash
# linli-tool add-streets, end to end: an OpenStreetMap file's walkable ways
# replace the bundled sample's streets, its buildings and sites stay, and a
# file with no walkable way fails and writes nothing.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=${2:?source dir}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

cat > streets.osm <<'OSM'
<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="30.3170" lon="120.1410"/>
  <node id="2" lat="30.3180" lon="120.1410"/>
  <node id="3" lat="30.3180" lon="120.1425"/>
  <node id="4" lat="30.3190" lon="120.1425"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <way id="11"><nd ref="3"/><nd ref="4"/><tag k="highway" v="footway"/></way>
  <way id="12"><nd ref="1"/><nd ref="4"/><tag k="highway" v="motorway"/></way>
</osm>
OSM
"$tool" add-streets --project "$src/data/sample.linli" --from streets.osm --out new.linli > out.txt
grep -q 'streets 2 ways, 4 nodes' out.txt
"$tool" info new.linli > info.txt
grep -q '2500 buildings, 36 sites' info.txt
grep -q 'streets: 2 ways, 4 nodes' info.txt
grep -q 'attribution="© OpenStreetMap contributors"' new.linli

printf '<osm version="0.6"><node id="1" lat="30" lon="120"/></osm>\n' > empty.osm
if "$tool" add-streets -p "$src/data/sample.linli" --from empty.osm -o bad.linli 2> err.txt; then
  echo "a file with no streets was accepted"; exit 1
fi
grep -q 'empty.osm: no walkable streets' err.txt
[ ! -e bad.linli ]
echo ok
