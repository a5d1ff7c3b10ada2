/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-plan"

#include "config.h"

#include <math.h>
#include <string.h>

#include "linli-test-utils.h"
#include "linli-plan-project.h"

/* The solver is checked against brute force over every subset of
 * candidates on small random instances, which is slow but obviously right.
 * The brute force here shares no code with the solver: its own coverage,
 * walk and maximum flow.
 */

/* ------------------------------------------------------------------------ */
/* Random instances and brute force                                          */
/* ------------------------------------------------------------------------ */

#define MAX_N 40
#define MAX_M 14

typedef struct
{
  guint                   n;
  guint                   m;
  double                  w[MAX_N];
  double                  cost[MAX_M];
  LinliPlanCandidateState state[MAX_M];
  double                  cap[MAX_M];
  double                  d[MAX_N][MAX_M];   /* < 0: no arc */
  double                  max_distance;
} Tiny;

typedef struct
{
  LinliPlanProblem problem;
  int              k;
  double           budget;
  double           target;
  double           radius;
  gboolean         capacitated;
  gboolean         use_costs;
} TinyOptions;

static LinliPlanInstance *
tiny_instance (const Tiny *t)
{
  LinliPlanInstance *inst = linli_plan_instance_new (t->n, t->w, t->m, t->cost, t->state, t->cap);

  for (guint i = 0; i < t->n; i++)
    for (guint j = 0; j < t->m; j++)
      if (t->d[i][j] >= 0)
        linli_plan_instance_add_arc (inst, i, j, t->d[i][j]);
  linli_plan_instance_set_max_distance (inst, t->max_distance);
  linli_plan_instance_finish (inst);
  return inst;
}

/* A random instance: points in a square, whole-metre distances (so single
 * precision holds them exactly), arcs up to the maximum distance.  With
 * @fractional the weights and costs are not whole numbers.
 */
static void
tiny_random (GRand    *rand,
             Tiny     *t,
             guint     n,
             guint     m,
             gboolean  fractional,
             gboolean  mixed_states)
{
  double px[MAX_N], py[MAX_N], cx[MAX_M], cy[MAX_M];

  memset (t, 0, sizeof *t);
  t->n = n;
  t->m = m;
  t->max_distance = g_rand_int_range (rand, 300, 700);
  for (guint i = 0; i < n; i++)
    {
      px[i] = g_rand_double_range (rand, 0, 1000);
      py[i] = g_rand_double_range (rand, 0, 1000);
      t->w[i] = fractional ? g_rand_double_range (rand, 0.5, 30) : g_rand_int_range (rand, 1, 40);
    }
  for (guint j = 0; j < m; j++)
    {
      guint roll = g_rand_int_range (rand, 0, 100);

      cx[j] = g_rand_double_range (rand, 0, 1000);
      cy[j] = g_rand_double_range (rand, 0, 1000);
      t->cost[j] = fractional ? g_rand_double_range (rand, 1, 10) : g_rand_int_range (rand, 1, 10);
      t->cap[j] = g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 10, 120);
      t->state[j] = LINLI_PLAN_CANDIDATE;
      if (mixed_states)
        t->state[j] = roll < 12 ? LINLI_PLAN_EXISTING
                      : roll < 22 ? LINLI_PLAN_REQUIRED
                      : roll < 30 ? LINLI_PLAN_FORBIDDEN
                      : LINLI_PLAN_CANDIDATE;
    }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < m; j++)
      {
        double d = round (hypot (px[i] - cx[j], py[i] - cy[j]));

        t->d[i][j] = d <= t->max_distance ? d : -1;
      }
}

static gboolean
is_open (const Tiny *t,
         guint       mask,
         guint       j)
{
  return t->state[j] == LINLI_PLAN_EXISTING || t->state[j] == LINLI_PLAN_REQUIRED ||
         (t->state[j] == LINLI_PLAN_CANDIDATE && (mask >> j & 1));
}

/* Maximum flow by breadth-first augmenting paths on a dense matrix. */
static double
tiny_maxflow (const Tiny *t,
              guint       mask,
              double      radius)
{
  enum { SRC = 0, SNK = 1 };
  guint nn = 2 + t->n + t->m;
  static double cap[2 + MAX_N + MAX_M][2 + MAX_N + MAX_M];
  int prev[2 + MAX_N + MAX_M];
  guint queue[2 + MAX_N + MAX_M];
  double flow = 0;

  memset (cap, 0, sizeof cap);
  for (guint i = 0; i < t->n; i++)
    cap[SRC][2 + i] = t->w[i];
  for (guint j = 0; j < t->m; j++)
    if (is_open (t, mask, j))
      {
        cap[2 + t->n + j][SNK] = t->cap[j] > 0 ? t->cap[j] : 1e18;
        for (guint i = 0; i < t->n; i++)
          if (t->d[i][j] >= 0 && t->d[i][j] <= radius)
            cap[2 + i][2 + t->n + j] = 1e18;
      }
  for (;;)
    {
      guint head = 0, tail = 0;
      double push = 1e300;

      for (guint v = 0; v < nn; v++)
        prev[v] = -1;
      prev[SRC] = SRC;
      queue[tail++] = SRC;
      while (head < tail && prev[SNK] < 0)
        {
          guint u = queue[head++];

          for (guint v = 0; v < nn; v++)
            if (prev[v] < 0 && cap[u][v] > 1e-9)
              {
                prev[v] = u;
                queue[tail++] = v;
              }
        }
      if (prev[SNK] < 0)
        break;
      for (guint v = SNK; v != SRC; v = prev[v])
        push = MIN (push, cap[prev[v]][v]);
      for (guint v = SNK; v != SRC; v = prev[v])
        {
          cap[prev[v]][v] -= push;
          cap[v][prev[v]] += push;
        }
      flow += push;
    }
  return flow;
}

static double
tiny_covered (const Tiny *t,
              guint       mask,
              double      radius,
              gboolean    capacitated)
{
  double v = 0;

  if (capacitated)
    return tiny_maxflow (t, mask, radius);
  for (guint i = 0; i < t->n; i++)
    for (guint j = 0; j < t->m; j++)
      if (is_open (t, mask, j) && t->d[i][j] >= 0 && t->d[i][j] <= radius)
        {
          v += t->w[i];
          break;
        }
  return v;
}

static double
tiny_mean_distance (const Tiny *t,
                    guint       mask)
{
  double total = 0, walk = 0;

  for (guint i = 0; i < t->n; i++)
    {
      double d = t->max_distance;

      for (guint j = 0; j < t->m; j++)
        if (is_open (t, mask, j) && t->d[i][j] >= 0)
          d = MIN (d, t->d[i][j]);
      walk += t->w[i] * d;
      total += t->w[i];
    }
  return total > 0 ? walk / total : 0;
}

static double
tiny_total (const Tiny *t)
{
  double total = 0;

  for (guint i = 0; i < t->n; i++)
    total += t->w[i];
  return total;
}

/* The cost (or number) of new sites of a plan, required ones included. */
static double
tiny_plan_cost (const Tiny *t,
                guint       mask,
                gboolean    by_cost)
{
  double v = 0;

  for (guint j = 0; j < t->m; j++)
    if (t->state[j] == LINLI_PLAN_REQUIRED ||
        (t->state[j] == LINLI_PLAN_CANDIDATE && (mask >> j & 1)))
      v += by_cost ? t->cost[j] : 1;
  return v;
}

static guint
tiny_count (const Tiny *t,
            guint       mask)
{
  guint n = 0;

  for (guint j = 0; j < t->m; j++)
    n += t->state[j] == LINLI_PLAN_CANDIDATE && (mask >> j & 1);
  return n;
}

static gboolean
tiny_allowed (const Tiny        *t,
              const TinyOptions *o,
              guint              mask)
{
  for (guint j = 0; j < t->m; j++)
    if ((mask >> j & 1) && t->state[j] != LINLI_PLAN_CANDIDATE)
      return FALSE;
  if (o->problem == LINLI_PLAN_LSCP)
    return TRUE;
  if (o->k >= 0 && tiny_count (t, mask) > (guint) o->k)
    return FALSE;
  if (o->budget >= 0 && tiny_plan_cost (t, mask, TRUE) > o->budget + 1e-9)
    return FALSE;
  return TRUE;
}

typedef struct
{
  gboolean feasible;        /* some plan satisfies the options */
  double   optimum;
  gboolean target_reached;  /* LSCP */
} Brute;

/* The value of a plan as the solver states it. */
static double
tiny_value (const Tiny        *t,
            const TinyOptions *o,
            guint              mask,
            double             target)
{
  switch (o->problem)
    {
    case LINLI_PLAN_MCLP:
      return tiny_covered (t, mask, o->radius, o->capacitated);
    case LINLI_PLAN_LSCP:
      if (tiny_covered (t, mask, o->radius, FALSE) < target - 1e-9)
        return HUGE_VAL;
      /* Random tiny instances always carry costs. */
      return tiny_plan_cost (t, mask, o->use_costs);
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      return tiny_mean_distance (t, mask);
    }
}

