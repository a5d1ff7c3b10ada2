/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-walk"

#include "linli-walk.h"

#include <math.h>
#include <string.h>

typedef struct
{
  guint32 a;
  guint32 b;
  double  length;
  guint8  kind;       /* LinliStreetKind */
} Edge;

typedef struct
{
  guint32 node;    /* the other end */
  guint32 edge;
} Arc;

typedef struct
{
  double key;
  guint  node;
} HeapItem;

/* A binary min-heap with lazy deletion: stale items are skipped on pop. */
typedef struct
{
  HeapItem *items;
  guint     len;
  guint     size;
} Heap;

struct _LinliWalk
{
  guint          n_nodes;
  double        *xy;           /* projected node positions */
  guint          n_edges;
  Edge          *edges;
  guint         *arc_start;    /* n_nodes + 1 */
  Arc           *arcs;
  LinliSegmentIndex *edge_index;  /* over the edges */

  guint          n_buildings;
  LinliWalkSnap *snaps;        /* per building */
  guint          n_unreachable;
  guint         *edge_start;   /* n_edges + 1, into edge_buildings */
  guint         *edge_buildings;

  /* Scratch for queries: distances, valid where stamp matches. */
  double        *dist;
  guint         *stamp;
  guint          query;
  guint         *edge_stamp;
  Heap           heap;
  GArray        *settled;      /* nodes settled by the last search */
};

/* Heap */

static void
heap_push (Heap  *h,
           double key,
           guint  node)
{
  guint i;

  if (h->len == h->size)
    {
      h->size = MAX (64, h->size * 2);
      h->items = g_renew (HeapItem, h->items, h->size);
    }
  i = h->len++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (h->items[parent].key <= key)
        break;
      h->items[i] = h->items[parent];
      i = parent;
    }
  h->items[i].key = key;
  h->items[i].node = node;
}

static HeapItem
heap_pop (Heap *h)
{
  HeapItem top = h->items[0], last = h->items[--h->len];
  guint i = 0;

  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= h->len)
        break;
      if (child + 1 < h->len && h->items[child + 1].key < h->items[child].key)
        child++;
      if (last.key <= h->items[child].key)
        break;
      h->items[i] = h->items[child];
      i = child;
    }
  if (h->len > 0)
    h->items[i] = last;
  return top;
}

/* Building the graph */

static void
snap_all_buildings (LinliWalk             *walk,
                    const LinliProjection *projection,
                    const LinliBuilding   *buildings)
{
  guint *count = g_new0 (guint, walk->n_edges + 1);

  walk->snaps = g_new (LinliWalkSnap, MAX (walk->n_buildings, 1));
  for (guint i = 0; i < walk->n_buildings; i++)
    {
      double x, y;

      linli_projection_forward (projection, buildings[i].lat, buildings[i].lon, &x, &y);
      if (!linli_walk_snap (walk, x, y, &walk->snaps[i]))
        walk->n_unreachable++;
      else
        count[walk->snaps[i].edge + 1]++;
    }

  walk->edge_start = count;
  for (guint e = 0; e < walk->n_edges; e++)
    walk->edge_start[e + 1] += walk->edge_start[e];
  walk->edge_buildings = g_new (guint, MAX (walk->edge_start[walk->n_edges], 1));
  {
    g_autofree guint *fill = g_memdup2 (walk->edge_start, sizeof (guint) * (walk->n_edges + 1));

    for (guint i = 0; i < walk->n_buildings; i++)
      if (walk->snaps[i].edge != G_MAXUINT)
        walk->edge_buildings[fill[walk->snaps[i].edge]++] = i;
  }
}

/**
 * linli_walk_new:
 * @streets: the street network
 * @projection: the project's projection, in which lengths are measured
 * @buildings: (array length=n_buildings): buildings to snap
 *
 * Makes the graph: one edge per street segment between two different
 * nodes, as long as the straight segment in @projection.
 *
 * Returns: (transfer full): the walking graph
 */
