/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-import-csv.h"
#include "linli-import.h"

G_BEGIN_DECLS

/* The files the planning bureau and the surveying institute hand out,
 * read through GDAL/OGR: Shapefile (attributes in the encoding its .cpg
 * names, GBK common), GeoPackage, KML, GML, DXF, FileGDB, and Excel or
 * OpenDocument sheets as tables.  Coordinates in any system PROJ knows (an
 * EPSG code, a .prj or WKT, a PROJ string) are transformed to WGS84; GCJ-02
 * stays Linli's own transform, applied after.  Errors use LINLI_IMPORT_ERROR
 * and name the file, the layer and the feature.
 */

/* Fences against hostile or mistaken input: more is refused, not read. */
#define LINLI_OGR_MAX_FEATURES       2000000u             /* of one layer */
#define LINLI_OGR_MAX_VERTICES       (8u * 1024 * 1024)   /* of one layer, all geometries */
#define LINLI_OGR_MAX_FEATURE_POINTS 100000u              /* of one feature */
#define LINLI_OGR_MAX_LAYERS         1000u                /* listed */
#define LINLI_OGR_MAX_UNZIPPED       (256u * 1024 * 1024) /* bytes in an .xlsx or .ods */

/* What a layer's geometries are. */
typedef enum
{
  LINLI_OGR_GEOMETRY_NONE,      /* a table: a sheet, a .dbf alone */
  LINLI_OGR_GEOMETRY_POINT,
  LINLI_OGR_GEOMETRY_LINE,
  LINLI_OGR_GEOMETRY_POLYGON,
  LINLI_OGR_GEOMETRY_MIXED,     /* unknown or several kinds (KML, DXF) */
} LinliOgrGeometry;

typedef struct
{
  char             *name;
  LinliOgrGeometry  geometry;
  gint64            n_features;  /* -1 when the driver cannot tell without reading */
  char            **fields;      /* names, UTF-8 */
  char             *crs_name;    /* "CGCS2000 / 3-degree Gauss-Kruger CM 120E", or NULL */
  char             *crs_code;    /* "EPSG:4549", or NULL */
} LinliOgrLayerInfo;

/* What a field of a layer can be to a building or a street. */
typedef enum
{
  LINLI_OGR_FIELD_ID,
  LINLI_OGR_FIELD_NAME,
  LINLI_OGR_FIELD_COMPOUND,
  LINLI_OGR_FIELD_COMMUNITY,
  LINLI_OGR_FIELD_HOUSEHOLDS,
  LINLI_OGR_FIELD_RESIDENTS,
  LINLI_OGR_FIELD_PARTY_MEMBERS,
  LINLI_OGR_FIELD_STOREYS,
  LINLI_OGR_FIELD_HEIGHT,
  LINLI_OGR_FIELD_TYPE,         /* building type, or the street's highway=* */
  LINLI_OGR_FIELD_ESTIMATED,    /* 1 or true: the households are an estimate (as Linli exports) */
  LINLI_OGR_N_FIELDS,
} LinliOgrField;

/* The field (0-based, in the layer's order) of each, or -1 for none. */
typedef struct
{
  int fields[LINLI_OGR_N_FIELDS];
} LinliOgrMapping;

/* What a layer's features become. */
typedef enum
{
  LINLI_OGR_ROLE_AUTO,        /* by geometry: polygons and points buildings, lines streets */
  LINLI_OGR_ROLE_BUILDINGS,
  LINLI_OGR_ROLE_STREETS,
} LinliOgrRole;

typedef struct
{
  const char      *layer;       /* a layer's name; NULL: the first */
  const char      *source_crs;  /* "EPSG:4549", WKT or a PROJ string; NULL: the layer's own */
  LinliCrs         crs;         /* what the coordinates are after PROJ: WGS84 (default), GCJ-02 or
                                 * CGCS2000; also of a layer with no coordinate system in degrees */
  const char      *encoding;    /* of Shapefile attributes ("GBK", "UTF-8"); NULL: the .cpg says */
  LinliOgrRole     role;
  const LinliOgrMapping *mapping;  /* NULL: guessed from the field names */
} LinliOgrOptions;

gboolean           linli_ogr_handles            (const char *path);

void               linli_ogr_options_init       (LinliOgrOptions *options);
GPtrArray         *linli_ogr_list_layers        (const char             *path,
                                                 const LinliOgrOptions  *options,
                                                 GError                **error) G_GNUC_WARN_UNUSED_RESULT;
void               linli_ogr_layer_info_free    (LinliOgrLayerInfo *info);
const char        *linli_ogr_geometry_to_string (LinliOgrGeometry geometry);

const char        *linli_ogr_field_to_string    (LinliOgrField field);
gboolean           linli_ogr_field_from_string  (const char    *string,
                                                 LinliOgrField *field);
void               linli_ogr_mapping_init       (LinliOgrMapping *mapping);
void               linli_ogr_mapping_guess      (LinliOgrMapping   *mapping,
                                                 const char *const *fields);
gboolean           linli_ogr_mapping_parse      (LinliOgrMapping   *mapping,
                                                 const char *const *fields,
                                                 const char        *assignment,
                                                 GError           **error);

LinliProject      *linli_import_ogr             (const char               *path,
                                                 const LinliOgrOptions    *options,
                                                 const LinliImportOptions *import_options,
                                                 LinliImportReport        *report,
                                                 GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
LinliCsvTable     *linli_ogr_read_table         (const char             *path,
                                                 const LinliOgrOptions  *options,
                                                 GError                **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
