/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-base-edits"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "linli-base-edits.h"
#include "linli-document.h"
#include "linli-format.h"
#include "linli-generator.h"
#include "linli-grid-edits.h"
#include "linli-grids.h"
#include "linli-org.h"
#include "linli-test-utils.h"

/* Auxiliary methods */

/* A small generated district with sites spread over it, so coverage has
 * something to count. */
static LinliProject *
district (guint32 seed,
          guint   n_buildings)
{
  LinliGeneratorOptions options;
  LinliProject *project;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  double min_lat, min_lon, max_lat, max_lon;

  linli_generator_options_init (&options);
  options.seed = seed;
  options.n_buildings = n_buildings;
  project = linli_generate_district (&options);
  g_assert_true (linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon));
  for (guint s = 0; s < 6; s++)
    {
      LinliSiteState st = { 0 };
      g_autofree char *id = g_strdup_printf ("test-site-%u", s + 1);
      g_autoptr (LinliSite) site = NULL;

      st.id = id;
      st.name = (char *) "站";
      st.lat = g_rand_double_range (rand, min_lat, max_lat);
      st.lon = g_rand_double_range (rand, min_lon, max_lon);
      st.cost = -1;
      site = linli_site_new (&st);
      linli_project_add_site (project, site);
    }
  return project;
}

static guint *
random_selection (GRand        *rand,
                  LinliProject *project,
                  guint        *n)
{
  guint n_buildings = linli_project_get_n_buildings (project);
  guint *sel = g_new (guint, n_buildings);
  guint k = 0;
  double share = g_rand_double_range (rand, 0.01, 0.3);

  for (guint i = 0; i < n_buildings; i++)
    if (g_rand_double (rand) < share)
      sel[k++] = i;
  if (k == 0)
    sel[k++] = g_rand_int_range (rand, 0, n_buildings);
  *n = k;
  return sel;
}

/* The document's coverage must be what a fresh computation over a copy of
 * the edited project finds. */
static void
assert_coverage_follows (LinliDocument *doc)
{
  LinliProject *project = linli_document_get_project (doc);
  g_autoptr (LinliProject) copy = linli_project_copy (project);
  g_autoptr (LinliCoverage) fresh = linli_coverage_compute (copy, NULL);

  linli_test_assert_coverage_equal (project, linli_document_get_coverage (doc), fresh);
  {
    const LinliBuilding *b = linli_project_get_buildings (project);
    guint n = 0;

    for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
      n += (b[i].flags & LINLI_BUILDING_ESTIMATED) != 0;
    g_assert_cmpuint (linli_document_get_n_estimated (doc), ==, n);
  }
}

/* Even-odd ray casting over every ring, written apart from the polygon's
 * own test so the two check each other. */
static gboolean
brute_contains (LinliPolygon *polygon,
                double        lat,
                double        lon)
{
  gboolean inside = FALSE;

  for (guint r = 0; r < linli_polygon_get_n_rings (polygon); r++)
    {
      guint n;
      const LinliLatLon *p = linli_polygon_get_ring (polygon, r, &n);

      for (guint i = 0, j = n - 1; i < n; j = i++)
        if ((p[i].lat > lat) != (p[j].lat > lat) &&
            lon < (p[j].lon - p[i].lon) * (lat - p[i].lat) / (p[j].lat - p[i].lat) + p[i].lon)
          inside = !inside;
    }
  return inside;
}

/* A random star-shaped polygon around a point, 5 to 12 corners. */
static LinliPolygon *
random_polygon (GRand  *rand,
                double  lat,
                double  lon,
                double  size)
{
  LinliLatLon pts[12];
  guint n = g_rand_int_range (rand, 5, 13);

  for (guint k = 0; k < n; k++)
    {
      double a = 2 * G_PI * k / n, r = size * g_rand_double_range (rand, 0.4, 1.0);

      pts[k].lat = lat + r * sin (a);
      pts[k].lon = lon + r * cos (a);
    }
  return linli_polygon_new_simple (pts, n);
}

static double
metres2 (const LinliBuilding *a,
         const LinliBuilding *b)
{
  double dy = (a->lat - b->lat) * 111320.0;
  double dx = (a->lon - b->lon) * 111320.0 * cos (a->lat * G_PI / 180);

  return dx * dx + dy * dy;
}

/* Tests */

