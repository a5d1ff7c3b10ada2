/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-csv-dialog"

#include "config.h"

#include "linli-csv-dialog.h"

#include <glib/gi18n-lib.h>

/* The building list import: the first rows of the file, a column chosen
 * for each field (guessed from the headers), a new project or a join onto
 * the open one, and a summary of what the import would do, kept current.
 * Reading, matching and counting are the core's (linli-import-csv.h); the
 * dialog shows and edits the choices. */

#define MAX_PREVIEW_ROWS    12
#define MAX_PREVIEW_COLUMNS 40

struct _LinliCsvDialog
{
  AdwWindow            parent_instance;

  /* Template children */
  GtkWidget           *content_box;
  GtkLabel            *file_label;
  GtkGrid             *preview_grid;
  GtkWidget           *join_row;
  GtkCheckButton      *new_check;
  GtkCheckButton      *join_check;
  AdwComboRow         *crs_row;
  AdwComboRow         *key_row;
  AdwPreferencesGroup *columns_group;
  GtkLabel            *summary_label;

  AdwComboRow         *column_rows[LINLI_CSV_N_FIELDS];
  GPtrArray           *field_labels;   /* GtkLabel under each previewed header */

  LinliCsvTable       *table;
  LinliProject        *project;        /* nullable: no project to fill in */
  LinliCsvMapping      mapping;
  LinliCsvMode         mode;
  char                *summary;
  gboolean             can_import;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (LinliCsvDialog, linli_csv_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MODE,
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

static gboolean
can_join (LinliCsvDialog *self)
{
  return self->project != NULL && linli_project_get_n_buildings (self->project) > 0;
}

static char *
column_title (const LinliCsvTable *table,
              guint                column)
{
  const char *header = linli_csv_table_get_header (table, column);

  if (header[0] == '\0')
    /* Translators: a column without a header, counted from 1 */
    return g_strdup_printf (_("Column %u"), column + 1);
  return g_strdup (header);
}

/* The fields each previewed column holds, under its header. */
static void
update_field_labels (LinliCsvDialog *self)
{
  for (guint c = 0; c < self->field_labels->len; c++)
    {
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint f = 0; f < LINLI_CSV_N_FIELDS; f++)
        if (self->mapping.columns[f] == (int) c)
          {
            if (text->len > 0)
              g_string_append (text, ", ");
            g_string_append (text, linli_csv_field_get_label (f));
          }
      gtk_label_set_text (g_ptr_array_index (self->field_labels, c), text->len ? text->str : "–");
    }
}

/* Works out what the import would do now, and says so. */
static void
update_summary (LinliCsvDialog *self)
{
  g_auto (LinliCsvReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  LinliCsvOptions opts;
  gboolean can_import;

  linli_csv_dialog_get_options (self, &opts);
  if (self->mode == LINLI_CSV_MODE_JOIN && can_join (self))
    {
      if (linli_csv_join_check (self->project, self->table, &self->mapping, &opts, &report, &error))
        can_import = report.matched > 0;
      else
        can_import = FALSE;
    }
  else
    {
      g_autoptr (LinliProject) preview = linli_csv_import (self->table, &self->mapping, &opts, &report, &error);

      can_import = preview != NULL && report.buildings > 0;
    }
  if (error != NULL)
    summary = g_strdup (error->message);
  else
    summary = linli_csv_report_describe (&report);

  gtk_label_set_text (self->summary_label, summary);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "csv.import", can_import);

  if (g_strcmp0 (self->summary, summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
  if (self->can_import != can_import)
    {
      self->can_import = can_import;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_IMPORT]);
    }
}

static void
update (LinliCsvDialog *self)
{
  if (self->updating)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->crs_row), self->mode == LINLI_CSV_MODE_NEW);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), self->mode == LINLI_CSV_MODE_JOIN);
  update_field_labels (self);
  update_summary (self);
}

