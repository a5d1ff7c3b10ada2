/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-test"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "linli-format.h"
#include "linli-geos.h"
#include "linli-grids.h"
#include "linli-history.h"
#include "linli-import.h"
#include "linli-import-boundaries.h"

/* Boundaries from crafted GeoJSON and OpenStreetMap files: every expected
 * match is worked out here from the buildings inside each rectangle,
 * counted by plain comparisons, never from what the importer says. */

#define LAT0 30.0
#define LON0 120.0
#define DLAT (1.0 / 111195.0)                        /* a metre north */
#define DLON (1.0 / (111195.0 * cos (LAT0 * G_PI / 180)))  /* a metre east */
#define N_COMPOUNDS 4
#define PER_COMPOUND 10

/* Community 0 "翠苑社区" holds compounds 0 and 1, community 1 "文新社区"
 * compounds 2 and 3.  Compound k's buildings lie in a row 10 m apart,
 * from x = 400 k to 400 k + 90 metres east, at y = 20 or 60 north.  The
 * rectangles' edges lie between buildings, never on one. */
static const char *const community_names[] = { "翠苑社区", "文新社区" };
static const char *const compound_names[] = { "翠苑一区", "翠苑二区", "文新小区", "东方花园" };

typedef struct
{
  double x0, y0, x1, y1;   /* metres from LAT0, LON0 */
} Rect;

static LinliProject *
make_project (void)
{
  LinliProject *project = linli_project_new ();

  linli_project_set_name (project, "test");
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", c);

      linli_project_add_community (project, id, community_names[c]);
    }
  for (guint k = 0; k < N_COMPOUNDS; k++)
    {
      g_autofree char *id = g_strdup_printf ("k%u", k);

      linli_project_add_compound (project, id, compound_names[k], k / 2);
    }
  for (guint k = 0; k < N_COMPOUNDS; k++)
    for (guint i = 0; i < PER_COMPOUND; i++)
      {
        g_autofree char *id = g_strdup_printf ("b%u-%u", k, i);
        LinliBuilding b = { 0 };

        b.id = id;
        b.name = id;
        b.compound = k;
        b.households = 20;
        b.residents = 50;
        b.lat = LAT0 + (i % 2 ? 60 : 20) * DLAT;
        b.lon = LON0 + (400.0 * k + 10.0 * i) * DLON;
        linli_project_add_building (project, &b, NULL, 0);
      }
  return project;
}

/* Of compound @k's buildings, how many lie inside @r: by comparison. */
static guint
count_inside (LinliProject *project,
              const Rect   *r,
              guint         k)
{
  guint n = 0;

  for (guint b = 0; b < linli_project_get_n_buildings (project); b++)
    {
      const LinliBuilding *bl = linli_project_get_building (project, b);
      double x = (bl->lon - LON0) / DLON, y = (bl->lat - LAT0) / DLAT;

      n += bl->compound == k && x > r->x0 && x < r->x1 && y > r->y0 && y < r->y1;
    }
  return n;
}

static char *
geojson_rect (const Rect *r,
              const char *props)
{
  return g_strdup_printf ("{\"type\":\"Feature\",\"properties\":{%s},\"geometry\":{\"type\":\"Polygon\","
                          "\"coordinates\":[[[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f]]]}}",
                          props,
                          LON0 + r->x0 * DLON, LAT0 + r->y0 * DLAT, LON0 + r->x1 * DLON, LAT0 + r->y0 * DLAT,
                          LON0 + r->x1 * DLON, LAT0 + r->y1 * DLAT, LON0 + r->x0 * DLON, LAT0 + r->y1 * DLAT,
                          LON0 + r->x0 * DLON, LAT0 + r->y0 * DLAT);
}

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-boundaries-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

