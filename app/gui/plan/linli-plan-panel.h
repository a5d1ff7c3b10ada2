/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"
#include "linli-plan.h"
#include "linli-scenario.h"

G_BEGIN_DECLS

#define LINLI_TYPE_PLAN_PANEL (linli_plan_panel_get_type ())
G_DECLARE_FINAL_TYPE (LinliPlanPanel, linli_plan_panel, LINLI, PLAN_PANEL, GtkWidget)

LinliPlanPanel        *linli_plan_panel_new            (void) G_GNUC_WARN_UNUSED_RESULT;
void                   linli_plan_panel_set_document   (LinliPlanPanel *self,
                                                        LinliDocument  *document);
void                   linli_plan_panel_run            (LinliPlanPanel *self);
void                   linli_plan_panel_cancel         (LinliPlanPanel *self);
gboolean               linli_plan_panel_get_running    (LinliPlanPanel *self);
guint                  linli_plan_panel_accept         (LinliPlanPanel *self);
LinliScenario         *linli_plan_panel_save_as_scenario (LinliPlanPanel *self);
void                   linli_plan_panel_set_problem    (LinliPlanPanel   *self,
                                                        LinliPlanProblem  problem);
void                   linli_plan_panel_set_k          (LinliPlanPanel *self,
                                                        guint           k);
const LinliPlanResult *linli_plan_panel_get_result     (LinliPlanPanel *self);
const char            *linli_plan_panel_get_summary    (LinliPlanPanel *self);
void                   linli_plan_panel_set_service    (LinliPlanPanel *self,
                                                        guint           service);
void                   linli_plan_panel_set_capacitated (LinliPlanPanel *self,
                                                         gboolean        capacitated);
guint                  linli_plan_panel_get_proposal   (LinliPlanPanel  *self,
                                                        const char    ***ids,
                                                        const double   **adds);

G_END_DECLS
