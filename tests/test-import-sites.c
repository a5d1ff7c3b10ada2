/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Candidate sites in bulk: lists, points of GeoJSON and OpenStreetMap
 * files, refusals with their lines, one undoable step, and the warning for
 * data far from the project. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "linli-format.h"
#include "linli-generator.h"
#include "linli-import-sites.h"
#include "linli-project-edits.h"
#include "linli-test-utils.h"

/* Auxiliary methods */

/* What the test wrote on one line of a list, to check the reader
 * against: the test's own record, not a second parse by the code. */
typedef struct
{
  guint         line;
  gboolean      bad;        /* the row must be refused */
  const char   *reason;     /* part of the refusal */
  char         *name;
  char         *address;
  double        lat, lon;
  LinliSiteTier tier;
  gboolean      has_tier;
  double        cost;       /* yuan, -1 none */
  double        area;       /* NAN none */
  guint         capacity;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->name);
  g_free (row->address);
  g_free (row);
}

static const char *const tier_words[LINLI_SITE_N_TIERS] = { "街道", "社区", "服务站", "邻里中心" };

/* A list of @n rows in random order of kinds: good ones with every field
 * in its many spellings, and bad ones of known reasons on known lines. */
static char *
make_list (GRand     *rand,
           guint      n,
           GPtrArray *rows)
{
  GString *csv = g_string_new ("名称,地址,经度,纬度,类型,面积（㎡）,费用,容量\n");
  guint line = 2;

  for (guint i = 0; i < n; i++)
    {
      Row *row = g_new0 (Row, 1);
      guint kind = g_rand_int_range (rand, 0, 10);
      g_autofree char *cost_text = NULL, *area_text = NULL, *capacity_text = NULL;
      const char *tier_text = "";

      row->line = line;
      row->lat = 30 + g_rand_int_range (rand, 0, 100000) / 1e6;
      row->lon = 120 + g_rand_int_range (rand, 0, 100000) / 1e6;
      row->cost = -1;
      row->area = NAN;
      row->tier = LINLI_SITE_TIER_STATION;
      if (g_rand_boolean (rand))
        row->name = g_strdup_printf ("空置用房%u", i);
      if (g_rand_int_range (rand, 0, 3) == 0)
        row->address = g_strdup_printf ("幸福路%u号", i + 1);
      if (g_rand_boolean (rand))
        {
          row->has_tier = TRUE;
          row->tier = g_rand_int_range (rand, 0, LINLI_SITE_N_TIERS);
          tier_text = g_rand_boolean (rand) ? tier_words[row->tier] : linli_site_tier_to_string (row->tier);
        }
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          break;
        case 1:
          row->cost = g_rand_int_range (rand, 0, 1000000);
          cost_text = g_strdup_printf ("%.0f", row->cost);
          break;
        case 2:
          row->cost = g_rand_int_range (rand, 1, 500) * 1e4;
          cost_text = g_strdup_printf ("%.0f万元", row->cost / 1e4);
          break;
        default:
          row->cost = 1234567;
          cost_text = g_strdup ("\"1,234,567\"");
          break;
        }
      if (g_rand_boolean (rand))
        {
          row->area = g_rand_int_range (rand, 20, 3000) + 0.5;
          area_text = g_strdup_printf (g_rand_boolean (rand) ? "%.1f" : "%.1f㎡", row->area);
        }
      if (g_rand_boolean (rand))
        {
          row->capacity = g_rand_int_range (rand, 1, 5000);
          capacity_text = g_strdup_printf ("%u户", row->capacity);
        }

      /* Bad rows: each spoils one thing. */
      if (kind == 0)
        {
          row->bad = TRUE;
          row->reason = "no coordinates";
          /* Named: a row of blank cells is no row at all to the reader. */
          g_string_append_printf (csv, "w%u,,,,%s,,,\n", i, tier_text);
        }
      else if (kind == 1)
        {
          row->bad = TRUE;
          row->reason = "swapped";
          /* A latitude of 120: the columns written the wrong way round. */
          g_string_append_printf (csv, "x,,%.6f,%.6f,,,,\n", row->lat, row->lon);
        }
      else if (kind == 2)
        {
          row->bad = TRUE;
          row->reason = "is not a tier";
          g_string_append_printf (csv, "y,,%.6f,%.6f,仓库,,,\n", row->lon, row->lat);
        }
      else if (kind == 3)
        {
          row->bad = TRUE;
          row->reason = "negative";
          g_string_append_printf (csv, "z,,%.6f,%.6f,,,-5,\n", row->lon, row->lat);
        }
      else
        {
          g_string_append_printf (csv, "%s,%s,%.6f,%.6f,%s,%s,%s,%s\n", row->name ? row->name : "",
                                  row->address ? row->address : "", row->lon, row->lat, tier_text,
                                  area_text ? area_text : "", cost_text ? cost_text : "",
                                  capacity_text ? capacity_text : "");
        }
      g_ptr_array_add (rows, row);
      line++;
    }
  return g_string_free (csv, FALSE);
}

