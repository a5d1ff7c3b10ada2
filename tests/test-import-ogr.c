/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-test"

#include "config.h"

#include "linli-geo.h"
#include "linli-import-boundaries.h"
#include "linli-import-csv.h"
#include "linli-import-sites.h"
#include "linli-import-ogr.h"
#include "linli-project.h"
#include "linli-streets.h"
#include "linli-test-utils.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdlib.h>
#include <string.h>

/* The GIS fixtures of tests/data/ogr (made by make-fixtures.sh there). */
static char *
fixture (const char *name)
{
  const char *src = g_getenv ("LINLI_SOURCE_DIR");

  return g_build_filename (src ? src : ".", "tests", "data", "ogr", name, NULL);
}

/* A copy of the Shapefile @base (.shp, .shx, .dbf, .prj, .cpg as present)
 * in a temporary folder, without the parts named in @leave_out. */
static char *
copy_shapefile (const char *base,
                const char *dir,
                const char *leave_out)
{
  static const char *const parts[] = { "shp", "shx", "dbf", "prj", "cpg" };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", base, parts[i]);
      g_autofree char *from = fixture (name);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if ((leave_out != NULL && strstr (leave_out, parts[i]) != NULL) ||
          !g_file_get_contents (from, &contents, &len, NULL))
        continue;
      g_assert_true (g_file_set_contents (to, contents, len, NULL));
    }
  return g_strdup_printf ("%s/%s.shp", dir, base);
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* ------------------------------------------------------------------------ */
/* Gauss–Krüger, independently of PROJ                                       */
/* ------------------------------------------------------------------------ */

/* The series reproduces a published point: the central meridian's
 * northing at 30°N is the meridian arc, 3 320 113.398 m on GRS80 (whose
 * flattening differs from CGCS2000's in the 11th digit), and easting is
 * symmetric about the central meridian. */
static void
test_gauss_kruger_series (void)
{
  double e1, n1, e2, n2;

  linli_test_gauss_kruger (30, 120, 120, &e1, &n1);
  g_assert_cmpfloat_with_epsilon (e1, 500000, 1e-6);
  g_assert_cmpfloat_with_epsilon (n1, 3320113.398, 0.002);
  linli_test_gauss_kruger (30.2, 121.1, 120, &e1, &n1);
  linli_test_gauss_kruger (30.2, 118.9, 120, &e2, &n2);
  g_assert_cmpfloat_with_epsilon (e1 - 500000, 500000 - e2, 1e-6);
  g_assert_cmpfloat_with_epsilon (n1, n2, 1e-6);
}

/* ------------------------------------------------------------------------ */
/* Layers                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_list_layers (void)
{
  g_autofree char *gpkg = fixture ("two-layers.gpkg");
  g_autofree char *shp = fixture ("gk-buildings.shp");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = linli_ogr_list_layers (gpkg, NULL, &error);
  LinliOgrLayerInfo *info;

  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 2);
  info = layers->pdata[0];
  g_assert_cmpstr (info->name, ==, "buildings");
  g_assert_cmpint (info->geometry, ==, LINLI_OGR_GEOMETRY_POLYGON);
  g_assert_cmpint (info->n_features, ==, 3);
  g_assert_true (g_strv_contains ((const char *const *) info->fields, "户数"));
  g_assert_cmpstr (info->crs_code, ==, "EPSG:4326");
  info = layers->pdata[1];
  g_assert_cmpstr (info->name, ==, "streets");
  g_assert_cmpint (info->geometry, ==, LINLI_OGR_GEOMETRY_LINE);
  g_assert_cmpint (info->n_features, ==, 2);

  g_clear_pointer (&layers, g_ptr_array_unref);
  layers = linli_ogr_list_layers (shp, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  info = layers->pdata[0];
  g_assert_cmpstr (info->crs_code, ==, "EPSG:4549");
  /* The .cpg says GBK: the field names come out as UTF-8. */
  g_assert_true (g_strv_contains ((const char *const *) info->fields, "名称"));
  g_assert_true (g_strv_contains ((const char *const *) info->fields, "小区"));
}

/* ------------------------------------------------------------------------ */
/* Positions                                                                 */
/* ------------------------------------------------------------------------ */

/* The outlines the fixtures were made from (make-fixtures.sh), WGS84, each
 * ring's first four corners: positions known without PROJ. */
static const double known_rings[3][4][2] = {
  { { 30.2800, 120.1200 }, { 30.2800, 120.1204 }, { 30.2802, 120.1204 }, { 30.2802, 120.1200 } },
  { { 30.2800, 120.1210 }, { 30.2800, 120.1214 }, { 30.2803, 120.1214 }, { 30.2803, 120.1210 } },
  { { 30.2810, 120.1220 }, { 30.2810, 120.1226 }, { 30.2813, 120.1226 }, { 30.2813, 120.1220 } },
};

/* Every footprint point of @project lies within 0.1 m of a corner the
 * fixture was made from, each corner is matched, and (for the Shapefile)
 * the test's own Gauss–Krüger series takes each imported point onto the
 * file's own coordinates within 0.1 m. */
