/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "linli-figures.h"
#include "linli-generator.h"
#include "linli-project-edits.h"
#include "linli-scenario-compare.h"
#include "linli-scenario-edits.h"

/* Helpers */

static LinliDocument *
generated_document (guint32 seed)
{
  LinliGeneratorOptions opts;
  g_autoptr (LinliProject) project = NULL;

  linli_generator_options_init (&opts);
  opts.seed = seed;
  opts.n_buildings = 1500;
  project = linli_generate_district (&opts);
  return linli_document_new (project, NULL);
}

static void
assert_states_equal (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const LinliSiteState *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_true (linli_site_state_equal (x, y));
    }
}

static void
assert_sites_are (LinliProject *project,
                  GPtrArray    *states)
{
  g_autoptr (GPtrArray) now = linli_scenario_project_dup_sites (project);

  assert_states_equal (now, states);
}

/* The decisions the tests make: a new planned station at a building,
 * one existing site removed, one moved 300 m north and made planned. */
static LinliDecisions *
some_decisions (LinliProject *project,
                guint         salt)
{
  LinliDecisions *d = linli_decisions_new ();
  guint n = linli_project_get_n_sites (project);
  const LinliBuilding *b = linli_project_get_building (project,
                                                       (salt * 97) % linli_project_get_n_buildings (project));
  LinliSiteState added = {
    .id = g_strdup_printf ("added-%u", salt),
    .name = g_strdup ("新站"),
    .tier = LINLI_SITE_TIER_STATION,
    .status = LINLI_SITE_STATUS_PLANNED,
    .lat = b->lat,
    .lon = b->lon,
    .cost = 120000,
  };
  g_autoptr (LinliSiteState) moved = linli_site_dup_state (linli_project_get_site (project,
                                                                                   (salt + 1) % n));

  g_assert_cmpuint (n, >=, 3);
  moved->lat += 300.0 / 111320.0;
  moved->status = LINLI_SITE_STATUS_PLANNED;
  g_ptr_array_add (d->sites, linli_site_state_copy (&added));
  g_ptr_array_add (d->sites, linli_site_state_copy (moved));
  g_ptr_array_add (d->removed, g_strdup (linli_site_get_id (linli_project_get_site (project,
                                                                                    salt % n))));
  linli_site_state_clear (&added);
  return d;
}

/* A project with the decisions made by hand, through the project's own
 * site functions: what a scenario must look like. */
static LinliProject *
hand_built (LinliProject         *base,
            const LinliDecisions *d)
{
  LinliProject *project = linli_project_copy (base);

  for (guint i = 0; i < d->removed->len; i++)
    linli_project_remove_site (project, linli_project_find_site (project, d->removed->pdata[i],
                                                                 NULL));
  for (guint i = 0; i < d->sites->len; i++)
    {
      const LinliSiteState *st = d->sites->pdata[i];
      LinliSite *site = linli_project_find_site (project, st->id, NULL);

      if (site != NULL)
        {
          linli_site_apply_state (site, st);
        }
      else
        {
          g_autoptr (LinliSite) created = linli_site_new (st);
          linli_project_add_site (project, created);
        }
    }
  return project;
}

static void
assert_figures_equal (LinliDocument *a,
                      LinliDocument *b)
{
  g_autoptr (LinliFigures) fa = linli_figures_collect (a);
  g_autoptr (LinliFigures) fb = linli_figures_collect (b);

  g_assert_cmpuint (linli_figures_get_n (fa), ==, linli_figures_get_n (fb));
  for (guint i = 0; i < linli_figures_get_n (fa); i++)
    {
      const LinliFigure *x = linli_figures_get (fa, i);
      const LinliFigure *y = linli_figures_lookup (fb, x->key);

      g_assert_nonnull (y);
      if (isnan (x->value))
        g_assert_true (isnan (y->value));
      else
        g_assert_cmpfloat (x->value, ==, y->value);
    }
}

