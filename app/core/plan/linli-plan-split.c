/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-split"

/* Independent parts.  Two free columns interact only through a row both
 * cover that no column fixed in covers already.  When the free columns
 * fall into parts that share no such row — quarters more than two radii
 * apart, or what is left once the columns around them are fixed — the
 * covering problems come apart: each part's covered weight depends on its
 * own columns only, and the parts share nothing but the number of sites.
 * So each small part gets its whole frontier, the most weight it can cover
 * with 0, 1, 2, … of its columns (an exact search of its own), and one
 * pass over the parts (a knapsack over the number of sites) combines them:
 * the node's exact optimum, without a tree over all the parts together.
 *
 * On the generated district of 300,000 buildings the 3,135 columns left
 * after reduction fall into 781 parts of at most 41 columns; a depth-first
 * tree over them explored 38,705 nodes in 90 s without closing a gap of
 * one site, where the parts close it at once.
 *
 * Only the problems where a part's worth is its covered weight and every
 * site counts one: set covering by the number of sites, and maximal
 * covering with a number of sites and no budget or capacities.
 */

#include "config.h"

#include "linli-plan-private.h"

#include <math.h>
#include <string.h>

/* Columns in a part at most (one bit each in a mask). */
#define PART_MAX_COLS 64
/* Work (patterns and column entries read) all parts of one split may
 * spend before giving up, unless the caller says otherwise: about half a
 * second.  A part the bound does not cut down (households all alike, many
 * sites alike) can take far longer than the search over all columns would.
 */
#define SPLIT_WORK_BUDGET G_GUINT64_CONSTANT (300000000)
/* Cells of the table that remembers each part's share, at most. */
#define SPLIT_MAX_CELLS (16u << 20)

typedef struct
{
  guint     n_cols;
  guint    *cols;       /* model columns */
  guint     n_pat;
  guint64  *pat_mask;   /* rows merged by the part's columns covering them */
  double   *pat_w;
  guint    *cp_start;   /* per part column: its patterns */
  guint    *cp_pat;
  guint     kmax;       /* frontier length - 1 */
  double   *best;       /* [0, kmax]: most weight with at most k columns */
  guint64  *best_set;
} Part;

typedef struct
{
  Part     *part;
  guint    *cnt;        /* per pattern: chosen columns covering it */
  double   *gain;       /* [depth][PART_MAX_COLS] scratch */
  guint8   *cand;       /* [depth][PART_MAX_COLS] scratch */
  guint64   nodes;
  guint64   work;
  guint64   budget;     /* of work */
  gboolean  aborted;
  LinliPlanSearch *search;
} PartSearch;

static void
part_clear (Part *p)
{
  g_free (p->cols);
  g_free (p->pat_mask);
  g_free (p->pat_w);
  g_free (p->cp_start);
  g_free (p->cp_pat);
  g_free (p->best);
  g_free (p->best_set);
}

static inline gboolean
splittable (LinliPlanSearch *self)
{
  if (self->capacitated || self->use_budget)
    return FALSE;
  if (self->problem == LINLI_PLAN_LSCP)
    return !self->by_cost;
  return self->problem == LINLI_PLAN_MCLP && self->k >= 0;
}

