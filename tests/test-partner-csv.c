/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-partner-csv"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "linli-history.h"
#include "linli-grids.h"
#include "linli-partner-csv.h"
#include "linli-partner-needs-csv.h"
#include "linli-partners.h"
#include "linli-test-utils.h"

/* The units CSV reader: random units written here as a spreadsheet (one
 * row per resource item, columns in random order under Chinese or English
 * headers, fields quoted with commas, quotes and line breaks) read back
 * equal; read again they change nothing; one bad row anywhere refuses the
 * file with that row's line and leaves the lists as they were. */

/* The generic reader of needs, under a short name. */
#define needs_read(...)   linli_partner_csv_read (LINLI_PARTNER_LIST_NEEDS, __VA_ARGS__)

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

      /* The same rows under headers nobody knows: refused as they are,
       * read equal with the columns chosen by hand. */
      {
        g_autoptr (LinliPartners) chosen = linli_partners_new ();
        g_autofree char *renamed_path = g_build_filename (dir, "renamed.csv", NULL);
        g_autofree char *dump_chosen = NULL;
        const char *first_newline = strchr (sheet.csv->str, '\n');
        g_autoptr (GString) renamed = g_string_new (NULL);
        char *names[N_COLUMNS];
        int columns[LINLI_PARTNER_CSV_N_FIELDS];

        for (guint k = 0; k < N_COLUMNS; k++)
          {
            names[k] = g_strdup_printf ("列%u", k + 1);
            append_field (renamed, names[k], k == 0);
          }
        g_string_append (renamed, first_newline);
        g_assert_true (g_file_set_contents (renamed_path, renamed->str, -1, NULL));
        g_assert_false (linli_partner_units_csv_read (chosen, renamed_path, FALSE, NULL, NULL,
                                                      &error));
        g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
        g_clear_error (&error);
        linli_partner_csv_guess_columns (LINLI_PARTNER_LIST_UNITS, (const char *const *) names,
                                         N_COLUMNS, columns);
        for (guint f = 0; f < LINLI_PARTNER_CSV_N_FIELDS; f++)
          g_assert_cmpint (columns[f], ==, -1);
        /* The guess from the real headers finds every column where it is. */
        {
          const char *real[N_COLUMNS];

          for (guint k = 0; k < N_COLUMNS; k++)
            real[k] = headers[order[k]][k % 2];
          linli_partner_csv_guess_columns (LINLI_PARTNER_LIST_UNITS, real, N_COLUMNS, columns);
          for (guint k = 0; k < N_COLUMNS; k++)
            g_assert_cmpint (columns[order[k]], ==, k);
        }
        g_assert_true (linli_partner_csv_read (LINLI_PARTNER_LIST_UNITS, NULL, chosen,
                                               renamed_path, columns, FALSE, &added, &changed,
                                               &error));
        g_assert_no_error (error);
        g_assert_cmpuint (added, ==, n_units);
        dump_chosen = linli_test_dump_partners (chosen);
        g_assert_cmpstr (dump_chosen, ==, dump_expected);
        for (guint k = 0; k < N_COLUMNS; k++)
          g_free (names[k]);
        g_unlink (renamed_path);
      }

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

/* Into a project: @csv gives the same lists as reading it into a copy,
 * adding @n_added items; one undo step goes back to the project as it
 * was, redo forward again; @bad_csv, refused, records nothing. */
