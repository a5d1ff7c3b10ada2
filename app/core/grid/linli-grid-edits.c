/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-grid"

#include "config.h"

#include "linli-grid-edits.h"

#include "linli-geos.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (linli-grid-error-quark, linli_grid_error)

/* A grid edit holds two snapshots of one grid, NULL meaning "no such
 * grid", so adding, deleting and changing are one kind of edit; splits,
 * merges and proposals are groups of them.  A range edit and a boundary
 * edit hold the value before and after.
 */

typedef struct
{
  LinliEdit       parent;
  char           *grid_id;
  guint           position;
  LinliGridState *before;
  LinliGridState *after;
} GridEdit;

typedef struct
{
  LinliEdit parent;
  guint     min[2];   /* before, after */
  guint     max[2];
} RangeEdit;

typedef struct
{
  LinliEdit     parent;
  gboolean      compound;
  guint         index;
  LinliPolygon *boundary[2];   /* before, after; NULL for none */
} BoundaryEdit;

/* Grid edits */

static void
apply_grid_state (LinliProject         *project,
                  const char           *id,
                  guint                 position,
                  const LinliGridState *state)
{
  LinliGrids *grids = linli_project_get_grids (project);
  LinliGrid *grid = linli_grids_find (grids, id, NULL);

  if (state == NULL)
    {
      if (grid != NULL)
        linli_grids_remove (grids, grid);
    }
  else if (grid == NULL)
    {
      g_autoptr (LinliGrid) created = linli_grid_new (state);
      linli_grids_insert (grids, position, created);
    }
  else
    {
      linli_grid_apply_state (grid, state);
    }
}

static void
grid_apply (LinliEdit    *edit,
            LinliProject *project)
{
  GridEdit *self = (GridEdit *) edit;

  apply_grid_state (project, self->grid_id, self->position, self->after);
}

static void
grid_revert (LinliEdit    *edit,
             LinliProject *project)
{
  GridEdit *self = (GridEdit *) edit;

  apply_grid_state (project, self->grid_id, self->position, self->before);
}

static void
grid_free (LinliEdit *edit)
{
  GridEdit *self = (GridEdit *) edit;

  g_free (self->grid_id);
  linli_grid_state_free (self->before);
  linli_grid_state_free (self->after);
}

static const LinliEditClass grid_edit_class = {
  .name = "grid",
  .size = sizeof (GridEdit),
  .apply = grid_apply,
  .revert = grid_revert,
  .free = grid_free,
};

static void
push_grid_edit (LinliHistory         *history,
                const char           *label,
                const char           *id,
                guint                 position,
                const LinliGridState *before,
                const LinliGridState *after)
{
  GridEdit *edit = linli_edit_new (&grid_edit_class, label);

  edit->grid_id = g_strdup (id);
  edit->position = position;
  edit->before = before != NULL ? linli_grid_state_copy (before) : NULL;
  edit->after = after != NULL ? linli_grid_state_copy (after) : NULL;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/* Range edits */

static void
range_apply (LinliEdit    *edit,
             LinliProject *project)
{
  RangeEdit *self = (RangeEdit *) edit;

  linli_grids_set_range (linli_project_get_grids (project), self->min[1], self->max[1]);
}

static void
range_revert (LinliEdit    *edit,
              LinliProject *project)
{
  RangeEdit *self = (RangeEdit *) edit;

  linli_grids_set_range (linli_project_get_grids (project), self->min[0], self->max[0]);
}

static const LinliEditClass range_edit_class = {
  .name = "grid-range",
  .size = sizeof (RangeEdit),
  .apply = range_apply,
  .revert = range_revert,
};

/* Boundary edits */

static void
set_boundary (LinliProject *project,
              gboolean      compound,
              guint         index,
              LinliPolygon *boundary)
{
  if (compound)
    linli_grids_set_compound_boundary (linli_project_get_grids (project), index, boundary);
  else
    linli_grids_set_community_boundary (linli_project_get_grids (project), index, boundary);
}

static void
boundary_apply (LinliEdit    *edit,
                LinliProject *project)
{
  BoundaryEdit *self = (BoundaryEdit *) edit;

  set_boundary (project, self->compound, self->index, self->boundary[1]);
}

static void
boundary_revert (LinliEdit    *edit,
                 LinliProject *project)
{
  BoundaryEdit *self = (BoundaryEdit *) edit;

  set_boundary (project, self->compound, self->index, self->boundary[0]);
}

static void
boundary_free (LinliEdit *edit)
{
  BoundaryEdit *self = (BoundaryEdit *) edit;

  g_clear_pointer (&self->boundary[0], linli_polygon_unref);
  g_clear_pointer (&self->boundary[1], linli_polygon_unref);
}

static const LinliEditClass boundary_edit_class = {
  .name = "boundary",
  .size = sizeof (BoundaryEdit),
  .apply = boundary_apply,
  .revert = boundary_revert,
  .free = boundary_free,
};

/* Auxiliary methods */

static const LinliProjection *
projection_of (LinliHistory *history)
{
  return linli_project_get_projection (linli_history_get_project (history));
}

/* The outlines of the other grids of @community, to snap to. */
static GPtrArray *
neighbours_of (LinliGrids *grids,
               guint       community,
               LinliGrid  *except)
{
  GPtrArray *outlines = g_ptr_array_new ();

  for (guint i = 0; i < linli_grids_get_n_grids (grids); i++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, i);

      if (grid != except && linli_grid_get_community (grid) == community)
        g_ptr_array_add (outlines, linli_grid_get_polygon (grid));
    }
  return outlines;
}

