/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map painter, with no display: the sample district drawn onto image
 * surfaces, PNG and PDF files, the legend, picking, and the one Web
 * Mercator everything places by. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "linli-coverage.h"
#include "linli-document.h"
#include "linli-format.h"
#include "linli-generator.h"
#include "linli-geo.h"
#include "linli-grids.h"
#include "linli-mercator.h"
#include "linli-org-check.h"
#include "linli-painter.h"
#include "linli-partners.h"
#include "linli-polygon.h"
#include "linli-walk.h"

typedef struct
{
  LinliProject     *project;
  LinliCoverage    *coverage;
  LinliWalk        *walk;
  LinliWalkNearest *nearest;
  LinliPainter     *painter;
  char             *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *root = g_getenv ("LINLI_SOURCE_DIR");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", "data", "sample.linli", NULL);
  g_autoptr (GError) error = NULL;
  LinliWalk *walk;

  f->project = linli_format_load_file (path, &error);
  g_assert_no_error (error);
  f->coverage = linli_coverage_compute (f->project, NULL);
  f->painter = linli_painter_new ();
  linli_painter_set_project (f->painter, f->project);
  linli_painter_set_coverage (f->painter, f->coverage);
  /* These tests read the colours of coverage: the sample's grids, which
   * tint what lies under them, have tests of their own. */
  linli_painter_set_show_grids (f->painter, FALSE);
  walk = f->walk = linli_walk_new_for_project (f->project);
  if (walk != NULL && GPOINTER_TO_INT (data))
    {
      f->nearest = linli_walk_nearest_new (walk);
      for (guint s = 0; s < linli_project_get_n_sites (f->project); s++)
        {
          LinliSite *site = linli_project_get_site (f->project, s);
          double x, y;

          if (!linli_site_counts_for_coverage (site))
            continue;
          linli_projection_forward (linli_project_get_projection (f->project), linli_site_get_lat (site),
                                    linli_site_get_lon (site), &x, &y);
          linli_walk_nearest_add_source (f->nearest, x, y);
        }
      linli_painter_set_streets (f->painter, walk, linli_walk_nearest_get_node_distances (f->nearest),
                                 linli_project_get_coverage_radius (f->project));
    }
  f->dir = g_dir_make_tmp ("linli-painter-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_assert_finalize_object (f->painter);
  g_clear_pointer (&f->nearest, linli_walk_nearest_free);
  g_clear_pointer (&f->walk, linli_walk_free);
  g_clear_pointer (&f->coverage, linli_coverage_free);
  g_assert_finalize_object (f->project);
}

/* Auxiliary methods */

static cairo_surface_t *
render (LinliPainter       *painter,
        const LinliMapView *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  cairo_t *cr = cairo_create (surface);

  linli_painter_draw (painter, cr, view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The pixel at (x, y) as 0xRRGGBB, over white where it is not opaque. */
static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 argb = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
  guint a = argb >> 24, rgb = 0;

  for (int shift = 0; shift < 24; shift += 8)
    rgb |= (((argb >> shift) & 0xff) + (255 - a)) << shift;   /* premultiplied, over white */
  return rgb;
}

static gboolean
colour_near (guint32 a,
             guint32 b,
             int     tolerance)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

static void
fit_view (Fixture      *f,
          LinliMapView *view,
          int           width,
          int           height)
{
  double min_lat, min_lon, max_lat, max_lon;

  g_assert_true (linli_painter_get_bounds (f->painter, &min_lat, &min_lon, &max_lat, &max_lon));
  g_assert_true (linli_map_view_fit (view, min_lat, min_lon, max_lat, max_lon, width, height, 24));
}

/* A building of the wanted kind with no site within 80 m: nothing but
 * itself is drawn at its centre at street zoom. */
static int
find_lone_building (Fixture  *f,
                    gboolean  covered)
{
  const guint *counts = linli_coverage_get_cover_counts (f->coverage);
  const LinliProjection *proj = linli_project_get_projection (f->project);

  for (guint i = 0; i < linli_project_get_n_buildings (f->project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (f->project, i);
      gboolean alone = TRUE;

      if ((counts[i] > 0) != covered)
        continue;
      for (guint s = 0; s < linli_project_get_n_sites (f->project) && alone; s++)
        {
          LinliSite *site = linli_project_get_site (f->project, s);

          alone = linli_projection_distance (proj, b->lat, b->lon, linli_site_get_lat (site),
                                             linli_site_get_lon (site)) > 80;
        }
      if (alone)
        return i;
    }
  return -1;
}

/* Tests */

static void
test_mercator (void)
{
  LinliProjection proj;
  double x, y, lat, lon, px0, py0, px1, py1;

  /* Round trips, and the edges of the square world. */
  for (double la = -80; la <= 80; la += 20)
    for (double lo = -170; lo <= 170; lo += 34)
      {
        linli_mercator_project (la, lo, &x, &y);
        g_assert_true (x >= 0 && x <= 1 && y >= 0 && y <= 1);
        linli_mercator_unproject (x, y, &lat, &lon);
        g_assert_cmpfloat_with_epsilon (lat, la, 1e-9);
        g_assert_cmpfloat_with_epsilon (lon, lo, 1e-9);
        linli_mercator_to_pixels (la, lo, 15.5, &px0, &py0);
        linli_mercator_from_pixels (px0, py0, 15.5, &lat, &lon);
        g_assert_cmpfloat_with_epsilon (lat, la, 1e-9);
        g_assert_cmpfloat_with_epsilon (lon, lo, 1e-9);
      }
  linli_mercator_project (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-15);
  linli_mercator_project (90, 0, &x, &y);   /* clamped, not infinite */
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-9);

  /* Metres per pixel against the ground: 500 m east and north of Hangzhou,
   * measured by the core's local projection, over their pixel distance. */
  linli_projection_init (&proj, 30.29, 120.155);
  for (int axis = 0; axis < 2; axis++)
    {
      double lat1, lon1, ground, pixels, mpp;

      linli_projection_inverse (&proj, axis == 0 ? 500 : 0, axis == 1 ? 500 : 0, &lat1, &lon1);
      ground = linli_projection_distance (&proj, 30.29, 120.155, lat1, lon1);
      linli_mercator_to_pixels (30.29, 120.155, 17, &px0, &py0);
      linli_mercator_to_pixels (lat1, lon1, 17, &px1, &py1);
      pixels = hypot (px1 - px0, py1 - py0);
      mpp = linli_mercator_meters_per_pixel ((30.29 + lat1) / 2, 17);
      g_assert_cmpfloat_with_epsilon (pixels * mpp / ground, 1.0, 0.005);
    }
  g_assert_cmpfloat_with_epsilon (linli_mercator_zoom_for_meters_per_pixel (30.29,
                                    linli_mercator_meters_per_pixel (30.29, 16.25)), 16.25, 1e-9);
}

static void
test_view_fit (Fixture       *f,
               gconstpointer  data)
{
  static const int sizes[][2] = { { 1280, 800 }, { 1920, 1080 }, { 600, 900 } };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      int w = sizes[k][0], h = sizes[k][1];
      double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
      LinliMapView view;

      fit_view (f, &view, w, h);
      /* Every building and site is inside the margins... */
      for (guint i = 0; i < linli_project_get_n_buildings (f->project); i++)
        {
          const LinliBuilding *b = linli_project_get_building (f->project, i);
          double x, y;

          linli_map_view_to_pixels (&view, b->lat, b->lon, &x, &y);
          min_x = MIN (min_x, x), max_x = MAX (max_x, x);
          min_y = MIN (min_y, y), max_y = MAX (max_y, y);
        }
      for (guint s = 0; s < linli_project_get_n_sites (f->project); s++)
        {
          LinliSite *site = linli_project_get_site (f->project, s);
          double x, y, lat, lon;

          linli_map_view_to_pixels (&view, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
          min_x = MIN (min_x, x), max_x = MAX (max_x, x);
          min_y = MIN (min_y, y), max_y = MAX (max_y, y);
          /* ...and pixels map back to where they came from. */
          linli_map_view_from_pixels (&view, x, y, &lat, &lon);
          g_assert_cmpfloat_with_epsilon (lat, linli_site_get_lat (site), 1e-9);
          g_assert_cmpfloat_with_epsilon (lon, linli_site_get_lon (site), 1e-9);
        }
      g_assert_cmpfloat (min_x, >=, 24 - 0.5);
      g_assert_cmpfloat (min_y, >=, 24 - 0.5);
      g_assert_cmpfloat (max_x, <=, w - 24 + 0.5);
      g_assert_cmpfloat (max_y, <=, h - 24 + 0.5);
      /* The view is no bigger than needed: the data spans the inner width
       * or height, save for the footprints and streets beyond the centres. */
      g_assert_true (max_x - min_x > 0.8 * (w - 48) || max_y - min_y > 0.8 * (h - 48));
    }
}

static void
check_building_colour (Fixture  *f,
                       gboolean  covered)
{
  int i = find_lone_building (f, covered);
  const LinliBuilding *b;
  cairo_surface_t *surface;
  LinliMapView view;
  guint32 pixel;

  g_assert_cmpint (i, >=, 0);
  b = linli_project_get_building (f->project, i);
  linli_map_view_init (&view, b->lat, b->lon, 18, 240, 160);
  surface = render (f->painter, &view);
  pixel = pixel_at (surface, 120, 80);
  if (!colour_near (pixel, covered ? LINLI_COLOR_COVERED : LINLI_COLOR_UNCOVERED, 12))
    g_error ("building %s: %06x at its centre, want %06x", b->id, pixel,
             covered ? LINLI_COLOR_COVERED : LINLI_COLOR_UNCOVERED);
  cairo_surface_destroy (surface);
}

static void
test_colours (Fixture       *f,
              gconstpointer  data)
{
  const guint *counts = linli_coverage_get_cover_counts (f->coverage);
  guint match[2] = { 0 }, total[2] = { 0 }, swapped[2] = { 0 };
  cairo_surface_t *surface;
  LinliMapView view;

  check_building_colour (f, TRUE);
  check_building_colour (f, FALSE);

  /* The whole district at 1920×1080: most buildings show their colour at
   * their centre (sites, labels and neighbours cover a few). */
  fit_view (f, &view, 1920, 1080);
  surface = render (f->painter, &view);
  for (guint i = 0; i < linli_project_get_n_buildings (f->project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (f->project, i);
      gboolean covered = counts[i] > 0;
      double x, y;

      linli_map_view_to_pixels (&view, b->lat, b->lon, &x, &y);
      total[covered]++;
      match[covered] += colour_near (pixel_at (surface, (int) x, (int) y),
                                     covered ? LINLI_COLOR_COVERED : LINLI_COLOR_UNCOVERED, 24);
      swapped[covered] += colour_near (pixel_at (surface, (int) x, (int) y),
                                       covered ? LINLI_COLOR_UNCOVERED : LINLI_COLOR_COVERED, 24);
    }
  cairo_surface_destroy (surface);
  g_test_message ("covered %u of %u, uncovered %u of %u at their colour; %u and %u at the other", match[1],
                  total[1], match[0], total[0], swapped[1], swapped[0]);
  g_assert_cmpuint (total[0], >, 0);
  g_assert_cmpuint (total[1], >, 0);
  /* Small uncovered footprints are mostly their dark outline at this
   * scale, so fewer of them show their fill at the very centre. */
  g_assert_cmpfloat (match[1], >=, 0.85 * total[1]);
  g_assert_cmpfloat (match[0], >=, 0.5 * total[0]);
  g_assert_cmpfloat (swapped[1], <=, 0.02 * total[1]);
  g_assert_cmpfloat (swapped[0], <=, 0.02 * total[0]);
}

/* How many rows of the lower left quarter differ between two renders. */
static guint
differing_rows (cairo_surface_t *a,
                cairo_surface_t *b,
                guint           *outside)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint rows = 0;

  *outside = 0;
  for (int y = 0; y < h; y++)
    {
      gboolean differs = FALSE;

      for (int x = 0; x < w; x++)
        if (pixel_at (a, x, y) != pixel_at (b, x, y))
          {
            if (x < w / 2 && y > h / 3)
              differs = TRUE;
            else
              (*outside)++;
          }
      rows += differs;
    }
  return rows;
}

static void
test_legend (Fixture       *f,
             gconstpointer  data)
{
  cairo_surface_t *plain, *legend, *streets;
  guint rows, street_rows, outside;
  LinliMapView view;
  LinliWalk *walk = f->walk;

  fit_view (f, &view, 1280, 800);
  g_assert_false (linli_painter_get_show_legend (f->painter));
  plain = render (f->painter, &view);
  linli_painter_set_show_legend (f->painter, TRUE);
  g_assert_true (linli_painter_get_show_legend (f->painter));
  legend = render (f->painter, &view);

  /* The legend is a plate in the lower left corner, and nothing else changes. */
  rows = differing_rows (plain, legend, &outside);
  g_assert_cmpuint (outside, ==, 0);
  g_assert_cmpuint (rows, >, 150);
  g_assert_true (colour_near (pixel_at (legend, 12 + 4, 800 - 12 - 8), 0xffffff, 24));

  /* Streets coloured by the walk add their rows to it. */
  if (walk != NULL)
    {
      g_autoptr (LinliWalkNearest) nearest = linli_walk_nearest_new (walk);

      linli_painter_set_streets (f->painter, walk, linli_walk_nearest_get_node_distances (nearest),
                                 linli_project_get_coverage_radius (f->project));
      cairo_surface_destroy (plain);
      linli_painter_set_show_legend (f->painter, FALSE);
      plain = render (f->painter, &view);
      linli_painter_set_show_legend (f->painter, TRUE);
      streets = render (f->painter, &view);
      street_rows = differing_rows (plain, streets, &outside);
      g_assert_cmpuint (street_rows, >, rows + 5 * 14);
      cairo_surface_destroy (streets);
      linli_painter_set_streets (f->painter, NULL, NULL, 0);
    }
  else
    g_test_message ("the sample has no streets: street rows not checked");
  cairo_surface_destroy (plain);
  cairo_surface_destroy (legend);
}

static void
test_scale_bar (Fixture       *f,
                gconstpointer  data)
{
  cairo_surface_t *plain, *bar;
  LinliMapView view;
  guint changed = 0, outside = 0;

  fit_view (f, &view, 400, 300);
  plain = render (f->painter, &view);
  linli_painter_set_show_scale_bar (f->painter, TRUE);
  bar = render (f->painter, &view);
  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 400; x++)
      if (pixel_at (plain, x, y) != pixel_at (bar, x, y))
        {
          if (x > 200 && y > 220)
            changed++;
          else
            outside++;
        }
  g_assert_cmpuint (outside, ==, 0);
  g_assert_cmpuint (changed, >, 100);

  /* The data's credit goes in the corner, and the bar moves up for it. */
  linli_painter_set_attribution (f->painter, "© OpenStreetMap contributors");
  cairo_surface_destroy (plain);
  plain = bar;
  bar = render (f->painter, &view);
  changed = outside = 0;
  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 400; x++)
      if (pixel_at (plain, x, y) != pixel_at (bar, x, y))
        {
          if (x > 200 && y > 220)
            changed++;
          else
            outside++;
        }
  g_assert_cmpuint (outside, ==, 0);
  g_assert_cmpuint (changed, >, 300);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (bar);
}

