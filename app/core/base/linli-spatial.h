/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A bucket index over points in projected metres: uniform square cells
 * about the size of a typical query radius, so a circle query visits a
 * handful of cells whatever the number of points.
 */
typedef struct _LinliPointIndex LinliPointIndex;

typedef void (*LinliPointFunc) (guint    index,
                                double   distance,
                                gpointer user_data);

LinliPointIndex *linli_point_index_new          (const double *xy,
                                               guint         n_points,
                                               double        cell_size) G_GNUC_WARN_UNUSED_RESULT;
void            linli_point_index_free         (LinliPointIndex *self);
void            linli_point_index_query_circle (const LinliPointIndex *self,
                                               double                x,
                                               double                y,
                                               double                radius,
                                               LinliPointFunc        func,
                                               gpointer              user_data);
int             linli_point_index_nearest      (const LinliPointIndex *self,
                                               double                x,
                                               double                y,
                                               double                max_distance);

/* A bucket index over line segments (x1, y1, x2, y2 in metres): each
 * segment sits in every cell its bounding box touches.  Finds the nearest
 * point on any segment, for snapping buildings to streets.
 */
typedef struct _LinliSegmentIndex LinliSegmentIndex;

typedef struct
{
  guint  segment;   /* index, or G_MAXUINT when none was found */
  double t;         /* 0 at its start, 1 at its end */
  double distance;
  double x;         /* the nearest point */
  double y;
} LinliSegmentHit;

LinliSegmentIndex *linli_segment_index_new     (const double *segments,
                                              guint         n_segments,
                                              double        cell_size) G_GNUC_WARN_UNUSED_RESULT;
void              linli_segment_index_free    (LinliSegmentIndex *self);
gboolean          linli_segment_index_nearest (const LinliSegmentIndex *self,
                                              double                  x,
                                              double                  y,
                                              double                  max_distance,
                                              LinliSegmentHit        *hit);
typedef gboolean (*LinliSegmentFilter) (guint    segment,
                                        gpointer user_data);

gboolean          linli_segment_index_nearest_filtered (const LinliSegmentIndex *self,
                                                       double                  x,
                                                       double                  y,
                                                       double                  max_distance,
                                                       LinliSegmentFilter      accept,
                                                       gpointer                user_data,
                                                       LinliSegmentHit        *hit);
void              linli_segment_nearest_point (const double    *segment,
                                               double           x,
                                               double           y,
                                               LinliSegmentHit *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPointIndex, linli_point_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliSegmentIndex, linli_segment_index_free)

G_END_DECLS
