/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-index-list"

#include "linli-index-list.h"

struct _LinliIndexItem
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (LinliIndexItem, linli_index_item, G_TYPE_OBJECT)

static void
linli_index_item_class_init (LinliIndexItemClass *klass)
{
}

static void
linli_index_item_init (LinliIndexItem *self)
{
}

guint
linli_index_item_get_index (LinliIndexItem *self)
{
  g_return_val_if_fail (LINLI_IS_INDEX_ITEM (self), 0);
  return self->index;
}

struct _LinliIndexList
{
  GObject  parent_instance;
  GArray  *indices;
};

static void linli_index_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LinliIndexList, linli_index_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, linli_index_list_model_init))

static GType
linli_index_list_get_item_type (GListModel *model)
{
  return LINLI_TYPE_INDEX_ITEM;
}

static guint
linli_index_list_get_n_items (GListModel *model)
{
  return LINLI_INDEX_LIST (model)->indices->len;
}

static gpointer
linli_index_list_get_item (GListModel *model,
                              guint       position)
{
  LinliIndexList *self = LINLI_INDEX_LIST (model);
  LinliIndexItem *item;

  if (position >= self->indices->len)
    return NULL;
  item = g_object_new (LINLI_TYPE_INDEX_ITEM, NULL);
  item->index = g_array_index (self->indices, guint, position);
  return item;
}

static void
linli_index_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = linli_index_list_get_item_type;
  iface->get_n_items = linli_index_list_get_n_items;
  iface->get_item = linli_index_list_get_item;
}

static void
linli_index_list_finalize (GObject *object)
{
  g_clear_pointer (&LINLI_INDEX_LIST (object)->indices, g_array_unref);
  G_OBJECT_CLASS (linli_index_list_parent_class)->finalize (object);
}

static void
linli_index_list_class_init (LinliIndexListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = linli_index_list_finalize;
}

static void
linli_index_list_init (LinliIndexList *self)
{
  self->indices = g_array_new (FALSE, FALSE, sizeof (guint));
}

LinliIndexList *
linli_index_list_new (void)
{
  return g_object_new (LINLI_TYPE_INDEX_LIST, NULL);
}

/**
 * linli_index_list_set_indices:
 *
 * Replaces the rows.  Only the part that differs is announced, so a view
 * keeps its scroll position when a drag changes a few rows.
 */
void
linli_index_list_set_indices (LinliIndexList *self,
                                 const guint       *indices,
                                 guint              n_indices)
{
  guint old_n, prefix = 0, suffix = 0;

  g_return_if_fail (LINLI_IS_INDEX_LIST (self));

  old_n = self->indices->len;
  while (prefix < old_n && prefix < n_indices &&
         g_array_index (self->indices, guint, prefix) == indices[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < n_indices - prefix &&
         g_array_index (self->indices, guint, old_n - 1 - suffix) == indices[n_indices - 1 - suffix])
    suffix++;
  if (prefix == old_n && old_n == n_indices)
    return;

  g_array_set_size (self->indices, 0);
  g_array_append_vals (self->indices, indices, n_indices);
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix,
                              n_indices - prefix - suffix);
}
