/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* linli-tool scenario: list, compare and make scenarios (linli-tool-scenario.c). */

int linli_tool_scenario (int    argc,
                         char **argv);

G_END_DECLS
