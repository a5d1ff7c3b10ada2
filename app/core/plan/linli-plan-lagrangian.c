/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-lagrangian"

/* Lagrangian relaxation: the relaxed choice of columns for given benefits
 * and the subgradient optimisation of the multipliers, for each problem.
 */

#include "config.h"

#include "linli-plan-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/*
 * The relaxed choice of columns
 */

int
_linli_plan_compare_by_value (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data)
{
  const double *v = ((const LinliPlanSortData *) user_data)->values;
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
  const double *v = ((const LinliPlanSortData *) user_data)->values;
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
  const LinliPlanSortData *d = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  double cx = d->costs[x], cy = d->costs[y];
  double lhs, rhs;

  if ((cx <= 0) != (cy <= 0))
    return cx <= 0 ? -1 : 1;
  if (cx <= 0)
    return _linli_plan_compare_by_value (a, b, user_data);
  lhs = d->values[x] * cy;
  rhs = d->values[y] * cx;
  if (lhs != rhs)
    return lhs > rhs ? -1 : 1;
  return (x > y) - (x < y);
}

/* Ties go to the lower index, so every order is fully determined. */
void
_linli_plan_sort_cols_by_value (guint        *cols,
                                guint         n,
                                const double *values)
{
  LinliPlanSortData d = { values, NULL };

  g_qsort_with_data (cols, n, sizeof (guint), _linli_plan_compare_by_value, &d);
}

#define SWAP_GUINT(a, b) G_STMT_START { guint t_ = (a); (a) = (b); (b) = t_; } G_STMT_END

/* Moves the @m first columns of @cols in the order of
 * _linli_plan_compare_by_value to its front, sorted; the rest follow in no
 * particular (but determined) order.  With p sites to choose among
 * thousands of columns, a relaxation needs only its best p + 1.
 */
static void
select_cols_by_value (guint        *cols,
                      guint         n,
                      guint         m,
                      const double *values)
{
  LinliPlanSortData d = { values, NULL };
  guint lo = 0, hi = n;

  if (m >= n)
    {
      _linli_plan_sort_cols_by_value (cols, n, values);
      return;
    }
  /* Quickselect: afterwards cols[0, m) are the m first, in any order. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2, i = lo, j = hi - 1, pivot;

      /* Median of three as the pivot, kept at hi - 1. */
      if (_linli_plan_compare_by_value (&cols[mid], &cols[lo], &d) < 0)
        SWAP_GUINT (cols[mid], cols[lo]);
      if (_linli_plan_compare_by_value (&cols[j], &cols[lo], &d) < 0)
        SWAP_GUINT (cols[j], cols[lo]);
      if (_linli_plan_compare_by_value (&cols[mid], &cols[j], &d) < 0)
        SWAP_GUINT (cols[mid], cols[j]);
      pivot = cols[j];
      for (guint t = lo; t < j; t++)
        if (_linli_plan_compare_by_value (&cols[t], &pivot, &d) < 0)
          {
            SWAP_GUINT (cols[t], cols[i]);
            i++;
          }
      SWAP_GUINT (cols[i], cols[j]);
      /* cols[lo, i) come before the pivot, now at i; cols(i, hi) after. */
      if (i == m || i + 1 == m)
        break;
      if (m < i)
        hi = i;
      else
        lo = i + 1;
    }
  _linli_plan_sort_cols_by_value (cols, m, values);
}

static void
sort_by_key_up (guint        *items,
                guint         n,
                const double *keys)
{
  LinliPlanSortData d = { keys, NULL };

  g_qsort_with_data (items, n, sizeof (guint), compare_by_key_up, &d);
}

static void
sort_cols_by_ratio (guint        *cols,
                    guint         n,
                    const double *values,
                    const double *costs)
{
  LinliPlanSortData d = { values, costs };

  g_qsort_with_data (cols, n, sizeof (guint), compare_by_ratio, &d);
}

void
_linli_plan_selection_init (LinliPlanSelection *s,
                            guint               n_cols)
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

