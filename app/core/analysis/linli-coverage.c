/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-coverage"

#include "linli-coverage.h"

#include <math.h>
#include <string.h>

#include "linli-spatial.h"
#include "linli-walk.h"

/* What the coverage knows of one site since the last update. */
typedef struct
{
  LinliSite *site;        /* a reference, so a new site never takes its place */
  double     x;
  double     y;
  gboolean   counts;
  double     radius;      /* its tier's reach */
  guint      services;    /* LinliServices */
  guint      households;  /* households within its circle */
} SiteRecord;

struct _LinliCoverage
{
  double               radius;            /* the project's walk */
  double               reaches[LINLI_SITE_N_TIERS];  /* each tier's, at the last update */
  double               cell;              /* the building index's cell: the longest reach then */
  LinliDistance        distance;          /* as used: street only when there are streets */
  gboolean             follows_project;   /* made by linli_coverage_compute() */
  LinliDistance        requested;
  LinliWalk           *walk;              /* the project's, when by street */
  guint                streets_serial;
  guint                base_serial;       /* the project's, for edits of households and communities */
  LinliProjection      proj;
  guint                n_buildings;
  const LinliBuilding *buildings;         /* the project's array, for weights */
  guint               *community_of;      /* per building */
  LinliPointIndex     *building_index;    /* buildings in projected metres */
  guint               *cover_count;       /* per building: counting sites in reach */
  LinliCoverageTotals  district;
  LinliCoverageTotals *communities;
  guint                n_communities;
  guint               *by_households;     /* all buildings, most households first; made when first needed */
  GArray              *uncovered;         /* building indices, most households first */
  gboolean             uncovered_dirty;
  GArray              *sites;             /* SiteRecord, in project order */
  guint8              *service_mask;      /* per building: services in reach; made when first needed */
  guint64              service_households[LINLI_N_SERVICES];
  gboolean             services_dirty;
};

/* Auxiliary methods */

static void
clear_record (gpointer data)
{
  SiteRecord *r = data;

  g_clear_object (&r->site);
}

static int
compare_households (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const LinliBuilding *buildings = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;

  if (buildings[ia].households != buildings[ib].households)
    return buildings[ia].households > buildings[ib].households ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static LinliDistance
effective_distance (LinliProject  *project,
                    LinliDistance  distance)
{
  return distance == LINLI_DISTANCE_STREET && linli_project_has_streets (project)
         ? LINLI_DISTANCE_STREET : LINLI_DISTANCE_LINE;
}

static LinliCoverage *
coverage_new (LinliProject  *project,
              LinliDistance  distance,
              LinliWalk     *walk,
              gboolean       with_index)
{
  LinliCoverage *cov = g_new0 (LinliCoverage, 1);
  guint n;

  cov->radius = linli_project_get_coverage_radius (project);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    cov->reaches[t] = linli_project_get_reach (project, t);
  cov->cell = linli_project_get_max_reach (project);
  cov->services_dirty = TRUE;
  cov->streets_serial = linli_project_get_streets_serial (project);
  cov->base_serial = linli_project_get_base_serial (project);
  cov->requested = distance;
  cov->distance = effective_distance (project, distance);
  if (cov->distance == LINLI_DISTANCE_STREET)
    {
      cov->walk = walk;
      with_index = FALSE;
    }
  cov->proj = *linli_project_get_projection (project);
  cov->n_buildings = n = linli_project_get_n_buildings (project);
  cov->buildings = linli_project_get_buildings (project);
  cov->cover_count = g_new0 (guint, MAX (n, 1));
  cov->community_of = g_new (guint, MAX (n, 1));
  cov->n_communities = linli_project_get_n_communities (project);
  cov->communities = g_new0 (LinliCoverageTotals, MAX (cov->n_communities, 1));
  cov->uncovered = g_array_new (FALSE, FALSE, sizeof (guint));
  cov->uncovered_dirty = TRUE;
  cov->sites = g_array_new (FALSE, TRUE, sizeof (SiteRecord));
  g_array_set_clear_func (cov->sites, clear_record);

  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = &cov->buildings[i];
      LinliCoverageTotals *c;

      cov->community_of[i] = linli_project_building_community (project, i);
      c = &cov->communities[cov->community_of[i]];
      c->buildings++;
      c->households += b->households;
      c->residents += b->residents;
      cov->district.buildings++;
      cov->district.households += b->households;
      cov->district.residents += b->residents;
    }

  if (with_index)
    {
      g_autofree double *xy = g_new (double, 2 * MAX (n, 1));

      for (guint i = 0; i < n; i++)
        linli_projection_forward (&cov->proj, cov->buildings[i].lat, cov->buildings[i].lon,
                                  &xy[2 * i], &xy[2 * i + 1]);
      /* Cells as wide as the longest reach: a site of a shorter tier looks
       * at a few cells all the same. */
      cov->building_index = linli_point_index_new (xy, n, cov->cell);
    }
  return cov;
}

