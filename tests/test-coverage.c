/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-coverage"

#include "config.h"

#include <math.h>
#include <string.h>

#include "linli-coverage.h"
#include "linli-test-utils.h"

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

static LinliSite *
add_site (LinliProject   *project,
          LinliSiteStatus status,
          double          lat,
          double          lon)
{
  g_autofree char *id = linli_project_new_site_id (project);
  LinliSiteState st = { 0 };
  g_autoptr (LinliSite) site = NULL;

  st.id = id;
  st.tier = LINLI_SITE_TIER_STATION;
  st.status = status;
  st.lat = lat;
  st.lon = lon;
  st.cost = -1;
  site = linli_site_new (&st);
  linli_project_add_site (project, site);
  return site;
}

static guint
add_building (LinliProject *project,
              double        lat,
              double        lon,
              guint         compound,
              guint         households,
              guint         residents)
{
  g_autofree char *id = g_strdup_printf ("b%u", linli_project_get_n_buildings (project));
  LinliBuilding b = { 0 };

  b.id = id;
  b.lat = lat;
  b.lon = lon;
  b.compound = compound;
  b.households = households;
  b.residents = residents;
  return linli_project_add_building (project, &b, NULL, 0);
}

/* The point @dx, @dy metres from (@lat, @lon) in the project's projection. */
static void
offset_point (LinliProject *project,
              double        lat,
              double        lon,
              double        dx,
              double        dy,
              double       *out_lat,
              double       *out_lon)
{
  const LinliProjection *proj = linli_project_get_projection (project);
  double x, y;

  linli_projection_forward (proj, lat, lon, &x, &y);
  linli_projection_inverse (proj, x + dx, y + dy, out_lat, out_lon);
}

/* Checks @cov against figures worked out here from the definitions, apart
 * from pairs whose distance is within a rounding error of the radius.
 *
 * Returns: the number of such undecidable building–site pairs
 */
static guint
check_against_definitions (LinliProject        *project,
                           const LinliCoverage *cov)
{
  const LinliProjection *proj = linli_project_get_projection (project);
  guint n_buildings = linli_project_get_n_buildings (project);
  guint n_sites = linli_project_get_n_sites (project);
  guint n_communities = linli_project_get_n_communities (project);
  double r = linli_project_get_coverage_radius (project);
  LinliCoverageTotals district = { 0 };
  LinliCoverageTotals *communities = g_new0 (LinliCoverageTotals, MAX (n_communities, 1));
  guint *counts = g_new0 (guint, MAX (n_buildings, 1));
  gboolean *ambiguous = g_new0 (gboolean, MAX (n_buildings, 1));
  guint64 *site_hh = g_new0 (guint64, MAX (n_sites, 1));
  gboolean *site_ambiguous = g_new0 (gboolean, MAX (n_sites, 1));
  const guint *uncovered;
  guint n_uncovered, n_zero = 0, n_ambiguous = 0;

  g_assert_cmpfloat (linli_coverage_get_radius (cov), ==, r);
  g_assert_cmpuint (linli_coverage_get_n_buildings (cov), ==, n_buildings);

  for (guint s = 0; s < n_sites; s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      gboolean counts_for_coverage = linli_site_get_status (site) != LINLI_SITE_STATUS_CANDIDATE;

      g_assert_true (linli_site_counts_for_coverage (site) == counts_for_coverage);
      for (guint i = 0; i < n_buildings; i++)
        {
          const LinliBuilding *b = linli_project_get_building (project, i);
          double d = linli_projection_distance (proj, linli_site_get_lat (site),
                                                linli_site_get_lon (site), b->lat, b->lon);

          if (fabs (d - r) <= 1e-6 * MAX (r, 1))
            {
              ambiguous[i] = site_ambiguous[s] = TRUE;
              n_ambiguous++;
            }
          else if (d < r)
            {
              site_hh[s] += b->households;
              if (counts_for_coverage)
                counts[i]++;
            }
        }
    }

  for (guint s = 0; s < n_sites; s++)
    if (!site_ambiguous[s])
      g_assert_cmpuint (linli_coverage_site_households (cov, s), ==, site_hh[s]);

  for (guint i = 0; i < n_buildings; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      guint count = linli_coverage_get_cover_count (cov, i);
      guint community = linli_project_building_community (project, i);
      LinliCoverageTotals *totals[2] = { &district, &communities[community] };

      if (!ambiguous[i])
        g_assert_cmpuint (count, ==, counts[i]);
      g_assert_true (linli_coverage_is_covered (cov, i) == (count > 0));
      n_zero += count == 0;
      for (guint t = 0; t < 2; t++)
        {
          totals[t]->buildings++;
          totals[t]->households += b->households;
          totals[t]->residents += b->residents;
          if (count > 0)
            {
              totals[t]->buildings_covered++;
              totals[t]->households_covered += b->households;
              totals[t]->residents_covered += b->residents;
            }
        }
    }
  linli_test_assert_totals_equal (linli_coverage_get_district (cov), &district);
  for (guint c = 0; c < n_communities; c++)
    linli_test_assert_totals_equal (linli_coverage_get_community (cov, c), &communities[c]);

  /* The uncovered list holds each uncovered building once, most households
   * first, ties by index. */
  uncovered = linli_coverage_get_uncovered (cov, &n_uncovered);
  g_assert_cmpuint (n_uncovered, ==, n_zero);
  for (guint k = 0; k < n_uncovered; k++)
    {
      g_assert_cmpuint (uncovered[k], <, n_buildings);
      g_assert_false (linli_coverage_is_covered (cov, uncovered[k]));
      if (k > 0)
        {
          guint32 h0 = linli_project_get_building (project, uncovered[k - 1])->households;
          guint32 h1 = linli_project_get_building (project, uncovered[k])->households;

          g_assert_cmpuint (h0, >=, h1);
          if (h0 == h1)
            g_assert_cmpuint (uncovered[k - 1], <, uncovered[k]);
        }
    }

  g_free (communities);
  g_free (counts);
  g_free (ambiguous);
  g_free (site_hh);
  g_free (site_ambiguous);
  return n_ambiguous;
}

