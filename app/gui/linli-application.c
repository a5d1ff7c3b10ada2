/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-application"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "linli-application.h"

#include <math.h>

#include "linli-number.h"
#include "linli-preferences.h"
#include "linli-settings.h"
#include "linli-window-private.h"

struct _LinliApplication
{
  AdwApplication parent_instance;

  char          *screenshot;   /* --screenshot: render to this PNG and quit */
  char          *page;         /* --page: the side page to show */
  char          *plan;         /* --plan: run this planning problem on opening */
  gboolean       chain_colors; /* --chain-colors: buildings by the organisation chain */
  gboolean       map_only;     /* --map-only: render just the map */
  gboolean       meeting;      /* --meeting: open in meeting mode */
  int            meeting_view; /* --meeting-view: step to this view, or -1 */
  LinliPreferences *preferences; /* weak: the open preferences window */
  int            width;
  int            height;
  int            status;
};

G_DEFINE_FINAL_TYPE (LinliApplication, linli_application, ADW_TYPE_APPLICATION)

/* Auxiliary methods */

static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.export-png", { "<Control>e", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.import-csv", { "<Control><Shift>i", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.add-site-mode", { "<Control>n", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
  { "win.zoom-out", { "<Control>minus", NULL } },
  { "win.zoom-fit", { "<Control>0", NULL } },
  { "win.fullscreen", { "F11", NULL } },
  { "win.meeting", { "F5", NULL } },
  { "win.show-candidate-circles", { "<Control>k", NULL } },
  { "win.plan-run", { "<Control>r", NULL } },
  { "win.plan-cancel", { "<Control>period", NULL } },
  { "win.plan-accept", { "<Control><Shift>a", NULL } },
  { "win.pan('north')", { "<Control><Alt>Up", NULL } },
  { "win.pan('south')", { "<Control><Alt>Down", NULL } },
  { "win.pan('west')", { "<Control><Alt>Left", NULL } },
  { "win.pan('east')", { "<Control><Alt>Right", NULL } },
  { "site.delete", { "<Control>Delete", NULL } },
  { "site.nudge('north')", { "<Alt>Up", NULL } },
  { "site.nudge('south')", { "<Alt>Down", NULL } },
  { "site.nudge('west')", { "<Alt>Left", NULL } },
  { "site.nudge('east')", { "<Alt>Right", NULL } },
};

/**
 * linli_application_set_accels:
 *
 * Gives every command its keyboard shortcut.
 */
void
linli_application_set_accels (GtkApplication *app)
{
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static gboolean
screenshot_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  LinliApplication *self = LINLI_APPLICATION (user_data);
  LinliWindow *window = LINLI_WINDOW (widget);
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "linli-frames")) + 1;
  guint settled = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "linli-settled"));
  g_autoptr (GError) error = NULL;

  /* Give layout and the first frames time to settle. */
  g_object_set_data (G_OBJECT (widget), "linli-frames", GUINT_TO_POINTER (frames));
  if (frames == 3)
    {
      /* A meeting fits its own view. */
      if (!linli_window_get_meeting (window))
        linli_window_zoom_to_fit (LINLI_WINDOW (widget));
      return G_SOURCE_CONTINUE;
    }
  if (frames < 8 || linli_plan_panel_get_running (window->plan_panel))
    return G_SOURCE_CONTINUE;
  /* The proposal's view comes once the plan is done; then a few frames
   * for the map to follow. */
  if (self->meeting_view >= 0)
    {
      if (!linli_meeting_go (window->meeting, (guint) self->meeting_view))
        g_printerr (_("linli: the meeting has no view %d\n"), self->meeting_view);
      self->meeting_view = -1;
      g_object_set_data (G_OBJECT (widget), "linli-frames", GUINT_TO_POINTER (4));
      return G_SOURCE_CONTINUE;
    }
  /* Basemap tiles load in threads: wait until none has been outstanding
   * for a few frames (or give up after a few seconds of frames). */
  settled = window->basemap != NULL && linli_mbtiles_source_get_n_pending (window->basemap) > 0 ? 0 : settled + 1;
  g_object_set_data (G_OBJECT (widget), "linli-settled", GUINT_TO_POINTER (settled));
  if (settled < 4 && frames < 600)
    return G_SOURCE_CONTINUE;

  /* A screenshot of another size than the one asked is worse than none:
   * the window cannot grow past the screen, so say so. */
  if (self->width > 0 && self->height > 0 &&
      (gtk_widget_get_width (widget) != self->width || gtk_widget_get_height (widget) != self->height))
    {
      g_printerr (_("linli: the window is %d×%d, not the %d×%d asked: the screen is too small for it\n"),
                  gtk_widget_get_width (widget), gtk_widget_get_height (widget), self->width, self->height);
      self->status = 1;
    }
  else if (!linli_window_save_png (LINLI_WINDOW (widget), self->map_only, self->screenshot, &error))
    {
      g_printerr ("linli: %s\n", error->message);
      self->status = 1;
    }
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static LinliWindow *
new_window (LinliApplication *self)
{
  LinliWindow *window = linli_window_new (GTK_APPLICATION (self));

  if (self->width > 0 && self->height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), self->width, self->height);
  return window;
}

