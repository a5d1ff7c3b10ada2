/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-map-layer"

#include "config.h"

#include "linli-map-layer.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "linli-spatial.h"

/* The layer that draws the district: a plain street-and-block background
 * (so the map looks finished with no tiles at all), communities, compounds,
 * buildings coloured by coverage, and the sites with their service circles.
 * Everything is drawn with one cairo node per frame.  Over a tile basemap
 * the background fills are left out and only the community boundaries stay.
 */
struct _LinliMapLayer
{
  ShumateLayer         parent_instance;

  LinliProject        *project;
  const LinliCoverage *coverage;
  LinliSite           *selected;
  int                  highlight;
  gboolean             show_candidate_circles;
  gboolean             draw_background;   /* FALSE over a tile basemap */
  GHashTable          *proposal;          /* site id → households it adds, as a double* */

  /* Precomputed once per project: Web Mercator positions in [0, 1] (y
   * grows southward), so a frame needs only an affine map per point. */
  guint                n_buildings;
  double              *merc;              /* 2 per building */
  LinliPointIndex     *merc_index;        /* the same, in WORLD_M units */
  double              *compound_boxes;    /* min x, min y, max x, max y, Mercator */
  double              *community_boxes;

  /* Streets: the walking graph, its nodes in Mercator, and per node the
   * walk to the nearest site (or NULL: drawn plain). */
  LinliWalk           *walk;
  double              *street_merc;
  LinliPointIndex     *street_index;      /* edge midpoints, in WORLD_M units */
  double               street_reach;      /* the longest half edge, in WORLD_M units */
  const double        *node_distances;
  double               walk_radius;
};

G_DEFINE_FINAL_TYPE (LinliMapLayer, linli_map_layer, SHUMATE_TYPE_LAYER)

#define PICK_RADIUS_PX 14.0
#define WORLD_M        40075016.686   /* the Mercator world's width in metres at the equator */

/* Levels of detail, in pixels per metre at the district's latitude. */
#define LOD_AGGREGATE  0.05   /* below: buildings summed into screen cells */
#define LOD_FOOTPRINTS 0.35   /* above: buildings drawn as their outlines */
#define LOD_STREETS    0.03   /* below: no streets (a 100 m block would be 3 pixels) */
#define CELL_PX        6
#define MAX_LABELS     80     /* site labels per frame */

/* How the current frame maps Mercator to widget pixels. */
typedef struct
{
  double ox, oy;
  double xx, xy, yx, yy;
  double width, height;
  double ppm;                 /* pixels per metre on the ground */
  double cx, cy, radius;      /* the visible area as a circle, in WORLD_M units */
} View;

/* Auxiliary methods */