static void
assert_coverage_equal (LinliDocument *a,
                       LinliDocument *b)
{
  LinliProject *project = linli_document_get_project (a);
  const LinliCoverage *ca = linli_document_get_coverage (a);
  const LinliCoverage *cb = linli_document_get_coverage (b);

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    g_assert_cmpint (linli_coverage_is_covered (ca, i), ==, linli_coverage_is_covered (cb, i));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Tests */

/* diff and apply are inverse: random lists made from a base by removing,
 * changing and adding sites come back exactly. */
static void
test_decisions_round_trip (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr (GPtrArray) base = linli_site_states_new ();
      g_autoptr (GPtrArray) sites = linli_site_states_new ();
      g_autoptr (LinliDecisions) d = NULL;
      g_autoptr (GPtrArray) back = NULL;
      guint n = g_rand_int_range (rand, 0, 12), added = 0, changed = 0, removed = 0;
      guint a, c, r;

      for (guint i = 0; i < n; i++)
        {
          LinliSiteState st = { .id = g_strdup_printf ("s%u", i), .lat = 31 + i * 1e-3, .lon = 121,
            .cost = -1 };

          g_ptr_array_add (base, linli_site_state_copy (&st));
          linli_site_state_clear (&st);
        }
      for (guint i = 0; i < n; i++)
        {
          LinliSiteState *st = linli_site_state_copy (base->pdata[i]);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              linli_site_state_free (st);
              removed++;
              continue;
            case 1:
              st->status = LINLI_SITE_STATUS_PLANNED;
              st->lon += 1e-4;
              changed++;
              break;
            default:
              break;
            }
          g_ptr_array_add (sites, st);
        }
      for (guint i = g_rand_int_range (rand, 0, 4); i > 0; i--)
        {
          LinliSiteState st = { .id = g_strdup_printf ("new%u", i), .lat = 31, .lon = 121.01,
            .cost = -1 };

          g_ptr_array_add (sites, linli_site_state_copy (&st));
          linli_site_state_clear (&st);
          added++;
        }
      d = linli_decisions_diff (base, sites);
      linli_decisions_count (d, base, &a, &c, &r);
      g_assert_cmpuint (a, ==, added);
      g_assert_cmpuint (c, ==, changed);
      g_assert_cmpuint (r, ==, removed);
      back = linli_decisions_apply (d, base);
      assert_states_equal (back, sites);
    }
}

/* Switching makes the project's sites, coverage and figures those of a
 * project built by hand with the scenario's sites; undo brings the base
 * back exactly, redo the scenario. */
static void
test_switch (void)
{
  g_autoptr (LinliDocument) document = generated_document (3);
  LinliProject *project = linli_document_get_project (document);
  LinliHistory *history = linli_document_get_history (document);
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  g_autoptr (LinliDecisions) d = some_decisions (project, 1);
  g_autoptr (LinliProject) by_hand = hand_built (project, d);
  g_autoptr (LinliDocument) expected = linli_document_new (by_hand, NULL);
  g_autoptr (LinliProject) base_copy = linli_project_copy (project);
  g_autoptr (LinliDocument) base_document = linli_document_new (base_copy, NULL);
  g_autoptr (GPtrArray) base = linli_scenario_project_dup_sites (project);
  g_autoptr (GPtrArray) view = linli_scenario_project_dup_sites (by_hand);
  g_autoptr (GError) error = NULL;
  LinliScenario *scenario;

  scenario = linli_scenario_edits_create (history, "方案一：新增1站", NULL, d, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  /* Creating does not switch. */
  g_assert_null (linli_scenarios_get_active (scenarios));
  assert_sites_are (project, base);

  {
    guint changed = 0;
    gulong handler = g_signal_connect_swapped (project, "changed", G_CALLBACK (count_cb), &changed);

    linli_scenario_edits_switch (history, linli_scenario_get_id (scenario));
    g_signal_handler_disconnect (project, handler);
    /* The document catches up once, not once a site. */
    g_assert_cmpuint (changed, ==, 1);
  }
  g_assert_cmpstr (linli_scenarios_get_active (scenarios), ==, linli_scenario_get_id (scenario));
  assert_sites_are (project, view);
  assert_coverage_equal (document, expected);
  assert_figures_equal (document, expected);
  assert_states_equal (linli_scenarios_get_base (scenarios), base);

  g_assert_true (linli_history_undo (history));
  g_assert_null (linli_scenarios_get_active (scenarios));
  g_assert_null (linli_scenarios_get_base (scenarios));
  assert_sites_are (project, base);
  assert_coverage_equal (document, base_document);
  assert_figures_equal (document, base_document);

  g_assert_true (linli_history_redo (history));
  assert_sites_are (project, view);
  assert_figures_equal (document, expected);

  /* Back to the base through a switch, not an undo. */
  linli_scenario_edits_switch (history, LINLI_SCENARIO_BASE_ID);
  assert_sites_are (project, base);
  assert_figures_equal (document, base_document);
}

/* Editing sites in a scenario edits the scenario, never the base; undoing
 * everything brings the first state back. */
static void
test_edit_in_scenario (void)
{
  g_autoptr (LinliDocument) document = generated_document (4);
  LinliProject *project = linli_document_get_project (document);
  LinliHistory *history = linli_document_get_history (document);
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  g_autoptr (GPtrArray) base = linli_scenario_project_dup_sites (project);
  g_autoptr (GPtrArray) in_scenario = NULL;
  g_autoptr (LinliSiteState) state = linli_site_dup_state (linli_project_get_site (project, 0));
  g_autoptr (GError) error = NULL;
  LinliScenario *a, *b;
  LinliSite *added;
  g_autofree char *added_id = NULL;

  a = linli_scenario_edits_create (history, "A", NULL, NULL, &error);
  g_assert_no_error (error);
  b = linli_scenario_edits_create (history, "B", "another", NULL, &error);
  g_assert_no_error (error);
  linli_scenario_edits_switch (history, linli_scenario_get_id (a));
  assert_sites_are (project, base);

  g_clear_pointer (&state->id, g_free);
  state->lat += 0.002;
  added = linli_project_edits_add_site (history, state);
  added_id = g_strdup (linli_site_get_id (added));
  linli_project_edits_remove_site (history, linli_project_get_site (project, 1));
  in_scenario = linli_scenario_project_dup_sites (project);
  g_assert_cmpuint (in_scenario->len, ==, base->len);

  /* To B, which is the base as it is, then to the base and back to A. */
  linli_scenario_edits_switch (history, linli_scenario_get_id (b));
  assert_sites_are (project, base);
  g_assert_null (linli_project_find_site (project, added_id, NULL));
  linli_scenario_edits_switch (history, NULL);
  assert_sites_are (project, base);
  linli_scenario_edits_switch (history, linli_scenario_get_id (a));
  assert_sites_are (project, in_scenario);

  /* A new site in the base takes no id a scenario uses. */
  linli_scenario_edits_switch (history, NULL);
  {
    g_autofree char *id = linli_project_new_site_id (project);
    g_assert_cmpstr (id, !=, added_id);
  }

  while (linli_history_undo (history))
    ;
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 0);
  g_assert_null (linli_scenarios_get_active (scenarios));
  assert_sites_are (project, base);
}