/* Changes one building's count of covering sites, keeping the totals. */
static inline void
change_count (LinliCoverage *cov,
              guint          i,
              int            delta)
{
  guint before = cov->cover_count[i];
  guint after = (guint) ((int) before + delta);
  const LinliBuilding *b;
  LinliCoverageTotals *c;
  int sign;

  cov->cover_count[i] = after;
  if ((before == 0) == (after == 0))
    return;

  b = &cov->buildings[i];
  c = &cov->communities[cov->community_of[i]];
  sign = after > 0 ? 1 : -1;
  c->buildings_covered += sign;
  c->households_covered += sign * (gint64) b->households;
  c->residents_covered += sign * (gint64) b->residents;
  cov->district.buildings_covered += sign;
  cov->district.households_covered += sign * (gint64) b->households;
  cov->district.residents_covered += sign * (gint64) b->residents;
  cov->uncovered_dirty = TRUE;
}

typedef struct
{
  LinliCoverage *cov;
  int            delta;       /* 0: only count households */
  guint          households;
} Apply;

static void
apply_cb (guint    index,
          double   distance,
          gpointer user_data)
{
  Apply *a = user_data;

  a->households += a->cov->buildings[index].households;
  if (a->delta != 0)
    change_count (a->cov, index, a->delta);
}

/* Calls @func for the buildings a site at (x, y) reaches within @radius:
 * a circle, or walks along streets. */
static void
query_reach (const LinliCoverage *cov,
             double               x,
             double               y,
             double               radius,
             LinliPointFunc       func,
             gpointer             user_data)
{
  if (!isfinite (x) || !isfinite (y))
    return;
  if (cov->walk != NULL)
    linli_walk_query (cov->walk, x, y, radius, func, user_data);
  else
    linli_point_index_query_circle (cov->building_index, x, y, radius, func, user_data);
}

/* Adds (+1) or takes away (−1) the reach of a site: a circle, or the
 * buildings within its tier's reach along streets; returns the households
 * in it. */
static guint
apply_circle (LinliCoverage    *cov,
              const SiteRecord *r,
              int               delta)
{
  Apply a = { cov, delta, 0 };

  query_reach (cov, r->x, r->y, r->radius, apply_cb, &a);
  return a.households;
}

static void
record_site (LinliCoverage *cov,
             LinliSite     *site,
             SiteRecord    *r)
{
  r->site = g_object_ref (site);
  r->counts = linli_site_counts_for_coverage (site);
  r->radius = cov->reaches[linli_site_get_tier (site)];
  r->services = linli_site_get_services (site) & LINLI_SERVICES_ALL;
  if (linli_lat_lon_is_valid (linli_site_get_lat (site), linli_site_get_lon (site)))
    linli_projection_forward (&cov->proj, linli_site_get_lat (site), linli_site_get_lon (site),
                              &r->x, &r->y);
  else
    r->x = r->y = NAN;
}

typedef struct
{
  LinliCoverage *cov;
  guint8         mask;
} ServiceMark;

static void
service_cb (guint    index,
            double   distance,
            gpointer user_data)
{
  ServiceMark *m = user_data;

  m->cov->service_mask[index] |= m->mask;
}

/* Marks, per building, the services of the counting sites that reach it,
 * then adds up the households per service: one pass over the sites that
 * offer any. */
