/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-csv.h"

#include <glib/gi18n.h>
#include <string.h>

#include "linli-format.h"
#include "linli-import-csv.h"
#include "linli-import-ogr.h"

#define MAX_LISTED 20

/* Auxiliary methods */

/**
 * linli_tool_csv_wanted:
 *
 * Returns: whether `linli-tool import` was given `--csv`: then it is this
 *   file's import, not the GeoJSON one
 */
gboolean
linli_tool_csv_wanted (int    argc,
                       char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--csv") || g_str_has_prefix (argv[i], "--csv="))
      return TRUE;
  return FALSE;
}

/**
 * linli_tool_csv_parse_separator:
 * @name: comma, semicolon, tab, auto or %NULL (auto)
 * @separator: (out): the character, or 0 to guess it
 *
 * Returns: %FALSE if @name is none of those
 */
gboolean
linli_tool_csv_parse_separator (const char *name,
                                char       *separator)
{
  if (name == NULL || g_str_equal (name, "auto"))
    *separator = 0;
  else if (g_str_equal (name, "comma") || g_str_equal (name, ","))
    *separator = ',';
  else if (g_str_equal (name, "semicolon") || g_str_equal (name, ";"))
    *separator = ';';
  else if (g_str_equal (name, "tab") || g_str_equal (name, "\t") || g_str_equal (name, "\\t"))
    *separator = '\t';
  else
    return FALSE;
  return TRUE;
}

/* Reads the table and works out the mapping: guessed, then --column. */
static LinliCsvTable *
load_mapped (const char       *command,
             const char       *path,
             const char       *separator_name,
             char            **columns,
             LinliCsvMapping  *mapping,
             int              *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCsvTable) table = NULL;
  char separator;

  if (!linli_tool_csv_parse_separator (separator_name, &separator))
    {
      g_printerr (_("linli-tool %s: --separator must be comma, semicolon, tab or auto\n"), command);
      *status = 2;
      return NULL;
    }
  /* Excel and OpenDocument sheets come through GDAL, as the same table. */
  if (linli_ogr_handles (path))
    {
      LinliOgrOptions options;

      linli_ogr_options_init (&options);
      table = linli_ogr_read_table (path, &options, &error);
    }
  else
    table = linli_csv_table_load (path, separator, &error);
  if (table == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      *status = 1;
      return NULL;
    }
  linli_csv_mapping_guess (mapping, table);
  for (char **c = columns; c != NULL && *c != NULL; c++)
    if (!linli_csv_mapping_parse (mapping, table, *c, &error))
      {
        g_printerr ("linli-tool %s: %s\n", command, error->message);
        *status = 2;
        return NULL;
      }
  return g_steal_pointer (&table);
}

/* What was read and how: encoding, separator, rows and columns used. */
static void
print_table (const LinliCsvTable   *table,
             const LinliCsvMapping *mapping)
{
  guint n_rows = linli_csv_table_get_n_rows (table);

  if (linli_ogr_handles (linli_csv_table_get_display_name (table)))
    {
      /* Translators: a spreadsheet's name, its rows */
      g_print (g_dngettext (GETTEXT_PACKAGE, "%s: a sheet of %u row\n", "%s: a sheet of %u rows\n", n_rows),
               linli_csv_table_get_display_name (table), n_rows);
    }
  else
    {
      /* Translators: file name, encoding, separator name (comma, semicolon or tab), rows */
      g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %s, %s-separated, %u row\n", "%s: %s, %s-separated, %u rows\n",
                            n_rows),
               linli_csv_table_get_display_name (table), linli_csv_table_get_encoding (table),
               linli_csv_separator_to_string (linli_csv_table_get_separator (table)), n_rows);
    }
  g_print (_("columns:"));
  for (guint f = 0; f < LINLI_CSV_N_FIELDS; f++)
    if (mapping->columns[f] >= 0)
      g_print (" %s=“%s”", linli_csv_field_to_string (f),
               linli_csv_table_get_header (table, mapping->columns[f]));
  g_print ("\n");
}

/* Lists the first rows in @lines with the text they were matched by. */
static void
print_rows (const char          *what,
            const LinliCsvTable *table,
            const GArray        *lines,
            int                  key_column,
            int                  compound_column)
{
  guint row = 0, n_rows = linli_csv_table_get_n_rows (table);
  char *key = NULL, *compound = NULL;

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      guint line = g_array_index (lines, guint, i);

      if (i == MAX_LISTED)
        {
          g_print ("  %s … (%u)\n", what, lines->len);
          break;
        }
      /* Both are in file order. */
      while (row < n_rows && linli_csv_table_get_line (table, row) < line)
        row++;
      if (row == n_rows)
        break;
      key = g_strdelimit (g_strdup (linli_csv_table_get_cell (table, row, key_column)), "\r\n\t", ' ');
      compound = g_strdelimit (g_strdup (compound_column >= 0 ? linli_csv_table_get_cell (table, row, compound_column)
                                                              : ""), "\r\n\t", ' ');
      g_print ("  %s %s:%u: “%s”%s%s%s\n", what, linli_csv_table_get_display_name (table), line, key,
               compound[0] ? " (" : "", compound, compound[0] ? ")" : "");
      g_clear_pointer (&key, g_free);
      g_clear_pointer (&compound, g_free);
    }
}

/* Commands */

/**
 * linli_tool_import_csv:
 *
 * `linli-tool import --csv FILE --out F.linli [--crs CRS] [--column FIELD=COLUMN …]`
 */
