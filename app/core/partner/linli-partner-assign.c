/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner"

#include "config.h"

#include "linli-partner-assign.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (linli-assign-error-quark, linli_assign_error)

/* How it works.  Offers and needs of different categories never meet, so
 * each category is its own network: source → offer (its capacity) → need
 * (any amount, where the pair is allowed) → sink (the need's quantity).
 * Costs are pairs (−priority on need → sink, metres on offer → need)
 * compared lexicographically, an ordered group in which successive
 * shortest paths with potentials (Dijkstra on reduced costs) stay exact:
 * the first component is a sum of whole priorities, exact in a double,
 * so the distance never buys a unit of priority.
 *
 * Every augmenting path ends on a need → sink arc and so costs a negative
 * priority: more flow is always better, and the flow grows until no path
 * is left.  At the end the flow is, among the maximum flows, one of least
 * pair cost, which is the lexicographic optimum (a larger weighted flow
 * would have left an augmenting path of negative cost).
 *
 * Fixed pairs are lower bounds on their arcs: their flow is taken out of
 * the capacities and quantities before the network is built, and never
 * given back, which is the textbook reduction of lower bounds.
 *
 * Groups' minimums ("every community at least one unit") join the
 * categories, so then there is one network for all: need → its group →
 * sink, where the group's arc to the sink is two arcs, the first as wide
 * as what the group still lacks of its minimum and costing −1 in a third,
 * first-compared component, the second unbounded and free.  The reward
 * of a group is then concave in its flow, which a min-cost flow handles
 * exactly.  An augmenting path may now move flow from one need to another
 * of lower priority to fill a minimum, but the shortest path still always
 * improves: a path reaches its first group through a need, and could leave
 * there for the sink on the free arc, which alone costs a negative
 * priority.  So flow still grows until no path is left.
 */

/* A cost: l is −1 per unit a group lacks of its minimum, a is −priority
 * per unit (whole numbers), b metres per unit. */
typedef struct
{
  double l;
  double a;
  double b;
} Cost;

static inline int
cost_cmp (Cost x,
          Cost y)
{
  if (x.l != y.l)
    return x.l < y.l ? -1 : 1;
  if (x.a != y.a)
    return x.a < y.a ? -1 : 1;
  if (x.b != y.b)
    return x.b < y.b ? -1 : 1;
  return 0;
}

static inline Cost
cost_add (Cost x,
          Cost y)
{
  return (Cost) { x.l + y.l, x.a + y.a, x.b + y.b };
}

static inline Cost
cost_sub (Cost x,
          Cost y)
{
  return (Cost) { x.l - y.l, x.a - y.a, x.b - y.b };
}

/* One category's network, arcs in pairs (i, i ^ 1). */
typedef struct
{
  guint    n_nodes;
  GArray  *to;       /* guint */
  GArray  *cap;      /* double: residual */
  GArray  *cost;     /* Cost */
  GArray  *next;     /* int: next arc out of the same node, -1 ends */
  int     *head;     /* per node */
} Network;

static void
network_init (Network *net,
              guint    n_nodes)
{
  net->n_nodes = n_nodes;
  net->to = g_array_new (FALSE, FALSE, sizeof (guint));
  net->cap = g_array_new (FALSE, FALSE, sizeof (double));
  net->cost = g_array_new (FALSE, FALSE, sizeof (Cost));
  net->next = g_array_new (FALSE, FALSE, sizeof (int));
  net->head = g_new (int, n_nodes);
  for (guint v = 0; v < n_nodes; v++)
    net->head[v] = -1;
}

static void
network_clear (Network *net)
{
  g_array_unref (net->to);
  g_array_unref (net->cap);
  g_array_unref (net->cost);
  g_array_unref (net->next);
  g_free (net->head);
}

static void
add_half (Network *net,
          guint    from,
          guint    to,
          double   cap,
          Cost     cost)
{
  int index = (int) net->to->len;

  g_array_append_val (net->to, to);
  g_array_append_val (net->cap, cap);
  g_array_append_val (net->cost, cost);
  g_array_append_val (net->next, net->head[from]);
  net->head[from] = index;
}