static void
set_rgb (cairo_t *cr,
         guint    rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static inline void
mercator (double  lat,
          double  lon,
          double *mx,
          double *my)
{
  double phi = CLAMP (lat, -85.05112878, 85.05112878) * G_PI / 180;

  *mx = (lon + 180.0) / 360.0;
  *my = (1.0 - log (tan (G_PI / 4 + phi / 2)) / G_PI) / 2.0;
}

static inline void
view_merc (const View *v,
           double      mx,
           double      my,
           double     *x,
           double     *y)
{
  *x = v->ox + v->xx * mx + v->xy * my;
  *y = v->oy + v->yx * mx + v->yy * my;
}

static inline void
view_point (const View *v,
            double      lat,
            double      lon,
            double     *x,
            double     *y)
{
  double mx, my;

  mercator (lat, lon, &mx, &my);
  view_merc (v, mx, my, x, y);
}

/* Works out the affine map from three points the viewport converts; it
 * holds exactly for Web Mercator, rotation included. */
static gboolean
view_init (LinliMapLayer *self,
           View          *v)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  const LinliProjection *proj = linli_project_get_projection (self->project);
  double lat[3] = { proj->lat0, proj->lat0, proj->lat0 + 0.01 };
  double lon[3] = { proj->lon0, proj->lon0 + 0.01, proj->lon0 };
  double mx[3], my[3], px[3], py[3], a, b, c, d, det, inv[4];
  double corners[4][2], ix[4], iy[4];

  v->width = gtk_widget_get_width (GTK_WIDGET (self));
  v->height = gtk_widget_get_height (GTK_WIDGET (self));
  for (int i = 0; i < 3; i++)
    {
      mercator (lat[i], lon[i], &mx[i], &my[i]);
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat[i], lon[i], &px[i], &py[i]);
    }
  a = mx[1] - mx[0];
  b = mx[2] - mx[0];
  c = my[1] - my[0];
  d = my[2] - my[0];
  det = a * d - b * c;
  if (!isfinite (det) || det == 0)
    return FALSE;
  inv[0] = d / det;
  inv[1] = -b / det;
  inv[2] = -c / det;
  inv[3] = a / det;
  v->xx = (px[1] - px[0]) * inv[0] + (px[2] - px[0]) * inv[2];
  v->xy = (px[1] - px[0]) * inv[1] + (px[2] - px[0]) * inv[3];
  v->yx = (py[1] - py[0]) * inv[0] + (py[2] - py[0]) * inv[2];
  v->yy = (py[1] - py[0]) * inv[1] + (py[2] - py[0]) * inv[3];
  v->ox = px[0] - v->xx * mx[0] - v->xy * my[0];
  v->oy = py[0] - v->yx * mx[0] - v->yy * my[0];
  v->ppm = hypot (px[2] - px[0], py[2] - py[0]) / (0.01 * proj->m_per_deg_lat);

  /* The visible area, back in Mercator, as a circle around its corners. */
  det = v->xx * v->yy - v->xy * v->yx;
  if (!isfinite (det) || det == 0)
    return FALSE;
  corners[0][0] = 0, corners[0][1] = 0;
  corners[1][0] = v->width, corners[1][1] = 0;
  corners[2][0] = 0, corners[2][1] = v->height;
  corners[3][0] = v->width, corners[3][1] = v->height;
  v->cx = v->cy = 0;
  for (int i = 0; i < 4; i++)
    {
      double dx = corners[i][0] - v->ox, dy = corners[i][1] - v->oy;

      ix[i] = (v->yy * dx - v->xy * dy) / det;
      iy[i] = (-v->yx * dx + v->xx * dy) / det;
      v->cx += ix[i] / 4;
      v->cy += iy[i] / 4;
    }
  v->radius = 0;
  for (int i = 0; i < 4; i++)
    v->radius = MAX (v->radius, hypot (ix[i] - v->cx, iy[i] - v->cy));
  v->cx *= WORLD_M;
  v->cy *= WORLD_M;
  v->radius = v->radius * WORLD_M + 100;
  return TRUE;
}

static void
grow_box (double *box,
          double  x,
          double  y)
{
  box[0] = MIN (box[0], x);
  box[1] = MIN (box[1], y);
  box[2] = MAX (box[2], x);
  box[3] = MAX (box[3], y);
}

static void
clear_boxes (double *boxes,
             guint   n)
{
  for (guint i = 0; i < 4 * n; i += 4)
    {
      boxes[i] = boxes[i + 1] = INFINITY;
      boxes[i + 2] = boxes[i + 3] = -INFINITY;
    }
}

static void
prepare_project (LinliMapLayer *self)
{
  guint n_compounds = linli_project_get_n_compounds (self->project);
  guint n_communities = linli_project_get_n_communities (self->project);
  guint n = linli_project_get_n_buildings (self->project);
  g_autofree double *scaled = g_new (double, 2 * MAX (n, 1));

  self->n_buildings = n;
  self->merc = g_new (double, 2 * MAX (n, 1));
  self->compound_boxes = g_new (double, 4 * MAX (n_compounds, 1));
  self->community_boxes = g_new (double, 4 * MAX (n_communities, 1));
  clear_boxes (self->compound_boxes, n_compounds);
  clear_boxes (self->community_boxes, n_communities);

  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, i);
      double *cbox = &self->compound_boxes[4 * b->compound];
      guint n_fp;
      const LinliLatLon *fp = linli_project_get_footprint (self->project, i, &n_fp);

      if (!linli_lat_lon_is_valid (b->lat, b->lon))
        {
          self->merc[2 * i] = self->merc[2 * i + 1] = NAN;
          scaled[2 * i] = scaled[2 * i + 1] = NAN;
          continue;
        }
      mercator (b->lat, b->lon, &self->merc[2 * i], &self->merc[2 * i + 1]);
      scaled[2 * i] = self->merc[2 * i] * WORLD_M;
      scaled[2 * i + 1] = self->merc[2 * i + 1] * WORLD_M;
      grow_box (cbox, self->merc[2 * i], self->merc[2 * i + 1]);
      for (guint k = 0; k < n_fp; k++)
        {
          double mx, my;

          mercator (fp[k].lat, fp[k].lon, &mx, &my);
          grow_box (cbox, mx, my);
        }
    }
  /* Cells of about 200 m on the ground at the district's latitude. */
  self->merc_index = linli_point_index_new (scaled, n, 200.0 / cos (linli_project_get_projection (self->project)->lat0 * G_PI / 180));

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
clear_project_data (LinliMapLayer *self)
{
  g_clear_pointer (&self->merc, g_free);
  g_clear_pointer (&self->merc_index, linli_point_index_free);
  g_clear_pointer (&self->compound_boxes, g_free);
  g_clear_pointer (&self->community_boxes, g_free);
  g_clear_pointer (&self->street_merc, g_free);
  g_clear_pointer (&self->street_index, linli_point_index_free);
  self->walk = NULL;
  self->node_distances = NULL;
  self->n_buildings = 0;
}