/* A batch of random field edits over a random selection is one undo step
 * that restores the project exactly, and redo brings the edit back. */
static void
test_buildings_batch (void)
{
  guint cases = linli_test_cases (20);

  for (guint c = 0; c < cases; c++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (100 + c);
      g_autoptr (LinliProject) project = district (100 + c, 600);
      g_autoptr (LinliDocument) doc = linli_document_new (project, NULL);
      LinliHistory *history = linli_document_get_history (doc);
      g_autoptr (LinliProject) before = linli_project_copy (project);
      g_autoptr (LinliProject) after = NULL;
      g_autofree guint *sel = NULL;
      g_autofree gboolean *in_sel = g_new0 (gboolean, linli_project_get_n_buildings (project));
      LinliBuildingFields fields = g_rand_int_range (rand, 1, 64);
      LinliBuilding values = { 0 };
      guint n = 0;

      sel = random_selection (rand, project, &n);
      for (guint k = 0; k < n; k++)
        in_sel[sel[k]] = TRUE;
      values.name = "七号楼 <&\">";
      values.compound = g_rand_int_range (rand, 0, linli_project_get_n_compounds (project));
      values.households = g_rand_int_range (rand, 0, 400);
      values.residents = g_rand_int_range (rand, 0, 1000);
      values.party_members = g_rand_int_range (rand, 0, 50);
      values.flags = g_rand_boolean (rand) ? LINLI_BUILDING_ESTIMATED : 0;

      linli_base_edits_change_buildings (history, sel, n, fields, &values);
      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        {
          const LinliBuilding *b = linli_project_get_building (project, i);
          const LinliBuilding *o = linli_project_get_building (before, i);
          gboolean set = in_sel[i];

          g_assert_cmpstr (b->name, ==, set && (fields & LINLI_BUILDING_FIELD_NAME) ? values.name : o->name);
          g_assert_cmpuint (b->compound, ==, set && (fields & LINLI_BUILDING_FIELD_COMPOUND) ? values.compound
                                                                                               : o->compound);
          g_assert_cmpuint (b->households, ==, set && (fields & LINLI_BUILDING_FIELD_HOUSEHOLDS)
                                               ? values.households : o->households);
          g_assert_cmpuint (b->residents, ==, set && (fields & LINLI_BUILDING_FIELD_RESIDENTS)
                                              ? values.residents : o->residents);
          g_assert_cmpuint (b->party_members, ==, set && (fields & LINLI_BUILDING_FIELD_PARTY_MEMBERS)
                                                  ? values.party_members : o->party_members);
          g_assert_cmpuint (b->flags, ==, set && (fields & LINLI_BUILDING_FIELD_ESTIMATED)
                                          ? values.flags : o->flags);
        }
      assert_coverage_follows (doc);
      after = linli_project_copy (project);

      if (linli_history_get_can_undo (history))
        {
          g_assert_true (linli_document_get_modified (doc));
          g_assert_true (linli_history_undo (history));
          /* One step: nothing is left to undo. */
          g_assert_false (linli_history_get_can_undo (history));
          linli_test_assert_projects_equal (project, before, 0, 0);
          assert_coverage_follows (doc);
          g_assert_false (linli_document_get_modified (doc));
          g_assert_true (linli_history_redo (history));
          linli_test_assert_projects_equal (project, after, 0, 0);
          assert_coverage_follows (doc);
        }
      else
        {
          linli_test_assert_projects_equal (project, before, 0, 0);
        }
    }
}

/* Edits that change nothing record nothing. */
static void
test_buildings_no_change (void)
{
  g_autoptr (LinliProject) project = district (7, 200);
  g_autoptr (LinliHistory) history = linli_history_new (project);
  LinliBuilding values = *linli_project_get_building (project, 3);
  guint sel[] = { 3 };

  g_assert_false (linli_base_edits_change_buildings (history, sel, 1, LINLI_BUILDING_FIELD_HOUSEHOLDS |
                                                     LINLI_BUILDING_FIELD_NAME, &values));
  g_assert_false (linli_history_get_can_undo (history));
}

/* Communities and compounds: create, rename, move, delete; each undoes to
 * exactly the project before, and deleting keeps the buildings and
 * boundaries of later compounds where they were. */
