/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a member household with a plaque (党员中心户, 挂牌) is, as one
 * value: the household a building's residents can turn to. */
typedef struct
{
  char  *id;
  guint  building;   /* index into the project's buildings */
  char  *room;       /* unit and room as written, e.g. "2单元301" */
  char  *name;       /* a person's name, or NULL */
} LinliMemberHouseholdState;

LinliMemberHouseholdState *linli_member_household_state_copy  (const LinliMemberHouseholdState *state)
  G_GNUC_WARN_UNUSED_RESULT;
void                       linli_member_household_state_free  (LinliMemberHouseholdState *state);
void                       linli_member_household_state_clear (LinliMemberHouseholdState *state);
gboolean                   linli_member_household_state_equal (const LinliMemberHouseholdState *a,
                                                               const LinliMemberHouseholdState *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliMemberHouseholdState, linli_member_household_state_free)

#define LINLI_TYPE_MEMBER_HOUSEHOLD (linli_member_household_get_type ())
G_DECLARE_FINAL_TYPE (LinliMemberHousehold, linli_member_household, LINLI, MEMBER_HOUSEHOLD, GObject)

LinliMemberHousehold            *linli_member_household_new          (const LinliMemberHouseholdState *state)
  G_GNUC_WARN_UNUSED_RESULT;
const LinliMemberHouseholdState *linli_member_household_get_state    (LinliMemberHousehold *self);
const char                      *linli_member_household_get_id       (LinliMemberHousehold *self);
guint                            linli_member_household_get_building (LinliMemberHousehold *self);
const char                      *linli_member_household_get_room     (LinliMemberHousehold *self);
const char                      *linli_member_household_get_name     (LinliMemberHousehold *self);
void                             linli_member_household_apply_state  (LinliMemberHousehold            *self,
                                                                      const LinliMemberHouseholdState *state);

G_END_DECLS
