/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-org"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-figures.h"
#include "linli-grids.h"
#include "linli-org.h"

/**
 * linli_figures_add_chain:
 *
 * Adds the organisation chain's figures when the project has one: the
 * district's shares of compounds with a branch, of buildings with a party
 * group and of buildings with a party member (over those whose members
 * are known), how many buildings' members are unknown when any are, and
 * how many holes the checks found (the grids' own violations included).
 */
void
linli_figures_add_chain (LinliFigures  *self,
                         LinliDocument *document)
{
  LinliProject *project = linli_document_get_project (document);
  const LinliOrgCheck *check;
  GPtrArray *violations;

  if (linli_org_is_empty (linli_project_get_org (project)) &&
      linli_grids_get_n_grids (linli_project_get_grids (project)) == 0)
    return;
  check = linli_document_get_org_check (document);
  violations = linli_document_get_violations (document);
  linli_figures_add (self, "compounds-with-branch", "chain", _("Compounds with a branch"),
                     linli_org_figures_share (check->district.compounds_with_branch, check->district.compounds),
                     LINLI_FIGURE_SHARE, LINLI_FIGURE_HIGHER_BETTER);
  linli_figures_add (self, "buildings-with-group", "chain", _("Buildings with a party group"),
                     linli_org_figures_share (check->district.buildings_with_group, check->district.buildings),
                     LINLI_FIGURE_SHARE, LINLI_FIGURE_HIGHER_BETTER);
  /* The share is over the buildings whose members are known, and says so
   * when some are not; how many are not is a figure of its own. */
  linli_figures_add (self, "buildings-with-member", "chain",
                     check->district.buildings_members_unknown > 0
                       ? _("Buildings with a party member (of those whose members are known)")
                       : _("Buildings with a party member"),
                     linli_org_figures_member_share (&check->district),
                     LINLI_FIGURE_SHARE, LINLI_FIGURE_HIGHER_BETTER);
  if (check->district.buildings_members_unknown > 0)
    linli_figures_add (self, "buildings-members-unknown", "chain",
                       _("Buildings with party members unknown"),
                       check->district.buildings_members_unknown,
                       LINLI_FIGURE_COUNT, LINLI_FIGURE_NEUTRAL);
  linli_figures_add (self, "violations", "chain", _("Problems found by the checks"), violations->len,
                     LINLI_FIGURE_COUNT, LINLI_FIGURE_LOWER_BETTER);
}