static void
test_entries (void)
{
  g_autoptr (LinliProject) project = district (11, 800);
  g_autoptr (LinliDocument) doc = linli_document_new (project, NULL);
  LinliHistory *history = linli_document_get_history (doc);
  LinliGrids *grids = linli_project_get_grids (project);
  g_autoptr (LinliProject) start = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) branch_compounds = g_ptr_array_new ();
  GListModel *branches = linli_org_get_branches (linli_project_get_org (project));
  guint n_communities = linli_project_get_n_communities (project);
  guint n_compounds = linli_project_get_n_compounds (project);
  guint community, compound, middle;
  g_autoptr (LinliPolygon) square = linli_polygon_new_rectangle (31.0, 121.0, 31.001, 121.001);
  g_autoptr (LinliProject) before_delete = NULL;
  g_autofree guint *compound_of = NULL;

  /* The compound to empty and delete later: no branch may serve it. */
  middle = linli_project_get_building (project, 200)->compound;
  for (guint k = g_list_model_get_n_items (branches); k > 0; k--)
    {
      g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, k - 1);

      if (linli_branch_get_kind (branch) == LINLI_BRANCH_COMPOUND && linli_branch_get_compound (branch) == middle)
        linli_org_remove_branch (linli_project_get_org (project), branch);
    }
  for (guint k = 0; k < g_list_model_get_n_items (branches); k++)
    {
      g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, k);

      g_ptr_array_add (branch_compounds, linli_branch_get_kind (branch) == LINLI_BRANCH_COMPOUND
                       ? linli_project_get_compound (project, linli_branch_get_compound (branch))->id : NULL);
    }
  start = linli_project_copy (project);

  community = linli_base_edits_add_community (history, "新社区");
  g_assert_cmpuint (community, ==, n_communities);
  g_assert_cmpstr (linli_project_get_community (project, community)->name, ==, "新社区");
  g_assert_cmpint (linli_project_find_community (project, linli_project_get_community (project, community)->id),
                   ==, (int) community);
  linli_base_edits_rename_community (history, community, "更名社区");
  g_assert_cmpstr (linli_project_get_community (project, community)->name, ==, "更名社区");
  compound = linli_base_edits_add_compound (history, "新小区", community);
  g_assert_cmpuint (compound, ==, n_compounds);
  g_assert_cmpuint (linli_project_get_compound (project, compound)->community, ==, community);

  /* Not empty: refused, nothing recorded. */
  g_assert_false (linli_base_edits_remove_community (history, community, &error));
  g_assert_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  {
    guint sel[] = { 0, 5, 9 };

    g_assert_true (linli_base_edits_assign_compound (history, sel, 3, compound));
    g_assert_cmpuint (linli_project_building_community (project, 5), ==, community);
    assert_coverage_follows (doc);
    g_assert_false (linli_base_edits_remove_compound (history, compound, &error));
    g_assert_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_NOT_EMPTY);
    g_clear_error (&error);
  }

  /* Empty a compound in the middle, give a later one a boundary, delete it. */
  {
    g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
      if (linli_project_get_building (project, i)->compound == middle)
        g_array_append_val (members, i);
    linli_base_edits_assign_compound (history, (guint *) members->data, members->len, compound);
  }
  linli_base_edits_set_boundary (history, TRUE, middle + 1, square);
  before_delete = linli_project_copy (project);
  compound_of = g_new (guint, linli_project_get_n_buildings (project));
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    compound_of[i] = linli_project_get_building (project, i)->compound;
  linli_base_edits_remove_compound (history, middle, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_project_get_n_compounds (project), ==, n_compounds);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    g_assert_cmpstr (linli_project_get_compound (project, linli_project_get_building (project, i)->compound)->id,
                     ==, linli_project_get_compound (before_delete, compound_of[i])->id);
  g_assert_true (linli_polygon_equal (linli_grids_get_compound_boundary (grids, middle), square));
  g_assert_null (linli_grids_get_compound_boundary (grids, middle + 1));
  /* Branches still serve the compounds they served. */
  for (guint k = 0; k < g_list_model_get_n_items (branches); k++)
    {
      g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, k);

      if (linli_branch_get_kind (branch) == LINLI_BRANCH_COMPOUND)
        g_assert_cmpstr (linli_project_get_compound (project, linli_branch_get_compound (branch))->id, ==,
                         g_ptr_array_index (branch_compounds, k));
    }
  assert_coverage_follows (doc);
  g_assert_true (linli_history_undo (history));
  linli_test_assert_projects_equal (project, before_delete, 0, 0);
  g_assert_null (linli_grids_get_compound_boundary (grids, middle));
  g_assert_true (linli_polygon_equal (linli_grids_get_compound_boundary (grids, middle + 1), square));
  g_assert_true (linli_history_redo (history));

  /* Undo everything: back to the start exactly. */
  while (linli_history_undo (history))
    ;
  linli_test_assert_projects_equal (project, start, 0, 0);
  g_assert_null (linli_grids_get_compound_boundary (grids, middle + 1));
  assert_coverage_follows (doc);
  g_assert_false (linli_document_get_modified (doc));
}

