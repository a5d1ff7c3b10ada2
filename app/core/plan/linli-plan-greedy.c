/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-greedy"

/* Building plans (lazy greedy) and improving them (swap local search,
 * seeded restarts): the heuristics that find good plans quickly.
 */

#include "config.h"

#include "linli-plan-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/*
 * A max-heap for lazy greedy
 */

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

/*
 * Building plans: greedy
 */

double
_linli_plan_cover_counts (LinliPlanSearch *self,
                          const guint8    *open,
                          guint           *cnt)
{
  const LinliPlanModel *model = &self->model;
  double v = model->base_weight;

  memset (cnt, 0, sizeof (guint) * MAX (model->n_rows, 1));
  for (guint c = 0; c < model->n_cols; c++)
    if (open[c])
      for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
        if (cnt[model->col_row[e]]++ == 0)
          v += model->row_w[model->col_row[e]];
  return v;
}

static double
cover_gain (LinliPlanSearch *self,
            const guint     *cnt,
            guint            c)
{
  const LinliPlanModel *model = &self->model;
  double g = 0;

  for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
    if (cnt[model->col_row[e]] == 0)
      g += model->row_w[model->col_row[e]];
  return g;
}

/* Distance of each distance row to the nearest open column or its base. */
void
_linli_plan_walk_current (LinliPlanSearch *self,
                          const guint8    *open,
                          double          *cur)
{
  const LinliPlanModel *model = &self->model;

  for (guint r = 0; r < model->n_drows; r++)
    {
      cur[r] = model->drow_base[r];
      for (gsize e = model->drow_start[r]; e < model->drow_start[r + 1]; e++)
        if (open[model->drow_col[e]])
          {
            cur[r] = model->drow_dist[e];
            break;
          }
    }
}

static double
walk_gain (LinliPlanSearch *self,
           const double    *cur,
           guint            c)
{
  const LinliPlanModel *model = &self->model;
  double g = 0;

  for (gsize e = model->dcol_start[c]; e < model->dcol_start[c + 1]; e++)
    {
      guint r = model->dcol_row[e];

      if (model->dcol_dist[e] < cur[r])
        g += model->drow_w[r] * (cur[r] - model->dcol_dist[e]);
    }
  return g;
}

static inline double
greedy_key (LinliPlanSearch *self,
            double           gain,
            guint            c,
            gboolean         by_ratio)
{
  if (!by_ratio)
    return gain;
  return gain / MAX (self->model.col_cost[c], 1e-9);
}

static guint
slots_left (LinliPlanSearch *self,
            const guint8    *open)
{
  guint n;

  if (self->k < 0)
    return G_MAXUINT;
  n = _linli_plan_count_open (self, open);
  return n >= (guint) self->k ? 0 : (guint) self->k - n;
}

static double
budget_left_of (LinliPlanSearch *self,
                const guint8    *open)
{
  if (!self->use_budget)
    return HUGE_VAL;
  return self->budget - _linli_plan_cost_open (self, open);
}

/* Lazy greedy for the uncapacitated problems: gains only shrink as sites
 * open (coverage and walk savings are submodular), so a stale gain is an
 * upper bound and only the top of the heap needs recomputing.  Maximal
 * covering and p-median add sites while slots and budget last and a site
 * still helps; set covering adds them until the target is met.
 */
