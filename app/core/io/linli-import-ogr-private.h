/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-import-ogr.h"
#include "linli-import-private.h"
#include "linli-polygon.h"

#include <gdal.h>
#include <ogr_srs_api.h>

G_BEGIN_DECLS

/* What the GDAL reader and writer share.  Not installed; io-private. */

void                 _linli_ogr_register        (void);
GDALDatasetH         _linli_ogr_open            (const char  *path,
                                                 const char  *encoding,
                                                 GError     **error);
OGRSpatialReferenceH _linli_ogr_srs_from_string (const char *input);

/* One polygon feature of a layer: its fields as tags ("name" is the
 * field the mapping guesses as the name when none is called so), where it
 * is ("feature 3"), and its outline in WGS84 with every ring (NULL with
 * @problem, untranslated, when it cannot be read). */
typedef void (*LinliOgrPolygonFunc) (const LinliTags *tags,
                                     const char      *source,
                                     LinliPolygon    *polygon,
                                     const char      *problem,
                                     gpointer         user_data);

gboolean             _linli_ogr_foreach_polygon (const char            *path,
                                                 const LinliOgrOptions *options,
                                                 LinliOgrPolygonFunc    func,
                                                 gpointer               user_data,
                                                 GError               **error);

G_END_DECLS
