/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-report"

#include "config.h"

#include "linli-report.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "linli-file.h"
#include "linli-painter.h"

/* A report is a list of pages laid out when documents are added: the
 * title page (title, district, date, the map with its legend, scale bar
 * and north arrow, and the key figures), then the tables flowing from page
 * to page with their headers repeated; a meeting deck adds one landscape
 * page per view, a comparison one page with two maps side by side.  Every
 * page is drawn in points onto any cairo surface, so the PDF is vector
 * throughout and a PNG page is the same drawing at a given resolution.
 * The map is drawn by the painter, as in the window.
 */

#define MARGIN       36.0
#define GAP          14.0
#define TITLE_BLOCK  7.5     /* the first page's title, district and date, in body text sizes */
#define HEADER_BAND  26.0    /* the running header of the other pages */
#define FOOTER_BAND  18.0
#define ARROW_BAND   30.0    /* room above a map for its caption and north arrow */
#define PX_PT        0.75    /* the painter's px drawn as 0.75 pt: its type as on a 96 dpi screen */
#define CELL_PAD_X   4.0
#define CELL_PAD_Y   2.5
#define CELL_LINES   4       /* a longer cell is ellipsized, so no row outgrows a page */
#define MIN_ROWS     3       /* a table starts on a page only with this many rows (or all it has) */
#define FONT_FAMILY  "Noto Sans CJK SC"

typedef struct
{
  LinliTable *table;
  guint       first;
  guint       n;
  gboolean    continued;
  double      x;
  double      y;
  double      width;
} Slice;

typedef struct
{
  LinliDocument *document;   /* owned by the page */
  double         x, y, width, height;
  double         bounds[4];  /* min lat, min lon, max lat, max lon to fit */
  char          *caption;
} MapBox;

typedef struct
{
  double         width;
  double         height;
  LinliDocument *document;   /* for the running header */
  gboolean       title_page;
  char          *heading;    /* of a deck or comparison page */
  GArray        *maps;       /* MapBox */
  GArray        *slices;     /* Slice */
  LinliDocument *legend;     /* whose legend the page shows beside its map, or NULL */
  double         legend_x, legend_y, legend_scale;
} Page;

struct _LinliReport
{
  GObject       parent_instance;

  double        width;       /* points, as asked: portrait or landscape */
  double        height;
  char         *title;
  GDateTime    *date;
  PangoFontMap *font_map;    /* the report's own: pages may be drawn in a worker thread */
  PangoContext *pango;       /* at 72 dpi, no hinting: measured as drawn, at any scale */
  GPtrArray    *pages;       /* Page */
  GHashTable   *painters;    /* LinliDocument → LinliPainter */
};

G_DEFINE_FINAL_TYPE (LinliReport, linli_report, G_TYPE_OBJECT)

/* Auxiliary methods */

static void
map_box_clear (gpointer data)
{
  MapBox *box = data;

  g_clear_object (&box->document);
  g_clear_pointer (&box->caption, g_free);
}

static void
slice_clear (gpointer data)
{
  Slice *slice = data;

  g_clear_pointer (&slice->table, linli_table_unref);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_object (&page->document);
  g_clear_object (&page->legend);
  g_free (page->heading);
  g_array_unref (page->maps);
  g_array_unref (page->slices);
  g_free (page);
}

static Page *
page_new (LinliReport   *self,
          LinliDocument *document,
          gboolean       landscape_only)
{
  Page *page = g_new0 (Page, 1);

  page->width = self->width;
  page->height = self->height;
  if (landscape_only && page->width < page->height)
    {
      page->width = self->height;
      page->height = self->width;
    }
  page->document = g_object_ref (document);
  page->maps = g_array_new (FALSE, TRUE, sizeof (MapBox));
  g_array_set_clear_func (page->maps, map_box_clear);
  page->slices = g_array_new (FALSE, TRUE, sizeof (Slice));
  g_array_set_clear_func (page->slices, slice_clear);
  g_ptr_array_add (self->pages, page);
  return page;
}

