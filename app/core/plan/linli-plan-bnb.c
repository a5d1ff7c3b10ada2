/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-bnb"

/* Branch and bound over the free columns, best bound first with dives,
 * with reduced-cost fixing at each node.
 */

#include "config.h"

#include "linli-plan-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/*
 * Branch and bound
 */

typedef enum
{
  NODE_DONE,
  NODE_BRANCH,
  NODE_STOPPED,
} NodeStatus;

static gboolean
node_infeasible (LinliPlanSearch *self)
{
  if (self->k >= 0 && self->k_left < 0)
    return TRUE;
  if (self->use_budget && self->budget_left < -1e-9 * MAX (1.0, self->budget))
    return TRUE;
  if (self->problem == LINLI_PLAN_LSCP)
    {
      double avail = self->model.base_weight + self->in_cover;

      for (guint r = 0; r < self->model.n_rows; r++)
        if (_linli_plan_row_active (self, r))
          avail += self->model.row_w[r];
      return avail < self->target - self->eps_w;
    }
  return FALSE;
}

static gboolean
node_is_leaf (LinliPlanSearch *self)
{
  if (self->problem == LINLI_PLAN_LSCP &&
      self->model.base_weight + self->in_cover >= self->target - self->eps_w)
    return TRUE;
  if (self->k >= 0 && self->k_left == 0)
    return TRUE;
  for (guint c = 0; c < self->model.n_free; c++)
    if (self->state[c] == COL_FREE)
      return FALSE;
  return TRUE;
}

/* At a leaf the plan is the columns fixed in, nothing else. */
static void
close_leaf (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  gboolean feasible;
  double v;

  for (guint c = 0; c < model->n_cols; c++)
    self->open_tmp[c] = self->state[c] == COL_IN;
  v = _linli_plan_eval_value (self, self->open_tmp, &feasible);
  if (!feasible)
    return;
  _linli_plan_offer (self, self->open_tmp);
  _linli_plan_note_closed (self, v);
}

static inline double
tighter (LinliPlanSearch *self,
         double           a,
         double           b)
{
  return self->maximise ? MIN (a, b) : MAX (a, b);
}

static inline double
looser (LinliPlanSearch *self,
        double           a,
        double           b)
{
  return self->maximise ? MAX (a, b) : MIN (a, b);
}

/* Fixes each free column whose Lagrangian bound, were it forced the other
 * way, could not beat the best plan.  Returns how many were fixed; sets
 * @prune when the node holds nothing better, and @cut to the loosest bound
 * of what was cut off, so the proven bound stays honest.
 */
static guint
fix_by_reduced_costs (LinliPlanSearch *self,
                      double          *cut,
                      gboolean        *prune)
{
  const LinliPlanModel *model = &self->model;
  const double *b = self->benefit;
  double cst = self->lr_const;
  g_autofree guint *to_in = g_new (guint, MAX (model->n_free, 1));
  g_autofree guint *to_out = g_new (guint, MAX (model->n_free, 1));
  guint n_in = 0, n_out = 0;

  *prune = FALSE;
  *cut = self->maximise ? -HUGE_VAL : HUGE_VAL;
  for (guint c = 0; c < model->n_free; c++)
    {
      double sin, sout, bin, bout;
      gboolean pin, pout;

      if (self->state[c] != COL_FREE)
        continue;
      sin = _linli_plan_selection_force (self, b, c, TRUE);
      sout = _linli_plan_selection_force (self, b, c, FALSE);
      bin = self->maximise ? cst + sin : cst - sin;
      bout = self->maximise ? cst + sout : cst - sout;
      self->branch_in[c] = bin;
      self->branch_out[c] = bout;
      pin = _linli_plan_prunable (self, bin);
      pout = _linli_plan_prunable (self, bout);
      if (pin && pout)
        {
          if (isfinite (bin))
            *cut = looser (self, *cut, bin);
          if (isfinite (bout))
            *cut = looser (self, *cut, bout);
          *prune = TRUE;
          return 0;
        }
      if (pin)
        {
          to_out[n_out++] = c;
          if (isfinite (bin))
            *cut = looser (self, *cut, bin);
        }
      else if (pout)
        {
          to_in[n_in++] = c;
          if (isfinite (bout))
            *cut = looser (self, *cut, bout);
        }
    }
  for (guint i = 0; i < n_out; i++)
    _linli_plan_fix_out (self, to_out[i]);
  for (guint i = 0; i < n_in; i++)
    _linli_plan_fix_in (self, to_in[i]);
  if (node_infeasible (self))
    *prune = TRUE;
  return n_in + n_out;
}