LinliWalk *
linli_walk_new (const LinliStreets    *streets,
                const LinliProjection *projection,
                const LinliBuilding   *buildings,
                guint                  n_buildings)
{
  LinliWalk *walk = g_new0 (LinliWalk, 1);
  const LinliLatLon *nodes = linli_streets_get_nodes (streets);
  guint n_seg = linli_streets_get_n_segments (streets);
  g_autofree double *seg = NULL;

  walk->n_nodes = linli_streets_get_n_nodes (streets);
  walk->xy = g_new (double, 2 * MAX (walk->n_nodes, 1));
  for (guint i = 0; i < walk->n_nodes; i++)
    linli_projection_forward (projection, nodes[i].lat, nodes[i].lon, &walk->xy[2 * i], &walk->xy[2 * i + 1]);

  walk->edges = g_new (Edge, MAX (n_seg, 1));
  for (guint w = 0; w < linli_streets_get_n_ways (streets); w++)
    {
      guint n;
      LinliStreetKind kind;
      const guint32 *list = linli_streets_get_way (streets, w, &kind, &n);

      for (guint k = 0; k + 1 < n; k++)
        {
          Edge *e = &walk->edges[walk->n_edges];

          if (list[k] == list[k + 1])
            continue;
          e->kind = kind;
          e->a = list[k];
          e->b = list[k + 1];
          e->length = hypot (walk->xy[2 * e->b] - walk->xy[2 * e->a],
                             walk->xy[2 * e->b + 1] - walk->xy[2 * e->a + 1]);
          walk->n_edges++;
        }
    }

  /* Adjacency, both directions. */
  walk->arc_start = g_new0 (guint, walk->n_nodes + 1);
  walk->arcs = g_new (Arc, MAX (2 * walk->n_edges, 1));
  for (guint e = 0; e < walk->n_edges; e++)
    {
      walk->arc_start[walk->edges[e].a + 1]++;
      walk->arc_start[walk->edges[e].b + 1]++;
    }
  for (guint i = 0; i < walk->n_nodes; i++)
    walk->arc_start[i + 1] += walk->arc_start[i];
  {
    g_autofree guint *fill = g_memdup2 (walk->arc_start, sizeof (guint) * (walk->n_nodes + 1));

    for (guint e = 0; e < walk->n_edges; e++)
      {
        Edge *ed = &walk->edges[e];

        walk->arcs[fill[ed->a]++] = (Arc) { ed->b, e };
        walk->arcs[fill[ed->b]++] = (Arc) { ed->a, e };
      }
  }

  seg = g_new (double, 4 * MAX (walk->n_edges, 1));
  for (guint e = 0; e < walk->n_edges; e++)
    {
      seg[4 * e] = walk->xy[2 * walk->edges[e].a];
      seg[4 * e + 1] = walk->xy[2 * walk->edges[e].a + 1];
      seg[4 * e + 2] = walk->xy[2 * walk->edges[e].b];
      seg[4 * e + 3] = walk->xy[2 * walk->edges[e].b + 1];
    }
  walk->edge_index = linli_segment_index_new (seg, walk->n_edges, 100);

  walk->dist = g_new (double, MAX (walk->n_nodes, 1));
  walk->stamp = g_new0 (guint, MAX (walk->n_nodes, 1));
  walk->edge_stamp = g_new0 (guint, MAX (walk->n_edges, 1));
  walk->settled = g_array_new (FALSE, FALSE, sizeof (guint));

  walk->n_buildings = n_buildings;
  snap_all_buildings (walk, projection, buildings);
  return walk;
}

void
linli_walk_free (LinliWalk *walk)
{
  if (walk == NULL)
    return;
  g_free (walk->xy);
  g_free (walk->edges);
  g_free (walk->arc_start);
  g_free (walk->arcs);
  linli_segment_index_free (walk->edge_index);
  g_free (walk->snaps);
  g_free (walk->edge_start);
  g_free (walk->edge_buildings);
  g_free (walk->dist);
  g_free (walk->stamp);
  g_free (walk->edge_stamp);
  g_free (walk->heap.items);
  g_array_unref (walk->settled);
  g_free (walk);
}

