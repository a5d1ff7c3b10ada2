/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-districting"

/* Dividing a community into grids.
 *
 * What the solve guarantees:
 *
 *  - Every partition it returns meets the hard rules: each unit in exactly
 *    one grid, each grid connected in the unit graph and within the bounds.
 *    The objective values and per-grid figures are computed afresh from the
 *    final assignment, not carried over from the search.
 *  - Before any search it checks the necessary conditions, cheapest first,
 *    and reports every culprit it finds: units above the maximum, then
 *    connected parts of the graph whose households fit no count of grids
 *    (below the minimum, or ⌈H/max⌉ > ⌊H/min⌋), then a requested count
 *    outside the sum of what the parts allow.
 *  - Connected parts are divided independently, so a community cut in
 *    pieces by major roads gets grids in each piece.  A part with at most
 *    `exact_max_units` units is solved by exhaustive enumeration with
 *    bounding (linli-districting-exact.c) for every count it may take;
 *    finishing within the node limit proves that count's best partition
 *    optimal, or that none exists.  Larger parts get the heuristic
 *    (linli-districting-search.c): a feasible seed from spanning tree
 *    bisection, then local search that never breaks the hard rules.
 *  - The count of grids: when requested, it is shared among the parts by
 *    dynamic programming over each part's best partitions for the counts
 *    that can add up to it.  When not, each part takes, among the counts its
 *    households allow, the one whose partition has the best objective (ties
 *    to fewer grids); the exact search tries them all, the heuristic the
 *    smallest count at which it finds a partition and the next
 *    `counts_tried` - 1.  The cut grows with the count, so more are rarely
 *    worth trying.
 *  - The result is proven optimal only when every part was solved exactly
 *    to the end for every count it could take.  When no partition was
 *    found, a NOT_FOUND culprit per part says whether the search proved
 *    that none exists or only failed to find one.
 *  - The same input and seed give the same result: the heuristic's
 *    randomness comes from a GRand seeded with the seed, the part and the
 *    count, and its effort is counted in rounds and nodes, not time.
 */

#include "config.h"

#include "linli-districting-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (linli-districting-error-quark, linli_districting_error)

/* The exact re-division of two grids inside the heuristic gives up after
 * this many nodes. */
#define PAIR_NODE_LIMIT 20000

/*
 * Shared helpers
 */

gboolean
_linli_districting_better (const LinliDistrictingGraph *g,
                           double                       cut_a,
                           guint                        splits_a,
                           double                       cut_b,
                           guint                        splits_b)
{
  return cut_a < cut_b - g->eps || (cut_a <= cut_b + g->eps && splits_a < splits_b);
}

guint32
_linli_districting_next_stamp (LinliDistrictingGraph *g)
{
  if (++g->stamp_id == 0)
    {
      memset (g->stamp, 0, g->n * sizeof (guint32));
      g->stamp_id = 1;
    }
  return g->stamp_id;
}

gboolean
_linli_districting_check_cancel (LinliDistrictingGraph *g)
{
  if (!g->cancelled && g->cancellable && g_cancellable_is_cancelled (g->cancellable))
    g->cancelled = TRUE;
  return g->cancelled;
}

/* The compounds among @compounds whose units are not all in one part. */
guint
_linli_districting_count_splits (LinliDistrictingGraph *g,
                                 const guint32         *compounds,
                                 guint                  n_compounds)
{
  guint splits = 0;

  for (guint i = 0; i < n_compounds; i++)
    {
      guint32 c = compounds[i];
      guint32 first = g->part[g->compound_units[g->compound_start[c]]];

      for (guint32 j = g->compound_start[c] + 1; j < g->compound_start[c + 1]; j++)
        if (g->part[g->compound_units[j]] != first)
          {
            splits++;
            break;
          }
    }
  return splits;
}

/* The distinct compounds of @units, into @compounds (room for @m). */
guint
_linli_districting_touched (LinliDistrictingGraph *g,
                            const guint32         *units,
                            guint                  m,
                            guint32               *compounds)
{
  guint32 stamp = _linli_districting_next_stamp (g);
  guint n = 0;

  /* Compounds are marked through the stamp of their first unit. */
  for (guint i = 0; i < m; i++)
    {
      guint32 c = g->compound[units[i]], first;

      if (c == LINLI_DISTRICTING_NO_COMPOUND)
        continue;
      first = g->compound_units[g->compound_start[c]];
      if (g->stamp[first] == stamp)
        continue;
      g->stamp[first] = stamp;
      compounds[n++] = c;
    }
  return n;
}

