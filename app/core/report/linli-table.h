/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-figures.h"

G_BEGIN_DECLS

/*
 * A table of a report: a title, headed columns and rows of cells, each
 * cell with the text a reader sees and, for numbers, the value and its
 * unit.  The PDF and PNG pages draw the text, the CSV files write it, and
 * the Excel workbook writes the values as numbers with a format for their
 * unit, so one model feeds all three.
 */

typedef enum
{
  LINLI_TABLE_ALIGN_START,
  LINLI_TABLE_ALIGN_END,   /* numbers */
} LinliTableAlign;

typedef struct
{
  char            *text;
  double           value;   /* NAN for text */
  LinliFigureUnit  unit;
} LinliTableCell;

typedef struct
{
  char            *header;
  LinliTableAlign  align;
  double           weight;   /* share of the table's width, relative to the others */
} LinliTableColumn;

typedef struct _LinliTable LinliTable;

LinliTable             *linli_table_new            (const char *key,
                                                    const char *title) G_GNUC_WARN_UNUSED_RESULT;
LinliTable             *linli_table_ref            (LinliTable *self);
void                    linli_table_unref          (LinliTable *self);
void                    linli_table_add_column     (LinliTable      *self,
                                                    const char      *header,
                                                    LinliTableAlign  align,
                                                    double           weight);
void                    linli_table_add_row        (LinliTable *self);
void                    linli_table_add_text       (LinliTable *self,
                                                    const char *text);
void                    linli_table_add_number     (LinliTable      *self,
                                                    double           value,
                                                    LinliFigureUnit  unit);
void                    linli_table_add_formatted  (LinliTable      *self,
                                                    const char      *text,
                                                    double           value,
                                                    LinliFigureUnit  unit);
void                    linli_table_set_note       (LinliTable *self,
                                                    const char *note);

const char             *linli_table_get_key        (const LinliTable *self);
const char             *linli_table_get_title      (const LinliTable *self);
const char             *linli_table_get_note       (const LinliTable *self);
guint                   linli_table_get_n_columns  (const LinliTable *self);
const LinliTableColumn *linli_table_get_column     (const LinliTable *self,
                                                    guint             column);
guint                   linli_table_get_n_rows     (const LinliTable *self);
const LinliTableCell   *linli_table_get_cell       (const LinliTable *self,
                                                    guint             row,
                                                    guint             column);

GBytes                 *linli_table_to_csv         (const LinliTable *self)
                                                    G_GNUC_WARN_UNUSED_RESULT;
gboolean                linli_table_save_csv       (const LinliTable *self,
                                                    const char       *path,
                                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliTable, linli_table_unref)

G_END_DECLS
