/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/relaxng.h>
#include <math.h>
#include <string.h>

#include "linli-document.h"
#include "linli-format.h"
#include "linli-geos.h"
#include "linli-grid-propose.h"
#include "linli-import.h"

/* Water: the model, its file section, its import from OpenStreetMap and
 * its part in grid proposals. */

#define LAT0 30.0
#define LON0 120.0

/* Auxiliary methods */

/* A position @x metres east and @y metres north of LAT0, LON0. */
static LinliLatLon
at (double x,
    double y)
{
  LinliProjection projection;
  LinliLatLon p;

  linli_projection_init (&projection, LAT0, LON0);
  linli_projection_inverse (&projection, x, y, &p.lat, &p.lon);
  p.lat = round (p.lat * 1e7) / 1e7;
  p.lon = round (p.lon * 1e7) / 1e7;
  return p;
}

static LinliPolygon *
rectangle_m (double x0,
             double y0,
             double x1,
             double y1)
{
  LinliLatLon a = at (x0, y0), b = at (x1, y1);

  return linli_polygon_new_rectangle (a.lat, a.lon, b.lat, b.lon);
}

/* Water of every kind: lines with and without name and width, areas with
 * and without a hole. */
static LinliWater *
some_water (void)
{
  LinliWater *water = linli_water_new ();

  for (guint k = 0; k < LINLI_WATERWAY_N_KINDS; k++)
    {
      LinliLatLon line[3] = { at (-500, 100.0 * k), at (0, 100.0 * k + 30), at (500, 100.0 * k) };

      linli_water_add_line (water, k, k == 0 ? "京杭大运河" : NULL, k == 1 ? 12.5 : 0, line, 3);
    }
  for (guint k = 0; k < LINLI_WATER_AREA_N_KINDS; k++)
    {
      g_autoptr (LinliPolygon) outline = rectangle_m (800 + 300.0 * k, 0, 1000 + 300.0 * k, 200);

      if (k == 1)
        {
          /* A pond with an island. */
          LinliLatLon points[8] = { at (1100, 0), at (1300, 0), at (1300, 200), at (1100, 200),
                                    at (1150, 50), at (1150, 150), at (1250, 150), at (1250, 50) };
          guint lengths[2] = { 4, 4 };
          gboolean holes[2] = { FALSE, TRUE };
          g_autoptr (LinliPolygon) pond = linli_polygon_new (points, lengths, holes, 2);

          linli_water_add_area (water, k, "湖 & <pond>", pond);
        }
      else
        linli_water_add_area (water, k, NULL, outline);
    }
  return water;
}

static LinliProject *
project_with_water (void)
{
  LinliProject *project = linli_project_new ();
  guint c = linli_project_add_community (project, "c1", "运河社区");
  guint k = linli_project_add_compound (project, "k1", "小区", c);
  LinliLatLon p = at (0, -300);
  LinliBuilding b = { "b1", "1幢", p.lat, p.lon, k, 40, 100, 3, 0, 0, 0 };

  linli_project_add_building (project, &b, NULL, 0);
  linli_project_set_water (project, some_water ());
  return project;
}

static gboolean
schema_validates (GBytes  *bytes,
                  char   **reason)
{
  const char *root = g_getenv ("LINLI_SOURCE_DIR");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", "data", "linli-2.rng", NULL);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (pctxt);
  xmlDocPtr doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes), "doc.linli",
                                 NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlRelaxNGValidCtxtPtr vctxt;
  int ret;

  g_assert_nonnull (schema);
  g_assert_nonnull (doc);
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  ret = xmlRelaxNGValidateDoc (vctxt, doc);
  *reason = ret == 0 ? NULL : g_strdup ("the saved document does not match data/linli-2.rng");
  xmlRelaxNGFreeValidCtxt (vctxt);
  xmlFreeDoc (doc);
  xmlRelaxNGFree (schema);
  xmlRelaxNGFreeParserCtxt (pctxt);
  return ret == 0;
}

/* The model and the file */

