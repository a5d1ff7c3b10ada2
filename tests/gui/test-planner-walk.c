/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The planner's whole path through the window, under Xvfb, on the fixture
 * in tests/data/walk: footprints imported into an empty window, two
 * communities made and filled, their boundaries drawn and the buildings
 * assigned by them, candidate sites imported from a list with a bad row,
 * the community centres' reach set to GB 50180's 10 minutes, a plan run
 * and accepted; then the window's figures checked against a count made
 * here, building by building, with each site's reach and the haversine
 * distance.  With LINLI_TEST_SCREENSHOT_DIR set, each step is saved as a
 * PNG of 1280 × 800. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "linli-figures.h"
#include "linli-grids.h"
#include "linli-gui-test-utils.h"
#include "linli-import-sites.h"
#include "linli-sites-dialog.h"
#include "linli-window-private.h"

/* What the library says, in whatever language the test runs in. */
#define T(s) g_dgettext (GETTEXT_PACKAGE, s)

/* The fixture: two clusters of 40 buildings, 8 columns by 5 rows, the
 * first 40 features east ("东苑"), the next 40 west ("西苑"). */
#define N_PER_CLUSTER 40
#define N_LEFT_OUT    5   /* the last buildings of a cluster, left to the boundary */
#define N_CANDIDATES  7
#define BAD_LINE      6   /* the row without coordinates */

typedef struct
{
  LinliWindow *window;
  char        *data_dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->data_dir = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "tests", "data", "walk", NULL);
  f->window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  linli_test_close_window (g_steal_pointer (&f->window));
  g_free (f->data_dir);
}

/* Auxiliary methods */

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  linli_test_screenshot (GTK_WIDGET (f->window), name);
}

static AdwMessageDialog *
find_dialog_with (const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, k);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), response))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* Answers the name dialog an action opened: types @name, picks the
 * community @community by its shown name if it asks for one, applies. */
static void
answer_name (const char *name,
             const char *community)
{
  AdwMessageDialog *dialog;
  GtkWidget *box, *entry, *dropdown;

  linli_test_wait_ms (30);
  dialog = find_dialog_with ("apply");
  g_assert_nonnull (dialog);
  box = adw_message_dialog_get_extra_child (dialog);
  entry = gtk_widget_get_first_child (box);
  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  /* (A new community's dialog has a check button instead, "draw its
   * boundary next", left as it is.) */
  dropdown = gtk_widget_get_next_sibling (entry);
  if (dropdown != NULL && !GTK_IS_DROP_DOWN (dropdown))
    dropdown = NULL;
  g_assert_true ((dropdown != NULL) == (community != NULL));
  if (dropdown != NULL)
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
      guint found = GTK_INVALID_LIST_POSITION;

      for (guint k = 0; k < g_list_model_get_n_items (model); k++)
        if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), k), community))
          found = k;
      g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), found);
    }
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  linli_test_wait_ms (30);
}

static int
find_community (LinliProject *project,
                const char   *name)
{
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    if (g_strcmp0 (linli_project_get_community (project, c)->name, name) == 0)
      return c;
  return -1;
}

/* The great-circle distance in metres, worked out here rather than by the
 * project's projection. */
static double
haversine (double lat1,
           double lon1,
           double lat2,
           double lon2)
{
  const double r = 6371008.8, rad = G_PI / 180;
  double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  double a = sin (dlat / 2) * sin (dlat / 2) + cos (lat1 * rad) * cos (lat2 * rad) * sin (dlon / 2) * sin (dlon / 2);

  return 2 * r * asin (sqrt (a));
}

/* The corner of the rectangle around a cluster, @margin metres beyond its
 * buildings, counted anticlockwise from south-west. */
static LinliLatLon
cluster_corner (LinliProject *project,
                guint         first,
                guint         corner,
                double        margin)
{
  double south = INFINITY, north = -INFINITY, west = INFINITY, east = -INFINITY;
  double dlat, dlon;
  LinliLatLon p;

  for (guint i = first; i < first + N_PER_CLUSTER; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);

      south = MIN (south, b->lat), north = MAX (north, b->lat);
      west = MIN (west, b->lon), east = MAX (east, b->lon);
    }
  dlat = margin / 111320.0;
  dlon = margin / (111320.0 * cos (south * G_PI / 180));
  p.lat = corner == 0 || corner == 1 ? south - dlat : north + dlat;
  p.lon = corner == 0 || corner == 3 ? west - dlon : east + dlon;
  return p;
}

