/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-crs.h"
#include "linli-history.h"
#include "linli-polygon.h"
#include "linli-project.h"

G_BEGIN_DECLS

/* Boundaries of communities and compounds from a file: polygons read from
 * GeoJSON or OpenStreetMap XML, matched to the project's communities and
 * compounds by name or by the buildings they hold, reported, and applied
 * as one undoable step.  Nothing changes until linli_boundary_import_apply(). */

/* A polygon with no building of the project this near is another place. */
#define LINLI_BOUNDARY_NEAR_METRES        2000.0
/* A compound's polygon must hold this share of its buildings. */
#define LINLI_BOUNDARY_COMPOUND_SHARE     0.6
/* Points and rings of one boundary at most, as the file format's outlines. */
#define LINLI_BOUNDARY_MAX_POINTS         100000
#define LINLI_BOUNDARY_MAX_RINGS          1000

typedef enum
{
  LINLI_BOUNDARY_AS_ANY,          /* by name, and by buildings for residential areas */
  LINLI_BOUNDARY_AS_COMMUNITY,    /* the polygons are communities */
  LINLI_BOUNDARY_AS_COMPOUND,     /* the polygons are compounds */
} LinliBoundaryAs;

typedef struct
{
  LinliCrs         crs;          /* of GeoJSON coordinates; OpenStreetMap is WGS84 */
  LinliBoundaryAs  as;
  const char      *name_field;   /* the property or tag with the name; NULL: name, then name:zh */
  const char      *layer;        /* GIS files: the layer; NULL: the first */
  const char      *source_crs;   /* GIS files: their system, when the file does not say (EPSG, WKT, PROJ) */
} LinliBoundaryOptions;

typedef enum
{
  LINLI_BOUNDARY_UNMATCHED,      /* read and usable, but it fits nothing */
  LINLI_BOUNDARY_SKIPPED,        /* unusable: invalid, no area, far away, too many points */
  LINLI_BOUNDARY_BY_NAME,
  LINLI_BOUNDARY_BY_BUILDINGS,
} LinliBoundaryMatch;

typedef struct
{
  char               *source;    /* "feature 3", "way 12", "relation 34" */
  char               *name;      /* (nullable) */
  char               *kind;      /* "boundary=administrative", "landuse=residential", … or "" */
  LinliPolygon       *polygon;   /* made valid; NULL when skipped */
  char               *repaired;  /* (nullable) why the outline as read was not valid */
  LinliBoundaryMatch  match;
  gboolean            compound;  /* what it matched: a compound, or a community */
  guint               index;
  guint               inside;    /* of that community's or compound's buildings, inside it */
  guint               total;
  gboolean            replaces;  /* it had a boundary already */
  char               *reason;    /* (nullable) translated: why unmatched or skipped */
} LinliBoundaryPolygon;

typedef struct
{
  GPtrArray *polygons;              /* (element-type LinliBoundaryPolygon): in file order */
  guint      n_matched;
  guint      n_unmatched;
  guint      n_skipped;
  GArray    *communities_left;      /* guint: communities without a boundary once applied */
  GArray    *compounds_left;        /* guint: compounds likewise */
} LinliBoundaryImport;

void                 linli_boundary_options_init   (LinliBoundaryOptions *options);
LinliBoundaryImport *linli_boundary_import_read    (LinliProject               *project,
                                                    const char                 *path,
                                                    const LinliBoundaryOptions *options,
                                                    GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
void                 linli_boundary_import_apply   (LinliBoundaryImport *self,
                                                    LinliHistory        *history);
char                *linli_boundary_import_describe (LinliBoundaryImport *self,
                                                     LinliProject        *project) G_GNUC_WARN_UNUSED_RESULT;
void                 linli_boundary_import_free    (LinliBoundaryImport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliBoundaryImport, linli_boundary_import_free)

G_END_DECLS
