/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-project"

/* The planning instance of a project: buildings, sites and the distances
 * between them, straight or along streets.  The only solver file that
 * knows the project model.
 */

#include "config.h"

#include "linli-plan-project.h"
#include "linli-plan-private.h"

#include <math.h>

#include "linli-coverage.h"
#include "linli-spatial.h"
#include "linli-walk.h"

typedef struct
{
  const LinliProjection *proj;
  const double          *site_lat;
  const double          *site_lon;
  double                 lat;
  double                 lon;
  const double          *scale;     /* per site: the project's walk / its tier's reach */
  double                 max_distance;
  GArray                *arcs;
} ProjectQuery;

static void
project_arc_cb (guint    index,
                double   distance,
                gpointer user_data)
{
  ProjectQuery *q = user_data;
  double d = linli_projection_distance (q->proj, q->lat, q->lon,
                                        q->site_lat[index], q->site_lon[index]) * q->scale[index];
  LinliPlanArc arc;

  if (d > q->max_distance)
    return;
  arc.distance = (float) d;
  arc.candidate = index;
  g_array_append_val (q->arcs, arc);
}

typedef struct
{
  LinliPlanInstance *instance;
  guint              site;
  double             scale;
} WalkArcs;

static void
walk_arc_cb (guint    index,
             double   distance,
             gpointer user_data)
{
  WalkArcs *w = user_data;

  linli_plan_instance_add_arc (w->instance, index, w->site, distance * w->scale);
}

/**
 * linli_plan_instance_new_from_project:
 * @project: the project
 * @walk: (nullable): the walking graph of @project's streets
 *   (linli_document_get_walk()); needed when it measures walks along streets
 * @max_distance: the longest distance in metres worth an arc; the usual
 *   choice is the coverage radius for covering problems and a little more
 *   for p-median, where it is also the penalty distance of unreached
 *   buildings
 *
 * Makes the instance of a project: buildings are the demand points, with
 * their households as weight, and the project's sites are the candidates,
 * in list order.  Existing and planned sites are %LINLI_PLAN_EXISTING,
 * candidate sites %LINLI_PLAN_CANDIDATE, each with its cost and capacity.
 * Arcs join every building and site whose straight-line distance in the
 * project's projection (linli_projection_distance()) is at most
 * @max_distance; a bucket grid over the sites keeps this to a few cells per
 * building.  When the project measures walks along streets (and has
 * streets), arcs carry the walk along streets instead, found by a search
 * from each site that stops at @max_distance (see linli_walk_query()).
 *
 * Returns: (transfer full): a finished instance
 */
LinliPlanInstance *
linli_plan_instance_new_from_project (LinliProject *project,
                                      LinliWalk    *walk,
                                      double        max_distance)
{
  return linli_plan_instance_new_from_project_full (project, walk, max_distance, FALSE, 0);
}

/**
 * linli_plan_instance_new_from_project_full:
 * @by_reach: measure each arc against its site's tier reach
 * @service: a #LinliServices flag, or 0 for any site
 *
 * As linli_plan_instance_new_from_project().  With @by_reach, an arc's
 * distance is scaled by the project's walk over its site's tier reach
 * (linli_project_get_coverage_radius() / linli_project_get_site_reach()),
 * so a covering problem with that walk as radius covers a building exactly
 * when some site is within its own tier's reach; @max_distance is in the
 * same scaled metres.  When every tier follows the project's walk the
 * scale is 1 and the instance is the plain one.  The mean distance of a
 * plan on such an instance is in scaled metres too, so p-median wants
 * @by_reach off.
 *
 * With @service, sites that do not offer it neither count (existing ones)
 * nor may be opened (candidates): they become %LINLI_PLAN_FORBIDDEN.
 *
 * Returns: (transfer full): a finished instance
 */
