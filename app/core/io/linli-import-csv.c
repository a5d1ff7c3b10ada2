/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-import-csv"

#include "config.h"

#include "linli-import-csv.h"
#include "linli-import-csv-private.h"
#include "linli-import.h"
#include "linli-number.h"

#include "linli-file.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Cells of one table: 64 M of them is 256 MB of offsets, well beyond any
 * district (300,000 buildings of 20 columns is 6 M) but a fence against a
 * file of nothing but separators. */
#define MAX_CELLS     (64u * 1024 * 1024)
#define MAX_ID_CHARS   256u   /* what the .linli format accepts */
#define MAX_NAME_CHARS 1024u

struct _LinliCsvTable
{
  char       *display_name;
  const char *encoding;    /* a static string */
  char        separator;
  guint       n_columns;
  GPtrArray  *header;      /* char *, trimmed */
  GString    *text;        /* the cells, each NUL-terminated; offset 0 is "" */
  GArray     *cells;       /* guint32 offsets into text, n_rows × n_columns */
  GArray     *lines;       /* guint: the line each row starts on */
};

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

/* "FILE:LINE: reason", or "FILE: reason" when @line is 0. */
#define fail_at(error, path, line, ...) \
  linli_csv_set_error ((error), LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, (path), (line), \
                       __VA_ARGS__)

static gboolean
is_blank (const char *s)
{
  return s[strspn (s, " \t\n\r\v\f")] == '\0';
}

/* The CSV reader's error in the import domain.  Takes @local_error. */
static gpointer
import_error (GError **error,
              GError  *local_error)
{
  linli_csv_propagate_error (error, local_error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                             LINLI_IMPORT_ERROR_INVALID);
  return NULL;
}

/* NFKC (full-width digits and letters become plain ones, the ideographic
 * space a space), then without white space at either end. */
static char *
nfkc_strip (const char *s)
{
  char *n = g_utf8_normalize (s, -1, G_NORMALIZE_NFKC);

  if (n == NULL)
    n = g_strdup (s);
  return g_strstrip (n);
}

/* For comparing names of compounds, communities, ids and headers: NFKC,
 * case folded, with no white space at all. */
static char *
plain_key_general (const char *s)
{
  g_autofree char *n = nfkc_strip (s);
  g_autofree char *folded = g_utf8_casefold (n, -1);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
plain_key (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));

  /* Joins key hundreds of thousands of names: ASCII and CJK ideographs,
   * which NFKC and case folding leave alone (bar ASCII capitals), take
   * a fast path; anything else the general one. */
  for (const char *p = s; *p;)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isspace (*p))
            g_string_append_c (out, g_ascii_tolower (*p));
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)))
        {
          g_string_free (out, TRUE);
          return plain_key_general (s);
        }
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* A cell as text for the project: line breaks and tabs become spaces,
 * other control characters go, and the ends are trimmed. */
static char *
clean_text (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));

  for (const char *p = s; *p; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if ((guchar) *p >= 0x20)
        g_string_append_c (out, *p);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

static void
append_line (GArray **lines,
             guint    line)
{
  if (*lines == NULL)
    *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (*lines, line);
}

/* ------------------------------------------------------------------------ */
/* The table                                                                 */
/* ------------------------------------------------------------------------ */

/* Builds the table from @reader's records. */
static LinliCsvTable *
table_read (LinliCsvReader  *reader,
            GError         **error)
{
  g_autoptr (LinliCsvTable) table = g_new0 (LinliCsvTable, 1);
  const char *display_name = linli_csv_reader_get_display_name (reader);
  GError *local_error = NULL;

  table->display_name = g_strdup (display_name);
  table->encoding = linli_csv_reader_get_encoding (reader);
  table->separator = linli_csv_reader_get_separator (reader);
  table->header = g_ptr_array_new_with_free_func (g_free);
  table->text = g_string_new (NULL);
  g_string_append_c (table->text, '\0');
  table->cells = g_array_new (FALSE, FALSE, sizeof (guint32));
  table->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  /* The first record with any text is the header. */
  if (!linli_csv_reader_next (reader, &local_error))
    {
      if (local_error != NULL)
        return import_error (error, local_error);
      fail_at (error, display_name, 0, _("the file has no header row"));
      return NULL;
    }
  table->n_columns = linli_csv_reader_get_n_fields (reader);
  for (guint i = 0; i < table->n_columns; i++)
    g_ptr_array_add (table->header, g_strstrip (g_strdup (linli_csv_reader_get_field (reader, i))));

  while (linli_csv_reader_next (reader, &local_error))
    {
      guint n_fields = linli_csv_reader_get_n_fields (reader);
      guint line = linli_csv_reader_get_line (reader);

      for (guint i = table->n_columns; i < n_fields; i++)
        if (!is_blank (linli_csv_reader_get_field (reader, i)))
          {
            fail_at (error, display_name, line, _("%u fields, but the header has %u"), n_fields,
                     table->n_columns);
            return NULL;
          }
      if ((guint64) table->cells->len + table->n_columns > MAX_CELLS)
        {
          fail_at (error, display_name, line, _("more than %u cells in all"), MAX_CELLS);
          return NULL;
        }
      for (guint i = 0; i < table->n_columns; i++)
        {
          const char *field = linli_csv_reader_get_field (reader, i);
          guint32 offset = 0;

          /* Empty cells all share the empty string at offset 0. */
          if (field[0] != '\0')
            {
              offset = table->text->len;
              g_string_append_len (table->text, field, strlen (field) + 1);
            }
          g_array_append_val (table->cells, offset);
        }
      g_array_append_val (table->lines, line);
    }
  if (local_error != NULL)
    return import_error (error, local_error);
  return g_steal_pointer (&table);
}

/**
 * linli_csv_table_parse:
 *
 * Reads a table from the bytes of a CSV file named @display_name in
 * messages, with the core's CSV reader: see
 * linli_csv_reader_new_for_data() for what it accepts and how @separator
 * is found.  The first row with any text is the header; rows of blanks
 * are skipped; shorter rows are filled with empty cells, and longer ones
 * are an error unless the extra cells are empty.  Row lines are physical
 * lines, so a quoted line break counts.
 *
 * Returns: (transfer full): the table, or %NULL with @error saying
 *   "FILE:LINE: reason"
 */
LinliCsvTable *
linli_csv_table_parse (const char  *data,
                       gsize        length,
                       const char  *display_name,
                       char         separator,
                       GError     **error)
{
  g_autoptr (LinliCsvReader) reader = NULL;
  GError *local_error = NULL;

  reader = linli_csv_reader_new_for_data (data, length, display_name, separator, &local_error);
  if (reader == NULL)
    return import_error (error, local_error);
  return table_read (reader, error);
}

/**
 * linli_csv_table_load:
 * @separator: `,`, `;` or a tab; 0 to detect it
 *
 * Reads the CSV file at @path: see linli_csv_table_parse().  Only regular
 * files are read (see linli_csv_reader_new_for_path()).
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
LinliCsvTable *
linli_csv_table_load (const char  *path,
                      char         separator,
                      GError     **error)
{
  g_autoptr (LinliCsvReader) reader = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  reader = linli_csv_reader_new_for_path (path, separator, &local_error);
  if (reader == NULL)
    return import_error (error, local_error);
  return table_read (reader, error);
}

/**
 * _linli_csv_table_new:
 * @encoding: a static string: what the source was read in
 * @header: (array length=n_columns): the column names
 *
 * An empty table with @header, to be filled by _linli_csv_table_add_row().
 *
 * Returns: (transfer full): the table
 */
LinliCsvTable *
_linli_csv_table_new (const char        *display_name,
                      const char        *encoding,
                      const char *const *header,
                      guint              n_columns)
{
  LinliCsvTable *table = g_new0 (LinliCsvTable, 1);

  table->display_name = g_strdup (display_name);
  table->encoding = encoding;
  table->separator = ',';
  table->n_columns = n_columns;
  table->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (table->header, g_strstrip (g_strdup (header[i] ? header[i] : "")));
  table->text = g_string_new (NULL);
  g_string_append_c (table->text, '\0');
  table->cells = g_array_new (FALSE, FALSE, sizeof (guint32));
  table->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  return table;
}

/**
 * _linli_csv_table_add_row:
 * @cells: (array): one per column, %NULL for an empty cell
 * @line: what messages call the row: its line, record or feature number
 *
 * Appends a row, under the same limit on cells as a CSV file.
 *
 * Returns: %FALSE with @error set when the table would hold too many cells
 */
gboolean
_linli_csv_table_add_row (LinliCsvTable      *table,
                          const char *const  *cells,
                          guint               line,
                          GError            **error)
{
  if ((guint64) table->cells->len + table->n_columns > MAX_CELLS)
    {
      fail_at (error, table->display_name, line, _("more than %u cells in all"), MAX_CELLS);
      return FALSE;
    }
  for (guint i = 0; i < table->n_columns; i++)
    {
      guint32 offset = 0;

      if (cells[i] != NULL && cells[i][0] != '\0')
        {
          offset = table->text->len;
          g_string_append_len (table->text, cells[i], strlen (cells[i]) + 1);
        }
      g_array_append_val (table->cells, offset);
    }
  g_array_append_val (table->lines, line);
  return TRUE;
}

void
linli_csv_table_free (LinliCsvTable *table)
{
  if (table == NULL)
    return;
  g_free (table->display_name);
  g_clear_pointer (&table->header, g_ptr_array_unref);
  if (table->text != NULL)
    g_string_free (table->text, TRUE);
  g_clear_pointer (&table->cells, g_array_unref);
  g_clear_pointer (&table->lines, g_array_unref);
  g_free (table);
}

const char *
linli_csv_table_get_display_name (const LinliCsvTable *table)
{
  return table->display_name;
}

/**
 * linli_csv_table_get_encoding:
 *
 * Returns: the encoding the file was read in: "UTF-8", "GB18030",
 *   "UTF-16LE" or "UTF-16BE"
 */
const char *
linli_csv_table_get_encoding (const LinliCsvTable *table)
{
  return table->encoding;
}

char
linli_csv_table_get_separator (const LinliCsvTable *table)
{
  return table->separator;
}

guint
linli_csv_table_get_n_columns (const LinliCsvTable *table)
{
  return table->n_columns;
}

guint
linli_csv_table_get_n_rows (const LinliCsvTable *table)
{
  return table->lines->len;
}

const char *
linli_csv_table_get_header (const LinliCsvTable *table,
                            guint                column)
{
  g_return_val_if_fail (column < table->n_columns, NULL);
  return g_ptr_array_index (table->header, column);
}

/**
 * linli_csv_table_get_cell:
 *
 * Returns: the cell as written (without its quotes), "" when empty
 */
const char *
linli_csv_table_get_cell (const LinliCsvTable *table,
                          guint                row,
                          guint                column)
{
  g_return_val_if_fail (row < table->lines->len, NULL);
  g_return_val_if_fail (column < table->n_columns, NULL);
  return table->text->str + g_array_index (table->cells, guint32, (gsize) row * table->n_columns + column);
}

/**
 * linli_csv_table_get_line:
 *
 * Returns: the line of the file @row starts on, counting from 1
 */
guint
linli_csv_table_get_line (const LinliCsvTable *table,
                          guint                row)
{
  g_return_val_if_fail (row < table->lines->len, 0);
  return g_array_index (table->lines, guint, row);
}

/**
 * linli_csv_table_find_column:
 * @spec: a header, or a column number counting from 1 (also as "#3")
 *
 * Headers are compared as written first, then ignoring case, width and
 * white space.
 *
 * Returns: the column, or -1
 */
int
linli_csv_table_find_column (const LinliCsvTable *table,
                             const char          *spec)
{
  g_autofree char *want = NULL;
  const char *digits;
  guint64 n;
  char *end;

  for (guint i = 0; i < table->n_columns; i++)
    if (g_str_equal (g_ptr_array_index (table->header, i), spec))
      return i;
  want = plain_key (spec);
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autofree char *have = plain_key (g_ptr_array_index (table->header, i));

      if (want[0] != '\0' && g_str_equal (have, want))
        return i;
    }
  digits = want[0] == '#' ? want + 1 : want;
  if (!g_ascii_isdigit (digits[0]))
    return -1;
  n = g_ascii_strtoull (digits, &end, 10);
  if (*end != '\0' || n < 1 || n > table->n_columns)
    return -1;
  return (int) n - 1;
}