/*
 * Options, results
 */

/**
 * linli_districting_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Sets the defaults: grids of 300 to 500 households, the count chosen by the
 * search, seed 1, exact search for parts of up to 16 units with at most ten
 * million nodes per count, 150 rounds of perturbation and three counts tried.
 */
void
linli_districting_options_init (LinliDistrictingOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->min_households = 300;
  options->max_households = 500;
  options->n_grids = 0;
  options->seed = 1;
  options->exact_max_units = 16;
  options->exact_node_limit = 10000000;
  options->iterations = 150;
  options->counts_tried = 3;
}

/**
 * linli_districting_result_free:
 * @result: (nullable): a result of linli_districting_solve()
 *
 * Frees @result and everything it holds.
 */
void
linli_districting_result_free (LinliDistrictingResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < result->n_culprits; i++)
    g_free (result->culprits[i].units);
  g_free (result->culprits);
  g_free (result->grid);
  g_free (result->grids);
  g_free (result);
}

/*
 * Input
 */

static gboolean
check_input (const LinliDistrictingUnit    *units,
             guint                          n_units,
             const LinliDistrictingEdge    *edges,
             guint                          n_edges,
             const LinliDistrictingOptions *options,
             GError                       **error)
{
  if (options->min_households < 1 || options->min_households > options->max_households)
    {
      g_set_error (error, LINLI_DISTRICTING_ERROR, LINLI_DISTRICTING_ERROR_INVALID,
                   _("The households per grid must be at least 1 and the minimum no more than the "
                     "maximum (%u to %u)"),
                   options->min_households, options->max_households);
      return FALSE;
    }
  if (options->exact_max_units > 63)
    {
      g_set_error (error, LINLI_DISTRICTING_ERROR, LINLI_DISTRICTING_ERROR_INVALID,
                   _("The exact search handles at most 63 units, not %u"),
                   options->exact_max_units);
      return FALSE;
    }
  if (n_units == 0 || n_units == G_MAXUINT32)
    {
      g_set_error (error, LINLI_DISTRICTING_ERROR, LINLI_DISTRICTING_ERROR_INVALID,
                   _("There are no units to divide into grids"));
      return FALSE;
    }
  for (guint i = 0; i < n_units; i++)
    if (!isfinite (units[i].x) || !isfinite (units[i].y) || !isfinite (units[i].area)
        || !isfinite (units[i].perimeter) || units[i].area < 0 || units[i].perimeter < 0)
      {
        g_set_error (error, LINLI_DISTRICTING_ERROR, LINLI_DISTRICTING_ERROR_INVALID,
                     _("Unit %u has a position, area or perimeter that is not a finite "
                       "number of metres"),
                     i);
        return FALSE;
      }
  for (guint i = 0; i < n_edges; i++)
    {
      if (edges[i].a >= n_units || edges[i].b >= n_units || edges[i].a == edges[i].b)
        {
          g_set_error (error, LINLI_DISTRICTING_ERROR, LINLI_DISTRICTING_ERROR_INVALID,
                       _("Edge %u joins units %u and %u, which are not two of the %u units"),
                       i, edges[i].a, edges[i].b, n_units);
          return FALSE;
        }
      if (!isfinite (edges[i].length) || edges[i].length < 0)
        {
          g_set_error (error, LINLI_DISTRICTING_ERROR, LINLI_DISTRICTING_ERROR_INVALID,
                       _("Edge %u has a length that is not a finite number of metres"), i);
          return FALSE;
        }
    }
  return TRUE;
}

