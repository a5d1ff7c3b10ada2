/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "linli-coverage.h"
#include "linli-plan-project.h"
#include "linli-streets.h"
#include "linli-walk.h"
#include "linli-test-utils.h"

#define LAT0 31.30
#define LON0 120.15

/* A jittered street grid with gaps, some diagonals and a detached piece,
 * around (LAT0, LON0); about nx × ny nodes, spacing about 80 m. */
static LinliStreets *
random_streets (GRand *rand,
                guint  nx,
                guint  ny)
{
  LinliStreets *streets = linli_streets_new ();
  LinliProjection proj;
  g_autofree guint32 *id = g_new (guint32, nx * ny);
  guint32 run[64];

  linli_projection_init (&proj, LAT0, LON0);
  for (guint j = 0; j < ny; j++)
    for (guint i = 0; i < nx; i++)
      {
        double lat, lon;

        linli_projection_inverse (&proj, i * 80.0 + g_rand_double_range (rand, -15, 15),
                                  j * 80.0 + g_rand_double_range (rand, -15, 15), &lat, &lon);
        id[j * nx + i] = linli_streets_add_node (streets, lat, lon);
      }

  /* Rows and columns as ways, broken where a random gap falls. */
  for (guint dir = 0; dir < 2; dir++)
    for (guint line = 0; line < (dir == 0 ? ny : nx); line++)
      {
        guint n = 0, len = dir == 0 ? nx : ny;

        for (guint k = 0; k < len; k++)
          {
            guint32 node = dir == 0 ? id[line * nx + k] : id[k * nx + line];

            if (n > 0 && (g_rand_int_range (rand, 0, 6) == 0 || n == G_N_ELEMENTS (run)))
              {
                if (n >= 2)
                  linli_streets_add_way (streets, g_rand_int_range (rand, 0, LINLI_STREET_N_KINDS), run, n);
                n = 0;
              }
            run[n++] = node;
          }
        if (n >= 2)
          linli_streets_add_way (streets, LINLI_STREET_RESIDENTIAL, run, n);
      }
  for (guint k = 0; k < nx * ny / 8; k++)
    {
      guint i = g_rand_int_range (rand, 0, nx - 1), j = g_rand_int_range (rand, 0, ny - 1);
      guint32 pair[2] = { id[j * nx + i], id[(j + 1) * nx + i + 1] };

      linli_streets_add_way (streets, LINLI_STREET_FOOTWAY, pair, 2);
    }
  /* A piece no one can walk to from the grid. */
  {
    double lat, lon;
    guint32 pair[2];

    linli_projection_inverse (&proj, -400, -400, &lat, &lon);
    pair[0] = linli_streets_add_node (streets, lat, lon);
    linli_projection_inverse (&proj, -400, -300, &lat, &lon);
    pair[1] = linli_streets_add_node (streets, lat, lon);
    linli_streets_add_way (streets, LINLI_STREET_PATH, pair, 2);
  }
  return streets;
}

static LinliProject *
random_project (guint32 seed,
                guint   nx,
                guint   ny,
                guint   n_buildings,
                guint   n_sites)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  LinliProject *project = linli_project_new ();
  LinliProjection proj;
  guint k;

  linli_projection_init (&proj, LAT0, LON0);
  linli_project_add_community (project, "c1", "一社区");
  k = linli_project_add_compound (project, "k1", "一小区", 0);
  for (guint i = 0; i < n_buildings; i++)
    {
      g_autofree char *bid = g_strdup_printf ("b%u", i);
      LinliBuilding b = { 0 };

      b.id = bid;
      b.compound = k;
      linli_projection_inverse (&proj, g_rand_double_range (rand, -450, nx * 80.0 + 100),
                                g_rand_double_range (rand, -450, ny * 80.0 + 100), &b.lat, &b.lon);
      b.households = g_rand_int_range (rand, 1, 200);
      b.residents = b.households * 2;
      linli_project_add_building (project, &b, NULL, 0);
    }
  for (guint s = 0; s < n_sites; s++)
    {
      LinliSiteState st = { 0 };
      g_autoptr (LinliSite) site = NULL;
      g_autofree char *sid = g_strdup_printf ("s%u", s);

      st.id = sid;
      st.tier = LINLI_SITE_TIER_STATION;
      st.status = g_rand_int_range (rand, 0, 4) == 0 ? LINLI_SITE_STATUS_CANDIDATE : LINLI_SITE_STATUS_EXISTING;
      st.cost = -1;
      linli_projection_inverse (&proj, g_rand_double_range (rand, -100, nx * 80.0),
                                g_rand_double_range (rand, -100, ny * 80.0), &st.lat, &st.lon);
      site = linli_site_new (&st);
      linli_project_add_site (project, site);
    }
  linli_project_set_streets (project, random_streets (rand, nx, ny));
  return project;
}

