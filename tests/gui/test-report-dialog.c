/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File → Export Report…: the dialog opened through the window's action
 * over the sample, with the plan's proposal if any, and each format
 * written as its choices say: a PDF of A4 or landscape A3 pages, PNG
 * pages, an Excel workbook, CSV files. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "linli-gui-test-utils.h"
#include "linli-report-dialog.h"
#include "linli-window-private.h"

static LinliReportDialog *
open_dialog (LinliWindow *window)
{
  GList *before = gtk_window_list_toplevels ();
  GList *after;
  LinliReportDialog *dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report", NULL));
  after = gtk_window_list_toplevels ();
  for (GList *l = after; l != NULL; l = l->next)
    if (LINLI_IS_REPORT_DIALOG (l->data) && g_list_find (before, l->data) == NULL)
      dialog = l->data;
  g_list_free (before);
  g_list_free (after);
  g_assert_nonnull (dialog);
  return dialog;
}

static gboolean
starts_with (const char *path,
             const char *magic)
{
  g_autofree char *data = NULL;
  gsize length;

  return g_file_get_contents (path, &data, &length, NULL) && length > strlen (magic) &&
         memcmp (data, magic, strlen (magic)) == 0;
}

static void
test_export (void)
{
  const char *root = g_getenv ("LINLI_SOURCE_DIR");
  g_autofree char *sample = g_build_filename (root != NULL ? root : ".", "data", "sample.linli",
                                              NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = linli_document_new_for_path (sample, &error);
  g_autofree char *dir = g_dir_make_tmp ("linli-report-gui-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "deck.png", NULL);
  g_autofree char *png1 = g_build_filename (dir, "deck-1.png", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "tables.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autofree char *csv_file = g_build_filename (csv, "uncovered-buildings.csv", NULL);
  LinliReportDialog *dialog;
  LinliWindow *window;

  g_assert_no_error (error);
  window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  linli_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  dialog = open_dialog (window);

  linli_report_dialog_set_format (dialog, LINLI_REPORT_FORMAT_PDF);
  g_assert_true (linli_report_dialog_export_to (dialog, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (starts_with (pdf, "%PDF-"));

  linli_report_dialog_set_format (dialog, LINLI_REPORT_FORMAT_PNG);
  linli_report_dialog_set_deck (dialog, TRUE);
  g_assert_true (linli_report_dialog_export_to (dialog, png, &error));
  g_assert_no_error (error);
  g_assert_true (starts_with (png1, "\x89PNG"));

  linli_report_dialog_set_format (dialog, LINLI_REPORT_FORMAT_XLSX);
  g_assert_true (linli_report_dialog_export_to (dialog, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (starts_with (xlsx, "PK"));

  linli_report_dialog_set_format (dialog, LINLI_REPORT_FORMAT_CSV);
  g_assert_true (linli_report_dialog_export_to (dialog, csv, &error));
  g_assert_no_error (error);
  g_assert_true (starts_with (csv_file, "\xEF\xBB\xBF"));

  /* The Export button is there to press. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  linli_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  g_test_add_func ("/report-dialog/export", test_export);
  return g_test_run ();
}
