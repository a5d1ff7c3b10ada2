/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Grids in the window, driven through the grid actions under Xvfb: a grid
 * drawn corner by corner, split along a line, merged back, undone and
 * redone, deleted; the Grids page's table, summary and problems checked
 * against counts made here, building by building. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "linli-grid-assignment.h"
#include "linli-grids.h"
#include "linli-format.h"
#include "linli-gui-test-utils.h"
#include "linli-window-private.h"

/* What the library says, in whatever language the test runs in. */
#define T(s) g_dgettext (GETTEXT_PACKAGE, s)

typedef struct
{
  char        *dir;
  char        *path;
  LinliWindow *window;
} Fixture;

/* What a polygon holds, counted here. */
typedef struct
{
  guint buildings;
  guint households;
  guint residents;
  guint members;
} Count;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  gsize len;

  f->dir = g_dir_make_tmp ("linli-grid-gui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "grids.linli", NULL);
  g_file_get_contents (sample, &contents, &len, &error);
  g_assert_no_error (error);
  /* The sample as it would be before its grids were drawn. */
  {
    g_autoptr (LinliProject) project = linli_format_load_data (contents, len, sample, &error);
    LinliGrids *grids;

    g_assert_no_error (error);
    grids = linli_project_get_grids (project);
    while (linli_grids_get_n_grids (grids) > 0)
      linli_grids_remove (grids, linli_grids_get_grid (grids, 0));
    g_assert_true (linli_format_save_file (project, f->path, &error));
    g_assert_no_error (error);
  }

  f->window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  file = g_file_new_for_path (f->path);
  g_assert_true (linli_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_stack_set_visible_child_name (f->window->side_stack, "grids");
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window->grid_panel)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  f->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  linli_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
}

static LinliGrids *
window_grids (Fixture *f)
{
  return linli_project_get_grids (linli_window_get_project (f->window));
}

static Count
count_inside (LinliProject       *project,
              const LinliPolygon *polygon)
{
  Count c = { 0 };

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);

      if (!linli_polygon_contains (polygon, b->lat, b->lon))
        continue;
      c.buildings++;
      c.households += b->households;
      c.residents += b->residents;
      c.members += b->party_members;
    }
  return c;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* The texts the table shows, row by row after the 12 titles. */
static GPtrArray *
table_texts (Fixture *f)
{
  GtkWidget *view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window->grid_panel),
                                                               LINLI_TYPE_GRID_PANEL, "column_view"));
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  linli_test_wait_ms (150);
  collect_labels (view, texts);
  return texts;
}

/* The table's row for the one grid shows what the grid holds. */
static void
assert_single_row (Fixture     *f,
                   LinliGrid   *grid,
                   const Count *expected)
{
  g_autoptr (GPtrArray) texts = table_texts (f);
  g_autofree char *households = g_strdup_printf ("%u", expected->households);
  g_autofree char *residents = g_strdup_printf ("%u", expected->residents);
  g_autofree char *buildings = g_strdup_printf ("%u", expected->buildings);
  g_autofree char *members = g_strdup_printf ("%u", expected->members);
  const LinliProjection *projection = linli_project_get_projection (linli_window_get_project (f->window));
  double area = linli_polygon_area (linli_grid_get_polygon (grid), projection);
  double perimeter = linli_polygon_perimeter (linli_grid_get_polygon (grid), projection);
  g_autofree char *compactness = g_strdup_printf ("%.2f", 4 * G_PI * area / (perimeter * perimeter));

  g_assert_cmpuint (texts->len, ==, 24);
  g_assert_cmpstr (texts->pdata[12], ==, linli_grid_get_code (grid));
  g_assert_cmpstr (texts->pdata[13], ==, linli_grid_get_name (grid));
  g_assert_cmpstr (texts->pdata[15], ==, households);
  g_assert_cmpstr (texts->pdata[16], ==, residents);
  g_assert_cmpstr (texts->pdata[17], ==, buildings);
  g_assert_cmpstr (texts->pdata[18], ==, members);
  g_assert_cmpstr (texts->pdata[19], ==, compactness);
  g_assert_cmpstr (texts->pdata[20], ==, "✔");   /* one piece */
}

static char *
expected_summary (guint grids,
                  guint out_of_range,
                  guint unassigned,
                  guint overlaps)
{
  return g_strdup_printf (T ("%u grids, %u out of range, %u buildings in no grid, %u overlapping pairs"),
                          grids, out_of_range, unassigned, overlaps);
}

