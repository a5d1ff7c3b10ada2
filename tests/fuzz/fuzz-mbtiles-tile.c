/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "linli-image-header.h"

/* The tile data of an MBTiles file: the size its PNG or JPEG header gives,
 * read before any decoder sees the tile.  A size is at least 1 × 1, and
 * reading it from a copy cut just after the header gives the same size
 * (only the header is read); an error always says why. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *copy = NULL;
  guint width = 0, height = 0;

  fuzz_init ();
  /* A copy of exactly @size bytes, so that ASan sees any read past it. */
  copy = g_memdup2 (data, size);
  if (!linli_image_header_size (copy, size, &width, &height, &error))
    {
      if (error == NULL || error->domain != LINLI_IMAGE_HEADER_ERROR || error->message[0] == '\0')
        abort ();
      return 0;
    }
  if (error != NULL || width == 0 || height == 0)
    abort ();

  /* Every prefix that still holds the header gives the same answer; the
   * shortest one is found by bisection, and one byte less must fail. */
  {
    gsize lo = 0, hi = size;

    while (lo + 1 < hi)
      {
        gsize mid = lo + (hi - lo) / 2;
        guint w, h;

        if (linli_image_header_size (copy, mid, &w, &h, NULL))
          {
            if (w != width || h != height)
              {
                fprintf (stderr, "fuzz: a prefix of %" G_GSIZE_FORMAT " bytes gives another size\n", mid);
                abort ();
              }
            hi = mid;
          }
        else
          lo = mid;
      }
  }
  return 0;
}