static GBytes *
save_bytes (LinliProject *project)
{
  g_autofree char *path = write_temp ("p.linli", "");
  g_autoptr (GError) error = NULL;
  char *data;
  gsize length;

  g_assert_true (linli_format_save_file (project, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  remove_temp (path);
  return g_bytes_new_take (data, length);
}

static LinliBoundaryImport *
read_text (LinliProject               *project,
           const char                 *name,
           const char                 *text,
           const LinliBoundaryOptions *opts,
           GError                    **error)
{
  g_autofree char *path = write_temp (name, text);
  LinliBoundaryImport *import = linli_boundary_import_read (project, path, opts, error);

  remove_temp (path);
  return import;
}

static const LinliBoundaryPolygon *
polygon_at (LinliBoundaryImport *import,
            guint                i)
{
  g_assert_cmpuint (i, <, import->polygons->len);
  return g_ptr_array_index (import->polygons, i);
}

/* Names, with the suffix variants of communities, and compounds by name. */
static void
test_by_name (void)
{
  g_autoptr (LinliProject) project = make_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (LinliBoundaryImport) import = NULL;
  g_autoptr (GError) error = NULL;
  LinliGrids *grids = linli_project_get_grids (project);
  Rect c0 = { -20, -20, 825, 100 }, c1 = { 785, -20, 1625, 100 }, k3 = { 1185, 0, 1305, 100 };
  g_autofree char *f0 = geojson_rect (&c0, "\"name\":\"翠苑社区居委会\",\"名称\":\"翠苑社区\"");
  g_autofree char *f1 = geojson_rect (&c1, "\"name\":\" 文新 \",\"名称\":\"文新\",\"boundary\":\"administrative\"");
  g_autofree char *f2 = geojson_rect (&k3, "\"名称\":\"东方花园\",\"name\":\"Dongfang\"");
  g_autofree char *text = g_strdup_printf ("{\"type\":\"FeatureCollection\",\"features\":[%s,%s,%s]}", f0, f1, f2);
  LinliBoundaryOptions opts;

  linli_boundary_options_init (&opts);
  import = read_text (project, "b.geojson", text, &opts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->polygons->len, ==, 3);
  /* Without the name field, the third polygon's name is "Dongfang":
   * nothing is called that. */
  g_assert_cmpint (polygon_at (import, 0)->match, ==, LINLI_BOUNDARY_BY_NAME);
  g_assert_false (polygon_at (import, 0)->compound);
  g_assert_cmpuint (polygon_at (import, 0)->index, ==, 0);
  g_assert_cmpuint (polygon_at (import, 0)->inside, ==, count_inside (project, &c0, 0) + count_inside (project, &c0, 1));
  g_assert_cmpint (polygon_at (import, 1)->match, ==, LINLI_BOUNDARY_BY_NAME);
  g_assert_cmpuint (polygon_at (import, 1)->index, ==, 1);
  g_assert_cmpint (polygon_at (import, 2)->match, ==, LINLI_BOUNDARY_UNMATCHED);
  g_assert_nonnull (polygon_at (import, 2)->reason);
  g_assert_cmpuint (import->n_matched, ==, 2);
  g_assert_cmpuint (import->compounds_left->len, ==, N_COMPOUNDS);
  g_assert_cmpuint (import->communities_left->len, ==, 0);

  /* With the name field, it is the compound. */
  g_clear_pointer (&import, linli_boundary_import_free);
  opts.name_field = "名称";
  import = read_text (project, "b.geojson", text, &opts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (polygon_at (import, 2)->match, ==, LINLI_BOUNDARY_BY_NAME);
  g_assert_true (polygon_at (import, 2)->compound);
  g_assert_cmpuint (polygon_at (import, 2)->index, ==, 3);
  g_assert_cmpuint (polygon_at (import, 2)->inside, ==, count_inside (project, &k3, 3));

  /* Applied: one undo step sets all three, undo removes all three. */
  linli_boundary_import_apply (import, history);
  g_assert_nonnull (linli_grids_get_community_boundary (grids, 0));
  g_assert_nonnull (linli_grids_get_community_boundary (grids, 1));
  g_assert_nonnull (linli_grids_get_compound_boundary (grids, 3));
  for (guint b = 0; b < linli_project_get_n_buildings (project); b++)
    {
      const LinliBuilding *bl = linli_project_get_building (project, b);
      double x = (bl->lon - LON0) / DLON, y = (bl->lat - LAT0) / DLAT;

      g_assert_cmpint (linli_polygon_contains (linli_grids_get_community_boundary (grids, 0), bl->lat, bl->lon), ==,
                       (x > c0.x0 && x < c0.x1 && y > c0.y0 && y < c0.y1));
    }
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Import Boundaries");
  g_assert_true (linli_history_undo (history));
  g_assert_null (linli_grids_get_community_boundary (grids, 0));
  g_assert_null (linli_grids_get_community_boundary (grids, 1));
  g_assert_null (linli_grids_get_compound_boundary (grids, 3));
  g_assert_false (linli_history_get_can_undo (history));
}

/* Residential areas of an OpenStreetMap file matched by the buildings they
 * hold: the expected match is the compound whose share, counted here, is
 * at least 60 %. */
static void
test_by_buildings_osm (void)
{
  g_autoptr (LinliProject) project = make_project ();
  g_autoptr (LinliBoundaryImport) import = NULL;
  g_autoptr (GError) error = NULL;
  /* 80 % of compound 0; half of compound 1; all of compound 2 and 30 % of
   * compound 3 (so compound 2); an area tagged only as a park. */
  Rect rects[] = {
    { -5, 0, 75, 100 }, { 395, 0, 445, 100 }, { 795, 0, 1225, 100 }, { 1195, 0, 1305, 100 },
  };
  const char *tags[] = { "landuse=residential", "landuse=residential", "landuse=residential", "leisure=park" };
  GString *osm = g_string_new ("<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n");
  guint node = 1;
  LinliBoundaryOptions opts;

  for (guint r = 0; r < G_N_ELEMENTS (rects); r++)
    {
      double xs[] = { rects[r].x0, rects[r].x1, rects[r].x1, rects[r].x0 };
      double ys[] = { rects[r].y0, rects[r].y0, rects[r].y1, rects[r].y1 };
      g_auto (GStrv) kv = g_strsplit (tags[r], "=", 2);

      for (guint i = 0; i < 4; i++)
        g_string_append_printf (osm, "<node id=\"%u\" lat=\"%.9f\" lon=\"%.9f\"/>\n", node + i,
                                LAT0 + ys[i] * DLAT, LON0 + xs[i] * DLON);
      g_string_append_printf (osm, "<way id=\"%u\">", 100 + r);
      for (guint i = 0; i <= 4; i++)
        g_string_append_printf (osm, "<nd ref=\"%u\"/>", node + i % 4);
      g_string_append_printf (osm, "<tag k=\"%s\" v=\"%s\"/></way>\n", kv[0], kv[1]);
      node += 4;
    }
  g_string_append (osm, "</osm>\n");

  linli_boundary_options_init (&opts);
  import = read_text (project, "b.osm", osm->str, &opts, &error);
  g_string_free (osm, TRUE);
  g_assert_no_error (error);
  /* The park is not an area the reader takes. */
  g_assert_cmpuint (import->polygons->len, ==, 3);
  for (guint r = 0; r < 3; r++)
    {
      const LinliBoundaryPolygon *p = polygon_at (import, r);
      int expected = -1;
      double best = 0;

      for (guint k = 0; k < N_COMPOUNDS; k++)
        {
          double share = (double) count_inside (project, &rects[r], k) / PER_COMPOUND;

          if (share >= LINLI_BOUNDARY_COMPOUND_SHARE && share > best)
            {
              best = share;
              expected = k;
            }
        }
      if (expected < 0)
        g_assert_cmpint (p->match, ==, LINLI_BOUNDARY_UNMATCHED);
      else
        {
          g_assert_cmpint (p->match, ==, LINLI_BOUNDARY_BY_BUILDINGS);
          g_assert_true (p->compound);
          g_assert_cmpint (p->index, ==, expected);
          g_assert_cmpuint (p->inside, ==, count_inside (project, &rects[r], expected));
        }
    }
  /* The test means something only if both cases happen. */
  g_assert_cmpuint (import->n_matched, ==, 2);
  g_assert_cmpuint (import->n_unmatched, ==, 1);

  /* --as community: an unnamed polygon holding most of a community's
   * buildings is that community. */
  {
    Rect c1 = { 785, -20, 1325, 100 };
    g_autofree char *f = geojson_rect (&c1, "");
    g_autofree char *text = g_strdup_printf ("{\"type\":\"FeatureCollection\",\"features\":[%s]}", f);
    g_autoptr (LinliBoundaryImport) as_community = NULL;
    guint inside = 0;

    for (guint k = 2; k < 4; k++)
      inside += count_inside (project, &c1, k);
    g_assert_cmpuint (2 * inside, >, 2 * PER_COMPOUND);
    opts.as = LINLI_BOUNDARY_AS_COMMUNITY;
    as_community = read_text (project, "c.geojson", text, &opts, &error);
    g_assert_no_error (error);
    g_assert_cmpint (polygon_at (as_community, 0)->match, ==, LINLI_BOUNDARY_BY_BUILDINGS);
    g_assert_false (polygon_at (as_community, 0)->compound);
    g_assert_cmpuint (polygon_at (as_community, 0)->index, ==, 1);
    g_assert_cmpuint (polygon_at (as_community, 0)->inside, ==, inside);
  }
}

/* Far, degenerate, crossing and oversized outlines: skipped with reasons,
 * or repaired; nothing changes. */
static void
test_skipped (void)
{
  g_autoptr (LinliProject) project = make_project ();
  g_autoptr (LinliBoundaryImport) import = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = save_bytes (project);
  g_autoptr (GBytes) after = NULL;
  Rect k0 = { -5, 0, 95, 100 };
  g_autofree char *good = geojson_rect (&k0, "\"name\":\"翠苑一区\"");
  g_autoptr (GString) big = g_string_new ("{\"type\":\"Feature\",\"properties\":{\"name\":\"翠苑二区\"},"
                                          "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
  g_autofree char *text = NULL;
  LinliBoundaryOptions opts;
  guint n_big = LINLI_BOUNDARY_MAX_POINTS + 10;

  /* A circle about compound 1 with more points than a project holds. */
  for (guint i = 0; i <= n_big; i++)
    {
      double a = 2 * G_PI * (i % n_big) / n_big;

      g_string_append_printf (big, "%s[%.9f,%.9f]", i ? "," : "", LON0 + (445 + 80 * cos (a)) * DLON,
                              LAT0 + (40 + 80 * sin (a)) * DLAT);
    }
  g_string_append (big, "]]}}");
  text = g_strdup_printf ("{\"type\":\"FeatureCollection\",\"features\":["
                          /* far: the other side of the world */
                          "{\"type\":\"Feature\",\"properties\":{\"name\":\"翠苑社区\"},\"geometry\":{\"type\":"
                          "\"Polygon\",\"coordinates\":[[[-60,-30],[-59.99,-30],[-59.99,-29.99],[-60,-30]]]}},"
                          /* no area: three points in a line */
                          "{\"type\":\"Feature\",\"properties\":{\"name\":\"文新社区\"},\"geometry\":{\"type\":"
                          "\"Polygon\",\"coordinates\":[[[120,30],[120.001,30],[120.002,30],[120,30]]]}},"
                          /* a bow tie over compound 2, repaired */
                          "{\"type\":\"Feature\",\"properties\":{\"name\":\"文新小区\"},\"geometry\":{\"type\":"
                          "\"Polygon\",\"coordinates\":[[[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f]]]}},"
                          "%s,%s]}",
                          LON0 + 790 * DLON, LAT0 - 10 * DLAT, LON0 + 900 * DLON, LAT0 + 100 * DLAT,
                          LON0 + 900 * DLON, LAT0 - 10 * DLAT, LON0 + 790 * DLON, LAT0 + 100 * DLAT,
                          LON0 + 790 * DLON, LAT0 - 10 * DLAT, good, big->str);
  linli_boundary_options_init (&opts);
  import = read_text (project, "s.geojson", text, &opts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->polygons->len, ==, 5);
  g_assert_cmpint (polygon_at (import, 0)->match, ==, LINLI_BOUNDARY_SKIPPED);
  g_assert_nonnull (strstr (polygon_at (import, 0)->reason, "within 2 km"));
  g_assert_cmpint (polygon_at (import, 1)->match, ==, LINLI_BOUNDARY_SKIPPED);
  g_assert_nonnull (strstr (polygon_at (import, 1)->reason, "no area"));
  g_assert_cmpint (polygon_at (import, 2)->match, ==, LINLI_BOUNDARY_BY_NAME);
  g_assert_nonnull (polygon_at (import, 2)->repaired);
  g_assert_null (linli_polygon_check (polygon_at (import, 2)->polygon,
                                      linli_project_get_projection (project)));
  g_assert_cmpint (polygon_at (import, 3)->match, ==, LINLI_BOUNDARY_BY_NAME);
  g_assert_cmpint (polygon_at (import, 4)->match, ==, LINLI_BOUNDARY_SKIPPED);
  g_assert_nonnull (strstr (polygon_at (import, 4)->reason, "100,000 points"));
  g_assert_cmpuint (import->n_skipped, ==, 3);
  g_assert_cmpuint (import->n_matched, ==, 2);

  /* Reading changed nothing. */
  after = save_bytes (project);
  g_assert_true (g_bytes_equal (before, after));
}

/* Broken files: refused with the file and the feature or line, and the
 * project's saved bytes the same before and after. */
static void
test_hostile (void)
{
  g_autoptr (LinliProject) project = make_project ();
  g_autoptr (GBytes) before = save_bytes (project);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GString) deep = g_string_new (NULL);
  struct
  {
    const char *name;
    const char *text;
    const char *message;
  } cases[] = {
    { "range.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
      "{\"type\":\"Polygon\",\"coordinates\":[[[120,30],[120,91],[121,30],[120,30]]]}}]}",
      "range.geojson: feature 1: a point lies outside the valid range" },
    { "pair.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
      "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[120,30],[120,\"x\"],[121,30],[120,30]]]]}}]}",
      "pair.geojson: feature 1: a point is not a [lon, lat] pair" },
    { "notfc.geojson", "{\"type\":\"Feature\"}", "not a GeoJSON FeatureCollection" },
    { "doctype.osm", "<?xml version=\"1.0\"?>\n<!DOCTYPE osm [<!ENTITY a \"b\">]>\n<osm></osm>\n", "doctype.osm:" },
    { "range.osm", "<osm version=\"0.6\">\n<node id=\"1\" lat=\"95\" lon=\"120\"/>\n</osm>\n", "range.osm:2:" },
    { "cut.osm", "<osm version=\"0.6\">\n<node id=\"1\" lat=\"30\" lon=\"120\"/>\n", "cut.osm:" },
    { "deep.geojson", NULL, "deep.geojson:1:" },
  };

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  cases[G_N_ELEMENTS (cases) - 1].text = deep->str;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliBoundaryImport) import = NULL;
      LinliBoundaryOptions opts;

      linli_boundary_options_init (&opts);
      import = read_text (project, cases[i].name, cases[i].text, &opts, &error);
      g_assert_null (import);
      g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[i].name, error->message, cases[i].message);
    }

  /* Too large: a sparse file, so the test writes nothing much. */
  {
    g_autofree char *path = write_temp ("huge.geojson", "{");
    g_autoptr (GError) error = NULL;
    g_autoptr (LinliBoundaryImport) import = NULL;
    LinliBoundaryOptions opts;

    g_assert_cmpint (truncate (path, 65 * 1024 * 1024), ==, 0);
    linli_boundary_options_init (&opts);
    import = linli_boundary_import_read (project, path, &opts, &error);
    g_assert_null (import);
    g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "larger than"));
    remove_temp (path);
  }

  after = save_bytes (project);
  g_assert_true (g_bytes_equal (before, after));
}

