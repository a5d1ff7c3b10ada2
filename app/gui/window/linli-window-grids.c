/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-geos.h"
#include "linli-grid-edits.h"
#include "linli-grids.h"
#include "linli-window-private.h"

/* The grid tools on the map: draw a grid by clicking its corners, move the
 * selected grid's vertices by dragging them, cut it along a drawn line,
 * merge it with the next grid clicked, delete it, number its community's
 * grids; and the same drawing for the boundary of a community or a
 * compound.  Every change goes through the grid edits, so each is one undo
 * step; a refused change is said in a toast, in the user's language.
 */

/* Auxiliary methods */

/* Whether clicks with @tool draw an area: a grid or a boundary. */
static gboolean
tool_draws_area (LinliGridTool tool)
{
  return tool == LINLI_GRID_TOOL_DRAW || tool == LINLI_GRID_TOOL_COMMUNITY_BOUNDARY ||
         tool == LINLI_GRID_TOOL_COMPOUND_BOUNDARY;
}

/* The community or compound whose boundary is being drawn, when one was
 * named (linli_window_draw_boundary_of()) and still exists; else
 * G_MAXUINT, and the nearest building's is meant. */
static guint
boundary_target (LinliWindow *self)
{
  gboolean compound = self->grid_tool == LINLI_GRID_TOOL_COMPOUND_BOUNDARY;

  if (self->project == NULL || self->boundary_target == G_MAXUINT ||
      self->boundary_target >= (compound ? linli_project_get_n_compounds (self->project)
                                         : linli_project_get_n_communities (self->project)))
    return G_MAXUINT;
  return self->boundary_target;
}

/* Whether clicks with @tool add points to a sketch, an area or a cut. */
static gboolean
tool_sketches (LinliGridTool tool)
{
  return tool_draws_area (tool) || tool == LINLI_GRID_TOOL_SPLIT;
}

static LinliPainter *
window_painter (LinliWindow *self)
{
  return linli_map_layer_get_painter (self->layer);
}

static void
toast_error (LinliWindow  *self,
             const char   *what,
             const GError *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  linli_window_toast (self, text, 8);
}

/* The drawing in progress on the map: the vertices clicked, then the
 * pointer, as an area for a grid or a line for a cut. */
static void
update_sketch (LinliWindow *self)
{
  g_autoptr (GArray) points = g_array_copy (self->grid_points);

  if (!tool_sketches (self->grid_tool))
    {
      linli_painter_set_sketch (window_painter (self), NULL, 0, FALSE);
      return;
    }
  if (self->grid_pointer_in && points->len > 0)
    g_array_append_val (points, ((LinliLatLon) { self->grid_pointer_lat, self->grid_pointer_lon }));
  linli_painter_set_sketch (window_painter (self), (LinliLatLon *) points->data, points->len,
                            tool_draws_area (self->grid_tool));
}

static void
update_hint (LinliWindow *self)
{
  const char *text = NULL;
  g_autofree char *target = NULL;

  switch (self->grid_tool)
    {
    case LINLI_GRID_TOOL_DRAW:
      text = _("Click the corners of the new grid — double-click or Enter to finish, Backspace to take back "
               "a corner, Esc to stop");
      break;
    case LINLI_GRID_TOOL_SPLIT:
      text = _("Draw a line across the selected grid, from outside to outside — double-click or Enter to cut, "
               "Esc to stop");
      break;
    case LINLI_GRID_TOOL_MERGE:
      text = _("Click the grid to merge the selected grid with — Esc to stop");
      break;
    case LINLI_GRID_TOOL_VERTICES:
      text = _("Drag a corner of the selected grid — Esc to stop");
      break;
    case LINLI_GRID_TOOL_COMMUNITY_BOUNDARY:
      if (boundary_target (self) != G_MAXUINT)
        text = target = g_strdup_printf (_("Click the corners of the boundary of “%s” — double-click or Enter "
                                           "to finish, Backspace to take back a corner, Esc to stop"),
                                         linli_project_get_community (self->project,
                                                                      boundary_target (self))->name);
      else
        text = _("Click the corners of the boundary of the nearest building's community — "
                 "double-click or Enter to finish, Backspace to take back a corner, Esc to stop");
      break;
    case LINLI_GRID_TOOL_COMPOUND_BOUNDARY:
      if (boundary_target (self) != G_MAXUINT)
        text = target = g_strdup_printf (_("Click the corners of the boundary of “%s” — double-click or Enter "
                                           "to finish, Backspace to take back a corner, Esc to stop"),
                                         linli_project_get_compound (self->project,
                                                                     boundary_target (self))->name);
      else
        text = _("Click the corners of the boundary of the nearest building's compound — "
                 "double-click or Enter to finish, Backspace to take back a corner, Esc to stop");
      break;
    case LINLI_GRID_TOOL_NONE:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->grid_hint), text != NULL);
  if (text != NULL)
    gtk_label_set_text (self->grid_hint, text);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map),
                                   text != NULL && self->grid_tool != LINLI_GRID_TOOL_VERTICES ? "crosshair" : NULL);
}

