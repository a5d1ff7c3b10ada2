/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-csv-dialog"

#include "config.h"

#include "linli-csv-dialog.h"
#include "linli-import-sites.h"

#include <glib/gi18n-lib.h>

/* The building list import: the first rows of the file as they are, with
 * the fields each column was chosen for under its header, a new project
 * or a join onto the open one, and what the import would do.  Reading,
 * matching and counting are the core's (linli-import-csv.h); the columns
 * and the summary are LinliColumnsDialog's. */

#define MAX_PREVIEW_ROWS    12
#define MAX_PREVIEW_COLUMNS 40

struct _LinliCsvDialog
{
  LinliColumnsDialog   parent_instance;

  GtkWidget           *join_row;
  GtkCheckButton      *new_check;
  GtkCheckButton      *join_check;
  AdwComboRow         *crs_row;
  AdwComboRow         *key_row;
  GPtrArray           *field_labels;   /* GtkLabel under each previewed header */

  LinliProject        *project;        /* nullable: no project to fill in */
  LinliCsvMode         mode;
};

G_DEFINE_FINAL_TYPE (LinliCsvDialog, linli_csv_dialog, LINLI_TYPE_COLUMNS_DIALOG)

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static gboolean
can_join (LinliCsvDialog *self)
{
  return self->project != NULL && linli_project_get_n_buildings (self->project) > 0;
}

static void
get_mapping (LinliCsvDialog  *self,
             LinliCsvMapping *mapping)
{
  for (guint f = 0; f < LINLI_CSV_N_FIELDS; f++)
    mapping->columns[f] = linli_columns_dialog_get_column (LINLI_COLUMNS_DIALOG (self), f);
}

/* The fields each previewed column holds, under its header. */
static void
update_field_labels (LinliCsvDialog *self)
{
  for (guint c = 0; c < self->field_labels->len; c++)
    {
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint f = 0; f < LINLI_CSV_N_FIELDS; f++)
        if (linli_columns_dialog_get_column (LINLI_COLUMNS_DIALOG (self), f) == (int) c)
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
linli_csv_dialog_update (LinliColumnsDialog *dialog)
{
  LinliCsvDialog *self = LINLI_CSV_DIALOG (dialog);
  const LinliCsvTable *table = linli_columns_dialog_get_table (dialog);
  g_auto (LinliCsvReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *place = NULL;
  LinliCsvMapping mapping;
  LinliCsvOptions opts;
  gboolean can_import;

  gtk_widget_set_visible (GTK_WIDGET (self->crs_row), self->mode == LINLI_CSV_MODE_NEW);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), self->mode == LINLI_CSV_MODE_JOIN);
  update_field_labels (self);

  get_mapping (self, &mapping);
  linli_csv_dialog_get_options (self, &opts);
  if (self->mode == LINLI_CSV_MODE_JOIN && can_join (self))
    {
      if (linli_csv_join_check (self->project, table, &mapping, &opts, &report, &error))
        can_import = report.matched > 0;
      else
        can_import = FALSE;
    }
  else
    {
      g_autoptr (LinliProject) preview = linli_csv_import (table, &mapping, &opts, &report, &error);

      can_import = preview != NULL && report.buildings > 0;
      /* A list of another city, or in another coordinate system, is said
       * to be one before it replaces the open project. */
      if (preview != NULL && self->project != NULL)
        place = linli_import_check_project_place (self->project, preview);
    }
  if (error != NULL)
    summary = g_strdup (error->message);
  else if (place != NULL)
    {
      g_autofree char *described = linli_csv_report_describe (&report);

      summary = g_strdup_printf ("%s. %s", described, place);
    }
  else
    summary = linli_csv_report_describe (&report);
  linli_columns_dialog_set_summary (dialog, summary, error != NULL, can_import);
}

