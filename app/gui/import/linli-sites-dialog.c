/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-sites-dialog"

#include "config.h"

#include "linli-sites-dialog.h"

#include "linli-gis-layers.h"
#include "linli-import-ogr.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A list of candidate sites: a column for each field (name, address,
 * coordinates, tier, area, cost, capacity), the coordinate system and the
 * tier of rows that say none, and a preview of the first rows with the
 * reason each refused one cannot be read.  The reading is the core's
 * (linli-import-sites.h): the preview, the refusals and the warning for a
 * list far from the project's data come from linli_site_import_csv(), the
 * import is one undoable step. */

#define MAX_PREVIEW_ROWS 12

struct _LinliSitesDialog
{
  LinliColumnsDialog parent_instance;

  AdwComboRow       *crs_row;
  AdwComboRow       *tier_row;
  AdwComboRow       *layer_row;  /* for a GIS file of several layers, else NULL */
  char              *path;       /* of that file */
  GPtrArray         *layers;     /* LinliOgrLayerInfo */
  gboolean           choosing;   /* the chooser is being set to the layer read */
  LinliHistory      *history;
  LinliSiteImport   *import;    /* what the choices read now, or NULL */
};

G_DEFINE_FINAL_TYPE (LinliSitesDialog, linli_sites_dialog, LINLI_TYPE_COLUMNS_DIALOG)

static const LinliCrs crs_choices[] = { LINLI_CRS_WGS84, LINLI_CRS_GCJ02, LINLI_CRS_CGCS2000 };

/* Auxiliary methods */

static void
get_mapping (LinliSitesDialog *self,
             LinliSiteMapping *mapping)
{
  for (guint f = 0; f < LINLI_SITE_N_FIELDS; f++)
    mapping->columns[f] = linli_columns_dialog_get_column (LINLI_COLUMNS_DIALOG (self), f);
}

static void
get_options (LinliSitesDialog       *self,
             LinliSiteImportOptions *options)
{
  guint crs = adw_combo_row_get_selected (self->crs_row);
  guint tier = adw_combo_row_get_selected (self->tier_row);

  linli_site_import_options_init (options);
  options->crs = crs < G_N_ELEMENTS (crs_choices) ? crs_choices[crs] : LINLI_CRS_WGS84;
  options->tier = tier < LINLI_SITE_N_TIERS ? tier : LINLI_SITE_TIER_STATION;
}

static const char *
refusal_of_line (const LinliSiteImport *import,
                 guint                  line)
{
  for (guint i = 0; i < import->refused_lines->len; i++)
    if (g_array_index (import->refused_lines, guint, i) == line)
      return import->refusals->pdata[i];
  return NULL;
}

static void
fill_preview (LinliSitesDialog       *self,
              const LinliSiteMapping *mapping)
{
  LinliColumnsDialog *dialog = LINLI_COLUMNS_DIALOG (self);
  const LinliCsvTable *table = linli_columns_dialog_get_table (dialog);
  guint n_rows = MIN (linli_csv_table_get_n_rows (table), MAX_PREVIEW_ROWS);
  guint last = LINLI_SITE_N_FIELDS + 1;

  linli_columns_dialog_clear_preview (dialog);
  linli_columns_dialog_add_preview (dialog, 0, 0, _("Line"), "dim-label");
  for (guint f = 0; f < LINLI_SITE_N_FIELDS; f++)
    linli_columns_dialog_add_preview (dialog, f + 1, 0, linli_site_field_get_label (f), "heading");
  linli_columns_dialog_add_preview (dialog, last, 0, _("Problem"), "heading");
  for (guint r = 0; r < n_rows; r++)
    {
      guint line_number = linli_csv_table_get_line (table, r);
      g_autofree char *line = g_strdup_printf ("%u", line_number);
      const char *reason = self->import ? refusal_of_line (self->import, line_number) : NULL;
      g_autofree char *marker = g_strdup_printf (":%u: ", line_number);
      const char *shown;
      GtkWidget *problem;

      linli_columns_dialog_add_preview (dialog, 0, r + 1, line, "dim-label");
      for (guint f = 0; f < LINLI_SITE_N_FIELDS; f++)
        if (mapping->columns[f] >= 0)
          linli_columns_dialog_add_preview (dialog, f + 1, r + 1,
                                            linli_csv_table_get_cell (table, r, mapping->columns[f]), NULL);
      if (reason == NULL)
        continue;
      /* The cell has the reason alone: the row's line is beside it. */
      shown = strstr (reason, marker) ? strstr (reason, marker) + strlen (marker) : reason;
      problem = linli_columns_dialog_add_preview (dialog, last, r + 1, shown, "error");
      gtk_widget_set_tooltip_text (problem, reason);
    }
}

