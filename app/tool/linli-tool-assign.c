/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-assign.h"

#include "linli-partner-tables.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "linli-figures.h"
#include "linli-format.h"
#include "linli-grids.h"
#include "linli-partner-assign.h"
#include "linli-partner-problem.h"
#include "linli-partner-proposal.h"
#include "linli-partners.h"
#include "linli-registry.h"

/* Auxiliary methods */

/* A place's name as shown: its name, or its id when it has none. */
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

/* Why a need stays unmet, in a sentence: the same words as the window's proposal. */
static char *
describe_reason (LinliProject              *project,
                 const LinliPartnerProblem *pp,
                 const LinliAssignResult   *r,
                 guint                      need)
{
  return linli_partner_describe_unmet (project, pp, r, need);
}

/* How the distances were measured. */
static void
print_distances (const LinliPartnerProblem *pp)
{
  g_autofree char *text = linli_partner_problem_describe_distances (pp);

  g_print ("%s", text);
}

/* How the distances were measured, as the value of the member just named,
 * and how many pairs are walks. */
static void
add_distances_json (JsonBuilder               *b,
                    const LinliPartnerProblem *pp)
{
  guint64 pairs = (guint64) pp->problem.n_units * pp->problem.n_needs;

  json_builder_add_string_value (b, pp->distances == NULL ? "straight-line"
                                    : pp->n_street_pairs == pairs ? "streets"
                                    : "streets-and-straight-lines");
  json_builder_set_member_name (b, "street_pairs");
  json_builder_add_int_value (b, pp->n_street_pairs);
}

/* Every community at least one unit */

/* What a community short of its minimum lacks, in a sentence. */
static char *
describe_community_reason (const LinliPartnerProblem *pp,
                           LinliUnmetReason           reason)
{
  switch (reason)
    {
    case LINLI_UNMET_NO_OFFER:
      return g_strdup (_("no unit offers anything it needs"));
    case LINLI_UNMET_FORBIDDEN:
      return g_strdup (_("every unit offering what it needs is forbidden for it"));
    case LINLI_UNMET_TOO_FAR:
      return g_strdup_printf (_("every unit offering what it needs is farther than %.0f m"),
                              pp->problem.max_distance);
    case LINLI_UNMET_CAPACITY:
      return g_strdup (_("the units within reach are full with the other communities' minimums"));
    default:
      return g_strdup ("");
    }
}

/* Whether community @c has a need in the problem. */
static gboolean
community_has_needs (const LinliPartnerProblem *pp,
                     guint                      c)
{
  for (guint n = 0; n < pp->groups->len; n++)
    if (g_array_index (pp->groups, guint, n) == c)
      return TRUE;
  return FALSE;
}

static void
print_communities_text (LinliProject              *project,
                        const LinliPartnerProblem *pp,
                        const LinliAssignResult   *r)
{
  guint with_needs = 0;
  g_autoptr (GString) without = g_string_new (NULL);

  if (r->n_groups == 0)
    return;
  for (guint c = 0; c < r->n_groups; c++)
    {
      if (community_has_needs (pp, c))
        {
          with_needs++;
          continue;
        }
      if (without->len > 0)
        g_string_append (without, _(", "));
      g_string_append (without, linli_project_get_community (project, c)->name);
    }
  g_print ("\n");
  /* Translators: the rule "every community at least one unit" with its minimum quantity */
  g_print (_("Every community at least %g a month (or all it needs, when less): %u of %u "
             "communities with needs have it\n"),
           pp->problem.group_minimum, with_needs - r->n_groups_short, with_needs);
  for (guint c = 0; c < r->n_groups; c++)
    {
      g_autofree char *why = NULL;

      if (r->group_reasons[c] == LINLI_UNMET_NONE)
        continue;
      why = describe_community_reason (pp, r->group_reasons[c]);
      /* Translators: community name, what it received a month, then why not more */
      g_print (_("  %s receives %.1f: %s\n"), linli_project_get_community (project, c)->name,
               r->group_met[c], why);
    }
  if (without->len > 0)
    g_print (_("  Communities that list no needs and so receive no unit: %s\n"), without->str);
}