static void
test_pick (Fixture       *f,
           gconstpointer  data)
{
  LinliMapView view;
  int i = find_lone_building (f, FALSE);
  const LinliBuilding *b = linli_project_get_building (f->project, i);
  double x, y;

  linli_map_view_init (&view, b->lat, b->lon, 17.5, 800, 600);
  view.rotation = 0.3;
  linli_map_view_to_pixels (&view, b->lat, b->lon, &x, &y);
  g_assert_cmpint (linli_painter_pick_building (f->painter, &view, x + 3, y - 2), ==, i);
  g_assert_null (linli_painter_pick_site (f->painter, &view, x, y));
  for (guint s = 0; s < linli_project_get_n_sites (f->project); s++)
    {
      LinliSite *site = linli_project_get_site (f->project, s);

      linli_map_view_init (&view, linli_site_get_lat (site), linli_site_get_lon (site), 19, 400, 400);
      linli_map_view_to_pixels (&view, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
      g_assert_cmpfloat_with_epsilon (x, 200, 1e-6);
      g_assert_true (linli_painter_pick_site (f->painter, &view, x + 2, y + 2) == site);
    }
}

static char *
run_pdffonts (const char *pdf)
{
  g_autofree char *program = g_find_program_in_path ("pdffonts");
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char *[]) { program, (char *) pdf, NULL }, NULL, G_SPAWN_DEFAULT, NULL,
                               NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_files (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "map.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "map.pdf", NULL);
  g_autofree char *jpg = g_build_filename (f->dir, "map.jpg", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "map.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *fonts = NULL;
  g_autoptr (GError) error = NULL;
  cairo_surface_t *read, *drawn;
  LinliMapView view;
  gsize length;

  linli_painter_set_show_legend (f->painter, TRUE);
  linli_painter_set_show_scale_bar (f->painter, TRUE);
  fit_view (f, &view, 1280, 800);

  /* The PNG is what the painter draws, pixel for pixel. */
  g_assert_true (linli_painter_save (f->painter, &view, png, &error));
  g_assert_no_error (error);
  read = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (read), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (read), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (read), ==, 800);
  drawn = render (f->painter, &view);
  for (int y = 0; y < 800; y += 7)
    for (int x = 0; x < 1280; x += 7)
      g_assert_cmphex (pixel_at (read, x, y), ==, pixel_at (drawn, x, y));
  cairo_surface_destroy (read);
  cairo_surface_destroy (drawn);

  /* The PDF is a PDF, its fonts embedded: the district's names are Chinese. */
  g_assert_true (linli_painter_save (f->painter, &view, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (g_strstr_len (contents + length - MIN (length, 64), -1, "%%EOF"));
  fonts = run_pdffonts (pdf);
  if (fonts != NULL)
    {
      g_auto (GStrv) lines = g_strsplit (fonts, "\n", -1);
      gboolean cjk = FALSE;

      for (guint i = 0; lines[i] != NULL; i++)
        if (strstr (lines[i], "CJK") != NULL)
          {
            g_auto (GStrv) cols = g_strsplit_set (lines[i], " ", -1);
            g_autoptr (GPtrArray) words = g_ptr_array_new ();
            const char *emb = NULL, *sub = NULL;

            /* name type [encoding] emb sub uni object ID: emb and sub are
             * the 5th and 4th from the end. */
            for (guint k = 0; cols[k] != NULL; k++)
              if (*cols[k] != '\0')
                g_ptr_array_add (words, cols[k]);
            g_assert_cmpuint (words->len, >=, 6);
            emb = g_ptr_array_index (words, words->len - 5);
            sub = g_ptr_array_index (words, words->len - 4);
            g_assert_cmpstr (emb, ==, "yes");
            g_assert_cmpstr (sub, ==, "yes");
            cjk = TRUE;
          }
      if (!cjk)
        g_error ("no embedded CJK font in the PDF:\n%s", fonts);
    }
  else
    g_test_message ("pdffonts is not installed: the PDF's fonts are not checked");

  /* Errors name the file and leave nothing behind. */
  g_assert_false (linli_painter_save (f->painter, &view, jpg, &error));
  g_assert_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "map.jpg"));
  g_clear_error (&error);
  g_assert_false (g_file_test (jpg, G_FILE_TEST_EXISTS));
  view.width = LINLI_RENDER_MAX_SIDE + 1;
  g_assert_false (linli_painter_save (f->painter, &view, png, &error));
  g_assert_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_SIZE);
  g_clear_error (&error);
  view.width = 1280;
  g_assert_false (linli_painter_save (f->painter, &view, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "map.png"));
}

