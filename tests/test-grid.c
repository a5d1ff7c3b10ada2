/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "linli-test-utils.h"
#include "linli-document.h"
#include "linli-format.h"
#include "linli-generator.h"
#include "linli-geos.h"
#include "linli-grid-assignment.h"
#include "linli-grid-check.h"
#include "linli-violation.h"
#include "linli-grid-edits.h"
#include "linli-grid-propose.h"
#include "linli-grids.h"

/* Auxiliary methods */

static LinliProject *
small_district (guint32 seed,
                guint   n_buildings)
{
  LinliGeneratorOptions options;

  linli_generator_options_init (&options);
  options.seed = seed;
  options.n_buildings = n_buildings;
  return linli_generate_district (&options);
}

static void
project_extent (LinliProject *project,
                LinliExtent  *extent)
{
  g_assert_true (linli_project_get_bounds (project, &extent->min_lat, &extent->min_lon,
                                           &extent->max_lat, &extent->max_lon));
}

/* Rectangles tiling the district in @rows × @cols, each given to the
 * community of the building nearest its centre. */
static void
tile_grids (LinliProject *project,
            guint         rows,
            guint         cols,
            double        overlap)
{
  LinliGrids *grids = linli_project_get_grids (project);
  LinliExtent e;
  double dlat, dlon;

  project_extent (project, &e);
  dlat = (e.max_lat - e.min_lat) / rows;
  dlon = (e.max_lon - e.min_lon) / cols;
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        g_autofree char *id = linli_grids_new_id (grids);
        /* Outer edges pushed out so that every building is inside one tile. */
        double lat0 = r == 0 ? e.min_lat - 1e-4 : e.min_lat + r * dlat;
        double lat1 = r + 1 == rows ? e.max_lat + 1e-4 : e.min_lat + (r + 1) * dlat + overlap * dlat;
        double lon0 = c == 0 ? e.min_lon - 1e-4 : e.min_lon + c * dlon;
        double lon1 = c + 1 == cols ? e.max_lon + 1e-4 : e.min_lon + (c + 1) * dlon;
        g_autoptr (LinliPolygon) rect = linli_polygon_new_rectangle (lat0, lon0, lat1, lon1);
        LinliGridState state = { id, NULL, NULL, 0, NULL, NULL, rect, FALSE };
        g_autoptr (LinliGrid) grid = linli_grid_new (&state);

        linli_grids_insert (grids, G_MAXUINT, grid);
      }
}

/* Polygons */

static void
test_polygon_measures (void)
{
  LinliProjection proj;
  g_autoptr (LinliPolygon) rect = linli_polygon_new_rectangle (30.0, 120.0, 30.01, 120.02);
  LinliLatLon outer[4] = { { 30.0, 120.0 }, { 30.0, 120.02 }, { 30.01, 120.02 }, { 30.01, 120.0 } };
  LinliLatLon pts[8];
  guint lengths[2] = { 4, 4 };
  gboolean holes[2] = { FALSE, TRUE };
  g_autoptr (LinliPolygon) holed = NULL;
  double w, h, lat, lon;

  linli_projection_init (&proj, 30.005, 120.01);
  w = linli_projection_distance (&proj, 30.005, 120.0, 30.005, 120.02);
  h = linli_projection_distance (&proj, 30.0, 120.01, 30.01, 120.01);
  g_assert_cmpfloat_with_epsilon (linli_polygon_area (rect, &proj), w * h, w * h * 1e-9);
  g_assert_cmpfloat_with_epsilon (linli_polygon_perimeter (rect, &proj), 2 * (w + h), 1e-6);
  linli_polygon_centroid (rect, &proj, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 30.005, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 120.01, 1e-9);

  /* A hole in the middle: its area comes out, its inside is outside. */
  memcpy (pts, outer, sizeof outer);
  pts[4] = (LinliLatLon) { 30.004, 120.008 };
  pts[5] = (LinliLatLon) { 30.006, 120.008 };
  pts[6] = (LinliLatLon) { 30.006, 120.012 };
  pts[7] = (LinliLatLon) { 30.004, 120.012 };
  holed = linli_polygon_new (pts, lengths, holes, 2);
  g_assert_cmpuint (linli_polygon_get_n_parts (holed), ==, 1);
  g_assert_true (linli_polygon_contains (holed, 30.001, 120.001));
  g_assert_false (linli_polygon_contains (holed, 30.005, 120.01));
  g_assert_false (linli_polygon_contains (holed, 30.02, 120.01));
  {
    double hw = linli_projection_distance (&proj, 30.005, 120.008, 30.005, 120.012);
    double hh = linli_projection_distance (&proj, 30.004, 120.01, 30.006, 120.01);

    g_assert_cmpfloat_with_epsilon (linli_polygon_area (holed, &proj), w * h - hw * hh, 1e-3);
  }
  g_assert_null (linli_polygon_check (holed, &proj));
}

