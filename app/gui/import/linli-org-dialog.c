/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-org-dialog"

#include "config.h"

#include "linli-org-dialog.h"

#include <glib/gi18n-lib.h>

/* An organisation list import: which list the file is (committees,
 * branches, party groups or member households, guessed from the headers),
 * a column for each field of that list, and a preview of the first rows as
 * the import would read them, each with the reason it cannot be read, if
 * any.  Reading and checking are the core's (linli-org-import.h): the
 * preview and the summary come from linli_org_import_check(), the import
 * from linli_org_import_csv(), as one undoable step. */

#define MAX_PREVIEW_ROWS 12

struct _LinliOrgDialog
{
  LinliColumnsDialog parent_instance;

  AdwComboRow       *list_row;

  LinliHistory      *history;
  LinliOrgIndex     *index;    /* of the project: the dialog is modal, the project stays as it is */
  LinliOrgList       list;
  LinliOrgField      fields[LINLI_ORG_N_FIELDS];   /* of the list, in the order of the dropdowns */
  guint              n_fields;
};

G_DEFINE_FINAL_TYPE (LinliOrgDialog, linli_org_dialog, LINLI_TYPE_COLUMNS_DIALOG)

enum {
  PROP_0,
  PROP_LIST,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
get_mapping (LinliOrgDialog  *self,
             LinliOrgMapping *mapping)
{
  LinliColumnsDialog *dialog = LINLI_COLUMNS_DIALOG (self);

  for (guint f = 0; f < LINLI_ORG_N_FIELDS; f++)
    mapping->columns[f] = -1;
  for (guint i = 0; i < self->n_fields; i++)
    mapping->columns[self->fields[i]] = linli_columns_dialog_get_column (dialog, i);
}

/* The dropdowns of the list's fields, with the columns guessed for it. */
static void
set_fields (LinliOrgDialog *self)
{
  LinliColumnsDialog *dialog = LINLI_COLUMNS_DIALOG (self);
  LinliColumnsField fields[LINLI_ORG_N_FIELDS];
  LinliOrgMapping guess;

  linli_org_mapping_guess (&guess, self->list, linli_columns_dialog_get_table (dialog));
  self->n_fields = 0;
  for (LinliOrgField f = 0; f < LINLI_ORG_N_FIELDS; f++)
    if (linli_org_list_has_field (self->list, f))
      {
        fields[self->n_fields] = (LinliColumnsField) {
          linli_org_field_get_label (self->list, f),
          linli_org_list_needs_field (self->list, f),
          guess.columns[f],
        };
        self->fields[self->n_fields++] = f;
      }
  linli_columns_dialog_set_fields (dialog, fields, self->n_fields);
}

/* The first rows as the import reads them: the line, the value of each
 * field, and why the row cannot be read. */
static void
fill_preview (LinliOrgDialog        *self,
              const LinliOrgMapping *mapping,
              GPtrArray             *reasons)
{
  LinliColumnsDialog *dialog = LINLI_COLUMNS_DIALOG (self);
  const LinliCsvTable *table = linli_columns_dialog_get_table (dialog);
  guint n_rows = MIN (linli_csv_table_get_n_rows (table), MAX_PREVIEW_ROWS);
  guint last = self->n_fields + 1;

  linli_columns_dialog_clear_preview (dialog);
  linli_columns_dialog_add_preview (dialog, 0, 0, _("Line"), "dim-label");
  for (guint i = 0; i < self->n_fields; i++)
    {
      int column = mapping->columns[self->fields[i]];
      g_autofree char *title = NULL;
      const char *label = linli_org_field_get_label (self->list, self->fields[i]);
      GtkWidget *from;

      if (column >= 0)
        title = linli_columns_dialog_dup_column_title (dialog, column);
      linli_columns_dialog_add_preview (dialog, i + 1, 0, label, "heading");
      from = linli_columns_dialog_add_preview (dialog, i + 1, 1, title != NULL ? title : "–",
                                               "dim-label");
      gtk_widget_add_css_class (from, "caption");
    }
  linli_columns_dialog_add_preview (dialog, last, 0, _("Problem"), "heading");

  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *line = g_strdup_printf ("%u", linli_csv_table_get_line (table, r));
      const char *reason = reasons != NULL && r < reasons->len ? reasons->pdata[r] : NULL;
      GtkWidget *problem;

      linli_columns_dialog_add_preview (dialog, 0, r + 2, line, "dim-label");
      for (guint i = 0; i < self->n_fields; i++)
        {
          int column = mapping->columns[self->fields[i]];

          if (column >= 0)
            linli_columns_dialog_add_preview (dialog, i + 1, r + 2,
                                              linli_csv_table_get_cell (table, r, column), NULL);
        }
      if (reason == NULL)
        continue;
      /* Long reasons are cut short in the cell; the tooltip has all of it. */
      problem = linli_columns_dialog_add_preview (dialog, last, r + 2, reason, "error");
      gtk_widget_set_tooltip_text (problem, reason);
    }
}

