/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The meeting mode, entered through its action and driven by real key
 * presses under Xvfb: the X server's XTEST extension types them, so they
 * travel the way a keyboard's or a presenter remote's do. */
#include "config.h"

#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <locale.h>
#include <math.h>

#include "linli-figures.h"
#include "linli-gui-test-utils.h"
#include "linli-project-edits.h"
#include "linli-scenario-edits.h"
#include "linli-scenario-project.h"
#include "linli-scenarios.h"
#include "linli-window-private.h"

/* How long a key press may take to arrive: a cap, never a wait. */
#define KEY_TIMEOUT_US (5 * G_USEC_PER_SEC)

typedef struct
{
  LinliWindow *window;
} Fixture;

/* Xlib and XTEST, found at run time: libX11 is GTK's, libXtst comes with
 * the accessibility bus that GTK depends on. */
typedef int      (*XTestFakeKeyEventFunc) (Display *, unsigned int, int, unsigned long);
typedef KeyCode  (*XKeysymToKeycodeFunc)  (Display *, KeySym);
typedef int      (*XSetInputFocusFunc)    (Display *, Window, int, Time);
typedef int      (*XSyncFunc)             (Display *, int);

static XTestFakeKeyEventFunc fake_key_event;
static XKeysymToKeycodeFunc  keysym_to_keycode;
static XSetInputFocusFunc    set_input_focus;
static XSyncFunc             x_sync;

static gboolean
load_xtest (void)
{
  void *xtst = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_GLOBAL);

  if (xtst == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return FALSE;
  fake_key_event = (XTestFakeKeyEventFunc) dlsym (xtst, "XTestFakeKeyEvent");
  keysym_to_keycode = (XKeysymToKeycodeFunc) dlsym (RTLD_DEFAULT, "XKeysymToKeycode");
  set_input_focus = (XSetInputFocusFunc) dlsym (RTLD_DEFAULT, "XSetInputFocus");
  x_sync = (XSyncFunc) dlsym (RTLD_DEFAULT, "XSync");
  return fake_key_event != NULL && keysym_to_keycode != NULL && set_input_focus != NULL &&
         x_sync != NULL;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Types @keyval into the window and waits until GTK has handled it, as
 * told by @done, or fails after KEY_TIMEOUT_US. */
static void
press_key (Fixture    *f,
           guint       keyval,
           gboolean  (*done) (Fixture *f, gpointer data),
           gpointer    data)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (f->window)));
  KeyCode code = keysym_to_keycode (display, keyval);
  gint64 end;

  g_assert_cmpuint (code, !=, 0);
  /* No window manager gives the window the focus under Xvfb. */
  set_input_focus (display, xid, RevertToParent, CurrentTime);
  fake_key_event (display, code, True, CurrentTime);
  fake_key_event (display, code, False, CurrentTime);
  x_sync (display, False);
  end = g_get_monotonic_time () + KEY_TIMEOUT_US;
  while (!done (f, data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      spin ();
      g_usleep (1000);
    }
  /* The view is fitted once the layout settles. */
  linli_test_wait_ms (100);
}

static gboolean
at_position (Fixture *f,
             gpointer data)
{
  return linli_meeting_get_position (f->window->meeting) == GPOINTER_TO_UINT (data);
}

static gboolean
legend_is (Fixture *f,
           gpointer data)
{
  return linli_meeting_get_show_legend (f->window->meeting) == GPOINTER_TO_INT (data);
}

