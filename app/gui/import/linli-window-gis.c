/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-figures.h"
#include "linli-gis-layers.h"
#include "linli-import-ogr.h"
#include "linli-import-sites.h"
#include "linli-window-private.h"

/* File → Import Buildings and Streets, for a GIS file (Shapefile,
 * GeoPackage, KML, GML, DXF, FileGDB): the same preview as GeoJSON's, with
 * a layer chooser when the file has several, the layer's coordinate system
 * (which the planner can name when the file does not say or says wrong)
 * and whether its coordinates are GCJ-02.  Every change reads the layer
 * again, so the preview says what the import will make. */

typedef struct
{
  LinliWindow      *self;
  char             *path;
  GPtrArray        *layers;   /* LinliOgrLayerInfo */
  AdwMessageDialog *dialog;
  GtkDropDown      *layer;    /* NULL for a file of one layer */
  GtkEntry         *crs;
  GtkCheckButton   *gcj02;
  GtkDropDown      *encoding;  /* as the file says, UTF-8, GBK */
  GtkDropDown      *fields[LINLI_OGR_N_FIELDS];   /* (none), then the layer's fields */
  gboolean          filling;   /* the field choices are being set from a guess */
} PendingGis;

/* What each field is to a planner, in the order of LinliOgrField. */
static const char *const field_labels[LINLI_OGR_N_FIELDS] = {
  N_("Identifier"), N_("Name"), N_("Compound"), N_("Community"), N_("Households"), N_("Residents"),
  N_("Party members"), N_("Storeys"), N_("Height"), N_("Building type"), N_("Households estimated"),
};

static void
pending_gis_free (PendingGis *p)
{
  g_object_unref (p->self);
  g_free (p->path);
  g_ptr_array_unref (p->layers);
  g_free (p);
}

static LinliOgrLayerInfo *
selected_layer (PendingGis *p)
{
  guint i = p->layer ? gtk_drop_down_get_selected (p->layer) : 0;

  return p->layers->pdata[MIN (i, p->layers->len - 1)];
}

/* Reads the chosen layer as the dialog's settings say. */
static LinliProject *
read_layer (PendingGis        *p,
            LinliImportReport *report,
            GError           **error)
{
  LinliOgrLayerInfo *info = selected_layer (p);
  const char *crs = gtk_editable_get_text (GTK_EDITABLE (p->crs));
  LinliImportOptions import_options;
  LinliOgrOptions options;
  LinliOgrMapping mapping;

  linli_ogr_options_init (&options);
  options.layer = info->name;
  /* The file's own system unless the planner named another. */
  if (crs[0] != '\0' && g_strcmp0 (crs, info->crs_code) != 0)
    options.source_crs = crs;
  options.crs = gtk_check_button_get_active (p->gcj02) ? LINLI_CRS_GCJ02 : LINLI_CRS_WGS84;
  options.encoding = (const char *[]) { NULL, "UTF-8", "GBK" }[MIN (gtk_drop_down_get_selected (p->encoding), 2)];
  linli_ogr_mapping_init (&mapping);
  for (guint f = 0; f < LINLI_OGR_N_FIELDS; f++)
    {
      guint selected = gtk_drop_down_get_selected (p->fields[f]);

      mapping.fields[f] = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;
    }
  options.mapping = &mapping;
  linli_import_options_init (&import_options);
  return linli_import_ogr (p->path, &options, &import_options, report, error);
}

/* The field choices for the chosen layer: its fields, each set to what
 * the names guess (households from 户数 or HU_NUM, and so on). */
static void
fill_fields (PendingGis *p)
{
  LinliOgrLayerInfo *info = selected_layer (p);
  LinliOgrMapping guess;

  linli_ogr_mapping_guess (&guess, (const char *const *) info->fields);
  p->filling = TRUE;
  for (guint f = 0; f < LINLI_OGR_N_FIELDS; f++)
    {
      g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

      gtk_string_list_append (names, _("(none)"));
      for (guint i = 0; info->fields != NULL && info->fields[i] != NULL; i++)
        gtk_string_list_append (names, info->fields[i]);
      gtk_drop_down_set_model (p->fields[f], G_LIST_MODEL (names));
      gtk_drop_down_set_selected (p->fields[f], guess.fields[f] >= 0 ? (guint) guess.fields[f] + 1 : 0);
    }
  p->filling = FALSE;
}

static void
update_preview (PendingGis *p)
{
  g_auto (LinliImportReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = read_layer (p, &report, &error);
  GString *s = g_string_new (NULL);

  if (project == NULL)
    g_string_append (s, error->message);
  else
    {
      /* A layer far from the open project's data (another city, or a
       * coordinate system named wrong) is said first. */
      g_autofree char *place = linli_import_check_project_place (p->self->project, project);

      if (place != NULL)
        g_string_append_printf (s, "%s\n\n", place);
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u building to import",
                                              "%u buildings to import", report.buildings),
                              report.buildings);
      if (report.estimated > 0)
        g_string_append_printf (s, _("; households will be estimated from floor area for %u of them"),
                                report.estimated);
      /* Translators: ends the sentence about the buildings to import */
      g_string_append (s, _(". "));
      if (report.skipped > 0)
        g_string_append_printf (s, _("Skipped: %u features. "), report.skipped);
      if (report.street_ways > 0)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "Streets: %u walkable way, %.1f km. ",
                                                "Streets: %u walkable ways, %.1f km. ", report.street_ways),
                                report.street_ways, report.street_km);
      g_string_append (s, _("\n\nThe import opens as a new, unsaved project."));
    }
  adw_message_dialog_set_body (p->dialog, s->str);
  adw_message_dialog_set_response_enabled (p->dialog, "import", project != NULL);
  g_string_free (s, TRUE);
}

