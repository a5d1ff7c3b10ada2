/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-grids"

#include "config.h"

#include "linli-grid-propose-dialog.h"

#include <glib/gi18n.h>

#include "linli-grid-propose.h"
#include "linli-grids.h"

/* "Divide this community into grids": the planner picks a community, the
 * range and optionally the number of grids; the proposal runs in a worker
 * thread (the dialog is modal, so the project does not change meanwhile)
 * and is shown with its figures or, when the rules cannot be met, with the
 * reasons; Apply makes it one undoable step. */

struct _LinliGridProposeDialog
{
  AdwWindow          parent_instance;

  GtkWidget         *content_box;
  AdwComboRow       *community_row;
  GtkSpinButton     *min_spin;
  GtkSpinButton     *max_spin;
  GtkSpinButton     *count_spin;
  GtkSpinner        *spinner;
  GtkLabel          *result_label;

  LinliDocument     *document;
  GCancellable      *cancellable;
  LinliGridProposal *proposal;
  guint              proposal_community;
};

G_DEFINE_FINAL_TYPE (LinliGridProposeDialog, linli_grid_propose_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  LinliDocument           *document;
  guint                    community;
  LinliGridProposeOptions  options;
} ProposeJob;

/* Auxiliary methods */

static void
propose_job_free (gpointer data)
{
  ProposeJob *job = data;

  g_clear_object (&job->document);
  g_free (job);
}

static void
update_actions (LinliGridProposeDialog *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "propose.run", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "propose.apply",
                                 !busy && self->proposal != NULL && self->proposal->problems == NULL);
}

static char *
describe (LinliGridProposeDialog *self)
{
  LinliProject *project = linli_document_get_project (self->document);
  const LinliGridProposal *p = self->proposal;
  const LinliCommunity *community = linli_project_get_community (project, self->proposal_community);
  GString *text = g_string_new (NULL);

  if (p->problems != NULL)
    {
      g_string_append_printf (text, _("No grids for %s: the rules cannot be met."), community->name);
      for (guint k = 0; p->problems[k] != NULL; k++)
        g_string_append_printf (text, "\n• %s", p->problems[k]);
      return g_string_free (text, FALSE);
    }
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %u grid from %u units.",
                                             "%s: %u grids from %u units.", p->states->len),
                          community->name, p->states->len, p->n_units);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Boundary between grids: %.0f m; compounds divided between grids: %u."),
                          p->cut_length, p->n_split_compounds);
  g_string_append_c (text, '\n');
  g_string_append (text, p->proven_optimal ? _("Proven the least boundary possible.")
                                           : _("The best division found; not proven the least."));
  if (p->n_locked > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("%u locked grids stay as they are."), p->n_locked);
    }
  if (p->n_compounds_split > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("%u compounds hold more than the maximum and were divided by building."),
                              p->n_compounds_split);
    }
  return g_string_free (text, FALSE);
}

/* Callbacks */

static void
propose_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ProposeJob *job = task_data;
  GError *error = NULL;
  LinliGridProposal *proposal = linli_grid_propose (job->document, job->community, &job->options,
                                                    cancellable, &error);

  if (proposal == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proposal, (GDestroyNotify) linli_grid_proposal_free);
}

static void
on_proposed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LinliGridProposeDialog *self = LINLI_GRID_PROPOSE_DIALOG (source);
  ProposeJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  LinliGridProposal *proposal = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->proposal, linli_grid_proposal_free);
  if (proposal == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->result_label, error->message);
    }
  else
    {
      g_autofree char *text = NULL;

      self->proposal = proposal;
      self->proposal_community = job->community;
      text = describe (self);
      gtk_label_set_text (self->result_label, text);
    }
  update_actions (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LinliGridProposeDialog *self = LINLI_GRID_PROPOSE_DIALOG (widget);
  g_autoptr (GTask) task = NULL;
  ProposeJob *job;
  guint community = adw_combo_row_get_selected (self->community_row);
  guint min = gtk_spin_button_get_value_as_int (self->min_spin);
  guint max = gtk_spin_button_get_value_as_int (self->max_spin);

  if (self->cancellable != NULL || community == GTK_INVALID_LIST_POSITION)
    return;
  if (min > max)
    {
      gtk_label_set_text (self->result_label, _("The fewest households per grid may not exceed the most."));
      return;
    }
  /* What the worker reads is made here, on the main thread. */
  linli_document_get_grid_assignment (self->document);
  linli_document_get_community_boundary (self->document, community, NULL);

  job = g_new0 (ProposeJob, 1);
  job->document = g_object_ref (self->document);
  job->community = community;
  linli_grid_propose_options_init (&job->options);
  job->options.min_households = min;
  job->options.max_households = max;
  job->options.n_grids = gtk_spin_button_get_value_as_int (self->count_spin);

  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->proposal, linli_grid_proposal_free);
  gtk_label_set_text (self->result_label, _("Dividing…"));
  gtk_spinner_start (self->spinner);
  update_actions (self);

  task = g_task_new (self, self->cancellable, on_proposed_cb, NULL);
  g_task_set_source_tag (task, run_action);
  g_task_set_task_data (task, job, propose_job_free);
  g_task_run_in_thread (task, propose_thread);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LinliGridProposeDialog *self = LINLI_GRID_PROPOSE_DIALOG (widget);

  if (self->proposal == NULL || self->proposal->problems != NULL)
    return;
  linli_grid_proposal_apply (self->proposal, self->document, self->proposal_community);
  g_clear_pointer (&self->proposal, linli_grid_proposal_free);
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject overrides */