/* A random district.  Layouts vary from one dense estate to clusters far
 * apart, so the index meets cells of every fill and its size cap. */
static LinliProject *
random_district (guint32  seed,
                 guint   *n_boundary)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  LinliProject *project = linli_project_new ();
  double lat0 = g_rand_double_range (rand, 20, 45);
  double lon0 = g_rand_double_range (rand, 100, 125);
  guint n_communities = g_rand_int_range (rand, 1, 7);
  guint n_compounds = g_rand_int_range (rand, 1, 13);
  guint n_buildings, n_sites;
  guint layout = seed % 5;
  double spread_m = g_rand_double_range (rand, 100, 12000);
  double m_per_deg = LINLI_EARTH_RADIUS_M * G_PI / 180;
  double r;

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0: n_buildings = g_rand_int_range (rand, 0, 3); break;
    case 1: n_buildings = g_rand_int_range (rand, 3, 60); break;
    default: n_buildings = g_rand_int_range (rand, 60, 2500); break;
    }
  n_sites = g_rand_int_range (rand, 0, 70);

  /* Short walks are the common case; long ones make a few huge circles. */
  if (g_rand_boolean (rand))
    linli_project_set_walk_minutes (project, g_rand_double_range (rand, 1, 20));
  else
    linli_project_set_walk_minutes (project, g_rand_double_range (rand, 1, 120));
  linli_project_set_walk_speed (project, g_rand_double_range (rand, 1, 10));
  r = linli_project_get_coverage_radius (project);

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

  for (guint i = 0; i < n_buildings; i++)
    {
      double m_per_deg_lon = m_per_deg * cos (lat0 * G_PI / 180);
      double dx = 0, dy = 0;
      guint compound, households, residents;

      switch (layout)
        {
        case 0:  /* uniform in a square */
          dx = g_rand_double_range (rand, -spread_m, spread_m);
          dy = g_rand_double_range (rand, -spread_m, spread_m);
          break;
        case 1:  /* a few tight clusters */
          {
            guint cluster = g_rand_int_range (rand, 0, 4);

            dx = (cluster % 2) * spread_m + g_rand_double_range (rand, -80, 80);
            dy = (cluster / 2) * spread_m + g_rand_double_range (rand, -80, 80);
          }
          break;
        case 2:  /* two towns 300 km apart: the index must grow its cells */
          dx = (i % 2) * 300000.0 + g_rand_double_range (rand, -500, 500);
          dy = (i % 2) * 200000.0 + g_rand_double_range (rand, -500, 500);
          break;
        case 3:  /* many buildings on the same few points */
          dx = g_rand_int_range (rand, 0, 5) * 37.0;
          dy = g_rand_int_range (rand, 0, 3) * 53.0;
          break;
        default:  /* a thin line */
          dx = g_rand_double_range (rand, 0, spread_m * 3);
          dy = 1e-3 * g_rand_double_range (rand, 0, 1);
          break;
        }
      compound = g_rand_int_range (rand, 0, n_compounds);
      households = g_rand_int_range (rand, 0, 300);
      residents = g_rand_int_range (rand, 0, 900);
      add_building (project, lat0 + dy / m_per_deg, lon0 + dx / m_per_deg_lon, compound, households,
                    residents);
    }

  *n_boundary = 0;
  for (guint s = 0; s < n_sites; s++)
    {
      LinliSiteStatus status = LINLI_SITE_STATUS_CANDIDATE;
      double lat, lon;

      if (g_rand_int_range (rand, 0, 3) != 0)
        status = g_rand_boolean (rand) ? LINLI_SITE_STATUS_EXISTING : LINLI_SITE_STATUS_PLANNED;

      if (n_buildings > 0 && g_rand_int_range (rand, 0, 4) != 0)
        {
          guint index = g_rand_int_range (rand, 0, n_buildings);
          const LinliBuilding *b = linli_project_get_building (project, index);

          if (g_rand_int_range (rand, 0, 3) == 0)
            {
              /* Exactly on the circle round a building, as near as doubles go. */
              double angle = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 4) * G_PI / 2
                                                   : g_rand_double_range (rand, 0, 2 * G_PI);

              offset_point (project, b->lat, b->lon, r * cos (angle), r * sin (angle), &lat, &lon);
              (*n_boundary)++;
            }
          else
            {
              offset_point (project, b->lat, b->lon, g_rand_double_range (rand, -2 * r, 2 * r),
                            g_rand_double_range (rand, -2 * r, 2 * r), &lat, &lon);
            }
        }
      else if (g_rand_int_range (rand, 0, 10) == 0)
        {
          /* Far away from everything. */
          lat = -lat0;
          lon = lon0 - 90;
        }
      else
        {
          lat = lat0 + g_rand_double_range (rand, -spread_m, spread_m) / m_per_deg;
          lon = lon0 + g_rand_double_range (rand, -spread_m, spread_m) / m_per_deg;
        }
      add_site (project, status, lat, lon);
    }
  return project;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_random_districts (void)
{
  guint n_districts = g_test_slow () ? 400 : 80;
  guint total_ambiguous = 0, total_boundary = 0, total_covered = 0, total_uncovered = 0;

  for (guint32 seed = 1; seed <= n_districts; seed++)
    {
      guint n_boundary = 0;
      LinliProject *project = random_district (seed, &n_boundary);
      g_autoptr (LinliCoverage) fast = linli_coverage_compute (project, NULL);
      g_autoptr (LinliCoverage) brute = linli_coverage_compute_brute_force (project);
      const LinliCoverageTotals *d = linli_coverage_get_district (fast);

      linli_test_assert_coverage_equal (project, fast, brute);
      total_ambiguous += check_against_definitions (project, fast);
      total_boundary += n_boundary;
      total_covered += d->buildings_covered;
      total_uncovered += d->buildings - d->buildings_covered;
      g_assert_finalize_object (project);
    }
  g_test_message ("%u buildings covered, %u not; %u sites put on a circle, %u pairs at the radius",
                  total_covered, total_uncovered, total_boundary, total_ambiguous);
  /* The districts are varied enough to mean something. */
  g_assert_cmpuint (total_covered, >, 1000);
  g_assert_cmpuint (total_uncovered, >, 1000);
  g_assert_cmpuint (total_ambiguous, >, 0);
}

