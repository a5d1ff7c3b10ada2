/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-org.h"

#include <glib/gi18n.h>

#include "linli-format.h"
#include "linli-history.h"
#include "linli-org-import.h"
#include "linli-tool-csv.h"

/* Commands */

/* `linli-tool org import --project IN.linli --list LIST --csv FILE --out OUT.linli [--column …]`:
 * a spreadsheet of committees, branches, party groups or member households
 * into a project.  Exit 2 for anything wrong with the options or the list
 * (the message has the file and line), 1 when the project cannot be read
 * or written; nothing is written unless every row reads. */
static int
org_import (int    argc,
            char **argv)
{
  g_autofree char *csv = NULL, *in = NULL, *out = NULL, *list_name = NULL, *separator_name = NULL;
  g_auto (GStrv) columns = NULL;
  GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &in, N_("Project to add the list to"), "FILE" },
    { "list", 'l', 0, G_OPTION_ARG_STRING, &list_name,
      N_("What the file lists: committees, branches, groups or households"), "LIST" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("The list (CSV, UTF-8 or GBK)"), "FILE" },
    { "column", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &columns,
      N_("Column of a field, overriding the guess: secretary=书记, room=3, id=none… (repeatable; fields: id, "
         "name, community, kind, compound, grid, secretary, members, branch, leader, buildings, room)"),
      "FIELD=COLUMN" },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &separator_name, N_("comma, semicolon, tab or auto (default)"), "SEP" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Project file to write"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new (_("— add committees, branches, party groups or member households from a CSV list"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliHistory) history = NULL;
  g_autoptr (LinliCsvTable) table = NULL;
  LinliOrgImportReport report = { 0 };
  LinliOrgMapping mapping;
  LinliOrgList list;
  char separator;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || csv == NULL || in == NULL || out == NULL ||
      list_name == NULL)
    {
      g_printerr ("linli-tool org import: %s\n",
                  error ? error->message : _("give --project FILE, --list LIST, --csv FILE and --out FILE"));
      return 2;
    }
  if (!linli_org_list_from_string (list_name, &list))
    {
      g_printerr (_("linli-tool org import: --list must be committees, branches, groups or households\n"));
      return 2;
    }
  if (!linli_tool_csv_parse_separator (separator_name, &separator))
    {
      g_printerr (_("linli-tool org import: --separator must be comma, semicolon, tab or auto\n"));
      return 2;
    }
  project = linli_format_load_file (in, &error);
  if (project == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  table = linli_csv_table_load (csv, separator, &error);
  if (table == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }
  linli_org_mapping_guess (&mapping, list, table);
  for (char **c = columns; c != NULL && *c != NULL; c++)
    if (!linli_org_mapping_parse (&mapping, list, table, *c, &error))
      {
        g_printerr ("linli-tool org import: %s\n", error->message);
        return 2;
      }

  /* What was read and how, before the rows: a wrong guess shows here. */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %s, %s-separated, %u row\n", "%s: %s, %s-separated, %u rows\n",
                        linli_csv_table_get_n_rows (table)),
           linli_csv_table_get_display_name (table), linli_csv_table_get_encoding (table),
           linli_csv_separator_to_string (linli_csv_table_get_separator (table)),
           linli_csv_table_get_n_rows (table));
  g_print (_("columns:"));
  for (guint f = 0; f < LINLI_ORG_N_FIELDS; f++)
    if (mapping.columns[f] >= 0)
      g_print (" %s=“%s”", linli_org_field_to_string (f), linli_csv_table_get_header (table, mapping.columns[f]));
  g_print ("\n");

  history = linli_history_new (project);
  if (!linli_org_import_csv (history, list, table, &mapping, &report, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }
  if (!linli_format_save_file (project, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  /* Translators: the file written, then the entries read (blank rows aside); then added and changed */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u entry read: %u added, %u changed\n",
                        "%s: %u entries read: %u added, %u changed\n", report.n_entries),
           out, report.n_entries, report.n_added, report.n_changed);
  return 0;
}

/**
 * linli_tool_org:
 *
 * `linli-tool org import …`; further subcommands may join it.
 */
int
linli_tool_org (int    argc,
                char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return org_import (argc - 1, argv + 1);
  g_printerr (_("Usage: linli-tool org import --project IN.linli --list committees|branches|groups|households "
                "--csv FILE [--column FIELD=COLUMN …] --out OUT.linli\n"));
  return 2;
}
