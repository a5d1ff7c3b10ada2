/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-geos"

#include "config.h"

#include "linli-geos.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

/* Auxiliary methods */

typedef struct
{
  GEOSContextHandle_t handle;
  char                message[256];
} Context;

static void
context_free (gpointer data)
{
  Context *c = data;

  GEOS_finish_r (c->handle);
  g_free (c);
}

static GPrivate context_key = G_PRIVATE_INIT (context_free);

static void
on_message_cb (const char *message,
               void       *data)
{
  Context *c = data;

  g_strlcpy (c->message, message, sizeof c->message);
}

static Context *
get_context (void)
{
  Context *c = g_private_get (&context_key);

  if (c == NULL)
    {
      c = g_new0 (Context, 1);
      c->handle = GEOS_init_r ();
      GEOSContext_setErrorMessageHandler_r (c->handle, on_message_cb, c);
      GEOSContext_setNoticeMessageHandler_r (c->handle, NULL, NULL);
      g_private_set (&context_key, c);
    }
  return c;
}

/**
 * linli_geos_context:
 *
 * Returns: this thread's GEOS context, made on first use and kept until
 *   the thread ends
 */
GEOSContextHandle_t
linli_geos_context (void)
{
  return get_context ()->handle;
}

/**
 * linli_geos_last_error:
 *
 * Returns: the last error GEOS reported on this thread, or ""
 */
const char *
linli_geos_last_error (void)
{
  return get_context ()->message;
}

void
linli_geos_free (GEOSGeometry *geometry)
{
  if (geometry != NULL)
    GEOSGeom_destroy_r (linli_geos_context (), geometry);
}

static GEOSGeometry *
ring_to_geos (GEOSContextHandle_t    h,
              const LinliLatLon     *p,
              guint                  n,
              const LinliProjection *projection)
{
  GEOSCoordSequence *seq = GEOSCoordSeq_create_r (h, n + 1, 2);

  for (guint i = 0; i <= n; i++)
    {
      double x, y;

      linli_projection_forward (projection, p[i % n].lat, p[i % n].lon, &x, &y);
      GEOSCoordSeq_setXY_r (h, seq, i, x, y);
    }
  return GEOSGeom_createLinearRing_r (h, seq);
}

/**
 * linli_geos_from_polygon:
 *
 * Returns: (transfer full): a GEOS polygon or multipolygon in the plane of
 *   @projection, or %NULL when GEOS refused the rings
 */
GEOSGeometry *
linli_geos_from_polygon (const LinliPolygon    *polygon,
                         const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  guint n_rings = linli_polygon_get_n_rings (polygon);
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  GEOSGeometry *result;

  for (guint r = 0; r < n_rings;)
    {
      guint n, n_holes = 0;
      const LinliLatLon *p = linli_polygon_get_ring (polygon, r, &n);
      GEOSGeometry *shell = ring_to_geos (h, p, n, projection);
      GEOSGeometry **holes;

      while (r + 1 + n_holes < n_rings && linli_polygon_ring_is_hole (polygon, r + 1 + n_holes))
        n_holes++;
      holes = g_newa (GEOSGeometry *, n_holes + 1);
      for (guint k = 0; k < n_holes; k++)
        {
          p = linli_polygon_get_ring (polygon, r + 1 + k, &n);
          holes[k] = ring_to_geos (h, p, n, projection);
        }
      g_ptr_array_add (parts, GEOSGeom_createPolygon_r (h, shell, holes, n_holes));
      r += 1 + n_holes;
    }

  if (parts->len == 1)
    return parts->pdata[0];
  result = GEOSGeom_createCollection_r (h, GEOS_MULTIPOLYGON, (GEOSGeometry **) parts->pdata,
                                        parts->len);
  return result;
}

static void
append_ring (GEOSContextHandle_t    h,
             const GEOSGeometry    *ring,
             gboolean               hole,
             const LinliProjection *projection,
             GArray                *points,
             GArray                *lengths,
             GArray                *holes)
{
  const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (h, ring);
  guint n = 0;

  GEOSCoordSeq_getSize_r (h, seq, &n);
  if (n < 4)
    return;
  for (guint i = 0; i < n; i++)
    {
      double x, y;
      LinliLatLon pt;

      GEOSCoordSeq_getXY_r (h, seq, i, &x, &y);
      linli_projection_inverse (projection, x, y, &pt.lat, &pt.lon);
      g_array_append_val (points, pt);
    }
  g_array_append_val (lengths, n);
  g_array_append_val (holes, hole);
}

