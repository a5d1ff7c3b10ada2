/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-org"

#include "config.h"

#include <libxml/relaxng.h>
#include <string.h>

#include "linli-format.h"
#include "linli-grids.h"
#include "linli-history.h"
#include "linli-org-edits.h"
#include "linli-org.h"

/* The organisation chain's model, its undoable edits and its `.linli`
 * section.  States are compared through a dump written here, field by
 * field, independently of the code under test. */

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

#define N_BUILDINGS 12

static LinliProject *
base_project (gboolean with_grids)
{
  LinliProject *project = linli_project_new ();

  linli_project_set_name (project, "组织");
  linli_project_add_community (project, "c0", "拱宸桥社区");
  linli_project_add_community (project, "c1", "大关社区");
  linli_project_add_compound (project, "k0", "和睦新村", 0);
  linli_project_add_compound (project, "k1", "小河佳苑", 0);
  linli_project_add_compound (project, "k2", "大关西苑", 1);
  for (guint i = 0; i < N_BUILDINGS; i++)
    {
      g_autofree char *id = g_strdup_printf ("B%u", i);
      g_autofree char *name = g_strdup_printf ("%u幢", i + 1);
      LinliBuilding b = { 0 };

      b.id = id;
      b.name = name;
      b.compound = i % 3;
      b.lat = 30.30 + 0.001 * i;
      b.lon = 120.14 + 0.001 * (i % 4);
      b.households = 40 + i;
      b.residents = 100 + i;
      b.party_members = i % 5;
      linli_project_add_building (project, &b, NULL, 0);
    }
  if (with_grids)
    for (guint g = 0; g < 2; g++)
      {
        g_autoptr (LinliPolygon) polygon = linli_polygon_new_rectangle (30.29 + 0.01 * g, 120.13, 30.30 + 0.01 * g,
                                                                        120.16);
        g_autofree char *id = g_strdup_printf ("g%u", g + 1);
        LinliGridState st = { .id = id, .code = "330105001001", .name = "网格", .community = g,
                              .worker = g == 0 ? "王五" : NULL, .polygon = polygon };
        g_autoptr (LinliGrid) grid = linli_grid_new (&st);

        linli_grids_insert (linli_project_get_grids (project), g, grid);
      }
  return project;
}

static void
dump_text (GString    *out,
           const char *label,
           const char *value)
{
  g_string_append_printf (out, " %s=%s%s%s", label, value ? "[" : "", value ? value : "null", value ? "]" : "");
}

/* Every field of the chain, as text: two chains are the same when their
 * dumps are. */
static char *
dump_org (LinliProject *project)
{
  LinliOrg *org = linli_project_get_org (project);
  GString *out = g_string_new (NULL);
  GListModel *list;

  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    if (linli_org_get_secretary (org, c) != NULL)
      g_string_append_printf (out, "committee %s secretary=[%s]\n", linli_project_get_community (project, c)->id,
                              linli_org_get_secretary (org, c));
  list = linli_org_get_branches (org);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (LinliBranch) b = g_list_model_get_item (list, i);

      g_string_append_printf (out, "branch %s", linli_branch_get_id (b));
      dump_text (out, "name", linli_branch_get_name (b));
      g_string_append_printf (out, " kind=%d", linli_branch_get_kind (b));
      if (linli_branch_get_kind (b) == LINLI_BRANCH_COMPOUND)
        g_string_append_printf (out, " compound=%u", linli_branch_get_compound (b));
      dump_text (out, "grid", linli_branch_get_grid (b));
      dump_text (out, "secretary", linli_branch_get_secretary (b));
      g_string_append_printf (out, " members=%u\n", linli_branch_get_members (b));
    }
  list = linli_org_get_groups (org);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (LinliPartyGroup) g = g_list_model_get_item (list, i);
      const guint *buildings;
      guint n;

      g_string_append_printf (out, "group %s", linli_party_group_get_id (g));
      dump_text (out, "name", linli_party_group_get_name (g));
      dump_text (out, "branch", linli_party_group_get_branch (g));
      dump_text (out, "leader", linli_party_group_get_leader (g));
      buildings = linli_party_group_get_buildings (g, &n);
      g_string_append (out, " buildings=");
      for (guint k = 0; k < n; k++)
        g_string_append_printf (out, "%s%u", k ? "," : "", buildings[k]);
      g_string_append_c (out, '\n');
    }
  list = linli_org_get_households (org);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (LinliMemberHousehold) h = g_list_model_get_item (list, i);

      g_string_append_printf (out, "household %s building=%u", linli_member_household_get_id (h),
                              linli_member_household_get_building (h));
      dump_text (out, "room", linli_member_household_get_room (h));
      dump_text (out, "name", linli_member_household_get_name (h));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static const char *const pieces[] = { "张", "伟", "党支部", "&", "<", "\"", " ", "A", "7", "\t" };

