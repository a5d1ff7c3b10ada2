/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-geo.h"

G_BEGIN_DECLS

/* The assignment of divisible needs (hours, visits, places) to the partner
 * units that offer them: an exact minimum-cost flow.  It maximises the
 * priority-weighted quantity met and, among the assignments that do, the
 * sum of quantity × distance, lexicographically: the second goal never
 * trades a unit of the first.  A unit serves a need only in a category it
 * offers, within its capacity, not across a forbidden pair and not beyond
 * the maximum distance; a fixed pair is served first, as much as the unit's
 * capacity and the need allow, whatever the distance.
 *
 * This part knows no project: units, offers and needs are plain arrays
 * (linli-partner-problem.h builds them from a project).  Distances are
 * straight lines between the positions, unless the caller gives a matrix.
 */

#define LINLI_ASSIGN_ERROR (linli_assign_error_quark ())

typedef enum
{
  LINLI_ASSIGN_ERROR_FAILED,
  LINLI_ASSIGN_ERROR_INVALID,   /* an index out of range, a bad number, a bad pair */
} LinliAssignError;

GQuark linli_assign_error_quark (void);

/* A unit's capacity in one category. */
typedef struct
{
  guint  unit;        /* index into the problem's units */
  guint  category;    /* below n_categories */
  double capacity;
} LinliAssignOffer;

typedef struct
{
  guint       category;
  double      quantity;
  guint       priority;  /* at least 1: what a unit met weighs */
  LinliLatLon position;
} LinliAssignNeed;

typedef struct
{
  guint unit;
  guint need;
} LinliAssignPair;

typedef struct
{
  guint                   n_units;
  const LinliLatLon      *units;         /* positions */
  guint                   n_categories;
  guint                   n_offers;
  const LinliAssignOffer *offers;
  guint                   n_needs;
  const LinliAssignNeed  *needs;
  double                  max_distance;  /* metres; 0: no limit */
  guint                   n_fixed;
  const LinliAssignPair  *fixed;
  guint                   n_forbidden;
  const LinliAssignPair  *forbidden;
  const double           *distances;     /* n_units × n_needs metres by unit; NULL: straight */
  /* Lower bounds ("every community gets at least one unit"): needs fall
   * into groups (a community and what lies in it); each group wants at
   * least @group_minimum in all, before any priority counts.  NULL or a
   * minimum of 0: no lower bounds. */
  guint                   n_groups;
  const guint            *groups;        /* per need: its group, or LINLI_ASSIGN_NO_GROUP */
  double                  group_minimum;
} LinliAssignProblem;

#define LINLI_ASSIGN_NO_GROUP G_MAXUINT

/* Why (part of) a need stays unmet. */
typedef enum
{
  LINLI_UNMET_NONE,        /* met in full */
  LINLI_UNMET_NO_OFFER,    /* no unit offers the category */
  LINLI_UNMET_FORBIDDEN,   /* every unit offering it is in a forbidden pair with the need */
  LINLI_UNMET_TOO_FAR,     /* every unit offering it (not forbidden) is beyond the maximum */
  LINLI_UNMET_CAPACITY,    /* the units in reach are full (needs of its priority or higher,
                            * or other groups' minimums) */
} LinliUnmetReason;

typedef struct
{
  guint  offer;
  guint  unit;
  guint  need;
  double quantity;
  double distance;   /* metres */
  gboolean fixed;    /* part of a fixed pair's flow */
} LinliAssignFlow;

typedef struct
{
  double            met;
  double            unmet;
  LinliUnmetReason  reason;
  /* TOO_FAR: the nearest unit offering the category and how far it is. */
  guint             nearest_unit;
  double            nearest_distance;
  /* CAPACITY: the other needs served by the units that could serve this
   * one, by index, highest priority first; none when those units are
   * full with this need's own share. */
  guint            *blocking;
  guint             n_blocking;
} LinliAssignNeedResult;

typedef struct
{
  guint                  n_flows;
  LinliAssignFlow       *flows;
  guint                  n_needs;
  LinliAssignNeedResult *needs;
  double                *used;            /* per offer */
  double                 weighted_met;    /* Σ priority × met */
  double                 met;             /* Σ met */
  double                 demand;          /* Σ quantity */
  double                 distance;        /* Σ quantity × distance, metres */
  gboolean               straight_line;   /* distances are straight lines, not walks */
  guint                  n_augmentations;
  /* With lower bounds: per group, what it received in all, and why it
   * received less than the minimum (LINLI_UNMET_NONE when it did not). */
  guint                  n_groups;
  double                *group_met;
  LinliUnmetReason      *group_reasons;
  guint                  n_groups_short;  /* groups that received less than the minimum */
} LinliAssignResult;

LinliAssignResult *linli_assign_solve          (const LinliAssignProblem *problem,
                                                GError                  **error)
  G_GNUC_WARN_UNUSED_RESULT;

void               linli_assign_result_free    (LinliAssignResult *result);
double             linli_assign_distance       (const LinliAssignProblem *problem,
                                                guint                     unit,
                                                guint                     need);
const char        *linli_unmet_reason_to_string (LinliUnmetReason reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliAssignResult, linli_assign_result_free)

G_END_DECLS
