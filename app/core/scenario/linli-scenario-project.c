/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-scenario"

#include "config.h"

#include "linli-scenario-project.h"

#include <glib/gi18n-lib.h>

/**
 * linli_scenario_project_dup_sites:
 *
 * Returns: (transfer full) (element-type LinliSiteState): the project's
 *   sites as they are, in order
 */
GPtrArray *
linli_scenario_project_dup_sites (LinliProject *project)
{
  GPtrArray *states = linli_site_states_new ();
  guint n = linli_project_get_n_sites (project);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (states, linli_site_dup_state (linli_project_get_site (project, i)));
  return states;
}

/**
 * linli_scenario_project_dup_base:
 *
 * Returns: (transfer full) (element-type LinliSiteState): the base's sites,
 *   whichever scenario is active
 */
GPtrArray *
linli_scenario_project_dup_base (LinliProject *project)
{
  GPtrArray *base = linli_scenarios_get_base (linli_project_get_scenarios (project));

  return base != NULL ? linli_site_states_copy (base) : linli_scenario_project_dup_sites (project);
}

/**
 * linli_scenario_project_dup_decisions:
 * @id: (nullable): a scenario's id; %NULL or "base" for the base
 *
 * Returns: (transfer full): the scenario's decisions as they are now: for
 *   the active one, what sets the project's sites apart from the base; none
 *   for the base
 */
LinliDecisions *
linli_scenario_project_dup_decisions (LinliProject *project,
                                      const char   *id)
{
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  LinliScenario *scenario;

  if (id == NULL || g_strcmp0 (id, LINLI_SCENARIO_BASE_ID) == 0)
    return linli_decisions_new ();
  if (g_strcmp0 (id, linli_scenarios_get_active (scenarios)) == 0)
    {
      g_autoptr (GPtrArray) sites = linli_scenario_project_dup_sites (project);

      return linli_decisions_diff (linli_scenarios_get_base (scenarios), sites);
    }
  scenario = linli_scenarios_find (scenarios, id, NULL);
  g_return_val_if_fail (scenario != NULL, linli_decisions_new ());
  return linli_decisions_copy (linli_scenario_get_decisions (scenario));
}

/**
 * linli_scenario_project_dup_view:
 * @id: (nullable): a scenario's id; %NULL or "base" for the base
 *
 * Returns: (transfer full) (element-type LinliSiteState): the sites the
 *   project has in that scenario
 */
GPtrArray *
linli_scenario_project_dup_view (LinliProject *project,
                                 const char   *id)
{
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  g_autoptr (GPtrArray) base = NULL;
  g_autoptr (LinliDecisions) decisions = NULL;

  if (id != NULL && g_strcmp0 (id, LINLI_SCENARIO_BASE_ID) == 0)
    id = NULL;
  if (g_strcmp0 (id, linli_scenarios_get_active (scenarios)) == 0)
    return linli_scenario_project_dup_sites (project);
  base = linli_scenario_project_dup_base (project);
  if (id == NULL)
    return g_steal_pointer (&base);
  decisions = linli_scenario_project_dup_decisions (project, id);
  return linli_decisions_apply (decisions, base);
}

/**
 * linli_scenario_project_dup_sites_planned:
 * @ids: (array length=n_ids): ids of candidate sites a plan proposes
 *
 * The project's sites with the candidates among @ids made planned: what
 * accepting a plan would make them, for a scenario made from the plan
 * instead.  Ids of sites that are not candidates are left alone.
 *
 * Returns: (transfer full) (element-type LinliSiteState): the sites
 */
GPtrArray *
linli_scenario_project_dup_sites_planned (LinliProject      *project,
                                          const char *const *ids,
                                          guint              n_ids)
{
  GPtrArray *states = linli_scenario_project_dup_sites (project);
  g_autoptr (GHashTable) chosen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (chosen, (gpointer) ids[i]);
  for (guint i = 0; i < states->len; i++)
    {
      LinliSiteState *state = states->pdata[i];

      if (state->status == LINLI_SITE_STATUS_CANDIDATE && g_hash_table_contains (chosen, state->id))
        state->status = LINLI_SITE_STATUS_PLANNED;
    }
  return states;
}

/**
 * linli_scenario_project_set_sites:
 * @states: (element-type LinliSiteState): the sites the project is to have
 *
 * Makes the project's sites @states, in their order, changing only what
 * differs: a site kept keeps its object, so views of it and the coverage
 * follow a switch as they follow any edit.
 */
