/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-partners"

#include "config.h"

#include <libxml/relaxng.h>
#include <math.h>
#include <string.h>

#include "linli-document.h"
#include "linli-figures.h"
#include "linli-format.h"
#include "linli-grids.h"
#include "linli-history.h"
#include "linli-partner-edits.h"
#include "linli-partner-problem.h"
#include "linli-partner-proposal.h"
#include "linli-partners.h"
#include "linli-partner-tables.h"
#include "linli-test-utils.h"

/* The partner lists' model, their undoable edits and their `.linli`
 * section.  Lists are compared through a dump written here, field by
 * field, independently of the code under test. */

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

static LinliProject *
base_project (void)
{
  LinliProject *project = linli_project_new ();

  linli_project_set_name (project, "共建");
  linli_project_add_community (project, "c0", "拱宸桥社区");
  linli_project_add_community (project, "c1", "大关社区");
  linli_project_add_compound (project, "k0", "和睦新村", 0);
  linli_project_add_compound (project, "k1", "大关西苑", 1);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("B%u", i);
      LinliBuilding b = { 0 };

      b.id = id;
      b.compound = i % 2;
      b.lat = 30.30 + 0.002 * i;
      b.lon = 120.14 + 0.001 * i;
      b.households = 40 + i;
      linli_project_add_building (project, &b, NULL, 0);
    }
  {
    g_autoptr (LinliPolygon) polygon = linli_polygon_new_rectangle (30.29, 120.13, 30.31, 120.16);
    LinliGridState st = { .id = "g1", .code = "330105001001", .name = "网格", .community = 0,
                          .polygon = polygon };
    g_autoptr (LinliGrid) grid = linli_grid_new (&st);

    linli_grids_insert (linli_project_get_grids (project), 0, grid);
  }
  return project;
}

/* Random text, sometimes absent, with characters XML must escape. */
static char *
random_text (GRand   *rand,
             gboolean optional)
{
  static const char *const words[] = { "拱宸桥", "社区", "<a&b>", "\"q\"", "志愿", "x", "'", " ", "助老" };
  GString *s;
  guint n;

  if (optional && g_rand_int_range (rand, 0, 4) == 0)
    return NULL;
  s = g_string_new (NULL);
  n = g_rand_int_range (rand, 1, 4);
  for (guint i = 0; i < n; i++)
    g_string_append (s, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  return g_string_free (s, FALSE);
}

/* A quantity that a double holds exactly or not: both must come back. */
static double
random_quantity (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      return g_rand_int_range (rand, 0, 500);
    case 1:
      return g_rand_int_range (rand, 0, 5000) / 10.0;
    default:
      return g_rand_double_range (rand, 0, 1000);
    }
}

static const char *
random_category (GRand         *rand,
                 LinliPartners *p)
{
  guint n = linli_partners_get_n (p, LINLI_PARTNER_LIST_CATEGORIES);

  return linli_partners_get_category (p, g_rand_int_range (rand, 0, n))->id;
}

static void
random_place (GRand                 *rand,
              LinliPartnerPlaceKind *kind,
              const char           **place)
{
  static const char *const communities[] = { "c0", "c1" }, *const compounds[] = { "k0", "k1" };

  *kind = g_rand_int_range (rand, 0, 3);
  if (*kind == LINLI_PARTNER_PLACE_COMMUNITY)
    *place = communities[g_rand_int_range (rand, 0, 2)];
  else if (*kind == LINLI_PARTNER_PLACE_COMPOUND)
    *place = compounds[g_rand_int_range (rand, 0, 2)];
  else
    *place = "g1";
}

/* Adds one random item of @list through the edits; its references point
 * at items that exist.  Returns FALSE when @list cannot take one yet. */
static gboolean
add_random_item (GRand            *rand,
                 LinliHistory     *history,
                 LinliPartnerList  list)
{
  LinliPartners *p = linli_project_get_partners (linli_history_get_project (history));
  g_autofree char *id = NULL;

  switch (list)
    {
    case LINLI_PARTNER_LIST_CATEGORIES:
      {
        g_autofree char *name = random_text (rand, FALSE);
        LinliPartnerCategory c = { NULL, name, FALSE };

        id = linli_partner_edits_add (history, list, &c);
      }
      break;
    case LINLI_PARTNER_LIST_UNITS:
      {
        g_autofree char *name = random_text (rand, FALSE), *address = random_text (rand, TRUE);
        g_autofree char *contact = random_text (rand, TRUE);
        LinliPartnerResource res[4];
        char *measures[4] = { NULL };
        LinliPartnerUnit u = { 0 };

        u.name = name;
        u.type = g_rand_int_range (rand, 0, LINLI_PARTNER_UNIT_N_TYPES);
        u.address = address;
        u.contact = contact;
        u.has_position = g_rand_boolean (rand);
        u.lat = 30.3 + g_rand_int_range (rand, 0, 100000) * 1e-7;
        u.lon = 120.1 + g_rand_int_range (rand, 0, 100000) * 1e-7;
        u.members = g_rand_int_range (rand, 0, 200);
        u.n_resources = g_rand_int_range (rand, 0, 5);
        u.resources = res;
        for (guint k = 0; k < u.n_resources; k++)
          {
            measures[k] = random_text (rand, TRUE);
            res[k] = (LinliPartnerResource) { (char *) random_category (rand, p),
                                              random_quantity (rand), measures[k],
                                              random_quantity (rand),
                                              g_rand_int_range (rand, 0, 4) };
          }
        id = linli_partner_edits_add (history, list, &u);
        for (guint k = 0; k < u.n_resources; k++)
          g_free (measures[k]);
      }
      break;
    case LINLI_PARTNER_LIST_NEEDS:
      {
        g_autofree char *note = random_text (rand, TRUE);
        LinliPartnerNeed n = { 0 };
        const char *place;

        random_place (rand, &n.place_kind, &place);
        n.place = (char *) place;
        n.category = (char *) random_category (rand, p);
        n.quantity = random_quantity (rand);
        n.priority = g_rand_int_range (rand, 1, LINLI_PARTNER_MAX_PRIORITY + 1);
        n.period = g_rand_int_range (rand, 0, 4);
        n.note = note;
        id = linli_partner_edits_add (history, list, &n);
      }
      break;
    case LINLI_PARTNER_LIST_RECORDS:
      {
        guint n_units = linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS);
        guint n_needs = linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS);
        g_autofree char *person = random_text (rand, TRUE), *note = random_text (rand, TRUE);
        g_autofree char *date = g_strdup_printf ("20%02d-%02d-%02d",
                                                 g_rand_int_range (rand, 20, 30),
                                                 g_rand_int_range (rand, 1, 13),

                                                 g_rand_int_range (rand, 1, 29));
        LinliServiceRecord r = { 0 };
        const char *place;

        if (n_units == 0)
          return FALSE;
        r.unit = linli_partners_get_unit (p, g_rand_int_range (rand, 0, n_units))->id;
        if (n_needs > 0 && g_rand_boolean (rand))
          r.need = linli_partners_get_need (p, g_rand_int_range (rand, 0, n_needs))->id;
        random_place (rand, &r.place_kind, &place);
        r.place = (char *) place;
        r.category = (char *) random_category (rand, p);
        r.date = date;
        r.hours = random_quantity (rand);
        r.person = person;
        r.note = note;
        id = linli_partner_edits_add (history, list, &r);
      }
      break;
    case LINLI_PARTNER_LIST_EVALUATIONS:
      {
        guint n_records = linli_partners_get_n (p, LINLI_PARTNER_LIST_RECORDS);
        g_autofree char *comment = random_text (rand, TRUE);
        LinliServiceEvaluation e = { 0 };

        if (n_records == 0)
          return FALSE;
        e.record = linli_partners_get_record (p, g_rand_int_range (rand, 0, n_records))->id;
        e.score = g_rand_int_range (rand, 1, LINLI_PARTNER_MAX_SCORE + 1);
        e.comment = comment;
        id = linli_partner_edits_add (history, list, &e);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_nonnull (linli_partners_find (p, list, id, NULL));
  return TRUE;
}

/* Accepts a random assignment of the units and needs there are: pairs of
 * any unit and need, quantities and distances exact in a double or not. */
static void
accept_random_assignment (GRand        *rand,
                          LinliHistory *history,
                          guint         min_pairs)
{
  LinliPartners *p = linli_project_get_partners (linli_history_get_project (history));
  guint n_units = linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS);
  guint n_needs = linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS);
  LinliPartnerPair pairs[6];
  LinliPartnerAssignment a = { pairs, 0, g_rand_boolean (rand), FALSE };

  if (n_units > 0 && n_needs > 0)
    a.n_pairs = g_rand_int_range (rand, min_pairs, G_N_ELEMENTS (pairs) + 1);
  for (guint i = 0; i < a.n_pairs; i++)
    {
      const LinliPartnerNeed *n = linli_partners_get_need (p, g_rand_int_range (rand, 0, n_needs));

      pairs[i] = (LinliPartnerPair) {
        linli_partners_get_unit (p, g_rand_int_range (rand, 0, n_units))->id, n->id, n->category,
        random_quantity (rand), random_quantity (rand) * 7,
      };
    }
  g_assert_true (linli_partner_edits_set_assignment (history, &a));
}

/* Random options, and a rule for a random pair of a unit and a need. */
static void
set_random_rules (GRand        *rand,
                  LinliHistory *history)
{
  LinliPartners *p = linli_project_get_partners (linli_history_get_project (history));
  guint n_units = linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS);
  guint n_needs = linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS);
  g_autoptr (LinliPartnerRules) rules = linli_partner_rules_copy (linli_partners_get_rules (p));

  rules->max_distance = g_rand_boolean (rand) ? 0 : random_quantity (rand) * 10;
  rules->every_community = g_rand_boolean (rand);
  rules->community_minimum = 0.5 + random_quantity (rand);
  rules->straight_line = g_rand_boolean (rand);
  if (n_units > 0 && n_needs > 0)
    linli_partner_rules_set (rules,
                             linli_partners_get_unit (p, g_rand_int_range (rand, 0, n_units))->id,
                             linli_partners_get_need (p, g_rand_int_range (rand, 0, n_needs))->id,
                             g_rand_int_range (rand, 0, 2));
  g_assert_true (linli_partner_edits_set_rules (history, rules));
}

