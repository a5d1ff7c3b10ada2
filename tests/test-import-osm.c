/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OpenStreetMap XML in: buildings, walkable ways, service positions,
 * clipped extracts and hostile files. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "linli-format.h"
#include "linli-import.h"
#include "linli-test-utils.h"

#define LAT0 31.23
#define LON0 121.49

static char *
write_temp (const char *contents,
            gssize      length)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("linli-import-XXXXXX.osm", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

/* ------------------------------------------------------------------------ */
/* Building the fixture                                                      */
/* ------------------------------------------------------------------------ */

/* A node @x metres east and @y metres north of (LAT0, LON0). */
static void
node (GString    *s,
      gint64      id,
      double      x,
      double      y,
      const char *tags)
{
  LinliProjection proj;
  double lat, lon;

  linli_projection_init (&proj, LAT0, LON0);
  linli_projection_inverse (&proj, x, y, &lat, &lon);
  g_string_append_printf (s, "  <node id=\"%" G_GINT64_FORMAT "\" version=\"1\" lat=\"%.7f\" lon=\"%.7f\"",
                          id, lat, lon);
  if (tags == NULL)
    g_string_append (s, "/>\n");
  else
    g_string_append_printf (s, ">%s</node>\n", tags);
}

/* A way through @refs (0-terminated), with tags as XML. */
static void
way (GString      *s,
     gint64        id,
     const gint64 *refs,
     const char   *tags)
{
  g_string_append_printf (s, "  <way id=\"%" G_GINT64_FORMAT "\" version=\"1\">\n", id);
  for (; *refs != 0; refs++)
    g_string_append_printf (s, "    <nd ref=\"%" G_GINT64_FORMAT "\"/>\n", *refs);
  g_string_append_printf (s, "    %s\n  </way>\n", tags ? tags : "");
}

#define WAY(s, id, tags, ...) way (s, id, (const gint64[]) { __VA_ARGS__, 0 }, tags)
#define TAG(k, v) "<tag k=\"" k "\" v=\"" v "\"/>"

/* A square of @size metres with its south-west corner at (x, y), nodes
 * @first to @first + 3. */
static void
square (GString *s,
        gint64   first,
        double   x,
        double   y,
        double   size)
{
  node (s, first, x, y, NULL);
  node (s, first + 1, x + size, y, NULL);
  node (s, first + 2, x + size, y + size, NULL);
  node (s, first + 3, x, y + size, NULL);
}

/* A small district that exercises every rule.  The relation comes before
 * its ways and one node after the way using it, so no order is assumed. */
static char *
fixture (void)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<osm version=\"0.6\" generator=\"hand\">\n"
                             "  <bounds minlat=\"31.2\" minlon=\"121.4\" maxlat=\"31.3\" maxlon=\"121.6\"/>\n");

  /* A multipolygon building: a 40 m square of two ways, less a 10 m court. */
  g_string_append (s, "  <relation id=\"200\" version=\"1\">\n"
                      "    <member type=\"way\" ref=\"110\" role=\"outer\"/>\n"
                      "    <member type=\"way\" ref=\"112\" role=\"inner\"/>\n"
                      "    <member type=\"way\" ref=\"111\" role=\"outer\"/>\n"
                      "    <member type=\"node\" ref=\"1\" role=\"label\"/>\n"
                      "    " TAG ("type", "multipolygon") TAG ("building", "residential")
                      TAG ("building:levels", "10") TAG ("name", "3号楼") "\n"
                      "  </relation>\n");
  /* Old style: the outer way carries the building tag too; one building. */
  g_string_append (s, "  <relation id=\"202\"><member type=\"way\" ref=\"120\" role=\"outer\"/>"
                      TAG ("type", "multipolygon") TAG ("building", "yes") "</relation>\n");
  /* Clipped: its only way is not in the file. */
  g_string_append (s, "  <relation id=\"201\"><member type=\"way\" ref=\"9998\" role=\"outer\"/>"
                      TAG ("type", "multipolygon") TAG ("building", "yes") "</relation>\n");

  square (s, 1, 0, 0, 20);        /* way 100 */
  node (s, 5, 40, 0, NULL);       /* way 101: nodes 5-8 */
  node (s, 6, 60, 0, NULL);
  node (s, 7, 60, 20, NULL);
  square (s, 11, 80, 0, 20);      /* way 102 */
  square (s, 21, 120, 0, 20);     /* way 103 */
  square (s, 31, 160, 0, 20);     /* way 104, a part */
  square (s, 41, 200, 0, 20);     /* way 105, unclosed */
  square (s, 51, 240, 0, 20);     /* way 106, building=no */
  square (s, 61, 280, 0, 20);     /* way 107, a node missing */
  square (s, 71, 0, -100, 40);    /* relation 200's outer */
  square (s, 81, 15, -85, 10);    /* and inner */
  square (s, 91, 100, -100, 20);  /* way 108: a social facility */
  square (s, 101, 300, -100, 20); /* way 120, outer of relation 202 */

  /* Service positions as nodes. */
  node (s, 300, 10, 50, TAG ("amenity", "community_centre") TAG ("name", "陆家嘴社区党群服务中心"));
  node (s, 301, 20, 50, TAG ("amenity", "townhall") TAG ("name", "Town Hall"));
  node (s, 302, 30, 50, TAG ("amenity", "clinic"));
  node (s, 303, 40, 50, TAG ("amenity", "kindergarten") TAG ("name", "幼儿园"));
  node (s, 304, 50, 50, TAG ("office", "government") TAG ("name", "东昌街道办事处"));
  g_string_append (s, "  <node id=\"305\" action=\"delete\" lat=\"31.23\" lon=\"121.49\">"
                      TAG ("amenity", "townhall") "</node>\n");
  g_string_append (s, "  <node id=\"306\" visible=\"false\"/>\n");

  /* Streets, y from 100 m up. */
  node (s, 1001, 0, 100, NULL);     /* A */
  node (s, 1002, 50, 100, NULL);    /* B */
  node (s, 1003, 100, 100, NULL);   /* C */
  node (s, 1004, 100, 150, NULL);   /* D */
  node (s, 1005, 150, 150, NULL);   /* E */
  node (s, 1006, 150, 200, NULL);   /* F */
  node (s, 1007, 50, 150, NULL);    /* G */
  node (s, 1008, 120, 150, NULL);   /* square */
  node (s, 1009, 120, 170, NULL);
  node (s, 1010, 100, 170, NULL);
  node (s, 1011, 500, 100, NULL);   /* motorway */
  node (s, 1012, 600, 100, NULL);
  node (s, 1013, 500, 200, NULL);   /* cycleways */
  node (s, 1014, 600, 200, NULL);
  node (s, 1015, 500, 300, NULL);
  node (s, 1016, 200, 100, NULL);   /* I */
  node (s, 1017, 250, 100, NULL);   /* J */
  node (s, 1018, 300, 100, NULL);   /* K */
  node (s, 1019, 500, 400, NULL);   /* trunk */
  node (s, 1020, 600, 400, NULL);
  node (s, 1021, -30, 100, NULL);   /* L */
  node (s, 1022, -1, 100, NULL);    /* M: 1 m short of A */
  node (s, 1023, 500, 500, NULL);   /* corridor */
  node (s, 1024, 600, 500, NULL);
  node (s, 1025, 500, 600, NULL);   /* primary, secondary_link */
  node (s, 1026, 600, 600, NULL);
  node (s, 1027, 700, 600, NULL);

  WAY (s, 100, TAG ("building", "apartments") TAG ("building:levels", "6") TAG ("name", "1号楼"), 1, 2, 3, 4, 1);
  WAY (s, 101, TAG ("building", "yes"), 5, 6, 7, 8, 5);
  WAY (s, 102, TAG ("building", "commercial") TAG ("building:levels", "3"), 11, 12, 13, 14, 11);
  WAY (s, 103, TAG ("building", "yes") TAG ("building:flats", "48"), 21, 22, 23, 24, 21);
  WAY (s, 104, TAG ("building:part", "yes") TAG ("building:levels", "30"), 31, 32, 33, 34, 31);
  WAY (s, 105, TAG ("building", "yes"), 41, 42, 43, 44);
  WAY (s, 106, TAG ("building", "no"), 51, 52, 53, 54, 51);
  WAY (s, 107, TAG ("building", "yes"), 61, 62, 9999, 64, 61);
  WAY (s, 110, NULL, 71, 72, 73);
  WAY (s, 111, NULL, 73, 74, 71);
  WAY (s, 112, NULL, 81, 82, 83, 84, 81);
  WAY (s, 120, TAG ("building", "yes"), 101, 102, 103, 104, 101);
  WAY (s, 108, TAG ("amenity", "social_facility") TAG ("social_facility:for", "senior"), 91, 92, 93, 94, 91);

  WAY (s, 400, TAG ("highway", "residential"), 1001, 1002, 1003);
  WAY (s, 401, TAG ("highway", "footway"), 1003, 1004);
  WAY (s, 402, TAG ("highway", "footway") TAG ("foot", "no"), 1004, 1005);
  WAY (s, 403, TAG ("highway", "service") TAG ("access", "private"), 1005, 1006);
  WAY (s, 404, TAG ("highway", "service") TAG ("access", "private") TAG ("foot", "yes"), 1002, 1007);
  WAY (s, 405, TAG ("highway", "motorway"), 1011, 1012);
  WAY (s, 406, TAG ("highway", "pedestrian") TAG ("area", "yes"), 1004, 1008, 1009, 1010, 1004);
  WAY (s, 407, TAG ("highway", "cycleway"), 1013, 1014);
  WAY (s, 408, TAG ("highway", "cycleway") TAG ("foot", "designated"), 1013, 1015);
  WAY (s, 409, TAG ("highway", "footway"), 1016, 9997, 1017, 1018);
  WAY (s, 410, TAG ("highway", "footway"), 9995, 9996);
  WAY (s, 411, TAG ("highway", "trunk") TAG ("foot", "yes"), 1019, 1020);
  WAY (s, 412, TAG ("highway", "footway"), 1021, 1022);
  WAY (s, 413, TAG ("highway", "corridor"), 1023, 1024);
  WAY (s, 414, TAG ("highway", "primary"), 1025, 1026);
  WAY (s, 415, TAG ("highway", "secondary_link"), 1026, 1027);
  WAY (s, 416, TAG ("highway", "primary") TAG ("tunnel", "yes"), 1025, 1027);
  WAY (s, 417, TAG ("highway", "footway") TAG ("tunnel", "yes"), 1022, 1021);
  WAY (s, 418, TAG ("highway", "secondary") TAG ("tunnel", "yes") TAG ("foot", "yes"), 1026, 1025);

  node (s, 8, 40, 20, NULL);      /* late: way 101 needs it */
  g_string_append (s, "</osm>\n");
  return g_string_free (s, FALSE);
}