static void
set_rgb (cairo_t *cr,
         guint    rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* The body text size: 8.5 pt on A4, larger on bigger pages and screens. */
static double
base_size (const Page *page)
{
  return CLAMP (MIN (page->width, page->height) / 595.0 * 8.5, 8.0, 14.0);
}

static PangoLayout *
text_layout (LinliReport    *self,
             const char     *text,
             double          size,
             gboolean        bold,
             double          width,
             PangoAlignment  align,
             int             max_lines)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, FONT_FAMILY);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, align);
    }
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
show_text (LinliReport    *self,
           cairo_t        *cr,
           const char     *text,
           double          x,
           double          y,
           double          size,
           gboolean        bold,
           double          width,
           PangoAlignment  align,
           guint           rgb)
{
  g_autoptr (PangoLayout) layout = text_layout (self, text, size, bold, width, align, 0);

  set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Tables */

static void
column_widths (const LinliTable *table,
               double            width,
               double           *widths)
{
  double sum = 0;
  guint n = linli_table_get_n_columns (table);

  for (guint c = 0; c < n; c++)
    sum += linli_table_get_column (table, c)->weight;
  for (guint c = 0; c < n; c++)
    widths[c] = width * linli_table_get_column (table, c)->weight / sum;
}

static PangoLayout *
cell_layout (LinliReport      *self,
             const Page       *page,
             const LinliTable *table,
             int               row,   /* -1: the header */
             guint             column,
             double            width)
{
  const LinliTableColumn *col = linli_table_get_column (table, column);
  const LinliTableCell *cell = row >= 0 ? linli_table_get_cell (table, row, column) : NULL;
  const char *text = row < 0 ? col->header : cell != NULL ? cell->text : "";
  PangoAlignment align = col->align == LINLI_TABLE_ALIGN_END ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;

  return text_layout (self, text, base_size (page), row < 0, MAX (width - 2 * CELL_PAD_X, 1), align,
                      CELL_LINES);
}

static double
row_height (LinliReport      *self,
            const Page       *page,
            const LinliTable *table,
            int               row,
            const double     *widths)
{
  double height = 0;

  for (guint c = 0; c < linli_table_get_n_columns (table); c++)
    {
      g_autoptr (PangoLayout) layout = cell_layout (self, page, table, row, c, widths[c]);

      height = MAX (height, layout_height (layout));
    }
  return height + 2 * CELL_PAD_Y;
}

static char *
slice_title (const Slice *slice)
{
  if (slice->continued)
    /* Translators: the title of a table going on from the page before */
    return g_strdup_printf (_("%s (continued)"), linli_table_get_title (slice->table));
  return g_strdup (linli_table_get_title (slice->table));
}

static double
title_height (LinliReport *self,
              const Page  *page,
              const Slice *slice)
{
  g_autofree char *title = slice_title (slice);
  g_autoptr (PangoLayout) layout = text_layout (self, title, base_size (page) * 1.3, TRUE,
                                                slice->width,
                                                PANGO_ALIGN_LEFT, 2);
  double height = layout_height (layout) + 4;

  if (!slice->continued && linli_table_get_note (slice->table) != NULL)
    {
      g_autoptr (PangoLayout) note = text_layout (self, linli_table_get_note (slice->table),
                                                  base_size (page) * 0.9, FALSE, slice->width,
                                                  PANGO_ALIGN_LEFT, 3);

      height += layout_height (note) + 3;
    }
  return height;
}

static double
none_height (LinliReport *self,
             const Page  *page)
{
  g_autoptr (PangoLayout) layout = text_layout (self, _("None."), base_size (page), FALSE, 0, 0, 0);

  return layout_height (layout) + 2 * CELL_PAD_Y;
}

/* The height of a whole table on one page. */
static double
table_height (LinliReport *self,
              const Page  *page,
              LinliTable  *table,
              double       width)
{
  Slice slice = { table, 0, 0, FALSE, 0, 0, width };
  g_autofree double *widths = g_new (double, linli_table_get_n_columns (table));
  double height;

  column_widths (table, width, widths);
  height = title_height (self, page, &slice) + row_height (self, page, table, -1, widths);
  for (guint r = 0; r < linli_table_get_n_rows (table); r++)
    height += row_height (self, page, table, r, widths);
  if (linli_table_get_n_rows (table) == 0)
    height += none_height (self, page);
  return height;
}

/* Where tables flow: a column of a page, from y down to bottom. */
typedef struct
{
  Page   *page;
  double  x;
  double  y;
  double  width;
  double  bottom;
} Flow;

static void
flow_next_page (LinliReport *self,
                Flow        *flow)
{
  Page *last = flow->page;
  Page *page = page_new (self, last->document, FALSE);

  /* Tables go on in the orientation of the page they started on. */
  page->width = last->width;
  page->height = last->height;
  flow->page = page;
  flow->x = MARGIN;
  flow->y = MARGIN + HEADER_BAND;
  flow->width = page->width - 2 * MARGIN;
  flow->bottom = page->height - MARGIN - FOOTER_BAND;
}

/* Lays a table out from the flow's place on, over as many pages as it
 * takes, its title and header again at the top of each. */
static void
flow_table (LinliReport *self,
            Flow        *flow,
            LinliTable  *table)
{
  guint n_rows = linli_table_get_n_rows (table), row = 0;
  g_autofree double *widths = g_new (double, linli_table_get_n_columns (table));
  gboolean continued = FALSE;

  for (;;)
    {
      Slice slice = { table, row, 0, continued, flow->x, flow->y, flow->width };
      double head, need, y;
      guint fit = 0;

      column_widths (table, flow->width, widths);
      head = title_height (self, flow->page, &slice) + row_height (self, flow->page, table, -1,
                                                                   widths);
      /* Room for the first few rows, or the table starts on the next page. */
      need = head;
      if (n_rows == 0)
        need += none_height (self, flow->page);
      for (guint r = row; r < MIN (n_rows, row + MIN_ROWS); r++)
        need += row_height (self, flow->page, table, r, widths);
      if (flow->y + need > flow->bottom && flow->y > MARGIN + HEADER_BAND + 0.5)
        {
          flow_next_page (self, flow);
          continue;
        }

      y = flow->y + head;
      while (row + fit < n_rows)
        {
          double h = row_height (self, flow->page, table, row + fit, widths);

          if (y + h > flow->bottom && fit > 0)
            break;
          y += h;
          fit++;
        }
      if (n_rows == 0)
        y += none_height (self, flow->page);
      slice.n = fit;
      slice.table = linli_table_ref (table);
      g_array_append_val (flow->page->slices, slice);
      row += fit;
      flow->y = y + GAP;
      if (row >= n_rows)
        return;
      flow_next_page (self, flow);
      continued = TRUE;
    }
}

static void
draw_slice (LinliReport *self,
            cairo_t     *cr,
            const Page  *page,
            const Slice *slice)
{
  LinliTable *table = slice->table;
  guint n_columns = linli_table_get_n_columns (table);
  g_autofree double *widths = g_new (double, n_columns);
  g_autofree char *title = slice_title (slice);
  g_autoptr (PangoLayout) title_layout = text_layout (self, title, base_size (page) * 1.3, TRUE,
                                                      slice->width,
                                                      PANGO_ALIGN_LEFT, 2);
  double y = slice->y, h, x;

  column_widths (table, slice->width, widths);
  set_rgb (cr, 0x1f2a44);
  cairo_move_to (cr, slice->x, y);
  pango_cairo_show_layout (cr, title_layout);
  y += layout_height (title_layout) + 4;
  if (!slice->continued && linli_table_get_note (table) != NULL)
    {
      g_autoptr (PangoLayout) note = text_layout (self, linli_table_get_note (table),
                                                  base_size (page) * 0.9,
                                                  FALSE, slice->width, PANGO_ALIGN_LEFT, 3);

      set_rgb (cr, 0x5a5a5a);
      cairo_move_to (cr, slice->x, y);
      pango_cairo_show_layout (cr, note);
      y += layout_height (note) + 3;
    }

  /* The header (row -1), then the slice's rows. */
  for (int row = -1; row < (int) (slice->first + slice->n);
       row = row < 0 ? (int) slice->first : row + 1)
    {
      h = row_height (self, page, table, row, widths);
      if (row < 0 || (row - slice->first) % 2 == 1)
        {
          cairo_rectangle (cr, slice->x, y, slice->width, h);
          set_rgb (cr, row < 0 ? 0xe4e8ef : 0xf4f5f7);
          cairo_fill (cr);
        }
      x = slice->x;
      for (guint c = 0; c < n_columns; c++)
        {
          g_autoptr (PangoLayout) layout = cell_layout (self, page, table, row, c, widths[c]);

          set_rgb (cr, row < 0 ? 0x1f2a44 : 0x202020);
          cairo_move_to (cr, x + CELL_PAD_X, y + CELL_PAD_Y);
          pango_cairo_show_layout (cr, layout);
          x += widths[c];
        }
      y += h;
      cairo_move_to (cr, slice->x, y);
      cairo_line_to (cr, slice->x + slice->width, y);
      set_rgb (cr, row < 0 ? 0x8a93a6 : 0xd8dbe0);
      cairo_set_line_width (cr, row < 0 ? 0.8 : 0.4);
      cairo_stroke (cr);
    }
  if (linli_table_get_n_rows (table) == 0)
    show_text (self, cr, _("None."), slice->x + CELL_PAD_X, y + CELL_PAD_Y, base_size (page),
               FALSE, 0, 0,
               0x707070);
}

/* Maps */

static LinliPainter *
painter_for (LinliReport               *self,
             LinliDocument             *document,
             const LinliReportProposal *proposal)
{
  LinliPainter *painter = g_hash_table_lookup (self->painters, document);

  if (painter == NULL)
    {
      LinliProject *project = linli_document_get_project (document);

      painter = linli_painter_new ();
      linli_painter_set_document (painter, document);
      /* The legend goes beside the map, where it has room at full size. */
      linli_painter_set_show_legend (painter, FALSE);
      linli_painter_set_show_scale_bar (painter, TRUE);
      linli_painter_set_attribution (painter, linli_project_get_attribution (project));
      g_hash_table_insert (self->painters, g_object_ref (document), painter);
    }
  if (proposal != NULL && proposal->n > 0)
    linli_painter_set_proposal (painter, proposal->ids, proposal->adds, proposal->n);
  return painter;
}

static void
add_map (Page          *page,
         LinliDocument *document,
         const double  *bounds,
         const char    *caption,
         double         x,
         double         y,
         double         width,
         double         height)
{
  MapBox box = { g_object_ref (document), x, y, width, height,
                 { bounds[0], bounds[1], bounds[2], bounds[3] },
                 g_strdup (caption) };

  g_array_append_val (page->maps, box);
}

static gboolean
map_view (const MapBox *box,
          LinliMapView *view)
{
  int width = (int) floor (box->width / PX_PT), height = (int) floor (box->height / PX_PT);

  if (!isfinite (box->bounds[0]) ||
      !linli_map_view_fit (view, box->bounds[0], box->bounds[1], box->bounds[2], box->bounds[3],
                           width, height,
                           28))
    linli_map_view_init (view, 0, 0, 3, width, height);
  return TRUE;
}

/* An arrow pointing up, with N over it: the maps are drawn north up. */
static void
draw_north_arrow (LinliReport *self,
                  cairo_t     *cr,
                  double       cx,
                  double       top,
                  double       size)
{
  double half = size * 0.28;

  cairo_new_path (cr);
  cairo_move_to (cr, cx, top + size * 0.35);
  cairo_line_to (cr, cx + half, top + size);
  cairo_line_to (cr, cx, top + size * 0.82);
  cairo_close_path (cr);
  set_rgb (cr, 0x202020);
  cairo_fill (cr);
  cairo_move_to (cr, cx, top + size * 0.35);
  cairo_line_to (cr, cx - half, top + size);
  cairo_line_to (cr, cx, top + size * 0.82);
  cairo_close_path (cr);
  set_rgb (cr, 0xffffff);
  cairo_fill_preserve (cr);
  set_rgb (cr, 0x202020);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  {
    g_autoptr (PangoLayout) layout = text_layout (self, "N", size * 0.32, TRUE, 0, 0, 0);
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    cairo_move_to (cr, cx - w / 2.0, top + size * 0.33 - h);
    pango_cairo_show_layout (cr, layout);
  }
}

static void
draw_map (LinliReport  *self,
          cairo_t      *cr,
          const Page   *page,
          const MapBox *box)
{
  LinliPainter *painter = painter_for (self, box->document, NULL);
  LinliMapView view;

  map_view (box, &view);
  cairo_save (cr);
  cairo_translate (cr, box->x, box->y);
  cairo_scale (cr, PX_PT, PX_PT);
  linli_painter_draw (painter, cr, &view);
  cairo_restore (cr);

  cairo_rectangle (cr, box->x, box->y, box->width, box->height);
  set_rgb (cr, 0x5a6275);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  if (box->caption != NULL)
    show_text (self, cr, box->caption, box->x, box->y - ARROW_BAND + 6, base_size (page) * 1.4,
               TRUE,
               box->width - ARROW_BAND, PANGO_ALIGN_LEFT, 0x1f2a44);
  draw_north_arrow (self, cr, box->x + box->width - 12, box->y - ARROW_BAND + 1, ARROW_BAND - 3);
}

static gboolean
document_bounds (LinliReport   *self,
                 LinliDocument *document,
                 double        *bounds)
{
  LinliPainter *painter = painter_for (self, document, NULL);

  if (linli_painter_get_bounds (painter, &bounds[0], &bounds[1], &bounds[2], &bounds[3]))
    return TRUE;
  bounds[0] = bounds[1] = bounds[2] = bounds[3] = NAN;
  return FALSE;
}

/* The box around a community's buildings and their footprints. */
static gboolean
community_bounds (LinliProject *project,
                  guint         community,
                  double       *bounds)
{
  bounds[0] = bounds[1] = INFINITY;
  bounds[2] = bounds[3] = -INFINITY;
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      guint n;
      const LinliLatLon *fp = linli_project_get_footprint (project, i, &n);

      if (linli_project_building_community (project, i) != community ||
          !linli_lat_lon_is_valid (b->lat, b->lon))
        continue;
      bounds[0] = MIN (bounds[0], b->lat);
      bounds[1] = MIN (bounds[1], b->lon);
      bounds[2] = MAX (bounds[2], b->lat);
      bounds[3] = MAX (bounds[3], b->lon);
      for (guint k = 0; k < n; k++)
        {
          bounds[0] = MIN (bounds[0], fp[k].lat);
          bounds[1] = MIN (bounds[1], fp[k].lon);
          bounds[2] = MAX (bounds[2], fp[k].lat);
          bounds[3] = MAX (bounds[3], fp[k].lon);
        }
    }
  return isfinite (bounds[0]);
}