/* Works out what the import would do now, and says so. */
static void
linli_org_dialog_update (LinliColumnsDialog *dialog)
{
  LinliOrgDialog *self = LINLI_ORG_DIALOG (dialog);
  const LinliCsvTable *table = linli_columns_dialog_get_table (dialog);
  g_autoptr (GPtrArray) reasons = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  LinliOrgImportReport report;
  LinliOrgMapping mapping;

  get_mapping (self, &mapping);
  if (self->index == NULL)
    self->index = linli_org_index_new (linli_history_get_project (self->history));
  linli_org_import_check (self->index, self->list, table, &mapping, &report, &reasons, &error);
  fill_preview (self, &mapping, reasons);
  if (error != NULL && report.n_invalid > 1)
    /* Translators: an error with its file and line, then how many more rows have one */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s (and %u more row that cannot be read)",
                                            "%s (and %u more rows that cannot be read)",
                                            report.n_invalid - 1),
                               error->message, report.n_invalid - 1);
  else if (error != NULL)
    summary = g_strdup (error->message);
  else if (report.n_entries == 0)
    summary = g_strdup (_("The list has no entries."));
  else
    /* Translators: entries of the list (blank rows aside), then how many
     * would be added and how many changed */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry: %u to add, %u to change",
                                            "%u entries: %u to add, %u to change",
                                            report.n_entries),
                               report.n_entries, report.n_added, report.n_changed);
  linli_columns_dialog_set_summary (dialog, summary, error != NULL,
                                    error == NULL && report.n_entries > 0);
}

/* Callbacks */

static void
on_list_selected_cb (LinliOrgDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->list_row);

  if (selected <= LINLI_ORG_LIST_HOUSEHOLDS)
    linli_org_dialog_set_list (self, selected);
}

/* GObject overrides */

static void
linli_org_dialog_dispose (GObject *object)
{
  LinliOrgDialog *self = LINLI_ORG_DIALOG (object);

  g_clear_object (&self->history);
  g_clear_pointer (&self->index, linli_org_index_free);
  G_OBJECT_CLASS (linli_org_dialog_parent_class)->dispose (object);
}