/* Returns the index of the forward arc. */
static guint
add_arc (Network *net,
         guint    from,
         guint    to,
         double   cap,
         Cost     cost)
{
  guint index = net->to->len;

  add_half (net, from, to, cap, cost);
  add_half (net, to, from, 0, (Cost) { -cost.l, -cost.a, -cost.b });
  return index;
}

#define ARC_TO(net, e)   g_array_index ((net)->to, guint, (e))
#define ARC_CAP(net, e)  g_array_index ((net)->cap, double, (e))
#define ARC_COST(net, e) g_array_index ((net)->cost, Cost, (e))
#define ARC_NEXT(net, e) g_array_index ((net)->next, int, (e))

/* A binary heap of nodes by tentative distance, with stale entries left
 * in and skipped when popped. */
typedef struct
{
  Cost  cost;
  guint node;
} HeapItem;

static void
heap_push (GArray   *heap,
           Cost      cost,
           guint     node)
{
  HeapItem item = { cost, node };
  guint i = heap->len;

  g_array_append_val (heap, item);
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      HeapItem *h = (HeapItem *) (gpointer) heap->data;

      if (cost_cmp (h[parent].cost, h[i].cost) <= 0)
        break;
      item = h[parent];
      h[parent] = h[i];
      h[i] = item;
      i = parent;
    }
}

static HeapItem
heap_pop (GArray *heap)
{
  HeapItem *h = (HeapItem *) (gpointer) heap->data;
  HeapItem top = h[0];
  guint n = heap->len - 1, i = 0;

  h[0] = h[n];
  g_array_set_size (heap, n);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      HeapItem t;

      if (l < n && cost_cmp (h[l].cost, h[m].cost) < 0)
        m = l;
      if (r < n && cost_cmp (h[r].cost, h[m].cost) < 0)
        m = r;
      if (m == i)
        break;
      t = h[m];
      h[m] = h[i];
      h[i] = t;
      i = m;
    }
  return top;
}

/* Successive shortest paths from node 0 to node n-1, with @pot the
 * initial potentials (reduced costs non-negative on arcs with room).
 * Dijkstra with a
 * binary heap: with the groups' minimums all categories share one sparse
 * network.  Returns the number of augmentations. */
static guint
min_cost_flow (Network *net,
               Cost    *pot,
               double   eps)
{
  guint n = net->n_nodes, source = 0, sink = n - 1, augmentations = 0;
  g_autofree Cost *dist = g_new (Cost, n);
  g_autofree int *prev = g_new (int, n);
  g_autofree gboolean *reached = g_new (gboolean, n);
  g_autofree gboolean *done = g_new (gboolean, n);
  g_autoptr (GArray) heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));

  for (;;)
    {
      Cost dt;
      double push = INFINITY;

      for (guint v = 0; v < n; v++)
        {
          reached[v] = FALSE;
          done[v] = FALSE;
          prev[v] = -1;
        }
      g_array_set_size (heap, 0);
      dist[source] = (Cost) { 0, 0, 0 };
      reached[source] = TRUE;
      heap_push (heap, dist[source], source);
      while (heap->len > 0)
        {
          HeapItem item = heap_pop (heap);
          guint u = item.node;

          if (done[u] || cost_cmp (item.cost, dist[u]) != 0)
            continue;
          if (u == sink)
            break;
          done[u] = TRUE;
          for (int e = net->head[u]; e >= 0; e = ARC_NEXT (net, e))
            {
              guint v = ARC_TO (net, e);
              Cost rc, d;

              if (done[v] || ARC_CAP (net, e) <= eps)
                continue;
              rc = cost_sub (cost_add (ARC_COST (net, e), pot[u]), pot[v]);
              /* Rounding in the metres may leave a reduced cost a hair
               * below zero; the other components are whole and exact. */
              if (rc.l == 0 && rc.a == 0 && rc.b < 0)
                rc.b = 0;
              d = cost_add (dist[u], rc);
              if (!reached[v] || cost_cmp (d, dist[v]) < 0)
                {
                  dist[v] = d;
                  prev[v] = e;
                  reached[v] = TRUE;
                  heap_push (heap, d, v);
                }
            }
        }
      if (!reached[sink])
        break;

      /* Potentials grow by the distances, capped at the sink's, so that
       * reduced costs stay non-negative for the nodes not settled. */
      dt = dist[sink];
      for (guint v = 0; v < n; v++)
        {
          Cost d = reached[v] && done[v] && cost_cmp (dist[v], dt) < 0 ? dist[v] : dt;

          pot[v] = cost_add (pot[v], d);
        }

      for (guint v = sink; v != source; v = ARC_TO (net, prev[v] ^ 1))
        push = MIN (push, ARC_CAP (net, prev[v]));
      for (guint v = sink; v != source; v = ARC_TO (net, prev[v] ^ 1))
        {
          int e = prev[v];

          ARC_CAP (net, e) -= push;
          ARC_CAP (net, e ^ 1) += push;
          if (ARC_CAP (net, e) <= eps)
            ARC_CAP (net, e) = 0;
        }
      augmentations++;
    }
  return augmentations;
}