static void
greedy_fill (LinliPlanSearch *self,
             guint8          *open,
             const guint8    *allowed,
             gboolean         by_ratio)
{
  const LinliPlanModel *model = &self->model;
  gboolean walk = self->problem == LINLI_PLAN_PMEDIAN;
  g_autoptr (GArray) heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  g_autofree guint *cnt = NULL;
  g_autofree double *cur = NULL;
  guint slots = slots_left (self, open);
  double money = budget_left_of (self, open);
  double covered = 0;

  if (walk)
    {
      cur = g_new (double, MAX (model->n_drows, 1));
      _linli_plan_walk_current (self, open, cur);
    }
  else
    {
      cnt = g_new (guint, MAX (model->n_rows, 1));
      covered = _linli_plan_cover_counts (self, open, cnt);
    }

  for (guint c = 0; c < model->n_free; c++)
    if (allowed[c] && !open[c])
      {
        double g = walk ? walk_gain (self, cur, c) : cover_gain (self, cnt, c);

        if (g > 0)
          heap_push (heap, greedy_key (self, g, c, by_ratio), c);
      }

  while (slots > 0 && heap->len > 0)
    {
      HeapItem top;
      double g, key;

      if (self->problem == LINLI_PLAN_LSCP && covered >= self->target - self->eps_w)
        break;
      top = heap_pop (heap);
      if (self->use_budget && model->col_cost[top.col] > money + 1e-9 * MAX (1.0, money))
        continue;
      g = walk ? walk_gain (self, cur, top.col) : cover_gain (self, cnt, top.col);
      if (g <= 1e-12)
        continue;
      key = greedy_key (self, g, top.col, by_ratio);
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
      money -= model->col_cost[top.col];
      if (walk)
        {
          for (gsize e = model->dcol_start[top.col]; e < model->dcol_start[top.col + 1]; e++)
            cur[model->dcol_row[e]] = MIN (cur[model->dcol_row[e]], model->dcol_dist[e]);
        }
      else
        {
          for (gsize e = model->col_start[top.col]; e < model->col_start[top.col + 1]; e++)
            if (cnt[model->col_row[e]]++ == 0)
              covered += model->row_w[model->col_row[e]];
        }
    }
}

/* Greedy for the capacitated problem.  The weight a site would add depends
 * on how the others are loaded, so each step estimates it from the weight
 * left unserved around each candidate and settles between the few best
 * estimates with exact flows.
 */
