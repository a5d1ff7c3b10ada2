/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-partner-assign"

#include "config.h"

#include "linli-assign-glpk.h"
#include "linli-assign-test-utils.h"

#include <glpk.h>
#include <math.h>

/* Holds the objective just solved for (to a hair, for GLPK's
 * tolerances) as a row, and sets the next one. */
static void
hold_objective (glp_prob *lp,
                int       n_cols,
                double    value,
                gboolean  maximised)
{
  g_autofree int *ind = g_new (int, n_cols + 1);
  g_autofree double *val = g_new (double, n_cols + 1);
  int row = glp_add_rows (lp, 1), n = 0;
  double slack = 1e-9 * (1 + fabs (value));

  for (int c = 1; c <= n_cols; c++)
    if (glp_get_obj_coef (lp, c) != 0)
      {
        n++;
        ind[n] = c;
        val[n] = glp_get_obj_coef (lp, c);
      }
  glp_set_mat_row (lp, row, n, ind, val);
  if (maximised)
    glp_set_row_bnds (lp, row, GLP_LO, value - slack, 0);
  else
    glp_set_row_bnds (lp, row, GLP_UP, 0, value + slack);
  for (int c = 1; c <= n_cols; c++)
    glp_set_obj_coef (lp, c, 0);
}

/* The linear program's optimum, or with @integer the mixed-integer one
 * (branch and bound from the simplex's solution). */
static double
solve (glp_prob *lp,
       int       direction,
       gboolean  integer)
{
  glp_smcp parm;
  glp_iocp iparm;

  glp_init_smcp (&parm);
  parm.presolve = GLP_ON;
  glp_set_obj_dir (lp, direction);
  g_assert_cmpint (glp_simplex (lp, &parm), ==, 0);
  g_assert_cmpint (glp_get_status (lp), ==, GLP_OPT);
  if (!integer)
    return glp_get_obj_val (lp);
  glp_init_iocp (&iparm);
  iparm.mip_gap = 0;
  g_assert_cmpint (glp_intopt (lp, &iparm), ==, 0);
  g_assert_cmpint (glp_mip_status (lp), ==, GLP_OPT);
  return glp_mip_obj_val (lp);
}

/* One column per pair of an offer and a need of its category that may
 * carry flow: bounded below by what fixed pairs force and, where the pair
 * is not allowed, above by it too.  Rows: each offer's capacity, each
 * need's quantity.  With groups, one more column per group, at most its
 * minimum (or what it needs) and at most what flows into it, maximised
 * first.  Each goal is held as a row while the next is solved for. */