static void
linli_org_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LinliOrgDialog *self = LINLI_ORG_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LIST: g_value_set_int (value, self->list); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_org_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LinliOrgDialog *self = LINLI_ORG_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LIST: linli_org_dialog_set_list (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_org_dialog_class_init (LinliOrgDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LinliColumnsDialogClass *dialog_class = LINLI_COLUMNS_DIALOG_CLASS (klass);

  object_class->dispose = linli_org_dialog_dispose;
  object_class->get_property = linli_org_dialog_get_property;
  object_class->set_property = linli_org_dialog_set_property;
  dialog_class->update = linli_org_dialog_update;

  /* A LinliOrgList. */
  properties[PROP_LIST] = g_param_spec_int ("list", NULL, NULL,
                                            LINLI_ORG_LIST_COMMITTEES, LINLI_ORG_LIST_HOUSEHOLDS,
                                            LINLI_ORG_LIST_COMMITTEES,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                            G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
linli_org_dialog_init (LinliOrgDialog *self)
{
  g_autoptr (GtkStringList) lists = gtk_string_list_new (NULL);
  AdwPreferencesGroup *options = linli_columns_dialog_get_options (LINLI_COLUMNS_DIALOG (self));

  for (LinliOrgList list = LINLI_ORG_LIST_COMMITTEES; list <= LINLI_ORG_LIST_HOUSEHOLDS; list++)
    gtk_string_list_append (lists, linli_org_list_get_label (list));
  gtk_window_set_title (GTK_WINDOW (self), _("Import Organisation List"));
  adw_preferences_group_set_title (options, _("What the File Lists"));
  adw_preferences_group_set_description (options,
                                         _("Rows whose id is in the project change it; the others "
                                           "are added. The import is one step to undo."));
  self->list_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->list_row), _("List"));
  adw_combo_row_set_model (self->list_row, G_LIST_MODEL (lists));
  adw_preferences_group_add (options, GTK_WIDGET (self->list_row));
}

/* Public API */

/**
 * linli_org_dialog_new:
 * @table: (transfer full): the organisation list, read
 * @history: the history of the project the list goes into
 *
 * Returns: (transfer full): the dialog, with the list and its columns
 *   guessed from the headers
 */
LinliOrgDialog *
linli_org_dialog_new (LinliCsvTable *table,
                      LinliHistory  *history)
{
  LinliOrgDialog *self;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (LINLI_IS_HISTORY (history), NULL);

  self = g_object_new (LINLI_TYPE_ORG_DIALOG, NULL);
  self->history = g_object_ref (history);
  self->list = linli_org_list_guess (table);
  linli_columns_dialog_set_table (LINLI_COLUMNS_DIALOG (self), table);
  adw_combo_row_set_selected (self->list_row, self->list);
  g_signal_connect_object (self->list_row, "notify::selected", G_CALLBACK (on_list_selected_cb),
                           self, G_CONNECT_SWAPPED);
  set_fields (self);
  return self;
}

LinliOrgList
linli_org_dialog_get_list (LinliOrgDialog *self)
{
  g_return_val_if_fail (LINLI_IS_ORG_DIALOG (self), LINLI_ORG_LIST_COMMITTEES);
  return self->list;
}

/**
 * linli_org_dialog_set_list:
 *
 * Chooses what the file lists, with the columns guessed for that list.
 */
void
linli_org_dialog_set_list (LinliOrgDialog *self,
                           LinliOrgList    list)
{
  g_return_if_fail (LINLI_IS_ORG_DIALOG (self));
  g_return_if_fail (list <= LINLI_ORG_LIST_HOUSEHOLDS);

  if (self->list == list)
    return;
  self->list = list;
  adw_combo_row_set_selected (self->list_row, list);
  set_fields (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

/**
 * linli_org_dialog_get_column:
 *
 * Returns: the column chosen for @field, or -1 (also for a field the list
 *   does not read)
 */
int
linli_org_dialog_get_column (LinliOrgDialog *self,
                             LinliOrgField   field)
{
  LinliOrgMapping mapping;

  g_return_val_if_fail (LINLI_IS_ORG_DIALOG (self), -1);
  g_return_val_if_fail (field < LINLI_ORG_N_FIELDS, -1);

  get_mapping (self, &mapping);
  return mapping.columns[field];
}

/**
 * linli_org_dialog_set_column:
 * @field: a field of the chosen list
 * @column: a column of the table, or -1 for none
 *
 * Chooses @column in the field's dropdown, as the user would.
 */
void
linli_org_dialog_set_column (LinliOrgDialog *self,
                             LinliOrgField   field,
                             int             column)
{
  g_return_if_fail (LINLI_IS_ORG_DIALOG (self));

  for (guint i = 0; i < self->n_fields; i++)
    if (self->fields[i] == field)
      {
        linli_columns_dialog_set_column (LINLI_COLUMNS_DIALOG (self), i, column);
        return;
      }
  g_return_if_reached ();
}

/**
 * linli_org_dialog_import:
 * @report: (out) (optional): what was read and done
 *
 * Adds the list to the project as the choices say, as one undoable step;
 * on error nothing is changed.
 *
 * Returns: %TRUE on success, %FALSE with @error set ("FILE:LINE: reason")
 */
gboolean
linli_org_dialog_import (LinliOrgDialog        *self,
                         LinliOrgImportReport  *report,
                         GError               **error)
{
  const LinliCsvTable *table;
  LinliOrgMapping mapping;

  g_return_val_if_fail (LINLI_IS_ORG_DIALOG (self), FALSE);

  table = linli_columns_dialog_get_table (LINLI_COLUMNS_DIALOG (self));
  get_mapping (self, &mapping);
  return linli_org_import_csv (self->history, self->list, table, &mapping, report, error);
}