static void
greedy_fill_cap (LinliPlanSearch *self,
                 guint8          *open,
                 const guint8    *allowed,
                 gboolean         by_ratio)
{
  const LinliPlanModel *model = &self->model;
  g_autofree double *served = g_new (double, MAX (model->n_rows, 1));
  g_autofree double *est = g_new (double, MAX (model->n_cols, 1));
  g_autofree guint *cands = g_new (guint, MAX (model->n_cols, 1));
  guint slots = slots_left (self, open);
  double money = budget_left_of (self, open);
  double flow = _linli_plan_max_flow (&self->bip, open, served);

  while (slots > 0)
    {
      guint n = 0, best = G_MAXUINT;
      double best_key = 0;

      if (_linli_plan_should_stop (self))
        break;
      for (guint c = 0; c < model->n_free; c++)
        {
          double left = 0;

          if (!allowed[c] || open[c] ||
              (self->use_budget && model->col_cost[c] > money + 1e-9 * MAX (1.0, money)))
            continue;
          for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
            left += model->row_w[model->col_row[e]] - served[model->col_row[e]];
          left = MIN (left, model->col_cap[c]);
          if (left > 1e-9)
            {
              est[c] = greedy_key (self, left, c, by_ratio);
              cands[n++] = c;
            }
        }
      if (n == 0)
        break;
      _linli_plan_sort_cols_by_value (cands, n, est);
      for (guint i = 0; i < MIN (n, 6u); i++)
        {
          guint c = cands[i];
          double f, key;

          open[c] = 1;
          f = _linli_plan_max_flow (&self->bip, open, NULL);
          open[c] = 0;
          key = greedy_key (self, f - flow, c, by_ratio);
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
      money -= model->col_cost[best];
      flow = _linli_plan_max_flow (&self->bip, open, served);
    }
}

static void
fill (LinliPlanSearch *self,
      guint8          *open,
      const guint8    *allowed,
      gboolean         by_ratio)
{
  if (self->capacitated)
    greedy_fill_cap (self, open, allowed, by_ratio);
  else
    greedy_fill (self, open, allowed, by_ratio);
}

/*
 * Improving plans: swaps
 */

/* Swap bookkeeping for walks (the fast interchange of Whitaker, as
 * Resende and Werneck describe it): for the plan @open, the walk saved by
 * opening each closed column (gain), lost by closing each open one (loss),
 * and the correction for each pair (extra), so that closing open[a] and
 * opening c saves gain[c] - loss[a] + extra[a × n_cols + c].
 */
static void
walk_swap_data (LinliPlanSearch *self,
                const guint8    *open,
                const int       *open_pos,
                guint            n_open,
                double          *gain,
                double          *loss,
                double          *extra)
{
  const LinliPlanModel *model = &self->model;
  guint n_cols = model->n_cols;

  memset (gain, 0, sizeof (double) * n_cols);
  memset (loss, 0, sizeof (double) * MAX (n_open, 1));
  memset (extra, 0, sizeof (double) * n_open * n_cols);
  for (guint r = 0; r < model->n_drows; r++)
    {
      double w = model->drow_w[r], d1 = model->drow_base[r], d2 = model->drow_base[r];
      int n1 = -1;

      for (gsize e = model->drow_start[r]; e < model->drow_start[r + 1]; e++)
        if (open[model->drow_col[e]])
          {
            if (n1 < 0)
              {
                n1 = model->drow_col[e];
                d1 = model->drow_dist[e];
              }
            else
              {
                d2 = model->drow_dist[e];
                break;
              }
          }
      for (gsize e = model->drow_start[r];
           e < model->drow_start[r + 1] && model->drow_dist[e] < d1; e++)
        gain[model->drow_col[e]] += w * (d1 - model->drow_dist[e]);
      if (n1 >= 0 && open_pos[n1] >= 0)
        {
          double *ex = &extra[(gsize) open_pos[n1] * n_cols];

          loss[open_pos[n1]] += w * (d2 - d1);
          for (gsize e = model->drow_start[r];
               e < model->drow_start[r + 1] && model->drow_dist[e] < d2; e++)
            if (!open[model->drow_col[e]])
              ex[model->drow_col[e]] += w * (d2 - MAX (model->drow_dist[e], d1));
        }
    }
}

/* The same bookkeeping for covered weight. */
static double
cover_swap_data (LinliPlanSearch *self,
                 const guint8    *open,
                 const int       *open_pos,
                 guint            n_open,
                 guint           *cnt,
                 double          *gain,
                 double          *loss,
                 double          *extra)
{
  const LinliPlanModel *model = &self->model;
  guint n_cols = model->n_cols;
  double covered = _linli_plan_cover_counts (self, open, cnt);

  memset (loss, 0, sizeof (double) * MAX (n_open, 1));
  memset (extra, 0, sizeof (double) * n_open * n_cols);
  for (guint c = 0; c < n_cols; c++)
    {
      gain[c] = 0;
      if (open[c])
        {
          int a = open_pos[c];

          for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
            {
              guint r = model->col_row[e];

              if (cnt[r] != 1 || a < 0)
                continue;
              loss[a] += model->row_w[r];
              for (gsize f = model->row_start[r]; f < model->row_start[r + 1]; f++)
                if (!open[model->row_col[f]])
                  extra[(gsize) a * n_cols + model->row_col[f]] += model->row_w[r];
            }
        }
      else
        gain[c] = cover_gain (self, cnt, c);
    }
  return covered;
}

/* Lists the open decision columns; open_pos maps a column to its place. */
static guint
list_open (LinliPlanSearch *self,
           const guint8    *open,
           guint           *opens,
           int             *open_pos)
{
  guint n = 0;

  for (guint c = 0; c < self->model.n_cols; c++)
    {
      open_pos[c] = -1;
      if (open[c] && c < self->model.n_free)
        {
          open_pos[c] = n;
          opens[n++] = c;
        }
    }
  return n;
}

static gboolean
swap_affordable (LinliPlanSearch *self,
                 double           cost_now,
                 guint            out,
                 guint            in)
{
  const LinliPlanModel *model = &self->model;

  if (!self->use_budget)
    return TRUE;
  return _linli_plan_within_budget (self, cost_now - model->col_cost[out] + model->col_cost[in]);
}

/* Local search for maximal covering and p-median: add a site while there
 * is room and it helps, else make the best improving swap.  With @polish,
 * once nothing improves the objective, swaps that keep the covered weight
 * and shorten the walk are made too: that is how ties between equally
 * covering plans are broken.
 */
void
_linli_plan_local_search_swap (LinliPlanSearch *self,
                               guint8          *open,
                               gboolean         polish)
{
  const LinliPlanModel *model = &self->model;
  guint n_cols = model->n_cols;
  gboolean cover = self->problem != LINLI_PLAN_PMEDIAN;
  g_autofree guint *opens = g_new (guint, MAX (n_cols, 1));
  g_autofree int *open_pos = g_new (int, MAX (n_cols, 1));
  g_autofree guint *cnt = g_new (guint, MAX (model->n_rows, 1));
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
      guint slots = slots_left (self, open), best_a = 0, best_c = G_MAXUINT;

      if (_linli_plan_should_stop (self))
        break;
      n_open = list_open (self, open, opens, open_pos);

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
        value = cover_swap_data (self, open, open_pos, n_open, cnt, gain, loss, extra);
      else
        {
          walk_swap_data (self, open, open_pos, n_open, gain, loss, extra);
          value = self->has_inc ? self->inc_value : 1;
        }
      noise = 1e-9 * MAX (1.0, fabs (value));
      cost_now = _linli_plan_cost_open (self, open);

      /* Room left: the best single addition. */
      if (slots > 0)
        {
          guint add = G_MAXUINT;

          for (guint c = 0; c < model->n_free; c++)
            if (_linli_plan_col_is_free_decision (self, c) && !open[c] && gain[c] > noise &&
                (!self->use_budget ||
                 _linli_plan_within_budget (self, cost_now + model->col_cost[c])) &&
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

          for (guint c = 0; c < model->n_free; c++)
            {
              double d;

              if (open[c] || !_linli_plan_col_is_free_decision (self, c))
                continue;
              d = gain[c] - loss[a] + ex[c];
              if (d > best_d + noise && swap_affordable (self, cost_now, opens[a], c))
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

      if (!polish || !cover || model->n_drows == 0 || polish_moves >= 2 * n_open + 10)
        break;

      /* Nothing covers more: look for a swap that covers as much and
       * shortens the walk.
       */
      walk_swap_data (self, open, open_pos, n_open, wgain, wloss, wextra);
      best_d = 0;
      for (guint a = 0; a < n_open; a++)
        for (guint c = 0; c < model->n_free; c++)
          {
            double d, w;

            if (open[c] || !_linli_plan_col_is_free_decision (self, c))
              continue;
            d = gain[c] - loss[a] + extra[(gsize) a * n_cols + c];
            if (fabs (d) > noise)
              continue;
            w = wgain[c] - wloss[a] + wextra[(gsize) a * n_cols + c];
            if (w > best_d + 1e-9 * MAX (1.0, w) && swap_affordable (self, cost_now, opens[a], c))
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
local_search_cap (LinliPlanSearch *self,
                  guint8          *open)
{
  const LinliPlanModel *model = &self->model;
  g_autofree double *served = g_new (double, MAX (model->n_rows, 1));
  g_autofree double *est = g_new (double, MAX (model->n_cols, 1));
  g_autofree guint *cands = g_new (guint, MAX (model->n_cols, 1));
  gsize work = 0, work_limit = 40000000;
  gsize nnz = model->row_start[model->n_rows] + model->n_rows + 1;
  double cur = _linli_plan_max_flow (&self->bip, open, NULL);
  gboolean improved = TRUE;
  g_autofree guint8 *allowed = g_new (guint8, MAX (model->n_cols, 1));

  for (guint c = 0; c < model->n_cols; c++)
    allowed[c] = _linli_plan_col_is_free_decision (self, c);

  while (improved && work < work_limit && !_linli_plan_should_stop (self))
    {
      double money = budget_left_of (self, open);

      improved = FALSE;
      if (slots_left (self, open) > 0)
        {
          guint before = _linli_plan_count_open (self, open);

          greedy_fill_cap (self, open, allowed, FALSE);
          if (_linli_plan_count_open (self, open) > before)
            {
              cur = _linli_plan_max_flow (&self->bip, open, NULL);
              improved = TRUE;
              continue;
            }
        }
      for (guint o = 0; o < model->n_free && !improved; o++)
        {
          guint n = 0;

          if (!open[o])
            continue;
          if (_linli_plan_should_stop (self) || work >= work_limit)
            break;
          open[o] = 0;
          _linli_plan_max_flow (&self->bip, open, served);
          work += nnz;
          for (guint c = 0; c < model->n_free; c++)
            {
              double left = 0;

              /* money was counted with o open. */
              if (!allowed[c] || open[c] || c == o ||
                  !_linli_plan_within_budget (self, self->budget - money -
                                                    model->col_cost[o] + model->col_cost[c]))
                continue;
              for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
                left += model->row_w[model->col_row[e]] - served[model->col_row[e]];
              est[c] = MIN (left, model->col_cap[c]);
              if (est[c] > 1e-9)
                cands[n++] = c;
            }
          _linli_plan_sort_cols_by_value (cands, n, est);
          for (guint i = 0; i < MIN (n, 8u) && !improved; i++)
            {
              double f;

              open[cands[i]] = 1;
              f = _linli_plan_max_flow (&self->bip, open, NULL);
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
lscp_open (LinliPlanSearch *self,
           LscpWork        *w,
           guint8          *open,
           guint            c,
           gboolean         on)
{
  const LinliPlanModel *model = &self->model;

  open[c] = on;
  for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
    {
      guint r = model->col_row[e];

      if (on && w->cnt[r]++ == 0)
        w->covered += model->row_w[r];
      else if (!on && --w->cnt[r] == 0)
        w->covered -= model->row_w[r];
    }
}

static double
lscp_loss (LinliPlanSearch *self,
           LscpWork        *w,
           guint            c)
{
  const LinliPlanModel *model = &self->model;
  double loss = 0;

  for (gsize e = model->col_start[c]; e < model->col_start[c + 1]; e++)
    if (w->cnt[model->col_row[e]] == 1)
      loss += model->row_w[model->col_row[e]];
  return loss;
}

/* Adds to w->add the weight of the rows only the columns in @outs cover,
 * per closed column covering them; returns that weight.
 */
static double
lscp_lost (LinliPlanSearch *self,
           LscpWork        *w,
           const guint8    *open,
           const guint     *outs,
           guint            n_outs,
           guint           *n_touched)
{
  const LinliPlanModel *model = &self->model;
  double lost = 0;

  w->clock++;
  for (guint k = 0; k < n_outs; k++)
    for (gsize e = model->col_start[outs[k]]; e < model->col_start[outs[k] + 1]; e++)
      {
        guint r = model->col_row[e];
        guint inside = 0;

        if (w->stamp[r] == w->clock)
          continue;
        w->stamp[r] = w->clock;
        /* Rows are sorted within each column. */
        for (guint q = 0; q < n_outs; q++)
          {
            const guint32 *rows = &model->col_row[model->col_start[outs[q]]];
            gsize len = model->col_start[outs[q] + 1] - model->col_start[outs[q]];

            inside += bsearch (&r, rows, len, sizeof (guint32),
                               _linli_plan_compare_guint32) != NULL;
          }
        if (w->cnt[r] != inside)
          continue;
        lost += model->row_w[r];
        for (gsize f = model->row_start[r]; f < model->row_start[r + 1]; f++)
          {
            guint c = model->row_col[f];

            if (open[c])
              continue;
            if (w->add[c] == 0)
              w->touched[(*n_touched)++] = c;
            w->add[c] += model->row_w[r];
          }
      }
  return lost;
}

static void
lscp_gains (LinliPlanSearch *self,
            LscpWork        *w,
            const guint8    *open)
{
  for (guint c = 0; c < self->model.n_free; c++)
    w->gain[c] = open[c] || !_linli_plan_col_is_free_decision (self, c)
                 ? 0 : cover_gain (self, w->cnt, c);
}

/* The best closed column to take the place of @outs: cheaper than they are
 * together, covering enough to keep the target.
 */
static guint
lscp_best_replacement (LinliPlanSearch *self,
                       LscpWork        *w,
                       const guint8    *open,
                       const guint     *outs,
                       guint            n_outs,
                       double           target,
                       double          *saving)
{
  const LinliPlanModel *model = &self->model;
  guint n_touched = 0, best = G_MAXUINT;
  double lost = lscp_lost (self, w, open, outs, n_outs, &n_touched);
  double need = target - (w->covered - lost), freed = 0, best_save = 0, best_cover = 0;

  for (guint k = 0; k < n_outs; k++)
    freed += model->col_cost[outs[k]];
  for (guint c = 0; c < model->n_free; c++)
    {
      double save, cover;

      if (open[c] || !_linli_plan_col_is_free_decision (self, c))
        continue;
      save = freed - model->col_cost[c];
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
local_search_lscp (LinliPlanSearch *self,
                   guint8          *open)
{
  const LinliPlanModel *model = &self->model;
  guint n_cols = model->n_cols;
  double target = self->target - self->eps_w;
  g_autofree guint *opens = g_new (guint, MAX (n_cols, 1));
  g_autofree int *open_pos = g_new (int, MAX (n_cols, 1));
  g_autofree guint *near = g_new (guint, MAX (n_cols, 1));
  g_autofree guint *near_stamp = g_new0 (guint, MAX (n_cols, 1));
  LscpWork w;
  guint near_clock = 0;

  w.cnt = g_new (guint, MAX (model->n_rows, 1));
  w.gain = g_new0 (double, MAX (n_cols, 1));
  w.add = g_new0 (double, MAX (n_cols, 1));
  w.touched = g_new (guint, MAX (n_cols, 1));
  w.stamp = g_new0 (guint, MAX (model->n_rows, 1));
  w.clock = 0;
  w.covered = _linli_plan_cover_counts (self, open, w.cnt);

  for (guint pass = 0; pass < 200; pass++)
    {
      gboolean changed = FALSE;
      guint n_open;

      if (_linli_plan_should_stop (self))
        break;

      /* Sites the target does not need, dearest first. */
      n_open = list_open (self, open, opens, open_pos);
      {
        LinliPlanSortData d = { model->col_cost, NULL };

        g_qsort_with_data (opens, n_open, sizeof (guint), _linli_plan_compare_by_value, &d);
      }
      for (guint a = 0; a < n_open; a++)
        if (w.covered - lscp_loss (self, &w, opens[a]) >= target)
          {
            lscp_open (self, &w, open, opens[a], FALSE);
            changed = TRUE;
          }
      if (changed)
        continue;

      /* One site for a cheaper one. */
      lscp_gains (self, &w, open);
      if (self->by_cost)
        for (guint a = 0; a < n_open && !changed; a++)
          {
            double saving;
            guint c = lscp_best_replacement (self, &w, open, &opens[a], 1, target, &saving);

            if (c != G_MAXUINT)
              {
                lscp_open (self, &w, open, opens[a], FALSE);
                lscp_open (self, &w, open, c, TRUE);
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
              for (gsize e = model->col_start[o1]; e < model->col_start[o1 + 1]; e++)
                for (gsize f = model->row_start[model->col_row[e]];
                     f < model->row_start[model->col_row[e] + 1]; f++)
                  {
                    guint c = model->row_col[f];

                    for (gsize g = model->col_start[c]; g < model->col_start[c + 1]; g++)
                      for (gsize h = model->row_start[model->col_row[g]];
                           h < model->row_start[model->col_row[g] + 1]; h++)
                        {
                          guint o2 = model->row_col[h];

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
              guint c = lscp_best_replacement (self, &w, open, outs, 2, target, &saving);

              if (c != G_MAXUINT)
                {
                  lscp_open (self, &w, open, outs[0], FALSE);
                  lscp_open (self, &w, open, outs[1], FALSE);
                  lscp_open (self, &w, open, c, TRUE);
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
local_search (LinliPlanSearch *self,
              guint8          *open)
{
  switch (self->problem)
    {
    case LINLI_PLAN_MCLP:
      if (self->capacitated)
        local_search_cap (self, open);
      else
        _linli_plan_local_search_swap (self, open, FALSE);
      break;
    case LINLI_PLAN_LSCP:
      local_search_lscp (self, open);
      break;
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      _linli_plan_local_search_swap (self, open, FALSE);
      break;
    }
}

/*
 * Plans to start from, and restarts
 */

/* Offers @open, and when it is the best so far, its local optimum too. */
static void
offer_and_improve (LinliPlanSearch *self,
                   guint8          *open)
{
  if (!_linli_plan_offer (self, open))
    return;
  local_search (self, open);
  _linli_plan_offer (self, open);
}

/* The plan the relaxation points at: columns fixed in, then the chosen
 * ones by benefit while there is room, completed greedily.
 */
void
_linli_plan_lr_heuristic (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  g_autofree guint8 *open = g_new0 (guint8, MAX (model->n_cols, 1));
  g_autofree guint8 *allowed = g_new0 (guint8, MAX (model->n_cols, 1));
  guint slots;
  double money;

  for (guint c = 0; c < model->n_cols; c++)
    {
      open[c] = self->state[c] == COL_IN;
      allowed[c] = self->state[c] == COL_FREE && c < model->n_free;
    }
  slots = slots_left (self, open);
  money = budget_left_of (self, open);
  for (guint i = 0; i < self->sel.n && slots > 0; i++)
    {
      guint c = self->sel.by_value[i];

      if (self->y[c] <= 0 || model->col_cost[c] > money + 1e-9 * MAX (1.0, money))
        continue;
      open[c] = 1;
      slots--;
      money -= model->col_cost[c];
    }
  fill (self, open, allowed, self->use_budget || self->by_cost);
  offer_and_improve (self, open);
}

/* Seeded random restarts around the best plan: close one or two of its
 * sites at random, refill and improve.  The number of rounds depends on the
 * size of the model only, so the same seed gives the same plan.
 */
void
_linli_plan_perturb_and_improve (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  gsize work = (model->row_start ? model->row_start[model->n_rows] : 0) +
               (model->drow_start ? model->drow_start[model->n_drows] : 0) + model->n_cols;
  guint rounds = (guint) CLAMP (20000000 / MAX (work, 1), 4, 40);
  g_autofree guint8 *open = g_new (guint8, MAX (model->n_cols, 1));
  g_autofree guint8 *allowed = g_new (guint8, MAX (model->n_cols, 1));
  g_autofree guint *opens = g_new (guint, MAX (model->n_cols, 1));
  g_autofree int *open_pos = g_new (int, MAX (model->n_cols, 1));

  if (self->capacitated)
    rounds = MIN (rounds, 6);
  for (guint c = 0; c < model->n_cols; c++)
    allowed[c] = _linli_plan_col_is_free_decision (self, c);

  for (guint round = 0; round < rounds; round++)
    {
      guint n_open, n_drop;

      if (_linli_plan_should_stop (self))
        break;
      memcpy (open, self->inc, model->n_cols);
      n_open = list_open (self, open, opens, open_pos);
      if (n_open == 0)
        break;
      n_drop = 1 + g_rand_int_range (self->rand, 0, 2);
      n_drop = MIN (n_open, n_drop);
      for (guint i = 0; i < n_drop; i++)
        {
          guint a = g_rand_int_range (self->rand, 0, n_open);

          open[opens[a]] = 0;
          opens[a] = opens[--n_open];
        }
      /* Open random sites in their place (not for set covering, where the
       * greedy refill decides).
       */
      if (self->problem != LINLI_PLAN_LSCP)
        for (guint i = 0; i < n_drop; i++)
          {
            guint c = g_rand_int_range (self->rand, 0, MAX (model->n_free, 1));

            if (c < model->n_free && allowed[c] && !open[c] && slots_left (self, open) > 0 &&
                (!self->use_budget || model->col_cost[c] <= budget_left_of (self, open)))
              open[c] = 1;
          }
      fill (self, open, allowed, self->use_budget || self->by_cost);
      local_search (self, open);
      _linli_plan_offer (self, open);
      _linli_plan_report (self,
                          self->phase_start +
                          (self->phase_end - self->phase_start) * (round + 1) / rounds,
                          _("Improving the plan"), FALSE);
    }
}

/* Plans for the search to start from. */
void
_linli_plan_initial_plans (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  g_autofree guint8 *open = g_new0 (guint8, MAX (model->n_cols, 1));
  g_autofree guint8 *allowed = g_new (guint8, MAX (model->n_cols, 1));

  for (guint c = 0; c < model->n_cols; c++)
    allowed[c] = _linli_plan_col_is_free_decision (self, c);

  /* Nothing new at all is a plan (not for set covering unless the base
   * reaches the target), and the capacitated sites stay open in all.
   */
  for (guint c = model->n_free; c < model->n_cols; c++)
    open[c] = 1;
  _linli_plan_offer (self, open);

  fill (self, open, allowed, self->problem == LINLI_PLAN_LSCP && self->by_cost);
  offer_and_improve (self, open);
  if (self->use_budget || (self->problem == LINLI_PLAN_LSCP && self->by_cost))
    {
      /* By gain per cost as well as by gain alone: each can be far off
       * where the other is good.
       */
      memset (open, 0, model->n_free);
      fill (self, open, allowed, self->problem != LINLI_PLAN_LSCP);
      offer_and_improve (self, open);
    }
}
