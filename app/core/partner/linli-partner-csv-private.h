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

typedef struct _LinliPartnerRows LinliPartnerRows;

/* What a reader is given (the project naming the places, the copy of the
 * lists to read into, whether to add categories) and counts. */
typedef struct
{
  LinliProject  *project;
  LinliPartners *work;
  gboolean       add_categories;
  guint          n_added;
  guint          n_changed;
} LinliPartnerRead;

/* A kind of list: its fields' headers and labels, the one field it cannot
 * do without (with what to say when no column has it), the name of its
 * import as an undo step, and how its rows, opened, go into the copy. */
typedef struct
{
  const LinliPartnerCsvHeaders *headers;
  const char *const            *labels;        /* N_() */
  guint                         n_fields;
  guint                         required;
  const char                   *no_required;   /* N_() */
  const char                   *title;         /* N_() */
  const char                   *empty;         /* N_(): a file of no item */
  gboolean                    (*read)          (LinliPartnerRows  *rows,
                                                LinliPartnerRead  *read,
                                                GError           **error);
} LinliPartnerSheet;

extern const LinliPartnerSheet _linli_partner_needs_sheet;

/* How many refused rows a refusal lists; it counts the others. */
#define LINLI_PARTNER_CSV_MAX_LISTED 10u

/* One file being read: the reader, the columns, the current row's fields,
 * stripped, and the rows refused so far, "FILE:LINE: reason" a line. */
struct _LinliPartnerRows
{
  const LinliPartnerSheet *sheet;
  LinliCsvReader *reader;
  const char     *path;
  int            *columns;   /* n_fields */
  char          **stripped;  /* n_fields */
  guint           n_fields;
  guint           n_rows;
  GString        *refused;
  guint           n_refused;
};

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
gboolean    _linli_partner_rows_finish    (LinliPartnerRows        *rows,
                                           gboolean                 done,
                                           guint                    n_items,
                                           GError                 **error);
const char *_linli_partner_rows_text      (LinliPartnerRows        *rows,
                                           guint                    field);
gboolean    _linli_partner_rows_fail      (LinliPartnerRows        *rows,
                                           GError                  *local,
                                           GError                 **error);
void        _linli_partner_rows_clear     (LinliPartnerRows        *rows);

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

void        _linli_partner_csv_put        (LinliPartnerRead        *read,
                                           LinliPartnerList         list,
                                           int                      position,
                                           gpointer                 item,
                                           char                   **id);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LinliPartnerRows, _linli_partner_rows_clear)

G_END_DECLS
