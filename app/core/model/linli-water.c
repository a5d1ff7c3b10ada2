/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-water"

#include "config.h"

#include "linli-water.h"

#include "linli-geos.h"

#include <math.h>
#include <string.h>

typedef struct
{
  guint32  start;     /* into points */
  guint32  len;
  guint8   kind;      /* LinliWaterwayKind */
  char    *name;      /* NULL when not known */
  double   width;     /* metres; 0 when not known */
} Line;

typedef struct
{
  guint8        kind;  /* LinliWaterAreaKind */
  char         *name;
  LinliPolygon *polygon;
} Area;

struct _LinliWater
{
  GArray *lines;    /* Line */
  GArray *points;   /* LinliLatLon, of the lines */
  GArray *areas;    /* Area */
};

static const char *const waterway_names[LINLI_WATERWAY_N_KINDS] = {
  "river", "canal", "stream", "drain", "ditch",
};

/* What a waterway of unknown width is drawn and buffered as: the usual
 * width of its kind in a Chinese city, from the widths mapped in
 * OpenStreetMap (a city river 20–60 m, a canal 15–80 m, a stream a few
 * metres, drains and ditches one or two). */
static const double waterway_widths[LINLI_WATERWAY_N_KINDS] = {
  30.0, 20.0, 4.0, 2.0, 1.5,
};

static const char *const area_names[LINLI_WATER_AREA_N_KINDS] = {
  "water", "riverbank", "reservoir", "basin",
};

/* Auxiliary methods */

static void
clear_line (gpointer data)
{
  Line *line = data;

  g_clear_pointer (&line->name, g_free);
}

static void
clear_area (gpointer data)
{
  Area *area = data;

  g_clear_pointer (&area->name, g_free);
  g_clear_pointer (&area->polygon, linli_polygon_unref);
}

/* Public API */

const char *
linli_waterway_kind_to_string (LinliWaterwayKind kind)
{
  g_return_val_if_fail (kind < LINLI_WATERWAY_N_KINDS, NULL);
  return waterway_names[kind];
}

