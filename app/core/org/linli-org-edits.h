/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-history.h"
#include "linli-org.h"

G_BEGIN_DECLS

/* Undoable edits of the party organisation chain.  Each add, remove and
 * change is a snapshot edit: the object before and after, %NULL meaning
 * "not there", as site edits are.
 *
 * Removing a branch detaches its groups in the same undo step (their
 * branch becomes none), so no group is left naming a branch that is gone;
 * undo gives them their branch back.
 */

void                  linli_org_edits_set_secretary    (LinliHistory *history,
                                                        guint         community,
                                                        const char   *secretary);

LinliBranch          *linli_org_edits_add_branch       (LinliHistory           *history,
                                                        const LinliBranchState *state);
void                  linli_org_edits_remove_branch    (LinliHistory *history,
                                                        LinliBranch  *branch);
void                  linli_org_edits_change_branch    (LinliHistory           *history,
                                                        LinliBranch            *branch,
                                                        const LinliBranchState *state);

LinliPartyGroup      *linli_org_edits_add_group        (LinliHistory               *history,
                                                        const LinliPartyGroupState *state);
void                  linli_org_edits_remove_group     (LinliHistory    *history,
                                                        LinliPartyGroup *group);
void                  linli_org_edits_change_group     (LinliHistory               *history,
                                                        LinliPartyGroup            *group,
                                                        const LinliPartyGroupState *state);

LinliMemberHousehold *linli_org_edits_add_household    (LinliHistory                    *history,
                                                        const LinliMemberHouseholdState *state);
void                  linli_org_edits_remove_household (LinliHistory         *history,
                                                        LinliMemberHousehold *household);
void                  linli_org_edits_change_household (LinliHistory                    *history,
                                                        LinliMemberHousehold            *household,
                                                        const LinliMemberHouseholdState *state);

G_END_DECLS
