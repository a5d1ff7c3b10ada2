/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-generator"

#include "config.h"

#include "linli-generator.h"
#include "linli-generator-private.h"

#include "linli-grids.h"
#include "linli-partners.h"

#include <math.h>

/* The generated district's partner units and lists: about five units per
 * community (DOMAIN.md: one city had 379 units reporting; one community
 * folded 36 enterprises, 9 markets and 56 social organisations into its
 * 大党委), each offering what its kind of unit usually offers, near a
 * building of the district; three to six needs per community, some for a
 * compound or a grid; and a few service records with evaluations.  The
 * capacities fall short of the needs in some categories and not in
 * others, so an assignment meets most needs and has reasons for the rest. */

/* Its own random numbers, from the district's seed: what was generated
 * before comes out as it did. */
#define PARTNERS_SEED_SALT 0x70617274u

typedef struct
{
  LinliPartnerUnitType  type;
  const char           *prefix;        /* before a place name part */
  const char           *suffix;        /* after it */
  const char           *offers[4];     /* categories, most usual first */
  guint                 min_members;
  guint                 max_members;
} UnitKind;

static const UnitKind kinds[] = {
  { LINLI_PARTNER_UNIT_SCHOOL, "", "实验学校",
    { "tutoring", "venue", "cultural-activities", "sports" }, 8, 40 },
  { LINLI_PARTNER_UNIT_HOSPITAL, "", "社区卫生服务中心",
    { "medical-checks", "counselling", "elderly-care" }, 6, 30 },
  { LINLI_PARTNER_UNIT_AGENCY, "区", "城管局", { "legal-advice", "volunteers", "employment" }, 10, 60 },
  { LINLI_PARTNER_UNIT_ENTERPRISE, "", "科技有限公司", { "funds", "volunteers", "employment" }, 3, 25 },
  { LINLI_PARTNER_UNIT_MARKET, "", "农贸市场", { "venue", "funds" }, 2, 8 },
  { LINLI_PARTNER_UNIT_PROPERTY, "", "物业服务有限公司", { "repairs", "environment", "venue" }, 2, 10 },
  { LINLI_PARTNER_UNIT_SOCIAL, "", "志愿者协会",
    { "elderly-care", "child-care", "volunteers", "counselling" }, 3, 20 },
};

/* How each category is counted and how much a unit or a need has of it. */
typedef struct
{
  const char         *category;
  const char         *measure;
  LinliPartnerPeriod  period;
  double              min_capacity;
  double              max_capacity;
} CategoryScale;

static const CategoryScale scales[] = {
  { "venue", "场次", LINLI_PARTNER_PERIOD_MONTH, 2, 8 },
  { "volunteers", "小时", LINLI_PARTNER_PERIOD_MONTH, 20, 120 },
  { "medical-checks", "人次", LINLI_PARTNER_PERIOD_QUARTER, 60, 300 },
  { "tutoring", "小时", LINLI_PARTNER_PERIOD_MONTH, 10, 60 },
  { "legal-advice", "小时", LINLI_PARTNER_PERIOD_MONTH, 4, 16 },
  { "funds", "元", LINLI_PARTNER_PERIOD_YEAR, 5000, 50000 },
  { "elderly-care", "小时", LINLI_PARTNER_PERIOD_MONTH, 20, 100 },
  { "child-care", "小时", LINLI_PARTNER_PERIOD_MONTH, 10, 60 },
  { "cultural-activities", "场", LINLI_PARTNER_PERIOD_QUARTER, 2, 8 },
  { "sports", "场", LINLI_PARTNER_PERIOD_MONTH, 1, 4 },
  { "counselling", "小时", LINLI_PARTNER_PERIOD_MONTH, 4, 20 },
  { "employment", "人次", LINLI_PARTNER_PERIOD_MONTH, 5, 30 },
  { "repairs", "次", LINLI_PARTNER_PERIOD_MONTH, 10, 40 },
  { "environment", "次", LINLI_PARTNER_PERIOD_MONTH, 2, 8 },
};

static const char *const name_parts[] = {
  "运河", "拱宸", "大关", "和睦", "小河", "湖墅", "半山", "祥符", "康桥", "上塘", "米市", "卖鱼桥",
};