static void
fill_random (GRand        *rand,
             LinliHistory *history,
             guint         n_items)
{
  for (guint i = 0; i < n_items; i++)
    {
      /* Now and then an assignment is accepted; what is added after it makes it out of date. */
      if (g_rand_int_range (rand, 0, 20) == 0)
        accept_random_assignment (rand, history, 0);
      else if (g_rand_int_range (rand, 0, 12) == 0)
        set_random_rules (rand, history);
      else
        add_random_item (rand, history, g_rand_int_range (rand, 0, LINLI_PARTNER_N_LISTS));
    }
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
test_model (void)
{
  g_autoptr (LinliPartners) p = linli_partners_new ();
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = linli_partners_get_n (p, LINLI_PARTNER_LIST_CATEGORIES), changes = 0;
  LinliPartnerNeed need = { "n1", LINLI_PARTNER_PLACE_COMPOUND, "k0", "venue", 2, 3, NULL,
                            LINLI_PARTNER_PERIOD_MONTH };
  g_autofree char *next = NULL;

  /* The defaults: several, built in, ids unique, each shown by a name. */
  g_assert_cmpuint (n, >=, 9);
  g_assert_true (linli_partners_is_empty (p));
  for (guint i = 0; i < n; i++)
    {
      const LinliPartnerCategory *c = linli_partners_get_category (p, i);

      g_assert_true (c->builtin);
      g_assert_true (g_hash_table_add (ids, c->id));
      g_assert_cmpstr (linli_partners_category_label (p, c->id), !=, "");
      g_assert_true (linli_partners_find (p, LINLI_PARTNER_LIST_CATEGORIES, c->id, NULL) == c);
    }
  for (const char *const *id = (const char *const[]) { "venue", "volunteers", "medical-checks",
                                                       "tutoring", "legal-advice", "funds",
                                                       "elderly-care", "child-care",
                                                       "cultural-activities", NULL }; *id; id++)
    g_assert_nonnull (linli_partners_find (p, LINLI_PARTNER_LIST_CATEGORIES, *id, NULL));

  g_signal_connect (p, "changed", G_CALLBACK (on_changed_cb), &changes);
  linli_partners_insert (p, LINLI_PARTNER_LIST_NEEDS, 0, &need);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_false (linli_partners_is_empty (p));
  g_assert_true (linli_partners_category_in_use (p, "venue"));
  g_assert_false (linli_partners_category_in_use (p, "funds"));
  /* The id Linli makes next skips past those read. */
  next = linli_partners_new_id (p, LINLI_PARTNER_LIST_NEEDS);
  g_assert_cmpstr (next, ==, "n2");
  /* Replacing by the same value is no change. */
  linli_partners_replace (p, LINLI_PARTNER_LIST_NEEDS, 0, &need);
  g_assert_cmpuint (changes, ==, 1);
  need.quantity = 5;
  linli_partners_replace (p, LINLI_PARTNER_LIST_NEEDS, 0, &need);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpfloat (linli_partners_get_need (p, 0)->quantity, ==, 5);
  linli_partners_remove (p, LINLI_PARTNER_LIST_NEEDS, 0);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_true (linli_partners_is_empty (p));

  g_assert_true (linli_partner_date_is_valid ("2024-02-29"));
  g_assert_false (linli_partner_date_is_valid ("2023-02-29"));
  g_assert_false (linli_partner_date_is_valid ("2023-2-09"));
  g_assert_false (linli_partner_date_is_valid ("2023-13-01"));
  g_assert_false (linli_partner_date_is_valid ("0000-01-01"));
  g_assert_false (linli_partner_date_is_valid (NULL));
  g_assert_finalize_object (g_steal_pointer (&p));
}

/* A project and its copy hold equal and independent lists. */
static void
test_project_copy (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (LinliProject) copy = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  fill_random (rand, history, 60);
  copy = linli_project_copy (project);
  a = linli_test_dump_partners (linli_project_get_partners (project));
  b = linli_test_dump_partners (linli_project_get_partners (copy));
  g_assert_cmpstr (a, ==, b);
  fill_random (rand, history, 5);
  c = linli_test_dump_partners (linli_project_get_partners (copy));
  g_assert_cmpstr (b, ==, c);
}

/* ------------------------------------------------------------------------ */
/* The edits                                                                 */
/* ------------------------------------------------------------------------ */

/* A random walk of adds, changes and removals: undoing every step gives
 * back each state before, in reverse, and redoing gives each after. */
static void
test_edits_undo_redo (void)
{
  guint n_cases = linli_test_cases (20);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (LinliProject) project = base_project ();
      g_autoptr (LinliHistory) history = linli_history_new (project);
      LinliPartners *p = linli_project_get_partners (project);
      g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
      guint steps = 0;

      g_ptr_array_add (states, linli_test_dump_partners (p));
      for (guint i = 0; i < 80; i++)
        {
          LinliPartnerList list = g_rand_int_range (rand, 0, LINLI_PARTNER_N_LISTS);
          guint n = linli_partners_get_n (p, list);
          guint action = g_rand_int_range (rand, 0, 3);
          gboolean done = FALSE;

          if (action == 0 || n == 0)
            done = add_random_item (rand, history, list);
          else if (action == 1)
            {
              gconstpointer chosen = linli_partners_get (p, list, g_rand_int_range (rand, 0, n));
              gpointer item = linli_partner_item_copy (list, chosen);

              /* Change a field every item has in its own way. */
              if (list == LINLI_PARTNER_LIST_CATEGORIES)
                {
                  LinliPartnerCategory *c = item;

                  g_free (c->name);
                  c->name = g_strdup_printf ("类别%u", i);
                }
              else if (list == LINLI_PARTNER_LIST_UNITS)
                ((LinliPartnerUnit *) item)->members += 1;
              else if (list == LINLI_PARTNER_LIST_NEEDS)
                ((LinliPartnerNeed *) item)->quantity += 1.5;
              else if (list == LINLI_PARTNER_LIST_RECORDS)
                ((LinliServiceRecord *) item)->hours += 0.5;
              else
                {
                  LinliServiceEvaluation *e = item;

                  e->score = 1 + e->score % 5;
                }
              done = linli_partner_edits_change (history, list, item);
              /* Built-in categories keep their names. */
              g_assert_true (done || (list == LINLI_PARTNER_LIST_CATEGORIES &&
                                      ((LinliPartnerCategory *) item)->builtin));
              linli_partner_item_free (list, item);
            }
          else
            {
              gconstpointer chosen = linli_partners_get (p, list, g_rand_int_range (rand, 0, n));
              const char *id = linli_partner_item_get_id (list, chosen);
              g_autofree char *kept = g_strdup (id);
              gboolean refusable = list == LINLI_PARTNER_LIST_CATEGORIES;

              done = linli_partner_edits_remove (history, list, kept);
              g_assert_true (done || refusable);
              if (done)
                g_assert_null (linli_partners_find (p, list, kept, NULL));
            }
          if (done)
            {
              char *now = linli_test_dump_partners (p);

              /* Every edit recorded is one step that changes something. */
              g_assert_cmpstr (now, !=, g_ptr_array_index (states, states->len - 1));
              g_ptr_array_add (states, now);
              steps++;
            }
        }
      for (guint i = states->len - 1; i > 0; i--)
        {
          g_autofree char *now = linli_test_dump_partners (p);

          g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
          g_assert_true (linli_history_undo (history));
        }
      {
        g_autofree char *first = linli_test_dump_partners (p);

        g_assert_cmpstr (first, ==, g_ptr_array_index (states, 0));
      }
      for (guint i = 1; i < states->len; i++)
        {
          g_autofree char *now = NULL;

          g_assert_true (linli_history_redo (history));
          now = linli_test_dump_partners (p);
          g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
        }
      g_assert_cmpuint (steps, >, 10);
    }
}

/* Removing a unit takes its records and their evaluations with it in one
 * step; removing a need leaves its records, without the reference; a
 * category in use or built in stays. */
static void
test_edits_cascade (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliPartners *p = linli_project_get_partners (project);
  LinliPartnerCategory cat = { "reading", "读书会", FALSE };
  LinliPartnerResource res = { "reading", 2, "次", 4, LINLI_PARTNER_PERIOD_MONTH };
  LinliPartnerUnit unit = { "u1", "杭州第二中学", LINLI_PARTNER_UNIT_SCHOOL, NULL, TRUE, 30.3,
                            120.1, "李四", 12,
                            &res, 1 };
  LinliPartnerNeed need = { "n1", LINLI_PARTNER_PLACE_COMMUNITY, "c0", "reading", 3, 5, NULL,
                            LINLI_PARTNER_PERIOD_MONTH };
  LinliServiceRecord record = { "r1", "u1", "n1", LINLI_PARTNER_PLACE_COMMUNITY, "c0", "reading",
                                "2026-11-02", 2,
                                "王五", NULL };
  LinliServiceEvaluation evaluation = { "e1", "r1", 5, "好" };
  g_autofree char *before = NULL, *after_need = NULL;
  char *id;

  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_CATEGORIES, &cat);
  g_free (id);
  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_UNITS, &unit);
  g_free (id);
  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_NEEDS, &need);
  g_free (id);
  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_RECORDS, &record);
  g_free (id);
  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_EVALUATIONS, &evaluation);
  g_assert_cmpstr (id, ==, "e1");
  g_free (id);
  /* A taken id gets a fresh one. */
  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_EVALUATIONS, &evaluation);
  g_assert_cmpstr (id, !=, "e1");
  g_assert_true (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_EVALUATIONS, id));
  g_free (id);

  g_assert_false (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_CATEGORIES, "reading"));
  g_assert_false (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_CATEGORIES, "venue"));
  g_assert_false (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_UNITS, "u9"));

  before = linli_test_dump_partners (p);
  g_assert_true (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_NEEDS, "n1"));
  g_assert_null (linli_partners_get_record (p, 0)->need);
  after_need = linli_test_dump_partners (p);
  g_assert_true (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_UNITS, "u1"));
  g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_RECORDS), ==, 0);
  g_assert_cmpuint (linli_partners_get_n (p, LINLI_PARTNER_LIST_EVALUATIONS), ==, 0);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Remove Partner Unit");
  /* Nothing uses the category now. */
  g_assert_true (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_CATEGORIES, "reading"));
  g_assert_true (linli_history_undo (history));
  g_assert_true (linli_history_undo (history));
  {
    g_autofree char *now = linli_test_dump_partners (p);

    g_assert_cmpstr (now, ==, after_need);
  }
  g_assert_true (linli_history_undo (history));
  {
    g_autofree char *now = linli_test_dump_partners (p);

    g_assert_cmpstr (now, ==, before);
  }
}

