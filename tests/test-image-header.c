/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-image-header"

#include "config.h"

#include <string.h>

#include "linli-image-header.h"

/* Auxiliary methods */

/* Builds test images from pieces: "PNG(w,h)" style helpers would hide the
 * bytes, so each case lists them, with these for the common parts. */
#define PNG_SIG "\x89PNG\r\n\x1a\n"
#define IHDR_LEN "\x00\x00\x00\x0d"
#define SOI "\xff\xd8"
/* APP0 JFIF, 16 bytes long. */
#define APP0 "\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"

typedef struct
{
  const char *name;
  const char *data;
  gsize       len;
  gboolean    ok;
  guint       width;
  guint       height;
  int         code;     /* of the error, when not ok */
  const char *reason;   /* in the error message */
} Case;

#define BYTES(s) s, sizeof (s) - 1

static const Case cases[] = {
  { "png 256", BYTES (PNG_SIG IHDR_LEN "IHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"), TRUE, 256, 256, 0, NULL },
  { "png 512x300 header only", BYTES (PNG_SIG IHDR_LEN "IHDR\x00\x00\x02\x00\x00\x00\x01\x2c"), TRUE, 512, 300, 0, NULL },
  { "png huge", BYTES (PNG_SIG IHDR_LEN "IHDR\x00\x01\x00\x00\x00\x01\x00\x00"), TRUE, 65536, 65536, 0, NULL },
  { "png zero width", BYTES (PNG_SIG IHDR_LEN "IHDR\x00\x00\x00\x00\x00\x00\x01\x00"), FALSE, 0, 0,
    LINLI_IMAGE_HEADER_ERROR_INVALID, "impossible size" },
  { "png width 2^31", BYTES (PNG_SIG IHDR_LEN "IHDR\x80\x00\x00\x00\x00\x00\x01\x00"), FALSE, 0, 0,
    LINLI_IMAGE_HEADER_ERROR_INVALID, "impossible size" },
  { "png cut in the size", BYTES (PNG_SIG IHDR_LEN "IHDR\x00\x00\x01\x00\x00\x00\x01"), FALSE, 0, 0,
    LINLI_IMAGE_HEADER_ERROR_INVALID, "cut short" },
  { "png signature only", BYTES (PNG_SIG), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_INVALID, "cut short" },
  { "png without IHDR first", BYTES (PNG_SIG IHDR_LEN "IDAT\x00\x00\x01\x00\x00\x00\x01\x00"), FALSE, 0, 0,
    LINLI_IMAGE_HEADER_ERROR_INVALID, "header chunk" },
  { "png IHDR of another length", BYTES (PNG_SIG "\x00\x00\x00\x0c" "IHDR\x00\x00\x01\x00\x00\x00\x01\x00"), FALSE,
    0, 0, LINLI_IMAGE_HEADER_ERROR_INVALID, "header chunk" },

  { "jpeg baseline 256", BYTES (SOI APP0 "\xff\xc0\x00\x0b\x08\x01\x00\x01\x00\x01\x01\x11\x00"), TRUE, 256, 256,
    0, NULL },
  { "jpeg extended 300x200", BYTES (SOI "\xff\xc1\x00\x08\x08\x00\xc8\x01\x2c\x01"), TRUE, 300, 200, 0, NULL },
  { "jpeg progressive 512", BYTES (SOI APP0 "\xff\xfe\x00\x04hi" "\xff\xc2\x00\x08\x08\x02\x00\x02\x00\x03"), TRUE,
    512, 512, 0, NULL },
  { "jpeg fill bytes, TEM and RST", BYTES (SOI "\xff\xff\xff\x01\xff\xd3\xff\xc0\x00\x08\x08\x00\x10\x00\x20\x01"),
    TRUE, 32, 16, 0, NULL },
  { "jpeg DHT is no frame", BYTES (SOI "\xff\xc4\x00\x08\x08\x00\x10\x00\x20\x01" "\xff\xc0\x00\x08\x08\x00\x01\x00\x02\x01"),
    TRUE, 2, 1, 0, NULL },
  { "jpeg scan before the frame", BYTES (SOI APP0 "\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"), FALSE, 0, 0,
    LINLI_IMAGE_HEADER_ERROR_INVALID, "no frame header" },
  { "jpeg end before the frame", BYTES (SOI "\xff\xd9"), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_INVALID,
    "no frame header" },
  { "jpeg segment past the end", BYTES (SOI "\xff\xe0\xff\xf0JFIF"), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_INVALID,
    "past the end" },
  { "jpeg segment length 1", BYTES (SOI "\xff\xe0\x00\x01\xff\xc0"), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_INVALID,
    "past the end" },
  { "jpeg frame too short", BYTES (SOI "\xff\xc0\x00\x06\x08\x00\x10\x00"), FALSE, 0, 0,
    LINLI_IMAGE_HEADER_ERROR_INVALID, "too short" },
  { "jpeg frame cut", BYTES (SOI "\xff\xc0\x00\x08\x08\x00\x10\x00"), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_INVALID,
    "past the end" },
  { "jpeg height 0 (DNL)", BYTES (SOI "\xff\xc0\x00\x08\x08\x00\x00\x01\x00\x01"), FALSE, 0, 0,
    LINLI_IMAGE_HEADER_ERROR_INVALID, "impossible size" },
  { "jpeg garbage between segments", BYTES (SOI APP0 "\x00\xff\xc0\x00\x08\x08\x00\x10\x00\x20\x01"), FALSE, 0, 0,
    LINLI_IMAGE_HEADER_ERROR_INVALID, "no marker at byte 20" },
  { "jpeg SOI only", BYTES (SOI), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_INVALID, "cut short" },
  { "jpeg fill bytes to the end", BYTES (SOI "\xff\xff\xff"), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_INVALID,
    "cut short" },
  { "jpeg marker without length", BYTES (SOI "\xff\xc0\x00"), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_INVALID,
    "cut short" },

  { "empty", "", 0, FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_UNKNOWN, "neither" },
  { "one byte", BYTES ("\xff"), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_UNKNOWN, "neither" },
  { "gif", BYTES ("GIF89a\x00\x01\x00\x01"), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_UNKNOWN, "neither" },
  { "webp", BYTES ("RIFF\x24\x00\x00\x00WEBPVP8 "), FALSE, 0, 0, LINLI_IMAGE_HEADER_ERROR_UNKNOWN, "neither" },
};