/**
 * linli_csv_separator_to_string:
 *
 * Returns: "comma", "semicolon" or "tab" (not translated: also a flag value)
 */
const char *
linli_csv_separator_to_string (char separator)
{
  switch (separator)
    {
    case ';': return "semicolon";
    case '\t': return "tab";
    default: return "comma";
    }
}

/* ------------------------------------------------------------------------ */
/* Fields and the mapping                                                    */
/* ------------------------------------------------------------------------ */

static const char *const field_names[LINLI_CSV_N_FIELDS] = {
  "id", "name", "compound", "community", "households", "residents", "party-members", "lat", "lon", "key",
};

const char *
linli_csv_field_to_string (LinliCsvField field)
{
  g_return_val_if_fail (field < LINLI_CSV_N_FIELDS, NULL);
  return field_names[field];
}

/**
 * linli_csv_field_from_string:
 *
 * Accepts the names linli_csv_field_to_string() gives, with `_` for `-`.
 */
gboolean
linli_csv_field_from_string (const char    *string,
                             LinliCsvField *field)
{
  g_autofree char *s = g_strdelimit (g_ascii_strdown (string, -1), "_", '-');

  for (guint i = 0; i < LINLI_CSV_N_FIELDS; i++)
    if (g_str_equal (s, field_names[i]))
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * linli_csv_field_get_label:
 *
 * Returns: the field's name for people, translated
 */
const char *
linli_csv_field_get_label (LinliCsvField field)
{
  static const char *const labels[LINLI_CSV_N_FIELDS] = {
    N_("Building id"), N_("Building name or number"), N_("Compound"), N_("Community"), N_("Households"),
    N_("Residents"), N_("Party members"), N_("Latitude"), N_("Longitude"), N_("Key to match (address or number)"),
  };

  g_return_val_if_fail (field < LINLI_CSV_N_FIELDS, NULL);
  return _(labels[field]);
}

void
linli_csv_mapping_init (LinliCsvMapping *mapping)
{
  for (guint i = 0; i < LINLI_CSV_N_FIELDS; i++)
    mapping->columns[i] = -1;
}

/* Headers for each field, as plain_key() leaves them, with units in
 * brackets removed: first exact names, then parts of names, tried in the
 * order of this table (party members before residents: "党员人数"). */
static const struct
{
  LinliCsvField field;
  const char   *exact[20];
  const char   *parts[6];
} guesses[] = {
  { LINLI_CSV_FIELD_PARTY_MEMBERS,
    { "partymembers", "party-members", "party_members", "partymember", "members", "党员", "党员数", "党员人数",
      "在册党员", "党员数量", NULL },
    { "党员", "party", NULL } },
  { LINLI_CSV_FIELD_HOUSEHOLDS,
    { "households", "household", "hh", "户数", "住户", "住户数", "总户数", "户", "居住户数", "户数量", NULL },
    { "户数", "household", NULL } },
  { LINLI_CSV_FIELD_RESIDENTS,
    { "residents", "resident", "population", "pop", "people", "人口", "常住人口", "人数", "居民", "居民人数",
      "总人口", "居住人口", "人口数", "户籍人口", NULL },
    { "人口", "人数", "resident", "population", NULL } },
  { LINLI_CSV_FIELD_LAT,
    { "lat", "latitude", "纬度", "wgs84lat", "gcj02lat", NULL },
    { "纬度", "latitude", NULL } },
  { LINLI_CSV_FIELD_LON,
    { "lon", "lng", "long", "longitude", "经度", "wgs84lon", "gcj02lon", "wgs84lng", "gcj02lng", NULL },
    { "经度", "longitude", NULL } },
  { LINLI_CSV_FIELD_COMPOUND,
    { "compound", "estate", "residentialcompound", "小区", "小区名称", "小区名", "所属小区", "院落", NULL },
    { "小区", "compound", NULL } },
  { LINLI_CSV_FIELD_COMMUNITY,
    { "community", "社区", "社区名称", "所属社区", "居委会", "社区居委会", NULL },
    { "社区", "community", NULL } },
  { LINLI_CSV_FIELD_ID,
    { "id", "buildingid", "building-id", "building_id", "bldgid", "osmid", "osm_id", "编号", "楼栋编号",
      "建筑编号", "楼栋代码", NULL },
    { "编号", NULL } },
  { LINLI_CSV_FIELD_KEY,
    { "key", "address", "addr", "地址", "门牌", "门牌号", "详细地址", "楼栋地址", "门牌地址", NULL },
    { "地址", "门牌", "address", NULL } },
  { LINLI_CSV_FIELD_NAME,
    { "name", "building", "buildingname", "building-name", "building_name", "楼栋", "楼号", "楼栋号",
      "楼栋名称", "楼名", "楼幢", "幢号", "栋号", "名称", "建筑名称", "楼宇", NULL },
    { "楼栋", "楼号", "楼幢", "名称", "name", NULL } },
};

/* A header as the guesses table spells it: plain_key() without units in
 * brackets, "户数(户)" → "户数". */
static char *
guess_key (const char *header)
{
  g_autofree char *plain = plain_key (header);
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = plain; *p; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }
  if (out->len == 0)
    g_string_assign (out, plain);
  return g_string_free (out, FALSE);
}

