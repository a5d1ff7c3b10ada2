/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-grid"

#include "config.h"

#include "linli-grid-check.h"

#include "linli-grids.h"
#include "linli-violation.h"

#include <glib/gi18n-lib.h>

/* Auxiliary methods */

static const char *
grid_label (LinliGrid *grid)
{
  const char *code = linli_grid_get_code (grid);

  return code != NULL && code[0] != '\0' ? code : linli_grid_get_id (grid);
}

static void
place_at_grid (LinliViolation *v,
               LinliProject   *project,
               LinliGrid      *grid)
{
  double lat, lon;

  linli_polygon_centroid (linli_grid_get_polygon (grid), linli_project_get_projection (project), &lat, &lon);
  linli_violation_set_position (v, lat, lon);
}

static const char *
building_label (const LinliBuilding *b)
{
  return b->name != NULL && b->name[0] != '\0' ? b->name : b->id;
}

/* Public API */

/**
 * linli_grid_check:
 * @assignment: the project's grid assignment, as the document keeps it
 *
 * Returns: (transfer full) (element-type LinliViolation): what is wrong
 *   with the grids, in the order of the rules above
 */
GPtrArray *
linli_grid_check (LinliProject              *project,
                  const LinliGridAssignment *assignment)
{
  GPtrArray *violations = linli_violation_list_new ();
  LinliGrids *grids = linli_project_get_grids (project);
  guint n_grids = linli_grids_get_n_grids (grids);
  guint n_communities = linli_project_get_n_communities (project);
  g_autofree gboolean *has_grids = g_new0 (gboolean, n_communities + 1);
  const guint *list;
  guint n;

  for (guint g = 0; g < n_grids; g++)
    has_grids[linli_grid_get_community (linli_grids_get_grid (grids, g))] = TRUE;

  /* Communities with no grid at all are one finding, not one per building. */
  if (n_grids > 0)
    for (guint c = 0; c < n_communities; c++)
      if (!has_grids[c])
        {
          const LinliCommunity *community = linli_project_get_community (project, c);
          LinliViolation *v = linli_violation_new (
            "community-no-grids", LINLI_SEVERITY_WARNING, c, LINLI_SUBJECT_COMMUNITY, c, community->id,
            g_strdup_printf (_("Community %s has no grids"), community->name ? community->name : community->id));
          g_ptr_array_add (violations, v);
        }

  list = linli_grid_assignment_get_unassigned (assignment, &n);
  for (guint k = 0; k < n; k++)
    {
      const LinliBuilding *b = linli_project_get_building (project, list[k]);
      guint c = linli_project_building_community (project, list[k]);
      LinliViolation *v;

      if (!has_grids[c])
        continue;
      v = linli_violation_new ("building-no-grid", LINLI_SEVERITY_ERROR, c, LINLI_SUBJECT_BUILDING, list[k], b->id,
                               g_strdup_printf (_("Building %s lies in no grid"), building_label (b)));
      linli_violation_set_position (v, b->lat, b->lon);
      g_ptr_array_add (violations, v);
    }

  list = linli_grid_assignment_get_shared (assignment, &n);
  for (guint k = 0; k < n; k++)
    {
      const LinliBuilding *b = linli_project_get_building (project, list[k]);
      LinliViolation *v = linli_violation_new (
        "building-in-two-grids", LINLI_SEVERITY_ERROR, linli_project_building_community (project, list[k]),
        LINLI_SUBJECT_BUILDING, list[k], b->id,
        g_strdup_printf (_("Building %s lies in more than one grid"), building_label (b)));

      linli_violation_set_position (v, b->lat, b->lon);
      g_ptr_array_add (violations, v);
    }

  {
    const LinliGridOverlap *overlaps = linli_grid_assignment_get_overlaps (assignment, &n);

    for (guint k = 0; k < n; k++)
      {
        LinliGrid *a = linli_grids_get_grid (grids, overlaps[k].a);
        LinliGrid *b = linli_grids_get_grid (grids, overlaps[k].b);
        LinliViolation *v = linli_violation_new (
          "grid-overlap", LINLI_SEVERITY_ERROR, linli_grid_get_community (a), LINLI_SUBJECT_GRID, overlaps[k].a,
          linli_grid_get_id (a),
          g_strdup_printf (_("Grids %s and %s overlap by %.0f m²"), grid_label (a), grid_label (b),
                           overlaps[k].area));

        place_at_grid (v, project, a);
        g_ptr_array_add (violations, v);
      }
  }

  for (guint g = 0; g < n_grids; g++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, g);
      const LinliGridFigures *f = linli_grid_assignment_get_figures (assignment, g);
      guint c = linli_grid_get_community (grid);
      LinliViolation *v;

      if (!f->in_range)
        {
          v = linli_violation_new ("grid-out-of-range", LINLI_SEVERITY_WARNING, c, LINLI_SUBJECT_GRID, g,
                                   linli_grid_get_id (grid),
                                   g_strdup_printf (_("Grid %s holds %u households, outside %u–%u"),
                                                    grid_label (grid), f->households,
                                                    linli_grids_get_min_households (grids),
                                                    linli_grids_get_max_households (grids)));
          place_at_grid (v, project, grid);
          g_ptr_array_add (violations, v);
        }
      if (!f->contiguous)
        {
          v = linli_violation_new ("grid-not-contiguous", LINLI_SEVERITY_WARNING, c, LINLI_SUBJECT_GRID, g,
                                   linli_grid_get_id (grid),
                                   g_strdup_printf (_("Grid %s is in %u pieces"), grid_label (grid),
                                                    linli_polygon_get_n_parts (linli_grid_get_polygon (grid))));
          place_at_grid (v, project, grid);
          g_ptr_array_add (violations, v);
        }
      if (f->outside_community || f->foreign_buildings > 0)
        {
          v = linli_violation_new ("grid-outside-community", LINLI_SEVERITY_WARNING, c, LINLI_SUBJECT_GRID, g,
                                   linli_grid_get_id (grid),
                                   f->foreign_buildings > 0
                                     ? g_strdup_printf (_("Grid %s holds %u buildings of another community"),
                                                        grid_label (grid), f->foreign_buildings)
                                     : g_strdup_printf (_("Grid %s reaches out of its community"),
                                                        grid_label (grid)));
          place_at_grid (v, project, grid);
          g_ptr_array_add (violations, v);
        }
    }
  return violations;
}