/* An empty new community deletes and undoes; one with grids after it is
 * refused. */
static void
test_remove_community (void)
{
  g_autoptr (LinliProject) project = district (12, 300);
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) start = linli_project_copy (project);
  guint c = linli_base_edits_add_community (history, "空社区");

  g_assert_true (linli_base_edits_remove_community (history, c, &error));
  g_assert_no_error (error);
  linli_test_assert_projects_equal (project, start, 0, 0);
  g_assert_true (linli_history_undo (history));
  g_assert_cmpuint (linli_project_get_n_communities (project), ==, c + 1);
  g_assert_true (linli_history_undo (history));
  linli_test_assert_projects_equal (project, start, 0, 0);

  /* A grid in it: the grids refer to communities by index, so refused. */
  c = linli_base_edits_add_community (history, "空社区");
  {
    const LinliBuilding *b = linli_project_get_building (project, 0);
    LinliLatLon square[] = { { b->lat, b->lon }, { b->lat + 0.001, b->lon }, { b->lat + 0.001, b->lon + 0.001 },
                             { b->lat, b->lon + 0.001 } };

    g_assert_nonnull (linli_grid_edits_add (history, c, square, 4, &error));
    g_assert_no_error (error);
  }
  g_assert_false (linli_base_edits_remove_community (history, c, &error));
  g_assert_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_REFERENCED);
}

/* Save after a mix of edits, load again: the same project. */
static void
test_round_trip (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  g_autoptr (LinliProject) project = district (5, 500);
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (LinliProject) loaded = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree guint *sel = NULL;
  LinliBuilding values = { 0 };
  guint n = 0, community, compound;

  linli_base_edits_set_district_name (history, "示范街道 & <区>");
  community = linli_base_edits_add_community (history, "新社区 \"甲\"");
  compound = linli_base_edits_add_compound (history, "新小区", community);
  linli_base_edits_add_compound (history, "空小区", community);
  linli_base_edits_add_community (history, "空社区");
  sel = random_selection (rand, project, &n);
  values.households = 77;
  values.flags = LINLI_BUILDING_ESTIMATED;
  values.name = "新名";
  linli_base_edits_change_buildings (history, sel, n, LINLI_BUILDING_FIELD_HOUSEHOLDS | LINLI_BUILDING_FIELD_ESTIMATED
                                     | LINLI_BUILDING_FIELD_NAME, &values);
  linli_base_edits_assign_compound (history, sel, MIN (n, 5), compound);
  linli_base_edits_change_compound (history, 0, "改名小区", community);

  bytes = linli_format_save_bytes (project);
  loaded = linli_format_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "edited", &error);
  g_assert_no_error (error);
  linli_test_assert_projects_equal (project, loaded, 1e-7, 1e-9);
  g_assert_cmpstr (linli_project_get_name (loaded), ==, "示范街道 & <区>");

  /* And undoing the name is one step. */
  while (linli_history_undo (history))
    ;
  g_assert_cmpstr (linli_project_get_name (project), !=, "示范街道 & <区>");
}

/* Assignment by boundary against brute force: random boundaries, each
 * building inside one goes to the first whose even-odd test holds. */