/* Adds units and needs until there are at least two of each. */
static void
fill_units_and_needs (GRand        *rand,
                      LinliHistory *history)
{
  LinliPartners *p = linli_project_get_partners (linli_history_get_project (history));

  while (linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS) < 2)
    add_random_item (rand, history, LINLI_PARTNER_LIST_UNITS);
  while (linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS) < 2)
    add_random_item (rand, history, LINLI_PARTNER_LIST_NEEDS);
}

static char *
undo_dump (LinliHistory *history)
{
  linli_history_undo (history);
  return linli_test_dump_partners (
    linli_project_get_partners (linli_history_get_project (history)));
}

/* Accepting, thinning out and clearing the assignment are one step each;
 * changing a unit or a need marks it out of date in the same step, and
 * removing one drops its pairs; undo brings back each state exactly. */
static void
test_assignment_edits (void)
{
  guint n_cases = linli_test_cases (10);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (LinliProject) project = base_project ();
      g_autoptr (LinliHistory) history = linli_history_new (project);
      LinliPartners *p = linli_project_get_partners (project);
      g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
      const LinliPartnerAssignment *a;
      LinliPartnerNeed *need;
      g_autofree char *unit_id = NULL;
      guint n_pairs, n_of_unit = 0;

      fill_units_and_needs (rand, history);
      g_assert_null (linli_partners_get_assignment (p));
      g_ptr_array_add (states, linli_test_dump_partners (p));

      /* Accept: stored as given, up to date. */
      accept_random_assignment (rand, history, 2);
      a = linli_partners_get_assignment (p);
      g_assert_false (a->out_of_date);
      n_pairs = a->n_pairs;
      g_ptr_array_add (states, linli_test_dump_partners (p));

      /* Remove one pair: one fewer, the others in order. */
      {
        g_autoptr (LinliPartnerAssignment) before = linli_partner_assignment_copy (a);

        g_assert_true (linli_partner_edits_remove_pair (history, 0));
        g_assert_false (linli_partner_edits_remove_pair (history, n_pairs - 1));
        a = linli_partners_get_assignment (p);
        g_assert_cmpuint (a->n_pairs, ==, n_pairs - 1);
        for (guint i = 0; i < a->n_pairs; i++)
          g_assert_cmpstr (a->pairs[i].need, ==, before->pairs[i + 1].need);
        g_ptr_array_add (states, linli_test_dump_partners (p));
      }

      /* Change a need: the assignment is out of date, in the same step. */
      need = linli_partner_item_copy (LINLI_PARTNER_LIST_NEEDS, linli_partners_get_need (p, 0));
      need->quantity += 1;
      g_assert_true (linli_partner_edits_change (history, LINLI_PARTNER_LIST_NEEDS, need));
      linli_partner_item_free (LINLI_PARTNER_LIST_NEEDS, need);
      g_assert_true (linli_partners_get_assignment (p)->out_of_date);
      g_ptr_array_add (states, linli_test_dump_partners (p));

      /* Remove a unit of a pair: its pairs go. */
      a = linli_partners_get_assignment (p);
      unit_id = g_strdup (a->pairs[0].unit);
      for (guint i = 0; i < a->n_pairs; i++)
        n_of_unit += g_strcmp0 (a->pairs[i].unit, unit_id) == 0;
      n_pairs = a->n_pairs;
      g_assert_true (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_UNITS, unit_id));
      a = linli_partners_get_assignment (p);
      g_assert_cmpuint (a->n_pairs, ==, n_pairs - n_of_unit);
      for (guint i = 0; i < a->n_pairs; i++)
        g_assert_cmpstr (a->pairs[i].unit, !=, unit_id);
      g_ptr_array_add (states, linli_test_dump_partners (p));

      /* Clear. */
      g_assert_true (linli_partner_edits_set_assignment (history, NULL));
      g_assert_null (linli_partners_get_assignment (p));
      g_ptr_array_add (states, linli_test_dump_partners (p));

      /* Each undo is one step back. */
      for (guint i = states->len - 1; i-- > 0;)
        {
          g_autofree char *now = undo_dump (history);

          g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
        }
    }
}

/* A pair that names what does not exist is refused and nothing recorded. */
static void
test_assignment_refused (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliPartners *p = linli_project_get_partners (project);
  LinliPartnerPair pair;
  LinliPartnerAssignment a = { &pair, 1, TRUE, FALSE };

  fill_units_and_needs (rand, history);
  {
    g_autofree char *before = linli_test_dump_partners (p);
    g_autofree char *after = NULL;
    const LinliPartnerPair good = { linli_partners_get_unit (p, 0)->id,
                                    linli_partners_get_need (p, 0)->id,
                                    linli_partners_get_need (p, 0)->category, 3, 100 };
    const LinliPartnerPair bad[] = {
      { "nobody", good.need, good.category, 3, 100 },
      { good.unit, "nothing", good.category, 3, 100 },
      { good.unit, good.need, "no-category", 3, 100 },
      { good.unit, good.need, good.category, -1, 100 },
      { good.unit, good.need, good.category, NAN, 100 },
      { good.unit, good.need, good.category, 3, INFINITY },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        pair = bad[i];
        g_assert_false (linli_partner_edits_set_assignment (history, &a));
      }
    g_assert_false (linli_partner_edits_remove_pair (history, 0));
    after = linli_test_dump_partners (p);
    g_assert_cmpstr (after, ==, before);
    pair = good;
    g_assert_true (linli_partner_edits_set_assignment (history, &a));
    g_assert_nonnull (linli_partners_get_assignment (p));
  }
}

/* A proposal as an assignment gives each need what the solver says it
 * meets and each unit what its offers give; the figures of an assignment
 * add up the same per priority and per unit. */
static void
test_proposal (void)
{
  guint n_cases = linli_test_cases (20);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (LinliProject) project = base_project ();
      g_autoptr (LinliHistory) history = linli_history_new (project);
      LinliPartners *p = linli_project_get_partners (project);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliPartnerProposal) proposal = NULL;
      g_autoptr (LinliPartnerAssignment) a = NULL;
      g_autoptr (GArray) by_priority = NULL, used = NULL;
      const LinliAssignResult *r;
      const LinliPartnerProblem *pp;
      double want[LINLI_PARTNER_MAX_PRIORITY + 1] = { 0 };
      double total[LINLI_PARTNER_MAX_PRIORITY + 1] = { 0 };

      for (guint i = 0; i < 40; i++)
        add_random_item (rand, history, g_rand_int_range (rand, 1, 3));
      {
        g_autoptr (LinliPartnerRules) rules = linli_partner_rules_new ();

        rules->max_distance = g_rand_boolean (rand) ? 0 : 800;
        proposal = linli_partner_proposal_new (project, rules, &error);
      }
      g_assert_no_error (error);
      r = proposal->result;
      pp = proposal->problem;
      a = linli_partner_proposal_to_assignment (proposal, project);
      g_assert_false (a->out_of_date);
      g_assert_cmpint (a->straight_line, ==, r->straight_line);
      g_assert_true (linli_partner_edits_set_assignment (history, a));

      /* Per need: the pairs add up to what is met; no unit and need twice. */
      for (guint n = 0; n < r->n_needs; n++)
        {
          const LinliPartnerNeed *need =
            linli_partners_get_need (p, g_array_index (pp->need_positions, guint, n));
          double sum = 0;
          g_autofree char *why = linli_partner_proposal_describe_unmet (proposal, project, n);

          for (guint i = 0; i < a->n_pairs; i++)
            if (g_strcmp0 (a->pairs[i].need, need->id) == 0)
              {
                sum += a->pairs[i].quantity;
                g_assert_cmpstr (a->pairs[i].category, ==, need->category);
                for (guint j = i + 1; j < a->n_pairs; j++)
                  g_assert_false (g_strcmp0 (a->pairs[j].need, need->id) == 0 &&
                                  g_strcmp0 (a->pairs[j].unit, a->pairs[i].unit) == 0);
              }
          g_assert_cmpfloat_with_epsilon (sum, r->needs[n].met, 1e-6 * (1 + sum));
          /* Only what is not met in full has a reason. */
          g_assert_cmpint (why[0] != '\0', ==, r->needs[n].reason != LINLI_UNMET_NONE);
          want[need->priority] += r->needs[n].met;
        }
      for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS); i++)
        {
          const LinliPartnerNeed *need = linli_partners_get_need (p, i);

          total[need->priority] += need->quantity / linli_partner_period_per_month (need->period);
        }
      by_priority = linli_partner_met_by_priority (p, linli_partners_get_assignment (p));
      for (guint k = 0; k < by_priority->len; k++)
        {
          const LinliPartnerPriorityMet *row = &g_array_index (by_priority,
                                                               LinliPartnerPriorityMet, k);

          g_assert_true (k == 0 ||
                         row->priority <
                           g_array_index (by_priority, LinliPartnerPriorityMet, k - 1).priority);
          g_assert_cmpfloat_with_epsilon (row->met, want[row->priority],
                                          1e-6 * (1 + row->met));
          g_assert_cmpfloat_with_epsilon (row->total, total[row->priority],
                                          1e-6 * (1 + row->total));
          total[row->priority] = -1;
        }
      for (guint k = 0; k <= LINLI_PARTNER_MAX_PRIORITY; k++)
        g_assert_true (total[k] <= 0);

      /* Per unit: what its offers give, within their capacity. */
      used = linli_partner_capacity_used (p, linli_partners_get_assignment (p));
      g_assert_cmpuint (used->len, ==, linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS));
      for (guint u = 0; u < pp->problem.n_units; u++)
        {
          guint position = g_array_index (pp->unit_positions, guint, u);
          const LinliPartnerUnitUse *use = &g_array_index (used, LinliPartnerUnitUse, position);
          double given = 0, capacity = 0;

          for (guint o = 0; o < pp->problem.n_offers; o++)
            if (pp->problem.offers[o].unit == u)
              {
                given += r->used[o];
                capacity += pp->problem.offers[o].capacity;
              }
          g_assert_cmpuint (use->unit, ==, position);
          g_assert_cmpfloat_with_epsilon (use->used, given, 1e-6 * (1 + given));
          g_assert_cmpfloat_with_epsilon (use->capacity, capacity, 1e-6 * (1 + capacity));
          g_assert_cmpfloat (use->used, <=, use->capacity * (1 + 1e-9) + 1e-9);
        }
    }
}

