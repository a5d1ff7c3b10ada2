/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "make-pmedian"

/* The classic p-median benchmark family, made anew from a seed: n nodes,
 * a random spanning tree so the graph is connected, then random edges up
 * to n²/50 in all (Beasley's OR-Library sizes: 200 edges for 100 nodes,
 * 16,200 for 900), integer lengths from 1 to 100, and the shortest-path
 * distance between every pair of nodes.  Every node is both a demand point
 * of weight 1 and a candidate, so the objective is a whole number.
 *
 * The output is the CSV instance `linli-tool plan` reads: DIR/demand.csv,
 * DIR/candidates.csv and DIR/costs.csv.  Plan it with
 *
 *   linli-tool plan --problem pmedian -k P --radius 100000 --max-distance 100000 \
 *     --demand DIR/demand.csv --candidates DIR/candidates.csv --costs DIR/costs.csv
 *
 * (a reach beyond every path: no node is left unreached).
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  guint to;
  guint length;
} Edge;

/* A binary heap of (distance, node) for Dijkstra's algorithm. */
typedef struct
{
  guint64 *items;   /* distance << 32 | node */
  guint    len;
} Heap;

static void
heap_push (Heap    *h,
           guint64  item)
{
  guint i = h->len++;

  while (i > 0 && h->items[(i - 1) / 2] > item)
    {
      h->items[i] = h->items[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  h->items[i] = item;
}

static guint64
heap_pop (Heap *h)
{
  guint64 top = h->items[0], last = h->items[--h->len];
  guint i = 0;

  for (;;)
    {
      guint c = 2 * i + 1;

      if (c >= h->len)
        break;
      if (c + 1 < h->len && h->items[c + 1] < h->items[c])
        c++;
      if (h->items[c] >= last)
        break;
      h->items[i] = h->items[c];
      i = c;
    }
  if (h->len > 0)
    h->items[i] = last;
  return top;
}

static void
shortest_paths (GArray **adj,
                guint    n,
                guint    source,
                guint   *dist)
{
  Heap h = { g_new (guint64, 1 + 4 * (gsize) n * n / 50 + 2 * n), 0 };

  for (guint v = 0; v < n; v++)
    dist[v] = G_MAXUINT;
  dist[source] = 0;
  heap_push (&h, source);
  while (h.len > 0)
    {
      guint64 item = heap_pop (&h);
      guint d = item >> 32, v = item & G_MAXUINT32;

      if (d > dist[v])
        continue;
      for (guint e = 0; e < adj[v]->len; e++)
        {
          Edge *edge = &g_array_index (adj[v], Edge, e);

          if (d + edge->length < dist[edge->to])
            {
              dist[edge->to] = d + edge->length;
              heap_push (&h, (guint64) dist[edge->to] << 32 | edge->to);
            }
        }
    }
  g_free (h.items);
}

static gboolean
write_file (const char  *dir,
            const char  *name,
            GString     *text,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_set_contents (path, text->str, text->len, error);
}

int
main (int    argc,
      char **argv)
{
  int n = 100, seed = 1;
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "nodes", 'n', 0, G_OPTION_ARG_INT, &n, "Nodes, each a demand point and a candidate (default 100)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "N" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &dir, "Directory for demand.csv, candidates.csv and costs.csv", "DIR" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— make a p-median benchmark graph");
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree GArray **adj = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *dist = NULL;
  g_autofree gint64 *keys = NULL;
  guint n_edges, made = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 1 || dir == NULL || n < 2 || n > 5000)
    {
      g_printerr ("make-pmedian: %s\n", error ? error->message : "give --out and 2 to 5000 --nodes");
      return 2;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr ("make-pmedian: cannot make %s\n", dir);
      return 1;
    }

  rand = g_rand_new_with_seed ((guint32) seed);
  n_edges = MAX ((guint) n - 1, (guint) ((gint64) n * n / 50));
  n_edges = MIN (n_edges, (guint) ((gint64) n * (n - 1) / 2));
  adj = g_new (GArray *, n);
  for (int v = 0; v < n; v++)
    adj[v] = g_array_new (FALSE, FALSE, sizeof (Edge));
  keys = g_new (gint64, n_edges);

  /* A random spanning tree: each node in a random order joins one before it. */
  order = g_new (guint, n);
  for (int v = 0; v < n; v++)
    order[v] = v;
  for (int v = n - 1; v > 0; v--)
    {
      guint r = g_rand_int_range (rand, 0, v + 1), t = order[v];

      order[v] = order[r];
      order[r] = t;
    }
  while (made < n_edges)
    {
      guint a, b, length = g_rand_int_range (rand, 1, 101);
      Edge ab, ba;

      if (made < (guint) n - 1)
        {
          a = order[made + 1];
          b = order[g_rand_int_range (rand, 0, made + 1)];
        }
      else
        {
          a = g_rand_int_range (rand, 0, n);
          b = g_rand_int_range (rand, 0, n);
        }
      if (a == b)
        continue;
      keys[made] = (gint64) MIN (a, b) * n + MAX (a, b);
      if (g_hash_table_contains (seen, &keys[made]))
        continue;
      g_hash_table_add (seen, &keys[made]);
      ab = (Edge) { b, length };
      ba = (Edge) { a, length };
      g_array_append_val (adj[a], ab);
      g_array_append_val (adj[b], ba);
      made++;
    }

  g_string_append (text, "id,weight\n");
  for (int v = 0; v < n; v++)
    g_string_append_printf (text, "%d,1\n", v + 1);
  if (!write_file (dir, "demand.csv", text, &error))
    goto fail;
  g_string_assign (text, "id,cost,state\n");
  for (int v = 0; v < n; v++)
    g_string_append_printf (text, "%d,1,candidate\n", v + 1);
  if (!write_file (dir, "candidates.csv", text, &error))
    goto fail;
  g_string_assign (text, "demand_id,candidate_id,cost\n");
  dist = g_new (guint, n);
  for (int s = 0; s < n; s++)
    {
      shortest_paths (adj, n, s, dist);
      for (int v = 0; v < n; v++)
        g_string_append_printf (text, "%d,%d,%u\n", s + 1, v + 1, dist[v]);
    }
  if (!write_file (dir, "costs.csv", text, &error))
    goto fail;
  for (int v = 0; v < n; v++)
    g_array_unref (adj[v]);
  g_print ("%s: %d nodes, %u edges, seed %d\n", dir, n, n_edges, seed);
  return 0;

fail:
  g_printerr ("make-pmedian: %s\n", error->message);
  return 1;
}