/* The painter needs no project: it paints the blank street colour. */
static void
test_empty (void)
{
  g_autoptr (LinliPainter) painter = linli_painter_new ();
  cairo_surface_t *surface;
  LinliMapView view;
  double a, b, c, d;

  linli_map_view_init (&view, 30, 120, 15, 64, 48);
  g_assert_false (linli_painter_get_bounds (painter, &a, &b, &c, &d));
  g_assert_false (linli_map_view_fit (&view, 1, 1, 0, 0, 64, 48, 4));
  surface = render (painter, &view);
  g_assert_cmphex (pixel_at (surface, 10, 10), ==, LINLI_COLOR_STREET);
  cairo_surface_destroy (surface);
  linli_painter_set_draw_background (painter, FALSE);
  surface = render (painter, &view);
  g_assert_cmphex (pixel_at (surface, 10, 10), ==, 0xffffff);   /* transparent, over white */
  cairo_surface_destroy (surface);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
on_changed_cb (LinliPainter *painter,
               guint        *count)
{
  (*count)++;
}

/* The switches round-trip as properties, notify only on a real change,
 * and each change asks views to redraw. */
static void
test_properties (void)
{
  static const char *names[] = { "draw-background", "show-candidate-circles", "show-legend", "show-scale-bar" };
  LinliPainter *painter = linli_painter_new ();
  guint changed = 0;

  g_signal_connect (painter, "changed", G_CALLBACK (on_changed_cb), &changed);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *signal = g_strdup_printf ("notify::%s", names[i]);
      gboolean value, initial;
      guint notified = 0, changed_before = changed;
      gulong id = g_signal_connect (painter, signal, G_CALLBACK (on_notify_cb), &notified);

      g_object_get (painter, names[i], &initial, NULL);
      g_object_set (painter, names[i], initial, NULL);
      g_assert_cmpuint (notified, ==, 0);
      g_object_set (painter, names[i], !initial, NULL);
      g_object_get (painter, names[i], &value, NULL);
      g_assert_cmpint (value, ==, !initial);
      g_assert_cmpuint (notified, ==, 1);
      g_assert_cmpuint (changed, ==, changed_before + 1);
      g_object_set (painter, names[i], !initial, NULL);
      g_assert_cmpuint (notified, ==, 1);
      g_signal_handler_disconnect (painter, id);
    }
  g_assert_true (linli_painter_get_draw_background (painter) == FALSE);
  g_assert_true (linli_painter_get_show_legend (painter));
  g_assert_true (linli_painter_get_show_scale_bar (painter));
  g_assert_finalize_object (painter);
}

