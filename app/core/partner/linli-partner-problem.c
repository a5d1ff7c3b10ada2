/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner"

#include "config.h"

#include "linli-partner-problem.h"

#include "linli-figures.h"
#include "linli-grids.h"
#include "linli-walk.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* Auxiliary methods */

/* The household-weighted mean of the buildings that @in_place says are in
 * the place; a building without households weighs one, so a place of
 * buildings with no counts still has a position. */
static gboolean
mean_of_buildings (LinliProject *project,
                   gboolean    (*in_place) (LinliProject        *project,
                                            const LinliBuilding *b,
                                            guint                place),
                   guint         place,
                   LinliLatLon  *position)
{
  double lat = 0, lon = 0, weight = 0;

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      double w;

      if (!in_place (project, b, place))
        continue;
      w = MAX (b->households, 1);
      lat += w * b->lat;
      lon += w * b->lon;
      weight += w;
    }
  if (weight == 0)
    return FALSE;
  position->lat = lat / weight;
  position->lon = lon / weight;
  return TRUE;
}

static gboolean
in_community (LinliProject        *project,
              const LinliBuilding *b,
              guint                community)
{
  return b->compound < linli_project_get_n_compounds (project) &&
         linli_project_get_compound (project, b->compound)->community == community;
}

static gboolean
in_compound (LinliProject        *project,
             const LinliBuilding *b,
             guint                compound)
{
  return b->compound == compound;
}

/* Public API */

/**
 * linli_partner_place_position:
 * @project: a project
 * @kind: the kind of place
 * @place: the id of a community, compound or grid
 * @position: (out): where the place stands
 *
 * Returns: whether the place exists and has a position: a community or
 *   compound with buildings, a grid with an outline
 */
gboolean
linli_partner_place_position (LinliProject          *project,
                              LinliPartnerPlaceKind  kind,
                              const char            *place,
                              LinliLatLon           *position)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (project), FALSE);

  switch (kind)
    {
    case LINLI_PARTNER_PLACE_COMMUNITY:
      {
        int c = linli_project_find_community (project, place);

        return c >= 0 && mean_of_buildings (project, in_community, c, position);
      }
    case LINLI_PARTNER_PLACE_COMPOUND:
      {
        int k = linli_project_find_compound (project, place);

        return k >= 0 && mean_of_buildings (project, in_compound, k, position);
      }
    case LINLI_PARTNER_PLACE_GRID:
      {
        LinliGrid *grid = linli_grids_find (linli_project_get_grids (project), place, NULL);
        LinliPolygon *polygon = grid != NULL ? linli_grid_get_polygon (grid) : NULL;
        LinliProjection proj;
        LinliExtent extent;

        if (polygon == NULL)
          return FALSE;
        linli_polygon_get_extent (polygon, &extent);
        linli_projection_init (&proj, (extent.min_lat + extent.max_lat) / 2,
                               (extent.min_lon + extent.max_lon) / 2);
        linli_polygon_centroid (polygon, &proj, &position->lat, &position->lon);
        return linli_lat_lon_is_valid (position->lat, position->lon);
      }
    default:
      return FALSE;
    }
}

/**
 * linli_partner_problem_new:
 * @project: a project with partner lists
 * @max_distance: how far a unit may serve, metres; 0: any distance
 *
 * Returns: (transfer full): the assignment problem of the project's units
 *   and needs, with no fixed or forbidden pairs yet
 */
