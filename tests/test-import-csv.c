/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Building lists from CSV: the reader, guessed columns, new projects, joins
 * onto footprints, and hostile files. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "linli-format.h"
#include "linli-import-csv.h"
#include "linli-test-utils.h"

/* Auxiliary methods */

static LinliCsvTable *
parse (const char *csv)
{
  g_autoptr (GError) error = NULL;
  LinliCsvTable *table = linli_csv_table_parse (csv, strlen (csv), "list.csv", 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Parsing @csv fails, on @line (0: none, G_MAXUINT: any), for a reason
 * with @reason in it. */
static void
assert_parse_fails (const char *csv,
                    gsize       length,
                    guint       line,
                    const char *reason)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCsvTable) table = linli_csv_table_parse (csv, length, "bad.csv", 0, &error);
  g_autofree char *prefix = line == G_MAXUINT ? g_strdup ("bad.csv:")
                            : line ? g_strdup_printf ("bad.csv:%u: ", line) : g_strdup ("bad.csv: ");

  g_assert_null (table);
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, reason) == NULL)
    g_error ("expected “%s…%s”, got “%s”", prefix, reason, error->message);
}

static guint
line_at (const LinliCsvReport *report,
         GArray               *lines,
         guint                 i)
{
  g_assert_nonnull (lines);
  g_assert_cmpuint (i, <, lines->len);
  return g_array_index (lines, guint, i);
}

/* The parser */

static void
test_quotes (void)
{
  g_autoptr (LinliCsvTable) t = parse ("name,note,households\n"
                                       "\"3号楼\",\"says \"\"hi\"\", twice\",12\n"
                                       "  \"4号楼\" ,\"two\nlines\",\"1,234\"\n"
                                       "5号楼,plain \"quote\" inside,7\n"
                                       "\"\",,\n"
                                       "6号楼,\"a\r\nb\",8");

  g_assert_cmpuint (linli_csv_table_get_n_columns (t), ==, 3);
  g_assert_cmpuint (linli_csv_table_get_n_rows (t), ==, 4);
  g_assert_cmpstr (linli_csv_table_get_cell (t, 0, 1), ==, "says \"hi\", twice");
  g_assert_cmpstr (linli_csv_table_get_cell (t, 1, 0), ==, "4号楼");
  g_assert_cmpstr (linli_csv_table_get_cell (t, 1, 1), ==, "two\nlines");
  g_assert_cmpstr (linli_csv_table_get_cell (t, 1, 2), ==, "1,234");
  g_assert_cmpstr (linli_csv_table_get_cell (t, 2, 1), ==, "plain \"quote\" inside");
  /* A CR LF inside quotes is one line break. */
  g_assert_cmpstr (linli_csv_table_get_cell (t, 3, 1), ==, "a\nb");
  /* Physical lines: the quoted line break moves the rows after it; the
   * row of empty cells on line 6 is skipped. */
  g_assert_cmpuint (linli_csv_table_get_line (t, 0), ==, 2);
  g_assert_cmpuint (linli_csv_table_get_line (t, 1), ==, 3);
  g_assert_cmpuint (linli_csv_table_get_line (t, 2), ==, 5);
  g_assert_cmpuint (linli_csv_table_get_line (t, 3), ==, 7);
  g_assert_cmpstr (linli_csv_table_get_encoding (t), ==, "UTF-8");
  g_assert_cmpint (linli_csv_table_get_separator (t), ==, ',');
}

/* LF, CR LF and CR files, with and without a byte-order mark and a last
 * line end, read the same. */
static void
test_line_ends (void)
{
  static const char *const files[] = {
    "a,b\n1,2\n3,4\n",
    "a,b\r\n1,2\r\n3,4\r\n",
    "a,b\r1,2\r3,4",
    "\xef\xbb\xbf" "a,b\r\n1,2\r\n3,4",
    "\n\na,b\n1,2\n,\n3,4\n\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (LinliCsvTable) t = parse (files[i]);

      g_assert_cmpuint (linli_csv_table_get_n_columns (t), ==, 2);
      g_assert_cmpuint (linli_csv_table_get_n_rows (t), ==, 2);
      g_assert_cmpstr (linli_csv_table_get_header (t, 0), ==, "a");
      g_assert_cmpstr (linli_csv_table_get_cell (t, 1, 1), ==, "4");
      if (i < 4)
        g_assert_cmpuint (linli_csv_table_get_line (t, 1), ==, 3);
    }
  {
    g_autoptr (LinliCsvTable) t = parse (files[4]);

    g_assert_cmpuint (linli_csv_table_get_line (t, 0), ==, 4);
    g_assert_cmpuint (linli_csv_table_get_line (t, 1), ==, 6);
  }
}