static void
add_communities_json (JsonBuilder               *b,
                      LinliProject              *project,
                      const LinliPartnerProblem *pp,
                      const LinliAssignResult   *r)
{
  if (r->n_groups == 0)
    return;
  json_builder_set_member_name (b, "community_minimum");
  json_builder_add_double_value (b, pp->problem.group_minimum);
  json_builder_set_member_name (b, "communities");
  json_builder_begin_array (b);
  for (guint c = 0; c < r->n_groups; c++)
    {
      const LinliCommunity *community = linli_project_get_community (project, c);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, community->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, community->name);
      json_builder_set_member_name (b, "has_needs");
      json_builder_add_boolean_value (b, community_has_needs (pp, c));
      json_builder_set_member_name (b, "received");
      json_builder_add_double_value (b, r->group_met[c]);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, linli_unmet_reason_to_string (r->group_reasons[c]));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Output */

static void
print_text (LinliProject              *project,
            const LinliPartnerProblem *pp,
            const LinliAssignResult   *r)
{
  LinliPartners *partners = linli_project_get_partners (project);
  const LinliAssignProblem *p = &pp->problem;

  g_print (_("Partner units: %u with a position, %u offers; needs: %u at places with a position\n"),
           p->n_units, p->n_offers, p->n_needs);
  for (guint i = 0; i < pp->unplaced_units->len; i++)
    g_print (_("  unit %s has no position and takes no part\n"),
             (const char *) pp->unplaced_units->pdata[i]);
  for (guint i = 0; i < pp->unplaced_needs->len; i++)
    g_print (_("  need %s is at a place with no position and takes no part\n"),
             (const char *) pp->unplaced_needs->pdata[i]);
  print_distances (pp);
  if (p->max_distance > 0)
    g_print (_("Maximum distance: %.0f m\n"), p->max_distance);
  g_print (_("Met: %.1f of %.1f per month (%.1f%%); priority-weighted %.1f; mean distance %.0f "
             "m\n"),
           r->met, r->demand, r->demand > 0 ? 100 * r->met / r->demand : 100.0, r->weighted_met,
           r->met > 0 ? r->distance / r->met : 0.0);

  g_print ("\n%s\n", _("Assignment (per month):"));
  for (guint f = 0; f < r->n_flows; f++)
    {
      const LinliAssignFlow *flow = &r->flows[f];
      const LinliPartnerUnit *u = problem_unit (partners, pp, flow->unit);
      const LinliPartnerNeed *n = problem_need (partners, pp, flow->need);
      guint resource = g_array_index (pp->offer_resources, guint, flow->offer);
      const char *measure = u->resources[resource].measure;
      g_autofree char *quantity = g_strdup_printf ("%.1f%s%s", flow->quantity,
                                                   measure != NULL ? " " : "",
                                                   measure != NULL ? measure : "");

      /* Translators: unit → place, category: quantity with its measure, distance; a fixed pair is
       * marked */
      g_print (_("  %s → %s, %s: %s, %.0f m%s\n"), u->name,
               linli_partner_place_name (project, n->place_kind, n->place),
               linli_partners_category_label (partners, n->category), quantity, flow->distance,
               flow->fixed ? _(" (fixed)") : "");
    }

  g_print ("\n%s\n", _("Needs not met in full:"));
  for (guint n = 0; n < r->n_needs; n++)
    {
      const LinliPartnerNeed *need = problem_need (partners, pp, n);
      g_autofree char *why = NULL;

      if (r->needs[n].reason == LINLI_UNMET_NONE)
        continue;
      why = describe_reason (project, pp, r, n);
      /* Translators: need id, place, category, unmet and total quantity, priority, then why */
      g_print (_("  %s %s, %s: %.1f of %.1f unmet (priority %u): %s\n"), need->id,
               linli_partner_place_name (project, need->place_kind, need->place),
               linli_partners_category_label (partners, need->category), r->needs[n].unmet,
               r->needs[n].met + r->needs[n].unmet, need->priority, why);
    }
}

