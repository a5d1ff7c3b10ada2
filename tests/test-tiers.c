/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Each tier's own reach, the services within reach and the plan's honesty,
 * against counts made here building by building. */
#include <math.h>
#include <string.h>

#include "linli-coverage.h"
#include "linli-format.h"
#include "linli-history.h"
#include "linli-plan-project.h"
#include "linli-project-edits.h"
#include "linli-test-utils.h"

#define LAT0 31.30
#define LON0 120.15

/* The reach of a tier as the standard and the walk define it, worked out
 * here rather than asked of the project. */
static double
expected_reach (LinliProject     *project,
                const LinliReach *reach)
{
  double speed = linli_project_get_walk_speed (project);

  switch (reach->rule)
    {
    case LINLI_REACH_GB_5: return 300;
    case LINLI_REACH_GB_10: return 500;
    case LINLI_REACH_GB_15: return 1000;
    case LINLI_REACH_WALK: return reach->minutes * speed / 60 * 1000;
    case LINLI_REACH_PROJECT:
    case LINLI_N_REACH_RULES:
    default:
      return linli_project_get_walk_minutes (project) * speed / 60 * 1000;
    }
}

static void
random_reach (GRand      *rand,
              LinliReach *reach)
{
  reach->rule = g_rand_int_range (rand, 0, LINLI_N_REACH_RULES);
  reach->minutes = reach->rule == LINLI_REACH_WALK ? g_rand_int_range (rand, 2, 25) : 0;
}

/* Buildings and sites of every tier scattered over about 3 × 3 km. */
static LinliProject *
random_project (guint32 seed,
                guint   n_buildings,
                guint   n_sites)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  LinliProject *project = linli_project_new ();
  LinliProjection proj;
  guint k;

  linli_projection_init (&proj, LAT0, LON0);
  linli_project_add_community (project, "c1", "一社区");
  linli_project_add_community (project, "c2", "二社区");
  k = linli_project_add_compound (project, "k1", "一小区", 0);
  linli_project_add_compound (project, "k2", "二小区", 1);
  for (guint i = 0; i < n_buildings; i++)
    {
      g_autofree char *bid = g_strdup_printf ("b%u", i);
      LinliBuilding b = { 0 };

      b.id = bid;
      b.compound = k + (i % 2);
      linli_projection_inverse (&proj, g_rand_double_range (rand, 0, 3000),
                                g_rand_double_range (rand, 0, 3000), &b.lat, &b.lon);
      b.households = g_rand_int_range (rand, 1, 200);
      b.residents = b.households * 2;
      linli_project_add_building (project, &b, NULL, 0);
    }
  for (guint s = 0; s < n_sites; s++)
    {
      LinliSiteState st = { 0 };
      g_autoptr (LinliSite) site = NULL;
      g_autofree char *sid = g_strdup_printf ("s%u", s);

      st.id = sid;
      st.tier = g_rand_int_range (rand, 0, LINLI_SITE_N_TIERS);
      st.status = g_rand_int_range (rand, 0, LINLI_SITE_N_STATUSES);
      st.services = g_rand_int_range (rand, 0, LINLI_SERVICES_ALL + 1);
      st.capacity = g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 50, 3000);
      st.cost = -1;
      linli_projection_inverse (&proj, g_rand_double_range (rand, 0, 3000),
                                g_rand_double_range (rand, 0, 3000), &st.lat, &st.lon);
      site = linli_site_new (&st);
      linli_project_add_site (project, site);
    }
  linli_project_set_walk_minutes (project, g_rand_int_range (rand, 3, 15));
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      LinliReach reach;

      random_reach (rand, &reach);
      linli_project_set_tier_reach (project, t, &reach);
    }
  return project;
}

/* Whether site @s reaches building @i by straight line, by the test's own
 * reach of its tier. */
static gboolean
reaches (LinliProject *project,
         guint         s,
         guint         i)
{
  const LinliProjection *proj = linli_project_get_projection (project);
  LinliSite *site = linli_project_get_site (project, s);
  const LinliBuilding *b = linli_project_get_building (project, i);
  LinliReach reach;
  double sx, sy, bx, by;

  linli_project_get_tier_reach (project, linli_site_get_tier (site), &reach);
  linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &sx, &sy);
  linli_projection_forward (proj, b->lat, b->lon, &bx, &by);
  return hypot (bx - sx, by - sy) <= expected_reach (project, &reach);
}

/* Every building against every site: cover counts, totals, each site's
 * households and the households within reach of each service. */
