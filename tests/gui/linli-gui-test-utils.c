/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GUI tests and bench-map share. */
#include "linli-gui-test-utils.h"

#include "linli-window-private.h"

#include <glib/gstdio.h>

/**
 * linli_test_wait_ms:
 *
 * Lets GTK lay out and draw for a while: nothing is timed, it only gives
 * the main loop time to run.
 */
void
linli_test_wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/**
 * linli_test_pixel_at:
 * @data: the texture downloaded with gdk_texture_download(), 4 bytes a pixel
 *
 * Returns: the pixel's colour as 0xRRGGBB
 */
guint32
linli_test_pixel_at (GdkTexture   *texture,
                     const guchar *data,
                     int           x,
                     int           y)
{
  int stride = gdk_texture_get_width (texture) * 4;
  const guchar *p = data + y * stride + x * 4;  /* BGRA, premultiplied, opaque here */

  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

/**
 * linli_test_colour_near:
 *
 * Returns: whether two 0xRRGGBB colours differ by at most 12 in each
 *   channel, which antialiasing and blending stay within
 */
gboolean
linli_test_colour_near (guint32 a,
                        guint32 b)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 12)
      return FALSE;
  return TRUE;
}

/**
 * linli_test_remove_dir:
 *
 * Removes a test's temporary directory and the files in it.
 */
void
linli_test_remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * linli_test_screenshot:
 * @name: the file name of the PNG
 *
 * Renders @widget, realized and mapped, to a PNG in
 * $LINLI_TEST_SCREENSHOT_DIR, for looking at a dialog when running a test
 * by hand; does nothing without that variable.
 */
void
linli_test_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("LINLI_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;
  linli_test_wait_ms (600);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/**
 * linli_test_sample_window:
 *
 * Returns: (transfer full): a window of 1280 × 800, not shown, with the
 *   bundled sample open
 */
LinliWindow *
linli_test_sample_window (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli",
                                              NULL);
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_autoptr (GError) error = NULL;
  LinliWindow *window = g_object_ref_sink (linli_window_new (NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_assert_true (linli_window_open_file (window, file, &error));
  g_assert_no_error (error);
  return window;
}

/**
 * linli_test_close_window:
 * @window: (transfer full): the window, closed without asking about changes
 */
void
linli_test_close_window (LinliWindow *window)
{
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}