static const char *const comments[] = { "服务及时", "很满意", "希望多来几次", "时间安排不太合适", "效果很好" };

static const CategoryScale *
scale_of (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (g_strcmp0 (scales[i].category, category) == 0)
      return &scales[i];
  g_assert_not_reached ();
}

static double
round_quantity (double value)
{
  if (value >= 1000)
    return round (value / 100) * 100;
  return MAX (round (value), 1);
}

static void
add_need (LinliPartners         *partners,
          GRand                 *rng,
          LinliPartnerPlaceKind  kind,
          const char            *place,
          const char            *category,
          double                 share)
{
  const CategoryScale *s = scale_of (category);
  g_autofree char *id = linli_partners_new_id (partners, LINLI_PARTNER_LIST_NEEDS);
  LinliPartnerNeed need = { id, kind, (char *) place, (char *) category };

  /* A need is one to two units' capacity in its category, times @share. */
  need.quantity = round_quantity (share * g_rand_double_range (rng, s->min_capacity,
                                                               2 * s->max_capacity));
  need.period = s->period;
  if (g_rand_double (rng) < 0.15)
    need.priority = g_rand_int_range (rng, 8, 11);
  else
    need.priority = g_rand_int_range (rng, 1, 6);
  linli_partners_insert (partners, LINLI_PARTNER_LIST_NEEDS, G_MAXUINT, &need);
}

/**
 * linli_generator_add_partners:
 * @project: a generated district, with or without grids
 * @seed: the same seed gives the same lists
 *
 * Gives @project partner units with resource items near its buildings,
 * needs of its communities, compounds and grids, and a few service records
 * with evaluations.
 *
 * Returns: how many units were added
 */