static gboolean
surfaces_equal (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  return cairo_image_surface_get_height (b) == h && cairo_image_surface_get_stride (b) == stride &&
         memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), (gsize) h * stride) == 0;
}

/* A painter of a document draws what a painter given the same figures by
 * hand draws, and follows the document's edits. */
static void
test_document (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (LinliDocument) document = linli_document_new (f->project, NULL);
  LinliPainter *by_document = linli_painter_new ();
  LinliPainter *fresh = NULL;
  LinliSite *site = NULL;
  LinliMapView view;
  cairo_surface_t *by_hand, *followed, *before, *after;
  double min_lat, min_lon, max_lat, max_lon;

  g_assert_true (linli_painter_get_bounds (f->painter, &min_lat, &min_lon, &max_lat, &max_lon));
  linli_map_view_fit (&view, min_lat, min_lon, max_lat, max_lon, 900, 700, 16);
  linli_painter_set_document (by_document, document);
  linli_painter_set_show_grids (by_document, FALSE);
  by_hand = render (f->painter, &view);
  followed = render (by_document, &view);
  g_assert_true (surfaces_equal (by_hand, followed));

  /* Move a counting site 400 m east: the document's painter follows. */
  for (guint s = 0; s < linli_project_get_n_sites (f->project) && site == NULL; s++)
    if (linli_site_counts_for_coverage (linli_project_get_site (f->project, s)))
      site = linli_project_get_site (f->project, s);
  g_assert_nonnull (site);
  before = render (by_document, &view);
  linli_site_set_position (site, linli_site_get_lat (site), linli_site_get_lon (site) + 0.004);
  after = render (by_document, &view);
  g_assert_false (surfaces_equal (before, after));
  fresh = linli_painter_new ();
  linli_painter_set_document (fresh, document);
  linli_painter_set_show_grids (fresh, FALSE);
  {
    cairo_surface_t *again = render (fresh, &view);

    g_assert_true (surfaces_equal (after, again));
    cairo_surface_destroy (again);
  }
  /* The painter's explicit coverage no longer matches the project. */
  linli_site_set_position (site, linli_site_get_lat (site), linli_site_get_lon (site) - 0.004);

  linli_painter_set_document (by_document, NULL);
  g_assert_finalize_object (by_document);
  g_assert_finalize_object (fresh);
  cairo_surface_destroy (by_hand);
  cairo_surface_destroy (followed);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

/* Grid tests: a rectangle over the west half of the first community's
 * buildings, added to the project as a grid. */
static LinliGrid *
add_test_grid (Fixture *f,
               guint   *households)
{
  double min_lat = INFINITY, min_lon = INFINITY, max_lat = -INFINITY, max_lon = -INFINITY;
  g_autoptr (LinliPolygon) rectangle = NULL;
  g_autoptr (LinliGrid) grid = NULL;
  LinliGridState state = { 0 };
  LinliGrids *grids = linli_project_get_grids (f->project);

  /* The only grid: the sample's own are taken away. */
  while (linli_grids_get_n_grids (grids) > 0)
    linli_grids_remove (grids, linli_grids_get_grid (grids, 0));
  linli_painter_set_show_grids (f->painter, TRUE);
  for (guint i = 0; i < linli_project_get_n_buildings (f->project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (f->project, i);

      if (linli_project_building_community (f->project, i) != 0)
        continue;
      min_lat = MIN (min_lat, b->lat);
      max_lat = MAX (max_lat, b->lat);
      min_lon = MIN (min_lon, b->lon);
      max_lon = MAX (max_lon, b->lon);
    }
  g_assert_true (isfinite (min_lat));
  /* A margin of about 10 m keeps every building off the edge, where
   * "inside" would be a matter of rounding. */
  rectangle = linli_polygon_new_rectangle (min_lat - 1e-4, min_lon - 1e-4, max_lat + 1e-4,
                                           (min_lon + max_lon) / 2 + 1.234e-5);

  /* What it holds, counted here building by building. */
  *households = 0;
  for (guint i = 0; i < linli_project_get_n_buildings (f->project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (f->project, i);

      if (linli_polygon_contains (rectangle, b->lat, b->lon))
        *households += b->households;
    }

  state.id = (char *) "g1";
  state.code = (char *) "T001";
  state.name = (char *) "West";
  state.community = 0;
  state.worker = (char *) "张三丰";
  state.polygon = rectangle;
  grid = linli_grid_new (&state);
  linli_grids_insert (linli_project_get_grids (f->project), 0, grid);
  return grid;
}

static guint32
blend (guint32 under,
       guint32 colour,
       double  alpha)
{
  guint32 rgb = 0;

  for (int shift = 0; shift < 24; shift += 8)
    {
      double u = (under >> shift) & 0xff, c = (colour >> shift) & 0xff;

      rgb |= (guint32) lround (u * (1 - alpha) + c * alpha) << shift;
    }
  return rgb;
}

/* Inside the grid, wherever only the background lies under it, the grid's
 * fill shows in the colour of its range: out of range in its own colour. */
static void
test_grid_colours (Fixture       *f,
                   gconstpointer  data)
{
  LinliGrids *grids = linli_project_get_grids (f->project);
  cairo_surface_t *off, *in, *out;
  LinliGrid *grid;
  LinliExtent extent;
  LinliMapView view;
  guint households, checked = 0, matched = 0;
  double x0, y0, x1, y1;

  grid = add_test_grid (f, &households);
  g_assert_cmpuint (households, >, 0);
  linli_polygon_get_extent (linli_grid_get_polygon (grid), &extent);
  g_assert_true (linli_map_view_fit (&view, extent.min_lat, extent.min_lon, extent.max_lat, extent.max_lon,
                                     800, 600, 40));

  linli_painter_set_show_grids (f->painter, FALSE);
  off = render (f->painter, &view);
  linli_painter_set_show_grids (f->painter, TRUE);
  linli_grids_set_range (grids, 0, households);
  in = render (f->painter, &view);
  linli_grids_set_range (grids, households + 1, households + 1000);
  out = render (f->painter, &view);

  linli_map_view_to_pixels (&view, extent.max_lat, extent.min_lon, &x0, &y0);
  linli_map_view_to_pixels (&view, extent.min_lat, extent.max_lon, &x1, &y1);
  for (int y = (int) y0 + 6; y < (int) y1 - 6; y += 3)
    for (int x = (int) x0 + 6; x < (int) x1 - 6; x += 3)
      {
        guint32 under = pixel_at (off, x, y);

        /* Only where nothing but the background is drawn. */
        if (under != 0xeeeae0 && under != 0xdfd8c8 && under != LINLI_COLOR_STREET)
          continue;
        checked++;
        if (colour_near (pixel_at (in, x, y), blend (under, LINLI_COLOR_GRID, LINLI_GRID_FILL_ALPHA), 2) &&
            colour_near (pixel_at (out, x, y), blend (under, LINLI_COLOR_GRID_OUT, LINLI_GRID_OUT_FILL_ALPHA), 2))
          matched++;
      }
  /* Labels and rings around buildings in no grid cover a few. */
  g_test_message ("%u of %u background pixels in the grid's colour", matched, checked);
  g_assert_cmpuint (checked, >, 200);
  g_assert_cmpuint (matched, >=, checked * 9 / 10);

  /* Outside every grid the layer changes nothing but the rings around
   * buildings in no grid and the boundaries: far from the grid, the
   * corner of the map is as it was. */
  g_assert_cmphex (pixel_at (out, 2, 2), ==, pixel_at (off, 2, 2));

  cairo_surface_destroy (off);
  cairo_surface_destroy (in);
  cairo_surface_destroy (out);
}

/* A boundary drawn for a community shows before any grid exists (a new
 * community is drawn before it is divided), with the grid layer. */
static void
test_boundary_without_grids (Fixture       *f,
                             gconstpointer  data)
{
  LinliGrids *grids = linli_project_get_grids (f->project);
  double min_lat, min_lon, max_lat, max_lon, x0, y0, x1, y1;
  cairo_surface_t *before, *after, *hidden;
  LinliLatLon corners[4];
  g_autoptr (LinliPolygon) rect = NULL;
  LinliMapView view;
  guint checked = 0, drawn = 0, unchanged = 0;

  while (linli_grids_get_n_grids (grids) > 0)
    linli_grids_remove (grids, linli_grids_get_grid (grids, 0));
  for (guint c = 0; c < linli_project_get_n_communities (f->project); c++)
    linli_grids_set_community_boundary (grids, c, NULL);
  linli_painter_set_show_grids (f->painter, TRUE);
  fit_view (f, &view, 800, 600);
  before = render (f->painter, &view);

  /* A rectangle over the middle half of the district. */
  g_assert_true (linli_project_get_bounds (f->project, &min_lat, &min_lon, &max_lat, &max_lon));
  corners[0] = (LinliLatLon) { min_lat + (max_lat - min_lat) / 4, min_lon + (max_lon - min_lon) / 4 };
  corners[1] = (LinliLatLon) { min_lat + (max_lat - min_lat) / 4, max_lon - (max_lon - min_lon) / 4 };
  corners[2] = (LinliLatLon) { max_lat - (max_lat - min_lat) / 4, max_lon - (max_lon - min_lon) / 4 };
  corners[3] = (LinliLatLon) { max_lat - (max_lat - min_lat) / 4, min_lon + (max_lon - min_lon) / 4 };
  rect = linli_polygon_new_simple (corners, 4);
  g_assert_nonnull (rect);
  linli_grids_set_community_boundary (grids, 0, rect);
  after = render (f->painter, &view);
  linli_painter_set_show_grids (f->painter, FALSE);
  hidden = render (f->painter, &view);

  /* Along the top edge, away from the corners: the boundary's colour (or
   * close to it, over what lies beneath) where there was none. */
  linli_map_view_to_pixels (&view, corners[3].lat, corners[3].lon, &x0, &y0);
  linli_map_view_to_pixels (&view, corners[2].lat, corners[2].lon, &x1, &y1);
  for (int x = (int) x0 + 10; x < (int) x1 - 10; x += 2)
    {
      gboolean found = FALSE;

      checked++;
      for (int dy = -1; dy <= 1 && !found; dy++)
        found = colour_near (pixel_at (after, x, (int) round (y0) + dy), LINLI_COLOR_BOUNDARY, 40) &&
                !colour_near (pixel_at (before, x, (int) round (y0) + dy), LINLI_COLOR_BOUNDARY, 40);
      drawn += found;
      unchanged += pixel_at (hidden, x, (int) round (y0)) == pixel_at (before, x, (int) round (y0));
    }
  g_test_message ("%u of %u points on the edge drawn", drawn, checked);
  g_assert_cmpuint (checked, >, 50);
  g_assert_cmpuint (drawn, >=, checked * 8 / 10);
  /* With the grid layer off, the boundary goes with it. */
  g_assert_cmpuint (unchanged, ==, checked);

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  cairo_surface_destroy (hidden);
}

static char *
run_pdftotext (const char *pdf)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char *[]) { program, (char *) pdf, (char *) "-", NULL }, NULL,
                               G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The worker's name is on the exported map, and off it once the project
 * hides names; the legend gains the grid rows when there are grids. */
static void
test_grid_hide_names (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "grids.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr (GError) error = NULL;
  LinliGrid *grid;
  LinliExtent extent;
  LinliMapView view;
  guint households;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  linli_painter_set_show_legend (f->painter, TRUE);
  fit_view (f, &view, 1280, 800);
  g_assert_true (linli_painter_save (f->painter, &view, pdf, &error));
  g_assert_no_error (error);
  before = run_pdftotext (pdf);
  g_assert_null (strstr (before, "Grid out of the household range"));

  grid = add_test_grid (f, &households);
  linli_polygon_get_extent (linli_grid_get_polygon (grid), &extent);
  g_assert_true (linli_map_view_fit (&view, extent.min_lat, extent.min_lon, extent.max_lat, extent.max_lon,
                                     1280, 800, 40));
  g_assert_true (linli_painter_save (f->painter, &view, pdf, &error));
  g_assert_no_error (error);
  shown = run_pdftotext (pdf);
  g_assert_nonnull (strstr (shown, "Grid out of the household range"));
  g_assert_nonnull (strstr (shown, "T001"));
  g_assert_nonnull (strstr (shown, "张三丰"));

  linli_project_set_hide_names (f->project, TRUE);
  g_assert_true (linli_painter_save (f->painter, &view, pdf, &error));
  g_assert_no_error (error);
  hidden = run_pdftotext (pdf);
  g_assert_nonnull (strstr (hidden, "T001"));
  g_assert_null (strstr (hidden, "张三丰"));
  g_assert_null (strstr (hidden, "三丰"));
}

/* Buildings coloured by the organisation chain: each building of a
 * generated district (with its organisation and its holes) shows the
 * colour of its status as a check made here, apart from the document,
 * gives it; half the buildings without members are marked as having them
 * unknown, and those are grey, never in the "no member" colour.  A close
 * view shows a building with no member in its colour and one with members
 * unknown in grey. */
static void
test_chain_colours (void)
{
  static const guint colours[] = { LINLI_COLOR_CHAIN_COMPLETE, LINLI_COLOR_CHAIN_MISSING_GROUP,
                                   LINLI_COLOR_CHAIN_NO_MEMBER, LINLI_COLOR_CHAIN_MEMBERS_UNKNOWN };
  LinliGeneratorOptions options;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliDocument) document = NULL;
  g_autoptr (LinliOrgCheck) check = NULL;
  LinliPainter *painter = linli_painter_new ();
  guint match[4] = { 0 }, total[4] = { 0 }, unknown_as_none = 0, n_zero = 0;
  double min_lat, min_lon, max_lat, max_lon;
  cairo_surface_t *surface;
  LinliMapView view;
  int close[2] = { -1, -1 };

  linli_generator_options_init (&options);
  options.seed = 11;
  options.n_buildings = 800;
  project = linli_generate_district (&options);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    if (linli_project_get_building (project, i)->party_members == 0 && n_zero++ % 2 == 1)
      linli_project_set_building_flags (project, i, LINLI_BUILDING_MEMBERS_UNKNOWN);
  document = linli_document_new (project, NULL);
  check = linli_org_check (project, NULL);
  linli_painter_set_document (painter, document);
  linli_painter_set_building_colors (painter, LINLI_BUILDING_COLORS_CHAIN);
  g_assert_cmpint (linli_painter_get_building_colors (painter), ==, LINLI_BUILDING_COLORS_CHAIN);

  g_assert_true (linli_painter_get_bounds (painter, &min_lat, &min_lon, &max_lat, &max_lon));
  linli_map_view_fit (&view, min_lat, min_lon, max_lat, max_lon, 1920, 1080, 16);
  surface = render (painter, &view);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      guint status = check->chain[i];
      gboolean unknown = (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN) != 0;
      guint32 pixel;
      double x, y;

      /* The status is what the flag and the count say, apart from the check. */
      g_assert_cmpuint (status == LINLI_CHAIN_MEMBERS_UNKNOWN, ==, unknown && b->party_members == 0);
      linli_map_view_to_pixels (&view, b->lat, b->lon, &x, &y);
      pixel = pixel_at (surface, (int) x, (int) y);
      total[status]++;
      match[status] += colour_near (pixel, colours[status], 24);
      if (unknown)
        unknown_as_none += colour_near (pixel, LINLI_COLOR_CHAIN_NO_MEMBER, 24);
      if (status == LINLI_CHAIN_NO_MEMBER && close[0] < 0)
        close[0] = i;
      if (status == LINLI_CHAIN_MEMBERS_UNKNOWN && close[1] < 0)
        close[1] = i;
    }
  cairo_surface_destroy (surface);
  g_test_message ("complete %u of %u, missing group %u of %u, no member %u of %u, unknown %u of %u at their "
                  "colour; unknown in the no-member colour: %u",
                  match[0], total[0], match[1], total[1], match[2], total[2], match[3], total[3],
                  unknown_as_none);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpuint (total[k], >, 0);
  g_assert_cmpfloat (match[0], >=, 0.8 * total[0]);
  g_assert_cmpfloat (match[1], >=, 0.5 * total[1]);
  /* Outlined, so small ones are mostly outline at this scale. */
  g_assert_cmpfloat (match[2], >=, 0.3 * total[2]);
  g_assert_cmpfloat (match[3], >=, 0.5 * total[3]);
  /* A neighbour's outline may touch an unknown building's centre, rarely. */
  g_assert_cmpfloat (unknown_as_none, <=, 0.05 * total[3]);

  /* Close up, the building with no member is filled with its colour at
   * its centre, the one with members unknown in grey; by coverage
   * neither is. */
  for (guint k = 0; k < 2; k++)
    {
      const LinliBuilding *b = linli_project_get_building (project, close[k]);
      guint want = k == 0 ? LINLI_COLOR_CHAIN_NO_MEMBER : LINLI_COLOR_CHAIN_MEMBERS_UNKNOWN;
      guint32 pixel;

      linli_painter_set_building_colors (painter, LINLI_BUILDING_COLORS_CHAIN);
      linli_map_view_init (&view, b->lat, b->lon, 19, 400, 300);
      surface = render (painter, &view);
      pixel = pixel_at (surface, 200, 150);
      cairo_surface_destroy (surface);
      if (!colour_near (pixel, want, 12))
        g_error ("building %s: %06x at its centre, want %06x", b->id, pixel, want);
      linli_painter_set_building_colors (painter, LINLI_BUILDING_COLORS_COVERAGE);
      surface = render (painter, &view);
      g_assert_false (colour_near (pixel_at (surface, 200, 150), want, 12));
      cairo_surface_destroy (surface);
    }

  linli_painter_set_document (painter, NULL);
  g_assert_finalize_object (painter);
}

