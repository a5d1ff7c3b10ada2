/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window-legend"

#include "config.h"

#include "linli-window-private.h"

/* The legend over the map folds down to its title row, and the planner
 * drags it by that row to wherever it hides nothing that matters.  It is
 * placed by its margins inside the map's overlay, from the lower left
 * corner, and never leaves the map. */

typedef struct
{
  LinliWindow *self;      /* not owned: the gesture dies with the window */
  int          start0;    /* the margins when the drag began */
  int          bottom0;
} LegendDrag;

/* Callbacks */

static void
on_legend_drag_begin_cb (GtkGestureDrag *gesture,
                         double          x,
                         double          y,
                         LegendDrag     *drag)
{
  drag->start0 = gtk_widget_get_margin_start (drag->self->legend);
  drag->bottom0 = gtk_widget_get_margin_bottom (drag->self->legend);
}

static void
on_legend_drag_update_cb (GtkGestureDrag *gesture,
                          double          dx,
                          double          dy,
                          LegendDrag     *drag)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  linli_window_move_legend (drag->self, drag->start0 + (int) dx, drag->bottom0 - (int) dy);
}

/* Private API */

/**
 * linli_window_init_legend:
 *
 * Lets the planner drag the legend by its title row; called once from init.
 */
void
linli_window_init_legend (LinliWindow *self)
{
  GtkGesture *gesture = gtk_gesture_drag_new ();
  LegendDrag *drag = g_new0 (LegendDrag, 1);

  drag->self = self;
  g_object_set_data_full (G_OBJECT (gesture), "linli-legend-drag", drag, g_free);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_legend_drag_begin_cb), drag);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_legend_drag_update_cb), drag);
  gtk_widget_add_controller (self->legend_header, GTK_EVENT_CONTROLLER (gesture));
}

/**
 * linli_window_move_legend:
 * @start: pixels from the map's left edge to the legend's
 * @bottom: pixels from the map's bottom edge to the legend's
 *
 * Moves the legend, keeping it whole inside the map.
 */
void
linli_window_move_legend (LinliWindow *self,
                          int          start,
                          int          bottom)
{
  int room_x = gtk_widget_get_width (GTK_WIDGET (self->map_overlay)) - gtk_widget_get_width (self->legend);
  int room_y = gtk_widget_get_height (GTK_WIDGET (self->map_overlay)) - gtk_widget_get_height (self->legend);

  gtk_widget_set_margin_start (self->legend, CLAMP (start, 0, MAX (room_x, 0)));
  gtk_widget_set_margin_bottom (self->legend, CLAMP (bottom, 0, MAX (room_y, 0)));
}
