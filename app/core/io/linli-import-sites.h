/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-history.h"
#include "linli-import-csv.h"
#include "linli-import.h"

G_BEGIN_DECLS

/* Candidate sites in bulk: from a list (CSV), from the points of a
 * GeoJSON or OpenStreetMap file that a tag filter takes, or from the
 * buildings of one kind in the project.  Reading never touches the
 * project: it gives the sites it would add and, for every row it cannot
 * use, "FILE:LINE: reason"; applying adds them all as one undoable step.
 */

#define LINLI_SITE_IMPORT_MAX_SITES     100000u  /* more rows are refused, not read */
#define LINLI_SITE_IMPORT_MAX_REFUSALS  1000u    /* refusals kept as text; all are counted */
#define LINLI_SITE_IMPORT_FAR_M         50000.0  /* "far from the project's data" */

/* What a column of a site list can hold. */
typedef enum
{
  LINLI_SITE_FIELD_NAME,
  LINLI_SITE_FIELD_ADDRESS,
  LINLI_SITE_FIELD_LAT,       /* or y */
  LINLI_SITE_FIELD_LON,       /* or x */
  LINLI_SITE_FIELD_TIER,      /* street, community, station, neighbourhood or 街道/社区/服务站/邻里 */
  LINLI_SITE_FIELD_AREA,      /* floor area, m² */
  LINLI_SITE_FIELD_COST,      /* yuan; "万元" and "万" read as ten thousands */
  LINLI_SITE_FIELD_CAPACITY,  /* households */
  LINLI_SITE_N_FIELDS,
} LinliSiteField;

typedef struct
{
  int columns[LINLI_SITE_N_FIELDS];   /* 0-based, -1 for none */
} LinliSiteMapping;

typedef struct
{
  LinliCrs       crs;      /* of a list's or a GeoJSON file's coordinates */
  LinliSiteTier  tier;     /* of sites whose row or tags do not say */
  const char    *filter;   /* points: "key=value,key=value,key" (any of them), NULL or "" for every
                            * tagged point */
} LinliSiteImportOptions;

/* What a read gives: the sites it would add, all candidates without ids,
 * and what it refused. */
typedef struct
{
  char      *display_name;
  guint      rows;           /* rows, features or nodes looked at */
  guint      filtered;       /* points the filter left out */
  GPtrArray *sites;          /* (element-type LinliSiteState) */
  GArray    *lines;          /* guint, one per site: its line (CSV, OSM) or feature number (GeoJSON) */
  guint      n_refused;
  GPtrArray *refusals;       /* char *: "FILE:LINE: reason", the first LINLI_SITE_IMPORT_MAX_REFUSALS */
  GArray    *refused_lines;  /* guint, one per kept refusal */
} LinliSiteImport;

const char      *linli_site_field_to_string      (LinliSiteField field);
gboolean         linli_site_field_from_string    (const char     *string,
                                                  LinliSiteField *field);
const char      *linli_site_field_get_label      (LinliSiteField field);

void             linli_site_mapping_init         (LinliSiteMapping *mapping);
void             linli_site_mapping_guess        (LinliSiteMapping    *mapping,
                                                  const LinliCsvTable *table);
gboolean         linli_site_mapping_parse        (LinliSiteMapping    *mapping,
                                                  const LinliCsvTable *table,
                                                  const char          *assignment,
                                                  GError             **error);

void             linli_site_import_options_init  (LinliSiteImportOptions *options);

LinliSiteImport *linli_site_import_csv           (const LinliCsvTable          *table,
                                                  const LinliSiteMapping       *mapping,
                                                  const LinliSiteImportOptions *options,
                                                  GError                      **error) G_GNUC_WARN_UNUSED_RESULT;
LinliSiteImport *linli_site_import_points        (const char                   *path,
                                                  LinliImportFormat             format,
                                                  const LinliSiteImportOptions *options,
                                                  GError                      **error) G_GNUC_WARN_UNUSED_RESULT;
LinliSiteImport *linli_site_import_buildings     (LinliProject                 *project,
                                                  const char                   *kind,
                                                  const LinliSiteImportOptions *options) G_GNUC_WARN_UNUSED_RESULT;
GHashTable      *linli_site_import_count_kinds       (LinliProject *project) G_GNUC_WARN_UNUSED_RESULT;
void             linli_site_import_free          (LinliSiteImport *import);
guint            linli_site_import_get_n_sites   (const LinliSiteImport *import);
char            *linli_site_import_describe      (const LinliSiteImport *import) G_GNUC_WARN_UNUSED_RESULT;
char            *linli_site_import_check_place   (const LinliSiteImport *import,
                                                  LinliProject          *project) G_GNUC_WARN_UNUSED_RESULT;
guint            linli_site_import_apply         (const LinliSiteImport *import,
                                                  LinliHistory          *history);

char            *linli_import_check_place        (LinliProject      *project,
                                                  const LinliLatLon *points,
                                                  guint              n_points,
                                                  double             far_m) G_GNUC_WARN_UNUSED_RESULT;

char            *linli_import_check_project_place (LinliProject *project,
                                                   LinliProject *imported) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliSiteImport, linli_site_import_free)

G_END_DECLS