/* A coverage kept up to date with linli_coverage_update() through random
 * edits always equals one computed afresh. */
static void
test_update (void)
{
  guint n_incremental = 0, n_full = 0;

  for (guint32 seed = 1; seed <= linli_test_cases (30); seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed * 7919);
      guint n_boundary;
      LinliProject *project = random_district (seed, &n_boundary);
      g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
      double lat0, lon0;

      if (linli_project_get_n_buildings (project) == 0)
        {
          g_assert_finalize_object (project);
          continue;
        }
      lat0 = linli_project_get_building (project, 0)->lat;
      lon0 = linli_project_get_building (project, 0)->lon;

      for (guint step = 0; step < 60; step++)
        {
          guint n_sites = linli_project_get_n_sites (project);
          guint index = n_sites ? g_rand_int_range (rand, 0, n_sites) : 0;
          LinliSite *site = n_sites ? linli_project_get_site (project, index) : NULL;
          guint op = g_rand_int_range (rand, 0, 20);
          gboolean expect_full = FALSE;
          gboolean incremental;

          if (site == NULL && op < 12)
            op = 12;
          if (op < 4)
            {
              double r = linli_project_get_coverage_radius (project);
              double lat, lon;

              offset_point (project, linli_site_get_lat (site), linli_site_get_lon (site),
                            g_rand_double_range (rand, -2 * r, 2 * r),
                            g_rand_double_range (rand, -2 * r, 2 * r), &lat, &lon);
              linli_site_set_position (site, lat, lon);
            }
          else if (op < 7)
            {
              linli_site_set_status (site, g_rand_int_range (rand, 0, LINLI_SITE_N_STATUSES));
            }
          else if (op < 9)
            {
              linli_project_remove_site (project, site);
            }
          else if (op < 10)
            {
              /* The same object back at another place in the list. */
              g_object_ref (site);
              linli_project_remove_site (project, site);
              linli_project_insert_site (project, g_rand_int_range (rand, 0, n_sites), site);
              g_object_unref (site);
            }
          else if (op < 11)
            {
              linli_site_set_position (site, NAN, NAN);
            }
          else if (op < 12)
            {
              linli_site_set_name (site, "改名");  /* no coverage effect */
            }
          else if (op < 17)
            {
              const LinliBuilding *b = linli_project_get_building (
                project, g_rand_int_range (rand, 0, linli_project_get_n_buildings (project)));
              LinliSiteStatus status = g_rand_int_range (rand, 0, LINLI_SITE_N_STATUSES);

              add_site (project, status, b->lat + g_rand_double_range (rand, -0.005, 0.005),
                        b->lon + g_rand_double_range (rand, -0.005, 0.005));
            }
          else if (op < 19)
            {
              linli_project_set_walk_minutes (project, g_rand_double_range (rand, 1, 30));
              expect_full = TRUE;
            }
          else
            {
              add_building (project, lat0 + g_rand_double_range (rand, -0.01, 0.01),
                            lon0 + g_rand_double_range (rand, -0.01, 0.01), 0,
                            g_rand_int_range (rand, 0, 100), 3);
              expect_full = TRUE;
            }

          incremental = linli_coverage_update (cov, project, NULL);
          if (expect_full)
            g_assert_false (incremental);
          n_incremental += incremental;
          n_full += !incremental;
          {
            g_autoptr (LinliCoverage) fresh = linli_coverage_compute (project, NULL);
            g_autoptr (LinliCoverage) brute = linli_coverage_compute_brute_force (project);

            linli_test_assert_coverage_equal (project, cov, fresh);
            linli_test_assert_coverage_equal (project, cov, brute);
          }
          check_against_definitions (project, cov);
        }
      g_assert_finalize_object (project);
    }
  g_test_message ("%u incremental updates, %u full ones", n_incremental, n_full);
  g_assert_cmpuint (n_incremental, >, n_full);
}

