/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-flow"

/* Maximum flow, for the weight open sites with capacities can serve. */

#include "config.h"

#include "linli-plan-private.h"

#include <math.h>
#include <string.h>

/*
 * Maximum flow for the capacitated problem
 */

typedef struct
{
  guint  to;
  guint  rev;
  double cap;
} FlowEdge;

#define FLOW_EPS 1e-9

static gboolean
flow_levels (const gsize    *adj_start,
             const FlowEdge *edges,
             guint           n_nodes,
             int            *level,
             guint          *queue)
{
  guint head = 0, tail = 0;

  for (guint v = 0; v < n_nodes; v++)
    level[v] = -1;
  level[0] = 0;
  queue[tail++] = 0;
  while (head < tail)
    {
      guint v = queue[head++];

      for (gsize e = adj_start[v]; e < adj_start[v + 1]; e++)
        if (edges[e].cap > FLOW_EPS && level[edges[e].to] < 0)
          {
            level[edges[e].to] = level[v] + 1;
            queue[tail++] = edges[e].to;
          }
    }
  return level[1] >= 0;
}

/* Returns the maximum flow; @served, when given, receives the weight each
 * row gets.  Dinic's algorithm with an explicit stack, so long augmenting
 * paths cannot overflow the thread's stack.
 */
double
_linli_plan_max_flow (const LinliPlanFlowGraph *g,
                      const guint8             *open,
                      double                   *served)
{
  guint n_nodes = 2 + g->n_rows + g->n_cols;
  g_autofree gsize *adj_start = g_new0 (gsize, n_nodes + 1);
  g_autofree gsize *fill = NULL;
  g_autofree FlowEdge *edges = NULL;
  g_autofree int *level = g_new (int, n_nodes);
  g_autofree guint *queue = g_new (guint, n_nodes);
  g_autofree gsize *iter = g_new (gsize, n_nodes);
  g_autofree gsize *path = g_new (gsize, n_nodes);
  g_autofree guint8 *used_col = g_new0 (guint8, MAX (g->n_cols, 1));
  g_autofree guint8 *used_row = g_new0 (guint8, MAX (g->n_rows, 1));
  double flow = 0;
  gsize n_edges;

#define ROW_NODE(r) (2 + (r))
#define COL_NODE(c) (2 + g->n_rows + (c))

  /* Degrees first, then the edges with their reverses. */
  for (guint r = 0; r < g->n_rows; r++)
    for (gsize e = g->row_start[r]; e < g->row_start[r + 1]; e++)
      if (open[g->row_col[e]])
        {
          adj_start[ROW_NODE (r) + 1]++;
          adj_start[COL_NODE (g->row_col[e]) + 1]++;
          if (!used_row[r])
            {
              used_row[r] = 1;
              adj_start[0 + 1]++;
              adj_start[ROW_NODE (r) + 1]++;
            }
          if (!used_col[g->row_col[e]])
            {
              used_col[g->row_col[e]] = 1;
              adj_start[COL_NODE (g->row_col[e]) + 1]++;
              adj_start[1 + 1]++;
            }
        }
  for (guint v = 0; v < n_nodes; v++)
    adj_start[v + 1] += adj_start[v];
  n_edges = adj_start[n_nodes];
  edges = g_new (FlowEdge, MAX (n_edges, 1));
  fill = g_memdup2 (adj_start, sizeof (gsize) * (n_nodes + 1));

#define ADD_EDGE(u, v, c)                                  \
  G_STMT_START                                             \
  {                                                        \
    gsize a_ = fill[u]++, b_ = fill[v]++;                  \
    edges[a_].to = (v);                                    \
    edges[a_].rev = (guint) (b_ - adj_start[v]);           \
    edges[a_].cap = (c);                                   \
    edges[b_].to = (u);                                    \
    edges[b_].rev = (guint) (a_ - adj_start[u]);           \
    edges[b_].cap = 0;                                     \
  }                                                        \
  G_STMT_END

  for (guint r = 0; r < g->n_rows; r++)
    if (used_row[r])
      ADD_EDGE (0, ROW_NODE (r), g->row_w[r]);
  for (guint c = 0; c < g->n_cols; c++)
    if (used_col[c])
      ADD_EDGE (COL_NODE (c), 1, g->col_cap[c]);
  for (guint r = 0; r < g->n_rows; r++)
    for (gsize e = g->row_start[r]; e < g->row_start[r + 1]; e++)
      if (open[g->row_col[e]])
        ADD_EDGE (ROW_NODE (r), COL_NODE (g->row_col[e]), HUGE_VAL);
#undef ADD_EDGE

  while (flow_levels (adj_start, edges, n_nodes, level, queue))
    {
      guint depth = 0, v = 0;

      memcpy (iter, adj_start, sizeof (gsize) * n_nodes);
      for (;;)
        {
          if (v == 1)
            {
              double push = HUGE_VAL;

              for (guint d = 0; d < depth; d++)
                push = MIN (push, edges[path[d]].cap);
              for (guint d = 0; d < depth; d++)
                {
                  FlowEdge *fe = &edges[path[d]];

                  fe->cap -= push;
                  edges[adj_start[fe->to] + fe->rev].cap += push;
                }
              flow += push;
              depth = 0;
              v = 0;
              continue;
            }
          while (iter[v] < adj_start[v + 1] &&
                 !(edges[iter[v]].cap > FLOW_EPS && level[edges[iter[v]].to] == level[v] + 1))
            iter[v]++;
          if (iter[v] < adj_start[v + 1])
            {
              path[depth++] = iter[v];
              v = edges[iter[v]].to;
              continue;
            }
          /* A dead end: never come back here in this phase. */
          if (v == 0)
            break;
          level[v] = -1;
          depth--;
          v = edges[adj_start[edges[path[depth]].to] + edges[path[depth]].rev].to;
          iter[v]++;
        }
    }

  if (served != NULL)
    {
      for (guint r = 0; r < g->n_rows; r++)
        served[r] = 0;
      for (gsize e = adj_start[0]; e < adj_start[1]; e++)
        {
          guint r = edges[e].to - 2;

          served[r] = g->row_w[r] - edges[e].cap;
        }
    }
#undef ROW_NODE
#undef COL_NODE
  return flow;
}