/* ---- The reference: brute-force snapping and an array Dijkstra ---- */

typedef struct
{
  guint   n_nodes;
  guint   n_edges;
  guint  *ea;
  guint  *eb;
  double *len;
  const double *xy;
} RefGraph;

static void
ref_graph_init (RefGraph  *g,
                LinliWalk *walk)
{
  g->n_nodes = linli_walk_get_n_nodes (walk);
  g->n_edges = linli_walk_get_n_edges (walk);
  g->ea = g_new (guint, g->n_edges);
  g->eb = g_new (guint, g->n_edges);
  g->len = g_new (double, g->n_edges);
  g->xy = linli_walk_get_node_xy (walk);
  for (guint e = 0; e < g->n_edges; e++)
    {
      linli_walk_get_edge (walk, e, &g->ea[e], &g->eb[e], &g->len[e]);
      /* The edge is as long as the straight segment. */
      g_assert_cmpfloat_with_epsilon (g->len[e], hypot (g->xy[2 * g->eb[e]] - g->xy[2 * g->ea[e]],
                                                        g->xy[2 * g->eb[e] + 1] - g->xy[2 * g->ea[e] + 1]), 1e-9);
    }
}

static void
ref_graph_clear (RefGraph *g)
{
  g_free (g->ea);
  g_free (g->eb);
  g_free (g->len);
}

static gboolean
ref_snap (const RefGraph *g,
          double          x,
          double          y,
          LinliWalkSnap  *snap)
{
  snap->edge = G_MAXUINT;
  snap->offset = INFINITY;
  for (guint e = 0; e < g->n_edges; e++)
    {
      double seg[4] = { g->xy[2 * g->ea[e]], g->xy[2 * g->ea[e] + 1], g->xy[2 * g->eb[e]], g->xy[2 * g->eb[e] + 1] };
      LinliSegmentHit h;

      linli_segment_nearest_point (seg, x, y, &h);
      if (h.distance < snap->offset)
        {
          snap->edge = e;
          snap->t = h.t;
          snap->offset = h.distance;
        }
    }
  return snap->offset <= LINLI_WALK_MAX_SNAP;
}

/* Plain O(n²) Dijkstra from one snapped place. */
static double *
ref_dijkstra (const RefGraph      *g,
              const LinliWalkSnap *from)
{
  double *d = g_new (double, g->n_nodes);
  g_autofree gboolean *done = g_new0 (gboolean, g->n_nodes);

  for (guint i = 0; i < g->n_nodes; i++)
    d[i] = INFINITY;
  if (from->edge == G_MAXUINT)
    return d;
  d[g->ea[from->edge]] = MIN (d[g->ea[from->edge]], from->offset + from->t * g->len[from->edge]);
  d[g->eb[from->edge]] = MIN (d[g->eb[from->edge]], from->offset + (1 - from->t) * g->len[from->edge]);
  for (;;)
    {
      guint u = G_MAXUINT;

      for (guint i = 0; i < g->n_nodes; i++)
        if (!done[i] && isfinite (d[i]) && (u == G_MAXUINT || d[i] < d[u]))
          u = i;
      if (u == G_MAXUINT)
        break;
      done[u] = TRUE;
      for (guint e = 0; e < g->n_edges; e++)
        {
          guint v = g->ea[e] == u ? g->eb[e] : g->eb[e] == u ? g->ea[e] : G_MAXUINT;

          if (v != G_MAXUINT && d[u] + g->len[e] < d[v])
            d[v] = d[u] + g->len[e];
        }
    }
  return d;
}

