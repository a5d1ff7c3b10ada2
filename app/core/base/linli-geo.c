/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-geo"

#include "config.h"

#include "linli-geo.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEG_TO_RAD (G_PI / 180.0)

gboolean
linli_lat_lon_is_valid (double lat,
                        double lon)
{
  return isfinite (lat) && isfinite (lon) &&
         lat >= -90.0 && lat <= 90.0 &&
         lon >= -180.0 && lon <= 180.0;
}

/**
 * linli_projection_init:
 * @proj: the projection to fill
 * @lat0: reference latitude in degrees
 * @lon0: reference longitude in degrees
 *
 * Sets up an equirectangular projection centred on (@lat0, @lon0).
 */
void
linli_projection_init (LinliProjection *proj,
                       double           lat0,
                       double           lon0)
{
  proj->lat0 = lat0;
  proj->lon0 = lon0;
  proj->m_per_deg_lat = LINLI_EARTH_RADIUS_M * DEG_TO_RAD;
  proj->m_per_deg_lon = LINLI_EARTH_RADIUS_M * DEG_TO_RAD * cos (lat0 * DEG_TO_RAD);
}

void
linli_projection_forward (const LinliProjection *proj,
                          double                 lat,
                          double                 lon,
                          double                *x,
                          double                *y)
{
  *x = (lon - proj->lon0) * proj->m_per_deg_lon;
  *y = (lat - proj->lat0) * proj->m_per_deg_lat;
}

void
linli_projection_inverse (const LinliProjection *proj,
                          double                 x,
                          double                 y,
                          double                *lat,
                          double                *lon)
{
  *lon = proj->lon0 + x / proj->m_per_deg_lon;
  *lat = proj->lat0 + y / proj->m_per_deg_lat;
}

/**
 * linli_projection_distance:
 *
 * Returns: the distance in metres between two points, measured in the
 * local projection. This is the distance every coverage figure uses.
 */
double
linli_projection_distance (const LinliProjection *proj,
                           double                 lat1,
                           double                 lon1,
                           double                 lat2,
                           double                 lon2)
{
  double dx = (lon2 - lon1) * proj->m_per_deg_lon;
  double dy = (lat2 - lat1) * proj->m_per_deg_lat;

  return sqrt (dx * dx + dy * dy);
}

/**
 * linli_haversine_distance:
 *
 * Returns: the great-circle distance in metres, used to check the
 * projection's error.
 */
double
linli_haversine_distance (double lat1,
                          double lon1,
                          double lat2,
                          double lon2)
{
  double dlat = (lat2 - lat1) * DEG_TO_RAD;
  double dlon = (lon2 - lon1) * DEG_TO_RAD;
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (lat1 * DEG_TO_RAD) * cos (lat2 * DEG_TO_RAD) * sin (dlon / 2) * sin (dlon / 2);

  return 2.0 * LINLI_EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}

/* ------------------------------------------------------------------------ */
/* Where the projection holds                                                */
/* ------------------------------------------------------------------------ */

/**
 * linli_extent_init:
 *
 * Makes @extent empty, ready for linli_extent_add().
 */
void
linli_extent_init (LinliExtent *extent)
{
  extent->min_lat = INFINITY;
  extent->max_lat = -INFINITY;
  extent->min_lon = INFINITY;
  extent->max_lon = -INFINITY;
}

/**
 * linli_extent_add:
 *
 * Widens @extent to take in (@lat, @lon), a valid position.
 *
 * Returns: %TRUE if the extent grew
 */
gboolean
linli_extent_add (LinliExtent *extent,
                  double       lat,
                  double       lon)
{
  gboolean grew = FALSE;

  if (lat < extent->min_lat)
    extent->min_lat = lat, grew = TRUE;
  if (lat > extent->max_lat)
    extent->max_lat = lat, grew = TRUE;
  if (lon < extent->min_lon)
    extent->min_lon = lon, grew = TRUE;
  if (lon > extent->max_lon)
    extent->max_lon = lon, grew = TRUE;
  return grew;
}

/* Degrees as files write them: up to 7 decimals, no trailing zeros. */
static const char *
format_degrees (char   *buf,
                gsize   size,
                double  value)
{
  char *end;

  g_ascii_formatd (buf, size, "%.7f", value);
  end = buf + strlen (buf);
  while (end > buf && end[-1] == '0')
    *--end = '\0';
  if (end > buf && end[-1] == '.')
    *--end = '\0';
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  return buf;
}

