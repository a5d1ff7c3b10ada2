/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-scenario"

#include "config.h"

#include "linli-scenario-switcher.h"

#include <glib/gi18n.h>

#include "linli-scenario-compare-window.h"
#include "linli-scenario-edits.h"

/* The scenario switcher of the header bar: a drop-down of the current state
 * and the project's scenarios, which switches between them (one undoable
 * step each), and a menu to make, duplicate, rename, delete and compare
 * them.  It mirrors the project's scenarios and never holds state of its
 * own beyond the dialog it has open. */

struct _LinliScenarioSwitcher
{
  AdwBin            parent_instance;

  /* Template children */
  GtkDropDown      *dropdown;
  GtkMenuButton    *menu_button;

  LinliDocument    *document;
  LinliProject     *project;
  LinliHistory     *history;
  GSignalGroup     *scenarios_signals;
  GtkStringList    *names;
  gboolean          updating;     /* filling the drop-down from the model */
  AdwMessageDialog *dialog;       /* the rename dialog, while open */
  GtkWidget        *name_entry;
  GtkWidget        *note_entry;
  GtkWindow        *compare;      /* the compare window, while open */
};

G_DEFINE_FINAL_TYPE (LinliScenarioSwitcher, linli_scenario_switcher, ADW_TYPE_BIN)

/* Auxiliary methods */

static LinliScenarios *
get_scenarios (LinliScenarioSwitcher *self)
{
  return self->project != NULL ? linli_project_get_scenarios (self->project) : NULL;
}

/* The one place that says which of the switcher's actions can run now. */
static void
update_actions (LinliScenarioSwitcher *self)
{
  LinliScenarios *scenarios = get_scenarios (self);
  gboolean any = scenarios != NULL;
  gboolean active = any && linli_scenarios_get_active (scenarios) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.switch", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.new", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.duplicate", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.rename", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.delete", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.compare",
                                 any && linli_scenarios_get_n (scenarios) > 0);
}

static gboolean
same_names (GtkStringList *list,
            GPtrArray     *names)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (n + 1 != names->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), names->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Fills the drop-down: the current state first, then the scenarios, the
 * active one selected. */
static void
update_list (LinliScenarioSwitcher *self)
{
  LinliScenarios *scenarios = get_scenarios (self);
  guint n = scenarios != NULL ? linli_scenarios_get_n (scenarios) : 0;
  guint selected = 0;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) linli_scenarios_base_name ());
  for (guint i = 0; i < n; i++)
    {
      LinliScenario *scenario = linli_scenarios_get (scenarios, i);

      g_ptr_array_add (names, (gpointer) linli_scenario_get_name (scenario));
      if (g_strcmp0 (linli_scenario_get_id (scenario), linli_scenarios_get_active (scenarios)) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  /* A switch changes only the selection.  Splicing the model then, from
   * inside the drop-down's own change of selection, sends GTK 4.8's list
   * items round in circles, so the model is touched only when a name
   * changed. */
  if (!same_names (self->names, names))
    gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                            (const char *const *) names->pdata);
  if (gtk_drop_down_get_selected (self->dropdown) != selected)
    gtk_drop_down_set_selected (self->dropdown, selected);
  self->updating = FALSE;
  update_actions (self);
}

static void
switch_to (LinliScenarioSwitcher *self,
           const char            *id)
{
  if (self->history == NULL)
    return;
  if (id != NULL && g_strcmp0 (id, LINLI_SCENARIO_BASE_ID) != 0 &&
      linli_scenarios_find (get_scenarios (self), id, NULL) == NULL)
    return;
  linli_scenario_edits_switch (self->history, id);
}

/* Callbacks */

static void
on_dropdown_selected_cb (LinliScenarioSwitcher *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);
  LinliScenario *scenario;

  if (self->updating || self->project == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  scenario = selected == 0 ? NULL : linli_scenarios_get (get_scenarios (self), selected - 1);
  gtk_widget_activate_action (GTK_WIDGET (self), "scenario.switch", "s",
                              scenario != NULL ? linli_scenario_get_id (scenario) : LINLI_SCENARIO_BASE_ID);
  /* A switch that did nothing leaves the drop-down showing the truth. */
  update_list (self);
}

