/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-file.h"
#include "linli-format.h"
#include "linli-labels.h"
#include "linli-import.h"
#include "linli-settings.h"
#include "linli-window-private.h"

G_DEFINE_FINAL_TYPE (LinliWindow, linli_window, ADW_TYPE_APPLICATION_WINDOW)

#define DRAG_THRESHOLD_PX 4.0

enum {
  PROP_0,
  PROP_ADD_SITE_MODE,
  PROP_SHOW_CANDIDATE_CIRCLES,
  PROP_CHAIN_COLORS,
  PROP_SHOW_PARTNER_LINES,
  PROP_HIDE_NAMES,
  PROP_MEETING,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static const LinliCoverage *
window_coverage (LinliWindow *self)
{
  return self->document != NULL ? linli_document_get_coverage (self->document) : NULL;
}

static GFile *
window_file (LinliWindow *self)
{
  return self->document != NULL ? linli_document_get_file (self->document) : NULL;
}

static void
update_title (LinliWindow *self)
{
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  const char *name = self->project ? linli_project_get_name (self->project) : "";
  gboolean modified = linli_window_is_modified (self);

  basename = window_file (self) ? g_file_get_basename (window_file (self)) : g_strdup (_("Unsaved project"));
  title = g_strdup_printf ("%s%s", modified ? "• " : "", name && *name ? name : _("Linli"));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, basename);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_figures (LinliWindow *self)
{
  const LinliCoverageTotals *t = linli_coverage_get_district (window_coverage (self));
  g_autofree char *share = NULL, *hh = NULL, *res = NULL, *bl = NULL, *rule = NULL;
  g_autofree char *a = linli_format_count (t->households_covered);
  g_autofree char *b = linli_format_count (t->households);
  g_autofree char *c = linli_format_count (t->households - t->households_covered);
  g_autofree char *d = linli_format_count (t->residents_covered);
  g_autofree char *e = linli_format_count (t->residents);

  gtk_label_set_text (self->district_label, linli_project_get_name (self->project));
  /* Translators: the big figure, e.g. "82.4 % of households" */
  share = g_strdup_printf (_("%.1f %% of households"),
                           100 * linli_coverage_totals_share (t->households_covered, t->households));
  gtk_label_set_text (self->households_share_label, share);
  if (linli_project_has_tier_reaches (self->project))
    /* Translators: each tier has its own reach, which the legend names */
    hh = g_strdup_printf (_("%s of %s households within reach; %s not covered"), a, b, c);
  else
    hh = g_strdup_printf (_("%s of %s households within %.0f minutes; %s not covered"), a, b,
                          linli_project_get_walk_minutes (self->project), c);
  gtk_label_set_text (self->households_label, hh);
  res = g_strdup_printf (_("Residents: %s of %s (%.1f %%)"), d, e,
                         100 * linli_coverage_totals_share (t->residents_covered, t->residents));
  gtk_label_set_text (self->residents_label, res);
  if (linli_document_get_n_estimated (self->document) > 0)
    /* Translators: the last figure counts buildings whose households and residents are estimates */
    bl = g_strdup_printf (_("Buildings: %u of %u (%.1f %%); figures of %u estimated"), t->buildings_covered,
                          t->buildings, 100 * linli_coverage_totals_share (t->buildings_covered, t->buildings),
                          linli_document_get_n_estimated (self->document));
  else
    bl = g_strdup_printf (_("Buildings: %u of %u (%.1f %%)"), t->buildings_covered, t->buildings,
                          100 * linli_coverage_totals_share (t->buildings_covered, t->buildings));
  gtk_label_set_text (self->buildings_label, bl);
  rule = linli_project_describe_reach (self->project, linli_coverage_get_distance (window_coverage (self)));
  gtk_label_set_text (self->legend_rule, rule);
  gtk_widget_set_visible (self->street_legend, linli_document_get_walk (self->document) != NULL);
  gtk_widget_set_visible (self->water_legend, linli_project_has_water (self->project));

  if (linli_document_get_line_coverage (self->document) != NULL)
    {
      guint64 gap = linli_coverage_get_district (linli_document_get_line_coverage (self->document))->households_covered - t->households_covered;
      g_autofree char *g = linli_format_count (gap);
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s household is within the circle but not within the walk along streets",
                                           "%s households are within the circle but not within the walk along streets",
                                           gap), g);
      gtk_label_set_text (self->street_gap_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->street_gap_label), linli_document_get_line_coverage (self->document) != NULL);
}

/* Shows the document's coverage, brought up to date after an edit. */
static void
show_coverage (LinliWindow *self)
{
  const guint *uncovered;
  guint n_uncovered;

  if (self->document == NULL)
    return;
  uncovered = linli_coverage_get_uncovered (window_coverage (self), &n_uncovered);
  linli_index_list_set_indices (self->uncovered, uncovered, n_uncovered);
  update_figures (self);
}

static void
fill_walk (LinliWindow *self)
{
  self->updating = TRUE;
  gtk_spin_button_set_value (self->minutes_spin, linli_project_get_walk_minutes (self->project));
  gtk_spin_button_set_value (self->speed_spin, linli_project_get_walk_speed (self->project));
  gtk_drop_down_set_selected (self->distance_dropdown, linli_project_get_distance (self->project));
  gtk_widget_set_sensitive (GTK_WIDGET (self->distance_dropdown), linli_project_has_streets (self->project));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->distance_dropdown),
                               linli_project_has_streets (self->project)
                               ? _("How walks are measured: a straight line, or along the streets")
                               : _("This project has no streets: import them to measure walks along streets"));
  self->updating = FALSE;
}

static void
center_on (LinliWindow *self,
           double       lat,
           double       lon)
{
  shumate_map_center_on (self->map, lat, lon);
}

/* Below the basemap's first zoom level its tiles are missing, so Linli's
 * own background fills in. */
static void
update_background (LinliWindow *self)
{
  double zoom = shumate_viewport_get_zoom_level (shumate_map_get_viewport (self->map));

  linli_map_layer_set_draw_background (self->layer,
                                       self->basemap == NULL ||
                                       zoom < linli_mbtiles_source_get_min_zoom (self->basemap));
}

