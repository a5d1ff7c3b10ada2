/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers every core test program links. */
#include <math.h>

#include "linli-test-utils.h"

static void
assert_close (double a,
              double b,
              double eps)
{
  g_assert_cmpfloat (fabs (a - b), <=, eps);
}

static void
assert_rel_close (double a,
                  double b,
                  double rel)
{
  g_assert_cmpfloat (fabs (a - b), <=, rel * MAX (fabs (a), fabs (b)));
}

/* Compares every field of two projects.  @coord_eps is the tolerance on
 * coordinates (0 for exact), @rel_eps the relative one on other doubles.
 */
void
linli_test_assert_projects_equal (LinliProject *a,
                                  LinliProject *b,
                                  double        coord_eps,
                                  double        rel_eps)
{
  g_assert_cmpstr (linli_project_get_name (a), ==, linli_project_get_name (b));
  assert_rel_close (linli_project_get_walk_minutes (a), linli_project_get_walk_minutes (b),
                    rel_eps);
  assert_rel_close (linli_project_get_walk_speed (a), linli_project_get_walk_speed (b), rel_eps);
  g_assert_cmpint (linli_project_get_distance (a), ==, linli_project_get_distance (b));
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      LinliReach ra, rb;

      linli_project_get_tier_reach (a, t, &ra);
      linli_project_get_tier_reach (b, t, &rb);
      g_assert_cmpint (ra.rule, ==, rb.rule);
      assert_rel_close (ra.minutes, rb.minutes, rel_eps);
    }
  g_assert_cmpstr (linli_project_get_attribution (a), ==, linli_project_get_attribution (b));
  {
    const LinliStreets *sa = linli_project_get_streets (a), *sb = linli_project_get_streets (b);
    const LinliLatLon *na = linli_streets_get_nodes (sa), *nb = linli_streets_get_nodes (sb);

    g_assert_cmpuint (linli_streets_get_n_nodes (sa), ==, linli_streets_get_n_nodes (sb));
    g_assert_cmpuint (linli_streets_get_n_ways (sa), ==, linli_streets_get_n_ways (sb));
    for (guint i = 0; i < linli_streets_get_n_nodes (sa); i++)
      {
        assert_close (na[i].lat, nb[i].lat, coord_eps);
        assert_close (na[i].lon, nb[i].lon, coord_eps);
      }
    for (guint w = 0; w < linli_streets_get_n_ways (sa); w++)
      {
        LinliStreetKind ka, kb;
        guint la, lb;
        const guint32 *wa = linli_streets_get_way (sa, w, &ka, &la);
        const guint32 *wb = linli_streets_get_way (sb, w, &kb, &lb);

        g_assert_cmpint (ka, ==, kb);
        g_assert_cmpmem (wa, la * sizeof (guint32), wb, lb * sizeof (guint32));
      }
  }

  g_assert_cmpuint (linli_project_get_n_communities (a), ==, linli_project_get_n_communities (b));
  for (guint i = 0; i < linli_project_get_n_communities (a); i++)
    {
      const LinliCommunity *ca = linli_project_get_community (a, i);
      const LinliCommunity *cb = linli_project_get_community (b, i);

      g_assert_cmpstr (ca->id, ==, cb->id);
      g_assert_cmpstr (ca->name, ==, cb->name);
    }

  g_assert_cmpuint (linli_project_get_n_compounds (a), ==, linli_project_get_n_compounds (b));
  for (guint i = 0; i < linli_project_get_n_compounds (a); i++)
    {
      const LinliCompound *ca = linli_project_get_compound (a, i);
      const LinliCompound *cb = linli_project_get_compound (b, i);

      g_assert_cmpstr (ca->id, ==, cb->id);
      g_assert_cmpstr (ca->name, ==, cb->name);
      g_assert_cmpuint (ca->community, ==, cb->community);
    }

  g_assert_cmpuint (linli_project_get_n_buildings (a), ==, linli_project_get_n_buildings (b));
  for (guint i = 0; i < linli_project_get_n_buildings (a); i++)
    {
      const LinliBuilding *ba = linli_project_get_building (a, i);
      const LinliBuilding *bb = linli_project_get_building (b, i);
      const LinliLatLon *fa, *fb;
      guint na, nb;

      g_assert_cmpstr (ba->id, ==, bb->id);
      g_assert_cmpstr (ba->name, ==, bb->name);
      g_assert_cmpuint (ba->compound, ==, bb->compound);
      assert_close (ba->lat, bb->lat, coord_eps);
      assert_close (ba->lon, bb->lon, coord_eps);
      g_assert_cmpuint (ba->households, ==, bb->households);
      g_assert_cmpuint (ba->residents, ==, bb->residents);
      g_assert_cmpuint (ba->party_members, ==, bb->party_members);
      g_assert_cmpuint (ba->flags, ==, bb->flags);
      g_assert_cmpstr (ba->kind, ==, bb->kind);
      fa = linli_project_get_footprint (a, i, &na);
      fb = linli_project_get_footprint (b, i, &nb);
      g_assert_cmpuint (na, ==, nb);
      for (guint k = 0; k < na; k++)
        {
          assert_close (fa[k].lat, fb[k].lat, coord_eps);
          assert_close (fa[k].lon, fb[k].lon, coord_eps);
        }
    }

  g_assert_cmpuint (linli_project_get_n_sites (a), ==, linli_project_get_n_sites (b));
  for (guint i = 0; i < linli_project_get_n_sites (a); i++)
    {
      LinliSite *sa = linli_project_get_site (a, i);
      LinliSite *sb = linli_project_get_site (b, i);

      g_assert_cmpstr (linli_site_get_id (sa), ==, linli_site_get_id (sb));
      g_assert_cmpstr (linli_site_get_name (sa), ==, linli_site_get_name (sb));
      g_assert_cmpint (linli_site_get_tier (sa), ==, linli_site_get_tier (sb));
      g_assert_cmpint (linli_site_get_status (sa), ==, linli_site_get_status (sb));
      assert_close (linli_site_get_lat (sa), linli_site_get_lat (sb), coord_eps);
      assert_close (linli_site_get_lon (sa), linli_site_get_lon (sb), coord_eps);
      g_assert_cmpuint (linli_site_get_capacity (sa), ==, linli_site_get_capacity (sb));
      g_assert_cmpuint (linli_site_get_services (sa), ==, linli_site_get_services (sb));
      g_assert_cmpstr (linli_site_get_extra_services (sa), ==, linli_site_get_extra_services (sb));
      g_assert_cmpint (linli_site_get_plan_rule (sa), ==, linli_site_get_plan_rule (sb));
      if (linli_site_get_cost (sa) < 0)
        g_assert_cmpfloat (linli_site_get_cost (sb), <, 0);
      else
        assert_rel_close (linli_site_get_cost (sa), linli_site_get_cost (sb), rel_eps);
    }
}


