/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window, driven through its actions under Xvfb. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <math.h>

#include "linli-crs.h"
#include "linli-project-edits.h"
#include "linli-format.h"
#include "linli-gui-test-utils.h"
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

  f->dir = g_dir_make_tmp ("linli-gui-XXXXXX", &error);
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
  f->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  linli_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
activate (Fixture    *f,
          const char *action,
          const char *string_param)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action,
                                             string_param ? "s" : NULL, string_param));
}

/* A widget of the site editor, by its id in the editor's template. */
static gpointer
editor_child (Fixture    *f,
              const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->window->site_editor), LINLI_TYPE_SITE_EDITOR, id);

  g_assert_nonnull (child);
  return child;
}

static GBytes *
project_bytes (Fixture *f)
{
  return linli_format_save_bytes (linli_window_get_project (f->window));
}

/* The first existing site: the one the test moves. */
static LinliSite *
first_existing_site (LinliProject *project)
{
  for (guint i = 0; i < linli_project_get_n_sites (project); i++)
    {
      LinliSite *site = linli_project_get_site (project, i);

      if (linli_site_get_status (site) == LINLI_SITE_STATUS_EXISTING)
        return site;
    }
  g_assert_not_reached ();
}

static void
test_open_move_undo_save (Fixture       *f,
                          gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  LinliHistory *history = linli_window_get_history (f->window);
  g_autoptr (GBytes) original = project_bytes (f);
  g_autoptr (GBytes) moved = NULL;
  g_autoptr (GBytes) reloaded_bytes = NULL;
  g_autoptr (LinliProject) reloaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *label_before = NULL;
  LinliSite *site = first_existing_site (project);
  LinliCoverageTotals before = *linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)));
  LinliCoverageTotals after;
  double lon0 = linli_site_get_lon (site);

  g_assert_cmpuint (linli_project_get_n_buildings (project), >, 500);
  g_assert_false (linli_history_get_modified (history));
  label_before = g_strdup (gtk_label_get_text (f->window->households_label));

  /* Select the site and walk it 400 m east with the keyboard action. */
  activate (f, "win.select-site", linli_site_get_id (site));
  g_assert_true (linli_window_get_selected_site (f->window) == site);
  for (int i = 0; i < 40; i++)
    activate (f, "site.nudge", "east");
  g_assert_cmpfloat (linli_site_get_lon (site), >, lon0);
  g_assert_true (linli_history_get_modified (history));

  after = *linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)));
  g_assert_cmpuint (after.households_covered, !=, before.households_covered);
  g_assert_cmpstr (gtk_label_get_text (f->window->households_label), !=, label_before);

  /* The figures shown are the figures of a fresh computation. */
  {
    g_autoptr (LinliCoverage) fresh = linli_coverage_compute_brute_force (project);
    g_assert_cmpuint (linli_coverage_get_district (fresh)->households_covered, ==, after.households_covered);
  }

  /* Undo every step: the project is byte for byte the original. */
  moved = project_bytes (f);
  for (int i = 0; i < 40; i++)
    activate (f, "win.undo", NULL);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL) &&
                  linli_history_get_can_undo (history));
  {
    g_autoptr (GBytes) undone = project_bytes (f);
    g_assert_true (g_bytes_equal (undone, original));
  }
  g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households_covered,
                    ==, before.households_covered);
  g_assert_cmpstr (gtk_label_get_text (f->window->households_label), ==, label_before);
  g_assert_false (linli_history_get_modified (history));

  /* Redo it all, save through the action, load the file again: equal. */
  for (int i = 0; i < 40; i++)
    activate (f, "win.redo", NULL);
  {
    g_autoptr (GBytes) redone = project_bytes (f);
    g_assert_true (g_bytes_equal (redone, moved));
  }
  activate (f, "win.save", NULL);
  g_assert_false (linli_history_get_modified (history));
  reloaded = linli_format_load_file (f->path, &error);
  g_assert_no_error (error);
  reloaded_bytes = linli_format_save_bytes (reloaded);
  g_assert_true (g_bytes_equal (reloaded_bytes, moved));
}

static void
test_add_edit_delete (Fixture       *f,
                      gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  g_autoptr (GBytes) original = project_bytes (f);
  guint n_sites = linli_project_get_n_sites (project);
  guint64 covered = linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households_covered;
  const guint *uncovered;
  guint n_uncovered, target_index;
  const LinliBuilding *target;
  LinliSite *site;
  gboolean mode;

  /* Add mode is a stateful action mirrored by the window's property. */
  activate (f, "win.add-site-mode", NULL);
  g_object_get (f->window, "add-site-mode", &mode, NULL);
  g_assert_true (mode);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->map_hint)));

  /* Place a site on the biggest uncovered building: coverage must grow. */
  uncovered = linli_coverage_get_uncovered (linli_document_get_coverage (linli_window_get_document (f->window)), &n_uncovered);
  g_assert_cmpuint (n_uncovered, >, 0);
  /* The array belongs to the coverage, which the edit replaces: copy. */
  target_index = uncovered[0];
  target = linli_project_get_building (project, target_index);
  linli_window_add_site_at (f->window, target->lat, target->lon);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, n_sites + 1);
  site = linli_window_get_selected_site (f->window);
  g_assert_nonnull (site);
  g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_PLANNED);
  g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households_covered,
                    >, covered);
  g_assert_true (linli_coverage_is_covered (linli_document_get_coverage (linli_window_get_document (f->window)), target_index));
  activate (f, "win.cancel", NULL);
  g_object_get (f->window, "add-site-mode", &mode, NULL);
  g_assert_false (mode);
  activate (f, "win.show-candidate-circles", NULL);
  g_assert_true (f->window->show_candidate_circles);

  /* Edit through the editor widgets: the editor shows the selected site. */
  g_assert_true (linli_site_editor_get_site (f->window->site_editor) == site);
  gtk_editable_set_text (editor_child (f, "name_entry"), "新建党群服务站");
  g_signal_emit_by_name (editor_child (f, "name_entry"), "activate");
  g_assert_cmpstr (linli_site_get_name (site), ==, "新建党群服务站");
  gtk_drop_down_set_selected (editor_child (f, "status_dropdown"), LINLI_SITE_STATUS_CANDIDATE);
  g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_CANDIDATE);
  /* A candidate does not count, so coverage falls back. */
  g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households_covered,
                    ==, covered);
  gtk_check_button_set_active (editor_child (f, "elderly_check"), TRUE);
  g_assert_cmpuint (linli_site_get_services (site), ==, LINLI_SERVICE_ELDERLY);

  /* Walking rule from the side panel: a longer walk covers more. */
  gtk_spin_button_set_value (f->window->minutes_spin, 15);
  g_assert_cmpfloat (linli_project_get_walk_minutes (project), ==, 15);
  g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households_covered,
                    >, covered);

  /* Delete, then undo everything: back to the original bytes. */
  activate (f, "site.delete", NULL);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, n_sites);
  g_assert_null (linli_window_get_selected_site (f->window));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "site.delete", NULL) &&
                  linli_project_get_n_sites (project) != n_sites);
  while (linli_history_get_can_undo (linli_window_get_history (f->window)))
    activate (f, "win.undo", NULL);
  {
    g_autoptr (GBytes) undone = project_bytes (f);
    g_assert_true (g_bytes_equal (undone, original));
  }
  g_assert_cmpfloat (gtk_spin_button_get_value (f->window->minutes_spin), ==, 10);
}