/* The area of a footprint, m². */
static double
footprint_area (const LinliLatLon *p,
                guint              n)
{
  LinliProjection proj;
  double area = 0;

  linli_projection_init (&proj, p[0].lat, p[0].lon);
  for (guint k = 0; k < n; k++)
    {
      double x0, y0, x1, y1;

      linli_projection_forward (&proj, p[k].lat, p[k].lon, &x0, &y0);
      linli_projection_forward (&proj, p[(k + 1) % n].lat, p[(k + 1) % n].lon, &x1, &y1);
      area += x0 * y1 - x1 * y0;
    }
  return fabs (area) / 2;
}

static const LinliBuilding *
find_building (LinliProject *project,
               const char   *id,
               guint        *index)
{
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    if (g_str_equal (linli_project_get_building (project, i)->id, id))
      {
        if (index != NULL)
          *index = i;
        return linli_project_get_building (project, i);
      }
  return NULL;
}

static LinliSite *
find_suggestion (const LinliImportReport *report,
                 const char              *id)
{
  for (guint i = 0; i < report->suggestions->len; i++)
    if (g_str_equal (linli_site_get_id (g_ptr_array_index (report->suggestions, i)), id))
      return g_ptr_array_index (report->suggestions, i);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_buildings (void)
{
  g_autofree char *xml = fixture ();
  g_autofree char *path = write_temp (xml, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;
  const LinliBuilding *b;
  const LinliLatLon *fp;
  guint n_fp, index;
  double area;

  linli_import_options_init (&opts);
  project = linli_import_osm (path, &opts, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_cmpstr (linli_project_get_attribution (project), ==, LINLI_OSM_ATTRIBUTION);

  /* 100, 101, 102, 103 and relations 200 and 202. */
  g_assert_cmpuint (report.buildings, ==, 6);
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 6);
  g_assert_cmpuint (report.building_parts, ==, 1);
  g_assert_cmpuint (report.unclosed, ==, 1);
  g_assert_cmpuint (report.incomplete, ==, 2 + 1);     /* way 107, relation 201; street 410 */
  g_assert_cmpuint (report.skipped, ==, 3);            /* 105, 107, 201 */
  g_assert_cmpuint (report.estimated, ==, 5);
  g_assert_cmpuint (report.not_residential, ==, 1);
  g_assert_null (find_building (project, "w104", NULL));
  g_assert_null (find_building (project, "w105", NULL));
  g_assert_null (find_building (project, "w106", NULL));
  g_assert_null (find_building (project, "w107", NULL));
  /* The outer ways of the relation are not buildings by themselves. */
  g_assert_null (find_building (project, "w110", NULL));
  g_assert_null (find_building (project, "w112", NULL));
  g_assert_null (find_building (project, "w120", NULL));
  g_assert_nonnull (find_building (project, "r202", NULL));

  /* The documented estimate: 400 m² × 6 storeys ÷ 90 m² = 26.7 → 27. */
  b = find_building (project, "w100", &index);
  g_assert_nonnull (b);
  g_assert_cmpstr (b->name, ==, "1号楼");
  g_assert_true (b->flags & LINLI_BUILDING_ESTIMATED);
  fp = linli_project_get_footprint (project, index, &n_fp);
  g_assert_cmpuint (n_fp, ==, 4);
  area = footprint_area (fp, n_fp);
  g_assert_cmpfloat_with_epsilon (area, 400, 0.5);
  g_assert_cmpuint (b->households, ==, 27);
  g_assert_cmpuint (b->households, ==, (guint) round (area * 6 / opts.m2_per_household));
  g_assert_cmpuint (b->residents, ==, (guint) round (27 * opts.residents_per_household));
  /* OpenStreetMap has no party members: unknown, not invented. */
  g_assert_cmpuint (b->party_members, ==, 0);
  g_assert_true (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
  /* The centroid is the square's centre. */
  {
    LinliProjection proj;
    double x, y;

    linli_projection_init (&proj, LAT0, LON0);
    linli_projection_forward (&proj, b->lat, b->lon, &x, &y);
    g_assert_cmpfloat_with_epsilon (x, 10, 0.05);
    g_assert_cmpfloat_with_epsilon (y, 10, 0.05);
  }

  /* No levels: one storey; its last node came after the way. */
  b = find_building (project, "w101", NULL);
  g_assert_nonnull (b);
  g_assert_cmpuint (b->households, ==, 4);   /* 400 ÷ 90 */
  g_assert_true (b->flags & LINLI_BUILDING_ESTIMATED);

  /* Commercial: no households, and it says so. */
  b = find_building (project, "w102", NULL);
  g_assert_cmpuint (b->households, ==, 0);
  g_assert_cmpuint (b->residents, ==, 0);
  g_assert_cmpuint (b->party_members, ==, 0);
  g_assert_true (b->flags & LINLI_BUILDING_ESTIMATED);

  /* Flats mapped are households given. */
  b = find_building (project, "w103", NULL);
  g_assert_cmpuint (b->households, ==, 48);
  g_assert_false (b->flags & LINLI_BUILDING_ESTIMATED);

  /* The multipolygon: (1600 − 100) m² × 10 storeys ÷ 90 = 166.7 → 167,
   * with the outer ring (joined from two ways) as footprint. */
  b = find_building (project, "r200", &index);
  g_assert_nonnull (b);
  g_assert_cmpstr (b->name, ==, "3号楼");
  g_assert_cmpuint (b->households, ==, 167);
  fp = linli_project_get_footprint (project, index, &n_fp);
  g_assert_cmpuint (n_fp, ==, 4);
  g_assert_cmpfloat_with_epsilon (footprint_area (fp, n_fp), 1600, 1);

  /* One community and compound for all, as for GeoJSON. */
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, 1);
  g_assert_cmpuint (linli_project_get_n_compounds (project), ==, 1);
  g_unlink (path);
}

/* Kinds of the ways imported, in a table. */
static void
count_kinds (const LinliStreets *streets,
             guint               counts[LINLI_STREET_N_KINDS])
{
  memset (counts, 0, sizeof (guint) * LINLI_STREET_N_KINDS);
  for (guint w = 0; w < linli_streets_get_n_ways (streets); w++)
    {
      LinliStreetKind kind;
      guint n;

      linli_streets_get_way (streets, w, &kind, &n);
      counts[kind]++;
    }
}

static void
test_streets (void)
{
  g_autofree char *xml = fixture ();
  g_autofree char *path = write_temp (xml, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) joined = NULL;
  g_auto (LinliImportReport) report = { 0 };
  g_auto (LinliImportReport) joined_report = { 0 };
  g_autofree guint32 *component = NULL;
  LinliImportOptions opts;
  const LinliStreets *streets;
  const LinliLatLon *nodes;
  guint kinds[LINLI_STREET_N_KINDS];
  guint n_components, a = G_MAXUINT, c = G_MAXUINT, g = G_MAXUINT, l = G_MAXUINT, square_node = G_MAXUINT;
  LinliProjection proj;

  /* First without joining, to see the rules alone. */
  linli_import_options_init (&opts);
  opts.join_tolerance = 0;
  project = linli_import_osm (path, &opts, &report, &error);
  g_assert_no_error (error);
  streets = linli_project_get_streets (project);
  count_kinds (streets, kinds);
  /* Footways 401, 409 (the piece after the missing node), 412 and the
   * subway 417; foot=no excluded. */
  g_assert_cmpuint (kinds[LINLI_STREET_FOOTWAY], ==, 4);
  g_assert_cmpuint (kinds[LINLI_STREET_PEDESTRIAN], ==, 1);     /* the square */
  g_assert_cmpuint (kinds[LINLI_STREET_RESIDENTIAL], ==, 1);
  g_assert_cmpuint (kinds[LINLI_STREET_SERVICE], ==, 1);        /* private only with foot=yes */
  g_assert_cmpuint (kinds[LINLI_STREET_PATH], ==, 1);           /* cycleway only with foot */
  /* Trunk with foot=yes, primary; no motorway, no road tunnel (416). */
  g_assert_cmpuint (kinds[LINLI_STREET_PRIMARY], ==, 2);
  /* secondary_link, and the tunnel 418 that foot=yes opens. */
  g_assert_cmpuint (kinds[LINLI_STREET_SECONDARY], ==, 2);
  g_assert_cmpuint (report.street_ways, ==, 12);
  g_assert_cmpuint (report.street_joins, ==, 0);
  /* 409 lost one node; 410 lost both and was dropped; 107 and 201 lost one each. */
  g_assert_cmpuint (report.missing_refs, ==, 1 + 2 + 1 + 1);

  /* Shared OSM nodes are shared street nodes: A, B, C, G and the square
   * are one component; M, 1 m short of A, is not in it yet. */
  nodes = linli_streets_get_nodes (streets);
  linli_projection_init (&proj, LAT0, LON0);
  for (guint i = 0; i < linli_streets_get_n_nodes (streets); i++)
    {
      double x, y;

      linli_projection_forward (&proj, nodes[i].lat, nodes[i].lon, &x, &y);
      x = round (x);
      y = round (y);
      if (x == 0 && y == 100)
        a = i;
      else if (x == 100 && y == 100)
        c = i;
      else if (x == 50 && y == 150)
        g = i;
      else if (x == -30 && y == 100)
        l = i;
      else if (x == 120 && y == 170)
        square_node = i;
      /* Nodes of excluded ways are not street nodes. */
      g_assert_false (x == 150 && y == 200);
      g_assert_false (x == 600 && y == 100);
      g_assert_false (x == 500 && y == 500);
    }
  g_assert_cmpuint (a, !=, G_MAXUINT);
  g_assert_cmpuint (l, !=, G_MAXUINT);
  linli_test_streets_component (streets, &n_components, &component);
  g_assert_cmpuint (component[a], ==, component[c]);
  g_assert_cmpuint (component[a], ==, component[g]);
  g_assert_cmpuint (component[a], ==, component[square_node]);
  g_assert_cmpuint (component[a], !=, component[l]);
  g_clear_pointer (&component, g_free);

  /* With the default 2 m, L–M joins A. */
  linli_import_options_init (&opts);
  joined = linli_import_osm (path, &opts, &joined_report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (joined_report.street_joins, >=, 1);
  streets = linli_project_get_streets (joined);
  nodes = linli_streets_get_nodes (streets);
  a = l = G_MAXUINT;
  for (guint i = 0; i < linli_streets_get_n_nodes (streets); i++)
    {
      double x, y;

      linli_projection_forward (&proj, nodes[i].lat, nodes[i].lon, &x, &y);
      if (round (x) == 0 && round (y) == 100)
        a = i;
      else if (round (x) == -30 && round (y) == 100)
        l = i;
    }
  linli_test_streets_component (streets, NULL, &component);
  g_assert_cmpuint (component[a], ==, component[l]);
  g_assert_cmpfloat (joined_report.street_km, >, 0.5);
  g_assert_cmpuint (joined_report.street_nodes, ==, linli_streets_get_n_nodes (streets));
  g_unlink (path);
}

static void
test_suggestions (void)
{
  g_autofree char *xml = fixture ();
  g_autofree char *path = write_temp (xml, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) with_sites = NULL;
  g_auto (LinliImportReport) report = { 0 };
  g_auto (LinliImportReport) report2 = { 0 };
  LinliImportOptions opts;
  LinliSite *site;

  linli_import_options_init (&opts);
  project = linli_import_osm (path, &opts, &report, &error);
  g_assert_no_error (error);

  /* Community centre, town hall, clinic, government office, social
   * facility; not the kindergarten, nor the deleted town hall. */
  g_assert_cmpuint (report.suggestions->len, ==, 5);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 0);   /* not asked to add them */

  site = find_suggestion (&report, "osm-node-300");
  g_assert_nonnull (site);
  g_assert_cmpstr (linli_site_get_name (site), ==, "陆家嘴社区党群服务中心");
  g_assert_cmpint (linli_site_get_tier (site), ==, LINLI_SITE_TIER_COMMUNITY);
  g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_EXISTING);
  g_assert_cmpuint (linli_site_get_services (site), ==, LINLI_SERVICE_AFFAIRS | LINLI_SERVICE_LEISURE);
  g_assert_nonnull (strstr (linli_site_get_extra_services (site), "OpenStreetMap node 300"));

  site = find_suggestion (&report, "osm-node-301");
  g_assert_cmpint (linli_site_get_tier (site), ==, LINLI_SITE_TIER_STREET);
  site = find_suggestion (&report, "osm-node-302");
  g_assert_cmpint (linli_site_get_tier (site), ==, LINLI_SITE_TIER_STATION);
  g_assert_cmpuint (linli_site_get_services (site), ==, LINLI_SERVICE_HEALTH);
  g_assert_cmpstr (linli_site_get_name (site), ==, "Clinic");
  /* A government office named as a street office is a street centre. */
  site = find_suggestion (&report, "osm-node-304");
  g_assert_cmpint (linli_site_get_tier (site), ==, LINLI_SITE_TIER_STREET);
  /* A closed way stands at its centroid. */
  site = find_suggestion (&report, "osm-way-108");
  g_assert_nonnull (site);
  g_assert_cmpint (linli_site_get_tier (site), ==, LINLI_SITE_TIER_STATION);
  g_assert_cmpuint (linli_site_get_services (site), ==, LINLI_SERVICE_ELDERLY);
  {
    LinliProjection proj;
    double x, y;

    linli_projection_init (&proj, LAT0, LON0);
    linli_projection_forward (&proj, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
    g_assert_cmpfloat_with_epsilon (x, 110, 0.05);
    g_assert_cmpfloat_with_epsilon (y, -90, 0.05);
  }
  g_assert_null (find_suggestion (&report, "osm-node-303"));
  g_assert_null (find_suggestion (&report, "osm-node-305"));

  /* Asked, they become existing sites. */
  opts.add_suggested_sites = TRUE;
  with_sites = linli_import_osm (path, &opts, &report2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_project_get_n_sites (with_sites), ==, 5);
  g_assert_nonnull (linli_project_find_site (with_sites, "osm-node-300", NULL));
  g_unlink (path);
}

/* An imported project survives saving and loading: estimates, streets, sites. */
static void
test_round_trip (void)
{
  g_autofree char *xml = fixture ();
  g_autofree char *path = write_temp (xml, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) loaded = NULL;
  g_autoptr (GBytes) bytes = NULL;
  LinliImportOptions opts;

  linli_import_options_init (&opts);
  opts.add_suggested_sites = TRUE;
  project = linli_import_osm (path, &opts, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (linli_project_has_streets (project));
  bytes = linli_format_save_bytes (project);
  loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "saved", &error);
  g_assert_no_error (error);
  linli_test_assert_projects_equal (project, loaded, 1e-7, 1e-9);
  g_unlink (path);
}

/* Hostile and broken files: an error naming file and line, and no project. */
static void
test_errors (void)
{
  static const struct
  {
    const char *xml;
    int         line;
    const char *reason;
  } cases[] = {
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE osm [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;\">\n]>\n"
      "<osm><node id=\"1\" lat=\"1\" lon=\"1\"><tag k=\"name\" v=\"&b;\"/></node></osm>", 2, "DOCTYPE" },
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE osm SYSTEM \"file:///etc/passwd\">\n<osm/>", 2, "DOCTYPE" },
    { "<osm>\n<node id=\"1\" lat=\"&x;\" lon=\"1\"/>\n</osm>", 2, "not well-formed" },
    { "<osm version=\"0.6\">\n<node id=\"1\" lat=\"31\" lon=\"121\"/>\n<way id=\"2\">\n<nd ref=\"1\"/>", 4,
      "truncated" },
    { "<osm>\n<node id=\"1\" lat=\"31\" lon=\"121\"/>\n</osm>\n<osm/>", 4, "after the end" },
    { "<osm>\n<node id=\"1\"\n lat=\"3l.2\" lon=\"121\"/>\n</osm>", 3, "“lat”" },
    { "<osm>\n\n<node id=\"1\" lat=\"91\" lon=\"121\"/>\n</osm>", 3, "from -90 to 90" },
    { "<osm>\n<node id=\"1\" lat=\"31\" lon=\"-180.5\"/>\n</osm>", 2, "“lon”" },
    { "<osm>\n<node id=\"1\" lat=\"nan\" lon=\"121\"/>\n</osm>", 2, "“lat”" },
    { "<osm>\n<node id=\"1\" lat=\"1e400\" lon=\"121\"/>\n</osm>", 2, "“lat”" },
    { "<osm>\n<node id=\"1\" lat=\"0x10\" lon=\"121\"/>\n</osm>", 2, "“lat”" },
    { "<osm>\n<node lat=\"31\" lon=\"121\"/>\n</osm>", 2, "lacks the attribute “id”" },
    { "<osm>\n<node id=\"1\" lon=\"121\"/>\n</osm>", 2, "lacks the attribute “lat”" },
    { "<osm>\n<node id=\"99999999999999999999\" lat=\"31\" lon=\"121\"/>\n</osm>", 2, "whole number" },
    { "<osm>\n<node id=\"1 \" lat=\"31\" lon=\"121\"/>\n</osm>", 2, "whole number" },
    { "<osm>\n<way id=\"1\">\n<nd/>\n</way>\n</osm>", 3, "lacks the attribute “ref”" },
    { "<osm>\n<way id=\"1\">\n<nd ref=\"abc\"/>\n</way>\n</osm>", 3, "whole number" },
    { "<osm>\n<way id=\"1\">\n<tag k=\"building\"/>\n</way>\n</osm>", 3, "lacks the attribute “v”" },
    { "<osm>\n<relation id=\"1\">\n<member ref=\"2\"/>\n</relation>\n</osm>", 3, "“type”" },
    { "<osm>\n<node id=\"1\" lat=\"31\" lon=\"121\"/>\n<node id=\"1\" lat=\"31\" lon=\"121\"/>\n</osm>", 3,
      "appears twice" },
    { "\n this is not XML at all", 2, "not XML" },
    { "<osm>\n<node id=\"1\" lat=\"31\" lon=\"121\">\n<tag k=\"a\" v=\"b\"/>\n</osm>", 4, "" },
    { "\xff\xfe<\x00o\x00", 1, "" },
    { "<linli version=\"1\"/>", 1, "not an OpenStreetMap file" },
    { "   \n  ", 1, "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_temp (cases[i].xml, i == 22 ? 6 : -1);
      g_autofree char *prefix = g_strdup_printf ("%s:%d: ", path, cases[i].line);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;
      g_auto (LinliImportReport) report = { 0 };
      LinliImportOptions opts;

      linli_import_options_init (&opts);
      project = linli_import_osm (path, &opts, &report, &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (project);
      g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, cases[i].reason));
      g_assert_null (report.suggestions);
      g_unlink (path);
    }
}

/* Unsorted files may repeat an id only at a distance; that is caught too,
 * and so are ways beyond the size cap. */
static void
test_limits (void)
{
  g_autofree char *unsorted = write_temp ("<osm>\n<node id=\"5\" lat=\"31\" lon=\"121\"/>\n"
                                          "<node id=\"2\" lat=\"31\" lon=\"121\"/>\n"
                                          "<node id=\"5\" lat=\"31\" lon=\"121\"/>\n</osm>", -1);
  GString *big = g_string_new ("<osm>\n<way id=\"1\">\n");
  g_autofree char *big_path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  LinliImportOptions opts;

  linli_import_options_init (&opts);
  project = linli_import_osm (unsorted, &opts, NULL, &error);
  g_assert_null (project);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "node 5 appears twice"));
  g_clear_error (&error);

  for (guint i = 0; i <= 100000; i++)
    g_string_append_printf (big, "<nd ref=\"%u\"/>\n", i + 1);
  g_string_append (big, "</way>\n</osm>\n");
  big_path = write_temp (big->str, big->len);
  g_string_free (big, TRUE);
  project = linli_import_osm (big_path, &opts, NULL, &error);
  g_assert_null (project);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ":100003: way 1 has more than 100000 nodes"));
  g_unlink (unsorted);
  g_unlink (big_path);
}

