/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GeoJSON buildings in, with estimates, coordinate systems and errors. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "linli-format.h"
#include "linli-import.h"
#include "linli-json.h"
#include "linli-walk.h"
#include "linli-test-utils.h"

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
  g_assert_cmpstr (linli_project_get_attribution (project), ==, "");   /* not from OpenStreetMap */
  g_assert_true (g_str_has_prefix (linli_project_get_name (project), "linli-import-"));
  g_assert_false (g_str_has_suffix (linli_project_get_name (project), ".geojson"));
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
  /* The file gives no party members: unknown, not invented. */
  g_assert_cmpuint (b->party_members, ==, 0);
  g_assert_true (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
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

/* Walkable lines become streets, joined where they share a point; points
 * of interest that are service positions become suggestions. */
static void
test_lines_and_pois (void)
{
  g_autofree char *sq = square (31.23, 121.49);
  g_autofree char *buildings_json = g_strdup_printf (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"building\": \"residential\"},"
    " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": %s}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"building_part\"},"
    " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": %s}},"
    "{\"type\": \"Feature\", \"properties\": {\"building:part\": \"yes\"},"
    " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": %s}},"
    "{\"type\": \"Feature\", \"properties\": {\"building\": \"no\"},"
    " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": %s}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"building\", \"kind_detail\": \"office\"},"
    " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": %s}},"
    "{\"type\": \"Feature\", \"properties\": {\"highway\": \"footway\"},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.490, 31.231], [121.491, 31.231]]}}"
    "]}", sq, sq, sq, sq, sq);
  g_autofree char *buildings = write_temp (buildings_json);
  g_autofree char *roads = write_temp (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    /* Tilezen: the highway value is kind_detail. */
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"minor_road\", \"kind_detail\": \"residential\"},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.491, 31.231], [121.492, 31.231]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"path\", \"kind_detail\": \"steps\"},"
    " \"geometry\": {\"type\": \"MultiLineString\", \"coordinates\": [[[121.492, 31.231], [121.492, 31.232]],"
    " [[121.492, 31.232], [121.493, 31.232], [121.493, 31.232]]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"path\", \"kind_detail\": \"pier\"},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.493, 31.232], [121.494, 31.232]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"path\", \"kind_detail\": \"cycleway\"},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.495, 31.235], [121.496, 31.235]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"major_road\", \"kind_detail\": \"trunk\", \"foot\": null},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.495, 31.236], [121.496, 31.236]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"path\", \"kind_detail\": \"footway\", \"foot\": \"no\"},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.495, 31.237], [121.496, 31.237]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"rail\", \"kind_detail\": \"subway\"},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.495, 31.238], [121.496, 31.238]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"path\", \"kind_detail\": \"footway\"},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.495, 31.238]}}"
    "]}");
  g_autofree char *pois = write_temp (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"amenity\": \"community_centre\", \"name\": \"外滩社区党群服务中心\"},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4905, 31.2305]}},"
    "{\"type\": \"Feature\", \"properties\": {\"osm_id\": 77, \"kind\": \"townhall\"},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4915, 31.2315]}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"restaurant\", \"name\": \"饭店\"},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4925, 31.2325]}},"
    "{\"type\": \"Feature\", \"properties\": {\"kind\": \"kindergarten\"},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4925, 31.2325]}},"
    "{\"type\": \"Feature\", \"properties\": {\"healthcare\": \"clinic\"},"
    " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.50, 31.24], [121.501, 31.24], [121.501, 31.241], [121.50, 31.241], [121.50, 31.24]]]}}"
    "]}");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) loaded = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;
  const LinliStreets *streets;
  guint kinds[LINLI_STREET_N_KINDS] = { 0 }, n_components;
  LinliSite *site;

  linli_import_options_init (&opts);
  opts.streets_path = roads;
  opts.pois_path = pois;
  opts.add_suggested_sites = TRUE;
  project = linli_import_geojson (buildings, &opts, &report, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (report.features, ==, 6 + 8 + 5);
  g_assert_cmpuint (report.buildings, ==, 2);
  g_assert_cmpuint (report.building_parts, ==, 2);
  g_assert_cmpuint (report.not_residential, ==, 1);    /* the office */
  g_assert_cmpuint (linli_project_get_building (project, 1)->households, ==, 0);
  g_assert_cmpuint (linli_project_get_building (project, 0)->households, ==, 4);   /* 400 m² ÷ 90 */

  /* footway, residential, steps (two parts), pier; not the cycleway,
   * trunk, foot=no footway, subway or point. */
  streets = linli_project_get_streets (project);
  for (guint w = 0; w < linli_streets_get_n_ways (streets); w++)
    {
      LinliStreetKind kind;
      guint n;

      linli_streets_get_way (streets, w, &kind, &n);
      kinds[kind]++;
    }
  g_assert_cmpuint (report.street_ways, ==, 5);
  g_assert_cmpuint (kinds[LINLI_STREET_FOOTWAY], ==, 2);   /* footway and pier */
  g_assert_cmpuint (kinds[LINLI_STREET_RESIDENTIAL], ==, 1);
  g_assert_cmpuint (kinds[LINLI_STREET_STEPS], ==, 2);
  /* They meet at shared points: one network of 6 nodes (the repeated point
   * counts once). */
  g_assert_cmpuint (report.street_nodes, ==, 6);
  g_assert_cmpuint (linli_test_streets_component (streets, &n_components, NULL), ==, 6);
  g_assert_cmpuint (n_components, ==, 1);
  g_assert_cmpfloat (report.street_km, >, 0.4);
  g_assert_cmpfloat (report.street_km, <, 0.6);
  g_assert_cmpuint (report.skipped, ==, 1 + 5 + 2);   /* building=no; 5 roads; restaurant, kindergarten */

  /* Community centre, town hall, clinic (at the polygon's centroid). */
  g_assert_cmpuint (report.suggestions->len, ==, 3);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 3);
  site = linli_project_get_site (project, 0);
  g_assert_cmpstr (linli_site_get_name (site), ==, "外滩社区党群服务中心");
  g_assert_cmpint (linli_site_get_tier (site), ==, LINLI_SITE_TIER_COMMUNITY);
  site = linli_project_find_site (project, "poi-77", NULL);
  g_assert_nonnull (site);
  g_assert_cmpint (linli_site_get_tier (site), ==, LINLI_SITE_TIER_STREET);
  g_assert_cmpstr (linli_site_get_name (site), ==, "Town hall");
  site = linli_project_get_site (project, 2);
  g_assert_cmpuint (linli_site_get_services (site), ==, LINLI_SERVICE_HEALTH);
  g_assert_cmpfloat_with_epsilon (linli_site_get_lat (site), 31.2405, 1e-5);
  g_assert_cmpfloat_with_epsilon (linli_site_get_lon (site), 121.5005, 1e-5);

  /* The whole import survives the project file. */
  bytes = linli_format_save_bytes (project);
  loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "saved", &error);
  g_assert_no_error (error);
  linli_test_assert_projects_equal (project, loaded, 1e-7, 1e-9);

  g_unlink (buildings);
  g_unlink (roads);
  g_unlink (pois);
}

