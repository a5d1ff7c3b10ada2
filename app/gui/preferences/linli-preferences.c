/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-preferences"

#include "config.h"

#include "linli-preferences.h"

#include <glib/gi18n-lib.h>

#include "linli-mbtiles-source.h"

/* The preferences window: for now the basemap, Linli's own drawing or an
 * MBTiles file.  A file is opened before it is taken, so a file that
 * cannot be shown is reported here and the map keeps what it had.  The
 * settings are saved at once; every window follows them.
 */
struct _LinliPreferences
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwPreferencesPage   *page;
  AdwActionRow         *mbtiles_row;
  GtkWidget            *file_button;
  AdwButtonContent     *file_button_content;
  GtkLabel             *error_label;

  LinliSettings        *settings;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (LinliPreferences, linli_preferences, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_BASEMAP,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
show_error (LinliPreferences *self,
            const GError     *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
clear_error (LinliPreferences *self)
{
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* The file button names the chosen file, and the row says what it holds. */
static void
update_file_row (LinliPreferences   *self,
                 LinliMbtilesSource *source)
{
  const char *path = linli_settings_get_mbtiles_file (self->settings);

  if (path != NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *display = g_filename_display_name (basename);

      adw_button_content_set_label (self->file_button_content, display);
      gtk_widget_set_tooltip_text (self->file_button, path);
    }
  else
    {
      adw_button_content_set_label (self->file_button_content, _("Choose File…"));
      gtk_widget_set_tooltip_text (self->file_button, _("Choose an MBTiles file"));
    }

  if (source != NULL)
    {
      /* Translators: an MBTiles file's name and the zoom levels it holds, e.g. "OSM Hangzhou · zoom 10–16" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · zoom %u–%u"), linli_mbtiles_source_get_name (source),
                                                   linli_mbtiles_source_get_min_zoom (source),
                                                   linli_mbtiles_source_get_max_zoom (source));

      adw_action_row_set_subtitle (self->mbtiles_row, subtitle);
    }
  else
    {
      adw_action_row_set_subtitle (self->mbtiles_row, _("Raster tiles (PNG or JPEG) from a file on this computer"));
    }
}

static void
save (LinliPreferences *self)
{
  g_autoptr (GError) error = NULL;

  if (!linli_settings_save (self->settings, &error))
    show_error (self, error);
}

/* Callbacks */

static void
on_chooser_response_cb (LinliPreferences *self,
                        int               response)
{
  g_autoptr (GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      linli_preferences_choose_mbtiles (self, file);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
}

static void
on_settings_notify_cb (LinliPreferences *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP]);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LinliPreferences *self = LINLI_PREFERENCES (widget);
  g_autoptr (GtkFileFilter) mbtiles = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
  const char *current = linli_settings_get_mbtiles_file (self->settings);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }
  self->chooser = gtk_file_chooser_native_new (_("Choose a Basemap"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (mbtiles, _("MBTiles files"));
  gtk_file_filter_add_pattern (mbtiles, "*.mbtiles");
  gtk_file_filter_add_pattern (mbtiles, "*.MBTILES");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), mbtiles);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  if (current != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (current);
      g_autoptr (GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject overrides */

static void
linli_preferences_constructed (GObject *object)
{
  LinliPreferences *self = LINLI_PREFERENCES (object);
  g_autoptr (LinliMbtilesSource) source = NULL;
  const char *path;

  G_OBJECT_CLASS (linli_preferences_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_object_ref (linli_settings_get_default ());
  g_signal_connect_object (self->settings, "notify::basemap", G_CALLBACK (on_settings_notify_cb), self,
                           G_CONNECT_SWAPPED);

  /* Say what the remembered file holds, or what is wrong with it if the
   * map should be showing it. */
  path = linli_settings_get_mbtiles_file (self->settings);
  if (path != NULL)
    {
      g_autoptr (GError) error = NULL;

      source = linli_mbtiles_source_new (path, &error);
      if (source == NULL && linli_settings_get_basemap (self->settings) == LINLI_BASEMAP_MBTILES)
        show_error (self, error);
    }
  update_file_row (self, source);
}

static void
linli_preferences_dispose (GObject *object)
{
  LinliPreferences *self = LINLI_PREFERENCES (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_PREFERENCES);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (linli_preferences_parent_class)->dispose (object);
}

static void
linli_preferences_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LinliPreferences *self = LINLI_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_BASEMAP:
      g_value_set_string (value, linli_preferences_get_basemap (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_preferences_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LinliPreferences *self = LINLI_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_BASEMAP:
      linli_preferences_set_basemap (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_preferences_class_init (LinliPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = linli_preferences_constructed;
  object_class->dispose = linli_preferences_dispose;
  object_class->get_property = linli_preferences_get_property;
  object_class->set_property = linli_preferences_set_property;

  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, LINLI_TYPE_SETTINGS,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                   G_PARAM_STATIC_STRINGS);
  /* "own" or "mbtiles": a string, so the radio buttons can use it as
   * their action's state. */
  properties[PROP_BASEMAP] = g_param_spec_string ("basemap", NULL, NULL, "own",
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliPreferences, page);
  gtk_widget_class_bind_template_child (widget_class, LinliPreferences, mbtiles_row);
  gtk_widget_class_bind_template_child (widget_class, LinliPreferences, file_button);
  gtk_widget_class_bind_template_child (widget_class, LinliPreferences, file_button_content);
  gtk_widget_class_bind_template_child (widget_class, LinliPreferences, error_label);

  gtk_widget_class_install_property_action (widget_class, "prefs.basemap", "basemap");
  gtk_widget_class_install_action (widget_class, "prefs.choose-file", NULL, choose_file_action);
}

static void
linli_preferences_init (LinliPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * linli_preferences_new:
 * @settings: (nullable): the settings to show and change; %NULL for the
 *   application's
 */
LinliPreferences *
linli_preferences_new (LinliSettings *settings)
{
  g_return_val_if_fail (settings == NULL || LINLI_IS_SETTINGS (settings), NULL);

  return g_object_new (LINLI_TYPE_PREFERENCES, "settings", settings, NULL);
}

/**
 * linli_preferences_get_basemap:
 *
 * Returns: "own" or "mbtiles"
 */
const char *
linli_preferences_get_basemap (LinliPreferences *self)
{
  g_return_val_if_fail (LINLI_IS_PREFERENCES (self), NULL);

  if (self->settings != NULL && linli_settings_get_basemap (self->settings) == LINLI_BASEMAP_MBTILES)
    return "mbtiles";
  return "own";
}

/**
 * linli_preferences_set_basemap:
 * @basemap: "own" or "mbtiles"
 *
 * What the radio buttons do.  "mbtiles" takes the file chosen before, or
 * asks for one; it changes nothing if the file cannot be shown.
 */
void
linli_preferences_set_basemap (LinliPreferences *self,
                               const char       *basemap)
{
  const char *path;

  g_return_if_fail (LINLI_IS_PREFERENCES (self));
  g_return_if_fail (basemap != NULL);

  if (g_str_equal (basemap, "own"))
    {
      clear_error (self);
      if (linli_settings_get_basemap (self->settings) != LINLI_BASEMAP_OWN)
        {
          linli_settings_set_basemap (self->settings, LINLI_BASEMAP_OWN);
          save (self);
        }
      return;
    }
  g_return_if_fail (g_str_equal (basemap, "mbtiles"));

  path = linli_settings_get_mbtiles_file (self->settings);
  if (path == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "prefs.choose-file", NULL);
    }
  else
    {
      g_autoptr (GFile) file = g_file_new_for_path (path);

      linli_preferences_choose_mbtiles (self, file);
    }
}

/**
 * linli_preferences_choose_mbtiles:
 * @file: an MBTiles file
 *
 * What choosing a file does: opens it, and if it can be shown makes it the
 * basemap of every window and saves the choice; if not, shows why and
 * leaves the basemap as it was.
 *
 * Returns: whether @file is now the basemap
 */
gboolean
linli_preferences_choose_mbtiles (LinliPreferences *self,
                                  GFile            *file)
{
  g_autoptr (LinliMbtilesSource) source = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (LINLI_IS_PREFERENCES (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be used as a basemap"));
      show_error (self, error);
      return FALSE;
    }
  source = linli_mbtiles_source_new (path, &error);
  if (source == NULL)
    {
      show_error (self, error);
      return FALSE;
    }

  clear_error (self);
  /* The file first: windows that follow the basemap then open the new one
   * only. */
  linli_settings_set_mbtiles_file (self->settings, path);
  linli_settings_set_basemap (self->settings, LINLI_BASEMAP_MBTILES);
  update_file_row (self, source);
  save (self);
  return TRUE;
}

/**
 * linli_preferences_get_error:
 *
 * Returns: (nullable): the error the window shows, if any
 */
const char *
linli_preferences_get_error (LinliPreferences *self)
{
  g_return_val_if_fail (LINLI_IS_PREFERENCES (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
