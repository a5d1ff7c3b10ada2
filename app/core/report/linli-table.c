/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-table"

#include "config.h"

#include <math.h>
#include <string.h>

#include "linli-file.h"
#include "linli-table.h"

struct _LinliTable
{
  gatomicrefcount ref_count;
  char           *key;
  char           *title;
  char           *note;
  GArray         *columns;   /* LinliTableColumn */
  GArray         *cells;     /* LinliTableCell, row by row */
  guint           n_rows;
};

/* Auxiliary methods */

static void
column_clear (gpointer data)
{
  LinliTableColumn *column = data;

  g_free (column->header);
}

static void
cell_clear (gpointer data)
{
  LinliTableCell *cell = data;

  g_free (cell->text);
}

static void
append_cell (LinliTable      *self,
             char            *text,
             double           value,
             LinliFigureUnit  unit)
{
  LinliTableCell cell = { text, value, unit };

  g_return_if_fail (self->n_rows > 0);
  g_return_if_fail (self->cells->len < self->n_rows * self->columns->len);
  g_array_append_val (self->cells, cell);
}

/* Public API */

/**
 * linli_table_new:
 * @key: a stable ASCII name, for file names: "uncovered-buildings"
 * @title: the translated title
 *
 * Returns: (transfer full): an empty table; add its columns, then its rows
 */
LinliTable *
linli_table_new (const char *key,
                 const char *title)
{
  LinliTable *self = g_new0 (LinliTable, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->key = g_strdup (key);
  self->title = g_strdup (title);
  self->columns = g_array_new (FALSE, TRUE, sizeof (LinliTableColumn));
  g_array_set_clear_func (self->columns, column_clear);
  self->cells = g_array_new (FALSE, TRUE, sizeof (LinliTableCell));
  g_array_set_clear_func (self->cells, cell_clear);
  return self;
}

LinliTable *
linli_table_ref (LinliTable *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
linli_table_unref (LinliTable *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->key);
  g_free (self->title);
  g_free (self->note);
  g_array_unref (self->columns);
  g_array_unref (self->cells);
  g_free (self);
}

/**
 * linli_table_add_column:
 * @header: the translated header
 * @weight: the column's share of the width, relative to the others
 */
void
linli_table_add_column (LinliTable      *self,
                        const char      *header,
                        LinliTableAlign  align,
                        double           weight)
{
  LinliTableColumn column = { g_strdup (header), align, weight > 0 ? weight : 1 };

  g_return_if_fail (self->n_rows == 0);
  g_array_append_val (self->columns, column);
}

/**
 * linli_table_add_row:
 *
 * Starts a row; the previous one must be full.
 */
void
linli_table_add_row (LinliTable *self)
{
  g_return_if_fail (self->cells->len == self->n_rows * self->columns->len);
  self->n_rows++;
}

void
linli_table_add_text (LinliTable *self,
                      const char *text)
{
  append_cell (self, g_strdup (text != NULL ? text : ""), NAN, LINLI_FIGURE_COUNT);
}

/**
 * linli_table_add_number:
 *
 * Adds a number, written as linli_figure_format() writes a figure of
 * @unit.
 */
void
linli_table_add_number (LinliTable      *self,
                        double           value,
                        LinliFigureUnit  unit)
{
  LinliFigure figure = { .unit = unit };

  append_cell (self, linli_figure_format (&figure, value), value, unit);
}

/**
 * linli_table_add_formatted:
 * @text: how the value reads
 *
 * Adds a number written some other way, e.g. a change with its sign.
 */
void
linli_table_add_formatted (LinliTable      *self,
                           const char      *text,
                           double           value,
                           LinliFigureUnit  unit)
{
  append_cell (self, g_strdup (text), value, unit);
}

/**
 * linli_table_set_note:
 * @note: (nullable): a translated sentence under the title, e.g. where the
 *   figures come from
 */
void
linli_table_set_note (LinliTable *self,
                      const char *note)
{
  g_free (self->note);
  self->note = g_strdup (note);
}

const char *
linli_table_get_key (const LinliTable *self)
{
  return self->key;
}

const char *
linli_table_get_title (const LinliTable *self)
{
  return self->title;
}

const char *
linli_table_get_note (const LinliTable *self)
{
  return self->note;
}

guint
linli_table_get_n_columns (const LinliTable *self)
{
  return self->columns->len;
}

const LinliTableColumn *
linli_table_get_column (const LinliTable *self,
                        guint             column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);
  return &g_array_index (self->columns, LinliTableColumn, column);
}

/**
 * linli_table_get_n_rows:
 *
 * Returns: the number of rows, not counting the header
 */
guint
linli_table_get_n_rows (const LinliTable *self)
{
  return self->n_rows;
}

/**
 * linli_table_get_cell:
 *
 * Returns: (transfer none) (nullable): the cell, or %NULL when the row
 *   was left short
 */
const LinliTableCell *
linli_table_get_cell (const LinliTable *self,
                      guint             row,
                      guint             column)
{
  guint i = row * self->columns->len + column;

  g_return_val_if_fail (row < self->n_rows && column < self->columns->len, NULL);
  return i < self->cells->len ? &g_array_index (self->cells, LinliTableCell, i) : NULL;
}

/* CSV */

static void
append_field (GString    *out,
              const char *text,
              gboolean    is_text)
{
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL;

  /* A spreadsheet takes a text starting with = + - or @ for a formula, so
   * a name from outside data could run one when the file is opened: such
   * text gets a leading apostrophe, which Excel and LibreOffice show as
   * plain text. */
  if (is_text && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                  text[0] == '\t' || text[0] == '\r'))
    {
      g_string_append (out, quote ? "\"'" : "'");
    }
  else if (quote)
    g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/**
 * linli_table_to_csv:
 *
 * Writes the table as CSV (RFC 4180: commas, CRLF line ends, quotes where
 * needed), the header first, the cells as they read on the page.
 *
 * Returns: (transfer full): the file's bytes, UTF-8 with a byte order mark
 */
GBytes *
linli_table_to_csv (const LinliTable *self)
{
  GString *out = g_string_new (NULL);

  /* Excel opens a CSV file in the computer's legacy code page (GBK on a
   * Chinese Windows) unless it starts with the UTF-8 byte order mark: with
   * it, Chinese names read right on a double click.  LibreOffice and
   * Python's utf-8-sig read the mark too. */
  g_string_append (out, "\xEF\xBB\xBF");
  for (guint c = 0; c < self->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_field (out, linli_table_get_column (self, c)->header, TRUE);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < self->n_rows; r++)
    {
      for (guint c = 0; c < self->columns->len; c++)
        {
          const LinliTableCell *cell = linli_table_get_cell (self, r, c);

          if (c > 0)
            g_string_append_c (out, ',');
          if (cell != NULL)
            append_field (out, cell->text, isnan (cell->value));
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free_to_bytes (out);
}

/**
 * linli_table_save_csv:
 * @error: a #GFileError
 *
 * Writes linli_table_to_csv() to @path in one go.
 */
gboolean
linli_table_save_csv (const LinliTable *self,
                      const char       *path,
                      GError          **error)
{
  g_autoptr (GBytes) bytes = linli_table_to_csv (self);
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  return linli_file_set_contents (path, data, length, error);
}
