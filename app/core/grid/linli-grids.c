/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-grid"

#include "config.h"

#include "linli-grids.h"

#include <stdlib.h>

struct _LinliGrids
{
  GObject     parent_instance;

  GListStore *grids;
  guint       min;
  guint       max;
  GHashTable *community_boundaries;  /* index → LinliPolygon */
  GHashTable *compound_boundaries;   /* index → LinliPolygon */
  guint       next_id;
  guint       serial;
  GHashTable *by_id;                 /* id → the first LinliGrid with it, for finding in constant time */
};

G_DEFINE_FINAL_TYPE (LinliGrids, linli_grids, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static void
emit_changed (LinliGrids *self)
{
  self->serial++;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_grid_changed_cb (LinliGrids *self,
                    LinliGrid  *grid)
{
  emit_changed (self);
}

/* GObject overrides */

static void
linli_grids_dispose (GObject *object)
{
  LinliGrids *self = LINLI_GRIDS (object);

  g_clear_object (&self->grids);
  G_OBJECT_CLASS (linli_grids_parent_class)->dispose (object);
}

static void
linli_grids_finalize (GObject *object)
{
  LinliGrids *self = LINLI_GRIDS (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->community_boundaries, g_hash_table_unref);
  g_clear_pointer (&self->compound_boundaries, g_hash_table_unref);
  G_OBJECT_CLASS (linli_grids_parent_class)->finalize (object);
}

static void
linli_grids_class_init (LinliGridsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = linli_grids_dispose;
  object_class->finalize = linli_grids_finalize;

  /**
   * LinliGrids::changed:
   *
   * Emitted after any change: a grid added, removed or changed, the range
   * or a boundary set.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_grids_init (LinliGrids *self)
{
  self->grids = g_list_store_new (LINLI_TYPE_GRID);
  self->min = LINLI_GRIDS_DEFAULT_MIN;
  self->max = LINLI_GRIDS_DEFAULT_MAX;
  self->community_boundaries = g_hash_table_new_full (NULL, NULL, NULL,
                                                      (GDestroyNotify) linli_polygon_unref);
  self->compound_boundaries = g_hash_table_new_full (NULL, NULL, NULL,
                                                     (GDestroyNotify) linli_polygon_unref);
  self->next_id = 1;
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * linli_grids_new:
 *
 * Returns: (transfer full): no grids, the default range of 300–500
 *   households, no boundaries
 */
LinliGrids *
linli_grids_new (void)
{
  return g_object_new (LINLI_TYPE_GRIDS, NULL);
}

static void
copy_table (GHashTable *to,
            GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (to);
  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to, key, linli_polygon_ref (value));
}

/**
 * linli_grids_copy_from:
 *
 * Replaces everything in @self by a copy of @source.
 */
void
linli_grids_copy_from (LinliGrids *self,
                       LinliGrids *source)
{
  g_return_if_fail (LINLI_IS_GRIDS (self));
  g_return_if_fail (LINLI_IS_GRIDS (source));

  while (g_list_model_get_n_items (G_LIST_MODEL (self->grids)) > 0)
    linli_grids_remove (self, linli_grids_get_grid (self, 0));
  for (guint i = 0; i < linli_grids_get_n_grids (source); i++)
    {
      g_autoptr (LinliGrid) copy =
        linli_grid_new (linli_grid_get_state (linli_grids_get_grid (source, i)));
      linli_grids_insert (self, i, copy);
    }
  self->min = source->min;
  self->max = source->max;
  self->next_id = source->next_id;
  copy_table (self->community_boundaries, source->community_boundaries);
  copy_table (self->compound_boundaries, source->compound_boundaries);
  emit_changed (self);
}

/**
 * linli_grids_get_list:
 *
 * Returns: (transfer none): the grids, a list of #LinliGrid
 */
GListModel *
linli_grids_get_list (LinliGrids *self)
{
  g_return_val_if_fail (LINLI_IS_GRIDS (self), NULL);
  return G_LIST_MODEL (self->grids);
}

guint
linli_grids_get_n_grids (LinliGrids *self)
{
  g_return_val_if_fail (LINLI_IS_GRIDS (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->grids));
}

/**
 * linli_grids_get_grid:
 *
 * Returns: (transfer none): the grid at @position
 */
LinliGrid *
linli_grids_get_grid (LinliGrids *self,
                      guint       position)
{
  LinliGrid *grid;

  g_return_val_if_fail (LINLI_IS_GRIDS (self), NULL);

  grid = g_list_model_get_item (G_LIST_MODEL (self->grids), position);
  if (grid != NULL)
    g_object_unref (grid);
  return grid;
}

/**
 * linli_grids_find:
 * @position: (out) (optional): where it is in the list
 *
 * Returns: (transfer none) (nullable): the grid with @id
 */
LinliGrid *
linli_grids_find (LinliGrids *self,
                  const char *id,
                  guint      *position)
{
  LinliGrid *grid;

  g_return_val_if_fail (LINLI_IS_GRIDS (self), NULL);

  /* By id in constant time: reading a file checks every grid's id against
   * those before it, and a district has tens of thousands. */
  grid = id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
  if (grid != NULL && position != NULL)
    g_list_store_find (self->grids, grid, position);
  return grid;
}

/* Ids Linli makes are "g" and a number; keep the next one past any read. */
static void
note_id (LinliGrids *self,
         const char *id)
{
  guint64 n;
  char *end;

  if (id == NULL || id[0] != 'g' || !g_ascii_isdigit (id[1]))
    return;
  n = g_ascii_strtoull (id + 1, &end, 10);
  if (*end == '\0' && n < G_MAXUINT && n >= self->next_id)
    self->next_id = n + 1;
}

void
linli_grids_insert (LinliGrids *self,
                    guint       position,
                    LinliGrid  *grid)
{
  g_return_if_fail (LINLI_IS_GRIDS (self));
  g_return_if_fail (LINLI_IS_GRID (grid));

  note_id (self, linli_grid_get_id (grid));
  if (linli_grid_get_id (grid) != NULL && !g_hash_table_contains (self->by_id, linli_grid_get_id (grid)))
    g_hash_table_insert (self->by_id, (gpointer) linli_grid_get_id (grid), grid);
  g_signal_connect_object (grid, "changed", G_CALLBACK (on_grid_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_list_store_insert (self->grids, MIN (position, linli_grids_get_n_grids (self)), grid);
  emit_changed (self);
}

void
linli_grids_remove (LinliGrids *self,
                    LinliGrid  *grid)
{
  guint position;

  g_return_if_fail (LINLI_IS_GRIDS (self));

  if (!g_list_store_find (self->grids, grid, &position))
    return;
  g_signal_handlers_disconnect_by_data (grid, self);
  g_object_ref (grid);
  g_list_store_remove (self->grids, position);
  /* Another grid with the same id, if any, is the one found from now on. */
  if (linli_grid_get_id (grid) != NULL && g_hash_table_lookup (self->by_id, linli_grid_get_id (grid)) == grid)
    {
      g_hash_table_remove (self->by_id, linli_grid_get_id (grid));
      for (guint i = 0; i < linli_grids_get_n_grids (self); i++)
        {
          LinliGrid *other = linli_grids_get_grid (self, i);

          if (g_strcmp0 (linli_grid_get_id (other), linli_grid_get_id (grid)) == 0)
            {
              g_hash_table_insert (self->by_id, (gpointer) linli_grid_get_id (other), other);
              break;
            }
        }
    }
  g_object_unref (grid);
  emit_changed (self);
}

/**
 * linli_grids_new_id:
 *
 * Returns: (transfer full): an id no grid has
 */
char *
linli_grids_new_id (LinliGrids *self)
{
  char *id;

  do
    id = g_strdup_printf ("g%u", self->next_id++);
  while (linli_grids_find (self, id, NULL) != NULL && (g_free (id), TRUE));
  return id;
}

guint
linli_grids_get_min_households (LinliGrids *self)
{
  g_return_val_if_fail (LINLI_IS_GRIDS (self), 0);
  return self->min;
}

guint
linli_grids_get_max_households (LinliGrids *self)
{
  g_return_val_if_fail (LINLI_IS_GRIDS (self), 0);
  return self->max;
}

/**
 * linli_grids_set_range:
 * @min: the fewest households a grid should hold
 * @max: the most, at least @min
 */
void
linli_grids_set_range (LinliGrids *self,
                       guint       min,
                       guint       max)
{
  g_return_if_fail (LINLI_IS_GRIDS (self));
  g_return_if_fail (min <= max);

  if (self->min == min && self->max == max)
    return;
  self->min = min;
  self->max = max;
  emit_changed (self);
}

static void
set_boundary (LinliGrids   *self,
              GHashTable   *table,
              guint         index,
              LinliPolygon *boundary)
{
  LinliPolygon *old = g_hash_table_lookup (table, GUINT_TO_POINTER (index));

  if (linli_polygon_equal (old, boundary))
    return;
  if (boundary == NULL)
    g_hash_table_remove (table, GUINT_TO_POINTER (index));
  else
    g_hash_table_insert (table, GUINT_TO_POINTER (index), linli_polygon_ref (boundary));
  emit_changed (self);
}

/**
 * linli_grids_get_community_boundary:
 *
 * Returns: (transfer none) (nullable): the boundary drawn or imported for
 *   the community, %NULL when it has none (the document then derives one)
 */
LinliPolygon *
linli_grids_get_community_boundary (LinliGrids *self,
                                    guint       community)
{
  g_return_val_if_fail (LINLI_IS_GRIDS (self), NULL);
  return g_hash_table_lookup (self->community_boundaries, GUINT_TO_POINTER (community));
}

/**
 * linli_grids_set_community_boundary:
 * @boundary: (nullable): the outline, or %NULL to have none
 */
void
linli_grids_set_community_boundary (LinliGrids   *self,
                                    guint         community,
                                    LinliPolygon *boundary)
{
  g_return_if_fail (LINLI_IS_GRIDS (self));
  set_boundary (self, self->community_boundaries, community, boundary);
}

/**
 * linli_grids_get_compound_boundary:
 *
 * Returns: (transfer none) (nullable): the boundary of the compound
 */
LinliPolygon *
linli_grids_get_compound_boundary (LinliGrids *self,
                                   guint       compound)
{
  g_return_val_if_fail (LINLI_IS_GRIDS (self), NULL);
  return g_hash_table_lookup (self->compound_boundaries, GUINT_TO_POINTER (compound));
}

/**
 * linli_grids_set_compound_boundary:
 * @boundary: (nullable): the outline, or %NULL to have none
 */
void
linli_grids_set_compound_boundary (LinliGrids   *self,
                                   guint         compound,
                                   LinliPolygon *boundary)
{
  g_return_if_fail (LINLI_IS_GRIDS (self));
  set_boundary (self, self->compound_boundaries, compound, boundary);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/**
 * linli_grids_list_boundaries:
 * @compounds: %TRUE for the compounds', %FALSE for the communities'
 * @n: (out): how many
 *
 * Returns: (transfer full) (array length=n): the indices that have a
 *   boundary, in increasing order
 */
guint *
linli_grids_list_boundaries (LinliGrids *self,
                             gboolean    compounds,
                             guint      *n)
{
  GHashTable *table = compounds ? self->compound_boundaries : self->community_boundaries;
  guint *keys = g_new (guint, g_hash_table_size (table) + 1);
  GHashTableIter iter;
  gpointer key;
  guint k = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    keys[k++] = GPOINTER_TO_UINT (key);
  qsort (keys, k, sizeof (guint), compare_uint);
  *n = k;
  return keys;
}

/**
 * linli_grids_get_serial:
 *
 * Returns: a number that changes with every change, for caches
 */
guint
linli_grids_get_serial (LinliGrids *self)
{
  g_return_val_if_fail (LINLI_IS_GRIDS (self), 0);
  return self->serial;
}

/**
 * linli_grids_is_empty:
 *
 * Returns: %TRUE when there is nothing to save: no grids, no boundaries
 *   and the default range
 */
gboolean
linli_grids_is_empty (LinliGrids *self)
{
  return linli_grids_get_n_grids (self) == 0 && g_hash_table_size (self->community_boundaries) == 0
         && g_hash_table_size (self->compound_boundaries) == 0
         && self->min == LINLI_GRIDS_DEFAULT_MIN && self->max == LINLI_GRIDS_DEFAULT_MAX;
}
