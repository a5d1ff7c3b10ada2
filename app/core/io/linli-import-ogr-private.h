/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-import-ogr.h"

#include <gdal.h>

G_BEGIN_DECLS

/* What the GDAL reader and writer share.  Not installed; io-private. */

GDALDatasetH _linli_ogr_open (const char  *path,
                              const char  *encoding,
                              GError     **error);

G_END_DECLS