static void
assert_summary (Fixture *f,
                guint    grids,
                guint    out_of_range,
                guint    unassigned)
{
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->window->grid_panel),
                                                              LINLI_TYPE_GRID_PANEL, "summary_label"));
  g_autofree char *expected = grids > 0 ? expected_summary (grids, out_of_range, unassigned, 0)
                                        : g_strdup (T ("No grids yet: draw one on the map"));

  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
  /* One problem row per building in no grid, up to 200 and a row that
   * says how many more. */
  g_assert_cmpuint (linli_grid_panel_get_n_problems (f->window->grid_panel), ==,
                    grids == 0 ? 0 : MIN (unassigned, 200) + (unassigned > 200));
}

/* Draw, split, merge, undo, redo, delete: everything through the actions,
 * everything checked against counts made here. */
static void
test_draw_split_merge (Fixture       *f,
                       gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  LinliGrids *grids = window_grids (f);
  guint n_buildings = linli_project_get_n_buildings (project);
  double min_lat = INFINITY, min_lon = INFINITY, max_lat = -INFINITY, max_lon = -INFINITY, mid_lon;
  LinliLatLon corners[4];
  g_autoptr (LinliPolygon) drawn = NULL;
  LinliGrid *grid, *a, *b;
  Count whole, ca, cb;
  guint min, max;

  for (guint i = 0; i < n_buildings; i++)
    {
      const LinliBuilding *building = linli_project_get_building (project, i);

      if (linli_project_building_community (project, i) != 0)
        continue;
      min_lat = MIN (min_lat, building->lat);
      max_lat = MAX (max_lat, building->lat);
      min_lon = MIN (min_lon, building->lon);
      max_lon = MAX (max_lon, building->lon);
    }
  /* Off every building by about 10 m, so "inside" is no matter of rounding. */
  mid_lon = (min_lon + max_lon) / 2 + 1.234e-5;
  corners[0] = (LinliLatLon) { max_lat + 1e-4, min_lon - 1e-4 };
  corners[1] = (LinliLatLon) { max_lat + 1e-4, max_lon + 1e-4 };
  corners[2] = (LinliLatLon) { min_lat - 1e-4, max_lon + 1e-4 };
  corners[3] = (LinliLatLon) { min_lat - 1e-4, min_lon - 1e-4 };
  drawn = linli_polygon_new_simple (corners, 4);
  whole = count_inside (project, drawn);
  g_assert_cmpuint (whole.buildings, >, 10);
  assert_summary (f, 0, 0, 0);

  /* A drawing taken back and stopped adds nothing. */
  activate (f, "grid.draw");
  g_assert_cmpint (linli_window_get_grid_tool (f->window), ==, LINLI_GRID_TOOL_DRAW);
  linli_window_grid_tool_click_at (f->window, corners[0].lat, corners[0].lon);
  linli_window_grid_tool_click_at (f->window, corners[1].lat, corners[1].lon);
  g_assert_cmpuint (f->window->grid_points->len, ==, 2);
  activate (f, "grid.remove-point");
  g_assert_cmpuint (f->window->grid_points->len, ==, 1);
  activate (f, "win.cancel");
  g_assert_cmpint (linli_window_get_grid_tool (f->window), ==, LINLI_GRID_TOOL_NONE);
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 0);

  /* Drawn corner by corner, then closed. */
  activate (f, "grid.draw");
  for (guint i = 0; i < 4; i++)
    linli_window_grid_tool_click_at (f->window, corners[i].lat, corners[i].lon);
  activate (f, "grid.finish");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);
  grid = linli_grids_get_grid (grids, 0);
  g_assert_true (linli_window_get_selected_grid (f->window) == grid);
  g_assert_true (linli_grid_panel_get_selected (f->window->grid_panel) == grid);
  g_assert_cmpuint (linli_grid_get_community (grid), ==, 0);
  ca = count_inside (project, linli_grid_get_polygon (grid));
  g_assert_cmpuint (ca.households, ==, whole.households);
  assert_single_row (f, grid, &whole);
  min = linli_grids_get_min_households (grids);
  max = linli_grids_get_max_households (grids);
  assert_summary (f, 1, !(whole.households >= min && whole.households <= max), n_buildings - whole.buildings);

  /* The range, through its spin buttons: the grid falls out of it. */
  {
    GtkSpinButton *min_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (f->window->grid_panel),
                                                                              LINLI_TYPE_GRID_PANEL, "min_spin"));
    GtkSpinButton *max_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (f->window->grid_panel),
                                                                              LINLI_TYPE_GRID_PANEL, "max_spin"));

    gtk_spin_button_set_value (max_spin, whole.households + 1000);
    gtk_spin_button_set_value (min_spin, whole.households + 1);
    g_assert_cmpuint (linli_grids_get_min_households (grids), ==, whole.households + 1);
    assert_summary (f, 1, 1, n_buildings - whole.buildings);
    activate (f, "win.undo");
    activate (f, "win.undo");
    g_assert_cmpuint (linli_grids_get_min_households (grids), ==, min);
    g_assert_cmpuint (linli_grids_get_max_households (grids), ==, max);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (min_spin), ==, (int) min);
  }

  /* Split along a line across it, north to south. */
  g_assert_true (linli_window_get_selected_grid (f->window) == grid);
  activate (f, "grid.split");
  linli_window_grid_tool_click_at (f->window, max_lat + 5e-4, mid_lon);
  linli_window_grid_tool_click_at (f->window, min_lat - 5e-4, mid_lon);
  activate (f, "grid.finish");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 2);
  a = linli_grids_get_grid (grids, 0);
  b = linli_grids_get_grid (grids, 1);
  ca = count_inside (project, linli_grid_get_polygon (a));
  cb = count_inside (project, linli_grid_get_polygon (b));
  g_assert_cmpuint (ca.households + cb.households, ==, whole.households);
  g_assert_cmpuint (ca.buildings + cb.buildings, ==, whole.buildings);
  {
    LinliDocument *document = linli_window_get_document (f->window);
    const LinliGridAssignment *assignment = linli_document_get_grid_assignment (document);

    g_assert_cmpuint (linli_grid_assignment_get_figures (assignment, 0)->households, ==, ca.households);
    g_assert_cmpuint (linli_grid_assignment_get_figures (assignment, 1)->households, ==, cb.households);
  }
  assert_summary (f, 2, !(ca.households >= min && ca.households <= max) + !(cb.households >= min && cb.households <= max),
                  n_buildings - whole.buildings);

  /* Merged back: the selected grid and the next one clicked. */
  linli_window_select_grid (f->window, a, FALSE);
  activate (f, "grid.merge");
  {
    LinliExtent extent;
    double lat, lon;

    linli_polygon_get_extent (linli_grid_get_polygon (b), &extent);
    lat = (extent.min_lat + extent.max_lat) / 2;
    lon = (extent.min_lon + extent.max_lon) / 2;
    g_assert_true (linli_polygon_contains (linli_grid_get_polygon (b), lat, lon));
    linli_window_grid_tool_click_at (f->window, lat, lon);
  }
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);
  ca = count_inside (project, linli_grid_get_polygon (linli_grids_get_grid (grids, 0)));
  g_assert_cmpuint (ca.households, ==, whole.households);
  assert_single_row (f, linli_grids_get_grid (grids, 0), &whole);

  /* Undo the merge, then the split; redo both. */
  activate (f, "win.undo");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 2);
  activate (f, "win.undo");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);
  assert_single_row (f, linli_grids_get_grid (grids, 0), &whole);
  activate (f, "win.redo");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 2);
  activate (f, "win.redo");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);

  /* Deleted: the table and the summary empty, the problems gone. */
  linli_window_select_grid (f->window, linli_grids_get_grid (grids, 0), TRUE);
  activate (f, "grid.delete");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 0);
  g_assert_null (linli_window_get_selected_grid (f->window));
  {
    g_autoptr (GPtrArray) texts = table_texts (f);
    GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->window->grid_panel),
                                                                LINLI_TYPE_GRID_PANEL, "summary_label"));

    g_assert_cmpuint (texts->len, ==, 12);
    g_assert_cmpstr (gtk_label_get_text (label), ==, T ("No grids yet: draw one on the map"));
    g_assert_cmpuint (linli_grid_panel_get_n_problems (f->window->grid_panel), ==, 0);
  }
  activate (f, "win.undo");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);
  assert_single_row (f, linli_grids_get_grid (grids, 0), &whole);
}