static Brute
brute_force (const Tiny        *t,
             const TinyOptions *o)
{
  Brute b = { FALSE, 0, TRUE };
  gboolean maximise = o->problem == LINLI_PLAN_MCLP;
  double target = o->target * tiny_total (t);

  if (o->problem == LINLI_PLAN_LSCP)
    {
      double most = tiny_covered (t, (1u << t->m) - 1, o->radius, FALSE);

      if (most < target - 1e-9)
        {
          b.target_reached = FALSE;
          target = most;
        }
    }
  for (guint mask = 0; mask < (1u << t->m); mask++)
    {
      double v;

      if (!tiny_allowed (t, o, mask))
        continue;
      v = tiny_value (t, o, mask, target);
      if (!isfinite (v))
        continue;
      if (!b.feasible || (maximise ? v > b.optimum : v < b.optimum))
        b.optimum = v;
      b.feasible = TRUE;
    }
  return b;
}

static void
options_from_tiny (LinliPlanOptions  *opts,
                   const TinyOptions *o)
{
  linli_plan_options_init (opts);
  opts->problem = o->problem;
  opts->k = o->k;
  opts->budget = o->budget;
  opts->target_share = o->target;
  opts->radius = o->radius;
  opts->capacitated = o->capacitated;
  opts->use_costs = o->use_costs;
  opts->time_limit = 0;
}

static guint
result_mask (const Tiny            *t,
             const LinliPlanResult *res)
{
  guint mask = 0;

  for (guint k = 0; k < res->n_chosen; k++)
    {
      guint j = res->chosen[k];

      g_assert_cmpuint (j, <, t->m);
      g_assert_true (t->state[j] == LINLI_PLAN_CANDIDATE || t->state[j] == LINLI_PLAN_REQUIRED);
      if (t->state[j] == LINLI_PLAN_CANDIDATE)
        mask |= 1u << j;
    }
  return mask;
}

static void
assert_close (double a,
              double b)
{
  g_assert_cmpfloat_with_epsilon (a, b, 1e-6 * MAX (1.0, MAX (fabs (a), fabs (b))));
}

/* The plan the solver reports is feasible, is worth what it says, holds
 * every required site, and its bound and gap agree.
 */
static void
assert_result_consistent (const Tiny            *t,
                          const TinyOptions     *o,
                          const LinliPlanResult *res)
{
  guint mask = result_mask (t, res);
  double target = o->target * tiny_total (t);
  double added = 0, base;

  for (guint j = 0; j < t->m; j++)
    if (t->state[j] == LINLI_PLAN_REQUIRED)
      {
        gboolean found = FALSE;

        for (guint k = 0; k < res->n_chosen; k++)
          found |= res->chosen[k] == j;
        g_assert_true (found);
      }
  g_assert_true (tiny_allowed (t, o, mask));
  if (o->problem == LINLI_PLAN_LSCP && !res->target_reached)
    target = tiny_covered (t, (1u << t->m) - 1, o->radius, FALSE);
  assert_close (tiny_value (t, o, mask, target), res->objective);
  assert_close (res->mean_distance, tiny_mean_distance (t, mask));
  assert_close (res->covered_weight, tiny_covered (t, mask, o->radius, o->capacitated));
  assert_close (res->total_weight, tiny_total (t));

  /* The added weights sum to what the new sites cover beyond the existing ones. */
  base = 0;
  {
    Tiny existing = *t;

    for (guint j = 0; j < t->m; j++)
      if (existing.state[j] == LINLI_PLAN_REQUIRED)
        existing.state[j] = LINLI_PLAN_FORBIDDEN;
    base = tiny_covered (&existing, 0, o->radius, o->capacitated);
  }
  for (guint k = 0; k < res->n_chosen; k++)
    {
      g_assert_cmpfloat (res->added_weight[k], >=, -1e-9);
      added += res->added_weight[k];
    }
  assert_close (base + added, res->covered_weight);

  if (o->problem == LINLI_PLAN_MCLP)
    g_assert_cmpfloat (res->bound, >=, res->objective - 1e-9);
  else
    g_assert_cmpfloat (res->bound, <=, res->objective + 1e-9);
  g_assert_cmpfloat (res->gap, >=, 0);
  if (res->proven_optimal)
    g_assert_cmpfloat (res->gap, <=, 1e-4 + 1e-9);
}

static void
assert_bound_valid (const TinyOptions     *o,
                    const LinliPlanResult *res,
                    const Brute           *b)
{
  double slack = 1e-7 * MAX (1.0, fabs (b->optimum));

  if (o->problem == LINLI_PLAN_MCLP)
    {
      g_assert_cmpfloat (res->bound, >=, b->optimum - slack);
      g_assert_cmpfloat (res->objective, <=, b->optimum + slack);
    }
  else
    {
      g_assert_cmpfloat (res->bound, <=, b->optimum + slack);
      g_assert_cmpfloat (res->objective, >=, b->optimum - slack);
    }
}

/* Options for one random case; @variant picks the problem and which
 * options are on.
 */
static void
random_options (GRand       *rand,
                const Tiny  *t,
                guint        variant,
                TinyOptions *o)
{
  memset (o, 0, sizeof *o);
  o->radius = g_rand_boolean (rand) ? t->max_distance
                                     : g_rand_int_range (rand, 150, (int) t->max_distance + 1);
  o->k = -1;
  o->budget = -1;
  o->use_costs = TRUE;
  switch (variant % 7)
    {
    case 0:     /* maximal covering, k */
      o->problem = LINLI_PLAN_MCLP;
      o->k = g_rand_int_range (rand, 0, 5);
      break;
    case 1:     /* maximal covering, budget, maybe k too */
      o->problem = LINLI_PLAN_MCLP;
      o->budget = g_rand_int_range (rand, 0, 30) + (g_rand_boolean (rand) ? 0.5 : 0);
      o->k = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 5) : -1;
      break;
    case 2:     /* capacitated maximal covering */
      o->problem = LINLI_PLAN_MCLP;
      o->capacitated = TRUE;
      o->k = g_rand_int_range (rand, 1, 5);
      if (g_rand_boolean (rand))
        o->budget = g_rand_int_range (rand, 5, 30);
      break;
    case 3:     /* set covering by number */
      o->problem = LINLI_PLAN_LSCP;
      o->use_costs = FALSE;
      o->target = g_rand_double_range (rand, 0.3, 1.0);
      break;
    case 4:     /* set covering by cost */
      o->problem = LINLI_PLAN_LSCP;
      o->target = g_rand_double_range (rand, 0.3, 1.0);
      break;
    case 5:     /* p-median, k */
      o->problem = LINLI_PLAN_PMEDIAN;
      o->k = g_rand_int_range (rand, 0, 5);
      break;
    default:    /* p-median, budget */
      o->problem = LINLI_PLAN_PMEDIAN;
      o->budget = g_rand_int_range (rand, 0, 25);
      o->k = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 4) : -1;
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* Every problem and option, on tiny random instances: the solver's optimum
 * equals the brute force one and is proven.
 */
static void
test_brute_force (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240501);
  guint cases = linli_test_cases (g_test_slow () ? 7000 : 2100);
  guint counts[LINLI_PLAN_N_PROBLEMS] = { 0 };

  for (guint c = 0; c < cases; c++)
    {
      Tiny t;
      TinyOptions o;
      LinliPlanOptions opts;
      g_autoptr (LinliPlanInstance) inst = NULL;
      g_autoptr (LinliPlanResult) res = NULL;
      g_autoptr (GError) error = NULL;
      Brute b;
      guint variant = c % 7;
      guint m = g_rand_int_range (rand, 1, variant == 2 ? 10 : 13);

      tiny_random (rand, &t, g_rand_int_range (rand, 1, 31), m, c % 5 == 4 && variant != 2,
                   c % 3 != 0);
      random_options (rand, &t, variant, &o);
      b = brute_force (&t, &o);
      inst = tiny_instance (&t);
      options_from_tiny (&opts, &o);
      opts.seed = c;
      /* Every other round of the seven variants without solving
       * independent parts on their own, which would otherwise solve most
       * tiny covering instances before the search starts.
       */
      opts.split = (c / 7) % 2 == 0;
      res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
      if (!b.feasible)
        {
          /* Only a budget the required sites exceed leaves no plan. */
          g_assert_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INFEASIBLE);
          g_assert_null (res);
          continue;
        }
      g_assert_no_error (error);
      g_assert_nonnull (res);
      if (!res->proven_optimal ||
          fabs (res->objective - b.optimum) > 1e-6 * MAX (1.0, fabs (b.optimum)))
        g_test_message ("case %u variant %u: objective %g bound %g brute %g proven %d",
                        c, variant, res->objective, res->bound, b.optimum, res->proven_optimal);
      assert_close (res->objective, b.optimum);
      g_assert_true (res->proven_optimal);
      if (o.problem == LINLI_PLAN_LSCP)
        g_assert_cmpint (res->target_reached, ==, b.target_reached);
      assert_result_consistent (&t, &o, res);
      counts[o.problem]++;
    }
  g_test_message ("solved %u MCLP, %u LSCP, %u p-median cases to proven optimality",
                  counts[0], counts[1], counts[2]);
}