/* What a planner sees: households covered, counted here. */
typedef struct
{
  guint64 households;
  guint64 covered;
  guint   buildings_covered;
} Count;

static Count
brute_force (LinliProject *project)
{
  Count count = { 0 };

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      gboolean covered = FALSE;

      count.households += b->households;
      for (guint s = 0; s < linli_project_get_n_sites (project); s++)
        {
          LinliSite *site = linli_project_get_site (project, s);
          double reach = linli_project_get_reach (project, linli_site_get_tier (site));
          double d = haversine (b->lat, b->lon, linli_site_get_lat (site), linli_site_get_lon (site));

          if (linli_site_get_status (site) == LINLI_SITE_STATUS_CANDIDATE)
            continue;
          /* The fixture keeps every building clear of a reach's edge, so
           * that the two ways of measuring cannot disagree. */
          g_assert_cmpfloat (fabs (d - reach), >, 2.0);
          covered |= d <= reach;
        }
      if (covered)
        {
          count.covered += b->households;
          count.buildings_covered++;
        }
    }
  return count;
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The sites dialog's preview: the grid whose first cell says "Line". */
static GtkGrid *
find_preview (GtkWidget *dialog)
{
  g_autoptr (GPtrArray) grids = g_ptr_array_new ();

  collect (dialog, GTK_TYPE_GRID, grids);
  for (guint i = 0; i < grids->len; i++)
    {
      GtkWidget *corner = gtk_grid_get_child_at (grids->pdata[i], 0, 0);

      if (GTK_IS_LABEL (corner) && g_str_equal (gtk_label_get_text (GTK_LABEL (corner)), T ("Line")))
        return grids->pdata[i];
    }
  g_error ("no preview");
}

