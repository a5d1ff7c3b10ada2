/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-labels"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-labels.h"

const char *
linli_site_tier_label (LinliSiteTier tier)
{
  switch (tier)
    {
    case LINLI_SITE_TIER_STREET: return _("Street centre");
    case LINLI_SITE_TIER_COMMUNITY: return _("Community centre");
    case LINLI_SITE_TIER_STATION: return _("Compound or grid station");
    case LINLI_SITE_TIER_NEIGHBOURHOOD: return _("Neighbourhood centre");
    case LINLI_SITE_N_TIERS:
    default: return "";
    }
}

const char *
linli_site_status_label (LinliSiteStatus status)
{
  switch (status)
    {
    case LINLI_SITE_STATUS_EXISTING: return _("Existing");
    case LINLI_SITE_STATUS_CANDIDATE: return _("Candidate");
    case LINLI_SITE_STATUS_PLANNED: return _("Planned");
    case LINLI_SITE_N_STATUSES:
    default: return "";
    }
}
