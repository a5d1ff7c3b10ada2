/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File → Import Organisation List under Xvfb, over a window with the
 * bundled sample: a list whose headers name nothing the guess knows,
 * mapped through the dialog's dropdowns, previewed as the import reads
 * it, imported as one undoable step; a wrong mapping shown with each row's
 * problem, refused, and the project left as it was. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "linli-format.h"
#include "linli-gui-test-utils.h"
#include "linli-org.h"
#include "linli-window-private.h"

typedef struct
{
  char        *dir;
  LinliWindow *window;
  LinliProject *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("linli-org-dialog-XXXXXX", &error);
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

/* The project as it would be saved: equal bytes, equal project. */
static char *
saved (LinliProject *project)
{
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A member household list whose headers the guess does not know, over
 * two buildings of the sample, with a blank row between them. */
static GFile *
write_households (Fixture *f)
{
  const LinliBuilding *a = linli_project_get_building (f->project, 0);
  const LinliBuilding *b = linli_project_get_building (f->project, 1);
  g_autofree char *path = g_build_filename (f->dir, "住户.csv", NULL);
  g_autofree char *csv = g_strdup_printf ("序,住户,位置,门牌信息\n"
                                          "hx-1,测试甲,%s,3-201\n"
                                          "\n"
                                          "hx-2,测试乙,%s,1-1702\n", a->id, b->id);

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
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

/* The dropdown the user sees for the field labelled @title. */
static AdwComboRow *
find_row (LinliOrgDialog *dialog,
          const char     *title)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  AdwComboRow *found = NULL;

  collect (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      {
        g_assert_null (found);
        found = rows->pdata[i];
      }
  g_assert_nonnull (found);
  return found;
}

/* Chooses the column headed @header in @row's dropdown, by its text. */
static void
choose (AdwComboRow *row,
        const char  *header)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), header))
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("no choice “%s”", header);
}

/* The preview: the grid whose first cell says "Line". */
static GtkGrid *
find_preview (LinliOrgDialog *dialog)
{
  g_autoptr (GPtrArray) grids = g_ptr_array_new ();

  collect (GTK_WIDGET (dialog), GTK_TYPE_GRID, grids);
  for (guint i = 0; i < grids->len; i++)
    {
      GtkWidget *corner = gtk_grid_get_child_at (grids->pdata[i], 0, 0);

      if (GTK_IS_LABEL (corner) && g_str_equal (gtk_label_get_text (GTK_LABEL (corner)), _("Line")))
        return grids->pdata[i];
    }
  g_error ("no preview");
}

