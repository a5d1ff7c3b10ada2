/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The prepared views of a meeting, checked against the buildings and sites
 * they must show, worked out here building by building. */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "linli-generator.h"
#include "linli-meeting-view.h"

static LinliDocument *
generated_document (guint32 seed)
{
  LinliGeneratorOptions opts;
  g_autoptr (LinliProject) project = NULL;

  linli_generator_options_init (&opts);
  opts.seed = seed;
  opts.n_buildings = 1200;
  project = linli_generate_district (&opts);
  return linli_document_new (project, NULL);
}

/* Every point must land inside the view, margin included. */
static void
assert_inside (const LinliMapView *view,
               double              lat,
               double              lon,
               double              margin)
{
  double x, y;

  linli_map_view_to_pixels (view, lat, lon, &x, &y);
  g_assert_cmpfloat (x, >=, margin - 0.5);
  g_assert_cmpfloat (x, <=, view->width - margin + 0.5);
  g_assert_cmpfloat (y, >=, margin - 0.5);
  g_assert_cmpfloat (y, <=, view->height - margin + 0.5);
}

static void
test_defaults (void)
{
  g_autoptr (LinliDocument) document = generated_document (3);
  LinliProject *project = linli_document_get_project (document);
  g_autoptr (GListStore) views = g_list_store_new (LINLI_TYPE_MEETING_VIEW);
  guint n_communities = linli_project_get_n_communities (project);
  g_autofree guint *counts = g_new0 (guint, n_communities);
  guint n_with_buildings = 0, position = 1;
  double p_min_lat, p_min_lon, p_max_lat, p_max_lon;
  g_autoptr (LinliMeetingView) overview = NULL;
  double b[4];

  linli_meeting_views_append_defaults (views, document, NULL, 0);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    counts[linli_project_building_community (project, i)]++;
  for (guint c = 0; c < n_communities; c++)
    n_with_buildings += counts[c] > 0;
  g_assert_cmpuint (n_communities, >, 1);
  /* The district, then each community with buildings; no proposal. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (views)), ==, 1 + n_with_buildings);

  overview = g_list_model_get_item (G_LIST_MODEL (views), 0);
  g_assert_cmpstr (linli_meeting_view_get_kind (overview), ==, "overview");
  g_assert_true (linli_meeting_view_get_bounds (overview, &b[0], &b[1], &b[2], &b[3]));
  g_assert_true (linli_project_get_bounds (project, &p_min_lat, &p_min_lon,
                                           &p_max_lat, &p_max_lon));
  g_assert_cmpfloat (b[0], ==, p_min_lat);
  g_assert_cmpfloat (b[3], ==, p_max_lon);

  for (guint c = 0; c < n_communities; c++)
    {
      g_autoptr (LinliMeetingView) view = NULL;
      double box[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
      LinliMapView fitted;

      if (counts[c] == 0)
        continue;
      view = g_list_model_get_item (G_LIST_MODEL (views), position++);
      g_assert_cmpstr (linli_meeting_view_get_kind (view), ==, "community");
      g_assert_cmpstr (linli_meeting_view_get_title (view), ==,
                       linli_project_get_community (project, c)->name);
      /* The box is exactly the community's buildings' box. */
      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        {
          const LinliBuilding *bl = linli_project_get_building (project, i);

          if (linli_project_building_community (project, i) != c)
            continue;
          box[0] = MIN (box[0], bl->lat);
          box[1] = MIN (box[1], bl->lon);
          box[2] = MAX (box[2], bl->lat);
          box[3] = MAX (box[3], bl->lon);
        }
      g_assert_true (linli_meeting_view_get_bounds (view, &b[0], &b[1], &b[2], &b[3]));
      for (guint k = 0; k < 4; k++)
        g_assert_cmpfloat (b[k], ==, box[k]);

      /* Fitted to a 1920 × 840 map every building of the community is on
       * it, and one zoom level closer some would not be. */
      g_assert_true (linli_meeting_view_compute (view, 1920, 840, 40, &fitted));
      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        if (linli_project_building_community (project, i) == c)
          assert_inside (&fitted, linli_project_get_building (project, i)->lat,
                         linli_project_get_building (project, i)->lon, 40);
      if (fitted.zoom < 18)
        {
          LinliMapView closer = fitted;
          double x0, y0, x1, y1;

          closer.zoom += 1;
          linli_map_view_to_pixels (&closer, box[2], box[1], &x0, &y0);
          linli_map_view_to_pixels (&closer, box[0], box[3], &x1, &y1);
          g_assert_true (x1 - x0 > 1920 - 80 || y1 - y0 > 840 - 80);
        }
    }
}

