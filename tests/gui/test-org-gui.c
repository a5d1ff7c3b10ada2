/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Organisation and Checks pages under Xvfb: a generated district with
 * its organisation, rows added through the panel's actions and editor,
 * tables and findings against the chain's check made apart from the
 * document, undo and redo, the hide-names switch over every table, finding
 * and the exported PDF, and the map following a finding. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "linli-generator.h"
#include "linli-grid-assignment.h"
#include "linli-grid-check.h"
#include "linli-grids.h"
#include "linli-gui-test-utils.h"
#include "linli-org.h"
#include "linli-org-check.h"
#include "linli-org-import.h"
#include "linli-org-panel-private.h"
#include "linli-window-private.h"

typedef struct
{
  LinliWindow *window;
  LinliProject *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  LinliGeneratorOptions options;
  g_autoptr (LinliProject) project = NULL;

  linli_generator_options_init (&options);
  options.seed = 5;
  options.n_buildings = 700;
  project = linli_generate_district (&options);
  f->window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  linli_window_set_project (f->window, project, NULL);
  f->project = linli_window_get_project (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_stack_set_visible_child_name (f->window->side_stack, "org");
  linli_test_wait_ms (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  f->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
}

/* What the checks find, worked out here from the project alone. */
static guint
expected_findings (LinliProject *project,
                   guint8      **chain)
{
  g_autoptr (LinliOrgCheck) org = linli_org_check (project, NULL);
  LinliGridAssignment *assignment = linli_grid_assignment_new (project);
  g_autoptr (GPtrArray) grid = linli_grid_check (project, assignment);
  guint n = org->violations->len + grid->len;

  g_assert_cmpuint (linli_grids_get_n_grids (linli_project_get_grids (project)), ==, 0);
  if (chain != NULL)
    *chain = g_memdup2 (org->chain, org->n_buildings);
  linli_grid_assignment_free (assignment);
  return n;
}

static guint
table_rows (Fixture       *f,
            LinliOrgTable  table)
{
  return g_list_model_get_n_items (G_LIST_MODEL (linli_org_panel_get_selection (f->window->org_panel, table)));
}

/* The tables and the findings agree with the organisation and the check. */
static void
assert_follow (Fixture *f)
{
  LinliOrg *org = linli_project_get_org (f->project);
  g_autofree guint8 *chain = NULL;
  guint expected = expected_findings (f->project, &chain);
  const LinliOrgCheck *shown = linli_document_get_org_check (linli_window_get_document (f->window));

  g_assert_cmpuint (table_rows (f, LINLI_ORG_TABLE_COMMITTEES), ==, linli_project_get_n_communities (f->project));
  g_assert_cmpuint (table_rows (f, LINLI_ORG_TABLE_BRANCHES), ==,
                    g_list_model_get_n_items (linli_org_get_branches (org)));
  g_assert_cmpuint (table_rows (f, LINLI_ORG_TABLE_GROUPS), ==, g_list_model_get_n_items (linli_org_get_groups (org)));
  g_assert_cmpuint (table_rows (f, LINLI_ORG_TABLE_HOUSEHOLDS), ==,
                    g_list_model_get_n_items (linli_org_get_households (org)));
  g_assert_cmpuint (g_list_model_get_n_items (linli_checks_panel_get_rows (f->window->checks_panel)), ==, expected);
  g_assert_cmpmem (shown->chain, shown->n_buildings, chain, linli_project_get_n_buildings (f->project));
}

static guint
count_rule (LinliProject *project,
            const char   *rule)
{
  g_autoptr (LinliOrgCheck) org = linli_org_check (project, NULL);
  guint n = 0;

  for (guint i = 0; i < org->violations->len; i++)
    n += g_str_equal (((LinliViolation *) org->violations->pdata[i])->rule, rule);
  return n;
}

static void
add_through_editor (Fixture       *f,
                    LinliOrgTable  table)
{
  GtkWidget *editor;

  linli_org_panel_set_table (f->window->org_panel, table);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window->org_panel), "org.add", NULL));
  editor = linli_org_panel_get_editor (f->window->org_panel);
  g_assert_nonnull (editor);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (editor), "apply");
  g_assert_null (linli_org_panel_get_editor (f->window->org_panel));
  linli_test_wait_ms (50);
}

