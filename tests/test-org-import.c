/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-org-import"

#include "config.h"

#include <string.h>

#include "linli-format.h"
#include "linli-history.h"
#include "linli-org-import.h"
#include "linli-org.h"

/* CSV lists of the organisation: columns guessed from headers, references
 * by id or name, one undo step, and the project untouched on error. */

static LinliProject *
base_project (void)
{
  LinliProject *project = linli_project_new ();

  linli_project_add_community (project, "c0", "拱宸桥社区");
  linli_project_add_community (project, "c1", "大关社区");
  linli_project_add_compound (project, "k0", "和睦新村", 0);
  linli_project_add_compound (project, "k1", "小河佳苑", 1);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("B%u", i);
      g_autofree char *name = g_strdup_printf ("%u幢", i % 3 + 1);   /* 1幢 2幢 3幢 in each compound */
      LinliBuilding b = { .id = id, .name = name, .compound = i / 3, .lat = 30.3 + 0.001 * i, .lon = 120.1,
                          .households = 30, .residents = 80, .party_members = 2 };

      linli_project_add_building (project, &b, NULL, 0);
    }
  return project;
}

static gboolean
import (LinliHistory  *history,
        LinliOrgList   list,
        const char    *csv,
        GError       **error)
{
  g_autoptr (LinliCsvTable) table = linli_csv_table_parse (csv, strlen (csv), "list.csv", ',', error);
  LinliOrgMapping mapping;

  if (table == NULL)
    return FALSE;
  linli_org_mapping_guess (&mapping, list, table);
  return linli_org_import_csv (history, list, table, &mapping, NULL, error);
}

static char *
saved (LinliProject *project)
{
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_guess (void)
{
  const char *csv = "支部编号,支部名称,类型,所属小区,所属网格,支部书记,党员人数\n";
  g_autoptr (LinliCsvTable) table = linli_csv_table_parse (csv, strlen (csv), "b.csv", ',', NULL);
  LinliOrgMapping m;

  linli_org_mapping_guess (&m, LINLI_ORG_LIST_BRANCHES, table);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_ID], ==, 0);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_NAME], ==, 1);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_KIND], ==, 2);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_COMPOUND], ==, 3);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_GRID], ==, 4);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_SECRETARY], ==, 5);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_MEMBERS], ==, 6);
}