static void
test_assign_by_boundary (void)
{
  guint cases = linli_test_cases (8);
  guint total_moved[2] = { 0, 0 };

  for (guint c = 0; c < cases; c++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (300 + c);
      g_autoptr (LinliProject) project = district (300 + c, 700);
      g_autoptr (LinliDocument) doc = linli_document_new (project, NULL);
      LinliHistory *history = linli_document_get_history (doc);
      LinliGrids *grids = linli_project_get_grids (project);
      g_autoptr (LinliProject) before = linli_project_copy (project);
      guint n_buildings = linli_project_get_n_buildings (project);
      guint n_compounds = linli_project_get_n_compounds (project);
      g_autofree guint *expect = g_new (guint, n_buildings);
      double min_lat, min_lon, max_lat, max_lon;
      guint moved, expect_moved = 0;
      gboolean by_compound = c % 2 == 0;
      guint n_targets = by_compound ? n_compounds : linli_project_get_n_communities (project);

      linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon);
      /* Boundaries for a few entries, anywhere in the district. */
      for (guint k = 0; k < 4; k++)
        {
          guint target = g_rand_int_range (rand, 0, n_targets);
          g_autoptr (LinliPolygon) p = random_polygon (rand, g_rand_double_range (rand, min_lat, max_lat),
                                                       g_rand_double_range (rand, min_lon, max_lon),
                                                       (max_lat - min_lat) / 4);

          if (by_compound)
            linli_grids_set_compound_boundary (grids, target, p);
          else
            linli_grids_set_community_boundary (grids, target, p);
        }
      for (guint i = 0; i < n_buildings; i++)
        {
          const LinliBuilding *b = linli_project_get_building (project, i);

          expect[i] = by_compound ? b->compound : linli_project_building_community (project, i);
          for (guint t = 0; t < n_targets; t++)
            {
              LinliPolygon *p = by_compound ? linli_grids_get_compound_boundary (grids, t)
                                            : linli_grids_get_community_boundary (grids, t);

              if (p != NULL && brute_contains (p, b->lat, b->lon))
                {
                  expect_moved += expect[i] != t;
                  expect[i] = t;
                  break;
                }
            }
        }
      moved = linli_base_edits_assign_by_boundary (history, by_compound, NULL, 0);
      g_assert_cmpuint (moved, ==, expect_moved);
      total_moved[by_compound] += moved;
      for (guint i = 0; i < n_buildings; i++)
        g_assert_cmpuint (by_compound ? linli_project_get_building (project, i)->compound
                                      : linli_project_building_community (project, i), ==, expect[i]);
      assert_coverage_follows (doc);
      if (moved > 0)
        {
          g_assert_true (linli_history_undo (history));
          g_assert_false (linli_history_get_can_undo (history));
          linli_test_assert_projects_equal (project, before, 0, 0);
        }
    }
  /* The cases must have moved something both ways to prove anything. */
  g_assert_cmpuint (total_moved[0], >, 0);
  g_assert_cmpuint (total_moved[1], >, 0);
}

/* Nearest compound against brute force over all other buildings. */
static void
test_assign_nearest (void)
{
  guint cases = linli_test_cases (8);

  for (guint c = 0; c < cases; c++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (400 + c);
      g_autoptr (LinliProject) project = district (400 + c, 600);
      g_autoptr (LinliHistory) history = linli_history_new (project);
      g_autoptr (LinliProject) before = linli_project_copy (project);
      guint n_buildings = linli_project_get_n_buildings (project);
      g_autofree guint *sel = NULL;
      g_autofree gboolean *in_sel = g_new0 (gboolean, n_buildings);
      guint n = 0;

      sel = random_selection (rand, project, &n);
      for (guint k = 0; k < n; k++)
        in_sel[sel[k]] = TRUE;
      linli_base_edits_assign_nearest (history, sel, n);
      for (guint k = 0; k < n; k++)
        {
          const LinliBuilding *b = linli_project_get_building (before, sel[k]);
          double best = INFINITY, second = INFINITY;
          guint best_compound = b->compound, second_compound = b->compound;
          guint got = linli_project_get_building (project, sel[k])->compound;

          for (guint i = 0; i < n_buildings; i++)
            {
              const LinliBuilding *o = linli_project_get_building (before, i);
              double d = metres2 (b, o);

              if (in_sel[i])
                continue;
              if (d < best)
                {
                  second = best;
                  second_compound = best_compound;
                  best = d;
                  best_compound = o->compound;
                }
              else if (d < second)
                {
                  second = d;
                  second_compound = o->compound;
                }
            }
          /* This measure and the project's projection differ a little:
           * near ties may go either way. */
          if (second - best < 1e-3 * best + 1e-6)
            g_assert_true (got == best_compound || got == second_compound);
          else
            g_assert_cmpuint (got, ==, best_compound);
        }
      for (guint i = 0; i < n_buildings; i++)
        if (!in_sel[i])
          g_assert_cmpuint (linli_project_get_building (project, i)->compound, ==,
                            linli_project_get_building (before, i)->compound);
    }
}