LinliPartnerProblem *
linli_partner_problem_new (LinliProject *project,
                           double        max_distance)
{
  LinliPartners *partners;
  LinliPartnerProblem *self;
  g_autoptr (GHashTable) place_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              g_free);
  guint n_categories;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);

  partners = linli_project_get_partners (project);
  n_categories = linli_partners_get_n (partners, LINLI_PARTNER_LIST_CATEGORIES);
  self = g_new0 (LinliPartnerProblem, 1);
  self->unit_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->need_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->offer_resources = g_array_new (FALSE, FALSE, sizeof (guint));
  self->unplaced_units = g_ptr_array_new ();
  self->unplaced_needs = g_ptr_array_new ();
  self->units = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  self->offers = g_array_new (FALSE, FALSE, sizeof (LinliAssignOffer));
  self->needs = g_array_new (FALSE, FALSE, sizeof (LinliAssignNeed));
  self->fixed = g_array_new (FALSE, FALSE, sizeof (LinliAssignPair));
  self->forbidden = g_array_new (FALSE, FALSE, sizeof (LinliAssignPair));
  self->unit_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->need_index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (partners, i);
      LinliLatLon pos = { u->lat, u->lon };
      guint index = self->units->len;

      if (!u->has_position || !linli_lat_lon_is_valid (u->lat, u->lon))
        {
          g_ptr_array_add (self->unplaced_units, u->id);
          continue;
        }
      g_array_append_val (self->units, pos);
      g_array_append_val (self->unit_positions, i);
      g_hash_table_insert (self->unit_index, u->id, GUINT_TO_POINTER (index + 1));
      for (guint r = 0; r < u->n_resources; r++)
        {
          guint category;
          LinliAssignOffer offer;

          /* The file reader and the edits keep categories whole. */
          if (linli_partners_find (partners, LINLI_PARTNER_LIST_CATEGORIES,
                                   u->resources[r].category, &category) == NULL)
            continue;
          offer = (LinliAssignOffer) { index, category,
                                       u->resources[r].capacity /
                                       linli_partner_period_per_month (u->resources[r].period) };
          g_array_append_val (self->offers, offer);
          g_array_append_val (self->offer_resources, r);
        }
    }
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS); i++)
    {
      const LinliPartnerNeed *n = linli_partners_get_need (partners, i);
      g_autofree char *key = g_strdup_printf ("%d:%s", n->place_kind, n->place);
      LinliLatLon *cached = g_hash_table_lookup (place_cache, key);
      LinliAssignNeed need;
      guint category;

      if (linli_partners_find (partners, LINLI_PARTNER_LIST_CATEGORIES, n->category,
                               &category) == NULL)

        continue;
      if (cached == NULL)
        {
          LinliLatLon pos = { G_MAXDOUBLE, G_MAXDOUBLE };

          if (!linli_partner_place_position (project, n->place_kind, n->place, &pos))
            pos.lat = G_MAXDOUBLE;
          cached = g_memdup2 (&pos, sizeof pos);
          g_hash_table_insert (place_cache, g_steal_pointer (&key), cached);
        }
      if (cached->lat == G_MAXDOUBLE)
        {
          g_ptr_array_add (self->unplaced_needs, n->id);
          continue;
        }
      need = (LinliAssignNeed) { category, n->quantity / linli_partner_period_per_month (n->period),
                                 MAX (n->priority, 1), *cached };
      g_hash_table_insert (self->need_index, n->id, GUINT_TO_POINTER (self->needs->len + 1));
      g_array_append_val (self->needs, need);
      g_array_append_val (self->need_positions, i);
    }

  self->problem.n_units = self->units->len;
  self->problem.units = (const LinliLatLon *) (gpointer) self->units->data;
  self->problem.n_categories = n_categories;
  self->problem.n_offers = self->offers->len;
  self->problem.offers = (const LinliAssignOffer *) (gpointer) self->offers->data;
  self->problem.n_needs = self->needs->len;
  self->problem.needs = (const LinliAssignNeed *) (gpointer) self->needs->data;
  self->problem.max_distance = MAX (max_distance, 0);
  return self;
}

/**
 * linli_partner_problem_new_whole:
 * @project: a project with partner lists
 * @max_distance: how far a unit may serve, metres; 0: any distance
 * @places_per_unit: how many places one unit may take on, at least 1
 *
 * Returns: (transfer full): the problem of assigning whole units to the
 *   places with needs: one need of 1 per place, one offer of
 *   @places_per_unit per unit
 */
