/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import time of the same footprints from GeoJSON (Linli's own reader and
 * OGR's), a GeoPackage (OGR) and OpenStreetMap XML (Linli's streaming
 * reader): the outlines of a district made as `linli-tool generate
 * --buildings N` makes it, written here in each format.  Prints medians
 * side by side; run by hand, never by `meson test`:
 *
 *   build/tests/bench-import [--buildings N] [--runs N] [--keep DIR]
 */
#include "config.h"

#include "linli-generator.h"
#include "linli-import-ogr.h"
#include "linli-import.h"
#include "linli-stats.h"

#include <gdal_utils.h>
#include <glib/gstdio.h>
#include <stdio.h>

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* The buildings with outlines as a GeoJSON FeatureCollection and as
 * OpenStreetMap XML (a node per corner, a closed way per building). */
static void
write_sources (LinliProject *project,
               const char   *geojson,
               const char   *osm)
{
  g_autoptr (GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[\n");
  g_autoptr (GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n");
  g_autoptr (GString) ways = g_string_new (NULL);
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
  guint64 node = 1;
  gboolean first = TRUE;

  for (guint b = 0; b < linli_project_get_n_buildings (project); b++)
    {
      const LinliBuilding *building = linli_project_get_building (project, b);
      guint n;
      const LinliLatLon *ring = linli_project_get_footprint (project, b, &n);
      guint64 first_node = node;

      if (n == 0)
        continue;
      g_string_append_printf (json, "%s{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\",\"households\":%u},"
                                    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[",
                              first ? "" : ",\n", building->name, building->households);
      g_string_append_printf (ways, " <way id=\"%u\">\n", b + 1);
      for (guint i = 0; i <= n; i++)
        {
          g_ascii_formatd (lat, sizeof lat, "%.7f", ring[i % n].lat);
          g_ascii_formatd (lon, sizeof lon, "%.7f", ring[i % n].lon);
          g_string_append_printf (json, "%s[%s,%s]", i ? "," : "", lon, lat);
          if (i < n)
            {
              g_string_append_printf (xml, " <node id=\"%" G_GUINT64_FORMAT "\" lat=\"%s\" lon=\"%s\"/>\n", node,
                                      lat, lon);
              g_string_append_printf (ways, "  <nd ref=\"%" G_GUINT64_FORMAT "\"/>\n", node++);
            }
        }
      g_string_append_printf (ways, "  <nd ref=\"%" G_GUINT64_FORMAT "\"/>\n  <tag k=\"building\" v=\"yes\"/>\n"
                                    "  <tag k=\"name\" v=\"%s\"/>\n </way>\n",
                              first_node, building->name);
      g_string_append (json, "]]}}");
      first = FALSE;
    }
  g_string_append (json, "\n]}\n");
  g_string_append (xml, ways->str);
  g_string_append (xml, "</osm>\n");
  g_assert_true (g_file_set_contents (geojson, json->str, json->len, NULL));
  g_assert_true (g_file_set_contents (osm, xml->str, xml->len, NULL));
}

/* The GeoJSON as a GeoPackage, as ogr2ogr would write it. */
static void
write_geopackage (const char *geojson,
                  const char *gpkg)
{
  char *argv[] = { (char *) "-f", (char *) "GPKG", (char *) "-nln", (char *) "buildings", NULL };
  GDALVectorTranslateOptions *options = GDALVectorTranslateOptionsNew (argv, NULL);
  GDALDatasetH src = GDALOpenEx (geojson, GDAL_OF_VECTOR, NULL, NULL, NULL);
  GDALDatasetH out;
  int failed = 0;

  g_assert_nonnull (src);
  out = GDALVectorTranslate (gpkg, NULL, 1, &src, options, &failed);
  g_assert_nonnull (out);
  g_assert_false (failed);
  GDALClose (out);
  GDALClose (src);
  GDALVectorTranslateOptionsFree (options);
}

typedef LinliProject *(*ImportFunc) (const char *path);

static LinliProject *
import_linli_geojson (const char *path)
{
  LinliImportOptions options;
  g_autoptr (GError) error = NULL;
  LinliProject *project;

  linli_import_options_init (&options);
  project = linli_import_geojson (path, &options, NULL, &error);
  g_assert_no_error (error);
  return project;
}

static LinliProject *
import_ogr (const char *path)
{
  LinliImportOptions options;
  LinliOgrOptions ogr;
  g_autoptr (GError) error = NULL;
  LinliProject *project;

  linli_import_options_init (&options);
  linli_ogr_options_init (&ogr);
  project = linli_import_ogr (path, &ogr, &options, NULL, &error);
  g_assert_no_error (error);
  return project;
}

static LinliProject *
import_osm (const char *path)
{
  LinliImportOptions options;
  g_autoptr (GError) error = NULL;
  LinliProject *project;

  linli_import_options_init (&options);
  project = linli_import_osm (path, &options, NULL, &error);
  g_assert_no_error (error);
  return project;
}

int
main (int    argc,
      char **argv)
{
  int buildings = 300000, runs = 5;
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "buildings", 0, 0, G_OPTION_ARG_INT, &buildings, "Buildings of the generated district", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each figure", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write the files here and keep them", "DIR" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autofree char *dir = NULL, *geojson = NULL, *osm = NULL, *gpkg = NULL;
  LinliGeneratorOptions opts;
  struct
  {
    const char *label;
    const char *note;
    ImportFunc  func;
    const char *path;
  } readers[4];
  double t0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  GDALAllRegister ();
  dir = keep ? g_strdup (keep) : g_dir_make_tmp ("linli-bench-import-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0755);
  geojson = g_build_filename (dir, "buildings.geojson", NULL);
  osm = g_build_filename (dir, "buildings.osm", NULL);
  gpkg = g_build_filename (dir, "buildings.gpkg", NULL);

  t0 = now_ms ();
  /* As `linli-tool generate --buildings N` with its defaults. */
  linli_generator_options_init (&opts);
  opts.seed = 1;
  opts.n_buildings = buildings;
  opts.center_lat = 30.2900;
  opts.center_lon = 120.1550;
  opts.lane_share = 0.25;
  project = linli_generate_district (&opts);
  write_sources (project, geojson, osm);
  g_remove (gpkg);
  write_geopackage (geojson, gpkg);
  {
    GStatBuf a, b, c;

    g_stat (geojson, &a);
    g_stat (gpkg, &b);
    g_stat (osm, &c);
    g_print ("# %u buildings; GeoJSON %.1f MB, GeoPackage %.1f MB, OSM XML %.1f MB; ready in %.0f ms\n",
             linli_project_get_n_buildings (project), a.st_size / 1e6, b.st_size / 1e6, c.st_size / 1e6,
             now_ms () - t0);
  }

  readers[0] = (typeof (readers[0])) { "geojson_linli", "Linli's reader (json-glib)", import_linli_geojson, geojson };
  readers[1] = (typeof (readers[0])) { "geojson_ogr", "OGR's GeoJSON driver", import_ogr, geojson };
  readers[2] = (typeof (readers[0])) { "gpkg_ogr", "OGR's GeoPackage driver", import_ogr, gpkg };
  readers[3] = (typeof (readers[0])) { "osm_linli", "Linli's streaming reader", import_osm, osm };
  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    {
      g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      guint n = 0;

      for (int k = 0; k < runs; k++)
        {
          double t = now_ms (), ms;
          g_autoptr (LinliProject) imported = readers[r].func (readers[r].path);

          ms = now_ms () - t;
          g_array_append_val (samples, ms);
          n = linli_project_get_n_buildings (imported);
        }
      g_print ("%-14s median_ms=%8.1f runs=%d buildings=%u  # %s\n", readers[r].label, linli_stats_median (samples),
               runs, n, readers[r].note);
    }
  if (keep == NULL)
    {
      g_remove (geojson);
      g_remove (osm);
      g_remove (gpkg);
      g_rmdir (dir);
    }
  return 0;
}
