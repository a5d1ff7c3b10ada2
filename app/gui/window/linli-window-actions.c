/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-grid-propose-dialog.h"
#include "linli-report-dialog.h"
#include "linli-import.h"
#include "linli-import-sites.h"
#include "linli-import-ogr.h"
#include "linli-window-private.h"

#define NUDGE_METRES 10.0
#define MAX_RECENT   8

/* Auxiliary methods */

void
linli_window_show_error (LinliWindow  *self,
                         const char   *heading,
                         const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
linli_window_update_actions (LinliWindow *self)
{
  gboolean has_history = self->history != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 has_history && linli_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 has_history && linli_history_get_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "site.delete", self->selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid.propose",
                                 linli_window_get_project (self) != NULL &&
                                 linli_project_get_n_buildings (linli_window_get_project (self)) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "site.nudge", self->selected != NULL);
  linli_window_update_grid_actions (self);
  linli_window_update_building_actions (self);
}

void
linli_window_set_add_mode (LinliWindow *self,
                           gboolean     add_mode)
{
  if (self->add_mode == add_mode)
    return;
  if (add_mode)
    linli_window_grid_cancel (self);
  self->add_mode = add_mode;
  gtk_widget_set_visible (GTK_WIDGET (self->map_hint), add_mode);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map), add_mode ? "crosshair" : NULL);
  g_object_notify (G_OBJECT (self), "add-site-mode");
}

void
linli_window_update_recent_menu (LinliWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  g_menu_remove_all (self->recent_submenu);
  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr (GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".linli") || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (uri));
      g_menu_append_item (self->recent_submenu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
open_after_confirm (LinliWindow *self,
                    GFile       *file)
{
  g_autoptr (GError) error = NULL;

  if (!linli_window_open_file (self, file, &error))
    linli_window_show_error (self, _("Could not open the project"), error);
}

typedef struct
{
  LinliWindow          *self;
  LinliWindowContinue   cont;
  gpointer              data;
  GDestroyNotify        destroy;
} PendingReplace;

static void
pending_replace_free (PendingReplace *p)
{
  if (p->destroy != NULL)
    p->destroy (p->data);
  g_object_unref (p->self);
  g_free (p);
}

/* An import not saved yet has no file: Save asks for one first, then the
 * replacement goes on. */
static void
on_replace_save_as_response_cb (GtkNativeDialog *chooser,
                                int              response,
                                PendingReplace  *p)
{
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT
                           ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autoptr (GError) error = NULL;

  if (p->self->save_as_chooser == chooser)
    p->self->save_as_chooser = NULL;
  g_object_unref (chooser);
  if (file != NULL && !linli_window_save_file (p->self, file, &error))
    linli_window_show_error (p->self, _("Could not save the project"), error);
  else if (file != NULL)
    p->cont (p->self, p->data);
  pending_replace_free (p);
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PendingReplace   *p)
{
  if (g_strcmp0 (response, "save") == 0 && linli_window_get_file (p->self) == NULL)
    {
      GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save the Project"), GTK_WINDOW (p->self),
                                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                                                   _("_Cancel"));
      PendingReplace *later = g_new0 (PendingReplace, 1);

      /* What to do next moves to the chooser's answer; the dialog's copy
       * frees nothing when it goes. */
      *later = *p;
      g_object_ref (later->self);
      p->data = NULL;
      p->destroy = NULL;
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("plan.linli"));
      g_signal_connect (chooser, "response", G_CALLBACK (on_replace_save_as_response_cb), later);
      later->self->save_as_chooser = GTK_NATIVE_DIALOG (chooser);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }
  if (g_strcmp0 (response, "save") == 0)
    {
      g_autoptr (GError) error = NULL;

      if (!linli_window_save_file (p->self, linli_window_get_file (p->self), &error))
        {
          linli_window_show_error (p->self, _("Could not save the project"), error);
          return;
        }
    }
  if (g_strcmp0 (response, "save") == 0 || g_strcmp0 (response, "discard") == 0)
    p->cont (p->self, p->data);
}

