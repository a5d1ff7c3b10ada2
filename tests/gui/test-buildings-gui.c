/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Buildings page under Xvfb: several buildings selected with the
 * lasso (checked against which buildings lie in it on screen, counted
 * here), their households edited as one step and undone, a community and
 * a compound made through their dialogs with the selection put in it, and
 * the document's coverage compared with a fresh one after each step. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "linli-building-editor.h"
#include "linli-format.h"
#include "linli-grids.h"
#include "linli-gui-test-utils.h"
#include "linli-window-private.h"

#define T(s) g_dgettext (GETTEXT_PACKAGE, s)

/* Auxiliary methods */

static void
assert_coverage_fresh (LinliWindow *window)
{
  LinliProject *project = linli_window_get_project (window);
  g_autoptr (LinliProject) copy = linli_project_copy (project);
  g_autoptr (LinliCoverage) fresh = linli_coverage_compute (copy, NULL);
  const LinliCoverage *shown = linli_document_get_coverage (window->document);

  g_assert_cmpuint (linli_coverage_get_district (shown)->households, ==,
                    linli_coverage_get_district (fresh)->households);
  g_assert_cmpuint (linli_coverage_get_district (shown)->households_covered, ==,
                    linli_coverage_get_district (fresh)->households_covered);
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    {
      g_assert_cmpuint (linli_coverage_get_community (shown, c)->households, ==,
                        linli_coverage_get_community (fresh, c)->households);
      g_assert_cmpuint (linli_coverage_get_community (shown, c)->households_covered, ==,
                        linli_coverage_get_community (fresh, c)->households_covered);
    }
}

/* The editor's entries in the order of the page: name, households,
 * residents, party members. */
