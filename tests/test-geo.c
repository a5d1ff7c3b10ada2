/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rings made fit to keep, and the extent the projection can measure. */
#include <math.h>
#include <string.h>

#include "linli-geo.h"

#define LAT0 31.23
#define LON0 121.49

/* A ring given in metres east and north of (LAT0, LON0). */
static guint
ring_from_metres (const double *xy,
                  guint         n,
                  LinliLatLon  *points)
{
  LinliProjection proj;

  linli_projection_init (&proj, LAT0, LON0);
  for (guint k = 0; k < n; k++)
    linli_projection_inverse (&proj, xy[2 * k], xy[2 * k + 1], &points[k].lat, &points[k].lon);
  return n;
}

static void
bounds (const LinliLatLon *p,
        guint              n,
        double            *min_lat,
        double            *max_lat,
        double            *min_lon,
        double            *max_lon)
{
  *min_lat = *min_lon = INFINITY;
  *max_lat = *max_lon = -INFINITY;
  for (guint k = 0; k < n; k++)
    {
      *min_lat = MIN (*min_lat, p[k].lat);
      *max_lat = MAX (*max_lat, p[k].lat);
      *min_lon = MIN (*min_lon, p[k].lon);
      *max_lon = MAX (*max_lon, p[k].lon);
    }
}

/* The reference: the shoelace area and centroid in metres in @proj, by
 * the textbook, in long double. */
static double
reference_area_centroid (const LinliProjection *proj,
                         const LinliLatLon     *p,
                         guint                  n,
                         double                *x,
                         double                *y)
{
  long double a = 0, cx = 0, cy = 0;

  for (guint k = 0; k < n; k++)
    {
      double x0, y0, x1, y1;
      long double cross;

      linli_projection_forward (proj, p[k].lat, p[k].lon, &x0, &y0);
      linli_projection_forward (proj, p[(k + 1) % n].lat, p[(k + 1) % n].lon, &x1, &y1);
      cross = (long double) x0 * y1 - (long double) x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  a /= 2;
  *x = a != 0 ? (double) (cx / (6 * a)) : NAN;
  *y = a != 0 ? (double) (cy / (6 * a)) : NAN;
  return (double) fabsl (a);
}

/* Brute force: do two edges that are not neighbours cross, clearly
 * (each end of one more than rounding away from the other's line)? */
static gboolean
reference_crosses (const LinliLatLon *p,
                   guint              n)
{
  LinliProjection proj;
  g_autofree double *x = g_new (double, n), *y = g_new (double, n);

  linli_projection_init (&proj, LAT0, LON0);
  for (guint k = 0; k < n; k++)
    linli_projection_forward (&proj, p[k].lat, p[k].lon, &x[k], &y[k]);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        guint i2 = (i + 1) % n, j2 = (j + 1) % n;
        double d1, d2, d3, d4, size, eps;

        if (i2 == j || j2 == i)
          continue;
        d1 = (x[j2] - x[j]) * (y[i] - y[j]) - (y[j2] - y[j]) * (x[i] - x[j]);
        d2 = (x[j2] - x[j]) * (y[i2] - y[j]) - (y[j2] - y[j]) * (x[i2] - x[j]);
        d3 = (x[i2] - x[i]) * (y[j] - y[i]) - (y[i2] - y[i]) * (x[j] - x[i]);
        d4 = (x[i2] - x[i]) * (y[j2] - y[i]) - (y[i2] - y[i]) * (x[j2] - x[i]);
        size = hypot (x[i2] - x[i], y[i2] - y[i]) + hypot (x[j2] - x[j], y[j2] - y[j]);
        eps = 1e-9 * size * size;
        if (d1 * d2 < 0 && d3 * d4 < 0 && MIN (fabs (d1), fabs (d2)) > eps &&
            MIN (fabs (d3), fabs (d4)) > eps)
          return TRUE;
      }
  return FALSE;
}