static void
check_import_undo (LinliProject     *project,
                   LinliPartnerList  list,
                   const char       *csv,
                   const char       *bad_csv,
                   guint             n_added)
{
  g_autofree char *dir = g_dir_make_tmp ("test-partner-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "list.csv", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (LinliPartners) expected = linli_partners_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *undone = NULL, *redone = NULL, *want = NULL;
  guint added = 0, changed = 0;

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, bad_csv, -1, NULL));
  before = linli_test_dump_partners (linli_project_get_partners (project));
  linli_partners_copy_from (expected, linli_project_get_partners (project));
  g_assert_true (linli_partner_csv_read (list, project, expected, path, NULL, TRUE, NULL, NULL,
                                         &error));
  g_assert_no_error (error);
  want = linli_test_dump_partners (expected);

  g_assert_false (linli_partner_csv_import (list, history, bad_path, NULL, TRUE, NULL, NULL,
                                            &error));
  g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (linli_history_get_can_undo (history));

  g_assert_true (linli_partner_csv_import (list, history, path, NULL, TRUE, &added, &changed,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, n_added);
  g_assert_cmpuint (changed, ==, 0);
  after = linli_test_dump_partners (linli_project_get_partners (project));
  g_assert_cmpstr (after, ==, want);
  linli_history_undo (history);
  undone = linli_test_dump_partners (linli_project_get_partners (project));
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (linli_history_get_can_undo (history));
  linli_history_redo (history);
  redone = linli_test_dump_partners (linli_project_get_partners (project));
  g_assert_cmpstr (redone, ==, want);
  g_unlink (path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

/* Units into a project, a category added with them. */
static void
test_import_undo (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();

  check_import_undo (project, LINLI_PARTNER_LIST_UNITS,
                     "名称,类型,经度,纬度,类别,容量,周期,计量单位\n"
                     "第二中学,学校,120.14,30.30,tutoring,10,月,小时\n"
                     "第二中学,学校,120.14,30.30,venue,4,周,场次\n"
                     "浙江医院,医院,120.15,30.31,体检服务,6,季度,\n"
                     "湖墅物业,物业,,,,,,\n",
                     "名称,类型\n甲,飞船\n", 3);
}

/* Needs lists */

/* Two communities, a compound name both have, a compound of its own in
 * the first and a grid in it. */
static LinliProject *
needs_project (void)
{
  LinliProject *project = linli_project_new ();
  g_autoptr (LinliPolygon) polygon = linli_polygon_new_rectangle (30.29, 120.13, 30.31, 120.16);
  LinliGridState st = { .id = "g1", .code = "330105001001", .name = "第一网格", .community = 0,
                        .polygon = polygon };
  g_autoptr (LinliGrid) grid = linli_grid_new (&st);

  linli_project_add_community (project, "c0", "拱宸桥社区");
  linli_project_add_community (project, "c1", "大关社区");
  linli_project_add_compound (project, "k0", "和睦新村", 0);
  linli_project_add_compound (project, "k1", "和睦新村", 1);
  linli_project_add_compound (project, "k2", "大关西苑", 1);
  linli_grids_insert (linli_project_get_grids (project), 0, grid);
  return project;
}

static void
write_file (const char *path,
            const char *text)
{
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
assert_need (LinliPartners         *p,
             guint                  i,
             LinliPartnerPlaceKind  kind,
             const char            *place,
             const char            *category,
             double                 quantity,
             LinliPartnerPeriod     period,
             guint                  priority,
             const char            *note)
{
  const LinliPartnerNeed *n = linli_partners_get_need (p, i);

  g_assert_cmpint (n->place_kind, ==, kind);
  g_assert_cmpstr (n->place, ==, place);
  g_assert_cmpstr (n->category, ==, category);
  g_assert_cmpfloat (n->quantity, ==, quantity);
  g_assert_cmpint (n->period, ==, period);
  g_assert_cmpuint (n->priority, ==, priority);
  g_assert_cmpstr (n->note, ==, note);
}

static const char needs_zh[] =
  "社区,小区,网格,类别,数量,周期,优先级,备注\n"
  "拱宸桥社区,,,volunteers,40,月,80,周末\n"
  "大关社区,和睦新村,,Tutoring,12,周,高,\n"
  ",大关西苑,,legal-advice,2.5,,中,\"a, \"\"quoted\"\" note\"\n"
  "拱宸桥社区,,第一网格,elderly-care,6,季度,,\n"
  "\n"
  ",,330105001001,venue,,年,3,\n";

/* The places of every kind and each way of naming them; Chinese, English
 * with a byte-order mark, GBK; read again nothing changes. */
static void
test_needs_good (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-partner-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "needs.csv", NULL);
  g_autoptr (LinliProject) project = needs_project ();
  g_autoptr (GError) error = NULL;
  guint added = 0, changed = 0;

  {
    g_autoptr (LinliPartners) p = linli_partners_new ();
    g_autofree char *dump = NULL, *again = NULL, *gbk_dump = NULL;
    g_autofree char *gbk = NULL;
    gsize gbk_len = 0;

    write_file (path, needs_zh);
    g_assert_true (needs_read (project, p, path, NULL, FALSE, &added, &changed, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (added, ==, 5);
    g_assert_cmpuint (changed, ==, 0);
    g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS), ==, 5);
    assert_need (p, 0, LINLI_PARTNER_PLACE_COMMUNITY, "c0", "volunteers", 40,
                 LINLI_PARTNER_PERIOD_MONTH, 80, "周末");
    /* 和睦新村 of the community given, not the other one. */
    assert_need (p, 1, LINLI_PARTNER_PLACE_COMPOUND, "k1", "tutoring", 12,
                 LINLI_PARTNER_PERIOD_WEEK, 90, NULL);
    assert_need (p, 2, LINLI_PARTNER_PLACE_COMPOUND, "k2", "legal-advice", 2.5,
                 LINLI_PARTNER_PERIOD_MONTH, 50, "a, \"quoted\" note");
    assert_need (p, 3, LINLI_PARTNER_PLACE_GRID, "g1", "elderly-care", 6,
                 LINLI_PARTNER_PERIOD_QUARTER, 1, NULL);
    assert_need (p, 4, LINLI_PARTNER_PLACE_GRID, "g1", "venue", 1, LINLI_PARTNER_PERIOD_YEAR, 3,
                 NULL);
    dump = linli_test_dump_partners (p);
    g_assert_true (needs_read (project, p, path, NULL, FALSE, &added, &changed, &error));
    g_assert_cmpuint (added + changed, ==, 0);
    again = linli_test_dump_partners (p);
    g_assert_cmpstr (again, ==, dump);

    /* The same file in GBK reads the same. */
    {
      g_autoptr (LinliPartners) q = linli_partners_new ();

      gbk = g_convert (needs_zh, -1, "GBK", "UTF-8", NULL, &gbk_len, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (path, gbk, gbk_len, NULL));
      g_assert_true (needs_read (project, q, path, NULL, FALSE, &added, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (added, ==, 5);
      gbk_dump = linli_test_dump_partners (q);
      g_assert_cmpstr (gbk_dump, ==, dump);
    }
  }

  /* English headers after a byte-order mark, a place with its type, a
   * place without one, ids; then a changed quantity changes one need. */
  {
    g_autoptr (LinliPartners) p = linli_partners_new ();
    const char *csv =
      "\xEF\xBB\xBFId;Place;Place type;Community;Category;Quantity;Priority;Note\n"
      "n7;大关社区;community;;Volunteers;3;HIGH;\n"
      "n8;第一网格;;;venue;1;low;x\n"
      "n9;k0;小区;;venue;2;100;\n";

    write_file (path, csv);
    g_assert_true (needs_read (project, p, path, NULL, FALSE, &added, &changed, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (added, ==, 3);
    g_assert_cmpstr (linli_partners_get_need (p, 0)->id, ==, "n7");
    assert_need (p, 0, LINLI_PARTNER_PLACE_COMMUNITY, "c1", "volunteers", 3,
                 LINLI_PARTNER_PERIOD_MONTH, 90, NULL);
    assert_need (p, 1, LINLI_PARTNER_PLACE_GRID, "g1", "venue", 1,
                 LINLI_PARTNER_PERIOD_MONTH, 10, "x");
    assert_need (p, 2, LINLI_PARTNER_PLACE_COMPOUND, "k0", "venue", 2,
                 LINLI_PARTNER_PERIOD_MONTH, 100, NULL);
    write_file (path, "编号,地点,类别,数量\nn8,第一网格,venue,4\n");
    g_assert_true (needs_read (project, p, path, NULL, FALSE, &added, &changed, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (added, ==, 0);
    g_assert_cmpuint (changed, ==, 1);
    assert_need (p, 1, LINLI_PARTNER_PLACE_GRID, "g1", "venue", 4,
                 LINLI_PARTNER_PERIOD_MONTH, 1, NULL);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* Each kind of bad row refuses the file with its line and reason, and the
 * lists stay as they were. */
static void
test_needs_bad_rows (void)
{
  static const struct
  {
    const char *rows;   /* after the header 社区,小区,网格,地点,地点类型,类别,数量,周期,优先级 */
    guint       line;
    const char *reason;
  } cases[] = {
    { "拱宸桥社区,,,,,venue,1,,\n石桥社区,,,,,venue,1,,\n", 3, "no community “石桥社区”" },
    { ",,,,,venue,1,,\n", 2, "the need has no place" },
    { ",和睦新村,,,,venue,1,,\n", 2, "names several places" },
    { "拱宸桥社区,大关西苑,,,,venue,1,,\n", 2, "community “拱宸桥社区” has no compound “大关西苑”" },
    { "大关社区,,第一网格,,,venue,1,,\n", 2, "community “大关社区” has no grid “第一网格”" },
    { "大关社区,,,第一网格,,venue,1,,\n", 2, "has no compound or grid “第一网格”" },
    { ",,,石桥,,venue,1,,\n", 2, "no community, compound or grid “石桥”" },
    { ",,,第一网格,楼栋,venue,1,,\n", 2, "unknown place type “楼栋”" },
    { ",,,拱宸桥社区,小区,venue,1,,\n", 2, "the project has no compound “拱宸桥社区”" },
    { "大关社区,,,,,no-such-category,1,,\n", 2, "unknown category “no-such-category”" },
    { "大关社区,,,,,,1,,\n", 2, "the need has no category" },
    { "大关社区,,,,,venue,0,,\n", 2, "quantity “0”" },
    { "大关社区,,,,,venue,-3,,\n", 2, "quantity “-3”" },
    { "大关社区,,,,,venue,许多,,\n", 2, "quantity “许多”" },
    { "大关社区,,,,,venue,1,每天,\n", 2, "unknown period “每天”" },
    { "大关社区,,,,,venue,1,,0\n", 2, "priority “0”" },
    { "大关社区,,,,,venue,1,,101\n", 2, "priority “101”" },
    { "大关社区,,,,,venue,1,,紧急\n", 2, "priority “紧急”" },
    { "大关社区,,,,,venue,1,,\n\n大关社区,,,,,venue,2,,\n", 4, "line 2 gives the same place" },
    { "大关社区,,,,,venue,1,,\n\"a\n", 3, "" },
  };
  g_autofree char *dir = g_dir_make_tmp ("test-partner-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "needs.csv", NULL);
  g_autoptr (LinliProject) project = needs_project ();
  g_autoptr (LinliPartners) p = linli_partners_new ();
  g_autofree char *before = NULL;

  write_file (path, "社区,类别,数量\n拱宸桥社区,venue,5\n");
  g_assert_true (needs_read (project, p, path, NULL, FALSE, NULL, NULL, NULL));
  before = linli_test_dump_partners (p);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *csv = g_strconcat ("社区,小区,网格,地点,地点类型,类别,数量,周期,优先级\n",
                                          cases[i].rows, NULL);
      g_autofree char *where = g_strdup_printf ("%s:%u: ", path, cases[i].line);
      g_autofree char *after = NULL;
      g_autoptr (GError) error = NULL;

      write_file (path, csv);
      g_assert_false (needs_read (project, p, path, NULL, FALSE, NULL, NULL, &error));
      g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, where) || !strstr (error->message, cases[i].reason))
        g_error ("case %u: “%s” is not “%s…%s”", i, error->message, where, cases[i].reason);
      after = linli_test_dump_partners (p);
      g_assert_cmpstr (after, ==, before);
    }

  /* Headers and files refused as a whole. */
  {
    static const struct
    {
      const char *csv;
      const char *reason;
    } files[] = {
      { "", ".csv: the file is empty" },
      { "社区,数量\n大关社区,1\n", ":1: no column of categories" },
      { "社区,类别,Category\n", ":1: two columns are “Category”" },
      { "社区,类别\n\n \n", ".csv: the file lists no need" },
      { "编号,社区,类别\nx,大关社区,venue\nx,拱宸桥社区,venue\n", ":3: need “x” is given on line 2" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autoptr (GError) error = NULL;

        write_file (path, files[i].csv);
        g_assert_false (needs_read (project, p, path, NULL, FALSE, NULL, NULL, &error));
        g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
        if (!strstr (error->message, files[i].reason))
          g_error ("file %u: “%s” does not say “%s”", i, error->message, files[i].reason);
      }
  }

  /* An unknown category is added when asked, under the name the file gives. */
  {
    guint n_categories = linli_partners_get_n (p, LINLI_PARTNER_LIST_CATEGORIES);
    const LinliPartnerCategory *c;
    g_autoptr (GError) error = NULL;

    write_file (path, "社区,类别\n大关社区,垃圾分类\n");
    g_assert_true (needs_read (project, p, path, NULL, TRUE, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_CATEGORIES), ==,
                      n_categories + 1);
    c = linli_partners_get_category (p, n_categories);
    g_assert_cmpstr (c->name, ==, "垃圾分类");
    g_assert_cmpstr (linli_partners_get_need (p, 1)->category, ==, c->id);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* Which rows replace which needs: by id, else the one need of the same
 * place and category; several such needs refuse a row without id. */
static void
test_needs_duplicates (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-partner-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "needs.csv", NULL);
  g_autoptr (LinliProject) project = needs_project ();
  g_autoptr (LinliPartners) p = linli_partners_new ();
  g_autoptr (GError) error = NULL;
  LinliPartnerNeed twin = { (char *) "twin", LINLI_PARTNER_PLACE_COMMUNITY, (char *) "c1",
                            (char *) "tutoring", 1, 1, NULL, LINLI_PARTNER_PERIOD_MONTH };
  g_autofree char *first = NULL, *with_ids = NULL;
  guint added = 0, changed = 0;

  write_file (path, "社区,类别,数量\n大关社区,tutoring,5\n大关社区,venue,1\n");
  g_assert_true (needs_read (project, p, path, NULL, FALSE, &added, &changed, &error));
  g_assert_cmpuint (added, ==, 2);
  first = g_strdup (linli_partners_get_need (p, 0)->id);
  /* Same place and category: the need changes, keeping its id. */
  write_file (path, "社区,类别,数量\n大关社区,tutoring,7\n");
  g_assert_true (needs_read (project, p, path, NULL, FALSE, &added, &changed, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS), ==, 2);
  g_assert_cmpstr (linli_partners_get_need (p, 0)->id, ==, first);
  g_assert_cmpfloat (linli_partners_get_need (p, 0)->quantity, ==, 7);
  /* Two rows of one place and category with ids: both, as asked. */
  with_ids = g_strdup_printf ("编号,社区,类别\n%s,大关社区,tutoring\nx2,大关社区,tutoring\n",
                              first);
  write_file (path, with_ids);
  g_assert_true (needs_read (project, p, path, NULL, FALSE, &added, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  /* Now a row without id cannot tell which of the two it means. */
  linli_partners_insert (p, LINLI_PARTNER_LIST_NEEDS, 0, &twin);
  write_file (path, "社区,类别\n大关社区,tutoring\n");
  g_assert_false (needs_read (project, p, path, NULL, FALSE, NULL, NULL, &error));
  g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ":2: the lists hold several needs"));
  g_unlink (path);
  g_rmdir (dir);
}

static glong
peak_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Hostile files: a huge field, NUL bytes, a million rows — refused with
 * the line, quickly and in little memory, the lists untouched. */
static void
test_needs_hostile (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-partner-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "needs.csv", NULL);
  g_autoptr (LinliProject) project = needs_project ();
  g_autoptr (LinliPartners) p = linli_partners_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("社区,类别,备注\n大关社区,venue,");
  g_autofree char *where = NULL;
  guint n_rows = MAX (linli_test_cases (1000000), LINLI_PARTNER_CSV_MAX_ROWS + 10);
  gint64 start;
  glong peak;

  /* A note of 100,000 characters. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (csv, 'x');
  g_string_append (csv, "\n");
  write_file (path, csv->str);
  g_assert_false (needs_read (project, p, path, NULL, FALSE, NULL, NULL, &error));
  g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, ":2:"));
  g_clear_error (&error);

  /* NUL bytes inside a row. */
  {
    static const char nul[] = "社区,类别\n大关社区,venue\n大关\0社区,venue\n";

    g_assert_true (g_file_set_contents (path, nul, sizeof nul - 1, NULL));
    g_assert_false (needs_read (project, p, path, NULL, FALSE, NULL, NULL, &error));
    g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, path));
    g_clear_error (&error);
  }
  g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS), ==, 0);

  /* A million good rows (fewer in the sanitizer build, but always more
   * than a list may have): refused at the first row too many. */
  g_string_assign (csv, "编号,社区,类别,数量\n");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "n%u,大关社区,venue,%u\n", i, i % 50 + 1);
  write_file (path, csv->str);
  g_string_free (g_steal_pointer (&csv), TRUE);
  peak = peak_kib ();
  start = g_get_monotonic_time ();
  g_assert_false (needs_read (project, p, path, NULL, FALSE, NULL, NULL, &error));
  g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
  where = g_strdup_printf ("%s:%u: more than %u rows", path, LINLI_PARTNER_CSV_MAX_ROWS + 2,
                           LINLI_PARTNER_CSV_MAX_ROWS);
  if (!g_str_has_prefix (error->message, where))
    g_error ("“%s” does not start with “%s”", error->message, where);
  g_clear_error (&error);
  g_test_message ("%u rows refused in %.2f s, peak memory up %ld KiB", n_rows,
                  (g_get_monotonic_time () - start) / 1e6, peak_kib () - peak);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_assert_cmpint (peak_kib () - peak, <, 256 * 1024);
  g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS), ==, 0);

  /* The units reader shares the limit. */
  csv = g_string_new ("名称\n");
  for (guint i = 0; i <= LINLI_PARTNER_CSV_MAX_ROWS; i++)
    g_string_append_printf (csv, "u%u\n", i);
  write_file (path, csv->str);
  g_assert_false (linli_partner_units_csv_read (p, path, FALSE, NULL, NULL, &error));
  g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, where));
  g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS), ==, 0);
  g_unlink (path);
  g_rmdir (dir);
}