static char *
random_text (GRand *rand)
{
  GString *s;
  guint n = g_rand_int_range (rand, 0, 5);

  if (n == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  /* A name that is only white space would not survive attribute normalisation
   * the same way: keep one letter in it. */
  g_string_append (s, "名");
  return g_string_free (s, FALSE);
}

static void
random_branch (GRand            *rand,
               LinliProject     *project,
               gboolean          grids_saved,
               LinliBranchState *st)
{
  LinliGrids *grids = linli_project_get_grids (project);

  memset (st, 0, sizeof *st);
  st->name = random_text (rand);
  st->kind = g_rand_boolean (rand) ? LINLI_BRANCH_COMPOUND : LINLI_BRANCH_GRID;
  if (st->kind == LINLI_BRANCH_COMPOUND)
    st->compound = g_rand_int_range (rand, 0, linli_project_get_n_compounds (project));
  else if (grids_saved && linli_grids_get_n_grids (grids) > 0 && g_rand_boolean (rand))
    st->grid = g_strdup (linli_grid_get_id (linli_grids_get_grid (grids, g_rand_int_range (rand, 0, 2))));
  st->secretary = random_text (rand);
  st->members = g_rand_int_range (rand, 0, 60);
}

/* Branch ids to pick from: some of the org's, or none. */
static char *
random_branch_id (GRand    *rand,
                  LinliOrg *org)
{
  GListModel *branches = linli_org_get_branches (org);
  guint n = g_list_model_get_n_items (branches);
  g_autoptr (LinliBranch) branch = NULL;

  if (n == 0 || g_rand_int_range (rand, 0, 4) == 0)
    return NULL;
  branch = g_list_model_get_item (branches, g_rand_int_range (rand, 0, n));
  return g_strdup (linli_branch_get_id (branch));
}

static void
random_group (GRand                *rand,
              LinliOrg             *org,
              LinliPartyGroupState *st)
{
  gboolean used[N_BUILDINGS] = { FALSE };
  GArray *buildings = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = g_rand_int_range (rand, 0, 5);

  memset (st, 0, sizeof *st);
  st->name = random_text (rand);
  st->branch = random_branch_id (rand, org);
  st->leader = random_text (rand);
  for (guint k = 0; k < n; k++)
    {
      guint b = g_rand_int_range (rand, 0, N_BUILDINGS);

      if (!used[b])
        {
          used[b] = TRUE;
          g_array_append_val (buildings, b);
        }
    }
  st->n_buildings = buildings->len;
  st->buildings = (guint *) g_array_free (buildings, buildings->len == 0);
}

static void
random_household (GRand                     *rand,
                  LinliMemberHouseholdState *st)
{
  memset (st, 0, sizeof *st);
  st->building = g_rand_int_range (rand, 0, N_BUILDINGS);
  st->room = random_text (rand);
  st->name = random_text (rand);
}

/* Fills the chain with random objects through the edits. */
static void
random_org (GRand        *rand,
            LinliHistory *history,
            gboolean      grids_saved,
            guint         n)
{
  LinliProject *project = linli_history_get_project (history);
  LinliOrg *org = linli_project_get_org (project);

  for (guint i = 0; i < n; i++)
    {
      LinliBranchState b;
      LinliPartyGroupState g;
      LinliMemberHouseholdState h;
      g_autofree char *secretary = random_text (rand);

      linli_org_edits_set_secretary (history, g_rand_int_range (rand, 0, 2), secretary);
      random_branch (rand, project, grids_saved, &b);
      linli_org_edits_add_branch (history, &b);
      linli_branch_state_clear (&b);
      random_group (rand, org, &g);
      linli_org_edits_add_group (history, &g);
      linli_party_group_state_clear (&g);
      random_household (rand, &h);
      linli_org_edits_add_household (history, &h);
      linli_member_household_state_clear (&h);
    }
}

/* Whether grids survive a save and load yet (the grids section). */
static gboolean
grids_are_saved (void)
{
  g_autoptr (LinliProject) project = base_project (TRUE);
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL),
                                                            g_bytes_get_size (bytes), "grids.linli", &error);

  g_assert_no_error (error);
  return linli_grids_get_n_grids (linli_project_get_grids (loaded)) == 2;
}

