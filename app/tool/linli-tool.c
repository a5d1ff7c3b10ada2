/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "linli-coverage.h"
#include "linli-format.h"
#include "linli-generator.h"

/* Commands */

static int
cmd_generate (int    argc,
              char **argv)
{
  int seed = 1, buildings = 2500;
  double lane_share = 0.25;
  double lat = 30.2900, lon = 120.1550;  /* Hangzhou, Gongshu */
  g_autofree char *name = NULL, *out = NULL, *center = NULL;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (the same seed gives the same district)"), "N" },
    { "buildings", 0, 0, G_OPTION_ARG_INT, &buildings, N_("Approximate number of buildings"), "N" },
    { "center", 0, 0, G_OPTION_ARG_STRING, &center, N_("Centre of the district"), "LAT,LON" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the district"), "NAME" },
    { "lane-share", 0, 0, G_OPTION_ARG_DOUBLE, &lane_share,
      N_("Share of compounds of old low-rise lane houses, 0 to 1 (default 0.25)"), "F" },
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
  if (center != NULL && (sscanf (center, "%lf,%lf", &lat, &lon) != 2 || !linli_lat_lon_is_valid (lat, lon)))
    {
      g_printerr (_("linli-tool generate: --center must be LAT,LON\n"));
      return 2;
    }

  linli_generator_options_init (&opts);
  opts.seed = (guint32) seed;
  opts.n_buildings = buildings;
  opts.center_lat = lat;
  opts.center_lon = lon;
  opts.name = name;
  opts.lane_share = lane_share;
  project = linli_generate_district (&opts);
  if (!linli_format_save_file (project, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  g_print (_("%s: %u communities, %u compounds, %u buildings, %u sites\n"), out,
           linli_project_get_n_communities (project), linli_project_get_n_compounds (project),
           linli_project_get_n_buildings (project), linli_project_get_n_sites (project));
  return 0;
}

static void
print_totals (const char                *label,
              const LinliCoverageTotals *t)
{
  g_print ("%-24s %8u %8u %6.1f%% %10" G_GUINT64_FORMAT " %10" G_GUINT64_FORMAT " %6.1f%% %10"
           G_GUINT64_FORMAT " %6.1f%%\n",
           label, t->buildings, t->buildings_covered,
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
  GOptionEntry entries[] = {
    { "uncovered", 'u', 0, G_OPTION_ARG_NONE, &list_uncovered, N_("List the uncovered buildings"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("FILE — coverage figures of a project"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliCoverage) cov = NULL;
  const guint *uncovered;
  guint n_uncovered;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("linli-tool info: %s\n", error ? error->message : _("give one FILE"));
      return 2;
    }
  project = linli_format_load_file (argv[1], &error);
  if (project == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  cov = linli_coverage_compute (project);
  g_print (_("%s: %u communities, %u compounds, %u buildings, %u sites; "
             "coverage radius %.0f m (%.0f min at %.1f km/h, straight line)\n"),
           linli_project_get_name (project), linli_project_get_n_communities (project),
           linli_project_get_n_compounds (project), linli_project_get_n_buildings (project),
           linli_project_get_n_sites (project), linli_coverage_get_radius (cov),
           linli_project_get_walk_minutes (project), linli_project_get_walk_speed (project));
  g_print ("%-24s %8s %8s %7s %10s %10s %7s %10s %7s\n", "community", "bldgs", "covered", "",
           "households", "covered", "", "residents", "");
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    print_totals (linli_project_get_community (project, c)->id, linli_coverage_get_community (cov, c));
  print_totals ("district", linli_coverage_get_district (cov));

  uncovered = linli_coverage_get_uncovered (cov, &n_uncovered);
  if (list_uncovered)
    for (guint i = 0; i < n_uncovered; i++)
      {
        const LinliBuilding *b = linli_project_get_building (project, uncovered[i]);
        g_print ("uncovered %s %s households=%u\n", b->id, b->name, b->households);
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

static const struct
{
  const char *name;
  int (*run) (int, char **);
  const char *summary;
} commands[] = {
  { "generate", cmd_generate, N_("Make a synthetic district, deterministic from a seed") },
  { "info", cmd_info, N_("Print a project's coverage figures") },
  { "validate", cmd_validate, N_("Check project files, reporting file, line and reason") },
};

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
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      usage ();
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);
  usage ();
  return 2;
}
