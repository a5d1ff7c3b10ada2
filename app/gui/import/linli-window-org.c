/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-org-import.h"
#include "linli-window-private.h"

/* File → Import Organisation List (CSV): choose the file, then which list
 * it is (committees, branches, party groups or member households) in a
 * preview that shows the rows and the columns guessed for that list, then
 * add it to the open project as one undoable step.  The building list's
 * column dialog (LinliCsvDialog) is made for its own fields, so the
 * organisation lists show the guess and keep it; `linli-tool org import
 * --column` is there to override it. */

typedef struct
{
  LinliWindow      *self;
  LinliCsvTable    *table;
  AdwMessageDialog *dialog;   /* unowned: this lives as long as its handlers */
  GtkDropDown      *list;
} PendingOrg;

static void
pending_org_clear (PendingOrg *p)
{
  g_object_unref (p->self);
  linli_csv_table_free (p->table);
}

static void
pending_org_release (gpointer  data,
                     GClosure *closure)
{
  g_rc_box_release_full (data, (GDestroyNotify) pending_org_clear);
}

/* Auxiliary methods */

/* The list most of whose fields have a column, the first one on a tie:
 * a branch list's headers map no community, a committee list's no id. */
static LinliOrgList
guess_list (const LinliCsvTable *table)
{
  LinliOrgList best = LINLI_ORG_LIST_COMMITTEES;
  guint best_n = 0;

  for (LinliOrgList list = LINLI_ORG_LIST_COMMITTEES; list <= LINLI_ORG_LIST_HOUSEHOLDS; list++)
    {
      LinliOrgMapping mapping;
      guint n = 0;

      linli_org_mapping_guess (&mapping, list, table);
      for (guint f = 0; f < LINLI_ORG_N_FIELDS; f++)
        n += mapping.columns[f] >= 0;
      if (n > best_n)
        {
          best = list;
          best_n = n;
        }
    }
  return best;
}

/* The rows and the guessed columns of @list, as linli-tool prints them. */
static char *
describe (const LinliCsvTable *table,
          LinliOrgList         list)
{
  GString *s = g_string_new (NULL);
  guint n_rows = linli_csv_table_get_n_rows (table);
  LinliOrgMapping mapping;
  guint n_mapped = 0;

  linli_org_mapping_guess (&mapping, list, table);
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%s: %u row", "%s: %u rows", n_rows),
                          linli_csv_table_get_display_name (table), n_rows);
  g_string_append_c (s, '\n');
  for (guint f = 0; f < LINLI_ORG_N_FIELDS; f++)
    if (mapping.columns[f] >= 0)
      {
        g_string_append_printf (s, "\n%s ← “%s”", linli_org_field_to_string (f),
                                linli_csv_table_get_header (table, mapping.columns[f]));
        n_mapped++;
      }
  if (n_mapped == 0)
    g_string_append (s, _("\nNo column header names a field of this list."));
  return g_string_free (s, FALSE);
}

/* Callbacks */

static void
on_list_selected_cb (GtkDropDown *list,
                     GParamSpec  *pspec,
                     PendingOrg  *p)
{
  g_autofree char *body = describe (p->table, gtk_drop_down_get_selected (list));

  adw_message_dialog_set_body (p->dialog, body);
}

static void
on_org_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PendingOrg       *p)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  LinliOrgImportReport report;
  LinliOrgMapping mapping;
  LinliOrgList list = gtk_drop_down_get_selected (p->list);

  if (g_strcmp0 (response, "import") != 0)
    return;
  linli_org_mapping_guess (&mapping, list, p->table);
  if (!linli_org_import_csv (linli_document_get_history (p->self->document), list, p->table, &mapping, &report,
                             &error))
    {
      linli_window_show_error (p->self, _("Could not import the organisation list"), error);
      return;
    }
  /* Translators: entries read (blank rows aside), then how many were added and how many changed */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry read: %u added, %u changed",
                                       "%u entries read: %u added, %u changed", report.n_entries),
                          report.n_entries, report.n_added, report.n_changed);
  adw_toast_overlay_add_toast (p->self->toast_overlay, adw_toast_new (text));
}

static void
on_org_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  LinliWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        linli_window_preview_org (self, file);
    }
  g_object_unref (chooser);
}

/* Public API */

/**
 * linli_window_preview_org:
 *
 * Reads @file as an organisation list and asks which list it is, showing
 * its rows and guessed columns; the answer "import" adds it to the open
 * project as one undoable step.  A file that cannot be read, or a row
 * that cannot, is shown as an error with the file and line.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the file
 *   could not be read
 */
AdwMessageDialog *
linli_window_preview_org (LinliWindow *self,
                          GFile       *file)
{
  static const char *const lists[] = {
    N_("Community Party Committees"), N_("Party Branches"), N_("Building Party Groups"),
    N_("Member Households"), NULL,
  };
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  LinliCsvTable *table;
  GtkWidget *dialog, *dropdown;
  PendingOrg *p;
  LinliOrgList list;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);

  if ((path = linli_window_local_path (file, &error)) == NULL ||
      (table = linli_csv_table_load (path, 0, &error)) == NULL)
    {
      linli_window_show_error (self, _("Could not import the organisation list"), error);
      return NULL;
    }
  for (guint i = 0; lists[i] != NULL; i++)
    gtk_string_list_append (names, _(lists[i]));
  list = guess_list (table);
  body = describe (table, list);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Organisation List?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), list);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the file lists"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);

  /* Two handlers share it; the last one gone frees it. */
  p = g_rc_box_new0 (PendingOrg);
  p->self = g_object_ref (self);
  p->table = table;
  p->dialog = ADW_MESSAGE_DIALOG (dialog);
  p->list = GTK_DROP_DOWN (dropdown);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_org_response_cb), p, pending_org_release, 0);
  g_signal_connect_data (dropdown, "notify::selected", G_CALLBACK (on_list_selected_cb), g_rc_box_acquire (p),
                         pending_org_release, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Actions */

void
linli_window_import_org_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Organisation List"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV lists"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_org_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