static void
update_attribution (LinliWindow *self)
{
  const char *text, *uri;
  const char *data = self->project != NULL ? linli_project_get_attribution (self->project) : "";
  g_autofree char *plain = NULL;

  /* The same credit, as plain text, for the map the painter exports. */
  if (self->basemap == NULL)
    plain = g_strdup (data);
  else if (data[0] != '\0' && g_strcmp0 (data, linli_mbtiles_source_get_attribution_text (self->basemap)) != 0)
    plain = g_strdup_printf ("%s · %s", data, linli_mbtiles_source_get_attribution_text (self->basemap));
  else
    plain = g_strdup (linli_mbtiles_source_get_attribution_text (self->basemap));
  linli_painter_set_attribution (linli_map_layer_get_painter (self->layer), plain);

  /* The project's own data (drawn by Linli) and the basemap's tiles each
   * name their source. */
  gtk_widget_set_visible (GTK_WIDGET (self->attribution), self->basemap != NULL || data[0] != '\0');
  if (self->basemap == NULL)
    {
      gtk_label_set_text (self->attribution, data);
      return;
    }
  text = linli_mbtiles_source_get_attribution_text (self->basemap);
  uri = linli_mbtiles_source_get_attribution_uri (self->basemap);
  if (data[0] != '\0' && g_strcmp0 (data, text) != 0)
    {
      g_autofree char *markup = uri != NULL
        ? g_markup_printf_escaped ("%s · <a href=\"%s\">%s</a>", data, uri, text)
        : g_markup_printf_escaped ("%s · %s", data, text);

      gtk_label_set_markup (self->attribution, markup);
    }
  else if (uri != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", uri, text);

      gtk_label_set_markup (self->attribution, markup);
    }
  else
    {
      gtk_label_set_text (self->attribution, text);
    }
}

/* Follows the basemap in the settings; a file that cannot be shown leaves
 * Linli's own drawing and a note. */
static void
apply_basemap_setting (LinliWindow *self)
{
  LinliSettings *settings = linli_settings_get_default ();
  g_autoptr (GError) error = NULL;

  if (!linli_window_set_basemap_file (self, linli_settings_get_basemap_file (settings), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Showing Linli’s own drawing: %s"), error->message);

      linli_window_toast (self, text, 10);
    }
}

/**
 * linli_window_toast:
 * @text: plain text: names, paths and messages as they are
 * @timeout: seconds, or 0 for the toast's default
 *
 * Shows @text in a toast.  A toast's title is Pango markup, so the text is
 * escaped: a building called “A&B” or a path with “<” shows as written.
 */
void
linli_window_toast (LinliWindow *self,
                    const char  *text,
                    guint        timeout)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (timeout > 0)
    adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Callbacks */

/* The basemap refused a tile (too large to decode, say): once per file. */
static void
on_basemap_problem_cb (LinliWindow        *self,
                       GParamSpec         *pspec,
                       LinliMbtilesSource *source)
{
  linli_window_toast (self, linli_mbtiles_source_get_problem (source), 10);
}

/* The community list holds every community: an edit of the base data may
 * add or remove some without a new project. */
static void
fill_communities (LinliWindow *self)
{
  guint n = linli_project_get_n_communities (self->project);
  g_autofree guint *all = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    all[i] = i;
  linli_index_list_set_indices (self->communities, all, n);
}

static void
on_project_changed_cb (LinliWindow *self)
{
  /* The selected site may have been removed, by undo for example. */
  if (self->selected != NULL &&
      !g_list_store_find (G_LIST_STORE (linli_project_get_sites (self->project)), self->selected, NULL))
    {
      self->selected = NULL;
      linli_map_layer_set_selected_site (self->layer, NULL);
      linli_site_editor_set_site (self->site_editor, NULL);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->communities)) != linli_project_get_n_communities (self->project))
    fill_communities (self);
  fill_walk (self);
  linli_window_update_actions (self);
}

static void
on_history_notify_cb (LinliWindow *self)
{
  update_title (self);
  linli_window_update_actions (self);
}

static void
on_site_selection_changed_cb (LinliWindow *self)
{
  LinliSite *site = gtk_single_selection_get_selected_item (self->site_selection);

  if (site == self->selected)
    return;
  linli_window_select_site (self, site, TRUE);
}

static void
on_uncovered_activate_cb (LinliWindow *self)
{
  LinliIndexItem *item = gtk_single_selection_get_selected_item (self->uncovered_selection);
  const LinliBuilding *b;
  guint index;

  if (item == NULL || self->project == NULL)
    return;
  index = linli_index_item_get_index (item);
  if (index >= linli_project_get_n_buildings (self->project))
    return;
  b = linli_project_get_building (self->project, index);
  linli_map_layer_set_highlight (self->layer, index);
  linli_window_select_buildings (self, &index, 1, FALSE);
  if (shumate_viewport_get_zoom_level (shumate_map_get_viewport (self->map)) < 16)
    shumate_viewport_set_zoom_level (shumate_map_get_viewport (self->map), 16);
  center_on (self, b->lat, b->lon);
}

/* The rows of the three lists are template widgets that follow the
 * document themselves: binding only tells them what to show, and unbinding
 * lets go, so that a row waiting for reuse keeps no document alive. */

static void
site_row_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   LinliWindow              *self)
{
  gtk_list_item_set_child (item, linli_site_row_new ());
}

static void
site_row_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LinliWindow              *self)
{
  LinliSiteRow *row = LINLI_SITE_ROW (gtk_list_item_get_child (item));

  linli_site_row_set_document (row, self->document);
  linli_site_row_set_site (row, gtk_list_item_get_item (item));
}

static void
site_row_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    LinliWindow              *self)
{
  LinliSiteRow *row = LINLI_SITE_ROW (gtk_list_item_get_child (item));

  linli_site_row_set_site (row, NULL);
  linli_site_row_set_document (row, NULL);
}

