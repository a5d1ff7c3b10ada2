/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import time and peak memory of the same footprints from GeoJSON (Linli's
 * own reader and OGR's), a GeoPackage (OGR) and OpenStreetMap XML (Linli's
 * streaming reader): the outlines of a district made as `linli-tool
 * generate --buildings N` makes it, written here in each format.  Each
 * import runs in a fresh child process (this program again, with
 * --reader), which reports its own peak resident memory (VmHWM of
 * /proc/self/status: the high-water mark of its address space, which
 * starts anew at exec).  getrusage's maxrss would not do: Linux carries
 * the parent's resident size at fork over the exec into the child's.  Prints medians side by side; run by hand,
 * never by `meson test`:
 *
 *   build/tests/bench-import [--buildings N] [--runs N] [--keep DIR]
 *   build/tests/bench-import --file FILE...   (both GeoJSON readers on each
 *                                               file: outcome, time, memory)
 */
#include "config.h"

#include "linli-generator.h"
#include "linli-import-ogr.h"
#include "linli-import.h"
#include "linli-stats.h"

#include <gdal_utils.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

typedef LinliProject *(*ImportFunc) (const char  *path,
                                     GError     **error);

static LinliProject *
import_linli_geojson (const char  *path,
                      GError     **error)
{
  LinliImportOptions options;

  linli_import_options_init (&options);
  return linli_import_geojson (path, &options, NULL, error);
}

static LinliProject *
import_ogr (const char  *path,
            GError     **error)
{
  LinliImportOptions options;
  LinliOgrOptions ogr;

  linli_import_options_init (&options);
  linli_ogr_options_init (&ogr);
  return linli_import_ogr (path, &ogr, &options, NULL, error);
}

static LinliProject *
import_osm (const char  *path,
            GError     **error)
{
  LinliImportOptions options;

  linli_import_options_init (&options);
  return linli_import_osm (path, &options, NULL, error);
}

/* Nothing read: the memory of the program itself, GDAL registered. */
static LinliProject *
import_nothing (const char  *path,
                GError     **error)
{
  return linli_project_new ();
}

static const struct
{
  const char *label;
  const char *note;
  ImportFunc  func;
} readers[] = {
  { "nothing", "the program alone, GDAL registered", import_nothing },
  { "geojson_linli", "Linli's reader (json-glib)", import_linli_geojson },
  { "geojson_ogr", "OGR's GeoJSON driver", import_ogr },
  { "gpkg_ogr", "OGR's GeoPackage driver", import_ogr },
  { "osm_linli", "Linli's streaming reader", import_osm },
};

/* The peak resident memory of this process since its exec, KiB. */
static long
peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmHWM:"), NULL, 10);
}

/* The child: imports @path with reader @r and prints "PEAK_KIB MS
 * BUILDINGS" on success or "PEAK_KIB error: MESSAGE" on stdout. */
static int
run_child (guint       r,
           const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  double t = now_ms (), ms;

  project = readers[r].func (path, &error);
  ms = now_ms () - t;
  if (project == NULL)
    {
      g_print ("%ld error: %s\n", peak_kib (), error->message);
      return 1;
    }
  g_print ("%ld %.3f %u\n", peak_kib (), ms, linli_project_get_n_buildings (project));
  return 0;
}

/* Runs this program again as a child reading @path with reader @r; its
 * output after the peak in @out, its peak resident memory in *peak. */
static gboolean
run_measured (const char  *self,
              guint        r,
              const char  *path,
              char       **out,
              long        *peak)
{
  g_autofree char *reader = g_strdup_printf ("--reader=%s", readers[r].label);
  const char *argv[] = { self, reader, path, NULL };
  g_autoptr (GString) text = g_string_new (NULL);
  int fds[2], status = 0;
  char *end;
  char buf[4096];
  ssize_t got;
  pid_t pid;

  if (pipe (fds) != 0)
    return FALSE;
  pid = fork ();
  if (pid == 0)
    {
      dup2 (fds[1], STDOUT_FILENO);
      close (fds[0]);
      close (fds[1]);
      execv (self, (char **) argv);
      _exit (127);
    }
  close (fds[1]);
  while ((got = read (fds[0], buf, sizeof buf)) > 0)
    g_string_append_len (text, buf, got);
  close (fds[0]);
  if (pid < 0 || waitpid (pid, &status, 0) != pid)
    return FALSE;
  g_strchomp (text->str);
  *peak = strtol (text->str, &end, 10);
  *out = g_strdup (g_strchug (end));
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Both GeoJSON readers on each given file, once: what they say, how long
 * they took and how much memory they held. */
static int
run_files (const char  *self,
           char       **files)
{
  for (guint f = 0; files[f] != NULL; f++)
    for (guint r = 1; r <= 2; r++)
      {
        g_autofree char *out = NULL;
        double t = now_ms ();
        long kib = 0;
        gboolean ok = run_measured (self, r, files[f], &out, &kib);
        char *newline = strchr (out ? out : "", '\n');

        if (newline != NULL)
          *newline = '\0';
        g_print ("%-14s %-3s wall_ms=%8.1f peak_mib=%7.1f  %s  # %s\n", readers[r].label, ok ? "ok" : "no",
                 now_ms () - t, kib / 1024.0, files[f], out ? out : "");
      }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  int buildings = 300000, runs = 5;
  g_autofree char *keep = NULL, *reader = NULL, *self = NULL;
  g_auto (GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "buildings", 0, 0, G_OPTION_ARG_INT, &buildings, "Buildings of the generated district", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each figure", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write the files here and keep them", "DIR" },
    { "file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, "Read this file with both GeoJSON readers", "FILE" },
    { "reader", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &reader, "Child: read with this reader", "NAME" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autofree char *dir = NULL, *geojson = NULL, *osm = NULL, *gpkg = NULL;
  LinliGeneratorOptions opts;
  const char *paths[G_N_ELEMENTS (readers)];
  double t0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  GDALAllRegister ();
  if (reader != NULL)
    {
      for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
        if (strcmp (readers[r].label, reader) == 0)
          return run_child (r, argc > 1 ? argv[1] : "");
      return 2;
    }
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (files != NULL)
    return run_files (self, files);
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

  paths[0] = geojson;
  paths[1] = geojson;
  paths[2] = geojson;
  paths[3] = gpkg;
  paths[4] = osm;
  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    {
      g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) peaks = g_array_new (FALSE, FALSE, sizeof (double));
      guint n = 0;

      for (int k = 0; k < runs; k++)
        {
          g_autofree char *out = NULL;
          long kib = 0;
          double ms, mib;

          if (!run_measured (self, r, paths[r], &out, &kib) || sscanf (out, "%lf %u", &ms, &n) != 2)
            {
              g_printerr ("%s: %s\n", readers[r].label, out ? out : "did not run");
              return 1;
            }
          mib = kib / 1024.0;
          g_array_append_val (samples, ms);
          g_array_append_val (peaks, mib);
        }
      g_print ("%-14s median_ms=%8.1f peak_mib=%7.1f runs=%d buildings=%u  # %s\n", readers[r].label,
               linli_stats_median (samples), linli_stats_median (peaks), runs, n, readers[r].note);
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