/* The adjacency with each pair's lengths added up. */
static void
graph_build (LinliDistrictingGraph      *g,
             const LinliDistrictingUnit *units,
             guint                       n,
             const LinliDistrictingEdge *edges,
             guint                       n_edges)
{
  g_autofree guint32 *fill = NULL;
  g_autofree guint32 *raw = NULL;
  g_autofree double *raw_length = NULL;
  g_autofree guint32 *slot = NULL;
  double total = 0;
  guint32 out = 0;

  g->n = n;
  g->units = units;
  g->adj_start = g_new0 (guint32, n + 1);
  for (guint e = 0; e < n_edges; e++)
    {
      g->adj_start[edges[e].a + 1]++;
      g->adj_start[edges[e].b + 1]++;
      total += edges[e].length;
    }
  for (guint i = 0; i < n; i++)
    g->adj_start[i + 1] += g->adj_start[i];
  fill = g_memdup2 (g->adj_start, n * sizeof (guint32));
  raw = g_new (guint32, MAX (2 * (gsize) n_edges, 1));
  raw_length = g_new (double, MAX (2 * (gsize) n_edges, 1));
  for (guint e = 0; e < n_edges; e++)
    {
      raw[fill[edges[e].a]] = edges[e].b;
      raw_length[fill[edges[e].a]++] = edges[e].length;
      raw[fill[edges[e].b]] = edges[e].a;
      raw_length[fill[edges[e].b]++] = edges[e].length;
    }

  /* Merge repeated neighbours in place: `slot` remembers where each
   * neighbour of the current unit went. */
  slot = g_new (guint32, n);
  for (guint i = 0; i < n; i++)
    slot[i] = G_MAXUINT32;
  g->adj = g_new (guint32, MAX (2 * (gsize) n_edges, 1));
  g->adj_length = g_new (double, MAX (2 * (gsize) n_edges, 1));
  for (guint i = 0; i < n; i++)
    {
      guint32 start = out;

      for (guint32 a = g->adj_start[i]; a < g->adj_start[i + 1]; a++)
        {
          guint32 v = raw[a];

          if (slot[v] != G_MAXUINT32 && slot[v] >= start)
            g->adj_length[slot[v]] += raw_length[a];
          else
            {
              slot[v] = out;
              g->adj[out] = v;
              g->adj_length[out++] = raw_length[a];
            }
        }
      g->adj_start[i] = start;
    }
  g->adj_start[n] = out;

  g->eps = 1e-9 * (total + 1);
  g->scratch_nb = g_new (guint32, MAX (out, 1));
  g->scratch_length = g_new (double, MAX (out, 1));
  g->part = g_new0 (guint32, n);
  g->stamp = g_new0 (guint32, n);
  g->queue = g_new (guint32, n);
}

/* Dense compound numbers for the compounds the searches must care about:
 * more than one unit, all in one connected part. */
static void
graph_compounds (LinliDistrictingGraph *g,
                 const guint32         *component)
{
  g_autoptr (GHashTable) ids = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) first_unit = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *count = NULL, *id = NULL;
  g_autofree gboolean *usable = NULL;
  guint n_raw;
  guint32 next = 0;

  /* Raw numbers first, in order of first appearance. */
  id = g_new (guint32, g->n);
  for (guint i = 0; i < g->n; i++)
    {
      guint32 c = g->units[i].compound;
      gpointer value;

      id[i] = LINLI_DISTRICTING_NO_COMPOUND;
      if (c == LINLI_DISTRICTING_NO_COMPOUND)
        continue;
      if (!g_hash_table_lookup_extended (ids, GUINT_TO_POINTER (c), NULL, &value))
        {
          value = GUINT_TO_POINTER (first_unit->len);
          g_hash_table_insert (ids, GUINT_TO_POINTER (c), value);
          g_array_append_val (first_unit, i);
        }
      id[i] = GPOINTER_TO_UINT (value);
    }
  n_raw = first_unit->len;
  count = g_new0 (guint32, MAX (n_raw, 1));
  usable = g_new (gboolean, MAX (n_raw, 1));
  for (guint c = 0; c < n_raw; c++)
    usable[c] = TRUE;
  for (guint i = 0; i < g->n; i++)
    if (id[i] != LINLI_DISTRICTING_NO_COMPOUND)
      {
        guint32 c = id[i];

        count[c]++;
        if (component[i] != component[g_array_index (first_unit, guint32, c)])
          usable[c] = FALSE;
      }

  /* Then dense numbers for the usable ones. */
  for (guint c = 0; c < n_raw; c++)
    count[c] = usable[c] && count[c] > 1 ? next++ : LINLI_DISTRICTING_NO_COMPOUND;
  g->n_compounds = next;
  g->compound = g_new (guint32, g->n);
  g->compound_start = g_new0 (guint32, next + 1);
  for (guint i = 0; i < g->n; i++)
    {
      g->compound[i] = id[i] == LINLI_DISTRICTING_NO_COMPOUND ? LINLI_DISTRICTING_NO_COMPOUND
                                                               : count[id[i]];
      if (g->compound[i] != LINLI_DISTRICTING_NO_COMPOUND)
        g->compound_start[g->compound[i] + 1]++;
    }
  for (guint c = 0; c < next; c++)
    g->compound_start[c + 1] += g->compound_start[c];
  g->compound_units = g_new (guint32, MAX (g->compound_start[next], 1));
  {
    g_autofree guint32 *fill = g_memdup2 (g->compound_start, (next + 1) * sizeof (guint32));

    for (guint i = 0; i < g->n; i++)
      if (g->compound[i] != LINLI_DISTRICTING_NO_COMPOUND)
        g->compound_units[fill[g->compound[i]]++] = i;
  }
}

