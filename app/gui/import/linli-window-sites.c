/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-sites-dialog.h"
#include "linli-import-ogr.h"
#include "linli-window-private.h"

/* Sites → Import Candidate Sites: a list (CSV) goes through
 * LinliSitesDialog with its columns and preview; the points of a GeoJSON
 * or OpenStreetMap file are read under a tag filter and previewed in a
 * message dialog (the count, the refusals and a warning for data far from
 * the project), where the filter can be changed.  Sites → Candidates from
 * Buildings of Kind offers the kinds the project's buildings have, with
 * their counts.  Each import is one undoable step. */

#define DEFAULT_FILTER "office=government,shop=vacant,amenity=community_centre,amenity=social_centre"
#define MAX_SHOWN_REFUSALS 5

static void show_points (LinliWindow *self,
                         const char  *path,
                         const char  *filter);

/* Auxiliary methods */

static void
toast_added (LinliWindow *self,
             guint        n)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u candidate site added",
                                                        "%u candidate sites added", n), n);

  linli_window_toast (self, text, 0);
}

/* The preview of an import: what it gives, where, and what it refused. */
static char *
describe_import (LinliWindow           *self,
                 const LinliSiteImport *import)
{
  g_autofree char *described = linli_site_import_describe (import);
  g_autofree char *place = linli_site_import_check_place (import, self->project);
  GString *body = g_string_new (described);

  g_string_append (body, ".");
  if (place != NULL)
    g_string_append_printf (body, "\n\n%s", place);
  for (guint i = 0; i < import->refusals->len && i < MAX_SHOWN_REFUSALS; i++)
    g_string_append_printf (body, "%s%s", i == 0 ? "\n\n" : "\n", (char *) import->refusals->pdata[i]);
  if (import->n_refused > MAX_SHOWN_REFUSALS)
    g_string_append_printf (body, "\n…");
  return g_string_free (body, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Callbacks */

static void
on_sites_import_cb (LinliWindow      *self,
                    LinliSitesDialog *dialog)
{
  toast_added (self, linli_sites_dialog_import (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_points_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LinliWindow      *self)
{
  LinliSiteImport *import = g_object_get_data (G_OBJECT (dialog), "linli-import");
  const char *path = g_object_get_data (G_OBJECT (dialog), "linli-path");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "import") == 0)
    toast_added (self, linli_site_import_apply (import, self->history));
  else if (g_strcmp0 (response, "filter") == 0)
    show_points (self, path, gtk_editable_get_text (entry));
}

static void
show_points (LinliWindow *self,
             const char  *path,
             const char  *filter)
{
  g_autoptr (GError) error = NULL;
  LinliSiteImport *import;
  LinliSiteImportOptions options;
  GtkWidget *dialog, *entry;
  g_autofree char *body = NULL;

  linli_site_import_options_init (&options);
  options.filter = filter;
  import = linli_site_import_points (path, linli_import_guess_format (path), &options, &error);
  if (import == NULL)
    {
      linli_window_show_error (self, _("Could not import the candidate sites"), error);
      return;
    }
  body = describe_import (self, import);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Candidate Sites"), body);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), filter);
  gtk_widget_set_tooltip_text (entry, _("Tags a point must have: key=value or key, separated by commas"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "filter",
                                    _("_Apply Filter"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import",
                                           linli_site_import_get_n_sites (import) > 0);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "linli-import", import, (GDestroyNotify) linli_site_import_free);
  g_object_set_data_full (G_OBJECT (dialog), "linli-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_points_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sites_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    LinliWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;
      g_autofree char *path = file ? linli_window_local_path (file, &error) : NULL;
      g_autofree char *lower = path ? g_ascii_strdown (path, -1) : NULL;

      if (path == NULL)
        linli_window_show_error (self, _("Could not import the candidate sites"), error);
      else if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
               g_str_has_suffix (lower, ".txt") || linli_ogr_handles (path))
        {
          if (linli_window_open_sites_dialog (self, file, &error) == NULL)
            linli_window_show_error (self, _("Could not import the candidate sites"), error);
        }
      else
        show_points (self, path, DEFAULT_FILTER);
    }
  g_object_unref (chooser);
}

static void
on_kind_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     LinliWindow      *self)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GStrv kinds = g_object_get_data (G_OBJECT (dialog), "linli-kinds");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr (LinliSiteImport) import = NULL;
  LinliSiteImportOptions options;

  if (g_strcmp0 (response, "add") != 0 || selected >= g_strv_length (kinds))
    return;
  linli_site_import_options_init (&options);
  import = linli_site_import_buildings (self->project, kinds[selected], &options);
  toast_added (self, linli_site_import_apply (import, self->history));
}

