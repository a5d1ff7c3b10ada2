/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-partner-assign"

#include "config.h"

#include "linli-assign-glpk.h"
#include "linli-assign-test-utils.h"

#include <glpk.h>
#include <math.h>

/* One column per pair of an offer and a need of its category that may
 * carry flow: bounded below by what fixed pairs force and, where the pair
 * is not allowed, above by it too.  Rows: each offer's capacity, each
 * need's quantity. */
void
linli_assign_glpk (const LinliAssignProblem *p,
                   double                   *weighted,
                   double                   *distance)
{
  g_autofree double *lb = test_assign_lower_bounds (p);
  g_autoptr (GArray) ia = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) ja = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) ar = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) dist = g_array_new (FALSE, FALSE, sizeof (double));
  glp_prob *lp = glp_create_prob ();
  glp_smcp parm;
  int zero = 0, n_cols = 0, row;
  double zero_d = 0, first;

  glp_term_out (GLP_OFF);
  g_array_append_val (ia, zero);
  g_array_append_val (ja, zero);
  g_array_append_val (ar, zero_d);
  glp_add_rows (lp, p->n_offers + p->n_needs);
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
        if (allowed)
          glp_set_col_bnds (lp, col, GLP_LO, l, 0);
        else
          glp_set_col_bnds (lp, col, GLP_FX, l, l);
        glp_set_obj_coef (lp, col, p->needs[n].priority);
        d = linli_assign_distance (p, p->offers[o].unit, n);
        g_array_append_val (dist, d);
        g_array_append_val (ia, r1);
        g_array_append_val (ja, col);
        g_array_append_val (ar, one);
        g_array_append_val (ia, r2);
        g_array_append_val (ja, col);
        g_array_append_val (ar, one);
      }
  if (n_cols == 0)
    {
      glp_delete_prob (lp);
      *weighted = 0;
      *distance = 0;
      return;
    }
  glp_load_matrix (lp, ia->len - 1, (int *) (gpointer) ia->data, (int *) (gpointer) ja->data,
                   (double *) (gpointer) ar->data);
  glp_init_smcp (&parm);
  parm.presolve = GLP_ON;
  glp_set_obj_dir (lp, GLP_MAX);
  g_assert_cmpint (glp_simplex (lp, &parm), ==, 0);
  g_assert_cmpint (glp_get_status (lp), ==, GLP_OPT);
  first = glp_get_obj_val (lp);

  /* Hold the first goal (to a hair, for GLPK's tolerances) and minimise
   * the distance. */
  row = glp_add_rows (lp, 1);
  {
    g_autofree int *ind = g_new (int, n_cols + 1);
    g_autofree double *val = g_new (double, n_cols + 1);

    for (int c = 1; c <= n_cols; c++)
      {
        ind[c] = c;
        val[c] = glp_get_obj_coef (lp, c);
      }
    glp_set_mat_row (lp, row, n_cols, ind, val);
  }
  glp_set_row_bnds (lp, row, GLP_LO, first - 1e-9 * (1 + fabs (first)), 0);
  for (int c = 1; c <= n_cols; c++)
    glp_set_obj_coef (lp, c, g_array_index (dist, double, c - 1));
  glp_set_obj_dir (lp, GLP_MIN);
  g_assert_cmpint (glp_simplex (lp, &parm), ==, 0);
  g_assert_cmpint (glp_get_status (lp), ==, GLP_OPT);
  *weighted = first;
  *distance = glp_get_obj_val (lp);
  glp_delete_prob (lp);
}