/* Water is drawn where it is: a lake's middle in its fill, a wide river's
 * line in its colour, under the streets; a building away from both keeps
 * its own colour, and without water the same places are not blue. */
static void
test_water (void)
{
  LinliLatLon lake_ring[4] = { { 30.000, 120.000 }, { 30.000, 120.004 }, { 30.002, 120.004 },
                               { 30.002, 120.000 } };
  LinliLatLon river[2] = { { 30.004, 119.995 }, { 30.004, 120.010 } };
  const double lake_lat = 30.001, lake_lon = 120.002, river_lat = 30.004, river_lon = 120.002;

  for (int with_water = 0; with_water < 2; with_water++)
    {
      g_autoptr (LinliProject) project = linli_project_new ();
      g_autoptr (LinliPainter) painter = linli_painter_new ();
      guint c = linli_project_add_community (project, "c", "水乡社区");
      guint k = linli_project_add_compound (project, "k", "小区", c);
      LinliBuilding b = { "b1", "1幢", 30.006, 120.002, k, 40, 100, 3, 0, 0, 0 };
      cairo_surface_t *surface;
      LinliMapView view;
      double x, y;

      linli_project_add_building (project, &b, NULL, 0);
      if (with_water)
        {
          g_autoptr (LinliWater) water = linli_water_new ();
          g_autoptr (LinliPolygon) lake = linli_polygon_new_simple (lake_ring, 4);

          linli_water_add_area (water, LINLI_WATER_AREA_WATER, "湖", lake);
          linli_water_add_line (water, LINLI_WATERWAY_RIVER, "河", 40, river, 2);
          linli_project_set_water (project, g_steal_pointer (&water));
        }
      linli_painter_set_project (painter, project);
      linli_map_view_init (&view, 30.003, 120.002, 17, 600, 600);
      surface = render (painter, &view);
      linli_map_view_to_pixels (&view, lake_lat, lake_lon, &x, &y);
      g_assert_cmpint (colour_near (pixel_at (surface, (int) x, (int) y), LINLI_COLOR_WATER_AREA, 8), ==,
                       with_water);
      linli_map_view_to_pixels (&view, river_lat, river_lon, &x, &y);
      g_assert_cmpint (colour_near (pixel_at (surface, (int) x, (int) y), LINLI_COLOR_WATER, 8), ==, with_water);
      cairo_surface_destroy (surface);
      g_assert_finalize_object (g_steal_pointer (&painter));
    }
}

