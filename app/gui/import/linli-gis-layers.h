/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-import-ogr.h"

G_BEGIN_DECLS

/* The layers of a GIS file as the import dialogs offer them: one label
 * each, "name — what it holds, how many". */
GtkStringList *linli_gis_layer_labels_new (GPtrArray *layers) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