/* A bad line in the streets file is named by that file and feature. */
static void
test_street_errors (void)
{
  g_autofree char *buildings = write_temp ("{\"type\": \"FeatureCollection\", \"features\": []}");
  g_autofree char *roads = write_temp (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"highway\": \"footway\"},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.49, 31.23], [121.5, 31.24]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"highway\": \"footway\"},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.49, 31.23], [121.5, 95]]}}]}");
  g_autofree char *short_line = write_temp (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"highway\": \"footway\"},"
    " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.49, 31.23]]}}]}");
  g_autofree char *prefix = g_strdup_printf ("%s: feature 2: ", roads);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;

  linli_import_options_init (&opts);
  opts.streets_path = roads;
  project = linli_import_geojson (buildings, &opts, &report, &error);
  g_assert_null (project);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_null (report.suggestions);
  g_clear_error (&error);

  opts.streets_path = short_line;
  project = linli_import_geojson (buildings, &opts, &report, &error);
  g_assert_null (project);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "fewer than 2 points"));
  g_unlink (buildings);
  g_unlink (roads);
  g_unlink (short_line);
}

/* Roads and points of interest beside a buildings file are found. */
static void
test_companions (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linli-import-XXXXXX", &error);
  const char *names[] = { "buildings.geojson", "roads.geojson", "roads.json", "pois_osm.geojson", "pois_b.geojson" };
  g_autofree char *buildings = g_build_filename (dir, names[0], NULL);
  g_autofree char *roads = g_build_filename (dir, names[1], NULL);
  g_autofree char *pois = g_build_filename (dir, names[4], NULL);
  char *streets_path, *pois_path;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_assert_true (g_file_set_contents (path, "{}", -1, NULL));
    }
  linli_import_find_companions (buildings, &streets_path, &pois_path);
  g_assert_cmpstr (streets_path, ==, roads);
  g_assert_cmpstr (pois_path, ==, pois);   /* the first by name */
  g_free (streets_path);
  g_free (pois_path);
  /* A roads file has no companions of its own. */
  linli_import_find_companions (roads, &streets_path, &pois_path);
  g_assert_null (streets_path);
  g_assert_null (pois_path);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static char *