static void
test_hand_checked (void)
{
  LinliProject *project = linli_project_new ();
  double r, lat, lon;
  LinliSite *site;
  guint b;

  linli_project_add_community (project, "c", NULL);
  linli_project_add_compound (project, "k", NULL, 0);
  b = add_building (project, 31.23, 121.47, 0, 10, 25);
  r = linli_project_get_coverage_radius (project);

  /* A site on the building covers it. */
  site = add_site (project, LINLI_SITE_STATUS_EXISTING, 31.23, 121.47);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
    const LinliCoverageTotals *d = linli_coverage_get_district (cov);
    guint n;

    g_assert_true (linli_coverage_is_covered (cov, b));
    g_assert_cmpuint (linli_coverage_get_cover_count (cov, b), ==, 1);
    g_assert_cmpuint (d->buildings, ==, 1);
    g_assert_cmpuint (d->buildings_covered, ==, 1);
    g_assert_cmpuint (d->households, ==, 10);
    g_assert_cmpuint (d->households_covered, ==, 10);
    g_assert_cmpuint (d->residents, ==, 25);
    g_assert_cmpuint (d->residents_covered, ==, 25);
    g_assert_cmpuint (linli_coverage_site_households (cov, 0), ==, 10);
    linli_coverage_get_uncovered (cov, &n);
    g_assert_cmpuint (n, ==, 0);
  }

  /* One metre outside the radius, east: not covered. */
  offset_point (project, 31.23, 121.47, r + 1, 0, &lat, &lon);
  linli_site_set_position (site, lat, lon);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
    const guint *uncovered;
    guint n;

    g_assert_false (linli_coverage_is_covered (cov, b));
    g_assert_cmpuint (linli_coverage_get_district (cov)->households_covered, ==, 0);
    g_assert_cmpuint (linli_coverage_site_households (cov, 0), ==, 0);
    uncovered = linli_coverage_get_uncovered (cov, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (uncovered[0], ==, b);
    /* The true distance agrees to well under a metre. */
    g_assert_cmpfloat (fabs (linli_haversine_distance (31.23, 121.47, lat, lon) - (r + 1)), <, 0.5);
  }

  /* One metre inside, north this time: covered. */
  offset_point (project, 31.23, 121.47, 0, r - 1, &lat, &lon);
  linli_site_set_position (site, lat, lon);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);

    g_assert_true (linli_coverage_is_covered (cov, b));
  }

  /* Back outside; a longer walk widens the circle past it. */
  offset_point (project, 31.23, 121.47, -(r + 1) / sqrt (2), -(r + 1) / sqrt (2), &lat, &lon);
  linli_site_set_position (site, lat, lon);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);

    g_assert_false (linli_coverage_is_covered (cov, b));
  }
  linli_project_set_walk_minutes (project, linli_project_get_walk_minutes (project) + 1);
  g_assert_cmpfloat (linli_project_get_coverage_radius (project), >, r + 1);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
    g_autoptr (LinliCoverage) brute = linli_coverage_compute_brute_force (project);

    g_assert_true (linli_coverage_is_covered (cov, b));
    g_assert_cmpfloat (linli_coverage_get_radius (cov), ==,
                       linli_project_get_coverage_radius (project));
    g_assert_true (linli_coverage_is_covered (brute, b));
  }
  /* A slower walk shrinks it again. */
  linli_project_set_walk_speed (project, 1);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);

    g_assert_false (linli_coverage_is_covered (cov, b));
  }

  g_assert_finalize_object (project);
}