static GtkWidget *
preview_label (const char *text,
               const char *css_class)
{
  g_autofree char *line = g_strdelimit (g_strdup (text), "\r\n\t", ' ');
  GtkWidget *label = gtk_label_new (line);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The first rows, with the file's line numbers in front. */
static void
fill_preview (LinliCsvDialog *self)
{
  guint n_columns = MIN (linli_csv_table_get_n_columns (self->table), MAX_PREVIEW_COLUMNS);
  guint n_rows = MIN (linli_csv_table_get_n_rows (self->table), MAX_PREVIEW_ROWS);

  gtk_grid_attach (self->preview_grid, preview_label (_("Line"), "dim-label"), 0, 0, 1, 1);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *title = column_title (self->table, c);
      GtkWidget *field = preview_label ("", "dim-label");

      gtk_widget_add_css_class (field, "caption");
      gtk_grid_attach (self->preview_grid, preview_label (title, "heading"), c + 1, 0, 1, 1);
      gtk_grid_attach (self->preview_grid, field, c + 1, 1, 1, 1);
      g_ptr_array_add (self->field_labels, field);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *line = g_strdup_printf ("%u", linli_csv_table_get_line (self->table, r));

      gtk_grid_attach (self->preview_grid, preview_label (line, "dim-label"), 0, r + 2, 1, 1);
      for (guint c = 0; c < n_columns; c++)
        gtk_grid_attach (self->preview_grid, preview_label (linli_csv_table_get_cell (self->table, r, c), NULL),
                         c + 1, r + 2, 1, 1);
    }
}

/* Callbacks */

static void
on_mode_toggled_cb (LinliCsvDialog *self)
{
  linli_csv_dialog_set_mode (self, gtk_check_button_get_active (self->join_check) ? LINLI_CSV_MODE_JOIN
                                                                                 : LINLI_CSV_MODE_NEW);
}

static void
on_column_selected_cb (LinliCsvDialog *self,
                       GParamSpec     *pspec,
                       AdwComboRow    *row)
{
  for (guint f = 0; f < LINLI_CSV_N_FIELDS; f++)
    if (self->column_rows[f] == row)
      {
        guint selected = adw_combo_row_get_selected (row);

        self->mapping.columns[f] = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
        update (self);
      }
}

static void
on_choice_changed_cb (LinliCsvDialog *self)
{
  update (self);
}

/* One dropdown per field: None, then the columns by header. */
static void
fill_columns (LinliCsvDialog *self)
{
  guint n_columns = linli_csv_table_get_n_columns (self->table);

  for (guint f = 0; f < LINLI_CSV_N_FIELDS; f++)
    {
      g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      gtk_string_list_append (model, _("None"));
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *title = column_title (self->table, c);
          gtk_string_list_append (model, title);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), linli_csv_field_get_label (f));
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      adw_combo_row_set_selected (row, self->mapping.columns[f] + 1);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_column_selected_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      self->column_rows[f] = row;
    }
}

/* Actions */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LinliCsvDialog *self = LINLI_CSV_DIALOG (widget);

  if (self->can_import)
    g_signal_emit (self, signals[SIGNAL_IMPORT], 0);
}

/* GObject overrides */

static void
linli_csv_dialog_dispose (GObject *object)
{
  LinliCsvDialog *self = LINLI_CSV_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_CSV_DIALOG);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (linli_csv_dialog_parent_class)->dispose (object);
}

static void
linli_csv_dialog_finalize (GObject *object)
{
  LinliCsvDialog *self = LINLI_CSV_DIALOG (object);

  g_clear_pointer (&self->table, linli_csv_table_free);
  g_clear_pointer (&self->field_labels, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);
  G_OBJECT_CLASS (linli_csv_dialog_parent_class)->finalize (object);
}