static void
print_json (LinliProject              *project,
            const char                *path,
            const LinliPartnerProblem *pp,
            const LinliAssignResult   *r)
{
  LinliPartners *partners = linli_project_get_partners (project);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "distance");
  add_distances_json (b, pp);
  json_builder_set_member_name (b, "max_distance");
  json_builder_add_double_value (b, pp->problem.max_distance);
  json_builder_set_member_name (b, "met");
  json_builder_add_double_value (b, r->met);
  json_builder_set_member_name (b, "demand");
  json_builder_add_double_value (b, r->demand);
  json_builder_set_member_name (b, "weighted_met");
  json_builder_add_double_value (b, r->weighted_met);
  json_builder_set_member_name (b, "quantity_distance");
  json_builder_add_double_value (b, r->distance);

  json_builder_set_member_name (b, "units");
  json_builder_begin_array (b);
  for (guint u = 0; u < pp->problem.n_units; u++)
    {
      const LinliPartnerUnit *unit = problem_unit (partners, pp, u);
      double capacity = 0, used = 0;

      for (guint o = 0; o < pp->problem.n_offers; o++)
        if (pp->problem.offers[o].unit == u)
          {
            capacity += pp->problem.offers[o].capacity;
            used += r->used[o];
          }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, unit->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, unit->name);
      /* A person: hidden when the project hides names. */
      json_builder_set_member_name (b, "contact");
      json_builder_add_string_value (b, linli_project_person (project, unit->contact));
      json_builder_set_member_name (b, "capacity");
      json_builder_add_double_value (b, capacity);
      json_builder_set_member_name (b, "used");
      json_builder_add_double_value (b, used);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "assignment");
  json_builder_begin_array (b);
  for (guint f = 0; f < r->n_flows; f++)
    {
      const LinliAssignFlow *flow = &r->flows[f];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, problem_unit (partners, pp, flow->unit)->id);
      json_builder_set_member_name (b, "need");
      json_builder_add_string_value (b, problem_need (partners, pp, flow->need)->id);
      json_builder_set_member_name (b, "quantity");
      json_builder_add_double_value (b, flow->quantity);
      json_builder_set_member_name (b, "distance");
      json_builder_add_double_value (b, flow->distance);
      json_builder_set_member_name (b, "fixed");
      json_builder_add_boolean_value (b, flow->fixed);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "needs");
  json_builder_begin_array (b);
  for (guint n = 0; n < r->n_needs; n++)
    {
      const LinliAssignNeedResult *nr = &r->needs[n];
      const LinliPartnerNeed *need = problem_need (partners, pp, n);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, need->id);
      json_builder_set_member_name (b, "place_kind");
      json_builder_add_string_value (b, linli_partner_place_kind_to_string (need->place_kind));
      json_builder_set_member_name (b, "place");
      json_builder_add_string_value (b, need->place);
      json_builder_set_member_name (b, "category");
      json_builder_add_string_value (b, need->category);
      json_builder_set_member_name (b, "priority");
      json_builder_add_int_value (b, need->priority);
      json_builder_set_member_name (b, "met");
      json_builder_add_double_value (b, nr->met);
      json_builder_set_member_name (b, "unmet");
      json_builder_add_double_value (b, nr->unmet);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, linli_unmet_reason_to_string (nr->reason));
      if (nr->reason == LINLI_UNMET_TOO_FAR)
        {
          json_builder_set_member_name (b, "nearest_unit");
          json_builder_add_string_value (b, problem_unit (partners, pp, nr->nearest_unit)->id);
          json_builder_set_member_name (b, "nearest_distance");
          json_builder_add_double_value (b, nr->nearest_distance);
        }
      if (nr->reason == LINLI_UNMET_CAPACITY)
        {
          json_builder_set_member_name (b, "used_by");
          json_builder_begin_array (b);
          for (guint k = 0; k < nr->n_blocking; k++)
            json_builder_add_string_value (b, problem_need (partners, pp, nr->blocking[k])->id);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "unplaced_units");
  json_builder_begin_array (b);
  for (guint i = 0; i < pp->unplaced_units->len; i++)
    json_builder_add_string_value (b, pp->unplaced_units->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "unplaced_needs");
  json_builder_begin_array (b);
  for (guint i = 0; i < pp->unplaced_needs->len; i++)
    json_builder_add_string_value (b, pp->unplaced_needs->pdata[i]);
  json_builder_end_array (b);
  add_communities_json (b, project, pp, r);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Whole units (包保) */