/**
 * linli_csv_mapping_guess:
 *
 * Maps columns by their headers, in English or Chinese: exact names first
 * (户数, 常住人口, 党员数, 纬度, lat, lng, 小区, 社区, 楼栋, 名称, 地址 …), then
 * headers that contain one (常住人口数 → residents).  Units in brackets
 * are ignored: "户数（户）" is households.  Each column maps to one field at
 * most.  An address column is taken as the key only when there is no name
 * column, since joins go by the name when no key is given.
 */
void
linli_csv_mapping_guess (LinliCsvMapping     *mapping,
                         const LinliCsvTable *table)
{
  guint n = table->n_columns;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n, 1));
  gboolean key_exact = FALSE;

  linli_csv_mapping_init (mapping);
  for (guint c = 0; c < n; c++)
    g_ptr_array_add (keys, guess_key (g_ptr_array_index (table->header, c)));

  for (guint c = 0; c < n; c++)
    for (guint g = 0; g < G_N_ELEMENTS (guesses) && !used[c]; g++)
      for (guint k = 0; guesses[g].exact[k] != NULL; k++)
        if (mapping->columns[guesses[g].field] < 0 && g_str_equal (keys->pdata[c], guesses[g].exact[k]))
          {
            mapping->columns[guesses[g].field] = c;
            used[c] = TRUE;
            key_exact |= guesses[g].field == LINLI_CSV_FIELD_KEY && g_str_equal (keys->pdata[c], "key");
            break;
          }
  for (guint g = 0; g < G_N_ELEMENTS (guesses); g++)
    for (guint c = 0; c < n && mapping->columns[guesses[g].field] < 0; c++)
      for (guint k = 0; !used[c] && guesses[g].parts[k] != NULL; k++)
        if (strstr (keys->pdata[c], guesses[g].parts[k]) != NULL)
          {
            mapping->columns[guesses[g].field] = c;
            used[c] = TRUE;
          }
  if (mapping->columns[LINLI_CSV_FIELD_NAME] >= 0 && !key_exact)
    mapping->columns[LINLI_CSV_FIELD_KEY] = -1;
}

/**
 * linli_csv_mapping_parse:
 * @assignment: "FIELD=COLUMN", e.g. "households=户数", "lat=3" or "key=none"
 *
 * Sets one field's column, as `--column` gives it: COLUMN is a header or a
 * column number from 1 (see linli_csv_table_find_column()), or "none".
 *
 * Returns: %FALSE with @error set if the field or the column is unknown
 */
gboolean
linli_csv_mapping_parse (LinliCsvMapping     *mapping,
                         const LinliCsvTable *table,
                         const char          *assignment,
                         GError             **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *name = NULL;
  LinliCsvField field;
  int column;

  if (eq == NULL)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                   _("“%s” is not FIELD=COLUMN"), assignment);
      return FALSE;
    }
  name = g_strstrip (g_strndup (assignment, eq - assignment));
  if (!linli_csv_field_from_string (name, &field))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                   _("unknown field “%s”: use id, name, compound, community, households, residents, "
                     "party-members, lat, lon or key"), name);
      return FALSE;
    }
  if (g_ascii_strcasecmp (eq + 1, "none") == 0 || eq[1] == '\0')
    column = -1;
  else if ((column = linli_csv_table_find_column (table, eq + 1)) < 0)
    {
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; i < table->n_columns && i < 40; i++)
        g_string_append_printf (names, "%s“%s”", i ? ", " : "", (char *) g_ptr_array_index (table->header, i));
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                   _("%s has no column “%s” (its columns: %s)"), table->display_name, eq + 1, names->str);
      return FALSE;
    }
  mapping->columns[field] = column;
  return TRUE;
}

/**
 * linli_csv_mapping_get_join_column:
 *
 * Returns: the column a join matches buildings by: the key column, or
 *   without one the name or id column, as @key says; -1 if none
 */
int
linli_csv_mapping_get_join_column (const LinliCsvMapping *mapping,
                                   LinliCsvKey            key)
{
  if (mapping->columns[LINLI_CSV_FIELD_KEY] >= 0)
    return mapping->columns[LINLI_CSV_FIELD_KEY];
  return mapping->columns[key == LINLI_CSV_KEY_ID ? LINLI_CSV_FIELD_ID : LINLI_CSV_FIELD_NAME];
}

void
linli_csv_options_init (LinliCsvOptions *options)
{
  options->crs = LINLI_CRS_WGS84;
  options->name = NULL;
  options->key = LINLI_CSV_KEY_NAME;
  options->residents_per_household = 2.6;
}

/* ------------------------------------------------------------------------ */
/* Reports                                                                   */
/* ------------------------------------------------------------------------ */

void
linli_csv_report_clear (LinliCsvReport *report)
{
  g_clear_pointer (&report->skipped_lines, g_array_unref);
  g_clear_pointer (&report->unmatched_lines, g_array_unref);
  g_clear_pointer (&report->ambiguous_lines, g_array_unref);
  g_clear_pointer (&report->duplicate_lines, g_array_unref);
  g_clear_pointer (&report->unmatched_buildings, g_array_unref);
  memset (report, 0, sizeof *report);
}

/**
 * linli_csv_format_lines:
 * @lines: (nullable): guint line numbers
 * @max: how many to list
 *
 * Returns: (transfer full): "17, 40, 52" or, past @max, "17, 40, …"
 */
char *
linli_csv_format_lines (const GArray *lines,
                        guint         max)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      if (i == max)
        {
          g_string_append (out, ", …");
          break;
        }
      g_string_append_printf (out, "%s%u", i ? ", " : "", g_array_index (lines, guint, i));
    }
  return g_string_free (out, FALSE);
}

