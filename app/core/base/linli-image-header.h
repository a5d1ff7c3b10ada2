/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINLI_IMAGE_HEADER_ERROR (linli_image_header_error_quark ())

/**
 * LinliImageHeaderError:
 * @LINLI_IMAGE_HEADER_ERROR_FAILED: the header could not be read
 * @LINLI_IMAGE_HEADER_ERROR_UNKNOWN_FORMAT: the data is neither PNG nor JPEG
 * @LINLI_IMAGE_HEADER_ERROR_TRUNCATED: the data ends before the size
 * @LINLI_IMAGE_HEADER_ERROR_INVALID: the header is malformed or gives no size
 */
typedef enum
{
  LINLI_IMAGE_HEADER_ERROR_FAILED,
  LINLI_IMAGE_HEADER_ERROR_UNKNOWN_FORMAT,
  LINLI_IMAGE_HEADER_ERROR_TRUNCATED,
  LINLI_IMAGE_HEADER_ERROR_INVALID,
} LinliImageHeaderError;

GQuark   linli_image_header_error_quark (void);

gboolean linli_image_header_size        (const guint8  *data,
                                         gsize          len,
                                         guint         *width,
                                         guint         *height,
                                         GError       **error);

G_END_DECLS