static gboolean
meeting_is (Fixture *f,
            gpointer data)
{
  return linli_window_get_meeting (f->window) == GPOINTER_TO_INT (data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli",
                                              NULL);
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_autoptr (GError) error = NULL;

  f->window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  g_assert_true (linli_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    spin ();
  linli_test_wait_ms (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  f->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
}

/* Where the map shows a place, in the map's (and the meeting's) pixels. */
static void
to_widget (Fixture *f,
           double   lat,
           double   lon,
           double  *x,
           double  *y)
{
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (f->window->map),
                                              GTK_WIDGET (f->window->map), lat, lon, x, y);
}

static void
map_center (Fixture *f,
            double  *lat,
            double  *lon)
{
  ShumateViewport *viewport = shumate_map_get_viewport (f->window->map);

  *lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  *lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
}

/* The communities with buildings, in the project's order: what the
 * meeting steps through after the district. */
static GArray *
communities_with_buildings (LinliProject *project)
{
  g_autofree guint *counts = g_new0 (guint, linli_project_get_n_communities (project) + 1);
  GArray *list = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    counts[linli_project_building_community (project, i)]++;
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    if (counts[c] > 0)
      g_array_append_val (list, c);
  return list;
}

static const char *
community_name (LinliProject *project,
                GArray       *communities,
                guint         i)
{
  return linli_project_get_community (project, g_array_index (communities, guint, i))->name;
}

/* Every building of @community (of the district for G_MAXUINT) is on the
 * map between the bars, and they fill much of it: the view is zoomed to
 * them. */
static void
assert_shows_community (Fixture *f,
                        guint    community)
{
  LinliProject *project = linli_window_get_project (f->window);
  graphene_rect_t area;
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;

  g_assert_true (linli_meeting_get_free_area (f->window->meeting, &area));
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      double x, y;

      if (community != G_MAXUINT && linli_project_building_community (project, i) != community)
        continue;
      to_widget (f, b->lat, b->lon, &x, &y);
      g_assert_cmpfloat (x, >=, area.origin.x - 1);
      g_assert_cmpfloat (x, <=, area.origin.x + area.size.width + 1);
      g_assert_cmpfloat (y, >=, area.origin.y - 1);
      g_assert_cmpfloat (y, <=, area.origin.y + area.size.height + 1);
      min_x = MIN (min_x, x);
      max_x = MAX (max_x, x);
      min_y = MIN (min_y, y);
      max_y = MAX (max_y, y);
    }
  g_assert_true (max_x - min_x > 0.5 * area.size.width || max_y - min_y > 0.5 * area.size.height);
}

static char *
expected_title (Fixture    *f,
                const char *view_title)
{
  return g_strdup_printf ("%s — %s", linli_project_get_name (linli_window_get_project (f->window)),
                          view_title);
}

/* The strip shows the document's figures, formatted as the core formats
 * them, in the order it collects them. */
static void
assert_strip_matches (Fixture *f)
{
  GtkWidget *strip = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window->meeting),
                                                                LINLI_TYPE_MEETING, "strip"));
  g_autoptr (LinliFigures) figures = linli_figures_collect (linli_window_get_document (f->window));
  GtkWidget *child = gtk_widget_get_first_child (strip);
  guint n = 0;

  for (; child != NULL; child = gtk_widget_get_next_sibling (child), n++)
    {
      const LinliFigure *figure;
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkLabel *value = GTK_LABEL (gtk_widget_get_first_child (card));
      GtkLabel *label = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (value)));
      g_autofree char *text = NULL;

      g_assert_cmpuint (n, <, linli_figures_get_n (figures));
      figure = linli_figures_get (figures, n);
      text = linli_figure_format (figure, figure->value);
      g_assert_cmpstr (gtk_widget_get_name (card), ==, figure->key);
      g_assert_cmpstr (gtk_label_get_text (value), ==, text);
      g_assert_cmpstr (gtk_label_get_text (label), ==, figure->label);
    }
  g_assert_cmpuint (n, ==, linli_figures_get_n (figures));
}

static const char *
strip_value (Fixture    *f,
             const char *key)
{
  GtkWidget *strip = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window->meeting),
                                                                LINLI_TYPE_MEETING, "strip"));

  for (GtkWidget *child = gtk_widget_get_first_child (strip); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_str_equal (gtk_widget_get_name (card), key))
        return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (card)));
    }
  g_assert_not_reached ();
}

/* How many pixels of the legend area's left half are painted: the legend
 * sits there, the scale bar on the right. */
static guint
legend_pixels (Fixture *f)
{
  GtkWidget *area = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window->meeting),
                                                              LINLI_TYPE_MEETING, "legend_area"));
  int width = gtk_widget_get_width (area), height = gtk_widget_get_height (area);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (area);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  const guint32 *pixels;
  int stride;
  guint n = 0;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = (const guint32 *) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width / 2; x++)
      n += (pixels[y * stride + x] >> 24) != 0;
  cairo_surface_destroy (surface);
  return n;
}

