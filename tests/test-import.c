/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GeoJSON buildings in, with estimates, coordinate systems and errors. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "linli-import.h"

static char *
write_temp (const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("linli-import-XXXXXX.geojson", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* A 20 m square at (lat0, lon0), as GeoJSON [lon, lat] pairs, closed. */
static char *
square (double lat0,
        double lon0)
{
  LinliProjection proj;
  GString *s = g_string_new ("[[");

  linli_projection_init (&proj, lat0, lon0);
  for (int k = 0; k <= 4; k++)
    {
      static const double xs[] = { -10, 10, 10, -10, -10 }, ys[] = { -10, -10, 10, 10, -10 };
      double lat, lon;
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

      linli_projection_inverse (&proj, xs[k], ys[k], &lat, &lon);
      g_string_append_printf (s, "%s[%s, %s]", k ? ", " : "", g_ascii_dtostr (a, sizeof a, lon),
                              g_ascii_dtostr (b, sizeof b, lat));
    }
  g_string_append (s, "]]");
  return g_string_free (s, FALSE);
}

static void
test_buildings (void)
{
  g_autofree char *sq = square (31.23, 121.49);
  g_autofree char *json = g_strdup_printf (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"name\": \"1号楼\", \"building:levels\": 6, \"compound\": \"k1\", \"community\": \"c1\"},"
    " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": %s}},"
    "{\"type\": \"Feature\", \"properties\": {\"households\": 40, \"residents\": 100, \"height\": 30, \"compound\": \"k1\", \"community\": \"c1\"},"
    " \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": [%s]}},"
    "{\"type\": \"Feature\", \"properties\": {\"levels\": \"3\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.5, 31.24]}},"
    "{\"type\": \"Feature\", \"properties\": null, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.5, 31.2], [121.6, 31.3]]}},"
    "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": null}"
    "]}", sq, sq);
  g_autofree char *path = write_temp (json);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  LinliImportOptions opts;
  LinliImportReport report;
  const LinliBuilding *b;
  guint n_fp;

  linli_import_options_init (&opts);
  project = linli_import_geojson (path, &opts, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.features, ==, 5);
  g_assert_cmpuint (report.buildings, ==, 3);
  g_assert_cmpuint (report.skipped, ==, 2);
  g_assert_cmpuint (report.estimated, ==, 2);
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, 2);

  /* 400 m² × 6 storeys ÷ 90 m² = 26.7 → 27 households, × 2.6 residents. */
  b = linli_project_get_building (project, 0);
  g_assert_cmpstr (b->name, ==, "1号楼");
  g_assert_cmpuint (b->households, ==, (guint) round (400.0 * 6 / opts.m2_per_household));
  g_assert_cmpuint (b->residents, ==, (guint) round (b->households * opts.residents_per_household));
  g_assert_cmpuint (b->party_members, >=, 1);
  /* The centroid is the square's centre; the closing point is dropped. */
  g_assert_cmpfloat (linli_haversine_distance (b->lat, b->lon, 31.23, 121.49), <, 0.01);
  g_assert_nonnull (linli_project_get_footprint (project, 0, &n_fp));
  g_assert_cmpuint (n_fp, ==, 4);
  g_assert_cmpstr (linli_project_get_compound (project, b->compound)->id, ==, "k1");

  /* Given figures are kept. */
  b = linli_project_get_building (project, 1);
  g_assert_cmpuint (b->households, ==, 40);
  g_assert_cmpuint (b->residents, ==, 100);

  /* A point has no area: at least one household. */
  b = linli_project_get_building (project, 2);
  g_assert_cmpuint (b->households, ==, 1);
  g_assert_cmpfloat (b->lat, ==, 31.24);
  g_unlink (path);
}

/* GCJ-02 input lands where the inverse transform says. */
static void
test_gcj02 (void)
{
  g_autofree char *path = write_temp ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
                                      " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4958, 31.2416]}}]}");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  LinliImportOptions opts;
  double lat, lon;

  linli_import_options_init (&opts);
  opts.crs = LINLI_CRS_GCJ02;
  project = linli_import_geojson (path, &opts, NULL, &error);
  g_assert_no_error (error);
  linli_wgs84_from_gcj02 (31.2416, 121.4958, &lat, &lon);
  g_assert_cmpfloat (linli_project_get_building (project, 0)->lat, ==, lat);
  g_assert_cmpfloat (linli_project_get_building (project, 0)->lon, ==, lon);
  g_assert_cmpfloat (linli_haversine_distance (lat, lon, 31.2416, 121.4958), >, 100);
  g_unlink (path);
}

static void
test_errors (void)
{
  static const struct { const char *json; const char *reason; } cases[] = {
    { "{\"type\": \"Feature\"}", "FeatureCollection" },
    { "[1, 2", "" },
    { "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121, 31], [121.1, 31]]]}}]}", "feature 1" },
    { "{\"type\": \"FeatureCollection\", \"features\": [{}, {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [500, 31]}}]}", "feature 2" },
    { "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[\"x\", 3]]}}]}", "feature 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_temp (cases[i].json);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;
      LinliImportOptions opts;

      linli_import_options_init (&opts);
      project = linli_import_geojson (path, &opts, NULL, &error);
      g_assert_null (project);
      g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].reason));
      g_unlink (path);
    }
}

/* Real OpenStreetMap buildings from ../shared, when it is there. */
static void
test_shared_data (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LINLI_SHARED_DIR") ? g_getenv ("LINLI_SHARED_DIR") : "",
                                            "data", "shanghai-bund", "buildings.geojson", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  LinliImportOptions opts;
  LinliImportReport report;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/data is not here");
      return;
    }
  linli_import_options_init (&opts);
  project = linli_import_geojson (path, &opts, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.buildings + report.skipped, ==, report.features);
  g_assert_cmpuint (report.buildings, >, 1000);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);

      /* The data's documented bounding box, with a little margin. */
      g_assert_cmpfloat (b->lon, >, 121.48);
      g_assert_cmpfloat (b->lon, <, 121.521);
      g_assert_cmpfloat (b->lat, >, 31.226);
      g_assert_cmpfloat (b->lat, <, 31.251);
      g_assert_cmpuint (b->households, >=, 1);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/buildings", test_buildings);
  g_test_add_func ("/import/gcj02", test_gcj02);
  g_test_add_func ("/import/errors", test_errors);
  g_test_add_func ("/import/shared-data", test_shared_data);
  return g_test_run ();
}
