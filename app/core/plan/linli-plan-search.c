/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-search"

/* The search state: stopping and progress, bounds and gaps, columns fixed
 * at a node and undone on the way back up, and the value of plans.
 */

#include "config.h"

#include "linli-plan-private.h"

#include <math.h>
#include <string.h>

/*
 * Search state
 */

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

gboolean
_linli_plan_should_stop (LinliPlanSearch *self)
{
  if (self->cancelled || self->limit_hit)
    return TRUE;
  if (g_cancellable_is_cancelled (self->cancellable))
    self->cancelled = TRUE;
  else if (self->deadline > 0 && g_get_monotonic_time () >= self->deadline)
    self->limit_hit = TRUE;
  return self->cancelled || self->limit_hit;
}

/* Calls the progress function at most ten times a second, with a fraction
 * that never goes back.
 */
void
_linli_plan_report (LinliPlanSearch *self,
                    double           fraction,
                    const char      *message,
                    gboolean         force)
{
  gint64 now;

  if (self->progress == NULL)
    return;
  now = g_get_monotonic_time ();
  if (!force && now - self->last_report < G_USEC_PER_SEC / 10)
    return;
  fraction = CLAMP (fraction, self->last_fraction, 1.0);
  self->last_fraction = fraction;
  self->last_report = now;
  self->progress (fraction, message, self->user_data);
}

double
_linli_plan_elapsed (LinliPlanSearch *self)
{
  return (g_get_monotonic_time () - self->start_time) / (double) G_USEC_PER_SEC;
}

/* Relative gap between a bound and a value, as a fraction. */
double
_linli_plan_rel_gap (double bound,
                     double value)
{
  double scale = MAX (fabs (bound), fabs (value));

  if (scale == 0 || bound == value)
    return 0;
  return fabs (bound - value) / scale;
}

/* A bound rounded to the next value a plan can have: every objective is
 * a whole multiple of the grid, so a minimum of at least 1,728.996 with a
 * grid of 1 is at least 1,729.  The slack keeps rounding errors of the
 * bound from cutting off a true optimum.
 */
double
_linli_plan_round_bound (LinliPlanSearch *self,
                         double           bound)
{
  double units, slack;

  if (!self->integral || !isfinite (bound))
    return bound;
  units = bound / self->grid;
  slack = 1e-9 * MAX (1.0, fabs (units));
  return self->grid * (self->maximise ? floor (units + slack) : ceil (units - slack));
}

/* Whether nothing under a node with @bound can beat the best plan by more
 * than the gap tolerance.
 */
gboolean
_linli_plan_prunable (LinliPlanSearch *self,
                      double           bound)
{
  double b, noise;

  if (!self->has_inc)
    return FALSE;
  b = _linli_plan_round_bound (self, bound);
  /* On a grid a better plan is better by a whole step: anything within
   * half a step of the best plan is the best plan's value, whatever the
   * rounding errors of the sums.
   */
  noise = self->integral ? self->grid / 2 : 1e-9 * MAX (1.0, fabs (self->inc_value));
  if (self->maximise ? b <= self->inc_value + noise : b >= self->inc_value - noise)
    return TRUE;
  /* With whole objectives the default tolerance means exactly optimal:
   * a household short is a different plan.
   */
  if (self->integral && self->tol <= 1e-6)
    return FALSE;
  return _linli_plan_rel_gap (b, self->inc_value) <= self->tol;
}

void
_linli_plan_note_closed (LinliPlanSearch *self,
                         double           bound)
{
  bound = _linli_plan_round_bound (self, bound);
  if (self->maximise)
    self->closed_bound = MAX (self->closed_bound, bound);
  else
    self->closed_bound = MIN (self->closed_bound, bound);
}

void
_linli_plan_note_open (LinliPlanSearch *self,
                       double           bound)
{
  _linli_plan_note_closed (self, bound);
  self->incomplete = TRUE;
}

/*
 * Fixing columns at a node, undone on the way back up
 */

