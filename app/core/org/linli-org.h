/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "linli-branch.h"
#include "linli-member-household.h"
#include "linli-party-group.h"

G_BEGIN_DECLS

/* The party organisation chain: 社区党委 → 小区/网格党支部 → 楼栋党小组 →
 * 党员中心户.  A sub-model the project holds: the committee of each
 * community (its secretary), the branches, the building party groups and
 * the member households with plaques, each list a #GListModel with
 * lookups by id.  What refers to a building or compound refers by index,
 * to a grid or branch by id; nothing here checks references, which the
 * file reader refuses and the checks (linli-org-check.h) report.
 */
#define LINLI_TYPE_ORG (linli_org_get_type ())
G_DECLARE_FINAL_TYPE (LinliOrg, linli_org, LINLI, ORG, GObject)

LinliOrg             *linli_org_new                    (void) G_GNUC_WARN_UNUSED_RESULT;
void                  linli_org_copy_from              (LinliOrg *self,
                                                        LinliOrg *source);
gboolean              linli_org_is_empty               (LinliOrg *self);
guint                 linli_org_get_serial             (LinliOrg *self);

const char           *linli_org_get_secretary          (LinliOrg *self,
                                                        guint     community);
void                  linli_org_set_secretary          (LinliOrg   *self,
                                                        guint       community,
                                                        const char *secretary);
guint                *linli_org_list_committees        (LinliOrg *self,
                                                        guint    *n) G_GNUC_WARN_UNUSED_RESULT;

GListModel           *linli_org_get_branches           (LinliOrg *self);
LinliBranch          *linli_org_find_branch            (LinliOrg   *self,
                                                        const char *id,
                                                        guint      *position);
void                  linli_org_insert_branch          (LinliOrg    *self,
                                                        guint        position,
                                                        LinliBranch *branch);
void                  linli_org_remove_branch          (LinliOrg    *self,
                                                        LinliBranch *branch);
char                 *linli_org_new_branch_id          (LinliOrg *self) G_GNUC_WARN_UNUSED_RESULT;

GListModel           *linli_org_get_groups             (LinliOrg *self);
LinliPartyGroup      *linli_org_find_group             (LinliOrg   *self,
                                                        const char *id,
                                                        guint      *position);
void                  linli_org_insert_group           (LinliOrg        *self,
                                                        guint            position,
                                                        LinliPartyGroup *group);
void                  linli_org_remove_group           (LinliOrg        *self,
                                                        LinliPartyGroup *group);
char                 *linli_org_new_group_id           (LinliOrg *self) G_GNUC_WARN_UNUSED_RESULT;

GListModel           *linli_org_get_households         (LinliOrg *self);
LinliMemberHousehold *linli_org_find_household         (LinliOrg   *self,
                                                        const char *id,
                                                        guint      *position);
void                  linli_org_insert_household       (LinliOrg             *self,
                                                        guint                 position,
                                                        LinliMemberHousehold *household);
void                  linli_org_remove_household       (LinliOrg             *self,
                                                        LinliMemberHousehold *household);
char                 *linli_org_new_household_id       (LinliOrg *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
