/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "linli-coverage.h"
#include "linli-document.h"
#include "linli-grid.h"
#include "linli-map-view.h"
#include "linli-project.h"
#include "linli-walk.h"

G_BEGIN_DECLS

#define LINLI_RENDER_ERROR (linli_render_error_quark ())

typedef enum
{
  LINLI_RENDER_ERROR_FAILED,
  LINLI_RENDER_ERROR_FORMAT,
  LINLI_RENDER_ERROR_SIZE,
} LinliRenderError;

GQuark linli_render_error_quark (void);

/* The largest image or page side linli_painter_save() writes, in px. */
#define LINLI_RENDER_MAX_SIDE 8192

/* What the buildings' colours say. */
typedef enum
{
  LINLI_BUILDING_COLORS_COVERAGE,   /* within reach of a site or not */
  LINLI_BUILDING_COLORS_CHAIN,      /* the organisation chain's status */
} LinliBuildingColors;

/* A label the painter drew, its box in view pixels. */
typedef struct
{
  char     *text;
  double    x, y, width, height;
  gboolean  proposal;   /* what a proposed site adds */
} LinliPainterLabel;

#define LINLI_TYPE_PAINTER (linli_painter_get_type ())
G_DECLARE_FINAL_TYPE (LinliPainter, linli_painter, LINLI, PAINTER, GObject)

LinliPainter *linli_painter_new                 (void) G_GNUC_WARN_UNUSED_RESULT;

LinliProject *linli_painter_get_project         (LinliPainter *self);
void               linli_painter_set_document      (LinliPainter  *self,
                                                   LinliDocument *document);
void          linli_painter_set_project         (LinliPainter *self,
                                                 LinliProject *project);
void          linli_painter_set_coverage        (LinliPainter        *self,
                                                 const LinliCoverage *coverage);
void          linli_painter_set_streets         (LinliPainter *self,
                                                 LinliWalk    *walk,
                                                 const double *node_distances,
                                                 double        radius);
void          linli_painter_set_selected_site   (LinliPainter *self,
                                                 LinliSite    *site);
void          linli_painter_set_highlight       (LinliPainter *self,
                                                 int           building);
void          linli_painter_set_selected_buildings (LinliPainter *self,
                                                    const guint  *buildings,
                                                    guint         n);
void          linli_painter_set_proposal        (LinliPainter  *self,
                                                 const char   **ids,
                                                 const double  *adds,
                                                 guint          n);
gboolean      linli_painter_get_draw_background (LinliPainter *self);
void          linli_painter_set_draw_background (LinliPainter *self,
                                                 gboolean      draw);
void          linli_painter_set_show_candidate_circles (LinliPainter *self,
                                                        gboolean      show);
LinliBuildingColors linli_painter_get_building_colors (LinliPainter *self);
void          linli_painter_set_building_colors (LinliPainter        *self,
                                                 LinliBuildingColors  colors);
gboolean      linli_painter_get_show_legend     (LinliPainter *self);
void          linli_painter_set_show_legend     (LinliPainter *self,
                                                 gboolean      show);
gboolean      linli_painter_get_show_scale_bar  (LinliPainter *self);
void          linli_painter_set_show_scale_bar  (LinliPainter *self,
                                                 gboolean      show);
void          linli_painter_set_attribution     (LinliPainter *self,
                                                 const char   *text);
gboolean      linli_painter_get_show_grids      (LinliPainter *self);
void          linli_painter_set_show_grids      (LinliPainter *self,
                                                 gboolean      show);
gboolean      linli_painter_get_show_partner_lines (LinliPainter *self);
void          linli_painter_set_show_partner_lines (LinliPainter *self,
                                                    gboolean      show);
void          linli_painter_set_selected_grid   (LinliPainter *self,
                                                 LinliGrid    *grid);
void          linli_painter_set_sketch          (LinliPainter      *self,
                                                 const LinliLatLon *points,
                                                 guint              n_points,
                                                 gboolean           closed);

gboolean      linli_painter_get_bounds          (LinliPainter *self,
                                                 double       *min_lat,
                                                 double       *min_lon,
                                                 double       *max_lat,
                                                 double       *max_lon);
void          linli_painter_draw                (LinliPainter       *self,
                                                 cairo_t            *cr,
                                                 const LinliMapView *view);
void          linli_painter_draw_legend         (LinliPainter       *self,
                                                 cairo_t            *cr,
                                                 const LinliMapView *view);
gboolean      linli_painter_get_legend_size     (LinliPainter       *self,
                                                 cairo_t            *cr,
                                                 double             *width,
                                                 double             *height);
void          linli_painter_draw_scale_bar      (LinliPainter       *self,
                                                 cairo_t            *cr,
                                                 const LinliMapView *view);