/* The legend's size in the painter's px, measured on a scratch surface. */
static void
legend_size (LinliReport   *self,
             LinliDocument *document,
             double        *width,
             double        *height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  if (!linli_painter_get_legend_size (painter_for (self, document, NULL), cr, width, height))
    *width = *height = 1;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Places the legend at (x, y), as large as the window draws it or smaller
 * to fit the width and height given; returns the height it takes. */
static double
place_legend (LinliReport   *self,
              Page          *page,
              LinliDocument *document,
              double         x,
              double         y,
              double         width,
              double         height)
{
  double w, h;

  legend_size (self, document, &w, &h);
  g_set_object (&page->legend, document);
  page->legend_x = x;
  page->legend_y = y;
  page->legend_scale = MAX (MIN (PX_PT, MIN (width / w, height / h)), 0.05);
  return h * page->legend_scale;
}

static void
draw_page_legend (LinliReport *self,
                  cairo_t     *cr,
                  const Page  *page)
{
  LinliPainter *painter = painter_for (self, page->legend, NULL);
  LinliMapView view;
  double w, h;

  if (!linli_painter_get_legend_size (painter, cr, &w, &h))
    return;
  /* The painter puts the legend in the lower left quarter of a view, at
   * full size when the quarter holds it: a view twice its size and its
   * margins, shifted so the legend's corner lands at the place chosen. */
  linli_map_view_init (&view, 0, 0, 3, (int) ceil (2 * (w + 24)) + 2,
                       (int) ceil (2 * (h + 24)) + 2);
  cairo_save (cr);
  cairo_translate (cr, page->legend_x, page->legend_y);
  cairo_scale (cr, page->legend_scale, page->legend_scale);
  cairo_translate (cr, -12, -(view.height - 12 - h));
  linli_painter_draw_legend (painter, cr, &view);
  cairo_restore (cr);
}

/* Pages */

static void
draw_header (LinliReport *self,
             cairo_t     *cr,
             const Page  *page)
{
  LinliProject *project = linli_document_get_project (page->document);
  g_autofree char *date = g_date_time_format (self->date, "%Y-%m-%d");
  double width = page->width - 2 * MARGIN;

  if (page->title_page)
    {
      show_text (self, cr, self->title, MARGIN, MARGIN - 4, base_size (page) * 2.3, TRUE,
                 width - ARROW_BAND, PANGO_ALIGN_LEFT, 0x1f2a44);
      show_text (self, cr, linli_project_get_name (project), MARGIN, MARGIN + 3.2 * base_size (page),
                 base_size (page) * 1.5, FALSE,
                 0, 0, 0x202020);
      {
        g_autoptr (PangoLayout) name = text_layout (self, linli_project_get_name (project),
                                                    base_size (page) * 1.5, FALSE, 0, 0, 0);
        int w, h;

        pango_layout_get_pixel_size (name, &w, &h);
        show_text (self, cr, date, MARGIN + w + 12,
                   MARGIN + 3.2 * base_size (page) + (h - base_size (page) * 1.5) / 2,
                   base_size (page) * 1.1, FALSE, 0, 0, 0x5a5a5a);
      }
      return;
    }
  {
    g_autofree char *running = g_strdup_printf ("%s · %s", self->title,
                                                linli_project_get_name (project));

    show_text (self, cr, running, MARGIN, MARGIN - 6, base_size (page) * 0.95, FALSE, width * 0.75,
               PANGO_ALIGN_LEFT, 0x5a5a5a);
    show_text (self, cr, date, MARGIN, MARGIN - 6, base_size (page) * 0.95, FALSE, width,
               PANGO_ALIGN_RIGHT,
               0x5a5a5a);
    cairo_move_to (cr, MARGIN, MARGIN + HEADER_BAND - 10);
    cairo_line_to (cr, page->width - MARGIN, MARGIN + HEADER_BAND - 10);
    set_rgb (cr, 0xb0b6c2);
    cairo_set_line_width (cr, 0.5);
    cairo_stroke (cr);
  }
  if (page->heading != NULL)
    show_text (self, cr, page->heading, MARGIN, MARGIN + HEADER_BAND - 4, base_size (page) * 2,
               TRUE,
               width, PANGO_ALIGN_LEFT, 0x1f2a44);
}

static void
draw_footer (LinliReport *self,
             cairo_t     *cr,
             const Page  *page,
             guint        number)
{
  /* Translators: the page number at the foot of each page of a report */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), number + 1, self->pages->len);

  show_text (self, cr, text, MARGIN, page->height - MARGIN - 2, base_size (page) * 0.95, FALSE,
             page->width - 2 * MARGIN, PANGO_ALIGN_CENTER, 0x5a5a5a);
}