static void
linli_csv_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LinliCsvDialog *self = LINLI_CSV_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MODE: g_value_set_int (value, self->mode); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_CAN_IMPORT: g_value_set_boolean (value, self->can_import); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_csv_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LinliCsvDialog *self = LINLI_CSV_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MODE: linli_csv_dialog_set_mode (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_csv_dialog_class_init (LinliCsvDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_csv_dialog_dispose;
  object_class->finalize = linli_csv_dialog_finalize;
  object_class->get_property = linli_csv_dialog_get_property;
  object_class->set_property = linli_csv_dialog_set_property;

  /* A LinliCsvMode. */
  properties[PROP_MODE] = g_param_spec_int ("mode", NULL, NULL, LINLI_CSV_MODE_NEW, LINLI_CSV_MODE_JOIN,
                                            LINLI_CSV_MODE_NEW,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_IMPORT] = g_param_spec_boolean ("can-import", NULL, NULL, FALSE,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliCsvDialog::import:
   *
   * Emitted when the user asks for the import and it can be done.
   * linli_csv_dialog_build() makes the project.
   */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-csv-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, join_row);
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, new_check);
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, join_check);
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, crs_row);
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, LinliCsvDialog, summary_label);
  gtk_widget_class_install_action (widget_class, "csv.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
linli_csv_dialog_init (LinliCsvDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->field_labels = g_ptr_array_new ();
  linli_csv_mapping_init (&self->mapping);
}

/* Public API */

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

/**
 * linli_csv_dialog_new:
 * @table: (transfer full): the building list, read
 * @project: (nullable): the open project, whose buildings a join fills in
 *
 * Returns: (transfer full): the dialog, with the columns guessed and the
 *   join chosen when the list has no coordinates and @project buildings
 */
LinliCsvDialog *
linli_csv_dialog_new (LinliCsvTable *table,
                      LinliProject  *project)
{
  LinliCsvDialog *self;
  g_autofree char *info = NULL;
  guint n_rows;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (project == NULL || LINLI_IS_PROJECT (project), NULL);

  self = g_object_new (LINLI_TYPE_CSV_DIALOG, NULL);
  self->table = table;
  self->project = project ? g_object_ref (project) : NULL;
  linli_csv_mapping_guess (&self->mapping, table);

  self->updating = TRUE;
  n_rows = linli_csv_table_get_n_rows (table);
  /* Translators: file, encoding, separator (comma, semicolon or tab) and rows */
  info = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %s, %s-separated, %u row",
                                       "%s — %s, %s-separated, %u rows", n_rows),
                          linli_csv_table_get_display_name (table), linli_csv_table_get_encoding (table),
                          separator_label (linli_csv_table_get_separator (table)), n_rows);
  gtk_label_set_text (self->file_label, info);
  fill_preview (self);
  fill_columns (self);
  gtk_widget_set_sensitive (self->join_row, can_join (self));
  if (can_join (self) && (self->mapping.columns[LINLI_CSV_FIELD_LAT] < 0 ||
                          self->mapping.columns[LINLI_CSV_FIELD_LON] < 0))
    self->mode = LINLI_CSV_MODE_JOIN;
  gtk_check_button_set_active (self->join_check, self->mode == LINLI_CSV_MODE_JOIN);
  gtk_check_button_set_active (self->new_check, self->mode == LINLI_CSV_MODE_NEW);
  g_signal_connect_object (self->join_check, "toggled", G_CALLBACK (on_mode_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->crs_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->updating = FALSE;
  update (self);
  return self;
}

/**
 * linli_csv_dialog_get_project:
 *
 * Returns: (transfer none) (nullable): the project a join fills in
 */
LinliProject *
linli_csv_dialog_get_project (LinliCsvDialog *self)
{
  g_return_val_if_fail (LINLI_IS_CSV_DIALOG (self), NULL);
  return self->project;
}

LinliCsvMode
linli_csv_dialog_get_mode (LinliCsvDialog *self)
{
  g_return_val_if_fail (LINLI_IS_CSV_DIALOG (self), LINLI_CSV_MODE_NEW);
  return self->mode;
}

/**
 * linli_csv_dialog_set_mode:
 *
 * Chooses a new project or a join; a join only when there is a project
 * with buildings.
 */
void
linli_csv_dialog_set_mode (LinliCsvDialog *self,
                           LinliCsvMode    mode)
{
  g_return_if_fail (LINLI_IS_CSV_DIALOG (self));
  g_return_if_fail (mode == LINLI_CSV_MODE_NEW || mode == LINLI_CSV_MODE_JOIN);

  if (mode == LINLI_CSV_MODE_JOIN && !can_join (self))
    mode = LINLI_CSV_MODE_NEW;
  if (self->mode == mode)
    return;
  self->mode = mode;
  gtk_check_button_set_active (mode == LINLI_CSV_MODE_JOIN ? self->join_check : self->new_check, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  update (self);
}

/**
 * linli_csv_dialog_get_column:
 *
 * Returns: the column chosen for @field, or -1
 */
int
linli_csv_dialog_get_column (LinliCsvDialog *self,
                             LinliCsvField   field)
{
  g_return_val_if_fail (LINLI_IS_CSV_DIALOG (self), -1);
  g_return_val_if_fail (field < LINLI_CSV_N_FIELDS, -1);
  return self->mapping.columns[field];
}

/**
 * linli_csv_dialog_set_column:
 * @column: a column of the table, or -1 for none
 */
void
linli_csv_dialog_set_column (LinliCsvDialog *self,
                             LinliCsvField   field,
                             int             column)
{
  g_return_if_fail (LINLI_IS_CSV_DIALOG (self));
  g_return_if_fail (field < LINLI_CSV_N_FIELDS);
  g_return_if_fail (column >= -1 && column < (int) linli_csv_table_get_n_columns (self->table));

  /* The dropdown's handler updates the mapping. */
  adw_combo_row_set_selected (self->column_rows[field], column + 1);
}

void
linli_csv_dialog_get_options (LinliCsvDialog  *self,
                              LinliCsvOptions *options)
{
  static const LinliCrs crs[] = { LINLI_CRS_WGS84, LINLI_CRS_GCJ02, LINLI_CRS_CGCS2000 };

  g_return_if_fail (LINLI_IS_CSV_DIALOG (self));

  linli_csv_options_init (options);
  options->crs = crs[MIN (adw_combo_row_get_selected (self->crs_row), G_N_ELEMENTS (crs) - 1)];
  options->key = adw_combo_row_get_selected (self->key_row) == 1 ? LINLI_CSV_KEY_ID : LINLI_CSV_KEY_NAME;
}

void
linli_csv_dialog_set_crs (LinliCsvDialog *self,
                          LinliCrs        crs)
{
  g_return_if_fail (LINLI_IS_CSV_DIALOG (self));
  adw_combo_row_set_selected (self->crs_row, crs == LINLI_CRS_GCJ02 ? 1 : crs == LINLI_CRS_CGCS2000 ? 2 : 0);
}

/**
 * linli_csv_dialog_get_summary:
 *
 * Returns: what the import would do, or why it cannot, as shown
 */
const char *
linli_csv_dialog_get_summary (LinliCsvDialog *self)
{
  g_return_val_if_fail (LINLI_IS_CSV_DIALOG (self), NULL);
  return self->summary;
}

gboolean
linli_csv_dialog_get_can_import (LinliCsvDialog *self)
{
  g_return_val_if_fail (LINLI_IS_CSV_DIALOG (self), FALSE);
  return self->can_import;
}

/**
 * linli_csv_dialog_build:
 *
 * Makes the project the choices describe: a new one, or a copy of the
 * open one with the list's figures filled in.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_csv_dialog_build (LinliCsvDialog  *self,
                        GError         **error)
{
  LinliCsvOptions opts;

  g_return_val_if_fail (LINLI_IS_CSV_DIALOG (self), NULL);

  linli_csv_dialog_get_options (self, &opts);
  if (self->mode == LINLI_CSV_MODE_JOIN && can_join (self))
    return linli_csv_join (self->project, self->table, &self->mapping, &opts, NULL, error);
  return linli_csv_import (self->table, &self->mapping, &opts, NULL, error);
}
