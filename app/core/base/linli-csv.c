/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-csv"

#include "config.h"

#include "linli-csv.h"

#include "linli-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (linli-csv-error-quark, linli_csv_error)

struct _LinliCsvReader
{
  char       *display_name;
  const char *encoding;     /* a static string */
  char        separator;
  char       *file_data;    /* the bytes read from the file, if any */
  char       *converted;    /* the text as UTF-8, when it was not */
  const char *p;
  const char *end;
  guint       next_line;    /* the line of p */
  guint       line;         /* the line the current record starts on */
  GString    *text;         /* the current record's fields, each NUL-terminated */
  GArray     *offsets;      /* guint32: where each field starts in text */
};

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

#define fail_at(error, code, path, line, ...) \
  linli_csv_set_error ((error), LINLI_CSV_ERROR, (code), (path), (line), __VA_ARGS__)

/* The line of byte @offset of @data: 1 plus the line ends before it, where
 * CR LF, LF and a lone CR each end a line. */
static guint
line_of (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
      line++;
  return line;
}

static gboolean
is_blank (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* Reads a regular file of at most LINLI_CSV_MAX_FILE_SIZE bytes.  Devices,
 * pipes and directories are refused by the core's one check before a byte
 * is read, and so is a file whose size is over the cap, sparse or not: it
 * is mapped, and only copied once its size is known to be within it. */
static char *
read_regular_file (const char *path,
                   gsize      *length,
                   GError    **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local_error = NULL;
  char *data;
  gsize n;

  mapped = linli_file_map (path, &local_error);
  if (mapped == NULL)
    {
      g_set_error_literal (error, LINLI_CSV_ERROR, LINLI_CSV_ERROR_FAILED, local_error->message);
      return NULL;
    }
  n = g_mapped_file_get_length (mapped);
  if (n > LINLI_CSV_MAX_FILE_SIZE)
    {
      fail_at (error, LINLI_CSV_ERROR_INVALID, path, 0, _("the file is larger than %u MB"),
               LINLI_CSV_MAX_FILE_SIZE >> 20);
      return NULL;
    }
  data = g_malloc (n + 1);
  if (n > 0)
    memcpy (data, g_mapped_file_get_contents (mapped), n);
  data[n] = '\0';
  *length = n;
  return data;
}

/* Sets up the text of @self as UTF-8.  Spreadsheets in China often save
 * GBK (whose superset GB18030 decodes it): text that is not valid UTF-8 is
 * read as GB18030.  A byte-order mark says UTF-8 or UTF-16 for sure. */
static gboolean
decode (LinliCsvReader *self,
        const char     *data,
        gsize           length,
        GError        **error)
{
  const char *path = self->display_name;
  const char *bad = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize read = 0, written = 0;

  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      self->encoding = (guchar) data[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
      self->converted = g_convert (data + 2, length - 2, "UTF-8", self->encoding, &read, &written,
                                   &local_error);
      if (self->converted == NULL)
        return fail_at (error, LINLI_CSV_ERROR_INVALID, path, 0, _("the text is not valid %s"),
                        self->encoding);
      self->p = self->converted;
      self->end = self->converted + written;
      return TRUE;
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      if (!g_utf8_validate_len (data + 3, length - 3, &bad))
        return fail_at (error, LINLI_CSV_ERROR_INVALID, path, line_of (data, bad - data),
                        _("the text is not valid UTF-8"));
      self->encoding = "UTF-8";
      self->p = data + 3;
      self->end = data + length;
      return TRUE;
    }

  bad = memchr (data, '\0', length);
  if (bad != NULL)
    return fail_at (error, LINLI_CSV_ERROR_INVALID, path, line_of (data, bad - data),
                    _("the file holds binary data, not text"));
  if (g_utf8_validate_len (data, length, NULL))
    {
      self->encoding = "UTF-8";
      self->p = data;
      self->end = data + length;
      return TRUE;
    }
  self->converted = g_convert (data, length, "UTF-8", "GB18030", &read, &written, &local_error);
  if (self->converted == NULL)
    return fail_at (error, LINLI_CSV_ERROR_INVALID, path, line_of (data, MIN (read, length)),
                    _("the text is neither UTF-8 nor GB18030 (GBK)"));
  self->encoding = "GB18030";
  self->p = self->converted;
  self->end = self->converted + written;
  return TRUE;
}

/* The separator that occurs most often outside quotes on the first line
 * with any text; a comma when none does. */
static char
detect_separator (const char *p,
                  const char *end)
{
  static const char candidates[] = { ',', '\t', ';' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE, seen_text = FALSE;
  char best = ',';
  guint best_count = 0;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        {
          if (seen_text)
            break;
          continue;
        }
      if (!g_ascii_isspace (*p) || *p == '\t')
        seen_text = TRUE;
      if (!quoted)
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          counts[i] += *p == candidates[i];
    }
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (counts[i] > best_count)
      {
        best = candidates[i];
        best_count = counts[i];
      }
  return best;
}

/* ------------------------------------------------------------------------ */
/* Reading records                                                           */
/* ------------------------------------------------------------------------ */

static gboolean
is_blank_char (LinliCsvReader *self,
               char            c)
{
  return c == ' ' || (c == '\t' && self->separator != '\t');
}

/* Steps over one line end at self->p, if there is one. */
static gboolean
eat_line_end (LinliCsvReader *self)
{
  if (self->p < self->end && *self->p == '\r')
    {
      self->p++;
      if (self->p < self->end && *self->p == '\n')
        self->p++;
      self->next_line++;
      return TRUE;
    }
  if (self->p < self->end && *self->p == '\n')
    {
      self->p++;
      self->next_line++;
      return TRUE;
    }
  return FALSE;
}

/* Reads one record into self->text and self->offsets.  Quoted fields may
 * hold separators, doubled quotes and line breaks; blanks around a quoted
 * field are allowed.  Line breaks inside quotes become "\n". */
static gboolean
read_record (LinliCsvReader *self,
             GError        **error)
{
  const char *path = self->display_name;
  const char *record = self->p;

  self->line = self->next_line;
  g_string_truncate (self->text, 0);
  g_array_set_size (self->offsets, 0);
  for (;;)
    {
      guint32 offset = self->text->len;
      const char *q = self->p;

      if (self->offsets->len >= LINLI_CSV_MAX_FIELDS)
        return fail_at (error, LINLI_CSV_ERROR_INVALID, path, self->line, _("more than %u fields"),
                        LINLI_CSV_MAX_FIELDS);

      while (q < self->end && is_blank_char (self, *q))
        q++;
      if (q < self->end && *q == '"')
        {
          guint open_line = self->next_line;

          self->p = q + 1;
          for (;;)
            {
              if (self->p >= self->end)
                return fail_at (error, LINLI_CSV_ERROR_INVALID, path, open_line,
                                _("a quoted field is not closed"));
              if ((gsize) (self->p - record) > LINLI_CSV_MAX_RECORD)
                return fail_at (error, LINLI_CSV_ERROR_INVALID, path, self->line,
                                _("the row is longer than %u bytes"), LINLI_CSV_MAX_RECORD);
              if (self->text->len - offset > LINLI_CSV_MAX_FIELD)
                return fail_at (error, LINLI_CSV_ERROR_INVALID, path, self->line,
                                _("field %u is longer than %u bytes"), self->offsets->len + 1,
                                LINLI_CSV_MAX_FIELD);
              if (*self->p == '"')
                {
                  if (self->p + 1 < self->end && self->p[1] == '"')
                    {
                      g_string_append_c (self->text, '"');
                      self->p += 2;
                      continue;
                    }
                  self->p++;
                  break;
                }
              if (eat_line_end (self))
                {
                  g_string_append_c (self->text, '\n');
                  continue;
                }
              g_string_append_c (self->text, *self->p++);
            }
          while (self->p < self->end && is_blank_char (self, *self->p))
            self->p++;
          if (self->p < self->end && *self->p != self->separator &&
              *self->p != '\n' && *self->p != '\r')
            return fail_at (error, LINLI_CSV_ERROR_INVALID, path, self->next_line,
                            _("text after a closing quote"));
        }
      else
        {
          const char *s = self->p;
          const char *record_limit = MIN (self->end, record + LINLI_CSV_MAX_RECORD + 1);
          const char *limit = MIN (record_limit, s + LINLI_CSV_MAX_FIELD + 1);

          while (self->p < limit &&
                 *self->p != self->separator && *self->p != '\n' && *self->p != '\r')
            self->p++;
          if (self->p == record_limit && record_limit < self->end)
            return fail_at (error, LINLI_CSV_ERROR_INVALID, path, self->line,
                            _("the row is longer than %u bytes"), LINLI_CSV_MAX_RECORD);
          if (self->p == limit && limit < self->end)
            return fail_at (error, LINLI_CSV_ERROR_INVALID, path, self->line,
                            _("field %u is longer than %u bytes"), self->offsets->len + 1,
                            LINLI_CSV_MAX_FIELD);
          g_string_append_len (self->text, s, self->p - s);
        }
      g_string_append_c (self->text, '\0');
      g_array_append_val (self->offsets, offset);

      if (self->p < self->end && *self->p == self->separator)
        {
          self->p++;
          continue;
        }
      eat_line_end (self);
      return TRUE;
    }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

/**
 * linli_csv_set_error:
 * @domain: the error's domain
 * @code: its code
 * @path: the file, as shown
 * @line: the line, counting from 1; 0 for the file as a whole
 * @format: the reason, printf-style
 *
 * Sets @error to "PATH:LINE: reason", or "PATH: reason" without a line:
 * the form of every error about a CSV file.
 *
 * Returns: %FALSE, to return at once
 */
gboolean
linli_csv_set_error (GError     **error,
                     GQuark       domain,
                     int          code,
                     const char  *path,
                     guint        line,
                     const char  *format,
                     ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    g_set_error (error, domain, code, "%s:%u: %s", path, line, reason);
  else
    g_set_error (error, domain, code, "%s: %s", path, reason);
  return FALSE;
}

/**
 * linli_csv_propagate_error:
 * @dest: (nullable): where the error goes
 * @src: (transfer full): an error of %LINLI_CSV_ERROR
 * @domain: the caller's error domain
 * @failed_code: its code for a file that cannot be read
 * @invalid_code: its code for a file that is no CSV within the limits
 *
 * Hands the reader's error on in the domain of the format read with it;
 * the message (which names file and line) is kept.
 */
void
linli_csv_propagate_error (GError **dest,
                           GError  *src,
                           GQuark   domain,
                           int      failed_code,
                           int      invalid_code)
{
  gboolean failed;

  g_return_if_fail (src != NULL);

  failed = g_error_matches (src, LINLI_CSV_ERROR, LINLI_CSV_ERROR_FAILED);
  g_set_error_literal (dest, domain, failed ? failed_code : invalid_code, src->message);
  g_error_free (src);
}

static LinliCsvReader *
reader_new (char       *file_data,
            const char *data,
            gsize       length,
            const char *display_name,
            char        separator,
            GError    **error)
{
  g_autoptr (LinliCsvReader) self = g_new0 (LinliCsvReader, 1);

  self->display_name = g_strdup (display_name);
  self->file_data = file_data;
  self->text = g_string_new (NULL);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->next_line = 1;

  if (length > LINLI_CSV_MAX_FILE_SIZE)
    {
      fail_at (error, LINLI_CSV_ERROR_INVALID, display_name, 0, _("the file is larger than %u MB"),
               LINLI_CSV_MAX_FILE_SIZE >> 20);
      return NULL;
    }
  if (!decode (self, data ? data : "", length, error))
    return NULL;
  /* Control characters other than tab and line ends mean this is no text. */
  for (const char *c = self->p; c < self->end; c++)
    if ((guchar) *c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r')
      {
        fail_at (error, LINLI_CSV_ERROR_INVALID, display_name, line_of (self->p, c - self->p),
                 _("the file holds a control character (0x%02x), not text"), (guint) (guchar) *c);
        return NULL;
      }
  self->separator = separator ? separator : detect_separator (self->p, self->end);
  return g_steal_pointer (&self);
}

/**
 * linli_csv_reader_new_for_data:
 * @data: (array length=length): the file's bytes; they must stay valid
 *   while the reader is used
 * @display_name: the file's name, for messages
 * @separator: `,`, `;` or a tab; 0 to detect it from the first line with
 *   any text (the one of them most used outside quotes, else a comma)
 *
 * Reads CSV as RFC 4180 describes it: quoted fields with doubled quotes,
 * separators and line breaks inside; CR LF, LF or CR line ends; a
 * byte-order mark.  Text is UTF-8, UTF-16 with a byte-order mark, or else
 * GB18030 (which includes GBK); it holds no control character but tabs and
 * line ends.  Input over %LINLI_CSV_MAX_FILE_SIZE bytes is refused before a
 * byte is looked at.
 *
 * Returns: (transfer full): the reader, before the first record, or %NULL
 *   with @error (%LINLI_CSV_ERROR) saying "FILE:LINE: reason"
 */
LinliCsvReader *
linli_csv_reader_new_for_data (const char  *data,
                               gsize        length,
                               const char  *display_name,
                               char         separator,
                               GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (separator == 0 || separator == ',' || separator == ';' || separator == '\t',
                        NULL);

  return reader_new (NULL, data, length, display_name, separator, error);
}

/**
 * linli_csv_reader_new_for_path:
 * @path: a regular file
 * @separator: as for linli_csv_reader_new_for_data()
 *
 * Reads the file at @path as linli_csv_reader_new_for_data() does.  Only
 * regular files are read: a device (`/dev/zero`), a FIFO or a folder is
 * refused at once, and so is a file over %LINLI_CSV_MAX_FILE_SIZE bytes,
 * from its size, without reading it.
 *
 * Returns: (transfer full): the reader, or %NULL with @error set:
 *   %LINLI_CSV_ERROR_FAILED when the file cannot be read
 */
LinliCsvReader *
linli_csv_reader_new_for_path (const char  *path,
                               char         separator,
                               GError     **error)
{
  char *data;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (separator == 0 || separator == ',' || separator == ';' || separator == '\t',
                        NULL);

  data = read_regular_file (path, &length, error);
  if (data == NULL)
    return NULL;
  return reader_new (data, data, length, path, separator, error);
}

void
linli_csv_reader_free (LinliCsvReader *self)
{
  if (self == NULL)
    return;
  g_free (self->display_name);
  g_free (self->file_data);
  g_free (self->converted);
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_free (self);
}

/**
 * linli_csv_reader_next:
 *
 * Reads the next record that has any text: records whose fields are all
 * blank are skipped.  A record holds at most %LINLI_CSV_MAX_FIELDS fields
 * of at most %LINLI_CSV_MAX_FIELD bytes, in at most %LINLI_CSV_MAX_RECORD
 * bytes.
 *
 * Returns: %TRUE with a record to look at; %FALSE at the end, or with
 *   @error set
 */
gboolean
linli_csv_reader_next (LinliCsvReader  *self,
                       GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  while (self->p < self->end)
    {
      gboolean blank = TRUE;

      if (!read_record (self, error))
        {
          /* Nothing more is read after an error. */
          self->p = self->end;
          g_array_set_size (self->offsets, 0);
          return FALSE;
        }
      for (guint i = 0; i < self->offsets->len && blank; i++)
        blank = is_blank (self->text->str + g_array_index (self->offsets, guint32, i));
      if (!blank)
        return TRUE;
    }
  g_array_set_size (self->offsets, 0);
  return FALSE;
}

guint
linli_csv_reader_get_n_fields (const LinliCsvReader *self)
{
  return self->offsets->len;
}

/**
 * linli_csv_reader_get_field:
 * @index: counting from 0
 *
 * Returns: the field as written, without its quotes and the blanks around
 *   them; "" for a field past the end of the record
 */
const char *
linli_csv_reader_get_field (const LinliCsvReader *self,
                            guint                 index)
{
  if (index >= self->offsets->len)
    return "";
  return self->text->str + g_array_index (self->offsets, guint32, index);
}

/**
 * linli_csv_reader_get_line:
 *
 * Returns: the line of the file the current record starts on, counting
 *   from 1; a quoted line break counts
 */
guint
linli_csv_reader_get_line (const LinliCsvReader *self)
{
  return self->line;
}

const char *
linli_csv_reader_get_display_name (const LinliCsvReader *self)
{
  return self->display_name;
}

/**
 * linli_csv_reader_get_encoding:
 *
 * Returns: the encoding the text was read in: "UTF-8", "GB18030",
 *   "UTF-16LE" or "UTF-16BE"
 */
const char *
linli_csv_reader_get_encoding (const LinliCsvReader *self)
{
  return self->encoding;
}

char
linli_csv_reader_get_separator (const LinliCsvReader *self)
{
  return self->separator;
}