static void
leave_free (LinliPlanSearch *self,
            guint            c)
{
  const LinliPlanModel *model = &self->model;

  if (self->problem == LINLI_PLAN_PMEDIAN)
    return;
  for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
    self->row_nfree[model->col_row[e]]--;
}

static void
back_to_free (LinliPlanSearch *self,
              guint            c)
{
  const LinliPlanModel *model = &self->model;

  if (self->problem == LINLI_PLAN_PMEDIAN)
    return;
  for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
    self->row_nfree[model->col_row[e]]++;
}

void
_linli_plan_fix_in (LinliPlanSearch *self,
                    guint            c)
{
  const LinliPlanModel *model = &self->model;
  TrailEntry t = { c, COL_IN, self->btrail->len };

  g_assert (self->state[c] == COL_FREE);
  self->state[c] = COL_IN;
  leave_free (self, c);
  if (c < model->n_free)
    {
      /* May go negative: the node is then infeasible. */
      if (self->k >= 0)
        self->k_left--;
      if (self->use_budget)
        self->budget_left -= model->col_cost[c];
      self->in_cost += model->col_cost[c];
    }
  if (self->problem == LINLI_PLAN_PMEDIAN)
    {
      for (gsize e = model->dcol_start[c]; e < model->dcol_start[c + 1]; e++)
        {
          guint r = model->dcol_row[e];

          if (model->dcol_dist[e] < self->dbase[r])
            {
              BaseEntry b = { r, self->dbase[r] };

              g_array_append_val (self->btrail, b);
              self->dbase[r] = model->dcol_dist[e];
            }
        }
    }
  else
    {
      for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
        {
          guint r = model->col_row[e];

          if (self->fixcov[r]++ == 0)
            self->in_cover += model->row_w[r];
        }
    }
  g_array_append_val (self->trail, t);
}

void
_linli_plan_fix_out (LinliPlanSearch *self,
                     guint            c)
{
  TrailEntry t = { c, COL_OUT, self->btrail->len };

  g_assert (self->state[c] == COL_FREE);
  self->state[c] = COL_OUT;
  leave_free (self, c);
  g_array_append_val (self->trail, t);
}

void
_linli_plan_undo_to (LinliPlanSearch *self,
                     guint            mark)
{
  const LinliPlanModel *model = &self->model;

  while (self->trail->len > mark)
    {
      TrailEntry t = g_array_index (self->trail, TrailEntry, self->trail->len - 1);
      guint c = t.col;

      g_array_set_size (self->trail, self->trail->len - 1);
      if (t.op == COL_IN)
        {
          if (c < model->n_free)
            {
              if (self->k >= 0)
                self->k_left++;
              if (self->use_budget)
                self->budget_left += model->col_cost[c];
              self->in_cost -= model->col_cost[c];
            }
          if (self->problem == LINLI_PLAN_PMEDIAN)
            {
              while (self->btrail->len > t.btrail_len)
                {
                  BaseEntry b = g_array_index (self->btrail, BaseEntry, self->btrail->len - 1);

                  self->dbase[b.row] = b.base;
                  g_array_set_size (self->btrail, self->btrail->len - 1);
                }
            }
          else
            {
              for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
                {
                  guint r = model->col_row[e];

                  if (--self->fixcov[r] == 0)
                    self->in_cover -= model->row_w[r];
                }
            }
        }
      self->state[c] = COL_FREE;
      back_to_free (self, c);
    }
}

/*
 * Evaluating plans
 */

guint
_linli_plan_count_open (LinliPlanSearch *self,
                        const guint8    *open)
{
  guint n = 0;

  for (guint c = 0; c < self->model.n_free; c++)
    n += open[c] != 0;
  return n;
}

double
_linli_plan_cost_open (LinliPlanSearch *self,
                       const guint8    *open)
{
  double cost = 0;

  for (guint c = 0; c < self->model.n_free; c++)
    if (open[c])
      cost += self->model.col_cost[c];
  return cost;
}

