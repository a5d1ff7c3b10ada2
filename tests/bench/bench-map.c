/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times one map frame of a project: building the layer's snapshot and
 * rendering it with the renderer in use (GSK_RENDERER=cairo for the cairo
 * figure), at district, community and street zoom, 1920×1080.
 *
 *   xvfb-run -a -s "-screen 0 2000x1200x24" env GSK_RENDERER=cairo \
 *     build/tests/bench/bench-map FILE.linli [--runs N] [--json] [--png-prefix P] [--save-grids OUT.linli]
 *
 * Then the district frame again with every community divided into grids
 * (the project's own, or Voronoi cells of about 400 households each clipped
 * to the community's boundary when it has none), the grid layer on.
 *
 * Not a test: it prints figures and asserts nothing.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "linli-format.h"
#include "linli-document.h"
#include "linli-map-layer.h"
#include "linli-geos.h"
#include "linli-grids.h"
#include "linli-gui-test-utils.h"
#include "linli-stats.h"

/* The CPU time of this thread, in ms: beside the wall clock, a figure a
 * busy machine does not inflate by taking the processor away. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Divides every community into Voronoi cells of about 400 households,
 * sites spread over its buildings, clipped to its boundary.
 *
 * Returns: the number of grids made */
static guint
make_grids (LinliDocument *document)
{
  LinliProject *project = linli_document_get_project (document);
  LinliGrids *grids = linli_project_get_grids (project);
  const LinliProjection *projection = linli_project_get_projection (project);
  guint n_communities = linli_project_get_n_communities (project);

  for (guint c = 0; c < n_communities; c++)
    {
      g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (GArray) sites = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
      g_autoptr (GPtrArray) cells = NULL;
      LinliPolygon *boundary = linli_document_get_community_boundary (document, c, NULL);
      guint64 households = 0;
      guint k;

      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        if (linli_project_building_community (project, i) == c)
          {
            g_array_append_val (members, i);
            households += linli_project_get_building (project, i)->households;
          }
      if (boundary == NULL || members->len == 0)
        continue;
      k = CLAMP ((guint) ((households + 200) / 400), 1, members->len);
      for (guint j = 0; j < k; j++)
        {
          const LinliBuilding *b = linli_project_get_building (project,
                                                               g_array_index (members, guint, (guint64) j * members->len / k));

          g_array_append_val (sites, ((LinliLatLon) { b->lat, b->lon }));
        }
      cells = linli_polygon_voronoi ((LinliLatLon *) sites->data, sites->len, boundary, projection);
      for (guint j = 0; j < cells->len; j++)
        {
          g_autofree char *id = NULL;
          g_autofree char *code = NULL;
          g_autoptr (LinliGrid) grid = NULL;
          LinliGridState state = { 0 };

          if (cells->pdata[j] == NULL)
            continue;
          id = linli_grids_new_id (grids);
          code = g_strdup_printf ("%s%03u", linli_project_get_community (project, c)->id, j + 1);
          state.id = id;
          state.code = code;
          state.name = code;
          state.community = c;
          state.polygon = cells->pdata[j];
          grid = linli_grid_new (&state);
          linli_grids_insert (grids, linli_grids_get_n_grids (grids), grid);
        }
    }
  return linli_grids_get_n_grids (grids);
}

int
main (int    argc,
      char **argv)
{
  int runs = 7;
  gboolean json = FALSE;
  g_autofree char *png_prefix = NULL;
  g_autofree char *save_grids = NULL;
  GOptionEntry entries[] = {
    { "save-grids", 0, 0, G_OPTION_ARG_FILENAME, &save_grids, "Save the project with the grids made to FILE", "FILE" },
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
      g_autoptr (GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
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
          double c0 = thread_cpu_ms ();

          GTK_WIDGET_GET_CLASS (layer)->snapshot (GTK_WIDGET (layer), snapshot);
          node = gtk_snapshot_free_to_node (snapshot);
          t1 = g_get_monotonic_time ();
          g_array_append_vals (cpu_ms, (double[]) { thread_cpu_ms () - c0 }, 1);
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
          g_print ("frame_snapshot_%-9s median_ms=%.2f cpu_median_ms=%.2f runs=%d  # zoom %.2f, %.1f km across\n",
                   zooms[z].name, linli_stats_median (snap_ms), linli_stats_median (cpu_ms), runs, zooms[z].zoom,
                   w * 156543.03 * cos ((min_lat + max_lat) / 2 * G_PI / 180) / pow (2, zooms[z].zoom) / 1000);
          g_print ("frame_render_%-11s median_ms=%.2f runs=%d\n", zooms[z].name, linli_stats_median (render_ms), runs);
        }
    }

  /* The district once more, with all its grids drawn. */
  {
    g_autoptr (GArray) snap_ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr (GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
    gint64 t0 = g_get_monotonic_time ();
    guint n_grids = linli_grids_get_n_grids (linli_project_get_grids (project));
    double made_ms = 0;

    if (n_grids == 0)
      {
        n_grids = make_grids (document);
        made_ms = (g_get_monotonic_time () - t0) / 1000.0;
        if (save_grids != NULL)
          {
            g_autoptr (GFile) out = g_file_new_for_path (save_grids);

            if (!linli_document_save (document, out, &error))
              g_printerr ("bench-map: %s\n", error->message);
            g_clear_error (&error);
          }
      }
    shumate_viewport_set_zoom_level (viewport, zooms[0].zoom);
    shumate_map_center_on (map, (min_lat + max_lat) / 2, (min_lon + max_lon) / 2);
    linli_test_wait_ms (100);
    /* The first frame prepares the outlines and the assignment: timed apart. */
    t0 = g_get_monotonic_time ();
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      GTK_WIDGET_GET_CLASS (layer)->snapshot (GTK_WIDGET (layer), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_clear_pointer (&node, gsk_render_node_unref);
    }
    {
      double first_ms = (g_get_monotonic_time () - t0) / 1000.0;

      for (int r = 0; r < runs; r++)
        {
          GtkSnapshot *snapshot = gtk_snapshot_new ();
          GskRenderNode *node;
          gint64 t1 = g_get_monotonic_time ();
          double c1 = thread_cpu_ms ();

          GTK_WIDGET_GET_CLASS (layer)->snapshot (GTK_WIDGET (layer), snapshot);
          node = gtk_snapshot_free_to_node (snapshot);
          g_array_append_vals (snap_ms, (double[]) { (g_get_monotonic_time () - t1) / 1000.0 }, 1);
          g_array_append_vals (cpu_ms, (double[]) { thread_cpu_ms () - c1 }, 1);
          if (png_prefix != NULL && r == 0)
            {
              g_autofree char *png = g_strdup_printf ("%s-district-grids.png", png_prefix);
              GskRenderer *r2 = gtk_native_get_renderer (GTK_NATIVE (window));
              g_autoptr (GdkTexture) texture =
                gsk_renderer_render_texture (r2, node, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (layer)),
                                                                             gtk_widget_get_height (GTK_WIDGET (layer))));

              gdk_texture_save_to_png (texture, png);
            }
          gsk_render_node_unref (node);
        }
      if (json)
        g_print ("  ,\"frame_district_grids\": { \"grids\": %u, \"snapshot_median_ms\": %.2f, \"first_ms\": %.2f, "
                 "\"made_ms\": %.2f, \"runs\": %d }\n", n_grids, linli_stats_median (snap_ms), first_ms, made_ms, runs);
      else
        g_print ("frame_snapshot_district_grids median_ms=%.2f cpu_median_ms=%.2f runs=%d  # %u grids; "
                 "first frame %.1f ms (outlines, assignment), grids made in %.1f ms\n",
                 linli_stats_median (snap_ms), linli_stats_median (cpu_ms), runs, n_grids, first_ms, made_ms);
    }
  }
  /* What the whole run needed, as getrusage() and time -v count it. */
  if (json)
    g_print ("  ,\"peak_rss_mib\": %.1f\n}\n", linli_stats_peak_resident_mib ());
  else
    g_print ("peak_rss mib=%.1f  # the process's peak resident memory (getrusage)\n",
             linli_stats_peak_resident_mib ());
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