/* ------------------------------------------------------------------------ */
/* The model                                                                 */
/* ------------------------------------------------------------------------ */

static void
on_changed_cb (gpointer object,
               guint   *count)
{
  (*count)++;
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_model (void)
{
  g_autoptr (LinliOrg) org = linli_org_new ();
  g_autoptr (LinliOrg) copy = linli_org_new ();
  LinliBranchState bs = { .id = "b1", .name = "一支部", .kind = LINLI_BRANCH_COMPOUND, .compound = 1,
                          .secretary = "李四", .members = 12 };
  LinliBranchState changed = bs;
  guint buildings[] = { 3, 1, 4 };
  LinliPartyGroupState gs = { .id = "pg1", .branch = "b1", .leader = "赵六", .buildings = buildings,
                              .n_buildings = 3 };
  LinliMemberHouseholdState hs = { .id = "mh7", .building = 4, .room = "2单元301", .name = "钱七" };
  g_autoptr (LinliBranch) branch = linli_branch_new (&bs);
  g_autoptr (LinliPartyGroup) group = linli_party_group_new (&gs);
  g_autoptr (LinliMemberHousehold) household = linli_member_household_new (&hs);
  guint count = 0, notifies = 0, position = 99;
  g_autofree guint *committees = NULL;
  g_autofree char *branch_id = NULL, *group_id = NULL, *household_id = NULL;
  guint n;

  g_signal_connect (org, "changed", G_CALLBACK (on_changed_cb), &count);
  g_assert_true (linli_org_is_empty (org));

  linli_org_set_secretary (org, 2, "张三");
  g_assert_cmpuint (count, ==, 1);
  linli_org_set_secretary (org, 2, "张三");
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (linli_org_get_secretary (org, 2), ==, "张三");
  g_assert_null (linli_org_get_secretary (org, 0));
  linli_org_set_secretary (org, 0, "");
  g_assert_null (linli_org_get_secretary (org, 0));
  committees = linli_org_list_committees (org, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (committees[0], ==, 2);
  g_assert_false (linli_org_is_empty (org));

  linli_org_insert_branch (org, 0, branch);
  linli_org_insert_group (org, 0, group);
  linli_org_insert_household (org, 0, household);
  g_assert_cmpuint (count, ==, 4);
  g_assert_true (linli_org_find_branch (org, "b1", &position) == branch);
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (linli_org_find_group (org, "pg1", NULL) == group);
  g_assert_true (linli_org_find_household (org, "mh7", NULL) == household);
  g_assert_null (linli_org_find_branch (org, "pg1", NULL));

  /* New ids pass those read, and never clash. */
  branch_id = linli_org_new_branch_id (org);
  group_id = linli_org_new_group_id (org);
  household_id = linli_org_new_household_id (org);
  g_assert_cmpstr (branch_id, ==, "b2");
  g_assert_cmpstr (group_id, ==, "pg2");
  g_assert_cmpstr (household_id, ==, "mh8");

  /* A change notifies what changed, and the org once. */
  g_signal_connect (branch, "notify", G_CALLBACK (on_notify_cb), &notifies);
  changed.members = 13;
  changed.secretary = "孙八";
  linli_branch_apply_state (branch, &changed);
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_cmpuint (count, ==, 5);
  linli_branch_apply_state (branch, &changed);
  g_assert_cmpuint (count, ==, 5);
  g_assert_cmpuint (linli_branch_get_members (branch), ==, 13);

  /* A copy is equal and independent. */
  linli_org_copy_from (copy, org);
  g_assert_true (linli_branch_state_equal (linli_branch_get_state (linli_org_find_branch (copy, "b1", NULL)),
                                           linli_branch_get_state (branch)));
  g_assert_true (linli_party_group_state_equal (
    linli_party_group_get_state (linli_org_find_group (copy, "pg1", NULL)), &gs));
  g_assert_true (linli_member_household_state_equal (
    linli_member_household_get_state (linli_org_find_household (copy, "mh7", NULL)), &hs));
  g_assert_cmpstr (linli_org_get_secretary (copy, 2), ==, "张三");
  g_assert_false (linli_org_find_group (copy, "pg1", NULL) == group);

  linli_org_remove_group (org, group);
  linli_org_remove_branch (org, branch);
  linli_org_remove_household (org, household);
  linli_org_set_secretary (org, 2, NULL);
  g_assert_true (linli_org_is_empty (org));
  g_assert_nonnull (linli_org_find_group (copy, "pg1", NULL));
  g_signal_handlers_disconnect_by_data (branch, &notifies);
}

/* ------------------------------------------------------------------------ */
/* Edits                                                                     */
/* ------------------------------------------------------------------------ */

/* Random edits of every kind; each undo gives back the dump before it, and
 * each redo the dump after. */
static void
test_edits_undo_redo (void)
{
  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (LinliProject) project = base_project (TRUE);
      g_autoptr (LinliHistory) history = linli_history_new (project);
      LinliOrg *org = linli_project_get_org (project);
      g_autoptr (GPtrArray) dumps = g_ptr_array_new_with_free_func (g_free);
      guint steps = 0;

      g_ptr_array_add (dumps, dump_org (project));
      for (guint i = 0; i < 40; i++)
        {
          guint op = g_rand_int_range (rand, 0, 10);
          GListModel *branches = linli_org_get_branches (org);
          GListModel *groups = linli_org_get_groups (org);
          GListModel *households = linli_org_get_households (org);
          g_autofree char *before = dump_org (project);
          g_autofree char *after = NULL;

          if (op == 0)
            {
              g_autofree char *name = random_text (rand);
              linli_org_edits_set_secretary (history, g_rand_int_range (rand, 0, 2), name);
            }
          else if (op <= 3)
            {
              /* Several edits as one step, as an import makes them. */
              linli_history_begin_group (history, "Import");
              random_org (rand, history, TRUE, 1);
              linli_history_end_group (history);
            }
          else if (op == 4 && g_list_model_get_n_items (branches) > 0)
            {
              g_autoptr (LinliBranch) b = g_list_model_get_item (branches, g_rand_int_range (rand, 0, g_list_model_get_n_items (branches)));
              linli_org_edits_remove_branch (history, b);
            }
          else if (op == 5 && g_list_model_get_n_items (groups) > 0)
            {
              g_autoptr (LinliPartyGroup) g = g_list_model_get_item (groups, g_rand_int_range (rand, 0, g_list_model_get_n_items (groups)));
              linli_org_edits_remove_group (history, g);
            }
          else if (op == 6 && g_list_model_get_n_items (households) > 0)
            {
              g_autoptr (LinliMemberHousehold) h = g_list_model_get_item (households, g_rand_int_range (rand, 0, g_list_model_get_n_items (households)));
              linli_org_edits_remove_household (history, h);
            }
          else if (op == 7 && g_list_model_get_n_items (branches) > 0)
            {
              g_autoptr (LinliBranch) b = g_list_model_get_item (branches, g_rand_int_range (rand, 0, g_list_model_get_n_items (branches)));
              LinliBranchState st;

              random_branch (rand, project, TRUE, &st);
              linli_org_edits_change_branch (history, b, &st);
              linli_branch_state_clear (&st);
            }
          else if (op == 8 && g_list_model_get_n_items (groups) > 0)
            {
              g_autoptr (LinliPartyGroup) g = g_list_model_get_item (groups, g_rand_int_range (rand, 0, g_list_model_get_n_items (groups)));
              LinliPartyGroupState st;

              random_group (rand, org, &st);
              linli_org_edits_change_group (history, g, &st);
              linli_party_group_state_clear (&st);
            }
          else if (op == 9 && g_list_model_get_n_items (households) > 0)
            {
              g_autoptr (LinliMemberHousehold) h = g_list_model_get_item (households, g_rand_int_range (rand, 0, g_list_model_get_n_items (households)));
              LinliMemberHouseholdState st;

              random_household (rand, &st);
              linli_org_edits_change_household (history, h, &st);
              linli_member_household_state_clear (&st);
            }
          after = dump_org (project);
          /* One step for each change; none when nothing changed. */
          if (g_strcmp0 (before, after) != 0)
            {
              g_ptr_array_add (dumps, g_strdup (after));
              steps++;
            }
        }

      /* No group is left naming a branch that is gone. */
      for (guint i = 0; i < g_list_model_get_n_items (linli_org_get_groups (org)); i++)
        {
          g_autoptr (LinliPartyGroup) g = g_list_model_get_item (linli_org_get_groups (org), i);
          const char *branch = linli_party_group_get_branch (g);

          g_assert_true (branch == NULL || linli_org_find_branch (org, branch, NULL) != NULL);
        }

      for (guint k = steps; k > 0; k--)
        {
          g_autofree char *now = NULL;

          g_assert_true (linli_history_undo (history));
          now = dump_org (project);
          g_assert_cmpstr (now, ==, dumps->pdata[k - 1]);
        }
      g_assert_false (linli_history_get_can_undo (history));
      g_assert_true (linli_org_is_empty (org));
      for (guint k = 1; k <= steps; k++)
        {
          g_autofree char *now = NULL;

          g_assert_true (linli_history_redo (history));
          now = dump_org (project);
          g_assert_cmpstr (now, ==, dumps->pdata[k]);
        }
    }
}

static void
test_remove_branch_detaches (void)
{
  g_autoptr (LinliProject) project = base_project (FALSE);
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliBranchState bs = { .kind = LINLI_BRANCH_COMPOUND, .compound = 0 };
  LinliPartyGroupState gs = { 0 };
  LinliBranch *branch, *other;
  LinliPartyGroup *g1, *g2, *g3;
  g_autofree char *before = NULL, *after = NULL, *undone = NULL;

  branch = linli_org_edits_add_branch (history, &bs);
  other = linli_org_edits_add_branch (history, &bs);
  g_assert_cmpstr (linli_branch_get_id (branch), !=, linli_branch_get_id (other));
  gs.branch = (char *) linli_branch_get_id (branch);
  g1 = linli_org_edits_add_group (history, &gs);
  g2 = linli_org_edits_add_group (history, &gs);
  gs.branch = (char *) linli_branch_get_id (other);
  g3 = linli_org_edits_add_group (history, &gs);
  before = dump_org (project);

  linli_org_edits_remove_branch (history, branch);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Delete Branch");
  g_assert_null (linli_party_group_get_branch (g1));
  g_assert_null (linli_party_group_get_branch (g2));
  g_assert_cmpstr (linli_party_group_get_branch (g3), ==, linli_branch_get_id (other));
  after = dump_org (project);

  /* One step back gives the branch and its groups' link back. */
  g_assert_true (linli_history_undo (history));
  undone = dump_org (project);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (linli_history_redo (history));
  g_free (undone);
  undone = dump_org (project);
  g_assert_cmpstr (undone, ==, after);
}

static void
test_edit_labels (void)
{
  g_autoptr (LinliProject) project = base_project (FALSE);
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliMemberHouseholdState hs = { .id = "x", .building = 2 };
  LinliMemberHousehold *h;

  linli_org_edits_set_secretary (history, 0, "张三");
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Change Committee Secretary");
  h = linli_org_edits_add_household (history, &hs);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Add Member Household");
  g_assert_cmpstr (linli_member_household_get_id (h), ==, "x");
  /* A taken id is replaced, not an edit of the other one. */
  h = linli_org_edits_add_household (history, &hs);
  g_assert_cmpstr (linli_member_household_get_id (h), !=, "x");
  g_assert_cmpuint (g_list_model_get_n_items (linli_org_get_households (linli_project_get_org (project))), ==, 2);
  /* Nothing recorded for no change. */
  linli_org_edits_change_household (history, h, linli_member_household_get_state (h));
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Add Member Household");
}

/* ------------------------------------------------------------------------ */
/* The file section                                                          */
/* ------------------------------------------------------------------------ */

static void
collect_schema_error_cb (void        *user_data,
                         xmlErrorPtr  err)
{
  GString *errors = user_data;

  if (errors->len < 2000 && err != NULL && err->message != NULL)
    g_string_append_printf (errors, "line %d: %s", err->line, err->message);
}

static gboolean
schema_validates (GBytes  *bytes,
                  char   **reason)
{
  g_autofree char *path = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "linli-2.rng", NULL);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (pctxt);
  GString *errors = g_string_new (NULL);
  xmlDocPtr doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes), "doc.linli",
                                 NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt (schema);
  int ret;

  xmlRelaxNGFreeParserCtxt (pctxt);
  xmlRelaxNGSetValidStructuredErrors (vctxt, collect_schema_error_cb, errors);
  ret = doc != NULL ? xmlRelaxNGValidateDoc (vctxt, doc) : -1;
  xmlRelaxNGFreeValidCtxt (vctxt);
  xmlRelaxNGFree (schema);
  if (doc != NULL)
    xmlFreeDoc (doc);
  *reason = g_string_free (errors, FALSE);
  return ret == 0;
}