/* Saved and loaded back, the water is the same, to the bit: coordinates
 * were given with 7 decimals, as files keep them.  The document matches
 * the schema, and a copy of the project has the same water. */
static void
test_round_trip (void)
{
  g_autoptr (LinliProject) project = project_with_water ();
  g_autoptr (LinliProject) copy = linli_project_copy (project);
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);
  g_autoptr (GBytes) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) loaded = NULL;
  g_autofree char *reason = NULL;
  const LinliWater *water;

  g_assert_true (linli_project_has_water (project));
  g_assert_true (linli_water_equal (linli_project_get_water (project), linli_project_get_water (copy)));
  loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "water.linli",
                                   &error);
  g_assert_no_error (error);
  water = linli_project_get_water (loaded);
  g_assert_cmpuint (linli_water_get_n_lines (water), ==, LINLI_WATERWAY_N_KINDS);
  g_assert_cmpuint (linli_water_get_n_areas (water), ==, LINLI_WATER_AREA_N_KINDS);
  g_assert_true (linli_water_equal (linli_project_get_water (project), water));
  {
    const char *name;
    double width;
    LinliWaterwayKind kind;
    LinliWaterAreaKind area_kind;
    guint n;

    linli_water_get_line (water, 0, &kind, &name, &width, &n);
    g_assert_cmpint (kind, ==, LINLI_WATERWAY_RIVER);
    g_assert_cmpstr (name, ==, "京杭大运河");
    g_assert_cmpfloat (width, ==, 0);
    linli_water_get_line (water, 1, &kind, &name, &width, &n);
    g_assert_cmpint (kind, ==, LINLI_WATERWAY_CANAL);
    g_assert_null (name);
    g_assert_cmpfloat (width, ==, 12.5);
    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpuint (linli_polygon_get_n_rings (linli_water_get_area (water, 1, &area_kind, &name)), ==, 2);
    g_assert_cmpint (area_kind, ==, LINLI_WATER_AREA_RIVERBANK);
    g_assert_cmpstr (name, ==, "湖 & <pond>");
  }
  g_assert_true (schema_validates (bytes, &reason));
  again = linli_format_save_bytes (loaded);
  g_assert_true (g_bytes_equal (bytes, again));
}

/* Files written before water existed still open, with no water. */
static void
test_old_files (void)
{
  const char *v1 = "<?xml version=\"1.0\"?>\n<linli version=\"1\" name=\"old\">\n"
                   "<communities><community id=\"c\"/></communities>\n</linli>\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = linli_format_load_data (v1, strlen (v1), "old.linli", &error);
  const char *root = g_getenv ("LINLI_SOURCE_DIR");
  g_autofree char *sample = g_build_filename (root != NULL ? root : ".", "data", "sample.linli", NULL);
  g_autoptr (LinliProject) bundled = NULL;

  g_assert_no_error (error);
  g_assert_false (linli_project_has_water (project));
  bundled = linli_format_load_file (sample, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundled);
}

/* Saving refuses water the loader would refuse: here, so far north of the
 * buildings that the projection cannot measure both. */
static void
test_save_refuses_far_water (void)
{
  g_autoptr (LinliProject) project = project_with_water ();
  g_autoptr (LinliWater) water = linli_water_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linli-water-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "far.linli", NULL);
  LinliLatLon line[2] = { { 30.0, 120.0 }, { 45.0, 120.0 } };

  linli_water_add_line (water, LINLI_WATERWAY_RIVER, NULL, 0, line, 2);
  linli_project_set_water (project, g_steal_pointer (&water));
  g_assert_false (linli_format_save_file (project, path, &error));
  g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