static void
test_status_and_multiple (void)
{
  LinliProject *project = linli_project_new ();
  LinliSite *candidate, *planned;
  guint b;

  linli_project_add_community (project, "c", NULL);
  linli_project_add_compound (project, "k", NULL, 0);
  b = add_building (project, 30, 120, 0, 7, 20);
  add_building (project, 30.5, 120, 0, 3, 9);  /* 55 km off */

  /* A candidate reaches households but covers nobody. */
  candidate = add_site (project, LINLI_SITE_STATUS_CANDIDATE, 30, 120);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);

    g_assert_false (linli_coverage_is_covered (cov, b));
    g_assert_cmpuint (linli_coverage_get_cover_count (cov, b), ==, 0);
    g_assert_cmpuint (linli_coverage_site_households (cov, 0), ==, 7);
    g_assert_cmpuint (linli_coverage_get_district (cov)->households_covered, ==, 0);
  }

  /* Planned and existing sites count; each adds to the cover count, but a
   * building's households count once. */
  planned = add_site (project, LINLI_SITE_STATUS_PLANNED, 30.0001, 120);
  add_site (project, LINLI_SITE_STATUS_EXISTING, 30, 120.0001);
  add_site (project, LINLI_SITE_STATUS_EXISTING, 30, 119.9999);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
    const LinliCoverageTotals *d = linli_coverage_get_district (cov);

    g_assert_cmpuint (linli_coverage_get_cover_count (cov, b), ==, 3);
    g_assert_cmpuint (d->buildings_covered, ==, 1);
    g_assert_cmpuint (d->households_covered, ==, 7);
    g_assert_cmpuint (d->residents_covered, ==, 20);
    g_assert_cmpuint (d->households, ==, 10);
    g_assert_cmpfloat (linli_coverage_totals_share (d->households_covered, d->households), ==, 0.7);
    for (guint s = 0; s < 4; s++)
      g_assert_cmpuint (linli_coverage_site_households (cov, s), ==, 7);
  }

  /* A coverage is a snapshot: editing the project later does not touch it. */
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);

    linli_site_set_status (candidate, LINLI_SITE_STATUS_EXISTING);
    linli_project_remove_site (project, planned);
    linli_project_set_walk_minutes (project, 60);
    g_assert_cmpuint (linli_coverage_get_cover_count (cov, b), ==, 3);
    g_assert_cmpuint (linli_coverage_get_district (cov)->households_covered, ==, 7);
    g_assert_cmpfloat (linli_coverage_get_radius (cov), ==,
                       LINLI_DEFAULT_WALK_MINUTES * LINLI_DEFAULT_WALK_SPEED_KMH * 1000 / 60);
  }
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);

    g_assert_cmpuint (linli_coverage_get_cover_count (cov, b), ==, 3);
  }

  g_assert_finalize_object (project);
}

