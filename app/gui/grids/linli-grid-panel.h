/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"
#include "linli-grid.h"

G_BEGIN_DECLS

#define LINLI_TYPE_GRID_PANEL (linli_grid_panel_get_type ())
G_DECLARE_FINAL_TYPE (LinliGridPanel, linli_grid_panel, LINLI, GRID_PANEL, GtkWidget)

LinliGridPanel *linli_grid_panel_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void            linli_grid_panel_set_document (LinliGridPanel *self,
                                               LinliDocument  *document);
LinliGrid      *linli_grid_panel_get_selected (LinliGridPanel *self);
void            linli_grid_panel_select       (LinliGridPanel *self,
                                               LinliGrid      *grid);
char           *linli_grid_panel_get_summary  (LinliGridPanel *self) G_GNUC_WARN_UNUSED_RESULT;
guint           linli_grid_panel_get_n_problems (LinliGridPanel *self);
void            linli_grid_panel_activate_problem (LinliGridPanel *self,
                                                   guint           index);

G_END_DECLS