LinliPlanInstance *
linli_plan_instance_new_from_project_full (LinliProject *project,
                                           LinliWalk    *walk,
                                           double        max_distance,
                                           gboolean      by_reach,
                                           guint         service)
{
  g_autofree double *scale = NULL;
  double max_scale = 1, walk_radius;
  const LinliProjection *proj;
  const LinliBuilding *buildings;
  guint n_b, n_s;
  g_autofree double *weights = NULL;
  g_autofree double *costs = NULL;
  g_autofree double *caps = NULL;
  g_autofree LinliPlanCandidateState *states = NULL;
  g_autofree double *site_lat = NULL;
  g_autofree double *site_lon = NULL;
  g_autofree double *xy = NULL;
  g_autofree guint *stamp = NULL;
  g_autoptr (LinliPointIndex) site_index = NULL;
  g_autoptr (GArray) scratch = NULL;
  g_autoptr (GArray) cand = NULL;
  g_autoptr (GArray) dist = NULL;
  LinliPlanInstance *self;
  ProjectQuery q;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (isfinite (max_distance) && max_distance >= 0, NULL);

  proj = linli_project_get_projection (project);
  buildings = linli_project_get_buildings (project);
  n_b = linli_project_get_n_buildings (project);
  n_s = linli_project_get_n_sites (project);

  weights = g_new (double, MAX (n_b, 1));
  for (guint i = 0; i < n_b; i++)
    weights[i] = buildings[i].households;

  costs = g_new (double, MAX (n_s, 1));
  caps = g_new (double, MAX (n_s, 1));
  states = g_new (LinliPlanCandidateState, MAX (n_s, 1));
  site_lat = g_new (double, MAX (n_s, 1));
  site_lon = g_new (double, MAX (n_s, 1));
  xy = g_new (double, 2 * MAX (n_s, 1));
  scale = g_new (double, MAX (n_s, 1));
  walk_radius = linli_project_get_coverage_radius (project);
  for (guint s = 0; s < n_s; s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      double reach = linli_project_get_site_reach (project, site);

      /* Every reach is at least a minute at 1 km/h, so the scale is finite. */
      scale[s] = by_reach && reach != walk_radius ? walk_radius / reach : 1.0;

      costs[s] = linli_site_get_cost (site);
      caps[s] = linli_site_get_capacity (site);
      if (linli_site_get_status (site) != LINLI_SITE_STATUS_CANDIDATE)
        states[s] = LINLI_PLAN_EXISTING;
      else if (linli_site_get_plan_rule (site) == LINLI_SITE_PLAN_REQUIRED)
        states[s] = LINLI_PLAN_REQUIRED;
      else if (linli_site_get_plan_rule (site) == LINLI_SITE_PLAN_FORBIDDEN)
        states[s] = LINLI_PLAN_FORBIDDEN;
      else
        states[s] = LINLI_PLAN_CANDIDATE;
      if (service != 0 && (linli_site_get_services (site) & service) == 0)
        states[s] = LINLI_PLAN_FORBIDDEN;
      site_lat[s] = linli_site_get_lat (site);
      site_lon[s] = linli_site_get_lon (site);
      linli_projection_forward (proj, site_lat[s], site_lon[s], &xy[2 * s], &xy[2 * s + 1]);
    }

  self = linli_plan_instance_new (n_b, weights, n_s, costs, states, caps);

  if (linli_project_get_distance (project) == LINLI_DISTANCE_STREET && linli_project_has_streets (project))
    {
      g_return_val_if_fail (walk != NULL, self);
      for (guint s = 0; s < n_s; s++)
        {
          WalkArcs w = { self, s, scale[s] };

          if (isfinite (xy[2 * s]) && isfinite (xy[2 * s + 1]))
            linli_walk_query (walk, xy[2 * s], xy[2 * s + 1], max_distance / scale[s], walk_arc_cb, &w);
        }
      linli_plan_instance_set_max_distance (self, max_distance);
      linli_plan_instance_finish (self);
      return self;
    }
  g_clear_pointer (&self->pending, g_array_unref);

  /* The grid finds sites by projected coordinates; the exact test is done
   * again with linli_projection_distance(), so the query reaches a hair
   * further than asked for rounding to do no harm.
   */
  for (guint s = 0; s < n_s; s++)
    max_scale = MIN (max_scale, scale[s]);
  site_index = linli_point_index_new (xy, n_s, MAX (max_distance, 1.0));
  scratch = g_array_new (FALSE, FALSE, sizeof (LinliPlanArc));
  cand = g_array_new (FALSE, FALSE, sizeof (guint32));
  dist = g_array_new (FALSE, FALSE, sizeof (float));
  stamp = g_new0 (guint, MAX (n_s, 1));
  self->row_start = g_new0 (gsize, n_b + 1);
  q.proj = proj;
  q.site_lat = site_lat;
  q.site_lon = site_lon;
  q.scale = scale;
  q.max_distance = max_distance;
  q.arcs = scratch;
  for (guint i = 0; i < n_b; i++)
    {
      double x, y;
      gsize len;

      q.lat = buildings[i].lat;
      q.lon = buildings[i].lon;
      g_array_set_size (scratch, 0);
      linli_projection_forward (proj, q.lat, q.lon, &x, &y);
      /* The smallest scale is the site reaching farthest in metres. */
      linli_point_index_query_circle (site_index, x, y, max_distance / max_scale * (1 + 1e-9) + 1e-6,
                                     project_arc_cb, &q);
      len = _linli_plan_sort_demand_arcs ((LinliPlanArc *) scratch->data, scratch->len, stamp, i);
      for (gsize e = 0; e < len; e++)
        {
          const LinliPlanArc *a = &g_array_index (scratch, LinliPlanArc, e);

          g_array_append_val (cand, a->candidate);
          g_array_append_val (dist, a->distance);
        }
      self->row_start[i + 1] = cand->len;
    }
  self->arc_cand = (guint32 *) g_array_free (g_steal_pointer (&cand), FALSE);
  self->arc_dist = (float *) g_array_free (g_steal_pointer (&dist), FALSE);
  self->max_distance = max_distance;
  self->max_distance_set = TRUE;
  self->finished = TRUE;
  return self;
}

/**
 * linli_plan_project_over_capacity:
 * @project: the project
 * @coverage: its coverage, up to date
 * @n_over: (out): the number of entries returned
 *
 * Why a capacitated plan can cover fewer households than today's coverage
 * says: coverage counts every household within reach of a site, while a
 * capacitated plan counts only those a site can serve.  Lists the existing
 * and planned sites with a capacity whose reach holds more households than
 * it, in project order.
 *
 * Returns: (transfer full) (array length=n_over): the sites over capacity
 */
LinliPlanOverCapacity *
linli_plan_project_over_capacity (LinliProject        *project,
                                  const LinliCoverage *coverage,
                                  guint               *n_over)
{
  g_autoptr (GArray) over = g_array_new (FALSE, FALSE, sizeof (LinliPlanOverCapacity));
  guint n_s;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (coverage != NULL && n_over != NULL, NULL);

  n_s = MIN (linli_project_get_n_sites (project), linli_coverage_get_n_sites (coverage));
  for (guint s = 0; s < n_s; s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      LinliPlanOverCapacity o = { s, linli_coverage_site_households (coverage, s),
                                  linli_site_get_capacity (site), 0 };

      if (!linli_site_counts_for_coverage (site) || o.capacity == 0 || o.in_reach <= o.capacity)
        continue;
      o.over = o.in_reach - o.capacity;
      g_array_append_val (over, o);
    }
  *n_over = over->len;
  return (LinliPlanOverCapacity *) g_array_free (g_steal_pointer (&over), FALSE);
}
