/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-project"

#include "config.h"

#include <math.h>
#include <string.h>

#include "linli-format.h"
#include "linli-generator.h"
#include "linli-project.h"
#include "linli-test-utils.h"

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

typedef struct
{
  guint changed;
  guint notify;
  guint items_changed;
  guint last_position;
  guint last_removed;
  guint last_added;
  GHashTable *by_property;  /* name → count */
} Counter;

static void
counter_init (Counter *c)
{
  memset (c, 0, sizeof *c);
  c->by_property = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
counter_clear (Counter *c)
{
  g_clear_pointer (&c->by_property, g_hash_table_unref);
}

static void
counter_reset (Counter *c)
{
  c->changed = c->notify = c->items_changed = 0;
  g_hash_table_remove_all (c->by_property);
}

static guint
counter_get (Counter    *c,
             const char *property)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (c->by_property, property));
}

static void
changed_cb (LinliProject *project,
            Counter      *c)
{
  c->changed++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Counter    *c)
{
  c->notify++;
  g_hash_table_insert (c->by_property, (gpointer) pspec->name,
                       GUINT_TO_POINTER (counter_get (c, pspec->name) + 1));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Counter    *c)
{
  c->items_changed++;
  c->last_position = position;
  c->last_removed = removed;
  c->last_added = added;
}

static LinliSite *
new_site (const char     *id,
          LinliSiteStatus status,
          double          lat,
          double          lon)
{
  LinliSiteState st = { 0 };

  st.id = (char *) id;
  st.name = (char *) "站";
  st.tier = LINLI_SITE_TIER_STATION;
  st.status = status;
  st.lat = lat;
  st.lon = lon;
  st.cost = -1;
  return linli_site_new (&st);
}

/* A project with communities, compounds and some buildings. */
static LinliProject *
project_with_buildings (guint n)
{
  LinliProject *project = linli_project_new ();

  linli_project_add_community (project, "c0", "东");
  linli_project_add_community (project, "c1", "西");
  linli_project_add_compound (project, "k0", NULL, 0);
  linli_project_add_compound (project, "k1", NULL, 1);
  linli_project_add_compound (project, "k2", NULL, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("b%u", i);
      LinliBuilding b = { 0 };

      b.id = id;
      b.lat = 31 + i * 1e-3;
      b.lon = 121 + i * 2e-3;
      b.compound = i % 3;
      b.households = i;
      linli_project_add_building (project, &b, NULL, 0);
    }
  return project;
}

/* ------------------------------------------------------------------------ */
/* Project                                                                   */
/* ------------------------------------------------------------------------ */

static void
test_defaults (void)
{
  LinliProject *project = linli_project_new ();
  double a, b, c, d;

  g_assert_cmpstr (linli_project_get_name (project), ==, "");
  g_assert_cmpfloat (linli_project_get_walk_minutes (project), ==, LINLI_DEFAULT_WALK_MINUTES);
  g_assert_cmpfloat (linli_project_get_walk_speed (project), ==, LINLI_DEFAULT_WALK_SPEED_KMH);
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, 0);
  g_assert_cmpuint (linli_project_get_n_compounds (project), ==, 0);
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, 0);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (linli_project_get_sites (project)), ==, 0);
  g_assert_true (g_list_model_get_item_type (linli_project_get_sites (project)) == LINLI_TYPE_SITE);
  g_assert_false (linli_project_get_bounds (project, &a, &b, &c, &d));
  g_assert_cmpint (linli_project_find_community (project, "x"), ==, -1);
  g_assert_cmpint (linli_project_find_compound (project, "x"), ==, -1);
  g_assert_null (linli_project_find_site (project, "site-1", NULL));
  g_assert_finalize_object (project);
}

static void
test_properties (void)
{
  LinliProject *project = linli_project_new ();
  g_autofree char *name = NULL;
  double minutes, speed;
  Counter c;

  counter_init (&c);
  g_signal_connect (project, "notify", G_CALLBACK (notify_cb), &c);
  g_signal_connect (project, "changed", G_CALLBACK (changed_cb), &c);

  g_object_set (project, "name", "街道", "walk-minutes", 15.0, "walk-speed", 5.0, NULL);
  g_object_get (project, "name", &name, "walk-minutes", &minutes, "walk-speed", &speed, NULL);
  g_assert_cmpstr (name, ==, "街道");
  g_assert_cmpfloat (minutes, ==, 15);
  g_assert_cmpfloat (speed, ==, 5);
  g_assert_cmpuint (counter_get (&c, "name"), ==, 1);
  g_assert_cmpuint (counter_get (&c, "walk-minutes"), ==, 1);
  g_assert_cmpuint (counter_get (&c, "walk-speed"), ==, 1);
  /* The name is not a coverage input; the walking rule is. */
  g_assert_cmpuint (c.changed, ==, 2);

  /* Same values: no notification, no change. */
  counter_reset (&c);
  linli_project_set_name (project, "街道");
  linli_project_set_walk_minutes (project, 15);
  linli_project_set_walk_speed (project, 5);
  g_assert_cmpuint (c.notify, ==, 0);
  g_assert_cmpuint (c.changed, ==, 0);

  /* NULL is the empty name. */
  linli_project_set_name (project, NULL);
  g_assert_cmpstr (linli_project_get_name (project), ==, "");
  g_assert_cmpuint (c.notify, ==, 1);
  linli_project_set_name (project, "");
  g_assert_cmpuint (c.notify, ==, 1);

  /* Out of range walking values are programmer errors and change nothing. */
  counter_reset (&c);
  g_test_expect_message ("linli-project", G_LOG_LEVEL_CRITICAL, "*minutes*");
  linli_project_set_walk_minutes (project, 0.5);
  g_test_assert_expected_messages ();
  g_test_expect_message ("linli-project", G_LOG_LEVEL_CRITICAL, "*kmh*");
  linli_project_set_walk_speed (project, NAN);
  g_test_assert_expected_messages ();
  g_assert_cmpfloat (linli_project_get_walk_minutes (project), ==, 15);
  g_assert_cmpfloat (linli_project_get_walk_speed (project), ==, 5);
  g_assert_cmpuint (c.notify + c.changed, ==, 0);

  g_signal_handlers_disconnect_by_data (project, &c);
  counter_clear (&c);
  g_assert_finalize_object (project);
}

