/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-grid"

#include "config.h"

#include "linli-grid-assignment.h"

#include "linli-geos.h"
#include "linli-grids.h"

#include <math.h>

struct _LinliGridAssignment
{
  guint             n_grids;
  int              *building_grid;   /* per building: grid position or -1 */
  LinliGridFigures *figures;         /* per grid */
  GArray           *unassigned;      /* guint: buildings in no grid */
  GArray           *shared;          /* guint: buildings in more than one grid */
  GArray           *overlaps;        /* LinliGridOverlap */
};

/* The overlap cache: the area two outlines share, by the pair of
 * outlines.  Outlines are immutable values, so a pointer names one; the
 * cache holds a reference to each so no address is reused while cached. */

typedef struct
{
  LinliPolygon *a;
  LinliPolygon *b;
  double        area;
  guint         generation;
} OverlapEntry;

struct _LinliGridOverlapCache
{
  GHashTable *entries;   /* OverlapEntry → itself */
  guint       generation;
};

static guint
overlap_hash (gconstpointer key)
{
  const OverlapEntry *e = key;

  return g_direct_hash (e->a) * 31 + g_direct_hash (e->b);
}

static gboolean
overlap_equal (gconstpointer x,
               gconstpointer y)
{
  const OverlapEntry *p = x, *q = y;

  return p->a == q->a && p->b == q->b;
}

static void
overlap_entry_free (gpointer data)
{
  OverlapEntry *e = data;

  linli_polygon_unref (e->a);
  linli_polygon_unref (e->b);
  g_free (e);
}

/**
 * linli_grid_overlap_cache_new:
 *
 * Returns: (transfer full): an empty cache
 */
LinliGridOverlapCache *
linli_grid_overlap_cache_new (void)
{
  LinliGridOverlapCache *cache = g_new0 (LinliGridOverlapCache, 1);

  cache->entries = g_hash_table_new_full (overlap_hash, overlap_equal, overlap_entry_free, NULL);
  return cache;
}

void
linli_grid_overlap_cache_free (LinliGridOverlapCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->entries);
  g_free (cache);
}

/* Auxiliary methods */

typedef struct
{
  GEOSContextHandle_t         h;
  const GEOSPreparedGeometry *prepared;
  guint                       grid;
} Entry;

typedef struct
{
  GArray *found;   /* guint: grid positions */
} Query;

