/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-partner-assign"

#include "config.h"

#include <math.h>

#include "linli-assign-test-utils.h"
#include "linli-partner-assign.h"
#include "linli-test-utils.h"

/* The assignment of divisible needs: its optimum against a brute force
 * over every whole-numbered flow of tiny problems (with whole data a
 * network flow problem has a whole optimum), every solution feasible, and
 * the reasons for unmet needs against what the problem says. */

/* ------------------------------------------------------------------------ */
/* Brute force                                                               */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const LinliAssignProblem *p;
  GArray                   *arcs;      /* guint pairs: offer, need */
  double                   *lo;        /* per arc */
  double                   *hi;
  double                   *cap_left;  /* per offer */
  double                   *need_left; /* per need */
  double                    weighted;
  double                    distance;
  double                   *group_in;  /* per group, or NULL */
  double                   *group_cap; /* min (minimum, what the group needs) */
  double                    best_groups;
  double                    best_weighted;
  double                    best_distance;
} Brute;

static void
brute_search (Brute *b,
              guint  arc)
{
  const LinliAssignProblem *p = b->p;
  guint o, n;
  double top;

  if (arc == b->arcs->len / 2)
    {
      double groups = 0;

      for (guint x = 0; b->group_in != NULL && x < p->n_groups; x++)
        groups += MIN (b->group_in[x], b->group_cap[x]);
      if (groups > b->best_groups ||
          (groups == b->best_groups &&
           (b->weighted > b->best_weighted ||
            (b->weighted == b->best_weighted && b->distance < b->best_distance - 1e-9))))
        {
          b->best_groups = groups;
          b->best_weighted = b->weighted;
          b->best_distance = b->distance;
        }
      return;
    }
  o = g_array_index (b->arcs, guint, 2 * arc);
  n = g_array_index (b->arcs, guint, 2 * arc + 1);
  top = MIN (b->hi[arc], MIN (b->cap_left[o], b->need_left[n]));
  for (double x = b->lo[arc]; x <= top; x += 1)
    {
      double d = linli_assign_distance (p, p->offers[o].unit, n);

      guint g = b->group_in != NULL ? p->groups[n] : LINLI_ASSIGN_NO_GROUP;

      b->cap_left[o] -= x;
      b->need_left[n] -= x;
      b->weighted += x * p->needs[n].priority;
      b->distance += x * d;
      if (g != LINLI_ASSIGN_NO_GROUP)
        b->group_in[g] += x;
      brute_search (b, arc + 1);
      if (g != LINLI_ASSIGN_NO_GROUP)
        b->group_in[g] -= x;
      b->cap_left[o] += x;
      b->need_left[n] += x;
      b->weighted -= x * p->needs[n].priority;
      b->distance -= x * d;
    }
}

/* The lexicographic optimum over every whole flow: most of the groups'
 * minimums, then most weighted quantity, then least quantity × distance. */
