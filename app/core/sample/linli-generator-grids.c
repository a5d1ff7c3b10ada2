/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-generator"

#include "config.h"

#include "linli-generator.h"
#include "linli-generator-private.h"

#include "linli-document.h"
#include "linli-grid-edits.h"
#include "linli-grid-propose.h"
#include "linli-grids.h"
#include "linli-org.h"

#include <string.h>

/* Grids for a generated district: each community divided by the proposal,
 * each grid given a worker and a grid party branch, then the holes real
 * data has — one community in ten left without grids (its buildings in
 * none), one grid in eight without a worker, one in eight without a
 * branch — so that the checks have something to find. */

/**
 * linli_generator_add_grids:
 * @project: a generated district without grids
 * @seed: the same seed gives the same grids
 *
 * Divides every community of @project into grids of the project's range
 * and names a grid worker for most of them, leaving realistic holes.
 *
 * Returns: how many communities were divided
 */
guint
linli_generator_add_grids (LinliProject *project,
                           guint32       seed)
{
  g_autoptr (LinliDocument) document = linli_document_new (project, NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed ^ 0x9e3779b9u);
  LinliGrids *grids = linli_project_get_grids (project);
  guint n_communities = linli_project_get_n_communities (project);
  guint divided = 0;

  g_autofree gboolean *skip = g_new0 (gboolean, n_communities + 1);

  /* One community in ten (at least one of three or more) has not drawn
   * its grids yet. */
  if (n_communities > 2)
    for (guint k = 0; k < MAX (1, n_communities / 10); k++)
      skip[g_rand_int_range (rand, 0, n_communities)] = TRUE;

  for (guint c = 0; c < n_communities; c++)
    {
      LinliGridProposeOptions options;
      g_autoptr (LinliGridProposal) proposal = NULL;

      if (skip[c])
        continue;
      linli_grid_propose_options_init (&options);
      options.seed = seed + c;
      proposal = linli_grid_propose (document, c, &options, NULL, NULL);
      if (proposal == NULL || proposal->problems != NULL)
        continue;
      linli_grid_proposal_apply (proposal, document, c);
      divided++;
    }

  {
    const LinliGridAssignment *assignment = linli_document_get_grid_assignment (document);
    LinliOrg *org = linli_project_get_org (project);
    g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_grid_state_free);

    /* Read every grid's figures first: changing a grid drops the assignment. */
    for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
      {
        LinliGrid *grid = linli_grids_get_grid (grids, g);
        LinliGridState *state = linli_grid_state_copy (linli_grid_get_state (grid));
        guint members = linli_grid_assignment_get_figures (assignment, g)->party_members;

        g_ptr_array_add (states, state);
        /* A generated district is a Chinese one: its grids are named in
         * Chinese whatever the language Linli runs in. */
        if (state->code != NULL && strlen (state->code) >= 3)
          {
            g_free (state->name);
            state->name = g_strdup_printf ("第%u网格", (guint) g_ascii_strtoull (state->code + strlen (state->code) - 3,
                                                                              NULL, 10));
          }
        if (g_rand_int_range (rand, 0, 8) != 0)
          state->worker = _linli_generator_person_name (rand);
        /* A grid branch needs three full members. */
        if (members >= 3 && g_rand_int_range (rand, 0, 8) != 0)
          {
            g_autofree char *id = linli_org_new_branch_id (org);
            g_autofree char *name = g_strdup_printf ("%s党支部", state->name);
            g_autofree char *secretary = _linli_generator_person_name (rand);
            LinliBranchState branch = { id, name, LINLI_BRANCH_GRID, 0, state->id, secretary, members };
            g_autoptr (LinliBranch) created = linli_branch_new (&branch);

            linli_org_insert_branch (org, G_MAXUINT, created);
            state->branch = g_strdup (id);
          }
      }
    for (guint g = 0; g < states->len; g++)
      linli_grid_apply_state (linli_grids_get_grid (grids, g), states->pdata[g]);
  }
  return divided;
}
