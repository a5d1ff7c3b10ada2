/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-partner-assign"

#include "config.h"

#include <math.h>

#include "linli-assign-glpk.h"
#include "linli-assign-test-utils.h"
#include "linli-test-utils.h"

/* The assignment against GLPK's linear programs on random medium problems:
 * the same most weighted quantity and the same least distance, with
 * forbidden and fixed pairs, with and without a maximum distance. */
static void
test_against_glpk (void)
{
  guint n_cases = linli_test_cases (40);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      TestAssignShape shape = { .offers_per_unit = 3, .max_quantity = 40, .box = 5000 };
      g_autoptr (TestAssignProblem) t = NULL;
      g_autoptr (LinliAssignResult) r = NULL;
      g_autoptr (GError) error = NULL;
      double groups, weighted, distance;

      /* One statement each: the order of calls on @rand is the order written. */
      shape.n_units = g_rand_int_range (rand, 20, 80);
      shape.n_categories = g_rand_int_range (rand, 2, 9);
      shape.n_needs = g_rand_int_range (rand, 20, 120);
      shape.max_priority = g_rand_int_range (rand, 1, 10);
      shape.n_forbidden = g_rand_int_range (rand, 0, 60);
      shape.n_fixed = g_rand_int_range (rand, 0, 6);
      if (seed % 3 != 0)
        shape.max_distance = g_rand_double_range (rand, 800, 3000);
      /* Every other problem wants a minimum for each of its groups. */
      if (seed % 2 == 0)
        {
          shape.n_groups = g_rand_int_range (rand, 2, 20);
          shape.group_minimum = g_rand_int_range (rand, 1, 30);
        }
      t = test_assign_problem_new (rand, &shape);
      r = linli_assign_solve (&t->p, &error);
      g_assert_no_error (error);
      test_assign_check_feasible (&t->p, r);
      linli_assign_glpk (&t->p, &groups, &weighted, &distance);
      if (fabs (test_assign_groups_met (&t->p, r) - groups) > 1e-7 * (1 + groups) ||
          fabs (r->weighted_met - weighted) > 1e-7 * (1 + weighted) ||
          fabs (r->distance - distance) > 1e-6 * (1 + distance))
        g_error ("seed %u: solver %.10g in groups, %.10g weighted, %.10g m; "
                 "GLPK %.10g, %.10g, %.10g m", seed, test_assign_groups_met (&t->p, r), r->weighted_met,
                 r->distance, groups, weighted, distance);

    }
}

/* Whole units (包保) at the sizes of a street office, against GLPK's
 * branch and bound on binary pairs: hundreds of units, each taking on at
 * most one to three places, each place at most one unit of those that
 * offer what it needs (the others forbidden), the same most priority met
 * and then the same least distance. */
static void
test_whole_against_glpk (void)
{
  guint n_cases = linli_test_cases (6);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      TestAssignShape shape = { .n_categories = 1, .offers_per_unit = 1, .max_quantity = 1,
                                .box = 6000 };
      g_autoptr (TestAssignProblem) t = NULL;
      g_autoptr (LinliAssignResult) r = NULL;
      g_autoptr (GError) error = NULL;
      double weighted, distance;

      shape.n_units = g_rand_int_range (rand, 100, 300);
      shape.n_needs = g_rand_int_range (rand, 40, 150);
      shape.max_priority = g_rand_int_range (rand, 1, 20);
      shape.n_forbidden = shape.n_units * shape.n_needs / g_rand_int_range (rand, 2, 5);
      if (seed % 2 == 0)
        shape.max_distance = g_rand_double_range (rand, 1500, 4000);
      t = test_assign_problem_new (rand, &shape);
      /* Whole: a unit takes on up to N places, a place wants one unit. */
      for (guint o = 0; o < t->offers->len; o++)
        g_array_index (t->offers, LinliAssignOffer, o).capacity = g_rand_int_range (rand, 1, 4);
      for (guint n = 0; n < t->needs->len; n++)
        g_array_index (t->needs, LinliAssignNeed, n).quantity = 1;
      r = linli_assign_solve (&t->p, &error);
      g_assert_no_error (error);
      test_assign_check_feasible (&t->p, r);
      for (guint f = 0; f < r->n_flows; f++)
        g_assert_cmpfloat (r->flows[f].quantity, ==, 1);
      linli_assign_glpk_integer (&t->p, &weighted, &distance);
      if (fabs (r->weighted_met - weighted) > 1e-7 * (1 + weighted) ||
          fabs (r->distance - distance) > 1e-6 * (1 + distance))
        g_error ("seed %u: whole units %.10g weighted, %.10g m; GLPK %.10g, %.10g m", seed,
                 r->weighted_met, r->distance, weighted, distance);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partner-assign/glpk", test_against_glpk);
  g_test_add_func ("/partner-assign/glpk-whole", test_whole_against_glpk);

  return g_test_run ();
}
