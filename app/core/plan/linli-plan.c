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
 *
 * The files: linli-plan.c (problems, options, results and the solve
 * itself), -instance.c, -project.c (instances of projects), -reduced.c,
 * -search.c (search state, fixing, evaluating plans), -lagrangian.c,
 * -greedy.c (greedy and swaps), -bnb.c and -flow.c, sharing
 * linli-plan-private.h.
 */

#include "config.h"

#include "linli-plan-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (linli-plan-error-quark, linli_plan_error)

/*
 * Problems and options
 */

static const char *problem_names[] = { "mclp", "lscp", "pmedian" };
G_STATIC_ASSERT (G_N_ELEMENTS (problem_names) == LINLI_PLAN_N_PROBLEMS);

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
 * linli_plan_options_init:
 * @options: the options to fill
 *
 * Sets @options to maximal covering with one new site, no budget, the
 * instance's maximum distance as radius, a 95 % target for set covering, a
 * one-minute time limit, a gap tolerance of 1e-6 (proven optimal), seed
 * 1 and independent parts solved on their own.
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
  options->split = TRUE;
}

/*
 * The result
 */

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

/* Orders the chosen sites greedily, each adding the most after the ones
 * before (covered weight; walk saved for p-median), and records the
 * covered weight each adds.
 */
/* The weight chosen site @k would newly cover and the walk it would save. */
static void
site_gains (LinliPlanSearch *self,
            const gsize     *cstart,
            const guint32   *cdem,
            const float     *cdist,
            const guint8    *covered,
            const double    *cur,
            guint            k,
            double          *cg,
            double          *wg)
{
  const double *weights = self->inst->weights;

  *cg = *wg = 0;
  for (gsize e = cstart[k]; e < cstart[k + 1]; e++)
    {
      guint i = cdem[e];
      double w = weights[i];

      if (cdist[e] <= self->radius_f && !covered[i])
        *cg += w;
      if (cdist[e] < cur[i])
        *wg += w * (cur[i] - cdist[e]);
    }
}

/* By the problem's own measure, then the other, then candidate index. */
static inline gboolean
gains_win (gboolean by_walk,
           double   cg,
           double   wg,
           guint    cand,
           double   best_cg,
           double   best_wg,
           guint    best_cand)
{
  double first = by_walk ? wg : cg, second = by_walk ? cg : wg;
  double best_first = by_walk ? best_wg : best_cg;
  double best_second = by_walk ? best_cg : best_wg;

  return first > best_first ||
         (first == best_first &&
          (second > best_second || (second == best_second && cand < best_cand)));
}

