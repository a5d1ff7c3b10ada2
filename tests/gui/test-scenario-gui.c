/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scenario switcher, the plan panel's "Save as Scenario" and the
 * compare window, driven through their actions in a real window. */
#define G_LOG_DOMAIN "test-scenario-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "linli-format.h"
#include "linli-gui-test-utils.h"
#include "linli-scenario-compare-window.h"
#include "linli-scenario-edits.h"
#include "linli-window-private.h"

typedef struct
{
  char        *dir;
  char        *path;
  LinliWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli",
                                              NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (sample);

  f->dir = g_dir_make_tmp ("linli-scenario-gui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "scenarios.linli", NULL);
  f->window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  g_assert_true (linli_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window->scenario_switcher)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  f->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  linli_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
scenario_action (Fixture    *f,
                 const char *action,
                 const char *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window->scenario_switcher), action,
                                             id != NULL ? "s" : NULL, id));
}

static LinliScenarios *
scenarios_of (Fixture *f)
{
  return linli_project_get_scenarios (linli_window_get_project (f->window));
}

static guint64
covered_households (Fixture *f)
{
  return linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))
    ->households_covered;
}

static const char *
dropdown_text (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* For people to look at: LINLI_SCREENSHOT_DIR=dir keeps a picture. */
static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (g_getenv ("LINLI_SCREENSHOT_DIR") == NULL)
    return;
  path = g_build_filename (g_getenv ("LINLI_SCREENSHOT_DIR"), name, NULL);
  /* Let the window draw what changed first. */
  linli_test_wait_ms (500);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* New, switch through the drop-down and the action, undo, rename,
 * duplicate and delete: the project, the drop-down and the figures follow. */
static void
test_switcher (Fixture       *f,
               gconstpointer  data)
{
  LinliScenarios *scenarios = scenarios_of (f);
  LinliProject *project = linli_window_get_project (f->window);
  LinliHistory *history = linli_window_get_history (f->window);
  GtkDropDown *dropdown = linli_scenario_switcher_get_dropdown (f->window->scenario_switcher);
  guint64 base_covered = covered_households (f);
  guint base_sites = linli_project_get_n_sites (project);
  g_autofree char *id = NULL;
  LinliScenario *scenario;
  AdwMessageDialog *dialog;
  LinliSite *site = NULL;
  g_autoptr (LinliSiteState) state = NULL;
  guint64 scenario_covered;

  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpstr (dropdown_text (dropdown), ==, _("Current State"));
  /* Nothing to delete or rename while the current state is shown. */
  gtk_widget_activate_action (GTK_WIDGET (f->window->scenario_switcher), "scenario.delete", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window->scenario_switcher), "scenario.rename", NULL);
  g_assert_null (linli_scenario_switcher_get_dialog (f->window->scenario_switcher));
  g_assert_false (linli_history_get_can_undo (history));

  scenario_action (f, "scenario.new", NULL);
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 1);
  scenario = linli_scenarios_get (scenarios, 0);
  id = g_strdup (linli_scenario_get_id (scenario));
  g_assert_cmpstr (linli_scenarios_get_active (scenarios), ==, id);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_assert_cmpstr (dropdown_text (dropdown), ==, linli_scenario_get_name (scenario));
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, _("New Scenario"));

  /* In the scenario, a candidate becomes planned: coverage rises there only. */
  for (guint i = 0; i < linli_project_get_n_sites (project); i++)
    if (linli_site_get_status (linli_project_get_site (project, i)) == LINLI_SITE_STATUS_CANDIDATE)
      {
        site = linli_project_get_site (project, i);
        state = linli_site_dup_state (site);
        break;
      }
  g_assert_nonnull (state);
  state->status = LINLI_SITE_STATUS_PLANNED;
  linli_project_edits_change_site (history, _("Edit Site"), site, state);
  scenario_covered = covered_households (f);
  g_assert_cmpuint (scenario_covered, >, base_covered);

  /* Back to the base through the drop-down, as a planner would. */
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_null (linli_scenarios_get_active (scenarios));
  g_assert_cmpuint (covered_households (f), ==, base_covered);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, base_sites);
  /* And into the scenario through the action. */
  scenario_action (f, "scenario.switch", id);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_assert_cmpuint (covered_households (f), ==, scenario_covered);
  /* Undo of the switch goes back to the base, and the drop-down with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_null (linli_scenarios_get_active (scenarios));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (covered_households (f), ==, base_covered);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpuint (covered_households (f), ==, scenario_covered);

  /* Rename through the dialog; a taken name cannot be given. */
  scenario_action (f, "scenario.rename", NULL);
  dialog = linli_scenario_switcher_get_dialog (f->window->scenario_switcher);
  g_assert_nonnull (dialog);
  {
    GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
    GtkWidget *name = gtk_widget_get_first_child (box);
    GtkWidget *note = gtk_widget_get_next_sibling (name);

    gtk_editable_set_text (GTK_EDITABLE (name), _("Current State"));
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
    gtk_editable_set_text (GTK_EDITABLE (name), "方案一：新增1站");
    gtk_editable_set_text (GTK_EDITABLE (note), "联席会议讨论");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
    adw_message_dialog_response (dialog, "rename");
  }
  g_assert_cmpstr (linli_scenario_get_name (scenario), ==, "方案一：新增1站");
  g_assert_cmpstr (linli_scenario_get_note (scenario), ==, "联席会议讨论");
  g_assert_cmpstr (dropdown_text (dropdown), ==, "方案一：新增1站");

  /* Duplicate: a copy with the same sites, shown. */
  scenario_action (f, "scenario.duplicate", NULL);
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 2);
  g_assert_cmpuint (covered_households (f), ==, scenario_covered);

  /* Saved and opened again: the same scenarios, the same one shown. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (f->path);
    g_autoptr (GError) error = NULL;
    g_autoptr (LinliProject) loaded = NULL;

    g_assert_true (linli_document_save (linli_window_get_document (f->window), file, &error));
    g_assert_no_error (error);
    loaded = linli_format_load_file (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (linli_scenarios_get_n (linli_project_get_scenarios (loaded)), ==, 2);
    g_assert_cmpstr (linli_scenarios_get_active (linli_project_get_scenarios (loaded)), ==,
                     linli_scenarios_get_active (scenarios));
  }

  save_png (GTK_WIDGET (f->window), "scenario-window.png");

  /* Delete the copy: the base is shown again; undo brings both back. */
  scenario_action (f, "scenario.delete", NULL);
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 1);
  g_assert_null (linli_scenarios_get_active (scenarios));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (covered_households (f), ==, base_covered);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 2);
}