static void G_GNUC_PRINTF (3, 4)
append_counted (GString      *out,
                const GArray *lines,
                const char   *format,
                ...)
{
  g_autofree char *listed = NULL;
  va_list args;

  /* Translators: between the counts of a building list summary */
  g_string_append (out, _(", "));
  va_start (args, format);
  g_string_append_vprintf (out, format, args);
  va_end (args);
  if (lines != NULL && lines->len > 0)
    {
      listed = linli_csv_format_lines (lines, 8);
      /* Translators: the lines of the file rows are on, after a count, e.g. " (lines 17, 40, …)" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " (line %s)", " (lines %s)", lines->len), listed);
    }
}

/**
 * linli_csv_report_describe:
 *
 * Returns: (transfer full): one line for people, e.g. "412 rows: 398
 *   matched, 9 unmatched (lines 17, 40, …), 5 ambiguous (lines …)"
 */
char *
linli_csv_report_describe (const LinliCsvReport *report)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", report->rows), report->rows);
  /* Translators: after the number of rows of a building list summary */
  g_string_append (out, _(":"));
  if (report->join)
    {
      g_string_append_printf (out, _(" %u matched"), report->matched);
      if (report->unmatched > 0)
        append_counted (out, report->unmatched_lines, _("%u unmatched"), report->unmatched);
      if (report->ambiguous > 0)
        append_counted (out, report->ambiguous_lines, _("%u ambiguous"), report->ambiguous);
      if (report->duplicates > 0)
        append_counted (out, report->duplicate_lines, _("%u for a building already filled"), report->duplicates);
      if (report->estimated > 0)
        append_counted (out, NULL, _("%u still partly estimated"), report->estimated);
      /* Translators: before the count of buildings not in a building list */
      g_string_append (out, _("; "));
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u building of the project not in the list",
                                                "%u buildings of the project not in the list",
                                                report->buildings_unmatched),
                              report->buildings_unmatched);
    }
  else
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u building", "%u buildings", report->buildings),
                              report->buildings);
      if (report->skipped > 0)
        append_counted (out, report->skipped_lines, _("%u without coordinates, skipped"), report->skipped);
      if (report->estimated > 0)
        append_counted (out, NULL, _("%u with households or residents estimated"), report->estimated);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Values of cells                                                           */
/* ------------------------------------------------------------------------ */

static const char *
cell_text (const LinliCsvTable   *table,
           const LinliCsvMapping *mapping,
           guint                  row,
           LinliCsvField          field)
{
  int column = mapping->columns[field];

  if (column < 0 || (guint) column >= table->n_columns)
    return "";
  return linli_csv_table_get_cell (table, row, column);
}

static gboolean
cell_error (const LinliCsvTable   *table,
            const LinliCsvMapping *mapping,
            guint                  row,
            LinliCsvField          field,
            const char            *value,
            const char            *reason,
            GError               **error)
{
  /* Translators: the field, the column's header, the value and why it is wrong, e.g.
   * Households (column “户数”): “-3” is negative */
  return fail_at (error, table->display_name, linli_csv_table_get_line (table, row),
                  _("%s (column “%s”): “%s” %s"), linli_csv_field_get_label (field),
                  linli_csv_table_get_header (table, mapping->columns[field]), value, reason);
}

/* A count: a whole number as the core's number parser reads it ("12",
 * "12.0", "-0"), maybe full-width, maybe with its digits grouped by
 * thousands ("1,234" can only be one cell when quoted, or in a file not
 * separated by commas), maybe with a unit (户, 人, 名, 个).  Empty is
 * missing. */
static gboolean
cell_count (const LinliCsvTable   *table,
            const LinliCsvMapping *mapping,
            guint                  row,
            LinliCsvField          field,
            gboolean              *present,
            guint32               *value,
            GError               **error)
{
  const char *raw = cell_text (table, mapping, row, field);
  g_autofree char *s = NULL;
  static const char *const units[] = { "户", "人", "名", "个" };
  LinliNumberStatus status;
  guint64 v = 0;
  gsize len;

  *present = FALSE;
  if (is_blank (raw))
    return TRUE;
  s = nfkc_strip (raw);
  len = strlen (s);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (s, units[i]))
      {
        len -= strlen (units[i]);
        s[len] = '\0';
        g_strchomp (s);
        len = strlen (s);
        break;
      }
  if (s[0] == '\0')
    return TRUE;
  /* Digits grouped by three after a first group of one to three: "1,234". */
  if (strchr (s, ',') != NULL)
    {
      gsize sign = s[0] == '-' || s[0] == '+';
      gsize int_len = strcspn (s + sign, ".eE");
      GString *plain = g_string_new_len (s, sign);
      guint group = 0, groups = 0;
      gboolean ok = TRUE;

      for (gsize i = sign; i < sign + int_len && ok; i++)
        {
          if (s[i] == ',')
            {
              ok = groups == 0 ? group >= 1 && group <= 3 : group == 3;
              group = 0;
              groups++;
            }
          else
            {
              g_string_append_c (plain, s[i]);
              group++;
            }
        }
      ok = ok && group == 3 && strchr (s + sign + int_len, ',') == NULL;
      g_string_append (plain, s + sign + int_len);
      g_free (s);
      s = g_string_free (plain, FALSE);
      if (!ok)
        return cell_error (table, mapping, row, field, raw, _("is not a number"), error);
    }
  status = linli_number_parse_count (s, LINLI_NUMBER_FLAGS_NONE, LINLI_CSV_MAX_COUNT, &v);
  if (status != LINLI_NUMBER_OK)
    {
      g_autofree char *reason = linli_number_describe (status, 0, LINLI_CSV_MAX_COUNT);

      return cell_error (table, mapping, row, field, raw, reason, error);
    }
  *present = TRUE;
  *value = (guint32) v;
  return TRUE;
}

/* A coordinate in decimal degrees as the core's number parser reads it,
 * maybe full-width, with "°" or a decimal comma. */
static gboolean
cell_degrees (const LinliCsvTable   *table,
              const LinliCsvMapping *mapping,
              guint                  row,
              LinliCsvField          field,
              gboolean              *present,
              double                *value,
              GError               **error)
{
  return _linli_csv_cell_degrees (table, row, mapping->columns[field], linli_csv_field_get_label (field),
                                  field == LINLI_CSV_FIELD_LAT, present, value, error);
}

/* Text of a cell for the project, checked for length. */
static gboolean
cell_name (const LinliCsvTable   *table,
           const LinliCsvMapping *mapping,
           guint                  row,
           LinliCsvField          field,
           guint                  max_chars,
           char                 **value,
           GError               **error)
{
  g_autofree char *s = clean_text (cell_text (table, mapping, row, field));

  if (g_utf8_strlen (s, -1) > (glong) max_chars)
    {
      g_autofree char *reason = g_strdup_printf (_("is longer than %u characters"), max_chars);
      g_autofree char *shown = g_utf8_substring (s, 0, 20);
      g_autofree char *value_shown = g_strconcat (shown, "…", NULL);

      return cell_error (table, mapping, row, field, value_shown, reason, error);
    }
  *value = g_steal_pointer (&s);
  return TRUE;
}

/* The figures of one row: present or not. */
typedef struct
{
  gboolean has_households, has_residents, has_members;
  guint32  households, residents, members;
} Figures;

static gboolean
row_figures (const LinliCsvTable   *table,
             const LinliCsvMapping *mapping,
             guint                  row,
             Figures               *f,
             GError               **error)
{
  return cell_count (table, mapping, row, LINLI_CSV_FIELD_HOUSEHOLDS, &f->has_households, &f->households, error) &&
         cell_count (table, mapping, row, LINLI_CSV_FIELD_RESIDENTS, &f->has_residents, &f->residents, error) &&
         cell_count (table, mapping, row, LINLI_CSV_FIELD_PARTY_MEMBERS, &f->has_members, &f->members, error);
}

static guint32
derive (double value)
{
  return (guint32) CLAMP (round (value), 0, LINLI_CSV_MAX_COUNT);
}