static void
order_chosen (LinliPlanSearch *self,
              LinliPlanResult *res)
{
  LinliPlanInstance *inst = self->inst;
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
  g_autofree double *cg_of = g_new (double, MAX (n, 1));
  g_autofree double *wg_of = g_new (double, MAX (n, 1));
  gsize nnz = inst->row_start[inst->n_demand];
  gboolean by_walk = self->problem == LINLI_PLAN_PMEDIAN;

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
      cur[i] = self->penalty;
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
        if (self->states[inst->arc_cand[e]] == LINLI_PLAN_EXISTING)
          {
            covered[i] = inst->arc_dist[e] <= self->radius_f;
            cur[i] = MIN (cur[i], inst->arc_dist[e]);
            break;
          }
    }

  /* Lazy greedy: a site's gains only shrink as others are added, so a
   * gain computed earlier bounds it; the site with the best bound is
   * recomputed, and taken when it still leads (2,220 sites: 3.4 s of
   * recomputing every site at every step before).
   */
  for (guint k = 0; k < n; k++)
    site_gains (self, cstart, cdem, cdist, covered, cur, k, &cg_of[k], &wg_of[k]);
  for (guint step = 0; step < n; step++)
    {
      guint best;

      for (;;)
        {
          double cg, wg;

          best = G_MAXUINT;
          for (guint k = 0; k < n; k++)
            if (!picked[k] &&
                (best == G_MAXUINT ||
                 gains_win (by_walk, cg_of[k], wg_of[k], res->chosen[k],
                            cg_of[best], wg_of[best], res->chosen[best])))
              best = k;
          site_gains (self, cstart, cdem, cdist, covered, cur, best, &cg, &wg);
          if (cg == cg_of[best] && wg == wg_of[best])
            break;
          cg_of[best] = cg;
          wg_of[best] = wg;
        }
      picked[best] = 1;
      order[step] = res->chosen[best];
      res->added_weight[step] = cg_of[best];
      for (gsize e = cstart[best]; e < cstart[best + 1]; e++)
        {
          guint i = cdem[e];

          if (cdist[e] <= self->radius_f)
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
order_chosen_cap (LinliPlanSearch *self,
                  LinliPlanResult *res)
{
  LinliPlanInstance *inst = self->inst;
  guint n = res->n_chosen, n_cand = inst->n_candidates, n_fixed = 0;
  g_autofree int *colid = g_new (int, MAX (n_cand, 1));
  g_autoptr (LinliPlanRowSet) raw = _linli_plan_row_set_new ();
  g_autoptr (LinliPlanRowSet) rows = NULL;
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree double *caps = NULL;
  g_autofree guint8 *open = NULL;
  g_autofree guint8 *picked = g_new0 (guint8, MAX (n, 1));
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree double *gain = NULL;
  double base = 0, prev, flow;
  LinliPlanFlowGraph g;

  for (guint j = 0; j < n_cand; j++)
    colid[j] = -1;
  for (guint j = 0; j < n_cand; j++)
    if (self->states[j] == LINLI_PLAN_EXISTING && inst->capacities[j] > 0)
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
           e < inst->row_start[i + 1] && inst->arc_dist[e] <= self->radius_f; e++)
        {
          guint j = inst->arc_cand[e];

          if (self->states[j] == LINLI_PLAN_EXISTING && inst->capacities[j] <= 0)
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
          qsort (list->data, list->len, sizeof (guint32), _linli_plan_compare_guint32);
          _linli_plan_row_set_add (raw, (const guint32 *) list->data, list->len, inst->weights[i]);
        }
    }
  rows = _linli_plan_row_set_merge (raw);
  g.n_rows = _linli_plan_row_set_len (rows);
  g.n_cols = n_fixed + n;
  g.row_w = (const double *) rows->weight->data;
  g.row_start = (const gsize *) rows->start->data;
  g.row_col = (const guint32 *) rows->cols->data;
  g.col_cap = caps;
  open = g_new0 (guint8, MAX (g.n_cols, 1));
  for (guint c = 0; c < n_fixed; c++)
    open[c] = 1;
  prev = _linli_plan_max_flow (&g, open, NULL);

  /* Lazy greedy, as for the uncapacitated order: the weight served is a
   * submodular function of the open sites, so a gain computed earlier
   * bounds the gain now (100 sites on 300,000 buildings: 10,000 flows
   * before, about 1 s).
   */
  gain = g_new (double, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      open[n_fixed + k] = 1;
      gain[k] = _linli_plan_max_flow (&g, open, NULL) - prev;
      open[n_fixed + k] = 0;
    }
  for (guint step = 0; step < n; step++)
    {
      guint best;

      if (_linli_plan_cancelled (self))
        return 0;
      for (;;)
        {
          double now;

          best = G_MAXUINT;
          flow = prev;
          for (guint k = 0; k < n; k++)
            if (!picked[k] &&
                (best == G_MAXUINT || gain[k] > gain[best] + 1e-9 ||
                 (fabs (gain[k] - gain[best]) <= 1e-9 && res->chosen[k] < res->chosen[best])))
              best = k;
          open[n_fixed + best] = 1;
          flow = _linli_plan_max_flow (&g, open, NULL);
          now = flow - prev;
          open[n_fixed + best] = 0;
          if (now >= gain[best] - 1e-9)
            {
              gain[best] = now;
              break;
            }
          gain[best] = now;
        }
      picked[best] = 1;
      open[n_fixed + best] = 1;
      order[step] = res->chosen[best];
      res->added_weight[step] = MAX (gain[best], 0);
      prev = flow;
    }
  memcpy (res->chosen, order, sizeof (guint) * n);
  return base + prev;
}

