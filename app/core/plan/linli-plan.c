/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan"

/* The planning solver.
 *
 * Each solve turns the instance into a reduced model: demand covered by
 * existing (and required) sites whatever the plan is set aside, candidates
 * that can be decided become columns, demand points with the same set of
 * covering columns are merged into one row, and columns another column
 * covers a superset of, at no more cost, are never opened.  The search then
 * works on the model only:
 *
 *  - greedy construction and swap local search (with a few seeded random
 *    restarts) give good plans quickly;
 *  - Lagrangian relaxation, with multipliers moved by subgradient steps,
 *    gives the proven bound: for maximal covering the coverage constraints
 *    are relaxed, for set covering the same constraints with the target
 *    kept as a fractional knapsack, for p-median the assignment
 *    constraints;
 *  - a depth-first branch and bound fixes columns in or out, re-bounds each
 *    node with a few warm-started subgradient steps and fixes further
 *    columns by their Lagrangian reduced costs, until the gap closes.
 *
 * With capacities, a plan's covered weight is a maximum flow from demand
 * rows through open sites, and the relaxation lets each site fill its
 * capacity with the rows priced highest.
 *
 * Everything is deterministic: the only randomness comes from a GRand
 * seeded from the options, and the heuristics stop on counted work, not on
 * the clock.  Only the time limit and cancellation depend on the clock, and
 * they stop the search as a whole.
 */

#include "config.h"

#include "linli-plan.h"
#include "linli-walk.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "linli-spatial.h"

G_DEFINE_QUARK (linli-plan-error-quark, linli_plan_error)

/* ------------------------------------------------------------------------ */
/* Instance                                                                  */
/* ------------------------------------------------------------------------ */

struct _LinliPlanInstance
{
  gatomicrefcount ref_count;
  guint           n_demand;
  guint           n_candidates;
  double         *weights;
  double         *costs;          /* < 0 = none */
  guint8         *states;         /* LinliPlanCandidateState */
  double         *capacities;     /* 0 = no limit */
  double          total_weight;
  double          max_distance;
  gboolean        max_distance_set;
  gboolean        finished;
  GArray         *pending;        /* PendingArc, until finished */

  /* The arcs in compressed rows: for demand i, entries row_start[i] to
   * row_start[i + 1], nearest first.  Indices are 32 bits and distances
   * single precision (a tenth of a millimetre at 1 km) to keep hundreds of
   * thousands of buildings times dozens of sites in reach small.
   */
  gsize          *row_start;
  guint32        *arc_cand;
  float          *arc_dist;
};

typedef struct
{
  guint32 demand;
  guint32 candidate;
  float   distance;
} PendingArc;

typedef struct
{
  float   distance;
  guint32 candidate;
} Arc;

static const char *problem_names[] = { "mclp", "lscp", "pmedian" };
G_STATIC_ASSERT (G_N_ELEMENTS (problem_names) == LINLI_PLAN_N_PROBLEMS);

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  const Arc *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return (x->candidate > y->candidate) - (x->candidate < y->candidate);
}

/* Sorts the arcs of each demand point nearest first and keeps only the
 * shortest of repeated demand–candidate pairs.  @stamp has one entry per
 * candidate and must hold no value above @demand + 1 on entry.
 */
static gsize
sort_demand_arcs (Arc     *arcs,
                  gsize    n,
                  guint   *stamp,
                  guint    demand)
{
  gsize out = 0;

  qsort (arcs, n, sizeof (Arc), compare_arcs);
  for (gsize e = 0; e < n; e++)
    {
      if (stamp[arcs[e].candidate] == demand + 1)
        continue;
      stamp[arcs[e].candidate] = demand + 1;
      arcs[out++] = arcs[e];
    }
  return out;
}

const char *
linli_plan_problem_to_string (LinliPlanProblem problem)
{
  g_return_val_if_fail (problem < LINLI_PLAN_N_PROBLEMS, NULL);
  return problem_names[problem];
}

