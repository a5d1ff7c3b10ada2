/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-units-dialog"

#include "config.h"

#include "linli-units-dialog.h"

#include <glib/gi18n-lib.h>

/* A partner units list import (资源清单 as a street office keeps it: one
 * row per resource item): a column for each field, guessed from the
 * headers, a preview of the first rows, and what the import would do — so
 * many units added and changed, or the first row refused with its line and
 * reason.  Reading is the core's (linli-partner-csv.h): the summary comes
 * from reading the file into a copy of the project's lists with the
 * columns as chosen, the import from linli_partner_units_csv_import(), one
 * undoable step. */

#define MAX_PREVIEW_ROWS 12

struct _LinliUnitsDialog
{
  LinliColumnsDialog  parent_instance;

  AdwActionRow       *categories_row;
  GtkSwitch          *categories_switch;

  char               *path;
  LinliHistory       *history;
};

G_DEFINE_FINAL_TYPE (LinliUnitsDialog, linli_units_dialog, LINLI_TYPE_COLUMNS_DIALOG)

/* Auxiliary methods */

static void
get_columns (LinliUnitsDialog *self,
             int              *columns)
{
  for (guint f = 0; f < LINLI_PARTNER_CSV_N_FIELDS; f++)
    columns[f] = linli_columns_dialog_get_column (LINLI_COLUMNS_DIALOG (self), f);
}

static void
fill_preview (LinliUnitsDialog *self,
              const int        *columns)
{
  LinliColumnsDialog *dialog = LINLI_COLUMNS_DIALOG (self);
  const LinliCsvTable *table = linli_columns_dialog_get_table (dialog);
  guint n_rows = MIN (linli_csv_table_get_n_rows (table), MAX_PREVIEW_ROWS);
  guint column = 1;

  linli_columns_dialog_clear_preview (dialog);
  linli_columns_dialog_add_preview (dialog, 0, 0, _("Line"), "dim-label");
  for (guint f = 0; f < LINLI_PARTNER_CSV_N_FIELDS; f++)
    {
      g_autofree char *title = NULL;
      GtkWidget *from;

      if (columns[f] < 0)
        continue;
      title = linli_columns_dialog_dup_column_title (dialog, columns[f]);
      linli_columns_dialog_add_preview (dialog, column, 0, linli_partner_csv_field_label (f),
                                        "heading");
      from = linli_columns_dialog_add_preview (dialog, column, 1, title, "dim-label");
      gtk_widget_add_css_class (from, "caption");
      for (guint r = 0; r < n_rows; r++)
        linli_columns_dialog_add_preview (dialog, column, r + 2,
                                          linli_csv_table_get_cell (table, r, columns[f]), NULL);
      column++;
    }
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *line = g_strdup_printf ("%u", linli_csv_table_get_line (table, r));

      linli_columns_dialog_add_preview (dialog, 0, r + 2, line, "dim-label");
    }
}

/* Reads the file into a copy of the project's lists with the columns as
 * chosen, and says what the import would do. */
static void
linli_units_dialog_update (LinliColumnsDialog *dialog)
{
  LinliUnitsDialog *self = LINLI_UNITS_DIALOG (dialog);
  LinliProject *project = linli_history_get_project (self->history);
  g_autoptr (LinliPartners) work = linli_partners_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  int columns[LINLI_PARTNER_CSV_N_FIELDS];
  guint added = 0, changed = 0;
  gboolean ok;

  get_columns (self, columns);
  fill_preview (self, columns);
  linli_partners_copy_from (work, linli_project_get_partners (project));
  ok = linli_partner_units_csv_read_columns (work, self->path, columns,
                                             gtk_switch_get_active (self->categories_switch),
                                             &added, &changed, &error);
  if (!ok)
    summary = g_strdup (error->message);
  else if (added + changed == 0)
    summary = g_strdup (_("The project already has every unit of the list as it is."));
  else
    /* Translators: how many partner units the import would add and change */
    summary = g_strdup_printf (_("%u units to add, %u to change"), added, changed);
  linli_columns_dialog_set_summary (dialog, summary, !ok, ok && added + changed > 0);
}

/* Callbacks */

static void
on_categories_changed_cb (LinliUnitsDialog *self)
{
  linli_columns_dialog_update (LINLI_COLUMNS_DIALOG (self));
}

/* GObject overrides */

static void
linli_units_dialog_dispose (GObject *object)
{
  LinliUnitsDialog *self = LINLI_UNITS_DIALOG (object);

  g_clear_object (&self->history);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (linli_units_dialog_parent_class)->dispose (object);
}

static void
linli_units_dialog_class_init (LinliUnitsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LinliColumnsDialogClass *dialog_class = LINLI_COLUMNS_DIALOG_CLASS (klass);

  object_class->dispose = linli_units_dialog_dispose;
  dialog_class->update = linli_units_dialog_update;
}