/* Stopped early — one node, a loose gap tolerance, or the time limit
 * before the search — the bound must still hold and the plan must be no
 * better than the optimum.
 */
static void
test_bounds_valid (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (77);
  guint cases = linli_test_cases (g_test_slow () ? 12000 : 4000);

  for (guint c = 0; c < cases; c++)
    {
      Tiny t;
      TinyOptions o;
      LinliPlanOptions opts;
      g_autoptr (LinliPlanInstance) inst = NULL;
      g_autoptr (LinliPlanResult) res = NULL;
      g_autoptr (GError) error = NULL;
      Brute b;
      guint variant = c % 7;

      tiny_random (rand, &t, g_rand_int_range (rand, 5, 41),
                   g_rand_int_range (rand, 2, variant == 2 ? 8 : 10),
                   c % 4 == 3 && variant != 2, c % 2 == 0);
      random_options (rand, &t, variant, &o);
      b = brute_force (&t, &o);
      if (!b.feasible)
        continue;
      inst = tiny_instance (&t);
      options_from_tiny (&opts, &o);
      opts.seed = c;
      opts.split = (c / 7) % 2 == 0;
      switch (c % 4)
        {
        case 0:
          opts.node_limit = 1;
          break;
        case 1:
          opts.gap_tolerance = 0.05;
          break;
        case 2:
          opts.node_limit = 3;
          opts.gap_tolerance = 0.01;
          break;
        default:
          /* Out of time before the first node: only the plans so far. */
          opts.time_limit = 1e-9;
          break;
        }
      res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      assert_bound_valid (&o, res, &b);
      assert_result_consistent (&t, &o, res);
    }
}

/* A medium instance: a few hundred demand points, 50 candidates, five new
 * sites.  Every problem reaches proven optimality well within a second.
 */
static LinliPlanInstance *
medium_instance (guint32 seed,
                 guint   n,
                 guint   m,
                 guint   n_existing,
                 double  reach)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *w = g_new (double, n);
  g_autofree double *cost = g_new (double, m);
  g_autofree LinliPlanCandidateState *state = g_new (LinliPlanCandidateState, m);
  g_autofree double *cap = g_new (double, m);
  g_autofree double *px = g_new (double, n);
  g_autofree double *py = g_new (double, n);
  g_autofree double *cx = g_new (double, m);
  g_autofree double *cy = g_new (double, m);
  LinliPlanInstance *inst;
  double side = 3000;

  for (guint i = 0; i < n; i++)
    {
      px[i] = g_rand_double_range (rand, 0, side);
      py[i] = g_rand_double_range (rand, 0, side);
      w[i] = g_rand_int_range (rand, 10, 200);
    }
  for (guint j = 0; j < m; j++)
    {
      cx[j] = g_rand_double_range (rand, 0, side);
      cy[j] = g_rand_double_range (rand, 0, side);
      cost[j] = g_rand_int_range (rand, 20, 150) * 10000;
      state[j] = j < n_existing ? LINLI_PLAN_EXISTING : LINLI_PLAN_CANDIDATE;
      /* Capacities only count when a test asks for them. */
      cap[j] = (j % 2) * 30 * g_rand_int_range (rand, 50, 200) * n / 1000.0;
    }
  inst = linli_plan_instance_new (n, w, m, cost, state, cap);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < m; j++)
      {
        double d = hypot (px[i] - cx[j], py[i] - cy[j]);

        if (d <= reach)
          linli_plan_instance_add_arc (inst, i, j, d);
      }
  linli_plan_instance_finish (inst);
  return inst;
}

static void
test_medium_proven (void)
{
  static const struct
  {
    LinliPlanProblem problem;
    int              k;
    double           target;
    double           radius;
    gboolean         capacitated;
  } cases[] = {
    { LINLI_PLAN_MCLP, 5, 0, 500, FALSE },
    { LINLI_PLAN_MCLP, 5, 0, 400, FALSE },
    { LINLI_PLAN_MCLP, 10, 0, 500, FALSE },
    { LINLI_PLAN_MCLP, 5, 0, 500, TRUE },
    { LINLI_PLAN_LSCP, -1, 0.8, 500, FALSE },
    { LINLI_PLAN_LSCP, -1, 0.95, 600, FALSE },
    { LINLI_PLAN_PMEDIAN, 5, 0, -1, FALSE },
    { LINLI_PLAN_PMEDIAN, 10, 0, -1, FALSE },
  };
  g_autoptr (LinliPlanInstance) inst = medium_instance (5, 400, 55, 5, 1200);
  double whole[G_N_ELEMENTS (cases)];

  for (guint c = 0; c < 2 * G_N_ELEMENTS (cases); c++)
    {
      LinliPlanOptions opts;
      g_autoptr (LinliPlanResult) res = NULL;
      g_autoptr (GError) error = NULL;
      guint i = c % G_N_ELEMENTS (cases);
      gboolean split = c >= G_N_ELEMENTS (cases);

      linli_plan_options_init (&opts);
      opts.split = split;
      opts.problem = cases[i].problem;
      opts.k = cases[i].k;
      opts.target_share = cases[i].target;
      opts.radius = cases[i].radius;
      opts.capacitated = cases[i].capacitated;
      opts.use_costs = FALSE;
      opts.time_limit = 20;
      res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("medium %s%s k=%d split %d: objective %.6g bound %.6g gap %.4f%% in %.3f s, "
                      "%" G_GUINT64_FORMAT " nodes, %u rows, %u columns, %u parts",
                      linli_plan_problem_to_string (cases[i].problem),
                      cases[i].capacitated ? " capacitated" : "", cases[i].k, split, res->objective,
                      res->bound, res->gap, res->elapsed, res->nodes, res->n_rows, res->n_columns,
                      res->n_parts);
      g_assert_true (res->proven_optimal);
      /* Solved whole or part by part, the same optimum. */
      if (!split)
        whole[i] = res->objective;
      else
        g_assert_cmpfloat (fabs (res->objective - whole[i]), <=, 1e-9 * MAX (1.0, fabs (whole[i])));
      if (cases[i].problem != LINLI_PLAN_LSCP)
        g_assert_cmpuint (res->n_chosen, <=, cases[i].k);
    }
}

/* Stopped after 1, 2, 4, … nodes, the search reports a bound that holds
 * against the optimum the full search proves, and never a weaker one with
 * more nodes: the nodes still waiting when it stops keep their bounds in it.
 * With and without parts solved at the nodes.
 */