shared_file (const char *name)
{
  return g_build_filename (g_getenv ("LINLI_SHARED_DIR") ? g_getenv ("LINLI_SHARED_DIR") : "",
                           "data", "shanghai-bund", name, NULL);
}

/* Real OpenStreetMap buildings from ../shared, when it is there. */
static void
test_shared_data (void)
{
  g_autofree char *path = shared_file ("buildings.geojson");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/data is not here");
      return;
    }
  linli_import_options_init (&opts);
  project = linli_import_geojson (path, &opts, &report, &error);
  g_assert_no_error (error);
  /* 1,321 buildings and 129 building parts, as its README says. */
  g_assert_cmpuint (report.buildings + report.building_parts + report.skipped, ==, report.features);
  g_assert_cmpuint (report.buildings, >=, 1300);
  g_assert_cmpuint (report.buildings, <=, 1340);
  g_assert_cmpuint (report.building_parts, >, 100);
  g_assert_cmpuint (report.estimated, ==, report.buildings);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);

      /* The data's documented bounding box, with a little margin. */
      g_assert_cmpfloat (b->lon, >, 121.48);
      g_assert_cmpfloat (b->lon, <, 121.521);
      g_assert_cmpfloat (b->lat, >, 31.226);
      g_assert_cmpfloat (b->lat, <, 31.251);
      g_assert_true (b->flags & LINLI_BUILDING_ESTIMATED);
    }
}

/* Buildings, roads and points of interest together: the streets form one
 * network once joined, and it survives the project file. */
static void
test_shared_district (void)
{
  g_autofree char *buildings = shared_file ("buildings.geojson");
  g_autofree char *roads = shared_file ("roads.geojson");
  g_autofree char *pois = shared_file ("pois_osm.geojson");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) unjoined = NULL;
  g_autoptr (LinliProject) loaded = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_auto (LinliImportReport) report = { 0 };
  g_auto (LinliImportReport) unjoined_report = { 0 };
  LinliImportOptions opts;
  const LinliStreets *streets;
  guint largest, largest_before;

  if (!g_file_test (buildings, G_FILE_TEST_EXISTS) || !g_file_test (roads, G_FILE_TEST_EXISTS) ||
      !g_file_test (pois, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/data is not here");
      return;
    }
  linli_import_options_init (&opts);
  opts.streets_path = roads;
  opts.pois_path = pois;
  opts.add_suggested_sites = TRUE;
  project = linli_import_geojson (buildings, &opts, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (linli_project_get_attribution (project), ==, LINLI_OSM_ATTRIBUTION);
  g_assert_cmpuint (report.buildings, >=, 1300);
  g_assert_cmpuint (report.buildings, <=, 1340);

  streets = linli_project_get_streets (project);
  g_assert_cmpuint (report.street_ways, >, 500);
  g_assert_cmpuint (report.street_nodes, ==, linli_streets_get_n_nodes (streets));
  g_assert_cmpfloat (report.street_km, >, 100);
  g_assert_cmpuint (report.street_joins, >, 50);
  /* Two banks of the Huangpu, which only ferries, the metro and road
   * tunnels closed to people on foot cross: two big parts. */
  {
    g_autofree guint32 *component = NULL;
    g_autofree guint *size = g_new0 (guint, report.street_nodes);
    guint n_components, second = 0;

    largest = linli_test_streets_component (streets, &n_components, &component);
    for (guint i = 0; i < report.street_nodes; i++)
      size[component[i]]++;
    for (guint i = 0; i < report.street_nodes; i++)
      if (size[i] < largest)
        second = MAX (second, size[i]);
    g_test_message ("%u ways, %u nodes, %.1f km, %u joins; largest parts %u and %u nodes (%.1f %%)",
                    report.street_ways, report.street_nodes, report.street_km, report.street_joins, largest,
                    second, 100.0 * (largest + second) / report.street_nodes);
    g_assert_cmpfloat (second, >=, 0.25 * report.street_nodes);
    g_assert_cmpfloat (largest + second, >=, 0.85 * report.street_nodes);
  }

  /* Joining is what connects it: without, the largest part is smaller. */
  opts.join_tolerance = 0;
  unjoined = linli_import_geojson (buildings, &opts, &unjoined_report, &error);
  g_assert_no_error (error);
  largest_before = linli_test_streets_component (linli_project_get_streets (unjoined), NULL, NULL);
  g_assert_cmpfloat ((double) largest_before / unjoined_report.street_nodes, <,
                     (double) largest / report.street_nodes);

  g_assert_cmpuint (report.suggestions->len, >=, 1);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, report.suggestions->len);

  bytes = linli_format_save_bytes (project);
  loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "saved", &error);
  g_assert_no_error (error);
  linli_test_assert_projects_equal (project, loaded, 1e-7, 1e-9);
}

