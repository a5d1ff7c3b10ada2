/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-instance"

/* Planning instances: weighted demand points, candidate sites and the
 * sparse demand–site distances, sorted nearest first.
 */

#include "config.h"

#include "linli-plan-private.h"

#include <math.h>

/*
 * Instance
 */

typedef struct
{
  guint32 demand;
  guint32 candidate;
  float   distance;
} PendingArc;

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  const LinliPlanArc *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return (x->candidate > y->candidate) - (x->candidate < y->candidate);
}

/* Sorts the arcs of each demand point nearest first and keeps only the
 * shortest of repeated demand–candidate pairs.  @stamp has one entry per
 * candidate and must hold no value above @demand + 1 on entry.
 */
gsize
_linli_plan_sort_demand_arcs (LinliPlanArc *arcs,
                              gsize         n,
                              guint        *stamp,
                              guint         demand)
{
  gsize out = 0;

  qsort (arcs, n, sizeof (LinliPlanArc), compare_arcs);
  for (gsize e = 0; e < n; e++)
    {
      if (stamp[arcs[e].candidate] == demand + 1)
        continue;
      stamp[arcs[e].candidate] = demand + 1;
      arcs[out++] = arcs[e];
    }
  return out;
}

/**
 * linli_plan_instance_new:
 * @n_demand: number of demand points
 * @weights: (array length=n_demand): the weight (households) of each demand point, finite and >= 0
 * @n_candidates: number of candidate sites
 * @costs: (array length=n_candidates) (nullable): the cost of each site, negative when not known
 * @states: (array length=n_candidates) (nullable): what the plan may do with each site;
 *   %NULL makes them all %LINLI_PLAN_CANDIDATE
 * @capacities: (array length=n_candidates) (nullable): the weight each site can
 *   serve, 0 for no limit
 *
 * Creates an instance without arcs.  Add the demand–site distances with
 * linli_plan_instance_add_arc() and call linli_plan_instance_finish()
 * before solving.  Pairs never added are unreachable.
 *
 * Returns: (transfer full): a new instance
 */
LinliPlanInstance *
linli_plan_instance_new (guint                          n_demand,
                         const double                  *weights,
                         guint                          n_candidates,
                         const double                  *costs,
                         const LinliPlanCandidateState *states,
                         const double                  *capacities)
{
  LinliPlanInstance *self;

  g_return_val_if_fail (n_demand == 0 || weights != NULL, NULL);
  for (guint i = 0; i < n_demand; i++)
    g_return_val_if_fail (isfinite (weights[i]) && weights[i] >= 0, NULL);
  if (states != NULL)
    for (guint j = 0; j < n_candidates; j++)
      g_return_val_if_fail (states[j] < LINLI_PLAN_N_STATES, NULL);

  self = g_new0 (LinliPlanInstance, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_demand = n_demand;
  self->n_candidates = n_candidates;
  self->weights = g_new (double, MAX (n_demand, 1));
  self->costs = g_new (double, MAX (n_candidates, 1));
  self->states = g_new (guint8, MAX (n_candidates, 1));
  self->capacities = g_new (double, MAX (n_candidates, 1));
  for (guint i = 0; i < n_demand; i++)
    {
      self->weights[i] = weights[i];
      self->total_weight += weights[i];
    }
  for (guint j = 0; j < n_candidates; j++)
    {
      double cost = costs != NULL ? costs[j] : -1;
      double cap = capacities != NULL ? capacities[j] : 0;

      self->costs[j] = isfinite (cost) && cost >= 0 ? cost : -1;
      self->states[j] = states != NULL ? states[j] : LINLI_PLAN_CANDIDATE;
      self->capacities[j] = isfinite (cap) && cap > 0 ? cap : 0;
    }
  self->max_distance = -1;
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingArc));
  return self;
}

/**
 * linli_plan_instance_ref:
 *
 * Returns: (transfer full): @self
 */