static void
community_row_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        LinliWindow              *self)
{
  gtk_list_item_set_child (item, linli_community_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
community_row_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       LinliWindow              *self)
{
  LinliCommunityRow *row = LINLI_COMMUNITY_ROW (gtk_list_item_get_child (item));

  linli_community_row_set_document (row, self->document);
  linli_community_row_set_community (row, linli_index_item_get_index (gtk_list_item_get_item (item)));
}

static void
community_row_unbind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         LinliWindow              *self)
{
  LinliCommunityRow *row = LINLI_COMMUNITY_ROW (gtk_list_item_get_child (item));

  linli_community_row_set_community (row, G_MAXUINT);
  linli_community_row_set_document (row, NULL);
}

static void
building_row_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       LinliWindow              *self)
{
  gtk_list_item_set_child (item, linli_building_row_new ());
}

static void
building_row_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LinliWindow              *self)
{
  LinliBuildingRow *row = LINLI_BUILDING_ROW (gtk_list_item_get_child (item));

  linli_building_row_set_document (row, self->document);
  linli_building_row_set_building (row, linli_index_item_get_index (gtk_list_item_get_item (item)));
}

static void
building_row_unbind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        LinliWindow              *self)
{
  LinliBuildingRow *row = LINLI_BUILDING_ROW (gtk_list_item_get_child (item));

  linli_building_row_set_building (row, G_MAXUINT);
  linli_building_row_set_document (row, NULL);
}

static void
on_walk_changed_cb (LinliWindow *self)
{
  if (self->updating || self->project == NULL)
    return;
  linli_project_edits_set_walk (self->history, gtk_spin_button_get_value (self->minutes_spin),
                          gtk_spin_button_get_value (self->speed_spin));
}

static void
on_distance_changed_cb (LinliWindow *self)
{
  if (self->updating || self->project == NULL)
    return;
  linli_project_edits_set_distance (self->history, gtk_drop_down_get_selected (self->distance_dropdown) == 1
                                             ? LINLI_DISTANCE_STREET : LINLI_DISTANCE_LINE);
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     LinliWindow     *self)
{
  self->press_x = x;
  self->press_y = y;
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      LinliWindow     *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  LinliSite *site;
  int building;

  /* A release also ends every pan: only a click that stayed put counts.
   * A meeting shows the plan and edits nothing. */
  if (hypot (x - self->press_x, y - self->press_y) > DRAG_THRESHOLD_PX || self->project == NULL ||
      linli_window_get_meeting (self))
    return;
  if (linli_window_grid_click (self, n_press, x, y))
    return;

  if (self->add_mode)
    {
      double lat, lon;

      shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y, &lat, &lon);
      linli_window_add_site_at (self, lat, lon);
      return;
    }

  site = linli_map_layer_pick_site (self->layer, x, y);
  if (site != NULL)
    {
      linli_window_select_site (self, site, FALSE);
      return;
    }
  /* On the Grids page a click picks the grid under it. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "grids") == 0)
    {
      LinliMapView view;
      LinliGrid *grid = linli_map_layer_get_view (self->layer, &view)
                        ? linli_painter_pick_grid (linli_map_layer_get_painter (self->layer), &view, x, y) : NULL;

      linli_window_select_grid (self, grid, FALSE);
      if (grid != NULL)
        return;
    }
  building = linli_map_layer_pick_building (self->layer, x, y);
  linli_map_layer_set_highlight (self->layer, building);
  {
    guint picked = building >= 0 ? (guint) building : 0;

    linli_window_select_buildings (self, &picked, building >= 0 ? 1 : 0, FALSE);
  }
  if (building >= 0)
    {
      g_autofree char *text = linli_window_describe_building (self, building);

      linli_window_toast (self, text, 0);
    }
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  LinliWindow    *self)
{
  LinliSite *site;

  /* In a meeting a drag only pans. */
  if (linli_window_get_meeting (self))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (self->project != NULL && linli_window_grid_drag_begin (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  /* Shift+drag draws a lasso around buildings to select. */
  if ((gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) & GDK_SHIFT_MASK) &&
      !self->add_mode && linli_window_lasso_begin (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  site = self->project && !self->add_mode ? linli_map_layer_pick_site (self->layer, x, y) : NULL;
  if (site == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_site = site;
  g_clear_pointer (&self->drag_before, linli_site_state_free);
  self->drag_before = linli_site_dup_state (site);
  linli_window_select_site (self, site, FALSE);
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   LinliWindow    *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double sx, sy, lat, lon;

  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  linli_window_grid_drag_update (self, sx + dx, sy + dy);
  linli_window_lasso_update (self, sx + dx, sy + dy);
  if (self->drag_site == NULL)
    return;
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), sx + dx, sy + dy, &lat, &lon);
  if (linli_lat_lon_is_valid (lat, lon))
    linli_site_set_position (self->drag_site, lat, lon);
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LinliWindow    *self)
{
  double sx, sy;

  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  linli_window_grid_drag_end (self, sx + dx, sy + dy);
  linli_window_lasso_end (self);
  if (self->drag_site == NULL)
    return;
  on_drag_update_cb (gesture, dx, dy, self);
  linli_project_edits_record_site (self->history, _("Move Site"), self->drag_site, self->drag_before);
  self->drag_site = NULL;
  g_clear_pointer (&self->drag_before, linli_site_state_free);
}

static void
on_proposal_changed_cb (LinliWindow *self)
{
  const char **ids;
  const double *adds;
  guint n = linli_plan_panel_get_proposal (self->plan_panel, &ids, &adds);

  linli_map_layer_set_proposal (self->layer, ids, adds, n);
  if (self->meeting != NULL)
    linli_meeting_set_proposal (self->meeting, ids, n);
}

/* A row of the organisation tables or a finding of the checks was chosen:
 * the map goes there, close enough to tell buildings apart. */
static void
on_show_location_cb (LinliWindow *self,
                     double       lat,
                     double       lon,
                     int          building)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (!linli_lat_lon_is_valid (lat, lon))
    return;
  linli_map_layer_set_highlight (self->layer, building);
  if (shumate_viewport_get_zoom_level (viewport) < 16)
    shumate_viewport_set_zoom_level (viewport, 16);
  center_on (self, lat, lon);
}