LinliPartnerProblem *
linli_partner_problem_new_whole (LinliProject *project,
                                 double        max_distance,
                                 guint         places_per_unit)
{
  LinliPartners *partners;
  LinliPartnerProblem *self, *divisible;
  g_autoptr (GHashTable) place_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              NULL);
  g_autoptr (GPtrArray) place_categories =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);

  partners = linli_project_get_partners (project);
  /* The divisible problem has the positions, the units left out and the
   * needs' places: the whole problem is made from it. */
  divisible = linli_partner_problem_new (project, max_distance);
  self = g_new0 (LinliPartnerProblem, 1);
  self->whole = TRUE;
  self->unit_positions = g_array_ref (divisible->unit_positions);
  self->need_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->offer_resources = g_array_new (FALSE, FALSE, sizeof (guint));
  self->unplaced_units = g_ptr_array_ref (divisible->unplaced_units);
  self->unplaced_needs = g_ptr_array_ref (divisible->unplaced_needs);
  self->units = g_array_ref (divisible->units);
  self->offers = g_array_new (FALSE, FALSE, sizeof (LinliAssignOffer));
  self->needs = g_array_new (FALSE, FALSE, sizeof (LinliAssignNeed));
  self->fixed = g_array_new (FALSE, FALSE, sizeof (LinliAssignPair));
  self->forbidden = g_array_new (FALSE, FALSE, sizeof (LinliAssignPair));
  self->unit_index = g_hash_table_ref (divisible->unit_index);
  self->need_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->place_kinds = g_array_new (FALSE, FALSE, sizeof (LinliPartnerPlaceKind));
  self->place_ids = g_ptr_array_new ();

  for (guint u = 0; u < self->units->len; u++)
    {
      LinliAssignOffer offer = { u, 0, MAX (places_per_unit, 1) };
      guint none = 0;

      g_array_append_val (self->offers, offer);
      g_array_append_val (self->offer_resources, none);
    }
  /* One need per place, weighing the priorities of its needs. */
  for (guint i = 0; i < divisible->needs->len; i++)
    {
      const LinliAssignNeed *dn = &g_array_index (divisible->needs, LinliAssignNeed, i);
      guint position = g_array_index (divisible->need_positions, guint, i);
      const LinliPartnerNeed *n = linli_partners_get_need (partners, position);
      g_autofree char *key = g_strdup_printf ("%d:%s", n->place_kind, n->place);
      gpointer found = g_hash_table_lookup (place_index, key);
      LinliAssignNeed *need;
      guint index;

      if (found == NULL)
        {
          LinliAssignNeed place = { 0, 1, 0, dn->position };

          index = self->needs->len;
          g_array_append_val (self->needs, place);
          g_array_append_val (self->need_positions, position);
          g_array_append_val (self->place_kinds, n->place_kind);
          g_ptr_array_add (self->place_ids, n->place);
          g_ptr_array_add (place_categories, g_hash_table_new (g_direct_hash, g_direct_equal));
          g_hash_table_insert (place_index, g_steal_pointer (&key), GUINT_TO_POINTER (index + 1));
          if (!g_hash_table_contains (self->need_index, n->place))
            g_hash_table_insert (self->need_index, n->place, GUINT_TO_POINTER (index + 1));
        }
      else
        index = GPOINTER_TO_UINT (found) - 1;
      need = &g_array_index (self->needs, LinliAssignNeed, index);
      need->priority = MIN (need->priority + dn->priority, 1000000);
      g_hash_table_add (place_categories->pdata[index], GUINT_TO_POINTER (dn->category + 1));
    }
  /* A unit that offers nothing a place needs may not take it on. */
  for (guint u = 0; u < self->units->len; u++)
    {
      guint position = g_array_index (self->unit_positions, guint, u);
      const LinliPartnerUnit *unit = linli_partners_get_unit (partners, position);

      for (guint p = 0; p < self->needs->len; p++)
        {
          gboolean shares = FALSE;

          for (guint r = 0; r < unit->n_resources && !shares; r++)
            {
              const char *id = unit->resources[r].category;
              guint category;

              if (unit->resources[r].capacity > 0 &&
                  linli_partners_find (partners, LINLI_PARTNER_LIST_CATEGORIES, id, &category))

                shares = g_hash_table_contains (place_categories->pdata[p],
                                                GUINT_TO_POINTER (category + 1));
            }

          if (!shares)
            {
              LinliAssignPair pair = { u, p };

              g_array_append_val (self->forbidden, pair);
            }
        }
    }
  linli_partner_problem_free (divisible);

  self->problem.n_units = self->units->len;
  self->problem.units = (const LinliLatLon *) (gpointer) self->units->data;
  self->problem.n_categories = 1;
  self->problem.n_offers = self->offers->len;
  self->problem.offers = (const LinliAssignOffer *) (gpointer) self->offers->data;
  self->problem.n_needs = self->needs->len;
  self->problem.needs = (const LinliAssignNeed *) (gpointer) self->needs->data;
  self->problem.max_distance = MAX (max_distance, 0);
  self->problem.n_forbidden = self->forbidden->len;
  self->problem.forbidden = (const LinliAssignPair *) (gpointer) self->forbidden->data;
  return self;
}

