/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-table.h"

G_BEGIN_DECLS

gboolean linli_tables_save_xlsx (GPtrArray   *tables,
                                 const char  *path,
                                 GError     **error);

G_END_DECLS