static void
on_hide_names_cb (LinliWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_NAMES]);
}

static gboolean
on_close_request_cb (LinliWindow *self);

/* An import not saved yet has no file: Save asks for one, then closes. */
static void
on_close_save_as_response_cb (GtkNativeDialog *chooser,
                              int              response,
                              LinliWindow     *self)
{
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT
                           ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autoptr (GError) error = NULL;

  if (self->save_as_chooser == chooser)
    self->save_as_chooser = NULL;
  g_object_unref (chooser);
  if (file == NULL)
    return;
  if (!linli_window_save_file (self, file, &error))
    {
      linli_window_show_error (self, _("Could not save the project"), error);
      return;
    }
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LinliWindow      *self)
{
  if (g_strcmp0 (response, "save") == 0 && window_file (self) == NULL)
    {
      GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save the Project"), GTK_WINDOW (self),
                                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                                                   _("_Cancel"));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("plan.linli"));
      g_signal_connect_object (chooser, "response", G_CALLBACK (on_close_save_as_response_cb), self, 0);
      self->save_as_chooser = GTK_NATIVE_DIALOG (chooser);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }
  if (g_strcmp0 (response, "save") == 0)
    {
      g_autoptr (GError) error = NULL;

      if (!linli_window_save_file (self, window_file (self), &error))
        {
          linli_window_show_error (self, _("Could not save the project"), error);
          return;
        }
    }
  else if (g_strcmp0 (response, "discard") != 0)
    return;
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request_cb (LinliWindow *self)
{
  GtkWidget *dialog;

  if (self->close_confirmed || !linli_window_is_modified (self))
    return FALSE;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save changes before closing?"),
                                   _("Unsaved changes to this plan will be lost if you close without saving."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* A project with no file yet, an import for example, is saved under a
   * name the planner picks. */
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save",
                                   window_file (self) != NULL ? _("_Save") : _("_Save As…"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject overrides */

static void
linli_window_dispose (GObject *object)
{
  LinliWindow *self = LINLI_WINDOW (object);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->project_signals);
  g_clear_object (&self->history_signals);
  /* The map goes with the template: stop following the basemap now. */
  g_signal_handlers_disconnect_by_data (linli_settings_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_WINDOW);
  g_clear_weak_pointer (&self->meeting);
  g_clear_pointer (&self->meeting_scenario, g_free);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  g_clear_object (&self->document);
  g_clear_object (&self->uncovered);
  g_clear_object (&self->communities);
  g_clear_object (&self->site_selection);
  g_clear_pointer (&self->lasso, g_array_unref);
  g_clear_object (&self->uncovered_selection);
  g_clear_object (&self->reference_source);
  g_clear_object (&self->basemap);
  self->tile_layer = NULL;
  g_clear_pointer (&self->drag_before, linli_site_state_free);
  self->selected = NULL;
  self->drag_site = NULL;
  linli_window_dispose_grids (self);
  G_OBJECT_CLASS (linli_window_parent_class)->dispose (object);
}

static void
linli_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LinliWindow *self = LINLI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ADD_SITE_MODE: g_value_set_boolean (value, self->add_mode); break;
    case PROP_SHOW_CANDIDATE_CIRCLES: g_value_set_boolean (value, self->show_candidate_circles); break;
    case PROP_CHAIN_COLORS: g_value_set_boolean (value, self->chain_colors); break;
    case PROP_SHOW_PARTNER_LINES:
      g_value_set_boolean (value, self->layer == NULL ||
                                  linli_painter_get_show_partner_lines (
                                    linli_map_layer_get_painter (self->layer)));
      break;
    case PROP_HIDE_NAMES:
      g_value_set_boolean (value, self->project != NULL && linli_project_get_hide_names (self->project));
      break;
    case PROP_MEETING: g_value_set_boolean (value, linli_window_get_meeting (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LinliWindow *self = LINLI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ADD_SITE_MODE: linli_window_set_add_mode (self, g_value_get_boolean (value)); break;
    case PROP_SHOW_CANDIDATE_CIRCLES:
      if (self->show_candidate_circles != g_value_get_boolean (value))
        {
          self->show_candidate_circles = g_value_get_boolean (value);
          linli_map_layer_set_show_candidate_circles (self->layer, self->show_candidate_circles);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CHAIN_COLORS:
      if (self->chain_colors != g_value_get_boolean (value))
        {
          self->chain_colors = g_value_get_boolean (value);
          linli_painter_set_building_colors (linli_map_layer_get_painter (self->layer),
                                             self->chain_colors ? LINLI_BUILDING_COLORS_CHAIN
                                                                : LINLI_BUILDING_COLORS_COVERAGE);
          gtk_widget_set_visible (self->coverage_legend, !self->chain_colors);
          gtk_widget_set_visible (self->chain_legend, self->chain_colors);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_PARTNER_LINES:
      {
        LinliPainter *painter = linli_map_layer_get_painter (self->layer);

        if (linli_painter_get_show_partner_lines (painter) != g_value_get_boolean (value))
          {
            linli_painter_set_show_partner_lines (painter, g_value_get_boolean (value));
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_HIDE_NAMES:
      /* Saved in the file: an edit, so the project counts as changed.
       * The project's notify tells the action its new state. */
      if (self->history != NULL)
        linli_project_edits_set_hide_names (self->history, g_value_get_boolean (value));
      break;
    case PROP_MEETING: linli_window_set_meeting (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_window_class_init (LinliWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_window_dispose;
  object_class->get_property = linli_window_get_property;
  object_class->set_property = linli_window_set_property;

  properties[PROP_ADD_SITE_MODE] = g_param_spec_boolean ("add-site-mode", NULL, NULL, FALSE,
                                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                         G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_CANDIDATE_CIRCLES] =
    g_param_spec_boolean ("show-candidate-circles", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHAIN_COLORS] =
    g_param_spec_boolean ("chain-colors", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PARTNER_LINES] =
    g_param_spec_boolean ("show-partner-lines", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDE_NAMES] =
    g_param_spec_boolean ("hide-names", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEETING] =
    g_param_spec_boolean ("meeting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LINLI_TYPE_PLAN_PANEL);
  g_type_ensure (LINLI_TYPE_REACH_EDITOR);
  g_type_ensure (LINLI_TYPE_GRID_PANEL);
  g_type_ensure (LINLI_TYPE_ORG_PANEL);
  g_type_ensure (LINLI_TYPE_PARTNER_PANEL);
  g_type_ensure (LINLI_TYPE_CHECKS_PANEL);
  g_type_ensure (LINLI_TYPE_SCENARIO_SWITCHER);
  g_type_ensure (LINLI_TYPE_SITE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, legend_rule);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, street_legend);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, water_legend);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, partner_legend);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, grid_legend);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, street_gap_label);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, distance_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, reach_editor);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, map_hint);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, district_label);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, households_share_label);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, households_label);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, residents_label);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, buildings_label);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, community_view);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, site_view);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, uncovered_view);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, site_editor);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, recent_submenu);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, plan_panel);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, scenario_switcher);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, grid_panel);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, grid_hint);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, org_panel);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, partner_panel);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, checks_panel);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, coverage_legend);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, chain_legend);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, sites_paned);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, legend_header);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, legend_toggle);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, side_panel);

  linli_window_class_init_actions (widget_class);
  linli_window_class_init_grid_actions (widget_class);
  linli_window_class_init_building_actions (widget_class);
}