static void
test_radius (void)
{
  static const double minutes[] = { 1, 5, 10, 15, 37.5, 120 };
  static const double speeds[] = { 1, 3.6, 4.5, 5, 10 };
  LinliProject *project = linli_project_new ();

  /* Metres walked: minutes / 60 hours at speed km/h. */
  g_assert_cmpfloat_with_epsilon (linli_project_get_coverage_radius (project),
                                  LINLI_DEFAULT_WALK_MINUTES / 60 * LINLI_DEFAULT_WALK_SPEED_KMH *
                                    1000,
                                  1e-9);
  for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (speeds); j++)
      {
        double expected = minutes[i] * speeds[j] * 1000 / 60;

        linli_project_set_walk_minutes (project, minutes[i]);
        linli_project_set_walk_speed (project, speeds[j]);
        g_assert_cmpfloat_with_epsilon (linli_project_get_coverage_radius (project), expected,
                                        expected * 1e-12);
      }
  g_assert_finalize_object (project);
}

static void
test_communities_compounds (void)
{
  LinliProject *project = linli_project_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  guint n_communities = 40, n_compounds = 300;
  guint *owner = g_new (guint, n_compounds);

  for (guint i = 0; i < n_communities; i++)
    {
      g_autofree char *id = g_strdup_printf ("社区%u", i);
      g_autofree char *name = g_strdup_printf ("第%u社区 & <x>", i);

      g_assert_cmpuint (linli_project_add_community (project, id, i % 5 ? name : NULL), ==, i);
    }
  for (guint i = 0; i < n_compounds; i++)
    {
      g_autofree char *id = g_strdup_printf ("小区%u", i);

      owner[i] = g_rand_int_range (rand, 0, n_communities);
      g_assert_cmpuint (linli_project_add_compound (project, id, id, owner[i]), ==, i);
    }
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, n_communities);
  g_assert_cmpuint (linli_project_get_n_compounds (project), ==, n_compounds);

  for (guint i = 0; i < n_communities; i++)
    {
      g_autofree char *id = g_strdup_printf ("社区%u", i);
      g_autofree char *name = g_strdup_printf ("第%u社区 & <x>", i);
      const LinliCommunity *c = linli_project_get_community (project, i);

      g_assert_cmpint (linli_project_find_community (project, id), ==, (int) i);
      g_assert_cmpstr (c->id, ==, id);
      g_assert_cmpstr (c->name, ==, i % 5 ? name : "");
    }
  for (guint i = 0; i < n_compounds; i++)
    {
      g_autofree char *id = g_strdup_printf ("小区%u", i);
      const LinliCompound *c = linli_project_get_compound (project, i);

      g_assert_cmpint (linli_project_find_compound (project, id), ==, (int) i);
      g_assert_cmpstr (c->id, ==, id);
      g_assert_cmpstr (c->name, ==, id);
      g_assert_cmpuint (c->community, ==, owner[i]);
    }
  g_assert_cmpint (linli_project_find_community (project, "小区0"), ==, -1);
  g_assert_cmpint (linli_project_find_compound (project, "社区0"), ==, -1);
  g_assert_cmpint (linli_project_find_compound (project, ""), ==, -1);

  g_free (owner);
  g_assert_finalize_object (project);
}