static const struct
{
  const char     *name;
  guint           n;
  double          xy[16];
  LinliRingState  state;
  guint           n_kept;
  double          area;        /* m², of what is kept */
  double          x, y;        /* metres: where it stands */
} ring_cases[] = {
  { "square", 4, { 0, 0, 20, 0, 20, 20, 0, 20 }, LINLI_RING_SIMPLE, 4, 400, 10, 10 },
  { "square-closed", 5, { 0, 0, 20, 0, 20, 20, 0, 20, 0, 0 }, LINLI_RING_SIMPLE, 4, 400, 10, 10 },
  { "clockwise", 4, { 0, 0, 0, 20, 20, 20, 20, 0 }, LINLI_RING_SIMPLE, 4, 400, 10, 10 },
  /* An L: 30 × 10 plus 10 × 20; its centroid is the areas' weighted mean. */
  { "concave", 6, { 0, 0, 30, 0, 30, 10, 10, 10, 10, 30, 0, 30 }, LINLI_RING_SIMPLE, 6, 500,
    (300 * 15 + 200 * 5) / 500.0, (300 * 5 + 200 * 20) / 500.0 },
  { "duplicate-points", 8, { 0, 0, 0, 0, 20, 0, 20, 20, 20, 20, 20, 20, 0, 20, 0, 0 },
    LINLI_RING_SIMPLE, 4, 400, 10, 10 },
  /* A kiosk a centimetre across is small but real. */
  { "tiny", 4, { 0, 0, 0.01, 0, 0.01, 0.01, 0, 0.01 }, LINLI_RING_SIMPLE, 4, 1e-4, 0.005, 0.005 },
  /* Two corners swapped: the hull is the square meant. */
  { "bowtie", 4, { 0, 0, 20, 20, 20, 0, 0, 20 }, LINLI_RING_REPAIRED, 4, 400, 10, 10 },
  /* The lobes not quite equal: the signed area is nearly zero and the
   * textbook centroid lands kilometres away. */
  { "bowtie-uneven", 4, { 0, 0, 20, 20, 20, 0, 0, 20.00001 }, LINLI_RING_REPAIRED, 4, 400.0001,
    4000.000667 / 400.0001, 4000.002 / 400.0001 },
  /* A spike that doubles back along itself. */
  { "spike", 5, { 0, 0, 20, 0, 30, 0, 20, 0, 20, 20 }, LINLI_RING_REPAIRED, 3, 300,
    50 / 3.0, 20 / 3.0 },
  /* No area: the middle of the bounding box, no outline. */
  { "collinear", 3, { 0, 0, 10, 10, 20, 20 }, LINLI_RING_DEGENERATE, 0, 0, 10, 10 },
  { "collinear-back", 4, { 0, 0, 30, 0, 10, 0, 20, 0 }, LINLI_RING_DEGENERATE, 0, 0, 15, 0 },
  { "zero-area", 4, { 5, 5, 5, 5, 5, 5, 5, 5 }, LINLI_RING_DEGENERATE, 0, 0, 5, 5 },
  { "two-points", 4, { 0, 0, 8, 6, 0, 0, 8, 6 }, LINLI_RING_DEGENERATE, 0, 0, 4, 3 },
  /* 100 m long, a millionth of a millimetre thick. */
  { "sliver", 3, { 0, 0, 100, 0, 50, 1e-9 }, LINLI_RING_DEGENERATE, 0, 0, 50, 0.5e-9 },
};

static void
test_ring_cases (void)
{
  LinliProjection proj;

  linli_projection_init (&proj, LAT0, LON0);
  for (guint c = 0; c < G_N_ELEMENTS (ring_cases); c++)
    {
      LinliLatLon points[8];
      guint n = ring_from_metres (ring_cases[c].xy, ring_cases[c].n, points);
      double min_lat, max_lat, min_lon, max_lon, lat, lon, area, x, y;
      LinliRingState state;

      g_test_message ("ring %s", ring_cases[c].name);
      bounds (points, n, &min_lat, &max_lat, &min_lon, &max_lon);
      state = linli_ring_clean (points, &n, &lat, &lon, &area);
      g_assert_cmpint (state, ==, ring_cases[c].state);
      g_assert_cmpuint (n, ==, ring_cases[c].n_kept);
      g_assert_cmpfloat_with_epsilon (area, ring_cases[c].area, 1e-5 * MAX (1, ring_cases[c].area));
      g_assert_true (lat >= min_lat && lat <= max_lat && lon >= min_lon && lon <= max_lon);
      linli_projection_forward (&proj, lat, lon, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, ring_cases[c].x, 1e-4);
      g_assert_cmpfloat_with_epsilon (y, ring_cases[c].y, 1e-4);
      if (n > 0)
        g_assert_false (reference_crosses (points, n));
    }
}

