/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "linli-geo.h"

G_BEGIN_DECLS

/* A polygon in WGS84: one or more parts, each an outer ring followed by its
 * holes.  Rings are stored open (the first point is not repeated at the
 * end).  A value: immutable once made, shared by reference counting, so a
 * grid, an undo step and a drawing can all hold the same outline.
 */
typedef struct _LinliPolygon LinliPolygon;

#define LINLI_TYPE_POLYGON (linli_polygon_get_type ())
GType              linli_polygon_get_type        (void) G_GNUC_CONST;

LinliPolygon      *linli_polygon_new             (const LinliLatLon *points,
                                                  const guint       *ring_lengths,
                                                  const gboolean    *ring_is_hole,
                                                  guint              n_rings) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon      *linli_polygon_new_simple      (const LinliLatLon *points,
                                                  guint              n_points) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon      *linli_polygon_new_rectangle   (double min_lat,
                                                  double min_lon,
                                                  double max_lat,
                                                  double max_lon) G_GNUC_WARN_UNUSED_RESULT;
LinliPolygon      *linli_polygon_ref             (LinliPolygon *self);
void               linli_polygon_unref           (LinliPolygon *self);

guint              linli_polygon_get_n_rings     (const LinliPolygon *self);
guint              linli_polygon_get_n_parts     (const LinliPolygon *self);
const LinliLatLon *linli_polygon_get_ring        (const LinliPolygon *self,
                                                  guint               ring,
                                                  guint              *n_points);
gboolean           linli_polygon_ring_is_hole    (const LinliPolygon *self,
                                                  guint               ring);
guint              linli_polygon_get_n_points    (const LinliPolygon *self);
void               linli_polygon_get_extent      (const LinliPolygon *self,
                                                  LinliExtent        *extent);
gboolean           linli_polygon_contains        (const LinliPolygon *self,
                                                  double              lat,
                                                  double              lon);
double             linli_polygon_area            (const LinliPolygon    *self,
                                                  const LinliProjection *projection);
double             linli_polygon_perimeter       (const LinliPolygon    *self,
                                                  const LinliProjection *projection);
void               linli_polygon_centroid        (const LinliPolygon    *self,
                                                  const LinliProjection *projection,
                                                  double                *lat,
                                                  double                *lon);
gboolean           linli_polygon_equal           (const LinliPolygon *a,
                                                  const LinliPolygon *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPolygon, linli_polygon_unref)

G_END_DECLS