LinliPlanInstance *
linli_plan_instance_ref (LinliPlanInstance *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * linli_plan_instance_unref:
 *
 * Drops a reference; the last one frees the instance.  A finished instance
 * is never changed by solving, so a worker thread may hold its own
 * reference while the caller keeps another.
 */
void
linli_plan_instance_unref (LinliPlanInstance *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->weights);
  g_free (self->costs);
  g_free (self->states);
  g_free (self->capacities);
  if (self->pending != NULL)
    g_array_unref (self->pending);
  g_free (self->row_start);
  g_free (self->arc_cand);
  g_free (self->arc_dist);
  g_free (self);
}

/**
 * linli_plan_instance_add_arc:
 * @demand: the demand point
 * @candidate: the candidate site
 * @distance: the distance, walking time or any cost of going from @demand to
 *   @candidate; finite and >= 0
 *
 * Records that @candidate can be reached from @demand.  Arcs may come in any
 * order; when a pair is given twice the shorter distance counts.
 */
void
linli_plan_instance_add_arc (LinliPlanInstance *self,
                             guint              demand,
                             guint              candidate,
                             double             distance)
{
  PendingArc arc;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->finished);
  g_return_if_fail (demand < self->n_demand);
  g_return_if_fail (candidate < self->n_candidates);
  g_return_if_fail (isfinite (distance) && distance >= 0);

  arc.demand = demand;
  arc.candidate = candidate;
  arc.distance = (float) distance;
  g_array_append_val (self->pending, arc);
}

/**
 * linli_plan_instance_finish:
 *
 * Sorts the arcs into the compact form the solver reads.  No arcs can be
 * added afterwards.  Unless linli_plan_instance_set_max_distance() was
 * called, the maximum distance becomes the longest arc.
 */
void
linli_plan_instance_finish (LinliPlanInstance *self)
{
  const PendingArc *pending;
  gsize n, n_kept = 0;
  g_autofree gsize *fill = NULL;
  g_autofree LinliPlanArc *arcs = NULL;
  g_autofree guint *stamp = NULL;
  double longest = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->finished);

  pending = (const PendingArc *) self->pending->data;
  n = self->pending->len;

  /* A counting sort by demand point, then each point's arcs by distance. */
  self->row_start = g_new0 (gsize, self->n_demand + 1);
  for (gsize e = 0; e < n; e++)
    self->row_start[pending[e].demand + 1]++;
  for (guint i = 0; i < self->n_demand; i++)
    self->row_start[i + 1] += self->row_start[i];
  fill = g_memdup2 (self->row_start, sizeof (gsize) * (self->n_demand + 1));
  arcs = g_new (LinliPlanArc, MAX (n, 1));
  for (gsize e = 0; e < n; e++)
    {
      LinliPlanArc *a = &arcs[fill[pending[e].demand]++];

      a->distance = pending[e].distance;
      a->candidate = pending[e].candidate;
    }
  g_clear_pointer (&self->pending, g_array_unref);

  stamp = g_new0 (guint, MAX (self->n_candidates, 1));
  self->arc_cand = g_new (guint32, MAX (n, 1));
  self->arc_dist = g_new (float, MAX (n, 1));
  for (guint i = 0; i < self->n_demand; i++)
    {
      gsize start = self->row_start[i];
      gsize len = _linli_plan_sort_demand_arcs (&arcs[start], self->row_start[i + 1] - start,
                                                stamp, i);

      self->row_start[i] = n_kept;
      for (gsize e = 0; e < len; e++)
        {
          self->arc_cand[n_kept] = arcs[start + e].candidate;
          self->arc_dist[n_kept] = arcs[start + e].distance;
          longest = MAX (longest, arcs[start + e].distance);
          n_kept++;
        }
    }
  self->row_start[self->n_demand] = n_kept;
  if (!self->max_distance_set)
    self->max_distance = longest;
  self->finished = TRUE;
}

guint
linli_plan_instance_get_n_demand (LinliPlanInstance *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_demand;
}

guint
linli_plan_instance_get_n_candidates (LinliPlanInstance *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_candidates;
}

/**
 * linli_plan_instance_get_n_arcs:
 *
 * Returns: the number of arcs of a finished instance, repeated pairs
 * counted once
 */
gsize
linli_plan_instance_get_n_arcs (LinliPlanInstance *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->finished, 0);
  return self->row_start[self->n_demand];
}