static void
append_polygon (GEOSContextHandle_t    h,
                const GEOSGeometry    *g,
                const LinliProjection *projection,
                GArray                *points,
                GArray                *lengths,
                GArray                *holes)
{
  int type = GEOSGeomTypeId_r (h, g);

  if (type == GEOS_POLYGON)
    {
      int n_holes = GEOSGetNumInteriorRings_r (h, g);

      if (GEOSisEmpty_r (h, g) == 1)
        return;
      append_ring (h, GEOSGetExteriorRing_r (h, g), FALSE, projection, points, lengths, holes);
      for (int k = 0; k < n_holes; k++)
        append_ring (h, GEOSGetInteriorRingN_r (h, g, k), TRUE, projection, points, lengths, holes);
    }
  else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION)
    {
      int n = GEOSGetNumGeometries_r (h, g);

      for (int k = 0; k < n; k++)
        append_polygon (h, GEOSGetGeometryN_r (h, g, k), projection, points, lengths, holes);
    }
  /* Points and lines left by an operation have no area: dropped. */
}

/**
 * linli_geos_to_polygon:
 *
 * The areal parts of @geometry back in WGS84.
 *
 * Returns: (transfer full) (nullable): the polygon, or %NULL when
 *   @geometry has no area
 */
LinliPolygon *
linli_geos_to_polygon (const GEOSGeometry    *geometry,
                       const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) holes = g_array_new (FALSE, FALSE, sizeof (gboolean));

  if (geometry == NULL)
    return NULL;
  append_polygon (h, geometry, projection, points, lengths, holes);
  if (lengths->len == 0)
    return NULL;
  return linli_polygon_new ((LinliLatLon *) points->data, (guint *) lengths->data,
                            (gboolean *) holes->data, lengths->len);
}

/**
 * linli_geos_from_line:
 *
 * Returns: (transfer full): a GEOS line string through @points
 */
GEOSGeometry *
linli_geos_from_line (const LinliLatLon     *points,
                      guint                  n_points,
                      const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  GEOSCoordSequence *seq = GEOSCoordSeq_create_r (h, n_points, 2);

  for (guint i = 0; i < n_points; i++)
    {
      double x, y;

      linli_projection_forward (projection, points[i].lat, points[i].lon, &x, &y);
      GEOSCoordSeq_setXY_r (h, seq, i, x, y);
    }
  return GEOSGeom_createLineString_r (h, seq);
}

/* Polygon operations */

/* GEOS's reasons for invalid polygons, in the user's language. */
static const char *
translate_reason (const char *reason)
{
  static const struct { const char *geos; const char *text; } reasons[] = {
    { "Self-intersection", N_("edges cross") },
    { "Ring Self-intersection", N_("a ring touches itself") },
    { "Hole lies outside shell", N_("a hole lies outside its outline") },
    { "Nested holes", N_("a hole lies inside another hole") },
    { "Interior is disconnected", N_("holes cut the area in two") },
    { "Too few points", N_("a ring has too few points") },
    { "Invalid Coordinate", N_("a point is not a number") },
    { "Nested shells", N_("one part lies inside another") },
    { "Duplicate Rings", N_("a ring is given twice") },
  };

  for (guint i = 0; reason != NULL && i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reason, reasons[i].geos) == 0)
      return _(reasons[i].text);
  return reason != NULL ? reason : "";
}

/**
 * linli_polygon_check:
 *
 * Returns: (transfer full) (nullable): why @polygon is not a valid
 *   polygon (a ring crosses itself, a hole lies outside …), with where, or
 *   %NULL when it is valid
 */
char *
linli_polygon_check (const LinliPolygon    *polygon,
                     const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  GEOSGeometry *g = linli_geos_from_polygon (polygon, projection);
  GEOSGeometry *location = NULL;
  char *reason = NULL;
  char *result = NULL;

  if (g == NULL)
    return g_strdup (linli_geos_last_error ());
  if (GEOSisValidDetail_r (h, g, 0, &reason, &location) == 0)
    {
      double x = 0, y = 0, lat, lon;

      if (location != NULL)
        {
          GEOSGeomGetX_r (h, location, &x);
          GEOSGeomGetY_r (h, location, &y);
        }
      linli_projection_inverse (projection, x, y, &lat, &lon);
      /* TRANSLATORS: a reason a polygon is invalid, then where: latitude, longitude. */
      result = g_strdup_printf (_("%s near %.6f, %.6f"), translate_reason (reason), lat, lon);
    }
  GEOSFree_r (h, reason);
  linli_geos_free (location);
  linli_geos_free (g);
  return result;
}