static void
graph_clear (LinliDistrictingGraph *g)
{
  g_free (g->adj_start);
  g_free (g->adj);
  g_free (g->adj_length);
  g_free (g->compound);
  g_free (g->compound_start);
  g_free (g->compound_units);
  g_free (g->scratch_nb);
  g_free (g->scratch_length);
  g_free (g->part);
  g_free (g->stamp);
  g_free (g->queue);
}

/*
 * Connected parts and their solutions
 */

/* proven: the exact search finished, so a found partition is optimal and
 * none found means none exists. */
typedef struct
{
  gboolean tried;
  gboolean found;
  gboolean proven;
  double   cut;
  guint    splits;
  guint32 *part;
} Solution;

typedef struct
{
  guint32  *units;
  guint     m;
  guint64   households;
  guint     lo;
  guint     hi;
  Solution *solutions;
  guint     chosen;
} Component;

typedef struct
{
  LinliDistrictingGraph          g;
  const LinliDistrictingOptions *options;
  Component                     *components;
  guint                          n_components;
  GArray                        *culprits;
} Solve;

static void
add_culprit (Solve                  *self,
             LinliDistrictingProblem problem,
             const guint32          *units,
             guint                   n_units,
             guint64                 households)
{
  LinliDistrictingCulprit c = { 0 };

  c.problem = problem;
  c.n_units = n_units;
  c.units = n_units > 0 ? g_memdup2 (units, n_units * sizeof (guint32)) : NULL;
  c.households = households;
  g_array_append_val (self->culprits, c);
}

static LinliDistrictingCulprit *
last_culprit (Solve *self)
{
  return &g_array_index (self->culprits, LinliDistrictingCulprit, self->culprits->len - 1);
}

static void
find_components (Solve *self)
{
  LinliDistrictingGraph *g = &self->g;
  g_autofree guint32 *component = g_new (guint32, g->n);
  g_autofree guint32 *fill = NULL;
  guint n_components = 0;

  for (guint i = 0; i < g->n; i++)
    component[i] = G_MAXUINT32;
  for (guint i = 0; i < g->n; i++)
    {
      guint head = 0, tail = 0;

      if (component[i] != G_MAXUINT32)
        continue;
      component[i] = n_components;
      g->queue[tail++] = i;
      while (head < tail)
        {
          guint32 x = g->queue[head++];

          for (guint32 a = g->adj_start[x]; a < g->adj_start[x + 1]; a++)
            if (component[g->adj[a]] == G_MAXUINT32)
              {
                component[g->adj[a]] = n_components;
                g->queue[tail++] = g->adj[a];
              }
        }
      n_components++;
    }

  self->n_components = n_components;
  self->components = g_new0 (Component, n_components);
  for (guint i = 0; i < g->n; i++)
    {
      self->components[component[i]].m++;
      self->components[component[i]].households += g->units[i].households;
    }
  fill = g_new0 (guint32, n_components);
  for (guint c = 0; c < n_components; c++)
    self->components[c].units = g_new (guint32, self->components[c].m);
  for (guint i = 0; i < g->n; i++)
    self->components[component[i]].units[fill[component[i]]++] = i;

  graph_compounds (g, component);
}

