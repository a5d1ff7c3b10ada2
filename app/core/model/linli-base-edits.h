/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-history.h"

G_BEGIN_DECLS

/* Undoable edits of the base data: the buildings' figures, the compounds
 * and communities they belong to, their boundaries and the district name.
 * Each public function is one step of the history, however many buildings
 * it changes, and leaves the project's ::changed to tell the document.
 */

/* Which fields of a building an edit sets; the others stay as each
 * building has them, so a field that differs among a selection is left
 * alone unless the planner changes it. */
typedef enum
{
  LINLI_BUILDING_FIELD_NAME          = 1 << 0,
  LINLI_BUILDING_FIELD_COMPOUND      = 1 << 1,
  LINLI_BUILDING_FIELD_HOUSEHOLDS    = 1 << 2,
  LINLI_BUILDING_FIELD_RESIDENTS     = 1 << 3,
  LINLI_BUILDING_FIELD_PARTY_MEMBERS = 1 << 4,
  LINLI_BUILDING_FIELD_ESTIMATED     = 1 << 5,
  /* Sets or clears %LINLI_BUILDING_MEMBERS_UNKNOWN from the values' flags;
   * setting the party members without it makes the count known. */
  LINLI_BUILDING_FIELD_MEMBERS_UNKNOWN = 1 << 6,
} LinliBuildingFields;

#define LINLI_BASE_ERROR (linli_base_error_quark ())
GQuark     linli_base_error_quark                (void);

typedef enum
{
  LINLI_BASE_ERROR_FAILED,
  LINLI_BASE_ERROR_NOT_EMPTY,   /* a compound or community still holds something */
  LINLI_BASE_ERROR_REFERENCED,  /* grids or the organisation refer to it */
} LinliBaseError;

gboolean   linli_base_edits_change_buildings     (LinliHistory        *history,
                                                  const guint         *buildings,
                                                  guint                n_buildings,
                                                  LinliBuildingFields  fields,
                                                  const LinliBuilding *values);

guint      linli_base_edits_add_community        (LinliHistory *history,
                                                  const char   *name);
void       linli_base_edits_rename_community     (LinliHistory *history,
                                                  guint         community,
                                                  const char   *name);
gboolean   linli_base_edits_remove_community     (LinliHistory  *history,
                                                  guint          community,
                                                  GError       **error);

guint      linli_base_edits_add_compound         (LinliHistory *history,
                                                  const char   *name,
                                                  guint         community);
void       linli_base_edits_change_compound      (LinliHistory *history,
                                                  guint         compound,
                                                  const char   *name,
                                                  guint         community);
gboolean   linli_base_edits_remove_compound      (LinliHistory  *history,
                                                  guint          compound,
                                                  GError       **error);

void       linli_base_edits_set_boundary         (LinliHistory *history,
                                                  gboolean      compound,
                                                  guint         index,
                                                  LinliPolygon *boundary);

gboolean   linli_base_edits_assign_compound      (LinliHistory *history,
                                                  const guint  *buildings,
                                                  guint         n_buildings,
                                                  guint         compound);
guint      linli_base_edits_assign_by_boundary   (LinliHistory *history,
                                                  gboolean      compounds,
                                                  const guint  *buildings,
                                                  guint         n_buildings);
guint      linli_base_edits_assign_nearest       (LinliHistory *history,
                                                  const guint  *buildings,
                                                  guint         n_buildings);

void       linli_base_edits_set_district_name    (LinliHistory *history,
                                                  const char   *name);

G_END_DECLS
