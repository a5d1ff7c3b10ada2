/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "linli-format.h"
#include "linli-project-edits.h"
#include "linli-history.h"

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

static const char *const name_pieces[] = { "党群", "服务站", "邻里", "中心", "&", "<", "\"", " ", "A", "7" };

static char *
random_name (GRand *rand)
{
  GString *s = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 5);

  for (guint i = 0; i < n; i++)
    g_string_append (s, name_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (name_pieces))]);
  return g_string_free (s, FALSE);
}

/* Random values for every editable field; the caller frees @st's strings. */
static void
random_state (GRand          *rand,
              LinliSiteState *st)
{
  memset (st, 0, sizeof *st);
  st->name = random_name (rand);
  st->tier = g_rand_int_range (rand, 0, LINLI_SITE_N_TIERS);
  st->status = g_rand_int_range (rand, 0, LINLI_SITE_N_STATUSES);
  st->lat = g_rand_double_range (rand, 31.1, 31.3);
  st->lon = g_rand_double_range (rand, 121.3, 121.6);
  st->capacity = g_rand_boolean (rand) ? 0 : (guint) g_rand_int_range (rand, 1, 5000);
  st->services = g_rand_int_range (rand, 0, LINLI_SERVICES_ALL + 1);
  st->extra_services = g_rand_boolean (rand) ? NULL : g_strdup ("理发 维修");
  st->cost = g_rand_boolean (rand) ? -1 : g_rand_double_range (rand, 0, 1e7);
  st->address = g_rand_boolean (rand) ? NULL : random_name (rand);
  st->area = g_rand_boolean (rand) ? -1 : g_rand_double_range (rand, 1, 5000);
}

static LinliProject *
base_project (void)
{
  LinliProject *project = linli_project_new ();

  linli_project_set_name (project, "历史");
  linli_project_add_community (project, "c", "社区");
  linli_project_add_compound (project, "k", "小区", 0);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("b%u", i);
      LinliBuilding b = { 0 };

      b.id = id;
      b.lat = 31.1 + i * 0.004;
      b.lon = 121.3 + (i % 7) * 0.04;
      b.households = 10 + i;
      linli_project_add_building (project, &b, NULL, 0);
    }
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("site-%u", i + 1);
      g_autofree char *name = g_strdup_printf ("站%u", i + 1);
      LinliSiteState st = { 0 };
      g_autoptr (LinliSite) site = NULL;

      st.id = id;
      st.name = name;
      st.tier = i % LINLI_SITE_N_TIERS;
      st.status = i % LINLI_SITE_N_STATUSES;
      st.lat = 31.15 + i * 0.01;
      st.lon = 121.35 + i * 0.02;
      st.cost = i % 2 ? -1 : 1000.0 * i;
      st.services = i;
      site = linli_site_new (&st);
      linli_project_add_site (project, site);
    }
  return project;
}

/* Every site value in order and the walking rule, to the last bit. */
static void
append_exact_state (GString      *s,
                    LinliProject *project)
{
  g_string_append_printf (s, "walk %a %a\n", linli_project_get_walk_minutes (project),
                          linli_project_get_walk_speed (project));
  for (guint i = 0; i < linli_project_get_n_sites (project); i++)
    {
      LinliSite *site = linli_project_get_site (project, i);

      const char *extra = linli_site_get_extra_services (site);

      g_string_append_printf (s, "%s|%s|%d|%d|%a|%a|%u|%u|%s|%a\n", linli_site_get_id (site),
                              linli_site_get_name (site), linli_site_get_tier (site),
                              linli_site_get_status (site), linli_site_get_lat (site),
                              linli_site_get_lon (site), linli_site_get_capacity (site),
                              linli_site_get_services (site), extra ? extra : "(null)",
                              linli_site_get_cost (site));
    }
}

static char *
exact_state (LinliProject *project)
{
  GString *s = g_string_new (NULL);

  append_exact_state (s, project);
  return g_string_free (s, FALSE);
}

/* The whole state of the project: its saved document, plus the exact state
 * (the file rounds coordinates). */
static char *
fingerprint (LinliProject *project)
{
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);
  GString *s = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  append_exact_state (s, project);
  return g_string_free (s, FALSE);
}

typedef struct
{
  guint can_undo;
  guint can_redo;
  guint modified;
  guint other;
} Notifications;

static void
history_notify_cb (GObject       *object,
                   GParamSpec    *pspec,
                   Notifications *n)
{
  if (g_str_equal (pspec->name, "can-undo"))
    n->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    n->can_redo++;
  else if (g_str_equal (pspec->name, "modified"))
    n->modified++;
  else
    n->other++;
}