/* The cheap necessary conditions; FALSE with culprits when one fails. */
static gboolean
check_counts (Solve *self)
{
  LinliDistrictingGraph *g = &self->g;
  gboolean above = FALSE;

  for (guint i = 0; i < g->n; i++)
    if (g->units[i].households > g->max)
      {
        guint32 u = i;

        add_culprit (self, LINLI_DISTRICTING_UNIT_ABOVE_MAX, &u, 1, g->units[i].households);
        above = TRUE;
      }
  for (guint c = 0; c < self->n_components; c++)
    {
      Component *comp = &self->components[c];
      gboolean has_above = FALSE;
      guint64 lo, hi;

      for (guint i = 0; i < comp->m; i++)
        has_above |= g->units[comp->units[i]].households > g->max;
      lo = MAX ((comp->households + g->max - 1) / g->max, 1);
      hi = comp->households / g->min;
      if (lo <= hi)
        {
          comp->lo = lo;
          /* No more grids than units: each grid holds at least one. */
          comp->hi = MIN (hi, comp->m);
          comp->solutions = g_new0 (Solution, comp->hi - comp->lo + 1);
          continue;
        }
      /* A part holding a unit above the maximum is explained by that unit. */
      if (has_above)
        continue;
      add_culprit (self,
                   comp->households < g->min ? LINLI_DISTRICTING_COMPONENT_BELOW_MIN
                                             : LINLI_DISTRICTING_COMPONENT_NO_COUNT,
                   comp->units, comp->m, comp->households);
      last_culprit (self)->k_min = MIN (lo, G_MAXUINT);
      last_culprit (self)->k_max = hi;
    }
  return self->culprits->len == 0 && !above;
}

/* Runs the heuristic on part @c with @k grids and keeps its partition when
 * it beats the one held. */
static void
run_heuristic (Solve *self,
               guint  c,
               guint  k,
               guint  iterations,
               guint  round)
{
  LinliDistrictingGraph *g = &self->g;
  Component *comp = &self->components[c];
  Solution *sol = &comp->solutions[k - comp->lo];
  guint32 seed[3] = { self->options->seed, c, k | round << 24 };
  double cut;
  guint splits;

  if (_linli_districting_heuristic (g, comp->units, comp->m, k, seed, iterations, PAIR_NODE_LIMIT,
                                    &cut, &splits)
      && (!sol->found || _linli_districting_better (g, cut, splits, sol->cut, sol->splits)))
    {
      sol->found = TRUE;
      sol->cut = cut;
      sol->splits = splits;
      if (sol->part == NULL)
        sol->part = g_new (guint32, comp->m);
      for (guint i = 0; i < comp->m; i++)
        sol->part[i] = g->part[comp->units[i]];
    }
}

/* A first partition of part @c into @k grids: exact when the part is small
 * enough, else the heuristic with a quarter of its rounds (the count that
 * wins gets the rest, see polish()). */
static void
solve_count (Solve *self,
             guint  c,
             guint  k)
{
  LinliDistrictingGraph *g = &self->g;
  const LinliDistrictingOptions *o = self->options;
  Component *comp = &self->components[c];
  Solution *sol = &comp->solutions[k - comp->lo];

  if (sol->tried || g->cancelled)
    return;
  sol->tried = TRUE;

  if (comp->m <= o->exact_max_units)
    {
      g_autofree guint32 *ids = g_new (guint32, k);
      LinliDistrictingExactOutcome outcome;

      for (guint p = 0; p < k; p++)
        ids[p] = p;
      _linli_districting_exact (g, comp->units, comp->m, k, ids, FALSE, 0, 0, o->exact_node_limit,
                                &outcome);
      if (g->cancelled)
        return;
      if (outcome.found)
        {
          sol->found = TRUE;
          sol->cut = outcome.cut;
          sol->splits = outcome.splits;
          sol->part = g_new (guint32, comp->m);
          for (guint i = 0; i < comp->m; i++)
            sol->part[i] = g->part[comp->units[i]];
        }
      sol->proven = outcome.complete;
      if (outcome.complete)
        return;
    }
  run_heuristic (self, c, k, o->iterations / 4, 0);
}

/* The chosen count of each part that the exact search did not settle gets
 * a second, full run of the heuristic from another seed. */
static void
polish (Solve *self)
{
  for (guint c = 0; c < self->n_components && !self->g.cancelled; c++)
    {
      Component *comp = &self->components[c];

      if (!comp->solutions[comp->chosen - comp->lo].proven)
        run_heuristic (self, c, comp->chosen, self->options->iterations, 1);
    }
}

