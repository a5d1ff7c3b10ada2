/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-grids.h"
#include "linli-history.h"

G_BEGIN_DECLS

/* Undoable edits of grids and boundaries.  Outlines are made valid
 * (GEOS MakeValid) before they are stored; new outlines snap to the
 * neighbouring grids of the same community so that grids share edges. */

#define LINLI_GRID_SNAP_METRES 8.0

LinliGrid *linli_grid_edits_add             (LinliHistory      *history,
                                             guint              community,
                                             const LinliLatLon *outline,
                                             guint              n_points,
                                             GError           **error);
void       linli_grid_edits_remove          (LinliHistory *history,
                                             LinliGrid    *grid);
void       linli_grid_edits_change          (LinliHistory         *history,
                                             const char           *label,
                                             LinliGrid            *grid,
                                             const LinliGridState *state);
gboolean   linli_grid_edits_move_vertex     (LinliHistory *history,
                                             LinliGrid    *grid,
                                             guint         ring,
                                             guint         vertex,
                                             double        lat,
                                             double        lon,
                                             GError      **error);
gboolean   linli_grid_edits_split           (LinliHistory      *history,
                                             LinliGrid         *grid,
                                             const LinliLatLon *line,
                                             guint              n_line,
                                             GError           **error);
gboolean   linli_grid_edits_merge           (LinliHistory  *history,
                                             LinliGrid     *a,
                                             LinliGrid     *b,
                                             GError       **error);
void       linli_grid_edits_renumber        (LinliHistory *history,
                                             guint         community);
void       linli_grid_edits_set_range       (LinliHistory *history,
                                             guint         min,
                                             guint         max);
void       linli_grid_edits_set_boundary    (LinliHistory *history,
                                             gboolean      compound,
                                             guint         index,
                                             LinliPolygon *boundary);
void       linli_grid_edits_replace         (LinliHistory *history,
                                             const char   *label,
                                             guint         community,
                                             GPtrArray    *states);

#define LINLI_GRID_ERROR (linli_grid_error_quark ())
GQuark     linli_grid_error_quark           (void);

typedef enum
{
  LINLI_GRID_ERROR_FAILED,
  LINLI_GRID_ERROR_INVALID,     /* an outline with no area left, a line that cuts nothing */
} LinliGridError;

G_END_DECLS