/* --plan=mclp:3, lscp or pmedian:5: shows the plan tab and runs it. */
static void
start_plan (LinliApplication *self,
            LinliWindow      *window)
{
  g_auto (GStrv) parts = NULL;
  LinliPlanProblem problem;

  if (self->plan == NULL)
    return;
  parts = g_strsplit (self->plan, ":", 2);
  if (!linli_plan_problem_from_string (parts[0], &problem))
    {
      g_printerr (_("linli: --plan must be mclp, lscp or pmedian, optionally with :K\n"));
      self->status = 2;
      return;
    }
  linli_plan_panel_set_problem (window->plan_panel, problem);
  if (parts[1] != NULL)
    {
      guint64 k = 0;

      if (linli_number_parse_count (parts[1], LINLI_NUMBER_INTEGER, 500, &k) != LINLI_NUMBER_OK || k < 1)
        {
          g_printerr (_("linli: --plan must be mclp, lscp or pmedian, optionally with :K\n"));
          self->status = 2;
          return;
        }
      linli_plan_panel_set_k (window->plan_panel, (guint) k);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.plan-run", NULL);
}

static void
present (LinliApplication *self,
         LinliWindow      *window)
{
  gtk_window_present (GTK_WINDOW (window));
  if (self->page != NULL)
    {
      if (gtk_stack_get_child_by_name (window->side_stack, self->page) != NULL)
        gtk_stack_set_visible_child_name (window->side_stack, self->page);
      else
        g_printerr (_("linli: no side page called %s\n"), self->page);
    }
  if (self->chain_colors)
    g_object_set (window, "chain-colors", TRUE, NULL);
  start_plan (self, window);
  if (self->meeting)
    g_object_set (window, "meeting", TRUE, NULL);
  if (self->screenshot != NULL)
    {
      /* Without a compositor the window keeps a border for resizing around
       * its content, which would make the picture smaller than asked. */
      gtk_widget_add_css_class (GTK_WIDGET (window), "screenshot");
      gtk_widget_add_tick_callback (GTK_WIDGET (window), screenshot_tick_cb, self, NULL);
    }
}

/* Actions */

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Linli developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Linli"),
                        "application-icon", LINLI_APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Plan 10-minute community service circles: where residents live, "
                                      "which service sites reach them, and where new ones should go."),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LinliApplication *self = LINLI_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->preferences == NULL)
    {
      self->preferences = linli_preferences_new (linli_settings_get_default ());
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
      gtk_window_set_application (GTK_WINDOW (self->preferences), GTK_APPLICATION (self));
      gtk_window_set_modal (GTK_WINDOW (self->preferences), TRUE);
    }
  if (parent != NULL && parent != GTK_WINDOW (self->preferences))
    gtk_window_set_transient_for (GTK_WINDOW (self->preferences), parent);
  gtk_window_present (GTK_WINDOW (self->preferences));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing asks about unsaved changes window by window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

/* GApplication overrides */