/* The best count for each part on its own; FALSE with NOT_FOUND culprits
 * for the parts where none was found. */
static gboolean
choose_free (Solve    *self,
             gboolean *proven)
{
  const LinliDistrictingOptions *o = self->options;
  gboolean ok = TRUE;

  *proven = TRUE;
  for (guint c = 0; c < self->n_components && !self->g.cancelled; c++)
    {
      Component *comp = &self->components[c];
      gboolean exact = comp->m <= o->exact_max_units, all_proven = TRUE;
      guint first = 0, last = comp->lo;
      Solution *best = NULL;

      for (guint k = comp->lo; k <= comp->hi && !self->g.cancelled; k++)
        {
          Solution *sol = &comp->solutions[k - comp->lo];

          solve_count (self, c, k);
          last = k;
          all_proven &= sol->proven;
          if (sol->found)
            {
              if (first == 0)
                first = k;
              if (best == NULL
                  || _linli_districting_better (&self->g, sol->cut, sol->splits, best->cut,
                                                best->splits))
                {
                  best = sol;
                  comp->chosen = k;
                }
            }
          if (!exact && first > 0 && k + 1 >= first + MAX (o->counts_tried, 1))
            {
              all_proven = FALSE;
              break;
            }
        }
      if (last < comp->hi)
        all_proven = FALSE;
      *proven &= all_proven && best != NULL && best->proven;
      if (best == NULL && !self->g.cancelled)
        {
          ok = FALSE;
          add_culprit (self, LINLI_DISTRICTING_NOT_FOUND, comp->units, comp->m, comp->households);
          last_culprit (self)->k_min = comp->lo;
          last_culprit (self)->k_max = last;
          last_culprit (self)->proven = all_proven;
        }
    }
  return ok;
}

/* The requested count shared among the parts by dynamic programming over
 * their best partitions per count. */
static gboolean
choose_requested (Solve    *self,
                  guint     n_grids,
                  gboolean *proven)
{
  LinliDistrictingGraph *g = &self->g;
  guint64 sum_lo = 0, sum_hi = 0;
  guint C = self->n_components, N = n_grids;
  g_autofree double *cut = NULL;
  g_autofree guint *splits = NULL, *choice = NULL;
  g_autofree gboolean *reach = NULL;
  gboolean any_missing = FALSE;

  for (guint c = 0; c < C; c++)
    {
      sum_lo += self->components[c].lo;
      sum_hi += self->components[c].hi;
    }

  *proven = TRUE;
  for (guint c = 0; c < C && !g->cancelled; c++)
    {
      Component *comp = &self->components[c];
      gint64 a = MAX ((gint64) comp->lo, (gint64) N - (gint64) (sum_hi - comp->hi));
      gint64 b = MIN ((gint64) comp->hi, (gint64) N - (gint64) (sum_lo - comp->lo));
      gboolean some = FALSE, all_proven = TRUE;

      for (gint64 k = a; k <= b && !g->cancelled; k++)
        {
          Solution *sol = &comp->solutions[k - comp->lo];

          solve_count (self, c, k);
          some |= sol->found;
          all_proven &= sol->proven;
        }
      *proven &= all_proven;
      if (!some && !g->cancelled)
        {
          any_missing = TRUE;
          add_culprit (self, LINLI_DISTRICTING_NOT_FOUND, comp->units, comp->m, comp->households);
          last_culprit (self)->k_min = a;
          last_culprit (self)->k_max = b;
          last_culprit (self)->k_requested = n_grids;
          last_culprit (self)->proven = all_proven;
        }
    }
  if (g->cancelled || any_missing)
    return FALSE;

  /* best[c][t]: the best sum over parts before c with t grids. */
  cut = g_new (double, (gsize) (C + 1) * (N + 1));
  splits = g_new0 (guint, (gsize) (C + 1) * (N + 1));
  choice = g_new0 (guint, (gsize) (C + 1) * (N + 1));
  reach = g_new0 (gboolean, (gsize) (C + 1) * (N + 1));
  reach[0] = TRUE;
  cut[0] = 0;
  for (guint c = 0; c < C; c++)
    {
      Component *comp = &self->components[c];

      for (guint t = 0; t <= N; t++)
        {
          gsize from = (gsize) c * (N + 1) + t;

          if (!reach[from])
            continue;
          for (guint k = comp->lo; k <= comp->hi && t + k <= N; k++)
            {
              Solution *sol = &comp->solutions[k - comp->lo];
              gsize to = (gsize) (c + 1) * (N + 1) + t + k;
              double v_cut;
              guint v_splits;

              if (!sol->found)
                continue;
              v_cut = cut[from] + sol->cut;
              v_splits = splits[from] + sol->splits;
              if (!reach[to] || _linli_districting_better (g, v_cut, v_splits, cut[to], splits[to]))
                {
                  reach[to] = TRUE;
                  cut[to] = v_cut;
                  splits[to] = v_splits;
                  choice[to] = k;
                }
            }
        }
    }
  if (!reach[(gsize) C * (N + 1) + N])
    {
      add_culprit (self, LINLI_DISTRICTING_NOT_FOUND, NULL, 0, 0);
      last_culprit (self)->k_min = sum_lo;
      last_culprit (self)->k_max = sum_hi;
      last_culprit (self)->k_requested = n_grids;
      last_culprit (self)->proven = *proven;
      return FALSE;
    }
  for (guint c = C, t = N; c > 0; c--)
    {
      guint k = choice[(gsize) c * (N + 1) + t];

      self->components[c - 1].chosen = k;
      t -= k;
    }
  return TRUE;
}

