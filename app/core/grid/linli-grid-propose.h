/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "linli-document.h"
#include "linli-grid.h"

G_BEGIN_DECLS

/* "Divide this community into grids": turns a community into units
 * (compounds, and the buildings of compounds above the maximum), each the
 * union of its buildings' Voronoi cells within the community's boundary,
 * joined where they share a boundary that no major road or water runs along, and
 * has linli-districting.h divide them.  Locked grids of the community
 * stay, with their buildings and area left out of the proposal.
 */

typedef struct
{
  guint   min_households;   /* 0: the project's range */
  guint   max_households;
  guint   n_grids;          /* 0: Linli chooses */
  guint32 seed;
} LinliGridProposeOptions;

typedef struct
{
  GPtrArray *states;          /* LinliGridState: the proposed grids, codes and names given */
  char     **problems;        /* why no proposal, one sentence each; NULL when found */
  guint      n_units;
  guint      n_compounds_split;  /* compounds above the maximum, divided into buildings */
  guint      n_split_compounds;  /* compounds whose units ended in different grids */
  guint      n_locked;           /* locked grids kept */
  double     cut_length;         /* m of boundary between grids */
  gboolean   proven_optimal;
  guint      k_min;
  guint      k_max;
} LinliGridProposal;

void               linli_grid_propose_options_init (LinliGridProposeOptions *options);
LinliGridProposal *linli_grid_propose              (LinliDocument                 *document,
                                                    guint                          community,
                                                    const LinliGridProposeOptions *options,
                                                    GCancellable                  *cancellable,
                                                    GError                       **error) G_GNUC_WARN_UNUSED_RESULT;
void               linli_grid_proposal_free        (LinliGridProposal *proposal);
void               linli_grid_proposal_apply       (LinliGridProposal *proposal,
                                                    LinliDocument     *document,
                                                    guint              community);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliGridProposal, linli_grid_proposal_free)

G_END_DECLS
