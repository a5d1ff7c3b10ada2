/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one CSV reader: records, fields and their lines; its limits. */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linli-csv.h"

/* The records of @csv, one line each: "LINE:field|field|…". */
static char *
records_of (const char  *csv,
            gsize        length,
            char         separator,
            GError     **error)
{
  g_autoptr (LinliCsvReader) reader = linli_csv_reader_new_for_data (csv, length, "t.csv", separator, error);
  GString *out = g_string_new (NULL);

  if (reader == NULL)
    return g_string_free (out, TRUE);
  while (linli_csv_reader_next (reader, error))
    {
      g_string_append_printf (out, "%u:", linli_csv_reader_get_line (reader));
      for (guint i = 0; i < linli_csv_reader_get_n_fields (reader); i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "", linli_csv_reader_get_field (reader, i));
      g_string_append_c (out, '\n');
    }
  if (error != NULL && *error != NULL)
    return g_string_free (out, TRUE);
  return g_string_free (out, FALSE);
}

static void
test_records (void)
{
  static const struct
  {
    const char *csv;
    char        separator;
    const char *want;
  } cases[] = {
    { "a,b\n1,2\n", 0, "1:a|b\n2:1|2\n" },
    { "a,b\r\n1,2\r\n", 0, "1:a|b\n2:1|2\n" },
    { "a,b\r1,2\r", 0, "1:a|b\n2:1|2\n" },
    { "a,b\n1,2", 0, "1:a|b\n2:1|2\n" },
    { "\xef\xbb\xbf" "a,b\n1,2\n", 0, "1:a|b\n2:1|2\n" },
    /* Quotes: doubled quotes, separators and line breaks inside; blanks
     * around a quoted field go, blanks in an unquoted one stay. */
    { "a,b\n\"x,\"\"y\"\"\",2\n", 0, "1:a|b\n2:x,\"y\"|2\n" },
    { "a,b\n  \"q\"  , 2 \n", 0, "1:a|b\n2:q| 2 \n" },
    { "a,b\n\"one\r\ntwo\",2\n3,4\n", 0, "1:a|b\n2:one\ntwo|2\n4:3|4\n" },
    { "a,b\n\"\",2\n", 0, "1:a|b\n2:|2\n" },
    /* Records of blanks are skipped; their lines still count. */
    { "\n\na,b\n , \n\n1,2\n", 0, "3:a|b\n6:1|2\n" },
    { "a\n1\n\n2\n", 0, "1:a\n2:1\n4:2\n" },
    /* Separators: detected from the first line with text, or given. */
    { "a;b;c\n1,5;2;3\n", 0, "1:a|b|c\n2:1,5|2|3\n" },
    { "a\tb\n1 2\t3\n", 0, "1:a|b\n2:1 2|3\n" },
    { "\"a;b\",c\n1,2\n", 0, "1:a;b|c\n2:1|2\n" },
    { "a;b,c\n1;2,3\n", ',', "1:a;b|c\n2:1;2|3\n" },
    /* Ragged rows are the caller's business. */
    { "a,b,c\n1\n1,2,3,4\n", 0, "1:a|b|c\n2:1\n3:1|2|3|4\n" },
    { "", 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *got = records_of (cases[i].csv, strlen (cases[i].csv), cases[i].separator, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (got, cases[i].want) != 0)
        g_error ("case %u: got “%s”, want “%s”", i, got, cases[i].want);
    }
}

/* UTF-16 with a byte-order mark and GBK are read as UTF-8. */
static void
test_encodings (void)
{
  const char *utf8 = "楼栋,户数\n1号楼,3\n";
  gsize n16 = 0, n_gbk = 0;
  g_autofree char *u16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &n16, NULL);
  g_autofree char *gbk = g_convert (utf8, -1, "GBK", "UTF-8", NULL, &n_gbk, NULL);
  g_autofree char *with_bom = g_malloc (n16 + 2);
  const struct { const char *data; gsize length; const char *encoding; } cases[] = {
    { utf8, strlen (utf8), "UTF-8" },
    { with_bom, n16 + 2, "UTF-16LE" },
    { gbk, n_gbk, "GB18030" },
  };

  with_bom[0] = (char) 0xff;
  with_bom[1] = (char) 0xfe;
  memcpy (with_bom + 2, u16, n16);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliCsvReader) r = linli_csv_reader_new_for_data (cases[i].data, cases[i].length, "t.csv", 0,
                                                                    &error);

      g_assert_no_error (error);
      g_assert_cmpstr (linli_csv_reader_get_encoding (r), ==, cases[i].encoding);
      g_assert_true (linli_csv_reader_next (r, &error));
      g_assert_true (linli_csv_reader_next (r, &error));
      g_assert_cmpstr (linli_csv_reader_get_field (r, 0), ==, "1号楼");
      g_assert_cmpstr (linli_csv_reader_get_field (r, 1), ==, "3");
      g_assert_cmpstr (linli_csv_reader_get_field (r, 2), ==, "");
      g_assert_cmpuint (linli_csv_reader_get_line (r), ==, 2);
      g_assert_false (linli_csv_reader_next (r, &error));
      g_assert_no_error (error);
    }
}

