/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "linli-settings.h"

G_BEGIN_DECLS

#define LINLI_TYPE_PREFERENCES (linli_preferences_get_type ())
G_DECLARE_FINAL_TYPE (LinliPreferences, linli_preferences, LINLI, PREFERENCES, AdwPreferencesWindow)

LinliPreferences *linli_preferences_new            (LinliSettings *settings) G_GNUC_WARN_UNUSED_RESULT;

const char       *linli_preferences_get_basemap    (LinliPreferences *self);
void              linli_preferences_set_basemap    (LinliPreferences *self,
                                                    const char       *basemap);
gboolean          linli_preferences_choose_mbtiles (LinliPreferences *self,
                                                    GFile            *file);
const char       *linli_preferences_get_error      (LinliPreferences *self);

G_END_DECLS
