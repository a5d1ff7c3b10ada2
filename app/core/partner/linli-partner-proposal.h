/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-partner-assign.h"
#include "linli-partner-problem.h"
#include "linli-partners.h"
#include "linli-project.h"

G_BEGIN_DECLS

/* A proposed assignment of a project's partner units to its needs, as
 * `linli-tool assign` makes it (divisible needs, straight-line distances as
 * the problem builder gives them): the problem, the solver's result, the
 * reasons for what stays unmet in words, and the assignment to accept.
 *
 * And what an assignment achieves, the same whether proposed or accepted:
 * the needs met by priority and the capacity each unit gives. */

typedef struct
{
  LinliPartnerProblem *problem;
  LinliAssignResult   *result;
  LinliPartnerRules   *rules;     /* what it was made with */
} LinliPartnerProposal;

/* Needs of one priority: how much is met of how much, per month. */
typedef struct
{
  guint  priority;
  guint  n_needs;
  double met;
  double total;
} LinliPartnerPriorityMet;

/* What one unit gives of what it can give, per month. */
typedef struct
{
  guint  unit;        /* position in the units list */
  double used;
  double capacity;
} LinliPartnerUnitUse;

LinliPartnerProposal   *linli_partner_proposal_new            (LinliProject            *project,
                                                               const LinliPartnerRules *rules,
                                                               GError                 **error)
  G_GNUC_WARN_UNUSED_RESULT;
void                    linli_partner_proposal_free           (LinliPartnerProposal  *self);
LinliPartnerAssignment *linli_partner_proposal_to_assignment  (LinliPartnerProposal  *self,
                                                               LinliProject          *project)
  G_GNUC_WARN_UNUSED_RESULT;
char                   *linli_partner_proposal_describe_unmet (LinliPartnerProposal  *self,
                                                               LinliProject          *project,
                                                               guint                  need)
  G_GNUC_WARN_UNUSED_RESULT;

char                   *linli_partner_describe_unmet          (LinliProject              *project,
                                                               const LinliPartnerProblem *problem,
                                                               const LinliAssignResult   *result,
                                                               guint                      need)
  G_GNUC_WARN_UNUSED_RESULT;

GArray *linli_partner_met_by_priority (LinliPartners                *partners,
                                       const LinliPartnerAssignment *assignment)
  G_GNUC_WARN_UNUSED_RESULT;
GArray *linli_partner_capacity_used   (LinliPartners                *partners,
                                       const LinliPartnerAssignment *assignment)
  G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPartnerProposal, linli_partner_proposal_free)

G_END_DECLS