/* linli_import_file() tells the formats apart by content. */
static void
test_guess_format (void)
{
  g_autofree char *osm = write_temp ("\xef\xbb\xbf  <?xml version=\"1.0\"?><osm/>", -1);
  g_autofree char *json = write_temp ("{\"type\": \"FeatureCollection\", \"features\": []}", -1);

  g_assert_cmpint (linli_import_guess_format (osm), ==, LINLI_IMPORT_FORMAT_OSM);
  g_assert_cmpint (linli_import_guess_format (json), ==, LINLI_IMPORT_FORMAT_GEOJSON);
  g_assert_cmpint (linli_import_guess_format ("/nonexistent/x.osm"), ==, LINLI_IMPORT_FORMAT_OSM);
  g_unlink (osm);
  g_unlink (json);
}

/* Streets into a project whose buildings came from elsewhere: the
 * project keeps its buildings and sites and gains the file's streets. */
static void
test_streets_into (void)
{
  g_autofree char *xml = fixture ();
  g_autofree char *path = write_temp (xml, -1);
  g_autofree char *none = write_temp ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                                      "\"properties\": {}, \"geometry\": {\"type\": \"Point\", "
                                      "\"coordinates\": [121.5, 31.2]}}]}", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) direct = NULL;
  g_autoptr (LinliProject) mine = NULL;
  g_autoptr (LinliProject) with_streets = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;
  LinliBuilding b = { 0 };
  LinliSiteState st = { 0 };
  g_autoptr (LinliSite) site = NULL;

  linli_import_options_init (&opts);
  direct = linli_import_osm (path, &opts, NULL, &error);
  g_assert_no_error (error);

  mine = linli_project_new ();
  linli_project_add_community (mine, "c", "社区");
  linli_project_add_compound (mine, "k", "小区", 0);
  b.id = "b1";
  b.lat = LAT0;
  b.lon = LON0;
  b.households = 40;
  linli_project_add_building (mine, &b, NULL, 0);
  st.id = "s1";
  st.status = LINLI_SITE_STATUS_EXISTING;
  st.lat = LAT0;
  st.lon = LON0;
  st.cost = -1;
  site = linli_site_new (&st);
  linli_project_add_site (mine, site);
  before = linli_format_save_bytes (mine);

  opts.add_suggested_sites = TRUE;   /* ignored: only streets come in */
  with_streets = linli_import_streets_into (mine, path, &opts, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (with_streets);
  g_assert_cmpuint (report.street_ways, >, 0);
  g_assert_cmpuint (linli_project_get_n_buildings (with_streets), ==, 1);
  g_assert_cmpuint (linli_project_get_building (with_streets, 0)->households, ==, 40);
  g_assert_cmpuint (linli_project_get_n_sites (with_streets), ==, 1);
  g_assert_cmpuint (linli_streets_get_n_nodes (linli_project_get_streets (with_streets)), ==,
                    linli_streets_get_n_nodes (linli_project_get_streets (direct)));
  g_assert_true (linli_streets_equal (linli_project_get_streets (with_streets), linli_project_get_streets (direct)));
  g_assert_cmpstr (linli_project_get_attribution (with_streets), ==, LINLI_OSM_ATTRIBUTION);
  after = linli_format_save_bytes (mine);
  g_assert_true (g_bytes_equal (before, after));   /* the original is as it was */

  /* A file with no walkable way is an error, and nothing comes of it. */
  g_clear_object (&with_streets);
  with_streets = linli_import_streets_into (mine, none, &opts, NULL, &error);
  g_assert_null (with_streets);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no walkable streets"));
  g_clear_error (&error);

  /* Nor from a broken file. */
  with_streets = linli_import_streets_into (mine, "/nonexistent/streets.osm", &opts, NULL, &error);
  g_assert_null (with_streets);
  g_assert_nonnull (error);
  g_unlink (none);
  g_unlink (path);
}

