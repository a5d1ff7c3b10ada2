/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-history.h"

G_BEGIN_DECLS

/* Undoable edits of the project's own data: its sites and its walking rule. */

LinliSite *linli_project_edits_add_site     (LinliHistory         *history,
                                             const LinliSiteState *state);
void       linli_project_edits_remove_site  (LinliHistory *history,
                                             LinliSite    *site);
void       linli_project_edits_change_site  (LinliHistory         *history,
                                             const char           *label,
                                             LinliSite            *site,
                                             const LinliSiteState *state);
void       linli_project_edits_nudge_site   (LinliHistory         *history,
                                             LinliSite            *site,
                                             const LinliSiteState *state);
void       linli_project_edits_record_site  (LinliHistory         *history,
                                             const char           *label,
                                             LinliSite            *site,
                                             const LinliSiteState *before);
void       linli_project_edits_set_walk     (LinliHistory *history,
                                             double        minutes,
                                             double        speed);
void       linli_project_edits_set_distance (LinliHistory  *history,
                                             LinliDistance  distance);
void       linli_project_edits_set_reaches  (LinliHistory     *history,
                                             const LinliReach *reaches);
void       linli_project_edits_set_tier_reach (LinliHistory     *history,
                                               LinliSiteTier     tier,
                                               const LinliReach *reach);
void       linli_project_edits_set_hide_names (LinliHistory *history,
                                               gboolean      hide);

G_END_DECLS
