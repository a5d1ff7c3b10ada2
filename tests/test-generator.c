/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-generator"

#include <math.h>
#include <string.h>

#include "linli-coverage.h"
#include "linli-format.h"
#include "linli-generator.h"
#include "linli-grids.h"
#include "linli-partner-assign.h"
#include "linli-partner-problem.h"
#include "linli-partners.h"
#include "linli-test-utils.h"
#include "linli-walk.h"

/* Auxiliary methods */

static LinliProject *
generate (guint32 seed,
          guint   n_buildings)
{
  LinliGeneratorOptions options;

  linli_generator_options_init (&options);
  options.seed = seed;
  options.n_buildings = n_buildings;
  return linli_generate_district (&options);
}

/* The same without the organisation chain, for checks of the layout alone:
 * the chain is made after the layout and leaves it as it is. */
static LinliProject *
generate_layout (guint32 seed,
                 guint   n_buildings)
{
  LinliGeneratorOptions options;

  linli_generator_options_init (&options);
  options.seed = seed;
  options.n_buildings = n_buildings;
  options.organisation = FALSE;
  return linli_generate_district (&options);
}

static gboolean
is_rounded_to_7_decimals (double v)
{
  double scaled = v * 1e7;

  return fabs (scaled - round (scaled)) < 1e-3;
}

static guint64 *
community_residents (LinliProject *project)
{
  guint64 *residents = g_new0 (guint64, MAX (linli_project_get_n_communities (project), 1));
  guint n = linli_project_get_n_buildings (project);

  for (guint i = 0; i < n; i++)
    {
      guint c = linli_project_building_community (project, i);

      residents[c] += linli_project_get_building (project, i)->residents;
    }
  return residents;
}

/* Tests */

static void
test_determinism (void)
{
  static const guint sizes[] = { 1, 50, 2500 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr (LinliProject) a = generate (7, sizes[i]);
      g_autoptr (LinliProject) b = generate (7, sizes[i]);

      linli_test_assert_projects_equal (a, b, 0, 0);
      g_assert_finalize_object (g_steal_pointer (&a));
      g_assert_finalize_object (g_steal_pointer (&b));
    }
}

static void
test_seed_changes (void)
{
  g_autoptr (LinliProject) a = generate (1, 2500);
  g_autoptr (LinliProject) b = generate (2, 2500);
  gboolean differ = FALSE;
  guint n;

  n = MIN (linli_project_get_n_buildings (a), linli_project_get_n_buildings (b));
  differ = linli_project_get_n_compounds (a) != linli_project_get_n_compounds (b) ||
           linli_project_get_n_sites (a) != linli_project_get_n_sites (b);
  for (guint i = 0; i < n && !differ; i++)
    {
      const LinliBuilding *ba = linli_project_get_building (a, i);
      const LinliBuilding *bb = linli_project_get_building (b, i);

      differ = ba->lat != bb->lat || ba->lon != bb->lon || ba->households != bb->households;
    }
  g_assert_true (differ);
}

static void
test_building_count (void)
{
  static const guint sizes[] = { 1, 2, 4, 5, 7, 12, 50, 333, 2500, 20000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint32 seed = 1; seed <= 3; seed++)
      {
        g_autoptr (LinliProject) project = generate_layout (seed, sizes[i]);
        guint n = linli_project_get_n_buildings (project);

        g_assert_cmpuint (n, >=, sizes[i] - sizes[i] / 10);
        g_assert_cmpuint (n, <=, sizes[i] + sizes[i] / 10);
        g_assert_cmpuint (linli_project_get_n_communities (project), >=, 1);
        g_assert_cmpuint (linli_project_get_n_compounds (project), >=, 1);
      }
}