static void
test_node_limit_bounds (void)
{
  static const struct
  {
    LinliPlanProblem problem;
    int              k;
    double           radius;
    gboolean         split;
  } cases[] = {
    { LINLI_PLAN_PMEDIAN, 12, -1, FALSE },
    { LINLI_PLAN_MCLP, 10, 450, FALSE },
    { LINLI_PLAN_LSCP, -1, 350, FALSE },
    /* Parts tried at the nodes of the search as well. */
    { LINLI_PLAN_MCLP, 10, 450, TRUE },
    { LINLI_PLAN_LSCP, -1, 350, TRUE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      gboolean maximise = cases[c].problem == LINLI_PLAN_MCLP;
      guint runs = 0, wanted = linli_test_cases (8);

      /* Instances until a few needed a tree of some size. */
      for (guint seed = 0; seed < 12 && runs < wanted; seed++)
        {
          g_autoptr (LinliPlanInstance) inst = medium_instance (17 + seed, 500, 120, 0, 1500);
          g_autoptr (LinliPlanResult) full = NULL;
          g_autoptr (GError) error = NULL;
          LinliPlanOptions opts;
          double last = maximise ? HUGE_VAL : -HUGE_VAL;

          linli_plan_options_init (&opts);
          opts.problem = cases[c].problem;
          opts.k = cases[c].k;
          opts.radius = cases[c].radius;
          opts.target_share = 0.97;
          opts.use_costs = FALSE;
          opts.split = cases[c].split;
          opts.time_limit = 30;
          full = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (full->proven_optimal);
          g_test_message ("%s k=%d split %d seed %u: optimum %.9g after %" G_GUINT64_FORMAT " nodes",
                          linli_plan_problem_to_string (cases[c].problem), cases[c].k, cases[c].split,
                          seed, full->objective, full->nodes);

          for (guint64 limit = 1; limit < full->nodes && runs < wanted; limit *= 2)
            {
              g_autoptr (LinliPlanResult) res = NULL;
              double slack = 1e-9 * MAX (1.0, fabs (full->objective));

              opts.node_limit = limit;
              res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
              g_assert_no_error (error);
              g_assert_cmpuint (res->nodes, <=, limit);
              if (maximise)
                {
                  g_assert_cmpfloat (res->bound, >=, full->objective - slack);
                  g_assert_cmpfloat (res->objective, <=, full->objective + slack);
                  g_assert_cmpfloat (res->bound, <=, last + slack);
                }
              else
                {
                  g_assert_cmpfloat (res->bound, <=, full->objective + slack);
                  g_assert_cmpfloat (res->objective, >=, full->objective - slack);
                  g_assert_cmpfloat (res->bound, >=, last - slack);
                }
              last = res->bound;
              runs++;
            }
        }
      g_test_message ("%s: %u runs stopped early", linli_plan_problem_to_string (cases[c].problem), runs);
      g_assert_cmpuint (runs, >=, wanted);
    }
}

/* Two quarters 10 km apart: a large one (@m sites, @n households of one
 * each in 1.5 km, reach 400 m) whose part takes its exact search many
 * nodes, and a small one.
 */
static LinliPlanInstance *
two_quarters (guint32 seed,
              guint   n,
              guint   m)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  guint nn = n + 20, mm = m + 3;
  g_autofree double *w = g_new (double, nn);
  g_autofree double *px = g_new (double, nn);
  g_autofree double *py = g_new (double, nn);
  g_autofree double *cx = g_new (double, mm);
  g_autofree double *cy = g_new (double, mm);
  LinliPlanInstance *inst;

  for (guint i = 0; i < nn; i++)
    {
      double ox = i < n ? 0 : 10000;

      px[i] = ox + g_rand_double_range (rand, 0, i < n ? 1500 : 600);
      py[i] = g_rand_double_range (rand, 0, i < n ? 1500 : 600);
      w[i] = 1;
    }
  for (guint j = 0; j < mm; j++)
    {
      double ox = j < m ? 0 : 10000;

      cx[j] = ox + g_rand_double_range (rand, 0, j < m ? 1500 : 600);
      cy[j] = g_rand_double_range (rand, 0, j < m ? 1500 : 600);
    }
  inst = linli_plan_instance_new (nn, w, mm, NULL, NULL, NULL);
  for (guint i = 0; i < nn; i++)
    for (guint j = 0; j < mm; j++)
      {
        double d = hypot (px[i] - cx[j], py[i] - cy[j]);

        if (d <= 400)
          linli_plan_instance_add_arc (inst, i, j, d);
      }
  linli_plan_instance_finish (inst);
  return inst;
}

/* A split whose parts take their search too long is given up and leaves
 * nothing behind: out of time while the large part is searched, the plan
 * says it was not solved in parts and its bound still holds; with time,
 * the same instance is solved in parts, to the optimum of the search
 * without them.
 */
static void
test_split_given_up (void)
{
  g_autoptr (LinliPlanInstance) inst = two_quarters (3, 500, 45);
  g_autoptr (LinliPlanResult) whole = NULL, parts = NULL, stopped = NULL;
  g_autoptr (GError) error = NULL;
  LinliPlanOptions opts;

  linli_plan_options_init (&opts);
  opts.problem = LINLI_PLAN_MCLP;
  opts.k = 14;
  opts.time_limit = 60;
  opts.split = FALSE;
  whole = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (whole->proven_optimal);

  opts.split = TRUE;
  parts = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("whole: %.0f in %" G_GUINT64_FORMAT " nodes; parts: %.0f in %u parts", whole->objective,
                  whole->nodes, parts->objective, parts->n_parts);
  g_assert_true (parts->proven_optimal);
  g_assert_cmpuint (parts->n_parts, ==, 2);
  g_assert_cmpfloat (parts->objective, ==, whole->objective);

  /* The part search looks at the clock every 16,384 nodes. */
  opts.time_limit = 1e-9;
  stopped = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stopped->n_parts, ==, 0);
  g_assert_cmpfloat (stopped->bound, >=, whole->objective);
  g_assert_cmpfloat (stopped->objective, <=, whole->objective);
}

/* The same seed gives the same plan, bit for bit. */
static void
test_deterministic (void)
{
  g_autoptr (LinliPlanInstance) inst = medium_instance (11, 600, 60, 6, 1000);

  /* The three problems, then capacitated maximal covering. */
  for (guint p = 0; p <= LINLI_PLAN_N_PROBLEMS; p++)
    {
      LinliPlanOptions opts;
      g_autoptr (LinliPlanResult) a = NULL;
      g_autoptr (LinliPlanResult) b = NULL;

      linli_plan_options_init (&opts);
      opts.problem = p < LINLI_PLAN_N_PROBLEMS ? p : LINLI_PLAN_MCLP;
      opts.capacitated = p == LINLI_PLAN_N_PROBLEMS;
      opts.k = 6;
      opts.target_share = 0.9;
      opts.radius = 700;
      opts.seed = 42;
      opts.time_limit = 0;
      /* A node limit, unlike a time limit, stops at the same place each time. */
      opts.node_limit = 25;
      a = linli_plan_solve (inst, &opts, NULL, NULL, NULL, NULL);
      b = linli_plan_solve (inst, &opts, NULL, NULL, NULL, NULL);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpuint (a->n_chosen, ==, b->n_chosen);
      g_assert_cmpmem (a->chosen, a->n_chosen * sizeof (guint),
                       b->chosen, b->n_chosen * sizeof (guint));
      g_assert_cmpfloat (a->objective, ==, b->objective);
      g_assert_cmpfloat (a->bound, ==, b->bound);
      g_assert_cmpuint (a->nodes, ==, b->nodes);
      g_assert_cmpint (a->proven_optimal, ==, b->proven_optimal);
    }
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  double        last;
  gboolean      backwards;
} ProgressData;

static void
cancel_progress_cb (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  ProgressData *data = user_data;

  data->calls++;
  g_assert_nonnull (message);
  g_cancellable_cancel (data->cancellable);
}

typedef struct
{
  GCancellable *cancellable;
  double        at;          /* cancel once the fraction reaches this */
  gint64        cancelled;   /* when it did */
  char         *message;     /* what was going on */
} LateCancel;

static void
late_cancel_cb (double      fraction,
                const char *message,
                gpointer    user_data)
{
  LateCancel *data = user_data;

  if (data->cancelled == 0 && fraction >= data->at)
    {
      data->cancelled = g_get_monotonic_time ();
      data->message = g_strdup (message);
      g_cancellable_cancel (data->cancellable);
    }
}

static void
count_progress_cb (double      fraction,
                   const char *message,
                   gpointer    user_data)
{
  ProgressData *data = user_data;

  data->calls++;
  if (fraction < data->last)
    data->backwards = TRUE;
  data->last = fraction;
  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
}

/* Cancelled from its own progress callback, the solve stops at once with
 * G_IO_ERROR_CANCELLED, at every point where it reports progress.
 */
static void
test_cancel (void)
{
  g_autoptr (LinliPlanInstance) inst = medium_instance (3, 20000, 400, 20, 900);

  for (LinliPlanProblem p = 0; p < LINLI_PLAN_N_PROBLEMS; p++)
    {
      LinliPlanOptions opts;
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GError) error = NULL;
      LinliPlanResult *res;
      ProgressData data = { cancellable, 0, 0, FALSE };
      gint64 start;
      double seconds;

      linli_plan_options_init (&opts);
      opts.problem = p;
      opts.k = 20;
      opts.radius = 600;
      start = g_get_monotonic_time ();
      res = linli_plan_solve (inst, &opts, cancellable, cancel_progress_cb, &data, &error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (res);
      g_assert_cmpuint (data.calls, ==, 1);
      g_test_message ("%s cancelled after %.3f s", linli_plan_problem_to_string (p), seconds);
      g_assert_cmpfloat (seconds, <, 5);
    }

  /* Already cancelled before it starts. */
  {
    LinliPlanOptions opts;
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GError) error = NULL;
    LinliPlanResult *res;

    linli_plan_options_init (&opts);
    g_cancellable_cancel (cancellable);
    res = linli_plan_solve (inst, &opts, cancellable, NULL, NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (res);
  }
}

/* Cancelled later on, while improving the plan, bounding or branching:
 * it still stops within a fraction of a second.
 */