/* Marking buildings' party members unknown stores 0 and the flag; typing
 * a count afterwards makes it known again; undo brings back each
 * building's own state.  Checked building by building against a copy. */
static void
test_members_unknown (void)
{
  g_autoptr (LinliProject) project = district (17, 300);
  g_autoptr (LinliProject) before = NULL;
  g_autoptr (LinliHistory) history = linli_history_new (project);
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);
  g_autofree guint *sel = NULL;
  g_autofree gboolean *in_sel = NULL;
  guint n_buildings = linli_project_get_n_buildings (project);
  LinliBuilding values = { 0 };
  guint n = 0;

  /* Some buildings start unknown, some estimated, so the edit must keep
   * the flags it does not touch. */
  for (guint i = 0; i < n_buildings; i += 7)
    linli_project_set_building_flags (project, i, LINLI_BUILDING_ESTIMATED);
  before = linli_project_copy (project);
  sel = random_selection (rand, project, &n);
  in_sel = g_new0 (gboolean, n_buildings);
  for (guint k = 0; k < n; k++)
    in_sel[sel[k]] = TRUE;

  values.flags = LINLI_BUILDING_MEMBERS_UNKNOWN;
  g_assert_true (linli_base_edits_change_buildings (history, sel, n,
                                                    LINLI_BUILDING_FIELD_MEMBERS_UNKNOWN, &values));
  for (guint i = 0; i < n_buildings; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      const LinliBuilding *o = linli_project_get_building (before, i);

      if (in_sel[i])
        {
          g_assert_true (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
          g_assert_cmpuint (b->party_members, ==, 0);
        }
      else
        {
          g_assert_cmpuint (b->flags, ==, o->flags);
          g_assert_cmpuint (b->party_members, ==, o->party_members);
        }
      g_assert_cmpuint (b->flags & LINLI_BUILDING_ESTIMATED, ==,
                        o->flags & LINLI_BUILDING_ESTIMATED);
      g_assert_cmpuint (b->households, ==, o->households);
    }

  /* A count typed for the first of them makes it known. */
  values.flags = 0;
  values.party_members = 3;
  g_assert_true (linli_base_edits_change_buildings (history, sel, 1,
                                                    LINLI_BUILDING_FIELD_PARTY_MEMBERS, &values));
  g_assert_false (linli_project_get_building (project, sel[0])->flags &
                  LINLI_BUILDING_MEMBERS_UNKNOWN);
  g_assert_cmpuint (linli_project_get_building (project, sel[0])->party_members, ==, 3);

  /* Clearing the flag alone keeps the stored count. */
  if (n > 1)
    {
      g_assert_true (linli_base_edits_change_buildings (history, sel + 1, 1,
                                                        LINLI_BUILDING_FIELD_MEMBERS_UNKNOWN, &values));
      g_assert_false (linli_project_get_building (project, sel[1])->flags &
                      LINLI_BUILDING_MEMBERS_UNKNOWN);
    }

  while (linli_history_undo (history))
    ;
  for (guint i = 0; i < n_buildings; i++)
    {
      g_assert_cmpuint (linli_project_get_building (project, i)->flags, ==,
                        linli_project_get_building (before, i)->flags);
      g_assert_cmpuint (linli_project_get_building (project, i)->party_members, ==,
                        linli_project_get_building (before, i)->party_members);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/base-edits/buildings-batch", test_buildings_batch);
  g_test_add_func ("/base-edits/buildings-no-change", test_buildings_no_change);
  g_test_add_func ("/base-edits/entries", test_entries);
  g_test_add_func ("/base-edits/remove-community", test_remove_community);
  g_test_add_func ("/base-edits/round-trip", test_round_trip);
  g_test_add_func ("/base-edits/assign-by-boundary", test_assign_by_boundary);
  g_test_add_func ("/base-edits/assign-nearest", test_assign_nearest);
  g_test_add_func ("/base-edits/members-unknown", test_members_unknown);

  return g_test_run ();
}