gboolean
linli_plan_problem_from_string (const char       *str,
                                LinliPlanProblem *problem)
{
  for (guint i = 0; i < G_N_ELEMENTS (problem_names); i++)
    if (g_strcmp0 (str, problem_names[i]) == 0)
      {
        *problem = i;
        return TRUE;
      }
  return FALSE;
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
  g_autofree Arc *arcs = NULL;
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
  arcs = g_new (Arc, MAX (n, 1));
  for (gsize e = 0; e < n; e++)
    {
      Arc *a = &arcs[fill[pending[e].demand]++];

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
      gsize len = sort_demand_arcs (&arcs[start], self->row_start[i + 1] - start, stamp, i);

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

typedef struct
{
  const LinliProjection *proj;
  const double          *site_lat;
  const double          *site_lon;
  double                 lat;
  double                 lon;
  double                 max_distance;
  GArray                *arcs;
} ProjectQuery;

static void
project_arc_cb (guint    index,
                double   distance,
                gpointer user_data)
{
  ProjectQuery *q = user_data;
  double d = linli_projection_distance (q->proj, q->lat, q->lon,
                                        q->site_lat[index], q->site_lon[index]);
  Arc arc;

  if (d > q->max_distance)
    return;
  arc.distance = (float) d;
  arc.candidate = index;
  g_array_append_val (q->arcs, arc);
}

typedef struct
{
  LinliPlanInstance *instance;
  guint              site;
} WalkArcs;

static void
walk_arc_cb (guint    index,
             double   distance,
             gpointer user_data)
{
  WalkArcs *w = user_data;

  linli_plan_instance_add_arc (w->instance, index, w->site, distance);
}

/**
 * linli_plan_instance_new_from_project:
 * @project: the project
 * @max_distance: the longest distance in metres worth an arc; the usual
 *   choice is the coverage radius for covering problems and a little more
 *   for p-median, where it is also the penalty distance of unreached
 *   buildings
 *
 * Makes the instance of a project: buildings are the demand points, with
 * their households as weight, and the project's sites are the candidates,
 * in list order.  Existing and planned sites are %LINLI_PLAN_EXISTING,
 * candidate sites %LINLI_PLAN_CANDIDATE, each with its cost and capacity.
 * Arcs join every building and site whose straight-line distance in the
 * project's projection (linli_projection_distance()) is at most
 * @max_distance; a bucket index over the sites keeps this to a few cells per
 * building.  When the project measures walks along streets (and has
 * streets), arcs carry the walk along streets instead, found by a search
 * from each site that stops at @max_distance (see linli_walk_query()).
 *
 * Returns: (transfer full): a finished instance
 */
LinliPlanInstance *
linli_plan_instance_new_from_project (LinliProject *project,
                                      double        max_distance)
{
  const LinliProjection *proj;
  const LinliBuilding *buildings;
  guint n_b, n_s;
  g_autofree double *weights = NULL;
  g_autofree double *costs = NULL;
  g_autofree double *caps = NULL;
  g_autofree LinliPlanCandidateState *states = NULL;
  g_autofree double *site_lat = NULL;
  g_autofree double *site_lon = NULL;
  g_autofree double *xy = NULL;
  g_autofree guint *stamp = NULL;
  g_autoptr (LinliPointIndex) site_index = NULL;
  g_autoptr (GArray) scratch = NULL;
  g_autoptr (GArray) cand = NULL;
  g_autoptr (GArray) dist = NULL;
  LinliPlanInstance *self;
  ProjectQuery q;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (isfinite (max_distance) && max_distance >= 0, NULL);

  proj = linli_project_get_projection (project);
  buildings = linli_project_get_buildings (project);
  n_b = linli_project_get_n_buildings (project);
  n_s = linli_project_get_n_sites (project);

  weights = g_new (double, MAX (n_b, 1));
  for (guint i = 0; i < n_b; i++)
    weights[i] = buildings[i].households;

  costs = g_new (double, MAX (n_s, 1));
  caps = g_new (double, MAX (n_s, 1));
  states = g_new (LinliPlanCandidateState, MAX (n_s, 1));
  site_lat = g_new (double, MAX (n_s, 1));
  site_lon = g_new (double, MAX (n_s, 1));
  xy = g_new (double, 2 * MAX (n_s, 1));
  for (guint s = 0; s < n_s; s++)
    {
      LinliSite *site = linli_project_get_site (project, s);

      costs[s] = linli_site_get_cost (site);
      caps[s] = linli_site_get_capacity (site);
      if (linli_site_get_status (site) != LINLI_SITE_STATUS_CANDIDATE)
        states[s] = LINLI_PLAN_EXISTING;
      else if (linli_site_get_plan_rule (site) == LINLI_SITE_PLAN_REQUIRED)
        states[s] = LINLI_PLAN_REQUIRED;
      else if (linli_site_get_plan_rule (site) == LINLI_SITE_PLAN_FORBIDDEN)
        states[s] = LINLI_PLAN_FORBIDDEN;
      else
        states[s] = LINLI_PLAN_CANDIDATE;
      site_lat[s] = linli_site_get_lat (site);
      site_lon[s] = linli_site_get_lon (site);
      linli_projection_forward (proj, site_lat[s], site_lon[s], &xy[2 * s], &xy[2 * s + 1]);
    }

  self = linli_plan_instance_new (n_b, weights, n_s, costs, states, caps);

  if (linli_project_get_distance (project) == LINLI_DISTANCE_STREET && linli_project_has_streets (project))
    {
      LinliWalk *walk = linli_walk_for_project (project);

      for (guint s = 0; s < n_s; s++)
        {
          WalkArcs w = { self, s };

          if (isfinite (xy[2 * s]) && isfinite (xy[2 * s + 1]))
            linli_walk_query (walk, xy[2 * s], xy[2 * s + 1], max_distance, walk_arc_cb, &w);
        }
      linli_plan_instance_set_max_distance (self, max_distance);
      linli_plan_instance_finish (self);
      return self;
    }
  g_clear_pointer (&self->pending, g_array_unref);

  /* The index finds sites by projected coordinates; the exact test is done
   * again with linli_projection_distance(), so the query reaches a hair
   * further than asked for rounding to do no harm.
   */
  site_index = linli_point_index_new (xy, n_s, MAX (max_distance, 1.0));
  scratch = g_array_new (FALSE, FALSE, sizeof (Arc));
  cand = g_array_new (FALSE, FALSE, sizeof (guint32));
  dist = g_array_new (FALSE, FALSE, sizeof (float));
  stamp = g_new0 (guint, MAX (n_s, 1));
  self->row_start = g_new0 (gsize, n_b + 1);
  q.proj = proj;
  q.site_lat = site_lat;
  q.site_lon = site_lon;
  q.max_distance = max_distance;
  q.arcs = scratch;
  for (guint i = 0; i < n_b; i++)
    {
      double x, y;
      gsize len;

      q.lat = buildings[i].lat;
      q.lon = buildings[i].lon;
      g_array_set_size (scratch, 0);
      linli_projection_forward (proj, q.lat, q.lon, &x, &y);
      linli_point_index_query_circle (site_index, x, y, max_distance * (1 + 1e-9) + 1e-6,
                                     project_arc_cb, &q);
      len = sort_demand_arcs ((Arc *) scratch->data, scratch->len, stamp, i);
      for (gsize e = 0; e < len; e++)
        {
          const Arc *a = &g_array_index (scratch, Arc, e);

          g_array_append_val (cand, a->candidate);
          g_array_append_val (dist, a->distance);
        }
      self->row_start[i + 1] = cand->len;
    }
  self->arc_cand = (guint32 *) g_array_free (g_steal_pointer (&cand), FALSE);
  self->arc_dist = (float *) g_array_free (g_steal_pointer (&dist), FALSE);
  self->max_distance = max_distance;
  self->max_distance_set = TRUE;
  self->finished = TRUE;
  return self;
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

/**
 * linli_plan_options_init:
 * @options: the options to fill
 *
 * Sets @options to maximal covering with one new site, no budget, the
 * instance's maximum distance as radius, a 95 % target for set covering, a
 * one-minute time limit, a gap tolerance of 1e-6 (proven optimal) and
 * seed 1.
 */
void
linli_plan_options_init (LinliPlanOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->problem = LINLI_PLAN_MCLP;
  options->k = 1;
  options->budget = -1;
  options->target_share = 0.95;
  options->radius = -1;
  options->penalty_distance = -1;
  options->capacitated = FALSE;
  options->use_costs = TRUE;
  options->time_limit = 60;
  options->node_limit = 0;
  options->gap_tolerance = 1e-6;
  options->seed = 1;
  options->states = NULL;
}

/**
 * linli_plan_result_free:
 *
 * Frees a result and its arrays.
 */
void
linli_plan_result_free (LinliPlanResult *result)
{
  if (result == NULL)
    return;
  g_free (result->chosen);
  g_free (result->added_weight);
  g_free (result->unreachable);
  g_free (result);
}

/* ------------------------------------------------------------------------ */
/* Reduced model                                                             */
/* ------------------------------------------------------------------------ */

/* Columns [0, n_free) are the candidates the search decides.  In the
 * capacitated problem, existing and required sites with a capacity follow
 * as columns that are open for good, since a limited site does not cover
 * its circle outright.
 *
 * Coverage rows (maximal and set covering) merge demand points with the
 * same covering columns.  Distance rows (p-median, and the walk that breaks
 * ties between equally covering plans) keep one row per demand point with
 * the columns nearer than its base: the nearest site open whatever the plan,
 * or the penalty distance.
 */
typedef struct
{
  guint    n_cols;
  guint    n_free;
  guint   *col_cand;
  double  *col_cost;
  double  *col_cap;       /* HUGE_VAL when not limited */
  guint8  *root_out;      /* dominated: never opened */

  guint    n_rows;
  double  *row_w;
  gsize   *row_start;
  guint32 *row_col;
  gsize   *col_start;
  guint32 *col_row;
  double   base_weight;   /* covered whatever the plan */
  double   row_total;

  guint    n_drows;
  double  *drow_w;
  double  *drow_base;
  gsize   *drow_start;
  guint32 *drow_col;      /* nearest first */
  float   *drow_dist;
  gsize   *dcol_start;
  guint32 *dcol_row;
  float   *dcol_dist;
  double   base_walk;     /* weight × base of demand no column brings nearer */
} Model;

static void
model_clear (Model *M)
{
  g_free (M->col_cand);
  g_free (M->col_cost);
  g_free (M->col_cap);
  g_free (M->root_out);
  g_free (M->row_w);
  g_free (M->row_start);
  g_free (M->row_col);
  g_free (M->col_start);
  g_free (M->col_row);
  g_free (M->drow_w);
  g_free (M->drow_base);
  g_free (M->drow_start);
  g_free (M->drow_col);
  g_free (M->drow_dist);
  g_free (M->dcol_start);
  g_free (M->dcol_row);
  g_free (M->dcol_dist);
  memset (M, 0, sizeof *M);
}

/* Column-wise copy of row lists, rows ascending within each column. */
static void
transpose (guint          n_rows,
           guint          n_cols,
           const gsize   *row_start,
           const guint32 *row_col,
           const float   *row_dist,
           gsize        **col_start_out,
           guint32      **col_row_out,
           float        **col_dist_out)
{
  gsize nnz = row_start[n_rows];
  gsize *col_start = g_new0 (gsize, n_cols + 1);
  guint32 *col_row = g_new (guint32, MAX (nnz, 1));
  float *col_dist = row_dist != NULL ? g_new (float, MAX (nnz, 1)) : NULL;
  g_autofree gsize *fill = NULL;

  for (gsize e = 0; e < nnz; e++)
    col_start[row_col[e] + 1]++;
  for (guint c = 0; c < n_cols; c++)
    col_start[c + 1] += col_start[c];
  fill = g_memdup2 (col_start, sizeof (gsize) * (n_cols + 1));
  for (guint r = 0; r < n_rows; r++)
    for (gsize e = row_start[r]; e < row_start[r + 1]; e++)
      {
        gsize pos = fill[row_col[e]]++;

        col_row[pos] = r;
        if (col_dist != NULL)
          col_dist[pos] = row_dist[e];
      }
  *col_start_out = col_start;
  *col_row_out = col_row;
  if (col_dist_out != NULL)
    *col_dist_out = col_dist;
}

/* Rows of column lists under construction. */
typedef struct
{
  GArray *start;   /* gsize, one more than rows */
  GArray *cols;    /* guint32 */
  GArray *weight;  /* double */
} RowSet;

static RowSet *
row_set_new (void)
{
  RowSet *rs = g_new0 (RowSet, 1);
  gsize zero = 0;

  rs->start = g_array_new (FALSE, FALSE, sizeof (gsize));
  rs->cols = g_array_new (FALSE, FALSE, sizeof (guint32));
  rs->weight = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (rs->start, zero);
  return rs;
}

static void
row_set_free (RowSet *rs)
{
  if (rs == NULL)
    return;
  g_array_unref (rs->start);
  g_array_unref (rs->cols);
  g_array_unref (rs->weight);
  g_free (rs);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RowSet, row_set_free)

static inline guint
row_set_len (const RowSet *rs)
{
  return rs->weight->len;
}

static void
row_set_add (RowSet        *rs,
             const guint32 *cols,
             guint          n,
             double         weight)
{
  gsize end;

  g_array_append_vals (rs->cols, cols, n);
  end = rs->cols->len;
  g_array_append_val (rs->start, end);
  g_array_append_val (rs->weight, weight);
}

static guint64
hash_list (const guint32 *cols,
           gsize          n)
{
  guint64 h = 14695981039346656037ull ^ n;

  for (gsize e = 0; e < n; e++)
    {
      h ^= cols[e];
      h *= 1099511628211ull;
    }
  return h ^ (h >> 29);
}

/* Merges rows with the same column list, adding up their weights; the first
 * occurrence fixes the order, so the result does not depend on hashing.
 */
static RowSet *
row_set_merge (const RowSet *in)
{
  guint n = row_set_len (in);
  gsize size = 16;
  g_autofree guint *table = NULL;
  RowSet *out = row_set_new ();
  const gsize *start = (const gsize *) in->start->data;
  const guint32 *cols = (const guint32 *) in->cols->data;
  const double *weight = (const double *) in->weight->data;

  while (size < 2 * (gsize) n + 2)
    size *= 2;
  table = g_new0 (guint, size);
  for (guint r = 0; r < n; r++)
    {
      const guint32 *list = &cols[start[r]];
      gsize len = start[r + 1] - start[r];
      gsize pos = hash_list (list, len) & (size - 1);

      for (;;)
        {
          guint slot = table[pos];
          const gsize *ostart;
          gsize olen;

          if (slot == 0)
            {
              row_set_add (out, list, len, weight[r]);
              table[pos] = row_set_len (out);
              break;
            }
          ostart = (const gsize *) out->start->data;
          olen = ostart[slot] - ostart[slot - 1];
          if (olen == len &&
              memcmp (&g_array_index (out->cols, guint32, ostart[slot - 1]), list,
                      len * sizeof (guint32)) == 0)
            {
              g_array_index (out->weight, double, slot - 1) += weight[r];
              break;
            }
          pos = (pos + 1) & (size - 1);
        }
    }
  return out;
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* ------------------------------------------------------------------------ */
/* Maximum flow for the capacitated problem                                  */
/* ------------------------------------------------------------------------ */

/* A bipartite graph of weighted rows and capacitated columns.  The weight
 * a set of open columns serves is the maximum flow from a source through
 * the rows (capacity: their weight) and the open columns (capacity: theirs)
 * to a sink.  Households are whole numbers, so with whole capacities the
 * flow is whole too: every household is served by one site.
 */
typedef struct
{
  guint          n_rows;
  guint          n_cols;
  const double  *row_w;
  const gsize   *row_start;
  const guint32 *row_col;
  const double  *col_cap;
} Bip;

typedef struct
{
  guint  to;
  guint  rev;
  double cap;
} FlowEdge;

#define FLOW_EPS 1e-9

static gboolean
flow_levels (const gsize    *adj_start,
             const FlowEdge *edges,
             guint           n_nodes,
             int            *level,
             guint          *queue)
{
  guint head = 0, tail = 0;

  for (guint v = 0; v < n_nodes; v++)
    level[v] = -1;
  level[0] = 0;
  queue[tail++] = 0;
  while (head < tail)
    {
      guint v = queue[head++];

      for (gsize e = adj_start[v]; e < adj_start[v + 1]; e++)
        if (edges[e].cap > FLOW_EPS && level[edges[e].to] < 0)
          {
            level[edges[e].to] = level[v] + 1;
            queue[tail++] = edges[e].to;
          }
    }
  return level[1] >= 0;
}

/* Returns the maximum flow; @served, when given, receives the weight each
 * row gets.  Dinic's algorithm with an explicit stack, so long augmenting
 * paths cannot overflow the thread's stack.
 */
static double
bip_maxflow (const Bip    *g,
             const guint8 *open,
             double       *served)
{
  guint n_nodes = 2 + g->n_rows + g->n_cols;
  g_autofree gsize *adj_start = g_new0 (gsize, n_nodes + 1);
  g_autofree gsize *fill = NULL;
  g_autofree FlowEdge *edges = NULL;
  g_autofree int *level = g_new (int, n_nodes);
  g_autofree guint *queue = g_new (guint, n_nodes);
  g_autofree gsize *iter = g_new (gsize, n_nodes);
  g_autofree gsize *path = g_new (gsize, n_nodes);
  g_autofree guint8 *used_col = g_new0 (guint8, MAX (g->n_cols, 1));
  g_autofree guint8 *used_row = g_new0 (guint8, MAX (g->n_rows, 1));
  double flow = 0;
  gsize n_edges;

#define ROW_NODE(r) (2 + (r))
#define COL_NODE(c) (2 + g->n_rows + (c))

  /* Degrees first, then the edges with their reverses. */
  for (guint r = 0; r < g->n_rows; r++)
    for (gsize e = g->row_start[r]; e < g->row_start[r + 1]; e++)
      if (open[g->row_col[e]])
        {
          adj_start[ROW_NODE (r) + 1]++;
          adj_start[COL_NODE (g->row_col[e]) + 1]++;
          if (!used_row[r])
            {
              used_row[r] = 1;
              adj_start[0 + 1]++;
              adj_start[ROW_NODE (r) + 1]++;
            }
          if (!used_col[g->row_col[e]])
            {
              used_col[g->row_col[e]] = 1;
              adj_start[COL_NODE (g->row_col[e]) + 1]++;
              adj_start[1 + 1]++;
            }
        }
  for (guint v = 0; v < n_nodes; v++)
    adj_start[v + 1] += adj_start[v];
  n_edges = adj_start[n_nodes];
  edges = g_new (FlowEdge, MAX (n_edges, 1));
  fill = g_memdup2 (adj_start, sizeof (gsize) * (n_nodes + 1));

#define ADD_EDGE(u, v, c)                                  \
  G_STMT_START                                             \
  {                                                        \
    gsize a_ = fill[u]++, b_ = fill[v]++;                  \
    edges[a_].to = (v);                                    \
    edges[a_].rev = (guint) (b_ - adj_start[v]);           \
    edges[a_].cap = (c);                                   \
    edges[b_].to = (u);                                    \
    edges[b_].rev = (guint) (a_ - adj_start[u]);           \
    edges[b_].cap = 0;                                     \
  }                                                        \
  G_STMT_END

  for (guint r = 0; r < g->n_rows; r++)
    if (used_row[r])
      ADD_EDGE (0, ROW_NODE (r), g->row_w[r]);
  for (guint c = 0; c < g->n_cols; c++)
    if (used_col[c])
      ADD_EDGE (COL_NODE (c), 1, g->col_cap[c]);
  for (guint r = 0; r < g->n_rows; r++)
    for (gsize e = g->row_start[r]; e < g->row_start[r + 1]; e++)
      if (open[g->row_col[e]])
        ADD_EDGE (ROW_NODE (r), COL_NODE (g->row_col[e]), HUGE_VAL);
#undef ADD_EDGE

  while (flow_levels (adj_start, edges, n_nodes, level, queue))
    {
      guint depth = 0, v = 0;

      memcpy (iter, adj_start, sizeof (gsize) * n_nodes);
      for (;;)
        {
          if (v == 1)
            {
              double push = HUGE_VAL;

              for (guint d = 0; d < depth; d++)
                push = MIN (push, edges[path[d]].cap);
              for (guint d = 0; d < depth; d++)
                {
                  FlowEdge *fe = &edges[path[d]];

                  fe->cap -= push;
                  edges[adj_start[fe->to] + fe->rev].cap += push;
                }
              flow += push;
              depth = 0;
              v = 0;
              continue;
            }
          while (iter[v] < adj_start[v + 1] &&
                 !(edges[iter[v]].cap > FLOW_EPS && level[edges[iter[v]].to] == level[v] + 1))
            iter[v]++;
          if (iter[v] < adj_start[v + 1])
            {
              path[depth++] = iter[v];
              v = edges[iter[v]].to;
              continue;
            }
          /* A dead end: never come back here in this phase. */
          if (v == 0)
            break;
          level[v] = -1;
          depth--;
          v = edges[adj_start[edges[path[depth]].to] + edges[path[depth]].rev].to;
          iter[v]++;
        }
    }

  if (served != NULL)
    {
      for (guint r = 0; r < g->n_rows; r++)
        served[r] = 0;
      for (gsize e = adj_start[0]; e < adj_start[1]; e++)
        {
          guint r = edges[e].to - 2;

          served[r] = g->row_w[r] - edges[e].cap;
        }
    }
#undef ROW_NODE
#undef COL_NODE
  return flow;
}

/* ------------------------------------------------------------------------ */
/* A max-heap for lazy greedy                                                */
/* ------------------------------------------------------------------------ */

typedef struct
{
  double key;
  guint  col;
} HeapItem;

static inline gboolean
heap_before (const HeapItem *a,
             const HeapItem *b)
{
  return a->key > b->key || (a->key == b->key && a->col < b->col);
}

static void
heap_push (GArray  *heap,
           double   key,
           guint    col)
{
  HeapItem item = { key, col };
  HeapItem *h;
  guint i;

  g_array_append_val (heap, item);
  h = (HeapItem *) heap->data;
  i = heap->len - 1;
  while (i > 0 && heap_before (&h[i], &h[(i - 1) / 2]))
    {
      HeapItem t = h[i];

      h[i] = h[(i - 1) / 2];
      h[(i - 1) / 2] = t;
      i = (i - 1) / 2;
    }
}

static HeapItem
heap_pop (GArray *heap)
{
  HeapItem *h = (HeapItem *) heap->data;
  HeapItem top = h[0];
  guint n = heap->len - 1, i = 0;

  h[0] = h[n];
  g_array_set_size (heap, n);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, best = i;
      HeapItem t;

      if (l < n && heap_before (&h[l], &h[best]))
        best = l;
      if (r < n && heap_before (&h[r], &h[best]))
        best = r;
      if (best == i)
        break;
      t = h[i];
      h[i] = h[best];
      h[best] = t;
      i = best;
    }
  return top;
}

/* ------------------------------------------------------------------------ */
/* Search state                                                              */
/* ------------------------------------------------------------------------ */

enum
{
  COL_FREE,
  COL_IN,
  COL_OUT,
};

/* The best choice of columns for given Lagrangian benefits, relaxed: at
 * most k of them (the best k), within the budget (a fractional knapsack),
 * or both (the smaller of the two, each an upper bound of the choice).
 * The sorted orders are kept so the bound with one column forced in or out
 * costs a binary search, which is what fixing columns by reduced cost needs.
 */
typedef struct
{
  guint    n;            /* columns with a positive benefit */
  guint   *by_value;
  double  *pv;           /* prefix sums of benefits, best first */
  int     *pos_value;    /* per column, -1 when not positive */
  guint   *by_ratio;
  double  *kc;           /* prefix sums of cost, best ratio first */
  double  *kv;
  int     *pos_ratio;
  guint    slots;        /* k left, or n when not limited */
  gboolean limited;
  gboolean knap;
  double   capacity;
  double   top;
  double   knap_value;
  double   value;
} Sel;

typedef struct
{
  guint col;
  guint op;              /* COL_IN or COL_OUT */
  guint btrail_len;
} TrailEntry;

typedef struct
{
  guint  row;
  double base;
} BaseEntry;

typedef enum
{
  NODE_DONE,
  NODE_BRANCH,
  NODE_STOPPED,
} NodeStatus;

typedef struct
{
  LinliPlanProblem       problem;
  LinliPlanInstance     *inst;
  guint8                *states;
  double                 radius;
  float                  radius_f;
  double                 penalty;
  gboolean               maximise;
  gboolean               integral;
  gboolean               capacitated;
  gboolean               by_cost;
  gboolean               use_budget;
  int                    k;              /* -1 = not limited */
  double                 budget;         /* left after the required sites */
  double                 fixed_value;    /* LSCP: the required sites' cost or number */
  double                 target;         /* LSCP: weight to cover, base included */
  gboolean               target_reached;
  double                 tol;
  double                 eps_w;          /* weight comparisons */
  Model                  M;
  Bip                    bip;

  /* The current node. */
  guint8                *state;
  int                    k_left;
  double                 budget_left;
  guint                 *fixcov;         /* per row, IN columns covering it */
  guint                 *row_nfree;      /* per row, FREE columns covering it */
  double                 in_cover;       /* weight of rows an IN column covers */
  double                 in_cost;
  double                *dbase;          /* p-median: nearest IN or fixed, per distance row */
  GArray                *trail;
  GArray                *btrail;

  /* Lagrangian relaxation. */
  double                *mult;
  double                *grad;
  double                *acc;
  double                *benefit;
  double                *best_benefit;
  double                *y;
  double                *xfill;          /* capacitated: weight per column entry */
  guint                 *order;          /* scratch for sorting rows */
  double                *key;
  double                 lr_const;
  double                 best_const;
  double                 gnorm2;
  double                 theta;
  Sel                    sel;

  /* The best plan found. */
  guint8                *inc;
  double                 inc_value;
  double                 inc_walk;
  gboolean               has_inc;

  /* Scratch. */
  guint8                *row_mark;
  guint                 *cnt;
  guint8                *open_tmp;

  /* Control. */
  GRand                 *rand;
  GCancellable          *cancellable;
  LinliPlanProgressFunc  progress;
  gpointer               user_data;
  gint64                 start_time;
  gint64                 deadline;
  guint64                node_limit;
  guint64                nodes;
  gboolean               cancelled;
  gboolean               limit_hit;
  gboolean               incomplete;
  double                 closed_bound;
  double                 root_bound;
  double                 tree_done;
  guint                  depth;
  gint64                 last_report;
  double                 last_fraction;
  double                 phase_start;
  double                 phase_end;
} Search;

static gboolean
should_stop (Search *S)
{
  if (S->cancelled || S->limit_hit)
    return TRUE;
  if (g_cancellable_is_cancelled (S->cancellable))
    S->cancelled = TRUE;
  else if (S->deadline > 0 && g_get_monotonic_time () >= S->deadline)
    S->limit_hit = TRUE;
  return S->cancelled || S->limit_hit;
}

/* Calls the progress function at most ten times a second, with a fraction
 * that never goes back.
 */
static void
report (Search     *S,
        double      fraction,
        const char *message,
        gboolean    force)
{
  gint64 now;

  if (S->progress == NULL)
    return;
  now = g_get_monotonic_time ();
  if (!force && now - S->last_report < G_USEC_PER_SEC / 10)
    return;
  fraction = CLAMP (fraction, S->last_fraction, 1.0);
  S->last_fraction = fraction;
  S->last_report = now;
  S->progress (fraction, message, S->user_data);
}

static double
elapsed (Search *S)
{
  return (g_get_monotonic_time () - S->start_time) / (double) G_USEC_PER_SEC;
}

/* Relative gap between a bound and a value, as a fraction. */
static double
rel_gap (double bound,
         double value)
{
  double scale = MAX (fabs (bound), fabs (value));

  if (scale == 0 || bound == value)
    return 0;
  return fabs (bound - value) / scale;
}

/* A bound rounded to what whole objectives can reach; the slack keeps
 * rounding errors of the bound from cutting off a true optimum.
 */
static double
round_bound (Search *S,
             double  bound)
{
  double slack;

  if (!S->integral || !isfinite (bound))
    return bound;
  slack = 1e-9 * MAX (1.0, fabs (bound));
  return S->maximise ? floor (bound + slack) : ceil (bound - slack);
}

/* Whether nothing under a node with @bound can beat the best plan by more
 * than the gap tolerance.
 */
static gboolean
prunable (Search *S,
          double  bound)
{
  double b, noise;

  if (!S->has_inc)
    return FALSE;
  b = round_bound (S, bound);
  noise = 1e-9 * MAX (1.0, fabs (S->inc_value));
  if (S->maximise ? b <= S->inc_value + noise : b >= S->inc_value - noise)
    return TRUE;
  /* With whole objectives the default tolerance means exactly optimal:
   * a household short is a different plan.
   */
  if (S->integral && S->tol <= 1e-6)
    return FALSE;
  return rel_gap (b, S->inc_value) <= S->tol;
}

static void
note_closed (Search *S,
             double  bound)
{
  bound = round_bound (S, bound);
  if (S->maximise)
    S->closed_bound = MAX (S->closed_bound, bound);
  else
    S->closed_bound = MIN (S->closed_bound, bound);
}

static void
note_open (Search *S,
           double  bound)
{
  note_closed (S, bound);
  S->incomplete = TRUE;
}

static inline gboolean
col_is_free_decision (Search *S,
                      guint   c)
{
  return c < S->M.n_free && !S->M.root_out[c];
}

/* Rows worth multipliers at this node. */
static inline gboolean
row_active (Search *S,
            guint   r)
{
  if (S->capacitated)
    return S->row_nfree[r] > 0 || S->fixcov[r] > 0;
  return S->fixcov[r] == 0 && S->row_nfree[r] > 0;
}

/* ------------------------------------------------------------------------ */
/* Fixing columns at a node, undone on the way back up                       */
/* ------------------------------------------------------------------------ */

static void
leave_free (Search *S,
            guint   c)
{
  const Model *M = &S->M;

  if (S->problem == LINLI_PLAN_PMEDIAN)
    return;
  for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
    S->row_nfree[M->col_row[e]]--;
}

static void
back_to_free (Search *S,
              guint   c)
{
  const Model *M = &S->M;

  if (S->problem == LINLI_PLAN_PMEDIAN)
    return;
  for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
    S->row_nfree[M->col_row[e]]++;
}

static void
fix_in (Search *S,
        guint   c)
{
  const Model *M = &S->M;
  TrailEntry t = { c, COL_IN, S->btrail->len };

  g_assert (S->state[c] == COL_FREE);
  S->state[c] = COL_IN;
  leave_free (S, c);
  if (c < M->n_free)
    {
      /* May go negative: the node is then infeasible. */
      if (S->k >= 0)
        S->k_left--;
      if (S->use_budget)
        S->budget_left -= M->col_cost[c];
      S->in_cost += M->col_cost[c];
    }
  if (S->problem == LINLI_PLAN_PMEDIAN)
    {
      for (gsize e = M->dcol_start[c]; e < M->dcol_start[c + 1]; e++)
        {
          guint r = M->dcol_row[e];

          if (M->dcol_dist[e] < S->dbase[r])
            {
              BaseEntry b = { r, S->dbase[r] };

              g_array_append_val (S->btrail, b);
              S->dbase[r] = M->dcol_dist[e];
            }
        }
    }
  else
    {
      for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
        {
          guint r = M->col_row[e];

          if (S->fixcov[r]++ == 0)
            S->in_cover += M->row_w[r];
        }
    }
  g_array_append_val (S->trail, t);
}

static void
fix_out (Search *S,
         guint   c)
{
  TrailEntry t = { c, COL_OUT, S->btrail->len };

  g_assert (S->state[c] == COL_FREE);
  S->state[c] = COL_OUT;
  leave_free (S, c);
  g_array_append_val (S->trail, t);
}

static void
undo_to (Search *S,
         guint   mark)
{
  const Model *M = &S->M;

  while (S->trail->len > mark)
    {
      TrailEntry t = g_array_index (S->trail, TrailEntry, S->trail->len - 1);
      guint c = t.col;

      g_array_set_size (S->trail, S->trail->len - 1);
      if (t.op == COL_IN)
        {
          if (c < M->n_free)
            {
              if (S->k >= 0)
                S->k_left++;
              if (S->use_budget)
                S->budget_left += M->col_cost[c];
              S->in_cost -= M->col_cost[c];
            }
          if (S->problem == LINLI_PLAN_PMEDIAN)
            {
              while (S->btrail->len > t.btrail_len)
                {
                  BaseEntry b = g_array_index (S->btrail, BaseEntry, S->btrail->len - 1);

                  S->dbase[b.row] = b.base;
                  g_array_set_size (S->btrail, S->btrail->len - 1);
                }
            }
          else
            {
              for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
                {
                  guint r = M->col_row[e];

                  if (--S->fixcov[r] == 0)
                    S->in_cover -= M->row_w[r];
                }
            }
        }
      S->state[c] = COL_FREE;
      back_to_free (S, c);
    }
}

/* ------------------------------------------------------------------------ */
/* Evaluating plans                                                          */
/* ------------------------------------------------------------------------ */

static guint
count_open (Search       *S,
            const guint8 *open)
{
  guint n = 0;

  for (guint c = 0; c < S->M.n_free; c++)
    n += open[c] != 0;
  return n;
}

static double
cost_open (Search       *S,
           const guint8 *open)
{
  double cost = 0;

  for (guint c = 0; c < S->M.n_free; c++)
    if (open[c])
      cost += S->M.col_cost[c];
  return cost;
}

/* Covered weight, the base included, ignoring capacities. */
static double
eval_cover (Search       *S,
            const guint8 *open)
{
  const Model *M = &S->M;
  double v = M->base_weight;

  for (guint c = 0; c < M->n_cols; c++)
    if (open[c])
      for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
        {
          guint r = M->col_row[e];

          if (!S->row_mark[r])
            {
              S->row_mark[r] = 1;
              v += M->row_w[r];
            }
        }
  for (guint c = 0; c < M->n_cols; c++)
    if (open[c])
      for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
        S->row_mark[M->col_row[e]] = 0;
  return v;
}

/* Weighted distance to the nearest open site, unreached demand at the
 * penalty distance.
 */
static double
eval_walk (Search       *S,
           const guint8 *open)
{
  const Model *M = &S->M;
  double v = M->base_walk;

  for (guint r = 0; r < M->n_drows; r++)
    {
      double d = M->drow_base[r];

      for (gsize e = M->drow_start[r]; e < M->drow_start[r + 1]; e++)
        if (open[M->drow_col[e]])
          {
            d = M->drow_dist[e];
            break;
          }
      v += M->drow_w[r] * d;
    }
  return v;
}

/* Whether spending @cost on new sites keeps within the budget. */
static inline gboolean
within_budget (Search *S,
               double  cost)
{
  return !S->use_budget || cost <= S->budget + 1e-9 * MAX (1.0, S->budget);
}

static gboolean
plan_feasible (Search       *S,
               const guint8 *open)
{
  for (guint c = S->M.n_free; c < S->M.n_cols; c++)
    if (!open[c])
      return FALSE;
  if (S->k >= 0 && count_open (S, open) > (guint) S->k)
    return FALSE;
  if (!within_budget (S, cost_open (S, open)))
    return FALSE;
  return TRUE;
}

static double
eval_value (Search       *S,
            const guint8 *open,
            gboolean     *feasible)
{
  *feasible = plan_feasible (S, open);
  switch (S->problem)
    {
    case LINLI_PLAN_MCLP:
      if (S->capacitated)
        return S->M.base_weight + bip_maxflow (&S->bip, open, NULL);
      return eval_cover (S, open);
    case LINLI_PLAN_LSCP:
      if (eval_cover (S, open) < S->target - S->eps_w)
        *feasible = FALSE;
      return S->fixed_value + cost_open (S, open);
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      return eval_walk (S, open);
    }
}

/* Keeps @open as the best plan when it is better, or, in maximal covering,
 * as good with a shorter walk.  Returns whether it was kept.
 */
static gboolean
offer (Search       *S,
       const guint8 *open)
{
  gboolean feasible;
  double v = eval_value (S, open, &feasible);
  double noise = 1e-9 * MAX (1.0, fabs (v));
  gboolean better;

  if (!feasible)
    return FALSE;
  if (!S->has_inc)
    better = TRUE;
  else if (S->maximise)
    better = v > S->inc_value + noise;
  else
    better = v < S->inc_value - noise;

  if (!better && S->has_inc && S->problem == LINLI_PLAN_MCLP && S->M.n_drows > 0 &&
      fabs (v - S->inc_value) <= noise)
    {
      double walk = eval_walk (S, open);

      if (walk < S->inc_walk - 1e-9 * MAX (1.0, walk))
        {
          memcpy (S->inc, open, S->M.n_cols);
          S->inc_walk = walk;
          return TRUE;
        }
      return FALSE;
    }
  if (!better)
    return FALSE;

  memcpy (S->inc, open, S->M.n_cols);
  S->inc_value = v;
  S->has_inc = TRUE;
  if (S->problem == LINLI_PLAN_MCLP && S->M.n_drows > 0)
    S->inc_walk = eval_walk (S, open);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The relaxed choice of columns                                             */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const double *values;
  const double *costs;
} SortData;

static int
compare_by_value (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const double *v = ((const SortData *) user_data)->values;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (v[x] != v[y])
    return v[x] > v[y] ? -1 : 1;
  return (x > y) - (x < y);
}

static int
compare_by_key_up (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const double *v = ((const SortData *) user_data)->values;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (v[x] != v[y])
    return v[x] < v[y] ? -1 : 1;
  return (x > y) - (x < y);
}

/* Best benefit per unit of cost first; columns that cost nothing before
 * all others.
 */
static int
compare_by_ratio (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const SortData *d = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  double cx = d->costs[x], cy = d->costs[y];
  double lhs, rhs;

  if ((cx <= 0) != (cy <= 0))
    return cx <= 0 ? -1 : 1;
  if (cx <= 0)
    return compare_by_value (a, b, user_data);
  lhs = d->values[x] * cy;
  rhs = d->values[y] * cx;
  if (lhs != rhs)
    return lhs > rhs ? -1 : 1;
  return (x > y) - (x < y);
}

/* Ties go to the lower index, so every order is fully determined. */
static void
sort_cols_by_value (guint        *cols,
                    guint         n,
                    const double *values)
{
  SortData d = { values, NULL };

  g_qsort_with_data (cols, n, sizeof (guint), compare_by_value, &d);
}

static void
sort_by_key_up (guint        *items,
                guint         n,
                const double *keys)
{
  SortData d = { keys, NULL };

  g_qsort_with_data (items, n, sizeof (guint), compare_by_key_up, &d);
}

static void
sort_cols_by_ratio (guint        *cols,
                    guint         n,
                    const double *values,
                    const double *costs)
{
  SortData d = { values, costs };

  g_qsort_with_data (cols, n, sizeof (guint), compare_by_ratio, &d);
}

static void
sel_init (Sel   *s,
          guint  n_cols)
{
  guint n = MAX (n_cols, 1);

  s->by_value = g_new (guint, n);
  s->pv = g_new0 (double, n + 1);
  s->pos_value = g_new (int, n);
  s->by_ratio = g_new (guint, n);
  s->kc = g_new0 (double, n + 1);
  s->kv = g_new0 (double, n + 1);
  s->pos_ratio = g_new (int, n);
}

static void
sel_clear (Sel *s)
{
  g_free (s->by_value);
  g_free (s->pv);
  g_free (s->pos_value);
  g_free (s->by_ratio);
  g_free (s->kc);
  g_free (s->kv);
  g_free (s->pos_ratio);
}

/* The fractional knapsack over the positive columns in ratio order, with
 * the one at position @e (or none, -1) left out.
 */
static double
sel_frac (Search       *S,
          const double *b,
          double        capacity,
          int           e)
{
  Sel *s = &S->sel;
  const double *cost = S->M.col_cost;
  double ce = e >= 0 ? cost[s->by_ratio[e]] : 0;
  double ve = e >= 0 ? b[s->by_ratio[e]] : 0;
  guint lo = 0, hi = s->n, t, next;
  double used, value;

#define COST_EX(t_) (s->kc[t_] - (e >= 0 && (guint) e < (t_) ? ce : 0))
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;

      if (COST_EX (mid) <= capacity)
        lo = mid;
      else
        hi = mid - 1;
    }
  t = lo;
  used = COST_EX (t);
#undef COST_EX
  value = s->kv[t] - (e >= 0 && (guint) e < t ? ve : 0);
  next = t;
  if (e >= 0 && next == (guint) e)
    next++;
  if (next < s->n)
    {
      guint c = s->by_ratio[next];

      if (cost[c] > 0)
        value += MIN (1.0, (capacity - used) / cost[c]) * b[c];
    }
  return value;
}

/* Sum of the best @slots positive benefits with position @pos left out. */
static double
sel_top_without (Sel  *s,
                 guint slots,
                 int   pos)
{
  guint kk = MIN (slots, s->n);

  if (pos < 0 || (guint) pos >= kk)
    return s->pv[kk];
  return s->pv[MIN (kk + 1, s->n)] - (s->pv[pos + 1] - s->pv[pos]);
}

/* Chooses columns for benefits @b: fills S->sel and S->y. */
static void
sel_compute (Search       *S,
             const double *b)
{
  Sel *s = &S->sel;
  const Model *M = &S->M;

  s->n = 0;
  for (guint c = 0; c < M->n_free; c++)
    {
      s->pos_value[c] = -1;
      s->pos_ratio[c] = -1;
      S->y[c] = 0;
      if (S->state[c] == COL_FREE && b[c] > 0)
        s->by_value[s->n++] = c;
    }
  sort_cols_by_value (s->by_value, s->n, b);
  s->pv[0] = 0;
  for (guint i = 0; i < s->n; i++)
    {
      s->pv[i + 1] = s->pv[i] + b[s->by_value[i]];
      s->pos_value[s->by_value[i]] = i;
    }
  s->limited = S->k >= 0;
  s->slots = s->limited ? (guint) MAX (S->k_left, 0) : s->n;
  s->top = s->pv[MIN (s->slots, s->n)];

  s->knap = S->use_budget;
  s->knap_value = HUGE_VAL;
  if (s->knap)
    {
      memcpy (s->by_ratio, s->by_value, sizeof (guint) * s->n);
      sort_cols_by_ratio (s->by_ratio, s->n, b, M->col_cost);
      s->kc[0] = s->kv[0] = 0;
      for (guint i = 0; i < s->n; i++)
        {
          s->kc[i + 1] = s->kc[i] + M->col_cost[s->by_ratio[i]];
          s->kv[i + 1] = s->kv[i] + b[s->by_ratio[i]];
          s->pos_ratio[s->by_ratio[i]] = i;
        }
      s->capacity = MAX (S->budget_left, 0);
      s->knap_value = sel_frac (S, b, s->capacity, -1);
    }
  s->value = MIN (s->top, s->knap_value);

  if (!s->knap || s->top <= s->knap_value)
    {
      for (guint i = 0; i < MIN (s->slots, s->n); i++)
        S->y[s->by_value[i]] = 1;
    }
  else
    {
      double left = s->capacity;

      for (guint i = 0; i < s->n && left > 0; i++)
        {
          guint c = s->by_ratio[i];
          double cost = M->col_cost[c];

          S->y[c] = cost <= left ? 1 : left / cost;
          left -= MIN (cost, left);
        }
    }
}

/* The relaxed choice with column @c forced in or out; -HUGE_VAL when
 * forcing it in leaves no room.
 */
static double
sel_force (Search       *S,
           const double *b,
           guint         c,
           gboolean      in)
{
  Sel *s = &S->sel;
  double top, knap = HUGE_VAL;

  if (in)
    {
      if (s->limited && S->k_left <= 0)
        return -HUGE_VAL;
      top = b[c] + sel_top_without (s, s->limited ? (guint) S->k_left - 1 : s->n,
                                    s->pos_value[c]);
      if (s->knap)
        {
          if (S->M.col_cost[c] > s->capacity + 1e-9 * MAX (1.0, s->capacity))
            return -HUGE_VAL;
          knap = b[c] + sel_frac (S, b, MAX (s->capacity - S->M.col_cost[c], 0),
                                  s->pos_ratio[c]);
        }
    }
  else
    {
      top = sel_top_without (s, s->limited ? (guint) MAX (S->k_left, 0) : s->n, s->pos_value[c]);
      if (s->knap)
        knap = sel_frac (S, b, s->capacity, s->pos_ratio[c]);
    }
  return MIN (top, knap);
}

/* ------------------------------------------------------------------------ */
/* Lagrangian relaxation                                                     */
/* ------------------------------------------------------------------------ */

/* The subgradient of the covering Lagrangian from the covered weight each
 * row got (S->acc), projected onto the box 0 <= mult <= 1, shared by the
 * uncapacitated and the capacitated evaluations.
 *
 * Returns: the Lagrangian value
 */
static double
finish_covering_gradient (Search *S,
                          double  cst)
{
  const Model *M = &S->M;

  S->gnorm2 = 0;
  for (guint r = 0; r < M->n_rows; r++)
    {
      double g = 0;

      if (row_active (S, r))
        {
          g = M->row_w[r] - S->acc[r];
          if ((S->mult[r] <= 0 && g > 0) || (S->mult[r] >= 1 && g < 0))
            g = 0;
        }
      S->grad[r] = g;
      S->gnorm2 += g * g;
    }
  S->lr_const = cst;
  return cst + S->sel.value;
}

/* Maximal covering, coverage constraints relaxed with a price 1 - mult[r]
 * per unit of weight of row r: every row contributes mult[r] × its weight,
 * and every chosen column the price of the rows it covers.
 */
static double
lr_eval_cover (Search *S)
{
  const Model *M = &S->M;
  double cst = M->base_weight + S->in_cover;

  for (guint r = 0; r < M->n_rows; r++)
    if (row_active (S, r))
      cst += S->mult[r] * M->row_w[r];
  for (guint c = 0; c < M->n_free; c++)
    {
      double v = 0;

      if (S->state[c] != COL_FREE)
        continue;
      for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
        {
          guint r = M->col_row[e];

          if (row_active (S, r))
            v += (1 - S->mult[r]) * M->row_w[r];
        }
      S->benefit[c] = v;
    }
  sel_compute (S, S->benefit);

  for (guint r = 0; r < M->n_rows; r++)
    S->acc[r] = 0;
  for (guint c = 0; c < M->n_free; c++)
    if (S->y[c] > 0)
      for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
        S->acc[M->col_row[e]] += S->y[c] * M->row_w[M->col_row[e]];
  return finish_covering_gradient (S, cst);
}

/* The weight column @c takes at prices 1 - mult: the dearest rows first up
 * to its capacity.  Writes each entry's share to S->xfill.
 */
static double
fill_column (Search *S,
             guint   c)
{
  const Model *M = &S->M;
  gsize start = M->col_start[c], len = M->col_start[c + 1] - start;
  double total = 0, value = 0, left = M->col_cap[c];
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint r = M->col_row[start + i];
      double price = row_active (S, r) ? 1 - S->mult[r] : 0;

      S->xfill[start + i] = 0;
      if (price > 0)
        {
          total += M->row_w[r];
          S->key[n] = -price;
          S->order[n] = i;
          n++;
        }
    }
  if (left >= total)
    {
      for (guint j = 0; j < n; j++)
        {
          gsize e = start + S->order[j];

          S->xfill[e] = M->row_w[M->col_row[e]];
          value += -S->key[j] * S->xfill[e];
        }
      return value;
    }

  /* Sort the positions by price; key[] is indexed by position in order[]. */
  {
    g_autofree guint *idx = g_new (guint, MAX (n, 1));
    g_autofree double *k = g_memdup2 (S->key, sizeof (double) * MAX (n, 1));

    for (guint j = 0; j < n; j++)
      idx[j] = j;
    sort_by_key_up (idx, n, k);
    for (guint j = 0; j < n && left > 0; j++)
      {
        gsize e = start + S->order[idx[j]];
        double take = MIN (left, M->row_w[M->col_row[e]]);

        S->xfill[e] = take;
        value += -k[idx[j]] * take;
        left -= take;
      }
  }
  return value;
}

/* Capacitated maximal covering: demand constraints relaxed, each open
 * column fills its capacity with the dearest rows.
 */
static double
lr_eval_cap (Search *S)
{
  const Model *M = &S->M;
  double cst = M->base_weight;

  for (guint r = 0; r < M->n_rows; r++)
    if (row_active (S, r))
      cst += S->mult[r] * M->row_w[r];
  for (guint c = 0; c < M->n_cols; c++)
    {
      double v;

      if (S->state[c] == COL_OUT)
        continue;
      v = fill_column (S, c);
      if (S->state[c] == COL_IN)
        cst += v;
      else
        S->benefit[c] = v;
    }
  sel_compute (S, S->benefit);

  for (guint r = 0; r < M->n_rows; r++)
    S->acc[r] = 0;
  for (guint c = 0; c < M->n_cols; c++)
    {
      double share = S->state[c] == COL_IN ? 1 : (c < M->n_free ? S->y[c] : 0);

      if (share > 0 && S->state[c] != COL_OUT)
        for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
          S->acc[M->col_row[e]] += share * S->xfill[e];
    }
  return finish_covering_gradient (S, cst);
}

/* Set covering: coverage constraints relaxed with prices mult >= 0; the
 * covered weight must still reach the target, which is kept as a
 * fractional knapsack over the rows (cheapest price per unit first).
 */
static double
lr_eval_lscp (Search   *S,
              gboolean *infeasible)
{
  const Model *M = &S->M;
  double need = S->target - M->base_weight - S->in_cover;
  double avail = 0, zk = 0, left;
  guint n = 0;

  for (guint r = 0; r < M->n_rows; r++)
    {
      S->grad[r] = 0;
      if (row_active (S, r))
        {
          S->order[n++] = r;
          S->key[r] = S->mult[r] / M->row_w[r];
          avail += M->row_w[r];
        }
    }
  if (avail < need - S->eps_w)
    {
      *infeasible = TRUE;
      return HUGE_VAL;
    }
  sort_by_key_up (S->order, n, S->key);
  left = need;
  for (guint i = 0; i < n && left > 0; i++)
    {
      guint r = S->order[i];
      double z = MIN (1.0, left / M->row_w[r]);

      S->grad[r] = z;
      zk += z * S->mult[r];
      left -= z * M->row_w[r];
    }

  for (guint c = 0; c < M->n_free; c++)
    {
      double v = 0;

      if (S->state[c] != COL_FREE)
        continue;
      for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
        if (row_active (S, M->col_row[e]))
          v += S->mult[M->col_row[e]];
      S->benefit[c] = v - M->col_cost[c];
    }
  sel_compute (S, S->benefit);

  for (guint r = 0; r < M->n_rows; r++)
    S->acc[r] = 0;
  for (guint c = 0; c < M->n_free; c++)
    if (S->y[c] > 0)
      for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
        S->acc[M->col_row[e]] += S->y[c];
  S->gnorm2 = 0;
  for (guint r = 0; r < M->n_rows; r++)
    {
      double g = 0;

      if (row_active (S, r))
        {
          g = S->grad[r] - S->acc[r];
          if (S->mult[r] <= 0 && g < 0)
            g = 0;
        }
      S->grad[r] = g;
      S->gnorm2 += g * g;
    }
  S->lr_const = S->fixed_value + S->in_cost + zk;
  return S->lr_const - S->sel.value;
}

/* p-median: assignment constraints relaxed with mult[r] <= weight × base,
 * the cost of leaving the row with its base.
 */
static double
lr_eval_pmed (Search *S)
{
  const Model *M = &S->M;
  double cst = M->base_walk;

  for (guint r = 0; r < M->n_drows; r++)
    {
      double ub = M->drow_w[r] * S->dbase[r];

      S->mult[r] = CLAMP (S->mult[r], 0, ub);
      cst += S->mult[r];
    }
  for (guint c = 0; c < M->n_free; c++)
    {
      double v = 0;

      if (S->state[c] != COL_FREE)
        continue;
      for (gsize e = M->dcol_start[c]; e < M->dcol_start[c + 1]; e++)
        {
          guint r = M->dcol_row[e];
          double s = S->mult[r] - M->drow_w[r] * M->dcol_dist[e];

          if (s > 0)
            v += s;
        }
      S->benefit[c] = v;
    }
  sel_compute (S, S->benefit);

  for (guint r = 0; r < M->n_drows; r++)
    S->acc[r] = 0;
  for (guint c = 0; c < M->n_free; c++)
    if (S->y[c] > 0)
      for (gsize e = M->dcol_start[c]; e < M->dcol_start[c + 1]; e++)
        {
          guint r = M->dcol_row[e];

          if (M->drow_w[r] * M->dcol_dist[e] < S->mult[r])
            S->acc[r] += S->y[c];
        }
  S->gnorm2 = 0;
  for (guint r = 0; r < M->n_drows; r++)
    {
      double ub = M->drow_w[r] * S->dbase[r];
      double g = 1 - S->acc[r];

      if ((S->mult[r] >= ub && g > 0) || (S->mult[r] <= 0 && g < 0))
        g = 0;
      S->grad[r] = g;
      S->gnorm2 += g * g;
    }
  S->lr_const = cst;
  return cst - S->sel.value;
}

static double
lr_eval (Search   *S,
         gboolean *infeasible)
{
  switch (S->problem)
    {
    case LINLI_PLAN_MCLP:
      return S->capacitated ? lr_eval_cap (S) : lr_eval_cover (S);
    case LINLI_PLAN_LSCP:
      return lr_eval_lscp (S, infeasible);
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      return lr_eval_pmed (S);
    }
}

static void
lr_step (Search *S,
         double  t)
{
  const Model *M = &S->M;

  switch (S->problem)
    {
    case LINLI_PLAN_MCLP:
      for (guint r = 0; r < M->n_rows; r++)
        if (S->grad[r] != 0)
          S->mult[r] = CLAMP (S->mult[r] - t * S->grad[r], 0, 1);
      break;
    case LINLI_PLAN_LSCP:
      for (guint r = 0; r < M->n_rows; r++)
        if (S->grad[r] != 0)
          S->mult[r] = MAX (S->mult[r] + t * S->grad[r], 0);
      break;
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      for (guint r = 0; r < M->n_drows; r++)
        if (S->grad[r] != 0)
          S->mult[r] = CLAMP (S->mult[r] + t * S->grad[r], 0, M->drow_w[r] * S->dbase[r]);
      break;
    }
}

static void lr_heuristic (Search *S);

/* Subgradient optimisation at the current node, Polyak steps towards the
 * best plan's value, the step factor halved when the bound stalls.  Returns
 * the best bound seen; S->benefit, S->lr_const, S->sel and S->y are left at
 * the multipliers that gave it, for fixing and branching.
 */
static double
lagrange (Search   *S,
          guint     max_iter,
          guint     patience,
          double    theta,
          gboolean  root,
          gboolean *infeasible)
{
  double best = S->maximise ? HUGE_VAL : -HUGE_VAL;
  gboolean have = FALSE;
  guint stall = 0;

  *infeasible = FALSE;
  for (guint it = 0; it < max_iter; it++)
    {
      double L, gap;
      gboolean improved;

      if (should_stop (S))
        break;
      L = lr_eval (S, infeasible);
      if (*infeasible)
        return best;
      improved = S->maximise ? L < best - 1e-12 * fabs (best) : L > best + 1e-12 * fabs (best);
      if (!have || improved)
        {
          best = L;
          have = TRUE;
          stall = 0;
          memcpy (S->best_benefit, S->benefit, sizeof (double) * S->M.n_cols);
          S->best_const = S->lr_const;
        }
      else
        stall++;
      if (prunable (S, best) || S->gnorm2 <= 1e-18)
        break;
      if (stall >= patience)
        {
          theta /= 2;
          stall = 0;
          if (theta < 1e-4)
            break;
        }
      gap = S->has_inc ? fabs (L - S->inc_value) : 0.1 * fabs (L) + 1;
      gap = MAX (gap, 1e-7 * MAX (1.0, fabs (L)));
      lr_step (S, theta * gap / S->gnorm2);
      if (root)
        {
          if (it % 20 == 19)
            lr_heuristic (S);
          report (S, S->phase_start + (S->phase_end - S->phase_start) * (it + 1) / max_iter,
                  _("Proving the bound"), FALSE);
        }
    }
  if (have)
    {
      memcpy (S->benefit, S->best_benefit, sizeof (double) * S->M.n_cols);
      S->lr_const = S->best_const;
      sel_compute (S, S->benefit);
    }
  S->theta = theta;
  return best;
}

/* ------------------------------------------------------------------------ */
/* Building plans: greedy                                                    */
/* ------------------------------------------------------------------------ */

static double
cover_counts (Search       *S,
              const guint8 *open,
              guint        *cnt)
{
  const Model *M = &S->M;
  double v = M->base_weight;

  memset (cnt, 0, sizeof (guint) * MAX (M->n_rows, 1));
  for (guint c = 0; c < M->n_cols; c++)
    if (open[c])
      for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
        if (cnt[M->col_row[e]]++ == 0)
          v += M->row_w[M->col_row[e]];
  return v;
}

static double
cover_gain (Search      *S,
            const guint *cnt,
            guint        c)
{
  const Model *M = &S->M;
  double g = 0;

  for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
    if (cnt[M->col_row[e]] == 0)
      g += M->row_w[M->col_row[e]];
  return g;
}

/* Distance of each distance row to the nearest open column or its base. */
static void
walk_current (Search       *S,
              const guint8 *open,
              double       *cur)
{
  const Model *M = &S->M;

  for (guint r = 0; r < M->n_drows; r++)
    {
      cur[r] = M->drow_base[r];
      for (gsize e = M->drow_start[r]; e < M->drow_start[r + 1]; e++)
        if (open[M->drow_col[e]])
          {
            cur[r] = M->drow_dist[e];
            break;
          }
    }
}

static double
walk_gain (Search       *S,
           const double *cur,
           guint         c)
{
  const Model *M = &S->M;
  double g = 0;

  for (gsize e = M->dcol_start[c]; e < M->dcol_start[c + 1]; e++)
    {
      guint r = M->dcol_row[e];

      if (M->dcol_dist[e] < cur[r])
        g += M->drow_w[r] * (cur[r] - M->dcol_dist[e]);
    }
  return g;
}

static inline double
greedy_key (Search  *S,
            double   gain,
            guint    c,
            gboolean by_ratio)
{
  if (!by_ratio)
    return gain;
  return gain / MAX (S->M.col_cost[c], 1e-9);
}

static guint
slots_left (Search       *S,
            const guint8 *open)
{
  guint n;

  if (S->k < 0)
    return G_MAXUINT;
  n = count_open (S, open);
  return n >= (guint) S->k ? 0 : (guint) S->k - n;
}

static double
budget_left_of (Search       *S,
                const guint8 *open)
{
  if (!S->use_budget)
    return HUGE_VAL;
  return S->budget - cost_open (S, open);
}

/* Lazy greedy for the uncapacitated problems: gains only shrink as sites
 * open (coverage and walk savings are submodular), so a stale gain is an
 * upper bound and only the top of the heap needs recomputing.  Maximal
 * covering and p-median add sites while slots and budget last and a site
 * still helps; set covering adds them until the target is met.
 */
static void
greedy_fill (Search       *S,
             guint8       *open,
             const guint8 *allowed,
             gboolean      by_ratio)
{
  const Model *M = &S->M;
  gboolean walk = S->problem == LINLI_PLAN_PMEDIAN;
  g_autoptr (GArray) heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  g_autofree guint *cnt = NULL;
  g_autofree double *cur = NULL;
  guint slots = slots_left (S, open);
  double money = budget_left_of (S, open);
  double covered = 0;

  if (walk)
    {
      cur = g_new (double, MAX (M->n_drows, 1));
      walk_current (S, open, cur);
    }
  else
    {
      cnt = g_new (guint, MAX (M->n_rows, 1));
      covered = cover_counts (S, open, cnt);
    }

  for (guint c = 0; c < M->n_free; c++)
    if (allowed[c] && !open[c])
      {
        double g = walk ? walk_gain (S, cur, c) : cover_gain (S, cnt, c);

        if (g > 0)
          heap_push (heap, greedy_key (S, g, c, by_ratio), c);
      }

  while (slots > 0 && heap->len > 0)
    {
      HeapItem top;
      double g, key;

      if (S->problem == LINLI_PLAN_LSCP && covered >= S->target - S->eps_w)
        break;
      top = heap_pop (heap);
      if (S->use_budget && M->col_cost[top.col] > money + 1e-9 * MAX (1.0, money))
        continue;
      g = walk ? walk_gain (S, cur, top.col) : cover_gain (S, cnt, top.col);
      if (g <= 1e-12)
        continue;
      key = greedy_key (S, g, top.col, by_ratio);
      if (heap->len > 0)
        {
          HeapItem mine = { key, top.col };

          if (heap_before (&g_array_index (heap, HeapItem, 0), &mine))
            {
              heap_push (heap, key, top.col);
              continue;
            }
        }
      open[top.col] = 1;
      slots--;
      money -= M->col_cost[top.col];
      if (walk)
        {
          for (gsize e = M->dcol_start[top.col]; e < M->dcol_start[top.col + 1]; e++)
            cur[M->dcol_row[e]] = MIN (cur[M->dcol_row[e]], M->dcol_dist[e]);
        }
      else
        {
          for (gsize e = M->col_start[top.col]; e < M->col_start[top.col + 1]; e++)
            if (cnt[M->col_row[e]]++ == 0)
              covered += M->row_w[M->col_row[e]];
        }
    }
}

/* Greedy for the capacitated problem.  The weight a site would add depends
 * on how the others are loaded, so each step estimates it from the weight
 * left unserved around each candidate and settles between the few best
 * estimates with exact flows.
 */
static void
greedy_fill_cap (Search       *S,
                 guint8       *open,
                 const guint8 *allowed,
                 gboolean      by_ratio)
{
  const Model *M = &S->M;
  g_autofree double *served = g_new (double, MAX (M->n_rows, 1));
  g_autofree double *est = g_new (double, MAX (M->n_cols, 1));
  g_autofree guint *cands = g_new (guint, MAX (M->n_cols, 1));
  guint slots = slots_left (S, open);
  double money = budget_left_of (S, open);
  double flow = bip_maxflow (&S->bip, open, served);

  while (slots > 0)
    {
      guint n = 0, best = G_MAXUINT;
      double best_key = 0;

      if (should_stop (S))
        break;
      for (guint c = 0; c < M->n_free; c++)
        {
          double left = 0;

          if (!allowed[c] || open[c] ||
              (S->use_budget && M->col_cost[c] > money + 1e-9 * MAX (1.0, money)))
            continue;
          for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
            left += M->row_w[M->col_row[e]] - served[M->col_row[e]];
          left = MIN (left, M->col_cap[c]);
          if (left > 1e-9)
            {
              est[c] = greedy_key (S, left, c, by_ratio);
              cands[n++] = c;
            }
        }
      if (n == 0)
        break;
      sort_cols_by_value (cands, n, est);
      for (guint i = 0; i < MIN (n, 6u); i++)
        {
          guint c = cands[i];
          double f, key;

          open[c] = 1;
          f = bip_maxflow (&S->bip, open, NULL);
          open[c] = 0;
          key = greedy_key (S, f - flow, c, by_ratio);
          if (f > flow + 1e-9 && (best == G_MAXUINT || key > best_key))
            {
              best = c;
              best_key = key;
            }
        }
      if (best == G_MAXUINT)
        break;
      open[best] = 1;
      slots--;
      money -= M->col_cost[best];
      flow = bip_maxflow (&S->bip, open, served);
    }
}

static void
fill (Search       *S,
      guint8       *open,
      const guint8 *allowed,
      gboolean      by_ratio)
{
  if (S->capacitated)
    greedy_fill_cap (S, open, allowed, by_ratio);
  else
    greedy_fill (S, open, allowed, by_ratio);
}

/* ------------------------------------------------------------------------ */
/* Improving plans: swaps                                                    */
/* ------------------------------------------------------------------------ */

/* Swap bookkeeping for walks (the fast interchange of Whitaker, as
 * Resende and Werneck describe it): for the plan @open, the walk saved by
 * opening each closed column (gain), lost by closing each open one (loss),
 * and the correction for each pair (extra), so that closing open[a] and
 * opening c saves gain[c] - loss[a] + extra[a × n_cols + c].
 */
static void
walk_swap_data (Search       *S,
                const guint8 *open,
                const int    *open_pos,
                guint         n_open,
                double       *gain,
                double       *loss,
                double       *extra)
{
  const Model *M = &S->M;
  guint n_cols = M->n_cols;

  memset (gain, 0, sizeof (double) * n_cols);
  memset (loss, 0, sizeof (double) * MAX (n_open, 1));
  memset (extra, 0, sizeof (double) * n_open * n_cols);
  for (guint r = 0; r < M->n_drows; r++)
    {
      double w = M->drow_w[r], d1 = M->drow_base[r], d2 = M->drow_base[r];
      int n1 = -1;

      for (gsize e = M->drow_start[r]; e < M->drow_start[r + 1]; e++)
        if (open[M->drow_col[e]])
          {
            if (n1 < 0)
              {
                n1 = M->drow_col[e];
                d1 = M->drow_dist[e];
              }
            else
              {
                d2 = M->drow_dist[e];
                break;
              }
          }
      for (gsize e = M->drow_start[r]; e < M->drow_start[r + 1] && M->drow_dist[e] < d1; e++)
        gain[M->drow_col[e]] += w * (d1 - M->drow_dist[e]);
      if (n1 >= 0 && open_pos[n1] >= 0)
        {
          double *ex = &extra[(gsize) open_pos[n1] * n_cols];

          loss[open_pos[n1]] += w * (d2 - d1);
          for (gsize e = M->drow_start[r]; e < M->drow_start[r + 1] && M->drow_dist[e] < d2; e++)
            if (!open[M->drow_col[e]])
              ex[M->drow_col[e]] += w * (d2 - MAX (M->drow_dist[e], d1));
        }
    }
}

/* The same bookkeeping for covered weight. */
static double
cover_swap_data (Search       *S,
                 const guint8 *open,
                 const int    *open_pos,
                 guint         n_open,
                 guint        *cnt,
                 double       *gain,
                 double       *loss,
                 double       *extra)
{
  const Model *M = &S->M;
  guint n_cols = M->n_cols;
  double covered = cover_counts (S, open, cnt);

  memset (loss, 0, sizeof (double) * MAX (n_open, 1));
  memset (extra, 0, sizeof (double) * n_open * n_cols);
  for (guint c = 0; c < n_cols; c++)
    {
      gain[c] = 0;
      if (open[c])
        {
          int a = open_pos[c];

          for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
            {
              guint r = M->col_row[e];

              if (cnt[r] != 1 || a < 0)
                continue;
              loss[a] += M->row_w[r];
              for (gsize f = M->row_start[r]; f < M->row_start[r + 1]; f++)
                if (!open[M->row_col[f]])
                  extra[(gsize) a * n_cols + M->row_col[f]] += M->row_w[r];
            }
        }
      else
        gain[c] = cover_gain (S, cnt, c);
    }
  return covered;
}

/* Lists the open decision columns; open_pos maps a column to its place. */
static guint
list_open (Search       *S,
           const guint8 *open,
           guint        *opens,
           int          *open_pos)
{
  guint n = 0;

  for (guint c = 0; c < S->M.n_cols; c++)
    {
      open_pos[c] = -1;
      if (open[c] && c < S->M.n_free)
        {
          open_pos[c] = n;
          opens[n++] = c;
        }
    }
  return n;
}

static gboolean
swap_affordable (Search *S,
                 double  cost_now,
                 guint   out,
                 guint   in)
{
  if (!S->use_budget)
    return TRUE;
  return within_budget (S, cost_now - S->M.col_cost[out] + S->M.col_cost[in]);
}

/* Local search for maximal covering and p-median: add a site while there
 * is room and it helps, else make the best improving swap.  With @polish,
 * once nothing improves the objective, swaps that keep the covered weight
 * and shorten the walk are made too: that is how ties between equally
 * covering plans are broken.
 */
static void
local_search_swap (Search   *S,
                   guint8   *open,
                   gboolean  polish)
{
  const Model *M = &S->M;
  guint n_cols = M->n_cols;
  gboolean cover = S->problem != LINLI_PLAN_PMEDIAN;
  g_autofree guint *opens = g_new (guint, MAX (n_cols, 1));
  g_autofree int *open_pos = g_new (int, MAX (n_cols, 1));
  g_autofree guint *cnt = g_new (guint, MAX (M->n_rows, 1));
  g_autofree double *gain = g_new (double, MAX (n_cols, 1));
  g_autofree double *loss = g_new (double, MAX (n_cols, 1));
  g_autofree double *wgain = NULL;
  g_autofree double *wloss = NULL;
  g_autofree double *extra = NULL;
  g_autofree double *wextra = NULL;
  guint n_open, room = 0;
  guint polish_moves = 0;

  if (polish)
    {
      wgain = g_new (double, MAX (n_cols, 1));
      wloss = g_new (double, MAX (n_cols, 1));
    }

  for (guint iter = 0; iter < 4 * n_cols + 50; iter++)
    {
      double value, cost_now, best_d = 0, noise;
      guint slots = slots_left (S, open), best_a = 0, best_c = G_MAXUINT;

      if (should_stop (S))
        break;
      n_open = list_open (S, open, opens, open_pos);

      /* The pair table is n_open × n_cols; beyond this size swaps cost more
       * than they are worth and the plan stands as it is.
       */
      if ((gsize) (n_open + 1) * n_cols > 30000000)
        break;
      if (n_open + 1 > room)
        {
          room = 2 * (n_open + 1);
          g_free (extra);
          extra = g_new (double, MAX ((gsize) n_cols * room, 1));
          if (polish)
            {
              g_free (wextra);
              wextra = g_new (double, MAX ((gsize) n_cols * room, 1));
            }
        }
      if (cover)
        value = cover_swap_data (S, open, open_pos, n_open, cnt, gain, loss, extra);
      else
        {
          walk_swap_data (S, open, open_pos, n_open, gain, loss, extra);
          value = S->has_inc ? S->inc_value : 1;
        }
      noise = 1e-9 * MAX (1.0, fabs (value));
      cost_now = cost_open (S, open);

      /* Room left: the best single addition. */
      if (slots > 0)
        {
          guint add = G_MAXUINT;

          for (guint c = 0; c < M->n_free; c++)
            if (col_is_free_decision (S, c) && !open[c] && gain[c] > noise &&
                (!S->use_budget || within_budget (S, cost_now + M->col_cost[c])) &&
                (add == G_MAXUINT || gain[c] > gain[add]))
              add = c;
          if (add != G_MAXUINT)
            {
              open[add] = 1;
              continue;
            }
        }

      for (guint a = 0; a < n_open; a++)
        {
          const double *ex = &extra[(gsize) a * n_cols];

          for (guint c = 0; c < M->n_free; c++)
            {
              double d;

              if (open[c] || !col_is_free_decision (S, c))
                continue;
              d = gain[c] - loss[a] + ex[c];
              if (d > best_d + noise && swap_affordable (S, cost_now, opens[a], c))
                {
                  best_d = d;
                  best_a = a;
                  best_c = c;
                }
            }
        }
      if (best_c != G_MAXUINT)
        {
          open[opens[best_a]] = 0;
          open[best_c] = 1;
          continue;
        }

      if (!polish || !cover || M->n_drows == 0 || polish_moves >= 2 * n_open + 10)
        break;

      /* Nothing covers more: look for a swap that covers as much and
       * shortens the walk.
       */
      walk_swap_data (S, open, open_pos, n_open, wgain, wloss, wextra);
      best_d = 0;
      for (guint a = 0; a < n_open; a++)
        for (guint c = 0; c < M->n_free; c++)
          {
            double d, w;

            if (open[c] || !col_is_free_decision (S, c))
              continue;
            d = gain[c] - loss[a] + extra[(gsize) a * n_cols + c];
            if (fabs (d) > noise)
              continue;
            w = wgain[c] - wloss[a] + wextra[(gsize) a * n_cols + c];
            if (w > best_d + 1e-9 * MAX (1.0, w) && swap_affordable (S, cost_now, opens[a], c))
              {
                best_d = w;
                best_a = a;
                best_c = c;
              }
          }
      if (best_c == G_MAXUINT)
        break;
      open[opens[best_a]] = 0;
      open[best_c] = 1;
      polish_moves++;
    }
}

/* Local search for the capacitated problem, with exact flows: cheap
 * estimates pick which swaps are worth a flow.
 */
static void
local_search_cap (Search *S,
                  guint8 *open)
{
  const Model *M = &S->M;
  g_autofree double *served = g_new (double, MAX (M->n_rows, 1));
  g_autofree double *est = g_new (double, MAX (M->n_cols, 1));
  g_autofree guint *cands = g_new (guint, MAX (M->n_cols, 1));
  gsize work = 0, work_limit = 40000000;
  gsize nnz = M->row_start[M->n_rows] + M->n_rows + 1;
  double cur = bip_maxflow (&S->bip, open, NULL);
  gboolean improved = TRUE;
  g_autofree guint8 *allowed = g_new (guint8, MAX (M->n_cols, 1));

  for (guint c = 0; c < M->n_cols; c++)
    allowed[c] = col_is_free_decision (S, c);

  while (improved && work < work_limit && !should_stop (S))
    {
      double money = budget_left_of (S, open);

      improved = FALSE;
      if (slots_left (S, open) > 0)
        {
          guint before = count_open (S, open);

          greedy_fill_cap (S, open, allowed, FALSE);
          if (count_open (S, open) > before)
            {
              cur = bip_maxflow (&S->bip, open, NULL);
              improved = TRUE;
              continue;
            }
        }
      for (guint o = 0; o < M->n_free && !improved; o++)
        {
          guint n = 0;

          if (!open[o])
            continue;
          if (should_stop (S) || work >= work_limit)
            break;
          open[o] = 0;
          bip_maxflow (&S->bip, open, served);
          work += nnz;
          for (guint c = 0; c < M->n_free; c++)
            {
              double left = 0;

              /* money was counted with o open. */
              if (!allowed[c] || open[c] || c == o ||
                  !within_budget (S, S->budget - money - M->col_cost[o] + M->col_cost[c]))
                continue;
              for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
                left += M->row_w[M->col_row[e]] - served[M->col_row[e]];
              est[c] = MIN (left, M->col_cap[c]);
              if (est[c] > 1e-9)
                cands[n++] = c;
            }
          sort_cols_by_value (cands, n, est);
          for (guint i = 0; i < MIN (n, 8u) && !improved; i++)
            {
              double f;

              open[cands[i]] = 1;
              f = bip_maxflow (&S->bip, open, NULL);
              work += nnz;
              if (f > cur + 1e-9 * MAX (1.0, cur))
                {
                  cur = f;
                  improved = TRUE;
                }
              else
                open[cands[i]] = 0;
            }
          if (!improved)
            open[o] = 1;
        }
    }
}

/* Set covering: drop sites the target does not need (dearest first), swap
 * a site for a cheaper one, or two for one.  Everything is counted from
 * the rows a site alone covers, so the work follows the sites' reach and
 * not the number of sites squared.
 */
typedef struct
{
  guint  *cnt;
  double *gain;      /* closed columns: weight of uncovered rows */
  double *add;       /* scratch: weight of lost rows per column */
  guint  *touched;
  guint  *stamp;     /* per row */
  guint   clock;
  double  covered;
} LscpWork;

static void
lscp_open (Search   *S,
           LscpWork *w,
           guint8   *open,
           guint     c,
           gboolean  on)
{
  const Model *M = &S->M;

  open[c] = on;
  for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
    {
      guint r = M->col_row[e];

      if (on && w->cnt[r]++ == 0)
        w->covered += M->row_w[r];
      else if (!on && --w->cnt[r] == 0)
        w->covered -= M->row_w[r];
    }
}

static double
lscp_loss (Search   *S,
           LscpWork *w,
           guint     c)
{
  const Model *M = &S->M;
  double loss = 0;

  for (gsize e = M->col_start[c]; e < M->col_start[c + 1]; e++)
    if (w->cnt[M->col_row[e]] == 1)
      loss += M->row_w[M->col_row[e]];
  return loss;
}

/* Adds to w->add the weight of the rows only the columns in @outs cover,
 * per closed column covering them; returns that weight.
 */
static double
lscp_lost (Search       *S,
           LscpWork     *w,
           const guint8 *open,
           const guint  *outs,
           guint         n_outs,
           guint        *n_touched)
{
  const Model *M = &S->M;
  double lost = 0;

  w->clock++;
  for (guint k = 0; k < n_outs; k++)
    for (gsize e = M->col_start[outs[k]]; e < M->col_start[outs[k] + 1]; e++)
      {
        guint r = M->col_row[e];
        guint inside = 0;

        if (w->stamp[r] == w->clock)
          continue;
        w->stamp[r] = w->clock;
        /* Rows are sorted within each column. */
        for (guint q = 0; q < n_outs; q++)
          {
            const guint32 *rows = &M->col_row[M->col_start[outs[q]]];
            gsize len = M->col_start[outs[q] + 1] - M->col_start[outs[q]];

            inside += bsearch (&r, rows, len, sizeof (guint32), compare_guint32) != NULL;
          }
        if (w->cnt[r] != inside)
          continue;
        lost += M->row_w[r];
        for (gsize f = M->row_start[r]; f < M->row_start[r + 1]; f++)
          {
            guint c = M->row_col[f];

            if (open[c])
              continue;
            if (w->add[c] == 0)
              w->touched[(*n_touched)++] = c;
            w->add[c] += M->row_w[r];
          }
      }
  return lost;
}

static void
lscp_gains (Search       *S,
            LscpWork     *w,
            const guint8 *open)
{
  for (guint c = 0; c < S->M.n_free; c++)
    w->gain[c] = open[c] || !col_is_free_decision (S, c) ? 0 : cover_gain (S, w->cnt, c);
}

/* The best closed column to take the place of @outs: cheaper than they are
 * together, covering enough to keep the target.
 */
static guint
lscp_best_replacement (Search       *S,
                       LscpWork     *w,
                       const guint8 *open,
                       const guint  *outs,
                       guint         n_outs,
                       double        target,
                       double       *saving)
{
  const Model *M = &S->M;
  guint n_touched = 0, best = G_MAXUINT;
  double lost = lscp_lost (S, w, open, outs, n_outs, &n_touched);
  double need = target - (w->covered - lost), freed = 0, best_save = 0, best_cover = 0;

  for (guint k = 0; k < n_outs; k++)
    freed += M->col_cost[outs[k]];
  for (guint c = 0; c < M->n_free; c++)
    {
      double save, cover;

      if (open[c] || !col_is_free_decision (S, c))
        continue;
      save = freed - M->col_cost[c];
      cover = w->gain[c] + w->add[c];
      if (save > 1e-9 * MAX (1.0, freed) && cover >= need &&
          (save > best_save || (save == best_save && cover > best_cover)))
        {
          best = c;
          best_save = save;
          best_cover = cover;
        }
    }
  for (guint t = 0; t < n_touched; t++)
    w->add[w->touched[t]] = 0;
  *saving = best_save;
  return best;
}

static void
local_search_lscp (Search *S,
                   guint8 *open)
{
  const Model *M = &S->M;
  guint n_cols = M->n_cols;
  double target = S->target - S->eps_w;
  g_autofree guint *opens = g_new (guint, MAX (n_cols, 1));
  g_autofree int *open_pos = g_new (int, MAX (n_cols, 1));
  g_autofree guint *near = g_new (guint, MAX (n_cols, 1));
  g_autofree guint *near_stamp = g_new0 (guint, MAX (n_cols, 1));
  LscpWork w;
  guint near_clock = 0;

  w.cnt = g_new (guint, MAX (M->n_rows, 1));
  w.gain = g_new0 (double, MAX (n_cols, 1));
  w.add = g_new0 (double, MAX (n_cols, 1));
  w.touched = g_new (guint, MAX (n_cols, 1));
  w.stamp = g_new0 (guint, MAX (M->n_rows, 1));
  w.clock = 0;
  w.covered = cover_counts (S, open, w.cnt);

  for (guint pass = 0; pass < 200; pass++)
    {
      gboolean changed = FALSE;
      guint n_open;

      if (should_stop (S))
        break;

      /* Sites the target does not need, dearest first. */
      n_open = list_open (S, open, opens, open_pos);
      {
        SortData d = { M->col_cost, NULL };

        g_qsort_with_data (opens, n_open, sizeof (guint), compare_by_value, &d);
      }
      for (guint a = 0; a < n_open; a++)
        if (w.covered - lscp_loss (S, &w, opens[a]) >= target)
          {
            lscp_open (S, &w, open, opens[a], FALSE);
            changed = TRUE;
          }
      if (changed)
        continue;

      /* One site for a cheaper one. */
      lscp_gains (S, &w, open);
      if (S->by_cost)
        for (guint a = 0; a < n_open && !changed; a++)
          {
            double saving;
            guint c = lscp_best_replacement (S, &w, open, &opens[a], 1, target, &saving);

            if (c != G_MAXUINT)
              {
                lscp_open (S, &w, open, opens[a], FALSE);
                lscp_open (S, &w, open, c, TRUE);
                changed = TRUE;
              }
          }
      if (changed)
        continue;

      /* Two for one: with few sites every pair, with many the pairs of
       * sites two rows apart, which is where one site can stand in for two.
       */
      for (guint a = 0; a < n_open && !changed; a++)
        {
          guint o1 = opens[a], n_near = 0;

          near_clock++;
          if (n_open <= 80)
            {
              for (guint b = a + 1; b < n_open; b++)
                near[n_near++] = opens[b];
            }
          else
            {
              for (gsize e = M->col_start[o1]; e < M->col_start[o1 + 1]; e++)
                for (gsize f = M->row_start[M->col_row[e]];
                     f < M->row_start[M->col_row[e] + 1]; f++)
                  {
                    guint c = M->row_col[f];

                    for (gsize g = M->col_start[c]; g < M->col_start[c + 1]; g++)
                      for (gsize h = M->row_start[M->col_row[g]];
                           h < M->row_start[M->col_row[g] + 1]; h++)
                        {
                          guint o2 = M->row_col[h];

                          if (open[o2] && o2 != o1 && near_stamp[o2] != near_clock)
                            {
                              near_stamp[o2] = near_clock;
                              near[n_near++] = o2;
                            }
                        }
                  }
            }
          for (guint b = 0; b < n_near && !changed; b++)
            {
              guint outs[2] = { o1, near[b] };
              double saving;
              guint c = lscp_best_replacement (S, &w, open, outs, 2, target, &saving);

              if (c != G_MAXUINT)
                {
                  lscp_open (S, &w, open, outs[0], FALSE);
                  lscp_open (S, &w, open, outs[1], FALSE);
                  lscp_open (S, &w, open, c, TRUE);
                  changed = TRUE;
                }
            }
        }
      if (!changed)
        break;
    }
  g_free (w.cnt);
  g_free (w.gain);
  g_free (w.add);
  g_free (w.touched);
  g_free (w.stamp);
}

static void
local_search (Search *S,
              guint8 *open)
{
  switch (S->problem)
    {
    case LINLI_PLAN_MCLP:
      if (S->capacitated)
        local_search_cap (S, open);
      else
        local_search_swap (S, open, FALSE);
      break;
    case LINLI_PLAN_LSCP:
      local_search_lscp (S, open);
      break;
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      local_search_swap (S, open, FALSE);
      break;
    }
}

/* Offers @open, and when it is the best so far, its local optimum too. */
static void
offer_and_improve (Search *S,
                   guint8 *open)
{
  if (!offer (S, open))
    return;
  local_search (S, open);
  offer (S, open);
}

/* The plan the relaxation points at: columns fixed in, then the chosen
 * ones by benefit while there is room, completed greedily.
 */
static void
lr_heuristic (Search *S)
{
  const Model *M = &S->M;
  g_autofree guint8 *open = g_new0 (guint8, MAX (M->n_cols, 1));
  g_autofree guint8 *allowed = g_new0 (guint8, MAX (M->n_cols, 1));
  guint slots;
  double money;

  for (guint c = 0; c < M->n_cols; c++)
    {
      open[c] = S->state[c] == COL_IN;
      allowed[c] = S->state[c] == COL_FREE && c < M->n_free;
    }
  slots = slots_left (S, open);
  money = budget_left_of (S, open);
  for (guint i = 0; i < S->sel.n && slots > 0; i++)
    {
      guint c = S->sel.by_value[i];

      if (S->y[c] <= 0 || M->col_cost[c] > money + 1e-9 * MAX (1.0, money))
        continue;
      open[c] = 1;
      slots--;
      money -= M->col_cost[c];
    }
  fill (S, open, allowed, S->use_budget || S->by_cost);
  offer_and_improve (S, open);
}

/* Seeded random restarts around the best plan: close one or two of its
 * sites at random, refill and improve.  The number of rounds depends on the
 * size of the model only, so the same seed gives the same plan.
 */
static void
perturb_and_improve (Search *S)
{
  const Model *M = &S->M;
  gsize work = (M->row_start ? M->row_start[M->n_rows] : 0) +
               (M->drow_start ? M->drow_start[M->n_drows] : 0) + M->n_cols;
  guint rounds = (guint) CLAMP (20000000 / MAX (work, 1), 4, 40);
  g_autofree guint8 *open = g_new (guint8, MAX (M->n_cols, 1));
  g_autofree guint8 *allowed = g_new (guint8, MAX (M->n_cols, 1));
  g_autofree guint *opens = g_new (guint, MAX (M->n_cols, 1));
  g_autofree int *open_pos = g_new (int, MAX (M->n_cols, 1));

  if (S->capacitated)
    rounds = MIN (rounds, 6);
  for (guint c = 0; c < M->n_cols; c++)
    allowed[c] = col_is_free_decision (S, c);

  for (guint round = 0; round < rounds; round++)
    {
      guint n_open, n_drop;

      if (should_stop (S))
        break;
      memcpy (open, S->inc, M->n_cols);
      n_open = list_open (S, open, opens, open_pos);
      if (n_open == 0)
        break;
      n_drop = 1 + g_rand_int_range (S->rand, 0, 2);
      n_drop = MIN (n_open, n_drop);
      for (guint i = 0; i < n_drop; i++)
        {
          guint a = g_rand_int_range (S->rand, 0, n_open);

          open[opens[a]] = 0;
          opens[a] = opens[--n_open];
        }
      /* Open random sites in their place (not for set covering, where the
       * greedy refill decides).
       */
      if (S->problem != LINLI_PLAN_LSCP)
        for (guint i = 0; i < n_drop; i++)
          {
            guint c = g_rand_int_range (S->rand, 0, MAX (M->n_free, 1));

            if (c < M->n_free && allowed[c] && !open[c] && slots_left (S, open) > 0 &&
                (!S->use_budget || M->col_cost[c] <= budget_left_of (S, open)))
              open[c] = 1;
          }
      fill (S, open, allowed, S->use_budget || S->by_cost);
      local_search (S, open);
      offer (S, open);
      report (S, S->phase_start + (S->phase_end - S->phase_start) * (round + 1) / rounds,
              _("Improving the plan"), FALSE);
    }
}

/* Plans for the search to start from. */
static void
initial_plans (Search *S)
{
  const Model *M = &S->M;
  g_autofree guint8 *open = g_new0 (guint8, MAX (M->n_cols, 1));
  g_autofree guint8 *allowed = g_new (guint8, MAX (M->n_cols, 1));

  for (guint c = 0; c < M->n_cols; c++)
    allowed[c] = col_is_free_decision (S, c);

  /* Nothing new at all is a plan (not for set covering unless the base
   * reaches the target), and the capacitated sites stay open in all.
   */
  for (guint c = M->n_free; c < M->n_cols; c++)
    open[c] = 1;
  offer (S, open);

  fill (S, open, allowed, S->problem == LINLI_PLAN_LSCP && S->by_cost);
  offer_and_improve (S, open);
  if (S->use_budget || (S->problem == LINLI_PLAN_LSCP && S->by_cost))
    {
      /* By gain per cost as well as by gain alone: each can be far off
       * where the other is good.
       */
      memset (open, 0, M->n_free);
      fill (S, open, allowed, S->problem != LINLI_PLAN_LSCP);
      offer_and_improve (S, open);
    }
}

/* ------------------------------------------------------------------------ */
/* Branch and bound                                                          */
/* ------------------------------------------------------------------------ */

static gboolean
node_infeasible (Search *S)
{
  if (S->k >= 0 && S->k_left < 0)
    return TRUE;
  if (S->use_budget && S->budget_left < -1e-9 * MAX (1.0, S->budget))
    return TRUE;
  if (S->problem == LINLI_PLAN_LSCP)
    {
      double avail = S->M.base_weight + S->in_cover;

      for (guint r = 0; r < S->M.n_rows; r++)
        if (row_active (S, r))
          avail += S->M.row_w[r];
      return avail < S->target - S->eps_w;
    }
  return FALSE;
}

static gboolean
node_is_leaf (Search *S)
{
  if (S->problem == LINLI_PLAN_LSCP && S->M.base_weight + S->in_cover >= S->target - S->eps_w)
    return TRUE;
  if (S->k >= 0 && S->k_left == 0)
    return TRUE;
  for (guint c = 0; c < S->M.n_free; c++)
    if (S->state[c] == COL_FREE)
      return FALSE;
  return TRUE;
}

/* At a leaf the plan is the columns fixed in, nothing else. */
static void
close_leaf (Search *S)
{
  const Model *M = &S->M;
  gboolean feasible;
  double v;

  for (guint c = 0; c < M->n_cols; c++)
    S->open_tmp[c] = S->state[c] == COL_IN;
  v = eval_value (S, S->open_tmp, &feasible);
  if (!feasible)
    return;
  offer (S, S->open_tmp);
  note_closed (S, v);
}

static inline double
tighter (Search *S,
         double  a,
         double  b)
{
  return S->maximise ? MIN (a, b) : MAX (a, b);
}

static inline double
looser (Search *S,
        double  a,
        double  b)
{
  return S->maximise ? MAX (a, b) : MIN (a, b);
}

/* Fixes each free column whose Lagrangian bound, were it forced the other
 * way, could not beat the best plan.  Returns how many were fixed; sets
 * @prune when the node holds nothing better, and @cut to the loosest bound
 * of what was cut off, so the proven bound stays honest.
 */
static guint
fix_by_reduced_costs (Search   *S,
                      double   *cut,
                      gboolean *prune)
{
  const Model *M = &S->M;
  const double *b = S->benefit;
  double cst = S->lr_const;
  g_autofree guint *to_in = g_new (guint, MAX (M->n_free, 1));
  g_autofree guint *to_out = g_new (guint, MAX (M->n_free, 1));
  guint n_in = 0, n_out = 0;

  *prune = FALSE;
  *cut = S->maximise ? -HUGE_VAL : HUGE_VAL;
  for (guint c = 0; c < M->n_free; c++)
    {
      double sin, sout, bin, bout;
      gboolean pin, pout;

      if (S->state[c] != COL_FREE)
        continue;
      sin = sel_force (S, b, c, TRUE);
      sout = sel_force (S, b, c, FALSE);
      bin = S->maximise ? cst + sin : cst - sin;
      bout = S->maximise ? cst + sout : cst - sout;
      pin = prunable (S, bin);
      pout = prunable (S, bout);
      if (pin && pout)
        {
          if (isfinite (bin))
            *cut = looser (S, *cut, bin);
          if (isfinite (bout))
            *cut = looser (S, *cut, bout);
          *prune = TRUE;
          return 0;
        }
      if (pin)
        {
          to_out[n_out++] = c;
          if (isfinite (bin))
            *cut = looser (S, *cut, bin);
        }
      else if (pout)
        {
          to_in[n_in++] = c;
          if (isfinite (bout))
            *cut = looser (S, *cut, bout);
        }
    }
  for (guint i = 0; i < n_out; i++)
    fix_out (S, to_out[i]);
  for (guint i = 0; i < n_in; i++)
    fix_in (S, to_in[i]);
  if (node_infeasible (S))
    *prune = TRUE;
  return n_in + n_out;
}

static guint
choose_branch (Search *S)
{
  const Model *M = &S->M;
  guint best = G_MAXUINT;

  for (guint c = 0; c < M->n_free; c++)
    {
      if (S->state[c] != COL_FREE)
        continue;
      if (best == G_MAXUINT || S->y[c] > S->y[best] ||
          (S->y[c] == S->y[best] && S->benefit[c] > S->benefit[best]))
        best = c;
    }
  return best;
}

static NodeStatus
process_node (Search  *S,
              gboolean root,
              double   parent_bound,
              double  *node_bound,
              guint   *branch)
{
  double bound = parent_bound;

  for (guint round = 0;; round++)
    {
      gboolean infeasible = FALSE, prune = FALSE;
      double b, cut;
      guint n_fixed;

      if (node_infeasible (S))
        return NODE_DONE;
      if (node_is_leaf (S))
        {
          close_leaf (S);
          return NODE_DONE;
        }
      if (round >= 3)
        break;

      if (root && round == 0)
        b = lagrange (S, 600, 25, 1.0, TRUE, &infeasible);
      else
        b = lagrange (S, root ? 150 : 40, root ? 15 : 6, root ? 0.5 : 0.25, FALSE, &infeasible);
      if (infeasible)
        return NODE_DONE;
      if (isfinite (b))
        bound = tighter (S, bound, b);
      if (root && round == 0)
        S->root_bound = tighter (S, S->root_bound, bound);
      if (S->cancelled || S->limit_hit)
        {
          note_open (S, bound);
          return NODE_STOPPED;
        }
      if (prunable (S, bound))
        {
          note_closed (S, bound);
          return NODE_DONE;
        }
      n_fixed = fix_by_reduced_costs (S, &cut, &prune);
      if (prune)
        {
          note_closed (S, cut);
          return NODE_DONE;
        }
      if (n_fixed == 0)
        break;
      note_closed (S, cut);
    }

  /* Every node tries the plan its relaxation points at. */
  if (!root)
    lr_heuristic (S);
  if (prunable (S, bound))
    {
      note_closed (S, bound);
      return NODE_DONE;
    }
  *branch = choose_branch (S);
  if (*branch == G_MAXUINT)
    {
      close_leaf (S);
      return NODE_DONE;
    }
  *node_bound = bound;
  return NODE_BRANCH;
}

typedef struct
{
  guint  col;
  guint  phase;        /* 0: the "in" child is being explored, 1: the "out" child */
  guint  node_mark;    /* trail length when the node was entered */
  guint  branch_mark;  /* trail length after the node's own fixing */
  double bound;
} Frame;

/* Depth first, the child that opens the column first: it dives towards
 * complete plans, which improves the best plan early and prunes the rest.
 * An explicit stack keeps deep trees off the thread's stack.
 */
static void
branch_and_bound (Search *S)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  double parent_bound = S->maximise ? HUGE_VAL : -HUGE_VAL;
  gboolean descend = TRUE;
  gboolean stopped = FALSE;

  for (;;)
    {
      if (descend)
        {
          guint node_mark = S->trail->len;
          double bound = parent_bound;
          guint col = G_MAXUINT;
          NodeStatus status;

          S->depth = stack->len;
          if (stopped || should_stop (S) ||
              (S->node_limit > 0 && S->nodes >= S->node_limit))
            {
              stopped = TRUE;
              note_open (S, parent_bound);
              status = NODE_STOPPED;
            }
          else
            {
              S->nodes++;
              status = process_node (S, S->nodes == 1, parent_bound, &bound, &col);
            }
          if (status == NODE_BRANCH)
            {
              Frame f = { col, 0, node_mark, S->trail->len, bound };

              g_array_append_val (stack, f);
              fix_in (S, col);
              parent_bound = bound;
              continue;
            }
          if (status == NODE_STOPPED)
            stopped = TRUE;
          else
            S->tree_done += ldexp (1.0, -(int) MIN (S->depth, 1000));
          undo_to (S, node_mark);
          descend = FALSE;
          /* The root's relaxation had the first half; the tree gets the
           * rest, by the share of it closed or of the time used.
           */
          S->phase_start = 0.5;
          S->phase_end = 1.0;
          {
            double done = MIN (S->tree_done, 1.0);

            if (S->deadline > 0)
              done = MAX (done, (double) (g_get_monotonic_time () - S->start_time) /
                                  (S->deadline - S->start_time));
            report (S, 0.5 + 0.5 * MIN (done, 1.0), _("Closing the gap"), FALSE);
          }
        }
      if (stack->len == 0)
        break;
      {
        Frame *f = &g_array_index (stack, Frame, stack->len - 1);

        undo_to (S, f->branch_mark);
        if (f->phase == 0)
          {
            f->phase = 1;
            fix_out (S, f->col);
            parent_bound = f->bound;
            descend = TRUE;
            continue;
          }
        undo_to (S, f->node_mark);
        g_array_set_size (stack, stack->len - 1);
      }
    }
  if (stopped)
    S->incomplete = TRUE;
}