static void
collect_entries (GtkWidget *widget,
                 GPtrArray *entries)
{
  if (GTK_IS_ENTRY (widget))
    g_ptr_array_add (entries, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_ENTRY (widget))
      collect_entries (child, entries);
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (checks, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

static GtkDropDown *
find_dropdown (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return GTK_DROP_DOWN (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_dropdown (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, k);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* Answers the name dialog an action opened: types @name, picks the last
 * community if it asks for one, and applies. */
static void
answer_dialog (const char *name)
{
  AdwMessageDialog *dialog;
  GtkWidget *box, *entry, *dropdown;

  linli_test_wait_ms (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  box = adw_message_dialog_get_extra_child (dialog);
  entry = gtk_widget_get_first_child (box);
  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  dropdown = gtk_widget_get_next_sibling (entry);
  if (dropdown != NULL && GTK_IS_DROP_DOWN (dropdown))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))) - 1);
  /* A click on the button answers and closes; here both are done by hand. */
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  linli_test_wait_ms (50);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Tests */

static void
test_buildings_page (void)
{
  LinliWindow *window = linli_test_sample_window ();
  LinliProject *project = linli_window_get_project (window);
  LinliHistory *history = linli_window_get_history (window);
  ShumateViewport *viewport = shumate_map_get_viewport (window->map);
  g_autoptr (LinliProject) before = linli_project_copy (project);
  g_autoptr (GArray) expect = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  double x0, y0, x1, y1, cx, cy;
  guint n = 0, n_communities;
  const guint *sel;
  gboolean differ = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window->map)))
    g_main_context_iteration (NULL, TRUE);
  linli_test_wait_ms (300);

  /* A lasso square around the middle of the map, 160 px a side. */
  cx = gtk_widget_get_width (GTK_WIDGET (window->map)) / 2.0;
  cy = gtk_widget_get_height (GTK_WIDGET (window->map)) / 2.0;
  x0 = cx - 80, y0 = cy - 80, x1 = cx + 80, y1 = cy + 80;
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (window->map), b->lat, b->lon, &x, &y);
      if (x > x0 && x < x1 && y > y0 && y < y1)
        g_array_append_val (expect, i);
    }
  g_assert_cmpuint (expect->len, >, 1);
  g_assert_true (linli_window_lasso_begin (window, x0, y0));
  for (guint k = 1; k <= 10; k++)
    linli_window_lasso_update (window, x0 + (x1 - x0) * k / 10, y0);
  for (guint k = 1; k <= 10; k++)
    linli_window_lasso_update (window, x1, y0 + (y1 - y0) * k / 10);
  for (guint k = 1; k <= 10; k++)
    linli_window_lasso_update (window, x1 - (x1 - x0) * k / 10, y1);
  for (guint k = 1; k < 10; k++)
    linli_window_lasso_update (window, x0, y1 - (y1 - y0) * k / 10);
  linli_window_lasso_end (window);
  sel = linli_building_editor_get_selection (window->building_editor, &n);
  {
    g_autofree guint *sorted = g_memdup2 (sel, n * sizeof (guint));

    qsort (sorted, n, sizeof (guint), compare_uint);
    g_assert_cmpmem (sorted, n * sizeof (guint), expect->data, expect->len * sizeof (guint));
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->side_stack), ==, "buildings");

  /* Households that differ show "mixed". */
  collect_entries (GTK_WIDGET (window->building_editor), entries);
  g_assert_cmpuint (entries->len, ==, 4);
  for (guint k = 1; k < n; k++)
    differ |= linli_project_get_building (project, sel[k])->households !=
              linli_project_get_building (project, sel[0])->households;
  if (differ)
    {
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entries->pdata[1])), ==, "");
      g_assert_cmpstr (gtk_entry_get_placeholder_text (entries->pdata[1]), ==, T ("mixed"));
    }
  {
    gboolean several = FALSE;
    GtkDropDown *compound = find_dropdown (GTK_WIDGET (window->building_editor));

    for (guint k = 1; k < n; k++)
      several |= linli_project_get_building (project, sel[k])->compound !=
                 linli_project_get_building (project, sel[0])->compound;
    /* Item 0 is "mixed"; compounds follow from 1. */
    g_assert_cmpuint (gtk_drop_down_get_selected (compound), ==,
                      several ? 0 : linli_project_get_building (project, sel[0])->compound + 1);
  }
  linli_test_screenshot (GTK_WIDGET (window), "buildings-selected.png");

  /* Households 42 for the lot, one step; the rest stay. */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "42");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->building_editor), "building.apply", NULL));
  for (guint i = 0, k = 0; i < linli_project_get_n_buildings (project); i++)
    {
      gboolean in = k < expect->len && g_array_index (expect, guint, k) == i;

      g_assert_cmpuint (linli_project_get_building (project, i)->households, ==,
                        in ? 42 : linli_project_get_building (before, i)->households);
      g_assert_cmpuint (linli_project_get_building (project, i)->residents, ==,
                        linli_project_get_building (before, i)->residents);
      k += in;
    }
  assert_coverage_fresh (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  linli_test_wait_ms (50);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    g_assert_cmpuint (linli_project_get_building (project, i)->households, ==,
                      linli_project_get_building (before, i)->households);
  g_assert_false (linli_history_get_modified (history));
  assert_coverage_fresh (window);

  /* A new community, then a new compound in it holding the selection. */
  n_communities = linli_project_get_n_communities (project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "community.new", NULL));
  answer_dialog ("测试社区");
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, n_communities + 1);
  g_assert_cmpstr (linli_project_get_community (project, n_communities)->name, ==, "测试社区");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "compound.new", NULL));
  answer_dialog ("测试小区");
  for (guint k = 0; k < expect->len; k++)
    {
      guint i = g_array_index (expect, guint, k);

      g_assert_cmpuint (linli_project_building_community (project, i), ==, n_communities);
      g_assert_cmpstr (linli_project_get_compound (project, linli_project_get_building (project, i)->compound)->name,
                       ==, "测试小区");
    }
  assert_coverage_fresh (window);
  linli_test_screenshot (GTK_WIDGET (window), "buildings-new-compound.png");

  /* The compound and its buildings undo as one step, then the community. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  linli_test_wait_ms (50);
  g_assert_false (linli_history_get_modified (history));
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, n_communities);
  g_assert_cmpuint (linli_project_get_n_compounds (project), ==, linli_project_get_n_compounds (before));
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    g_assert_cmpuint (linli_project_get_building (project, i)->compound, ==,
                      linli_project_get_building (before, i)->compound);
  assert_coverage_fresh (window);

  linli_test_close_window (window);
}

/* A new community has no building: the New Community dialog goes on to
 * drawing its boundary (named in the hint), and "Assign by Community
 * Boundaries" then moves exactly the buildings inside it there. */