/**
 * linli_window_confirm_replace:
 * @body: what would be lost, for the question
 * @cont: what to do once the planner agrees (or at once if nothing is unsaved)
 * @destroy: (nullable): frees @data afterwards, whatever the answer
 *
 * Asks what to do with unsaved changes (including an import not saved
 * yet) before something replaces the project: save, discard or cancel.
 */
void
linli_window_confirm_replace (LinliWindow         *self,
                              const char          *body,
                              LinliWindowContinue  cont,
                              gpointer             data,
                              GDestroyNotify       destroy)
{
  GtkWidget *dialog;
  PendingReplace *p;

  if (!linli_window_is_modified (self))
    {
      cont (self, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save changes first?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  /* A project with no file yet, an import for example, is saved under a
   * name the planner picks. */
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save",
                                   linli_window_get_file (self) != NULL ? _("_Save") : _("_Save As…"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  p = g_new0 (PendingReplace, 1);
  p->self = g_object_ref (self);
  p->cont = cont;
  p->data = data;
  p->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_discard_response_cb), p,
                         (GClosureNotify) (void (*) (void)) pending_replace_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_cont (LinliWindow *self,
           gpointer     data)
{
  open_after_confirm (self, G_FILE (data));
}

/* Opens @file, first asking what to do with unsaved changes. */
static void
open_with_confirm (LinliWindow *self,
                   GFile       *file)
{
  linli_window_confirm_replace (self, _("Opening another project replaces this one, and its unsaved changes would be lost."),
                                open_cont, g_object_ref (file), g_object_unref);
}

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Linli projects"));
  gtk_file_filter_add_pattern (filter, "*.linli");
  return filter;
}

/* Callbacks */

static void
on_open_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     LinliWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        open_with_confirm (self, file);
    }
  g_object_unref (chooser);
}

static void
on_save_as_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        LinliWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (file != NULL && !linli_window_save_file (self, file, &error))
        linli_window_show_error (self, _("Could not save the project"), error);
    }
  g_object_unref (chooser);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       LinliWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr (GError) error = NULL;

      /* The legend covers part of the map: it comes only when asked for. */
      gboolean legend = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "legend"), "true") == 0;

      if (path != NULL && !linli_window_export_map_png (self, path, legend, &error))
        linli_window_show_error (self, _("Could not export the map"), error);
    }
  g_object_unref (chooser);
}

/* Import */

typedef struct
{
  LinliWindow    *self;
  GFile          *file;
  char           *streets_path;   /* found beside a GeoJSON file, or NULL */
  char           *pois_path;
  GtkDropDown    *crs;            /* NULL for OpenStreetMap, always WGS84 */
  GtkCheckButton *add_sites;      /* NULL when none were found */
} PendingImport;

static void
pending_import_free (PendingImport *p)
{
  g_object_unref (p->self);
  g_object_unref (p->file);
  g_free (p->streets_path);
  g_free (p->pois_path);
  g_free (p);
}

/* The coordinate systems a GeoJSON file may use, in a drop-down. */
GtkWidget *
linli_window_crs_dropdown_new (void)
{
  const char *names[] = { _("WGS84 (GPS, OpenStreetMap)"), _("GCJ-02 (Chinese web maps)"), _("CGCS2000"), NULL };
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (names);

  gtk_widget_set_tooltip_text (dropdown, _("Coordinate system of the file"));
  return dropdown;
}

LinliCrs
linli_window_crs_from_dropdown (GtkDropDown *dropdown)
{
  static const LinliCrs crs[] = { LINLI_CRS_WGS84, LINLI_CRS_GCJ02, LINLI_CRS_CGCS2000 };

  return dropdown != NULL ? crs[MIN (gtk_drop_down_get_selected (dropdown), 2)] : LINLI_CRS_WGS84;
}