static void
count_changes_cb (guint *count)
{
  (*count)++;
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  LinliDocument *document = linli_window_get_document (f->window);
  g_autoptr (GArray) communities = communities_with_buildings (project);
  GtkSwitch *names = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (f->window->meeting),
                                                               LINLI_TYPE_MEETING, "names_switch"));
  g_autofree char *title = NULL;
  g_autofree char *covered_before = NULL;
  double lat0, lon0, lat1, lon1, lat, lon;
  guint shown_pixels, hidden_pixels, n_changes = 0;

  if (!load_xtest ())
    {
      g_test_skip ("no XTEST on this display: key presses cannot be typed");
      return;
    }
  g_assert_cmpuint (communities->len, >=, 3);
  map_center (f, &lat0, &lon0);
  g_assert_true (gtk_widget_get_visible (f->window->side_panel));
  g_assert_true (gtk_widget_get_visible (f->window->header_bar));

  /* Into the meeting through its action: the district first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.meeting", NULL));
  linli_test_wait_ms (200);
  g_assert_true (linli_window_get_meeting (f->window));
  g_assert_false (gtk_widget_get_visible (f->window->side_panel));
  g_assert_false (gtk_widget_get_visible (f->window->header_bar));
  g_assert_false (gtk_widget_get_visible (f->window->legend));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window->meeting)));
  g_assert_cmpuint (linli_meeting_get_position (f->window->meeting), ==, 0);
  title = expected_title (f, g_dgettext (GETTEXT_PACKAGE, "District overview"));
  g_assert_cmpstr (linli_meeting_get_title (f->window->meeting), ==, title);
  assert_shows_community (f, G_MAXUINT);
  assert_strip_matches (f);

  /* Right: the first community, zoomed to its buildings. */
  press_key (f, GDK_KEY_Right, at_position, GUINT_TO_POINTER (1));
  g_free (title);
  title = expected_title (f, community_name (project, communities, 0));
  g_assert_cmpstr (linli_meeting_get_title (f->window->meeting), ==, title);
  assert_shows_community (f, g_array_index (communities, guint, 0));
  map_center (f, &lat1, &lon1);
  g_assert_true (lat1 != lat0 || lon1 != lon0);

  /* Page Down, as a remote sends: the second. */
  press_key (f, GDK_KEY_Page_Down, at_position, GUINT_TO_POINTER (2));
  g_free (title);
  title = expected_title (f, community_name (project, communities, 1));
  g_assert_cmpstr (linli_meeting_get_title (f->window->meeting), ==, title);
  assert_shows_community (f, g_array_index (communities, guint, 1));
  map_center (f, &lat, &lon);
  g_assert_true (lat != lat1 || lon != lon1);

  /* Left: back to the first, to the same place. */
  press_key (f, GDK_KEY_Left, at_position, GUINT_TO_POINTER (1));
  map_center (f, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, lat1, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, lon1, 1e-9);

  /* L hides the legend and shows it again. */
  shown_pixels = legend_pixels (f);
  press_key (f, GDK_KEY_l, legend_is, GINT_TO_POINTER (FALSE));
  hidden_pixels = legend_pixels (f);
  g_assert_cmpuint (shown_pixels, >, hidden_pixels + 10000);
  press_key (f, GDK_KEY_l, legend_is, GINT_TO_POINTER (TRUE));
  g_assert_cmpuint (legend_pixels (f), ==, shown_pixels);

  /* The figures follow an edit made during the meeting. */
  covered_before = g_strdup (strip_value (f, "households-covered"));
  linli_project_edits_set_walk (linli_window_get_history (f->window), 15, 4.5);
  linli_test_wait_ms (100);
  assert_strip_matches (f);
  g_assert_cmpstr (strip_value (f, "households-covered"), !=, covered_before);
  linli_history_undo (linli_window_get_history (f->window));
  linli_test_wait_ms (100);
  g_assert_cmpstr (strip_value (f, "households-covered"), ==, covered_before);

  /* The names switch is the project's hide-names, one undo step; the map
   * is drawn again, with grid workers' names as the project gives them. */
  g_assert_false (gtk_switch_get_active (names));
  g_signal_connect_swapped (linli_map_layer_get_painter (f->window->layer), "changed",
                            G_CALLBACK (count_changes_cb), &n_changes);
  gtk_switch_set_active (names, TRUE);
  g_assert_true (linli_project_get_hide_names (project));
  g_assert_cmpuint (n_changes, >, 0);
  g_signal_handlers_disconnect_by_func (linli_map_layer_get_painter (f->window->layer),
                                        count_changes_cb, &n_changes);
  linli_history_undo (linli_window_get_history (f->window));
  g_assert_false (linli_project_get_hide_names (project));
  g_assert_false (gtk_switch_get_active (names));
  linli_project_edits_set_hide_names (linli_window_get_history (f->window), TRUE);
  g_assert_true (gtk_switch_get_active (names));
  g_assert_true (linli_document_get_project (document) == project);

  /* Esc leaves: the panels come back, the map where it was. */
  press_key (f, GDK_KEY_Escape, meeting_is, GINT_TO_POINTER (FALSE));
  g_assert_true (gtk_widget_get_visible (f->window->side_panel));
  g_assert_true (gtk_widget_get_visible (f->window->header_bar));
  g_assert_true (gtk_widget_get_visible (f->window->legend));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->meeting)));
  map_center (f, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, lat0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, lon0, 1e-9);

  /* Outside the meeting the arrow keys are the window's again. */
  press_key (f, GDK_KEY_Right, meeting_is, GINT_TO_POINTER (FALSE));
  g_assert_cmpuint (linli_meeting_get_position (f->window->meeting), ==, 1);
}

