/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-xml"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "linli-format.h"
#include "linli-import.h"

/* The guarded XML reader shared by the .linli and OpenStreetMap readers. */

/* Documents libxml2 fails to convert from their encoding (found by the
 * .linli fuzz harness): first bytes that make it take the document for
 * UCS-4, and UTF-8 bytes in a document that declares UTF-7.  libxml2
 * reports those failures with no parser context (the second with no error
 * structure at all): they must end in the error, with their reason, and
 * not on stderr. */
static const char ucs4_garbage[] = "<\0\0\0\0olllllllllllllllll\xe3<";
static const char utf7_linli[] = "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<linli version=\"1\" name=\"\xe5\xb0\x8f\"/>\n";

static void
load_ucs4_garbage (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;

  project = linli_format_load_data (ucs4_garbage, sizeof ucs4_garbage - 1, "garbage.linli", &error);
  g_assert_null (project);
  g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_MALFORMED);
  g_print ("%s\n", error->message);
}

static void
load_utf7 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;

  project = linli_format_load_data (utf7_linli, sizeof utf7_linli - 1, "utf7.linli", &error);
  g_assert_null (project);
  g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_MALFORMED);
  g_print ("%s\n", error->message);
}

static void
test_conversion_error (void)
{
  if (g_test_subprocess ())
    {
      load_ucs4_garbage ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  g_test_trap_assert_stdout ("garbage.linli:1: not well-formed XML: input conversion failed*");
}

static void
test_conversion_error_utf7 (void)
{
  if (g_test_subprocess ())
    {
      load_utf7 ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  g_test_trap_assert_stdout ("utf7.linli:*: not well-formed XML: *conver*");
}

/* The same through the OpenStreetMap reader, from a file. */
static void
test_conversion_error_osm (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;
      LinliImportOptions options;
      int fd = g_file_open_tmp ("linli-test-xml-XXXXXX.osm", &path, &error);

      g_assert_no_error (error);
      close (fd);
      g_assert_true (g_file_set_contents (path, ucs4_garbage, sizeof ucs4_garbage - 1, &error));
      linli_import_options_init (&options);
      project = linli_import_osm (path, &options, NULL, &error);
      g_unlink (path);
      g_assert_null (project);
      g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "input conversion failed"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml/conversion-error", test_conversion_error);
  g_test_add_func ("/xml/conversion-error-osm", test_conversion_error_osm);
  g_test_add_func ("/xml/conversion-error-utf7", test_conversion_error_utf7);
  return g_test_run ();
}