/* Callbacks */

static void
on_layer_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      PendingGis  *p)
{
  LinliOgrLayerInfo *info = selected_layer (p);

  gtk_editable_set_text (GTK_EDITABLE (p->crs), info->crs_code ? info->crs_code : "");
  fill_fields (p);
  update_preview (p);
}

static void
on_choice_changed_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      PendingGis  *p)
{
  if (!p->filling)
    update_preview (p);
}

static void
on_crs_activate_cb (GtkEntry   *entry,
                    PendingGis *p)
{
  update_preview (p);
}

static void
on_gcj02_toggled_cb (GtkCheckButton *check,
                     PendingGis     *p)
{
  update_preview (p);
}

static void
on_gis_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PendingGis       *p)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;

  if (g_strcmp0 (response, "import") != 0)
    return;
  project = read_layer (p, NULL, &error);
  if (project == NULL)
    linli_window_show_error (p->self, _("Could not import the data"), error);
  else
    linli_window_show_import (p->self, project);
}

/* Public API */

/**
 * linli_window_preview_gis_import:
 *
 * Shows what a layer of a GIS file holds, with a chooser of its layers,
 * its coordinate system and the GCJ-02 question, then imports it as a new,
 * unsaved project.
 */
void
linli_window_preview_gis_import (LinliWindow *self,
                                 GFile       *file)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = NULL;
  GtkWidget *dialog, *box, *label;
  const char *code;
  PendingGis *p;

  if ((path = linli_window_local_path (file, &error)) == NULL ||
      (layers = linli_ogr_list_layers (path, NULL, &error)) == NULL)
    {
      linli_window_show_error (self, _("Could not import the data"), error);
      return;
    }
  if (layers->len == 0)
    {
      g_set_error (&error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, _("%s: the file has no layers"),
                   path);
      linli_window_show_error (self, _("Could not import the data"), error);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import from a GIS File?"), NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  p = g_new0 (PendingGis, 1);
  p->self = g_object_ref (self);
  p->path = g_steal_pointer (&path);
  p->layers = g_steal_pointer (&layers);
  p->dialog = ADW_MESSAGE_DIALOG (dialog);

  if (p->layers->len > 1)
    {
      g_autoptr (GtkStringList) names = linli_gis_layer_labels_new (p->layers);

      p->layer = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
      gtk_widget_set_tooltip_text (GTK_WIDGET (p->layer), _("The layer to import"));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->layer));
    }
  label = gtk_label_new (_("Coordinate system of the layer"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  p->crs = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (p->crs, _("EPSG code (EPSG:4549), WKT or PROJ string"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (p->crs), _("As the file says; name another when it says none or "
                                                      "says wrong, then press Enter"));
  code = selected_layer (p)->crs_code;
  gtk_editable_set_text (GTK_EDITABLE (p->crs), code ? code : "");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->crs));
  label = gtk_check_button_new_with_label (_("The coordinates are GCJ-02 (Chinese web maps)"));
  p->gcj02 = GTK_CHECK_BUTTON (label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->gcj02));
  /* Shapefiles from Chinese offices are often GBK, with or without a .cpg
   * that says so. */
  p->encoding = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) {
    _("Text encoding as the file says"), "UTF-8", "GBK", NULL }));
  gtk_widget_set_name (GTK_WIDGET (p->encoding), "encoding");
  gtk_widget_set_tooltip_text (GTK_WIDGET (p->encoding), _("Encoding of the attributes of a Shapefile"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->encoding));
  /* Which field is what, guessed from the names and changeable. */
  {
    GtkWidget *expander = gtk_expander_new (_("Fields"));
    GtkWidget *grid = gtk_grid_new ();

    gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
    gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
    for (guint f = 0; f < LINLI_OGR_N_FIELDS; f++)
      {
        GtkWidget *name = gtk_label_new (_(field_labels[f]));
        g_autofree char *widget_name = g_strdup_printf ("field-%s", linli_ogr_field_to_string (f));

        gtk_label_set_xalign (GTK_LABEL (name), 0);
        p->fields[f] = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
        gtk_widget_set_name (GTK_WIDGET (p->fields[f]), widget_name);
        gtk_widget_set_hexpand (GTK_WIDGET (p->fields[f]), TRUE);
        gtk_grid_attach (GTK_GRID (grid), name, 0, f, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (p->fields[f]), 1, f, 1, 1);
      }
    gtk_expander_set_child (GTK_EXPANDER (expander), grid);
    gtk_box_append (GTK_BOX (box), expander);
  }
  fill_fields (p);

  adw_message_dialog_add_responses (p->dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (p->dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (p->dialog, "import");
  adw_message_dialog_set_close_response (p->dialog, "cancel");
  update_preview (p);

  if (p->layer != NULL)
    g_signal_connect (p->layer, "notify::selected", G_CALLBACK (on_layer_selected_cb), p);
  g_signal_connect (p->crs, "activate", G_CALLBACK (on_crs_activate_cb), p);
  g_signal_connect (p->gcj02, "toggled", G_CALLBACK (on_gcj02_toggled_cb), p);
  g_signal_connect (p->encoding, "notify::selected", G_CALLBACK (on_choice_changed_cb), p);
  for (guint f = 0; f < LINLI_OGR_N_FIELDS; f++)
    g_signal_connect (p->fields[f], "notify::selected", G_CALLBACK (on_choice_changed_cb), p);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_gis_response_cb), p,
                         (GClosureNotify) (void (*) (void)) pending_gis_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