static void
linli_application_startup (GApplication *app)
{
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (linli_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  linli_application_set_accels (GTK_APPLICATION (app));
  gtk_css_provider_load_from_resource (css, "/cn/linli/Linli/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static char *
find_sample (void)
{
  const char *candidates[] = { LINLI_PKGDATADIR "/sample.linli", LINLI_SOURCE_DATADIR "/sample.linli" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (candidates[i]);
  return NULL;
}

static void
linli_application_activate (GApplication *app)
{
  LinliApplication *self = LINLI_APPLICATION (app);
  LinliWindow *window = new_window (self);
  g_autofree char *sample = find_sample ();

  if (sample != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (sample);
      g_autoptr (GError) error = NULL;

      if (!linli_window_open_file (window, file, &error))
        g_warning ("%s", error->message);
    }
  present (self, window);
}

static void
linli_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  LinliApplication *self = LINLI_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      LinliWindow *window = new_window (self);
      g_autoptr (GError) error = NULL;

      if (!linli_window_open_file (window, files[i], &error))
        {
          g_printerr ("linli: %s\n", error->message);
          self->status = 1;
          if (self->screenshot != NULL)
            {
              gtk_window_destroy (GTK_WINDOW (window));
              continue;
            }
          present (self, window);
          linli_window_show_error (window, _("Could not open the project"), error);
          continue;
        }
      present (self, window);
    }
}

static int
linli_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  LinliApplication *self = LINLI_APPLICATION (app);
  const char *size = NULL;
  g_autofree char *basemap = NULL;
  double w = 0, h = 0;

  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot);
  g_variant_dict_lookup (options, "map-only", "b", &self->map_only);
  g_variant_dict_lookup (options, "plan", "s", &self->plan);
  g_variant_dict_lookup (options, "page", "s", &self->page);
  g_variant_dict_lookup (options, "chain-colors", "b", &self->chain_colors);
  g_variant_dict_lookup (options, "meeting", "b", &self->meeting);
  if (g_variant_dict_lookup (options, "meeting-view", "i", &self->meeting_view))
    self->meeting = TRUE;
  if (g_variant_dict_lookup (options, "size", "&s", &size) &&
      (!linli_number_parse_pair (size, 'x', &w, &h) || !(w >= 1 && w <= 16384 && h >= 1 && h <= 16384) ||
       w != floor (w) || h != floor (h)))
    {
      g_printerr (_("linli: --size must look like 1280x800\n"));
      return 2;
    }
  if (size != NULL)
    {
      self->width = (int) w;
      self->height = (int) h;
    }
  /* --basemap=FILE.mbtiles or --basemap=own: for this run only, not saved. */
  if (g_variant_dict_lookup (options, "basemap", "^ay", &basemap))
    {
      LinliSettings *settings = linli_settings_get_default ();

      if (g_str_equal (basemap, "own"))
        {
          linli_settings_set_basemap (settings, LINLI_BASEMAP_OWN);
        }
      else
        {
          g_autofree char *path = g_canonicalize_filename (basemap, NULL);
          g_autoptr (GError) error = NULL;
          g_autoptr (LinliMbtilesSource) source = linli_mbtiles_source_new (path, &error);

          if (source == NULL)
            {
              g_printerr ("linli: %s\n", error->message);
              return 1;
            }
          linli_settings_set_mbtiles_file (settings, path);
          linli_settings_set_basemap (settings, LINLI_BASEMAP_MBTILES);
        }
    }
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("linli %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
linli_application_finalize (GObject *object)
{
  LinliApplication *self = LINLI_APPLICATION (object);

  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
  g_free (self->screenshot);
  g_free (self->page);
  g_free (self->plan);
  G_OBJECT_CLASS (linli_application_parent_class)->finalize (object);
}

static void
linli_application_class_init (LinliApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = linli_application_finalize;
  app_class->startup = linli_application_startup;
  app_class->activate = linli_application_activate;
  app_class->open = linli_application_open;
  app_class->handle_local_options = linli_application_handle_local_options;
}

static void
linli_application_init (LinliApplication *self)
{
  const GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Render the window to a PNG file and quit"), N_("FILE") },
    { "map-only", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --screenshot, render only the map and legend"), NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Window size"), N_("WIDTHxHEIGHT") },
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Show this MBTiles file under the map, or “own” for Linli’s own drawing, for this run only"), N_("FILE") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Run a plan on opening: mclp, lscp or pmedian, with :K for the number of new sites"), N_("PROBLEM[:K]") },
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Show this side page: sites, plan, grids, org, partners, checks, uncovered or buildings"), N_("NAME") },
    { "chain-colors", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Colour buildings by the party organisation chain"), NULL },
    { "meeting", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open in presentation mode, for a meeting"), NULL },
    { "meeting-view", 0, 0, G_OPTION_ARG_INT, NULL, N_("With --screenshot, show this view of the presentation (0: the district)"), N_("N") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL }
  };

  self->meeting_view = -1;
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

LinliApplication *
linli_application_new (void)
{
  return g_object_new (LINLI_TYPE_APPLICATION,
                       "application-id", LINLI_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/cn/linli/Linli",
                       NULL);
}

int
linli_application_get_status (LinliApplication *self);

int
linli_application_get_status (LinliApplication *self)
{
  return self->status;
}
