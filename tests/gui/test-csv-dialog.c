/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File → Import Building List (CSV): the dialog driven through its API and
 * actions under Xvfb, over a window with the bundled sample. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "linli-gui-test-utils.h"
#include "linli-window-private.h"

typedef struct
{
  char        *dir;
  LinliWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("linli-csv-gui-XXXXXX", &error);
  g_assert_no_error (error);
  f->window = linli_test_sample_window ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  linli_test_close_window (g_steal_pointer (&f->window));
  linli_test_remove_dir (f->dir);
  g_free (f->dir);
}

static GFile *
write_csv (Fixture    *f,
           const char *name,
           const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* A list without coordinates fills in the sample's buildings: the summary
 * follows the choices, import replaces the project with an unsaved copy,
 * and only the filled buildings lose their "estimated" flag. */
static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (LinliProject) before = g_object_ref (linli_window_get_project (f->window));
  g_autoptr (GFile) file = write_csv (f, "list.csv",
                                      "小区,楼栋,户数,常住人口,党员数\n"
                                      "金色家园,1幢,20,50,3\n"
                                      "金色家园,２号楼,21,51,4\n"
                                      "清水里,\"99\n号楼\",5,5,5\n");
  g_autoptr (GError) error = NULL;
  LinliCsvDialog *dialog;
  LinliColumnsDialog *columns;
  LinliProject *after;
  guint n_summary = 0, n_can = 0;

  for (guint i = 0; i < 3; i++)
    linli_project_set_building_flags (before, i, LINLI_BUILDING_ESTIMATED);

  dialog = linli_window_open_csv_dialog (f->window, file, &error);
  g_assert_no_error (error);
  g_assert_true (LINLI_IS_CSV_DIALOG (dialog));
  columns = LINLI_COLUMNS_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_true (linli_csv_dialog_get_project (dialog) == before);
  g_assert_cmpint (linli_csv_dialog_get_mode (dialog), ==, LINLI_CSV_MODE_JOIN);
  g_assert_cmpint (linli_columns_dialog_get_column (columns, LINLI_CSV_FIELD_HOUSEHOLDS), ==, 2);
  g_assert_cmpint (linli_columns_dialog_get_column (columns, LINLI_CSV_FIELD_LAT), ==, -1);
  g_assert_cmpstr (linli_columns_dialog_get_summary (columns), ==,
                   "3 rows: 2 matched, 1 unmatched (line 4); 2498 buildings of the project not in the list");
  g_assert_true (linli_columns_dialog_get_can_import (columns));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dialog)));
  linli_test_screenshot (GTK_WIDGET (dialog), "csv-dialog-join.png");

  /* Without a column to match by, nothing can be imported, and it says why. */
  g_signal_connect (dialog, "notify::summary", G_CALLBACK (count_cb), &n_summary);
  g_signal_connect (dialog, "notify::can-import", G_CALLBACK (count_cb), &n_can);
  linli_columns_dialog_set_column (columns, LINLI_CSV_FIELD_NAME, -1);
  g_assert_cmpint (linli_columns_dialog_get_column (columns, LINLI_CSV_FIELD_NAME), ==, -1);
  g_assert_nonnull (strstr (linli_columns_dialog_get_summary (columns),
                            "choose the column to match buildings by"));
  g_assert_false (linli_columns_dialog_get_can_import (columns));
  g_assert_cmpuint (n_summary, ==, 1);
  g_assert_cmpuint (n_can, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_true (linli_window_get_project (f->window) == before);
  g_assert_nonnull (dialog);

  /* Back again; a new project cannot be made without coordinates. */
  linli_columns_dialog_set_column (columns, LINLI_CSV_FIELD_NAME, 1);
  g_assert_true (linli_columns_dialog_get_can_import (columns));
  g_assert_cmpuint (n_summary, ==, 2);
  linli_csv_dialog_set_mode (dialog, LINLI_CSV_MODE_NEW);
  g_assert_nonnull (strstr (linli_columns_dialog_get_summary (columns), "latitude and longitude"));
  g_assert_false (linli_columns_dialog_get_can_import (columns));
  linli_csv_dialog_set_mode (dialog, LINLI_CSV_MODE_JOIN);
  g_assert_true (linli_columns_dialog_get_can_import (columns));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_null (dialog);
  after = linli_window_get_project (f->window);
  g_assert_true (after != before);
  g_assert_cmpuint (linli_project_get_n_buildings (after), ==, linli_project_get_n_buildings (before));
  g_assert_cmpuint (linli_project_get_building (after, 0)->households, ==, 20);
  g_assert_cmpuint (linli_project_get_building (after, 0)->flags, ==, 0);
  g_assert_cmpuint (linli_project_get_building (after, 1)->residents, ==, 51);
  g_assert_cmpuint (linli_project_get_building (after, 1)->flags, ==, 0);
  g_assert_cmpuint (linli_project_get_building (after, 2)->flags, ==, LINLI_BUILDING_ESTIMATED);
  g_assert_cmpuint (linli_project_get_n_sites (after), ==, linli_project_get_n_sites (before));
  g_assert_null (linli_window_get_file (f->window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));
  /* The one building still estimated is counted in the figures. */
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->buildings_label), "figures of 1 estimated"));
  gtk_window_present (GTK_WINDOW (f->window));
  linli_test_screenshot (GTK_WIDGET (f->window), "csv-window-after-join.png");
}

