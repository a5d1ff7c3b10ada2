/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-mercator"

#include "linli-mercator.h"

#include <math.h>

/**
 * linli_mercator_project:
 * @lat: latitude in degrees; clamped to ±%LINLI_MERCATOR_MAX_LAT
 * @lon: longitude in degrees
 * @x: (out): 0 at 180° W, 1 at 180° E
 * @y: (out): 0 at the north edge, 1 at the south edge
 *
 * Projects a position onto the unit square of Web Mercator.  Multiply by
 * %LINLI_MERCATOR_WORLD_M for world metres, or by linli_mercator_world_px()
 * for pixels at a zoom.
 */
void
linli_mercator_project (double  lat,
                        double  lon,
                        double *x,
                        double *y)
{
  double phi = CLAMP (lat, -LINLI_MERCATOR_MAX_LAT, LINLI_MERCATOR_MAX_LAT) * G_PI / 180;

  *x = (lon + 180.0) / 360.0;
  *y = (1.0 - log (tan (G_PI / 4 + phi / 2)) / G_PI) / 2.0;
}

/**
 * linli_mercator_unproject:
 * @x: position on the unit square, as linli_mercator_project() gives
 * @y: position on the unit square
 * @lat: (out): latitude in degrees
 * @lon: (out): longitude in degrees
 *
 * The inverse of linli_mercator_project().
 */
void
linli_mercator_unproject (double  x,
                          double  y,
                          double *lat,
                          double *lon)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

/**
 * linli_mercator_world_px:
 * @zoom: the zoom level
 *
 * Returns: the world's width in pixels at @zoom: 256 × 2^@zoom
 */
double
linli_mercator_world_px (double zoom)
{
  return LINLI_MERCATOR_TILE_PX * exp2 (zoom);
}

/**
 * linli_mercator_to_pixels:
 * @px: (out): pixels from the world's west edge at @zoom
 * @py: (out): pixels from the world's north edge at @zoom
 *
 * Projects a position to world pixels at a zoom level.
 */
void
linli_mercator_to_pixels (double  lat,
                          double  lon,
                          double  zoom,
                          double *px,
                          double *py)
{
  double world = linli_mercator_world_px (zoom);

  linli_mercator_project (lat, lon, px, py);
  *px *= world;
  *py *= world;
}

/**
 * linli_mercator_from_pixels:
 * @lat: (out): latitude in degrees
 * @lon: (out): longitude in degrees
 *
 * The inverse of linli_mercator_to_pixels().
 */
void
linli_mercator_from_pixels (double  px,
                            double  py,
                            double  zoom,
                            double *lat,
                            double *lon)
{
  double world = linli_mercator_world_px (zoom);

  linli_mercator_unproject (px / world, py / world, lat, lon);
}

/**
 * linli_mercator_meters_per_pixel:
 * @lat: latitude in degrees
 * @zoom: the zoom level
 *
 * Returns: metres on the ground per pixel at @lat and @zoom
 */
double
linli_mercator_meters_per_pixel (double lat,
                                 double zoom)
{
  double phi = CLAMP (lat, -LINLI_MERCATOR_MAX_LAT, LINLI_MERCATOR_MAX_LAT) * G_PI / 180;

  return cos (phi) * LINLI_MERCATOR_WORLD_M / linli_mercator_world_px (zoom);
}

/**
 * linli_mercator_zoom_for_meters_per_pixel:
 * @lat: latitude in degrees
 * @meters_per_pixel: metres on the ground per pixel, more than 0
 *
 * Returns: the zoom level at which a pixel covers @meters_per_pixel at @lat
 */
double
linli_mercator_zoom_for_meters_per_pixel (double lat,
                                          double meters_per_pixel)
{
  double phi = CLAMP (lat, -LINLI_MERCATOR_MAX_LAT, LINLI_MERCATOR_MAX_LAT) * G_PI / 180;

  g_return_val_if_fail (meters_per_pixel > 0, 0);
  return log2 (cos (phi) * LINLI_MERCATOR_WORLD_M / (LINLI_MERCATOR_TILE_PX * meters_per_pixel));
}
