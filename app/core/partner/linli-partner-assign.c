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
 */

/* A cost: a is −priority per unit (whole numbers), b metres per unit. */
typedef struct
{
  double a;
  double b;
} Cost;

static inline int
cost_cmp (Cost x,
          Cost y)
{
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
  return (Cost) { x.a + y.a, x.b + y.b };
}

static inline Cost
cost_sub (Cost x,
          Cost y)
{
  return (Cost) { x.a - y.a, x.b - y.b };
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
  add_half (net, to, from, 0, (Cost) { -cost.a, -cost.b });
  return index;
}

#define ARC_TO(net, e)   g_array_index ((net)->to, guint, (e))
#define ARC_CAP(net, e)  g_array_index ((net)->cap, double, (e))
#define ARC_COST(net, e) g_array_index ((net)->cost, Cost, (e))
#define ARC_NEXT(net, e) g_array_index ((net)->next, int, (e))

/* Successive shortest paths from node 0 to node n-1, with @pot the
 * initial potentials (reduced costs non-negative on arcs with room).
 * Dijkstra is the simple O(V²) one: one category's network is small and
 * dense.  Returns the number of augmentations. */
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
      dist[source] = (Cost) { 0, 0 };
      reached[source] = TRUE;
      for (;;)
        {
          guint u = n;

          for (guint v = 0; v < n; v++)
            if (reached[v] && !done[v] && (u == n || cost_cmp (dist[v], dist[u]) < 0))
              u = v;
          if (u == n || u == sink)
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
               * below zero; priorities are whole and exact. */
              if (rc.a == 0 && rc.b < 0)
                rc.b = 0;
              d = cost_add (dist[u], rc);
              if (!reached[v] || cost_cmp (d, dist[v]) < 0)
                {
                  dist[v] = d;
                  prev[v] = e;
                  reached[v] = TRUE;
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

/* Says why each need that is not met in full stays so. */
static void
explain (const LinliAssignProblem *p,
         LinliAssignResult        *result,
         GArray                   *forbidden,
         double                    eps)
{
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
      gboolean any_allowed = FALSE, any_within = FALSE;
      double nearest = INFINITY;
      guint nearest_unit = 0;

      if (r->unmet <= eps)
        {
          r->unmet = 0;
          r->reason = LINLI_UNMET_NONE;
          continue;
        }
      if (offers == NULL)
        {
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
      if (!any_allowed)
        r->reason = LINLI_UNMET_FORBIDDEN;
      else if (!any_within)
        {
          r->reason = LINLI_UNMET_TOO_FAR;
          r->nearest_unit = nearest_unit;
          r->nearest_distance = nearest;
        }
      else
        {
          r->reason = LINLI_UNMET_CAPACITY;
          g_array_sort_with_data (blocking, compare_blocking, (gpointer) p);
          r->n_blocking = blocking->len;
          r->blocking = g_memdup2 (blocking->data, sizeof (guint) * MAX (blocking->len, 1));
        }
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
  g_autofree guint *offer_order = NULL, *need_order = NULL, *offer_start = NULL, *need_start = NULL;
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

  /* Offers and needs by category (counting sort). */
  offer_start = g_new0 (guint, p->n_categories + 1);
  need_start = g_new0 (guint, p->n_categories + 1);
  offer_order = g_new (guint, MAX (p->n_offers, 1));
  need_order = g_new (guint, MAX (p->n_needs, 1));
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
      /* Triples of guint: arc, offer, need. */
      g_autoptr (GArray) pair_arcs = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree Cost *pot = NULL;
      g_autofree int *need_node = NULL;
      Network net;
      guint k, m, sink;

      /* Only offers with room and needs still open take part. */
      for (guint i = offer_start[c]; i < offer_start[c + 1]; i++)
        if (cap[offer_order[i]] > eps)
          g_array_append_val (offers, offer_order[i]);
      for (guint i = need_start[c]; i < need_start[c + 1]; i++)
        if (left[need_order[i]] > eps)
          g_array_append_val (needs, need_order[i]);
      k = offers->len;
      m = needs->len;
      if (k == 0 || m == 0)
        continue;

      sink = k + m + 1;
      network_init (&net, k + m + 2);
      pot = g_new (Cost, k + m + 2);
      need_node = g_new (int, m);
      for (guint j = 0; j < m; j++)
        {
          pot[1 + k + j] = (Cost) { INFINITY, INFINITY };
          need_node[j] = 0;
        }
      for (guint i = 0; i < k; i++)
        {
          guint o = g_array_index (offers, guint, i);

          pot[1 + i] = (Cost) { 0, 0 };
          add_arc (&net, 0, 1 + i, cap[o], (Cost) { 0, 0 });
          for (guint j = 0; j < m; j++)
            {
              guint n = g_array_index (needs, guint, j), u = p->offers[o].unit, e;
              double d;

              if (is_forbidden (forbidden, u, n))
                continue;
              d = linli_assign_distance (p, u, n);
              if (!within (p, d))
                continue;
              e = add_arc (&net, 1 + i, 1 + k + j, INFINITY, (Cost) { 0, d });
              g_array_append_val (pair_arcs, e);
              g_array_append_val (pair_arcs, o);
              g_array_append_val (pair_arcs, n);
              need_node[j] = 1;
              if (d < pot[1 + k + j].b)
                pot[1 + k + j] = (Cost) { 0, d };
            }
        }
      /* Initial potentials: shortest distances in the network as built
       * (a DAG).  A need no offer reaches gets no arc to the sink, so no
       * node is left without a finite potential. */
      pot[0] = (Cost) { 0, 0 };
      pot[sink] = (Cost) { 0, 0 };
      {
        gboolean first = TRUE;

        for (guint j = 0; j < m; j++)
          {
            guint n = g_array_index (needs, guint, j);
            Cost via;

            if (!need_node[j])
              {
                pot[1 + k + j] = (Cost) { 0, 0 };
                continue;
              }
            add_arc (&net, 1 + k + j, sink, left[n], (Cost) { -(double) p->needs[n].priority, 0 });
            via = cost_add (pot[1 + k + j], (Cost) { -(double) p->needs[n].priority, 0 });
            if (first || cost_cmp (via, pot[sink]) < 0)
              pot[sink] = via;
            first = FALSE;
          }
      }
      result->n_augmentations += min_cost_flow (&net, pot, eps);

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
  explain (p, result, forbidden, eps);
  return g_steal_pointer (&result);
}
