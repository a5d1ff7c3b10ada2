/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

int linli_tool_grid (int    argc,
                     char **argv);