static void
set_tool (LinliWindow   *self,
          LinliGridTool  tool)
{
  if (tool != LINLI_GRID_TOOL_NONE)
    linli_window_set_add_mode (self, FALSE);
  /* A boundary drawn for a named community or compound is for that
   * drawing only (linli_window_draw_boundary_of() names it again). */
  self->boundary_target = G_MAXUINT;
  self->grid_tool = tool;
  g_array_set_size (self->grid_points, 0);
  update_sketch (self);
  update_hint (self);
  linli_window_update_grid_actions (self);
}

/* The grid under a place, the last drawn where grids overlap, as the map
 * shows it on top. */
static LinliGrid *
grid_at (LinliWindow *self,
         double       lat,
         double       lon)
{
  LinliGrids *grids = linli_project_get_grids (self->project);

  for (guint i = linli_grids_get_n_grids (grids); i-- > 0;)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, i);

      if (linli_polygon_contains (linli_grid_get_polygon (grid), lat, lon))
        return grid;
    }
  return NULL;
}

/* The community a grid drawn from (@lat, @lon) belongs to: the one whose
 * boundary holds the point, else the nearest building's, else the
 * selected grid's.
 *
 * Returns: the community's index, or -1 */
static int
community_at (LinliWindow *self,
              double       lat,
              double       lon)
{
  const LinliProjection *projection = linli_project_get_projection (self->project);
  guint n = linli_project_get_n_communities (self->project);
  double best = INFINITY;
  int nearest = -1;

  for (guint c = 0; c < n; c++)
    {
      gboolean derived;
      LinliPolygon *boundary = linli_document_get_community_boundary (self->document, c, &derived);

      if (boundary != NULL && !derived && linli_polygon_contains (boundary, lat, lon))
        return c;
    }
  for (guint i = 0; i < linli_project_get_n_buildings (self->project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, i);
      double d = linli_projection_distance (projection, lat, lon, b->lat, b->lon);

      if (d < best)
        {
          best = d;
          nearest = linli_project_building_community (self->project, i);
        }
    }
  if (nearest >= 0)
    return nearest;
  if (self->grid_selected != NULL)
    return linli_grid_get_community (self->grid_selected);
  return n > 0 ? 0 : -1;
}

/* The building nearest to (@lat, @lon).
 *
 * Returns: its index, or -1 when the project has none */
static int
nearest_building (LinliWindow *self,
                  double       lat,
                  double       lon)
{
  const LinliProjection *projection = linli_project_get_projection (self->project);
  double best = INFINITY;
  int nearest = -1;

  for (guint i = 0; i < linli_project_get_n_buildings (self->project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, i);
      double d = linli_projection_distance (projection, lat, lon, b->lat, b->lon);

      if (d < best)
        {
          best = d;
          nearest = i;
        }
    }
  return nearest;
}