static double
ref_building (const RefGraph      *g,
              const double        *d,
              const LinliWalkSnap *from,
              const LinliWalkSnap *b)
{
  double best;

  if (b->edge == G_MAXUINT || from->edge == G_MAXUINT)
    return INFINITY;
  best = MIN (d[g->ea[b->edge]] + b->t * g->len[b->edge], d[g->eb[b->edge]] + (1 - b->t) * g->len[b->edge]);
  if (b->edge == from->edge)
    best = MIN (best, from->offset + fabs (b->t - from->t) * g->len[b->edge]);
  return best + b->offset;
}

static void
site_xy (LinliProject *project,
         guint         s,
         double       *x,
         double       *y)
{
  LinliSite *site = linli_project_get_site (project, s);

  linli_projection_forward (linli_project_get_projection (project), linli_site_get_lat (site),
                            linli_site_get_lon (site), x, y);
}

static void
building_xy (LinliProject *project,
             guint         i,
             double       *x,
             double       *y)
{
  const LinliBuilding *b = linli_project_get_building (project, i);

  linli_projection_forward (linli_project_get_projection (project), b->lat, b->lon, x, y);
}

static void
record_cb (guint    index,
           double   distance,
           gpointer data)
{
  double *got = data;

  g_assert_cmpfloat (got[index], ==, -1);   /* once each */
  got[index] = distance;
}

/* ---- Tests ---- */

static void
test_segment_index (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 20; round++)
    {
      guint n = g_rand_int_range (rand, 1, 300);
      g_autofree double *seg = g_new (double, 4 * n);
      g_autoptr (LinliSegmentIndex) index = NULL;

      for (guint i = 0; i < n; i++)
        {
          double x = g_rand_double_range (rand, 0, 3000), y = g_rand_double_range (rand, 0, 3000);

          seg[4 * i] = x;
          seg[4 * i + 1] = y;
          seg[4 * i + 2] = x + g_rand_double_range (rand, -400, 400);
          seg[4 * i + 3] = y + g_rand_double_range (rand, -400, 400);
          if (g_rand_int_range (rand, 0, 10) == 0)
            seg[4 * i + 2] = seg[4 * i], seg[4 * i + 3] = seg[4 * i + 1];   /* a point */
        }
      index = linli_segment_index_new (seg, n, g_rand_double_range (rand, 10, 500));
      for (guint q = 0; q < 100; q++)
        {
          double x = g_rand_double_range (rand, -1000, 4000), y = g_rand_double_range (rand, -1000, 4000);
          double limit = g_rand_double_range (rand, 1, 2000);
          LinliSegmentHit hit, ref = { G_MAXUINT, 0, INFINITY };
          gboolean found = linli_segment_index_nearest (index, x, y, limit, &hit);

          for (guint i = 0; i < n; i++)
            {
              LinliSegmentHit h;

              linli_segment_nearest_point (&seg[4 * i], x, y, &h);
              if (h.distance < ref.distance)
                {
                  ref = h;
                  ref.segment = i;
                }
            }
          g_assert_cmpint (found, ==, ref.distance <= limit);
          if (found)
            {
              g_assert_cmpfloat_with_epsilon (hit.distance, ref.distance, 1e-9);
              g_assert_cmpuint (hit.segment, ==, ref.segment);
            }
        }
    }
}

