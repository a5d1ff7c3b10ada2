/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-map-view"

#include "linli-map-view.h"

#include <math.h>

#include "linli-mercator.h"

/* The zoom levels a fitted view keeps to: a whole country at one end, a
 * single building at the other. */
#define FIT_MIN_ZOOM 3.0
#define FIT_MAX_ZOOM 18.0

/**
 * linli_map_view_init:
 *
 * Sets a north-up view at scale factor 1.
 */
void
linli_map_view_init (LinliMapView *view,
                     double        center_lat,
                     double        center_lon,
                     double        zoom,
                     int           width,
                     int           height)
{
  g_return_if_fail (view != NULL);

  view->center_lat = center_lat;
  view->center_lon = center_lon;
  view->zoom = zoom;
  view->rotation = 0;
  view->width = width;
  view->height = height;
  view->scale_factor = 1;
}

/**
 * linli_map_view_fit:
 * @min_lat: south edge of what to show
 * @min_lon: west edge
 * @max_lat: north edge
 * @max_lon: east edge
 * @width: the view's width in px
 * @height: the view's height in px
 * @margin: px to keep free on each side
 *
 * Sets @view to show the box whole, centred, north up, at the largest zoom
 * (between 3 and 18) at which it fits inside the margins.
 *
 * Returns: %FALSE if the box or the size is not usable; @view is then
 *   left alone
 */
gboolean
linli_map_view_fit (LinliMapView *view,
                    double        min_lat,
                    double        min_lon,
                    double        max_lat,
                    double        max_lon,
                    int           width,
                    int           height,
                    double        margin)
{
  double x0, y0, x1, y1, inner_w, inner_h, zoom, cx, cy, lat, lon;

  g_return_val_if_fail (view != NULL, FALSE);

  if (!(isfinite (min_lat) && isfinite (min_lon) && isfinite (max_lat) && isfinite (max_lon)) ||
      min_lat > max_lat || min_lon > max_lon || width <= 0 || height <= 0)
    return FALSE;
  inner_w = MAX (width - 2 * margin, 1);
  inner_h = MAX (height - 2 * margin, 1);

  linli_mercator_project (max_lat, min_lon, &x0, &y0);
  linli_mercator_project (min_lat, max_lon, &x1, &y1);
  zoom = MIN (log2 (inner_w / (LINLI_MERCATOR_TILE_PX * MAX (x1 - x0, 1e-12))),
              log2 (inner_h / (LINLI_MERCATOR_TILE_PX * MAX (y1 - y0, 1e-12))));
  zoom = CLAMP (zoom, FIT_MIN_ZOOM, FIT_MAX_ZOOM);

  /* The middle in Mercator, not in degrees: the box is centred as drawn. */
  cx = (x0 + x1) / 2;
  cy = (y0 + y1) / 2;
  linli_mercator_unproject (cx, cy, &lat, &lon);
  linli_map_view_init (view, lat, lon, zoom, width, height);
  return TRUE;
}

/**
 * linli_map_view_to_pixels:
 * @x: (out): px from the view's left edge
 * @y: (out): px from the view's top edge
 *
 * Where a position is drawn in @view.
 */
void
linli_map_view_to_pixels (const LinliMapView *view,
                          double              lat,
                          double              lon,
                          double             *x,
                          double             *y)
{
  double world = linli_mercator_world_px (view->zoom);
  double mx, my, cx, cy, dx, dy, c = cos (view->rotation), s = sin (view->rotation);

  linli_mercator_project (lat, lon, &mx, &my);
  linli_mercator_project (view->center_lat, view->center_lon, &cx, &cy);
  dx = (mx - cx) * world;
  dy = (my - cy) * world;
  *x = view->width / 2.0 + dx * c - dy * s;
  *y = view->height / 2.0 + dx * s + dy * c;
}

/**
 * linli_map_view_from_pixels:
 * @lat: (out): latitude drawn at (@x, @y)
 * @lon: (out): longitude drawn at (@x, @y)
 *
 * The inverse of linli_map_view_to_pixels().
 */
void
linli_map_view_from_pixels (const LinliMapView *view,
                            double              x,
                            double              y,
                            double             *lat,
                            double             *lon)
{
  double world = linli_mercator_world_px (view->zoom);
  double cx, cy, dx, dy, c = cos (view->rotation), s = sin (view->rotation);

  linli_mercator_project (view->center_lat, view->center_lon, &cx, &cy);
  dx = x - view->width / 2.0;
  dy = y - view->height / 2.0;
  linli_mercator_unproject (cx + (dx * c + dy * s) / world, cy + (-dx * s + dy * c) / world, lat, lon);
}

/**
 * linli_map_view_get_meters_per_pixel:
 *
 * Returns: metres on the ground per px at the view's centre
 */
double
linli_map_view_get_meters_per_pixel (const LinliMapView *view)
{
  return linli_mercator_meters_per_pixel (view->center_lat, view->zoom);
}