/* Public API */

/**
 * linli_window_open_sites_dialog:
 *
 * Reads @file as a site list and shows the import dialog for it.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL with @error set
 */
LinliSitesDialog *
linli_window_open_sites_dialog (LinliWindow  *self,
                                GFile        *file,
                                GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) layers = NULL;
  LinliCsvTable *table;
  LinliSitesDialog *dialog;

  g_return_val_if_fail (LINLI_IS_WINDOW (self), NULL);

  if ((path = linli_window_local_path (file, error)) == NULL)
    return NULL;
  /* A GIS layer (the first; the dialog offers the others) or an Excel or
   * OpenDocument sheet comes through GDAL as the same table, each
   * feature's WGS84 position in two columns the guesses take for
   * longitude and latitude. */
  if (linli_ogr_handles (path))
    {
      LinliOgrOptions options;

      linli_ogr_options_init (&options);
      if ((layers = linli_ogr_list_layers (path, NULL, error)) == NULL)
        return NULL;
      if (layers->len > 0)
        options.layer = ((LinliOgrLayerInfo *) layers->pdata[0])->name;
      table = linli_ogr_read_table (path, &options, error);
    }
  else
    {
      table = linli_csv_table_load (path, 0, error);
    }
  if (table == NULL)
    return NULL;
  dialog = linli_sites_dialog_new (table, self->history);
  if (layers != NULL)
    linli_sites_dialog_set_layers (dialog, path, g_steal_pointer (&layers));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_sites_import_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Actions */

static const char *const site_patterns[] = {
  "*.csv", "*.CSV", "*.xlsx", "*.XLSX", "*.ods", "*.ODS", "*.geojson", "*.json", "*.osm",
  "*.shp", "*.SHP", "*.gpkg", "*.GPKG", "*.kml", "*.KML", "*.gml", "*.GML", "*.dxf", "*.DXF",
};

void
linli_window_import_sites_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Candidate Sites"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Site lists (CSV, Excel, ODS), GeoJSON, OpenStreetMap and GIS files"));
  for (guint i = 0; i < G_N_ELEMENTS (site_patterns); i++)
    gtk_file_filter_add_pattern (filter, site_patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_sites_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
linli_window_sites_from_kind_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  g_autoptr (GHashTable) counts = linli_site_import_count_kinds (self->project);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (counts, NULL);
  GStrv kinds;
  GtkWidget *dialog, *dropdown;
  guint n = g_hash_table_size (counts);

  if (n == 0)
    {
      linli_window_toast (self, _("The project’s buildings have no kinds: import them from "
                                  "OpenStreetMap or GeoJSON"), 0);
      return;
    }
  g_qsort_with_data (keys, n, sizeof (char *), compare_strings, NULL);
  kinds = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, keys[i]));
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u building)",
                                                             "%s (%u buildings)", count), keys[i], count);

      kinds[i] = g_strdup (keys[i]);
      gtk_string_list_append (labels, label);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Candidates from Buildings of Kind"),
                                   _("A candidate site at every building of the kind chosen."));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add",
                                    _("_Add Candidates"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "linli-kinds", kinds, (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_kind_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