static void
test_hostile_open_keeps_project (Fixture       *f,
                                 gconstpointer  data)
{
  const char *bad[] = {
    "<?xml version=\"1.0\"?>\n<!DOCTYPE linli [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<linli version=\"1\">&x;</linli>\n",
    "<?xml version=\"1.0\"?>\n<linli version=\"1\">\n<communities>\n<community id=\"a\"/>\n<community id=\"a\"/>\n</communities></linli>\n",
    "<?xml version=\"1.0\"?>\n<linli version=\"1\">\n<communities>\n",
  };
  const int lines[] = { 2, 5, 3 };
  LinliProject *project = linli_window_get_project (f->window);
  g_autoptr (GBytes) original = project_bytes (f);
  guint64 covered = linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households_covered;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/bad%u.linli", f->dir, i);
      g_autofree char *prefix = g_strdup_printf ("%s:%d:", path, lines[i]);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;

      g_file_set_contents (path, bad[i], -1, NULL);
      g_assert_false (linli_window_open_file (f->window, file, &error));
      g_assert_error (error, LINLI_FORMAT_ERROR, error->code);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_true (linli_window_get_project (f->window) == project);
      g_assert_cmpstr (g_file_peek_path (linli_window_get_file (f->window)), ==, f->path);
      {
        g_autoptr (GBytes) now = project_bytes (f);
        g_assert_true (g_bytes_equal (now, original));
      }
      g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households_covered,
                        ==, covered);
    }

  /* A device or a named pipe, opened or imported: "not a regular file",
   * at once, and the project stays. */
  {
    g_autofree char *fifo = g_build_filename (f->dir, "pipe.linli", NULL);
    const char *paths[] = { "/dev/zero", fifo };

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      for (guint import = 0; import < 2; import++)
        {
          g_autoptr (GFile) file = g_file_new_for_path (paths[i]);
          g_autoptr (GError) error = NULL;
          LinliImportOptions opts;

          linli_import_options_init (&opts);
          if (import)
            g_assert_false (linli_window_import (f->window, file, &opts, &error));
          else
            g_assert_false (linli_window_open_file (f->window, file, &error));
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, paths[i]));
          g_assert_nonnull (strstr (error->message, "not a regular file"));
          g_assert_true (linli_window_get_project (f->window) == project);
        }
    g_unlink (fifo);
  }
}

static void
test_close_prompts_when_modified (Fixture       *f,
                                  gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_before;
  AdwMessageDialog *dialog = NULL;

  gtk_window_present (GTK_WINDOW (f->window));
  activate (f, "win.select-site", linli_site_get_id (linli_project_get_site (project, 0)));
  activate (f, "site.nudge", "north");
  n_before = g_list_model_get_n_items (toplevels);
  gtk_window_close (GTK_WINDOW (f->window));

  /* Still open, with a question on top. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w))
        dialog = ADW_MESSAGE_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));

  /* Cancel keeps the window and the change. */
  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_true (linli_history_get_modified (linli_window_get_history (f->window)));
}

/* A building well away from sites, circle edges and labels, so its centre
 * pixel can only be the building's own colour. */
static int
find_clear_building (LinliProject        *project,
                     const LinliCoverage *coverage,
                     gboolean             covered)
{
  const LinliProjection *proj = linli_project_get_projection (project);
  double radius = linli_coverage_get_radius (coverage);

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      gboolean clear = TRUE;

      if (linli_coverage_is_covered (coverage, i) != covered)
        continue;
      for (guint s = 0; s < linli_project_get_n_sites (project) && clear; s++)
        {
          LinliSite *site = linli_project_get_site (project, s);
          double d = linli_projection_distance (proj, b->lat, b->lon, linli_site_get_lat (site),
                                                linli_site_get_lon (site));

          if (d < 150 || fabs (d - radius) < 20)
            clear = FALSE;
        }
      {
        /* Keep clear of the community label along the community's top edge:
         * some building of its community must lie 120 m further north. */
        gboolean below_top = FALSE;

        for (guint j = 0; j < linli_project_get_n_buildings (project); j++)
          if (linli_project_building_community (project, j) == linli_project_building_community (project, i) &&
              (linli_project_get_building (project, j)->lat - b->lat) * proj->m_per_deg_lat > 120)
            {
              below_top = TRUE;
              break;
            }
        clear = clear && below_top;
      }
      if (clear)
        return i;
    }
  return -1;
}