static void
update_services (LinliCoverage *cov)
{
  if (!cov->services_dirty)
    return;
  if (cov->service_mask == NULL)
    cov->service_mask = g_new (guint8, MAX (cov->n_buildings, 1));
  memset (cov->service_mask, 0, MAX (cov->n_buildings, 1));
  for (guint s = 0; s < cov->sites->len; s++)
    {
      const SiteRecord *r = &g_array_index (cov->sites, SiteRecord, s);
      ServiceMark m = { cov, r->services };

      if (r->counts && r->services != 0)
        query_reach (cov, r->x, r->y, r->radius, service_cb, &m);
    }
  memset (cov->service_households, 0, sizeof cov->service_households);
  for (guint i = 0; i < cov->n_buildings; i++)
    if (cov->service_mask[i] != 0)
      for (guint k = 0; k < LINLI_N_SERVICES; k++)
        if (cov->service_mask[i] & (1u << k))
          cov->service_households[k] += cov->buildings[i].households;
  cov->services_dirty = FALSE;
}

/* Public API */

/**
 * linli_coverage_compute:
 * @project: the project
 * @walk: (nullable): the walking graph of @project's streets and buildings
 *   (linli_walk_new_for_project()); needed when the project measures walks
 *   along streets, which it must then have
 *
 * Works out which buildings lie within the coverage radius of an existing
 * or planned site, by the project's rule: straight-line distance in its
 * local metric projection, using a bucket index so each site looks only at
 * nearby buildings, or walks along @walk.  The result can follow later edits with linli_coverage_update().
 *
 * Returns: (transfer full): the coverage of @project as it is now
 */
LinliCoverage *
linli_coverage_compute (LinliProject *project,
                        LinliWalk    *walk)
{
  LinliCoverage *cov = linli_coverage_compute_by (project, linli_project_get_distance (project), walk);

  cov->follows_project = TRUE;
  return cov;
}

/**
 * linli_coverage_compute_by:
 * @distance: how to measure walks, whatever the project's setting
 *
 * As linli_coverage_compute(), by straight line or along the project's
 * streets (the line when it has none).  linli_coverage_update() keeps to
 * @distance.
 *
 * Returns: (transfer full): the coverage
 */
LinliCoverage *
linli_coverage_compute_by (LinliProject  *project,
                           LinliDistance  distance,
                           LinliWalk     *walk)
{
  LinliCoverage *cov;
  guint n_sites = linli_project_get_n_sites (project);

  g_return_val_if_fail (effective_distance (project, distance) != LINLI_DISTANCE_STREET || walk != NULL, NULL);

  cov = coverage_new (project, distance, walk, TRUE);

  g_array_set_size (cov->sites, n_sites);
  for (guint s = 0; s < n_sites; s++)
    {
      SiteRecord *r = &g_array_index (cov->sites, SiteRecord, s);

      record_site (cov, linli_project_get_site (project, s), r);
      r->households = apply_circle (cov, r, r->counts ? 1 : 0);
    }
  return cov;
}

/**
 * linli_coverage_update:
 * @coverage: a coverage computed for @project
 * @project: the project, edited since
 *
 * Brings @coverage up to date after sites were added, removed, moved or
 * changed status or tier.  Only the buildings near a changed site's old
 * and new places are looked at; when a tier's reach changed, only its
 * sites are.  If the project's walk, the measure or the buildings changed,
 * it starts again from scratch.
 *
 * Returns: %TRUE if the update was incremental, %FALSE if it recomputed all
 */