/* A project built for a scenario is the scenario's, and the project
 * itself is left as it was. */
static void
test_build_project (void)
{
  g_autoptr (LinliDocument) document = generated_document (5);
  LinliProject *project = linli_document_get_project (document);
  LinliHistory *history = linli_document_get_history (document);
  g_autoptr (LinliDecisions) d1 = some_decisions (project, 1);
  g_autoptr (LinliDecisions) d2 = some_decisions (project, 2);
  g_autoptr (LinliProject) hand1 = hand_built (project, d1);
  g_autoptr (LinliProject) hand2 = hand_built (project, d2);
  g_autoptr (GPtrArray) base = linli_scenario_project_dup_sites (project);
  g_autoptr (GPtrArray) view1 = linli_scenario_project_dup_sites (hand1);
  g_autoptr (GPtrArray) view2 = linli_scenario_project_dup_sites (hand2);
  g_autoptr (GError) error = NULL;
  LinliScenario *s1, *s2;

  s1 = linli_scenario_edits_create (history, "一", NULL, d1, &error);
  s2 = linli_scenario_edits_create (history, "二", NULL, d2, &error);
  g_assert_no_error (error);
  /* From the base, and from inside another scenario. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (LinliProject) p1 = linli_scenario_project_build (project, "一", &error);
      g_autoptr (LinliProject) p2 = linli_scenario_project_build (project,
                                                                  linli_scenario_get_id (s2),
                                                                    &error);
      g_autoptr (LinliProject) p0 = linli_scenario_project_build (project, "base", &error);
      g_autoptr (GPtrArray) now = linli_scenario_project_dup_sites (project);

      g_assert_no_error (error);
      assert_sites_are (p1, view1);
      assert_sites_are (p2, view2);
      assert_sites_are (p0, base);
      assert_states_equal (now, round == 0 ? base : view1);
      linli_scenario_edits_switch (history, linli_scenario_get_id (s1));
    }
  g_assert_null (linli_scenario_project_build (project, "no such", &error));
  g_assert_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NOT_FOUND);
}

/* The comparison's differences, per-cent changes and judgements equal
 * those worked out here from each document's coverage and sites. */
static void
test_compare (void)
{
  g_autoptr (LinliDocument) document = generated_document (6);
  LinliProject *project = linli_document_get_project (document);
  g_autoptr (LinliDecisions) d = some_decisions (project, 3);
  g_autoptr (LinliProject) hand = hand_built (project, d);
  g_autoptr (LinliDocument) other = linli_document_new (hand, NULL);
  g_autoptr (LinliComparison) comparison = linli_comparison_new_for_documents (document, other);
  LinliDocument *documents[2] = { document, other };
  double covered[2] = { 0 }, planned[2] = { 0 }, existing[2] = { 0 };
  const LinliComparisonRow *row;

  for (guint k = 0; k < 2; k++)
    {
      LinliProject *p = linli_document_get_project (documents[k]);
      const LinliCoverage *coverage = linli_document_get_coverage (documents[k]);

      for (guint i = 0; i < linli_project_get_n_buildings (p); i++)
        if (linli_coverage_is_covered (coverage, i))
          covered[k] += linli_project_get_building (p, i)->households;
      for (guint i = 0; i < linli_project_get_n_sites (p); i++)
        {
          LinliSiteStatus status = linli_site_get_status (linli_project_get_site (p, i));

          planned[k] += status == LINLI_SITE_STATUS_PLANNED;
          existing[k] += status == LINLI_SITE_STATUS_EXISTING;
        }
    }
  g_assert_cmpfloat (covered[0], !=, covered[1]);

  row = linli_comparison_lookup (comparison, "households-covered");
  g_assert_nonnull (row);
  g_assert_cmpfloat (row->a, ==, covered[0]);
  g_assert_cmpfloat (row->b, ==, covered[1]);
  g_assert_cmpfloat (row->diff, ==, covered[1] - covered[0]);
  g_assert_cmpfloat_with_epsilon (row->percent, 100 * (covered[1] - covered[0]) / covered[0], 1e-9);
  g_assert_cmpint (row->judge, ==, covered[1] > covered[0] ? 1 : -1);

  row = linli_comparison_lookup (comparison, "households-uncovered");
  g_assert_cmpint (row->judge, ==, covered[1] > covered[0] ? 1 : -1);
  g_assert_cmpfloat (row->diff, ==, -(covered[1] - covered[0]));

  row = linli_comparison_lookup (comparison, "stations-planned");
  g_assert_cmpfloat (row->diff, ==, planned[1] - planned[0]);
  g_assert_cmpint (row->judge, ==, 0);
  row = linli_comparison_lookup (comparison, "stations-existing");
  g_assert_cmpfloat (row->diff, ==, existing[1] - existing[0]);
  if (existing[0] > 0)
    g_assert_cmpfloat_with_epsilon (row->percent, 100 * (existing[1] - existing[0]) / existing[0],
                                    1e-9);

  /* Every row is b − a of the two documents' own figures. */
  {
    g_autoptr (LinliFigures) fa = linli_figures_collect (document);
    g_autoptr (LinliFigures) fb = linli_figures_collect (other);

    g_assert_cmpuint (linli_comparison_get_n (comparison), ==, linli_figures_get_n (fa));
    for (guint i = 0; i < linli_comparison_get_n (comparison); i++)
      {
        const LinliComparisonRow *r = linli_comparison_get (comparison, i);
        double a = linli_figures_lookup (fa, r->figure->key)->value;
        double b = linli_figures_lookup (fb, r->figure->key)->value;

        if (isfinite (a) && isfinite (b))
          g_assert_cmpfloat (r->diff, ==, b - a);
        else
          g_assert_true (isnan (r->diff));
        if (isfinite (a) && isfinite (b) && a == 0)
          g_assert_true (isnan (r->percent));
      }
  }
}

/* Names are checked; duplicate, rename and delete are undoable; deleting
 * the active scenario goes back to the base in the same step. */
static void
test_list_edits (void)
{
  g_autoptr (LinliDocument) document = generated_document (7);
  LinliProject *project = linli_document_get_project (document);
  LinliHistory *history = linli_document_get_history (document);
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  g_autoptr (LinliDecisions) d = some_decisions (project, 4);
  g_autoptr (GPtrArray) base = linli_scenario_project_dup_sites (project);
  g_autoptr (GPtrArray) view = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *long_name = NULL;
  LinliScenario *s, *copy;

  s = linli_scenario_edits_create (history, "方案一", "说明", d, &error);
  g_assert_no_error (error);
  g_assert_null (linli_scenario_edits_create (history, "方案一", NULL, NULL, &error));
  g_assert_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME);
  g_clear_error (&error);
  g_assert_null (linli_scenario_edits_create (history, "  ", NULL, NULL, &error));
  g_assert_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME);
  g_clear_error (&error);
  g_assert_null (linli_scenario_edits_create (history, "base", NULL, NULL, &error));
  g_assert_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME);
  g_clear_error (&error);
  long_name = g_strnfill (LINLI_SCENARIO_MAX_NAME + 1, 'x');
  g_assert_null (linli_scenario_edits_create (history, long_name, NULL, NULL, &error));
  g_assert_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME);
  g_clear_error (&error);
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 1);

  linli_scenario_edits_switch (history, linli_scenario_get_id (s));
  view = linli_scenario_project_dup_sites (project);
  /* A duplicate of the active scenario has its decisions as they are now. */
  copy = linli_scenario_edits_duplicate (history, linli_scenario_get_id (s), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (linli_scenario_get_name (copy), ==, "方案一 (copy)");
  g_assert_cmpstr (linli_scenario_get_note (copy), ==, "说明");
  {
    g_autoptr (GPtrArray) copy_view = linli_scenario_project_dup_view (project,
                                                                       linli_scenario_get_id (copy));
    assert_states_equal (copy_view, view);
  }

  g_assert_false (linli_scenario_edits_rename (history, copy, "方案一", NULL, &error));
  g_assert_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME);
  g_clear_error (&error);
  g_assert_true (linli_scenario_edits_rename (history, copy, "方案二", "新说明", &error));
  g_assert_cmpstr (linli_scenario_get_name (copy), ==, "方案二");
  g_assert_true (linli_history_undo (history));
  g_assert_cmpstr (linli_scenario_get_name (copy), ==, "方案一 (copy)");
  g_assert_cmpstr (linli_scenario_get_note (copy), ==, "说明");
  g_assert_true (linli_history_redo (history));

  /* Deleting the active one. */
  linli_scenario_edits_delete (history, s);
  g_assert_null (linli_scenarios_get_active (scenarios));
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 1);
  assert_sites_are (project, base);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Delete Scenario");
  g_assert_true (linli_history_undo (history));
  g_assert_cmpuint (linli_scenarios_get_n (scenarios), ==, 2);
  g_assert_cmpstr (linli_scenario_get_name (linli_scenarios_get (scenarios, 0)), ==, "方案一");
  g_assert_nonnull (linli_scenarios_get_active (scenarios));
  assert_sites_are (project, view);
}