static void
test_render_png (Fixture       *f,
                 gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  const LinliCoverage *coverage = linli_document_get_coverage (linli_window_get_document (f->window));
  ShumateViewport *viewport = shumate_map_get_viewport (f->window->map);
  g_autofree char *png = g_build_filename (f->dir, "map.png", NULL);
  g_autoptr (GError) error = NULL;

  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window->map)))
    g_main_context_iteration (NULL, TRUE);
  linli_test_wait_ms (300);

  for (int want_covered = 1; want_covered >= 0; want_covered--)
    {
      int index = find_clear_building (project, coverage, want_covered);
      const LinliBuilding *b;
      g_autoptr (GdkTexture) texture = NULL;
      g_autofree guchar *pixels = NULL;
      double x, y;
      int w, h, n_distinct = 0;
      guint32 first;

      g_assert_cmpint (index, >=, 0);
      b = linli_project_get_building (project, index);
      shumate_viewport_set_zoom_level (viewport, 17);
      shumate_map_center_on (f->window->map, b->lat, b->lon);
      linli_test_wait_ms (200);

      g_assert_true (linli_window_save_png (f->window, TRUE, png, &error));
      g_assert_no_error (error);
      texture = gdk_texture_new_from_filename (png, &error);
      g_assert_no_error (error);
      w = gdk_texture_get_width (texture);
      h = gdk_texture_get_height (texture);
      g_assert_cmpint (w, ==, gtk_widget_get_width (GTK_WIDGET (f->window->map_overlay)));
      pixels = g_malloc ((gsize) w * h * 4);
      gdk_texture_download (texture, pixels, w * 4);

      /* Not empty: many colours, not one flat fill. */
      first = linli_test_pixel_at (texture, pixels, 0, 0);
      for (int py = 0; py < h && n_distinct < 50; py += 7)
        for (int px = 0; px < w; px += 7)
          if (!linli_test_colour_near (linli_test_pixel_at (texture, pixels, px, py), first))
            n_distinct++;
      g_assert_cmpint (n_distinct, >=, 50);

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (f->window->map), b->lat, b->lon, &x, &y);
      g_assert_true (linli_test_colour_near (linli_test_pixel_at (texture, pixels, (int) round (x), (int) round (y)),
                                  want_covered ? LINLI_COLOR_COVERED : LINLI_COLOR_UNCOVERED));
    }

  /* And the whole window renders too, at its own size. */
  g_assert_true (linli_window_save_png (f->window, FALSE, png, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GdkTexture) texture = gdk_texture_new_from_filename (png, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (f->window)));
  }

  /* Into a folder that is not there: both exports fail, naming the file. */
  for (int map_only = 0; map_only <= 1; map_only++)
    {
      g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "map.png", NULL);

      g_assert_false (linli_window_save_png (f->window, map_only, missing, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "map.png"));
      g_clear_error (&error);
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    }
}

static void
assert_totals_same (const LinliCoverageTotals *a,
                    const LinliCoverageTotals *b)
{
  g_assert_cmpuint (a->buildings_covered, ==, b->buildings_covered);
  g_assert_cmpuint (a->households_covered, ==, b->households_covered);
  g_assert_cmpuint (a->residents_covered, ==, b->residents_covered);
}

/* The band a street colour belongs to, by the nearest of the five. */
static int
nearest_band (guint32 pixel)
{
  static const guint32 colors[5] = { LINLI_COLOR_WALK_NEAR, LINLI_COLOR_WALK_IN, LINLI_COLOR_WALK_OVER,
                                     LINLI_COLOR_WALK_FAR, LINLI_COLOR_WALK_NONE };
  int best = -1, best_d = G_MAXINT;

  for (int k = 0; k < 5; k++)
    {
      int d = 0;

      for (int shift = 0; shift < 24; shift += 8)
        d += ABS ((int) ((pixel >> shift) & 0xff) - (int) ((colors[k] >> shift) & 0xff));
      if (d < best_d)
        best = k, best_d = d;
    }
  return best;
}

/* Walks along streets: the rule switches through the side panel and
 * undoes; the figures and legend follow; the streets on the map are
 * coloured by the walk to the nearest site, kept right after an edit. */
