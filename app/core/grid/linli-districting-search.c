/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-districting"

/* The heuristic for one connected part of the graph and one count of grids.
 *
 * 1. Seed: recursive bisection of random spanning trees.  Removing one edge
 *    of a spanning tree splits the units into two connected sides; an edge
 *    is usable when some count k1 of grids fits one side's households and
 *    k - k1 the other's.  Among usable edges one with k1 closest to k/2 is
 *    taken at random, and both sides are bisected again.  A side that
 *    cannot be divided makes the level try another tree, a few times, under
 *    an overall budget of trees.
 * 2. Local search, never leaving the hard rules: a unit on a grid's edge
 *    moves to a neighbouring grid when both stay within the bounds, the
 *    grid it leaves stays connected and the objective (cut, then compounds
 *    split) improves; and each pair of adjacent grids is divided again
 *    optimally by the exact search with k = 2 (under a node limit).  Pairs
 *    are retried only when one of their grids changed.
 * 3. Perturbation: a counted number of rounds, each merging a random pair of
 *    adjacent grids, dividing them again along a random spanning tree edge
 *    and searching locally; the best partition seen is kept and each round
 *    starts from it.
 *
 * Every step keeps every grid connected and within the bounds, so any
 * partition the seed finds is feasible and only gets better.  Nothing here
 * proves optimality, and a tight instance (grids forced near the bounds)
 * may have partitions the seed does not find.
 */

#include "config.h"

#include "linli-districting-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SEED_TREES_PER_LEVEL 3
#define SEED_TREE_BUDGET     4000
#define SEED_ATTEMPTS        30
#define MAX_PASSES           200

typedef struct
{
  guint32 a;
  guint32 b;
  guint32 key;
} TreeEdge;

typedef struct
{
  LinliDistrictingGraph *g;
  const guint32         *units;
  guint                  m;
  guint                  k;
  guint64               *hh;
  guint                 *size;
  gboolean              *dirty;
  double                 cut;
  guint                  splits;

  GRand                 *rand;
  guint64                pair_node_limit;
  guint                  tree_budget;
  guint64                seed_min;
  guint64                seed_max;

  /* Scratch: a local number per unit of the graph, a breadth-first queue,
   * the parts next to one unit. */
  guint32               *local;
  guint32               *bfs;
  guint32               *nb_part;
  double                *nb_weight;
  guint32               *touched;
  TreeEdge              *tree_edges;
  guint32               *tree_uf;
  guint32               *tree_start;
  guint32               *tree_adj;
  guint32               *tree_order;
  guint32               *tree_parent;
  guint64               *tree_sub;
} Search;

static int
tree_edge_cmp (const void *pa,
               const void *pb)
{
  const TreeEdge *a = pa, *b = pb;

  return a->key < b->key ? -1 : a->key > b->key;
}

static guint32
uf_find (guint32 *uf,
         guint32  x)
{
  while (uf[x] != x)
    {
      uf[x] = uf[uf[x]];
      x = uf[x];
    }
  return x;
}

/* The counts k1 that fit @side households on one side and @k - k1 on the
 * other (@total in all), as [*lo, *hi]; FALSE when none.
 */
static gboolean
split_counts (const Search *s,
              guint64       side,
              guint64       total,
              guint         k,
              guint        *lo,
              guint        *hi)
{
  guint64 min = MAX (s->seed_min, 1), max = s->seed_max;
  guint64 other = total - side;
  gint64 a, b;

  /* side in [k1 min, k1 max] and other in [(k - k1) min, (k - k1) max]. */
  a = MAX ((gint64) ((side + max - 1) / max), (gint64) k - (gint64) (other / min));
  b = MIN ((gint64) (side / min), (gint64) k - (gint64) ((other + max - 1) / max));
  a = MAX (a, 1);
  b = MIN (b, (gint64) k - 1);
  if (a > b)
    return FALSE;
  *lo = a;
  *hi = b;
  return TRUE;
}

/*
 * Seed: recursive spanning tree bisection
 */

/* Splits @set along a random spanning tree into two connected sides that
 * fit k1 and @k - k1 grids, as *@side (flag per position) and *@k1; @any
 * takes any usable edge, else one with k1 closest to k/2.
 */