static void
test_compounds (void)
{
  static const guint sizes[] = { 50, 2500, 20000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr (LinliProject) project = generate (1, sizes[i]);
      g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
      guint n_compounds = linli_project_get_n_compounds (project);
      guint n_buildings = linli_project_get_n_buildings (project);
      g_autofree guint *counts = g_new0 (guint, n_compounds);

      for (guint b = 0; b < n_buildings; b++)
        counts[linli_project_get_building (project, b)->compound]++;

      for (guint k = 0; k < n_compounds; k++)
        {
          const LinliCompound *c = linli_project_get_compound (project, k);
          const LinliCommunity *comm = linli_project_get_community (project, c->community);
          g_autofree char *prefix = g_strconcat (comm->id, "-k", NULL);

          g_assert_cmpuint (counts[k], >=, 5);
          g_assert_cmpuint (counts[k], <=, 40);
          g_assert_true (g_str_has_prefix (c->id, prefix));
          g_assert_cmpint (linli_project_find_compound (project, c->id), ==, (int) k);
          g_assert_cmpstr (c->name, !=, "");
          g_assert_false (g_hash_table_contains (names, c->name));
          g_hash_table_add (names, c->name);
        }
    }
}

static void
test_communities (void)
{
  static const guint sizes[] = { 2000, 2500, 3100, 20000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint32 seed = 1; seed <= 4; seed++)
      {
        g_autoptr (LinliProject) project = generate_layout (seed, sizes[i]);
        g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
        g_autofree guint64 *residents = community_residents (project);
        guint n = linli_project_get_n_communities (project);

        g_assert_cmpuint (n, >=, 1);
        for (guint c = 0; c < n; c++)
          {
            const LinliCommunity *comm = linli_project_get_community (project, c);
            g_autofree char *id = g_strdup_printf ("c%u", c + 1);

            g_assert_cmpuint (residents[c], >=, 10000);
            g_assert_cmpuint (residents[c], <=, 30000);
            g_assert_cmpstr (comm->id, ==, id);
            g_assert_true (g_str_has_suffix (comm->name, "社区"));
            g_assert_false (g_hash_table_contains (names, comm->name));
            g_hash_table_add (names, comm->name);
          }
      }
}

/* With more communities than listed names, names get a number and stay unique. */
/* A district of 300,000 buildings without its organisation, which the
 * tests of names and sizes do not look at (and which takes most of the
 * time under the sanitizers). */
/* Whether the district-sized cases run: not under the sanitizers, where a
 * 300,000-building district takes minutes and the same code runs on the
 * smaller districts of the other cases. */
static gboolean
large_cases_run (void)
{
  if (linli_test_cases (4) == 4)
    return TRUE;
  g_test_skip ("district-sized: the plain build runs it");
  return FALSE;
}

static LinliProject *
generate_large (guint32 seed)
{
  LinliGeneratorOptions options;

  linli_generator_options_init (&options);
  options.seed = seed;
  options.n_buildings = 300000;
  options.organisation = FALSE;
  return linli_generate_district (&options);
}

static void
test_many_names (void)
{
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  if (!large_cases_run ())
    return;
  project = generate_large (3);
  n = linli_project_get_n_communities (project);

  g_assert_cmpuint (n, >, 1000);
  for (guint c = 0; c < n; c++)
    {
      const char *name = linli_project_get_community (project, c)->name;

      g_assert_false (g_hash_table_contains (names, name));
      g_hash_table_add (names, (gpointer) name);
    }
  n = linli_project_get_n_compounds (project);
  for (guint k = 0; k < n; k++)
    {
      const char *name = linli_project_get_compound (project, k)->name;

      g_assert_false (g_hash_table_contains (names, name));
      g_hash_table_add (names, (gpointer) name);
    }
}