static void
linli_units_dialog_init (LinliUnitsDialog *self)
{
  AdwPreferencesGroup *options = linli_columns_dialog_get_options (LINLI_COLUMNS_DIALOG (self));

  gtk_window_set_title (GTK_WINDOW (self), _("Import Partner Units"));
  adw_preferences_group_set_title (options, _("Partner Units"));
  adw_preferences_group_set_description (options,
                                         _("One row per resource item, the unit's columns "
                                           "repeated on each of its rows. A unit whose id or "
                                           "name the project has is changed; the others are "
                                           "added. The import is one step to undo."));
  self->categories_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->categories_row),
                                 _("Add Categories the Project Does Not Have"));
  adw_action_row_set_subtitle (self->categories_row,
                               _("Otherwise a row of an unknown category refuses the list"));
  self->categories_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->categories_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->categories_row, GTK_WIDGET (self->categories_switch));
  adw_action_row_set_activatable_widget (self->categories_row,
                                         GTK_WIDGET (self->categories_switch));
  adw_preferences_group_add (options, GTK_WIDGET (self->categories_row));
}

/* Public API */

/**
 * linli_units_dialog_new:
 * @path: the file, read again as the columns change
 * @table: (transfer full): the same file as a table, for the columns and
 *   the preview
 * @history: the history of the project the units go into
 *
 * Returns: (transfer full): the dialog, with the columns guessed from the
 *   headers
 */
LinliUnitsDialog *
linli_units_dialog_new (const char    *path,
                        LinliCsvTable *table,
                        LinliHistory  *history)
{
  LinliUnitsDialog *self;
  LinliColumnsField fields[LINLI_PARTNER_CSV_N_FIELDS];
  int guess[LINLI_PARTNER_CSV_N_FIELDS];
  g_autofree const char **headers = NULL;
  guint n_columns;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (LINLI_IS_HISTORY (history), NULL);

  self = g_object_new (LINLI_TYPE_UNITS_DIALOG, NULL);
  self->path = g_strdup (path);
  self->history = g_object_ref (history);
  n_columns = linli_csv_table_get_n_columns (table);
  headers = g_new0 (const char *, MAX (n_columns, 1));
  for (guint c = 0; c < n_columns; c++)
    headers[c] = linli_csv_table_get_header (table, c);
  linli_partner_csv_guess_columns (headers, n_columns, guess);
  for (guint f = 0; f < LINLI_PARTNER_CSV_N_FIELDS; f++)
    fields[f] = (LinliColumnsField) { linli_partner_csv_field_label (f),
                                      f == LINLI_PARTNER_CSV_NAME, guess[f] };
  linli_columns_dialog_set_table (LINLI_COLUMNS_DIALOG (self), table);
  linli_columns_dialog_set_fields (LINLI_COLUMNS_DIALOG (self), fields,
                                   LINLI_PARTNER_CSV_N_FIELDS);
  g_signal_connect_object (self->categories_switch, "notify::active",
                           G_CALLBACK (on_categories_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * linli_units_dialog_get_column:
 *
 * Returns: the column chosen for @field, or -1
 */
int
linli_units_dialog_get_column (LinliUnitsDialog     *self,
                               LinliPartnerCsvField  field)
{
  g_return_val_if_fail (LINLI_IS_UNITS_DIALOG (self), -1);
  g_return_val_if_fail (field < LINLI_PARTNER_CSV_N_FIELDS, -1);

  return linli_columns_dialog_get_column (LINLI_COLUMNS_DIALOG (self), field);
}

/**
 * linli_units_dialog_set_column:
 * @column: a column of the table, or -1 for none
 *
 * Chooses @column in the field's dropdown, as the user would.
 */
void
linli_units_dialog_set_column (LinliUnitsDialog     *self,
                               LinliPartnerCsvField  field,
                               int                   column)
{
  g_return_if_fail (LINLI_IS_UNITS_DIALOG (self));
  g_return_if_fail (field < LINLI_PARTNER_CSV_N_FIELDS);

  linli_columns_dialog_set_column (LINLI_COLUMNS_DIALOG (self), field, column);
}

/**
 * linli_units_dialog_set_add_categories:
 *
 * Turns the "add categories" switch, as the user would.
 */
void
linli_units_dialog_set_add_categories (LinliUnitsDialog *self,
                                       gboolean          add)
{
  g_return_if_fail (LINLI_IS_UNITS_DIALOG (self));

  gtk_switch_set_active (self->categories_switch, add);
}

/**
 * linli_units_dialog_import:
 * @n_added: (out) (optional): units added
 * @n_changed: (out) (optional): units changed
 *
 * Brings the units into the project as the choices say, as one undoable
 * step; on error nothing is changed.
 *
 * Returns: %TRUE on success, %FALSE with @error set ("FILE:LINE: reason")
 */
gboolean
linli_units_dialog_import (LinliUnitsDialog  *self,
                           guint             *n_added,
                           guint             *n_changed,
                           GError           **error)
{
  int columns[LINLI_PARTNER_CSV_N_FIELDS];

  g_return_val_if_fail (LINLI_IS_UNITS_DIALOG (self), FALSE);

  get_columns (self, columns);
  return linli_partner_units_csv_import (self->history, self->path, columns,
                                         gtk_switch_get_active (self->categories_switch),
                                         n_added, n_changed, error);
}