/* A plan kept as a scenario: the base keeps its sites, the scenario has
 * the proposed ones planned and the coverage the plan promised. */
static void
test_plan_as_scenario (Fixture       *f,
                       gconstpointer  data)
{
  LinliScenarios *scenarios = scenarios_of (f);
  LinliProject *project = linli_window_get_project (f->window);
  const LinliPlanResult *result;
  const char **ids;
  const double *adds;
  g_autoptr (GPtrArray) base = linli_scenario_project_dup_sites (project);
  g_autoptr (GPtrArray) chosen = g_ptr_array_new_with_free_func (g_free);
  double promised;
  guint n;

  linli_plan_panel_set_problem (f->window->plan_panel, LINLI_PLAN_MCLP);
  linli_plan_panel_set_k (f->window->plan_panel, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.plan-run", NULL));
  while (linli_plan_panel_get_running (f->window->plan_panel))
    g_main_context_iteration (NULL, TRUE);
  result = linli_plan_panel_get_result (f->window->plan_panel);
  g_assert_nonnull (result);
  promised = result->covered_weight;
  n = linli_plan_panel_get_proposal (f->window->plan_panel, &ids, &adds);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (chosen, g_strdup (ids[i]));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window->plan_panel),
                                             "plan.save-scenario", NULL));
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 1);
  g_assert_nonnull (linli_scenarios_get_active (scenarios));
  g_assert_cmpfloat (fabs ((double) covered_households (f) - promised), <, 0.5);
  for (guint i = 0; i < chosen->len; i++)
    g_assert_cmpint (linli_site_get_status (linli_project_find_site (project, chosen->pdata[i],
                                                                     NULL)), ==,
                     LINLI_SITE_STATUS_PLANNED);
  /* The base is untouched. */
  {
    g_autoptr (GPtrArray) now = linli_scenario_project_dup_base (project);

    g_assert_cmpuint (now->len, ==, base->len);
    for (guint i = 0; i < now->len; i++)
      g_assert_true (linli_site_state_equal (now->pdata[i], base->pdata[i]));
  }
  /* One undo takes it all back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 0);
  g_assert_null (linli_scenarios_get_active (scenarios));
}

/* The compare window: figures b − a of the two scenarios' own documents,
 * coloured by judgement; the maps' pan and zoom linked. */