/* ------------------------------------------------------------------------ */
/* Checks and helpers                                                        */
/* ------------------------------------------------------------------------ */

static gboolean
check_problem (const LinliAssignProblem *p,
               GError                  **error)
{
  if (!isfinite (p->max_distance) || p->max_distance < 0)
    goto invalid;
  for (guint u = 0; u < p->n_units; u++)
    if (!linli_lat_lon_is_valid (p->units[u].lat, p->units[u].lon))
      goto invalid;
  for (guint o = 0; o < p->n_offers; o++)
    if (p->offers[o].unit >= p->n_units || p->offers[o].category >= p->n_categories ||
        !isfinite (p->offers[o].capacity) || p->offers[o].capacity < 0)
      goto invalid;
  for (guint n = 0; n < p->n_needs; n++)
    if (p->needs[n].category >= p->n_categories || !isfinite (p->needs[n].quantity) ||
        p->needs[n].quantity < 0 || p->needs[n].priority == 0 || p->needs[n].priority > 1000000 ||
        !linli_lat_lon_is_valid (p->needs[n].position.lat, p->needs[n].position.lon))
      goto invalid;
  for (guint i = 0; i < p->n_fixed; i++)
    if (p->fixed[i].unit >= p->n_units || p->fixed[i].need >= p->n_needs)
      goto invalid;
  for (guint i = 0; i < p->n_forbidden; i++)
    if (p->forbidden[i].unit >= p->n_units || p->forbidden[i].need >= p->n_needs)
      goto invalid;
  if (!isfinite (p->group_minimum) || p->group_minimum < 0)
    goto invalid;
  if (p->groups != NULL)
    for (guint n = 0; n < p->n_needs; n++)
      if (p->groups[n] != LINLI_ASSIGN_NO_GROUP && p->groups[n] >= p->n_groups)
        goto invalid;
  if (p->distances != NULL)
    for (gsize i = 0; i < (gsize) p->n_units * p->n_needs; i++)
      if (!isfinite (p->distances[i]) || p->distances[i] < 0)
        goto invalid;
  return TRUE;

invalid:
  g_set_error_literal (error, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID,
                       _("The assignment problem is not valid (an index out of range, a negative "
                         "or missing number, or a priority of 0)"));
  return FALSE;
}

/**
 * linli_assign_distance:
 * @problem: an assignment problem
 * @unit: a unit's index
 * @need: a need's index
 *
 * Returns: how far the unit is from the need's place, in metres: from the
 *   problem's matrix, or in a straight line
 */
double
linli_assign_distance (const LinliAssignProblem *problem,
                       guint                     unit,
                       guint                     need)
{
  g_return_val_if_fail (unit < problem->n_units && need < problem->n_needs, INFINITY);

  if (problem->distances != NULL)
    return problem->distances[(gsize) unit * problem->n_needs + need];
  return linli_haversine_distance (problem->units[unit].lat, problem->units[unit].lon,
                                   problem->needs[need].position.lat,
                                   problem->needs[need].position.lon);
}