/* Spreadsheets in China save GBK: the test writes such bytes itself. */
static void
test_gbk (void)
{
  const char *utf8 = "楼栋,小区,户数\n3号楼,金色家园,48\n\"党员之家\",清水里,12\n";
  g_autoptr (GError) error = NULL;
  gsize length = 0;
  g_autofree char *gbk = g_convert (utf8, -1, "GBK", "UTF-8", NULL, &length, &error);
  g_autoptr (LinliCsvTable) t = NULL;

  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gbk, length, NULL));
  t = linli_csv_table_parse (gbk, length, "gbk.csv", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (linli_csv_table_get_encoding (t), ==, "GB18030");
  g_assert_cmpstr (linli_csv_table_get_header (t, 1), ==, "小区");
  g_assert_cmpstr (linli_csv_table_get_cell (t, 0, 0), ==, "3号楼");
  g_assert_cmpstr (linli_csv_table_get_cell (t, 1, 0), ==, "党员之家");
  g_assert_cmpuint (linli_csv_table_get_line (t, 1), ==, 3);

  /* UTF-16 with its byte-order mark, as "Unicode text" saves. */
  {
    g_autofree char *utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
    g_autofree char *with_bom = g_malloc (length + 2);
    g_autoptr (LinliCsvTable) t16 = NULL;

    g_assert_no_error (error);
    memcpy (with_bom, "\xff\xfe", 2);
    memcpy (with_bom + 2, utf16, length);
    t16 = linli_csv_table_parse (with_bom, length + 2, "u16.csv", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (linli_csv_table_get_encoding (t16), ==, "UTF-16LE");
    g_assert_cmpstr (linli_csv_table_get_cell (t16, 0, 1), ==, "金色家园");
  }
}

static void
test_separators (void)
{
  g_autoptr (LinliCsvTable) tab = parse ("楼栋\t户数\t备注\n\"3,号楼\"\t12\tx;y\n");
  g_autoptr (LinliCsvTable) semi = parse ("\"a;b\";c;d,e\n1;\"2;3\";4,5\n");
  g_autoptr (LinliCsvTable) one = parse ("name\n3号楼\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliCsvTable) given = NULL;

  g_assert_cmpint (linli_csv_table_get_separator (tab), ==, '\t');
  g_assert_cmpuint (linli_csv_table_get_n_columns (tab), ==, 3);
  g_assert_cmpstr (linli_csv_table_get_cell (tab, 0, 0), ==, "3,号楼");
  g_assert_cmpint (linli_csv_table_get_separator (semi), ==, ';');
  g_assert_cmpuint (linli_csv_table_get_n_columns (semi), ==, 3);
  g_assert_cmpstr (linli_csv_table_get_cell (semi, 0, 2), ==, "4,5");
  g_assert_cmpint (linli_csv_table_get_separator (one), ==, ',');
  g_assert_cmpstr (linli_csv_separator_to_string ('\t'), ==, "tab");

  given = linli_csv_table_parse ("a;b,c\n1;2,3\n", 12, "given.csv", ',', &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_csv_table_get_n_columns (given), ==, 2);
  g_assert_cmpstr (linli_csv_table_get_cell (given, 0, 0), ==, "1;2");
}

/* Short rows get empty cells; long ones may only add empty cells. */
static void
test_ragged (void)
{
  g_autoptr (LinliCsvTable) t = parse ("a,b,c\n1\n1,2,3,,\n");

  g_assert_cmpuint (linli_csv_table_get_n_rows (t), ==, 2);
  g_assert_cmpstr (linli_csv_table_get_cell (t, 0, 2), ==, "");
  g_assert_cmpstr (linli_csv_table_get_cell (t, 1, 2), ==, "3");
  assert_parse_fails ("a,b\n1,2\n1,2,3\n", strlen ("a,b\n1,2\n1,2,3\n"), 3, "3 fields, but the header has 2");
}

/* Files that are not building lists, or built to hurt. */
static void
test_hostile_files (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (7);
  g_autofree char *junk = g_malloc (4096);
  g_autofree char *high = g_malloc (4096);
  GString *wide = g_string_new ("a,b\n1,2\n");
  GString *long_line = g_string_new ("a,b\n1,2\n3,");
  GString *long_quoted = g_string_new ("a,b\n\"");

  for (guint i = 0; i < 4096; i++)
    {
      junk[i] = (char) g_rand_int_range (rng, 0, 256);
      high[i] = (char) (0x80 | g_rand_int_range (rng, 0, 128));
    }
  high[100] = (char) 0xff;
  /* Random bytes hold NULs somewhere. */
  g_assert_nonnull (memchr (junk, '\0', 4096));
  assert_parse_fails (junk, 4096, G_MAXUINT, "");
  assert_parse_fails (high, 4096, 1, "neither UTF-8 nor GB18030");
  assert_parse_fails ("a,b\n1,2\n3,\x01\n", strlen ("a,b\n1,2\n3,\x01\n"), 3, "control character (0x01)");
  assert_parse_fails ("\xef\xbb\xbf" "a,b\n\xff\n", 9, 2, "not valid UTF-8");

  /* An unterminated quote is reported where it opened. */
  assert_parse_fails ("a,b\n1,2\n3,\"four\n5,6\n7,8\n", strlen ("a,b\n1,2\n3,\"four\n5,6\n7,8\n"), 3,
                      "a quoted field is not closed");
  assert_parse_fails ("a,b\n1,\"2\"x\n", strlen ("a,b\n1,\"2\"x\n"), 2, "text after a closing quote");
  assert_parse_fails ("", 0, 0, "no header row");
  assert_parse_fails ("\n , \n", 5, 0, "no header row");

  /* A million columns stop at the cap, on their line. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (wide, ',');
  assert_parse_fails (wide->str, wide->len, 3, "more than 1000 fields");
  /* So does a line of 10 MB, quoted or not. */
  for (guint i = 0; i < 10 * 1024 * 1024; i++)
    g_string_append_c (long_line, 'x');
  assert_parse_fails (long_line->str, long_line->len, 3, "longer than");
  for (guint i = 0; i < 10 * 1024 * 1024; i++)
    g_string_append_c (long_quoted, i % 80 ? 'x' : '\n');
  g_string_append (long_quoted, "\",1\n");
  assert_parse_fails (long_quoted->str, long_quoted->len, 2, "longer than");
  /* The size cap is checked before a byte is read. */
  assert_parse_fails ("a", (gsize) LINLI_CSV_MAX_FILE_SIZE + 1, 0, "larger than");

  g_string_free (wide, TRUE);
  g_string_free (long_line, TRUE);
  g_string_free (long_quoted, TRUE);
}

static void
test_load_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (LinliCsvTable) t = NULL;
  int fd = g_file_open_tmp ("linli-csv-XXXXXX.csv", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, "楼栋;户数\n1号楼;3\n", -1, NULL));
  t = linli_csv_table_load (path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (linli_csv_table_get_display_name (t), ==, path);
  g_assert_cmpint (linli_csv_table_get_separator (t), ==, ';');
  g_unlink (path);
  g_assert_null (linli_csv_table_load (path, 0, &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED);
}

/* Guessed columns */

static void
test_guess_chinese (void)
{
  g_autoptr (LinliCsvTable) t = parse ("序号,楼栋,小区名称,所属社区,户数（户）,常住人口,党员人数,纬度,经度,门牌地址,备注\n"
                                       "1,3号楼,金色家园,东园社区,48,120,8,30.1,120.1,某路1号,\n");
  LinliCsvMapping m;

  linli_csv_mapping_guess (&m, t);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_ID], ==, -1);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_NAME], ==, 1);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_COMPOUND], ==, 2);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_COMMUNITY], ==, 3);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_HOUSEHOLDS], ==, 4);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_RESIDENTS], ==, 5);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_PARTY_MEMBERS], ==, 6);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_LAT], ==, 7);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_LON], ==, 8);
  /* With a name column, the address is no key: joins go by the name. */
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_KEY], ==, -1);
  g_assert_cmpint (linli_csv_mapping_get_join_column (&m, LINLI_CSV_KEY_NAME), ==, 1);

  {
    g_autoptr (LinliCsvTable) t2 = parse ("地址,人口数量,党员,楼号,编号,小区,社区居委会,户\nx,1,1,1,1,1,1,1\n");

    linli_csv_mapping_guess (&m, t2);
    g_assert_cmpint (m.columns[LINLI_CSV_FIELD_RESIDENTS], ==, 1);
    g_assert_cmpint (m.columns[LINLI_CSV_FIELD_PARTY_MEMBERS], ==, 2);
    g_assert_cmpint (m.columns[LINLI_CSV_FIELD_NAME], ==, 3);
    g_assert_cmpint (m.columns[LINLI_CSV_FIELD_ID], ==, 4);
    g_assert_cmpint (m.columns[LINLI_CSV_FIELD_COMPOUND], ==, 5);
    g_assert_cmpint (m.columns[LINLI_CSV_FIELD_COMMUNITY], ==, 6);
    g_assert_cmpint (m.columns[LINLI_CSV_FIELD_HOUSEHOLDS], ==, 7);
    g_assert_cmpint (m.columns[LINLI_CSV_FIELD_KEY], ==, -1);
  }
  {
    /* Without a name column the address is the key. */
    g_autoptr (LinliCsvTable) t3 = parse ("地址,户数\n某路1号,3\n");

    linli_csv_mapping_guess (&m, t3);
    g_assert_cmpint (m.columns[LINLI_CSV_FIELD_KEY], ==, 0);
    g_assert_cmpint (linli_csv_mapping_get_join_column (&m, LINLI_CSV_KEY_NAME), ==, 0);
  }
}