/* A drawn outline made valid and fitted to its neighbours: vertices
 * within the snap distance of a neighbour's move onto it, and whatever
 * still overlaps a neighbour is left to the neighbour. */
static LinliPolygon *
fit_outline (LinliHistory       *history,
             const LinliPolygon *drawn,
             guint               community,
             LinliGrid          *except,
             GError            **error)
{
  LinliProject *project = linli_history_get_project (history);
  const LinliProjection *projection = projection_of (history);
  g_autoptr (LinliPolygon) valid = linli_polygon_make_valid (drawn, projection);
  g_autoptr (GPtrArray) neighbours = neighbours_of (linli_project_get_grids (project), community, except);
  LinliPolygon *fitted;

  if (valid == NULL)
    {
      g_set_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID, _("the outline has no area"));
      return NULL;
    }
  fitted = linli_polygon_snap (valid, (LinliPolygon **) neighbours->pdata, neighbours->len,
                               LINLI_GRID_SNAP_METRES, projection);
  if (fitted == NULL || linli_polygon_area (fitted, projection) < 1.0)
    {
      g_clear_pointer (&fitted, linli_polygon_unref);
      g_set_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID,
                   _("the outline lies inside other grids: nothing is left of it"));
      return NULL;
    }
  return fitted;
}

static guint
next_sequence (LinliGrids *grids,
               const char *prefix)
{
  guint next = 1;
  gsize len = strlen (prefix);

  for (guint i = 0; i < linli_grids_get_n_grids (grids); i++)
    {
      const char *code = linli_grid_get_code (linli_grids_get_grid (grids, i));
      guint64 n;
      char *end;

      if (code == NULL || strncmp (code, prefix, len) != 0 || !g_ascii_isdigit (code[len]))
        continue;
      n = g_ascii_strtoull (code + len, &end, 10);
      if (*end == '\0' && n >= next && n < 999999)
        next = n + 1;
    }
  return next;
}

/* Public API */

/**
 * linli_grid_edits_add:
 * @community: the community the grid belongs to
 * @outline: the vertices as drawn
 * @error: where to say why there is no grid
 *
 * Adds a grid drawn on the map, fitted to its neighbours, with the next
 * code of its community and a name from it.
 *
 * Returns: (transfer none) (nullable): the new grid, or %NULL when
 *   nothing with area is left of the outline
 */
LinliGrid *
linli_grid_edits_add (LinliHistory      *history,
                      guint              community,
                      const LinliLatLon *outline,
                      guint              n_points,
                      GError           **error)
{
  LinliProject *project = linli_history_get_project (history);
  LinliGrids *grids = linli_project_get_grids (project);
  g_autoptr (LinliPolygon) drawn = NULL;
  g_autoptr (LinliPolygon) fitted = NULL;
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  const char *prefix;
  LinliGridState state = { 0 };
  guint seq;

  g_return_val_if_fail (community < linli_project_get_n_communities (project), NULL);

  if (n_points < 3)
    {
      g_set_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID,
                   _("an outline needs at least 3 points"));
      return NULL;
    }
  drawn = linli_polygon_new_simple (outline, n_points);
  fitted = fit_outline (history, drawn, community, NULL, error);
  if (fitted == NULL)
    return NULL;

  prefix = linli_project_get_community (project, community)->id;
  seq = next_sequence (grids, prefix);
  id = linli_grids_new_id (grids);
  code = g_strdup_printf ("%s%03u", prefix, seq);
  /* TRANSLATORS: the default name of a new grid; %u is its number in the community. */
  name = g_strdup_printf (_("Grid %u"), seq);
  state.id = id;
  state.code = code;
  state.name = name;
  state.community = community;
  state.polygon = fitted;
  push_grid_edit (history, _("Draw Grid"), id, linli_grids_get_n_grids (grids), NULL, &state);
  return linli_grids_find (grids, id, NULL);
}