/* Starting multipliers from the best plan: they make the first bounds
 * already fair, so the subgradient steps spend their time on the gap.
 */
static void
init_multipliers (Search *S)
{
  const Model *M = &S->M;

  switch (S->problem)
    {
    case LINLI_PLAN_MCLP:
      {
        g_autofree guint *cnt = g_new (guint, MAX (M->n_rows, 1));

        cover_counts (S, S->inc, cnt);
        for (guint r = 0; r < M->n_rows; r++)
          S->mult[r] = cnt[r] > 0 ? 0.5 : 0.0;
      }
      break;
    case LINLI_PLAN_LSCP:
      {
        double need = MAX (S->target - M->base_weight, S->eps_w);
        double price = MAX (S->inc_value - S->fixed_value, 0) / need;

        for (guint r = 0; r < M->n_rows; r++)
          S->mult[r] = price * M->row_w[r];
      }
      break;
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      {
        g_autofree double *cur = g_new (double, MAX (M->n_drows, 1));

        walk_current (S, S->inc, cur);
        for (guint r = 0; r < M->n_drows; r++)
          S->mult[r] = M->drow_w[r] * cur[r];
      }
      break;
    }
}

/* A bound that needs no work: all coverable weight, no new site, or every
 * demand point at its nearest possible site.
 */