static void
linli_grid_propose_dialog_dispose (GObject *object)
{
  LinliGridProposeDialog *self = LINLI_GRID_PROPOSE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_GRID_PROPOSE_DIALOG);
  G_OBJECT_CLASS (linli_grid_propose_dialog_parent_class)->dispose (object);
}

static void
linli_grid_propose_dialog_finalize (GObject *object)
{
  LinliGridProposeDialog *self = LINLI_GRID_PROPOSE_DIALOG (object);

  g_clear_pointer (&self->proposal, linli_grid_proposal_free);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (linli_grid_propose_dialog_parent_class)->finalize (object);
}

static void
linli_grid_propose_dialog_class_init (LinliGridProposeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_grid_propose_dialog_dispose;
  object_class->finalize = linli_grid_propose_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-grid-propose-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliGridProposeDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, LinliGridProposeDialog, community_row);
  gtk_widget_class_bind_template_child (widget_class, LinliGridProposeDialog, min_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliGridProposeDialog, max_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliGridProposeDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliGridProposeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LinliGridProposeDialog, result_label);
  gtk_widget_class_install_action (widget_class, "propose.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "propose.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
linli_grid_propose_dialog_init (LinliGridProposeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * linli_grid_propose_dialog_new:
 *
 * Returns: (transfer full): a dialog proposing grids for one of the
 *   document's communities
 */
LinliGridProposeDialog *
linli_grid_propose_dialog_new (LinliDocument *document)
{
  LinliGridProposeDialog *self = g_object_new (LINLI_TYPE_GRID_PROPOSE_DIALOG, NULL);
  LinliProject *project = linli_document_get_project (document);
  LinliGrids *grids = linli_project_get_grids (project);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  self->document = g_object_ref (document);
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    {
      const LinliCommunity *community = linli_project_get_community (project, c);

      gtk_string_list_append (names, community->name != NULL && community->name[0] ? community->name
                                                                                     : community->id);
    }
  adw_combo_row_set_model (self->community_row, G_LIST_MODEL (names));
  gtk_spin_button_set_value (self->min_spin, linli_grids_get_min_households (grids));
  gtk_spin_button_set_value (self->max_spin, linli_grids_get_max_households (grids));
  update_actions (self);
  return self;
}

void
linli_grid_propose_dialog_set_community (LinliGridProposeDialog *self,
                                         guint                   community)
{
  g_return_if_fail (LINLI_IS_GRID_PROPOSE_DIALOG (self));
  adw_combo_row_set_selected (self->community_row, community);
}

void
linli_grid_propose_dialog_set_range (LinliGridProposeDialog *self,
                                     guint                   min,
                                     guint                   max)
{
  g_return_if_fail (LINLI_IS_GRID_PROPOSE_DIALOG (self));
  gtk_spin_button_set_value (self->min_spin, min);
  gtk_spin_button_set_value (self->max_spin, max);
}

/**
 * linli_grid_propose_dialog_get_busy:
 *
 * Returns: whether a proposal is being worked out
 */
gboolean
linli_grid_propose_dialog_get_busy (LinliGridProposeDialog *self)
{
  g_return_val_if_fail (LINLI_IS_GRID_PROPOSE_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * linli_grid_propose_dialog_get_result:
 *
 * Returns: (transfer none): the text the dialog shows about its result
 */
const char *
linli_grid_propose_dialog_get_result (LinliGridProposeDialog *self)
{
  g_return_val_if_fail (LINLI_IS_GRID_PROPOSE_DIALOG (self), NULL);
  return gtk_label_get_text (self->result_label);
}

gboolean
linli_grid_propose_dialog_get_can_apply (LinliGridProposeDialog *self)
{
  g_return_val_if_fail (LINLI_IS_GRID_PROPOSE_DIALOG (self), FALSE);
  return self->cancellable == NULL && self->proposal != NULL && self->proposal->problems == NULL;
}
