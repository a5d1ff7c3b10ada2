/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A 50,000-building district in the window: open, pan and zoom through
 * actions, drag-like edits, and PNGs at three zooms. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "linli-format.h"
#include "linli-generator.h"
#include "linli-gui-test-utils.h"
#include "linli-window-private.h"

static void
activate (LinliWindow *window,
          const char  *action,
          const char  *param)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, param ? "s" : NULL, param));
}

/* Counts the colours and checks the given one occurs (within antialiasing
 * tolerance) in many pixels: an empty or blank render fails both. */
static void
assert_png_shows (const char *path,
                  guint32     must_have)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *pixels = NULL;
  g_autoptr (GHashTable) colours = g_hash_table_new (NULL, NULL);
  guint found = 0;
  int w, h;

  g_assert_no_error (error);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  g_assert_cmpint (w, >, 300);
  g_assert_cmpint (h, >, 300);
  pixels = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, pixels, w * 4);
  for (int i = 0; i < w * h; i++)
    {
      guint32 rgb = ((guint32) pixels[4 * i + 2] << 16) | ((guint32) pixels[4 * i + 1] << 8) | pixels[4 * i];

      g_hash_table_add (colours, GUINT_TO_POINTER (rgb));
      found += ABS ((int) (rgb >> 16) - (int) (must_have >> 16)) <= 12 &&
               ABS ((int) ((rgb >> 8) & 0xff) - (int) ((must_have >> 8) & 0xff)) <= 12 &&
               ABS ((int) (rgb & 0xff) - (int) (must_have & 0xff)) <= 12;
    }
  g_assert_cmpuint (g_hash_table_size (colours), >, 20);
  g_assert_cmpuint (found, >, 20);
}

static void
test_large_district (void)
{
  LinliGeneratorOptions opts;
  g_autoptr (LinliProject) generated = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linli-scale-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "large.linli", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (LinliWindow) window = NULL;
  ShumateViewport *viewport;
  const char *zooms[] = { "district", "community", "street" };
  double lat0, lon0, fit_zoom;

  g_assert_no_error (error);
  linli_generator_options_init (&opts);
  opts.seed = 9;
  opts.n_buildings = 50000;
  generated = linli_generate_district (&opts);
  g_assert_true (linli_format_save_file (generated, path, &error));
  g_assert_no_error (error);

  window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  g_assert_true (linli_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (linli_project_get_n_buildings (linli_window_get_project (window)), ==, 50000);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window->map)))
    g_main_context_iteration (NULL, TRUE);
  linli_test_wait_ms (300);

  viewport = shumate_map_get_viewport (window->map);
  activate (window, "win.zoom-fit", NULL);
  linli_test_wait_ms (100);
  fit_zoom = shumate_viewport_get_zoom_level (viewport);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autofree char *png = g_strdup_printf ("%s/%s.png", dir, zooms[z]);

      /* For the closer views, go to a community centre (selecting a site
       * centres the map on it), then zoom in step by step to about 15 and 17. */
      if (z == 1)
        {
          LinliProject *project = linli_window_get_project (window);

          for (guint i = 0; i < linli_project_get_n_sites (project); i++)
            if (linli_site_get_tier (linli_project_get_site (project, i)) == LINLI_SITE_TIER_COMMUNITY)
              {
                activate (window, "win.select-site", linli_site_get_id (linli_project_get_site (project, i)));
                break;
              }
        }
      while (z == 1 && shumate_viewport_get_zoom_level (viewport) < 15)
        activate (window, "win.zoom-in", NULL);
      while (z == 2 && shumate_viewport_get_zoom_level (viewport) < 17)
        activate (window, "win.zoom-in", NULL);

      /* Pan and check the centre moved the right way. */
      lat0 = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      lon0 = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      activate (window, "win.pan", "east");
      activate (window, "win.pan", "south");
      linli_test_wait_ms (100);
      g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon0);
      g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), <, lat0);
      activate (window, "win.pan", "west");
      activate (window, "win.pan", "north");
      linli_test_wait_ms (150);

      g_assert_true (linli_window_save_png (window, TRUE, png, &error));
      g_assert_no_error (error);
      /* District view: the coverage cells; closer: buildings. */
      if (g_getenv ("LINLI_KEEP_PNG"))
        g_print ("# %s zoom %.2f\n", zooms[z], shumate_viewport_get_zoom_level (viewport));
      assert_png_shows (png, LINLI_COLOR_COVERED);
      if (g_getenv ("LINLI_KEEP_PNG") == NULL)
        g_unlink (png);
      else
        g_print ("# kept %s\n", png);
    }
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, fit_zoom + 3);
  activate (window, "win.zoom-out", NULL);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <, 17);

  /* An edit at this size follows incrementally and agrees with a fresh count. */
  {
    LinliProject *project = linli_window_get_project (window);
    LinliSite *site = linli_project_get_site (project, 0);
    g_autoptr (LinliCoverage) fresh = NULL;

    activate (window, "win.select-site", linli_site_get_id (site));
    for (int i = 0; i < 30; i++)
      activate (window, "site.nudge", i % 2 ? "north" : "east");
    fresh = linli_coverage_compute (project, NULL);
    g_assert_cmpmem (linli_coverage_get_district (fresh), sizeof (LinliCoverageTotals),
                     linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (window))),
                     sizeof (LinliCoverageTotals));
  }

  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();
  g_test_add_func ("/scale/large-district", test_large_district);
  return g_test_run ();
}