static void
test_cancel_late (void)
{
  g_autoptr (LinliPlanInstance) inst = medium_instance (6, 12000, 300, 20, 900);
  static const struct
  {
    LinliPlanProblem problem;
    gboolean         capacitated;
    double           at;
  } cases[] = {
    { LINLI_PLAN_MCLP, FALSE, 0.06 },
    { LINLI_PLAN_MCLP, FALSE, 0.3 },
    { LINLI_PLAN_MCLP, FALSE, 0.55 },
    { LINLI_PLAN_MCLP, TRUE, 0.06 },
    { LINLI_PLAN_LSCP, FALSE, 0.06 },
    { LINLI_PLAN_LSCP, FALSE, 0.3 },
    { LINLI_PLAN_PMEDIAN, FALSE, 0.06 },
    { LINLI_PLAN_PMEDIAN, FALSE, 0.3 },
    { LINLI_PLAN_PMEDIAN, FALSE, 0.55 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GError) error = NULL;
      LateCancel data = { cancellable, cases[c].at, 0, NULL };
      LinliPlanOptions opts;
      LinliPlanResult *res;
      double after;

      linli_plan_options_init (&opts);
      opts.problem = cases[c].problem;
      opts.capacitated = cases[c].capacitated;
      opts.k = 25;
      opts.radius = 500;
      opts.target_share = 0.97;
      opts.time_limit = 30;
      res = linli_plan_solve (inst, &opts, cancellable, late_cancel_cb, &data, &error);
      if (res != NULL)
        {
          /* Solved before getting that far. */
          g_assert_cmpint (data.cancelled, ==, 0);
          linli_plan_result_free (res);
          continue;
        }
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      after = (g_get_monotonic_time () - data.cancelled) / 1e6;
      g_test_message ("%s%s cancelled at %.2f (%s), returned %.3f s later",
                      linli_plan_problem_to_string (cases[c].problem),
                      cases[c].capacitated ? " capacitated" : "", cases[c].at, data.message, after);
      g_assert_cmpfloat (after, <, 1.0);
      g_free (data.message);
    }
}

/* Cancelled from another thread while it runs, as the GUI does. */
static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (G_USEC_PER_SEC / 20);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_thread (void)
{
  g_autoptr (LinliPlanInstance) inst = medium_instance (4, 30000, 600, 20, 900);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  LinliPlanOptions opts;
  LinliPlanResult *res;
  GThread *thread;
  gint64 start;
  double seconds;

  linli_plan_options_init (&opts);
  opts.problem = LINLI_PLAN_PMEDIAN;
  opts.k = 40;
  opts.time_limit = 0;
  thread = g_thread_new ("cancel", cancel_later_thread, cancellable);
  start = g_get_monotonic_time ();
  res = linli_plan_solve (inst, &opts, cancellable, NULL, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_thread_join (thread);
  if (res != NULL)
    {
      /* It finished before the cancel came: fine, but it must be a plan. */
      g_test_message ("finished in %.3f s before the cancel", seconds);
      linli_plan_result_free (res);
      return;
    }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("stopped %.3f s after the start", seconds);
  g_assert_cmpfloat (seconds, <, 2);
}

/* Progress goes forward from 0 to 1 and a time limit is kept. */
static void
test_progress_and_time_limit (void)
{
  g_autoptr (LinliPlanInstance) inst = medium_instance (8, 20000, 300, 10, 900);
  LinliPlanOptions opts;
  g_autoptr (LinliPlanResult) res = NULL;
  g_autoptr (GError) error = NULL;
  ProgressData data = { NULL, 0, 0, FALSE };

  linli_plan_options_init (&opts);
  opts.problem = LINLI_PLAN_MCLP;
  opts.k = 15;
  opts.radius = 500;
  opts.time_limit = 0.3;
  res = linli_plan_solve (inst, &opts, NULL, count_progress_cb, &data, &error);
  g_assert_no_error (error);
  g_assert_false (data.backwards);
  g_assert_cmpuint (data.calls, >=, 2);
  g_assert_cmpfloat (data.last, ==, 1.0);
  g_test_message ("time limit 0.3 s: took %.3f s, gap %.3f %%, proven %d", res->elapsed, res->gap,
                  res->proven_optimal);
  g_assert_cmpfloat (res->elapsed, <, 3.0);
  g_assert_cmpfloat (res->bound, >=, res->objective);
}

/* A target no plan can reach: the result says so, covers what can be
 * covered with as few sites as possible, and lists who is out of reach.
 */
static void
test_lscp_unreachable (void)
{
  const double w[] = { 10, 20, 30, 40, 50, 60 };
  const LinliPlanCandidateState state[] = {
    LINLI_PLAN_CANDIDATE, LINLI_PLAN_CANDIDATE, LINLI_PLAN_CANDIDATE, LINLI_PLAN_FORBIDDEN,
  };
  g_autoptr (LinliPlanInstance) inst = linli_plan_instance_new (6, w, 4, NULL, state, NULL);
  LinliPlanOptions opts;
  g_autoptr (LinliPlanResult) res = NULL;
  g_autoptr (GError) error = NULL;

  /* 0 and 1 near candidate 0, 2 near 0 and 1, 3 near 2 only beyond the
   * radius, 4 near the forbidden site only, 5 near nothing.
   */
  linli_plan_instance_add_arc (inst, 0, 0, 100);
  linli_plan_instance_add_arc (inst, 1, 0, 200);
  linli_plan_instance_add_arc (inst, 2, 0, 300);
  linli_plan_instance_add_arc (inst, 2, 1, 50);
  linli_plan_instance_add_arc (inst, 3, 2, 900);
  linli_plan_instance_add_arc (inst, 4, 3, 10);
  linli_plan_instance_finish (inst);

  linli_plan_options_init (&opts);
  opts.problem = LINLI_PLAN_LSCP;
  opts.target_share = 0.95;
  opts.radius = 500;
  res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (res->target_reached);
  g_assert_cmpuint (res->n_chosen, ==, 1);
  g_assert_cmpuint (res->chosen[0], ==, 0);
  g_assert_cmpfloat (res->objective, ==, 1);
  g_assert_true (res->proven_optimal);
  g_assert_cmpfloat (res->covered_weight, ==, 60);
  g_assert_cmpfloat_with_epsilon (res->covered_share, 60.0 / 210, 1e-12);
  g_assert_cmpuint (res->n_unreachable, ==, 3);
  g_assert_cmpuint (res->unreachable[0], ==, 3);
  g_assert_cmpuint (res->unreachable[1], ==, 4);
  g_assert_cmpuint (res->unreachable[2], ==, 5);

  /* A reachable target is reached. */
  g_clear_pointer (&res, linli_plan_result_free);
  opts.target_share = 0.25;
  res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (res->target_reached);
  g_assert_cmpfloat (res->objective, ==, 1);
}

/* Among plans that cover as much, the one with the shorter walk wins. */
static void
test_mclp_tie_break (void)
{
  const double w[] = { 10, 10, 10 };
  g_autoptr (LinliPlanInstance) inst = linli_plan_instance_new (3, w, 3, NULL, NULL, NULL);
  LinliPlanOptions opts;
  g_autoptr (LinliPlanResult) res = NULL;

  /* Candidates 0 and 2 cover the same three points; 2 is nearer to all. */
  for (guint i = 0; i < 3; i++)
    {
      linli_plan_instance_add_arc (inst, i, 0, 400 + 10 * i);
      linli_plan_instance_add_arc (inst, i, 1, 450);
      linli_plan_instance_add_arc (inst, i, 2, 100 + 10 * i);
    }
  linli_plan_instance_finish (inst);
  linli_plan_options_init (&opts);
  opts.k = 1;
  opts.radius = 440;
  res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (res->n_chosen, ==, 1);
  g_assert_cmpuint (res->chosen[0], ==, 2);
  g_assert_cmpfloat (res->objective, ==, 30);
  g_assert_true (res->proven_optimal);
}

/* Hand-made cases with known answers. */
static void
test_known_answers (void)
{
  /* Four clusters on a line; candidate j sits on cluster j, candidate 4
   * between clusters 1 and 2 and covers both.
   */
  const double w[] = { 100, 80, 70, 10 };
  const double cost[] = { 5, 3, 3, 1, 5 };
  const double cap[] = { 0, 0, 0, 0, 60 };
  g_autoptr (LinliPlanInstance) inst = linli_plan_instance_new (4, w, 5, cost, NULL, cap);
  static const struct
  {
    LinliPlanProblem problem;
    int              k;
    double           budget;
    gboolean         capacitated;
    double           target;
    double           objective;
    guint            chosen[3];
    guint            n_chosen;
  } cases[] = {
    { LINLI_PLAN_MCLP, 1, -1, FALSE, 0, 150, { 4 }, 1 },
    { LINLI_PLAN_MCLP, 2, -1, FALSE, 0, 250, { 4, 0 }, 2 },
    { LINLI_PLAN_MCLP, 1, -1, TRUE, 0, 100, { 0 }, 1 },
    { LINLI_PLAN_MCLP, 2, -1, TRUE, 0, 180, { 0, 1 }, 2 },
    { LINLI_PLAN_MCLP, -1, 6, FALSE, 0, 160, { 4, 3 }, 2 },
    { LINLI_PLAN_MCLP, -1, 5, FALSE, 0, 150, { 4 }, 1 },
    { LINLI_PLAN_MCLP, -1, 3, FALSE, 0, 80, { 1 }, 1 },
    { LINLI_PLAN_LSCP, -1, -1, FALSE, 0.9, 2, { 4, 0 }, 2 },
  };

  for (guint i = 0; i < 4; i++)
    linli_plan_instance_add_arc (inst, i, i, 0);
  linli_plan_instance_add_arc (inst, 1, 4, 300);
  linli_plan_instance_add_arc (inst, 2, 4, 300);
  linli_plan_instance_finish (inst);

  for (guint c = 0; c < 2 * G_N_ELEMENTS (cases); c++)
    {
      LinliPlanOptions opts;
      g_autoptr (LinliPlanResult) res = NULL;
      g_autoptr (GError) error = NULL;
      guint i = c % G_N_ELEMENTS (cases);

      linli_plan_options_init (&opts);
      opts.split = c >= G_N_ELEMENTS (cases);
      opts.problem = cases[i].problem;
      opts.k = cases[i].k;
      opts.budget = cases[i].budget;
      opts.capacitated = cases[i].capacitated;
      opts.target_share = cases[i].target;
      opts.use_costs = FALSE;
      opts.radius = 500;
      res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (res->objective, ==, cases[i].objective);
      g_assert_true (res->proven_optimal);
      g_assert_cmpuint (res->n_chosen, ==, cases[i].n_chosen);
      for (guint k = 0; k < res->n_chosen; k++)
        g_assert_cmpuint (res->chosen[k], ==, cases[i].chosen[k]);
    }
}

/* p-median: a point with no site in reach counts at the penalty distance. */
static void
test_pmedian_penalty (void)
{
  const double w[] = { 1, 1, 2 };
  g_autoptr (LinliPlanInstance) inst = linli_plan_instance_new (3, w, 2, NULL, NULL, NULL);
  LinliPlanOptions opts;
  g_autoptr (LinliPlanResult) res = NULL;

  linli_plan_instance_add_arc (inst, 0, 0, 100);
  linli_plan_instance_add_arc (inst, 1, 0, 300);
  linli_plan_instance_add_arc (inst, 1, 1, 200);
  linli_plan_instance_finish (inst);
  g_assert_cmpfloat (linli_plan_instance_get_max_distance (inst), ==, 300);

  linli_plan_options_init (&opts);
  opts.problem = LINLI_PLAN_PMEDIAN;
  opts.k = 1;
  res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, NULL);
  /* Site 0: (100 + 300 + 2 × 300) / 4 = 250; site 1: (300 + 200 + 600) / 4 = 275. */
  g_assert_cmpuint (res->n_chosen, ==, 1);
  g_assert_cmpuint (res->chosen[0], ==, 0);
  g_assert_cmpfloat_with_epsilon (res->objective, 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (res->mean_distance, 250, 1e-9);
  g_assert_true (res->proven_optimal);

  g_clear_pointer (&res, linli_plan_result_free);
  opts.penalty_distance = 1000;
  res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, NULL);
  /* Site 0: (100 + 300 + 2000) / 4 = 600; site 1: (1000 + 200 + 2000) / 4 = 800. */
  g_assert_cmpfloat_with_epsilon (res->objective, 600, 1e-9);
}