/* Ends the drawing of a boundary: the community or compound of the
 * building nearest to the first corner gets the outline, made valid, as
 * one undo step.
 *
 * Returns: whether the boundary was set */
static gboolean
finish_boundary (LinliWindow  *self,
                 GError      **error)
{
  const LinliProjection *projection = linli_project_get_projection (self->project);
  gboolean compound = self->grid_tool == LINLI_GRID_TOOL_COMPOUND_BOUNDARY;
  const LinliLatLon *first;
  g_autoptr (LinliPolygon) drawn = NULL;
  g_autoptr (LinliPolygon) valid = NULL;
  const LinliBuilding *b;
  guint index;
  int building;

  if (self->grid_points->len < 3)
    {
      g_set_error_literal (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID,
                           _("an outline needs at least 3 points"));
      return FALSE;
    }
  first = &g_array_index (self->grid_points, LinliLatLon, 0);
  if (boundary_target (self) != G_MAXUINT)
    {
      index = boundary_target (self);
    }
  else
    {
      building = nearest_building (self, first->lat, first->lon);
      if (building < 0)
        {
          g_set_error_literal (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID,
                               _("the project has no building to tell whose boundary it is"));
          return FALSE;
        }
      b = linli_project_get_building (self->project, building);
      index = compound ? b->compound : linli_project_building_community (self->project, building);
    }
  drawn = linli_polygon_new_simple ((LinliLatLon *) self->grid_points->data,
                                    self->grid_points->len);
  valid = drawn != NULL ? linli_polygon_make_valid (drawn, projection) : NULL;
  /* A bow tie pinched to a line, or a rectangle of no width, has nothing
   * left that could hold a building. */
  if (valid == NULL || linli_polygon_area (valid, projection) < 1.0)
    {
      g_set_error_literal (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID,
                           _("the outline has no area"));
      return FALSE;
    }
  linli_grid_edits_set_boundary (self->history, compound, index, valid);
  return TRUE;
}

/* Ends the drawing: a grid for the draw tool, a cut for the split tool, a
 * boundary for the boundary tools. */
static void
finish (LinliWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) points = g_array_ref (self->grid_points);

  if (self->grid_tool == LINLI_GRID_TOOL_DRAW)
    {
      LinliLatLon *first = points->len > 0 ? &g_array_index (points, LinliLatLon, 0) : NULL;
      int community = first != NULL ? community_at (self, first->lat, first->lon) : -1;
      LinliGrid *grid = NULL;

      if (community < 0)
        {
          g_set_error_literal (&error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID,
                               points->len < 3 ? _("an outline needs at least 3 points")
                                               : _("the project has no community to put it in"));
        }
      else
        {
          grid = linli_grid_edits_add (self->history, community, (LinliLatLon *) points->data, points->len,
                                       &error);
        }
      if (grid == NULL)
        {
          toast_error (self, _("No grid drawn"), error);
          return;   /* the tool stays on, the corners with it, to be mended */
        }
      g_array_unref (self->grid_points);
      self->grid_points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
      set_tool (self, LINLI_GRID_TOOL_NONE);
      linli_window_select_grid (self, grid, FALSE);
    }
  else if (self->grid_tool == LINLI_GRID_TOOL_COMMUNITY_BOUNDARY ||
           self->grid_tool == LINLI_GRID_TOOL_COMPOUND_BOUNDARY)
    {
      if (!finish_boundary (self, &error))
        {
          toast_error (self, _("No boundary drawn"), error);
          return;   /* the tool stays on, the corners with it, to be mended */
        }
      set_tool (self, LINLI_GRID_TOOL_NONE);
    }
  else if (self->grid_tool == LINLI_GRID_TOOL_SPLIT && self->grid_selected != NULL)
    {
      if (!linli_grid_edits_split (self->history, self->grid_selected, (LinliLatLon *) points->data, points->len,
                                   &error))
        {
          toast_error (self, _("The grid was not split"), error);
          g_array_set_size (self->grid_points, 0);
          update_sketch (self);
          return;
        }
      set_tool (self, LINLI_GRID_TOOL_NONE);
    }
}