static void
test_street_distance (Fixture       *f,
                      gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  ShumateViewport *viewport = shumate_map_get_viewport (f->window->map);
  g_autofree char *png = g_build_filename (f->dir, "streets.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCoverage) by_street = NULL;
  g_autoptr (LinliCoverage) by_line = NULL;
  const LinliCoverage *coverage;
  LinliWalk *walk;
  guint64 gap;

  g_assert_true (linli_project_has_streets (project));
  g_assert_cmpint (linli_project_get_distance (project), ==, LINLI_DISTANCE_LINE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (f->window->distance_dropdown)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->street_gap_label)));

  /* Choose "Along streets" as a planner would. */
  gtk_drop_down_set_selected (f->window->distance_dropdown, 1);
  g_assert_cmpint (linli_project_get_distance (project), ==, LINLI_DISTANCE_STREET);
  coverage = linli_document_get_coverage (linli_window_get_document (f->window));
  g_assert_cmpint (linli_coverage_get_distance (coverage), ==, LINLI_DISTANCE_STREET);
  by_street = linli_coverage_compute_by (project, LINLI_DISTANCE_STREET,
                                        linli_document_get_walk (linli_window_get_document (f->window)));
  by_line = linli_coverage_compute_by (project, LINLI_DISTANCE_LINE, NULL);
  assert_totals_same (linli_coverage_get_district (coverage), linli_coverage_get_district (by_street));
  gap = linli_coverage_get_district (by_line)->households_covered -
        linli_coverage_get_district (by_street)->households_covered;
  g_assert_cmpuint (gap, >, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->street_gap_label)));
  {
    g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, gap);

    g_assert_nonnull (strstr (gtk_label_get_text (f->window->street_gap_label), number));
    g_assert_nonnull (strstr (gtk_label_get_text (f->window->legend_rule), "along streets"));
  }
  g_assert_true (gtk_widget_get_visible (f->window->street_legend));

  /* Move a site: the walks on the map are those of a fresh search. */
  {
    LinliSite *site = first_existing_site (project);
    g_autoptr (LinliSiteState) state = linli_site_dup_state (site);
    g_autoptr (LinliWalkNearest) fresh = NULL;
    const double *shown;

    state->lat += 0.002;
    state->lon -= 0.001;
    linli_project_edits_change_site (f->window->history, "Move", site, state);
    walk = linli_document_get_walk (linli_window_get_document (f->window));
    fresh = linli_walk_nearest_new (walk);
    for (guint s = 0; s < linli_project_get_n_sites (project); s++)
      {
        LinliSite *other = linli_project_get_site (project, s);
        double x, y;

        if (!linli_site_counts_for_coverage (other))
          continue;
        linli_projection_forward (linli_project_get_projection (project), linli_site_get_lat (other),
                                  linli_site_get_lon (other), &x, &y);
        linli_walk_nearest_add_source (fresh, x, y);
      }
    shown = linli_document_get_node_distances (linli_window_get_document (f->window));
    for (guint i = 0; i < linli_walk_get_n_nodes (walk); i++)
      g_assert_cmpfloat_with_epsilon (shown[i], linli_walk_nearest_get_node_distances (fresh)[i], 1e-6);
    by_street = (linli_coverage_free (by_street), linli_coverage_compute_by (project, LINLI_DISTANCE_STREET, walk));
    assert_totals_same (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window))),
                                    linli_coverage_get_district (by_street));
  }

  /* On the map: a street far from sites and buildings shows its band. */
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window->map)))
    g_main_context_iteration (NULL, TRUE);
  {
    const LinliProjection *proj = linli_project_get_projection (project);
    const double *xy = linli_walk_get_node_xy (walk);
    const double *dist = linli_document_get_node_distances (linli_window_get_document (f->window));
    double radius = linli_project_get_coverage_radius (project);
    guint checked = 0;

    for (guint e = 0; e < linli_walk_get_n_edges (walk) && checked < 3; e += 7)
      {
        guint a, b;
        double len, mx, my, lat, lon, x, y, d;
        gboolean clear = TRUE;
        int want;

        linli_walk_get_edge (walk, e, &a, &b, &len);
        if (len < 40)
          continue;
        mx = (xy[2 * a] + xy[2 * b]) / 2;
        my = (xy[2 * a + 1] + xy[2 * b + 1]) / 2;
        linli_projection_inverse (proj, mx, my, &lat, &lon);
        for (guint s = 0; s < linli_project_get_n_sites (project) && clear; s++)
          {
            LinliSite *site = linli_project_get_site (project, s);

            d = linli_projection_distance (proj, lat, lon, linli_site_get_lat (site), linli_site_get_lon (site));
            clear = d > radius + 40;
          }
        for (guint i = 0; i < linli_project_get_n_buildings (project) && clear; i++)
          {
            const LinliBuilding *bl = linli_project_get_building (project, i);

            clear = linli_projection_distance (proj, lat, lon, bl->lat, bl->lon) > 60;
          }
        if (!clear)
          continue;
        d = MIN (dist[a], dist[b]) + len / 2;
        want = !isfinite (d) ? 4 : d <= radius / 2 ? 0 : d <= radius ? 1 : d <= 1.5 * radius ? 2 : 3;

        shumate_viewport_set_zoom_level (viewport, 17);
        shumate_map_center_on (f->window->map, lat, lon);
        linli_test_wait_ms (200);
        g_assert_true (linli_window_save_png (f->window, TRUE, png, &error));
        g_assert_no_error (error);
        {
          g_autoptr (GdkTexture) texture = gdk_texture_new_from_filename (png, &error);
          g_autofree guchar *pixels = NULL;
          int w, h;

          g_assert_no_error (error);
          w = gdk_texture_get_width (texture);
          h = gdk_texture_get_height (texture);
          pixels = g_malloc ((gsize) w * h * 4);
          gdk_texture_download (texture, pixels, w * 4);
          shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (f->window->map), lat, lon, &x, &y);
          g_assert_cmpint (nearest_band (linli_test_pixel_at (texture, pixels, (int) round (x), (int) round (y))), ==, want);
        }
        checked++;
      }
    g_assert_cmpuint (checked, >, 0);
  }

  /* Undo goes back to the straight line, and the comparison goes. */
  g_assert_true (linli_history_undo (f->window->history));
  g_assert_true (linli_history_undo (f->window->history));
  g_assert_cmpint (linli_project_get_distance (project), ==, LINLI_DISTANCE_LINE);
  g_assert_cmpuint (gtk_drop_down_get_selected (f->window->distance_dropdown), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->street_gap_label)));
  g_assert_null (strstr (gtk_label_get_text (f->window->legend_rule), "along streets"));
  assert_totals_same (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window))),
                                  linli_coverage_get_district (by_line));
}

/* Maximal covering on the sample through the actions: the run finishes in
 * its worker thread, proposes at most k sites with a bound that holds,
 * and accepting them is one undoable step that raises coverage to what the
 * solver reported. */
static void
test_plan_mclp (Fixture       *f,
                gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  g_autoptr (GBytes) original = project_bytes (f);
  const LinliPlanResult *result;
  const char **ids;
  const double *adds;
  guint n, planned_before = 0, planned_after = 0;
  double total_adds = 0, plan_covered;
  g_autofree char *first_id = NULL;

  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    planned_before += linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_PLANNED;

  linli_plan_panel_set_problem (f->window->plan_panel, LINLI_PLAN_MCLP);
  linli_plan_panel_set_k (f->window->plan_panel, 3);
  activate (f, "win.plan-run", NULL);
  g_assert_true (linli_plan_panel_get_running (f->window->plan_panel));
  while (linli_plan_panel_get_running (f->window->plan_panel))
    g_main_context_iteration (NULL, TRUE);

  result = linli_plan_panel_get_result (f->window->plan_panel);
  g_assert_nonnull (result);
  g_assert_cmpfloat (result->bound, >=, result->objective - 1e-6);
  n = linli_plan_panel_get_proposal (f->window->plan_panel, &ids, &adds);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, 3);
  first_id = g_strdup (ids[0]);
  for (guint i = 0; i < n; i++)
    {
      LinliSite *site = linli_project_find_site (project, ids[i], NULL);

      g_assert_nonnull (site);
      g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_CANDIDATE);
      g_assert_cmpfloat (adds[i], >, 0);
      total_adds += adds[i];
    }
  /* What each site adds, on top of today's coverage, sums to the plan's. */
  g_assert_cmpfloat (fabs (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households_covered +
                           total_adds - result->covered_weight), <, 0.5);

  /* For people to look at: LINLI_SCREENSHOT_DIR=dir keeps a picture. */
  if (g_getenv ("LINLI_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("LINLI_SCREENSHOT_DIR"), "plan.png", NULL);
      g_autoptr (GError) error = NULL;

      gtk_window_present (GTK_WINDOW (f->window));
      linli_test_wait_ms (500);
      g_assert_true (linli_window_save_png (f->window, FALSE, png, &error));
    }

  /* Accepting clears the result: keep what the checks need. */
  plan_covered = result->covered_weight;
  activate (f, "win.plan-accept", NULL);
  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    planned_after += linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_PLANNED;
  g_assert_cmpuint (planned_after, ==, planned_before + n);
  g_assert_cmpfloat (fabs ((double) linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households_covered -
                           plan_covered), <, 0.5);
  g_assert_cmpuint (linli_plan_panel_get_proposal (f->window->plan_panel, &ids, &adds), ==, 0);

  /* One undo takes the whole plan back. */
  activate (f, "win.undo", NULL);
  {
    g_autoptr (GBytes) undone = project_bytes (f);
    g_assert_true (g_bytes_equal (undone, original));
  }

  /* Forbid the first proposed site in the editor: the next plan avoids it,
   * and the rule is saved with the project. */
  {
    LinliSite *site = linli_project_find_site (project, first_id, NULL);
    g_autoptr (GBytes) saved = NULL;

    activate (f, "win.select-site", first_id);
    gtk_drop_down_set_selected (editor_child (f, "plan_dropdown"), LINLI_SITE_PLAN_FORBIDDEN);
    g_assert_cmpint (linli_site_get_plan_rule (site), ==, LINLI_SITE_PLAN_FORBIDDEN);
    saved = project_bytes (f);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "plan=\"forbidden\""));
    activate (f, "win.plan-run", NULL);
    while (linli_plan_panel_get_running (f->window->plan_panel))
      g_main_context_iteration (NULL, TRUE);
    n = linli_plan_panel_get_proposal (f->window->plan_panel, &ids, &adds);
    g_assert_cmpuint (n, >, 0);
    for (guint i = 0; i < n; i++)
      g_assert_cmpstr (ids[i], !=, first_id);
  }
}

