/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

int linli_tool_export (int    argc,
                       char **argv);
