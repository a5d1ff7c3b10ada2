/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define LINLI_MBTILES_ERROR (linli_mbtiles_error_quark ())

/**
 * LinliMbtilesError:
 * @LINLI_MBTILES_ERROR_FAILED: the file could not be read
 * @LINLI_MBTILES_ERROR_INVALID: the file is not an MBTiles file
 * @LINLI_MBTILES_ERROR_UNSUPPORTED: the tiles are in a format Linli cannot draw
 */
typedef enum
{
  LINLI_MBTILES_ERROR_FAILED,
  LINLI_MBTILES_ERROR_INVALID,
  LINLI_MBTILES_ERROR_UNSUPPORTED,
} LinliMbtilesError;

GQuark linli_mbtiles_error_quark (void);

#define LINLI_TYPE_MBTILES_SOURCE (linli_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (LinliMbtilesSource, linli_mbtiles_source, LINLI, MBTILES_SOURCE, ShumateDataSource)

LinliMbtilesSource *linli_mbtiles_source_new                  (const char  *path,
                                                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;

const char         *linli_mbtiles_source_get_path             (LinliMbtilesSource *self);
const char         *linli_mbtiles_source_get_name             (LinliMbtilesSource *self);
const char         *linli_mbtiles_source_get_format           (LinliMbtilesSource *self);
guint               linli_mbtiles_source_get_min_zoom         (LinliMbtilesSource *self);
guint               linli_mbtiles_source_get_max_zoom         (LinliMbtilesSource *self);
const char         *linli_mbtiles_source_get_attribution      (LinliMbtilesSource *self);
const char         *linli_mbtiles_source_get_attribution_text (LinliMbtilesSource *self);
const char         *linli_mbtiles_source_get_attribution_uri  (LinliMbtilesSource *self);
gboolean            linli_mbtiles_source_get_bounds           (LinliMbtilesSource *self,
                                                               double             *west,
                                                               double             *south,
                                                               double             *east,
                                                               double             *north);
guint               linli_mbtiles_source_get_n_pending        (LinliMbtilesSource *self);
const char         *linli_mbtiles_source_get_problem          (LinliMbtilesSource *self);

ShumateMapSource   *linli_mbtiles_source_new_renderer         (LinliMbtilesSource *self) G_GNUC_WARN_UNUSED_RESULT;

char               *linli_mbtiles_html_to_text                (const char *html,
                                                               char      **first_link);

G_END_DECLS
