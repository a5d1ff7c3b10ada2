/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-generator"

#include "config.h"

#include "linli-generator-private.h"

#include "linli-org.h"

/* The generated district's party organisation: a committee secretary per
 * community, a branch for most compounds with three or more members,
 * building party groups of one to three neighbouring buildings with
 * members, and about two member households with plaques per group
 * (DOMAIN.md: one community had 8 branches, 88 groups and 177 plaque
 * households; one city 90.1 % of compounds with a branch).  With holes
 * the checks find, at these rates: */
#define COMMITTEE_WITHOUT_SECRETARY 0.05
#define COMPOUND_WITHOUT_BRANCH     0.10
#define BRANCH_WITHOUT_SECRETARY    0.03
#define BUILDING_WITHOUT_GROUP      0.06
#define GROUP_WITHOUT_LEADER        0.04
#define GROUP_WITHOUT_HOUSEHOLD     0.06

/* Its own random numbers, from the district's seed: the buildings and
 * sites come out as they did before the organisation was added. */
#define ORG_SEED_SALT 0x6f726721u

static const char *const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
  "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "沈", "陆", "蒋", "叶", "潘", "钱",
};
static const char *const given[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
  "霞", "平", "刚", "桂英", "建华", "国强", "玉兰", "志明", "红梅", "海燕", "文斌", "建国", "淑珍", "卫东",
};

/* A plausible Chinese name: grid workers, secretaries, leaders and
 * member households all take theirs from here. */
char *
_linli_generator_person_name (GRand *rng)
{
  return g_strconcat (surnames[g_rand_int_range (rng, 0, G_N_ELEMENTS (surnames))],
                      given[g_rand_int_range (rng, 0, G_N_ELEMENTS (given))], NULL);
}

static gboolean
chance (GRand  *rng,
        double  p)
{
  return g_rand_double (rng) < p;
}

void
_linli_generate_org (LinliProject *project,
                     guint32       seed)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (seed ^ ORG_SEED_SALT);
  LinliOrg *org = linli_project_get_org (project);
  guint n_compounds = linli_project_get_n_compounds (project);
  guint n_buildings = linli_project_get_n_buildings (project);
  const LinliBuilding *buildings = linli_project_get_buildings (project);
  g_autofree guint *first = g_new (guint, n_compounds + 1);
  g_autofree guint *count = g_new0 (guint, n_compounds + 1);
  g_autofree guint *order = g_new (guint, n_buildings + 1);
  g_autofree guint64 *members = g_new0 (guint64, n_compounds + 1);
  guint n_groups = 0, n_households = 0;

  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    if (!chance (rng, COMMITTEE_WITHOUT_SECRETARY))
      {
        g_autofree char *name = _linli_generator_person_name (rng);
        linli_org_set_secretary (org, c, name);
      }

  /* The buildings of each compound, in order (a counting sort). */
  for (guint b = 0; b < n_buildings; b++)
    {
      count[buildings[b].compound]++;
      members[buildings[b].compound] += buildings[b].party_members;
    }
  for (guint c = 0, sum = 0; c < n_compounds; c++)
    {
      first[c] = sum;
      sum += count[c];
      count[c] = 0;
    }
  for (guint b = 0; b < n_buildings; b++)
    order[first[buildings[b].compound] + count[buildings[b].compound]++] = b;

  for (guint c = 0; c < n_compounds; c++)
    {
      g_autofree char *branch_id = NULL;
      guint k = 0;

      if (members[c] >= 3 && !chance (rng, COMPOUND_WITHOUT_BRANCH))
        {
          g_autofree char *name = g_strdup_printf ("%s党支部", linli_project_get_compound (project, c)->name);
          g_autofree char *secretary = chance (rng, BRANCH_WITHOUT_SECRETARY) ? NULL : _linli_generator_person_name (rng);
          g_autoptr (LinliBranch) branch = NULL;
          LinliBranchState st = { .name = name, .kind = LINLI_BRANCH_COMPOUND, .compound = c,
                                  .secretary = secretary, .members = (guint) MIN (members[c], 100000) };

          branch_id = st.id = linli_org_new_branch_id (org);
          branch = linli_branch_new (&st);
          linli_org_insert_branch (org, G_MAXUINT, branch);
        }

      /* Groups of one to three neighbouring buildings that have members. */
      while (k < count[c])
        {
          guint group[3], n = 0, size = g_rand_int_range (rng, 1, 4);
          g_autofree char *leader = NULL, *name = NULL;
          g_autoptr (LinliPartyGroup) object = NULL;
          LinliPartyGroupState st = { 0 };
          guint plaques;

          while (k < count[c] && n < size)
            {
              guint b = order[first[c] + k++];

              if (buildings[b].party_members > 0 && !chance (rng, BUILDING_WITHOUT_GROUP))
                group[n++] = b;
            }
          if (n == 0)
            continue;
          name = g_strdup_printf ("%s%s党小组", linli_project_get_compound (project, c)->name,
                                  buildings[group[0]].name);
          leader = chance (rng, GROUP_WITHOUT_LEADER) ? NULL : _linli_generator_person_name (rng);
          st.id = linli_org_new_group_id (org);
          st.name = name;
          st.branch = branch_id;
          st.leader = leader;
          st.buildings = group;
          st.n_buildings = n;
          object = linli_party_group_new (&st);
          g_free (st.id);
          linli_org_insert_group (org, G_MAXUINT, object);
          n_groups++;

          plaques = chance (rng, GROUP_WITHOUT_HOUSEHOLD) ? 0 : g_rand_int_range (rng, 1, 4);
          for (guint p = 0; p < plaques; p++)
            {
              g_autofree char *room = g_strdup_printf ("%u单元%u0%u", g_rand_int_range (rng, 1, 5),
                                                       g_rand_int_range (rng, 1, 19), g_rand_int_range (rng, 1, 5));
              g_autofree char *person = _linli_generator_person_name (rng);
              g_autofree char *id = linli_org_new_household_id (org);
              LinliMemberHouseholdState hs = { .id = id, .building = group[g_rand_int_range (rng, 0, n)],
                                               .room = room, .name = person };
              g_autoptr (LinliMemberHousehold) household = linli_member_household_new (&hs);

              linli_org_insert_household (org, G_MAXUINT, household);
              n_households++;
            }
        }
    }
  g_debug ("organisation: %u branches, %u groups, %u member households",
           g_list_model_get_n_items (linli_org_get_branches (org)), n_groups, n_households);
}