/* The column whose weaker child has the best bound (the Lagrangian
 * penalties of Beasley's branch and bound): both children then move the
 * bound as far as one can tell without solving them.  Ties go to the
 * column the relaxation opens, then to its benefit.
 */
static guint
choose_branch (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  guint best = G_MAXUINT;
  double best_score = 0;

  for (guint c = 0; c < model->n_free; c++)
    {
      double score;

      if (self->state[c] != COL_FREE)
        continue;
      score = looser (self, self->branch_in[c], self->branch_out[c]);
      if (self->maximise)
        score = -score;
      if (best == G_MAXUINT || score > best_score ||
          (score == best_score &&
           (self->y[c] > self->y[best] ||
            (self->y[c] == self->y[best] && self->benefit[c] > self->benefit[best]))))
        {
          best = c;
          best_score = score;
        }
    }
  return best;
}

/* Work a split below the root may spend on its parts (a hundredth of
 * the whole instance's): most nodes of a tree do not split, and those that
 * do are small.
 */
#define SPLIT_TREE_BUDGET G_GUINT64_CONSTANT (3000000)

static NodeStatus
process_node (LinliPlanSearch *self,
              gboolean         root,
              double           parent_bound,
              double          *node_bound,
              guint           *branch)
{
  double bound = parent_bound;
  /* p-median's bound below the root is worth three times the steps: on
   * the classic graphs at large p, 40 steps a node left gaps of one unit
   * open for thousands of nodes that 120 close in a few (400 nodes,
   * p = 80: 12,428 nodes unproven, then 9 nodes; 500 nodes, p = 166: 1,060
   * nodes unproven, then 323).  300 steps were slower again.
   */
  guint node_iterations = self->problem == LINLI_PLAN_PMEDIAN ? 120 : 40;
  guint node_patience = self->problem == LINLI_PLAN_PMEDIAN ? 12 : 6;
  /* At the root, p-median's subgradient needs patience before it halves
   * its step: at large p the bound creeps up long after each halving (800
   * nodes, p = 266: 25 steps of patience stopped a unit below the LP
   * bound, 1,947 against 1,948, and the tree never closed it; 50 reach it,
   * proven in 2.6 s).  Its steps are cheap there (rows read only the
   * columns their price reaches).
   */
  guint root_iterations = self->problem == LINLI_PLAN_PMEDIAN ? 3000 : 600;
  guint root_patience = self->problem == LINLI_PLAN_PMEDIAN ? 50 : 25;

  for (guint round = 0, n_fixed_before = 0;; round++)
    {
      gboolean infeasible = FALSE, prune = FALSE;
      double b, cut;
      guint n_fixed;

      if (node_infeasible (self))
        return NODE_DONE;
      if (node_is_leaf (self))
        {
          close_leaf (self);
          return NODE_DONE;
        }
      if (round >= 3)
        break;
      /* Small independent parts are solved at once; tried again after
       * fixing, which can cut parts apart (not at the root when the whole
       * instance was tried before the search: nothing has changed).
       */
      if (self->split && (round == 0 ? !(root && self->split_tried) : n_fixed_before > 0))
        {
          double v;

          switch (_linli_plan_split (self, root ? 0 : SPLIT_TREE_BUDGET, &v, NULL))
            {
            case LINLI_PLAN_SPLIT_SOLVED:
              _linli_plan_note_closed (self, v);
              return NODE_DONE;
            case LINLI_PLAN_SPLIT_INFEASIBLE:
              return NODE_DONE;
            case LINLI_PLAN_SPLIT_NONE:
            default:
              break;
            }
        }

      if (root && round == 0)
        b = _linli_plan_lagrange (self, root_iterations, root_patience, 1.0, TRUE, &infeasible);
      else if (root)
        b = _linli_plan_lagrange (self, 150, 15, 0.5, FALSE, &infeasible);
      else
        b = _linli_plan_lagrange (self, node_iterations, node_patience, 0.25, FALSE, &infeasible);
      if (infeasible)
        return NODE_DONE;
      if (isfinite (b))
        bound = tighter (self, bound, b);
      if (root && round == 0)
        self->root_bound = tighter (self, self->root_bound, bound);
      if (self->cancelled || self->limit_hit)
        {
          _linli_plan_note_open (self, bound);
          return NODE_STOPPED;
        }
      if (_linli_plan_prunable (self, bound))
        {
          _linli_plan_note_closed (self, bound);
          return NODE_DONE;
        }
      n_fixed = fix_by_reduced_costs (self, &cut, &prune);
      if (prune)
        {
          _linli_plan_note_closed (self, cut);
          return NODE_DONE;
        }
      if (n_fixed == 0)
        break;
      n_fixed_before = n_fixed;
      _linli_plan_note_closed (self, cut);
    }

  if (root)
    {
      guint n_free = 0;

      for (guint c = 0; c < self->model.n_free; c++)
        n_free += self->state[c] == COL_FREE;
      g_debug ("root: bound %.9g, %u of %u columns left free", bound, n_free, self->model.n_free);
    }
  /* Every node tries the plan its relaxation points at. */
  if (!root)
    _linli_plan_lr_heuristic (self);
  if (_linli_plan_prunable (self, bound))
    {
      _linli_plan_note_closed (self, bound);
      return NODE_DONE;
    }
  *branch = choose_branch (self);
  if (*branch == G_MAXUINT)
    {
      close_leaf (self);
      return NODE_DONE;
    }
  *node_bound = bound;
  return NODE_BRANCH;
}

