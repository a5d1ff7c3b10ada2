/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Web Mercator as tile maps use it (EPSG:3857 on a 256-pixel tile). */

/* The latitude where the square world ends, north and south. */
#define LINLI_MERCATOR_MAX_LAT  85.05112878
/* The world's width in metres at the equator: 2π × 6,378,137 m. */
#define LINLI_MERCATOR_WORLD_M  40075016.686
/* Pixels across the world at zoom 0. */
#define LINLI_MERCATOR_TILE_PX  256.0

void   linli_mercator_project           (double  lat,
                                         double  lon,
                                         double *x,
                                         double *y);
void   linli_mercator_unproject         (double  x,
                                         double  y,
                                         double *lat,
                                         double *lon);
double linli_mercator_world_px          (double  zoom);
void   linli_mercator_to_pixels         (double  lat,
                                         double  lon,
                                         double  zoom,
                                         double *px,
                                         double *py);
void   linli_mercator_from_pixels       (double  px,
                                         double  py,
                                         double  zoom,
                                         double *lat,
                                         double *lon);
double linli_mercator_meters_per_pixel  (double  lat,
                                         double  zoom);
double linli_mercator_zoom_for_meters_per_pixel (double lat,
                                                 double meters_per_pixel);

G_END_DECLS