/* Tests */

/* Each case, from a copy of exactly its length so that a read past the
 * end is caught by the sanitizer build. */
static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autofree guint8 *copy = g_memdup2 (c->data, c->len);
      g_autoptr (GError) error = NULL;
      guint width = 0, height = 0;
      gboolean ok;

      g_test_message ("case %u: %s", i, c->name);
      ok = linli_image_header_size (copy, c->len, &width, &height, &error);
      if (c->ok)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (width, ==, c->width);
          g_assert_cmpuint (height, ==, c->height);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, LINLI_IMAGE_HEADER_ERROR, c->code);
          if (strstr (error->message, c->reason) == NULL)
            g_error ("case %u (%s): “%s” does not say “%s”", i, c->name, error->message, c->reason);
        }
    }
}

/* Every image that is read is still read when cut just after its header,
 * with the same size, and not when cut one byte earlier. */
static void
test_prefixes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      gsize needed = 0;

      if (!c->ok)
        continue;
      for (gsize len = 0; len <= c->len; len++)
        {
          g_autofree guint8 *copy = g_memdup2 (c->data, len);
          guint width, height;

          if (linli_image_header_size (copy, len, &width, &height, NULL))
            {
              g_assert_cmpuint (width, ==, c->width);
              g_assert_cmpuint (height, ==, c->height);
              if (needed == 0)
                needed = len;
            }
          else
            g_assert_cmpuint (needed, ==, 0);
        }
      g_assert_cmpuint (needed, >, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/image-header/cases", test_cases);
  g_test_add_func ("/image-header/prefixes", test_prefixes);
  return g_test_run ();
}