/* Imported boundaries are saved, and load as they were. */
static void
test_round_trip (void)
{
  g_autoptr (LinliProject) project = make_project ();
  g_autoptr (LinliProject) loaded = NULL;
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (LinliBoundaryImport) import = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = save_bytes (project);
  g_autoptr (GBytes) undone = NULL;
  Rect c0 = { -20, -20, 825, 100 }, k1 = { 395, 0, 495, 100 };
  g_autofree char *f0 = geojson_rect (&c0, "\"name\":\"翠苑\"");
  g_autofree char *f1 = geojson_rect (&k1, "\"name\":\"翠苑二区\"");
  g_autofree char *text = g_strdup_printf ("{\"type\":\"FeatureCollection\",\"features\":[%s,%s]}", f0, f1);
  g_autofree char *path = write_temp ("r.linli", "");
  LinliGrids *grids = linli_project_get_grids (project);
  LinliBoundaryOptions opts;

  linli_boundary_options_init (&opts);
  import = read_text (project, "r.geojson", text, &opts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->n_matched, ==, 2);
  linli_boundary_import_apply (import, history);
  g_assert_true (linli_format_save_file (project, path, &error));
  g_assert_no_error (error);
  loaded = linli_format_load_file (path, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < 2; k++)
    {
      LinliPolygon *a = k ? linli_grids_get_compound_boundary (grids, 1) : linli_grids_get_community_boundary (grids, 0);
      LinliGrids *lg = linli_project_get_grids (loaded);
      LinliPolygon *b = k ? linli_grids_get_compound_boundary (lg, 1) : linli_grids_get_community_boundary (lg, 0);
      guint na, nb;
      const LinliLatLon *pa, *pb;

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpuint (linli_polygon_get_n_rings (a), ==, linli_polygon_get_n_rings (b));
      pa = linli_polygon_get_ring (a, 0, &na);
      pb = linli_polygon_get_ring (b, 0, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint i = 0; i < na; i++)
        {
          g_assert_cmpfloat_with_epsilon (pa[i].lat, pb[i].lat, 1e-7);
          g_assert_cmpfloat_with_epsilon (pa[i].lon, pb[i].lon, 1e-7);
        }
    }
  g_assert_null (linli_grids_get_community_boundary (linli_project_get_grids (loaded), 1));
  remove_temp (path);

  /* Undone, the project saves as it did before. */
  g_assert_true (linli_history_undo (history));
  undone = save_bytes (project);
  g_assert_true (g_bytes_equal (before, undone));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-boundaries/by-name", test_by_name);
  g_test_add_func ("/import-boundaries/by-buildings-osm", test_by_buildings_osm);
  g_test_add_func ("/import-boundaries/skipped", test_skipped);
  g_test_add_func ("/import-boundaries/hostile", test_hostile);
  g_test_add_func ("/import-boundaries/round-trip", test_round_trip);
  return g_test_run ();
}
