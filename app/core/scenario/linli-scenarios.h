/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "linli-scenario.h"

G_BEGIN_DECLS

/* The project's scenarios (方案): a list of #LinliScenario, which one is
 * active, and, while one is, the base's sites.  A sub-model the project
 * holds.  The project's own sites are always those of the active scenario,
 * so everything that reads sites works unchanged in any scenario; the base
 * keeps its own list only while it is not active.  Switching, and anything
 * that needs the project's sites, is in linli-scenario-project.h.
 */
#define LINLI_TYPE_SCENARIOS (linli_scenarios_get_type ())
G_DECLARE_FINAL_TYPE (LinliScenarios, linli_scenarios, LINLI, SCENARIOS, GObject)

LinliScenarios *linli_scenarios_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void            linli_scenarios_copy_from     (LinliScenarios *self,
                                               LinliScenarios *source);

GListModel     *linli_scenarios_get_list      (LinliScenarios *self);
guint           linli_scenarios_get_n         (LinliScenarios *self);
LinliScenario  *linli_scenarios_get           (LinliScenarios *self,
                                               guint           position);
LinliScenario  *linli_scenarios_find          (LinliScenarios *self,
                                               const char     *id,
                                               guint          *position);
LinliScenario  *linli_scenarios_find_by_name  (LinliScenarios *self,
                                               const char     *name);
void            linli_scenarios_insert        (LinliScenarios *self,
                                               guint           position,
                                               LinliScenario  *scenario);
void            linli_scenarios_remove        (LinliScenarios *self,
                                               LinliScenario  *scenario);
char           *linli_scenarios_new_id        (LinliScenarios *self) G_GNUC_WARN_UNUSED_RESULT;
char           *linli_scenarios_new_name      (LinliScenarios *self,
                                               const char     *stem) G_GNUC_WARN_UNUSED_RESULT;
gboolean        linli_scenarios_check_name    (LinliScenarios *self,
                                               const char     *name,
                                               LinliScenario  *renamed,
                                               GError        **error);

const char     *linli_scenarios_get_active    (LinliScenarios *self);
LinliScenario  *linli_scenarios_get_active_scenario (LinliScenarios *self);
GPtrArray      *linli_scenarios_get_base      (LinliScenarios *self);
void            linli_scenarios_set_state     (LinliScenarios *self,
                                               const char     *active,
                                               GPtrArray      *base);

gboolean        linli_scenarios_uses_site_id  (LinliScenarios *self,
                                               const char     *id);
gboolean        linli_scenarios_is_empty      (LinliScenarios *self);
guint           linli_scenarios_get_serial    (LinliScenarios *self);
void            linli_scenarios_changed       (LinliScenarios *self);

const char     *linli_scenarios_base_name     (void);

G_END_DECLS
