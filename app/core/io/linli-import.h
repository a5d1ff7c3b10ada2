/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-crs.h"
#include "linli-project.h"

G_BEGIN_DECLS

/* Bringing planners' data in: buildings, walkable streets and
 * existing service positions from GeoJSON and OpenStreetMap XML. */

#define LINLI_IMPORT_ERROR (linli_import_error_quark ())

/* What a project made of OpenStreetMap data says wherever it is shown. */
#define LINLI_OSM_ATTRIBUTION "© OpenStreetMap contributors"

typedef enum
{
  LINLI_IMPORT_ERROR_FAILED,
  LINLI_IMPORT_ERROR_INVALID,
} LinliImportError;

typedef enum
{
  LINLI_IMPORT_FORMAT_GEOJSON,
  LINLI_IMPORT_FORMAT_OSM,      /* OpenStreetMap XML (.osm) */
} LinliImportFormat;

typedef struct
{
  LinliCrs    crs;               /* of the coordinates in GeoJSON files; OSM XML is always WGS84 */
  const char *name;              /* of the district; NULL: the file's name */
  double      m2_per_household;  /* gross floor area per household, for estimates */
  double      residents_per_household;
  const char *streets_path;      /* GeoJSON only: a second file of walkable lines, or NULL */
  const char *pois_path;         /* GeoJSON only: a file of points of interest, or NULL */
  double      join_tolerance;    /* metres: near-misses of streets joined (linli_streets_join) */
  gboolean    add_suggested_sites;  /* add the service positions found as existing sites */
} LinliImportOptions;

typedef struct
{
  guint      features;         /* GeoJSON features in all files; OSM nodes, ways and relations */
  guint      buildings;        /* imported */
  guint      skipped;          /* GeoJSON: features used for nothing; OSM: building outlines
                                * that could not be used (unclosed or incomplete) */
  guint      estimated;        /* buildings whose households were estimated */
  guint      not_residential;  /* of those, buildings whose type means no households */
  guint      building_parts;   /* building:part outlines, skipped: their building counts */
  guint      unclosed;         /* building outlines that do not close, skipped */
  guint      repaired;         /* outlines that crossed themselves, replaced by their convex hull */
  guint      degenerate;       /* outlines with no area, dropped: their features kept as points */
  guint      missing_refs;     /* OSM: references to nodes or ways the file lacks */
  guint      incomplete;       /* OSM: ways and relations dropped for missing references */
  guint      street_ways;      /* walkable ways, after joining */
  guint      street_nodes;
  double     street_km;
  guint      street_joins;     /* nodes merged and ends joined by linli_streets_join() */
  guint      water_lines;      /* OSM: waterways (rivers, canals, streams, drains, ditches) kept */
  guint      water_areas;      /* OSM: water areas (lakes, riverbanks, reservoirs, basins) kept */
  guint      water_skipped;    /* OSM: water that could not be used (unclosed, incomplete, no area,
                                * too large) or lay more than 2 km from everything else */
  GPtrArray *suggestions;      /* (element-type LinliSite): existing service positions found */
} LinliImportReport;

GQuark            linli_import_error_quark    (void);
void              linli_import_options_init   (LinliImportOptions *options);
void              linli_import_report_clear   (LinliImportReport  *report);

LinliImportFormat linli_import_guess_format   (const char *path);
char             *linli_import_name_for_path  (const char *path) G_GNUC_WARN_UNUSED_RESULT;
void              linli_import_find_companions (const char  *path,
                                                char       **streets_path,
                                                char       **pois_path);

LinliProject     *linli_import_file           (const char               *path,
                                               const LinliImportOptions *options,
                                               LinliImportReport        *report,
                                               GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
LinliProject     *linli_import_streets_into   (LinliProject             *project,
                                               const char               *path,
                                               const LinliImportOptions *options,
                                               LinliImportReport        *report,
                                               GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
LinliProject     *linli_import_geojson        (const char               *path,
                                               const LinliImportOptions *options,
                                               LinliImportReport        *report,
                                               GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
LinliProject     *linli_import_osm            (const char               *path,
                                               const LinliImportOptions *options,
                                               LinliImportReport        *report,
                                               GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LinliImportReport, linli_import_report_clear)

G_END_DECLS
