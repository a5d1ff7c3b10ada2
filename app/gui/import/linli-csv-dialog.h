/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "linli-import-csv.h"

G_BEGIN_DECLS

/* What the dialog will do with the building list. */
typedef enum
{
  LINLI_CSV_MODE_NEW,    /* a new project from rows with coordinates */
  LINLI_CSV_MODE_JOIN,   /* the figures filled into the open project's buildings */
} LinliCsvMode;

#define LINLI_TYPE_CSV_DIALOG (linli_csv_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LinliCsvDialog, linli_csv_dialog, LINLI, CSV_DIALOG, AdwWindow)

LinliCsvDialog      *linli_csv_dialog_new            (LinliCsvTable *table,
                                                      LinliProject  *project) G_GNUC_WARN_UNUSED_RESULT;

LinliProject        *linli_csv_dialog_get_project    (LinliCsvDialog *self);
LinliCsvMode         linli_csv_dialog_get_mode       (LinliCsvDialog *self);
void                 linli_csv_dialog_set_mode       (LinliCsvDialog *self,
                                                      LinliCsvMode    mode);
int                  linli_csv_dialog_get_column     (LinliCsvDialog *self,
                                                      LinliCsvField   field);
void                 linli_csv_dialog_set_column     (LinliCsvDialog *self,
                                                      LinliCsvField   field,
                                                      int             column);
void                 linli_csv_dialog_get_options    (LinliCsvDialog  *self,
                                                      LinliCsvOptions *options);
void                 linli_csv_dialog_set_crs        (LinliCsvDialog *self,
                                                      LinliCrs        crs);
const char          *linli_csv_dialog_get_summary    (LinliCsvDialog *self);
gboolean             linli_csv_dialog_get_can_import (LinliCsvDialog *self);
LinliProject        *linli_csv_dialog_build          (LinliCsvDialog  *self,
                                                      GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