static void
test_polygon_geos (void)
{
  LinliProjection proj;
  LinliLatLon bow[4] = { { 30.0, 120.0 }, { 30.01, 120.01 }, { 30.0, 120.01 }, { 30.01, 120.0 } };
  g_autoptr (LinliPolygon) bowtie = linli_polygon_new_simple (bow, 4);
  g_autoptr (LinliPolygon) fixed = NULL;
  g_autoptr (LinliPolygon) rect = linli_polygon_new_rectangle (30.0, 120.0, 30.01, 120.02);
  LinliLatLon cut[2] = { { 29.99, 120.01 }, { 30.02, 120.01 } };
  LinliLatLon miss[2] = { { 29.99, 120.03 }, { 30.02, 120.03 } };
  g_autoptr (GPtrArray) pieces = NULL;
  g_autoptr (LinliPolygon) joined = NULL;
  g_autofree char *problem = NULL;

  linli_projection_init (&proj, 30.005, 120.01);

  /* A bow tie is refused with a reason and a place, and repaired into two parts. */
  problem = linli_polygon_check (bowtie, &proj);
  g_assert_nonnull (problem);
  g_assert_true (strstr (problem, "30.00") != NULL);
  fixed = linli_polygon_make_valid (bowtie, &proj);
  g_assert_nonnull (fixed);
  g_assert_cmpuint (linli_polygon_get_n_parts (fixed), ==, 2);
  g_assert_null (linli_polygon_check (fixed, &proj));

  /* A cut down the middle: two halves, areas adding up, the union the whole. */
  pieces = linli_polygon_split (rect, cut, 2, &proj);
  g_assert_cmpuint (pieces->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (linli_polygon_area (pieces->pdata[0], &proj) +
                                  linli_polygon_area (pieces->pdata[1], &proj),
                                  linli_polygon_area (rect, &proj), 1.0);
  g_assert_cmpfloat_with_epsilon (linli_polygon_area (pieces->pdata[0], &proj),
                                  linli_polygon_area (pieces->pdata[1], &proj), 1.0);
  g_assert_cmpfloat (linli_polygon_shared_length (pieces->pdata[0], pieces->pdata[1], 0.01, &proj), >, 1100);
  joined = linli_polygon_union ((LinliPolygon **) pieces->pdata, 2, &proj);
  g_assert_cmpfloat_with_epsilon (linli_polygon_area (joined, &proj), linli_polygon_area (rect, &proj), 1.0);
  g_assert_cmpuint (linli_polygon_get_n_parts (joined), ==, 1);
  g_ptr_array_unref (g_steal_pointer (&pieces));

  /* A line that misses cuts nothing. */
  pieces = linli_polygon_split (rect, miss, 2, &proj);
  g_assert_cmpuint (pieces->len, ==, 1);
}

/* Voronoi cells: one per site, each holding its site and no other. */
static void
test_polygon_voronoi (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autoptr (LinliPolygon) clip = linli_polygon_new_rectangle (30.0, 120.0, 30.01, 120.01);
  LinliProjection proj;
  LinliLatLon sites[40];
  g_autoptr (GPtrArray) cells = NULL;
  double total = 0;

  linli_projection_init (&proj, 30.005, 120.005);
  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    sites[i] = (LinliLatLon) { g_rand_double_range (rand, 30.0005, 30.0095),
                               g_rand_double_range (rand, 120.0005, 120.0095) };
  cells = linli_polygon_voronoi (sites, G_N_ELEMENTS (sites), clip, &proj);
  g_assert_cmpuint (cells->len, ==, G_N_ELEMENTS (sites));
  for (guint i = 0; i < cells->len; i++)
    {
      g_assert_nonnull (cells->pdata[i]);
      g_assert_true (linli_polygon_contains (cells->pdata[i], sites[i].lat, sites[i].lon));
      for (guint j = 0; j < G_N_ELEMENTS (sites); j++)
        if (j != i)
          g_assert_false (linli_polygon_contains (cells->pdata[i], sites[j].lat, sites[j].lon));
      total += linli_polygon_area (cells->pdata[i], &proj);
    }
  g_assert_cmpfloat_with_epsilon (total, linli_polygon_area (clip, &proj), 1.0);
}

/* Assignment */

/* Against brute force: every building in the first grid whose outline
 * holds it by the even-odd rule, figures summed independently. */
static void
check_assignment (LinliProject *project)
{
  g_autoptr (LinliGridAssignment) a = linli_grid_assignment_new (project);
  LinliGrids *grids = linli_project_get_grids (project);
  guint n_grids = linli_grids_get_n_grids (grids);
  const int *building_grid = linli_grid_assignment_get_building_grids (a);
  g_autofree guint *households = g_new0 (guint, n_grids);
  g_autofree guint *counts = g_new0 (guint, n_grids);
  guint n_unassigned = 0, n_shared = 0, n;

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      int expected = -1;
      guint inside = 0;

      for (guint g = 0; g < n_grids; g++)
        if (linli_polygon_contains (linli_grid_get_polygon (linli_grids_get_grid (grids, g)), b->lat, b->lon))
          {
            if (expected < 0)
              expected = g;
            inside++;
          }
      g_assert_cmpint (building_grid[i], ==, expected);
      if (expected < 0)
        n_unassigned++;
      else
        {
          households[expected] += b->households;
          counts[expected]++;
        }
      n_shared += inside > 1;
    }
  for (guint g = 0; g < n_grids; g++)
    {
      const LinliGridFigures *f = linli_grid_assignment_get_figures (a, g);

      g_assert_cmpuint (f->households, ==, households[g]);
      g_assert_cmpuint (f->buildings, ==, counts[g]);
      g_assert_cmpint (f->in_range, ==, households[g] >= linli_grids_get_min_households (grids) &&
                                        households[g] <= linli_grids_get_max_households (grids));
      g_assert_true (f->contiguous);
      g_assert_cmpfloat (f->polsby_popper, >, 0.5);  /* rectangles of moderate aspect */
    }
  linli_grid_assignment_get_unassigned (a, &n);
  g_assert_cmpuint (n, ==, n_unassigned);
  linli_grid_assignment_get_shared (a, &n);
  g_assert_cmpuint (n, ==, n_shared);
}