static void
test_round_trip (void)
{
  gboolean grids_saved = grids_are_saved ();

  for (guint32 seed = 1; seed <= 25; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (LinliProject) project = base_project (grids_saved);
      g_autoptr (LinliHistory) history = linli_history_new (project);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GBytes) again = NULL;
      g_autoptr (LinliProject) loaded = NULL;
      g_autoptr (LinliProject) copy = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *original = NULL, *read = NULL, *copied = NULL, *reason = NULL;

      random_org (rand, history, grids_saved, g_rand_int_range (rand, 1, 8));
      original = dump_org (project);
      bytes = linli_format_save_bytes (project);
      if (!schema_validates (bytes, &reason))
        g_error ("seed %u: saved organisation does not validate: %s", seed, reason);
      loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "org.linli", &error);
      g_assert_no_error (error);
      read = dump_org (loaded);
      g_assert_cmpstr (read, ==, original);
      /* Saved again, byte for byte the same. */
      again = linli_format_save_bytes (loaded);
      g_assert_true (g_bytes_equal (bytes, again));
      /* A project copy copies the chain. */
      copy = linli_project_copy (project);
      copied = dump_org (copy);
      g_assert_cmpstr (copied, ==, original);
    }
}

static void
test_empty_left_out (void)
{
  g_autoptr (LinliProject) project = base_project (FALSE);
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_null (strstr (text, "<organisation"));
}

