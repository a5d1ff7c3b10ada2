/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-history.h"
#include "linli-scenario-project.h"

G_BEGIN_DECLS

/* Undoable edits of the project's scenarios.  Each is one step in the
 * history; switching changes the project's sites and which scenario is
 * active in that one step. */

LinliScenario *linli_scenario_edits_create       (LinliHistory         *history,
                                                  const char           *name,
                                                  const char           *note,
                                                  const LinliDecisions *decisions,
                                                  GError              **error);
LinliScenario *linli_scenario_edits_create_from_sites (LinliHistory *history,
                                                  const char           *name,
                                                  const char           *note,
                                                  GPtrArray            *sites,
                                                  GError              **error);
LinliScenario *linli_scenario_edits_duplicate    (LinliHistory         *history,
                                                  const char           *id,
                                                  const char           *name,
                                                  GError              **error);
gboolean       linli_scenario_edits_rename       (LinliHistory         *history,
                                                  LinliScenario        *scenario,
                                                  const char           *name,
                                                  const char           *note,
                                                  GError              **error);
void           linli_scenario_edits_delete       (LinliHistory         *history,
                                                  LinliScenario        *scenario);
void           linli_scenario_edits_switch       (LinliHistory         *history,
                                                  const char           *id);

G_END_DECLS