static void
test_buildings (void)
{
  LinliProject *project = linli_project_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (12);
  guint n = 5000;
  LinliBuilding *expected = g_new0 (LinliBuilding, n);
  GArray *points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  guint *fp_start = g_new (guint, n), *fp_len = g_new (guint, n);
  char **ids = g_new0 (char *, n + 1);
  char **names = g_new0 (char *, n + 1);
  double min_lat = INFINITY, max_lat = -INFINITY, min_lon = INFINITY, max_lon = -INFINITY;
  double a, b, c, d;

  linli_project_add_community (project, "c0", NULL);
  linli_project_add_community (project, "c1", NULL);
  linli_project_add_compound (project, "k0", NULL, 1);
  linli_project_add_compound (project, "k1", NULL, 0);
  linli_project_add_compound (project, "k2", NULL, 1);

  for (guint i = 0; i < n; i++)
    {
      LinliBuilding bl = { 0 };
      char id[32];
      LinliLatLon fp[8];
      guint n_fp = g_rand_int_range (rand, 0, 3) ? 0 : g_rand_int_range (rand, 3, 9);

      g_snprintf (id, sizeof id, "楼-%u", i);
      ids[i] = g_strdup (id);
      names[i] = g_rand_boolean (rand) ? g_strdup_printf ("%u号楼", i) : NULL;
      bl.id = id;
      bl.name = names[i];
      bl.lat = g_rand_double_range (rand, 22, 40);
      bl.lon = g_rand_double_range (rand, 100, 122);
      bl.compound = g_rand_int_range (rand, 0, 3);
      bl.households = g_rand_int (rand);
      bl.residents = g_rand_int (rand);
      bl.party_members = g_rand_int (rand);
      bl.footprint_start = g_rand_int (rand);  /* must be ignored */
      bl.footprint_len = g_rand_int (rand);
      for (guint k = 0; k < n_fp; k++)
        {
          fp[k].lat = bl.lat + k * 1e-5;
          fp[k].lon = bl.lon - k * 1e-5;
        }
      fp_start[i] = points->len;
      fp_len[i] = n_fp;
      g_array_append_vals (points, fp, n_fp);
      expected[i] = bl;
      min_lat = MIN (min_lat, bl.lat);
      max_lat = MAX (max_lat, bl.lat);
      min_lon = MIN (min_lon, bl.lon);
      max_lon = MAX (max_lon, bl.lon);

      g_assert_cmpuint (linli_project_add_building (project, &bl, n_fp ? fp : NULL, n_fp), ==, i);
      /* The strings were copied: scribbling on ours changes nothing. */
      memset (id, 'X', sizeof id - 1);
    }
  g_assert_cmpuint (linli_project_get_n_buildings (project), ==, n);

  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *bl = linli_project_get_building (project, i);
      const LinliLatLon *fp;
      guint n_fp = 12345;

      g_assert_true (bl == &linli_project_get_buildings (project)[i]);
      g_assert_cmpstr (bl->id, ==, ids[i]);
      g_assert_cmpstr (bl->name, ==, names[i] ? names[i] : "");
      g_assert_cmpfloat (bl->lat, ==, expected[i].lat);
      g_assert_cmpfloat (bl->lon, ==, expected[i].lon);
      g_assert_cmpuint (bl->compound, ==, expected[i].compound);
      g_assert_cmpuint (bl->households, ==, expected[i].households);
      g_assert_cmpuint (bl->residents, ==, expected[i].residents);
      g_assert_cmpuint (bl->party_members, ==, expected[i].party_members);
      g_assert_cmpuint (bl->footprint_len, ==, fp_len[i]);

      fp = linli_project_get_footprint (project, i, &n_fp);
      g_assert_cmpuint (n_fp, ==, fp_len[i]);
      if (n_fp == 0)
        g_assert_null (fp);
      for (guint k = 0; k < n_fp; k++)
        {
          const LinliLatLon *want = &g_array_index (points, LinliLatLon, fp_start[i] + k);

          g_assert_cmpfloat (fp[k].lat, ==, want->lat);
          g_assert_cmpfloat (fp[k].lon, ==, want->lon);
        }

      /* k0 and k2 are in c1, k1 in c0. */
      g_assert_cmpuint (linli_project_building_community (project, i), ==,
                        linli_project_get_compound (project, expected[i].compound)->community);
      g_assert_cmpuint (linli_project_building_community (project, i), ==,
                        expected[i].compound == 1 ? 0 : 1);
    }

  g_assert_true (linli_project_get_bounds (project, &a, &b, &c, &d));
  g_assert_cmpfloat (a, ==, min_lat);
  g_assert_cmpfloat (b, ==, min_lon);
  g_assert_cmpfloat (c, ==, max_lat);
  g_assert_cmpfloat (d, ==, max_lon);

  /* A loader may give a building its outline afterwards; the others keep
   * theirs. */
  {
    static const LinliLatLon outline[] = { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } };
    const LinliLatLon *fp;
    guint n_fp;

    linli_project_set_footprint (project, 7, outline, G_N_ELEMENTS (outline));
    fp = linli_project_get_footprint (project, 7, &n_fp);
    g_assert_cmpuint (n_fp, ==, G_N_ELEMENTS (outline));
    g_assert_cmpmem (fp, n_fp * sizeof *fp, outline, sizeof outline);
    for (guint i = 0; i < n; i++)
      {
        if (i == 7)
          continue;
        fp = linli_project_get_footprint (project, i, &n_fp);
        g_assert_cmpuint (n_fp, ==, fp_len[i]);
        if (n_fp > 0)
          g_assert_cmpfloat (fp[0].lat, ==, g_array_index (points, LinliLatLon, fp_start[i]).lat);
      }
    linli_project_set_footprint (project, 7, NULL, 0);
    g_assert_null (linli_project_get_footprint (project, 7, &n_fp));
    g_assert_cmpuint (n_fp, ==, 0);
  }

  /* Sites widen the bounds. */
  {
    g_autoptr (LinliSite) site = new_site ("s", LINLI_SITE_STATUS_PLANNED, max_lat + 1,
                                           min_lon - 1);

    linli_project_add_site (project, site);
    g_assert_true (linli_project_get_bounds (project, &a, &b, &c, &d));
    g_assert_cmpfloat (c, ==, max_lat + 1);
    g_assert_cmpfloat (b, ==, min_lon - 1);
    g_assert_cmpfloat (a, ==, min_lat);
    g_assert_cmpfloat (d, ==, max_lon);
  }

  for (guint i = 0; i < n; i++)
    g_free (names[i]);  /* with holes, so not g_strfreev() */
  g_free (names);
  g_strfreev (ids);
  g_free (expected);
  g_free (fp_start);
  g_free (fp_len);
  g_array_unref (points);
  g_assert_finalize_object (project);
}

static void
test_sites (void)
{
  LinliProject *project = project_with_buildings (3);
  GListModel *model = linli_project_get_sites (project);
  LinliSite *s[6];
  guint position = 999;
  Counter c;

  counter_init (&c);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &c);
  g_signal_connect (project, "changed", G_CALLBACK (changed_cb), &c);

  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);

      s[i] = new_site (id, LINLI_SITE_STATUS_EXISTING, 31, 121);
      g_object_add_weak_pointer (G_OBJECT (s[i]), (gpointer *) &s[i]);
    }

  /* add appends; insert puts at a position, clamped to the end. */
  linli_project_add_site (project, s[0]);
  g_assert_cmpuint (c.last_position, ==, 0);
  linli_project_add_site (project, s[1]);
  g_assert_cmpuint (c.last_position, ==, 1);
  linli_project_insert_site (project, 0, s[2]);
  g_assert_cmpuint (c.last_position, ==, 0);
  linli_project_insert_site (project, 1, s[3]);
  linli_project_insert_site (project, 1000, s[4]);
  g_assert_cmpuint (c.last_position, ==, 4);
  g_assert_cmpuint (c.last_added, ==, 1);
  g_assert_cmpuint (c.last_removed, ==, 0);
  g_assert_cmpuint (c.items_changed, ==, 5);
  g_assert_cmpuint (c.changed, ==, 5);

  /* Order: s2 s3 s0 s1 s4 */
  {
    LinliSite *order[] = { s[2], s[3], s[0], s[1], s[4] };

    g_assert_cmpuint (linli_project_get_n_sites (project), ==, 5);
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        g_autoptr (LinliSite) item = g_list_model_get_item (model, i);
        const char *id = linli_site_get_id (order[i]);

        g_assert_true (linli_project_get_site (project, i) == order[i]);
        g_assert_true (item == order[i]);
        g_assert_true (linli_project_find_site (project, id, &position) == order[i]);
        g_assert_cmpuint (position, ==, i);
      }
  }
  position = 999;
  g_assert_null (linli_project_find_site (project, "s5", &position));
  g_assert_cmpuint (position, ==, 999);
  g_assert_nonnull (linli_project_find_site (project, "s0", NULL));

  /* The project holds its own references. */
  for (guint i = 0; i < 5; i++)
    g_object_unref (s[i]);
  g_assert_nonnull (s[0]);

  counter_reset (&c);
  linli_project_remove_site (project, s[0]);  /* at position 2 */
  g_assert_null (s[0]);  /* that was the last reference */
  g_assert_cmpuint (c.items_changed, ==, 1);
  g_assert_cmpuint (c.last_position, ==, 2);
  g_assert_cmpuint (c.last_removed, ==, 1);
  g_assert_cmpuint (c.changed, ==, 1);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 4);
  g_assert_null (linli_project_find_site (project, "s0", NULL));
  g_assert_true (linli_project_find_site (project, "s1", &position) == s[1]);
  g_assert_cmpuint (position, ==, 2);

  /* Removing a site that is not in the project is a programmer error. */
  counter_reset (&c);
  g_test_expect_message ("linli-project", G_LOG_LEVEL_CRITICAL, "*");
  linli_project_remove_site (project, s[5]);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (c.changed + c.items_changed, ==, 0);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 4);

  g_signal_handlers_disconnect_by_data (model, &c);
  g_signal_handlers_disconnect_by_data (project, &c);
  counter_clear (&c);
  g_object_unref (s[5]);
  g_assert_null (s[5]);
  g_assert_finalize_object (project);
  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    g_assert_null (s[i]);
}

