/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a street office wants its partner units proposed, kept with the plan
 * so that a saved plan proposes the same way again: pairs of a unit and a
 * need always made (fixed: the unit serves the need first, as much as it
 * can, at any distance) or never made (forbidden), and the options
 * `linli-tool assign` has: a maximum distance, every community at least a
 * minimum, and straight lines instead of walks along the streets. */

typedef enum
{
  LINLI_PARTNER_RULE_FIXED,
  LINLI_PARTNER_RULE_FORBIDDEN,
} LinliPartnerRuleKind;

const char *linli_partner_rule_kind_to_string   (LinliPartnerRuleKind  kind);
gboolean    linli_partner_rule_kind_from_string (const char           *string,
                                                 LinliPartnerRuleKind *kind);

typedef struct
{
  char                 *unit;
  char                 *need;
  LinliPartnerRuleKind  kind;
} LinliPartnerRule;

typedef struct
{
  LinliPartnerRule *rules;
  guint             n_rules;
  double            max_distance;       /* metres; 0: any distance */
  gboolean          every_community;
  double            community_minimum;  /* a month, above 0 */
  gboolean          straight_line;      /* TRUE: no walks along the streets */
} LinliPartnerRules;

#define LINLI_PARTNER_RULES_MAX_DISTANCE 1e8
#define LINLI_PARTNER_RULES_MAX_RULES    1000000u

LinliPartnerRules *linli_partner_rules_new        (void) G_GNUC_WARN_UNUSED_RESULT;
LinliPartnerRules *linli_partner_rules_copy       (const LinliPartnerRules *rules)
  G_GNUC_WARN_UNUSED_RESULT;
void               linli_partner_rules_free       (LinliPartnerRules       *rules);
gboolean           linli_partner_rules_equal      (const LinliPartnerRules *a,
                                                   const LinliPartnerRules *b);
gboolean           linli_partner_rules_is_default (const LinliPartnerRules *rules);
int                linli_partner_rules_find       (const LinliPartnerRules *rules,
                                                   const char              *unit,
                                                   const char              *need);
void               linli_partner_rules_set        (LinliPartnerRules       *rules,
                                                   const char              *unit,
                                                   const char              *need,
                                                   LinliPartnerRuleKind     kind);
gboolean           linli_partner_rules_release    (LinliPartnerRules       *rules,
                                                   const char              *unit,
                                                   const char              *need);
guint              linli_partner_rules_drop       (LinliPartnerRules       *rules,
                                                   const char              *unit,
                                                   const char              *need);
char              *linli_partner_rules_describe   (const LinliPartnerRules *rules)
  G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPartnerRules, linli_partner_rules_free)

G_END_DECLS
