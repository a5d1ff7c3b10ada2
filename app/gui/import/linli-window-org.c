/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-org-dialog.h"
#include "linli-window-private.h"

/* File → Import Organisation List (CSV): choose the file, then which list
 * it is and the column of each field in LinliOrgDialog, with the rows
 * previewed as the import would read them; the list goes into the open
 * project as one undoable step. */

/* Callbacks */

static void
on_org_import_cb (LinliWindow    *self,
                  LinliOrgDialog *dialog)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  LinliOrgImportReport report;

  if (!linli_org_dialog_import (dialog, &report, &error))
    {
      linli_window_show_error (self, _("Could not import the organisation list"), error);
      return;
    }
  /* Translators: entries read (blank rows aside), then how many were added and how many changed */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry read: %u added, %u changed",
                                       "%u entries read: %u added, %u changed", report.n_entries),
                          report.n_entries, report.n_added, report.n_changed);
  linli_window_toast (self, text, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_org_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  LinliWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (file != NULL && linli_window_open_org_dialog (self, file, &error) == NULL)
        linli_window_show_error (self, _("Could not import the organisation list"), error);
    }
  g_object_unref (chooser);
}

/* Public API */

/**
 * linli_window_open_org_dialog:
 *
 * Reads @file as an organisation list and shows the import dialog for it,
 * over the window, for the open project.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL with @error
 *   set ("FILE:LINE: reason") if the file cannot be read
 */
LinliOrgDialog *
linli_window_open_org_dialog (LinliWindow  *self,
                              GFile        *file,
                              GError      **error)
{
  g_autofree char *path = NULL;
  LinliCsvTable *table;
  LinliOrgDialog *dialog;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);

  if ((path = linli_window_local_path (file, error)) == NULL ||
      (table = linli_csv_table_load (path, 0, error)) == NULL)
    return NULL;
  dialog = linli_org_dialog_new (table, linli_document_get_history (self->document));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_org_import_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * linli_window_choose_list_file:
 * @title: the chooser's title
 * @response_cb: called with the chooser, its response and the window
 *
 * Asks for a CSV list to import, as the organisation and partner unit
 * imports do.
 */
void
linli_window_choose_list_file (LinliWindow *self,
                               const char  *title,
                               GCallback    response_cb)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV lists"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", response_cb, self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Actions */

void
linli_window_import_org_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  linli_window_choose_list_file (LINLI_WINDOW (widget), _("Import Organisation List"),
                                 G_CALLBACK (on_org_chosen_cb));
}
