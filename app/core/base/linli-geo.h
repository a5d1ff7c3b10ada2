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

/* Where the projection can be trusted.  No position beyond 85° north or
 * south (the poles squeeze the east–west scale to nothing, and web maps
 * stop at 85.05°); no data across the 180° meridian, whose longitudes
 * jump by 360°; and no data so tall north–south that the east–west scale
 * (the cosine of the latitude) varies across it by more than 2 %, which
 * would make a 750 m circle wrong by more than 15 m at the edge.  Imports,
 * the loader and saves refuse data outside these limits. */
#define LINLI_GEO_MAX_LAT          85.0
#define LINLI_GEO_MAX_SCALE_CHANGE 0.02

typedef struct
{
  double min_lat;
  double max_lat;
  double min_lon;
  double max_lon;
} LinliExtent;

/* The state of a ring after linli_ring_clean(). */
typedef enum
{
  LINLI_RING_SIMPLE,       /* an outline that does not cross itself */
  LINLI_RING_REPAIRED,     /* it crossed itself: replaced by its convex hull */
  LINLI_RING_DEGENERATE,   /* no area: under 3 distinct points, or all on a line */
} LinliRingState;

gboolean linli_lat_lon_is_valid     (double lat,
                                     double lon);

void     linli_extent_init          (LinliExtent *extent);
gboolean linli_extent_add           (LinliExtent *extent,
                                     double       lat,
                                     double       lon);
char    *linli_extent_check         (const LinliExtent *extent) G_GNUC_WARN_UNUSED_RESULT;

LinliRingState linli_ring_clean     (LinliLatLon *points,
                                     guint       *n_points,
                                     double      *lat,
                                     double      *lon,
                                     double      *area);

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

void     linli_ring_simplify        (const double *points,
                                     guint         n,
                                     double        tolerance,
                                     gboolean     *keep);

G_END_DECLS