/* A small document with the project's communities, compounds and
 * buildings, and @org as its organisation section. */
static char *
document_with (const char *org)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<linli version=\"1\" name=\"t\">\n"
                          "  <communities><community id=\"c0\"/><community id=\"c1\"/></communities>\n"
                          "  <compounds><compound id=\"k0\" community=\"c0\"/></compounds>\n"
                          "  <buildings>\n"
                          "    <building id=\"B0\" compound=\"k0\" lat=\"30.3\" lon=\"120.1\"/>\n"
                          "    <building id=\"B1\" compound=\"k0\" lat=\"30.31\" lon=\"120.1\"/>\n"
                          "  </buildings>\n"
                          "  <organisation>\n"
                          "%s"
                          "  </organisation>\n"
                          "</linli>\n", org);
}

typedef struct
{
  const char *name;
  const char *org;      /* the section's content, from line 10 */
  guint       line;     /* where the error is, 0: valid */
  const char *message;  /* a part of the message */
} OrgCase;

static const OrgCase org_cases[] = {
  { "good",
    "<committee community=\"c1\" secretary=\"张三\"/>\n"
    "<branch id=\"b1\" kind=\"compound\" compound=\"k0\" members=\"4\"/>\n"
    "<branch id=\"b2\" kind=\"grid\"/>\n"
    "<party-group id=\"pg1\" branch=\"b1\"><building id=\"B1\"/><building id=\"B0\"/></party-group>\n"
    "<member-household id=\"h1\" building=\"B1\" room=\"1-101\"/>\n", 0, NULL },
  { "unknown attribute", "<branch id=\"b1\" kind=\"compound\" compound=\"k0\" colour=\"red\"/>\n", 10,
    "unknown attribute “colour” on <branch>" },
  { "unknown element", "<branch id=\"b1\" kind=\"compound\" compound=\"k0\"/>\n<cell id=\"x\"/>\n", 11,
    "unexpected <cell> in <organisation>" },
  { "duplicate branch", "<branch id=\"b1\" kind=\"compound\" compound=\"k0\"/>\n"
    "<branch id=\"b1\" kind=\"compound\" compound=\"k0\"/>\n", 11, "duplicate branch id “b1”" },
  { "duplicate group", "<party-group id=\"p\"/>\n<party-group id=\"p\"/>\n", 11, "duplicate party group id “p”" },
  { "duplicate household", "<member-household id=\"h\" building=\"B0\"/>\n"
    "<member-household id=\"h\" building=\"B0\"/>\n", 11, "duplicate member household id “h”" },
  { "two committees", "<committee community=\"c0\" secretary=\"a\"/>\n<committee community=\"c0\" secretary=\"b\"/>\n",
    11, "a second <committee> for community “c0”" },
  { "committee of nothing", "<committee community=\"c9\" secretary=\"a\"/>\n", 10, "community “c9”, which does not exist" },
  { "empty secretary", "<committee community=\"c0\" secretary=\"\"/>\n", 10, "“secretary” must not be empty" },
  { "group of a missing building", "<party-group id=\"p\">\n<building id=\"B9\"/></party-group>\n", 11,
    "lists building “B9”, which does not exist" },
  { "building twice", "<party-group id=\"p\"><building id=\"B0\"/>\n<building id=\"B0\"/></party-group>\n", 11,
    "lists building “B0” twice" },
  { "group of a missing branch", "<party-group id=\"p\" branch=\"b7\"/>\n", 10,
    "branch “b7”, which is not defined before it" },
  { "group before its branch", "<party-group id=\"p\" branch=\"b1\"/>\n"
    "<branch id=\"b1\" kind=\"compound\" compound=\"k0\"/>\n", 10, "branch “b1”, which is not defined before it" },
  { "out of order", "<member-household id=\"h\" building=\"B0\"/>\n"
    "<branch id=\"b1\" kind=\"compound\" compound=\"k0\"/>\n", 11, "<branch> comes too late" },
  { "branch of a missing compound", "<branch id=\"b1\" kind=\"compound\" compound=\"k5\"/>\n", 10,
    "compound “k5”, which does not exist" },
  { "branch of a missing grid", "<branch id=\"b1\" kind=\"grid\" grid=\"g5\"/>\n", 10, "grid “g5”, which does not exist" },
  { "compound branch with a grid", "<branch id=\"b1\" kind=\"compound\" compound=\"k0\" grid=\"g1\"/>\n", 10,
    "no attribute “grid”" },
  { "compound branch with no compound", "<branch id=\"b1\" kind=\"compound\"/>\n", 10,
    "lacks the required attribute “compound”" },
  { "unknown kind", "<branch id=\"b1\" kind=\"street\"/>\n", 10, "“kind” must be “compound” or “grid”" },
  { "members out of range", "<branch id=\"b1\" kind=\"grid\" members=\"100001\"/>\n", 10,
    "“members” must be a whole number from 0 to 100000" },
  { "negative members", "<branch id=\"b1\" kind=\"grid\" members=\"-3\"/>\n", 10, "“members” must be a whole number" },
  { "household of a missing building", "<member-household id=\"h\" building=\"B5\"/>\n", 10,
    "building “B5”, which does not exist" },
  { "household without building", "<member-household id=\"h\"/>\n", 10, "lacks the required attribute “building”" },
  { "text in a group", "<party-group id=\"p\">\nword</party-group>\n", 11, "may hold only <building>" },
  { "child of a household", "<member-household id=\"h\" building=\"B0\"><x/></member-household>\n", 10,
    "<member-household> must be empty" },
  { "empty id", "<party-group id=\"\"/>\n", 10, "“id” must not be empty" },
};