/* The partition of the chosen solutions, its grids numbered in the order
 * of their lowest unit, and every figure computed from it alone. */
static void
fill_result (Solve                  *self,
             LinliDistrictingResult *result)
{
  LinliDistrictingGraph *g = &self->g;
  g_autofree guint32 *raw = g_new (guint32, g->n);
  g_autofree guint32 *renumber = NULL;
  g_autofree double *inner = NULL;
  g_autoptr (GHashTable) compound_grid = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) split = g_hash_table_new (NULL, NULL);
  guint offset = 0, next = 0;

  for (guint c = 0; c < self->n_components; c++)
    {
      Component *comp = &self->components[c];
      Solution *sol = &comp->solutions[comp->chosen - comp->lo];

      for (guint i = 0; i < comp->m; i++)
        raw[comp->units[i]] = offset + sol->part[i];
      offset += comp->chosen;
    }
  renumber = g_new (guint32, offset);
  for (guint p = 0; p < offset; p++)
    renumber[p] = G_MAXUINT32;
  result->grid = g_new (guint32, g->n);
  for (guint i = 0; i < g->n; i++)
    {
      if (renumber[raw[i]] == G_MAXUINT32)
        renumber[raw[i]] = next++;
      result->grid[i] = renumber[raw[i]];
    }
  g_assert (next == offset);

  result->found = TRUE;
  result->n_grids = offset;
  result->grids = g_new0 (LinliDistrictingGrid, offset);
  inner = g_new0 (double, offset);
  result->cut_length = 0;
  for (guint i = 0; i < g->n; i++)
    {
      LinliDistrictingGrid *grid = &result->grids[result->grid[i]];
      guint32 c = g->units[i].compound;
      gpointer value;

      grid->households += g->units[i].households;
      grid->n_units++;
      grid->area += g->units[i].area;
      grid->perimeter += g->units[i].perimeter;
      for (guint32 a = g->adj_start[i]; a < g->adj_start[i + 1]; a++)
        if (g->adj[a] > i)
          {
            if (result->grid[g->adj[a]] == result->grid[i])
              inner[result->grid[i]] += g->adj_length[a];
            else
              result->cut_length += g->adj_length[a];
          }

      /* Split compounds by their own numbers, whatever the searches
       * ignored. */
      if (c == LINLI_DISTRICTING_NO_COMPOUND)
        continue;
      if (!g_hash_table_lookup_extended (compound_grid, GUINT_TO_POINTER (c), NULL, &value))
        g_hash_table_insert (compound_grid, GUINT_TO_POINTER (c),
                             GUINT_TO_POINTER (result->grid[i]));
      else if (GPOINTER_TO_UINT (value) != result->grid[i])
        g_hash_table_add (split, GUINT_TO_POINTER (c));
    }
  result->n_split_compounds = g_hash_table_size (split);
  for (guint p = 0; p < offset; p++)
    {
      LinliDistrictingGrid *grid = &result->grids[p];

      grid->perimeter = MAX (grid->perimeter - 2 * inner[p], 0);
      grid->polsby_popper = grid->perimeter > 0
                            ? 4 * G_PI * grid->area / (grid->perimeter * grid->perimeter)
                            : 0;
    }
}