static LinliPlanResult *
make_result (LinliPlanSearch *self)
{
  LinliPlanInstance *inst = self->inst;
  const LinliPlanModel *model = &self->model;
  LinliPlanResult *res = g_new0 (LinliPlanResult, 1);
  g_autofree guint8 *open_cand = g_new0 (guint8, MAX (inst->n_candidates, 1));
  g_autoptr (GArray) unreachable = g_array_new (FALSE, FALSE, sizeof (guint));
  double walk = 0, covered = 0, bound, value, scale;
  guint n = 0;

  for (guint j = 0; j < inst->n_candidates; j++)
    if (_linli_plan_fixed_open (self, j))
      open_cand[j] = 1;
  for (guint c = 0; c < model->n_free; c++)
    if (self->inc[c])
      open_cand[model->col_cand[c]] = 1;

  res->problem = self->problem;
  res->chosen = g_new (guint, MAX (inst->n_candidates, 1));
  for (guint j = 0; j < inst->n_candidates; j++)
    if (self->states[j] == LINLI_PLAN_REQUIRED ||
        (self->states[j] == LINLI_PLAN_CANDIDATE && open_cand[j]))
      {
        res->chosen[n++] = j;
        if (inst->costs[j] >= 0)
          res->cost += inst->costs[j];
      }
  res->n_chosen = n;
  res->added_weight = g_new0 (double, MAX (n, 1));

  for (guint i = 0; i < inst->n_demand; i++)
    {
      double d = self->penalty;
      gboolean reach = FALSE;

      for (gsize e = inst->row_start[i]; e < inst->row_start[i + 1]; e++)
        if (open_cand[inst->arc_cand[e]])
          {
            if (inst->arc_dist[e] <= self->radius_f)
              covered += inst->weights[i];
            d = MIN (d, inst->arc_dist[e]);
            break;
          }
      walk += inst->weights[i] * d;
      for (gsize e = inst->row_start[i];
           e < inst->row_start[i + 1] && inst->arc_dist[e] <= self->radius_f && !reach; e++)
        reach = self->states[inst->arc_cand[e]] != LINLI_PLAN_FORBIDDEN;
      if (!reach)
        g_array_append_val (unreachable, i);
    }

  if (self->problem == LINLI_PLAN_MCLP && self->capacitated)
    covered = order_chosen_cap (self, res);
  else
    order_chosen (self, res);

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
  value = self->inc_value;
  if (self->maximise)
    bound = MIN (self->root_bound, MAX (value, self->closed_bound));
  else
    bound = MAX (self->root_bound, MIN (value, self->closed_bound));
  bound = _linli_plan_round_bound (self, bound);
  bound = self->maximise ? MAX (bound, value) : MIN (bound, value);
  /* The bound holds however the search ended, so a bound that meets the
   * plan proves it even when a limit stopped the search.
   */
  if (self->integral)
    res->proven_optimal = fabs (bound - value) < self->grid / 2;
  else
    res->proven_optimal = !self->incomplete && _linli_plan_rel_gap (bound, value) <= 1e-6;

  scale = 1;
  if (self->problem == LINLI_PLAN_PMEDIAN)
    scale = inst->total_weight > 0 ? 1 / inst->total_weight : 0;
  res->objective = value * scale;
  res->bound = bound * scale;
  res->gap = 100 * _linli_plan_rel_gap (res->bound, res->objective);
  res->target_reached = self->problem != LINLI_PLAN_LSCP || self->target_reached;
  res->by_cost = self->problem == LINLI_PLAN_LSCP && self->by_cost;
  res->nodes = self->nodes;
  res->n_rows = self->problem == LINLI_PLAN_PMEDIAN ? model->n_drows : model->n_rows;
  res->n_columns = model->n_free;
  res->n_parts = self->split_parts;
  res->elapsed = _linli_plan_elapsed (self);
  return res;
}