/* Cancel and one suggested answer, the default. */
static void
add_question_responses (AdwMessageDialog *dialog,
                        const char       *id,
                        const char       *label)
{
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), id, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, id);
  adw_message_dialog_set_close_response (dialog, "cancel");
}

static void
on_import_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PendingImport    *p)
{
  g_autoptr (GError) error = NULL;
  LinliImportOptions opts;

  if (g_strcmp0 (response, "import") != 0)
    return;
  linli_import_options_init (&opts);
  opts.crs = linli_window_crs_from_dropdown (p->crs);
  opts.streets_path = p->streets_path;
  opts.pois_path = p->pois_path;
  opts.add_suggested_sites = p->add_sites != NULL && gtk_check_button_get_active (p->add_sites);
  if (!linli_window_import (p->self, p->file, &opts, &error))
    linli_window_show_error (p->self, _("Could not import the data"), error);
}

/* What the preview says of an import. */
static char *
describe_import (const LinliImportReport *report,
                 gboolean                 osm,
                 const char              *streets_path,
                 const char              *pois_path,
                 const char              *place)
{
  GString *s = g_string_new (NULL);

  /* A file of another city or in another coordinate system is said first. */
  if (place != NULL)
    g_string_append_printf (s, "%s\n\n", place);
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u building to import", "%u buildings to import",
                                          report->buildings), report->buildings);
  if (report->estimated > 0)
    g_string_append_printf (s, _("; households will be estimated from floor area for %u of them "
                                 "(none for %u whose type is not residential)"),
                            report->estimated, report->not_residential);
  /* Translators: ends the sentence about the buildings to import */
  g_string_append (s, _(". "));
  if (report->building_parts + report->skipped > 0)
    g_string_append_printf (s, _("Skipped: %u building parts and %u other features. "),
                            report->building_parts, report->skipped);
  if (report->repaired + report->degenerate > 0)
    g_string_append_printf (s, _("Outlines: %u crossing themselves replaced by their convex hull, "
                                 "%u with no area kept as points. "),
                            report->repaired, report->degenerate);
  if (osm && report->missing_refs > 0)
    g_string_append_printf (s, _("%u references to data outside the file (a clipped extract) were left out. "),
                            report->missing_refs);
  if (report->street_ways > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "Streets: %u walkable way, %.1f km (%u gaps joined). ",
                                            "Streets: %u walkable ways, %.1f km (%u gaps joined). ",
                                            report->street_ways),
                            report->street_ways, report->street_km, report->street_joins);
  else
    g_string_append (s, _("No walkable streets. "));
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u existing service position found. ",
                                          "%u existing service positions found. ", report->suggestions->len),
                          report->suggestions->len);
  if (streets_path != NULL || pois_path != NULL)
    {
      g_autofree char *streets = streets_path ? g_path_get_basename (streets_path) : NULL;
      g_autofree char *pois = pois_path ? g_path_get_basename (pois_path) : NULL;

      g_string_append (s, "\n\n");
      if (streets != NULL && pois != NULL)
        g_string_append_printf (s, _("Streets are read from “%s” and service positions from “%s”, "
                                     "found beside the file."), streets, pois);
      else if (streets != NULL)
        g_string_append_printf (s, _("Streets are read from “%s”, found beside the file."), streets);
      else
        g_string_append_printf (s, _("Service positions are read from “%s”, found beside the file."), pois);
    }
  g_string_append (s, "\n\n");
  if (osm)
    g_string_append (s, _("OpenStreetMap coordinates are WGS84. "));
  g_string_append (s, _("The import opens as a new, unsaved project."));
  return g_string_free (s, FALSE);
}

/**
 * linli_window_preview_import:
 *
 * Shows what the file holds and asks for its coordinate system (GeoJSON)
 * and whether to add the service positions found, then imports.  For
 * GeoJSON, roads and points of interest beside the file
 * (linli_import_find_companions()) are read with it, and the preview says
 * so.
 */
