/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-panel"

#include "config.h"

#include "linli-plan-panel.h"
#include "linli-project-edits.h"

#include <glib/gi18n-lib.h>

#include "linli-coverage.h"
#include "linli-figures.h"
#include "linli-plan-io.h"
#include "linli-plan-project.h"
#include "linli-scenario-edits.h"

/* The planning panel: pick the question, run the solver in a worker
 * thread with progress and cancel, read the proposal and its proven bound,
 * and accept some or all proposed sites as planned, in one undoable step. */
struct _LinliPlanPanel
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkDropDown     *problem_dropdown;
  GtkSpinButton   *k_spin;
  GtkWidget       *k_label;
  GtkSpinButton   *target_spin;
  GtkWidget       *target_label;
  GtkCheckButton  *budget_check;
  GtkSpinButton   *budget_spin;
  GtkCheckButton  *capacitated_check;
  GtkDropDown     *service_dropdown;
  GtkLabel        *services_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *summary_label;
  GtkListBox      *proposal_list;
  /* Bound by name only: their actions set their sensitivity. */
  GtkWidget       *run_button;
  GtkWidget       *cancel_button;
  GtkWidget       *accept_button;

  LinliDocument   *document;
  LinliProject    *project;             /* the document's, for short */
  LinliHistory    *history;             /* the document's, for short */
  GCancellable    *cancellable;
  GTask           *task;                /* of the run going on, owned by GIO until it ends */
  guint            progress_source;
  double           before_share;
  guint            changes;             /* of the project, counted since the panel got it */
  guint            run_changes;         /* the count when the run shown started */
  gboolean         accepting;           /* inside linli_plan_panel_accept() */
  gboolean         accepted_shown;      /* the summary says a plan was accepted */
  char            *summary;             /* the result's text, without the out-of-date line */
  gboolean         capacitated_shown;   /* the result shown respected capacities */
  gboolean         services_stale;      /* coverage changed while the panel was not shown */

  LinliPlanResult *result;
  GPtrArray       *site_ids;            /* of the run: candidate index → site id */
  GPtrArray       *proposal_ids;        /* new sites of the result, in selection order */
  GArray          *proposal_adds;       /* households each adds */
  GPtrArray       *checks;              /* GtkCheckButton per proposal row */
};

G_DEFINE_FINAL_TYPE (LinliPlanPanel, linli_plan_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_PROPOSAL_CHANGED,
  SIGNAL_FINISHED,
  SIGNAL_SHOW_SITE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* The six services, in LinliServices order, as the plan panel names them. */
static const char *const service_labels[LINLI_N_SERVICES] = {
  N_("Childcare"), N_("Elderly care"), N_("Health care"), N_("Food"), N_("Leisure"), N_("Public affairs"),
};

typedef struct
{
  LinliPlanInstance *instance;
  LinliPlanOptions   options;
  int               *progress;   /* per mille, written by the worker, read by a timeout */
} Job;

static void
job_free (Job *job)
{
  linli_plan_instance_unref (job->instance);
  g_free (job->progress);
  g_free (job);
}

/* Auxiliary methods */

static gboolean
any_proposal_checked (LinliPlanPanel *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      return TRUE;
  return FALSE;
}

/* The one place that says which of the panel's actions can run now. */
static void
update_actions (LinliPlanPanel *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.run", self->document != NULL && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.accept", !running && any_proposal_checked (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.save-scenario",
                                 !running && any_proposal_checked (self));
}

static void
update_inputs (LinliPlanPanel *self)
{
  LinliPlanProblem problem = gtk_drop_down_get_selected (self->problem_dropdown);
  gboolean lscp = problem == LINLI_PLAN_LSCP;

  gtk_widget_set_sensitive (GTK_WIDGET (self->k_spin), !lscp);
  gtk_widget_set_sensitive (self->k_label, !lscp);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_spin), lscp);
  gtk_widget_set_sensitive (self->target_label, lscp);
  gtk_widget_set_sensitive (GTK_WIDGET (self->capacitated_check), problem == LINLI_PLAN_MCLP);
}

static void
clear_result (LinliPlanPanel *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->result, linli_plan_result_free);
  g_clear_pointer (&self->summary, g_free);
  g_ptr_array_set_size (self->proposal_ids, 0);
  g_array_set_size (self->proposal_adds, 0);
  g_ptr_array_set_size (self->checks, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->proposal_list))))
    gtk_list_box_remove (self->proposal_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->proposal_list), FALSE);
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_PROPOSAL_CHANGED], 0);
}