static void
quit_loop_cb (GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

/* Each window action has its own handler: the three zoom actions do what
 * they say, and the plan shortcuts show the plan tab and hand over to the
 * panel's own plan.run, plan.cancel and plan.accept. */
static void
test_window_actions (Fixture       *f,
                     gconstpointer  data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (f->window->map);
  LinliHistory *history = linli_window_get_history (f->window);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char **ids;
  const double *adds;
  double fit;

  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window->map)))
    g_main_context_iteration (NULL, TRUE);
  activate (f, "win.zoom-fit", NULL);
  fit = shumate_viewport_get_zoom_level (viewport);
  activate (f, "win.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), fit + 1, 1e-9);
  activate (f, "win.zoom-out", NULL);
  activate (f, "win.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), fit - 1, 1e-9);
  activate (f, "win.zoom-fit", NULL);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), fit, 1e-9);

  /* Nothing proposed: accepting shows the plan and changes nothing. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->side_stack), ==, "sites");
  activate (f, "win.plan-accept", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->side_stack), ==, "plan");
  g_assert_false (linli_history_get_can_undo (history));

  /* Run, then stop at once. */
  gtk_stack_set_visible_child_name (f->window->side_stack, "sites");
  g_signal_connect_swapped (f->window->plan_panel, "finished", G_CALLBACK (quit_loop_cb), loop);
  activate (f, "win.plan-run", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->side_stack), ==, "plan");
  g_assert_true (linli_plan_panel_get_running (f->window->plan_panel));
  gtk_stack_set_visible_child_name (f->window->side_stack, "sites");
  activate (f, "win.plan-cancel", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->side_stack), ==, "plan");
  g_main_loop_run (loop);
  g_assert_false (linli_plan_panel_get_running (f->window->plan_panel));
  g_assert_null (linli_plan_panel_get_result (f->window->plan_panel));
  g_assert_cmpuint (linli_plan_panel_get_proposal (f->window->plan_panel, &ids, &adds), ==, 0);
  g_signal_handlers_disconnect_by_data (f->window->plan_panel, loop);
}

/* Another document in the window: nothing of the window, its lists' rows
 * (bound or waiting for reuse), the site editor or the plan panel keeps the
 * old one alive. */
static void
test_replaced_document_dies (Fixture       *f,
                             gconstpointer  data)
{
  LinliDocument *old = linli_window_get_document (f->window);
  LinliProject *project = linli_window_get_project (f->window);
  g_autoptr (LinliProject) empty = linli_project_new ();

  gtk_window_present (GTK_WINDOW (f->window));
  activate (f, "win.select-site", linli_site_get_id (linli_project_get_site (project, 0)));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window->site_view)))
    g_main_context_iteration (NULL, TRUE);
  linli_test_wait_ms (200);
  g_assert_true (linli_site_editor_get_document (f->window->site_editor) == old);
  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
  linli_window_set_project (f->window, empty, NULL);
  linli_test_wait_ms (200);
  g_assert_null (old);
  g_assert_null (linli_site_editor_get_site (f->window->site_editor));
}

/* Importing GeoJSON replaces the project with an unsaved one; a bad file
 * changes nothing. */
static void
test_import_geojson (Fixture       *f,
                     gconstpointer  data)
{
  LinliProject *before = linli_window_get_project (f->window);
  g_autofree char *good = g_build_filename (f->dir, "b.geojson", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.geojson", NULL);
  g_autoptr (GFile) good_file = g_file_new_for_path (good);
  g_autoptr (GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr (GError) error = NULL;
  LinliImportOptions opts;

  g_file_set_contents (good, "{\"type\": \"FeatureCollection\", \"features\": ["
                             "{\"type\": \"Feature\", \"properties\": {\"households\": 12},"
                             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.49, 31.23]}},"
                             "{\"type\": \"Feature\", \"properties\": {\"households\": 30},"
                             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.491, 31.231]}}]}", -1, NULL);
  g_file_set_contents (bad, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
                            " \"geometry\": {\"type\": \"Point\", \"coordinates\": [999, 31]}}]}", -1, NULL);

  linli_import_options_init (&opts);
  g_assert_false (linli_window_import (f->window, bad_file, &opts, &error));
  g_assert_nonnull (error);
  g_assert_true (linli_window_get_project (f->window) == before);
  g_clear_error (&error);

  g_assert_true (linli_window_import (f->window, good_file, &opts, &error));
  g_assert_no_error (error);
  g_assert_true (linli_window_get_project (f->window) != before);
  g_assert_cmpuint (linli_project_get_n_buildings (linli_window_get_project (f->window)), ==, 2);
  g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households, ==, 42);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->attribution)));   /* not OpenStreetMap data */
  g_assert_null (linli_window_get_file (f->window));
  /* Not on disk: the title says so and closing asks. */
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
}

