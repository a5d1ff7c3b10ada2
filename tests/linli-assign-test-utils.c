/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-partner-assign"

#include "config.h"

#include "linli-assign-test-utils.h"

#include <math.h>

TestAssignProblem *
test_assign_problem_new (GRand                 *rand,
                         const TestAssignShape *shape)
{
  TestAssignProblem *t = g_new0 (TestAssignProblem, 1);
  g_autofree LinliLatLon *places = NULL;
  double deg_lat = shape->box / 111320.0;
  double deg_lon = shape->box / (111320.0 * cos (30.3 * G_PI / 180));

  t->units = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  t->offers = g_array_new (FALSE, FALSE, sizeof (LinliAssignOffer));
  t->needs = g_array_new (FALSE, FALSE, sizeof (LinliAssignNeed));
  t->fixed = g_array_new (FALSE, FALSE, sizeof (LinliAssignPair));
  t->forbidden = g_array_new (FALSE, FALSE, sizeof (LinliAssignPair));
  for (guint u = 0; u < shape->n_units; u++)
    {
      LinliLatLon pos;
      guint n_offers;

      pos.lat = 30.3 + g_rand_double (rand) * deg_lat;
      pos.lon = 120.1 + g_rand_double (rand) * deg_lon;
      n_offers = g_rand_int_range (rand, 1, shape->offers_per_unit + 1);
      g_array_append_val (t->units, pos);
      for (guint k = 0; k < n_offers; k++)
        {
          LinliAssignOffer o = { u };

          o.category = g_rand_int_range (rand, 0, shape->n_categories);
          o.capacity = g_rand_int_range (rand, 0, shape->max_quantity + 1);
          g_array_append_val (t->offers, o);
        }
    }
  places = g_new (LinliLatLon, MAX (shape->n_places, 1));
  for (guint i = 0; i < shape->n_places; i++)
    {
      places[i].lat = 30.3 + g_rand_double (rand) * deg_lat;
      places[i].lon = 120.1 + g_rand_double (rand) * deg_lon;
    }
  for (guint n = 0; n < shape->n_needs; n++)
    {
      LinliAssignNeed need;

      need.category = g_rand_int_range (rand, 0, shape->n_categories);
      need.quantity = g_rand_int_range (rand, 0, shape->max_quantity + 1);
      need.priority = g_rand_int_range (rand, 1, shape->max_priority + 1);
      need.position.lat = 30.3 + g_rand_double (rand) * deg_lat;
      need.position.lon = 120.1 + g_rand_double (rand) * deg_lon;
      if (shape->n_places > 0)
        need.position = places[g_rand_int_range (rand, 0, shape->n_places)];
      g_array_append_val (t->needs, need);
    }
  if (shape->whole_metres)
    {
      t->distances = g_new (double, MAX (shape->n_units * shape->n_needs, 1));
      for (guint i = 0; i < shape->n_units * shape->n_needs; i++)
        t->distances[i] = g_rand_int_range (rand, 0, (int) shape->box + 1);
    }
  for (guint i = 0; i < shape->n_forbidden && shape->n_needs > 0; i++)
    {
      LinliAssignPair pair;

      pair.unit = g_rand_int_range (rand, 0, shape->n_units);
      pair.need = g_rand_int_range (rand, 0, shape->n_needs);
      g_array_append_val (t->forbidden, pair);
    }
  /* A fixed pair joins a unit to a need of a category it offers, and is
   * not forbidden. */
  for (guint i = 0; i < shape->n_fixed && t->offers->len > 0 && shape->n_needs > 0; i++)
    {
      guint chosen = g_rand_int_range (rand, 0, t->offers->len);
      LinliAssignOffer *o = &g_array_index (t->offers, LinliAssignOffer, chosen);

      for (guint tries = 0; tries < 20; tries++)
        {
          guint n = g_rand_int_range (rand, 0, shape->n_needs);
          gboolean forbidden = FALSE;

          for (guint k = 0; k < t->forbidden->len; k++)
            forbidden |= g_array_index (t->forbidden, LinliAssignPair, k).unit == o->unit &&
                         g_array_index (t->forbidden, LinliAssignPair, k).need == n;
          if (g_array_index (t->needs, LinliAssignNeed, n).category == o->category && !forbidden)
            {
              LinliAssignPair pair = { o->unit, n };

              g_array_append_val (t->fixed, pair);
              break;
            }
        }
    }

  /* Drawn last, so problems without groups stay what they were. */
  if (shape->n_groups > 0)
    {
      t->groups = g_new (guint, MAX (shape->n_needs, 1));
      for (guint n = 0; n < shape->n_needs; n++)
        t->groups[n] = g_rand_int_range (rand, 0, 4) == 0
                       ? LINLI_ASSIGN_NO_GROUP : (guint) g_rand_int_range (rand, 0, shape->n_groups);
      t->p.n_groups = shape->n_groups;
      t->p.groups = t->groups;
      t->p.group_minimum = shape->group_minimum;
    }

  t->p.n_units = t->units->len;
  t->p.units = (const LinliLatLon *) (gpointer) t->units->data;
  t->p.n_categories = shape->n_categories;
  t->p.n_offers = t->offers->len;
  t->p.offers = (const LinliAssignOffer *) (gpointer) t->offers->data;
  t->p.n_needs = t->needs->len;
  t->p.needs = (const LinliAssignNeed *) (gpointer) t->needs->data;
  t->p.max_distance = shape->max_distance;
  t->p.n_fixed = t->fixed->len;
  t->p.fixed = (const LinliAssignPair *) (gpointer) t->fixed->data;
  t->p.n_forbidden = t->forbidden->len;
  t->p.forbidden = (const LinliAssignPair *) (gpointer) t->forbidden->data;
  t->p.distances = t->distances;
  return t;
}