static void
test_buildings (void)
{
  g_autoptr (LinliProject) project = generate (1, 2500);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  LinliProjection proj;
  guint n = linli_project_get_n_buildings (project);

  guint without_members = 0;

  linli_projection_init (&proj, 30.29, 120.155);
  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      const LinliLatLon *fp;
      double lat = 0, lon = 0, area = 0, distance;
      guint n_points;

      g_assert_cmpuint (b->households, >, 0);
      /* A few buildings have no member: a hole for the organisation checks. */
      without_members += b->party_members == 0;
      g_assert_cmpuint (b->residents, >=, 2 * b->households);
      g_assert_cmpuint (b->residents, <=, 3 * b->households);
      g_assert_cmpuint (b->party_members, <=, MAX (1, b->residents * 8 / 100 + 1));
      g_assert_cmpuint (b->households, <=, 33 * 4);

      g_assert_true (linli_lat_lon_is_valid (b->lat, b->lon));
      distance = linli_projection_distance (&proj, 30.29, 120.155, b->lat, b->lon);
      g_assert_cmpfloat (distance, <, 10000);
      g_assert_true (is_rounded_to_7_decimals (b->lat));
      g_assert_true (is_rounded_to_7_decimals (b->lon));

      g_assert_cmpstr (b->name, !=, "");
      g_assert_false (g_hash_table_contains (ids, b->id));
      g_hash_table_add (ids, (gpointer) b->id);

      /* A rectangle, counter-clockwise, centred on the position. */
      fp = linli_project_get_footprint (project, i, &n_points);
      g_assert_cmpuint (n_points, ==, 4);
      for (guint k = 0; k < 4; k++)
        {
          const LinliLatLon *p = &fp[k], *q = &fp[(k + 1) % 4];
          double px, py, qx, qy;

          g_assert_true (is_rounded_to_7_decimals (p->lat));
          g_assert_true (is_rounded_to_7_decimals (p->lon));
          linli_projection_forward (&proj, p->lat, p->lon, &px, &py);
          linli_projection_forward (&proj, q->lat, q->lon, &qx, &qy);
          area += px * qy - qx * py;
          lat += p->lat / 4;
          lon += p->lon / 4;
        }
      area /= 2;
      g_assert_cmpfloat (area, >, 20);
      g_assert_cmpfloat (area, <, 1500);
      g_assert_cmpfloat_with_epsilon (b->lat, lat, 2e-7);
      g_assert_cmpfloat_with_epsilon (b->lon, lon, 2e-7);
    }
  g_assert_cmpuint (without_members, >, 0);
  g_assert_cmpuint (without_members, <, n / 10);
}

