/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-geo.h"
#include "linli-polygon.h"

G_BEGIN_DECLS

/* The project's water: lines (rivers, canals, streams, drains and
 * ditches, each with a name and a width where known) and areas (lakes and
 * ponds, riverbanks, reservoirs and basins, as polygons).  A value the
 * project holds and replaces whole, as it does its streets: grid
 * proposals treat water as a barrier and the painter draws it.  The
 * project file keeps it (see data/linli-2.rng, <water>).
 */

typedef enum
{
  LINLI_WATERWAY_RIVER,
  LINLI_WATERWAY_CANAL,
  LINLI_WATERWAY_STREAM,
  LINLI_WATERWAY_DRAIN,
  LINLI_WATERWAY_DITCH,
  LINLI_WATERWAY_N_KINDS,
} LinliWaterwayKind;

typedef enum
{
  LINLI_WATER_AREA_WATER,       /* a lake, pond or river's water surface */
  LINLI_WATER_AREA_RIVERBANK,
  LINLI_WATER_AREA_RESERVOIR,
  LINLI_WATER_AREA_BASIN,
  LINLI_WATER_AREA_N_KINDS,
} LinliWaterAreaKind;

/* Limits the file format and the imports share. */
#define LINLI_WATER_MAX_LINES        100000
#define LINLI_WATER_MAX_AREAS        100000
#define LINLI_WATER_MAX_LINE_POINTS  100000
#define LINLI_WATER_MAX_WIDTH        10000.0   /* metres */

typedef struct _LinliWater LinliWater;

const char         *linli_waterway_kind_to_string    (LinliWaterwayKind kind);
gboolean            linli_waterway_kind_from_string  (const char        *string,
                                                      LinliWaterwayKind *kind);
double              linli_waterway_kind_default_width (LinliWaterwayKind kind);
const char         *linli_water_area_kind_to_string  (LinliWaterAreaKind kind);
gboolean            linli_water_area_kind_from_string (const char         *string,
                                                       LinliWaterAreaKind *kind);

LinliWater         *linli_water_new                  (void) G_GNUC_WARN_UNUSED_RESULT;
LinliWater         *linli_water_copy                 (const LinliWater *water)
  G_GNUC_WARN_UNUSED_RESULT;
void                linli_water_free                 (LinliWater *water);

void                linli_water_add_line             (LinliWater        *water,
                                                      LinliWaterwayKind  kind,
                                                      const char        *name,
                                                      double             width,
                                                      const LinliLatLon *points,
                                                      guint              n_points);
void                linli_water_add_area             (LinliWater         *water,
                                                      LinliWaterAreaKind  kind,
                                                      const char         *name,
                                                      LinliPolygon       *polygon);

gboolean            linli_water_is_empty             (const LinliWater *water);
guint               linli_water_get_n_lines          (const LinliWater *water);
const LinliLatLon  *linli_water_get_line             (const LinliWater  *water,
                                                      guint              line,
                                                      LinliWaterwayKind *kind,
                                                      const char       **name,
                                                      double            *width,
                                                      guint             *n_points);
guint               linli_water_get_n_areas          (const LinliWater *water);
LinliPolygon       *linli_water_get_area             (const LinliWater   *water,
                                                      guint               area,
                                                      LinliWaterAreaKind *kind,
                                                      const char        **name);
gboolean            linli_water_equal                (const LinliWater *a,
                                                      const LinliWater *b);
void                linli_water_get_extent           (const LinliWater *water,
                                                      LinliExtent      *extent);

LinliWater         *linli_water_clip                 (const LinliWater      *water,
                                                      const LinliExtent     *extent,
                                                      const LinliProjection *projection)
  G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliWater, linli_water_free)

G_END_DECLS
