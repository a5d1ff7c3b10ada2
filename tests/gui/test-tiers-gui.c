/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reach by tier in the window and the plan panel's honesty, under Xvfb. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "linli-gui-test-utils.h"
#include "linli-window-private.h"

typedef struct
{
  LinliWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_autoptr (GError) error = NULL;

  f->window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  g_assert_true (linli_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  f->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
}

static void
run_plan (Fixture *f)
{
  linli_plan_panel_set_problem (f->window->plan_panel, LINLI_PLAN_MCLP);
  linli_plan_panel_set_k (f->window->plan_panel, 2);
  activate (f, "win.plan-run");
  while (linli_plan_panel_get_running (f->window->plan_panel))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
summary_has (Fixture    *f,
             const char *text)
{
  return strstr (linli_plan_panel_get_summary (f->window->plan_panel), text) != NULL;
}

/* Choosing a GB 50180 tier in the reach editor is one undoable edit, the
 * coverage follows it and the legend names the rule. */
static void
test_reach_editor (Fixture       *f,
                   gconstpointer  data)
{
  LinliDocument *document = linli_window_get_document (f->window);
  LinliProject *project = linli_window_get_project (f->window);
  g_autofree char *before = g_strdup (gtk_label_get_text (f->window->legend_rule));
  guint64 covered = linli_coverage_get_district (linli_document_get_coverage (document))->households_covered;

  g_assert_null (strstr (before, "GB 50180"));
  linli_reach_editor_select (f->window->reach_editor, LINLI_SITE_TIER_STATION, LINLI_REACH_GB_5, 0);
  g_assert_cmpfloat (linli_project_get_reach (project, LINLI_SITE_TIER_STATION), ==, 300);
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->legend_rule), "GB 50180 5-minute"));
  /* Stations now reach 300 m instead of 750 m: no more households, and
   * the same as a fresh count. */
  {
    g_autoptr (LinliCoverage) fresh = linli_coverage_compute (project, linli_document_get_walk (document));

    g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (document))->households_covered,
                      <=, covered);
    g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (document))->households_covered,
                      ==, linli_coverage_get_district (fresh)->households_covered);
  }

  linli_reach_editor_select (f->window->reach_editor, LINLI_SITE_TIER_STREET, LINLI_REACH_WALK, 15);
  g_assert_cmpfloat_with_epsilon (linli_project_get_reach (project, LINLI_SITE_TIER_STREET),
                                  15 * linli_project_get_walk_speed (project) / 60 * 1000, 1e-9);

  activate (f, "win.undo");
  activate (f, "win.undo");
  g_assert_false (linli_project_has_tier_reaches (project));
  g_assert_cmpstr (gtk_label_get_text (f->window->legend_rule), ==, before);
  g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (document))->households_covered,
                    ==, covered);
}

/* A plan made before the rule changed says it is out of date. */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  run_plan (f);
  g_assert_nonnull (linli_plan_panel_get_result (f->window->plan_panel));
  g_assert_false (summary_has (f, "Out of date"));
  linli_reach_editor_select (f->window->reach_editor, LINLI_SITE_TIER_STREET, LINLI_REACH_GB_15, 0);
  g_assert_true (summary_has (f, "Out of date"));
  /* A new run is current again. */
  run_plan (f);
  g_assert_false (summary_has (f, "Out of date"));
}

/* Undoing an accepted plan takes its message away. */
static void
test_undo_accept (Fixture       *f,
                  gconstpointer  data)
{
  run_plan (f);
  g_assert_cmpuint (linli_plan_panel_accept (f->window->plan_panel), >, 0);
  g_assert_true (summary_has (f, "now planned"));
  activate (f, "win.undo");
  g_assert_false (summary_has (f, "now planned"));
}

/* With no candidate sites, the panel asks for candidates and claims no
 * optimal plan. */
static void
test_no_candidates (Fixture       *f,
                    gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);

  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    if (linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_CANDIDATE)
      linli_site_set_plan_rule (linli_project_get_site (project, s), LINLI_SITE_PLAN_FORBIDDEN);
  run_plan (f);
  g_assert_null (linli_plan_panel_get_result (f->window->plan_panel));
  g_assert_true (summary_has (f, "no candidate sites"));
  g_assert_false (summary_has (f, "optimal"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tiers-gui/reach-editor", test_reach_editor);
  ADD ("/tiers-gui/stale", test_stale);
  ADD ("/tiers-gui/undo-accept", test_undo_accept);
  ADD ("/tiers-gui/no-candidates", test_no_candidates);
  return g_test_run ();
}