static void
test_assignment_tiles (void)
{
  g_autoptr (LinliProject) project = small_district (11, 3000);
  LinliGrids *grids = linli_project_get_grids (project);
  guint n;

  tile_grids (project, 4, 5, 0.0);
  check_assignment (project);
  {
    g_autoptr (LinliGridAssignment) a = linli_grid_assignment_new (project);

    linli_grid_assignment_get_overlaps (a, &n);
    g_assert_cmpuint (n, ==, 0);
  }

  /* Taller tiles overlap the row above: overlaps found, shared buildings counted. */
  while (linli_grids_get_n_grids (grids) > 0)
    linli_grids_remove (grids, linli_grids_get_grid (grids, 0));
  tile_grids (project, 3, 3, 0.2);
  check_assignment (project);
  {
    g_autoptr (LinliGridAssignment) a = linli_grid_assignment_new (project);
    const LinliGridOverlap *o = linli_grid_assignment_get_overlaps (a, &n);

    g_assert_cmpuint (n, ==, 6);  /* 3 columns × 2 row boundaries */
    for (guint k = 0; k < n; k++)
      {
        double area = linli_polygon_overlap_area (
          linli_grid_get_polygon (linli_grids_get_grid (grids, o[k].a)),
          linli_grid_get_polygon (linli_grids_get_grid (grids, o[k].b)), linli_project_get_projection (project));
        g_assert_cmpfloat_with_epsilon (o[k].area, area, 1e-6 * area + 1e-6);
      }
  }

  /* Half the district covered: the rest is unassigned. */
  while (linli_grids_get_n_grids (grids) > 1)
    linli_grids_remove (grids, linli_grids_get_grid (grids, 1));
  check_assignment (project);
}

/* Edits */

static guint
count_inside (LinliProject *project,
              LinliPolygon *polygon)
{
  guint n = 0;

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    n += linli_polygon_contains (polygon, linli_project_get_building (project, i)->lat,
                                 linli_project_get_building (project, i)->lon);
  return n;
}