/* Outlines that cross themselves, have no area, repeat points or are
 * tiny: each building stands within its outline's bounding box, the
 * report counts what was repaired or dropped, and the saved file opens.
 * The uneven bowtie once stood at latitude −938,216. */
static void
test_degenerate_rings (void)
{
  static const struct
  {
    const char *name;
    const char *ring;
    guint       n_kept;   /* outline points kept */
  } rings[] = {
    { "bowtie", "[[121.49, 31.23], [121.4901, 31.2301], [121.4901, 31.23], [121.49, 31.2301], [121.49, 31.23]]", 4 },
    { "bowtie-uneven",
      "[[121.49, 31.23], [121.4901, 31.2301], [121.4901, 31.23], [121.49, 31.2301000001], [121.49, 31.23]]", 4 },
    { "sliver", "[[121.49, 31.23], [121.491, 31.231], [121.492, 31.2320000000001], [121.49, 31.23]]", 0 },
    { "zero-area", "[[121.49, 31.23], [121.49, 31.23], [121.49, 31.23], [121.49, 31.23]]", 0 },
    { "collinear", "[[121.49, 31.23], [121.4905, 31.23], [121.491, 31.23], [121.49, 31.23]]", 0 },
    { "duplicates",
      "[[121.49, 31.23], [121.49, 31.23], [121.4901, 31.23], [121.4901, 31.2301], [121.4901, 31.2301], "
      "[121.49, 31.2301], [121.49, 31.23]]", 4 },
    { "tiny", "[[121.49, 31.23], [121.4900001, 31.23], [121.4900001, 31.2300001], [121.49, 31.2300001], "
      "[121.49, 31.23]]", 4 },
  };
  GString *json = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) loaded = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;
  int fd;

  for (guint i = 0; i < G_N_ELEMENTS (rings); i++)
    g_string_append_printf (json, "%s{\"type\": \"Feature\", \"properties\": {\"name\": \"%s\"}, "
                            "\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [%s]}}",
                            i ? ", " : "", rings[i].name, rings[i].ring);
  g_string_append (json, "]}");
  path = write_temp (json->str);
  g_string_free (json, TRUE);

  linli_import_options_init (&opts);
  project = linli_import_geojson (path, &opts, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.buildings, ==, G_N_ELEMENTS (rings));
  g_assert_cmpuint (report.repaired, ==, 2);
  g_assert_cmpuint (report.degenerate, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (rings); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      guint n;

      g_test_message ("%s at %.9f, %.9f", rings[i].name, b->lat, b->lon);
      g_assert_cmpstr (b->name, ==, rings[i].name);
      g_assert_cmpfloat (b->lat, >=, 31.23);
      g_assert_cmpfloat (b->lat, <=, 31.2320000000001);
      g_assert_cmpfloat (b->lon, >=, 121.49);
      g_assert_cmpfloat (b->lon, <=, 121.492);
      linli_project_get_footprint (project, i, &n);
      g_assert_cmpuint (n, ==, rings[i].n_kept);
    }
  /* The repaired bowtie is the square meant: its middle, its area. */
  g_assert_cmpfloat (linli_haversine_distance (linli_project_get_building (project, 0)->lat,
                                               linli_project_get_building (project, 0)->lon, 31.23005, 121.49005),
                     <, 0.01);

  fd = g_file_open_tmp ("linli-import-XXXXXX.linli", &saved, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (linli_format_save_file (project, saved, &error));
  g_assert_no_error (error);
  loaded = linli_format_load_file (saved, &error);
  g_assert_no_error (error);
  linli_test_assert_projects_equal (project, loaded, 1e-7, 1e-9);
  g_unlink (saved);
  g_unlink (path);
}