static void
brute_force (const LinliAssignProblem *p,
             double                   *groups,
             double                   *weighted,
             double                   *distance)
{
  gboolean groups_on = p->groups != NULL && p->group_minimum > 0 && p->n_groups > 0;
  g_autofree double *group_in = groups_on ? g_new0 (double, p->n_groups) : NULL;
  g_autofree double *group_cap = groups_on ? g_new0 (double, p->n_groups) : NULL;
  g_autofree double *lb = test_assign_lower_bounds (p);
  g_autoptr (GArray) arcs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) lo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) hi = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *cap_left = g_new (double, MAX (p->n_offers, 1));
  g_autofree double *need_left = g_new (double, MAX (p->n_needs, 1));
  Brute b = { p, arcs };

  for (guint o = 0; o < p->n_offers; o++)
    for (guint n = 0; n < p->n_needs; n++)
      {
        double l = lb[o * p->n_needs + n], h;

        if (p->offers[o].category != p->needs[n].category)
          continue;
        h = test_assign_allowed (p, p->offers[o].unit, n) ? INFINITY : l;
        if (h == 0)
          continue;
        g_array_append_val (arcs, o);
        g_array_append_val (arcs, n);
        g_array_append_val (lo, l);
        g_array_append_val (hi, h);
      }
  for (guint o = 0; o < p->n_offers; o++)
    cap_left[o] = p->offers[o].capacity;
  for (guint n = 0; n < p->n_needs; n++)
    need_left[n] = p->needs[n].quantity;
  b.lo = (double *) (gpointer) lo->data;
  b.hi = (double *) (gpointer) hi->data;
  b.cap_left = cap_left;
  b.need_left = need_left;
  b.group_in = group_in;
  b.group_cap = group_cap;
  for (guint n = 0; groups_on && n < p->n_needs; n++)
    if (p->groups[n] != LINLI_ASSIGN_NO_GROUP)
      group_cap[p->groups[n]] += p->needs[n].quantity;
  for (guint x = 0; groups_on && x < p->n_groups; x++)
    group_cap[x] = MIN (group_cap[x], p->group_minimum);
  b.best_groups = -1;
  b.best_weighted = -1;
  b.best_distance = INFINITY;
  brute_search (&b, 0);
  *groups = b.best_groups;
  *weighted = b.best_weighted;
  *distance = b.best_distance;
}

static void
check_brute_force (gboolean with_groups)
{
  guint n_cases = linli_test_cases (400);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      TestAssignShape shape = { .offers_per_unit = 2, .max_quantity = 2, .max_priority = 3,
                                .box = 20 };
      g_autoptr (TestAssignProblem) t = NULL;
      g_autoptr (LinliAssignResult) r = NULL;
      g_autoptr (GError) error = NULL;
      double groups, weighted, distance;

      /* One statement each: the order of calls on @rand is the order written. */
      shape.n_units = g_rand_int_range (rand, 1, 4);
      shape.n_categories = g_rand_int_range (rand, 1, 3);
      shape.n_needs = g_rand_int_range (rand, 1, 4);
      shape.whole_metres = g_rand_boolean (rand);
      if (g_rand_boolean (rand))
        shape.max_distance = g_rand_int_range (rand, 5, 20);
      shape.n_forbidden = g_rand_int_range (rand, 0, 3);
      shape.n_fixed = g_rand_int_range (rand, 0, 2);
      if (!shape.whole_metres)
        shape.box = 2000;
      if (with_groups)
        {
          shape.n_groups = g_rand_int_range (rand, 1, 4);
          shape.group_minimum = g_rand_int_range (rand, 1, 3);
          shape.n_needs = g_rand_int_range (rand, 2, 5);
          shape.max_priority = 5;
        }
      t = test_assign_problem_new (rand, &shape);
      r = linli_assign_solve (&t->p, &error);
      g_assert_no_error (error);
      test_assign_check_feasible (&t->p, r);
      brute_force (&t->p, &groups, &weighted, &distance);
      if (test_assign_groups_met (&t->p, r) != MAX (groups, 0) || r->weighted_met != weighted ||
          fabs (r->distance - distance) > 1e-6 * (1 + distance))
        g_error ("seed %u: solver %g in groups, %g weighted, %.9g m; brute force %g, %g, %.9g m",
                 seed, test_assign_groups_met (&t->p, r), r->weighted_met, r->distance, groups, weighted,
                 distance);
    }
}

static void
test_brute_force (void)
{
  check_brute_force (FALSE);
}

/* Groups' minimums change what is best: against the brute force's three
 * goals. */
static void
test_groups_brute_force (void)
{
  check_brute_force (TRUE);
}

/* ------------------------------------------------------------------------ */
/* Reasons                                                                   */
/* ------------------------------------------------------------------------ */

/* Crafted: units on a line 100 m apart (whole-metre matrix), one need per
 * reason. */
