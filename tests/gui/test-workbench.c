/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The planner's workbench as a new user meets it: no internal −1 in a
 * field, an editor that forgets a deleted site, Save when closing an
 * import, rows that move the map, the walk in a building's description,
 * screenshots of the size asked, the application icon and the CSV
 * dialog's coordinate system.  Under Xvfb. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "linli-format.h"
#include "linli-gui-test-utils.h"
#include "linli-project-edits.h"
#include "linli-window-private.h"

typedef struct
{
  char        *dir;
  char        *path;     /* a copy of the sample, safe to save over */
  LinliWindow *window;
} Fixture;

static char *
sample_path (void)
{
  return g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli", NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  gsize len;

  f->dir = g_dir_make_tmp ("linli-workbench-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "plan.linli", NULL);
  g_file_get_contents (sample, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->path, contents, len, &error);
  g_assert_no_error (error);

  f->window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  file = g_file_new_for_path (f->path);
  g_assert_true (linli_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      f->window->close_confirmed = TRUE;
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_clear_object (&f->window);
    }
  linli_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
show (Fixture *f)
{
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window->map)))
    g_main_context_iteration (NULL, TRUE);
  linli_test_wait_ms (300);
}

static gpointer
editor_child (Fixture    *f,
              const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->window->site_editor), LINLI_TYPE_SITE_EDITOR, id);

  g_assert_nonnull (child);
  return child;
}

static gpointer
plan_child (Fixture    *f,
            const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->window->plan_panel), LINLI_TYPE_PLAN_PANEL, id);

  g_assert_nonnull (child);
  return child;
}

static void
collect_spins (GtkWidget *widget,
               GPtrArray *spins)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    g_ptr_array_add (spins, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_spins (c, spins);
}

/* Every number field of the window, on every page: none can go below zero,
 * so no wheel or arrow can show an internal −1; and what each shows now is
 * not negative. */
static void
assert_no_negative_spin (Fixture *f)
{
  g_autoptr (GPtrArray) spins = g_ptr_array_new ();

  collect_spins (GTK_WIDGET (f->window), spins);
  g_assert_cmpuint (spins->len, >=, 6);
  for (guint i = 0; i < spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (spins, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

      g_assert_cmpfloat (gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin)), >=, 0);
      g_assert_cmpfloat (gtk_spin_button_get_value (spin), >=, 0);
      g_assert_false (g_str_has_prefix (text, "-") || g_str_has_prefix (text, "−"));
    }
}

static void
test_no_internal_minus_one (Fixture       *f,
                            gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  LinliSite *site = linli_project_get_site (project, 0);
  g_autoptr (LinliSiteState) state = linli_site_dup_state (site);
  GtkCheckButton *cost_check = editor_child (f, "cost_check");
  GtkSpinButton *cost_spin = editor_child (f, "cost_spin");
  GtkCheckButton *budget_check = plan_child (f, "budget_check");
  GtkSpinButton *budget_spin = plan_child (f, "budget_spin");

  show (f);
  assert_no_negative_spin (f);

  /* A site whose cost is not known: an unticked box and a greyed field. */
  state->cost = -1;
  linli_project_edits_change_site (linli_window_get_history (f->window), "cost", site, state);
  linli_window_select_site (f->window, site, FALSE);
  g_assert_false (gtk_check_button_get_active (cost_check));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (cost_spin)));
  assert_no_negative_spin (f);

  /* Ticking it gives the site the field's cost; unticking forgets it. */
  gtk_check_button_set_active (cost_check, TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cost_spin)));
  gtk_spin_button_set_value (cost_spin, 250000);
  g_assert_cmpfloat (linli_site_get_cost (site), ==, 250000);
  gtk_check_button_set_active (cost_check, FALSE);
  g_assert_cmpfloat (linli_site_get_cost (site), <, 0);
  assert_no_negative_spin (f);

  /* No budget is an unticked box: the field is greyed out and the wheel
   * over it has nothing to turn into a sum. */
  g_assert_false (gtk_check_button_get_active (budget_check));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (budget_spin)));
  gtk_check_button_set_active (budget_check, TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (budget_spin)));
}

