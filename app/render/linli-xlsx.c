/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-xlsx"

#include "config.h"

#include "linli-xlsx.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "linli-file.h"
#include "linli-painter.h"

/* The tables of a report as an Excel workbook, one sheet a table: the
 * header in the first row, frozen, and numbers written as numbers with a
 * format for their unit, so an office can sum and chart them in its own
 * reports. */

/* A sheet's name: at most 31 characters, none of []:*?/\ or ', unique
 * in the workbook, as Excel requires. */
static char *
sheet_name (const char *title,
            GHashTable *taken)
{
  GString *base = g_string_new (NULL);
  char *name;
  guint n = 0;

  for (const char *p = title; *p != '\0' && n < 26; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (base, c < 128 && strchr ("[]:*?/\\'", (int) c) != NULL ? '_' : c);
    }
  if (base->len == 0)
    g_string_append (base, "Sheet");
  name = g_strdup (base->str);
  for (guint k = 2; g_hash_table_contains (taken, name); k++)
    {
      g_free (name);
      name = g_strdup_printf ("%s %u", base->str, k);
    }
  g_string_free (base, TRUE);
  g_hash_table_add (taken, g_strdup (name));
  return name;
}

/* Appends @text to an Excel number format as a quoted literal; a double
 * quote cannot be in one, so it becomes a single quote. */
static void
append_literal (GString    *format,
                const char *text)
{
  if (*text == '\0')
    return;
  g_string_append_c (format, '"');
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (format, *p == '"' ? '\'' : *p);
  g_string_append_c (format, '"');
}

/* The format for a count whose text says more than the number, e.g.
 * "at least 12 (3 buildings unknown)" or "140 (estimated)": the words
 * around the number become literals of the number format, so the cell
 * stays a number an office can sum and still reads as the report does.
 * NULL when the text is the plain number or does not hold it. */
static lxw_format *
count_format (lxw_workbook *workbook,
              GHashTable   *formats,
              const char   *text,
              double        value)
{
  g_autofree char *plain = linli_format_count ((guint64) llround (value));
  const char *at;
  GString *format;
  lxw_format *found;

  if (text == NULL || g_str_equal (text, plain) || (at = strstr (text, plain)) == NULL)
    return NULL;
  format = g_string_new (NULL);
  {
    g_autofree char *prefix = g_strndup (text, at - text);

    append_literal (format, prefix);
  }
  g_string_append (format, "#,##0");
  append_literal (format, at + strlen (plain));
  found = g_hash_table_lookup (formats, format->str);
  if (found == NULL)
    {
      found = workbook_add_format (workbook);
      format_set_num_format (found, format->str);
      g_hash_table_insert (formats, g_strdup (format->str), found);
    }
  g_string_free (format, TRUE);
  return found;
}

/**
 * linli_tables_save_xlsx:
 * @tables: (element-type LinliTable): the tables, one sheet each
 * @error: a #LinliRenderError or a #GFileError
 *
 * Writes the tables to an Excel workbook at @path in one go: libxlsxwriter
 * writes to a temporary file, which is then written in place.
 *
 * Returns: whether @path was written
 */
gboolean
linli_tables_save_xlsx (GPtrArray   *tables,
                        const char  *path,
                        GError     **error)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) marked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *tmp_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = g_filename_display_name (path);
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_workbook *workbook;
  lxw_format *header, *formats[3];
  lxw_error status;
  gsize length;
  int fd;

  g_return_val_if_fail (tables != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_file_open_tmp ("linli-XXXXXX.xlsx", &tmp_path, error);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);

  options.tmpdir = (char *) g_get_tmp_dir ();
  workbook = workbook_new_opt (tmp_path, &options);
  if (workbook == NULL)
    {
      g_unlink (tmp_path);
      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FAILED,
                   _("%s: could not start the workbook"),
                   display);
      return FALSE;
    }
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bg_color (header, 0xe4e8ef);
  format_set_text_wrap (header);
  formats[LINLI_FIGURE_COUNT] = workbook_add_format (workbook);
  format_set_num_format (formats[LINLI_FIGURE_COUNT], "#,##0");
  formats[LINLI_FIGURE_SHARE] = workbook_add_format (workbook);
  format_set_num_format (formats[LINLI_FIGURE_SHARE], "0.0%");
  formats[LINLI_FIGURE_YUAN] = workbook_add_format (workbook);
  format_set_num_format (formats[LINLI_FIGURE_YUAN], "\"¥\"#,##0");

  for (guint t = 0; t < tables->len; t++)
    {
      const LinliTable *table = g_ptr_array_index (tables, t);
      g_autofree char *name = sheet_name (linli_table_get_title (table), taken);
      lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);
      guint n_columns = linli_table_get_n_columns (table);

      if (sheet == NULL)
        continue;
      for (guint c = 0; c < n_columns; c++)
        {
          const LinliTableColumn *column = linli_table_get_column (table, c);

          worksheet_set_column (sheet, c, c, 9 * column->weight + 4, NULL);
          worksheet_write_string (sheet, 0, c, column->header, header);
        }
      worksheet_freeze_panes (sheet, 1, 0);
      for (guint r = 0; r < linli_table_get_n_rows (table); r++)
        for (guint c = 0; c < n_columns; c++)
          {
            const LinliTableCell *cell = linli_table_get_cell (table, r, c);
            lxw_format *format;

            if (cell == NULL)
              continue;
            /* A count marked estimated or as a lower bound keeps its mark;
             * strings are written as strings, never as formulas, whatever
             * they start with. */
            format = isfinite (cell->value) && cell->unit == LINLI_FIGURE_COUNT
                     ? count_format (workbook, marked, cell->text, cell->value) : NULL;
            if (format != NULL)
              worksheet_write_number (sheet, r + 1, c, cell->value, format);
            else if (isfinite (cell->value) && cell->unit <= LINLI_FIGURE_YUAN)
              worksheet_write_number (sheet, r + 1, c, cell->value, formats[cell->unit]);
            else if (isnan (cell->value) && g_strcmp0 (cell->text, "—") != 0)
              worksheet_write_string (sheet, r + 1, c, cell->text, NULL);
          }
    }
  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR || !g_file_get_contents (tmp_path, &contents, &length, NULL))
    {
      g_unlink (tmp_path);
      g_set_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FAILED,
                   _("%s: could not write the workbook: %s"),
                   display, lxw_strerror (status));
      return FALSE;
    }
  g_unlink (tmp_path);
  return linli_file_set_contents (path, contents, length, error);
}