static double
trivial_bound (Search *S)
{
  const Model *M = &S->M;
  double b;

  switch (S->problem)
    {
    case LINLI_PLAN_MCLP:
      return M->base_weight + M->row_total;
    case LINLI_PLAN_LSCP:
      return S->fixed_value;
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      b = M->base_walk;
      for (guint r = 0; r < M->n_drows; r++)
        {
          double d = M->drow_base[r];

          if (M->drow_start[r] < M->drow_start[r + 1])
            d = MIN (d, M->drow_dist[M->drow_start[r]]);
          b += M->drow_w[r] * d;
        }
      return b;
    }
}

/* Takes out of the best maximal covering plan the sites that add no
 * weight: a planner should not be told to build them.
 */
static void
drop_useless (Search *S)
{
  const Model *M = &S->M;
  double noise = 1e-9 * MAX (1.0, S->inc_value);

  for (guint c = 0; c < M->n_free; c++)
    {
      gboolean feasible;
      double v;

      if (!S->inc[c])
        continue;
      S->inc[c] = 0;
      v = eval_value (S, S->inc, &feasible);
      if (v < S->inc_value - noise)
        S->inc[c] = 1;
    }
  if (M->n_drows > 0)
    S->inc_walk = eval_walk (S, S->inc);
}

/* ------------------------------------------------------------------------ */
/* Building the model                                                        */
/* ------------------------------------------------------------------------ */

