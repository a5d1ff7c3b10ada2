/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"
#include "linli-partner-proposal.h"

G_BEGIN_DECLS

/* The two tables of the partners page. */
typedef enum
{
  LINLI_PARTNER_TABLE_UNITS,
  LINLI_PARTNER_TABLE_NEEDS,
  LINLI_PARTNER_N_TABLES,
} LinliPartnerTable;

#define LINLI_TYPE_PARTNER_PANEL (linli_partner_panel_get_type ())
G_DECLARE_FINAL_TYPE (LinliPartnerPanel, linli_partner_panel, LINLI, PARTNER_PANEL, GtkWidget)

LinliPartnerPanel    *linli_partner_panel_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void                  linli_partner_panel_set_document  (LinliPartnerPanel *self,
                                                         LinliDocument     *document);
void                  linli_partner_panel_set_table     (LinliPartnerPanel *self,
                                                         LinliPartnerTable  table);
void                  linli_partner_panel_set_search    (LinliPartnerPanel *self,
                                                         LinliPartnerTable  table,
                                                         const char        *text);
GtkSingleSelection   *linli_partner_panel_get_selection (LinliPartnerPanel *self,
                                                         LinliPartnerTable  table);
char                 *linli_partner_panel_dup_cell_text (LinliPartnerPanel *self,
                                                         LinliPartnerTable  table,
                                                         const char        *id,
                                                         guint              column)
  G_GNUC_WARN_UNUSED_RESULT;
GtkWidget            *linli_partner_panel_get_editor    (LinliPartnerPanel *self);
LinliPartnerProposal *linli_partner_panel_get_proposal  (LinliPartnerPanel *self);
const char           *linli_partner_panel_get_proposal_text (LinliPartnerPanel *self);
const char           *linli_partner_panel_get_accepted_text (LinliPartnerPanel *self);

G_END_DECLS
