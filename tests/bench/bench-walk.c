/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Walking distances at district scale (issue 6): a generated district of
 * 300,000 buildings, a jittered street grid of about 100,000 nodes over it
 * and 200 sites.  Prints medians; run by hand, never by `meson test`:
 *
 *   build/tests/bench/bench-walk [--buildings N] [--nodes N] [--sites N] [--runs N]
 */
#include <math.h>

#include <glib/gstdio.h>

#include "linli-coverage.h"
#include "linli-format.h"
#include "linli-generator.h"
#include "linli-stats.h"
#include "linli-walk.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
add_sample (GArray *samples,
            double  ms)
{
  g_array_append_val (samples, ms);
}

/* A grid of side × side jittered nodes over the buildings' bounds, rows and
 * columns as ways broken every 20 nodes (so ways meet at shared nodes). */
static LinliStreets *
street_grid (LinliProject *project,
             guint         n_nodes,
             GRand        *rng)
{
  LinliStreets *streets = linli_streets_new ();
  guint side = (guint) ceil (sqrt (n_nodes));
  double min_lat, min_lon, max_lat, max_lon;
  g_autofree guint32 *id = g_new (guint32, side * side);
  guint32 run[21];

  linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon);
  for (guint j = 0; j < side; j++)
    for (guint i = 0; i < side; i++)
      {
        double fy = (j + g_rand_double_range (rng, -0.2, 0.2)) / (side - 1);
        double fx = (i + g_rand_double_range (rng, -0.2, 0.2)) / (side - 1);

        id[j * side + i] = linli_streets_add_node (streets,
                                                   CLAMP (min_lat + fy * (max_lat - min_lat), -90, 90),
                                                   CLAMP (min_lon + fx * (max_lon - min_lon), -180, 180));
      }
  for (guint dir = 0; dir < 2; dir++)
    for (guint line = 0; line < side; line++)
      for (guint start = 0; start + 1 < side; start += 20)
        {
          guint n = 0;

          for (guint k = start; k < MIN (side, start + 21); k++)
            run[n++] = dir == 0 ? id[line * side + k] : id[k * side + line];
          linli_streets_add_way (streets, dir == 0 ? LINLI_STREET_RESIDENTIAL : LINLI_STREET_SERVICE, run, n);
        }
  return streets;
}