static void
assert_matches_brute_force (LinliProject        *project,
                            const LinliCoverage *cov)
{
  guint n_b = linli_project_get_n_buildings (project), n_s = linli_project_get_n_sites (project);
  g_autofree guint64 *site_hh = g_new0 (guint64, MAX (n_s, 1));
  guint64 service_hh[LINLI_N_SERVICES] = { 0 };
  guint64 covered = 0;

  for (guint i = 0; i < n_b; i++)
    {
      guint count = 0, services = 0;
      guint hh = linli_project_get_building (project, i)->households;

      for (guint s = 0; s < n_s; s++)
        {
          LinliSite *site = linli_project_get_site (project, s);

          if (!reaches (project, s, i))
            continue;
          site_hh[s] += hh;
          if (linli_site_get_status (site) != LINLI_SITE_STATUS_CANDIDATE)
            {
              count++;
              services |= linli_site_get_services (site);
            }
        }
      g_assert_cmpuint (linli_coverage_get_cover_count (cov, i), ==, count);
      if (count > 0)
        covered += hh;
      for (guint k = 0; k < LINLI_N_SERVICES; k++)
        if (services & (1u << k))
          service_hh[k] += hh;
    }
  g_assert_cmpuint (linli_coverage_get_district (cov)->households_covered, ==, covered);
  for (guint s = 0; s < n_s; s++)
    g_assert_cmpuint (linli_coverage_site_households (cov, s), ==, site_hh[s]);
  for (guint k = 0; k < LINLI_N_SERVICES; k++)
    g_assert_cmpuint (linli_coverage_service_households (cov, 1u << k), ==, service_hh[k]);
}

static void
test_reach_strings (void)
{
  static const char *const good[] = { "project", "gb-5", "gb-10", "gb-15", "1", "12.5", "120" };
  static const char *const bad[] = { "", "gb-20", "0", "0.5", "121", "-5", "+5", "1e1", "nan", "inf",
                                     " 5", "5 ", "5min", "..", "100000000000000000000000000000000000" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      LinliReach reach, again;
      g_autofree char *str = NULL;

      g_assert_true (linli_reach_from_string (good[i], &reach));
      g_assert_true (linli_reach_is_valid (&reach));
      str = linli_reach_to_string (&reach);
      g_assert_true (linli_reach_from_string (str, &again));
      g_assert_true (linli_reach_equal (&reach, &again));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      LinliReach reach;

      g_assert_false (linli_reach_from_string (bad[i], &reach));
    }
}

/* The GB 50180 presets are the standard's walking distances, and a tier's
 * own minutes go at the project's speed. */
static void
test_reach_metres (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  LinliReach r = { LINLI_REACH_GB_15, 0 };

  linli_project_set_walk_minutes (project, 10);
  linli_project_set_walk_speed (project, 4.8);
  g_assert_false (linli_project_has_tier_reaches (project));
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    g_assert_cmpfloat_with_epsilon (linli_project_get_reach (project, t), 800, 1e-9);

  linli_project_set_tier_reach (project, LINLI_SITE_TIER_STREET, &r);
  r = (LinliReach) { LINLI_REACH_GB_5, 0 };
  linli_project_set_tier_reach (project, LINLI_SITE_TIER_STATION, &r);
  r = (LinliReach) { LINLI_REACH_WALK, 5 };
  linli_project_set_tier_reach (project, LINLI_SITE_TIER_NEIGHBOURHOOD, &r);
  g_assert_true (linli_project_has_tier_reaches (project));
  g_assert_cmpfloat (linli_project_get_reach (project, LINLI_SITE_TIER_STREET), ==, 1000);
  g_assert_cmpfloat (linli_project_get_reach (project, LINLI_SITE_TIER_COMMUNITY), ==, 800);
  g_assert_cmpfloat (linli_project_get_reach (project, LINLI_SITE_TIER_STATION), ==, 300);
  g_assert_cmpfloat_with_epsilon (linli_project_get_reach (project, LINLI_SITE_TIER_NEIGHBOURHOOD),
                                  5 * 4.8 / 60 * 1000, 1e-9);
  g_assert_cmpfloat (linli_project_get_max_reach (project), ==, 1000);

  /* The legend names the standard and each tier. */
  {
    g_autofree char *text = linli_project_describe_reach (project, LINLI_DISTANCE_LINE);

    g_assert_nonnull (strstr (text, "GB 50180 15-minute"));
    g_assert_nonnull (strstr (text, "GB 50180 5-minute"));
    g_assert_nonnull (strstr (text, "stations"));
  }
}

