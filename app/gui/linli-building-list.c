/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-building-list"

#include "linli-building-list.h"

struct _LinliBuildingItem
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (LinliBuildingItem, linli_building_item, G_TYPE_OBJECT)

static void
linli_building_item_class_init (LinliBuildingItemClass *klass)
{
}

static void
linli_building_item_init (LinliBuildingItem *self)
{
}

guint
linli_building_item_get_index (LinliBuildingItem *self)
{
  g_return_val_if_fail (LINLI_IS_BUILDING_ITEM (self), 0);
  return self->index;
}

struct _LinliBuildingList
{
  GObject  parent_instance;
  GArray  *indices;
};

static void linli_building_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LinliBuildingList, linli_building_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, linli_building_list_model_init))

static GType
linli_building_list_get_item_type (GListModel *model)
{
  return LINLI_TYPE_BUILDING_ITEM;
}

static guint
linli_building_list_get_n_items (GListModel *model)
{
  return LINLI_BUILDING_LIST (model)->indices->len;
}

static gpointer
linli_building_list_get_item (GListModel *model,
                              guint       position)
{
  LinliBuildingList *self = LINLI_BUILDING_LIST (model);
  LinliBuildingItem *item;

  if (position >= self->indices->len)
    return NULL;
  item = g_object_new (LINLI_TYPE_BUILDING_ITEM, NULL);
  item->index = g_array_index (self->indices, guint, position);
  return item;
}

static void
linli_building_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = linli_building_list_get_item_type;
  iface->get_n_items = linli_building_list_get_n_items;
  iface->get_item = linli_building_list_get_item;
}

static void
linli_building_list_finalize (GObject *object)
{
  g_clear_pointer (&LINLI_BUILDING_LIST (object)->indices, g_array_unref);
  G_OBJECT_CLASS (linli_building_list_parent_class)->finalize (object);
}

static void
linli_building_list_class_init (LinliBuildingListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = linli_building_list_finalize;
}

static void
linli_building_list_init (LinliBuildingList *self)
{
  self->indices = g_array_new (FALSE, FALSE, sizeof (guint));
}

LinliBuildingList *
linli_building_list_new (void)
{
  return g_object_new (LINLI_TYPE_BUILDING_LIST, NULL);
}

/**
 * linli_building_list_set_indices:
 *
 * Replaces the rows.  Only the part that differs is announced, so a view
 * keeps its scroll position when a drag changes a few rows.
 */
void
linli_building_list_set_indices (LinliBuildingList *self,
                                 const guint       *indices,
                                 guint              n_indices)
{
  guint old_n, prefix = 0, suffix = 0;

  g_return_if_fail (LINLI_IS_BUILDING_LIST (self));

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