/* GObject overrides */

static void
linli_report_finalize (GObject *object)
{
  LinliReport *self = LINLI_REPORT (object);

  g_free (self->title);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_object (&self->pango);
  g_clear_object (&self->font_map);
  g_ptr_array_unref (self->pages);
  g_hash_table_unref (self->painters);
  G_OBJECT_CLASS (linli_report_parent_class)->finalize (object);
}

static void
linli_report_class_init (LinliReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = linli_report_finalize;
}

static void
linli_report_init (LinliReport *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  self->title = g_strdup (_("10-Minute Service Circle Report"));
  self->date = g_date_time_new_now_local ();
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->painters = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);

  /* Text is measured once, when pages are laid out, and drawn at any
   * scale: with no hinting it keeps its size in points at every one. */
  self->font_map = pango_cairo_font_map_new ();
  self->pango = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->pango, 72);
  pango_context_set_language (self->pango, pango_language_from_string ("zh-cn"));
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
}

/* Public API */

/**
 * linli_paper_get_size:
 * @width: (out): in points
 * @height: (out): in points
 */
void
linli_paper_get_size (LinliPaper paper,
                      gboolean   landscape,
                      double    *width,
                      double    *height)
{
  /* ISO 216 in points, as PDF readers and printers round them. */
  double w = paper == LINLI_PAPER_A3 ? 842 : 595, h = paper == LINLI_PAPER_A3 ? 1191 : 842;

  *width = landscape ? h : w;
  *height = landscape ? w : h;
}