/* Arcs come in any order; a repeated pair keeps its shorter distance; each
 * demand point's arcs come back nearest first.
 */
static void
test_instance_arcs (void)
{
  const double w[] = { 1, 2, 3 };
  g_autoptr (LinliPlanInstance) inst = linli_plan_instance_new (3, w, 4, NULL, NULL, NULL);
  const guint32 *cand;
  const float *dist;
  guint n;

  linli_plan_instance_add_arc (inst, 2, 3, 50);
  linli_plan_instance_add_arc (inst, 0, 1, 30);
  linli_plan_instance_add_arc (inst, 0, 2, 10);
  linli_plan_instance_add_arc (inst, 0, 1, 20);
  linli_plan_instance_add_arc (inst, 2, 0, 50);
  linli_plan_instance_add_arc (inst, 0, 3, 20);
  linli_plan_instance_finish (inst);

  g_assert_cmpuint (linli_plan_instance_get_n_arcs (inst), ==, 5);
  g_assert_cmpfloat (linli_plan_instance_get_total_weight (inst), ==, 6);
  g_assert_cmpfloat (linli_plan_instance_get_max_distance (inst), ==, 50);
  n = linli_plan_instance_get_arcs (inst, 0, &cand, &dist);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (cand[0], ==, 2);
  g_assert_cmpfloat (dist[0], ==, 10);
  g_assert_cmpuint (cand[1], ==, 1);
  g_assert_cmpfloat (dist[1], ==, 20);
  g_assert_cmpuint (cand[2], ==, 3);
  g_assert_cmpuint (linli_plan_instance_get_arcs (inst, 1, NULL, NULL), ==, 0);
  n = linli_plan_instance_get_arcs (inst, 2, &cand, &dist);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (cand[0], ==, 0);
  g_assert_cmpuint (cand[1], ==, 3);
  g_assert_cmpint (linli_plan_instance_get_state (inst, 2), ==, LINLI_PLAN_CANDIDATE);
  g_assert_cmpfloat (linli_plan_instance_get_cost (inst, 2), ==, -1);
}

/* Options that make no sense, and budgets the required sites overrun. */
static void
test_errors (void)
{
  const double w[] = { 1, 1 };
  const double cost[] = { 5, -1, 8 };
  const LinliPlanCandidateState state[] = {
    LINLI_PLAN_REQUIRED, LINLI_PLAN_CANDIDATE, LINLI_PLAN_CANDIDATE,
  };
  g_autoptr (LinliPlanInstance) inst = linli_plan_instance_new (2, w, 3, cost, state, NULL);
  static const struct
  {
    LinliPlanProblem problem;
    int              k;
    double           budget;
    double           target;
    gboolean         capacitated;
    int              code;
  } cases[] = {
    { LINLI_PLAN_MCLP, -1, -1, 0, FALSE, LINLI_PLAN_ERROR_INVALID },
    { LINLI_PLAN_PMEDIAN, -1, -1, 0, FALSE, LINLI_PLAN_ERROR_INVALID },
    { LINLI_PLAN_LSCP, -1, -1, 1.5, FALSE, LINLI_PLAN_ERROR_INVALID },
    { LINLI_PLAN_LSCP, -1, -1, -0.1, FALSE, LINLI_PLAN_ERROR_INVALID },
    { LINLI_PLAN_PMEDIAN, 1, -1, 0, TRUE, LINLI_PLAN_ERROR_INVALID },
    { LINLI_PLAN_MCLP, 1, 100, 0, FALSE, LINLI_PLAN_ERROR_INVALID },   /* candidate 1 has no cost */
    { LINLI_PLAN_MCLP, 1, -1, 0, FALSE, -1 },
  };

  linli_plan_instance_add_arc (inst, 0, 0, 10);
  linli_plan_instance_add_arc (inst, 1, 2, 10);
  linli_plan_instance_finish (inst);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      LinliPlanOptions opts;
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliPlanResult) res = NULL;

      linli_plan_options_init (&opts);
      opts.problem = cases[c].problem;
      opts.k = cases[c].k;
      opts.budget = cases[c].budget;
      opts.target_share = cases[c].target;
      opts.capacitated = cases[c].capacitated;
      res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
      if (cases[c].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (res);
        }
      else
        {
          g_assert_error (error, LINLI_PLAN_ERROR, cases[c].code);
          g_assert_null (res);
        }
    }

  /* With a cost on every candidate, a budget below the required site's
   * cost leaves no plan.
   */
  {
    LinliPlanCandidateState st[] = {
      LINLI_PLAN_REQUIRED, LINLI_PLAN_FORBIDDEN, LINLI_PLAN_CANDIDATE,
    };
    LinliPlanOptions opts;
    g_autoptr (GError) error = NULL;
    LinliPlanResult *res;

    linli_plan_options_init (&opts);
    opts.budget = 4;
    opts.states = st;
    res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
    g_assert_error (error, LINLI_PLAN_ERROR, LINLI_PLAN_ERROR_INFEASIBLE);
    g_assert_null (res);
  }
}