static LinliSiteImport *
import_list (const char *csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCsvTable) table = linli_csv_table_parse (csv, strlen (csv), "sites.csv", 0, &error);
  LinliSiteMapping mapping;
  LinliSiteImportOptions options;
  LinliSiteImport *import;

  g_assert_no_error (error);
  linli_site_mapping_guess (&mapping, table);
  linli_site_import_options_init (&options);
  import = linli_site_import_csv (table, &mapping, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static char *
write_temp (const char *name,
            const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Tests */

static void
test_guess (void)
{
  const char *csv = "序号,名称,详细地址,x,y,阵地类型,建筑面积(m²),改造费用(万元),容量\n1,a,b,1,2,,,,\n";
  g_autoptr (LinliCsvTable) t = linli_csv_table_parse (csv, strlen (csv), "g.csv", 0, NULL);
  LinliSiteMapping m;

  g_assert_nonnull (t);
  linli_site_mapping_guess (&m, t);
  g_assert_cmpint (m.columns[LINLI_SITE_FIELD_NAME], ==, 1);
  g_assert_cmpint (m.columns[LINLI_SITE_FIELD_ADDRESS], ==, 2);
  g_assert_cmpint (m.columns[LINLI_SITE_FIELD_LON], ==, 3);
  g_assert_cmpint (m.columns[LINLI_SITE_FIELD_LAT], ==, 4);
  g_assert_cmpint (m.columns[LINLI_SITE_FIELD_TIER], ==, 5);
  g_assert_cmpint (m.columns[LINLI_SITE_FIELD_AREA], ==, 6);
  g_assert_cmpint (m.columns[LINLI_SITE_FIELD_COST], ==, 7);
  g_assert_cmpint (m.columns[LINLI_SITE_FIELD_CAPACITY], ==, 8);
}

/* Every good row is a site with the values written; every bad one a
 * refusal naming its line and reason; nothing else. */
static void
test_list_rows (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (14);

  for (guint round = 0; round < linli_test_cases (20); round++)
    {
      g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
      g_autofree char *csv = make_list (rand, g_rand_int_range (rand, 1, 200), rows);
      g_autoptr (LinliSiteImport) import = import_list (csv);
      guint site = 0, refusal = 0;

      for (guint i = 0; i < rows->len; i++)
        {
          Row *row = rows->pdata[i];

          if (row->bad)
            {
              g_autofree char *prefix = g_strdup_printf ("sites.csv:%u: ", row->line);
              const char *message;

              g_assert_cmpuint (refusal, <, import->refusals->len);
              message = import->refusals->pdata[refusal];
              if (!g_str_has_prefix (message, prefix) || strstr (message, row->reason) == NULL)
                g_error ("line %u: expected “%s…%s”, got “%s”", row->line, prefix, row->reason, message);
              g_assert_cmpuint (g_array_index (import->refused_lines, guint, refusal), ==, row->line);
              refusal++;
            }
          else
            {
              const LinliSiteState *st;

              g_assert_cmpuint (site, <, import->sites->len);
              st = import->sites->pdata[site];
              g_assert_cmpuint (g_array_index (import->lines, guint, site), ==, row->line);
              g_assert_null (st->id);
              g_assert_cmpint (st->status, ==, LINLI_SITE_STATUS_CANDIDATE);
              g_assert_cmpfloat_with_epsilon (st->lat, row->lat, 1e-9);
              g_assert_cmpfloat_with_epsilon (st->lon, row->lon, 1e-9);
              g_assert_cmpint (st->tier, ==, row->tier);
              g_assert_cmpfloat (st->cost, ==, row->cost);
              g_assert_cmpuint (st->capacity, ==, row->capacity);
              if (isnan (row->area))
                g_assert_cmpfloat (st->area, <, 0);
              else
                g_assert_cmpfloat_with_epsilon (st->area, row->area, 1e-9);
              /* The address is the site's own, never in its extra services. */
              g_assert_cmpstr (st->address, ==, row->address);
              g_assert_null (st->extra_services);
              if (row->name != NULL)
                g_assert_cmpstr (st->name, ==, row->name);
              else if (row->address != NULL)
                g_assert_cmpstr (st->name, ==, row->address);
              else
                {
                  /* Numbered in the user's language, never empty or an id. */
                  g_assert_nonnull (st->name);
                  g_assert_nonnull (strstr (st->name, "Candidate site"));
                }
              site++;
            }
        }
      g_assert_cmpuint (site, ==, import->sites->len);
      g_assert_cmpuint (refusal, ==, import->n_refused);
      g_assert_cmpuint (import->rows, ==, rows->len);
    }
}

static void
test_list_mapping_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCsvTable) t = linli_csv_table_parse ("name,cost\na,1\n", 11, "m.csv", 0, NULL);
  g_autoptr (LinliSiteImport) import = NULL;
  LinliSiteMapping m;
  LinliSiteImportOptions o;

  linli_site_mapping_guess (&m, t);
  linli_site_import_options_init (&o);
  import = linli_site_import_csv (t, &m, &o, &error);
  g_assert_null (import);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (linli_site_mapping_parse (&m, t, "lat=1", &error));
  g_assert_false (linli_site_mapping_parse (&m, t, "height=1", &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (linli_site_mapping_parse (&m, t, "lon=nosuch", &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED);
}

/* The points a filter takes, and only those; refusals name the feature or
 * the line and node. */
static void
test_geojson_points (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliSiteImport) import = NULL;
  g_autofree char *path = write_temp ("linli-sites.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[\n"
    "{\"type\":\"Feature\",\"properties\":{\"office\":\"government\",\"name\":\"老居委会\"},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.1,30.2]}},\n"
    "{\"type\":\"Feature\",\"properties\":{\"shop\":\"vacant\",\"addr:street\":\"和平路\",\"addr:housenumber\":\"8号\","
    "\"cost\":50000,\"area\":\"120\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.11,30.21]}},\n"
    "{\"type\":\"Feature\",\"properties\":{\"shop\":\"bakery\"},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.12,30.22]}},\n"
    "{\"type\":\"Feature\",\"properties\":{\"shop\":\"vacant\"},"
    "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120,30],[120.1,30]]}},\n"
    "{\"type\":\"Feature\",\"properties\":{\"amenity\":\"community_centre\"},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[520,30]}},\n"
    "{\"type\":\"Feature\",\"properties\":{\"amenity\":\"community_centre\",\"cost\":\"lots\"},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.13,30.23]}}\n"
    "]}\n");
  LinliSiteImportOptions o;
  const LinliSiteState *st;

  linli_site_import_options_init (&o);
  o.filter = "office=government, shop=vacant,amenity=community_centre";
  import = linli_site_import_points (path, LINLI_IMPORT_FORMAT_GEOJSON, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->rows, ==, 6);
  g_assert_cmpuint (import->filtered, ==, 1);
  g_assert_cmpuint (import->sites->len, ==, 2);
  st = import->sites->pdata[0];
  g_assert_cmpstr (st->name, ==, "老居委会");
  /* The Chinese name says the tier. */
  g_assert_cmpint (st->tier, ==, LINLI_SITE_TIER_COMMUNITY);
  g_assert_cmpfloat (st->lat, ==, 30.2);
  g_assert_cmpfloat (st->lon, ==, 120.1);
  g_assert_cmpfloat (st->cost, ==, -1);
  st = import->sites->pdata[1];
  g_assert_cmpstr (st->name, ==, "和平路8号");
  g_assert_cmpint (st->tier, ==, LINLI_SITE_TIER_STATION);
  g_assert_cmpfloat (st->cost, ==, 50000);
  g_assert_cmpfloat (st->area, ==, 120);
  g_assert_cmpstr (st->address, ==, "和平路8号");
  g_assert_cmpuint (import->n_refused, ==, 3);
  g_assert_cmpuint (g_array_index (import->refused_lines, guint, 0), ==, 4);
  g_assert_nonnull (strstr (import->refusals->pdata[0], "feature 4"));
  g_assert_nonnull (strstr (import->refusals->pdata[0], "not a point"));
  g_assert_nonnull (strstr (import->refusals->pdata[1], "feature 5"));
  g_assert_nonnull (strstr (import->refusals->pdata[2], "feature 6"));
  g_assert_nonnull (strstr (import->refusals->pdata[2], "cost"));
  g_unlink (path);
}

static void
test_osm_points (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliSiteImport) import = NULL;
  g_autofree char *path = write_temp ("linli-sites.osm",
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<osm version='0.6'>\n"
    "  <node id='1' lat='30.1' lon='120.1'/>\n"
    "  <node id='2' lat='30.2' lon='120.2'>\n"
    "    <tag k='shop' v='vacant'/>\n"
    "  </node>\n"
    "  <node id='3' lat='30.3' lon='120.3'><tag k='shop' v='vacant'/><tag k='tier' v='castle'/></node>\n"
    "  <node id='4' lat='30.4' lon='120.4' action='delete'><tag k='shop' v='vacant'/></node>\n"
    "  <node id='5' lat='30.5' lon='120.5'><tag k='office' v='government'/><tag k='name' v='街道办'/></node>\n"
    "  <way id='9'><nd ref='1'/><nd ref='2'/><tag k='shop' v='vacant'/></way>\n"
    "</osm>\n");
  LinliSiteImportOptions o;
  const LinliSiteState *st;

  linli_site_import_options_init (&o);
  o.filter = "shop=vacant;office";
  import = linli_site_import_points (path, LINLI_IMPORT_FORMAT_OSM, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->sites->len, ==, 2);
  g_assert_cmpuint (import->filtered, ==, 1);  /* node 1, untagged */
  st = import->sites->pdata[0];
  g_assert_cmpfloat (st->lat, ==, 30.2);
  g_assert_cmpuint (g_array_index (import->lines, guint, 0), ==, 4);
  g_assert_nonnull (strstr (st->name, "Candidate site"));
  st = import->sites->pdata[1];
  g_assert_cmpstr (st->name, ==, "街道办");
  g_assert_cmpint (st->tier, ==, LINLI_SITE_TIER_STREET);
  g_assert_cmpuint (import->n_refused, ==, 1);
  g_assert_nonnull (strstr (import->refusals->pdata[0], ":7: node 3"));
  g_assert_nonnull (strstr (import->refusals->pdata[0], "tier"));
  g_unlink (path);

  /* A broken file is an error naming its line, and no result. */
  g_free (path);
  path = write_temp ("linli-sites-bad.osm", "<osm>\n<node id='1' lat='1' lon='2'>\n<tag k='a' v='b'/>\n");
  g_clear_pointer (&import, linli_site_import_free);
  import = linli_site_import_points (path, LINLI_IMPORT_FORMAT_OSM, &o, &error);
  g_assert_null (import);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_unlink (path);
}

/* Applying is one step; undo gives back the project byte for byte. */
static void
test_apply_undo (void)
{
  LinliGeneratorOptions gen;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliHistory) history = NULL;
  g_autoptr (GBytes) before = NULL, after = NULL, again = NULL, redone = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *csv = make_list (rand, 60, rows);
  g_autoptr (LinliSiteImport) import = import_list (csv);
  guint n_sites;

  linli_generator_options_init (&gen);
  gen.n_buildings = 200;
  gen.center_lat = 30.05;
  gen.center_lon = 120.05;
  project = linli_generate_district (&gen);
  history = linli_history_new (project);
  n_sites = linli_project_get_n_sites (project);
  before = linli_format_save_bytes (project);

  g_assert_cmpuint (linli_site_import_apply (import, history), ==, import->sites->len);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, n_sites + import->sites->len);
  for (guint i = 0; i < import->sites->len; i++)
    {
      g_autoptr (LinliSiteState) got = linli_site_dup_state (linli_project_get_site (project, n_sites + i));
      const LinliSiteState *want = import->sites->pdata[i];

      g_assert_nonnull (got->id);
      g_free (got->id);
      got->id = NULL;
      g_assert_true (linli_site_state_equal (got, want));
    }
  after = linli_format_save_bytes (project);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Import Candidate Sites");

  g_assert_true (linli_history_undo (history));
  again = linli_format_save_bytes (project);
  g_assert_true (g_bytes_equal (before, again));
  g_assert_false (linli_history_get_can_undo (history));
  g_assert_true (linli_history_redo (history));
  redone = linli_format_save_bytes (project);
  g_assert_true (g_bytes_equal (after, redone));
}