static void
linli_window_init (LinliWindow *self)
{
  g_autoptr (ShumateMapSourceRegistry) registry = NULL;
  g_autoptr (GtkListItemFactory) site_factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkListItemFactory) building_factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkListItemFactory) community_factory = gtk_signal_list_item_factory_new ();
  ShumateViewport *viewport;
  GtkGesture *click, *drag;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The document shown, followed as it is replaced. */
  self->document_signals = g_signal_group_new (LINLI_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "coverage-changed", G_CALLBACK (show_coverage), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::modified", G_CALLBACK (update_title), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "grids-changed",
                                 G_CALLBACK (linli_window_grids_document_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file", G_CALLBACK (update_title), self,
                                 G_CONNECT_SWAPPED);
  self->project_signals = g_signal_group_new (LINLI_TYPE_PROJECT);
  g_signal_group_connect_object (self->project_signals, "changed", G_CALLBACK (on_project_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->project_signals, "notify::name", G_CALLBACK (update_title), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->project_signals, "notify::hide-names", G_CALLBACK (on_hide_names_cb),
                                 self, G_CONNECT_SWAPPED);
  self->history_signals = g_signal_group_new (LINLI_TYPE_HISTORY);
  g_signal_group_connect_object (self->history_signals, "notify", G_CALLBACK (on_history_notify_cb), self,
                                 G_CONNECT_SWAPPED);

  /* The map: no tile layer (Linli works offline); the district layer draws
   * its own streets-and-blocks background.  A reference source is still
   * needed for the projection. */
  self->map = shumate_map_new ();
  shumate_map_set_animate_zoom (self->map, FALSE);
  viewport = shumate_map_get_viewport (self->map);
  registry = shumate_map_source_registry_new_with_defaults ();
  self->reference_source = g_object_ref (shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK));
  shumate_viewport_set_reference_map_source (viewport, self->reference_source);
  shumate_viewport_set_min_zoom_level (viewport, 3);
  shumate_viewport_set_max_zoom_level (viewport, 20);
  self->layer = linli_map_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->layer));
  gtk_widget_set_hexpand (GTK_WIDGET (self->map), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->map), TRUE);
  gtk_overlay_set_child (self->map_overlay, GTK_WIDGET (self->map));
  {
    /* Bottom right: the scale bar, and under it the basemap's credit. */
    GtkWidget *corner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
    ShumateScale *scale = shumate_scale_new (viewport);

    shumate_scale_set_unit (scale, SHUMATE_UNIT_METRIC);
    gtk_widget_set_halign (GTK_WIDGET (scale), GTK_ALIGN_END);
    gtk_widget_set_can_target (GTK_WIDGET (scale), FALSE);
    gtk_box_append (GTK_BOX (corner), GTK_WIDGET (scale));

    self->attribution = GTK_LABEL (gtk_label_new (NULL));
    gtk_widget_set_halign (GTK_WIDGET (self->attribution), GTK_ALIGN_END);
    gtk_label_set_ellipsize (self->attribution, PANGO_ELLIPSIZE_END);
    gtk_label_set_max_width_chars (self->attribution, 80);
    gtk_widget_add_css_class (GTK_WIDGET (self->attribution), "map-attribution");
    gtk_widget_set_visible (GTK_WIDGET (self->attribution), FALSE);
    gtk_box_append (GTK_BOX (corner), GTK_WIDGET (self->attribution));

    gtk_widget_set_halign (corner, GTK_ALIGN_END);
    gtk_widget_set_valign (corner, GTK_ALIGN_END);
    gtk_widget_set_margin_end (corner, 12);
    gtk_widget_set_margin_bottom (corner, 12);
    gtk_overlay_add_overlay (self->map_overlay, corner);
  }
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (update_background), self,
                           G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (drag));
  linli_window_init_grids (self);
  linli_window_init_meeting (self);
  linli_window_init_buildings (self);
  linli_window_init_lists (self);
  linli_window_init_legend (self);

  /* Lists */
  g_signal_connect (site_factory, "setup", G_CALLBACK (site_row_setup_cb), self);
  g_signal_connect (site_factory, "bind", G_CALLBACK (site_row_bind_cb), self);
  g_signal_connect (site_factory, "unbind", G_CALLBACK (site_row_unbind_cb), self);
  gtk_list_view_set_factory (self->site_view, site_factory);
  self->site_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->site_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->site_selection, TRUE);
  gtk_list_view_set_model (self->site_view, GTK_SELECTION_MODEL (self->site_selection));
  g_signal_connect_object (self->site_selection, "notify::selected",
                           G_CALLBACK (on_site_selection_changed_cb), self, G_CONNECT_SWAPPED);

  self->uncovered = linli_index_list_new ();
  g_signal_connect (building_factory, "setup", G_CALLBACK (building_row_setup_cb), self);
  g_signal_connect (building_factory, "bind", G_CALLBACK (building_row_bind_cb), self);
  g_signal_connect (building_factory, "unbind", G_CALLBACK (building_row_unbind_cb), self);
  gtk_list_view_set_factory (self->uncovered_view, building_factory);
  self->uncovered_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->uncovered)));
  gtk_single_selection_set_autoselect (self->uncovered_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->uncovered_selection, TRUE);
  gtk_single_selection_set_selected (self->uncovered_selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->uncovered_view, GTK_SELECTION_MODEL (self->uncovered_selection));
  g_signal_connect_object (self->uncovered_selection, "notify::selected",
                           G_CALLBACK (on_uncovered_activate_cb), self, G_CONNECT_SWAPPED);

  self->communities = linli_index_list_new ();
  g_signal_connect (community_factory, "setup", G_CALLBACK (community_row_setup_cb), self);
  g_signal_connect (community_factory, "bind", G_CALLBACK (community_row_bind_cb), self);
  g_signal_connect (community_factory, "unbind", G_CALLBACK (community_row_unbind_cb), self);
  gtk_list_view_set_factory (self->community_view, community_factory);
  gtk_list_view_set_model (self->community_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->communities)))));

  {
    const char *rules[] = { _("Straight line"), _("Along streets"), NULL };
    GtkStringList *list = gtk_string_list_new (rules);

    gtk_drop_down_set_model (self->distance_dropdown, G_LIST_MODEL (list));
    g_object_unref (list);
  }
  g_signal_connect_object (self->distance_dropdown, "notify::selected", G_CALLBACK (on_distance_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->minutes_spin, "value-changed", G_CALLBACK (on_walk_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speed_spin, "value-changed", G_CALLBACK (on_walk_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self, "close-request", G_CALLBACK (on_close_request_cb), self);

  g_signal_connect_object (self->plan_panel, "proposal-changed", G_CALLBACK (on_proposal_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->org_panel, "show-location", G_CALLBACK (on_show_location_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checks_panel, "show-location", G_CALLBACK (on_show_location_cb), self,
                           G_CONNECT_SWAPPED);
  linli_window_init_actions (self);
  {
    g_autoptr (LinliProject) empty = linli_project_new ();
    linli_window_set_project (self, empty, NULL);
  }
  linli_window_update_recent_menu (self);

  g_signal_connect_object (linli_settings_get_default (), "notify::basemap",
                           G_CALLBACK (apply_basemap_setting), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (linli_settings_get_default (), "notify::mbtiles-file",
                           G_CALLBACK (apply_basemap_setting), self, G_CONNECT_SWAPPED);
  apply_basemap_setting (self);
}

/* Public API */

LinliWindow *
linli_window_new (GtkApplication *application)
{
  return g_object_new (LINLI_TYPE_WINDOW, "application", application, NULL);
}

/**
 * linli_window_set_document:
 *
 * Shows @document: its project, history and coverage.
 */
void
linli_window_set_document (LinliWindow   *self,
                           LinliDocument *document)
{
  LinliProject *project;

  g_return_if_fail (LINLI_IS_WINDOW (self));
  g_return_if_fail (LINLI_IS_DOCUMENT (document));

  self->selected = NULL;
  self->drag_site = NULL;
  linli_window_grid_cancel (self);
  self->grid_selected = NULL;
  self->drag_grid = NULL;
  project = linli_document_get_project (document);
  g_set_object (&self->document, document);
  g_set_object (&self->project, project);
  g_set_object (&self->history, linli_document_get_history (document));
  g_signal_group_set_target (self->document_signals, document);
  g_signal_group_set_target (self->project_signals, project);
  g_signal_group_set_target (self->history_signals, self->history);

  linli_map_layer_set_document (self->layer, document);
  linli_meeting_set_document (self->meeting, document);
  linli_plan_panel_set_document (self->plan_panel, document);
  linli_reach_editor_set_document (self->reach_editor, document);
  linli_scenario_switcher_set_document (self->scenario_switcher, document);
  linli_grid_panel_set_document (self->grid_panel, document);
  linli_window_grids_document_changed (self);
  linli_org_panel_set_document (self->org_panel, document);
  linli_partner_panel_set_document (self->partner_panel, document);
  linli_window_partners_document_changed (self);
  linli_checks_panel_set_document (self->checks_panel, document);
  linli_site_editor_set_site (self->site_editor, NULL);
  linli_site_editor_set_document (self->site_editor, document);
  linli_building_editor_set_document (self->building_editor, document);
  linli_window_select_buildings (self, NULL, 0, FALSE);
  fill_communities (self);
  gtk_single_selection_set_model (self->site_selection, linli_project_get_sites (project));
  gtk_single_selection_set_selected (self->site_selection, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (self->uncovered_selection, GTK_INVALID_LIST_POSITION);
  fill_walk (self);
  show_coverage (self);
  update_attribution (self);
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_NAMES]);
  linli_window_update_actions (self);
  linli_window_zoom_to_fit (self);
}

/**
 * linli_window_set_project:
 * @file: (nullable): where the project lives on disk
 *
 * Shows @project in a new document, with a fresh undo history, counted as
 * saved.
 */
void
linli_window_set_project (LinliWindow  *self,
                          LinliProject *project,
                          GFile        *file)
{
  g_autoptr (LinliDocument) document = NULL;

  g_return_if_fail (LINLI_IS_WINDOW (self));
  g_return_if_fail (LINLI_IS_PROJECT (project));

  document = linli_document_new (project, file);
  linli_window_set_document (self, document);
}

/**
 * linli_window_open_file:
 *
 * Loads @file and shows it.  On failure the project that was open stays
 * exactly as it was, and @error names the file, line and reason.
 */
gboolean
linli_window_open_file (LinliWindow  *self,
                        GFile        *file,
                        GError      **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (LinliProject) project = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), FALSE);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be opened"));
      return FALSE;
    }
  project = linli_format_load_file (path, error);
  if (project == NULL)
    return FALSE;
  linli_window_set_project (self, project, file);
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  linli_window_update_recent_menu (self);
  return TRUE;
}

/**
 * linli_window_local_path:
 *
 * Returns: (transfer full) (nullable): the local path of @file, or %NULL
 *   with @error set: imports read local, regular files only (not a
 *   folder, a device or a named pipe; the readers check that too)
 */
char *
linli_window_local_path (GFile   *file,
                         GError **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be imported"));
      return NULL;
    }
  if (!linli_file_check_regular (path, error))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * linli_window_import:
 * @options: as for linli_import_file()
 *
 * Replaces the project with one imported from OpenStreetMap XML or GeoJSON
 * (told apart by content), as a new project that is not saved yet (so
 * closing asks).  On failure nothing changes.
 */
gboolean
linli_window_import (LinliWindow              *self,
                     GFile                    *file,
                     const LinliImportOptions *options,
                     GError                  **error)
{
  g_autofree char *path = NULL;
  g_autoptr (LinliProject) project = NULL;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if ((path = linli_window_local_path (file, error)) == NULL)
    return FALSE;
  project = linli_import_file (path, options, NULL, error);
  if (project == NULL)
    return FALSE;
  linli_window_show_import (self, project);
  return TRUE;
}

/**
 * linli_window_show_import:
 *
 * Shows @project, made by an import, as a new project that is not saved
 * yet (so closing asks).
 */
static void
show_import_cont (LinliWindow *self,
                  gpointer     data)
{
  linli_window_set_project (self, LINLI_PROJECT (data), NULL);
  /* Nothing of it is on disk yet. */
  linli_document_mark_unsaved (self->document);
}

void
linli_window_show_import (LinliWindow  *self,
                          LinliProject *project)
{
  g_return_if_fail (LINLI_IS_WINDOW (self));
  g_return_if_fail (LINLI_IS_PROJECT (project));

  linli_window_confirm_replace (self, _("The imported data replaces this project, and its unsaved changes would be lost."),
                                show_import_cont, g_object_ref (project), g_object_unref);
}

/**
 * linli_window_show_derived:
 *
 * Shows @project, made from the open project (a building list joined onto
 * it), as a new unsaved project.  Unsaved edits of the open project are in
 * it, so nothing is lost and nothing is asked.
 */
void
linli_window_show_derived (LinliWindow  *self,
                           LinliProject *project)
{
  g_return_if_fail (LINLI_IS_WINDOW (self));

  show_import_cont (self, project);
}

/**
 * linli_window_add_streets:
 * @options: as for linli_import_streets_into()
 *
 * Gives the project the walkable ways of @file in place of its streets
 * (linli_import_streets_into()), as a new unsaved project that carries
 * every edit.  On failure nothing changes.
 */
gboolean
linli_window_add_streets (LinliWindow              *self,
                          GFile                    *file,
                          const LinliImportOptions *options,
                          GError                  **error)
{
  g_autofree char *path = NULL;
  g_autoptr (LinliProject) project = NULL;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), FALSE);

  if ((path = linli_window_local_path (file, error)) == NULL)
    return FALSE;
  project = linli_import_streets_into (self->project, path, options, NULL, error);
  if (project == NULL)
    return FALSE;
  linli_window_show_derived (self, project);
  return TRUE;
}