static void
assert_editor_empty (Fixture *f)
{
  g_assert_null (linli_site_editor_get_site (f->window->site_editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (f, "name_entry"))), ==, "");
  g_assert_cmpfloat (gtk_spin_button_get_value (editor_child (f, "capacity_spin")), ==, 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (editor_child (f, "cost_spin")), ==, 0);
  g_assert_false (gtk_check_button_get_active (editor_child (f, "cost_check")));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (editor_child (f, "box"))));
  for (guint i = 0; i < 6; i++)
    {
      static const char *const ids[] = {
        "childcare_check", "elderly_check", "health_check", "meals_check", "leisure_check", "affairs_check",
      };

      g_assert_false (gtk_check_button_get_active (editor_child (f, ids[i])));
    }
}

/* A site with every field set, so that an editor keeping anything shows. */
static LinliSite *
full_site (Fixture *f)
{
  LinliProject *project = linli_window_get_project (f->window);
  LinliSite *site = linli_project_get_site (project, 0);
  g_autoptr (LinliSiteState) state = linli_site_dup_state (site);

  state->capacity = 1200;
  state->cost = 300000;
  state->services = (1u << 6) - 1;
  linli_project_edits_change_site (linli_window_get_history (f->window), "full", site, state);
  return site;
}

static void
test_editor_forgets_deleted_site (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (GFile) file = g_file_new_for_path (f->path);
  g_autoptr (GError) error = NULL;
  LinliSite *site;

  show (f);
  site = full_site (f);
  linli_window_select_site (f->window, site, FALSE);
  g_assert_cmpfloat (gtk_spin_button_get_value (editor_child (f, "capacity_spin")), ==, 1200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "site.delete", NULL));
  assert_editor_empty (f);

  /* Another file opens: still nothing of the deleted site. */
  f->window->close_confirmed = TRUE;
  g_assert_true (linli_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
  assert_editor_empty (f);

  /* And a site selected when another file opens is let go too. */
  site = full_site (f);
  linli_window_select_site (f->window, site, FALSE);
  g_assert_true (linli_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
  assert_editor_empty (f);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static GtkFileChooser *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_FILE_CHOOSER (w);
    }
  return NULL;
}

/* Answers the window's Save As chooser with @name in the test's folder.
 * The chooser reads a folder asynchronously before it takes a name in it;
 * the test must write nowhere but its own folder.  Returns the path. */
static char *
answer_save_as (Fixture    *f,
                const char *name)
{
  char *saved = g_build_filename (f->dir, name, NULL);
  g_autoptr (GFile) target = g_file_new_for_path (saved);
  g_autoptr (GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr (GFile) chosen = NULL;
  GtkFileChooser *chooser = NULL;

  for (int i = 0; i < 200 && (chooser = find_file_chooser ()) == NULL; i++)
    linli_test_wait_ms (10);
  g_assert_nonnull (chooser);
  g_assert_nonnull (f->window->save_as_chooser);
  for (int i = 0; i < 100; i++)
    {
      g_clear_object (&chosen);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (f->window->save_as_chooser), folder, NULL);
      linli_test_wait_ms (20);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (f->window->save_as_chooser), name);
      chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (f->window->save_as_chooser));
      if (chosen != NULL && g_file_equal (chosen, target))
        break;
    }
  g_assert_nonnull (chosen);
  g_assert_cmpstr (g_file_peek_path (chosen), ==, saved);
  /* The dialog itself checks the name asynchronously before it answers;
   * the answer the window waits for is the native dialog's. */
  g_signal_emit_by_name (f->window->save_as_chooser, "response", GTK_RESPONSE_ACCEPT);
  return saved;
}

/* The sample as an import not saved yet (no file); returns its bytes. */
static GBytes *
set_unsaved_import (Fixture *f)
{
  GBytes *before = linli_format_save_bytes (linli_window_get_project (f->window));
  g_autoptr (LinliProject) imported = NULL;
  g_autoptr (GError) error = NULL;

  imported = linli_format_load_data (g_bytes_get_data (before, NULL), g_bytes_get_size (before), "import", &error);
  g_assert_no_error (error);
  linli_window_set_project (f->window, imported, NULL);
  linli_document_mark_unsaved (linli_window_get_document (f->window));
  g_assert_null (linli_window_get_file (f->window));
  return before;
}

