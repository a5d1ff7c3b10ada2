/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-partner-csv"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "linli-partner-csv.h"
#include "linli-partners.h"
#include "linli-test-utils.h"

/* The units CSV reader: random units written here as a spreadsheet (one
 * row per resource item, columns in random order under Chinese or English
 * headers, fields quoted with commas, quotes and line breaks) read back
 * equal; read again they change nothing; one bad row anywhere refuses the
 * file with that row's line and leaves the lists as they were. */

static const char *const headers[][2] = {
  { "编号", "id" }, { "名称", "name" }, { "类型", "type" }, { "地址", "address" },
  { "经度", "lon" }, { "纬度", "lat" }, { "联系人", "contact" }, { "报到党员", "members" },
  { "类别", "category" }, { "数量", "quantity" }, { "计量单位", "measure" },
  { "容量", "capacity" }, { "周期", "period" },
};

enum { C_ID, C_NAME, C_TYPE, C_ADDRESS, C_LON, C_LAT, C_CONTACT, C_MEMBERS, C_CATEGORY,
       C_QUANTITY, C_MEASURE, C_CAPACITY, C_PERIOD, N_COLUMNS };

static char *
random_text (GRand      *rand,
             const char *prefix)
{
  static const char *const pieces[] = { "拱宸桥", "社区", ",", "\"", "医院", "a", "\n", ";" };
  GString *text = g_string_new (prefix);
  guint n = g_rand_int_range (rand, 0, 4);

  for (guint i = 0; i < n; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  /* The reader strips blanks around a field: none at the end. */
  g_string_append (text, "。");
  return g_string_free (text, FALSE);
}

static char *
format_double (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, x));
}

/* A random unit (the caller frees it with linli_partner_item_free()). */
static LinliPartnerUnit *
random_unit (GRand         *rand,
             LinliPartners *p,
             guint          k)
{
  LinliPartnerUnit *u = g_new0 (LinliPartnerUnit, 1);
  guint n_categories = linli_partners_get_n (p, LINLI_PARTNER_LIST_CATEGORIES);
  g_autofree char *prefix = g_strdup_printf ("单位%u", k);

  u->name = random_text (rand, prefix);
  u->type = g_rand_int_range (rand, 0, LINLI_PARTNER_UNIT_N_TYPES);
  u->address = g_rand_boolean (rand) ? random_text (rand, "路") : NULL;
  u->has_position = g_rand_boolean (rand);
  u->lon = u->has_position ? g_rand_double_range (rand, 73, 135) : 0;
  u->lat = u->has_position ? g_rand_double_range (rand, 18, 53) : 0;
  u->contact = g_rand_boolean (rand) ? random_text (rand, "张") : NULL;
  u->members = g_rand_int_range (rand, 0, 300);
  u->n_resources = g_rand_int_range (rand, 0, 4);
  u->resources = g_new0 (LinliPartnerResource, u->n_resources);
  for (guint r = 0; r < u->n_resources; r++)
    {
      LinliPartnerResource *x = &u->resources[r];

      x->category = g_strdup (linli_partners_get_category (p, g_rand_int_range (rand, 0,
                                                                                n_categories))->id);
      x->quantity = g_rand_boolean (rand) ? 1 : g_rand_double_range (rand, 0, 100);
      x->measure = g_rand_boolean (rand) ? random_text (rand, "次") : NULL;
      x->capacity = g_rand_double_range (rand, 0, 1000);
      x->period = g_rand_int_range (rand, 0, 4);
    }
  return u;
}

static void
append_field (GString    *csv,
              const char *text,
              gboolean    first)
{
  if (!first)
    g_string_append_c (csv, ',');
  g_string_append_c (csv, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *c);
    }
  g_string_append_c (csv, '"');
}

/* The fields of the row of @u for resource item @r (-1: none). */
static void
row_fields (const LinliPartnerUnit *u,
            int                     r,
            gboolean                with_id,
            char                  **fields)
{
  const LinliPartnerResource *x = r >= 0 ? &u->resources[r] : NULL;

  fields[C_ID] = g_strdup (with_id ? u->id : "");
  fields[C_NAME] = g_strdup (u->name);
  fields[C_TYPE] = g_strdup (linli_partner_unit_type_to_string (u->type));
  fields[C_ADDRESS] = g_strdup (u->address != NULL ? u->address : "");
  fields[C_LON] = u->has_position ? format_double (u->lon) : g_strdup ("");
  fields[C_LAT] = u->has_position ? format_double (u->lat) : g_strdup ("");
  fields[C_CONTACT] = g_strdup (u->contact != NULL ? u->contact : "");
  fields[C_MEMBERS] = g_strdup_printf ("%u", u->members);
  fields[C_CATEGORY] = g_strdup (x != NULL ? x->category : "");
  fields[C_QUANTITY] = x != NULL ? format_double (x->quantity) : g_strdup ("");
  fields[C_MEASURE] = g_strdup (x != NULL && x->measure != NULL ? x->measure : "");
  fields[C_CAPACITY] = x != NULL ? format_double (x->capacity) : g_strdup ("");
  fields[C_PERIOD] = g_strdup (x != NULL ? linli_partner_period_to_string (x->period) : "");
}

typedef struct
{
  GString *csv;
  GArray  *row_lines;  /* guint: the line each data row starts on */
  guint    line;
} Sheet;

