/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The planning solver against GLPK's branch and cut on medium instances:
 * a few hundred demand points and 30–60 candidates.  GLPK is only a
 * reference here; Linli ships its own solver. */
#include <glpk.h>
#include <math.h>

#include <glib/gstdio.h>

#include "linli-plan-io.h"

typedef struct
{
  guint   n;
  guint   m;
  double *weights;
  double *costs;
  GArray *arc_demand;
  GArray *arc_cand;
  GArray *arc_dist;
} Instance;

/* Demand points and candidates scattered over a few km, as in a district. */
static Instance *
random_instance (GRand *rng,
                 guint  n,
                 guint  m,
                 double max_distance)
{
  Instance *in = g_new0 (Instance, 1);
  g_autofree double *dx = g_new (double, n), *dy = g_new (double, n);
  g_autofree double *cx = g_new (double, m), *cy = g_new (double, m);

  in->n = n;
  in->m = m;
  in->weights = g_new (double, n);
  in->costs = g_new (double, m);
  in->arc_demand = g_array_new (FALSE, FALSE, sizeof (guint));
  in->arc_cand = g_array_new (FALSE, FALSE, sizeof (guint));
  in->arc_dist = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n; i++)
    {
      dx[i] = g_rand_double_range (rng, 0, 4000);
      dy[i] = g_rand_double_range (rng, 0, 4000);
      in->weights[i] = g_rand_int_range (rng, 2, 120);
    }
  for (guint j = 0; j < m; j++)
    {
      cx[j] = g_rand_double_range (rng, 0, 4000);
      cy[j] = g_rand_double_range (rng, 0, 4000);
      in->costs[j] = 10000 * g_rand_int_range (rng, 20, 300);
    }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < m; j++)
      {
        /* Whole metres, so float and double distances agree exactly. */
        double d = round (hypot (dx[i] - cx[j], dy[i] - cy[j]));

        if (d <= max_distance)
          {
            g_array_append_val (in->arc_demand, i);
            g_array_append_val (in->arc_cand, j);
            g_array_append_val (in->arc_dist, d);
          }
      }
  return in;
}

static void
instance_free (Instance *in)
{
  g_free (in->weights);
  g_free (in->costs);
  g_array_unref (in->arc_demand);
  g_array_unref (in->arc_cand);
  g_array_unref (in->arc_dist);
  g_free (in);
}

static LinliPlanInstance *
to_linli (Instance                      *in,
          const LinliPlanCandidateState *states)
{
  LinliPlanInstance *li = linli_plan_instance_new (in->n, in->weights, in->m, in->costs, states, NULL);

  for (guint a = 0; a < in->arc_demand->len; a++)
    linli_plan_instance_add_arc (li, g_array_index (in->arc_demand, guint, a),
                                 g_array_index (in->arc_cand, guint, a), g_array_index (in->arc_dist, double, a));
  linli_plan_instance_finish (li);
  return li;
}

/* MCLP (k new sites) or p-median as a GLPK MIP; returns the optimum. */
static double
glpk_optimum (Instance                      *in,
              const LinliPlanCandidateState *states,
              LinliPlanProblem               problem,
              int                            k,
              double                         radius,
              double                         penalty)
{
  glp_prob *lp = glp_create_prob ();
  glp_iocp parm;
  int x0, y0, row = 0;
  g_autoptr (GArray) ia = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) ja = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) ar = g_array_new (FALSE, FALSE, sizeof (double));
  double result;

