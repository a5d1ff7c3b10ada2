#!/usr/bin/env bash
# Writes the small GIS fixtures of tests/test-import-ogr.c with GDAL's
# command-line tools (gdal-bin), from the WGS84 outlines below.  The test does
# not trust these files' coordinates: it checks them against its own
# Gauss–Krüger series.  Run it here to remake them; the output is committed.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Three buildings in Hangzhou (CGCS2000 3-degree zone 40, central meridian 120°E)
# and a street between them.  Names and compounds are Chinese, so the
# Shapefile's GBK attributes are tested.
cat > "$tmp/buildings.geojson" <<'JSON'
{ "type": "FeatureCollection", "features": [
{ "type": "Feature", "properties": { "名称": "1号楼", "户数": 48, "层数": 6, "小区": "翠苑一区", "社区": "翠苑社区" },
  "geometry": { "type": "Polygon", "coordinates": [[[120.1200, 30.2800], [120.1204, 30.2800], [120.1204, 30.2802], [120.1200, 30.2802], [120.1200, 30.2800]]] } },
{ "type": "Feature", "properties": { "名称": "2号楼", "户数": 36, "层数": 6, "小区": "翠苑一区", "社区": "翠苑社区" },
  "geometry": { "type": "Polygon", "coordinates": [[[120.1210, 30.2800], [120.1214, 30.2800], [120.1214, 30.2803], [120.1210, 30.2803], [120.1210, 30.2800]]] } },
{ "type": "Feature", "properties": { "名称": "5幢", "层数": 11, "小区": "翠苑二区", "社区": "翠苑社区" },
  "geometry": { "type": "Polygon", "coordinates": [[[120.1220, 30.2810], [120.1226, 30.2810], [120.1226, 30.2813], [120.1220, 30.2813], [120.1220, 30.2810]]] } }
] }
JSON
cat > "$tmp/streets.geojson" <<'JSON'
{ "type": "FeatureCollection", "features": [
{ "type": "Feature", "properties": { "name": "文二路", "highway": "residential" },
  "geometry": { "type": "LineString", "coordinates": [[120.1195, 30.2806], [120.1230, 30.2806]] } },
{ "type": "Feature", "properties": { "name": "支路", "highway": "footway" },
  "geometry": { "type": "LineString", "coordinates": [[120.1207, 30.2806], [120.1207, 30.2815]] } }
] }
JSON

rm -rf gk-buildings.* two-layers.gpkg buildings.kml building-list.xlsx gk-buildings.gdb \
  building-list.ods
ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:4549 -lco ENCODING=GBK gk-buildings.shp "$tmp/buildings.geojson"
ogr2ogr -f GPKG two-layers.gpkg "$tmp/buildings.geojson" -nln buildings
ogr2ogr -f GPKG -update two-layers.gpkg "$tmp/streets.geojson" -nln streets
ogr2ogr -f KML buildings.kml "$tmp/buildings.geojson" -dsco NameField=名称
# GML 3.2 and a FileGDB (GDAL 3.6 writes it) in the same Gauss–Krüger zone.
# The GML keeps its .xsd beside it, so that reading it writes no .gfs here.
ogr2ogr -f GML -t_srs EPSG:4549 gk-buildings.gml "$tmp/buildings.geojson" -nln buildings \
  -dsco FORMAT=GML3.2
ogr2ogr -f OpenFileGDB -t_srs EPSG:4549 gk-buildings.gdb "$tmp/buildings.geojson" -nln buildings

# A building list as the community keeps it in Excel: no outlines, a row each.
cat > "$tmp/list.csv" <<'CSV'
楼栋,户数,常住人口,纬度,经度,小区
1号楼,48,120,30.2801,120.1202,翠苑一区
2号楼,36,95,30.28015,120.1212,翠苑一区
5幢,66,170,30.28115,120.1223,翠苑二区
CSV
ogr2ogr -f XLSX building-list.xlsx "$tmp/list.csv" -oo AUTODETECT_TYPE=YES -nln 楼栋表
ogr2ogr -f ODS building-list.ods "$tmp/list.csv" -oo AUTODETECT_TYPE=YES -nln 楼栋表
