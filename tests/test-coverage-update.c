/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Incremental coverage updates against full recomputation. */
#include "linli-coverage.h"
#include "linli-generator.h"
#include "linli-test-utils.h"

static LinliProject *
generated (guint32 seed,
           guint   n_buildings)
{
  LinliGeneratorOptions opts;

  linli_generator_options_init (&opts);
  opts.seed = seed;
  opts.n_buildings = n_buildings;
  return linli_generate_district (&opts);
}

/* Thousands of random edits; after each, the kept coverage is updated and
 * compared with a fresh computation (and now and then with brute force). */
static void
test_random_edits (void)
{
  g_autoptr (LinliProject) project = generated (3, 4000);
  g_autoptr (GRand) rng = g_rand_new_with_seed (5);
  g_autoptr (LinliCoverage) kept = linli_coverage_compute (project, NULL);
  double min_lat, min_lon, max_lat, max_lon;
  guint incremental = 0;

  g_assert_true (linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon));
  for (guint step = 0; step < 3000; step++)
    {
      guint n_sites = linli_project_get_n_sites (project);
      guint op = g_rand_int_range (rng, 0, 10);
      LinliSite *site = n_sites > 0 ? linli_project_get_site (project, g_rand_int_range (rng, 0, n_sites)) : NULL;

      if (op < 5 && site != NULL)
        {
          /* Move: mostly a small drag, sometimes a jump across the district. */
          double lat = linli_site_get_lat (site), lon = linli_site_get_lon (site);

          if (g_rand_boolean (rng))
            linli_site_set_position (site, lat + g_rand_double_range (rng, -3e-4, 3e-4),
                                     lon + g_rand_double_range (rng, -3e-4, 3e-4));
          else
            linli_site_set_position (site, g_rand_double_range (rng, min_lat, max_lat),
                                     g_rand_double_range (rng, min_lon, max_lon));
        }
      else if (op < 7 || site == NULL)
        {
          LinliSiteState st = { 0 };
          g_autofree char *id = linli_project_new_site_id (project);
          g_autoptr (LinliSite) added = NULL;

          st.id = id;
          st.status = g_rand_int_range (rng, 0, LINLI_SITE_N_STATUSES);
          st.lat = g_rand_double_range (rng, min_lat, max_lat);
          st.lon = g_rand_double_range (rng, min_lon, max_lon);
          st.cost = -1;
          added = linli_site_new (&st);
          linli_project_insert_site (project, g_rand_int_range (rng, 0, n_sites + 1), added);
        }
      else if (op < 9)
        {
          linli_project_remove_site (project, site);
        }
      else
        {
          linli_site_set_status (site, g_rand_int_range (rng, 0, LINLI_SITE_N_STATUSES));
        }

      /* Several edits may pile up between two updates, as during a drag. */
      if (g_rand_int_range (rng, 0, 3) == 0)
        continue;
      incremental += linli_coverage_update (kept, project, NULL);
      {
        g_autoptr (LinliCoverage) fresh = linli_coverage_compute (project, NULL);
        linli_test_assert_coverage_equal (project, kept, fresh);
      }
      if (step % 500 == 0)
        {
          g_autoptr (LinliCoverage) brute = linli_coverage_compute_brute_force (project);
          linli_test_assert_coverage_equal (project, kept, brute);
        }
    }
  /* Every update above was incremental: nothing forced a full recompute. */
  g_assert_cmpuint (incremental, >, 1500);
}

/* A changed walking rule cannot be updated piecemeal: the update recomputes. */
static void
test_rule_change_recomputes (void)
{
  g_autoptr (LinliProject) project = generated (4, 1500);
  g_autoptr (LinliCoverage) kept = linli_coverage_compute (project, NULL);
  guint64 before = linli_coverage_get_district (kept)->households_covered;

  linli_project_set_walk_minutes (project, 15);
  g_assert_false (linli_coverage_update (kept, project, NULL));
  g_assert_cmpfloat (linli_coverage_get_radius (kept), ==, linli_project_get_coverage_radius (project));
  g_assert_cmpuint (linli_coverage_get_district (kept)->households_covered, >, before);
  {
    g_autoptr (LinliCoverage) fresh = linli_coverage_compute (project, NULL);
    linli_test_assert_coverage_equal (project, kept, fresh);
  }
  /* Nothing changed since: the update has nothing to do. */
  g_assert_true (linli_coverage_update (kept, project, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/coverage-update/random-edits", test_random_edits);
  g_test_add_func ("/coverage-update/rule-change-recomputes", test_rule_change_recomputes);
  return g_test_run ();
}