/**
 * linli_polygon_make_valid:
 *
 * Returns: (transfer full) (nullable): @polygon repaired (a bow tie becomes
 *   two triangles), or %NULL when nothing with area is left
 */
LinliPolygon *
linli_polygon_make_valid (const LinliPolygon    *polygon,
                          const LinliProjection *projection)
{
  GEOSGeometry *g = linli_geos_from_polygon (polygon, projection);
  GEOSGeometry *v = g != NULL ? GEOSMakeValid_r (linli_geos_context (), g) : NULL;
  LinliPolygon *result = linli_geos_to_polygon (v, projection);

  linli_geos_free (v);
  linli_geos_free (g);
  return result;
}

typedef GEOSGeometry *(*BinaryOp) (GEOSContextHandle_t, const GEOSGeometry *, const GEOSGeometry *);

static LinliPolygon *
binary (const LinliPolygon    *a,
        const LinliPolygon    *b,
        BinaryOp               op,
        const LinliProjection *projection)
{
  GEOSGeometry *ga = linli_geos_from_polygon (a, projection);
  GEOSGeometry *gb = linli_geos_from_polygon (b, projection);
  GEOSGeometry *r = ga != NULL && gb != NULL ? op (linli_geos_context (), ga, gb) : NULL;
  LinliPolygon *result = linli_geos_to_polygon (r, projection);

  linli_geos_free (r);
  linli_geos_free (ga);
  linli_geos_free (gb);
  return result;
}

/**
 * linli_polygon_union:
 *
 * Returns: (transfer full) (nullable): the union of @polygons
 */
LinliPolygon *
linli_polygon_union (LinliPolygon * const  *polygons,
                     guint                  n_polygons,
                     const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  GEOSGeometry **parts = g_new (GEOSGeometry *, n_polygons);
  GEOSGeometry *collection, *u;
  LinliPolygon *result;

  if (n_polygons == 0)
    {
      g_free (parts);
      return NULL;
    }
  for (guint i = 0; i < n_polygons; i++)
    parts[i] = linli_geos_from_polygon (polygons[i], projection);
  collection = GEOSGeom_createCollection_r (h, GEOS_GEOMETRYCOLLECTION, parts, n_polygons);
  g_free (parts);
  u = GEOSUnaryUnion_r (h, collection);
  result = linli_geos_to_polygon (u, projection);
  linli_geos_free (u);
  linli_geos_free (collection);
  return result;
}

/**
 * linli_polygon_difference:
 *
 * Returns: (transfer full) (nullable): @a without @b
 */
LinliPolygon *
linli_polygon_difference (const LinliPolygon    *a,
                          const LinliPolygon    *b,
                          const LinliProjection *projection)
{
  return binary (a, b, GEOSDifference_r, projection);
}

/**
 * linli_polygon_intersection:
 *
 * Returns: (transfer full) (nullable): what @a and @b share
 */
LinliPolygon *
linli_polygon_intersection (const LinliPolygon    *a,
                            const LinliPolygon    *b,
                            const LinliProjection *projection)
{
  return binary (a, b, GEOSIntersection_r, projection);
}

/**
 * linli_polygon_overlap_area:
 *
 * Returns: the area @a and @b share, in square metres
 */
double
linli_polygon_overlap_area (const LinliPolygon    *a,
                            const LinliPolygon    *b,
                            const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  GEOSGeometry *ga = linli_geos_from_polygon (a, projection);
  GEOSGeometry *gb = linli_geos_from_polygon (b, projection);
  GEOSGeometry *r = NULL;
  double area = 0;

  if (ga != NULL && gb != NULL && GEOSIntersects_r (h, ga, gb) == 1)
    r = GEOSIntersection_r (h, ga, gb);
  if (r != NULL)
    GEOSArea_r (h, r, &area);
  linli_geos_free (r);
  linli_geos_free (ga);
  linli_geos_free (gb);
  return area;
}