/* The summary: the result's text, after a line saying it is out of date
 * when the project changed since the run started. */
static void
show_summary (LinliPlanPanel *self)
{
  g_autofree char *text = NULL;

  if (self->summary == NULL)
    return;
  if (self->changes != self->run_changes)
    text = g_strconcat (_("Out of date: the walk, the reach rules or the sites changed since this plan was "
                          "made. Propose again to plan for them."), "\n", self->summary, NULL);
  gtk_label_set_text (self->summary_label, text != NULL ? text : self->summary);
}

/* Households within reach of each service, from the document's coverage. */
static void
update_services (LinliPlanPanel *self)
{
  const LinliCoverage *coverage;
  g_autoptr (GString) text = NULL;
  guint64 households;

  if (self->document == NULL)
    {
      gtk_label_set_text (self->services_label, "");
      return;
    }
  coverage = linli_document_get_coverage (self->document);
  households = linli_coverage_get_district (coverage)->households;
  text = g_string_new (_("Households within reach of a site offering:"));
  for (guint k = 0; k < LINLI_N_SERVICES; k++)
    {
      guint64 n = linli_coverage_service_households (coverage, 1u << k);

      g_autofree char *count = linli_format_count (n);

      /* Translators: a service, the households within reach of a site offering it, their share */
      g_string_append_printf (text, _("\n%s: %s households (%.1f %%)"), _(service_labels[k]), count,
                              100 * linli_coverage_totals_share (n, households));
    }
  gtk_label_set_text (self->services_label, text->str);
}

/* Why a capacitated plan can cover fewer households than today: the sites
 * whose reach holds more households than they can serve. */
static void
append_capacity (LinliPlanPanel *self,
                 GString        *text)
{
  g_autofree LinliPlanOverCapacity *over = NULL;
  guint n_over = 0;
  guint64 total = 0;

  over = linli_plan_project_over_capacity (self->project, linli_document_get_coverage (self->document), &n_over);
  if (n_over == 0)
    return;
  for (guint i = 0; i < n_over; i++)
    total += over[i].over;
  {
    g_autofree char *count = linli_format_count (total);

    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "With capacities, a site counts only the households it can serve, "
                                               "so a plan can cover fewer than today's count: %s households are "
                                               "beyond the capacity of %u site.\n",
                                               "With capacities, a site counts only the households it can serve, "
                                               "so a plan can cover fewer than today's count: %s households are "
                                               "beyond the capacity of %u sites.\n", n_over),
                            count, n_over);
  }
  for (guint i = 0; i < n_over; i++)
    {
      g_autofree char *in_reach = linli_format_count (over[i].in_reach);
      g_autofree char *beyond = linli_format_count (over[i].over);

      /* Translators: a site over capacity: name, households within reach, capacity, households over */
      g_string_append_printf (text, _("• %s: %s within reach, capacity %u, %s over\n"),
                              linli_site_get_name (linli_project_get_site (self->project, over[i].site)),
                              in_reach, over[i].capacity, beyond);
    }
}

static const char *
problem_label (LinliPlanProblem problem)
{
  switch (problem)
    {
    case LINLI_PLAN_MCLP: return _("Most households within reach of k new sites");
    case LINLI_PLAN_LSCP: return _("Fewest new sites to reach a target share");
    case LINLI_PLAN_PMEDIAN: return _("Shortest mean walk with k new sites");
    case LINLI_PLAN_N_PROBLEMS:
    default: return "";
    }
}