/* Random rings, some crossing, some with repeated or lined-up points,
 * some squashed flat: the position is always within the ring's bounding
 * box, and what is kept is an outline that does not cross itself, whose
 * area and centroid are the reference's. */
static void
test_ring_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);
  guint counts[3] = { 0 };

  for (guint i = 0; i < 20000; i++)
    {
      guint n = g_rand_int_range (rand, 1, 12);
      gboolean flat = g_rand_int_range (rand, 0, 4) == 0;
      double xy[2 * 12], squash = flat ? pow (10, -g_rand_int_range (rand, 3, 14)) : 1;
      LinliLatLon points[12], original[12];
      double min_lat, max_lat, min_lon, max_lon, lat, lon, area;
      LinliRingState state;
      guint kept;

      for (guint k = 0; k < n; k++)
        {
          if (k > 0 && g_rand_int_range (rand, 0, 6) == 0)
            {
              xy[2 * k] = xy[2 * k - 2];   /* a repeated point */
              xy[2 * k + 1] = xy[2 * k - 1];
              continue;
            }
          /* One point in five on the diagonal through 0, 0. */
          xy[2 * k] = g_rand_int_range (rand, 0, 5) == 0 ? 10 * k : g_rand_double_range (rand, -30, 30);
          xy[2 * k + 1] = g_rand_int_range (rand, 0, 5) == 0 ? 10 * k : g_rand_double_range (rand, -30, 30);
          xy[2 * k + 1] *= squash;
        }
      ring_from_metres (xy, n, points);
      memcpy (original, points, sizeof points);
      bounds (points, n, &min_lat, &max_lat, &min_lon, &max_lon);
      kept = n;
      state = linli_ring_clean (points, &kept, &lat, &lon, &area);
      counts[state]++;

      g_assert_true (lat >= min_lat && lat <= max_lat && lon >= min_lon && lon <= max_lon);
      g_assert_true (isfinite (area) && area >= 0);
      if (state == LINLI_RING_DEGENERATE)
        {
          g_assert_cmpuint (kept, ==, 0);
          g_assert_cmpfloat (area, ==, 0);
          continue;
        }
      g_assert_cmpuint (kept, >=, 3);
      g_assert_cmpuint (kept, <=, n);
      g_assert_false (reference_crosses (points, kept));
      if (state == LINLI_RING_SIMPLE)
        g_assert_false (reference_crosses (original, n));
      else
        {
          LinliProjection proj;

          /* The hull: corners of the input, every turn anticlockwise (to
           * within rounding). */
          linli_projection_init (&proj, LAT0, LON0);
          for (guint k = 0; k < kept; k++)
            {
              const LinliLatLon *a = &points[k], *b = &points[(k + 1) % kept];
              const LinliLatLon *c = &points[(k + 2) % kept];
              double ax, ay, bx, by, cx, cy, turn;
              gboolean found = FALSE;

              linli_projection_forward (&proj, a->lat, a->lon, &ax, &ay);
              linli_projection_forward (&proj, b->lat, b->lon, &bx, &by);
              linli_projection_forward (&proj, c->lat, c->lon, &cx, &cy);
              turn = ((bx - ax) * (cy - by) - (by - ay) * (cx - bx)) /
                     (hypot (bx - ax, by - ay) * hypot (cx - bx, cy - by));
              g_assert_cmpfloat (turn, >, -1e-9);
              for (guint m = 0; m < n; m++)
                found |= original[m].lat == a->lat && original[m].lon == a->lon;
              g_assert_true (found);
            }
        }
      {
        LinliProjection proj;
        double rx, ry, x, y, ref;

        /* Measured where linli_ring_clean() measures: about the middle. */
        linli_projection_init (&proj, (min_lat + max_lat) / 2, (min_lon + max_lon) / 2);
        ref = reference_area_centroid (&proj, points, kept, &rx, &ry);
        linli_projection_forward (&proj, lat, lon, &x, &y);
        g_assert_cmpfloat_with_epsilon (area, ref, 1e-6 * MAX (ref, 1e-6));
        /* The reference centroid, unless rounding put it a hair outside
         * the bounding box, where the position is held. */
        g_assert_cmpfloat (hypot (x - rx, y - ry), <, 1e-3 + 1e-6 * hypot (rx, ry));
      }
    }
  g_test_message ("simple %u, repaired %u, degenerate %u", counts[0], counts[1], counts[2]);
  g_assert_cmpuint (counts[LINLI_RING_SIMPLE], >, 1000);
  g_assert_cmpuint (counts[LINLI_RING_REPAIRED], >, 1000);
  g_assert_cmpuint (counts[LINLI_RING_DEGENERATE], >, 1000);
}

