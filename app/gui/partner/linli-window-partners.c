/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-map-layer.h"
#include "linli-painter.h"
#include "linli-partners.h"
#include "linli-registry-dialog.h"
#include "linli-window-private.h"

/* The window's legend rows for the accepted partner assignment: the unit
 * marker and a line per category the map draws, in the painter's colours
 * and order, so the window says what the PNG and PDF legends say. */

typedef struct
{
  gboolean unit;
  guint    color;
} Swatch;

static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  const Swatch *swatch = user_data;
  double r = ((swatch->color >> 16) & 0xff) / 255.0, g = ((swatch->color >> 8) & 0xff) / 255.0;
  double b = (swatch->color & 0xff) / 255.0;

  if (swatch->unit)
    {
      cairo_rectangle (cr, width / 2.0 - 4, height / 2.0 - 4, 8, 8);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      return;
    }
  cairo_move_to (cr, 1, height / 2.0);
  cairo_line_to (cr, width - 4, height / 2.0);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_arc (cr, width - 4, height / 2.0, 3, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
add_row (GtkGrid    *grid,
         int         row,
         gboolean    unit,
         guint       color,
         const char *text)
{
  Swatch *swatch = g_new (Swatch, 1);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (text);

  swatch->unit = unit;
  swatch->color = color;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 22);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch_cb, swatch, g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (grid, area, 0, row, 1, 1);
  gtk_grid_attach (grid, label, 1, row, 1, 1);
}

static void
on_partners_changed_cb (LinliPartners *partners,
                        LinliWindow   *self)
{
  GtkGrid *grid = GTK_GRID (self->partner_legend);
  g_autoptr (GArray) categories = NULL;
  GtkWidget *child;

  /* A scenario's lists other than the one shown keep their connection. */
  if (self->project == NULL || partners != linli_project_get_partners (self->project))
    return;
  while ((child = gtk_widget_get_first_child (self->partner_legend)))
    gtk_grid_remove (grid, child);
  categories = linli_painter_dup_partner_categories (linli_map_layer_get_painter (self->layer));
  if (categories->len > 0)
    add_row (grid, 0, TRUE, 0x303030, _("Partner unit"));
  for (guint k = 0; k < categories->len; k++)
    {
      guint category = g_array_index (categories, guint, k);
      g_autofree char *text = g_strdup_printf (
        _("Serves: %s"),
        linli_partners_category_label (partners,
                                       linli_partners_get_category (partners, category)->id));

      add_row (grid, (int) k + 1, FALSE, linli_painter_get_partner_color (category), text);
    }
  gtk_widget_set_visible (self->partner_legend, categories->len > 0);
}

/**
 * linli_window_partners_document_changed:
 *
 * Follows the partner lists of the window's project in the legend.
 */
void
linli_window_partners_document_changed (LinliWindow *self)
{
  LinliPartners *partners;

  if (self->project == NULL)
    return;
  partners = linli_project_get_partners (self->project);
  if (g_signal_handler_find (partners, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             on_partners_changed_cb, self) == 0)
    g_signal_connect_object (partners, "changed", G_CALLBACK (on_partners_changed_cb), self, 0);
  on_partners_changed_cb (partners, self);
}

/* File → Partner Registry…: one dialog a window, kept with its connection
 * while the window lives. */
LinliRegistryDialog *
linli_window_open_registry_dialog (LinliWindow *self)
{
  LinliRegistryDialog *dialog;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);

  dialog = g_object_get_data (G_OBJECT (self), "linli-registry-dialog");
  if (dialog == NULL)
    {
      dialog = linli_registry_dialog_new (self->document);
      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      g_object_set_data_full (G_OBJECT (self), "linli-registry-dialog", g_object_ref_sink (dialog),
                              (GDestroyNotify) gtk_window_destroy);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
linli_window_partner_registry_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  linli_window_open_registry_dialog (LINLI_WINDOW (widget));
}