/* Rows with coordinates make a new project, in the chosen system. */
static void
test_new_project (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GFile) file = write_csv (f, "points.csv",
                                      "名称;户数;纬度;经度\n"
                                      "甲;12;31.2416;121.4958\n"
                                      "乙;30;31.2420;121.4960\n"
                                      "丙;;;\n");
  g_autoptr (GError) error = NULL;
  LinliCsvDialog *dialog = linli_window_open_csv_dialog (f->window, file, &error);
  LinliProject *project;
  double lat, lon;

  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpint (linli_csv_dialog_get_mode (dialog), ==, LINLI_CSV_MODE_NEW);
  /* The list lies in another city than the sample: the summary says so
   * after what it read. */
  g_assert_true (g_str_has_prefix (linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog)),
                                   "3 rows: 2 buildings, 1 without coordinates, skipped (line 4), "
                                   "2 with households or residents estimated. Everything in the file lies"));
  linli_csv_dialog_set_crs (dialog, LINLI_CRS_GCJ02);
  linli_test_screenshot (GTK_WIDGET (dialog), "csv-dialog-new.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_null (dialog);

  project = linli_window_get_project (f->window);
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 2);
  g_assert_cmpstr (linli_project_get_name (project), ==, "points");
  linli_wgs84_from_gcj02 (31.2416, 121.4958, &lat, &lon);
  g_assert_cmpfloat (linli_project_get_building (project, 0)->lat, ==, lat);
  g_assert_cmpuint (linli_coverage_get_district (linli_document_get_coverage (linli_window_get_document (f->window)))->households, ==, 42);
}

/* A file that is no list gives FILE:LINE and leaves the project alone; a
 * window with an empty project offers no join. */
static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  LinliProject *before = linli_window_get_project (f->window);
  g_autoptr (GFile) bad = write_csv (f, "bad.csv", "楼栋,户数\n1幢,\"20\n2幢,3\n");
  g_autoptr (GFile) good = write_csv (f, "good.csv", "楼栋,户数\n1幢,20\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) empty = linli_project_new ();
  g_autofree char *prefix = NULL;
  LinliCsvDialog *dialog;

  g_assert_null (linli_window_open_csv_dialog (f->window, bad, &error));
  prefix = g_strdup_printf ("%s:2: ", g_file_peek_path (bad));
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_true (linli_window_get_project (f->window) == before);

  linli_window_set_project (f->window, empty, NULL);
  dialog = linli_window_open_csv_dialog (f->window, good, &error);
  g_assert_nonnull (dialog);
  linli_csv_dialog_set_mode (dialog, LINLI_CSV_MODE_JOIN);
  g_assert_cmpint (linli_csv_dialog_get_mode (dialog), ==, LINLI_CSV_MODE_NEW);
  g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The action is there, with its shortcut. */
static void
test_action (Fixture       *f,
             gconstpointer  data)
{
  gboolean found = FALSE;
  const GVariantType *param_type;
  const char *name, *property;
  GType owner;

  for (guint i = 0;
       gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (f->window), i, &owner, &name, &param_type, &property);
       i++)
    found |= g_str_equal (name, "win.import-csv");
  g_assert_true (found);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The build's catalogues, so LANGUAGE=zh_CN shows the Chinese dialog. */
  if (g_getenv ("LINLI_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINLI_LOCALEDIR"));
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/csv-dialog/join", test_join);
  ADD ("/csv-dialog/new-project", test_new_project);
  ADD ("/csv-dialog/bad-file", test_bad_file);
  ADD ("/csv-dialog/action", test_action);
#undef ADD
  return g_test_run ();
}
