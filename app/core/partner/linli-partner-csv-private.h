/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-csv.h"
#include "linli-partner-csv.h"

G_BEGIN_DECLS

/* What the readers of partner lists in CSV share (the units list in
 * linli-partner-csv.c, the needs list in linli-partner-needs-csv.c): the
 * columns found from the headers or given, the rows, the fields stripped,
 * numbers, periods and categories parsed, and the errors in one shape,
 * "FILE:LINE: reason". */

/* The headers a column is known by (the file's words, not translated). */
typedef const char *const LinliPartnerCsvHeaders[4];

/* A kind of list: its fields' headers and the one field it cannot do
 * without (with what to say when no column has it). */
typedef struct
{
  const LinliPartnerCsvHeaders *headers;
  guint                         n_fields;
  guint                         required;
  const char                   *no_required;   /* N_(): translated when said */
} LinliPartnerSheet;

/* How many refused rows a refusal lists; it counts the others. */
#define LINLI_PARTNER_CSV_MAX_LISTED 10u

/* One file being read: the reader, the columns, the current row's fields,
 * stripped, and the rows refused so far, "FILE:LINE: reason" a line. */
typedef struct
{
  LinliCsvReader *reader;
  const char     *path;
  int            *columns;   /* n_fields */
  char          **stripped;  /* n_fields */
  guint           n_fields;
  guint           n_rows;
  GString        *refused;
  guint           n_refused;
} LinliPartnerRows;

#define _linli_partner_csv_invalid(error, path, line, ...) \
  linli_csv_set_error ((error), LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID, \
                       (path), (line), __VA_ARGS__)

gboolean    _linli_partner_rows_open      (LinliPartnerRows        *rows,
                                           const LinliPartnerSheet *sheet,
                                           const char              *path,
                                           const int               *given,
                                           GError                 **error);
gboolean    _linli_partner_rows_next      (LinliPartnerRows        *rows,
                                           gboolean                *done,
                                           GError                 **error);
guint       _linli_partner_rows_line      (LinliPartnerRows        *rows);
void        _linli_partner_rows_refuse    (LinliPartnerRows        *rows,
                                           GError                  *row_error);
gboolean    _linli_partner_rows_check     (LinliPartnerRows        *rows,
                                           GError                 **error);
const char *_linli_partner_rows_text      (LinliPartnerRows        *rows,
                                           guint                    field);
gboolean    _linli_partner_rows_fail      (LinliPartnerRows        *rows,
                                           GError                  *local,
                                           GError                 **error);
void        _linli_partner_rows_clear     (LinliPartnerRows        *rows);

void        _linli_partner_sheet_guess    (const LinliPartnerSheet *sheet,
                                           const char *const       *headers,
                                           guint                    n_headers,
                                           int                     *columns);

gboolean    _linli_partner_csv_number     (LinliPartnerRows        *rows,
                                           const char              *text,
                                           const char              *column,
                                           double                   min,
                                           double                   max,
                                           gboolean                 optional,
                                           double                   fallback,
                                           double                  *value,
                                           GError                 **error);
gboolean    _linli_partner_csv_period     (LinliPartnerRows        *rows,
                                           const char              *text,
                                           LinliPartnerPeriod      *period,
                                           GError                 **error);
const char *_linli_partner_csv_category   (LinliPartnerRows        *rows,
                                           LinliPartners           *partners,
                                           const char              *text,
                                           gboolean                 add,
                                           GError                 **error);

void        _linli_partner_csv_bring_in   (LinliHistory            *history,
                                           LinliPartners           *work,
                                           LinliPartnerList         list,
                                           const char              *title);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LinliPartnerRows, _linli_partner_rows_clear)

G_END_DECLS
