/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * LinliBasemap:
 * @LINLI_BASEMAP_OWN: Linli's own drawing of streets and footprints
 * @LINLI_BASEMAP_MBTILES: raster tiles from an MBTiles file
 */
typedef enum
{
  LINLI_BASEMAP_OWN,
  LINLI_BASEMAP_MBTILES,
} LinliBasemap;

#define LINLI_TYPE_BASEMAP (linli_basemap_get_type ())
GType linli_basemap_get_type (void);

#define LINLI_TYPE_SETTINGS (linli_settings_get_type ())
G_DECLARE_FINAL_TYPE (LinliSettings, linli_settings, LINLI, SETTINGS, GObject)

LinliSettings *linli_settings_get_default      (void);
LinliSettings *linli_settings_new_for_path     (const char *path) G_GNUC_WARN_UNUSED_RESULT;

const char    *linli_settings_get_path         (LinliSettings  *self);
gboolean       linli_settings_load             (LinliSettings  *self,
                                                GError        **error);
gboolean       linli_settings_save             (LinliSettings  *self,
                                                GError        **error);

LinliBasemap   linli_settings_get_basemap      (LinliSettings *self);
void           linli_settings_set_basemap      (LinliSettings *self,
                                                LinliBasemap   basemap);
const char    *linli_settings_get_mbtiles_file (LinliSettings *self);
void           linli_settings_set_mbtiles_file (LinliSettings *self,
                                                const char    *path);
const char    *linli_settings_get_basemap_file (LinliSettings *self);

G_END_DECLS
