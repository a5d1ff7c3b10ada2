/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-columns-dialog.h"
#include "linli-history.h"
#include "linli-org-import.h"

G_BEGIN_DECLS

#define LINLI_TYPE_ORG_DIALOG (linli_org_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LinliOrgDialog, linli_org_dialog, LINLI, ORG_DIALOG, LinliColumnsDialog)

LinliOrgDialog *linli_org_dialog_new        (LinliCsvTable *table,
                                             LinliHistory  *history) G_GNUC_WARN_UNUSED_RESULT;

LinliOrgList    linli_org_dialog_get_list   (LinliOrgDialog *self);
void            linli_org_dialog_set_list   (LinliOrgDialog *self,
                                             LinliOrgList    list);
int             linli_org_dialog_get_column (LinliOrgDialog *self,
                                             LinliOrgField   field);
void            linli_org_dialog_set_column (LinliOrgDialog *self,
                                             LinliOrgField   field,
                                             int             column);
gboolean        linli_org_dialog_import     (LinliOrgDialog        *self,
                                             LinliOrgImportReport  *report,
                                             GError               **error);

G_END_DECLS