/* A node left for later: the branching decisions that lead to it from the
 * root, each a column and which way (in: the low bit set), and the bound
 * of its parent.
 */
typedef struct
{
  double   bound;
  double  *mult;     /* the parent's multipliers, to start from; may be NULL */
  guint64  seq;      /* order of waiting */
  guint    depth;
  guint    n_dec;
  guint32  dec[];
} OpenNode;

/* Bytes of multipliers the waiting nodes may keep together. */
#define OPEN_MULT_BUDGET (256u << 20)
/* Bytes of waiting nodes (their decisions) before the search turns to the
 * most recent one first, as depth first does: the queue then grows with the
 * depth of the tree only.
 */
#define OPEN_NODE_BUDGET (512u << 20)

typedef struct
{
  GPtrArray *a;
  gboolean   lifo;
  gboolean   maximise;
} OpenQueue;

static gboolean
open_before (const OpenQueue *q,
             const OpenNode  *a,
             const OpenNode  *b)
{
  if (q->lifo)
    return a->seq > b->seq;
  if (a->bound != b->bound)
    return q->maximise ? a->bound > b->bound : a->bound < b->bound;
  return a->depth > b->depth;
}

static void
open_sift_down (OpenQueue *q,
                guint      i)
{
  gpointer *h = q->a->pdata;
  guint n = q->a->len;

  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, best = i;
      gpointer t;

      if (l < n && open_before (q, h[l], h[best]))
        best = l;
      if (r < n && open_before (q, h[r], h[best]))
        best = r;
      if (best == i)
        break;
      t = h[i];
      h[i] = h[best];
      h[best] = t;
      i = best;
    }
}

static void
open_push (OpenQueue *q,
           OpenNode  *node)
{
  gpointer *h;
  guint i;

  g_ptr_array_add (q->a, node);
  h = q->a->pdata;
  i = q->a->len - 1;
  while (i > 0 && open_before (q, h[i], h[(i - 1) / 2]))
    {
      gpointer t = h[i];

      h[i] = h[(i - 1) / 2];
      h[(i - 1) / 2] = t;
      i = (i - 1) / 2;
    }
}

static OpenNode *
open_pop (OpenQueue *q)
{
  OpenNode *top = q->a->pdata[0];

  q->a->pdata[0] = q->a->pdata[q->a->len - 1];
  g_ptr_array_set_size (q->a, q->a->len - 1);
  open_sift_down (q, 0);
  return top;
}

/* From best bound to most recent first: the heap is rebuilt in the new order. */
static void
open_turn_lifo (OpenQueue *q)
{
  q->lifo = TRUE;
  for (guint i = q->a->len / 2; i-- > 0;)
    open_sift_down (q, i);
}

static void
apply_decision (LinliPlanSearch *self,
                guint32          d)
{
  if (d & 1)
    _linli_plan_fix_in (self, d >> 1);
  else
    _linli_plan_fix_out (self, d >> 1);
}

