/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-csv.h"
#include "linli-import.h"

G_BEGIN_DECLS

/* Building lists from spreadsheets: a CSV reader, a mapping of
 * its columns to building fields, and two ways in: a new project from rows
 * with coordinates, or the figures of a list filled into the buildings of
 * a project (say footprints from OpenStreetMap).  Errors use
 * LINLI_IMPORT_ERROR and read "FILE:LINE: reason".
 */

#define LINLI_CSV_MAX_COUNT       1000000u              /* households, residents or members of a building */

typedef struct _LinliCsvTable LinliCsvTable;

/* What a column can hold. */
typedef enum
{
  LINLI_CSV_FIELD_ID,
  LINLI_CSV_FIELD_NAME,
  LINLI_CSV_FIELD_COMPOUND,
  LINLI_CSV_FIELD_COMMUNITY,
  LINLI_CSV_FIELD_HOUSEHOLDS,
  LINLI_CSV_FIELD_RESIDENTS,
  LINLI_CSV_FIELD_PARTY_MEMBERS,
  LINLI_CSV_FIELD_LAT,
  LINLI_CSV_FIELD_LON,
  LINLI_CSV_FIELD_KEY,        /* what joins a row to a building: a number or an address */
  LINLI_CSV_N_FIELDS,
} LinliCsvField;

/* The column (0-based) of each field, or -1 for none. */
typedef struct
{
  int columns[LINLI_CSV_N_FIELDS];
} LinliCsvMapping;

/* What the join compares the key column with. */
typedef enum
{
  LINLI_CSV_KEY_NAME,   /* building names, normalised (see linli_csv_normalize_name()) */
  LINLI_CSV_KEY_ID,     /* building ids */
} LinliCsvKey;

typedef struct
{
  LinliCrs    crs;                      /* of the coordinates in the file */
  const char *name;                     /* of a new project; NULL: the file's name */
  LinliCsvKey key;                      /* of a join */
  double      residents_per_household;  /* for a missing households or residents figure */
} LinliCsvOptions;

typedef struct
{
  gboolean join;                 /* a join, not a new project */
  guint    rows;                 /* data rows; blank ones are not counted */
  /* A new project */
  guint    buildings;            /* made */
  guint    skipped;              /* rows without coordinates */
  guint    estimated;            /* buildings with households or residents derived from the other */
  /* A join */
  guint    matched;              /* rows matched to exactly one building */
  guint    unmatched;            /* rows no building matched (or with an empty key) */
  guint    ambiguous;            /* rows that matched several buildings: nothing guessed */
  guint    duplicates;           /* rows for a building an earlier row already filled */
  guint    buildings_unmatched;  /* buildings of the project no row filled */
  GArray  *skipped_lines;        /* guint: the line each such row starts on */
  GArray  *unmatched_lines;
  GArray  *ambiguous_lines;
  GArray  *duplicate_lines;
  GArray  *unmatched_buildings;  /* guint: building indices */
} LinliCsvReport;

LinliCsvTable *linli_csv_table_load           (const char  *path,
                                               char         separator,
                                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
LinliCsvTable *linli_csv_table_parse          (const char  *data,
                                               gsize        length,
                                               const char  *display_name,
                                               char         separator,
                                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
void           linli_csv_table_free           (LinliCsvTable *table);
const char    *linli_csv_table_get_display_name (const LinliCsvTable *table);
const char    *linli_csv_table_get_encoding   (const LinliCsvTable *table);
char           linli_csv_table_get_separator  (const LinliCsvTable *table);
guint          linli_csv_table_get_n_columns  (const LinliCsvTable *table);
guint          linli_csv_table_get_n_rows     (const LinliCsvTable *table);
const char    *linli_csv_table_get_header     (const LinliCsvTable *table,
                                               guint                column);
const char    *linli_csv_table_get_cell       (const LinliCsvTable *table,
                                               guint                row,
                                               guint                column);
guint          linli_csv_table_get_line       (const LinliCsvTable *table,
                                               guint                row);
int            linli_csv_table_find_column    (const LinliCsvTable *table,
                                               const char          *spec);
const char    *linli_csv_separator_to_string  (char separator);

const char    *linli_csv_field_to_string      (LinliCsvField field);
gboolean       linli_csv_field_from_string    (const char    *string,
                                               LinliCsvField *field);
const char    *linli_csv_field_get_label      (LinliCsvField field);

void           linli_csv_mapping_init         (LinliCsvMapping *mapping);
void           linli_csv_mapping_guess        (LinliCsvMapping     *mapping,
                                               const LinliCsvTable *table);
gboolean       linli_csv_mapping_parse        (LinliCsvMapping     *mapping,
                                               const LinliCsvTable *table,
                                               const char          *assignment,
                                               GError             **error);
int            linli_csv_mapping_get_join_column (const LinliCsvMapping *mapping,
                                                  LinliCsvKey            key);

void           linli_csv_options_init         (LinliCsvOptions *options);
void           linli_csv_report_clear         (LinliCsvReport *report);
char          *linli_csv_report_describe      (const LinliCsvReport *report) G_GNUC_WARN_UNUSED_RESULT;
char          *linli_csv_format_lines         (const GArray *lines,
                                               guint         max) G_GNUC_WARN_UNUSED_RESULT;

char          *linli_csv_normalize_name       (const char *name) G_GNUC_WARN_UNUSED_RESULT;

LinliProject  *linli_csv_import               (const LinliCsvTable   *table,
                                               const LinliCsvMapping *mapping,
                                               const LinliCsvOptions *options,
                                               LinliCsvReport        *report,
                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean       linli_csv_join_check           (LinliProject          *project,
                                               const LinliCsvTable   *table,
                                               const LinliCsvMapping *mapping,
                                               const LinliCsvOptions *options,
                                               LinliCsvReport        *report,
                                               GError               **error);
LinliProject  *linli_csv_join                 (LinliProject          *project,
                                               const LinliCsvTable   *table,
                                               const LinliCsvMapping *mapping,
                                               const LinliCsvOptions *options,
                                               LinliCsvReport        *report,
                                               GError               **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliCsvTable, linli_csv_table_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LinliCsvReport, linli_csv_report_clear)

G_END_DECLS