double
linli_plan_instance_get_total_weight (LinliPlanInstance *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->total_weight;
}

double
linli_plan_instance_get_weight (LinliPlanInstance *self,
                                guint              demand)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (demand < self->n_demand, 0);
  return self->weights[demand];
}

/**
 * linli_plan_instance_get_cost:
 *
 * Returns: the cost of @candidate, or -1 when it has none
 */
double
linli_plan_instance_get_cost (LinliPlanInstance *self,
                              guint              candidate)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (candidate < self->n_candidates, -1);
  return self->costs[candidate];
}

/**
 * linli_plan_instance_get_capacity:
 *
 * Returns: the capacity of @candidate in weight units, 0 when not limited
 */
double
linli_plan_instance_get_capacity (LinliPlanInstance *self,
                                  guint              candidate)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (candidate < self->n_candidates, 0);
  return self->capacities[candidate];
}

LinliPlanCandidateState
linli_plan_instance_get_state (LinliPlanInstance *self,
                               guint              candidate)
{
  g_return_val_if_fail (self != NULL, LINLI_PLAN_FORBIDDEN);
  g_return_val_if_fail (candidate < self->n_candidates, LINLI_PLAN_FORBIDDEN);
  return self->states[candidate];
}

/**
 * linli_plan_instance_count_openable:
 *
 * Counts the candidates a plan could add: those the solver may open or
 * must open.  With none, every plan is today's sites, and a front end
 * should ask for candidates rather than report that plan as optimal.
 *
 * Returns: the number of candidates in state %LINLI_PLAN_CANDIDATE or
 *   %LINLI_PLAN_REQUIRED
 */
guint
linli_plan_instance_count_openable (LinliPlanInstance *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint j = 0; j < self->n_candidates; j++)
    n += self->states[j] == LINLI_PLAN_CANDIDATE || self->states[j] == LINLI_PLAN_REQUIRED;
  return n;
}

/**
 * linli_plan_instance_set_state:
 *
 * Changes what the plan may do with @candidate.  Not while a solve of this
 * instance runs: give #LinliPlanOptions.states instead to solve the same
 * instance with other states.
 */
void
linli_plan_instance_set_state (LinliPlanInstance      *self,
                               guint                   candidate,
                               LinliPlanCandidateState state)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (candidate < self->n_candidates);
  g_return_if_fail (state < LINLI_PLAN_N_STATES);
  self->states[candidate] = state;
}

/**
 * linli_plan_instance_get_max_distance:
 *
 * Returns: the distance beyond which nothing is in reach: the default
 * coverage radius and the penalty distance of p-median
 */
double
linli_plan_instance_get_max_distance (LinliPlanInstance *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return MAX (self->max_distance, 0);
}

/**
 * linli_plan_instance_set_max_distance:
 * @max_distance: finite and >= 0
 *
 * Sets the distance beyond which nothing is in reach, before or after
 * linli_plan_instance_finish().  An arc at least this long then brings its
 * demand point no nearer than being unreached: in p-median such a point
 * counts at this distance (unless the options give a penalty distance),
 * whatever longer costs a cost list holds.
 */
void
linli_plan_instance_set_max_distance (LinliPlanInstance *self,
                                      double             max_distance)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (max_distance) && max_distance >= 0);
  self->max_distance = max_distance;
  self->max_distance_set = TRUE;
}

/**
 * linli_plan_instance_get_arcs:
 * @candidates: (out) (array length=return value) (transfer none): the candidates in reach
 * @distances: (out) (array length=return value) (transfer none): their distances
 *
 * Returns: the number of candidates in reach of @demand, nearest first
 */
guint
linli_plan_instance_get_arcs (LinliPlanInstance *self,
                              guint              demand,
                              const guint32    **candidates,
                              const float      **distances)
{
  gsize start;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->finished, 0);
  g_return_val_if_fail (demand < self->n_demand, 0);

  start = self->row_start[demand];
  if (candidates != NULL)
    *candidates = &self->arc_cand[start];
  if (distances != NULL)
    *distances = &self->arc_dist[start];
  return self->row_start[demand + 1] - start;
}
