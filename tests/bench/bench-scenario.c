/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scenarios at district scale: a generated district (or a file given) with
 * a scenario of N decisions (planned candidates, moved sites, a removal),
 * timed: a recorded switch into it and back with the document following
 * (coverage updated), undo of a switch, a project built for the scenario
 * without switching, the comparison of the two documents' figures, and a
 * save and load of the file with the scenario.  Prints medians; run by
 * hand, never by `meson test`:
 *
 *   build/tests/bench-scenario [FILE.linli] [--buildings N] [--decisions N] [--runs N]
 */
#include "config.h"

#include <glib/gstdio.h>

#include "linli-format.h"
#include "linli-generator.h"
#include "linli-scenario-compare.h"
#include "linli-scenario-edits.h"
#include "linli-stats.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
add (GArray *samples,
     double  t0)
{
  double t = now_ms () - t0;

  g_array_append_val (samples, t);
}

int
main (int    argc,
      char **argv)
{
  int buildings = 300000, decisions = 200, runs = 5;
  GOptionEntry entries[] = {
    { "buildings", 0, 0, G_OPTION_ARG_INT, &buildings, "Buildings of the generated district", "N" },
    { "decisions", 0, 0, G_OPTION_ARG_INT, &decisions, "Sites the scenario changes", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each figure", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[FILE.linli]");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliDocument) document = NULL;
  g_autoptr (LinliDecisions) d = linli_decisions_new ();
  g_autoptr (GArray) t_switch = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) t_back = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) t_undo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) t_build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) t_compare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) t_save = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) t_load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  LinliHistory *history;
  LinliScenario *scenario;
  const char *id;
  double t0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc > 1)
    project = linli_format_load_file (argv[1], &error);
  else
    {
      LinliGeneratorOptions opts;

      linli_generator_options_init (&opts);
      opts.seed = 1;
      opts.n_buildings = buildings;
      opts.organisation = FALSE;
      project = linli_generate_district (&opts);
    }
  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  document = linli_document_new (project, NULL);
  history = linli_document_get_history (document);

  /* Candidates made planned first, then sites moved 200 m north, one removed. */
  for (guint i = 0; i < linli_project_get_n_sites (project)
       && d->sites->len < (guint) decisions; i++)
    {
      LinliSiteState *st = linli_site_dup_state (linli_project_get_site (project, i));

      if (st->status == LINLI_SITE_STATUS_CANDIDATE)
        st->status = LINLI_SITE_STATUS_PLANNED;
      else
        st->lat += 200.0 / 111320.0;
      g_ptr_array_add (d->sites, st);
    }
  g_ptr_array_add (d->removed, g_strdup (linli_site_get_id (linli_project_get_site (project,
                                                                                linli_project_get_n_sites (project) - 1))));
  scenario = linli_scenario_edits_create (history, "方案一", NULL, d, &error);
  id = linli_scenario_get_id (scenario);
  g_print ("%u buildings, %u sites, scenario of %u changed and %u removed sites\n",
           linli_project_get_n_buildings (project), linli_project_get_n_sites (project),
             d->sites->len,
           d->removed->len);

  dir = g_dir_make_tmp ("bench-scenario-XXXXXX", NULL);
  path = g_build_filename (dir, "s.linli", NULL);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr (LinliProject) built = NULL;
      g_autoptr (LinliProject) loaded = NULL;
      g_autoptr (LinliDocument) other = NULL;
      g_autoptr (LinliComparison) comparison = NULL;

      t0 = now_ms ();
      linli_scenario_edits_switch (history, id);
      linli_document_get_coverage (document);
      add (t_switch, t0);
      t0 = now_ms ();
      g_assert_true (linli_history_undo (history));
      linli_document_get_coverage (document);
      add (t_undo, t0);
      g_assert_true (linli_history_redo (history));
      t0 = now_ms ();
      linli_scenario_edits_switch (history, NULL);
      linli_document_get_coverage (document);
      add (t_back, t0);

      t0 = now_ms ();
      built = linli_scenario_project_build (project, id, &error);
      add (t_build, t0);
      t0 = now_ms ();
      other = linli_document_new (g_steal_pointer (&built), NULL);
      comparison = linli_comparison_new_for_documents (document, other);
      add (t_compare, t0);

      linli_scenario_edits_switch (history, id);
      t0 = now_ms ();
      g_assert_true (linli_format_save_file (project, path, &error));
      add (t_save, t0);
      t0 = now_ms ();
      loaded = linli_format_load_file (path, &error);
      g_assert_nonnull (loaded);
      add (t_load, t0);
      linli_scenario_edits_switch (history, NULL);
    }
  g_print ("switch into the scenario (coverage updated): %8.1f ms\n",
           linli_stats_median (t_switch));
  g_print ("undo of that switch:                         %8.1f ms\n", linli_stats_median (t_undo));
  g_print ("switch back to the current state:            %8.1f ms\n", linli_stats_median (t_back));
  g_print ("project built for the scenario (a copy):     %8.1f ms\n", linli_stats_median (t_build));
  g_print ("its document and the comparison of figures:  %8.1f ms\n",
           linli_stats_median (t_compare));
  g_print ("save with the scenario active:               %8.1f ms\n", linli_stats_median (t_save));
  g_print ("load of that file:                           %8.1f ms\n", linli_stats_median (t_load));
  g_print ("resident memory: %.0f MiB\n", linli_stats_resident_mib ());
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