/**
 * linli_extent_check:
 *
 * Checks that the local projection can measure data spread over
 * @extent: no latitude beyond %LINLI_GEO_MAX_LAT, longitudes within 180°
 * of each other (so the data do not cross the 180° meridian), and an
 * east–west scale that varies across the extent by at most
 * %LINLI_GEO_MAX_SCALE_CHANGE.  An empty extent is fine.
 *
 * Returns: (transfer full) (nullable): %NULL, or why not, translated
 */
char *
linli_extent_check (const LinliExtent *extent)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
  double near, far, change;

  if (!(extent->min_lat <= extent->max_lat))
    return NULL;
  if (extent->min_lat < -LINLI_GEO_MAX_LAT || extent->max_lat > LINLI_GEO_MAX_LAT)
    {
      double beyond = extent->min_lat < -LINLI_GEO_MAX_LAT ? extent->min_lat : extent->max_lat;

      return g_strdup_printf (_("latitude %s lies beyond %g° north or south, where Linli's flat "
                                "projection cannot measure distances"),
                              format_degrees (a, sizeof a, beyond), LINLI_GEO_MAX_LAT);
    }
  if (extent->max_lon - extent->min_lon > 180)
    return g_strdup_printf (_("longitudes reach from %s to %s: the data cross the 180° meridian or "
                              "span more than half the globe, which Linli's flat projection cannot "
                              "measure"),
                            format_degrees (a, sizeof a, extent->min_lon),
                            format_degrees (b, sizeof b, extent->max_lon));
  /* The widest east–west scale is at the latitude nearest the equator,
   * the narrowest at the one farthest from it. */
  near = extent->min_lat > 0 ? extent->min_lat : extent->max_lat < 0 ? -extent->max_lat : 0;
  far = MAX (fabs (extent->min_lat), fabs (extent->max_lat));
  change = cos (near * DEG_TO_RAD) / cos (far * DEG_TO_RAD) - 1;
  if (change > LINLI_GEO_MAX_SCALE_CHANGE)
    return g_strdup_printf (_("latitudes reach from %s to %s: the east–west scale varies by %.1f %% "
                              "across the data, more than the %g %% Linli's flat projection allows"),
                            format_degrees (a, sizeof a, extent->min_lat),
                            format_degrees (b, sizeof b, extent->max_lat), 100 * change,
                            100 * LINLI_GEO_MAX_SCALE_CHANGE);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Rings                                                                     */
/* ------------------------------------------------------------------------ */

#define MAX_CROSSING_CHECK 4096   /* points; larger rings only get the bounding box guard */

typedef struct
{
  double x;
  double y;
} Point;

static double
orient (const Point *a,
        const Point *b,
        const Point *c)
{
  return (b->x - a->x) * (c->y - a->y) - (b->y - a->y) * (c->x - a->x);
}

static gboolean
on_segment (const Point *a,
            const Point *b,
            const Point *p)
{
  return MIN (a->x, b->x) <= p->x && p->x <= MAX (a->x, b->x) &&
         MIN (a->y, b->y) <= p->y && p->y <= MAX (a->y, b->y);
}

/* Whether closed segments ab and cd meet, touching included. */
static gboolean
segments_meet (const Point *a,
               const Point *b,
               const Point *c,
               const Point *d)
{
  double d1 = orient (c, d, a), d2 = orient (c, d, b);
  double d3 = orient (a, b, c), d4 = orient (a, b, d);

  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return TRUE;
  return (d1 == 0 && on_segment (c, d, a)) || (d2 == 0 && on_segment (c, d, b)) ||
         (d3 == 0 && on_segment (a, b, c)) || (d4 == 0 && on_segment (a, b, d));
}

typedef struct
{
  double   min_x;
  double   max_x;
  guint    index;
} EdgeSpan;

static int
compare_spans (const void *a,
               const void *b)
{
  const EdgeSpan *p = a, *q = b;

  return p->min_x < q->min_x ? -1 : p->min_x > q->min_x;
}

/* Whether the ring crosses or touches itself: two edges that are not
 * neighbours meet, or an edge doubles back along the one before it.  A
 * sweep over the edges sorted by their west end compares only edges whose
 * x ranges overlap. */