static guint
uf_find (guint *parent,
         guint  x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

/* Records @set, @cov at @s columns, and for more columns where it is better
 * than what they have: a frontier never falls as columns are added.
 */
static void
part_record (PartSearch *ps,
             guint       s,
             guint64     set,
             double      cov)
{
  Part *p = ps->part;

  for (guint k = s; k <= p->kmax; k++)
    {
      if (cov <= p->best[k])
        break;
      p->best[k] = cov;
      p->best_set[k] = set;
    }
}

/* Depth-first over the part's columns: the column that adds most first,
 * in then out.  A subtree holds nothing better when, for every number of
 * columns it could add, the weight so far plus the largest gains (gains
 * only shrink as columns are added) does not beat the frontier there.
 */
static void
part_dfs (PartSearch *ps,
          guint64     undecided,
          guint64     chosen,
          guint       s,
          double      cov,
          guint       depth)
{
  Part *p = ps->part;
  double *gain = &ps->gain[depth * PART_MAX_COLS];
  guint8 *cand = &ps->cand[depth * PART_MAX_COLS];
  double top[PART_MAX_COLS + 1];
  guint n = 0, room, pick = G_MAXUINT;
  gboolean promising = FALSE;

  if (ps->aborted)
    return;
  ps->nodes++;
  ps->work += p->n_pat;
  if (ps->work > ps->budget || ((ps->nodes & 0x3fff) == 0 && _linli_plan_should_stop (ps->search)))
    {
      ps->aborted = TRUE;
      return;
    }
  part_record (ps, s, chosen, cov);
  if (s >= p->kmax || undecided == 0)
    return;

  for (guint j = 0; j < p->n_cols; j++)
    {
      double g = 0;

      if (!(undecided & (G_GUINT64_CONSTANT (1) << j)))
        continue;
      ps->work += p->cp_start[j + 1] - p->cp_start[j];
      for (guint e = p->cp_start[j]; e < p->cp_start[j + 1]; e++)
        if (ps->cnt[p->cp_pat[e]] == 0)
          g += p->pat_w[p->cp_pat[e]];
      if (g <= 0)
        {
          /* Adds nothing now, so nothing later either. */
          undecided &= ~(G_GUINT64_CONSTANT (1) << j);
          continue;
        }
      gain[n] = g;
      cand[n] = j;
      if (pick == G_MAXUINT || g > gain[pick])
        pick = n;
      n++;
    }
  if (n == 0)
    return;

  /* The largest gains, largest first (insertion sort: n <= 64). */
  for (guint i = 0; i < n; i++)
    {
      double g = gain[i];
      guint t = i;

      while (t > 0 && top[t - 1] < g)
        {
          top[t] = top[t - 1];
          t--;
        }
      top[t] = g;
    }
  /* What the undecided columns could still cover at all. */
  {
    double left = 0, sum = 0;

    for (guint q = 0; q < p->n_pat; q++)
      if (ps->cnt[q] == 0 && (p->pat_mask[q] & undecided))
        left += p->pat_w[q];
    room = MIN (n, p->kmax - s);
    for (guint m = 1; m <= room && !promising; m++)
      {
        sum += top[m - 1];
        promising = cov + MIN (sum, left) > p->best[s + m];
      }
  }
  if (!promising)
    return;

  {
    guint j = cand[pick];
    guint64 bit = G_GUINT64_CONSTANT (1) << j;
    double g = gain[pick];

    for (guint e = p->cp_start[j]; e < p->cp_start[j + 1]; e++)
      ps->cnt[p->cp_pat[e]]++;
    part_dfs (ps, undecided & ~bit, chosen | bit, s + 1, cov + g, depth + 1);
    for (guint e = p->cp_start[j]; e < p->cp_start[j + 1]; e++)
      ps->cnt[p->cp_pat[e]]--;
    part_dfs (ps, undecided & ~bit, chosen, s, cov, depth + 1);
  }
}

typedef struct
{
  guint64 mask;
  double  w;
} PatternRow;

static int
compare_pattern_rows (gconstpointer a,
                      gconstpointer b)
{
  guint64 x = ((const PatternRow *) a)->mask, y = ((const PatternRow *) b)->mask;

  return (x > y) - (x < y);
}

/* The part's rows, merged by the columns of the part that cover them. */
static void
part_build (LinliPlanSearch *self,
            Part            *p,
            const int       *local,
            guint8          *row_seen)
{
  const LinliPlanModel *model = &self->model;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (PatternRow));
  g_autofree guint *count = g_new0 (guint, p->n_cols + 1);
  guint n = 0;

  for (guint i = 0; i < p->n_cols; i++)
    for (gsize e = model->col_start[p->cols[i]]; e < model->col_start[p->cols[i] + 1]; e++)
      {
        guint r = model->col_row[e];
        PatternRow pr = { 0, model->row_w[r] };

        if (row_seen[r] || !_linli_plan_row_active (self, r))
          continue;
        row_seen[r] = 1;
        for (gsize f = model->row_start[r]; f < model->row_start[r + 1]; f++)
          {
            guint c = model->row_col[f];

            if (c < model->n_free && self->state[c] == COL_FREE)
              pr.mask |= G_GUINT64_CONSTANT (1) << local[c];
          }
        g_array_append_val (rows, pr);
      }
  for (guint i = 0; i < p->n_cols; i++)
    for (gsize e = model->col_start[p->cols[i]]; e < model->col_start[p->cols[i] + 1]; e++)
      row_seen[model->col_row[e]] = 0;

  g_array_sort (rows, compare_pattern_rows);
  p->pat_mask = g_new (guint64, MAX (rows->len, 1));
  p->pat_w = g_new (double, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      const PatternRow *pr = &g_array_index (rows, PatternRow, i);

      if (n > 0 && p->pat_mask[n - 1] == pr->mask)
        p->pat_w[n - 1] += pr->w;
      else
        {
          p->pat_mask[n] = pr->mask;
          p->pat_w[n] = pr->w;
          n++;
        }
    }
  p->n_pat = n;

  for (guint q = 0; q < p->n_pat; q++)
    for (guint j = 0; j < p->n_cols; j++)
      if (p->pat_mask[q] & (G_GUINT64_CONSTANT (1) << j))
        count[j + 1]++;
  p->cp_start = g_new0 (guint, p->n_cols + 1);
  for (guint j = 0; j < p->n_cols; j++)
    p->cp_start[j + 1] = p->cp_start[j] + count[j + 1];
  p->cp_pat = g_new (guint, MAX (p->cp_start[p->n_cols], 1));
  memset (count, 0, sizeof (guint) * (p->n_cols + 1));
  for (guint q = 0; q < p->n_pat; q++)
    for (guint j = 0; j < p->n_cols; j++)
      if (p->pat_mask[q] & (G_GUINT64_CONSTANT (1) << j))
        p->cp_pat[p->cp_start[j] + count[j]++] = q;
}