/**
 * linli_walk_new_for_project:
 *
 * The walking graph of @project's streets and buildings.  It points into
 * the project's buildings: make a new one when the streets or the buildings
 * change (a #LinliDocument keeps one current).
 *
 * Returns: (transfer full) (nullable): the graph, or %NULL if the project
 *   has no streets
 */
LinliWalk *
linli_walk_new_for_project (LinliProject *project)
{
  if (!linli_project_has_streets (project))
    return NULL;
  return linli_walk_new (linli_project_get_streets (project), linli_project_get_projection (project),
                         linli_project_get_buildings (project), linli_project_get_n_buildings (project));
}

guint
linli_walk_get_n_nodes (const LinliWalk *walk)
{
  return walk->n_nodes;
}

guint
linli_walk_get_n_edges (const LinliWalk *walk)
{
  return walk->n_edges;
}

void
linli_walk_get_edge (const LinliWalk *walk,
                     guint            edge,
                     guint           *a,
                     guint           *b,
                     double          *length)
{
  g_return_if_fail (edge < walk->n_edges);
  *a = walk->edges[edge].a;
  *b = walk->edges[edge].b;
  *length = walk->edges[edge].length;
}

LinliStreetKind
linli_walk_get_edge_kind (const LinliWalk *walk,
                          guint            edge)
{
  g_return_val_if_fail (edge < walk->n_edges, LINLI_STREET_FOOTWAY);
  return walk->edges[edge].kind;
}

/**
 * linli_walk_get_node_xy:
 *
 * Returns: (array): x, y per node in projected metres
 */
const double *
linli_walk_get_node_xy (const LinliWalk *walk)
{
  return walk->xy;
}

/**
 * linli_walk_snap:
 * @snap: (out): the nearest street point
 *
 * Returns: %TRUE if a street lies within %LINLI_WALK_MAX_SNAP of (@x, @y)
 */
gboolean
linli_walk_snap (const LinliWalk *walk,
                 double           x,
                 double           y,
                 LinliWalkSnap   *snap)
{
  LinliSegmentHit hit;

  snap->edge = G_MAXUINT;
  snap->t = 0;
  snap->offset = INFINITY;
  if (!linli_segment_index_nearest (walk->edge_index, x, y, LINLI_WALK_MAX_SNAP, &hit))
    return FALSE;
  snap->edge = hit.segment;
  snap->t = hit.t;
  snap->offset = hit.distance;
  return TRUE;
}

/**
 * linli_walk_get_building_snaps:
 *
 * Returns: (array): per building, where it meets the streets
 */
const LinliWalkSnap *
linli_walk_get_building_snaps (const LinliWalk *walk)
{
  return walk->snaps;
}

guint
linli_walk_get_n_unreachable (const LinliWalk *walk)
{
  return walk->n_unreachable;
}

/* Searching */

static inline double
node_dist (const LinliWalk *walk,
           guint            node)
{
  return walk->stamp[node] == walk->query ? walk->dist[node] : INFINITY;
}

static void
next_query (LinliWalk *walk)
{
  if (++walk->query == 0)
    {
      memset (walk->stamp, 0, sizeof (guint) * walk->n_nodes);
      memset (walk->edge_stamp, 0, sizeof (guint) * walk->n_edges);
      walk->query = 1;
    }
  walk->heap.len = 0;
  g_array_set_size (walk->settled, 0);
}

static inline void
offer (LinliWalk *walk,
       guint      node,
       double     d)
{
  if (d < node_dist (walk, node))
    {
      walk->dist[node] = d;
      walk->stamp[node] = walk->query;
      heap_push (&walk->heap, d, node);
    }
}