/* Covered weight, the base included, ignoring capacities. */
static double
eval_cover (LinliPlanSearch *self,
            const guint8    *open)
{
  const LinliPlanModel *model = &self->model;
  double v = model->base_weight;

  for (guint c = 0; c < model->n_cols; c++)
    if (open[c])
      for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
        {
          guint r = model->col_row[e];

          if (!self->row_mark[r])
            {
              self->row_mark[r] = 1;
              v += model->row_w[r];
            }
        }
  for (guint c = 0; c < model->n_cols; c++)
    if (open[c])
      for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
        self->row_mark[model->col_row[e]] = 0;
  return v;
}

/* Weighted distance to the nearest open site, unreached demand at the
 * penalty distance.
 */
double
_linli_plan_eval_walk (LinliPlanSearch *self,
                       const guint8    *open)
{
  const LinliPlanModel *model = &self->model;
  double v = model->base_walk;

  for (guint r = 0; r < model->n_drows; r++)
    {
      double d = model->drow_base[r];

      for (gsize e = model->drow_start[r]; e < model->drow_start[r + 1]; e++)
        if (open[model->drow_col[e]])
          {
            d = model->drow_dist[e];
            break;
          }
      v += model->drow_w[r] * d;
    }
  return v;
}

static gboolean
plan_feasible (LinliPlanSearch *self,
               const guint8    *open)
{
  for (guint c = self->model.n_free; c < self->model.n_cols; c++)
    if (!open[c])
      return FALSE;
  if (self->k >= 0 && _linli_plan_count_open (self, open) > (guint) self->k)
    return FALSE;
  if (!_linli_plan_within_budget (self, _linli_plan_cost_open (self, open)))
    return FALSE;
  return TRUE;
}

double
_linli_plan_eval_value (LinliPlanSearch *self,
                        const guint8    *open,
                        gboolean        *feasible)
{
  *feasible = plan_feasible (self, open);
  switch (self->problem)
    {
    case LINLI_PLAN_MCLP:
      if (self->capacitated)
        return self->model.base_weight + _linli_plan_max_flow (&self->bip, open, NULL);
      return eval_cover (self, open);
    case LINLI_PLAN_LSCP:
      if (eval_cover (self, open) < self->target - self->eps_w)
        *feasible = FALSE;
      return self->fixed_value + _linli_plan_cost_open (self, open);
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      return _linli_plan_eval_walk (self, open);
    }
}

/* Keeps @open as the best plan when it is better, or, in maximal covering,
 * as good with a shorter walk.  Returns whether it was kept.
 */
gboolean
_linli_plan_offer (LinliPlanSearch *self,
                   const guint8    *open)
{
  gboolean feasible;
  double v = _linli_plan_eval_value (self, open, &feasible);
  double noise = 1e-9 * MAX (1.0, fabs (v));
  gboolean better;

  if (!feasible)
    return FALSE;
  if (!self->has_inc)
    better = TRUE;
  else if (self->maximise)
    better = v > self->inc_value + noise;
  else
    better = v < self->inc_value - noise;

  if (!better && self->has_inc && self->problem == LINLI_PLAN_MCLP && self->model.n_drows > 0 &&
      fabs (v - self->inc_value) <= noise)
    {
      double walk = _linli_plan_eval_walk (self, open);

      if (walk < self->inc_walk - 1e-9 * MAX (1.0, walk))
        {
          memcpy (self->inc, open, self->model.n_cols);
          self->inc_walk = walk;
          return TRUE;
        }
      return FALSE;
    }
  if (!better)
    return FALSE;

  memcpy (self->inc, open, self->model.n_cols);
  self->inc_value = v;
  self->has_inc = TRUE;
  g_debug ("best plan %.9g after %.2f s, node %" G_GUINT64_FORMAT, v,
           (g_get_monotonic_time () - self->start_time) / 1e6, (guint64) self->nodes);
  if (self->problem == LINLI_PLAN_MCLP && self->model.n_drows > 0)
    self->inc_walk = _linli_plan_eval_walk (self, open);
  return TRUE;
}