static gboolean
check_columns (const LinliCsvTable   *table,
               const LinliCsvMapping *mapping,
               GError               **error)
{
  for (guint f = 0; f < LINLI_CSV_N_FIELDS; f++)
    if (mapping->columns[f] >= (int) table->n_columns)
      return fail_at (error, table->display_name, 0, _("the file has no column %d"), mapping->columns[f] + 1);
  if (table->lines->len == 0)
    return fail_at (error, table->display_name, 0, _("the file has no rows below its header"));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* A new project                                                             */
/* ------------------------------------------------------------------------ */

/**
 * linli_csv_import:
 * @report: (out caller-allocates) (optional): what was read; clear it with
 *   linli_csv_report_clear()
 *
 * Makes a project of the rows of @table that have coordinates (both
 * latitude and longitude columns must be mapped).  Rows without any
 * coordinate are skipped and reported.  Compounds and communities are made
 * from their columns by name; rows without a community go to "Imported
 * buildings", rows without a compound to one named after their community.
 * Ids come from the id column, else "row-LINE".  A missing residents
 * figure is households × residents per household and the other way round;
 * such buildings are flagged %LINLI_BUILDING_ESTIMATED.  Nothing is
 * returned half-read: the first bad cell is an error naming file, line,
 * column and reason.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_csv_import (const LinliCsvTable   *table,
                  const LinliCsvMapping *mapping,
                  const LinliCsvOptions *options,
                  LinliCsvReport        *report,
                  GError               **error)
{
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) communities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) compounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *basename = NULL;
  g_auto (LinliCsvReport) rep = { 0 };
  LinliExtent extent;
  guint n_rows;

  g_return_val_if_fail (table != NULL && mapping != NULL && options != NULL, NULL);

  if (report != NULL)
    memset (report, 0, sizeof *report);
  if (!check_columns (table, mapping, error))
    return NULL;
  if (mapping->columns[LINLI_CSV_FIELD_LAT] < 0 || mapping->columns[LINLI_CSV_FIELD_LON] < 0)
    {
      fail_at (error, table->display_name, 0, _("choose the columns of latitude and longitude"));
      return NULL;
    }

  /* Given ids first, so that made-up ones can avoid them. */
  n_rows = table->lines->len;
  rep.rows = n_rows;
  for (guint row = 0; row < n_rows && mapping->columns[LINLI_CSV_FIELD_ID] >= 0; row++)
    {
      g_autofree char *id = NULL;
      gpointer line;

      if (!cell_name (table, mapping, row, LINLI_CSV_FIELD_ID, MAX_ID_CHARS, &id, error))
        return NULL;
      if (id[0] == '\0')
        continue;
      if ((line = g_hash_table_lookup (ids, id)) != NULL)
        {
          fail_at (error, table->display_name, linli_csv_table_get_line (table, row),
                   _("building id “%s” is also on line %u"), id, GPOINTER_TO_UINT (line));
          return NULL;
        }
      g_hash_table_insert (ids, g_steal_pointer (&id), GUINT_TO_POINTER (linli_csv_table_get_line (table, row)));
    }

  project = linli_project_new ();
  basename = linli_import_name_for_path (table->display_name);
  linli_project_set_name (project, options->name ? options->name : basename);

  linli_extent_init (&extent);
  for (guint row = 0; row < n_rows; row++)
    {
      g_autofree char *id = NULL, *name = NULL, *community_name = NULL, *compound_name = NULL;
      g_autofree char *compound_key = NULL;
      guint line = linli_csv_table_get_line (table, row);
      gboolean has_lat, has_lon;
      double lat = 0, lon = 0;
      LinliBuilding b = { 0 };
      Figures f;
      gpointer index;
      guint community;

      if (!cell_degrees (table, mapping, row, LINLI_CSV_FIELD_LAT, &has_lat, &lat, error) ||
          !cell_degrees (table, mapping, row, LINLI_CSV_FIELD_LON, &has_lon, &lon, error) ||
          !row_figures (table, mapping, row, &f, error) ||
          !cell_name (table, mapping, row, LINLI_CSV_FIELD_ID, MAX_ID_CHARS, &id, error) ||
          !cell_name (table, mapping, row, LINLI_CSV_FIELD_NAME, MAX_NAME_CHARS, &name, error) ||
          !cell_name (table, mapping, row, LINLI_CSV_FIELD_COMMUNITY, MAX_NAME_CHARS, &community_name, error) ||
          !cell_name (table, mapping, row, LINLI_CSV_FIELD_COMPOUND, MAX_NAME_CHARS, &compound_name, error))
        return NULL;
      if (!has_lat && !has_lon)
        {
          rep.skipped++;
          append_line (&rep.skipped_lines, line);
          continue;
        }
      if (has_lat != has_lon)
        {
          fail_at (error, table->display_name, line,
                   has_lat ? _("a latitude without a longitude") : _("a longitude without a latitude"));
          return NULL;
        }
      linli_crs_to_wgs84 (options->crs, lat, lon, &b.lat, &b.lon);
      if (!linli_lat_lon_is_valid (b.lat, b.lon))
        {
          fail_at (error, table->display_name, line, _("the position lies outside the valid range of coordinates"));
          return NULL;
        }
      /* The row that takes the positions where the projection cannot
       * measure them is the one blamed. */
      if (linli_extent_add (&extent, b.lat, b.lon))
        {
          g_autofree char *problem = linli_extent_check (&extent);

          if (problem != NULL)
            {
              fail_at (error, table->display_name, line, "%s", problem);
              return NULL;
            }
        }

      /* Figures: a missing one derived from the other. */
      b.households = f.has_households ? f.households : 0;
      b.residents = f.has_residents ? f.residents : 0;
      b.party_members = f.has_members ? f.members : 0;
      if (!f.has_members)
        b.flags |= LINLI_BUILDING_MEMBERS_UNKNOWN;
      if (f.has_households != f.has_residents)
        {
          if (f.has_households)
            b.residents = derive (f.households * options->residents_per_household);
          else
            b.households = derive (f.residents / options->residents_per_household);
          b.flags |= LINLI_BUILDING_ESTIMATED;
          rep.estimated++;
        }

      /* Community and compound by name; made on first sight. */
      if (community_name[0] == '\0')
        {
          g_free (community_name);
          community_name = g_strdup (_("Imported buildings"));
        }
      if ((index = g_hash_table_lookup (communities, community_name)) != NULL)
        community = GPOINTER_TO_UINT (index) - 1;
      else
        {
          g_autofree char *cid = g_strdup_printf ("c%u", linli_project_get_n_communities (project) + 1);

          community = linli_project_add_community (project, cid, community_name);
          g_hash_table_insert (communities, g_strdup (community_name), GUINT_TO_POINTER (community + 1));
        }
      if (compound_name[0] == '\0')
        {
          g_free (compound_name);
          compound_name = g_strdup (community_name);
        }
      compound_key = g_strdup_printf ("%u\n%s", community, compound_name);
      if ((index = g_hash_table_lookup (compounds, compound_key)) != NULL)
        b.compound = GPOINTER_TO_UINT (index) - 1;
      else
        {
          g_autofree char *kid = g_strdup_printf ("%s-k%u", linli_project_get_community (project, community)->id,
                                                  linli_project_get_n_compounds (project) + 1);

          b.compound = linli_project_add_compound (project, kid, compound_name, community);
          g_hash_table_insert (compounds, g_steal_pointer (&compound_key), GUINT_TO_POINTER (b.compound + 1));
        }

      if (id[0] == '\0')
        {
          g_free (id);
          id = g_strdup_printf ("row-%u", line);
          for (guint k = 2; g_hash_table_contains (ids, id); k++)
            {
              g_free (id);
              id = g_strdup_printf ("row-%u-%u", line, k);
            }
          g_hash_table_insert (ids, g_strdup (id), GUINT_TO_POINTER (line));
        }
      if (name[0] == '\0' && mapping->columns[LINLI_CSV_FIELD_KEY] >= 0)
        {
          /* No name: the key (an address or a number) names the building. */
          g_clear_pointer (&name, g_free);
          if (!cell_name (table, mapping, row, LINLI_CSV_FIELD_KEY, MAX_NAME_CHARS, &name, error))
            return NULL;
        }
      if (name[0] == '\0')
        {
          /* Nothing names it: a number people can read, not the row id. */
          g_free (name);
          name = g_strdup_printf (_("Building %u"), linli_project_get_n_buildings (project) + 1);
        }
      b.id = id;
      b.name = name;
      linli_project_add_building (project, &b, NULL, 0);
      rep.buildings++;
    }

  if (report != NULL)
    *report = rep, memset (&rep, 0, sizeof rep);
  return g_steal_pointer (&project);
}

