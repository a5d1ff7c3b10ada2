/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_SCENARIO_SWITCHER (linli_scenario_switcher_get_type ())
G_DECLARE_FINAL_TYPE (LinliScenarioSwitcher, linli_scenario_switcher, LINLI, SCENARIO_SWITCHER,
                      AdwBin)

LinliScenarioSwitcher *linli_scenario_switcher_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void                   linli_scenario_switcher_set_document (LinliScenarioSwitcher *self,
                                                             LinliDocument         *document);
GtkDropDown           *linli_scenario_switcher_get_dropdown (LinliScenarioSwitcher *self);
AdwMessageDialog      *linli_scenario_switcher_get_dialog   (LinliScenarioSwitcher *self);
GtkWindow             *linli_scenario_switcher_get_compare_window (LinliScenarioSwitcher *self);

G_END_DECLS