static void
test_edits (void)
{
  g_autoptr (LinliProject) project = small_district (5, 1500);
  g_autoptr (LinliDocument) document = linli_document_new (project, NULL);
  LinliHistory *history = linli_document_get_history (document);
  LinliGrids *grids = linli_project_get_grids (project);
  const LinliProjection *proj = linli_project_get_projection (project);
  g_autoptr (GError) error = NULL;
  LinliExtent e;
  double mid_lat, mid_lon;
  LinliGrid *a, *b;
  g_autofree char *a_id = NULL;
  LinliLatLon left[4], right[4], bad[2] = { { 0, 0 }, { 0, 0 } };
  double area_a, area_b;

  project_extent (project, &e);
  /* Drawn a little beyond the outermost buildings, none on an edge. */
  e.min_lat -= 1e-4, e.min_lon -= 1e-4, e.max_lat += 1e-4, e.max_lon += 1e-4;
  mid_lat = (e.min_lat + e.max_lat) / 2;
  mid_lon = (e.min_lon + e.max_lon) / 2;
  left[0] = (LinliLatLon) { e.min_lat, e.min_lon };
  left[1] = (LinliLatLon) { e.min_lat, mid_lon };
  left[2] = (LinliLatLon) { e.max_lat, mid_lon };
  left[3] = (LinliLatLon) { e.max_lat, e.min_lon };
  /* The right half drawn 3 m into the left one: the overlap is left to the
   * left grid, so the two share an edge. */
  right[0] = (LinliLatLon) { e.min_lat, mid_lon - 3.0 / proj->m_per_deg_lon };
  right[1] = (LinliLatLon) { e.min_lat, e.max_lon };
  right[2] = (LinliLatLon) { e.max_lat, e.max_lon };
  right[3] = (LinliLatLon) { e.max_lat, mid_lon - 3.0 / proj->m_per_deg_lon };

  a = linli_grid_edits_add (history, 0, left, 4, &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  a_id = g_strdup (linli_grid_get_id (a));
  b = linli_grid_edits_add (history, 0, right, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 2);
  g_assert_cmpfloat (linli_polygon_overlap_area (linli_grid_get_polygon (a), linli_grid_get_polygon (b), proj),
                     <, 1.0);
  {
    g_autofree char *code = g_strconcat (linli_project_get_community (project, 0)->id, "001", NULL);

    g_assert_cmpstr (linli_grid_get_code (a), ==, code);
  }
  {
    const LinliGridAssignment *asg = linli_document_get_grid_assignment (document);
    guint n;

    linli_grid_assignment_get_unassigned (asg, &n);
    g_assert_cmpuint (n, ==, linli_project_get_n_buildings (project)
                               - count_inside (project, linli_grid_get_polygon (a))
                               - count_inside (project, linli_grid_get_polygon (b)));
  }

  /* An outline wholly inside another grid is refused: nothing is left of it. */
  g_assert_null (linli_grid_edits_add (history, 0, left, 4, &error));
  g_assert_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (linli_grid_edits_split (history, a, bad, 1, &error));
  g_clear_error (&error);

  /* Merge, undo, redo. */
  area_a = linli_polygon_area (linli_grid_get_polygon (a), proj);
  area_b = linli_polygon_area (linli_grid_get_polygon (b), proj);
  g_assert_true (linli_grid_edits_merge (history, a, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);
  a = linli_grids_find (grids, a_id, NULL);
  g_assert_cmpfloat_with_epsilon (linli_polygon_area (linli_grid_get_polygon (a), proj), area_a + area_b,
                                  1e-6 * (area_a + area_b));
  g_assert_cmpuint (linli_polygon_get_n_parts (linli_grid_get_polygon (a)), ==, 1);
  g_assert_true (linli_history_undo (history));
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 2);
  g_assert_true (linli_history_redo (history));
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);

  /* Split along the middle again: two grids, all buildings kept. */
  {
    LinliLatLon line[2] = { { e.min_lat - 0.001, mid_lon }, { e.max_lat + 0.001, mid_lon } };
    guint before = count_inside (project, linli_grid_get_polygon (a));

    g_assert_true (linli_grid_edits_split (history, a, line, 2, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 2);
    g_assert_cmpuint (count_inside (project, linli_grid_get_polygon (linli_grids_get_grid (grids, 0))) +
                      count_inside (project, linli_grid_get_polygon (linli_grids_get_grid (grids, 1))), ==, before);
    g_assert_true (linli_history_undo (history));
    g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);
    g_assert_true (linli_history_redo (history));
  }

  /* Renumber: the western grid first. */
  linli_grid_edits_renumber (history, 0);
  {
    LinliGrid *g0 = linli_grids_get_grid (grids, 0), *g1 = linli_grids_get_grid (grids, 1);
    double lat0, lon0, lat1, lon1;
    LinliGrid *west;

    linli_polygon_centroid (linli_grid_get_polygon (g0), proj, &lat0, &lon0);
    linli_polygon_centroid (linli_grid_get_polygon (g1), proj, &lat1, &lon1);
    west = lon0 < lon1 ? g0 : g1;
    g_assert_true (g_str_has_suffix (linli_grid_get_code (west), "001"));
    g_assert_true (g_str_has_suffix (linli_grid_get_code (west == g0 ? g1 : g0), "002"));
  }

  /* Moving a vertex, and the range. */
  {
    LinliGrid *g0 = linli_grids_get_grid (grids, 0);
    guint n;
    const LinliLatLon *ring = linli_polygon_get_ring (linli_grid_get_polygon (g0), 0, &n);
    double old_area = linli_polygon_area (linli_grid_get_polygon (g0), proj);
    LinliLatLon far = ring[0];

    far.lat += (ring[0].lat < mid_lat ? -1 : 1) * 0.002;
    g_assert_true (linli_grid_edits_move_vertex (history, g0, 0, 0, far.lat, far.lon, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (fabs (linli_polygon_area (linli_grid_get_polygon (g0), proj) - old_area), >, 1.0);
    g_assert_true (linli_history_undo (history));
    g_assert_cmpfloat_with_epsilon (linli_polygon_area (linli_grid_get_polygon (g0), proj), old_area, 1e-6);
  }
  linli_grid_edits_set_range (history, 100, 200);
  g_assert_cmpuint (linli_grids_get_min_households (grids), ==, 100);
  g_assert_true (linli_history_undo (history));
  g_assert_cmpuint (linli_grids_get_max_households (grids), ==, LINLI_GRIDS_DEFAULT_MAX);
}

/* The document drops the assignment when the grids change and says so. */
static void
on_grids_changed_cb (guint *count)
{
  (*count)++;
}

static void
test_document (void)
{
  g_autoptr (LinliProject) project = small_district (8, 1000);
  g_autoptr (LinliDocument) document = linli_document_new (project, NULL);
  guint changed = 0;
  gboolean derived = FALSE;
  LinliPolygon *boundary;
  const LinliGridAssignment *a;

  g_signal_connect_swapped (document, "grids-changed", G_CALLBACK (on_grids_changed_cb), &changed);
  a = linli_document_get_grid_assignment (document);
  g_assert_cmpuint (linli_grid_assignment_get_n_grids (a), ==, 0);
  tile_grids (project, 2, 2, 0.0);
  g_assert_cmpuint (changed, >, 0);
  a = linli_document_get_grid_assignment (document);
  g_assert_cmpuint (linli_grid_assignment_get_n_grids (a), ==, 4);

  /* A derived boundary holds every building of its community. */
  boundary = linli_document_get_community_boundary (document, 0, &derived);
  g_assert_true (derived);
  g_assert_nonnull (boundary);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    if (linli_project_building_community (project, i) == 0)
      g_assert_true (linli_polygon_contains (boundary, linli_project_get_building (project, i)->lat,
                                             linli_project_get_building (project, i)->lon));
  linli_grids_set_community_boundary (linli_project_get_grids (project), 0, boundary);
  g_assert_true (linli_document_get_community_boundary (document, 0, &derived) == boundary);
  g_assert_false (derived);
}

/* Files */

static char *
save_string (LinliProject *project)
{
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_round_trip (void)
{
  g_autoptr (LinliProject) project = small_district (21, 800);
  LinliGrids *grids = linli_project_get_grids (project);
  g_autoptr (LinliProject) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  LinliLatLon pts[8] = { { 30.0, 120.0 }, { 30.0, 120.02 }, { 30.01, 120.02 }, { 30.01, 120.0 },
                         { 30.004, 120.008 }, { 30.006, 120.008 }, { 30.006, 120.012 }, { 30.004, 120.012 } };
  guint lengths[2] = { 4, 4 };
  gboolean holes[2] = { FALSE, TRUE };
  g_autoptr (LinliPolygon) holed = linli_polygon_new (pts, lengths, holes, 2);
  LinliExtent e;

  tile_grids (project, 2, 3, 0.0);
  {
    LinliGrid *g = linli_grids_get_grid (grids, 1);
    g_autoptr (LinliGridState) s = linli_grid_state_copy (linli_grid_get_state (g));

    s->code = g_strdup ("c1001");
    s->name = g_strdup ("第一网格 <&\">");
    s->worker = g_strdup ("王小明");
    s->branch = g_strdup ("b7");
    s->locked = TRUE;
    linli_grid_apply_state (g, s);
  }
  project_extent (project, &e);
  linli_grids_set_range (grids, 250, 450);
  {
    g_autoptr (LinliPolygon) corner = linli_polygon_new_rectangle (e.min_lat, e.min_lon, e.min_lat + 0.001,
                                                                   e.min_lon + 0.001);

    linli_grids_set_compound_boundary (grids, 1, corner);
  }
  (void) holed;
  linli_project_set_hide_names (project, TRUE);

  first = save_string (project);
  g_assert_nonnull (strstr (first, "<linli version=\"2\""));
  back = linli_format_load_data (first, strlen (first), "round-trip.linli", &error);
  g_assert_no_error (error);
  g_assert_true (linli_project_get_hide_names (back));
  g_assert_cmpuint (linli_grids_get_n_grids (linli_project_get_grids (back)), ==, 6);
  g_assert_cmpuint (linli_grids_get_min_households (linli_project_get_grids (back)), ==, 250);
  g_assert_nonnull (linli_grids_get_compound_boundary (linli_project_get_grids (back), 1));
  for (guint i = 0; i < 6; i++)
    {
      const LinliGridState *a = linli_grid_get_state (linli_grids_get_grid (grids, i));
      const LinliGridState *b = linli_grid_get_state (linli_grids_get_grid (linli_project_get_grids (back), i));

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->code, ==, b->code);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->worker, ==, b->worker);
      g_assert_cmpstr (a->branch, ==, b->branch);
      g_assert_cmpint (a->locked, ==, b->locked);
      g_assert_cmpuint (a->community, ==, b->community);
      g_assert_cmpuint (linli_polygon_get_n_points (a->polygon), ==, linli_polygon_get_n_points (b->polygon));
    }
  second = save_string (back);
  g_assert_cmpstr (first, ==, second);
}

typedef struct
{
  const char *name;
  const char *grids;     /* the <grids> section */
  const char *message;   /* what the error says */
  int         line;
} HostileCase;

static const HostileCase hostile_cases[] = {
  { "bow-tie", "<grids><grid id=\"g1\" community=\"C\">\n<ring>120,30 120.01,30.01 120.01,30 120,30.01</ring></grid></grids>",
    "not a valid polygon", 4 },
  { "dangling-community", "<grids>\n<grid id=\"g1\" community=\"nope\"><ring>120,30 120.01,30 120.01,30.01</ring></grid></grids>",
    "community “nope”", 5 },
  { "duplicate-id", "<grids><grid id=\"g1\" community=\"C\"><ring>120,30 120.01,30 120.01,30.01</ring></grid>\n"
    "<grid id=\"g1\" community=\"C\"><ring>120,30 120.01,30 120.01,30.01</ring></grid></grids>", "duplicate grid id", 5 },
  { "hole-first", "<grids><grid id=\"g1\" community=\"C\">\n<ring hole=\"true\">120,30 120.01,30 120.01,30.01</ring></grid></grids>",
    "is a hole", 5 },
  { "two-points", "<grids><grid id=\"g1\" community=\"C\">\n<ring>120,30 120.01,30</ring></grid></grids>",
    "at least 3 points", 5 },
  { "no-ring", "<grids><grid id=\"g1\" community=\"C\"/></grids>", "no outline", 4 },
  { "text-in-grid", "<grids><grid id=\"g1\" community=\"C\">hello</grid></grids>", "only <ring>", 4 },
  { "empty-range", "<grids min-households=\"600\" max-households=\"500\"/>", "is empty", 4 },
  { "unknown-attribute", "<grids><grid id=\"g1\" community=\"C\" colour=\"red\"><ring>120,30 120.01,30 120.01,30.01</ring></grid></grids>",
    "unknown attribute", 4 },
  { "boundary-both", "<grids><boundary community=\"C\" compound=\"K\"><ring>120,30 120.01,30 120.01,30.01</ring></boundary></grids>",
    "either", 4 },
  { "boundary-twice", "<grids><boundary community=\"C\"><ring>120,30 120.01,30 120.01,30.01</ring></boundary>\n"
    "<boundary community=\"C\"><ring>120,30 120.01,30 120.01,30.01</ring></boundary></grids>", "given twice", 5 },
  { "far-away", "<grids><grid id=\"g1\" community=\"C\">\n<ring>-120,30 120.01,30 120.01,30.01</ring></grid></grids>",
    "", 5 },
  { "name-too-long", NULL, "longer", 4 },
};

static void
test_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      const HostileCase *c = &hostile_cases[i];
      g_autofree char *grids = NULL;
      g_autofree char *doc = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;
      g_autofree char *where = NULL;

      if (c->grids == NULL)
        {
          g_autofree char *name = g_strnfill (1100, 'x');
          grids = g_strdup_printf ("<grids><grid id=\"g1\" community=\"C\" name=\"%s\"><ring>120,30 120.01,30 "
                                   "120.01,30.01</ring></grid></grids>", name);
        }
      else
        grids = g_strdup (c->grids);
      doc = g_strdup_printf ("<?xml version=\"1.0\"?>\n<linli version=\"2\">\n"
                             "<communities><community id=\"C\"/></communities><compounds><compound id=\"K\" community=\"C\"/></compounds>\n%s\n</linli>\n",
                             grids);
      project = linli_format_load_data (doc, strlen (doc), "hostile.linli", &error);
      g_test_message ("%s: %s", c->name, error ? error->message : "(loaded)");
      g_assert_null (project);
      g_assert_nonnull (error);
      g_assert_true (strstr (error->message, c->message) != NULL);
      where = g_strdup_printf ("hostile.linli:%d:", c->line);
      g_assert_true (g_str_has_prefix (error->message, where));
    }
}