static void
assert_flags (LinliHistory *history,
              gboolean      can_undo,
              gboolean      can_redo,
              gboolean      modified)
{
  gboolean u, r, m;

  g_assert_true (linli_history_get_can_undo (history) == can_undo);
  g_assert_true (linli_history_get_can_redo (history) == can_redo);
  g_assert_true (linli_history_get_modified (history) == modified);
  g_object_get (history, "can-undo", &u, "can-redo", &r, "modified", &m, NULL);
  g_assert_true (u == can_undo);
  g_assert_true (r == can_redo);
  g_assert_true (m == modified);
  g_assert_true ((linli_history_get_undo_label (history) != NULL) == can_undo);
  g_assert_true ((linli_history_get_redo_label (history) != NULL) == can_redo);
}

static void
assert_notifications (Notifications *n,
                      guint          can_undo,
                      guint          can_redo,
                      guint          modified)
{
  g_assert_cmpuint (n->can_undo, ==, can_undo);
  g_assert_cmpuint (n->can_redo, ==, can_redo);
  g_assert_cmpuint (n->modified, ==, modified);
  g_assert_cmpuint (n->other, ==, 0);
  memset (n, 0, sizeof *n);
}

/* Drops the test's reference to @project and checks that the history and
 * the project both go away with the history. */
static void
finalize_both (LinliHistory *history,
               LinliProject *project)
{
  gpointer weak = project;

  g_object_add_weak_pointer (G_OBJECT (project), &weak);
  g_object_unref (project);
  g_assert_nonnull (weak);
  g_assert_finalize_object (history);
  g_assert_null (weak);
}

static gboolean
states_differ (const LinliSiteState *a,
               const LinliSiteState *b)
{
  return a->lat != b->lat || a->lon != b->lon || a->tier != b->tier || a->status != b->status ||
         a->capacity != b->capacity || a->services != b->services || a->cost != b->cost ||
         g_strcmp0 (a->name, b->name) != 0 || g_strcmp0 (a->extra_services, b->extra_services) != 0 ||
         g_strcmp0 (a->address, b->address) != 0 || a->area != b->area;
}

/* One random recorded edit.  Returns %FALSE if it was a no-op that must
 * not be recorded. */
static gboolean
random_edit (LinliHistory *history,
             GRand        *rand,
             guint        *n_manual_ids)
{
  LinliProject *project = linli_history_get_project (history);
  guint n_sites = linli_project_get_n_sites (project);
  guint op = g_rand_int_range (rand, 0, 12);
  guint index = n_sites ? g_rand_int_range (rand, 0, n_sites) : 0;
  LinliSite *site = n_sites ? linli_project_get_site (project, index) : NULL;

  if (site == NULL && op >= 3 && op < 10)
    op = 0;

  switch (op)
    {
    case 0: case 1: case 2:  /* add, with a fresh id or one of our own */
      {
        LinliSiteState st;
        g_autofree char *id = NULL;
        LinliSite *added;

        random_state (rand, &st);
        if (g_rand_boolean (rand))
          st.id = id = g_strdup_printf ("手工-%u", (*n_manual_ids)++);
        added = linli_project_edits_add_site (history, &st);
        g_assert_nonnull (added);
        g_assert_true (linli_project_get_site (project, n_sites) == added);
        if (id != NULL)
          g_assert_cmpstr (linli_site_get_id (added), ==, id);
        g_free (st.name);
        g_free (st.extra_services);
  g_free (st.address);
        return TRUE;
      }
    case 3: case 4:  /* a drag, recorded afterwards */
      {
        g_autoptr (LinliSiteState) before = linli_site_dup_state (site);
        g_autoptr (LinliSiteState) after = NULL;
        double lat = g_rand_double_range (rand, 31.1, 31.3);
        double lon = linli_site_get_lon (site);

        if (g_rand_boolean (rand))
          lon = g_rand_double_range (rand, 121.3, 121.6);

        linli_site_set_position (site, lat, lon);
        linli_project_edits_record_site (history, _("Move Site"), site, before);
        after = linli_site_dup_state (site);
        return states_differ (before, after);
      }
    case 5: case 6:  /* an edit of some or all fields */
      {
        g_autoptr (LinliSiteState) state = linli_site_dup_state (site);
        g_autoptr (LinliSiteState) before = linli_site_dup_state (site);
        g_autoptr (LinliSiteState) after = NULL;
        LinliSiteState st;

        random_state (rand, &st);
        if (g_rand_boolean (rand))
          {
            g_free (state->name);
            state->name = g_steal_pointer (&st.name);
          }
        else
          {
            state->tier = st.tier;
            state->status = st.status;
            state->capacity = st.capacity + 1;  /* surely different */
            state->cost = st.cost;
          }
        state->services = st.services;
        g_free (state->extra_services);
        state->extra_services = g_steal_pointer (&st.extra_services);
        g_free (state->address);
        state->address = g_steal_pointer (&st.address);
        state->area = st.area;
        g_free (st.name);
        linli_project_edits_change_site (history, "编辑", site, state);
        after = linli_site_dup_state (site);
        return states_differ (before, after);
      }
    case 7: case 8:  /* delete */
      linli_project_edits_remove_site (history, site);
      return TRUE;
    case 9:  /* nothing changed: nothing recorded */
      {
        g_autoptr (LinliSiteState) before = linli_site_dup_state (site);

        if (g_rand_boolean (rand))
          linli_project_edits_record_site (history, "nothing", site, before);
        else
          linli_project_edits_change_site (history, "nothing", site, before);
        return FALSE;
      }
    default:  /* the walking rule, sometimes unchanged */
      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          linli_project_edits_set_walk (history, linli_project_get_walk_minutes (project),
                                  linli_project_get_walk_speed (project));
          return FALSE;
        }
      {
        double minutes = linli_project_get_walk_minutes (project);
        double speed = linli_project_get_walk_speed (project);

        double new_minutes = g_rand_int_range (rand, 1, 121);
        double new_speed = g_rand_boolean (rand) ? speed : g_rand_double_range (rand, 1, 10);

        linli_project_edits_set_walk (history, new_minutes, new_speed);
        return minutes != linli_project_get_walk_minutes (project) ||
               speed != linli_project_get_walk_speed (project);
      }
    }
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_initial (void)
{
  LinliProject *project = base_project ();
  LinliHistory *history = linli_history_new (project);
  g_autofree char *before = fingerprint (project);
  g_autofree char *after = NULL;

  g_assert_true (linli_history_get_project (history) == project);
  assert_flags (history, FALSE, FALSE, FALSE);
  g_assert_false (linli_history_undo (history));
  g_assert_false (linli_history_redo (history));
  assert_flags (history, FALSE, FALSE, FALSE);
  after = fingerprint (project);
  g_assert_cmpstr (before, ==, after);
  finalize_both (history, project);
}