static void
test_sites (void)
{
  g_autoptr (LinliProject) project = generate (1, 2500);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = linli_project_get_n_sites (project);
  guint n_existing = 0, n_candidates = 0, n_street = 0, n_community = 0, n_stations = 0;

  for (guint i = 0; i < n; i++)
    {
      LinliSite *site = linli_project_get_site (project, i);
      g_autofree char *id = g_strdup_printf ("site-%u", i + 1);
      double lat = linli_site_get_lat (site), lon = linli_site_get_lon (site);

      g_assert_cmpstr (linli_site_get_id (site), ==, id);
      g_assert_false (g_hash_table_contains (ids, linli_site_get_name (site)));
      g_hash_table_add (ids, (gpointer) linli_site_get_name (site));
      g_assert_true (linli_lat_lon_is_valid (lat, lon));
      g_assert_true (is_rounded_to_7_decimals (lat));
      g_assert_true (is_rounded_to_7_decimals (lon));
      g_assert_cmpuint (linli_site_get_services (site), !=, 0);
      g_assert_cmpuint (linli_site_get_services (site) & ~LINLI_SERVICES_ALL, ==, 0);

      if (linli_site_get_status (site) == LINLI_SITE_STATUS_CANDIDATE)
        {
          double cost = linli_site_get_cost (site);

          n_candidates++;
          g_assert_true (linli_site_get_tier (site) == LINLI_SITE_TIER_STATION ||
                         linli_site_get_tier (site) == LINLI_SITE_TIER_NEIGHBOURHOOD);
          g_assert_cmpfloat (cost, >=, 200000);
          g_assert_cmpfloat (cost, <=, 3000000);
          g_assert_cmpfloat (fmod (cost, 10000), ==, 0);
          g_assert_cmpuint (linli_site_get_capacity (site), >, 0);
          continue;
        }

      g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_EXISTING);
      n_existing++;
      switch (linli_site_get_tier (site))
        {
        case LINLI_SITE_TIER_STREET:
          n_street++;
          g_assert_true (g_str_has_suffix (linli_site_get_name (site), "街道党群服务中心"));
          break;
        case LINLI_SITE_TIER_COMMUNITY:
          n_community++;
          g_assert_true (g_str_has_suffix (linli_site_get_name (site), "社区党群服务中心"));
          g_assert_cmpuint (linli_site_get_services (site), ==, LINLI_SERVICES_ALL);
          g_assert_cmpuint (linli_site_get_capacity (site), >=, 1000);
          break;
        case LINLI_SITE_TIER_STATION:
          n_stations++;
          g_assert_true (g_str_has_suffix (linli_site_get_name (site), "党群服务站"));
          break;
        case LINLI_SITE_TIER_NEIGHBOURHOOD:
        case LINLI_SITE_N_TIERS:
        default:
          g_assert_not_reached ();
        }
    }

  g_assert_cmpuint (n_existing, >=, 1);
  g_assert_cmpuint (n_candidates, >=, 1);
  g_assert_cmpuint (n_street, ==, 1);
  g_assert_cmpuint (n_community, ==, linli_project_get_n_communities (project));
  g_assert_cmpuint (n_candidates, >=, 3 * n_community);
  g_assert_cmpuint (n_candidates, <=, 6 * n_community);
  g_assert_cmpuint (n_stations, <, linli_project_get_n_compounds (project) / 4);
}

static void
test_coverage (void)
{
  g_autoptr (LinliProject) project = generate (1, 2500);
  g_autoptr (LinliCoverage) coverage = linli_coverage_compute (project, NULL);
  const LinliCoverageTotals *district = linli_coverage_get_district (coverage);
  double share = linli_coverage_totals_share (district->households_covered, district->households);
  guint n_uncovered;

  g_test_message ("seed 1, 2500 buildings: %.1f %% of households covered", 100 * share);
  g_assert_cmpfloat (share, >=, 0.40);
  g_assert_cmpfloat (share, <=, 0.95);
  linli_coverage_get_uncovered (coverage, &n_uncovered);
  g_assert_cmpuint (n_uncovered, >, 0);
}

static void
test_coverage_seeds (void)
{
  for (guint32 seed = 1; seed <= 10; seed++)
    {
      g_autoptr (LinliProject) project = generate (seed, 2000 + 100 * seed);
      g_autoptr (LinliCoverage) coverage = linli_coverage_compute (project, NULL);
      const LinliCoverageTotals *district = linli_coverage_get_district (coverage);
      double share = linli_coverage_totals_share (district->households_covered,
                                                  district->households);

      g_assert_cmpfloat (share, >=, 0.40);
      g_assert_cmpfloat (share, <=, 0.95);
    }
}

