/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include "linli-polygon.h"

G_BEGIN_DECLS

/* Polygon work through GEOS, the field's polygon library: validity,
 * unions, splits, snapping, hulls and Voronoi cells.  GEOS works on plane
 * coordinates, so every call takes the local projection and converts
 * WGS84 to metres on the way in and back on the way out; tolerances are
 * in metres.  One GEOS context per thread.
 */

GEOSContextHandle_t linli_geos_context            (void);
const char         *linli_geos_last_error         (void);

GEOSGeometry       *linli_geos_from_polygon       (const LinliPolygon    *polygon,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon       *linli_geos_to_polygon         (const GEOSGeometry    *geometry,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
GEOSGeometry       *linli_geos_from_line          (const LinliLatLon     *points,
                                                   guint                  n_points,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
void                linli_geos_free               (GEOSGeometry *geometry);
GEOSGeometry      **linli_geos_voronoi_cells      (const double          *xy,
                                                   guint                  n_sites,
                                                   const GEOSGeometry    *clip) G_GNUC_WARN_UNUSED_RESULT;

char               *linli_polygon_check           (const LinliPolygon    *polygon,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon       *linli_polygon_make_valid      (const LinliPolygon    *polygon,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon       *linli_polygon_union           (LinliPolygon * const  *polygons,
                                                   guint                  n_polygons,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon       *linli_polygon_difference      (const LinliPolygon    *a,
                                                   const LinliPolygon    *b,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon       *linli_polygon_intersection    (const LinliPolygon    *a,
                                                   const LinliPolygon    *b,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
double              linli_polygon_overlap_area    (const LinliPolygon    *a,
                                                   const LinliPolygon    *b,
                                                   const LinliProjection *projection);
double              linli_polygon_shared_length   (const LinliPolygon    *a,
                                                   const LinliPolygon    *b,
                                                   double                 tolerance,
                                                   const LinliProjection *projection);
GPtrArray          *linli_polygon_split           (const LinliPolygon    *polygon,
                                                   const LinliLatLon     *line,
                                                   guint                  n_line,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon       *linli_polygon_snap            (const LinliPolygon    *polygon,
                                                   LinliPolygon * const  *neighbours,
                                                   guint                  n_neighbours,
                                                   double                 tolerance,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon       *linli_polygon_hull            (const LinliLatLon     *points,
                                                   guint                  n_points,
                                                   double                 margin,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray          *linli_polygon_voronoi         (const LinliLatLon     *sites,
                                                   guint                  n_sites,
                                                   const LinliPolygon    *clip,
                                                   const LinliProjection *projection) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
