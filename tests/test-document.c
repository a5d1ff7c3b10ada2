/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The document: follows every edit of its project with coverage, walks and
 * the walking graph equal to a fresh computation, and keeps file and
 * modified state honest. */
#include "config.h"

#include <glib/gstdio.h>

#include "linli-document.h"
#include "linli-project-edits.h"
#include "linli-format.h"
#include "linli-generator.h"
#include "linli-test-utils.h"

static LinliProject *
generated (guint32 seed,
           guint   n_buildings)
{
  LinliGeneratorOptions opts;

  linli_generator_options_init (&opts);
  opts.seed = seed;
  opts.n_buildings = n_buildings;
  return linli_generate_district (&opts);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static LinliSite *
some_counting_site (LinliProject *project,
                    GRand        *rand)
{
  LinliSite *site;

  do
    site = linli_project_get_site (project, g_rand_int_range (rand, 0, linli_project_get_n_sites (project)));
  while (!linli_site_counts_for_coverage (site));
  return site;
}

/* Walks from every node to the nearest counting site, searched afresh. */
static double *
fresh_node_distances (LinliProject *project,
                      LinliWalk    *walk)
{
  g_autoptr (LinliWalkNearest) nearest = linli_walk_nearest_new (walk);
  guint n = linli_walk_get_n_nodes (walk);
  double *out = g_new (double, MAX (n, 1));

  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      double x, y;

      if (!linli_site_counts_for_coverage (site))
        continue;
      linli_projection_forward (linli_project_get_projection (project), linli_site_get_lat (site),
                                linli_site_get_lon (site), &x, &y);
      linli_walk_nearest_add_source (nearest, x, y);
    }
  memcpy (out, linli_walk_nearest_get_node_distances (nearest), n * sizeof (double));
  return out;
}

static void
test_follows_edits (void)
{
  g_autoptr (LinliProject) project = generated (11, 1500);
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  LinliDocument *document = linli_document_new (project, NULL);
  guint signals = 0;

  g_signal_connect_swapped (document, "coverage-changed", G_CALLBACK (count_cb), &signals);
  g_assert_true (linli_document_get_project (document) == project);
  g_assert_true (linli_history_get_project (linli_document_get_history (document)) == project);
  g_assert_false (linli_document_get_modified (document));

  for (guint step = 0; step < 40; step++)
    {
      LinliSite *site = some_counting_site (project, rand);
      g_autoptr (LinliCoverage) fresh = NULL;
      guint before = signals;

      linli_site_set_position (site, linli_site_get_lat (site) + g_rand_double_range (rand, -0.003, 0.003),
                               linli_site_get_lon (site) + g_rand_double_range (rand, -0.003, 0.003));
      g_assert_cmpuint (signals, ==, before + 1);
      fresh = linli_coverage_compute_brute_force (project);
      linli_test_assert_coverage_equal (project, linli_document_get_coverage (document), fresh);
    }

  /* A rule change recomputes. */
  linli_project_set_walk_minutes (project, 7);
  {
    g_autoptr (LinliCoverage) fresh = linli_coverage_compute_brute_force (project);

    g_assert_cmpfloat (linli_coverage_get_radius (linli_document_get_coverage (document)), ==,
                       linli_project_get_coverage_radius (project));
    linli_test_assert_coverage_equal (project, linli_document_get_coverage (document), fresh);
  }
  g_assert_null (linli_document_get_line_coverage (document));
  g_assert_finalize_object (document);
}