static gboolean
ring_crosses (const Point *p,
              guint        n)
{
  g_autofree EdgeSpan *spans = g_new (EdgeSpan, n);

  for (guint i = 0; i < n; i++)
    {
      const Point *a = &p[i], *b = &p[(i + 1) % n], *c = &p[(i + 2) % n];

      /* b is shared: the edges overlap if c lies back along a–b. */
      if (orient (a, b, c) == 0 &&
          (b->x - a->x) * (c->x - b->x) + (b->y - a->y) * (c->y - b->y) < 0)
        return TRUE;
      spans[i].min_x = MIN (a->x, b->x);
      spans[i].max_x = MAX (a->x, b->x);
      spans[i].index = i;
    }
  qsort (spans, n, sizeof *spans, compare_spans);
  for (guint s = 0; s < n; s++)
    for (guint t = s + 1; t < n && spans[t].min_x <= spans[s].max_x; t++)
      {
        guint i = spans[s].index, j = spans[t].index;

        if ((i + 1) % n == j || (j + 1) % n == i)
          continue;
        if (segments_meet (&p[i], &p[(i + 1) % n], &p[j], &p[(j + 1) % n]))
          return TRUE;
      }
  return FALSE;
}

static const Point *hull_points;

static int
compare_xy (const void *a,
            const void *b)
{
  const Point *p = &hull_points[*(const guint *) a], *q = &hull_points[*(const guint *) b];

  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  return p->y < q->y ? -1 : p->y > q->y;
}

/* Andrew's monotone chain: the indices of the convex hull's corners,
 * anticlockwise, with no three on a line. */
static guint
convex_hull (const Point *p,
             guint        n,
             guint       *hull)
{
  g_autofree guint *order = g_new (guint, n);
  guint k = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  hull_points = p;
  qsort (order, n, sizeof *order, compare_xy);
  hull_points = NULL;
  for (guint i = 0; i < n; i++)
    {
      while (k >= 2 && orient (&p[hull[k - 2]], &p[hull[k - 1]], &p[order[i]]) <= 0)
        k--;
      hull[k++] = order[i];
    }
  for (guint i = n - 1, lower = k + 1; i-- > 0;)
    {
      while (k >= lower && orient (&p[hull[k - 2]], &p[hull[k - 1]], &p[order[i]]) <= 0)
        k--;
      hull[k++] = order[i];
    }
  return k > 1 ? k - 1 : k;
}

/**
 * linli_ring_clean:
 * @points: (array length=n_points) (inout): a ring, not closed by
 *   repeating its first point; rewritten in place
 * @n_points: (inout): its number of points
 * @lat: (out): where the building stands
 * @lon: (out):
 * @area: (out): its area in m²
 *
 * Makes an outline fit to keep, and finds its position.  Repeated points
 * in a row are dropped.  An outline that crosses or touches itself (a
 * "bowtie", two corners swapped) has no meaningful area: it is replaced by
 * its convex hull, which is the intended outline when two corners were
 * swapped and covers it otherwise.  An outline with no area (under three
 * distinct points, or all of them on a line) is dropped (*@n_points
 * becomes 0) and the position is the middle of its bounding box.  Else the
 * position is the centroid, in a local projection; it always lies within
 * the outline's bounding box.  Rings over 4,096 points are not checked for
 * crossings.  Longitudes are taken as they come: no ring crosses the 180°
 * meridian in data that pass linli_extent_check().
 *
 * Returns: what was done
 */
