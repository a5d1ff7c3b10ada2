/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's map and the painter with no window draw the same pixels for
 * the same view: the map layer as GTK renders it, a painter set up as
 * `linli-tool render` sets one up, and the tool itself. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "linli-gui-test-utils.h"
#include "linli-window-private.h"

static char *tmp_dir;

/* Auxiliary methods */

typedef struct
{
  int     width;
  int     height;
  int     stride;
  guchar *data;   /* premultiplied ARGB32 in native byte order */
} Image;

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->data, g_free);
}

static void
image_from_texture (Image      *image,
                    GdkTexture *texture)
{
  image->width = gdk_texture_get_width (texture);
  image->height = gdk_texture_get_height (texture);
  image->stride = image->width * 4;
  image->data = g_malloc ((gsize) image->stride * image->height);
  gdk_texture_download (texture, image->data, image->stride);
}

static void
image_from_surface (Image           *image,
                    cairo_surface_t *surface)
{
  cairo_surface_flush (surface);
  image->width = cairo_image_surface_get_width (surface);
  image->height = cairo_image_surface_get_height (surface);
  image->stride = cairo_image_surface_get_stride (surface);
  image->data = g_memdup2 (cairo_image_surface_get_data (surface), (gsize) image->stride * image->height);
}

/* Compares two images channel by channel: the largest difference, and how
 * many pixels differ by more than @tolerance in some channel. */
static int
compare (const Image *a,
         const Image *b,
         int          tolerance,
         guint       *n_over)
{
  int max = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  *n_over = 0;
  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < a->width; x++)
      {
        const guchar *pa = a->data + y * a->stride + 4 * x;
        const guchar *pb = b->data + y * b->stride + 4 * x;
        int worst = 0;

        for (int c = 0; c < 4; c++)
          worst = MAX (worst, ABS ((int) pa[c] - (int) pb[c]));
        max = MAX (max, worst);
        *n_over += worst > tolerance;
      }
  return max;
}

/* The layer alone, as the window's renderer draws it: no legend or scale
 * widgets over it. */
static GdkTexture *
render_layer (LinliWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window->layer);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, w, h));
}

/* A painter of the window's project in a document of its own, as
 * `linli-tool render` sets it up. */
static LinliPainter *
painter_like_the_tool (LinliProject *project)
{
  LinliPainter *painter = linli_painter_new ();
  g_autoptr (LinliDocument) document = linli_document_new (project, NULL);

  linli_painter_set_document (painter, document);
  return painter;
}

