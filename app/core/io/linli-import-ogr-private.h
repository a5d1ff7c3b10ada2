/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-import-ogr.h"

#include <gdal.h>
#include <ogr_srs_api.h>

G_BEGIN_DECLS

/* What the GDAL reader and writer share.  Not installed; io-private. */

void                 _linli_ogr_register        (void);
GDALDatasetH         _linli_ogr_open            (const char  *path,
                                                 const char  *encoding,
                                                 GError     **error);
OGRSpatialReferenceH _linli_ogr_srs_from_string (const char *input);

G_END_DECLS