static double
candidate_cost (Search *S,
                guint   j)
{
  double cost = S->inst->costs[j];

  if (S->problem == LINLI_PLAN_LSCP)
    return S->by_cost ? cost : 1;
  return S->use_budget ? cost : 0;
}

static gboolean
fixed_open (Search *S,
            guint   j)
{
  return S->states[j] == LINLI_PLAN_EXISTING || S->states[j] == LINLI_PLAN_REQUIRED;
}

static gboolean
cancelled (Search *S)
{
  if (g_cancellable_is_cancelled (S->cancellable))
    S->cancelled = TRUE;
  return S->cancelled;
}

/* Coverage rows for maximal and set covering, merged, with dominated
 * candidates removed.
 */
static gboolean
build_cover_model (Search *S)
{
  LinliPlanInstance *inst = S->inst;
  Model *M = &S->M;
  guint n_cand = inst->n_candidates;
  g_autofree int *prov = g_new (int, MAX (n_cand, 1));
  g_autofree int *perm = g_new (int, MAX (n_cand, 1));
  g_autofree guint *prov_cand = g_new (guint, MAX (n_cand, 1));
  g_autofree guint *perm_cand = g_new (guint, MAX (n_cand, 1));
  g_autofree double *score = NULL;
  g_autofree guint8 *dom = NULL;
  g_autofree int *colmap = NULL;
  g_autofree gsize *pcol_start = NULL;
  g_autofree guint32 *pcol_row = NULL;
  g_autoptr (RowSet) raw = row_set_new ();
  g_autoptr (RowSet) merged = NULL;
  g_autoptr (RowSet) remapped = NULL;
  g_autoptr (RowSet) final = NULL;
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n_prov = 0, n_perm = 0, n_merged;
  const gsize *mstart;
  const guint32 *mcols;
  gboolean costs_matter = S->use_budget || (S->problem == LINLI_PLAN_LSCP && S->by_cost);

  for (guint j = 0; j < n_cand; j++)
    {
      prov[j] = -1;
      perm[j] = -1;
      if (S->states[j] == LINLI_PLAN_CANDIDATE)
        {
          prov_cand[n_prov] = j;
          prov[j] = n_prov++;
        }
    }
  for (guint j = 0; j < n_cand; j++)
    if (S->capacitated && fixed_open (S, j) && inst->capacities[j] > 0)
      {
        perm_cand[n_perm] = j;
        perm[j] = n_perm++;
      }

  score = g_new0 (double, MAX (n_prov, 1));
  for (guint i = 0; i < inst->n_demand; i++)
    {
      double w = inst->weights[i];
      gboolean covered = FALSE;
      gsize end = inst->row_start[i];

      if ((i & 0x3fff) == 0 && cancelled (S))
        return FALSE;
      if (w <= 0)
        continue;
      while (end < inst->row_start[i + 1] && inst->arc_dist[end] <= S->radius_f)
        end++;
      for (gsize e = inst->row_start[i]; e < end && !covered; e++)
        {
          guint j = inst->arc_cand[e];

          covered = fixed_open (S, j) && perm[j] < 0;
        }
      if (covered)
        {
          M->base_weight += w;
          continue;
        }
      g_array_set_size (list, 0);
      for (gsize e = inst->row_start[i]; e < end; e++)
        {
          guint j = inst->arc_cand[e];
          guint32 v;

          if (prov[j] >= 0)
            {
              v = prov[j];
              score[v] += w * inst->arc_dist[e];
            }
          else if (perm[j] >= 0)
            v = n_prov + perm[j];
          else
            continue;
          g_array_append_val (list, v);
        }
      if (list->len == 0)
        continue;
      qsort (list->data, list->len, sizeof (guint32), compare_guint32);
      row_set_add (raw, (const guint32 *) list->data, list->len, w);
    }
  merged = row_set_merge (raw);
  g_clear_pointer (&raw, row_set_free);
  n_merged = row_set_len (merged);
  mstart = (const gsize *) merged->start->data;
  mcols = (const guint32 *) merged->cols->data;
  transpose (n_merged, n_prov + n_perm, mstart, mcols, NULL, &pcol_start, &pcol_row, NULL);

  /* A candidate is dominated when another covers all its rows at no more
   * cost: any plan with it is matched by one with the other instead.
   * Among equals the one nearer to the people it covers (then the lower
   * index) stays, so the order is strict and chains cannot drop both.
   * Limited capacities break the argument, so not then.
   */
  dom = g_new0 (guint8, MAX (n_prov, 1));
  if (!S->capacitated)
    {
      g_autofree guint *mark = g_new0 (guint, MAX (n_merged, 1));

      for (guint c = 0; c < n_prov; c++)
        {
          gsize len = pcol_start[c + 1] - pcol_start[c];
          double cost = candidate_cost (S, prov_cand[c]);
          guint rstar = 0;
          gsize best_len = G_MAXSIZE;

          if (len == 0)
            continue;
          if ((c & 0xff) == 0 && cancelled (S))
            return FALSE;
          for (gsize e = pcol_start[c]; e < pcol_start[c + 1]; e++)
            {
              guint r = pcol_row[e];

              mark[r] = c + 1;
              if (mstart[r + 1] - mstart[r] < best_len)
                {
                  best_len = mstart[r + 1] - mstart[r];
                  rstar = r;
                }
            }
          for (gsize f = mstart[rstar]; f < mstart[rstar + 1]; f++)
            {
              guint c2 = mcols[f];
              gsize len2, inside = 0;
              double cost2;
              gboolean wins;

              if (c2 == c || c2 >= n_prov)
                continue;
              len2 = pcol_start[c2 + 1] - pcol_start[c2];
              cost2 = candidate_cost (S, prov_cand[c2]);
              if (len2 < len || (costs_matter && cost2 > cost))
                continue;
              for (gsize e = pcol_start[c2]; e < pcol_start[c2 + 1]; e++)
                inside += mark[pcol_row[e]] == c + 1;
              if (inside != len)
                continue;
              if (len2 > len || (costs_matter && cost2 < cost))
                wins = TRUE;
              else if (score[c2] != score[c])
                wins = score[c2] < score[c];
              else
                wins = c2 < c;
              if (wins)
                {
                  dom[c] = 1;
                  break;
                }
            }
        }
    }

  /* The final columns, and the rows without the dominated ones. */
  colmap = g_new (int, MAX (n_prov + n_perm, 1));
  M->col_cand = g_new (guint, MAX (n_prov + n_perm, 1));
  for (guint c = 0; c < n_prov; c++)
    {
      colmap[c] = -1;
      if (pcol_start[c + 1] > pcol_start[c] && !dom[c])
        {
          M->col_cand[M->n_cols] = prov_cand[c];
          colmap[c] = M->n_cols++;
        }
    }
  M->n_free = M->n_cols;
  for (guint q = 0; q < n_perm; q++)
    {
      M->col_cand[M->n_cols] = perm_cand[q];
      colmap[n_prov + q] = M->n_cols++;
    }
  remapped = row_set_new ();
  for (guint r = 0; r < n_merged; r++)
    {
      g_array_set_size (list, 0);
      for (gsize e = mstart[r]; e < mstart[r + 1]; e++)
        if (colmap[mcols[e]] >= 0)
          {
            guint32 v = colmap[mcols[e]];

            g_array_append_val (list, v);
          }
      /* A dominated column's rows are covered by its dominator, so no row
       * is ever left empty here.
       */
      g_assert (list->len > 0);
      row_set_add (remapped, (const guint32 *) list->data, list->len,
                   g_array_index (merged->weight, double, r));
    }
  final = row_set_merge (remapped);

  M->n_rows = row_set_len (final);
  M->row_w = (double *) g_array_free (g_steal_pointer (&final->weight), FALSE);
  M->row_start = (gsize *) g_array_free (g_steal_pointer (&final->start), FALSE);
  M->row_col = (guint32 *) g_array_free (g_steal_pointer (&final->cols), FALSE);
  final->weight = g_array_new (FALSE, FALSE, sizeof (double));
  final->start = g_array_new (FALSE, FALSE, sizeof (gsize));
  final->cols = g_array_new (FALSE, FALSE, sizeof (guint32));
  transpose (M->n_rows, M->n_cols, M->row_start, M->row_col, NULL,
             &M->col_start, &M->col_row, NULL);
  for (guint r = 0; r < M->n_rows; r++)
    M->row_total += M->row_w[r];

  M->col_cost = g_new (double, MAX (M->n_cols, 1));
  M->col_cap = g_new (double, MAX (M->n_cols, 1));
  M->root_out = g_new0 (guint8, MAX (M->n_cols, 1));
  for (guint c = 0; c < M->n_cols; c++)
    {
      guint j = M->col_cand[c];

      M->col_cost[c] = c < M->n_free ? candidate_cost (S, j) : 0;
      M->col_cap[c] = S->capacitated && inst->capacities[j] > 0 ? inst->capacities[j] : HUGE_VAL;
    }
  return TRUE;
}