/* Proposals */

/* On generated districts: every community divided, every grid in range
 * and in one piece, every building in exactly one grid, undo restores. */
static void
test_propose_generated (void)
{
  for (guint32 seed = 1; seed <= MIN (linli_test_cases (4), 2); seed++)
    {
      g_autoptr (LinliProject) project = small_district (seed, 1200);
      g_autoptr (LinliDocument) document = linli_document_new (project, NULL);
      LinliGrids *grids = linli_project_get_grids (project);
      LinliGridProposeOptions options;
      guint proposed = 0;

      linli_grid_propose_options_init (&options);
      options.seed = seed;
      for (guint c = 0; c < linli_project_get_n_communities (project); c++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (LinliGridProposal) proposal = linli_grid_propose (document, c, &options, NULL, &error);

          g_assert_no_error (error);
          g_assert_nonnull (proposal);
          if (proposal->problems != NULL)
            {
              for (guint k = 0; proposal->problems[k] != NULL; k++)
                g_test_message ("seed %u community %u: %s", seed, c, proposal->problems[k]);
              continue;
            }
          g_assert_cmpuint (proposal->states->len, >=, proposal->k_min);
          g_assert_cmpuint (proposal->states->len, <=, proposal->k_max);
          linli_grid_proposal_apply (proposal, document, c);
          proposed++;
        }
      g_assert_cmpuint (proposed, >, 0);
      {
        const LinliGridAssignment *a = linli_document_get_grid_assignment (document);
        const int *bg = linli_grid_assignment_get_building_grids (a);
        guint n;

        linli_grid_assignment_get_shared (a, &n);
        g_assert_cmpuint (n, ==, 0);
        for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
          {
            const LinliGridFigures *f = linli_grid_assignment_get_figures (a, g);

            g_assert_true (f->in_range);
            g_assert_true (f->contiguous);
            g_assert_cmpuint (f->foreign_buildings, ==, 0);
          }
        /* Every building of a divided community lies in a grid of it. */
        for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
          if (bg[i] >= 0)
            g_assert_cmpuint (linli_grid_get_community (linli_grids_get_grid (grids, bg[i])), ==,
                              linli_project_building_community (project, i));
      }
    }
}

