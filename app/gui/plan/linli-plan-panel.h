/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-coverage.h"
#include "linli-history.h"
#include "linli-plan.h"

G_BEGIN_DECLS

#define LINLI_TYPE_PLAN_PANEL (linli_plan_panel_get_type ())
G_DECLARE_FINAL_TYPE (LinliPlanPanel, linli_plan_panel, LINLI, PLAN_PANEL, GtkWidget)

void                   linli_plan_panel_set_project    (LinliPlanPanel *self,
                                                        LinliProject   *project,
                                                        LinliHistory   *history);
void                   linli_plan_panel_set_coverage   (LinliPlanPanel      *self,
                                                        const LinliCoverage *coverage);
void                   linli_plan_panel_run            (LinliPlanPanel *self);
void                   linli_plan_panel_cancel         (LinliPlanPanel *self);
gboolean               linli_plan_panel_get_running    (LinliPlanPanel *self);
guint                  linli_plan_panel_accept         (LinliPlanPanel *self);
void                   linli_plan_panel_set_problem    (LinliPlanPanel   *self,
                                                        LinliPlanProblem  problem);
void                   linli_plan_panel_set_k          (LinliPlanPanel *self,
                                                        guint           k);
const LinliPlanResult *linli_plan_panel_get_result     (LinliPlanPanel *self);
guint                  linli_plan_panel_get_proposal   (LinliPlanPanel  *self,
                                                        const char    ***ids,
                                                        const double   **adds);

G_END_DECLS