/* Far from the project's data, or nothing at all: said, with the distance
 * measured against an independent great-circle computation. */
static void
test_place (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  LinliBuilding b = { .id = "b1", .lat = 30.0, .lon = 120.0, .households = 1 };
  LinliBuilding c = { .id = "b2", .lat = 30.01, .lon = 120.01, .households = 1 };
  LinliLatLon near[] = { { 30.005, 120.005 }, { 30.1, 120.1 } };
  LinliLatLon far[] = { { 39.9, 116.4 } };
  LinliLatLon mixed[] = { { 30.005, 120.005 }, { 39.9, 116.4 } };
  g_autofree char *none = NULL, *all_far = NULL, *some = NULL, *ok = NULL, *empty = NULL;
  double r = 6371008.8, p1 = 30.01 * G_PI / 180, p2 = 39.9 * G_PI / 180;
  double dp = p2 - p1, dl = (116.4 - 120.0) * G_PI / 180;
  double h = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);
  double km = 2 * r * asin (sqrt (h)) / 1000;
  g_autofree char *km_text = g_strdup_printf ("%.0f km", floor (km));

  linli_project_add_community (project, "c", "c");
  linli_project_add_compound (project, "c", "c", 0);
  linli_project_add_building (project, &b, NULL, 0);
  linli_project_add_building (project, &c, NULL, 0);

  none = linli_import_check_place (project, NULL, 0, 50000);
  g_assert_nonnull (none);
  ok = linli_import_check_place (project, near, G_N_ELEMENTS (near), 50000);
  g_assert_null (ok);
  all_far = linli_import_check_place (project, far, 1, 50000);
  g_assert_nonnull (all_far);
  /* The nearest corner of the box is (30.01, 120.0). */
  if (strstr (all_far, km_text) == NULL)
    g_error ("expected “%s” in “%s”", km_text, all_far);
  some = linli_import_check_place (project, mixed, 2, 50000);
  g_assert_nonnull (some);
  g_assert_nonnull (strstr (some, "1 of 2"));
  empty = linli_import_check_place (NULL, far, 1, 50000);
  g_assert_null (empty);

  /* A whole project: its buildings, sites and streets all count. */
  {
    g_autoptr (LinliProject) imported = linli_project_new ();
    g_autoptr (LinliStreets) streets = linli_streets_new ();
    LinliBuilding d = { .id = "d", .lat = 30.004, .lon = 120.004 };
    g_autofree char *close_by = NULL, *with_far_street = NULL;

    linli_project_add_community (imported, "c", "c");
    linli_project_add_compound (imported, "c", "c", 0);
    linli_project_add_building (imported, &d, NULL, 0);
    close_by = linli_import_check_project_place (project, imported);
    g_assert_null (close_by);
    linli_streets_add_node (streets, 39.9, 116.4);
    linli_project_set_streets (imported, g_steal_pointer (&streets));
    with_far_street = linli_import_check_project_place (project, imported);
    g_assert_nonnull (with_far_street);
    g_assert_nonnull (strstr (with_far_street, "1 of 2"));
  }
}

