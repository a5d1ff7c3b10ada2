/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner"

#include "config.h"

#include "linli-partner-proposal.h"

#include "linli-partner-tables.h"

#include <glib/gi18n-lib.h>

/* Auxiliary methods */

static const LinliPartnerUnit *
problem_unit (LinliPartners             *partners,
              const LinliPartnerProblem *pp,
              guint                      unit)
{
  return linli_partners_get_unit (partners, g_array_index (pp->unit_positions, guint, unit));
}

static const LinliPartnerNeed *
problem_need (LinliPartners             *partners,
              const LinliPartnerProblem *pp,
              guint                      need)
{
  return linli_partners_get_need (partners, g_array_index (pp->need_positions, guint, need));
}

static int
compare_priority_desc (gconstpointer a,
                       gconstpointer b)
{
  guint pa = ((const LinliPartnerPriorityMet *) a)->priority;
  guint pb = ((const LinliPartnerPriorityMet *) b)->priority;

  return pa < pb ? 1 : pa > pb ? -1 : 0;
}

/* Public API */

/**
 * linli_partner_describe_unmet:
 * @project: the project the problem was made of
 * @problem: the problem
 * @result: the solver's result
 * @need: a need of the problem (not of the list) that is not met in full
 *
 * Says why @need stays (partly) unmet, in the words `linli-tool assign`
 * prints: no unit offers the category, every offering unit is forbidden or
 * too far (the nearest and how far), or the units within reach are full
 * with which needs of the same or higher priority.
 *
 * Returns: (transfer full): the reason, empty when the need is met
 */
char *
linli_partner_describe_unmet (LinliProject              *project,
                              const LinliPartnerProblem *problem,
                              const LinliAssignResult   *result,
                              guint                      need)
{
  LinliPartners *partners;
  const LinliAssignNeedResult *nr;
  const LinliPartnerNeed *n;
  const char *category;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (problem != NULL && result != NULL, NULL);
  g_return_val_if_fail (need < result->n_needs, NULL);

  partners = linli_project_get_partners (project);
  nr = &result->needs[need];
  n = problem_need (partners, problem, need);
  category = linli_partners_category_label (partners, n->category);
  switch (nr->reason)
    {
    case LINLI_UNMET_NO_OFFER:
      return g_strdup_printf (_("no unit offers “%s”"), category);
    case LINLI_UNMET_FORBIDDEN:
      return g_strdup (_("every unit offering it is forbidden for this need"));
    case LINLI_UNMET_TOO_FAR:
      return g_strdup_printf (_("every unit offering it is farther than %.0f m; the nearest, %s, "
                                "is %.0f m away"),
                              problem->problem.max_distance,
                              problem_unit (partners, problem, nr->nearest_unit)->name,
                              nr->nearest_distance);
    case LINLI_UNMET_CAPACITY:
      {
        GString *s;

        if (nr->n_blocking == 0)
          return g_strdup (_("the units within reach give all they have to this need"));
        s = g_string_new (result->n_groups > 0
                          ? _("the units within reach are full with the communities' minimums "
                              "and needs of the same or higher priority:")
                          : _("the units within reach are full with needs of the same or higher "
                              "priority:"));
        for (guint k = 0; k < nr->n_blocking && k < 5; k++)
          {
            const LinliPartnerNeed *m = problem_need (partners, problem, nr->blocking[k]);

            /* Translators: a need that uses capacity: its id, place and priority */
            g_string_append_printf (s, _(" %s (%s, priority %u)"), m->id,
                                    linli_partner_place_name (project, m->place_kind, m->place),
                                    m->priority);
            if (k + 1 < MIN (nr->n_blocking, 5))
              g_string_append_c (s, ',');
          }
        if (nr->n_blocking > 5)
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " and %u more need",
                                                  " and %u more needs", nr->n_blocking - 5),
                                  nr->n_blocking - 5);
        return g_string_free (s, FALSE);
      }
    default:
      return g_strdup ("");
    }
}