void
linli_window_preview_import (LinliWindow *self,
                GFile       *file)
{
  g_autofree char *path = NULL;
  g_autofree char *streets_path = NULL, *pois_path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) preview = NULL;
  g_auto (LinliImportReport) report = { 0 };
  g_autofree char *body = NULL, *place = NULL;
  LinliImportOptions opts;
  GtkWidget *dialog, *box, *dropdown = NULL, *check = NULL;
  gboolean osm;
  PendingImport *p;

  if ((path = linli_window_local_path (file, &error)) == NULL)
    {
      linli_window_show_error (self, _("Could not import the data"), error);
      return;
    }
  /* Shapefiles, GeoPackages, KML … have layers and systems of their own. */
  if (linli_ogr_handles (path))
    {
      linli_window_preview_gis_import (self, file);
      return;
    }
  osm = linli_import_guess_format (path) == LINLI_IMPORT_FORMAT_OSM;
  linli_import_options_init (&opts);
  if (!osm)
    {
      linli_import_find_companions (path, &streets_path, &pois_path);
      opts.streets_path = streets_path;
      opts.pois_path = pois_path;
    }
  preview = linli_import_file (path, &opts, &report, &error);
  if (preview == NULL)
    {
      linli_window_show_error (self, _("Could not import the data"), error);
      return;
    }

  place = linli_import_check_project_place (self->project, preview);
  body = describe_import (&report, osm, streets_path, pois_path, place);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), osm ? _("Import OpenStreetMap Data?") : _("Import Buildings?"),
                                   body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  gtk_widget_set_visible (box, !osm || report.suggestions->len > 0);
  if (!osm)
    {
      dropdown = linli_window_crs_dropdown_new ();
      gtk_box_append (GTK_BOX (box), dropdown);
    }
  if (report.suggestions->len > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Add %u service position found as an existing site",
                                                             "Add %u service positions found as existing sites",
                                                             report.suggestions->len),
                                                report.suggestions->len);

      check = gtk_check_button_new_with_label (label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_box_append (GTK_BOX (box), check);
    }
  add_question_responses (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"));
  p = g_new0 (PendingImport, 1);
  p->self = g_object_ref (self);
  p->file = g_object_ref (file);
  p->streets_path = g_steal_pointer (&streets_path);
  p->pois_path = g_steal_pointer (&pois_path);
  p->crs = dropdown ? GTK_DROP_DOWN (dropdown) : NULL;
  p->add_sites = check ? GTK_CHECK_BUTTON (check) : NULL;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_import_response_cb), p,
                         (GClosureNotify) (void (*) (void)) pending_import_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The GIS files read through GDAL, by name, either case. */
static const char *const gis_patterns[] = {
  "*.shp", "*.SHP", "*.gpkg", "*.GPKG", "*.kml", "*.KML", "*.kmz", "*.KMZ", "*.gml", "*.GML", "*.dxf", "*.DXF",
};

/* OpenStreetMap XML, GeoJSON and GIS files, together and each alone. */
static void
add_import_filters (GtkFileChooser *chooser)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("OpenStreetMap, GeoJSON and GIS files"));
  gtk_file_filter_add_pattern (filter, "*.osm");
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_filter_add_pattern (filter, "*.json");
  for (guint i = 0; i < G_N_ELEMENTS (gis_patterns); i++)
    gtk_file_filter_add_pattern (filter, gis_patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("GIS files (Shapefile, GeoPackage, KML, GML, DXF)"));
  for (guint i = 0; i < G_N_ELEMENTS (gis_patterns); i++)
    gtk_file_filter_add_pattern (filter, gis_patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("OpenStreetMap XML"));
  gtk_file_filter_add_pattern (filter, "*.osm");
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("GeoJSON files"));
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

/* Streets into the open project */

typedef struct
{
  LinliWindow *self;
  GFile       *file;
  GtkDropDown *crs;
} PendingStreets;