static void
test_proposal (void)
{
  g_autoptr (LinliDocument) document = generated_document (4);
  LinliProject *project = linli_document_get_project (document);
  g_autoptr (GListStore) views = g_list_store_new (LINLI_TYPE_MEETING_VIEW);
  g_autoptr (LinliMeetingView) last = NULL;
  const char *ids[3] = { NULL };
  double radius = linli_project_get_coverage_radius (project);
  LinliMapView fitted;
  guint n;

  g_assert_cmpuint (linli_project_get_n_sites (project), >=, 2);
  ids[0] = linli_site_get_id (linli_project_get_site (project, 0));
  ids[1] = "no-such-site";
  ids[2] = linli_site_get_id (linli_project_get_site (project, 1));
  linli_meeting_views_append_defaults (views, document, ids, 3);
  n = g_list_model_get_n_items (G_LIST_MODEL (views));
  last = g_list_model_get_item (G_LIST_MODEL (views), n - 1);
  g_assert_cmpstr (linli_meeting_view_get_kind (last), ==, "proposal");

  /* Both sites and their whole circles are on the map: the points one
   * radius north, south, east and west of each site, by the local
   * projection, which is independent of the view's own arithmetic. */
  g_assert_true (linli_meeting_view_compute (last, 1600, 900, 20, &fitted));
  for (guint k = 0; k < 3; k += 2)
    {
      LinliSite *site = linli_project_find_site (project, ids[k], NULL);
      const LinliProjection *proj = linli_project_get_projection (project);
      double x, y;
      const double d[4][2] = { { 0, 1 }, { 0, -1 }, { 1, 0 }, { -1, 0 } };

      linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
      for (guint j = 0; j < 4; j++)
        {
          double lat, lon;

          /* Slightly inside the circle: the box is an approximation of a
           * metre in degrees, good to a fraction of a per cent. */
          linli_projection_inverse (proj, x + 0.99 * radius * d[j][0], y + 0.99 * radius * d[j][1],
                                    &lat, &lon);
          assert_inside (&fitted, lat, lon, 20);
        }
    }
}

static void
test_center_and_settings (void)
{
  g_autoptr (LinliMeetingView) view = linli_meeting_view_new_center ("scenario-after", "After",
                                                                     30.3, 120.1, 15.5);
  g_autoptr (LinliPainter) painter = linli_painter_new ();
  LinliBuildingColors colors;
  LinliMapView fitted;
  gboolean show;

  g_assert_false (linli_meeting_view_get_bounds (view, NULL, NULL, NULL, NULL));
  g_assert_true (linli_meeting_view_compute (view, 800, 600, 10, &fitted));
  g_assert_cmpfloat (fitted.center_lat, ==, 30.3);
  g_assert_cmpfloat (fitted.center_lon, ==, 120.1);
  g_assert_cmpfloat (fitted.zoom, ==, 15.5);
  g_assert_false (linli_meeting_view_compute (view, 0, 600, 10, &fitted));

  /* Settings not asked for stay as the painter has them. */
  linli_painter_set_show_grids (painter, TRUE);
  g_assert_false (linli_meeting_view_get_building_colors (view, &colors));
  g_assert_false (linli_meeting_view_get_show_grids (view, &show));
  linli_meeting_view_apply (view, painter);
  g_assert_cmpint (linli_painter_get_building_colors (painter), ==, LINLI_BUILDING_COLORS_COVERAGE);
  g_assert_true (linli_painter_get_show_grids (painter));

  linli_meeting_view_set_building_colors (view, LINLI_BUILDING_COLORS_CHAIN);
  linli_meeting_view_set_show_grids (view, FALSE);
  g_assert_true (linli_meeting_view_get_building_colors (view, &colors));
  g_assert_cmpint (colors, ==, LINLI_BUILDING_COLORS_CHAIN);
  linli_meeting_view_apply (view, painter);
  g_assert_cmpint (linli_painter_get_building_colors (painter), ==, LINLI_BUILDING_COLORS_CHAIN);
  g_assert_false (linli_painter_get_show_grids (painter));
  g_assert_finalize_object (g_steal_pointer (&painter));
  g_assert_finalize_object (g_steal_pointer (&view));
}

/* An empty project has nothing to show, so no views. */
static void
test_empty (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  g_autoptr (LinliDocument) document = linli_document_new (project, NULL);
  g_autoptr (GListStore) views = g_list_store_new (LINLI_TYPE_MEETING_VIEW);

  linli_meeting_views_append_defaults (views, document, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (views)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/meeting-view/defaults", test_defaults);
  g_test_add_func ("/meeting-view/proposal", test_proposal);
  g_test_add_func ("/meeting-view/center-and-settings", test_center_and_settings);
  g_test_add_func ("/meeting-view/empty", test_empty);
  return g_test_run ();
}
