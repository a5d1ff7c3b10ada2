/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-import-csv.h"

G_BEGIN_DECLS

/* The cell readers of building lists, by column, for the other list
 * readers of the import folder (candidate sites), so that every list reads
 * coordinates and text alike.  Not installed; io-private. */

gboolean _linli_csv_cell_error   (const LinliCsvTable *table,
                                  guint                row,
                                  int                  column,
                                  const char          *label,
                                  const char          *value,
                                  const char          *reason,
                                  GError             **error);
gboolean _linli_csv_cell_degrees (const LinliCsvTable *table,
                                  guint                row,
                                  int                  column,
                                  const char          *label,
                                  gboolean             is_lat,
                                  gboolean            *present,
                                  double              *value,
                                  GError             **error);
char    *_linli_csv_cell_text    (const LinliCsvTable *table,
                                  guint                row,
                                  int                  column) G_GNUC_WARN_UNUSED_RESULT;
char    *_linli_csv_cell_number  (const LinliCsvTable *table,
                                  guint                row,
                                  int                  column) G_GNUC_WARN_UNUSED_RESULT;
char    *_linli_csv_header_key   (const char *header) G_GNUC_WARN_UNUSED_RESULT;

/* A table filled by another reader (a GIS layer's attributes, a
 * spreadsheet through GDAL), so that it goes through the same column
 * mapping and cell readers as a CSV file.  Cells are UTF-8. */
LinliCsvTable *_linli_csv_table_new     (const char         *display_name,
                                         const char         *encoding,
                                         const char *const  *header,
                                         guint               n_columns) G_GNUC_WARN_UNUSED_RESULT;
gboolean       _linli_csv_table_add_row (LinliCsvTable      *table,
                                         const char *const  *cells,
                                         guint               line,
                                         GError            **error);

G_END_DECLS