static gboolean
tree_split (Search   *s,
            guint32  *set,
            guint     size,
            guint     k,
            gboolean  any,
            guint8   *side,
            guint    *k1_out)
{
  LinliDistrictingGraph *g = s->g;
  TreeEdge *edges = s->tree_edges;
  guint32 *uf = s->tree_uf, *tstart = s->tree_start, *tadj = s->tree_adj;
  guint32 *order = s->tree_order, *parent = s->tree_parent;
  guint64 *sub = s->tree_sub;
  guint32 stamp = _linli_districting_next_stamp (g);
  guint n_edges = 0, n_tree = 0, head, tail, n_best = 0;
  double best_score = G_MAXDOUBLE;
  guint chosen = G_MAXUINT, chosen_k1 = 0;
  guint64 total = 0;

  for (guint i = 0; i < size; i++)
    {
      g->stamp[set[i]] = stamp;
      s->local[set[i]] = i;
      total += g->units[set[i]].households;
    }
  for (guint i = 0; i < size; i++)
    for (guint32 a = g->adj_start[set[i]]; a < g->adj_start[set[i] + 1]; a++)
      {
        guint32 v = g->adj[a];

        if (g->stamp[v] == stamp && s->local[v] > i)
          {
            edges[n_edges].a = i;
            edges[n_edges].b = s->local[v];
            edges[n_edges].key = g_rand_int (s->rand);
            n_edges++;
          }
      }
  qsort (edges, n_edges, sizeof *edges, tree_edge_cmp);

  /* Kruskal on random keys; the tree's edges are kept at the front. */
  for (guint i = 0; i < size; i++)
    uf[i] = i;
  for (guint e = 0; e < n_edges; e++)
    {
      guint32 ra = uf_find (uf, edges[e].a), rb = uf_find (uf, edges[e].b);

      if (ra != rb)
        {
          uf[ra] = rb;
          edges[n_tree++] = edges[e];
        }
    }
  if (n_tree + 1 != size)
    return FALSE;

  memset (tstart, 0, (size + 1) * sizeof (guint32));
  for (guint e = 0; e < n_tree; e++)
    {
      tstart[edges[e].a + 1]++;
      tstart[edges[e].b + 1]++;
    }
  for (guint i = 0; i < size; i++)
    tstart[i + 1] += tstart[i];
  for (guint e = 0; e < n_tree; e++)
    {
      tadj[tstart[edges[e].a]++] = edges[e].b;
      tadj[tstart[edges[e].b]++] = edges[e].a;
    }
  for (guint i = size; i > 0; i--)
    tstart[i] = tstart[i - 1];
  tstart[0] = 0;

  parent[0] = G_MAXUINT32;
  order[0] = 0;
  head = 0;
  tail = 1;
  while (head < tail)
    {
      guint32 x = order[head++];

      for (guint32 a = tstart[x]; a < tstart[x + 1]; a++)
        if (tadj[a] != parent[x])
          {
            parent[tadj[a]] = x;
            order[tail++] = tadj[a];
          }
    }
  for (guint i = 0; i < size; i++)
    sub[i] = g->units[set[i]].households;
  for (guint i = size - 1; i > 0; i--)
    sub[parent[order[i]]] += sub[order[i]];

  /* With @any, a uniform choice among the usable edges.  Otherwise the
   * edge whose side is closest to a proportional share of the households
   * (k1 / k of them), so that both sides keep room to divide further; this
   * matters when the grids must be nearly full. */
  for (guint i = 1; i < size; i++)
    {
      guint32 v = order[i];
      guint lo, hi, k1;
      double score;

      if (!split_counts (s, sub[v], total, k, &lo, &hi))
        continue;
      k1 = CLAMP ((guint) floor ((double) k * sub[v] / total + 0.5), lo, hi);
      score = any ? 0 : fabs ((double) sub[v] - (double) k1 * total / k);
      if (score < best_score)
        {
          best_score = score;
          n_best = 0;
        }
      if (score == best_score)
        {
          /* A uniform choice among the best, in one pass (reservoir). */
          n_best++;
          if (g_rand_int_range (s->rand, 0, n_best) == 0)
            {
              chosen = v;
              chosen_k1 = any ? (guint) g_rand_int_range (s->rand, lo, hi + 1) : k1;
            }
        }
    }
  if (chosen == G_MAXUINT)
    return FALSE;

  memset (side, 0, size);
  side[chosen] = 1;
  for (guint i = 1; i < size; i++)
    if (order[i] != chosen)
      side[order[i]] = side[parent[order[i]]];
  *k1_out = chosen_k1;
  return TRUE;
}

