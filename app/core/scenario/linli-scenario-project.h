/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"
#include "linli-scenarios.h"

G_BEGIN_DECLS

/* Scenarios and the project's sites: which sites a scenario has, switching
 * the project to a scenario (not recorded; linli-scenario-edits.h records
 * it), and a copy of the project in a scenario without switching, for
 * reports and comparisons. */

GPtrArray      *linli_scenario_project_dup_sites       (LinliProject *project)
                                                        G_GNUC_WARN_UNUSED_RESULT;
GPtrArray      *linli_scenario_project_dup_base        (LinliProject *project)
                                                        G_GNUC_WARN_UNUSED_RESULT;
LinliDecisions *linli_scenario_project_dup_decisions   (LinliProject *project,
                                                        const char   *id) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray      *linli_scenario_project_dup_view        (LinliProject *project,
                                                        const char   *id) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray      *linli_scenario_project_dup_sites_planned (LinliProject      *project,
                                                        const char *const *ids,
                                                        guint              n_ids) G_GNUC_WARN_UNUSED_RESULT;
void            linli_scenario_project_set_sites       (LinliProject *project,
                                                        GPtrArray    *states);
void            linli_scenario_project_switch          (LinliProject *project,
                                                        const char   *id);
gboolean        linli_scenario_project_resolve         (LinliProject   *project,
                                                        const char     *name_or_id,
                                                        LinliScenario **scenario,
                                                        GError        **error);
LinliProject   *linli_scenario_project_build           (LinliProject *project,
                                                        const char   *name_or_id,
                                                        GError      **error) G_GNUC_WARN_UNUSED_RESULT;
const char     *linli_scenario_project_name            (LinliProject *project,
                                                        const char   *id);

G_END_DECLS