static void
test_new_community_boundary (void)
{
  LinliWindow *window = linli_test_sample_window ();
  LinliProject *project = linli_window_get_project (window);
  LinliGrids *grids = linli_project_get_grids (project);
  double min_lat, min_lon, max_lat, max_lon, lat0, lon0, lat1, lon1;
  g_autoptr (GArray) inside = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *community_before = NULL;
  guint n_communities, n, moved = 0;

  gtk_window_present (GTK_WINDOW (window));
  linli_test_wait_ms (100);
  n = linli_project_get_n_buildings (project);
  community_before = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    community_before[i] = linli_project_building_community (project, i);
  /* Some of the sample's communities have boundaries of their own, which
   * "Assign by Community Boundaries" would apply too: only the new one
   * counts here. */
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    linli_grids_set_community_boundary (grids, c, NULL);

  n_communities = linli_project_get_n_communities (project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "community.new", NULL));
  answer_dialog ("新建社区");
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, n_communities + 1);
  g_assert_cmpint (linli_window_get_grid_tool (window), ==, LINLI_GRID_TOOL_COMMUNITY_BOUNDARY);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->grid_hint)));
  g_assert_nonnull (strstr (gtk_label_get_text (window->grid_hint), "新建社区"));

  /* A rectangle over the south-west quarter of the district. */
  g_assert_true (linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon));
  lat0 = min_lat - 1e-4, lon0 = min_lon - 1e-4;
  lat1 = (min_lat + max_lat) / 2, lon1 = (min_lon + max_lon) / 2;
  linli_window_grid_tool_click_at (window, lat0, lon0);
  linli_window_grid_tool_click_at (window, lat0, lon1);
  linli_window_grid_tool_click_at (window, lat1, lon1);
  linli_window_grid_tool_click_at (window, lat1, lon0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "grid.finish", NULL));
  g_assert_cmpint (linli_window_get_grid_tool (window), ==, LINLI_GRID_TOOL_NONE);
  g_assert_nonnull (linli_grids_get_community_boundary (grids, n_communities));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "community.assign-by-boundary", NULL));
  linli_test_wait_ms (50);
  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      gboolean in = b->lat > lat0 && b->lat < lat1 && b->lon > lon0 && b->lon < lon1;

      g_assert_cmpuint (linli_project_building_community (project, i), ==, in ? n_communities : community_before[i]);
      moved += in;
    }
  g_assert_cmpuint (moved, >, 0);
  g_assert_cmpuint (moved, <, n);
  assert_coverage_fresh (window);
  linli_test_close_window (window);
}

/* The editor shows party members the data did not give as unknown, not 0,
 * and sets them unknown and known again; each apply is checked on the
 * building itself. */
static void
test_members_unknown (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = linli_document_new_for_path (path, &error);
  LinliProject *project;
  GtkWidget *editor = g_object_ref_sink (linli_building_editor_new ());
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  g_autoptr (GPtrArray) checks = g_ptr_array_new ();
  GtkEditable *members;
  GtkCheckButton *unknown = NULL;
  const guint sel[] = { 0 };
  const LinliBuilding *b;

  g_assert_no_error (error);
  project = linli_document_get_project (document);
  b = linli_project_get_building (project, 0);
  linli_building_editor_set_document (LINLI_BUILDING_EDITOR (editor), document);
  collect_entries (editor, entries);
  collect_checks (editor, checks);
  g_assert_cmpuint (entries->len, ==, 4);
  members = GTK_EDITABLE (entries->pdata[3]);
  for (guint k = 0; k < checks->len; k++)
    if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[k]), T ("Party members unknown")) == 0)
      unknown = checks->pdata[k];
  g_assert_nonnull (unknown);

  /* Set unknown: the count goes, the entry says unknown. */
  linli_building_editor_set_selection (LINLI_BUILDING_EDITOR (editor), sel, 1);
  gtk_check_button_set_active (unknown, TRUE);
  g_assert_true (linli_building_editor_apply (LINLI_BUILDING_EDITOR (editor)));
  g_assert_true (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
  g_assert_cmpuint (b->party_members, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (members), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (members)), ==, T ("unknown"));
  g_assert_true (gtk_check_button_get_active (unknown));

  /* A number typed makes them known. */
  gtk_editable_set_text (members, "5");
  g_assert_false (gtk_check_button_get_active (unknown));
  g_assert_true (linli_building_editor_apply (LINLI_BUILDING_EDITOR (editor)));
  g_assert_false (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
  g_assert_cmpuint (b->party_members, ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (members), ==, "5");

  /* Unknown again, then known as none: the entry shows 0 before apply. */
  gtk_check_button_set_active (unknown, TRUE);
  g_assert_true (linli_building_editor_apply (LINLI_BUILDING_EDITOR (editor)));
  gtk_check_button_set_active (unknown, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (members), ==, "0");
  g_assert_true (linli_building_editor_apply (LINLI_BUILDING_EDITOR (editor)));
  g_assert_false (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
  g_assert_cmpuint (b->party_members, ==, 0);

  linli_building_editor_set_document (LINLI_BUILDING_EDITOR (editor), NULL);
  g_object_unref (editor);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/buildings-gui/page", test_buildings_page);
  g_test_add_func ("/buildings-gui/members-unknown", test_members_unknown);
  g_test_add_func ("/buildings-gui/new-community-boundary", test_new_community_boundary);

  return g_test_run ();
}
