/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File → Import Partner Units and Import Partner Needs under Xvfb, over a
 * window with the bundled sample: a units list whose headers name nothing
 * the guess knows is refused until its columns are chosen, then says what
 * it would add, imports through the dialog's import action as one step to
 * undo, and an unknown category refuses the list until categories may be
 * added; a needs list with its columns guessed from Chinese headers shows
 * in the Partners page's needs table and goes with one undo, and its bad
 * rows are said with their lines and reasons. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "linli-format.h"
#include "linli-partner-panel.h"
#include "linli-gui-test-utils.h"
#include "linli-window-private.h"

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

  f->dir = g_dir_make_tmp ("linli-units-dialog-XXXXXX", &error);
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

/* Columns: 0 单位全称, 1 性质, 2 东经, 3 北纬, 4 服务项目, 5 每月可提供. */
static GFile *
write_units (Fixture    *f,
             const char *category)
{
  g_autofree char *path = g_build_filename (f->dir, "单位.csv", NULL);
  g_autofree char *csv = g_strdup_printf ("单位全称,性质,东经,北纬,服务项目,每月可提供\n"
                                          "测试中学,学校,120.141,30.301,tutoring,12\n"
                                          "测试中学,学校,120.141,30.301,venue,3\n"
                                          "测试医院,医院,120.151,30.311,%s,6\n", category);

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  return g_file_new_for_path (path);
}

static void
choose_columns (LinliPartnerListDialog *dialog)
{
  linli_partner_list_dialog_set_column (dialog, LINLI_PARTNER_CSV_NAME, 0);
  linli_partner_list_dialog_set_column (dialog, LINLI_PARTNER_CSV_TYPE, 1);
  linli_partner_list_dialog_set_column (dialog, LINLI_PARTNER_CSV_LON, 2);
  linli_partner_list_dialog_set_column (dialog, LINLI_PARTNER_CSV_LAT, 3);
  linli_partner_list_dialog_set_column (dialog, LINLI_PARTNER_CSV_CATEGORY, 4);
  linli_partner_list_dialog_set_column (dialog, LINLI_PARTNER_CSV_CAPACITY, 5);
}

/* Tests */

static void
test_map_and_import (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GFile) file = write_units (f, "medical-checks");
  g_autoptr (GError) error = NULL;
  LinliHistory *history = linli_document_get_history (linli_window_get_document (f->window));
  LinliPartners *partners = linli_project_get_partners (f->project);
  guint n_before = linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS);
  gboolean could_undo = linli_history_get_can_undo (history);
  LinliPartnerListDialog *dialog;
  const LinliPartnerUnit *school = NULL;
  g_autofree char *summary = NULL;

  dialog = linli_window_open_partner_list_dialog (f->window, LINLI_PARTNER_LIST_UNITS, file,
                                                  &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* No header the guess knows: no name column, nothing to import. */
  for (guint field = 0; field < LINLI_PARTNER_CSV_N_FIELDS; field++)
    g_assert_cmpint (linli_partner_list_dialog_get_column (dialog, field), ==, -1);
  g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS), ==, n_before);

  choose_columns (dialog);
  summary = g_strdup_printf (_("%u units to add, %u to change"), 2, 0);
  g_assert_cmpstr (linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog)), ==, summary);
  g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  linli_test_screenshot (GTK_WIDGET (dialog), "units-dialog");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  /* Imported: the dialog is gone, the units are there as the file says. */
  g_assert_null (dialog);
  g_assert_cmpuint (linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS), ==, n_before + 2);
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
    if (g_str_equal (linli_partners_get_unit (partners, i)->name, "测试中学"))
      school = linli_partners_get_unit (partners, i);
  g_assert_nonnull (school);
  g_assert_cmpint (school->type, ==, LINLI_PARTNER_UNIT_SCHOOL);
  g_assert_cmpfloat (school->lat, ==, 30.301);
  g_assert_cmpuint (school->n_resources, ==, 2);
  g_assert_cmpstr (school->resources[0].category, ==, "tutoring");
  g_assert_cmpfloat (school->resources[0].capacity, ==, 12);
  /* One step to undo. */
  g_assert_true (linli_history_undo (history));
  g_assert_cmpuint (linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS), ==, n_before);
  g_assert_true (linli_history_get_can_undo (history) == could_undo);
}

/* A category the project does not have refuses the list, with its line;
 * allowed to add categories, the list imports with it.  The name is no
 * built-in category's label in any language (心理疏导 was, under zh_CN). */
static void
test_unknown_category (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GFile) file = write_units (f, "花艺课");
  g_autoptr (GError) error = NULL;
  LinliPartners *partners = linli_project_get_partners (f->project);
  guint n_categories = linli_partners_get_n (partners, LINLI_PARTNER_LIST_CATEGORIES);
  LinliPartnerListDialog *dialog;
  const char *summary;

  dialog = linli_window_open_partner_list_dialog (f->window, LINLI_PARTNER_LIST_UNITS, file,
                                                  &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  choose_columns (dialog);
  summary = linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog));
  g_assert_nonnull (strstr (summary, ":4: "));
  g_assert_nonnull (strstr (summary, "花艺课"));
  g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));

  linli_partner_list_dialog_set_add_categories (dialog, TRUE);
  g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_null (dialog);
  g_assert_cmpuint (linli_partners_get_n (partners, LINLI_PARTNER_LIST_CATEGORIES), ==,
                    n_categories + 1);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *csv)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  return g_file_new_for_path (path);
}