/*
 * Public API
 */

/* The largest objective, in steps of its grid, whose sums double precision
 * still adds up exactly.
 */
#define GRID_MAX_STEPS 1e15
#define GRID_MAX_DIGITS 6

/* Whether @v is the double nearest to a whole number of 1/@scale. */
static gboolean
on_decimal_grid (double v,
                 double scale)
{
  double u = round (v * scale);

  return fabs (u) <= GRID_MAX_STEPS && u / scale == v;
}

static guint64
gcd64 (guint64 a,
       guint64 b)
{
  while (b != 0)
    {
      guint64 t = a % b;

      a = b;
      b = t;
    }
  return a;
}

/* The largest step every value of @v is a whole multiple of, with at most
 * six decimals (values read from text: 12.5 yuan, 0.25 households), or 0
 * when there is none.  A value counts as on a decimal step when it is the
 * double nearest to it, which is what reading the decimal gave.
 */
static double
value_grid (const double *v,
            guint         n)
{
  double scale = 1;
  guint digits = 0;
  guint64 g = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (v[i]))
        return 0;
      while (!on_decimal_grid (v[i], scale))
        {
          if (digits == GRID_MAX_DIGITS)
            return 0;
          digits++;
          scale *= 10;
        }
    }
  /* A value on a coarser step is on the finer one too: both divisions
   * round the same real number.
   */
  for (guint i = 0; i < n && g != 1; i++)
    g = gcd64 (g, (guint64) fabs (round (v[i] * scale)));
  return g == 0 ? 1 / scale : g / scale;
}

/* The step of p-median distances: whole numbers only.  They are held in
 * single precision, whose decimals are not the ones read, and sums of
 * hundreds of thousands of them lose whole steps of a finer grid.
 */
static double
distance_grid (LinliPlanInstance *inst,
               double             penalty)
{
  gsize n_arcs = inst->row_start[inst->n_demand];
  guint64 g = 0;

  if (penalty != floor (penalty) || penalty > 1 << 24)
    return 0;
  g = (guint64) penalty;
  for (gsize e = 0; e < n_arcs; e++)
    {
      float d = inst->arc_dist[e];

      if (d != floorf (d))
        return 0;
      if (g != 1)
        g = gcd64 (g, (guint64) d);
    }
  return g == 0 ? 1 : g;
}

/* Sets the step every objective value of this solve is a whole multiple
 * of, when there is one and the largest objective is few enough steps for
 * sums to be exact.
 */
static void
find_grid (LinliPlanSearch *self)
{
  LinliPlanInstance *inst = self->inst;
  guint n_cand = inst->n_candidates;
  g_autofree double *v = g_new (double, MAX (n_cand, 1) + 1);
  double grid = 0, largest = 0;
  guint n = 0;

  switch (self->problem)
    {
    case LINLI_PLAN_MCLP:
      grid = value_grid (inst->weights, inst->n_demand);
      if (grid > 0 && self->capacitated)
        {
          double cap_grid = value_grid (inst->capacities, n_cand);

          /* Both on one decimal step: the flow is a multiple of the finer. */
          grid = cap_grid > 0 ? value_grid ((double[]) { grid, cap_grid }, 2) : 0;
        }
      largest = inst->total_weight;
      break;
    case LINLI_PLAN_LSCP:
      if (!self->by_cost)
        {
          grid = 1;
          largest = n_cand;
          break;
        }
      for (guint j = 0; j < n_cand; j++)
        if (self->states[j] == LINLI_PLAN_CANDIDATE || self->states[j] == LINLI_PLAN_REQUIRED)
          {
            v[n++] = MAX (inst->costs[j], 0);
            largest += v[n - 1];
          }
      grid = value_grid (v, n);
      break;
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      {
        double dgrid = distance_grid (inst, self->penalty);

        grid = dgrid > 0 ? value_grid (inst->weights, inst->n_demand) * dgrid : 0;
        largest = inst->total_weight * MAX (self->penalty, inst->max_distance);
      }
      break;
    }
  self->integral = grid > 0 && isfinite (largest) && largest / grid <= GRID_MAX_STEPS;
  self->grid = self->integral ? grid : 0;
}