/* Dijkstra from the snap of a place, settling nodes up to @limit. */
static void
search_from (LinliWalk           *walk,
             const LinliWalkSnap *from,
             double               limit)
{
  const Edge *e = &walk->edges[from->edge];

  offer (walk, e->a, from->offset + from->t * e->length);
  offer (walk, e->b, from->offset + (1 - from->t) * e->length);
  while (walk->heap.len > 0)
    {
      HeapItem top = heap_pop (&walk->heap);

      if (top.key > walk->dist[top.node] || top.key > limit)
        continue;
      g_array_append_val (walk->settled, top.node);
      for (guint k = walk->arc_start[top.node]; k < walk->arc_start[top.node + 1]; k++)
        {
          double d = top.key + walk->edges[walk->arcs[k].edge].length;

          if (d <= limit)
            offer (walk, walk->arcs[k].node, d);
        }
    }
}

/* The walk from a place snapped at @from to building @i, given the node
 * distances of a search from @from. */
static inline double
building_distance (LinliWalk           *walk,
                   const LinliWalkSnap *from,
                   guint                i)
{
  const LinliWalkSnap *s = &walk->snaps[i];
  const Edge *e = &walk->edges[s->edge];
  double d = MIN (node_dist (walk, e->a) + s->t * e->length,
                  node_dist (walk, e->b) + (1 - s->t) * e->length);

  if (s->edge == from->edge)
    d = MIN (d, from->offset + fabs (s->t - from->t) * e->length);
  return d + s->offset;
}

static void
visit_edge (LinliWalk           *walk,
            const LinliWalkSnap *from,
            guint                edge,
            double               limit,
            LinliPointFunc       func,
            gpointer             user_data)
{
  if (walk->edge_stamp[edge] == walk->query)
    return;
  walk->edge_stamp[edge] = walk->query;
  for (guint k = walk->edge_start[edge]; k < walk->edge_start[edge + 1]; k++)
    {
      guint i = walk->edge_buildings[k];
      double d = building_distance (walk, from, i);

      if (d <= limit)
        func (i, d, user_data);
    }
}

/**
 * linli_walk_query:
 * @limit: the longest walk, in metres
 * @func: called once for each building within @limit of (@x, @y)
 *
 * Finds the buildings within a walk of @limit from a place, by a Dijkstra
 * search that stops at @limit.  Not thread-safe: it uses scratch space in
 * @walk.
 */
void
linli_walk_query (LinliWalk      *walk,
                  double          x,
                  double          y,
                  double          limit,
                  LinliPointFunc  func,
                  gpointer        user_data)
{
  LinliWalkSnap from;

  if (!linli_walk_snap (walk, x, y, &from) || from.offset > limit)
    return;
  next_query (walk);
  search_from (walk, &from, limit);

  /* Buildings on the place's own edge, then on every edge with a reached end. */
  visit_edge (walk, &from, from.edge, limit, func, user_data);
  for (guint k = 0; k < walk->settled->len; k++)
    {
      guint n = g_array_index (walk->settled, guint, k);

      for (guint j = walk->arc_start[n]; j < walk->arc_start[n + 1]; j++)
        visit_edge (walk, &from, walk->arcs[j].edge, limit, func, user_data);
    }
}

/**
 * linli_walk_distance:
 *
 * Returns: the walk between two places in metres, or infinity if one is
 *   not near a street or the streets do not connect them
 */
double
linli_walk_distance (LinliWalk *walk,
                     double     x1,
                     double     y1,
                     double     x2,
                     double     y2)
{
  LinliWalkSnap from, to;
  const Edge *e;
  double d;

  if (!linli_walk_snap (walk, x1, y1, &from) || !linli_walk_snap (walk, x2, y2, &to))
    return INFINITY;
  next_query (walk);
  search_from (walk, &from, INFINITY);
  e = &walk->edges[to.edge];
  d = MIN (node_dist (walk, e->a) + to.t * e->length, node_dist (walk, e->b) + (1 - to.t) * e->length);
  if (to.edge == from.edge)
    d = MIN (d, from.offset + fabs (to.t - from.t) * e->length);
  return d + to.offset;
}