/* The dialog with @heading over @window, or NULL. */
static AdwMessageDialog *
find_dialog (LinliWindow *window,
             const char  *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* The "Save changes first?" question over @window, or NULL. */
static AdwMessageDialog *
find_save_question (LinliWindow *window)
{
  return find_dialog (window, _("Save changes first?"));
}

/* Streets from OpenStreetMap into the open project, over an edit: the
 * preview says what comes, the result keeps buildings, sites and the edit,
 * and the streets are the file's. */
static void
test_add_streets (Fixture       *f,
                  gconstpointer  data)
{
  LinliProject *before = linli_window_get_project (f->window);
  g_autofree char *osm = g_build_filename (f->dir, "streets.osm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (osm);
  LinliSite *site = first_existing_site (before);
  g_autofree char *site_id = g_strdup (linli_site_get_id (site));
  g_autoptr (LinliSiteState) state = linli_site_dup_state (site);
  guint n_buildings = linli_project_get_n_buildings (before), n_sites = linli_project_get_n_sites (before);
  AdwMessageDialog *dialog;
  LinliProject *after;

  g_file_set_contents (osm, "<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n"
                            "<node id=\"1\" lat=\"30.3170\" lon=\"120.1410\"/>\n"
                            "<node id=\"2\" lat=\"30.3180\" lon=\"120.1410\"/>\n"
                            "<node id=\"3\" lat=\"30.3180\" lon=\"120.1425\"/>\n"
                            "<way id=\"10\"><nd ref=\"1\"/><nd ref=\"2\"/><nd ref=\"3\"/>"
                            "<tag k=\"highway\" v=\"residential\"/></way>\n</osm>\n", -1, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  state->lat += 0.001;
  linli_project_edits_change_site (f->window->history, "Move", site, state);

  linli_window_preview_add_streets (f->window, file);
  dialog = find_dialog (f->window, _("Add Streets?"));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 walkable way"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "replace this project's 343 streets"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "project’s data"));   /* near: no warning */
  adw_message_dialog_response (dialog, "add");
  linli_test_wait_ms (50);

  g_assert_null (find_dialog (f->window, _("Save changes first?")));   /* the edit comes along */
  after = linli_window_get_project (f->window);
  g_assert_true (after != before);
  g_assert_cmpuint (linli_project_get_n_buildings (after), ==, n_buildings);
  g_assert_cmpuint (linli_project_get_n_sites (after), ==, n_sites);
  g_assert_cmpfloat (linli_site_get_lat (linli_project_find_site (after, site_id, NULL)), ==, state->lat);
  g_assert_cmpuint (linli_streets_get_n_ways (linli_project_get_streets (after)), ==, 1);
  g_assert_cmpuint (linli_streets_get_n_nodes (linli_project_get_streets (after)), ==, 3);
  g_assert_cmpstr (linli_project_get_attribution (after), ==, LINLI_OSM_ATTRIBUTION);
  g_assert_true (linli_window_is_modified (f->window));
  g_assert_null (linli_window_get_file (f->window));
}

/* An import over unsaved edits asks first: cancel keeps everything,
 * discard brings the import in. */
static void
test_import_asks_first (Fixture       *f,
                        gconstpointer  data)
{
  LinliProject *before = linli_window_get_project (f->window);
  g_autofree char *good = g_build_filename (f->dir, "b.geojson", NULL);
  g_autoptr (GFile) good_file = g_file_new_for_path (good);
  g_autoptr (GError) error = NULL;
  LinliSite *site = first_existing_site (before);
  g_autoptr (LinliSiteState) state = linli_site_dup_state (site);
  AdwMessageDialog *question;
  LinliImportOptions opts;

  g_file_set_contents (good, "{\"type\": \"FeatureCollection\", \"features\": ["
                             "{\"type\": \"Feature\", \"properties\": {\"households\": 12},"
                             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.49, 31.23]}}]}", -1, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  state->lat += 0.001;
  linli_project_edits_change_site (f->window->history, "Move", site, state);
  g_assert_true (linli_window_is_modified (f->window));

  linli_import_options_init (&opts);
  g_assert_true (linli_window_import (f->window, good_file, &opts, &error));
  g_assert_no_error (error);
  g_assert_true (linli_window_get_project (f->window) == before);   /* not yet */
  question = find_save_question (f->window);
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "cancel");
  linli_test_wait_ms (50);
  g_assert_true (linli_window_get_project (f->window) == before);
  g_assert_true (linli_window_is_modified (f->window));

  g_assert_true (linli_window_import (f->window, good_file, &opts, &error));
  question = find_save_question (f->window);
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "discard");
  linli_test_wait_ms (50);
  g_assert_true (linli_window_get_project (f->window) != before);
  g_assert_cmpuint (linli_project_get_n_buildings (linli_window_get_project (f->window)), ==, 1);

  /* An unsaved import counts as unsaved too. */
  g_assert_true (linli_window_import (f->window, good_file, &opts, &error));
  g_assert_nonnull (find_save_question (f->window));
  adw_message_dialog_response (find_save_question (f->window), "cancel");
  linli_test_wait_ms (50);
}

/* The import preview on top of the window, and its check button. */
static AdwMessageDialog *
find_preview (GtkCheckButton **check,
              GtkDropDown    **crs)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;
  GtkWidget *box;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), "import"))
        dialog = ADW_MESSAGE_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  *check = NULL;
  *crs = NULL;
  box = adw_message_dialog_get_extra_child (dialog);
  for (GtkWidget *child = box ? gtk_widget_get_first_child (box) : NULL; child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child))
      *check = GTK_CHECK_BUTTON (child);
    else if (GTK_IS_DROP_DOWN (child))
      *crs = GTK_DROP_DOWN (child);
  return dialog;
}

/* The preview counts the outlines the import repairs or drops, as the
 * command line's report does. */
static void
test_import_preview_outlines (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *buildings = g_build_filename (f->dir, "rings.geojson", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (buildings);
  AdwMessageDialog *dialog;
  GtkCheckButton *check;
  GtkDropDown *crs;

  /* A bowtie (two corners swapped) and a sliver with no area. */
  g_file_set_contents (buildings, "{\"type\": \"FeatureCollection\", \"features\": ["
                                  "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\","
                                  " \"coordinates\": [[[121.49, 31.23], [121.4901, 31.2301], [121.4901, 31.23],"
                                  " [121.49, 31.2301000001], [121.49, 31.23]]]}},"
                                  "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\","
                                  " \"coordinates\": [[[121.49, 31.23], [121.491, 31.231], [121.492, 31.2320000000001],"
                                  " [121.49, 31.23]]]}}]}",
                       -1, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  linli_window_preview_import (f->window, file);
  dialog = find_preview (&check, &crs);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "Outlines: 1 crossing themselves replaced by their convex hull, 1 with no area kept as points."));
  adw_message_dialog_response (dialog, "cancel");
}

/* File → Import previews GeoJSON with the roads and points of interest
 * beside it, offers to add the service positions found, and imports them. */