/**
 * linli_partner_problem_add_pair:

 * @self: a problem
 * @fixed: %TRUE for a fixed pair, %FALSE for a forbidden one
 * @unit_id: a unit's id
 * @need_id: a need's id; for whole units, a place's id

 * @error: where an id that is not in the problem is reported
 *
 * Returns: whether the pair was added
 */
gboolean
linli_partner_problem_add_pair (LinliPartnerProblem *self,
                                gboolean             fixed,
                                const char          *unit_id,
                                const char          *need_id,
                                GError             **error)
{
  guint unit = GPOINTER_TO_UINT (g_hash_table_lookup (self->unit_index, unit_id));
  guint need = GPOINTER_TO_UINT (g_hash_table_lookup (self->need_index, need_id));
  LinliAssignPair pair;

  if (unit == 0)
    {
      g_set_error (error, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID,
                   _("No partner unit “%s” with a position"), unit_id);
      return FALSE;
    }
  if (need == 0)
    {
      g_set_error (error, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID,
                   self->whole ? _("No place “%s” with needs and a position")
                               : _("No need “%s” at a place with a position"), need_id);
      return FALSE;
    }

  pair = (LinliAssignPair) { unit - 1, need - 1 };
  g_array_append_val (fixed ? self->fixed : self->forbidden, pair);
  self->problem.n_fixed = self->fixed->len;
  self->problem.fixed = (const LinliAssignPair *) (gpointer) self->fixed->data;
  self->problem.n_forbidden = self->forbidden->len;
  self->problem.forbidden = (const LinliAssignPair *) (gpointer) self->forbidden->data;
  return TRUE;
}

/**
 * linli_partner_rule_applies:
 * @partners: the lists
 * @rule: a rule of the lists
 *
 * Returns: whether proposals can follow @rule: its unit and need exist and,
 *   for a fixed pair, the unit offers the need's category (a unit changed
 *   since may no longer)
 */
