/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "linli-coverage.h"
#include "linli-document.h"
#include "linli-figures.h"
#include "linli-file.h"
#include "linli-format.h"
#include "linli-generator.h"
#include "linli-number.h"
#include "linli-import.h"
#include "linli-painter.h"
#include "linli-walk.h"
#include "linli-plan-io.h"
#include "linli-plan-project.h"
#include "linli-stats.h"
#include "linli-tool-check.h"
#include "linli-tool-text.h"
#include "linli-tool-csv.h"
#include "linli-tool-export.h"
#include "linli-tool-gis.h"
#include "linli-tool-org.h"
#include "linli-tool-assign.h"
#include "linli-tool-units.h"
#include "linli-tool-boundaries.h"
#include "linli-tool-grid.h"
#include "linli-tool-scenario.h"
#include "linli-tool-sites.h"
#include "linli-grids.h"

/* Commands */

static int
cmd_generate (int    argc,
              char **argv)
{
  int seed = 1, buildings = 2500;
  double lane_share = 0.25;
  gboolean grids = FALSE, canal = FALSE, partners = FALSE;
  double lat = 30.2900, lon = 120.1550;  /* Hangzhou, Gongshu */
  g_autofree char *name = NULL, *out = NULL, *center = NULL;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (the same seed gives the same district)"), "N" },
    { "buildings", 0, 0, G_OPTION_ARG_INT, &buildings, N_("Approximate number of buildings"), "N" },
    { "center", 0, 0, G_OPTION_ARG_STRING, &center, N_("Centre of the district"), "LAT,LON" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the district"), "NAME" },
    { "lane-share", 0, 0, G_OPTION_ARG_DOUBLE, &lane_share,
      N_("Share of compounds of old low-rise lane houses, 0 to 1 (default 0.25)"), "F" },
    { "grids", 0, 0, G_OPTION_ARG_NONE, &grids,
      N_("Divide the communities into grids, leaving some without, as real data is"), NULL },
    { "canal", 0, 0, G_OPTION_ARG_NONE, &canal,
      N_("Lay a canal across the district, between two rows of communities"), NULL },
    { "partners", 0, 0, G_OPTION_ARG_NONE, &partners,
      N_("Add partner units with what they offer, the needs of places and a few services delivered"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("File to write"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("— make a synthetic district"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  LinliGeneratorOptions opts;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("linli-tool generate: %s\n", error->message);
      return 2;
    }
  if (out == NULL || buildings < 1 || buildings > 2000000)
    {
      g_printerr (_("linli-tool generate: give --out FILE and --buildings from 1 to 2000000\n"));
      return 2;
    }
  if (!(lane_share >= 0 && lane_share <= 1))
    {
      g_printerr (_("linli-tool generate: --lane-share must be from 0 to 1\n"));
      return 2;
    }
  if (center != NULL && (!linli_number_parse_pair (center, ',', &lat, &lon) || !linli_lat_lon_is_valid (lat, lon)))
    {
      g_printerr (_("linli-tool generate: --center must be LAT,LON\n"));
      return 2;
    }
  /* A district spreads up to a few hundred kilometres around its centre,
   * and must stay where the local projection measures it: away from the
   * poles and the 180° meridian. */
  if (center != NULL && (fabs (lat) > 60 || fabs (lon) > 170))
    {
      g_printerr (_("linli-tool generate: --center must lie within 60° of the equator and 170° of Greenwich, "
                    "so the district stays where distances can be measured\n"));
      return 2;
    }

  linli_generator_options_init (&opts);
  opts.seed = (guint32) seed;
  opts.n_buildings = buildings;
  opts.center_lat = lat;
  opts.center_lon = lon;
  opts.name = name;
  opts.lane_share = lane_share;
  opts.canal = canal;
  project = linli_generate_district (&opts);
  if (grids)
    linli_generator_add_grids (project, seed);
  if (partners)
    linli_generator_add_partners (project, seed);
  if (!linli_format_save_file (project, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  g_print (_("%s: %u communities, %u compounds, %u buildings, %u sites, %u grids\n"), out,
           linli_project_get_n_communities (project), linli_project_get_n_compounds (project),
           linli_project_get_n_buildings (project), linli_project_get_n_sites (project),
           linli_grids_get_n_grids (linli_project_get_grids (project)));
  return 0;
}

static void
print_totals (const char                *label,
              const LinliCoverageTotals *t)
{
  g_autofree char *padded = linli_tool_pad (label, 24);

  g_print ("%s %8u %8u %6.1f%% %10" G_GUINT64_FORMAT " %10" G_GUINT64_FORMAT " %6.1f%% %10"
           G_GUINT64_FORMAT " %6.1f%%\n",
           padded, t->buildings, t->buildings_covered,
           100 * linli_coverage_totals_share (t->buildings_covered, t->buildings),
           t->households, t->households_covered,
           100 * linli_coverage_totals_share (t->households_covered, t->households),
           t->residents_covered, 100 * linli_coverage_totals_share (t->residents_covered, t->residents));
}

static int
cmd_info (int    argc,
          char **argv)
{
  gboolean list_uncovered = FALSE;
  char *distance = NULL;
  GOptionEntry entries[] = {
    { "uncovered", 'u', 0, G_OPTION_ARG_NONE, &list_uncovered, N_("List the uncovered buildings"), NULL },
    { "distance", 'd', 0, G_OPTION_ARG_STRING, &distance,
      N_("Measure walks by “line” or “street” instead of the project's setting"), N_("RULE") },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("FILE — coverage figures of a project"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  LinliProject *project;
  const LinliCoverage *cov;
  const guint *uncovered;
  guint n_uncovered;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("linli-tool info: %s\n", error ? error->message : _("give one FILE"));
      return 2;
    }
  document = linli_document_new_for_path (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  project = linli_document_get_project (document);
  if (distance != NULL)
    {
      LinliDistance d;

      if (!linli_distance_from_string (distance, &d))
        {
          g_printerr (_("linli-tool info: --distance must be line or street\n"));
          g_free (distance);
          return 2;
        }
      linli_project_set_distance (project, d);
      g_free (distance);
    }
  cov = linli_document_get_coverage (document);
  g_print (_("%s: %u communities, %u compounds, %u buildings, %u sites; "
             "coverage radius %.0f m (%.0f min at %.1f km/h, %s)\n"),
           linli_project_get_name (project), linli_project_get_n_communities (project),
           linli_project_get_n_compounds (project), linli_project_get_n_buildings (project),
           linli_project_get_n_sites (project), linli_coverage_get_radius (cov),
           linli_project_get_walk_minutes (project), linli_project_get_walk_speed (project),
           linli_coverage_get_distance (cov) == LINLI_DISTANCE_STREET ? _("along streets")
                                                                     : _("straight line"));
  {
    guint64 members = 0;
    guint n_unknown = 0, n_estimated = 0, n_buildings = linli_project_get_n_buildings (project);
    g_autofree char *text = NULL;

    /* Party members the data did not give are told unknown, not none, and
     * estimated households are told estimated. */
    for (guint i = 0; i < n_buildings; i++)
      {
        const LinliBuilding *b = linli_project_get_building (project, i);

        members += b->party_members;
        n_unknown += (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN) != 0;
        n_estimated += (b->flags & LINLI_BUILDING_ESTIMATED) != 0;
      }
    text = linli_format_members (members, n_unknown, n_buildings);
    g_print (_("Party members: %s\n"), text);
    if (n_estimated > 0)
      g_print (g_dngettext (GETTEXT_PACKAGE, "Households and residents estimated for %u building\n",
                            "Households and residents estimated for %u buildings\n", n_estimated),
               n_estimated);
  }
  if (linli_project_has_tier_reaches (project))
    {
      g_autofree char *rule = linli_project_describe_reach (project, linli_coverage_get_distance (cov));

      /* Translators: each tier's reach, when they have their own */
      g_print (_("Reach by tier: %s\n"), rule);
    }
  if (linli_project_has_streets (project))
    {
      const LinliStreets *streets = linli_project_get_streets (project);
      LinliWalk *walk = linli_document_get_walk (document);
      double km = linli_streets_get_length (streets) / 1000;   /* as the import reported it */

      g_print (_("streets: %u ways, %u nodes, %.1f km; %u buildings farther than %.0f m from any street\n"),
               linli_streets_get_n_ways (streets), linli_streets_get_n_nodes (streets), km,
               linli_walk_get_n_unreachable (walk), LINLI_WALK_MAX_SNAP);
      if (linli_coverage_get_distance (cov) == LINLI_DISTANCE_STREET)
        {
          const LinliCoverage *line = linli_document_get_line_coverage (document);
          guint64 by_line = linli_coverage_get_district (line)->households_covered;
          guint64 by_street = linli_coverage_get_district (cov)->households_covered;

          g_autofree char *gap = g_strdup_printf ("%" G_GUINT64_FORMAT, by_line - by_street);

          g_print (_("covered by circle but not along streets: %s households\n"), gap);
        }
    }
  /* Translators: column headings of linli-tool info's table; keep them short */
  {
    const char *headings[] = { _("bldgs"), _("covered"), "", _("households"), _("covered"), "", _("residents"), "" };
    const guint widths[] = { 8, 8, 7, 10, 10, 7, 10, 7 };
    g_autofree char *first = linli_tool_pad (_("community"), 24);

    g_print ("%s", first);
    /* Right-aligned, as the numbers below them. */
    for (guint h = 0; h < G_N_ELEMENTS (headings); h++)
      {
        guint width = linli_tool_display_width (headings[h]);
        g_autofree char *spaces = g_strnfill (widths[h] > width ? widths[h] - width : 0, ' ');

        g_print (" %s%s", spaces, headings[h]);
      }
    g_print ("\n");
  }
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    {
      const LinliCommunity *community = linli_project_get_community (project, c);

      /* By name, as planners know it; by id when it has none. */
      print_totals (community->name != NULL && community->name[0] != '\0' ? community->name : community->id,
                    linli_coverage_get_community (cov, c));
    }
  /* Translators: the last row of linli-tool info's table, the whole district */
  print_totals (_("district"), linli_coverage_get_district (cov));

  uncovered = linli_coverage_get_uncovered (cov, &n_uncovered);
  if (list_uncovered)
    for (guint i = 0; i < n_uncovered; i++)
      {
        const LinliBuilding *b = linli_project_get_building (project, uncovered[i]);
        g_print ("uncovered %s %s households=%u%s\n", b->id, b->name, b->households,
                 b->flags & LINLI_BUILDING_ESTIMATED ? " estimated" : "");
      }
  return 0;
}

static int
cmd_validate (int    argc,
              char **argv)
{
  int status = 0;

  if (argc < 2)
    {
      g_printerr (_("linli-tool validate: give one or more FILEs\n"));
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (LinliProject) project = linli_format_load_file (argv[i], &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      if (project == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = 1;
        }
      else
        g_print (_("%s: valid, %u buildings, %u sites, read in %.1f ms\n"), argv[i],
                 linli_project_get_n_buildings (project), linli_project_get_n_sites (project), ms);
    }
  return status;
}


/* Benchmarks */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

typedef struct
{
  const char *name;
  GArray     *samples;
  const char *extra;
} Figure;

static int
cmd_bench (int    argc,
           char **argv)
{
  int runs = 5;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, N_("Runs per figure (at least 5 for a median worth quoting)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("FILE — time opening, saving and coverage updates"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  LinliProject *project;
  LinliWalk *walk = NULL;
  g_autoptr (GRand) rng = g_rand_new_with_seed (1);
  g_autofree char *tmpdir = NULL, *tmpfile = NULL;
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  Figure figures[] = {
    { "open", g_array_new (FALSE, FALSE, sizeof (double)), N_("parse, validate and index") },
    { "xmllint_stream", g_array_new (FALSE, FALSE, sizeof (double)), N_("xmllint --stream --noout, for scale") },
    { "save", g_array_new (FALSE, FALSE, sizeof (double)), N_("atomic, streamed") },
    { "coverage_update", g_array_new (FALSE, FALSE, sizeof (double)), N_("one site moved about 100 m") },
    { "coverage_full", g_array_new (FALSE, FALSE, sizeof (double)), N_("recompute from scratch") },
  };
  double rss = NAN;
  guint n_counting = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("linli-tool bench: %s\n", error ? error->message : _("give one FILE"));
      return 2;
    }

  for (int r = 0; r < runs; r++)
    {
      g_autoptr (LinliDocument) d = NULL;
      double t0 = now_ms ();

      d = linli_document_new_for_path (argv[1], &error);
      if (d == NULL)
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 1;
        }
      g_array_append_vals (figures[0].samples, (double[]) { now_ms () - t0 }, 1);
      if (r == 0)
        {
          rss = linli_stats_resident_mib ();
          document = g_steal_pointer (&d);
        }
    }

  project = linli_document_get_project (document);
  if (linli_project_get_distance (project) == LINLI_DISTANCE_STREET)
    walk = linli_document_get_walk (document);

  if (xmllint != NULL)
    for (int r = 0; r < runs; r++)
      {
        const char *args[] = { xmllint, "--stream", "--noout", argv[1], NULL };
        double t0 = now_ms ();
        int status = 0;

        if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                           &status, NULL))
          break;
        g_array_append_vals (figures[1].samples, (double[]) { now_ms () - t0 }, 1);
      }

  tmpdir = g_dir_make_tmp ("linli-bench-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  tmpfile = g_build_filename (tmpdir, "bench.linli", NULL);
  for (int r = 0; r < runs; r++)
    {
      double t0 = now_ms ();

      if (!linli_format_save_file (project, tmpfile, &error))
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 1;
        }
      g_array_append_vals (figures[2].samples, (double[]) { now_ms () - t0 }, 1);
    }
  g_unlink (tmpfile);
  g_rmdir (tmpdir);

  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    n_counting += linli_site_counts_for_coverage (linli_project_get_site (project, s));
  if (n_counting > 0)
    for (int r = 0; r < runs * 20; r++)
      {
        const LinliProjection *proj = linli_project_get_projection (project);
        LinliSite *site;
        double x, y, lat, lon, t0;

        do
          site = linli_project_get_site (project, g_rand_int_range (rng, 0, linli_project_get_n_sites (project)));
        while (!linli_site_counts_for_coverage (site));
        linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
        linli_projection_inverse (proj, x + g_rand_double_range (rng, -100, 100),
                                  y + g_rand_double_range (rng, -100, 100), &lat, &lon);
        /* The document follows the move at once. */
        t0 = now_ms ();
        linli_site_set_position (site, lat, lon);
        g_array_append_vals (figures[3].samples, (double[]) { now_ms () - t0 }, 1);
      }
  for (int r = 0; r < runs; r++)
    {
      double t0 = now_ms ();
      g_autoptr (LinliCoverage) c = linli_coverage_compute (project, walk);

      g_array_append_vals (figures[4].samples, (double[]) { now_ms () - t0 }, 1);
    }

  if (json)
    {
      g_print ("{\n  \"file\": \"%s\",\n  \"buildings\": %u,\n  \"sites\": %u,\n",
               argv[1], linli_project_get_n_buildings (project), linli_project_get_n_sites (project));
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        if (figures[f].samples->len > 0)
          g_print ("  \"%s\": { \"median_ms\": %.2f, \"runs\": %u },\n", figures[f].name,
                   linli_stats_median (figures[f].samples), figures[f].samples->len);
      g_print ("  \"rss_after_open_mib\": %.1f,\n", rss);
      g_print ("  \"peak_rss_mib\": %.1f\n}\n", linli_stats_peak_resident_mib ());
    }
  else
    {
      /* The lines are key=value for scripts; what follows a # is for people. */
      g_print (_("# %s: %u buildings, %u sites\n"), argv[1], linli_project_get_n_buildings (project),
               linli_project_get_n_sites (project));
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        if (figures[f].samples->len > 0)
          g_print ("%-16s median_ms=%.2f runs=%u  # %s\n", figures[f].name, linli_stats_median (figures[f].samples),
                   figures[f].samples->len, _(figures[f].extra));
      if (figures[1].samples->len > 0)
        g_print ("open_vs_xmllint  ratio=%.2f\n", linli_stats_median (figures[0].samples) / linli_stats_median (figures[1].samples));
      g_print ("rss_after_open   mib=%.1f\n", rss);
      /* What the whole run needed, as getrusage() and time -v count it. */
      g_print ("peak_rss         mib=%.1f  # %s\n", linli_stats_peak_resident_mib (),
               _("the process's peak resident memory (getrusage)"));
    }
  for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
    g_array_unref (figures[f].samples);
  return 0;
}

/* Import */

static int
cmd_import (int    argc,
            char **argv)
{
  g_autofree char *geojson = NULL, *osm = NULL, *streets = NULL, *pois = NULL;
  g_autofree char *out = NULL, *crs_name = NULL, *name = NULL;
  double m2 = 90, per_household = 2.6, tolerance = 2.0;
  gboolean add_sites = FALSE;
  GOptionEntry entries[] = {
    { "osm", 0, 0, G_OPTION_ARG_FILENAME, &osm, N_("OpenStreetMap XML: buildings, walkable ways and service positions"), "FILE" },
    { "geojson", 0, 0, G_OPTION_ARG_FILENAME, &geojson, N_("GeoJSON buildings (polygons or points)"), "FILE" },
    { "streets", 0, 0, G_OPTION_ARG_FILENAME, &streets, N_("GeoJSON walkable lines, beside --geojson"), "FILE" },
    { "pois", 0, 0, G_OPTION_ARG_FILENAME, &pois, N_("GeoJSON points of interest, beside --geojson"), "FILE" },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_name, N_("Coordinates of the GeoJSON files: wgs84 (default), gcj02 or cgcs2000"), "CRS" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the district"), "NAME" },
    { "m2-per-household", 0, 0, G_OPTION_ARG_DOUBLE, &m2, N_("Floor area per household for estimates (default 90 m²)"), "M2" },
    { "residents-per-household", 0, 0, G_OPTION_ARG_DOUBLE, &per_household, N_("Residents per household for estimates (default 2.6)"), "N" },
    { "join-tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance, N_("Join street ends and nodes this close (default 2 m; 0: do not)"), "METRES" },
    { "add-suggested-sites", 0, 0, G_OPTION_ARG_NONE, &add_sites, N_("Add the service positions found as existing sites"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Project file to write"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("— make a project from OpenStreetMap or GeoJSON data"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;

  /* GIS files (linli-tool-gis.c) and building lists (linli-tool-csv.c)
   * have their own options. */
  if (linli_tool_gis_wanted (argc, argv))
    return linli_tool_import_gis (argc, argv);
  if (linli_tool_csv_wanted (argc, argv))
    return linli_tool_import_csv (argc, argv);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || out == NULL || (osm == NULL) == (geojson == NULL) ||
      (osm != NULL && (streets != NULL || pois != NULL)))
    {
      g_printerr ("linli-tool import: %s\n",
                  error ? error->message : _("give --osm FILE or --geojson FILE [--streets FILE] [--pois FILE], and --out FILE"));
      return 2;
    }
  linli_import_options_init (&opts);
  if (crs_name != NULL && !linli_crs_from_string (crs_name, &opts.crs))
    {
      g_printerr (_("linli-tool import: --crs must be wgs84, gcj02 or cgcs2000\n"));
      return 2;
    }
  if (!(m2 > 0) || !(per_household > 0) || !(tolerance >= 0 && tolerance <= 100))
    {
      g_printerr (_("linli-tool import: the estimate parameters must be above 0 and the join tolerance from 0 to 100 m\n"));
      return 2;
    }
  opts.name = name;
  opts.m2_per_household = m2;
  opts.residents_per_household = per_household;
  opts.streets_path = streets;
  opts.pois_path = pois;
  opts.join_tolerance = tolerance;
  opts.add_suggested_sites = add_sites;
  project = osm ? linli_import_osm (osm, &opts, &report, &error) : linli_import_geojson (geojson, &opts, &report, &error);
  if (project == NULL || !linli_format_save_file (project, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }

  g_print (_("%s: %u features read\n"), out, report.features);
  g_print (_("buildings:   %u imported, households estimated for %u (%u not residential by type), "
             "%u building parts and %u other features skipped\n"),
           report.buildings, report.estimated, report.not_residential, report.building_parts, report.skipped);
  if (osm != NULL)
    g_print (_("             %u outlines not closed; %u references to nodes or ways not in the file, "
               "%u ways or relations dropped for them\n"), report.unclosed, report.missing_refs, report.incomplete);
  if (report.repaired > 0 || report.degenerate > 0)
    g_print (_("             %u outlines crossing themselves replaced by their convex hull; "
               "%u outlines with no area dropped, their features kept as points\n"),
             report.repaired, report.degenerate);
  g_print (_("streets:     %u ways, %u nodes, %.1f km; %u joins made\n"),
           report.street_ways, report.street_nodes, report.street_km, report.street_joins);
  if (report.water_lines + report.water_areas + report.water_skipped > 0)
    g_print (_("water:       %u waterways, %u water areas; %u skipped (unclosed, incomplete, no area, "
               "or more than 2 km from the rest)\n"),
             report.water_lines, report.water_areas, report.water_skipped);
  g_print (g_dngettext (GETTEXT_PACKAGE, "suggestions: %u service position found", "suggestions: %u service positions found",
                        report.suggestions->len), report.suggestions->len);
  g_print ("%s\n", report.suggestions->len == 0 ? "" : add_sites ? _(", added as existing sites")
                                                                 : _(" (--add-suggested-sites adds them)"));
  for (guint i = 0; i < MIN (report.suggestions->len, 20); i++)
    {
      LinliSite *site = g_ptr_array_index (report.suggestions, i);

      g_print ("  %-13s %.6f,%.6f  %s — %s\n", linli_site_tier_to_string (linli_site_get_tier (site)),
               linli_site_get_lat (site), linli_site_get_lon (site), linli_site_get_name (site),
               linli_site_get_extra_services (site));
    }
  if (report.suggestions->len > 20)
    g_print (_("  … and %u more\n"), report.suggestions->len - 20);
  return 0;
}

static int
cmd_add_streets (int    argc,
                 char **argv)
{
  g_autofree char *in = NULL, *from = NULL, *out = NULL, *crs_name = NULL;
  double tolerance = 2;
  GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &in, N_("The project to give streets"), "FILE" },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("OpenStreetMap XML or GeoJSON with the walkable ways"), "FILE" },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_name, N_("Coordinates of a GeoJSON file: wgs84 (default), gcj02 or cgcs2000"), "CRS" },
    { "join-tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance, N_("Join street ends and nodes closer than this (default 2 m)"), "METRES" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Where to save the project with its streets"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("— replace a project's streets with those of a file"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) result = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions opts;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 1 || in == NULL || from == NULL || out == NULL)
    {
      g_printerr ("linli-tool add-streets: %s\n", error ? error->message : _("give --project, --from and --out"));
      return 2;
    }
  linli_import_options_init (&opts);
  if (crs_name != NULL && !linli_crs_from_string (crs_name, &opts.crs))
    {
      g_printerr (_("linli-tool add-streets: --crs must be wgs84, gcj02 or cgcs2000\n"));
      return 2;
    }
  if (!(tolerance >= 0 && tolerance <= 100))
    {
      g_printerr (_("linli-tool add-streets: --join-tolerance must be from 0 to 100 m\n"));
      return 2;
    }
  opts.join_tolerance = tolerance;
  project = linli_format_load_file (in, &error);
  if (project != NULL)
    result = linli_import_streets_into (project, from, &opts, &report, &error);
  if (result == NULL || !linli_format_save_file (result, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  g_print (_("%s: streets %u ways, %u nodes, %.1f km (%u joins made), in place of %u ways\n"), out,
           report.street_ways, report.street_nodes, report.street_km, report.street_joins,
           linli_streets_get_n_ways (linli_project_get_streets (project)));
  return 0;
}

/* Planning */

static void
plan_progress_cb (double      fraction,
                  const char *message,
                  gpointer    user_data)
{
  gboolean *verbose = user_data;

  if (*verbose)
    g_printerr ("\r%5.1f %% %s   ", 100 * fraction, message ? message : "");
}

static int
cmd_plan (int    argc,
          char **argv)
{
  /* GOption does not free an option's default when the option is given. */
  g_autofree char *problem_name = NULL;
  g_autofree char *service_name = NULL;
  LinliServices service = 0;
  gboolean by_reach = FALSE;
  g_autofree char *out_path = NULL, *lp_path = NULL, *demand = NULL, *candidates = NULL, *costs = NULL;
  g_auto (GStrv) require = NULL, forbid = NULL;
  int k = -1, seed = 1;
  gint64 node_limit = 0;
  gboolean no_split = FALSE;
  double target = 0.95, radius = -1, budget = -1, max_distance = -1, time_limit = 60, gap = 1e-6;
  gboolean json = FALSE, capacitated = FALSE, use_costs = FALSE, verbose = FALSE;
  GOptionEntry entries[] = {
    { "problem", 'p', 0, G_OPTION_ARG_STRING, &problem_name, N_("mclp (most covered), lscp (fewest sites for a target) or pmedian (shortest mean walk)"), "NAME" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("New sites to choose (mclp, pmedian)"), "N" },
    { "target", 0, 0, G_OPTION_ARG_DOUBLE, &target, N_("Share of households to cover (lscp), default 0.95"), "SHARE" },
    { "budget", 0, 0, G_OPTION_ARG_DOUBLE, &budget, N_("Cost limit of the new sites"), "YUAN" },
    { "radius", 'r', 0, G_OPTION_ARG_DOUBLE, &radius, N_("Coverage distance (default: the project's walking rule)"), "METRES" },
    { "max-distance", 0, 0, G_OPTION_ARG_DOUBLE, &max_distance, N_("Longest distance considered; beyond it a household counts as unreached (default: 3 × radius)"), "METRES" },
    { "require", 0, 0, G_OPTION_ARG_STRING_ARRAY, &require, N_("A candidate every plan must open (site or candidate id; repeatable)"), "ID" },
    { "forbid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &forbid, N_("A candidate no plan may open (repeatable)"), "ID" },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service_name, N_("Plan for one service (childcare, elderly, health, food, leisure, affairs): only sites offering it count or may be opened"), "NAME" },
    { "capacitated", 0, 0, G_OPTION_ARG_NONE, &capacitated, N_("Each site serves at most its capacity (mclp)"), NULL },
    { "use-costs", 0, 0, G_OPTION_ARG_NONE, &use_costs, N_("Least total cost instead of fewest sites (lscp)"), NULL },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit, N_("Seconds to search at most"), "S" },
    { "node-limit", 0, 0, G_OPTION_ARG_INT64, &node_limit, N_("Branch-and-bound nodes to explore at most; the bound stays proven (default: no limit)"), "N" },
    { "no-split", 0, 0, G_OPTION_ARG_NONE, &no_split, N_("Do not solve independent parts of the instance on their own (to compare)"), NULL },
    { "gap", 0, 0, G_OPTION_ARG_DOUBLE, &gap, N_("Stop when proven within this fraction of the best, e.g. 0.01"), "FRACTION" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (the same seed gives the same plan)"), "N" },
    { "demand", 0, 0, G_OPTION_ARG_FILENAME, &demand, N_("CSV instance: demand points (id,weight)"), "FILE" },
    { "candidates", 0, 0, G_OPTION_ARG_FILENAME, &candidates, N_("CSV instance: candidates (id,cost,state[,capacity])"), "FILE" },
    { "costs", 0, 0, G_OPTION_ARG_FILENAME, &costs, N_("CSV instance: demand_id,candidate_id,cost"), "FILE" },
    { "export-lp", 0, 0, G_OPTION_ARG_FILENAME, &lp_path, N_("Also write the instance as a MIP in CPLEX LP format"), "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write the report to FILE"), "FILE" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Show progress"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("[FILE.linli] — propose new service sites, with a proven bound"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  LinliProject *project = NULL;
  g_autoptr (LinliPlanInstance) instance = NULL;
  g_autoptr (LinliPlanResult) result = NULL;
  g_autoptr (GPtrArray) demand_names = NULL;
  g_autoptr (GPtrArray) candidate_names = NULL;
  g_autofree char *report = NULL;
  LinliPlanOptions opts;
  /* The solve's own time leaves out reading the instance and writing the
   * LP: the command's time is what a stopwatch outside sees.
   */
  gint64 command_start = g_get_monotonic_time ();
  double lp_seconds = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("linli-tool plan: %s\n", error->message);
      return 2;
    }
  linli_plan_options_init (&opts);
  if (!linli_plan_problem_from_string (problem_name != NULL ? problem_name : "mclp", &opts.problem))
    {
      g_printerr (_("linli-tool plan: --problem must be mclp, lscp or pmedian\n"));
      return 2;
    }

  if (argc == 2 && demand == NULL)
    {
      document = linli_document_new_for_path (argv[1], &error);
      if (document == NULL)
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 1;
        }
      /* Each site covers by its own tier's reach unless a radius is given. */
      by_reach = radius < 0 && opts.problem != LINLI_PLAN_PMEDIAN;
      project = linli_document_get_project (document);
      if (service_name != NULL && !linli_service_from_string (service_name, &service))
        {
          g_printerr (_("linli-tool plan: --service must be childcare, elderly, health, food, leisure or affairs\n"));
          return 2;
        }
      if (radius < 0)
        radius = linli_project_get_coverage_radius (project);
      if (max_distance < 0)
        max_distance = 3 * radius;
      instance = linli_plan_instance_new_from_project_full (project, linli_document_get_walk (document),
                                                            MAX (max_distance, radius), by_reach, service);
      if (linli_plan_instance_count_openable (instance) == 0 && require == NULL)
        {
          g_printerr (_("linli-tool plan: there are no candidate sites to choose from (offering the service "
                        "asked for, if any): add candidate sites before planning\n"));
          return 1;
        }
      demand_names = g_ptr_array_new_with_free_func (g_free);
      candidate_names = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        g_ptr_array_add (demand_names, g_strdup (linli_project_get_building (project, i)->id));
      for (guint j = 0; j < linli_project_get_n_sites (project); j++)
        {
          LinliSite *site = linli_project_get_site (project, j);
          g_ptr_array_add (candidate_names, g_strdup_printf ("%s (%s)", linli_site_get_name (site),
                                                             linli_site_get_id (site)));
        }
    }
  else if (argc == 1 && demand != NULL && candidates != NULL && costs != NULL)
    {
      if (radius < 0)
        {
          g_printerr (_("linli-tool plan: a CSV instance needs --radius\n"));
          return 2;
        }
      instance = linli_plan_read_csv (demand, candidates, costs, &demand_names, &candidate_names, &error);
      if (instance == NULL)
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 1;
        }
      /* The same reach as for a project: without it the longest listed cost
       * would be the distance of unreached demand in p-median. */
      if (max_distance < 0)
        max_distance = 3 * radius;
      linli_plan_instance_set_max_distance (instance, MAX (max_distance, radius));
    }
  else
    {
      g_printerr (_("linli-tool plan: give a project FILE, or --demand, --candidates and --costs\n"));
      return 2;
    }

  /* Required and forbidden candidates, by id. */
  for (int pass = 0; pass < 2; pass++)
    for (char **id = pass == 0 ? require : forbid; id != NULL && *id != NULL; id++)
      {
        guint j = 0;

        if (project != NULL)
          {
            if (linli_project_find_site (project, *id, &j) == NULL)
              j = G_MAXUINT;
          }
        else
          {
            for (j = 0; j < candidate_names->len; j++)
              if (g_str_equal (g_ptr_array_index (candidate_names, j), *id))
                break;
            if (j == candidate_names->len)
              j = G_MAXUINT;
          }
        if (j == G_MAXUINT || linli_plan_instance_get_state (instance, j) != LINLI_PLAN_CANDIDATE)
          {
            g_printerr (_("linli-tool plan: “%s” is not a candidate\n"), *id);
            return 2;
          }
        linli_plan_instance_set_state (instance, j, pass == 0 ? LINLI_PLAN_REQUIRED : LINLI_PLAN_FORBIDDEN);
      }

  opts.k = k;
  opts.budget = budget;
  opts.target_share = target;
  opts.radius = radius;
  opts.capacitated = capacitated;
  opts.use_costs = use_costs;
  opts.time_limit = time_limit;
  opts.gap_tolerance = gap;
  opts.node_limit = (guint64) MAX (node_limit, 0);
  opts.split = !no_split;
  opts.seed = (guint32) seed;
  if ((opts.problem != LINLI_PLAN_LSCP && k < 0 && budget < 0) ||
      (opts.problem == LINLI_PLAN_LSCP && !(target > 0 && target <= 1)))
    {
      g_printerr (_("linli-tool plan: give --k or --budget (mclp, pmedian), and a --target from 0 to 1 (lscp)\n"));
      return 2;
    }

  if (lp_path != NULL)
    {
      gint64 t0 = g_get_monotonic_time ();

      if (!linli_plan_write_lp (instance, &opts, lp_path, &error))
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 1;
        }
      lp_seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
    }

  result = linli_plan_solve (instance, &opts, NULL, plan_progress_cb, &verbose, &error);
  if (verbose)
    g_printerr ("\n");
  if (result == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  report = json ? linli_plan_report_json (instance, result, candidate_names, demand_names)
                : linli_plan_report_text (instance, result, candidate_names, demand_names);
  /* Say how distances were measured, for a project; a CSV instance brings its own. */
  if (!json && project != NULL)
    {
      gboolean by_street = linli_project_get_distance (project) == LINLI_DISTANCE_STREET &&
                           linli_project_has_streets (project);
      g_autofree char *rule = g_strdup_printf (by_street ? _("Distances: walks along streets, reach %.0f m\n")
                                                         : _("Distances: straight line, reach %.0f m\n"),
                                               radius);
      g_autofree char *full = g_strconcat (rule, report, NULL);

      g_free (report);
      report = g_steal_pointer (&full);
    }
  {
    double total = (g_get_monotonic_time () - command_start) / (double) G_USEC_PER_SEC;
    double peak = linli_stats_peak_resident_mib ();
    g_autofree char *full = NULL;

    if (json)
      {
        /* The report is one object: the command's figures go inside it. */
        gsize len = strlen (report);
        char num[3][G_ASCII_DTOSTR_BUF_SIZE];

        while (len > 0 && (report[len - 1] == '\n' || report[len - 1] == '}'))
          len--;
        full = g_strdup_printf ("%.*s,\n  \"command_seconds\": %s,\n  \"lp_seconds\": %s,\n"
                                "  \"peak_rss_mib\": %s\n}\n", (int) len, report,
                                g_ascii_formatd (num[0], sizeof num[0], "%.3f", total),
                                g_ascii_formatd (num[1], sizeof num[1], "%.3f", lp_seconds),
                                g_ascii_formatd (num[2], sizeof num[2], "%.1f", isfinite (peak) ? peak : 0));
      }
    else
      {
        /* Under the solve's own time, on the line after the objective. */
        const char *objective = strstr (report, _("Objective:"));
        const char *eol = objective != NULL ? strchr (objective, '\n') : NULL;
        gsize at = eol != NULL ? (gsize) (eol + 1 - report) : strlen (report);
        g_autofree char *line = NULL;

        if (lp_path != NULL)
          line = g_strdup_printf (_("Command: %.3f s in all (solve %.3f s, LP written in %.3f s), "
                                    "peak memory %.0f MiB\n"), total, result->elapsed, lp_seconds, peak);
        else
          line = g_strdup_printf (_("Command: %.3f s in all (solve %.3f s), peak memory %.0f MiB\n"),
                                  total, result->elapsed, peak);
        full = g_strdup_printf ("%.*s%s%s", (int) at, report, line, report + at);
      }
    g_free (report);
    report = g_steal_pointer (&full);
  }
  if (out_path != NULL)
    {
      if (!linli_file_set_contents (out_path, report, strlen (report), &error))
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 1;
        }
    }
  else
    g_print ("%s", report);
  return 0;
}

static int
cmd_render (int    argc,
            char **argv)
{
  g_autofree char *out = NULL, *size = NULL, *center = NULL;
  double zoom = NAN;
  gboolean legend = TRUE, no_legend = FALSE, scale_bar = TRUE, no_scale_bar = FALSE;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Image to write: a name ending in .png or .pdf"), "FILE" },
    { "size", 's', 0, G_OPTION_ARG_STRING, &size, N_("Size in pixels (PDF: points), default 1280x800"), "WxH" },
    { "center", 0, 0, G_OPTION_ARG_STRING, &center, N_("Centre of the view (default: the middle of the data)"), "LAT,LON" },
    { "zoom", 'z', 0, G_OPTION_ARG_DOUBLE, &zoom, N_("Web Mercator zoom level, 1 to 22 (default: the data fits)"), "Z" },
    { "legend", 0, 0, G_OPTION_ARG_NONE, &legend, N_("Draw the legend (the default)"), NULL },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &no_legend, N_("Leave the legend out"), NULL },
    { "no-scale-bar", 0, 0, G_OPTION_ARG_NONE, &no_scale_bar, N_("Leave the scale bar out"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("FILE — draw a project's map to PNG or PDF, with no display"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  g_autoptr (LinliPainter) painter = NULL;
  LinliProject *project;
  LinliMapView view;
  double min_lat, min_lon, max_lat, max_lon, lat = NAN, lon = NAN;
  int width = 1280, height = 800;
  double w, h;
  gboolean ok;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("linli-tool render: %s\n", error ? error->message : _("give one FILE"));
      return 2;
    }
  if (out == NULL)
    {
      g_printerr (_("linli-tool render: give --out FILE.png or FILE.pdf\n"));
      return 2;
    }
  if (size != NULL && (!linli_number_parse_pair (size, 'x', &w, &h) || w != floor (w) || h != floor (h) ||
                       (width = (int) CLAMP (w, 0, G_MAXINT)) < 1 || (height = (int) CLAMP (h, 0, G_MAXINT)) < 1 ||
                       width > LINLI_RENDER_MAX_SIDE || height > LINLI_RENDER_MAX_SIDE))
    {
      g_printerr (_("linli-tool render: --size must be WxH, each from 1 to %d\n"), LINLI_RENDER_MAX_SIDE);
      return 2;
    }
  if (center != NULL && (!linli_number_parse_pair (center, ',', &lat, &lon) || !linli_lat_lon_is_valid (lat, lon)))
    {
      g_printerr (_("linli-tool render: --center must be LAT,LON\n"));
      return 2;
    }
  if (!isnan (zoom) && !(zoom >= 1 && zoom <= 22))
    {
      g_printerr (_("linli-tool render: --zoom must be from 1 to 22\n"));
      return 2;
    }
  scale_bar = !no_scale_bar;
  legend = !no_legend;

  document = linli_document_new_for_path (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  project = linli_document_get_project (document);
  /* The painter draws the document as the window does: coverage by the
   * project's rule, streets coloured by the walk to the nearest site. */
  painter = linli_painter_new ();
  linli_painter_set_document (painter, document);
  linli_painter_set_show_legend (painter, legend);
  linli_painter_set_show_scale_bar (painter, scale_bar);
  linli_painter_set_attribution (painter, linli_project_get_attribution (project));

  /* The data fits, unless a centre or zoom says otherwise. */
  if (linli_painter_get_bounds (painter, &min_lat, &min_lon, &max_lat, &max_lon))
    linli_map_view_fit (&view, min_lat, min_lon, max_lat, max_lon, width, height, 32);
  else
    linli_map_view_init (&view, 0, 0, 3, width, height);
  if (center != NULL)
    {
      view.center_lat = lat;
      view.center_lon = lon;
    }
  if (!isnan (zoom))
    view.zoom = zoom;

  ok = linli_painter_save (painter, &view, out, &error);
  g_clear_object (&painter);
  g_clear_object (&document);
  linli_render_free_caches ();
  if (!ok)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  return 0;
}

static const struct
{
  const char *name;
  int (*run) (int, char **);
  const char *summary;
} commands[] = {
  { "generate", cmd_generate, N_("Make a synthetic district, deterministic from a seed") },
  { "info", cmd_info, N_("Print a project's coverage figures") },
  { "validate", cmd_validate, N_("Check project files, reporting file, line and reason") },
  { "bench", cmd_bench, N_("Time opening, saving and coverage updates (medians)") },
  { "import", cmd_import, N_("Make a project from OpenStreetMap XML, GeoJSON, a building list or a GIS file: buildings, streets, service positions") },
  { "add-streets", cmd_add_streets, N_("Replace a project's streets with the walkable ways of an OpenStreetMap or GeoJSON file") },
  { "boundaries", linli_tool_boundaries, N_("Give a project's communities and compounds the boundaries of a GeoJSON or OpenStreetMap file, matched by name or by their buildings") },
  { "join", linli_tool_join_csv, N_("Fill in a project's buildings from a CSV building list (households, residents, party members)") },
  { "render", cmd_render, N_("Draw a project's map to a PNG or PDF file, with no display") },
  { "export", linli_tool_export, N_("Write the report on a project: PDF or PNG pages, an Excel workbook or CSV tables") },
  { "org", linli_tool_org, N_("Add committees, branches, party groups or member households from a CSV list (org import)") },
  { "check", linli_tool_check, N_("Report holes in the party organisation chain and how far it reaches; exit status 1 when there are any") },
  { "plan", cmd_plan, N_("Propose new sites: maximal covering, set covering or p-median, with a proven bound") },
  { "grid", linli_tool_grid, N_("Divide a community into grids of 300–500 households (grid propose)") },
  { "scenario", linli_tool_scenario, N_("List scenarios, compare two, or make one from a plan") },
  { "assign", linli_tool_assign, N_("Assign partner units to the needs of places: most priority-weighted need met, then least distance, and why the rest stays unmet") },
  { "sites", linli_tool_sites, N_("Add candidate sites in bulk from a CSV list, the points of a GeoJSON or OpenStreetMap file, or the buildings of one kind") },
  { "units", linli_tool_units, N_("The registry of partner units: import a CSV list of units and what they offer, or list them") },
  { "needs", linli_tool_needs, N_("The needs of communities, compounds and grids: import a CSV list into the registry or a plan, or list them") },
};

/* Output */

/* The first error writing standard output (a full disk, a closed file),
 * or 0.  Every command prints with g_print(), which comes here. */
static int output_errno;

static void
print_checked_cb (const char *string)
{
  const char *charset;
  g_autofree char *converted = NULL;

  if (output_errno != 0)
    return;
  /* As g_print() does without a handler: the console's character set. */
  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (string, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  errno = 0;
  if (fputs (converted ? converted : string, stdout) == EOF || fflush (stdout) != 0)
    output_errno = errno != 0 ? errno : EIO;
}

/* Whatever the command did, a failure to write its output fails it. */
static int
finish_output (int status)
{
  errno = 0;
  if (output_errno == 0 && (fflush (stdout) != 0 || ferror (stdout)))
    output_errno = errno != 0 ? errno : EIO;
  errno = 0;
  if (fclose (stdout) != 0 && output_errno == 0)
    output_errno = errno != 0 ? errno : EIO;
  if (output_errno == 0)
    return status;
  g_printerr (_("linli-tool: could not write the output: %s\n"), g_strerror (output_errno));
  return status != 0 ? status : 1;
}

static void
usage (void)
{
  g_printerr (_("Usage: linli-tool COMMAND [OPTION…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_printerr ("  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_printerr (_("\nRun “linli-tool COMMAND --help” for a command’s options.\n"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* LINLI_LOCALEDIR runs the tool from the build tree in any language. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINLI_LOCALEDIR") ? g_getenv ("LINLI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      usage ();
      return 2;
    }
  g_set_print_handler (print_checked_cb);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (argv[1], commands[i].name) == 0)
      return finish_output (commands[i].run (argc - 1, argv + 1));
  usage ();
  return 2;
}