static void
show_result (LinliPlanPanel *self)
{
  const LinliPlanResult *r = self->result;
  g_autofree char *bound = linli_plan_describe_bound (r);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint c = 0; c < r->n_chosen; c++)
    {
      guint j = r->chosen[c];
      LinliSite *site;
      GtkWidget *row, *check, *name, *box;
      g_autofree char *label = NULL;

      if (j >= self->site_ids->len)
        continue;
      site = linli_project_find_site (self->project, g_ptr_array_index (self->site_ids, j), NULL);
      if (site == NULL || linli_site_get_status (site) != LINLI_SITE_STATUS_CANDIDATE)
        continue;
      g_ptr_array_add (self->proposal_ids, g_strdup (linli_site_get_id (site)));
      g_array_append_val (self->proposal_adds, r->added_weight[c]);
      /* Translators: a proposed site and the households it adds */
      label = g_strdup_printf (_("%s — +%.0f households"), linli_site_get_name (site), r->added_weight[c]);
      /* The check decides whether the site is accepted; the rest of the
       * row shows the site on the map, so looking does not uncheck it. */
      check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      name = gtk_label_new (label);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_set_hexpand (name, TRUE);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), name);
      row = gtk_list_box_row_new ();
      gtk_widget_set_tooltip_text (row, _("Show this site on the map"));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->proposal_list, row);
      g_ptr_array_add (self->checks, check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->proposal_list), self->proposal_ids->len > 0);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %u new site proposed.\n",
                                             "%s: %u new sites proposed.\n", self->proposal_ids->len),
                          problem_label (r->problem), self->proposal_ids->len);
  if (r->problem == LINLI_PLAN_PMEDIAN)
    g_string_append_printf (text, _("Mean walk with the plan: %.0f m.\n"), r->mean_distance);
  g_string_append_printf (text, _("Households within reach: %.1f %% now → %.1f %% with the plan.\n"),
                          100 * self->before_share, 100 * r->covered_share);
  if (r->problem == LINLI_PLAN_LSCP && !r->target_reached)
    g_string_append_printf (text, _("The target cannot be reached with the candidate sites there are: "
                                    "%u buildings are out of every candidate's reach.\n"), r->n_unreachable);
  if (r->problem == LINLI_PLAN_MCLP && self->capacitated_shown)
    append_capacity (self, text);
  g_string_append_printf (text, _("%s (%.1f s)"), bound, r->elapsed);
  g_free (self->summary);
  self->summary = g_strdup (text->str);
  show_summary (self);
  g_signal_emit (self, signals[SIGNAL_PROPOSAL_CHANGED], 0);
}

/* Callbacks */

static void
on_proposal_list_row_activated_cb (LinliPlanPanel *self,
                                   GtkListBoxRow  *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->proposal_ids->len)
    g_signal_emit (self, signals[SIGNAL_SHOW_SITE], 0, g_ptr_array_index (self->proposal_ids, index));
}

static void
worker_progress_cb (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  int *progress = user_data;

  g_atomic_int_set (progress, (int) CLAMP (fraction * 1000, 0, 1000));
}

static void
solve_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  LinliPlanResult *result = linli_plan_solve (job->instance, &job->options, cancellable,
                                              worker_progress_cb, job->progress, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) linli_plan_result_free);
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  LinliPlanPanel *self = user_data;
  Job *job = self->task != NULL ? g_task_get_task_data (self->task) : NULL;

  if (job != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (job->progress) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
solve_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  LinliPlanPanel *self = LINLI_PLAN_PANEL (source);
  g_autoptr (GError) error = NULL;
  LinliPlanResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  /* A run the panel let go of, in dispose: its widgets are gone. */
  if (G_TASK (res) != self->task)
    {
      g_clear_pointer (&result, linli_plan_result_free);
      return;
    }
  self->task = NULL;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->summary_label, _("Cancelled."));
      else
        gtk_label_set_text (self->summary_label, error->message);
    }
  else
    {
      self->result = result;
      show_result (self);
    }
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static void
on_problem_changed_cb (LinliPlanPanel *self)
{
  update_inputs (self);
}

/* A plan made before the project changed says so; a message that a plan
 * was accepted goes once anything changes after it (an undo above all). */
static void
on_project_changed_cb (LinliPlanPanel *self)
{
  self->changes++;
  if (self->accepting)
    return;
  if (self->accepted_shown)
    {
      self->accepted_shown = FALSE;
      gtk_label_set_text (self->summary_label, "");
    }
  show_summary (self);
}

/* Counting households per service takes a pass over the sites: not on
 * every step of a drag while the panel is hidden, only when it shows. */
static void
on_coverage_changed_cb (LinliPlanPanel *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_services (self);
  else
    self->services_stale = TRUE;
}

static void
on_map_cb (LinliPlanPanel *self)
{
  if (self->services_stale)
    update_services (self);
  self->services_stale = FALSE;
}

/* Actions */

static void
run_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  linli_plan_panel_run (LINLI_PLAN_PANEL (widget));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  linli_plan_panel_cancel (LINLI_PLAN_PANEL (widget));
}

static void
accept_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  linli_plan_panel_accept (LINLI_PLAN_PANEL (widget));
}

static void
save_scenario_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  linli_plan_panel_save_as_scenario (LINLI_PLAN_PANEL (widget));
}

/* GObject overrides */

