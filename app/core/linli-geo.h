/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINLI_EARTH_RADIUS_M 6371008.8

typedef struct
{
  double lat;
  double lon;
} LinliLatLon;

/* A local equirectangular projection about a reference point.  Within the
 * few tens of kilometres of a district it differs from great-circle
 * distance by well under 0.1 %, and it turns distance tests into plain
 * Euclidean arithmetic on metres.
 */
typedef struct
{
  double lat0;
  double lon0;
  double m_per_deg_lat;
  double m_per_deg_lon;
} LinliProjection;

gboolean linli_lat_lon_is_valid     (double lat,
                                     double lon);

void     linli_projection_init      (LinliProjection *proj,
                                     double           lat0,
                                     double           lon0);
void     linli_projection_forward   (const LinliProjection *proj,
                                     double                 lat,
                                     double                 lon,
                                     double                *x,
                                     double                *y);
void     linli_projection_inverse   (const LinliProjection *proj,
                                     double                 x,
                                     double                 y,
                                     double                *lat,
                                     double                *lon);
double   linli_projection_distance  (const LinliProjection *proj,
                                     double                 lat1,
                                     double                 lon1,
                                     double                 lat2,
                                     double                 lon2);

double   linli_haversine_distance   (double lat1,
                                     double lon1,
                                     double lat2,
                                     double lon2);

G_END_DECLS
