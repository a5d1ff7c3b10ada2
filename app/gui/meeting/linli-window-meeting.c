/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include "linli-window-private.h"

/* The window's side of the meeting mode: what is hidden and put back, and
 * where the map was.  The meeting layer (linli-meeting.c) does the rest. */

/**
 * linli_window_init_meeting:
 *
 * Puts the meeting layer over the map, on top of the window's own corner
 * (scale bar and credit), which it draws larger itself.
 */
void
linli_window_init_meeting (LinliWindow *self)
{
  self->meeting = linli_meeting_new ();
  /* The overlay owns it; the pointer goes when it does. */
  g_object_add_weak_pointer (G_OBJECT (self->meeting), (gpointer *) &self->meeting);
  gtk_widget_set_visible (GTK_WIDGET (self->meeting), FALSE);
  linli_meeting_set_map (self->meeting, self->map, self->layer);
  gtk_overlay_add_overlay (self->map_overlay, GTK_WIDGET (self->meeting));
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