/* ------------------------------------------------------------------------ */
/* Joining a list onto a project's buildings                                 */
/* ------------------------------------------------------------------------ */

static const char *const chinese_digits[] = { "〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

static int
chinese_digit (const char *p,
               gsize      *len)
{
  for (guint i = 0; i < G_N_ELEMENTS (chinese_digits); i++)
    if (g_str_has_prefix (p, chinese_digits[i]))
      {
        *len = strlen (chinese_digits[i]);
        return i < 2 ? 0 : (int) i - 1;
      }
  if (g_str_has_prefix (p, "十") || g_str_has_prefix (p, "百"))
    {
      *len = strlen ("十");
      return g_str_has_prefix (p, "十") ? 10 : 100;
    }
  return -1;
}

/* "三" → "3", "十二" → "12", "一百零五" → "105"; NULL if @s is not a
 * Chinese number. */
static char *
chinese_number (const char *s)
{
  guint total = 0, current = 0, n = 0;
  gboolean units = FALSE;
  GString *digits;

  /* Most names are plain digits and letters. */
  if ((guchar) s[0] < 0x80)
    return NULL;
  digits = g_string_new (NULL);

  for (const char *p = s; *p; n++)
    {
      gsize len;
      int d = chinese_digit (p, &len);

      if (d < 0 || n > 8)
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
      if (d >= 10)
        {
          total += (current == 0 ? 1 : current) * (guint) d;
          current = 0;
          units = TRUE;
        }
      else
        {
          current = (guint) d;
          g_string_append_c (digits, (char) ('0' + d));
        }
      p += len;
    }
  if (n == 0)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  if (!units)
    return g_string_free (digits, FALSE);  /* 一二 reads digit by digit */
  g_string_free (digits, TRUE);
  return g_strdup_printf ("%u", total + current);
}

static gboolean
ends_in_number (const char *s,
                gsize       len)
{
  const char *last;
  gsize dlen;

  if (len == 0)
    return FALSE;
  if (g_ascii_isalnum (s[len - 1]))
    return TRUE;
  last = g_utf8_find_prev_char (s, s + len);
  return last != NULL && chinese_digit (last, &dlen) >= 0;
}

/**
 * linli_csv_normalize_name:
 *
 * What a building name is compared by in a join: NFKC (full-width digits
 * and letters become plain ones), case folded, without white space; a
 * leading 第 and one trailing 号楼, 号栋, 号幢, #楼, 号, 栋, 幢, 楼, 座 or #
 * dropped when a number or letter stays before it; a Chinese number
 * written in digits; leading zeros gone.  So "３号楼", "3栋", "03幢",
 * "第三栋" and "3#" all give "3", and "A座" gives "a", but "主楼" stays.
 *
 * Returns: (transfer full): the normalised name
 */
char *
linli_csv_normalize_name (const char *name)
{
  static const char *const suffixes[] = {
    "号楼", "号栋", "号幢", "#楼", "#栋", "#幢", "号", "栋", "幢", "楼", "座", "#",
  };
  g_autofree char *s = plain_key (name);
  g_autofree char *number = NULL;
  char *start = s;
  gsize len;

  if (g_str_has_prefix (start, "第"))
    {
      gsize dlen;
      char *rest = start + strlen ("第");

      if (g_ascii_isdigit (*rest) || chinese_digit (rest, &dlen) >= 0)
        start = rest;
    }
  len = strlen (start);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize slen = strlen (suffixes[i]);

      if (len > slen && g_str_has_suffix (start, suffixes[i]) && ends_in_number (start, len - slen))
        {
          len -= slen;
          start[len] = '\0';
          break;
        }
    }
  if ((number = chinese_number (start)) != NULL)
    start = number;
  if (g_ascii_isdigit (*start))
    {
      const char *p = start;

      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '\0')
        while (start[0] == '0' && start[1] != '\0')
          start++;
    }
  return g_strdup (start);
}

/* Keys to the lists of indices that have them. */
static void
multi_add (GHashTable *hash,
           char       *key,
           guint       value)
{
  GArray *list = g_hash_table_lookup (hash, key);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (hash, key, list);
    }
  else
    {
      g_free (key);
      if (g_array_index (list, guint, list->len - 1) == value)
        return;
    }
  g_array_append_val (list, value);
}

static GHashTable *
multi_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
}

static gboolean
list_has (const GArray *list,
          guint         value)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_array_index (list, guint, i) == value)
      return TRUE;
  return FALSE;
}

/* The key a row or a building is found by. */
static char *
join_key (const char  *text,
          LinliCsvKey  key)
{
  return key == LINLI_CSV_KEY_ID ? plain_key (text) : linli_csv_normalize_name (text);
}

/* Buildings by key, as chains through one array: a table of GArrays would
 * cost an allocation per building, and joins key hundreds of thousands. */
typedef struct
{
  guint building;
  guint next;      /* the entry after, + 1; 0 at the end */
} Entry;

typedef struct
{
  GHashTable *heads;    /* key → its last entry + 1 */
  GArray     *entries;  /* Entry */
} Chains;

static void
chains_init (Chains *chains)
{
  chains->heads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  chains->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
}

static void
chains_clear (Chains *chains)
{
  g_clear_pointer (&chains->heads, g_hash_table_unref);
  g_clear_pointer (&chains->entries, g_array_unref);
}

static void
chains_add (Chains *chains,
            char   *key,
            guint   building)
{
  guint head = GPOINTER_TO_UINT (g_hash_table_lookup (chains->heads, key));
  Entry entry = { building, head };

  if (head != 0 && g_array_index (chains->entries, Entry, head - 1).building == building)
    {
      g_free (key);
      return;
    }
  g_array_append_val (chains->entries, entry);
  /* An existing key stays; the new copy is freed. */
  g_hash_table_insert (chains->heads, key, GUINT_TO_POINTER (chains->entries->len));
}

/* Counts the buildings under @key, giving one of them. */
static guint
chains_count (Chains     *chains,
              const char *key,
              guint      *found)
{
  guint n = 0;

  for (guint e = GPOINTER_TO_UINT (g_hash_table_lookup (chains->heads, key)); e != 0;
       e = g_array_index (chains->entries, Entry, e - 1).next)
    {
      *found = g_array_index (chains->entries, Entry, e - 1).building;
      n++;
    }
  return n;
}

/* Buildings by key: in all the project, within a compound and within a
 * community, so that a row's lookup costs the same however many
 * compounds have a 1号楼. */
typedef struct
{
  Chains all;
  Chains by_compound;
  Chains by_community;
} BuildingIndex;

static char *
scoped_key (const char *key,
            guint       scope)
{
  char number[16];

  g_snprintf (number, sizeof number, "%u\x1f", scope);
  return g_strconcat (number, key, NULL);
}

static void
index_building (BuildingIndex *index,
                const char    *key,
                guint          building,
                guint          compound,
                guint          community)
{
  chains_add (&index->all, g_strdup (key), building);
  /* The scoped chains are there only when the list has such a column. */
  if (index->by_compound.heads != NULL)
    chains_add (&index->by_compound, scoped_key (key, compound), building);
  if (index->by_community.heads != NULL)
    chains_add (&index->by_community, scoped_key (key, community), building);
}

/* The buildings with @key in the row's scope: its compounds (by name or
 * id), else its communities, else the project.  Counts them, and gives
 * one. */
