/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* linli-tool units: the registry of partner units (linli-tool-units.c). */

int linli_tool_units (int    argc,
                      char **argv);

G_END_DECLS
