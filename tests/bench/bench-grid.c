/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Grids by hand: medians of
 * - assigning every building of a generated district to its grid (GEOS
 *   prepared outlines behind an STR tree) beside a plain reference (every
 *   grid's box, then the even-odd rule), on the same grids;
 * - proposing grids for one community of about 30,000 households in 80
 *   compounds, end to end (cells, units, adjacency, search).
 *
 *   bench-grid [BUILDINGS] [RUNS]     defaults 300000 and 5
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "linli-document.h"
#include "linli-generator.h"
#include "linli-grid-assignment.h"
#include "linli-grid-propose.h"
#include "linli-grids.h"
#include "linli-stats.h"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The reference: each building tested against every grid whose box holds it. */
static guint
reference_assign (LinliProject *project,
                  int          *out)
{
  LinliGrids *grids = linli_project_get_grids (project);
  guint n_grids = linli_grids_get_n_grids (grids), assigned = 0;
  g_autofree LinliExtent *boxes = g_new (LinliExtent, n_grids + 1);

  for (guint g = 0; g < n_grids; g++)
    linli_polygon_get_extent (linli_grid_get_polygon (linli_grids_get_grid (grids, g)), &boxes[g]);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);

      out[i] = -1;
      for (guint g = 0; g < n_grids; g++)
        if (b->lat >= boxes[g].min_lat && b->lat <= boxes[g].max_lat && b->lon >= boxes[g].min_lon &&
            b->lon <= boxes[g].max_lon &&
            linli_polygon_contains (linli_grid_get_polygon (linli_grids_get_grid (grids, g)), b->lat, b->lon))
          {
            out[i] = g;
            assigned++;
            break;
          }
    }
  return assigned;
}

/* Grids of about 400 households: the district cut into rectangles. */
static void
tile (LinliProject *project)
{
  LinliGrids *grids = linli_project_get_grids (project);
  double a, b, c, d;
  guint64 households = 0;
  guint side;

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    households += linli_project_get_building (project, i)->households;
  side = MAX (1, (guint) ceil (sqrt (households / 400.0)));
  linli_project_get_bounds (project, &a, &b, &c, &d);
  a -= 1e-4, b -= 1e-4, c += 1e-4, d += 1e-4;
  for (guint r = 0; r < side; r++)
    for (guint k = 0; k < side; k++)
      {
        g_autofree char *id = linli_grids_new_id (grids);
        g_autoptr (LinliPolygon) rect = linli_polygon_new_rectangle (
          a + (c - a) * r / side, b + (d - b) * k / side, a + (c - a) * (r + 1) / side, b + (d - b) * (k + 1) / side);
        LinliGridState state = { id, NULL, NULL, 0, NULL, NULL, rect, FALSE };
        g_autoptr (LinliGrid) grid = linli_grid_new (&state);

        linli_grids_insert (grids, G_MAXUINT, grid);
      }
}

/* One community of 80 compounds in an 8 × 10 block layout, 30,000
 * households: most compounds 200–450 households, one in four larger than a
 * grid (600–900), made of buildings of 20–80 households. */
static LinliProject *
community_of_80 (void)
{
  LinliProject *project = linli_project_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (80);
  guint c = linli_project_add_community (project, "c1", "Bench");
  guint total = 0, n = 0;

  for (guint k = 0; k < 80; k++)
    {
      g_autofree char *kid = g_strdup_printf ("k%u", k);
      guint compound = linli_project_add_compound (project, kid, kid, c);
      guint target = (k % 4 == 3) ? g_rand_int_range (rand, 600, 900) : g_rand_int_range (rand, 200, 450);
      double lat0 = 30.0 + (k / 10) * 0.0025, lon0 = 120.0 + (k % 10) * 0.0029;
      guint held = 0;

      while (held < target)
        {
          LinliBuilding b = { 0 };
          g_autofree char *id = g_strdup_printf ("b%u", n++);

          b.id = id;
          b.name = id;
          b.compound = compound;
          b.households = MIN ((guint) g_rand_int_range (rand, 20, 80), target - held + 20);
          b.lat = lat0 + g_rand_double_range (rand, 0.0002, 0.0022);
          b.lon = lon0 + g_rand_double_range (rand, 0.0002, 0.0026);
          held += b.households;
          linli_project_add_building (project, &b, NULL, 0);
        }
      total += held;
    }
  g_print ("community: 80 compounds, %u buildings, %u households\n", n, total);
  return project;
}