/**
 * linli_districting_solve:
 * @units: (array length=n_units): the units
 * @n_units: how many, at least one
 * @edges: (array length=n_edges) (nullable): shared boundaries
 * @n_edges: how many
 * @options: (nullable): %NULL for the defaults
 * @cancellable: (nullable): stops the search
 * @error: set when the input is invalid or the search was cancelled
 *
 * Divides the units into grids: every unit in one grid, every grid
 * connected and within the bounds, with the least cut boundary and then the
 * fewest compounds split.  With @options->n_grids 0 the count is chosen:
 * for each connected part the count whose partition is best, ties to fewer
 * grids.
 *
 * When no partition fits, the result's `found` is %FALSE and its culprits
 * say why; that is not an error.  Errors are invalid input
 * (%LINLI_DISTRICTING_ERROR_INVALID) and cancellation
 * (%G_IO_ERROR_CANCELLED).  Call it from a worker thread: a community of a
 * few hundred units takes up to a second or two.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
LinliDistrictingResult *
linli_districting_solve (const LinliDistrictingUnit    *units,
                         guint                          n_units,
                         const LinliDistrictingEdge    *edges,
                         guint                          n_edges,
                         const LinliDistrictingOptions *options,
                         GCancellable                  *cancellable,
                         GError                       **error)
{
  LinliDistrictingOptions defaults;
  LinliDistrictingResult *result;
  Solve self = { 0 };
  gboolean ok, proven = FALSE;

  g_return_val_if_fail (units != NULL || n_units == 0, NULL);
  g_return_val_if_fail (edges != NULL || n_edges == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      linli_districting_options_init (&defaults);
      options = &defaults;
    }
  if (!check_input (units, n_units, edges, n_edges, options, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self.options = options;
  self.culprits = g_array_new (FALSE, TRUE, sizeof (LinliDistrictingCulprit));
  self.g.min = options->min_households;
  self.g.max = options->max_households;
  self.g.cancellable = cancellable;
  graph_build (&self.g, units, n_units, edges, n_edges);
  find_components (&self);

  result = g_new0 (LinliDistrictingResult, 1);
  result->n_units = n_units;
  result->n_components = self.n_components;

  ok = check_counts (&self);
  if (ok)
    {
      guint64 sum_lo = 0, sum_hi = 0;

      for (guint c = 0; c < self.n_components; c++)
        {
          sum_lo += self.components[c].lo;
          sum_hi += self.components[c].hi;
        }
      result->k_min = MIN (sum_lo, G_MAXUINT);
      result->k_max = MIN (sum_hi, G_MAXUINT);
      if (options->n_grids > 0 && (options->n_grids < sum_lo || options->n_grids > sum_hi))
        {
          add_culprit (&self, LINLI_DISTRICTING_COUNT_OUT_OF_RANGE, NULL, 0, 0);
          for (guint c = 0; c < self.n_components; c++)
            last_culprit (&self)->households += self.components[c].households;
          last_culprit (&self)->k_min = result->k_min;
          last_culprit (&self)->k_max = result->k_max;
          last_culprit (&self)->k_requested = options->n_grids;
          ok = FALSE;
        }
    }
  if (ok)
    ok = options->n_grids > 0 ? choose_requested (&self, options->n_grids, &proven)
                              : choose_free (&self, &proven);
  if (ok)
    polish (&self);

  if (!self.g.cancelled && ok)
    {
      fill_result (&self, result);
      result->proven_optimal = proven;
    }

  result->n_culprits = self.culprits->len;
  result->culprits = (LinliDistrictingCulprit *) g_array_free (self.culprits, FALSE);
  for (guint c = 0; c < self.n_components; c++)
    {
      Component *comp = &self.components[c];

      if (comp->solutions != NULL)
        for (guint k = comp->lo; k <= comp->hi; k++)
          g_free (comp->solutions[k - comp->lo].part);
      g_free (comp->solutions);
      g_free (comp->units);
    }
  g_free (self.components);
  graph_clear (&self.g);

  if (self.g.cancelled)
    {
      linli_districting_result_free (result);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  return result;
}
