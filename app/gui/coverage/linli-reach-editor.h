/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_REACH_EDITOR (linli_reach_editor_get_type ())
G_DECLARE_FINAL_TYPE (LinliReachEditor, linli_reach_editor, LINLI, REACH_EDITOR, AdwBin)

GtkWidget     *linli_reach_editor_new          (void) G_GNUC_WARN_UNUSED_RESULT;
LinliDocument *linli_reach_editor_get_document (LinliReachEditor *self);
void           linli_reach_editor_set_document (LinliReachEditor *self,
                                                LinliDocument    *document);
void           linli_reach_editor_select       (LinliReachEditor *self,
                                                LinliSiteTier     tier,
                                                LinliReachRule    rule,
                                                double            minutes);

G_END_DECLS