/* Outlines of ways and multipolygons that cross themselves or have no
 * area: repaired by the convex hull or kept as points, counted, within
 * their bounding box, and the saved file opens. */
static void
test_degenerate_rings (void)
{
  GString *s = g_string_new ("<?xml version=\"1.0\"?>\n<osm version=\"0.6\" generator=\"hand\">\n");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) loaded = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;
  LinliProjection proj;

  /* A bowtie: the corners of a 20 m square, two of them swapped. */
  node (s, 1, 0, 0, NULL);
  node (s, 2, 20, 20, NULL);
  node (s, 3, 20, 0, NULL);
  node (s, 4, 0, 20, NULL);
  WAY (s, 10, TAG ("building", "yes"), 1, 2, 3, 4, 1);
  /* Three nodes on a line, 100 m east of it. */
  node (s, 5, 100, 0, NULL);
  node (s, 6, 110, 0, NULL);
  node (s, 7, 120, 0, NULL);
  WAY (s, 11, TAG ("building", "yes"), 5, 6, 7, 5);
  /* A multipolygon whose outer ring is a bowtie too, 200 m east. */
  node (s, 8, 200, 0, NULL);
  node (s, 9, 220, 20, NULL);
  node (s, 12, 220, 0, NULL);
  node (s, 13, 200, 20, NULL);
  WAY (s, 14, NULL, 8, 9, 12, 13, 8);
  g_string_append (s, "  <relation id=\"20\" version=\"1\">\n    <member type=\"way\" ref=\"14\" role=\"outer\"/>\n"
                   "    " TAG ("type", "multipolygon") TAG ("building", "yes") "\n  </relation>\n</osm>\n");
  path = write_temp (s->str, -1);
  g_string_free (s, TRUE);

  linli_import_options_init (&opts);
  project = linli_import_osm (path, &opts, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.buildings, ==, 3);
  g_assert_cmpuint (report.repaired, ==, 2);
  g_assert_cmpuint (report.degenerate, ==, 1);

  linli_projection_init (&proj, LAT0, LON0);
  for (guint i = 0; i < 3; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      static const double centre_x[] = { 10, 110, 210 }, centre_y[] = { 10, 0, 10 };
      static const guint kept[] = { 4, 0, 4 };
      double x, y;
      guint n;

      linli_projection_forward (&proj, b->lat, b->lon, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, centre_x[i], 0.01);
      g_assert_cmpfloat_with_epsilon (y, centre_y[i], 0.01);
      linli_project_get_footprint (project, i, &n);
      g_assert_cmpuint (n, ==, kept[i]);
    }
  /* The hull's area, not the bowtie's net zero: 400 m² × 1 storey ÷ 90. */
  g_assert_cmpuint (linli_project_get_building (project, 0)->households, ==, 4);

  bytes = linli_format_save_bytes (project);
  loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "saved.linli", &error);
  g_assert_no_error (error);
  linli_test_assert_projects_equal (project, loaded, 1e-7, 1e-9);
  g_unlink (path);
}