void
linli_scenario_project_set_sites (LinliProject *project,
                                  GPtrArray    *states)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < states->len; i++)
    g_hash_table_add (wanted, ((LinliSiteState *) states->pdata[i])->id);

  /* One "changed" for the lot: the document catches up once. */
  linli_project_freeze_changed (project);
  for (guint i = linli_project_get_n_sites (project); i-- > 0;)
    {
      LinliSite *site = linli_project_get_site (project, i);

      if (!g_hash_table_contains (wanted, linli_site_get_id (site)))
        linli_project_remove_site (project, site);
      else
        g_hash_table_insert (present, (gpointer) linli_site_get_id (site), site);
    }
  /* The sites kept are usually in the order wanted already (a switch keeps
   * the base's order and adds after it), so position i is checked first
   * and the list searched only when it holds another site. */
  for (guint i = 0; i < states->len; i++)
    {
      const LinliSiteState *state = states->pdata[i];
      LinliSite *site = g_hash_table_lookup (present, state->id);

      if (site != NULL && (i >= linli_project_get_n_sites (project)
                           || linli_project_get_site (project, i) != site))
        {
          g_autoptr (LinliSite) kept = g_object_ref (site);

          linli_project_remove_site (project, kept);
          linli_project_insert_site (project, i, kept);
        }
      if (site != NULL)
        {
          g_autoptr (LinliSiteState) now = linli_site_dup_state (site);

          if (!linli_site_state_equal (now, state))
            linli_site_apply_state (site, state);
        }
      else
        {
          g_autoptr (LinliSite) created = linli_site_new (state);

          linli_project_insert_site (project, i, created);
        }
    }
  linli_project_thaw_changed (project);
}

/**
 * linli_scenario_project_switch:
 * @id: (nullable): the scenario to make active; %NULL or "base" for the base
 *
 * Makes @id the active scenario, not recorded: the outgoing scenario keeps
 * its decisions (what sets the project's sites apart from the base), and
 * the project's sites become the base's with @id's decisions applied.
 */
void
linli_scenario_project_switch (LinliProject *project,
                               const char   *id)
{
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  LinliScenario *outgoing = linli_scenarios_get_active_scenario (scenarios);
  g_autoptr (GPtrArray) base = NULL;
  g_autoptr (GPtrArray) view = NULL;

  if (id != NULL && g_strcmp0 (id, LINLI_SCENARIO_BASE_ID) == 0)
    id = NULL;
  g_return_if_fail (id == NULL || linli_scenarios_find (scenarios, id, NULL) != NULL);
  if (g_strcmp0 (id, linli_scenarios_get_active (scenarios)) == 0)
    return;

  base = linli_scenario_project_dup_base (project);
  if (outgoing != NULL)
    {
      g_autoptr (LinliDecisions) decisions = linli_scenario_project_dup_decisions (project,
                                                                                  linli_scenario_get_id (outgoing));
      linli_scenario_set_decisions (outgoing, decisions);
    }
  view = linli_scenario_project_dup_view (project, id);
  linli_scenario_project_set_sites (project, view);
  linli_scenarios_set_state (scenarios, id, id != NULL ? base : NULL);
}

/**
 * linli_scenario_project_resolve:
 * @name_or_id: "base", the base's name, or a scenario's id or name
 * @scenario: (out) (transfer none) (nullable): the scenario, %NULL for the base
 *
 * Finds a scenario as a user names it: "base" first, then ids, then names.
 *
 * Returns: %TRUE if found, else %FALSE with @error set
 */
gboolean
linli_scenario_project_resolve (LinliProject   *project,
                                const char     *name_or_id,
                                LinliScenario **scenario,
                                GError        **error)
{
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  LinliScenario *found;

  *scenario = NULL;
  if (g_strcmp0 (name_or_id, LINLI_SCENARIO_BASE_ID) == 0 ||
      g_strcmp0 (name_or_id, linli_scenarios_base_name ()) == 0)
    return TRUE;
  found = linli_scenarios_find (scenarios, name_or_id, NULL);
  if (found == NULL)
    found = linli_scenarios_find_by_name (scenarios, name_or_id);
  if (found == NULL)
    {
      g_set_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NOT_FOUND,
                   _("no scenario named “%s”"), name_or_id);
      return FALSE;
    }
  *scenario = found;
  return TRUE;
}

/**
 * linli_scenario_project_build:
 * @name_or_id: as for linli_scenario_project_resolve()
 *
 * A copy of @project switched to a scenario, @project left as it is: what
 * a report or a comparison of a scenario reads.
 *
 * Returns: (transfer full): the copy, or %NULL with @error set
 */
LinliProject *
linli_scenario_project_build (LinliProject *project,
                              const char   *name_or_id,
                              GError      **error)
{
  LinliScenario *scenario;
  LinliProject *copy;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);

  if (!linli_scenario_project_resolve (project, name_or_id, &scenario, error))
    return NULL;
  copy = linli_project_copy (project);
  linli_scenario_project_switch (copy, scenario != NULL ? linli_scenario_get_id (scenario) : NULL);
  return copy;
}

/**
 * linli_scenario_project_name:
 * @id: (nullable): a scenario's id, %NULL or "base" for the base
 *
 * Returns: the scenario's name, or the base's
 */
const char *
linli_scenario_project_name (LinliProject *project,
                             const char   *id)
{
  LinliScenario *scenario = linli_scenarios_find (linli_project_get_scenarios (project), id, NULL);

  return scenario != NULL ? linli_scenario_get_name (scenario) : linli_scenarios_base_name ();
}