/**
 * linli_window_is_modified:
 *
 * Returns: %TRUE if the project has changes not saved to its file, or was
 *   imported and never saved
 */
gboolean
linli_window_is_modified (LinliWindow *self)
{
  return self->document != NULL && linli_document_get_modified (self->document);
}

gboolean
linli_window_save_file (LinliWindow  *self,
                        GFile        *file,
                        GError      **error)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!linli_document_save (self->document, file, error))
    return FALSE;
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  linli_window_update_recent_menu (self);
  return TRUE;
}

LinliProject *
linli_window_get_project (LinliWindow *self)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);
  return self->project;
}

LinliHistory *
linli_window_get_history (LinliWindow *self)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);
  return self->history;
}

LinliDocument *
linli_window_get_document (LinliWindow *self)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);
  return self->document;
}

GFile *
linli_window_get_file (LinliWindow *self)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);
  return window_file (self);
}

LinliSite *
linli_window_get_selected_site (LinliWindow *self)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);
  return self->selected;
}

/**
 * linli_window_select_site:
 * @site: (nullable): the site to select
 * @center: whether to move the map to it
 */
void
linli_window_select_site (LinliWindow *self,
                          LinliSite   *site,
                          gboolean     center)
{
  guint position;

  g_return_if_fail (LINLI_IS_WINDOW (self));

  self->selected = site;
  linli_map_layer_set_selected_site (self->layer, site);
  if (site != NULL && g_list_store_find (G_LIST_STORE (linli_project_get_sites (self->project)), site, &position))
    {
      if (gtk_single_selection_get_selected (self->site_selection) != position)
        gtk_single_selection_set_selected (self->site_selection, position);
      gtk_stack_set_visible_child_name (self->side_stack, "sites");
      if (center)
        center_on (self, linli_site_get_lat (site), linli_site_get_lon (site));
    }
  else
    {
      gtk_single_selection_set_selected (self->site_selection, GTK_INVALID_LIST_POSITION);
    }
  linli_site_editor_set_site (self->site_editor, self->selected);
  linli_window_update_actions (self);
}

