/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_GRID_PROPOSE_DIALOG (linli_grid_propose_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LinliGridProposeDialog, linli_grid_propose_dialog, LINLI, GRID_PROPOSE_DIALOG, AdwWindow)

LinliGridProposeDialog *linli_grid_propose_dialog_new           (LinliDocument *document) G_GNUC_WARN_UNUSED_RESULT;
void                    linli_grid_propose_dialog_set_community (LinliGridProposeDialog *self,
                                                                 guint                   community);
void                    linli_grid_propose_dialog_set_range     (LinliGridProposeDialog *self,
                                                                 guint                   min,
                                                                 guint                   max);
gboolean                linli_grid_propose_dialog_get_busy      (LinliGridProposeDialog *self);
const char             *linli_grid_propose_dialog_get_result    (LinliGridProposeDialog *self);
gboolean                linli_grid_propose_dialog_get_can_apply (LinliGridProposeDialog *self);

G_END_DECLS