static gboolean
bisect (Search  *s,
        guint32 *set,
        guint    size,
        guint    k,
        guint    first_part)
{
  if (k == 1)
    {
      for (guint i = 0; i < size; i++)
        s->g->part[set[i]] = first_part;
      return TRUE;
    }

  for (guint t = 0; t < SEED_TREES_PER_LEVEL && s->tree_budget > 0; t++)
    {
      g_autofree guint8 *side = g_new (guint8, size);
      g_autofree guint32 *one = NULL, *two = NULL;
      guint k1, n_one = 0, n_two = 0;

      s->tree_budget--;
      if (!tree_split (s, set, size, k, FALSE, side, &k1))
        continue;
      one = g_new (guint32, size);
      two = g_new (guint32, size);
      for (guint i = 0; i < size; i++)
        if (side[i])
          one[n_one++] = set[i];
        else
          two[n_two++] = set[i];
      if (bisect (s, one, n_one, k1, first_part) && bisect (s, two, n_two, k - k1, first_part + k1))
        return TRUE;
      if (_linli_districting_check_cancel (s->g))
        return FALSE;
    }
  return FALSE;
}

/*
 * Objective bookkeeping
 */

static void
recount (Search *s)
{
  LinliDistrictingGraph *g = s->g;
  guint n_touched;

  memset (s->hh, 0, s->k * sizeof (guint64));
  memset (s->size, 0, s->k * sizeof (guint));
  s->cut = 0;
  for (guint i = 0; i < s->m; i++)
    {
      guint32 u = s->units[i];

      s->hh[g->part[u]] += g->units[u].households;
      s->size[g->part[u]]++;
      for (guint32 a = g->adj_start[u]; a < g->adj_start[u + 1]; a++)
        if (g->adj[a] > u && g->part[g->adj[a]] != g->part[u])
          s->cut += g->adj_length[a];
    }
  n_touched = _linli_districting_touched (g, s->units, s->m, s->touched);
  s->splits = _linli_districting_count_splits (g, s->touched, n_touched);
}

static gboolean
compound_split (LinliDistrictingGraph *g,
                guint32                c)
{
  guint32 first = g->part[g->compound_units[g->compound_start[c]]];

  for (guint32 i = g->compound_start[c] + 1; i < g->compound_start[c + 1]; i++)
    if (g->part[g->compound_units[i]] != first)
      return TRUE;
  return FALSE;
}

/* The change in compounds split if @u moved to part @to. */
static int
split_delta (LinliDistrictingGraph *g,
             guint32                u,
             guint32                to)
{
  guint32 c = g->compound[u], from = g->part[u];
  int before, after;

  if (c == LINLI_DISTRICTING_NO_COMPOUND)
    return 0;
  before = compound_split (g, c);
  g->part[u] = to;
  after = compound_split (g, c);
  g->part[u] = from;
  return after - before;
}

static gboolean
delta_better (const LinliDistrictingGraph *g,
              double                       d_cut,
              int                          d_splits,
              double                       than_cut,
              int                          than_splits)
{
  return d_cut < than_cut - g->eps || (d_cut <= than_cut + g->eps && d_splits < than_splits);
}

/*
 * Local search
 */

/* Whether the part of @u stays connected without @u. */
static gboolean
connected_without (Search  *s,
                   guint32  u)
{
  LinliDistrictingGraph *g = s->g;
  guint32 p = g->part[u], stamp = _linli_districting_next_stamp (g);
  guint head = 0, tail = 0;

  g->stamp[u] = stamp;
  for (guint32 a = g->adj_start[u]; a < g->adj_start[u + 1] && tail == 0; a++)
    if (g->part[g->adj[a]] == p)
      {
        g->stamp[g->adj[a]] = stamp;
        s->bfs[tail++] = g->adj[a];
      }
  while (head < tail)
    {
      guint32 x = s->bfs[head++];

      for (guint32 a = g->adj_start[x]; a < g->adj_start[x + 1]; a++)
        {
          guint32 y = g->adj[a];

          if (g->part[y] == p && g->stamp[y] != stamp)
            {
              g->stamp[y] = stamp;
              s->bfs[tail++] = y;
            }
        }
    }
  return tail == s->size[p] - 1;
}