/* Fit to data covers buildings, sites and streets: the box is checked
 * against the minimum and maximum taken over every position. */
static void
test_fit_bounds (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr (LinliProject) project = linli_project_new ();
      g_autoptr (LinliStreets) streets = linli_streets_new ();
      double lo_lat = INFINITY, lo_lon = INFINITY, hi_lat = -INFINITY, hi_lon = -INFINITY;
      double a, b, c, d;
      guint n_buildings = g_rand_int_range (rand, 0, 3), n_sites = g_rand_int_range (rand, 0, 3);
      guint n_nodes = g_rand_int_range (rand, 0, 4);
      guint32 way[4];

      linli_project_add_community (project, "c", "c");
      linli_project_add_compound (project, "c", "c", 0);
      for (guint i = 0; i < n_buildings + n_sites + n_nodes; i++)
        {
          double lat = 30 + g_rand_double_range (rand, -0.2, 0.2), lon = 120 + g_rand_double_range (rand, -0.2, 0.2);
          g_autofree char *id = g_strdup_printf ("x%u", i);

          lo_lat = MIN (lo_lat, lat);
          lo_lon = MIN (lo_lon, lon);
          hi_lat = MAX (hi_lat, lat);
          hi_lon = MAX (hi_lon, lon);
          if (i < n_buildings)
            {
              LinliBuilding bl = { .id = id, .lat = lat, .lon = lon };

              linli_project_add_building (project, &bl, NULL, 0);
            }
          else if (i < n_buildings + n_sites)
            {
              LinliSiteState st = { .id = id, .name = id, .lat = lat, .lon = lon, .cost = -1 };
              g_autoptr (LinliSite) site = linli_site_new (&st);

              linli_project_add_site (project, site);
            }
          else
            way[i - n_buildings - n_sites] = linli_streets_add_node (streets, lat, lon);
        }
      if (n_nodes >= 2)
        linli_streets_add_way (streets, LINLI_STREET_FOOTWAY, way, n_nodes);
      linli_project_set_streets (project, g_steal_pointer (&streets));
      if (n_buildings + n_sites + n_nodes == 0)
        {
          g_assert_false (linli_project_get_bounds (project, &a, &b, &c, &d));
          continue;
        }
      g_assert_true (linli_project_get_bounds (project, &a, &b, &c, &d));
      g_assert_cmpfloat (a, ==, lo_lat);
      g_assert_cmpfloat (b, ==, lo_lon);
      g_assert_cmpfloat (c, ==, hi_lat);
      g_assert_cmpfloat (d, ==, hi_lon);
    }
}

