/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* linli-tool units and needs: the partner lists of a registry, and the
 * needs of a plan (linli-tool-units.c). */

int linli_tool_units (int    argc,
                      char **argv);
int linli_tool_needs (int    argc,
                      char **argv);

G_END_DECLS