/**
 * linli_grid_edits_remove:
 *
 * Deletes @grid.
 */
void
linli_grid_edits_remove (LinliHistory *history,
                         LinliGrid    *grid)
{
  LinliGrids *grids = linli_project_get_grids (linli_history_get_project (history));
  g_autoptr (LinliGridState) before = NULL;
  guint position;

  if (linli_grids_find (grids, linli_grid_get_id (grid), &position) != grid)
    return;
  before = linli_grid_state_copy (linli_grid_get_state (grid));
  push_grid_edit (history, _("Delete Grid"), before->id, position, before, NULL);
}

/**
 * linli_grid_edits_change:
 * @label: what the change is called in the Undo menu
 * @state: what the grid becomes (its id is kept)
 *
 * Changes anything of @grid: name, code, worker, branch, lock or outline.
 * The outline is stored as given.
 */
void
linli_grid_edits_change (LinliHistory         *history,
                         const char           *label,
                         LinliGrid            *grid,
                         const LinliGridState *state)
{
  LinliGrids *grids = linli_project_get_grids (linli_history_get_project (history));
  g_autoptr (LinliGridState) before = linli_grid_state_copy (linli_grid_get_state (grid));
  g_autoptr (LinliGridState) after = linli_grid_state_copy (state);
  guint position = 0;

  g_free (after->id);
  after->id = g_strdup (before->id);
  if (linli_grid_state_equal (before, after))
    return;
  linli_grids_find (grids, before->id, &position);
  push_grid_edit (history, label, before->id, position, before, after);
}

/**
 * linli_grid_edits_move_vertex:
 * @ring: which ring of the outline
 * @vertex: which of its points
 *
 * Moves one vertex of @grid's outline, keeps the outline valid and off
 * its neighbours.
 *
 * Returns: %TRUE when the grid changed
 */
gboolean
linli_grid_edits_move_vertex (LinliHistory *history,
                              LinliGrid    *grid,
                              guint         ring,
                              guint         vertex,
                              double        lat,
                              double        lon,
                              GError      **error)
{
  LinliPolygon *polygon = linli_grid_get_polygon (grid);
  guint n_rings = linli_polygon_get_n_rings (polygon);
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_autofree guint *lengths = g_new (guint, n_rings);
  g_autofree gboolean *holes = g_new (gboolean, n_rings);
  g_autoptr (LinliPolygon) moved = NULL;
  g_autoptr (LinliPolygon) fitted = NULL;
  g_autoptr (LinliGridState) state = NULL;
  guint n;

  if (ring >= n_rings || vertex >= (linli_polygon_get_ring (polygon, ring, &n), n))
    {
      g_set_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID, _("no such vertex"));
      return FALSE;
    }
  for (guint r = 0; r < n_rings; r++)
    {
      const LinliLatLon *p = linli_polygon_get_ring (polygon, r, &n);

      g_array_append_vals (points, p, n);
      lengths[r] = n;
      holes[r] = linli_polygon_ring_is_hole (polygon, r);
      if (r == ring)
        {
          LinliLatLon *q = &g_array_index (points, LinliLatLon, points->len - n + vertex);
          q->lat = lat;
          q->lon = lon;
        }
    }
  moved = linli_polygon_new ((LinliLatLon *) points->data, lengths, holes, n_rings);
  fitted = fit_outline (history, moved, linli_grid_get_community (grid), grid, error);
  if (fitted == NULL)
    return FALSE;
  state = linli_grid_state_copy (linli_grid_get_state (grid));
  g_clear_pointer (&state->polygon, linli_polygon_unref);
  state->polygon = g_steal_pointer (&fitted);
  linli_grid_edits_change (history, _("Move Grid Vertex"), grid, state);
  return TRUE;
}

/**
 * linli_grid_edits_split:
 * @line: a line drawn across the grid
 *
 * Cuts @grid in two (or more) along @line: the largest piece keeps the
 * grid, the others become new grids of the same community.
 *
 * Returns: %TRUE when the grid was cut
 */