void
_linli_plan_selection_clear (LinliPlanSelection *s)
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
sel_frac (LinliPlanSearch *self,
          const double    *b,
          double           capacity,
          int              e)
{
  LinliPlanSelection *s = &self->sel;
  const double *cost = self->model.col_cost;
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
sel_top_without (LinliPlanSelection *s,
                 guint               slots,
                 int                 pos)
{
  guint kk = MIN (slots, s->n);

  if (pos < 0 || (guint) pos >= kk)
    return s->pv[kk];
  return s->pv[MIN (kk + 1, s->n)] - (s->pv[pos + 1] - s->pv[pos]);
}

/* Chooses columns for benefits @b: fills self->sel and self->y. */
static void
sel_compute (LinliPlanSearch *self,
             const double    *b)
{
  LinliPlanSelection *s = &self->sel;
  const LinliPlanModel *model = &self->model;

  s->n = 0;
  for (guint c = 0; c < model->n_free; c++)
    {
      s->pos_value[c] = -1;
      s->pos_ratio[c] = -1;
      self->y[c] = 0;
      if (self->state[c] == COL_FREE && b[c] > 0)
        s->by_value[s->n++] = c;
    }
  s->limited = self->k >= 0;
  s->slots = s->limited ? (guint) MAX (self->k_left, 0) : s->n;
  /* A limited choice reads the first slots + 1 (sel_top_without), the
   * heuristics the first slots: only those are ordered and summed.
   */
  s->n_ordered = s->limited ? MIN (s->slots + 1, s->n) : s->n;
  select_cols_by_value (s->by_value, s->n, s->n_ordered, b);
  s->pv[0] = 0;
  for (guint i = 0; i < s->n_ordered; i++)
    {
      s->pv[i + 1] = s->pv[i] + b[s->by_value[i]];
      s->pos_value[s->by_value[i]] = i;
    }
  s->top = s->pv[MIN (s->slots, s->n)];

  s->knap = self->use_budget;
  s->knap_value = HUGE_VAL;
  if (s->knap)
    {
      memcpy (s->by_ratio, s->by_value, sizeof (guint) * s->n);
      sort_cols_by_ratio (s->by_ratio, s->n, b, model->col_cost);
      s->kc[0] = s->kv[0] = 0;
      for (guint i = 0; i < s->n; i++)
        {
          s->kc[i + 1] = s->kc[i] + model->col_cost[s->by_ratio[i]];
          s->kv[i + 1] = s->kv[i] + b[s->by_ratio[i]];
          s->pos_ratio[s->by_ratio[i]] = i;
        }
      s->capacity = MAX (self->budget_left, 0);
      s->knap_value = sel_frac (self, b, s->capacity, -1);
    }
  s->value = MIN (s->top, s->knap_value);

  if (!s->knap || s->top <= s->knap_value)
    {
      for (guint i = 0; i < MIN (s->slots, s->n); i++)
        self->y[s->by_value[i]] = 1;
    }
  else
    {
      double left = s->capacity;

      for (guint i = 0; i < s->n && left > 0; i++)
        {
          guint c = s->by_ratio[i];
          double cost = model->col_cost[c];

          self->y[c] = cost <= left ? 1 : left / cost;
          left -= MIN (cost, left);
        }
    }
}

/* The relaxed choice with column @c forced in or out; -HUGE_VAL when
 * forcing it in leaves no room.
 */
double
_linli_plan_selection_force (LinliPlanSearch *self,
                             const double    *b,
                             guint            c,
                             gboolean         in)
{
  LinliPlanSelection *s = &self->sel;
  double top, knap = HUGE_VAL;

  if (in)
    {
      if (s->limited && self->k_left <= 0)
        return -HUGE_VAL;
      top = b[c] + sel_top_without (s, s->limited ? (guint) self->k_left - 1 : s->n,
                                    s->pos_value[c]);
      if (s->knap)
        {
          if (self->model.col_cost[c] > s->capacity + 1e-9 * MAX (1.0, s->capacity))
            return -HUGE_VAL;
          knap = b[c] + sel_frac (self, b, MAX (s->capacity - self->model.col_cost[c], 0),
                                  s->pos_ratio[c]);
        }
    }
  else
    {
      top = sel_top_without (s, s->limited ? (guint) MAX (self->k_left, 0) : s->n, s->pos_value[c]);
      if (s->knap)
        knap = sel_frac (self, b, s->capacity, s->pos_ratio[c]);
    }
  return MIN (top, knap);
}

/*
 * Lagrangian relaxation
 */

/* The subgradient of the covering Lagrangian from the covered weight each
 * row got (self->acc), projected onto the box 0 <= mult <= 1, shared by the
 * uncapacitated and the capacitated evaluations.
 *
 * Returns: the Lagrangian value
 */
static double
finish_covering_gradient (LinliPlanSearch *self,
                          double           cst)
{
  const LinliPlanModel *model = &self->model;

  self->gnorm2 = 0;
  for (guint r = 0; r < model->n_rows; r++)
    {
      double g = 0;

      if (_linli_plan_row_active (self, r))
        {
          g = model->row_w[r] - self->acc[r];
          if ((self->mult[r] <= 0 && g > 0) || (self->mult[r] >= 1 && g < 0))
            g = 0;
        }
      self->grad[r] = g;
      self->gnorm2 += g * g;
    }
  self->lr_const = cst;
  return cst + self->sel.value;
}

/* Maximal covering, coverage constraints relaxed with a price 1 - mult[r]
 * per unit of weight of row r: every row contributes mult[r] × its weight,
 * and every chosen column the price of the rows it covers.
 */
static double
lr_eval_cover (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  double cst = model->base_weight + self->in_cover;

  for (guint r = 0; r < model->n_rows; r++)
    if (_linli_plan_row_active (self, r))
      cst += self->mult[r] * model->row_w[r];
  for (guint c = 0; c < model->n_free; c++)
    {
      double v = 0;

      if (self->state[c] != COL_FREE)
        continue;
      for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
        {
          guint r = model->col_row[e];

          if (_linli_plan_row_active (self, r))
            v += (1 - self->mult[r]) * model->row_w[r];
        }
      self->benefit[c] = v;
    }
  sel_compute (self, self->benefit);

  for (guint r = 0; r < model->n_rows; r++)
    self->acc[r] = 0;
  for (guint c = 0; c < model->n_free; c++)
    if (self->y[c] > 0)
      for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
        self->acc[model->col_row[e]] += self->y[c] * model->row_w[model->col_row[e]];
  return finish_covering_gradient (self, cst);
}

/* The weight column @c takes at prices 1 - mult: the dearest rows first up
 * to its capacity.  Writes each entry's share to self->xfill.
 */
static double
fill_column (LinliPlanSearch *self,
             guint            c)
{
  const LinliPlanModel *model = &self->model;
  gsize start = model->col_start[c], len = model->col_start[c + 1] - start;
  double total = 0, value = 0, left = model->col_cap[c];
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint r = model->col_row[start + i];
      double price = _linli_plan_row_active (self, r) ? 1 - self->mult[r] : 0;

      self->xfill[start + i] = 0;
      if (price > 0)
        {
          total += model->row_w[r];
          self->key[n] = -price;
          self->order[n] = i;
          n++;
        }
    }
  if (left >= total)
    {
      for (guint j = 0; j < n; j++)
        {
          gsize e = start + self->order[j];

          self->xfill[e] = model->row_w[model->col_row[e]];
          value += -self->key[j] * self->xfill[e];
        }
      return value;
    }

  /* Sort the positions by price; key[] is indexed by position in order[]. */
  {
    g_autofree guint *idx = g_new (guint, MAX (n, 1));
    g_autofree double *k = g_memdup2 (self->key, sizeof (double) * MAX (n, 1));

    for (guint j = 0; j < n; j++)
      idx[j] = j;
    sort_by_key_up (idx, n, k);
    for (guint j = 0; j < n && left > 0; j++)
      {
        gsize e = start + self->order[idx[j]];
        double take = MIN (left, model->row_w[model->col_row[e]]);

        self->xfill[e] = take;
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
lr_eval_cap (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  double cst = model->base_weight;

  for (guint r = 0; r < model->n_rows; r++)
    if (_linli_plan_row_active (self, r))
      cst += self->mult[r] * model->row_w[r];
  for (guint c = 0; c < model->n_cols; c++)
    {
      double v;

      if (self->state[c] == COL_OUT)
        continue;
      v = fill_column (self, c);
      if (self->state[c] == COL_IN)
        cst += v;
      else
        self->benefit[c] = v;
    }
  sel_compute (self, self->benefit);

  for (guint r = 0; r < model->n_rows; r++)
    self->acc[r] = 0;
  for (guint c = 0; c < model->n_cols; c++)
    {
      double share = self->state[c] == COL_IN ? 1 : (c < model->n_free ? self->y[c] : 0);

      if (share > 0 && self->state[c] != COL_OUT)
        for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
          self->acc[model->col_row[e]] += share * self->xfill[e];
    }
  return finish_covering_gradient (self, cst);
}

/* Set covering: coverage constraints relaxed with prices mult >= 0; the
 * covered weight must still reach the target, which is kept as a
 * fractional knapsack over the rows (cheapest price per unit first).
 */
static double
lr_eval_lscp (LinliPlanSearch *self,
              gboolean        *infeasible)
{
  const LinliPlanModel *model = &self->model;
  double need = self->target - model->base_weight - self->in_cover;
  double avail = 0, zk = 0, left;
  guint n = 0;

  for (guint r = 0; r < model->n_rows; r++)
    {
      self->grad[r] = 0;
      if (_linli_plan_row_active (self, r))
        {
          self->order[n++] = r;
          self->key[r] = self->mult[r] / model->row_w[r];
          avail += model->row_w[r];
        }
    }
  if (avail < need - self->eps_w)
    {
      *infeasible = TRUE;
      return HUGE_VAL;
    }
  sort_by_key_up (self->order, n, self->key);
  left = need;
  for (guint i = 0; i < n && left > 0; i++)
    {
      guint r = self->order[i];
      double z = MIN (1.0, left / model->row_w[r]);

      self->grad[r] = z;
      zk += z * self->mult[r];
      left -= z * model->row_w[r];
    }

  for (guint c = 0; c < model->n_free; c++)
    {
      double v = 0;

      if (self->state[c] != COL_FREE)
        continue;
      for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
        if (_linli_plan_row_active (self, model->col_row[e]))
          v += self->mult[model->col_row[e]];
      self->benefit[c] = v - model->col_cost[c];
    }
  sel_compute (self, self->benefit);

  for (guint r = 0; r < model->n_rows; r++)
    self->acc[r] = 0;
  for (guint c = 0; c < model->n_free; c++)
    if (self->y[c] > 0)
      for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
        self->acc[model->col_row[e]] += self->y[c];
  self->gnorm2 = 0;
  for (guint r = 0; r < model->n_rows; r++)
    {
      double g = 0;

      if (_linli_plan_row_active (self, r))
        {
          g = self->grad[r] - self->acc[r];
          if (self->mult[r] <= 0 && g < 0)
            g = 0;
        }
      self->grad[r] = g;
      self->gnorm2 += g * g;
    }
  self->lr_const = self->fixed_value + self->in_cost + zk;
  return self->lr_const - self->sel.value;
}

/* p-median: assignment constraints relaxed with mult[r] <= weight × base,
 * the cost of leaving the row with its base.  Rows hold their columns
 * nearest first, so a row stops at the first column its price does not
 * reach: at large p a price reaches a handful of columns, and an
 * evaluation reads those instead of every (row, column) pair (800 nodes,
 * p = 266: 640,000 pairs a step before, a few thousand now).
 */
static double
lr_eval_pmed (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  double cst = model->base_walk;

  for (guint c = 0; c < model->n_free; c++)
    self->benefit[c] = 0;
  for (guint r = 0; r < model->n_drows; r++)
    {
      double w = model->drow_w[r];
      double m = CLAMP (self->mult[r], 0, w * self->dbase[r]);

      self->mult[r] = m;
      cst += m;
      for (gsize e = model->drow_start[r]; e < model->drow_start[r + 1]; e++)
        {
          double s = m - w * model->drow_dist[e];
          guint c = model->drow_col[e];

          if (s <= 0)
            break;
          if (c < model->n_free && self->state[c] == COL_FREE)
            self->benefit[c] += s;
        }
    }
  sel_compute (self, self->benefit);

  self->gnorm2 = 0;
  for (guint r = 0; r < model->n_drows; r++)
    {
      double w = model->drow_w[r];
      double m = self->mult[r];
      double ub = w * self->dbase[r];
      double g = 1;

      for (gsize e = model->drow_start[r]; e < model->drow_start[r + 1]; e++)
        {
          guint c = model->drow_col[e];

          if (w * model->drow_dist[e] >= m)
            break;
          if (c < model->n_free && self->y[c] > 0)
            g -= self->y[c];
        }
      if ((m >= ub && g > 0) || (m <= 0 && g < 0))
        g = 0;
      self->grad[r] = g;
      self->gnorm2 += g * g;
    }
  self->lr_const = cst;
  return cst - self->sel.value;
}

static double
lr_eval (LinliPlanSearch *self,
         gboolean        *infeasible)
{
  switch (self->problem)
    {
    case LINLI_PLAN_MCLP:
      return self->capacitated ? lr_eval_cap (self) : lr_eval_cover (self);
    case LINLI_PLAN_LSCP:
      return lr_eval_lscp (self, infeasible);
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      return lr_eval_pmed (self);
    }
}

static void
lr_step (LinliPlanSearch *self,
         double           t)
{
  const LinliPlanModel *model = &self->model;

  switch (self->problem)
    {
    case LINLI_PLAN_MCLP:
      for (guint r = 0; r < model->n_rows; r++)
        if (self->grad[r] != 0)
          self->mult[r] = CLAMP (self->mult[r] - t * self->grad[r], 0, 1);
      break;
    case LINLI_PLAN_LSCP:
      for (guint r = 0; r < model->n_rows; r++)
        if (self->grad[r] != 0)
          self->mult[r] = MAX (self->mult[r] + t * self->grad[r], 0);
      break;
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      for (guint r = 0; r < model->n_drows; r++)
        if (self->grad[r] != 0)
          self->mult[r] = CLAMP (self->mult[r] + t * self->grad[r], 0,
                                 model->drow_w[r] * self->dbase[r]);
      break;
    }
}

/* Subgradient optimisation at the current node, Polyak steps towards the
 * best plan's value, the step factor halved when the bound stalls.  Returns
 * the best bound seen; self->benefit, self->lr_const, self->sel and self->y
 * are left at the multipliers that gave it, for fixing and branching.
 */
double
_linli_plan_lagrange (LinliPlanSearch *self,
                      guint            max_iter,
                      guint            patience,
                      double           theta,
                      gboolean         root,
                      gboolean        *infeasible)
{
  double best = self->maximise ? HUGE_VAL : -HUGE_VAL;
  gboolean have = FALSE;
  guint stall = 0, steps = 0;

  *infeasible = FALSE;
  for (guint it = 0; it < max_iter; it++)
    {
      double L, gap;
      gboolean improved;

      if (_linli_plan_should_stop (self))
        break;
      steps++;
      L = lr_eval (self, infeasible);
      if (*infeasible)
        return best;
      improved = self->maximise ? L < best - 1e-12 * fabs (best) : L > best + 1e-12 * fabs (best);
      if (!have || improved)
        {
          best = L;
          have = TRUE;
          stall = 0;
          memcpy (self->best_benefit, self->benefit, sizeof (double) * self->model.n_cols);
          self->best_const = self->lr_const;
        }
      else
        stall++;
      if (_linli_plan_prunable (self, best) || self->gnorm2 <= 1e-18)
        break;
      if (stall >= patience)
        {
          theta /= 2;
          stall = 0;
          if (theta < 1e-4)
            break;
        }
      gap = self->has_inc ? fabs (L - self->inc_value) : 0.1 * fabs (L) + 1;
      gap = MAX (gap, 1e-7 * MAX (1.0, fabs (L)));
      lr_step (self, theta * gap / self->gnorm2);
      if (root)
        {
          if (it % 20 == 19)
            _linli_plan_lr_heuristic (self);
          _linli_plan_report (self,
                              self->phase_start +
                              (self->phase_end - self->phase_start) * (it + 1) / max_iter,
                              _("Proving the bound"), FALSE);
        }
    }
  if (root)
    g_debug ("root relaxation: %u steps, bound %.9g, step factor %g", steps, best, theta);
  if (have)
    {
      memcpy (self->benefit, self->best_benefit, sizeof (double) * self->model.n_cols);
      self->lr_const = self->best_const;
      sel_compute (self, self->benefit);
    }
  self->theta = theta;
  return best;
}