static void
pending_streets_free (PendingStreets *p)
{
  g_object_unref (p->self);
  g_object_unref (p->file);
  g_free (p);
}

static void
on_add_streets_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            PendingStreets   *p)
{
  g_autoptr (GError) error = NULL;
  LinliImportOptions opts;

  if (g_strcmp0 (response, "add") != 0)
    return;
  linli_import_options_init (&opts);
  opts.crs = linli_window_crs_from_dropdown (p->crs);
  if (!linli_window_add_streets (p->self, p->file, &opts, &error))
    linli_window_show_error (p->self, _("Could not add the streets"), error);
}

/**
 * linli_window_preview_add_streets:
 *
 * Says what walkable ways @file holds and that they would replace the
 * project's streets, asks for the coordinate system of GeoJSON, then adds
 * them (linli_window_add_streets()).
 */
void
linli_window_preview_add_streets (LinliWindow *self,
                                  GFile       *file)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) preview = NULL;
  g_auto (LinliImportReport) report = { 0 };
  g_autofree char *body = NULL, *place = NULL;
  const LinliStreets *streets;
  LinliImportOptions opts;
  GtkWidget *dialog, *dropdown = NULL;
  PendingStreets *p;
  guint n_ways = linli_streets_get_n_ways (linli_project_get_streets (self->project));

  if ((path = linli_window_local_path (file, &error)) == NULL)
    {
      linli_window_show_error (self, _("Could not add the streets"), error);
      return;
    }
  linli_import_options_init (&opts);
  preview = linli_import_streets_into (self->project, path, &opts, &report, &error);
  if (preview == NULL)
    {
      linli_window_show_error (self, _("Could not add the streets"), error);
      return;
    }
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u walkable way, %.1f km (%u gaps joined), would replace this project's "
                                       "%u streets. Its buildings and sites stay as they are; the result opens as "
                                       "a new, unsaved project with your edits.",
                                       "%u walkable ways, %.1f km (%u gaps joined), would replace this project's "
                                       "%u streets. Its buildings and sites stay as they are; the result opens as "
                                       "a new, unsaved project with your edits.", report.street_ways),
                          report.street_ways, report.street_km, report.street_joins, n_ways);
  /* Streets far from the buildings would walk nobody anywhere: say so first. */
  streets = linli_project_get_streets (preview);
  place = linli_import_check_place (self->project, streets ? linli_streets_get_nodes (streets) : NULL,
                                    streets ? linli_streets_get_n_nodes (streets) : 0, LINLI_SITE_IMPORT_FAR_M);
  if (place != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&body);

      body = g_strdup_printf ("%s\n\n%s", place, plain);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Add Streets?"), body);
  if (linli_import_guess_format (path) != LINLI_IMPORT_FORMAT_OSM)
    {
      dropdown = linli_window_crs_dropdown_new ();
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
    }
  add_question_responses (ADW_MESSAGE_DIALOG (dialog), "add", _("_Add Streets"));
  p = g_new0 (PendingStreets, 1);
  p->self = g_object_ref (self);
  p->file = g_object_ref (file);
  p->crs = dropdown ? GTK_DROP_DOWN (dropdown) : NULL;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_add_streets_response_cb), p,
                         (GClosureNotify) (void (*) (void)) pending_streets_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef void (*FileFunc) (LinliWindow *self,
                          GFile       *file);

static void
on_import_file_chosen_cb (GtkNativeDialog *chooser,
                          int              response,
                          LinliWindow     *self)
{
  FileFunc then = g_object_get_data (G_OBJECT (chooser), "linli-then");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        then (self, file);
    }
  g_object_unref (chooser);
}

/* Asks for an OpenStreetMap or GeoJSON file, then calls @then with it. */
static void
choose_import_file (LinliWindow *self,
                    const char  *title,
                    FileFunc     then)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Open"), _("_Cancel"));

  add_import_filters (GTK_FILE_CHOOSER (chooser));
  g_object_set_data (G_OBJECT (chooser), "linli-then", then);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Actions */

