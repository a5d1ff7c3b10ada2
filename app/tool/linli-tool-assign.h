/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* linli-tool assign: partner units to the needs of places (linli-tool-assign.c). */

int linli_tool_assign (int    argc,
                       char **argv);

G_END_DECLS
