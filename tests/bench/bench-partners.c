/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-partners"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "linli-assign-glpk.h"
#include "linli-assign-test-utils.h"
#include "linli-stats.h"

/* The assignment at a street office's size: 400 units offering 1–4 of 20
 * categories, 100 places with 1–8 needs each, a 6 km district, a 2 km
 * maximum distance and straight lines; then the same with 20 communities
 * that each want at least 10, then 400 a month.  Prints the median solve time and
 * GLPK's (two or three simplex runs) on the same problems, and checks that
 * both reach the same optimum. */

#define RUNS 7

/* With @n_groups, the needs fall into that many communities (some into
 * none), each wanting at least @minimum a month. */
static void
bench (guint  n_groups,
       double minimum)
{
  g_autoptr (GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_offers = 0, n_needs = 0, augmentations = 0, n_short = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (run + 1);
      TestAssignShape shape = { .n_units = 400, .n_categories = 20, .offers_per_unit = 4,
                                .n_needs = 450, .n_places = 100, .max_quantity = 60,
                                .max_priority = 5, .box = 6000, .max_distance = 2000,
                                .n_forbidden = 100, .n_fixed = 10, .n_groups = n_groups,
                                .group_minimum = minimum };
      g_autoptr (TestAssignProblem) t = test_assign_problem_new (rand, &shape);
      g_autoptr (LinliAssignResult) r = NULL;
      g_autoptr (GError) error = NULL;
      gint64 start;
      double groups, weighted, distance, ms;

      start = g_get_monotonic_time ();
      r = linli_assign_solve (&t->p, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (ours, ms);
      start = g_get_monotonic_time ();
      linli_assign_glpk (&t->p, &groups, &weighted, &distance);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (theirs, ms);
      if (fabs (test_assign_groups_met (&t->p, r) - groups) > 1e-7 * (1 + groups) ||
          fabs (r->weighted_met - weighted) > 1e-7 * (1 + weighted) ||
          fabs (r->distance - distance) > 1e-6 * (1 + distance))
        g_error ("run %u: solver %.10g, %.10g, %.10g m; GLPK %.10g, %.10g, %.10g m", run,
                 test_assign_groups_met (&t->p, r), r->weighted_met, r->distance, groups,
                 weighted, distance);
      n_offers = t->p.n_offers;
      n_needs = t->p.n_needs;
      augmentations = r->n_augmentations;
      n_short = r->n_groups_short;
    }
  printf ("partner assignment: 400 units (%u offers), 100 places (%u needs), 20 categories, "
          "%u runs\n", n_offers, n_needs, RUNS);
  if (n_groups > 0)
    printf ("  with %u communities each wanting at least %g (%u short in the last run)\n",
            n_groups, minimum, n_short);
  printf ("  linli min-cost flow  median %8.1f ms  (%u augmentations in the last run)\n",
          linli_stats_median (ours), augmentations);
  printf ("  GLPK simplex, %u LPs  median %8.1f ms  (same optimum each run)\n",
          n_groups > 0 ? 3 : 2, linli_stats_median (theirs));
}

int
main (int    argc,
      char **argv)
{
  bench (0, 0);
  /* A minimum the best assignment without it already gives: solved by
   * category, as without; then one it does not, which takes one network. */
  bench (20, 10);
  bench (20, 400);
  return 0;
}