static void
test_add_undo (Fixture       *f,
               gconstpointer  data)
{
  LinliOrg *org = linli_project_get_org (f->project);
  guint branches = g_list_model_get_n_items (linli_org_get_branches (org));
  guint groups = g_list_model_get_n_items (linli_org_get_groups (org));
  guint no_branch = count_rule (f->project, "compound-no-branch");
  guint no_group = count_rule (f->project, "building-no-group");
  guint findings = expected_findings (f->project, NULL);

  assert_follow (f);
  g_assert_cmpuint (no_branch, >, 0);
  g_assert_cmpuint (no_group, >, 0);

  /* A new branch goes to a compound that lacks one; a new group takes a
   * building with members and no group. */
  add_through_editor (f, LINLI_ORG_TABLE_BRANCHES);
  g_assert_cmpuint (g_list_model_get_n_items (linli_org_get_branches (org)), ==, branches + 1);
  g_assert_cmpuint (count_rule (f->project, "compound-no-branch"), ==, no_branch - 1);
  assert_follow (f);
  add_through_editor (f, LINLI_ORG_TABLE_GROUPS);
  g_assert_cmpuint (g_list_model_get_n_items (linli_org_get_groups (org)), ==, groups + 1);
  g_assert_cmpuint (count_rule (f->project, "building-no-group"), ==, no_group - 1);
  assert_follow (f);
  g_assert_true (linli_window_is_modified (f->window));

  /* Edit the new group's name through the editor. */
  {
    GtkSingleSelection *selection = linli_org_panel_get_selection (f->window->org_panel, LINLI_ORG_TABLE_GROUPS);
    LinliPartyGroup *added = LINLI_PARTY_GROUP (g_list_model_get_object (linli_org_get_groups (org), groups));
    GtkWidget *editor;
    guint position = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

        if (item == G_OBJECT (added))
          position = i;
      }
    g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
    gtk_single_selection_set_selected (selection, position);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window->org_panel), "org.edit", NULL));
    editor = linli_org_panel_get_editor (f->window->org_panel);
    gtk_editable_set_text (GTK_EDITABLE (f->window->org_panel->editor_name), "Renamed group");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (editor), "apply");
    g_assert_cmpstr (linli_party_group_get_name (added), ==, "Renamed group");
    {
      g_autofree char *text = linli_org_panel_dup_cell_text (f->window->org_panel, LINLI_ORG_TABLE_GROUPS, added, 0);

      g_assert_cmpstr (text, ==, "Renamed group");
    }
    /* The search finds it by its new name, and only rows that say it. */
    linli_org_panel_set_search (f->window->org_panel, LINLI_ORG_TABLE_GROUPS, "renamed");
    g_assert_cmpuint (table_rows (f, LINLI_ORG_TABLE_GROUPS), ==, 1);
    linli_org_panel_set_search (f->window->org_panel, LINLI_ORG_TABLE_GROUPS, "");
    g_object_unref (added);
  }

  /* Undo all three steps, then redo the first. */
  for (int i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (linli_org_get_branches (org)), ==, branches);
  g_assert_cmpuint (g_list_model_get_n_items (linli_org_get_groups (org)), ==, groups);
  g_assert_cmpuint (expected_findings (f->project, NULL), ==, findings);
  assert_follow (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (linli_org_get_branches (org)), ==, branches + 1);
  assert_follow (f);

  /* Remove through the panel: the selected branch goes, undoably. */
  {
    GtkSingleSelection *selection = linli_org_panel_get_selection (f->window->org_panel, LINLI_ORG_TABLE_BRANCHES);

    linli_org_panel_set_table (f->window->org_panel, LINLI_ORG_TABLE_BRANCHES);
    gtk_single_selection_set_selected (selection, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window->org_panel), "org.remove", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (linli_org_get_branches (org)), ==, branches);
    assert_follow (f);
  }
}

/* Every person's name the organisation holds. */
static GPtrArray *
people (LinliProject *project)
{
  LinliOrg *org = linli_project_get_org (project);
  GPtrArray *names = g_ptr_array_new ();
  GListModel *list;

  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    if (linli_org_get_secretary (org, c) != NULL)
      g_ptr_array_add (names, (gpointer) linli_org_get_secretary (org, c));
  list = linli_org_get_branches (org);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (LinliBranch) b = g_list_model_get_item (list, i);

      if (linli_branch_get_secretary (b) != NULL)
        g_ptr_array_add (names, (gpointer) linli_branch_get_secretary (b));
    }
  list = linli_org_get_groups (org);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (LinliPartyGroup) g = g_list_model_get_item (list, i);

      if (linli_party_group_get_leader (g) != NULL)
        g_ptr_array_add (names, (gpointer) linli_party_group_get_leader (g));
    }
  list = linli_org_get_households (org);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (LinliMemberHousehold) h = g_list_model_get_item (list, i);

      if (linli_member_household_get_name (h) != NULL)
        g_ptr_array_add (names, (gpointer) linli_member_household_get_name (h));
    }
  return names;
}