/* A cut that misses the grid is refused with a toast, and nothing changes. */
static void
test_refused_split (Fixture       *f,
                    gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  LinliGrids *grids = window_grids (f);
  const LinliBuilding *b = linli_project_get_building (project, 0);
  LinliHistory *history = linli_window_get_history (f->window);

  activate (f, "grid.draw");
  linli_window_grid_tool_click_at (f->window, b->lat + 1e-3, b->lon - 1e-3);
  linli_window_grid_tool_click_at (f->window, b->lat + 1e-3, b->lon + 1e-3);
  linli_window_grid_tool_click_at (f->window, b->lat - 1e-3, b->lon + 1e-3);
  activate (f, "grid.finish");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);
  g_assert_true (linli_history_get_can_undo (history));

  activate (f, "grid.split");
  linli_window_grid_tool_click_at (f->window, b->lat + 5e-3, b->lon + 5e-3);
  linli_window_grid_tool_click_at (f->window, b->lat + 6e-3, b->lon + 6e-3);
  activate (f, "grid.finish");
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 1);
  /* The tool stays on for another try. */
  g_assert_cmpint (linli_window_get_grid_tool (f->window), ==, LINLI_GRID_TOOL_SPLIT);
  activate (f, "win.cancel");
  g_assert_cmpint (linli_window_get_grid_tool (f->window), ==, LINLI_GRID_TOOL_NONE);
}