/**
 * linli_polygon_shared_length:
 * @tolerance: how far apart, in metres, two edges may lie and still count
 *   as one shared boundary
 *
 * Returns: the length of boundary @a and @b share, in metres
 */
double
linli_polygon_shared_length (const LinliPolygon    *a,
                             const LinliPolygon    *b,
                             double                 tolerance,
                             const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  GEOSGeometry *ga = linli_geos_from_polygon (a, projection);
  GEOSGeometry *gb = linli_geos_from_polygon (b, projection);
  GEOSGeometry *ba = ga != NULL ? GEOSBoundary_r (h, ga) : NULL;
  GEOSGeometry *grown = gb != NULL ? GEOSBuffer_r (h, gb, MAX (tolerance, 1e-6), 4) : NULL;
  GEOSGeometry *shared = ba != NULL && grown != NULL ? GEOSIntersection_r (h, ba, grown) : NULL;
  double length = 0;

  /* The part of a's outline within the tolerance of b: the outline they
   * share, with a sliver between them counted as shared. */
  if (shared != NULL)
    GEOSLength_r (h, shared, &length);
  linli_geos_free (shared);
  linli_geos_free (grown);
  linli_geos_free (ba);
  linli_geos_free (ga);
  linli_geos_free (gb);
  return length;
}

/**
 * linli_polygon_split:
 * @line: a line drawn across @polygon
 *
 * Cuts @polygon along @line.
 *
 * Returns: (transfer full) (element-type LinliPolygon): the pieces,
 *   largest first; one piece when the line does not cross it
 */
GPtrArray *
linli_polygon_split (const LinliPolygon    *polygon,
                     const LinliLatLon     *line,
                     guint                  n_line,
                     const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  GPtrArray *pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_polygon_unref);
  GEOSGeometry *g = linli_geos_from_polygon (polygon, projection);
  GEOSGeometry *cut = linli_geos_from_line (line, n_line, projection);
  GEOSGeometry *boundary = GEOSBoundary_r (h, g);
  GEOSGeometry *noded = GEOSUnion_r (h, boundary, cut);
  const GEOSGeometry *edges[1] = { noded };
  GEOSGeometry *faces = noded != NULL ? GEOSPolygonize_r (h, edges, 1) : NULL;
  const GEOSPreparedGeometry *prepared = GEOSPrepare_r (h, g);
  g_autoptr (GArray) areas = g_array_new (FALSE, FALSE, sizeof (double));

  /* Polygonizing the outline with the line noded into it gives every face
   * the line makes, holes included; the pieces are the faces inside. */
  for (int i = 0; faces != NULL && i < GEOSGetNumGeometries_r (h, faces); i++)
    {
      const GEOSGeometry *face = GEOSGetGeometryN_r (h, faces, i);
      GEOSGeometry *inner = GEOSPointOnSurface_r (h, face);
      double area = 0;

      if (inner != NULL && GEOSPreparedContains_r (h, prepared, inner) == 1)
        {
          LinliPolygon *piece = linli_geos_to_polygon (face, projection);

          GEOSArea_r (h, face, &area);
          if (piece != NULL)
            {
              guint at = 0;

              while (at < areas->len && g_array_index (areas, double, at) >= area)
                at++;
              g_array_insert_val (areas, at, area);
              g_ptr_array_insert (pieces, at, piece);
            }
        }
      linli_geos_free (inner);
    }
  /* Faces are rings without their holes: take the holes back out. */
  for (guint i = 0; i < pieces->len; i++)
    {
      LinliPolygon *clipped = linli_polygon_intersection (pieces->pdata[i], polygon, projection);

      if (clipped != NULL)
        {
          linli_polygon_unref (pieces->pdata[i]);
          pieces->pdata[i] = clipped;
        }
    }
  if (pieces->len == 0)
    g_ptr_array_add (pieces, linli_polygon_ref ((LinliPolygon *) polygon));

  GEOSPreparedGeom_destroy_r (h, prepared);
  linli_geos_free (faces);
  linli_geos_free (noded);
  linli_geos_free (boundary);
  linli_geos_free (cut);
  linli_geos_free (g);
  return pieces;
}