void
test_assign_problem_free (TestAssignProblem *t)
{
  g_array_unref (t->units);
  g_array_unref (t->offers);
  g_array_unref (t->needs);
  g_array_unref (t->fixed);
  g_array_unref (t->forbidden);
  g_free (t->distances);
  g_free (t->groups);
  g_free (t);
}

double *
test_assign_lower_bounds (const LinliAssignProblem *p)
{
  double *lb = g_new0 (double, MAX (p->n_offers * p->n_needs, 1));
  g_autofree double *cap = g_new (double, MAX (p->n_offers, 1));
  g_autofree double *left = g_new (double, MAX (p->n_needs, 1));

  for (guint o = 0; o < p->n_offers; o++)
    cap[o] = p->offers[o].capacity;
  for (guint n = 0; n < p->n_needs; n++)
    left[n] = p->needs[n].quantity;
  for (guint i = 0; i < p->n_fixed; i++)
    for (guint o = 0; o < p->n_offers; o++)
      {
        guint n = p->fixed[i].need;
        double amount;

        if (p->offers[o].unit != p->fixed[i].unit || p->offers[o].category != p->needs[n].category)
          continue;
        amount = MIN (cap[o], left[n]);
        cap[o] -= amount;
        left[n] -= amount;
        lb[o * p->n_needs + n] += amount;
      }
  return lb;
}

gboolean
test_assign_allowed (const LinliAssignProblem *p,
                     guint                     u,
                     guint                     n)
{
  for (guint k = 0; k < p->n_forbidden; k++)
    if (p->forbidden[k].unit == u && p->forbidden[k].need == n)
      return FALSE;
  return p->max_distance <= 0 || linli_assign_distance (p, u, n) <= p->max_distance;
}