static void
box_to_rect (const View      *v,
             const double    *box,
             double           pad_px,
             graphene_rect_t *rect)
{
  double x0, y0, x1, y1;

  view_merc (v, box[0], box[1], &x0, &y0);
  view_merc (v, box[2], box[3], &x1, &y1);
  graphene_rect_init (rect, MIN (x0, x1) - pad_px, MIN (y0, y1) - pad_px,
                      fabs (x1 - x0) + 2 * pad_px, fabs (y1 - y0) + 2 * pad_px);
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

/* Places a label unless it would overlap one already placed.
 *
 * Returns: whether it was placed
 */
static gboolean
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
      return FALSE;
  g_array_append_val (placed, r);

  /* A soft plate behind the text keeps it readable on any background, and
   * costs far less to render than an outline of the glyphs. */
  cairo_new_path (cr);
  rounded_rect (cr, &r, 3);
  set_rgb (cr, 0xffffff, large ? 0.55 : 0.75);
  cairo_fill (cr);
  cairo_move_to (cr, r.origin.x + 3, r.origin.y + 1);
  set_rgb (cr, large ? 0x5a4a3a : 0x202020, large ? 0.85 : 1.0);
  pango_cairo_show_layout (cr, layout);
  return TRUE;
}

/* A site as this frame draws it: looked up and placed once per frame. */
typedef struct
{
  LinliSite      *site;
  LinliSiteStatus status;
  gboolean        counts;
  double          x;
  double          y;
} SiteDraw;

static GArray *
place_sites (LinliMapLayer *self,
             const View    *v)
{
  GListModel *model = linli_project_get_sites (self->project);
  guint n = g_list_model_get_n_items (model);
  GArray *sites = g_array_sized_new (FALSE, FALSE, sizeof (SiteDraw), n);

  for (guint s = 0; s < n; s++)
    {
      g_autoptr (LinliSite) site = g_list_model_get_item (model, s);
      SiteDraw d = { site, linli_site_get_status (site), linli_site_counts_for_coverage (site) };

      view_point (v, linli_site_get_lat (site), linli_site_get_lon (site), &d.x, &d.y);
      g_array_append_val (sites, d);   /* the project keeps the site alive */
    }
  return sites;
}