/**
 * linli_walk_distances_from:
 * @walk: a street graph
 * @x: the place walked from, in the walk's projection
 * @y: the same
 * @targets: the places walked to, snapped with linli_walk_snap()
 * @n_targets: how many
 * @limit: the longest walk wanted, metres (INFINITY: any)
 * @distances: (out caller-allocates): per target, the walk in metres, or
 *   infinity when the place is not near a street, the streets do not
 *   connect them or the walk is longer than @limit
 *
 * The walks from one place to many with one search, the same walks
 * linli_walk_distance() gives pair by pair.
 */
void
linli_walk_distances_from (LinliWalk           *walk,
                           double               x,
                           double               y,
                           const LinliWalkSnap *targets,
                           guint                n_targets,
                           double               limit,
                           double              *distances)
{
  LinliWalkSnap from;

  for (guint i = 0; i < n_targets; i++)
    distances[i] = INFINITY;
  if (!linli_walk_snap (walk, x, y, &from) || from.offset > limit)
    return;
  next_query (walk);
  search_from (walk, &from, limit);
  for (guint i = 0; i < n_targets; i++)
    {
      const LinliWalkSnap *to = &targets[i];
      const Edge *e;
      double d;

      if (to->edge == G_MAXUINT)
        continue;
      e = &walk->edges[to->edge];
      d = MIN (node_dist (walk, e->a) + to->t * e->length,
               node_dist (walk, e->b) + (1 - to->t) * e->length);
      if (to->edge == from.edge)
        d = MIN (d, from.offset + fabs (to->t - from.t) * e->length);
      d += to->offset;
      distances[i] = d <= limit ? d : INFINITY;
    }
}

/* Nearest source: a multi-source Dijkstra kept up to date */

typedef struct
{
  gboolean      active;
  LinliWalkSnap snap;
} Source;

struct _LinliWalkNearest
{
  LinliWalk *walk;
  GArray    *sources;     /* Source, by id; removed ones stay inactive */
  double    *dist;        /* per node */
  guint     *owner;       /* per node: the source it is nearest to, or G_MAXUINT */
  Heap       heap;
  GHashTable *by_edge;    /* edge + 1 → GArray of source ids snapped to it */
};

/**
 * linli_walk_nearest_new:
 *
 * Starts a search structure for the nearest of several sources (sites),
 * with none yet.
 *
 * Returns: (transfer full): the structure
 */
LinliWalkNearest *
linli_walk_nearest_new (LinliWalk *walk)
{
  LinliWalkNearest *n = g_new0 (LinliWalkNearest, 1);

  n->walk = walk;
  n->sources = g_array_new (FALSE, TRUE, sizeof (Source));
  n->dist = g_new (double, MAX (walk->n_nodes, 1));
  n->owner = g_new (guint, MAX (walk->n_nodes, 1));
  for (guint i = 0; i < walk->n_nodes; i++)
    {
      n->dist[i] = INFINITY;
      n->owner[i] = G_MAXUINT;
    }
  n->by_edge = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  return n;
}

void
linli_walk_nearest_free (LinliWalkNearest *nearest)
{
  if (nearest == NULL)
    return;
  g_array_unref (nearest->sources);
  g_free (nearest->dist);
  g_free (nearest->owner);
  g_free (nearest->heap.items);
  g_hash_table_unref (nearest->by_edge);
  g_free (nearest);
}

static inline void
nearest_offer (LinliWalkNearest *n,
               guint             node,
               double            d,
               guint             owner)
{
  if (d < n->dist[node])
    {
      n->dist[node] = d;
      n->owner[node] = owner;
      heap_push (&n->heap, d, node);
    }
}