static void
test_guess_english (void)
{
  g_autoptr (LinliCsvTable) t = parse ("Building ID;Name;Compound;Community;Households;Population (people);"
                                       "Party members;LAT;Lng;Notes\n"
                                       "b1;A;K;C;1;2;3;30;120;\n");
  LinliCsvMapping m;

  linli_csv_mapping_guess (&m, t);
  for (guint f = 0; f < LINLI_CSV_FIELD_KEY; f++)
    g_assert_cmpint (m.columns[f], ==, (int) f);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_KEY], ==, -1);
  g_assert_cmpint (linli_csv_mapping_get_join_column (&m, LINLI_CSV_KEY_ID), ==, 0);
}

static void
test_mapping_parse (void)
{
  g_autoptr (LinliCsvTable) t = parse ("楼栋,户数,Lat Deg,经度\n1,2,3,4\n");
  g_autoptr (GError) error = NULL;
  LinliCsvMapping m;
  LinliCsvField field;

  linli_csv_mapping_init (&m);
  g_assert_true (linli_csv_mapping_parse (&m, t, "households=户数", &error));
  g_assert_true (linli_csv_mapping_parse (&m, t, "lat=lat deg", &error));
  g_assert_true (linli_csv_mapping_parse (&m, t, "lon=#4", &error));
  g_assert_true (linli_csv_mapping_parse (&m, t, "party_members=1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_HOUSEHOLDS], ==, 1);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_LAT], ==, 2);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_LON], ==, 3);
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_PARTY_MEMBERS], ==, 0);
  g_assert_true (linli_csv_mapping_parse (&m, t, "party-members=none", &error));
  g_assert_cmpint (m.columns[LINLI_CSV_FIELD_PARTY_MEMBERS], ==, -1);

  g_assert_false (linli_csv_mapping_parse (&m, t, "floors=户数", &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (linli_csv_mapping_parse (&m, t, "households=人口", &error));
  g_assert_nonnull (strstr (error->message, "“楼栋”, “户数”"));
  g_clear_error (&error);
  g_assert_false (linli_csv_mapping_parse (&m, t, "households=5", &error));
  g_clear_error (&error);
  g_assert_false (linli_csv_mapping_parse (&m, t, "households", &error));
  g_clear_error (&error);

  for (guint f = 0; f < LINLI_CSV_N_FIELDS; f++)
    {
      g_assert_true (linli_csv_field_from_string (linli_csv_field_to_string (f), &field));
      g_assert_cmpint (field, ==, f);
      g_assert_nonnull (linli_csv_field_get_label (f));
    }
}

/* A new project */

static void
test_new_project (void)
{
  g_autoptr (LinliCsvTable) t = parse ("id,楼栋,小区,社区,户数,人口,党员,纬度,经度\n"
                                       "b1,1号楼,金色家园,东园,\"1,234\",３０００,12,30.2900,120.1550\n"
                                       ",2号楼,金色家园,东园, 40户 ,,3,30.2901,120.1551\n"
                                       ",\"3号楼\n(东)\",,东园,,,,,\n"
                                       "b4,4号楼,,,12.0,30,0,30.2902,120.1552\n"
                                       "b5,5号楼,清水里,西园,,,,30.2903,120.1553\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) p = NULL;
  g_auto (LinliCsvReport) report = { 0 };
  g_autofree char *summary = NULL;
  LinliCsvOptions opts;
  LinliCsvMapping m;
  const LinliBuilding *b;

  linli_csv_mapping_guess (&m, t);
  linli_csv_options_init (&opts);
  p = linli_csv_import (t, &m, &opts, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (linli_project_get_name (p), ==, "list");   /* the file's name, not its extension */
  g_assert_false (report.join);
  g_assert_cmpuint (report.rows, ==, 5);
  g_assert_cmpuint (report.buildings, ==, 4);
  g_assert_cmpuint (report.skipped, ==, 1);
  g_assert_cmpuint (line_at (&report, report.skipped_lines, 0), ==, 4);
  g_assert_cmpuint (report.estimated, ==, 1);
  g_assert_cmpuint (linli_project_get_n_buildings (p), ==, 4);

  b = linli_project_get_building (p, 0);
  g_assert_cmpstr (b->id, ==, "b1");
  g_assert_cmpstr (b->name, ==, "1号楼");
  g_assert_cmpuint (b->households, ==, 1234);
  g_assert_cmpuint (b->residents, ==, 3000);
  g_assert_cmpuint (b->party_members, ==, 12);
  g_assert_cmpuint (b->flags, ==, 0);
  g_assert_cmpfloat (b->lat, ==, 30.29);
  g_assert_cmpfloat (b->lon, ==, 120.155);
  g_assert_cmpstr (linli_project_get_compound (p, b->compound)->name, ==, "金色家园");
  g_assert_cmpstr (linli_project_get_community (p, linli_project_building_community (p, 0))->name, ==, "东园");

  /* A made-up id, and residents derived from households. */
  b = linli_project_get_building (p, 1);
  g_assert_cmpstr (b->id, ==, "row-3");
  g_assert_cmpuint (b->households, ==, 40);
  g_assert_cmpuint (b->residents, ==, 104);
  g_assert_true (b->flags & LINLI_BUILDING_ESTIMATED);
  g_assert_cmpuint (b->compound, ==, linli_project_get_building (p, 0)->compound);

  /* No compound and no community: the default ones. */
  b = linli_project_get_building (p, 2);
  g_assert_cmpuint (b->households, ==, 12);
  g_assert_cmpstr (linli_project_get_compound (p, b->compound)->name, ==, "Imported buildings");
  /* A given 0 is none; a blank cell is not known. */
  g_assert_false (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
  b = linli_project_get_building (p, 3);
  g_assert_cmpuint (b->households, ==, 0);
  g_assert_cmpuint (b->flags, ==, LINLI_BUILDING_MEMBERS_UNKNOWN);
  g_assert_cmpuint (linli_project_get_n_communities (p), ==, 3);
  g_assert_cmpuint (linli_project_get_n_compounds (p), ==, 3);

  summary = linli_csv_report_describe (&report);
  g_assert_cmpstr (summary, ==, "5 rows: 4 buildings, 1 without coordinates, skipped (line 4), "
                                "1 with households or residents estimated");

  /* The project survives the file format. */
  {
    g_autoptr (GBytes) bytes = linli_format_save_bytes (p);
    g_autoptr (LinliProject) back = linli_format_load_data (g_bytes_get_data (bytes, NULL),
                                                            g_bytes_get_size (bytes), "back", &error);

    g_assert_no_error (error);
    linli_test_assert_projects_equal (p, back, 1e-7, 0);
  }
}

static void
test_new_project_crs (void)
{
  g_autoptr (LinliCsvTable) t = parse ("lat,lng\n31.2416,121.4958\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) p = NULL;
  LinliCsvOptions opts;
  LinliCsvMapping m;
  double lat, lon;

  linli_csv_mapping_guess (&m, t);
  linli_csv_options_init (&opts);
  opts.crs = LINLI_CRS_GCJ02;
  opts.name = "Bund";
  p = linli_csv_import (t, &m, &opts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (linli_project_get_name (p), ==, "Bund");
  linli_wgs84_from_gcj02 (31.2416, 121.4958, &lat, &lon);
  g_assert_cmpfloat (linli_project_get_building (p, 0)->lat, ==, lat);
  g_assert_cmpfloat (linli_project_get_building (p, 0)->lon, ==, lon);
  g_assert_cmpfloat (linli_haversine_distance (lat, lon, 31.2416, 121.4958), >, 100);
}

/* Counts and coordinates are read by the core's number parser, after the
 * list's own forms (full width, units, groups of thousands, "°"). */
static void
test_good_values (void)
{
  static const struct { const char *households, *lat; guint want; double want_lat; } cases[] = {
    { "-0", "30.1", 0, 30.1 },
    { "+7", "+30.1", 7, 30.1 },
    { "1.2e1", "3.01e1", 12, 30.1 },
    { "\"1,234户\"", "30.1°", 1234, 30.1 },
    { "１２", "３０．１", 12, 30.1 },
    { "1000000", " 30.1 ", 1000000, 30.1 },
    { "12.000", "-0", 12, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *csv = g_strdup_printf ("楼栋,户数,纬度,经度\n1号楼,%s,%s,120.1\n", cases[i].households,
                                              cases[i].lat);
      g_autoptr (LinliCsvTable) t = parse (csv);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) p = NULL;
      LinliCsvOptions opts;
      LinliCsvMapping m;

      linli_csv_mapping_guess (&m, t);
      linli_csv_options_init (&opts);
      p = linli_csv_import (t, &m, &opts, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (linli_project_get_building (p, 0)->households, ==, cases[i].want);
      g_assert_cmpfloat (linli_project_get_building (p, 0)->lat, ==, cases[i].want_lat);
    }
}

/* Bad cells are errors naming file, line and column; no project. */
static void
test_bad_values (void)
{
  static const struct { const char *row; guint line; const char *reason; } cases[] = {
    { "1号楼,-3,30.1,120.1", 3, "Households (column “户数”): “-3” is negative" },
    { "1号楼,abc,30.1,120.1", 3, "“abc” is not a number" },
    { "1号楼,12.5,30.1,120.1", 3, "is not a whole number" },
    { "1号楼,\"1,23\",30.1,120.1", 3, "is not a number" },
    { "1号楼,\"12,345,67\",30.1,120.1", 3, "is not a number" },
    { "1号楼,2000000,30.1,120.1", 3, "is more than 1000000" },
    { "1号楼,3,NaN,120.1", 3, "Latitude (column “纬度”): “NaN” is not a number" },
    { "1号楼,3,30.1,inf", 3, "“inf” is not a number" },
    { "1号楼,3,30.1,0x1e", 3, "“0x1e” is not a number" },
    { "1号楼,3,30.1,12O.1", 3, "“12O.1” is not a number" },
    { "1号楼,3,30.1,1e999", 3, "is not between −180 and 180" },
    { "1号楼,3,30.1,2e2", 3, "is not between −180 and 180" },
    /* A number out of range says so, however it is written. */
    { "1号楼,1e308,30.1,120.1", 3, "“1e308” is more than 1000000" },
    { "1号楼,1e999,30.1,120.1", 3, "“1e999” is more than 1000000" },
    { "1号楼,-0.5,30.1,120.1", 3, "“-0.5” is negative" },
    { "1号楼,0x10,30.1,120.1", 3, "“0x10” is not a number" },
    { "1号楼,3,120.1,30.1", 3, "swapped" },
    { "1号楼,3,30.1,200", 3, "is not between −180 and 180" },
    { "1号楼,3,30.1,", 3, "a latitude without a longitude" },
    { "\"1号\n楼\",3,,120.1\n", 3, "a longitude without a latitude" },
    /* Where the projection cannot measure, beside the row at 30, 120. */
    { "1号楼,3,86,120", 3, "86 lies beyond 85°" },
    { "1号楼,3,30,-70", 3, "180° meridian" },
    { "1号楼,3,33,120", 3, "east–west scale varies by 3.3 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *csv = g_strdup_printf ("楼栋,户数,纬度,经度\n2号楼,1,30,120\n%s\n", cases[i].row);
      g_autoptr (LinliCsvTable) t = parse (csv);
      g_autoptr (GError) error = NULL;
      g_autofree char *prefix = g_strdup_printf ("list.csv:%u: ", cases[i].line);
      LinliCsvOptions opts;
      LinliCsvMapping m;
      LinliCsvReport report;

      linli_csv_mapping_guess (&m, t);
      linli_csv_options_init (&opts);
      g_assert_null (linli_csv_import (t, &m, &opts, &report, &error));
      g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, cases[i].reason) == NULL)
        g_error ("case %u: expected “%s…%s”, got “%s”", i, prefix, cases[i].reason, error->message);
      g_assert_cmpuint (report.buildings, ==, 0);
      g_assert_null (report.skipped_lines);
    }

  /* Duplicate ids, missing columns, no rows. */
  {
    g_autoptr (LinliCsvTable) t = parse ("id,lat,lon\nx,30,120\ny,30,120\nx,30,120\n");
    g_autoptr (LinliCsvTable) header_only = parse ("id,lat,lon\n");
    g_autoptr (LinliCsvTable) no_coords = parse ("id,name\nx,y\n");
    g_autoptr (GError) error = NULL;
    LinliCsvOptions opts;
    LinliCsvMapping m;

    linli_csv_options_init (&opts);
    linli_csv_mapping_guess (&m, t);
    g_assert_null (linli_csv_import (t, &m, &opts, NULL, &error));
    g_assert_cmpstr (error->message, ==, "list.csv:4: building id “x” is also on line 2");
    g_clear_error (&error);
    g_assert_null (linli_csv_import (header_only, &m, &opts, NULL, &error));
    g_assert_cmpstr (error->message, ==, "list.csv: the file has no rows below its header");
    g_clear_error (&error);
    linli_csv_mapping_guess (&m, no_coords);
    g_assert_null (linli_csv_import (no_coords, &m, &opts, NULL, &error));
    g_assert_cmpstr (error->message, ==, "list.csv: choose the columns of latitude and longitude");
    g_clear_error (&error);
    m.columns[LINLI_CSV_FIELD_LAT] = 7;
    g_assert_null (linli_csv_import (no_coords, &m, &opts, NULL, &error));
    g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID);
  }
}

/* Joins */

static void
test_normalize (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "3号楼", "3" }, { "３号楼", "3" }, { " 3 栋 ", "3" }, { "03幢", "3" }, { "3#", "3" }, { "3#楼", "3" },
    { "第三栋", "3" }, { "十二号楼", "12" }, { "二十幢", "20" }, { "一百零五号", "105" }, { "A座", "a" },
    { "Ａ座", "a" }, { "B2栋", "b2" }, { "12-3号楼", "12-3" }, { "主楼", "主楼" }, { "办公楼", "办公楼" },
    { "号楼", "号楼" }, { "0", "0" }, { "000", "0" }, { "", "" }, { "3单元", "3单元" }, { "Block 7", "block7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *n = linli_csv_normalize_name (cases[i].in);

      if (g_strcmp0 (n, cases[i].out) != 0)
        g_error ("“%s” gave “%s”, not “%s”", cases[i].in, n, cases[i].out);
    }
}

/* Footprints as OpenStreetMap gives them: names, no figures (estimated). */
static LinliProject *
footprints (void)
{
  static const struct { const char *compound, *name; } buildings[] = {
    { "k1", "1号楼" }, { "k1", "2号楼" }, { "k1", "３号楼" }, { "k2", "3号楼" }, { "k2", "清水里5幢" },
    { "k2", "" }, { "k3", "7栋" }, { "k3", "7幢" },
  };
  LinliProject *p = linli_project_new ();
  guint c1 = linli_project_add_community (p, "c1", "东园社区");

  linli_project_set_name (p, "district");
  linli_project_add_compound (p, "k1", "金色家园", c1);
  linli_project_add_compound (p, "k2", "清水里", c1);
  linli_project_add_compound (p, "k3", "潮鸣台", c1);
  for (guint i = 0; i < G_N_ELEMENTS (buildings); i++)
    {
      g_autofree char *id = g_strdup_printf ("way/%u", 100 + i);
      LinliLatLon square[4] = {
        { 30.29 + i * 1e-3, 120.15 }, { 30.29 + i * 1e-3, 120.1502 },
        { 30.2902 + i * 1e-3, 120.1502 }, { 30.2902 + i * 1e-3, 120.15 },
      };
      LinliBuilding b = { 0 };

      b.id = id;
      b.name = buildings[i].name;
      b.lat = 30.2901 + i * 1e-3;
      b.lon = 120.1501;
      b.compound = linli_project_find_compound (p, buildings[i].compound);
      b.households = 10 + i;
      b.residents = 26 + i;
      b.party_members = 1;
      b.flags = LINLI_BUILDING_ESTIMATED;
      linli_project_add_building (p, &b, square, 4);
    }
  return p;
}

static void
test_join (void)
{
  g_autoptr (LinliProject) source = footprints ();
  g_autoptr (GBytes) before = linli_format_save_bytes (source);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (LinliCsvTable) t = parse ("小区,楼栋,户数,常住人口,党员,备注\n"
                                       "金色家园,1#,40,100,5,\n"            /* 2 */
                                       "金色家园,\"20号\n楼\",41,,,\"x\"\n"  /* 3-4: no 20号楼 */
                                       "金色家园,3栋,42,110,6,\n"           /* 5 */
                                       "清水里,三号楼,43,120,,\n"           /* 6 */
                                       "清水里,5号楼,44,130,2,\n"           /* 7: 清水里5幢 */
                                       "潮鸣台,7号,45,140,3,\n"             /* 8: 7栋 and 7幢 */
                                       "金色家园,1号楼,46,150,4,\n"         /* 9: 1# took it */
                                       "不存在,1号楼,47,160,4,\n"           /* 10: no such compound */
                                       ",9号楼,48,170,4,\n"                  /* 11 */
                                       ",,49,180,4,\n");                     /* 12: no key */
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) joined = NULL;
  g_auto (LinliCsvReport) report = { 0 };
  g_auto (LinliCsvReport) checked = { 0 };
  g_autofree char *summary = NULL;
  LinliCsvOptions opts;
  LinliCsvMapping m;
  const LinliBuilding *b;

  linli_csv_mapping_guess (&m, t);
  linli_csv_options_init (&opts);
  g_assert_true (linli_csv_join_check (source, t, &m, &opts, &checked, &error));
  g_assert_no_error (error);
  joined = linli_csv_join (source, t, &m, &opts, &report, &error);
  g_assert_no_error (error);

  g_assert_true (report.join);
  g_assert_cmpuint (report.rows, ==, 10);
  g_assert_cmpuint (report.matched, ==, 4);
  g_assert_cmpuint (report.unmatched, ==, 4);
  g_assert_cmpuint (line_at (&report, report.unmatched_lines, 0), ==, 3);
  g_assert_cmpuint (line_at (&report, report.unmatched_lines, 1), ==, 10);
  g_assert_cmpuint (line_at (&report, report.unmatched_lines, 2), ==, 11);
  g_assert_cmpuint (line_at (&report, report.unmatched_lines, 3), ==, 12);
  g_assert_cmpuint (report.ambiguous, ==, 1);
  g_assert_cmpuint (line_at (&report, report.ambiguous_lines, 0), ==, 8);
  g_assert_cmpuint (report.duplicates, ==, 1);
  g_assert_cmpuint (line_at (&report, report.duplicate_lines, 0), ==, 9);
  g_assert_cmpuint (report.estimated, ==, 0);
  g_assert_cmpuint (report.buildings_unmatched, ==, 4);
  g_assert_cmpuint (checked.matched, ==, report.matched);
  g_assert_cmpuint (checked.buildings_unmatched, ==, report.buildings_unmatched);

  /* Matched buildings have the list's figures and are no longer estimates;
   * the others are as they were. */
  b = linli_project_get_building (joined, 0);
  g_assert_cmpuint (b->households, ==, 40);
  g_assert_cmpuint (b->residents, ==, 100);
  g_assert_cmpuint (b->party_members, ==, 5);
  g_assert_cmpuint (b->flags, ==, 0);
  b = linli_project_get_building (joined, 1);
  g_assert_cmpuint (b->households, ==, 11);
  g_assert_true (b->flags & LINLI_BUILDING_ESTIMATED);
  b = linli_project_get_building (joined, 2);
  g_assert_cmpuint (b->households, ==, 42);
  g_assert_cmpuint (b->flags, ==, 0);
  b = linli_project_get_building (joined, 3);
  g_assert_cmpuint (b->households, ==, 43);
  g_assert_cmpuint (b->party_members, ==, 1);   /* not in the list: kept */
  g_assert_cmpuint (b->flags, ==, 0);
  b = linli_project_get_building (joined, 4);
  g_assert_cmpuint (b->households, ==, 44);
  g_assert_cmpuint (b->flags, ==, 0);
  for (guint i = 5; i < 8; i++)
    {
      b = linli_project_get_building (joined, i);
      g_assert_cmpuint (b->households, ==, 10 + i);
      g_assert_cmpuint (b->flags, ==, LINLI_BUILDING_ESTIMATED);
    }
  g_assert_cmpuint (g_array_index (report.unmatched_buildings, guint, 0), ==, 1);

  /* The source is untouched; the copy keeps everything else. */
  after = linli_format_save_bytes (source);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpstr (linli_project_get_name (joined), ==, "district");
  {
    guint n_a, n_b;
    const LinliLatLon *fa = linli_project_get_footprint (source, 7, &n_a);
    const LinliLatLon *fb = linli_project_get_footprint (joined, 7, &n_b);

    g_assert_cmpuint (n_a, ==, n_b);
    g_assert_cmpmem (fa, n_a * sizeof *fa, fb, n_b * sizeof *fb);
  }

  summary = linli_csv_report_describe (&report);
  g_assert_cmpstr (summary, ==, "10 rows: 4 matched, 4 unmatched (lines 3, 10, 11, 12), 1 ambiguous (line 8), "
                                "1 for a building already filled (line 9); "
                                "4 buildings of the project not in the list");

  /* Round trip through the file format. */
  {
    g_autoptr (GBytes) bytes = linli_format_save_bytes (joined);
    g_autoptr (LinliProject) back = linli_format_load_data (g_bytes_get_data (bytes, NULL),
                                                            g_bytes_get_size (bytes), "back", &error);

    g_assert_no_error (error);
    linli_test_assert_projects_equal (joined, back, 1e-7, 0);
    g_assert_cmpuint (linli_project_get_building (back, 0)->flags, ==, 0);
    g_assert_cmpuint (linli_project_get_building (back, 1)->flags, ==, LINLI_BUILDING_ESTIMATED);
  }
}

/* Without a compound column, two 3号楼 are ambiguous; by id is exact. */
static void
test_join_scope_and_ids (void)
{
  g_autoptr (LinliProject) source = footprints ();
  g_autoptr (LinliCsvTable) t = parse ("name,households\n3号楼,5\n1号楼,6\n");
  g_autoptr (LinliCsvTable) by_id = parse ("id,households\nWAY/101,7\nway/999,8\n");
  g_autoptr (LinliCsvTable) community = parse ("社区,楼栋,户数\n东园社区,1号楼,9\n西园社区,2号楼,9\n");
  g_autoptr (LinliCsvTable) households_only = parse ("楼栋,户数\n1号楼,20\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) joined = NULL;
  g_auto (LinliCsvReport) report = { 0 };
  LinliCsvOptions opts;
  LinliCsvMapping m;

  linli_csv_options_init (&opts);
  linli_csv_mapping_guess (&m, t);
  g_assert_true (linli_csv_join_check (source, t, &m, &opts, &report, &error));
  g_assert_cmpuint (report.matched, ==, 1);
  g_assert_cmpuint (report.ambiguous, ==, 1);
  g_assert_cmpuint (line_at (&report, report.ambiguous_lines, 0), ==, 2);
  linli_csv_report_clear (&report);

  opts.key = LINLI_CSV_KEY_ID;
  linli_csv_mapping_guess (&m, by_id);
  joined = linli_csv_join (source, by_id, &m, &opts, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.matched, ==, 1);
  g_assert_cmpuint (report.unmatched, ==, 1);
  g_assert_cmpuint (linli_project_get_building (joined, 1)->households, ==, 7);
  /* Households without residents: the residents are derived and still
   * an estimate. */
  g_assert_cmpuint (linli_project_get_building (joined, 1)->residents, ==, 18);
  g_assert_true (linli_project_get_building (joined, 1)->flags & LINLI_BUILDING_ESTIMATED);
  g_assert_cmpuint (report.estimated, ==, 1);
  linli_csv_report_clear (&report);
  g_clear_object (&joined);

  opts.key = LINLI_CSV_KEY_NAME;
  linli_csv_mapping_guess (&m, community);
  g_assert_true (linli_csv_join_check (source, community, &m, &opts, &report, &error));
  g_assert_cmpuint (report.matched, ==, 1);
  g_assert_cmpuint (report.unmatched, ==, 1);
  linli_csv_report_clear (&report);

  /* A building with real figures keeps its residents when only
   * households come. */
  {
    g_autoptr (LinliProject) real = linli_project_copy (source);

    linli_csv_mapping_guess (&m, households_only);
    linli_project_set_building_flags (real, 0, 0);
    joined = linli_csv_join (real, households_only, &m, &opts, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (linli_project_get_building (joined, 0)->households, ==, 20);
    g_assert_cmpuint (linli_project_get_building (joined, 0)->residents, ==, 26);
    g_assert_cmpuint (linli_project_get_building (joined, 0)->flags, ==, 0);
  }
}

/* Every compound has a 1号楼 and a 2号楼: rows find theirs by compound (or
 * compound id, or community), and without either are all ambiguous. */
static void
test_join_many_compounds (void)
{
  g_autoptr (LinliProject) p = linli_project_new ();
  g_autoptr (GString) scoped = g_string_new ("社区,小区,楼栋,户数\n");
  g_autoptr (GString) bare = g_string_new ("楼栋,户数\n");
  g_autoptr (LinliCsvTable) t1 = NULL;
  g_autoptr (LinliCsvTable) t2 = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (LinliCsvReport) report = { 0 };
  LinliCsvOptions opts;
  LinliCsvMapping m;
  const guint n = 2000;

  for (guint c = 0; c < 10; c++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", c);
      g_autofree char *name = g_strdup_printf ("社区%u", c);

      linli_project_add_community (p, id, name);
    }
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *id = g_strdup_printf ("k%u", k);
      g_autofree char *name = g_strdup_printf ("小区%u", k);
      guint compound = linli_project_add_compound (p, id, name, k % 10);

      for (guint b = 1; b <= 2; b++)
        {
          g_autofree char *bid = g_strdup_printf ("b%u-%u", k, b);
          g_autofree char *bname = g_strdup_printf ("%u号楼", b);
          LinliBuilding building = { .id = bid, .name = bname, .compound = compound, .lat = 30, .lon = 120 };

          linli_project_add_building (p, &building, NULL, 0);
        }
      /* By name, by id and by community only (one 社区 has 200 compounds). */
      if (k % 3 == 0)
        g_string_append_printf (scoped, "社区%u,小区%u,%u幢,%u\n", k % 10, k, 1 + k % 2, k);
      else if (k % 3 == 1)
        g_string_append_printf (scoped, ",K%u,%u栋,%u\n", k, 1 + k % 2, k);
      else
        g_string_append_printf (scoped, "社区%u,,%u栋,%u\n", k % 10, 1 + k % 2, k);
      g_string_append_printf (bare, "%u号楼,%u\n", 1 + k % 2, k);
    }
  t1 = parse (scoped->str);
  t2 = parse (bare->str);
  linli_csv_options_init (&opts);
  linli_csv_mapping_guess (&m, t1);
  g_assert_true (linli_csv_join_check (p, t1, &m, &opts, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.matched, ==, n - n / 3);
  g_assert_cmpuint (report.ambiguous, ==, n / 3);
  g_assert_cmpuint (report.unmatched, ==, 0);
  linli_csv_report_clear (&report);

  linli_csv_mapping_guess (&m, t2);
  g_assert_true (linli_csv_join_check (p, t2, &m, &opts, &report, &error));
  g_assert_cmpuint (report.matched, ==, 0);
  g_assert_cmpuint (report.ambiguous, ==, n);
  g_assert_cmpuint (report.buildings_unmatched, ==, 2 * n);
}

/* One bad cell, even in a row that matches nothing, and nothing joins. */
static void
test_join_all_or_nothing (void)
{
  g_autoptr (LinliProject) source = footprints ();
  g_autoptr (GBytes) before = linli_format_save_bytes (source);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (LinliCsvTable) t = parse ("楼栋,户数,人口\n1号楼,4,10\n\"99\n号楼\",-1,3\n");
  g_autoptr (LinliCsvTable) no_figures = parse ("楼栋,备注\n1号楼,x\n");
  g_autoptr (LinliCsvTable) no_key = parse ("户数,备注\n1,x\n");
  g_autoptr (GError) error = NULL;
  LinliCsvReport report;
  LinliCsvOptions opts;
  LinliCsvMapping m;

  linli_csv_options_init (&opts);
  linli_csv_mapping_guess (&m, t);
  g_assert_null (linli_csv_join (source, t, &m, &opts, &report, &error));
  g_assert_cmpstr (error->message, ==, "list.csv:3: Households (column “户数”): “-1” is negative");
  g_assert_cmpuint (report.matched, ==, 0);
  g_clear_error (&error);
  g_assert_false (linli_csv_join_check (source, t, &m, &opts, NULL, &error));
  g_clear_error (&error);
  after = linli_format_save_bytes (source);
  g_assert_true (g_bytes_equal (before, after));

  linli_csv_mapping_guess (&m, no_figures);
  g_assert_null (linli_csv_join (source, no_figures, &m, &opts, NULL, &error));
  g_assert_nonnull (strstr (error->message, "households, residents or party members"));
  g_clear_error (&error);
  linli_csv_mapping_guess (&m, no_key);
  g_assert_null (linli_csv_join (source, no_key, &m, &opts, NULL, &error));
  g_assert_nonnull (strstr (error->message, "match buildings by"));
}

/* A copy of the bundled sample (sites, plan rules, settings) equals it. */
static void
test_copy (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LINLI_SOURCE_DIR") ? g_getenv ("LINLI_SOURCE_DIR") : ".",
                                            "data", "sample.linli", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) sample = linli_format_load_file (path, &error);
  g_autoptr (LinliProject) copy = NULL;
  LinliStreets *streets = linli_streets_new ();
  guint32 nodes[2];

  g_assert_no_error (error);
  linli_project_set_walk_minutes (sample, 15);
  linli_project_set_distance (sample, LINLI_DISTANCE_STREET);
  nodes[0] = linli_streets_add_node (streets, 30.29, 120.15);
  nodes[1] = linli_streets_add_node (streets, 30.30, 120.16);
  linli_streets_add_way (streets, LINLI_STREET_FOOTWAY, nodes, 2);
  linli_project_set_streets (sample, streets);
  linli_project_set_building_flags (sample, 3, LINLI_BUILDING_ESTIMATED);
  copy = linli_project_copy (sample);
  g_assert_cmpuint (linli_project_get_n_sites (copy), >, 0);
  linli_test_assert_projects_equal (sample, copy, 0, 0);
  g_assert_cmpuint (linli_project_get_building (copy, 3)->flags, ==, LINLI_BUILDING_ESTIMATED);
  g_assert_true (linli_project_get_site (copy, 0) != linli_project_get_site (sample, 0));
  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_format_lines (void)
{
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *none = linli_csv_format_lines (NULL, 3);
  g_autofree char *some = NULL;

  for (guint i = 1; i <= 5; i++)
    g_array_append_val (lines, i);
  some = linli_csv_format_lines (lines, 3);
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (some, ==, "1, 2, 3, …");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-csv/parse/quotes", test_quotes);
  g_test_add_func ("/import-csv/parse/line-ends", test_line_ends);
  g_test_add_func ("/import-csv/parse/gbk", test_gbk);
  g_test_add_func ("/import-csv/parse/separators", test_separators);
  g_test_add_func ("/import-csv/parse/ragged", test_ragged);
  g_test_add_func ("/import-csv/parse/hostile", test_hostile_files);
  g_test_add_func ("/import-csv/parse/load-file", test_load_file);
  g_test_add_func ("/import-csv/guess/chinese", test_guess_chinese);
  g_test_add_func ("/import-csv/guess/english", test_guess_english);
  g_test_add_func ("/import-csv/mapping-parse", test_mapping_parse);
  g_test_add_func ("/import-csv/new-project", test_new_project);
  g_test_add_func ("/import-csv/new-project-crs", test_new_project_crs);
  g_test_add_func ("/import-csv/good-values", test_good_values);
  g_test_add_func ("/import-csv/bad-values", test_bad_values);
  g_test_add_func ("/import-csv/normalize", test_normalize);
  g_test_add_func ("/import-csv/join", test_join);
  g_test_add_func ("/import-csv/join-scope-and-ids", test_join_scope_and_ids);
  g_test_add_func ("/import-csv/join-many-compounds", test_join_many_compounds);
  g_test_add_func ("/import-csv/join-all-or-nothing", test_join_all_or_nothing);
  g_test_add_func ("/import-csv/copy", test_copy);
  g_test_add_func ("/import-csv/format-lines", test_format_lines);
  return g_test_run ();
}
