/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-image-header"

#include "config.h"

#include "linli-image-header.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (linli-image-header-error-quark, linli_image_header_error)

/* Auxiliary methods */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

/* PNG: the signature, then the IHDR chunk (length 13) with the width and
 * the height as 32-bit big-endian numbers from 1 to 2^31 - 1. */
static gboolean
png_size (const guint8  *data,
          gsize          len,
          guint         *width,
          guint         *height,
          GError       **error)
{
  guint32 w, h;

  if (len < 8 + 8 + 8)
    {
      g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                   _("The PNG image is cut short before its size"));
      return FALSE;
    }
  if (read_be32 (data + 8) != 13 || memcmp (data + 12, "IHDR", 4) != 0)
    {
      g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                   _("The PNG image does not start with its header chunk"));
      return FALSE;
    }
  w = read_be32 (data + 16);
  h = read_be32 (data + 20);
  if (w == 0 || h == 0 || w > G_MAXINT32 || h > G_MAXINT32)
    {
      g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                   _("The PNG image has an impossible size, %u × %u"), w, h);
      return FALSE;
    }
  *width = w;
  *height = h;
  return TRUE;
}

/* The JPEG markers that start a frame (SOF0–SOF15 less DHT, JPG and DAC):
 * all have the same header, precision then height then width. */
static gboolean
is_frame_marker (guint marker)
{
  return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

/* JPEG: SOI, then segments (0xFF, a marker, a 16-bit length that counts
 * itself) up to the first frame header.  Markers without a length (TEM,
 * RSTn) are stepped over; fill bytes (0xFF) before a marker are allowed. */
static gboolean
jpeg_size (const guint8  *data,
           gsize          len,
           guint         *width,
           guint         *height,
           GError       **error)
{
  gsize p = 2;

  for (;;)
    {
      guint marker, length;

      if (p >= len)
        break;
      if (data[p] != 0xff)
        {
          g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                       _("The JPEG image has no marker at byte %lu"), (unsigned long) p);
          return FALSE;
        }
      while (p < len && data[p] == 0xff)
        p++;
      if (p >= len)
        break;
      marker = data[p++];
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;
      if (marker == 0x00 || marker == 0xd8 || marker == 0xd9 || marker == 0xda)
        {
          g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                       _("The JPEG image has no frame header before its marker 0x%02X at byte %lu"),
                       marker, (unsigned long) (p - 1));
          return FALSE;
        }
      if (len - p < 2)
        break;
      length = read_be16 (data + p);
      if (length < 2 || length > len - p)
        {
          g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                       _("The JPEG segment at byte %lu has a length of %u, past the end of the image"),
                       (unsigned long) (p - 2), length);
          return FALSE;
        }
      if (is_frame_marker (marker))
        {
          guint w, h;

          /* Length, precision, height, width, components. */
          if (length < 8)
            {
              g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                           _("The JPEG frame header at byte %lu is too short"), (unsigned long) (p - 2));
              return FALSE;
            }
          h = read_be16 (data + p + 3);
          w = read_be16 (data + p + 5);
          /* A height of 0 is given later (DNL): no decoder of tiles takes it. */
          if (w == 0 || h == 0)
            {
              g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                           _("The JPEG image has an impossible size, %u × %u"), w, h);
              return FALSE;
            }
          *width = w;
          *height = h;
          return TRUE;
        }
      p += length;
    }

  g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
               _("The JPEG image is cut short before its size"));
  return FALSE;
}

/* Public */

/**
 * linli_image_header_size:
 * @data: (array length=len): the start of an image file (a map tile)
 * @len: the length of @data
 * @width: (out): the width in pixels
 * @height: (out): the height in pixels
 * @error: return location for an error
 *
 * Reads the pixel size a PNG or JPEG image gives in its header, without
 * decoding it: the IHDR chunk of a PNG, the first frame header (SOFn) of a
 * JPEG, reached by walking its segments.  Nothing outside @data is read,
 * whatever the lengths it holds.  Only the header has to be in @data.
 *
 * Returns: %TRUE with @width and @height set (both at least 1), or %FALSE
 *   with @error set: %LINLI_IMAGE_HEADER_ERROR_UNKNOWN for other formats,
 *   %LINLI_IMAGE_HEADER_ERROR_INVALID for a cut or broken header
 */
gboolean
linli_image_header_size (const guint8  *data,
                         gsize          len,
                         guint         *width,
                         guint         *height,
                         GError       **error)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (width != NULL && height != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (len >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    return png_size (data, len, width, height, error);
  if (len >= 2 && data[0] == 0xff && data[1] == 0xd8)
    return jpeg_size (data, len, width, height, error);
  g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_UNKNOWN,
               _("The image is neither PNG nor JPEG"));
  return FALSE;
}
