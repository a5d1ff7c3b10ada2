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

/* A local equirectangular projection about a reference point.  It turns
 * distance tests into plain Euclidean arithmetic on metres.  Its distances
 * differ from great-circle ones by under 0.1 % within 5 km of the
 * reference and under 0.35 % within 20 km at latitudes up to 45° (the
 * east–west scale is that of the reference latitude): about 2 m on a
 * 750 m circle at the far edge of a large district.
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