static void
test_lists (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliOrg *org = linli_project_get_org (project);
  g_autoptr (GError) error = NULL;
  LinliBranch *branch;
  LinliPartyGroup *group;
  LinliMemberHousehold *household;
  const guint *buildings;
  guint n;

  g_assert_true (import (history, LINLI_ORG_LIST_COMMITTEES, "社区,书记\n大关社区,张三\nc0,李四\n", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (linli_org_get_secretary (org, 1), ==, "张三");
  g_assert_cmpstr (linli_org_get_secretary (org, 0), ==, "李四");

  g_assert_true (import (history, LINLI_ORG_LIST_BRANCHES,
                         "id,name,kind,compound,secretary,members\n"
                         "b1,和睦支部,小区,和睦新村,王五,12\n"
                         "b2,小河支部,compound,k1,,\"３\"\n", &error));
  g_assert_no_error (error);
  branch = linli_org_find_branch (org, "b1", NULL);
  g_assert_nonnull (branch);
  g_assert_cmpint (linli_branch_get_kind (branch), ==, LINLI_BRANCH_COMPOUND);
  g_assert_cmpuint (linli_branch_get_compound (branch), ==, 0);
  g_assert_cmpstr (linli_branch_get_secretary (branch), ==, "王五");
  g_assert_cmpuint (linli_branch_get_members (branch), ==, 12);
  g_assert_cmpuint (linli_branch_get_members (linli_org_find_branch (org, "b2", NULL)), ==, 3);
  g_assert_null (linli_branch_get_secretary (linli_org_find_branch (org, "b2", NULL)));

  /* Buildings by id, or by name within the row's compound. */
  g_assert_true (import (history, LINLI_ORG_LIST_GROUPS,
                         "编号,所属支部,组长,小区,楼栋\n"
                         "pg1,和睦支部,赵六,和睦新村,1幢、2幢\n"
                         "pg2,b2,,,B5\n", &error));
  g_assert_no_error (error);
  group = linli_org_find_group (org, "pg1", NULL);
  buildings = linli_party_group_get_buildings (group, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (buildings[0], ==, 0);
  g_assert_cmpuint (buildings[1], ==, 1);
  g_assert_cmpstr (linli_party_group_get_branch (group), ==, "b1");
  g_assert_cmpstr (linli_party_group_get_branch (linli_org_find_group (org, "pg2", NULL)), ==, "b2");

  g_assert_true (import (history, LINLI_ORG_LIST_HOUSEHOLDS,
                         "户主姓名,小区,所在楼栋,单元房号\n钱七,小河佳苑,2幢,1-101\n", &error));
  g_assert_no_error (error);
  household = g_list_model_get_item (linli_org_get_households (org), 0);
  g_assert_cmpuint (linli_member_household_get_building (household), ==, 4);
  g_assert_cmpstr (linli_member_household_get_room (household), ==, "1-101");
  g_assert_cmpstr (linli_member_household_get_name (household), ==, "钱七");
  g_object_unref (household);

  /* A second import of a row with a known id changes it; one undo gives it back. */
  g_assert_true (import (history, LINLI_ORG_LIST_BRANCHES, "id,compound,members\nb1,k0,13\n", &error));
  g_assert_cmpuint (linli_branch_get_members (branch), ==, 13);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Import Branches");
  g_assert_true (linli_history_undo (history));
  g_assert_cmpuint (linli_branch_get_members (branch), ==, 12);

  /* Each import is one step: four undos empty the chain. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (linli_history_undo (history));
  g_assert_true (linli_org_is_empty (org));
}

typedef struct
{
  LinliOrgList list;
  const char  *csv;
  const char  *message;   /* with the file and line */
} BadCase;

static const BadCase bad_cases[] = {
  { LINLI_ORG_LIST_COMMITTEES, "社区,书记\n东新社区,张三\n", "list.csv:2: there is no community “东新社区”" },
  { LINLI_ORG_LIST_COMMITTEES, "社区,书记\nc0,张三\nc0,李四\n", "list.csv:3: a second row for the same community" },
  { LINLI_ORG_LIST_COMMITTEES, "书记\n张三\n", "list.csv: no column is chosen for “Community”" },
  { LINLI_ORG_LIST_BRANCHES, "id,kind,compound\nb1,街道,k0\n", "list.csv:2: kind “街道” is neither" },
  { LINLI_ORG_LIST_BRANCHES, "id,kind,compound\nb1,小区,\n", "list.csv:2: a compound branch needs its compound" },
  { LINLI_ORG_LIST_BRANCHES, "id,compound\nb1,k0\nb1,k1\n", "list.csv:3: id “b1” comes twice" },
  { LINLI_ORG_LIST_BRANCHES, "id,compound,members\nb1,k0,-2\n", "list.csv:2: members: “-2”" },
  { LINLI_ORG_LIST_BRANCHES, "id,compound,members\nb1,k0,100001\n", "list.csv:2: members: “100001”" },
  { LINLI_ORG_LIST_BRANCHES, "id,compound,grid\nb1,,g9\n", "list.csv:2: there is no grid “g9”" },
  { LINLI_ORG_LIST_GROUPS, "id,楼栋\np,1幢\n", "list.csv:2: several buildings are called “1幢”" },
  { LINLI_ORG_LIST_GROUPS, "id,楼栋\np,B1 B9\n", "list.csv:2: there is no building “B9”" },
  { LINLI_ORG_LIST_GROUPS, "id,楼栋\np,B1、B1\n", "list.csv:2: building “B1” is listed twice" },
  { LINLI_ORG_LIST_GROUPS, "id,branch\np,b404\n", "list.csv:2: there is no branch “b404”" },
  { LINLI_ORG_LIST_HOUSEHOLDS, "姓名,楼栋\n钱七,\n", "list.csv:2: no building given" },
  { LINLI_ORG_LIST_HOUSEHOLDS, "姓名\n钱七\n", "list.csv: no column is chosen for “Building”" },
};

static void
test_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr (LinliProject) project = base_project ();
      g_autoptr (LinliHistory) history = linli_history_new (project);
      g_autoptr (GError) error = NULL;
      g_autofree char *before = NULL, *after = NULL;

      /* Something already there, which the failed import must leave alone. */
      g_assert_true (import (history, LINLI_ORG_LIST_BRANCHES, "id,compound\nb0,k0\n", NULL));
      before = saved (project);
      if (import (history, bad_cases[i].list, bad_cases[i].csv, &error))
        g_error ("case %u was accepted", i);
      g_assert_error (error, LINLI_ORG_ERROR, LINLI_ORG_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, bad_cases[i].message))
        g_error ("case %u: wanted “%s…”, got “%s”", i, bad_cases[i].message, error->message);
      after = saved (project);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Import Branches");
    }
}