static void
add_streets_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  choose_import_file (LINLI_WINDOW (widget), _("Add Streets"), linli_window_preview_add_streets);
}

static void
import_boundaries_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  choose_import_file (LINLI_WINDOW (widget), _("Import Boundaries"), linli_window_preview_boundaries);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  choose_import_file (LINLI_WINDOW (widget), _("Import Buildings and Streets"), linli_window_preview_import);
}


static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), project_filter ());
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  open_with_confirm (LINLI_WINDOW (widget), file);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save the Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), project_filter ());
  if (linli_window_get_file (self) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), linli_window_get_file (self), NULL);
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("plan.linli"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_as_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (linli_window_get_file (self) == NULL)
    {
      save_as_action (widget, action_name, param);
      return;
    }
  if (!linli_window_save_file (self, linli_window_get_file (self), &error))
    linli_window_show_error (self, _("Could not save the project"), error);
  else
    linli_window_toast (self, _("Saved"), 0);
}

static void
export_png_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export the Map"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("map.png"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "legend", _("Include the legend"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "legend", "false");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  linli_history_undo (LINLI_WINDOW (widget)->history);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  linli_history_redo (LINLI_WINDOW (widget)->history);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);

  if (linli_window_grid_cancel (self))
    return;
  if (self->add_mode)
    linli_window_set_add_mode (self, FALSE);
  else if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_unfullscreen (GTK_WINDOW (self));
  else
    linli_window_select_site (self, NULL, FALSE);
}

static void
site_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  LinliSite *site = self->selected;

  if (site == NULL)
    return;
  linli_window_select_site (self, NULL, FALSE);
  linli_project_edits_remove_site (self->history, site);
}

static void
site_nudge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  const char *direction = g_variant_get_string (param, NULL);
  const LinliProjection *proj;
  g_autoptr (LinliSiteState) state = NULL;
  double x, y;

  if (self->selected == NULL)
    return;
  proj = linli_project_get_projection (self->project);
  state = linli_site_dup_state (self->selected);
  linli_projection_forward (proj, state->lat, state->lon, &x, &y);
  if (g_str_equal (direction, "north"))
    y += NUDGE_METRES;
  else if (g_str_equal (direction, "south"))
    y -= NUDGE_METRES;
  else if (g_str_equal (direction, "east"))
    x += NUDGE_METRES;
  else if (g_str_equal (direction, "west"))
    x -= NUDGE_METRES;
  else
    return;
  linli_projection_inverse (proj, x, y, &state->lat, &state->lon);
  if (linli_lat_lon_is_valid (state->lat, state->lon))
    linli_project_edits_nudge_site (self->history, self->selected, state);
}

static void
select_site_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  LinliSite *site = linli_project_find_site (self->project, g_variant_get_string (param, NULL), NULL);

  linli_window_select_site (self, site, TRUE);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ShumateViewport *viewport = shumate_map_get_viewport (LINLI_WINDOW (widget)->map);

  shumate_viewport_set_zoom_level (viewport, shumate_viewport_get_zoom_level (viewport) + 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ShumateViewport *viewport = shumate_map_get_viewport (LINLI_WINDOW (widget)->map);

  shumate_viewport_set_zoom_level (viewport, shumate_viewport_get_zoom_level (viewport) - 1);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  linli_window_zoom_to_fit (LINLI_WINDOW (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  const char *direction = g_variant_get_string (param, NULL);
  double w = gtk_widget_get_width (GTK_WIDGET (self->map));
  double h = gtk_widget_get_height (GTK_WIDGET (self->map));
  double x = w / 2, y = h / 2, lat, lon;

  /* A quarter of the view at a time. */
  if (g_str_equal (direction, "north"))
    y -= h / 4;
  else if (g_str_equal (direction, "south"))
    y += h / 4;
  else if (g_str_equal (direction, "west"))
    x -= w / 4;
  else if (g_str_equal (direction, "east"))
    x += w / 4;
  else
    return;
  if (w <= 0 || h <= 0)
    return;
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y, &lat, &lon);
  if (linli_lat_lon_is_valid (lat, lon))
    shumate_map_center_on (self->map, lat, lon);
}

/* The plan panel owns plan.run, plan.cancel and plan.accept, and its
 * buttons use them wherever it lives.  Keyboard shortcuts are looked up
 * from the window, not from the panel, so the window keeps one action for
 * each that shows the plan tab and hands over to the panel's action, which
 * alone decides whether it can run now. */
static void
plan_forward (LinliWindow *self,
              const char  *panel_action)
{
  gtk_stack_set_visible_child_name (self->side_stack, "plan");
  gtk_widget_activate_action (GTK_WIDGET (self->plan_panel), panel_action, NULL);
}

static void
plan_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  plan_forward (LINLI_WINDOW (widget), "plan.run");
}