static const char *
whole_place_label (LinliProject              *project,
                   const LinliPartnerProblem *pp,
                   guint                      place)
{
  return linli_partner_place_name (project, g_array_index (pp->place_kinds, LinliPartnerPlaceKind, place),
                      pp->place_ids->pdata[place]);
}

static char *
describe_whole_reason (LinliProject              *project,
                       const LinliPartnerProblem *pp,
                       const LinliAssignResult   *r,
                       guint                      place)
{
  LinliPartners *partners = linli_project_get_partners (project);
  const LinliAssignNeedResult *nr = &r->needs[place];

  switch (nr->reason)
    {
    case LINLI_UNMET_NO_OFFER:
      return g_strdup (_("there are no units"));
    case LINLI_UNMET_FORBIDDEN:
      return g_strdup (_("no unit offers anything this place needs"));
    case LINLI_UNMET_TOO_FAR:
      return g_strdup_printf (_("every unit that could take it on is farther than %.0f m; the "
                                "nearest, %s, is %.0f m away"),
                              pp->problem.max_distance,
                              problem_unit (partners, pp, nr->nearest_unit)->name,
                              nr->nearest_distance);
    case LINLI_UNMET_CAPACITY:
      {
        GString *s = g_string_new (_("the units within reach have taken on places of the same or "
                                     "higher weight:"));

        for (guint k = 0; k < nr->n_blocking && k < 5; k++)
          {
            guint other = nr->blocking[k];

            /* Translators: a place that a unit took on: its name and weight */
            g_string_append_printf (s, _(" %s (weight %u)"), whole_place_label (project, pp, other),
                                    pp->problem.needs[other].priority);
            if (k + 1 < MIN (nr->n_blocking, 5))
              g_string_append_c (s, ',');
          }
        if (nr->n_blocking > 5)
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " and %u more place", " and %u more places",
                                                  nr->n_blocking - 5), nr->n_blocking - 5);
        return g_string_free (s, FALSE);
      }
    default:
      return g_strdup ("");
    }
}

static void
print_whole_text (LinliProject              *project,
                  const LinliPartnerProblem *pp,
                  const LinliAssignResult   *r,
                  guint                      places_per_unit)
{
  LinliPartners *partners = linli_project_get_partners (project);
  guint taken = 0;

  for (guint n = 0; n < r->n_needs; n++)
    taken += r->needs[n].reason == LINLI_UNMET_NONE;
  g_print (g_dngettext (GETTEXT_PACKAGE, "Whole units: each unit takes on at most %u place\n",
                        "Whole units: each unit takes on at most %u places\n", places_per_unit),
           places_per_unit);
  g_print (_("Partner units: %u with a position; places with needs: %u, of which %u have a unit\n"),
           pp->problem.n_units, pp->problem.n_needs, taken);
  for (guint i = 0; i < pp->unplaced_units->len; i++)
    g_print (_("  unit %s has no position and takes no part\n"),
             (const char *) pp->unplaced_units->pdata[i]);
  print_distances (pp);
  if (pp->problem.max_distance > 0)
    g_print (_("Maximum distance: %.0f m\n"), pp->problem.max_distance);

  g_print ("\n%s\n", _("Assignment:"));
  for (guint f = 0; f < r->n_flows; f++)
    {
      const LinliAssignFlow *flow = &r->flows[f];

      /* Translators: unit → place, distance; a fixed pair is marked */
      g_print (_("  %s → %s, %.0f m%s\n"), problem_unit (partners, pp, flow->unit)->name,
               whole_place_label (project, pp, flow->need), flow->distance,
               flow->fixed ? _(" (fixed)") : "");
    }
  g_print ("\n%s\n", _("Places without a unit:"));
  for (guint n = 0; n < r->n_needs; n++)
    {
      g_autofree char *why = NULL;

      if (r->needs[n].reason == LINLI_UNMET_NONE)
        continue;
      why = describe_whole_reason (project, pp, r, n);
      /* Translators: place, its weight (the sum of its needs' priorities), then why */
      g_print (_("  %s (weight %u): %s\n"), whole_place_label (project, pp, n),
               pp->problem.needs[n].priority, why);
    }
}