/**
 * linli_window_add_site_at:
 *
 * Adds a planned station at the given place, undoably, and selects it.
 */
void
linli_window_add_site_at (LinliWindow *self,
                          double       lat,
                          double       lon)
{
  LinliSiteState state = { 0 };
  g_autofree char *name = NULL;
  LinliSite *site;

  g_return_if_fail (LINLI_IS_WINDOW (self));
  if (!linli_lat_lon_is_valid (lat, lon))
    return;

  name = g_strdup_printf (_("New site %u"), linli_project_get_n_sites (self->project) + 1);
  state.name = name;
  state.tier = LINLI_SITE_TIER_STATION;
  state.status = LINLI_SITE_STATUS_PLANNED;
  state.lat = lat;
  state.lon = lon;
  state.cost = -1;
  site = linli_project_edits_add_site (self->history, &state);
  linli_window_select_site (self, site, FALSE);
}

/**
 * linli_window_zoom_to_fit:
 *
 * Shows the whole district.
 */
void
linli_window_zoom_to_fit (LinliWindow *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double min_lat, min_lon, max_lat, max_lon;
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  LinliMapView view;

  if (self->project == NULL || !linli_project_get_bounds (self->project, &min_lat, &min_lon, &max_lat, &max_lon))
    return;
  if (width < 50 || height < 50)
    {
      int w, h;

      gtk_window_get_default_size (GTK_WINDOW (self), &w, &h);
      width = MAX (w - 380, 400);
      height = MAX (h - 60, 300);
    }

  /* A margin of 8 % of the map's shorter side all round. */
  if (!linli_map_view_fit (&view, min_lat, min_lon, max_lat, max_lon, (int) width, (int) height,
                           0.08 * MIN (width, height)))
    return;
  shumate_viewport_set_zoom_level (viewport, view.zoom);
  center_on (self, view.center_lat, view.center_lon);
}