/* Distance rows for p-median and for the walk of maximal covering plans.
 * With @choose_columns the columns are the candidates that bring some
 * demand point nearer than its base; otherwise the model's columns.
 */
static gboolean
build_distance_model (Search  *S,
                      gboolean choose_columns)
{
  LinliPlanInstance *inst = S->inst;
  Model *M = &S->M;
  guint n_cand = inst->n_candidates;
  g_autofree int *cand_col = g_new (int, MAX (n_cand, 1));
  g_autofree double *base = g_new (double, MAX (inst->n_demand, 1));
  g_autoptr (GArray) w = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) b = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) start = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GArray) cols = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) dist = g_array_new (FALSE, FALSE, sizeof (float));
  gsize zero = 0;

  for (guint i = 0; i < inst->n_demand; i++)
    {
      base[i] = S->penalty;
      for (gsize e = inst->row_start[i]; e < inst->row_start[i + 1]; e++)
        if (fixed_open (S, inst->arc_cand[e]))
          {
            base[i] = MIN (base[i], inst->arc_dist[e]);
            break;
          }
    }

  for (guint j = 0; j < n_cand; j++)
    cand_col[j] = -1;
  if (choose_columns)
    {
      g_autofree guint8 *useful = g_new0 (guint8, MAX (n_cand, 1));

      for (guint i = 0; i < inst->n_demand; i++)
        if (inst->weights[i] > 0)
          for (gsize e = inst->row_start[i];
               e < inst->row_start[i + 1] && inst->arc_dist[e] < base[i]; e++)
            if (S->states[inst->arc_cand[e]] == LINLI_PLAN_CANDIDATE)
              useful[inst->arc_cand[e]] = 1;
      M->col_cand = g_new (guint, MAX (n_cand, 1));
      for (guint j = 0; j < n_cand; j++)
        if (useful[j])
          {
            M->col_cand[M->n_cols] = j;
            cand_col[j] = M->n_cols++;
          }
      M->n_free = M->n_cols;
      M->col_cost = g_new (double, MAX (M->n_cols, 1));
      M->col_cap = g_new (double, MAX (M->n_cols, 1));
      M->root_out = g_new0 (guint8, MAX (M->n_cols, 1));
      for (guint c = 0; c < M->n_cols; c++)
        {
          M->col_cost[c] = candidate_cost (S, M->col_cand[c]);
          M->col_cap[c] = HUGE_VAL;
        }
    }
  else
    {
      for (guint c = 0; c < M->n_free; c++)
        cand_col[M->col_cand[c]] = c;
    }

  g_array_append_val (start, zero);
  for (guint i = 0; i < inst->n_demand; i++)
    {
      double wi = inst->weights[i];
      guint before = cols->len;

      if ((i & 0x3fff) == 0 && cancelled (S))
        return FALSE;
      if (wi <= 0)
        continue;
      for (gsize e = inst->row_start[i];
           e < inst->row_start[i + 1] && inst->arc_dist[e] < base[i]; e++)
        {
          int c = cand_col[inst->arc_cand[e]];

          if (c >= 0)
            {
              guint32 cc = c;

              g_array_append_val (cols, cc);
              g_array_append_val (dist, inst->arc_dist[e]);
            }
        }
      if (cols->len == before)
        {
          M->base_walk += wi * base[i];
          continue;
        }
      {
        gsize end = cols->len;

        g_array_append_val (start, end);
        g_array_append_val (w, wi);
        g_array_append_val (b, base[i]);
      }
    }
  M->n_drows = w->len;
  M->drow_w = (double *) g_array_free (g_steal_pointer (&w), FALSE);
  M->drow_base = (double *) g_array_free (g_steal_pointer (&b), FALSE);
  M->drow_start = (gsize *) g_array_free (g_steal_pointer (&start), FALSE);
  M->drow_col = (guint32 *) g_array_free (g_steal_pointer (&cols), FALSE);
  M->drow_dist = (float *) g_array_free (g_steal_pointer (&dist), FALSE);
  transpose (M->n_drows, M->n_cols, M->drow_start, M->drow_col, M->drow_dist,
             &M->dcol_start, &M->dcol_row, &M->dcol_dist);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Search set-up                                                             */
