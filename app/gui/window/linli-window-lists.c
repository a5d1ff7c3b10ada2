/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window-lists"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-window-private.h"

/* The side panel's lists and what choosing in them does to the map: a
 * community row zooms to the community, a proposed site's row shows the
 * site; and the panes that let those lists grow.  Also what a click on a
 * building tells, including the walk to its nearest site. */

/* Auxiliary methods */

/* Shows the box, with a margin, as close as the map allows. */
static gboolean
zoom_to_box (LinliWindow *self,
             double       min_lat,
             double       min_lon,
             double       max_lat,
             double       max_lon)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  LinliMapView view;

  if (width < 50 || height < 50)
    return FALSE;
  /* The same margin as the whole district's view: 8 % of the shorter side. */
  if (!linli_map_view_fit (&view, min_lat, min_lon, max_lat, max_lon, (int) width, (int) height,
                           0.08 * MIN (width, height)))
    return FALSE;
  shumate_viewport_set_zoom_level (viewport, view.zoom);
  shumate_map_center_on (self->map, view.center_lat, view.center_lon);
  return TRUE;
}

/* As long as the planner has not moved a pane's divider, the part above
 * gets @want pixels, but at least @min_share and at most @max_share of the
 * pane: the window may be laid out a few times at other sizes before it
 * reaches its own.  Once the planner drags the divider, that split stays. */
static void
place_pane (GtkPaned *paned,
            int       want,
            double    min_share,
            double    max_share)
{
  int min = 0, max = 0;
  int set = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (paned), "linli-placed"));
  int height = gtk_widget_get_height (GTK_WIDGET (paned));
  int position;

  g_object_get (paned, "min-position", &min, "max-position", &max, NULL);
  if (max <= 0 || height <= 0 || (set > 0 && gtk_paned_get_position (paned) != set - 1))
    return;
  /* Shares of the whole pane, within what the two parts' own minimums allow. */
  position = CLAMP (want, (int) (min_share * height), (int) (max_share * height));
  position = CLAMP (position, min, max);
  g_object_set_data (G_OBJECT (paned), "linli-placed", GINT_TO_POINTER (position + 1));
  gtk_paned_set_position (paned, position);
}

static int
natural_height (GtkWidget *widget,
                int        width)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

/* Callbacks */

static void
on_side_paned_max_position_cb (GtkPaned    *paned,
                               GParamSpec  *pspec,
                               LinliWindow *self)
{
  /* A little more than half for the figures and the communities: at
   * 1280 × 800 that is two or three rows of each list, and all five
   * communities at 1920 × 1080. */
  place_pane (paned, G_MAXINT, 0.55, 0.55);
}

static void
on_sites_paned_max_position_cb (GtkPaned    *paned,
                                GParamSpec  *pspec,
                                LinliWindow *self)
{
  int editor = natural_height (GTK_WIDGET (self->site_editor), gtk_widget_get_width (GTK_WIDGET (paned)));

  /* The whole editor, as long as the site list keeps nearly half. */
  place_pane (paned, gtk_widget_get_height (GTK_WIDGET (paned)) - editor, 0.45, 0.7);
}

static void
on_community_view_activate_cb (GtkListView *view,
                               guint        position,
                               LinliWindow *self)
{
  g_autoptr (LinliIndexItem) item = g_list_model_get_item (G_LIST_MODEL (self->communities), position);

  if (item != NULL)
    linli_window_zoom_to_community (self, linli_index_item_get_index (item));
}

static void
on_plan_show_site_cb (LinliWindow *self,
                      const char  *id)
{
  LinliSite *site = self->project != NULL ? linli_project_find_site (self->project, id, NULL) : NULL;
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_autofree char *page = NULL;

  if (site == NULL)
    return;
  /* Selecting a site turns to the Sites page; the planner is looking at
   * the plan, so the page stays. */
  page = g_strdup (gtk_stack_get_visible_child_name (self->side_stack));
  linli_window_select_site (self, site, TRUE);
  if (page != NULL)
    gtk_stack_set_visible_child_name (self->side_stack, page);
  /* Close enough to tell buildings apart, as a finding of the checks does. */
  if (shumate_viewport_get_zoom_level (viewport) < 16)
    shumate_viewport_set_zoom_level (viewport, 16);
  shumate_map_center_on (self->map, linli_site_get_lat (site), linli_site_get_lon (site));
}

/* Private API */

/**
 * linli_window_init_lists:
 *
 * Connects the side panel's lists and panes; called once from init.
 */
