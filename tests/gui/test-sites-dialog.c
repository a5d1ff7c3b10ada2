/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sites → Import Candidate Sites under Xvfb, over a window with the
 * bundled sample: a site list with a bad row, previewed with the row's
 * problem and the count, imported as one undoable step; a list far from
 * the sample's district is said to be so before anything is added. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "linli-format.h"
#include "linli-gui-test-utils.h"
#include "linli-import-ogr.h"
#include "linli-sites-dialog.h"
#include "linli-window-private.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

typedef struct
{
  char         *dir;
  LinliWindow  *window;
  LinliProject *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("linli-sites-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  f->window = linli_test_sample_window ();
  f->project = linli_window_get_project (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  linli_test_close_window (g_steal_pointer (&f->window));
  linli_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Auxiliary methods */

static char *
saved (LinliProject *project)
{
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A list of three sites beside the sample's first buildings, moved by
 * @shift degrees, and one row without coordinates on line 4. */
static GFile *
write_list (Fixture *f,
            double   shift)
{
  GString *csv = g_string_new ("名称,经度,纬度,类型,费用\n");
  g_autofree char *path = g_build_filename (f->dir, "候选点位.csv", NULL);

  for (guint i = 0; i < 3; i++)
    {
      const LinliBuilding *b = linli_project_get_building (f->project, i);
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (lon, sizeof lon, b->lon + shift);
      g_ascii_dtostr (lat, sizeof lat, b->lat + shift);
      if (i == 2)
        g_string_append (csv, "没有坐标,,,社区,\n");
      g_string_append_printf (csv, "空置用房%u,%s,%s,服务站,%u万元\n", i + 1, lon, lat, i + 1);
    }
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  g_string_free (csv, TRUE);
  return g_file_new_for_path (path);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The preview: the grid whose first cell says "Line". */
static GtkGrid *
find_preview (GtkWidget *dialog)
{
  g_autoptr (GPtrArray) grids = g_ptr_array_new ();

  collect (dialog, GTK_TYPE_GRID, grids);
  for (guint i = 0; i < grids->len; i++)
    {
      GtkWidget *corner = gtk_grid_get_child_at (grids->pdata[i], 0, 0);

      if (GTK_IS_LABEL (corner) && g_str_equal (gtk_label_get_text (GTK_LABEL (corner)), _("Line")))
        return grids->pdata[i];
    }
  g_error ("no preview");
}

static const char *
cell (GtkGrid *grid,
      int      column,
      int      row)
{
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

/* Tests */

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GFile) file = write_list (f, 0.0005);
  g_autoptr (GError) error = NULL;
  LinliHistory *history = linli_document_get_history (linli_window_get_document (f->window));
  guint n_before = linli_project_get_n_sites (f->project);
  g_autofree char *before = saved (f->project);
  g_autofree char *after_undo = NULL;
  LinliSitesDialog *dialog;
  const char *summary;
  GtkGrid *preview;
  int problem_column = LINLI_SITE_N_FIELDS + 1;

  dialog = linli_window_open_sites_dialog (f->window, file, &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_cmpint (linli_sites_dialog_get_column (dialog, LINLI_SITE_FIELD_LON), ==, 1);
  g_assert_cmpint (linli_sites_dialog_get_column (dialog, LINLI_SITE_FIELD_LAT), ==, 2);
  g_assert_cmpint (linli_sites_dialog_get_column (dialog, LINLI_SITE_FIELD_COST), ==, 4);

  summary = linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog));
  g_assert_nonnull (strstr (summary, "3 candidate sites"));
  g_assert_nonnull (strstr (summary, "1 refused"));
  g_assert_null (strstr (summary, " km "));
  g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  /* The refused row, on line 4, says why in the preview. */
  preview = find_preview (GTK_WIDGET (dialog));
  g_assert_cmpstr (cell (preview, 0, 3), ==, "4");
  g_assert_cmpstr (cell (preview, problem_column, 3), ==, "no coordinates");
  g_assert_cmpstr (cell (preview, problem_column, 1), ==, "");
  linli_test_screenshot (GTK_WIDGET (dialog), "sites-dialog.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_null (dialog);
  g_assert_cmpuint (linli_project_get_n_sites (f->project), ==, n_before + 3);
  for (guint i = 0; i < 3; i++)
    {
      LinliSite *site = linli_project_get_site (f->project, n_before + i);
      g_autofree char *name = g_strdup_printf ("空置用房%u", i + 1);

      g_assert_cmpstr (linli_site_get_name (site), ==, name);
      g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_CANDIDATE);
      g_assert_cmpfloat (linli_site_get_cost (site), ==, (i + 1) * 1e4);
    }
  g_assert_true (linli_history_undo (history));
  after_undo = saved (f->project);
  g_assert_cmpstr (after_undo, ==, before);
}

static void
test_far (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr (GFile) file = write_list (f, 3);
  g_autoptr (GError) error = NULL;
  LinliSitesDialog *dialog;
  const char *summary;

  dialog = linli_window_open_sites_dialog (f->window, file, &error);
  g_assert_no_error (error);
  summary = linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog));
  g_assert_nonnull (strstr (summary, "km from the project"));
  linli_test_screenshot (GTK_WIDGET (dialog), "sites-dialog-far.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A GIS layer (here a GeoPackage's buildings, their outlines) gives its
 * features as candidate sites through the same dialog: each at the centre
 * of its feature, inside the layer's extent, one step to undo. */
static void
test_gis_layer (Fixture       *f,
                gconstpointer  data)
{
  const char *src = g_getenv ("LINLI_SOURCE_DIR");
  g_autofree char *path = g_build_filename (src ? src : ".", "tests", "data", "ogr", "two-layers.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  guint n_before = linli_project_get_n_sites (f->project);
  LinliSitesDialog *dialog;

  dialog = linli_window_open_sites_dialog (f->window, file, &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpint (linli_sites_dialog_get_column (dialog, LINLI_SITE_FIELD_LON), >=, 0);
  g_assert_cmpint (linli_sites_dialog_get_column (dialog, LINLI_SITE_FIELD_LAT), >=, 0);
  g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  g_assert_null (strstr (linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog)), " km "));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_null (dialog);
  g_assert_cmpuint (linli_project_get_n_sites (f->project), ==, n_before + 3);
  for (guint i = n_before; i < n_before + 3; i++)
    {
      LinliSite *site = linli_project_get_site (f->project, i);

      /* The layer's extent, as the file says it (EPSG:4326). */
      g_assert_cmpfloat (linli_site_get_lon (site), >, 120.12);
      g_assert_cmpfloat (linli_site_get_lon (site), <, 120.1226);
      g_assert_cmpfloat (linli_site_get_lat (site), >, 30.28);
      g_assert_cmpfloat (linli_site_get_lat (site), <, 30.2813);
      g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_CANDIDATE);
    }
  g_assert_true (linli_history_undo (linli_window_get_history (f->window)));
  g_assert_cmpuint (linli_project_get_n_sites (f->project), ==, n_before);
}

/* A GeoPackage of two point layers, written here: "kindergartens" of
 * two points and "halls" of three, beside the sample's first building. */
static char *
write_two_point_layers (Fixture *f)
{
  const LinliBuilding *first = linli_project_get_building (f->project, 0);
  g_autofree char *path = g_build_filename (f->dir, "points.gpkg", NULL);
  GDALDatasetH ds;

  GDALAllRegister ();
  ds = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  for (guint l = 0; l < 2; l++)
    {
      OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
      OGRLayerH layer;
      OGRFieldDefnH name = OGR_Fld_Create ("name", OFTString);

      OSRImportFromEPSG (wgs84, 4326);
      layer = GDALDatasetCreateLayer (ds, l == 0 ? "kindergartens" : "halls", wgs84, wkbPoint, NULL);
      OSRDestroySpatialReference (wgs84);
      OGR_L_CreateField (layer, name, TRUE);
      OGR_Fld_Destroy (name);
      for (guint i = 0; i < 2 + l; i++)
        {
          OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
          OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);
          g_autofree char *label = g_strdup_printf ("%s %u", l == 0 ? "幼儿园" : "活动室", i + 1);

          OGR_F_SetFieldString (feature, 0, label);
          OGR_G_SetPoint_2D (point, 0, first->lon + 0.001 * i, first->lat + 0.0005 * l);
          OGR_F_SetGeometryDirectly (feature, point);
          g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
          OGR_F_Destroy (feature);
        }
    }
  GDALClose (ds);
  return g_steal_pointer (&path);
}

/* The first widget named @name under @widget, depth first. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
table_rows (LinliSitesDialog *dialog)
{
  return linli_csv_table_get_n_rows (linli_columns_dialog_get_table (LINLI_COLUMNS_DIALOG (dialog)));
}

/* A file of several layers offers them in a chooser with the labels the
 * GIS import shows.  Choosing another reads its table with its columns
 * guessed again; a layer that cannot be a site list (the fixture's
 * streets, lines) says why and leaves the table as it was. */
static void
test_gis_layer_chooser (Fixture       *f,
                        gconstpointer  data)
{
  const char *src = g_getenv ("LINLI_SOURCE_DIR");
  g_autofree char *two = g_build_filename (src ? src : ".", "tests", "data", "ogr", "two-layers.gpkg", NULL);
  g_autofree char *points = write_two_point_layers (f);
  g_autoptr (GError) error = NULL;
  guint n_before = linli_project_get_n_sites (f->project);
  LinliSitesDialog *dialog;
  AdwComboRow *row;
  GListModel *labels;

  /* Lines are refused by name and reason; the buildings stay. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (two);
    g_autoptr (GPtrArray) layers = linli_ogr_list_layers (two, NULL, &error);
    guint streets = G_MAXUINT;

    g_assert_no_error (error);
    for (guint i = 0; i < layers->len; i++)
      if (g_str_equal (((LinliOgrLayerInfo *) layers->pdata[i])->name, "streets"))
        streets = i;
    g_assert_cmpuint (streets, <, 2);
    dialog = linli_window_open_sites_dialog (f->window, file, &error);
    g_assert_no_error (error);
    row = ADW_COMBO_ROW (find_named (GTK_WIDGET (dialog), "layer"));
    g_assert_nonnull (row);
    labels = adw_combo_row_get_model (row);
    g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 2);
    for (guint i = 0; i < layers->len; i++)
      g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (labels), i),
                                       ((LinliOgrLayerInfo *) layers->pdata[i])->name));
    g_assert_cmpuint (table_rows (dialog), ==, 3);
    adw_combo_row_set_selected (row, streets);
    g_assert_nonnull (strstr (linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog)), "streets"));
    g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
    g_assert_cmpuint (table_rows (dialog), ==, 3);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Two point layers: the second's three rows, imported. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (points);

    dialog = linli_window_open_sites_dialog (f->window, file, &error);
    g_assert_no_error (error);
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    row = ADW_COMBO_ROW (find_named (GTK_WIDGET (dialog), "layer"));
    g_assert_nonnull (row);
    g_assert_cmpuint (table_rows (dialog), ==, 2);
    adw_combo_row_set_selected (row, 1);
    g_assert_cmpuint (table_rows (dialog), ==, 3);
    /* As a caller chooses it, the chooser following; and back. */
    g_assert_true (linli_sites_dialog_select_layer (dialog, 0, &error));
    g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
    g_assert_cmpuint (table_rows (dialog), ==, 2);
    adw_combo_row_set_selected (row, 1);
    g_assert_cmpuint (table_rows (dialog), ==, 3);
    g_assert_cmpint (linli_sites_dialog_get_column (dialog, LINLI_SITE_FIELD_LON), >=, 0);
    g_assert_cmpint (linli_sites_dialog_get_column (dialog, LINLI_SITE_FIELD_NAME), >=, 0);
    g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
    linli_test_screenshot (GTK_WIDGET (dialog), "sites-dialog-layer.png");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
    g_assert_null (dialog);
    g_assert_cmpuint (linli_project_get_n_sites (f->project), ==, n_before + 3);
    g_assert_cmpstr (linli_site_get_name (linli_project_get_site (f->project, n_before + 2)), ==, "活动室 3");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LINLI_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINLI_LOCALEDIR"));
  textdomain (GETTEXT_PACKAGE);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sites-dialog/import", test_import);
  ADD ("/sites-dialog/far", test_far);
  ADD ("/sites-dialog/gis-layer", test_gis_layer);
  ADD ("/sites-dialog/gis-layer-chooser", test_gis_layer_chooser);
#undef ADD
  return g_test_run ();
}