static void
test_import_preview_geojson (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *buildings = g_build_filename (f->dir, "buildings.geojson", NULL);
  g_autofree char *roads = g_build_filename (f->dir, "roads.geojson", NULL);
  g_autofree char *pois = g_build_filename (f->dir, "pois_osm.geojson", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (buildings);
  AdwMessageDialog *dialog;
  GtkCheckButton *check;
  GtkDropDown *crs;
  LinliProject *project;

  g_file_set_contents (buildings, "{\"type\": \"FeatureCollection\", \"features\": ["
                                  "{\"type\": \"Feature\", \"properties\": {\"households\": 12},"
                                  " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.49, 31.23]}}]}",
                       -1, NULL);
  g_file_set_contents (roads, "{\"type\": \"FeatureCollection\", \"features\": ["
                              "{\"type\": \"Feature\", \"properties\": {\"kind\": \"path\", \"kind_detail\": \"footway\"},"
                              " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[121.49, 31.23], [121.491, 31.23]]}}]}",
                       -1, NULL);
  g_file_set_contents (pois, "{\"type\": \"FeatureCollection\", \"features\": ["
                             "{\"type\": \"Feature\", \"properties\": {\"kind\": \"community_centre\", \"name\": \"社区中心\"},"
                             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [121.4905, 31.2305]}}]}",
                       -1, NULL);

  gtk_window_present (GTK_WINDOW (f->window));
  linli_window_preview_import (f->window, file);
  dialog = find_preview (&check, &crs);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "roads.geojson"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "pois_osm.geojson"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 walkable way,"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "convex hull"));
  /* Shanghai, while the open sample lies in Hangzhou, 160 km away: said first. */
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Everything in the file lies at least 1"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "another place"));
  g_assert_nonnull (crs);
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_cmpstr (gtk_check_button_get_label (check), ==, "Add 1 service position found as an existing site");

  adw_message_dialog_response (dialog, "import");
  project = linli_window_get_project (f->window);
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 1);
  g_assert_true (linli_project_has_streets (project));
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 1);
  g_assert_cmpstr (linli_site_get_name (linli_project_get_site (project, 0)), ==, "社区中心");
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));
}

/* A GeoPackage of two layers: the preview offers both, says what each
 * holds as it is chosen, shows the layer's coordinate system, and imports
 * the one chosen. */
/* The widget named @name under @widget, or NULL. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_import_preview_gis (Fixture       *f,
                         gconstpointer  data)
{
  const char *src = g_getenv ("LINLI_SOURCE_DIR");
  g_autofree char *path = g_build_filename (src ? src : ".", "tests", "data", "ogr", "two-layers.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;
  GtkDropDown *layer = NULL;
  GtkEntry *crs = NULL;
  GtkWidget *box;
  LinliProject *project;

  gtk_window_present (GTK_WINDOW (f->window));
  linli_window_preview_import (f->window, file);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), "import"))
        dialog = ADW_MESSAGE_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  box = adw_message_dialog_get_extra_child (dialog);
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_DROP_DOWN (child) && layer == NULL)   /* the layer's comes first */
      layer = GTK_DROP_DOWN (child);
    else if (GTK_IS_ENTRY (child))
      crs = GTK_ENTRY (child);
  g_assert_nonnull (layer);
  g_assert_nonnull (crs);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (layer)), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (crs)), ==, "EPSG:4326");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "3 buildings to import"));
  linli_test_wait_ms (300);
  linli_test_screenshot (GTK_WIDGET (dialog), "import-gis.png");
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "project’s data"));   /* beside the sample */

  /* A system that puts the layer 10° east, far from the open sample: the
   * preview says so first, and the import stays possible. */
  gtk_editable_set_text (GTK_EDITABLE (crs), "+proj=longlat +datum=WGS84 +pm=10 +no_defs");
  g_signal_emit_by_name (crs, "activate");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "Everything in the file lies at least"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import"));
  gtk_editable_set_text (GTK_EDITABLE (crs), "EPSG:4326");
  g_signal_emit_by_name (crs, "activate");
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "project’s data"));

  /* The fields, guessed from their Chinese names and changeable: with no
   * households field every building's households are estimated. */
  {
    GtkDropDown *households, *name;
    guint guessed;

    /* (A folded expander holds its child out of the widget tree.) */
    for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_EXPANDER (child))
        gtk_expander_set_expanded (GTK_EXPANDER (child), TRUE);
    households = GTK_DROP_DOWN (find_named (box, "field-households"));
    name = GTK_DROP_DOWN (find_named (box, "field-name"));
    g_assert_nonnull (households);
    g_assert_nonnull (name);
    linli_test_wait_ms (100);
    linli_test_screenshot (GTK_WIDGET (dialog), "import-gis-fields.png");

    g_assert_nonnull (find_named (box, "encoding"));
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (households)), ==, "户数");
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (name)), ==, "名称");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "floor area for 1 of them"));
    guessed = gtk_drop_down_get_selected (households);
    gtk_drop_down_set_selected (households, 0);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "floor area for 3 of them"));
    gtk_drop_down_set_selected (households, guessed);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "floor area for 1 of them"));
  }

  gtk_drop_down_set_selected (layer, 1);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "0 buildings to import"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Streets: 2 walkable ways"));
  gtk_drop_down_set_selected (layer, 0);

  /* A system that is not the file's: the preview says what is wrong and
   * the import cannot be chosen. */
  gtk_editable_set_text (GTK_EDITABLE (crs), "EPSG:4549");
  g_signal_emit_by_name (crs, "activate");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "import"));
  gtk_editable_set_text (GTK_EDITABLE (crs), "EPSG:4326");
  g_signal_emit_by_name (crs, "activate");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import"));

  adw_message_dialog_response (dialog, "import");
  project = linli_window_get_project (f->window);
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 3);
  g_assert_cmpstr (linli_project_get_building (project, 0)->name, ==, "1号楼");
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));
}

/* OpenStreetMap XML: no coordinate system to choose; unticking the check
 * button leaves the service positions out. */
