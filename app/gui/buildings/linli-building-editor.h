/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_BUILDING_EDITOR (linli_building_editor_get_type ())
G_DECLARE_FINAL_TYPE (LinliBuildingEditor, linli_building_editor, LINLI, BUILDING_EDITOR, AdwBin)

GtkWidget     *linli_building_editor_new           (void) G_GNUC_WARN_UNUSED_RESULT;

LinliDocument *linli_building_editor_get_document  (LinliBuildingEditor *self);
void           linli_building_editor_set_document  (LinliBuildingEditor *self,
                                                    LinliDocument       *document);
const guint   *linli_building_editor_get_selection (LinliBuildingEditor *self,
                                                    guint               *n);
void           linli_building_editor_set_selection (LinliBuildingEditor *self,
                                                    const guint         *buildings,
                                                    guint                n);
gboolean       linli_building_editor_apply         (LinliBuildingEditor *self);

G_END_DECLS
