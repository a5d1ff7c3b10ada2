/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Districting at community scale: 30,000 households in 80 compounds on a
 * planar layout cut by two major roads, compounds above the maximum split
 * into buildings of about 20–80 households.  Prints the median time of the
 * runs and the result's figures; run by hand, never by `meson test`:
 *
 *   build/tests/bench-districting [--households N] [--compounds N] [--runs N]
 *                                 [--iterations N] [--seed N] [--grids N]
 */
#include <math.h>
#include <string.h>

#include "linli-districting.h"
#include "linli-stats.h"

#define CELL 20.0 /* metres */

typedef struct
{
  guint                 n;
  LinliDistrictingUnit *units;
  GArray               *edges;
} Layout;

/* Whether a major road runs between the cells (x, y) and (x2, y2): one
 * road along the middle column line, one along the middle row line. */
static gboolean
road_between (guint side,
              guint x,
              guint y,
              guint x2,
              guint y2)
{
  return (x != x2 && MAX (x, x2) == side / 2) || (y != y2 && MAX (y, y2) == side / 2);
}

/* Regions grown breadth-first from @n_seeds seed cells at once over the
 * cells whose `region_of` is @within (all cells when G_MAXUINT32), never
 * across a road; writes the region number (from @first) into @out. */
static void
grow_regions (guint          side,
              const guint32 *region_of,
              guint32        within,
              const guint32 *seeds,
              guint          n_seeds,
              guint32        first,
              guint32       *out)
{
  g_autofree guint32 *queue = g_new (guint32, side * side);
  guint head = 0, tail = 0;
  const int dx[] = { 1, -1, 0, 0 }, dy[] = { 0, 0, 1, -1 };

  for (guint s = 0; s < n_seeds; s++)
    {
      out[seeds[s]] = first + s;
      queue[tail++] = seeds[s];
    }
  while (head < tail)
    {
      guint32 c = queue[head++];
      guint x = c % side, y = c / side;

      for (guint d = 0; d < 4; d++)
        {
          int nx = (int) x + dx[d], ny = (int) y + dy[d];
          guint32 nc;

          if (nx < 0 || ny < 0 || nx >= (int) side || ny >= (int) side)
            continue;
          nc = ny * side + nx;
          if (out[nc] != G_MAXUINT32 || road_between (side, x, y, nx, ny))
            continue;
          if (within != G_MAXUINT32 && region_of[nc] != within)
            continue;
          out[nc] = out[c];
          queue[tail++] = nc;
        }
    }
}