#define ADD(r, c, v) G_STMT_START { int r_ = (r), c_ = (c); double v_ = (v); \
    g_array_append_val (ia, r_); g_array_append_val (ja, c_); g_array_append_val (ar, v_); } G_STMT_END

  glp_term_out (GLP_OFF);
  g_array_append_vals (ia, (int[]) { 0 }, 1);
  g_array_append_vals (ja, (int[]) { 0 }, 1);
  g_array_append_vals (ar, (double[]) { 0 }, 1);
  glp_set_obj_dir (lp, problem == LINLI_PLAN_MCLP ? GLP_MAX : GLP_MIN);

  /* x_j: open or not. */
  x0 = glp_add_cols (lp, in->m);
  for (guint j = 0; j < in->m; j++)
    {
      glp_set_col_kind (lp, x0 + j, GLP_BV);
      if (states[j] == LINLI_PLAN_EXISTING || states[j] == LINLI_PLAN_REQUIRED)
        glp_set_col_bnds (lp, x0 + j, GLP_FX, 1, 1);
      else if (states[j] == LINLI_PLAN_FORBIDDEN)
        glp_set_col_bnds (lp, x0 + j, GLP_FX, 0, 0);
    }

  if (problem == LINLI_PLAN_MCLP)
    {
      /* y_i <= sum of x_j within the radius; maximise weighted y. */
      y0 = glp_add_cols (lp, in->n);
      for (guint i = 0; i < in->n; i++)
        {
          glp_set_col_bnds (lp, y0 + i, GLP_DB, 0, 1);
          glp_set_obj_coef (lp, y0 + i, in->weights[i]);
        }
      glp_add_rows (lp, in->n);
      for (guint i = 0; i < in->n; i++)
        {
          glp_set_row_bnds (lp, i + 1, GLP_UP, 0, 0);
          ADD (i + 1, y0 + i, 1);
        }
      for (guint a = 0; a < in->arc_demand->len; a++)
        if (g_array_index (in->arc_dist, double, a) <= radius)
          ADD (g_array_index (in->arc_demand, guint, a) + 1, x0 + g_array_index (in->arc_cand, guint, a), -1);
      row = in->n;
    }
  else
    {
      /* z_a for each arc, u_i unreached at the penalty: sum z + u = 1,
       * z_a <= x_j; minimise weighted distance. */
      int z0 = glp_add_cols (lp, in->arc_demand->len);
      int u0 = glp_add_cols (lp, in->n);
      int r0 = glp_add_rows (lp, in->n + in->arc_demand->len);

      for (guint i = 0; i < in->n; i++)
        {
          glp_set_col_bnds (lp, u0 + i, GLP_DB, 0, 1);
          glp_set_obj_coef (lp, u0 + i, in->weights[i] * penalty);
          glp_set_row_bnds (lp, r0 + i, GLP_FX, 1, 1);
          ADD (r0 + i, u0 + i, 1);
        }
      for (guint a = 0; a < in->arc_demand->len; a++)
        {
          guint i = g_array_index (in->arc_demand, guint, a), j = g_array_index (in->arc_cand, guint, a);
          int r = r0 + in->n + a;

          glp_set_col_bnds (lp, z0 + a, GLP_DB, 0, 1);
          glp_set_obj_coef (lp, z0 + a, in->weights[i] * MIN (g_array_index (in->arc_dist, double, a), penalty));
          ADD (r0 + i, z0 + a, 1);
          glp_set_row_bnds (lp, r, GLP_UP, 0, 0);
          ADD (r, z0 + a, 1);
          ADD (r, x0 + j, -1);
        }
      row = r0 + in->n + in->arc_demand->len - 1;
    }

  /* At most k new sites. */
  row = glp_add_rows (lp, 1);
  glp_set_row_bnds (lp, row, GLP_UP, 0, k);
  for (guint j = 0; j < in->m; j++)
    if (states[j] == LINLI_PLAN_CANDIDATE)
      ADD (row, x0 + j, 1);

  glp_load_matrix (lp, ia->len - 1, (int *) ia->data, (int *) ja->data, (double *) ar->data);
  glp_init_iocp (&parm);
  parm.presolve = GLP_ON;
  parm.mip_gap = 1e-9;
  g_assert_cmpint (glp_intopt (lp, &parm), ==, 0);
  g_assert_cmpint (glp_mip_status (lp), ==, GLP_OPT);
  result = glp_mip_obj_val (lp);
  glp_delete_prob (lp);
#undef ADD
  return result;
}