static void
draw_background (LinliMapLayer *self,
                 cairo_t       *cr,
                 const View    *v)
{
  guint n_compounds = linli_project_get_n_compounds (self->project);
  guint n_communities = linli_project_get_n_communities (self->project);
  gboolean district = v->ppm < LOD_AGGREGATE;

  if (self->draw_background)
    {
      set_rgb (cr, LINLI_COLOR_STREET, 1);
      cairo_paint (cr);
    }

  /* Communities: a soft area with a dashed boundary, all in one path (plain
   * and undashed at district scale, where there are hundreds). */
  cairo_new_path (cr);
  for (guint c = 0; c < n_communities; c++)
    {
      graphene_rect_t r;

      if (!isfinite (self->community_boxes[4 * c]))
        continue;
      box_to_rect (v, &self->community_boxes[4 * c], 25 * v->ppm + 4, &r);
      if (!rect_visible (&r, v->width, v->height))
        continue;
      if (district)
        cairo_rectangle (cr, r.origin.x, r.origin.y, r.size.width, r.size.height);
      else
        rounded_rect (cr, &r, 6);
    }
  if (self->draw_background)
    {
      set_rgb (cr, 0xeeeae0, 1);
      cairo_fill_preserve (cr);
    }
  set_rgb (cr, 0x9d8f78, 0.8);
  cairo_set_line_width (cr, district ? 1 : 1.5);
  if (!district)
    cairo_set_dash (cr, (double[]) { 8, 4 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Compounds: blocks, with the streets left between them.  Too small to
   * see at district scale, and the basemap has its own. */
  if (district || !self->draw_background)
    return;
  for (guint c = 0; c < n_compounds; c++)
    {
      graphene_rect_t r;

      if (!isfinite (self->compound_boxes[4 * c]))
        continue;
      box_to_rect (v, &self->compound_boxes[4 * c], 6 * v->ppm + 1, &r);
      if (!rect_visible (&r, v->width, v->height))
        continue;
      rounded_rect (cr, &r, 3);
    }
  set_rgb (cr, 0xdfd8c8, 1);
  cairo_fill (cr);
}

static inline int
walk_band (double distance,
           double radius)
{
  if (!isfinite (distance))
    return 4;
  if (distance <= radius / 2)
    return 0;
  if (distance <= radius)
    return 1;
  if (distance <= radius * 1.5)
    return 2;
  return 3;
}

typedef struct
{
  LinliMapLayer *self;
  const View    *v;
  gboolean       major_only;
  double         width;
  GArray        *bands[5];   /* float x1, y1, x2, y2 per visible edge, by band */
} StreetCull;

static void
street_cull_cb (guint    edge,
                double   distance,
                gpointer user_data)
{
  StreetCull *c = user_data;
  LinliMapLayer *self = c->self;
  guint a, b;
  double len, x1, y1, x2, y2;
  float seg[4];
  int band = 4;

  if (c->major_only && linli_walk_get_edge_kind (self->walk, edge) < LINLI_STREET_TERTIARY)
    return;
  linli_walk_get_edge (self->walk, edge, &a, &b, &len);
  view_merc (c->v, self->street_merc[2 * a], self->street_merc[2 * a + 1], &x1, &y1);
  view_merc (c->v, self->street_merc[2 * b], self->street_merc[2 * b + 1], &x2, &y2);
  if (MAX (x1, x2) < -c->width || MIN (x1, x2) > c->v->width + c->width ||
      MAX (y1, y2) < -c->width || MIN (y1, y2) > c->v->height + c->width)
    return;
  if (self->node_distances != NULL)
    band = walk_band (MIN (self->node_distances[a], self->node_distances[b]) + len / 2, self->walk_radius);
  seg[0] = x1, seg[1] = y1, seg[2] = x2, seg[3] = y2;
  g_array_append_vals (c->bands[band], seg, 4);
}

/* Streets over the blocks: plain white lines, or coloured by the walk to
 * the nearest site at each segment's middle (the catchments along the
 * streets).  Only the edges near the view are looked at (an index over their
 * middles), each once; small streets are left out at district scale, and
 * all of them when a block would be a few pixels. */
static void
draw_streets (LinliMapLayer *self,
              cairo_t       *cr,
              const View    *v)
{
  static const guint band_colors[5] = { LINLI_COLOR_WALK_NEAR, LINLI_COLOR_WALK_IN, LINLI_COLOR_WALK_OVER,
                                        LINLI_COLOR_WALK_FAR, LINLI_COLOR_WALK_NONE };
  gboolean district = v->ppm < LOD_AGGREGATE;
  StreetCull c = { self, v, district, 0, { NULL } };

  if (self->walk == NULL || v->ppm < LOD_STREETS)
    return;
  c.width = CLAMP (7 * v->ppm, district ? 0.8 : 1.2, 8);
  for (int band = 0; band < 5; band++)
    c.bands[band] = g_array_new (FALSE, FALSE, sizeof (float));
  linli_point_index_query_circle (self->street_index, v->cx, v->cy, v->radius + self->street_reach,
                                 street_cull_cb, &c);

  /* Square caps close the corners where segments meet, and stroke faster
   * than round ones. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (int band = 0; band < 5; band++)
    {
      const float *seg = (const float *) c.bands[band]->data;
      guint n = c.bands[band]->len / 4;

      if (n > 0)
        {
          cairo_new_path (cr);
          for (guint k = 0; k < n; k++)
            {
              cairo_move_to (cr, seg[4 * k], seg[4 * k + 1]);
              cairo_line_to (cr, seg[4 * k + 2], seg[4 * k + 3]);
            }
          if (self->node_distances == NULL)
            {
              /* A casing, then the street. */
              set_rgb (cr, 0xc9c1b1, 1);
              cairo_set_line_width (cr, c.width + 1.5);
              cairo_stroke_preserve (cr);
              set_rgb (cr, 0xffffff, 1);
            }
          else
            set_rgb (cr, band_colors[band], 1);
          cairo_set_line_width (cr, c.width);
          cairo_stroke (cr);
        }
      g_array_unref (c.bands[band]);
    }
}

