/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"
#include "linli-violation.h"

G_BEGIN_DECLS

/* Where the organisation chain has holes, and how far it reaches.
 *
 * Rules (the `rule` of each #LinliViolation):
 * - "building-no-member": a building has no party member;
 * - "building-no-group": a building with members is in no party group;
 * - "compound-no-branch": a compound with three or more members has no
 *   compound branch and is not attached to grid branches (attached: it
 *   has buildings, and every one of them lies in a grid that has a
 *   branch; never when grids are unknown);
 * - "grid-no-branch", "grid-no-worker": a grid lacks a branch (no branch
 *   of kind grid serves it, and its own branch id names none) or a worker;
 * - "group-no-leader", "group-no-household": a party group lacks a leader
 *   or has no member household with a plaque in any of its buildings;
 * - "dangling-reference": a group naming a branch that does not exist, a
 *   branch naming a compound or grid that does not exist, a group or
 *   member household naming a building that does not exist, a grid branch
 *   serving no grid.
 *
 * The whole check is linear in the size of the project.
 */

typedef enum
{
  LINLI_CHAIN_COMPLETE,        /* members, and in a party group */
  LINLI_CHAIN_MISSING_GROUP,   /* members, but in no party group */
  LINLI_CHAIN_NO_MEMBER,       /* no party member */
  LINLI_CHAIN_MEMBERS_UNKNOWN, /* the data did not give its party members */
} LinliChainStatus;

/* Counts over a community or the district; a share is the second of a
 * pair over the first, except buildings_with_member, whose share is over
 * the buildings whose party members are known (linli_org_figures_member_share()). */
typedef struct
{
  guint compounds;
  guint compounds_with_branch;   /* a compound branch, or attached to grid branches */
  guint buildings;
  guint buildings_with_group;
  guint buildings_with_member;
  guint buildings_members_unknown;  /* with members not known, counted in neither above */
} LinliOrgFigures;

typedef struct
{
  GPtrArray       *violations;     /* (element-type LinliViolation) */
  LinliOrgFigures *communities;    /* one per community */
  guint            n_communities;
  LinliOrgFigures  district;
  guint8          *chain;          /* a LinliChainStatus per building */
  guint            n_buildings;
} LinliOrgCheck;

LinliOrgCheck *linli_org_check           (LinliProject *project,
                                          const int    *building_grid) G_GNUC_WARN_UNUSED_RESULT;
void           linli_org_check_free      (LinliOrgCheck *check);
double         linli_org_figures_share   (guint part,
                                          guint whole);
double         linli_org_figures_member_share (const LinliOrgFigures *figures);
const char    *linli_chain_status_to_string (LinliChainStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliOrgCheck, linli_org_check_free)

G_END_DECLS
