/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-columns-dialog"

#include "config.h"

#include "linli-columns-dialog.h"

#include <glib/gi18n-lib.h>

/* What every list import from a spreadsheet shares: the file as read, a
 * preview of its first rows, one dropdown per field listing the file's
 * columns, defaulting to the guess, what the list is for, and a summary
 * of what the import would do, kept current.  A building list
 * (LinliCsvDialog) and an organisation list (LinliOrgDialog) say which
 * fields there are, fill the options and the preview, and work out the
 * summary with the core. */

typedef struct
{
  /* Template children */
  GtkLabel            *file_label;
  GtkGrid             *preview_grid;
  AdwPreferencesGroup *options_group;
  AdwPreferencesGroup *columns_group;
  GtkLabel            *summary_label;

  LinliCsvTable       *table;
  GPtrArray           *rows;       /* AdwComboRow of each field */
  GArray              *columns;    /* int: the column of each field, or -1 */
  GArray              *offsets;    /* guint: 1 when a field's dropdown starts with None */
  char                *summary;
  gboolean             can_import;
  guint                updating;
} LinliColumnsDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LinliColumnsDialog, linli_columns_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_CAN_IMPORT,
  N_PROPS,
};

enum {
  SIGNAL_IMPORT,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

/* The separator's name for people (linli_csv_separator_to_string() is
 * the flag value, in English). */
static const char *
separator_label (char separator)
{
  switch (separator)
    {
    case ';': return _("semicolon");
    case '\t': return _("tab");
    default: return _("comma");
    }
}

/* Callbacks */

static void
on_column_selected_cb (LinliColumnsDialog *self,
                       GParamSpec         *pspec,
                       AdwComboRow        *row)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);
  guint selected = adw_combo_row_get_selected (row);
  guint field, offset;

  if (!g_ptr_array_find (priv->rows, row, &field))
    return;
  /* None, when offered, comes first. */
  offset = g_array_index (priv->offsets, guint, field);
  g_array_index (priv->columns, int, field) =
    selected == GTK_INVALID_LIST_POSITION || selected < offset ? -1 : (int) (selected - offset);
  linli_columns_dialog_update (self);
}

/* Actions */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LinliColumnsDialog *self = LINLI_COLUMNS_DIALOG (widget);
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  if (priv->can_import)
    g_signal_emit (self, signals[SIGNAL_IMPORT], 0);
}

/* GObject overrides */

static void
linli_columns_dialog_finalize (GObject *object)
{
  LinliColumnsDialog *self = LINLI_COLUMNS_DIALOG (object);
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  g_clear_pointer (&priv->table, linli_csv_table_free);
  g_clear_pointer (&priv->rows, g_ptr_array_unref);
  g_clear_pointer (&priv->columns, g_array_unref);
  g_clear_pointer (&priv->offsets, g_array_unref);
  g_clear_pointer (&priv->summary, g_free);
  G_OBJECT_CLASS (linli_columns_dialog_parent_class)->finalize (object);
}

static void
linli_columns_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LinliColumnsDialog *self = LINLI_COLUMNS_DIALOG (object);
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SUMMARY: g_value_set_string (value, priv->summary); break;
    case PROP_CAN_IMPORT: g_value_set_boolean (value, priv->can_import); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_columns_dialog_class_init (LinliColumnsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* No gtk_widget_dispose_template(): GTK 4.8 looks the template up in
   * the class of the instance, a subclass without one.  The template's
   * only top child is the window's content, which AdwWindow drops. */
  object_class->finalize = linli_columns_dialog_finalize;
  object_class->get_property = linli_columns_dialog_get_property;

  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_IMPORT] = g_param_spec_boolean ("can-import", NULL, NULL, FALSE,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliColumnsDialog::import:
   *
   * Emitted when the user asks for the import and it can be done; the
   * subclass says how to do it.
   */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/linli/Linli/linli-columns-dialog.ui");
  gtk_widget_class_bind_template_child_private (widget_class, LinliColumnsDialog, file_label);
  gtk_widget_class_bind_template_child_private (widget_class, LinliColumnsDialog, preview_grid);
  gtk_widget_class_bind_template_child_private (widget_class, LinliColumnsDialog, options_group);
  gtk_widget_class_bind_template_child_private (widget_class, LinliColumnsDialog, columns_group);
  gtk_widget_class_bind_template_child_private (widget_class, LinliColumnsDialog, summary_label);
  gtk_widget_class_install_action (widget_class, "csv.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
linli_columns_dialog_init (LinliColumnsDialog *self)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->rows = g_ptr_array_new ();
  priv->columns = g_array_new (FALSE, FALSE, sizeof (int));
  priv->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "csv.import", FALSE);
}