/* By straight line, against every building × every site. */
static void
test_coverage_brute_force (void)
{
  for (guint32 seed = 1; seed <= linli_test_cases (12); seed++)
    {
      g_autoptr (LinliProject) project = random_project (seed, 700, 25);
      g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);

      assert_matches_brute_force (project, cov);
    }
}

/* Site moves, adds, deletes, tier and status changes and rule changes, each
 * followed incrementally, stay exact. */
static void
test_incremental (void)
{
  g_autoptr (LinliProject) project = random_project (77, 900, 20);
  g_autoptr (GRand) rand = g_rand_new_with_seed (78);
  g_autoptr (LinliCoverage) kept = linli_coverage_compute (project, NULL);
  LinliProjection proj;
  guint incremental = 0, steps = linli_test_cases (400);

  linli_projection_init (&proj, LAT0, LON0);
  for (guint step = 0; step < steps; step++)
    {
      guint n_sites = linli_project_get_n_sites (project);
      guint op = g_rand_int_range (rand, 0, 10);
      LinliSite *site = n_sites > 0 ? linli_project_get_site (project, g_rand_int_range (rand, 0, n_sites)) : NULL;

      if (op < 3 && site != NULL)
        linli_site_set_position (site, linli_site_get_lat (site) + g_rand_double_range (rand, -2e-3, 2e-3),
                                 linli_site_get_lon (site) + g_rand_double_range (rand, -2e-3, 2e-3));
      else if (op < 4 && site != NULL)
        linli_site_set_tier (site, g_rand_int_range (rand, 0, LINLI_SITE_N_TIERS));
      else if (op < 5 && site != NULL)
        linli_site_set_services (site, g_rand_int_range (rand, 0, LINLI_SERVICES_ALL + 1));
      else if (op < 6 && site != NULL)
        linli_project_remove_site (project, site);
      else if (op < 7)
        {
          LinliSiteState st = { 0 };
          g_autofree char *id = linli_project_new_site_id (project);
          g_autoptr (LinliSite) added = NULL;

          st.id = id;
          st.tier = g_rand_int_range (rand, 0, LINLI_SITE_N_TIERS);
          st.status = g_rand_int_range (rand, 0, LINLI_SITE_N_STATUSES);
          st.services = g_rand_int_range (rand, 0, LINLI_SERVICES_ALL + 1);
          st.cost = -1;
          linli_projection_inverse (&proj, g_rand_double_range (rand, 0, 3000),
                                    g_rand_double_range (rand, 0, 3000), &st.lat, &st.lon);
          added = linli_site_new (&st);
          linli_project_insert_site (project, g_rand_int_range (rand, 0, n_sites + 1), added);
        }
      else if (op < 9)
        {
          LinliReach reach;

          random_reach (rand, &reach);
          linli_project_set_tier_reach (project, g_rand_int_range (rand, 0, LINLI_SITE_N_TIERS), &reach);
        }
      else
        linli_project_set_walk_minutes (project, g_rand_int_range (rand, 3, 15));

      incremental += linli_coverage_update (kept, project, NULL);
      assert_matches_brute_force (project, kept);
    }
  /* Most steps were followed, not recomputed. */
  g_assert_cmpuint (incremental, >, steps / 2);
}

/* Setting the reaches is one undoable edit. */
static void
test_edit_undo (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliReach reaches[LINLI_SITE_N_TIERS] = {
    { LINLI_REACH_GB_15, 0 }, { LINLI_REACH_WALK, 10 }, { LINLI_REACH_GB_5, 0 }, { LINLI_REACH_PROJECT, 0 },
  };
  LinliReach got;
  guint changed = 0;

  g_signal_connect_swapped (project, "changed", G_CALLBACK (g_atomic_int_inc), &changed);
  linli_project_edits_set_reaches (history, reaches);
  g_assert_cmpuint (changed, ==, 1);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      linli_project_get_tier_reach (project, t, &got);
      g_assert_true (linli_reach_equal (&got, &reaches[t]));
    }
  /* The same again records nothing. */
  linli_project_edits_set_reaches (history, reaches);
  g_assert_true (linli_history_undo (history));
  g_assert_false (linli_project_has_tier_reaches (project));
  g_assert_false (linli_history_undo (history));
  g_assert_true (linli_history_redo (history));
  linli_project_get_tier_reach (project, LINLI_SITE_TIER_STREET, &got);
  g_assert_cmpint (got.rule, ==, LINLI_REACH_GB_15);

  got = (LinliReach) { LINLI_REACH_WALK, 7 };
  linli_project_edits_set_tier_reach (history, LINLI_SITE_TIER_STATION, &got);
  g_assert_cmpfloat_with_epsilon (linli_project_get_reach (project, LINLI_SITE_TIER_STATION),
                                  7 * LINLI_DEFAULT_WALK_SPEED_KMH / 60 * 1000, 1e-9);
  g_assert_true (linli_history_undo (history));
  g_assert_cmpfloat (linli_project_get_reach (project, LINLI_SITE_TIER_STATION), ==, 300);
}