static gboolean
setup (LinliPlanSearch        *self,
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
  self->problem = opts->problem;
  self->inst = inst;
  self->states = g_new (guint8, MAX (n_cand, 1));
  for (guint j = 0; j < n_cand; j++)
    {
      guint st = opts->states != NULL ? opts->states[j] : inst->states[j];

      if (st >= LINLI_PLAN_N_STATES)
        {
          g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                       _("Candidate %u has an unknown state %u"), j, st);
          return FALSE;
        }
      self->states[j] = st;
    }

  self->radius = opts->radius >= 0 ? opts->radius : MAX (inst->max_distance, 0);
  self->radius_f = (float) self->radius;
  self->penalty = opts->penalty_distance >= 0 ? opts->penalty_distance
                                               : MAX (inst->max_distance, 0);
  if (!isfinite (self->radius) || !isfinite (self->penalty))
    {
      g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                   _("The radius and the penalty distance must be finite"));
      return FALSE;
    }
  self->maximise = self->problem == LINLI_PLAN_MCLP;
  self->tol = isfinite (opts->gap_tolerance) ? MAX (opts->gap_tolerance, 0) : 1e-6;
  self->eps_w = 1e-9 * MAX (1.0, inst->total_weight);
  self->k = -1;
  self->budget = -1;

  if (opts->capacitated && self->problem != LINLI_PLAN_MCLP)
    {
      g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                   _("Capacities apply to maximal covering only"));
      return FALSE;
    }

  for (guint j = 0; j < n_cand; j++)
    {
      if (self->states[j] == LINLI_PLAN_REQUIRED)
        {
          n_required++;
          required_cost += MAX (inst->costs[j], 0);
        }
      if ((self->states[j] == LINLI_PLAN_REQUIRED || self->states[j] == LINLI_PLAN_CANDIDATE) &&
          inst->costs[j] < 0)
        all_costs = FALSE;
      if (self->states[j] != LINLI_PLAN_FORBIDDEN && inst->capacities[j] > 0)
        any_cap = TRUE;
    }

  if (self->problem == LINLI_PLAN_LSCP)
    {
      if (!(opts->target_share >= 0 && opts->target_share <= 1))
        {
          g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                       _("The target share must lie between 0 and 1, not %g"), opts->target_share);
          return FALSE;
        }
      self->by_cost = opts->use_costs && all_costs;
      self->fixed_value = self->by_cost ? required_cost : n_required;
      find_grid (self);
      self->target = opts->target_share * inst->total_weight;
      self->target_reached = TRUE;
      return TRUE;
    }

  if (opts->k < 0 && !(opts->budget >= 0))
    {
      g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                   _("Give a number of new sites, a budget or both"));
      return FALSE;
    }
  self->k = opts->k;
  if (opts->budget >= 0)
    {
      if (!isfinite (opts->budget))
        {
          g_set_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INVALID,
                       _("The budget must be finite"));
          return FALSE;
        }
      for (guint j = 0; j < n_cand; j++)
        if ((self->states[j] == LINLI_PLAN_REQUIRED || self->states[j] == LINLI_PLAN_CANDIDATE) &&
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
      self->use_budget = TRUE;
      self->budget = MAX (opts->budget - required_cost, 0);
    }
  self->capacitated = opts->capacitated && any_cap;
  find_grid (self);
  return TRUE;
}

/* The whole instance solved by its independent parts, as one node that
 * closes at once; FALSE (nothing changed) when it does not split.
 */