guint
linli_generator_add_partners (LinliProject *project,
                              guint32       seed)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (seed ^ PARTNERS_SEED_SALT);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  LinliPartners *partners;
  LinliGrids *grids;
  guint n_communities, n_compounds, n_buildings, n_units;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), 0);

  partners = linli_project_get_partners (project);
  grids = linli_project_get_grids (project);
  n_communities = linli_project_get_n_communities (project);
  n_compounds = linli_project_get_n_compounds (project);
  n_buildings = linli_project_get_n_buildings (project);
  if (n_buildings == 0)
    return 0;

  n_units = MAX (3, 5 * n_communities);
  for (guint i = 0; i < n_units; i++)
    {
      const UnitKind *kind = &kinds[g_rand_int_range (rng, 0, G_N_ELEMENTS (kinds))];
      guint building = g_rand_int_range (rng, 0, n_buildings);
      const LinliBuilding *near = linli_project_get_building (project, building);
      g_autofree char *id = linli_partners_new_id (partners, LINLI_PARTNER_LIST_UNITS);
      g_autofree char *name = NULL, *contact = _linli_generator_person_name (rng);
      LinliPartnerResource resources[4];
      guint n_offers = 0, max_offers = 0;
      const char *part;
      LinliPartnerUnit unit = { id };

      while (max_offers < G_N_ELEMENTS (kind->offers) && kind->offers[max_offers] != NULL)
        max_offers++;
      /* The usual offer always, the others now and then. */
      for (guint k = 0; k < max_offers; k++)
        if (k == 0 || g_rand_double (rng) < 0.5)
          {
            const CategoryScale *s = scale_of (kind->offers[k]);
            LinliPartnerResource *res = &resources[n_offers++];

            /* One draw a statement: the same seed gives the same lists on any compiler. */
            res->category = (char *) s->category;
            res->quantity = g_rand_int_range (rng, 1, 20);
            res->measure = (char *) s->measure;
            res->capacity = round_quantity (g_rand_double_range (rng, s->min_capacity,
                                                                 s->max_capacity));
            res->period = s->period;
          }
      part = name_parts[g_rand_int_range (rng, 0, G_N_ELEMENTS (name_parts))];
      name = g_strconcat (kind->prefix, part, kind->suffix, NULL);
      /* Two units of one name would be one to a reader: number the second. */
      for (guint k = 2; g_hash_table_contains (names, name); k++)
        {
          g_free (name);
          name = g_strdup_printf ("%s%s%s（%u）", kind->prefix, part, kind->suffix, k);
        }
      g_hash_table_add (names, g_strdup (name));
      unit.name = name;
      unit.type = kind->type;
      unit.has_position = TRUE;
      /* Within about 150 m of a building, where such units stand. */
      unit.lat = near->lat + g_rand_double_range (rng, -0.0013, 0.0013);
      unit.lon = near->lon + g_rand_double_range (rng, -0.0015, 0.0015);
      unit.contact = contact;
      unit.members = g_rand_int_range (rng, kind->min_members, kind->max_members + 1);
      unit.resources = resources;
      unit.n_resources = n_offers;
      linli_partners_insert (partners, LINLI_PARTNER_LIST_UNITS, G_MAXUINT, &unit);
    }

  for (guint c = 0; c < n_communities; c++)
    {
      const char *community = linli_project_get_community (project, c)->id;
      guint n_needs = g_rand_int_range (rng, 3, 7);

      for (guint k = 0; k < n_needs; k++)
        add_need (partners, rng, LINLI_PARTNER_PLACE_COMMUNITY, community,
                  scales[g_rand_int_range (rng, 0, G_N_ELEMENTS (scales))].category, 1.0);
    }
  for (guint k = 0; k < n_compounds; k++)
    if (g_rand_double (rng) < 0.15)
      {
        const char *category = g_rand_boolean (rng) ? "repairs" : "elderly-care";

        add_need (partners, rng, LINLI_PARTNER_PLACE_COMPOUND,
                  linli_project_get_compound (project, k)->id, category, 0.3);
      }
  for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
    if (g_rand_double (rng) < 0.2)
      {
        const char *category = g_rand_boolean (rng) ? "volunteers" : "child-care";

        add_need (partners, rng, LINLI_PARTNER_PLACE_GRID,
                  linli_grid_get_id (linli_grids_get_grid (grids, g)), category, 0.3);
      }

  /* Services delivered this year, each to a need of a category the unit offers. */
  for (guint n = 0; n < linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS); n++)
    {
      const LinliPartnerNeed *need = linli_partners_get_need (partners, n);
      guint n_units_now = linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS);

      if (g_rand_double (rng) > 0.3)
        continue;
      for (guint tries = 0; tries < 10; tries++)
        {
          guint chosen = g_rand_int_range (rng, 0, n_units_now);
          const LinliPartnerUnit *unit = linli_partners_get_unit (partners, chosen);
          gboolean offers = FALSE;

          for (guint r = 0; r < unit->n_resources; r++)
            offers |= g_strcmp0 (unit->resources[r].category, need->category) == 0;
          if (offers)
            {
              g_autofree char *id = linli_partners_new_id (partners, LINLI_PARTNER_LIST_RECORDS);
              guint month = g_rand_int_range (rng, 1, 12);
              guint day = g_rand_int_range (rng, 1, 29);
              g_autofree char *date = g_strdup_printf ("2026-%02u-%02u", month, day);
              g_autofree char *person = _linli_generator_person_name (rng);
              LinliServiceRecord record = { id, unit->id, need->id, need->place_kind, need->place,
                                            need->category, date, 0, person, NULL };

              record.hours = g_rand_int_range (rng, 1, 9);
              linli_partners_insert (partners, LINLI_PARTNER_LIST_RECORDS, G_MAXUINT, &record);
              if (g_rand_boolean (rng))
                {
                  g_autofree char *eid = linli_partners_new_id (partners,
                                                                LINLI_PARTNER_LIST_EVALUATIONS);
                  LinliServiceEvaluation evaluation = { eid, id };
                  guint comment;


                  evaluation.score = g_rand_int_range (rng, 3, 6);
                  comment = g_rand_int_range (rng, 0, G_N_ELEMENTS (comments));
                  evaluation.comment = (char *) comments[comment];
                  linli_partners_insert (partners, LINLI_PARTNER_LIST_EVALUATIONS, G_MAXUINT,
                                         &evaluation);
                }

              break;
            }
        }
    }
  return n_units;
}
