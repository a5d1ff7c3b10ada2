/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-streets"

#include "linli-streets.h"

#include <math.h>
#include <string.h>

#include "linli-spatial.h"

typedef struct
{
  guint32 start;   /* into way_nodes */
  guint32 len;
  guint8  kind;
} Way;

struct _LinliStreets
{
  GArray *nodes;       /* LinliLatLon */
  GArray *ways;        /* Way */
  GArray *way_nodes;   /* guint32 */
  guint   n_segments;
};

static const char *const kind_names[LINLI_STREET_N_KINDS] = {
  "footway", "path", "pedestrian", "steps", "living_street", "residential", "service",
  "unclassified", "tertiary", "secondary", "primary",
};

const char *
linli_street_kind_to_string (LinliStreetKind kind)
{
  g_return_val_if_fail (kind < LINLI_STREET_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
linli_street_kind_from_string (const char      *string,
                               LinliStreetKind *kind)
{
  for (guint k = 0; k < LINLI_STREET_N_KINDS; k++)
    if (g_strcmp0 (string, kind_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

LinliStreets *
linli_streets_new (void)
{
  LinliStreets *self = g_new0 (LinliStreets, 1);

  self->nodes = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  self->ways = g_array_new (FALSE, FALSE, sizeof (Way));
  self->way_nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  return self;
}

LinliStreets *
linli_streets_copy (const LinliStreets *streets)
{
  LinliStreets *self = linli_streets_new ();

  g_array_append_vals (self->nodes, streets->nodes->data, streets->nodes->len);
  g_array_append_vals (self->ways, streets->ways->data, streets->ways->len);
  g_array_append_vals (self->way_nodes, streets->way_nodes->data, streets->way_nodes->len);
  self->n_segments = streets->n_segments;
  return self;
}

void
linli_streets_free (LinliStreets *streets)
{
  if (streets == NULL)
    return;
  g_array_unref (streets->nodes);
  g_array_unref (streets->ways);
  g_array_unref (streets->way_nodes);
  g_free (streets);
}

/**
 * linli_streets_add_node:
 *
 * Returns: the index of the new node
 */
guint
linli_streets_add_node (LinliStreets *streets,
                        double        lat,
                        double        lon)
{
  LinliLatLon p = { lat, lon };

  g_return_val_if_fail (linli_lat_lon_is_valid (lat, lon), G_MAXUINT);
  g_array_append_val (streets->nodes, p);
  return streets->nodes->len - 1;
}

/**
 * linli_streets_add_way:
 * @nodes: (array length=n_nodes): indices of nodes already added
 *
 * Adds a way through @nodes, in order.  A way needs at least two nodes.
 */
void
linli_streets_add_way (LinliStreets    *streets,
                       LinliStreetKind  kind,
                       const guint32   *nodes,
                       guint            n_nodes)
{
  Way w = { streets->way_nodes->len, n_nodes, kind };

  g_return_if_fail (kind < LINLI_STREET_N_KINDS);
  g_return_if_fail (n_nodes >= 2);
  for (guint i = 0; i < n_nodes; i++)
    g_return_if_fail (nodes[i] < streets->nodes->len);

  g_array_append_vals (streets->way_nodes, nodes, n_nodes);
  g_array_append_val (streets->ways, w);
  streets->n_segments += n_nodes - 1;
}

guint
linli_streets_get_n_nodes (const LinliStreets *streets)
{
  return streets->nodes->len;
}

const LinliLatLon *
linli_streets_get_nodes (const LinliStreets *streets)
{
  return (const LinliLatLon *) streets->nodes->data;
}

guint
linli_streets_get_n_ways (const LinliStreets *streets)
{
  return streets->ways->len;
}

/**
 * linli_streets_get_way:
 * @kind: (out) (optional): what kind of street it is
 * @n_nodes: (out): how many nodes it passes
 *
 * Returns: (array length=n_nodes): the way's node indices
 */
const guint32 *
linli_streets_get_way (const LinliStreets *streets,
                       guint               way,
                       LinliStreetKind    *kind,
                       guint              *n_nodes)
{
  const Way *w;

  g_return_val_if_fail (way < streets->ways->len, NULL);
  w = &g_array_index (streets->ways, Way, way);
  if (kind != NULL)
    *kind = w->kind;
  *n_nodes = w->len;
  return &g_array_index (streets->way_nodes, guint32, w->start);
}

guint
linli_streets_get_n_segments (const LinliStreets *streets)
{
  return streets->n_segments;
}

/**
 * linli_streets_get_length:
 *
 * The one measure of how long the streets are, which imports report and
 * `linli-tool info` prints: the great-circle lengths of the ways'
 * segments, summed.
 *
 * Returns: the length in metres
 */
double
linli_streets_get_length (const LinliStreets *streets)
{
  const LinliLatLon *nodes = linli_streets_get_nodes (streets);
  double metres = 0;

  for (guint w = 0; w < linli_streets_get_n_ways (streets); w++)
    {
      guint n;
      const guint32 *list = linli_streets_get_way (streets, w, NULL, &n);

      for (guint k = 0; k + 1 < n; k++)
        metres += linli_haversine_distance (nodes[list[k]].lat, nodes[list[k]].lon,
                                            nodes[list[k + 1]].lat, nodes[list[k + 1]].lon);
    }
  return metres;
}

gboolean
linli_streets_equal (const LinliStreets *a,
                     const LinliStreets *b)
{
  if (a->nodes->len != b->nodes->len || a->ways->len != b->ways->len ||
      a->way_nodes->len != b->way_nodes->len)
    return FALSE;
  for (guint i = 0; i < a->nodes->len; i++)
    {
      const LinliLatLon *p = &g_array_index (a->nodes, LinliLatLon, i);
      const LinliLatLon *q = &g_array_index (b->nodes, LinliLatLon, i);

      if (p->lat != q->lat || p->lon != q->lon)
        return FALSE;
    }
  for (guint i = 0; i < a->ways->len; i++)
    {
      const Way *v = &g_array_index (a->ways, Way, i), *w = &g_array_index (b->ways, Way, i);

      if (v->len != w->len || v->kind != w->kind)
        return FALSE;
    }
  return memcmp (a->way_nodes->data, b->way_nodes->data, sizeof (guint32) * a->way_nodes->len) == 0;
}

/* Joining */

typedef struct
{
  guint  way;
  guint  after;   /* position in the way of the segment's first node */
  double t;
  guint  node;    /* the node to insert */
} Insertion;

static int
compare_insertions (gconstpointer a,
                    gconstpointer b)
{
  const Insertion *p = a, *q = b;

  if (p->way != q->way)
    return p->way < q->way ? -1 : 1;
  if (p->after != q->after)
    return p->after < q->after ? -1 : 1;
  if (p->t != q->t)
    return p->t < q->t ? -1 : 1;
  return p->node < q->node ? -1 : p->node > q->node;
}

typedef struct
{
  guint32 *to;
  guint    self;
} MergeCtx;

static void
merge_cb (guint    index,
          double   distance,
          gpointer user_data)
{
  MergeCtx *ctx = user_data;

  if (index > ctx->self && ctx->to[index] == index)
    ctx->to[index] = ctx->self;
}

/* Rebuilds the ways with nodes renamed by @to (dropping repeats and ways
 * left with one node) and with @insertions (sorted) placed in their
 * segments, then drops nodes no way uses. */
static void
rebuild (LinliStreets    *streets,
         const guint32   *to,
         const Insertion *insertions,
         guint            n_insertions)
{
  g_autoptr (GArray) ways = g_array_new (FALSE, FALSE, sizeof (Way));
  g_autoptr (GArray) way_nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) nodes = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_autofree guint32 *renumber = g_new (guint32, MAX (streets->nodes->len, 1));
  guint ins = 0;

#define PUSH(node) G_STMT_START {                                            \
    guint32 v_ = (node);                                                    \
    if (way_nodes->len == w.start ||                                         \
        g_array_index (way_nodes, guint32, way_nodes->len - 1) != v_)        \
      g_array_append_val (way_nodes, v_);                                    \
  } G_STMT_END

  for (guint k = 0; k < streets->ways->len; k++)
    {
      const Way *old = &g_array_index (streets->ways, Way, k);
      const guint32 *list = &g_array_index (streets->way_nodes, guint32, old->start);
      Way w = { way_nodes->len, 0, old->kind };

      for (guint i = 0; i < old->len; i++)
        {
          PUSH (to[list[i]]);
          while (ins < n_insertions && insertions[ins].way == k && insertions[ins].after == i)
            PUSH (to[insertions[ins++].node]);
        }
      w.len = way_nodes->len - w.start;
      if (w.len >= 2)
        g_array_append_val (ways, w);
      else
        g_array_set_size (way_nodes, w.start);
    }
#undef PUSH

  memset (renumber, 0xff, sizeof (guint32) * streets->nodes->len);
  streets->n_segments = 0;
  for (guint k = 0; k < ways->len; k++)
    streets->n_segments += g_array_index (ways, Way, k).len - 1;
  for (guint i = 0; i < way_nodes->len; i++)
    {
      guint32 *v = &g_array_index (way_nodes, guint32, i);

      if (renumber[*v] == G_MAXUINT32)
        {
          renumber[*v] = nodes->len;
          g_array_append_val (nodes, g_array_index (streets->nodes, LinliLatLon, *v));
        }
      *v = renumber[*v];
    }

  g_array_unref (streets->ways);
  g_array_unref (streets->way_nodes);
  g_array_unref (streets->nodes);
  streets->ways = g_steal_pointer (&ways);
  streets->way_nodes = g_steal_pointer (&way_nodes);
  streets->nodes = g_steal_pointer (&nodes);
}

static double *
project_nodes (const LinliStreets    *streets,
               const LinliProjection *projection)
{
  double *xy = g_new (double, 2 * MAX (streets->nodes->len, 1));

  for (guint i = 0; i < streets->nodes->len; i++)
    {
      const LinliLatLon *p = &g_array_index (streets->nodes, LinliLatLon, i);

      linli_projection_forward (projection, p->lat, p->lon, &xy[2 * i], &xy[2 * i + 1]);
    }
  return xy;
}

typedef struct
{
  const LinliStreets *streets;
  const guint        *seg_way;
  const guint        *seg_pos;
  guint32             node;
} NotIncident;

static gboolean
not_incident_cb (guint    segment,
                 gpointer user_data)
{
  NotIncident *ni = user_data;
  const Way *w = &g_array_index (ni->streets->ways, Way, ni->seg_way[segment]);
  const guint32 *list = &g_array_index (ni->streets->way_nodes, guint32, w->start);

  return list[ni->seg_pos[segment]] != ni->node && list[ni->seg_pos[segment] + 1] != ni->node;
}

/**
 * linli_streets_join:
 * @projection: to measure distances in metres
 * @tolerance: in metres
 *
 * Mends the gaps that data cut into tiles or drawn by hand leave: nodes
 * closer than @tolerance become one node, and a way that ends within
 * @tolerance of another way's segment without touching it is joined to it
 * (the segment gets a node at the nearest point, and a short connecting way
 * covers the gap, so its length still counts).  Nodes no way uses are
 * dropped.  Ways that cross without a shared node stay unconnected, as
 * bridges and tunnels must.
 *
 * Returns: the number of nodes merged plus the number of ends joined
 */
guint
linli_streets_join (LinliStreets          *streets,
                    const LinliProjection *projection,
                    double                 tolerance)
{
  guint n = streets->nodes->len;
  g_autofree double *xy = project_nodes (streets, projection);
  g_autofree guint32 *to = g_new (guint32, MAX (n, 1));
  g_autofree guint *degree = NULL;
  g_autofree double *seg = NULL;
  g_autofree guint *seg_way = NULL;
  g_autofree guint *seg_pos = NULL;
  g_autoptr (LinliSegmentIndex) edge_index = NULL;
  g_autoptr (GArray) insertions = g_array_new (FALSE, FALSE, sizeof (Insertion));
  g_autoptr (GArray) connectors = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint merged = 0, joined = 0, n_seg = 0;

  g_return_val_if_fail (tolerance >= 0, 0);

  /* Close nodes first. */
  {
    g_autoptr (LinliPointIndex) points = linli_point_index_new (xy, n, MAX (tolerance, 1.0));

    for (guint i = 0; i < n; i++)
      to[i] = i;
    for (guint i = 0; i < n; i++)
      if (to[i] == i)
        {
          MergeCtx ctx = { to, i };

          linli_point_index_query_circle (points, xy[2 * i], xy[2 * i + 1], tolerance, merge_cb, &ctx);
        }
    for (guint i = 0; i < n; i++)
      merged += to[i] != i;
  }
  rebuild (streets, to, NULL, 0);

  /* Then loose ends: a node used once, at the start or end of a way. */
  g_clear_pointer (&xy, g_free);
  xy = project_nodes (streets, projection);
  n = streets->nodes->len;
  degree = g_new0 (guint, MAX (n, 1));
  seg = g_new (double, 4 * MAX (streets->n_segments, 1));
  seg_way = g_new (guint, MAX (streets->n_segments, 1));
  seg_pos = g_new (guint, MAX (streets->n_segments, 1));
  for (guint k = 0; k < streets->ways->len; k++)
    {
      const Way *w = &g_array_index (streets->ways, Way, k);
      const guint32 *list = &g_array_index (streets->way_nodes, guint32, w->start);

      for (guint i = 0; i < w->len; i++)
        degree[list[i]] += (i == 0 || i == w->len - 1) ? 1 : 2;
      for (guint i = 0; i + 1 < w->len; i++)
        {
          seg[4 * n_seg] = xy[2 * list[i]];
          seg[4 * n_seg + 1] = xy[2 * list[i] + 1];
          seg[4 * n_seg + 2] = xy[2 * list[i + 1]];
          seg[4 * n_seg + 3] = xy[2 * list[i + 1] + 1];
          seg_way[n_seg] = k;
          seg_pos[n_seg] = i;
          n_seg++;
        }
    }
  edge_index = linli_segment_index_new (seg, n_seg, MAX (tolerance * 4, 50.0));

  for (guint k = 0; k < streets->ways->len; k++)
    {
      const Way *w = &g_array_index (streets->ways, Way, k);
      const guint32 *list = &g_array_index (streets->way_nodes, guint32, w->start);
      guint32 ends[2] = { list[0], list[w->len - 1] };

      for (guint e = 0; e < 2; e++)
        {
          guint32 end = ends[e];
          NotIncident ni = { streets, seg_way, seg_pos, end };
          LinliSegmentHit hit;
          const guint32 *other;
          Insertion in;

          if (degree[end] != 1 ||
              !linli_segment_index_nearest_filtered (edge_index, xy[2 * end], xy[2 * end + 1], tolerance,
                                                    not_incident_cb, &ni, &hit))
            continue;
          other = &g_array_index (streets->way_nodes, guint32,
                                  g_array_index (streets->ways, Way, seg_way[hit.segment]).start);

          degree[end]++;
          joined++;
          if (hit.t <= 0 || hit.t >= 1)
            {
              /* Nearest to an existing node: a connecting way to it. */
              guint32 target = other[seg_pos[hit.segment] + (hit.t >= 1 ? 1 : 0)];

              g_array_append_val (connectors, end);
              g_array_append_val (connectors, target);
              continue;
            }
          in.way = seg_way[hit.segment];
          in.after = seg_pos[hit.segment];
          in.t = hit.t;
          if (hit.distance < 0.01)
            in.node = end;
          else
            {
              double lat, lon;

              linli_projection_inverse (projection, hit.x, hit.y, &lat, &lon);
              in.node = linli_streets_add_node (streets, lat, lon);
              g_array_append_val (connectors, end);
              g_array_append_val (connectors, in.node);
            }
          g_array_append_val (insertions, in);
        }
    }

  for (guint i = 0; i + 1 < connectors->len; i += 2)
    {
      guint32 pair[2] = { g_array_index (connectors, guint32, i), g_array_index (connectors, guint32, i + 1) };

      linli_streets_add_way (streets, LINLI_STREET_FOOTWAY, pair, 2);
    }
  g_array_sort (insertions, compare_insertions);
  {
    g_autofree guint32 *same = g_new (guint32, MAX (streets->nodes->len, 1));

    for (guint i = 0; i < streets->nodes->len; i++)
      same[i] = i;
    rebuild (streets, same, (const Insertion *) insertions->data, insertions->len);
  }
  return merged + joined;
}