/* Saved at @path, the same project as @before. */
static void
assert_saved_as (const char *path,
                 GBytes     *before)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) reread = NULL;
  g_autoptr (GBytes) after = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  reread = linli_format_load_file (path, &error);
  g_assert_no_error (error);
  after = linli_format_save_bytes (reread);
  g_assert_true (g_bytes_equal (before, after));
}

/* An import not saved yet, closed: the question offers Save, which asks
 * for a file, saves the project there and closes the window. */
static void
test_close_import_offers_save (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GBytes) before = NULL;
  g_autofree char *saved = NULL;
  AdwMessageDialog *dialog;

  show (f);
  before = set_unsaved_import (f);
  gtk_window_close (GTK_WINDOW (f->window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  adw_message_dialog_response (dialog, "save");
  saved = answer_save_as (f, "imported.linli");
  for (int i = 0; i < 200 && gtk_widget_get_visible (GTK_WIDGET (f->window)); i++)
    linli_test_wait_ms (10);

  /* Saved where asked, the same project, and the window closed. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  assert_saved_as (saved, before);
}

typedef struct
{
  guint continued;
  guint freed;
} ReplaceCount;

static void
count_continue (LinliWindow *window,
                gpointer     data)
{
  ((ReplaceCount *) data)->continued++;
}

static void
count_free (gpointer data)
{
  ((ReplaceCount *) data)->freed++;
}

/* An import not saved yet, about to be replaced (another file opened, a
 * new import): the question offers Save As too, which saves where the
 * planner says and then goes on; a cancelled chooser goes nowhere. */
static void
test_replace_import_offers_save (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (GBytes) before = NULL;
  g_autofree char *saved = NULL;
  ReplaceCount count = { 0 };
  AdwMessageDialog *dialog;

  show (f);
  before = set_unsaved_import (f);

  /* Save As, then cancel the chooser: nothing saved, nothing replaced. */
  linli_window_confirm_replace (f->window, "replaced", count_continue, &count, count_free);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "save"), ==, "_Save As…");
  /* (A click answers and closes the dialog; answering from code does not.) */
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  for (int i = 0; i < 200 && f->window->save_as_chooser == NULL; i++)
    linli_test_wait_ms (10);
  g_assert_nonnull (f->window->save_as_chooser);
  g_signal_emit_by_name (f->window->save_as_chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_null (f->window->save_as_chooser);
  g_assert_cmpuint (count.continued, ==, 0);
  g_assert_cmpuint (count.freed, ==, 1);
  g_assert_null (linli_window_get_file (f->window));

  /* Save As, a file chosen: saved there, then the replacement goes on. */
  linli_window_confirm_replace (f->window, "replaced", count_continue, &count, count_free);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  saved = answer_save_as (f, "kept.linli");
  g_assert_cmpuint (count.continued, ==, 1);
  g_assert_cmpuint (count.freed, ==, 2);
  assert_saved_as (saved, before);
  g_assert_nonnull (linli_window_get_file (f->window));
  g_assert_false (linli_window_is_modified (f->window));
}

/* Whether a label under @widget shows exactly @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* A toast's title is markup: names and messages with "&" or "<" (a
 * building called A&B, a path) show as written, not as nothing. */
static void
test_toast_plain_text (Fixture       *f,
                       gconstpointer  data)
{
  const char *text = "A&B <楼> 1号";

  show (f);
  linli_window_toast (f->window, text, 0);
  linli_test_wait_ms (50);
  g_assert_true (shows_label (GTK_WIDGET (f->window->toast_overlay), text));
}

/* Whether the place is within the map as it is drawn now. */
static gboolean
on_map (Fixture *f,
        double   lat,
        double   lon)
{
  ShumateViewport *viewport = shumate_map_get_viewport (f->window->map);
  double x, y;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (f->window->map), lat, lon, &x, &y);
  return x >= 0 && y >= 0 && x <= gtk_widget_get_width (GTK_WIDGET (f->window->map)) &&
         y <= gtk_widget_get_height (GTK_WIDGET (f->window->map));
}