static void
test_street_rule_and_walks (void)
{
  g_autoptr (LinliProject) project = generated (5, 1200);
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  g_autoptr (LinliDocument) document = NULL;
  LinliWalk *walk;

  g_assert_true (linli_project_has_streets (project));
  document = linli_document_new (project, NULL);
  walk = linli_document_get_walk (document);
  g_assert_nonnull (walk);
  g_assert_true (linli_document_get_walk (document) == walk);   /* kept while the streets stay */

  linli_project_edits_set_distance (linli_document_get_history (document), LINLI_DISTANCE_STREET);
  g_assert_cmpint (linli_coverage_get_distance (linli_document_get_coverage (document)), ==, LINLI_DISTANCE_STREET);
  g_assert_nonnull (linli_document_get_line_coverage (document));
  g_assert_true (linli_document_get_walk (document) == walk);

  for (guint step = 0; step < 10; step++)
    {
      LinliSite *site = some_counting_site (project, rand);
      g_autoptr (LinliCoverage) by_street = NULL;
      g_autoptr (LinliCoverage) by_line = NULL;
      g_autofree double *want = NULL;
      const double *shown;

      linli_site_set_position (site, linli_site_get_lat (site) + g_rand_double_range (rand, -0.002, 0.002),
                               linli_site_get_lon (site) + g_rand_double_range (rand, -0.002, 0.002));
      by_street = linli_coverage_compute_by (project, LINLI_DISTANCE_STREET, walk);
      by_line = linli_coverage_compute_brute_force (project);
      linli_test_assert_coverage_equal (project, linli_document_get_coverage (document), by_street);
      linli_test_assert_coverage_equal (project, linli_document_get_line_coverage (document), by_line);
      shown = linli_document_get_node_distances (document);
      want = fresh_node_distances (project, walk);
      for (guint i = 0; i < linli_walk_get_n_nodes (walk); i++)
        g_assert_cmpfloat_with_epsilon (shown[i], want[i], 1e-6);
    }

  /* Other streets: a new graph, and coverage along it. */
  {
    g_autoptr (LinliProject) other = generated (6, 1200);
    LinliWalk *new_walk;
    g_autoptr (LinliCoverage) fresh = NULL;

    linli_project_set_streets (project, linli_streets_copy (linli_project_get_streets (other)));
    new_walk = linli_document_get_walk (document);
    g_assert_nonnull (new_walk);
    g_assert_cmpuint (linli_walk_get_n_nodes (new_walk), ==,
                      linli_streets_get_n_nodes (linli_project_get_streets (other)));
    fresh = linli_coverage_compute_by (project, LINLI_DISTANCE_STREET, new_walk);
    linli_test_assert_coverage_equal (project, linli_document_get_coverage (document), fresh);
  }

  /* No streets: no graph, the rule falls back to the line. */
  linli_project_set_streets (project, linli_streets_new ());
  g_assert_null (linli_document_get_walk (document));
  g_assert_null (linli_document_get_node_distances (document));
  g_assert_cmpint (linli_coverage_get_distance (linli_document_get_coverage (document)), ==, LINLI_DISTANCE_LINE);
}

static void
test_modified_and_save (void)
{
  g_autoptr (LinliProject) project = generated (2, 300);
  g_autofree char *dir = g_dir_make_tmp ("linli-document-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.linli", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  LinliDocument *document = linli_document_new (project, NULL);
  LinliDocument *reopened;
  guint notifies = 0;
  LinliSite *site = linli_project_get_site (project, 0);
  g_autoptr (LinliSiteState) state = linli_site_dup_state (site);

  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (count_cb), &notifies);
  g_assert_null (linli_document_get_file (document));
  g_assert_false (linli_document_get_modified (document));

  /* An import is modified until saved, even with nothing to undo. */
  linli_document_mark_unsaved (document);
  g_assert_true (linli_document_get_modified (document));
  g_assert_cmpuint (notifies, ==, 1);
  linli_document_mark_unsaved (document);
  g_assert_cmpuint (notifies, ==, 1);

  g_assert_true (linli_document_save (document, file, &error));
  g_assert_no_error (error);
  g_assert_false (linli_document_get_modified (document));
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_true (g_file_equal (linli_document_get_file (document), file));

  /* An edit, then its undo, are modified and back. */
  state->name = (g_free (state->name), g_strdup ("改名的站点"));
  linli_project_edits_change_site (linli_document_get_history (document), "Rename", site, state);
  g_assert_true (linli_document_get_modified (document));
  g_assert_cmpuint (notifies, ==, 3);
  g_assert_true (linli_history_undo (linli_document_get_history (document)));
  g_assert_false (linli_document_get_modified (document));
  g_assert_cmpuint (notifies, ==, 4);

  /* What was saved reopens as the same project. */
  reopened = linli_document_new_for_path (path, &error);
  g_assert_no_error (error);
  linli_test_assert_projects_equal (project, linli_document_get_project (reopened), 1e-9, 1e-9);
  linli_test_assert_coverage_equal (project, linli_document_get_coverage (document),
                                    linli_document_get_coverage (reopened));
  g_assert_false (linli_document_get_modified (reopened));
  g_assert_finalize_object (reopened);

  /* A file that cannot be written leaves the document as it was. */
  {
    g_autofree char *bad = g_build_filename (dir, "no-such-dir", "x.linli", NULL);
    g_autoptr (GFile) bad_file = g_file_new_for_path (bad);

    linli_project_edits_change_site (linli_document_get_history (document), "Rename", site, state);
    g_assert_false (linli_document_save (document, bad_file, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (linli_document_get_modified (document));
    g_assert_true (g_file_equal (linli_document_get_file (document), file));
  }

  /* A damaged file makes no document. */
  {
    g_autofree char *bad = g_build_filename (dir, "bad.linli", NULL);

    g_assert_true (g_file_set_contents (bad, "<linli version=\"1\"><settings", -1, NULL));
    g_assert_null (linli_document_new_for_path (bad, &error));
    g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_MALFORMED);
    g_clear_error (&error);
    g_unlink (bad);
  }

  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (document);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/document/follows-edits", test_follows_edits);
  g_test_add_func ("/document/street-rule-and-walks", test_street_rule_and_walks);
  g_test_add_func ("/document/modified-and-save", test_modified_and_save);
  return g_test_run ();
}