static gboolean
move_pass (Search *s)
{
  LinliDistrictingGraph *g = s->g;
  gboolean improved = FALSE;

  for (guint i = 0; i < s->m; i++)
    {
      guint32 u = s->units[i], from = g->part[u], best = NO_PART;
      guint32 h = g->units[u].households;
      double w_from = 0, best_cut = 0;
      int best_splits = 0;
      guint n_nb = 0;

      if (s->size[from] == 1 || s->hh[from] - h < g->min)
        continue;
      for (guint32 a = g->adj_start[u]; a < g->adj_start[u + 1]; a++)
        {
          guint32 p = g->part[g->adj[a]];
          guint j;

          if (p == from)
            {
              w_from += g->adj_length[a];
              continue;
            }
          for (j = 0; j < n_nb && s->nb_part[j] != p; j++)
            ;
          if (j == n_nb)
            {
              s->nb_part[n_nb] = p;
              s->nb_weight[n_nb++] = 0;
            }
          s->nb_weight[j] += g->adj_length[a];
        }
      for (guint j = 0; j < n_nb; j++)
        {
          guint32 p = s->nb_part[j];
          double d_cut;
          int d_splits;

          if (s->hh[p] + h > g->max)
            continue;
          d_cut = w_from - s->nb_weight[j];
          if (d_cut > best_cut + g->eps)
            continue;
          d_splits = split_delta (g, u, p);
          if (delta_better (g, d_cut, d_splits, best_cut, best_splits))
            {
              best = p;
              best_cut = d_cut;
              best_splits = d_splits;
            }
        }
      if (best == NO_PART || !connected_without (s, u))
        continue;
      g->part[u] = best;
      s->hh[from] -= h;
      s->size[from]--;
      s->hh[best] += h;
      s->size[best]++;
      s->cut += best_cut;
      s->splits += best_splits;
      s->dirty[from] = s->dirty[best] = TRUE;
      improved = TRUE;
    }
  return improved;
}

/* Divides the grids @a and @b again, optimally when the exact search
 * finishes within its node limit. */
static gboolean
recombine (Search   *s,
           guint32   a,
           guint32   b,
           gboolean  bounded)
{
  LinliDistrictingGraph *g = s->g;
  guint32 set[63], touched[63];
  guint32 ids[2] = { a, b };
  LinliDistrictingExactOutcome outcome;
  double inner = 0;
  guint n = 0, n_touched, splits;

  if (s->size[a] + s->size[b] > G_N_ELEMENTS (set))
    return FALSE;
  for (guint i = 0; i < s->m; i++)
    {
      guint32 u = s->units[i];

      if (g->part[u] != a && g->part[u] != b)
        continue;
      set[n++] = u;
      if (g->part[u] == a)
        for (guint32 e = g->adj_start[u]; e < g->adj_start[u + 1]; e++)
          if (g->part[g->adj[e]] == b)
            inner += g->adj_length[e];
    }
  n_touched = _linli_districting_touched (g, set, n, touched);
  splits = _linli_districting_count_splits (g, touched, n_touched);
  _linli_districting_exact (g, set, n, 2, ids, bounded, inner, splits, s->pair_node_limit,
                            &outcome);
  if (!outcome.found)
    return FALSE;
  s->hh[a] = s->hh[b] = 0;
  s->size[a] = s->size[b] = 0;
  for (guint i = 0; i < n; i++)
    {
      s->hh[g->part[set[i]]] += g->units[set[i]].households;
      s->size[g->part[set[i]]]++;
    }
  s->cut += outcome.cut - inner;
  s->splits = s->splits + outcome.splits - splits;
  s->dirty[a] = s->dirty[b] = TRUE;
  return TRUE;
}

static int
pair_cmp (const void *pa,
          const void *pb)
{
  const guint32 *a = pa, *b = pb;

  if (a[0] != b[0])
    return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1];
}