/* The partner figures: none without an accepted assignment; with one, the
 * share met overall and per priority and the capacity used agree with
 * sums made here over the pairs, the needs and the resource items. */
static void
test_figures (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliDocument) document = linli_document_new (project, NULL);
  LinliHistory *history = linli_document_get_history (document);
  LinliPartners *p = linli_project_get_partners (project);
  g_autoptr (LinliFigures) none = NULL, figures = NULL;
  const LinliPartnerAssignment *a;
  double met = 0, total = 0, given = 0, capacity = 0;

  for (guint i = 0; i < 30; i++)
    add_random_item (rand, history, g_rand_int_range (rand, 1, 3));
  none = linli_figures_collect (document);
  g_assert_null (linli_figures_lookup (none, "partner-needs-met"));
  accept_random_assignment (rand, history, 3);
  a = linli_partners_get_assignment (p);
  figures = linli_figures_collect (document);

  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS); i++)
    {
      const LinliPartnerNeed *n = linli_partners_get_need (p, i);
      double asked = n->quantity / linli_partner_period_per_month (n->period), got = 0;
      double p_met = 0, p_total = 0;
      g_autofree char *key = g_strdup_printf ("partner-needs-met-priority-%u", n->priority);

      for (guint k = 0; k < a->n_pairs; k++)
        if (g_strcmp0 (a->pairs[k].need, n->id) == 0)
          got += a->pairs[k].quantity;
      met += MIN (got, asked);
      total += asked;
      /* The share of this need's priority, summed over its needs here. */
      for (guint j = 0; j < linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS); j++)
        {
          const LinliPartnerNeed *m = linli_partners_get_need (p, j);
          double m_asked = m->quantity / linli_partner_period_per_month (m->period), m_got = 0;

          if (m->priority != n->priority)
            continue;
          for (guint k = 0; k < a->n_pairs; k++)
            if (g_strcmp0 (a->pairs[k].need, m->id) == 0)
              m_got += a->pairs[k].quantity;
          p_met += MIN (m_got, m_asked);
          p_total += m_asked;
        }
      if (p_total > 0)
        g_assert_cmpfloat_with_epsilon (linli_figures_lookup (figures, key)->value,
                                        p_met / p_total, 1e-9);
    }
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (p, i);

      for (guint r = 0; r < u->n_resources; r++)
        capacity += u->resources[r].capacity /
                    linli_partner_period_per_month (u->resources[r].period);
      for (guint k = 0; k < a->n_pairs; k++)
        if (g_strcmp0 (a->pairs[k].unit, u->id) == 0)
          given += a->pairs[k].quantity;
    }
  g_assert_cmpfloat (linli_figures_lookup (figures, "partner-pairs")->value, ==, a->n_pairs);
  g_assert_cmpfloat_with_epsilon (linli_figures_lookup (figures, "partner-needs-met")->value,
                                  met / total, 1e-9);
  g_assert_cmpfloat_with_epsilon (linli_figures_lookup (figures, "partner-capacity-used")->value,
                                  given / capacity, 1e-9);
}

/* What the file would refuse, the edits refuse, and record nothing. */
static void
test_edits_refused (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliPartners *p = linli_project_get_partners (project);
  LinliPartnerResource res = { "venue", 1, NULL, 2, LINLI_PARTNER_PERIOD_MONTH };
  LinliPartnerUnit unit = { "u1", "中学", LINLI_PARTNER_UNIT_SCHOOL, NULL, FALSE, 0, 0, NULL, 0,
                            &res, 1 };
  LinliPartnerNeed need = { "n1", LINLI_PARTNER_PLACE_COMPOUND, "k0", "venue", 2, 3, NULL,
                            LINLI_PARTNER_PERIOD_MONTH };
  LinliServiceRecord record = { "r1", "u1", NULL, LINLI_PARTNER_PLACE_COMPOUND, "k0", "venue",
                                "2026-03-01", 1, NULL, NULL };
  LinliServiceEvaluation evaluation = { "e1", "r1", 4, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  char *id;

  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_UNITS, &unit);
  g_free (id);
  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_NEEDS, &need);
  g_free (id);
  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_RECORDS, &record);
  g_free (id);
  before = linli_test_dump_partners (p);

  res.category = "chess";
  g_assert_null (linli_partner_edits_add (history, LINLI_PARTNER_LIST_UNITS, &unit));
  g_assert_false (linli_partner_edits_change (history, LINLI_PARTNER_LIST_UNITS, &unit));
  res.category = "venue";
  res.capacity = -1;
  g_assert_false (linli_partner_edits_change (history, LINLI_PARTNER_LIST_UNITS, &unit));
  res.capacity = 2;
  unit.has_position = TRUE;
  unit.lat = 95;
  g_assert_false (linli_partner_edits_change (history, LINLI_PARTNER_LIST_UNITS, &unit));

  need.place = "k9";
  g_assert_null (linli_partner_edits_add (history, LINLI_PARTNER_LIST_NEEDS, &need));
  need.place = "g1";
  need.place_kind = LINLI_PARTNER_PLACE_GRID;
  need.priority = 0;
  g_assert_false (linli_partner_edits_change (history, LINLI_PARTNER_LIST_NEEDS, &need));
  need.priority = 101;
  g_assert_false (linli_partner_edits_change (history, LINLI_PARTNER_LIST_NEEDS, &need));
  need.priority = 3;
  need.quantity = NAN;
  g_assert_false (linli_partner_edits_change (history, LINLI_PARTNER_LIST_NEEDS, &need));

  record.date = "2026-02-30";
  g_assert_false (linli_partner_edits_change (history, LINLI_PARTNER_LIST_RECORDS, &record));
  record.date = "2026-02-28";
  record.unit = "u7";
  g_assert_null (linli_partner_edits_add (history, LINLI_PARTNER_LIST_RECORDS, &record));
  record.unit = "u1";
  record.need = "n5";
  g_assert_null (linli_partner_edits_add (history, LINLI_PARTNER_LIST_RECORDS, &record));

  evaluation.record = "r9";
  g_assert_null (linli_partner_edits_add (history, LINLI_PARTNER_LIST_EVALUATIONS, &evaluation));
  evaluation.record = "r1";
  evaluation.score = 6;
  g_assert_null (linli_partner_edits_add (history, LINLI_PARTNER_LIST_EVALUATIONS, &evaluation));

  after = linli_test_dump_partners (p);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Add Service Record");
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
  g_autofree char *path = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "linli-2.rng",
                                            NULL);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (pctxt);
  GString *errors = g_string_new (NULL);
  xmlDocPtr doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                                 "doc.linli", NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
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

/* Random lists saved and loaded again are the same, field by field, and
 * the file is valid by the schema. */
static void
test_round_trip (void)
{
  guint n_cases = linli_test_cases (30);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (LinliProject) project = base_project ();
      g_autoptr (LinliHistory) history = linli_history_new (project);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) loaded = NULL;
      g_autofree char *original = NULL, *read = NULL, *reason = NULL;

      fill_random (rand, history, g_rand_int_range (rand, 1, 80));
      bytes = linli_format_save_bytes (project);
      if (!schema_validates (bytes, &reason))
        g_error ("seed %u: the schema refuses the file: %s", seed, reason);
      loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       "p.linli", &error);
      g_assert_no_error (error);
      original = linli_test_dump_partners (linli_project_get_partners (project));
      read = linli_test_dump_partners (linli_project_get_partners (loaded));
      g_assert_cmpstr (read, ==, original);
    }
}

static void
test_empty_left_out (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (GBytes) bytes = linli_format_save_bytes (project);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_null (strstr (text, "<partners"));
}

/* The file keeps contacts and names when the project hides them: hiding is
 * a way of showing. */
static void
test_hidden_names_saved (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliPartnerUnit unit = { "u1", "浙江大学", LINLI_PARTNER_UNIT_SCHOOL, NULL, FALSE, 0, 0, "赵六", 3,
                            NULL, 0 };
  g_autofree char *id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_UNITS, &unit);
  const LinliPartnerUnit *saved = linli_partners_get_unit (linli_project_get_partners (project), 0);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  linli_project_set_hide_names (project, TRUE);
  bytes = linli_format_save_bytes (project);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "contact=\"赵六\""));
  g_assert_cmpstr (linli_project_person (project, saved->contact), !=, "赵六");
}

/* A small document with the places of base_project() and @section as its
 * partners section, which starts on line 9. */
static char *
document_with (const char *section)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<linli version=\"2\" name=\"t\">\n"
                          "  <communities><community id=\"c0\"/><community id=\"c1\"/>"
                          "</communities>\n"
                          "  <compounds><compound id=\"k0\" community=\"c0\"/></compounds>\n"
                          "  <buildings>\n"
                          "    <building id=\"B0\" compound=\"k0\" lat=\"30.3\" lon=\"120.1\"/>\n"
                          "  </buildings>\n"
                          "  <partners>\n"
                          "%s"
                          "  </partners>\n"
                          "</linli>\n", section);
}