static void
test_reasons_crafted (void)
{
  LinliLatLon units[3] = { { 30.3, 120.1 }, { 30.3, 120.1 }, { 30.3, 120.1 } };
  /* Category 0: unit 0 (capacity 5) and unit 1 (capacity 3); category 1:
   * unit 2 (capacity 4); category 2: nobody; category 3: unit 1, capacity 0. */
  LinliAssignOffer offers[] = { { 0, 0, 5 }, { 1, 0, 3 }, { 2, 1, 4 }, { 1, 3, 0 } };
  LinliAssignNeed needs[] = {
    { 0, 4, 9, { 30.3, 120.1 } },   /* 0: met by unit 0 */
    { 0, 3, 5, { 30.3, 120.1 } },   /* 1: met by unit 1 and unit 0 */
    { 0, 6, 2, { 30.3, 120.1 } },   /* 2: capacity used by needs 0 and 1 */
    { 2, 1, 9, { 30.3, 120.1 } },   /* 3: no unit offers category 2 */
    { 1, 2, 9, { 30.3, 120.1 } },   /* 4: unit 2 is 900 m away, beyond 500 m */
    { 1, 2, 9, { 30.3, 120.1 } },   /* 5: unit 2 is forbidden */
    { 3, 1, 9, { 30.3, 120.1 } },   /* 6: the only offer has capacity 0 */
  };
  /* Row per unit, column per need. */
  double distances[3 * 7] = {
    100, 300, 100, 0, 0, 0, 0,
    200, 100, 200, 0, 0, 0, 0,
    0, 0, 0, 0, 900, 100, 0,
  };
  LinliAssignPair forbidden[] = { { 2, 5 } };
  LinliAssignProblem p = { 3, units, 4, G_N_ELEMENTS (offers), offers, G_N_ELEMENTS (needs), needs,
                           500, 0, NULL, G_N_ELEMENTS (forbidden), forbidden, distances };
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliAssignResult) r = linli_assign_solve (&p, &error);

  g_assert_no_error (error);
  test_assign_check_feasible (&p, r);
  g_assert_false (r->straight_line);
  g_assert_cmpint (r->needs[0].reason, ==, LINLI_UNMET_NONE);
  g_assert_cmpint (r->needs[1].reason, ==, LINLI_UNMET_NONE);
  /* 8 of category 0 shared: 4 + 3 to the higher priorities, 1 left for need 2. */
  g_assert_cmpfloat (r->needs[2].met, ==, 1);
  g_assert_cmpint (r->needs[2].reason, ==, LINLI_UNMET_CAPACITY);
  g_assert_cmpuint (r->needs[2].n_blocking, ==, 2);
  g_assert_cmpuint (r->needs[2].blocking[0], ==, 0);   /* priority 9 first */
  g_assert_cmpuint (r->needs[2].blocking[1], ==, 1);
  g_assert_cmpint (r->needs[3].reason, ==, LINLI_UNMET_NO_OFFER);
  g_assert_cmpint (r->needs[4].reason, ==, LINLI_UNMET_TOO_FAR);
  g_assert_cmpuint (r->needs[4].nearest_unit, ==, 2);
  g_assert_cmpfloat (r->needs[4].nearest_distance, ==, 900);
  g_assert_cmpint (r->needs[5].reason, ==, LINLI_UNMET_FORBIDDEN);
  g_assert_cmpint (r->needs[6].reason, ==, LINLI_UNMET_NO_OFFER);
  /* Least distance among the best: need 0 from unit 0 (100 m), need 1
   * from unit 1 (100 m), need 2 from what is left of unit 0 (100 m). */
  g_assert_cmpfloat (r->distance, ==, 4 * 100 + 3 * 100 + 1 * 100);
}

/* Every community at least one unit: a unit of capacity 3 that would go
 * all to community A's priority-9 need gives 1 to community B's priority-1
 * need when each community wants at least 1; C needs what nobody offers,
 * D is beyond reach, E's only unit is forbidden; needs outside any group
 * count only by priority. */
