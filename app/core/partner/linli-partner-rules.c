/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner"

#include "config.h"

#include "linli-partner-rules.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char *const kind_names[] = { "fixed", "forbidden" };

/**
 * linli_partner_rule_kind_to_string:
 * @kind: a kind of rule
 *
 * Returns: (transfer none): its name in the file ("fixed")
 */
const char *
linli_partner_rule_kind_to_string (LinliPartnerRuleKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

/**
 * linli_partner_rule_kind_from_string:
 * @string: a kind's name in the file
 * @kind: (out): the kind
 *
 * Returns: whether @string names a kind of rule
 */
gboolean
linli_partner_rule_kind_from_string (const char           *string,
                                     LinliPartnerRuleKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (string, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * linli_partner_rules_new:
 *
 * Returns: (transfer full): no pairs, any distance, no community minimum
 *   (a minimum of 1 once asked for), walks along the streets
 */
LinliPartnerRules *
linli_partner_rules_new (void)
{
  LinliPartnerRules *rules = g_new0 (LinliPartnerRules, 1);

  rules->rules = g_new0 (LinliPartnerRule, 1);
  rules->community_minimum = 1;
  return rules;
}

/**
 * linli_partner_rules_copy:
 * @rules: rules
 *
 * Returns: (transfer full): a deep copy
 */
LinliPartnerRules *
linli_partner_rules_copy (const LinliPartnerRules *rules)
{
  LinliPartnerRules *copy;

  g_return_val_if_fail (rules != NULL, NULL);

  copy = g_new0 (LinliPartnerRules, 1);
  *copy = *rules;
  copy->rules = g_new0 (LinliPartnerRule, MAX (rules->n_rules, 1));
  for (guint i = 0; i < rules->n_rules; i++)
    copy->rules[i] = (LinliPartnerRule) { g_strdup (rules->rules[i].unit),
                                          g_strdup (rules->rules[i].need), rules->rules[i].kind };
  return copy;
}

/**
 * linli_partner_rules_free:
 * @rules: (nullable): rules
 */
void
linli_partner_rules_free (LinliPartnerRules *rules)
{
  if (rules == NULL)
    return;
  for (guint i = 0; i < rules->n_rules; i++)
    {
      g_free (rules->rules[i].unit);
      g_free (rules->rules[i].need);
    }
  g_free (rules->rules);
  g_free (rules);
}

/**
 * linli_partner_rules_equal:
 * @a: rules
 * @b: other rules
 *
 * Returns: whether both hold the same pairs in the same order and the
 *   same options
 */
gboolean
linli_partner_rules_equal (const LinliPartnerRules *a,
                           const LinliPartnerRules *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->n_rules != b->n_rules || a->max_distance != b->max_distance ||
      !a->every_community != !b->every_community ||
      a->community_minimum != b->community_minimum || !a->straight_line != !b->straight_line)
    return FALSE;
  for (guint i = 0; i < a->n_rules; i++)
    if (g_strcmp0 (a->rules[i].unit, b->rules[i].unit) != 0 ||
        g_strcmp0 (a->rules[i].need, b->rules[i].need) != 0 || a->rules[i].kind != b->rules[i].kind)
      return FALSE;
  return TRUE;
}

/**
 * linli_partner_rules_is_default:
 * @rules: rules
 *
 * Returns: whether @rules are those of linli_partner_rules_new(), so that
 *   a file need not hold them
 */
gboolean
linli_partner_rules_is_default (const LinliPartnerRules *rules)
{
  g_autoptr (LinliPartnerRules) fresh = linli_partner_rules_new ();

  g_return_val_if_fail (rules != NULL, TRUE);
  return linli_partner_rules_equal (rules, fresh);
}

/**
 * linli_partner_rules_find:
 * @rules: rules
 * @unit: a unit's id
 * @need: a need's id
 *
 * Returns: the index of the rule of @unit and @need, or -1 when there is none
 */
int
linli_partner_rules_find (const LinliPartnerRules *rules,
                          const char              *unit,
                          const char              *need)
{
  g_return_val_if_fail (rules != NULL, -1);

  for (guint i = 0; i < rules->n_rules; i++)
    if (g_strcmp0 (rules->rules[i].unit, unit) == 0 && g_strcmp0 (rules->rules[i].need, need) == 0)
      return (int) i;
  return -1;
}

/**
 * linli_partner_rules_set:
 * @rules: rules
 * @unit: a unit's id
 * @need: a need's id
 * @kind: always or never
 *
 * Makes the pair of @unit and @need fixed or forbidden; a pair has one
 * rule at most, so a fixed pair made forbidden is no longer fixed.
 */
void
linli_partner_rules_set (LinliPartnerRules    *rules,
                         const char           *unit,
                         const char           *need,
                         LinliPartnerRuleKind  kind)
{
  int found;

  g_return_if_fail (rules != NULL && unit != NULL && need != NULL);

  found = linli_partner_rules_find (rules, unit, need);
  if (found >= 0)
    {
      rules->rules[found].kind = kind;
      return;
    }
  rules->rules = g_renew (LinliPartnerRule, rules->rules, rules->n_rules + 1);
  rules->rules[rules->n_rules++] = (LinliPartnerRule) { g_strdup (unit), g_strdup (need), kind };
}

static void
remove_at (LinliPartnerRules *rules,
           guint              i)
{
  g_free (rules->rules[i].unit);
  g_free (rules->rules[i].need);
  memmove (&rules->rules[i], &rules->rules[i + 1],
           (rules->n_rules - i - 1) * sizeof (LinliPartnerRule));
  rules->n_rules--;
}

/**
 * linli_partner_rules_release:
 * @rules: rules
 * @unit: a unit's id
 * @need: a need's id
 *
 * Removes the rule of @unit and @need: the solver then pairs them as it finds best.
 *
 * Returns: whether there was such a rule
 */
gboolean
linli_partner_rules_release (LinliPartnerRules *rules,
                             const char        *unit,
                             const char        *need)
{
  int found;

  g_return_val_if_fail (rules != NULL, FALSE);

  found = linli_partner_rules_find (rules, unit, need);
  if (found < 0)
    return FALSE;
  remove_at (rules, (guint) found);
  return TRUE;
}

/**
 * linli_partner_rules_drop:
 * @rules: rules
 * @unit: (nullable): a unit's id
 * @need: (nullable): a need's id
 *
 * Removes every rule of unit @unit and every rule of need @need, as when
 * they are removed from the lists.
 *
 * Returns: how many rules were removed
 */
guint
linli_partner_rules_drop (LinliPartnerRules *rules,
                          const char        *unit,
                          const char        *need)
{
  guint n = 0;

  g_return_val_if_fail (rules != NULL, 0);

  for (guint i = rules->n_rules; i-- > 0;)
    if ((unit != NULL && g_strcmp0 (rules->rules[i].unit, unit) == 0) ||
        (need != NULL && g_strcmp0 (rules->rules[i].need, need) == 0))
      {
        remove_at (rules, i);
        n++;
      }
  return n;
}

/**
 * linli_partner_rules_describe:
 * @rules: rules
 *
 * Returns: (transfer full): the options and how many pairs are fixed and
 *   forbidden, lines for people each ending in a newline
 */
char *
linli_partner_rules_describe (const LinliPartnerRules *rules)
{
  GString *s;
  guint n_fixed = 0;

  g_return_val_if_fail (rules != NULL, NULL);

  s = g_string_new (NULL);
  if (rules->max_distance > 0)
    g_string_append_printf (s, _("Maximum distance: %.0f m\n"), rules->max_distance);
  else
    g_string_append (s, _("Maximum distance: none\n"));
  if (rules->every_community)
    /* Translators: the rule "every community at least one unit" with its minimum quantity */
    g_string_append_printf (s, _("Every community gets at least %g a month before priorities "
                                 "count\n"), rules->community_minimum);
  for (guint i = 0; i < rules->n_rules; i++)
    n_fixed += rules->rules[i].kind == LINLI_PARTNER_RULE_FIXED;
  if (rules->n_rules > 0)
    {
      g_autofree char *fixed = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u pair always made", "%u pairs always made", n_fixed),
        n_fixed);
      g_autofree char *forbidden = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u pair never made", "%u pairs never made",
                     rules->n_rules - n_fixed), rules->n_rules - n_fixed);

      /* Translators: how many pairs are fixed, then how many are forbidden */
      g_string_append_printf (s, _("Pairs set by hand: %s, %s\n"), fixed, forbidden);
    }
  return g_string_free (s, FALSE);
}