static void
check (LinliPlanProblem problem)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (problem == LINLI_PLAN_MCLP ? 41 : 43);

  for (guint round = 0; round < 6; round++)
    {
      guint n = g_rand_int_range (rng, 200, 401), m = g_rand_int_range (rng, 30, 61);
      double radius = 750, penalty = 2250;
      Instance *in = random_instance (rng, n, m, penalty);
      g_autofree LinliPlanCandidateState *states = g_new (LinliPlanCandidateState, m);
      g_autoptr (LinliPlanInstance) li = NULL;
      g_autoptr (LinliPlanResult) result = NULL;
      g_autoptr (GError) error = NULL;
      LinliPlanOptions opts;
      int k = g_rand_int_range (rng, 2, 7);
      double reference;

      for (guint j = 0; j < m; j++)
        {
          guint r = g_rand_int_range (rng, 0, 20);

          states[j] = r < 3 ? LINLI_PLAN_EXISTING : r < 4 ? LINLI_PLAN_FORBIDDEN
                      : r < 5 && round % 2 ? LINLI_PLAN_REQUIRED : LINLI_PLAN_CANDIDATE;
        }
      li = to_linli (in, states);
      linli_plan_options_init (&opts);
      opts.problem = problem;
      opts.k = k;
      opts.radius = radius;
      opts.penalty_distance = penalty;
      opts.time_limit = 60;
      result = linli_plan_solve (li, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (result);

      reference = glpk_optimum (in, states, problem, k, radius, penalty);
      if (problem == LINLI_PLAN_PMEDIAN)
        reference /= linli_plan_instance_get_total_weight (li);   /* Linli reports the mean */
      g_test_message ("%s n=%u m=%u k=%d: linli %.6f bound %.6f proven %d, glpk %.6f",
                      linli_plan_problem_to_string (problem), n, m, k, result->objective, result->bound,
                      result->proven_optimal, reference);
      /* The bound always holds against the true optimum ... */
      if (problem == LINLI_PLAN_MCLP)
        {
          g_assert_cmpfloat (result->bound, >=, reference - 1e-6 * MAX (1, reference));
          g_assert_cmpfloat (result->objective, <=, reference + 1e-6 * MAX (1, reference));
        }
      else
        {
          g_assert_cmpfloat (result->bound, <=, reference + 1e-6 * MAX (1, reference));
          g_assert_cmpfloat (result->objective, >=, reference - 1e-6 * MAX (1, reference));
        }
      /* ... and a plan called optimal is optimal. */
      if (result->proven_optimal)
        g_assert_cmpfloat (fabs (result->objective - reference), <=, 1e-6 * MAX (1, fabs (reference)));
      instance_free (in);
    }
}

static void
test_mclp (void)
{
  check (LINLI_PLAN_MCLP);
}

static void
test_pmedian (void)
{
  check (LINLI_PLAN_PMEDIAN);
}

/* GLPK's optimum of the instance Linli writes as CPLEX LP. */
static double
glpk_on_export (LinliPlanInstance      *li,
                const LinliPlanOptions *opts)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "linli-test-export.lp", NULL);
  g_autoptr (GError) error = NULL;
  glp_prob *lp = glp_create_prob ();
  glp_iocp parm;
  double v;

  g_assert_true (linli_plan_write_lp (li, opts, path, &error));
  g_assert_no_error (error);
  glp_term_out (GLP_OFF);
  g_assert_cmpint (glp_read_lp (lp, NULL, path), ==, 0);
  glp_init_iocp (&parm);
  parm.presolve = GLP_ON;
  parm.mip_gap = 1e-9;
  g_assert_cmpint (glp_intopt (lp, &parm), ==, 0);
  g_assert_cmpint (glp_mip_status (lp), ==, GLP_OPT);
  v = glp_mip_obj_val (lp);
  glp_delete_prob (lp);
  g_unlink (path);
  return v;
}

/* The instance Linli exports as CPLEX LP, read and solved by GLPK, has the
 * optimum Linli proves: the file says the same problem. */