gboolean
linli_partner_rule_applies (LinliPartners          *partners,
                            const LinliPartnerRule *rule)
{
  const LinliPartnerUnit *u;
  const LinliPartnerNeed *n;

  g_return_val_if_fail (LINLI_IS_PARTNERS (partners), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  u = linli_partners_find (partners, LINLI_PARTNER_LIST_UNITS, rule->unit, NULL);
  n = linli_partners_find (partners, LINLI_PARTNER_LIST_NEEDS, rule->need, NULL);
  if (u == NULL || n == NULL)
    return FALSE;
  if (rule->kind == LINLI_PARTNER_RULE_FORBIDDEN)
    return TRUE;
  for (guint r = 0; r < u->n_resources; r++)
    if (g_strcmp0 (u->resources[r].category, n->category) == 0)
      return TRUE;
  return FALSE;
}

/**
 * linli_partner_problem_apply_rules:
 * @self: a problem
 * @project: the project it was made from
 * @rules: the rules to propose with (the project's own, or those of
 *   `linli-tool assign`'s options)
 *
 * Applies what @rules ask beyond the maximum distance, which the problem
 * was made with: walks along the streets unless straight lines, every
 * community at least its minimum, and the pairs fixed and forbidden.  A
 * rule of a unit or need that takes no part (it has no position) is left
 * out, and so is a fixed rule whose unit no longer offers the need's
 * category (linli_partner_rule_applies() says which); for whole units a
 * rule pairs the unit with its need's place.
 */
void
linli_partner_problem_apply_rules (LinliPartnerProblem     *self,
                                   LinliProject            *project,
                                   const LinliPartnerRules *rules)
{
  LinliPartners *partners;

  g_return_if_fail (self != NULL);
  g_return_if_fail (LINLI_IS_PROJECT (project));
  g_return_if_fail (rules != NULL);

  partners = linli_project_get_partners (project);
  if (!rules->straight_line)
    linli_partner_problem_use_streets (self, project);
  if (rules->every_community)
    linli_partner_problem_set_community_minimum (self, project, rules->community_minimum);
  for (guint i = 0; i < rules->n_rules; i++)
    {
      const LinliPartnerRule *rule = &rules->rules[i];
      const char *need = rule->need;

      if (self->whole)
        {
          const LinliPartnerNeed *n = linli_partners_find (partners, LINLI_PARTNER_LIST_NEEDS,
                                                           rule->need, NULL);

          need = n != NULL ? n->place : NULL;
        }
      if (need == NULL || !g_hash_table_contains (self->unit_index, rule->unit) ||
          !g_hash_table_contains (self->need_index, need) ||
          !linli_partner_rule_applies (partners, rule))
        continue;
      linli_partner_problem_add_pair (self, rule->kind == LINLI_PARTNER_RULE_FIXED, rule->unit,
                                      need, NULL);
    }
}

/**
 * linli_partner_problem_use_streets:
 * @self: a problem
 * @project: the project it was made from
 *
 * Measures every pair of a unit and a need (or place) along the project's
 * streets where both ends are near a street and the streets join them —
 * straight to the street, along it, straight to the place, as coverage
 * walks — and in a straight line otherwise.  One search per unit.
 *
 * Returns: how many pairs are walks along streets; 0 when the project has
 *   no streets (the problem then stays with straight lines)
 */
guint
linli_partner_problem_use_streets (LinliPartnerProblem *self,
                                   LinliProject        *project)
{
  const LinliProjection *projection;
  g_autoptr (LinliWalk) walk = NULL;
  g_autofree LinliWalkSnap *snaps = NULL;
  g_autofree double *row = NULL;
  guint n_units, n_needs;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (LINLI_IS_PROJECT (project), 0);

  self->n_street_pairs = 0;
  g_clear_pointer (&self->distances, g_free);
  self->problem.distances = NULL;
  if (!linli_project_has_streets (project))
    return 0;

  projection = linli_project_get_projection (project);
  /* Only the streets: the buildings need no snapping here. */
  walk = linli_walk_new (linli_project_get_streets (project), projection, NULL, 0);
  n_units = self->problem.n_units;
  n_needs = self->problem.n_needs;
  snaps = g_new (LinliWalkSnap, MAX (n_needs, 1));
  row = g_new (double, MAX (n_needs, 1));
  for (guint n = 0; n < n_needs; n++)
    {
      double x, y;

      linli_projection_forward (projection, self->problem.needs[n].position.lat,
                                self->problem.needs[n].position.lon, &x, &y);
      linli_walk_snap (walk, x, y, &snaps[n]);
    }
  self->distances = g_new (double, MAX ((gsize) n_units * n_needs, 1));
  for (guint u = 0; u < n_units; u++)
    {
      double x, y;

      linli_projection_forward (projection, self->problem.units[u].lat,
                                self->problem.units[u].lon, &x, &y);
      linli_walk_distances_from (walk, x, y, snaps, n_needs, INFINITY, row);
      for (guint n = 0; n < n_needs; n++)
        {
          double *d = &self->distances[(gsize) u * n_needs + n];

          if (isfinite (row[n]))
            {
              *d = row[n];
              self->n_street_pairs++;
            }
          else
            *d = linli_haversine_distance (self->problem.units[u].lat, self->problem.units[u].lon,
                                           self->problem.needs[n].position.lat,
                                           self->problem.needs[n].position.lon);
        }
    }
  self->problem.distances = self->distances;
  return self->n_street_pairs;
}

/**
 * linli_partner_problem_describe_distances:
 * @self: a problem
 *
 * Returns: (transfer full): how the problem's distances were measured, a
 *   line for people ending in a newline
 */
char *
linli_partner_problem_describe_distances (const LinliPartnerProblem *self)
{
  guint64 pairs;

  g_return_val_if_fail (self != NULL, NULL);

  pairs = (guint64) self->problem.n_units * self->problem.n_needs;
  if (self->distances == NULL)
    return g_strdup (_("Distances: straight lines, not walks along streets\n"));
  if (self->n_street_pairs == pairs)
    return g_strdup (_("Distances: walks along the streets\n"));
  {
    g_autofree char *streets = linli_format_count (self->n_street_pairs);
    g_autofree char *all = linli_format_count (pairs);

    /* Translators: how many unit–place pairs were measured along streets, of how many */
    return g_strdup_printf (_("Distances: walks along the streets for %s of %s pairs; straight "
                              "lines where an end is far from the streets or the streets do not "
                              "join them\n"), streets, all);
  }
}

/**
 * linli_partner_place_community:
 * @project: a project
 * @kind: the kind of place
 * @place: the id of a community, compound or grid
 *
 * Returns: the index of the community the place is or lies in, or -1 when
 *   there is no such place or it belongs to no community
 */
int
linli_partner_place_community (LinliProject          *project,
                               LinliPartnerPlaceKind  kind,
                               const char            *place)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (project), -1);

  switch (kind)
    {
    case LINLI_PARTNER_PLACE_COMMUNITY:
      return linli_project_find_community (project, place);
    case LINLI_PARTNER_PLACE_COMPOUND:
      {
        int k = linli_project_find_compound (project, place);
        guint c;

        if (k < 0)
          return -1;
        c = linli_project_get_compound (project, k)->community;
        return c < linli_project_get_n_communities (project) ? (int) c : -1;
      }
    case LINLI_PARTNER_PLACE_GRID:
      {
        LinliGrid *grid = linli_grids_find (linli_project_get_grids (project), place, NULL);
        guint c = grid != NULL ? linli_grid_get_community (grid) : G_MAXUINT;

        return c < linli_project_get_n_communities (project) ? (int) c : -1;
      }
    default:
      return -1;
    }
}

