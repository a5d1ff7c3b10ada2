/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times one map frame of a project: building the layer's snapshot and
 * rendering it with the renderer in use (GSK_RENDERER=cairo for the cairo
 * figure), at district, community and street zoom, 1920×1080.
 *
 *   xvfb-run -a -s "-screen 0 2000x1200x24" env GSK_RENDERER=cairo \
 *     build/tests/bench/bench-map FILE.linli [--runs N] [--json] [--png-prefix P]
 *
 * Not a test: it prints figures and asserts nothing.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "linli-format.h"
#include "linli-document.h"
#include "linli-map-layer.h"
#include "linli-gui-test-utils.h"
#include "linli-stats.h"

int
main (int    argc,
      char **argv)
{
  int runs = 7;
  gboolean json = FALSE;
  g_autofree char *png_prefix = NULL;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs per figure", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { "png-prefix", 0, 0, G_OPTION_ARG_FILENAME, &png_prefix, "Also save each frame as PREFIX-ZOOM.png", "PREFIX" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  LinliProject *project;
  g_autoptr (ShumateMapSourceRegistry) registry = NULL;
  ShumateMap *map;
  ShumateViewport *viewport;
  LinliMapLayer *layer;
  GtkWidget *window;
  GskRenderer *renderer;
  double min_lat, min_lon, max_lat, max_lon, rss;
  struct { const char *name; double zoom; } zooms[3];
  LinliMapView fit;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("bench-map: %s\n", error ? error->message : "give one FILE");
      return 2;
    }
  gtk_init ();

  document = linli_document_new_for_path (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("bench-map: %s\n", error->message);
      return 1;
    }
  project = linli_document_get_project (document);
  linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  map = shumate_map_new ();
  shumate_map_set_animate_zoom (map, FALSE);
  viewport = shumate_map_get_viewport (map);
  registry = shumate_map_source_registry_new_with_defaults ();
  shumate_viewport_set_reference_map_source (viewport, shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK));
  layer = linli_map_layer_new (viewport);
  shumate_map_add_layer (map, SHUMATE_LAYER (layer));
  /* Streets coloured by the walk to the nearest site, as the window draws them. */
  linli_map_layer_set_document (layer, document);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (layer)))
    g_main_context_iteration (NULL, TRUE);
  linli_test_wait_ms (300);
  rss = linli_stats_resident_mib ();
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  /* District: the whole district fits; community: about 4 km across, a
   * community and its neighbours; street: about 1 km across. */
  if (!linli_map_view_fit (&fit, min_lat, min_lon, max_lat, max_lon, 1920, 1080, 0))
    {
      g_printerr ("bench-map: %s has no extent\n", argv[1]);
      return 1;
    }
  zooms[0].name = "district";
  zooms[0].zoom = fit.zoom;
  zooms[1].name = "community";
  zooms[1].zoom = 15.5;
  zooms[2].name = "street";
  zooms[2].zoom = 17.5;

  if (json)
    g_print ("{\n  \"file\": \"%s\",\n  \"buildings\": %u,\n  \"rss_mib\": %.1f,\n", argv[1],
             linli_project_get_n_buildings (project), rss);
  else
    g_print ("# %s: %u buildings, %u sites, frame %dx%d, renderer %s; rss_mib=%.1f\n", argv[1],
             linli_project_get_n_buildings (project), linli_project_get_n_sites (project),
             gtk_widget_get_width (GTK_WIDGET (layer)), gtk_widget_get_height (GTK_WIDGET (layer)),
             G_OBJECT_TYPE_NAME (renderer), rss);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr (GArray) snap_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) render_ms = g_array_new (FALSE, FALSE, sizeof (double));
      int w = gtk_widget_get_width (GTK_WIDGET (layer)), h = gtk_widget_get_height (GTK_WIDGET (layer));

      shumate_viewport_set_zoom_level (viewport, zooms[z].zoom);
      shumate_map_center_on (map, (min_lat + max_lat) / 2, (min_lon + max_lon) / 2);
      linli_test_wait_ms (100);

      for (int r = 0; r < runs; r++)
        {
          GtkSnapshot *snapshot = gtk_snapshot_new ();
          g_autoptr (GskRenderNode) node = NULL;
          g_autoptr (GdkTexture) texture = NULL;
          gint64 t0 = g_get_monotonic_time (), t1, t2;

          GTK_WIDGET_GET_CLASS (layer)->snapshot (GTK_WIDGET (layer), snapshot);
          node = gtk_snapshot_free_to_node (snapshot);
          t1 = g_get_monotonic_time ();
          texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
          t2 = g_get_monotonic_time ();
          g_array_append_vals (snap_ms, (double[]) { (t1 - t0) / 1000.0 }, 1);
          g_array_append_vals (render_ms, (double[]) { (t2 - t1) / 1000.0 }, 1);
          if (png_prefix != NULL && r == 0)
            {
              g_autofree char *png = g_strdup_printf ("%s-%s.png", png_prefix, zooms[z].name);
              gdk_texture_save_to_png (texture, png);
            }
        }
      if (json)
        g_print ("  \"frame_%s\": { \"zoom\": %.2f, \"snapshot_median_ms\": %.2f, \"render_median_ms\": %.2f, \"runs\": %d }%s\n",
                 zooms[z].name, zooms[z].zoom, linli_stats_median (snap_ms), linli_stats_median (render_ms), runs,
                 z + 1 < G_N_ELEMENTS (zooms) ? "," : "");
      else
        {
          g_print ("frame_snapshot_%-9s median_ms=%.2f runs=%d  # zoom %.2f, %.1f km across\n",
                   zooms[z].name, linli_stats_median (snap_ms), runs, zooms[z].zoom,
                   w * 156543.03 * cos ((min_lat + max_lat) / 2 * G_PI / 180) / pow (2, zooms[z].zoom) / 1000);
          g_print ("frame_render_%-11s median_ms=%.2f runs=%d\n", zooms[z].name, linli_stats_median (render_ms), runs);
        }
    }
  if (json)
    g_print ("}\n");
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