void
test_assign_check_feasible (const LinliAssignProblem *p,
                            const LinliAssignResult  *r)
{
  g_autofree double *used = g_new0 (double, MAX (p->n_offers, 1));
  g_autofree double *met = g_new0 (double, MAX (p->n_needs, 1));
  g_autofree double *on_arc = g_new0 (double, MAX (p->n_offers * p->n_needs, 1));
  g_autofree double *lb = test_assign_lower_bounds (p);
  double weighted = 0, distance = 0, tol = 1e-7;

  for (guint f = 0; f < r->n_flows; f++)
    {
      const LinliAssignFlow *flow = &r->flows[f];

      g_assert_cmpuint (flow->offer, <, p->n_offers);
      g_assert_cmpuint (flow->need, <, p->n_needs);
      g_assert_cmpuint (flow->unit, ==, p->offers[flow->offer].unit);
      g_assert_cmpuint (p->offers[flow->offer].category, ==, p->needs[flow->need].category);
      g_assert_cmpfloat (flow->quantity, >, 0);
      g_assert_cmpfloat_with_epsilon (flow->distance,
                                      linli_assign_distance (p, flow->unit, flow->need), 1e-6);

      used[flow->offer] += flow->quantity;
      met[flow->need] += flow->quantity;
      on_arc[flow->offer * p->n_needs + flow->need] += flow->quantity;
      distance += flow->quantity * flow->distance;
    }
  for (guint o = 0; o < p->n_offers; o++)
    {
      /* Capacities are never exceeded. */
      g_assert_cmpfloat (used[o], <=, p->offers[o].capacity * (1 + tol) + tol);
      g_assert_cmpfloat_with_epsilon (used[o], r->used[o], tol * (1 + used[o]));
      for (guint n = 0; n < p->n_needs; n++)
        {
          double x = on_arc[o * p->n_needs + n], l = lb[o * p->n_needs + n];

          /* Fixed flow is there; beyond it only allowed pairs carry any. */
          g_assert_cmpfloat (x, >=, l - tol * (1 + l));
          if (!test_assign_allowed (p, p->offers[o].unit, n))
            g_assert_cmpfloat (x, <=, l + tol * (1 + l));
        }
    }
  for (guint n = 0; n < p->n_needs; n++)
    {
      g_assert_cmpfloat (met[n], <=, p->needs[n].quantity * (1 + tol) + tol);
      g_assert_cmpfloat_with_epsilon (met[n], r->needs[n].met, tol * (1 + met[n]));
      g_assert_cmpfloat_with_epsilon (r->needs[n].met + r->needs[n].unmet, p->needs[n].quantity,
                                      tol * (1 + met[n]));
      g_assert_true ((r->needs[n].unmet == 0) == (r->needs[n].reason == LINLI_UNMET_NONE));
      weighted += met[n] * p->needs[n].priority;
    }
  g_assert_cmpfloat_with_epsilon (weighted, r->weighted_met, tol * (1 + weighted));

  /* Groups: what each received, and a reason exactly when it is short. */
  if (p->groups != NULL && p->group_minimum > 0 && p->n_groups > 0)
    {
      g_autofree double *got = g_new0 (double, p->n_groups);
      g_autofree double *wanted = g_new0 (double, p->n_groups);
      guint n_short = 0;

      g_assert_cmpuint (r->n_groups, ==, p->n_groups);
      for (guint n = 0; n < p->n_needs; n++)
        if (p->groups[n] != LINLI_ASSIGN_NO_GROUP)
          {
            got[p->groups[n]] += met[n];
            wanted[p->groups[n]] += p->needs[n].quantity;
          }
      for (guint x = 0; x < p->n_groups; x++)
        {
          gboolean is_short = got[x] < MIN (p->group_minimum, wanted[x]) - tol;

          g_assert_cmpfloat_with_epsilon (got[x], r->group_met[x], tol * (1 + got[x]));
          g_assert_true (is_short == (r->group_reasons[x] != LINLI_UNMET_NONE));
          n_short += is_short;
        }
      g_assert_cmpuint (n_short, ==, r->n_groups_short);
    }
  else
    g_assert_cmpuint (r->n_groups, ==, 0);
  g_assert_cmpfloat_with_epsilon (distance, r->distance, tol * (1 + distance));
}

double
test_assign_groups_met (const LinliAssignProblem *p,
                        const LinliAssignResult  *r)
{
  g_autofree double *wanted = NULL;
  double sum = 0;

  if (r->n_groups == 0)
    return 0;
  wanted = g_new0 (double, p->n_groups);
  for (guint n = 0; n < p->n_needs; n++)
    if (p->groups[n] != LINLI_ASSIGN_NO_GROUP)
      wanted[p->groups[n]] += p->needs[n].quantity;
  for (guint x = 0; x < p->n_groups; x++)
    sum += MIN (r->group_met[x], MIN (wanted[x], p->group_minimum));
  return sum;
}