/* How many of @names appear in what the tables and findings show. */
static guint
names_shown (Fixture   *f,
             GPtrArray *names)
{
  g_autoptr (GString) all = g_string_new (NULL);
  g_autoptr (GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *findings = linli_checks_panel_get_rows (f->window->checks_panel);

  for (guint t = 0; t < LINLI_ORG_N_TABLES; t++)
    {
      GListModel *rows = G_LIST_MODEL (linli_org_panel_get_selection (f->window->org_panel, t));

      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr (GObject) item = g_list_model_get_item (rows, i);

          for (guint c = 0; c < linli_org_panel_get_n_columns (t); c++)
            {
              g_autofree char *text = linli_org_panel_dup_cell_text (f->window->org_panel, t, item, c);

              g_string_append_printf (all, "%s\n", text);
            }
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    g_string_append_printf (all, "%s\n", linli_checks_panel_get_violation (f->window->checks_panel, i)->message);
  for (guint i = 0; i < names->len; i++)
    if (strstr (all->str, names->pdata[i]) != NULL)
      g_hash_table_add (found, names->pdata[i]);
  return g_hash_table_size (found);
}

/* The words of a PDF of the map, through pdftotext; NULL when it is not
 * installed. */
static char *
pdf_text (LinliWindow *window)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-org-gui-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  LinliPainter *painter = linli_painter_new ();
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  LinliMapView view;
  double min_lat, min_lon, max_lat, max_lon;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  int status = 0;

  if (program == NULL)
    {
      linli_test_remove_dir (dir);
      g_object_unref (painter);
      return NULL;
    }
  linli_painter_set_document (painter, linli_window_get_document (window));
  linli_painter_set_show_legend (painter, TRUE);
  linli_painter_set_building_colors (painter, LINLI_BUILDING_COLORS_CHAIN);
  g_assert_true (linli_painter_get_bounds (painter, &min_lat, &min_lon, &max_lat, &max_lon));
  linli_map_view_fit (&view, min_lat, min_lon, max_lat, max_lon, 1600, 1000, 16);
  /* Close enough for labels, as a report of one community would be. */
  view.zoom += 2;
  g_assert_true (linli_painter_save (painter, &view, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  linli_test_remove_dir (dir);
  linli_painter_set_document (painter, NULL);
  g_object_unref (painter);
  return g_steal_pointer (&out);
}

static void
test_hide_names (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GPtrArray) names = people (f->project);
  g_autofree char *text = NULL;
  gboolean hidden = TRUE;

  g_assert_cmpuint (names->len, >, 0);
  /* Shown, the tables say the names: the test can see them. */
  g_assert_cmpuint (names_shown (f, names), >, 0);
  g_assert_false (linli_window_is_modified (f->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "project.hide-names", NULL));
  g_assert_true (linli_project_get_hide_names (f->project));
  g_assert_true (linli_window_is_modified (f->window));
  linli_test_wait_ms (50);
  g_assert_cmpuint (names_shown (f, names), ==, 0);
  text = pdf_text (f->window);
  if (text != NULL)
    for (guint i = 0; i < names->len; i++)
      g_assert_null (strstr (text, names->pdata[i]));
  /* The editor shows no name either. */
  linli_org_panel_set_table (f->window->org_panel, LINLI_ORG_TABLE_COMMITTEES);
  gtk_single_selection_set_selected (linli_org_panel_get_selection (f->window->org_panel,
                                                                    LINLI_ORG_TABLE_COMMITTEES), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window->org_panel), "org.edit", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->org_panel->editor_person)), ==, "");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (linli_org_panel_get_editor (f->window->org_panel)), "apply");
  /* Applying an untouched editor keeps the hidden name. */
  g_assert_nonnull (linli_org_get_secretary (linli_project_get_org (f->project), 0));

  /* Undo shows them again, and the action's state follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_false (linli_project_get_hide_names (f->project));
  g_object_get (f->window, "hide-names", &hidden, NULL);
  g_assert_false (hidden);
  g_assert_cmpuint (names_shown (f, names), >, 0);
}

static void
test_jump (Fixture       *f,
           gconstpointer  data)
{
  LinliChecksPanel *checks = f->window->checks_panel;
  ShumateViewport *viewport = shumate_map_get_viewport (f->window->map);
  GListModel *rows = linli_checks_panel_get_rows (checks);
  const LinliViolation *v = NULL;
  guint position = 0;

  /* Only one rule's findings, then a finding far from where the map is. */
  linli_checks_panel_set_rule (checks, "building-no-member");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, count_rule (f->project, "building-no-member"));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      const LinliViolation *w = linli_checks_panel_get_violation (checks, i);

      g_assert_cmpstr (w->rule, ==, "building-no-member");
      if (w->has_position && v == NULL)
        v = w, position = i;
    }
  g_assert_nonnull (v);
  linli_checks_panel_activate (checks, position);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), v->lat, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), v->lon, 1e-6);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 16);

  /* Choosing a member household takes the map to its building. */
  {
    GtkSingleSelection *selection = linli_org_panel_get_selection (f->window->org_panel,
                                                                   LINLI_ORG_TABLE_HOUSEHOLDS);
    g_autoptr (LinliMemberHousehold) h = NULL;
    const LinliBuilding *b;

    linli_org_panel_set_table (f->window->org_panel, LINLI_ORG_TABLE_HOUSEHOLDS);
    gtk_single_selection_set_selected (selection, g_list_model_get_n_items (G_LIST_MODEL (selection)) - 1);
    h = g_object_ref (gtk_single_selection_get_selected_item (selection));
    b = linli_project_get_building (f->project, linli_member_household_get_building (h));
    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), b->lat, 1e-6);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), b->lon, 1e-6);
  }
}