static void
test_groups_crafted (void)
{
  LinliLatLon units[2] = { { 30.3, 120.1 }, { 30.3, 120.1 } };
  LinliAssignOffer offers[] = { { 0, 0, 3 }, { 1, 1, 5 } };
  LinliAssignNeed needs[] = {
    { 0, 3, 9, { 30.3, 120.1 } },   /* 0: A */
    { 0, 3, 1, { 30.3, 120.1 } },   /* 1: B */
    { 2, 1, 9, { 30.3, 120.1 } },   /* 2: C, nobody offers category 2 */
    { 1, 2, 9, { 30.3, 120.1 } },   /* 3: D, unit 1 is 900 m away */
    { 1, 2, 9, { 30.3, 120.1 } },   /* 4: E, unit 1 forbidden */
    { 0, 4, 50, { 30.3, 120.1 } },  /* 5: no group */
  };
  double distances[2 * 6] = {
    100, 100, 0, 0, 0, 100,
    0, 0, 0, 900, 100, 0,
  };
  guint groups[] = { 0, 1, 2, 3, 4, LINLI_ASSIGN_NO_GROUP };
  LinliAssignPair forbidden[] = { { 1, 4 } };
  LinliAssignProblem p = { 2, units, 3, G_N_ELEMENTS (offers), offers, G_N_ELEMENTS (needs), needs,
                           500, 0, NULL, G_N_ELEMENTS (forbidden), forbidden, distances };
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliAssignResult) without = linli_assign_solve (&p, &error);
  g_autoptr (LinliAssignResult) r = NULL;

  g_assert_no_error (error);
  /* Without minimums the priority-50 need outside any group takes all. */
  g_assert_cmpfloat (without->needs[5].met, ==, 3);
  g_assert_cmpuint (without->n_groups, ==, 0);

  p.n_groups = 5;
  p.groups = groups;
  p.group_minimum = 1;
  r = linli_assign_solve (&p, &error);
  g_assert_no_error (error);
  test_assign_check_feasible (&p, r);
  g_assert_cmpfloat (r->group_met[0], ==, 1);
  g_assert_cmpfloat (r->group_met[1], ==, 1);
  g_assert_cmpfloat (r->needs[5].met, ==, 1);
  g_assert_cmpuint (r->n_groups_short, ==, 3);
  g_assert_cmpint (r->group_reasons[0], ==, LINLI_UNMET_NONE);
  g_assert_cmpint (r->group_reasons[1], ==, LINLI_UNMET_NONE);
  g_assert_cmpint (r->group_reasons[2], ==, LINLI_UNMET_NO_OFFER);
  g_assert_cmpint (r->group_reasons[3], ==, LINLI_UNMET_TOO_FAR);
  g_assert_cmpint (r->group_reasons[4], ==, LINLI_UNMET_FORBIDDEN);
  /* The need without a group is short for the minimums: capacity. */
  g_assert_cmpint (r->needs[5].reason, ==, LINLI_UNMET_CAPACITY);

  /* A group that needs less than the minimum is whole when it has it. */
  p.group_minimum = 10;
  g_clear_pointer (&r, linli_assign_result_free);
  r = linli_assign_solve (&p, &error);
  g_assert_no_error (error);
  test_assign_check_feasible (&p, r);
  g_assert_cmpfloat (r->group_met[0] + r->group_met[1], ==, 3);
  g_assert_cmpfloat (r->needs[5].met, ==, 0);
  /* Each wants all its 3 and capacity is 3: any split fills the
   * minimums as far as they go, so priority decides: all to A. */
  g_assert_cmpfloat (r->group_met[0], ==, 3);

  /* A group index out of range is refused. */
  {
    guint bad[] = { 0, 1, 2, 3, 9, LINLI_ASSIGN_NO_GROUP };
    g_autoptr (GError) e = NULL;
    g_autoptr (LinliAssignResult) none = NULL;

    p.groups = bad;
    none = linli_assign_solve (&p, &e);
    g_assert_null (none);
    g_assert_error (e, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID);
  }
}

