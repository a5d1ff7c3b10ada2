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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPointGrid, linli_point_grid_free)

G_END_DECLS