/* A previewed cell's text, "" where there is none. */
static const char *
cell (GtkGrid *grid,
      int      column,
      int      row)
{
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

/* The preview's column headed @title. */
static int
preview_column (GtkGrid    *grid,
                const char *title)
{
  for (int c = 0; gtk_grid_get_child_at (grid, c, 0) != NULL; c++)
    if (g_str_equal (cell (grid, c, 0), title))
      return c;
  g_error ("no column “%s” in the preview", title);
}

/* Tests */

/* Nothing guessed: the households list is chosen and every column mapped
 * through the dropdowns; the import waits for the required building, the
 * preview shows each row's values from the chosen columns, and the import
 * adds both households as one step to undo. */
static void
test_map_and_import (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GFile) file = write_households (f);
  g_autoptr (GError) error = NULL;
  LinliHistory *history = linli_document_get_history (linli_window_get_document (f->window));
  LinliOrg *org = linli_project_get_org (f->project);
  guint n_before = g_list_model_get_n_items (linli_org_get_households (org));
  g_autofree char *before = saved (f->project);
  LinliOrgDialog *dialog;
  LinliMemberHousehold *household;
  GtkGrid *preview;
  int name_column, room_column, problem_column;

  dialog = linli_window_open_org_dialog (f->window, file, &error);
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));

  choose (find_row (dialog, _("List")), linli_org_list_get_label (LINLI_ORG_LIST_HOUSEHOLDS));
  g_assert_cmpint (linli_org_dialog_get_list (dialog), ==, LINLI_ORG_LIST_HOUSEHOLDS);
  /* The required building has no column yet, and no None to choose. */
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_BUILDINGS), ==, -1);
  g_assert_cmpuint (adw_combo_row_get_selected (find_row (dialog, _("Building"))), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (
                     find_row (dialog, linli_org_field_get_label (LINLI_ORG_LIST_HOUSEHOLDS,
                                                                  LINLI_ORG_FIELD_BUILDINGS)))), 0), ==, "序");
  g_assert_nonnull (strstr (linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog)),
                            "no column is chosen for “Building”"));
  g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_nonnull (dialog);
  g_assert_false (linli_history_get_can_undo (history));

  choose (find_row (dialog, _("Id")), "序");
  choose (find_row (dialog, _("Member’s name")), "住户");
  choose (find_row (dialog, _("Building")), "位置");
  choose (find_row (dialog, _("Unit and room")), "门牌信息");
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_ID), ==, 0);
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_NAME), ==, 1);
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_BUILDINGS), ==, 2);
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_ROOM), ==, 3);
  g_assert_cmpstr (linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog)), ==,
                   "2 entries: 2 to add, 0 to change");
  g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));

  /* The preview: fields as headers, the column each comes from under it,
   * then the file's rows by line (the blank one is not a row), no problem. */
  preview = find_preview (dialog);
  name_column = preview_column (preview, _("Member’s name"));
  room_column = preview_column (preview, _("Unit and room"));
  problem_column = preview_column (preview, _("Problem"));
  g_assert_cmpstr (cell (preview, name_column, 1), ==, "住户");
  g_assert_cmpstr (cell (preview, 0, 2), ==, "2");
  g_assert_cmpstr (cell (preview, name_column, 2), ==, "测试甲");
  g_assert_cmpstr (cell (preview, room_column, 2), ==, "3-201");
  g_assert_cmpstr (cell (preview, 0, 3), ==, "4");
  g_assert_cmpstr (cell (preview, name_column, 3), ==, "测试乙");
  g_assert_null (gtk_grid_get_child_at (preview, 0, 4));
  for (int r = 2; r <= 3; r++)
    g_assert_cmpstr (cell (preview, problem_column, r), ==, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (linli_org_get_households (org)), ==, n_before + 2);
  household = linli_org_find_household (org, "hx-1", NULL);
  g_assert_nonnull (household);
  g_assert_cmpstr (linli_member_household_get_name (household), ==, "测试甲");
  g_assert_cmpstr (linli_member_household_get_room (household), ==, "3-201");
  g_assert_cmpuint (linli_member_household_get_building (household), ==, 0);
  household = linli_org_find_household (org, "hx-2", NULL);
  g_assert_cmpstr (linli_member_household_get_room (household), ==, "1-1702");
  g_assert_cmpuint (linli_member_household_get_building (household), ==, 1);
  g_assert_true (linli_window_is_modified (f->window));

  /* One step: a single undo gives back the project as it was. */
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Import Member Households");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_false (linli_history_get_can_undo (history));
  {
    g_autofree char *after = saved (f->project);
    g_assert_cmpstr (after, ==, before);
  }
}

/* The building taken from the names' column: every row names no
 * building, the preview says so on each row and the summary gives the
 * first with its file and line; the import is refused and the project is
 * what it was, byte for byte. */