/* A fixed pair is served first, even beyond the distance, and then
 * counts as what uses the capacity. */
static void
test_fixed_pair (void)
{
  LinliLatLon units[2] = { { 30.3, 120.1 }, { 30.31, 120.1 } };
  LinliAssignOffer offers[] = { { 0, 0, 3 }, { 1, 0, 2 } };
  LinliAssignNeed needs[] = { { 0, 3, 1, { 30.3, 120.1 } }, { 0, 3, 9, { 30.3, 120.1 } } };
  LinliAssignPair fixed[] = { { 1, 0 } };
  LinliAssignProblem p = { 2, units, 1, 2, offers, 2, needs, 500, 1, fixed, 0, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliAssignResult) r = linli_assign_solve (&p, &error);

  g_assert_no_error (error);
  g_assert_true (r->straight_line);
  test_assign_check_feasible (&p, r);
  /* Unit 1 is about 1.1 km away: only the fixed pair brings it. */
  g_assert_cmpfloat (r->needs[0].met, ==, 2);
  g_assert_cmpfloat (r->needs[1].met, ==, 3);
  g_assert_cmpint (r->needs[0].reason, ==, LINLI_UNMET_CAPACITY);
  g_assert_cmpuint (r->needs[0].n_blocking, ==, 1);
  g_assert_cmpuint (r->needs[0].blocking[0], ==, 1);

  /* A fixed pair whose unit does not offer the category, and one that is
   * also forbidden, are refused. */
  {
    LinliAssignOffer other[] = { { 0, 0, 3 }, { 1, 1, 2 } };
    LinliAssignProblem q = { 2, units, 2, 2, other, 2, needs, 500, 1, fixed, 0, NULL, NULL };
    g_autoptr (GError) e = NULL;
    g_autoptr (LinliAssignResult) none = linli_assign_solve (&q, &e);

    g_assert_null (none);
    g_assert_error (e, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID);
  }
  {
    LinliAssignProblem q = { 2, units, 1, 2, offers, 2, needs, 500, 1, fixed, 1, fixed, NULL };
    g_autoptr (GError) e = NULL;
    g_autoptr (LinliAssignResult) none = linli_assign_solve (&q, &e);

    g_assert_null (none);
    g_assert_error (e, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID);
  }
}

static void
test_invalid (void)
{
  LinliLatLon units[1] = { { 30.3, 120.1 } };
  LinliAssignOffer offers[] = { { 0, 0, 3 } };
  LinliAssignNeed needs[] = { { 0, 3, 1, { 30.3, 120.1 } } };
  LinliAssignOffer bad_offers[][1] = { { { 1, 0, 3 } }, { { 0, 2, 3 } }, { { 0, 0, -1 } },
                                       { { 0, 0, NAN } } };
  LinliAssignNeed bad_needs[][1] = { { { 0, 3, 0, { 30.3, 120.1 } } },
                                     { { 0, INFINITY, 1, { 30.3, 120.1 } } },
                                     { { 5, 3, 1, { 30.3, 120.1 } } },
                                     { { 0, 3, 1, { 95, 120.1 } } } };

  for (guint i = 0; i < G_N_ELEMENTS (bad_offers) + G_N_ELEMENTS (bad_needs); i++)
    {
      LinliAssignProblem p = { 1, units, 1, 1, offers, 1, needs, 0, 0, NULL, 0, NULL, NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliAssignResult) r = NULL;

      if (i < G_N_ELEMENTS (bad_offers))
        p.offers = bad_offers[i];
      else
        p.needs = bad_needs[i - G_N_ELEMENTS (bad_offers)];
      r = linli_assign_solve (&p, &error);
      g_assert_null (r);
      g_assert_error (error, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID);
    }
}