/* Actions */

static void
grid_draw_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  set_tool (LINLI_WINDOW (widget), LINLI_GRID_TOOL_DRAW);
}

static void
grid_edit_vertices_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  set_tool (LINLI_WINDOW (widget), LINLI_GRID_TOOL_VERTICES);
}

static void
grid_split_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  set_tool (LINLI_WINDOW (widget), LINLI_GRID_TOOL_SPLIT);
}

static void
grid_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  set_tool (LINLI_WINDOW (widget), LINLI_GRID_TOOL_MERGE);
}

static void
grid_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  LinliGrid *grid = self->grid_selected;

  if (grid == NULL)
    return;
  set_tool (self, LINLI_GRID_TOOL_NONE);
  linli_window_select_grid (self, NULL, FALSE);
  linli_grid_edits_remove (self->history, grid);
}

static void
grid_renumber_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);

  if (self->grid_selected != NULL)
    linli_grid_edits_renumber (self->history, linli_grid_get_community (self->grid_selected));
}

static void
grid_finish_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  finish (LINLI_WINDOW (widget));
}

static void
grid_remove_point_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);

  if (self->grid_points->len > 0)
    g_array_set_size (self->grid_points, self->grid_points->len - 1);
  update_sketch (self);
  linli_window_update_grid_actions (self);
}

static void
boundary_draw_community_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  set_tool (LINLI_WINDOW (widget), LINLI_GRID_TOOL_COMMUNITY_BOUNDARY);
}

static void
boundary_draw_compound_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  set_tool (LINLI_WINDOW (widget), LINLI_GRID_TOOL_COMPOUND_BOUNDARY);
}

/**
 * linli_window_draw_boundary_of:
 * @compound: whether @index is a compound's, else a community's
 * @index: whose boundary the planner draws next
 *
 * Starts drawing the boundary of one community or compound, named in the
 * hint: a new one has no building yet to find it by.
 */
void
linli_window_draw_boundary_of (LinliWindow *self,
                               gboolean     compound,
                               guint        index)
{
  g_return_if_fail (index < (compound ? linli_project_get_n_compounds (self->project)
                                      : linli_project_get_n_communities (self->project)));

  set_tool (self, compound ? LINLI_GRID_TOOL_COMPOUND_BOUNDARY : LINLI_GRID_TOOL_COMMUNITY_BOUNDARY);
  self->boundary_target = index;
  update_hint (self);
}

/* Only a boundary drawn or imported is cleared: one derived from the
 * grids is no stored state, and goes when the grids go. */
static void
boundary_clear_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  LinliGrids *grids;
  guint community;

  if (self->grid_selected == NULL)
    return;
  grids = linli_project_get_grids (self->project);
  community = linli_grid_get_community (self->grid_selected);
  if (linli_grids_get_community_boundary (grids, community) == NULL)
    {
      linli_window_toast (self, _("The selected grid's community has no drawn or imported "
                                  "boundary to clear"), 5);
      return;
    }
  linli_grid_edits_set_boundary (self->history, FALSE, community, NULL);
}

/* Callbacks */

static void
on_grid_selected_cb (LinliWindow    *self,
                     LinliGrid      *grid,
                     LinliGridPanel *panel)
{
  linli_window_select_grid (self, grid, TRUE);
}

static void
on_grid_building_activated_cb (LinliWindow    *self,
                               int             building,
                               LinliGridPanel *panel)
{
  const LinliBuilding *b;
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (building < 0 || (guint) building >= linli_project_get_n_buildings (self->project))
    return;
  b = linli_project_get_building (self->project, building);
  linli_map_layer_set_highlight (self->layer, building);
  if (shumate_viewport_get_zoom_level (viewport) < 16)
    shumate_viewport_set_zoom_level (viewport, 16);
  shumate_map_center_on (self->map, b->lat, b->lon);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              LinliWindow              *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (!tool_sketches (self->grid_tool))
    return;
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y,
                                              &self->grid_pointer_lat, &self->grid_pointer_lon);
  self->grid_pointer_in = linli_lat_lon_is_valid (self->grid_pointer_lat, self->grid_pointer_lon);
  if (self->grid_points->len > 0)
    update_sketch (self);
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             LinliWindow              *self)
{
  self->grid_pointer_in = FALSE;
  if (self->grid_points->len > 0)
    update_sketch (self);
}