static void
make_layout (Layout  *layout,
             guint    households,
             guint    n_compounds,
             guint32  max,
             guint32  seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  guint side = (guint) ceil (sqrt (n_compounds * 80.0));
  guint n_cells = side * side;
  g_autofree guint32 *compound = g_new (guint32, n_cells);
  g_autofree guint32 *unit = g_new (guint32, n_cells);
  g_autofree guint32 *seeds = g_new (guint32, n_cells);
  g_autofree double *weight = g_new (double, n_compounds);
  g_autofree guint32 *compound_hh = g_new (guint32, n_compounds);
  g_autofree guint *cells = g_new0 (guint, n_compounds);
  g_autoptr (GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) unit_hh = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) unit_compound = g_array_new (FALSE, FALSE, sizeof (guint32));
  double total_weight = 0;
  guint assigned = 0;
  guint32 n_units = 0;

  /* Compounds: breadth-first regions from random seed cells. */
  for (guint c = 0; c < n_cells; c++)
    compound[c] = unit[c] = G_MAXUINT32;
  for (guint s = 0; s < n_compounds; s++)
    {
      guint32 c;

      do
        c = g_rand_int_range (rand, 0, n_cells);
      while (compound[c] != G_MAXUINT32);
      compound[c] = s;
      seeds[s] = c;
    }
  for (guint s = 0; s < n_compounds; s++)
    compound[seeds[s]] = G_MAXUINT32;
  grow_regions (side, NULL, G_MAXUINT32, seeds, n_compounds, 0, compound);
  for (guint c = 0; c < n_cells; c++)
    cells[compound[c]]++;

  /* Households per compound, proportional to its cells times a random
   * density, summing to the total. */
  for (guint s = 0; s < n_compounds; s++)
    {
      weight[s] = cells[s] * g_rand_double_range (rand, 0.5, 1.5);
      total_weight += weight[s];
    }
  for (guint s = 0; s < n_compounds; s++)
    {
      compound_hh[s] = s + 1 < n_compounds ? (guint32) floor (households * weight[s] / total_weight)
                                           : households - assigned;
      assigned += compound_hh[s];
    }

  /* Units: a compound within the maximum is one unit; a larger one is
   * divided into buildings of about 50 households, grown from seeds inside
   * it. */
  for (guint s = 0; s < n_compounds; s++)
    {
      guint n_b = compound_hh[s] <= max ? 1 : MIN ((compound_hh[s] + 49) / 50, cells[s]);
      g_autofree double *w = g_new (double, n_b);
      double sum = 0;
      guint32 left = compound_hh[s];
      guint found = 0;

      /* Building seeds: the first n_b of the compound's cells shuffled. */
      for (guint c = 0; c < n_cells; c++)
        if (compound[c] == s)
          seeds[found++] = c;
      for (guint i = 0; i < n_b; i++)
        {
          guint j = g_rand_int_range (rand, i, found);
          guint32 t = seeds[i];

          seeds[i] = seeds[j];
          seeds[j] = t;
        }
      grow_regions (side, compound, s, seeds, n_b, n_units, unit);
      for (guint b = 0; b < n_b; b++)
        {
          w[b] = g_rand_double_range (rand, 20, 80);
          sum += w[b];
        }
      for (guint b = 0; b < n_b; b++)
        {
          guint32 hh = b + 1 < n_b ? (guint32) floor (compound_hh[s] * w[b] / sum) : left;
          guint32 cid = n_b > 1 ? s : LINLI_DISTRICTING_NO_COMPOUND;

          left -= hh;
          g_array_append_val (unit_hh, hh);
          g_array_append_val (unit_compound, cid);
        }
      n_units += n_b;
    }

  layout->n = n_units;
  layout->units = g_new0 (LinliDistrictingUnit, n_units);
  layout->edges = g_array_new (FALSE, FALSE, sizeof (LinliDistrictingEdge));
  for (guint u = 0; u < n_units; u++)
    {
      layout->units[u].households = g_array_index (unit_hh, guint32, u);
      layout->units[u].compound = g_array_index (unit_compound, guint32, u);
    }

  /* Areas, perimeters, centroids and shared boundaries from the cells. */
  for (guint c = 0; c < n_cells; c++)
    {
      guint x = c % side, y = c / side;
      LinliDistrictingUnit *u = &layout->units[unit[c]];
      const int dx[] = { 1, -1, 0, 0 }, dy[] = { 0, 0, 1, -1 };

      u->area += CELL * CELL;
      u->x += x * CELL;
      u->y += y * CELL;
      for (guint d = 0; d < 4; d++)
        {
          int nx = (int) x + dx[d], ny = (int) y + dy[d];
          guint32 other;

          if (nx < 0 || ny < 0 || nx >= (int) side || ny >= (int) side)
            {
              u->perimeter += CELL;
              continue;
            }
          other = unit[ny * side + nx];
          if (other == unit[c])
            continue;
          u->perimeter += CELL;
          if (other > unit[c] && !road_between (side, x, y, nx, ny))
            {
              gint64 key = (gint64) unit[c] * n_units + other;
              gpointer idx;

              if (!g_hash_table_lookup_extended (pairs, &key, NULL, &idx))
                {
                  LinliDistrictingEdge e = { unit[c], other, 0 };

                  g_array_append_val (layout->edges, e);
                  idx = GUINT_TO_POINTER (layout->edges->len);
                  g_hash_table_insert (pairs, g_memdup2 (&key, sizeof key), idx);
                }
              g_array_index (layout->edges, LinliDistrictingEdge,
                             GPOINTER_TO_UINT (idx) - 1).length += CELL;
            }
        }
    }
  for (guint u = 0; u < n_units; u++)
    {
      layout->units[u].x /= layout->units[u].area / (CELL * CELL);
      layout->units[u].y /= layout->units[u].area / (CELL * CELL);
    }
}