static void
test_chain_colors_action (Fixture       *f,
                          gconstpointer  data)
{
  LinliPainter *painter = linli_map_layer_get_painter (f->window->layer);

  g_assert_cmpint (linli_painter_get_building_colors (painter), ==, LINLI_BUILDING_COLORS_COVERAGE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.chain-colors", NULL));
  g_assert_cmpint (linli_painter_get_building_colors (painter), ==, LINLI_BUILDING_COLORS_CHAIN);
  g_assert_true (gtk_widget_get_visible (f->window->chain_legend));
  g_assert_false (gtk_widget_get_visible (f->window->coverage_legend));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.chain-colors", NULL));
  g_assert_cmpint (linli_painter_get_building_colors (painter), ==, LINLI_BUILDING_COLORS_COVERAGE);
}

/* File → Import Organisation List: a branch list whose list is guessed
 * from its headers, one added and one changed in a single undoable step,
 * the tables following; a bad row shown with its file and line and the
 * import refused, the organisation untouched.  The dialog's columns are
 * tested in test-org-dialog.c. */
static void
test_import_list (Fixture       *f,
                  gconstpointer  data)
{
  LinliOrg *org = linli_project_get_org (f->project);
  GListModel *branches = linli_org_get_branches (org);
  g_autoptr (LinliBranch) first = g_list_model_get_item (branches, 0);
  g_autofree char *first_id = g_strdup (linli_branch_get_id (first));
  g_autofree char *dir = g_dir_make_tmp ("linli-org-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "branches.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *bad_csv = NULL;
  g_autoptr (GFile) good_file = g_file_new_for_path (good);
  g_autoptr (GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr (GError) error = NULL;
  const char *compound = linli_project_get_compound (f->project, 0)->id;
  guint n_before = g_list_model_get_n_items (branches);
  guint members_before = linli_branch_get_members (first);
  LinliOrgDialog *dialog;

  csv = g_strdup_printf ("支部编号,支部名称,所属小区,党员人数\nbx-new,新支部,%s,7\n%s,,%s,%u\n", compound, first_id,
                         linli_project_get_compound (f->project, linli_branch_get_compound (first))->id,
                         members_before + 1);
  g_assert_true (g_file_set_contents (good, csv, -1, NULL));
  dialog = linli_window_open_org_dialog (f->window, good_file, &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpint (linli_org_dialog_get_list (dialog), ==, LINLI_ORG_LIST_BRANCHES);
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_MEMBERS), ==, 3);
  /* Another list has its own fields; back to branches to import. */
  linli_org_dialog_set_list (dialog, LINLI_ORG_LIST_COMMITTEES);
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_MEMBERS), ==, -1);
  linli_org_dialog_set_list (dialog, LINLI_ORG_LIST_BRANCHES);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  linli_test_wait_ms (50);
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (branches), ==, n_before + 1);
  g_assert_nonnull (linli_org_find_branch (org, "bx-new", NULL));
  g_assert_cmpuint (linli_branch_get_members (linli_org_find_branch (org, first_id, NULL)), ==, members_before + 1);
  assert_follow (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  linli_test_wait_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (branches), ==, n_before);
  g_assert_cmpuint (linli_branch_get_members (linli_org_find_branch (org, first_id, NULL)), ==, members_before);
  assert_follow (f);

  bad_csv = g_strdup_printf ("id,compound,members\nbx-1,%s,3\nbx-2,%s,-4\n", compound, compound);
  g_assert_true (g_file_set_contents (bad, bad_csv, -1, NULL));
  dialog = linli_window_open_org_dialog (f->window, bad_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog)),
                            "bad.csv:3: members: “-4”"));
  g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL);
  linli_test_wait_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (branches), ==, n_before);
  g_assert_null (linli_org_find_branch (org, "bx-1", NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));
  linli_test_remove_dir (dir);
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

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/org-gui/add-undo", test_add_undo);
  ADD ("/org-gui/hide-names", test_hide_names);
  ADD ("/org-gui/jump", test_jump);
  ADD ("/org-gui/chain-colors", test_chain_colors_action);
  ADD ("/org-gui/import-list", test_import_list);
#undef ADD
  return g_test_run ();
}
