/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-columns-dialog.h"

G_BEGIN_DECLS

/* What the dialog will do with the building list. */
typedef enum
{
  LINLI_CSV_MODE_NEW,    /* a new project from rows with coordinates */
  LINLI_CSV_MODE_JOIN,   /* the figures filled into the open project's buildings */
} LinliCsvMode;

#define LINLI_TYPE_CSV_DIALOG (linli_csv_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LinliCsvDialog, linli_csv_dialog, LINLI, CSV_DIALOG, LinliColumnsDialog)

LinliCsvDialog      *linli_csv_dialog_new            (LinliCsvTable *table,
                                                      LinliProject  *project) G_GNUC_WARN_UNUSED_RESULT;

LinliProject        *linli_csv_dialog_get_project    (LinliCsvDialog *self);
LinliCsvMode         linli_csv_dialog_get_mode       (LinliCsvDialog *self);
void                 linli_csv_dialog_set_mode       (LinliCsvDialog *self,
                                                      LinliCsvMode    mode);
void                 linli_csv_dialog_get_options    (LinliCsvDialog  *self,
                                                      LinliCsvOptions *options);
void                 linli_csv_dialog_set_crs        (LinliCsvDialog *self,
                                                      LinliCrs        crs);
LinliProject        *linli_csv_dialog_build          (LinliCsvDialog  *self,
                                                      GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
