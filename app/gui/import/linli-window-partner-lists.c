/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-partner-list-dialog.h"
#include "linli-window-private.h"

/* File → Import Partner Units (CSV) and Import Partner Needs (CSV): choose
 * the file, then the column of each field in LinliPartnerListDialog, with
 * what the import would do said as the choices change; the list goes into
 * the open project as one undoable step. */

/* Callbacks */

static void
on_list_import_cb (LinliWindow            *self,
                   LinliPartnerListDialog *dialog)
{
  gboolean needs = linli_partner_list_dialog_get_list (dialog) == LINLI_PARTNER_LIST_NEEDS;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint added = 0, changed = 0;

  if (!linli_partner_list_dialog_import (dialog, &added, &changed, &error))
    {
      linli_window_show_error (self, needs ? _("Could not import the partner needs")
                                           : _("Could not import the partner units"), error);
      return;
    }
  if (needs)
    /* Translators: needs added and changed by an import */
    text = g_strdup_printf (_("Partner needs: %u added, %u changed"), added, changed);
  else
    /* Translators: partner units added and changed by an import */
    text = g_strdup_printf (_("Partner units: %u added, %u changed"), added, changed);
  linli_window_toast (self, text, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
list_chosen (GtkNativeDialog  *chooser,
             int               response,
             LinliWindow      *self,
             LinliPartnerList  list)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (file != NULL &&
          linli_window_open_partner_list_dialog (self, list, file, &error) == NULL)
        linli_window_show_error (self, list == LINLI_PARTNER_LIST_NEEDS
                                       ? _("Could not import the partner needs")
                                       : _("Could not import the partner units"), error);
    }
  g_object_unref (chooser);
}

static void
on_units_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    LinliWindow     *self)
{
  list_chosen (chooser, response, self, LINLI_PARTNER_LIST_UNITS);
}

static void
on_needs_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    LinliWindow     *self)
{
  list_chosen (chooser, response, self, LINLI_PARTNER_LIST_NEEDS);
}

/* Public API */

/**
 * linli_window_open_partner_list_dialog:
 * @list: %LINLI_PARTNER_LIST_UNITS or %LINLI_PARTNER_LIST_NEEDS
 *
 * Reads @file as a list of partner units or needs and shows the import
 * dialog for it, over the window, for the open project.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL with @error
 *   set ("FILE:LINE: reason") if the file cannot be read
 */
LinliPartnerListDialog *
linli_window_open_partner_list_dialog (LinliWindow       *self,
                                       LinliPartnerList   list,
                                       GFile             *file,
                                       GError           **error)
{
  g_autofree char *path = NULL;
  LinliCsvTable *table;
  LinliPartnerListDialog *dialog;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);

  if ((path = linli_window_local_path (file, error)) == NULL ||
      (table = linli_csv_table_load (path, 0, error)) == NULL)
    return NULL;
  dialog = linli_partner_list_dialog_new (path, table,
                                          linli_document_get_history (self->document), list);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_list_import_cb), self,
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

void
linli_window_import_needs_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  linli_window_choose_list_file (LINLI_WINDOW (widget), _("Import Partner Needs"),
                                 G_CALLBACK (on_needs_chosen_cb));
}
