/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-org-check"

#include "config.h"

#include <string.h>

#include "linli-generator.h"
#include "linli-grids.h"
#include "linli-org-check.h"
#include "linli-org.h"

/* The chain checks: each rule on crafted projects, then random projects
 * against a brute-force reading of the rules written here. */

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

static void
add_building (LinliProject *project,
              guint         compound,
              guint         members)
{
  g_autofree char *id = g_strdup_printf ("B%u", linli_project_get_n_buildings (project));
  LinliBuilding b = { .id = id, .name = "", .compound = compound, .lat = 30.3, .lon = 120.1,
                      .households = 50, .residents = 120, .party_members = members };

  b.lat += 0.0005 * linli_project_get_n_buildings (project);
  linli_project_add_building (project, &b, NULL, 0);
}

static void
add_grid (LinliProject *project,
          const char   *id,
          const char   *worker,
          const char   *branch)
{
  g_autoptr (LinliPolygon) polygon = linli_polygon_new_rectangle (30.0, 120.0, 30.5, 120.5);
  LinliGridState st = { .id = (char *) id, .name = (char *) id, .community = 0, .worker = (char *) worker,
                        .branch = (char *) branch, .polygon = polygon };
  g_autoptr (LinliGrid) grid = linli_grid_new (&st);
  LinliGrids *grids = linli_project_get_grids (project);

  linli_grids_insert (grids, linli_grids_get_n_grids (grids), grid);
}

static void
add_branch (LinliProject    *project,
            const char      *id,
            LinliBranchKind  kind,
            guint            compound,
            const char      *grid)
{
  LinliBranchState st = { .id = (char *) id, .kind = kind, .compound = compound, .grid = (char *) grid };
  g_autoptr (LinliBranch) branch = linli_branch_new (&st);

  linli_org_insert_branch (linli_project_get_org (project), G_MAXUINT, branch);
}

static void
add_group (LinliProject *project,
           const char   *id,
           const char   *branch,
           const char   *leader,
           const guint  *buildings,
           guint         n)
{
  LinliPartyGroupState st = { .id = (char *) id, .branch = (char *) branch, .leader = (char *) leader,
                              .buildings = (guint *) buildings, .n_buildings = n };
  g_autoptr (LinliPartyGroup) group = linli_party_group_new (&st);

  linli_org_insert_group (linli_project_get_org (project), G_MAXUINT, group);
}

static void
add_household (LinliProject *project,
               const char   *id,
               guint         building)
{
  LinliMemberHouseholdState st = { .id = (char *) id, .building = building, .name = "钱七" };
  g_autoptr (LinliMemberHousehold) household = linli_member_household_new (&st);

  linli_org_insert_household (linli_project_get_org (project), G_MAXUINT, household);
}

/* How many violations of @rule about @subject @key (an index, or with
 * @id an id) the check found. */
static guint
count (const LinliOrgCheck *check,
       const char          *rule,
       LinliSubject         subject,
       guint                index,
       const char          *id)
{
  guint n = 0;

  for (guint i = 0; i < check->violations->len; i++)
    {
      const LinliViolation *v = check->violations->pdata[i];

      if (strcmp (v->rule, rule) == 0 && v->subject == subject &&
          (id != NULL ? g_strcmp0 (v->id, id) == 0 : v->index == index))
        n++;
    }
  return n;
}

static guint
count_rule (const LinliOrgCheck *check,
            const char          *rule)
{
  guint n = 0;

  for (guint i = 0; i < check->violations->len; i++)
    n += strcmp (((LinliViolation *) check->violations->pdata[i])->rule, rule) == 0;
  return n;
}

/* One community, compounds k0 (3 buildings: 0, 2, 1 members), k1 (one
 * building with 4), k2 (one with 1). */
static LinliProject *
crafted_project (void)
{
  LinliProject *project = linli_project_new ();

  linli_project_add_community (project, "c0", "社区");
  linli_project_add_compound (project, "k0", "甲", 0);
  linli_project_add_compound (project, "k1", "乙", 0);
  linli_project_add_compound (project, "k2", "丙", 0);
  add_building (project, 0, 0);
  add_building (project, 0, 2);
  add_building (project, 0, 1);
  add_building (project, 1, 4);
  add_building (project, 2, 1);
  return project;
}