/* Package API */

void
linli_window_class_init_grid_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "grid.draw", NULL, grid_draw_action);
  gtk_widget_class_install_action (widget_class, "grid.edit-vertices", NULL, grid_edit_vertices_action);
  gtk_widget_class_install_action (widget_class, "grid.split", NULL, grid_split_action);
  gtk_widget_class_install_action (widget_class, "grid.merge", NULL, grid_merge_action);
  gtk_widget_class_install_action (widget_class, "grid.delete", NULL, grid_delete_action);
  gtk_widget_class_install_action (widget_class, "grid.renumber", NULL, grid_renumber_action);
  gtk_widget_class_install_action (widget_class, "grid.finish", NULL, grid_finish_action);
  gtk_widget_class_install_action (widget_class, "grid.remove-point", NULL, grid_remove_point_action);
  gtk_widget_class_install_action (widget_class, "boundary.draw-community", NULL,
                                   boundary_draw_community_action);
  gtk_widget_class_install_action (widget_class, "boundary.draw-compound", NULL,
                                   boundary_draw_compound_action);
  gtk_widget_class_install_action (widget_class, "boundary.clear", NULL, boundary_clear_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "grid.finish", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "grid.finish", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "grid.remove-point", NULL);
}

void
linli_window_init_grids (LinliWindow *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->grid_points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  self->boundary_target = G_MAXUINT;
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);
  g_signal_connect_object (self->grid_panel, "grid-selected", G_CALLBACK (on_grid_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grid_panel, "building-activated", G_CALLBACK (on_grid_building_activated_cb),
                           self, G_CONNECT_SWAPPED);
}

void
linli_window_dispose_grids (LinliWindow *self)
{
  g_clear_pointer (&self->grid_points, g_array_unref);
  self->grid_selected = NULL;
  self->drag_grid = NULL;
}

/* Which grid actions can run now.  Enter and Backspace belong to the
 * drawing only while there is one, so that they reach entries otherwise. */
void
linli_window_update_grid_actions (LinliWindow *self)
{
  gboolean selected = self->grid_selected != NULL;
  gboolean drawing = tool_sketches (self->grid_tool);
  gboolean has_project = self->project != NULL && linli_project_get_n_communities (self->project) > 0;
  gboolean has_buildings = self->project != NULL &&
                           linli_project_get_n_buildings (self->project) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.draw", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.edit-vertices", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.split", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.merge", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.renumber", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.finish", drawing && self->grid_points->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.remove-point", drawing && self->grid_points->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "boundary.draw-community", has_buildings);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "boundary.draw-compound",
                                 has_buildings &&
                                 linli_project_get_n_compounds (self->project) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "boundary.clear", selected);
}

/* A click on the map at (@x, @y) in the map's coordinates.
 *
 * Returns: whether a grid tool took it */
gboolean
linli_window_grid_click (LinliWindow *self,
                         int          n_press,
                         double       x,
                         double       y)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double lat, lon;

  if (self->grid_tool == LINLI_GRID_TOOL_NONE || self->grid_tool == LINLI_GRID_TOOL_VERTICES)
    return FALSE;
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y, &lat, &lon);
  if (!linli_lat_lon_is_valid (lat, lon))
    return TRUE;
  /* The second release of a double-click closes what the first one drew. */
  if (n_press >= 2 && self->grid_tool != LINLI_GRID_TOOL_MERGE)
    {
      finish (self);
      return TRUE;
    }
  linli_window_grid_tool_click_at (self, lat, lon);
  return TRUE;
}