static void
collect_views_cb (LinliMeeting     *meeting,
                  GListStore       *views,
                  LinliMeetingView *extra)
{
  g_list_store_append (views, extra);
}

static void
count_cb (LinliMeetingView *view,
          guint            *count)
{
  (*count)++;
}

/* Views others append come last and are told when they are shown and
 * hidden; the painter's colours are the window's again after the meeting. */
static void
test_views_and_restore (Fixture       *f,
                        gconstpointer  data)
{
  LinliPainter *painter = linli_map_layer_get_painter (f->window->layer);
  LinliProject *project = linli_window_get_project (f->window);
  g_autoptr (GArray) communities = communities_with_buildings (project);
  GListStore *views = linli_meeting_get_views (f->window->meeting);
  guint n_shown = 0, n_hidden = 0;

  g_autoptr (LinliMeetingView) extra = linli_meeting_view_new_center ("scenario-after", "After",
                                                                      30.318, 120.142, 16);

  /* A scenario's view appended through the hook, with its own colours. */
  g_object_set (f->window, "chain-colors", TRUE, NULL);
  linli_meeting_view_set_building_colors (extra, LINLI_BUILDING_COLORS_COVERAGE);
  g_signal_connect (f->window->meeting, "collect-views", G_CALLBACK (collect_views_cb), extra);
  g_signal_connect (extra, "shown", G_CALLBACK (count_cb), &n_shown);
  g_signal_connect (extra, "hidden", G_CALLBACK (count_cb), &n_hidden);
  g_object_set (f->window, "meeting", TRUE, NULL);
  linli_test_wait_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (views)), ==, 1 + communities->len + 1);
  g_assert_true (linli_meeting_go (f->window->meeting, communities->len + 1));
  g_assert_cmpuint (n_shown, ==, 1);
  g_assert_cmpuint (n_hidden, ==, 0);
  g_assert_cmpint (linli_painter_get_building_colors (painter), ==, LINLI_BUILDING_COLORS_COVERAGE);
  g_assert_true (linli_meeting_go (f->window->meeting, 0));
  g_assert_cmpuint (n_hidden, ==, 1);
  g_assert_cmpint (linli_painter_get_building_colors (painter), ==, LINLI_BUILDING_COLORS_CHAIN);
  g_assert_true (linli_meeting_go (f->window->meeting, communities->len + 1));
  g_object_set (f->window, "meeting", FALSE, NULL);
  g_assert_cmpuint (n_hidden, ==, 2);
  g_assert_cmpint (linli_painter_get_building_colors (painter), ==, LINLI_BUILDING_COLORS_CHAIN);
  /* The ends stop the steps. */
  g_object_set (f->window, "meeting", TRUE, NULL);
  g_assert_false (linli_meeting_step (f->window->meeting, -1));
  g_assert_true (linli_meeting_go (f->window->meeting, communities->len + 1));
  g_assert_false (linli_meeting_step (f->window->meeting, 1));
  g_object_set (f->window, "meeting", FALSE, NULL);
}

/* A plan run during the meeting adds the proposal's view at the end, which
 * shows every proposed site; the presenter stays where he was. */