/* A file for the nesting tests: @prefix, then @depth brackets opened and
 * closed, then @suffix. */
static char *
nested (const char *prefix,
        guint       depth,
        const char *suffix)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append (s, suffix);
  return g_string_free (s, FALSE);
}

/* json-glib parses by recursion: 100,000 levels of "[" used to overflow
 * the stack.  Such a file is refused before parsing, naming its line; one
 * level less than the limit parses. */
static void
test_nesting (void)
{
  /* The feature collection, its features, a feature and its properties
   * are 4 levels before the test's own. */
  const char *head = "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\", "
                     "\"geometry\": {\"type\": \"Point\", \"coordinates\": [121.49, 31.23]},\n\"properties\": {\"x\": ";
  g_autofree char *deep = nested ("\n\n", 100000, "\n");
  g_autofree char *deep_path = write_temp (deep);
  g_autofree char *limit = nested (head, LINLI_JSON_MAX_DEPTH - 4, "}}]}");
  g_autofree char *limit_path = write_temp (limit);
  g_autofree char *over = nested (head, LINLI_JSON_MAX_DEPTH - 3, "}}]}");
  g_autofree char *over_path = write_temp (over);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  LinliImportOptions opts;
  guint line = 0;

  linli_import_options_init (&opts);
  g_assert_null (linli_import_geojson (deep_path, &opts, NULL, &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, deep_path));
  g_assert_nonnull (strstr (error->message, ":3: arrays and objects nested deeper than 64 levels"));
  g_clear_error (&error);

  project = linli_import_geojson (limit_path, &opts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 1);

  g_assert_null (linli_import_geojson (over_path, &opts, NULL, &error));
  g_assert_nonnull (strstr (error->message, ":3: arrays and objects nested deeper than 64 levels"));
  g_clear_error (&error);

  /* The same as companions: streets and points of interest. */
  opts.streets_path = deep_path;
  g_assert_null (linli_import_geojson (limit_path, &opts, NULL, &error));
  g_assert_nonnull (strstr (error->message, "nested deeper than"));
  g_clear_error (&error);
  opts.streets_path = NULL;
  opts.pois_path = over_path;
  g_assert_null (linli_import_geojson (limit_path, &opts, NULL, &error));
  g_assert_nonnull (strstr (error->message, "nested deeper than"));
  g_clear_error (&error);

  /* Brackets in strings, escaped quotes among them, do not count. */
  {
    static const char *const texts[] = {
      "\"[[[[\"", "\"\\\"[[[[\"", "\"\\\\\"", "[\"]]]]\", [[\"\\\\\\\"[\"]]]",
    };
    static const guint depths[] = { 2, 2, 2, 3 };   /* with the "[[]]" after them */

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autofree char *text = nested (texts[i], 2, "");

        g_assert_true (linli_json_check_depth (text, strlen (text), depths[i], &line));
        g_assert_false (linli_json_check_depth (text, strlen (text), depths[i] - 1, &line));
        g_assert_cmpuint (line, ==, 1);
      }
  }

  g_unlink (deep_path);
  g_unlink (limit_path);
  g_unlink (over_path);
}

/* Data the local projection cannot measure are refused, never measured
 * wrong: an 11 m building across ±180° (once 1,000,000 households), a
 * building at the south pole, a street from pole to pole (once 20,015 km
 * on import and 88,351 km in `info`). */
static void
test_beyond_projection (void)
{
  static const struct
  {
    const char *name;
    const char *feature;
    const char *problem;
  } cases[] = {
    { "antimeridian", "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\", "
      "\"coordinates\": [[[179.99995, 31.23], [-179.99995, 31.23], [-179.99995, 31.2301], [179.99995, 31.2301], "
      "[179.99995, 31.23]]]}}", "180° meridian" },
    { "across", "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Point\", "
      "\"coordinates\": [179.9999, 0]}}, {\"type\": \"Feature\", \"properties\": {}, \"geometry\": "
      "{\"type\": \"Point\", \"coordinates\": [-179.9999, 0]}}", "180° meridian" },
    { "south-pole", "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Point\", "
      "\"coordinates\": [0, -90]}}", "-90 lies beyond 85°" },
    { "pole-to-pole", "{\"type\": \"Feature\", \"properties\": {\"highway\": \"footway\"}, \"geometry\": "
      "{\"type\": \"LineString\", \"coordinates\": [[0, -90], [0, 90]]}}", "lies beyond 85°" },
    { "street-across", "{\"type\": \"Feature\", \"properties\": {\"highway\": \"footway\"}, \"geometry\": "
      "{\"type\": \"LineString\", \"coordinates\": [[179.9999, 0], [-179.9999, 0]]}}", "180° meridian" },
    { "tall", "{\"type\": \"Feature\", \"properties\": {\"highway\": \"footway\"}, \"geometry\": "
      "{\"type\": \"LineString\", \"coordinates\": [[121, 30], [121, 33]]}}", "east–west scale varies" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *json = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"features\": [%s]}",
                                               cases[c].feature);
      g_autofree char *path = write_temp (json);
      g_autoptr (GError) error = NULL;
      LinliImportOptions opts;

      g_test_message ("%s", cases[c].name);
      linli_import_options_init (&opts);
      g_assert_null (linli_import_geojson (path, &opts, NULL, &error));
      g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[c].problem));
      g_unlink (path);
    }
}

