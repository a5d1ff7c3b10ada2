/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "linli-grid.h"

G_BEGIN_DECLS

#define LINLI_GRIDS_DEFAULT_MIN 300
#define LINLI_GRIDS_DEFAULT_MAX 500

/* The project's grids and the outlines they are drawn in: the grids (a
 * list of #LinliGrid), the household range every grid should hold, and
 * the boundaries drawn or imported for communities and compounds.  A
 * sub-model the project holds; it knows nothing of buildings, so which
 * building lies in which grid is derived state the document keeps
 * (linli-grid-assignment.h).
 */
#define LINLI_TYPE_GRIDS (linli_grids_get_type ())
G_DECLARE_FINAL_TYPE (LinliGrids, linli_grids, LINLI, GRIDS, GObject)

LinliGrids   *linli_grids_new                    (void) G_GNUC_WARN_UNUSED_RESULT;
void          linli_grids_copy_from              (LinliGrids *self,
                                                  LinliGrids *source);

GListModel   *linli_grids_get_list               (LinliGrids *self);
guint         linli_grids_get_n_grids            (LinliGrids *self);
LinliGrid    *linli_grids_get_grid               (LinliGrids *self,
                                                  guint       position);
LinliGrid    *linli_grids_find                   (LinliGrids *self,
                                                  const char *id,
                                                  guint      *position);
void          linli_grids_insert                 (LinliGrids *self,
                                                  guint       position,
                                                  LinliGrid  *grid);
void          linli_grids_remove                 (LinliGrids *self,
                                                  LinliGrid  *grid);
char         *linli_grids_new_id                 (LinliGrids *self) G_GNUC_WARN_UNUSED_RESULT;

guint         linli_grids_get_min_households     (LinliGrids *self);
guint         linli_grids_get_max_households     (LinliGrids *self);
void          linli_grids_set_range              (LinliGrids *self,
                                                  guint       min,
                                                  guint       max);

LinliPolygon *linli_grids_get_community_boundary (LinliGrids *self,
                                                  guint       community);
void          linli_grids_set_community_boundary (LinliGrids   *self,
                                                  guint         community,
                                                  LinliPolygon *boundary);
LinliPolygon *linli_grids_get_compound_boundary  (LinliGrids *self,
                                                  guint       compound);
void          linli_grids_set_compound_boundary  (LinliGrids   *self,
                                                  guint         compound,
                                                  LinliPolygon *boundary);
guint        *linli_grids_list_boundaries        (LinliGrids *self,
                                                  gboolean    compounds,
                                                  guint      *n) G_GNUC_WARN_UNUSED_RESULT;

guint         linli_grids_get_serial             (LinliGrids *self);
gboolean      linli_grids_is_empty               (LinliGrids *self);

G_END_DECLS