static void
test_each_kind (void)
{
  LinliProject *project = base_project ();
  LinliHistory *history = linli_history_new (project);
  g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  LinliSiteState st;
  LinliSite *site;

  g_ptr_array_add (states, fingerprint (project));

  /* Add, with a fresh id. */
  random_state (rand, &st);
  site = linli_project_edits_add_site (history, &st);
  g_assert_nonnull (site);
  g_assert_cmpstr (linli_site_get_id (site), ==, "site-6");
  g_assert_cmpstr (linli_site_get_name (site), ==, st.name);
  g_assert_cmpfloat (linli_site_get_lat (site), ==, st.lat);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, _("Add Site"));
  g_free (st.name);
  g_free (st.extra_services);
  g_free (st.address);
  g_ptr_array_add (states, fingerprint (project));

  /* Move: a drag changes the site first, then it is recorded. */
  {
    g_autoptr (LinliSiteState) before = linli_site_dup_state (site);

    linli_site_set_position (site, 31.2, 121.5);
    linli_project_edits_record_site (history, "拖动", site, before);
    g_assert_cmpstr (linli_history_get_undo_label (history), ==, "拖动");
    g_ptr_array_add (states, fingerprint (project));
  }

  /* Edit an existing site. */
  {
    LinliSite *third = linli_project_get_site (project, 2);
    g_autoptr (LinliSiteState) state = linli_site_dup_state (third);

    g_free (state->name);
    state->name = g_strdup ("改名 & <x>");
    state->status = LINLI_SITE_STATUS_CANDIDATE;
    state->cost = 123.5;
    linli_project_edits_change_site (history, "改名", third, state);
    g_assert_cmpstr (linli_site_get_name (third), ==, "改名 & <x>");
    g_assert_cmpfloat (linli_site_get_cost (third), ==, 123.5);
    g_ptr_array_add (states, fingerprint (project));
  }

  /* Only the address and floor area: an edit of its own, not a no-op. */
  {
    LinliSite *second = linli_project_get_site (project, 1);
    g_autoptr (LinliSiteState) state = linli_site_dup_state (second);

    g_free (state->address);
    state->address = g_strdup ("和平路 8 号 & <b>");
    state->area = 86.5;
    linli_project_edits_change_site (history, "地址", second, state);
    g_assert_cmpstr (linli_site_get_address (second), ==, "和平路 8 号 & <b>");
    g_assert_cmpfloat (linli_site_get_area (second), ==, 86.5);
    g_assert_cmpstr (linli_history_get_undo_label (history), ==, "地址");
    g_ptr_array_add (states, fingerprint (project));
  }

  /* Walking rule. */
  linli_project_edits_set_walk (history, 15, 3.5);
  g_assert_cmpfloat (linli_project_get_walk_minutes (project), ==, 15);
  g_assert_cmpfloat (linli_project_get_walk_speed (project), ==, 3.5);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, _("Change Walking Rule"));
  g_ptr_array_add (states, fingerprint (project));
  linli_project_edits_set_distance (history, LINLI_DISTANCE_STREET);
  g_assert_cmpint (linli_project_get_distance (project), ==, LINLI_DISTANCE_STREET);
  g_assert_cmpfloat (linli_project_get_walk_minutes (project), ==, 15);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, _("Change Walking Rule"));
  g_ptr_array_add (states, fingerprint (project));

  /* Delete the first site. */
  linli_project_edits_remove_site (history, linli_project_get_site (project, 0));
  g_assert_null (linli_project_find_site (project, "site-1", NULL));
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, _("Delete Site"));
  g_ptr_array_add (states, fingerprint (project));

  /* Undo step by step goes back through every state, redo forward. */
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = NULL;

      g_assert_true (linli_history_undo (history));
      now = fingerprint (project);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (linli_history_undo (history));
  /* All undone is the state the history started from, counted as saved. */
  assert_flags (history, FALSE, TRUE, FALSE);
  g_assert_cmpstr (linli_history_get_redo_label (history), ==, _("Add Site"));
  for (guint i = 1; i < states->len; i++)
    {
      g_autofree char *now = NULL;

      g_assert_true (linli_history_redo (history));
      now = fingerprint (project);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
    }
  g_assert_false (linli_history_redo (history));
  assert_flags (history, TRUE, FALSE, TRUE);

  finalize_both (history, project);
}