static void
linli_plan_panel_dispose (GObject *object)
{
  LinliPlanPanel *self = LINLI_PLAN_PANEL (object);
  GtkWidget *child;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  self->task = NULL;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_PLAN_PANEL);
  /* The box that holds the scroller and the buttons has no id. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (linli_plan_panel_parent_class)->dispose (object);
}

static void
linli_plan_panel_finalize (GObject *object)
{
  LinliPlanPanel *self = LINLI_PLAN_PANEL (object);

  g_clear_pointer (&self->result, linli_plan_result_free);
  g_clear_pointer (&self->site_ids, g_ptr_array_unref);
  g_clear_pointer (&self->proposal_ids, g_ptr_array_unref);
  g_clear_pointer (&self->proposal_adds, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);
  G_OBJECT_CLASS (linli_plan_panel_parent_class)->finalize (object);
}

static void
linli_plan_panel_class_init (LinliPlanPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_plan_panel_dispose;
  object_class->finalize = linli_plan_panel_finalize;

  /**
   * LinliPlanPanel::proposal-changed:
   *
   * The proposed sites changed (new result, accepted or cleared).
   */
  signals[SIGNAL_PROPOSAL_CHANGED] = g_signal_new ("proposal-changed", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LinliPlanPanel::finished:
   *
   * A run ended: with a result, an error or cancelled.
   */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LinliPlanPanel::show-site:
   * @id: the proposed site's id
   *
   * The planner chose a proposed site's row: the map should show it.
   */
  signals[SIGNAL_SHOW_SITE] = g_signal_new ("show-site", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-plan-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, problem_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, k_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, k_label);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, target_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, target_label);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, budget_check);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, budget_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, capacitated_check);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, services_label);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, proposal_list);
  gtk_widget_class_bind_template_callback (widget_class, on_proposal_list_row_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, run_button);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LinliPlanPanel, accept_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* The panel's own actions, so that its buttons work in any parent. */
  gtk_widget_class_install_action (widget_class, "plan.run", NULL, run_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.accept", NULL, accept_action_cb);
  gtk_widget_class_install_action (widget_class, "plan.save-scenario", NULL, save_scenario_action_cb);
}