/* ------------------------------------------------------------------------ */

static void
search_init (Search *S)
{
  const Model *M = &S->M;
  guint n_any = MAX (M->n_rows, M->n_drows);
  gsize longest = 0;

  for (guint c = 0; c < M->n_cols; c++)
    longest = MAX (longest, M->col_start ? M->col_start[c + 1] - M->col_start[c] : 0);

  S->state = g_new0 (guint8, MAX (M->n_cols, 1));
  S->k_left = S->k;
  S->budget_left = S->use_budget ? S->budget : -1;
  S->fixcov = g_new0 (guint, MAX (M->n_rows, 1));
  S->row_nfree = g_new0 (guint, MAX (M->n_rows, 1));
  for (guint r = 0; r < M->n_rows; r++)
    S->row_nfree[r] = M->row_start[r + 1] - M->row_start[r];
  if (S->problem == LINLI_PLAN_PMEDIAN)
    S->dbase = g_memdup2 (M->drow_base, sizeof (double) * MAX (M->n_drows, 1));
  S->trail = g_array_new (FALSE, FALSE, sizeof (TrailEntry));
  S->btrail = g_array_new (FALSE, FALSE, sizeof (BaseEntry));
  S->mult = g_new0 (double, MAX (n_any, 1));
  S->grad = g_new0 (double, MAX (n_any, 1));
  S->acc = g_new0 (double, MAX (n_any, 1));
  S->benefit = g_new0 (double, MAX (M->n_cols, 1));
  S->best_benefit = g_new0 (double, MAX (M->n_cols, 1));
  S->y = g_new0 (double, MAX (M->n_cols, 1));
  if (S->capacitated)
    S->xfill = g_new0 (double, MAX (M->row_start[M->n_rows], 1));
  S->order = g_new (guint, MAX (n_any, longest) + 1);
  S->key = g_new (double, MAX (n_any, longest) + 1);
  sel_init (&S->sel, M->n_cols);
  S->inc = g_new0 (guint8, MAX (M->n_cols, 1));
  S->open_tmp = g_new0 (guint8, MAX (M->n_cols, 1));
  S->row_mark = g_new0 (guint8, MAX (M->n_rows, 1));
  S->closed_bound = S->maximise ? -HUGE_VAL : HUGE_VAL;
  S->root_bound = trivial_bound (S);

  S->bip.n_rows = M->n_rows;
  S->bip.n_cols = M->n_cols;
  S->bip.row_w = M->row_w;
  S->bip.row_start = M->row_start;
  S->bip.row_col = M->row_col;
  S->bip.col_cap = M->col_cap;

  /* Capacitated existing and required sites are open in every plan. */
  for (guint c = M->n_free; c < M->n_cols; c++)
    fix_in (S, c);
}

static void
search_clear (Search *S)
{
  model_clear (&S->M);
  g_free (S->states);
  g_free (S->state);
  g_free (S->fixcov);
  g_free (S->row_nfree);
  g_free (S->dbase);
  if (S->trail != NULL)
    g_array_unref (S->trail);
  if (S->btrail != NULL)
    g_array_unref (S->btrail);
  g_free (S->mult);
  g_free (S->grad);
  g_free (S->acc);
  g_free (S->benefit);
  g_free (S->best_benefit);
  g_free (S->y);
  g_free (S->xfill);
  g_free (S->order);
  g_free (S->key);
  if (S->sel.by_value != NULL)
    sel_clear (&S->sel);
  g_free (S->inc);
  g_free (S->open_tmp);
  g_free (S->row_mark);
  if (S->rand != NULL)
    g_rand_free (S->rand);
}

/* ------------------------------------------------------------------------ */
/* The result                                                                */
/* ------------------------------------------------------------------------ */

/* Orders the chosen sites greedily, each adding the most after the ones
 * before (covered weight; walk saved for p-median), and records the
 * covered weight each adds.
 */
static void
order_chosen (Search          *S,
              LinliPlanResult *res)
{
  LinliPlanInstance *inst = S->inst;
  guint n = res->n_chosen, n_cand = inst->n_candidates;
  g_autofree int *pos = g_new (int, MAX (n_cand, 1));
  g_autofree gsize *cstart = g_new0 (gsize, n + 1);
  g_autofree gsize *fillp = NULL;
  g_autofree guint32 *cdem = NULL;
  g_autofree float *cdist = NULL;
  g_autofree guint8 *covered = g_new0 (guint8, MAX (inst->n_demand, 1));
  g_autofree double *cur = g_new (double, MAX (inst->n_demand, 1));
  g_autofree guint8 *picked = g_new0 (guint8, MAX (n, 1));
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  gsize nnz = inst->row_start[inst->n_demand];
  gboolean by_walk = S->problem == LINLI_PLAN_PMEDIAN;

  for (guint j = 0; j < n_cand; j++)
    pos[j] = -1;
  for (guint k = 0; k < n; k++)
    pos[res->chosen[k]] = k;
  for (gsize e = 0; e < nnz; e++)
    if (pos[inst->arc_cand[e]] >= 0)
      cstart[pos[inst->arc_cand[e]] + 1]++;
  for (guint k = 0; k < n; k++)
    cstart[k + 1] += cstart[k];
  fillp = g_memdup2 (cstart, sizeof (gsize) * (n + 1));
  cdem = g_new (guint32, MAX (cstart[n], 1));
  cdist = g_new (float, MAX (cstart[n], 1));
  for (guint i = 0; i < inst->n_demand; i++)
    {
      cur[i] = S->penalty;
      for (gsize e = inst->row_start[i]; e < inst->row_start[i + 1]; e++)
        {
          int k = pos[inst->arc_cand[e]];

          if (k >= 0)
            {
              cdem[fillp[k]] = i;
              cdist[fillp[k]++] = inst->arc_dist[e];
            }
        }
      for (gsize e = inst->row_start[i]; e < inst->row_start[i + 1]; e++)
        if (S->states[inst->arc_cand[e]] == LINLI_PLAN_EXISTING)
          {
            covered[i] = inst->arc_dist[e] <= S->radius_f;
            cur[i] = MIN (cur[i], inst->arc_dist[e]);
            break;
          }
    }

  for (guint step = 0; step < n; step++)
    {
      guint best = G_MAXUINT;
      double best_cg = 0, best_wg = 0;

      for (guint k = 0; k < n; k++)
        {
          double cg = 0, wg = 0;
          gboolean wins;

          if (picked[k])
            continue;
          for (gsize e = cstart[k]; e < cstart[k + 1]; e++)
            {
              guint i = cdem[e];
              double w = inst->weights[i];

              if (cdist[e] <= S->radius_f && !covered[i])
                cg += w;
              if (cdist[e] < cur[i])
                wg += w * (cur[i] - cdist[e]);
            }
          /* By the problem's own measure, then the other, then index. */
          if (best == G_MAXUINT)
            wins = TRUE;
          else
            {
              double first = by_walk ? wg : cg, second = by_walk ? cg : wg;
              double best_first = by_walk ? best_wg : best_cg;
              double best_second = by_walk ? best_cg : best_wg;

              wins = first > best_first ||
                     (first == best_first &&
                      (second > best_second ||
                       (second == best_second && res->chosen[k] < res->chosen[best])));
            }
          if (wins)
            {
              best = k;
              best_cg = cg;
              best_wg = wg;
            }
        }
      picked[best] = 1;
      order[step] = res->chosen[best];
      res->added_weight[step] = best_cg;
      for (gsize e = cstart[best]; e < cstart[best + 1]; e++)
        {
          guint i = cdem[e];

          if (cdist[e] <= S->radius_f)
            covered[i] = 1;
          cur[i] = MIN (cur[i], cdist[e]);
        }
    }
  memcpy (res->chosen, order, sizeof (guint) * n);
}