/*
 * Search set-up
 */

void
_linli_plan_search_init (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  guint n_any = MAX (model->n_rows, model->n_drows);
  gsize longest = 0;

  for (guint c = 0; c < model->n_cols; c++)
    longest = MAX (longest, model->col_start ? model->col_start[c + 1] - model->col_start[c] : 0);

  self->state = g_new0 (guint8, MAX (model->n_cols, 1));
  self->k_left = self->k;
  self->budget_left = self->use_budget ? self->budget : -1;
  self->fixcov = g_new0 (guint, MAX (model->n_rows, 1));
  self->row_nfree = g_new0 (guint, MAX (model->n_rows, 1));
  for (guint r = 0; r < model->n_rows; r++)
    self->row_nfree[r] = model->row_start[r + 1] - model->row_start[r];
  if (self->problem == LINLI_PLAN_PMEDIAN)
    self->dbase = g_memdup2 (model->drow_base, sizeof (double) * MAX (model->n_drows, 1));
  self->trail = g_array_new (FALSE, FALSE, sizeof (TrailEntry));
  self->btrail = g_array_new (FALSE, FALSE, sizeof (BaseEntry));
  self->mult = g_new0 (double, MAX (n_any, 1));
  self->grad = g_new0 (double, MAX (n_any, 1));
  self->acc = g_new0 (double, MAX (n_any, 1));
  self->benefit = g_new0 (double, MAX (model->n_cols, 1));
  self->best_benefit = g_new0 (double, MAX (model->n_cols, 1));
  self->branch_in = g_new0 (double, MAX (model->n_cols, 1));
  self->branch_out = g_new0 (double, MAX (model->n_cols, 1));
  self->y = g_new0 (double, MAX (model->n_cols, 1));
  if (self->capacitated)
    self->xfill = g_new0 (double, MAX (model->row_start[model->n_rows], 1));
  self->order = g_new (guint, MAX (n_any, longest) + 1);
  self->key = g_new (double, MAX (n_any, longest) + 1);
  _linli_plan_selection_init (&self->sel, model->n_cols);
  self->inc = g_new0 (guint8, MAX (model->n_cols, 1));
  self->open_tmp = g_new0 (guint8, MAX (model->n_cols, 1));
  self->row_mark = g_new0 (guint8, MAX (model->n_rows, 1));
  self->closed_bound = self->maximise ? -HUGE_VAL : HUGE_VAL;
  self->root_bound = _linli_plan_trivial_bound (self);

  self->bip.n_rows = model->n_rows;
  self->bip.n_cols = model->n_cols;
  self->bip.row_w = model->row_w;
  self->bip.row_start = model->row_start;
  self->bip.row_col = model->row_col;
  self->bip.col_cap = model->col_cap;

  /* Capacitated existing and required sites are open in every plan. */
  for (guint c = model->n_free; c < model->n_cols; c++)
    _linli_plan_fix_in (self, c);
}

void
_linli_plan_search_clear (LinliPlanSearch *self)
{
  _linli_plan_model_clear (&self->model);
  g_free (self->states);
  g_free (self->state);
  g_free (self->fixcov);
  g_free (self->row_nfree);
  g_free (self->dbase);
  if (self->trail != NULL)
    g_array_unref (self->trail);
  if (self->btrail != NULL)
    g_array_unref (self->btrail);
  g_free (self->mult);
  g_free (self->grad);
  g_free (self->acc);
  g_free (self->benefit);
  g_free (self->best_benefit);
  g_free (self->branch_in);
  g_free (self->branch_out);
  g_free (self->y);
  g_free (self->xfill);
  g_free (self->order);
  g_free (self->key);
  if (self->sel.by_value != NULL)
    _linli_plan_selection_clear (&self->sel);
  g_free (self->inc);
  g_free (self->open_tmp);
  g_free (self->row_mark);
  if (self->rand != NULL)
    g_rand_free (self->rand);
}
