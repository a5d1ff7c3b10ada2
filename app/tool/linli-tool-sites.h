/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* linli-tool sites: candidate sites in bulk (linli-tool-sites.c). */

int linli_tool_sites (int    argc,
                      char **argv);

G_END_DECLS
