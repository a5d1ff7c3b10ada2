/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "linli-import-csv.h"

G_BEGIN_DECLS

#define LINLI_TYPE_COLUMNS_DIALOG (linli_columns_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (LinliColumnsDialog, linli_columns_dialog, LINLI, COLUMNS_DIALOG,
                          AdwWindow)

/**
 * LinliColumnsDialogClass:
 * @update: works out what the import would do with the choices as they
 *   are now, says so with linli_columns_dialog_set_summary(), and may
 *   refill the preview
 *
 * The frame every list import shares: the file, a preview, one dropdown
 * per field listing the file's columns, what the list is for (rows the
 * subclass adds to the options group), a summary and the import action.
 */
struct _LinliColumnsDialogClass
{
  AdwWindowClass parent_class;

  void (*update) (LinliColumnsDialog *self);
};

/* A field a column can be chosen for. */
typedef struct
{
  const char *label;      /* for people, translated */
  gboolean    required;   /* its dropdown offers no "None" */
  int         column;     /* the column guessed, or -1 */
} LinliColumnsField;

void                 linli_columns_dialog_set_table      (LinliColumnsDialog *self,
                                                          LinliCsvTable      *table);
const LinliCsvTable *linli_columns_dialog_get_table      (LinliColumnsDialog *self);
void                 linli_columns_dialog_set_fields     (LinliColumnsDialog      *self,
                                                          const LinliColumnsField *fields,
                                                          guint                    n_fields);
guint                linli_columns_dialog_get_n_fields   (LinliColumnsDialog *self);
int                  linli_columns_dialog_get_column     (LinliColumnsDialog *self,
                                                          guint               field);
void                 linli_columns_dialog_set_column     (LinliColumnsDialog *self,
                                                          guint               field,
                                                          int                 column);
AdwPreferencesGroup *linli_columns_dialog_get_options    (LinliColumnsDialog *self);
void                 linli_columns_dialog_clear_preview  (LinliColumnsDialog *self);
GtkWidget           *linli_columns_dialog_add_preview    (LinliColumnsDialog *self,
                                                          guint               column,
                                                          guint               row,
                                                          const char         *text,
                                                          const char         *css_class);
char                *linli_columns_dialog_dup_column_title (LinliColumnsDialog *self,
                                                            int                 column)
                                                            G_GNUC_WARN_UNUSED_RESULT;
void                 linli_columns_dialog_update         (LinliColumnsDialog *self);
void                 linli_columns_dialog_set_summary    (LinliColumnsDialog *self,
                                                          const char         *summary,
                                                          gboolean            is_error,
                                                          gboolean            can_import);
const char          *linli_columns_dialog_get_summary    (LinliColumnsDialog *self);
gboolean             linli_columns_dialog_get_can_import (LinliColumnsDialog *self);

G_END_DECLS
