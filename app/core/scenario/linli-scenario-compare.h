/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-figures.h"

G_BEGIN_DECLS

/* Two documents' key figures side by side, as the comparison window, the
 * tool and the report show them: for each figure of the first, its value
 * in each, the difference b − a, the change in per cent of a and whether
 * going from a to b is better or worse by the figure's sense. */

typedef struct
{
  const LinliFigure *figure;   /* the first document's: key, label, unit, sense */
  double             a;
  double             b;        /* NAN when the second document lacks the figure */
  double             diff;     /* b − a; NAN when either cannot be told */
  double             percent;  /* 100 (b − a) / |a|; NAN when a is 0 or either cannot be told */
  int                judge;    /* 1 better, -1 worse, 0 equal, neutral or not told */
} LinliComparisonRow;

typedef struct _LinliComparison LinliComparison;

LinliComparison          *linli_comparison_new           (LinliFigures *a,
                                                          LinliFigures *b) G_GNUC_WARN_UNUSED_RESULT;
LinliComparison          *linli_comparison_new_for_documents (LinliDocument *a,
                                                              LinliDocument *b) G_GNUC_WARN_UNUSED_RESULT;
void                      linli_comparison_free          (LinliComparison *self);
guint                     linli_comparison_get_n         (const LinliComparison *self);
const LinliComparisonRow *linli_comparison_get           (const LinliComparison *self,
                                                          guint                  i);
const LinliComparisonRow *linli_comparison_lookup        (const LinliComparison *self,
                                                          const char            *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliComparison, linli_comparison_free)

G_END_DECLS