int
main (int   argc,
      char *argv[])
{
  int buildings = 300000, nodes = 100000, sites = 200, runs = 7;
  GOptionEntry entries[] = {
    { "buildings", 0, 0, G_OPTION_ARG_INT, &buildings, "Buildings to generate", "N" },
    { "nodes", 0, 0, G_OPTION_ARG_INT, &nodes, "Street nodes", "N" },
    { "sites", 0, 0, G_OPTION_ARG_INT, &sites, "Sites", "N" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs per figure", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— time walking distances");
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rng = g_rand_new_with_seed (1);
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliWalkNearest) nearest = NULL;
  g_autoptr (LinliCoverage) coverage = NULL;
  g_autofree double *dist = NULL;
  g_autofree char *tmpdir = NULL, *tmpfile = NULL;
  LinliGeneratorOptions opts;
  g_autoptr (LinliWalk) walk = NULL;
  const LinliProjection *proj;
  const char *names[] = { "generate", "open_with_streets", "graph_build", "graph_and_snap", "all_sites_nearest",
                          "move_one_site", "coverage_street_full", "coverage_street_update" };
  const char *notes[] = { "generator, for scale", "parse the .linli with its streets, once",
                          "streets to graph, no buildings",
                          "graph plus snapping every building",
                          "multi-source walk to the nearest site, every node and building",
                          "one site moved ~100 m: incremental nearest + every building's walk",
                          "buildings within the walk of every site, from scratch",
                          "one site moved ~100 m, coverage by street updated" };
  GArray *samples[G_N_ELEMENTS (names)];
  double t0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || buildings < 1 || nodes < 4 || sites < 1 || runs < 1)
    {
      g_printerr ("bench-walk: %s\n", error ? error->message : "bad arguments");
      return 2;
    }
  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    samples[f] = g_array_new (FALSE, FALSE, sizeof (double));

  linli_generator_options_init (&opts);
  opts.n_buildings = buildings;
  opts.streets = FALSE;
  t0 = now_ms ();
  project = linli_generate_district (&opts);
  add_sample (samples[0], now_ms () - t0);
  proj = linli_project_get_projection (project);

  /* 200 existing sites at random buildings, instead of the generator's. */
  while (linli_project_get_n_sites (project) > 0)
    linli_project_remove_site (project, linli_project_get_site (project, 0));
  for (int s = 0; s < sites; s++)
    {
      const LinliBuilding *b = linli_project_get_building (project, g_rand_int_range (rng, 0, linli_project_get_n_buildings (project)));
      g_autofree char *sid = g_strdup_printf ("s%d", s);
      LinliSiteState st = { 0 };
      g_autoptr (LinliSite) site = NULL;

      st.id = sid;
      st.tier = LINLI_SITE_TIER_STATION;
      st.status = LINLI_SITE_STATUS_EXISTING;
      st.lat = b->lat + 0.0002;
      st.lon = b->lon;
      st.cost = -1;
      site = linli_site_new (&st);
      linli_project_add_site (project, site);
    }
  linli_project_set_streets (project, street_grid (project, nodes, rng));
  linli_project_set_distance (project, LINLI_DISTANCE_STREET);

  /* Opening a file with its streets. */
  tmpdir = g_dir_make_tmp ("linli-bench-XXXXXX", &error);
  g_assert_no_error (error);
  tmpfile = g_build_filename (tmpdir, "walk.linli", NULL);
  if (!linli_format_save_file (project, tmpfile, &error))
    g_error ("%s", error->message);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr (LinliProject) p = NULL;

      t0 = now_ms ();
      p = linli_format_load_file (tmpfile, &error);
      add_sample (samples[1], now_ms () - t0);
      g_assert_nonnull (p);
    }
  g_unlink (tmpfile);
  g_rmdir (tmpdir);

  for (int r = 0; r < runs; r++)
    {
      LinliWalk *w;

      t0 = now_ms ();
      w = linli_walk_new (linli_project_get_streets (project), proj, NULL, 0);
      add_sample (samples[2], now_ms () - t0);
      linli_walk_free (w);
      t0 = now_ms ();
      w = linli_walk_new (linli_project_get_streets (project), proj, linli_project_get_buildings (project),
                          linli_project_get_n_buildings (project));
      add_sample (samples[3], now_ms () - t0);
      linli_walk_free (w);
    }
  walk = linli_walk_new_for_project (project);

  nearest = linli_walk_nearest_new (walk);
  dist = g_new (double, linli_project_get_n_buildings (project));
  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      double x, y;

      linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
      linli_walk_nearest_add_source (nearest, x, y);
    }
  for (int r = 0; r < runs; r++)
    {
      t0 = now_ms ();
      linli_walk_nearest_recompute (nearest);
      linli_walk_nearest_buildings (nearest, dist);
      add_sample (samples[4], now_ms () - t0);
    }
  {
    double sum = 0, within = 0;
    guint n = linli_project_get_n_buildings (project), reached = 0;

    for (guint i = 0; i < n; i++)
      if (isfinite (dist[i]))
        {
          sum += dist[i];
          reached++;
          within += dist[i] <= linli_project_get_coverage_radius (project);
        }
    g_print ("# %u buildings, %u street nodes, %u edges, %u sites; mean walk to the nearest site %.0f m; "
             "%.1f %% of buildings within %.0f m\n",
             n, linli_walk_get_n_nodes (walk), linli_walk_get_n_edges (walk), linli_project_get_n_sites (project),
             sum / MAX (reached, 1), 100.0 * within / MAX (n, 1), linli_project_get_coverage_radius (project));
  }

  for (int r = 0; r < runs * 10; r++)
    {
      guint s = g_rand_int_range (rng, 0, linli_project_get_n_sites (project));
      LinliSite *site = linli_project_get_site (project, s);
      double x, y;

      linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
      x += g_rand_double_range (rng, -100, 100);
      y += g_rand_double_range (rng, -100, 100);
      t0 = now_ms ();
      linli_walk_nearest_move_source (nearest, s, x, y);
      linli_walk_nearest_buildings (nearest, dist);
      add_sample (samples[5], now_ms () - t0);
    }

  for (int r = 0; r < runs; r++)
    {
      t0 = now_ms ();
      g_clear_pointer (&coverage, linli_coverage_free);
      coverage = linli_coverage_compute (project, walk);
      add_sample (samples[6], now_ms () - t0);
    }
  for (int r = 0; r < runs * 10; r++)
    {
      LinliSite *site = linli_project_get_site (project, g_rand_int_range (rng, 0, linli_project_get_n_sites (project)));
      double x, y, lat, lon;

      linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
      linli_projection_inverse (proj, x + g_rand_double_range (rng, -100, 100), y + g_rand_double_range (rng, -100, 100),
                                &lat, &lon);
      linli_site_set_position (site, lat, lon);
      t0 = now_ms ();
      linli_coverage_update (coverage, project, walk);
      add_sample (samples[7], now_ms () - t0);
    }
  g_print ("# households covered along streets: %.1f %%\n",
           100.0 * linli_coverage_totals_share (linli_coverage_get_district (coverage)->households_covered,
                                                linli_coverage_get_district (coverage)->households));

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_print ("%-24s median_ms=%8.2f runs=%u  # %s\n", names[f], linli_stats_median (samples[f]),
               samples[f]->len, notes[f]);
      g_array_unref (samples[f]);
    }
  g_print ("rss_mib                  %.1f\n", linli_stats_resident_mib ());
  return 0;
}
