/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-crs"

#include "linli-crs.h"

#include <math.h>

/* The GCJ-02 offset is a published closed form on the Krasovsky 1940
 * ellipsoid; its inverse has no closed form and is found by fixed-point
 * iteration on the forward transform. */
#define KRASOVSKY_A  6378245.0
#define KRASOVSKY_EE 0.00669342162296594323

gboolean
linli_crs_from_string (const char *str,
                       LinliCrs   *crs)
{
  if (g_ascii_strcasecmp (str, "wgs84") == 0 || g_ascii_strcasecmp (str, "epsg:4326") == 0)
    *crs = LINLI_CRS_WGS84;
  else if (g_ascii_strcasecmp (str, "gcj02") == 0 || g_ascii_strcasecmp (str, "gcj-02") == 0)
    *crs = LINLI_CRS_GCJ02;
  else if (g_ascii_strcasecmp (str, "cgcs2000") == 0 || g_ascii_strcasecmp (str, "epsg:4490") == 0)
    *crs = LINLI_CRS_CGCS2000;
  else
    return FALSE;
  return TRUE;
}

/**
 * linli_gcj02_applies:
 *
 * Returns: whether the point lies in the box where GCJ-02 shifts
 * coordinates (mainland China and around); outside it GCJ-02 is WGS84
 */
gboolean
linli_gcj02_applies (double lat,
                     double lon)
{
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

static double
offset_lat (double x,
            double y)
{
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (y * G_PI) + 40.0 * sin (y / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (160.0 * sin (y / 12.0 * G_PI) + 320 * sin (y * G_PI / 30.0)) * 2.0 / 3.0;
  return r;
}

static double
offset_lon (double x,
            double y)
{
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt (fabs (x));

  r += (20.0 * sin (6.0 * x * G_PI) + 20.0 * sin (2.0 * x * G_PI)) * 2.0 / 3.0;
  r += (20.0 * sin (x * G_PI) + 40.0 * sin (x / 3.0 * G_PI)) * 2.0 / 3.0;
  r += (150.0 * sin (x / 12.0 * G_PI) + 300.0 * sin (x / 30.0 * G_PI)) * 2.0 / 3.0;
  return r;
}

/**
 * linli_gcj02_from_wgs84:
 *
 * The forward GCJ-02 transform: what a Chinese web map shows for a WGS84
 * position.  Outside China it changes nothing.
 */
void
linli_gcj02_from_wgs84 (double  lat,
                        double  lon,
                        double *gcj_lat,
                        double *gcj_lon)
{
  double dlat, dlon, rad, magic, sqrt_magic;

  if (!linli_gcj02_applies (lat, lon))
    {
      *gcj_lat = lat;
      *gcj_lon = lon;
      return;
    }
  dlat = offset_lat (lon - 105.0, lat - 35.0);
  dlon = offset_lon (lon - 105.0, lat - 35.0);
  rad = lat / 180.0 * G_PI;
  magic = 1 - KRASOVSKY_EE * sin (rad) * sin (rad);
  sqrt_magic = sqrt (magic);
  dlat = (dlat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrt_magic) * G_PI);
  dlon = (dlon * 180.0) / (KRASOVSKY_A / sqrt_magic * cos (rad) * G_PI);
  *gcj_lat = lat + dlat;
  *gcj_lon = lon + dlon;
}

/**
 * linli_wgs84_from_gcj02:
 *
 * Inverts linli_gcj02_from_wgs84() by iteration to 1e-10 degrees (about
 * 0.01 mm), so that transforming the result forward gives back the input
 * to well under a metre.
 */
void
linli_wgs84_from_gcj02 (double  gcj_lat,
                        double  gcj_lon,
                        double *lat,
                        double *lon)
{
  double wlat = gcj_lat, wlon = gcj_lon;

  for (int i = 0; i < 30; i++)
    {
      double flat, flon;

      linli_gcj02_from_wgs84 (wlat, wlon, &flat, &flon);
      if (fabs (flat - gcj_lat) < 1e-10 && fabs (flon - gcj_lon) < 1e-10)
        break;
      wlat += gcj_lat - flat;
      wlon += gcj_lon - flon;
    }
  *lat = wlat;
  *lon = wlon;
}

/**
 * linli_crs_to_wgs84:
 *
 * Converts a position given in @crs to WGS84.
 */
void
linli_crs_to_wgs84 (LinliCrs  crs,
                    double    lat,
                    double    lon,
                    double   *wgs_lat,
                    double   *wgs_lon)
{
  if (crs == LINLI_CRS_GCJ02)
    linli_wgs84_from_gcj02 (lat, lon, wgs_lat, wgs_lon);
  else
    {
      *wgs_lat = lat;
      *wgs_lon = lon;
    }
}
