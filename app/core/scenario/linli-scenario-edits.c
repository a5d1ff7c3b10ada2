/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-scenario"

#include "config.h"

#include "linli-scenario-edits.h"

#include <glib/gi18n-lib.h>

/* A list edit adds a scenario or deletes it: it keeps a copy of the
 * scenario and where it stood.  A rename edit holds the name and note
 * before and after.  A switch edit holds, before and after, the project's
 * sites, the base's sites (while a scenario is active) and the outgoing
 * scenario's decisions: undo puts back exactly what was. */

typedef struct
{
  LinliEdit      parent;
  LinliScenario *scenario;
  guint          position;
  gboolean       insert;     /* applying adds it; else applying deletes it */
} ListEdit;

typedef struct
{
  LinliEdit  parent;
  char      *id;
  char      *name[2];        /* before, after */
  char      *note[2];
} RenameEdit;

typedef struct
{
  LinliEdit       parent;
  char           *from;      /* NULL: the base */
  char           *to;
  GPtrArray      *sites[2];  /* LinliSiteState: the project's, before and after */
  GPtrArray      *base[2];   /* LinliSiteState or NULL */
  LinliDecisions *from_decisions[2];
} SwitchEdit;

/* List edits */

static void
list_set (ListEdit     *self,
          LinliProject *project,
          gboolean      present)
{
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  LinliScenario *scenario = linli_scenarios_find (scenarios, linli_scenario_get_id (self->scenario),
                                                  NULL);

  if (present && scenario == NULL)
    {
      g_autoptr (LinliScenario) copy = linli_scenario_copy (self->scenario);

      linli_scenarios_insert (scenarios, self->position, copy);
    }
  else if (!present && scenario != NULL)
    {
      linli_scenarios_remove (scenarios, scenario);
    }
}

static void
list_apply (LinliEdit    *edit,
            LinliProject *project)
{
  ListEdit *self = (ListEdit *) edit;

  list_set (self, project, self->insert);
}

static void
list_revert (LinliEdit    *edit,
             LinliProject *project)
{
  ListEdit *self = (ListEdit *) edit;

  list_set (self, project, !self->insert);
}

static void
list_free (LinliEdit *edit)
{
  g_clear_object (&((ListEdit *) edit)->scenario);
}

static const LinliEditClass list_edit_class = {
  .name = "scenario-list",
  .size = sizeof (ListEdit),
  .apply = list_apply,
  .revert = list_revert,
  .free = list_free,
};

/* Rename edits */

static void
rename_set (RenameEdit   *self,
            LinliProject *project,
            guint         which)
{
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  LinliScenario *scenario = linli_scenarios_find (scenarios, self->id, NULL);

  g_return_if_fail (scenario != NULL);
  linli_scenario_set_name (scenario, self->name[which]);
  linli_scenario_set_note (scenario, self->note[which]);
  linli_scenarios_changed (scenarios);
}

static void
rename_apply (LinliEdit    *edit,
              LinliProject *project)
{
  rename_set ((RenameEdit *) edit, project, 1);
}

static void
rename_revert (LinliEdit    *edit,
               LinliProject *project)
{
  rename_set ((RenameEdit *) edit, project, 0);
}

static void
rename_free (LinliEdit *edit)
{
  RenameEdit *self = (RenameEdit *) edit;

  g_free (self->id);
  for (guint i = 0; i < 2; i++)
    {
      g_free (self->name[i]);
      g_free (self->note[i]);
    }
}

static const LinliEditClass rename_edit_class = {
  .name = "scenario-rename",
  .size = sizeof (RenameEdit),
  .apply = rename_apply,
  .revert = rename_revert,
  .free = rename_free,
};

/* Switch edits */

static void
switch_set (SwitchEdit   *self,
            LinliProject *project,
            guint         which)
{
  LinliScenarios *scenarios = linli_project_get_scenarios (project);

  linli_scenario_project_set_sites (project, self->sites[which]);
  if (self->from != NULL)
    {
      LinliScenario *from = linli_scenarios_find (scenarios, self->from, NULL);

      g_return_if_fail (from != NULL);
      linli_scenario_set_decisions (from, self->from_decisions[which]);
    }
  linli_scenarios_set_state (scenarios, which == 0 ? self->from : self->to, self->base[which]);
}

static void
switch_apply (LinliEdit    *edit,
              LinliProject *project)
{
  switch_set ((SwitchEdit *) edit, project, 1);
}

static void
switch_revert (LinliEdit    *edit,
               LinliProject *project)
{
  switch_set ((SwitchEdit *) edit, project, 0);
}

static void
switch_free (LinliEdit *edit)
{
  SwitchEdit *self = (SwitchEdit *) edit;

  g_free (self->from);
  g_free (self->to);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->sites[i], g_ptr_array_unref);
      g_clear_pointer (&self->base[i], g_ptr_array_unref);
      g_clear_pointer (&self->from_decisions[i], linli_decisions_free);
    }
}