/* The frontier of each part, then the best way to share the sites among
 * the parts; writes the plan to self->open_tmp.
 */
static LinliPlanSplit
combine_parts (LinliPlanSearch *self,
               Part            *parts,
               guint            n_parts,
               double          *value)
{
  const LinliPlanModel *model = &self->model;
  gboolean lscp = self->problem == LINLI_PLAN_LSCP;
  guint ksum = 0, klim, kbest = 0;
  g_autofree double *g = NULL;
  g_autofree double *ng = NULL;
  g_autofree guint8 *choice = NULL;
  guint reach = 0;

  for (guint t = 0; t < n_parts; t++)
    ksum += parts[t].kmax;
  klim = lscp ? ksum : MIN (ksum, (guint) self->k_left);

  g = g_new (double, klim + 1);
  ng = g_new (double, klim + 1);
  choice = g_new (guint8, (gsize) n_parts * (klim + 1));
  g[0] = 0;
  for (guint t = 0; t < n_parts; t++)
    {
      const Part *p = &parts[t];
      guint8 *ch = &choice[(gsize) t * (klim + 1)];
      guint next = MIN (reach + p->kmax, klim);

      for (guint K = 0; K <= next; K++)
        {
          guint lo = K > reach ? K - reach : 0;
          guint hi = MIN (K, p->kmax);

          ng[K] = -HUGE_VAL;
          ch[K] = 0;
          for (guint k = lo; k <= hi; k++)
            {
              double v = g[K - k] + p->best[k];

              if (v > ng[K])
                {
                  ng[K] = v;
                  ch[K] = k;
                }
            }
        }
      reach = next;
      memcpy (g, ng, sizeof (double) * (reach + 1));
    }

  if (lscp)
    {
      double need = self->target - model->base_weight - self->in_cover;
      gboolean found = FALSE;

      for (guint K = 0; K <= reach && !found; K++)
        if (g[K] >= need - self->eps_w)
          {
            kbest = K;
            found = TRUE;
          }
      if (!found)
        return LINLI_PLAN_SPLIT_INFEASIBLE;
      *value = self->fixed_value + self->in_cost + kbest;
    }
  else
    {
      kbest = reach;
      *value = model->base_weight + self->in_cover + g[kbest];
    }

  /* The plan: the columns fixed in, then each part's share. */
  for (guint c = 0; c < model->n_cols; c++)
    self->open_tmp[c] = self->state[c] == COL_IN;
  for (guint t = n_parts; t-- > 0;)
    {
      const Part *p = &parts[t];
      guint k = choice[(gsize) t * (klim + 1) + kbest];
      guint64 set = p->best_set[k];

      for (guint j = 0; j < p->n_cols; j++)
        if (set & (G_GUINT64_CONSTANT (1) << j))
          self->open_tmp[p->cols[j]] = 1;
      kbest -= k;
    }
  return LINLI_PLAN_SPLIT_SOLVED;
}

