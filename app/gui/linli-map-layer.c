/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-map-layer"

#include "config.h"

#include "linli-map-layer.h"

#include <math.h>
#include <pango/pangocairo.h>

/* The layer that draws the district: a plain street-and-block background
 * (so the map looks finished with no tiles at all), communities, compounds,
 * buildings coloured by coverage, and the sites with their service circles.
 * Everything is drawn with one cairo node per frame.
 */
struct _LinliMapLayer
{
  ShumateLayer         parent_instance;

  LinliProject        *project;
  const LinliCoverage *coverage;
  LinliSite           *selected;
  int                  highlight;
  gboolean             show_candidate_circles;

  /* Bounding boxes in lat/lon: min_lat, min_lon, max_lat, max_lon. */
  double              *compound_boxes;
  double              *community_boxes;
};

G_DEFINE_FINAL_TYPE (LinliMapLayer, linli_map_layer, SHUMATE_TYPE_LAYER)

#define PICK_RADIUS_PX 14.0

/* Auxiliary methods */

static void
set_rgb (cairo_t *cr,
         guint    rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static void
to_widget (LinliMapLayer *self,
           double         lat,
           double         lon,
           double        *x,
           double        *y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, x, y);
}

/* Pixels per metre at the centre of the view. */
static double
pixels_per_metre (LinliMapLayer *self)
{
  const LinliProjection *proj = linli_project_get_projection (self->project);
  double x0, y0, x1, y1;

  to_widget (self, proj->lat0, proj->lon0, &x0, &y0);
  to_widget (self, proj->lat0 + 0.01, proj->lon0, &x1, &y1);
  return fabs (y1 - y0) / (0.01 * proj->m_per_deg_lat);
}

static void
grow_box (double *box,
          double  lat,
          double  lon)
{
  box[0] = MIN (box[0], lat);
  box[1] = MIN (box[1], lon);
  box[2] = MAX (box[2], lat);
  box[3] = MAX (box[3], lon);
}

static void
compute_boxes (LinliMapLayer *self)
{
  guint n_compounds = linli_project_get_n_compounds (self->project);
  guint n_communities = linli_project_get_n_communities (self->project);
  guint n_buildings = linli_project_get_n_buildings (self->project);

  g_clear_pointer (&self->compound_boxes, g_free);
  g_clear_pointer (&self->community_boxes, g_free);
  self->compound_boxes = g_new (double, 4 * MAX (n_compounds, 1));
  self->community_boxes = g_new (double, 4 * MAX (n_communities, 1));
  for (guint i = 0; i < 4 * n_compounds; i += 4)
    {
      self->compound_boxes[i] = self->compound_boxes[i + 1] = INFINITY;
      self->compound_boxes[i + 2] = self->compound_boxes[i + 3] = -INFINITY;
    }
  for (guint i = 0; i < 4 * n_communities; i += 4)
    {
      self->community_boxes[i] = self->community_boxes[i + 1] = INFINITY;
      self->community_boxes[i + 2] = self->community_boxes[i + 3] = -INFINITY;
    }

  for (guint i = 0; i < n_buildings; i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, i);
      double *cbox = &self->compound_boxes[4 * b->compound];
      guint n_fp;
      const LinliLatLon *fp = linli_project_get_footprint (self->project, i, &n_fp);

      grow_box (cbox, b->lat, b->lon);
      for (guint k = 0; k < n_fp; k++)
        grow_box (cbox, fp[k].lat, fp[k].lon);
    }
  for (guint c = 0; c < n_compounds; c++)
    {
      double *cbox = &self->compound_boxes[4 * c];
      double *mbox = &self->community_boxes[4 * linli_project_get_compound (self->project, c)->community];

      if (!isfinite (cbox[0]))
        continue;
      grow_box (mbox, cbox[0], cbox[1]);
      grow_box (mbox, cbox[2], cbox[3]);
    }
}

static void
box_to_rect (LinliMapLayer *self,
             const double  *box,
             double         pad_px,
             graphene_rect_t *rect)
{
  double x0, y0, x1, y1;

  to_widget (self, box[2], box[1], &x0, &y0);  /* north-west */
  to_widget (self, box[0], box[3], &x1, &y1);  /* south-east */
  graphene_rect_init (rect, x0 - pad_px, y0 - pad_px, x1 - x0 + 2 * pad_px, y1 - y0 + 2 * pad_px);
}

