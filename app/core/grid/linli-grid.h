/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "linli-polygon.h"

G_BEGIN_DECLS

/* What a grid is, as one value: what the file stores and what an undo
 * step brings back. */
typedef struct
{
  char         *id;
  char         *code;        /* community code + 3-digit sequence */
  char         *name;
  guint         community;   /* index into the project's communities */
  char         *worker;      /* the grid worker (网格员): a person's name */
  char         *branch;      /* id of the grid's party branch, or NULL */
  LinliPolygon *polygon;
  gboolean      locked;      /* kept as it is when grids are proposed */
} LinliGridState;

LinliGridState *linli_grid_state_copy  (const LinliGridState *state) G_GNUC_WARN_UNUSED_RESULT;
void            linli_grid_state_free  (LinliGridState *state);
void            linli_grid_state_clear (LinliGridState *state);
gboolean        linli_grid_state_equal (const LinliGridState *a,
                                        const LinliGridState *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliGridState, linli_grid_state_free)

#define LINLI_TYPE_GRID (linli_grid_get_type ())
G_DECLARE_FINAL_TYPE (LinliGrid, linli_grid, LINLI, GRID, GObject)

LinliGrid            *linli_grid_new           (const LinliGridState *state) G_GNUC_WARN_UNUSED_RESULT;

const LinliGridState *linli_grid_get_state     (LinliGrid *self);
const char           *linli_grid_get_id        (LinliGrid *self);
const char           *linli_grid_get_code      (LinliGrid *self);
const char           *linli_grid_get_name      (LinliGrid *self);
guint                 linli_grid_get_community (LinliGrid *self);
const char           *linli_grid_get_worker    (LinliGrid *self);
const char           *linli_grid_get_branch    (LinliGrid *self);
LinliPolygon         *linli_grid_get_polygon   (LinliGrid *self);
gboolean              linli_grid_get_locked    (LinliGrid *self);
void                  linli_grid_apply_state   (LinliGrid            *self,
                                                const LinliGridState *state);

G_END_DECLS
