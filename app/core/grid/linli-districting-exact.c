/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-districting"

/* The exact search: every partition of a set of at most 63 units into k
 * connected grids within the bounds, enumerated once each, with the
 * partial cut as a bound.
 *
 * The lowest unit not yet in a grid starts the next grid; the grid is each
 * connected set of free units containing it whose households stay within
 * the bounds, enumerated once each by growing it from a frontier with the
 * units already tried forbidden (every connected set is reached by exactly
 * one order of additions).  A grid is kept only if the free units left can
 * still be divided: every connected piece of them needs a count of grids
 * that fits its households, and the counts must be able to add up to the
 * grids still to place.  The cut is counted when a grid is closed (its
 * edges to the free units), so it only grows along a branch and a branch
 * whose cut already exceeds the best partition's is left.  Ties in cut are
 * broken by the compounds split, counted at the leaves.
 *
 * Run to its end the search proves the best partition optimal, or proves
 * that none exists.  It serves whole connected parts of small communities,
 * and the heuristic's recombination of two adjacent grids (k = 2).
 */

#include "config.h"

#include "linli-districting-private.h"

#include <string.h>

#define MAX_EXACT 63

typedef struct
{
  LinliDistrictingGraph *g;
  const guint32         *units;
  const guint32         *part_ids;
  guint                  m;
  guint                  k;

  guint64                nbr[MAX_EXACT];
  guint32                hh[MAX_EXACT];
  guint32               *lstart;
  guint32               *lnb;
  double                *llen;

  guint32                assign[MAX_EXACT];
  guint32                best_assign[MAX_EXACT];
  guint32                touched[MAX_EXACT];
  guint                  n_touched;

  gboolean               have_best;
  gboolean               found;
  double                 best_cut;
  guint                  best_splits;

  guint64                nodes;
  guint64                limit;
  gboolean               aborted;
} Exact;

static void search (Exact  *e,
                    guint64 free_units,
                    guint64 free_households,
                    guint   placed,
                    double  cut);

static inline guint64
bit (guint i)
{
  return G_GUINT64_CONSTANT (1) << i;
}

static guint64
households_of (const Exact *e,
               guint64      set)
{
  guint64 total = 0;

  while (set)
    {
      guint i = __builtin_ctzll (set);

      total += e->hh[i];
      set &= set - 1;
    }
  return total;
}

/* The summed length of the edges from @set to @other. */
static double
boundary (const Exact *e,
          guint64      set,
          guint64      other)
{
  double total = 0;

  while (set)
    {
      guint i = __builtin_ctzll (set);

      for (guint32 a = e->lstart[i]; a < e->lstart[i + 1]; a++)
        if (other & bit (e->lnb[a]))
          total += e->llen[a];
      set &= set - 1;
    }
  return total;
}

/* Whether the free units @rest can still hold @grids grids: each connected
 * piece needs a count that fits its households, and the counts must be able
 * to add up to @grids.
 */
static gboolean
can_divide (const Exact *e,
            guint64      rest,
            guint        grids)
{
  guint64 lo_sum = 0, hi_sum = 0;
  guint32 min = e->g->min, max = e->g->max;

  if (rest == 0)
    return grids == 0;
  while (rest)
    {
      guint64 piece = rest & -rest;
      guint64 frontier = piece;
      guint64 h, lo, hi;

      while (frontier)
        {
          guint64 next = 0;

          while (frontier)
            {
              next |= e->nbr[__builtin_ctzll (frontier)];
              frontier &= frontier - 1;
            }
          next &= rest & ~piece;
          piece |= next;
          frontier = next;
        }
      h = households_of (e, piece);
      lo = MAX ((h + max - 1) / max, 1);
      hi = h / min;
      if (lo > hi)
        return FALSE;
      lo_sum += lo;
      hi_sum += hi;
      if (lo_sum > grids)
        return FALSE;
      rest &= ~piece;
    }
  return lo_sum <= grids && grids <= hi_sum;
}

static gboolean
count_node (Exact *e)
{
  e->nodes++;
  if (e->limit > 0 && e->nodes > e->limit)
    e->aborted = TRUE;
  else if ((e->nodes & 0xfff) == 0 && _linli_districting_check_cancel (e->g))
    e->aborted = TRUE;
  return !e->aborted;
}

static void
leaf (Exact *e,
      double cut)
{
  guint splits;

  if (e->have_best && cut > e->best_cut + e->g->eps)
    return;
  for (guint i = 0; i < e->m; i++)
    e->g->part[e->units[i]] = e->part_ids[e->assign[i]];
  splits = _linli_districting_count_splits (e->g, e->touched, e->n_touched);
  if (e->have_best && !_linli_districting_better (e->g, cut, splits, e->best_cut, e->best_splits))
    return;
  e->have_best = TRUE;
  e->found = TRUE;
  e->best_cut = cut;
  e->best_splits = splits;
  memcpy (e->best_assign, e->assign, e->m * sizeof (guint32));
}

/* Every connected set grown from @set by units of @ext (not @forbidden),
 * as the grid number @placed, within the free units @free_units (holding
 * @free_households).  @cap is the most the grid may hold: the maximum, and
 * less when the grids still to place need their minimum from what is left.
 */