static void
test_options (void)
{
  LinliGeneratorOptions options;
  g_autoptr (LinliProject) named = NULL;
  g_autoptr (LinliProject) unnamed = NULL;
  double min_lat, min_lon, max_lat, max_lon;

  linli_generator_options_init (&options);
  g_assert_cmpuint (options.seed, ==, 1);
  g_assert_cmpuint (options.n_buildings, ==, 2500);
  g_assert_null (options.name);

  options.n_buildings = 300;
  options.center_lat = 39.9042;
  options.center_lon = 116.4074;
  options.name = (char *) "米市巷街道";
  named = linli_generate_district (&options);
  g_assert_cmpstr (linli_project_get_name (named), ==, "米市巷街道");
  g_assert_nonnull (linli_project_find_site (named, "site-1", NULL));
  g_assert_cmpstr (linli_site_get_name (linli_project_find_site (named, "site-1", NULL)), ==,
                   "米市巷街道党群服务中心");
  g_assert_true (linli_project_get_bounds (named, &min_lat, &min_lon, &max_lat, &max_lon));
  g_assert_cmpfloat (min_lat, <, 39.9042);
  g_assert_cmpfloat (max_lat, >, 39.9042);
  g_assert_cmpfloat (min_lon, <, 116.4074);
  g_assert_cmpfloat (max_lon, >, 116.4074);
  g_assert_cmpfloat (max_lat - min_lat, <, 0.1);

  options.name = NULL;
  unnamed = linli_generate_district (&options);
  g_assert_true (g_str_has_suffix (linli_project_get_name (unnamed), "街道"));
}

/* Coordinates are rounded as the file writes them, so a saved and
 * reloaded district is the same district.
 */