static void
test_community_row_zooms (Fixture       *f,
                          gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  ShumateViewport *viewport = shumate_map_get_viewport (f->window->map);
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (f->window->community_view));

  show (f);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 2);
  for (guint pos = 0; pos < 2; pos++)
    {
      g_autoptr (LinliIndexItem) item = g_list_model_get_item (rows, pos);
      guint community = linli_index_item_get_index (item);
      double fit_zoom;
      guint n_in = 0, n_out = 0;

      linli_window_zoom_to_fit (f->window);
      fit_zoom = shumate_viewport_get_zoom_level (viewport);
      g_signal_emit_by_name (f->window->community_view, "activate", pos);
      linli_test_wait_ms (50);

      /* Closer than the whole district, with every building of the
       * community in sight. */
      g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, fit_zoom);
      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        {
          const LinliBuilding *b = linli_project_get_building (project, i);

          if (linli_project_building_community (project, i) != community)
            continue;
          if (on_map (f, b->lat, b->lon))
            n_in++;
          else
            n_out++;
        }
      g_assert_cmpuint (n_in, >, 0);
      g_assert_cmpuint (n_out, ==, 0);
    }
}

static void
test_proposal_row_shows_site (Fixture       *f,
                              gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  ShumateViewport *viewport = shumate_map_get_viewport (f->window->map);
  GtkListBox *list = plan_child (f, "proposal_list");
  const char **ids;
  const double *adds;
  guint n;

  show (f);
  gtk_stack_set_visible_child_name (f->window->side_stack, "plan");
  linli_plan_panel_set_problem (f->window->plan_panel, LINLI_PLAN_MCLP);
  linli_plan_panel_set_k (f->window->plan_panel, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.plan-run", NULL));
  while (linli_plan_panel_get_running (f->window->plan_panel))
    g_main_context_iteration (NULL, TRUE);
  n = linli_plan_panel_get_proposal (f->window->plan_panel, &ids, &adds);
  g_assert_cmpuint (n, >=, 2);

  for (guint i = 0; i < 2; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      LinliSite *site = linli_project_find_site (project, ids[i], NULL);
      double x, y;

      linli_window_zoom_to_fit (f->window);
      g_signal_emit_by_name (list, "row-activated", row);
      linli_test_wait_ms (50);

      /* The site is in the middle of the map, close up; the plan page
       * stays and the proposal stays checked. */
      g_assert_nonnull (site);
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (f->window->map), linli_site_get_lat (site),
                                                  linli_site_get_lon (site), &x, &y);
      g_assert_cmpfloat (fabs (x - gtk_widget_get_width (GTK_WIDGET (f->window->map)) / 2.0), <, 2);
      g_assert_cmpfloat (fabs (y - gtk_widget_get_height (GTK_WIDGET (f->window->map)) / 2.0), <, 2);
      g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 16);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->side_stack), ==, "plan");
      g_assert_true (linli_window_get_selected_site (f->window) == site);
    }
  /* Both proposals still checked: accepting plans them all. */
  g_assert_cmpuint (linli_plan_panel_accept (f->window->plan_panel), ==, n);
}

/* The nearest counted site by brute force: every site, the whole walk. */
static LinliSite *
brute_nearest (LinliProject *project,
               LinliWalk    *walk,
               guint         building,
               double       *distance)
{
  const LinliProjection *proj = linli_project_get_projection (project);
  const LinliBuilding *b = linli_project_get_building (project, building);
  LinliSite *best = NULL;
  double bx, by;

  *distance = INFINITY;
  linli_projection_forward (proj, b->lat, b->lon, &bx, &by);
  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      double sx, sy, d;

      if (!linli_site_counts_for_coverage (site))
        continue;
      linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &sx, &sy);
      d = walk != NULL ? linli_walk_distance (walk, bx, by, sx, sy)
                       : linli_projection_distance (proj, b->lat, b->lon, linli_site_get_lat (site),
                                                    linli_site_get_lon (site));
      if (d < *distance)
        {
          *distance = d;
          best = site;
        }
    }
  return best;
}

