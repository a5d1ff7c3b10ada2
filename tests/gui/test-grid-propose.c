/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Propose Grids: the dialog driven through its actions under Xvfb, over a
 * window with a generated district; the proposal runs in its worker
 * thread, is applied as one undo step, and its grids are checked against
 * the rules by the document's assignment. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "linli-generator.h"
#include "linli-grid-propose-dialog.h"
#include "linli-grids.h"
#include "linli-gui-test-utils.h"
#include "linli-window-private.h"

static void
wait_idle (LinliGridProposeDialog *dialog)
{
  for (guint i = 0; i < 6000 && linli_grid_propose_dialog_get_busy (dialog); i++)
    linli_test_wait_ms (10);
  g_assert_false (linli_grid_propose_dialog_get_busy (dialog));
}

static LinliGridProposeDialog *
open_dialog (LinliWindow *window)
{
  GList *before = gtk_window_list_toplevels ();
  GList *after;
  LinliGridProposeDialog *dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "grid.propose", NULL));
  after = gtk_window_list_toplevels ();
  for (GList *l = after; l != NULL; l = l->next)
    if (LINLI_IS_GRID_PROPOSE_DIALOG (l->data) && g_list_find (before, l->data) == NULL)
      dialog = l->data;
  g_list_free (before);
  g_list_free (after);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_propose (void)
{
  LinliGeneratorOptions options;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliDocument) document = NULL;
  LinliWindow *window;
  LinliGridProposeDialog *dialog;
  LinliHistory *history;
  LinliGrids *grids;
  const LinliGridAssignment *a;
  guint n_grids;

  linli_generator_options_init (&options);
  options.seed = 3;
  options.n_buildings = 600;
  project = linli_generate_district (&options);
  document = linli_document_new (project, NULL);
  window = g_object_ref_sink (linli_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  linli_window_set_document (window, document);
  gtk_window_present (GTK_WINDOW (window));
  history = linli_document_get_history (document);
  grids = linli_project_get_grids (project);

  /* An impossible range: the reasons shown, nothing to apply. */
  dialog = open_dialog (window);
  linli_grid_propose_dialog_set_community (dialog, 0);
  linli_grid_propose_dialog_set_range (dialog, 977, 977);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "propose.run", NULL));
  wait_idle (dialog);
  g_test_message ("%s", linli_grid_propose_dialog_get_result (dialog));
  g_assert_false (linli_grid_propose_dialog_get_can_apply (dialog));
  g_assert_nonnull (strstr (linli_grid_propose_dialog_get_result (dialog), "•"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The project's range: grids proposed, applied, all in range and whole. */
  dialog = open_dialog (window);
  linli_grid_propose_dialog_set_community (dialog, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "propose.run", NULL));
  g_assert_true (linli_grid_propose_dialog_get_busy (dialog));
  wait_idle (dialog);
  g_test_message ("%s", linli_grid_propose_dialog_get_result (dialog));
  g_assert_true (linli_grid_propose_dialog_get_can_apply (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "propose.apply", NULL));
  n_grids = linli_grids_get_n_grids (grids);
  g_assert_cmpuint (n_grids, >, 0);
  a = linli_document_get_grid_assignment (document);
  for (guint g = 0; g < n_grids; g++)
    {
      const LinliGridFigures *f = linli_grid_assignment_get_figures (a, g);

      g_assert_cmpuint (linli_grid_get_community (linli_grids_get_grid (grids, g)), ==, 0);
      g_assert_true (f->in_range);
      g_assert_true (f->contiguous);
    }

  /* One undo step takes all of it back. */
  g_assert_true (linli_history_undo (history));
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, 0);
  g_assert_true (linli_history_redo (history));
  g_assert_cmpuint (linli_grids_get_n_grids (grids), ==, n_grids);

  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
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
  g_test_add_func ("/grid-propose/dialog", test_propose);
  return g_test_run ();
}