/* Text of @n bytes of @c. */
static char *
repeat (char  c,
        gsize n)
{
  char *s = g_malloc (n + 1);

  memset (s, c, n);
  s[n] = '\0';
  return s;
}

/* Bad input: each error names the file and the line it is on. */
static void
test_errors (void)
{
  g_autofree char *field = repeat ('x', LINLI_CSV_MAX_FIELD + 1);
  g_autofree char *half = repeat ('x', LINLI_CSV_MAX_FIELD);
  g_autofree char *long_field = g_strdup_printf ("a,b\n1,2\n3,%s\n", field);
  g_autofree char *long_quoted = g_strdup_printf ("a,b\n1,2\n3,\"%s\"\n", field);
  g_autofree char *long_row = g_strdup_printf ("a,b\n1,2\n%s,%s,%s,%s,%s\n", half, half, half, half, half);
  GString *wide = g_string_new ("a\n1\n");
  struct { const char *csv; gsize length; const char *want; } cases[] = {
    { "a,b\n1,\"2\n3,4\n", 0, "t.csv:2: a quoted field is not closed" },
    { "a,b\n1,\"2\"x\n", 0, "t.csv:2: text after a closing quote" },
    { "a,b\n\"1\n\"x,2\n", 0, "t.csv:3: text after a closing quote" },
    { "a,b\n1,\x01\n", 0, "t.csv:2: the file holds a control character (0x01), not text" },
    { "a,b\n1,\0\n", 7, "t.csv:2: the file holds binary data, not text" },
    { "\xef\xbb\xbf" "a\n\xff\n", 0, "t.csv:2: the text is not valid UTF-8" },
    { "a\n\xff\xff\xff\n", 0, "t.csv:2: the text is neither UTF-8 nor GB18030 (GBK)" },
    { long_field, 0, "t.csv:3: field 2 is longer than 16384 bytes" },
    { long_quoted, 0, "t.csv:3: field 2 is longer than 16384 bytes" },
    { long_row, 0, "t.csv:3: the row is longer than 65536 bytes" },
    { NULL, 0, "t.csv:3: more than 1000 fields" },
    { "a", (gsize) LINLI_CSV_MAX_FILE_SIZE + 1, "t.csv: the file is larger than 256 MB" },
  };

  for (guint i = 0; i < 2000; i++)
    g_string_append (wide, "x,");
  g_string_append_c (wide, '\n');
  cases[10].csv = wide->str;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *got = records_of (cases[i].csv, cases[i].length ? cases[i].length : strlen (cases[i].csv), 0,
                                         &error);

      g_assert_null (got);
      g_assert_error (error, LINLI_CSV_ERROR, LINLI_CSV_ERROR_INVALID);
      if (strcmp (error->message, cases[i].want) != 0)
        g_error ("case %u: got “%s”, want “%s”", i, error->message, cases[i].want);
    }
  g_string_free (wide, TRUE);
}

/* Files: regular ones only, and not over the cap; a FIFO or a device is
 * refused at once (opening a FIFO for reading would wait for a writer). */
static void
test_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linli-csv-XXXXXX", &error);
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.csv", NULL);
  g_autofree char *sparse = g_build_filename (dir, "sparse.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr (LinliCsvReader) r = NULL;
  struct { const char *path; int code; const char *reason; } cases[] = {
    { "/dev/zero", LINLI_CSV_ERROR_FAILED, "not a regular file but a device" },
    { fifo, LINLI_CSV_ERROR_FAILED, "not a regular file but a named pipe" },
    { dir, LINLI_CSV_ERROR_FAILED, "a folder, not a file" },
    { missing, LINLI_CSV_ERROR_FAILED, "" },
    { sparse, LINLI_CSV_ERROR_INVALID, "the file is larger than 256 MB" },
  };
  int fd;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (good, "a;b\n1;2\n", -1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  fd = g_open (sparse, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) LINLI_CSV_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);

  r = linli_csv_reader_new_for_path (good, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (linli_csv_reader_get_display_name (r), ==, good);
  g_assert_cmpint (linli_csv_reader_get_separator (r), ==, ';');
  g_assert_true (linli_csv_reader_next (r, &error));
  g_assert_true (linli_csv_reader_next (r, &error));
  g_assert_cmpstr (linli_csv_reader_get_field (r, 1), ==, "2");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autoptr (LinliCsvReader) bad = linli_csv_reader_new_for_path (cases[i].path, 0, &e);
      g_autofree char *prefix = g_strdup_printf ("%s: ", cases[i].path);

      g_assert_null (bad);
      g_assert_error (e, LINLI_CSV_ERROR, cases[i].code);
      if (!g_str_has_prefix (e->message, prefix) || strstr (e->message, cases[i].reason) == NULL)
        g_error ("case %u: “%s” does not start with “%s” and say “%s”", i, e->message, prefix, cases[i].reason);
    }

  g_unlink (good);
  g_unlink (fifo);
  g_unlink (sparse);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/records", test_records);
  g_test_add_func ("/csv/encodings", test_encodings);
  g_test_add_func ("/csv/errors", test_errors);
  g_test_add_func ("/csv/files", test_files);
  return g_test_run ();
}