gboolean
linli_coverage_update (LinliCoverage *coverage,
                       LinliProject  *project,
                       LinliWalk     *walk)
{
  guint n_sites = linli_project_get_n_sites (project);
  g_autoptr (GHashTable) old_index = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) records = NULL;
  const LinliProjection *proj = linli_project_get_projection (project);

  if (coverage->radius != linli_project_get_coverage_radius (project) ||
      /* A reach far beyond the index's cells would look at too many. */
      linli_project_get_max_reach (project) > 4 * coverage->cell ||
      coverage->n_buildings != linli_project_get_n_buildings (project) ||
      coverage->buildings != linli_project_get_buildings (project) ||
      coverage->proj.lat0 != proj->lat0 || coverage->proj.lon0 != proj->lon0 ||
      coverage->streets_serial != linli_project_get_streets_serial (project) ||
      coverage->base_serial != linli_project_get_base_serial (project) ||
      (coverage->distance == LINLI_DISTANCE_STREET && coverage->walk != walk) ||
      (coverage->follows_project &&
       effective_distance (project, linli_project_get_distance (project)) != coverage->distance))
    {
      LinliCoverage *fresh = coverage->follows_project
                             ? linli_coverage_compute (project, walk)
                             : linli_coverage_compute_by (project, coverage->requested, walk);

      /* Swap the contents so the caller's pointer stays valid. */
      LinliCoverage tmp = *coverage;
      *coverage = *fresh;
      *fresh = tmp;
      linli_coverage_free (fresh);
      return FALSE;
    }

  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    coverage->reaches[t] = linli_project_get_reach (project, t);
  coverage->services_dirty = TRUE;
  for (guint k = 0; k < coverage->sites->len; k++)
    g_hash_table_insert (old_index, g_array_index (coverage->sites, SiteRecord, k).site,
                         GUINT_TO_POINTER (k + 1));

  records = g_array_sized_new (FALSE, TRUE, sizeof (SiteRecord), n_sites);
  g_array_set_clear_func (records, clear_record);
  for (guint s = 0; s < n_sites; s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (old_index, site));
      SiteRecord now = { 0 };

      record_site (coverage, site, &now);
      if (k > 0)
        {
          SiteRecord *old = &g_array_index (coverage->sites, SiteRecord, k - 1);

          g_hash_table_remove (old_index, site);
          if ((old->x == now.x || (isnan (old->x) && isnan (now.x))) &&
              (old->y == now.y || (isnan (old->y) && isnan (now.y))) && old->counts == now.counts &&
              old->radius == now.radius)
            {
              now.households = old->households;
              g_array_append_val (records, now);
              continue;
            }
          if (old->counts)
            apply_circle (coverage, old, -1);
        }
      now.households = apply_circle (coverage, &now, now.counts ? 1 : 0);
      g_array_append_val (records, now);
    }

  /* Sites that are gone take their circles with them. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, old_index);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        SiteRecord *old = &g_array_index (coverage->sites, SiteRecord, GPOINTER_TO_UINT (value) - 1);

        if (old->counts)
          apply_circle (coverage, old, -1);
      }
  }

  g_array_unref (coverage->sites);
  coverage->sites = g_steal_pointer (&records);
  return TRUE;
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
  LinliCoverage *cov = coverage_new (project, LINLI_DISTANCE_LINE, NULL, FALSE);
  guint n_sites = linli_project_get_n_sites (project);
  g_autofree double *xy = g_new (double, 2 * MAX (cov->n_buildings, 1));

  for (guint i = 0; i < cov->n_buildings; i++)
    linli_projection_forward (&cov->proj, cov->buildings[i].lat, cov->buildings[i].lon,
                              &xy[2 * i], &xy[2 * i + 1]);

  g_array_set_size (cov->sites, n_sites);
  for (guint s = 0; s < n_sites; s++)
    {
      SiteRecord *r = &g_array_index (cov->sites, SiteRecord, s);

      record_site (cov, linli_project_get_site (project, s), r);
      for (guint i = 0; i < cov->n_buildings; i++)
        {
          double dx = xy[2 * i] - r->x, dy = xy[2 * i + 1] - r->y;

          if (dx * dx + dy * dy <= r->radius * r->radius)
            {
              r->households += cov->buildings[i].households;
              if (r->counts)
                change_count (cov, i, 1);
            }
        }
    }
  return cov;
}

void
linli_coverage_free (LinliCoverage *coverage)
{
  if (coverage == NULL)
    return;
  g_free (coverage->cover_count);
  g_free (coverage->community_of);
  g_free (coverage->by_households);
  g_free (coverage->service_mask);
  g_free (coverage->communities);
  g_clear_pointer (&coverage->building_index, linli_point_index_free);
  g_array_unref (coverage->uncovered);
  g_array_unref (coverage->sites);
  g_free (coverage);
}

/**
 * linli_coverage_get_distance:
 *
 * Returns: how this coverage measured walks
 */