/* Esc: the point being drawn goes first, then the tool.
 *
 * Returns: whether a grid tool took it */
gboolean
linli_window_grid_cancel (LinliWindow *self)
{
  if (self->grid_tool == LINLI_GRID_TOOL_NONE)
    return FALSE;
  set_tool (self, LINLI_GRID_TOOL_NONE);
  return TRUE;
}

/* Returns: whether the drag is a vertex of the selected grid being moved */
gboolean
linli_window_grid_drag_begin (LinliWindow *self,
                              double       x,
                              double       y)
{
  LinliMapView view;

  self->drag_grid = NULL;
  if (self->grid_tool != LINLI_GRID_TOOL_VERTICES || self->grid_selected == NULL ||
      !linli_map_layer_get_view (self->layer, &view))
    return FALSE;
  if (!linli_painter_pick_grid_vertex (window_painter (self), &view, self->grid_selected, x, y,
                                       &self->drag_ring, &self->drag_vertex))
    return FALSE;
  self->drag_grid = self->grid_selected;
  return TRUE;
}

/* While a vertex is dragged the outline follows as a sketch; the grid
 * itself changes once, when the drag ends, as one undo step. */
void
linli_window_grid_drag_update (LinliWindow *self,
                               double       x,
                               double       y)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  LinliPolygon *polygon;
  g_autoptr (GArray) ring = NULL;
  const LinliLatLon *points;
  double lat, lon;
  guint n;

  if (self->drag_grid == NULL)
    return;
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y, &lat, &lon);
  if (!linli_lat_lon_is_valid (lat, lon))
    return;
  polygon = linli_grid_get_polygon (self->drag_grid);
  points = linli_polygon_get_ring (polygon, self->drag_ring, &n);
  ring = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_array_append_vals (ring, points, n);
  if (self->drag_vertex < n)
    g_array_index (ring, LinliLatLon, self->drag_vertex) = (LinliLatLon) { lat, lon };
  linli_painter_set_sketch (window_painter (self), (LinliLatLon *) ring->data, ring->len, TRUE);
}

void
linli_window_grid_drag_end (LinliWindow *self,
                            double       x,
                            double       y)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_autoptr (GError) error = NULL;
  LinliGrid *grid = self->drag_grid;
  double lat, lon;

  if (grid == NULL)
    return;
  self->drag_grid = NULL;
  linli_painter_set_sketch (window_painter (self), NULL, 0, FALSE);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y, &lat, &lon);
  if (!linli_lat_lon_is_valid (lat, lon))
    return;
  if (!linli_grid_edits_move_vertex (self->history, grid, self->drag_ring, self->drag_vertex, lat, lon, &error))
    toast_error (self, _("The corner was not moved"), error);
}

/* The document was replaced or its grids changed: a selection or a drag
 * of a grid that is gone is let go. */
void
linli_window_grids_document_changed (LinliWindow *self)
{
  LinliGrids *grids = self->project != NULL ? linli_project_get_grids (self->project) : NULL;

  if (self->grid_selected != NULL && (grids == NULL || !linli_grids_find (grids, linli_grid_get_id (self->grid_selected), NULL) ||
                                      linli_grids_find (grids, linli_grid_get_id (self->grid_selected), NULL) != self->grid_selected))
    {
      self->grid_selected = NULL;
      linli_painter_set_selected_grid (window_painter (self), NULL);
      if (!tool_draws_area (self->grid_tool))
        set_tool (self, LINLI_GRID_TOOL_NONE);
    }
  if (self->drag_grid != NULL && self->drag_grid != self->grid_selected)
    self->drag_grid = NULL;
  /* The legend's grid rows, while there are grids to explain. */
  gtk_widget_set_visible (self->grid_legend, grids != NULL && linli_grids_get_n_grids (grids) > 0);
  linli_window_update_grid_actions (self);
}

/* Public API */

/**
 * linli_window_get_grid_panel:
 *
 * Returns: (transfer none): the Grids page
 */