static void
test_proposal (Fixture       *f,
               gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  g_autoptr (GArray) communities = communities_with_buildings (project);
  GListModel *views = G_LIST_MODEL (linli_meeting_get_views (f->window->meeting));
  g_autoptr (LinliMeetingView) last = NULL;
  graphene_rect_t area;
  const char **ids;
  const double *adds;
  guint n;

  g_object_set (f->window, "meeting", TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 1 + communities->len);
  g_assert_true (linli_meeting_go (f->window->meeting, 1));

  linli_plan_panel_set_problem (f->window->plan_panel, LINLI_PLAN_MCLP);
  linli_plan_panel_set_k (f->window->plan_panel, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.plan-run", NULL));
  while (linli_plan_panel_get_running (f->window->plan_panel))
    g_main_context_iteration (NULL, TRUE);
  n = linli_plan_panel_get_proposal (f->window->plan_panel, &ids, &adds);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 1 + communities->len + 1);
  g_assert_cmpuint (linli_meeting_get_position (f->window->meeting), ==, 1);
  last = g_list_model_get_item (views, communities->len + 1);
  g_assert_cmpstr (linli_meeting_view_get_kind (last), ==, "proposal");

  g_assert_true (linli_meeting_go (f->window->meeting, communities->len + 1));
  linli_test_wait_ms (100);
  g_assert_true (linli_meeting_get_free_area (f->window->meeting, &area));
  for (guint i = 0; i < n; i++)
    {
      LinliSite *site = linli_project_find_site (project, ids[i], NULL);
      double x, y;

      to_widget (f, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
      g_assert_true (graphene_rect_contains_point (&area, &GRAPHENE_POINT_INIT (x, y)));
    }
  g_object_set (f->window, "meeting", FALSE, NULL);
}

/* The open scenario's id, "base" for the current state. */
static const char *
active_id (LinliProject *project)
{
  const char *id = linli_scenarios_get_active (linli_project_get_scenarios (project));

  return id != NULL ? id : LINLI_SCENARIO_BASE_ID;
}

/* Before and after: a project with a scenario gets a view of the current
 * state and one of the scenario after the default views; showing one opens
 * that scenario, the strip shows its figures, and leaving the meeting opens
 * the scenario it began with again. */
static void
test_scenarios (Fixture       *f,
                gconstpointer  data)
{
  LinliProject *project = linli_window_get_project (f->window);
  LinliDocument *document = f->window->document;
  LinliHistory *history = linli_document_get_history (document);
  g_autoptr (GArray) communities = communities_with_buildings (project);
  GListStore *views = linli_meeting_get_views (f->window->meeting);
  g_autoptr (GPtrArray) sites = linli_scenario_project_dup_sites (project);
  g_autoptr (GError) error = NULL;
  g_autofree char *scenario_id = NULL;
  g_autofree char *base_covered = NULL;
  LinliScenario *scenario;
  guint n, planned = 0;

  /* Every candidate planned: more households covered than today. */
  for (guint i = 0; i < sites->len; i++)
    {
      LinliSiteState *state = sites->pdata[i];

      if (state->status == LINLI_SITE_STATUS_CANDIDATE)
        {
          state->status = LINLI_SITE_STATUS_PLANNED;
          planned++;
        }
    }
  g_assert_cmpuint (planned, >, 0);
  scenario = linli_scenario_edits_create_from_sites (history, "All candidates", NULL, sites, &error);
  g_assert_no_error (error);
  scenario_id = g_strdup (linli_scenario_get_id (scenario));
  linli_scenario_edits_switch (history, LINLI_SCENARIO_BASE_ID);
  g_assert_cmpstr (active_id (project), ==, LINLI_SCENARIO_BASE_ID);
  {
    g_autoptr (LinliFigures) figures = linli_figures_collect (document);
    const LinliFigure *covered = linli_figures_lookup (figures, "households-covered");

    base_covered = linli_figure_format (covered, covered->value);
  }

  g_object_set (f->window, "meeting", TRUE, NULL);
  linli_test_wait_ms (100);
  n = g_list_model_get_n_items (G_LIST_MODEL (views));
  g_assert_cmpuint (n, ==, 1 + communities->len + 2);

  /* The scenario's view: the scenario is open and the strip says so. */
  g_assert_true (linli_meeting_go (f->window->meeting, n - 1));
  linli_test_wait_ms (100);
  g_assert_cmpstr (active_id (project), ==, scenario_id);
  {
    g_autoptr (LinliFigures) figures = linli_figures_collect (document);
    const LinliFigure *covered = linli_figures_lookup (figures, "households-covered");
    g_autofree char *text = linli_figure_format (covered, covered->value);

    g_assert_cmpstr (strip_value (f, "households-covered"), ==, text);
    g_assert_cmpstr (text, !=, base_covered);
  }

  /* The current state's view, before it. */
  g_assert_true (linli_meeting_go (f->window->meeting, n - 2));
  linli_test_wait_ms (100);
  g_assert_cmpstr (active_id (project), ==, LINLI_SCENARIO_BASE_ID);
  g_assert_cmpstr (strip_value (f, "households-covered"), ==, base_covered);

  /* Leaving on the scenario's view opens the current state again. */
  g_assert_true (linli_meeting_go (f->window->meeting, n - 1));
  linli_test_wait_ms (50);
  g_assert_cmpstr (active_id (project), ==, scenario_id);
  g_object_set (f->window, "meeting", FALSE, NULL);
  linli_test_wait_ms (50);
  g_assert_cmpstr (active_id (project), ==, LINLI_SCENARIO_BASE_ID);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/meeting/keys", test_keys);
  ADD ("/meeting/views-and-restore", test_views_and_restore);
  ADD ("/meeting/proposal", test_proposal);
  ADD ("/meeting/scenarios", test_scenarios);
#undef ADD

  return g_test_run ();
}