/* Public API */

/**
 * linli_columns_dialog_set_table:
 * @table: (transfer full): the list, read
 *
 * Says what was read, before the fields are set.  A new table (another
 * layer of the same file) replaces the one before; set the fields again
 * after it, since its columns differ.
 */
void
linli_columns_dialog_set_table (LinliColumnsDialog *self,
                                LinliCsvTable      *table)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);
  g_autofree char *info = NULL;
  guint n_rows;

  g_return_if_fail (LINLI_IS_COLUMNS_DIALOG (self));
  g_return_if_fail (table != NULL);

  if (priv->table != table)
    g_clear_pointer (&priv->table, linli_csv_table_free);
  priv->table = table;
  n_rows = linli_csv_table_get_n_rows (table);
  /* Translators: file, encoding, separator (comma, semicolon or tab) and rows */
  info = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %s, %s-separated, %u row",
                                       "%s — %s, %s-separated, %u rows", n_rows),
                          linli_csv_table_get_display_name (table),
                          linli_csv_table_get_encoding (table),
                          separator_label (linli_csv_table_get_separator (table)), n_rows);
  gtk_label_set_text (priv->file_label, info);
}

const LinliCsvTable *
linli_columns_dialog_get_table (LinliColumnsDialog *self)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  g_return_val_if_fail (LINLI_IS_COLUMNS_DIALOG (self), NULL);
  return priv->table;
}

/**
 * linli_columns_dialog_dup_column_title:
 * @column: a column of the table
 *
 * Returns: (transfer full): its header, or "Column N" when it has none
 */
char *
linli_columns_dialog_dup_column_title (LinliColumnsDialog *self,
                                       int                 column)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);
  const char *header;

  g_return_val_if_fail (LINLI_IS_COLUMNS_DIALOG (self), NULL);
  g_return_val_if_fail (column >= 0, NULL);
  g_return_val_if_fail ((guint) column < linli_csv_table_get_n_columns (priv->table), NULL);

  header = linli_csv_table_get_header (priv->table, column);
  if (header[0] == '\0')
    /* Translators: a column without a header, counted from 1 */
    return g_strdup_printf (_("Column %u"), column + 1);
  return g_strdup (header);
}

/**
 * linli_columns_dialog_set_fields:
 * @fields: (array length=n_fields): what the list holds, in the order of
 *   the dropdowns
 *
 * Replaces the dropdowns with one per field: None (unless the field is
 * required), then the file's columns by header, the guess chosen.  A
 * required field nothing was guessed for shows no choice.
 */
void
linli_columns_dialog_set_fields (LinliColumnsDialog      *self,
                                 const LinliColumnsField *fields,
                                 guint                    n_fields)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);
  guint n_columns;

  g_return_if_fail (LINLI_IS_COLUMNS_DIALOG (self));
  g_return_if_fail (priv->table != NULL);

  n_columns = linli_csv_table_get_n_columns (priv->table);
  priv->updating++;
  for (guint f = 0; f < priv->rows->len; f++)
    adw_preferences_group_remove (priv->columns_group, priv->rows->pdata[f]);
  g_ptr_array_set_size (priv->rows, 0);
  g_array_set_size (priv->columns, 0);
  g_array_set_size (priv->offsets, 0);

  for (guint f = 0; f < n_fields; f++)
    {
      g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      guint offset = fields[f].required ? 0 : 1;
      int column = fields[f].column;
      guint selected;

      if (column < 0 || (guint) column >= n_columns)
        column = -1;

      if (!fields[f].required)
        gtk_string_list_append (model, _("None"));
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *title = linli_columns_dialog_dup_column_title (self, c);
          gtk_string_list_append (model, title);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fields[f].label);
      if (fields[f].required)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Required"));
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      /* A required field without a guess shows no choice, not one that looks made. */
      if (column >= 0)
        selected = column + offset;
      else
        selected = fields[f].required ? GTK_INVALID_LIST_POSITION : 0;
      adw_combo_row_set_selected (row, selected);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_column_selected_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (priv->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (priv->rows, row);
      g_array_append_val (priv->columns, column);
      g_array_append_val (priv->offsets, offset);
    }
  priv->updating--;
  linli_columns_dialog_update (self);
}

guint
linli_columns_dialog_get_n_fields (LinliColumnsDialog *self)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  g_return_val_if_fail (LINLI_IS_COLUMNS_DIALOG (self), 0);
  return priv->columns->len;
}

/**
 * linli_columns_dialog_get_column:
 * @field: the field's place in the list given to
 *   linli_columns_dialog_set_fields()
 *
 * Returns: the column chosen for @field, or -1
 */
