/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-grid"

#include "config.h"

#include "linli-grid-propose.h"

#include "linli-districting.h"
#include "linli-geos.h"
#include "linli-grid-edits.h"
#include "linli-grids.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* How the community becomes a graph:
 * - its area is the community's boundary (drawn, or derived from its
 *   buildings) joined with the hull of its buildings, less the locked grids
 *   and less a strip of ROAD_GAP metres either side of every major road
 *   (secondary and primary streets), so cells on the two sides of a road
 *   never touch, and less the project's water: its areas, and its lines
 *   buffered by half their width or WATER_GAP metres, whichever is more;
 * - every building gets the Voronoi cell of its position within that area;
 * - a unit is a compound (the union of its buildings' cells) or, for a
 *   compound holding more than the maximum, each of its buildings;
 * - two units are joined when their cells share at least MIN_SHARED metres
 *   of boundary.
 */
#define ROAD_GAP    1.0
#define WATER_GAP   3.0    /* m: the least a waterway takes either side of its line */
#define MIN_SHARED  1.0
#define TOUCH       0.25   /* m: edges closer than this are one edge */

typedef struct
{
  guint         compound;    /* index in the project */
  int           building;    /* the building, for a unit of one; -1 for a whole compound */
  guint32       households;
  gboolean      piece;       /* one of several pieces of a compound or building */
  GEOSGeometry *geometry;
} Unit;

/* Auxiliary methods */

static void
collect_cb (void *item,
            void *data)
{
  g_array_append_val ((GArray *) data, *(guint *) item);
}

static void
unit_clear (Unit *unit)
{
  linli_geos_free (unit->geometry);
}

/* The major roads of the project within reach of @area, as one geometry. */
static GEOSGeometry *
major_roads (LinliProject          *project,
             const GEOSGeometry    *area,
             const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  const LinliStreets *streets = linli_project_get_streets (project);
  const LinliLatLon *nodes = linli_streets_get_nodes (streets);
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  const GEOSPreparedGeometry *prepared = GEOSPrepare_r (h, area);
  GEOSGeometry *result = NULL;

  for (guint w = 0; w < linli_streets_get_n_ways (streets); w++)
    {
      LinliStreetKind kind;
      guint n;
      const guint32 *way = linli_streets_get_way (streets, w, &kind, &n);
      GEOSCoordSequence *seq;
      GEOSGeometry *line;

      if (kind < LINLI_STREET_SECONDARY || n < 2)
        continue;
      seq = GEOSCoordSeq_create_r (h, n, 2);
      for (guint k = 0; k < n; k++)
        {
          double x, y;

          linli_projection_forward (projection, nodes[way[k]].lat, nodes[way[k]].lon, &x, &y);
          GEOSCoordSeq_setXY_r (h, seq, k, x, y);
        }
      line = GEOSGeom_createLineString_r (h, seq);
      if (line != NULL && GEOSPreparedIntersects_r (h, prepared, line) == 1)
        g_ptr_array_add (lines, line);
      else
        linli_geos_free (line);
    }
  GEOSPreparedGeom_destroy_r (h, prepared);
  if (lines->len > 0)
    {
      GEOSGeometry *all = GEOSGeom_createCollection_r (h, GEOS_MULTILINESTRING,
                                                       (GEOSGeometry **) lines->pdata, lines->len);
      result = GEOSBuffer_r (h, all, ROAD_GAP, 2);
      linli_geos_free (all);
    }
  return result;
}

/* The project's water within reach of @area, as one geometry: its areas,
 * and its lines as strips as wide as they are (at least 2 × WATER_GAP). */
static GEOSGeometry *
water_barrier (LinliProject          *project,
               const GEOSGeometry    *area,
               const LinliProjection *projection)
{
  GEOSContextHandle_t h = linli_geos_context ();
  const LinliWater *water = linli_project_get_water (project);
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  const GEOSPreparedGeometry *prepared;
  GEOSGeometry *result = NULL;

  if (linli_water_is_empty (water))
    return NULL;
  prepared = GEOSPrepare_r (h, area);
  for (guint i = 0; i < linli_water_get_n_lines (water); i++)
    {
      double width;
      guint n;
      const LinliLatLon *points = linli_water_get_line (water, i, NULL, NULL, &width, &n);
      GEOSGeometry *line = linli_geos_from_line (points, n, projection);

      if (line != NULL && GEOSPreparedIntersects_r (h, prepared, line) == 1)
        {
          GEOSGeometry *strip = GEOSBuffer_r (h, line, MAX (width / 2, WATER_GAP), 2);

          if (strip != NULL)
            g_ptr_array_add (parts, strip);
        }
      linli_geos_free (line);
    }
  for (guint i = 0; i < linli_water_get_n_areas (water); i++)
    {
      LinliPolygon *outline = linli_water_get_area (water, i, NULL, NULL);
      GEOSGeometry *polygon = linli_geos_from_polygon (outline, projection);

      if (polygon != NULL && GEOSPreparedIntersects_r (h, prepared, polygon) == 1)
        g_ptr_array_add (parts, polygon);
      else
        linli_geos_free (polygon);
    }
  GEOSPreparedGeom_destroy_r (h, prepared);
  if (parts->len > 0)
    {
      GEOSGeometry *all = GEOSGeom_createCollection_r (h, GEOS_GEOMETRYCOLLECTION,
                                                       (GEOSGeometry **) parts->pdata, parts->len);
      result = GEOSUnaryUnion_r (h, all);
      linli_geos_free (all);
    }
  return result;
}

static char *
unit_name (LinliProject *project,
           const Unit   *unit)
{
  const LinliCompound *compound = linli_project_get_compound (project, unit->compound);
  const char *compound_name = compound->name != NULL && compound->name[0] ? compound->name : compound->id;

  if (unit->building < 0)
    return g_strdup (compound_name);
  {
    const LinliBuilding *b = linli_project_get_building (project, unit->building);
    const char *name = b->name != NULL && b->name[0] ? b->name : b->id;

    /* TRANSLATORS: a building and the compound it is in. */
    return g_strdup_printf (_("%s (%s)"), name, compound_name);
  }
}

static char *
unit_list (LinliProject *project,
           GArray       *units,
           const guint32 *which,
           guint         n)
{
  GString *list = g_string_new (NULL);

  if (n == units->len && n > 1)
    {
      g_string_append (list, _("the whole community"));
      return g_string_free (list, FALSE);
    }
  for (guint k = 0; k < n && k < 8; k++)
    {
      g_autofree char *name = unit_name (project, &g_array_index (units, Unit, which[k]));

      if (k > 0)
        g_string_append (list, _(", "));
      g_string_append (list, name);
    }
  if (n > 8)
    g_string_append_printf (list, _(" and %u more"), n - 8);
  return g_string_free (list, FALSE);
}

/* The culprits as sentences a secretary can act on. */
static char **
describe_culprits (LinliProject                 *project,
                   GArray                       *units,
                   const LinliDistrictingResult *result,
                   guint                         min,
                   guint                         max)
{
  GPtrArray *sentences = g_ptr_array_new ();

  for (guint c = 0; c < result->n_culprits; c++)
    {
      const LinliDistrictingCulprit *k = &result->culprits[c];
      g_autofree char *list = unit_list (project, units, k->units, k->n_units);
      char *s = NULL;

      switch (k->problem)
        {
        case LINLI_DISTRICTING_UNIT_ABOVE_MAX:
          {
            const Unit *u = &g_array_index (units, Unit, k->units[0]);

            if (u->building < 0)
              s = g_strdup_printf (_("Compound %s has %u households, more than the maximum of %u, and no buildings to split it by"),
                                   list, (guint) k->households, max);
            else
              s = g_strdup_printf (_("Building %s alone has %u households, more than the maximum of %u"),
                                   list, (guint) k->households, max);
          }
          break;
        case LINLI_DISTRICTING_COMPONENT_BELOW_MIN:
          if (k->n_units == 1)
            s = g_strdup_printf (_("%s is cut off from the rest (by major roads, water or distance) and holds %u households, fewer than the minimum of %u"),
                                 list, (guint) k->households, min);
          else
            s = g_strdup_printf (_("These %u compounds or buildings are cut off from the rest (by major roads, water or distance) and hold %u households, fewer than the minimum of %u: %s"),
                                 k->n_units, (guint) k->households, min, list);
          break;
        case LINLI_DISTRICTING_COMPONENT_NO_COUNT:
          s = g_strdup_printf (_("No number of grids fits %u households into %u–%u per grid: %s"),
                               (guint) k->households, min, max, list);
          break;
        case LINLI_DISTRICTING_COUNT_OUT_OF_RANGE:
          s = g_strdup_printf (_("%u grids cannot hold %u households at %u–%u each; between %u and %u grids can"),
                               k->k_requested, (guint) k->households, min, max, k->k_min, k->k_max);
          break;
        case LINLI_DISTRICTING_NOT_FOUND:
          if (k->proven)
            s = g_strdup_printf (_("No division into contiguous grids of %u–%u households exists for these units: %s"),
                                 min, max, k->n_units > 0 ? list : _("the whole community"));
          else
            s = g_strdup_printf (_("No division into contiguous grids of %u–%u households was found for these units (the search gave up; none may exist): %s"),
                                 min, max, k->n_units > 0 ? list : _("the whole community"));
          break;
        }
      g_ptr_array_add (sentences, s);
    }
  if (sentences->len == 0)
    g_ptr_array_add (sentences, g_strdup (_("No division was found")));
  g_ptr_array_add (sentences, NULL);
  return (char **) g_ptr_array_free (sentences, FALSE);
}

/* Public API */

void
linli_grid_propose_options_init (LinliGridProposeOptions *options)
{
  *options = (LinliGridProposeOptions) { 0, 0, 0, 1 };
}

/**
 * linli_grid_propose:
 * @community: which community to divide
 * @options: the household range (0: the project's), the number of grids
 *   (0: Linli chooses) and a seed
 *
 * Proposes grids for @community.  The proposal keeps every grid within the
 * range and contiguous, keeps compounds whole unless one alone holds more
 * than the maximum, and among such divisions has the least boundary
 * between grids (proven least for small communities, see
 * linli-districting.h).  When no division meets the rules, the proposal
 * has no grids and says why, naming the compounds and buildings.
 *
 * Returns: (transfer full): the proposal, or %NULL with @error set when
 *   the community has nothing to divide or the search was cancelled
 */
LinliGridProposal *
linli_grid_propose (LinliDocument                 *document,
                    guint                          community,
                    const LinliGridProposeOptions *options,
                    GCancellable                  *cancellable,
                    GError                       **error)
{
  GEOSContextHandle_t h = linli_geos_context ();
  LinliProject *project = linli_document_get_project (document);
  LinliGrids *grids = linli_project_get_grids (project);
  const LinliProjection *projection = linli_project_get_projection (project);
  const LinliGridAssignment *assignment = linli_document_get_grid_assignment (document);
  const int *building_grid = linli_grid_assignment_get_building_grids (assignment);
  const LinliBuilding *buildings = linli_project_get_buildings (project);
  guint min = options->min_households ? options->min_households : linli_grids_get_min_households (grids);
  guint max = options->max_households ? options->max_households : linli_grids_get_max_households (grids);
  g_autoptr (LinliGridProposal) proposal = g_new0 (LinliGridProposal, 1);
  g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) units = g_array_new (FALSE, FALSE, sizeof (Unit));
  g_autoptr (GArray) unit_edges = g_array_new (FALSE, FALSE, sizeof (LinliDistrictingEdge));
  g_autofree guint64 *compound_households = NULL;
  g_autofree int *compound_unit = NULL;
  g_autofree double *xy = NULL;
  g_autofree guint *building_unit = NULL;
  GEOSGeometry **cells = NULL;
  GEOSGeometry *area = NULL, *hull_geometry = NULL, *roads, *water;
  LinliPolygon *boundary;
  g_autoptr (LinliPolygon) hull = NULL;
  g_autoptr (LinliDistrictingResult) result = NULL;
  LinliDistrictingOptions dopts;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 0);
  guint n_compounds = linli_project_get_n_compounds (project);

  g_return_val_if_fail (community < linli_project_get_n_communities (project), NULL);
  g_return_val_if_fail (min > 0 && min <= max, NULL);

  g_array_set_clear_func (units, (GDestroyNotify) unit_clear);
  proposal->states = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_grid_state_free);

  /* The buildings to divide: the community's, less those in locked grids. */
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      if (linli_project_building_community (project, i) != community)
        continue;
      if (building_grid[i] >= 0 && linli_grid_get_locked (linli_grids_get_grid (grids, building_grid[i])))
        continue;
      g_array_append_val (members, i);
    }
  if (members->len == 0)
    {
      g_set_error (error, LINLI_GRID_ERROR, LINLI_GRID_ERROR_INVALID,
                   _("community “%s” has no buildings outside locked grids to divide"),
                   linli_project_get_community (project, community)->name);
      return NULL;
    }

  /* The area: the boundary and the buildings' hull, less locked grids and roads. */
  xy = g_new (double, 2 * members->len);
  {
    g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));

    g_array_set_size (keys, members->len);
    for (guint k = 0; k < members->len; k++)
      {
        const LinliBuilding *b = &buildings[g_array_index (members, guint, k)];
        double x, y;
        gint64 *key = &g_array_index (keys, gint64, k);

        g_array_append_val (points, ((LinliLatLon) { b->lat, b->lon }));
        linli_projection_forward (projection, b->lat, b->lon, &x, &y);
        /* Buildings at one place would share a cell: move each later one
         * a few centimetres so every building has a cell of its own. */
        for (guint attempt = 0;; attempt++)
          {
            *key = (gint64) (((guint64) llround (x * 100) << 32) ^ (guint64) llround (y * 100));
            if (!g_hash_table_contains (seen, key))
              break;
            x += 0.05 * cos (attempt * 2.4);
            y += 0.05 * sin (attempt * 2.4);
          }
        g_hash_table_add (seen, key);
        xy[2 * k] = x;
        xy[2 * k + 1] = y;
      }
    hull = linli_polygon_hull ((LinliLatLon *) points->data, points->len, 30.0, projection);
  }
  boundary = linli_document_get_community_boundary (document, community, NULL);
  hull_geometry = linli_geos_from_polygon (hull, projection);
  if (boundary != NULL)
    {
      GEOSGeometry *b = linli_geos_from_polygon (boundary, projection);
      area = GEOSUnion_r (h, b, hull_geometry);
      linli_geos_free (b);
    }
  else
    area = GEOSGeom_clone_r (h, hull_geometry);
  linli_geos_free (hull_geometry);
  for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, g);

      if (linli_grid_get_community (grid) == community && linli_grid_get_locked (grid))
        {
          GEOSGeometry *locked = linli_geos_from_polygon (linli_grid_get_polygon (grid), projection);
          GEOSGeometry *rest = GEOSDifference_r (h, area, locked);

          linli_geos_free (locked);
          linli_geos_free (area);
          area = rest;
          proposal->n_locked++;
        }
    }
  roads = major_roads (project, area, projection);
  if (roads != NULL)
    {
      GEOSGeometry *rest = GEOSDifference_r (h, area, roads);

      linli_geos_free (area);
      linli_geos_free (roads);
      area = rest;
    }
  water = water_barrier (project, area, projection);
  if (water != NULL)
    {
      GEOSGeometry *rest = GEOSDifference_r (h, area, water);

      linli_geos_free (area);
      linli_geos_free (water);
      area = rest;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      linli_geos_free (area);
      return NULL;
    }
  cells = linli_geos_voronoi_cells (xy, members->len, area);
  linli_geos_free (area);
  /* A cell cut by a road or water keeps only the side its building is on. */
  for (guint k = 0; k < members->len; k++)
    if (cells[k] != NULL && GEOSGetNumGeometries_r (h, cells[k]) > 1)
      {
        GEOSGeometry *point = GEOSGeom_createPointFromXY_r (h, xy[2 * k], xy[2 * k + 1]);
        const GEOSGeometry *best = NULL;
        double best_distance = G_MAXDOUBLE;

        for (int p = 0; p < GEOSGetNumGeometries_r (h, cells[k]); p++)
          {
            const GEOSGeometry *part = GEOSGetGeometryN_r (h, cells[k], p);
            double distance = G_MAXDOUBLE;

            GEOSDistance_r (h, part, point, &distance);
            if (distance < best_distance)
              best = part, best_distance = distance;
          }
        if (best != NULL)
          {
            GEOSGeometry *kept = GEOSGeom_clone_r (h, best);

            linli_geos_free (cells[k]);
            cells[k] = kept;
          }
        linli_geos_free (point);
      }

  /* Units: whole compounds, or the buildings of a compound above the maximum. */
  compound_households = g_new0 (guint64, n_compounds + 1);
  compound_unit = g_new (int, n_compounds + 1);
  for (guint c = 0; c < n_compounds; c++)
    compound_unit[c] = -1;
  for (guint k = 0; k < members->len; k++)
    {
      const LinliBuilding *b = &buildings[g_array_index (members, guint, k)];
      compound_households[b->compound] += b->households;
    }
  building_unit = g_new (guint, members->len);
  for (guint k = 0; k < members->len; k++)
    {
      guint i = g_array_index (members, guint, k);
      const LinliBuilding *b = &buildings[i];

      if (compound_households[b->compound] > max)
        {
          Unit unit = { b->compound, i, b->households, FALSE, NULL };

          building_unit[k] = units->len;
          g_array_append_val (units, unit);
        }
      else
        {
          if (compound_unit[b->compound] < 0)
            {
              Unit unit = { b->compound, -1, 0, FALSE, NULL };

              compound_unit[b->compound] = units->len;
              g_array_append_val (units, unit);
            }
          building_unit[k] = compound_unit[b->compound];
          g_array_index (units, Unit, building_unit[k]).households += b->households;
        }
    }
  for (guint c = 0; c < n_compounds; c++)
    proposal->n_compounds_split += compound_households[c] > max;

  /* Each unit's outline: the union of its buildings' cells. */
  {
    g_autoptr (GPtrArray) parts = g_ptr_array_new ();
    g_autofree guint *order = g_new (guint, members->len);
    g_autofree guint *start = g_new0 (guint, units->len + 1);

    for (guint k = 0; k < members->len; k++)
      start[building_unit[k] + 1]++;
    for (guint u = 0; u < units->len; u++)
      start[u + 1] += start[u];
    {
      g_autofree guint *fill = g_memdup2 (start, (units->len + 1) * sizeof (guint));

      for (guint k = 0; k < members->len; k++)
        order[fill[building_unit[k]]++] = k;
    }
    for (guint u = 0; u < units->len; u++)
      {
        Unit *unit = &g_array_index (units, Unit, u);
        GEOSGeometry *collection;

        g_ptr_array_set_size (parts, 0);
        for (guint j = start[u]; j < start[u + 1]; j++)
          if (cells[order[j]] != NULL)
            {
              g_ptr_array_add (parts, cells[order[j]]);
              cells[order[j]] = NULL;
            }
        if (parts->len == 0)
          continue;
        collection = GEOSGeom_createCollection_r (h, GEOS_GEOMETRYCOLLECTION,
                                                  (GEOSGeometry **) parts->pdata, parts->len);
        unit->geometry = GEOSUnaryUnion_r (h, collection);
        linli_geos_free (collection);
      }

    /* A compound whose buildings' cells fall apart (a major road through
     * it, or another compound's buildings between its own) is already
     * divided on the ground: each piece becomes a unit, still marked as
     * the compound's so that the search keeps the pieces together when it
     * can, and each building's households go to the piece it stands in. */
    for (guint u = 0, n = units->len; u < n; u++)
      {
        GEOSGeometry *whole = g_array_index (units, Unit, u).geometry;
        int n_parts = whole != NULL ? GEOSGetNumGeometries_r (h, whole) : 0;
        guint first_piece = units->len;

        if (n_parts <= 1)
          continue;
        for (int p = 1; p < n_parts; p++)
          {
            Unit piece = g_array_index (units, Unit, u);

            piece.households = 0;
            piece.piece = TRUE;
            piece.geometry = GEOSGeom_clone_r (h, GEOSGetGeometryN_r (h, whole, p));
            g_array_append_val (units, piece);
          }
        {
          Unit *unit = &g_array_index (units, Unit, u);

          unit->geometry = GEOSGeom_clone_r (h, GEOSGetGeometryN_r (h, whole, 0));
          unit->piece = TRUE;
          unit->households = 0;
        }
        for (guint j = start[u]; j < start[u + 1]; j++)
          {
            guint k = order[j];
            GEOSGeometry *point = GEOSGeom_createPointFromXY_r (h, xy[2 * k], xy[2 * k + 1]);
            guint best = u;
            double best_distance = G_MAXDOUBLE;

            for (guint v = u; v < units->len; v = v == u ? first_piece : v + 1)
              {
                double distance = G_MAXDOUBLE;

                GEOSDistance_r (h, g_array_index (units, Unit, v).geometry, point, &distance);
                if (distance < best_distance)
                  best = v, best_distance = distance;
              }
            linli_geos_free (point);
            building_unit[k] = best;
            g_array_index (units, Unit, best).households += buildings[g_array_index (members, guint, k)].households;
          }
        linli_geos_free (whole);
      }
  }
  for (guint k = 0; k < members->len; k++)
    linli_geos_free (cells[k]);
  g_clear_pointer (&cells, g_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Edges: units whose outlines share a boundary. */
  {
    GEOSSTRtree *tree = GEOSSTRtree_create_r (h, 10);
    g_autofree GEOSGeometry **grown = g_new0 (GEOSGeometry *, units->len + 1);
    g_autofree guint *ids = g_new (guint, units->len + 1);
    g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint u = 0; u < units->len; u++)
      {
        Unit *unit = &g_array_index (units, Unit, u);

        ids[u] = u;
        if (unit->geometry == NULL)
          continue;
        grown[u] = GEOSBuffer_r (h, unit->geometry, TOUCH, 2);
        GEOSSTRtree_insert_r (h, tree, grown[u], &ids[u]);
      }
    for (guint u = 0; u < units->len; u++)
      {
        Unit *unit = &g_array_index (units, Unit, u);
        GEOSGeometry *outline;

        if (unit->geometry == NULL)
          continue;
        outline = GEOSBoundary_r (h, unit->geometry);
        g_array_set_size (found, 0);
        GEOSSTRtree_query_r (h, tree, unit->geometry, collect_cb, found);
        for (guint k = 0; k < found->len; k++)
          {
            guint v = g_array_index (found, guint, k);
            GEOSGeometry *shared;
            double length = 0;

            if (v <= u)
              continue;
            shared = GEOSIntersection_r (h, outline, grown[v]);
            if (shared != NULL)
              GEOSLength_r (h, shared, &length);
            linli_geos_free (shared);
            if (length >= MIN_SHARED)
              {
                LinliDistrictingEdge edge = { u, v, length };
                g_array_append_val (unit_edges, edge);
              }
          }
        linli_geos_free (outline);
      }
    for (guint u = 0; u < units->len; u++)
      linli_geos_free (grown[u]);
    GEOSSTRtree_destroy_r (h, tree);
  }

  /* Divide. */
  {
    g_autofree LinliDistrictingUnit *dunits = g_new0 (LinliDistrictingUnit, units->len + 1);

    for (guint u = 0; u < units->len; u++)
      {
        const Unit *unit = &g_array_index (units, Unit, u);
        LinliDistrictingUnit *d = &dunits[u];

        d->households = unit->households;
        d->compound = unit->building >= 0 || unit->piece ? unit->compound : LINLI_DISTRICTING_NO_COMPOUND;
        if (unit->geometry != NULL)
          {
            GEOSGeometry *centroid = GEOSGetCentroid_r (h, unit->geometry);

            GEOSArea_r (h, unit->geometry, &d->area);
            GEOSLength_r (h, unit->geometry, &d->perimeter);
            GEOSGeomGetX_r (h, centroid, &d->x);
            GEOSGeomGetY_r (h, centroid, &d->y);
            linli_geos_free (centroid);
          }
      }
    linli_districting_options_init (&dopts);
    dopts.min_households = min;
    dopts.max_households = max;
    dopts.n_grids = options->n_grids;
    dopts.seed = options->seed;
    result = linli_districting_solve (dunits, units->len, (LinliDistrictingEdge *) unit_edges->data,
                                      unit_edges->len, &dopts, cancellable, error);
    if (result == NULL)
      return NULL;
  }

  proposal->n_units = units->len;
  proposal->k_min = result->k_min;
  proposal->k_max = result->k_max;
  if (!result->found)
    {
      proposal->problems = describe_culprits (project, units, result, min, max);
      return g_steal_pointer (&proposal);
    }
  proposal->cut_length = result->cut_length;
  proposal->n_split_compounds = result->n_split_compounds;
  proposal->proven_optimal = result->proven_optimal;

  /* Each grid's outline: the union of its units'. */
  for (guint g = 0; g < result->n_grids; g++)
    {
      g_autoptr (GPtrArray) parts = g_ptr_array_new ();
      GEOSGeometry *collection, *merged;
      LinliGridState *state = g_new0 (LinliGridState, 1);

      for (guint u = 0; u < units->len; u++)
        {
          Unit *unit = &g_array_index (units, Unit, u);

          if (result->grid[u] == g && unit->geometry != NULL)
            g_ptr_array_add (parts, GEOSGeom_clone_r (h, unit->geometry));
        }
      collection = GEOSGeom_createCollection_r (h, GEOS_GEOMETRYCOLLECTION,
                                                (GEOSGeometry **) parts->pdata, parts->len);
      merged = GEOSUnaryUnion_r (h, collection);
      state->polygon = linli_geos_to_polygon (merged, projection);
      state->community = community;
      linli_geos_free (merged);
      linli_geos_free (collection);
      if (state->polygon == NULL)
        {
          linli_grid_state_free (state);
          continue;
        }
      g_ptr_array_add (proposal->states, state);
    }
  return g_steal_pointer (&proposal);
}

