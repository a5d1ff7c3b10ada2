/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LinliMapView:
 * @center_lat: latitude at the middle of the view, in degrees
 * @center_lon: longitude at the middle of the view, in degrees
 * @zoom: Web Mercator zoom level (the world is 256 × 2^zoom px wide)
 * @rotation: clockwise rotation of the map, in radians (0: north up)
 * @width: width of the view in px
 * @height: height of the view in px
 * @scale_factor: device pixels per px; drawing is in px, so a caller
 *   drawing for a HiDPI surface sets its device scale to this
 *
 * What part of the world a map shows, and how big: everything the painter
 * needs to place things, with no widget behind it.
 */
typedef struct
{
  double center_lat;
  double center_lon;
  double zoom;
  double rotation;
  int    width;
  int    height;
  double scale_factor;
} LinliMapView;

void     linli_map_view_init        (LinliMapView *view,
                                     double        center_lat,
                                     double        center_lon,
                                     double        zoom,
                                     int           width,
                                     int           height);
gboolean linli_map_view_fit         (LinliMapView *view,
                                     double        min_lat,
                                     double        min_lon,
                                     double        max_lat,
                                     double        max_lon,
                                     int           width,
                                     int           height,
                                     double        margin);
void     linli_map_view_to_pixels   (const LinliMapView *view,
                                     double              lat,
                                     double              lon,
                                     double             *x,
                                     double             *y);
void     linli_map_view_from_pixels (const LinliMapView *view,
                                     double              x,
                                     double              y,
                                     double             *lat,
                                     double             *lon);
double   linli_map_view_get_meters_per_pixel (const LinliMapView *view);

G_END_DECLS