static void
test_changed_signal (void)
{
  LinliProject *project = project_with_buildings (10);
  g_autoptr (LinliSite) site = new_site ("a", LINLI_SITE_STATUS_EXISTING, 31, 121);
  g_autoptr (LinliSite) other = new_site ("b", LINLI_SITE_STATUS_CANDIDATE, 31, 121);
  Counter c;

  counter_init (&c);
  g_signal_connect (project, "changed", G_CALLBACK (changed_cb), &c);

  linli_project_add_site (project, site);
  g_assert_cmpuint (c.changed, ==, 1);
  linli_project_insert_site (project, 0, other);
  g_assert_cmpuint (c.changed, ==, 2);

  /* Each real edit of a site in the project is a change; a no-op is not. */
  counter_reset (&c);
  linli_site_set_status (site, LINLI_SITE_STATUS_PLANNED);
  g_assert_cmpuint (c.changed, ==, 1);
  linli_site_set_status (site, LINLI_SITE_STATUS_PLANNED);
  g_assert_cmpuint (c.changed, ==, 1);
  linli_site_set_capacity (site, 300);
  g_assert_cmpuint (c.changed, ==, 2);
  linli_site_set_name (other, "候选");
  g_assert_cmpuint (c.changed, ==, 3);
  linli_site_set_position (site, 31, 121);  /* where it already is */
  g_assert_cmpuint (c.changed, ==, 3);
  linli_site_set_position (site, 31.001, 121);
  g_assert_cmpuint (c.changed, ==, 4);
  /* Both coordinates at once: one edit, one change. */
  linli_site_set_position (site, 31.002, 121.002);
  g_assert_cmpuint (c.changed, ==, 5);
  /* A whole new state at once is one change too. */
  {
    g_autoptr (LinliSiteState) st = linli_site_dup_state (site);

    g_free (st->name);
    st->name = g_strdup ("多项修改");
    st->capacity = 1234;
    st->lat = 31.003;
    linli_site_apply_state (site, st);
    g_assert_cmpuint (c.changed, ==, 6);
  }

  /* The walking rule. */
  counter_reset (&c);
  linli_project_set_walk_minutes (project, 12);
  g_assert_cmpuint (c.changed, ==, 1);
  linli_project_set_walk_minutes (project, 12);
  g_assert_cmpuint (c.changed, ==, 1);
  linli_project_set_walk_speed (project, 4);
  g_assert_cmpuint (c.changed, ==, 2);
  linli_project_set_walk_speed (project, 4);
  g_assert_cmpuint (c.changed, ==, 2);

  /* Once removed, a site's edits are none of the project's business. */
  counter_reset (&c);
  linli_project_remove_site (project, site);
  g_assert_cmpuint (c.changed, ==, 1);
  linli_site_set_name (site, "gone");
  linli_site_set_position (site, 10, 10);
  linli_site_set_status (site, LINLI_SITE_STATUS_EXISTING);
  g_assert_cmpuint (c.changed, ==, 1);

  /* Buildings are not sites: adding one is not a "changed". */
  {
    LinliBuilding b = { .id = "new", .lat = 31, .lon = 121, .compound = 0 };

    linli_project_add_building (project, &b, NULL, 0);
    g_assert_cmpuint (c.changed, ==, 1);
  }

  g_signal_handlers_disconnect_by_data (project, &c);
  counter_clear (&c);

  /* A site that outlives its project can still be edited. */
  g_assert_finalize_object (project);
  linli_site_set_name (other, "still here");
  g_assert_cmpstr (linli_site_get_name (other), ==, "still here");
}

