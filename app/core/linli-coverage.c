/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-coverage"

#include "linli-coverage.h"

#include "linli-spatial.h"

struct _LinliCoverage
{
  double               radius;
  guint                n_buildings;
  guint               *cover_count;       /* per building: counting sites in reach */
  LinliCoverageTotals  district;
  LinliCoverageTotals *communities;
  guint                n_communities;
  GArray              *uncovered;         /* building indices, most households first */
  guint               *site_households;   /* per site, households in its circle */
};

/* Auxiliary methods */

static LinliCoverage *
coverage_new (LinliProject *project)
{
  LinliCoverage *cov = g_new0 (LinliCoverage, 1);

  cov->radius = linli_project_get_coverage_radius (project);
  cov->n_buildings = linli_project_get_n_buildings (project);
  cov->cover_count = g_new0 (guint, MAX (cov->n_buildings, 1));
  cov->n_communities = linli_project_get_n_communities (project);
  cov->communities = g_new0 (LinliCoverageTotals, MAX (cov->n_communities, 1));
  cov->uncovered = g_array_new (FALSE, FALSE, sizeof (guint));
  cov->site_households = g_new0 (guint, MAX (linli_project_get_n_sites (project), 1));
  return cov;
}

typedef struct
{
  const LinliBuilding *buildings;
  const guint         *cover_count;
} SortData;

static int
compare_uncovered (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const LinliBuilding *buildings = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;

  if (buildings[ia].households != buildings[ib].households)
    return buildings[ia].households > buildings[ib].households ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static void
coverage_sum (LinliCoverage *cov,
              LinliProject  *project)
{
  const LinliBuilding *buildings = linli_project_get_buildings (project);

  for (guint i = 0; i < cov->n_buildings; i++)
    {
      const LinliBuilding *b = &buildings[i];
      LinliCoverageTotals *c = &cov->communities[linli_project_building_community (project, i)];
      LinliCoverageTotals *totals[2] = { &cov->district, c };

      for (guint t = 0; t < 2; t++)
        {
          totals[t]->buildings++;
          totals[t]->households += b->households;
          totals[t]->residents += b->residents;
          if (cov->cover_count[i] > 0)
            {
              totals[t]->buildings_covered++;
              totals[t]->households_covered += b->households;
              totals[t]->residents_covered += b->residents;
            }
        }
      if (cov->cover_count[i] == 0)
        g_array_append_val (cov->uncovered, i);
    }
  g_array_sort_with_data (cov->uncovered, compare_uncovered, (gpointer) buildings);
}

typedef struct
{
  LinliCoverage       *cov;
  const LinliBuilding *buildings;
  guint                site;
  gboolean             counts;
} QueryData;

static void
mark_cb (guint    index,
         double   distance,
         gpointer user_data)
{
  QueryData *q = user_data;

  q->cov->site_households[q->site] += q->buildings[index].households;
  if (q->counts)
    q->cov->cover_count[index]++;
}

/* Public API */

/**
 * linli_coverage_compute:
 * @project: the project
 *
 * Works out which buildings lie within the coverage radius of an existing
 * or planned site, by straight-line distance in the project's local metric
 * projection, using a bucket grid so each site looks only at nearby buildings.
 *
 * Returns: (transfer full): the coverage of @project as it is now
 */
LinliCoverage *
linli_coverage_compute (LinliProject *project)
{
  const LinliProjection *proj = linli_project_get_projection (project);
  const LinliBuilding *buildings = linli_project_get_buildings (project);
  LinliCoverage *cov = coverage_new (project);
  g_autofree double *xy = g_new (double, 2 * MAX (cov->n_buildings, 1));
  g_autoptr (LinliPointGrid) grid = NULL;
  guint n_sites = linli_project_get_n_sites (project);

  for (guint i = 0; i < cov->n_buildings; i++)
    linli_projection_forward (proj, buildings[i].lat, buildings[i].lon, &xy[2 * i], &xy[2 * i + 1]);
  grid = linli_point_grid_new (xy, cov->n_buildings, cov->radius);

  for (guint s = 0; s < n_sites; s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      QueryData q = { cov, buildings, s, linli_site_counts_for_coverage (site) };
      double x, y;

      linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &x, &y);
      linli_point_grid_query_circle (grid, x, y, cov->radius, mark_cb, &q);
    }
  coverage_sum (cov, project);
  return cov;
}

