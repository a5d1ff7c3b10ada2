/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-settings"

#include "config.h"

#include "linli-settings.h"

#include "linli-file.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* The user's preferences, kept in a key file in the user's configuration
 * folder: the app runs from its build folder too, where a GSettings schema
 * would not be installed.  Windows follow the properties; the preferences
 * window changes them and saves.  Keys this version does not know are
 * kept when saving.
 */

#define GROUP_BASEMAP "Basemap"
#define KEY_KIND      "Kind"
#define KEY_MBTILES   "MBTilesFile"

struct _LinliSettings
{
  GObject       parent_instance;

  char         *path;
  GKeyFile     *key_file;
  LinliBasemap  basemap;
  char         *mbtiles_file;
};

G_DEFINE_FINAL_TYPE (LinliSettings, linli_settings, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LinliBasemap, linli_basemap,
                    G_DEFINE_ENUM_VALUE (LINLI_BASEMAP_OWN, "own"),
                    G_DEFINE_ENUM_VALUE (LINLI_BASEMAP_MBTILES, "mbtiles"))

enum {
  PROP_0,
  PROP_BASEMAP,
  PROP_MBTILES_FILE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* GObject overrides */

static void
linli_settings_finalize (GObject *object)
{
  LinliSettings *self = LINLI_SETTINGS (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->key_file, g_key_file_unref);
  g_clear_pointer (&self->mbtiles_file, g_free);
  G_OBJECT_CLASS (linli_settings_parent_class)->finalize (object);
}

static void
linli_settings_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LinliSettings *self = LINLI_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      g_value_set_enum (value, self->basemap);
      break;
    case PROP_MBTILES_FILE:
      g_value_set_string (value, self->mbtiles_file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_settings_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LinliSettings *self = LINLI_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      linli_settings_set_basemap (self, g_value_get_enum (value));
      break;
    case PROP_MBTILES_FILE:
      linli_settings_set_mbtiles_file (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_settings_class_init (LinliSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = linli_settings_finalize;
  object_class->get_property = linli_settings_get_property;
  object_class->set_property = linli_settings_set_property;

  properties[PROP_BASEMAP] = g_param_spec_enum ("basemap", NULL, NULL, LINLI_TYPE_BASEMAP, LINLI_BASEMAP_OWN,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  properties[PROP_MBTILES_FILE] = g_param_spec_string ("mbtiles-file", NULL, NULL, NULL,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
linli_settings_init (LinliSettings *self)
{
  self->key_file = g_key_file_new ();
  self->basemap = LINLI_BASEMAP_OWN;
}

/* Public API */

/**
 * linli_settings_get_default:
 *
 * The settings of `linli/settings.ini` in the user's configuration folder,
 * loaded on first use.  A file that cannot be read leaves the defaults and
 * a warning.
 *
 * Returns: (transfer none): the application's settings
 */
LinliSettings *
linli_settings_get_default (void)
{
  static LinliSettings *settings;

  if (settings == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_config_dir (), "linli", "settings.ini", NULL);
      g_autoptr (GError) error = NULL;

      settings = linli_settings_new_for_path (path);
      if (!linli_settings_load (settings, &error))
        g_warning ("%s", error->message);
    }
  return settings;
}

/**
 * linli_settings_new_for_path:
 * @path: the key file to load from and save to
 *
 * Returns: (transfer full): settings with the defaults, not loaded yet
 */
LinliSettings *
linli_settings_new_for_path (const char *path)
{
  LinliSettings *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LINLI_TYPE_SETTINGS, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
linli_settings_get_path (LinliSettings *self)
{
  g_return_val_if_fail (LINLI_IS_SETTINGS (self), NULL);
  return self->path;
}

/**
 * linli_settings_load:
 *
 * Reads the key file.  A missing file is no error: the defaults stay.
 *
 * Returns: whether the file was read or is absent; on failure the
 *   defaults are in force
 */
gboolean
linli_settings_load (LinliSettings  *self,
                     GError        **error)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *file = NULL;
  LinliBasemap basemap = LINLI_BASEMAP_OWN;

  g_return_val_if_fail (LINLI_IS_SETTINGS (self), FALSE);

  if (!g_key_file_load_from_file (key_file, self->path, G_KEY_FILE_KEEP_COMMENTS, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, local_error->domain, local_error->code, _("Could not read the settings in “%s”: %s"),
                   self->path, local_error->message);
      return FALSE;
    }

  kind = g_key_file_get_string (key_file, GROUP_BASEMAP, KEY_KIND, NULL);
  file = g_key_file_get_string (key_file, GROUP_BASEMAP, KEY_MBTILES, NULL);
  if (kind != NULL && g_str_equal (kind, "mbtiles"))
    basemap = LINLI_BASEMAP_MBTILES;
  /* Paths that are not UTF-8 are stored as file URIs. */
  if (file != NULL && g_str_has_prefix (file, "file://"))
    {
      char *path = g_filename_from_uri (file, NULL, NULL);

      g_free (file);
      file = path;
    }
  if (file != NULL && *file == '\0')
    g_clear_pointer (&file, g_free);

  g_key_file_unref (self->key_file);
  self->key_file = g_steal_pointer (&key_file);
  g_object_freeze_notify (G_OBJECT (self));
  linli_settings_set_mbtiles_file (self, file);
  linli_settings_set_basemap (self, basemap);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * linli_settings_save:
 *
 * Writes the key file, making its folder if needed.
 */
gboolean
linli_settings_save (LinliSettings  *self,
                     GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (LINLI_IS_SETTINGS (self), FALSE);

  g_key_file_set_string (self->key_file, GROUP_BASEMAP, KEY_KIND,
                         self->basemap == LINLI_BASEMAP_MBTILES ? "mbtiles" : "own");
  if (self->mbtiles_file == NULL)
    g_key_file_remove_key (self->key_file, GROUP_BASEMAP, KEY_MBTILES, NULL);
  else if (g_utf8_validate (self->mbtiles_file, -1, NULL))
    g_key_file_set_string (self->key_file, GROUP_BASEMAP, KEY_MBTILES, self->mbtiles_file);
  else
    {
      g_autofree char *uri = g_filename_to_uri (self->mbtiles_file, NULL, NULL);

      if (uri != NULL)
        g_key_file_set_string (self->key_file, GROUP_BASEMAP, KEY_MBTILES, uri);
    }

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not save the settings in “%s”: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }
  /* Through the core's writer: atomic, and it cleans up after a killed
   * save instead of leaving settings.ini.XXXXXX behind. */
  data = g_key_file_to_data (self->key_file, &length, NULL);
  if (!linli_file_set_contents (self->path, data, length, &local_error))
    {
      /* The message names the file already. */
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("Could not save the settings: "));
      return FALSE;
    }
  return TRUE;
}

LinliBasemap
linli_settings_get_basemap (LinliSettings *self)
{
  g_return_val_if_fail (LINLI_IS_SETTINGS (self), LINLI_BASEMAP_OWN);
  return self->basemap;
}

void
linli_settings_set_basemap (LinliSettings *self,
                            LinliBasemap   basemap)
{
  g_return_if_fail (LINLI_IS_SETTINGS (self));
  g_return_if_fail (basemap == LINLI_BASEMAP_OWN || basemap == LINLI_BASEMAP_MBTILES);

  if (self->basemap == basemap)
    return;
  self->basemap = basemap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP]);
}

/**
 * linli_settings_get_mbtiles_file:
 *
 * Returns: (nullable): the MBTiles file last chosen, used or not
 */
const char *
linli_settings_get_mbtiles_file (LinliSettings *self)
{
  g_return_val_if_fail (LINLI_IS_SETTINGS (self), NULL);
  return self->mbtiles_file;
}

void
linli_settings_set_mbtiles_file (LinliSettings *self,
                                 const char    *path)
{
  g_return_if_fail (LINLI_IS_SETTINGS (self));

  if (g_strcmp0 (self->mbtiles_file, path) == 0)
    return;
  g_free (self->mbtiles_file);
  self->mbtiles_file = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MBTILES_FILE]);
}

/**
 * linli_settings_get_basemap_file:
 *
 * Returns: (nullable): the MBTiles file the map should show, or %NULL for
 *   Linli's own drawing
 */
const char *
linli_settings_get_basemap_file (LinliSettings *self)
{
  g_return_val_if_fail (LINLI_IS_SETTINGS (self), NULL);
  return self->basemap == LINLI_BASEMAP_MBTILES ? self->mbtiles_file : NULL;
}