/**
 * linli_partner_proposal_new:
 * @project: a project with partner units and needs
 * @rules: (nullable): the pairs fixed and forbidden and the options to
 *   propose with; %NULL for those the project keeps
 * @error: where a problem the solver refuses is told
 *
 * Builds the assignment problem of @project as @rules ask and solves it.
 *
 * Returns: (transfer full) (nullable): the proposal, or %NULL with @error set
 */
LinliPartnerProposal *
linli_partner_proposal_new (LinliProject             *project,
                            const LinliPartnerRules  *rules,
                            GError                  **error)
{
  g_autoptr (LinliPartnerProblem) problem = NULL;
  LinliAssignResult *result;
  LinliPartnerProposal *self;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (rules == NULL)
    rules = linli_partners_get_rules (linli_project_get_partners (project));
  problem = linli_partner_problem_new (project, rules->max_distance);
  /* Walks along the streets where there are any unless asked otherwise, as linli-tool assign. */
  linli_partner_problem_apply_rules (problem, project, rules);
  result = linli_assign_solve (&problem->problem, error);
  if (result == NULL)
    return NULL;
  self = g_new0 (LinliPartnerProposal, 1);
  self->problem = g_steal_pointer (&problem);
  self->result = result;
  self->rules = linli_partner_rules_copy (rules);
  return self;
}

/**
 * linli_partner_proposal_free:
 * @self: (nullable): a proposal
 *
 * Frees the proposal, its problem and its result.
 */
void
linli_partner_proposal_free (LinliPartnerProposal *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->problem, linli_partner_problem_free);
  g_clear_pointer (&self->result, linli_assign_result_free);
  g_clear_pointer (&self->rules, linli_partner_rules_free);
  g_free (self);
}

/**
 * linli_partner_proposal_to_assignment:
 * @self: a proposal
 * @project: the project it was made of, unchanged since
 *
 * The proposal as an assignment to accept: one pair per unit and need that
 * the solver gives something to (the flows from several resource items of
 * one unit to one need added up), in the order the solver gives them.
 *
 * Returns: (transfer full): the assignment, up to date
 */
LinliPartnerAssignment *
linli_partner_proposal_to_assignment (LinliPartnerProposal *self,
                                      LinliProject         *project)
{
  LinliPartners *partners;
  g_autoptr (GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  LinliPartnerAssignment *a;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);

  partners = linli_project_get_partners (project);
  a = g_new0 (LinliPartnerAssignment, 1);
  a->pairs = g_new0 (LinliPartnerPair, MAX (self->result->n_flows, 1));
  a->straight_line = self->result->straight_line;
  /* The keys live in an array sized up front, so pointers into it stay put. */
  g_array_set_size (keys, self->result->n_flows);
  for (guint f = 0; f < self->result->n_flows; f++)
    {
      const LinliAssignFlow *flow = &self->result->flows[f];
      gint64 *key = &g_array_index (keys, gint64, f);
      gpointer found;

      if (flow->quantity <= 0)
        continue;
      *key = ((gint64) flow->unit << 32) | flow->need;
      found = g_hash_table_lookup (index, key);
      if (found != NULL)
        {
          a->pairs[GPOINTER_TO_UINT (found) - 1].quantity += flow->quantity;
          continue;
        }
      {
        const LinliPartnerNeed *n = problem_need (partners, self->problem, flow->need);

        a->pairs[a->n_pairs] = (LinliPartnerPair) {
          g_strdup (problem_unit (partners, self->problem, flow->unit)->id), g_strdup (n->id),
          g_strdup (n->category), flow->quantity, flow->distance,
        };
        g_hash_table_insert (index, key, GUINT_TO_POINTER (++a->n_pairs));
      }
    }
  return a;
}

/**
 * linli_partner_proposal_describe_unmet:
 * @self: a proposal
 * @project: the project it was made of
 * @need: a need of the proposal's problem
 *
 * Returns: (transfer full): why @need is not met in full, as
 *   linli_partner_describe_unmet() says it
 */