/* Saved and loaded; a file with one rule gives it to every tier; a bad
 * reach is refused with its line. */
static void
test_format (void)
{
  g_autoptr (LinliProject) project = random_project (5, 50, 6);
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);
  g_autoptr (LinliProject) loaded = NULL;
  g_autoptr (GError) error = NULL;
  static const char old[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<linli version=\"2\">\n"
    "  <settings walk-minutes=\"12\" walk-speed-kmh=\"5\"/>\n</linli>\n";
  static const char bad[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<linli version=\"2\">\n"
    "  <settings walk-minutes=\"12\" reach-station=\"gb-7\"/>\n</linli>\n";

  loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "t.linli", &error);
  g_assert_no_error (error);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      LinliReach a, b;

      linli_project_get_tier_reach (project, t, &a);
      linli_project_get_tier_reach (loaded, t, &b);
      g_assert_true (linli_reach_equal (&a, &b));
    }
  linli_test_assert_projects_equal (project, loaded, 1e-7, 1e-9);
  g_clear_object (&loaded);

  loaded = linli_format_load_data (old, sizeof old - 1, "old.linli", &error);
  g_assert_no_error (error);
  g_assert_false (linli_project_has_tier_reaches (loaded));
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    g_assert_cmpfloat_with_epsilon (linli_project_get_reach (loaded, t), 1000, 1e-9);
  g_clear_object (&loaded);

  loaded = linli_format_load_data (bad, sizeof bad - 1, "bad.linli", &error);
  g_assert_null (loaded);
  g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.linli"));
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_nonnull (strstr (error->message, "reach-station"));
}

/* Covered weight of the open sites, each by its own reach, counted here. */
static double
brute_covered (LinliProject *project,
               const guint8 *open,
               guint         service)
{
  double total = 0;

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    for (guint s = 0; s < linli_project_get_n_sites (project); s++)
      if (open[s] && reaches (project, s, i) &&
          (service == 0 || (linli_site_get_services (linli_project_get_site (project, s)) & service)))
        {
          total += linli_project_get_building (project, i)->households;
          break;
        }
  return total;
}

/* Maximal covering by tier reach, and for one service, against every
 * choice of k candidates. */
static void
test_plan_brute_force (void)
{
  for (guint32 seed = 1; seed <= linli_test_cases (10); seed++)
    for (guint service = 0; service <= LINLI_SERVICE_HEALTH; service = service ? service << 1 : 1)
      {
        g_autoptr (LinliProject) project = random_project (100 + seed, 120, 9);
        g_autoptr (LinliPlanInstance) inst = NULL;
        g_autoptr (LinliPlanResult) result = NULL;
        g_autoptr (GError) error = NULL;
        LinliPlanOptions opts;
        guint n_s = linli_project_get_n_sites (project), k = 2;
        guint8 open[16];
        double best = 0, got;

        for (guint s = 0; s < n_s; s++)
          if (linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_CANDIDATE)
            linli_site_set_plan_rule (linli_project_get_site (project, s), LINLI_SITE_PLAN_ALLOWED);
        inst = linli_plan_instance_new_from_project_full (project, NULL,
                                                          3 * linli_project_get_coverage_radius (project),
                                                          TRUE, service);
        linli_plan_options_init (&opts);
        opts.problem = LINLI_PLAN_MCLP;
        opts.k = k;
        opts.radius = linli_project_get_coverage_radius (project);
        result = linli_plan_solve (inst, &opts, NULL, NULL, NULL, &error);
        g_assert_no_error (error);

        /* Every subset of at most k candidates that offer the service. */
        for (guint mask = 0; mask < (1u << n_s); mask++)
          {
            guint n_new = 0;
            gboolean ok = TRUE;

            for (guint s = 0; s < n_s; s++)
              {
                LinliSite *site = linli_project_get_site (project, s);
                gboolean cand = linli_site_get_status (site) == LINLI_SITE_STATUS_CANDIDATE;

                open[s] = !cand || (mask & (1u << s));
                if (cand && (mask & (1u << s)))
                  {
                    n_new++;
                    ok &= service == 0 || (linli_site_get_services (site) & service) != 0;
                  }
                else if (!cand && (mask & (1u << s)))
                  ok = FALSE;
              }
            if (ok && n_new <= k)
              best = MAX (best, brute_covered (project, open, service));
          }
        for (guint s = 0; s < n_s; s++)
          open[s] = linli_site_get_status (linli_project_get_site (project, s)) != LINLI_SITE_STATUS_CANDIDATE;
        for (guint c = 0; c < result->n_chosen; c++)
          open[result->chosen[c]] = TRUE;
        got = brute_covered (project, open, service);
        g_assert_cmpfloat_with_epsilon (result->covered_weight, got, 1e-6);
        g_assert_cmpfloat_with_epsilon (result->covered_weight, best, 1e-6);
        g_assert_true (result->proven_optimal);
      }
}