LinliRingState
linli_ring_clean (LinliLatLon *points,
                  guint       *n_points,
                  double      *lat,
                  double      *lon,
                  double      *area)
{
  LinliRingState state = LINLI_RING_SIMPLE;
  LinliProjection proj;
  double min_lat = INFINITY, max_lat = -INFINITY, min_lon = INFINITY, max_lon = -INFINITY;
  double min_x, max_x, min_y, max_y, a = 0, cx = 0, cy = 0, diagonal;
  g_autofree Point *p = NULL;
  guint n = 0;

  g_return_val_if_fail (*n_points > 0, LINLI_RING_DEGENERATE);

  /* Repeated points in a row (the closing one too) add nothing. */
  for (guint k = 0; k < *n_points; k++)
    if (n == 0 || points[k].lat != points[n - 1].lat || points[k].lon != points[n - 1].lon)
      points[n++] = points[k];
  while (n > 1 && points[n - 1].lat == points[0].lat && points[n - 1].lon == points[0].lon)
    n--;
  for (guint k = 0; k < n; k++)
    {
      min_lat = MIN (min_lat, points[k].lat);
      max_lat = MAX (max_lat, points[k].lat);
      min_lon = MIN (min_lon, points[k].lon);
      max_lon = MAX (max_lon, points[k].lon);
    }
  *lat = (min_lat + max_lat) / 2;
  *lon = (min_lon + max_lon) / 2;
  *area = 0;

  /* In metres about the middle, where rounding hurts least. */
  linli_projection_init (&proj, *lat, *lon);
  p = g_new (Point, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    linli_projection_forward (&proj, points[k].lat, points[k].lon, &p[k].x, &p[k].y);
  linli_projection_forward (&proj, min_lat, min_lon, &min_x, &min_y);
  linli_projection_forward (&proj, max_lat, max_lon, &max_x, &max_y);
  diagonal = hypot (max_x - min_x, max_y - min_y);

  if (n >= 3 && n <= MAX_CROSSING_CHECK && ring_crosses (p, n))
    {
      g_autofree guint *hull = g_new (guint, n + 1);
      guint h = convex_hull (p, n, hull);
      g_autofree LinliLatLon *kept = g_new (LinliLatLon, MAX (h, 1));
      g_autofree Point *kept_xy = g_new (Point, MAX (h, 1));

      for (guint k = 0; k < h; k++)
        {
          kept[k] = points[hull[k]];
          kept_xy[k] = p[hull[k]];
        }
      memcpy (points, kept, h * sizeof *points);
      memcpy (p, kept_xy, h * sizeof *p);
      n = h;
      state = LINLI_RING_REPAIRED;
    }

  for (guint k = 0; k < n; k++)
    {
      const Point *s = &p[k], *t = &p[(k + 1) % n];
      double cross = s->x * t->y - t->x * s->y;

      a += cross;
      cx += (s->x + t->x) * cross;
      cy += (s->y + t->y) * cross;
    }
  a /= 2;

  /* Shoelace sums lose about 1e-16 of diagonal² per point to rounding: an
   * area within a few thousand times that is no area at all. */
  if (n < 3 || !(fabs (a) > 1e-9 * diagonal * diagonal))
    {
      *n_points = 0;
      return LINLI_RING_DEGENERATE;
    }
  /* A simple ring's centroid lies inside it; the clamp only guards the
   * last bits of rounding. */
  linli_projection_inverse (&proj, CLAMP (cx / (6 * a), min_x, max_x), CLAMP (cy / (6 * a), min_y, max_y),
                            lat, lon);
  *lat = CLAMP (*lat, min_lat, max_lat);
  *lon = CLAMP (*lon, min_lon, max_lon);
  *area = fabs (a);
  *n_points = n;
  return state;
}

/* The squared distance from (px, py) to the segment from a to b. */
static double
segment_distance2 (double px,
                   double py,
                   double ax,
                   double ay,
                   double bx,
                   double by)
{
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, t = 0;

  if (len2 > 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

/**
 * linli_ring_simplify:
 * @points: (array): a closed ring of @n planar points, x and y in turn,
 *   the first not repeated at the end
 * @tolerance: the largest distance a point left out may lie from the
 *   simplified ring, in the points' unit
 * @keep: (out caller-allocates) (array length=n): %TRUE for each point
 *   that stays
 *
 * Simplifies a ring by Douglas–Peucker, read as the open line from its
 * first point round to the first again: the first point always stays, and
 * every point left out lies within @tolerance of the segment between the
 * kept points around it.
 */
void
linli_ring_simplify (const double *points,
               guint         n,
               double        tolerance,
               gboolean     *keep)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  double tolerance2 = tolerance * tolerance;

  memset (keep, 0, n * sizeof *keep);
  keep[0] = TRUE;
  g_array_append_val (stack, ((guint[2]) { 0, n }));
  while (stack->len > 0)
    {
      guint *span = &g_array_index (stack, guint, 2 * (stack->len - 1));
      guint a = span[0], b = span[1], far = a;
      double far_d2 = -1;
      const double *pa = &points[2 * a], *pb = &points[2 * (b % n)];

      g_array_set_size (stack, stack->len - 1);
      for (guint i = a + 1; i < b; i++)
        {
          double d2 = segment_distance2 (points[2 * i], points[2 * i + 1], pa[0], pa[1], pb[0], pb[1]);

          if (d2 > far_d2)
            {
              far_d2 = d2;
              far = i;
            }
        }
      if (far_d2 <= tolerance2)
        continue;
      keep[far] = TRUE;
      g_array_append_val (stack, ((guint[2]) { a, far }));
      g_array_append_val (stack, ((guint[2]) { far, b }));
    }
}