/* The states in the options override the instance's for one solve. */
static void
test_states_override (void)
{
  const double w[] = { 5, 7 };
  g_autoptr (LinliPlanInstance) inst = linli_plan_instance_new (2, w, 2, NULL, NULL, NULL);
  LinliPlanCandidateState st[] = { LINLI_PLAN_FORBIDDEN, LINLI_PLAN_CANDIDATE };
  LinliPlanOptions opts;
  g_autoptr (LinliPlanResult) a = NULL;
  g_autoptr (LinliPlanResult) b = NULL;

  linli_plan_instance_add_arc (inst, 0, 0, 1);
  linli_plan_instance_add_arc (inst, 1, 0, 1);
  linli_plan_instance_add_arc (inst, 1, 1, 1);
  linli_plan_instance_finish (inst);
  linli_plan_options_init (&opts);
  a = linli_plan_solve (inst, &opts, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (a->chosen[0], ==, 0);
  g_assert_cmpfloat (a->objective, ==, 12);
  opts.states = st;
  b = linli_plan_solve (inst, &opts, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (b->chosen[0], ==, 1);
  g_assert_cmpfloat (b->objective, ==, 7);
  g_assert_cmpuint (b->n_unreachable, ==, 1);
  g_assert_cmpint (linli_plan_instance_get_state (inst, 0), ==, LINLI_PLAN_CANDIDATE);
}

/* Nothing to plan: no demand, no candidates, no arcs, no weight. */
static void
test_degenerate (void)
{
  const double w[] = { 0, 0, 3 };
  const LinliPlanCandidateState existing[] = { LINLI_PLAN_EXISTING };
  g_autoptr (LinliPlanInstance) empty = linli_plan_instance_new (0, NULL, 0, NULL, NULL, NULL);
  g_autoptr (LinliPlanInstance) no_arcs = linli_plan_instance_new (3, w, 2, NULL, NULL, NULL);
  g_autoptr (LinliPlanInstance) all_existing =
    linli_plan_instance_new (3, w, 1, NULL, existing, NULL);
  LinliPlanInstance *instances[] = { empty, no_arcs, all_existing };

  linli_plan_instance_finish (empty);
  linli_plan_instance_finish (no_arcs);
  linli_plan_instance_add_arc (all_existing, 2, 0, 5);
  linli_plan_instance_finish (all_existing);

  for (guint i = 0; i < G_N_ELEMENTS (instances); i++)
    for (LinliPlanProblem p = 0; p < LINLI_PLAN_N_PROBLEMS; p++)
      for (guint cap = 0; cap < 2; cap++)
        {
          LinliPlanOptions opts;
          g_autoptr (LinliPlanResult) res = NULL;
          g_autoptr (GError) error = NULL;

          if (cap && p != LINLI_PLAN_MCLP)
            continue;
          linli_plan_options_init (&opts);
          opts.problem = p;
          opts.k = 3;
          opts.capacitated = cap;
          opts.target_share = 1.0;
          res = linli_plan_solve (instances[i], &opts, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (res->n_chosen, ==, 0);
          g_assert_true (res->proven_optimal);
          g_assert_cmpfloat (res->gap, ==, 0);
          if (i == 2)
            {
              g_assert_cmpfloat (res->covered_weight, ==, 3);
              g_assert_cmpfloat (res->covered_share, ==, 1);
            }
        }
}

/* A medium instance against exhaustive search over all sets of three. */
static double
medium_value (LinliPlanInstance *inst,
              LinliPlanProblem   problem,
              double             radius,
              const guint       *open,
              guint              n_open)
{
  guint n = linli_plan_instance_get_n_demand (inst);
  double penalty = linli_plan_instance_get_max_distance (inst);
  double v = 0;

  for (guint i = 0; i < n; i++)
    {
      const guint32 *cand;
      const float *dist;
      guint len = linli_plan_instance_get_arcs (inst, i, &cand, &dist);
      double d = penalty;

      for (guint e = 0; e < len; e++)
        {
          gboolean is_open = linli_plan_instance_get_state (inst, cand[e]) == LINLI_PLAN_EXISTING;

          for (guint k = 0; k < n_open && !is_open; k++)
            is_open = cand[e] == open[k];
          if (is_open)
            d = MIN (d, dist[e]);
        }
      if (problem == LINLI_PLAN_MCLP)
        v += d <= (float) radius ? linli_plan_instance_get_weight (inst, i) : 0;
      else
        v += linli_plan_instance_get_weight (inst, i) * d;
    }
  return problem == LINLI_PLAN_MCLP ? v : v / linli_plan_instance_get_total_weight (inst);
}

static void
test_medium_exhaustive (void)
{
  g_autoptr (LinliPlanInstance) inst = medium_instance (21, 300, 40, 4, 1000);
  guint m = linli_plan_instance_get_n_candidates (inst);

  for (LinliPlanProblem p = LINLI_PLAN_MCLP; p <= LINLI_PLAN_PMEDIAN; p += 2)
    {
      LinliPlanOptions opts;
      g_autoptr (LinliPlanResult) res = NULL;
      double best = p == LINLI_PLAN_MCLP ? -1 : HUGE_VAL;
      guint open[3];

      linli_plan_options_init (&opts);
      opts.problem = p;
      opts.k = 3;
      opts.radius = 450;
      opts.time_limit = 0;
      res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, NULL);
      g_assert_true (res->proven_optimal);

      for (open[0] = 4; open[0] < m; open[0]++)
        for (open[1] = open[0] + 1; open[1] < m; open[1]++)
          for (open[2] = open[1] + 1; open[2] < m; open[2]++)
            {
              double v = medium_value (inst, p, opts.radius, open, 3);

              best = p == LINLI_PLAN_MCLP ? MAX (best, v) : MIN (best, v);
            }
      g_test_message ("%s k=3: solver %.9g, exhaustive %.9g", linli_plan_problem_to_string (p),
                      res->objective, best);
      assert_close (res->objective, best);
      assert_close (medium_value (inst, p, opts.radius, res->chosen, res->n_chosen), best);
    }
}

/* ------------------------------------------------------------------------ */
/* From a project                                                            */
/* ------------------------------------------------------------------------ */

static void
add_site (LinliProject   *project,
          LinliSiteStatus status,
          double          lat,
          double          lon,
          double          cost,
          guint           capacity)
{
  g_autofree char *id = linli_project_new_site_id (project);
  LinliSiteState st = { 0 };
  g_autoptr (LinliSite) site = NULL;

  st.id = id;
  st.tier = LINLI_SITE_TIER_STATION;
  st.status = status;
  st.lat = lat;
  st.lon = lon;
  st.cost = cost;
  st.capacity = capacity;
  site = linli_site_new (&st);
  linli_project_add_site (project, site);
}

static void
add_building (LinliProject *project,
              double        lat,
              double        lon,
              guint         households)
{
  g_autofree char *id = g_strdup_printf ("b%u", linli_project_get_n_buildings (project));
  LinliBuilding b = { 0 };

  b.id = id;
  b.lat = lat;
  b.lon = lon;
  b.households = households;
  linli_project_add_building (project, &b, NULL, 0);
}

static void
test_from_project (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  g_autoptr (LinliPlanInstance) inst = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  const LinliProjection *proj;
  double max_distance = 600;
  guint n_b = 60, n_s = 9;
  gsize n_arcs = 0;

  linli_project_add_community (project, "c1", "一社区");
  linli_project_add_compound (project, "k1", "一小区", 0);
  for (guint i = 0; i < n_b; i++)
    add_building (project, 30.28 + g_rand_double_range (rand, 0, 0.015),
                  120.15 + g_rand_double_range (rand, 0, 0.015), g_rand_int_range (rand, 1, 200));
  for (guint s = 0; s < n_s; s++)
    add_site (project, s % 3 == 0 ? LINLI_SITE_STATUS_EXISTING
                       : s % 3 == 1 ? LINLI_SITE_STATUS_CANDIDATE : LINLI_SITE_STATUS_PLANNED,
              30.28 + g_rand_double_range (rand, 0, 0.015),
              120.15 + g_rand_double_range (rand, 0, 0.015),
              s % 3 == 1 ? 1000.0 * s : -1, s * 10);
  proj = linli_project_get_projection (project);

  inst = linli_plan_instance_new_from_project (project, NULL, max_distance);
  g_assert_cmpuint (linli_plan_instance_get_n_demand (inst), ==, n_b);
  g_assert_cmpuint (linli_plan_instance_get_n_candidates (inst), ==, n_s);
  g_assert_cmpfloat (linli_plan_instance_get_max_distance (inst), ==, max_distance);
  for (guint s = 0; s < n_s; s++)
    {
      LinliSite *site = linli_project_get_site (project, s);

      g_assert_cmpint (linli_plan_instance_get_state (inst, s), ==,
                       s % 3 == 1 ? LINLI_PLAN_CANDIDATE : LINLI_PLAN_EXISTING);
      g_assert_cmpfloat (linli_plan_instance_get_cost (inst, s), ==, linli_site_get_cost (site));
      g_assert_cmpfloat (linli_plan_instance_get_capacity (inst, s), ==,
                         linli_site_get_capacity (site));
    }

  /* Every pair within reach, by brute force, is an arc with the same
   * distance, and nothing else is.
   */
  for (guint i = 0; i < n_b; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      const guint32 *cand;
      const float *dist;
      guint n = linli_plan_instance_get_arcs (inst, i, &cand, &dist);
      guint expected = 0;

      g_assert_cmpfloat (linli_plan_instance_get_weight (inst, i), ==, b->households);
      for (guint s = 0; s < n_s; s++)
        {
          LinliSite *site = linli_project_get_site (project, s);
          double d = linli_projection_distance (proj, b->lat, b->lon, linli_site_get_lat (site),
                                                linli_site_get_lon (site));
          gboolean found = FALSE;

          for (guint e = 0; e < n; e++)
            if (cand[e] == s)
              {
                found = TRUE;
                g_assert_cmpfloat_with_epsilon (dist[e], d, 1e-3);
              }
          g_assert_cmpint (found, ==, d <= max_distance);
          expected += d <= max_distance;
        }
      g_assert_cmpuint (n, ==, expected);
      for (guint e = 1; e < n; e++)
        g_assert_cmpfloat (dist[e - 1], <=, dist[e]);
      n_arcs += n;
    }
  g_assert_cmpuint (linli_plan_instance_get_n_arcs (inst), ==, n_arcs);
  g_assert_cmpuint (n_arcs, >, 0);

  /* And it solves: the chosen sites are the project's candidates. */
  {
    LinliPlanOptions opts;
    g_autoptr (LinliPlanResult) res = NULL;
    g_autoptr (GError) error = NULL;

    linli_plan_options_init (&opts);
    opts.k = 2;
    opts.radius = 400;
    res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (res->proven_optimal);
    for (guint k = 0; k < res->n_chosen; k++)
      g_assert_cmpint (linli_site_get_status (linli_project_get_site (project, res->chosen[k])), ==,
                       LINLI_SITE_STATUS_CANDIDATE);
  }
}

/* ------------------------------------------------------------------------ */
/* Integrality                                                               */
/* ------------------------------------------------------------------------ */

/* Three demand points in a triangle, three candidates each reaching two of
 * them, all costing @cost: covering all needs two sites, while the linear
 * relaxation (half of each) needs one and a half, and no Lagrangian bound
 * beats it.  Only rounding the bound up to a whole multiple of the cost
 * proves two sites optimal without branching.
 */
static LinliPlanInstance *
triangle_instance (const double *costs)
{
  const double w[] = { 1, 1, 1 };
  const double cap[] = { 0, 0, 0 };
  const LinliPlanCandidateState st[] = { LINLI_PLAN_CANDIDATE, LINLI_PLAN_CANDIDATE,
                                         LINLI_PLAN_CANDIDATE };
  LinliPlanInstance *inst = linli_plan_instance_new (3, w, 3, costs, st, cap);

  for (guint j = 0; j < 3; j++)
    {
      linli_plan_instance_add_arc (inst, j, j, 10);
      linli_plan_instance_add_arc (inst, (j + 1) % 3, j, 10);
    }
  linli_plan_instance_finish (inst);
  return inst;
}

static void
test_integrality_crafted (void)
{
  const double on_grid[] = { 1.5, 1.5, 1.5 };
  /* Off every decimal step of six digits or fewer. */
  const double off_grid[] = { 1.5, 1.5, 1.5 + 1e-8 };
  LinliPlanOptions opts;

  linli_plan_options_init (&opts);
  opts.problem = LINLI_PLAN_LSCP;
  opts.target_share = 1.0;
  opts.radius = 20;
  opts.node_limit = 1;
  opts.time_limit = 0;
  opts.gap_tolerance = 0;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr (LinliPlanInstance) inst = triangle_instance (pass == 0 ? on_grid : off_grid);
      g_autoptr (LinliPlanResult) res = NULL;
      g_autoptr (GError) error = NULL;
      double optimum = pass == 0 ? 3.0 : 3.0 + 1e-8;

      res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (res->n_chosen, ==, 2);
      g_assert_cmpfloat (res->objective, >=, 3.0 - 1e-12);
      g_assert_cmpfloat (res->objective, <=, optimum + 1e-12);
      /* No bound may pass the optimum; the relaxation alone reaches 2.25. */
      g_assert_cmpfloat (res->bound, <=, res->objective);
      if (pass == 0)
        {
          g_assert_true (res->proven_optimal);
          g_assert_cmpfloat (res->bound, ==, res->objective);
        }
      else
        {
          g_assert_false (res->proven_optimal);
          g_assert_cmpfloat (res->bound, <=, 2.25 + 1e-6);
        }
    }
}

/* Weights and costs on decimal steps (halves, quarters) and whole-metre
 * distances: every early-stopped solve keeps its bound on the safe side of
 * the brute-force optimum, and a bound that proves a plan is on its step.
 * A twin whose weights or costs are scaled by the square root of two has
 * the same optimal plans but no step: the rounding must prove at least
 * some plans the twin does not, with the same node limit.
 */
static void
test_integrality_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (1729);
  guint cases = linli_test_cases (g_test_slow () ? 6000 : 2000);
  guint only_by_rounding = 0, proven = 0;

  for (guint c = 0; c < cases; c++)
    {
      Tiny t, twin;
      TinyOptions o;
      LinliPlanOptions opts;
      g_autoptr (LinliPlanInstance) inst = NULL;
      g_autoptr (LinliPlanInstance) twin_inst = NULL;
      g_autoptr (LinliPlanResult) res = NULL;
      g_autoptr (LinliPlanResult) twin_res = NULL;
      g_autoptr (GError) error = NULL;
      double step = c % 3 == 0 ? 1 : c % 3 == 1 ? 0.5 : 0.25;
      gboolean pmedian = c % 2 == 0;
      double scale;
      Brute b;

      tiny_random (rand, &t, g_rand_int_range (rand, 4, 31), g_rand_int_range (rand, 2, 11), FALSE,
                   c % 4 == 1);
      for (guint i = 0; i < t.n; i++)
        t.w[i] = step * g_rand_int_range (rand, 1, 80);
      for (guint j = 0; j < t.m; j++)
        t.cost[j] = step * g_rand_int_range (rand, 1, 40);
      memset (&o, 0, sizeof o);
      o.radius = g_rand_int_range (rand, 150, (int) t.max_distance + 1);
      o.budget = -1;
      o.k = -1;
      if (pmedian)
        {
          o.problem = LINLI_PLAN_PMEDIAN;
          o.k = g_rand_int_range (rand, 1, 5);
        }
      else
        {
          o.problem = LINLI_PLAN_LSCP;
          o.use_costs = TRUE;
          o.target = g_rand_double_range (rand, 0.3, 1.0);
        }
      b = brute_force (&t, &o);
      if (!b.feasible)
        continue;

      inst = tiny_instance (&t);
      options_from_tiny (&opts, &o);
      opts.seed = c;
      opts.gap_tolerance = 0;
      opts.node_limit = 1 + c % 3;
      res = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      assert_bound_valid (&o, res, &b);
      assert_result_consistent (&t, &o, res);
      if (res->proven_optimal)
        {
          /* p-median's objective is a mean: the total is on the step. */
          scale = pmedian ? res->total_weight : 1;
          proven++;
          assert_close (res->objective, b.optimum);
          g_assert_cmpfloat_with_epsilon (res->bound * scale / step, round (res->bound * scale / step),
                                          1e-6);
        }

      twin = t;
      for (guint i = 0; i < t.n && pmedian; i++)
        twin.w[i] = t.w[i] * G_SQRT2;
      for (guint j = 0; j < t.m && !pmedian; j++)
        twin.cost[j] = t.cost[j] * G_SQRT2;
      twin_inst = tiny_instance (&twin);
      twin_res = linli_plan_solve (twin_inst, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      if (res->proven_optimal && !twin_res->proven_optimal)
        only_by_rounding++;
    }
  g_test_message ("%u of %u early-stopped solves proven, %u of them only by rounding the bound",
                  proven, cases, only_by_rounding);
  g_assert_cmpuint (only_by_rounding, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/instance/arcs", test_instance_arcs);
  g_test_add_func ("/plan/instance/from-project", test_from_project);
  g_test_add_func ("/plan/errors", test_errors);
  g_test_add_func ("/plan/states-override", test_states_override);
  g_test_add_func ("/plan/known-answers", test_known_answers);
  g_test_add_func ("/plan/mclp/tie-break", test_mclp_tie_break);
  g_test_add_func ("/plan/pmedian/penalty", test_pmedian_penalty);
  g_test_add_func ("/plan/lscp/unreachable", test_lscp_unreachable);
  g_test_add_func ("/plan/brute-force", test_brute_force);
  g_test_add_func ("/plan/bounds-valid", test_bounds_valid);
  g_test_add_func ("/plan/medium-proven", test_medium_proven);
  g_test_add_func ("/plan/node-limit-bounds", test_node_limit_bounds);
  g_test_add_func ("/plan/split/given-up", test_split_given_up);
  g_test_add_func ("/plan/deterministic", test_deterministic);
  g_test_add_func ("/plan/cancel/progress", test_cancel);
  g_test_add_func ("/plan/cancel/late", test_cancel_late);
  g_test_add_func ("/plan/cancel/thread", test_cancel_thread);
  g_test_add_func ("/plan/degenerate", test_degenerate);
  g_test_add_func ("/plan/medium-exhaustive", test_medium_exhaustive);
  g_test_add_func ("/plan/progress-time-limit", test_progress_and_time_limit);
  g_test_add_func ("/plan/integrality/crafted", test_integrality_crafted);
  g_test_add_func ("/plan/integrality/random", test_integrality_random);

  return g_test_run ();
}
