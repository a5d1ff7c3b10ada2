/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-grid"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-figures.h"
#include "linli-grids.h"

/**
 * linli_figures_add_grids:
 *
 * Adds the grids' figures when the project has grids: how many, how many
 * hold a household count within the project's range, how many lie in
 * pieces, and the buildings left in no grid.
 */
void
linli_figures_add_grids (LinliFigures  *self,
                         LinliDocument *document)
{
  const LinliGridAssignment *assignment;
  guint n, in_range = 0, pieces = 0, unassigned = 0;

  if (linli_grids_get_n_grids (linli_project_get_grids (linli_document_get_project (document))) == 0)
    return;
  assignment = linli_document_get_grid_assignment (document);
  n = linli_grid_assignment_get_n_grids (assignment);
  for (guint i = 0; i < n; i++)
    {
      const LinliGridFigures *figures = linli_grid_assignment_get_figures (assignment, i);

      in_range += figures->in_range;
      pieces += !figures->contiguous;
    }
  linli_grid_assignment_get_unassigned (assignment, &unassigned);
  linli_figures_add (self, "grids", "grids", _("Grids"), n, LINLI_FIGURE_COUNT, LINLI_FIGURE_NEUTRAL);
  linli_figures_add (self, "grids-in-range", "grids", _("Grids within the household range"), in_range,
                     LINLI_FIGURE_COUNT, LINLI_FIGURE_HIGHER_BETTER);
  linli_figures_add (self, "grids-out-of-range", "grids", _("Grids outside the household range"),
                     n - in_range, LINLI_FIGURE_COUNT, LINLI_FIGURE_LOWER_BETTER);
  linli_figures_add (self, "grids-in-pieces", "grids", _("Grids in pieces"), pieces,
                     LINLI_FIGURE_COUNT, LINLI_FIGURE_LOWER_BETTER);
  linli_figures_add (self, "buildings-no-grid", "grids", _("Buildings in no grid"), unassigned,
                     LINLI_FIGURE_COUNT, LINLI_FIGURE_LOWER_BETTER);
}