LinliGridPanel *
linli_window_get_grid_panel (LinliWindow *self)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);
  return self->grid_panel;
}

/**
 * linli_window_get_selected_grid:
 *
 * Returns: (transfer none) (nullable): the grid selected on the map and in
 *   the Grids page
 */
LinliGrid *
linli_window_get_selected_grid (LinliWindow *self)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);
  return self->grid_selected;
}

/**
 * linli_window_select_grid:
 * @grid: (nullable): a grid of the project, or %NULL
 * @show: whether to bring it into view
 *
 * Selects @grid on the map and in the Grids page; @show centres the map
 * on it at a zoom that shows all of it.
 */
void
linli_window_select_grid (LinliWindow *self,
                          LinliGrid   *grid,
                          gboolean     show)
{
  g_return_if_fail (LINLI_IS_WINDOW (self));

  if (grid != self->grid_selected)
    {
      self->grid_selected = grid;
      linli_painter_set_selected_grid (window_painter (self), grid);
      linli_grid_panel_select (self->grid_panel, grid);
      if (grid == NULL && !tool_draws_area (self->grid_tool))
        set_tool (self, LINLI_GRID_TOOL_NONE);
      linli_window_update_grid_actions (self);
    }
  if (show && grid != NULL)
    {
      ShumateViewport *viewport = shumate_map_get_viewport (self->map);
      int width = gtk_widget_get_width (GTK_WIDGET (self->map)), height = gtk_widget_get_height (GTK_WIDGET (self->map));
      LinliExtent extent;
      LinliMapView view;

      linli_polygon_get_extent (linli_grid_get_polygon (grid), &extent);
      if (width > 0 && height > 0 &&
          linli_map_view_fit (&view, extent.min_lat, extent.min_lon, extent.max_lat, extent.max_lon, width, height,
                              40))
        shumate_viewport_set_zoom_level (viewport, MIN (view.zoom, 18));
      shumate_map_center_on (self->map, (extent.min_lat + extent.max_lat) / 2, (extent.min_lon + extent.max_lon) / 2);
    }
}

/**
 * linli_window_grid_tool_click_at:
 * @lat: latitude of the click
 * @lon: longitude of the click
 *
 * What a click on the map at (@lat, @lon) does with the grid tool on: a
 * corner of the grid or boundary being drawn, a point of the cut, or the
 * grid to merge with.  Nothing without a tool.
 */
void
linli_window_grid_tool_click_at (LinliWindow *self,
                                 double       lat,
                                 double       lon)
{
  g_return_if_fail (LINLI_IS_WINDOW (self));

  switch (self->grid_tool)
    {
    case LINLI_GRID_TOOL_DRAW:
    case LINLI_GRID_TOOL_SPLIT:
    case LINLI_GRID_TOOL_COMMUNITY_BOUNDARY:
    case LINLI_GRID_TOOL_COMPOUND_BOUNDARY:
      g_array_append_val (self->grid_points, ((LinliLatLon) { lat, lon }));
      update_sketch (self);
      linli_window_update_grid_actions (self);
      break;
    case LINLI_GRID_TOOL_MERGE:
      {
        LinliGrid *other = grid_at (self, lat, lon);
        LinliGrid *grid = self->grid_selected;
        g_autoptr (GError) error = NULL;

        if (other == NULL || grid == NULL)
          return;
        if (!linli_grid_edits_merge (self->history, grid, other, &error))
          {
            toast_error (self, _("The grids were not merged"), error);
            return;
          }
        set_tool (self, LINLI_GRID_TOOL_NONE);
      }
      break;
    case LINLI_GRID_TOOL_VERTICES:
    case LINLI_GRID_TOOL_NONE:
    default:
      break;
    }
}

/**
 * linli_window_get_grid_tool:
 *
 * Returns: the grid tool on, or %LINLI_GRID_TOOL_NONE
 */
int
linli_window_get_grid_tool (LinliWindow *self)
{
  g_return_val_if_fail (LINLI_IS_WINDOW (self), 0);
  return self->grid_tool;
}