static void
switch_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  switch_to (LINLI_SCENARIO_SWITCHER (widget), g_variant_get_string (param, NULL));
}

/* New and Duplicate make the scenario and switch to it, as one step. */
static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LinliScenarioSwitcher *self = LINLI_SCENARIO_SWITCHER (widget);
  LinliScenarios *scenarios = get_scenarios (self);
  gboolean duplicate = g_str_equal (action_name, "scenario.duplicate");
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  LinliScenario *scenario;

  if (scenarios == NULL)
    return;
  linli_history_begin_group (self->history,
                             duplicate ? _("Duplicate Scenario") : _("New Scenario"));
  if (duplicate)
    {
      scenario = linli_scenario_edits_duplicate (self->history,
                                                 linli_scenarios_get_active (scenarios), NULL,
                                                 &error);
    }
  else
    {
      name = linli_scenarios_new_name (scenarios, _("Scenario"));
      scenario = linli_scenario_edits_create (self->history, name, NULL, NULL, &error);
    }
  if (scenario != NULL)
    linli_scenario_edits_switch (self->history, linli_scenario_get_id (scenario));
  linli_history_end_group (self->history);
  if (scenario == NULL)
    g_message ("%s", error->message);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LinliScenarioSwitcher *self = LINLI_SCENARIO_SWITCHER (widget);
  LinliScenarios *scenarios = get_scenarios (self);
  LinliScenario *scenario = scenarios ? linli_scenarios_get_active_scenario (scenarios) : NULL;

  if (scenario != NULL)
    linli_scenario_edits_delete (self->history, scenario);
}

static void
on_rename_changed_cb (LinliScenarioSwitcher *self)
{
  LinliScenarios *scenarios = get_scenarios (self);
  g_autoptr (GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  gboolean ok;

  if (self->dialog == NULL || scenarios == NULL)
    return;
  ok = linli_scenarios_check_name (scenarios, name, linli_scenarios_get_active_scenario (scenarios),
                                   &error);
  adw_message_dialog_set_response_enabled (self->dialog, "rename", ok);
  adw_message_dialog_set_body (self->dialog, ok ? "" : error->message);
}

static void
on_rename_response_cb (LinliScenarioSwitcher *self,
                       const char            *response)
{
  LinliScenarios *scenarios = get_scenarios (self);
  LinliScenario *scenario = scenarios ? linli_scenarios_get_active_scenario (scenarios) : NULL;

  if (g_strcmp0 (response, "rename") == 0 && scenario != NULL)
    {
      g_autoptr (GError) error = NULL;

      if (!linli_scenario_edits_rename (self->history, scenario,
                                        gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->note_entry)),
                                          &error))
        g_message ("%s", error->message);
    }
  self->dialog = NULL;
  self->name_entry = NULL;
  self->note_entry = NULL;
}

