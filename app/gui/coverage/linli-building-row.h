/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_BUILDING_ROW (linli_building_row_get_type ())
G_DECLARE_FINAL_TYPE (LinliBuildingRow, linli_building_row, LINLI, BUILDING_ROW, GtkWidget)

GtkWidget     *linli_building_row_new          (void) G_GNUC_WARN_UNUSED_RESULT;

LinliDocument *linli_building_row_get_document (LinliBuildingRow *self);
void           linli_building_row_set_document (LinliBuildingRow *self,
                                                LinliDocument    *document);
guint          linli_building_row_get_building (LinliBuildingRow *self);
void           linli_building_row_set_building (LinliBuildingRow *self,
                                                guint             building);

G_END_DECLS