static void
test_delete_position (void)
{
  for (guint victim = 0; victim < 5; victim++)
    {
      LinliProject *project = base_project ();
      LinliHistory *history = linli_history_new (project);
      LinliSite *site = linli_project_get_site (project, victim);
      g_autofree char *id = g_strdup (linli_site_get_id (site));
      g_autoptr (LinliSiteState) state = linli_site_dup_state (site);
      g_autofree char *before = fingerprint (project);
      g_autofree char *deleted = NULL;
      g_autofree char *after = NULL;
      LinliSite *back;
      guint position = 999;

      linli_project_edits_remove_site (history, site);
      g_assert_cmpuint (linli_project_get_n_sites (project), ==, 4);
      deleted = fingerprint (project);

      g_assert_true (linli_history_undo (history));
      back = linli_project_find_site (project, id, &position);
      g_assert_nonnull (back);
      g_assert_cmpuint (position, ==, victim);
      g_assert_cmpstr (linli_site_get_name (back), ==, state->name);
      g_assert_cmpfloat (linli_site_get_cost (back), ==, state->cost);
      g_assert_cmpuint (linli_site_get_services (back), ==, state->services);
      after = fingerprint (project);
      g_assert_cmpstr (before, ==, after);

      /* And redo deletes it again. */
      g_assert_true (linli_history_redo (history));
      g_clear_pointer (&after, g_free);
      after = fingerprint (project);
      g_assert_cmpstr (deleted, ==, after);

      finalize_both (history, project);
    }
}

static void
test_delete_several_then_undo (void)
{
  LinliProject *project = base_project ();
  LinliHistory *history = linli_history_new (project);
  g_autofree char *before = fingerprint (project);
  g_autofree char *after = NULL;

  /* Deleting from the front, the back and the middle, then undoing all,
   * puts every site back where it was. */
  linli_project_edits_remove_site (history, linli_project_get_site (project, 0));
  linli_project_edits_remove_site (history, linli_project_get_site (project, 3));
  linli_project_edits_remove_site (history, linli_project_get_site (project, 1));
  linli_project_edits_remove_site (history, linli_project_get_site (project, 0));
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 1);
  while (linli_history_undo (history))
    ;
  after = fingerprint (project);
  g_assert_cmpstr (before, ==, after);
  finalize_both (history, project);
}

