/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-map-layer"

#include "config.h"

#include "linli-map-layer.h"

#include <math.h>

/* The layer that shows the district in the window: a thin widget that
 * works out the view from the ShumateViewport and asks its LinliPainter to
 * draw it, in one cairo node per frame.  What is drawn, and how, lives in
 * the painter, which PNG and PDF export and `linli-tool render` share.
 */
struct _LinliMapLayer
{
  ShumateLayer  parent_instance;

  LinliPainter *painter;
};

G_DEFINE_FINAL_TYPE (LinliMapLayer, linli_map_layer, SHUMATE_TYPE_LAYER)

/* GtkWidget overrides */

static void
linli_map_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LinliMapLayer *self = LINLI_MAP_LAYER (widget);
  LinliMapView view;
  cairo_t *cr;

  if (!linli_map_layer_get_view (self, &view))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
  linli_painter_draw (self->painter, cr, &view);
  cairo_destroy (cr);
}

/* Callbacks */

static void
on_viewport_notify_cb (LinliMapLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_painter_changed_cb (LinliMapLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject overrides */

static void
linli_map_layer_constructed (GObject *object)
{
  LinliMapLayer *self = LINLI_MAP_LAYER (object);

  G_OBJECT_CLASS (linli_map_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
linli_map_layer_dispose (GObject *object)
{
  LinliMapLayer *self = LINLI_MAP_LAYER (object);

  if (self->painter != NULL)
    g_signal_handlers_disconnect_by_data (self->painter, self);
  g_clear_object (&self->painter);
  G_OBJECT_CLASS (linli_map_layer_parent_class)->dispose (object);
}

static void
linli_map_layer_class_init (LinliMapLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = linli_map_layer_constructed;
  object_class->dispose = linli_map_layer_dispose;
  widget_class->snapshot = linli_map_layer_snapshot;
}

static void
linli_map_layer_init (LinliMapLayer *self)
{
  self->painter = linli_painter_new ();
  g_signal_connect_object (self->painter, "changed", G_CALLBACK (on_painter_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Public API */

LinliMapLayer *
linli_map_layer_new (ShumateViewport *viewport)
{
  return g_object_new (LINLI_TYPE_MAP_LAYER, "viewport", viewport, NULL);
}

/**
 * linli_map_layer_get_painter:
 *
 * Returns: (transfer none): the painter that draws the layer; export draws
 *   with it too
 */
LinliPainter *
linli_map_layer_get_painter (LinliMapLayer *self)
{
  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), NULL);
  return self->painter;
}

/**
 * linli_map_layer_get_view:
 * @view: (out caller-allocates): the view the layer shows
 *
 * The view of the layer's viewport at the layer's size: centre, zoom (on a
 * 256-pixel tile, whatever the reference source's tiles) and rotation.
 *
 * Returns: %FALSE if the layer has no size or its viewport no map source
 */
gboolean
linli_map_layer_get_view (LinliMapLayer *self,
                          LinliMapView  *view)
{
  ShumateViewport *viewport;
  ShumateMapSource *source;
  int width, height;
  double zoom;

  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  source = shumate_viewport_get_reference_map_source (viewport);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (source == NULL || width <= 0 || height <= 0)
    return FALSE;
  zoom = shumate_viewport_get_zoom_level (viewport);
  /* The painter's zoom is on 256-pixel tiles, like the viewport's reference
   * source; a source of 512-pixel tiles shows the world twice as big. */
  zoom += log2 (shumate_map_source_get_tile_size (source) / 256.0);
  linli_map_view_init (view, shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), zoom, width, height);
  view->rotation = shumate_viewport_get_rotation (viewport);
  view->scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  return TRUE;
}

/**
 * linli_map_layer_set_document:
 * @document: (nullable): the document to show
 *
 * Shows @document's buildings, sites, streets and coverage, following every
 * change.
 */
void
linli_map_layer_set_document (LinliMapLayer *self,
                              LinliDocument *document)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));
  linli_painter_set_document (self->painter, document);
}

void
linli_map_layer_set_selected_site (LinliMapLayer *self,
                                   LinliSite     *site)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));
  linli_painter_set_selected_site (self->painter, site);
}

void
linli_map_layer_set_highlight (LinliMapLayer *self,
                               int            building)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));
  linli_painter_set_highlight (self->painter, building);
}

void
linli_map_layer_set_selected_buildings (LinliMapLayer *self,
                                        const guint   *buildings,
                                        guint          n)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));
  linli_painter_set_selected_buildings (self->painter, buildings, n);
}

/**
 * linli_map_layer_set_proposal:
 *
 * See linli_painter_set_proposal().
 */
void
linli_map_layer_set_proposal (LinliMapLayer  *self,
                              const char    **ids,
                              const double   *adds,
                              guint           n)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));
  linli_painter_set_proposal (self->painter, ids, adds, n);
}

gboolean
linli_map_layer_get_draw_background (LinliMapLayer *self)
{
  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), TRUE);
  return linli_painter_get_draw_background (self->painter);
}

void
linli_map_layer_set_draw_background (LinliMapLayer *self,
                                     gboolean       draw)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));
  linli_painter_set_draw_background (self->painter, draw);
}

void
linli_map_layer_set_show_candidate_circles (LinliMapLayer *self,
                                            gboolean       show)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));
  linli_painter_set_show_candidate_circles (self->painter, show);
}

/**
 * linli_map_layer_pick_site:
 *
 * Returns: (transfer none) (nullable): the site drawn nearest to (@x, @y)
 * within a few pixels
 */
LinliSite *
linli_map_layer_pick_site (LinliMapLayer *self,
                           double         x,
                           double         y)
{
  LinliMapView view;

  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), NULL);
  if (!linli_map_layer_get_view (self, &view))
    return NULL;
  return linli_painter_pick_site (self->painter, &view, x, y);
}

/**
 * linli_map_layer_pick_building:
 *
 * Returns: the index of the building nearest to (@x, @y) within a few
 * pixels, or -1
 */
int
linli_map_layer_pick_building (LinliMapLayer *self,
                               double         x,
                               double         y)
{
  LinliMapView view;

  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), -1);
  if (!linli_map_layer_get_view (self, &view))
    return -1;
  return linli_painter_pick_building (self->painter, &view, x, y);
}