typedef struct
{
  const char *name;
  const char *section;  /* from line 9 */
  guint       line;     /* where the error is, 0: valid */
  const char *message;  /* a part of the message */
} PartnersCase;

#define UNIT "<unit id='u1' name='中学' type='school' lat='30.3' lon='120.1'/>\n"
#define NEED "<need id='n1' place-kind='community' place='c0' category='venue' quantity='2' " \
             "priority='3'/>\n"
#define RECORD "<record id='r1' unit='u1' place-kind='compound' place='k0' category='venue' " \
               "date='2026-01-31'/>\n"
/* Starts of elements the cases share. */
#define U_OPEN "<unit id='u1' name='a' type='school'"
#define N_C0 "<need id='n1' place-kind='community' place='c0' category='venue' quantity='2'"
#define N_OPEN "<need id='n1' category='venue' quantity='2' priority='3'"
#define R_OPEN UNIT "<record id='r1' unit='u1' place-kind='compound' place='k0' category='venue'"

static const PartnersCase partners_cases[] = {
  { "good",
    "<category id='chess' name='棋类'/>\n"
    "<unit id='u1' name='中学' type='school' address='路' lat='30.3' lon='120.1' contact='张' "
    "members='4'>\n"
    "<resource category='chess' quantity='2' measure='次' capacity='8' period='month'/>\n"
    "</unit>\n" NEED RECORD
    "<evaluation id='e1' record='r1' score='5' comment='好'/>\n", 0, NULL },
  { "unknown element", UNIT "<team id='t'/>\n", 10, "unexpected <team> in <partners>" },
  { "unknown attribute", U_OPEN " colour='red'/>\n", 9, "unknown attribute “colour” on <unit>" },
  { "duplicate unit", UNIT UNIT, 10, "duplicate <unit> id “u1”" },
  { "duplicate builtin category", "<category id='venue' name='x'/>\n", 9,
    "duplicate <category> id “venue”" },
  { "unknown type", "<unit id='u1' name='a' type='bank'/>\n", 9, "not a unit type: “bank”" },
  { "half a position", U_OPEN " lat='30'/>\n", 9, "“lat” and “lon” both" },
  { "position out of range", U_OPEN " lat='95' lon='120'/>\n", 9, "“lat” must be a number" },
  { "resource of an unknown category",
    U_OPEN ">\n<resource category='chess' capacity='1' period='month'/>\n</unit>\n", 10,
    "category “chess”, which does not exist" },
  { "negative capacity",
    U_OPEN ">\n<resource category='venue' capacity='-1' period='month'/>\n</unit>\n", 10,
    "“capacity” must be a number" },
  { "capacity not a number",
    U_OPEN ">\n<resource category='venue' capacity='nan' period='month'/>\n</unit>\n", 10,
    "“capacity” must be a number" },
  { "unknown period",
    U_OPEN ">\n<resource category='venue' capacity='1' period='day'/>\n</unit>\n", 10,
    "“period” must be" },
  { "text in a unit", U_OPEN ">\nword</unit>\n", 10, "may hold only <resource>" },
  { "need of a missing place", N_OPEN " place-kind='compound' place='k9'/>\n", 9,
    "compound “k9”, which does not exist" },
  { "need of a missing grid", N_OPEN " place-kind='grid' place='g1'/>\n", 9,
    "grid “g1”, which does not exist" },
  { "unknown place kind", N_OPEN " place-kind='street' place='c0'/>\n", 9, "“place-kind” must be" },
  { "unknown need period", N_C0 " period='day' priority='3'/>\n", 9, "“period” must be" },
  { "priority 0", N_C0 " priority='0'/>\n", 9, "“priority” must be from 1" },
  { "priority too high", N_C0 " priority='101'/>\n", 9, "“priority” must be" },
  { "need without quantity",
    "<need id='n1' place-kind='community' place='c0' category='venue' priority='1'/>\n", 9,
    "lacks the required attribute “quantity”" },
  { "record of a missing unit", RECORD, 9, "unit “u1”, which does not exist" },
  { "record of a missing need", R_OPEN " need='n4' date='2026-01-31'/>\n", 10,
    "need “n4”, which does not exist" },
  { "impossible date", R_OPEN " date='2026-02-30'/>\n", 10, "“date” must be a day" },
  { "evaluation of a missing record", "<evaluation id='e1' record='r1' score='3'/>\n", 9,
    "record “r1”, which does not exist" },
  { "score 6", UNIT RECORD "<evaluation id='e1' record='r1' score='6'/>\n", 11, "“score” must be" },
  { "score 0", UNIT RECORD "<evaluation id='e1' record='r1' score='0'/>\n", 11,
    "“score” must be from 1" },
  { "out of order", NEED UNIT, 10, "<unit> comes too late" },
  { "child of a need", N_C0 " priority='3'><x/></need>\n", 9, "<need> must be empty" },
  { "empty id", "<unit id='' name='a' type='school'/>\n", 9, "“id” must not be empty" },
  { "pair of a missing unit",
    NEED "<assignment>\n<pair unit='u1' need='n1' category='venue' quantity='1' distance='5'/>\n"
    "</assignment>\n", 11, "<pair> refers to unit “u1”, which does not exist" },
  { "pair of a missing need",
    UNIT "<assignment>\n<pair unit='u1' need='n1' category='venue' quantity='1' distance='5'/>\n"
    "</assignment>\n", 11, "<pair> refers to need “n1”, which does not exist" },
  { "pair of an unknown category",
    UNIT NEED "<assignment>\n<pair unit='u1' need='n1' category='chess' quantity='1' "
    "distance='5'/>\n</assignment>\n", 12, "category “chess”, which does not exist" },
  { "negative distance",
    UNIT NEED "<assignment>\n<pair unit='u1' need='n1' category='venue' quantity='1' "
    "distance='-5'/>\n</assignment>\n", 12, "“distance” must be a number" },
  { "pair without quantity",
    UNIT NEED "<assignment>\n<pair unit='u1' need='n1' category='venue' distance='5'/>\n"
    "</assignment>\n", 12, "lacks the required attribute “quantity”" },
  { "two assignments", UNIT NEED "<assignment/>\n<assignment/>\n", 12,
    "<assignment> comes too late" },
  { "need after the assignment", UNIT "<assignment/>\n" NEED, 11, "<need> comes too late" },
  { "not a boolean", "<assignment out-of-date='maybe'/>\n", 9, "out-of-date" },
  { "rule of a missing unit",
    NEED "<rules>\n<rule unit='u1' need='n1' kind='fixed'/>\n</rules>\n", 11,
    "<rule> refers to unit “u1”, which does not exist" },
  { "rule of a missing need",
    UNIT "<rules>\n<rule unit='u1' need='n1' kind='forbidden'/>\n</rules>\n", 11,
    "<rule> refers to need “n1”, which does not exist" },
  { "unknown rule kind",
    UNIT NEED "<rules>\n<rule unit='u1' need='n1' kind='sometimes'/>\n</rules>\n", 12,
    "“kind” on <rule> must be “fixed” or “forbidden”" },
  { "two rules of a pair",
    UNIT NEED "<rules>\n<rule unit='u1' need='n1' kind='fixed'/>\n"
    "<rule unit='u1' need='n1' kind='forbidden'/>\n</rules>\n", 13, "a second <rule>" },
  { "community minimum 0", "<rules community-minimum='0'/>\n", 9, "must be above 0" },
  { "negative maximum distance", "<rules max-distance='-3'/>\n", 9, "“max-distance” must be" },
  { "rules after the assignment", "<assignment/>\n<rules/>\n", 10, "<rules> comes too late" },
  { "two rules", "<rules/>\n<rules/>\n", 10, "<rules> comes too late" },
  { "other child of the rules", UNIT "<rules>\n<pair/>\n</rules>\n", 11,
    "may hold only <rule>" },
  { "other child of the assignment", UNIT NEED "<assignment>\n<need/>\n</assignment>\n", 12,
    "may hold only <pair>" },
};

/* Each broken section is refused with its line and reason, and nothing
 * comes back half read. */
static void
test_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (partners_cases); i++)
    {
      const PartnersCase *c = &partners_cases[i];
      g_autofree char *doc = document_with (c->section);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = linli_format_load_data (doc, strlen (doc), "hostile.linli",
                                                                 &error);

      if (c->line == 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (project);
          g_assert_cmpuint (linli_partners_get_n (linli_project_get_partners (project),
                                                  LINLI_PARTNER_LIST_EVALUATIONS), ==, 1);
          continue;
        }
      if (project != NULL)
        g_error ("case “%s” was accepted", c->name);
      g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID);
      {
        g_autofree char *where = g_strdup_printf ("hostile.linli:%u:", c->line);

        if (!g_str_has_prefix (error->message, where) ||
            strstr (error->message, c->message) == NULL)

          g_error ("case “%s”: wanted “%s … %s”, got “%s”", c->name, where, c->message,
                   error->message);
      }
    }
}

/* ------------------------------------------------------------------------ */
/* The assignment problem of a project                                       */
/* ------------------------------------------------------------------------ */

/* Capacities and needs come per month, places where their households are,
 * and what has no position is left out by name. */