static void
test_new_site_id (void)
{
  static const char doc[] =
    "<linli version=\"1\"><sites>"
    "<site id=\"site-7\" tier=\"station\" status=\"existing\" lat=\"31\" lon=\"121\"/>"
    "<site id=\"site-3\" tier=\"station\" status=\"existing\" lat=\"31\" lon=\"121\"/>"
    "<site id=\"site-x\" tier=\"station\" status=\"existing\" lat=\"31\" lon=\"121\"/>"
    "<site id=\"site-0009\" tier=\"station\" status=\"existing\" lat=\"31\" lon=\"121\"/>"
    "<site id=\"site-99999999999999999999\" tier=\"station\" status=\"existing\" "
    "lat=\"31\" lon=\"121\"/>"
    "</sites></linli>";
  g_autoptr (GError) error = NULL;
  LinliProject *project = linli_format_load_data (doc, strlen (doc), "ids.linli", &error);
  LinliProject *fresh = linli_project_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 5);
  for (guint i = 0; i < linli_project_get_n_sites (project); i++)
    g_hash_table_add (seen, g_strdup (linli_site_get_id (linli_project_get_site (project, i))));

  /* Every new id differs from all ids in the project and from each other,
   * including ids added by hand in between. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = linli_project_new_site_id (project);
      g_autoptr (LinliSite) site = NULL;

      g_assert_true (g_str_has_prefix (id, "site-"));
      g_assert_false (g_hash_table_contains (seen, id));
      g_assert_null (linli_project_find_site (project, id, NULL));
      g_hash_table_add (seen, g_strdup (id));
      if (i % 2 == 0)
        {
          site = new_site (id, LINLI_SITE_STATUS_EXISTING, 31, 121);
          linli_project_add_site (project, site);
        }
      if (i % 7 == 0)
        {
          /* Someone takes a number ahead of the counter. */
          g_autofree char *ahead = g_strdup_printf ("site-%" G_GUINT64_FORMAT,
                                                    g_ascii_strtoull (id + 5, NULL, 10) + 2);
          g_autoptr (LinliSite) manual = NULL;

          if (!g_hash_table_contains (seen, ahead))
            {
              manual = new_site (ahead, LINLI_SITE_STATUS_EXISTING, 31, 121);
              linli_project_add_site (project, manual);
              g_hash_table_add (seen, g_strdup (ahead));
            }
        }
    }
  /* A project with no sites starts at 1 and counts up. */
  {
    g_autofree char *id1 = linli_project_new_site_id (fresh);
    g_autofree char *id2 = linli_project_new_site_id (fresh);

    g_assert_cmpstr (id1, ==, "site-1");
    g_assert_cmpstr (id2, ==, "site-2");
  }

  g_assert_finalize_object (project);
  g_assert_finalize_object (fresh);
}

static void
test_new_site_id_after_load (void)
{
  static const char doc[] =
    "<linli version=\"1\"><sites>"
    "<site id=\"site-7\" tier=\"station\" status=\"existing\" lat=\"31\" lon=\"121\"/>"
    "<site id=\"site-2\" tier=\"station\" status=\"existing\" lat=\"31\" lon=\"121\"/>"
    "</sites></linli>";
  g_autoptr (GError) error = NULL;
  LinliProject *project = linli_format_load_data (doc, strlen (doc), "ids.linli", &error);
  unsigned long long first = 0;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  id = linli_project_new_site_id (project);
  g_assert_true (g_str_has_prefix (id, "site-"));
  first = g_ascii_strtoull (id + 5, NULL, 10);
  /* Never below a number already used, so ids stay in creation order. */
  g_assert_cmpuint (first, >, 7);
  g_assert_finalize_object (project);
}

/* ------------------------------------------------------------------------ */
/* Projection                                                                */
/* ------------------------------------------------------------------------ */

static void
random_point_near (GRand  *rand,
                   double  lat0,
                   double  lon0,
                   double  max_m,
                   double *lat,
                   double *lon)
{
  /* Uniform in a disc, by exact great-circle destination. */
  double d = max_m * sqrt (g_rand_double (rand)) / LINLI_EARTH_RADIUS_M;
  double bearing = g_rand_double_range (rand, 0, 2 * G_PI);
  double p0 = lat0 * G_PI / 180, l0 = lon0 * G_PI / 180;
  double p = asin (sin (p0) * cos (d) + cos (p0) * sin (d) * cos (bearing));
  double l = l0 + atan2 (sin (bearing) * sin (d) * cos (p0), cos (d) - sin (p0) * sin (p));

  *lat = p * 180 / G_PI;
  *lon = l * 180 / G_PI;
}

/* The worst relative error of the projected distance against the
 * great-circle one, for random pairs within @radius_m of random centres at
 * latitudes 20–45°. */
static double
worst_projection_error (guint32 seed,
                        double  radius_m,
                        double *worst_tan_lat)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  double worst = 0;

  *worst_tan_lat = 0;
  for (guint i = 0; i < 20000; i++)
    {
      double lat0 = g_rand_double_range (rand, 20, 45);
      double lon0 = g_rand_double_range (rand, 73, 135);
      double lat1, lon1, lat2, lon2, h, p;
      LinliProjection proj;

      linli_projection_init (&proj, lat0, lon0);
      random_point_near (rand, lat0, lon0, radius_m, &lat1, &lon1);
      random_point_near (rand, lat0, lon0, radius_m, &lat2, &lon2);
      h = linli_haversine_distance (lat1, lon1, lat2, lon2);
      p = linli_projection_distance (&proj, lat1, lon1, lat2, lon2);
      g_assert_cmpfloat (h, <=, 2 * radius_m * 1.0001);
      if (h < 1)
        continue;
      if (fabs (p - h) / h > worst)
        {
          worst = fabs (p - h) / h;
          *worst_tan_lat = tan (MAX (fabs (lat1), fabs (lat2)) * G_PI / 180);
        }
    }
  return worst;
}

static void
test_projection_accuracy (void)
{
  double tan_lat;
  double worst_5 = worst_projection_error (1, 5000, &tan_lat);
  double worst_20 = worst_projection_error (2, 20000, &tan_lat);

  g_test_message ("worst relative error: %.5f %% within 5 km, %.5f %% within 20 km",
                  100 * worst_5, 100 * worst_20);

  /* A district (a few km across): better than 0.1 %. */
  g_assert_cmpfloat (worst_5, <, 1e-3);

  /* Farther out the equirectangular projection's east–west scale drifts by
   * about tan(lat) · Δlat: over 20 km at 45° that is 0.31 %, more than the
   * 0.1 % linli-geo.h promises for "a few tens of kilometres".  Hold it to
   * that first-order bound (with 10 % slack for the second-order terms). */
  g_assert_cmpfloat (worst_20, <, 1.1 * tan (45 * G_PI / 180) * 20000 / LINLI_EARTH_RADIUS_M);
}