/* The accepted partner assignment: a line from each unit to the place it
 * serves.  Points along the segment from the unit to its compound (where
 * the compound's one building stands) change colour when the assignment
 * is accepted, and take the category's colour, another for another
 * category; points beside the segment stay exactly as they were, and so do
 * the points along it with the partner layer switched off. */
static void
test_partner_lines (void)
{
  const double unit_lat = 30.000, unit_lon = 119.998, place_lat = 30.004, place_lon = 120.004;
  const char *const categories[] = { "volunteers", "tutoring" };
  guint32 colours[2][3];

  for (int c = -1; c < 2; c++)
    {
      g_autoptr (LinliProject) project = linli_project_new ();
      g_autoptr (LinliPainter) painter = linli_painter_new ();
      LinliPartners *partners = linli_project_get_partners (project);
      guint community = linli_project_add_community (project, "c", "共建社区");
      guint k = linli_project_add_compound (project, "k", "小区", community);
      LinliBuilding b = { "b1", "1幢", place_lat, place_lon, k, 40, 100, 3, 0, 0, 0 };
      LinliPartnerResource res = { (char *) "volunteers", 10, NULL, 50, LINLI_PARTNER_PERIOD_MONTH };
      LinliPartnerUnit u = { (char *) "u1", (char *) "中学", LINLI_PARTNER_UNIT_SCHOOL, NULL, TRUE,
                             unit_lat, unit_lon, NULL, 0, &res, 1 };
      LinliPartnerNeed n = { (char *) "n1", LINLI_PARTNER_PLACE_COMPOUND, (char *) "k",
                             (char *) "volunteers", 5, 3, NULL, LINLI_PARTNER_PERIOD_MONTH };
      LinliPartnerPair pair = { (char *) "u1", (char *) "n1", NULL, 5, 700 };
      LinliPartnerAssignment a = { &pair, 1, TRUE, FALSE };
      cairo_surface_t *surface;
      LinliMapView view;
      double ux, uy, px, py;
      static cairo_surface_t *plain;

      linli_project_add_building (project, &b, NULL, 0);
      linli_partners_insert (partners, LINLI_PARTNER_LIST_UNITS, 0, &u);
      linli_partners_insert (partners, LINLI_PARTNER_LIST_NEEDS, 0, &n);
      linli_painter_set_project (painter, project);
      linli_painter_set_show_legend (painter, FALSE);
      linli_painter_set_show_scale_bar (painter, FALSE);
      linli_map_view_init (&view, 30.002, 120.001, 17, 800, 800);
      if (c >= 0)
        {
          pair.category = (char *) categories[c];
          linli_partners_set_assignment (partners, &a);
        }
      surface = render (painter, &view);
      linli_map_view_to_pixels (&view, unit_lat, unit_lon, &ux, &uy);
      linli_map_view_to_pixels (&view, place_lat, place_lon, &px, &py);
      g_assert_true (ux > 0 && ux < 800 && px > 0 && px < 800 && uy > 0 && uy < 800);
      for (guint i = 0; i < 3; i++)
        {
          double t = 0.25 * (i + 1);
          int x = (int) floor (ux + t * (px - ux)), y = (int) floor (uy + t * (py - uy));
          /* 20 px off the line, across it. */
          double len = hypot (px - ux, py - uy);
          int ox = (int) round (x - 20 * (py - uy) / len), oy = (int) round (y + 20 * (px - ux) / len);

          if (c < 0)
            colours[0][i] = pixel_at (surface, x, y);
          else
            {
              colours[c][i] = pixel_at (surface, x, y);
              /* On the line: not the map without it. */
              g_assert_false (colour_near (colours[c][i], pixel_at (plain, x, y), 30));
              /* Beside it: the map without it, exactly. */
              g_assert_cmphex (pixel_at (surface, ox, oy), ==, pixel_at (plain, ox, oy));
            }
        }
      if (c < 0)
        plain = cairo_surface_reference (surface);
      cairo_surface_destroy (surface);
      if (c == 1)
        {
          /* One colour along a line, another for another category. */
          for (guint i = 1; i < 3; i++)
            {
              g_assert_true (colour_near (colours[0][i], colours[0][0], 16));
              g_assert_true (colour_near (colours[1][i], colours[1][0], 16));
            }
          g_assert_false (colour_near (colours[0][1], colours[1][1], 30));
          /* The layer switched off: the map without the lines, exactly. */
          linli_painter_set_show_partner_lines (painter, FALSE);
          surface = render (painter, &view);
          for (guint i = 0; i < 3; i++)
            {
              double t = 0.25 * (i + 1);
              int x = (int) floor (ux + t * (px - ux)), y = (int) floor (uy + t * (py - uy));

              g_assert_cmphex (pixel_at (surface, x, y), ==, pixel_at (plain, x, y));
            }
          cairo_surface_destroy (surface);
          cairo_surface_destroy (plain);
          plain = NULL;
        }
      g_assert_finalize_object (g_steal_pointer (&painter));
    }
}

