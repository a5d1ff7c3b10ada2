/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-figures.h"
#include "linli-site.h"

G_BEGIN_DECLS

/* Words and numbers as every part of the window shows them, so that a site
 * row and the site editor's drop-downs never disagree. */
const char *linli_site_tier_label   (LinliSiteTier   tier);
const char *linli_site_status_label (LinliSiteStatus status);

G_END_DECLS