static void
collect_cb (void *item,
            void *data)
{
  const Entry *entry = item;

  g_array_append_val (((Query *) data)->found, entry->grid);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Public API */

/**
 * linli_grid_assignment_new:
 *
 * Puts every building of @project in the grid whose outline holds its
 * position and sums what each grid holds.
 *
 * Returns: (transfer full): the assignment
 */
LinliGridAssignment *
linli_grid_assignment_new (LinliProject *project)
{
  g_autoptr (LinliGridOverlapCache) cache = linli_grid_overlap_cache_new ();

  return linli_grid_assignment_new_cached (project, cache);
}

/**
 * linli_grid_assignment_new_cached:
 * @cache: overlaps measured before, kept up to date
 *
 * As linli_grid_assignment_new(), measuring again only the overlaps of
 * outlines not measured before.
 *
 * Returns: (transfer full): the assignment
 */
LinliGridAssignment *
linli_grid_assignment_new_cached (LinliProject          *project,
                                  LinliGridOverlapCache *cache)
{
  GEOSContextHandle_t h = linli_geos_context ();
  LinliGrids *grids = linli_project_get_grids (project);
  const LinliProjection *projection = linli_project_get_projection (project);
  guint n_grids = linli_grids_get_n_grids (grids);
  guint n_buildings = linli_project_get_n_buildings (project);
  const LinliBuilding *buildings = linli_project_get_buildings (project);
  LinliGridAssignment *self = g_new0 (LinliGridAssignment, 1);
  g_autofree GEOSGeometry **geometries = g_new0 (GEOSGeometry *, n_grids + 1);
  g_autofree Entry *entries = g_new0 (Entry, n_grids + 1);
  GEOSSTRtree *tree = GEOSSTRtree_create_r (h, 10);
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  Query query = { found };
  g_autofree guint *grid_community = g_new (guint, n_grids + 1);
  guint min = linli_grids_get_min_households (grids);
  guint max = linli_grids_get_max_households (grids);

  self->n_grids = n_grids;
  self->building_grid = g_new (int, MAX (n_buildings, 1));
  self->figures = g_new0 (LinliGridFigures, MAX (n_grids, 1));
  self->unassigned = g_array_new (FALSE, FALSE, sizeof (guint));
  self->shared = g_array_new (FALSE, FALSE, sizeof (guint));
  self->overlaps = g_array_new (FALSE, FALSE, sizeof (LinliGridOverlap));

  for (guint g = 0; g < n_grids; g++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, g);
      LinliPolygon *polygon = linli_grid_get_polygon (grid);
      LinliGridFigures *f = &self->figures[g];

      grid_community[g] = linli_grid_get_community (grid);
      geometries[g] = linli_geos_from_polygon (polygon, projection);
      entries[g].h = h;
      entries[g].prepared = GEOSPrepare_r (h, geometries[g]);
      entries[g].grid = g;
      GEOSSTRtree_insert_r (h, tree, geometries[g], &entries[g]);

      GEOSArea_r (h, geometries[g], &f->area);
      GEOSLength_r (h, geometries[g], &f->perimeter);
      f->polsby_popper = f->perimeter > 0 ? 4 * G_PI * f->area / (f->perimeter * f->perimeter) : 0;
      f->contiguous = linli_polygon_get_n_parts (polygon) == 1;
    }

  /* Each building's position, looked up in the tree of grid envelopes and
   * tested against the prepared outlines of the candidates. */
  for (guint i = 0; i < n_buildings; i++)
    {
      double x, y;
      GEOSGeometry *point;
      guint first = G_MAXUINT, count = 0;

      linli_projection_forward (projection, buildings[i].lat, buildings[i].lon, &x, &y);
      point = GEOSGeom_createPointFromXY_r (h, x, y);
      g_array_set_size (found, 0);
      GEOSSTRtree_query_r (h, tree, point, collect_cb, &query);
      if (found->len > 1)
        g_array_sort (found, compare_uint);
      for (guint k = 0; k < found->len; k++)
        {
          guint g = g_array_index (found, guint, k);

          if (GEOSPreparedIntersects_r (h, entries[g].prepared, point) == 1)
            {
              LinliGridFigures *f = &self->figures[g];

              if (count++ == 0)
                first = g;
              else
                f->shared_buildings++;
              if (count == 2)
                self->figures[first].shared_buildings++;
              /* Figures count each building once, in the grid it belongs to. */
              if (g == first)
                {
                  f->buildings++;
                  f->households += buildings[i].households;
                  f->residents += buildings[i].residents;
                  f->party_members += buildings[i].party_members;
                  f->members_unknown += (buildings[i].flags & LINLI_BUILDING_MEMBERS_UNKNOWN) != 0;
                  f->estimated_buildings += (buildings[i].flags & LINLI_BUILDING_ESTIMATED) != 0;
                  if (linli_project_building_community (project, i) != grid_community[g])
                    f->foreign_buildings++;
                }
            }
        }
      GEOSGeom_destroy_r (h, point);
      self->building_grid[i] = first == G_MAXUINT ? -1 : (int) first;
      if (first == G_MAXUINT)
        g_array_append_val (self->unassigned, i);
      else if (count > 1)
        g_array_append_val (self->shared, i);
    }

  /* Overlapping grids: pairs whose envelopes meet, measured exactly. */
  for (guint g = 0; g < n_grids; g++)
    {
      g_array_set_size (found, 0);
      GEOSSTRtree_query_r (h, tree, geometries[g], collect_cb, &query);
      for (guint k = 0; k < found->len; k++)
        {
          guint o = g_array_index (found, guint, k);
          OverlapEntry probe, *entry;
          GEOSGeometry *shared;
          double area = 0;

          if (o <= g)
            continue;
          probe.a = linli_grid_get_polygon (linli_grids_get_grid (grids, g));
          probe.b = linli_grid_get_polygon (linli_grids_get_grid (grids, o));
          entry = g_hash_table_lookup (cache->entries, &probe);
          if (entry == NULL)
            {
              /* Neighbours that only touch along an edge share no area. */
              if (GEOSPreparedIntersects_r (h, entries[g].prepared, geometries[o]) == 1
                  && GEOSPreparedTouches_r (h, entries[g].prepared, geometries[o]) != 1)
                {
                  shared = GEOSIntersection_r (h, geometries[g], geometries[o]);
                  if (shared != NULL)
                    GEOSArea_r (h, shared, &area);
                  linli_geos_free (shared);
                }
              entry = g_new (OverlapEntry, 1);
              entry->a = linli_polygon_ref (probe.a);
              entry->b = linli_polygon_ref (probe.b);
              entry->area = area;
              g_hash_table_add (cache->entries, entry);
            }
          entry->generation = cache->generation + 1;
          /* Edges drawn a few centimetres apart are one shared edge, not an overlap. */
          if (entry->area >= 1.0)
            {
              LinliGridOverlap overlap = { g, o, entry->area };
              g_array_append_val (self->overlaps, overlap);
            }
        }
    }
  /* Forget the pairs no longer there. */
  {
    GHashTableIter iter;
    OverlapEntry *entry;

    cache->generation++;
    g_hash_table_iter_init (&iter, cache->entries);
    while (g_hash_table_iter_next (&iter, (gpointer *) &entry, NULL))
      if (entry->generation != cache->generation)
        g_hash_table_iter_remove (&iter);
  }

  /* Grids that reach out of their community's boundary, where it has one. */
  for (guint g = 0; g < n_grids; g++)
    {
      LinliGridFigures *f = &self->figures[g];
      LinliPolygon *boundary =
        linli_grids_get_community_boundary (grids, linli_grid_get_community (linli_grids_get_grid (grids, g)));

      f->in_range = f->households >= min && f->households <= max;
      if (boundary != NULL && f->area > 0)
        {
          GEOSGeometry *gb = linli_geos_from_polygon (boundary, projection);
          GEOSGeometry *outside = gb != NULL ? GEOSDifference_r (h, geometries[g], gb) : NULL;
          double area = 0;

          if (outside != NULL)
            GEOSArea_r (h, outside, &area);
          f->outside_community = area > 0.01 * f->area;
          linli_geos_free (outside);
          linli_geos_free (gb);
        }
    }

  GEOSSTRtree_destroy_r (h, tree);
  for (guint g = 0; g < n_grids; g++)
    {
      GEOSPreparedGeom_destroy_r (h, entries[g].prepared);
      linli_geos_free (geometries[g]);
    }
  return self;
}