/* Labels never overlap, and a proposed site's "+N households" is kept
 * before any grid's, site's or community's name: five candidates well
 * apart on the map are proposed, and each one in the upper half of the
 * view (clear of the legend and the scale bar below) carries its label at
 * every zoom, grids and names drawn too. */
static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  LinliMapView fit;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) adds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

  linli_painter_set_show_grids (f->painter, TRUE);
  linli_painter_set_show_legend (f->painter, TRUE);
  fit_view (f, &fit, 900, 700);
  for (guint s = 0; s < linli_project_get_n_sites (f->project) && ids->len < 5; s++)
    {
      LinliSite *site = linli_project_get_site (f->project, s);
      gboolean apart = TRUE;
      double x, y, add = 100 * (s + 1) + 7;

      if (linli_site_get_status (site) != LINLI_SITE_STATUS_CANDIDATE)
        continue;
      linli_map_view_to_pixels (&fit, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
      for (guint p = 0; p < points->len; p += 2)
        if (hypot (x - g_array_index (points, double, p), y - g_array_index (points, double, p + 1)) < 150)
          apart = FALSE;
      if (!apart)
        continue;
      g_ptr_array_add (ids, g_strdup (linli_site_get_id (site)));
      g_array_append_val (adds, add);
      g_array_append_val (points, x);
      g_array_append_val (points, y);
    }
  g_assert_cmpuint (ids->len, >=, 3);
  linli_painter_set_proposal (f->painter, (const char **) ids->pdata, (const double *) (gpointer) adds->data,
                              ids->len);

  /* The whole district, then closer, centred on each proposal in turn. */
  for (guint k = 0; k < 1 + 2 * ids->len; k++)
    {
      LinliMapView view = fit;
      cairo_surface_t *surface;
      const LinliPainterLabel *labels;
      guint n, n_checked = 0;
      int dz = k == 0 ? 0 : 1 + (k - 1) % 2;

      if (k > 0)
        {
          LinliSite *centre = linli_project_find_site (f->project, g_ptr_array_index (ids, (k - 1) / 2), NULL);

          view.center_lat = linli_site_get_lat (centre);
          view.center_lon = linli_site_get_lon (centre);
        }
      view.zoom += dz;
      surface = render (f->painter, &view);
      cairo_surface_destroy (surface);
      labels = linli_painter_get_labels (f->painter, &n);
      g_assert_cmpuint (n, >, 0);

      /* No two boxes share a pixel. */
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            const LinliPainterLabel *a = &labels[i], *b = &labels[j];
            gboolean overlap = a->x < b->x + b->width && b->x < a->x + a->width &&
                               a->y < b->y + b->height && b->y < a->y + a->height;

            if (overlap)
              g_test_message ("“%s” and “%s” overlap", a->text, b->text);
            g_assert_false (overlap);
          }

      /* Every proposal in the upper half has its own label, next to it. */
      for (guint p = 0; p < ids->len; p++)
        {
          LinliSite *site = linli_project_find_site (f->project, g_ptr_array_index (ids, p), NULL);
          g_autofree char *want = g_strdup_printf ("+%.0f households", g_array_index (adds, double, p));
          gboolean found = FALSE;
          double x, y;

          linli_map_view_to_pixels (&view, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
          if (x < 80 || x > view.width - 80 || y < 40 || y > view.height / 2.0 + 1)
            continue;
          n_checked++;
          for (guint i = 0; i < n; i++)
            if (labels[i].proposal && g_strcmp0 (labels[i].text, want) == 0)
              {
                double cx = labels[i].x + labels[i].width / 2, cy = labels[i].y + labels[i].height / 2;

                g_assert_cmpfloat (hypot (cx - x, cy - y), <, 20 + labels[i].width);
                found = TRUE;
              }
          g_assert_true (found);
        }
      g_test_message ("zoom +%d: %u labels, %u proposals checked", dz, n, n_checked);
      g_assert_cmpuint (n_checked, >=, 1);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/painter/mercator", test_mercator);
  g_test_add_func ("/painter/empty", test_empty);
  g_test_add_func ("/painter/properties", test_properties);
  g_test_add_func ("/painter/chain-colours", test_chain_colours);
  g_test_add_func ("/painter/water", test_water);
  g_test_add_func ("/painter/partner-lines", test_partner_lines);
  g_test_add ("/painter/view-fit", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_view_fit, fixture_tear_down);
  g_test_add ("/painter/colours", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_colours, fixture_tear_down);
  g_test_add ("/painter/legend", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_legend, fixture_tear_down);
  g_test_add ("/painter/labels", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_labels, fixture_tear_down);
  g_test_add ("/painter/scale-bar", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_scale_bar,
              fixture_tear_down);
  g_test_add ("/painter/pick", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_pick, fixture_tear_down);
  g_test_add ("/painter/files", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_files, fixture_tear_down);
  g_test_add ("/painter/document", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_document, fixture_tear_down);
  g_test_add ("/painter/grid-colours", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_grid_colours,
              fixture_tear_down);
  g_test_add ("/painter/boundary-without-grids", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_boundary_without_grids, fixture_tear_down);
  g_test_add ("/painter/grid-hide-names", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_grid_hide_names,
              fixture_tear_down);
  status = g_test_run ();
  linli_render_free_caches ();
  return status;
}