int
main (int   argc,
      char *argv[])
{
  guint n_buildings = argc > 1 ? atoi (argv[1]) : 300000;
  guint runs = argc > 2 ? atoi (argv[2]) : 5;
  LinliGeneratorOptions options;
  g_autoptr (LinliProject) project = NULL;
  g_autofree double *geos = g_new (double, runs);
  g_autofree double *warm = g_new (double, runs);
  g_autoptr (LinliGridOverlapCache) cache = linli_grid_overlap_cache_new ();
  g_autofree double *plain = g_new (double, runs);
  g_autofree double *propose = g_new (double, runs);
  g_autofree int *reference = NULL;
  guint grids_n;

  linli_generator_options_init (&options);
  options.seed = 1;
  options.n_buildings = n_buildings;
  project = linli_generate_district (&options);
  tile (project);
  grids_n = linli_grids_get_n_grids (linli_project_get_grids (project));
  reference = g_new (int, linli_project_get_n_buildings (project));

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (LinliGridAssignment) a = linli_grid_assignment_new (project);
      gint64 t1 = g_get_monotonic_time ();
      const int *bg = linli_grid_assignment_get_building_grids (a);
      g_autoptr (LinliGridAssignment) again = NULL;
      gint64 t2;

      reference_assign (project, reference);
      plain[r] = (g_get_monotonic_time () - t1) / 1e3;
      /* As after an edit: the overlaps of unchanged outlines are known. */
      linli_grid_assignment_free (linli_grid_assignment_new_cached (project, cache));
      t2 = g_get_monotonic_time ();
      again = linli_grid_assignment_new_cached (project, cache);
      warm[r] = (g_get_monotonic_time () - t2) / 1e3;
      geos[r] = (t1 - t0) / 1e3;
      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        if (bg[i] != reference[i])
          g_error ("building %u: grid %d, the reference says %d", i, bg[i], reference[i]);
    }
  g_print ("assignment of %u buildings to %u grids: median %.1f ms from nothing, %.1f ms with the overlaps "
           "known (reference: box + even-odd rule, points only, %.1f ms)\n",
           linli_project_get_n_buildings (project), grids_n, median (geos, runs), median (warm, runs),
           median (plain, runs));

  {
    g_autoptr (LinliProject) community = community_of_80 ();
    g_autoptr (LinliDocument) document = linli_document_new (community, NULL);

    for (guint r = 0; r < runs; r++)
      {
        LinliGridProposeOptions popts;
        g_autoptr (GError) error = NULL;
        gint64 t0 = g_get_monotonic_time ();
        g_autoptr (LinliGridProposal) proposal = NULL;

        linli_grid_propose_options_init (&popts);
        popts.seed = r + 1;
        proposal = linli_grid_propose (document, 0, &popts, NULL, &error);
        propose[r] = (g_get_monotonic_time () - t0) / 1e3;
        g_assert_no_error (error);
        if (r == 0)
          g_print ("proposal: %u units, %u grids, %s, cut %.0f m, %u compounds divided between grids\n",
                   proposal->n_units, proposal->states->len,
                   proposal->problems ? proposal->problems[0] : (proposal->proven_optimal ? "proven" : "heuristic"),
                   proposal->cut_length, proposal->n_split_compounds);
      }
    g_print ("proposal for 80 compounds: median %.0f ms over %u seeds\n", median (propose, runs), runs);
  }
  return 0;
}