static void
grow (Exact  *e,
      guint64 free_units,
      guint64 free_households,
      guint   placed,
      double  cut,
      guint64 cap,
      guint64 set,
      guint64 households,
      guint64 ext,
      guint64 forbidden)
{
  guint grids_left = e->k - placed - 1;
  guint64 rest_households = free_households - households;

  if (!count_node (e))
    return;

  /* The households left must fit the grids left: checked on the totals
   * first, which is cheap, then piece by piece. */
  if (households >= e->g->min && rest_households >= (guint64) grids_left * e->g->min
      && rest_households <= (guint64) grids_left * e->g->max)
    {
      guint64 rest = free_units & ~set;

      if (can_divide (e, rest, grids_left))
        {
          double c = cut + boundary (e, set, rest);

          if (!e->have_best || c <= e->best_cut + e->g->eps)
            {
              guint64 s = set;

              while (s)
                {
                  e->assign[__builtin_ctzll (s)] = placed;
                  s &= s - 1;
                }
              search (e, rest, rest_households, placed + 1, c);
              if (e->aborted)
                return;
            }
        }
    }

  while (ext)
    {
      guint v = __builtin_ctzll (ext);
      guint64 next_ext;

      ext &= ext - 1;
      if (households + e->hh[v] <= cap)
        {
          next_ext = (ext | e->nbr[v]) & free_units & ~set & ~forbidden & ~bit (v);
          grow (e, free_units, free_households, placed, cut, cap,
                set | bit (v), households + e->hh[v], next_ext, forbidden);
          if (e->aborted)
            return;
        }
      forbidden |= bit (v);
    }
}

static void
search (Exact  *e,
        guint64 free_units,
        guint64 free_households,
        guint   placed,
        double  cut)
{
  guint64 need, cap;
  guint u;

  if (free_units == 0)
    {
      if (placed == e->k)
        leaf (e, cut);
      return;
    }
  if (placed == e->k)
    return;
  need = (guint64) (e->k - placed - 1) * e->g->min;
  if (free_households < need)
    return;
  cap = MIN ((guint64) e->g->max, free_households - need);
  u = __builtin_ctzll (free_units);
  if (e->hh[u] > cap)
    return;
  grow (e, free_units, free_households, placed, cut, cap,
        bit (u), e->hh[u], e->nbr[u] & free_units, 0);
}

/*
 * _linli_districting_exact:
 * @units: (array length=m): the units to divide, at most 63, connected or not
 * @part_ids: (array length=k): the part number each of the k grids gets in
 *   `g->part`
 * @have_bound: whether (@bound_cut, @bound_splits) is a partition to beat
 * @node_limit: 0 for none
 *
 * Finds the partition of @units into @k connected grids within the bounds
 * with the least cut inside @units, then the fewest split compounds (units
 * outside @units count with their parts in `g->part`).  When one better
 * than the bound is found it is left in `g->part`; otherwise `g->part` is
 * as it was.
 */
void
_linli_districting_exact (LinliDistrictingGraph        *g,
                          const guint32                *units,
                          guint                         m,
                          guint                         k,
                          const guint32                *part_ids,
                          gboolean                      have_bound,
                          double                        bound_cut,
                          guint                         bound_splits,
                          guint64                       node_limit,
                          LinliDistrictingExactOutcome *outcome)
{
  Exact e = { 0 };
  guint32 saved[MAX_EXACT];
  guint32 lstart[MAX_EXACT + 1];
  guint32 stamp;
  guint n_adj = 0;

  g_assert (m >= 1 && m <= MAX_EXACT && k >= 1);

  e.g = g;
  e.units = units;
  e.part_ids = part_ids;
  e.m = m;
  e.k = k;
  e.limit = node_limit;
  e.have_best = have_bound;
  e.best_cut = bound_cut;
  e.best_splits = bound_splits;

  /* Local numbers through the stamp: the unit's stamp says it is in the
   * set, and `queue` (free here) holds its local number. */
  stamp = _linli_districting_next_stamp (g);
  for (guint i = 0; i < m; i++)
    {
      g->stamp[units[i]] = stamp;
      g->queue[units[i]] = i;
      e.hh[i] = g->units[units[i]].households;
    }
  /* The local adjacency lives in the graph's scratch: no allocation per
   * search, which runs for every pair of grids the heuristic re-divides. */
  e.lstart = lstart;
  e.lnb = g->scratch_nb;
  e.llen = g->scratch_length;
  for (guint i = 0; i < m; i++)
    {
      e.lstart[i] = n_adj;
      for (guint32 a = g->adj_start[units[i]]; a < g->adj_start[units[i] + 1]; a++)
        if (g->stamp[g->adj[a]] == stamp)
          {
            guint32 j = g->queue[g->adj[a]];

            e.lnb[n_adj] = j;
            e.llen[n_adj] = g->adj_length[a];
            e.nbr[i] |= bit (j);
            n_adj++;
          }
    }
  e.lstart[m] = n_adj;
  e.n_touched = _linli_districting_touched (g, units, m, e.touched);

  for (guint i = 0; i < m; i++)
    saved[i] = g->part[units[i]];

  search (&e, bit (m) - 1, households_of (&e, bit (m) - 1), 0, 0);

  for (guint i = 0; i < m; i++)
    g->part[units[i]] = e.found ? part_ids[e.best_assign[i]] : saved[i];

  outcome->found = e.found;
  outcome->complete = !e.aborted;
  outcome->cut = e.found ? e.best_cut : bound_cut;
  outcome->splits = e.found ? e.best_splits : bound_splits;
  outcome->nodes = e.nodes;
}