/* Best bound first, each node dived into: from a node, the child whose
 * bound looks better is explored at once, down to a leaf or a pruned node
 * (dives find complete plans early, which prune the rest), and its sibling
 * waits in a queue by its parent's bound.  When a dive ends, the waiting
 * node with the weakest bound — the one that holds the proven bound back —
 * is taken next, its branching decisions replayed from the root (the
 * columns its ancestors fixed by reduced costs are fixed again by its own
 * relaxation) and its parent's multipliers restored to start from.  A
 * limit or a cancel leaves the waiting nodes' bounds in the proven bound,
 * which is then the weakest of them: as good as any order can say at that
 * point.  Should the waiting nodes outgrow OPEN_NODE_BUDGET, the most
 * recent is taken first from then on (depth first, whose queue grows with
 * the depth only).
 *
 * On the classic p-median family (n 100–900, p 5 to n/3, 44 instances,
 * tests/bench/bench-pmedian.sh) all are proven in 22.5 s of solving summed
 * against 34.5 s depth first; without the multipliers kept, 48 s (a jump
 * to another part of the tree started from unrelated prices).
 */
void
_linli_plan_branch_and_bound (LinliPlanSearch *self)
{
  /* No free function: shrinking the array would free what open_pop moved. */
  g_autoptr (GPtrArray) heap = g_ptr_array_new ();
  OpenQueue queue = { heap, FALSE, self->maximise };
  guint64 seq = 0;
  gsize node_bytes = 0;
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  double parent_bound = self->maximise ? HUGE_VAL : -HUGE_VAL;
  guint root_mark = self->trail->len;
  gboolean stopped = FALSE;
  gsize n_mult = MAX (self->model.n_rows, self->model.n_drows), mult_bytes = 0;

  for (;;)
    {
      /* Dive from the current node. */
      for (;;)
        {
          double bound = parent_bound;
          guint col = G_MAXUINT;
          NodeStatus status;

          self->depth = path->len;
          if (stopped || _linli_plan_should_stop (self) ||
              (self->node_limit > 0 && self->nodes >= self->node_limit))
            {
              stopped = TRUE;
              _linli_plan_note_open (self, parent_bound);
              break;
            }
          self->nodes++;
          status = process_node (self, self->nodes == 1, parent_bound, &bound, &col);
          if (self->nodes == 1)
            root_mark = self->trail->len;
          if (status == NODE_BRANCH)
            {
              gboolean first_in = self->maximise ? self->branch_in[col] >= self->branch_out[col]
                                                 : self->branch_in[col] <= self->branch_out[col];
              OpenNode *other = g_malloc (sizeof (OpenNode) + sizeof (guint32) * (path->len + 1));
              guint32 d = col << 1 | (first_in ? 1 : 0);

              other->bound = bound;
              other->seq = seq++;
              other->mult = NULL;
              if (mult_bytes + n_mult * sizeof (double) <= OPEN_MULT_BUDGET)
                {
                  other->mult = g_memdup2 (self->mult, n_mult * sizeof (double));
                  mult_bytes += n_mult * sizeof (double);
                }
              other->depth = path->len + 1;
              other->n_dec = path->len + 1;
              if (path->len > 0)
                memcpy (other->dec, path->data, sizeof (guint32) * path->len);
              other->dec[path->len] = d ^ 1;
              open_push (&queue, other);
              node_bytes += sizeof (OpenNode) + sizeof (guint32) * other->n_dec;
              if (!queue.lifo && node_bytes > OPEN_NODE_BUDGET)
                open_turn_lifo (&queue);
              g_array_append_val (path, d);
              apply_decision (self, d);
              parent_bound = bound;
              continue;
            }
          if (status == NODE_STOPPED)
            stopped = TRUE;
          else
            self->tree_done += ldexp (1.0, -(int) MIN (self->depth, 1000));
          break;
        }

      self->phase_start = 0.5;
      self->phase_end = 1.0;
      {
        double done = MIN (self->tree_done, 1.0);

        if (self->deadline > 0)
          done = MAX (done, (double) (g_get_monotonic_time () - self->start_time) /
                              (self->deadline - self->start_time));
        _linli_plan_report (self, 0.5 + 0.5 * MIN (done, 1.0), _("Closing the gap"), FALSE);
      }

      /* The waiting node with the weakest bound next, unless the best plan
       * already prunes it.
       */
      _linli_plan_undo_to (self, root_mark);
      g_array_set_size (path, 0);
      if (stopped)
        {
          for (guint i = 0; i < heap->len; i++)
            _linli_plan_note_open (self, ((OpenNode *) heap->pdata[i])->bound);
          break;
        }
      {
        OpenNode *next = NULL;

        while (heap->len > 0 && next == NULL)
          {
            next = open_pop (&queue);
            node_bytes -= sizeof (OpenNode) + sizeof (guint32) * next->n_dec;
            if (_linli_plan_prunable (self, next->bound))
              {
                _linli_plan_note_closed (self, next->bound);
                self->tree_done += ldexp (1.0, -(int) MIN (next->depth, 1000));
                if (next->mult != NULL)
                  mult_bytes -= n_mult * sizeof (double);
                g_free (next->mult);
                g_clear_pointer (&next, g_free);
              }
          }
        if (next == NULL)
          break;
        for (guint i = 0; i < next->n_dec; i++)
          apply_decision (self, next->dec[i]);
        g_array_append_vals (path, next->dec, next->n_dec);
        parent_bound = next->bound;
        if (next->mult != NULL)
          {
            memcpy (self->mult, next->mult, n_mult * sizeof (double));
            mult_bytes -= n_mult * sizeof (double);
            g_free (next->mult);
          }
        g_free (next);
      }
    }
  _linli_plan_undo_to (self, root_mark);
  for (guint i = 0; i < heap->len; i++)
    {
      g_free (((OpenNode *) heap->pdata[i])->mult);
      g_free (heap->pdata[i]);
    }
  if (stopped)
    self->incomplete = TRUE;
}