LinliDistance
linli_coverage_get_distance (const LinliCoverage *coverage)
{
  return coverage->distance;
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

/**
 * linli_coverage_get_cover_counts:
 *
 * Returns: (array): for each building, the number of counting sites in
 * reach, for loops over hundreds of thousands of buildings
 */
const guint *
linli_coverage_get_cover_counts (const LinliCoverage *coverage)
{
  return coverage->cover_count;
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
 * most households first; valid until the coverage next changes
 */
const guint *
linli_coverage_get_uncovered (const LinliCoverage *const_coverage,
                              guint               *n_uncovered)
{
  /* The list is a cache, filled on demand: logically the coverage is const. */
  LinliCoverage *coverage = (LinliCoverage *) const_coverage;

  if (coverage->by_households == NULL)
    {
      coverage->by_households = g_new (guint, MAX (coverage->n_buildings, 1));
      for (guint i = 0; i < coverage->n_buildings; i++)
        coverage->by_households[i] = i;
      g_qsort_with_data (coverage->by_households, coverage->n_buildings, sizeof (guint),
                         compare_households, (gpointer) coverage->buildings);
    }
  if (coverage->uncovered_dirty)
    {
      g_array_set_size (coverage->uncovered, 0);
      for (guint k = 0; k < coverage->n_buildings; k++)
        if (coverage->cover_count[coverage->by_households[k]] == 0)
          g_array_append_val (coverage->uncovered, coverage->by_households[k]);
      coverage->uncovered_dirty = FALSE;
    }
  *n_uncovered = coverage->uncovered->len;
  return (const guint *) coverage->uncovered->data;
}

/**
 * linli_coverage_get_n_sites:
 *
 * Returns: the number of sites the coverage knew at its last update; a
 * site added since has no figures yet
 */
guint
linli_coverage_get_n_sites (const LinliCoverage *coverage)
{
  return coverage->sites->len;
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
  g_return_val_if_fail (site < coverage->sites->len, 0);
  return g_array_index (coverage->sites, SiteRecord, site).households;
}

typedef struct
{
  const LinliCoverage *cov;
  guint                alone_count;  /* a building's count when only this site reaches it */
  guint64              households;
} Alone;

static void
alone_cb (guint    index,
          double   distance,
          gpointer user_data)
{
  Alone *a = user_data;

  if (a->cov->cover_count[index] == a->alone_count)
    a->households += a->cov->buildings[index].households;
}

/**
 * linli_coverage_site_households_alone:
 * @site: the site's position, as for linli_coverage_site_households()
 *
 * What a site alone brings: the households within its reach that no other
 * existing or planned site reaches.  For an existing or planned site they
 * are the households that would lose their cover without it; for a
 * candidate, those it would add if it were built.
 *
 * Returns: the households, from the coverage at its last update
 */
guint64
linli_coverage_site_households_alone (const LinliCoverage *coverage,
                                      guint                site)
{
  const SiteRecord *r;
  Alone a = { coverage, 0, 0 };

  g_return_val_if_fail (site < coverage->sites->len, 0);

  r = &g_array_index (coverage->sites, SiteRecord, site);
  a.alone_count = r->counts ? 1 : 0;
  query_reach (coverage, r->x, r->y, r->radius, alone_cb, &a);
  return a.households;
}

/**
 * linli_coverage_service_households:
 * @service: one #LinliServices flag
 *
 * The households within reach of an existing or planned site that offers
 * @service, each site by its own tier's reach.  Worked out when first asked
 * for after a change, in one pass over the sites that offer any service.
 *
 * Returns: the households
 */
guint64
linli_coverage_service_households (const LinliCoverage *const_coverage,
                                   LinliServices        service)
{
  /* A cache, filled on demand: logically the coverage is const. */
  LinliCoverage *coverage = (LinliCoverage *) const_coverage;
  guint k = 0;

  g_return_val_if_fail (service != 0 && (service & (service - 1)) == 0 &&
                        (service & ~LINLI_SERVICES_ALL) == 0, 0);
  while ((1u << k) != (guint) service)
    k++;
  update_services (coverage);
  return coverage->service_households[k];
}

/**
 * linli_coverage_get_site_reach:
 *
 * Returns: the reach in metres of the site at position @site, by its tier,
 *   at the last update
 */
double
linli_coverage_get_site_reach (const LinliCoverage *coverage,
                               guint                site)
{
  g_return_val_if_fail (site < coverage->sites->len, 0);
  return g_array_index (coverage->sites, SiteRecord, site).radius;
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