/* The community (@compound FALSE) or compound of the building nearest to
 * (@lat, @lon), found here by looking at every building. */
static guint
owner_of_nearest (LinliProject *project,
                  double        lat,
                  double        lon,
                  gboolean      compound)
{
  const LinliProjection *projection = linli_project_get_projection (project);
  double best = INFINITY;
  guint nearest = 0;

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      double d = linli_projection_distance (projection, lat, lon, b->lat, b->lon);

      if (d < best)
        {
          best = d;
          nearest = i;
        }
    }
  g_assert_true (isfinite (best));
  return compound ? linli_project_get_building (project, nearest)->compound
                  : linli_project_building_community (project, nearest);
}

/* The area of a rectangle of parallels and meridians, measured here
 * along its sides. */
static double
rectangle_area (LinliProject      *project,
                const LinliLatLon *corners)
{
  const LinliProjection *projection = linli_project_get_projection (project);
  double north = linli_projection_distance (projection, corners[0].lat, corners[0].lon,
                                            corners[1].lat, corners[1].lon);
  double east = linli_projection_distance (projection, corners[1].lat, corners[1].lon,
                                           corners[2].lat, corners[2].lon);

  return north * east;
}

/* A community's and a compound's boundary drawn corner by corner through
 * the boundary actions, one refused for having no area, one cleared;
 * every step undone. */