static void
test_join (void)
{
  LinliProjection proj;
  g_autoptr (LinliStreets) s = linli_streets_new ();
  double lat, lon;
  guint32 w1[3], w2[2], w3[2], w4[2];
  guint joins;

  linli_projection_init (&proj, LAT0, LON0);
#define NODE(x, y) (linli_projection_inverse (&proj, x, y, &lat, &lon), linli_streets_add_node (s, lat, lon))
  /* A street west–east; a lane from the north stops 1.5 m short of it. */
  w1[0] = NODE (0, 0); w1[1] = NODE (100, 0); w1[2] = NODE (200, 0);
  linli_streets_add_way (s, LINLI_STREET_RESIDENTIAL, w1, 3);
  w2[0] = NODE (150, 80); w2[1] = NODE (150, 1.5);
  linli_streets_add_way (s, LINLI_STREET_FOOTWAY, w2, 2);
  /* A second piece starts 0.4 m from the street's east end (a tile cut). */
  w3[0] = NODE (200.4, 0); w3[1] = NODE (300, 0);
  linli_streets_add_way (s, LINLI_STREET_RESIDENTIAL, w3, 2);
  /* A bridge crossing the street without a node stays apart, and so does a
   * lane ending 30 m away. */
  w4[0] = NODE (50, -50); w4[1] = NODE (50, 50);
  linli_streets_add_way (s, LINLI_STREET_PRIMARY, w4, 2);
#undef NODE
  {
    guint32 far[2];

    linli_projection_inverse (&proj, 120, -30, &lat, &lon);
    far[0] = linli_streets_add_node (s, lat, lon);
    linli_projection_inverse (&proj, 120, -200, &lat, &lon);
    far[1] = linli_streets_add_node (s, lat, lon);
    linli_streets_add_way (s, LINLI_STREET_PATH, far, 2);
  }

  joins = linli_streets_join (s, &proj, 2.0);
  g_assert_cmpuint (joins, ==, 2);   /* one merge, one loose end */

  {
    g_autoptr (LinliProject) p = linli_project_new ();
    g_autoptr (LinliWalk) walk = NULL;
    LinliBuilding b = { .id = "b", .lat = LAT0, .lon = LON0 };
    double x0, y0;

    linli_project_add_community (p, "c", NULL);
    linli_project_add_compound (p, "k", NULL, 0);
    linli_project_add_building (p, &b, NULL, 0);
    walk = linli_walk_new (s, &proj, linli_project_get_buildings (p), 1);
    linli_projection_forward (&proj, LAT0, LON0, &x0, &y0);
    /* From the lane's top down its 78.5 m, across the 1.5 m gap, then west 150 m. */
    g_assert_cmpfloat_with_epsilon (linli_walk_distance (walk, 150, 80, 0, 0), 78.5 + 1.5 + 150, 1e-6);
    /* Across the merged cut. */
    g_assert_cmpfloat_with_epsilon (linli_walk_distance (walk, 0, 0, 300, 0), 300, 0.5);
    /* The bridge is not connected: from its top, walk is impossible. */
    g_assert_cmpfloat (linli_walk_distance (walk, 50, 50, 0, 0), ==, INFINITY);
    g_assert_cmpfloat (linli_walk_distance (walk, 120, -200, 0, 0), ==, INFINITY);
  }
}

static void
test_query_against_reference (void)
{
  for (guint32 seed = 1; seed <= 6; seed++)
    {
      g_autoptr (LinliProject) project = random_project (seed, 9 + seed, 7 + seed, 150, 8);
      g_autoptr (LinliWalk) walk = linli_walk_new_for_project (project);
      const LinliWalkSnap *snaps = linli_walk_get_building_snaps (walk);
      guint n = linli_project_get_n_buildings (project);
      RefGraph g;

      g_assert_nonnull (walk);
      ref_graph_init (&g, walk);

      /* Snapping. */
      for (guint i = 0; i < n; i++)
        {
          LinliWalkSnap r;
          double x, y;

          building_xy (project, i, &x, &y);
          ref_snap (&g, x, y, &r);
          g_assert_cmpfloat_with_epsilon (snaps[i].offset, r.offset, 1e-9);
        }

      for (guint s = 0; s < linli_project_get_n_sites (project); s++)
        {
          double sx, sy, limit = 150 + 120 * s;
          LinliWalkSnap from;
          g_autofree double *d = NULL;
          g_autofree double *got = g_new (double, n);

          site_xy (project, s, &sx, &sy);
          ref_snap (&g, sx, sy, &from);
          d = ref_dijkstra (&g, &from);
          for (guint i = 0; i < n; i++)
            got[i] = -1;
          linli_walk_query (walk, sx, sy, limit, record_cb, got);
          for (guint i = 0; i < n; i++)
            {
              double want = ref_building (&g, d, &from, &snaps[i]);
              double bx, by;

              if (fabs (want - limit) < 1e-6)
                continue;
              if (want <= limit)
                g_assert_cmpfloat_with_epsilon (got[i], want, 1e-6);
              else
                g_assert_cmpfloat (got[i], ==, -1);
              /* Never shorter than the straight line. */
              building_xy (project, i, &bx, &by);
              if (got[i] >= 0)
                g_assert_cmpfloat (got[i], >=, hypot (bx - sx, by - sy) - 1e-6);
            }
          /* Point to point agrees with the search. */
          for (guint i = 0; i < n; i += 17)
            {
              double bx, by, want = ref_building (&g, d, &from, &snaps[i]);

              building_xy (project, i, &bx, &by);
              if (isfinite (want))
                g_assert_cmpfloat_with_epsilon (linli_walk_distance (walk, sx, sy, bx, by), want, 1e-6);
            }
          /* One to many, with and without a limit, agrees with the reference. */
          for (guint pass = 0; pass < 2; pass++)
            {
              double cap = pass == 0 ? INFINITY : limit;

              linli_walk_distances_from (walk, sx, sy, snaps, n, cap, got);
              for (guint i = 0; i < n; i++)
                {
                  double want = ref_building (&g, d, &from, &snaps[i]);

                  if (fabs (want - limit) < 1e-6)
                    continue;
                  if (isfinite (want) && want <= cap)
                    g_assert_cmpfloat_with_epsilon (got[i], want, 1e-6);
                  else
                    g_assert_true (isinf (got[i]));
                }
            }
        }
      ref_graph_clear (&g);
    }
}