static void
test_uncovered_order (void)
{
  /* Households per building, none covered: the list goes 50 (b1), 50 (b5),
   * 20 (b3), 5 (b0), 5 (b2), 0 (b4). */
  static const guint households[] = { 5, 50, 5, 20, 0, 50 };
  static const guint expected[] = { 1, 5, 3, 0, 2, 4 };
  LinliProject *project = linli_project_new ();
  const guint *uncovered;
  guint n;

  linli_project_add_community (project, "c", NULL);
  linli_project_add_compound (project, "k", NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (households); i++)
    add_building (project, 30 + i * 0.01, 120, 0, households[i], 0);
  /* A site far from all of them, and a candidate on one. */
  add_site (project, LINLI_SITE_STATUS_EXISTING, 35, 125);
  add_site (project, LINLI_SITE_STATUS_CANDIDATE, 30.01, 120);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);

    uncovered = linli_coverage_get_uncovered (cov, &n);
    g_assert_cmpmem (uncovered, n * sizeof (guint), expected, sizeof expected);
  }

  /* Cover b5: it leaves the list, the rest keep their order. */
  add_site (project, LINLI_SITE_STATUS_PLANNED, 30.05, 120);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
    static const guint expected2[] = { 1, 3, 0, 2, 4 };

    uncovered = linli_coverage_get_uncovered (cov, &n);
    g_assert_cmpmem (uncovered, n * sizeof (guint), expected2, sizeof expected2);
    check_against_definitions (project, cov);
  }
  g_assert_finalize_object (project);
}

static void
test_communities (void)
{
  LinliProject *project = linli_project_new ();
  guint n_per = 10;

  /* Three communities, the middle one with no buildings at all. */
  linli_project_add_community (project, "east", NULL);
  linli_project_add_community (project, "empty", NULL);
  linli_project_add_community (project, "west", NULL);
  linli_project_add_compound (project, "e1", NULL, 0);
  linli_project_add_compound (project, "w1", NULL, 2);
  linli_project_add_compound (project, "e2", NULL, 0);
  for (guint i = 0; i < n_per; i++)
    {
      add_building (project, 30, 120 + i * 1e-4, i % 2 ? 0 : 2, 10 + i, 30);  /* east */
      add_building (project, 30, 121 + i * 1e-4, 1, 100, 300);               /* west */
    }
  /* A site in the east estate only. */
  add_site (project, LINLI_SITE_STATUS_EXISTING, 30, 120 + 4.5e-4);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
    const LinliCoverageTotals *east = linli_coverage_get_community (cov, 0);
    const LinliCoverageTotals *empty = linli_coverage_get_community (cov, 1);
    const LinliCoverageTotals *west = linli_coverage_get_community (cov, 2);
    const LinliCoverageTotals *d = linli_coverage_get_district (cov);
    guint64 east_households = 0;

    for (guint i = 0; i < n_per; i++)
      east_households += 10 + i;
    g_assert_cmpuint (east->buildings, ==, n_per);
    g_assert_cmpuint (east->buildings_covered, ==, n_per);
    g_assert_cmpuint (east->households, ==, east_households);
    g_assert_cmpuint (east->households_covered, ==, east_households);
    g_assert_cmpuint (empty->buildings, ==, 0);
    g_assert_cmpuint (empty->households, ==, 0);
    g_assert_cmpfloat (linli_coverage_totals_share (empty->households_covered, empty->households),
                       ==, 0);
    g_assert_cmpuint (west->buildings, ==, n_per);
    g_assert_cmpuint (west->buildings_covered, ==, 0);
    g_assert_cmpuint (west->households, ==, 100 * n_per);
    g_assert_cmpuint (west->residents, ==, 300 * n_per);
    g_assert_cmpuint (d->buildings, ==, east->buildings + empty->buildings + west->buildings);
    g_assert_cmpuint (d->households, ==, east->households + west->households);
    g_assert_cmpuint (d->households_covered, ==, east->households_covered);
    check_against_definitions (project, cov);
  }
  g_assert_finalize_object (project);
}