static void
test_problem (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliPartnerResource res[] = { { "tutoring", 1, NULL, 9, LINLI_PARTNER_PERIOD_QUARTER },
                                 { "venue", 1, NULL, 12, LINLI_PARTNER_PERIOD_WEEK } };
  LinliPartnerUnit placed = { "u1", "中学", LINLI_PARTNER_UNIT_SCHOOL, NULL, TRUE, 30.31, 120.15,
                              NULL, 0, res, 2 };
  LinliPartnerUnit unplaced = { "u2", "无址", LINLI_PARTNER_UNIT_OTHER, NULL, FALSE, 0, 0, NULL, 0,
                                res, 1 };
  LinliPartnerNeed needs[] = {
    { "n1", LINLI_PARTNER_PLACE_COMPOUND, "k0", "tutoring", 24, 3, NULL,
      LINLI_PARTNER_PERIOD_YEAR },
    { "n2", LINLI_PARTNER_PLACE_COMMUNITY, "c1", "venue", 1, 1, NULL, LINLI_PARTNER_PERIOD_MONTH },
    { "n3", LINLI_PARTNER_PLACE_GRID, "g1", "venue", 1, 1, NULL, LINLI_PARTNER_PERIOD_MONTH },
  };
  g_autoptr (LinliPartnerProblem) pp = NULL;
  g_autoptr (GError) error = NULL;
  char *id;

  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_UNITS, &placed);
  g_free (id);
  id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_UNITS, &unplaced);
  g_free (id);
  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_NEEDS, &needs[i]);
      g_free (id);
    }
  pp = linli_partner_problem_new (project, 700);
  g_assert_cmpuint (pp->problem.n_units, ==, 1);
  g_assert_cmpuint (pp->unplaced_units->len, ==, 1);
  g_assert_cmpstr (pp->unplaced_units->pdata[0], ==, "u2");
  g_assert_cmpfloat (pp->problem.max_distance, ==, 700);
  g_assert_cmpuint (pp->problem.n_offers, ==, 2);
  /* 9 a quarter is 3 a month; 12 a week is 52 a month (52 weeks, 12 months). */
  g_assert_cmpfloat_with_epsilon (pp->problem.offers[0].capacity, 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (pp->problem.offers[1].capacity, 52, 1e-12);
  g_assert_cmpuint (pp->problem.n_needs, ==, 3);
  g_assert_cmpfloat_with_epsilon (pp->problem.needs[0].quantity, 2, 1e-12);
  /* Compound k0 holds B0 (40 households at 30.300) and B2 (42 at 30.304). */
  g_assert_cmpfloat_with_epsilon (pp->problem.needs[0].position.lat,
                                  (40 * 30.300 + 42 * 30.304) / 82, 1e-9);
  g_assert_cmpfloat_with_epsilon (pp->problem.needs[0].position.lon,
                                  (40 * 120.140 + 42 * 120.142) / 82, 1e-9);
  /* Community c1 holds compound k1: B1 (41 at 30.302) and B3 (43 at 30.306). */
  g_assert_cmpfloat_with_epsilon (pp->problem.needs[1].position.lat,
                                  (41 * 30.302 + 43 * 30.306) / 84, 1e-9);

  /* The grid stands at its rectangle's centre. */
  g_assert_cmpfloat_with_epsilon (pp->problem.needs[2].position.lat, 30.30, 1e-6);
  g_assert_cmpfloat_with_epsilon (pp->problem.needs[2].position.lon, 120.145, 1e-6);
  g_assert_true (linli_partner_problem_add_pair (pp, TRUE, "u1", "n1", &error));
  g_assert_no_error (error);
  g_assert_false (linli_partner_problem_add_pair (pp, FALSE, "u2", "n1", &error));
  g_assert_error (error, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID);
  g_assert_cmpuint (pp->problem.n_fixed, ==, 1);
}

/* Whole units against a brute force over every way of giving places units:
 * the most weight (the sum of the priorities of a place's needs) of places
 * with a unit, then the least distance; a unit takes a place only when it
 * offers a category the place needs, within the distance, and at most
 * @per_unit places. */
typedef struct
{
  const LinliAssignProblem *p;
  gboolean                 *allowed;   /* unit × place */
  double                   *weight;    /* per place */
  guint                    *load;      /* per unit */
  guint                     per_unit;
  double                    best_weight;
  double                    best_distance;
} WholeBrute;

static void
whole_brute (WholeBrute *b,
             guint       place,
             double      weight,
             double      distance)
{
  const LinliAssignProblem *p = b->p;

  if (place == p->n_needs)
    {
      if (weight > b->best_weight ||
          (weight == b->best_weight && distance < b->best_distance - 1e-6))
        {
          b->best_weight = weight;
          b->best_distance = distance;
        }
      return;
    }
  whole_brute (b, place + 1, weight, distance);
  for (guint u = 0; u < p->n_units; u++)
    if (b->allowed[u * p->n_needs + place] && b->load[u] < b->per_unit)
      {
        b->load[u]++;
        whole_brute (b, place + 1, weight + b->weight[place],
                     distance + linli_assign_distance (p, u, place));
        b->load[u]--;
      }
}

static void
test_whole_units (void)
{
  static const char *const categories[] = { "venue", "funds", "tutoring", "legal-advice" };
  static const char *const places[][2] = { { "0", "c0" }, { "0", "c1" }, { "1", "k0" },
                                           { "1", "k1" }, { "2", "g1" } };
  guint n_cases = linli_test_cases (150);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (LinliProject) project = base_project ();
      LinliPartners *partners = linli_project_get_partners (project);
      g_autoptr (LinliPartnerProblem) pp = NULL;
      g_autoptr (LinliAssignResult) r = NULL;
      g_autoptr (GError) error = NULL;
      guint n_units = g_rand_int_range (rand, 1, 5), n_needs = g_rand_int_range (rand, 1, 8);
      guint per_unit = g_rand_int_range (rand, 1, 3);
      double max_distance = g_rand_boolean (rand) ? g_rand_double_range (rand, 500, 3000) : 0;
      g_autofree gboolean *allowed = NULL;
      g_autofree double *weight = NULL;
      g_autofree guint *load = NULL;
      WholeBrute b = { 0 };

      for (guint u = 0; u < n_units; u++)
        {
          g_autofree char *id = g_strdup_printf ("u%u", u);
          LinliPartnerResource res[2];
          LinliPartnerUnit unit = { id, "单位", LINLI_PARTNER_UNIT_OTHER, NULL, TRUE };

          unit.lat = 30.29 + g_rand_double (rand) * 0.03;
          unit.lon = 120.13 + g_rand_double (rand) * 0.03;
          unit.n_resources = g_rand_int_range (rand, 1, 3);
          for (guint k = 0; k < unit.n_resources; k++)
            {
              guint category = g_rand_int_range (rand, 0, 3);

              res[k] = (LinliPartnerResource) { (char *) categories[category], 1 };
              res[k].capacity = g_rand_int_range (rand, 0, 3);
            }
          unit.resources = res;
          linli_partners_insert (partners, LINLI_PARTNER_LIST_UNITS, G_MAXUINT, &unit);
        }
      for (guint n = 0; n < n_needs; n++)
        {
          g_autofree char *id = g_strdup_printf ("n%u", n);
          guint place = g_rand_int_range (rand, 0, G_N_ELEMENTS (places));
          guint category = g_rand_int_range (rand, 0, G_N_ELEMENTS (categories));
          LinliPartnerNeed need = { id, places[place][0][0] - '0', (char *) places[place][1] };

          need.category = (char *) categories[category];
          need.quantity = 1;

          need.priority = g_rand_int_range (rand, 1, 6);
          linli_partners_insert (partners, LINLI_PARTNER_LIST_NEEDS, G_MAXUINT, &need);
        }

      pp = linli_partner_problem_new_whole (project, max_distance, per_unit);
      r = linli_assign_solve (&pp->problem, &error);
      g_assert_no_error (error);

      /* Weights and who may take what, from the lists themselves. */
      allowed = g_new0 (gboolean, n_units * pp->problem.n_needs);
      weight = g_new0 (double, pp->problem.n_needs);
      load = g_new0 (guint, n_units);
      g_assert_cmpuint (pp->problem.n_units, ==, n_units);
      for (guint place = 0; place < pp->problem.n_needs; place++)
        for (guint n = 0; n < n_needs; n++)
          {
            const LinliPartnerNeed *need = linli_partners_get_need (partners, n);

            if (need->place_kind != g_array_index (pp->place_kinds, LinliPartnerPlaceKind, place) ||
                g_strcmp0 (need->place, pp->place_ids->pdata[place]) != 0)
              continue;
            weight[place] += need->priority;
            for (guint u = 0; u < n_units; u++)
              {
                const LinliPartnerUnit *unit = linli_partners_get_unit (partners, u);

                for (guint k = 0; k < unit->n_resources; k++)
                  if (unit->resources[k].capacity > 0 &&
                      g_strcmp0 (unit->resources[k].category, need->category) == 0 &&
                      (max_distance == 0 ||
                       linli_assign_distance (&pp->problem, u, place) <= max_distance))
                    allowed[u * pp->problem.n_needs + place] = TRUE;
              }
          }
      for (guint place = 0; place < pp->problem.n_needs; place++)
        g_assert_cmpfloat (pp->problem.needs[place].priority, ==, weight[place]);

      b = (WholeBrute) { &pp->problem, allowed, weight, load, per_unit, -1, INFINITY };
      whole_brute (&b, 0, 0, 0);
      if (r->weighted_met != b.best_weight ||
          fabs (r->distance - b.best_distance) > 1e-6 * (1 + b.best_distance))
        g_error ("seed %u: whole units %g weight, %.6f m; brute force %g, %.6f m", seed,
                 r->weighted_met, r->distance, b.best_weight, b.best_distance);

      /* Whole: every place one unit or none, every unit within its number. */
      for (guint f = 0; f < r->n_flows; f++)
        {
          g_assert_cmpfloat (r->flows[f].quantity, ==, 1);
          g_assert_true (allowed[r->flows[f].unit * pp->problem.n_needs + r->flows[f].need]);
        }
    }
}

/* The five lists as tables for CSV and Excel: a row per unit, resource
 * item, need, record and evaluation, each naming what the model holds;
 * contacts and the people who served only while names show. */