void
linli_test_assert_totals_equal (const LinliCoverageTotals *a,
                                const LinliCoverageTotals *b)
{
  g_assert_cmpuint (a->buildings, ==, b->buildings);
  g_assert_cmpuint (a->buildings_covered, ==, b->buildings_covered);
  g_assert_cmpuint (a->households, ==, b->households);
  g_assert_cmpuint (a->households_covered, ==, b->households_covered);
  g_assert_cmpuint (a->residents, ==, b->residents);
  g_assert_cmpuint (a->residents_covered, ==, b->residents_covered);
}

/* Every figure of @a equals the one of @b. */
void
linli_test_assert_coverage_equal (LinliProject        *project,
                                  const LinliCoverage *a,
                                  const LinliCoverage *b)
{
  const guint *ua, *ub;
  guint na, nb;

  g_assert_cmpfloat (linli_coverage_get_radius (a), ==, linli_coverage_get_radius (b));
  g_assert_cmpuint (linli_coverage_get_n_buildings (a), ==, linli_coverage_get_n_buildings (b));
  for (guint i = 0; i < linli_coverage_get_n_buildings (a); i++)
    {
      g_assert_cmpuint (linli_coverage_get_cover_count (a, i), ==,
                        linli_coverage_get_cover_count (b, i));
      g_assert_true (linli_coverage_is_covered (a, i) == linli_coverage_is_covered (b, i));
    }
  linli_test_assert_totals_equal (linli_coverage_get_district (a), linli_coverage_get_district (b));
  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    linli_test_assert_totals_equal (linli_coverage_get_community (a, c), linli_coverage_get_community (b, c));
  ua = linli_coverage_get_uncovered (a, &na);
  ub = linli_coverage_get_uncovered (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  if (na > 0)
    g_assert_cmpmem (ua, na * sizeof (guint), ub, nb * sizeof (guint));
  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    g_assert_cmpuint (linli_coverage_site_households (a, s), ==,
                      linli_coverage_site_households (b, s));
}

static guint32
find_root (guint32 *parent,
           guint32  i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

/* Connected components of a street network, by union-find over its ways.
 * @component (optional) gets each node's component (g_free() it).
 *
 * Returns: the number of nodes in the largest component
 */
guint
linli_test_streets_component (const LinliStreets *streets,
                              guint              *n_components,
                              guint32           **component)
{
  guint n = linli_streets_get_n_nodes (streets), best = 0, count = 0;
  g_autofree guint32 *parent = g_new (guint32, MAX (n, 1));
  g_autofree guint *size = g_new0 (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint w = 0; w < linli_streets_get_n_ways (streets); w++)
    {
      guint len;
      const guint32 *list = linli_streets_get_way (streets, w, NULL, &len);

      for (guint k = 1; k < len; k++)
        {
          guint32 a = find_root (parent, list[0]), b = find_root (parent, list[k]);

          if (a != b)
            parent[b] = a;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      guint32 root = find_root (parent, i);

      count += size[root]++ == 0;
      best = MAX (best, size[root]);
    }
  if (n_components != NULL)
    *n_components = count;
  if (component != NULL)
    {
      for (guint i = 0; i < n; i++)
        parent[i] = find_root (parent, i);
      *component = g_steal_pointer (&parent);
    }
  return best;
}

/* How many of @n randomised cases to try: all of them, or fewer under the
 * sanitizers, where tests/meson.build sets LINLI_TEST_CASES_DIVISOR; at
 * least one. */
guint
linli_test_cases (guint n)
{
  const char *divisor = g_getenv ("LINLI_TEST_CASES_DIVISOR");
  guint d = divisor != NULL ? (guint) g_ascii_strtoull (divisor, NULL, 10) : 1;

  return MAX (n / MAX (d, 1), 1);
}

/* The transverse Mercator forward map by Krüger's series in the third
 * flattening n to n⁴ (Karney 2011, eqs. 35–36 with the α of eq. 35),
 * accurate to well under a millimetre within a 3-degree zone: CGCS2000
 * ellipsoid, scale 1 on the central meridian, false easting 500 km, as
 * EPSG:4549 (3-degree zone, central meridian 120°E, no zone prefix).  Tests
 * of GIS files check PROJ's positions with it. */
void
linli_test_gauss_kruger (double  lat,
                         double  lon,
                         double  lon0,
                         double *easting,
                         double *northing)
{
  const double a = 6378137.0, f = 1 / 298.257222101;
  const double n = f / (2 - f), n2 = n * n, n3 = n2 * n, n4 = n3 * n;
  const double A = a / (1 + n) * (1 + n2 / 4 + n4 / 64);
  const double alpha[4] = {
    n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180,
    13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440,
    61 * n3 / 240 - 103 * n4 / 140,
    49561 * n4 / 161280,
  };
  const double e = 2 * sqrt (n) / (1 + n);
  double phi = lat * G_PI / 180, lambda = (lon - lon0) * G_PI / 180;
  double t = sinh (atanh (sin (phi)) - e * atanh (e * sin (phi)));
  double xi1 = atan2 (t, cos (lambda)), eta1 = atanh (sin (lambda) / sqrt (1 + t * t));
  double xi = xi1, eta = eta1;

  for (int j = 1; j <= 4; j++)
    {
      xi += alpha[j - 1] * sin (2 * j * xi1) * cosh (2 * j * eta1);
      eta += alpha[j - 1] * cos (2 * j * xi1) * sinh (2 * j * eta1);
    }
  *easting = 500000 + A * eta;
  *northing = A * xi;
}

static void
dump_text (GString    *out,
           const char *label,
           const char *value)
{
  g_string_append_printf (out, " %s=%s%s%s", label, value ? "[" : "", value ? value : "null",
                          value ? "]" : "");
}

static void
dump_double (GString    *out,
             const char *label,
             double      value)
{
  g_string_append_printf (out, " %s=%.17g", label, value);
}

/**
 * linli_test_dump_partners:
 *
 * Every field of every partner list, as text: two models are the same when
 * their dumps are.
 *
 * Returns: (transfer full): the dump
 */
char *
linli_test_dump_partners (LinliPartners *p)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_CATEGORIES); i++)
    {
      const LinliPartnerCategory *c = linli_partners_get_category (p, i);

      g_string_append (out, "category");
      dump_text (out, "id", c->id);
      dump_text (out, "name", c->name);
      g_string_append_printf (out, " builtin=%d\n", c->builtin);
    }
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (p, i);

      g_string_append (out, "unit");
      dump_text (out, "id", u->id);
      dump_text (out, "name", u->name);
      g_string_append_printf (out, " type=%d", u->type);
      dump_text (out, "address", u->address);
      g_string_append_printf (out, " pos=%d", u->has_position);
      if (u->has_position)
        g_string_append_printf (out, " %.7f,%.7f", u->lat, u->lon);
      dump_text (out, "contact", u->contact);
      g_string_append_printf (out, " members=%u\n", u->members);
      for (guint k = 0; k < u->n_resources; k++)
        {
          g_string_append (out, "  resource");
          dump_text (out, "category", u->resources[k].category);
          dump_double (out, "quantity", u->resources[k].quantity);
          dump_text (out, "measure", u->resources[k].measure);
          dump_double (out, "capacity", u->resources[k].capacity);
          g_string_append_printf (out, " period=%d\n", u->resources[k].period);
        }
    }
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS); i++)
    {
      const LinliPartnerNeed *n = linli_partners_get_need (p, i);

      g_string_append (out, "need");
      dump_text (out, "id", n->id);
      g_string_append_printf (out, " kind=%d", n->place_kind);
      dump_text (out, "place", n->place);
      dump_text (out, "category", n->category);
      dump_double (out, "quantity", n->quantity);
      g_string_append_printf (out, " priority=%u period=%d", n->priority, n->period);
      dump_text (out, "note", n->note);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_RECORDS); i++)
    {
      const LinliServiceRecord *r = linli_partners_get_record (p, i);

      g_string_append (out, "record");
      dump_text (out, "id", r->id);
      dump_text (out, "unit", r->unit);
      dump_text (out, "need", r->need);
      g_string_append_printf (out, " kind=%d", r->place_kind);
      dump_text (out, "place", r->place);
      dump_text (out, "category", r->category);
      dump_text (out, "date", r->date);
      dump_double (out, "hours", r->hours);
      dump_text (out, "person", r->person);
      dump_text (out, "note", r->note);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_EVALUATIONS); i++)
    {
      const LinliServiceEvaluation *e = linli_partners_get_evaluation (p, i);

      g_string_append (out, "evaluation");
      dump_text (out, "id", e->id);
      dump_text (out, "record", e->record);
      g_string_append_printf (out, " score=%u", e->score);
      dump_text (out, "comment", e->comment);
      g_string_append_c (out, '\n');
    }
  if (linli_partners_get_assignment (p) != NULL)
    {
      const LinliPartnerAssignment *a = linli_partners_get_assignment (p);

      g_string_append_printf (out, "assignment straight=%d out-of-date=%d\n", a->straight_line,
                              a->out_of_date);
      for (guint i = 0; i < a->n_pairs; i++)
        {
          g_string_append (out, "pair");
          dump_text (out, "unit", a->pairs[i].unit);
          dump_text (out, "need", a->pairs[i].need);
          dump_text (out, "category", a->pairs[i].category);
          dump_double (out, "quantity", a->pairs[i].quantity);
          dump_double (out, "distance", a->pairs[i].distance);
          g_string_append_c (out, '\n');
        }
    }
  {
    const LinliPartnerRules *r = linli_partners_get_rules (p);

    g_string_append_printf (out, "rules every-community=%d straight=%d", r->every_community,
                            r->straight_line);
    dump_double (out, "max-distance", r->max_distance);
    dump_double (out, "community-minimum", r->community_minimum);
    g_string_append_c (out, '\n');
    for (guint i = 0; i < r->n_rules; i++)
      {
        g_string_append_printf (out, "rule kind=%d", r->rules[i].kind);
        dump_text (out, "unit", r->rules[i].unit);
        dump_text (out, "need", r->rules[i].need);
        g_string_append_c (out, '\n');
      }
  }
  return g_string_free (out, FALSE);
}