static void
test_round_trip (void)
{
  g_autoptr (LinliProject) project = generate (5, 800);
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);
  g_autoptr (LinliProject) loaded = NULL;
  g_autoptr (GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  loaded = linli_format_load_data (data, size, "generated", &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  linli_test_assert_projects_equal (project, loaded, 0, 0);
}

static void
test_large (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr (LinliProject) project = NULL;
  double seconds;
  guint n;

  if (!large_cases_run ())
    return;
  project = generate_large (1);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  n = linli_project_get_n_buildings (project);

  g_test_message ("300,000 buildings generated in %.2f s", seconds);
  g_assert_cmpuint (n, >=, 270000);
  g_assert_cmpuint (n, <=, 330000);
}

static guint32
find_root (guint32 *parent,
           guint32  i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

/* The streets form one network, every building is near one, and walks
 * along them are longer than straight lines but not absurdly so. */
static void
test_streets (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      LinliGeneratorOptions opts;
      g_autoptr (LinliProject) project = NULL;
      const LinliStreets *streets;
      g_autofree guint32 *parent = NULL;
      guint n_nodes, roots = 0, n;
      g_autoptr (LinliWalk) walk = NULL;
      const LinliWalkSnap *snaps;
      g_autoptr (LinliCoverage) line = NULL;
      g_autoptr (LinliCoverage) street = NULL;

      linli_generator_options_init (&opts);
      opts.seed = seed;
      opts.n_buildings = 3000;
      project = linli_generate_district (&opts);
      streets = linli_project_get_streets (project);
      n_nodes = linli_streets_get_n_nodes (streets);
      g_assert_cmpuint (n_nodes, >, 200);

      parent = g_new (guint32, n_nodes);
      for (guint i = 0; i < n_nodes; i++)
        parent[i] = i;
      for (guint w = 0; w < linli_streets_get_n_ways (streets); w++)
        {
          const guint32 *list = linli_streets_get_way (streets, w, NULL, &n);

          for (guint k = 1; k < n; k++)
            parent[find_root (parent, list[k])] = find_root (parent, list[0]);
        }
      for (guint i = 0; i < n_nodes; i++)
        roots += find_root (parent, i) == i;
      g_assert_cmpuint (roots, ==, 1);

      walk = linli_walk_new_for_project (project);
      snaps = linli_walk_get_building_snaps (walk);
      g_assert_cmpuint (linli_walk_get_n_unreachable (walk), ==, 0);
      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        g_assert_cmpfloat (snaps[i].offset, <, 200);

      line = linli_coverage_compute_by (project, LINLI_DISTANCE_LINE, NULL);
      street = linli_coverage_compute_by (project, LINLI_DISTANCE_STREET, walk);
      g_assert_cmpuint (linli_coverage_get_district (street)->households_covered, <,
                        linli_coverage_get_district (line)->households_covered);
      g_assert_cmpuint (linli_coverage_get_district (street)->households_covered, >,
                        linli_coverage_get_district (line)->households_covered / 4);
    }
}

/* Partner units and needs: the same seed gives the same file; every need
 * is at a place with a position; units stand near the district; the
 * sample's assignment meets some needs and not all. */
/* Street distances of the partner problem: each pair the walk one search
 * at a time gives, or the straight line where there is none. */
static void
check_partner_streets (LinliProject        *project,
                       LinliPartnerProblem *pp)
{
  g_autoptr (LinliWalk) walk = linli_walk_new_for_project (project);
  const LinliProjection *proj = linli_project_get_projection (project);
  const LinliAssignProblem *p = &pp->problem;
  g_autoptr (LinliAssignResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint n_streets, count = 0;

  n_streets = linli_partner_problem_use_streets (pp, project);
  g_assert_cmpuint (n_streets, >, 0);
  g_assert_true (p->distances == pp->distances);
  for (guint u = 0; u < p->n_units; u += 3)
    for (guint n = 0; n < p->n_needs; n++)
      {
        double ux, uy, nx, ny, walked, got = p->distances[(gsize) u * p->n_needs + n];

        linli_projection_forward (proj, p->units[u].lat, p->units[u].lon, &ux, &uy);
        linli_projection_forward (proj, p->needs[n].position.lat, p->needs[n].position.lon, &nx,
                                  &ny);
        walked = linli_walk_distance (walk, ux, uy, nx, ny);
        count += isfinite (walked);
        if (isfinite (walked))
          g_assert_cmpfloat_with_epsilon (got, walked, 1e-6);
        else
          g_assert_cmpfloat_with_epsilon (got, linli_haversine_distance (p->units[u].lat,
                                                                         p->units[u].lon,
                                                                         p->needs[n].position.lat,
                                                                         p->needs[n].position.lon),
                                          1e-6);
      }
  g_assert_cmpuint (count, >, 0);
  g_assert_cmpuint (count, <=, n_streets);
  result = linli_assign_solve (p, &error);
  g_assert_no_error (error);
  g_assert_false (result->straight_line);
  for (guint f = 0; f < result->n_flows; f++)
    g_assert_cmpfloat (result->flows[f].distance, ==,
                       p->distances[(gsize) result->flows[f].unit * p->n_needs +
                                    result->flows[f].need]);
}

/* The community of every need, found here from the place's own kind. */
static void
check_partner_communities (LinliProject        *project,
                           LinliPartnerProblem *pp)
{
  LinliPartners *partners = linli_project_get_partners (project);
  g_autoptr (LinliAssignResult) result = NULL;
  g_autoptr (GError) error = NULL;

  linli_partner_problem_set_community_minimum (pp, project, 1);
  g_assert_cmpuint (pp->problem.n_groups, ==, linli_project_get_n_communities (project));
  for (guint i = 0; i < pp->problem.n_needs; i++)
    {
      const LinliPartnerNeed *n =
        linli_partners_get_need (partners, g_array_index (pp->need_positions, guint, i));
      guint want = G_MAXUINT;

      if (n->place_kind == LINLI_PARTNER_PLACE_COMMUNITY)
        want = linli_project_find_community (project, n->place);
      else if (n->place_kind == LINLI_PARTNER_PLACE_COMPOUND)
        want = linli_project_get_compound (project,
                                           linli_project_find_compound (project, n->place))->community;
      else
        for (guint g = 0; g < linli_grids_get_n_grids (linli_project_get_grids (project)); g++)
          {
            LinliGrid *grid = linli_grids_get_grid (linli_project_get_grids (project), g);

            if (g_strcmp0 (linli_grid_get_id (grid), n->place) == 0)
              want = linli_grid_get_community (grid);
          }
      g_assert_cmpuint (pp->problem.groups[i], ==, want);
    }
  result = linli_assign_solve (&pp->problem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_groups, ==, pp->problem.n_groups);
  /* Taking the rule off again leaves no groups. */
  linli_partner_problem_set_community_minimum (pp, project, 0);
  g_assert_null (pp->problem.groups);
  g_assert_cmpuint (pp->problem.n_groups, ==, 0);
}

static void
test_partners (void)
{
  g_autoptr (GBytes) first = NULL, second = NULL;
  g_autoptr (LinliAssignResult) result = NULL;
  g_autoptr (LinliPartnerProblem) pp = NULL;
  g_autoptr (GError) error = NULL;
  double min_lat, min_lon, max_lat, max_lon;
  LinliPartners *partners;
  LinliGeneratorOptions options;
  g_autoptr (LinliProject) district = NULL;

  /* The district once (its grids take the time); the partners twice on copies. */
  linli_generator_options_init (&options);
  options.seed = 11;
  options.n_buildings = 400;
  district = linli_generate_district (&options);

  linli_generator_add_grids (district, 11);
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr (LinliProject) project = linli_project_copy (district);

      g_assert_cmpuint (linli_generator_add_partners (project, 11), >, 0);

      if (run == 0)
        {
          first = linli_format_save_bytes (project);
          continue;
        }
      second = linli_format_save_bytes (project);
      g_assert_true (g_bytes_equal (first, second));

      partners = linli_project_get_partners (project);
      g_assert_cmpuint (linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS), >, 0);
      g_assert_cmpuint (linli_partners_get_n (partners, LINLI_PARTNER_LIST_RECORDS), >, 0);
      g_assert_true (linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon));
      for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
        {
          const LinliPartnerUnit *u = linli_partners_get_unit (partners, i);

          g_assert_true (u->has_position);
          g_assert_cmpuint (u->n_resources, >, 0);
          /* About 150 m around a building: within 0.002° of the district. */
          g_assert_cmpfloat (u->lat, >=, min_lat - 0.002);
          g_assert_cmpfloat (u->lat, <=, max_lat + 0.002);
          g_assert_cmpfloat (u->lon, >=, min_lon - 0.002);
          g_assert_cmpfloat (u->lon, <=, max_lon + 0.002);
        }
      pp = linli_partner_problem_new (project, 2000);
      g_assert_cmpuint (pp->unplaced_needs->len, ==, 0);
      g_assert_cmpuint (pp->unplaced_units->len, ==, 0);
      result = linli_assign_solve (&pp->problem, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (result->met, >, 0);
      g_assert_cmpfloat (result->met, <, result->demand);
      g_assert_true (result->straight_line);
      check_partner_streets (project, pp);
      check_partner_communities (project, pp);
    }
  {
    g_autoptr (LinliProject) loaded = linli_format_load_data (g_bytes_get_data (first, NULL),
                                                              g_bytes_get_size (first), "p.linli",
                                                              &error);

    g_assert_no_error (error);
    g_assert_nonnull (loaded);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generator/determinism", test_determinism);
  g_test_add_func ("/generator/streets", test_streets);
  g_test_add_func ("/generator/seed-changes", test_seed_changes);
  g_test_add_func ("/generator/building-count", test_building_count);
  g_test_add_func ("/generator/compounds", test_compounds);
  g_test_add_func ("/generator/communities", test_communities);
  g_test_add_func ("/generator/many-names", test_many_names);
  g_test_add_func ("/generator/buildings", test_buildings);
  g_test_add_func ("/generator/sites", test_sites);
  g_test_add_func ("/generator/coverage", test_coverage);
  g_test_add_func ("/generator/coverage-seeds", test_coverage_seeds);
  g_test_add_func ("/generator/options", test_options);
  g_test_add_func ("/generator/round-trip", test_round_trip);
  g_test_add_func ("/generator/large", test_large);
  g_test_add_func ("/generator/partners", test_partners);

  return g_test_run ();
}