/**
 * linli_window_set_basemap_file:
 * @path: (nullable): an MBTiles file of raster tiles, or %NULL for Linli's
 *   own drawing
 *
 * Shows @path's tiles under the district, with their credit in the corner.
 * If the file cannot be opened the map shows Linli's own drawing and
 * @error says why.
 *
 * Returns: whether the map shows what was asked
 */
gboolean
linli_window_set_basemap_file (LinliWindow  *self,
                               const char   *path,
                               GError      **error)
{
  g_autoptr (LinliMbtilesSource) source = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), FALSE);

  if (path != NULL && self->basemap != NULL && g_str_equal (path, linli_mbtiles_source_get_path (self->basemap)))
    return TRUE;
  if (path == NULL && self->basemap == NULL)
    return TRUE;

  if (path != NULL)
    {
      source = linli_mbtiles_source_new (path, error);
      ok = source != NULL;
    }

  if (self->tile_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->tile_layer));
  self->tile_layer = NULL;
  g_clear_object (&self->basemap);

  if (source != NULL)
    {
      g_autoptr (ShumateMapSource) renderer = linli_mbtiles_source_new_renderer (source);

      self->tile_layer = shumate_map_layer_new (renderer, shumate_map_get_viewport (self->map));
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->tile_layer), SHUMATE_LAYER (self->layer));
      g_signal_connect_object (source, "notify::problem", G_CALLBACK (on_basemap_problem_cb), self,
                               G_CONNECT_SWAPPED);
      self->basemap = g_steal_pointer (&source);
    }
  update_background (self);
  update_attribution (self);
  return ok;
}

/* Renders a mapped widget as it is on screen, with the window's renderer. */
static GdkTexture *
render_widget (GtkWidget  *widget,
               GError    **error)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (!gtk_widget_get_mapped (widget) || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window is not shown, so it cannot be rendered"));
      return NULL;
    }
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  if (node == NULL || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing to render"));
      return NULL;
    }
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The map as the painter draws it, with legend and scale bar, over the
 * basemap's tiles when there are any: what `linli-tool render` draws for
 * the same view. */
static gboolean
save_map_png (LinliWindow  *self,
              const char   *path,
              gboolean      legend,
              GError      **error)
{
  LinliPainter *painter = linli_map_layer_get_painter (self->layer);
  cairo_surface_t *surface;
  gboolean ok;
  LinliMapView view;
  cairo_t *cr;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->layer)) || !linli_map_layer_get_view (self->layer, &view))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window is not shown, so it cannot be rendered"));
      return FALSE;
    }
  view.scale_factor = 1;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
  if (self->tile_layer != NULL)
    {
      g_autoptr (GdkTexture) tiles = render_widget (GTK_WIDGET (self->tile_layer), error);

      if (tiles == NULL)
        {
          cairo_surface_destroy (surface);
          return FALSE;
        }
      /* Both are premultiplied ARGB in native byte order. */
      cairo_surface_flush (surface);
      if (gdk_texture_get_width (tiles) == view.width && gdk_texture_get_height (tiles) == view.height)
        gdk_texture_download (tiles, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
      cairo_surface_mark_dirty (surface);
    }

  cr = cairo_create (surface);
  linli_painter_draw (painter, cr, &view);
  if (!linli_painter_get_show_scale_bar (painter))
    linli_painter_draw_scale_bar (painter, cr, &view);
  if (legend && !linli_painter_get_show_legend (painter))
    linli_painter_draw_legend (painter, cr, &view);
  cairo_destroy (cr);

  ok = linli_render_save_png (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

/**
 * linli_window_save_png:
 * @map_only: render only the map, drawn by its painter with legend and
 *   scale bar, instead of the whole window
 *
 * Renders what is on screen to a PNG file.  The window must be mapped.
 */
gboolean
linli_window_save_png (LinliWindow  *self,
                       gboolean      map_only,
                       const char   *path,
                       GError      **error)
{
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GBytes) png = NULL;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), FALSE);

  if (map_only)
    return save_map_png (self, path, TRUE, error);
  texture = render_widget (GTK_WIDGET (self), error);
  if (texture == NULL)
    return FALSE;
  png = gdk_texture_save_to_png_bytes (texture);
  /* Atomic, and a failure says why and names @path. */
  return linli_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), error);
}

/**
 * linli_window_export_map_png:
 * @legend: draw the legend over the map
 *
 * Writes the map as its painter draws it, with the scale bar and, when
 * asked, the legend, to a PNG file.  The window must be mapped.
 */
gboolean
linli_window_export_map_png (LinliWindow  *self,
                             const char   *path,
                             gboolean      legend,
                             GError      **error)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), FALSE);

  return save_map_png (self, path, legend, error);
}