/* A locked grid stays as it is when its community is proposed again; the
 * rest is divided around it. */
static void
test_propose_locked (void)
{
  g_autoptr (LinliProject) project = small_district (6, 900);
  g_autoptr (LinliDocument) document = linli_document_new (project, NULL);
  LinliGrids *grids = linli_project_get_grids (project);
  LinliGridProposeOptions options;
  g_autoptr (LinliGridProposal) first = NULL;
  g_autoptr (LinliGridProposal) second = NULL;
  g_autoptr (LinliGridState) locked = NULL;
  g_autofree char *locked_id = NULL;
  guint community = 0;

  linli_grid_propose_options_init (&options);
  /* The first community the proposal can divide. */
  for (; community < linli_project_get_n_communities (project); community++)
    {
      g_clear_pointer (&first, linli_grid_proposal_free);
      first = linli_grid_propose (document, community, &options, NULL, NULL);
      if (first != NULL && first->problems == NULL && first->states->len >= 3)
        break;
    }
  g_assert_nonnull (first);
  g_assert_null (first->problems);
  linli_grid_proposal_apply (first, document, community);

  locked = linli_grid_state_copy (linli_grid_get_state (linli_grids_get_grid (grids, 0)));
  locked->locked = TRUE;
  locked_id = g_strdup (locked->id);
  linli_grid_edits_change (linli_document_get_history (document), "lock", linli_grids_get_grid (grids, 0), locked);

  options.seed = 99;
  second = linli_grid_propose (document, community, &options, NULL, NULL);
  g_assert_nonnull (second);
  g_assert_null (second->problems);
  g_assert_cmpuint (second->n_locked, ==, 1);
  linli_grid_proposal_apply (second, document, community);
  {
    LinliGrid *kept = linli_grids_find (grids, locked_id, NULL);
    const LinliGridAssignment *a = linli_document_get_grid_assignment (document);
    guint n;

    g_assert_nonnull (kept);
    g_assert_true (linli_polygon_equal (linli_grid_get_polygon (kept), locked->polygon));
    linli_grid_assignment_get_shared (a, &n);
    g_assert_cmpuint (n, ==, 0);
    for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
      g_assert_true (linli_grid_assignment_get_figures (a, g)->in_range);
  }
}

