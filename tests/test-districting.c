/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-districting"

#include "config.h"

#include <math.h>
#include <string.h>

#include "linli-districting.h"
#include "linli-test-utils.h"

/* Districting is checked by code that shares nothing with it: its own
 * adjacency, breadth-first search, cut, compounds split and perimeters,
 * and, on small instances, a brute force over every set partition of the
 * units.  Edge lengths are whole metres, so sums of them are exact and
 * objectives can be compared for equality.
 */

/* ------------------------------------------------------------------------ */
/* Instances                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  guint                 n;
  LinliDistrictingUnit *units;
  GArray               *edges;
} Instance;

static void
instance_clear (Instance *inst)
{
  g_free (inst->units);
  g_array_unref (inst->edges);
}

static void
add_edge (Instance *inst,
          guint32   a,
          guint32   b,
          double    length)
{
  LinliDistrictingEdge e = { a, b, length };

  g_array_append_val (inst->edges, e);
}

static LinliDistrictingResult *
solve (const Instance                *inst,
       const LinliDistrictingOptions *options)
{
  g_autoptr (GError) error = NULL;
  LinliDistrictingResult *result;

  result = linli_districting_solve (inst->units, inst->n,
                                    (LinliDistrictingEdge *) inst->edges->data, inst->edges->len,
                                    options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* A w × h lattice of square cells (side 100 m, so area 10,000 m² and
 * perimeter 400 m each), shared sides of a random whole length (a stand-in
 * for irregular cells).  @triangulate adds one diagonal per square, in a
 * random direction, which keeps the graph planar; @road removes the edges
 * between columns road - 1 and road (0 = none), as a major road would.
 * Households are drawn from [lo, hi]; @compounds groups random neighbours
 * into compounds of up to four units.
 */
static void
lattice (Instance *inst,
         GRand    *rand,
         guint     w,
         guint     h,
         gboolean  triangulate,
         guint     road,
         guint32   lo,
         guint32   hi,
         gboolean  compounds)
{
  guint32 next_compound = 7;

  inst->n = w * h;
  inst->units = g_new0 (LinliDistrictingUnit, inst->n);
  inst->edges = g_array_new (FALSE, FALSE, sizeof (LinliDistrictingEdge));
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        LinliDistrictingUnit *u = &inst->units[y * w + x];

        u->households = g_rand_int_range (rand, lo, hi + 1);
        u->compound = LINLI_DISTRICTING_NO_COMPOUND;
        u->x = x * 100 + 50;
        u->y = y * 100 + 50;
        u->area = 10000;
        u->perimeter = 400;
      }
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        guint i = y * w + x;

        if (x + 1 < w && !(road > 0 && x + 1 == road))
          add_edge (inst, i, i + 1, g_rand_int_range (rand, 40, 101));
        if (y + 1 < h)
          add_edge (inst, i, i + w, g_rand_int_range (rand, 40, 101));
        if (triangulate && x + 1 < w && y + 1 < h && !(road > 0 && x + 1 == road))
          {
            if (g_rand_boolean (rand))
              add_edge (inst, i, i + w + 1, g_rand_int_range (rand, 1, 30));
            else
              add_edge (inst, i + 1, i + w, g_rand_int_range (rand, 1, 30));
          }
      }
  if (!compounds)
    return;
  for (guint t = 0; t < inst->n / 3; t++)
    {
      guint i = g_rand_int_range (rand, 0, inst->n);
      guint size = g_rand_int_range (rand, 2, 5);

      if (inst->units[i].compound != LINLI_DISTRICTING_NO_COMPOUND)
        continue;
      inst->units[i].compound = next_compound;
      for (guint s = 1; s < size; s++)
        for (guint e = 0; e < inst->edges->len; e++)
          {
            LinliDistrictingEdge *edge = &g_array_index (inst->edges, LinliDistrictingEdge, e);

            if (inst->units[edge->a].compound == next_compound
                && inst->units[edge->b].compound == LINLI_DISTRICTING_NO_COMPOUND)
              {
                inst->units[edge->b].compound = next_compound;
                break;
              }
            if (inst->units[edge->b].compound == next_compound
                && inst->units[edge->a].compound == LINLI_DISTRICTING_NO_COMPOUND)
              {
                inst->units[edge->a].compound = next_compound;
                break;
              }
          }
      next_compound += 3;
    }
}