/* What an import reports of its streets is what the project says after
 * saving and opening, and the great-circle length of the ways; the
 * projection's lengths (the walks') are within its stated accuracy. */
static void
test_street_length (void)
{
  const char *json =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"highway\": \"footway\"}, \"geometry\": {\"type\": \"LineString\", "
    "\"coordinates\": [[121.40, 31.20], [121.45, 31.22], [121.50, 31.20]]}},"
    "{\"type\": \"Feature\", \"properties\": {\"highway\": \"residential\"}, \"geometry\": {\"type\": \"LineString\", "
    "\"coordinates\": [[121.45, 31.22], [121.45, 31.26]]}}]}";
  g_autofree char *path = write_temp (json);
  g_autofree char *saved = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) loaded = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;
  double reference, walked = 0;
  g_autoptr (LinliWalk) walk = NULL;
  int fd;

  linli_import_options_init (&opts);
  project = linli_import_geojson (path, &opts, &report, &error);
  g_assert_no_error (error);
  reference = linli_haversine_distance (31.20, 121.40, 31.22, 121.45) +
              linli_haversine_distance (31.22, 121.45, 31.20, 121.50) +
              linli_haversine_distance (31.22, 121.45, 31.26, 121.45);
  g_assert_cmpfloat_with_epsilon (report.street_km, reference / 1000, 1e-9);

  fd = g_file_open_tmp ("linli-import-XXXXXX.linli", &saved, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (linli_format_save_file (project, saved, &error));
  loaded = linli_format_load_file (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (linli_streets_get_length (linli_project_get_streets (loaded)) / 1000,
                                  report.street_km, 1e-6);
  walk = linli_walk_new_for_project (loaded);
  for (guint e = 0; e < linli_walk_get_n_edges (walk); e++)
    {
      guint a, b;
      double len;

      linli_walk_get_edge (walk, e, &a, &b, &len);
      walked += len;
    }
  g_assert_cmpfloat (fabs (walked - reference) / reference, <, 0.0035);
  g_unlink (saved);
  g_unlink (path);
}

/* A district imported from a file is named after the file, without the
 * extensions of the formats read, in any case; nothing else is cut. */
static void
test_name_for_path (void)
{
  const char *cases[][2] = {
    { "/data/老城区.geojson", "老城区" },
    { "district.osm.xml", "district" },
    { "LIST.CSV", "LIST" },
    { "a.b.shp", "a.b.shp" },
    { ".csv", ".csv" },
    { "roads.json.txt", "roads" },
    { "old town", "old town" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = linli_import_name_for_path (cases[i][0]);

      g_assert_cmpstr (name, ==, cases[i][1]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/buildings", test_buildings);
  g_test_add_func ("/import/name-for-path", test_name_for_path);
  g_test_add_func ("/import/gcj02", test_gcj02);
  g_test_add_func ("/import/errors", test_errors);
  g_test_add_func ("/import/lines-and-pois", test_lines_and_pois);
  g_test_add_func ("/import/street-errors", test_street_errors);
  g_test_add_func ("/import/companions", test_companions);
  g_test_add_func ("/import/shared-data", test_shared_data);
  g_test_add_func ("/import/shared-district", test_shared_district);
  g_test_add_func ("/import/degenerate-rings", test_degenerate_rings);
  g_test_add_func ("/import/nesting", test_nesting);
  g_test_add_func ("/import/beyond-projection", test_beyond_projection);
  g_test_add_func ("/import/street-length", test_street_length);
  return g_test_run ();
}
