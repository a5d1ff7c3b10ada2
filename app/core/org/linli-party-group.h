/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a building party group (楼栋党小组) is, as one value.  Its
 * buildings are indices into the project's buildings. */
typedef struct
{
  char  *id;
  char  *name;
  char  *branch;       /* id of its branch, or NULL */
  char  *leader;       /* a person's name, or NULL */
  guint *buildings;
  guint  n_buildings;
} LinliPartyGroupState;

LinliPartyGroupState *linli_party_group_state_copy  (const LinliPartyGroupState *state)
  G_GNUC_WARN_UNUSED_RESULT;
void                  linli_party_group_state_free  (LinliPartyGroupState *state);
void                  linli_party_group_state_clear (LinliPartyGroupState *state);
gboolean              linli_party_group_state_equal (const LinliPartyGroupState *a,
                                                     const LinliPartyGroupState *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPartyGroupState, linli_party_group_state_free)

#define LINLI_TYPE_PARTY_GROUP (linli_party_group_get_type ())
G_DECLARE_FINAL_TYPE (LinliPartyGroup, linli_party_group, LINLI, PARTY_GROUP, GObject)

LinliPartyGroup            *linli_party_group_new           (const LinliPartyGroupState *state)
  G_GNUC_WARN_UNUSED_RESULT;
const LinliPartyGroupState *linli_party_group_get_state     (LinliPartyGroup *self);
const char                 *linli_party_group_get_id        (LinliPartyGroup *self);
const char                 *linli_party_group_get_name      (LinliPartyGroup *self);
const char                 *linli_party_group_get_branch    (LinliPartyGroup *self);
const char                 *linli_party_group_get_leader    (LinliPartyGroup *self);
const guint                *linli_party_group_get_buildings (LinliPartyGroup *self,
                                                             guint           *n_buildings);
void                        linli_party_group_apply_state   (LinliPartyGroup            *self,
                                                             const LinliPartyGroupState *state);

G_END_DECLS