static void
test_tables (void)
{
  guint n_cases = linli_test_cases (10);

  for (guint32 seed = 1; seed <= n_cases; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (LinliProject) project = base_project ();
      g_autoptr (LinliHistory) history = linli_history_new (project);
      LinliPartners *partners = linli_project_get_partners (project);
      guint n_resources = 0;

      fill_random (rand, history, g_rand_int_range (rand, 1, 60));
      for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
        n_resources += linli_partners_get_unit (partners, i)->n_resources;
      for (int hide = 0; hide < 2; hide++)
        {
          g_autoptr (GPtrArray) tables = NULL;
          const LinliTable *units, *resources, *needs, *records, *evaluations;

          linli_project_set_hide_names (project, hide);
          tables = linli_partner_tables_collect (project);
          if (linli_partners_is_empty (partners))
            {
              g_assert_cmpuint (tables->len, ==, 0);
              continue;
            }
          g_assert_cmpuint (tables->len, ==, 5);
          units = tables->pdata[0], resources = tables->pdata[1], needs = tables->pdata[2];
          records = tables->pdata[3], evaluations = tables->pdata[4];
          g_assert_cmpuint (linli_table_get_n_rows (units), ==,
                            linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS));
          g_assert_cmpuint (linli_table_get_n_rows (resources), ==, n_resources);
          g_assert_cmpuint (linli_table_get_n_rows (needs), ==,
                            linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS));
          g_assert_cmpuint (linli_table_get_n_rows (records), ==,
                            linli_partners_get_n (partners, LINLI_PARTNER_LIST_RECORDS));
          g_assert_cmpuint (linli_table_get_n_rows (evaluations), ==,
                            linli_partners_get_n (partners, LINLI_PARTNER_LIST_EVALUATIONS));
          for (guint i = 0; i < linli_table_get_n_rows (units); i++)
            {
              const LinliPartnerUnit *unit = linli_partners_get_unit (partners, i);
              const char *contact = linli_table_get_cell (units, i, 4)->text;

              g_assert_cmpstr (linli_table_get_cell (units, i, 0)->text, ==, unit->id);
              g_assert_cmpstr (linli_table_get_cell (units, i, 1)->text, ==, unit->name);
              if (hide || unit->contact == NULL || unit->contact[0] == '\0')
                g_assert_true (unit->contact == NULL || unit->contact[0] == '\0' ||
                               g_strcmp0 (contact, unit->contact) != 0);
              else
                g_assert_cmpstr (contact, ==, unit->contact);
              g_assert_cmpfloat (linli_table_get_cell (units, i, 6)->value, ==, unit->n_resources);
            }
          for (guint i = 0; i < linli_table_get_n_rows (needs); i++)
            {
              const LinliPartnerNeed *need = linli_partners_get_need (partners, i);

              g_assert_cmpstr (linli_table_get_cell (needs, i, 0)->text, ==, need->id);
              g_assert_cmpfloat (linli_table_get_cell (needs, i, 4)->value, ==, need->quantity);
              g_assert_cmpfloat (linli_table_get_cell (needs, i, 6)->value, ==, need->priority);
            }
          for (guint i = 0; i < linli_table_get_n_rows (records); i++)
            {
              const LinliServiceRecord *record = linli_partners_get_record (partners, i);
              const char *person = linli_table_get_cell (records, i, 6)->text;

              g_assert_cmpstr (linli_table_get_cell (records, i, 0)->text, ==, record->id);
              if (!hide && record->person != NULL)
                g_assert_cmpstr (person, ==, record->person);
              else if (record->person != NULL && record->person[0] != '\0')
                g_assert_cmpstr (person, !=, record->person);
            }
        }
    }
}


/* ------------------------------------------------------------------------ */
/* Every resource item of a unit, and the rules of proposals                 */
/* ------------------------------------------------------------------------ */

/* A unit's resource items changed all at once (the second changed, a third
 * added, the first removed) is one undo step that brings every item back,
 * and redo takes them forward again. */
static void
test_unit_resources_edit (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliPartners *p = linli_project_get_partners (project);
  LinliPartnerResource before[] = {
    { "tutoring", 3, "小时", 10, LINLI_PARTNER_PERIOD_MONTH },
    { "venue", 1, "场", 4, LINLI_PARTNER_PERIOD_WEEK },
  };
  LinliPartnerResource after[] = {
    { "venue", 2, "次", 6, LINLI_PARTNER_PERIOD_QUARTER },
    { "medical-checks", 5, NULL, 20, LINLI_PARTNER_PERIOD_YEAR },
  };
  LinliPartnerUnit unit = { NULL, "中学", LINLI_PARTNER_UNIT_SCHOOL, NULL, TRUE, 30.3, 120.14, NULL,
                            2, before, G_N_ELEMENTS (before) };
  g_autofree char *id = linli_partner_edits_add (history, LINLI_PARTNER_LIST_UNITS, &unit);
  g_autofree char *added = NULL, *changed = NULL;
  const LinliPartnerUnit *u;

  g_assert_nonnull (id);
  added = linli_test_dump_partners (p);
  unit.id = id;
  unit.resources = after;
  unit.n_resources = G_N_ELEMENTS (after);
  g_assert_true (linli_partner_edits_change (history, LINLI_PARTNER_LIST_UNITS, &unit));
  changed = linli_test_dump_partners (p);
  u = linli_partners_get_unit (p, 0);
  g_assert_cmpuint (u->n_resources, ==, 2);
  g_assert_cmpstr (u->resources[0].category, ==, "venue");
  g_assert_cmpfloat (u->resources[0].capacity, ==, 6);
  g_assert_cmpint (u->resources[0].period, ==, LINLI_PARTNER_PERIOD_QUARTER);
  g_assert_cmpstr (u->resources[1].category, ==, "medical-checks");
  g_assert_null (u->resources[1].measure);

  linli_history_undo (history);
  {
    g_autofree char *undone = linli_test_dump_partners (p);

    g_assert_cmpstr (undone, ==, added);
  }
  u = linli_partners_get_unit (p, 0);
  g_assert_cmpuint (u->n_resources, ==, 2);
  g_assert_cmpstr (u->resources[1].category, ==, "venue");
  g_assert_cmpstr (u->resources[1].measure, ==, "场");
  g_assert_cmpfloat (u->resources[1].quantity, ==, 1);
  linli_history_redo (history);
  {
    g_autofree char *redone = linli_test_dump_partners (p);

    g_assert_cmpstr (redone, ==, changed);
  }
}

/* Two units and two needs, for the rules' tests. */
static void
add_rule_fixture (LinliHistory *history)
{
  LinliPartnerResource res[] = { { "tutoring", 1, NULL, 10, LINLI_PARTNER_PERIOD_MONTH } };
  LinliPartnerUnit units[] = {
    { "u1", "中学", LINLI_PARTNER_UNIT_SCHOOL, NULL, TRUE, 30.300, 120.140, NULL, 0, res, 1 },
    { "u2", "小学", LINLI_PARTNER_UNIT_SCHOOL, NULL, TRUE, 30.306, 120.143, NULL, 0, res, 1 },
  };
  LinliPartnerNeed needs[] = {
    { "n1", LINLI_PARTNER_PLACE_COMPOUND, "k0", "tutoring", 8, 5, NULL, LINLI_PARTNER_PERIOD_MONTH },
    { "n2", LINLI_PARTNER_PLACE_COMPOUND, "k1", "tutoring", 8, 5, NULL, LINLI_PARTNER_PERIOD_MONTH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    g_free (linli_partner_edits_add (history, LINLI_PARTNER_LIST_UNITS, &units[i]));
  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    g_free (linli_partner_edits_add (history, LINLI_PARTNER_LIST_NEEDS, &needs[i]));
}

/* Always, never and release are one undo step each; a pair has one rule;
 * a rule of a unit or need that does not exist is refused; removing a unit
 * drops its rules in the same step, and undo brings them back. */
static void
test_rules_edits (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliPartners *p = linli_project_get_partners (project);
  const LinliPartnerRules *r = linli_partners_get_rules (p);
  g_autoptr (LinliPartnerRules) options = NULL;

  add_rule_fixture (history);
  g_assert_true (linli_partner_rules_is_default (r));
  g_assert_true (linli_partner_edits_set_pair_rule (history, "u1", "n1", LINLI_PARTNER_RULE_FIXED));
  g_assert_true (linli_partner_edits_set_pair_rule (history, "u2", "n1",
                                                    LINLI_PARTNER_RULE_FORBIDDEN));
  r = linli_partners_get_rules (p);
  g_assert_cmpuint (r->n_rules, ==, 2);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Never Pair");
  /* The same pair made never instead of always: still one rule. */
  g_assert_true (linli_partner_edits_set_pair_rule (history, "u1", "n1",
                                                    LINLI_PARTNER_RULE_FORBIDDEN));
  r = linli_partners_get_rules (p);
  g_assert_cmpuint (r->n_rules, ==, 2);
  g_assert_cmpint (r->rules[linli_partner_rules_find (r, "u1", "n1")].kind, ==,
                   LINLI_PARTNER_RULE_FORBIDDEN);
  linli_history_undo (history);
  r = linli_partners_get_rules (p);
  g_assert_cmpint (r->rules[linli_partner_rules_find (r, "u1", "n1")].kind, ==,
                   LINLI_PARTNER_RULE_FIXED);

  /* Refused: what does not exist, a released pair that has no rule. */
  g_assert_false (linli_partner_edits_set_pair_rule (history, "u9", "n1",
                                                     LINLI_PARTNER_RULE_FIXED));
  g_assert_false (linli_partner_edits_set_pair_rule (history, "u1", "n9",
                                                     LINLI_PARTNER_RULE_FIXED));
  g_assert_false (linli_partner_edits_release_pair (history, "u2", "n2"));
  g_assert_cmpuint (linli_partners_get_rules (p)->n_rules, ==, 2);

  g_assert_true (linli_partner_edits_release_pair (history, "u2", "n1"));
  g_assert_cmpuint (linli_partners_get_rules (p)->n_rules, ==, 1);
  linli_history_undo (history);
  g_assert_cmpuint (linli_partners_get_rules (p)->n_rules, ==, 2);

  /* Options: out of range refused, set as one step. */
  options = linli_partner_rules_copy (linli_partners_get_rules (p));
  options->community_minimum = 0;
  g_assert_false (linli_partner_edits_set_rules (history, options));
  options->community_minimum = 3;
  options->max_distance = -1;
  g_assert_false (linli_partner_edits_set_rules (history, options));
  options->max_distance = 900;
  options->every_community = TRUE;
  g_assert_true (linli_partner_edits_set_rules (history, options));
  g_assert_cmpfloat (linli_partners_get_rules (p)->max_distance, ==, 900);
  linli_history_undo (history);
  g_assert_cmpfloat (linli_partners_get_rules (p)->max_distance, ==, 0);
  linli_history_redo (history);

  /* Removing u1 drops its rule in the same step. */
  g_assert_true (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_UNITS, "u1"));
  r = linli_partners_get_rules (p);
  g_assert_cmpuint (r->n_rules, ==, 1);
  g_assert_cmpint (linli_partner_rules_find (r, "u2", "n1"), ==, 0);
  g_assert_cmpfloat (r->max_distance, ==, 900);
  linli_history_undo (history);
  r = linli_partners_get_rules (p);
  g_assert_cmpuint (r->n_rules, ==, 2);
  g_assert_cmpint (linli_partner_rules_find (r, "u1", "n1"), >=, 0);
  g_assert_nonnull (linli_partners_find (p, LINLI_PARTNER_LIST_UNITS, "u1", NULL));
  /* And removing a need drops its rules too. */
  g_assert_true (linli_partner_edits_remove (history, LINLI_PARTNER_LIST_NEEDS, "n1"));
  g_assert_cmpuint (linli_partners_get_rules (p)->n_rules, ==, 0);
}

/* The rules saved and read back are the same; a file without them opens
 * with the defaults; the rules of a need whose place is gone are left out
 * of the file, so it still reads back. */
static void
test_rules_file (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliPartners *p = linli_project_get_partners (project);
  g_autoptr (LinliPartnerRules) rules = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) loaded = NULL;
  g_autofree char *reason = NULL, *text = NULL;

  add_rule_fixture (history);
  /* Without rules no <rules> is written, and the defaults come back. */
  bytes = linli_format_save_bytes (project);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_null (strstr (text, "<rules"));
  loaded = linli_format_load_data (text, strlen (text), "p.linli", &error);
  g_assert_no_error (error);
  g_assert_true (linli_partner_rules_is_default (
    linli_partners_get_rules (linli_project_get_partners (loaded))));
  g_clear_object (&loaded);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&text, g_free);

  rules = linli_partner_rules_copy (linli_partners_get_rules (p));
  rules->max_distance = 750.5;
  rules->every_community = TRUE;
  rules->community_minimum = 2.5;
  rules->straight_line = TRUE;
  linli_partner_rules_set (rules, "u1", "n2", LINLI_PARTNER_RULE_FIXED);
  linli_partner_rules_set (rules, "u2", "n1", LINLI_PARTNER_RULE_FORBIDDEN);
  g_assert_true (linli_partner_edits_set_rules (history, rules));
  bytes = linli_format_save_bytes (project);
  if (!schema_validates (bytes, &reason))
    g_error ("the schema refuses the file: %s", reason);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "<rule unit=\"u1\" need=\"n2\" kind=\"fixed\"/>"));
  loaded = linli_format_load_data (text, strlen (text), "p.linli", &error);
  g_assert_no_error (error);
  g_assert_true (linli_partner_rules_equal (
    linli_partners_get_rules (linli_project_get_partners (loaded)), rules));
  g_clear_object (&loaded);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&text, g_free);

  /* A need at grid g1 with a rule; the grid goes (not through the partner
   * edits): the need and its rule are not written. */
  {
    LinliPartnerNeed n3 = { "n3", LINLI_PARTNER_PLACE_GRID, "g1", "tutoring", 1, 1, NULL,
                            LINLI_PARTNER_PERIOD_MONTH };

    g_free (linli_partner_edits_add (history, LINLI_PARTNER_LIST_NEEDS, &n3));
    g_assert_true (linli_partner_edits_set_pair_rule (history, "u1", "n3",
                                                      LINLI_PARTNER_RULE_FIXED));
    g_assert_cmpuint (linli_partners_get_rules (p)->n_rules, ==, 3);
  }
  linli_grids_remove (linli_project_get_grids (project),
                      linli_grids_get_grid (linli_project_get_grids (project), 0));
  bytes = linli_format_save_bytes (project);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_null (strstr (text, "need=\"n3\""));
  loaded = linli_format_load_data (text, strlen (text), "p.linli", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_partners_get_rules (linli_project_get_partners (loaded))->n_rules, ==, 2);
}

