/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A uniform bucket grid over points in projected metres.  Cells are about
 * the size of a typical query radius, so a circle query visits a handful of
 * cells whatever the number of points.
 */
typedef struct _LinliPointGrid LinliPointGrid;

typedef void (*LinliPointFunc) (guint    index,
                                double   distance,
                                gpointer user_data);

LinliPointGrid *linli_point_grid_new          (const double *xy,
                                               guint         n_points,
                                               double        cell_size) G_GNUC_WARN_UNUSED_RESULT;
void            linli_point_grid_free         (LinliPointGrid *grid);
void            linli_point_grid_query_circle (const LinliPointGrid *grid,
                                               double                x,
                                               double                y,
                                               double                radius,
                                               LinliPointFunc        func,
                                               gpointer              user_data);
int             linli_point_grid_nearest      (const LinliPointGrid *grid,
                                               double                x,
                                               double                y,
                                               double                max_distance);

/* A bucket grid over line segments (x1, y1, x2, y2 in metres): each
 * segment sits in every cell its bounding box touches.  Finds the nearest
 * point on any segment, for snapping buildings to streets.
 */
typedef struct _LinliSegmentGrid LinliSegmentGrid;

typedef struct
{
  guint  segment;   /* index, or G_MAXUINT when none was found */
  double t;         /* 0 at its start, 1 at its end */
  double distance;
  double x;         /* the nearest point */
  double y;
} LinliSegmentHit;

LinliSegmentGrid *linli_segment_grid_new     (const double *segments,
                                              guint         n_segments,
                                              double        cell_size) G_GNUC_WARN_UNUSED_RESULT;
void              linli_segment_grid_free    (LinliSegmentGrid *grid);
gboolean          linli_segment_grid_nearest (const LinliSegmentGrid *grid,
                                              double                  x,
                                              double                  y,
                                              double                  max_distance,
                                              LinliSegmentHit        *hit);
typedef gboolean (*LinliSegmentFilter) (guint    segment,
                                        gpointer user_data);

gboolean          linli_segment_grid_nearest_filtered (const LinliSegmentGrid *grid,
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPointGrid, linli_point_grid_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliSegmentGrid, linli_segment_grid_free)

G_END_DECLS