/* Solves the current node exactly when its free columns fall into small
 * independent parts, spending at most @budget work on them (patterns and
 * column entries read; 0: the default): SOLVED with the node's best value in @value (its plan
 * offered), INFEASIBLE when no plan in the node reaches the target, NONE
 * when the node does not split into parts small enough or the parts took
 * too long (nothing changed then).  @n_parts_out (nullable) gets the
 * number of parts.
 */
LinliPlanSplit
_linli_plan_split (LinliPlanSearch *self,
                   guint64          budget,
                   double          *value,
                   guint           *n_parts_out)
{
  const LinliPlanModel *model = &self->model;
  g_autofree guint *parent = NULL;
  g_autofree guint *size = NULL;
  g_autofree int *part_of = NULL;
  g_autofree int *local = NULL;
  g_autofree guint8 *row_seen = NULL;
  g_autofree double *gain = NULL;
  g_autofree guint8 *cand = NULL;
  Part *parts = NULL;
  guint n_parts = 0, largest = 0, n_free = 0;
  guint64 nodes = 0, work = 0, ksum = 0;
  LinliPlanSplit status = LINLI_PLAN_SPLIT_NONE;
  gint64 t0 = g_get_monotonic_time ();

  if (budget == 0)
    budget = SPLIT_WORK_BUDGET;
  if (!splittable (self) || model->n_free == 0)
    return LINLI_PLAN_SPLIT_NONE;
  if (self->problem == LINLI_PLAN_MCLP && self->k_left <= 0)
    return LINLI_PLAN_SPLIT_NONE;

  /* Parts: free columns joined by the active rows they share. */
  parent = g_new (guint, model->n_free);
  size = g_new0 (guint, model->n_free);
  for (guint c = 0; c < model->n_free; c++)
    parent[c] = c;
  for (guint r = 0; r < model->n_rows; r++)
    {
      guint first = G_MAXUINT;

      if (!_linli_plan_row_active (self, r))
        continue;
      for (gsize e = model->row_start[r]; e < model->row_start[r + 1]; e++)
        {
          guint c = model->row_col[e];

          if (c >= model->n_free || self->state[c] != COL_FREE)
            continue;
          if (first == G_MAXUINT)
            first = uf_find (parent, c);
          else
            {
              guint a = uf_find (parent, c);

              if (a != first)
                parent[a] = first;
            }
        }
    }
  for (guint c = 0; c < model->n_free; c++)
    if (self->state[c] == COL_FREE)
      {
        guint root = uf_find (parent, c);

        n_free++;
        if (++size[root] > PART_MAX_COLS)
          return LINLI_PLAN_SPLIT_NONE;
      }
  if (n_free == 0)
    return LINLI_PLAN_SPLIT_NONE;

  /* The parts, numbered by their roots (the columns with a size). */
  part_of = g_new (int, model->n_free);
  local = g_new (int, model->n_free);
  for (guint c = 0; c < model->n_free; c++)
    part_of[c] = size[c] > 0 ? (int) n_parts++ : -1;
  /* One part is no split: the search does as well on it. */
  if (n_parts < 2)
    return LINLI_PLAN_SPLIT_NONE;
  parts = g_new0 (Part, n_parts);
  for (guint c = 0; c < model->n_free; c++)
    if (size[c] > 0)
      {
        Part *p = &parts[part_of[c]];

        p->cols = g_new (guint, size[c]);
        p->kmax = self->problem == LINLI_PLAN_LSCP ? size[c] : MIN (size[c], (guint) self->k_left);
        largest = MAX (largest, size[c]);
        ksum += p->kmax;
      }
  for (guint c = 0; c < model->n_free; c++)
    if (self->state[c] == COL_FREE)
      {
        Part *p = &parts[part_of[uf_find (parent, c)]];

        local[c] = p->n_cols;
        p->cols[p->n_cols++] = c;
      }
  /* The table combine_parts fills must fit before any part is searched
   * (searching can only shorten the frontiers).
   */
  if (self->problem == LINLI_PLAN_MCLP)
    ksum = MIN (ksum, (guint64) self->k_left);
  if ((guint64) n_parts * (ksum + 1) > SPLIT_MAX_CELLS)
    goto out;

  /* Each part's frontier, exactly. */
  row_seen = g_new0 (guint8, MAX (model->n_rows, 1));
  gain = g_new (double, (PART_MAX_COLS + 1) * PART_MAX_COLS);
  cand = g_new (guint8, (PART_MAX_COLS + 1) * PART_MAX_COLS);
  for (guint t = 0; t < n_parts; t++)
    {
      Part *p = &parts[t];
      g_autofree guint *cnt = NULL;
      PartSearch ps = { 0 };

      part_build (self, p, local, row_seen);
      p->best = g_new0 (double, p->kmax + 1);
      p->best_set = g_new0 (guint64, p->kmax + 1);
      cnt = g_new0 (guint, MAX (p->n_pat, 1));
      ps.part = p;
      ps.cnt = cnt;
      ps.gain = gain;
      ps.cand = cand;
      ps.budget = budget > work ? budget - work : 0;
      ps.search = self;
      part_dfs (&ps, p->n_cols == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << p->n_cols) - 1,
                0, 0, 0, 0);
      nodes += ps.nodes;
      work += ps.work;
      if (ps.aborted)
        goto out;
      /* Beyond the columns that cover all of the part, more add nothing. */
      for (guint k = 0; k < p->kmax; k++)
        {
          gboolean all = TRUE;

          for (guint q = 0; q < p->n_pat && all; q++)
            all = (p->pat_mask[q] & p->best_set[k]) != 0;
          if (all)
            {
              p->kmax = k;
              break;
            }
        }
    }

  status = combine_parts (self, parts, n_parts, value);
  if (status == LINLI_PLAN_SPLIT_SOLVED)
    _linli_plan_offer (self, self->open_tmp);
  if (n_parts_out != NULL)
    *n_parts_out = n_parts;

out:
  g_debug ("split: %u parts, largest %u columns, %" G_GUINT64_FORMAT " search nodes, %"
           G_GUINT64_FORMAT " work, %.3f s: %s",
           n_parts, largest, nodes, work, (g_get_monotonic_time () - t0) / 1e6,
           status == LINLI_PLAN_SPLIT_SOLVED ? "solved" :
           status == LINLI_PLAN_SPLIT_INFEASIBLE ? "no plan" : "given up");
  for (guint t = 0; t < n_parts; t++)
    part_clear (&parts[t]);
  g_free (parts);
  return status;
}
