/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One row of a list of buildings or communities: just the index into the project. */
#define LINLI_TYPE_INDEX_ITEM (linli_index_item_get_type ())
G_DECLARE_FINAL_TYPE (LinliIndexItem, linli_index_item, LINLI, INDEX_ITEM, GObject)

guint linli_index_item_get_index (LinliIndexItem *self);

/* A GListModel over an array of indices (buildings, communities).  Items are made only
 * when a view asks for them, so a list of 300,000 rows costs one array.
 */
#define LINLI_TYPE_INDEX_LIST (linli_index_list_get_type ())
G_DECLARE_FINAL_TYPE (LinliIndexList, linli_index_list, LINLI, INDEX_LIST, GObject)

LinliIndexList *linli_index_list_new         (void) G_GNUC_WARN_UNUSED_RESULT;
void               linli_index_list_set_indices (LinliIndexList *self,
                                                    const guint       *indices,
                                                    guint              n_indices);

G_END_DECLS