static void
assert_positions (LinliProject *project,
                  const char   *gk_path)
{
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 3);
  for (guint b = 0; b < 3; b++)
    {
      const LinliBuilding *building = linli_project_get_building (project, b);
      guint n;
      const LinliLatLon *ring = linli_project_get_footprint (project, b, &n);

      g_assert_cmpuint (n, ==, 4);
      for (guint k = 0; k < 4; k++)
        {
          double best = INFINITY;

          for (guint i = 0; i < n; i++)
            best = MIN (best, linli_haversine_distance (ring[i].lat, ring[i].lon, known_rings[b][k][0],
                                                        known_rings[b][k][1]));
          g_assert_cmpfloat (best, <, 0.1);
        }
      (void) building;
    }

  if (gk_path != NULL)
    {
      GDALDatasetH ds = GDALOpenEx (gk_path, GDAL_OF_VECTOR, NULL, NULL, NULL);
      OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
      OGRFeatureH feature;
      guint b = 0;

      OGR_L_ResetReading (layer);
      while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          OGRGeometryH geometry = OGR_F_GetGeometryRef (feature), ring;
          guint n;
          const LinliLatLon *points = linli_project_get_footprint (project, b, &n);

          /* A FileGDB holds multipolygons: the outline is the first part's. */
          if (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbMultiPolygon)
            geometry = OGR_G_GetGeometryRef (geometry, 0);
          ring = OGR_G_GetGeometryRef (geometry, 0);
          g_assert_cmpint (OGR_G_GetPointCount (ring), ==, n + 1);
          for (guint i = 0; i < n; i++)
            {
              double e, no, best = INFINITY;

              linli_test_gauss_kruger (points[i].lat, points[i].lon, 120, &e, &no);
              for (int k = 0; k < OGR_G_GetPointCount (ring); k++)
                best = MIN (best, hypot (e - OGR_G_GetX (ring, k), no - OGR_G_GetY (ring, k)));
              g_assert_cmpfloat (best, <, 0.1);
            }
          OGR_F_Destroy (feature);
          b++;
        }
      g_assert_cmpuint (b, ==, 3);
      GDALClose (ds);
    }
}

static LinliProject *
import (const char            *path,
        const LinliOgrOptions *options,
        LinliImportReport     *report,
        GError               **error)
{
  LinliImportOptions import_options;

  linli_import_options_init (&import_options);
  return linli_import_ogr (path, options, &import_options, report, error);
}

static void
test_shapefile_gauss_kruger (void)
{
  g_autofree char *shp = fixture ("gk-buildings.shp");
  g_autoptr (GError) error = NULL;
  g_auto (LinliImportReport) report = { 0 };
  g_autoptr (LinliProject) project = NULL;
  LinliOgrOptions options;
  const LinliBuilding *b;

  linli_ogr_options_init (&options);
  project = import (shp, &options, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.features, ==, 3);
  g_assert_cmpuint (report.buildings, ==, 3);
  assert_positions (project, shp);

  /* GBK attributes, mapped by their Chinese names. */
  b = linli_project_get_building (project, 0);
  g_assert_cmpstr (b->name, ==, "1号楼");
  g_assert_cmpuint (b->households, ==, 48);
  g_assert_false (b->flags & LINLI_BUILDING_ESTIMATED);
  g_assert_cmpstr (linli_project_get_compound (project, b->compound)->name, ==, "翠苑一区");
  g_assert_cmpstr (linli_project_get_community (project, linli_project_building_community (project, 0))->name,
                   ==, "翠苑社区");
  /* The third has no households: estimated from its 11 storeys. */
  b = linli_project_get_building (project, 2);
  g_assert_cmpstr (b->name, ==, "5幢");
  g_assert_true (b->flags & LINLI_BUILDING_ESTIMATED);
  g_assert_cmpuint (report.estimated, ==, 1);
  {
    guint n;
    const LinliLatLon *ring = linli_project_get_footprint (project, 2, &n);
    LinliProjection proj;
    double area = 0;

    /* Households = footprint area × storeys ÷ 90 m², the area in the
     * project's local metric projection by the shoelace formula. */
    linli_projection_init (&proj, ring[0].lat, ring[0].lon);
    for (guint i = 0; i < n; i++)
      {
        double x1, y1, x2, y2;

        linli_projection_forward (&proj, ring[i].lat, ring[i].lon, &x1, &y1);
        linli_projection_forward (&proj, ring[(i + 1) % n].lat, ring[(i + 1) % n].lon, &x2, &y2);
        area += x1 * y2 - x2 * y1;
      }
    area = fabs (area) / 2;
    g_assert_cmpuint (b->households, ==, (guint) round (area * 11 / 90));
  }
}

/* The same file with its system given by the caller, as an EPSG code and
 * as a PROJ string, and with no .prj at all. */
static void
test_shapefile_given_crs (void)
{
  const char *const systems[] = {
    "EPSG:4549",
    "+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs",
  };
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *shp = copy_shapefile ("gk-buildings", dir, "prj");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) none = NULL;
  LinliOgrOptions options;

  linli_ogr_options_init (&options);
  for (guint i = 0; i < G_N_ELEMENTS (systems); i++)
    {
      g_autoptr (LinliProject) project = NULL;

      options.source_crs = systems[i];
      project = import (shp, &options, NULL, &error);
      g_assert_no_error (error);
      assert_positions (project, shp);
    }

  /* Without one, metres are not degrees: refused, and said so. */
  options.source_crs = NULL;
  none = import (shp, &options, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "feature 1"));
  g_clear_error (&error);

  /* A file path or a URL is not a coordinate system here. */
  options.source_crs = "/etc/passwd";
  none = import (shp, &options, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  remove_dir (dir);
}

/* A .dbf in GBK without its .cpg reads the same, and so does one whose
 * encoding the caller gives. */