static void
test_no_op_not_recorded (void)
{
  LinliProject *project = base_project ();
  LinliHistory *history = linli_history_new (project);
  LinliSite *site = linli_project_get_site (project, 1);
  g_autoptr (LinliSiteState) state = linli_site_dup_state (site);
  Notifications n = { 0 };

  g_signal_connect (history, "notify", G_CALLBACK (history_notify_cb), &n);
  linli_project_edits_record_site (history, "x", site, state);
  linli_project_edits_change_site (history, "x", site, state);
  linli_project_edits_set_walk (history, linli_project_get_walk_minutes (project),
                          linli_project_get_walk_speed (project));
  /* An edit whose values normalise to the current ones is no change either. */
  g_free (state->extra_services);
  state->extra_services = g_strdup ("");
  state->cost = -7;
  state->services |= 0x40;
  linli_project_edits_change_site (history, "x", site, state);
  assert_flags (history, FALSE, FALSE, FALSE);
  assert_notifications (&n, 0, 0, 0);

  g_signal_handlers_disconnect_by_data (history, &n);
  finalize_both (history, project);
}

static void
test_notifications (void)
{
  LinliProject *project = base_project ();
  LinliHistory *history = linli_history_new (project);
  Notifications n = { 0 };
  LinliSiteState st;
  g_autoptr (GRand) rand = g_rand_new_with_seed (2);
  LinliSite *site;

  g_signal_connect (history, "notify", G_CALLBACK (history_notify_cb), &n);

  random_state (rand, &st);
  site = linli_project_edits_add_site (history, &st);
  g_free (st.name);
  g_free (st.extra_services);
  g_free (st.address);
  assert_flags (history, TRUE, FALSE, TRUE);
  assert_notifications (&n, 1, 0, 1);

  /* A second edit changes none of the three. */
  {
    g_autoptr (LinliSiteState) before = linli_site_dup_state (site);

    linli_site_set_name (site, "新名字");
    linli_project_edits_record_site (history, "改名", site, before);
  }
  assert_flags (history, TRUE, FALSE, TRUE);
  assert_notifications (&n, 0, 0, 0);

  g_assert_true (linli_history_undo (history));
  assert_flags (history, TRUE, TRUE, TRUE);
  assert_notifications (&n, 0, 1, 0);
  g_assert_cmpstr (linli_history_get_redo_label (history), ==, "改名");

  g_assert_true (linli_history_undo (history));
  assert_flags (history, FALSE, TRUE, FALSE);
  assert_notifications (&n, 1, 0, 1);

  g_assert_false (linli_history_undo (history));
  assert_notifications (&n, 0, 0, 0);

  g_assert_true (linli_history_redo (history));
  assert_flags (history, TRUE, TRUE, TRUE);
  assert_notifications (&n, 1, 0, 1);

  /* Saving makes the current state the unmodified one. */
  linli_history_set_saved (history);
  assert_flags (history, TRUE, TRUE, FALSE);
  assert_notifications (&n, 0, 0, 1);
  linli_history_set_saved (history);
  assert_notifications (&n, 0, 0, 0);

  g_assert_true (linli_history_redo (history));
  assert_flags (history, TRUE, FALSE, TRUE);
  assert_notifications (&n, 0, 1, 1);

  g_assert_true (linli_history_undo (history));
  assert_flags (history, TRUE, TRUE, FALSE);
  assert_notifications (&n, 0, 1, 1);

  /* A new edit drops the redo branch. */
  linli_project_edits_set_walk (history, 20, 4);
  assert_flags (history, TRUE, FALSE, TRUE);
  assert_notifications (&n, 0, 1, 1);
  g_assert_false (linli_history_redo (history));

  g_signal_handlers_disconnect_by_data (history, &n);
  finalize_both (history, project);
}

static void
test_saved_point (void)
{
  LinliProject *project = base_project ();
  LinliHistory *history = linli_history_new (project);
  LinliSite *site = linli_project_get_site (project, 0);
  g_autofree char *saved_state = NULL;
  g_autofree char *now = NULL;

  /* set_saved, edit, undo: back to the saved state, not modified. */
  linli_project_edits_set_walk (history, 12, 4.5);
  linli_history_set_saved (history);
  saved_state = fingerprint (project);
  linli_project_edits_remove_site (history, site);
  g_assert_true (linli_history_get_modified (history));
  g_assert_true (linli_history_undo (history));
  g_assert_false (linli_history_get_modified (history));
  now = fingerprint (project);
  g_assert_cmpstr (now, ==, saved_state);

  /* Undo past the saved point is modified; redo back is not. */
  g_assert_true (linli_history_undo (history));
  g_assert_true (linli_history_get_modified (history));
  g_assert_true (linli_history_redo (history));
  g_assert_false (linli_history_get_modified (history));

  /* Save, undo, then edit: the saved state is on a dropped branch and can
   * never come back, so every state from now on is modified. */
  g_assert_true (linli_history_undo (history));
  linli_project_edits_set_walk (history, 30, 4.5);
  g_assert_true (linli_history_get_modified (history));
  g_assert_true (linli_history_undo (history));
  g_assert_true (linli_history_get_modified (history));
  g_assert_false (linli_history_undo (history));
  g_assert_true (linli_history_get_modified (history));
  g_assert_true (linli_history_redo (history));
  g_assert_true (linli_history_get_modified (history));

  finalize_both (history, project);
}