static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  LinliHistory *history = linli_window_get_history (f->window);
  g_autoptr (GPtrArray) sites = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  LinliScenarioCompareWindow *compare;
  const LinliComparison *comparison;
  ShumateViewport *va, *vb;
  LinliScenario *scenario;
  guint64 covered[2];

  for (guint i = 0; i < linli_project_get_n_sites (project) && ids->len < 4; i++)
    if (linli_site_get_status (linli_project_get_site (project, i)) == LINLI_SITE_STATUS_CANDIDATE)
      g_ptr_array_add (ids, (gpointer) linli_site_get_id (linli_project_get_site (project, i)));
  sites = linli_scenario_project_dup_sites_planned (project, (const char *const *) ids->pdata,
                                                    ids->len);
  scenario = linli_scenario_edits_create_from_sites (history, "方案二", NULL, sites, &error);
  g_assert_no_error (error);

  /* Each side's covered households, worked out from a switch of the
   * window's own project. */
  covered[0] = covered_households (f);
  linli_scenario_edits_switch (history, linli_scenario_get_id (scenario));
  covered[1] = covered_households (f);
  linli_scenario_edits_switch (history, NULL);
  g_assert_cmpuint (covered[1], >, covered[0]);

  scenario_action (f, "scenario.compare", NULL);
  compare = LINLI_SCENARIO_COMPARE_WINDOW (linli_scenario_switcher_get_compare_window (f->window->scenario_switcher));
  g_assert_nonnull (compare);
  while (!gtk_widget_get_mapped (GTK_WIDGET (compare)))
    g_main_context_iteration (NULL, TRUE);
  comparison = linli_scenario_compare_window_get_comparison (compare);
  for (guint i = 0; i < linli_comparison_get_n (comparison); i++)
    {
      const LinliComparisonRow *row = linli_comparison_get (comparison, i);
      GtkWidget *change = linli_scenario_compare_window_get_cell (compare, i, 3);
      GtkWidget *label = linli_scenario_compare_window_get_cell (compare, i, 0);

      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, row->figure->label);
      g_assert_cmpint (gtk_widget_has_css_class (change, "success"), ==, row->judge > 0);
      g_assert_cmpint (gtk_widget_has_css_class (change, "error"), ==, row->judge < 0);
      if (g_str_equal (row->figure->key, "households-covered"))
        {
          g_autofree char *text = linli_figure_format_change (row->figure, covered[0], covered[1]);

          g_assert_cmpfloat (row->a, ==, covered[0]);
          g_assert_cmpfloat (row->b, ==, covered[1]);
          g_assert_cmpfloat (row->diff, ==, (double) covered[1] - (double) covered[0]);
          g_assert_cmpint (row->judge, ==, 1);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (change)), ==, text);
        }
    }

  save_png (GTK_WIDGET (compare), "scenario-compare.png");

  va = linli_scenario_compare_window_get_viewport (compare, 0);
  vb = linli_scenario_compare_window_get_viewport (compare, 1);
  shumate_viewport_set_zoom_level (va, 15.5);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (vb), ==, 15.5);
  shumate_location_set_location (SHUMATE_LOCATION (vb), 30.29, 120.16);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (va)), 30.29,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (va)), 120.16,
                                  1e-9);

  /* Swapped: the change turns round. */
  g_assert_true (linli_scenario_compare_window_set_pair (compare, linli_scenario_get_id (scenario),
                                                         "base"));
  comparison = linli_scenario_compare_window_get_comparison (compare);
  {
    const LinliComparisonRow *row = linli_comparison_lookup (comparison, "households-covered");

    g_assert_cmpfloat (row->diff, ==, (double) covered[0] - (double) covered[1]);
    g_assert_cmpint (row->judge, ==, -1);
  }
  g_assert_false (linli_scenario_compare_window_set_pair (compare, "no-such", "base"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LINLI_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINLI_LOCALEDIR"));
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/scenario-gui/switcher", Fixture, NULL, fixture_setup, test_switcher,
              fixture_teardown);
  g_test_add ("/scenario-gui/plan-as-scenario", Fixture, NULL, fixture_setup, test_plan_as_scenario,
              fixture_teardown);
  g_test_add ("/scenario-gui/compare", Fixture, NULL, fixture_setup, test_compare,
              fixture_teardown);
  return g_test_run ();
}