/**
 * linli_report_new:
 * @width: the page width in points
 * @height: the page height in points
 *
 * Returns: (transfer full): a report with no pages yet
 */
LinliReport *
linli_report_new (double width,
                  double height)
{
  LinliReport *self = g_object_new (LINLI_TYPE_REPORT, NULL);

  self->width = CLAMP (width, 144, 14400);
  self->height = CLAMP (height, 144, 14400);
  return self;
}

/**
 * linli_report_set_title:
 *
 * Sets the title of the pages added from now on.
 */
void
linli_report_set_title (LinliReport *self,
                        const char  *title)
{
  g_return_if_fail (LINLI_IS_REPORT (self));

  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * linli_report_set_date:
 *
 * Sets the date the pages show (by default the day the report was made).
 */
void
linli_report_set_date (LinliReport *self,
                       GDateTime   *date)
{
  g_return_if_fail (LINLI_IS_REPORT (self));
  g_return_if_fail (date != NULL);

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_ref (date);
}

/**
 * linli_report_add_document:
 * @proposal: (nullable): a plan's proposal, marked on the map and listed
 *
 * Adds the report on @document: a title page with the map and the key
 * figures, then the communities, the stations, the uncovered buildings,
 * the grids and the findings of the checks, as tables over as many pages
 * as they take.
 */
void
linli_report_add_document (LinliReport               *self,
                           LinliDocument             *document,
                           const LinliReportProposal *proposal)
{
  g_autoptr (GPtrArray) tables = NULL;
  double bounds[4], content_w, map_h, map_w, top, legend_bottom;
  Page *page;
  Flow flow;

  g_return_if_fail (LINLI_IS_REPORT (self));
  g_return_if_fail (LINLI_IS_DOCUMENT (document));

  painter_for (self, document, proposal);
  document_bounds (self, document, bounds);
  tables = linli_report_tables_collect (document, proposal);
  page = page_new (self, document, FALSE);
  page->title_page = TRUE;
  content_w = page->width - 2 * MARGIN;
  top = MARGIN + TITLE_BLOCK * base_size (page);
  flow.page = page;
  flow.bottom = page->height - MARGIN - FOOTER_BAND;
  if (page->width >= page->height)
    {
      /* Landscape: the map on the left; the legend and the tables beside it. */
      map_w = content_w * 0.62;
      map_h = flow.bottom - top;
      add_map (page, document, bounds, NULL, MARGIN, top, map_w, map_h);
      flow.x = MARGIN + map_w + GAP;
      flow.width = content_w - map_w - GAP;
      flow.y = top + place_legend (self, page, document, flow.x, top, flow.width,
                                   map_h * 0.5) + GAP;
      legend_bottom = flow.y;
    }
  else
    {
      /* Portrait: the map across the page, under it the key figures with
       * the legend beside them, then the tables across the page. */
      map_h = (flow.bottom - top) * 0.55;
      add_map (page, document, bounds, NULL, MARGIN, top, content_w, map_h);
      flow.x = MARGIN;
      flow.y = top + map_h + GAP;
      flow.width = content_w * 0.56;
      legend_bottom = flow.y + GAP + place_legend (self, page, document, flow.x + flow.width + GAP,
                                                   flow.y, content_w - flow.width - GAP,
                                                   flow.bottom - flow.y);
    }
  for (guint i = 0; i < tables->len; i++)
    {
      flow_table (self, &flow, g_ptr_array_index (tables, i));
      /* The first table sits beside the legend; the rest go across the page. */
      if (i == 0 && page->width < page->height && flow.page == page)
        {
          flow.width = content_w;
          flow.y = MAX (flow.y, legend_bottom);
        }
      else if (i == 0 && flow.page == page)
        flow.y = MAX (flow.y, legend_bottom);
    }
}

/* A landscape page with a heading, a map on the left and a table on the
 * right (or following on pages of its own when it is long). */
static void
add_view_page (LinliReport   *self,
               LinliDocument *document,
               const char    *heading,
               const double  *bounds,
               LinliTable    *table)
{
  Page *page = page_new (self, document, TRUE);
  double top = MARGIN + HEADER_BAND + base_size (page) * 3 + ARROW_BAND;
  double content_w = page->width - 2 * MARGIN, map_w = content_w * 0.66;
  Flow flow = { page, MARGIN + map_w + GAP, top - ARROW_BAND + 6, content_w - map_w - GAP,
                page->height - MARGIN - FOOTER_BAND };

  page->heading = g_strdup (heading);
  add_map (page, document, bounds, NULL, MARGIN, top, map_w, flow.bottom - top);
  flow_table (self, &flow, table);
  if (flow.page == page)
    place_legend (self, page, document, flow.x, flow.y, flow.width, flow.bottom - flow.y);
}

/**
 * linli_report_add_deck:
 * @proposal: (nullable): a plan's proposal, marked on the maps
 *
 * Adds a meeting deck on @document: one landscape page per view, the
 * district first, then each community zoomed to its buildings, each with
 * its key figures.
 */
void
linli_report_add_deck (LinliReport               *self,
                       LinliDocument             *document,
                       const LinliReportProposal *proposal)
{
  LinliProject *project;
  double bounds[4];

  g_return_if_fail (LINLI_IS_REPORT (self));
  g_return_if_fail (LINLI_IS_DOCUMENT (document));

  project = linli_document_get_project (document);
  painter_for (self, document, proposal);
  document_bounds (self, document, bounds);
  {
    g_autoptr (LinliTable) figures = linli_report_table_figures (document);

    add_view_page (self, document, _("District overview"), bounds, figures);
  }
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    {
      g_autoptr (LinliTable) figures = NULL;

      if (!community_bounds (project, c, bounds))
        continue;
      figures = linli_report_table_community (document, c);
      add_view_page (self, document, linli_project_get_community (project, c)->name, bounds,
                     figures);
    }
}

/**
 * linli_report_add_comparison:
 * @name_a: what to call @document_a, e.g. its scenario's name
 * @name_b: what to call @document_b
 *
 * Adds a before and after page: the two maps side by side over the same
 * area at the same scale, and the key figures of both with the change.
 */
void
linli_report_add_comparison (LinliReport   *self,
                             LinliDocument *document_a,
                             const char    *name_a,
                             LinliDocument *document_b,
                             const char    *name_b)
{
  g_autoptr (LinliTable) table = NULL;
  g_autofree char *heading = NULL;
  double a[4], b[4], bounds[4], top, content_w, map_w, map_h;
  Page *page;
  Flow flow;

  g_return_if_fail (LINLI_IS_REPORT (self));
  g_return_if_fail (LINLI_IS_DOCUMENT (document_a));
  g_return_if_fail (LINLI_IS_DOCUMENT (document_b));

  /* Both maps show the same ground, so what moved is seen to move. */
  document_bounds (self, document_a, a);
  document_bounds (self, document_b, b);
  if (!isfinite (a[0]))
    memcpy (a, b, sizeof a);
  if (!isfinite (b[0]))
    memcpy (b, a, sizeof b);
  bounds[0] = MIN (a[0], b[0]);
  bounds[1] = MIN (a[1], b[1]);
  bounds[2] = MAX (a[2], b[2]);
  bounds[3] = MAX (a[3], b[3]);

  page = page_new (self, document_a, TRUE);
  /* Translators: the heading of a page comparing two scenarios */
  heading = g_strdup_printf (_("%s compared with %s"), name_b, name_a);
  page->heading = g_strdup (heading);
  top = MARGIN + HEADER_BAND + base_size (page) * 3 + ARROW_BAND;
  content_w = page->width - 2 * MARGIN;
  map_w = (content_w - GAP) / 2;
  table = linli_report_table_comparison (document_a, name_a, document_b, name_b);
  /* The maps take what the figures leave, so both fit on the page. */
  map_h = page->height - MARGIN - FOOTER_BAND - top - GAP - table_height (self, page, table,
                                                                          content_w);
  map_h = MAX (map_h, (page->height - MARGIN - FOOTER_BAND - top) * 0.55);
  add_map (page, document_a, bounds, name_a, MARGIN, top, map_w, map_h);
  add_map (page, document_b, bounds, name_b, MARGIN + map_w + GAP, top, map_w, map_h);
  flow.page = page;
  flow.x = MARGIN;
  flow.y = top + map_h + GAP;
  flow.width = content_w;
  flow.bottom = page->height - MARGIN - FOOTER_BAND;
  flow_table (self, &flow, table);
}

guint
linli_report_get_n_pages (LinliReport *self)
{
  g_return_val_if_fail (LINLI_IS_REPORT (self), 0);
  return self->pages->len;
}

/**
 * linli_report_get_page_size:
 * @width: (out): in points
 * @height: (out): in points
 */
void
linli_report_get_page_size (LinliReport *self,
                            guint        page,
                            double      *width,
                            double      *height)
{
  const Page *p;

  g_return_if_fail (LINLI_IS_REPORT (self));
  g_return_if_fail (page < self->pages->len);

  p = g_ptr_array_index (self->pages, page);
  *width = p->width;
  *height = p->height;
}

/**
 * linli_report_get_map_area:
 * @map: which map of the page, from 0
 *
 * Where a page's map is drawn, in points from the page's top left corner.
 *
 * Returns: %FALSE when the page has no such map
 */
gboolean
linli_report_get_map_area (LinliReport *self,
                           guint        page,
                           guint        map,
                           double      *x,
                           double      *y,
                           double      *width,
                           double      *height)
{
  const Page *p;
  const MapBox *box;

  g_return_val_if_fail (LINLI_IS_REPORT (self), FALSE);
  g_return_val_if_fail (page < self->pages->len, FALSE);

  p = g_ptr_array_index (self->pages, page);
  if (map >= p->maps->len)
    return FALSE;
  box = &g_array_index (p->maps, MapBox, map);
  *x = box->x;
  *y = box->y;
  *width = box->width;
  *height = box->height;
  return TRUE;
}

/**
 * linli_report_draw_page:
 * @cr: where to draw, one unit a point, the page's top left corner at the
 *   origin
 *
 * Draws one page, white paper included.
 */
void
linli_report_draw_page (LinliReport *self,
                        cairo_t     *cr,
                        guint        page)
{
  const Page *p;

  g_return_if_fail (LINLI_IS_REPORT (self));
  g_return_if_fail (page < self->pages->len);

  p = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, p->width, p->height);
  set_rgb (cr, 0xffffff);
  cairo_fill (cr);
  draw_header (self, cr, p);
  for (guint i = 0; i < p->maps->len; i++)
    draw_map (self, cr, p, &g_array_index (p->maps, MapBox, i));
  for (guint i = 0; i < p->slices->len; i++)
    draw_slice (self, cr, p, &g_array_index (p->slices, Slice, i));
  if (p->legend != NULL)
    draw_page_legend (self, cr, p);
  draw_footer (self, cr, p, page);
  cairo_restore (cr);
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
 * linli_report_save_pdf:
 * @error: a #LinliRenderError or a #GFileError
 *
 * Writes every page to a PDF file in one go: vector shapes and text, the
 * fonts embedded as subsets.
 *
 * Returns: whether @path was written
 */
gboolean
linli_report_save_pdf (LinliReport *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (LINLI_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->pages->len == 0)
    {
      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FAILED,
                   _("The report has no pages"));
      return FALSE;
    }
  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, self->width, self->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Linli " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      const Page *p = g_ptr_array_index (self->pages, i);

      cairo_pdf_surface_set_size (surface, p->width, p->height);
      linli_report_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FAILED,
                   _("%s: could not draw the report: %s"),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  return linli_file_set_contents (path, bytes->data, bytes->len, error);
}