/**
 * linli_polygon_snap:
 * @neighbours: the polygons whose edges a new outline should follow
 * @tolerance: in metres
 *
 * Moves the vertices of @polygon that lie within @tolerance of a
 * neighbour's vertices onto them, then takes the neighbours out of it, so
 * that a grid drawn beside another shares its boundary instead of leaving
 * a sliver or overlapping it.
 *
 * Returns: (transfer full) (nullable): the snapped outline, or %NULL when
 *   nothing is left of it
 */
LinliPolygon *
linli_polygon_snap (const LinliPolygon    *polygon,
                    LinliPolygon * const  *neighbours,
                    guint                  n_neighbours,
                    double                 tolerance,
                    const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  GEOSGeometry *g = linli_geos_from_polygon (polygon, projection);
  GEOSGeometry *others, *snapped, *valid, *rest;
  GEOSGeometry **parts;
  LinliPolygon *result;

  if (n_neighbours == 0)
    {
      linli_geos_free (g);
      return linli_polygon_ref ((LinliPolygon *) polygon);
    }
  parts = g_new (GEOSGeometry *, n_neighbours);
  for (guint i = 0; i < n_neighbours; i++)
    parts[i] = linli_geos_from_polygon (neighbours[i], projection);
  others = GEOSGeom_createCollection_r (h, GEOS_GEOMETRYCOLLECTION, parts, n_neighbours);
  g_free (parts);
  {
    GEOSGeometry *u = GEOSUnaryUnion_r (h, others);

    linli_geos_free (others);
    others = u;
  }
  snapped = GEOSSnap_r (h, g, others, tolerance);
  valid = snapped != NULL ? GEOSMakeValid_r (h, snapped) : NULL;
  rest = valid != NULL ? GEOSDifference_r (h, valid, others) : NULL;
  result = linli_geos_to_polygon (rest, projection);

  linli_geos_free (rest);
  linli_geos_free (valid);
  linli_geos_free (snapped);
  linli_geos_free (others);
  linli_geos_free (g);
  return result;
}

static void
collect_cb (void *item,
            void *data)
{
  g_array_append_val ((GArray *) data, *(guint *) item);
}

static GEOSGeometry *
multipoint (GEOSContextHandle_t    h,
            const LinliLatLon     *points,
            guint                  n_points,
            const LinliProjection *projection)
{
  GEOSGeometry **pts = g_new (GEOSGeometry *, n_points);
  GEOSGeometry *result;

  for (guint i = 0; i < n_points; i++)
    {
      double x, y;

      linli_projection_forward (projection, points[i].lat, points[i].lon, &x, &y);
      pts[i] = GEOSGeom_createPointFromXY_r (h, x, y);
    }
  result = GEOSGeom_createCollection_r (h, GEOS_MULTIPOINT, pts, n_points);
  g_free (pts);
  return result;
}

/**
 * linli_polygon_hull:
 * @margin: how far, in metres, the outline keeps from the points
 *
 * An outline around @points where none was given: the concave hull GEOS
 * computes (a ratio of 0.3 follows a settlement's shape without cutting
 * between neighbouring buildings), grown by @margin.
 *
 * Returns: (transfer full) (nullable): the outline, or %NULL for no points
 */
LinliPolygon *
linli_polygon_hull (const LinliLatLon     *points,
                    guint                  n_points,
                    double                 margin,
                    const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  GEOSGeometry *mp, *hull, *grown;
  LinliPolygon *result;

  if (n_points == 0)
    return NULL;
  mp = multipoint (h, points, n_points, projection);
  hull = GEOSConcaveHull_r (h, mp, 0.3, 0);
  grown = hull != NULL ? GEOSBuffer_r (h, hull, MAX (margin, 1.0), 4) : NULL;
  result = linli_geos_to_polygon (grown, projection);
  linli_geos_free (grown);
  linli_geos_free (hull);
  linli_geos_free (mp);
  return result;
}

/**
 * linli_geos_voronoi_cells:
 * @xy: (array): the sites, x and y in metres, one pair after the other
 * @clip: the area the cells are cut to
 *
 * The Voronoi cell of each site within @clip.  Sites at the same place
 * share one cell, given to the first of them.
 *
 * Returns: (transfer full) (array): one cell per site, in the order of the
 *   sites; %NULL for a site that got none.  Free each with
 *   linli_geos_free() and the array with g_free().
 */