static void
test_building_walk (Fixture       *f,
                    gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  guint n = linli_project_get_n_buildings (project);

  for (int rule = LINLI_DISTANCE_LINE; rule <= LINLI_DISTANCE_STREET; rule++)
    {
      LinliWalk *walk;

      if (rule == LINLI_DISTANCE_STREET && !linli_project_has_streets (project))
        break;
      linli_project_edits_set_distance (linli_window_get_history (f->window), rule);
      walk = rule == LINLI_DISTANCE_STREET ? linli_document_get_walk (linli_window_get_document (f->window)) : NULL;
      for (guint i = 0; i < n; i += MAX (n / 60, 1))
        {
          double want, got;
          LinliSite *expected = brute_nearest (project, walk, i, &want);
          LinliSite *site = linli_window_nearest_site (f->window, i, &got);
          g_autofree char *text = linli_window_describe_building (f->window, i);
          g_autofree char *metres = NULL;

          if (expected == NULL || !isfinite (want))
            {
              g_assert_null (site);
              continue;
            }
          g_assert_cmpfloat_with_epsilon (got, want, 1e-6);
          /* Ties aside, the same site; its name and the metres are told. */
          if (site != expected)
            g_assert_cmpfloat (got, ==, want);
          metres = g_strdup_printf ("%.0f m", want);
          g_assert_nonnull (strstr (text, linli_site_get_name (site)));
          g_assert_nonnull (strstr (text, metres));
        }
    }

  /* For looking at, with $LINLI_TEST_SCREENSHOT_DIR: the toast a click shows. */
  {
    g_autofree char *text = linli_window_describe_building (f->window, 0);

    show (f);
    adw_toast_overlay_add_toast (f->window->toast_overlay, adw_toast_new (text));
    linli_test_screenshot (GTK_WIDGET (f->window), "workbench-building-toast.png");
  }
}

static char *
run_gui (const char *png,
         const char *size,
         int        *status)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *size_arg = g_strdup_printf ("--size=%s", size);
  g_autofree char *png_arg = g_strdup_printf ("--screenshot=%s", png);
  const char *argv[] = { g_getenv ("LINLI_GUI"), png_arg, size_arg, sample, NULL };
  g_autoptr (GError) error = NULL;
  char *err = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, status, &error);
  g_assert_no_error (error);
  return err;
}

/* --screenshot --size=W×H gives a picture of exactly W × H, or none and a
 * reason when the screen cannot hold such a window. */
static void
test_screenshot_size (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;
  const int sizes[][2] = { { 1280, 800 }, { 1920, 1080 } };

  if (g_getenv ("LINLI_GUI") == NULL)
    {
      g_test_skip ("LINLI_GUI is not set");
      return;
    }
  gdk_monitor_get_geometry (monitor, &screen);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *size = g_strdup_printf ("%dx%d", sizes[i][0], sizes[i][1]);
      g_autofree char *png = g_build_filename (f->dir, "shot.png", NULL);
      g_autofree char *err = NULL;
      g_autoptr (GdkTexture) texture = NULL;
      g_autoptr (GError) error = NULL;
      int status = 0;

      if (sizes[i][0] > screen.width || sizes[i][1] > screen.height)
        {
          g_test_message ("%s does not fit the %d×%d screen", size, screen.width, screen.height);
          continue;
        }
      g_unlink (png);
      err = run_gui (png, size, &status);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      texture = gdk_texture_new_from_filename (png, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, sizes[i][0]);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, sizes[i][1]);
    }

  /* Larger than the screen: no picture of another size, and why. */
  {
    g_autofree char *size = g_strdup_printf ("%dx%d", screen.width + 100, screen.height + 100);
    g_autofree char *png = g_build_filename (f->dir, "big.png", NULL);
    g_autofree char *err = NULL;
    int status = 0;
    g_autofree char *asked = g_strdup_printf ("%d×%d", screen.width + 100, screen.height + 100);

    err = run_gui (png, size, &status);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
    g_assert_nonnull (strstr (err, asked));
  }
}

/* The icon comes with the resources (About finds it uninstalled) and in
 * the source tree's hicolor layout that meson installs; both draw. */