static void
test_empty (void)
{
  LinliProject *project = linli_project_new ();

  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
    g_autoptr (LinliCoverage) brute = linli_coverage_compute_brute_force (project);
    const LinliCoverageTotals *d = linli_coverage_get_district (cov);
    guint n = 99;

    g_assert_cmpuint (linli_coverage_get_n_buildings (cov), ==, 0);
    g_assert_cmpuint (d->buildings + d->households + d->residents, ==, 0);
    linli_coverage_get_uncovered (cov, &n);
    g_assert_cmpuint (n, ==, 0);
    linli_test_assert_coverage_equal (project, cov, brute);
  }

  /* Sites but no buildings. */
  add_site (project, LINLI_SITE_STATUS_EXISTING, 31, 121);
  add_site (project, LINLI_SITE_STATUS_CANDIDATE, NAN, NAN);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
    g_autoptr (LinliCoverage) brute = linli_coverage_compute_brute_force (project);

    g_assert_cmpuint (linli_coverage_site_households (cov, 0), ==, 0);
    g_assert_cmpuint (linli_coverage_site_households (cov, 1), ==, 0);
    linli_test_assert_coverage_equal (project, cov, brute);
  }

  /* One building, a site with no position yet (NaN) and one on it. */
  linli_project_add_community (project, "c", NULL);
  linli_project_add_compound (project, "k", NULL, 0);
  add_building (project, 31, 121, 0, 4, 4);
  add_site (project, LINLI_SITE_STATUS_EXISTING, NAN, 121);
  {
    g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
    g_autoptr (LinliCoverage) brute = linli_coverage_compute_brute_force (project);

    g_assert_cmpuint (linli_coverage_get_cover_count (cov, 0), ==, 1);
    g_assert_cmpuint (linli_coverage_site_households (cov, 2), ==, 0);
    linli_test_assert_coverage_equal (project, cov, brute);
  }
  g_assert_finalize_object (project);
}

/* Buildings with no usable position never hang or crash the coverage;
 * they are simply never covered.  Run in a subprocess with a time limit. */
static void
test_non_finite_building_subprocess (void)
{
  const double bad[] = { NAN, INFINITY, -INFINITY };

  for (guint where = 0; where < 3; where++)
    for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
      for (guint axis = 0; axis < 2; axis++)
        {
          LinliProject *project = linli_project_new ();

          linli_project_add_community (project, "c", NULL);
          linli_project_add_compound (project, "k", NULL, 0);
          for (guint i = 0; i < 3; i++)
            {
              double lat = 31 + i * 1e-3, lon = 121;

              if (i == where)
                {
                  if (axis == 0)
                    lat = bad[k];
                  else
                    lon = bad[k];
                }
              add_building (project, lat, lon, 0, 5, 5);
            }
          add_site (project, LINLI_SITE_STATUS_EXISTING, 31.001, 121);
          {
            g_autoptr (LinliCoverage) cov = linli_coverage_compute (project, NULL);
            g_autoptr (LinliCoverage) brute = linli_coverage_compute_brute_force (project);

            linli_test_assert_coverage_equal (project, cov, brute);
            for (guint i = 0; i < linli_coverage_get_n_buildings (cov); i++)
              g_assert_true (linli_coverage_is_covered (cov, i) == (i != where));
          }
          g_assert_finalize_object (project);
        }
}