static void
print_whole_json (LinliProject              *project,
                  const char                *path,
                  const LinliPartnerProblem *pp,
                  const LinliAssignResult   *r,
                  guint                      places_per_unit)
{
  LinliPartners *partners = linli_project_get_partners (project);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, "whole");
  json_builder_set_member_name (b, "places_per_unit");
  json_builder_add_int_value (b, places_per_unit);
  json_builder_set_member_name (b, "distance");
  add_distances_json (b, pp);
  json_builder_set_member_name (b, "max_distance");
  json_builder_add_double_value (b, pp->problem.max_distance);
  json_builder_set_member_name (b, "assignment");
  json_builder_begin_array (b);
  for (guint f = 0; f < r->n_flows; f++)
    {
      const LinliAssignFlow *flow = &r->flows[f];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, problem_unit (partners, pp, flow->unit)->id);
      json_builder_set_member_name (b, "place_kind");
      json_builder_add_string_value (b, linli_partner_place_kind_to_string (
        g_array_index (pp->place_kinds, LinliPartnerPlaceKind, flow->need)));
      json_builder_set_member_name (b, "place");
      json_builder_add_string_value (b, pp->place_ids->pdata[flow->need]);
      json_builder_set_member_name (b, "distance");
      json_builder_add_double_value (b, flow->distance);
      json_builder_set_member_name (b, "fixed");
      json_builder_add_boolean_value (b, flow->fixed);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "places");
  json_builder_begin_array (b);
  for (guint n = 0; n < r->n_needs; n++)
    {
      const LinliAssignNeedResult *nr = &r->needs[n];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "place_kind");
      json_builder_add_string_value (b, linli_partner_place_kind_to_string (
        g_array_index (pp->place_kinds, LinliPartnerPlaceKind, n)));
      json_builder_set_member_name (b, "place");
      json_builder_add_string_value (b, pp->place_ids->pdata[n]);
      json_builder_set_member_name (b, "weight");
      json_builder_add_int_value (b, pp->problem.needs[n].priority);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, linli_unmet_reason_to_string (nr->reason));
      if (nr->reason == LINLI_UNMET_TOO_FAR)
        {
          json_builder_set_member_name (b, "nearest_unit");
          json_builder_add_string_value (b, problem_unit (partners, pp, nr->nearest_unit)->id);
          json_builder_set_member_name (b, "nearest_distance");
          json_builder_add_double_value (b, nr->nearest_distance);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_communities_json (b, project, pp, r);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Adds "UNIT:NEED" pairs: for whole units straight to the problem (they
 * name places), otherwise to @rules, over any rule the plan keeps for the
 * same pair. */
static gboolean
add_pairs (LinliPartnerProblem *pp,
           LinliPartnerRules   *rules,
           gboolean             fixed,
           char               **pairs,
           GError             **error)
{
  for (char **s = pairs; s != NULL && *s != NULL; s++)
    {
      g_auto (GStrv) parts = g_strsplit (*s, ":", 2);

      if (g_strv_length (parts) != 2 || parts[0][0] == '\0' || parts[1][0] == '\0')
        {
          g_set_error (error, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID,
                       _("a pair is written UNIT:NEED, not “%s”"), *s);
          return FALSE;
        }
      /* A pair not in the problem is refused with the problem's words. */
      if (pp->whole || !g_hash_table_contains (pp->unit_index, parts[0]) ||
          !g_hash_table_contains (pp->need_index, parts[1]))
        {
          if (!linli_partner_problem_add_pair (pp, fixed, parts[0], parts[1], error))
            return FALSE;
          continue;
        }
      linli_partner_rules_set (rules, parts[0], parts[1],
                               fixed ? LINLI_PARTNER_RULE_FIXED : LINLI_PARTNER_RULE_FORBIDDEN);
    }
  return TRUE;
}

/* A registry that holds units but no needs (the places' needs kept in the
 * plan) leaves the plan's needs, with the categories they name that the
 * registry lacks; said on stderr, so the output stays the assignment's. */
static void
keep_plan_needs (LinliPartners *partners,
                 LinliPartners *plan)
{
  guint n = linli_partners_get_n (plan, LINLI_PARTNER_LIST_NEEDS);

  for (guint i = 0; i < n; i++)
    {
      const LinliPartnerNeed *need = linli_partners_get_need (plan, i);
      gconstpointer category = linli_partners_find (plan, LINLI_PARTNER_LIST_CATEGORIES,
                                                    need->category, NULL);

      if (linli_partners_find (partners, LINLI_PARTNER_LIST_CATEGORIES, need->category,
                               NULL) == NULL && category != NULL)
        linli_partners_insert (partners, LINLI_PARTNER_LIST_CATEGORIES,
                               linli_partners_get_n (partners, LINLI_PARTNER_LIST_CATEGORIES),
                               category);
      linli_partners_insert (partners, LINLI_PARTNER_LIST_NEEDS, i, need);
    }
  g_printerr ("linli-tool: ");
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "the registry holds no needs: the plan’s %u need is used\n",
                           "the registry holds no needs: the plan’s %u needs are used\n", n), n);
}