static const LinliEditClass switch_edit_class = {
  .name = "scenario-switch",
  .size = sizeof (SwitchEdit),
  .apply = switch_apply,
  .revert = switch_revert,
  .free = switch_free,
};

static void
switch_capture (SwitchEdit   *self,
                LinliProject *project,
                guint         which)
{
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  GPtrArray *base = linli_scenarios_get_base (scenarios);

  self->sites[which] = linli_scenario_project_dup_sites (project);
  self->base[which] = base != NULL ? linli_site_states_copy (base) : NULL;
  if (self->from != NULL)
    {
      LinliScenario *from = linli_scenarios_find (scenarios, self->from, NULL);

      self->from_decisions[which] = linli_decisions_copy (linli_scenario_get_decisions (from));
    }
}

/* Public API */

static gboolean
check_room (LinliScenarios *scenarios,
            GError        **error)
{
  if (linli_scenarios_get_n (scenarios) >= LINLI_SCENARIOS_MAX)
    {
      g_set_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_TOO_MANY,
                   _("a project holds at most %u scenarios"), LINLI_SCENARIOS_MAX);
      return FALSE;
    }
  return TRUE;
}

static LinliScenario *
create (LinliHistory         *history,
        const char           *label,
        const char           *name,
        const char           *note,
        const LinliDecisions *decisions,
        GError              **error)
{
  LinliProject *project = linli_history_get_project (history);
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  g_autofree char *id = NULL;
  ListEdit *edit;

  if (!check_room (scenarios, error) || !linli_scenarios_check_name (scenarios, name, NULL, error))
    return NULL;
  if (note != NULL && g_utf8_strlen (note, -1) > LINLI_SCENARIO_MAX_NOTE)
    {
      g_set_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_FAILED,
                   _("a scenario’s note is at most %u characters"), LINLI_SCENARIO_MAX_NOTE);
      return NULL;
    }
  id = linli_scenarios_new_id (scenarios);
  edit = linli_edit_new (&list_edit_class, label);
  edit->scenario = linli_scenario_new (id, name, note, decisions);
  edit->position = linli_scenarios_get_n (scenarios);
  edit->insert = TRUE;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
  return linli_scenarios_find (scenarios, id, NULL);
}

/**
 * linli_scenario_edits_create:
 * @name: the new scenario's name, checked with linli_scenarios_check_name()
 * @note: (nullable): what it is about
 * @decisions: (nullable): its decisions; none (the base as it is) when %NULL
 *
 * Adds a scenario after the others, recorded; the active one stays active.
 *
 * Returns: (transfer none) (nullable): the scenario, or %NULL with @error
 *   set when the name cannot be taken or there are too many
 */
LinliScenario *
linli_scenario_edits_create (LinliHistory         *history,
                             const char           *name,
                             const char           *note,
                             const LinliDecisions *decisions,
                             GError              **error)
{
  return create (history, _("New Scenario"), name, note, decisions, error);
}

/**
 * linli_scenario_edits_create_from_sites:
 * @sites: (element-type LinliSiteState): the sites the scenario is to have
 *
 * As linli_scenario_edits_create(), the decisions being what sets @sites
 * apart from the base: how an accepted plan becomes a scenario.
 *
 * Returns: (transfer none) (nullable): the scenario, or %NULL with @error set
 */
LinliScenario *
linli_scenario_edits_create_from_sites (LinliHistory *history,
                                        const char   *name,
                                        const char   *note,
                                        GPtrArray    *sites,
                                        GError      **error)
{
  LinliProject *project = linli_history_get_project (history);
  g_autoptr (GPtrArray) base = linli_scenario_project_dup_base (project);
  g_autoptr (LinliDecisions) decisions = linli_decisions_diff (base, sites);

  return linli_scenario_edits_create (history, name, note, decisions, error);
}

/**
 * linli_scenario_edits_duplicate:
 * @id: (nullable): the scenario to copy; %NULL or "base" for the base
 * @name: (nullable): the copy's name; made from the original's when %NULL
 *
 * Adds a copy of a scenario's decisions as they are now, recorded.
 *
 * Returns: (transfer none) (nullable): the copy, or %NULL with @error set
 */
LinliScenario *
linli_scenario_edits_duplicate (LinliHistory *history,
                                const char   *id,
                                const char   *name,
                                GError      **error)
{
  LinliProject *project = linli_history_get_project (history);
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  LinliScenario *original = linli_scenarios_find (scenarios, id, NULL);
  g_autoptr (LinliDecisions) decisions = linli_scenario_project_dup_decisions (project, id);
  g_autofree char *made = NULL;

  if (name == NULL)
    {
      /* TRANSLATORS: the name of a copy of a scenario; %s is the original's */
      const char *original_name = linli_scenario_project_name (project, id);
      g_autofree char *stem = g_strdup_printf (_("%s (copy)"), original_name);

      made = linli_scenarios_new_name (scenarios, stem);
      name = made;
    }
  return create (history, _("Duplicate Scenario"), name,
                 original ? linli_scenario_get_note (original) : NULL, decisions, error);
}

