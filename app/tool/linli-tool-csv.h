/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* linli-tool commands for CSV building lists (linli-tool-csv.c). */

gboolean linli_tool_csv_wanted          (int    argc,
                                         char **argv);
gboolean linli_tool_csv_parse_separator (const char *name,
                                         char       *separator);
int      linli_tool_import_csv          (int    argc,
                                         char **argv);
int      linli_tool_join_csv            (int    argc,
                                         char **argv);

G_END_DECLS
