/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include "linli-window-private.h"

#include <glib/gi18n.h>

#include "linli-scenario-edits.h"
#include "linli-scenarios.h"

/* The window's side of the meeting mode: what is hidden and put back, and
 * where the map was.  The meeting layer (linli-meeting.c) does the rest. */

/**
 * linli_window_init_meeting:
 *
 * Puts the meeting layer over the map, on top of the window's own corner
 * (scale bar and credit), which it draws larger itself.
 */
/* The open scenario's id, "base" for the current state. */
static const char *
active_scenario (LinliWindow *self)
{
  const char *id = linli_scenarios_get_active (linli_project_get_scenarios (linli_document_get_project (self->document)));

  return id != NULL ? id : LINLI_SCENARIO_BASE_ID;
}

/* A scenario's view, shown: the document switches to it, so the map and
 * the figure strip are the scenario's (one undoable step, as a switch in
 * the header bar is). */
static void
on_scenario_view_shown_cb (LinliMeetingView *view,
                           LinliWindow      *self)
{
  const char *id = g_object_get_data (G_OBJECT (view), "linli-scenario-id");
  if (self->document == NULL)
    return;
  if (g_strcmp0 (active_scenario (self), id) != 0)
    linli_scenario_edits_switch (linli_document_get_history (self->document), id);
}

/* Before and after: when the project has scenarios, the current state and
 * each scenario as a view of the whole district, in the scenarios' order,
 * after the default views. */
static void
on_collect_views_cb (LinliMeeting *meeting,
                     GListStore   *views,
                     LinliWindow  *self)
{
  g_autoptr (LinliMeetingView) overview = NULL;
  LinliScenarios *scenarios;
  double min_lat, min_lon, max_lat, max_lon;
  guint n;

  if (self->document == NULL || g_list_model_get_n_items (G_LIST_MODEL (views)) == 0)
    return;
  scenarios = linli_project_get_scenarios (linli_document_get_project (self->document));
  n = linli_scenarios_get_n (scenarios);
  overview = g_list_model_get_item (G_LIST_MODEL (views), 0);
  if (n == 0 || !linli_meeting_view_get_bounds (overview, &min_lat, &min_lon, &max_lat, &max_lon))
    return;
  for (guint i = 0; i <= n; i++)
    {
      LinliScenario *scenario = i == 0 ? NULL : linli_scenarios_get (scenarios, i - 1);
      const char *name = scenario != NULL ? linli_scenario_get_name (scenario) : linli_scenarios_base_name ();
      /* TRANSLATORS: the title of a meeting view showing a scenario; %s is its name */
      g_autofree char *title = g_strdup_printf (_("Scenario: %s"), name);
      g_autoptr (LinliMeetingView) view = linli_meeting_view_new_bounds ("scenario", title, min_lat, min_lon,
                                                                         max_lat, max_lon);

      g_object_set_data_full (G_OBJECT (view), "linli-scenario-id",
                              g_strdup (scenario != NULL ? linli_scenario_get_id (scenario) : LINLI_SCENARIO_BASE_ID),
                              g_free);
      g_signal_connect_object (view, "shown", G_CALLBACK (on_scenario_view_shown_cb), self, 0);
      g_list_store_append (views, view);
    }
}

void
linli_window_init_meeting (LinliWindow *self)
{
  self->meeting = linli_meeting_new ();
  /* The overlay owns it; the pointer goes when it does. */
  g_object_add_weak_pointer (G_OBJECT (self->meeting), (gpointer *) &self->meeting);
  gtk_widget_set_visible (GTK_WIDGET (self->meeting), FALSE);
  linli_meeting_set_map (self->meeting, self->map, self->layer);
  gtk_overlay_add_overlay (self->map_overlay, GTK_WIDGET (self->meeting));
  g_signal_connect_object (self->meeting, "collect-views", G_CALLBACK (on_collect_views_cb), self, 0);
}

gboolean
linli_window_get_meeting (LinliWindow *self)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), FALSE);
  return self->meeting != NULL && linli_meeting_get_active (self->meeting);
}

/**
 * linli_window_set_meeting:
 * @meeting: whether to show the meeting mode
 *
 * Enters the meeting mode: full screen, the header bar, side panel,
 * legend and editing tools hidden, the meeting layer showing its first
 * view.  Leaving puts everything back, the map where it was.
 */
void
linli_window_set_meeting (LinliWindow *self,
                          gboolean     meeting)
{
  ShumateViewport *viewport;

  g_return_if_fail (LINLI_IS_WINDOW (self));

  if (linli_window_get_meeting (self) == !!meeting)
    return;
  viewport = shumate_map_get_viewport (self->map);
  if (meeting)
    {
      linli_window_set_add_mode (self, FALSE);
      linli_window_grid_cancel (self);
      self->meeting_was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));
      self->meeting_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      self->meeting_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      self->meeting_zoom = shumate_viewport_get_zoom_level (viewport);
      g_free (self->meeting_scenario);
      self->meeting_scenario = self->document == NULL ? NULL : g_strdup (active_scenario (self));
      gtk_widget_set_visible (self->header_bar, FALSE);
      gtk_widget_set_visible (self->side_panel, FALSE);
      gtk_widget_set_visible (self->legend, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->meeting), TRUE);
      linli_meeting_start (self->meeting);
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      linli_meeting_stop (self->meeting);
      /* The scenario the meeting began with is open again. */
      if (self->document != NULL && self->meeting_scenario != NULL &&
          g_strcmp0 (active_scenario (self), self->meeting_scenario) != 0)
        linli_scenario_edits_switch (linli_document_get_history (self->document), self->meeting_scenario);
      g_clear_pointer (&self->meeting_scenario, g_free);
      gtk_widget_set_visible (GTK_WIDGET (self->meeting), FALSE);
      gtk_widget_set_visible (self->header_bar, TRUE);
      gtk_widget_set_visible (self->side_panel, TRUE);
      gtk_widget_set_visible (self->legend, TRUE);
      if (!self->meeting_was_fullscreen)
        gtk_window_unfullscreen (GTK_WINDOW (self));
      shumate_viewport_set_zoom_level (viewport, self->meeting_zoom);
      shumate_map_center_on (self->map, self->meeting_lat, self->meeting_lon);
    }
  g_object_notify (G_OBJECT (self), "meeting");
}