int
linli_tool_import_csv (int    argc,
                       char **argv)
{
  g_autofree char *csv = NULL, *out = NULL, *crs_name = NULL, *name = NULL, *separator = NULL;
  g_auto (GStrv) columns = NULL;
  double per_household = 2.6;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Building list with coordinates (CSV, UTF-8 or GBK)"), "FILE" },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_name, N_("Coordinates of the file: wgs84 (default), gcj02 or cgcs2000"), "CRS" },
    { "column", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &columns,
      N_("Column of a field, overriding the guess: households=户数, lat=3, key=none… (repeatable; fields: id, "
         "name, compound, community, households, residents, party-members, lat, lon, key)"), "FIELD=COLUMN" },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &separator, N_("comma, semicolon, tab or auto (default)"), "SEP" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the district"), "NAME" },
    { "residents-per-household", 0, 0, G_OPTION_ARG_DOUBLE, &per_household,
      N_("For a missing households or residents figure (default 2.6)"), "N" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Project file to write"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("— make a project of a CSV building list with coordinates"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCsvTable) table = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_auto (LinliCsvReport) report = { 0 };
  g_autofree char *summary = NULL;
  LinliCsvOptions opts;
  LinliCsvMapping mapping;
  int status = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || csv == NULL || out == NULL)
    {
      g_printerr ("linli-tool import: %s\n", error ? error->message : _("give --csv FILE and --out FILE"));
      return 2;
    }
  linli_csv_options_init (&opts);
  if (crs_name != NULL && !linli_crs_from_string (crs_name, &opts.crs))
    {
      g_printerr (_("linli-tool import: --crs must be wgs84, gcj02 or cgcs2000\n"));
      return 2;
    }
  if (!(per_household > 0))
    {
      g_printerr (_("linli-tool import: --residents-per-household must be above 0\n"));
      return 2;
    }
  opts.name = name;
  opts.residents_per_household = per_household;
  table = load_mapped ("import", csv, separator, columns, &mapping, &status);
  if (table == NULL)
    return status;
  print_table (table, &mapping);
  project = linli_csv_import (table, &mapping, &opts, &report, &error);
  if (project == NULL || !linli_format_save_file (project, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  summary = linli_csv_report_describe (&report);
  g_print ("%s\n", summary);
  g_print (_("%s: %u communities, %u compounds, %u buildings\n"), out, linli_project_get_n_communities (project),
           linli_project_get_n_compounds (project), linli_project_get_n_buildings (project));
  return 0;
}

/**
 * linli_tool_join_csv:
 *
 * `linli-tool join --project IN.linli --csv FILE --out OUT.linli [--key name|id] [--column …]`
 */
int
linli_tool_join_csv (int    argc,
                     char **argv)
{
  g_autofree char *csv = NULL, *in = NULL, *out = NULL, *key_name = NULL, *separator = NULL;
  g_auto (GStrv) columns = NULL;
  double per_household = 2.6;
  GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &in, N_("Project whose buildings to fill in"), "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Building list (CSV, UTF-8 or GBK)"), "FILE" },
    { "key", 'k', 0, G_OPTION_ARG_STRING, &key_name, N_("Match rows to building names (default) or ids"), "name|id" },
    { "column", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &columns,
      N_("Column of a field, overriding the guess: key=门牌, households=户数… (repeatable)"), "FIELD=COLUMN" },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &separator, N_("comma, semicolon, tab or auto (default)"), "SEP" },
    { "residents-per-household", 0, 0, G_OPTION_ARG_DOUBLE, &per_household,
      N_("For a missing households or residents figure of an estimated building (default 2.6)"), "N" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Project file to write"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("— fill in a project's buildings from a CSV building list"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCsvTable) table = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) joined = NULL;
  g_auto (LinliCsvReport) report = { 0 };
  g_autofree char *summary = NULL;
  LinliCsvOptions opts;
  LinliCsvMapping mapping;
  int status = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || csv == NULL || in == NULL || out == NULL)
    {
      g_printerr ("linli-tool join: %s\n",
                  error ? error->message : _("give --project FILE, --csv FILE and --out FILE"));
      return 2;
    }
  linli_csv_options_init (&opts);
  if (key_name != NULL && g_str_equal (key_name, "id"))
    opts.key = LINLI_CSV_KEY_ID;
  else if (key_name != NULL && !g_str_equal (key_name, "name"))
    {
      g_printerr (_("linli-tool join: --key must be name or id\n"));
      return 2;
    }
  if (!(per_household > 0))
    {
      g_printerr (_("linli-tool join: --residents-per-household must be above 0\n"));
      return 2;
    }
  opts.residents_per_household = per_household;
  project = linli_format_load_file (in, &error);
  if (project == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  table = load_mapped ("join", csv, separator, columns, &mapping, &status);
  if (table == NULL)
    return status;
  print_table (table, &mapping);
  joined = linli_csv_join (project, table, &mapping, &opts, &report, &error);
  if (joined == NULL || !linli_format_save_file (joined, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  summary = linli_csv_report_describe (&report);
  g_print ("%s\n", summary);
  {
    int key_column = linli_csv_mapping_get_join_column (&mapping, opts.key);
    int compound_column = mapping.columns[LINLI_CSV_FIELD_COMPOUND];

    print_rows (_("unmatched"), table, report.unmatched_lines, key_column, compound_column);
    print_rows (_("ambiguous"), table, report.ambiguous_lines, key_column, compound_column);
    print_rows (_("already filled"), table, report.duplicate_lines, key_column, compound_column);
  }
  g_print (_("%s: %u buildings, %u filled in from the list\n"), out, linli_project_get_n_buildings (joined),
           report.matched);
  return 0;
}