/* Proposals follow the rules the project keeps: a forbidden pair leaves a
 * need unmet for that reason, a fixed pair serves first at any distance, a
 * maximum distance names the nearest unit, straight lines are said. */
static void
test_rules_proposal (void)
{
  g_autoptr (LinliProject) project = base_project ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (LinliPartnerRules) rules = NULL;
  g_autoptr (GError) error = NULL;
  LinliPartners *p = linli_project_get_partners (project);

  add_rule_fixture (history);
  /* u1 can serve only n1 (u2 is forbidden for it); u2 is fixed to n2. */
  g_assert_true (linli_partner_edits_set_pair_rule (history, "u2", "n1",
                                                    LINLI_PARTNER_RULE_FORBIDDEN));
  g_assert_true (linli_partner_edits_set_pair_rule (history, "u1", "n1",
                                                    LINLI_PARTNER_RULE_FORBIDDEN));
  g_assert_true (linli_partner_edits_set_pair_rule (history, "u2", "n2", LINLI_PARTNER_RULE_FIXED));
  {
    g_autoptr (LinliPartnerProposal) proposal = linli_partner_proposal_new (project, NULL, &error);
    const LinliAssignResult *r;
    g_autofree char *why = NULL;
    gboolean fixed_flow = FALSE;

    g_assert_no_error (error);
    r = proposal->result;
    g_assert_cmpuint (proposal->problem->problem.n_forbidden, ==, 2);
    g_assert_cmpuint (proposal->problem->problem.n_fixed, ==, 1);
    g_assert_cmpint (r->needs[0].reason, ==, LINLI_UNMET_FORBIDDEN);
    why = linli_partner_proposal_describe_unmet (proposal, project, 0);
    g_assert_cmpstr (why, ==, "every unit offering it is forbidden for this need");
    for (guint f = 0; f < r->n_flows; f++)
      fixed_flow |= r->flows[f].fixed && r->flows[f].unit == 1 && r->flows[f].need == 1;
    g_assert_true (fixed_flow);
  }
  /* u2 made to offer something else: its fixed pair is left out, not an error. */
  {
    LinliPartnerUnit *u2 = linli_partner_item_copy (LINLI_PARTNER_LIST_UNITS,
                                                    linli_partners_get_unit (p, 1));
    g_autoptr (LinliPartnerProposal) proposal = NULL;
    const LinliPartnerRules *kept = linli_partners_get_rules (p);

    g_free (u2->resources[0].category);
    u2->resources[0].category = g_strdup ("venue");
    g_assert_true (linli_partner_edits_change (history, LINLI_PARTNER_LIST_UNITS, u2));
    linli_partner_item_free (LINLI_PARTNER_LIST_UNITS, u2);
    g_assert_false (linli_partner_rule_applies (p, &kept->rules[linli_partner_rules_find (kept, "u2",
                                                                                          "n2")]));
    g_assert_true (linli_partner_rule_applies (p, &kept->rules[linli_partner_rules_find (kept, "u1",
                                                                                         "n1")]));
    proposal = linli_partner_proposal_new (project, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (proposal->problem->problem.n_fixed, ==, 0);
    g_assert_cmpuint (proposal->problem->problem.n_forbidden, ==, 2);
    linli_history_undo (history);
  }
  /* Released, with a maximum distance that keeps both units from n2. */
  g_assert_true (linli_partner_edits_release_pair (history, "u2", "n2"));
  g_assert_true (linli_partner_edits_release_pair (history, "u1", "n1"));
  g_assert_true (linli_partner_edits_release_pair (history, "u2", "n1"));
  rules = linli_partner_rules_copy (linli_partners_get_rules (p));
  rules->max_distance = 50;
  rules->straight_line = TRUE;
  g_assert_true (linli_partner_edits_set_rules (history, rules));
  {
    g_autoptr (LinliPartnerProposal) proposal = linli_partner_proposal_new (project, NULL, &error);
    g_autofree char *why = NULL, *options = NULL;

    g_assert_no_error (error);
    g_assert_true (proposal->result->straight_line);
    g_assert_cmpfloat (proposal->problem->problem.max_distance, ==, 50);
    g_assert_cmpint (proposal->result->needs[1].reason, ==, LINLI_UNMET_TOO_FAR);
    why = linli_partner_proposal_describe_unmet (proposal, project, 1);
    g_assert_true (g_str_has_prefix (why, "every unit offering it is farther than 50 m; the "
                                          "nearest, "));
    options = linli_partner_rules_describe (linli_partners_get_rules (p));
    g_assert_cmpstr (options, ==, "Maximum distance: 50 m\n");
  }
}

int
main (int    argc,
      char **argv)

{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partners/model", test_model);
  g_test_add_func ("/partners/project-copy", test_project_copy);
  g_test_add_func ("/partners/edits/undo-redo", test_edits_undo_redo);
  g_test_add_func ("/partners/edits/cascade", test_edits_cascade);
  g_test_add_func ("/partners/edits/refused", test_edits_refused);
  g_test_add_func ("/partners/edits/assignment", test_assignment_edits);
  g_test_add_func ("/partners/edits/assignment-refused", test_assignment_refused);
  g_test_add_func ("/partners/proposal", test_proposal);
  g_test_add_func ("/partners/figures", test_figures);

  g_test_add_func ("/partners/format/round-trip", test_round_trip);
  g_test_add_func ("/partners/format/empty-left-out", test_empty_left_out);
  g_test_add_func ("/partners/format/hidden-names-saved", test_hidden_names_saved);
  g_test_add_func ("/partners/format/hostile", test_hostile);
  g_test_add_func ("/partners/problem", test_problem);
  g_test_add_func ("/partners/whole-units", test_whole_units);
  g_test_add_func ("/partners/tables", test_tables);
  g_test_add_func ("/partners/edits/unit-resources", test_unit_resources_edit);
  g_test_add_func ("/partners/rules/edits", test_rules_edits);
  g_test_add_func ("/partners/rules/file", test_rules_file);
  g_test_add_func ("/partners/rules/proposal", test_rules_proposal);


  return g_test_run ();
}
