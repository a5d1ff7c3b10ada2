/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-figures.h"
#include "linli-partner-proposal.h"
#include "linli-partners.h"

/**
 * linli_figures_add_partners:
 *
 * Adds the partner figures when an assignment was accepted: the share of
 * the needs met, per priority from the highest (what a street office is
 * asked about first), and the share of the units' capacity used, all per
 * month as the assignment counts them.
 */
void
linli_figures_add_partners (LinliFigures  *self,
                            LinliDocument *document)
{
  LinliPartners *partners = linli_project_get_partners (linli_document_get_project (document));
  const LinliPartnerAssignment *a = linli_partners_get_assignment (partners);
  g_autoptr (GArray) by_priority = NULL, used = NULL;
  double met = 0, total = 0, given = 0, capacity = 0;

  if (a == NULL)
    return;
  by_priority = linli_partner_met_by_priority (partners, a);
  used = linli_partner_capacity_used (partners, a);
  for (guint k = 0; k < by_priority->len; k++)
    {
      const LinliPartnerPriorityMet *row = &g_array_index (by_priority, LinliPartnerPriorityMet, k);

      met += row->met;
      total += row->total;
    }
  for (guint k = 0; k < used->len; k++)
    {
      given += g_array_index (used, LinliPartnerUnitUse, k).used;
      capacity += g_array_index (used, LinliPartnerUnitUse, k).capacity;
    }
  linli_figures_add (self, "partner-pairs", "partners", _("Partner pairs accepted"), a->n_pairs,
                     LINLI_FIGURE_COUNT, LINLI_FIGURE_NEUTRAL);
  linli_figures_add (self, "partner-needs-met", "partners", _("Partner needs met"),
                     total > 0 ? met / total : NAN, LINLI_FIGURE_SHARE,
                     LINLI_FIGURE_HIGHER_BETTER);
  for (guint k = 0; k < by_priority->len; k++)
    {
      const LinliPartnerPriorityMet *row = &g_array_index (by_priority, LinliPartnerPriorityMet, k);
      g_autofree char *key = g_strdup_printf ("partner-needs-met-priority-%u", row->priority);
      g_autofree char *label = g_strdup_printf (_("Partner needs of priority %u met"),
                                                row->priority);

      /* Keys live as long as the figures: interned, as the fixed ones are static. */
      linli_figures_add (self, g_intern_string (key), "partners", label,
                         row->total > 0 ? row->met / row->total : NAN, LINLI_FIGURE_SHARE,
                         LINLI_FIGURE_HIGHER_BETTER);
    }
  linli_figures_add (self, "partner-capacity-used", "partners", _("Partner capacity used"),
                     capacity > 0 ? given / capacity : NAN, LINLI_FIGURE_SHARE,
                     LINLI_FIGURE_NEUTRAL);
}
