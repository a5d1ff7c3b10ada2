/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bucket index against brute force on random points. */
#include <math.h>

#include "linli-spatial.h"

typedef struct
{
  GArray *hits;
  GArray *distances;
} Collect;

static void
collect_cb (guint    index,
            double   distance,
            gpointer user_data)
{
  Collect *c = user_data;

  g_array_append_val (c->hits, index);
  g_array_append_val (c->distances, distance);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Clustered points, as buildings are: dense blocks with empty streets. */
static double *
random_points (GRand *rng,
               guint  n,
               double extent)
{
  double *xy = g_new (double, 2 * MAX (n, 1));
  double cx = 0, cy = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i % 37 == 0)
        {
          cx = g_rand_double_range (rng, -extent, extent);
          cy = g_rand_double_range (rng, -extent, extent);
        }
      xy[2 * i] = cx + g_rand_double_range (rng, -120, 120);
      xy[2 * i + 1] = cy + g_rand_double_range (rng, -120, 120);
    }
  return xy;
}

static void
test_circle_matches_brute_force (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (11);

  for (guint round = 0; round < 60; round++)
    {
      guint n = g_rand_int_range (rng, 0, 3000);
      double extent = g_rand_double_range (rng, 100, 20000);
      double cell = g_rand_double_range (rng, 10, 2000);
      g_autofree double *xy = random_points (rng, n, extent);
      g_autoptr (LinliPointIndex) index = linli_point_index_new (xy, n, cell);

      for (guint q = 0; q < 40; q++)
        {
          double x = g_rand_double_range (rng, -1.3 * extent, 1.3 * extent);
          double y = g_rand_double_range (rng, -1.3 * extent, 1.3 * extent);
          double r = g_rand_double_range (rng, 0, 2500);
          Collect c = { g_array_new (FALSE, FALSE, sizeof (guint)),
                        g_array_new (FALSE, FALSE, sizeof (double)) };
          g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
          int nearest = -1;
          double nearest_d = INFINITY;

          /* Sometimes query exactly at a point, with its distance to
           * another point as the radius: the boundary is included. */
          if (n > 1 && q % 5 == 0)
            {
              guint a = g_rand_int_range (rng, 0, n), b = g_rand_int_range (rng, 0, n);

              x = xy[2 * a];
              y = xy[2 * a + 1];
              r = hypot (xy[2 * b] - x, xy[2 * b + 1] - y);
            }

          for (guint i = 0; i < n; i++)
            {
              double dx = xy[2 * i] - x, dy = xy[2 * i + 1] - y;
              double d = sqrt (dx * dx + dy * dy);

              if (dx * dx + dy * dy <= r * r)
                g_array_append_val (expected, i);
              if (d <= r && (d < nearest_d || (d == nearest_d && (int) i < nearest)))
                {
                  nearest = i;
                  nearest_d = d;
                }
            }
          linli_point_index_query_circle (index, x, y, r, collect_cb, &c);
          g_array_sort (c.hits, compare_uint);
          g_assert_cmpuint (c.hits->len, ==, expected->len);
          for (guint k = 0; k < expected->len; k++)
            g_assert_cmpuint (g_array_index (c.hits, guint, k), ==, g_array_index (expected, guint, k));
          for (guint k = 0; k < c.distances->len; k++)
            g_assert_cmpfloat (g_array_index (c.distances, double, k), <=, r);
          g_assert_cmpint (linli_point_index_nearest (index, x, y, r), ==, nearest);
          g_array_unref (c.hits);
          g_array_unref (c.distances);
        }
    }
}

static void
test_degenerate (void)
{
  const double one[] = { 5, 5 };
  const double same[] = { 1, 1, 1, 1, 1, 1 };
  const double bad[] = { NAN, 0, 3, INFINITY, 2, 2 };
  g_autoptr (LinliPointIndex) empty = linli_point_index_new (NULL, 0, 100);
  g_autoptr (LinliPointIndex) g1 = linli_point_index_new (one, 1, 100);
  g_autoptr (LinliPointIndex) g3 = linli_point_index_new (same, 3, 0);
  g_autoptr (LinliPointIndex) gb = linli_point_index_new (bad, 3, 10);

  g_assert_cmpint (linli_point_index_nearest (empty, 0, 0, 1e9), ==, -1);
  g_assert_cmpint (linli_point_index_nearest (g1, 5, 5, 0), ==, 0);
  g_assert_cmpint (linli_point_index_nearest (g1, 5, 6, 0.5), ==, -1);
  g_assert_cmpint (linli_point_index_nearest (g1, NAN, 6, 5), ==, -1);
  g_assert_cmpint (linli_point_index_nearest (g3, 1, 1, 0), ==, 0);
  /* Points with no finite position are never found; the others are. */
  g_assert_cmpint (linli_point_index_nearest (gb, 0, 0, 1e9), ==, 2);
  g_assert_cmpint (linli_point_index_nearest (gb, 3, 1e300, 1e9), ==, -1);
}

/* Points spread so far apart that the cell table would be huge: the index
 * coarsens its cells instead and still answers exactly. */
static void
test_sparse_extent (void)
{
  const double xy[] = { 0, 0, 4e7, 4e7, 4e7 + 3, 4e7 };
  g_autoptr (LinliPointIndex) index = linli_point_index_new (xy, 3, 1);

  g_assert_cmpint (linli_point_index_nearest (index, 4e7 + 2.9, 4e7, 1), ==, 2);
  g_assert_cmpint (linli_point_index_nearest (index, 1, 0, 2), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spatial/circle-matches-brute-force", test_circle_matches_brute_force);
  g_test_add_func ("/spatial/degenerate", test_degenerate);
  g_test_add_func ("/spatial/sparse-extent", test_sparse_extent);
  return g_test_run ();
}