/**
 * linli_partner_problem_set_community_minimum:
 * @self: a problem
 * @project: the project it was made from
 * @minimum: what each community wants at least in all, in its needs'
 *   measures a month (1: one unit serves it at all); 0 takes the rule off
 *
 * Groups the problem's needs by community (a compound's or grid's need by
 * the community it lies in) and asks the solver to give every community
 * with needs at least @minimum (or all it needs, when that is less) before
 * priorities count.
 */
void
linli_partner_problem_set_community_minimum (LinliPartnerProblem *self,
                                             LinliProject        *project,
                                             double               minimum)
{
  LinliPartners *partners;

  g_return_if_fail (self != NULL);
  g_return_if_fail (LINLI_IS_PROJECT (project));

  partners = linli_project_get_partners (project);
  g_clear_pointer (&self->groups, g_array_unref);
  self->problem.groups = NULL;
  self->problem.n_groups = 0;
  self->problem.group_minimum = 0;
  if (!(minimum > 0) || !isfinite (minimum))
    return;

  self->groups = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->needs->len);
  for (guint i = 0; i < self->needs->len; i++)
    {
      LinliPartnerPlaceKind kind;
      const char *place;
      int c;
      guint group;

      if (self->whole)
        {
          kind = g_array_index (self->place_kinds, LinliPartnerPlaceKind, i);
          place = self->place_ids->pdata[i];
        }
      else
        {
          const LinliPartnerNeed *n =
            linli_partners_get_need (partners, g_array_index (self->need_positions, guint, i));

          kind = n->place_kind;
          place = n->place;
        }
      c = linli_partner_place_community (project, kind, place);
      group = c >= 0 ? (guint) c : LINLI_ASSIGN_NO_GROUP;
      g_array_append_val (self->groups, group);
    }
  self->problem.n_groups = linli_project_get_n_communities (project);
  self->problem.groups = (const guint *) (gpointer) self->groups->data;
  self->problem.group_minimum = minimum;
}

/**
 * linli_partner_problem_free:
 * @self: (nullable): a problem
 *
 * Frees @self.
 */
void
linli_partner_problem_free (LinliPartnerProblem *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->unit_positions);
  g_array_unref (self->need_positions);
  g_array_unref (self->offer_resources);
  g_ptr_array_unref (self->unplaced_units);
  g_ptr_array_unref (self->unplaced_needs);
  g_array_unref (self->units);
  g_array_unref (self->offers);
  g_array_unref (self->needs);
  g_array_unref (self->fixed);
  g_array_unref (self->forbidden);
  g_hash_table_unref (self->unit_index);
  g_hash_table_unref (self->need_index);
  g_clear_pointer (&self->place_kinds, g_array_unref);
  g_clear_pointer (&self->place_ids, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);
  g_free (self->distances);
  g_free (self);
}