static void
assert_nearest_matches_reference (LinliWalkNearest *nearest,
                                  const RefGraph   *g,
                                  const double     *sx,
                                  const double     *sy,
                                  const gboolean   *active,
                                  guint             n_sources)
{
  const double *nd = linli_walk_nearest_get_node_distances (nearest);
  g_autofree double *best_node = g_new (double, g->n_nodes);

  for (guint i = 0; i < g->n_nodes; i++)
    best_node[i] = INFINITY;
  for (guint s = 0; s < n_sources; s++)
    {
      LinliWalkSnap from;
      g_autofree double *d = NULL;

      if (!active[s])
        continue;
      ref_snap (g, sx[s], sy[s], &from);
      d = ref_dijkstra (g, &from);
      for (guint i = 0; i < g->n_nodes; i++)
        best_node[i] = MIN (best_node[i], d[i]);
    }
  for (guint i = 0; i < g->n_nodes; i++)
    {
      if (isinf (best_node[i]))
        g_assert_cmpfloat (nd[i], ==, INFINITY);
      else
        g_assert_cmpfloat_with_epsilon (nd[i], best_node[i], 1e-6);
    }
}

static void
test_nearest_incremental (void)
{
  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed * 31);
      g_autoptr (LinliProject) project = random_project (seed, 12, 10, 200, 0);
      g_autoptr (LinliWalk) walk = linli_walk_new_for_project (project);
      g_autoptr (LinliWalkNearest) nearest = linli_walk_nearest_new (walk);
      guint n = linli_project_get_n_buildings (project);
      double sx[12], sy[12];
      gboolean active[12] = { FALSE };
      guint n_sources = 0;
      RefGraph g;

      ref_graph_init (&g, walk);
      for (guint step = 0; step < 40; step++)
        {
          guint op = g_rand_int_range (rand, 0, 3);
          double x = g_rand_double_range (rand, -100, 1000), y = g_rand_double_range (rand, -100, 800);

          if (op == 0 && n_sources < G_N_ELEMENTS (sx))
            {
              guint id = linli_walk_nearest_add_source (nearest, x, y);

              g_assert_cmpuint (id, ==, n_sources);
              sx[id] = x, sy[id] = y, active[id] = TRUE;
              n_sources++;
            }
          else if (op == 1 && n_sources > 0)
            {
              guint id = g_rand_int_range (rand, 0, n_sources);

              linli_walk_nearest_move_source (nearest, id, x, y);
              sx[id] = x, sy[id] = y, active[id] = TRUE;
            }
          else if (n_sources > 0)
            {
              guint id = g_rand_int_range (rand, 0, n_sources);

              linli_walk_nearest_remove_source (nearest, id);
              active[id] = FALSE;
            }
          g_test_message ("step %u op %u", step, op);
          assert_nearest_matches_reference (nearest, &g, sx, sy, active, n_sources);

          /* Buildings: the nearest of the per-source walks. */
          {
            g_autofree double *all = g_new (double, n);

            linli_walk_nearest_buildings (nearest, all);
            for (guint i = 0; i < n; i += 3)
              {
                double want = INFINITY, bx, by;
                guint src;

                building_xy (project, i, &bx, &by);
                for (guint s = 0; s < n_sources; s++)
                  if (active[s])
                    want = MIN (want, linli_walk_distance (walk, sx[s], sy[s], bx, by));
                if (isinf (want))
                  g_assert_cmpfloat (all[i], ==, INFINITY);
                else
                  {
                    g_assert_cmpfloat_with_epsilon (all[i], want, 1e-6);
                    g_assert_cmpfloat_with_epsilon (linli_walk_nearest_building (nearest, i, &src), want, 1e-6);
                    g_assert_true (src < n_sources && active[src]);
                    g_assert_cmpfloat_with_epsilon (linli_walk_distance (walk, sx[src], sy[src], bx, by), want, 1e-6);
                  }
              }
          }
        }
      ref_graph_clear (&g);
    }
}