static void
linli_sites_dialog_update (LinliColumnsDialog *dialog)
{
  LinliSitesDialog *self = LINLI_SITES_DIALOG (dialog);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) summary = g_string_new (NULL);
  g_autofree char *place = NULL, *described = NULL;
  LinliSiteImportOptions options;
  LinliSiteMapping mapping;
  guint n_sites;

  if (self->crs_row == NULL)
    return;
  get_mapping (self, &mapping);
  get_options (self, &options);
  g_clear_pointer (&self->import, linli_site_import_free);
  self->import = linli_site_import_csv (linli_columns_dialog_get_table (dialog), &mapping, &options, &error);
  fill_preview (self, &mapping);
  if (self->import == NULL)
    {
      linli_columns_dialog_set_summary (dialog, error->message, TRUE, FALSE);
      return;
    }
  n_sites = linli_site_import_get_n_sites (self->import);
  described = linli_site_import_describe (self->import);
  g_string_append (summary, described);
  g_string_append (summary, ".");
  /* Far away or nothing at all: said before anything is added. */
  place = linli_site_import_check_place (self->import, linli_history_get_project (self->history));
  if (place != NULL)
    g_string_append_printf (summary, " %s", place);
  if (self->import->n_refused > 0)
    g_string_append_printf (summary, "\n%s", (char *) self->import->refusals->pdata[0]);
  linli_columns_dialog_set_summary (dialog, summary->str, place != NULL || n_sites == 0, n_sites > 0);
}

/* Takes @table and chooses its columns as the headers suggest. */
static void
set_table_guessed (LinliSitesDialog *self,
                   LinliCsvTable    *table)
{
  LinliColumnsField fields[LINLI_SITE_N_FIELDS];
  LinliSiteMapping guess;

  linli_site_mapping_guess (&guess, table);
  linli_columns_dialog_set_table (LINLI_COLUMNS_DIALOG (self), table);
  for (guint f = 0; f < LINLI_SITE_N_FIELDS; f++)
    fields[f] = (LinliColumnsField) {
      linli_site_field_get_label (f),
      f == LINLI_SITE_FIELD_LAT || f == LINLI_SITE_FIELD_LON,
      guess.columns[f],
    };
  linli_columns_dialog_set_fields (LINLI_COLUMNS_DIALOG (self), fields, LINLI_SITE_N_FIELDS);
}

/* Callbacks */

static void
on_option_changed_cb (LinliSitesDialog *self)
{
  linli_columns_dialog_update (LINLI_COLUMNS_DIALOG (self));
}

static void
on_layer_selected_cb (LinliSitesDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (self->choosing)
    return;
  /* A layer that cannot be read says why where the summary goes; the
   * table shown stays the last one read. */
  if (!linli_sites_dialog_select_layer (self, adw_combo_row_get_selected (self->layer_row), &error))
    linli_columns_dialog_set_summary (LINLI_COLUMNS_DIALOG (self), error->message, TRUE, FALSE);
}

/* GObject overrides */

