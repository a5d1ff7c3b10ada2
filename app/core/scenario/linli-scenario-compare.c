/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-scenario"

#include "config.h"

#include "linli-scenario-compare.h"

#include <math.h>

struct _LinliComparison
{
  LinliFigures *a;
  LinliFigures *b;
  GArray       *rows;   /* LinliComparisonRow */
};

/**
 * linli_comparison_new:
 * @a: (transfer full): the first document's figures, say the base's
 * @b: (transfer full): the second's, say a proposal's
 *
 * Returns: (transfer full): one row per figure of @a, in its order
 */
LinliComparison *
linli_comparison_new (LinliFigures *a,
                      LinliFigures *b)
{
  LinliComparison *self = g_new0 (LinliComparison, 1);

  self->a = a;
  self->b = b;
  self->rows = g_array_new (FALSE, TRUE, sizeof (LinliComparisonRow));
  for (guint i = 0; i < linli_figures_get_n (a); i++)
    {
      const LinliFigure *figure = linli_figures_get (a, i);
      const LinliFigure *other = linli_figures_lookup (b, figure->key);
      LinliComparisonRow row = {
        .figure = figure,
        .a = figure->value,
        .b = other != NULL ? other->value : NAN,
      };

      row.diff = isfinite (row.a) && isfinite (row.b) ? row.b - row.a : NAN;
      row.percent = isfinite (row.diff) && row.a != 0 ? 100 * row.diff / fabs (row.a) : NAN;
      row.judge = linli_figure_judge_change (figure, row.a, row.b);
      g_array_append_val (self->rows, row);
    }
  return self;
}

/**
 * linli_comparison_new_for_documents:
 *
 * Returns: (transfer full): the comparison of @a's figures with @b's
 */
LinliComparison *
linli_comparison_new_for_documents (LinliDocument *a,
                                    LinliDocument *b)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (a), NULL);
  g_return_val_if_fail (LINLI_IS_DOCUMENT (b), NULL);

  return linli_comparison_new (linli_figures_collect (a), linli_figures_collect (b));
}

void
linli_comparison_free (LinliComparison *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rows);
  linli_figures_free (self->a);
  linli_figures_free (self->b);
  g_free (self);
}

guint
linli_comparison_get_n (const LinliComparison *self)
{
  return self->rows->len;
}

/**
 * linli_comparison_get:
 *
 * Returns: (transfer none): the @i-th row
 */
const LinliComparisonRow *
linli_comparison_get (const LinliComparison *self,
                      guint                  i)
{
  g_return_val_if_fail (i < self->rows->len, NULL);
  return &g_array_index (self->rows, LinliComparisonRow, i);
}

/**
 * linli_comparison_lookup:
 *
 * Returns: (transfer none) (nullable): the row of the figure named @key
 */
const LinliComparisonRow *
linli_comparison_lookup (const LinliComparison *self,
                         const char            *key)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const LinliComparisonRow *row = &g_array_index (self->rows, LinliComparisonRow, i);

      if (g_str_equal (row->figure->key, key))
        return row;
    }
  return NULL;
}