static void
test_export_lp (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (47);

  for (LinliPlanProblem problem = 0; problem < LINLI_PLAN_N_PROBLEMS; problem++)
    {
      Instance *in = random_instance (rng, 150, 30, 2250);
      g_autofree LinliPlanCandidateState *states = g_new (LinliPlanCandidateState, 30);
      g_autoptr (LinliPlanInstance) li = NULL;
      g_autoptr (LinliPlanResult) result = NULL;
      g_autoptr (GError) error = NULL;
      LinliPlanOptions opts;
      double glpk;

      for (guint j = 0; j < 30; j++)
        states[j] = j < 3 ? LINLI_PLAN_EXISTING : j == 3 ? LINLI_PLAN_FORBIDDEN
                    : j == 4 ? LINLI_PLAN_REQUIRED : LINLI_PLAN_CANDIDATE;
      li = to_linli (in, states);
      linli_plan_options_init (&opts);
      opts.problem = problem;
      opts.k = 3;
      opts.target_share = 0.6;
      opts.radius = 750;
      opts.penalty_distance = 2250;
      result = linli_plan_solve (li, &opts, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (result->proven_optimal);
      glpk = glpk_on_export (li, &opts);
      if (problem == LINLI_PLAN_PMEDIAN)
        glpk /= linli_plan_instance_get_total_weight (li);
      g_test_message ("%s: linli %.6f, glpk on the exported file %.6f",
                      linli_plan_problem_to_string (problem), result->objective, glpk);
      g_assert_cmpfloat (fabs (result->objective - glpk), <=, 1e-6 * MAX (1, fabs (glpk)));
      instance_free (in);
    }
}

/* Demand and candidates in @n_clusters quarters 10 km apart: with a
 * radius of 750 m no site reaches into another quarter, so the instance
 * falls into independent parts.  @big_cluster puts 500 demand points and
 * 120 candidates in the first quarter: usually more than a part solved on
 * its own may hold.
 */
static Instance *
clustered_instance (GRand   *rng,
                    guint    n_clusters,
                    gboolean big_cluster)
{
  Instance *in = g_new0 (Instance, 1);
  g_autoptr (GArray) dx = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) dy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cx = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) w = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cost = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint q = 0; q < n_clusters; q++)
    {
      double ox = 10000.0 * q, oy = 5000.0 * (q % 2);
      gboolean big = big_cluster && q == 0;
      guint n = big ? 1500 : (guint) g_rand_int_range (rng, 20, 60);
      guint m = big ? 150 : (guint) g_rand_int_range (rng, 3, 12);
      double side = big ? 3000 : 1800;

      for (guint i = 0; i < n; i++)
        {
          double x = ox + g_rand_double_range (rng, 0, side), y = oy + g_rand_double_range (rng, 0, side);
          double v = g_rand_int_range (rng, 2, 120);

          g_array_append_val (dx, x);
          g_array_append_val (dy, y);
          g_array_append_val (w, v);
        }
      for (guint j = 0; j < m; j++)
        {
          double x = ox + g_rand_double_range (rng, 0, side), y = oy + g_rand_double_range (rng, 0, side);
          double c = 10000 * g_rand_int_range (rng, 20, 300);

          g_array_append_val (cx, x);
          g_array_append_val (cy, y);
          g_array_append_val (cost, c);
        }
    }
  in->n = w->len;
  in->m = cost->len;
  in->weights = g_memdup2 (w->data, sizeof (double) * in->n);
  in->costs = g_memdup2 (cost->data, sizeof (double) * in->m);
  in->arc_demand = g_array_new (FALSE, FALSE, sizeof (guint));
  in->arc_cand = g_array_new (FALSE, FALSE, sizeof (guint));
  in->arc_dist = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < in->n; i++)
    for (guint j = 0; j < in->m; j++)
      {
        double d = round (hypot (g_array_index (dx, double, i) - g_array_index (cx, double, j),
                                 g_array_index (dy, double, i) - g_array_index (cy, double, j)));

        if (d <= 2250)
          {
            g_array_append_val (in->arc_demand, i);
            g_array_append_val (in->arc_cand, j);
            g_array_append_val (in->arc_dist, d);
          }
      }
  return in;
}

/* Instances in separate quarters, maximal covering with k sites and set
 * covering by number: solved part by part, and by the search over all
 * columns together, both reach GLPK's optimum, proven; the split says how
 * many parts it solved (none when a quarter has more candidates than a
 * part may hold, and the search then solves it whole).
 */