static guint
find_buildings (BuildingIndex *index,
                LinliProject  *project,
                const char    *key,
                const GArray  *in_compounds,
                const GArray  *in_communities,
                guint         *found)
{
  guint n = 0;

  if (key[0] == '\0')
    return 0;
  if (in_compounds != NULL)
    {
      for (guint k = 0; k < in_compounds->len; k++)
        {
          guint compound = g_array_index (in_compounds, guint, k);
          g_autofree char *scoped = NULL;

          if (in_communities != NULL &&
              !list_has (in_communities, linli_project_get_compound (project, compound)->community))
            continue;
          scoped = scoped_key (key, compound);
          n += chains_count (&index->by_compound, scoped, found);
        }
      return n;
    }
  if (in_communities != NULL)
    {
      for (guint c = 0; c < in_communities->len; c++)
        {
          g_autofree char *scoped = scoped_key (key, g_array_index (in_communities, guint, c));

          n += chains_count (&index->by_community, scoped, found);
        }
      return n;
    }
  return chains_count (&index->all, key, found);
}

/* Matches the rows of @table to buildings of @project.  @out, if not
 * %NULL, gets a copy of every building with the figures of the row that
 * matched it. */
static gboolean
join_match (LinliProject          *project,
            const LinliCsvTable   *table,
            const LinliCsvMapping *mapping,
            const LinliCsvOptions *options,
            LinliCsvReport        *rep,
            GArray                *out,
            GError               **error)
{
  g_autoptr (GHashTable) compounds = multi_new ();
  g_autoptr (GHashTable) communities = multi_new ();
  g_autoptr (GPtrArray) compound_keys = g_ptr_array_new_with_free_func (g_free);
  BuildingIndex index;
  g_autofree guint *row_of = NULL;
  guint n_buildings = linli_project_get_n_buildings (project);
  int key_column = linli_csv_mapping_get_join_column (mapping, options->key);
  LinliCsvMapping keyed = *mapping;

  rep->join = TRUE;
  rep->rows = table->lines->len;
  if (!check_columns (table, mapping, error))
    return FALSE;
  if (key_column < 0)
    return fail_at (error, table->display_name, 0, _("choose the column to match buildings by"));
  if (mapping->columns[LINLI_CSV_FIELD_HOUSEHOLDS] < 0 && mapping->columns[LINLI_CSV_FIELD_RESIDENTS] < 0 &&
      mapping->columns[LINLI_CSV_FIELD_PARTY_MEMBERS] < 0)
    return fail_at (error, table->display_name, 0,
                    _("choose a column of households, residents or party members to fill in"));
  keyed.columns[LINLI_CSV_FIELD_KEY] = key_column;

  /* Every row's figures are checked before anything is matched. */
  for (guint row = 0; row < table->lines->len; row++)
    {
      Figures f;

      if (!row_figures (table, mapping, row, &f, error))
        return FALSE;
    }

  memset (&index, 0, sizeof index);
  chains_init (&index.all);
  if (mapping->columns[LINLI_CSV_FIELD_COMPOUND] >= 0)
    chains_init (&index.by_compound);
  if (mapping->columns[LINLI_CSV_FIELD_COMMUNITY] >= 0)
    chains_init (&index.by_community);
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    {
      const LinliCommunity *community = linli_project_get_community (project, c);

      multi_add (communities, plain_key (community->name), c);
      multi_add (communities, plain_key (community->id), c);
    }
  for (guint k = 0; k < linli_project_get_n_compounds (project); k++)
    {
      const LinliCompound *compound = linli_project_get_compound (project, k);

      multi_add (compounds, plain_key (compound->name), k);
      multi_add (compounds, plain_key (compound->id), k);
      g_ptr_array_add (compound_keys, plain_key (compound->name));
    }
  if (out != NULL)
    g_array_set_size (out, n_buildings);
  for (guint i = 0; i < n_buildings; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      const char *text = options->key == LINLI_CSV_KEY_ID ? b->id : b->name;
      guint community = linli_project_get_compound (project, b->compound)->community;
      g_autofree char *key = NULL;

      if (out != NULL)
        g_array_index (out, LinliBuilding, i) = *b;
      if (text[0] == '\0')
        continue;
      key = join_key (text, options->key);
      if (key[0] != '\0')
        index_building (&index, key, i, b->compound, community);
      /* "金色家园3号楼" in compound 金色家园 is also found as "3号楼". */
      if (options->key == LINLI_CSV_KEY_NAME)
        {
          g_autofree char *plain = plain_key (text);
          const char *prefix = g_ptr_array_index (compound_keys, b->compound);
          gsize n = strlen (prefix);

          if (n > 0 && strlen (plain) > n && strncmp (plain, prefix, n) == 0)
            {
              g_autofree char *rest = linli_csv_normalize_name (plain + n);

              if (!g_str_equal (rest, key) && rest[0] != '\0')
                index_building (&index, rest, i, b->compound, community);
            }
        }
    }

  row_of = g_new (guint, MAX (n_buildings, 1));
  for (guint i = 0; i < n_buildings; i++)
    row_of[i] = G_MAXUINT;

  for (guint row = 0; row < table->lines->len; row++)
    {
      const char *key_text = cell_text (table, &keyed, row, LINLI_CSV_FIELD_KEY);
      const char *compound_text = cell_text (table, mapping, row, LINLI_CSV_FIELD_COMPOUND);
      const char *community_text = cell_text (table, mapping, row, LINLI_CSV_FIELD_COMMUNITY);
      g_autofree char *compound_key = plain_key (compound_text);
      g_autofree char *community_key = plain_key (community_text);
      g_autofree char *key = join_key (key_text, options->key);
      GArray *in_compounds = NULL, *in_communities = NULL;
      guint line = linli_csv_table_get_line (table, row);
      guint found = G_MAXUINT, n_found = 0;
      LinliBuilding *b, filled;
      Figures f;

      if (compound_key[0] != '\0')
        in_compounds = g_hash_table_lookup (compounds, compound_key);
      if (community_key[0] != '\0')
        in_communities = g_hash_table_lookup (communities, community_key);
      /* A compound or community the project does not have: no match. */
      if ((compound_key[0] == '\0' || in_compounds != NULL) &&
          (community_key[0] == '\0' || in_communities != NULL))
        {
          n_found = find_buildings (&index, project, key, in_compounds, in_communities, &found);
          /* "金色家园3号楼" in a row of compound 金色家园 is also "3号楼". */
          if (n_found == 0 && options->key == LINLI_CSV_KEY_NAME && compound_key[0] != '\0')
            {
              g_autofree char *plain = plain_key (key_text);
              gsize n = strlen (compound_key);

              if (strlen (plain) > n && strncmp (plain, compound_key, n) == 0)
                {
                  g_autofree char *rest = linli_csv_normalize_name (plain + n);

                  n_found = find_buildings (&index, project, rest, in_compounds, in_communities, &found);
                }
            }
        }
      if (n_found == 0)
        {
          rep->unmatched++;
          append_line (&rep->unmatched_lines, line);
          continue;
        }
      if (n_found > 1)
        {
          /* Two buildings of one name in scope: no guessing. */
          rep->ambiguous++;
          append_line (&rep->ambiguous_lines, line);
          continue;
        }
      if (row_of[found] != G_MAXUINT)
        {
          rep->duplicates++;
          append_line (&rep->duplicate_lines, line);
          continue;
        }
      row_of[found] = row;
      rep->matched++;

      /* The row's figures; a missing one is derived from the other only
       * where the building's were estimated anyway. */
      row_figures (table, mapping, row, &f, NULL);
      filled = *linli_project_get_building (project, found);
      b = out != NULL ? &g_array_index (out, LinliBuilding, found) : &filled;
      if (f.has_households)
        b->households = f.households;
      if (f.has_residents)
        b->residents = f.residents;
      if (f.has_members)
        {
          b->party_members = f.members;
          b->flags &= ~LINLI_BUILDING_MEMBERS_UNKNOWN;
        }
      if (f.has_households && f.has_residents)
        b->flags &= ~LINLI_BUILDING_ESTIMATED;
      else if ((f.has_households || f.has_residents) && (b->flags & LINLI_BUILDING_ESTIMATED))
        {
          if (f.has_households)
            b->residents = derive (f.households * options->residents_per_household);
          else
            b->households = derive (f.residents / options->residents_per_household);
        }
      if (b->flags & LINLI_BUILDING_ESTIMATED)
        rep->estimated++;
    }

  for (guint i = 0; i < n_buildings; i++)
    if (row_of[i] == G_MAXUINT)
      {
        rep->buildings_unmatched++;
        append_line (&rep->unmatched_buildings, i);
      }
  chains_clear (&index.all);
  chains_clear (&index.by_compound);
  chains_clear (&index.by_community);
  return TRUE;
}