/**
 * linli_coverage_compute_brute_force:
 *
 * The same figures as linli_coverage_compute(), by comparing every building
 * with every site.  Kept as the reference the tests check against.
 *
 * Returns: (transfer full): the coverage of @project
 */
LinliCoverage *
linli_coverage_compute_brute_force (LinliProject *project)
{
  const LinliProjection *proj = linli_project_get_projection (project);
  const LinliBuilding *buildings = linli_project_get_buildings (project);
  LinliCoverage *cov = coverage_new (project);
  guint n_sites = linli_project_get_n_sites (project);

  for (guint s = 0; s < n_sites; s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      double sx, sy;

      linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &sx, &sy);
      for (guint i = 0; i < cov->n_buildings; i++)
        {
          double bx, by;

          linli_projection_forward (proj, buildings[i].lat, buildings[i].lon, &bx, &by);
          if ((bx - sx) * (bx - sx) + (by - sy) * (by - sy) <= cov->radius * cov->radius)
            {
              cov->site_households[s] += buildings[i].households;
              if (linli_site_counts_for_coverage (site))
                cov->cover_count[i]++;
            }
        }
    }
  coverage_sum (cov, project);
  return cov;
}

void
linli_coverage_free (LinliCoverage *coverage)
{
  if (coverage == NULL)
    return;
  g_free (coverage->cover_count);
  g_free (coverage->communities);
  g_free (coverage->site_households);
  g_array_unref (coverage->uncovered);
  g_free (coverage);
}

double
linli_coverage_get_radius (const LinliCoverage *coverage)
{
  return coverage->radius;
}

guint
linli_coverage_get_n_buildings (const LinliCoverage *coverage)
{
  return coverage->n_buildings;
}

gboolean
linli_coverage_is_covered (const LinliCoverage *coverage,
                           guint                building)
{
  g_return_val_if_fail (building < coverage->n_buildings, FALSE);
  return coverage->cover_count[building] > 0;
}

guint
linli_coverage_get_cover_count (const LinliCoverage *coverage,
                                guint                building)
{
  g_return_val_if_fail (building < coverage->n_buildings, 0);
  return coverage->cover_count[building];
}

const LinliCoverageTotals *
linli_coverage_get_district (const LinliCoverage *coverage)
{
  return &coverage->district;
}

const LinliCoverageTotals *
linli_coverage_get_community (const LinliCoverage *coverage,
                              guint                community)
{
  g_return_val_if_fail (community < coverage->n_communities, NULL);
  return &coverage->communities[community];
}

/**
 * linli_coverage_get_uncovered:
 * @n_uncovered: (out): the number of uncovered buildings
 *
 * Returns: (array length=n_uncovered): indices of the uncovered buildings,
 * most households first
 */
const guint *
linli_coverage_get_uncovered (const LinliCoverage *coverage,
                              guint               *n_uncovered)
{
  *n_uncovered = coverage->uncovered->len;
  return (const guint *) coverage->uncovered->data;
}

/**
 * linli_coverage_site_households:
 *
 * Returns: the households within reach of the site at position @site, for
 * candidates too (what they would reach if built)
 */
guint
linli_coverage_site_households (const LinliCoverage *coverage,
                                guint                site)
{
  return coverage->site_households[site];
}

/**
 * linli_coverage_totals_share:
 *
 * Returns: @part / @whole as a fraction, 0 when @whole is 0
 */
double
linli_coverage_totals_share (guint64 part,
                             guint64 whole)
{
  return whole == 0 ? 0.0 : (double) part / (double) whole;
}