static void
assign_glpk (const LinliAssignProblem *p,
             gboolean                  integer,
             double                   *groups,
             double                   *weighted,
             double                   *distance)
{
  gboolean groups_on = p->groups != NULL && p->group_minimum > 0 && p->n_groups > 0;
  g_autoptr (GArray) priority = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *lb = test_assign_lower_bounds (p);
  g_autoptr (GArray) ia = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) ja = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) ar = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) dist = g_array_new (FALSE, FALSE, sizeof (double));
  glp_prob *lp = glp_create_prob ();
  int zero = 0, n_cols = 0;
  double zero_d = 0, first;

  glp_term_out (GLP_OFF);
  g_array_append_val (ia, zero);
  g_array_append_val (ja, zero);
  g_array_append_val (ar, zero_d);
  glp_add_rows (lp, p->n_offers + p->n_needs + (groups_on ? p->n_groups : 0));
  for (guint o = 0; o < p->n_offers; o++)
    glp_set_row_bnds (lp, o + 1, GLP_UP, 0, p->offers[o].capacity);
  for (guint n = 0; n < p->n_needs; n++)
    glp_set_row_bnds (lp, p->n_offers + n + 1, GLP_UP, 0, p->needs[n].quantity);
  for (guint o = 0; o < p->n_offers; o++)
    for (guint n = 0; n < p->n_needs; n++)
      {
        double l = lb[o * p->n_needs + n], d;
        gboolean allowed;
        int col, r1 = o + 1, r2 = p->n_offers + n + 1;
        double one = 1;

        if (p->offers[o].category != p->needs[n].category)
          continue;
        allowed = test_assign_allowed (p, p->offers[o].unit, n);
        if (!allowed && l == 0)
          continue;
        col = glp_add_cols (lp, 1);
        n_cols++;
        if (integer)
          glp_set_col_kind (lp, col, GLP_IV);
        if (allowed)
          glp_set_col_bnds (lp, col, GLP_LO, l, 0);
        else
          glp_set_col_bnds (lp, col, GLP_FX, l, l);
        {
          double prio = p->needs[n].priority;

          g_array_append_val (priority, prio);
        }
        d = linli_assign_distance (p, p->offers[o].unit, n);
        g_array_append_val (dist, d);
        g_array_append_val (ia, r1);
        g_array_append_val (ja, col);
        g_array_append_val (ar, one);
        g_array_append_val (ia, r2);
        g_array_append_val (ja, col);
        g_array_append_val (ar, one);
        if (groups_on && p->groups[n] != LINLI_ASSIGN_NO_GROUP)
          {
            int r3 = p->n_offers + p->n_needs + p->groups[n] + 1;
            double minus = -1;

            g_array_append_val (ia, r3);
            g_array_append_val (ja, col);
            g_array_append_val (ar, minus);
          }
      }
  if (groups_on)
    {
      g_autofree double *wanted = g_new0 (double, p->n_groups);

      for (guint n = 0; n < p->n_needs; n++)
        if (p->groups[n] != LINLI_ASSIGN_NO_GROUP)
          wanted[p->groups[n]] += p->needs[n].quantity;
      for (guint x = 0; x < p->n_groups; x++)
        {
          int row = p->n_offers + p->n_needs + x + 1, col = glp_add_cols (lp, 1);
          double one = 1, top = MIN (p->group_minimum, wanted[x]);

          /* y − Σ flow into the group ≤ 0, 0 ≤ y ≤ min (minimum, wanted). */
          glp_set_row_bnds (lp, row, GLP_UP, 0, 0);
          glp_set_col_bnds (lp, col, top > 0 ? GLP_DB : GLP_FX, 0, top);
          g_array_append_val (ia, row);
          g_array_append_val (ja, col);
          g_array_append_val (ar, one);
        }
    }
  if (n_cols == 0)
    {
      glp_delete_prob (lp);
      if (groups != NULL)
        *groups = 0;
      *weighted = 0;
      *distance = 0;
      return;
    }
  glp_load_matrix (lp, ia->len - 1, (int *) (gpointer) ia->data, (int *) (gpointer) ja->data,
                   (double *) (gpointer) ar->data);
  if (groups_on)
    {
      for (int c = n_cols + 1; c <= glp_get_num_cols (lp); c++)
        glp_set_obj_coef (lp, c, 1);
      first = solve (lp, GLP_MAX, integer);
      hold_objective (lp, glp_get_num_cols (lp), first, TRUE);
    }
  else
    first = 0;
  if (groups != NULL)
    *groups = first;
  for (int c = 1; c <= n_cols; c++)
    glp_set_obj_coef (lp, c, g_array_index (priority, double, c - 1));
  *weighted = solve (lp, GLP_MAX, integer);
  hold_objective (lp, glp_get_num_cols (lp), *weighted, TRUE);
  for (int c = 1; c <= n_cols; c++)
    glp_set_obj_coef (lp, c, g_array_index (dist, double, c - 1));
  *distance = solve (lp, GLP_MIN, integer);
  glp_delete_prob (lp);
}

void
linli_assign_glpk (const LinliAssignProblem *p,
                   double                   *groups,
                   double                   *weighted,
                   double                   *distance)
{
  assign_glpk (p, FALSE, groups, weighted, distance);
}

void
linli_assign_glpk_integer (const LinliAssignProblem *p,
                           double                   *weighted,
                           double                   *distance)
{
  assign_glpk (p, TRUE, NULL, weighted, distance);
}