static void
linli_sites_dialog_dispose (GObject *object)
{
  LinliSitesDialog *self = LINLI_SITES_DIALOG (object);

  g_clear_object (&self->history);
  G_OBJECT_CLASS (linli_sites_dialog_parent_class)->dispose (object);
}

static void
linli_sites_dialog_finalize (GObject *object)
{
  LinliSitesDialog *self = LINLI_SITES_DIALOG (object);

  g_clear_pointer (&self->import, linli_site_import_free);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_free (self->path);
  G_OBJECT_CLASS (linli_sites_dialog_parent_class)->finalize (object);
}

static void
linli_sites_dialog_class_init (LinliSitesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LinliColumnsDialogClass *dialog_class = LINLI_COLUMNS_DIALOG_CLASS (klass);

  object_class->dispose = linli_sites_dialog_dispose;
  object_class->finalize = linli_sites_dialog_finalize;
  dialog_class->update = linli_sites_dialog_update;
}

static void
linli_sites_dialog_init (LinliSitesDialog *self)
{
  g_autoptr (GtkStringList) systems = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) tiers = gtk_string_list_new (NULL);
  AdwPreferencesGroup *options = linli_columns_dialog_get_options (LINLI_COLUMNS_DIALOG (self));
  AdwComboRow *crs_row, *tier_row;

  gtk_string_list_append (systems, _("WGS84 (GPS)"));
  gtk_string_list_append (systems, _("GCJ-02 (Chinese web maps)"));
  gtk_string_list_append (systems, _("CGCS2000"));
  gtk_string_list_append (tiers, _("Street centre"));
  gtk_string_list_append (tiers, _("Community centre"));
  gtk_string_list_append (tiers, _("Station"));
  gtk_string_list_append (tiers, _("Neighbourhood centre"));
  gtk_window_set_title (GTK_WINDOW (self), _("Import Candidate Sites"));
  adw_preferences_group_set_title (options, _("Candidate Sites"));
  adw_preferences_group_set_description (options,
                                         _("Each row with coordinates becomes a candidate site; the others "
                                           "are refused with their line. The import is one step to undo."));
  crs_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (crs_row), _("Coordinates"));
  adw_combo_row_set_model (crs_row, G_LIST_MODEL (systems));
  adw_preferences_group_add (options, GTK_WIDGET (crs_row));
  tier_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (tier_row), _("Tier of rows that say none"));
  adw_combo_row_set_model (tier_row, G_LIST_MODEL (tiers));
  adw_combo_row_set_selected (tier_row, LINLI_SITE_TIER_STATION);
  adw_preferences_group_add (options, GTK_WIDGET (tier_row));
  g_signal_connect_object (crs_row, "notify::selected", G_CALLBACK (on_option_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (tier_row, "notify::selected", G_CALLBACK (on_option_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->crs_row = crs_row;
  self->tier_row = tier_row;
}

/* Public API */

/**
 * linli_sites_dialog_new:
 * @table: (transfer full): the site list, read
 * @history: the history of the project the sites go into
 *
 * Returns: (transfer full): the dialog, with the columns guessed from the
 *   headers
 */
LinliSitesDialog *
linli_sites_dialog_new (LinliCsvTable *table,
                        LinliHistory  *history)
{
  LinliSitesDialog *self;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (LINLI_IS_HISTORY (history), NULL);

  self = g_object_new (LINLI_TYPE_SITES_DIALOG, NULL);
  self->history = g_object_ref (history);
  set_table_guessed (self, table);
  return self;
}

/**
 * linli_sites_dialog_set_layers:
 * @path: the GIS file the table was read from
 * @layers: (transfer full) (element-type LinliOgrLayerInfo): its layers,
 *   the table being the first's
 *
 * Offers the file's layers in a chooser, the same labels the GIS import
 * shows, when there are several; choosing one reads it as the table.
 */
void
linli_sites_dialog_set_layers (LinliSitesDialog *self,
                               const char       *path,
                               GPtrArray        *layers)
{
  g_autoptr (GtkStringList) labels = NULL;

  g_return_if_fail (LINLI_IS_SITES_DIALOG (self));
  g_return_if_fail (path != NULL && layers != NULL);
  g_return_if_fail (self->layers == NULL);

  self->path = g_strdup (path);
  self->layers = layers;
  if (layers->len < 2)
    return;
  labels = linli_gis_layer_labels_new (layers);
  self->layer_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->layer_row), "layer");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->layer_row), _("Layer"));
  adw_combo_row_set_model (self->layer_row, G_LIST_MODEL (labels));
  adw_preferences_group_add (linli_columns_dialog_get_options (LINLI_COLUMNS_DIALOG (self)),
                             GTK_WIDGET (self->layer_row));
  g_signal_connect_object (self->layer_row, "notify::selected", G_CALLBACK (on_layer_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * linli_sites_dialog_select_layer:
 * @layer: the index of a layer given to linli_sites_dialog_set_layers()
 *
 * Reads @layer of the file as the table, its columns guessed again, as
 * choosing it in the chooser does.
 *
 * Returns: %FALSE with @error set when the layer cannot be read; the
 *   table stays as it was
 */
gboolean
linli_sites_dialog_select_layer (LinliSitesDialog  *self,
                                 guint              layer,
                                 GError           **error)
{
  LinliOgrOptions options;
  LinliCsvTable *table;

  g_return_val_if_fail (LINLI_IS_SITES_DIALOG (self), FALSE);
  g_return_val_if_fail (self->layers != NULL && layer < self->layers->len, FALSE);

  linli_ogr_options_init (&options);
  options.layer = ((LinliOgrLayerInfo *) self->layers->pdata[layer])->name;
  table = linli_ogr_read_table (self->path, &options, error);
  if (table == NULL)
    return FALSE;
  set_table_guessed (self, table);
  if (self->layer_row != NULL && adw_combo_row_get_selected (self->layer_row) != layer)
    {
      self->choosing = TRUE;
      adw_combo_row_set_selected (self->layer_row, layer);
      self->choosing = FALSE;
    }
  linli_columns_dialog_update (LINLI_COLUMNS_DIALOG (self));
  return TRUE;
}

int
linli_sites_dialog_get_column (LinliSitesDialog *self,
                               LinliSiteField    field)
{
  g_return_val_if_fail (LINLI_IS_SITES_DIALOG (self), -1);
  g_return_val_if_fail (field < LINLI_SITE_N_FIELDS, -1);
  return linli_columns_dialog_get_column (LINLI_COLUMNS_DIALOG (self), field);
}

/**
 * linli_sites_dialog_set_column:
 * @column: a column of the table, or -1 for none
 *
 * Chooses @column in the field's dropdown, as the user would.
 */
void
linli_sites_dialog_set_column (LinliSitesDialog *self,
                               LinliSiteField    field,
                               int               column)
{
  g_return_if_fail (LINLI_IS_SITES_DIALOG (self));
  g_return_if_fail (field < LINLI_SITE_N_FIELDS);
  linli_columns_dialog_set_column (LINLI_COLUMNS_DIALOG (self), field, column);
}

void
linli_sites_dialog_set_crs (LinliSitesDialog *self,
                            LinliCrs          crs)
{
  g_return_if_fail (LINLI_IS_SITES_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (crs_choices); i++)
    if (crs_choices[i] == crs)
      adw_combo_row_set_selected (self->crs_row, i);
}

/**
 * linli_sites_dialog_import:
 *
 * Adds the sites the choices read to the project, as one undoable step.
 *
 * Returns: how many sites were added
 */
guint
linli_sites_dialog_import (LinliSitesDialog *self)
{
  g_return_val_if_fail (LINLI_IS_SITES_DIALOG (self), 0);

  if (self->import == NULL)
    return 0;
  return linli_site_import_apply (self->import, self->history);
}