/* A compound of one building above the maximum is named as the culprit. */
static void
test_propose_culprit (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  g_autoptr (LinliDocument) document = NULL;
  g_autoptr (LinliGridProposal) proposal = NULL;
  g_autoptr (GError) error = NULL;
  LinliGridProposeOptions options;
  guint c = linli_project_add_community (project, "C1", "幸福社区");
  guint big = linli_project_add_compound (project, "K1", "阳光小区", c);
  guint small = linli_project_add_compound (project, "K2", "绿园", c);
  gboolean named = FALSE;

  for (guint i = 0; i < 6; i++)
    {
      LinliBuilding b = { 0 };
      g_autofree char *id = g_strdup_printf ("b%u", i);

      b.id = id;
      b.name = id;
      b.lat = 30.0 + 0.0004 * (i % 3);
      b.lon = 120.0 + 0.0004 * (i / 3);
      b.compound = i == 0 ? big : small;
      b.households = i == 0 ? 620 : 80;
      linli_project_add_building (project, &b, NULL, 0);
    }
  document = linli_document_new (project, NULL);
  linli_grid_propose_options_init (&options);
  proposal = linli_grid_propose (document, c, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (proposal->problems);
  for (guint k = 0; proposal->problems[k] != NULL; k++)
    {
      g_test_message ("%s", proposal->problems[k]);
      named |= strstr (proposal->problems[k], "b0") != NULL && strstr (proposal->problems[k], "620") != NULL;
    }
  g_assert_true (named);
  g_assert_cmpuint (proposal->states->len, ==, 0);
}

/* Checks */

static guint
count_rule (GPtrArray  *violations,
            const char *rule,
            const char *id)
{
  guint n = 0;

  for (guint i = 0; i < violations->len; i++)
    {
      const LinliViolation *v = violations->pdata[i];

      if (g_strcmp0 (v->rule, rule) == 0 && (id == NULL || g_strcmp0 (v->id, id) == 0))
        n++;
    }
  return n;
}

static void
add_grid (LinliProject *project,
          const char   *id,
          guint         community,
          LinliPolygon *polygon)
{
  LinliGridState state = { (char *) id, (char *) id, NULL, community, NULL, NULL, polygon, FALSE };
  g_autoptr (LinliGrid) grid = linli_grid_new (&state);

  linli_grids_insert (linli_project_get_grids (project), G_MAXUINT, grid);
}

/* Each rule on a crafted project: a 3 × 3 block of buildings of 100
 * households in community A, one building in community B. */
static void
test_check_rules (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  guint a = linli_project_add_community (project, "A", "甲社区");
  guint b = linli_project_add_community (project, "B", "乙社区");
  guint ka = linli_project_add_compound (project, "KA", "甲小区", a);
  guint kb = linli_project_add_compound (project, "KB", "乙小区", b);
  LinliLatLon two[8] = { { 29.9995, 119.9995 }, { 29.9995, 120.0005 }, { 30.0015, 120.0005 }, { 30.0015, 119.9995 },
                         { 29.9995, 120.0015 }, { 29.9995, 120.0025 }, { 30.0015, 120.0025 }, { 30.0015, 120.0015 } };
  guint lengths[2] = { 4, 4 };
  g_autoptr (LinliPolygon) pieces = linli_polygon_new (two, lengths, NULL, 2);
  g_autoptr (LinliPolygon) middle = linli_polygon_new_rectangle (29.9995, 120.0005, 30.0025, 120.0015);
  g_autoptr (LinliPolygon) overlapping = linli_polygon_new_rectangle (30.0015, 119.9995, 30.0025, 120.0015);
  g_autoptr (LinliGridAssignment) assignment = NULL;
  g_autoptr (GPtrArray) violations = NULL;

  for (guint i = 0; i < 10; i++)
    {
      LinliBuilding bl = { 0 };
      g_autofree char *id = g_strdup_printf ("b%u", i);

      bl.id = id;
      bl.compound = i < 9 ? ka : kb;
      bl.households = 100;
      bl.lat = i < 9 ? 30.0 + 0.001 * (i / 3) : 30.1;
      bl.lon = i < 9 ? 120.0 + 0.001 * (i % 3) : 120.1;
      linli_project_add_building (project, &bl, NULL, 0);
    }
  /* g-two holds b0, b3 (left column, 200 households) and b2, b5 in a
   * second piece; "middle" holds b1, b4 and b7; "over" overlaps it, holding
   * b6 and b7; b8 is in none. */
  add_grid (project, "g-two", a, pieces);
  add_grid (project, "middle", a, middle);
  add_grid (project, "over", a, overlapping);

  assignment = linli_grid_assignment_new (project);
  violations = linli_grid_check (project, assignment);
  for (guint i = 0; i < violations->len; i++)
    g_test_message ("%s: %s", ((LinliViolation *) violations->pdata[i])->rule,
                    ((LinliViolation *) violations->pdata[i])->message);
  g_assert_cmpuint (count_rule (violations, "community-no-grids", "B"), ==, 1);
  g_assert_cmpuint (count_rule (violations, "building-no-grid", NULL), ==, 1);
  g_assert_cmpuint (count_rule (violations, "building-no-grid", "b8"), ==, 1);
  g_assert_cmpuint (count_rule (violations, "building-in-two-grids", "b7"), ==, 1);
  g_assert_cmpuint (count_rule (violations, "grid-overlap", NULL), ==, 1);
  g_assert_cmpuint (count_rule (violations, "grid-not-contiguous", "g-two"), ==, 1);
  g_assert_cmpuint (count_rule (violations, "grid-not-contiguous", NULL), ==, 1);
  /* Households: g-two 400, middle 300, over 100 (b7 belongs to middle). */
  g_assert_cmpuint (count_rule (violations, "grid-out-of-range", "over"), ==, 1);
  g_assert_cmpuint (count_rule (violations, "grid-out-of-range", NULL), ==, 1);
  g_assert_cmpuint (count_rule (violations, "grid-outside-community", NULL), ==, 0);

  /* A grid of community B around community A's buildings holds foreign buildings. */
  {
    g_autoptr (LinliPolygon) far = linli_polygon_new_rectangle (30.0035, 119.999, 30.004, 120.001);

    add_grid (project, "foreign", b, far);
  }
  {
    g_autoptr (LinliPolygon) around = linli_polygon_new_rectangle (30.0995, 120.0995, 30.1005, 120.1005);
    LinliGrids *grids = linli_project_get_grids (project);
    LinliGrid *foreign = linli_grids_find (grids, "foreign", NULL);
    g_autoptr (LinliGridState) st = linli_grid_state_copy (linli_grid_get_state (foreign));

    /* Moved onto B's building but given to community A: foreign. */
    g_clear_pointer (&st->polygon, linli_polygon_unref);
    st->polygon = linli_polygon_ref (around);
    st->community = a;
    linli_grid_apply_state (foreign, st);
  }
  g_clear_pointer (&assignment, linli_grid_assignment_free);
  g_clear_pointer (&violations, g_ptr_array_unref);
  assignment = linli_grid_assignment_new (project);
  violations = linli_grid_check (project, assignment);
  g_assert_cmpuint (count_rule (violations, "grid-outside-community", "foreign"), ==, 1);
  g_assert_cmpuint (count_rule (violations, "community-no-grids", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/polygon/measures", test_polygon_measures);
  g_test_add_func ("/polygon/geos", test_polygon_geos);
  g_test_add_func ("/polygon/voronoi", test_polygon_voronoi);
  g_test_add_func ("/grid/assignment", test_assignment_tiles);
  g_test_add_func ("/grid/edits", test_edits);
  g_test_add_func ("/grid/document", test_document);
  g_test_add_func ("/grid/round-trip", test_round_trip);
  g_test_add_func ("/grid/hostile", test_hostile);
  g_test_add_func ("/grid/check", test_check_rules);
  g_test_add_func ("/grid/propose/generated", test_propose_generated);
  g_test_add_func ("/grid/propose/culprit", test_propose_culprit);
  g_test_add_func ("/grid/propose/locked", test_propose_locked);
  return g_test_run ();
}
