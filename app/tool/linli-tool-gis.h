/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-document.h"

G_BEGIN_DECLS

/* linli-tool's GIS files through GDAL (linli-tool-gis.c): import of a
 * layer, listing layers, and export of results. */

gboolean linli_tool_gis_wanted  (int    argc,
                                 char **argv);
int      linli_tool_import_gis  (int    argc,
                                 char **argv);
int      linli_tool_export_gis  (LinliDocument *document,
                                 const char    *to,
                                 const char    *layers,
                                 const char    *crs,
                                 const char    *encoding);

G_END_DECLS
