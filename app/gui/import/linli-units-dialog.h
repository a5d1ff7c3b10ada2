/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-columns-dialog.h"
#include "linli-history.h"
#include "linli-partner-csv.h"

G_BEGIN_DECLS

#define LINLI_TYPE_UNITS_DIALOG (linli_units_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LinliUnitsDialog, linli_units_dialog, LINLI, UNITS_DIALOG, LinliColumnsDialog)

LinliUnitsDialog *linli_units_dialog_new        (const char    *path,
                                                 LinliCsvTable *table,
                                                 LinliHistory  *history) G_GNUC_WARN_UNUSED_RESULT;

int               linli_units_dialog_get_column (LinliUnitsDialog     *self,
                                                 LinliPartnerCsvField  field);
void              linli_units_dialog_set_column (LinliUnitsDialog     *self,
                                                 LinliPartnerCsvField  field,
                                                 int                   column);
void              linli_units_dialog_set_add_categories (LinliUnitsDialog *self,
                                                         gboolean          add);
gboolean          linli_units_dialog_import     (LinliUnitsDialog  *self,
                                                 guint             *n_added,
                                                 guint             *n_changed,
                                                 GError           **error);

G_END_DECLS