/* The first rows, with the file's line numbers in front. */
static void
fill_preview (LinliCsvDialog *self)
{
  LinliColumnsDialog *dialog = LINLI_COLUMNS_DIALOG (self);
  const LinliCsvTable *table = linli_columns_dialog_get_table (dialog);
  guint n_columns = MIN (linli_csv_table_get_n_columns (table), MAX_PREVIEW_COLUMNS);
  guint n_rows = MIN (linli_csv_table_get_n_rows (table), MAX_PREVIEW_ROWS);

  linli_columns_dialog_add_preview (dialog, 0, 0, _("Line"), "dim-label");
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *title = linli_columns_dialog_dup_column_title (dialog, c);
      GtkWidget *field;

      linli_columns_dialog_add_preview (dialog, c + 1, 0, title, "heading");
      field = linli_columns_dialog_add_preview (dialog, c + 1, 1, "", "dim-label");
      gtk_widget_add_css_class (field, "caption");
      g_ptr_array_add (self->field_labels, field);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *line = g_strdup_printf ("%u", linli_csv_table_get_line (table, r));

      linli_columns_dialog_add_preview (dialog, 0, r + 2, line, "dim-label");
      for (guint c = 0; c < n_columns; c++)
        {
          const char *text = linli_csv_table_get_cell (table, r, c);

          linli_columns_dialog_add_preview (dialog, c + 1, r + 2, text, NULL);
        }
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
on_choice_changed_cb (LinliCsvDialog *self)
{
  linli_columns_dialog_update (LINLI_COLUMNS_DIALOG (self));
}

/* GObject overrides */

static void
linli_csv_dialog_dispose (GObject *object)
{
  LinliCsvDialog *self = LINLI_CSV_DIALOG (object);

  g_clear_object (&self->project);
  G_OBJECT_CLASS (linli_csv_dialog_parent_class)->dispose (object);
}

static void
linli_csv_dialog_finalize (GObject *object)
{
  LinliCsvDialog *self = LINLI_CSV_DIALOG (object);

  g_clear_pointer (&self->field_labels, g_ptr_array_unref);
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
  LinliColumnsDialogClass *dialog_class = LINLI_COLUMNS_DIALOG_CLASS (klass);

  object_class->dispose = linli_csv_dialog_dispose;
  object_class->finalize = linli_csv_dialog_finalize;
  object_class->get_property = linli_csv_dialog_get_property;
  object_class->set_property = linli_csv_dialog_set_property;
  dialog_class->update = linli_csv_dialog_update;

  /* A LinliCsvMode. */
  properties[PROP_MODE] = g_param_spec_int ("mode", NULL, NULL, LINLI_CSV_MODE_NEW, LINLI_CSV_MODE_JOIN,
                                            LINLI_CSV_MODE_NEW,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* A row chosen by its check button, the buttons of one group. */
static GtkWidget *
mode_row (const char      *title,
          const char      *subtitle,
          GtkCheckButton  *group,
          GtkCheckButton **check)
{
  GtkWidget *row = adw_action_row_new ();

  *check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (*check), GTK_ALIGN_CENTER);
  gtk_check_button_set_group (*check, group);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (*check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (*check));
  return row;
}

static AdwComboRow *
choice_row (const char        *title,
            const char *const *choices)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (model, _(choices[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  return row;
}

static void
linli_csv_dialog_init (LinliCsvDialog *self)
{
  static const char *const crs[] = {
    N_("WGS84 (GPS, OpenStreetMap)"), N_("GCJ-02 (Chinese web maps)"), N_("CGCS2000"), NULL,
  };
  static const char *const keys[] = { N_("Name"), N_("Id"), NULL };
  AdwPreferencesGroup *options = linli_columns_dialog_get_options (LINLI_COLUMNS_DIALOG (self));
  GtkWidget *new_row;

  self->field_labels = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Import Building List"));
  adw_preferences_group_set_title (options, _("What to Do"));
  new_row = mode_row (_("New project from coordinates"),
                      _("Each row with a latitude and longitude becomes a building"),
                      NULL, &self->new_check);
  adw_preferences_group_add (options, new_row);
  self->join_row =
    mode_row (_("Fill in the open project’s buildings"),
              _("Households, residents and party members of the buildings each row matches"),
              self->new_check, &self->join_check);
  adw_preferences_group_add (options, self->join_row);
  self->crs_row = choice_row (_("Coordinate system"), crs);
  /* The names of coordinate systems are long: under the title they have
   * the row's whole width, beside it they were cut short. */
  adw_combo_row_set_use_subtitle (self->crs_row, TRUE);
  adw_preferences_group_add (options, GTK_WIDGET (self->crs_row));
  self->key_row = choice_row (_("Match buildings by"), keys);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_row),
                               _("Names match ignoring width, case and endings such as 号楼 or 栋"));
  adw_preferences_group_add (options, GTK_WIDGET (self->key_row));
  gtk_check_button_set_active (self->new_check, TRUE);
}

/* Public API */

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
  LinliColumnsField fields[LINLI_CSV_N_FIELDS];
  LinliCsvDialog *self;
  LinliCsvMapping mapping;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (project == NULL || LINLI_IS_PROJECT (project), NULL);

  self = g_object_new (LINLI_TYPE_CSV_DIALOG, NULL);
  self->project = project ? g_object_ref (project) : NULL;
  linli_csv_mapping_guess (&mapping, table);
  linli_columns_dialog_set_table (LINLI_COLUMNS_DIALOG (self), table);
  fill_preview (self);

  gtk_widget_set_sensitive (self->join_row, can_join (self));
  if (can_join (self) &&
      (mapping.columns[LINLI_CSV_FIELD_LAT] < 0 || mapping.columns[LINLI_CSV_FIELD_LON] < 0))
    self->mode = LINLI_CSV_MODE_JOIN;
  gtk_check_button_set_active (self->join_check, self->mode == LINLI_CSV_MODE_JOIN);
  gtk_check_button_set_active (self->new_check, self->mode == LINLI_CSV_MODE_NEW);
  g_signal_connect_object (self->join_check, "toggled", G_CALLBACK (on_mode_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->crs_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Which fields a list needs depends on what it is for: all are optional
   * here, and the summary says what is missing. */
  for (guint f = 0; f < LINLI_CSV_N_FIELDS; f++)
    fields[f] = (LinliColumnsField) { linli_csv_field_get_label (f), FALSE, mapping.columns[f] };
  linli_columns_dialog_set_fields (LINLI_COLUMNS_DIALOG (self), fields, LINLI_CSV_N_FIELDS);
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
  linli_columns_dialog_update (LINLI_COLUMNS_DIALOG (self));
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
  const LinliCsvTable *table;
  LinliCsvMapping mapping;
  LinliCsvOptions opts;

  g_return_val_if_fail (LINLI_IS_CSV_DIALOG (self), NULL);

  table = linli_columns_dialog_get_table (LINLI_COLUMNS_DIALOG (self));
  get_mapping (self, &mapping);
  linli_csv_dialog_get_options (self, &opts);
  if (self->mode == LINLI_CSV_MODE_JOIN && can_join (self))
    return linli_csv_join (self->project, table, &mapping, &opts, NULL, error);
  return linli_csv_import (table, &mapping, &opts, NULL, error);
}