static void
rounded_rect (cairo_t               *cr,
              const graphene_rect_t *r,
              double                 radius)
{
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static gboolean
rect_visible (const graphene_rect_t *r,
              double                 width,
              double                 height)
{
  return r->origin.x + r->size.width >= 0 && r->origin.y + r->size.height >= 0 &&
         r->origin.x <= width && r->origin.y <= height;
}

/* Places a label unless it would overlap one already placed. */
static void
draw_label (LinliMapLayer *self,
            cairo_t       *cr,
            GArray        *placed,
            const char    *text,
            double         cx,
            double         top,
            gboolean       large)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoFontDescription *desc = pango_font_description_from_string (large ? "Sans Bold 13" : "Sans 9");
  graphene_rect_t r;
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_get_pixel_size (layout, &w, &h);
  graphene_rect_init (&r, cx - w / 2.0 - 3, top, w + 6, h + 2);
  for (guint i = 0; i < placed->len; i++)
    if (graphene_rect_intersection (&r, &g_array_index (placed, graphene_rect_t, i), NULL))
      return;
  g_array_append_val (placed, r);

  cairo_move_to (cr, r.origin.x + 3, r.origin.y + 1);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_width (cr, 3);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_rgb (cr, 0xffffff, 0.9);
  cairo_stroke (cr);
  cairo_move_to (cr, r.origin.x + 3, r.origin.y + 1);
  set_rgb (cr, large ? 0x5a4a3a : 0x202020, large ? 0.85 : 1.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_background (LinliMapLayer *self,
                 cairo_t       *cr,
                 double         width,
                 double         height,
                 double         ppm)
{
  guint n_compounds = linli_project_get_n_compounds (self->project);
  guint n_communities = linli_project_get_n_communities (self->project);

  set_rgb (cr, LINLI_COLOR_STREET, 1);
  cairo_paint (cr);

  /* Communities: a soft area with a dashed boundary. */
  for (guint c = 0; c < n_communities; c++)
    {
      graphene_rect_t r;

      if (!isfinite (self->community_boxes[4 * c]))
        continue;
      box_to_rect (self, &self->community_boxes[4 * c], 25 * ppm + 4, &r);
      if (!rect_visible (&r, width, height))
        continue;
      rounded_rect (cr, &r, 6);
      set_rgb (cr, 0xeeeae0, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, 0x9d8f78, 0.8);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 8, 4 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Compounds: blocks, with the streets left between them. */
  for (guint c = 0; c < n_compounds; c++)
    {
      graphene_rect_t r;

      if (!isfinite (self->compound_boxes[4 * c]))
        continue;
      box_to_rect (self, &self->compound_boxes[4 * c], 6 * ppm + 1, &r);
      if (!rect_visible (&r, width, height))
        continue;
      rounded_rect (cr, &r, 3);
      set_rgb (cr, 0xdfd8c8, 1);
      cairo_fill (cr);
    }
}

static void
draw_circles (LinliMapLayer *self,
              cairo_t       *cr,
              double         width,
              double         height,
              double         radius_px,
              gboolean       fill)
{
  guint n_sites = linli_project_get_n_sites (self->project);

  for (guint s = 0; s < n_sites; s++)
    {
      LinliSite *site = linli_project_get_site (self->project, s);
      gboolean counts = linli_site_counts_for_coverage (site);
      double x, y;

      /* Candidate circles pile up; by default only the selected one shows. */
      if (!counts && !self->show_candidate_circles && site != self->selected)
        continue;
      to_widget (self, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
      if (x + radius_px < 0 || y + radius_px < 0 || x - radius_px > width || y - radius_px > height)
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, x, y, radius_px, 0, 2 * G_PI);
      if (fill)
        {
          if (!counts)
            continue;
          set_rgb (cr, 0xc8102e, 0.07);
          cairo_fill (cr);
        }
      else if (counts)
        {
          set_rgb (cr, 0xc8102e, site == self->selected ? 0.95 : 0.6);
          cairo_set_line_width (cr, site == self->selected ? 2.5 : 1.5);
          cairo_stroke (cr);
        }
      else
        {
          set_rgb (cr, 0xe08a00, site == self->selected ? 0.95 : 0.7);
          cairo_set_line_width (cr, site == self->selected ? 2.5 : 1.5);
          cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

static void
draw_buildings (LinliMapLayer *self,
                cairo_t       *cr,
                double         width,
                double         height,
                double         ppm)
{
  guint n = linli_project_get_n_buildings (self->project);
  gboolean footprints = ppm >= 0.35;
  double scale = CLAMP (ppm * 4, 0.6, 2.0);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, i);
      gboolean covered = self->coverage != NULL && i < linli_coverage_get_n_buildings (self->coverage) &&
                         linli_coverage_is_covered (self->coverage, i);
      guint n_fp = 0;
      const LinliLatLon *fp = footprints ? linli_project_get_footprint (self->project, i, &n_fp) : NULL;
      double x, y;

      to_widget (self, b->lat, b->lon, &x, &y);
      if (x < -60 || y < -60 || x > width + 60 || y > height + 60)
        continue;

      cairo_new_path (cr);
      if (n_fp >= 3)
        {
          for (guint k = 0; k < n_fp; k++)
            {
              double px, py;

              to_widget (self, fp[k].lat, fp[k].lon, &px, &py);
              if (k == 0)
                cairo_move_to (cr, px, py);
              else
                cairo_line_to (cr, px, py);
            }
          cairo_close_path (cr);
        }
      else
        {
          double r = CLAMP (sqrt ((double) b->households) * 0.45, 1.6, 6.0) * scale;

          cairo_arc (cr, x, y, r, 0, 2 * G_PI);
        }

      set_rgb (cr, covered ? LINLI_COLOR_COVERED : LINLI_COLOR_UNCOVERED, 1);
      if (covered)
        {
          cairo_fill (cr);
        }
      else
        {
          cairo_fill_preserve (cr);
          set_rgb (cr, 0x7a1d05, 1);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }

      if ((int) i == self->highlight)
        {
          cairo_new_path (cr);
          cairo_arc (cr, x, y, 12, 0, 2 * G_PI);
          set_rgb (cr, 0x111111, 1);
          cairo_set_line_width (cr, 2.5);
          cairo_stroke (cr);
        }
    }
}

static void
draw_sites (LinliMapLayer *self,
            cairo_t       *cr,
            double         width,
            double         height,
            double         ppm,
            GArray        *placed)
{
  guint n_sites = linli_project_get_n_sites (self->project);

  for (guint pass = 0; pass < 2; pass++)
    for (guint s = 0; s < n_sites; s++)
      {
        LinliSite *site = linli_project_get_site (self->project, s);
        LinliSiteStatus status = linli_site_get_status (site);
        double x, y;

        /* Candidates first, so existing and planned sites stay on top. */
        if ((pass == 0) != (status == LINLI_SITE_STATUS_CANDIDATE))
          continue;
        to_widget (self, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
        if (x < -20 || y < -20 || x > width + 20 || y > height + 20)
          continue;

        if (site == self->selected)
          {
            cairo_new_path (cr);
            cairo_arc (cr, x, y, 14, 0, 2 * G_PI);
            set_rgb (cr, 0xffd400, 0.8);
            cairo_fill (cr);
          }

        cairo_new_path (cr);
        switch (status)
          {
          case LINLI_SITE_STATUS_EXISTING:
            cairo_arc (cr, x, y, 8, 0, 2 * G_PI);
            set_rgb (cr, 0xc8102e, 1);
            cairo_fill_preserve (cr);
            set_rgb (cr, 0xffffff, 1);
            cairo_set_line_width (cr, 2);
            cairo_stroke (cr);
            cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
            cairo_fill (cr);
            break;
          case LINLI_SITE_STATUS_PLANNED:
            cairo_arc (cr, x, y, 7, 0, 2 * G_PI);
            set_rgb (cr, 0xffffff, 1);
            cairo_fill_preserve (cr);
            set_rgb (cr, 0xc8102e, 1);
            cairo_set_line_width (cr, 3.5);
            cairo_stroke (cr);
            break;
          case LINLI_SITE_STATUS_CANDIDATE:
          case LINLI_SITE_N_STATUSES:
          default:
            cairo_move_to (cr, x, y - 8);
            cairo_line_to (cr, x + 8, y);
            cairo_line_to (cr, x, y + 8);
            cairo_line_to (cr, x - 8, y);
            cairo_close_path (cr);
            set_rgb (cr, 0xffffff, 1);
            cairo_fill_preserve (cr);
            set_rgb (cr, 0xe08a00, 1);
            cairo_set_line_width (cr, 2);
            cairo_stroke (cr);
            break;
          }

        if (ppm >= 0.12 || site == self->selected)
          draw_label (self, cr, placed, linli_site_get_name (site), x, y + 10, FALSE);
      }
}

/* GtkWidget overrides */

static void
linli_map_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LinliMapLayer *self = LINLI_MAP_LAYER (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  cairo_t *cr;
  double ppm, radius_px;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->project == NULL)
    {
      set_rgb (cr, LINLI_COLOR_STREET, 1);
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }

  ppm = pixels_per_metre (self);
  radius_px = linli_project_get_coverage_radius (self->project) * ppm;

  draw_background (self, cr, width, height, ppm);
  draw_circles (self, cr, width, height, radius_px, TRUE);
  draw_buildings (self, cr, width, height, ppm);
  draw_circles (self, cr, width, height, radius_px, FALSE);
  draw_sites (self, cr, width, height, ppm, placed);

  for (guint c = 0; c < linli_project_get_n_communities (self->project); c++)
    {
      graphene_rect_t r;

      if (!isfinite (self->community_boxes[4 * c]))
        continue;
      box_to_rect (self, &self->community_boxes[4 * c], 25 * ppm + 4, &r);
      if (!rect_visible (&r, width, height))
        continue;
      draw_label (self, cr, placed, linli_project_get_community (self->project, c)->name,
                  r.origin.x + r.size.width / 2, MAX (r.origin.y + 4, 4), TRUE);
    }
  cairo_destroy (cr);
}

/* Callbacks */

static void
on_viewport_notify_cb (LinliMapLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject overrides */

static void
linli_map_layer_constructed (GObject *object)
{
  LinliMapLayer *self = LINLI_MAP_LAYER (object);

  G_OBJECT_CLASS (linli_map_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
linli_map_layer_dispose (GObject *object)
{
  LinliMapLayer *self = LINLI_MAP_LAYER (object);

  g_clear_object (&self->project);
  self->coverage = NULL;
  self->selected = NULL;
  G_OBJECT_CLASS (linli_map_layer_parent_class)->dispose (object);
}

static void
linli_map_layer_finalize (GObject *object)
{
  LinliMapLayer *self = LINLI_MAP_LAYER (object);

  g_clear_pointer (&self->compound_boxes, g_free);
  g_clear_pointer (&self->community_boxes, g_free);
  G_OBJECT_CLASS (linli_map_layer_parent_class)->finalize (object);
}

static void
linli_map_layer_class_init (LinliMapLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = linli_map_layer_constructed;
  object_class->dispose = linli_map_layer_dispose;
  object_class->finalize = linli_map_layer_finalize;
  widget_class->snapshot = linli_map_layer_snapshot;
}

static void
linli_map_layer_init (LinliMapLayer *self)
{
  self->highlight = -1;
}

/* Public API */

LinliMapLayer *
linli_map_layer_new (ShumateViewport *viewport)
{
  return g_object_new (LINLI_TYPE_MAP_LAYER, "viewport", viewport, NULL);
}

void
linli_map_layer_set_project (LinliMapLayer *self,
                             LinliProject  *project)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));

  g_set_object (&self->project, project);
  self->coverage = NULL;
  self->selected = NULL;
  self->highlight = -1;
  if (project != NULL)
    compute_boxes (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * linli_map_layer_set_coverage:
 * @coverage: (nullable): the coverage to colour buildings by; the caller
 *   keeps it alive until it sets another
 */
void
linli_map_layer_set_coverage (LinliMapLayer       *self,
                              const LinliCoverage *coverage)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));

  self->coverage = coverage;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
linli_map_layer_set_selected_site (LinliMapLayer *self,
                                   LinliSite     *site)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));

  self->selected = site;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
linli_map_layer_set_highlight (LinliMapLayer *self,
                               int            building)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));

  self->highlight = building;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