/* ------------------------------------------------------------------------ */
/* Independent checks                                                        */
/* ------------------------------------------------------------------------ */

typedef struct
{
  double cut;
  guint  splits;
} Objective;

/* The cut and the compounds split, by plain loops (no allocation: the
 * brute force calls this for every valid partition). */
static Objective
objective_of (const Instance *inst,
              const guint32  *grid)
{
  Objective o = { 0, 0 };

  for (guint e = 0; e < inst->edges->len; e++)
    {
      const LinliDistrictingEdge *edge = &g_array_index (inst->edges, LinliDistrictingEdge, e);

      if (grid[edge->a] != grid[edge->b])
        o.cut += edge->length;
    }
  for (guint i = 0; i < inst->n; i++)
    {
      guint32 c = inst->units[i].compound;
      gboolean first = TRUE, split = FALSE;

      if (c == LINLI_DISTRICTING_NO_COMPOUND)
        continue;
      for (guint j = 0; j < i && first; j++)
        first = inst->units[j].compound != c;
      if (!first)
        continue;
      for (guint j = i + 1; j < inst->n && !split; j++)
        split = inst->units[j].compound == c && grid[j] != grid[i];
      o.splits += split;
    }
  return o;
}

/* Whether the units with grid @g are connected through edges inside it. */
static gboolean
grid_connected (const Instance *inst,
                const guint32  *grid,
                guint32         g)
{
  gboolean small[64] = { FALSE };
  g_autofree gboolean *large = inst->n > G_N_ELEMENTS (small) ? g_new0 (gboolean, inst->n) : NULL;
  gboolean *seen = large ? large : small;
  guint reached = 1, total = 0, start = G_MAXUINT;
  gboolean grew = TRUE;

  for (guint i = 0; i < inst->n; i++)
    if (grid[i] == g)
      {
        total++;
        if (start == G_MAXUINT)
          start = i;
      }
  if (total == 0)
    return FALSE;
  seen[start] = TRUE;
  /* A plain fixed point over the edge list: slow and obviously right. */
  while (grew)
    {
      grew = FALSE;
      for (guint e = 0; e < inst->edges->len; e++)
        {
          const LinliDistrictingEdge *edge = &g_array_index (inst->edges, LinliDistrictingEdge, e);

          if (grid[edge->a] != g || grid[edge->b] != g || seen[edge->a] == seen[edge->b])
            continue;
          seen[edge->a] = seen[edge->b] = TRUE;
          reached++;
          grew = TRUE;
        }
    }
  return reached == total;
}