/* Every pair of adjacent grids one of which changed, once. */
static gboolean
pair_pass (Search *s)
{
  LinliDistrictingGraph *g = s->g;
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
  gboolean improved = FALSE;
  guint n_unique = 0;

  for (guint i = 0; i < s->m; i++)
    {
      guint32 u = s->units[i];

      for (guint32 e = g->adj_start[u]; e < g->adj_start[u + 1]; e++)
        {
          guint32 pair[2] = { g->part[u], g->part[g->adj[e]] };

          if (pair[0] < pair[1] && (s->dirty[pair[0]] || s->dirty[pair[1]]))
            g_array_append_vals (pairs, pair, 1);
        }
    }
  if (pairs->len > 1)
    qsort (pairs->data, pairs->len, sizeof (guint32) * 2, pair_cmp);
  for (guint i = 0; i < pairs->len; i++)
    if (n_unique == 0 || pair_cmp (&g_array_index (pairs, guint32, 2 * i),
                                   &g_array_index (pairs, guint32, 2 * (n_unique - 1))) != 0)
      {
        memmove (&g_array_index (pairs, guint32, 2 * n_unique),
                 &g_array_index (pairs, guint32, 2 * i), sizeof (guint32) * 2);
        n_unique++;
      }

  memset (s->dirty, 0, s->k * sizeof (gboolean));
  for (guint i = 0; i < n_unique && !g->cancelled; i++)
    {
      const guint32 *pair = &g_array_index (pairs, guint32, 2 * i);

      if (recombine (s, pair[0], pair[1], TRUE))
        improved = TRUE;
      _linli_districting_check_cancel (g);
    }
  return improved;
}

/*
 * Repair: from a partition into k connected grids, some outside the
 * bounds, to one within them
 */

static guint64
violation (const LinliDistrictingGraph *g,
           guint64                      households)
{
  return households > g->max ? households - g->max : households < g->min ? g->min - households : 0;
}

static inline double
square (double x)
{
  return x * x;
}

/* Moves units on grid edges while that lowers the households outside the
 * bounds (summed over grids), or leaves them and brings the grids' households
 * closer to the mean: a full grid passes units on to a neighbour with room,
 * which passes others on, until the room reaches the grids that need it.
 * Failing that, it divides again a pair of adjacent grids one of which is
 * outside the bounds when their households fit two grids.  TRUE once every
 * grid is within the bounds. */
static gboolean
repair (Search *s)
{
  LinliDistrictingGraph *g = s->g;
  guint64 all = 0;
  double target;

  for (guint p = 0; p < s->k; p++)
    all += s->hh[p];
  target = (double) all / s->k;

  for (guint round = 0; round < 10 * s->m + 100 && !g->cancelled; round++)
    {
      guint64 total = 0;
      gboolean improved = FALSE;

      for (guint p = 0; p < s->k; p++)
        total += violation (g, s->hh[p]);
      if (total == 0)
        return TRUE;

      for (guint i = 0; i < s->m; i++)
        {
          guint32 u = s->units[i], from = g->part[u], best = NO_PART;
          guint32 h = g->units[u].households;
          gint64 best_delta = 0;
          double best_spread = 0;

          if (s->size[from] == 1)
            continue;
          for (guint32 a = g->adj_start[u]; a < g->adj_start[u + 1]; a++)
            {
              guint32 p = g->part[g->adj[a]];
              gint64 delta;
              double spread;

              if (p == from)
                continue;
              delta = (gint64) violation (g, s->hh[from] - h) + (gint64) violation (g, s->hh[p] + h)
                      - (gint64) violation (g, s->hh[from]) - (gint64) violation (g, s->hh[p]);
              spread = square ((double) s->hh[from] - h - target)
                       + square ((double) s->hh[p] + h - target)
                       - square ((double) s->hh[from] - target)
                       - square ((double) s->hh[p] - target);
              if (delta < best_delta || (delta == best_delta && spread < best_spread - 1e-9))
                {
                  best_delta = delta;
                  best_spread = spread;
                  best = p;
                }
            }
          if (best == NO_PART || !connected_without (s, u))
            continue;
          g->part[u] = best;
          s->hh[from] -= h;
          s->size[from]--;
          s->hh[best] += h;
          s->size[best]++;
          improved = TRUE;
        }
      if (improved)
        continue;

      for (guint i = 0; i < s->m && !improved; i++)
        {
          guint32 u = s->units[i];

          for (guint32 a = g->adj_start[u]; a < g->adj_start[u + 1] && !improved; a++)
            {
              guint32 pa = g->part[u], pb = g->part[g->adj[a]];
              guint64 both = s->hh[pa] + s->hh[pb];

              if (pa == pb || violation (g, s->hh[pa]) + violation (g, s->hh[pb]) == 0
                  || both < 2 * (guint64) g->min || both > 2 * (guint64) g->max
                  || s->size[pa] + s->size[pb] > 63)
                continue;
              improved = recombine (s, pa, pb, FALSE);
            }
        }
      if (!improved)
        return FALSE;
    }
  return FALSE;
}