static void
append_row (Sheet       *sheet,
            const int   *order,
            char       **fields)
{
  g_array_append_val (sheet->row_lines, sheet->line);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      append_field (sheet->csv, fields[order[c]], c == 0);
      for (const char *t = fields[order[c]]; *t != '\0'; t++)
        sheet->line += *t == '\n';
    }
  g_string_append_c (sheet->csv, '\n');
  sheet->line++;
}

static void
test_round_trip (void)
{
  guint n_cases = linli_test_cases (60);
  g_autofree char *dir = g_dir_make_tmp ("test-partner-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "units.csv", NULL);

  for (guint c = 0; c < n_cases; c++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (c);
      g_autoptr (LinliPartners) expected = linli_partners_new ();
      g_autoptr (LinliPartners) read = linli_partners_new ();
      g_autoptr (LinliPartners) before = linli_partners_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *dump_expected = NULL, *dump_read = NULL, *dump_again = NULL;
      gboolean with_id = g_rand_boolean (rand);
      guint n_units = g_rand_int_range (rand, 1, 12);
      guint added = 0, changed = 0;
      int order[N_COLUMNS];
      Sheet sheet = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (guint)), 1 };
      g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (guint k = 0; k < N_COLUMNS; k++)
        order[k] = k;
      for (guint k = N_COLUMNS - 1; k > 0; k--)
        {
          guint j = g_rand_int_range (rand, 0, k + 1);
          int t = order[k];

          order[k] = order[j];
          order[j] = t;
        }
      for (guint k = 0; k < N_COLUMNS; k++)
        append_field (sheet.csv, headers[order[k]][g_rand_boolean (rand)], k == 0);
      g_string_append_c (sheet.csv, '\n');
      sheet.line++;

      for (guint k = 0; k < n_units; k++)
        {
          LinliPartnerUnit *u = random_unit (rand, expected, k);

          u->id = with_id ? g_strdup_printf ("x%u", k)
                          : linli_partners_new_id (expected, LINLI_PARTNER_LIST_UNITS);
          linli_partners_insert (expected, LINLI_PARTNER_LIST_UNITS, k, u);
          for (int r = u->n_resources > 0 ? 0 : -1; r < (int) u->n_resources; r++)
            {
              char **fields = g_new0 (char *, N_COLUMNS + 1);

              row_fields (u, r, with_id, fields);
              append_row (&sheet, order, fields);
              g_ptr_array_add (rows, fields);
            }
          linli_partner_item_free (LINLI_PARTNER_LIST_UNITS, u);
        }
      g_assert_true (g_file_set_contents (path, sheet.csv->str, -1, NULL));
      g_assert_true (linli_partner_units_csv_read (read, path, FALSE, &added, &changed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (added, ==, n_units);
      g_assert_cmpuint (changed, ==, 0);
      dump_expected = linli_test_dump_partners (expected);
      dump_read = linli_test_dump_partners (read);
      g_assert_cmpstr (dump_read, ==, dump_expected);

      /* Read again: the same units, nothing added or changed. */
      g_assert_true (linli_partner_units_csv_read (read, path, FALSE, &added, &changed, &error));
      g_assert_cmpuint (added, ==, 0);
      g_assert_cmpuint (changed, ==, 0);
      dump_again = linli_test_dump_partners (read);
      g_assert_cmpstr (dump_again, ==, dump_expected);

      /* One row made bad: refused with its line, the lists untouched. */
      {
        guint bad = g_rand_int_range (rand, 0, rows->len);
        guint how = g_rand_int_range (rand, 0, 4);
        g_autofree char *where = NULL, *dump_after = NULL;
        g_autoptr (GString) csv = g_string_new (NULL);
        Sheet bad_sheet = { csv, g_array_new (FALSE, FALSE, sizeof (guint)), 2 };

        for (guint k = 0; k < N_COLUMNS; k++)
          append_field (csv, headers[order[k]][0], k == 0);
        g_string_append_c (csv, '\n');
        for (guint i = 0; i < rows->len; i++)
          {
            char **f = g_ptr_array_index (rows, i);
            char *saved = NULL;
            int column = how == 0 ? C_TYPE : how == 1 ? C_LAT : how == 2 ? C_CATEGORY : C_NAME;

            if (i == bad)
              {
                saved = f[column];
                f[column] = g_strdup (how == 0 ? "飞船" : how == 1 ? (*f[C_LAT] ? "" : "30")
                                      : how == 2 ? "no-such-category" : "");
              }
            append_row (&bad_sheet, order, f);
            if (i == bad)
              {
                g_free (f[column]);
                f[column] = saved;
              }
          }
        g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
        linli_partners_copy_from (before, read);
        g_assert_false (linli_partner_units_csv_read (read, path, FALSE, NULL, NULL, &error));
        g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
        where = g_strdup_printf ("%s:%u: ", path,
                                 g_array_index (bad_sheet.row_lines, guint, bad));
        if (!g_str_has_prefix (error->message, where))
          g_error ("“%s” does not start with “%s”", error->message, where);
        g_clear_error (&error);
        dump_after = linli_test_dump_partners (read);
        g_assert_cmpstr (dump_after, ==, dump_expected);
        g_array_unref (bad_sheet.row_lines);
      }
      g_string_free (sheet.csv, TRUE);
      g_array_unref (sheet.row_lines);
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partner-csv/round-trip", test_round_trip);
  return g_test_run ();
}