gboolean
linli_grid_edits_split (LinliHistory      *history,
                        LinliGrid         *grid,
                        const LinliLatLon *line,
                        guint              n_line,
                        GError           **error)
{
  LinliProject *project = linli_history_get_project (history);
  LinliGrids *grids = linli_project_get_grids (project);
  g_autoptr (GPtrArray) pieces = NULL;
  g_autoptr (LinliGridState) state = NULL;
  const char *prefix;

  if (n_line < 2)
    {
      g_set_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID, _("a cut needs at least 2 points"));
      return FALSE;
    }
  pieces = linli_polygon_split (linli_grid_get_polygon (grid), line, n_line, projection_of (history));
  if (pieces->len < 2)
    {
      g_set_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID,
                   _("the line does not cut the grid: draw it across, from outside to outside"));
      return FALSE;
    }

  linli_history_begin_group (history, _("Split Grid"));
  state = linli_grid_state_copy (linli_grid_get_state (grid));
  g_clear_pointer (&state->polygon, linli_polygon_unref);
  state->polygon = linli_polygon_ref (pieces->pdata[0]);
  linli_grid_edits_change (history, _("Split Grid"), grid, state);
  prefix = linli_project_get_community (project, state->community)->id;
  for (guint i = 1; i < pieces->len; i++)
    {
      g_autofree char *id = linli_grids_new_id (grids);
      guint seq = next_sequence (grids, prefix);
      g_autofree char *code = g_strdup_printf ("%s%03u", prefix, seq);
      g_autofree char *name = g_strdup_printf (_("Grid %u"), seq);
      LinliGridState piece = { id, code, name, state->community, NULL, NULL, pieces->pdata[i], FALSE };

      push_grid_edit (history, _("Split Grid"), id, linli_grids_get_n_grids (grids), NULL, &piece);
    }
  linli_history_end_group (history);
  return TRUE;
}

/**
 * linli_grid_edits_merge:
 *
 * Makes @a and @b one grid: @a takes the union, @b is deleted.  Both must
 * be of the same community.
 *
 * Returns: %TRUE when they were merged
 */
gboolean
linli_grid_edits_merge (LinliHistory  *history,
                        LinliGrid     *a,
                        LinliGrid     *b,
                        GError       **error)
{
  LinliPolygon *both[2] = { linli_grid_get_polygon (a), linli_grid_get_polygon (b) };
  g_autoptr (LinliPolygon) merged = NULL;
  g_autoptr (LinliGridState) state = NULL;

  if (a == b || linli_grid_get_community (a) != linli_grid_get_community (b))
    {
      g_set_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID,
                   _("only two different grids of one community can be merged"));
      return FALSE;
    }
  merged = linli_polygon_union (both, 2, projection_of (history));
  if (merged == NULL)
    {
      g_set_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_FAILED, "%s", linli_geos_last_error ());
      return FALSE;
    }
  linli_history_begin_group (history, _("Merge Grids"));
  state = linli_grid_state_copy (linli_grid_get_state (a));
  g_clear_pointer (&state->polygon, linli_polygon_unref);
  state->polygon = g_steal_pointer (&merged);
  if (state->worker == NULL)
    state->worker = g_strdup (linli_grid_get_worker (b));
  if (state->branch == NULL)
    state->branch = g_strdup (linli_grid_get_branch (b));
  linli_grid_edits_change (history, _("Merge Grids"), a, state);
  linli_grid_edits_remove (history, b);
  linli_history_end_group (history);
  return TRUE;
}

