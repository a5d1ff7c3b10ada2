/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-columns-dialog.h"
#include "linli-history.h"
#include "linli-partner-csv.h"
#include "linli-partner-needs-csv.h"

G_BEGIN_DECLS

#define LINLI_TYPE_PARTNER_LIST_DIALOG (linli_partner_list_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LinliPartnerListDialog, linli_partner_list_dialog, LINLI,
                      PARTNER_LIST_DIALOG, LinliColumnsDialog)

LinliPartnerListDialog *linli_partner_list_dialog_new     (const char       *path,
                                                           LinliCsvTable    *table,
                                                           LinliHistory     *history,
                                                           LinliPartnerList  list)
  G_GNUC_WARN_UNUSED_RESULT;

LinliPartnerList linli_partner_list_dialog_get_list       (LinliPartnerListDialog *self);
int              linli_partner_list_dialog_get_column     (LinliPartnerListDialog *self,
                                                           guint                   field);
void             linli_partner_list_dialog_set_column     (LinliPartnerListDialog *self,
                                                           guint                   field,
                                                           int                     column);
void             linli_partner_list_dialog_set_add_categories (LinliPartnerListDialog *self,
                                                               gboolean                add);
gboolean         linli_partner_list_dialog_import         (LinliPartnerListDialog  *self,
                                                           guint                   *n_added,
                                                           guint                   *n_changed,
                                                           GError                 **error);

G_END_DECLS