static guint
needs_table_rows (Fixture *f)
{
  return g_list_model_get_n_items (
    G_LIST_MODEL (linli_partner_panel_get_selection (f->window->partner_panel,
                                                     LINLI_PARTNER_TABLE_NEEDS)));
}

/* A needs list under Chinese headers: the columns guessed, three needs to
 * add, imported into the model and the needs table, gone with one undo. */
static void
test_needs_import (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GFile) file = write_file (f, "需求.csv",
                                       "社区,小区,类别,数量,优先级,备注\n"
                                       "庆丰社区,金色家园,tutoring,6,高,周末\n"
                                       "松林社区,,volunteers,10,20,\n"
                                       "银湖社区,,venue,1,,\n");
  g_autoptr (GError) error = NULL;
  LinliPartners *partners = linli_project_get_partners (f->project);
  guint n_before = linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS);
  LinliPartnerListDialog *dialog;
  const LinliPartnerNeed *n;
  g_autofree char *summary = NULL;

  gtk_window_present (GTK_WINDOW (f->window));
  gtk_stack_set_visible_child_name (f->window->side_stack, "partners");
  g_assert_cmpuint (needs_table_rows (f), ==, n_before);
  dialog = linli_window_open_partner_list_dialog (f->window, LINLI_PARTNER_LIST_NEEDS, file,
                                                  &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpint (linli_partner_list_dialog_get_column (dialog,
                                                         LINLI_PARTNER_NEEDS_CSV_COMMUNITY), ==, 0);
  g_assert_cmpint (linli_partner_list_dialog_get_column (dialog,
                                                         LINLI_PARTNER_NEEDS_CSV_COMPOUND), ==, 1);
  g_assert_cmpint (linli_partner_list_dialog_get_column (dialog,
                                                         LINLI_PARTNER_NEEDS_CSV_NOTE), ==, 5);
  g_assert_cmpint (linli_partner_list_dialog_get_column (dialog,
                                                         LINLI_PARTNER_NEEDS_CSV_GRID), ==, -1);
  summary = g_strdup_printf (_("%u needs to add, %u to change"), 3, 0);
  g_assert_cmpstr (linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog)), ==, summary);
  g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  linli_test_screenshot (GTK_WIDGET (dialog), "needs-dialog");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_null (dialog);
  g_assert_cmpuint (linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS), ==, n_before + 3);
  g_assert_cmpuint (needs_table_rows (f), ==, n_before + 3);
  n = linli_partners_get_need (partners, n_before);
  g_assert_cmpint (n->place_kind, ==, LINLI_PARTNER_PLACE_COMPOUND);
  g_assert_cmpstr (n->place, ==, "c1-k1");
  g_assert_cmpstr (n->category, ==, "tutoring");
  g_assert_cmpfloat (n->quantity, ==, 6);
  g_assert_cmpuint (n->priority, ==, 90);
  g_assert_cmpstr (n->note, ==, "周末");
  n = linli_partners_get_need (partners, n_before + 1);
  g_assert_cmpint (n->place_kind, ==, LINLI_PARTNER_PLACE_COMMUNITY);
  g_assert_cmpstr (n->place, ==, "c2");
  g_assert_cmpuint (n->priority, ==, 20);
  /* One step to undo takes all three away, from the table too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpuint (linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS), ==, n_before);
  g_assert_cmpuint (needs_table_rows (f), ==, n_before);
}

/* Bad rows are said with their line and reason, every one of them, and
 * nothing is imported: a place the project does not have and, on the next
 * line, a category it does not have; a row that cannot tell which of two
 * needs of its place and category it changes (the sample's 庆丰社区 has two
 * of counselling); a quantity of 0. */
static void
test_needs_bad_rows (Fixture       *f,
                     gconstpointer  data)
{
  static const struct
  {
    const char *csv;
    const char *where;
    const char *what;
  } files[] = {
    { "社区,类别\n松林社区,venue\n石桥社区,venue\n松林社区,no-such\n", ":3: ", "石桥社区" },
    { "社区,类别\n松林社区,venue\n石桥社区,venue\n松林社区,no-such\n", ":4: ", "no-such" },
    { "社区,类别,数量\n松林社区,venue,1\n庆丰社区,counselling,3\n", ":3: ", "编号" },
    { "社区,类别,数量\n松林社区,venue,0\n", ":2: ", "0" },
  };
  LinliPartners *partners = linli_project_get_partners (f->project);
  guint n_before = linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GFile) file = write_file (f, "坏.csv", files[i].csv);
      g_autoptr (GError) error = NULL;
      LinliPartnerListDialog *dialog;
      const char *summary;

      dialog = linli_window_open_partner_list_dialog (f->window, LINLI_PARTNER_LIST_NEEDS, file,
                                                      &error);
      g_assert_no_error (error);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      summary = linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog));
      if (strstr (summary, files[i].where) == NULL || strstr (summary, files[i].what) == NULL)
        g_error ("file %u: “%s” does not say %s and %s", i, summary, files[i].where,
                 files[i].what);
      g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
      if (i == 0)
        linli_test_screenshot (GTK_WIDGET (dialog), "needs-dialog-refused");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
      g_assert_nonnull (dialog);
      g_assert_cmpuint (linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS), ==, n_before);
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_null (dialog);
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
  ADD ("/units-dialog/map-and-import", test_map_and_import);
  ADD ("/units-dialog/unknown-category", test_unknown_category);
  ADD ("/units-dialog/needs-import", test_needs_import);
  ADD ("/units-dialog/needs-bad-rows", test_needs_bad_rows);
  return g_test_run ();
}