gboolean      linli_painter_save                (LinliPainter       *self,
                                                 const LinliMapView *view,
                                                 const char         *path,
                                                 GError            **error);
LinliSite    *linli_painter_pick_site           (LinliPainter       *self,
                                                 const LinliMapView *view,
                                                 double              x,
                                                 double              y);
int           linli_painter_pick_building       (LinliPainter       *self,
                                                 const LinliMapView *view,
                                                 double              x,
                                                 double              y);
LinliGrid    *linli_painter_pick_grid           (LinliPainter       *self,
                                                 const LinliMapView *view,
                                                 double              x,
                                                 double              y);
gboolean      linli_painter_pick_grid_vertex    (LinliPainter       *self,
                                                 const LinliMapView *view,
                                                 LinliGrid          *grid,
                                                 double              x,
                                                 double              y,
                                                 guint              *ring,
                                                 guint              *vertex);

gboolean      linli_render_save_png             (cairo_surface_t    *surface,
                                                 const char         *path,
                                                 GError            **error);
gboolean      linli_render_save_png_at_dpi      (cairo_surface_t    *surface,
                                                 const char         *path,
                                                 double              dpi,
                                                 GError            **error);
void          linli_render_free_caches          (void);

/* Colours shared by the drawing and the tests, as 0xRRGGBB.  The land under
 * everything, service sites and their circles, and candidates (these three
 * are still written out as numbers in linli-painter.c). */
#define LINLI_COLOR_LAND      0xeeeae0
#define LINLI_COLOR_SITE      0xc8102e
#define LINLI_COLOR_CANDIDATE 0xe08a00
#define LINLI_COLOR_COVERED   0x3f7cc4
#define LINLI_COLOR_UNCOVERED 0xe4572e
#define LINLI_COLOR_PARTLY    0xf2b8a0
#define LINLI_COLOR_STREET    0xfbfaf7
#define LINLI_COLOR_PROPOSED  0x1b8a4a
/* Water: areas as OpenStreetMap's own map fills them, waterways a deeper blue. */
#define LINLI_COLOR_WATER_AREA 0xaad3df
#define LINLI_COLOR_WATER      0x6fa8dc
/* Streets by the walk to the nearest site: within half the rule, within
 * the rule, within one and a half times, farther, not connected.  Green to
 * red as ColorBrewer's RdYlGn, but its light orange and red are darker here:
 * as drawn by ColorBrewer, "within" and "up to 1.5 ×" look alike to a
 * deuteranope and "under half" and "up to 1.5 ×" to a protanope
 * (tests/test-palette.c). */
#define LINLI_COLOR_WALK_NEAR  0x1a9850
#define LINLI_COLOR_WALK_IN    0x91cf60
#define LINLI_COLOR_WALK_OVER  0xe08214
#define LINLI_COLOR_WALK_FAR   0xb2182b
#define LINLI_COLOR_WALK_NONE  0xb8b2a7
/* The grid layer: grids within the household range and out of it (their
 * fills drawn at the alphas given), the dashed mark of a grid in pieces,
 * overlapping or outside its community, community boundaries, the ring
 * around a building in no grid, and a grid or cut being drawn. */
#define LINLI_COLOR_GRID           0x6a3d9a
#define LINLI_COLOR_GRID_OUT       0xd81b60
#define LINLI_COLOR_GRID_PROBLEM   0x1a1a1a
#define LINLI_COLOR_BOUNDARY       0x5c4a32
#define LINLI_COLOR_NO_GRID        0xf2a900
#define LINLI_COLOR_SKETCH         0x0b6bcb
#define LINLI_GRID_FILL_ALPHA      0.12
#define LINLI_GRID_OUT_FILL_ALPHA  0.35
/* Buildings by the organisation chain, from the Okabe–Ito palette, which
 * stays apart for the common kinds of colour blindness: blue, orange and
 * vermillion (this one also outlined, as it is the worst). */
#define LINLI_COLOR_CHAIN_COMPLETE      0x0072b2
#define LINLI_COLOR_CHAIN_MISSING_GROUP 0xe69f00
#define LINLI_COLOR_CHAIN_NO_MEMBER     0xd55e00
/* A building whose party members the data did not give: grey, neither
 * good nor bad, so it is never read as one without members. */
#define LINLI_COLOR_CHAIN_MEMBERS_UNKNOWN 0x888888

const LinliPainterLabel *linli_painter_get_labels (LinliPainter *self,
                                                   guint        *n_labels);

/* The accepted partner assignment's lines: the colour of a category by its
 * position in the category list, and the categories drawn, in order. */
guint                    linli_painter_get_partner_color      (guint category);
GArray                  *linli_painter_dup_partner_categories (LinliPainter *self)
  G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