/* The worst case of the crossing check, a 4,096-point zigzag whose edges
 * all overlap in x, stays well within a second. */
static void
test_ring_large (void)
{
  guint n = 4096;
  g_autofree LinliLatLon *points = g_new (LinliLatLon, n);
  double lat, lon, area;

  for (guint k = 0; k < n; k++)
    {
      points[k].lat = LAT0 + (k % 2 ? 1e-4 : 0) + k * 1e-9;
      points[k].lon = LON0 + (k % 2 ? 1e-4 : -1e-4) * (1 + k * 1e-6);
    }
  g_assert_cmpint (linli_ring_clean (points, &n, &lat, &lon, &area), ==, LINLI_RING_REPAIRED);
  g_assert_cmpuint (n, >=, 3);
}

static const struct
{
  const char *name;
  double      min_lat, max_lat, min_lon, max_lon;
  const char *problem;   /* part of the message, or NULL when fine */
} extent_cases[] = {
  { "district", 31.1, 31.4, 121.3, 121.6, NULL },
  { "one-point", 31.2, 31.2, 121.4, 121.4, NULL },
  { "north-limit", 84.99, 85, 10, 10.1, NULL },
  { "south-limit", -85, -84.99, -10, -9.9, NULL },
  { "beyond-north", 84.99, 85.0001, 10, 10.1, "85.0001 lies beyond 85°" },
  { "south-pole", -90, -90, 0, 0, "-90 lies beyond 85°" },
  { "east-edge", 0, 0.1, 179.9, 180, NULL },
  { "west-edge", 0, 0.1, -180, -179.9, NULL },
  { "half-globe", 0, 0.1, -90, 90, NULL },
  { "antimeridian", 0, 0.0001, -179.99995, 179.99995, "180° meridian" },
  { "more-than-half", 0, 0.1, -90, 90.001, "180° meridian" },
  { "equator", -5, 5, 100, 110, NULL },
  { "equator-tall", -12, 12, 100, 110, "varies by 2.2 %" },
  { "tall-at-31", 30, 33, 121, 122, "varies by" },
};

static void
test_extent (void)
{
  LinliExtent extent;
  g_autofree char *empty = NULL;

  linli_extent_init (&extent);
  empty = linli_extent_check (&extent);
  g_assert_null (empty);

  for (guint c = 0; c < G_N_ELEMENTS (extent_cases); c++)
    {
      g_autofree char *problem = NULL;

      g_test_message ("extent %s", extent_cases[c].name);
      linli_extent_init (&extent);
      g_assert_true (linli_extent_add (&extent, extent_cases[c].min_lat, extent_cases[c].min_lon));
      linli_extent_add (&extent, extent_cases[c].max_lat, extent_cases[c].max_lon);
      g_assert_false (linli_extent_add (&extent, extent_cases[c].min_lat, extent_cases[c].max_lon));
      problem = linli_extent_check (&extent);
      if (extent_cases[c].problem == NULL)
        g_assert_null (problem);
      else
        {
          g_assert_nonnull (problem);
          g_assert_nonnull (strstr (problem, extent_cases[c].problem));
        }
    }
}

/* The scale rule against its definition: the east–west scale's change
 * across the latitudes, found by sampling, decides. */
