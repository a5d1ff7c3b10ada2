/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-project.h"

G_BEGIN_DECLS

/* linli-tool check (linli-tool-check.c): the violations of a project's
 * checks and the organisation chain's figures.  The printing takes a list
 * of #LinliViolation whatever check made them, so other checks (grids)
 * add theirs to the same list. */

int  linli_tool_check            (int    argc,
                                  char **argv);
void linli_tool_print_violations (LinliProject *project,
                                  GPtrArray    *violations);

G_END_DECLS