static void
test_split (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (53);
  guint whole = 0;

  for (guint round = 0; round < 12; round++)
    {
      guint n_clusters = g_rand_int_range (rng, 2, 7);
      gboolean big = round % 3 == 2;
      Instance *in = clustered_instance (rng, n_clusters, big);
      g_autofree LinliPlanCandidateState *states = g_new (LinliPlanCandidateState, in->m);
      g_autoptr (LinliPlanInstance) li = NULL;
      LinliPlanOptions opts;
      double reference;

      for (guint j = 0; j < in->m; j++)
        {
          guint r = g_rand_int_range (rng, 0, 20);

          /* No existing site in the big quarter: it would cover most of it. */
          states[j] = r < 2 && !big ? LINLI_PLAN_EXISTING : r < 3 ? LINLI_PLAN_FORBIDDEN
                      : r < 4 ? LINLI_PLAN_REQUIRED : LINLI_PLAN_CANDIDATE;
        }
      li = to_linli (in, states);
      linli_plan_options_init (&opts);
      opts.problem = round % 2 ? LINLI_PLAN_LSCP : LINLI_PLAN_MCLP;
      opts.k = g_rand_int_range (rng, 1, 3 * n_clusters);
      {
        /* A target the allowed sites can reach, or GLPK finds no plan. */
        g_autofree guint8 *reached = g_new0 (guint8, in->n);
        double total = 0, reachable = 0;

        for (guint a = 0; a < in->arc_demand->len; a++)
          if (g_array_index (in->arc_dist, double, a) <= 750 &&
              states[g_array_index (in->arc_cand, guint, a)] != LINLI_PLAN_FORBIDDEN)
            reached[g_array_index (in->arc_demand, guint, a)] = 1;
        for (guint i = 0; i < in->n; i++)
          {
            total += in->weights[i];
            reachable += reached[i] ? in->weights[i] : 0;
          }
        opts.target_share = g_rand_double_range (rng, 0.5, 0.97) * reachable / total;
      }
      opts.use_costs = FALSE;
      opts.radius = 750;
      opts.penalty_distance = 2250;
      opts.time_limit = 60;
      reference = glpk_on_export (li, &opts);

      for (guint split = 0; split < 2; split++)
        {
          g_autoptr (LinliPlanResult) result = NULL;
          g_autoptr (GError) error = NULL;

          opts.split = split;
          result = linli_plan_solve (li, &opts, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          g_test_message ("%s, %u quarters%s, split %u: linli %.6f in %u parts, %" G_GUINT64_FORMAT
                          " nodes; glpk %.6f",
                          linli_plan_problem_to_string (opts.problem), n_clusters,
                          big ? " (one of 150 candidates)" : "", split, result->objective,
                          result->n_parts, result->nodes, reference);
          g_assert_true (result->proven_optimal);
          g_assert_cmpfloat (fabs (result->objective - reference), <=, 1e-6 * MAX (1, fabs (reference)));
          if (!split)
            g_assert_cmpuint (result->n_parts, ==, 0);
          else if (big)
            whole += result->n_parts == 0;
          else
            {
              g_assert_cmpuint (result->n_parts, >=, 2);
              g_assert_cmpuint (result->n_parts, <=, in->m);
            }
        }
      instance_free (in);
    }
  /* The search over all columns, with parts tried at its nodes, ran too. */
  g_assert_cmpuint (whole, >=, 1);
}

/* An LP of several megabytes is written in chunks: GLPK reads the whole
 * file, every row in it, and finds Linli's optimum. */
static void
test_export_lp_chunks (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (48);
  Instance *in = random_instance (rng, 8000, 40, 3000);
  g_autofree LinliPlanCandidateState *states = g_new (LinliPlanCandidateState, 40);
  g_autoptr (LinliPlanInstance) li = NULL;
  g_autoptr (LinliPlanResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "linli-test-export-chunks.lp", NULL);
  LinliPlanOptions opts;
  glp_prob *lp = glp_create_prob ();
  glp_iocp parm;
  GStatBuf st;

  for (guint j = 0; j < 40; j++)
    states[j] = j == 0 ? LINLI_PLAN_EXISTING : LINLI_PLAN_CANDIDATE;
  li = to_linli (in, states);
  linli_plan_options_init (&opts);
  opts.problem = LINLI_PLAN_MCLP;
  opts.k = 2;
  opts.radius = 2600;
  result = linli_plan_solve (li, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->proven_optimal);
  g_assert_true (linli_plan_write_lp (li, &opts, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 3 << 19);

  glp_term_out (GLP_OFF);
  g_assert_cmpint (glp_read_lp (lp, NULL, path), ==, 0);
  /* A cover row per demand point and the row of the number of sites. */
  g_assert_cmpint (glp_get_num_rows (lp), ==, 8000 + 1);
  glp_init_iocp (&parm);
  parm.presolve = GLP_ON;
  parm.mip_gap = 1e-9;
  g_assert_cmpint (glp_intopt (lp, &parm), ==, 0);
  g_assert_cmpint (glp_mip_status (lp), ==, GLP_OPT);
  g_test_message ("%.1f MiB of LP; linli %.0f, glpk %.0f", st.st_size / 1048576.0, result->objective,
                  glp_mip_obj_val (lp));
  g_assert_cmpfloat (fabs (result->objective - glp_mip_obj_val (lp)), <=, 0.5);
  glp_delete_prob (lp);
  g_unlink (path);
  instance_free (in);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan-glpk/mclp", test_mclp);
  g_test_add_func ("/plan-glpk/pmedian", test_pmedian);
  g_test_add_func ("/plan-glpk/export-lp", test_export_lp);
  g_test_add_func ("/plan-glpk/export-lp-chunks", test_export_lp_chunks);
  g_test_add_func ("/plan-glpk/split", test_split);
  return g_test_run ();
}