static void
test_projection_round_trip (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);

  for (guint i = 0; i < 10000; i++)
    {
      LinliProjection proj;
      double lat0 = g_rand_double_range (rand, -60, 60);
      double lon0 = g_rand_double_range (rand, -179, 179);
      double lat = lat0 + g_rand_double_range (rand, -0.3, 0.3);
      double lon = lon0 + g_rand_double_range (rand, -0.3, 0.3);
      double x, y, lat2, lon2, x2, y2;

      linli_projection_init (&proj, lat0, lon0);
      linli_projection_forward (&proj, lat, lon, &x, &y);
      linli_projection_inverse (&proj, x, y, &lat2, &lon2);
      g_assert_cmpfloat_with_epsilon (lat2, lat, 1e-9);
      g_assert_cmpfloat_with_epsilon (lon2, lon, 1e-9);

      /* Distances in the projection are Euclidean distances of x, y. */
      linli_projection_forward (&proj, lat0, lon0, &x2, &y2);
      g_assert_cmpfloat_with_epsilon (x2, 0, 1e-9);
      g_assert_cmpfloat_with_epsilon (y2, 0, 1e-9);
      g_assert_cmpfloat_with_epsilon (linli_projection_distance (&proj, lat0, lon0, lat, lon),
                                      hypot (x, y), 1e-6);
      /* North is +y, east is +x. */
      g_assert_true ((y > 0) == (lat > lat0) || lat == lat0);
      g_assert_true ((x > 0) == (lon > lon0) || lon == lon0);
    }

  g_assert_true (linli_lat_lon_is_valid (90, 180));
  g_assert_true (linli_lat_lon_is_valid (-90, -180));
  g_assert_false (linli_lat_lon_is_valid (90.0000001, 0));
  g_assert_false (linli_lat_lon_is_valid (0, -180.0000001));
  g_assert_false (linli_lat_lon_is_valid (NAN, 0));
  g_assert_false (linli_lat_lon_is_valid (0, INFINITY));
}

static void
test_project_projection (void)
{
  LinliProject *project = project_with_buildings (0);
  const LinliProjection *proj = linli_project_get_projection (project);
  LinliBuilding b = { 0 };
  double x, y;

  g_assert_nonnull (proj);

  /* Centred on the middle of the buildings' bounding box, and redone
   * when buildings are added. */
  b.id = "1";
  b.lat = 30;
  b.lon = 120;
  linli_project_add_building (project, &b, NULL, 0);
  b.id = "2";
  b.lat = 31;
  b.lon = 122;
  linli_project_add_building (project, &b, NULL, 0);
  proj = linli_project_get_projection (project);
  g_assert_cmpfloat_with_epsilon (proj->lat0, 30.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (proj->lon0, 121, 1e-12);
  linli_projection_forward (proj, 30.5, 121, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-9);

  b.id = "3";
  b.lat = 40;
  b.lon = 130;
  linli_project_add_building (project, &b, NULL, 0);
  proj = linli_project_get_projection (project);
  g_assert_cmpfloat_with_epsilon (proj->lat0, 35, 1e-12);
  g_assert_cmpfloat_with_epsilon (proj->lon0, 125, 1e-12);

  /* Nor do buildings with no valid position, nor are they in the bounds. */
  {
    double a, bb, c, d;

    b.id = "nowhere";
    b.lat = NAN;
    b.lon = 500;
    linli_project_add_building (project, &b, NULL, 0);
    proj = linli_project_get_projection (project);
    g_assert_cmpfloat_with_epsilon (proj->lat0, 35, 1e-12);
    g_assert_cmpfloat_with_epsilon (proj->lon0, 125, 1e-12);
    g_assert_true (linli_project_get_bounds (project, &a, &bb, &c, &d));
    g_assert_cmpfloat (a, ==, 30);
    g_assert_cmpfloat (d, ==, 130);
  }

  /* Sites do not move the projection. */
  {
    g_autoptr (LinliSite) site = new_site ("far", LINLI_SITE_STATUS_EXISTING, 0, 0);

    linli_project_add_site (project, site);
    proj = linli_project_get_projection (project);
    g_assert_cmpfloat_with_epsilon (proj->lat0, 35, 1e-12);
  }
  g_assert_finalize_object (project);
}

/* ------------------------------------------------------------------------ */
/* Site                                                                      */
/* ------------------------------------------------------------------------ */

static void
test_site_enums (void)
{
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      LinliSiteTier back = LINLI_SITE_N_TIERS;
      const char *s = linli_site_tier_to_string (t);

      g_assert_nonnull (s);
      g_assert_true (linli_site_tier_from_string (s, &back));
      g_assert_cmpint (back, ==, t);
      for (guint u = 0; u < t; u++)
        g_assert_cmpstr (linli_site_tier_to_string (u), !=, s);
    }
  for (guint t = 0; t < LINLI_SITE_N_STATUSES; t++)
    {
      LinliSiteStatus back = LINLI_SITE_N_STATUSES;
      const char *s = linli_site_status_to_string (t);

      g_assert_true (linli_site_status_from_string (s, &back));
      g_assert_cmpint (back, ==, t);
    }
  for (guint k = 0; k < LINLI_N_SERVICES; k++)
    {
      LinliServices back = 0;
      const char *s = linli_service_to_string (1u << k);

      g_assert_true (linli_service_from_string (s, &back));
      g_assert_cmpuint (back, ==, 1u << k);
    }
  g_assert_cmpuint (LINLI_SERVICES_ALL, ==, (1u << LINLI_N_SERVICES) - 1);

  {
    LinliSiteTier tier = LINLI_SITE_TIER_COMMUNITY;
    LinliSiteStatus status = LINLI_SITE_STATUS_PLANNED;
    LinliServices service = LINLI_SERVICE_FOOD;

    g_assert_false (linli_site_tier_from_string ("Street", &tier));
    g_assert_false (linli_site_tier_from_string (NULL, &tier));
    g_assert_false (linli_site_status_from_string ("", &status));
    g_assert_false (linli_service_from_string ("spa", &service));
    /* A failed lookup leaves the output alone. */
    g_assert_cmpint (tier, ==, LINLI_SITE_TIER_COMMUNITY);
    g_assert_cmpint (status, ==, LINLI_SITE_STATUS_PLANNED);
    g_assert_cmpint (service, ==, LINLI_SERVICE_FOOD);
  }
}