/**
 * linli_csv_join_check:
 * @report: (out caller-allocates) (optional): the matching; clear it with
 *   linli_csv_report_clear()
 *
 * Does what linli_csv_join() does without making the project: for a
 * summary while the mapping is chosen.
 *
 * Returns: %FALSE with @error set if the join would fail
 */
gboolean
linli_csv_join_check (LinliProject          *project,
                      const LinliCsvTable   *table,
                      const LinliCsvMapping *mapping,
                      const LinliCsvOptions *options,
                      LinliCsvReport        *report,
                      GError               **error)
{
  g_auto (LinliCsvReport) rep = { 0 };

  g_return_val_if_fail (LINLI_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (table != NULL && mapping != NULL && options != NULL, FALSE);

  if (report != NULL)
    memset (report, 0, sizeof *report);
  if (!join_match (project, table, mapping, options, &rep, NULL, error))
    return FALSE;
  if (report != NULL)
    *report = rep, memset (&rep, 0, sizeof rep);
  return TRUE;
}

/**
 * linli_csv_join:
 * @project: the project whose buildings to fill in; it is not changed
 * @report: (out caller-allocates) (optional): the matching; clear it with
 *   linli_csv_report_clear()
 *
 * Fills the figures of a building list into the buildings of @project, in
 * a copy.  Each row is matched by its key column (see
 * linli_csv_mapping_get_join_column()) to building names as
 * linli_csv_normalize_name() compares them, or to ids; within its compound
 * and community when the row names them (by name or id).  A row that
 * matches one building sets the households, residents and party members
 * it gives; given both households and residents, the building is no longer
 * %LINLI_BUILDING_ESTIMATED.  Given one of them, a building whose figures
 * were estimated gets the other derived and stays estimated.  Rows that
 * match no building, or several (nothing is guessed), or a building an
 * earlier row filled, are reported with their lines, not an error.  A bad
 * cell anywhere is an error and no project is made.
 *
 * Returns: (transfer full): the filled-in copy, or %NULL with @error set
 */
LinliProject *
linli_csv_join (LinliProject          *project,
                const LinliCsvTable   *table,
                const LinliCsvMapping *mapping,
                const LinliCsvOptions *options,
                LinliCsvReport        *report,
                GError               **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (LinliBuilding));
  g_auto (LinliCsvReport) rep = { 0 };
  LinliProject *copy;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (table != NULL && mapping != NULL && options != NULL, NULL);

  if (report != NULL)
    memset (report, 0, sizeof *report);
  if (!join_match (project, table, mapping, options, &rep, out, error))
    return NULL;
  copy = linli_project_copy_with_buildings (project, (const LinliBuilding *) out->data);
  if (report != NULL)
    *report = rep, memset (&rep, 0, sizeof rep);
  return copy;
}

/* ------------------------------------------------------------------------ */
/* Shared with the other list readers                                        */
/* ------------------------------------------------------------------------ */

/* The text of a cell, or "" for no column. */
static const char *
column_text (const LinliCsvTable *table,
             guint                row,
             int                  column)
{
  if (column < 0 || (guint) column >= table->n_columns)
    return "";
  return linli_csv_table_get_cell (table, row, column);
}

/*
 * _linli_csv_cell_error:
 * @label: the field, for people
 *
 * Sets "FILE:LINE: Field (column “header”): “value” reason".
 *
 * Returns: %FALSE
 */
gboolean
_linli_csv_cell_error (const LinliCsvTable *table,
                       guint                row,
                       int                  column,
                       const char          *label,
                       const char          *value,
                       const char          *reason,
                       GError             **error)
{
  /* Translators: the field, the column's header, the value and why it is wrong, e.g.
   * Households (column “户数”): “-3” is negative */
  return fail_at (error, table->display_name, linli_csv_table_get_line (table, row),
                  _("%s (column “%s”): “%s” %s"), label,
                  column >= 0 ? linli_csv_table_get_header (table, column) : "", value, reason);
}

/*
 * _linli_csv_cell_degrees:
 * @column: the column, or -1 for none (then nothing is present)
 * @is_lat: a latitude (±90°), else a longitude (±180°)
 *
 * Reads a coordinate in decimal degrees as the core's number parser reads
 * it, maybe full-width, with "°" or a decimal comma.  A blank cell is not
 * present and no error.
 */
gboolean
_linli_csv_cell_degrees (const LinliCsvTable *table,
                         guint                row,
                         int                  column,
                         const char          *label,
                         gboolean             is_lat,
                         gboolean            *present,
                         double              *value,
                         GError             **error)
{
  const char *raw = column_text (table, row, column);
  g_autofree char *s = NULL;
  double limit = is_lat ? 90 : 180;
  LinliNumberStatus status;

  *present = FALSE;
  if (is_blank (raw))
    return TRUE;
  s = nfkc_strip (raw);
  if (g_str_has_suffix (s, "°"))
    {
      s[strlen (s) - strlen ("°")] = '\0';
      g_strchomp (s);
    }
  if (strchr (s, '.') == NULL)
    g_strdelimit (s, ",", '.');
  status = linli_number_parse_double (s, LINLI_NUMBER_FLAGS_NONE, -INFINITY, INFINITY, value);
  if (status == LINLI_NUMBER_TOO_LARGE || status == LINLI_NUMBER_TOO_SMALL)
    *value = status == LINLI_NUMBER_TOO_LARGE ? INFINITY : -INFINITY;
  else if (status != LINLI_NUMBER_OK)
    return _linli_csv_cell_error (table, row, column, label, raw, _("is not a number"), error);
  if (fabs (*value) > limit)
    {
      g_autofree char *reason = NULL;

      if (is_lat && fabs (*value) <= 180)
        reason = g_strdup (_("is not between −90 and 90 (are latitude and longitude swapped?)"));
      else
        reason = g_strdup_printf (_("is not between −%.0f and %.0f"), limit, limit);
      return _linli_csv_cell_error (table, row, column, label, raw, reason, error);
    }
  *present = TRUE;
  return TRUE;
}

/*
 * _linli_csv_cell_text:
 *
 * Returns: (transfer full): a cell as text for the project: line breaks
 *   and tabs made spaces, other control characters dropped, ends trimmed;
 *   "" for no column
 */
char *
_linli_csv_cell_text (const LinliCsvTable *table,
                      guint                row,
                      int                  column)
{
  return clean_text (column_text (table, row, column));
}

/*
 * _linli_csv_cell_number:
 *
 * Returns: (transfer full): a cell NFKC-normalised and trimmed, as
 *   number readers want it; "" for no column
 */
char *
_linli_csv_cell_number (const LinliCsvTable *table,
                        guint                row,
                        int                  column)
{
  return nfkc_strip (column_text (table, row, column));
}

/*
 * _linli_csv_header_key:
 *
 * Returns: (transfer full): a header as the column guesses compare it:
 *   NFKC, case folded, no white space, units in brackets dropped
 *   ("户数（户）" → "户数")
 */
char *
_linli_csv_header_key (const char *header)
{
  return guess_key (header);
}