/* Needs into a project: one undo step removes every need imported (and
 * the category added with them). */
static void
test_needs_import_undo (void)
{
  g_autoptr (LinliProject) project = needs_project ();
  g_autofree char *csv = g_strconcat (needs_zh, "大关社区,,,垃圾分类,2,,,\n", NULL);

  check_import_undo (project, LINLI_PARTNER_LIST_NEEDS, csv,
                     "社区,类别\n大关社区,venue\n石桥社区,venue\n", 6);
}

/* A refused file lists its bad rows, each with its line and reason, ten
 * at most and how many more; units and needs alike. */
static void
test_refused_rows_listed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-partner-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "list.csv", NULL);
  g_autoptr (LinliProject) project = needs_project ();
  g_autoptr (LinliPartners) p = linli_partners_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("社区,类别,数量\n");
  g_auto (GStrv) lines = NULL;

  write_file (path, "社区,类别,数量\n石桥社区,venue,1\n大关社区,venue,1\n"
                    "大关社区,tutoring,0\n拱宸桥社区,no-such,1\n");
  g_assert_false (needs_read (project, p, path, NULL, FALSE, NULL, NULL, &error));
  g_assert_error (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *where = g_strdup_printf ("%s:%u: ", path, (guint[]) { 2, 4, 5 }[i]);

      if (!g_str_has_prefix (lines[i], where))
        g_error ("“%s” does not start with “%s”", lines[i], where);
    }
  g_assert_nonnull (strstr (lines[0], "石桥社区"));
  g_assert_nonnull (strstr (lines[1], "quantity “0”"));
  g_assert_nonnull (strstr (lines[2], "no-such"));
  g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&lines, g_strfreev);

  /* Twelve bad rows: ten said, two counted. */
  for (guint i = 0; i < 12; i++)
    g_string_append_printf (csv, "社区%u,venue,1\n", i);
  write_file (path, csv->str);
  g_assert_false (needs_read (project, p, path, NULL, FALSE, NULL, NULL, &error));
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 11);
  g_assert_true (g_str_has_prefix (lines[9], path));
  g_assert_nonnull (strstr (lines[9], ":11: "));
  g_assert_cmpstr (lines[10], ==, "… and 2 more rows refused");
  g_clear_error (&error);
  g_clear_pointer (&lines, g_strfreev);

  /* Units: a bad type and a bad capacity, both said. */
  write_file (path, "名称,类型,类别,容量\n甲,飞船,venue,1\n乙,学校,venue,1\n丙,学校,venue,-1\n");
  g_assert_false (linli_partner_units_csv_read (p, path, FALSE, NULL, NULL, &error));
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_nonnull (strstr (lines[0], ":2: unknown unit type “飞船”"));
  g_assert_nonnull (strstr (lines[1], ":4: capacity “-1”"));
  g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS), ==, 0);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partner-csv/round-trip", test_round_trip);
  g_test_add_func ("/partner-csv/import-undo", test_import_undo);
  g_test_add_func ("/partner-csv/needs/good", test_needs_good);
  g_test_add_func ("/partner-csv/needs/bad-rows", test_needs_bad_rows);
  g_test_add_func ("/partner-csv/needs/duplicates", test_needs_duplicates);
  g_test_add_func ("/partner-csv/needs/hostile", test_needs_hostile);
  g_test_add_func ("/partner-csv/needs/import-undo", test_needs_import_undo);
  g_test_add_func ("/partner-csv/refused-rows-listed", test_refused_rows_listed);
  return g_test_run ();
}