static void
test_redo_branch_dropped (void)
{
  LinliProject *project = base_project ();
  LinliHistory *history = linli_history_new (project);
  g_autofree char *after_a = NULL;
  g_autofree char *after_c = NULL;
  g_autofree char *now = NULL;

  linli_project_edits_set_walk (history, 11, 4.5);                                /* A */
  after_a = fingerprint (project);
  linli_project_edits_remove_site (history, linli_project_get_site (project, 2));  /* B */
  g_assert_true (linli_history_undo (history));
  g_assert_true (linli_history_get_can_redo (history));
  linli_project_edits_set_walk (history, 11, 6);                                  /* C */
  after_c = fingerprint (project);
  g_assert_false (linli_history_get_can_redo (history));
  g_assert_false (linli_history_redo (history));

  /* B is gone for good: the site stays. */
  g_assert_nonnull (linli_project_find_site (project, "site-3", NULL));
  g_assert_true (linli_history_undo (history));
  now = fingerprint (project);
  g_assert_cmpstr (now, ==, after_a);
  g_assert_true (linli_history_redo (history));
  g_clear_pointer (&now, g_free);
  now = fingerprint (project);
  g_assert_cmpstr (now, ==, after_c);
  g_assert_false (linli_history_redo (history));

  finalize_both (history, project);
}

static void
test_random_sequences (void)
{
  guint n_sequences = g_test_slow () ? 40 : 6;

  for (guint32 seed = 1; seed <= n_sequences; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      LinliProject *project = base_project ();
      LinliHistory *history = linli_history_new (project);
      g_autofree char *initial = fingerprint (project);
      g_autofree char *final = NULL;
      g_autofree char *now = NULL;
      guint n_manual_ids = 0, n_steps = 0;

      for (guint i = 0; i < 500; i++)
        {
          g_autofree char *before = exact_state (project);
          g_autofree char *after = NULL;
          gboolean recorded = random_edit (history, rand, &n_manual_ids);

          after = exact_state (project);
          if (recorded)
            {
              g_assert_cmpstr (before, !=, after);
              n_steps++;
            }
          else
            {
              g_assert_cmpstr (before, ==, after);
            }
          g_assert_true (linli_history_get_can_undo (history) == (n_steps > 0));
          g_assert_false (linli_history_get_can_redo (history));
        }
      final = fingerprint (project);

      for (guint i = 0; i < n_steps; i++)
        g_assert_true (linli_history_undo (history));
      g_assert_false (linli_history_undo (history));
      now = fingerprint (project);
      g_assert_cmpstr (now, ==, initial);
      g_assert_false (linli_history_get_modified (history));

      for (guint i = 0; i < n_steps; i++)
        g_assert_true (linli_history_redo (history));
      g_assert_false (linli_history_redo (history));
      g_clear_pointer (&now, g_free);
      now = fingerprint (project);
      g_assert_cmpstr (now, ==, final);

      finalize_both (history, project);
    }
}

/* Edits, undos and redos mixed at random, checked at every step against a
 * model: the list of states and where we are in it. */
static void
test_random_model (void)
{
  guint n_sequences = g_test_slow () ? 40 : 4;

  for (guint32 seed = 100; seed < 100 + n_sequences; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      LinliProject *project = base_project ();
      LinliHistory *history = linli_history_new (project);
      g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
      guint position = 0, n_manual_ids = 0;
      int saved = 0;

      g_ptr_array_add (states, exact_state (project));
      for (guint i = 0; i < 600; i++)
        {
          guint what = g_rand_int_range (rand, 0, 10);
          g_autofree char *now = NULL;

          if (what < 2)
            {
              gboolean ok = linli_history_undo (history);

              g_assert_true (ok == (position > 0));
              if (ok)
                position--;
            }
          else if (what < 4)
            {
              gboolean ok = linli_history_redo (history);

              g_assert_true (ok == (position + 1 < states->len));
              if (ok)
                position++;
            }
          else if (what == 4)
            {
              linli_history_set_saved (history);
              saved = position;
            }
          else if (random_edit (history, rand, &n_manual_ids))
            {
              g_ptr_array_set_size (states, position + 1);
              g_ptr_array_add (states, exact_state (project));
              if (saved > (int) position)
                saved = -1;
              position++;
            }

          now = exact_state (project);
          g_assert_cmpstr (now, ==, g_ptr_array_index (states, position));
          g_assert_true (linli_history_get_can_undo (history) == (position > 0));
          g_assert_true (linli_history_get_can_redo (history) == (position + 1 < states->len));
          g_assert_true (linli_history_get_modified (history) == (saved != (int) position));
        }
      finalize_both (history, project);
    }
}

