/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-gis-layers"

#include "config.h"

#include "linli-gis-layers.h"

#include <glib/gi18n-lib.h>

#include "linli-figures.h"

/**
 * linli_gis_layer_labels_new:
 * @layers: (element-type LinliOgrLayerInfo): the layers of a file, as
 *   linli_ogr_list_layers() gives them
 *
 * The labels of a layer chooser, in the order of @layers, so that the
 * chosen position is the layer's index.
 *
 * Returns: (transfer full): one label per layer
 */
GtkStringList *
linli_gis_layer_labels_new (GPtrArray *layers)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  g_return_val_if_fail (layers != NULL, names);

  for (guint i = 0; i < layers->len; i++)
    {
      LinliOgrLayerInfo *info = layers->pdata[i];
      g_autofree char *text = NULL;

      if (info->n_features >= 0)
        {
          g_autofree char *count = linli_format_count ((guint64) info->n_features);

          /* Translators: a layer of a GIS file: its name, what it holds (polygons, lines …), how many */
          text = g_strdup_printf (_("%s — %s, %s"), info->name, linli_ogr_geometry_to_string (info->geometry),
                                  count);
        }
      else
        {
          text = g_strdup_printf ("%s — %s", info->name, linli_ogr_geometry_to_string (info->geometry));
        }
      gtk_string_list_append (names, text);
    }
  return names;
}
