/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "linli-document.h"
#include "linli-report-tables.h"

G_BEGIN_DECLS

/* What the dialog writes. */
typedef enum
{
  LINLI_REPORT_FORMAT_PDF,
  LINLI_REPORT_FORMAT_PNG,
  LINLI_REPORT_FORMAT_XLSX,
  LINLI_REPORT_FORMAT_CSV,
} LinliReportFormat;

#define LINLI_TYPE_REPORT_DIALOG (linli_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LinliReportDialog, linli_report_dialog, LINLI, REPORT_DIALOG, AdwWindow)

LinliReportDialog *linli_report_dialog_new        (LinliDocument             *document,
                                                   const LinliReportProposal *proposal)
                                                   G_GNUC_WARN_UNUSED_RESULT;
gboolean           linli_report_dialog_export_to  (LinliReportDialog *self,
                                                   const char        *path,
                                                   GError           **error);
void               linli_report_dialog_set_format (LinliReportDialog *self,
                                                   LinliReportFormat  format);
void               linli_report_dialog_set_deck   (LinliReportDialog *self,
                                                   gboolean           deck);

G_END_DECLS