static guint64
pair_key (guint unit,
          guint need)
{
  return ((guint64) unit << 32) | need;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
is_forbidden (GArray *forbidden,
              guint   unit,
              guint   need)
{
  guint64 key = pair_key (unit, need);

  return forbidden->len > 0 &&
         bsearch (&key, forbidden->data, forbidden->len, sizeof (guint64), compare_keys) != NULL;
}

static gboolean
within (const LinliAssignProblem *p,
        double                    distance)
{
  return p->max_distance <= 0 || distance <= p->max_distance;
}

/* Builds the network of @offers and @needs (indices into the problem;
 * an offer meets the needs of its category), with the groups' minimums
 * still lacking in @group_left (NULL: no groups), solves it and appends
 * the flows.  Returns the number of augmentations. */
static guint
solve_network (const LinliAssignProblem *p,
               GArray                   *forbidden,
               const double             *cap,
               const double             *left,
               GArray                   *offers,
               GArray                   *needs,
               const double             *group_left,
               double                    eps,
               GArray                   *flows)
{
  guint k = offers->len, m = needs->len, g = group_left != NULL ? p->n_groups : 0;
  guint sink = k + m + g + 1, augmentations;
  /* Triples of guint: arc, offer, need. */
  g_autoptr (GArray) pair_arcs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree Cost *pot = NULL;
  g_autofree gboolean *need_reached = NULL, *group_reached = NULL;
  gboolean sink_reached = FALSE;
  Network net;

  if (k == 0 || m == 0)
    return 0;

  network_init (&net, sink + 1);
  pot = g_new (Cost, sink + 1);
  need_reached = g_new0 (gboolean, m);
  group_reached = g_new0 (gboolean, MAX (g, 1));
  pot[0] = (Cost) { 0, 0, 0 };
  for (guint j = 0; j < m; j++)
    pot[1 + k + j] = (Cost) { 0, 0, INFINITY };
  for (guint i = 0; i < k; i++)
    {
      guint o = g_array_index (offers, guint, i);

      pot[1 + i] = (Cost) { 0, 0, 0 };
      add_arc (&net, 0, 1 + i, cap[o], (Cost) { 0, 0, 0 });
      for (guint j = 0; j < m; j++)
        {
          guint n = g_array_index (needs, guint, j), u = p->offers[o].unit, e;
          double d;

          if (p->needs[n].category != p->offers[o].category || is_forbidden (forbidden, u, n))
            continue;
          d = linli_assign_distance (p, u, n);
          if (!within (p, d))
            continue;
          e = add_arc (&net, 1 + i, 1 + k + j, INFINITY, (Cost) { 0, 0, d });
          g_array_append_val (pair_arcs, e);
          g_array_append_val (pair_arcs, o);
          g_array_append_val (pair_arcs, n);
          need_reached[j] = TRUE;
          if (d < pot[1 + k + j].b)
            pot[1 + k + j] = (Cost) { 0, 0, d };
        }
    }

  /* Initial potentials: shortest distances in the network as built (a
   * DAG: source, offers, needs, groups, sink).  A need no offer reaches
   * gets no arc onwards, and a group no need reaches none to the sink, so
   * no node is left without a finite potential. */
  for (guint x = 0; x < g; x++)
    pot[1 + k + m + x] = (Cost) { 0, 0, 0 };
  for (guint j = 0; j < m; j++)
    {
      guint n = g_array_index (needs, guint, j);
      guint group = group_left != NULL ? p->groups[n] : LINLI_ASSIGN_NO_GROUP;
      guint to = group != LINLI_ASSIGN_NO_GROUP ? 1 + k + m + group : sink;
      Cost arc = { 0, -(double) p->needs[n].priority, 0 }, via;

      if (!need_reached[j])
        {
          pot[1 + k + j] = (Cost) { 0, 0, 0 };
          continue;
        }
      add_arc (&net, 1 + k + j, to, left[n], arc);
      via = cost_add (pot[1 + k + j], arc);
      if (to == sink)
        {
          if (!sink_reached || cost_cmp (via, pot[sink]) < 0)
            pot[sink] = via;
          sink_reached = TRUE;
        }
      else if (!group_reached[group] || cost_cmp (via, pot[to]) < 0)
        {
          pot[to] = via;
          group_reached[group] = TRUE;
        }
    }
  for (guint x = 0; x < g; x++)
    {
      guint node = 1 + k + m + x;
      Cost via = pot[node];

      if (!group_reached[x])
        continue;
      if (group_left[x] > eps)
        {
          add_arc (&net, node, sink, group_left[x], (Cost) { -1, 0, 0 });
          via = cost_add (via, (Cost) { -1, 0, 0 });
        }
      add_arc (&net, node, sink, INFINITY, (Cost) { 0, 0, 0 });
      if (!sink_reached || cost_cmp (via, pot[sink]) < 0)
        pot[sink] = via;
      sink_reached = TRUE;
    }
  if (!sink_reached)
    {
      network_clear (&net);
      return 0;
    }

  augmentations = min_cost_flow (&net, pot, eps);

  for (guint i = 0; i < pair_arcs->len; i += 3)
    {
      guint e = g_array_index (pair_arcs, guint, i);
      guint o = g_array_index (pair_arcs, guint, i + 1);
      guint n = g_array_index (pair_arcs, guint, i + 2);
      double q = ARC_CAP (&net, e ^ 1);

      if (q > eps)
        g_array_append_val (flows, ((LinliAssignFlow) { o, p->offers[o].unit, n, q,
                                                        ARC_COST (&net, e).b, FALSE }));
    }
  network_clear (&net);
  return augmentations;
}

/* Solves each category's network on its own (offers and needs of
 * different categories never meet); appends the flows.  Returns the
 * number of augmentations. */
static guint
solve_by_category (const LinliAssignProblem *p,
                   GArray                   *forbidden,
                   const double             *cap,
                   const double             *left,
                   double                    eps,
                   GArray                   *flows)
{
  g_autofree guint *offer_start = g_new0 (guint, p->n_categories + 1);
  g_autofree guint *need_start = g_new0 (guint, p->n_categories + 1);
  g_autofree guint *offer_order = g_new (guint, MAX (p->n_offers, 1));
  g_autofree guint *need_order = g_new (guint, MAX (p->n_needs, 1));
  guint augmentations = 0;

  /* Offers and needs by category (counting sort). */
  for (guint o = 0; o < p->n_offers; o++)
    offer_start[p->offers[o].category + 1]++;
  for (guint n = 0; n < p->n_needs; n++)
    need_start[p->needs[n].category + 1]++;
  for (guint c = 0; c < p->n_categories; c++)
    {
      offer_start[c + 1] += offer_start[c];
      need_start[c + 1] += need_start[c];
    }
  {
    g_autofree guint *fill_o = g_memdup2 (offer_start, sizeof (guint) * (p->n_categories + 1));
    g_autofree guint *fill_n = g_memdup2 (need_start, sizeof (guint) * (p->n_categories + 1));

    for (guint o = 0; o < p->n_offers; o++)
      offer_order[fill_o[p->offers[o].category]++] = o;
    for (guint n = 0; n < p->n_needs; n++)
      need_order[fill_n[p->needs[n].category]++] = n;
  }

  for (guint c = 0; c < p->n_categories; c++)
    {
      g_autoptr (GArray) offers = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (GArray) needs = g_array_new (FALSE, FALSE, sizeof (guint));

      /* Only offers with room and needs still open take part. */
      for (guint i = offer_start[c]; i < offer_start[c + 1]; i++)
        if (cap[offer_order[i]] > eps)
          g_array_append_val (offers, offer_order[i]);
      for (guint i = need_start[c]; i < need_start[c + 1]; i++)
        if (left[need_order[i]] > eps)
          g_array_append_val (needs, need_order[i]);
      augmentations += solve_network (p, forbidden, cap, left, offers, needs, NULL, eps, flows);
    }
  return augmentations;
}

/* Per group, what it wants: its minimum, or all it needs when that is
 * less. */
static double *
group_targets (const LinliAssignProblem *p)
{
  double *target = g_new0 (double, p->n_groups);

  for (guint n = 0; n < p->n_needs; n++)
    if (p->groups[n] != LINLI_ASSIGN_NO_GROUP)
      target[p->groups[n]] += p->needs[n].quantity;
  for (guint x = 0; x < p->n_groups; x++)
    target[x] = MIN (target[x], p->group_minimum);
  return target;
}

/* Per group, what @n_flows @flows give it. */
static double *
group_received (const LinliAssignProblem *p,
                const LinliAssignFlow    *flows,
                guint                     n_flows)
{
  double *got = g_new0 (double, p->n_groups);

  for (guint f = 0; f < n_flows; f++)
    if (p->groups[flows[f].need] != LINLI_ASSIGN_NO_GROUP)
      got[p->groups[flows[f].need]] += flows[f].quantity;
  return got;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

/**
 * linli_unmet_reason_to_string:
 * @reason: why a need stays unmet
 *
 * Returns: (transfer none): a stable name for files and JSON ("capacity")
 */
const char *
linli_unmet_reason_to_string (LinliUnmetReason reason)
{
  static const char *const names[] = { "none", "no-offer", "forbidden", "too-far", "capacity" };

  g_return_val_if_fail (reason < G_N_ELEMENTS (names), NULL);
  return names[reason];
}

/**
 * linli_assign_result_free:
 * @result: (nullable): a result of linli_assign_solve()
 *
 * Frees @result.
 */
void
linli_assign_result_free (LinliAssignResult *result)
{
  if (result == NULL)
    return;
  for (guint n = 0; n < result->n_needs; n++)
    g_free (result->needs[n].blocking);
  g_free (result->needs);
  g_free (result->flows);
  g_free (result->used);
  g_free (result->group_met);
  g_free (result->group_reasons);
  g_free (result);
}

static int
compare_blocking (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const LinliAssignProblem *p = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (p->needs[x].priority != p->needs[y].priority)
    return p->needs[x].priority > p->needs[y].priority ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Says why each need that is not met in full stays so, and each group
 * marked in @short_of that received less than its minimum. */
static void
explain (const LinliAssignProblem *p,
         LinliAssignResult        *result,
         GArray                   *forbidden,
         const gboolean           *short_of,
         double                    eps)
{
  g_autofree LinliUnmetReason *reach = g_new0 (LinliUnmetReason, MAX (p->n_needs, 1));
  g_autofree GArray **by_category = g_new0 (GArray *, MAX (p->n_categories, 1));
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) blocking = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Per offer: the needs it serves. */
  g_autofree GArray **served = g_new0 (GArray *, MAX (p->n_offers, 1));

  for (guint o = 0; o < p->n_offers; o++)
    {
      guint c = p->offers[o].category;

      if (p->offers[o].capacity <= 0)
        continue;
      if (by_category[c] == NULL)
        by_category[c] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (by_category[c], o);
    }
  for (guint f = 0; f < result->n_flows; f++)
    {
      guint o = result->flows[f].offer;

      if (served[o] == NULL)
        served[o] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (served[o], result->flows[f].need);
    }

  for (guint n = 0; n < p->n_needs; n++)
    {
      LinliAssignNeedResult *r = &result->needs[n];
      GArray *offers = by_category[p->needs[n].category];
      gboolean any_allowed = FALSE, any_within = FALSE, met = r->unmet <= eps;
      double nearest = INFINITY;
      guint nearest_unit = 0;

      if (met)
        {
          r->unmet = 0;
          r->reason = LINLI_UNMET_NONE;
          /* A group's reason is the best its needs could reach. */
          if (result->n_groups == 0)
            continue;
        }
      if (offers == NULL)
        {
          reach[n] = LINLI_UNMET_NO_OFFER;
          if (!met)
            r->reason = LINLI_UNMET_NO_OFFER;
          continue;
        }
      g_hash_table_remove_all (seen);
      g_array_set_size (blocking, 0);
      for (guint i = 0; i < offers->len; i++)
        {
          guint o = g_array_index (offers, guint, i), u = p->offers[o].unit;
          double d;

          if (is_forbidden (forbidden, u, n))
            continue;
          any_allowed = TRUE;
          d = linli_assign_distance (p, u, n);
          if (d < nearest)
            {
              nearest = d;
              nearest_unit = u;
            }
          if (!within (p, d))
            continue;
          any_within = TRUE;
          for (guint k = 0; served[o] != NULL && k < served[o]->len; k++)
            {
              guint m = g_array_index (served[o], guint, k);

              if (m != n && g_hash_table_add (seen, GUINT_TO_POINTER (m + 1)))
                g_array_append_val (blocking, m);
            }
        }
      /* A fixed pair may serve a need from beyond the distance: the
       * units it may still use are what the reasons speak of. */
      reach[n] = !any_allowed ? LINLI_UNMET_FORBIDDEN
               : !any_within ? LINLI_UNMET_TOO_FAR : LINLI_UNMET_CAPACITY;
      if (met)
        continue;
      r->reason = reach[n];
      if (r->reason == LINLI_UNMET_TOO_FAR)
        {
          r->nearest_unit = nearest_unit;
          r->nearest_distance = nearest;
        }
      else if (r->reason == LINLI_UNMET_CAPACITY)
        {
          g_array_sort_with_data (blocking, compare_blocking, (gpointer) p);
          r->n_blocking = blocking->len;
          r->blocking = g_memdup2 (blocking->data, sizeof (guint) * MAX (blocking->len, 1));
        }
    }

  /* A group short of its minimum: the furthest any of its needs got
   * (the reasons are ordered no offer < forbidden < too far < capacity). */
  for (guint x = 0; x < result->n_groups; x++)
    result->group_reasons[x] = LINLI_UNMET_NONE;
  for (guint n = 0; n < p->n_needs && result->n_groups > 0; n++)
    {
      guint x = p->groups[n];

      if (x == LINLI_ASSIGN_NO_GROUP || !short_of[x])
        continue;
      result->group_reasons[x] = MAX (result->group_reasons[x], reach[n]);
    }
  for (guint c = 0; c < p->n_categories; c++)
    if (by_category[c] != NULL)
      g_array_unref (by_category[c]);
  for (guint o = 0; o < p->n_offers; o++)
    if (served[o] != NULL)
      g_array_unref (served[o]);
}

/**
 * linli_assign_solve:
 * @problem: units, offers, needs and the rules of the assignment
 * @error: where a problem that is not valid is reported
 *
 * Finds the exact lexicographic optimum: most priority-weighted quantity
 * met, then least quantity × distance; and says for every need not met in
 * full why not.
 *
 * Returns: (transfer full): the assignment, or %NULL with @error set
 */
LinliAssignResult *
linli_assign_solve (const LinliAssignProblem *problem,
                    GError                  **error)
{
  const LinliAssignProblem *p = problem;
  g_autoptr (LinliAssignResult) result = NULL;
  g_autoptr (GArray) forbidden = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr (GArray) flows = g_array_new (FALSE, FALSE, sizeof (LinliAssignFlow));
  g_autofree double *cap = NULL, *left = NULL;
  g_autofree double *group_left = NULL, *target = NULL;
  g_autofree gboolean *short_of = NULL;
  gboolean groups_on, any_short = FALSE;
  guint n_fixed_flows;
  double scale = 1, eps;

  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_problem (p, error))
    return NULL;

  for (guint i = 0; i < p->n_forbidden; i++)
    {
      guint64 key = pair_key (p->forbidden[i].unit, p->forbidden[i].need);

      g_array_append_val (forbidden, key);
    }
  g_array_sort (forbidden, compare_keys);

  result = g_new0 (LinliAssignResult, 1);
  result->n_needs = p->n_needs;
  result->needs = g_new0 (LinliAssignNeedResult, MAX (p->n_needs, 1));
  result->used = g_new0 (double, MAX (p->n_offers, 1));
  result->straight_line = p->distances == NULL;
  groups_on = p->groups != NULL && p->group_minimum > 0 && p->n_groups > 0;
  if (groups_on)
    {
      result->n_groups = p->n_groups;
      result->group_reasons = g_new0 (LinliUnmetReason, p->n_groups);
    }

  cap = g_new (double, MAX (p->n_offers, 1));
  left = g_new (double, MAX (p->n_needs, 1));
  for (guint o = 0; o < p->n_offers; o++)
    {
      cap[o] = p->offers[o].capacity;
      scale = MAX (scale, cap[o]);
    }
  for (guint n = 0; n < p->n_needs; n++)
    {
      left[n] = p->needs[n].quantity;
      scale = MAX (scale, left[n]);
      result->demand += left[n];
    }
  /* Below this a residual is rounding, not room. */
  eps = scale * 1e-12;

  /* Fixed pairs first, in the order given. */
  for (guint i = 0; i < p->n_fixed; i++)
    {
      guint u = p->fixed[i].unit, n = p->fixed[i].need;
      gboolean offered = FALSE;

      if (is_forbidden (forbidden, u, n))
        {
          g_set_error (error, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID,
                       _("A pair of unit %u and need %u is both fixed and forbidden"), u + 1,
                       n + 1);
          return NULL;
        }
      for (guint o = 0; o < p->n_offers; o++)
        {
          double amount;

          if (p->offers[o].unit != u || p->offers[o].category != p->needs[n].category)
            continue;
          offered = TRUE;
          amount = MIN (cap[o], left[n]);
          if (amount <= 0)
            continue;
          cap[o] -= amount;
          left[n] -= amount;
          g_array_append_val (flows, ((LinliAssignFlow) { o, u, n, amount,
                                                          linli_assign_distance (p, u, n), TRUE }));
        }
      if (!offered)
        {
          g_set_error (error, LINLI_ASSIGN_ERROR, LINLI_ASSIGN_ERROR_INVALID,
                       _("A fixed pair joins unit %u to need %u, whose category the unit does not "
                         "offer"), u + 1, n + 1);
          return NULL;
        }
    }

  /* Without minimums, or when the best assignment without them already
   * gives every group its minimum (then it is also the best with them),
   * each category is solved on its own: many small networks are much
   * faster than one large. */
  n_fixed_flows = flows->len;
  result->n_augmentations += solve_by_category (p, forbidden, cap, left, eps, flows);
  if (groups_on)
    {
      g_autofree double *got = group_received (p, (const LinliAssignFlow *) (gpointer) flows->data,
                                               flows->len);

      target = group_targets (p);
      for (guint x = 0; x < p->n_groups && !any_short; x++)
        any_short = got[x] < target[x] - eps;
    }
  if (any_short)
    {
      /* One network for all categories, after the fixed pairs. */
      g_autoptr (GArray) offers = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (GArray) needs = g_array_new (FALSE, FALSE, sizeof (guint));

      g_array_set_size (flows, n_fixed_flows);
      result->n_augmentations = 0;
      /* What the groups still want after the fixed pairs. */
      group_left = group_received (p, (const LinliAssignFlow *) (gpointer) flows->data,
                                   flows->len);
      for (guint x = 0; x < p->n_groups; x++)
        group_left[x] = MAX (target[x] - group_left[x], 0);

      for (guint o = 0; o < p->n_offers; o++)
        if (cap[o] > eps)
          g_array_append_val (offers, o);
      for (guint n = 0; n < p->n_needs; n++)
        if (left[n] > eps)
          g_array_append_val (needs, n);
      result->n_augmentations += solve_network (p, forbidden, cap, left, offers, needs,
                                                group_left, eps, flows);
    }

  for (guint f = 0; f < flows->len; f++)
    {
      const LinliAssignFlow *flow = &g_array_index (flows, LinliAssignFlow, f);

      result->used[flow->offer] += flow->quantity;
      result->needs[flow->need].met += flow->quantity;
      result->distance += flow->quantity * flow->distance;
    }
  for (guint n = 0; n < p->n_needs; n++)
    {
      LinliAssignNeedResult *r = &result->needs[n];

      r->met = MIN (r->met, p->needs[n].quantity);
      r->unmet = p->needs[n].quantity - r->met;
      result->met += r->met;
      result->weighted_met += r->met * p->needs[n].priority;
    }
  result->n_flows = flows->len;
  result->flows = (LinliAssignFlow *) (gpointer) g_array_free (g_steal_pointer (&flows), FALSE);
  if (groups_on)
    {
      result->group_met = group_received (p, result->flows, result->n_flows);
      short_of = g_new0 (gboolean, p->n_groups);
      for (guint x = 0; x < p->n_groups; x++)
        if (result->group_met[x] < target[x] - eps)
          {
            short_of[x] = TRUE;
            result->n_groups_short++;
          }
    }
  explain (p, result, forbidden, short_of, eps);
  return g_steal_pointer (&result);
}
