/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-image-header"

#include "config.h"

#include "linli-image-header.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The size of a PNG or JPEG image read from its first bytes, before any
 * decoder sees it: a few kilobytes of compressed data can claim an image
 * of 40,000 × 40,000 pixels, which a decoder would try to allocate. */

G_DEFINE_QUARK (linli-image-header-error-quark, linli_image_header_error)

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

/* The IHDR chunk must come first, right after the signature. */
static gboolean
png_size (const guint8  *data,
          gsize          len,
          guint         *width,
          guint         *height,
          GError       **error)
{
  guint32 w, h;

  if (len < 24)
    {
      g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_TRUNCATED,
                   _("the PNG image ends before its header"));
      return FALSE;
    }
  if (be32 (data + 8) != 13 || memcmp (data + 12, "IHDR", 4) != 0)
    {
      g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                   _("the PNG image does not start with its header"));
      return FALSE;
    }
  w = be32 (data + 16);
  h = be32 (data + 20);
  /* The PNG specification limits both to 2³¹ − 1. */
  if (w == 0 || h == 0 || w > G_MAXINT32 || h > G_MAXINT32)
    {
      g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                   _("the PNG header gives an impossible size"));
      return FALSE;
    }
  *width = w;
  *height = h;
  return TRUE;
}

static gboolean
is_sof (guint8 marker)
{
  /* SOF0 to SOF15, but for DHT (C4), JPG (C8) and DAC (CC). */
  return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

/* Walks the marker segments up to the first start of frame, as a decoder
 * does; anything a strict decoder would not accept before it is refused. */
static gboolean
jpeg_size (const guint8  *data,
           gsize          len,
           guint         *width,
           guint         *height,
           GError       **error)
{
  gsize pos = 2;

  for (;;)
    {
      guint8 marker;
      gsize seg_len;

      if (pos >= len)
        break;
      if (data[pos] != 0xff)
        {
          g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                       _("the JPEG image has data between its markers"));
          return FALSE;
        }
      /* Any number of fill bytes may precede a marker. */
      while (pos < len && data[pos] == 0xff)
        pos++;
      if (pos >= len)
        break;
      marker = data[pos++];
      if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
        continue;
      if (marker == 0x00 || marker == 0xd8 || marker == 0xd9 || marker == 0xda)
        {
          g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                       _("the JPEG image has no frame header before its data"));
          return FALSE;
        }
      if (len - pos < 2)
        break;
      seg_len = be16 (data + pos);
      if (seg_len < 2)
        {
          g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                       _("the JPEG image has a segment of impossible length"));
          return FALSE;
        }
      if (is_sof (marker))
        {
          guint w, h;

          /* Length, precision, height, width. */
          if (seg_len < 7 || len - pos < 7)
            break;
          h = be16 (data + pos + 3);
          w = be16 (data + pos + 5);
          if (w == 0 || h == 0)
            {
              /* A height of 0 is given later (DNL): refused, not guessed. */
              g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_INVALID,
                           _("the JPEG frame header gives no size"));
              return FALSE;
            }
          *width = w;
          *height = h;
          return TRUE;
        }
      if (len - pos < seg_len)
        break;
      pos += seg_len;
    }
  g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_TRUNCATED,
               _("the JPEG image ends before its frame header"));
  return FALSE;
}

/**
 * linli_image_header_size:
 * @data: (array length=len): the first bytes of a PNG or JPEG image, or all of it
 * @len: how many bytes @data holds
 * @width: (out): return location for the width in pixels
 * @height: (out): return location for the height in pixels
 * @error: return location for an error
 *
 * Reads the size a PNG image gives in its IHDR chunk, or a JPEG image in
 * its start-of-frame marker, without decoding anything, so that callers
 * can refuse an image too large to decode.  Reads no byte past @len.
 *
 * Returns: %TRUE with @width and @height set, or %FALSE with @error set in
 *   the %LINLI_IMAGE_HEADER_ERROR domain
 */
gboolean
linli_image_header_size (const guint8  *data,
                         gsize          len,
                         guint         *width,
                         guint         *height,
                         GError       **error)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return png_size (data, len, width, height, error);
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return jpeg_size (data, len, width, height, error);
  g_set_error (error, LINLI_IMAGE_HEADER_ERROR, LINLI_IMAGE_HEADER_ERROR_UNKNOWN_FORMAT,
               _("the image is neither PNG nor JPEG"));
  return FALSE;
}
