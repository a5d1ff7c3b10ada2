/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-import.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What the GeoJSON and OpenStreetMap readers share: the rules that turn
 * tags into streets, households and service positions, and the project
 * they fill.  Not installed; friends of linli-import.c only. */

#define LINLI_IMPORT_MAX_RING_POINTS 4096     /* as the file format's footprints */
#define LINLI_IMPORT_MAX_WAY_NODES   100000   /* as the file format's street ways */
#define LINLI_IMPORT_MAX_STREET_NODES (16u * 1024 * 1024)
#define LINLI_IMPORT_MAX_NAME        1024     /* characters, as the file format's names */

/* The tags of one feature, however the source keeps them. */
typedef struct
{
  const char *(*get) (gconstpointer data,
                      const char   *key);
  gconstpointer data;
} LinliTags;

static inline const char *
linli_tags_get (const LinliTags *tags,
                const char      *key)
{
  return tags->get (tags->data, key);
}

/* What a source says of one building; numbers are NAN when not given. */
typedef struct
{
  const char *id;
  const char *name;
  const char *type;           /* the building=* value; NULL when not known */
  const char *street;         /* addr:street and addr:housenumber, or NULL */
  const char *housenumber;
  const char *community;      /* ids, or NULL */
  const char *compound;
  double      storeys;
  double      height;         /* metres */
  double      households;
  double      residents;
  double      party_members;
  gboolean    estimated;      /* the source says its households are an estimate (a file Linli wrote) */
} LinliBuildingFacts;

typedef struct
{
  const LinliImportOptions *options;
  LinliProject             *project;
  LinliImportReport         report;
  LinliStreets             *streets;
  GHashTable               *site_ids;    /* of the suggestions so far */
  LinliWater               *water;       /* rivers, canals and lakes read so far */
  char                     *display_name;
  GHashTable               *street_node_index;  /* LinliLatLon → node + 1, for
                                                 * linli_importer_add_street() */
} LinliImporter;

void          linli_importer_init            (LinliImporter            *imp,
                                              const LinliImportOptions *options,
                                              const char               *path);
void          linli_importer_clear           (LinliImporter *imp);
void          linli_importer_add_building    (LinliImporter            *imp,
                                              const LinliBuildingFacts *facts,
                                              double                    lat,
                                              double                    lon,
                                              double                    area,
                                              const LinliLatLon        *footprint,
                                              guint                     n_footprint);
gboolean      linli_importer_add_suggestion  (LinliImporter   *imp,
                                              const LinliTags *tags,
                                              double           lat,
                                              double           lon,
                                              const char      *id,
                                              const char      *source);
void          linli_importer_add_water_line  (LinliImporter     *imp,
                                              LinliWaterwayKind  kind,
                                              const char        *name,
                                              double             width,
                                              const LinliLatLon *points,
                                              guint              n_points);
void          linli_importer_add_water_area  (LinliImporter      *imp,
                                              LinliWaterAreaKind  kind,
                                              const char         *name,
                                              GPtrArray          *outer,
                                              GPtrArray          *inner);
LinliProject *linli_importer_finish          (LinliImporter      *imp,
                                              LinliImportReport  *report,
                                              GError            **error);

gboolean      linli_importer_add_street      (LinliImporter     *imp,
                                              LinliStreetKind    kind,
                                              const LinliLatLon *points,
                                              guint              n_points);

gboolean      linli_import_walkable          (const LinliTags *tags,
                                              LinliStreetKind *kind);
gboolean      linli_import_is_residential    (const char *type);
double        linli_import_parse_number      (const char *text);
gboolean      linli_import_tier_from_name    (const char    *name,
                                              LinliSiteTier *tier);
double        linli_importer_place_ring      (LinliImporter *imp,
                                              GArray        *points,
                                              double        *lat,
                                              double        *lon);

/* GeoJSON pieces the boundary reader shares with the buildings reader. */
const char   *linli_import_json_string       (JsonObject *object,
                                              const char *name);
const char   *linli_import_json_position     (JsonNode          *pair,
                                              LinliCrs           crs,
                                              LinliLatLon       *point);
JsonArray    *linli_import_json_features     (JsonParser  *parser,
                                              const char  *path,
                                              GError     **error);

/* Areas of an OpenStreetMap file: closed ways and multipolygon or
 * boundary relations whose tags the filter takes, with their rings
 * resolved (outer rings joined from member ways).  What the boundary
 * reader uses in place of buildings and streets. */
typedef struct
{
  const LinliTags *tags;
  const char      *source;    /* "way 12", "relation 34", for messages */
  GPtrArray       *outer;     /* (element-type GArray of LinliLatLon): open rings */
  GPtrArray       *inner;
  const char      *problem;   /* untranslated: why it has no rings, or NULL */
} LinliOsmArea;

typedef gboolean (*LinliOsmAreaFilter) (const LinliTags *tags);
typedef void     (*LinliOsmAreaFunc)   (const LinliOsmArea *area,
                                        gpointer            user_data);

gboolean      linli_import_osm_areas         (const char         *path,
                                              LinliOsmAreaFilter  filter,
                                              LinliOsmAreaFunc    func,
                                              gpointer            user_data,
                                              GError            **error);

G_END_DECLS