/* ------------------------------------------------------------------------ */
/* Each rule                                                                 */
/* ------------------------------------------------------------------------ */

static void
test_building_rules (void)
{
  g_autoptr (LinliProject) project = crafted_project ();
  guint some[] = { 1 };
  g_autoptr (LinliOrgCheck) check = NULL;
  g_autoptr (LinliOrgCheck) again = NULL;

  add_group (project, "pg1", NULL, "赵六", some, 1);
  check = linli_org_check (project, NULL);

  g_assert_cmpuint (count (check, "building-no-member", LINLI_SUBJECT_BUILDING, 0, NULL), ==, 1);
  g_assert_cmpuint (count_rule (check, "building-no-member"), ==, 1);
  g_assert_cmpuint (count (check, "building-no-group", LINLI_SUBJECT_BUILDING, 1, NULL), ==, 0);
  g_assert_cmpuint (count (check, "building-no-group", LINLI_SUBJECT_BUILDING, 2, NULL), ==, 1);
  g_assert_cmpuint (count_rule (check, "building-no-group"), ==, 3);
  g_assert_cmpint (check->chain[0], ==, LINLI_CHAIN_NO_MEMBER);
  g_assert_cmpint (check->chain[1], ==, LINLI_CHAIN_COMPLETE);
  g_assert_cmpint (check->chain[2], ==, LINLI_CHAIN_MISSING_GROUP);

  /* Every violation about a building is where the building is. */
  for (guint i = 0; i < check->violations->len; i++)
    {
      const LinliViolation *v = check->violations->pdata[i];

      if (v->subject == LINLI_SUBJECT_BUILDING)
        {
          g_assert_true (v->has_position);
          g_assert_cmpfloat (v->lat, ==, linli_project_get_building (project, v->index)->lat);
          g_assert_cmpint (v->community, ==, 0);
          g_assert_nonnull (strstr (v->message, linli_project_get_building (project, v->index)->id));
        }
    }
}

static void
test_compound_rule (void)
{
  g_autoptr (LinliProject) project = crafted_project ();
  g_autoptr (LinliOrgCheck) check = NULL;
  g_autoptr (LinliOrgCheck) with_grids = NULL;
  g_autoptr (LinliOrgCheck) half = NULL;
  g_autoptr (LinliOrgCheck) branched = NULL;
  int building_grid[] = { 0, 0, 0, 1, 1 };
  int mixed[] = { 0, 1, 0, 1, 1 };

  /* k0 has 3 members, k1 4, k2 1 (below three: no rule). */
  check = linli_org_check (project, NULL);
  g_assert_cmpuint (count (check, "compound-no-branch", LINLI_SUBJECT_COMPOUND, 0, NULL), ==, 1);
  g_assert_cmpuint (count (check, "compound-no-branch", LINLI_SUBJECT_COMPOUND, 1, NULL), ==, 1);
  g_assert_cmpuint (count (check, "compound-no-branch", LINLI_SUBJECT_COMPOUND, 2, NULL), ==, 0);
  g_assert_cmpuint (check->district.compounds_with_branch, ==, 0);

  /* k0's buildings all lie in grid g1, which has a branch: attached. */
  add_grid (project, "g1", "王五", NULL);
  add_grid (project, "g2", "王五", NULL);
  add_branch (project, "b1", LINLI_BRANCH_GRID, 0, "g1");
  with_grids = linli_org_check (project, building_grid);
  g_assert_cmpuint (count (with_grids, "compound-no-branch", LINLI_SUBJECT_COMPOUND, 0, NULL), ==, 0);
  g_assert_cmpuint (count (with_grids, "compound-no-branch", LINLI_SUBJECT_COMPOUND, 1, NULL), ==, 1);
  g_assert_cmpuint (with_grids->district.compounds_with_branch, ==, 1);

  /* One of k0's buildings in a grid without a branch: not attached. */
  half = linli_org_check (project, mixed);
  g_assert_cmpuint (count (half, "compound-no-branch", LINLI_SUBJECT_COMPOUND, 0, NULL), ==, 1);

  /* A compound branch serves k1. */
  add_branch (project, "b2", LINLI_BRANCH_COMPOUND, 1, NULL);
  branched = linli_org_check (project, mixed);
  g_assert_cmpuint (count (branched, "compound-no-branch", LINLI_SUBJECT_COMPOUND, 1, NULL), ==, 0);
  g_assert_cmpuint (branched->district.compounds_with_branch, ==, 1);
}