/* Circles of existing and planned sites share one tinted area (where they
 * overlap it is no darker: covered is covered) and one outline path;
 * candidates get a dashed outline. */
static void
draw_circles (LinliMapLayer *self,
              cairo_t       *cr,
              const View    *v,
              GArray        *sites,
              gboolean       fill)
{
  double radius_px = linli_project_get_coverage_radius (self->project) * v->ppm;
  /* By street, the circle only marks how far the straight line would
   * reach: no tint, a thinner dashed outline; the streets show the reach. */
  gboolean by_street = self->coverage != NULL &&
                       linli_coverage_get_distance (self->coverage) == LINLI_DISTANCE_STREET;

  for (int kind = 0; kind < 2; kind++)   /* 0: counting sites, 1: candidates */
    {
      if (fill && (kind == 1 || by_street))
        break;
      cairo_new_path (cr);
      for (guint s = 0; s < sites->len; s++)
        {
          const SiteDraw *d = &g_array_index (sites, SiteDraw, s);
          LinliSite *site = d->site;
          gboolean counts = d->counts;
          double x = d->x, y = d->y;

          if (counts != (kind == 0))
            continue;
          /* Candidate circles pile up; by default only the selected one
           * shows.  At district scale the cells show coverage, and only
           * the selected site keeps its circle. */
          if (!counts && !self->show_candidate_circles && site != self->selected)
            continue;
          if (v->ppm < LOD_AGGREGATE && site != self->selected)
            continue;
          if (!(x + radius_px >= 0 && y + radius_px >= 0 && x - radius_px <= v->width &&
                y - radius_px <= v->height))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, radius_px, 0, 2 * G_PI);
        }
      if (fill)
        {
          set_rgb (cr, 0xc8102e, 0.08);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
          cairo_fill (cr);
        }
      else if (kind == 0 && by_street)
        {
          set_rgb (cr, 0xc8102e, 0.45);
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else if (kind == 0)
        {
          set_rgb (cr, 0xc8102e, 0.6);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        {
          set_rgb (cr, 0xe08a00, 0.7);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  /* The selected site's circle stands out. */
  if (!fill && self->selected != NULL)
    {
      double x, y;

      view_point (v, linli_site_get_lat (self->selected), linli_site_get_lon (self->selected), &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, radius_px, 0, 2 * G_PI);
      if (linli_site_counts_for_coverage (self->selected))
        set_rgb (cr, 0xc8102e, 0.95);
      else
        {
          set_rgb (cr, 0xe08a00, 0.95);
          cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
        }
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* The per-building counts of covering sites, when the coverage is for
 * these buildings; NULL shows everything as not covered. */
static const guint *
cover_counts (LinliMapLayer *self)
{
  if (self->coverage != NULL && linli_coverage_get_n_buildings (self->coverage) == self->n_buildings)
    return linli_coverage_get_cover_counts (self->coverage);
  return NULL;
}

/* What an index query over the view does with each building it finds. */
typedef struct
{
  LinliMapLayer *self;
  const View    *v;
  GArray        *visible;
} Cull;

static void
cull_cb (guint    index,
         double   distance,
         gpointer user_data)
{
  Cull *c = user_data;
  double x, y;

  view_merc (c->v, c->self->merc[2 * index], c->self->merc[2 * index + 1], &x, &y);
  if (x >= -60 && y >= -60 && x <= c->v->width + 60 && y <= c->v->height + 60)
    g_array_append_val (c->visible, index);
}

/* District scale: buildings summed into small screen cells, each coloured
 * by the share of its households not covered: under 10 %, 10–50 %, half or
 * more.  The cells become one small image, drawn scaled up in one go. */
static void
draw_aggregate (LinliMapLayer *self,
                cairo_t       *cr,
                const View    *v)
{
  static const guint colours[] = { LINLI_COLOR_COVERED, LINLI_COLOR_PARTLY, LINLI_COLOR_UNCOVERED };
  int nx = (int) ceil (v->width / CELL_PX), ny = (int) ceil (v->height / CELL_PX);
  g_autofree guint32 *households = g_new0 (guint32, (gsize) nx * ny);
  g_autofree guint32 *uncovered = g_new0 (guint32, (gsize) nx * ny);
  const LinliBuilding *buildings = linli_project_get_buildings (self->project);
  const guint *counts = cover_counts (self);
  cairo_surface_t *image;
  guint32 *pixels;
  int stride;

  /* Most of the district is in view at this scale: a straight pass over
   * the arrays beats asking the index. */
  for (guint i = 0; i < self->n_buildings; i++)
    {
      double x = v->ox + v->xx * self->merc[2 * i] + v->xy * self->merc[2 * i + 1];
      double y = v->oy + v->yx * self->merc[2 * i] + v->yy * self->merc[2 * i + 1];
      int cx, cy;
      guint32 h;

      if (!(x >= 0 && y >= 0 && x < nx * CELL_PX && y < ny * CELL_PX))
        continue;
      cx = (int) (x / CELL_PX);
      cy = (int) (y / CELL_PX);
      h = MAX (buildings[i].households, 1);
      households[cy * nx + cx] += h;
      if (counts == NULL || counts[i] == 0)
        uncovered[cy * nx + cx] += h;
    }

  /* One pixel per cell, scaled up without smoothing. */
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, nx, ny);
  cairo_surface_flush (image);
  pixels = (guint32 *) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;
  for (int cy = 0; cy < ny; cy++)
    for (int cx = 0; cx < nx; cx++)
      {
        guint32 h = households[cy * nx + cx], u = uncovered[cy * nx + cx];

        pixels[cy * stride + cx] = h == 0 ? 0 : 0xff000000u | colours[u * 10 < h ? 0 : u * 2 < h ? 1 : 2];
      }
  cairo_surface_mark_dirty (image);
  cairo_save (cr);
  cairo_scale (cr, CELL_PX, CELL_PX);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

static void
draw_buildings (LinliMapLayer *self,
                cairo_t       *cr,
                const View    *v)
{
  gboolean footprints = v->ppm >= LOD_FOOTPRINTS;
  double scale = CLAMP (v->ppm * 4, 0.6, 2.0);
  g_autoptr (GArray) visible = NULL;
  const guint *counts = cover_counts (self);
  Cull cull = { self, v, NULL };

  if (v->ppm < LOD_AGGREGATE)
    {
      draw_aggregate (self, cr, v);
      return;
    }

  visible = g_array_new (FALSE, FALSE, sizeof (guint));
  cull.visible = visible;
  linli_point_index_query_circle (self->merc_index, v->cx, v->cy, v->radius, cull_cb, &cull);

  /* One path per colour: covered buildings filled, uncovered ones filled
   * and outlined. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 1);
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean want_covered = pass == 0;

      cairo_new_path (cr);
      for (guint k = 0; k < visible->len; k++)
        {
          guint i = g_array_index (visible, guint, k);
          const LinliBuilding *b;
          guint n_fp = 0;
          const LinliLatLon *fp;
          double x, y;

          if ((counts != NULL && counts[i] > 0) != want_covered)
            continue;
          b = linli_project_get_building (self->project, i);
          fp = footprints ? linli_project_get_footprint (self->project, i, &n_fp) : NULL;
          if (n_fp >= 3)
            {
              for (guint p = 0; p < n_fp; p++)
                {
                  double px, py;

                  view_point (v, fp[p].lat, fp[p].lon, &px, &py);
                  if (p == 0)
                    cairo_move_to (cr, px, py);
                  else
                    cairo_line_to (cr, px, py);
                }
              cairo_close_path (cr);
            }
          else
            {
              double r = CLAMP (sqrt ((double) b->households) * 0.45, 1.6, 6.0) * scale;

              view_merc (v, self->merc[2 * i], self->merc[2 * i + 1], &x, &y);
              cairo_new_sub_path (cr);
              cairo_arc (cr, x, y, r, 0, 2 * G_PI);
            }
        }
      set_rgb (cr, want_covered ? LINLI_COLOR_COVERED : LINLI_COLOR_UNCOVERED, 1);
      if (want_covered)
        {
          cairo_fill (cr);
        }
      else
        {
          cairo_fill_preserve (cr);
          set_rgb (cr, 0x7a1d05, 1);
          cairo_stroke (cr);
        }
    }

  if (self->highlight >= 0 && (guint) self->highlight < self->n_buildings)
    {
      double x, y;

      view_merc (v, self->merc[2 * self->highlight], self->merc[2 * self->highlight + 1], &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 12, 0, 2 * G_PI);
      set_rgb (cr, 0x111111, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
}

static void
draw_sites (LinliMapLayer *self,
            cairo_t       *cr,
            const View    *v,
            GArray        *sites,
            GArray        *placed)
{
  guint n_labels = 0;

  if (v->ppm < LOD_AGGREGATE)
    {
      cairo_new_path (cr);
      for (guint s = 0; s < sites->len; s++)
        {
          const SiteDraw *d = &g_array_index (sites, SiteDraw, s);

          if (!d->counts || !(d->x >= -5 && d->y >= -5 && d->x <= v->width + 5 && d->y <= v->height + 5))
            continue;
          cairo_rectangle (cr, d->x - 2.5, d->y - 2.5, 5, 5);
        }
      set_rgb (cr, 0xffffff, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke_preserve (cr);
      set_rgb (cr, 0xc8102e, 1);
      cairo_fill (cr);
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint s = 0; s < sites->len; s++)
      {
        const SiteDraw *d = &g_array_index (sites, SiteDraw, s);
        LinliSite *site = d->site;
        LinliSiteStatus status = d->status;
        double x = d->x, y = d->y;

        /* Candidates first, so existing and planned sites stay on top. */
        if ((pass == 0) != (status == LINLI_SITE_STATUS_CANDIDATE))
          continue;
        if (!(x >= -20 && y >= -20 && x <= v->width + 20 && y <= v->height + 20))
          continue;

        if (site == self->selected)
          {
            cairo_new_path (cr);
            cairo_arc (cr, x, y, 14, 0, 2 * G_PI);
            set_rgb (cr, 0xffd400, 0.8);
            cairo_fill (cr);
          }

        /* At district scale thousands of markers would hide the map:
         * small dots, drawn together below, candidates left out. */
        if (v->ppm < LOD_AGGREGATE && site != self->selected &&
            (self->proposal == NULL || !g_hash_table_contains (self->proposal, linli_site_get_id (site))))
          continue;

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

        /* A site the plan proposes: a green ring and what it adds. */
        if (self->proposal != NULL && g_hash_table_contains (self->proposal, linli_site_get_id (site)))
          {
            const double *adds = g_hash_table_lookup (self->proposal, linli_site_get_id (site));
            g_autofree char *text = g_strdup_printf (_("+%.0f households"), *adds);

            cairo_new_path (cr);
            cairo_arc (cr, x, y, 13, 0, 2 * G_PI);
            set_rgb (cr, LINLI_COLOR_PROPOSED, 1);
            cairo_set_line_width (cr, 3.5);
            cairo_stroke (cr);
            draw_label (self, cr, placed, text, x, y - 30, FALSE);
          }

        /* Labels where there is room to read them, and not too many. */
        if ((v->ppm >= 0.12 && n_labels < MAX_LABELS) || site == self->selected)
          n_labels += draw_label (self, cr, placed, linli_site_get_name (site), x, y + 10, FALSE);
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
  g_autoptr (GArray) sites = NULL;
  cairo_t *cr;
  View v;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->project == NULL || !view_init (self, &v))
    {
      if (self->draw_background)
        {
          set_rgb (cr, LINLI_COLOR_STREET, 1);
          cairo_paint (cr);
        }
      cairo_destroy (cr);
      return;
    }

  sites = place_sites (self, &v);
  draw_background (self, cr, &v);
  draw_streets (self, cr, &v);
  draw_circles (self, cr, &v, sites, TRUE);
  draw_buildings (self, cr, &v);
  draw_circles (self, cr, &v, sites, FALSE);
  draw_sites (self, cr, &v, sites, placed);

  /* Community names, where the community is big enough on screen to carry one. */
  for (guint c = 0; c < linli_project_get_n_communities (self->project); c++)
    {
      graphene_rect_t r;

      if (!isfinite (self->community_boxes[4 * c]))
        continue;
      box_to_rect (&v, &self->community_boxes[4 * c], 25 * v.ppm + 4, &r);
      if (!rect_visible (&r, width, height) || r.size.width < 80)
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
  g_clear_pointer (&LINLI_MAP_LAYER (object)->proposal, g_hash_table_unref);
  clear_project_data (LINLI_MAP_LAYER (object));
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
  self->draw_background = TRUE;
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
  g_clear_pointer (&self->proposal, g_hash_table_unref);
  clear_project_data (self);
  if (project != NULL)
    prepare_project (self);
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

/**
 * linli_map_layer_set_streets:
 * @walk: (nullable): the project's walking graph; the caller keeps it alive
 *   until it sets another
 * @node_distances: (nullable) (array): per node of @walk, the walk to the
 *   nearest site; the caller keeps it up to date and alive.  %NULL draws
 *   the streets plain.
 * @radius: the walk the coverage rule allows, in metres
 */
void
linli_map_layer_set_streets (LinliMapLayer *self,
                             LinliWalk     *walk,
                             const double  *node_distances,
                             double         radius)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));

  if (walk != self->walk)
    {
      const double *xy = walk != NULL ? linli_walk_get_node_xy (walk) : NULL;
      guint n = walk != NULL ? linli_walk_get_n_nodes (walk) : 0;
      const LinliProjection *proj = self->project != NULL ? linli_project_get_projection (self->project) : NULL;

      g_clear_pointer (&self->street_merc, g_free);
      g_clear_pointer (&self->street_index, linli_point_index_free);
      self->street_reach = 0;
      self->walk = proj != NULL ? walk : NULL;
      if (self->walk != NULL)
        {
          guint n_edges = linli_walk_get_n_edges (walk);
          g_autofree double *mid = g_new (double, 2 * MAX (n_edges, 1));

          self->street_merc = g_new (double, 2 * MAX (n, 1));
          for (guint i = 0; i < n; i++)
            {
              double lat, lon;

              linli_projection_inverse (proj, xy[2 * i], xy[2 * i + 1], &lat, &lon);
              mercator (lat, lon, &self->street_merc[2 * i], &self->street_merc[2 * i + 1]);
            }
          for (guint e = 0; e < n_edges; e++)
            {
              guint a, b;
              double len, dx, dy;

              linli_walk_get_edge (walk, e, &a, &b, &len);
              mid[2 * e] = (self->street_merc[2 * a] + self->street_merc[2 * b]) / 2 * WORLD_M;
              mid[2 * e + 1] = (self->street_merc[2 * a + 1] + self->street_merc[2 * b + 1]) / 2 * WORLD_M;
              dx = (self->street_merc[2 * b] - self->street_merc[2 * a]) * WORLD_M;
              dy = (self->street_merc[2 * b + 1] - self->street_merc[2 * a + 1]) * WORLD_M;
              self->street_reach = MAX (self->street_reach, hypot (dx, dy) / 2);
            }
          self->street_index = linli_point_index_new (mid, n_edges, 200.0 / cos (proj->lat0 * G_PI / 180));
        }
    }
  self->node_distances = self->walk != NULL ? node_distances : NULL;
  self->walk_radius = radius;
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

/**
 * linli_map_layer_set_proposal:
 * @ids: (array length=n): ids of the sites a plan proposes
 * @adds: (array length=n): households each adds
 *
 * Marks the proposed sites on the map; @n = 0 clears them.
 */
void
linli_map_layer_set_proposal (LinliMapLayer  *self,
                              const char    **ids,
                              const double   *adds,
                              guint           n)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));

  g_clear_pointer (&self->proposal, g_hash_table_unref);
  if (n > 0)
    {
      self->proposal = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < n; i++)
        g_hash_table_replace (self->proposal, g_strdup (ids[i]), g_memdup2 (&adds[i], sizeof (double)));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * linli_map_layer_get_draw_background:
 *
 * Returns: whether the layer paints its own streets-and-blocks background
 */
gboolean
linli_map_layer_get_draw_background (LinliMapLayer *self)
{
  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), TRUE);
  return self->draw_background;
}

