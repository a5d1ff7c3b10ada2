/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"

G_BEGIN_DECLS

/* The four tables of the organisation chain the panel switches between. */
typedef enum
{
  LINLI_ORG_TABLE_COMMITTEES,
  LINLI_ORG_TABLE_BRANCHES,
  LINLI_ORG_TABLE_GROUPS,
  LINLI_ORG_TABLE_HOUSEHOLDS,
  LINLI_ORG_N_TABLES,
} LinliOrgTable;

#define LINLI_TYPE_ORG_PANEL (linli_org_panel_get_type ())
G_DECLARE_FINAL_TYPE (LinliOrgPanel, linli_org_panel, LINLI, ORG_PANEL, GtkWidget)

LinliOrgPanel *linli_org_panel_new            (void) G_GNUC_WARN_UNUSED_RESULT;
void           linli_org_panel_set_document   (LinliOrgPanel *self,
                                               LinliDocument *document);
LinliOrgTable  linli_org_panel_get_table      (LinliOrgPanel *self);
void           linli_org_panel_set_table      (LinliOrgPanel *self,
                                               LinliOrgTable  table);
void           linli_org_panel_set_search     (LinliOrgPanel *self,
                                               LinliOrgTable  table,
                                               const char    *text);
GtkSingleSelection *linli_org_panel_get_selection (LinliOrgPanel *self,
                                                   LinliOrgTable  table);
guint          linli_org_panel_get_n_columns  (LinliOrgTable  table);
char          *linli_org_panel_dup_cell_text  (LinliOrgPanel *self,
                                               LinliOrgTable  table,
                                               gpointer       item,
                                               guint          column) G_GNUC_WARN_UNUSED_RESULT;
GtkWidget     *linli_org_panel_get_editor     (LinliOrgPanel *self);

G_END_DECLS