GEOSGeometry **
linli_geos_voronoi_cells (const double       *xy,
                          guint               n_sites,
                          const GEOSGeometry *clip)
{
  GEOSContextHandle_t h = linli_geos_context ();
  GEOSGeometry **cells = g_new0 (GEOSGeometry *, n_sites + 1);
  const GEOSPreparedGeometry *prepared_clip;
  GEOSGeometry **pts;
  GEOSGeometry *mp, *env, *diagram;
  GEOSSTRtree *tree;
  g_autofree guint *ids = g_new (guint, n_sites + 1);
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

  if (n_sites == 0 || clip == NULL)
    return cells;

  pts = g_new (GEOSGeometry *, n_sites);
  for (guint i = 0; i < n_sites; i++)
    pts[i] = GEOSGeom_createPointFromXY_r (h, xy[2 * i], xy[2 * i + 1]);
  mp = GEOSGeom_createCollection_r (h, GEOS_MULTIPOINT, pts, n_sites);
  g_free (pts);
  env = GEOSEnvelope_r (h, clip);
  diagram = GEOSVoronoiDiagram_r (h, mp, env, 0.0, 0);
  prepared_clip = GEOSPrepare_r (h, clip);

  /* GEOS 3.11 does not keep the order of the sites: find each cell's site
   * by looking up which site it holds. */
  tree = GEOSSTRtree_create_r (h, 10);
  for (guint i = 0; i < n_sites; i++)
    {
      ids[i] = i;
      GEOSSTRtree_insert_r (h, tree, GEOSGetGeometryN_r (h, mp, i), &ids[i]);
    }
  for (int c = 0; diagram != NULL && c < GEOSGetNumGeometries_r (h, diagram); c++)
    {
      const GEOSGeometry *cell = GEOSGetGeometryN_r (h, diagram, c);
      const GEOSPreparedGeometry *prepared = GEOSPrepare_r (h, cell);
      guint best = G_MAXUINT;

      g_array_set_size (found, 0);
      GEOSSTRtree_query_r (h, tree, cell, collect_cb, found);
      for (guint k = 0; k < found->len; k++)
        {
          guint i = g_array_index (found, guint, k);

          if (i < best && GEOSPreparedIntersects_r (h, prepared, GEOSGetGeometryN_r (h, mp, i)) == 1)
            best = i;
        }
      if (best != G_MAXUINT && cells[best] == NULL)
        {
          if (GEOSPreparedContains_r (h, prepared_clip, cell) == 1)
            cells[best] = GEOSGeom_clone_r (h, cell);
          else
            cells[best] = GEOSIntersection_r (h, cell, clip);
          if (cells[best] != NULL && GEOSisEmpty_r (h, cells[best]) == 1)
            g_clear_pointer (&cells[best], linli_geos_free);
        }
      GEOSPreparedGeom_destroy_r (h, prepared);
    }
  GEOSSTRtree_destroy_r (h, tree);
  GEOSPreparedGeom_destroy_r (h, prepared_clip);
  linli_geos_free (diagram);
  linli_geos_free (env);
  linli_geos_free (mp);
  return cells;
}

/**
 * linli_polygon_voronoi:
 * @sites: the points whose cells are wanted
 * @clip: the outline the cells are cut to
 *
 * The Voronoi cell of each site within @clip.  Sites at the same place
 * share one cell, given to the first of them.
 *
 * Returns: (transfer full) (element-type LinliPolygon): one cell per site,
 *   in the order of @sites; %NULL for a site that got none
 */
GPtrArray *
linli_polygon_voronoi (const LinliLatLon     *sites,
                       guint                  n_sites,
                       const LinliPolygon    *clip,
                       const LinliProjection *projection)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_polygon_unref);
  GEOSGeometry *g_clip = linli_geos_from_polygon (clip, projection);
  g_autofree double *xy = g_new (double, 2 * n_sites + 1);
  GEOSGeometry **geos_cells;

  for (guint i = 0; i < n_sites; i++)
    linli_projection_forward (projection, sites[i].lat, sites[i].lon, &xy[2 * i], &xy[2 * i + 1]);
  geos_cells = linli_geos_voronoi_cells (xy, n_sites, g_clip);
  g_ptr_array_set_size (cells, n_sites);
  for (guint i = 0; i < n_sites; i++)
    {
      cells->pdata[i] = linli_geos_to_polygon (geos_cells[i], projection);
      linli_geos_free (geos_cells[i]);
    }
  g_free (geos_cells);
  linli_geos_free (g_clip);
  return cells;
}