static void
rename_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LinliScenarioSwitcher *self = LINLI_SCENARIO_SWITCHER (widget);
  LinliScenarios *scenarios = get_scenarios (self);
  LinliScenario *scenario = scenarios ? linli_scenarios_get_active_scenario (scenarios) : NULL;
  GtkWidget *box;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (scenario == NULL || self->dialog != NULL)
    return;
  self->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                             _("Rename Scenario"), NULL));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->name_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->name_entry), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), linli_scenario_get_name (scenario));
  gtk_entry_set_max_length (GTK_ENTRY (self->name_entry), LINLI_SCENARIO_MAX_NAME);
  gtk_entry_set_activates_default (GTK_ENTRY (self->name_entry), TRUE);
  self->note_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note_entry), _("Note (optional)"));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry),
                         linli_scenario_get_note (scenario) ? linli_scenario_get_note (scenario) : "");
  gtk_entry_set_max_length (GTK_ENTRY (self->note_entry), LINLI_SCENARIO_MAX_NOTE);
  gtk_box_append (GTK_BOX (box), self->name_entry);
  gtk_box_append (GTK_BOX (box), self->note_entry);
  adw_message_dialog_set_extra_child (self->dialog, box);
  adw_message_dialog_add_responses (self->dialog, "cancel", _("_Cancel"), "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (self->dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (self->dialog, "rename");
  adw_message_dialog_set_close_response (self->dialog, "cancel");
  g_signal_connect_object (self->name_entry, "changed", G_CALLBACK (on_rename_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (on_rename_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
on_compare_destroy_cb (LinliScenarioSwitcher *self)
{
  self->compare = NULL;
}

static void
compare_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LinliScenarioSwitcher *self = LINLI_SCENARIO_SWITCHER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->document == NULL)
    return;
  if (self->compare == NULL)
    {
      self->compare = GTK_WINDOW (linli_scenario_compare_window_new (self->document));
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (self->compare, GTK_WINDOW (root));
      g_signal_connect_object (self->compare, "destroy", G_CALLBACK (on_compare_destroy_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (self->compare);
}

/* GObject overrides */

static void
linli_scenario_switcher_dispose (GObject *object)
{
  LinliScenarioSwitcher *self = LINLI_SCENARIO_SWITCHER (object);

  if (self->compare != NULL)
    gtk_window_destroy (self->compare);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->scenarios_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  g_clear_object (&self->names);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_SCENARIO_SWITCHER);
  G_OBJECT_CLASS (linli_scenario_switcher_parent_class)->dispose (object);
}

static void
linli_scenario_switcher_class_init (LinliScenarioSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_scenario_switcher_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/linli/Linli/linli-scenario-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliScenarioSwitcher, dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliScenarioSwitcher, menu_button);

  gtk_widget_class_install_action (widget_class, "scenario.switch", "s", switch_action_cb);
  gtk_widget_class_install_action (widget_class, "scenario.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "scenario.duplicate", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "scenario.rename", NULL, rename_action_cb);
  gtk_widget_class_install_action (widget_class, "scenario.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "scenario.compare", NULL, compare_action_cb);
}

static void
linli_scenario_switcher_init (LinliScenarioSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (self->names));
  g_signal_connect_object (self->dropdown, "notify::selected", G_CALLBACK (on_dropdown_selected_cb),
                           self,
                           G_CONNECT_SWAPPED);
  self->scenarios_signals = g_signal_group_new (LINLI_TYPE_SCENARIOS);
  g_signal_group_connect_object (self->scenarios_signals, "changed", G_CALLBACK (update_list), self,
                                 G_CONNECT_SWAPPED);
  update_list (self);
}

/* Public API */

LinliScenarioSwitcher *
linli_scenario_switcher_new (void)
{
  return g_object_new (LINLI_TYPE_SCENARIO_SWITCHER, NULL);
}

/**
 * linli_scenario_switcher_set_document:
 * @document: (nullable): the document whose scenarios to show and switch
 */
void
linli_scenario_switcher_set_document (LinliScenarioSwitcher *self,
                                      LinliDocument         *document)
{
  g_return_if_fail (LINLI_IS_SCENARIO_SWITCHER (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (self->compare != NULL)
    gtk_window_destroy (self->compare);
  g_set_object (&self->document, document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  if (document != NULL)
    {
      self->project = g_object_ref (linli_document_get_project (document));
      self->history = g_object_ref (linli_document_get_history (document));
    }
  g_signal_group_set_target (self->scenarios_signals, get_scenarios (self));
  update_list (self);
}

/**
 * linli_scenario_switcher_get_dropdown:
 *
 * Returns: (transfer none): the drop-down, for tests
 */
GtkDropDown *
linli_scenario_switcher_get_dropdown (LinliScenarioSwitcher *self)
{
  return self->dropdown;
}

/**
 * linli_scenario_switcher_get_dialog:
 *
 * Returns: (transfer none) (nullable): the rename dialog while it is open
 */
AdwMessageDialog *
linli_scenario_switcher_get_dialog (LinliScenarioSwitcher *self)
{
  return self->dialog;
}

/**
 * linli_scenario_switcher_get_compare_window:
 *
 * Returns: (transfer none) (nullable): the compare window while it is open
 */
GtkWindow *
linli_scenario_switcher_get_compare_window (LinliScenarioSwitcher *self)
{
  return self->compare;
}