char *
linli_partner_proposal_describe_unmet (LinliPartnerProposal *self,
                                       LinliProject         *project,
                                       guint                 need)
{
  g_return_val_if_fail (self != NULL, NULL);
  return linli_partner_describe_unmet (project, self->problem, self->result, need);
}

/**
 * linli_partner_met_by_priority:
 * @partners: the partner lists
 * @assignment: (nullable): an assignment of them; %NULL meets nothing
 *
 * How much of the needs of each priority @assignment meets, per month:
 * every need counts, placed or not, and a need takes no more than it asks.
 *
 * Returns: (transfer full) (element-type LinliPartnerPriorityMet): one row
 *   per priority that has needs, highest first
 */
GArray *
linli_partner_met_by_priority (LinliPartners                *partners,
                               const LinliPartnerAssignment *assignment)
{
  g_autoptr (GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GHashTable) rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  GArray *result = g_array_new (FALSE, TRUE, sizeof (LinliPartnerPriorityMet));

  g_return_val_if_fail (LINLI_IS_PARTNERS (partners), result);

  for (guint i = 0; assignment != NULL && i < assignment->n_pairs; i++)
    {
      double *sum = g_hash_table_lookup (given, assignment->pairs[i].need);

      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (given, assignment->pairs[i].need, sum);
        }
      *sum += assignment->pairs[i].quantity;
    }
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS); i++)
    {
      const LinliPartnerNeed *n = linli_partners_get_need (partners, i);
      double total = n->quantity / linli_partner_period_per_month (n->period);
      double *sum = g_hash_table_lookup (given, n->id);
      gpointer row = g_hash_table_lookup (rows, GUINT_TO_POINTER (n->priority));
      LinliPartnerPriorityMet *r;

      if (row == NULL)
        {
          LinliPartnerPriorityMet fresh = { n->priority, 0, 0, 0 };

          g_array_append_val (result, fresh);
          row = GUINT_TO_POINTER (result->len);
          g_hash_table_insert (rows, GUINT_TO_POINTER (n->priority), row);
        }
      r = &g_array_index (result, LinliPartnerPriorityMet, GPOINTER_TO_UINT (row) - 1);
      r->n_needs++;
      r->total += total;
      r->met += sum != NULL ? MIN (*sum, total) : 0;
    }
  g_array_sort (result, compare_priority_desc);
  return result;
}

/**
 * linli_partner_capacity_used:
 * @partners: the partner lists
 * @assignment: (nullable): an assignment of them; %NULL uses nothing
 *
 * How much of its capacity each unit gives in @assignment, per month.
 *
 * Returns: (transfer full) (element-type LinliPartnerUnitUse): one row per
 *   unit, in the list's order
 */
GArray *
linli_partner_capacity_used (LinliPartners                *partners,
                             const LinliPartnerAssignment *assignment)
{
  guint n_units;
  GArray *result = g_array_new (FALSE, TRUE, sizeof (LinliPartnerUnitUse));

  g_return_val_if_fail (LINLI_IS_PARTNERS (partners), result);

  n_units = linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS);
  g_array_set_size (result, n_units);
  for (guint i = 0; i < n_units; i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (partners, i);
      LinliPartnerUnitUse *use = &g_array_index (result, LinliPartnerUnitUse, i);

      use->unit = i;
      for (guint r = 0; r < u->n_resources; r++)
        use->capacity += u->resources[r].capacity /
                         linli_partner_period_per_month (u->resources[r].period);
    }
  for (guint i = 0; assignment != NULL && i < assignment->n_pairs; i++)
    {
      guint position;

      if (linli_partners_find (partners, LINLI_PARTNER_LIST_UNITS, assignment->pairs[i].unit,
                               &position) != NULL)
        g_array_index (result, LinliPartnerUnitUse, position).used += assignment->pairs[i].quantity;
    }
  return result;
}
