/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one CSV reader (RFC 4180) of the core: records and their fields with
 * the line each starts on.  Building lists and plan instances are both
 * read with it.  Errors read "FILE:LINE: reason" (or "FILE: reason").
 */

#define LINLI_CSV_MAX_FILE_SIZE   (256u * 1024 * 1024)  /* bytes */
#define LINLI_CSV_MAX_RECORD      (64u * 1024)          /* bytes of one row */
#define LINLI_CSV_MAX_FIELD       (16u * 1024)          /* bytes of one field */
#define LINLI_CSV_MAX_FIELDS      1000u                 /* fields of one row */

#define LINLI_CSV_ERROR (linli_csv_error_quark ())

typedef enum
{
  LINLI_CSV_ERROR_FAILED,    /* the file cannot be read: missing, not a regular file */
  LINLI_CSV_ERROR_INVALID,   /* it is read, but is no CSV within the limits */
} LinliCsvError;

typedef struct _LinliCsvReader LinliCsvReader;

GQuark          linli_csv_error_quark            (void);
gboolean        linli_csv_set_error              (GError              **error,
                                                  GQuark                domain,
                                                  int                   code,
                                                  const char           *path,
                                                  guint                 line,
                                                  const char           *format,
                                                  ...) G_GNUC_PRINTF (6, 7);
void            linli_csv_propagate_error        (GError              **dest,
                                                  GError               *src,
                                                  GQuark                domain,
                                                  int                   failed_code,
                                                  int                   invalid_code);

LinliCsvReader *linli_csv_reader_new_for_path    (const char           *path,
                                                  char                  separator,
                                                  GError              **error)
  G_GNUC_WARN_UNUSED_RESULT;
LinliCsvReader *linli_csv_reader_new_for_data    (const char           *data,
                                                  gsize                 length,
                                                  const char           *display_name,
                                                  char                  separator,
                                                  GError              **error)
  G_GNUC_WARN_UNUSED_RESULT;
void            linli_csv_reader_free            (LinliCsvReader       *self);

gboolean        linli_csv_reader_next            (LinliCsvReader       *self,
                                                  GError              **error);
guint           linli_csv_reader_get_n_fields    (const LinliCsvReader *self);
const char     *linli_csv_reader_get_field       (const LinliCsvReader *self,
                                                  guint                 index);
guint           linli_csv_reader_get_line        (const LinliCsvReader *self);

const char     *linli_csv_reader_get_display_name (const LinliCsvReader *self);
const char     *linli_csv_reader_get_encoding    (const LinliCsvReader *self);
char            linli_csv_reader_get_separator   (const LinliCsvReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliCsvReader, linli_csv_reader_free)

G_END_DECLS