static void
nearest_seed (LinliWalkNearest *n,
              guint             id)
{
  const Source *s = &g_array_index (n->sources, Source, id);
  const Edge *e;

  if (!s->active || s->snap.edge == G_MAXUINT)
    return;
  e = &n->walk->edges[s->snap.edge];
  nearest_offer (n, e->a, s->snap.offset + s->snap.t * e->length, id);
  nearest_offer (n, e->b, s->snap.offset + (1 - s->snap.t) * e->length, id);
}

static void
nearest_run (LinliWalkNearest *n)
{
  LinliWalk *walk = n->walk;

  while (n->heap.len > 0)
    {
      HeapItem top = heap_pop (&n->heap);

      if (top.key > n->dist[top.node])
        continue;
      for (guint k = walk->arc_start[top.node]; k < walk->arc_start[top.node + 1]; k++)
        nearest_offer (n, walk->arcs[k].node, top.key + walk->edges[walk->arcs[k].edge].length,
                       n->owner[top.node]);
    }
}

static void
edge_list_change (LinliWalkNearest *n,
                  guint             id,
                  gboolean          add)
{
  const Source *s = &g_array_index (n->sources, Source, id);
  gpointer key = GUINT_TO_POINTER (s->snap.edge + 1);
  GArray *list;

  if (!s->active || s->snap.edge == G_MAXUINT)
    return;
  list = g_hash_table_lookup (n->by_edge, key);
  if (add)
    {
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (n->by_edge, key, list);
        }
      g_array_append_val (list, id);
      return;
    }
  for (guint k = 0; list != NULL && k < list->len; k++)
    if (g_array_index (list, guint, k) == id)
      {
        g_array_remove_index_fast (list, k);
        break;
      }
  if (list != NULL && list->len == 0)
    g_hash_table_remove (n->by_edge, key);
}

/* Forgets the nodes source @id reached and finds them again from their
 * neighbours.  Nodes reached from other sources keep their distances: the
 * owner of a node is the owner of its predecessor, so their shortest paths
 * never pass through @id's nodes. */
static void
nearest_invalidate (LinliWalkNearest *n,
                    guint             id)
{
  LinliWalk *walk = n->walk;
  g_autoptr (GArray) lost = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < walk->n_nodes; i++)
    if (n->owner[i] == id)
      {
        n->dist[i] = INFINITY;
        n->owner[i] = G_MAXUINT;
        g_array_append_val (lost, i);
      }
  for (guint k = 0; k < lost->len; k++)
    {
      guint u = g_array_index (lost, guint, k);

      for (guint j = walk->arc_start[u]; j < walk->arc_start[u + 1]; j++)
        {
          guint v = walk->arcs[j].node;

          if (n->owner[v] != G_MAXUINT)
            nearest_offer (n, u, n->dist[v] + walk->edges[walk->arcs[j].edge].length, n->owner[v]);
        }
    }
  /* A lost node may be the end of another source's own edge. */
  if (lost->len > 0)
    for (guint other = 0; other < n->sources->len; other++)
      if (other != id)
        nearest_seed (n, other);
}

/**
 * linli_walk_nearest_add_source:
 *
 * Adds a source at (@x, @y) (or an inactive one if a coordinate is NaN)
 * and updates the distances.
 *
 * Returns: the source's id
 */
guint
linli_walk_nearest_add_source (LinliWalkNearest *nearest,
                               double            x,
                               double            y)
{
  Source s = { TRUE };
  guint id = nearest->sources->len;

  linli_walk_snap (nearest->walk, x, y, &s.snap);
  g_array_append_val (nearest->sources, s);
  edge_list_change (nearest, id, TRUE);
  nearest->heap.len = 0;
  nearest_seed (nearest, id);
  nearest_run (nearest);
  return id;
}

/**
 * linli_walk_nearest_move_source:
 *
 * Moves a source and updates only the nodes whose nearest source changes.
 */