static void
test_coverage_by_street (void)
{
  for (guint32 seed = 1; seed <= 5; seed++)
    {
      g_autoptr (LinliProject) project = random_project (seed, 14, 12, 600, 6);
      g_autoptr (LinliWalk) walk = linli_walk_new_for_project (project);
      g_autoptr (LinliCoverage) line = NULL;
      g_autoptr (LinliCoverage) street = NULL;
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      guint n = linli_project_get_n_buildings (project);

      linli_project_set_walk_minutes (project, 3 + seed);
      line = linli_coverage_compute (project, NULL);
      g_assert_cmpint (linli_coverage_get_distance (line), ==, LINLI_DISTANCE_LINE);
      linli_project_set_distance (project, LINLI_DISTANCE_STREET);
      street = linli_coverage_compute (project, walk);
      g_assert_cmpint (linli_coverage_get_distance (street), ==, LINLI_DISTANCE_STREET);

      /* By street never more than by circle, building by building. */
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (linli_coverage_get_cover_count (street, i), <=,
                          linli_coverage_get_cover_count (line, i));
      g_assert_cmpuint (linli_coverage_get_district (street)->households_covered, <=,
                        linli_coverage_get_district (line)->households_covered);
      /* And the walk really is what decides. */
      for (guint s = 0; s < linli_project_get_n_sites (project); s++)
        {
          double sx, sy;
          guint64 want = 0;

          site_xy (project, s, &sx, &sy);
          for (guint i = 0; i < n; i++)
            {
              double bx, by;

              building_xy (project, i, &bx, &by);
              if (linli_walk_distance (walk, sx, sy, bx, by) <=
                  linli_project_get_coverage_radius (project))
                want += linli_project_get_building (project, i)->households;
            }
          g_assert_cmpuint (linli_coverage_site_households (street, s), ==, want);
        }

      /* Incremental updates by street equal a fresh count. */
      for (guint step = 0; step < 12; step++)
        {
          LinliSite *site = linli_project_get_site (project, g_rand_int_range (rand, 0, linli_project_get_n_sites (project)));
          g_autoptr (LinliCoverage) fresh = NULL;

          linli_site_set_position (site, linli_site_get_lat (site) + g_rand_double_range (rand, -0.002, 0.002),
                                   linli_site_get_lon (site) + g_rand_double_range (rand, -0.002, 0.002));
          g_assert_true (linli_coverage_update (street, project, walk));
          fresh = linli_coverage_compute (project, walk);
          linli_test_assert_coverage_equal (project, street, fresh);
        }

      /* Switching back to the line recomputes by circle. */
      linli_project_set_distance (project, LINLI_DISTANCE_LINE);
      g_assert_false (linli_coverage_update (street, project, walk));
      g_assert_cmpint (linli_coverage_get_distance (street), ==, LINLI_DISTANCE_LINE);
      {
        g_autoptr (LinliCoverage) fresh = linli_coverage_compute_brute_force (project);

        linli_test_assert_coverage_equal (project, street, fresh);
      }
    }
}

