/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-meeting-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-meeting-view.h"

/* Metres in a degree of latitude, for the margin around proposed sites. */
#define METRES_PER_DEGREE 111320.0

struct _LinliMeetingView
{
  GObject             parent_instance;

  char               *kind;
  char               *title;
  gboolean            has_bounds;     /* else a centre and a zoom */
  double              min_lat, min_lon, max_lat, max_lon;
  double              lat, lon, zoom;
  gboolean            has_colors;
  LinliBuildingColors colors;
  gboolean            has_show_grids;
  gboolean            show_grids;
};

G_DEFINE_FINAL_TYPE (LinliMeetingView, linli_meeting_view, G_TYPE_OBJECT)

enum {
  SIGNAL_SHOWN,
  SIGNAL_HIDDEN,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* GObject overrides */

static void
linli_meeting_view_finalize (GObject *object)
{
  LinliMeetingView *self = LINLI_MEETING_VIEW (object);

  g_free (self->kind);
  g_free (self->title);
  G_OBJECT_CLASS (linli_meeting_view_parent_class)->finalize (object);
}

static void
linli_meeting_view_class_init (LinliMeetingViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = linli_meeting_view_finalize;

  /**
   * LinliMeetingView::shown:
   *
   * The meeting mode has stepped to this view, after moving the map and
   * applying the view's painter settings.  A view that needs more than the
   * map moved (a scenario switched in, say) does it here.
   */
  signals[SIGNAL_SHOWN] = g_signal_new ("shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LinliMeetingView::hidden:
   *
   * The meeting mode has left this view, for another or for editing; what
   * #LinliMeetingView::shown changed goes back here.
   */
  signals[SIGNAL_HIDDEN] = g_signal_new ("hidden", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_meeting_view_init (LinliMeetingView *self)
{
}

/* Public API */

/**
 * linli_meeting_view_new_bounds:
 * @kind: a stable ASCII name of what the view shows ("overview",
 *   "community", "proposal"), for those who look for a view
 * @title: the translated title the room reads
 * @min_lat: the south edge of what to show
 * @min_lon: the west edge
 * @max_lat: the north edge
 * @max_lon: the east edge
 *
 * Returns: (transfer full): a view that fits the box into the map
 */
LinliMeetingView *
linli_meeting_view_new_bounds (const char *kind,
                               const char *title,
                               double      min_lat,
                               double      min_lon,
                               double      max_lat,
                               double      max_lon)
{
  LinliMeetingView *self;

  g_return_val_if_fail (kind != NULL && title != NULL, NULL);

  self = g_object_new (LINLI_TYPE_MEETING_VIEW, NULL);
  self->kind = g_strdup (kind);
  self->title = g_strdup (title);
  self->has_bounds = TRUE;
  self->min_lat = min_lat;
  self->min_lon = min_lon;
  self->max_lat = max_lat;
  self->max_lon = max_lon;
  return self;
}

/**
 * linli_meeting_view_new_center:
 * @kind: as for linli_meeting_view_new_bounds()
 * @title: the translated title
 * @lat: the latitude at the middle of the map
 * @lon: the longitude at the middle of the map
 * @zoom: the Web Mercator zoom level, on 256-pixel tiles
 *
 * Returns: (transfer full): a view of a fixed place and scale, whatever the
 *   size of the screen
 */
LinliMeetingView *
linli_meeting_view_new_center (const char *kind,
                               const char *title,
                               double      lat,
                               double      lon,
                               double      zoom)
{
  LinliMeetingView *self;

  g_return_val_if_fail (kind != NULL && title != NULL, NULL);

  self = g_object_new (LINLI_TYPE_MEETING_VIEW, NULL);
  self->kind = g_strdup (kind);
  self->title = g_strdup (title);
  self->lat = lat;
  self->lon = lon;
  self->zoom = zoom;
  return self;
}

const char *
linli_meeting_view_get_kind (LinliMeetingView *self)
{
  g_return_val_if_fail (LINLI_IS_MEETING_VIEW (self), NULL);
  return self->kind;
}

const char *
linli_meeting_view_get_title (LinliMeetingView *self)
{
  g_return_val_if_fail (LINLI_IS_MEETING_VIEW (self), NULL);
  return self->title;
}

/**
 * linli_meeting_view_get_bounds:
 * @min_lat: (out) (optional): the south edge
 * @min_lon: (out) (optional): the west edge
 * @max_lat: (out) (optional): the north edge
 * @max_lon: (out) (optional): the east edge
 *
 * Returns: %FALSE for a view made with a centre and a zoom
 */
gboolean
linli_meeting_view_get_bounds (LinliMeetingView *self,
                               double           *min_lat,
                               double           *min_lon,
                               double           *max_lat,
                               double           *max_lon)
{
  g_return_val_if_fail (LINLI_IS_MEETING_VIEW (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  if (min_lat != NULL)
    *min_lat = self->min_lat;
  if (min_lon != NULL)
    *min_lon = self->min_lon;
  if (max_lat != NULL)
    *max_lat = self->max_lat;
  if (max_lon != NULL)
    *max_lon = self->max_lon;
  return TRUE;
}

/**
 * linli_meeting_view_get_building_colors:
 * @colors: (out): what the buildings' colours say in this view
 *
 * Returns: %FALSE when the view keeps the colours the window had
 */
gboolean
linli_meeting_view_get_building_colors (LinliMeetingView    *self,
                                        LinliBuildingColors *colors)
{
  g_return_val_if_fail (LINLI_IS_MEETING_VIEW (self), FALSE);

  if (self->has_colors && colors != NULL)
    *colors = self->colors;
  return self->has_colors;
}

void
linli_meeting_view_set_building_colors (LinliMeetingView    *self,
                                        LinliBuildingColors  colors)
{
  g_return_if_fail (LINLI_IS_MEETING_VIEW (self));

  self->has_colors = TRUE;
  self->colors = colors;
}

/**
 * linli_meeting_view_get_show_grids:
 * @show: (out): whether the view shows the grid layer
 *
 * Returns: %FALSE when the view keeps the grid layer as the window had it
 */
gboolean
linli_meeting_view_get_show_grids (LinliMeetingView *self,
                                   gboolean         *show)
{
  g_return_val_if_fail (LINLI_IS_MEETING_VIEW (self), FALSE);

  if (self->has_show_grids && show != NULL)
    *show = self->show_grids;
  return self->has_show_grids;
}

void
linli_meeting_view_set_show_grids (LinliMeetingView *self,
                                   gboolean          show)
{
  g_return_if_fail (LINLI_IS_MEETING_VIEW (self));

  self->has_show_grids = TRUE;
  self->show_grids = !!show;
}

/**
 * linli_meeting_view_compute:
 * @width: the map's width in px
 * @height: the map's height in px
 * @margin: px to keep free on each side of a box
 * @view: (out caller-allocates): the map view that shows this view
 *
 * Works out the map view for a map of the given size: the box fitted
 * (linli_map_view_fit()), or the fixed centre and zoom.
 *
 * Returns: %FALSE when there is nothing to show at that size
 */
gboolean
linli_meeting_view_compute (LinliMeetingView *self,
                            int               width,
                            int               height,
                            double            margin,
                            LinliMapView     *view)
{
  g_return_val_if_fail (LINLI_IS_MEETING_VIEW (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  if (width <= 0 || height <= 0)
    return FALSE;
  if (self->has_bounds)
    return linli_map_view_fit (view, self->min_lat, self->min_lon, self->max_lat, self->max_lon,
                               width, height, margin);
  if (!(isfinite (self->lat) && isfinite (self->lon) && isfinite (self->zoom)))
    return FALSE;
  linli_map_view_init (view, self->lat, self->lon, self->zoom, width, height);
  return TRUE;
}

/**
 * linli_meeting_view_apply:
 *
 * Gives @painter the settings this view asks for; the others stay.
 */
void
linli_meeting_view_apply (LinliMeetingView *self,
                          LinliPainter     *painter)
{
  g_return_if_fail (LINLI_IS_MEETING_VIEW (self));
  g_return_if_fail (LINLI_IS_PAINTER (painter));

  if (self->has_colors)
    linli_painter_set_building_colors (painter, self->colors);
  if (self->has_show_grids)
    linli_painter_set_show_grids (painter, self->show_grids);
}

static void
grow (double *box,
      double  lat,
      double  lon)
{
  box[0] = MIN (box[0], lat);
  box[1] = MIN (box[1], lon);
  box[2] = MAX (box[2], lat);
  box[3] = MAX (box[3], lon);
}

static void
append (GListStore       *views,
        LinliMeetingView *view)
{
  g_list_store_append (views, view);
  g_object_unref (view);
}

/**
 * linli_meeting_views_append_defaults:
 * @views: (element-type LinliMeetingView): where to append
 * @document: the document the meeting shows
 * @proposal_ids: (array length=n_proposal) (nullable): the ids of the sites
 *   a plan proposes, when the window holds a proposal
 * @n_proposal: how many
 *
 * Appends the views every meeting starts with: the district (everything
 * the project holds), each community with buildings (fitted to its
 * buildings, in the project's order) and, when there is one, the proposal
 * (fitted to the proposed sites with their service circles).
 */
void
linli_meeting_views_append_defaults (GListStore    *views,
                                     LinliDocument *document,
                                     const char   **proposal_ids,
                                     guint          n_proposal)
{
  LinliProject *project;
  double min_lat, min_lon, max_lat, max_lon;
  g_autofree double *boxes = NULL;
  double proposal[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  guint n_communities;
  double radius;

  g_return_if_fail (G_IS_LIST_STORE (views));
  g_return_if_fail (g_list_model_get_item_type (G_LIST_MODEL (views)) == LINLI_TYPE_MEETING_VIEW);
  g_return_if_fail (LINLI_IS_DOCUMENT (document));

  project = linli_document_get_project (document);
  if (!linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon))
    return;
  append (views, linli_meeting_view_new_bounds ("overview", _("District overview"),
                                                min_lat, min_lon, max_lat, max_lon));

  /* One pass over the buildings for every community's box. */
  n_communities = linli_project_get_n_communities (project);
  boxes = g_new (double, 4 * (gsize) MAX (n_communities, 1));
  for (guint c = 0; c < n_communities; c++)
    {
      boxes[4 * c] = boxes[4 * c + 1] = INFINITY;
      boxes[4 * c + 2] = boxes[4 * c + 3] = -INFINITY;
    }
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);

      grow (&boxes[4 * linli_project_building_community (project, i)], b->lat, b->lon);
    }
  for (guint c = 0; c < n_communities; c++)
    {
      const char *name = linli_project_get_community (project, c)->name;

      if (!isfinite (boxes[4 * c]))
        continue;
      append (views, linli_meeting_view_new_bounds ("community", name, boxes[4 * c],
                                                    boxes[4 * c + 1], boxes[4 * c + 2],
                                                    boxes[4 * c + 3]));
    }

  /* The proposal with the circles of its sites, so the room sees whom
   * they reach. */
  for (guint i = 0; i < n_proposal; i++)
    {
      LinliSite *site = linli_project_find_site (project, proposal_ids[i], NULL);
      double lat, lon, dlat, dlon;

      if (site == NULL)
        continue;
      lat = linli_site_get_lat (site);
      lon = linli_site_get_lon (site);
      radius = linli_project_get_site_reach (project, site);
      dlat = radius / METRES_PER_DEGREE;
      dlon = radius / (METRES_PER_DEGREE * MAX (cos (lat * G_PI / 180), 0.01));
      grow (proposal, lat - dlat, lon - dlon);
      grow (proposal, lat + dlat, lon + dlon);
    }
  if (isfinite (proposal[0]))
    append (views, linli_meeting_view_new_bounds ("proposal", _("Proposed sites"), proposal[0],
                                                  proposal[1], proposal[2], proposal[3]));
}
