/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Coordinate systems planners' data come in.  Linli works in
 * WGS84.  CGCS2000 geographic coordinates differ from WGS84 by a few
 * centimetres and are taken as they are; GCJ-02, the obfuscated system of
 * Chinese web maps, is converted. */
typedef enum
{
  LINLI_CRS_WGS84,
  LINLI_CRS_GCJ02,
  LINLI_CRS_CGCS2000,
} LinliCrs;

gboolean linli_crs_from_string      (const char *str,
                                     LinliCrs   *crs);
gboolean linli_gcj02_applies        (double      lat,
                                     double      lon);
void     linli_gcj02_from_wgs84     (double      lat,
                                     double      lon,
                                     double     *gcj_lat,
                                     double     *gcj_lon);
void     linli_wgs84_from_gcj02     (double      gcj_lat,
                                     double      gcj_lon,
                                     double     *lat,
                                     double     *lon);
void     linli_crs_to_wgs84         (LinliCrs    crs,
                                     double      lat,
                                     double      lon,
                                     double     *wgs_lat,
                                     double     *wgs_lon);

G_END_DECLS