static void
local_search (Search *s)
{
  for (guint pass = 0; pass < MAX_PASSES && !s->g->cancelled; pass++)
    {
      gboolean moved = FALSE;

      while (move_pass (s))
        moved = TRUE;
      if (!pair_pass (s) && !moved)
        break;
    }
}

/* A random grid next to the grids of @ids other than them, or NO_PART. */
static guint32
random_neighbour (Search        *s,
                  const guint32 *ids,
                  guint          n_ids)
{
  LinliDistrictingGraph *g = s->g;
  guint32 found = NO_PART;
  guint n_seen = 0;

  for (guint i = 0; i < s->m; i++)
    {
      guint32 u = s->units[i];
      gboolean inside = FALSE;

      for (guint j = 0; j < n_ids; j++)
        inside |= g->part[u] == ids[j];
      if (!inside)
        continue;
      for (guint32 e = g->adj_start[u]; e < g->adj_start[u + 1]; e++)
        {
          guint32 p = g->part[g->adj[e]];
          gboolean known = FALSE;

          for (guint j = 0; j < n_ids; j++)
            known |= p == ids[j];
          if (!known && g_rand_int_range (s->rand, 0, ++n_seen) == 0)
            found = p;
        }
    }
  return found;
}

/* Merges two or three random adjacent grids and divides them again along
 * random spanning trees: a step the local search cannot make, since it
 * only ever moves one unit or re-divides two grids. */
static gboolean
perturb (Search *s)
{
  LinliDistrictingGraph *g = s->g;
  g_autofree guint32 *set = NULL;
  g_autofree guint32 *saved = NULL;
  guint32 ids[3];
  guint n = 0, n_ids = 1, total = 0;
  gboolean ok;

  ids[0] = g->part[s->units[g_rand_int_range (s->rand, 0, s->m)]];
  ids[1] = random_neighbour (s, ids, 1);
  if (ids[1] == NO_PART)
    return FALSE;
  n_ids = 2;
  if (s->k > 2 && g_rand_boolean (s->rand))
    {
      ids[2] = random_neighbour (s, ids, 2);
      n_ids += ids[2] != NO_PART;
    }
  for (guint j = 0; j < n_ids; j++)
    total += s->size[ids[j]];
  set = g_new (guint32, total);
  saved = g_new (guint32, total);
  for (guint i = 0; i < s->m; i++)
    for (guint j = 0; j < n_ids; j++)
      if (g->part[s->units[i]] == ids[j])
        {
          saved[n] = ids[j];
          set[n++] = s->units[i];
        }

  /* bisect() numbers the new grids from k up; they take the old numbers. */
  s->tree_budget = 40;
  ok = bisect (s, set, n, n_ids, s->k);
  for (guint i = 0; i < n; i++)
    g->part[set[i]] = ok ? ids[g->part[set[i]] - s->k] : saved[i];
  if (!ok)
    return FALSE;
  recount (s);
  memset (s->dirty, 0, s->k * sizeof (gboolean));
  for (guint j = 0; j < n_ids; j++)
    s->dirty[ids[j]] = TRUE;
  return TRUE;
}

/*
 * _linli_districting_heuristic:
 * @units: (array length=m): one connected part of the graph
 * @seed: three numbers for the random generator
 *
 * Divides @units into @k grids, left in `g->part` as 0 to @k - 1, with
 * their cut and compounds split.  Returns FALSE when the seed found no
 * partition (or on cancellation).
 */