int
main (int   argc,
      char *argv[])
{
  int households = 30000, compounds = 80, runs = 5, iterations = -1, seed = 1, grids = 0;
  GOptionEntry entries[] = {
    { "households", 0, 0, G_OPTION_ARG_INT, &households, "Households in the community", "N" },
    { "compounds", 0, 0, G_OPTION_ARG_INT, &compounds, "Compounds", "N" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs", "N" },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &iterations,
      "Perturbation rounds (default: the solver's)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the layout and the solver", "N" },
    { "grids", 0, 0, G_OPTION_ARG_INT, &grids,
      "Number of grids (default: the solver chooses)", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— time dividing a community into grids");
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  LinliDistrictingOptions options;
  LinliDistrictingResult *last = NULL;
  Layout layout;
  guint64 lo = G_MAXUINT64, hi = 0;
  double pp_sum = 0, pp_min = 1;
  guint n_compound_units = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)
      || households < 1 || compounds < 1 || runs < 1)
    {
      g_printerr ("bench-districting: %s\n", error ? error->message : "bad arguments");
      return 2;
    }

  linli_districting_options_init (&options);
  options.seed = seed;
  if (iterations >= 0)
    options.iterations = iterations;
  options.n_grids = MAX (grids, 0);
  make_layout (&layout, households, compounds, options.max_households, seed);
  for (guint u = 0; u < layout.n; u++)
    n_compound_units += layout.units[u].compound != LINLI_DISTRICTING_NO_COMPOUND;

  for (int r = 0; r < runs; r++)
    {
      double t0 = g_get_monotonic_time () / 1000.0, ms;

      linli_districting_result_free (last);
      last = linli_districting_solve (layout.units, layout.n,
                                      (LinliDistrictingEdge *) layout.edges->data,
                                      layout.edges->len, &options, NULL, &error);
      ms = g_get_monotonic_time () / 1000.0 - t0;
      if (last == NULL)
        g_error ("%s", error->message);
      g_array_append_val (samples, ms);
    }
  g_assert (last != NULL);

  g_print ("layout: %d households, %d compounds, %u units (%u buildings of split compounds), "
           "%u edges, %u connected parts\n",
           households, compounds, layout.n, n_compound_units, layout.edges->len,
           last->n_components);
  g_print ("solve: median %.1f ms of %d runs (iterations %u)\n", linli_stats_median (samples), runs,
           options.iterations);
  if (!last->found)
    {
      g_print ("no partition: %u culprits, first kind %d\n", last->n_culprits,
               last->n_culprits ? (int) last->culprits[0].problem : -1);
      return 1;
    }
  for (guint g = 0; g < last->n_grids; g++)
    {
      lo = MIN (lo, last->grids[g].households);
      hi = MAX (hi, last->grids[g].households);
      pp_sum += last->grids[g].polsby_popper;
      pp_min = MIN (pp_min, last->grids[g].polsby_popper);
    }
  g_print ("result: %u grids (counts allowed %u-%u), households per grid %" G_GUINT64_FORMAT
           "-%" G_GUINT64_FORMAT ", cut %.0f m, %u compounds split, "
           "Polsby-Popper mean %.3f min %.3f, proven optimal %s\n",
           last->n_grids, last->k_min, last->k_max, lo, hi, last->cut_length,
           last->n_split_compounds,
           pp_sum / last->n_grids, pp_min, last->proven_optimal ? "yes" : "no");
  linli_districting_result_free (last);
  g_free (layout.units);
  g_array_unref (layout.edges);
  return 0;
}