/* No candidate a plan could open: the instance says so. */
static void
test_no_candidates (void)
{
  g_autoptr (LinliProject) project = random_project (9, 100, 8);
  g_autoptr (LinliPlanInstance) inst = NULL;
  guint n = 0;

  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    n += linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_CANDIDATE;
  g_assert_cmpuint (n, >, 0);
  inst = linli_plan_instance_new_from_project (project, NULL, 2000);
  g_assert_cmpuint (linli_plan_instance_count_openable (inst), ==, n);
  g_clear_pointer (&inst, linli_plan_instance_unref);

  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    if (linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_CANDIDATE)
      linli_site_set_status (linli_project_get_site (project, s), LINLI_SITE_STATUS_EXISTING);
  inst = linli_plan_instance_new_from_project (project, NULL, 2000);
  g_assert_cmpuint (linli_plan_instance_count_openable (inst), ==, 0);
  g_clear_pointer (&inst, linli_plan_instance_unref);

  /* Nor when none of them offers the service asked for. */
  {
    LinliSiteState st = { .id = (char *) "cand", .status = LINLI_SITE_STATUS_CANDIDATE,
                          .services = LINLI_SERVICE_FOOD, .lat = LAT0, .lon = LON0, .cost = -1 };
    g_autoptr (LinliSite) site = linli_site_new (&st);

    linli_project_add_site (project, site);
    inst = linli_plan_instance_new_from_project_full (project, NULL, 2000, TRUE, LINLI_SERVICE_HEALTH);
    g_assert_cmpuint (linli_plan_instance_count_openable (inst), ==, 0);
    g_clear_pointer (&inst, linli_plan_instance_unref);
    inst = linli_plan_instance_new_from_project_full (project, NULL, 2000, TRUE, LINLI_SERVICE_FOOD);
    g_assert_cmpuint (linli_plan_instance_count_openable (inst), ==, 1);
  }
}

/* The sites over capacity, against a count made here. */
static void
test_over_capacity (void)
{
  for (guint32 seed = 1; seed <= 6; seed++)
    {
      g_autoptr (LinliProject) project = random_project (200 + seed, 600, 20);
      g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
      g_autofree LinliPlanOverCapacity *over = NULL;
      guint n_over = 0, k = 0;

      over = linli_plan_project_over_capacity (project, cov, &n_over);
      for (guint s = 0; s < linli_project_get_n_sites (project); s++)
        {
          LinliSite *site = linli_project_get_site (project, s);
          guint64 in_reach = 0;

          for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
            if (reaches (project, s, i))
              in_reach += linli_project_get_building (project, i)->households;
          if (linli_site_get_status (site) == LINLI_SITE_STATUS_CANDIDATE ||
              linli_site_get_capacity (site) == 0 || in_reach <= linli_site_get_capacity (site))
            continue;
          g_assert_cmpuint (k, <, n_over);
          g_assert_cmpuint (over[k].site, ==, s);
          g_assert_cmpuint (over[k].in_reach, ==, in_reach);
          g_assert_cmpuint (over[k].over, ==, in_reach - linli_site_get_capacity (site));
          k++;
        }
      g_assert_cmpuint (k, ==, n_over);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tiers/reach-strings", test_reach_strings);
  g_test_add_func ("/tiers/reach-metres", test_reach_metres);
  g_test_add_func ("/tiers/coverage-brute-force", test_coverage_brute_force);
  g_test_add_func ("/tiers/incremental", test_incremental);
  g_test_add_func ("/tiers/edit-undo", test_edit_undo);
  g_test_add_func ("/tiers/format", test_format);
  g_test_add_func ("/tiers/plan-brute-force", test_plan_brute_force);
  g_test_add_func ("/tiers/no-candidates", test_no_candidates);
  g_test_add_func ("/tiers/over-capacity", test_over_capacity);
  return g_test_run ();
}