static void
test_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  const char *names[] = { "cn.linli.Linli", "cn.linli.Linli-symbolic" };
  const char *files[] = { "scalable/apps/cn.linli.Linli.svg", "symbolic/apps/cn.linli.Linli-symbolic.svg" };

  gtk_icon_theme_add_resource_path (theme, "/cn/linli/Linli/icons");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "icons", "hicolor",
                                                files[i], NULL);
      g_autoptr (GtkIconPaintable) icon = NULL;
      g_autoptr (GFile) file = NULL;
      g_autofree char *uri = NULL;
      g_autoptr (GdkTexture) texture = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree guchar *pixels = NULL;
      guint opaque = 0;
      int w, h;

      g_assert_true (gtk_icon_theme_has_icon (theme, names[i]));
      icon = gtk_icon_theme_lookup_icon (theme, names[i], NULL, 64, 1, GTK_TEXT_DIR_NONE, 0);
      file = gtk_icon_paintable_get_file (icon);
      g_assert_nonnull (file);
      uri = g_file_get_uri (file);
      g_assert_true (g_str_has_prefix (uri, "resource:///cn/linli/Linli/icons/"));

      /* The installed file parses and is not blank. */
      texture = gdk_texture_new_from_filename (path, &error);
      g_assert_no_error (error);
      w = gdk_texture_get_width (texture);
      h = gdk_texture_get_height (texture);
      pixels = g_malloc ((gsize) w * h * 4);
      gdk_texture_download (texture, pixels, w * 4);
      for (int p = 0; p < w * h; p++)
        if (pixels[4 * p + 3] > 128)
          opaque++;
      g_assert_cmpuint (opaque, >, (guint) (w * h / 10));
    }
}

static GtkWidget *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_combo_row (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_labels (GtkWidget  *widget,
                const char *text,
                GPtrArray  *labels)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, text, labels);
}

/* The CSV dialog shows the whole name of every coordinate system. */
static void
test_csv_crs_label (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "points.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (csv);
  g_autoptr (GError) error = NULL;
  LinliCsvDialog *dialog;
  AdwComboRow *row;
  GListModel *names;

  g_assert_true (g_file_set_contents (csv, "名称,纬度,经度\n甲,31.2416,121.4958\n", -1, NULL));
  show (f);
  dialog = linli_window_open_csv_dialog (f->window, file, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  linli_test_wait_ms (300);
  row = ADW_COMBO_ROW (find_combo_row (GTK_WIDGET (dialog), _("Coordinate system")));
  g_assert_nonnull (row);
  names = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (names), i);
      g_autoptr (GPtrArray) labels = g_ptr_array_new ();

      adw_combo_row_set_selected (row, i);
      linli_test_wait_ms (100);
      collect_labels (GTK_WIDGET (row), name, labels);
      g_assert_cmpuint (labels->len, >=, 1);
      for (guint l = 0; l < labels->len; l++)
        g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (g_ptr_array_index (labels, l))));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The legend folds down to its title row, moves within the map and
 * nowhere else, and the exported map carries it only when asked: without
 * it, the export differs from the one with it only inside the legend's
 * box in the lower left corner. */