typedef struct
{
  const char *name;
  const char *water;     /* the section's children; NULL: made by the test */
  const char *message;
  int         line;
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "unknown-kind", "<line kind=\"sea\">120,30 120.01,30</line>", "unknown waterway kind", 4 },
  { "one-point", "<line kind=\"river\">120,30</line>", "at least 2 points", 4 },
  { "not-pairs", "<line kind=\"river\">120,30 120.01</line>", "not a “lon,lat” pair", 4 },
  { "width", "<line kind=\"canal\" width=\"20000\">120,30 120.01,30</line>", "must be a number", 4 },
  { "width-nan", "<line kind=\"canal\" width=\"nan\">120,30 120.01,30</line>", "must be a number", 4 },
  { "unknown-attribute", "<line kind=\"river\" depth=\"3\">120,30 120.01,30</line>", "unknown attribute", 4 },
  { "bow-tie", "<area kind=\"water\"><ring>120,30 120.01,30.01 120.01,30 120,30.01</ring></area>",
    "not a valid polygon", 4 },
  { "no-outline", "<area kind=\"water\"/>", "has no outline", 4 },
  { "area-kind", "<area kind=\"sea\"><ring>120,30 120.01,30 120.01,30.01</ring></area>",
    "unknown water area kind", 4 },
  { "line-after-area", "<area kind=\"water\"><ring>120,30 120.01,30 120.01,30.01</ring></area>\n"
    "<line kind=\"river\">120,30 120.01,30</line>", "comes after", 5 },
  { "unknown-element", "<lake/>", "unexpected <lake>", 4 },
  { "text", "water", "unexpected text", 5 },
  { "far-away", "<line kind=\"river\">120,30\n-120,30</line>", "", 5 },
  { "name-too-long", NULL, "longer", 4 },
  { "too-many-points", NULL, "more than 100000 points", 4 },
};

/* Each malformed section is refused with the file, the line and the reason. */
static void
test_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      const HostileCase *c = &hostile_cases[i];
      g_autofree char *water = NULL;
      g_autofree char *doc = NULL;
      g_autofree char *where = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;

      if (g_strcmp0 (c->name, "name-too-long") == 0)
        {
          g_autofree char *name = g_strnfill (1025, 'x');

          water = g_strdup_printf ("<line kind=\"river\" name=\"%s\">120,30 120.01,30</line>", name);
        }
      else if (g_strcmp0 (c->name, "too-many-points") == 0)
        {
          GString *line = g_string_new ("<line kind=\"river\">");

          for (guint k = 0; k <= LINLI_WATER_MAX_LINE_POINTS; k++)
            g_string_append_printf (line, "120.%05u,30 ", k);
          g_string_append (line, "</line>");
          water = g_string_free (line, FALSE);
        }
      else
        water = g_strdup (c->water);
      doc = g_strdup_printf ("<?xml version=\"1.0\"?>\n<linli version=\"2\">\n<water>\n%s\n</water>\n</linli>\n",
                             water);
      project = linli_format_load_data (doc, strlen (doc), "hostile.linli", &error);
      g_test_message ("%s: %s", c->name, error ? error->message : "(loaded)");
      g_assert_null (project);
      g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, c->message));
      where = g_strdup_printf ("hostile.linli:%d:", c->line);
      g_assert_true (g_str_has_prefix (error->message, where));
    }
}