static gboolean
solve_by_parts (LinliPlanSearch *self)
{
  double v;
  guint n_parts = 0;

  _linli_plan_report (self, 0.05, _("Solving independent parts"), TRUE);
  if (_linli_plan_split (self, 0, &v, &n_parts) != LINLI_PLAN_SPLIT_SOLVED)
    {
      /* The root of the search would try the same again. */
      self->split_tried = TRUE;
      return FALSE;
    }
  self->nodes = 1;
  self->split_parts = n_parts;
  _linli_plan_note_closed (self, v);
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
  LinliPlanSearch search;
  LinliPlanResult *res = NULL;
  gboolean ok;

  g_return_val_if_fail (instance != NULL, NULL);
  g_return_val_if_fail (instance->finished, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  memset (&search, 0, sizeof search);
  search.start_time = g_get_monotonic_time ();
  search.cancellable = cancellable;
  search.progress = progress;
  search.user_data = user_data;
  search.node_limit = options->node_limit;
  search.split = options->split;
  if (options->time_limit > 0 && isfinite (options->time_limit))
    search.deadline = search.start_time + (gint64) (options->time_limit * G_USEC_PER_SEC);
  search.rand = g_rand_new_with_seed (options->seed);

  if (!setup (&search, instance, options, error))
    goto out;

  _linli_plan_report (&search, 0, _("Reducing the instance"), TRUE);
  if (search.problem == LINLI_PLAN_PMEDIAN)
    ok = _linli_plan_build_distance_model (&search, TRUE);
  else
    {
      ok = _linli_plan_build_cover_model (&search);
      if (ok && search.problem == LINLI_PLAN_MCLP && !search.capacitated)
        ok = _linli_plan_build_distance_model (&search, FALSE);
    }
  if (!ok)
    goto out;

  if (search.problem == LINLI_PLAN_LSCP)
    {
      double most = search.model.base_weight + search.model.row_total;

      if (search.target > most + search.eps_w)
        {
          search.target_reached = FALSE;
          search.target = most;
        }
    }

  _linli_plan_search_init (&search);

  /* An instance whose columns fall into small independent parts is solved
   * part by part, exactly, before any plan is built another way.
   */
  if (!(search.split && solve_by_parts (&search)))
    {
      search.phase_start = 0.05;
      search.phase_end = 0.25;
      _linli_plan_report (&search, 0.05, _("Building a first plan"), TRUE);
      _linli_plan_initial_plans (&search);
      _linli_plan_perturb_and_improve (&search);

      if (!_linli_plan_should_stop (&search))
        {
          _linli_plan_init_multipliers (&search);
          search.phase_start = 0.25;
          search.phase_end = 0.5;
          _linli_plan_report (&search, 0.25, _("Proving the bound"), TRUE);
          _linli_plan_branch_and_bound (&search);
        }
      else
        {
          /* Out of time before the search: no node vouches for the plan,
           * the bound is the one that needs no work.
           */
          _linli_plan_note_open (&search, search.root_bound);
        }
    }
  if (search.cancelled || _linli_plan_cancelled (&search))
    goto out;

  if (search.problem == LINLI_PLAN_MCLP)
    {
      g_autofree guint8 *open = NULL;

      _linli_plan_drop_useless (&search);
      if (!search.capacitated && search.model.n_drows > 0)
        {
          open = g_memdup2 (search.inc, MAX (search.model.n_cols, 1));
          _linli_plan_local_search_swap (&search, open, TRUE);
          _linli_plan_offer (&search, open);
        }
    }
  if (search.cancelled || _linli_plan_cancelled (&search))
    goto out;

  res = make_result (&search);
  _linli_plan_report (&search, 1.0, _("Done"), TRUE);

  /* A cancel seen before returning wins, even one from the last report:
   * the caller then never has to drop a result it asked not to get.
   */
  _linli_plan_cancelled (&search);

out:
  if (search.cancelled)
    {
      g_clear_pointer (&res, linli_plan_result_free);
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Planning was cancelled"));
    }
  _linli_plan_search_clear (&search);
  return res;
}