void
linli_walk_nearest_move_source (LinliWalkNearest *nearest,
                                guint             source,
                                double            x,
                                double            y)
{
  Source *s;

  g_return_if_fail (source < nearest->sources->len);
  s = &g_array_index (nearest->sources, Source, source);
  edge_list_change (nearest, source, FALSE);
  s->active = TRUE;
  linli_walk_snap (nearest->walk, x, y, &s->snap);
  edge_list_change (nearest, source, TRUE);
  nearest->heap.len = 0;
  nearest_invalidate (nearest, source);
  nearest_seed (nearest, source);
  nearest_run (nearest);
}

void
linli_walk_nearest_remove_source (LinliWalkNearest *nearest,
                                  guint             source)
{
  Source *s;

  g_return_if_fail (source < nearest->sources->len);
  s = &g_array_index (nearest->sources, Source, source);
  if (!s->active)
    return;

  edge_list_change (nearest, source, FALSE);
  s->active = FALSE;
  nearest->heap.len = 0;
  nearest_invalidate (nearest, source);
  nearest_run (nearest);
}

/**
 * linli_walk_nearest_recompute:
 *
 * Computes every distance again from all active sources at once.
 */
void
linli_walk_nearest_recompute (LinliWalkNearest *nearest)
{
  for (guint i = 0; i < nearest->walk->n_nodes; i++)
    {
      nearest->dist[i] = INFINITY;
      nearest->owner[i] = G_MAXUINT;
    }
  nearest->heap.len = 0;
  for (guint id = 0; id < nearest->sources->len; id++)
    nearest_seed (nearest, id);
  nearest_run (nearest);
}

/**
 * linli_walk_nearest_get_node_distances:
 *
 * Returns: (array): per node, the walk to the nearest source (infinity if none)
 */
const double *
linli_walk_nearest_get_node_distances (LinliWalkNearest *nearest)
{
  return nearest->dist;
}

/**
 * linli_walk_nearest_building:
 * @source: (out) (optional): the nearest source, or G_MAXUINT
 *
 * Returns: the walk from building @building to its nearest source
 */
double
linli_walk_nearest_building (LinliWalkNearest *nearest,
                             guint             building,
                             guint            *source)
{
  LinliWalk *walk = nearest->walk;
  const LinliWalkSnap *s;
  const Edge *e;
  double da, db, d;
  guint best;
  GArray *same;

  g_return_val_if_fail (building < walk->n_buildings, INFINITY);
  s = &walk->snaps[building];
  if (s->edge == G_MAXUINT)
    {
      if (source != NULL)
        *source = G_MAXUINT;
      return INFINITY;
    }
  e = &walk->edges[s->edge];
  da = nearest->dist[e->a] + s->t * e->length;
  db = nearest->dist[e->b] + (1 - s->t) * e->length;
  d = MIN (da, db);
  best = da <= db ? nearest->owner[e->a] : nearest->owner[e->b];

  /* Sources on the same edge can be reached without passing a node. */
  same = g_hash_table_lookup (nearest->by_edge, GUINT_TO_POINTER (s->edge + 1));
  for (guint k = 0; same != NULL && k < same->len; k++)
    {
      guint id = g_array_index (same, guint, k);
      const Source *src = &g_array_index (nearest->sources, Source, id);
      double direct = src->snap.offset + fabs (s->t - src->snap.t) * e->length;

      if (direct < d)
        {
          d = direct;
          best = id;
        }
    }
  if (source != NULL)
    *source = isfinite (d) ? best : G_MAXUINT;
  return d + s->offset;
}

/**
 * linli_walk_nearest_buildings:
 * @distances: (out caller-allocates) (array): one per building of the walk
 *
 * Fills in every building's walk to its nearest source.
 */
void
linli_walk_nearest_buildings (LinliWalkNearest *nearest,
                              double           *distances)
{
  for (guint i = 0; i < nearest->walk->n_buildings; i++)
    distances[i] = linli_walk_nearest_building (nearest, i, NULL);
}
