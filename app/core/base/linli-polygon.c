/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-polygon"

#include "config.h"

#include "linli-polygon.h"

#include <math.h>
#include <string.h>

struct _LinliPolygon
{
  gatomicrefcount ref_count;
  guint           n_rings;
  guint           n_points;
  guint          *ring_start;  /* n_rings + 1 entries */
  gboolean       *ring_hole;
  LinliLatLon    *points;
};

G_DEFINE_BOXED_TYPE (LinliPolygon, linli_polygon, linli_polygon_ref, linli_polygon_unref)

/**
 * linli_polygon_new:
 * @points: the points of every ring, one ring after the other
 * @ring_lengths: the number of points of each ring (at least 3)
 * @ring_is_hole: (nullable): which rings are holes in the part before;
 *   %NULL when none is
 * @n_rings: the number of rings, at least 1
 *
 * Makes a polygon.  The first ring must be an outer ring.  A closing point
 * equal to the first is dropped.
 *
 * Returns: (transfer full): the polygon
 */
LinliPolygon *
linli_polygon_new (const LinliLatLon *points,
                   const guint       *ring_lengths,
                   const gboolean    *ring_is_hole,
                   guint              n_rings)
{
  LinliPolygon *self;
  guint total = 0, at = 0, from = 0;

  g_return_val_if_fail (n_rings > 0, NULL);
  g_return_val_if_fail (ring_is_hole == NULL || !ring_is_hole[0], NULL);

  for (guint r = 0; r < n_rings; r++)
    total += ring_lengths[r];

  self = g_new0 (LinliPolygon, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_rings = n_rings;
  self->ring_start = g_new (guint, n_rings + 1);
  self->ring_hole = g_new0 (gboolean, n_rings);
  self->points = g_new (LinliLatLon, total);

  for (guint r = 0; r < n_rings; r++)
    {
      guint n = ring_lengths[r];

      /* Closed rings as GeoJSON and GEOS write them repeat the first point. */
      if (n > 3 && points[from].lat == points[from + n - 1].lat
          && points[from].lon == points[from + n - 1].lon)
        n--;
      self->ring_start[r] = at;
      self->ring_hole[r] = ring_is_hole != NULL && ring_is_hole[r];
      memcpy (self->points + at, points + from, n * sizeof (LinliLatLon));
      at += n;
      from += ring_lengths[r];
    }
  self->ring_start[n_rings] = at;
  self->n_points = at;
  return self;
}

/**
 * linli_polygon_new_simple:
 * @points: the outline
 * @n_points: its number of points, at least 3
 *
 * Returns: (transfer full): a polygon of one ring and no holes
 */
LinliPolygon *
linli_polygon_new_simple (const LinliLatLon *points,
                          guint              n_points)
{
  return linli_polygon_new (points, &n_points, NULL, 1);
}

/**
 * linli_polygon_new_rectangle:
 *
 * Returns: (transfer full): the rectangle between two corners
 */
LinliPolygon *
linli_polygon_new_rectangle (double min_lat,
                             double min_lon,
                             double max_lat,
                             double max_lon)
{
  LinliLatLon p[4] = {
    { min_lat, min_lon }, { min_lat, max_lon }, { max_lat, max_lon }, { max_lat, min_lon },
  };

  return linli_polygon_new_simple (p, 4);
}

LinliPolygon *
linli_polygon_ref (LinliPolygon *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * linli_polygon_unref:
 * @self: (nullable): a polygon
 *
 * Drops a reference.  %NULL is allowed, so that arrays of outlines with
 * gaps can free their elements with this.
 */
void
linli_polygon_unref (LinliPolygon *self)
{
  if (self == NULL)
    return;
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->ring_start);
  g_free (self->ring_hole);
  g_free (self->points);
  g_free (self);
}

guint
linli_polygon_get_n_rings (const LinliPolygon *self)
{
  return self->n_rings;
}

/**
 * linli_polygon_get_n_parts:
 *
 * Returns: the number of outer rings: 1 for a polygon in one piece
 */
guint
linli_polygon_get_n_parts (const LinliPolygon *self)
{
  guint n = 0;

  for (guint r = 0; r < self->n_rings; r++)
    n += !self->ring_hole[r];
  return n;
}

const LinliLatLon *
linli_polygon_get_ring (const LinliPolygon *self,
                        guint               ring,
                        guint              *n_points)
{
  g_return_val_if_fail (ring < self->n_rings, NULL);

  *n_points = self->ring_start[ring + 1] - self->ring_start[ring];
  return self->points + self->ring_start[ring];
}

gboolean
linli_polygon_ring_is_hole (const LinliPolygon *self,
                            guint               ring)
{
  g_return_val_if_fail (ring < self->n_rings, FALSE);

  return self->ring_hole[ring];
}

guint
linli_polygon_get_n_points (const LinliPolygon *self)
{
  return self->n_points;
}

void
linli_polygon_get_extent (const LinliPolygon *self,
                          LinliExtent        *extent)
{
  linli_extent_init (extent);
  for (guint i = 0; i < self->n_points; i++)
    linli_extent_add (extent, self->points[i].lat, self->points[i].lon);
}

/* Even-odd rule over every ring: a point in a hole is outside, and a
 * point in an island inside a hole is inside again. */
static gboolean
ring_contains (const LinliLatLon *p,
               guint              n,
               double             lat,
               double             lon)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      if ((p[i].lat > lat) != (p[j].lat > lat)
          && lon < (p[j].lon - p[i].lon) * (lat - p[i].lat) / (p[j].lat - p[i].lat) + p[i].lon)
        inside = !inside;
    }
  return inside;
}