/* Imported buildings get names people can read, keep their kind, and
 * leave party members unknown; all of it survives a save and a load. */
static void
test_imported_names (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL, loaded = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *path = write_temp ("linli-names.osm",
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<osm version='0.6'>\n"
    "  <node id='1' lat='30.0000' lon='120.0000'/><node id='2' lat='30.0000' lon='120.0003'/>\n"
    "  <node id='3' lat='30.0003' lon='120.0003'/><node id='4' lat='30.0003' lon='120.0000'/>\n"
    "  <node id='5' lat='30.0010' lon='120.0000'/><node id='6' lat='30.0010' lon='120.0003'/>\n"
    "  <node id='7' lat='30.0013' lon='120.0003'/><node id='8' lat='30.0013' lon='120.0000'/>\n"
    "  <node id='9' lat='30.0020' lon='120.0000'/><node id='10' lat='30.0020' lon='120.0003'/>\n"
    "  <node id='11' lat='30.0023' lon='120.0003'/><node id='12' lat='30.0023' lon='120.0000'/>\n"
    "  <way id='1551'><nd ref='1'/><nd ref='2'/><nd ref='3'/><nd ref='4'/><nd ref='1'/>"
    "<tag k='building' v='apartments'/><tag k='name' v='3号楼'/></way>\n"
    "  <way id='1552'><nd ref='5'/><nd ref='6'/><nd ref='7'/><nd ref='8'/><nd ref='5'/>"
    "<tag k='building' v='residential'/><tag k='addr:street' v='和平路'/><tag k='addr:housenumber' v='8号'/></way>\n"
    "  <way id='1553'><nd ref='9'/><nd ref='10'/><nd ref='11'/><nd ref='12'/><nd ref='9'/>"
    "<tag k='building' v='yes'/></way>\n"
    "</osm>\n");
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;
  guint n;

  linli_import_options_init (&opts);
  project = linli_import_osm (path, &opts, &report, &error);
  g_assert_no_error (error);
  n = linli_project_get_n_buildings (project);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      const char *want_name[] = { "3号楼", "和平路8号", NULL };
      const char *want_kind[] = { "apartments", "residential", "yes" };
      g_autofree char *numbered = g_strdup_printf ("Building %u", i + 1);

      g_assert_cmpstr (b->name, ==, want_name[i] ? want_name[i] : numbered);
      /* Never the internal id. */
      g_assert_null (strstr (b->name, b->id));
      g_assert_null (strstr (b->name, "155"));
      g_assert_cmpstr (b->kind, ==, want_kind[i]);
      g_assert_cmpuint (b->party_members, ==, 0);
      g_assert_true (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
    }
  g_assert_cmpstr (linli_project_get_community (project, 0)->name, ==, "Imported buildings");
  g_assert_cmpstr (linli_project_get_compound (project, 0)->name, ==, "Imported buildings");

  bytes = linli_format_save_bytes (project);
  loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "names.linli", &error);
  g_assert_no_error (error);
  linli_test_assert_projects_equal (project, loaded, 1e-7, 0);
  g_unlink (path);
}