void
linli_window_init_lists (LinliWindow *self)
{
  gtk_list_view_set_single_click_activate (self->community_view, TRUE);
  g_signal_connect_object (self->community_view, "activate", G_CALLBACK (on_community_view_activate_cb), self, 0);
  g_signal_connect_object (self->plan_panel, "show-site", G_CALLBACK (on_plan_show_site_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->side_paned, "notify::max-position", G_CALLBACK (on_side_paned_max_position_cb),
                           self, 0);
  g_signal_connect_object (self->sites_paned, "notify::max-position", G_CALLBACK (on_sites_paned_max_position_cb),
                           self, 0);
}

/**
 * linli_window_zoom_to_community:
 * @community: an index into the project's communities
 *
 * Shows the community's buildings as large as the map allows.
 *
 * Returns: whether the map moved (%FALSE for a community with no building
 *   or a map not laid out yet)
 */
gboolean
linli_window_zoom_to_community (LinliWindow *self,
                                guint        community)
{
  double min_lat = INFINITY, min_lon = INFINITY, max_lat = -INFINITY, max_lon = -INFINITY;

  if (self->project == NULL || community >= linli_project_get_n_communities (self->project))
    return FALSE;
  for (guint i = 0; i < linli_project_get_n_buildings (self->project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, i);

      if (linli_project_building_community (self->project, i) != community)
        continue;
      min_lat = MIN (min_lat, b->lat);
      min_lon = MIN (min_lon, b->lon);
      max_lat = MAX (max_lat, b->lat);
      max_lon = MAX (max_lon, b->lon);
    }
  if (!isfinite (min_lat))
    return FALSE;
  return zoom_to_box (self, min_lat, min_lon, max_lat, max_lon);
}

/**
 * linli_window_nearest_site:
 * @building: an index into the project's buildings
 * @distance: (out): metres to the site, by the project's rule
 *
 * Finds the counted site (existing or planned) nearest to @building, by
 * the project's rule: in a straight line, or walking along the streets.
 *
 * Returns: (nullable) (transfer none): the site, or %NULL if none counts or
 *   none can be reached
 */
LinliSite *
linli_window_nearest_site (LinliWindow *self,
                           guint        building,
                           double      *distance)
{
  const LinliProjection *proj;
  const LinliBuilding *b;
  LinliWalk *walk = NULL;
  g_autoptr (GArray) order = NULL;
  LinliSite *best = NULL;
  double best_d = INFINITY, bx, by;

  typedef struct { double line; LinliSite *site; double x, y; } Near;

  *distance = INFINITY;
  if (self->project == NULL || building >= linli_project_get_n_buildings (self->project))
    return NULL;
  proj = linli_project_get_projection (self->project);
  b = linli_project_get_building (self->project, building);
  linli_projection_forward (proj, b->lat, b->lon, &bx, &by);
  if (linli_project_get_distance (self->project) == LINLI_DISTANCE_STREET)
    walk = linli_document_get_walk (self->document);

  order = g_array_new (FALSE, FALSE, sizeof (Near));
  for (guint s = 0; s < linli_project_get_n_sites (self->project); s++)
    {
      LinliSite *site = linli_project_get_site (self->project, s);
      Near n = { 0, site, 0, 0 };

      if (!linli_site_counts_for_coverage (site) ||
          !linli_lat_lon_is_valid (linli_site_get_lat (site), linli_site_get_lon (site)))
        continue;
      linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &n.x, &n.y);
      n.line = hypot (n.x - bx, n.y - by);
      g_array_append_val (order, n);
    }
  /* A walk is never shorter than the straight line, so sites are tried
   * nearest first and the search stops once the line alone is longer than
   * the best walk: one street search for most clicks, not one per site. */
  for (guint i = 1; i < order->len; i++)
    for (guint j = i; j > 0 && g_array_index (order, Near, j).line < g_array_index (order, Near, j - 1).line; j--)
      {
        Near t = g_array_index (order, Near, j);

        g_array_index (order, Near, j) = g_array_index (order, Near, j - 1);
        g_array_index (order, Near, j - 1) = t;
      }
  for (guint i = 0; i < order->len; i++)
    {
      const Near *n = &g_array_index (order, Near, i);
      double d;

      if (n->line >= best_d)
        break;
      d = walk != NULL ? linli_walk_distance (walk, bx, by, n->x, n->y) : n->line;
      if (d < best_d)
        {
          best_d = d;
          best = n->site;
        }
    }
  *distance = best_d;
  return best;
}

/**
 * linli_window_describe_building:
 * @building: an index into the project's buildings
 *
 * Returns: (transfer full): what a click on the building tells: its
 *   households, residents and members, whether it is covered, and the walk
 *   to its nearest site
 */
char *
linli_window_describe_building (LinliWindow *self,
                                guint        building)
{
  const LinliBuilding *b = linli_project_get_building (self->project, building);
  const LinliCompound *compound = linli_project_get_compound (self->project, b->compound);
  const LinliCoverage *coverage = linli_document_get_coverage (self->document);
  const char *covered = linli_coverage_is_covered (coverage, building) ? _("covered") : _("not covered");
  g_autofree char *text = NULL;
  LinliSite *site;
  double d;

  /* Party members the data did not give are unknown, not zero. */
  g_autofree char *members = b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN
                               ? g_strdup (_("party members unknown"))
                               : g_strdup_printf (_("%u party members"), b->party_members);

  if (b->flags & LINLI_BUILDING_ESTIMATED)
    text = g_strdup_printf (_("%s %s: %u households, %u residents (estimated), %s — %s"),
                            compound->name, b->name[0] ? b->name : b->id, b->households, b->residents,
                            members, covered);
  else
    text = g_strdup_printf (_("%s %s: %u households, %u residents, %s — %s"),
                            compound->name, b->name[0] ? b->name : b->id, b->households, b->residents,
                            members, covered);

  site = linli_window_nearest_site (self, building, &d);
  if (site == NULL)
    return g_strdup_printf (_("%s; no service site can be reached from here"), text);
  /* One line, as a toast shows it; minutes at the project's walking speed,
   * in km/h, rounded up as the walking rule counts them. */
  if (linli_project_get_distance (self->project) == LINLI_DISTANCE_STREET)
    /* Translators: the building's description, then metres, minutes and the site's name */
    return g_strdup_printf (_("%s; nearest site: %.0f m along the streets, %.0f min walk, to %s"), text, d,
                            ceil (d / (linli_project_get_walk_speed (self->project) * 1000 / 60)),
                            linli_site_get_name (site));
  /* Translators: the building's description, then metres, minutes and the site's name */
  return g_strdup_printf (_("%s; nearest site: %.0f m in a straight line, %.0f min walk, to %s"), text, d,
                          ceil (d / (linli_project_get_walk_speed (self->project) * 1000 / 60)),
                          linli_site_get_name (site));
}