/* The file of one page: the pattern's %d replaced by the page number.  No
 * printf: the pattern comes from the user. */
static char *
page_path (const char *pattern,
           guint       number)
{
  const char *at = strstr (pattern, "%d");
  g_autofree char *prefix = NULL;

  if (at == NULL)
    return g_strdup (pattern);
  prefix = g_strndup (pattern, at - pattern);
  return g_strdup_printf ("%s%u%s", prefix, number, at + 2);
}

/**
 * linli_report_save_png:
 * @pattern: the file names: `%d` stands for the page number from 1; it
 *   may be left out when the report has one page
 * @dpi: the resolution: a page of W × H points becomes W × H × dpi / 72
 *   pixels, and the file says so (its pHYs chunk)
 * @error: a #LinliRenderError or a #GFileError
 *
 * Draws each page to a PNG file.  Nothing is written when a page would be
 * too big.
 *
 * Returns: whether every page was written
 */
gboolean
linli_report_save_png (LinliReport *self,
                       const char  *pattern,
                       double       dpi,
                       GError     **error)
{
  g_autofree char *display = NULL;
  const char *at;

  g_return_val_if_fail (LINLI_IS_REPORT (self), FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);

  display = g_filename_display_name (pattern);
  at = strstr (pattern, "%d");
  if ((at == NULL && self->pages->len > 1) || (at != NULL && strstr (at + 2, "%d") != NULL))
    {
      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FORMAT,
                   _("%s: the name must hold one %%d for the page number"), display);
      return FALSE;
    }
  if (!(dpi >= LINLI_REPORT_MIN_DPI && dpi <= LINLI_REPORT_MAX_DPI))
    {
      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_SIZE,
                   _("%s: the resolution must be from %d to %d dpi"),
                   display, LINLI_REPORT_MIN_DPI, LINLI_REPORT_MAX_DPI);
      return FALSE;
    }
  for (guint i = 0; i < self->pages->len; i++)
    {
      const Page *p = g_ptr_array_index (self->pages, i);

      if (round (p->width * dpi / 72) > LINLI_RENDER_MAX_SIDE ||
          round (p->height * dpi / 72) > LINLI_RENDER_MAX_SIDE)
        {
          g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_SIZE,
                       _("%s: at %g dpi a page would be over %d pixels"), display, dpi,
                       LINLI_RENDER_MAX_SIDE);
          return FALSE;
        }
    }
  for (guint i = 0; i < self->pages->len; i++)
    {
      const Page *p = g_ptr_array_index (self->pages, i);
      int width = (int) round (p->width * dpi / 72), height = (int) round (p->height * dpi / 72);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, MAX (width, 1),
                                                             MAX (height, 1));
      cairo_t *cr = cairo_create (surface);
      g_autofree char *path = page_path (pattern, i + 1);
      gboolean ok;

      cairo_scale (cr, width / p->width, height / p->height);
      linli_report_draw_page (self, cr, i);
      cairo_destroy (cr);
      ok = linli_render_save_png_at_dpi (surface, path, dpi, error);
      cairo_surface_destroy (surface);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}