/* Several edits in a group undo and redo as one step, in the right order. */
static void
test_group (void)
{
  LinliProject *project = linli_project_new ();
  LinliHistory *history = linli_history_new (project);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  LinliSite *a, *b;
  LinliSiteState st = { 0 };

  linli_project_add_community (project, "c", NULL);
  st.name = (char *) "A";
  st.status = LINLI_SITE_STATUS_CANDIDATE;
  st.lat = 30;
  st.lon = 120;
  st.cost = -1;
  a = linli_project_edits_add_site (history, &st);
  st.name = (char *) "B";
  st.lon = 120.01;
  b = linli_project_edits_add_site (history, &st);
  before = linli_format_save_bytes (project);

  linli_history_begin_group (history, "Accept Plan");
  {
    g_autoptr (LinliSiteState) sa = linli_site_dup_state (a);
    g_autoptr (LinliSiteState) sb = linli_site_dup_state (b);

    sa->status = LINLI_SITE_STATUS_PLANNED;
    sb->status = LINLI_SITE_STATUS_PLANNED;
    linli_project_edits_change_site (history, "Edit", a, sa);
    /* Nested groups fold into the outer one. */
    linli_history_begin_group (history, "inner");
    linli_project_edits_change_site (history, "Edit", b, sb);
    linli_project_edits_remove_site (history, a);
    linli_history_end_group (history);
  }
  linli_history_end_group (history);
  after = linli_format_save_bytes (project);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Accept Plan");
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 1);

  g_assert_true (linli_history_undo (history));
  {
    g_autoptr (GBytes) now = linli_format_save_bytes (project);
    g_assert_true (g_bytes_equal (now, before));
  }
  g_assert_true (linli_history_redo (history));
  {
    g_autoptr (GBytes) now = linli_format_save_bytes (project);
    g_assert_true (g_bytes_equal (now, after));
  }
  /* The two adds are still separate steps below the group. */
  g_assert_true (linli_history_undo (history));
  g_assert_true (linli_history_undo (history));
  g_assert_cmpuint (linli_project_get_n_sites (project), ==, 1);

  /* An empty group leaves nothing to undo. */
  linli_history_redo (history);
  linli_history_redo (history);
  linli_history_begin_group (history, "nothing");
  linli_history_end_group (history);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Accept Plan");

  g_assert_finalize_object (history);
  g_assert_finalize_object (project);
}

/* A kind of edit the history has never heard of, as grids or units add
 * their own: it renames the project. */
typedef struct
{
  LinliEdit parent;
  char     *names[2];   /* before, after */
  guint    *frees;
} RenameEdit;

static void
rename_apply (LinliEdit    *edit,
              LinliProject *project)
{
  linli_project_set_name (project, ((RenameEdit *) edit)->names[1]);
}

static void
rename_revert (LinliEdit    *edit,
               LinliProject *project)
{
  linli_project_set_name (project, ((RenameEdit *) edit)->names[0]);
}

static void
rename_free (LinliEdit *edit)
{
  RenameEdit *self = (RenameEdit *) edit;

  g_free (self->names[0]);
  g_free (self->names[1]);
  (*self->frees)++;
}

static const LinliEditClass rename_class = {
  .name = "rename",
  .size = sizeof (RenameEdit),
  .apply = rename_apply,
  .revert = rename_revert,
  .free = rename_free,
};