gboolean
linli_waterway_kind_from_string (const char        *string,
                                 LinliWaterwayKind *kind)
{
  for (guint k = 0; k < LINLI_WATERWAY_N_KINDS; k++)
    if (g_strcmp0 (string, waterway_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

/**
 * linli_waterway_kind_default_width:
 *
 * Returns: the width in metres a waterway of @kind is taken to have when
 *   its own is not known
 */
double
linli_waterway_kind_default_width (LinliWaterwayKind kind)
{
  g_return_val_if_fail (kind < LINLI_WATERWAY_N_KINDS, 0);
  return waterway_widths[kind];
}

const char *
linli_water_area_kind_to_string (LinliWaterAreaKind kind)
{
  g_return_val_if_fail (kind < LINLI_WATER_AREA_N_KINDS, NULL);
  return area_names[kind];
}

gboolean
linli_water_area_kind_from_string (const char         *string,
                                   LinliWaterAreaKind *kind)
{
  for (guint k = 0; k < LINLI_WATER_AREA_N_KINDS; k++)
    if (g_strcmp0 (string, area_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

/**
 * linli_water_new:
 *
 * Returns: (transfer full): no water
 */
LinliWater *
linli_water_new (void)
{
  LinliWater *self = g_new0 (LinliWater, 1);

  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (self->lines, clear_line);
  self->points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  self->areas = g_array_new (FALSE, FALSE, sizeof (Area));
  g_array_set_clear_func (self->areas, clear_area);
  return self;
}

/**
 * linli_water_copy:
 *
 * Returns: (transfer full): a copy of @water; the polygons are shared, as
 *   values are
 */
LinliWater *
linli_water_copy (const LinliWater *water)
{
  LinliWater *self = linli_water_new ();

  g_return_val_if_fail (water != NULL, self);

  g_array_append_vals (self->points, water->points->data, water->points->len);
  for (guint i = 0; i < water->lines->len; i++)
    {
      Line line = g_array_index (water->lines, Line, i);

      line.name = g_strdup (line.name);
      g_array_append_val (self->lines, line);
    }
  for (guint i = 0; i < water->areas->len; i++)
    {
      const Area *a = &g_array_index (water->areas, Area, i);

      linli_water_add_area (self, a->kind, a->name, a->polygon);
    }
  return self;
}

void
linli_water_free (LinliWater *water)
{
  if (water == NULL)
    return;
  g_array_unref (water->lines);
  g_array_unref (water->points);
  g_array_unref (water->areas);
  g_free (water);
}

/**
 * linli_water_add_line:
 * @name: (nullable): the waterway's name; %NULL or "" when not known
 * @width: its width in metres, 0 when not known
 * @points: (array length=n_points): at least 2 valid positions
 *
 * Adds a waterway running through @points.
 */
void
linli_water_add_line (LinliWater        *water,
                      LinliWaterwayKind  kind,
                      const char        *name,
                      double             width,
                      const LinliLatLon *points,
                      guint              n_points)
{
  Line line = { 0 };

  g_return_if_fail (water != NULL);
  g_return_if_fail (kind < LINLI_WATERWAY_N_KINDS);
  g_return_if_fail (n_points >= 2 && n_points <= LINLI_WATER_MAX_LINE_POINTS);
  g_return_if_fail (width >= 0 && width <= LINLI_WATER_MAX_WIDTH);

  for (guint i = 0; i < n_points; i++)
    g_return_if_fail (linli_lat_lon_is_valid (points[i].lat, points[i].lon));
  line.start = water->points->len;
  line.len = n_points;
  line.kind = kind;
  line.name = name != NULL && name[0] != '\0' ? g_strdup (name) : NULL;
  line.width = width;
  g_array_append_vals (water->points, points, n_points);
  g_array_append_val (water->lines, line);
}

/**
 * linli_water_add_area:
 * @name: (nullable): the area's name
 * @polygon: a valid polygon; the water keeps a reference
 *
 * Adds a water area.
 */
void
linli_water_add_area (LinliWater         *water,
                      LinliWaterAreaKind  kind,
                      const char         *name,
                      LinliPolygon       *polygon)
{
  Area area = { kind, NULL, NULL };

  g_return_if_fail (water != NULL);
  g_return_if_fail (kind < LINLI_WATER_AREA_N_KINDS);
  g_return_if_fail (polygon != NULL);

  area.name = name != NULL && name[0] != '\0' ? g_strdup (name) : NULL;
  area.polygon = linli_polygon_ref (polygon);
  g_array_append_val (water->areas, area);
}

gboolean
linli_water_is_empty (const LinliWater *water)
{
  g_return_val_if_fail (water != NULL, TRUE);
  return water->lines->len == 0 && water->areas->len == 0;
}

guint
linli_water_get_n_lines (const LinliWater *water)
{
  g_return_val_if_fail (water != NULL, 0);
  return water->lines->len;
}

/**
 * linli_water_get_line:
 * @kind: (out) (optional): its kind
 * @name: (out) (optional) (transfer none): its name, or %NULL
 * @width: (out) (optional): its width in metres, 0 when not known
 * @n_points: (out): how many points it runs through
 *
 * Returns: (transfer none) (array length=n_points): the points of waterway @line
 */
const LinliLatLon *
linli_water_get_line (const LinliWater  *water,
                      guint              line,
                      LinliWaterwayKind *kind,
                      const char       **name,
                      double            *width,
                      guint             *n_points)
{
  const Line *l;

  g_return_val_if_fail (water != NULL, NULL);
  g_return_val_if_fail (line < water->lines->len, NULL);

  l = &g_array_index (water->lines, Line, line);
  if (kind != NULL)
    *kind = l->kind;
  if (name != NULL)
    *name = l->name;
  if (width != NULL)
    *width = l->width;
  *n_points = l->len;
  return &g_array_index (water->points, LinliLatLon, l->start);
}

guint
linli_water_get_n_areas (const LinliWater *water)
{
  g_return_val_if_fail (water != NULL, 0);
  return water->areas->len;
}

/**
 * linli_water_get_area:
 * @kind: (out) (optional): its kind
 * @name: (out) (optional) (transfer none): its name, or %NULL
 *
 * Returns: (transfer none): the outline of water area @area
 */
LinliPolygon *
linli_water_get_area (const LinliWater   *water,
                      guint               area,
                      LinliWaterAreaKind *kind,
                      const char        **name)
{
  const Area *a;

  g_return_val_if_fail (water != NULL, NULL);
  g_return_val_if_fail (area < water->areas->len, NULL);

  a = &g_array_index (water->areas, Area, area);
  if (kind != NULL)
    *kind = a->kind;
  if (name != NULL)
    *name = a->name;
  return a->polygon;
}

gboolean
linli_water_equal (const LinliWater *a,
                   const LinliWater *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->lines->len != b->lines->len || a->areas->len != b->areas->len ||
      a->points->len != b->points->len)
    return FALSE;
  for (guint i = 0; i < a->lines->len; i++)
    {
      const Line *p = &g_array_index (a->lines, Line, i), *q = &g_array_index (b->lines, Line, i);

      if (p->len != q->len || p->kind != q->kind || p->width != q->width ||
          g_strcmp0 (p->name, q->name) != 0 ||
          memcmp (&g_array_index (a->points, LinliLatLon, p->start),
                  &g_array_index (b->points, LinliLatLon, q->start),
                  p->len * sizeof (LinliLatLon)) != 0)
        return FALSE;
    }
  for (guint i = 0; i < a->areas->len; i++)
    {
      const Area *p = &g_array_index (a->areas, Area, i), *q = &g_array_index (b->areas, Area, i);

      if (p->kind != q->kind || g_strcmp0 (p->name, q->name) != 0 ||
          !linli_polygon_equal (p->polygon, q->polygon))
        return FALSE;
    }
  return TRUE;
}

/**
 * linli_water_get_extent:
 * @extent: (inout): widened by every point of the water, as
 *   linli_extent_add() does
 */
void
linli_water_get_extent (const LinliWater *water,
                        LinliExtent      *extent)
{
  g_return_if_fail (water != NULL);

  for (guint i = 0; i < water->points->len; i++)
    {
      const LinliLatLon *p = &g_array_index (water->points, LinliLatLon, i);

      linli_extent_add (extent, p->lat, p->lon);
    }
  for (guint i = 0; i < water->areas->len; i++)
    {
      const LinliPolygon *polygon = g_array_index (water->areas, Area, i).polygon;

      for (guint r = 0; r < linli_polygon_get_n_rings (polygon); r++)
        {
          guint n;
          const LinliLatLon *p = linli_polygon_get_ring (polygon, r, &n);

          for (guint k = 0; k < n; k++)
            linli_extent_add (extent, p[k].lat, p[k].lon);
        }
    }
}

/* Clipping */

static gboolean
extents_overlap (const LinliExtent *a,
                 const LinliExtent *b)
{
  return a->min_lat <= b->max_lat && b->min_lat <= a->max_lat && a->min_lon <= b->max_lon &&
         b->min_lon <= a->max_lon;
}

static gboolean
extent_within (const LinliExtent *inner,
               const LinliExtent *outer)
{
  return inner->min_lat >= outer->min_lat && inner->max_lat <= outer->max_lat &&
         inner->min_lon >= outer->min_lon && inner->max_lon <= outer->max_lon;
}

/* The line strings of @g (a line string or a collection of them) back in
 * WGS84, each added to @water as a waterway like @like. */
static void
add_clipped_lines (LinliWater            *water,
                   const GEOSGeometry    *g,
                   const Line            *like,
                   const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  int n = GEOSGetNumGeometries_r (h, g);

  for (int i = 0; i < n; i++)
    {
      const GEOSGeometry *part = GEOSGetGeometryN_r (h, g, i);
      const GEOSCoordSequence *seq;
      unsigned int size = 0;
      g_autoptr (GArray) points = NULL;

      if (GEOSGeomTypeId_r (h, part) != GEOS_LINESTRING ||
          (seq = GEOSGeom_getCoordSeq_r (h, part)) == NULL ||
          !GEOSCoordSeq_getSize_r (h, seq, &size) || size < 2)
        continue;
      points = g_array_sized_new (FALSE, FALSE, sizeof (LinliLatLon), size);
      for (unsigned int k = 0; k < size; k++)
        {
          double x = 0, y = 0;
          LinliLatLon p;

          GEOSCoordSeq_getXY_r (h, seq, k, &x, &y);
          linli_projection_inverse (projection, x, y, &p.lat, &p.lon);
          if (linli_lat_lon_is_valid (p.lat, p.lon))
            g_array_append_val (points, p);
        }
      if (points->len >= 2 && points->len <= LINLI_WATER_MAX_LINE_POINTS)
        linli_water_add_line (water, like->kind, like->name, like->width,
                              (LinliLatLon *) points->data, points->len);
    }
}

/**
 * linli_water_clip:
 * @extent: the part of the world to keep
 * @projection: the plane in which to cut
 *
 * Keeps the water within @extent: what lies wholly inside stays as it is,
 * what lies wholly outside goes, and what crosses its edge is cut there
 * (a waterway may become several).  Imports use it so that a river
 * hundreds of kilometres long does not stretch a district's extent past
 * what the projection can measure.
 *
 * Returns: (transfer full): the water within @extent
 */
LinliWater *
linli_water_clip (const LinliWater      *water,
                  const LinliExtent     *extent,
                  const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  LinliWater *self = linli_water_new ();
  double x0, y0, x1, y1;
  g_autoptr (LinliPolygon) frame = NULL;
  GEOSGeometry *frame_geometry;

  g_return_val_if_fail (water != NULL && extent != NULL && projection != NULL, self);

  linli_projection_forward (projection, extent->min_lat, extent->min_lon, &x0, &y0);
  linli_projection_forward (projection, extent->max_lat, extent->max_lon, &x1, &y1);
  frame = linli_polygon_new_rectangle (extent->min_lat, extent->min_lon,
                                       extent->max_lat, extent->max_lon);
  frame_geometry = linli_geos_from_polygon (frame, projection);

  for (guint i = 0; i < water->lines->len; i++)
    {
      const Line *line = &g_array_index (water->lines, Line, i);
      const LinliLatLon *points = &g_array_index (water->points, LinliLatLon, line->start);
      LinliExtent e;
      GEOSGeometry *g, *clipped;

      linli_extent_init (&e);
      for (guint k = 0; k < line->len; k++)
        linli_extent_add (&e, points[k].lat, points[k].lon);
      if (!extents_overlap (&e, extent))
        continue;
      if (extent_within (&e, extent))
        {
          linli_water_add_line (self, line->kind, line->name, line->width, points, line->len);
          continue;
        }
      g = linli_geos_from_line (points, line->len, projection);
      clipped = g != NULL ? GEOSClipByRect_r (h, g, MIN (x0, x1), MIN (y0, y1),
                                              MAX (x0, x1), MAX (y0, y1))
                          : NULL;
      if (clipped != NULL)
        add_clipped_lines (self, clipped, line, projection);
      linli_geos_free (clipped);
      linli_geos_free (g);
    }

  for (guint i = 0; i < water->areas->len; i++)
    {
      const Area *area = &g_array_index (water->areas, Area, i);
      LinliExtent e;
      GEOSGeometry *g, *clipped;
      g_autoptr (LinliPolygon) kept = NULL;

      linli_extent_init (&e);
      linli_polygon_get_extent (area->polygon, &e);
      if (!extents_overlap (&e, extent))
        continue;
      if (extent_within (&e, extent))
        {
          linli_water_add_area (self, area->kind, area->name, area->polygon);
          continue;
        }
      g = linli_geos_from_polygon (area->polygon, projection);
      clipped = g != NULL && frame_geometry != NULL ? GEOSIntersection_r (h, g, frame_geometry)
                                                    : NULL;
      kept = linli_geos_to_polygon (clipped, projection);
      if (kept != NULL)
        linli_water_add_area (self, area->kind, area->name, kept);
      linli_geos_free (clipped);
      linli_geos_free (g);
    }
  linli_geos_free (frame_geometry);
  return self;
}