/* Every rule and every reported figure of a found partition. */
static void
assert_partition_valid (const Instance                *inst,
                        const LinliDistrictingOptions *options,
                        const LinliDistrictingResult  *result)
{
  g_autofree guint64 *households = NULL;
  g_autofree guint *count = NULL;
  g_autofree double *area = NULL, *perimeter = NULL;
  Objective o;

  g_assert_true (result->found);
  g_assert_nonnull (result->grid);
  g_assert_cmpuint (result->n_units, ==, inst->n);
  g_assert_cmpuint (result->n_grids, >=, 1);
  if (options->n_grids > 0)
    g_assert_cmpuint (result->n_grids, ==, options->n_grids);

  households = g_new0 (guint64, result->n_grids);
  count = g_new0 (guint, result->n_grids);
  area = g_new0 (double, result->n_grids);
  perimeter = g_new0 (double, result->n_grids);
  for (guint i = 0; i < inst->n; i++)
    {
      g_assert_cmpuint (result->grid[i], <, result->n_grids);
      households[result->grid[i]] += inst->units[i].households;
      count[result->grid[i]]++;
      area[result->grid[i]] += inst->units[i].area;
      perimeter[result->grid[i]] += inst->units[i].perimeter;
    }
  for (guint e = 0; e < inst->edges->len; e++)
    {
      const LinliDistrictingEdge *edge = &g_array_index (inst->edges, LinliDistrictingEdge, e);

      if (result->grid[edge->a] == result->grid[edge->b])
        perimeter[result->grid[edge->a]] -= 2 * edge->length;
    }
  for (guint g = 0; g < result->n_grids; g++)
    {
      double pp = 4 * G_PI * area[g] / (perimeter[g] * perimeter[g]);

      g_assert_cmpuint (count[g], >=, 1);
      g_assert_cmpuint (count[g], ==, result->grids[g].n_units);
      g_assert_cmpuint (households[g], >=, options->min_households);
      g_assert_cmpuint (households[g], <=, options->max_households);
      g_assert_cmpuint (households[g], ==, result->grids[g].households);
      g_assert_cmpfloat_with_epsilon (area[g], result->grids[g].area, 1e-6);
      g_assert_cmpfloat_with_epsilon (perimeter[g], result->grids[g].perimeter, 1e-6);
      g_assert_cmpfloat_with_epsilon (pp, result->grids[g].polsby_popper, 1e-9);
      g_assert_true (grid_connected (inst, result->grid, g));
    }
  o = objective_of (inst, result->grid);
  g_assert_cmpfloat_with_epsilon (o.cut, result->cut_length, 1e-6);
  g_assert_cmpuint (o.splits, ==, result->n_split_compounds);
}

/* The connected part of the graph holding @unit, as a sorted array. */
static GArray *
component_of (const Instance *inst,
              guint32         unit)
{
  g_autofree gboolean *seen = g_new0 (gboolean, inst->n);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean grew = TRUE;

  seen[unit] = TRUE;
  while (grew)
    {
      grew = FALSE;
      for (guint e = 0; e < inst->edges->len; e++)
        {
          const LinliDistrictingEdge *edge = &g_array_index (inst->edges, LinliDistrictingEdge, e);

          if (seen[edge->a] != seen[edge->b])
            {
              seen[edge->a] = seen[edge->b] = TRUE;
              grew = TRUE;
            }
        }
    }
  for (guint32 i = 0; i < inst->n; i++)
    if (seen[i])
      g_array_append_val (out, i);
  return out;
}