static void
test_no_streets_falls_back (void)
{
  g_autoptr (LinliProject) project = random_project (3, 5, 5, 50, 3);
  g_autoptr (LinliCoverage) cov = NULL;
  g_autoptr (LinliCoverage) ref = NULL;

  linli_project_set_streets (project, linli_streets_new ());
  linli_project_set_distance (project, LINLI_DISTANCE_STREET);
  g_assert_null (linli_walk_new_for_project (project));
  cov = linli_coverage_compute (project, NULL);
  g_assert_cmpint (linli_coverage_get_distance (cov), ==, LINLI_DISTANCE_LINE);
  ref = linli_coverage_compute_brute_force (project);
  linli_test_assert_coverage_equal (project, cov, ref);
}

/* Plans by street: the instance's arcs are the walks along streets, and a
 * maximal covering plan covers no more than by straight line. */
static void
test_plan_by_street (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autoptr (LinliProject) project = random_project (seed, 10, 8, 200, 12);
      g_autoptr (LinliPlanInstance) by_line = NULL;
      g_autoptr (LinliPlanInstance) by_street = NULL;
      g_autoptr (LinliPlanResult) line_result = NULL;
      g_autoptr (LinliPlanResult) street_result = NULL;
      double radius = linli_project_get_coverage_radius (project) / 2, max_distance = 1.5 * radius;
      LinliPlanOptions opts;
      g_autoptr (LinliWalk) walk = linli_walk_new_for_project (project);
      guint n = linli_project_get_n_buildings (project);

      by_line = linli_plan_instance_new_from_project (project, NULL, max_distance);
      linli_project_set_distance (project, LINLI_DISTANCE_STREET);
      by_street = linli_plan_instance_new_from_project (project, walk, max_distance);

      for (guint i = 0; i < n; i++)
        {
          const guint32 *cand;
          const float *dist;
          guint n_arcs = linli_plan_instance_get_arcs (by_street, i, &cand, &dist);
          guint expected = 0;
          double bx, by;

          building_xy (project, i, &bx, &by);
          for (guint s = 0; s < linli_project_get_n_sites (project); s++)
            {
              double sx, sy, d;

              site_xy (project, s, &sx, &sy);
              d = linli_walk_distance (walk, sx, sy, bx, by);
              if (fabs (d - max_distance) < 1e-3)
                continue;
              if (d <= max_distance)
                {
                  gboolean found = FALSE;

                  expected++;
                  for (guint k = 0; k < n_arcs; k++)
                    if (cand[k] == s)
                      {
                        g_assert_cmpfloat_with_epsilon (dist[k], d, 1e-2);
                        found = TRUE;
                      }
                  g_assert_true (found);
                }
            }
          g_assert_cmpuint (n_arcs, >=, expected);
          g_assert_cmpuint (n_arcs, <=, expected + 1);
        }

      linli_plan_options_init (&opts);
      opts.problem = LINLI_PLAN_MCLP;
      opts.k = 3;
      opts.radius = radius;
      line_result = linli_plan_solve (by_line, &opts, NULL, NULL, NULL, NULL);
      street_result = linli_plan_solve (by_street, &opts, NULL, NULL, NULL, NULL);
      g_assert_nonnull (line_result);
      g_assert_nonnull (street_result);
      g_assert_true (line_result->proven_optimal && street_result->proven_optimal);
      g_assert_cmpfloat (street_result->covered_weight, <=, line_result->covered_weight + 1e-9);
    }
}

/* Each tier's own reach along streets: every building against every site
 * by the reference Dijkstra, after the coverage followed tier changes,
 * tier reaches and moves. */