static void
push_rename (LinliHistory *history,
             const char   *name,
             guint        *frees)
{
  RenameEdit *edit = linli_edit_new (&rename_class, "Rename");

  edit->names[0] = g_strdup (linli_project_get_name (linli_history_get_project (history)));
  edit->names[1] = g_strdup (name);
  edit->frees = frees;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

static void
test_own_edit_kind (void)
{
  g_autoptr (LinliProject) project = base_project ();
  LinliHistory *history = linli_history_new (project);
  guint frees = 0;
  LinliSite *site = linli_project_get_site (project, 1);
  g_autoptr (LinliSiteState) state = linli_site_dup_state (site);

  linli_history_set_saved (history);
  push_rename (history, "甲", &frees);
  g_assert_cmpstr (linli_project_get_name (project), ==, "甲");
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Rename");
  g_assert_true (linli_history_get_modified (history));

  /* Mixed with site edits in one group. */
  linli_history_begin_group (history, "Both");
  push_rename (history, "乙", &frees);
  state->lat += 0.001;
  linli_project_edits_change_site (history, "Move", site, state);
  linli_history_end_group (history);
  g_assert_cmpstr (linli_project_get_name (project), ==, "乙");

  g_assert_true (linli_history_undo (history));
  g_assert_cmpstr (linli_project_get_name (project), ==, "甲");
  g_assert_cmpfloat (linli_site_get_lat (site), ==, state->lat - 0.001);
  g_assert_true (linli_history_undo (history));
  g_assert_cmpstr (linli_project_get_name (project), ==, "历史");
  g_assert_false (linli_history_get_modified (history));
  g_assert_true (linli_history_redo (history));
  g_assert_true (linli_history_redo (history));
  g_assert_cmpstr (linli_project_get_name (project), ==, "乙");
  g_assert_cmpfloat (linli_site_get_lat (site), ==, state->lat);

  /* A new edit after an undo frees the redo branch. */
  g_assert_true (linli_history_undo (history));
  push_rename (history, "丙", &frees);
  g_assert_cmpuint (frees, ==, 1);
  g_assert_false (linli_history_get_can_redo (history));
  g_assert_finalize_object (history);
  g_assert_cmpuint (frees, ==, 3);
}

/* Keyboard nudges of one site undo as one step, but never across a save
 * point, another site or another kind of edit. */
static void
test_nudges_merge (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliSite *a = linli_project_get_site (project, 0);
  LinliSite *b = linli_project_get_site (project, 2);
  double lat0 = linli_site_get_lat (a);
  g_autoptr (GString) original = g_string_new (NULL);
  g_autoptr (GString) now = g_string_new (NULL);
  guint steps = 0;

  linli_history_set_saved (history);
  append_exact_state (original, project);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (LinliSiteState) state = linli_site_dup_state (a);

      state->lat += 0.0001;
      linli_project_edits_nudge_site (history, a, state);
    }
  g_assert_cmpfloat_with_epsilon (linli_site_get_lat (a), lat0 + 0.001, 1e-12);
  g_assert_true (linli_history_undo (history));
  g_assert_false (linli_history_get_can_undo (history));
  g_assert_cmpfloat (linli_site_get_lat (a), ==, lat0);
  g_assert_true (linli_history_redo (history));
  g_assert_cmpfloat_with_epsilon (linli_site_get_lat (a), lat0 + 0.001, 1e-12);

  /* A save point, another site, and a drag each start a new step. */
  linli_history_set_saved (history);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (LinliSiteState) sa = linli_site_dup_state (a);
      g_autoptr (LinliSiteState) sb = linli_site_dup_state (b);

      sa->lon += 0.0001;
      linli_project_edits_nudge_site (history, a, sa);
      sb->lon += 0.0001;
      linli_project_edits_nudge_site (history, b, sb);
    }
  {
    g_autoptr (LinliSiteState) before = linli_site_dup_state (a);

    linli_site_set_position (a, linli_site_get_lat (a) + 0.002, linli_site_get_lon (a));
    linli_project_edits_record_site (history, "Drag", a, before);
  }
  while (linli_history_undo (history))
    steps++;
  g_assert_cmpuint (steps, ==, 1 + 6 + 1);
  append_exact_state (now, project);
  g_assert_cmpstr (now->str, ==, original->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/initial", test_initial);
  g_test_add_func ("/history/each-kind", test_each_kind);
  g_test_add_func ("/history/delete-position", test_delete_position);
  g_test_add_func ("/history/delete-several", test_delete_several_then_undo);
  g_test_add_func ("/history/no-op-not-recorded", test_no_op_not_recorded);
  g_test_add_func ("/history/notifications", test_notifications);
  g_test_add_func ("/history/saved-point", test_saved_point);
  g_test_add_func ("/history/redo-branch-dropped", test_redo_branch_dropped);
  g_test_add_func ("/history/random-sequences", test_random_sequences);
  g_test_add_func ("/history/random-model", test_random_model);

  g_test_add_func ("/history/group", test_group);
  g_test_add_func ("/history/own-edit-kind", test_own_edit_kind);
  g_test_add_func ("/history/nudges-merge", test_nudges_merge);
  return g_test_run ();
}