static void
test_shapefile_encoding (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *shp = copy_shapefile ("gk-buildings", dir, "cpg");
  LinliOgrOptions options;

  linli_ogr_options_init (&options);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;

      options.encoding = i == 0 ? NULL : "GBK";
      project = import (shp, &options, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (linli_project_get_building (project, 1)->name, ==, "2号楼");
      g_assert_cmpstr (linli_project_get_compound (project, 0)->name, ==, "翠苑一区");
    }
  remove_dir (dir);
}

static void
test_geopackage_layers (void)
{
  g_autofree char *gpkg = fixture ("two-layers.gpkg");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) buildings = NULL;
  g_autoptr (LinliProject) streets = NULL;
  g_autoptr (LinliProject) gcj = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliOgrOptions options;

  linli_ogr_options_init (&options);
  buildings = import (gpkg, &options, NULL, &error);   /* the first layer */
  g_assert_no_error (error);
  assert_positions (buildings, NULL);
  g_assert_false (linli_project_has_streets (buildings));

  options.layer = "streets";
  streets = import (gpkg, &options, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.street_ways, ==, 2);
  g_assert_cmpuint (linli_streets_get_n_ways (linli_project_get_streets (streets)), ==, 2);
  g_assert_cmpuint (linli_project_get_n_buildings (streets), ==, 0);

  /* Coordinates the caller says are GCJ-02 go through Linli's own transform. */
  options.layer = "buildings";
  options.crs = LINLI_CRS_GCJ02;
  gcj = import (gpkg, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint b = 0; b < 3; b++)
    {
      guint n;
      const LinliLatLon *ring = linli_project_get_footprint (gcj, b, &n);
      double lat, lon;

      linli_wgs84_from_gcj02 (known_rings[b][0][0], known_rings[b][0][1], &lat, &lon);
      g_assert_cmpfloat (linli_haversine_distance (ring[0].lat, ring[0].lon, lat, lon), <, 0.1);
    }

  options.layer = "no such layer";
  g_assert_null (import (gpkg, &options, NULL, &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
}

static void
test_kml (void)
{
  g_autofree char *kml = fixture ("buildings.kml");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  LinliOgrMapping mapping;
  LinliOgrOptions options;
  g_autoptr (GPtrArray) layers = linli_ogr_list_layers (kml, NULL, &error);
  LinliOgrLayerInfo *info;

  g_assert_no_error (error);
  info = layers->pdata[0];
  linli_ogr_mapping_guess (&mapping, (const char *const *) info->fields);
  g_assert_cmpint (mapping.fields[LINLI_OGR_FIELD_NAME], >=, 0);
  linli_ogr_options_init (&options);
  project = import (kml, &options, NULL, &error);
  g_assert_no_error (error);
  assert_positions (project, NULL);
  g_assert_cmpstr (linli_project_get_building (project, 0)->name, ==, "1号楼");
  g_assert_cmpuint (linli_project_get_building (project, 1)->households, ==, 36);
}

/* The buildings of a GML 3.2 file and of a FileGDB, both in Gauss–Krüger
 * zone 40 as the surveying institute hands them out: positions within
 * 0.1 m of the outlines they were made from and of the test's own series,
 * and the Chinese fields mapped by their names. */
static void
test_gml_and_filegdb (void)
{
  static const char *const names[] = { "gk-buildings.gml", "gk-buildings.gdb" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture (names[i]);
      g_autoptr (GError) error = NULL;
      g_auto (LinliImportReport) report = { 0 };
      g_autoptr (LinliProject) project = NULL;
      g_autoptr (GPtrArray) layers = NULL;
      LinliOgrLayerInfo *info;
      LinliOgrOptions options;
      const LinliBuilding *b;

      g_test_message ("%s", names[i]);
      g_assert_true (linli_ogr_handles (path));
      layers = linli_ogr_list_layers (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (layers->len, ==, 1);
      info = layers->pdata[0];
      g_assert_cmpstr (info->name, ==, "buildings");
      g_assert_cmpint (info->geometry, ==, LINLI_OGR_GEOMETRY_POLYGON);
      g_assert_cmpstr (info->crs_code, ==, "EPSG:4549");

      linli_ogr_options_init (&options);
      project = import (path, &options, &report, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report.buildings, ==, 3);
      assert_positions (project, path);
      b = linli_project_get_building (project, 0);
      g_assert_cmpstr (b->name, ==, "1号楼");
      g_assert_cmpuint (b->households, ==, 48);
      g_assert_cmpstr (linli_project_get_compound (project, b->compound)->name, ==, "翠苑一区");
      g_assert_cmpuint (linli_project_get_building (project, 1)->households, ==, 36);
      b = linli_project_get_building (project, 2);
      g_assert_cmpstr (b->name, ==, "5幢");
      g_assert_true (b->flags & LINLI_BUILDING_ESTIMATED);
      g_assert_cmpstr (linli_project_get_compound (project, b->compound)->name, ==, "翠苑二区");
    }
}

/* Excel and OpenDocument lists go through the CSV column mapping. */
static void
test_sheet_tables (void)
{
  static const char *const names[] = { "building-list.xlsx", "building-list.ods" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture (names[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliCsvTable) table = NULL;
      g_autoptr (LinliProject) project = NULL;
      g_auto (LinliCsvReport) report = { 0 };
      LinliCsvMapping mapping;
      LinliCsvOptions csv_options;
      LinliOgrOptions options;

      g_test_message ("%s", names[i]);
      linli_ogr_options_init (&options);
      table = linli_ogr_read_table (path, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (linli_csv_table_get_n_rows (table), ==, 3);
      g_assert_cmpuint (linli_csv_table_get_n_columns (table), ==, 6);
      g_assert_cmpstr (linli_csv_table_get_header (table, 0), ==, "楼栋");
      g_assert_cmpuint (linli_csv_table_get_line (table, 0), ==, 2);
      linli_csv_mapping_guess (&mapping, table);
      g_assert_cmpint (mapping.columns[LINLI_CSV_FIELD_NAME], ==, 0);
      g_assert_cmpint (mapping.columns[LINLI_CSV_FIELD_HOUSEHOLDS], ==, 1);
      g_assert_cmpint (mapping.columns[LINLI_CSV_FIELD_RESIDENTS], ==, 2);
      g_assert_cmpint (mapping.columns[LINLI_CSV_FIELD_LAT], ==, 3);
      g_assert_cmpint (mapping.columns[LINLI_CSV_FIELD_LON], ==, 4);
      linli_csv_options_init (&csv_options);
      project = linli_csv_import (table, &mapping, &csv_options, &report, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 3);
      g_assert_cmpstr (linli_project_get_building (project, 0)->name, ==, "1号楼");
      g_assert_cmpuint (linli_project_get_building (project, 2)->households, ==, 66);
      g_assert_cmpuint (linli_project_get_building (project, 1)->residents, ==, 95);
      g_assert_cmpfloat_with_epsilon (linli_project_get_building (project, 1)->lat, 30.28015, 1e-9);
      g_assert_cmpfloat_with_epsilon (linli_project_get_building (project, 1)->lon, 120.1212, 1e-9);
      g_assert_cmpstr (linli_project_get_compound (project, linli_project_get_building (project, 2)->compound)->name,
                       ==, "翠苑二区");
    }
}

/* A point layer's table carries each point in WGS84 for the site and
 * building lists. */
static void
test_table_positions (void)
{
  g_autofree char *shp = fixture ("gk-buildings.shp");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCsvTable) table = NULL;
  LinliCsvMapping mapping;
  LinliOgrOptions options;

  linli_ogr_options_init (&options);
  table = linli_ogr_read_table (shp, &options, &error);
  g_assert_no_error (error);
  linli_csv_mapping_guess (&mapping, table);
  g_assert_cmpint (mapping.columns[LINLI_CSV_FIELD_LAT], >=, 0);
  g_assert_cmpint (mapping.columns[LINLI_CSV_FIELD_LON], >=, 0);
  for (guint r = 0; r < 3; r++)
    {
      double lat = g_ascii_strtod (linli_csv_table_get_cell (table, r, mapping.columns[LINLI_CSV_FIELD_LAT]), NULL);
      double lon = g_ascii_strtod (linli_csv_table_get_cell (table, r, mapping.columns[LINLI_CSV_FIELD_LON]), NULL);

      /* Within the outline the fixture was made from. */
      g_assert_cmpfloat (lat, >, known_rings[r][0][0]);
      g_assert_cmpfloat (lat, <, known_rings[r][2][0]);
      g_assert_cmpfloat (lon, >, known_rings[r][0][1]);
      g_assert_cmpfloat (lon, <, known_rings[r][1][1]);
    }
}

/* The features of a GIS layer as candidate sites: the table's WGS84
 * columns go through the site list's mapping. */
static void
test_sites_from_layer (void)
{
  g_autofree char *kml = fixture ("buildings.kml");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCsvTable) table = NULL;
  g_autoptr (LinliSiteImport) sites = NULL;
  LinliSiteImportOptions site_options;
  LinliSiteMapping mapping;
  LinliOgrOptions options;

  linli_ogr_options_init (&options);
  table = linli_ogr_read_table (kml, &options, &error);
  g_assert_no_error (error);
  linli_site_mapping_guess (&mapping, table);
  g_assert_cmpint (mapping.columns[LINLI_SITE_FIELD_LAT], >=, 0);
  g_assert_cmpint (mapping.columns[LINLI_SITE_FIELD_LON], >=, 0);
  linli_site_import_options_init (&site_options);
  sites = linli_site_import_csv (table, &mapping, &site_options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_site_import_get_n_sites (sites), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const LinliSiteState *st = sites->sites->pdata[i];

      g_assert_cmpfloat (st->lat, >, known_rings[i][0][0]);
      g_assert_cmpfloat (st->lat, <, known_rings[i][2][0]);
      g_assert_cmpfloat (st->lon, >, known_rings[i][0][1]);
      g_assert_cmpfloat (st->lon, <, known_rings[i][1][1]);
    }
  g_assert_cmpstr (((LinliSiteState *) sites->sites->pdata[0])->name, ==, "1号楼");
}

/* A DXF drawing, written here by GDAL: closed polylines are outlines when
 * the layer is read as buildings, streets otherwise. */
static void
test_dxf (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "drawing.dxf", NULL);
  GDALDriverH driver;
  GDALDatasetH ds;
  OGRLayerH layer;
  LinliOgrOptions options;
  LinliImportOptions import_options;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) buildings = NULL;
  g_autoptr (LinliProject) streets = NULL;
  g_auto (LinliImportReport) report = { 0 };

  GDALAllRegister ();
  driver = GDALGetDriverByName ("DXF");
  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  layer = GDALDatasetCreateLayer (ds, "entities", NULL, wkbUnknown, NULL);
  for (guint b = 0; b < 3; b++)
    {
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH line = OGR_G_CreateGeometry (wkbLineString);

      for (guint k = 0; k <= 4; k++)
        {
          double e, n;

          linli_test_gauss_kruger (known_rings[b][k % 4][0], known_rings[b][k % 4][1], 120, &e, &n);
          OGR_G_AddPoint_2D (line, e, n);
        }
      OGR_F_SetGeometryDirectly (feature, line);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);

  linli_ogr_options_init (&options);
  linli_import_options_init (&import_options);
  options.source_crs = "EPSG:4549";
  options.role = LINLI_OGR_ROLE_BUILDINGS;
  buildings = linli_import_ogr (path, &options, &import_options, &report, &error);
  g_assert_no_error (error);
  assert_positions (buildings, NULL);
  options.role = LINLI_OGR_ROLE_AUTO;
  streets = linli_import_ogr (path, &options, &import_options, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_project_get_n_buildings (streets), ==, 0);
  g_assert_cmpuint (report.street_ways, ==, 3);
  remove_dir (dir);
}