static void
assert_tiers_match_reference (LinliProject        *project,
                              const LinliCoverage *cov,
                              const RefGraph      *g,
                              const LinliWalkSnap *snaps)
{
  guint n = linli_project_get_n_buildings (project), n_s = linli_project_get_n_sites (project);
  g_autofree guint *count = g_new0 (guint, n);

  for (guint s = 0; s < n_s; s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      double sx, sy, reach = 0;
      LinliWalkSnap from;
      g_autofree double *d = NULL;
      guint64 hh = 0;
      LinliReach r;

      /* The reach worked out here: presets in metres, minutes at the speed. */
      linli_project_get_tier_reach (project, linli_site_get_tier (site), &r);
      switch (r.rule)
        {
        case LINLI_REACH_GB_5: reach = 300; break;
        case LINLI_REACH_GB_10: reach = 500; break;
        case LINLI_REACH_GB_15: reach = 1000; break;
        case LINLI_REACH_WALK: reach = r.minutes * linli_project_get_walk_speed (project) / 60 * 1000; break;
        case LINLI_REACH_PROJECT:
        case LINLI_N_REACH_RULES:
        default:
          reach = linli_project_get_walk_minutes (project) * linli_project_get_walk_speed (project) / 60 * 1000;
        }
      site_xy (project, s, &sx, &sy);
      ref_snap (g, sx, sy, &from);
      d = ref_dijkstra (g, &from);
      for (guint i = 0; i < n; i++)
        {
          double want = ref_building (g, d, &from, &snaps[i]);

          /* Ties at the reach are rounding's to decide. */
          g_assert_cmpfloat (fabs (want - reach), >, 1e-6);
          if (want <= reach)
            {
              hh += linli_project_get_building (project, i)->households;
              count[i] += linli_site_counts_for_coverage (site);
            }
        }
      g_assert_cmpuint (linli_coverage_site_households (cov, s), ==, hh);
    }
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (linli_coverage_get_cover_count (cov, i), ==, count[i]);
}

static void
test_tier_reach_by_street (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autoptr (LinliProject) project = random_project (40 + seed, 12, 10, 300, 8);
      g_autoptr (LinliWalk) walk = linli_walk_new_for_project (project);
      g_autoptr (LinliCoverage) cov = NULL;
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      RefGraph g;

      ref_graph_init (&g, walk);
      linli_project_set_distance (project, LINLI_DISTANCE_STREET);
      for (guint s = 0; s < linli_project_get_n_sites (project); s++)
        linli_site_set_tier (linli_project_get_site (project, s), s % LINLI_SITE_N_TIERS);
      cov = linli_coverage_compute (project, walk);
      g_assert_cmpint (linli_coverage_get_distance (cov), ==, LINLI_DISTANCE_STREET);
      assert_tiers_match_reference (project, cov, &g, linli_walk_get_building_snaps (walk));

      for (guint step = 0; step < 10; step++)
        {
          LinliSite *site = linli_project_get_site (project, g_rand_int_range (rand, 0, linli_project_get_n_sites (project)));
          LinliReach reach = { g_rand_int_range (rand, 0, LINLI_N_REACH_RULES), 0 };

          if (reach.rule == LINLI_REACH_WALK)
            reach.minutes = g_rand_int_range (rand, 2, 12);
          switch (step % 3)
            {
            case 0:
              linli_project_set_tier_reach (project, g_rand_int_range (rand, 0, LINLI_SITE_N_TIERS), &reach);
              break;
            case 1:
              linli_site_set_tier (site, g_rand_int_range (rand, 0, LINLI_SITE_N_TIERS));
              break;
            default:
              linli_site_set_position (site, linli_site_get_lat (site) + g_rand_double_range (rand, -0.002, 0.002),
                                       linli_site_get_lon (site) + g_rand_double_range (rand, -0.002, 0.002));
            }
          g_assert_true (linli_coverage_update (cov, project, walk));
          assert_tiers_match_reference (project, cov, &g, linli_walk_get_building_snaps (walk));
        }
      ref_graph_clear (&g);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/walk/segment-index", test_segment_index);
  g_test_add_func ("/walk/join", test_join);
  g_test_add_func ("/walk/query-against-reference", test_query_against_reference);
  g_test_add_func ("/walk/nearest-incremental", test_nearest_incremental);
  g_test_add_func ("/walk/coverage-by-street", test_coverage_by_street);
  g_test_add_func ("/walk/no-streets-falls-back", test_no_streets_falls_back);
  g_test_add_func ("/walk/plan-by-street", test_plan_by_street);
  g_test_add_func ("/walk/tier-reach-by-street", test_tier_reach_by_street);
  return g_test_run ();
}
