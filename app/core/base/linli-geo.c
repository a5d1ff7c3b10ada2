/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-geo"

#include "linli-geo.h"

#include <math.h>

#define DEG_TO_RAD (G_PI / 180.0)

gboolean
linli_lat_lon_is_valid (double lat,
                        double lon)
{
  return isfinite (lat) && isfinite (lon) &&
         lat >= -90.0 && lat <= 90.0 &&
         lon >= -180.0 && lon <= 180.0;
}

/**
 * linli_projection_init:
 * @proj: the projection to fill
 * @lat0: reference latitude in degrees
 * @lon0: reference longitude in degrees
 *
 * Sets up an equirectangular projection centred on (@lat0, @lon0).
 */
void
linli_projection_init (LinliProjection *proj,
                       double           lat0,
                       double           lon0)
{
  proj->lat0 = lat0;
  proj->lon0 = lon0;
  proj->m_per_deg_lat = LINLI_EARTH_RADIUS_M * DEG_TO_RAD;
  proj->m_per_deg_lon = LINLI_EARTH_RADIUS_M * DEG_TO_RAD * cos (lat0 * DEG_TO_RAD);
}

void
linli_projection_forward (const LinliProjection *proj,
                          double                 lat,
                          double                 lon,
                          double                *x,
                          double                *y)
{
  *x = (lon - proj->lon0) * proj->m_per_deg_lon;
  *y = (lat - proj->lat0) * proj->m_per_deg_lat;
}

void
linli_projection_inverse (const LinliProjection *proj,
                          double                 x,
                          double                 y,
                          double                *lat,
                          double                *lon)
{
  *lon = proj->lon0 + x / proj->m_per_deg_lon;
  *lat = proj->lat0 + y / proj->m_per_deg_lat;
}

/**
 * linli_projection_distance:
 *
 * Returns: the distance in metres between two points, measured in the
 * local projection. This is the distance every coverage figure uses.
 */
double
linli_projection_distance (const LinliProjection *proj,
                           double                 lat1,
                           double                 lon1,
                           double                 lat2,
                           double                 lon2)
{
  double dx = (lon2 - lon1) * proj->m_per_deg_lon;
  double dy = (lat2 - lat1) * proj->m_per_deg_lat;

  return sqrt (dx * dx + dy * dy);
}

/**
 * linli_haversine_distance:
 *
 * Returns: the great-circle distance in metres, used to check the
 * projection's error.
 */
double
linli_haversine_distance (double lat1,
                          double lon1,
                          double lat2,
                          double lon2)
{
  double dlat = (lat2 - lat1) * DEG_TO_RAD;
  double dlon = (lon2 - lon1) * DEG_TO_RAD;
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (lat1 * DEG_TO_RAD) * cos (lat2 * DEG_TO_RAD) * sin (dlon / 2) * sin (dlon / 2);

  return 2.0 * LINLI_EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}