/* A compound's boundary from a GeoPackage in Gauss–Krüger metres with a
 * Chinese name field, matched by name to the compound of the fixture's
 * buildings. */
static void
test_boundaries (void)
{
  static const double corners[4][2] = {
    { 30.27990, 120.11990 }, { 30.27990, 120.12150 }, { 30.28040, 120.12150 }, { 30.28040, 120.11990 },
  };
  g_autofree char *gpkg = fixture ("two-layers.gpkg");
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "compounds.gpkg", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliBoundaryImport) boundaries = NULL;
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  LinliBoundaryOptions boundary_options;
  LinliBoundaryPolygon *p;
  LinliExtent extent;
  LinliOgrOptions options;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFieldDefnH field;
  OGRFeatureH feature;
  OGRGeometryH polygon, ring;

  linli_ogr_options_init (&options);
  project = import (gpkg, &options, NULL, &error);
  g_assert_no_error (error);

  GDALAllRegister ();
  OSRImportFromEPSG (srs, 4549);
  ds = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  layer = GDALDatasetCreateLayer (ds, "compounds", srs, wkbPolygon, NULL);
  field = OGR_Fld_Create ("名称", OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGR_F_SetFieldString (feature, 0, "翠苑一区");
  ring = OGR_G_CreateGeometry (wkbLinearRing);
  for (guint k = 0; k <= 4; k++)
    {
      double e, n;

      linli_test_gauss_kruger (corners[k % 4][0], corners[k % 4][1], 120, &e, &n);
      OGR_G_AddPoint_2D (ring, e, n);
    }
  polygon = OGR_G_CreateGeometry (wkbPolygon);
  OGR_G_AddGeometryDirectly (polygon, ring);
  OGR_F_SetGeometryDirectly (feature, polygon);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
  GDALClose (ds);
  OSRDestroySpatialReference (srs);

  linli_boundary_options_init (&boundary_options);
  boundaries = linli_boundary_import_read (project, path, &boundary_options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (boundaries->polygons->len, ==, 1);
  p = boundaries->polygons->pdata[0];
  g_assert_cmpstr (p->name, ==, "翠苑一区");
  g_assert_cmpint (p->match, ==, LINLI_BOUNDARY_BY_NAME);
  g_assert_true (p->compound);
  g_assert_cmpstr (linli_project_get_compound (project, p->index)->name, ==, "翠苑一区");
  linli_polygon_get_extent (p->polygon, &extent);
  g_assert_cmpfloat (linli_haversine_distance (extent.min_lat, extent.min_lon, corners[0][0], corners[0][1]), <, 0.1);
  g_assert_cmpfloat (linli_haversine_distance (extent.max_lat, extent.max_lon, corners[2][0], corners[2][1]), <, 0.1);
  remove_dir (dir);
}

/* ------------------------------------------------------------------------ */
/* The mapping                                                               */
/* ------------------------------------------------------------------------ */

static void
test_mapping_guess (void)
{
  static const struct
  {
    const char *fields[8];
    int         expected[LINLI_OGR_N_FIELDS];  /* id name compound community hh res pm storeys height type est. */
  } cases[] = {
    { { "OBJECTID", "名称", "户数", "层数", "建筑高度", "用途", NULL },
      { -1, 1, -1, -1, 2, -1, -1, 3, 4, 5, -1 } },
    { { "name", "households", "floors", "height", "building", "compound", "community", NULL },
      { -1, 0, 5, 6, 1, -1, -1, 2, 3, 4, -1 } },
    { { "楼栋编号", "楼栋名称", "党员人数", "常住人口", "总层数", "所属小区", NULL },
      { 0, 1, 5, -1, -1, 3, 2, 4, -1, -1, -1 } },
    { { "name", "highway", "estimated", NULL }, { -1, 0, -1, -1, -1, -1, -1, -1, -1, 1, 2 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      LinliOgrMapping mapping;

      linli_ogr_mapping_guess (&mapping, cases[c].fields);
      for (guint f = 0; f < LINLI_OGR_N_FIELDS; f++)
        {
          if (mapping.fields[f] != cases[c].expected[f])
            g_test_message ("case %u, %s: %d, expected %d", c, linli_ogr_field_to_string (f), mapping.fields[f],
                            cases[c].expected[f]);
          g_assert_cmpint (mapping.fields[f], ==, cases[c].expected[f]);
        }
    }
}

static void
test_mapping_override (void)
{
  const char *const fields[] = { "HU_NUM", "名称", "F_NUM", NULL };
  g_autoptr (GError) error = NULL;
  LinliOgrMapping mapping;

  linli_ogr_mapping_guess (&mapping, fields);
  g_assert_cmpint (mapping.fields[LINLI_OGR_FIELD_HOUSEHOLDS], ==, -1);
  g_assert_true (linli_ogr_mapping_parse (&mapping, fields, "households=HU_NUM", &error));
  g_assert_true (linli_ogr_mapping_parse (&mapping, fields, "storeys = F_NUM", &error));
  g_assert_true (linli_ogr_mapping_parse (&mapping, fields, "name=none", &error));
  g_assert_no_error (error);
  g_assert_cmpint (mapping.fields[LINLI_OGR_FIELD_HOUSEHOLDS], ==, 0);
  g_assert_cmpint (mapping.fields[LINLI_OGR_FIELD_STOREYS], ==, 2);
  g_assert_cmpint (mapping.fields[LINLI_OGR_FIELD_NAME], ==, -1);
  g_assert_false (linli_ogr_mapping_parse (&mapping, fields, "households=nope", &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (linli_ogr_mapping_parse (&mapping, fields, "colour=名称", &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED);
}

/* ------------------------------------------------------------------------ */
/* Hostile input                                                             */
/* ------------------------------------------------------------------------ */

static void
assert_refused (const char            *path,
                const LinliOgrOptions *options,
                const char            *part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = import (path, options, NULL, &error);

  g_assert_null (project);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (part != NULL)
    g_assert_nonnull (strstr (error->message, part));
}

static void
test_damaged_shapefile (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *shp = copy_shapefile ("gk-buildings", dir, NULL);
  g_autofree char *contents = NULL;
  LinliOgrOptions options;
  gsize len;

  linli_ogr_options_init (&options);
  g_assert_true (g_file_get_contents (shp, &contents, &len, NULL));

  /* Cut in the middle of the second record. */
  g_assert_true (g_file_set_contents (shp, contents, 100 + 150, NULL));
  assert_refused (shp, &options, "feature");

  /* A record that says it has a billion points. */
  memcpy (contents + 100 + 8 + 4 + 32 + 4, "\xff\xff\xff\x3f", 4);
  g_assert_true (g_file_set_contents (shp, contents, len, NULL));
  assert_refused (shp, &options, NULL);

  /* Not a Shapefile at all. */
  g_assert_true (g_file_set_contents (shp, "hello, world", -1, NULL));
  assert_refused (shp, &options, NULL);
  remove_dir (dir);
}

static void
test_unknown_prj (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *shp = copy_shapefile ("gk-buildings", dir, "prj");
  g_autofree char *prj = g_build_filename (dir, "gk-buildings.prj", NULL);
  LinliOgrOptions options;

  linli_ogr_options_init (&options);
  /* A system nobody knows: GDAL cannot read it, so the layer has none and
   * its metres are not degrees. */
  g_assert_true (g_file_set_contents (prj, "PROJCS[\"Local city grid\",GEOGCS[\"?\"],PROJECTION[\"Nobody\"]]",
                                      -1, NULL));
  assert_refused (shp, &options, NULL);
  /* A system that says degrees when the file holds metres. */
  g_assert_true (g_file_set_contents (prj, "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
                                      "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],"
                                      "UNIT[\"Degree\",0.0174532925199433]]",
                                      -1, NULL));
  assert_refused (shp, &options, "feature 1");
  remove_dir (dir);

  /* Degrees said to be Gauss–Krüger metres. */
  {
    g_autofree char *gpkg = fixture ("two-layers.gpkg");

    options.source_crs = "EPSG:4549";
    assert_refused (gpkg, &options, "look like degrees");
  }
}

/* A line of more points than a feature may have, through OGR's GeoJSON
 * driver: refused before anything is kept. */
static void
test_too_many_points (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.geojson", NULL);
  GString *json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                                "\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
  LinliOgrOptions options;

  for (guint i = 0; i <= LINLI_OGR_MAX_FEATURE_POINTS; i++)
    g_string_append_printf (json, "%s[120.%06u,30.1]", i ? "," : "", i % 1000000);
  g_string_append (json, "]}}]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  g_string_free (json, TRUE);
  linli_ogr_options_init (&options);
  assert_refused (path, &options, "too many points");
  remove_dir (dir);
}

/* A line "NAME:  N kB" of /proc/self/status, in KiB. */
static long
status_kib (const char *name)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, name);
  g_assert_nonnull (line);
  return strtol (line + strlen (name), NULL, 10);
}

/* Starts this process's peak resident memory (VmHWM) anew from what it
 * holds now, which it returns (KiB), so that what follows is measured
 * alone: the growth is peak_kib () minus that. */
static long
reset_peak (void)
{
  FILE *clear = fopen ("/proc/self/clear_refs", "w");

  g_assert_nonnull (clear);
  fputs ("5", clear);
  fclose (clear);
  return status_kib ("VmRSS:");
}

static long
peak_kib (void)
{
  return status_kib ("VmHWM:");
}

/* A drawing whose one closed polyline has a million vertices, as a DXF
 * exported from CAD with a curve tessellated too finely can be: refused,
 * as streets and as outlines, with the file, the line where the entity
 * starts and the reason, before GDAL reads it (GDAL's reader grows a
 * polyline a point at a time, quadratic where realloc must move it: under
 * the sanitizers or MALLOC_PERTURB_ it ran for minutes).  The same points
 * as POLYLINE and VERTEX entities count alike; a drawing of many small
 * polylines is read. */
static void
test_dxf_million_vertices (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tessellated.dxf", NULL);
  LinliOgrOptions options;
  long most = 0, held = 0;

  linli_ogr_options_init (&options);
  options.source_crs = "EPSG:4549";
  for (guint form = 0; form < 3; form++)
    {
      /* An LWPOLYLINE, an old-style POLYLINE of VERTEX entities, and 200
       * LWPOLYLINEs of 500 points each. */
      GString *dxf = g_string_new ("0\nSECTION\n2\nENTITIES\n");
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;

      if (form == 0)
        g_string_append (dxf, "0\nLWPOLYLINE\n8\n0\n90\n1000000\n70\n1\n");
      else if (form == 1)
        g_string_append (dxf, "0\nPOLYLINE\n8\n0\n66\n1\n70\n1\n");
      for (guint i = 0; i < (form < 2 ? 1000000u : 100000u); i++)
        {
          if (form == 1)
            g_string_append (dxf, "0\nVERTEX\n8\n0\n");
          else if (form == 2 && i % 500 == 0)
            g_string_append (dxf, "0\nLWPOLYLINE\n8\n0\n90\n500\n70\n0\n");
          g_string_append (dxf, (i & 1) ? "10\n511000.5\n20\n3351000.25\n" : "10\n511001.5\n20\n3351002.25\n");
        }
      if (form == 1)
        g_string_append (dxf, "0\nSEQEND\n");
      g_string_append (dxf, "0\nENDSEC\n0\nEOF\n");
      g_assert_true (g_file_set_contents (path, dxf->str, dxf->len, NULL));
      g_string_free (dxf, TRUE);
      held = reset_peak ();
      if (form < 2)
        {
          options.role = LINLI_OGR_ROLE_AUTO;
          assert_refused (path, &options, ":6: an entity of more than 100000 points");
          options.role = LINLI_OGR_ROLE_BUILDINGS;
          assert_refused (path, &options, ":6: an entity of more than 100000 points");
          most = MAX (most, peak_kib () - held);
          continue;
        }
      /* Short lines one after another are each within the fence: read,
       * as 200 streets. */
      options.role = LINLI_OGR_ROLE_AUTO;
      project = import (path, &options, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (linli_streets_get_n_ways (linli_project_get_streets (project)), ==, 200);
    }
  /* What the refusals took beyond what the process held before them (the
   * drawing's 26 MB are mapped, not copied). */
  g_test_message ("resident memory taken to refuse: %ld MiB", most / 1024);
  g_assert_cmpint (most, <, 128 * 1024);
  remove_dir (dir);
}

/* A little-endian integer into @out. */
static void
put (GByteArray *out,
     guint64     value,
     guint       bytes)
{
  for (guint i = 0; i < bytes; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xff;

      g_byte_array_append (out, &b, 1);
    }
}

/* An .xlsx whose one member claims to unpack to 4 GB: refused by its zip
 * directory before any driver inflates it. */
static void
test_zip_bomb (void)
{
  static const char name[] = "xl/worksheets/sheet1.xml";
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bomb.xlsx", NULL);
  g_autoptr (GByteArray) zip = g_byte_array_new ();
  const guint8 data[] = { 0x03, 0x00 };   /* an empty deflate stream */
  guint central, central_size;
  LinliOgrOptions options;

  put (zip, 0x04034b50, 4);   /* local header */
  put (zip, 20, 2);
  put (zip, 0, 2);
  put (zip, 8, 2);            /* deflate */
  put (zip, 0, 4);
  put (zip, 0, 4);            /* crc */
  put (zip, sizeof data, 4);
  put (zip, 0xfffffff0u, 4);  /* uncompressed size */
  put (zip, strlen (name), 2);
  put (zip, 0, 2);
  g_byte_array_append (zip, (const guint8 *) name, strlen (name));
  g_byte_array_append (zip, data, sizeof data);
  central = zip->len;
  put (zip, 0x02014b50, 4);   /* central directory */
  put (zip, 20, 2);
  put (zip, 20, 2);
  put (zip, 0, 2);
  put (zip, 8, 2);
  put (zip, 0, 4);
  put (zip, 0, 4);
  put (zip, sizeof data, 4);
  put (zip, 0xfffffff0u, 4);
  put (zip, strlen (name), 2);
  put (zip, 0, 2);
  put (zip, 0, 2);
  put (zip, 0, 2);
  put (zip, 0, 2);
  put (zip, 0, 4);
  put (zip, 0, 4);            /* local header offset */
  g_byte_array_append (zip, (const guint8 *) name, strlen (name));
  central_size = zip->len - central;
  put (zip, 0x06054b50, 4);   /* end of central directory */
  put (zip, 0, 2);
  put (zip, 0, 2);
  put (zip, 1, 2);
  put (zip, 1, 2);
  put (zip, central_size, 4);
  put (zip, central, 4);
  put (zip, 0, 2);
  g_assert_true (g_file_set_contents (path, (const char *) zip->data, zip->len, NULL));

  linli_ogr_options_init (&options);
  assert_refused (path, &options, "zip bomb");
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (linli_ogr_read_table (path, &options, &error));
    g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  }
  remove_dir (dir);
}

/* @n bytes of spaces as a raw deflate stream, level 1. */
static GByteArray *
deflate_spaces (guint64 n)
{
  g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 1);
  g_autofree char *spaces = g_malloc (1024 * 1024);
  GByteArray *out = g_byte_array_new ();
  char buffer[64 * 1024];
  guint64 fed = 0;
  GConverterResult result;

  memset (spaces, ' ', 1024 * 1024);
  do
    {
      gsize chunk = MIN (n - fed, 1024 * 1024), read = 0, written = 0;
      GConverterFlags flags = fed + chunk == n ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS;
      g_autoptr (GError) error = NULL;

      result = g_converter_convert (G_CONVERTER (compressor), spaces, chunk, buffer, sizeof buffer, flags, &read,
                                    &written, &error);
      g_assert_no_error (error);
      g_byte_array_append (out, (const guint8 *) buffer, written);
      fed += read;
    }
  while (result != G_CONVERTER_FINISHED);
  return out;
}

/* An .xlsx whose sheet says 1,000 bytes in its zip directory and inflates
 * to 16 MB more than the fence: GDAL would read it all (it reads a member
 * to the end of its data), so the sizes are counted by inflating, and the
 * file is refused once the fence is passed, memory staying bounded. */
static void
test_lying_zip (void)
{
  static const char name[] = "xl/worksheets/sheet1.xml";
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "liar.xlsx", NULL);
  g_autoptr (GByteArray) zip = g_byte_array_new ();
  g_autoptr (GByteArray) data = deflate_spaces (LINLI_OGR_MAX_UNZIPPED + 16u * 1024 * 1024);
  guint central = 0, central_size;
  LinliOgrOptions options;
  long held;

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 0)
        put (zip, 0x04034b50, 4);   /* local header */
      else
        {
          central = zip->len;
          put (zip, 0x02014b50, 4);   /* central directory */
          put (zip, 20, 2);
        }
      put (zip, 20, 2);
      put (zip, 0, 2);
      put (zip, 8, 2);                /* deflate */
      put (zip, 0, 4);
      put (zip, 0, 4);                /* crc: not checked before the size */
      put (zip, data->len, 4);
      put (zip, 1000, 4);             /* the uncompressed size it claims */
      put (zip, strlen (name), 2);
      put (zip, 0, 2);
      if (pass == 1)
        {
          put (zip, 0, 2);
          put (zip, 0, 2);
          put (zip, 0, 2);
          put (zip, 0, 4);
          put (zip, 0, 4);            /* local header offset */
        }
      g_byte_array_append (zip, (const guint8 *) name, strlen (name));
      if (pass == 0)
        g_byte_array_append (zip, data->data, data->len);
    }
  central_size = zip->len - central;
  put (zip, 0x06054b50, 4);   /* end of central directory */
  put (zip, 0, 2);
  put (zip, 0, 2);
  put (zip, 1, 2);
  put (zip, 1, 2);
  put (zip, central_size, 4);
  put (zip, central, 4);
  put (zip, 0, 2);
  g_assert_true (g_file_set_contents (path, (const char *) zip->data, zip->len, NULL));
  g_test_message ("%.1f MB of zip", zip->len / 1e6);

  linli_ogr_options_init (&options);
  g_clear_pointer (&data, g_byte_array_unref);
  g_clear_pointer (&zip, g_byte_array_unref);
  held = reset_peak ();
  assert_refused (path, &options, "zip directory says less");
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (linli_ogr_read_table (path, &options, &error));
    g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  }
  g_test_message ("resident memory taken to refuse: %ld MiB", (peak_kib () - held) / 1024);
  g_assert_cmpint (peak_kib () - held, <, 64 * 1024);
  remove_dir (dir);
}

