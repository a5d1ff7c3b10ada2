/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-painter"

#include "config.h"

#include "linli-painter.h"

#include "linli-file.h"

#include <math.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "linli-geo.h"
#include "linli-grids.h"
#include "linli-mercator.h"
#include "linli-partner-problem.h"
#include "linli-partners.h"
#include "linli-spatial.h"

/* The painter draws the district for an explicit view onto any cairo
 * surface: a plain street-and-block background (so the map looks finished
 * with no tiles at all), communities, compounds, streets, buildings
 * coloured by coverage, the sites with their service circles, labels, and
 * on request a legend and a scale bar.  The map layer in the window, the
 * PNG export and `linli-tool render` all draw through it, so what is
 * exported is what is on screen.  Over a tile basemap the background fills
 * are left out and only the community boundaries stay.  A grid layer, on
 * by default, draws the project's grids coloured by their household range,
 * the communities' boundaries (derived ones dashed), the buildings in no
 * grid, and a grid being drawn on the map.
 */
struct _LinliPainter
{
  GObject              parent_instance;

  LinliDocument       *document;          /* followed when set, else the setters below */
  PangoContext        *pango;             /* the map's text, kept from frame to frame */
  LinliProject        *project;
  const LinliCoverage *coverage;
  LinliSite           *selected;
  int                  highlight;
  GArray              *selected_buildings;  /* guint: ringed as selected for editing */
  gboolean             show_candidate_circles;
  gboolean             draw_background;   /* FALSE over a tile basemap */
  gboolean             show_legend;
  LinliBuildingColors  building_colors;
  gboolean             show_scale_bar;
  GHashTable          *proposal;          /* site id → households it adds, as a double* */
  GArray              *labels;            /* LinliPainterLabel: the last frame's labels */
  char                *attribution;       /* the data's credit, drawn with the scale bar */

  /* Precomputed once per project: Web Mercator positions in [0, 1] (y
   * grows southward), so a frame needs only an affine map per point. */
  guint                n_buildings;
  double              *merc;              /* 2 per building */
  LinliPointIndex     *merc_index;        /* the same, in WORLD_M units */
  double              *compound_boxes;    /* min x, min y, max x, max y, Mercator */
  double              *community_boxes;
  guint                boxes_serial;      /* the project's base serial the boxes were made for */

  /* Streets: the walking graph, its nodes in Mercator, and per node the
   * walk to the nearest site (or NULL: drawn plain). */
  LinliWalk           *walk;
  guint                n_street_nodes;
  double              *street_merc;
  LinliPointIndex     *street_index;      /* edge midpoints, in WORLD_M units */
  double               street_reach;      /* the longest half edge, in WORLD_M units */
  const double        *node_distances;
  double               walk_radius;

  /* Grids: the outlines in Mercator, made again when the grids, the
   * boundaries or the buildings change; the assignment the painter works
   * out itself when it has no document to ask. */
  gboolean             show_grids;
  gboolean             show_partner_lines;
  LinliGrid           *selected_grid;     /* owned by the project */
  GArray              *sketch;            /* LinliLatLon: a grid or cut being drawn */
  gboolean             sketch_closed;     /* drawn as an area, not a line */
  GArray              *grid_shapes;       /* Shape per grid */
  GArray              *boundary_shapes;   /* Shape per community */
  GArray              *grids_small;       /* guint: grids on screen this frame, drawn as cells */
  GArray              *grids_large;       /* guint: grids on screen this frame, drawn as outlines */
  GArray              *grid_rects;        /* Rect per grid on screen this frame, by position */
  gboolean             shapes_valid;
  gboolean             any_derived;       /* a boundary was derived from buildings */
  gboolean             any_given;         /* a boundary was drawn or imported */
  LinliGridAssignment *own_assignment;
  guint                own_serial;

  /* The accepted partner assignment: a line per pair from the unit to the
   * place it serves, in Mercator, made again when the lists or the base
   * data change. */
  GArray              *partner_lines;     /* PartnerLine */
  GArray              *partner_categories; /* guint: category positions with a line, in order */
  gboolean             partner_valid;
  guint                partner_base_serial;
  guint                partner_serial;      /* the lists' serial the lines were made for */
};

G_DEFINE_FINAL_TYPE (LinliPainter, linli_painter, G_TYPE_OBJECT)
G_DEFINE_QUARK (linli-render-error-quark, linli_render_error)