static void
linli_plan_panel_init (LinliPlanPanel *self)
{
  GtkStringList *problems = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->proposal_ids = g_ptr_array_new_with_free_func (g_free);
  self->proposal_adds = g_array_new (FALSE, FALSE, sizeof (double));
  self->checks = g_ptr_array_new ();
  for (guint p = 0; p < LINLI_PLAN_N_PROBLEMS; p++)
    gtk_string_list_append (problems, problem_label (p));
  gtk_drop_down_set_model (self->problem_dropdown, G_LIST_MODEL (problems));
  g_object_unref (problems);
  {
    g_autoptr (GtkStringList) services = gtk_string_list_new (NULL);

    gtk_string_list_append (services, _("Any"));
    for (guint k = 0; k < LINLI_N_SERVICES; k++)
      gtk_string_list_append (services, _(service_labels[k]));
    gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (services));
  }
  g_signal_connect_object (self->problem_dropdown, "notify::selected", G_CALLBACK (on_problem_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  update_inputs (self);
  update_actions (self);
}

/* Public API */

LinliPlanPanel *
linli_plan_panel_new (void)
{
  return g_object_new (LINLI_TYPE_PLAN_PANEL, NULL);
}

/**
 * linli_plan_panel_set_document:
 * @document: (nullable): the document to plan for
 *
 * Plans for @document's project from its current coverage and walks;
 * accepted plans become edits in its history.
 */
void
linli_plan_panel_set_document (LinliPlanPanel *self,
                               LinliDocument  *document)
{
  g_return_if_fail (LINLI_IS_PLAN_PANEL (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  linli_plan_panel_cancel (self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  if (document != NULL)
    {
      self->project = g_object_ref (linli_document_get_project (document));
      self->history = g_object_ref (linli_document_get_history (document));
      g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "coverage-changed", G_CALLBACK (on_coverage_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  self->accepted_shown = FALSE;
  gtk_label_set_text (self->summary_label, "");
  clear_result (self);
  update_services (self);
}

void
linli_plan_panel_set_problem (LinliPlanPanel   *self,
                              LinliPlanProblem  problem)
{
  gtk_drop_down_set_selected (self->problem_dropdown, problem);
}

void
linli_plan_panel_set_k (LinliPlanPanel *self,
                        guint           k)
{
  gtk_spin_button_set_value (self->k_spin, k);
}

/**
 * linli_plan_panel_run:
 *
 * Starts the solver on the project as it is now, in a worker thread.
 */
void
linli_plan_panel_run (LinliPlanPanel *self)
{
  g_autoptr (GTask) task = NULL;
  const LinliCoverage *coverage;
  Job *job;
  double radius;
  guint service;

  g_return_if_fail (LINLI_IS_PLAN_PANEL (self));

  if (self->project == NULL || self->cancellable != NULL)
    return;
  clear_result (self);

  /* The instance is a snapshot taken here: edits during the run do not
   * reach the worker. */
  radius = linli_project_get_coverage_radius (self->project);
  coverage = linli_document_get_coverage (self->document);
  self->before_share = linli_coverage_totals_share (linli_coverage_get_district (coverage)->households_covered,
                                                    linli_coverage_get_district (coverage)->households);
  g_clear_pointer (&self->site_ids, g_ptr_array_unref);
  self->site_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint s = 0; s < linli_project_get_n_sites (self->project); s++)
    g_ptr_array_add (self->site_ids, g_strdup (linli_site_get_id (linli_project_get_site (self->project, s))));

  job = g_new0 (Job, 1);
  linli_plan_options_init (&job->options);
  job->options.problem = gtk_drop_down_get_selected (self->problem_dropdown);
  service = gtk_drop_down_get_selected (self->service_dropdown);
  service = service > 0 && service <= LINLI_N_SERVICES ? 1u << (service - 1) : 0;
  /* Covering measures each site against its own tier's reach; the mean walk
   * of p-median stays in metres. */
  job->instance = linli_plan_instance_new_from_project_full (self->project, linli_document_get_walk (self->document),
                                                             3 * radius, job->options.problem != LINLI_PLAN_PMEDIAN,
                                                             service);
  self->accepted_shown = FALSE;
  if (linli_plan_instance_count_openable (job->instance) == 0)
    {
      g_autofree char *text = NULL;

      /* With nothing to choose from, any "plan" is today's sites: ask for
       * candidates rather than call that optimal. */
      if (service != 0)
        text = g_strdup_printf (_("No candidate site offers “%s”: add candidate sites offering it, or allow "
                                  "some, before proposing a plan."),
                                _(service_labels[gtk_drop_down_get_selected (self->service_dropdown) - 1]));
      else
        text = g_strdup (_("There are no candidate sites to choose from: add candidate sites, or allow some, "
                           "before proposing a plan."));
      gtk_label_set_text (self->summary_label, text);
      job_free (job);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
      return;
    }
  self->run_changes = self->changes;
  self->capacitated_shown = gtk_check_button_get_active (self->capacitated_check) &&
                            job->options.problem == LINLI_PLAN_MCLP;
  job->options.k = gtk_spin_button_get_value_as_int (self->k_spin);
  job->options.target_share = gtk_spin_button_get_value (self->target_spin) / 100.0;
  /* The solver takes a negative budget for none. */
  job->options.budget = gtk_check_button_get_active (self->budget_check)
                         ? gtk_spin_button_get_value (self->budget_spin)
                         : -1;
  job->options.capacitated = gtk_check_button_get_active (self->capacitated_check);
  job->options.use_costs = FALSE;   /* the panel asks for the fewest sites */
  job->options.radius = radius;
  job->options.gap_tolerance = 1e-6;
  job->options.time_limit = 30;
  job->progress = g_new0 (int, 1);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, solve_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->task = task;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_label_set_text (self->summary_label, _("Searching…"));
  self->progress_source = g_timeout_add (100, progress_tick_cb, self);
  g_task_run_in_thread (task, solve_thread);
  update_actions (self);
}

void
linli_plan_panel_cancel (LinliPlanPanel *self)
{
  g_return_if_fail (LINLI_IS_PLAN_PANEL (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
linli_plan_panel_get_running (LinliPlanPanel *self)
{
  return self->cancellable != NULL;
}

const LinliPlanResult *
linli_plan_panel_get_result (LinliPlanPanel *self)
{
  return self->result;
}

/**
 * linli_plan_panel_get_summary:
 *
 * Returns: the text the panel shows about its last run or acceptance
 */
const char *
linli_plan_panel_get_summary (LinliPlanPanel *self)
{
  g_return_val_if_fail (LINLI_IS_PLAN_PANEL (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

/**
 * linli_plan_panel_set_service:
 * @service: a #LinliServices flag, or 0 for any site
 *
 * Chooses the service the next run plans for.
 */
void
linli_plan_panel_set_service (LinliPlanPanel *self,
                              guint           service)
{
  guint choice = 0;

  g_return_if_fail (LINLI_IS_PLAN_PANEL (self));
  while (service != 0 && choice < LINLI_N_SERVICES && (1u << choice) != service)
    choice++;
  gtk_drop_down_set_selected (self->service_dropdown, service == 0 ? 0 : choice + 1);
}

void
linli_plan_panel_set_capacitated (LinliPlanPanel *self,
                                  gboolean        capacitated)
{
  g_return_if_fail (LINLI_IS_PLAN_PANEL (self));
  gtk_check_button_set_active (self->capacitated_check, capacitated);
}

/**
 * linli_plan_panel_get_proposal:
 * @ids: (out): ids of the proposed new sites
 * @adds: (out): households each adds
 *
 * Returns: the number of proposed new sites
 */
guint
linli_plan_panel_get_proposal (LinliPlanPanel  *self,
                               const char    ***ids,
                               const double   **adds)
{
  *ids = (const char **) self->proposal_ids->pdata;
  *adds = (const double *) self->proposal_adds->data;
  return self->proposal_ids->len;
}

/**
 * linli_plan_panel_accept:
 *
 * Makes every checked proposed site a planned site, as one undoable step.
 *
 * Returns: the number of sites accepted
 */
guint
linli_plan_panel_accept (LinliPlanPanel *self)
{
  guint accepted = 0;

  g_return_val_if_fail (LINLI_IS_PLAN_PANEL (self), 0);

  if (self->history == NULL || self->proposal_ids->len == 0)
    return 0;
  self->accepting = TRUE;
  linli_history_begin_group (self->history, _("Accept Plan"));
  for (guint i = 0; i < self->proposal_ids->len; i++)
    {
      LinliSite *site = linli_project_find_site (self->project, g_ptr_array_index (self->proposal_ids, i), NULL);
      g_autoptr (LinliSiteState) state = NULL;

      if (site == NULL || !gtk_check_button_get_active (g_ptr_array_index (self->checks, i)) ||
          linli_site_get_status (site) != LINLI_SITE_STATUS_CANDIDATE)
        continue;
      state = linli_site_dup_state (site);
      state->status = LINLI_SITE_STATUS_PLANNED;
      linli_project_edits_change_site (self->history, _("Accept Plan"), site, state);
      accepted++;
    }
  linli_history_end_group (self->history);
  self->accepting = FALSE;
  if (accepted > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u site is now planned.",
                                                            "%u sites are now planned.", accepted), accepted);
      clear_result (self);
      gtk_label_set_text (self->summary_label, text);
      self->accepted_shown = TRUE;
    }
  return accepted;
}

/**
 * linli_plan_panel_save_as_scenario:
 *
 * Keeps the plan as a scenario instead of accepting it: a new scenario
 * with the project's sites and every checked proposed site planned, made
 * active, in one undoable step.  The scenario before it keeps its sites, so
 * the plan no longer vanishes at the next change.
 *
 * Returns: (transfer none) (nullable): the scenario, or %NULL when no
 *   proposed site is checked
 */
LinliScenario *
linli_plan_panel_save_as_scenario (LinliPlanPanel *self)
{
  LinliScenarios *scenarios;
  LinliScenario *scenario;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GPtrArray) sites = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LINLI_IS_PLAN_PANEL (self), NULL);

  if (self->history == NULL)
    return NULL;
  for (guint i = 0; i < self->proposal_ids->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (ids, g_ptr_array_index (self->proposal_ids, i));
  if (ids->len == 0)
    return NULL;

  scenarios = linli_project_get_scenarios (self->project);
  sites = linli_scenario_project_dup_sites_planned (self->project, (const char *const *) ids->pdata, ids->len);
  /* TRANSLATORS: the name of a scenario made from a plan; %u is how many
   * stations it adds */
  stem = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Plan: %u New Station", "Plan: %u New Stations",
                                       ids->len), ids->len);
  name = linli_scenarios_new_name (scenarios, stem);
  linli_history_begin_group (self->history, _("Save Plan as Scenario"));
  scenario = linli_scenario_edits_create_from_sites (self->history, name, NULL, sites, &error);
  if (scenario != NULL)
    linli_scenario_edits_switch (self->history, linli_scenario_get_id (scenario));
  linli_history_end_group (self->history);
  if (scenario == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      return NULL;
    }
  clear_result (self);
  /* TRANSLATORS: %s is the name of the scenario a plan was saved as */
  text = g_strdup_printf (_("Saved as the scenario “%s”, now shown."), name);
  gtk_label_set_text (self->summary_label, text);
  return scenario;
}