void
linli_grid_assignment_free (LinliGridAssignment *self)
{
  if (self == NULL)
    return;
  g_free (self->building_grid);
  g_free (self->figures);
  g_array_unref (self->unassigned);
  g_array_unref (self->shared);
  g_array_unref (self->overlaps);
  g_free (self);
}

guint
linli_grid_assignment_get_n_grids (const LinliGridAssignment *self)
{
  return self->n_grids;
}

/**
 * linli_grid_assignment_get_building_grids:
 *
 * Returns: (transfer none): for each building, the position of its grid,
 *   or -1 when it lies in none
 */
const int *
linli_grid_assignment_get_building_grids (const LinliGridAssignment *self)
{
  return self->building_grid;
}

const LinliGridFigures *
linli_grid_assignment_get_figures (const LinliGridAssignment *self,
                                   guint                      grid)
{
  g_return_val_if_fail (grid < self->n_grids, NULL);
  return &self->figures[grid];
}

/**
 * linli_grid_assignment_get_unassigned:
 * @n: (out): how many
 *
 * Returns: (transfer none) (array length=n): the buildings in no grid
 */
const guint *
linli_grid_assignment_get_unassigned (const LinliGridAssignment *self,
                                      guint                     *n)
{
  *n = self->unassigned->len;
  return (const guint *) self->unassigned->data;
}

/**
 * linli_grid_assignment_get_shared:
 * @n: (out): how many
 *
 * Returns: (transfer none) (array length=n): the buildings inside more
 *   than one grid
 */
const guint *
linli_grid_assignment_get_shared (const LinliGridAssignment *self,
                                  guint                     *n)
{
  *n = self->shared->len;
  return (const guint *) self->shared->data;
}

/**
 * linli_grid_assignment_get_overlaps:
 * @n: (out): how many
 *
 * Returns: (transfer none) (array length=n): pairs of grids that share
 *   1 m² or more
 */
const LinliGridOverlap *
linli_grid_assignment_get_overlaps (const LinliGridAssignment *self,
                                    guint                     *n)
{
  *n = self->overlaps->len;
  return (const LinliGridOverlap *) self->overlaps->data;
}

/**
 * linli_grid_assignment_count_out_of_range:
 *
 * Returns: how many grids hold fewer or more households than the range
 */
guint
linli_grid_assignment_count_out_of_range (const LinliGridAssignment *self)
{
  guint n = 0;

  for (guint g = 0; g < self->n_grids; g++)
    n += !self->figures[g].in_range;
  return n;
}
