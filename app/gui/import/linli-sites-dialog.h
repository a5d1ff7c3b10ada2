/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-columns-dialog.h"
#include "linli-import-sites.h"

G_BEGIN_DECLS

#define LINLI_TYPE_SITES_DIALOG (linli_sites_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LinliSitesDialog, linli_sites_dialog, LINLI, SITES_DIALOG, LinliColumnsDialog)

LinliSitesDialog *linli_sites_dialog_new        (LinliCsvTable *table,
                                                 LinliHistory  *history) G_GNUC_WARN_UNUSED_RESULT;
int               linli_sites_dialog_get_column (LinliSitesDialog *self,
                                                 LinliSiteField    field);
void              linli_sites_dialog_set_column (LinliSitesDialog *self,
                                                 LinliSiteField    field,
                                                 int               column);
void              linli_sites_dialog_set_crs    (LinliSitesDialog *self,
                                                 LinliCrs          crs);
guint             linli_sites_dialog_import     (LinliSitesDialog *self);
void              linli_sites_dialog_set_layers (LinliSitesDialog *self,
                                                 const char       *path,
                                                 GPtrArray        *layers);
gboolean          linli_sites_dialog_select_layer (LinliSitesDialog  *self,
                                                   guint              layer,
                                                   GError           **error);

G_END_DECLS
