/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-partner-assign.h"
#include "linli-partners.h"
#include "linli-project.h"

G_BEGIN_DECLS

/* The one place where a project's partner lists become an assignment
 * problem (linli-partner-assign.h), and where the problem's indices lead
 * back to the lists.
 *
 * Every resource item is an offer and every need a need; all are brought
 * to one month (linli_partner_period_per_month()).  A community or
 * compound stands where its households are (the household-weighted mean of
 * its buildings), a grid at its outline's centroid.  A unit without a
 * position and a need whose place has no position cannot be measured and
 * are left out, listed in @unplaced_units and @unplaced_needs.  Distances
 * are straight lines, or walks along the project's streets where both
 * ends are near them once linli_partner_problem_use_streets() is called.
 *
 * Whole units (包保, linli_partner_problem_new_whole()): each unit takes on
 * at most a number of places as a whole, and each place with needs wants
 * one unit.  A unit may take a place when it offers a category the place
 * needs; a place weighs the sum of its needs' priorities.  That is the same
 * flow problem with one category, units of that capacity, places of need
 * 1 and the pairs that share no category forbidden: its optimum is whole
 * (a flow with whole capacities has a whole optimum), so the solver gives
 * the exact 包保 for this cardinality rule.  Pairs then name places, not
 * needs.
 *
 * Every community at least one unit: the needs of a community and of its
 * compounds and grids form one group of the problem, which wants at least
 * a minimum quantity in all before priorities count.
 */

typedef struct
{
  LinliAssignProblem  problem;
  /* Problem index → position in the lists. */
  GArray             *unit_positions;     /* guint, per problem unit */
  GArray             *need_positions;     /* guint, per problem need */
  GArray             *offer_resources;    /* guint, per offer: the resource item within its unit */
  GPtrArray          *unplaced_units;     /* ids (borrowed from the project) */
  GPtrArray          *unplaced_needs;
  /* Storage behind @problem. */
  GArray             *units;
  GArray             *offers;
  GArray             *needs;
  GArray             *fixed;
  GArray             *forbidden;
  GHashTable         *unit_index;         /* id → problem unit + 1 */
  GHashTable         *need_index;         /* id → problem need + 1 */
  /* Whole units only: per problem need, the place it stands for. */
  gboolean            whole;
  GArray             *place_kinds;        /* LinliPartnerPlaceKind */
  GPtrArray          *place_ids;          /* borrowed from the project */
  /* Per problem need, the community it lies in (an index into the
   * project's communities, LINLI_ASSIGN_NO_GROUP when none), once
   * linli_partner_problem_set_community_minimum() asked for minimums. */
  GArray             *groups;
  /* Once linli_partner_problem_use_streets() measured them: unit × need
   * metres, and how many of those pairs are walks along streets (the
   * others are straight lines). */
  double             *distances;
  guint               n_street_pairs;
} LinliPartnerProblem;

LinliPartnerProblem *linli_partner_problem_new      (LinliProject *project,
                                                     double        max_distance)
  G_GNUC_WARN_UNUSED_RESULT;
LinliPartnerProblem *linli_partner_problem_new_whole (LinliProject *project,
                                                      double        max_distance,
                                                      guint         places_per_unit)
  G_GNUC_WARN_UNUSED_RESULT;


void                 linli_partner_problem_free     (LinliPartnerProblem *self);
gboolean             linli_partner_problem_add_pair (LinliPartnerProblem *self,
                                                     gboolean             fixed,
                                                     const char          *unit_id,
                                                     const char          *need_id,
                                                     GError             **error);

void                 linli_partner_problem_set_community_minimum
                                                    (LinliPartnerProblem *self,
                                                     LinliProject        *project,
                                                     double               minimum);
gboolean             linli_partner_rule_applies     (LinliPartners           *partners,
                                                     const LinliPartnerRule  *rule);
void                 linli_partner_problem_apply_rules (LinliPartnerProblem     *self,
                                                        LinliProject            *project,
                                                        const LinliPartnerRules *rules);
guint                linli_partner_problem_use_streets (LinliPartnerProblem *self,
                                                        LinliProject        *project);
char                *linli_partner_problem_describe_distances (const LinliPartnerProblem *self)
  G_GNUC_WARN_UNUSED_RESULT;
int                  linli_partner_place_community  (LinliProject          *project,
                                                     LinliPartnerPlaceKind  kind,
                                                     const char            *place);

gboolean             linli_partner_place_position   (LinliProject          *project,
                                                     LinliPartnerPlaceKind  kind,
                                                     const char            *place,
                                                     LinliLatLon           *position);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPartnerProblem, linli_partner_problem_free)

G_END_DECLS
