/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-units-dialog.h"
#include "linli-window-private.h"

/* File → Import Partner Units (CSV): choose the file, then the column of
 * each field in LinliUnitsDialog, with what the import would do said as
 * the choices change; the units go into the open project as one undoable
 * step. */

/* Callbacks */

static void
on_units_import_cb (LinliWindow      *self,
                    LinliUnitsDialog *dialog)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint added = 0, changed = 0;

  if (!linli_units_dialog_import (dialog, &added, &changed, &error))
    {
      linli_window_show_error (self, _("Could not import the partner units"), error);
      return;
    }
  /* Translators: partner units added and changed by an import */
  text = g_strdup_printf (_("Partner units: %u added, %u changed"), added, changed);
  linli_window_toast (self, text, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_units_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    LinliWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (file != NULL && linli_window_open_units_dialog (self, file, &error) == NULL)
        linli_window_show_error (self, _("Could not import the partner units"), error);
    }
  g_object_unref (chooser);
}

/* Public API */

/**
 * linli_window_open_units_dialog:
 *
 * Reads @file as a list of partner units and shows the import dialog for
 * it, over the window, for the open project.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL with @error
 *   set ("FILE:LINE: reason") if the file cannot be read
 */
LinliUnitsDialog *
linli_window_open_units_dialog (LinliWindow  *self,
                                GFile        *file,
                                GError      **error)
{
  g_autofree char *path = NULL;
  LinliCsvTable *table;
  LinliUnitsDialog *dialog;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);

  if ((path = linli_window_local_path (file, error)) == NULL ||
      (table = linli_csv_table_load (path, 0, error)) == NULL)
    return NULL;
  dialog = linli_units_dialog_new (path, table, linli_document_get_history (self->document));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_units_import_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Actions */

void
linli_window_import_units_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  linli_window_choose_list_file (LINLI_WINDOW (widget), _("Import Partner Units"),
                                 G_CALLBACK (on_units_chosen_cb));
}