/**
 * linli_map_layer_set_draw_background:
 * @draw: %FALSE to leave the background to a tile layer below
 *
 * Turns the street fill, community areas and compound blocks on or off;
 * community boundaries, buildings, circles and sites are always drawn.
 */
void
linli_map_layer_set_draw_background (LinliMapLayer *self,
                                     gboolean       draw)
{
  g_return_if_fail (LINLI_IS_MAP_LAYER (self));

  draw = !!draw;
  if (self->draw_background == draw)
    return;
  self->draw_background = draw;
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
  View v;

  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), NULL);
  if (self->project == NULL || !view_init (self, &v))
    return NULL;

  n = linli_project_get_n_sites (self->project);
  for (guint s = 0; s < n; s++)
    {
      LinliSite *site = linli_project_get_site (self->project, s);
      double sx, sy, d;

      view_point (&v, linli_site_get_lat (site), linli_site_get_lon (site), &sx, &sy);
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
  double det, dx, dy, mx, my, scale;
  View v;

  g_return_val_if_fail (LINLI_IS_MAP_LAYER (self), -1);
  if (self->project == NULL || !view_init (self, &v))
    return -1;

  det = v.xx * v.yy - v.xy * v.yx;
  dx = x - v.ox;
  dy = y - v.oy;
  mx = (v.yy * dx - v.xy * dy) / det;
  my = (-v.yx * dx + v.xx * dy) / det;
  scale = hypot (v.xx, v.yx) / WORLD_M;  /* pixels per WORLD_M unit */
  return linli_point_index_nearest (self->merc_index, mx * WORLD_M, my * WORLD_M, PICK_RADIUS_PX / scale);
}