/* No more than the limit of scenarios. */
static void
test_too_many (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < LINLI_SCENARIOS_MAX; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%u", i);

      g_assert_nonnull (linli_scenario_edits_create (history, name, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_null (linli_scenario_edits_create (history, "one more", NULL, NULL, &error));
  g_assert_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_TOO_MANY);
}

/* A copy of the project has the scenarios, the active one and the base. */
static void
test_copy (void)
{
  g_autoptr (LinliDocument) document = generated_document (8);
  LinliProject *project = linli_document_get_project (document);
  LinliHistory *history = linli_document_get_history (document);
  g_autoptr (LinliDecisions) d = some_decisions (project, 5);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) copy = NULL;
  LinliScenario *s;

  s = linli_scenario_edits_create (history, "S", NULL, d, &error);
  g_assert_no_error (error);
  linli_scenario_edits_switch (history, linli_scenario_get_id (s));
  copy = linli_project_copy (project);
  g_assert_cmpstr (linli_scenarios_get_active (linli_project_get_scenarios (copy)), ==,
                   linli_scenario_get_id (s));
  assert_states_equal (linli_scenarios_get_base (linli_project_get_scenarios (copy)),
                       linli_scenarios_get_base (linli_project_get_scenarios (project)));
  {
    g_autoptr (GPtrArray) a = linli_scenario_project_dup_view (copy, NULL);
    g_autoptr (GPtrArray) b = linli_scenario_project_dup_view (project, NULL);
    assert_states_equal (a, b);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/decisions-round-trip", test_decisions_round_trip);
  g_test_add_func ("/scenario/switch", test_switch);
  g_test_add_func ("/scenario/edit-in-scenario", test_edit_in_scenario);
  g_test_add_func ("/scenario/build-project", test_build_project);
  g_test_add_func ("/scenario/compare", test_compare);
  g_test_add_func ("/scenario/list-edits", test_list_edits);
  g_test_add_func ("/scenario/too-many", test_too_many);
  g_test_add_func ("/scenario/copy", test_copy);
  return g_test_run ();
}