typedef struct
{
  LinliGrid *grid;
  guint      row;
  double     x;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *p = a, *q = b;

  if (p->row != q->row)
    return p->row < q->row ? -1 : 1;
  return p->x < q->x ? -1 : p->x > q->x;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/**
 * linli_grid_edits_renumber:
 *
 * Gives the grids of @community the codes city grid standards use: the
 * community's code and a 3-digit sequence, numbered west to east within
 * rows, rows north to south.  A row is a band as tall as a typical grid
 * (the square root of the median area).
 */
void
linli_grid_edits_renumber (LinliHistory *history,
                           guint         community)
{
  LinliProject *project = linli_history_get_project (history);
  LinliGrids *grids = linli_project_get_grids (project);
  const LinliProjection *projection = projection_of (history);
  const char *prefix = linli_project_get_community (project, community)->id;
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr (GArray) areas = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  double top = -G_MAXDOUBLE, band;

  for (guint i = 0; i < linli_grids_get_n_grids (grids); i++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, i);
      double lat, lon, x, y, area;

      if (linli_grid_get_community (grid) != community)
        continue;
      linli_polygon_centroid (linli_grid_get_polygon (grid), projection, &lat, &lon);
      linli_projection_forward (projection, lat, lon, &x, &y);
      area = linli_polygon_area (linli_grid_get_polygon (grid), projection);
      g_array_append_val (placed, ((Placed) { grid, 0, x }));
      g_array_append_val (areas, area);
      g_array_append_val (ys, y);
      top = MAX (top, y);
    }
  if (placed->len == 0)
    return;
  g_array_sort (areas, compare_double);
  band = MAX (sqrt (g_array_index (areas, double, areas->len / 2)), 1.0);
  for (guint i = 0; i < placed->len; i++)
    g_array_index (placed, Placed, i).row = (guint) floor ((top - g_array_index (ys, double, i)) / band + 0.5);
  g_array_sort (placed, compare_placed);

  linli_history_begin_group (history, _("Renumber Grids"));
  for (guint i = 0; i < placed->len; i++)
    {
      LinliGrid *grid = g_array_index (placed, Placed, i).grid;
      g_autoptr (LinliGridState) state = linli_grid_state_copy (linli_grid_get_state (grid));

      g_free (state->code);
      state->code = g_strdup_printf ("%s%03u", prefix, i + 1);
      linli_grid_edits_change (history, _("Renumber Grids"), grid, state);
    }
  linli_history_end_group (history);
}

/**
 * linli_grid_edits_set_range:
 *
 * Sets how many households a grid should hold.
 */
void
linli_grid_edits_set_range (LinliHistory *history,
                            guint         min,
                            guint         max)
{
  LinliGrids *grids = linli_project_get_grids (linli_history_get_project (history));
  RangeEdit *edit;

  g_return_if_fail (min <= max);
  if (linli_grids_get_min_households (grids) == min && linli_grids_get_max_households (grids) == max)
    return;
  edit = linli_edit_new (&range_edit_class, _("Set Household Range of Grids"));
  edit->min[0] = linli_grids_get_min_households (grids);
  edit->max[0] = linli_grids_get_max_households (grids);
  edit->min[1] = min;
  edit->max[1] = max;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/**
 * linli_grid_edits_set_boundary:
 * @compound: %TRUE for a compound's boundary, %FALSE for a community's
 * @index: which compound or community
 * @boundary: (nullable): the new boundary, or %NULL to remove it
 */
void
linli_grid_edits_set_boundary (LinliHistory *history,
                               gboolean      compound,
                               guint         index,
                               LinliPolygon *boundary)
{
  LinliGrids *grids = linli_project_get_grids (linli_history_get_project (history));
  LinliPolygon *old = compound ? linli_grids_get_compound_boundary (grids, index)
                               : linli_grids_get_community_boundary (grids, index);
  BoundaryEdit *edit;

  if (linli_polygon_equal (old, boundary))
    return;
  edit = linli_edit_new (&boundary_edit_class, compound ? _("Set Compound Boundary")
                                                        : _("Set Community Boundary"));
  edit->compound = compound;
  edit->index = index;
  edit->boundary[0] = old != NULL ? linli_polygon_ref (old) : NULL;
  edit->boundary[1] = boundary != NULL ? linli_polygon_ref (boundary) : NULL;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/**
 * linli_grid_edits_replace:
 * @label: what the change is called in the Undo menu
 * @states: (element-type LinliGridState): the new grids; their ids are
 *   given fresh
 *
 * Replaces the unlocked grids of @community by @states, as one step: what
 * a proposal does.
 */
void
linli_grid_edits_replace (LinliHistory *history,
                          const char   *label,
                          guint         community,
                          GPtrArray    *states)
{
  LinliGrids *grids = linli_project_get_grids (linli_history_get_project (history));

  linli_history_begin_group (history, label);
  for (guint i = linli_grids_get_n_grids (grids); i-- > 0;)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, i);

      if (linli_grid_get_community (grid) == community && !linli_grid_get_locked (grid))
        linli_grid_edits_remove (history, grid);
    }
  for (guint i = 0; i < states->len; i++)
    {
      g_autoptr (LinliGridState) state = linli_grid_state_copy (states->pdata[i]);

      g_free (state->id);
      state->id = linli_grids_new_id (grids);
      state->community = community;
      push_grid_edit (history, label, state->id, linli_grids_get_n_grids (grids), NULL, state);
    }
  linli_history_end_group (history);
}