static void
plan_cancel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  plan_forward (LINLI_WINDOW (widget), "plan.cancel");
}

static void
plan_accept_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  plan_forward (LINLI_WINDOW (widget), "plan.accept");
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

static void
grid_propose_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  LinliGridProposeDialog *dialog = linli_grid_propose_dialog_new (linli_window_get_document (self));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The plan's proposal, if one is shown, goes into the report. */
static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  LinliReportProposal proposal = { NULL, NULL, 0 };
  LinliReportDialog *dialog;

  proposal.n = linli_plan_panel_get_proposal (self->plan_panel, (const char ***) &proposal.ids,
                                              &proposal.adds);
  dialog = linli_report_dialog_new (linli_window_get_document (self), &proposal);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

void
linli_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export-png", NULL, export_png_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, linli_window_import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.add-streets", NULL, add_streets_action);
  gtk_widget_class_install_action (widget_class, "win.import-boundaries", NULL, import_boundaries_action);
  gtk_widget_class_install_action (widget_class, "win.import-org", NULL, linli_window_import_org_action);
  gtk_widget_class_install_action (widget_class, "win.import-units", NULL,
                                   linli_window_import_units_action);
  gtk_widget_class_install_action (widget_class, "win.import-needs", NULL,
                                   linli_window_import_needs_action);
  gtk_widget_class_install_action (widget_class, "win.partner-registry", NULL,
                                   linli_window_partner_registry_action);
  gtk_widget_class_install_action (widget_class, "win.import-sites", NULL, linli_window_import_sites_action);
  gtk_widget_class_install_action (widget_class, "win.sites-from-kind", NULL, linli_window_sites_from_kind_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "grid.propose", NULL, grid_propose_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_property_action (widget_class, "win.add-site-mode", "add-site-mode");
  gtk_widget_class_install_property_action (widget_class, "win.show-candidate-circles",
                                            "show-candidate-circles");
  gtk_widget_class_install_property_action (widget_class, "win.chain-colors", "chain-colors");
  gtk_widget_class_install_property_action (widget_class, "win.show-partner-lines",
                                            "show-partner-lines");
  gtk_widget_class_install_property_action (widget_class, "project.hide-names", "hide-names");
  gtk_widget_class_install_property_action (widget_class, "win.meeting", "meeting");
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.select-site", "s", select_site_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.pan", "s", pan_action);
  gtk_widget_class_install_action (widget_class, "win.plan-run", NULL, plan_run_action);
  gtk_widget_class_install_action (widget_class, "win.plan-cancel", NULL, plan_cancel_action);
  gtk_widget_class_install_action (widget_class, "win.plan-accept", NULL, plan_accept_action);
  gtk_widget_class_install_action (widget_class, "site.delete", NULL, site_delete_action);
  gtk_widget_class_install_action (widget_class, "site.nudge", "s", site_nudge_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
}

void
linli_window_init_actions (LinliWindow *self)
{
  linli_window_update_actions (self);
}
