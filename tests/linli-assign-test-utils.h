/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-partner-assign.h"

G_BEGIN_DECLS

/* Random assignment problems and the checks every solution must pass,
 * shared by the assignment's tests and its benchmark. */

typedef struct
{
  LinliAssignProblem  p;
  GArray             *units;      /* LinliLatLon */
  GArray             *offers;     /* LinliAssignOffer */
  GArray             *needs;      /* LinliAssignNeed */
  GArray             *fixed;      /* LinliAssignPair */
  GArray             *forbidden;  /* LinliAssignPair */
  double             *distances;  /* or NULL */
  guint              *groups;     /* per need, or NULL */
} TestAssignProblem;

typedef struct
{
  guint    n_units;
  guint    n_categories;
  guint    offers_per_unit;  /* at most, at least 1 */
  guint    n_needs;
  guint    n_places;         /* needs share this many positions; 0: each its own */
  guint    max_quantity;     /* whole quantities from 0 */
  guint    max_priority;
  double   box;              /* metres across */
  double   max_distance;     /* 0: none */
  guint    n_fixed;
  guint    n_forbidden;
  gboolean whole_metres;     /* a matrix of whole metres instead of straight lines */
  guint    n_groups;         /* needs fall into this many groups, some into none; 0: no groups */
  double   group_minimum;
} TestAssignShape;

TestAssignProblem *test_assign_problem_new   (GRand                 *rand,
                                              const TestAssignShape *shape);
void               test_assign_problem_free  (TestAssignProblem *problem);

/* What the fixed pairs must carry, per offer × need (row per offer), by the
 * documented rule: in the order given, each pair takes from the unit's
 * offers of the need's category, in offer order, as much as both have left. */
double            *test_assign_lower_bounds  (const LinliAssignProblem *p);

/* Whether unit @u may serve need @n beyond what fixed pairs force. */
gboolean           test_assign_allowed       (const LinliAssignProblem *p,
                                              guint                     u,
                                              guint                     n);

/* Asserts that @r is a feasible assignment of @p with its sums right. */
void               test_assign_check_feasible (const LinliAssignProblem *p,
                                               const LinliAssignResult  *r);

/* What the groups received in all, each counted up to its minimum or
 * what it needs: the first goal with groups. */
double             test_assign_groups_met    (const LinliAssignProblem *p,
                                              const LinliAssignResult  *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestAssignProblem, test_assign_problem_free)

G_END_DECLS
