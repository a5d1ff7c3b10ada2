/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-csv-dialog.h"
#include "linli-import-ogr.h"
#include "linli-window-private.h"

/* File → Import Building List (CSV): choose the file, then the columns and
 * what to do in LinliCsvDialog; the result opens as a new, unsaved project
 * (a join works on a copy: the undo history does not record buildings). */

/* Callbacks */

static void
on_csv_import_cb (LinliWindow    *self,
                  LinliCsvDialog *dialog)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = linli_csv_dialog_build (dialog, &error);

  if (project == NULL)
    {
      linli_window_show_error (self, _("Could not import the building list"), error);
      return;
    }
  if (linli_csv_dialog_get_mode (dialog) == LINLI_CSV_MODE_JOIN)
    linli_window_show_derived (self, project);
  else
    linli_window_show_import (self, project);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_csv_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  LinliWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (file != NULL && linli_window_open_csv_dialog (self, file, &error) == NULL)
        linli_window_show_error (self, _("Could not import the building list"), error);
    }
  g_object_unref (chooser);
}

/* Public API */

/**
 * linli_window_open_csv_dialog:
 *
 * Reads @file as a building list and shows the import dialog for it, over
 * the window.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL with @error
 *   set ("FILE:LINE: reason") if the file cannot be read
 */
LinliCsvDialog *
linli_window_open_csv_dialog (LinliWindow  *self,
                              GFile        *file,
                              GError      **error)
{
  g_autofree char *path = NULL;
  LinliCsvTable *table;
  LinliCsvDialog *dialog;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);

  if ((path = linli_window_local_path (file, error)) == NULL)
    return NULL;
  /* Excel and OpenDocument sheets come through GDAL, as the same table. */
  if (linli_ogr_handles (path))
    {
      LinliOgrOptions options;

      linli_ogr_options_init (&options);
      table = linli_ogr_read_table (path, &options, error);
    }
  else
    table = linli_csv_table_load (path, 0, error);
  if (table == NULL)
    return NULL;
  dialog = linli_csv_dialog_new (table, self->project);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_csv_import_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Actions */

void
linli_window_import_csv_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Building List"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Building lists (CSV, Excel, ODS)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_filter_add_pattern (filter, "*.XLSX");
  gtk_file_filter_add_pattern (filter, "*.ods");
  gtk_file_filter_add_pattern (filter, "*.ODS");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_csv_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