/* Every claim a culprit makes, checked on the instance. */
static void
assert_culprits_hold (const Instance                *inst,
                      const LinliDistrictingOptions *options,
                      const LinliDistrictingResult  *result)
{
  g_assert_false (result->found);
  g_assert_null (result->grid);
  g_assert_cmpuint (result->n_culprits, >=, 1);
  for (guint c = 0; c < result->n_culprits; c++)
    {
      const LinliDistrictingCulprit *cul = &result->culprits[c];
      guint64 total = 0;

      for (guint i = 0; i < cul->n_units; i++)
        total += inst->units[cul->units[i]].households;
      switch (cul->problem)
        {
        case LINLI_DISTRICTING_UNIT_ABOVE_MAX:
          g_assert_cmpuint (cul->n_units, ==, 1);
          g_assert_cmpuint (total, ==, cul->households);
          g_assert_cmpuint (total, >, options->max_households);
          break;
        case LINLI_DISTRICTING_COMPONENT_BELOW_MIN:
        case LINLI_DISTRICTING_COMPONENT_NO_COUNT:
        case LINLI_DISTRICTING_NOT_FOUND:
          if (cul->n_units == 0)
            {
              g_assert_cmpint (cul->problem, ==, LINLI_DISTRICTING_NOT_FOUND);
              break;
            }
          {
            g_autoptr (GArray) comp = component_of (inst, cul->units[0]);

            g_assert_cmpuint (comp->len, ==, cul->n_units);
            g_assert_cmpmem (comp->data, comp->len * sizeof (guint32), cul->units,
                             cul->n_units * sizeof (guint32));
          }
          g_assert_cmpuint (total, ==, cul->households);
          if (cul->problem == LINLI_DISTRICTING_COMPONENT_BELOW_MIN)
            g_assert_cmpuint (total, <, options->min_households);
          if (cul->problem == LINLI_DISTRICTING_COMPONENT_NO_COUNT)
            {
              g_assert_cmpuint (total, >=, options->min_households);
              g_assert_cmpuint ((total + options->max_households - 1) / options->max_households, >,
                                total / options->min_households);
            }
          break;
        case LINLI_DISTRICTING_COUNT_OUT_OF_RANGE:
          g_assert_cmpuint (cul->k_requested, ==, options->n_grids);
          g_assert_true (cul->k_requested < cul->k_min || cul->k_requested > cul->k_max);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Brute force                                                               */
/* ------------------------------------------------------------------------ */

#define BRUTE_MAX 12

typedef struct
{
  const Instance                *inst;
  const LinliDistrictingOptions *options;
  guint32                        grid[BRUTE_MAX];
  guint64                        hh[BRUTE_MAX];
  guint                          n_blocks;

  gboolean                       found;
  Objective                      best;
  guint                          best_k;
  guint32                        best_grid[BRUTE_MAX];
  guint64                        n_valid;
} Brute;

static void
brute_leaf (Brute *b)
{
  Objective o;

  if (b->options->n_grids > 0 && b->n_blocks != b->options->n_grids)
    return;
  for (guint g = 0; g < b->n_blocks; g++)
    if (b->hh[g] < b->options->min_households || !grid_connected (b->inst, b->grid, g))
      return;
  b->n_valid++;
  o = objective_of (b->inst, b->grid);
  if (!b->found || o.cut < b->best.cut || (o.cut == b->best.cut && o.splits < b->best.splits)
      || (o.cut == b->best.cut && o.splits == b->best.splits && b->n_blocks < b->best_k))
    {
      b->found = TRUE;
      b->best = o;
      b->best_k = b->n_blocks;
      memcpy (b->best_grid, b->grid, sizeof b->grid);
    }
}

/* Every set partition as a restricted growth string, blocks above the
 * maximum cut short (households are never negative). */
static void
brute_rec (Brute *b,
           guint  i)
{
  guint32 h;

  if (i == b->inst->n)
    {
      brute_leaf (b);
      return;
    }
  h = b->inst->units[i].households;
  for (guint g = 0; g <= b->n_blocks && g < BRUTE_MAX; g++)
    {
      gboolean fresh = g == b->n_blocks;

      if (b->hh[g] * !fresh + h > b->options->max_households)
        continue;
      if (fresh)
        {
          b->hh[g] = 0;
          b->n_blocks++;
        }
      b->grid[i] = g;
      b->hh[g] += h;
      brute_rec (b, i + 1);
      b->hh[g] -= h;
      if (fresh)
        b->n_blocks--;
    }
}

static void
brute_force (Brute                         *b,
             const Instance                *inst,
             const LinliDistrictingOptions *options)
{
  memset (b, 0, sizeof *b);
  g_assert_cmpuint (inst->n, <=, BRUTE_MAX);
  b->inst = inst;
  b->options = options;
  brute_rec (b, 0);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* Enough to meet every shape, option and road many times; each solve
 * allocates, which the sanitizer build makes slow. */
/* Fewer under the sanitizers (see tests/meson.build). */
static guint
n_small (void)
{
  return linli_test_cases (160);
}

static void
small_instance (Instance *inst,
                GRand    *rand,
                guint     c)
{
  static const guint shapes[][2] = {
    { 2, 2 }, { 2, 3 }, { 3, 3 }, { 2, 4 }, { 2, 5 }, { 3, 4 }, { 5, 2 },
  };
  const guint *shape = shapes[c % G_N_ELEMENTS (shapes)];
  guint road = (c % 5 == 4) ? 1 + g_rand_int_range (rand, 0, shape[0] - 1) : 0;

  lattice (inst, rand, shape[0], shape[1], c % 2 == 1, road, 30, 280, c % 3 != 0);
}

static void
small_options (LinliDistrictingOptions *options,
               GRand                   *rand,
               guint                    c)
{
  linli_districting_options_init (options);
  options->seed = c;
  if (c % 3 == 2)
    options->n_grids = g_rand_int_range (rand, 1, 5);
  if (c % 4 == 3)
    {
      options->min_households = 200;
      options->max_households = 450;
    }
}

/* The exact path: equal to brute force, proven, on every small instance. */
static void
test_small_exact (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  guint n_found = 0, n_none = 0;

  for (guint c = 0, n = n_small (); c < n; c++)
    {
      Instance inst;
      LinliDistrictingOptions options;
      g_autoptr (LinliDistrictingResult) result = NULL;
      Brute b;

      small_instance (&inst, rand, c);
      small_options (&options, rand, c);
      brute_force (&b, &inst, &options);
      result = solve (&inst, &options);
      g_assert_cmpint (result->found, ==, b.found);
      if (b.found)
        {
          n_found++;
          assert_partition_valid (&inst, &options, result);
          g_assert_cmpfloat (result->cut_length, ==, b.best.cut);
          g_assert_cmpuint (result->n_split_compounds, ==, b.best.splits);
          g_assert_cmpuint (result->n_grids, ==, b.best_k);
          g_assert_true (result->proven_optimal);
        }
      else
        {
          n_none++;
          assert_culprits_hold (&inst, &options, result);
          for (guint k = 0; k < result->n_culprits; k++)
            if (result->culprits[k].problem == LINLI_DISTRICTING_NOT_FOUND)
              g_assert_true (result->culprits[k].proven);
        }
      instance_clear (&inst);
    }
  g_test_message ("%u instances with partitions, %u without", n_found, n_none);
  g_assert_cmpuint (n_found, >, n_small () / 3);
  g_assert_cmpuint (n_none, >, n_small () / 10);
}

/* The heuristic alone on the same instances: always valid, never better
 * than the optimum, never claims proof. */
static void
test_small_heuristic (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  guint n_found = 0, n_optimal = 0, n_missed = 0;

  for (guint c = 0, n = n_small (); c < n; c++)
    {
      Instance inst;
      LinliDistrictingOptions options;
      g_autoptr (LinliDistrictingResult) result = NULL;
      Brute b;

      small_instance (&inst, rand, c);
      small_options (&options, rand, c);
      options.exact_max_units = 0;
      options.counts_tried = 10;
      brute_force (&b, &inst, &options);
      result = solve (&inst, &options);
      g_assert_false (result->proven_optimal);
      if (result->found)
        {
          g_assert_true (b.found);
          n_found++;
          assert_partition_valid (&inst, &options, result);
          g_assert_cmpfloat (result->cut_length, >=, b.best.cut);
          if (result->cut_length == b.best.cut && result->n_split_compounds == b.best.splits)
            n_optimal++;
          else
            g_test_message ("case %u (%u units, n_grids %u): heuristic %g/%u with %u grids, "
                            "optimum %g/%u with %u",
                            c, inst.n, options.n_grids, result->cut_length,
                            result->n_split_compounds,
                            result->n_grids, b.best.cut, b.best.splits, b.best_k);
        }
      else
        {
          assert_culprits_hold (&inst, &options, result);
          for (guint k = 0; k < result->n_culprits; k++)
            if (result->culprits[k].problem == LINLI_DISTRICTING_NOT_FOUND)
              g_assert_false (result->culprits[k].proven);
          n_missed += b.found;
        }
      instance_clear (&inst);
    }
  g_test_message ("heuristic: %u found, %u of them optimal, %u feasible instances missed",
                  n_found, n_optimal, n_missed);
  /* Not a proof, a floor against regressions: the heuristic reaches the
   * optimum on nearly all of these (97 of 98 when written), and finds a
   * partition wherever one exists. */
  g_assert_cmpuint (n_optimal * 100, >=, n_found * 95);
  g_assert_cmpuint (n_missed, ==, 0);
}

/* Larger lattices and triangulations, some cut by a road: every result
 * valid, and with bounds this loose every one found. */
static void
test_large_valid (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);

  for (guint c = 0; c < 16; c++)
    {
      Instance inst;
      LinliDistrictingOptions options;
      g_autoptr (LinliDistrictingResult) result = NULL;
      guint w = g_rand_int_range (rand, 8, 17), h = g_rand_int_range (rand, 8, 17);

      lattice (&inst, rand, w, h, c % 2 == 0, c % 3 == 0 ? w / 2 : 0, 20, 160, TRUE);
      linli_districting_options_init (&options);
      options.seed = c;
      options.iterations = 30;
      result = solve (&inst, &options);
      if (c % 4 == 1 && result->found)
        {
          /* Ask for one grid more than the chosen count.  (Counts near
           * ⌈H/max⌉, with grids nearly full, the heuristic may miss.) */
          guint k = MIN (result->n_grids + 1, result->k_max);

          g_test_message ("free choice: %u grids; now asking for %u", result->n_grids, k);
          linli_districting_result_free (g_steal_pointer (&result));
          options.n_grids = k;
          result = solve (&inst, &options);
        }
      g_test_message ("%u×%u%s: found %d, %u grids in [%u, %u], cut %g, %u compounds split", w, h,
                      c % 3 == 0 ? " with a road" : "", result->found, result->n_grids,
                      result->k_min, result->k_max, result->cut_length, result->n_split_compounds);
      g_assert_true (result->found);
      assert_partition_valid (&inst, &options, result);
      g_assert_false (result->proven_optimal);
      instance_clear (&inst);
    }
}

static Instance
path_instance (const guint32 *households,
               guint          n)
{
  Instance inst;

  inst.n = n;
  inst.units = g_new0 (LinliDistrictingUnit, n);
  inst.edges = g_array_new (FALSE, FALSE, sizeof (LinliDistrictingEdge));
  for (guint i = 0; i < n; i++)
    {
      inst.units[i].households = households[i];
      inst.units[i].compound = LINLI_DISTRICTING_NO_COMPOUND;
      inst.units[i].area = 100;
      inst.units[i].perimeter = 40;
    }
  for (guint i = 0; i + 1 < n; i++)
    add_edge (&inst, i, i + 1, 10);
  return inst;
}

static void
test_culprit_unit_above_max (void)
{
  const guint32 hh[] = { 200, 620, 150, 300, 700 };
  Instance inst = path_instance (hh, G_N_ELEMENTS (hh));
  LinliDistrictingOptions options;
  g_autoptr (LinliDistrictingResult) result = NULL;

  linli_districting_options_init (&options);
  result = solve (&inst, &options);
  assert_culprits_hold (&inst, &options, result);
  g_assert_cmpuint (result->n_culprits, ==, 2);
  g_assert_cmpint (result->culprits[0].problem, ==, LINLI_DISTRICTING_UNIT_ABOVE_MAX);
  g_assert_cmpuint (result->culprits[0].units[0], ==, 1);
  g_assert_cmpuint (result->culprits[0].households, ==, 620);
  g_assert_cmpint (result->culprits[1].problem, ==, LINLI_DISTRICTING_UNIT_ABOVE_MAX);
  g_assert_cmpuint (result->culprits[1].units[0], ==, 4);
  g_assert_cmpuint (result->culprits[1].households, ==, 700);
  instance_clear (&inst);
}

/* Three parts: 250 households (below the minimum), 560 (⌈560/500⌉ = 2 >
 * ⌊560/300⌋ = 1) and 900 (fits 2 or 3 grids). */
static void
test_culprit_components (void)
{
  const guint32 hh[] = { 100, 150, 280, 280, 300, 300, 300 };
  Instance inst = path_instance (hh, G_N_ELEMENTS (hh));
  LinliDistrictingOptions options;
  g_autoptr (LinliDistrictingResult) result = NULL;

  /* Path 0-1 | 2-3 | 4-5-6: drop the edges 1-2 and 3-4. */
  g_array_remove_index (inst.edges, 3);
  g_array_remove_index (inst.edges, 1);
  linli_districting_options_init (&options);
  result = solve (&inst, &options);
  assert_culprits_hold (&inst, &options, result);
  g_assert_cmpuint (result->n_components, ==, 3);
  g_assert_cmpuint (result->n_culprits, ==, 2);
  g_assert_cmpint (result->culprits[0].problem, ==, LINLI_DISTRICTING_COMPONENT_BELOW_MIN);
  g_assert_cmpuint (result->culprits[0].households, ==, 250);
  g_assert_cmpuint (result->culprits[0].n_units, ==, 2);
  g_assert_cmpint (result->culprits[1].problem, ==, LINLI_DISTRICTING_COMPONENT_NO_COUNT);
  g_assert_cmpuint (result->culprits[1].households, ==, 560);
  g_assert_cmpuint (result->culprits[1].units[0], ==, 2);
  g_assert_cmpuint (result->culprits[1].units[1], ==, 3);
  g_assert_cmpuint (result->culprits[1].k_min, ==, 2);
  g_assert_cmpuint (result->culprits[1].k_max, ==, 1);
  instance_clear (&inst);
}

/* 2,000 households fit 4 to 6 grids by the counts alone: 3 and 7 are
 * refused up front.  Grids of units of 250 hold 500 exactly (250 is too
 * few), so only 4 can be; 5 and 6 are searched for in vain. */
static void
test_requested_count (void)
{
  const guint32 hh[] = { 250, 250, 250, 250, 250, 250, 250, 250 };
  Instance inst = path_instance (hh, G_N_ELEMENTS (hh));
  LinliDistrictingOptions options;
  const guint requests[] = { 3, 7, 4, 5, 6 };

  linli_districting_options_init (&options);
  for (guint r = 0; r < G_N_ELEMENTS (requests); r++)
    for (guint exact = 0; exact < 2; exact++)
      {
        g_autoptr (LinliDistrictingResult) result = NULL;

        options.n_grids = requests[r];
        options.exact_max_units = exact ? 16 : 0;
        result = solve (&inst, &options);
        g_assert_cmpuint (result->k_min, ==, 4);
        g_assert_cmpuint (result->k_max, ==, 6);
        if (requests[r] == 3 || requests[r] == 7)
          {
            assert_culprits_hold (&inst, &options, result);
            g_assert_cmpuint (result->n_culprits, ==, 1);
            g_assert_cmpint (result->culprits[0].problem, ==, LINLI_DISTRICTING_COUNT_OUT_OF_RANGE);
            g_assert_cmpuint (result->culprits[0].households, ==, 2000);
          }
        else if (requests[r] != 4)
          {
            assert_culprits_hold (&inst, &options, result);
            g_assert_cmpint (result->culprits[0].problem, ==, LINLI_DISTRICTING_NOT_FOUND);
            g_assert_cmpint (result->culprits[0].proven, ==, exact);
          }
        else
          {
            assert_partition_valid (&inst, &options, result);
            g_assert_cmpint (result->proven_optimal, ==, exact);
          }
      }
  instance_clear (&inst);
}

/* A star: no grid can hold a leaf of 250 alone, and the centre joins only
 * one of them; the conditions hold (850 fits 2 grids) yet nothing fits. */
static void
test_culprit_proven_impossible (void)
{
  Instance inst;
  LinliDistrictingOptions options;

  inst.n = 4;
  inst.units = g_new0 (LinliDistrictingUnit, 4);
  inst.edges = g_array_new (FALSE, FALSE, sizeof (LinliDistrictingEdge));
  inst.units[0].households = 100;
  for (guint i = 1; i < 4; i++)
    {
      inst.units[i].households = 250;
      add_edge (&inst, 0, i, 5);
    }
  for (guint i = 0; i < 4; i++)
    inst.units[i].compound = LINLI_DISTRICTING_NO_COMPOUND;

  linli_districting_options_init (&options);
  for (guint exact = 0; exact < 2; exact++)
    {
      g_autoptr (LinliDistrictingResult) result = NULL;

      options.exact_max_units = exact ? 16 : 0;
      result = solve (&inst, &options);
      assert_culprits_hold (&inst, &options, result);
      g_assert_cmpuint (result->n_culprits, ==, 1);
      g_assert_cmpint (result->culprits[0].problem, ==, LINLI_DISTRICTING_NOT_FOUND);
      g_assert_cmpuint (result->culprits[0].n_units, ==, 4);
      g_assert_cmpuint (result->culprits[0].households, ==, 850);
      g_assert_cmpint (result->culprits[0].proven, ==, exact);
    }
  instance_clear (&inst);
}

/* Tight: every grid must hold exactly its maximum. */
static void
test_tight (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);

  for (guint c = 0; c < 6; c++)
    {
      Instance inst;
      LinliDistrictingOptions options;
      g_autoptr (LinliDistrictingResult) result = NULL;
      guint w = 6 + c, h = 10;

      lattice (&inst, rand, w, h, c % 2 == 0, 0, 50, 50, FALSE);
      linli_districting_options_init (&options);
      options.min_households = 500;
      options.max_households = 500;
      options.iterations = 20;
      result = solve (&inst, &options);
      g_assert_true (result->found);
      g_assert_cmpuint (result->n_grids, ==, w);
      assert_partition_valid (&inst, &options, result);
      instance_clear (&inst);
    }
}

static void
test_deterministic (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  Instance inst;
  LinliDistrictingOptions options;
  g_autoptr (LinliDistrictingResult) a = NULL;
  g_autoptr (LinliDistrictingResult) b = NULL;

  lattice (&inst, rand, 14, 12, TRUE, 0, 20, 160, TRUE);
  linli_districting_options_init (&options);
  options.iterations = 40;
  a = solve (&inst, &options);
  b = solve (&inst, &options);
  g_assert_true (a->found && b->found);
  g_assert_cmpuint (a->n_grids, ==, b->n_grids);
  g_assert_cmpmem (a->grid, inst.n * sizeof (guint32), b->grid, inst.n * sizeof (guint32));
  instance_clear (&inst);
}

static void
test_invalid (void)
{
  const guint32 hh[] = { 300, 300 };
  Instance inst = path_instance (hh, 2);
  LinliDistrictingOptions options;
  LinliDistrictingEdge bad[] = { { 0, 2, 5 }, { 1, 1, 5 }, { 0, 1, NAN }, { 0, 1, -1 } };

  linli_districting_options_init (&options);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      LinliDistrictingResult *r;

      r = linli_districting_solve (inst.units, 2, &bad[i], 1, &options, NULL, &error);

      g_assert_null (r);
      g_assert_error (error, LINLI_DISTRICTING_ERROR, LINLI_DISTRICTING_ERROR_INVALID);
    }
  options.min_households = 600;
  {
    g_autoptr (GError) error = NULL;
    LinliDistrictingResult *r = linli_districting_solve (inst.units, 2, NULL, 0, &options, NULL,
                                                         &error);

    g_assert_null (r);
    g_assert_error (error, LINLI_DISTRICTING_ERROR, LINLI_DISTRICTING_ERROR_INVALID);
  }
  instance_clear (&inst);
}

static void
test_cancelled (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  Instance inst;
  LinliDistrictingResult *result;

  lattice (&inst, rand, 10, 10, FALSE, 0, 20, 160, FALSE);
  g_cancellable_cancel (cancellable);
  result = linli_districting_solve (inst.units, inst.n, (LinliDistrictingEdge *) inst.edges->data,
                                    inst.edges->len, NULL, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  instance_clear (&inst);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/districting/small-exact", test_small_exact);
  g_test_add_func ("/districting/small-heuristic", test_small_heuristic);
  g_test_add_func ("/districting/large-valid", test_large_valid);
  g_test_add_func ("/districting/culprit/unit-above-max", test_culprit_unit_above_max);
  g_test_add_func ("/districting/culprit/components", test_culprit_components);
  g_test_add_func ("/districting/culprit/proven-impossible", test_culprit_proven_impossible);
  g_test_add_func ("/districting/requested-count", test_requested_count);
  g_test_add_func ("/districting/tight", test_tight);
  g_test_add_func ("/districting/deterministic", test_deterministic);
  g_test_add_func ("/districting/invalid", test_invalid);
  g_test_add_func ("/districting/cancelled", test_cancelled);

  return g_test_run ();
}