/**
 * linli_polygon_contains:
 *
 * Whether a position lies inside: the plain even-odd rule over all rings,
 * without GEOS, for single tests and as the reference the prepared
 * geometries are checked against.
 *
 * Returns: %TRUE inside
 */
gboolean
linli_polygon_contains (const LinliPolygon *self,
                        double              lat,
                        double              lon)
{
  gboolean inside = FALSE;

  for (guint r = 0; r < self->n_rings; r++)
    {
      guint n;
      const LinliLatLon *p = linli_polygon_get_ring (self, r, &n);

      if (ring_contains (p, n, lat, lon))
        inside = !inside;
    }
  return inside;
}

static double
ring_signed_area (const LinliPolygon    *self,
                  guint                  ring,
                  const LinliProjection *projection,
                  double                *cx,
                  double                *cy)
{
  guint n;
  const LinliLatLon *p = linli_polygon_get_ring (self, ring, &n);
  double area = 0, sx = 0, sy = 0, x0, y0;

  /* Relative to the first point, to keep the sums small. */
  linli_projection_forward (projection, p[0].lat, p[0].lon, &x0, &y0);
  for (guint i = 0; i < n; i++)
    {
      double xa, ya, xb, yb, c;

      linli_projection_forward (projection, p[i].lat, p[i].lon, &xa, &ya);
      linli_projection_forward (projection, p[(i + 1) % n].lat, p[(i + 1) % n].lon, &xb, &yb);
      xa -= x0, ya -= y0, xb -= x0, yb -= y0;
      c = xa * yb - xb * ya;
      area += c;
      sx += (xa + xb) * c;
      sy += (ya + yb) * c;
    }
  area /= 2;
  if (cx != NULL)
    {
      *cx = area != 0 ? sx / (6 * area) + x0 : x0;
      *cy = area != 0 ? sy / (6 * area) + y0 : y0;
    }
  return area;
}

/**
 * linli_polygon_area:
 * @projection: the local projection to measure in
 *
 * Returns: the area in square metres, holes taken out
 */
double
linli_polygon_area (const LinliPolygon    *self,
                    const LinliProjection *projection)
{
  double area = 0;

  for (guint r = 0; r < self->n_rings; r++)
    {
      double a = fabs (ring_signed_area (self, r, projection, NULL, NULL));

      area += self->ring_hole[r] ? -a : a;
    }
  return area;
}

/**
 * linli_polygon_perimeter:
 *
 * Returns: the length of every ring, holes included, in metres
 */
double
linli_polygon_perimeter (const LinliPolygon    *self,
                         const LinliProjection *projection)
{
  double length = 0;

  for (guint r = 0; r < self->n_rings; r++)
    {
      guint n;
      const LinliLatLon *p = linli_polygon_get_ring (self, r, &n);

      for (guint i = 0; i < n; i++)
        length += linli_projection_distance (projection, p[i].lat, p[i].lon,
                                             p[(i + 1) % n].lat, p[(i + 1) % n].lon);
    }
  return length;
}

/**
 * linli_polygon_centroid:
 *
 * The centre of mass of the area, holes taken out.
 */
void
linli_polygon_centroid (const LinliPolygon    *self,
                        const LinliProjection *projection,
                        double                *lat,
                        double                *lon)
{
  double total = 0, sx = 0, sy = 0;

  for (guint r = 0; r < self->n_rings; r++)
    {
      double cx, cy, a = fabs (ring_signed_area (self, r, projection, &cx, &cy));

      if (self->ring_hole[r])
        a = -a;
      total += a;
      sx += a * cx;
      sy += a * cy;
    }
  if (total == 0)
    {
      *lat = self->points[0].lat;
      *lon = self->points[0].lon;
      return;
    }
  linli_projection_inverse (projection, sx / total, sy / total, lat, lon);
}

gboolean
linli_polygon_equal (const LinliPolygon *a,
                     const LinliPolygon *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->n_rings != b->n_rings || a->n_points != b->n_points)
    return FALSE;
  return memcmp (a->ring_start, b->ring_start, (a->n_rings + 1) * sizeof (guint)) == 0
         && memcmp (a->ring_hole, b->ring_hole, a->n_rings * sizeof (gboolean)) == 0
         && memcmp (a->points, b->points, a->n_points * sizeof (LinliLatLon)) == 0;
}