void
linli_grid_proposal_free (LinliGridProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_clear_pointer (&proposal->states, g_ptr_array_unref);
  g_strfreev (proposal->problems);
  g_free (proposal);
}

/**
 * linli_grid_proposal_apply:
 *
 * Replaces the unlocked grids of @community by the proposal's, numbered
 * and named, as one undoable step.
 */
void
linli_grid_proposal_apply (LinliGridProposal *proposal,
                           LinliDocument     *document,
                           guint              community)
{
  LinliHistory *history = linli_document_get_history (document);
  LinliProject *project = linli_document_get_project (document);

  g_return_if_fail (proposal->problems == NULL);

  linli_history_begin_group (history, _("Propose Grids"));
  linli_grid_edits_replace (history, _("Propose Grids"), community, proposal->states);
  linli_grid_edits_renumber (history, community);
  /* Names follow the codes: "Grid 1", "Grid 2" … in reading order. */
  {
    LinliGrids *grids = linli_project_get_grids (project);

    for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
      {
        LinliGrid *grid = linli_grids_get_grid (grids, g);
        const char *code = linli_grid_get_code (grid);
        g_autoptr (LinliGridState) state = NULL;
        gsize len;

        if (linli_grid_get_community (grid) != community || linli_grid_get_locked (grid) ||
            linli_grid_get_name (grid) != NULL || code == NULL || (len = strlen (code)) < 3)
          continue;
        state = linli_grid_state_copy (linli_grid_get_state (grid));
        state->name = g_strdup_printf (_("Grid %u"), (guint) g_ascii_strtoull (code + len - 3, NULL, 10));
        linli_grid_edits_change (history, _("Propose Grids"), grid, state);
      }
  }
  linli_history_end_group (history);
}
