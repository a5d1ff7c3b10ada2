/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-document.h"

G_BEGIN_DECLS

/* Results back out to the GIS the office uses (ArcGIS, QGIS, SuperMap):
 * buildings with their coverage, walk to the nearest site, grid and chain
 * status; sites with the households each serves; streets with the walk
 * to the nearest site; grids with their figures; the partner units'
 * assignment as lines; as a GeoPackage, Shapefiles or GeoJSON, in WGS84
 * or a coordinate system PROJ knows.  Errors use LINLI_IMPORT_ERROR. */

typedef enum
{
  LINLI_EXPORT_OGR_GPKG,       /* one file, a layer each (the default) */
  LINLI_EXPORT_OGR_SHAPEFILE,  /* a .shp (.shx, .dbf, .prj, .cpg) per layer */
  LINLI_EXPORT_OGR_GEOJSON,    /* a file per layer, always WGS84 (RFC 7946) */
} LinliExportOgrFormat;

typedef enum
{
  LINLI_EXPORT_OGR_BUILDINGS = 1 << 0,
  LINLI_EXPORT_OGR_SITES     = 1 << 1,
  LINLI_EXPORT_OGR_STREETS   = 1 << 2,
  LINLI_EXPORT_OGR_GRIDS     = 1 << 3,   /* left out when the project has no grids */
  LINLI_EXPORT_OGR_ASSIGNMENTS = 1 << 4, /* partner units to places; left out without units or needs */
} LinliExportOgrLayers;

typedef struct
{
  LinliExportOgrFormat format;
  guint                layers;     /* LinliExportOgrLayers */
  const char          *crs;        /* "EPSG:4549", WKT or a PROJ string; NULL: WGS84 */
  const char          *encoding;   /* of Shapefile attributes: "UTF-8" (NULL) or "GBK" */
} LinliExportOgrOptions;

void       linli_export_ogr_options_init  (LinliExportOgrOptions *options);
gboolean   linli_export_ogr_format_from_path (const char           *path,
                                              LinliExportOgrFormat *format);
gboolean   linli_export_ogr_layers_parse  (const char  *list,
                                           guint       *layers,
                                           GError     **error);
GPtrArray *linli_export_ogr               (LinliDocument               *document,
                                           const char                  *path,
                                           const LinliExportOgrOptions *options,
                                           GError                     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