enum
{
  PROP_0,
  PROP_DRAW_BACKGROUND,
  PROP_SHOW_CANDIDATE_CIRCLES,
  PROP_SHOW_LEGEND,
  PROP_SHOW_SCALE_BAR,
  PROP_SHOW_GRIDS,
  PROP_SHOW_PARTNER_LINES,
  N_PROPS,
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define PICK_RADIUS_PX 14.0

/* Levels of detail, in pixels per metre at the district's latitude. */
#define LOD_AGGREGATE  0.05   /* below: buildings summed into screen cells */
#define LOD_FOOTPRINTS 0.35   /* above: buildings drawn as their outlines */
#define LOD_STREETS    0.03   /* below: no streets (a 100 m block would be 3 pixels) */
#define CELL_PX        6
#define MAX_LABELS     80     /* site labels per frame */
#define SMALL_GRID_PX  12     /* grids smaller on screen are drawn as cells */

typedef struct
{
  double x, y, width, height;
} Rect;

/* How the current frame maps Mercator to view pixels. */
typedef struct
{
  double        ox, oy;
  double        xx, xy, yx, yy;
  double        width, height;
  double        ppm;              /* pixels per metre on the ground */
  double        cx, cy, radius;   /* the visible area as a circle, in WORLD_M units */
  PangoContext *pango;
  GArray       *labels;           /* LinliPainterLabel: the labels drawn in this frame */
} View;

static void
rect_init (Rect  *r,
           double x,
           double y,
           double width,
           double height)
{
  r->x = x;
  r->y = y;
  r->width = width;
  r->height = height;
}

static gboolean
rect_intersects (const Rect *a,
                 const Rect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

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

  linli_mercator_project (lat, lon, &mx, &my);
  view_merc (v, mx, my, x, y);
}

/* The affine map from Mercator to the view's pixels: a scale by the
 * world's size in pixels, the rotation, and the centre in the middle. */
static gboolean
view_init (LinliPainter       *self,
           const LinliMapView *mv,
           View               *v)
{
  const LinliProjection *proj = linli_project_get_projection (self->project);
  double world = linli_mercator_world_px (mv->zoom);
  double c = cos (mv->rotation), s = sin (mv->rotation);
  double cmx, cmy, det, ix[4], iy[4];
  double corners[4][2];

  if (!(mv->width > 0 && mv->height > 0 && isfinite (world) && world > 0 && isfinite (c) && isfinite (s) &&
        linli_lat_lon_is_valid (mv->center_lat, mv->center_lon)))
    return FALSE;
  v->width = mv->width;
  v->height = mv->height;
  linli_mercator_project (mv->center_lat, mv->center_lon, &cmx, &cmy);
  v->xx = world * c;
  v->xy = -world * s;
  v->yx = world * s;
  v->yy = world * c;
  v->ox = mv->width / 2.0 - v->xx * cmx - v->xy * cmy;
  v->oy = mv->height / 2.0 - v->yx * cmx - v->yy * cmy;
  v->ppm = 1.0 / linli_mercator_meters_per_pixel (proj->lat0, mv->zoom);
  v->pango = NULL;

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
  v->cx *= LINLI_MERCATOR_WORLD_M;
  v->cy *= LINLI_MERCATOR_WORLD_M;
  v->radius = v->radius * LINLI_MERCATOR_WORLD_M + 100;
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

/* The boxes of the compounds and communities, made again whenever the
 * base data changed: an edit adds communities and moves buildings between
 * compounds without a new project, and a box array sized for the old
 * count would be read past its end. */
static void
prepare_boxes (LinliPainter *self)
{
  guint n_compounds = linli_project_get_n_compounds (self->project);
  guint n_communities = linli_project_get_n_communities (self->project);
  guint n = linli_project_get_n_buildings (self->project);

  g_free (self->compound_boxes);
  g_free (self->community_boxes);
  self->compound_boxes = g_new (double, 4 * MAX (n_compounds, 1));
  self->community_boxes = g_new (double, 4 * MAX (n_communities, 1));
  clear_boxes (self->compound_boxes, n_compounds);
  clear_boxes (self->community_boxes, n_communities);
  self->boxes_serial = linli_project_get_base_serial (self->project);
  /* Derived boundaries follow the buildings, and there is one per community. */
  self->shapes_valid = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, i);
      double *cbox = &self->compound_boxes[4 * b->compound];
      guint n_fp;
      const LinliLatLon *fp = linli_project_get_footprint (self->project, i, &n_fp);

      if (!isfinite (self->merc[2 * i]))
        continue;
      grow_box (cbox, self->merc[2 * i], self->merc[2 * i + 1]);
      for (guint k = 0; k < n_fp; k++)
        {
          double mx, my;

          linli_mercator_project (fp[k].lat, fp[k].lon, &mx, &my);
          grow_box (cbox, mx, my);
        }
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

/* Brings the boxes up to date with the project's base data. */
static void
ensure_boxes (LinliPainter *self)
{
  if (self->project != NULL && self->merc != NULL &&
      (self->compound_boxes == NULL || self->boxes_serial != linli_project_get_base_serial (self->project)))
    prepare_boxes (self);
}

static void
prepare_project (LinliPainter *self)
{
  guint n = linli_project_get_n_buildings (self->project);
  g_autofree double *scaled = g_new (double, 2 * MAX (n, 1));

  self->n_buildings = n;
  self->merc = g_new (double, 2 * MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, i);

      if (!linli_lat_lon_is_valid (b->lat, b->lon))
        {
          self->merc[2 * i] = self->merc[2 * i + 1] = NAN;
          scaled[2 * i] = scaled[2 * i + 1] = NAN;
          continue;
        }
      linli_mercator_project (b->lat, b->lon, &self->merc[2 * i], &self->merc[2 * i + 1]);
      scaled[2 * i] = self->merc[2 * i] * LINLI_MERCATOR_WORLD_M;
      scaled[2 * i + 1] = self->merc[2 * i + 1] * LINLI_MERCATOR_WORLD_M;
    }
  /* Cells of about 200 m on the ground at the district's latitude. */
  self->merc_index = linli_point_index_new (scaled, n, 200.0 / cos (linli_project_get_projection (self->project)->lat0 * G_PI / 180));
  prepare_boxes (self);
}

static void
clear_project_data (LinliPainter *self)
{
  g_clear_pointer (&self->merc, g_free);
  g_clear_pointer (&self->merc_index, linli_point_index_free);
  g_clear_pointer (&self->compound_boxes, g_free);
  g_clear_pointer (&self->community_boxes, g_free);
  g_clear_pointer (&self->street_merc, g_free);
  g_clear_pointer (&self->street_index, linli_point_index_free);
  self->walk = NULL;
  self->n_street_nodes = 0;
  self->node_distances = NULL;
  self->n_buildings = 0;
  g_clear_pointer (&self->own_assignment, linli_grid_assignment_free);
  if (self->grid_shapes != NULL)
    g_array_set_size (self->grid_shapes, 0);
  if (self->boundary_shapes != NULL)
    g_array_set_size (self->boundary_shapes, 0);
  self->shapes_valid = FALSE;
}

static void
box_to_rect (const View      *v,
             const double    *box,
             double           pad_px,
             Rect            *rect)
{
  double x0, y0, x1, y1;

  view_merc (v, box[0], box[1], &x0, &y0);
  view_merc (v, box[2], box[3], &x1, &y1);
  rect_init (rect, MIN (x0, x1) - pad_px, MIN (y0, y1) - pad_px,
                      fabs (x1 - x0) + 2 * pad_px, fabs (y1 - y0) + 2 * pad_px);
}

static void
rounded_rect (cairo_t               *cr,
              const Rect   *r,
              double                 radius)
{
  double x = r->x, y = r->y, w = r->width, h = r->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static gboolean
rect_visible (const Rect   *r,
              double                 width,
              double                 height)
{
  return r->x + r->width >= 0 && r->y + r->height >= 0 &&
         r->x <= width && r->y <= height;
}

static PangoLayout *
label_layout (const View *v,
              const char *text,
              gboolean    large,
              int        *w,
              int        *h)
{
  PangoLayout *layout = pango_layout_new (v->pango);
  PangoFontDescription *desc = pango_font_description_from_string (large ? "Sans Bold 13" : "Sans 9");

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_get_pixel_size (layout, w, h);
  return layout;
}

static gboolean
label_fits (const Rect *r,
            GArray     *placed)
{
  for (guint i = 0; i < placed->len; i++)
    if (rect_intersects (r, &g_array_index (placed, Rect, i)))
      return FALSE;
  return TRUE;
}

static void
label_clear (gpointer data)
{
  g_free (((LinliPainterLabel *) data)->text);
}

/* Paints a label in a place already taken for it, and notes it. */
static void
paint_label (const View *v,
             cairo_t    *cr,
             const char *text,
             const Rect *r,
             gboolean    large,
             gboolean    proposal)
{
  int w, h;
  g_autoptr (PangoLayout) layout = label_layout (v, text, large, &w, &h);
  LinliPainterLabel label = { g_strdup (text), r->x, r->y, r->width, r->height, proposal };

  g_array_append_val (v->labels, label);
  /* A soft plate behind the text keeps it readable on any background, and
   * costs far less to render than an outline of the glyphs. */
  cairo_new_path (cr);
  rounded_rect (cr, r, 3);
  set_rgb (cr, 0xffffff, large ? 0.55 : 0.75);
  cairo_fill (cr);
  cairo_move_to (cr, r->x + 3, r->y + 1);
  set_rgb (cr, large ? 0x5a4a3a : 0x202020, large ? 0.85 : 1.0);
  pango_cairo_show_layout (cr, layout);
}

/* Places a label unless it would overlap one already placed.
 *
 * Returns: whether it was placed
 */
static gboolean
draw_label (const View    *v,
            cairo_t       *cr,
            GArray        *placed,
            const char    *text,
            double         cx,
            double         top,
            gboolean       large)
{
  int w, h;
  g_autoptr (PangoLayout) layout = label_layout (v, text, large, &w, &h);
  Rect r;

  rect_init (&r, cx - w / 2.0 - 3, top, w + 6, h + 2);
  if (!label_fits (&r, placed))
    return FALSE;
  g_array_append_val (placed, r);
  paint_label (v, cr, text, &r, large, FALSE);
  return TRUE;
}

/* Finds room for a label @gap pixels from a point: below it (above with
 * @above_first), and with @sides also above (below), right or left of it,
 * so that a label that collides in one place moves rather than vanishes.
 * The place is taken in @placed.
 *
 * Returns: whether there was room
 */
static gboolean
place_label_around (const View *v,
                    GArray     *placed,
                    const char *text,
                    double      x,
                    double      y,
                    double      gap,
                    gboolean    above_first,
                    gboolean    sides,
                    Rect       *r)
{
  int w, h;
  g_autoptr (PangoLayout) layout = label_layout (v, text, FALSE, &w, &h);
  double bw = w + 6, bh = h + 2;
  Rect spots[4];

  rect_init (&spots[above_first ? 1 : 0], x - bw / 2, y + gap, bw, bh);
  rect_init (&spots[above_first ? 0 : 1], x - bw / 2, y - gap - bh, bw, bh);
  rect_init (&spots[2], x + gap, y - bh / 2, bw, bh);
  rect_init (&spots[3], x - gap - bw, y - bh / 2, bw, bh);
  for (guint i = 0; i < (sides ? 4 : 1); i++)
    if (label_fits (&spots[i], placed))
      {
        *r = spots[i];
        g_array_append_val (placed, *r);
        return TRUE;
      }
  return FALSE;
}

/* A site as this frame draws it: looked up and placed once per frame. */
typedef struct
{
  LinliSite      *site;
  LinliSiteStatus status;
  gboolean        counts;
  double          x;
  double          y;
  gboolean        has_proposal_label;   /* room was found for "+N households" */
  Rect            proposal_label;
} SiteDraw;

static GArray *
place_sites (LinliPainter  *self,
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
draw_background (LinliPainter  *self,
                 cairo_t       *cr,
                 const View    *v,
                 gboolean       boundaries)
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
      Rect r;

      if (!isfinite (self->community_boxes[4 * c]))
        continue;
      box_to_rect (v, &self->community_boxes[4 * c], 25 * v->ppm + 4, &r);
      if (!rect_visible (&r, v->width, v->height))
        continue;
      if (district)
        cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      else
        rounded_rect (cr, &r, 6);
    }
  if (self->draw_background)
    {
      set_rgb (cr, 0xeeeae0, 1);
      cairo_fill_preserve (cr);
    }
  /* With grids, the communities' real boundaries are drawn instead. */
  if (boundaries)
    {
      cairo_new_path (cr);
    }
  else
    {
      set_rgb (cr, 0x9d8f78, 0.8);
      cairo_set_line_width (cr, district ? 1 : 1.5);
      if (!district)
        cairo_set_dash (cr, (double[]) { 8, 4 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Compounds: blocks, with the streets left between them.  Too small to
   * see at district scale, and the basemap has its own. */
  if (district || !self->draw_background)
    return;
  for (guint c = 0; c < n_compounds; c++)
    {
      Rect r;

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

/* Water */

/* Whether the box of @extent, seen through @v, reaches into the view
 * widened by @pad pixels. */
static gboolean
extent_visible (const View        *v,
                const LinliExtent *extent,
                double             pad)
{
  double x[4], y[4];

  if (!(extent->min_lat <= extent->max_lat))
    return FALSE;
  view_point (v, extent->min_lat, extent->min_lon, &x[0], &y[0]);
  view_point (v, extent->min_lat, extent->max_lon, &x[1], &y[1]);
  view_point (v, extent->max_lat, extent->min_lon, &x[2], &y[2]);
  view_point (v, extent->max_lat, extent->max_lon, &x[3], &y[3]);
  return MAX (MAX (x[0], x[1]), MAX (x[2], x[3])) >= -pad &&
         MIN (MIN (x[0], x[1]), MIN (x[2], x[3])) <= v->width + pad &&
         MAX (MAX (y[0], y[1]), MAX (y[2], y[3])) >= -pad &&
         MIN (MIN (y[0], y[1]), MIN (y[2], y[3])) <= v->height + pad;
}

/* Water under the streets: areas filled light blue, each on its own so
 * that overlapping ones (a riverbank over a lake) do not cancel out under
 * the even-odd rule its islands need; waterways as blue lines as wide as
 * they are on the ground (their kind's usual width when not known), at
 * least a pixel. */
static void
draw_water (LinliPainter *self,
            cairo_t      *cr,
            const View   *v)
{
  const LinliWater *water = linli_project_get_water (self->project);

  if (linli_water_is_empty (water))
    return;
  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < linli_water_get_n_areas (water); i++)
    {
      LinliPolygon *polygon = linli_water_get_area (water, i, NULL, NULL);
      LinliExtent extent;

      linli_polygon_get_extent (polygon, &extent);
      if (!extent_visible (v, &extent, 2))
        continue;
      cairo_new_path (cr);
      for (guint r = 0; r < linli_polygon_get_n_rings (polygon); r++)
        {
          guint n;
          const LinliLatLon *p = linli_polygon_get_ring (polygon, r, &n);

          for (guint k = 0; k < n; k++)
            {
              double x, y;

              view_point (v, p[k].lat, p[k].lon, &x, &y);
              if (k == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
      set_rgb (cr, LINLI_COLOR_WATER_AREA, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, LINLI_COLOR_WATER, 0.5);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  set_rgb (cr, LINLI_COLOR_WATER, 1);
  for (guint i = 0; i < linli_water_get_n_lines (water); i++)
    {
      LinliWaterwayKind kind;
      double width, px;
      guint n;
      const LinliLatLon *p = linli_water_get_line (water, i, &kind, NULL, &width, &n);
      LinliExtent extent;

      if (width <= 0)
        width = linli_waterway_kind_default_width (kind);
      px = MAX (width * v->ppm, 1.0);
      linli_extent_init (&extent);
      for (guint k = 0; k < n; k++)
        linli_extent_add (&extent, p[k].lat, p[k].lon);
      if (!extent_visible (v, &extent, px))
        continue;
      cairo_new_path (cr);
      for (guint k = 0; k < n; k++)
        {
          double x, y;

          view_point (v, p[k].lat, p[k].lon, &x, &y);
          if (k == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_set_line_width (cr, px);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
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
  LinliPainter  *self;
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
  LinliPainter  *self = c->self;
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
 * streets).  Only the edges near the view are looked at (a grid over their
 * middles), each once; small streets are left out at district scale, and
 * all of them when a block would be a few pixels. */
static void
draw_streets (LinliPainter  *self,
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
draw_circles (LinliPainter  *self,
              cairo_t       *cr,
              const View    *v,
              GArray        *sites,
              gboolean       fill)
{
  double ppm = v->ppm;
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
          /* Each site reaches as far as its tier does. */
          double radius_px = linli_project_get_site_reach (self->project, site) * ppm;

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
      cairo_arc (cr, x, y, linli_project_get_site_reach (self->project, self->selected) * ppm, 0, 2 * G_PI);
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
cover_counts (LinliPainter *self)
{
  if (self->coverage != NULL && linli_coverage_get_n_buildings (self->coverage) == self->n_buildings)
    return linli_coverage_get_cover_counts (self->coverage);
  return NULL;
}

/* What a grid query over the view does with each building it finds. */
typedef struct
{
  LinliPainter  *self;
  const View    *v;
  GArray        *visible;
} Cull;

/* Each building's chain status, when the buildings are coloured by it and
 * the document has them; NULL otherwise. */
static const guint8 *
chain_status (LinliPainter *self)
{
  const LinliOrgCheck *check;

  if (self->building_colors != LINLI_BUILDING_COLORS_CHAIN || self->document == NULL)
    return NULL;
  check = linli_document_get_org_check (self->document);
  if (check == NULL || check->n_buildings != self->n_buildings)
    return NULL;
  return check->chain;
}

/* The colour class of a chain status: complete, missing a group, members
 * unknown, no member; the last, the worst, is outlined. */
static guint
chain_class (guint8 status)
{
  switch (status)
    {
    case LINLI_CHAIN_COMPLETE: return 0;
    case LINLI_CHAIN_MISSING_GROUP: return 1;
    case LINLI_CHAIN_MEMBERS_UNKNOWN: return 2;
    case LINLI_CHAIN_NO_MEMBER:
    default:
      return 3;
    }
}

/* Which colour class building @i falls in: 0 is the good one, drawn first
 * and plain, the last is the worst, outlined. */
static guint
building_class (const guint  *counts,
                const guint8 *chain,
                guint         i)
{
  if (chain != NULL)
    return chain_class (chain[i]);
  return counts != NULL && counts[i] > 0 ? 0 : 1;
}

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
draw_aggregate (LinliPainter  *self,
                cairo_t       *cr,
                const View    *v)
{
  static const guint colours[] = { LINLI_COLOR_COVERED, LINLI_COLOR_PARTLY, LINLI_COLOR_UNCOVERED };
  static const guint chain_colours[] = { LINLI_COLOR_CHAIN_COMPLETE, LINLI_COLOR_CHAIN_MISSING_GROUP,
                                         LINLI_COLOR_CHAIN_MEMBERS_UNKNOWN,
                                         LINLI_COLOR_CHAIN_NO_MEMBER };
  const guint8 *chain = chain_status (self);
  int nx = (int) ceil (v->width / CELL_PX), ny = (int) ceil (v->height / CELL_PX);
  g_autofree guint32 *households = g_new0 (guint32, (gsize) nx * ny);
  g_autofree guint32 *uncovered = g_new0 (guint32, (gsize) nx * ny);
  g_autofree guint32 *classes = chain != NULL ? g_new0 (guint32, (gsize) nx * ny * 4) : NULL;
  const LinliBuilding *buildings = linli_project_get_buildings (self->project);
  const guint *counts = cover_counts (self);
  cairo_surface_t *image;
  guint32 *pixels;
  int stride;

  /* Most of the district is in view at this scale: a straight pass over
   * the arrays beats asking the grid. */
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
      if (chain != NULL)
        {
          /* By chain status: buildings counted by colour class. */
          households[cy * nx + cx] += 1;
          classes[4 * (cy * nx + cx) + chain_class (chain[i])]++;
        }
      else if (counts == NULL || counts[i] == 0)
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

        if (chain != NULL)
          {
            /* The status most of the cell's buildings have, the worse
             * one on a tie. */
            const guint32 *n = &classes[4 * (cy * nx + cx)];
            guint best = 3;

            for (guint k = 3; k-- > 0;)
              if (n[k] > n[best])
                best = k;

            pixels[cy * stride + cx] = h == 0 ? 0 : 0xff000000u | chain_colours[best];
          }
        else
          {
            pixels[cy * stride + cx] = h == 0 ? 0 : 0xff000000u | colours[u * 10 < h ? 0 : u * 2 < h ? 1 : 2];
          }
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
draw_buildings (LinliPainter  *self,
                cairo_t       *cr,
                const View    *v)
{
  gboolean footprints = v->ppm >= LOD_FOOTPRINTS;
  double scale = CLAMP (v->ppm * 4, 0.6, 2.0);
  g_autoptr (GArray) visible = NULL;
  const guint *counts = cover_counts (self);
  const guint8 *chain = chain_status (self);
  static const guint coverage_colours[] = { LINLI_COLOR_COVERED, LINLI_COLOR_UNCOVERED };
  static const guint chain_colours[] = { LINLI_COLOR_CHAIN_COMPLETE, LINLI_COLOR_CHAIN_MISSING_GROUP,
                                         LINLI_COLOR_CHAIN_MEMBERS_UNKNOWN,
                                         LINLI_COLOR_CHAIN_NO_MEMBER };
  const guint *colours = chain != NULL ? chain_colours : coverage_colours;
  guint n_passes = chain != NULL ? G_N_ELEMENTS (chain_colours) : G_N_ELEMENTS (coverage_colours);
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
   * and outlined; by chain status, complete and missing a group filled,
   * no member filled and outlined. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 1);
  for (guint pass = 0; pass < n_passes; pass++)
    {
      gboolean last = pass == n_passes - 1;

      cairo_new_path (cr);
      for (guint k = 0; k < visible->len; k++)
        {
          guint i = g_array_index (visible, guint, k);
          const LinliBuilding *b;
          guint n_fp = 0;
          const LinliLatLon *fp;
          double x, y;

          if (building_class (counts, chain, i) != pass)
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
      set_rgb (cr, colours[pass], 1);
      if (!last)
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

  /* Buildings selected for editing: a thin ring each, under the highlight. */
  if (self->selected_buildings->len > 0)
    {
      cairo_new_path (cr);
      for (guint k = 0; k < self->selected_buildings->len; k++)
        {
          guint b = g_array_index (self->selected_buildings, guint, k);
          double x, y;

          if (b >= self->n_buildings)
            continue;
          view_merc (v, self->merc[2 * b], self->merc[2 * b + 1], &x, &y);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, 7, 0, 2 * G_PI);
        }
      set_rgb (cr, 0x1c71d8, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
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
draw_sites (LinliPainter  *self,
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
            if (d->has_proposal_label)
              paint_label (v, cr, text, &d->proposal_label, FALSE, TRUE);
          }

        /* Labels where there is room to read them, and not too many. */
        if ((v->ppm >= 0.12 && n_labels < MAX_LABELS) || site == self->selected)
          {
            Rect r;

            /* Below only: moved above or beside its site a name would
             * cover buildings the map is read for; without room it gives
             * way, it never overlaps. */
            if (place_label_around (v, placed, linli_site_get_name (site), x, y, 10, FALSE, FALSE, &r))
              {
                paint_label (v, cr, linli_site_get_name (site), &r, FALSE, FALSE);
                n_labels++;
              }
          }
      }
}

/* A proposal's "+N households" is what the planner reads the map for:
 * its place is taken before any grid, site or community label, beside the
 * green ring (which is 13 px across), above it when there is room. */
static void
place_proposal_labels (LinliPainter *self,
                       const View   *v,
                       GArray       *sites,
                       GArray       *placed)
{
  if (self->proposal == NULL)
    return;
  for (guint s = 0; s < sites->len; s++)
    {
      SiteDraw *d = &g_array_index (sites, SiteDraw, s);
      const double *adds = g_hash_table_lookup (self->proposal, linli_site_get_id (d->site));
      g_autofree char *text = NULL;

      if (adds == NULL || !(d->x >= -20 && d->y >= -20 && d->x <= v->width + 20 && d->y <= v->height + 20))
        continue;
      text = g_strdup_printf (_("+%.0f households"), *adds);
      d->has_proposal_label = place_label_around (v, placed, text, d->x, d->y, 17, TRUE, TRUE,
                                                  &d->proposal_label);
    }
}

/* The grid layer */

/* An outline as a frame draws it: its rings in Mercator, its box, and
 * where its label goes. */
typedef struct
{
  double   box[4];
  double  *points;          /* 2 per vertex */
  guint   *ring_lengths;
  guint    n_rings;
  double   label_x;
  double   label_y;
  gboolean derived;         /* a community boundary worked out from its buildings */
  struct ShapeLod *lods;    /* by zoom from LOD_MIN_ZOOM, each made when first drawn */
} Shape;

/* An outline simplified for the scale of one zoom level. */
typedef struct ShapeLod
{
  double  *points;          /* NULL: not made yet */
  guint   *ring_lengths;
} ShapeLod;

/* Outlines are simplified for each zoom level from 6 to 16, within half a
 * pixel; closer in, they are drawn as they are. */
#define LOD_MIN_ZOOM 6
#define LOD_MAX_ZOOM 16
#define N_LODS (LOD_MAX_ZOOM - LOD_MIN_ZOOM + 1)

static void
shape_clear (gpointer data)
{
  Shape *shape = data;

  g_clear_pointer (&shape->points, g_free);
  g_clear_pointer (&shape->ring_lengths, g_free);
  for (guint k = 0; shape->lods != NULL && k < N_LODS; k++)
    {
      g_free (shape->lods[k].points);
      g_free (shape->lods[k].ring_lengths);
    }
  g_clear_pointer (&shape->lods, g_free);
}

/* The points of @shape to draw at a scale of @world_px pixels to the
 * world: at district scale a derived community boundary has hundreds of
 * vertices closer together than a pixel, which cost the path, its
 * recording and its stroke and add nothing to the picture. */
static const double *
shape_points_for (const Shape  *shape,
                  double        world_px,
                  const guint **ring_lengths)
{
  Shape *mutable = (Shape *) shape;
  int zoom = (int) ceil (log2 (world_px / LINLI_MERCATOR_TILE_PX) - 1e-9);
  ShapeLod *lod;
  g_autofree gboolean *keep = NULL;
  guint n_points = 0, k = 0, kept = 0;
  double tolerance;

  *ring_lengths = shape->ring_lengths;
  if (zoom > LOD_MAX_ZOOM)
    return shape->points;
  zoom = MAX (zoom, LOD_MIN_ZOOM);
  if (mutable->lods == NULL)
    mutable->lods = g_new0 (ShapeLod, N_LODS);
  lod = &mutable->lods[zoom - LOD_MIN_ZOOM];
  if (lod->points != NULL)
    {
      *ring_lengths = lod->ring_lengths;
      return lod->points;
    }

  /* Within half a pixel at the level's own zoom, so within half a pixel
   * at every zoom that rounds up to it. */
  tolerance = 0.5 / linli_mercator_world_px (zoom);
  for (guint r = 0; r < shape->n_rings; r++)
    n_points += shape->ring_lengths[r];
  keep = g_new (gboolean, MAX (n_points, 1));
  lod->points = g_new (double, 2 * MAX (n_points, 1));
  lod->ring_lengths = g_new0 (guint, MAX (shape->n_rings, 1));
  for (guint r = 0; r < shape->n_rings; r++)
    {
      guint n = shape->ring_lengths[r];
      const double *ring = &shape->points[2 * k];

      if (n > 0)
        linli_ring_simplify (ring, n, tolerance, keep);
      for (guint i = 0; i < n; i++)
        if (keep[i])
          {
            lod->points[2 * kept] = ring[2 * i];
            lod->points[2 * kept + 1] = ring[2 * i + 1];
            kept++;
            lod->ring_lengths[r]++;
          }
      k += n;
    }
  *ring_lengths = lod->ring_lengths;
  return lod->points;
}

static void
shape_init (Shape                 *shape,
            const LinliPolygon    *polygon,
            const LinliProjection *projection)
{
  guint n_rings, k = 0;
  double lat, lon;

  memset (shape, 0, sizeof *shape);
  clear_boxes (shape->box, 1);
  if (polygon == NULL)
    return;
  n_rings = linli_polygon_get_n_rings (polygon);
  shape->points = g_new (double, 2 * MAX (linli_polygon_get_n_points (polygon), 1));
  shape->ring_lengths = g_new (guint, MAX (n_rings, 1));
  shape->n_rings = n_rings;
  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const LinliLatLon *p = linli_polygon_get_ring (polygon, r, &n);

      shape->ring_lengths[r] = n;
      for (guint i = 0; i < n; i++, k++)
        {
          linli_mercator_project (p[i].lat, p[i].lon, &shape->points[2 * k], &shape->points[2 * k + 1]);
          grow_box (shape->box, shape->points[2 * k], shape->points[2 * k + 1]);
        }
    }
  /* The centroid of an L-shaped grid may lie outside it: then the middle
   * of its box is no worse. */
  linli_polygon_centroid (polygon, projection, &lat, &lon);
  if (linli_lat_lon_is_valid (lat, lon) && linli_polygon_contains (polygon, lat, lon))
    {
      linli_mercator_project (lat, lon, &shape->label_x, &shape->label_y);
    }
  else
    {
      shape->label_x = (shape->box[0] + shape->box[2]) / 2;
      shape->label_y = (shape->box[1] + shape->box[3]) / 2;
    }
}

static void
shape_path (cairo_t     *cr,
            const View  *v,
            const Shape *shape)
{
  const guint *ring_lengths;
  const double *points = shape_points_for (shape, hypot (v->xx, v->yx), &ring_lengths);
  guint k = 0;

  for (guint r = 0; r < shape->n_rings; r++)
    {
      for (guint i = 0; i < ring_lengths[r]; i++, k++)
        {
          double x, y;

          view_merc (v, points[2 * k], points[2 * k + 1], &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

/* The box of @shape on screen, with every corner turned, so that a rotated
 * map culls nothing it shows. */
static gboolean
shape_visible (const View  *v,
               const Shape *shape,
               Rect        *r)
{
  double xs[4], ys[4];

  if (!isfinite (shape->box[0]))
    return FALSE;
  /* Unturned, two corners say it all. */
  if (v->xy == 0 && v->yx == 0)
    {
      view_merc (v, shape->box[0], shape->box[1], &xs[0], &ys[0]);
      view_merc (v, shape->box[2], shape->box[3], &xs[1], &ys[1]);
      rect_init (r, MIN (xs[0], xs[1]), MIN (ys[0], ys[1]), fabs (xs[1] - xs[0]), fabs (ys[1] - ys[0]));
      return rect_visible (r, v->width, v->height);
    }
  view_merc (v, shape->box[0], shape->box[1], &xs[0], &ys[0]);
  view_merc (v, shape->box[2], shape->box[1], &xs[1], &ys[1]);
  view_merc (v, shape->box[0], shape->box[3], &xs[2], &ys[2]);
  view_merc (v, shape->box[2], shape->box[3], &xs[3], &ys[3]);
  rect_init (r, MIN (MIN (xs[0], xs[1]), MIN (xs[2], xs[3])), MIN (MIN (ys[0], ys[1]), MIN (ys[2], ys[3])), 0, 0);
  r->width = MAX (MAX (xs[0], xs[1]), MAX (xs[2], xs[3])) - r->x;
  r->height = MAX (MAX (ys[0], ys[1]), MAX (ys[2], ys[3])) - r->y;
  return rect_visible (r, v->width, v->height);
}

/* Which building lies in which grid: the document's when the painter
 * draws a document, else worked out here once per change of the grids. */
static const LinliGridAssignment *
painter_assignment (LinliPainter *self)
{
  LinliGrids *grids = linli_project_get_grids (self->project);

  if (self->document != NULL && linli_document_get_project (self->document) == self->project)
    return linli_document_get_grid_assignment (self->document);
  if (self->own_assignment == NULL || self->own_serial != linli_grids_get_serial (grids))
    {
      g_clear_pointer (&self->own_assignment, linli_grid_assignment_free);
      self->own_assignment = linli_grid_assignment_new (self->project);
      self->own_serial = linli_grids_get_serial (grids);
    }
  return self->own_assignment;
}

static gboolean
has_grids (LinliPainter *self)
{
  return self->show_grids && self->project != NULL &&
         linli_grids_get_n_grids (linli_project_get_grids (self->project)) > 0;
}

/* The outlines in Mercator, made once per change: a frame then needs only
 * the affine map per vertex. */
static void
prepare_shapes (LinliPainter *self)
{
  LinliGrids *grids = linli_project_get_grids (self->project);
  const LinliProjection *projection = linli_project_get_projection (self->project);
  guint n_grids = linli_grids_get_n_grids (grids);

  if (self->shapes_valid)
    return;
  g_array_set_size (self->grid_shapes, 0);
  g_array_set_size (self->boundary_shapes, 0);
  self->any_derived = FALSE;
  self->any_given = FALSE;
  for (guint i = 0; i < n_grids; i++)
    {
      Shape shape;

      shape_init (&shape, linli_grid_get_polygon (linli_grids_get_grid (grids, i)), projection);
      g_array_append_val (self->grid_shapes, shape);
    }
  /* A boundary drawn or imported is always shown: a planner draws one for
   * a new community before any grid exists.  Derived ones matter once
   * there are grids to keep inside them; before that the community areas
   * say enough, and deriving one costs a hull. */
  for (guint c = 0; c < linli_project_get_n_communities (self->project); c++)
    {
      gboolean derived = FALSE;
      LinliPolygon *boundary;
      Shape shape;

      if (n_grids > 0 && self->document != NULL && linli_document_get_project (self->document) == self->project)
        boundary = linli_document_get_community_boundary (self->document, c, &derived);
      else
        boundary = linli_grids_get_community_boundary (grids, c);
      shape_init (&shape, boundary, projection);
      shape.derived = boundary != NULL && derived;
      self->any_derived |= shape.derived;
      self->any_given |= boundary != NULL && !derived;
      g_array_append_val (self->boundary_shapes, shape);
    }
  self->shapes_valid = TRUE;
}

/* Per grid, whether it shares ground with another grid. */
static gboolean *
overlapping_grids (const LinliGridAssignment *assignment,
                   guint                      n_grids)
{
  gboolean *overlapping = g_new0 (gboolean, MAX (n_grids, 1));
  guint n;
  const LinliGridOverlap *overlaps = linli_grid_assignment_get_overlaps (assignment, &n);

  for (guint i = 0; i < n; i++)
    {
      if (overlaps[i].a < n_grids)
        overlapping[overlaps[i].a] = TRUE;
      if (overlaps[i].b < n_grids)
        overlapping[overlaps[i].b] = TRUE;
    }
  return overlapping;
}

/* A grid's outline is marked when something about it needs the planner's
 * eye: in two pieces, sharing ground with another grid, or reaching out of
 * its community. */
static gboolean
grid_marked (const LinliGridFigures *figures,
             gboolean                overlapping)
{
  return !figures->contiguous || overlapping || figures->outside_community;
}

static inline gboolean
shape_small (const Rect *r)
{
  return r->width < SMALL_GRID_PX && r->height < SMALL_GRID_PX;
}

/* Which grids this frame shows, and how: every pass of the grid layer
 * walks these lists instead of culling the district's thousands of
 * outlines again (at district scale all of them are cells, and the passes
 * that draw outlines find nothing to do). */
static void
sort_grids_on_screen (LinliPainter *self,
                      const View   *v)
{
  guint n = self->grid_shapes->len;

  g_array_set_size (self->grids_small, 0);
  g_array_set_size (self->grids_large, 0);
  g_array_set_size (self->grid_rects, n);
  for (guint i = 0; i < n; i++)
    {
      Rect *r = &g_array_index (self->grid_rects, Rect, i);

      if (!shape_visible (v, &g_array_index (self->grid_shapes, Shape, i), r))
        continue;
      if (shape_small (r))
        g_array_append_val (self->grids_small, i);
      else
        g_array_append_val (self->grids_large, i);
    }
}

/* Grids too small on screen to draw as outlines, a district's thousands at
 * district scale: each colours the screen cell under its middle, out of
 * range winning, and the cells become one small image drawn scaled up. */
static void
draw_small_grid_cells (LinliPainter              *self,
                       cairo_t                   *cr,
                       const View                *v,
                       const LinliGridAssignment *assignment)
{
  int nx = (int) ceil (v->width / CELL_PX), ny = (int) ceil (v->height / CELL_PX);
  g_autofree guint8 *cells = g_new0 (guint8, (gsize) nx * ny);
  gboolean any = FALSE;
  cairo_surface_t *image;
  guint32 *pixels, colours[3] = { 0 };
  int stride;

  for (guint k = 0; k < self->grids_small->len; k++)
    {
      guint i = g_array_index (self->grids_small, guint, k);
      const Rect *r = &g_array_index (self->grid_rects, Rect, i);
      int cx, cy;
      guint8 value;

      cx = (int) ((r->x + r->width / 2) / CELL_PX);
      cy = (int) ((r->y + r->height / 2) / CELL_PX);
      if (cx < 0 || cy < 0 || cx >= nx || cy >= ny)
        continue;
      value = linli_grid_assignment_get_figures (assignment, i)->in_range ? 1 : 2;
      cells[cy * nx + cx] = MAX (cells[cy * nx + cx], value);
      any = TRUE;
    }
  if (!any)
    return;

  /* Premultiplied, at the alphas the outlines' fills use. */
  for (int k = 1; k <= 2; k++)
    {
      guint rgb = k == 1 ? LINLI_COLOR_GRID : LINLI_COLOR_GRID_OUT;
      double alpha = k == 1 ? LINLI_GRID_FILL_ALPHA : LINLI_GRID_OUT_FILL_ALPHA;

      colours[k] = ((guint32) lround (alpha * 255) << 24) |
                   ((guint32) lround (((rgb >> 16) & 0xff) * alpha) << 16) |
                   ((guint32) lround (((rgb >> 8) & 0xff) * alpha) << 8) |
                   (guint32) lround ((rgb & 0xff) * alpha);
    }
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, nx, ny);
  cairo_surface_flush (image);
  pixels = (guint32 *) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;
  for (int cy = 0; cy < ny; cy++)
    for (int cx = 0; cx < nx; cx++)
      pixels[cy * stride + cx] = colours[cells[cy * nx + cx]];
  cairo_surface_mark_dirty (image);
  cairo_save (cr);
  cairo_scale (cr, CELL_PX, CELL_PX);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

/* Light fills under the streets and buildings: one path per colour, holes
 * left open by the even-odd rule. */
static void
draw_grid_fills (LinliPainter *self,
                 cairo_t      *cr,
                 const View   *v)
{
  const LinliGridAssignment *assignment;
  guint n = self->grid_shapes->len;

  if (n == 0)
    return;
  assignment = painter_assignment (self);
  if (linli_grid_assignment_get_n_grids (assignment) != n)
    return;
  draw_small_grid_cells (self, cr, v, assignment);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean want_in = pass == 0;

      if (self->grids_large->len == 0)
        break;
      cairo_new_path (cr);
      for (guint k = 0; k < self->grids_large->len; k++)
        {
          guint i = g_array_index (self->grids_large, guint, k);

          if (linli_grid_assignment_get_figures (assignment, i)->in_range != want_in)
            continue;
          shape_path (cr, v, &g_array_index (self->grid_shapes, Shape, i));
        }
      set_rgb (cr, want_in ? LINLI_COLOR_GRID : LINLI_COLOR_GRID_OUT,
               want_in ? LINLI_GRID_FILL_ALPHA : LINLI_GRID_OUT_FILL_ALPHA);
      cairo_fill (cr);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
}

/* Community boundaries as drawn or imported, solid; those derived from
 * the buildings, dashed. */
static void
draw_boundaries (LinliPainter *self,
                 cairo_t      *cr,
                 const View   *v)
{
  gboolean district = v->ppm < LOD_AGGREGATE;

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean want_derived = pass == 1;
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint c = 0; c < self->boundary_shapes->len; c++)
        {
          const Shape *shape = &g_array_index (self->boundary_shapes, Shape, c);
          Rect r;

          if (shape->derived != want_derived || !shape_visible (v, shape, &r) || shape_small (&r))
            continue;
          shape_path (cr, v, shape);
          any = TRUE;
        }
      if (!any)
        continue;
      set_rgb (cr, LINLI_COLOR_BOUNDARY, 0.9);
      cairo_set_line_width (cr, district ? 1.2 : 2);
      if (want_derived)
        cairo_set_dash (cr, district ? (double[]) { 4, 3 } : (double[]) { 7, 4 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* Outlines over the buildings, the marked ones dashed on top, the
 * selected one last and thickest; rings around buildings in no grid. */
static void
draw_grid_outlines (LinliPainter *self,
                    cairo_t      *cr,
                    const View   *v)
{
  const LinliGridAssignment *assignment;
  g_autofree gboolean *overlapping = NULL;
  gboolean district = v->ppm < LOD_AGGREGATE;
  guint n = self->grid_shapes->len, n_unassigned;
  const guint *unassigned;
  int selected = -1;

  if (n == 0)
    return;
  assignment = painter_assignment (self);
  if (linli_grid_assignment_get_n_grids (assignment) != n)
    return;
  overlapping = overlapping_grids (assignment, n);
  if (self->selected_grid != NULL)
    {
      guint position;

      if (linli_grids_find (linli_project_get_grids (self->project), linli_grid_get_id (self->selected_grid),
                            &position) == self->selected_grid)
        selected = position;
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int pass = 0; pass < 3; pass++)
    {
      cairo_new_path (cr);
      for (guint k = 0; k < self->grids_large->len; k++)
        {
          guint i = g_array_index (self->grids_large, guint, k);
          const LinliGridFigures *figures = linli_grid_assignment_get_figures (assignment, i);

          if ((pass == 0 && !figures->in_range) || (pass == 1 && figures->in_range) ||
              (pass == 2 && !grid_marked (figures, overlapping[i])))
            continue;
          shape_path (cr, v, &g_array_index (self->grid_shapes, Shape, i));
        }
      /* A grid a few pixels wide is its cell's colour; only a mark still
       * shows, as a box around it. */
      for (guint k = 0; pass == 2 && k < self->grids_small->len; k++)
        {
          guint i = g_array_index (self->grids_small, guint, k);
          const Rect *r = &g_array_index (self->grid_rects, Rect, i);

          if (grid_marked (linli_grid_assignment_get_figures (assignment, i), overlapping[i]))
            cairo_rectangle (cr, r->x - 1, r->y - 1, r->width + 2, r->height + 2);
        }
      if (pass == 2)
        {
          set_rgb (cr, LINLI_COLOR_GRID_PROBLEM, 0.9);
          cairo_set_line_width (cr, district ? 1.5 : 2.5);
          cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
        }
      else
        {
          set_rgb (cr, pass == 0 ? LINLI_COLOR_GRID : LINLI_COLOR_GRID_OUT, 0.95);
          cairo_set_line_width (cr, district ? 1 : pass == 0 ? 1.5 : 2);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (selected >= 0)
    {
      cairo_new_path (cr);
      shape_path (cr, v, &g_array_index (self->grid_shapes, Shape, selected));
      set_rgb (cr, 0xffffff, 0.9);
      cairo_set_line_width (cr, 6);
      cairo_stroke_preserve (cr);
      set_rgb (cr, 0x111111, 1);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }

  /* Buildings in no grid, ringed; at district scale one small square per
   * screen cell that holds any, so that a district with few grids yet
   * costs no more than the cells. */
  unassigned = linli_grid_assignment_get_unassigned (assignment, &n_unassigned);
  cairo_new_path (cr);
  if (district)
    {
      int nx = (int) ceil (v->width / CELL_PX) + 1, ny = (int) ceil (v->height / CELL_PX) + 1;
      g_autofree guint8 *seen = g_new0 (guint8, (gsize) nx * ny);

      for (guint k = 0; k < n_unassigned; k++)
        {
          guint b = unassigned[k];
          double x, y;
          int cx, cy;

          if (b >= self->n_buildings)
            continue;
          view_merc (v, self->merc[2 * b], self->merc[2 * b + 1], &x, &y);
          if (!(x >= 0 && y >= 0 && x < v->width && y < v->height))
            continue;
          cx = (int) (x / CELL_PX);
          cy = (int) (y / CELL_PX);
          if (seen[cy * nx + cx])
            continue;
          seen[cy * nx + cx] = 1;
          cairo_rectangle (cr, cx * CELL_PX + 0.75, cy * CELL_PX + 0.75, CELL_PX - 1.5, CELL_PX - 1.5);
        }
    }
  else
    {
      double radius = CLAMP (v->ppm * 12, 4, 7);

      for (guint k = 0; k < n_unassigned; k++)
        {
          guint b = unassigned[k];
          double x, y;

          if (b >= self->n_buildings)
            continue;
          view_merc (v, self->merc[2 * b], self->merc[2 * b + 1], &x, &y);
          if (!(x >= -10 && y >= -10 && x <= v->width + 10 && y <= v->height + 10))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
        }
    }
  set_rgb (cr, LINLI_COLOR_NO_GRID, 0.95);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/* Codes and names where a grid is big enough on screen to carry them,
 * and its worker, when the project shows names, where it is bigger. */
static void
draw_grid_labels (LinliPainter *self,
                  cairo_t      *cr,
                  const View   *v,
                  GArray       *placed)
{
  LinliGrids *grids = linli_project_get_grids (self->project);

  for (guint k = 0; k < self->grids_large->len; k++)
    {
      guint i = g_array_index (self->grids_large, guint, k);
      const Shape *shape = &g_array_index (self->grid_shapes, Shape, i);
      const Rect *r = &g_array_index (self->grid_rects, Rect, i);
      LinliGrid *grid = linli_grids_get_grid (grids, i);
      const char *code = linli_grid_get_code (grid), *name = linli_grid_get_name (grid);
      g_autofree char *text = NULL;
      const char *worker;
      double x, y;

      /* A grid named by its code says it once. */
      if (g_strcmp0 (code, name) == 0)
        name = NULL;
      if (r->width < 70 || r->height < 24)
        continue;
      worker = linli_project_person (self->project, linli_grid_get_worker (grid));
      text = g_strdup_printf ("%s%s%s%s%s", code != NULL ? code : "", code != NULL && name != NULL ? " " : "",
                              name != NULL ? name : "", r->width >= 160 && worker[0] != '\0' ? "\n" : "",
                              r->width >= 160 ? worker : "");
      if (text[0] == '\0')
        continue;
      view_merc (v, shape->label_x, shape->label_y, &x, &y);
      draw_label (v, cr, placed, text, x, y - 8, FALSE);
    }
}

/* A grid or cut being drawn: its line, its area once it can close, and
 * its vertices. */
static void
draw_sketch (LinliPainter *self,
             cairo_t      *cr,
             const View   *v)
{
  guint n = self->sketch->len;

  if (n == 0)
    return;
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      const LinliLatLon *p = &g_array_index (self->sketch, LinliLatLon, i);
      double x, y;

      view_point (v, p->lat, p->lon, &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (self->sketch_closed && n >= 3)
    {
      cairo_close_path (cr);
      set_rgb (cr, LINLI_COLOR_SKETCH, 0.15);
      cairo_fill_preserve (cr);
    }
  set_rgb (cr, LINLI_COLOR_SKETCH, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      const LinliLatLon *p = &g_array_index (self->sketch, LinliLatLon, i);
      double x, y;

      view_point (v, p->lat, p->lon, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      set_rgb (cr, 0xffffff, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, LINLI_COLOR_SKETCH, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

/* Partner units */

/* One pair of the accepted assignment on the map. */
typedef struct
{
  double ux, uy;      /* the unit, Mercator */
  double px, py;      /* the place it serves */
  guint  color;
} PartnerLine;

/* Colours told apart on the map's pale ground, one per category in the
 * order of the category list; more categories than colours share them. */
static const guint partner_colors[] = {
  0x1b9e77, 0xd95f02, 0x7570b3, 0xe7298a, 0x66a61e, 0xb8860b, 0x1f78b4, 0x8c564b, 0x17becf,
  0x6a3d9a,
};

static guint
partner_color (guint category)
{
  return partner_colors[category % G_N_ELEMENTS (partner_colors)];
}

static void
on_partners_changed_cb (LinliPainter *self)
{
  self->partner_valid = FALSE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Makes the lines of the accepted assignment: from each pair's unit to
 * its need's place (a community or compound where its households are, a
 * grid at its outline's centroid, as the assignment measures them); a
 * pair whose unit or place has no position is left out. */
static void
ensure_partner_lines (LinliPainter *self)
{
  LinliPartners *partners;
  const LinliPartnerAssignment *a;
  g_autoptr (GHashTable) places = NULL;
  g_autoptr (GHashTable) categories = NULL;

  if (self->partner_lines == NULL)
    {
      self->partner_lines = g_array_new (FALSE, FALSE, sizeof (PartnerLine));
      self->partner_categories = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  if (self->project == NULL)
    {
      g_array_set_size (self->partner_lines, 0);
      g_array_set_size (self->partner_categories, 0);
      return;
    }
  partners = linli_project_get_partners (self->project);
  if (self->partner_valid &&
      self->partner_base_serial == linli_project_get_base_serial (self->project) &&
      self->partner_serial == linli_partners_get_serial (partners))
    return;
  self->partner_valid = TRUE;
  self->partner_base_serial = linli_project_get_base_serial (self->project);
  self->partner_serial = linli_partners_get_serial (partners);
  g_array_set_size (self->partner_lines, 0);
  g_array_set_size (self->partner_categories, 0);
  a = linli_partners_get_assignment (partners);
  if (a == NULL)
    return;
  places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  categories = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < a->n_pairs; i++)
    {
      const LinliPartnerPair *pair = &a->pairs[i];
      const LinliPartnerUnit *u = linli_partners_find (partners, LINLI_PARTNER_LIST_UNITS,
                                                       pair->unit, NULL);
      const LinliPartnerNeed *n = linli_partners_find (partners, LINLI_PARTNER_LIST_NEEDS,
                                                       pair->need, NULL);
      g_autofree char *key = NULL;
      LinliLatLon *place;
      PartnerLine line;
      guint category = 0;

      if (u == NULL || n == NULL || !u->has_position)
        continue;
      key = g_strdup_printf ("%d:%s", n->place_kind, n->place);
      place = g_hash_table_lookup (places, key);
      if (place == NULL)
        {
          place = g_new0 (LinliLatLon, 1);
          if (!linli_partner_place_position (self->project, n->place_kind, n->place, place))
            place->lat = NAN;
          g_hash_table_insert (places, g_steal_pointer (&key), place);
        }
      if (!isfinite (place->lat))
        continue;
      linli_partners_find (partners, LINLI_PARTNER_LIST_CATEGORIES, pair->category, &category);
      linli_mercator_project (u->lat, u->lon, &line.ux, &line.uy);
      linli_mercator_project (place->lat, place->lon, &line.px, &line.py);
      line.color = partner_color (category);
      g_array_append_val (self->partner_lines, line);
      if (!g_hash_table_contains (categories, GUINT_TO_POINTER (category + 1)))
        {
          g_hash_table_add (categories, GUINT_TO_POINTER (category + 1));
          g_array_append_val (self->partner_categories, category);
        }
    }
}

/* The accepted assignment: a line from each unit to each place it serves,
 * coloured by category over a pale halo, the unit a small square and the
 * place a dot. */
static void
draw_partner_lines (LinliPainter *self,
                    cairo_t      *cr,
                    const View   *v)
{
  ensure_partner_lines (self);
  if (!self->show_partner_lines || self->partner_lines->len == 0)
    return;
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->partner_lines->len; i++)
      {
        const PartnerLine *line = &g_array_index (self->partner_lines, PartnerLine, i);
        double x0, y0, x1, y1;

        view_merc (v, line->ux, line->uy, &x0, &y0);
        view_merc (v, line->px, line->py, &x1, &y1);
        cairo_move_to (cr, x0, y0);
        cairo_line_to (cr, x1, y1);
        if (pass == 0)
          {
            set_rgb (cr, 0xffffff, 0.8);
            cairo_set_line_width (cr, 5);
          }
        else
          {
            set_rgb (cr, line->color, 1);
            cairo_set_line_width (cr, 2.5);
          }
        cairo_stroke (cr);
        if (pass == 1)
          {
            cairo_arc (cr, x1, y1, 3.5, 0, 2 * G_PI);
            cairo_fill (cr);
          }
      }
  for (guint i = 0; i < self->partner_lines->len; i++)
    {
      const PartnerLine *line = &g_array_index (self->partner_lines, PartnerLine, i);
      double x, y;

      view_merc (v, line->ux, line->uy, &x, &y);
      cairo_rectangle (cr, x - 4, y - 4, 8, 8);
      set_rgb (cr, 0x303030, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, 0xffffff, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The legend */

typedef enum
{
  SWATCH_COVERED,
  SWATCH_UNCOVERED,
  SWATCH_PARTLY,
  SWATCH_EXISTING,
  SWATCH_PLANNED,
  SWATCH_PROPOSED,
  SWATCH_CANDIDATE,
  SWATCH_CIRCLE,
  SWATCH_CIRCLE_CANDIDATE,
  SWATCH_STREET,
  SWATCH_GRID,
  SWATCH_GRID_MARKED,
  SWATCH_BOUNDARY,
  SWATCH_BOUNDARY_DERIVED,
  SWATCH_NO_GRID,
  SWATCH_CHAIN,
  SWATCH_WATER,
  SWATCH_PARTNER_LINE,
  SWATCH_PARTNER_UNIT,
} Swatch;

/* When a row of the legend is shown. */
typedef enum
{
  ROW_ALWAYS,
  ROW_COVERAGE,   /* buildings coloured by coverage */
  ROW_CHAIN,      /* buildings coloured by the organisation chain */
  ROW_WALK,       /* streets coloured by the walk */
  ROW_GRIDS,      /* the grid layer, with grids */
  ROW_GIVEN,      /* a community boundary drawn or imported */
  ROW_DERIVED,    /* a community boundary derived from buildings */
  ROW_WATER,      /* the project has water */
} RowWhen;

static const struct
{
  Swatch      swatch;
  guint       color;
  const char *label;
  RowWhen     when;
} legend_rows[] = {
  { SWATCH_COVERED, LINLI_COLOR_COVERED, N_("Building within reach (size: households)"), ROW_COVERAGE },
  { SWATCH_UNCOVERED, LINLI_COLOR_UNCOVERED, N_("Building not covered"), ROW_COVERAGE },
  /* xgettext:no-c-format */
  { SWATCH_PARTLY, LINLI_COLOR_PARTLY, N_("District view: area with 10–50 % not covered"), ROW_COVERAGE },
  /* In place of the three above when buildings are coloured by the chain. */
  { SWATCH_CHAIN, LINLI_COLOR_CHAIN_COMPLETE, N_("Building with members in a party group"), ROW_CHAIN },
  { SWATCH_CHAIN, LINLI_COLOR_CHAIN_MISSING_GROUP, N_("Building with members but no party group"), ROW_CHAIN },
  { SWATCH_UNCOVERED, LINLI_COLOR_CHAIN_NO_MEMBER, N_("Building with no party member"), ROW_CHAIN },
  { SWATCH_CHAIN, LINLI_COLOR_CHAIN_MEMBERS_UNKNOWN, N_("Building with party members unknown"),
    ROW_CHAIN },
  { SWATCH_EXISTING, 0xc8102e, N_("Existing service site"), ROW_ALWAYS },
  { SWATCH_PLANNED, 0xc8102e, N_("Planned site"), ROW_ALWAYS },
  { SWATCH_PROPOSED, LINLI_COLOR_PROPOSED, N_("Site the plan proposes"), ROW_ALWAYS },
  { SWATCH_CANDIDATE, 0xe08a00, N_("Candidate site (not counted)"), ROW_ALWAYS },
  { SWATCH_CIRCLE, 0xc8102e, N_("Service circle"), ROW_ALWAYS },
  { SWATCH_CIRCLE_CANDIDATE, 0xe08a00, N_("Circle a candidate would serve"), ROW_ALWAYS },
  /* Shown only when the streets are coloured by the walk. */
  { SWATCH_STREET, LINLI_COLOR_WALK_NEAR, N_("Street: under half the walk"), ROW_WALK },
  { SWATCH_STREET, LINLI_COLOR_WALK_IN, N_("Street: within the walk"), ROW_WALK },
  { SWATCH_STREET, LINLI_COLOR_WALK_OVER, N_("Street: up to 1.5 × the walk"), ROW_WALK },
  { SWATCH_STREET, LINLI_COLOR_WALK_FAR, N_("Street: farther"), ROW_WALK },
  { SWATCH_STREET, LINLI_COLOR_WALK_NONE, N_("Street: no site reachable"), ROW_WALK },
  /* Shown only when there are grids. */
  { SWATCH_GRID, LINLI_COLOR_GRID, N_("Grid within the household range"), ROW_GRIDS },
  { SWATCH_GRID, LINLI_COLOR_GRID_OUT, N_("Grid out of the household range"), ROW_GRIDS },
  { SWATCH_GRID_MARKED, LINLI_COLOR_GRID_PROBLEM, N_("Grid in pieces, overlapping or outside its community"), ROW_GRIDS },
  { SWATCH_NO_GRID, LINLI_COLOR_NO_GRID, N_("Building in no grid"), ROW_GRIDS },
  { SWATCH_BOUNDARY, LINLI_COLOR_BOUNDARY, N_("Community boundary"), ROW_GIVEN },
  { SWATCH_BOUNDARY_DERIVED, LINLI_COLOR_BOUNDARY, N_("Community boundary derived from buildings"), ROW_DERIVED },
  { SWATCH_WATER, LINLI_COLOR_WATER, N_("Water: river, canal or lake"), ROW_WATER },
};

#define LEGEND_MARGIN   12.0
#define LEGEND_PADDING  10.0
#define LEGEND_SPACING  4.0
#define LEGEND_SWATCH_W 24.0

static void
draw_swatch (cairo_t *cr,
             Swatch   swatch,
             guint    color,
             double   x,
             double   y)
{
  cairo_new_path (cr);
  switch (swatch)
    {
    case SWATCH_COVERED:
    case SWATCH_CHAIN:
      cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
      set_rgb (cr, color, 1);
      cairo_fill (cr);
      break;
    case SWATCH_UNCOVERED:
      cairo_arc (cr, x, y, 5.5, 0, 2 * G_PI);
      set_rgb (cr, color, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, 0x7a1d05, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;
    case SWATCH_PARTLY:
      cairo_rectangle (cr, x - 5, y - 5, 10, 10);
      set_rgb (cr, color, 1);
      cairo_fill (cr);
      break;
    case SWATCH_EXISTING:
      cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
      set_rgb (cr, color, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, 0xffffff, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_arc (cr, x, y, 2, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case SWATCH_PLANNED:
      cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
      set_rgb (cr, 0xffffff, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, color, 1);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      break;
    case SWATCH_PROPOSED:
      cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
      set_rgb (cr, color, 1);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      break;
    case SWATCH_CANDIDATE:
      cairo_move_to (cr, x, y - 6);
      cairo_line_to (cr, x + 6, y);
      cairo_line_to (cr, x, y + 6);
      cairo_line_to (cr, x - 6, y);
      cairo_close_path (cr);
      set_rgb (cr, 0xffffff, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, color, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      break;
    case SWATCH_CIRCLE:
    case SWATCH_CIRCLE_CANDIDATE:
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, 11, 7);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      if (swatch == SWATCH_CIRCLE)
        {
          set_rgb (cr, color, 0.12);
          cairo_fill_preserve (cr);
          set_rgb (cr, color, 0.8);
        }
      else
        {
          set_rgb (cr, color, 0.9);
          cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
        }
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case SWATCH_GRID:
      cairo_rectangle (cr, x - 9, y - 6, 18, 12);
      set_rgb (cr, color, color == LINLI_COLOR_GRID ? LINLI_GRID_FILL_ALPHA : LINLI_GRID_OUT_FILL_ALPHA);
      cairo_fill_preserve (cr);
      set_rgb (cr, color, 0.95);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;
    case SWATCH_GRID_MARKED:
      cairo_rectangle (cr, x - 9, y - 6, 18, 12);
      set_rgb (cr, color, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case SWATCH_NO_GRID:
      cairo_arc (cr, x, y, 5.5, 0, 2 * G_PI);
      set_rgb (cr, color, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
      break;
    case SWATCH_BOUNDARY:
    case SWATCH_BOUNDARY_DERIVED:
      cairo_move_to (cr, x - 10, y);
      cairo_line_to (cr, x + 10, y);
      set_rgb (cr, color, 0.9);
      cairo_set_line_width (cr, 2);
      if (swatch == SWATCH_BOUNDARY_DERIVED)
        cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case SWATCH_WATER:
      cairo_rectangle (cr, x - 10, y - 6, 20, 12);
      set_rgb (cr, LINLI_COLOR_WATER_AREA, 1);
      cairo_fill (cr);
      cairo_move_to (cr, x - 10, y + 1);
      cairo_curve_to (cr, x - 4, y - 4, x + 4, y + 6, x + 10, y + 1);
      set_rgb (cr, color, 1);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      break;
    case SWATCH_PARTNER_LINE:
      cairo_move_to (cr, x - 10, y);
      cairo_line_to (cr, x + 10, y);
      set_rgb (cr, color, 0.95);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
      cairo_arc (cr, x + 10, y, 3, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case SWATCH_PARTNER_UNIT:
      cairo_rectangle (cr, x - 4, y - 4, 8, 8);
      set_rgb (cr, color, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, 0xffffff, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;
    case SWATCH_STREET:
    default:
      cairo_move_to (cr, x - 9, y);
      cairo_line_to (cr, x + 9, y);
      set_rgb (cr, color, 1);
      cairo_set_line_width (cr, 4);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    }
}

static PangoLayout *
legend_layout (PangoContext *pango,
               const char   *text,
               const char   *font)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

/* The coverage rule, as the window's legend words it. */
static char *
legend_rule (LinliPainter *self)
{
  LinliDistance distance = self->coverage != NULL ? linli_coverage_get_distance (self->coverage)
                                                  : linli_project_get_distance (self->project);

  return linli_project_describe_reach (self->project, distance);
}

/* A plate in the lower left corner: title, rule, and a swatch per row.
 * With @size, only measures it: its width and height at full size. */
static void
draw_legend (LinliPainter *self,
             cairo_t      *cr,
             PangoContext *pango,
             double        width,
             double        height,
             double       *size)
{
  g_autoptr (PangoLayout) title = legend_layout (pango, _("Legend"), "Sans Bold 10");
  g_autofree char *rule_text = legend_rule (self);
  g_autoptr (PangoLayout) rule = legend_layout (pango, rule_text, "Sans 8");
  PangoLayout *rows[G_N_ELEMENTS (legend_rows)] = { NULL };
  guint shown[G_N_ELEMENTS (legend_rows)];
  guint n_rows = 0;
  /* The partner rows follow the fixed ones: the units, then a colour per
   * category the accepted assignment has lines of. */
  g_autoptr (GPtrArray) extra = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) extra_swatches = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  gboolean grids = has_grids (self);
  int w, h, title_h, rule_h;
  double box_w, box_h, x, y, scale;

  if (self->show_grids && self->project != NULL)
    prepare_shapes (self);
  for (guint i = 0; i < G_N_ELEMENTS (legend_rows); i++)
    {
      RowWhen when = legend_rows[i].when;

      gboolean chain = self->building_colors == LINLI_BUILDING_COLORS_CHAIN;

      if (when == ROW_ALWAYS || (when == ROW_COVERAGE && !chain) || (when == ROW_CHAIN && chain) ||
          (when == ROW_WALK && self->node_distances != NULL) ||
          (when == ROW_GRIDS && grids) || (when == ROW_GIVEN && self->show_grids && self->any_given) ||
          (when == ROW_DERIVED && grids && self->any_derived) ||
          (when == ROW_WATER && linli_project_has_water (self->project)))
        shown[n_rows++] = i;
    }

  ensure_partner_lines (self);
  if (self->show_partner_lines && self->partner_lines->len > 0)
    {
      LinliPartners *partners = linli_project_get_partners (self->project);
      guint unit_swatch[2] = { SWATCH_PARTNER_UNIT, 0x303030 };

      g_ptr_array_add (extra, legend_layout (pango, _("Partner unit"), "Sans 9"));
      g_array_append_val (extra_swatches, unit_swatch);
      for (guint k = 0; k < self->partner_categories->len; k++)
        {
          guint category = g_array_index (self->partner_categories, guint, k);
          guint swatch[2] = { SWATCH_PARTNER_LINE, partner_color (category) };
          g_autofree char *text = g_strdup_printf (
            _("Serves: %s"),
            linli_partners_category_label (partners,
                                           linli_partners_get_category (partners, category)->id));

          g_ptr_array_add (extra, legend_layout (pango, text, "Sans 9"));
          g_array_append_val (extra_swatches, swatch);
        }
    }

  pango_layout_get_pixel_size (title, &w, &title_h);
  box_w = w;
  pango_layout_get_pixel_size (rule, &w, &rule_h);
  box_w = MAX (box_w, w);
  box_h = title_h + LEGEND_SPACING + rule_h;
  for (guint i = 0; i < n_rows; i++)
    {
      rows[i] = legend_layout (pango, _(legend_rows[shown[i]].label), "Sans 9");
      pango_layout_get_pixel_size (rows[i], &w, &h);
      box_w = MAX (box_w, LEGEND_SWATCH_W + 8 + w);
      box_h += LEGEND_SPACING + MAX (h, 14);
    }
  for (guint i = 0; i < extra->len; i++)
    {
      pango_layout_get_pixel_size (extra->pdata[i], &w, &h);
      box_w = MAX (box_w, LEGEND_SWATCH_W + 8 + w);
      box_h += LEGEND_SPACING + MAX (h, 14);
    }
  box_w += 2 * LEGEND_PADDING;
  box_h += 2 * LEGEND_PADDING;
  if (size != NULL)
    {
      size[0] = box_w;
      size[1] = box_h;
      for (guint i = 0; i < n_rows; i++)
        g_object_unref (rows[i]);
      return;
    }

  /* The legend keeps to the lower left quarter, so the middle of the map
   * stays clear: smaller on a small map, and left out on a tiny one. */
  scale = MIN (1.0, MIN ((width / 2 - 2 * LEGEND_MARGIN) / box_w, (height / 2 - 2 * LEGEND_MARGIN) / box_h));
  if (scale < 0.5)
    {
      for (guint i = 0; i < n_rows; i++)
        g_object_unref (rows[i]);
      return;
    }

  cairo_save (cr);
  cairo_translate (cr, LEGEND_MARGIN, height - LEGEND_MARGIN - box_h * scale);
  cairo_scale (cr, scale, scale);
  x = 0;
  y = 0;
  cairo_new_path (cr);
  rounded_rect (cr, &(Rect) { x, y, box_w, box_h }, 8);
  set_rgb (cr, 0xffffff, 0.92);
  cairo_fill_preserve (cr);
  set_rgb (cr, 0x000000, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  x += LEGEND_PADDING;
  y += LEGEND_PADDING;
  set_rgb (cr, 0x202020, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, title);
  y += title_h + LEGEND_SPACING;
  set_rgb (cr, 0x505050, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, rule);
  y += rule_h;
  for (guint i = 0; i < n_rows; i++)
    {
      double row_h;

      pango_layout_get_pixel_size (rows[i], &w, &h);
      row_h = MAX (h, 14);
      y += LEGEND_SPACING;
      draw_swatch (cr, legend_rows[shown[i]].swatch, legend_rows[shown[i]].color, x + LEGEND_SWATCH_W / 2,
                   y + row_h / 2);
      set_rgb (cr, 0x202020, 1);
      cairo_move_to (cr, x + LEGEND_SWATCH_W + 8, y + (row_h - h) / 2);
      pango_cairo_show_layout (cr, rows[i]);
      y += row_h;
      g_object_unref (rows[i]);
    }
  for (guint i = 0; i < extra->len; i++)
    {
      const guint *swatch = &g_array_index (extra_swatches, guint, 2 * i);
      double row_h;

      pango_layout_get_pixel_size (extra->pdata[i], &w, &h);
      row_h = MAX (h, 14);
      y += LEGEND_SPACING;
      draw_swatch (cr, swatch[0], swatch[1], x + LEGEND_SWATCH_W / 2, y + row_h / 2);
      set_rgb (cr, 0x202020, 1);
      cairo_move_to (cr, x + LEGEND_SWATCH_W + 8, y + (row_h - h) / 2);
      pango_cairo_show_layout (cr, extra->pdata[i]);
      y += row_h;
    }
  cairo_restore (cr);
}

/* The scale bar */

#define SCALE_MAX_PX 120.0

/* A bar in the lower right corner, a round length long (1, 2 or 5 times a
 * power of ten metres) at the view's centre. */
static void
draw_scale_bar (cairo_t            *cr,
                PangoContext       *pango,
                const LinliMapView *view,
                const char         *attribution)
{
  double bottom = view->height - LEGEND_MARGIN - 6;
  double mpp = linli_map_view_get_meters_per_pixel (view);
  double limit = SCALE_MAX_PX * mpp, step, length, px, x, y;
  g_autofree char *text = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  int w, h;

  if (!(isfinite (mpp) && mpp > 0))
    return;

  /* The data's credit in the corner, and the bar above it. */
  if (attribution != NULL && attribution[0] != '\0')
    {
      g_autoptr (PangoLayout) credit = legend_layout (pango, attribution, "Sans 8");

      pango_layout_get_pixel_size (credit, &w, &h);
      cairo_save (cr);
      cairo_new_path (cr);
      rounded_rect (cr, &(Rect) { view->width - 6 - w - 8, view->height - 6 - h - 4, w + 8, h + 4 }, 3);
      set_rgb (cr, 0xffffff, 0.8);
      cairo_fill (cr);
      cairo_move_to (cr, view->width - 6 - w - 4, view->height - 6 - h - 2);
      set_rgb (cr, 0x333333, 1);
      pango_cairo_show_layout (cr, credit);
      cairo_restore (cr);
      bottom = view->height - 6 - h - 4 - 14;
    }
  step = pow (10, floor (log10 (limit)));
  length = limit >= 5 * step ? 5 * step : limit >= 2 * step ? 2 * step : step;
  px = length / mpp;
  if (length >= 1000)
    /* Translators: the scale bar's length in kilometres */
    text = g_strdup_printf (_("%g km"), length / 1000);
  else
    /* Translators: the scale bar's length in metres */
    text = g_strdup_printf (_("%g m"), length);
  layout = legend_layout (pango, text, "Sans 9");
  pango_layout_get_pixel_size (layout, &w, &h);

  x = view->width - LEGEND_MARGIN - 6 - px;
  y = bottom;
  cairo_save (cr);
  cairo_new_path (cr);
  rounded_rect (cr, &(Rect) { x - 6, y - h - 8, MAX (px, w) + 12, h + 14 }, 4);
  set_rgb (cr, 0xffffff, 0.8);
  cairo_fill (cr);
  cairo_move_to (cr, x, y - 6);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + px, y);
  cairo_line_to (cr, x + px, y - 6);
  set_rgb (cr, 0x333333, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke (cr);
  cairo_move_to (cr, x + 4, y - h - 3);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* GObject overrides */

static void
linli_painter_dispose (GObject *object)
{
  LinliPainter *self = LINLI_PAINTER (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (linli_project_get_grids (self->project), self);
      g_signal_handlers_disconnect_by_data (linli_project_get_partners (self->project), self);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  self->coverage = NULL;
  self->selected = NULL;
  self->selected_grid = NULL;
  G_OBJECT_CLASS (linli_painter_parent_class)->dispose (object);
}

static void
linli_painter_finalize (GObject *object)
{
  LinliPainter *self = LINLI_PAINTER (object);

  g_clear_pointer (&self->partner_lines, g_array_unref);
  g_clear_pointer (&self->partner_categories, g_array_unref);
  g_clear_pointer (&self->proposal, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->attribution, g_free);
  g_clear_object (&self->pango);
  clear_project_data (self);
  g_clear_pointer (&self->sketch, g_array_unref);
  g_clear_pointer (&self->selected_buildings, g_array_unref);
  g_clear_pointer (&self->grid_shapes, g_array_unref);
  g_clear_pointer (&self->boundary_shapes, g_array_unref);
  g_clear_pointer (&self->grids_small, g_array_unref);
  g_clear_pointer (&self->grids_large, g_array_unref);
  g_clear_pointer (&self->grid_rects, g_array_unref);
  G_OBJECT_CLASS (linli_painter_parent_class)->finalize (object);
}

static void
linli_painter_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LinliPainter *self = LINLI_PAINTER (object);

  switch (prop_id)
    {
    case PROP_DRAW_BACKGROUND:
      g_value_set_boolean (value, self->draw_background);
      break;
    case PROP_SHOW_CANDIDATE_CIRCLES:
      g_value_set_boolean (value, self->show_candidate_circles);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_SHOW_SCALE_BAR:
      g_value_set_boolean (value, self->show_scale_bar);
      break;
    case PROP_SHOW_GRIDS:
      g_value_set_boolean (value, self->show_grids);
      break;
    case PROP_SHOW_PARTNER_LINES:
      g_value_set_boolean (value, self->show_partner_lines);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_painter_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LinliPainter *self = LINLI_PAINTER (object);

  switch (prop_id)
    {
    case PROP_DRAW_BACKGROUND:
      linli_painter_set_draw_background (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_CANDIDATE_CIRCLES:
      linli_painter_set_show_candidate_circles (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_LEGEND:
      linli_painter_set_show_legend (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_SCALE_BAR:
      linli_painter_set_show_scale_bar (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_GRIDS:
      linli_painter_set_show_grids (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_PARTNER_LINES:
      linli_painter_set_show_partner_lines (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_painter_class_init (LinliPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = linli_painter_dispose;
  object_class->finalize = linli_painter_finalize;
  object_class->get_property = linli_painter_get_property;
  object_class->set_property = linli_painter_set_property;

  /**
   * LinliPainter:draw-background:
   *
   * Whether the painter paints its own streets-and-blocks background;
   * %FALSE over a tile basemap.
   */
  properties[PROP_DRAW_BACKGROUND] =
    g_param_spec_boolean ("draw-background", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LinliPainter:show-candidate-circles:
   *
   * Whether every candidate site shows its circle, not only the selected one.
   */
  properties[PROP_SHOW_CANDIDATE_CIRCLES] =
    g_param_spec_boolean ("show-candidate-circles", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LinliPainter:show-legend:
   *
   * Whether the painter draws a legend in the lower left corner.
   */
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LinliPainter:show-scale-bar:
   *
   * Whether the painter draws a scale bar, and the data's credit, in the
   * lower right corner.
   */
  properties[PROP_SHOW_SCALE_BAR] =
    g_param_spec_boolean ("show-scale-bar", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LinliPainter:show-grids:
   *
   * Whether the painter draws the grid layer: grids, community boundaries
   * and buildings in no grid.
   */
  properties[PROP_SHOW_GRIDS] =
    g_param_spec_boolean ("show-grids", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LinliPainter:show-partner-lines:
   *
   * Whether the painter draws the accepted partner assignment: its lines,
   * the units and their legend rows.
   */
  properties[PROP_SHOW_PARTNER_LINES] =
    g_param_spec_boolean ("show-partner-lines", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliPainter::changed:
   *
   * Something the painter draws changed: views of it should be drawn again.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_painter_init (LinliPainter *self)
{
  self->highlight = -1;
  self->selected_buildings = g_array_new (FALSE, FALSE, sizeof (guint));
  self->draw_background = TRUE;
  self->show_grids = TRUE;
  self->show_partner_lines = TRUE;
  self->sketch = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  self->labels = g_array_new (FALSE, FALSE, sizeof (LinliPainterLabel));
  g_array_set_clear_func (self->labels, label_clear);
  self->grid_shapes = g_array_new (FALSE, FALSE, sizeof (Shape));
  g_array_set_clear_func (self->grid_shapes, shape_clear);
  self->boundary_shapes = g_array_new (FALSE, FALSE, sizeof (Shape));
  g_array_set_clear_func (self->boundary_shapes, shape_clear);
  self->grids_small = g_array_new (FALSE, FALSE, sizeof (guint));
  self->grids_large = g_array_new (FALSE, FALSE, sizeof (guint));
  self->grid_rects = g_array_new (FALSE, FALSE, sizeof (Rect));
}

static void
changed (LinliPainter *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Public API */

/**
 * linli_painter_new:
 *
 * Returns: (transfer full): a painter with nothing to draw yet
 */
LinliPainter *
linli_painter_new (void)
{
  return g_object_new (LINLI_TYPE_PAINTER, NULL);
}

/**
 * linli_painter_get_project:
 *
 * Returns: (transfer none) (nullable): the project drawn
 */
LinliProject *
linli_painter_get_project (LinliPainter *self)
{
  g_return_val_if_fail (LINLI_IS_PAINTER (self), NULL);
  return self->project;
}

/* The grids, the boundaries or the buildings changed: the outlines are
 * made again for the next frame. */
static void
on_grids_changed_cb (LinliPainter *self)
{
  self->shapes_valid = FALSE;
  changed (self);
}

/* Shows the document's coverage and walks, brought up to date. */
static void
on_document_coverage_changed_cb (LinliPainter *self)
{
  LinliProject *project = linli_document_get_project (self->document);

  self->coverage = linli_document_get_coverage (self->document);
  linli_painter_set_streets (self, linli_document_get_walk (self->document),
                             linli_document_get_node_distances (self->document),
                             linli_project_get_coverage_radius (project));
}

/* The chain's colours follow the checks. */
static void
on_document_checks_changed_cb (LinliPainter *self)
{
  if (self->building_colors == LINLI_BUILDING_COLORS_CHAIN)
    changed (self);
}

/**
 * linli_painter_set_document:
 * @document: (nullable): the document to draw
 *
 * Draws @document's project with its coverage and its streets coloured by
 * the walk to the nearest site, following every change, as the window
 * shows it.  Setting a project, coverage or streets by hand afterwards
 * overrides the document until the next change.
 */
void
linli_painter_set_document (LinliPainter  *self,
                            LinliDocument *document)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  linli_painter_set_streets (self, NULL, NULL, 0);
  g_set_object (&self->document, document);
  if (document == NULL)
    {
      linli_painter_set_project (self, NULL);
      return;
    }
  linli_painter_set_project (self, linli_document_get_project (document));
  g_signal_connect_object (document, "coverage-changed", G_CALLBACK (on_document_coverage_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "grids-changed", G_CALLBACK (on_grids_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "checks-changed", G_CALLBACK (on_document_checks_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_document_coverage_changed_cb (self);
}

/**
 * linli_painter_set_project:
 * @project: (nullable): the project to draw
 *
 * Draws @project from now on; the coverage, streets, selection, highlight
 * and proposal are cleared with the old project.
 */
void
linli_painter_set_project (LinliPainter *self,
                           LinliProject *project)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (linli_project_get_grids (self->project), self);
      g_signal_handlers_disconnect_by_data (linli_project_get_partners (self->project), self);
    }
  g_set_object (&self->project, project);
  self->partner_valid = FALSE;
  if (project != NULL)
    {
      g_signal_connect_object (linli_project_get_grids (project), "changed", G_CALLBACK (on_grids_changed_cb),
                               self, G_CONNECT_SWAPPED);
      /* Workers' names on the map follow the switch that hides them. */
      g_signal_connect_object (project, "notify::hide-names", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (linli_project_get_partners (project), "changed",
                               G_CALLBACK (on_partners_changed_cb), self, G_CONNECT_SWAPPED);
    }
  self->coverage = NULL;
  self->selected = NULL;
  self->selected_grid = NULL;
  g_array_set_size (self->sketch, 0);
  self->highlight = -1;
  g_array_set_size (self->selected_buildings, 0);
  g_clear_pointer (&self->proposal, g_hash_table_unref);
  clear_project_data (self);
  if (project != NULL)
    prepare_project (self);
  changed (self);
}

/**
 * linli_painter_set_coverage:
 * @coverage: (nullable): the coverage to colour buildings by; the caller
 *   keeps it alive until it sets another
 */
void
linli_painter_set_coverage (LinliPainter        *self,
                            const LinliCoverage *coverage)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  self->coverage = coverage;
  changed (self);
}

/**
 * linli_painter_set_streets:
 * @walk: (nullable): the project's walking graph; the caller keeps it alive
 *   until it sets another
 * @node_distances: (nullable) (array): per node of @walk, the walk to the
 *   nearest site; the caller keeps it up to date and alive.  %NULL draws
 *   the streets plain.
 * @radius: the walk the coverage rule allows, in metres
 */
void
linli_painter_set_streets (LinliPainter *self,
                           LinliWalk    *walk,
                           const double *node_distances,
                           double        radius)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  if (walk != self->walk)
    {
      const double *xy = walk != NULL ? linli_walk_get_node_xy (walk) : NULL;
      guint n = walk != NULL ? linli_walk_get_n_nodes (walk) : 0;
      const LinliProjection *proj = self->project != NULL ? linli_project_get_projection (self->project) : NULL;

      g_clear_pointer (&self->street_merc, g_free);
      g_clear_pointer (&self->street_index, linli_point_index_free);
      self->street_reach = 0;
      self->n_street_nodes = 0;
      self->walk = proj != NULL ? walk : NULL;
      if (self->walk != NULL)
        {
          guint n_edges = linli_walk_get_n_edges (walk);
          g_autofree double *mid = g_new (double, 2 * MAX (n_edges, 1));

          self->n_street_nodes = n;
          self->street_merc = g_new (double, 2 * MAX (n, 1));
          for (guint i = 0; i < n; i++)
            {
              double lat, lon;

              linli_projection_inverse (proj, xy[2 * i], xy[2 * i + 1], &lat, &lon);
              linli_mercator_project (lat, lon, &self->street_merc[2 * i], &self->street_merc[2 * i + 1]);
            }
          for (guint e = 0; e < n_edges; e++)
            {
              guint a, b;
              double len, dx, dy;

              linli_walk_get_edge (walk, e, &a, &b, &len);
              mid[2 * e] = (self->street_merc[2 * a] + self->street_merc[2 * b]) / 2 * LINLI_MERCATOR_WORLD_M;
              mid[2 * e + 1] = (self->street_merc[2 * a + 1] + self->street_merc[2 * b + 1]) / 2 * LINLI_MERCATOR_WORLD_M;
              dx = (self->street_merc[2 * b] - self->street_merc[2 * a]) * LINLI_MERCATOR_WORLD_M;
              dy = (self->street_merc[2 * b + 1] - self->street_merc[2 * a + 1]) * LINLI_MERCATOR_WORLD_M;
              self->street_reach = MAX (self->street_reach, hypot (dx, dy) / 2);
            }
          self->street_index = linli_point_index_new (mid, n_edges, 200.0 / cos (proj->lat0 * G_PI / 180));
        }
    }
  self->node_distances = self->walk != NULL ? node_distances : NULL;
  self->walk_radius = radius;
  changed (self);
}

/**
 * linli_painter_set_selected_site:
 * @site: (nullable): the site drawn as selected; the project keeps it alive
 */
void
linli_painter_set_selected_site (LinliPainter *self,
                                 LinliSite    *site)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  self->selected = site;
  changed (self);
}

/**
 * linli_painter_set_highlight:
 * @building: index of the building to ring, or -1
 */
void
linli_painter_set_highlight (LinliPainter *self,
                             int           building)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  self->highlight = building;
  changed (self);
}

/**
 * linli_painter_set_selected_buildings:
 * @buildings: (array length=n) (nullable): indices of the buildings to ring
 *   as selected, or %NULL for none
 */
void
linli_painter_set_selected_buildings (LinliPainter *self,
                                      const guint  *buildings,
                                      guint         n)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  if (self->selected_buildings->len == 0 && n == 0)
    return;
  g_array_set_size (self->selected_buildings, 0);
  if (n > 0)
    g_array_append_vals (self->selected_buildings, buildings, n);
  changed (self);
}

/**
 * linli_painter_set_proposal:
 * @ids: (array length=n): ids of the sites a plan proposes
 * @adds: (array length=n): households each adds
 *
 * Marks the proposed sites on the map; @n = 0 clears them.
 */
void
linli_painter_set_proposal (LinliPainter  *self,
                            const char   **ids,
                            const double  *adds,
                            guint          n)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  g_clear_pointer (&self->proposal, g_hash_table_unref);
  if (n > 0)
    {
      self->proposal = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < n; i++)
        g_hash_table_replace (self->proposal, g_strdup (ids[i]), g_memdup2 (&adds[i], sizeof (double)));
    }
  changed (self);
}

/**
 * linli_painter_get_draw_background:
 *
 * Returns: whether the painter paints its own streets-and-blocks background
 */
gboolean
linli_painter_get_draw_background (LinliPainter *self)
{
  g_return_val_if_fail (LINLI_IS_PAINTER (self), TRUE);
  return self->draw_background;
}

/**
 * linli_painter_set_draw_background:
 * @draw: %FALSE to leave the background to a tile layer below
 *
 * Turns the street fill, community areas and compound blocks on or off;
 * community boundaries, buildings, circles and sites are always drawn.
 */
void
linli_painter_set_draw_background (LinliPainter *self,
                                   gboolean      draw)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  draw = !!draw;
  if (self->draw_background == draw)
    return;
  self->draw_background = draw;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAW_BACKGROUND]);
  changed (self);
}

/**
 * linli_painter_set_show_candidate_circles:
 * @show: whether every candidate shows its circle, not only the selected one
 */
void
linli_painter_set_show_candidate_circles (LinliPainter *self,
                                          gboolean      show)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  show = !!show;
  if (self->show_candidate_circles == show)
    return;
  self->show_candidate_circles = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CANDIDATE_CIRCLES]);
  changed (self);
}

/**
 * linli_painter_get_building_colors:
 *
 * Returns: what the buildings' colours say
 */
LinliBuildingColors
linli_painter_get_building_colors (LinliPainter *self)
{
  g_return_val_if_fail (LINLI_IS_PAINTER (self), LINLI_BUILDING_COLORS_COVERAGE);
  return self->building_colors;
}

/**
 * linli_painter_set_building_colors:
 * @colors: colour buildings by coverage (the default) or by the status of
 *   the organisation chain, which needs a document
 *   (linli_painter_set_document()); the legend follows
 */
void
linli_painter_set_building_colors (LinliPainter        *self,
                                   LinliBuildingColors  colors)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  if (self->building_colors == colors)
    return;
  self->building_colors = colors;
  changed (self);
}

/**
 * linli_painter_get_show_legend:
 *
 * Returns: whether the painter draws a legend in the lower left corner
 */
gboolean
linli_painter_get_show_legend (LinliPainter *self)
{
  g_return_val_if_fail (LINLI_IS_PAINTER (self), FALSE);
  return self->show_legend;
}

/**
 * linli_painter_set_show_legend:
 * @show: whether to draw the legend (off by default: the window has its own)
 */
void
linli_painter_set_show_legend (LinliPainter *self,
                               gboolean      show)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  show = !!show;
  if (self->show_legend == show)
    return;
  self->show_legend = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
  changed (self);
}

/**
 * linli_painter_get_show_scale_bar:
 *
 * Returns: whether the painter draws a scale bar in the lower right corner
 */
gboolean
linli_painter_get_show_scale_bar (LinliPainter *self)
{
  g_return_val_if_fail (LINLI_IS_PAINTER (self), FALSE);
  return self->show_scale_bar;
}

/**
 * linli_painter_set_show_scale_bar:
 * @show: whether to draw the scale bar (off by default: the window has its own)
 */
void
linli_painter_set_show_scale_bar (LinliPainter *self,
                                  gboolean      show)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  show = !!show;
  if (self->show_scale_bar == show)
    return;
  self->show_scale_bar = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SCALE_BAR]);
  changed (self);
}

/**
 * linli_painter_set_attribution:
 * @text: (nullable): who the data and tiles are from, e.g. "© OpenStreetMap
 *   contributors"
 *
 * Sets the credit drawn in the lower right corner under the scale bar,
 * when the painter draws the scale bar.
 */
void
linli_painter_set_attribution (LinliPainter *self,
                               const char   *text)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  if (g_strcmp0 (self->attribution, text) == 0)
    return;
  g_free (self->attribution);
  self->attribution = g_strdup (text);
  if (self->show_scale_bar)
    changed (self);
}

/**
 * linli_painter_get_show_grids:
 *
 * Returns: whether the grid layer is drawn
 */
gboolean
linli_painter_get_show_grids (LinliPainter *self)
{
  g_return_val_if_fail (LINLI_IS_PAINTER (self), FALSE);
  return self->show_grids;
}

/**
 * linli_painter_set_show_grids:
 * @show: whether to draw the grid layer
 *
 * Switches the grid layer: the grids coloured by their household range,
 * their labels, the community boundaries and the buildings in no grid.
 * With no grids in the project the layer draws nothing either way.
 */
void
linli_painter_set_show_grids (LinliPainter *self,
                              gboolean      show)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  show = !!show;
  if (self->show_grids == show)
    return;
  self->show_grids = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GRIDS]);
  changed (self);
}

/**
 * linli_painter_get_show_partner_lines:
 *
 * Returns: whether the accepted partner assignment is drawn
 */
gboolean
linli_painter_get_show_partner_lines (LinliPainter *self)
{
  g_return_val_if_fail (LINLI_IS_PAINTER (self), FALSE);
  return self->show_partner_lines;
}

/**
 * linli_painter_set_show_partner_lines:
 * @show: whether to draw the accepted partner assignment
 *
 * Switches the partner layer: a line from each unit to the place it
 * serves, the units' squares and their legend rows.
 */
void
linli_painter_set_show_partner_lines (LinliPainter *self,
                                      gboolean      show)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  show = !!show;
  if (self->show_partner_lines == show)
    return;
  self->show_partner_lines = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PARTNER_LINES]);
  changed (self);
}

/**
 * linli_painter_set_selected_grid:
 * @grid: (nullable): the grid drawn as selected; the project keeps it alive
 */
void
linli_painter_set_selected_grid (LinliPainter *self,
                                 LinliGrid    *grid)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));

  if (self->selected_grid == grid)
    return;
  self->selected_grid = grid;
  changed (self);
}

/**
 * linli_painter_set_sketch:
 * @points: (array length=n_points) (nullable): the vertices drawn so far,
 *   the pointer's position last
 * @closed: %TRUE to show an area (a grid being drawn), %FALSE a line (a cut)
 *
 * Shows a grid or a cut being drawn on the map; @n_points = 0 clears it.
 */
void
linli_painter_set_sketch (LinliPainter      *self,
                          const LinliLatLon *points,
                          guint              n_points,
                          gboolean           closed)
{
  g_return_if_fail (LINLI_IS_PAINTER (self));
  g_return_if_fail (points != NULL || n_points == 0);

  g_array_set_size (self->sketch, 0);
  if (n_points > 0)
    g_array_append_vals (self->sketch, points, n_points);
  self->sketch_closed = closed;
  changed (self);
}

/**
 * linli_painter_pick_grid:
 * @view: the view the map is drawn for
 * @x: px from the view's left edge
 * @y: px from the view's top edge
 *
 * Returns: (transfer none) (nullable): the grid under (@x, @y), the last
 *   drawn (the topmost) where grids overlap
 */
LinliGrid *
linli_painter_pick_grid (LinliPainter       *self,
                         const LinliMapView *view,
                         double              x,
                         double              y)
{
  LinliGrids *grids;
  double lat, lon;

  g_return_val_if_fail (LINLI_IS_PAINTER (self), NULL);
  g_return_val_if_fail (view != NULL, NULL);
  if (self->project == NULL || !self->show_grids)
    return NULL;

  grids = linli_project_get_grids (self->project);
  linli_map_view_from_pixels (view, x, y, &lat, &lon);
  for (guint i = linli_grids_get_n_grids (grids); i-- > 0;)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, i);

      if (linli_polygon_contains (linli_grid_get_polygon (grid), lat, lon))
        return grid;
    }
  return NULL;
}

/**
 * linli_painter_pick_grid_vertex:
 * @view: the view the map is drawn for
 * @grid: the grid whose vertices to look at
 * @x: px from the view's left edge
 * @y: px from the view's top edge
 * @ring: (out): which ring of the outline
 * @vertex: (out): which of its points
 *
 * Returns: whether a vertex of @grid lies within a few pixels of (@x, @y);
 *   the nearest is given
 */
gboolean
linli_painter_pick_grid_vertex (LinliPainter       *self,
                                const LinliMapView *view,
                                LinliGrid          *grid,
                                double              x,
                                double              y,
                                guint              *ring,
                                guint              *vertex)
{
  LinliPolygon *polygon;
  double best = PICK_RADIUS_PX;
  gboolean found = FALSE;

  g_return_val_if_fail (LINLI_IS_PAINTER (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (LINLI_IS_GRID (grid), FALSE);

  polygon = linli_grid_get_polygon (grid);
  for (guint r = 0; polygon != NULL && r < linli_polygon_get_n_rings (polygon); r++)
    {
      guint n;
      const LinliLatLon *p = linli_polygon_get_ring (polygon, r, &n);

      for (guint i = 0; i < n; i++)
        {
          double px, py, d;

          linli_map_view_to_pixels (view, p[i].lat, p[i].lon, &px, &py);
          d = hypot (px - x, py - y);
          if (d <= best)
            {
              best = d;
              *ring = r;
              *vertex = i;
              found = TRUE;
            }
        }
    }
  return found;
}

static void
grow_lat_lon (double *box,
              double  mx,
              double  my)
{
  double lat, lon;

  if (!isfinite (mx) || !isfinite (my))
    return;
  linli_mercator_unproject (mx, my, &lat, &lon);
  grow_box (box, lat, lon);
}

/**
 * linli_painter_get_bounds:
 * @min_lat: (out): south edge
 * @min_lon: (out): west edge
 * @max_lat: (out): north edge
 * @max_lon: (out): east edge
 *
 * The box around everything the painter draws for its project: buildings
 * with their footprints, streets and sites; for linli_map_view_fit().
 *
 * Returns: %FALSE if there is nothing to draw
 */
gboolean
linli_painter_get_bounds (LinliPainter *self,
                          double       *min_lat,
                          double       *min_lon,
                          double       *max_lat,
                          double       *max_lon)
{
  double box[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  double a, b, c, d;

  g_return_val_if_fail (LINLI_IS_PAINTER (self), FALSE);

  if (self->project == NULL)
    return FALSE;
  ensure_boxes (self);
  if (linli_project_get_bounds (self->project, &a, &b, &c, &d))
    {
      grow_box (box, a, b);
      grow_box (box, c, d);
    }
  for (guint m = 0; m < linli_project_get_n_communities (self->project); m++)
    {
      const double *cbox = &self->community_boxes[4 * m];

      grow_lat_lon (box, cbox[0], cbox[1]);
      grow_lat_lon (box, cbox[2], cbox[3]);
    }
  for (guint i = 0; i < self->n_street_nodes; i++)
    grow_lat_lon (box, self->street_merc[2 * i], self->street_merc[2 * i + 1]);
  if (!isfinite (box[0]))
    return FALSE;
  *min_lat = box[0];
  *min_lon = box[1];
  *max_lat = box[2];
  *max_lon = box[3];
  return TRUE;
}

/**
 * linli_painter_draw:
 * @cr: where to draw; the view's top left corner is at the origin of its
 *   user space, one unit a px
 * @view: what part of the world to show, and how big
 *
 * Draws the map for @view, clipped to its size.  @cr's state is left as it
 * was.
 */
void
linli_painter_draw (LinliPainter       *self,
                    cairo_t            *cr,
                    const LinliMapView *view)
{
  g_autoptr (GArray) placed = NULL;
  g_autoptr (GArray) sites = NULL;
  PangoContext *pango;
  gboolean grids, boundaries;
  View v;

  g_return_if_fail (LINLI_IS_PAINTER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL);

  if (view->width <= 0 || view->height <= 0)
    return;
  ensure_boxes (self);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_clip (cr);
  /* One text context for every frame, brought to this surface's font
   * options: a new one each frame loses pango's caches.  The names on the
   * map are Chinese: Simplified Chinese glyphs, whatever the language of
   * the legend. */
  if (self->pango == NULL)
    {
      self->pango = pango_cairo_create_context (cr);
      pango_context_set_language (self->pango, pango_language_from_string ("zh-cn"));
    }
  else
    {
      pango_cairo_update_context (cr, self->pango);
    }
  pango = g_object_ref (self->pango);

  if (self->project == NULL || !view_init (self, view, &v))
    {
      if (self->draw_background)
        {
          set_rgb (cr, LINLI_COLOR_STREET, 1);
          cairo_paint (cr);
        }
      g_object_unref (pango);
      cairo_restore (cr);
      return;
    }
  v.pango = pango;
  g_array_set_size (self->labels, 0);
  v.labels = self->labels;
  placed = g_array_new (FALSE, FALSE, sizeof (Rect));
  /* The legend and the scale bar are drawn last, over the map: their
   * corners are taken first, so no label goes under them. */
  if (self->show_scale_bar)
    {
      gboolean credit = self->attribution != NULL && self->attribution[0] != '\0';
      double w = credit ? 240 : SCALE_MAX_PX + 3 * LEGEND_MARGIN, h = credit ? 84 : 52;
      Rect r = { v.width - w, v.height - h, w, h };

      g_array_append_val (placed, r);
    }
  if (self->show_legend)
    {
      double size[2], scale;

      draw_legend (self, cr, pango, v.width, v.height, size);
      scale = MIN (1.0, MIN ((v.width / 2 - 2 * LEGEND_MARGIN) / size[0],
                             (v.height / 2 - 2 * LEGEND_MARGIN) / size[1]));
      if (scale >= 0.5)
        {
          Rect r = { 0, v.height - LEGEND_MARGIN - size[1] * scale, LEGEND_MARGIN + size[0] * scale,
                     LEGEND_MARGIN + size[1] * scale };

          g_array_append_val (placed, r);
        }
    }

  grids = has_grids (self);
  /* Boundaries drawn or imported show with the grid layer, grids or not. */
  boundaries = self->show_grids && self->project != NULL;
  if (boundaries)
    prepare_shapes (self);
  if (grids)
    sort_grids_on_screen (self, &v);
  sites = place_sites (self, &v);
  draw_background (self, cr, &v, grids);
  draw_water (self, cr, &v);
  if (grids)
    draw_grid_fills (self, cr, &v);
  draw_streets (self, cr, &v);
  draw_circles (self, cr, &v, sites, TRUE);
  draw_buildings (self, cr, &v);
  if (boundaries)
    draw_boundaries (self, cr, &v);
  if (grids)
    draw_grid_outlines (self, cr, &v);
  draw_circles (self, cr, &v, sites, FALSE);
  draw_partner_lines (self, cr, &v);
  /* Proposals' labels take their places first, then grid labels: there
   * are fewer of them, and a site's name gives way more gracefully. */
  place_proposal_labels (self, &v, sites, placed);
  if (grids)
    draw_grid_labels (self, cr, &v, placed);
  draw_sites (self, cr, &v, sites, placed);
  draw_sketch (self, cr, &v);

  /* Community names, where the community is big enough on screen to carry one. */
  for (guint c = 0; c < linli_project_get_n_communities (self->project); c++)
    {
      Rect r;

      if (!isfinite (self->community_boxes[4 * c]))
        continue;
      box_to_rect (&v, &self->community_boxes[4 * c], 25 * v.ppm + 4, &r);
      if (!rect_visible (&r, v.width, v.height) || r.width < 80)
        continue;
      draw_label (&v, cr, placed, linli_project_get_community (self->project, c)->name,
                  r.x + r.width / 2, MAX (r.y + 4, 4), TRUE);
    }

  if (self->show_scale_bar)
    draw_scale_bar (cr, pango, view, self->attribution);
  if (self->show_legend)
    draw_legend (self, cr, pango, v.width, v.height, NULL);
  g_object_unref (pango);
  cairo_restore (cr);
}

/**
 * linli_painter_draw_legend:
 * @cr: where to draw, as for linli_painter_draw()
 * @view: the view the map is drawn for
 *
 * Draws the legend alone, in the lower left corner of @view, whether or
 * not the painter shows it in linli_painter_draw().
 */
void
linli_painter_draw_legend (LinliPainter       *self,
                           cairo_t            *cr,
                           const LinliMapView *view)
{
  PangoContext *pango;

  g_return_if_fail (LINLI_IS_PAINTER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL);

  if (self->project == NULL || view->width <= 0 || view->height <= 0)
    return;
  pango = pango_cairo_create_context (cr);
  pango_context_set_language (pango, pango_language_from_string ("zh-cn"));
  draw_legend (self, cr, pango, view->width, view->height, NULL);
  g_object_unref (pango);
}

/**
 * linli_painter_get_legend_size:
 * @cr: a context of the surface the legend will be drawn on
 * @width: (out): in px
 * @height: (out): in px
 *
 * The size of the legend at full scale, for a page that places it beside
 * the map: draw it there with linli_painter_draw_legend() for a view at
 * least twice as big, plus margins, so it is not scaled down.
 *
 * Returns: %FALSE when there is no project to draw a legend for
 */
gboolean
linli_painter_get_legend_size (LinliPainter *self,
                               cairo_t      *cr,
                               double       *width,
                               double       *height)
{
  PangoContext *pango;
  double size[2];

  g_return_val_if_fail (LINLI_IS_PAINTER (self), FALSE);

  if (self->project == NULL)
    return FALSE;
  pango = pango_cairo_create_context (cr);
  pango_context_set_language (pango, pango_language_from_string ("zh-cn"));
  draw_legend (self, cr, pango, 1, 1, size);
  g_object_unref (pango);
  *width = size[0];
  *height = size[1];
  return TRUE;
}

/**
 * linli_painter_draw_scale_bar:
 * @cr: where to draw, as for linli_painter_draw()
 * @view: the view the map is drawn for
 *
 * Draws the scale bar alone, in the lower right corner of @view with the
 * attribution under it, whether or not the painter shows it in
 * linli_painter_draw().
 */
void
linli_painter_draw_scale_bar (LinliPainter       *self,
                              cairo_t            *cr,
                              const LinliMapView *view)
{
  PangoContext *pango;

  g_return_if_fail (LINLI_IS_PAINTER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL);

  if (view->width <= 0 || view->height <= 0)
    return;
  pango = pango_cairo_create_context (cr);
  draw_scale_bar (cr, pango, view, self->attribution);
  g_object_unref (pango);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * linli_painter_save:
 * @view: what to draw; its width and height are the image's size in px
 *   (the PDF page's in points)
 * @path: where to write: a name ending in `.png` or `.pdf`
 * @error: a #LinliRenderError or a #GFileError
 *
 * Draws the map for @view into a PNG image or a one-page PDF (vector
 * shapes, the fonts embedded as subsets) and writes it to @path in one
 * go: a file that cannot be written is left as it was.
 *
 * Returns: whether @path was written
 */
gboolean
linli_painter_save (LinliPainter       *self,
                    const LinliMapView *view,
                    const char         *path,
                    GError            **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autofree char *lower = NULL;
  g_autofree char *display = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean pdf;
  cairo_t *cr;

  g_return_val_if_fail (LINLI_IS_PAINTER (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  lower = g_ascii_strdown (path, -1);
  pdf = g_str_has_suffix (lower, ".pdf");
  if (!pdf && !g_str_has_suffix (lower, ".png"))
    {
      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FORMAT,
                   _("%s: the name must end in .png or .pdf"), display);
      return FALSE;
    }
  if (view->width < 1 || view->height < 1 || view->width > LINLI_RENDER_MAX_SIDE ||
      view->height > LINLI_RENDER_MAX_SIDE || !(view->scale_factor >= 1 && view->scale_factor <= 4) ||
      view->width * view->scale_factor > LINLI_RENDER_MAX_SIDE ||
      view->height * view->scale_factor > LINLI_RENDER_MAX_SIDE)
    {
      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_SIZE,
                   _("%s: the size must be from 1×1 to %d×%d pixels"), display, LINLI_RENDER_MAX_SIDE,
                   LINLI_RENDER_MAX_SIDE);
      return FALSE;
    }

  if (pdf)
    {
      surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, view->width, view->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Linli " PACKAGE_VERSION);
      if (self->project != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, linli_project_get_name (self->project));
    }
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (view->width * view->scale_factor),
                                            (int) ceil (view->height * view->scale_factor));
      cairo_surface_set_device_scale (surface, view->scale_factor, view->scale_factor);
    }
  cr = cairo_create (surface);
  linli_painter_draw (self, cr, view);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (pdf)
        cairo_surface_finish (surface);
      else
        {
          gboolean ok = linli_render_save_png (surface, path, error);

          cairo_surface_destroy (surface);
          return ok;
        }
    }
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FAILED, _("%s: could not draw the map: %s"),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  return linli_file_set_contents (path, bytes->data, bytes->len, error);
}

/**
 * linli_render_save_png:
 * @surface: an image surface drawn on
 * @path: where to write
 *
 * Encodes @surface as PNG and writes it to @path atomically, through the
 * core's one file writer: a failure names @path and leaves no debris.
 *
 * Returns: %TRUE on success
 */
gboolean
linli_render_save_png (cairo_surface_t  *surface,
                       const char       *path,
                       GError          **error)
{
  return linli_render_save_png_at_dpi (surface, path, 0, error);
}

/* The CRC of PNG chunks (ISO 3309, as zlib's crc32()). */
static guint32
png_crc (const guint8 *data,
         gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

static void
put_be32 (guint8  *out,
          guint32  value)
{
  out[0] = value >> 24;
  out[1] = value >> 16;
  out[2] = value >> 8;
  out[3] = value;
}

/**
 * linli_render_save_png_at_dpi:
 * @dpi: the resolution the image is meant for, or 0 to say none
 *
 * As linli_render_save_png(), and the file carries @dpi (a pHYs chunk, in
 * pixels per metre), so a word processor places it at its size in print.
 * cairo writes no such chunk itself.
 *
 * Returns: %TRUE on success
 */
gboolean
linli_render_save_png_at_dpi (cairo_surface_t  *surface,
                              const char       *path,
                              double            dpi,
                              GError          **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_status_t status;

  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, bytes);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FAILED, _("%s: could not draw the map: %s"),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  /* The pHYs chunk goes right after IHDR, which follows the 8-byte
   * signature and is 25 bytes long with its length, type and CRC. */
  if (dpi > 0 && bytes->len > 33)
    {
      guint8 chunk[21];
      guint32 ppm = (guint32) lround (dpi / 0.0254);

      put_be32 (chunk, 9);
      memcpy (chunk + 4, "pHYs", 4);
      put_be32 (chunk + 8, ppm);
      put_be32 (chunk + 12, ppm);
      chunk[16] = 1;   /* the unit is the metre */
      put_be32 (chunk + 17, png_crc (chunk + 4, 13));
      {
        g_autoptr (GByteArray) out = g_byte_array_sized_new (bytes->len + sizeof chunk);

        g_byte_array_append (out, bytes->data, 33);
        g_byte_array_append (out, chunk, sizeof chunk);
        g_byte_array_append (out, bytes->data + 33, bytes->len - 33);
        return linli_file_set_contents (path, out->data, out->len, error);
      }
    }
  return linli_file_set_contents (path, bytes->data, bytes->len, error);
}

/**
 * linli_render_free_caches:
 *
 * Frees the fonts that pango, cairo and fontconfig keep for the life of
 * the process, so a leak checker sees only real leaks.  Call it at the
 * end of a program, once every painter, layout and surface is gone; a
 * program with a GTK display must not call it.
 */
void
linli_render_free_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
}

/**
 * linli_painter_pick_site:
 * @view: the view the map is drawn for
 * @x: px from the view's left edge
 * @y: px from the view's top edge
 *
 * Returns: (transfer none) (nullable): the site drawn nearest to (@x, @y)
 * within a few pixels
 */
LinliSite *
linli_painter_pick_site (LinliPainter       *self,
                         const LinliMapView *view,
                         double              x,
                         double              y)
{
  LinliSite *best = NULL;
  double best_d = PICK_RADIUS_PX;
  guint n;
  View v;

  g_return_val_if_fail (LINLI_IS_PAINTER (self), NULL);
  g_return_val_if_fail (view != NULL, NULL);
  if (self->project == NULL || !view_init (self, view, &v))
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
 * linli_painter_pick_building:
 * @view: the view the map is drawn for
 * @x: px from the view's left edge
 * @y: px from the view's top edge
 *
 * Returns: the index of the building nearest to (@x, @y) within a few
 * pixels, or -1
 */
int
linli_painter_pick_building (LinliPainter       *self,
                             const LinliMapView *view,
                             double              x,
                             double              y)
{
  double det, dx, dy, mx, my, scale;
  View v;

  g_return_val_if_fail (LINLI_IS_PAINTER (self), -1);
  g_return_val_if_fail (view != NULL, -1);
  if (self->project == NULL || !view_init (self, view, &v))
    return -1;

  det = v.xx * v.yy - v.xy * v.yx;
  dx = x - v.ox;
  dy = y - v.oy;
  mx = (v.yy * dx - v.xy * dy) / det;
  my = (-v.yx * dx + v.xx * dy) / det;
  scale = hypot (v.xx, v.yx) / LINLI_MERCATOR_WORLD_M;  /* pixels per WORLD_M unit */
  return linli_point_index_nearest (self->merc_index, mx * LINLI_MERCATOR_WORLD_M, my * LINLI_MERCATOR_WORLD_M,
                                   PICK_RADIUS_PX / scale);
}

/**
 * linli_painter_get_labels:
 * @n_labels: (out): how many
 *
 * The labels the last linli_painter_draw() drew: names of sites, grids
 * and communities, and what each proposed site adds, with their boxes in
 * view pixels.  No two overlap, nor the legend's or scale bar's corner.
 *
 * Returns: (transfer none) (array length=n_labels): the labels, valid
 *   until the next draw
 */
const LinliPainterLabel *
linli_painter_get_labels (LinliPainter *self,
                          guint        *n_labels)
{
  g_return_val_if_fail (LINLI_IS_PAINTER (self), NULL);

  *n_labels = self->labels->len;
  return (const LinliPainterLabel *) (gpointer) self->labels->data;
}

/**
 * linli_painter_get_partner_color:
 * @category: a category's position in the partner category list
 *
 * Returns: the colour, 0xRRGGBB, of the lines of that category
 */
guint
linli_painter_get_partner_color (guint category)
{
  return partner_color (category);
}

/**
 * linli_painter_dup_partner_categories:
 *
 * Returns: (transfer full) (element-type guint): the positions in the
 *   category list of the categories the map draws lines of, in the
 *   legend's order; empty without an accepted assignment
 */
GArray *
linli_painter_dup_partner_categories (LinliPainter *self)
{
  g_return_val_if_fail (LINLI_IS_PAINTER (self), NULL);

  ensure_partner_lines (self);
  return g_array_copy (self->partner_categories);
}