/* Import */

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static const char osm_water[] =
  "<?xml version='1.0' encoding='UTF-8'?>\n"
  "<osm version='0.6'>\n"
  /* A building about LAT0, LON0. */
  " <node id='1' lat='30.0000' lon='120.0000'/><node id='2' lat='30.0000' lon='120.0002'/>\n"
  " <node id='3' lat='30.0002' lon='120.0002'/><node id='4' lat='30.0002' lon='120.0000'/>\n"
  " <way id='100'><nd ref='1'/><nd ref='2'/><nd ref='3'/><nd ref='4'/><nd ref='1'/>"
  "<tag k='building' v='residential'/></way>\n"
  /* Two nodes for each waterway, a few hundred metres north. */
  " <node id='11' lat='30.003' lon='119.995'/><node id='12' lat='30.003' lon='120.005'/>\n"
  " <node id='13' lat='30.004' lon='119.995'/><node id='14' lat='30.004' lon='120.005'/>\n"
  " <node id='15' lat='30.005' lon='119.995'/><node id='16' lat='30.005' lon='120.005'/>\n"
  " <node id='17' lat='30.006' lon='119.995'/><node id='18' lat='30.006' lon='120.005'/>\n"
  " <node id='19' lat='30.007' lon='119.995'/><node id='20' lat='30.007' lon='120.005'/>\n"
  " <way id='201'><nd ref='11'/><nd ref='12'/><tag k='waterway' v='river'/><tag k='name' v='运河'/>"
  "<tag k='width' v='25'/></way>\n"
  " <way id='202'><nd ref='13'/><nd ref='14'/><tag k='waterway' v='canal'/><tag k='name:zh' v='小河'/></way>\n"
  " <way id='203'><nd ref='15'/><nd ref='16'/><tag k='waterway' v='stream'/></way>\n"
  /* A node missing from the extract: the rest of the drain stays. */
  " <way id='204'><nd ref='999'/><nd ref='17'/><nd ref='18'/><tag k='waterway' v='drain'/></way>\n"
  " <way id='205'><nd ref='19'/><nd ref='20'/><tag k='waterway' v='ditch'/><tag k='width' v='wide'/></way>\n"
  /* Not water: a dam and a waterfall's node. */
  " <way id='206'><nd ref='19'/><nd ref='20'/><tag k='waterway' v='dam'/></way>\n"
  /* Areas south of the building: a pond, a riverbank, a reservoir. */
  " <node id='31' lat='29.996' lon='120.000'/><node id='32' lat='29.996' lon='120.001'/>"
  "<node id='33' lat='29.997' lon='120.001'/><node id='34' lat='29.997' lon='120.000'/>\n"
  " <way id='301'><nd ref='31'/><nd ref='32'/><nd ref='33'/><nd ref='34'/><nd ref='31'/>"
  "<tag k='natural' v='water'/><tag k='name' v='月湖'/></way>\n"
  " <node id='35' lat='29.996' lon='120.002'/><node id='36' lat='29.996' lon='120.003'/>"
  "<node id='37' lat='29.997' lon='120.003'/><node id='38' lat='29.997' lon='120.002'/>\n"
  " <way id='302'><nd ref='35'/><nd ref='36'/><nd ref='37'/><nd ref='38'/><nd ref='35'/>"
  "<tag k='waterway' v='riverbank'/></way>\n"
  /* A reservoir whose outline crosses itself: repaired. */
  " <node id='39' lat='29.996' lon='120.004'/><node id='40' lat='29.997' lon='120.005'/>"
  "<node id='41' lat='29.996' lon='120.005'/><node id='42' lat='29.997' lon='120.004'/>\n"
  " <way id='303'><nd ref='39'/><nd ref='40'/><nd ref='41'/><nd ref='42'/><nd ref='39'/>"
  "<tag k='landuse' v='reservoir'/></way>\n"
  /* An unclosed lake: skipped. */
  " <way id='304'><nd ref='31'/><nd ref='32'/><nd ref='33'/><tag k='natural' v='water'/></way>\n"
  /* A basin as a multipolygon of two outer ways and an island. */
  " <node id='51' lat='29.990' lon='120.000'/><node id='52' lat='29.990' lon='120.004'/>"
  "<node id='53' lat='29.994' lon='120.004'/><node id='54' lat='29.994' lon='120.000'/>\n"
  " <node id='55' lat='29.991' lon='120.001'/><node id='56' lat='29.991' lon='120.002'/>"
  "<node id='57' lat='29.992' lon='120.002'/><node id='58' lat='29.992' lon='120.001'/>\n"
  " <way id='401'><nd ref='51'/><nd ref='52'/><nd ref='53'/></way>\n"
  " <way id='402'><nd ref='53'/><nd ref='54'/><nd ref='51'/></way>\n"
  " <way id='403'><nd ref='55'/><nd ref='56'/><nd ref='57'/><nd ref='58'/><nd ref='55'/></way>\n"
  " <relation id='501'><member type='way' ref='401' role='outer'/><member type='way' ref='402' role='outer'/>"
  "<member type='way' ref='403' role='inner'/><tag k='type' v='multipolygon'/><tag k='landuse' v='basin'/>"
  "</relation>\n"
  /* A river 110 km north: left out.  One 100 km long through the
   * district: cut 2 km beyond the building. */
  " <node id='61' lat='31.0' lon='119.9'/><node id='62' lat='31.0' lon='120.1'/>\n"
  " <way id='601'><nd ref='61'/><nd ref='62'/><tag k='waterway' v='river'/></way>\n"
  " <node id='63' lat='30.0001' lon='119.5'/><node id='64' lat='30.0001' lon='120.5'/>\n"
  " <way id='602'><nd ref='63'/><nd ref='64'/><tag k='waterway' v='river'/><tag k='name' v='长河'/></way>\n"
  "</osm>\n";