static void
test_grid_rules (void)
{
  g_autoptr (LinliProject) project = crafted_project ();
  g_autoptr (LinliOrgCheck) check = NULL;

  add_grid (project, "g1", "王五", NULL);      /* a worker, no branch */
  add_grid (project, "g2", NULL, NULL);        /* neither */
  add_grid (project, "g3", "", "b9");          /* its branch id names none */
  add_grid (project, "g4", "李", "b3");        /* its own branch id names one */
  add_grid (project, "g5", "李", NULL);        /* served by a grid branch */
  add_branch (project, "b3", LINLI_BRANCH_COMPOUND, 0, NULL);
  add_branch (project, "b5", LINLI_BRANCH_GRID, 0, "g5");
  add_branch (project, "b6", LINLI_BRANCH_GRID, 0, "g404");
  add_branch (project, "b7", LINLI_BRANCH_GRID, 0, NULL);
  check = linli_org_check (project, NULL);

  g_assert_cmpuint (count (check, "grid-no-branch", LINLI_SUBJECT_GRID, 0, NULL), ==, 1);
  g_assert_cmpuint (count (check, "grid-no-branch", LINLI_SUBJECT_GRID, 1, NULL), ==, 1);
  g_assert_cmpuint (count (check, "grid-no-branch", LINLI_SUBJECT_GRID, 2, NULL), ==, 1);
  g_assert_cmpuint (count_rule (check, "grid-no-branch"), ==, 3);
  g_assert_cmpuint (count (check, "grid-no-worker", LINLI_SUBJECT_GRID, 1, NULL), ==, 1);
  g_assert_cmpuint (count (check, "grid-no-worker", LINLI_SUBJECT_GRID, 2, NULL), ==, 1);
  g_assert_cmpuint (count_rule (check, "grid-no-worker"), ==, 2);
  g_assert_cmpuint (count (check, "dangling-reference", LINLI_SUBJECT_BRANCH, 0, "b6"), ==, 1);
  g_assert_cmpuint (count (check, "dangling-reference", LINLI_SUBJECT_BRANCH, 0, "b7"), ==, 1);
  g_assert_cmpuint (count (check, "dangling-reference", LINLI_SUBJECT_BRANCH, 0, "b5"), ==, 0);

  /* A grid's violation is at its centroid. */
  for (guint i = 0; i < check->violations->len; i++)
    {
      const LinliViolation *v = check->violations->pdata[i];

      if (v->subject == LINLI_SUBJECT_GRID)
        {
          g_assert_true (v->has_position);
          g_assert_cmpfloat_with_epsilon (v->lat, 30.25, 1e-6);
          g_assert_cmpfloat_with_epsilon (v->lon, 120.25, 1e-6);
        }
    }
}