gboolean
_linli_districting_heuristic (LinliDistrictingGraph *g,
                              const guint32         *units,
                              guint                  m,
                              guint                  k,
                              const guint32          seed[3],
                              guint                  iterations,
                              guint64                pair_node_limit,
                              double                *cut,
                              guint                 *splits)
{
  Search s = { 0 };
  g_autofree guint32 *set = g_memdup2 (units, m * sizeof (guint32));
  g_autofree guint32 *best = NULL;
  g_autofree guint32 *current = NULL;
  double current_cut;
  guint current_splits;
  static const double relax[] = { 0.05, 0.15, 0.3, 1.0 };
  gboolean seeded = FALSE;
  guint max_degree = 0;
  double best_cut;
  guint best_splits;

  s.g = g;
  s.units = units;
  s.m = m;
  s.k = k;
  s.rand = g_rand_new_with_seed_array (seed, 3);
  s.pair_node_limit = pair_node_limit;
  s.tree_budget = SEED_TREE_BUDGET;
  s.local = g_new (guint32, g->n);
  s.bfs = g_new (guint32, m);
  for (guint i = 0; i < m; i++)
    max_degree = MAX (max_degree, g->adj_start[units[i] + 1] - g->adj_start[units[i]]);
  s.nb_part = g_new (guint32, MAX (max_degree, 1));
  s.nb_weight = g_new (double, MAX (max_degree, 1));
  s.touched = g_new (guint32, m);
  s.tree_edges = g_new (TreeEdge, MAX (g->adj_start[g->n], 1));
  s.tree_uf = g_new (guint32, m);
  s.tree_start = g_new (guint32, m + 1);
  s.tree_adj = g_new (guint32, 2 * m);
  s.tree_order = g_new (guint32, m);
  s.tree_parent = g_new (guint32, m);
  s.tree_sub = g_new (guint64, m);
  s.hh = g_new0 (guint64, k);
  s.size = g_new0 (guint, k);
  s.dirty = g_new (gboolean, k);

  /* Seeds within the bounds first; failing that, seeds within wider
   * bounds, repaired. */
  s.seed_min = g->min;
  s.seed_max = g->max;
  for (guint attempt = 0; attempt < SEED_ATTEMPTS && s.tree_budget > 0 && !g->cancelled; attempt++)
    if ((seeded = bisect (&s, set, m, k, 0)))
      break;
  for (guint r = 0; r < G_N_ELEMENTS (relax) && !seeded && !g->cancelled; r++)
    {
      s.seed_min = (guint64) floor (g->min * (1 - relax[r]));
      s.seed_max = (guint64) ceil (g->max * (1 + relax[r]));
      s.tree_budget = SEED_TREE_BUDGET / 4;
      for (guint attempt = 0;
           attempt < SEED_ATTEMPTS && s.tree_budget > 0 && !seeded && !g->cancelled;
           attempt++)
        if (bisect (&s, set, m, k, 0))
          {
            recount (&s);
            seeded = repair (&s);
          }
    }
  /* The perturbations bisect within the true bounds. */
  s.seed_min = g->min;
  s.seed_max = g->max;

  if (seeded && !g->cancelled)
    {
      recount (&s);
      for (guint p = 0; p < k; p++)
        s.dirty[p] = TRUE;
      local_search (&s);
      best = g_new (guint32, m);
      for (guint i = 0; i < m; i++)
        best[i] = g->part[units[i]];
      best_cut = s.cut;
      best_splits = s.splits;

      /* Each round starts from the current partition, which follows any
       * round that is no worse (a walk along plateaus of equal cut), while
       * the best stays aside. */
      current = g_memdup2 (best, m * sizeof (guint32));
      current_cut = best_cut;
      current_splits = best_splits;
      for (guint it = 0; it < iterations && k > 1 && !g->cancelled; it++)
        {
          if (perturb (&s))
            local_search (&s);
          if (!_linli_districting_better (g, current_cut, current_splits, s.cut, s.splits))
            {
              for (guint i = 0; i < m; i++)
                current[i] = g->part[units[i]];
              current_cut = s.cut;
              current_splits = s.splits;
              if (_linli_districting_better (g, s.cut, s.splits, best_cut, best_splits))
                {
                  memcpy (best, current, m * sizeof (guint32));
                  best_cut = s.cut;
                  best_splits = s.splits;
                }
            }
          else
            {
              for (guint i = 0; i < m; i++)
                g->part[units[i]] = current[i];
              recount (&s);
            }
          _linli_districting_check_cancel (g);
        }
      for (guint i = 0; i < m; i++)
        g->part[units[i]] = best[i];
      recount (&s);
      *cut = s.cut;
      *splits = s.splits;
    }

  g_rand_free (s.rand);
  g_free (s.local);
  g_free (s.bfs);
  g_free (s.nb_part);
  g_free (s.nb_weight);
  g_free (s.touched);
  g_free (s.tree_edges);
  g_free (s.tree_uf);
  g_free (s.tree_start);
  g_free (s.tree_adj);
  g_free (s.tree_order);
  g_free (s.tree_parent);
  g_free (s.tree_sub);
  g_free (s.hh);
  g_free (s.size);
  g_free (s.dirty);
  return seeded && !g->cancelled;
}
