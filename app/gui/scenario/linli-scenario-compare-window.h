/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "linli-document.h"
#include "linli-scenario-compare.h"

G_BEGIN_DECLS

#define LINLI_TYPE_SCENARIO_COMPARE_WINDOW (linli_scenario_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (LinliScenarioCompareWindow, linli_scenario_compare_window, LINLI,
                      SCENARIO_COMPARE_WINDOW, AdwWindow)

LinliScenarioCompareWindow *linli_scenario_compare_window_new      (LinliDocument *document)
                                                                    G_GNUC_WARN_UNUSED_RESULT;
gboolean                    linli_scenario_compare_window_set_pair (LinliScenarioCompareWindow *self,
                                                                    const char                 *a,
                                                                    const char                 *b);
const LinliComparison      *linli_scenario_compare_window_get_comparison (LinliScenarioCompareWindow *self);
ShumateViewport            *linli_scenario_compare_window_get_viewport   (LinliScenarioCompareWindow *self,
                                                                          guint                       which);
GtkWidget                  *linli_scenario_compare_window_get_cell       (LinliScenarioCompareWindow *self,
                                                                          guint                       row,
                                                                          guint                       column);

G_END_DECLS