static const char *
cell (GtkGrid *grid,
      int      column,
      int      row)
{
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static const char *
label_text (GtkLabel *label)
{
  return gtk_label_get_text (label);
}

/* Tests */

static void
test_walk (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *buildings_path = g_build_filename (f->data_dir, "buildings.geojson", NULL);
  g_autofree char *candidates_path = g_build_filename (f->data_dir, "candidates.csv", NULL);
  g_autoptr (GFile) buildings_file = g_file_new_for_path (buildings_path);
  g_autoptr (GFile) candidates_file = g_file_new_for_path (candidates_path);
  g_autoptr (GError) error = NULL;
  LinliProject *project;
  AdwMessageDialog *dialog;
  LinliSitesDialog *sites_dialog;
  const char *community_names[2] = { "东苑社区", "西苑社区" };
  const char *compound_names[2] = { "东苑小区", "西苑小区" };
  int communities[2];
  guint n_addressed = 0, n_named = 0, accepted, n_planned = 0;
  Count count;
  const LinliCoverageTotals *totals;
  g_autofree char *expected = NULL;

  /* 1. Footprints into an empty window, through the import preview. */
  g_assert_true (linli_window_get_project (f->window) == NULL ||
                 linli_project_get_n_buildings (linli_window_get_project (f->window)) == 0);
  linli_window_preview_import (f->window, buildings_file);
  dialog = find_dialog_with ("import");
  g_assert_nonnull (dialog);
  screenshot (f, "walk-1-import-preview.png");
  adw_message_dialog_response (dialog, "import");
  linli_test_wait_ms (50);
  project = linli_window_get_project (f->window);
  g_assert_nonnull (project);
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 2 * N_PER_CLUSTER);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 0);
  /* Names a planner can read: the address where the data gives one, the
   * name where it has one, never an id. */
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      guint k = i % N_PER_CLUSTER;

      g_assert_nonnull (b->name);
      g_assert_false (g_str_has_prefix (b->name, "f"));
      if (k % 3 == 0)
        {
          g_autofree char *address = g_strdup_printf ("%s%u号", i < N_PER_CLUSTER ? "文三路" : "学院路", k + 1);

          g_assert_cmpstr (b->name, ==, address);
          n_addressed++;
        }
      else if (k % 7 == 1)
        {
          g_autofree char *name = g_strdup_printf ("%s%u幢", i < N_PER_CLUSTER ? "东苑" : "西苑", k + 1);

          g_assert_cmpstr (b->name, ==, name);
          n_named++;
        }
      /* Households estimated from floor area and storeys: some, never
       * none, for a residential block. */
      g_assert_cmpuint (b->households, >, 0);
      g_assert_true (b->flags & LINLI_BUILDING_ESTIMATED);
    }
  g_assert_cmpuint (n_addressed, >, 20);
  g_assert_cmpuint (n_named, >, 5);
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, 1);
  screenshot (f, "walk-2-imported.png");

  /* 2. Two communities, each given its cluster but the last few buildings
   * as a new compound, from the Buildings page. */
  for (guint c = 0; c < 2; c++)
    {
      g_autoptr (GArray) cluster = g_array_new (FALSE, FALSE, sizeof (guint));

      activate (f, "community.new");
      answer_name (community_names[c], NULL);
      communities[c] = find_community (project, community_names[c]);
      g_assert_cmpint (communities[c], >=, 0);

      for (guint i = c * N_PER_CLUSTER; i < (c + 1) * N_PER_CLUSTER - N_LEFT_OUT; i++)
        g_array_append_val (cluster, i);
      linli_window_select_buildings (f->window, (const guint *) cluster->data, cluster->len, TRUE);
      activate (f, "compound.new");
      answer_name (compound_names[c], community_names[c]);
      for (guint k = 0; k < cluster->len; k++)
        g_assert_cmpint (linli_project_building_community (project, g_array_index (cluster, guint, k)), ==,
                         communities[c]);
    }
  screenshot (f, "walk-3-communities.png");

  /* 3. Each community's boundary drawn around its whole cluster, from a
   * corner beside one of its own buildings; then the buildings assigned
   * by boundary: the ones left out come in. */
  gtk_stack_set_visible_child_name (f->window->side_stack, "grids");
  for (guint c = 0; c < 2; c++)
    {
      activate (f, "boundary.draw-community");
      for (guint corner = 0; corner < 4; corner++)
        {
          LinliLatLon p = cluster_corner (project, c * N_PER_CLUSTER, corner, 20);

          linli_window_grid_tool_click_at (f->window, p.lat, p.lon);
        }
      activate (f, "grid.finish");
      g_assert_cmpint (linli_window_get_grid_tool (f->window), ==, LINLI_GRID_TOOL_NONE);
      g_assert_nonnull (linli_grids_get_community_boundary (linli_project_get_grids (project), communities[c]));
    }
  screenshot (f, "walk-4-boundaries.png");
  activate (f, "community.assign-by-boundary");
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      guint c = i / N_PER_CLUSTER;
      LinliPolygon *boundary = linli_grids_get_community_boundary (linli_project_get_grids (project),
                                                                   communities[c]);
      const LinliBuilding *b = linli_project_get_building (project, i);

      g_assert_true (linli_polygon_contains (boundary, b->lat, b->lon));
      g_assert_cmpint (linli_project_building_community (project, i), ==, communities[c]);
    }
  /* The import's own community is empty now and can go. */
  activate (f, "compound.delete-empty");
  activate (f, "community.delete-empty");
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, 2);
  for (guint c = 0; c < 2; c++)
    g_assert_cmpint (find_community (project, community_names[c]), >=, 0);
  /* The window's list of communities shows both, and only them. */
  {
    GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (f->window->community_view));
    guint seen = 0;

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
    for (guint k = 0; k < 2; k++)
      {
        g_autoptr (LinliIndexItem) item = g_list_model_get_item (rows, k);
        const char *name = linli_project_get_community (project, linli_index_item_get_index (item))->name;

        seen |= (g_str_equal (name, community_names[0]) ? 1 : 0) | (g_str_equal (name, community_names[1]) ? 2 : 0);
      }
    g_assert_cmpuint (seen, ==, 3);
  }
  screenshot (f, "walk-5-assigned.png");

  /* 4. Candidate sites from the list; the row without coordinates is
   * refused with its line and the others come in with readable names. */
  sites_dialog = linli_window_open_sites_dialog (f->window, candidates_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sites_dialog);
  g_object_add_weak_pointer (G_OBJECT (sites_dialog), (gpointer *) &sites_dialog);
  g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (sites_dialog)));
  /* The refused row says its line and why in the preview. */
  {
    GtkGrid *preview = find_preview (GTK_WIDGET (sites_dialog));
    g_autofree char *line = g_strdup_printf ("%u", BAD_LINE);
    int problem_column = LINLI_SITE_N_FIELDS + 1;
    int row = BAD_LINE - 1;

    g_assert_cmpstr (cell (preview, 0, row), ==, line);
    g_assert_cmpstr (cell (preview, problem_column, row), ==, T ("no coordinates"));
    g_assert_cmpstr (cell (preview, problem_column, 1), ==, "");
  }
  linli_test_screenshot (GTK_WIDGET (sites_dialog), "walk-6-candidates.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sites_dialog), "csv.import", NULL));
  g_assert_null (sites_dialog);
  project = linli_window_get_project (f->window);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, N_CANDIDATES);
  for (guint s = 0; s < N_CANDIDATES; s++)
    {
      static const char *const names[N_CANDIDATES] = {
        "文三路社区用房", "东苑物业楼", "东苑会所", "学院路社区用房", "西苑底商", "西苑车库", "两区之间空地",
      };
      LinliSite *site = linli_project_get_site (project, s);

      g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_CANDIDATE);
      g_assert_cmpstr (linli_site_get_name (site), ==, names[s]);
      g_assert_cmpint (linli_site_get_tier (site), ==,
                       g_str_has_suffix (names[s], "用房") || s == 6 ? LINLI_SITE_TIER_COMMUNITY
                                                                    : LINLI_SITE_TIER_STATION);
    }

  /* 5. Community centres reach GB 50180's 10 minutes (500 m), stations its
   * 5 minutes (300 m). */
  gtk_stack_set_visible_child_name (f->window->side_stack, "plan");
  linli_reach_editor_select (f->window->reach_editor, LINLI_SITE_TIER_COMMUNITY, LINLI_REACH_GB_10, 0);
  linli_reach_editor_select (f->window->reach_editor, LINLI_SITE_TIER_STATION, LINLI_REACH_GB_5, 0);
  g_assert_cmpfloat (linli_project_get_reach (project, LINLI_SITE_TIER_COMMUNITY), ==, 500);
  g_assert_cmpfloat (linli_project_get_reach (project, LINLI_SITE_TIER_STATION), ==, 300);
  /* Nothing exists yet: nothing is covered, and the window says so. */
  count = brute_force (project);
  g_assert_cmpuint (count.covered, ==, 0);
  totals = linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)));
  g_assert_cmpuint (totals->households_covered, ==, 0);

  /* 6. A plan of one site, run in the plan panel and accepted: one of
   * the two clusters stays out of reach, so the figures have both parts. */
  linli_plan_panel_set_problem (f->window->plan_panel, LINLI_PLAN_MCLP);
  linli_plan_panel_set_k (f->window->plan_panel, 1);
  activate (f, "win.plan-run");
  while (linli_plan_panel_get_running (f->window->plan_panel))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (linli_plan_panel_get_result (f->window->plan_panel));
  screenshot (f, "walk-7-plan.png");
  accepted = linli_plan_panel_accept (f->window->plan_panel);
  g_assert_cmpuint (accepted, ==, 1);
  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    n_planned += linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_PLANNED;
  g_assert_cmpuint (n_planned, ==, 1);

  /* 7. The window's figures, against the count made here. */
  count = brute_force (project);
  totals = linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)));
  g_assert_cmpuint (totals->households, ==, count.households);
  g_assert_cmpuint (totals->households_covered, ==, count.covered);
  g_assert_cmpuint (totals->buildings_covered, ==, count.buildings_covered);
  g_assert_cmpuint (count.covered, >, 0);
  g_assert_cmpuint (count.covered, <, count.households);   /* one cluster is left out */
  {
    g_autofree char *a = linli_format_count (count.covered);
    g_autofree char *b = linli_format_count (count.households);
    g_autofree char *c = linli_format_count (count.households - count.covered);

    expected = g_strdup_printf (T ("%s of %s households within reach; %s not covered"), a, b, c);
  }
  g_assert_cmpstr (label_text (f->window->households_label), ==, expected);
  screenshot (f, "walk-8-accepted.png");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LINLI_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINLI_LOCALEDIR"));
  textdomain (GETTEXT_PACKAGE);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/planner-walk/walk", Fixture, NULL, fixture_setup, test_walk, fixture_teardown);
  return g_test_run ();
}