static void
test_site_state (void)
{
  LinliSiteState st = { 0 };
  LinliSite *site;
  g_autoptr (LinliSiteState) dup = NULL;
  g_autoptr (LinliSiteState) copy = NULL;
  char id[] = "s-1", name[] = "名字", extra[] = "理发";

  st.id = id;
  st.name = name;
  st.tier = LINLI_SITE_TIER_NEIGHBOURHOOD;
  st.status = LINLI_SITE_STATUS_PLANNED;
  st.lat = 31.5;
  st.lon = 121.25;
  st.capacity = 800;
  st.services = LINLI_SERVICE_CHILDCARE | LINLI_SERVICE_AFFAIRS;
  st.extra_services = extra;
  st.cost = 2.5e6;
  site = linli_site_new (&st);

  /* The site copied the strings. */
  id[0] = name[0] = extra[0] = 'X';
  g_assert_cmpstr (linli_site_get_id (site), ==, "s-1");
  g_assert_cmpstr (linli_site_get_name (site), ==, "名字");
  g_assert_cmpstr (linli_site_get_extra_services (site), ==, "理发");
  g_assert_cmpint (linli_site_get_tier (site), ==, LINLI_SITE_TIER_NEIGHBOURHOOD);
  g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_PLANNED);
  g_assert_cmpfloat (linli_site_get_lat (site), ==, 31.5);
  g_assert_cmpfloat (linli_site_get_lon (site), ==, 121.25);
  g_assert_cmpuint (linli_site_get_capacity (site), ==, 800);
  g_assert_cmpuint (linli_site_get_services (site), ==,
                    LINLI_SERVICE_CHILDCARE | LINLI_SERVICE_AFFAIRS);
  g_assert_cmpfloat (linli_site_get_cost (site), ==, 2.5e6);
  g_assert_true (linli_site_counts_for_coverage (site));

  dup = linli_site_dup_state (site);
  g_assert_cmpstr (dup->id, ==, "s-1");
  g_assert_cmpstr (dup->name, ==, "名字");
  g_assert_cmpstr (dup->extra_services, ==, "理发");
  g_assert_cmpfloat (dup->cost, ==, 2.5e6);
  g_assert_cmpuint (dup->capacity, ==, 800);

  copy = linli_site_state_copy (dup);
  g_assert_true (copy->name != dup->name);
  g_assert_cmpstr (copy->name, ==, dup->name);
  g_free (dup->name);
  dup->name = g_strdup ("changed");
  g_assert_cmpstr (copy->name, ==, "名字");
  g_assert_cmpstr (linli_site_get_name (site), ==, "名字");

  /* apply_state takes everything but the id. */
  copy->lat = 30;
  copy->status = LINLI_SITE_STATUS_CANDIDATE;
  g_free (copy->id);
  copy->id = g_strdup ("other");
  linli_site_apply_state (site, copy);
  g_assert_cmpstr (linli_site_get_id (site), ==, "s-1");
  g_assert_cmpfloat (linli_site_get_lat (site), ==, 30);
  g_assert_false (linli_site_counts_for_coverage (site));

  /* A NULL name is the empty name. */
  st.name = NULL;
  st.id = id;
  {
    LinliSite *unnamed = linli_site_new (&st);

    g_assert_cmpstr (linli_site_get_name (unnamed), ==, "");
    g_assert_finalize_object (unnamed);
  }

  g_assert_finalize_object (site);
  linli_site_state_free (NULL);
}