static void
test_long_name (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (GError) error = NULL;
  GString *csv = g_string_new ("id,compound,secretary\nb1,k0,");

  for (guint i = 0; i < 1025; i++)
    g_string_append (csv, "党");
  g_string_append_c (csv, '\n');
  g_assert_false (import (history, LINLI_ORG_LIST_BRANCHES, csv->str, &error));
  g_assert_error (error, LINLI_ORG_ERROR, LINLI_ORG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Secretary is longer than 1024 characters"));
  g_assert_true (linli_org_is_empty (linli_project_get_org (project)));
  g_string_free (csv, TRUE);
}

/* --column: headers or numbers, fields of the list only; and the
 * report counts rows whose id is in the project as changed, the others
 * as added, against the project's lists before and after. */
static void
test_parse_and_report (void)
{
  const char *csv = "代号,小区,人\nb0,k0,1\n\nb1,k1,2\nb2,k0,3\n";
  g_autoptr (LinliCsvTable) table = linli_csv_table_parse (csv, strlen (csv), "b.csv", ',', NULL);
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  GListModel *branches = linli_org_get_branches (linli_project_get_org (project));
  g_autoptr (GError) error = NULL;
  LinliOrgImportReport report;
  LinliOrgMapping m;
  guint before;

  linli_org_mapping_guess (&m, LINLI_ORG_LIST_BRANCHES, table);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_ID], ==, -1);
  g_assert_true (linli_org_mapping_parse (&m, LINLI_ORG_LIST_BRANCHES, table, "id=代号", &error));
  g_assert_true (linli_org_mapping_parse (&m, LINLI_ORG_LIST_BRANCHES, table, "members=#3", &error));
  g_assert_no_error (error);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_ID], ==, 0);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_MEMBERS], ==, 2);
  g_assert_true (linli_org_mapping_parse (&m, LINLI_ORG_LIST_BRANCHES, table, "members=none", &error));
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_MEMBERS], ==, -1);
  g_assert_true (linli_org_mapping_parse (&m, LINLI_ORG_LIST_BRANCHES, table, "members=3", &error));

  /* A field of another list, an unknown column, no '='. */
  g_assert_false (linli_org_mapping_parse (&m, LINLI_ORG_LIST_BRANCHES, table, "leader=1", &error));
  g_assert_error (error, LINLI_ORG_ERROR, LINLI_ORG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (linli_org_mapping_parse (&m, LINLI_ORG_LIST_BRANCHES, table, "id=编号", &error));
  g_assert_nonnull (strstr (error->message, "b.csv has no column “编号”"));
  g_clear_error (&error);
  g_assert_false (linli_org_mapping_parse (&m, LINLI_ORG_LIST_BRANCHES, table, "id", &error));
  g_clear_error (&error);
  g_assert_cmpint (m.columns[LINLI_ORG_FIELD_ID], ==, 0);

  g_assert_true (import (history, LINLI_ORG_LIST_BRANCHES, "id,compound\nb0,k0\n", NULL));
  before = g_list_model_get_n_items (branches);
  g_assert_true (linli_org_import_csv (history, LINLI_ORG_LIST_BRANCHES, table, &m, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_rows, ==, linli_csv_table_get_n_rows (table));
  g_assert_cmpuint (report.n_entries, ==, 3);
  g_assert_cmpuint (report.n_added, ==, g_list_model_get_n_items (branches) - before);
  g_assert_cmpuint (report.n_changed, ==, report.n_entries - report.n_added);
  g_assert_cmpuint (linli_branch_get_members (linli_org_find_branch (linli_project_get_org (project), "b0", NULL)),
                    ==, 1);
}

/* Full-width separators split a group's buildings at characters, not at
 * bytes: the names here share bytes with "，" and "；" (楼 ends in 0xBC). */
static void
test_wide_separators (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  g_autoptr (LinliHistory) history = NULL;
  g_autoptr (GError) error = NULL;
  static const char *const names[] = { "1号楼", "2号楼", "3号楼", "东楼" };
  const guint *buildings;
  guint n;

  linli_project_add_community (project, "c0", "社区");
  linli_project_add_compound (project, "k0", "小区", 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("B%u", i);
      LinliBuilding b = { .id = id, .name = (char *) names[i], .compound = 0, .lat = 30.3 + 0.001 * i,
                          .lon = 120.1, .households = 30, .residents = 80, .party_members = 2 };

      linli_project_add_building (project, &b, NULL, 0);
    }
  history = linli_history_new (project);
  g_assert_true (import (history, LINLI_ORG_LIST_GROUPS, "id,楼栋\np,1号楼、2号楼，3号楼；东楼\n", &error));
  g_assert_no_error (error);
  buildings = linli_party_group_get_buildings (linli_org_find_group (linli_project_get_org (project), "p", NULL),
                                               &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (linli_project_get_building (project, buildings[i])->name, ==, names[i]);
}

/* The check reads as the import does, and changes nothing: on every bad
 * case it gives the import's error; on good lists the import's counts. */
static void
test_check_as_import (void)
{
  static const struct
  {
    LinliOrgList list;
    const char  *csv;
  } good[] = {
    { LINLI_ORG_LIST_COMMITTEES, "社区,书记\n大关社区,张三\nc0,李四\n" },
    { LINLI_ORG_LIST_BRANCHES, "id,compound,members\nb0,k0,4\nb9,k1,2\n\nb8,k1,1\n" },
    { LINLI_ORG_LIST_GROUPS, "id,小区,楼栋\npg1,k0,1幢、2幢\npg2,,B5\n" },
    { LINLI_ORG_LIST_HOUSEHOLDS, "id,姓名,楼栋\nh1,钱七,B0\nh2,孙八,B4\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases) + G_N_ELEMENTS (good); i++)
    {
      gboolean is_bad = i < G_N_ELEMENTS (bad_cases);
      LinliOrgList list = is_bad ? bad_cases[i].list : good[i - G_N_ELEMENTS (bad_cases)].list;
      const char *csv = is_bad ? bad_cases[i].csv : good[i - G_N_ELEMENTS (bad_cases)].csv;
      g_autoptr (LinliCsvTable) table = linli_csv_table_parse (csv, strlen (csv), "list.csv", ',', NULL);
      g_autoptr (LinliProject) project = base_project ();
      g_autoptr (LinliHistory) history = linli_history_new (project);
      g_autoptr (GError) check_error = NULL, import_error = NULL;
      g_autofree char *before = NULL, *after = NULL;
      LinliOrgImportReport checked, imported;
      LinliOrgMapping mapping;
      gboolean would, did;

      g_assert_true (import (history, LINLI_ORG_LIST_BRANCHES, "id,compound\nb0,k0\n", NULL));
      linli_org_mapping_guess (&mapping, list, table);
      before = saved (project);
      {
        g_autoptr (LinliOrgIndex) index = linli_org_index_new (project);
        would = linli_org_import_check (index, list, table, &mapping, &checked, NULL, &check_error);
      }
      after = saved (project);
      g_assert_cmpstr (before, ==, after);
      did = linli_org_import_csv (history, list, table, &mapping, &imported, &import_error);
      g_assert_cmpint (would, ==, did);
      g_assert_cmpint (did, ==, !is_bad);
      if (is_bad)
        {
          g_assert_cmpstr (check_error->message, ==, import_error->message);
          g_assert_error (check_error, LINLI_ORG_ERROR, LINLI_ORG_ERROR_INVALID);
          /* A missing column fails the file, not a row. */
          g_assert_cmpuint (checked.n_invalid, ==, g_str_has_prefix (check_error->message, "list.csv: ") ? 0 : 1);
          continue;
        }
      g_assert_no_error (check_error);
      g_assert_cmpuint (checked.n_invalid, ==, 0);
      g_assert_cmpuint (checked.n_rows, ==, imported.n_rows);
      g_assert_cmpuint (checked.n_entries, ==, imported.n_entries);
      g_assert_cmpuint (checked.n_added, ==, imported.n_added);
      g_assert_cmpuint (checked.n_changed, ==, imported.n_changed);
    }
}

/* Each row's reason: what importing that row alone says (without its file
 * and line), none for a row that imports alone; an id given twice fails
 * on its second row only.  Every row is read, past the first failure. */
static void
test_check_reasons (void)
{
  static const char *const header = "id,kind,compound,grid,members";
  static const char *const rows[] = {
    "b1,小区,k0,,3", "b2,街道,k0,,3", "b3,小区,,,3", "b4,小区,k1,,-1", "b5,网格,,g9,", "b6,,和睦新村,,2",
    "b1,小区,k1,,1",
  };
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliOrgIndex) index = linli_org_index_new (project);
  g_autoptr (GString) csv = g_string_new (header);
  g_autoptr (LinliCsvTable) table = NULL;
  g_autoptr (GPtrArray) reasons = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = saved (project);
  g_autofree char *after = NULL;
  LinliOrgImportReport report;
  LinliOrgMapping mapping;
  guint n_failing = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_string_append_printf (csv, "\n%s", rows[i]);
  table = linli_csv_table_parse (csv->str, csv->len, "list.csv", ',', NULL);
  linli_org_mapping_guess (&mapping, LINLI_ORG_LIST_BRANCHES, table);
  g_assert_false (linli_org_import_check (index, LINLI_ORG_LIST_BRANCHES, table, &mapping, &report, &reasons,
                                          &error));
  g_assert_cmpuint (reasons->len, ==, G_N_ELEMENTS (rows));
  g_assert_cmpuint (report.n_entries, ==, G_N_ELEMENTS (rows));

  for (guint i = 0; i + 1 < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *alone = g_strdup_printf ("%s\n%s\n", header, rows[i]);
      g_autoptr (LinliProject) copy = base_project ();
      g_autoptr (LinliHistory) history = linli_history_new (copy);
      g_autoptr (GError) alone_error = NULL;

      if (import (history, LINLI_ORG_LIST_BRANCHES, alone, &alone_error))
        g_assert_null (reasons->pdata[i]);
      else
        {
          g_assert_true (g_str_has_prefix (alone_error->message, "list.csv:2: "));
          g_assert_cmpstr (reasons->pdata[i], ==, alone_error->message + strlen ("list.csv:2: "));
          n_failing++;
        }
    }
  g_assert_nonnull (strstr (reasons->pdata[G_N_ELEMENTS (rows) - 1], "comes twice"));
  n_failing++;
  g_assert_cmpuint (report.n_invalid, ==, n_failing);
  g_assert_cmpuint (report.n_added + report.n_changed + report.n_invalid, ==, report.n_entries);
  /* The first failure is the import's error, with its file and line. */
  g_assert_true (g_str_has_prefix (error->message, "list.csv:3: "));
  after = saved (project);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/org-import/guess", test_guess);
  g_test_add_func ("/org-import/lists", test_lists);
  g_test_add_func ("/org-import/bad", test_bad);
  g_test_add_func ("/org-import/long-name", test_long_name);
  g_test_add_func ("/org-import/parse-and-report", test_parse_and_report);
  g_test_add_func ("/org-import/wide-separators", test_wide_separators);
  g_test_add_func ("/org-import/check-as-import", test_check_as_import);
  g_test_add_func ("/org-import/check-reasons", test_check_reasons);
  return g_test_run ();
}