static void
test_draw_boundary (Fixture       *f,
                    gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  LinliDocument *document = linli_window_get_document (f->window);
  LinliHistory *history = linli_window_get_history (f->window);
  const LinliProjection *projection = linli_project_get_projection (project);
  LinliGrids *grids = window_grids (f);
  const LinliBuilding *b = linli_project_get_building (project,
                                                       linli_project_get_n_buildings (project) / 2);
  LinliLatLon corners[4] = {
    { b->lat + 1e-3, b->lon - 1.5e-3 },
    { b->lat + 1e-3, b->lon + 1.5e-3 },
    { b->lat - 1e-3, b->lon + 1.5e-3 },
    { b->lat - 1e-3, b->lon - 1.5e-3 },
  };
  guint community = owner_of_nearest (project, corners[0].lat, corners[0].lon, FALSE);
  guint compound = owner_of_nearest (project, corners[0].lat, corners[0].lon, TRUE);
  g_autoptr (LinliPolygon) before = NULL;
  g_autoptr (LinliPolygon) compound_before = NULL;
  LinliPolygon *boundary;
  gboolean derived;
  double area = rectangle_area (project, corners);
  LinliGrid *grid;

  /* The sample may carry boundaries of its own: undo must bring them back. */
  boundary = linli_grids_get_community_boundary (grids, community);
  before = boundary != NULL ? linli_polygon_ref (boundary) : NULL;
  boundary = linli_grids_get_compound_boundary (grids, compound);
  compound_before = boundary != NULL ? linli_polygon_ref (boundary) : NULL;
  g_assert_cmpfloat (area, >, 10000);

  /* Three corners in a line leave nothing with area: refused, the tool
   * and its corners kept to be mended. */
  activate (f, "boundary.draw-community");
  g_assert_cmpint (linli_window_get_grid_tool (f->window), ==, LINLI_GRID_TOOL_COMMUNITY_BOUNDARY);
  linli_window_grid_tool_click_at (f->window, corners[0].lat, corners[0].lon);
  linli_window_grid_tool_click_at (f->window, corners[1].lat, corners[1].lon);
  linli_window_grid_tool_click_at (f->window, corners[0].lat,
                                   (corners[0].lon + corners[1].lon) / 2);
  activate (f, "grid.finish");
  g_assert_cmpint (linli_window_get_grid_tool (f->window), ==, LINLI_GRID_TOOL_COMMUNITY_BOUNDARY);
  g_assert_true (linli_polygon_equal (linli_grids_get_community_boundary (grids, community),
                                      before));
  g_assert_false (linli_history_get_can_undo (history));

  /* Mended with Backspace, then the rectangle drawn and closed. */
  activate (f, "grid.remove-point");
  g_assert_cmpuint (f->window->grid_points->len, ==, 2);
  linli_window_grid_tool_click_at (f->window, corners[2].lat, corners[2].lon);
  linli_window_grid_tool_click_at (f->window, corners[3].lat, corners[3].lon);
  activate (f, "grid.finish");
  g_assert_cmpint (linli_window_get_grid_tool (f->window), ==, LINLI_GRID_TOOL_NONE);
  boundary = linli_grids_get_community_boundary (grids, community);
  g_assert_nonnull (boundary);
  g_assert_cmpfloat_with_epsilon (linli_polygon_area (boundary, projection), area, area * 1e-3);
  for (guint i = 0; i < 4; i++)
    {
      /* Just inside each corner, towards the centre. */
      double lat = corners[i].lat + (b->lat - corners[i].lat) * 0.01;
      double lon = corners[i].lon + (b->lon - corners[i].lon) * 0.01;

      g_assert_true (linli_polygon_contains (boundary, lat, lon));
    }
  g_assert_true (linli_document_get_community_boundary (document, community, &derived) == boundary);
  g_assert_false (derived);
  g_assert_true (linli_polygon_equal (linli_grids_get_compound_boundary (grids, compound),
                                      compound_before));

  activate (f, "win.undo");
  g_assert_true (linli_polygon_equal (linli_grids_get_community_boundary (grids, community),
                                      before));
  linli_document_get_community_boundary (document, community, &derived);
  g_assert_true (derived == (before == NULL));
  activate (f, "win.redo");
  g_assert_true (linli_grids_get_community_boundary (grids, community) != NULL);

  /* The compound's boundary, drawn the same way; the community's stays. */
  activate (f, "boundary.draw-compound");
  g_assert_cmpint (linli_window_get_grid_tool (f->window), ==, LINLI_GRID_TOOL_COMPOUND_BOUNDARY);
  for (guint i = 0; i < 3; i++)
    linli_window_grid_tool_click_at (f->window, corners[i].lat, corners[i].lon);
  activate (f, "grid.finish");
  boundary = linli_grids_get_compound_boundary (grids, compound);
  g_assert_nonnull (boundary);
  g_assert_cmpfloat_with_epsilon (linli_polygon_area (boundary, projection), area / 2, area * 1e-3);
  g_assert_nonnull (linli_grids_get_community_boundary (grids, community));
  activate (f, "win.undo");
  g_assert_true (linli_polygon_equal (linli_grids_get_compound_boundary (grids, compound),
                                      compound_before));

  /* Cleared through a grid of the community, drawn around the centre,
   * which the drawn boundary holds. */
  activate (f, "grid.draw");
  linli_window_grid_tool_click_at (f->window, b->lat, b->lon);
  linli_window_grid_tool_click_at (f->window, b->lat + 2e-4, b->lon);
  linli_window_grid_tool_click_at (f->window, b->lat, b->lon + 2e-4);
  activate (f, "grid.finish");
  grid = linli_window_get_selected_grid (f->window);
  g_assert_nonnull (grid);
  g_assert_cmpuint (linli_grid_get_community (grid), ==, community);
  activate (f, "boundary.clear");
  g_assert_null (linli_grids_get_community_boundary (grids, community));
  linli_document_get_community_boundary (document, community, &derived);
  g_assert_true (derived);
  /* Nothing left to clear: said, and no step added. */
  activate (f, "boundary.clear");
  activate (f, "win.undo");
  g_assert_nonnull (linli_grids_get_community_boundary (grids, community));
  g_assert_true (linli_window_get_selected_grid (f->window) == grid);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LINLI_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINLI_LOCALEDIR"));
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/grid-gui/draw-split-merge", Fixture, NULL, fixture_setup, test_draw_split_merge, fixture_teardown);
  g_test_add ("/grid-gui/draw-boundary", Fixture, NULL, fixture_setup, test_draw_boundary,
              fixture_teardown);
  g_test_add ("/grid-gui/refused-split", Fixture, NULL, fixture_setup, test_refused_split, fixture_teardown);
  return g_test_run ();
}