/* Starting multipliers from the best plan: they make the first bounds
 * already fair, so the subgradient steps spend their time on the gap.
 */
void
_linli_plan_init_multipliers (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;

  switch (self->problem)
    {
    case LINLI_PLAN_MCLP:
      {
        g_autofree guint *cnt = g_new (guint, MAX (model->n_rows, 1));

        _linli_plan_cover_counts (self, self->inc, cnt);
        for (guint r = 0; r < model->n_rows; r++)
          self->mult[r] = cnt[r] > 0 ? 0.5 : 0.0;
      }
      break;
    case LINLI_PLAN_LSCP:
      {
        double need = MAX (self->target - model->base_weight, self->eps_w);
        double price = MAX (self->inc_value - self->fixed_value, 0) / need;

        for (guint r = 0; r < model->n_rows; r++)
          self->mult[r] = price * model->row_w[r];
      }
      break;
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      {
        g_autofree double *cur = g_new (double, MAX (model->n_drows, 1));

        _linli_plan_walk_current (self, self->inc, cur);
        for (guint r = 0; r < model->n_drows; r++)
          self->mult[r] = model->drow_w[r] * cur[r];
      }
      break;
    }
}

/* A bound that needs no work: all coverable weight, no new site, or every
 * demand point at its nearest possible site.
 */
double
_linli_plan_trivial_bound (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  double b;

  switch (self->problem)
    {
    case LINLI_PLAN_MCLP:
      return model->base_weight + model->row_total;
    case LINLI_PLAN_LSCP:
      return self->fixed_value;
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      b = model->base_walk;
      for (guint r = 0; r < model->n_drows; r++)
        {
          double d = model->drow_base[r];

          if (model->drow_start[r] < model->drow_start[r + 1])
            d = MIN (d, model->drow_dist[model->drow_start[r]]);
          b += model->drow_w[r] * d;
        }
      return b;
    }
}

/* Takes out of the best maximal covering plan the sites that add no
 * weight: a planner should not be told to build them.
 */
void
_linli_plan_drop_useless (LinliPlanSearch *self)
{
  const LinliPlanModel *model = &self->model;
  double noise = 1e-9 * MAX (1.0, self->inc_value);

  for (guint c = 0; c < model->n_free; c++)
    {
      gboolean feasible;
      double v;

      if (!self->inc[c])
        continue;
      self->inc[c] = 0;
      v = _linli_plan_eval_value (self, self->inc, &feasible);
      if (v < self->inc_value - noise)
        self->inc[c] = 1;
    }
  if (model->n_drows > 0)
    self->inc_walk = _linli_plan_eval_walk (self, self->inc);
}