/* Each tag the importer knows gives water of its kind; what cannot be
 * used is counted; water far from the rest is cut off; the result saves
 * and loads. */
static void
test_import_osm (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-water-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "water.osm", osm_water);
  g_auto (LinliImportReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  const LinliWater *water;
  guint line_kinds[LINLI_WATERWAY_N_KINDS] = { 0 }, area_kinds[LINLI_WATER_AREA_N_KINDS] = { 0 };
  LinliExtent extent;
  LinliProjection projection;
  gboolean long_river_cut = FALSE;

  {
    LinliImportOptions options;

    linli_import_options_init (&options);
    project = linli_import_osm (path, &options, &report, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 1);
  water = linli_project_get_water (project);
  g_assert_cmpuint (report.water_lines, ==, 6);
  g_assert_cmpuint (report.water_areas, ==, 4);
  g_assert_cmpuint (report.water_skipped, ==, 2);   /* the unclosed lake and the far river */
  g_assert_cmpuint (linli_water_get_n_lines (water), ==, 6);
  g_assert_cmpuint (linli_water_get_n_areas (water), ==, 4);

  linli_projection_init (&projection, 30.0001, 120.0001);
  for (guint i = 0; i < linli_water_get_n_lines (water); i++)
    {
      LinliWaterwayKind kind;
      const char *name;
      double width;
      guint n;
      const LinliLatLon *p = linli_water_get_line (water, i, &kind, &name, &width, &n);

      line_kinds[kind]++;
      if (g_strcmp0 (name, "运河") == 0)
        g_assert_cmpfloat (width, ==, 25);
      else if (g_strcmp0 (name, "长河") == 0)
        {
          /* Cut about 2 km west and east of the building, not 50 km. */
          for (guint k = 0; k < n; k++)
            {
              double x, y;

              linli_projection_forward (&projection, p[k].lat, p[k].lon, &x, &y);
              g_assert_cmpfloat (fabs (x), <, 2100);
              g_assert_cmpfloat (fabs (x), >, 1900);
            }
          long_river_cut = TRUE;
        }
      else
        g_assert_cmpfloat (width, ==, 0);   /* none, or "wide" */
      if (kind == LINLI_WATERWAY_CANAL)
        g_assert_cmpstr (name, ==, "小河");
      if (kind == LINLI_WATERWAY_DRAIN)
        g_assert_cmpuint (n, ==, 2);
    }
  g_assert_true (long_river_cut);
  g_assert_cmpuint (line_kinds[LINLI_WATERWAY_RIVER], ==, 2);
  for (guint k = 1; k < LINLI_WATERWAY_N_KINDS; k++)
    g_assert_cmpuint (line_kinds[k], ==, 1);

  for (guint i = 0; i < linli_water_get_n_areas (water); i++)
    {
      LinliWaterAreaKind kind;
      const char *name;
      LinliPolygon *polygon = linli_water_get_area (water, i, &kind, &name);
      g_autofree char *problem = linli_polygon_check (polygon, &projection);

      g_assert_null (problem);
      area_kinds[kind]++;
      if (kind == LINLI_WATER_AREA_WATER)
        g_assert_cmpstr (name, ==, "月湖");
      if (kind == LINLI_WATER_AREA_BASIN)
        {
          /* The island is a hole: its middle is not water, the basin's is. */
          g_assert_false (linli_polygon_contains (polygon, 29.9915, 120.0015));
          g_assert_true (linli_polygon_contains (polygon, 29.993, 120.003));
          g_assert_cmpfloat_with_epsilon (linli_polygon_area (polygon, &projection),
                                          (0.004 * projection.m_per_deg_lat) * (0.004 * projection.m_per_deg_lon)
                                          - (0.001 * projection.m_per_deg_lat) * (0.001 * projection.m_per_deg_lon),
                                          1.0);
        }
      if (kind == LINLI_WATER_AREA_RESERVOIR)
        /* The bow tie became two triangles. */
        g_assert_cmpuint (linli_polygon_get_n_parts (polygon), ==, 2);
    }
  for (guint k = 0; k < LINLI_WATER_AREA_N_KINDS; k++)
    g_assert_cmpuint (area_kinds[k], ==, 1);

  linli_extent_init (&extent);
  linli_water_get_extent (water, &extent);
  g_assert_cmpfloat (extent.max_lat, <, 30.1);

  /* It saves, and loads back the same. */
  {
    g_autofree char *saved = g_build_filename (dir, "water.linli", NULL);
    g_autoptr (LinliProject) loaded = NULL;

    g_assert_true (linli_format_save_file (project, saved, &error));
    g_assert_no_error (error);
    loaded = linli_format_load_file (saved, &error);
    g_assert_no_error (error);
    g_assert_true (linli_water_equal (water, linli_project_get_water (loaded)));
    g_unlink (saved);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* Grid proposals */

/* Four compounds of one building and 200 households each, two north of
 * the line y = 0 and two south of it, 400 m apart east–west and 100 m
 * north–south: the shortest boundary between two grids of 400 households
 * runs north–south, so without water each grid takes a northern and a
 * southern compound. */
static LinliProject *
two_banks (void)
{
  LinliProject *project = linli_project_new ();
  guint c = linli_project_add_community (project, "c1", "两岸社区");
  const struct { const char *id; double x, y; } places[] = {
    { "N1", -200, 50 }, { "N2", 200, 50 }, { "S1", -200, -50 }, { "S2", 200, -50 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      guint k = linli_project_add_compound (project, places[i].id, places[i].id, c);
      LinliLatLon p = at (places[i].x, places[i].y);
      LinliBuilding b = { places[i].id, places[i].id, p.lat, p.lon, k, 200, 500, 10, 0, 0, 0 };

      linli_project_add_building (project, &b, NULL, 0);
    }
  return project;
}

/* Proposes grids for @project's community and counts the grids holding
 * buildings of both banks (north: y > 0), by where the buildings lie. */
static guint
grids_across (LinliProject *project,
              guint        *n_grids)
{
  g_autoptr (LinliDocument) document = linli_document_new (project, NULL);
  g_autoptr (LinliGridProposal) proposal = NULL;
  g_autoptr (GError) error = NULL;
  LinliGridProposeOptions options;
  guint across = 0;

  linli_grid_propose_options_init (&options);
  options.min_households = 300;
  options.max_households = 500;
  proposal = linli_grid_propose (document, 0, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (proposal);
  for (guint k = 0; proposal->problems != NULL && proposal->problems[k] != NULL; k++)
    g_test_message ("%s", proposal->problems[k]);
  g_assert_null (proposal->problems);
  for (guint g = 0; g < proposal->states->len; g++)
    {
      const LinliGridState *state = g_ptr_array_index (proposal->states, g);
      gboolean north = FALSE, south = FALSE;
      guint households = 0;

      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        {
          const LinliBuilding *b = linli_project_get_building (project, i);

          if (!linli_polygon_contains (state->polygon, b->lat, b->lon))
            continue;
          households += b->households;
          if (b->lat > LAT0)
            north = TRUE;
          else
            south = TRUE;
        }
      g_assert_cmpuint (households, >=, 300);
      g_assert_cmpuint (households, <=, 500);
      across += north && south;
    }
  *n_grids = proposal->states->len;
  return across;
}

static void
test_propose_across_water (void)
{
  guint n_grids = 0;

  /* No water: both grids join the banks. */
  {
    g_autoptr (LinliProject) project = two_banks ();

    g_assert_cmpuint (grids_across (project, &n_grids), ==, 2);
    g_assert_cmpuint (n_grids, ==, 2);
  }
  /* A narrow river along y = 0 (no width: the least strip is taken). */
  {
    g_autoptr (LinliProject) project = two_banks ();
    g_autoptr (LinliWater) water = linli_water_new ();
    LinliLatLon line[3] = { at (-1000, 0), at (0, 2), at (1000, 0) };

    linli_water_add_line (water, LINLI_WATERWAY_STREAM, "小溪", 0, line, 3);
    linli_project_set_water (project, g_steal_pointer (&water));
    g_assert_cmpuint (grids_across (project, &n_grids), ==, 0);
    g_assert_cmpuint (n_grids, ==, 2);
  }
  /* A lake across the community instead. */
  {
    g_autoptr (LinliProject) project = two_banks ();
    g_autoptr (LinliWater) water = linli_water_new ();
    g_autoptr (LinliPolygon) lake = rectangle_m (-1000, -10, 1000, 10);

    linli_water_add_area (water, LINLI_WATER_AREA_WATER, NULL, lake);
    linli_project_set_water (project, g_steal_pointer (&water));
    g_assert_cmpuint (grids_across (project, &n_grids), ==, 0);
    g_assert_cmpuint (n_grids, ==, 2);
  }
  /* Water that does not cut the community changes nothing. */
  {
    g_autoptr (LinliProject) project = two_banks ();
    g_autoptr (LinliWater) water = linli_water_new ();
    LinliLatLon line[2] = { at (-1000, 600), at (1000, 600) };

    linli_water_add_line (water, LINLI_WATERWAY_RIVER, NULL, 40, line, 2);
    linli_project_set_water (project, g_steal_pointer (&water));
    g_assert_cmpuint (grids_across (project, &n_grids), ==, 2);
  }
}

/* A bank that holds fewer households than the minimum is named, with
 * water among the reasons. */
static void
test_propose_culprit (void)
{
  g_autoptr (LinliProject) project = two_banks ();
  g_autoptr (LinliWater) water = linli_water_new ();
  g_autoptr (LinliDocument) document = NULL;
  g_autoptr (LinliGridProposal) proposal = NULL;
  LinliGridProposeOptions options;
  LinliLatLon line[2] = { at (-1000, 0), at (1000, 0) };
  gboolean named = FALSE;

  linli_water_add_line (water, LINLI_WATERWAY_CANAL, NULL, 30, line, 2);
  linli_project_set_water (project, g_steal_pointer (&water));
  document = linli_document_new (project, NULL);
  linli_grid_propose_options_init (&options);
  options.min_households = 450;
  options.max_households = 800;
  proposal = linli_grid_propose (document, 0, &options, NULL, NULL);
  g_assert_nonnull (proposal);
  g_assert_nonnull (proposal->problems);
  for (guint k = 0; proposal->problems[k] != NULL; k++)
    {
      g_test_message ("%s", proposal->problems[k]);
      named |= strstr (proposal->problems[k], "water") != NULL && strstr (proposal->problems[k], "400") != NULL;
    }
  g_assert_true (named);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/water/round-trip", test_round_trip);
  g_test_add_func ("/water/old-files", test_old_files);
  g_test_add_func ("/water/save-refuses-far", test_save_refuses_far_water);
  g_test_add_func ("/water/hostile", test_hostile);
  g_test_add_func ("/water/import-osm", test_import_osm);
  g_test_add_func ("/water/propose-across", test_propose_across_water);
  g_test_add_func ("/water/propose-culprit", test_propose_culprit);
  return g_test_run ();
}