/* Candidates at every building of one kind: exactly those, counted as the
 * kinds are counted, placed and named as their buildings. */
static void
test_from_buildings (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  const char *kinds[] = { "retail", "office", "apartments", "", NULL };
  guint want[G_N_ELEMENTS (kinds)] = { 0 };
  LinliSiteImportOptions o;

  linli_project_add_community (project, "c", "c");
  linli_project_add_compound (project, "c", "c", 0);
  for (guint i = 0; i < 300; i++)
    {
      guint k = g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds));
      g_autofree char *id = g_strdup_printf ("b%u", i);
      g_autofree char *name = g_strdup_printf ("%u号楼", i);
      LinliBuilding b = { .id = id, .name = name, .kind = kinds[k], .lat = 30 + i * 1e-4, .lon = 120 };

      linli_project_add_building (project, &b, NULL, 0);
      want[k]++;
    }
  linli_site_import_options_init (&o);
  o.tier = LINLI_SITE_TIER_NEIGHBOURHOOD;
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr (GHashTable) counts = linli_site_import_count_kinds (project);
      g_autoptr (LinliSiteImport) import = linli_site_import_buildings (project, kinds[k], &o);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, kinds[k])), ==, want[k]);
      g_assert_false (g_hash_table_contains (counts, ""));
      g_assert_cmpuint (import->sites->len, ==, want[k]);
      for (guint i = 0; i < import->sites->len; i++)
        {
          const LinliSiteState *st = import->sites->pdata[i];
          guint index = g_array_index (import->lines, guint, i) - 1;
          const LinliBuilding *b = linli_project_get_building (project, index);

          g_assert_cmpstr (b->kind, ==, kinds[k]);
          g_assert_cmpstr (st->name, ==, b->name);
          g_assert_cmpfloat (st->lat, ==, b->lat);
          g_assert_cmpint (st->tier, ==, LINLI_SITE_TIER_NEIGHBOURHOOD);
          g_assert_cmpint (st->status, ==, LINLI_SITE_STATUS_CANDIDATE);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-sites/guess", test_guess);
  g_test_add_func ("/import-sites/list-rows", test_list_rows);
  g_test_add_func ("/import-sites/list-mapping-errors", test_list_mapping_errors);
  g_test_add_func ("/import-sites/geojson-points", test_geojson_points);
  g_test_add_func ("/import-sites/osm-points", test_osm_points);
  g_test_add_func ("/import-sites/apply-undo", test_apply_undo);
  g_test_add_func ("/import-sites/place", test_place);
  g_test_add_func ("/import-sites/fit-bounds", test_fit_bounds);
  g_test_add_func ("/import-sites/imported-names", test_imported_names);
  g_test_add_func ("/import-sites/from-buildings", test_from_buildings);

  return g_test_run ();
}
