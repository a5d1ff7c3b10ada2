/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The pixel size an image says it has, read from its header alone, so that
 * a map tile can be refused before a decoder allocates for it. */

#define LINLI_IMAGE_HEADER_ERROR (linli_image_header_error_quark ())

typedef enum
{
  LINLI_IMAGE_HEADER_ERROR_FAILED,
  LINLI_IMAGE_HEADER_ERROR_UNKNOWN,    /* neither PNG nor JPEG */
  LINLI_IMAGE_HEADER_ERROR_INVALID,    /* a PNG or JPEG header that is cut short or wrong */
} LinliImageHeaderError;

GQuark   linli_image_header_error_quark (void);

gboolean linli_image_header_size        (const guint8  *data,
                                         gsize          len,
                                         guint         *width,
                                         guint         *height,
                                         GError       **error);

G_END_DECLS