static LinliWindow *
open_sample_window (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_autoptr (GError) error = NULL;
  LinliWindow *window = g_object_ref_sink (linli_window_new (NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  g_assert_true (linli_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window->map)))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

/* Tests */

static void
test_same_pixels (void)
{
  static const double zooms[] = { 14.2, 16.0, 17.3, 16.6 };
  g_autoptr (LinliWindow) window = open_sample_window ();
  LinliProject *project = window->project;
  ShumateViewport *viewport = shumate_map_get_viewport (window->map);
  LinliPainter *painter;
  const char *tool = g_getenv ("LINLI_TOOL");
  double min_lat, min_lon, max_lat, max_lon;

  painter = painter_like_the_tool (project);
  g_assert_true (linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon));

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr (GdkTexture) texture = NULL;
      cairo_surface_t *surface;
      cairo_t *cr;
      Image on_screen = { 0 }, painted = { 0 };
      LinliMapView view, layer_view;
      guint n_over;
      int max;

      /* The last view is turned, as a rotate gesture turns the map. */
      double rotation = z == G_N_ELEMENTS (zooms) - 1 ? 0.4 : 0;

      shumate_viewport_set_rotation (viewport, rotation);
      shumate_viewport_set_zoom_level (viewport, zooms[z]);
      shumate_map_center_on (window->map, min_lat + (max_lat - min_lat) * 0.4,
                             min_lon + (max_lon - min_lon) * 0.55);
      linli_test_wait_ms (150);
      texture = render_layer (window);
      image_from_texture (&on_screen, texture);

      /* The view from the viewport, with no help from the layer. */
      linli_map_view_init (&view, shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                           shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                           shumate_viewport_get_zoom_level (viewport), on_screen.width, on_screen.height);
      view.rotation = rotation;
      g_assert_true (linli_map_layer_get_view (window->layer, &layer_view));
      g_assert_cmpfloat_with_epsilon (layer_view.zoom, view.zoom, 1e-9);
      g_assert_cmpint (layer_view.width, ==, view.width);
      g_assert_cmpint (layer_view.height, ==, view.height);
      g_assert_cmpfloat_with_epsilon (layer_view.rotation, view.rotation, 1e-9);

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
      cr = cairo_create (surface);
      linli_painter_draw (painter, cr, &view);
      cairo_destroy (cr);
      image_from_surface (&painted, surface);
      cairo_surface_destroy (surface);

      /* Not a blank frame: streets, blocks, buildings and sites. */
      {
        g_autoptr (GHashTable) colours = g_hash_table_new (NULL, NULL);

        for (int y = 0; y < on_screen.height; y += 3)
          for (int x = 0; x < on_screen.width; x += 3)
            g_hash_table_add (colours, GUINT_TO_POINTER (*(guint32 *) (on_screen.data + y * on_screen.stride + 4 * x)));
        g_assert_cmpuint (g_hash_table_size (colours), >, 100);
      }

      /* The comparison sees a view two pixels off. */
      {
        LinliMapView off = view;
        Image shifted = { 0 };

        linli_map_view_from_pixels (&view, view.width / 2.0 + 2, view.height / 2.0, &off.center_lat,
                                    &off.center_lon);
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
        cr = cairo_create (surface);
        linli_painter_draw (painter, cr, &off);
        cairo_destroy (cr);
        image_from_surface (&shifted, surface);
        cairo_surface_destroy (surface);
        compare (&on_screen, &shifted, 24, &n_over);
        g_assert_cmpuint (n_over, >, view.width * view.height / 100);
        image_clear (&shifted);
      }

      max = compare (&on_screen, &painted, 24, &n_over);
      g_test_message ("zoom %.1f, %dx%d: window vs painter: max channel difference %d, %u pixels over 24",
                      zooms[z], view.width, view.height, max, n_over);
      g_assert_cmpuint (n_over, <=, view.width * view.height / 1000);

      /* The tool, given the same view on its command line (it has no
       * rotation). */
      if (tool != NULL && rotation == 0)
        {
          g_autofree char *png = g_build_filename (tmp_dir, "tool.png", NULL);
          g_autofree char *size = g_strdup_printf ("%dx%d", view.width, view.height);
          char center[64], zoom[32], lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *sample = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli",
                                                      NULL);
          g_autoptr (GError) error = NULL;
          g_autoptr (GdkTexture) from_tool = NULL;
          Image tool_image = { 0 };
          int status;

          g_snprintf (center, sizeof center, "%s,%s", g_ascii_dtostr (lat, sizeof lat, view.center_lat),
                      g_ascii_dtostr (lon, sizeof lon, view.center_lon));
          g_ascii_dtostr (zoom, sizeof zoom, view.zoom);
          g_assert_true (g_spawn_sync (NULL,
                                       (char *[]) { (char *) tool, "render", sample, "--out", png, "--size", size,
                                                    "--center", center, "--zoom", zoom, "--no-legend",
                                                    "--no-scale-bar", NULL },
                                       NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
          g_assert_no_error (error);
          g_assert_true (g_spawn_check_wait_status (status, NULL));
          from_tool = gdk_texture_new_from_filename (png, &error);
          g_assert_no_error (error);
          image_from_texture (&tool_image, from_tool);
          max = compare (&on_screen, &tool_image, 24, &n_over);
          g_test_message ("zoom %.1f: window vs linli-tool render: max channel difference %d, %u pixels over 24",
                          zooms[z], max, n_over);
          g_assert_cmpuint (n_over, <=, view.width * view.height / 1000);
          max = compare (&painted, &tool_image, 0, &n_over);
          g_test_message ("zoom %.1f: painter vs linli-tool render: max channel difference %d", zooms[z], max);
          g_assert_cmpuint (n_over, ==, 0);
          image_clear (&tool_image);
          g_unlink (png);
        }
      else if (tool == NULL)
        g_test_message ("LINLI_TOOL is not set: the tool is not compared");
      image_clear (&on_screen);
      image_clear (&painted);
    }

  g_assert_finalize_object (painter);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();
  tmp_dir = g_dir_make_tmp ("linli-map-painter-XXXXXX", NULL);
  g_test_add_func ("/map-painter/same-pixels", test_same_pixels);
  status = g_test_run ();
  linli_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