static void
test_site_notify (void)
{
  LinliSiteState st = { .id = (char *) "s", .name = (char *) "a", .cost = -1 };
  LinliSite *site = linli_site_new (&st);
  g_autoptr (LinliSiteState) state = NULL;
  Counter c;

  counter_init (&c);
  g_signal_connect (site, "notify", G_CALLBACK (notify_cb), &c);

#define EXPECT_NOTIFY(prop, n)                            \
  G_STMT_START {                                          \
    g_assert_cmpuint (counter_get (&c, prop), ==, (n));   \
  } G_STMT_END

  linli_site_set_name (site, "b");
  linli_site_set_name (site, "b");
  EXPECT_NOTIFY ("name", 1);
  linli_site_set_name (site, NULL);
  g_assert_cmpstr (linli_site_get_name (site), ==, "");
  linli_site_set_name (site, "");
  EXPECT_NOTIFY ("name", 2);

  linli_site_set_tier (site, LINLI_SITE_TIER_STREET);  /* already */
  EXPECT_NOTIFY ("tier", 0);
  linli_site_set_tier (site, LINLI_SITE_TIER_COMMUNITY);
  linli_site_set_tier (site, LINLI_SITE_TIER_COMMUNITY);
  EXPECT_NOTIFY ("tier", 1);

  linli_site_set_status (site, LINLI_SITE_STATUS_CANDIDATE);
  linli_site_set_status (site, LINLI_SITE_STATUS_CANDIDATE);
  EXPECT_NOTIFY ("status", 1);
  g_assert_false (linli_site_counts_for_coverage (site));
  linli_site_set_status (site, LINLI_SITE_STATUS_PLANNED);
  g_assert_true (linli_site_counts_for_coverage (site));

  linli_site_set_position (site, 0, 0);  /* already */
  EXPECT_NOTIFY ("lat", 0);
  EXPECT_NOTIFY ("lon", 0);
  linli_site_set_position (site, 31, 0);  /* lat only */
  EXPECT_NOTIFY ("lat", 1);
  EXPECT_NOTIFY ("lon", 0);
  linli_site_set_position (site, 31, 121);  /* lon only */
  EXPECT_NOTIFY ("lat", 1);
  EXPECT_NOTIFY ("lon", 1);
  linli_site_set_position (site, 32, 122);
  EXPECT_NOTIFY ("lat", 2);
  EXPECT_NOTIFY ("lon", 2);

  linli_site_set_capacity (site, 0);
  EXPECT_NOTIFY ("capacity", 0);
  linli_site_set_capacity (site, 500);
  linli_site_set_capacity (site, 500);
  EXPECT_NOTIFY ("capacity", 1);

  linli_site_set_services (site, LINLI_SERVICE_FOOD);
  linli_site_set_services (site, LINLI_SERVICE_FOOD);
  EXPECT_NOTIFY ("services", 1);
  /* Bits beyond the six services are dropped: no real change. */
  linli_site_set_services (site, LINLI_SERVICE_FOOD | 0x100);
  EXPECT_NOTIFY ("services", 1);
  g_assert_cmpuint (linli_site_get_services (site), ==, LINLI_SERVICE_FOOD);

  linli_site_set_extra_services (site, "");  /* same as NULL */
  EXPECT_NOTIFY ("extra-services", 0);
  linli_site_set_extra_services (site, "棋牌");
  linli_site_set_extra_services (site, "棋牌");
  EXPECT_NOTIFY ("extra-services", 1);
  linli_site_set_extra_services (site, "");
  g_assert_null (linli_site_get_extra_services (site));
  EXPECT_NOTIFY ("extra-services", 2);

  /* Any negative or NaN cost means "not given", stored as -1. */
  linli_site_set_cost (site, -5);
  linli_site_set_cost (site, NAN);
  EXPECT_NOTIFY ("cost", 0);
  g_assert_cmpfloat (linli_site_get_cost (site), ==, -1);
  linli_site_set_cost (site, 0);
  linli_site_set_cost (site, 0);
  EXPECT_NOTIFY ("cost", 1);
  linli_site_set_cost (site, -0.5);
  EXPECT_NOTIFY ("cost", 2);
  g_assert_cmpfloat (linli_site_get_cost (site), ==, -1);

  /* apply_state notifies each property that changed, once. */
  counter_reset (&c);
  state = linli_site_dup_state (site);
  linli_site_apply_state (site, state);
  g_assert_cmpuint (c.notify, ==, 0);
  g_free (state->name);
  state->name = g_strdup ("新");
  state->lat += 1;
  state->capacity = 7;
  linli_site_apply_state (site, state);
  g_assert_cmpuint (c.notify, ==, 3);
  EXPECT_NOTIFY ("name", 1);
  EXPECT_NOTIFY ("lat", 1);
  EXPECT_NOTIFY ("lon", 0);
  EXPECT_NOTIFY ("capacity", 1);

  /* Properties through GObject, both ways. */
  counter_reset (&c);
  {
    g_autofree char *name = NULL, *extra = NULL, *id = NULL;
    guint tier, status, capacity, services;
    double lat, lon, cost;

    g_object_set (site,
                  "name", "g",
                  "tier", LINLI_SITE_TIER_STATION,
                  "status", LINLI_SITE_STATUS_EXISTING,
                  "capacity", 9u,
                  "services", (guint) LINLI_SERVICES_ALL,
                  "extra-services", "x",
                  "cost", 3.0,
                  NULL);
    g_object_get (site,
                  "id", &id,
                  "name", &name,
                  "tier", &tier,
                  "status", &status,
                  "lat", &lat,
                  "lon", &lon,
                  "capacity", &capacity,
                  "services", &services,
                  "extra-services", &extra,
                  "cost", &cost,
                  NULL);
    g_assert_cmpstr (id, ==, "s");
    g_assert_cmpstr (name, ==, "g");
    g_assert_cmpuint (tier, ==, LINLI_SITE_TIER_STATION);
    g_assert_cmpuint (status, ==, LINLI_SITE_STATUS_EXISTING);
    g_assert_cmpfloat (lat, ==, linli_site_get_lat (site));
    g_assert_cmpfloat (lon, ==, 122);
    g_assert_cmpuint (capacity, ==, 9);
    g_assert_cmpuint (services, ==, LINLI_SERVICES_ALL);
    g_assert_cmpstr (extra, ==, "x");
    g_assert_cmpfloat (cost, ==, 3);
    g_assert_cmpuint (c.notify, ==, 7);
  }

#undef EXPECT_NOTIFY

  g_signal_handlers_disconnect_by_data (site, &c);
  counter_clear (&c);
  g_assert_finalize_object (site);
}

/* A copy has everything, shares nothing, and edits to it leave the original. */
static void
test_copy (void)
{
  LinliGeneratorOptions opts;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) copy = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;

  linli_generator_options_init (&opts);
  opts.n_buildings = 400;
  project = linli_generate_district (&opts);
  linli_project_set_attribution (project, "© OpenStreetMap contributors");
  linli_project_set_distance (project, LINLI_DISTANCE_STREET);
  linli_project_set_walk_minutes (project, 12);
  linli_project_set_building_flags (project, 3, LINLI_BUILDING_ESTIMATED);
  before = linli_format_save_bytes (project);

  copy = linli_project_copy (project);
  linli_test_assert_projects_equal (project, copy, 0, 0);
  g_assert_true (linli_project_get_site (copy, 0) != linli_project_get_site (project, 0));

  linli_site_set_position (linli_project_get_site (copy, 0), 31, 121);
  linli_project_set_streets (copy, linli_streets_new ());
  linli_project_set_attribution (copy, "");
  after = linli_format_save_bytes (project);
  g_assert_true (g_bytes_equal (before, after));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project/defaults", test_defaults);
  g_test_add_func ("/project/copy", test_copy);
  g_test_add_func ("/project/properties", test_properties);
  g_test_add_func ("/project/radius", test_radius);
  g_test_add_func ("/project/communities-compounds", test_communities_compounds);
  g_test_add_func ("/project/buildings", test_buildings);
  g_test_add_func ("/project/sites", test_sites);
  g_test_add_func ("/project/changed-signal", test_changed_signal);
  g_test_add_func ("/project/new-site-id", test_new_site_id);
  g_test_add_func ("/project/new-site-id-after-load", test_new_site_id_after_load);
  g_test_add_func ("/project/projection", test_project_projection);
  g_test_add_func ("/geo/projection-accuracy", test_projection_accuracy);
  g_test_add_func ("/geo/projection-round-trip", test_projection_round_trip);
  g_test_add_func ("/site/enums", test_site_enums);
  g_test_add_func ("/site/state", test_site_state);
  g_test_add_func ("/site/notify", test_site_notify);

  return g_test_run ();
}
