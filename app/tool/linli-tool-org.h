/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* linli-tool org: the organisation's lists (linli-tool-org.c). */

int linli_tool_org (int    argc,
                    char **argv);

G_END_DECLS
