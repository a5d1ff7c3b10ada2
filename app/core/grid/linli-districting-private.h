/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-districting.h"

G_BEGIN_DECLS

/* Shared by linli-districting.c (checks, counts, results),
 * linli-districting-exact.c (enumeration with proof) and
 * linli-districting-search.c (the heuristic).
 */

#define NO_PART G_MAXUINT32

/* The unit graph, with duplicate edges merged, and the scratch arrays the
 * searches share.  @compound holds dense compound numbers, and
 * %LINLI_DISTRICTING_NO_COMPOUND for units in no compound and for compounds
 * whose units lie in different connected parts: those are split whatever
 * the grids are, so no search needs to care about them.
 */
typedef struct
{
  guint                       n;
  const LinliDistrictingUnit *units;
  guint32                    *adj_start;
  guint32                    *adj;
  double                     *adj_length;

  guint32                    *compound;
  guint                       n_compounds;
  guint32                    *compound_start;
  guint32                    *compound_units;

  guint32                     min;
  guint32                     max;
  double                      eps;

  /* Scratch: a part per unit (only the units being searched matter), and a
   * stamp per unit for marking sets without clearing them, a queue, and room
 * for the exact search's adjacency (as long as the graph's). */
  guint32                    *part;
  guint32                    *stamp;
  guint32                     stamp_id;
  guint32                    *queue;
  guint32                    *scratch_nb;
  double                     *scratch_length;

  GCancellable               *cancellable;
  gboolean                    cancelled;
} LinliDistrictingGraph;

/* What an exact search reports.
 *
 * found:    a partition better than the bound was found (and written)
 * complete: the enumeration ran to its end, so when nothing was found no
 *           partition beats the bound (or none exists when there was none)
 */
typedef struct
{
  gboolean found;
  gboolean complete;
  double   cut;
  guint    splits;
  guint64  nodes;
} LinliDistrictingExactOutcome;

gboolean _linli_districting_better        (const LinliDistrictingGraph *g,
                                           double                       cut_a,
                                           guint                        splits_a,
                                           double                       cut_b,
                                           guint                        splits_b);

guint32  _linli_districting_next_stamp    (LinliDistrictingGraph *g);

gboolean _linli_districting_check_cancel  (LinliDistrictingGraph *g);

guint    _linli_districting_count_splits  (LinliDistrictingGraph *g,
                                           const guint32         *compounds,
                                           guint                  n_compounds);

guint    _linli_districting_touched       (LinliDistrictingGraph *g,
                                           const guint32         *units,
                                           guint                  m,
                                           guint32               *compounds);

void     _linli_districting_exact         (LinliDistrictingGraph        *g,
                                           const guint32                *units,
                                           guint                         m,
                                           guint                         k,
                                           const guint32                *part_ids,
                                           gboolean                      have_bound,
                                           double                        bound_cut,
                                           guint                         bound_splits,
                                           guint64                       node_limit,
                                           LinliDistrictingExactOutcome *outcome);

gboolean _linli_districting_heuristic     (LinliDistrictingGraph *g,
                                           const guint32         *units,
                                           guint                  m,
                                           guint                  k,
                                           const guint32          seed[3],
                                           guint                  iterations,
                                           guint64                pair_node_limit,
                                           double                *cut,
                                           guint                 *splits);

G_END_DECLS