/* Commands */

/**
 * linli_tool_assign:
 *
 * `linli-tool assign FILE [--json] [--max-distance M] [--fix UNIT:NEED] [--forbid UNIT:NEED]
 * [--registry URI [--save OUT]]`: the optimal assignment of the project's
 * partner units to its needs, and why each need not met in full stays so;
 * with the pairs and options the plan keeps (its Partners page's), which
 * the options given here add to or override;
 * with --registry the registry's lists instead of the project's (but the
 * project's needs when the registry holds none), and with
 * --save the project written with them as its snapshot.  Exit 2 for wrong
 * options or pairs, 1 when the project or the registry cannot be read or
 * the project cannot be written.
 */
int
linli_tool_assign (int    argc,
                   char **argv)
{
  gboolean json = FALSE, whole = FALSE, every_community = FALSE, straight = FALSE;
  /* Not a number: not given, the plan's own. */
  double max_distance = NAN, community_minimum = NAN;
  int places_per_unit = 1;
  g_auto (GStrv) fixed = NULL, forbidden = NULL;
  g_autofree char *registry_uri = NULL, *save = NULL;
  GOptionEntry entries[] = {
    { "registry", 'r', 0, G_OPTION_ARG_STRING, &registry_uri,
      N_("Take the partner lists from this registry instead of the plan’s: an SQLite file, "
         "sqlite:PATH, postgresql://… or a libpq keyword string"), "URI" },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save,
      N_("With --registry: write the plan with the registry’s lists as its snapshot, so it "
         "still opens alone"), "OUT" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the assignment as JSON"), NULL },
    { "max-distance", 'd', 0, G_OPTION_ARG_DOUBLE, &max_distance,
      N_("Farthest a unit serves a place (default: any distance)"), "METRES" },
    { "fix", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fixed,
      N_("A unit that serves a need first, as much as it can, at any distance (repeatable)"),
      "UNIT:NEED" },
    { "forbid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &forbidden,
      N_("A unit that must not serve a need (repeatable)"), "UNIT:NEED" },
    { "whole", 0, 0, G_OPTION_ARG_NONE, &whole,
      N_("Assign whole units to places: a unit takes on a place that needs something it offers; "
         "pairs then name places"), NULL },

    { "places-per-unit", 0, 0, G_OPTION_ARG_INT, &places_per_unit,
      N_("With --whole: how many places one unit may take on (default 1)"), "N" },
    { "straight", 0, 0, G_OPTION_ARG_NONE, &straight,
      N_("Measure straight lines even where the project has streets"), NULL },
    { "every-community", 0, 0, G_OPTION_ARG_NONE, &every_community,
      N_("Every community with needs gets at least one unit, before priorities count"), NULL },
    { "community-minimum", 0, 0, G_OPTION_ARG_DOUBLE, &community_minimum,
      N_("With --every-community: what each community gets at least, a month, in its needs' "
         "measures (default 1)"), "QUANTITY" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new (_("FILE — assign partner units to the needs of communities, compounds "
                            "and grids"));

  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliPartnerProblem) pp = NULL;
  g_autoptr (LinliAssignResult) result = NULL;
  g_autoptr (LinliPartnerRules) rules = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 ||
      (!isnan (max_distance) && (max_distance < 0 || !isfinite (max_distance))) ||
      places_per_unit < 1 || places_per_unit > 10000 ||
      (!isnan (community_minimum) && (!(community_minimum > 0) || !isfinite (community_minimum))) ||
      (save != NULL && registry_uri == NULL))
    {
      g_printerr ("linli-tool assign: %s\n",
                  error ? error->message
                        : _("give one project FILE, a maximum distance of 0 or more, from 1 to "
                            "10000 places per unit, a community minimum above 0, and --save "
                            "only with --registry"));

      return 2;
    }
  project = linli_format_load_file (argv[1], &error);
  if (project == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  if (registry_uri != NULL)
    {
      g_autoptr (LinliRegistry) registry = linli_registry_open (registry_uri, &error);
      LinliPartners *partners = linli_project_get_partners (project);
      g_autoptr (LinliPartners) plan = linli_partners_new ();

      linli_partners_copy_from (plan, partners);
      /* The lists loaded name the registry, which --save records. */
      if (registry == NULL || !linli_registry_load (registry, partners, &error))
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 1;
        }
      if (linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS) == 0 &&
          linli_partners_get_n (plan, LINLI_PARTNER_LIST_NEEDS) > 0)
        {
          keep_plan_needs (partners, plan);
          linli_partners_keep_rules (partners, linli_partners_get_rules (plan));
        }
    }
  if (save != NULL && !linli_format_save_file (project, save, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  rules = linli_partner_rules_copy (linli_partners_get_rules (linli_project_get_partners (project)));
  if (!isnan (max_distance))
    rules->max_distance = max_distance;
  if (straight)
    rules->straight_line = TRUE;
  if (every_community)
    rules->every_community = TRUE;
  if (!isnan (community_minimum))
    rules->community_minimum = community_minimum;
  if (whole)
    pp = linli_partner_problem_new_whole (project, rules->max_distance, places_per_unit);
  else
    pp = linli_partner_problem_new (project, rules->max_distance);
  if (!add_pairs (pp, rules, TRUE, fixed, &error) || !add_pairs (pp, rules, FALSE, forbidden, &error))
    {
      g_printerr ("linli-tool assign: %s\n", error->message);
      return 2;
    }
  linli_partner_problem_apply_rules (pp, project, rules);
  result = linli_assign_solve (&pp->problem, &error);
  if (result == NULL)
    {
      g_printerr ("linli-tool assign: %s\n", error->message);
      return 2;
    }
  if (whole && json)
    print_whole_json (project, argv[1], pp, result, places_per_unit);
  else if (whole)
    {
      print_whole_text (project, pp, result, places_per_unit);
      print_communities_text (project, pp, result);
    }
  else if (json)
    print_json (project, argv[1], pp, result);
  else
    {
      print_text (project, pp, result);
      print_communities_text (project, pp, result);
    }
  return 0;
}