static void
test_legend (Fixture       *f,
             gconstpointer  data)
{
  LinliPainter *painter = linli_map_layer_get_painter (f->window->layer);
  g_autofree char *with = g_build_filename (f->dir, "with.png", NULL);
  g_autofree char *without = g_build_filename (f->dir, "without.png", NULL);
  g_autoptr (GdkTexture) a = NULL;
  g_autoptr (GdkTexture) b = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree guchar *pa = NULL;
  g_autofree guchar *pb = NULL;
  cairo_surface_t *scratch;
  cairo_t *cr;
  double lw = 0, lh = 0;
  int open_height, w, h, room_x, room_y;
  guint n_differ = 0;

  show (f);
  open_height = gtk_widget_get_height (f->window->legend);

  /* Folded: only the title row is left. */
  gtk_toggle_button_set_active (f->window->legend_toggle, FALSE);
  linli_test_wait_ms (600);
  g_assert_cmpint (gtk_widget_get_height (f->window->legend), <, open_height / 4);
  g_assert_cmpint (gtk_widget_get_height (f->window->legend), >=,
                   gtk_widget_get_height (f->window->legend_header));
  gtk_toggle_button_set_active (f->window->legend_toggle, TRUE);
  linli_test_wait_ms (600);
  g_assert_cmpint (gtk_widget_get_height (f->window->legend), ==, open_height);

  /* Moved, and kept whole inside the map however far it is dragged. */
  room_x = gtk_widget_get_width (GTK_WIDGET (f->window->map_overlay)) - gtk_widget_get_width (f->window->legend);
  room_y = gtk_widget_get_height (GTK_WIDGET (f->window->map_overlay)) - gtk_widget_get_height (f->window->legend);
  linli_window_move_legend (f->window, 40, 30);
  g_assert_cmpint (gtk_widget_get_margin_start (f->window->legend), ==, 40);
  g_assert_cmpint (gtk_widget_get_margin_bottom (f->window->legend), ==, 30);
  linli_window_move_legend (f->window, 100000, 100000);
  g_assert_cmpint (gtk_widget_get_margin_start (f->window->legend), ==, MAX (room_x, 0));
  g_assert_cmpint (gtk_widget_get_margin_bottom (f->window->legend), ==, MAX (room_y, 0));
  linli_window_move_legend (f->window, -50, -50);
  g_assert_cmpint (gtk_widget_get_margin_start (f->window->legend), ==, 0);
  g_assert_cmpint (gtk_widget_get_margin_bottom (f->window->legend), ==, 0);

  g_assert_true (linli_window_export_map_png (f->window, with, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (linli_window_export_map_png (f->window, without, FALSE, &error));
  g_assert_no_error (error);
  a = gdk_texture_new_from_filename (with, &error);
  g_assert_no_error (error);
  b = gdk_texture_new_from_filename (without, &error);
  g_assert_no_error (error);
  w = gdk_texture_get_width (a);
  h = gdk_texture_get_height (a);
  g_assert_cmpint (gdk_texture_get_width (b), ==, w);
  g_assert_cmpint (gdk_texture_get_height (b), ==, h);
  pa = g_malloc ((gsize) w * h * 4);
  pb = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (a, pa, w * 4);
  gdk_texture_download (b, pb, w * 4);

  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (scratch);
  g_assert_true (linli_painter_get_legend_size (painter, cr, &lw, &lh));
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (memcmp (pa + ((gsize) y * w + x) * 4, pb + ((gsize) y * w + x) * 4, 4) != 0)
        {
          n_differ++;
          /* The legend's box with the margin it is drawn at. */
          g_assert_cmpfloat (x, <=, lw + 32);
          g_assert_cmpfloat (y, >=, h - lh - 32);
        }
  g_assert_cmpuint (n_differ, >, (guint) (lw * lh / 10));
}

/* Rows of a list wholly in sight within its scrolled window. */
static guint
rows_in_sight (GtkListView *view)
{
  GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (view));
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t b;

      if (!gtk_widget_get_mapped (row) || !gtk_widget_compute_bounds (row, scroller, &b) ||
          b.size.height < 10)
        continue;
      if (b.origin.y >= 0 && b.origin.y + b.size.height <= gtk_widget_get_height (scroller) + 0.5)
        n++;
    }
  return n;
}

/* At 1280 × 800 the side panel shows more than one row of each list, and
 * the plan's accept button is in the window, not below it. */
static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *accept = plan_child (f, "accept_button");
  graphene_rect_t b;

  show (f);
  g_test_message ("community rows %u, site rows %u", rows_in_sight (f->window->community_view),
                  rows_in_sight (f->window->site_view));
  g_assert_cmpuint (rows_in_sight (f->window->community_view), >=, 2);
  g_assert_cmpuint (rows_in_sight (f->window->site_view), >=, 2);

  gtk_stack_set_visible_child_name (f->window->side_stack, "plan");
  linli_test_wait_ms (200);
  g_assert_true (gtk_widget_get_mapped (accept));
  g_assert_true (gtk_widget_compute_bounds (accept, GTK_WIDGET (f->window), &b));
  g_assert_cmpfloat (b.origin.y + b.size.height, <=, gtk_widget_get_height (GTK_WIDGET (f->window)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/workbench/no-internal-minus-one", test_no_internal_minus_one);
  ADD ("/workbench/editor-forgets-deleted-site", test_editor_forgets_deleted_site);
  ADD ("/workbench/close-import-offers-save", test_close_import_offers_save);
  ADD ("/workbench/replace-import-offers-save", test_replace_import_offers_save);
  ADD ("/workbench/toast-plain-text", test_toast_plain_text);
  ADD ("/workbench/community-row-zooms", test_community_row_zooms);
  ADD ("/workbench/proposal-row-shows-site", test_proposal_row_shows_site);
  ADD ("/workbench/building-walk", test_building_walk);
  ADD ("/workbench/screenshot-size", test_screenshot_size);
  ADD ("/workbench/csv-crs-label", test_csv_crs_label);
  ADD ("/workbench/legend", test_legend);
  ADD ("/workbench/layout", test_layout);
#undef ADD
  g_test_add_func ("/workbench/icon", test_icon);

  return g_test_run ();
}
