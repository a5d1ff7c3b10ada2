/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-reduced"

/* The reduced model a solve works on: merged coverage rows, distance rows
 * and the columns left to decide.
 */

#include "config.h"

#include "linli-plan-private.h"

#include <math.h>
#include <string.h>

/*
 * Reduced model
 */

void
_linli_plan_model_clear (LinliPlanModel *model)
{
  g_free (model->col_cand);
  g_free (model->col_cost);
  g_free (model->col_cap);
  g_free (model->root_out);
  g_free (model->row_w);
  g_free (model->row_start);
  g_free (model->row_col);
  g_free (model->col_start);
  g_free (model->col_row);
  g_free (model->drow_w);
  g_free (model->drow_base);
  g_free (model->drow_start);
  g_free (model->drow_col);
  g_free (model->drow_dist);
  g_free (model->dcol_start);
  g_free (model->dcol_row);
  g_free (model->dcol_dist);
  memset (model, 0, sizeof *model);
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

LinliPlanRowSet *
_linli_plan_row_set_new (void)
{
  LinliPlanRowSet *rs = g_new0 (LinliPlanRowSet, 1);
  gsize zero = 0;

  rs->start = g_array_new (FALSE, FALSE, sizeof (gsize));
  rs->cols = g_array_new (FALSE, FALSE, sizeof (guint32));
  rs->weight = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (rs->start, zero);
  return rs;
}

void
_linli_plan_row_set_free (LinliPlanRowSet *rs)
{
  if (rs == NULL)
    return;
  g_array_unref (rs->start);
  g_array_unref (rs->cols);
  g_array_unref (rs->weight);
  g_free (rs);
}

void
_linli_plan_row_set_add (LinliPlanRowSet *rs,
                         const guint32   *cols,
                         guint            n,
                         double           weight)
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
LinliPlanRowSet *
_linli_plan_row_set_merge (const LinliPlanRowSet *in)
{
  guint n = _linli_plan_row_set_len (in);
  gsize size = 16;
  g_autofree guint *table = NULL;
  LinliPlanRowSet *out = _linli_plan_row_set_new ();
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
              _linli_plan_row_set_add (out, list, len, weight[r]);
              table[pos] = _linli_plan_row_set_len (out);
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

/*
 * Building the model
 */

static double
candidate_cost (LinliPlanSearch *self,
                guint            j)
{
  double cost = self->inst->costs[j];

  if (self->problem == LINLI_PLAN_LSCP)
    return self->by_cost ? cost : 1;
  return self->use_budget ? cost : 0;
}

gboolean
_linli_plan_cancelled (LinliPlanSearch *self)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    self->cancelled = TRUE;
  return self->cancelled;
}

/* Coverage rows for maximal and set covering, merged, with dominated
 * candidates removed.
 */
gboolean
_linli_plan_build_cover_model (LinliPlanSearch *self)
{
  LinliPlanInstance *inst = self->inst;
  LinliPlanModel *model = &self->model;
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
  g_autoptr (LinliPlanRowSet) raw = _linli_plan_row_set_new ();
  g_autoptr (LinliPlanRowSet) merged = NULL;
  g_autoptr (LinliPlanRowSet) remapped = NULL;
  g_autoptr (LinliPlanRowSet) final = NULL;
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n_prov = 0, n_perm = 0, n_merged;
  const gsize *mstart;
  const guint32 *mcols;
  gboolean costs_matter = self->use_budget || (self->problem == LINLI_PLAN_LSCP && self->by_cost);

  for (guint j = 0; j < n_cand; j++)
    {
      prov[j] = -1;
      perm[j] = -1;
      if (self->states[j] == LINLI_PLAN_CANDIDATE)
        {
          prov_cand[n_prov] = j;
          prov[j] = n_prov++;
        }
    }
  for (guint j = 0; j < n_cand; j++)
    if (self->capacitated && _linli_plan_fixed_open (self, j) && inst->capacities[j] > 0)
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

      if ((i & 0x3fff) == 0 && _linli_plan_cancelled (self))
        return FALSE;
      if (w <= 0)
        continue;
      while (end < inst->row_start[i + 1] && inst->arc_dist[end] <= self->radius_f)
        end++;
      for (gsize e = inst->row_start[i]; e < end && !covered; e++)
        {
          guint j = inst->arc_cand[e];

          covered = _linli_plan_fixed_open (self, j) && perm[j] < 0;
        }
      if (covered)
        {
          model->base_weight += w;
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
      qsort (list->data, list->len, sizeof (guint32), _linli_plan_compare_guint32);
      _linli_plan_row_set_add (raw, (const guint32 *) list->data, list->len, w);
    }
  merged = _linli_plan_row_set_merge (raw);
  g_clear_pointer (&raw, _linli_plan_row_set_free);
  n_merged = _linli_plan_row_set_len (merged);
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
  if (!self->capacitated)
    {
      g_autofree guint *mark = g_new0 (guint, MAX (n_merged, 1));

      for (guint c = 0; c < n_prov; c++)
        {
          gsize len = pcol_start[c + 1] - pcol_start[c];
          double cost = candidate_cost (self, prov_cand[c]);
          guint rstar = 0;
          gsize best_len = G_MAXSIZE;

          if (len == 0)
            continue;
          if ((c & 0xff) == 0 && _linli_plan_cancelled (self))
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
              cost2 = candidate_cost (self, prov_cand[c2]);
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
  model->col_cand = g_new (guint, MAX (n_prov + n_perm, 1));
  for (guint c = 0; c < n_prov; c++)
    {
      colmap[c] = -1;
      if (pcol_start[c + 1] > pcol_start[c] && !dom[c])
        {
          model->col_cand[model->n_cols] = prov_cand[c];
          colmap[c] = model->n_cols++;
        }
    }
  model->n_free = model->n_cols;
  for (guint q = 0; q < n_perm; q++)
    {
      model->col_cand[model->n_cols] = perm_cand[q];
      colmap[n_prov + q] = model->n_cols++;
    }
  remapped = _linli_plan_row_set_new ();
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
      _linli_plan_row_set_add (remapped, (const guint32 *) list->data, list->len,
                               g_array_index (merged->weight, double, r));
    }
  final = _linli_plan_row_set_merge (remapped);

  model->n_rows = _linli_plan_row_set_len (final);
  model->row_w = (double *) g_array_free (g_steal_pointer (&final->weight), FALSE);
  model->row_start = (gsize *) g_array_free (g_steal_pointer (&final->start), FALSE);
  model->row_col = (guint32 *) g_array_free (g_steal_pointer (&final->cols), FALSE);
  final->weight = g_array_new (FALSE, FALSE, sizeof (double));
  final->start = g_array_new (FALSE, FALSE, sizeof (gsize));
  final->cols = g_array_new (FALSE, FALSE, sizeof (guint32));
  transpose (model->n_rows, model->n_cols, model->row_start, model->row_col, NULL,
             &model->col_start, &model->col_row, NULL);
  for (guint r = 0; r < model->n_rows; r++)
    model->row_total += model->row_w[r];

  model->col_cost = g_new (double, MAX (model->n_cols, 1));
  model->col_cap = g_new (double, MAX (model->n_cols, 1));
  model->root_out = g_new0 (guint8, MAX (model->n_cols, 1));
  for (guint c = 0; c < model->n_cols; c++)
    {
      guint j = model->col_cand[c];

      model->col_cost[c] = c < model->n_free ? candidate_cost (self, j) : 0;
      model->col_cap[c] = self->capacitated && inst->capacities[j] > 0 ? inst->capacities[j]
                                                                       : HUGE_VAL;
    }
  return TRUE;
}

/* Distance rows for p-median and for the walk of maximal covering plans.
 * With @choose_columns the columns are the candidates that bring some
 * demand point nearer than its base; otherwise the model's columns.
 */
gboolean
_linli_plan_build_distance_model (LinliPlanSearch *self,
                                  gboolean         choose_columns)
{
  LinliPlanInstance *inst = self->inst;
  LinliPlanModel *model = &self->model;
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
      base[i] = self->penalty;
      for (gsize e = inst->row_start[i]; e < inst->row_start[i + 1]; e++)
        if (_linli_plan_fixed_open (self, inst->arc_cand[e]))
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
            if (self->states[inst->arc_cand[e]] == LINLI_PLAN_CANDIDATE)
              useful[inst->arc_cand[e]] = 1;
      model->col_cand = g_new (guint, MAX (n_cand, 1));
      for (guint j = 0; j < n_cand; j++)
        if (useful[j])
          {
            model->col_cand[model->n_cols] = j;
            cand_col[j] = model->n_cols++;
          }
      model->n_free = model->n_cols;
      model->col_cost = g_new (double, MAX (model->n_cols, 1));
      model->col_cap = g_new (double, MAX (model->n_cols, 1));
      model->root_out = g_new0 (guint8, MAX (model->n_cols, 1));
      for (guint c = 0; c < model->n_cols; c++)
        {
          model->col_cost[c] = candidate_cost (self, model->col_cand[c]);
          model->col_cap[c] = HUGE_VAL;
        }
    }
  else
    {
      for (guint c = 0; c < model->n_free; c++)
        cand_col[model->col_cand[c]] = c;
    }

  g_array_append_val (start, zero);
  for (guint i = 0; i < inst->n_demand; i++)
    {
      double wi = inst->weights[i];
      guint before = cols->len;

      if ((i & 0x3fff) == 0 && _linli_plan_cancelled (self))
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
          model->base_walk += wi * base[i];
          continue;
        }
      {
        gsize end = cols->len;

        g_array_append_val (start, end);
        g_array_append_val (w, wi);
        g_array_append_val (b, base[i]);
      }
    }
  model->n_drows = w->len;
  model->drow_w = (double *) g_array_free (g_steal_pointer (&w), FALSE);
  model->drow_base = (double *) g_array_free (g_steal_pointer (&b), FALSE);
  model->drow_start = (gsize *) g_array_free (g_steal_pointer (&start), FALSE);
  model->drow_col = (guint32 *) g_array_free (g_steal_pointer (&cols), FALSE);
  model->drow_dist = (float *) g_array_free (g_steal_pointer (&dist), FALSE);
  transpose (model->n_drows, model->n_cols, model->drow_start, model->drow_col, model->drow_dist,
             &model->dcol_start, &model->dcol_row, &model->dcol_dist);
  return TRUE;
}