/* Streets across ±180° from a project's buildings are refused. */
static void
test_streets_across (void)
{
  const char *xml = "<osm version=\"0.6\">\n<node id=\"1\" lat=\"0\" lon=\"179.9999\"/>\n"
                    "<node id=\"2\" lat=\"0\" lon=\"-179.9999\"/>\n"
                    "<way id=\"3\"><nd ref=\"1\"/><nd ref=\"2\"/>" TAG ("highway", "footway") "</way>\n</osm>\n";
  g_autofree char *path = write_temp (xml, -1);
  g_autoptr (LinliProject) mine = linli_project_new ();
  g_autoptr (GError) error = NULL;
  LinliImportOptions opts;

  linli_import_options_init (&opts);
  g_assert_null (linli_import_streets_into (mine, path, &opts, NULL, &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "180° meridian"));
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-osm/buildings", test_buildings);
  g_test_add_func ("/import-osm/streets", test_streets);
  g_test_add_func ("/import-osm/streets-into", test_streets_into);
  g_test_add_func ("/import-osm/suggestions", test_suggestions);
  g_test_add_func ("/import-osm/round-trip", test_round_trip);
  g_test_add_func ("/import-osm/errors", test_errors);
  g_test_add_func ("/import-osm/limits", test_limits);
  g_test_add_func ("/import-osm/guess-format", test_guess_format);
  g_test_add_func ("/import-osm/degenerate-rings", test_degenerate_rings);
  g_test_add_func ("/import-osm/streets-across", test_streets_across);
  return g_test_run ();
}
