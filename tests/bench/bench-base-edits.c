/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Edits of the base data at district scale: a generated district of
 * 300,000 buildings opened as a document, the households of a tenth of its
 * buildings set as one step (with the coverage brought up to date), that
 * step undone, and all buildings assigned to their nearest compound.
 * Prints medians; run by hand, never by `meson test`:
 *
 *   build/tests/bench-base-edits [--buildings N] [--runs N]
 */
#include "config.h"

#include "linli-base-edits.h"
#include "linli-document.h"
#include "linli-generator.h"
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
  int buildings = 300000, runs = 5;
  GOptionEntry entries[] = {
    { "buildings", 0, 0, G_OPTION_ARG_INT, &buildings, "Buildings of the generated district", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each figure", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliDocument) doc = NULL;
  g_autoptr (GArray) edit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) undo_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) nearest_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree guint *sel = NULL;
  g_autofree guint *all = NULL;
  LinliGeneratorOptions options;
  LinliHistory *history;
  guint n, n_sel = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  linli_generator_options_init (&options);
  options.n_buildings = buildings;
  project = linli_generate_district (&options);
  doc = linli_document_new (project, NULL);
  history = linli_document_get_history (doc);
  n = linli_project_get_n_buildings (project);
  sel = g_new (guint, n);
  all = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      all[i] = i;
      if (i % 10 == 0)
        sel[n_sel++] = i;
    }
  g_print ("%u buildings, %u compounds, %u sites; editing %u\n", n, linli_project_get_n_compounds (project),
           linli_project_get_n_sites (project), n_sel);

  for (int r = 0; r < runs; r++)
    {
      LinliBuilding values = { 0 };
      double t0;

      values.households = 50 + r;
      t0 = now_ms ();
      linli_base_edits_change_buildings (history, sel, n_sel, LINLI_BUILDING_FIELD_HOUSEHOLDS, &values);
      g_array_append_val (edit_ms, (double) { now_ms () - t0 });
      t0 = now_ms ();
      linli_history_undo (history);
      g_array_append_val (undo_ms, (double) { now_ms () - t0 });
    }
  for (int r = 0; r < runs; r++)
    {
      double t0 = now_ms ();

      linli_base_edits_assign_nearest (history, sel, n_sel);
      g_array_append_val (nearest_ms, (double) { now_ms () - t0 });
      linli_history_undo (history);
    }
  g_print ("households of %u buildings, one step, coverage updated: median %.1f ms\n", n_sel,
           linli_stats_median (edit_ms));
  g_print ("undo of that step:                                   median %.1f ms\n", linli_stats_median (undo_ms));
  g_print ("%u buildings to their nearest compound:            median %.1f ms\n", n_sel,
           linli_stats_median (nearest_ms));
  return 0;
}