static void
test_wrong_mapping (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GFile) file = write_households (f);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = saved (f->project);
  g_autofree char *prefix = NULL;
  g_autofree char *after = NULL;
  LinliHistory *history = linli_document_get_history (linli_window_get_document (f->window));
  LinliOrgDialog *dialog = linli_window_open_org_dialog (f->window, file, &error);
  const char *summary;
  GtkGrid *preview;
  int problem;

  g_assert_no_error (error);
  linli_org_dialog_set_list (dialog, LINLI_ORG_LIST_HOUSEHOLDS);
  choose (find_row (dialog, _("Id")), "序");
  choose (find_row (dialog, _("Building")), "住户");

  summary = linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog));
  prefix = g_strdup_printf ("%s:2: there is no building “测试甲” in the project", g_file_peek_path (file));
  g_assert_true (g_str_has_prefix (summary, prefix));
  g_assert_nonnull (strstr (summary, "(and 1 more row that cannot be read)"));
  g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  preview = find_preview (dialog);
  problem = preview_column (preview, _("Problem"));
  g_assert_cmpstr (cell (preview, problem, 2), ==, "there is no building “测试甲” in the project");
  g_assert_cmpstr (cell (preview, problem, 3), ==, "there is no building “测试乙” in the project");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "csv.import", NULL));
  linli_test_wait_ms (50);
  after = saved (f->project);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (linli_history_get_can_undo (history));
  g_assert_false (linli_window_is_modified (f->window));

  /* Put right, it can be imported; a field set to None shows no values. */
  choose (find_row (dialog, _("Building")), "位置");
  g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  g_assert_cmpstr (cell (find_preview (dialog), problem, 2), ==, "");
  choose (find_row (dialog, _("Member’s name")), "住户");
  choose (find_row (dialog, _("Member’s name")), _("None"));
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_NAME), ==, -1);
  g_assert_cmpstr (cell (find_preview (dialog), preview_column (find_preview (dialog), _("Member’s name")), 2), ==,
                   "");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The list and its columns are guessed from Chinese headers; another
 * list shows its own fields, and coming back guesses again. */
static void
test_guess (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "groups.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  LinliOrgDialog *dialog;

  g_assert_true (g_file_set_contents (path, "编号;所属支部;组长;小区;楼栋\npgx;b1;测试组长;c1-k1;1幢、2幢\n", -1,
                                      NULL));
  dialog = linli_window_open_org_dialog (f->window, file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (linli_org_dialog_get_list (dialog), ==, LINLI_ORG_LIST_GROUPS);
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_LEADER), ==, 2);
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_BUILDINGS), ==, 4);
  choose (find_row (dialog, _("Group leader")), _("None"));
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_LEADER), ==, -1);

  choose (find_row (dialog, _("List")), linli_org_list_get_label (LINLI_ORG_LIST_COMMITTEES));
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_LEADER), ==, -1);
  g_assert_nonnull (find_row (dialog, _("Secretary")));
  g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  linli_org_dialog_set_list (dialog, LINLI_ORG_LIST_GROUPS);
  g_assert_cmpint (linli_org_dialog_get_column (dialog, LINLI_ORG_FIELD_LEADER), ==, 2);
  g_assert_cmpstr (linli_columns_dialog_get_summary (LINLI_COLUMNS_DIALOG (dialog)), ==,
                   "1 entry: 1 to add, 0 to change");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* For looking at the dialog, in any language (LANGUAGE=zh_CN
 * LINLI_TEST_SCREENSHOT_DIR=… when running the test by hand): the list
 * mapped, then mapped wrongly. */
static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GFile) file = write_households (f);
  g_autoptr (GError) error = NULL;
  LinliOrgDialog *dialog = linli_window_open_org_dialog (f->window, file, &error);

  g_assert_no_error (error);
  linli_org_dialog_set_list (dialog, LINLI_ORG_LIST_HOUSEHOLDS);
  linli_org_dialog_set_column (dialog, LINLI_ORG_FIELD_ID, 0);
  linli_org_dialog_set_column (dialog, LINLI_ORG_FIELD_NAME, 1);
  linli_org_dialog_set_column (dialog, LINLI_ORG_FIELD_BUILDINGS, 2);
  linli_org_dialog_set_column (dialog, LINLI_ORG_FIELD_ROOM, 3);
  g_assert_true (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  linli_test_screenshot (GTK_WIDGET (dialog), "org-dialog.png");
  linli_org_dialog_set_column (dialog, LINLI_ORG_FIELD_BUILDINGS, 1);
  g_assert_false (linli_columns_dialog_get_can_import (LINLI_COLUMNS_DIALOG (dialog)));
  linli_test_screenshot (GTK_WIDGET (dialog), "org-dialog-wrong.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The build's catalogues, so LANGUAGE=zh_CN shows the Chinese dialog. */
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
  ADD ("/org-dialog/map-and-import", test_map_and_import);
  ADD ("/org-dialog/wrong-mapping", test_wrong_mapping);
  ADD ("/org-dialog/guess", test_guess);
  ADD ("/org-dialog/screenshot", test_screenshot);
#undef ADD
  return g_test_run ();
}