static void
test_non_finite_building (void)
{
  /* It used to loop for ever in linli_point_index_new() or write out of
   * bounds there, hence the subprocess and its time limit. */
  g_test_trap_subprocess ("/coverage/non-finite-building/subprocess", 5 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_shares (void)
{
  g_assert_cmpfloat (linli_coverage_totals_share (0, 0), ==, 0);
  g_assert_cmpfloat (linli_coverage_totals_share (5, 0), ==, 0);
  g_assert_cmpfloat (linli_coverage_totals_share (0, 7), ==, 0);
  g_assert_cmpfloat (linli_coverage_totals_share (1, 4), ==, 0.25);
  g_assert_cmpfloat (linli_coverage_totals_share (3, 3), ==, 1);
  g_assert_cmpfloat (linli_coverage_totals_share (G_MAXUINT64, G_MAXUINT64), ==, 1);
  g_assert_cmpfloat_with_epsilon (linli_coverage_totals_share (1, 3), 1.0 / 3, 1e-15);
  /* Beyond 2^53 the ratio is still right to double precision. */
  g_assert_cmpfloat_with_epsilon (linli_coverage_totals_share (G_MAXUINT64 / 2, G_MAXUINT64), 0.5,
                                  1e-15);
}

static void
test_large (void)
{
  guint n_boundary;
  LinliProject *project = random_district (5, &n_boundary);  /* layout 0 */
  const LinliProjection *proj;
  double lat0, lon0;
  gint64 t0, t_fast, t_brute;

  /* Add buildings until it is the size of a real street (jiedao). */
  proj = linli_project_get_projection (project);
  lat0 = proj->lat0;
  lon0 = proj->lon0;
  if (linli_project_get_n_compounds (project) == 0)
    {
      linli_project_add_community (project, "c", NULL);
      linli_project_add_compound (project, "k", NULL, 0);
    }
  {
    g_autoptr (GRand) rand = g_rand_new_with_seed (55);

    for (guint i = 0; i < 40000; i++)
      {
        double lat = lat0 + g_rand_double_range (rand, -0.03, 0.03);
        double lon = lon0 + g_rand_double_range (rand, -0.03, 0.03);

        add_building (project, lat, lon, 0, g_rand_int_range (rand, 0, 200), 1);
      }
    for (guint i = 0; i < 150; i++)
      {
        double lat = lat0 + g_rand_double_range (rand, -0.03, 0.03);
        double lon = lon0 + g_rand_double_range (rand, -0.03, 0.03);

        LinliSiteStatus status = i % 4 ? LINLI_SITE_STATUS_EXISTING : LINLI_SITE_STATUS_CANDIDATE;

        add_site (project, status, lat, lon);
      }
  }
  t0 = g_get_monotonic_time ();
  {
    g_autoptr (LinliCoverage) fast = linli_coverage_compute (project, NULL);
    g_autoptr (LinliCoverage) brute = NULL;

    t_fast = g_get_monotonic_time () - t0;
    t0 = g_get_monotonic_time ();
    brute = linli_coverage_compute_brute_force (project);
    t_brute = g_get_monotonic_time () - t0;
    linli_test_assert_coverage_equal (project, fast, brute);
  }
  g_test_message ("%u buildings, %u sites: index %" G_GINT64_FORMAT " µs, brute force %"
                  G_GINT64_FORMAT " µs", linli_project_get_n_buildings (project),
                  linli_project_get_n_sites (project), t_fast, t_brute);
  g_assert_finalize_object (project);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coverage/random-districts", test_random_districts);
  g_test_add_func ("/coverage/update", test_update);
  g_test_add_func ("/coverage/hand-checked", test_hand_checked);
  g_test_add_func ("/coverage/status-and-multiple", test_status_and_multiple);
  g_test_add_func ("/coverage/uncovered-order", test_uncovered_order);
  g_test_add_func ("/coverage/communities", test_communities);
  g_test_add_func ("/coverage/empty", test_empty);
  g_test_add_func ("/coverage/shares", test_shares);
  g_test_add_func ("/coverage/non-finite-building", test_non_finite_building);
  g_test_add_func ("/coverage/non-finite-building/subprocess", test_non_finite_building_subprocess);
  g_test_add_func ("/coverage/large", test_large);

  return g_test_run ();
}