static void
test_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (org_cases); i++)
    {
      const OrgCase *c = &org_cases[i];
      g_autofree char *doc = document_with (c->org);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = linli_format_load_data (doc, strlen (doc), "hostile.linli", &error);

      if (c->line == 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (project);
          continue;
        }
      if (project != NULL)
        g_error ("case “%s” was accepted", c->name);
      g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID);
      {
        g_autofree char *where = g_strdup_printf ("hostile.linli:%u:", c->line);

        if (!g_str_has_prefix (error->message, where) || strstr (error->message, c->message) == NULL)
          g_error ("case “%s”: wanted “%s … %s”, got “%s”", c->name, where, c->message, error->message);
      }
    }
}

/* Names longer than the format takes are refused, in characters. */
static void
test_long_names (void)
{
  const char *attrs[] = { "name", "secretary", "leader" };

  for (guint i = 0; i < G_N_ELEMENTS (attrs); i++)
    for (guint len = 1024; len <= 1025; len++)
      {
        GString *name = g_string_new (NULL);
        g_autofree char *section = NULL, *doc = NULL;
        g_autoptr (GError) error = NULL;
        g_autoptr (LinliProject) project = NULL;

        for (guint k = 0; k < len; k++)
          g_string_append (name, "党");
        if (i == 2)
          section = g_strdup_printf ("<party-group id=\"p\" %s=\"%s\"/>\n", attrs[i], name->str);
        else
          section = g_strdup_printf ("<branch id=\"b\" kind=\"grid\" %s=\"%s\"/>\n", attrs[i], name->str);
        g_string_free (name, TRUE);
        doc = document_with (section);
        project = linli_format_load_data (doc, strlen (doc), "long.linli", &error);
        if (len == 1024)
          g_assert_no_error (error);
        else
          {
            g_assert_null (project);
            g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID);
            g_assert_nonnull (strstr (error->message, "longer than 1024 characters"));
          }
      }
}

/* The file keeps names when they are hidden: hiding is a way of showing. */
static void
test_hidden_names_saved (void)
{
  g_autoptr (LinliProject) project = base_project (FALSE);
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  linli_org_edits_set_secretary (history, 0, "张三");
  linli_project_set_hide_names (project, TRUE);
  bytes = linli_format_save_bytes (project);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "secretary=\"张三\""));
  g_assert_cmpstr (linli_project_person (project, linli_org_get_secretary (linli_project_get_org (project), 0)), !=,
                   "张三");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/org/model", test_model);
  g_test_add_func ("/org/edits/undo-redo", test_edits_undo_redo);
  g_test_add_func ("/org/edits/remove-branch-detaches", test_remove_branch_detaches);
  g_test_add_func ("/org/edits/labels", test_edit_labels);
  g_test_add_func ("/org/format/round-trip", test_round_trip);
  g_test_add_func ("/org/format/empty-left-out", test_empty_left_out);
  g_test_add_func ("/org/format/hostile", test_hostile);
  g_test_add_func ("/org/format/long-names", test_long_names);
  g_test_add_func ("/org/format/hidden-names-saved", test_hidden_names_saved);
  return g_test_run ();
}