/* The same with capacities: each step adds the site that lets the most
 * further weight be served.  Returns the weight served in the end.
 */
static double
order_chosen_cap (Search          *S,
                  LinliPlanResult *res)
{
  LinliPlanInstance *inst = S->inst;
  guint n = res->n_chosen, n_cand = inst->n_candidates, n_fixed = 0;
  g_autofree int *colid = g_new (int, MAX (n_cand, 1));
  g_autoptr (RowSet) raw = row_set_new ();
  g_autoptr (RowSet) rows = NULL;
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree double *caps = NULL;
  g_autofree guint8 *open = NULL;
  g_autofree guint8 *picked = g_new0 (guint8, MAX (n, 1));
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  double base = 0, prev;
  Bip g;

  for (guint j = 0; j < n_cand; j++)
    colid[j] = -1;
  for (guint j = 0; j < n_cand; j++)
    if (S->states[j] == LINLI_PLAN_EXISTING && inst->capacities[j] > 0)
      colid[j] = n_fixed++;
  for (guint k = 0; k < n; k++)
    colid[res->chosen[k]] = n_fixed + k;
  caps = g_new (double, MAX (n_fixed + n, 1));
  for (guint j = 0; j < n_cand; j++)
    if (colid[j] >= 0)
      caps[colid[j]] = inst->capacities[j] > 0 ? inst->capacities[j] : HUGE_VAL;

  for (guint i = 0; i < inst->n_demand; i++)
    {
      gboolean served = FALSE;

      if (inst->weights[i] <= 0)
        continue;
      g_array_set_size (list, 0);
      for (gsize e = inst->row_start[i];
           e < inst->row_start[i + 1] && inst->arc_dist[e] <= S->radius_f; e++)
        {
          guint j = inst->arc_cand[e];

          if (S->states[j] == LINLI_PLAN_EXISTING && inst->capacities[j] <= 0)
            served = TRUE;
          else if (colid[j] >= 0)
            {
              guint32 v = colid[j];

              g_array_append_val (list, v);
            }
        }
      if (served)
        base += inst->weights[i];
      else if (list->len > 0)
        {
          qsort (list->data, list->len, sizeof (guint32), compare_guint32);
          row_set_add (raw, (const guint32 *) list->data, list->len, inst->weights[i]);
        }
    }
  rows = row_set_merge (raw);
  g.n_rows = row_set_len (rows);
  g.n_cols = n_fixed + n;
  g.row_w = (const double *) rows->weight->data;
  g.row_start = (const gsize *) rows->start->data;
  g.row_col = (const guint32 *) rows->cols->data;
  g.col_cap = caps;
  open = g_new0 (guint8, MAX (g.n_cols, 1));
  for (guint c = 0; c < n_fixed; c++)
    open[c] = 1;
  prev = bip_maxflow (&g, open, NULL);

  for (guint step = 0; step < n; step++)
    {
      guint best = G_MAXUINT;
      double best_f = 0;

      if (cancelled (S))
        return 0;
      for (guint k = 0; k < n; k++)
        {
          double f;

          if (picked[k])
            continue;
          open[n_fixed + k] = 1;
          f = bip_maxflow (&g, open, NULL);
          open[n_fixed + k] = 0;
          if (best == G_MAXUINT || f > best_f + 1e-9 ||
              (fabs (f - best_f) <= 1e-9 && res->chosen[k] < res->chosen[best]))
            {
              best = k;
              best_f = f;
            }
        }
      picked[best] = 1;
      open[n_fixed + best] = 1;
      order[step] = res->chosen[best];
      res->added_weight[step] = MAX (best_f - prev, 0);
      prev = best_f;
    }
  memcpy (res->chosen, order, sizeof (guint) * n);
  return base + prev;
}

static LinliPlanResult *
make_result (Search *S)
{
  LinliPlanInstance *inst = S->inst;
  const Model *M = &S->M;
  LinliPlanResult *res = g_new0 (LinliPlanResult, 1);
  g_autofree guint8 *open_cand = g_new0 (guint8, MAX (inst->n_candidates, 1));
  g_autoptr (GArray) unreachable = g_array_new (FALSE, FALSE, sizeof (guint));
  double walk = 0, covered = 0, bound, value, scale;
  guint n = 0;

  for (guint j = 0; j < inst->n_candidates; j++)
    if (fixed_open (S, j))
      open_cand[j] = 1;
  for (guint c = 0; c < M->n_free; c++)
    if (S->inc[c])
      open_cand[M->col_cand[c]] = 1;

  res->problem = S->problem;
  res->chosen = g_new (guint, MAX (inst->n_candidates, 1));
  for (guint j = 0; j < inst->n_candidates; j++)
    if (S->states[j] == LINLI_PLAN_REQUIRED ||
        (S->states[j] == LINLI_PLAN_CANDIDATE && open_cand[j]))
      {
        res->chosen[n++] = j;
        if (inst->costs[j] >= 0)
          res->cost += inst->costs[j];
      }
  res->n_chosen = n;
  res->added_weight = g_new0 (double, MAX (n, 1));

  for (guint i = 0; i < inst->n_demand; i++)
    {
      double d = S->penalty;
      gboolean reach = FALSE;

      for (gsize e = inst->row_start[i]; e < inst->row_start[i + 1]; e++)
        if (open_cand[inst->arc_cand[e]])
          {
            if (inst->arc_dist[e] <= S->radius_f)
              covered += inst->weights[i];
            d = MIN (d, inst->arc_dist[e]);
            break;
          }
      walk += inst->weights[i] * d;
      for (gsize e = inst->row_start[i];
           e < inst->row_start[i + 1] && inst->arc_dist[e] <= S->radius_f && !reach; e++)
        reach = S->states[inst->arc_cand[e]] != LINLI_PLAN_FORBIDDEN;
      if (!reach)
        g_array_append_val (unreachable, i);
    }

  if (S->problem == LINLI_PLAN_MCLP && S->capacitated)
    covered = order_chosen_cap (S, res);
  else
    order_chosen (S, res);

  res->total_weight = inst->total_weight;
  res->covered_weight = covered;
  res->covered_share = res->total_weight > 0 ? covered / res->total_weight : 1;
  res->mean_distance = res->total_weight > 0 ? walk / res->total_weight : 0;
  res->n_unreachable = unreachable->len;
  res->unreachable = (guint *) g_array_free (g_steal_pointer (&unreachable), FALSE);

  /* Every solution lies in a subtree that was closed (its bound noted) or
   * left open (its parent's bound noted), so the loosest of those and the
   * best plan is a bound; so is the root relaxation.
   */
  value = S->inc_value;
  if (S->maximise)
    bound = MIN (S->root_bound, MAX (value, S->closed_bound));
  else
    bound = MAX (S->root_bound, MIN (value, S->closed_bound));
  bound = round_bound (S, bound);
  bound = S->maximise ? MAX (bound, value) : MIN (bound, value);
  if (S->integral)
    res->proven_optimal = !S->incomplete && bound == value;
  else
    res->proven_optimal = !S->incomplete && rel_gap (bound, value) <= 1e-6;

  scale = 1;
  if (S->problem == LINLI_PLAN_PMEDIAN)
    scale = inst->total_weight > 0 ? 1 / inst->total_weight : 0;
  res->objective = value * scale;
  res->bound = bound * scale;
  res->gap = 100 * rel_gap (res->bound, res->objective);
  res->target_reached = S->problem != LINLI_PLAN_LSCP || S->target_reached;
  res->by_cost = S->problem == LINLI_PLAN_LSCP && S->by_cost;
  res->nodes = S->nodes;
  res->n_rows = S->problem == LINLI_PLAN_PMEDIAN ? M->n_drows : M->n_rows;
  res->n_columns = M->n_free;
  res->elapsed = elapsed (S);
  return res;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
all_integral (const double *v,
              guint         n)
{
  for (guint i = 0; i < n; i++)
    if (v[i] != floor (v[i]) || fabs (v[i]) > 1e15)
      return FALSE;
  return TRUE;
}

static gboolean
setup (Search                 *S,
       LinliPlanInstance      *inst,
       const LinliPlanOptions *opts,
       GError                **error)
{
  guint n_cand = inst->n_candidates;
  double required_cost = 0;
  guint n_required = 0;
  gboolean all_costs = TRUE, any_cap = FALSE;

  if (opts->problem >= LINLI_PLAN_N_PROBLEMS)
    {
      g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                   _("Unknown planning problem %d"), opts->problem);
      return FALSE;
    }
  S->problem = opts->problem;
  S->inst = inst;
  S->states = g_new (guint8, MAX (n_cand, 1));
  for (guint j = 0; j < n_cand; j++)
    {
      guint st = opts->states != NULL ? opts->states[j] : inst->states[j];

      if (st >= LINLI_PLAN_N_STATES)
        {
          g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                       _("Candidate %u has an unknown state %u"), j, st);
          return FALSE;
        }
      S->states[j] = st;
    }

  S->radius = opts->radius >= 0 ? opts->radius : MAX (inst->max_distance, 0);
  S->radius_f = (float) S->radius;
  S->penalty = opts->penalty_distance >= 0 ? opts->penalty_distance : MAX (inst->max_distance, 0);
  if (!isfinite (S->radius) || !isfinite (S->penalty))
    {
      g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                   _("The radius and the penalty distance must be finite"));
      return FALSE;
    }
  S->maximise = S->problem == LINLI_PLAN_MCLP;
  S->tol = isfinite (opts->gap_tolerance) ? MAX (opts->gap_tolerance, 0) : 1e-6;
  S->eps_w = 1e-9 * MAX (1.0, inst->total_weight);
  S->k = -1;
  S->budget = -1;

  if (opts->capacitated && S->problem != LINLI_PLAN_MCLP)
    {
      g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                   _("Capacities apply to maximal covering only"));
      return FALSE;
    }

  for (guint j = 0; j < n_cand; j++)
    {
      if (S->states[j] == LINLI_PLAN_REQUIRED)
        {
          n_required++;
          required_cost += MAX (inst->costs[j], 0);
        }
      if ((S->states[j] == LINLI_PLAN_REQUIRED || S->states[j] == LINLI_PLAN_CANDIDATE) &&
          inst->costs[j] < 0)
        all_costs = FALSE;
      if (S->states[j] != LINLI_PLAN_FORBIDDEN && inst->capacities[j] > 0)
        any_cap = TRUE;
    }

  if (S->problem == LINLI_PLAN_LSCP)
    {
      if (!(opts->target_share >= 0 && opts->target_share <= 1))
        {
          g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                       _("The target share must lie between 0 and 1, not %g"), opts->target_share);
          return FALSE;
        }
      S->by_cost = opts->use_costs && all_costs;
      S->fixed_value = S->by_cost ? required_cost : n_required;
      S->integral = !S->by_cost || all_integral (inst->costs, n_cand);
      S->target = opts->target_share * inst->total_weight;
      S->target_reached = TRUE;
      return TRUE;
    }

  if (opts->k < 0 && !(opts->budget >= 0))
    {
      g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                   _("Give a number of new sites, a budget or both"));
      return FALSE;
    }
  S->k = opts->k;
  if (opts->budget >= 0)
    {
      if (!isfinite (opts->budget))
        {
          g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                       _("The budget must be finite"));
          return FALSE;
        }
      for (guint j = 0; j < n_cand; j++)
        if ((S->states[j] == LINLI_PLAN_REQUIRED || S->states[j] == LINLI_PLAN_CANDIDATE) &&
            inst->costs[j] < 0)
          {
            g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                         _("Candidate %u has no cost, but the plan has a budget"), j);
            return FALSE;
          }
      if (required_cost > opts->budget + 1e-9 * MAX (1.0, opts->budget))
        {
          g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INFEASIBLE,
                       _("The required sites cost %.2f, more than the budget of %.2f"),
                       required_cost, opts->budget);
          return FALSE;
        }
      S->use_budget = TRUE;
      S->budget = MAX (opts->budget - required_cost, 0);
    }
  S->capacitated = opts->capacitated && any_cap;
  S->integral = S->problem == LINLI_PLAN_MCLP && all_integral (inst->weights, inst->n_demand) &&
                (!S->capacitated || all_integral (inst->capacities, n_cand));
  return TRUE;
}

/**
 * linli_plan_solve:
 * @instance: a finished instance
 * @options: what to solve
 * @cancellable: (nullable): stops the solve
 * @progress: (nullable) (scope call): called now and then with the share of
 *   the work done and what is being done
 * @user_data: for @progress
 * @error: return location for a #GError
 *
 * Finds a plan and proves how far it can be from the best one.
 *
 * Maximal covering opens up to k candidates (and/or within the budget)
 * beyond the required ones to cover the most weight within the radius; with
 * capacities, each open site serves at most its capacity of weight and the
 * covered weight is the most that can be served.  Among plans that cover
 * as much, the search prefers the shorter weighted walk; that preference is
 * heuristic, the covered weight is what the bound is about.  Sites that add
 * nothing are not proposed.
 *
 * Set covering opens the fewest candidates, or the cheapest when every
 * candidate has a cost and #LinliPlanOptions.use_costs is set, for the
 * covered weight to reach the target share of all weight.  When even every
 * allowed candidate falls short, the result has target_reached %FALSE and
 * is the cheapest plan that covers all that can be covered; the demand
 * points out of reach of every allowed site are listed in all results.
 *
 * p-median opens up to k candidates to minimise the weighted mean distance
 * to the nearest open site; a demand point with no open site in reach
 * counts at the penalty distance (by default the instance's maximum
 * distance, the distance beyond which there are no arcs).
 *
 * Existing sites are always open and cost nothing; required sites are
 * always open and their costs count against the budget; forbidden ones are
 * never opened.  The search stops when the relative gap is within the
 * tolerance, at the time or node limit (the plan so far, with its bound), or
 * when @cancellable is cancelled (an error).  Call it from a worker thread:
 * @progress runs on that thread.
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
LinliPlanResult *
linli_plan_solve (LinliPlanInstance      *instance,
                  const LinliPlanOptions *options,
                  GCancellable           *cancellable,
                  LinliPlanProgressFunc   progress,
                  gpointer                user_data,
                  GError                **error)
{
  Search S;
  LinliPlanResult *res = NULL;
  gboolean ok;

  g_return_val_if_fail (instance != NULL, NULL);
  g_return_val_if_fail (instance->finished, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  memset (&S, 0, sizeof S);
  S.start_time = g_get_monotonic_time ();
  S.cancellable = cancellable;
  S.progress = progress;
  S.user_data = user_data;
  S.node_limit = options->node_limit;
  if (options->time_limit > 0 && isfinite (options->time_limit))
    S.deadline = S.start_time + (gint64) (options->time_limit * G_USEC_PER_SEC);
  S.rand = g_rand_new_with_seed (options->seed);

  if (!setup (&S, instance, options, error))
    goto out;

  report (&S, 0, _("Reducing the instance"), TRUE);
  if (S.problem == LINLI_PLAN_PMEDIAN)
    ok = build_distance_model (&S, TRUE);
  else
    {
      ok = build_cover_model (&S);
      if (ok && S.problem == LINLI_PLAN_MCLP && !S.capacitated)
        ok = build_distance_model (&S, FALSE);
    }
  if (!ok)
    goto out;

  if (S.problem == LINLI_PLAN_LSCP)
    {
      double most = S.M.base_weight + S.M.row_total;

      if (S.target > most + S.eps_w)
        {
          S.target_reached = FALSE;
          S.target = most;
        }
    }

  search_init (&S);

  S.phase_start = 0.05;
  S.phase_end = 0.25;
  report (&S, 0.05, _("Building a first plan"), TRUE);
  initial_plans (&S);
  perturb_and_improve (&S);

  if (!should_stop (&S))
    {
      init_multipliers (&S);
      S.phase_start = 0.25;
      S.phase_end = 0.5;
      report (&S, 0.25, _("Proving the bound"), TRUE);
      branch_and_bound (&S);
    }
  else
    S.incomplete = TRUE;
  if (S.cancelled || cancelled (&S))
    goto out;

  if (S.problem == LINLI_PLAN_MCLP)
    {
      g_autofree guint8 *open = NULL;

      drop_useless (&S);
      if (!S.capacitated && S.M.n_drows > 0)
        {
          open = g_memdup2 (S.inc, MAX (S.M.n_cols, 1));
          local_search_swap (&S, open, TRUE);
          offer (&S, open);
        }
    }
  if (S.cancelled || cancelled (&S))
    goto out;

  res = make_result (&S);
  report (&S, 1.0, _("Done"), TRUE);

  /* A cancel seen before returning wins, even one from the last report:
   * the caller then never has to drop a result it asked not to get.
   */
  cancelled (&S);

out:
  if (S.cancelled)
    {
      g_clear_pointer (&res, linli_plan_result_free);
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Planning was cancelled"));
    }
  search_clear (&S);
  return res;
}