static void
test_extent_scale (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);

  for (guint i = 0; i < 5000; i++)
    {
      double a = g_rand_double_range (rand, -LINLI_GEO_MAX_LAT, LINLI_GEO_MAX_LAT);
      double step = g_rand_double_range (rand, -6, 6);
      double b = CLAMP (a + step, -LINLI_GEO_MAX_LAT, LINLI_GEO_MAX_LAT);
      double widest = 0, narrowest = 1;
      g_autofree char *problem = NULL;
      LinliExtent extent;

      for (guint k = 0; k <= 1000; k++)
        {
          double scale = cos ((MIN (a, b) + (fabs (b - a) * k) / 1000) * G_PI / 180);

          widest = MAX (widest, scale);
          narrowest = MIN (narrowest, scale);
        }
      if (a * b < 0)
        widest = 1;
      linli_extent_init (&extent);
      linli_extent_add (&extent, a, 100);
      linli_extent_add (&extent, b, 101);
      problem = linli_extent_check (&extent);
      if (fabs (widest / narrowest - 1 - LINLI_GEO_MAX_SCALE_CHANGE) < 1e-9)
        continue;
      if ((problem != NULL) != (widest / narrowest - 1 > LINLI_GEO_MAX_SCALE_CHANGE))
        g_error ("%.9g to %.9g: %s", a, b, problem ? problem : "fine");
    }
}

static double
point_segment_distance (const double *p,
                        const double *a,
                        const double *b)
{
  double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy, t = 0;

  if (len2 > 0)
    t = CLAMP (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2, 0, 1);
  return hypot (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
}

/* Every point a simplification leaves out lies within the tolerance of
 * the segment between the kept points around it, on noisy rings of every
 * size; the first point stays; with no tolerance, points in general
 * position all stay. */
static void
test_simplify_random (void)
{
  GRand *rand = g_rand_new_with_seed (17);

  for (int round = 0; round < 300; round++)
    {
      guint n = g_rand_int_range (rand, 1, 400);
      double tolerance = round % 10 == 0 ? 0 : g_rand_double_range (rand, 0.001, 0.3);
      g_autofree double *points = g_new (double, 2 * n);
      g_autofree gboolean *keep = g_new (gboolean, n);
      guint kept = 0;

      for (guint i = 0; i < n; i++)
        {
          double angle = 2 * G_PI * i / n, radius = 1 + g_rand_double_range (rand, -0.2, 0.2);

          points[2 * i] = radius * cos (angle);
          points[2 * i + 1] = radius * sin (angle);
        }
      linli_ring_simplify (points, n, tolerance, keep);
      g_assert_true (keep[0]);
      for (guint i = 0; i < n; i++)
        {
          guint a = i, b = i;

          kept += keep[i];
          if (keep[i])
            continue;
          while (!keep[a])
            a--;
          do
            b++;
          while (b < n && !keep[b]);
          g_assert_cmpfloat (point_segment_distance (&points[2 * i], &points[2 * a], &points[2 * (b % n)]), <=,
                             tolerance + 1e-12);
        }
      if (tolerance == 0)
        g_assert_cmpuint (kept, ==, n);
    }
  g_rand_free (rand);
}

/* A finely drawn circle comes down to a few dozen points: no fewer than
 * the chords whose bulge stays within the tolerance need, and not many
 * more. */
static void
test_simplify_circle (void)
{
  const guint n = 2000;
  const double tolerance = 0.01;
  g_autofree double *points = g_new (double, 2 * n);
  g_autofree gboolean *keep = g_new (gboolean, n);
  guint kept = 0, fewest = (guint) ceil (2 * G_PI / (2 * acos (1 - tolerance)));

  for (guint i = 0; i < n; i++)
    {
      points[2 * i] = cos (2 * G_PI * i / n);
      points[2 * i + 1] = sin (2 * G_PI * i / n);
    }
  linli_ring_simplify (points, n, tolerance, keep);
  for (guint i = 0; i < n; i++)
    kept += keep[i];
  g_assert_cmpuint (kept, >=, fewest);
  g_assert_cmpuint (kept, <=, 2 * fewest);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/geo/ring/cases", test_ring_cases);
  g_test_add_func ("/geo/ring/random", test_ring_random);
  g_test_add_func ("/geo/ring/large", test_ring_large);
  g_test_add_func ("/geo/simplify/random", test_simplify_random);
  g_test_add_func ("/geo/simplify/circle", test_simplify_circle);
  g_test_add_func ("/geo/extent/cases", test_extent);
  g_test_add_func ("/geo/extent/scale", test_extent_scale);
  return g_test_run ();
}
