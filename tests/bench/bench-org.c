/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The organisation chain's checks at district scale: a project made by
 * `linli-tool generate --buildings 300000` (a file given, or generated
 * here with the same options), checked without and with a building-to-grid
 * assignment, and the check of a member household list that the import
 * dialog runs on every change of a column.  Prints medians; run by hand,
 * never by `meson test`:
 *
 *   build/tests/bench-org [FILE.linli] [--buildings N] [--runs N]
 */
#include "config.h"

#include "linli-format.h"
#include "linli-generator.h"
#include "linli-org-check.h"
#include "linli-org-import.h"
#include "linli-org.h"
#include "linli-stats.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  int buildings = 300000, runs = 7;
  GOptionEntry entries[] = {
    { "buildings", 0, 0, G_OPTION_ARG_INT, &buildings, "Buildings of the generated district", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each figure", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[FILE.linli]");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GArray) with_grids = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) without = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree int *building_grid = NULL;
  guint n_buildings, n_violations = 0;
  double t0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  t0 = now_ms ();
  if (argc > 1)
    project = linli_format_load_file (argv[1], &error);
  else
    {
      LinliGeneratorOptions opts;

      /* As `linli-tool generate --buildings N` with its defaults. */
      linli_generator_options_init (&opts);
      opts.seed = 1;
      opts.n_buildings = buildings;
      opts.center_lat = 30.2900;
      opts.center_lon = 120.1550;
      opts.lane_share = 0.25;
      project = linli_generate_district (&opts);
    }
  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n_buildings = linli_project_get_n_buildings (project);
  g_print ("# %u buildings, %u branches, %u groups, %u member households; ready in %.0f ms\n", n_buildings,
           g_list_model_get_n_items (linli_org_get_branches (linli_project_get_org (project))),
           g_list_model_get_n_items (linli_org_get_groups (linli_project_get_org (project))),
           g_list_model_get_n_items (linli_org_get_households (linli_project_get_org (project))), now_ms () - t0);

  /* No grids in the file: an assignment to none, so the compound rule
   * reads the grid arrays for every building all the same. */
  building_grid = g_new (int, n_buildings + 1);
  for (guint b = 0; b < n_buildings; b++)
    building_grid[b] = -1;

  for (int r = 0; r < runs; r++)
    {
      double t = now_ms ();
      g_autoptr (LinliOrgCheck) check = linli_org_check (project, NULL);
      double ms = now_ms () - t;

      g_array_append_val (without, ms);
      n_violations = check->violations->len;
      t = now_ms ();
      {
        g_autoptr (LinliOrgCheck) again = linli_org_check (project, building_grid);

        ms = now_ms () - t;
        g_array_append_val (with_grids, ms);
      }
    }
  g_print ("org_check            median_ms=%.1f runs=%d  # %u violations\n", linli_stats_median (without), runs,
           n_violations);
  g_print ("org_check_with_grids median_ms=%.1f runs=%d\n", linli_stats_median (with_grids), runs);

  /* The project's own member households as a list (at most 5,000 rows),
   * by building name within the compound: the slowest lookups. */
  {
    GListModel *households = linli_org_get_households (linli_project_get_org (project));
    guint n_rows = MIN (g_list_model_get_n_items (households), 5000);
    g_autoptr (GString) csv = g_string_new ("id,name,compound,building,room\n");
    g_autoptr (LinliCsvTable) table = NULL;
    g_autoptr (GArray) checks = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr (LinliOrgIndex) index = NULL;
    LinliOrgImportReport report = { 0 };
    LinliOrgMapping mapping;

    for (guint i = 0; i < n_rows; i++)
      {
        g_autoptr (LinliMemberHousehold) h = g_list_model_get_item (households, i);
        guint building = linli_member_household_get_building (h);
        const LinliBuilding *b = linli_project_get_building (project, building);

        g_string_append_printf (csv, "x%u,%s,%s,%s,%s\n", i, linli_member_household_get_name (h),
                                linli_project_get_compound (project, b->compound)->id, b->name,
                                linli_member_household_get_room (h));
      }
    table = linli_csv_table_parse (csv->str, csv->len, "households.csv", ',', &error);
    g_assert_no_error (error);
    linli_org_mapping_guess (&mapping, LINLI_ORG_LIST_HOUSEHOLDS, table);
    /* The dialog indexes the project once, with its first check. */
    {
      double t = now_ms ();

      index = linli_org_index_new (project);
      linli_org_import_check (index, LINLI_ORG_LIST_HOUSEHOLDS, table, &mapping, &report, NULL,
                              &error);
      g_print ("org_import_first     ms=%.1f  # index and first check\n", now_ms () - t);
    }
    for (int r = 0; r < runs; r++)
      {
        g_autoptr (GPtrArray) reasons = NULL;
        double t = now_ms ();

        g_clear_error (&error);
        linli_org_import_check (index, LINLI_ORG_LIST_HOUSEHOLDS, table, &mapping, &report, &reasons,
                                &error);
        t = now_ms () - t;
        g_array_append_val (checks, t);
      }
    g_print ("org_import_check     median_ms=%.1f runs=%d  # %u rows, %u cannot be read\n",
             linli_stats_median (checks), runs, n_rows, report.n_invalid);
  }
  return 0;
}