static void
test_group_rules (void)
{
  g_autoptr (LinliProject) project = crafted_project ();
  g_autoptr (LinliOrgCheck) check = NULL;
  g_autoptr (LinliOrgCheck) hidden = NULL;
  guint first[] = { 0, 1 }, second[] = { 3 }, third[] = { 4 };
  const LinliViolation *v = NULL;

  add_branch (project, "b1", LINLI_BRANCH_COMPOUND, 0, NULL);
  add_group (project, "pg1", "b1", "赵六", first, 2);   /* leader, household in building 1 */
  add_group (project, "pg2", "b1", NULL, second, 1);    /* no leader, no household */
  add_group (project, "pg3", "b404", "孙八", third, 1); /* leader, no household, dangling branch */
  add_household (project, "h1", 1);
  add_household (project, "h2", 17);
  check = linli_org_check (project, NULL);

  g_assert_cmpuint (count (check, "group-no-leader", LINLI_SUBJECT_PARTY_GROUP, 0, "pg2"), ==, 1);
  g_assert_cmpuint (count_rule (check, "group-no-leader"), ==, 1);
  g_assert_cmpuint (count (check, "group-no-household", LINLI_SUBJECT_PARTY_GROUP, 0, "pg2"), ==, 1);
  g_assert_cmpuint (count (check, "group-no-household", LINLI_SUBJECT_PARTY_GROUP, 0, "pg3"), ==, 1);
  g_assert_cmpuint (count_rule (check, "group-no-household"), ==, 2);
  g_assert_cmpuint (count (check, "dangling-reference", LINLI_SUBJECT_PARTY_GROUP, 0, "pg3"), ==, 1);
  g_assert_cmpuint (count (check, "dangling-reference", LINLI_SUBJECT_MEMBER_HOUSEHOLD, 0, "h2"), ==, 1);

  /* The leader named in a message is hidden when names are. */
  for (guint i = 0; i < check->violations->len; i++)
    if (g_strcmp0 (((LinliViolation *) check->violations->pdata[i])->id, "pg3") == 0 &&
        strcmp (((LinliViolation *) check->violations->pdata[i])->rule, "group-no-household") == 0)
      v = check->violations->pdata[i];
  g_assert_nonnull (v);
  g_assert_nonnull (strstr (v->message, "孙八"));
  g_assert_true (v->has_position);
  g_assert_cmpfloat (v->lat, ==, linli_project_get_building (project, 4)->lat);
  linli_project_set_hide_names (project, TRUE);
  hidden = linli_org_check (project, NULL);
  for (guint i = 0; i < hidden->violations->len; i++)
    g_assert_null (strstr (((LinliViolation *) hidden->violations->pdata[i])->message, "孙八"));
}

/* ------------------------------------------------------------------------ */
/* Against brute force                                                       */
/* ------------------------------------------------------------------------ */

static LinliProject *
random_project (GRand *rand,
                int  **building_grid)
{
  LinliProject *project = linli_project_new ();
  guint n_communities = g_rand_int_range (rand, 1, 4);
  guint n_compounds = g_rand_int_range (rand, 1, 12);
  guint n_buildings = g_rand_int_range (rand, 0, 80);
  guint n_grids = g_rand_int_range (rand, 0, 5);
  LinliOrg *org = linli_project_get_org (project);

  for (guint c = 0; c < n_communities; c++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", c);
      linli_project_add_community (project, id, NULL);
    }
  for (guint k = 0; k < n_compounds; k++)
    {
      g_autofree char *id = g_strdup_printf ("k%u", k);
      linli_project_add_compound (project, id, NULL, g_rand_int_range (rand, 0, n_communities));
    }
  for (guint b = 0; b < n_buildings; b++)
    {
      add_building (project, g_rand_int_range (rand, 0, n_compounds),
                    g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int_range (rand, 1, 4));
      /* Some buildings without members have them unknown instead. */
      if (linli_project_get_building (project, b)->party_members == 0 && g_rand_boolean (rand))
        linli_project_set_building_flags (project, b, LINLI_BUILDING_MEMBERS_UNKNOWN);
    }
  for (guint g = 0; g < n_grids; g++)
    {
      g_autofree char *id = g_strdup_printf ("g%u", g);
      add_grid (project, id, g_rand_boolean (rand) ? "王" : NULL,
                g_rand_int_range (rand, 0, 3) == 0 ? "b0" : NULL);
    }
  for (guint i = 0, n = g_rand_int_range (rand, 0, 8); i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("b%u", i);
      g_autofree char *grid = g_strdup_printf ("g%d", g_rand_int_range (rand, 0, n_grids + 1));

      if (g_rand_boolean (rand))
        add_branch (project, id, LINLI_BRANCH_COMPOUND, g_rand_int_range (rand, 0, n_compounds), NULL);
      else
        add_branch (project, id, LINLI_BRANCH_GRID, 0, grid);
    }
  for (guint i = 0, n = g_rand_int_range (rand, 0, 10); i < n && n_buildings > 0; i++)
    {
      g_autofree char *id = g_strdup_printf ("pg%u", i);
      g_autofree char *branch = g_strdup_printf ("b%d", g_rand_int_range (rand, 0, 10));
      guint buildings[6];
      guint m = g_rand_int_range (rand, 0, 6);

      for (guint k = 0; k < m; k++)
        buildings[k] = g_rand_int_range (rand, 0, n_buildings + 1);   /* sometimes one past the end */
      add_group (project, id, g_rand_boolean (rand) ? branch : NULL, g_rand_boolean (rand) ? "赵" : NULL,
                 buildings, m);
    }
  for (guint i = 0, n = g_rand_int_range (rand, 0, 15); i < n && n_buildings > 0; i++)
    {
      g_autofree char *id = g_strdup_printf ("h%u", i);
      add_household (project, id, g_rand_int_range (rand, 0, n_buildings + 1));
    }
  g_assert_nonnull (org);

  *building_grid = NULL;
  if (n_grids > 0 && g_rand_boolean (rand))
    {
      *building_grid = g_new (int, n_buildings + 1);
      for (guint b = 0; b < n_buildings; b++)
        (*building_grid)[b] = g_rand_int_range (rand, -1, n_grids);
    }
  return project;
}