/* Formats Linli reads itself (CSV) or not at all are not opened. */
static void
test_not_a_gis_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-ogr-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "list.csv", NULL);
  LinliOgrOptions options;

  g_assert_true (g_file_set_contents (csv, "name,lat,lon\na,30.1,120.1\n", -1, NULL));
  linli_ogr_options_init (&options);
  assert_refused (csv, &options, NULL);
  assert_refused (dir, &options, NULL);
  remove_dir (dir);
  g_assert_true (linli_ogr_handles ("a/b.SHP"));
  g_assert_true (linli_ogr_handles ("x.gpkg"));
  g_assert_false (linli_ogr_handles ("x.geojson"));
  g_assert_false (linli_ogr_handles ("x.csv"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-ogr/gauss-kruger-series", test_gauss_kruger_series);
  g_test_add_func ("/import-ogr/list-layers", test_list_layers);
  g_test_add_func ("/import-ogr/shapefile-gauss-kruger", test_shapefile_gauss_kruger);
  g_test_add_func ("/import-ogr/shapefile-given-crs", test_shapefile_given_crs);
  g_test_add_func ("/import-ogr/shapefile-encoding", test_shapefile_encoding);
  g_test_add_func ("/import-ogr/geopackage-layers", test_geopackage_layers);
  g_test_add_func ("/import-ogr/kml", test_kml);
  g_test_add_func ("/import-ogr/gml-and-filegdb", test_gml_and_filegdb);
  g_test_add_func ("/import-ogr/sheet-tables", test_sheet_tables);
  g_test_add_func ("/import-ogr/table-positions", test_table_positions);
  g_test_add_func ("/import-ogr/sites-from-layer", test_sites_from_layer);
  g_test_add_func ("/import-ogr/dxf", test_dxf);
  g_test_add_func ("/import-ogr/boundaries", test_boundaries);
  g_test_add_func ("/import-ogr/mapping-guess", test_mapping_guess);
  g_test_add_func ("/import-ogr/mapping-override", test_mapping_override);
  g_test_add_func ("/import-ogr/damaged-shapefile", test_damaged_shapefile);
  g_test_add_func ("/import-ogr/unknown-prj", test_unknown_prj);
  g_test_add_func ("/import-ogr/too-many-points", test_too_many_points);
  g_test_add_func ("/import-ogr/zip-bomb", test_zip_bomb);
  g_test_add_func ("/import-ogr/dxf-million-vertices", test_dxf_million_vertices);
  g_test_add_func ("/import-ogr/lying-zip", test_lying_zip);
  g_test_add_func ("/import-ogr/not-a-gis-file", test_not_a_gis_file);
  return g_test_run ();
}
