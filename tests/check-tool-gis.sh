#!/usr/bin/env bash
# linli-tool import --file and export --to, end to end: a Gauss–Krüger
# Shapefile with GBK attributes in, a GeoPackage in the same zone out and
# back in with the same buildings; a Shapefile in GBK; a bad CRS refused
# with nothing written; the sample's partner assignment as a line layer of
# as many lines as `assign` prints shares.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=${2:?source dir}
data="$src/tests/data/ogr"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

"$tool" import --list-layers "$data/two-layers.gpkg" > out.txt
grep -q '^buildings: polygons, 3 features, EPSG:4326' out.txt
grep -q '^streets: lines, 2 features, EPSG:4326' out.txt

"$tool" import --file "$data/gk-buildings.shp" --out gk.linli > out.txt
grep -q 'name=“名称”' out.txt
grep -q 'households=“户数”' out.txt
grep -q '3 imported, households estimated for 1' out.txt
"$tool" validate gk.linli > /dev/null
grep -q 'name="1号楼"' gk.linli

"$tool" export gk.linli --to out.gpkg --layers buildings,sites --crs EPSG:4549 > out.txt
grep -q 'out.gpkg$' out.txt
"$tool" import --list-layers out.gpkg > out.txt
grep -q '^buildings: polygons, 3 features, EPSG:4549' out.txt
grep -q '^sites: points, 0 features, EPSG:4549' out.txt
"$tool" import --file out.gpkg --layer buildings --out back.linli > /dev/null
# The same buildings: names, households and footprints to the centimetre.
strip() { grep -o '<building [^>]*>' "$1" | sed -E 's/(\.[0-9]{7})[0-9]*/\1/g'; }
diff <(strip gk.linli) <(strip back.linli)

"$tool" export gk.linli --to gbk.shp --layers buildings --encoding GBK > /dev/null
grep -qi -e 936 -e gbk gbk.cpg
LC_ALL=C grep -aq "$(printf '5幢' | iconv -f UTF-8 -t GBK)" gbk.dbf

if "$tool" export gk.linli --to bad.gpkg --crs EPSG:0 2> err.txt; then
  echo "an unknown coordinate system was accepted"; exit 1
fi
grep -q 'EPSG:0' err.txt
[ ! -e bad.gpkg ]
if "$tool" import --file "$data/gk-buildings.shp" --field colour=名称 --out x.linli 2> err.txt; then
  echo "an unknown field was accepted"; exit 1
fi
[ ! -e x.linli ]
"$tool" export "$src/data/sample.linli" --to assign.gpkg --layers assignments > /dev/null
"$tool" import --list-layers assign.gpkg > out.txt
shares=$("$tool" assign "$src/data/sample.linli" --json | grep -c '"need"')
[ "$shares" -gt 0 ]
grep -q "^assignments: lines, $shares features, EPSG:4326" out.txt || { cat out.txt; echo "not $shares lines"; exit 1; }
grep -q 'place_name' out.txt
echo "linli-tool GIS import and export agree"
