/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GCJ-02 and its inverse. */
#include <math.h>

#include "linli-crs.h"
#include "linli-geo.h"

/* Inside China the forward transform moves points by the hundreds of
 * metres it is known for, and the inverse undoes it to well under 1 m. */
static void
test_round_trip (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (5);
  double worst = 0, least_shift = INFINITY, most_shift = 0;

  for (guint i = 0; i < 20000; i++)
    {
      double lat = g_rand_double_range (rng, 18, 53), lon = g_rand_double_range (rng, 74, 134);
      double glat, glon, wlat, wlon, back_lat, back_lon, shift;

      linli_gcj02_from_wgs84 (lat, lon, &glat, &glon);
      shift = linli_haversine_distance (lat, lon, glat, glon);
      least_shift = MIN (least_shift, shift);
      most_shift = MAX (most_shift, shift);

      linli_wgs84_from_gcj02 (glat, glon, &wlat, &wlon);
      worst = MAX (worst, linli_haversine_distance (lat, lon, wlat, wlon));
      /* And forward again gives the GCJ-02 input back. */
      linli_gcj02_from_wgs84 (wlat, wlon, &back_lat, &back_lon);
      g_assert_cmpfloat (linli_haversine_distance (glat, glon, back_lat, back_lon), <, 0.01);
    }
  g_test_message ("inverse error at most %.2e m; shifts %.0f–%.0f m", worst, least_shift, most_shift);
  g_assert_cmpfloat (worst, <, 0.01);
  g_assert_cmpfloat (least_shift, >, 10);
  g_assert_cmpfloat (most_shift, <, 1500);
}

static void
test_outside_china (void)
{
  const double points[][2] = { { 48.85, 2.35 }, { -33.9, 151.2 }, { 40.7, -74.0 }, { 60.0, 100.0 } };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double glat, glon, wlat, wlon;

      g_assert_false (linli_gcj02_applies (points[i][0], points[i][1]));
      linli_gcj02_from_wgs84 (points[i][0], points[i][1], &glat, &glon);
      g_assert_cmpfloat (glat, ==, points[i][0]);
      g_assert_cmpfloat (glon, ==, points[i][1]);
      linli_crs_to_wgs84 (LINLI_CRS_GCJ02, points[i][0], points[i][1], &wlat, &wlon);
      g_assert_cmpfloat (wlat, ==, points[i][0]);
    }
}

static void
test_names (void)
{
  LinliCrs crs;

  g_assert_true (linli_crs_from_string ("GCJ-02", &crs));
  g_assert_cmpint (crs, ==, LINLI_CRS_GCJ02);
  g_assert_true (linli_crs_from_string ("EPSG:4490", &crs));
  g_assert_cmpint (crs, ==, LINLI_CRS_CGCS2000);
  g_assert_true (linli_crs_from_string ("wgs84", &crs));
  g_assert_cmpint (crs, ==, LINLI_CRS_WGS84);
  g_assert_false (linli_crs_from_string ("bd09", &crs));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crs/round-trip", test_round_trip);
  g_test_add_func ("/crs/outside-china", test_outside_china);
  g_test_add_func ("/crs/names", test_names);
  return g_test_run ();
}