/* On random problems every reason says what the problem holds: no offer
 * with room, all offers forbidden, all allowed ones too far (and the
 * nearest), or every offer that could serve is full with needs of at least
 * the same priority. */
static void
test_reasons_random (void)
{
  guint n_cases = linli_test_cases (60);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (1000 + seed);
      TestAssignShape shape = { .n_units = 40, .n_categories = 6, .offers_per_unit = 3,
                                .n_needs = 60, .max_quantity = 30, .max_priority = 5, .box = 4000,
                                .max_distance = 1500, .n_forbidden = 40 };

      g_autoptr (TestAssignProblem) t = test_assign_problem_new (rand, &shape);
      const LinliAssignProblem *p = &t->p;
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliAssignResult) r = linli_assign_solve (p, &error);
      guint seen[5] = { 0 };

      g_assert_no_error (error);
      test_assign_check_feasible (p, r);
      for (guint n = 0; n < p->n_needs; n++)
        {
          const LinliAssignNeedResult *nr = &r->needs[n];
          gboolean offered = FALSE, allowed = FALSE, within = FALSE;
          double nearest = INFINITY;

          seen[nr->reason]++;
          for (guint o = 0; o < p->n_offers; o++)
            {
              guint u = p->offers[o].unit;
              gboolean forbidden = FALSE;
              double d;

              if (p->offers[o].category != p->needs[n].category || p->offers[o].capacity <= 0)
                continue;
              offered = TRUE;
              for (guint k = 0; k < p->n_forbidden; k++)
                forbidden |= p->forbidden[k].unit == u && p->forbidden[k].need == n;
              if (forbidden)
                continue;
              allowed = TRUE;
              d = linli_assign_distance (p, u, n);
              nearest = MIN (nearest, d);
              if (d > p->max_distance)
                continue;
              within = TRUE;
              if (nr->reason == LINLI_UNMET_CAPACITY)
                /* Full: otherwise the need would have had more. */
                g_assert_cmpfloat (r->used[o], >=, p->offers[o].capacity - 1e-9);
            }
          switch (nr->reason)
            {
            case LINLI_UNMET_NONE:
              g_assert_cmpfloat (nr->unmet, ==, 0);
              break;
            case LINLI_UNMET_NO_OFFER:
              g_assert_false (offered);
              break;
            case LINLI_UNMET_FORBIDDEN:
              g_assert_true (offered && !allowed);
              break;
            case LINLI_UNMET_TOO_FAR:
              g_assert_true (allowed && !within);
              g_assert_cmpfloat (nr->nearest_distance, ==, nearest);
              g_assert_cmpfloat (linli_assign_distance (p, nr->nearest_unit, n), ==, nearest);
              break;
            case LINLI_UNMET_CAPACITY:
              g_assert_true (within);
              /* Full with other needs, or with this one's own share. */
              g_assert_true (nr->n_blocking > 0 || nr->met > 0);
              for (guint k = 0; k < nr->n_blocking; k++)
                {
                  g_assert_cmpuint (p->needs[nr->blocking[k]].priority, >=, p->needs[n].priority);
                  g_assert_cmpuint (p->needs[nr->blocking[k]].category, ==, p->needs[n].category);
                }
              break;
            default:
              g_assert_not_reached ();
            }
        }
      /* The shape makes every reason come up now and then. */
      if (seed == n_cases)
        g_assert_cmpuint (seen[LINLI_UNMET_CAPACITY], >, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partner-assign/brute-force", test_brute_force);
  g_test_add_func ("/partner-assign/groups/brute-force", test_groups_brute_force);
  g_test_add_func ("/partner-assign/groups/crafted", test_groups_crafted);
  g_test_add_func ("/partner-assign/reasons/crafted", test_reasons_crafted);
  g_test_add_func ("/partner-assign/reasons/random", test_reasons_random);
  g_test_add_func ("/partner-assign/fixed-pair", test_fixed_pair);
  g_test_add_func ("/partner-assign/invalid", test_invalid);

  return g_test_run ();
}