int
linli_columns_dialog_get_column (LinliColumnsDialog *self,
                                 guint               field)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  g_return_val_if_fail (LINLI_IS_COLUMNS_DIALOG (self), -1);
  g_return_val_if_fail (field < priv->columns->len, -1);
  return g_array_index (priv->columns, int, field);
}

/**
 * linli_columns_dialog_set_column:
 * @column: a column of the table, or -1 for none
 *
 * Chooses a column in @field's dropdown, as the user would.
 */
void
linli_columns_dialog_set_column (LinliColumnsDialog *self,
                                 guint               field,
                                 int                 column)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);
  guint offset, selected;

  g_return_if_fail (LINLI_IS_COLUMNS_DIALOG (self));
  g_return_if_fail (field < priv->columns->len);
  g_return_if_fail (column >= -1 && column < (int) linli_csv_table_get_n_columns (priv->table));

  /* The dropdown's handler updates the column. */
  offset = g_array_index (priv->offsets, guint, field);
  if (column >= 0)
    selected = column + offset;
  else
    selected = offset > 0 ? 0 : GTK_INVALID_LIST_POSITION;
  adw_combo_row_set_selected (priv->rows->pdata[field], selected);
}

/**
 * linli_columns_dialog_get_options:
 *
 * Returns: (transfer none): the group beside the columns that says what
 *   the list is for, where subclasses add their rows
 */
AdwPreferencesGroup *
linli_columns_dialog_get_options (LinliColumnsDialog *self)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  g_return_val_if_fail (LINLI_IS_COLUMNS_DIALOG (self), NULL);
  return priv->options_group;
}

void
linli_columns_dialog_clear_preview (LinliColumnsDialog *self)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);
  GtkWidget *child;

  g_return_if_fail (LINLI_IS_COLUMNS_DIALOG (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (priv->preview_grid))) != NULL)
    gtk_grid_remove (priv->preview_grid, child);
}

/**
 * linli_columns_dialog_add_preview:
 * @text: what the cell shows, on one line
 * @css_class: (nullable): a style class, such as "heading" or "error"
 *
 * Returns: (transfer none): the cell's label
 */
GtkWidget *
linli_columns_dialog_add_preview (LinliColumnsDialog *self,
                                  guint               column,
                                  guint               row,
                                  const char         *text,
                                  const char         *css_class)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);
  g_autofree char *line = NULL;
  GtkWidget *label;

  g_return_val_if_fail (LINLI_IS_COLUMNS_DIALOG (self), NULL);

  line = g_strdelimit (g_strdup (text), "\r\n\t", ' ');
  label = gtk_label_new (line);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (priv->preview_grid, label, column, row, 1, 1);
  return label;
}

/**
 * linli_columns_dialog_update:
 *
 * Has the subclass work out the summary again, after a choice changed.
 */
void
linli_columns_dialog_update (LinliColumnsDialog *self)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);
  LinliColumnsDialogClass *klass;

  g_return_if_fail (LINLI_IS_COLUMNS_DIALOG (self));

  klass = LINLI_COLUMNS_DIALOG_GET_CLASS (self);
  if (priv->updating == 0 && priv->table != NULL && klass->update != NULL)
    klass->update (self);
}

/**
 * linli_columns_dialog_set_summary:
 * @summary: what the import would do, or why it cannot
 * @is_error: whether @summary is an error, shown as one
 * @can_import: whether the import action does anything
 */
void
linli_columns_dialog_set_summary (LinliColumnsDialog *self,
                                  const char         *summary,
                                  gboolean            is_error,
                                  gboolean            can_import)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  g_return_if_fail (LINLI_IS_COLUMNS_DIALOG (self));

  gtk_label_set_text (priv->summary_label, summary);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (priv->summary_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (priv->summary_label), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "csv.import", can_import);

  if (g_strcmp0 (priv->summary, summary) != 0)
    {
      g_free (priv->summary);
      priv->summary = g_strdup (summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
  can_import = !!can_import;
  if (priv->can_import != can_import)
    {
      priv->can_import = can_import;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_IMPORT]);
    }
}

/**
 * linli_columns_dialog_get_summary:
 *
 * Returns: what the import would do, or why it cannot, as shown
 */
const char *
linli_columns_dialog_get_summary (LinliColumnsDialog *self)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  g_return_val_if_fail (LINLI_IS_COLUMNS_DIALOG (self), NULL);
  return priv->summary;
}

gboolean
linli_columns_dialog_get_can_import (LinliColumnsDialog *self)
{
  LinliColumnsDialogPrivate *priv = linli_columns_dialog_get_instance_private (self);

  g_return_val_if_fail (LINLI_IS_COLUMNS_DIALOG (self), FALSE);
  return priv->can_import;
}