static void
test_import_preview_osm (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "district.osm", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  LinliProject *before = linli_window_get_project (f->window);
  AdwMessageDialog *dialog;
  GtkCheckButton *check;
  GtkDropDown *crs;
  LinliProject *project;

  g_file_set_contents (path,
                       "<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n"
                       "<node id=\"1\" lat=\"31.2300\" lon=\"121.4900\"/>\n"
                       "<node id=\"2\" lat=\"31.2300\" lon=\"121.4902\"/>\n"
                       "<node id=\"3\" lat=\"31.2302\" lon=\"121.4902\"/>\n"
                       "<node id=\"4\" lat=\"31.2302\" lon=\"121.4900\"/>\n"
                       "<node id=\"5\" lat=\"31.2310\" lon=\"121.4910\">"
                       "<tag k=\"amenity\" v=\"community_centre\"/></node>\n"
                       "<way id=\"10\"><nd ref=\"1\"/><nd ref=\"2\"/><nd ref=\"3\"/><nd ref=\"4\"/><nd ref=\"1\"/>"
                       "<tag k=\"building\" v=\"yes\"/></way>\n"
                       "<way id=\"11\"><nd ref=\"2\"/><nd ref=\"5\"/><tag k=\"highway\" v=\"footway\"/></way>\n"
                       "</osm>\n", -1, NULL);

  gtk_window_present (GTK_WINDOW (f->window));
  linli_window_preview_import (f->window, file);
  dialog = find_preview (&check, &crs);
  g_assert_null (crs);
  g_assert_nonnull (check);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 building to import"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "WGS84"));

  /* Cancelled, nothing changes. */
  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (linli_window_get_project (f->window) == before);

  linli_window_preview_import (f->window, file);
  dialog = find_preview (&check, &crs);
  gtk_check_button_set_active (check, FALSE);
  adw_message_dialog_response (dialog, "import");
  project = linli_window_get_project (f->window);
  g_assert_true (project != before);
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 1);
  g_assert_true (linli_project_get_building (project, 0)->flags & LINLI_BUILDING_ESTIMATED);
  g_assert_true (linli_project_has_streets (project));
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 0);
  /* OpenStreetMap data say so on the map, with no tiles at all. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->attribution)));
  g_assert_cmpstr (gtk_label_get_text (f->window->attribution), ==, LINLI_OSM_ATTRIBUTION);
}

/* Under a Chinese locale the window speaks Chinese: template strings, code
 * strings and numbers in labels. */
static void
test_chinese (void)
{
  g_autofree char *sample = sample_path ();
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliWindow) window = NULL;
  const char *localedir = g_getenv ("LINLI_LOCALEDIR");
  g_autofree char *mo = g_build_filename (localedir ? localedir : "", "zh_CN", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);
  GtkStackPage *page;

  if (localedir == NULL || !g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  /* C.UTF-8 exists on every Debian machine; LANGUAGE then picks zh_CN. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  window = g_object_ref_sink (linli_window_new (NULL));
  g_assert_true (linli_window_open_file (window, file, &error));
  g_assert_no_error (error);
  page = gtk_stack_get_page (window->side_stack, gtk_stack_get_child_by_name (window->side_stack, "sites"));
  g_assert_cmpstr (gtk_stack_page_get_title (page), ==, g_dgettext (GETTEXT_PACKAGE, "Sites"));
  g_assert_cmpstr (gtk_stack_page_get_title (page), !=, "Sites");
  g_assert_true (g_utf8_validate (gtk_label_get_text (window->households_share_label), -1, NULL));
  g_assert_nonnull (strstr (gtk_label_get_text (window->households_share_label), "户"));
  g_assert_nonnull (strstr (gtk_label_get_text (window->legend_rule), "米"));

  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* The shortcuts window GtkApplication loads from our resources lists every
 * command, and each names an action the window really has. */
static void
test_shortcuts_window (void)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/cn/linli/Linli/gtk/help-overlay.ui");
  g_autoptr (LinliWindow) window = g_object_ref_sink (linli_window_new (NULL));
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  g_autoptr (GSList) objects = gtk_builder_get_objects (builder);
  guint n_shortcuts = 0;

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *action = NULL;
      g_autofree char *accel = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      n_shortcuts++;
      g_object_get (l->data, "action-name", &action, "accelerator", &accel, NULL);
      g_assert_true (action != NULL || accel != NULL);
      if (action == NULL || g_str_has_prefix (action, "app.") ||
          g_str_equal (action, "win.show-help-overlay"))
        continue;
      /* A window action: LinliWindow must install it. */
      {
        gboolean found = FALSE;
        const GVariantType *param_type;
        const char *name, *property;
        GType owner;

        /* GTK 4.8 writes every out argument: none may be NULL. */
        for (guint i = 0;
             gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner, &name,
                                            &param_type, &property);
             i++)
          if (g_str_equal (name, action))
            found = TRUE;
        if (!found)
          g_error ("the shortcuts window names “%s”, which LinliWindow does not have", action);
      }
    }
  g_assert_cmpuint (n_shortcuts, >=, 20);
  gtk_window_destroy (GTK_WINDOW (overlay));
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample = NULL;

  /* No G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's GSettings schemas.
   * meson points XDG_DATA_HOME and XDG_CACHE_HOME into the build tree. */
  g_test_init (&argc, &argv, NULL);
  /* The build's catalogues, so LANGUAGE=zh_CN shows the Chinese UI. */
  if (g_getenv ("LINLI_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINLI_LOCALEDIR"));
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

  sample = sample_path ();
  if (!g_file_test (sample, G_FILE_TEST_EXISTS))
    g_error ("the bundled sample %s is missing", sample);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/window/open-move-undo-save", test_open_move_undo_save);
  ADD ("/window/add-edit-delete", test_add_edit_delete);
  ADD ("/window/hostile-open-keeps-project", test_hostile_open_keeps_project);
  ADD ("/window/close-prompts-when-modified", test_close_prompts_when_modified);
  ADD ("/window/render-png", test_render_png);
  ADD ("/window/plan-mclp", test_plan_mclp);
  ADD ("/window/actions", test_window_actions);
  ADD ("/window/replaced-document-dies", test_replaced_document_dies);
  ADD ("/window/import-geojson", test_import_geojson);
  ADD ("/window/street-distance", test_street_distance);
  ADD ("/window/import-asks-first", test_import_asks_first);
  ADD ("/window/add-streets", test_add_streets);
  ADD ("/window/import-preview-geojson", test_import_preview_geojson);
  ADD ("/window/import-preview-outlines", test_import_preview_outlines);
  ADD ("/window/import-preview-osm", test_import_preview_osm);
  ADD ("/window/import-preview-gis", test_import_preview_gis);
#undef ADD
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/chinese", test_chinese);

  return g_test_run ();
}