static gboolean
brute_grid_has_branch (LinliProject *project,
                       guint         g)
{
  LinliOrg *org = linli_project_get_org (project);
  LinliGrid *grid = linli_grids_get_grid (linli_project_get_grids (project), g);
  GListModel *branches = linli_org_get_branches (org);

  for (guint i = 0; i < g_list_model_get_n_items (branches); i++)
    {
      g_autoptr (LinliBranch) b = g_list_model_get_item (branches, i);

      if (linli_branch_get_kind (b) == LINLI_BRANCH_GRID &&
          g_strcmp0 (linli_branch_get_grid (b), linli_grid_get_id (grid)) == 0)
        return TRUE;
      if (g_strcmp0 (linli_branch_get_id (b), linli_grid_get_branch (grid)) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
brute_in_group (LinliProject *project,
                guint         building)
{
  GListModel *groups = linli_org_get_groups (linli_project_get_org (project));

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr (LinliPartyGroup) g = g_list_model_get_item (groups, i);
      guint n;
      const guint *bs = linli_party_group_get_buildings (g, &n);

      for (guint k = 0; k < n; k++)
        if (bs[k] == building)
          return TRUE;
    }
  return FALSE;
}

static gboolean
brute_compound_has_branch (LinliProject *project,
                           guint         compound,
                           const int    *building_grid)
{
  GListModel *branches = linli_org_get_branches (linli_project_get_org (project));
  guint n_buildings = 0;

  for (guint i = 0; i < g_list_model_get_n_items (branches); i++)
    {
      g_autoptr (LinliBranch) b = g_list_model_get_item (branches, i);

      if (linli_branch_get_kind (b) == LINLI_BRANCH_COMPOUND && linli_branch_get_compound (b) == compound)
        return TRUE;
    }
  if (building_grid == NULL)
    return FALSE;
  for (guint b = 0; b < linli_project_get_n_buildings (project); b++)
    if (linli_project_get_building (project, b)->compound == compound)
      {
        n_buildings++;
        if (building_grid[b] < 0 || !brute_grid_has_branch (project, building_grid[b]))
          return FALSE;
      }
  return n_buildings > 0;
}

static void
test_brute_force (void)
{
  for (guint32 seed = 1; seed <= 300; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autofree int *building_grid = NULL;
      g_autoptr (LinliProject) project = random_project (rand, &building_grid);
      g_autoptr (LinliOrgCheck) check = linli_org_check (project, building_grid);
      guint n_buildings = linli_project_get_n_buildings (project);
      guint n_compounds = linli_project_get_n_compounds (project);
      LinliGrids *grids = linli_project_get_grids (project);
      GListModel *groups = linli_org_get_groups (linli_project_get_org (project));
      GListModel *households = linli_org_get_households (linli_project_get_org (project));
      guint expected = 0;
      LinliOrgFigures district = { 0 };

      for (guint c = 0; c < linli_project_get_n_communities (project); c++)
        {
          LinliOrgFigures f = { 0 };

          for (guint k = 0; k < n_compounds; k++)
            if (linli_project_get_compound (project, k)->community == c)
              {
                f.compounds++;
                f.compounds_with_branch += brute_compound_has_branch (project, k, building_grid);
              }
          for (guint b = 0; b < n_buildings; b++)
            if (linli_project_building_community (project, b) == c)
              {
                const LinliBuilding *building = linli_project_get_building (project, b);

                f.buildings++;
                f.buildings_with_member += building->party_members > 0;
                f.buildings_members_unknown +=
                  building->party_members == 0 && (building->flags & LINLI_BUILDING_MEMBERS_UNKNOWN) != 0;
                f.buildings_with_group += brute_in_group (project, b);
              }
          g_assert_cmpmem (&f, sizeof f, &check->communities[c], sizeof f);
          district.compounds += f.compounds;
          district.compounds_with_branch += f.compounds_with_branch;
          district.buildings += f.buildings;
          district.buildings_with_member += f.buildings_with_member;
          district.buildings_with_group += f.buildings_with_group;
          district.buildings_members_unknown += f.buildings_members_unknown;
        }
      g_assert_cmpmem (&district, sizeof district, &check->district, sizeof district);
      /* The share leaves out the buildings whose members are unknown. */
      if (district.buildings > district.buildings_members_unknown)
        {
          guint known = district.buildings - district.buildings_members_unknown;

          g_assert_cmpfloat_with_epsilon (linli_org_figures_member_share (&check->district),
                                          (double) district.buildings_with_member / known, 1e-12);
        }
      else
        g_assert_cmpfloat (linli_org_figures_member_share (&check->district), ==, 0);

      for (guint b = 0; b < n_buildings; b++)
        {
          guint members = linli_project_get_building (project, b)->party_members;
          guint flags = linli_project_get_building (project, b)->flags;
          gboolean unknown = members == 0 && (flags & LINLI_BUILDING_MEMBERS_UNKNOWN) != 0;
          gboolean grouped = brute_in_group (project, b);

          /* An unknown count is never told as "no party member". */
          g_assert_cmpuint (count (check, "building-no-member", LINLI_SUBJECT_BUILDING, b, NULL), ==,
                            members == 0 && !unknown);
          g_assert_cmpuint (count (check, "building-members-unknown", LINLI_SUBJECT_BUILDING, b, NULL), ==,
                            unknown);
          g_assert_cmpuint (count (check, "building-no-group", LINLI_SUBJECT_BUILDING, b, NULL), ==,
                            members > 0 && !grouped);
          g_assert_cmpint (check->chain[b], ==, unknown ? LINLI_CHAIN_MEMBERS_UNKNOWN
                                                : members == 0 ? LINLI_CHAIN_NO_MEMBER
                                                : grouped ? LINLI_CHAIN_COMPLETE : LINLI_CHAIN_MISSING_GROUP);
          expected += members == 0 || !grouped;
        }
      for (guint k = 0; k < n_compounds; k++)
        {
          guint members = 0;
          gboolean bad, some_unknown = FALSE;

          for (guint b = 0; b < n_buildings; b++)
            if (linli_project_get_building (project, b)->compound == k)
              {
                members += linli_project_get_building (project, b)->party_members;
                some_unknown |= (linli_project_get_building (project, b)->flags &
                                 LINLI_BUILDING_MEMBERS_UNKNOWN) != 0;
              }
          bad = members >= 3 && !brute_compound_has_branch (project, k, building_grid);
          g_assert_cmpuint (count (check, "compound-no-branch", LINLI_SUBJECT_COMPOUND, k, NULL), ==, bad);
          /* With members unknown in some building, the count is told as a
           * lower bound. */
          for (guint i = 0; bad && i < check->violations->len; i++)
            {
              const LinliViolation *v = check->violations->pdata[i];

              if (g_str_equal (v->rule, "compound-no-branch") && v->index == k)
                g_assert_cmpint (strstr (v->message, "at least") != NULL, ==, some_unknown);
            }
          expected += bad;
        }
      for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
        {
          const char *worker = linli_grid_get_worker (linli_grids_get_grid (grids, g));
          gboolean no_branch = !brute_grid_has_branch (project, g);
          gboolean no_worker = worker == NULL || worker[0] == '\0';

          g_assert_cmpuint (count (check, "grid-no-branch", LINLI_SUBJECT_GRID, g, NULL), ==, no_branch);
          g_assert_cmpuint (count (check, "grid-no-worker", LINLI_SUBJECT_GRID, g, NULL), ==, no_worker);
          expected += no_branch + no_worker;
        }
      for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
        {
          g_autoptr (LinliPartyGroup) group = g_list_model_get_item (groups, i);
          const char *leader = linli_party_group_get_leader (group);
          gboolean household = FALSE;
          guint n;
          const guint *bs = linli_party_group_get_buildings (group, &n);

          for (guint j = 0; j < g_list_model_get_n_items (households); j++)
            {
              g_autoptr (LinliMemberHousehold) h = g_list_model_get_item (households, j);

              for (guint k = 0; k < n; k++)
                household |= bs[k] == linli_member_household_get_building (h) && bs[k] < n_buildings;
            }
          g_assert_cmpuint (count (check, "group-no-leader", LINLI_SUBJECT_PARTY_GROUP, 0,
                                   linli_party_group_get_id (group)), ==, leader == NULL);
          g_assert_cmpuint (count (check, "group-no-household", LINLI_SUBJECT_PARTY_GROUP, 0,
                                   linli_party_group_get_id (group)), ==, !household);
          expected += (leader == NULL) + !household;
        }
      /* Nothing else but dangling references. */
      g_assert_cmpuint (check->violations->len - count_rule (check, "dangling-reference"), ==, expected);
    }
}

/* A generated district has every kind of hole, at about the rates the
 * generator says, and a chain that mostly holds. */
static void
test_generated (void)
{
  LinliGeneratorOptions opts;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliOrgCheck) check = NULL;
  const char *rules[] = { "building-no-member", "building-no-group", "compound-no-branch", "group-no-leader",
                          "group-no-household" };
  const LinliOrgFigures *d;

  linli_generator_options_init (&opts);
  opts.seed = 3;
  opts.n_buildings = 4000;
  project = linli_generate_district (&opts);
  check = linli_org_check (project, NULL);
  d = &check->district;
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (count_rule (check, rules[i]) == 0)
      g_error ("no “%s” in a generated district", rules[i]);
  g_assert_cmpuint (count_rule (check, "dangling-reference"), ==, 0);
  g_assert_cmpfloat (linli_org_figures_share (d->compounds_with_branch, d->compounds), >, 0.75);
  g_assert_cmpfloat (linli_org_figures_share (d->compounds_with_branch, d->compounds), <, 0.98);
  g_assert_cmpfloat (linli_org_figures_share (d->buildings_with_member, d->buildings), >, 0.9);
  g_assert_cmpfloat (linli_org_figures_share (d->buildings_with_member, d->buildings), <, 0.995);
  g_assert_cmpfloat (linli_org_figures_share (d->buildings_with_group, d->buildings_with_member), >, 0.85);
  g_assert_cmpfloat (linli_org_figures_share (d->buildings_with_group, d->buildings_with_member), <, 0.99);
}

/* Empty projects and chains are fine. */
static void
test_empty (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  g_autoptr (LinliOrgCheck) check = linli_org_check (project, NULL);

  g_assert_cmpuint (check->violations->len, ==, 0);
  g_assert_cmpuint (check->district.buildings, ==, 0);
  g_assert_cmpfloat (linli_org_figures_share (0, 0), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/org-check/buildings", test_building_rules);
  g_test_add_func ("/org-check/compounds", test_compound_rule);
  g_test_add_func ("/org-check/grids", test_grid_rules);
  g_test_add_func ("/org-check/groups", test_group_rules);
  g_test_add_func ("/org-check/brute-force", test_brute_force);
  g_test_add_func ("/org-check/generated", test_generated);
  g_test_add_func ("/org-check/empty", test_empty);
  return g_test_run ();
}