linli_map_layer_set_show_candidate_circles (LinliMapLayer *self,
                                            gboolean       show)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));

  self->show_candidate_circles = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * linli_map_layer_pick_site:
 *
 * Returns: (transfer none) (nullable): the site drawn nearest to (@x, @y)
 * within a few pixels
 */
LinliSite *
linli_map_layer_pick_site (LinliMapLayer *self,
                           double         x,
                           double         y)
{
  LinliSite *best = NULL;
  double best_d = PICK_RADIUS_PX;
  guint n;

  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), NULL);
  if (self->project == NULL)
    return NULL;

  n = linli_project_get_n_sites (self->project);
  for (guint s = 0; s < n; s++)
    {
      LinliSite *site = linli_project_get_site (self->project, s);
      double sx, sy, d;

      to_widget (self, linli_site_get_lat (site), linli_site_get_lon (site), &sx, &sy);
      d = hypot (sx - x, sy - y);
      if (d <= best_d)
        {
          best = site;
          best_d = d;
        }
    }
  return best;
}

/**
 * linli_map_layer_pick_building:
 *
 * Returns: the index of the building nearest to (@x, @y) within a few
 * pixels, or -1
 */
int
linli_map_layer_pick_building (LinliMapLayer *self,
                               double         x,
                               double         y)
{
  int best = -1;
  double best_d = PICK_RADIUS_PX;
  guint n;

  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), -1);
  if (self->project == NULL)
    return -1;

  n = linli_project_get_n_buildings (self->project);
  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, i);
      double bx, by, d;

      to_widget (self, b->lat, b->lon, &bx, &by);
      d = hypot (bx - x, by - y);
      if (d < best_d)
        {
          best = i;
          best_d = d;
        }
    }
  return best;
}