/**
 * linli_scenario_edits_rename:
 * @name: the new name
 * @note: (nullable): the new note
 *
 * Renames a scenario and sets its note, recorded; nothing is recorded if
 * both stay.
 *
 * Returns: %TRUE, or %FALSE with @error set when the name cannot be taken
 */
gboolean
linli_scenario_edits_rename (LinliHistory  *history,
                             LinliScenario *scenario,
                             const char    *name,
                             const char    *note,
                             GError       **error)
{
  LinliProject *project = linli_history_get_project (history);
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  RenameEdit *edit;

  g_return_val_if_fail (LINLI_IS_SCENARIO (scenario), FALSE);

  if (!linli_scenarios_check_name (scenarios, name, scenario, error))
    return FALSE;
  if (note != NULL && g_utf8_strlen (note, -1) > LINLI_SCENARIO_MAX_NOTE)
    {
      g_set_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_FAILED,
                   _("a scenario’s note is at most %u characters"), LINLI_SCENARIO_MAX_NOTE);
      return FALSE;
    }
  if (note != NULL && note[0] == '\0')
    note = NULL;
  if (g_strcmp0 (name, linli_scenario_get_name (scenario)) == 0 &&
      g_strcmp0 (note, linli_scenario_get_note (scenario)) == 0)
    return TRUE;
  edit = linli_edit_new (&rename_edit_class, _("Rename Scenario"));
  edit->id = g_strdup (linli_scenario_get_id (scenario));
  edit->name[0] = g_strdup (linli_scenario_get_name (scenario));
  edit->name[1] = g_strdup (name);
  edit->note[0] = g_strdup (linli_scenario_get_note (scenario));
  edit->note[1] = g_strdup (note);
  linli_history_push (history, (LinliEdit *) edit, TRUE);
  return TRUE;
}

/**
 * linli_scenario_edits_delete:
 *
 * Deletes a scenario, recorded.  Deleting the active one first goes back
 * to the base, in the same step.
 */
void
linli_scenario_edits_delete (LinliHistory  *history,
                             LinliScenario *scenario)
{
  LinliProject *project = linli_history_get_project (history);
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  g_autoptr (LinliScenario) kept = NULL;
  ListEdit *edit;
  guint position = 0;

  g_return_if_fail (LINLI_IS_SCENARIO (scenario));
  g_return_if_fail (linli_scenarios_find (scenarios, linli_scenario_get_id (scenario),
                                          &position) == scenario);

  kept = g_object_ref (scenario);
  linli_history_begin_group (history, _("Delete Scenario"));
  if (g_strcmp0 (linli_scenarios_get_active (scenarios), linli_scenario_get_id (kept)) == 0)
    linli_scenario_edits_switch (history, NULL);
  edit = linli_edit_new (&list_edit_class, _("Delete Scenario"));
  /* The copy is taken after the switch, so it holds the decisions the
   * scenario had when it was left. */
  edit->scenario = linli_scenario_copy (kept);
  edit->position = position;
  edit->insert = FALSE;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
  linli_history_end_group (history);
}

/**
 * linli_scenario_edits_switch:
 * @id: (nullable): the scenario to make active; %NULL or "base" for the base
 *
 * Switches the project to a scenario in one recorded step: the outgoing
 * scenario keeps its decisions and the project's sites become the
 * incoming one's.  Nothing is recorded if @id is already active.
 */
void
linli_scenario_edits_switch (LinliHistory *history,
                             const char   *id)
{
  LinliProject *project = linli_history_get_project (history);
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  g_autofree char *label = NULL;
  SwitchEdit *edit;

  if (id != NULL && g_strcmp0 (id, LINLI_SCENARIO_BASE_ID) == 0)
    id = NULL;
  g_return_if_fail (id == NULL || linli_scenarios_find (scenarios, id, NULL) != NULL);
  if (g_strcmp0 (id, linli_scenarios_get_active (scenarios)) == 0)
    return;

  /* TRANSLATORS: an undo step; %s is a scenario's name */
  label = g_strdup_printf (_("Switch to “%s”"), linli_scenario_project_name (project, id));
  edit = linli_edit_new (&switch_edit_class, label);
  edit->from = g_strdup (linli_scenarios_get_active (scenarios));
  edit->to = g_strdup (id);
  switch_capture (edit, project, 0);
  linli_scenario_project_switch (project, id);
  switch_capture (edit, project, 1);
  linli_history_push (history, (LinliEdit *) edit, FALSE);
}
